//! Webhooks: Plane's deliveries, received on 127.0.0.1, verified with the webhook's secret and
//! decoded strictly into `WebhookEvent`.
//!
//! `tests/plane-server/plane-server up` makes a workspace of its own for this
//! (`PLANE_WEBHOOK_WORKSPACE`) whose webhook delivers to `PLANE_WEBHOOK_URL` and signs with
//! `PLANE_WEBHOOK_SECRET`; its Celery worker sends the deliveries. This test listens there, changes
//! a project, a work item, a comment, a cycle and a module through the client, and checks that
//! each change arrives, verifies, and decodes into a type whose every key the body has, and no
//! other; and that each object's delivery converts into what the API's own `GET` returns.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use plane_client::{
    CreateCycleBody, CreateModuleBody, CreateProjectBody, CreateWorkItemBody, CreateWorkItemCommentBody, Cycle,
    Delivery, HeaderMap, Module, ProjectDeliveryData, ProjectId, UpdateCycleBody, UpdateModuleBody, UpdateProjectBody,
    UpdateWorkItemBody, UpdateWorkItemCommentBody, WebhookAction, WebhookError, WebhookEvent, WebhookReceiver,
    WorkItem, WorkItemComment, WorkItemPriority,
};
use serde_json::Value;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{Live, live, unique_identifier};

/// The webhook the harness registered: where it delivers, its secret, and its workspace.
struct Hook {
    address: String,
    secret: String,
    workspace: String,
}

/// The webhook named by the environment; `None` (the test is skipped) when the server was not
/// started by this repository's harness, which is the only one that registers it.
fn hook() -> Option<Hook> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let url = var("PLANE_WEBHOOK_URL")?;
    let address = url.trim_start_matches("http://").trim_end_matches('/').to_string();
    Some(Hook { address, secret: var("PLANE_WEBHOOK_SECRET")?, workspace: var("PLANE_WEBHOOK_WORKSPACE")? })
}

/// A delivery as it came over the wire.
struct Received {
    headers: HeaderMap,
    body: Vec<u8>,
}

#[tokio::test]
async fn webhook_deliveries_arrive_verified_and_decode_strictly() {
    let Some(live) = live() else { return };
    let Some(hook) = hook() else {
        let ci = std::env::var("CI").is_ok_and(|ci| ci == "true");
        assert!(!ci, "CI=true but PLANE_WEBHOOK_URL is not set: CI's server must register the webhook");
        return;
    };
    let listener = std::net::TcpListener::bind(&hook.address).expect("the webhook's address is free");
    let server = MockServer::builder().listener(listener).start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200)).mount(&server).await;

    // The worker reads each object when it sends: the project is deleted only once the others'
    // deliveries are in, since deleting it takes its cycles and modules along, and their
    // deliveries with them.
    let receiver = WebhookReceiver::<WebhookEvent>::new(&hook.secret).deny_unknown_fields(true);
    let (project, changed) = change_everything(&live, &hook.workspace).await;
    let arrived = wait_for(&server, &changes()).await;
    let converted = match &arrived {
        Ok(received) => conversions_match_the_api(&live, &hook.workspace, &receiver, received).await,
        Err(_) => Ok(()),
    };
    let deleted = live.client.delete_project(&hook.workspace, project).await;
    arrived.unwrap_or_else(|missing| panic!("{missing}"));
    deleted.expect("delete the webhook test's project");
    changed.expect("the changes the webhook reports");
    converted.unwrap_or_else(|mismatch| panic!("{mismatch}"));
    let gone = [("project".to_string(), WebhookAction::Deleted.to_string())];
    let received = wait_for(&server, &gone).await.unwrap_or_else(|missing| panic!("{missing}"));
    let expected = [changes().as_slice(), &gone].concat();

    let mut seen = BTreeSet::new();
    for delivery in &received {
        let verified = receiver.receive(&delivery.headers, &delivery.body);
        let verified = verified.unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&delivery.body)));
        assert!(verified.id.is_some(), "every delivery has an id");
        check_fields(&verified, &delivery.body);
        seen.insert(what(&verified.event));
    }
    for wanted in &expected {
        assert!(seen.contains(wanted), "no delivery for {wanted:?}; got {seen:?}");
    }

    // The same delivery with one byte changed, or checked with another secret, is refused.
    let first = &received[0];
    let mut tampered = first.body.clone();
    let at = tampered.iter().position(|b| *b == b':').expect("a JSON object");
    tampered.insert(at + 1, b' ');
    assert!(matches!(receiver.receive(&first.headers, &tampered), Err(WebhookError::BadSignature)));
    let stranger = WebhookReceiver::<WebhookEvent>::new("plane_wh_not_the_secret");
    assert!(matches!(stranger.receive(&first.headers, &first.body), Err(WebhookError::BadSignature)));
}

/// Each object's `updated` delivery converts into the API's type, equal to what the API's own
/// `GET` of it returns once the changes are made: but for the counts, which a delivery does not
/// carry and the conversion leaves `None`, and for `updated_at`, which may be older (`data` is
/// read when the delivery is sent, and a comment made later touches its work item).
async fn conversions_match_the_api(
    live: &Live,
    ws: &str,
    receiver: &WebhookReceiver<WebhookEvent>,
    received: &[Received],
) -> Result<(), String> {
    let client = &live.client;
    let mut compared = BTreeSet::new();
    for delivery in received {
        // Each delivery is checked strictly by the caller; here only the ones that decode count.
        let Ok(verified) = receiver.receive(&delivery.headers, &delivery.body) else { continue };
        let fetched_and_converted = match verified.event {
            WebhookEvent::Issue(e) if e.action == WebhookAction::Updated => {
                let mut converted = WorkItem::from(e.data);
                let fetched = client.retrieve_work_item(ws, converted.project, converted.id).await;
                fetched.map(|fetched| {
                    not_later(&mut converted.updated_at, fetched.updated_at);
                    ("issue", format!("{fetched:?}"), format!("{converted:?}"))
                })
            }
            WebhookEvent::IssueComment(e) if e.action == WebhookAction::Updated => {
                let mut converted = WorkItemComment::from(e.data);
                let (project, item, id) = (converted.project, converted.issue, converted.id);
                let fetched = client.retrieve_work_item_comment(ws, project, item, id).await;
                fetched.map(|mut fetched| {
                    fetched.is_member = None; // the caller's own membership, which a delivery has no caller for
                    not_later(&mut converted.updated_at, fetched.updated_at);
                    ("issue_comment", format!("{fetched:?}"), format!("{converted:?}"))
                })
            }
            WebhookEvent::Cycle(e) if e.action == WebhookAction::Updated => {
                let mut converted = Cycle::from(e.data);
                let fetched = client.retrieve_cycle(ws, converted.project, converted.id).await;
                fetched.map(|fetched| {
                    not_later(&mut converted.updated_at, fetched.updated_at);
                    ("cycle", format!("{:?}", without_counts_cycle(fetched)), format!("{converted:?}"))
                })
            }
            WebhookEvent::Module(e) if e.action == WebhookAction::Updated => {
                let mut converted = Module::from(e.data);
                let fetched = client.retrieve_module(ws, converted.project, converted.id).await;
                fetched.map(|fetched| {
                    not_later(&mut converted.updated_at, fetched.updated_at);
                    ("module", format!("{:?}", without_counts_module(fetched)), format!("{converted:?}"))
                })
            }
            _ => continue,
        };
        let (event, fetched, converted) = fetched_and_converted.map_err(|e| format!("fetching: {e}"))?;
        if fetched != converted {
            return Err(format!("{event}: the delivery converts into\n{converted}\nbut the API returns\n{fetched}"));
        }
        compared.insert(event);
    }
    let all = ["cycle", "issue", "issue_comment", "module"];
    if compared.iter().copied().ne(all) {
        return Err(format!("compared only {compared:?} of {all:?}"));
    }
    Ok(())
}

/// A delivery's `updated_at` as the API's, when it is not later: a later one stays, and fails the
/// comparison.
fn not_later<T: PartialOrd + Copy>(delivered: &mut T, fetched: T) {
    if *delivered <= fetched {
        *delivered = fetched;
    }
}

/// A cycle as a delivery shows it: without the counts of its work items and estimates.
fn without_counts_cycle(mut cycle: Cycle) -> Cycle {
    for count in [&mut cycle.total_issues, &mut cycle.completed_issues, &mut cycle.cancelled_issues] {
        *count = None;
    }
    for count in [&mut cycle.started_issues, &mut cycle.unstarted_issues, &mut cycle.backlog_issues] {
        *count = None;
    }
    for estimate in [&mut cycle.total_estimates, &mut cycle.completed_estimates, &mut cycle.started_estimates] {
        *estimate = None;
    }
    cycle
}

/// A module as a delivery shows it: without the counts of its work items.
fn without_counts_module(mut module: Module) -> Module {
    for count in [&mut module.total_issues, &mut module.completed_issues, &mut module.cancelled_issues] {
        *count = None;
    }
    for count in [&mut module.started_issues, &mut module.unstarted_issues, &mut module.backlog_issues] {
        *count = None;
    }
    module
}

/// An event's name and action (`("issue", "updated")`), as the test names what it expects.
type What = (String, String);

/// What a decoded event is, by its variant and its action: so the variant must match the name.
fn what(event: &WebhookEvent) -> What {
    let (name, action) = match event {
        WebhookEvent::Project(e) => ("project", &e.action),
        WebhookEvent::Issue(e) => ("issue", &e.action),
        WebhookEvent::IssueComment(e) => ("issue_comment", &e.action),
        WebhookEvent::Cycle(e) => ("cycle", &e.action),
        WebhookEvent::Module(e) => ("module", &e.action),
        other => panic!("an event the spec does not list: {other:?}"),
    };
    (name.to_string(), action.to_string())
}

/// Creates a project in the webhook's workspace and creates and changes one of each kind of
/// object in it; returns the project, to be deleted, and whether every change was made.
async fn change_everything(live: &Live, ws: &str) -> (ProjectId, Result<(), plane_client::Error>) {
    let client = &live.client;
    let identifier = unique_identifier();
    let body = CreateProjectBody::new(format!("Webhooks {identifier}"), identifier).cycle_view(true).module_view(true);
    let project = client.create_project(ws, &body).await.expect("a project in the webhook's workspace");
    let id = project.id;
    let changes = async {
        client.update_project(ws, id, &UpdateProjectBody::new().description("Watched by a webhook")).await?;
        let item = client.create_work_item(ws, id, &CreateWorkItemBody::new("Delivered")).await?;
        let urgent = UpdateWorkItemBody::new().priority(WorkItemPriority::Urgent);
        client.update_work_item(ws, id, item.id, &urgent).await?;
        let comment = CreateWorkItemCommentBody::new().comment_html("<p>Seen by the webhook.</p>");
        let comment = client.create_work_item_comment(ws, id, item.id, &comment).await?;
        let edited = UpdateWorkItemCommentBody::new().comment_html("<p>Edited.</p>");
        client.update_work_item_comment(ws, id, item.id, comment.id, &edited).await?;
        let cycle = client.create_cycle(ws, id, &CreateCycleBody::new("Sprint 1", id)).await?;
        client.update_cycle(ws, id, cycle.id, &UpdateCycleBody::new().description("The first")).await?;
        let module = client.create_module(ws, id, &CreateModuleBody::new("Receiver")).await?;
        client.update_module(ws, id, module.id, &UpdateModuleBody::new().description("Hooks")).await?;
        Ok::<(), plane_client::Error>(())
    }
    .await;
    (id, changes)
}

/// The deliveries the changes must bring: each kind of object created and updated.
fn changes() -> Vec<What> {
    let actions = [WebhookAction::Created, WebhookAction::Updated];
    let events = ["project", "issue", "issue_comment", "cycle", "module"];
    events.into_iter().flat_map(|event| actions.clone().map(|a| (event.to_string(), a.to_string()))).collect()
}

/// Every delivery the server sent, once each expected one has arrived (a minute at most: the
/// worker sends them within seconds); what is still missing after that.
async fn wait_for(server: &MockServer, expected: &[What]) -> Result<Vec<Received>, String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let requests = server.received_requests().await.unwrap_or_default();
        let received: Vec<Received> =
            requests.into_iter().map(|r| Received { headers: r.headers, body: r.body }).collect();
        let names: BTreeSet<What> = received.iter().filter_map(event_and_action).collect();
        let missing: Vec<&What> = expected.iter().filter(|what| !names.contains(*what)).collect();
        if missing.is_empty() {
            return Ok(received);
        }
        if Instant::now() > deadline {
            return Err(format!("no delivery within a minute for {missing:?}; got {names:?}"));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

fn event_and_action(delivery: &Received) -> Option<What> {
    let body: Value = serde_json::from_slice(&delivery.body).ok()?;
    Some((body["event"].as_str()?.to_string(), body["action"].as_str()?.to_string()))
}

/// The decoded event holds every key of the body's `data` and `activity`, and no other: a
/// union's alternative (a project's `data`) is not checked by `deny_unknown_fields`, and a
/// required key the server left out would have failed decoding.
fn check_fields(delivery: &Delivery<WebhookEvent>, body: &[u8]) {
    let raw: Value = serde_json::from_slice(body).expect("JSON");
    let decoded = match &delivery.event {
        WebhookEvent::Project(e) => {
            if e.action == WebhookAction::Deleted {
                assert!(matches!(e.data, ProjectDeliveryData::Deleted(_)), "a deletion carries only the id");
            } else {
                assert!(matches!(e.data, ProjectDeliveryData::Project(_)), "{}", raw["data"]);
            }
            serde_json::to_value(e)
        }
        WebhookEvent::Issue(e) => serde_json::to_value(e),
        WebhookEvent::IssueComment(e) => serde_json::to_value(e),
        WebhookEvent::Cycle(e) => serde_json::to_value(e),
        WebhookEvent::Module(e) => serde_json::to_value(e),
        other => panic!("an event the spec does not list: {other:?}"),
    }
    .expect("the event encodes");
    for part in ["data", "activity"] {
        assert_eq!(keys(&decoded[part]), keys(&raw[part]), "{} {part}", delivery.name);
    }
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}
