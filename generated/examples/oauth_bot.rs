//! An OAuth app's bot token (Plane Cloud and the commercial editions; the Community Edition has
//! no OAuth apps): the client fetches a token from the client-credentials grant at the first call,
//! and refreshes it on its own.
//!
//! ```sh
//! PLANE_CLIENT_ID=… PLANE_CLIENT_SECRET=… PLANE_APP_INSTALLATION_ID=… cargo run -p plane-client --example oauth_bot
//! ```

use plane_client::{Client, OAuthApp};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = OAuthApp::new(std::env::var("PLANE_CLIENT_ID")?, std::env::var("PLANE_CLIENT_SECRET")?);
    let bot = app.client_credentials().param("app_installation_id", std::env::var("PLANE_APP_INSTALLATION_ID")?);
    let client = Client::builder().oauth(bot).build()?; // `.base_url(…)` for a self-hosted server
    println!("the app's bot user: {}", client.retrieve_current_user().await?.display_name);
    Ok(())
}
