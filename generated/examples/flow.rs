//! A realistic flow through the Customers API, against any Plane server:
//! create a customer, record a request, link two work items to it, define a property and set the
//! customer's value, update the customer (set some fields, clear one), list every customer through
//! the page stream, and clean up.
//!
//! ```sh
//! PLANE_API_KEY=plane_api_… PLANE_WORKSPACE=my-team PLANE_WORK_ITEMS=<uuid>,<uuid> \
//!     cargo run -p plane-client --example flow -- https://api.plane.so
//! ```
//!
//! It prints what it does (never the key) and exits non-zero on the first error.

use std::collections::BTreeMap;

use futures_util::TryStreamExt;
use plane_client::*;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let base_url = std::env::args().nth(1).ok_or("usage: flow BASE_URL (API key in PLANE_API_KEY)")?;
    let key = std::env::var("PLANE_API_KEY").map_err(|_| "set PLANE_API_KEY to an API key")?;
    let ws = std::env::var("PLANE_WORKSPACE").unwrap_or_else(|_| "my-workspace".into());
    let work_items: Vec<WorkItemId> = std::env::var("PLANE_WORK_ITEMS")
        .map_err(|_| "set PLANE_WORK_ITEMS to two work item ids, comma-separated")?
        .split(',')
        .map(|id| id.trim().parse())
        .collect::<Result<_, _>>()?;
    let client = Client::builder().base_url(base_url).api_key(key).build()?;
    println!("talking to {} as workspace `{ws}`", client.base_url());

    let body = CreateCustomerBody::new("Flow Example Co.")
        .domain("flow.example")
        .employees(40)
        .website_url("https://flow.example");
    let customer = client.create_customer(&ws, &body).await?;
    println!("created customer {} ({})", customer.name, customer.id);

    let request = CreateCustomerRequestBody::new("Single sign-on").link("https://support.example/tickets/1");
    let request = client.create_customer_request(&ws, customer.id, &request).await?;
    println!("recorded request `{}` ({})", request.name, request.id);

    let through = LinkWorkItemsQuery::new().customer_request_id(request.id);
    let linked = client.link_work_items(&ws, customer.id, &through, &LinkWorkItemsBody::new(work_items)).await?;
    println!("linked work items: {}", linked.message.as_deref().unwrap_or("done"));

    let property = CreateCustomerPropertyBody::new("Key account", PropertyType::Boolean).name("Key account");
    let property = client.create_customer_property(&ws, &property).await?;
    println!("created property `{}` ({})", property.display_name, property.id);

    let values = BTreeMap::from([(property.id.to_string(), vec!["True".to_string()])]);
    client.set_customer_property_values(&ws, customer.id, &SetCustomerPropertyValuesBody::new(values)).await?;
    println!("set `{}` to True for {}", property.display_name, customer.name);

    let update = UpdateCustomerBody::new().stage("active").employees(45).clear_website_url();
    let customer = client.update_customer(&ws, customer.id, &update).await?;
    println!("updated {}: stage {:?}, website {:?}", customer.name, customer.stage, customer.website_url);

    let everyone: Vec<Customer> =
        client.list_customers_stream(&ws, &ListCustomersQuery::new().per_page(100)).try_collect().await?;
    let found = everyone.iter().any(|c| c.id == customer.id);
    println!("listed {} customer(s); ours is {}", everyone.len(), if found { "among them" } else { "missing" });
    if !found {
        return Err("the new customer is not in the list".into());
    }

    client.delete_customer_property(&ws, property.id).await?;
    client.delete_customer(&ws, customer.id).await?;
    println!("deleted the property and the customer");
    Ok(())
}
