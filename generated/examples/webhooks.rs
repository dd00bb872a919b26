//! Receives Plane's webhooks with a small axum server: each delivery is verified with the
//! webhook's secret and printed as a typed event; one that does not verify is refused with a
//! 401. So that there is something to receive, it creates a project in the webhook's workspace,
//! changes it and deletes it, and stops once Plane has delivered the deletion.
//!
//! ```sh
//! PLANE_API_KEY=plane_api_… PLANE_WEBHOOK_SECRET=plane_wh_… \
//!   cargo run -p plane-client --example webhooks -- https://plane.example.com my-team http://10.0.0.5:8080/
//! ```
//!
//! The last argument is the webhook's URL, as registered in the workspace's settings: the
//! example listens on its host and port. A self-hosted Plane delivers to private addresses only
//! when its `WEBHOOK_ALLOWED_IPS` allows them.

use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use plane_client::*;
use tokio::sync::mpsc;

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
    let (Some(base_url), Some(workspace), Some(url)) = (args.next(), args.next(), args.next()) else {
        return Err("usage: webhooks BASE_URL WORKSPACE_SLUG WEBHOOK_URL (PLANE_API_KEY, PLANE_WEBHOOK_SECRET)".into());
    };
    let address = url.trim_start_matches("http://").trim_end_matches('/').to_string();
    let receiver = WebhookReceiver::<WebhookEvent>::new(std::env::var("PLANE_WEBHOOK_SECRET")?);
    let (events, mut received) = mpsc::unbounded_channel();
    let app = Router::new().route("/", post(receive)).with_state(Webhook { receiver, events });
    let listener = tokio::net::TcpListener::bind(&address).await?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!("listening on {address}");

    let client = Client::builder().base_url(base_url).api_key(std::env::var("PLANE_API_KEY")?).build()?;
    let identifier = format!("WH{}", std::process::id() % 100_000);
    let body = CreateProjectBody::new(format!("Webhooks {identifier}"), &identifier);
    let project = client.create_project(&workspace, &body).await?;
    let update = UpdateProjectBody::new().description("Changed while a webhook listens");
    let updated = client.update_project(&workspace, project.id, &update).await;
    client.delete_project(&workspace, project.id).await?;
    updated?;
    println!("created, changed and deleted project {identifier}; waiting for the deliveries");

    // The deletion comes last; the worker sends deliveries within seconds.
    let deleted = async {
        while let Some(event) = received.recv().await {
            if matches!(&event, WebhookEvent::Project(e) if e.action == WebhookAction::Deleted) {
                return true;
            }
        }
        false
    };
    match tokio::time::timeout(Duration::from_secs(60), deleted).await {
        Ok(true) => Ok(()),
        _ => Err("Plane delivered no deletion within a minute".into()),
    }
}

/// What the handler needs: the receiver, and where to pass the events on.
#[derive(Clone)]
struct Webhook {
    receiver: WebhookReceiver<WebhookEvent>,
    events: mpsc::UnboundedSender<WebhookEvent>,
}

/// The webhook's handler. It verifies before anything else and answers at once: Plane waits for
/// the answer, and retries a delivery that fails.
async fn receive(State(webhook): State<Webhook>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let delivery = match webhook.receiver.receive(&headers, &body) {
        Ok(delivery) => delivery,
        Err(e) => {
            eprintln!("refused a delivery: {e}");
            return StatusCode::UNAUTHORIZED;
        }
    };
    match &delivery.event {
        WebhookEvent::Project(e) => println!("project {}: {}", e.action, e.activity.field.as_deref().unwrap_or("-")),
        WebhookEvent::Issue(e) => println!("work item {} {}", e.data.sequence_id, e.action),
        WebhookEvent::IssueComment(e) => println!("comment on {} {}", e.data.issue, e.action),
        WebhookEvent::Cycle(e) => println!("cycle {} {}", e.data.name, e.action),
        WebhookEvent::Module(e) => println!("module {} {}", e.data.name, e.action),
        other => println!("an event this crate does not know: {other:?}"),
    }
    let _ = webhook.events.send(delivery.event);
    StatusCode::OK
}
