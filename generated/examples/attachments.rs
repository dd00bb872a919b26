//! Attach a file to a work item and get it back, against any Plane server with object storage
//! (Cloud, or a self-hosted one with S3 or MinIO): upload a file from disk in one call, list it,
//! download it and check it is the same, delete it, and clean up.
//!
//! ```sh
//! PLANE_API_KEY=plane_api_… cargo run -p plane-client --example attachments -- https://plane.example.com my-team
//! ```
//!
//! It prints what it does (never the key), removes what it made even when a step fails, and exits
//! non-zero on the first error.

use std::{error::Error, path::Path};

use plane_client::{Client, CreateWorkItemAttachmentBody, Upload, WorkItem};

/// Attaches the file at `path` to `item`, downloads it back, checks it is the same, deletes it.
async fn round_trip(client: &Client, ws: &str, item: &WorkItem, path: &Path) -> Result<(), Box<dyn Error>> {
    let file = Upload::file(path).await?; // read as it is sent, its length declared first
    let body = CreateWorkItemAttachmentBody::new("report.csv", "text/csv", i64::try_from(file.len())?);
    let attachment = client.upload_work_item_attachment(ws, item.project, item.id, &body, file).await?;
    let download = client.download_work_item_attachment(ws, item.project, item.id, attachment.id).await?;
    assert_eq!(download.bytes().await?, tokio::fs::read(path).await?, "the file changed on the way");
    client.delete_work_item_attachment(ws, item.project, item.id, attachment.id).await?;
    Ok(())
}

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

async fn run() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(base_url), Some(workspace)) = (args.next(), args.next()) else {
        return Err("usage: attachments BASE_URL WORKSPACE_SLUG (API key in PLANE_API_KEY)".into());
    };
    let client = Client::builder().base_url(base_url).api_key(std::env::var("PLANE_API_KEY")?).build()?;

    let identifier = format!("AT{}", std::process::id() % 100_000);
    let project = client
        .create_project(&workspace, &plane_client::CreateProjectBody::new(format!("Files {identifier}"), &identifier))
        .await?;
    println!("created project {}", project.identifier);
    // The file to attach: a small report, written next to the other temporary files.
    let path = std::env::temp_dir().join(format!("report-{identifier}.csv"));
    let contents: String = (1..=1000).map(|week| format!("{week},{}\n", week * 7 % 100)).collect();
    tokio::fs::write(&path, &contents).await?;

    let result = attach(&client, &workspace, &project, &path).await;
    // Clean up whatever happened above.
    tokio::fs::remove_file(&path).await?;
    client.delete_project(&workspace, project.id).await?;
    println!("deleted project {}", project.identifier);
    result
}

async fn attach(client: &Client, ws: &str, project: &plane_client::Project, path: &Path) -> Result<(), Box<dyn Error>> {
    let item = client.create_work_item(ws, project.id, &plane_client::CreateWorkItemBody::new("Weekly report")).await?;
    round_trip(client, ws, &item, path).await?;
    println!("uploaded {}, downloaded the same bytes, deleted it", path.display());

    // The same steps, one by one, with what each gives.
    let file = Upload::file(path).await?;
    let body = CreateWorkItemAttachmentBody::new("report.csv", "text/csv", i64::try_from(file.len())?);
    let attachment = client.upload_work_item_attachment(ws, project.id, item.id, &body, file).await?;
    println!("uploaded {} ({} bytes)", attachment.attributes["name"], attachment.size);
    let listed = client.list_work_item_attachments(ws, project.id, item.id).await?;
    println!("{}-{} has {} attachment(s)", project.identifier, item.sequence_id, listed.len());
    let download = client.download_work_item_attachment(ws, project.id, item.id, attachment.id).await?;
    println!("downloading {:?}, {:?} bytes", download.file_name(), download.content_length());
    let mut copy = Vec::new();
    let written = download.write_to(&mut copy).await?;
    println!("downloaded {written} bytes");
    client.delete_work_item_attachment(ws, project.id, item.id, attachment.id).await?;
    println!("deleted the attachment");
    Ok(())
}
