//! Plan a sprint in Plane, against any Plane server (Community Edition or Cloud): turn on cycles,
//! modules and intake for a new project, plan a cycle and a module, add work items to both,
//! record a request in intake and accept it, pin a sticky with the sprint's goal, list everything
//! through the page streams, and clean up.
//!
//! ```sh
//! PLANE_API_KEY=plane_api_… cargo run -p plane-client --example sprint -- https://plane.example.com my-team
//! ```
//!
//! It prints what it does (never the key), removes what it made even when a step fails, and exits
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
        return Err("usage: sprint BASE_URL WORKSPACE_SLUG (API key in PLANE_API_KEY)".into());
    };
    let client = Client::builder().base_url(base_url).api_key(std::env::var("PLANE_API_KEY")?).build()?;

    let identifier = format!("SP{}", std::process::id() % 100_000);
    let project =
        client.create_project(&workspace, &CreateProjectBody::new(format!("Sprint {identifier}"), &identifier)).await?;
    println!("created project {}", project.identifier);
    let sticky = client
        .create_sticky(&workspace, &CreateStickyBody::new().name("Sprint goal").description_html("<p>Ship search.</p>"))
        .await?;
    println!("pinned a sticky: {:?}", sticky.name);

    let result = plan(&client, &workspace, &project).await;
    // Clean up whatever happened above: the sticky belongs to the workspace, not the project.
    client.delete_sticky(&workspace, sticky.id).await?;
    client.delete_project(&workspace, project.id).await?;
    println!("removed the sticky and project {}", project.identifier);
    result
}

async fn plan(client: &Client, ws: &str, project: &Project) -> Result<(), Box<dyn std::error::Error>> {
    // New projects have cycles, modules and intake turned off.
    let features = UpdateProjectBody::new().cycle_view(true).module_view(true).intake_view(true);
    client.update_project(ws, project.id, &features).await?;

    let cycle =
        CreateCycleBody::new("Sprint 1", project.id).start_date("2030-01-07".parse()?).end_date("2030-01-20".parse()?);
    let cycle = client.create_cycle(ws, project.id, &cycle).await?;
    let module = CreateModuleBody::new("Search").status(ModuleStatus::Planned).target_date("2030-03-31".parse()?);
    let module = client.create_module(ws, project.id, &module).await?;
    println!("planned cycle {:?} and module {:?}", cycle.name, module.name);

    let mut items = Vec::new();
    for name in ["Index work items", "Rank results", "Search box in the header"] {
        items.push(client.create_work_item(ws, project.id, &CreateWorkItemBody::new(name)).await?.id);
    }
    client.add_cycle_work_items(ws, project.id, cycle.id, &AddCycleWorkItemsBody::new(items.clone())).await?;
    client.add_module_work_items(ws, project.id, module.id, &AddModuleWorkItemsBody::new(items[..2].to_vec())).await?;
    println!("added {} work items to the cycle, 2 to the module", items.len());

    let request = CreateIntakeWorkItemBody::new(IntakeWorkItemNew::new("Search ignores accents"));
    let request = client.create_intake_work_item(ws, project.id, &request).await?;
    let accepted = UpdateIntakeWorkItemBody::new().status(IntakeStatus::Accepted);
    client.update_intake_work_item(ws, project.id, request.issue, &accepted).await?;
    println!("recorded {:?} in intake and accepted it", request.issue_detail.name);

    let in_cycle: Vec<WorkItem> = client
        .list_cycle_work_items_stream(ws, project.id, cycle.id, &ListCycleWorkItemsQuery::new().per_page(2))
        .try_collect()
        .await?;
    let in_module: Vec<WorkItem> = client
        .list_module_work_items_stream(ws, project.id, module.id, &ListModuleWorkItemsQuery::new())
        .try_collect()
        .await?;
    let intake: Vec<IntakeWorkItem> =
        client.list_intake_work_items_stream(ws, project.id, &ListIntakeWorkItemsQuery::new()).try_collect().await?;
    let stickies: Vec<Sticky> = client.list_stickies_stream(ws, &ListStickiesQuery::new()).try_collect().await?;
    println!("cycle {:?}:", cycle.name);
    for item in &in_cycle {
        println!("  {}-{} {}", project.identifier, item.sequence_id, item.name);
    }
    println!("module {:?}: {} work items", module.name, in_module.len());
    println!(
        "intake: {} request(s), {} accepted",
        intake.len(),
        intake.iter().filter(|i| i.status == IntakeStatus::Accepted).count()
    );
    println!("stickies of the caller: {}", stickies.len());
    Ok(())
}
