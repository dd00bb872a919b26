//! A day's work in Plane, against any Plane server (Community Edition or Cloud): create a project,
//! a state and two labels, a work item with them, a comment and a link; move the work item to
//! another state, clear its due date, list the project's work items through the page stream, and
//! delete the project again.
//!
//! ```sh
//! PLANE_API_KEY=plane_api_… cargo run -p plane-client --example work_items -- https://plane.example.com my-team
//! ```
//!
//! It prints what it does (never the key), deletes the project even when a step fails, and exits
//! non-zero on the first error.

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
    let mut args = std::env::args().skip(1);
    let (Some(base_url), Some(workspace)) = (args.next(), args.next()) else {
        return Err("usage: work_items BASE_URL WORKSPACE_SLUG (API key in PLANE_API_KEY)".into());
    };
    let client = Client::builder().base_url(base_url).api_key(std::env::var("PLANE_API_KEY")?).build()?;

    // Identifiers are upper-case letters and digits, unique in the workspace.
    let identifier = format!("EX{}", std::process::id() % 100_000);
    let project = client
        .create_project(&workspace, &CreateProjectBody::new(format!("Example {identifier}"), &identifier))
        .await?;
    println!("created project {} ({})", project.name, project.identifier);

    let result = work(&client, &workspace, &project).await;
    // Clean up whatever happened above.
    client.delete_project(&workspace, project.id).await?;
    println!("deleted project {}", project.identifier);
    result
}

async fn work(client: &Client, ws: &str, project: &Project) -> Result<(), Box<dyn std::error::Error>> {
    let review = client
        .create_state(ws, project.id, &CreateStateBody::new("In review", "#8B5CF6").group(StateGroup::Started))
        .await?;
    let bug = client.create_label(ws, project.id, &CreateLabelBody::new("bug").color("#EF4444")).await?;
    let api = client.create_label(ws, project.id, &CreateLabelBody::new("api").color("#3B82F6")).await?;
    println!("created state {:?} and labels {:?}, {:?}", review.name, bug.name, api.name);

    let due: chrono::NaiveDate = "2030-01-31".parse()?;
    let body = CreateWorkItemBody::new("Pagination stops one page early")
        .description_html("<p>The last page of results is never fetched.</p>")
        .priority(WorkItemPriority::High)
        .labels(vec![bug.id, api.id])
        .target_date(due);
    let item = client.create_work_item(ws, project.id, &body).await?;
    println!("created {}-{}: {} (due {due})", project.identifier, item.sequence_id, item.name);

    let comment = CreateWorkItemCommentBody::new().comment_html("<p>Reproduced with per_page=1.</p>");
    client.create_work_item_comment(ws, project.id, item.id, &comment).await?;
    let link = CreateWorkItemLinkBody::new("https://example.com/issues/42").title("Original report");
    client.create_work_item_link(ws, project.id, item.id, &link).await?;
    println!("added a comment and a link");

    // Move it to review and clear the due date (sent as `null`); every other field stays as it is.
    let update = UpdateWorkItemBody::new().state(review.id).clear_target_date();
    let item = client.update_work_item(ws, project.id, item.id, &update).await?;
    println!("moved to {:?}; due date now {:?}", review.name, item.target_date);

    // Every work item of the project, page after page (two per page, to show the stream at work).
    let all: Vec<WorkItem> =
        client.list_work_items_stream(ws, project.id, &ListWorkItemsQuery::new().per_page(2)).try_collect().await?;
    for item in &all {
        println!("  {}-{} {} [{:?}]", project.identifier, item.sequence_id, item.name, item.priority);
    }
    Ok(())
}
