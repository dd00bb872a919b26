//! Update a customer: set a few fields, clear one, leave the rest alone.
//!
//! ```sh
//! PLANE_API_KEY=plane_api_… cargo run -p plane-client --example update_customer -- \
//!     https://api.plane.so my-workspace 550e8400-e29b-41d4-a716-446655440000
//! ```

use plane_client::{Client, CustomerId, Error, ErrorKind, UpdateCustomerBody};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(base_url), Some(workspace), Some(customer)) = (args.next(), args.next(), args.next()) else {
        return Err("usage: update_customer BASE_URL WORKSPACE_SLUG CUSTOMER_ID (API key in PLANE_API_KEY)".into());
    };
    let customer_id: CustomerId = customer.parse()?;

    let client = Client::builder().base_url(base_url).api_key(std::env::var("PLANE_API_KEY")?).build()?;

    // Only what is named here is sent: `stage` and `employees` are set, `website_url` is cleared
    // (sent as null), and every other field keeps its value on the server.
    let body = UpdateCustomerBody::new().stage("active").employees(120).clear_website_url();

    match client.update_customer(&workspace, customer_id, &body).await {
        Ok(customer) => {
            println!("updated {} ({}): stage {:?}", customer.name, customer.id, customer.stage);
            Ok(())
        }
        Err(Error::Api(e)) if e.kind() == ErrorKind::BadRequest => {
            for (field, messages) in e.field_errors().into_iter().flatten() {
                eprintln!("{field}: {}", messages.join(" "));
            }
            Err(e.into())
        }
        Err(e) => Err(e.into()),
    }
}
