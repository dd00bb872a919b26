//! A user's tokens from an OAuth app (Plane Cloud and the commercial editions; the Community
//! Edition has no OAuth apps): the consent screen's URL with a random `state`, the code the user
//! comes back with exchanged for tokens, and a client that refreshes them, storing each rotated
//! refresh token. A web app does the middle step in its redirect handler; here the code is pasted.
//!
//! ```sh
//! PLANE_CLIENT_ID=… PLANE_CLIENT_SECRET=… cargo run -p plane-client --example oauth_user -- https://my-app.example/callback
//! ```

use plane_client::{Client, OAuthApp, TokenSet};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let redirect_uri = std::env::args().nth(1).ok_or("usage: oauth_user REDIRECT_URI")?;
    let app = OAuthApp::new(std::env::var("PLANE_CLIENT_ID")?, std::env::var("PLANE_CLIENT_SECRET")?);

    let consent = app.authorization(&redirect_uri, &["profile:read"])?;
    println!("open {}\nthen paste the redirect's `code` and `state`, one per line:", consent.url);
    let mut lines = std::io::stdin().lines();
    let code = lines.next().ok_or("no code")??;
    let state = lines.next().ok_or("no state")??;
    if state.trim() != consent.state {
        return Err("the state differs: this redirect is not the answer to our request".into());
    }
    let tokens = app.exchange_code(code.trim(), &redirect_uri).await?;

    // Each refresh rotates the refresh token: store every new set (a database, in a real app).
    let source =
        app.user_tokens(tokens).on_token(|tokens: &TokenSet| println!("new tokens until {:?}", tokens.expires_at()));
    let client = Client::builder().oauth(source).build()?;
    let me = client.retrieve_current_user().await?;
    println!("signed in as {}", me.display_name);
    Ok(())
}
