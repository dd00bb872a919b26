//! The paid editions' templates (a project's work-item and page templates; a workspace's
//! work-item, page and project templates) against a local server, as `cloud_pages.rs` does for
//! its families. No reference page documents them but the one that makes a project from a
//! template (checked against its page's example), so every other request must be the one the
//! Python SDK sends (method, exact path, no query, and the JSON body
//! its request model dumps with `exclude_none=True`); every answer is built from the SDK's model
//! with every field set, decoded by a strict client (`deny_unknown_fields`: a key the spec lacks
//! fails) and encoded back to the same JSON (every field decoded, into its place). An answer
//! with only the keys the spec requires (`id`, `name`; the SDK's models make every other key
//! optional) decodes too.

#[macro_use]
mod cloud_common;

use cloud_common::*;
use cloud_common::{page, uuid};
use plane_client::*;
use serde_json::{Value, json};

const TEMPLATE: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const WORKSPACE: &str = "70b6599f-9313-4c0d-b5c0-406a13a05647";

/// The request the SDK sends to `path` under the workspace, with `body`, answered with `status`.
fn sdk(method: &str, path: &str, status: u16, body: Option<Value>) -> Reference {
    Reference::sdk(method, format!("/api/v1/workspaces/{WS}{path}"), status, body)
}

fn in_project(rest: &str) -> String {
    format!("/projects/{PROJECT}{rest}")
}

/// The SDK's project_templates.WorkItemTemplate (and PageTemplate: the same keys), every field set.
fn project_template_json(data: Value, kind: &str) -> Value {
    json!({
        "id": TEMPLATE, "name": "Bug report", "short_description": "What to write when something breaks.",
        "template_data": data, "template_type": kind,
        "created_at": "2025-03-01T10:00:00.123456Z", "updated_at": "2025-03-02T11:30:00Z",
        "project": PROJECT, "workspace": WORKSPACE
    })
}

fn project_work_item_template_json() -> Value {
    let data =
        json!({"name": "Bug: ", "priority": "high", "label_ids": [PROJECT_LABEL], "description_html": "<p>Steps</p>"});
    project_template_json(data, "WORK_ITEM")
}

fn project_page_template_json() -> Value {
    let data = json!({"name": "Meeting notes", "description_html": "<h2>Agenda</h2>", "logo_props": {}});
    project_template_json(data, "PAGE")
}

/// The SDK's workspace_templates.WorkItemTemplate (and PageTemplate: the same keys), every field set.
fn workspace_template_json(data: Value) -> Value {
    json!({
        "id": TEMPLATE, "name": "Bug report", "description": "What to write when something breaks.",
        "description_html": "<p>What to write when something breaks.</p>", "template_data": data,
        "logo_props": {"in_use": "emoji", "emoji": {"value": "128027"}},
        "created_at": "2025-03-01T10:00:00Z", "updated_at": "2025-03-02T11:30:00.512345Z", "workspace": WORKSPACE
    })
}

/// The SDK's workspace_templates.ProjectTemplate, every field set.
fn project_template() -> Value {
    json!({
        "id": TEMPLATE, "name": "Product launch", "description": "States, labels and cycles for a launch.",
        "logo_props": {"in_use": "icon", "icon": {"name": "Rocket", "color": "#3A86FF"}},
        "template_data": {"network": 2, "states": [{"name": "Todo", "group": "unstarted"}], "labels": ["launch"]},
        "created_at": "2025-03-01T10:00:00Z", "updated_at": "2025-03-02T11:30:00Z", "workspace": WORKSPACE
    })
}

fn minimal() -> Value {
    json!({"id": TEMPLATE, "name": "Bare"})
}

/// `json` without its top-level keys whose value is null: a key that may be absent or null
/// decodes as `None` either way, and `None` is encoded as an absent key.
fn without_nulls(json: &Value) -> Value {
    Value::Object(
        json.as_object().unwrap().iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect(),
    )
}

// ---- a project's work-item templates ----

#[tokio::test]
async fn list_project_work_item_templates() {
    let reference = sdk("GET", &in_project("/workitems/templates/"), 200, None);
    // The SDK reads a bare list, or the same in an envelope's `results`.
    let full = project_work_item_template_json();
    // Plane's envelope has three keys that are null here (grouped_by, sub_grouped_by, extra_stats).
    for answer in [json!([full, minimal()]), page(vec![full.clone(), minimal()])] {
        let listed =
            exchange!(reference, Some(&answer), |client| client.list_project_work_item_templates(WS, uuid(PROJECT)));
        assert_encodes_to!(listed, if answer.is_object() { without_nulls(&answer) } else { answer });
        let templates = match listed {
            ProjectWorkItemTemplates::List(list) => list,
            ProjectWorkItemTemplates::Envelope(envelope) => envelope.results,
        };
        assert_eq!(templates[0].project, Some(uuid(PROJECT)));
        assert_eq!(templates[0].template_data.as_ref().unwrap()["priority"], json!("high"));
        assert_eq!((templates[1].name.as_str(), templates[1].created_at), ("Bare", None));
    }
}

#[tokio::test]
async fn create_project_work_item_template() {
    let data = json!({"priority": "high", "label_ids": [PROJECT_LABEL]});
    let sent = json!({"name": "Bug report", "short_description": "What to write when something breaks.", "template_data": data});
    let reference = sdk("POST", &in_project("/workitems/templates/"), 201, Some(sent));
    let answer = project_work_item_template_json();
    let body = CreateProjectWorkItemTemplateBody::new("Bug report")
        .short_description("What to write when something breaks.")
        .template_data(data.as_object().unwrap().clone().into_iter().collect());
    let created = exchange!(reference, Some(&answer), |client| client.create_project_work_item_template(
        WS,
        uuid(PROJECT),
        &body
    ));
    assert_encodes_to!(created, answer);
    assert_eq!(created.id, uuid::<WorkItemTemplateId>(TEMPLATE));
    // Only the name, as the SDK's CreateWorkItemTemplate with the rest unset.
    let reference = sdk("POST", &in_project("/workitems/templates/"), 201, Some(json!({"name": "Bare"})));
    let body = CreateProjectWorkItemTemplateBody::new("Bare");
    exchange!(reference, Some(&minimal()), |client| client.create_project_work_item_template(WS, uuid(PROJECT), &body));
}

#[tokio::test]
async fn update_project_work_item_template() {
    // The SDK's call writes this PATCH's path without the trailing slash that its other calls
    // write, but its `_build_url` adds one to every path: the request is the same.
    let one = in_project(&format!("/workitems/templates/{TEMPLATE}/"));
    let reference = sdk("PATCH", &one, 200, Some(json!({"short_description": "Updated description"})));
    let answer = project_work_item_template_json();
    let body = UpdateProjectWorkItemTemplateBody::new().short_description("Updated description");
    let updated = exchange!(reference, Some(&answer), |client| client.update_project_work_item_template(
        WS,
        uuid(PROJECT),
        uuid(TEMPLATE),
        &body
    ));
    assert_encodes_to!(updated, answer);
}

#[tokio::test]
async fn delete_project_work_item_template() {
    let reference = sdk("DELETE", &in_project(&format!("/workitems/templates/{TEMPLATE}/")), 204, None);
    exchange!(reference, None, |client| client.delete_project_work_item_template(WS, uuid(PROJECT), uuid(TEMPLATE)));
}

// ---- a project's page templates ----

#[tokio::test]
async fn list_project_page_templates() {
    let reference = sdk("GET", &in_project("/pages/templates/"), 200, None);
    let full = project_page_template_json();
    for answer in [json!([full, minimal()]), page(vec![full.clone(), minimal()])] {
        let listed =
            exchange!(reference, Some(&answer), |client| client.list_project_page_templates(WS, uuid(PROJECT)));
        assert_encodes_to!(listed, if answer.is_object() { without_nulls(&answer) } else { answer });
        let templates = match listed {
            ProjectPageTemplates::List(list) => list,
            ProjectPageTemplates::Envelope(envelope) => envelope.results,
        };
        assert_eq!(templates[0].template_type.as_deref(), Some("PAGE"));
        assert_eq!(templates[1].workspace, None);
    }
}

#[tokio::test]
async fn create_project_page_template() {
    let data = json!({"description_html": "<h2>Agenda</h2>"});
    let sent =
        json!({"name": "Meeting notes", "short_description": "Agenda, decisions and actions.", "template_data": data});
    let reference = sdk("POST", &in_project("/pages/templates/"), 201, Some(sent));
    let answer = project_page_template_json();
    let body = CreateProjectPageTemplateBody::new("Meeting notes")
        .short_description("Agenda, decisions and actions.")
        .template_data(data.as_object().unwrap().clone().into_iter().collect());
    let created =
        exchange!(reference, Some(&answer), |client| client.create_project_page_template(WS, uuid(PROJECT), &body));
    assert_encodes_to!(created, answer);
    assert_eq!(created.id, uuid::<PageTemplateId>(TEMPLATE));
}

#[tokio::test]
async fn update_project_page_template() {
    let one = in_project(&format!("/pages/templates/{TEMPLATE}/"));
    let sent = json!({"name": "Retro notes", "template_data": {"description_html": "<h2>Went well</h2>"}});
    let reference = sdk("PATCH", &one, 200, Some(sent));
    let answer = project_page_template_json();
    let body = UpdateProjectPageTemplateBody::new()
        .name("Retro notes")
        .template_data([("description_html".to_string(), json!("<h2>Went well</h2>"))].into_iter().collect());
    let updated = exchange!(reference, Some(&answer), |client| client.update_project_page_template(
        WS,
        uuid(PROJECT),
        uuid(TEMPLATE),
        &body
    ));
    assert_encodes_to!(updated, answer);
}

#[tokio::test]
async fn delete_project_page_template() {
    let reference = sdk("DELETE", &in_project(&format!("/pages/templates/{TEMPLATE}/")), 204, None);
    exchange!(reference, None, |client| client.delete_project_page_template(WS, uuid(PROJECT), uuid(TEMPLATE)));
}

// ---- the workspace's work-item templates ----

#[tokio::test]
async fn list_workspace_work_item_templates() {
    let reference = sdk("GET", "/workitems/templates/", 200, None);
    let answer = json!([workspace_template_json(json!({"priority": "urgent"})), minimal()]);
    let listed = exchange!(reference, Some(&answer), |client| client.list_workspace_work_item_templates(WS));
    assert_encodes_to!(listed, answer);
    assert_eq!(listed[0].workspace, Some(uuid(WORKSPACE)));
    assert_eq!(listed[1].template_data, None);
}

#[tokio::test]
async fn create_workspace_work_item_template() {
    let (data, logo) = (json!({"priority": "urgent"}), json!({"in_use": "emoji", "emoji": {"value": "128027"}}));
    let sent = json!({
        "name": "Bug report", "description": "What to write when something breaks.",
        "description_html": "<p>What to write when something breaks.</p>", "template_data": data, "logo_props": logo
    });
    let reference = sdk("POST", "/workitems/templates/", 201, Some(sent));
    let answer = workspace_template_json(data.clone());
    let body = CreateWorkspaceWorkItemTemplateBody::new("Bug report")
        .description("What to write when something breaks.")
        .description_html("<p>What to write when something breaks.</p>")
        .template_data(data)
        .logo_props(logo);
    let created = exchange!(reference, Some(&answer), |client| client.create_workspace_work_item_template(WS, &body));
    assert_encodes_to!(created, answer);
    assert_eq!(created.id, uuid::<WorkItemTemplateId>(TEMPLATE));
}

#[tokio::test]
async fn update_workspace_work_item_template() {
    let one = format!("/workitems/templates/{TEMPLATE}/");
    let reference = sdk("PATCH", &one, 200, Some(json!({"description": "Updated description"})));
    let answer = workspace_template_json(json!({}));
    let body = UpdateWorkspaceWorkItemTemplateBody::new().description("Updated description");
    let updated = exchange!(reference, Some(&answer), |client| client.update_workspace_work_item_template(
        WS,
        uuid(TEMPLATE),
        &body
    ));
    assert_encodes_to!(updated, answer);
}

#[tokio::test]
async fn delete_workspace_work_item_template() {
    let reference = sdk("DELETE", &format!("/workitems/templates/{TEMPLATE}/"), 204, None);
    exchange!(reference, None, |client| client.delete_workspace_work_item_template(WS, uuid(TEMPLATE)));
}

// ---- the workspace's page templates ----

#[tokio::test]
async fn list_workspace_page_templates() {
    let reference = sdk("GET", "/pages/templates/", 200, None);
    let answer = json!([workspace_template_json(json!({"description_html": "<h2>Agenda</h2>"})), minimal()]);
    let listed = exchange!(reference, Some(&answer), |client| client.list_workspace_page_templates(WS));
    assert_encodes_to!(listed, answer);
    assert_eq!(listed[0].id, uuid::<PageTemplateId>(TEMPLATE));
}

#[tokio::test]
async fn create_workspace_page_template() {
    let sent = json!({"name": "Meeting notes", "description": "Agenda, decisions and actions.", "template_data": {"access": 0}});
    let reference = sdk("POST", "/pages/templates/", 201, Some(sent));
    let answer = workspace_template_json(json!({"access": 0}));
    let body = CreateWorkspacePageTemplateBody::new("Meeting notes")
        .description("Agenda, decisions and actions.")
        .template_data(json!({"access": 0}));
    let created = exchange!(reference, Some(&answer), |client| client.create_workspace_page_template(WS, &body));
    assert_encodes_to!(created, answer);
}

#[tokio::test]
async fn update_workspace_page_template() {
    let one = format!("/pages/templates/{TEMPLATE}/");
    let sent = json!({"name": "Retro notes", "description_html": "<p>Retro</p>", "logo_props": {"in_use": "icon"}});
    let reference = sdk("PATCH", &one, 200, Some(sent));
    let answer = workspace_template_json(json!(null));
    let body = UpdateWorkspacePageTemplateBody::new()
        .name("Retro notes")
        .description_html("<p>Retro</p>")
        .logo_props(json!({"in_use": "icon"}));
    let updated =
        exchange!(reference, Some(&answer), |client| client.update_workspace_page_template(WS, uuid(TEMPLATE), &body));
    assert_encodes_to!(updated, without_nulls(&answer));
    assert_eq!(updated.template_data, None);
}

#[tokio::test]
async fn delete_workspace_page_template() {
    let reference = sdk("DELETE", &format!("/pages/templates/{TEMPLATE}/"), 204, None);
    exchange!(reference, None, |client| client.delete_workspace_page_template(WS, uuid(TEMPLATE)));
}

// ---- the workspace's project templates ----

#[tokio::test]
async fn list_project_templates() {
    let reference = sdk("GET", "/projects/templates/", 200, None);
    let answer = json!([project_template(), minimal()]);
    let listed = exchange!(reference, Some(&answer), |client| client.list_project_templates(WS));
    assert_encodes_to!(listed, answer);
    assert_eq!(listed[0].id, uuid::<ProjectTemplateId>(TEMPLATE));
    assert_eq!(listed[0].template_data.as_ref().unwrap()["network"], json!(2));
}

#[tokio::test]
async fn create_project_template() {
    let data = json!({"network": 2, "labels": ["launch"]});
    let logo = json!({"in_use": "icon", "icon": {"name": "Rocket", "color": "#3A86FF"}});
    let sent = json!({"name": "Product launch", "description": "States, labels and cycles for a launch.",
                      "logo_props": logo, "template_data": data});
    let reference = sdk("POST", "/projects/templates/", 201, Some(sent));
    let answer = project_template();
    let body = CreateProjectTemplateBody::new("Product launch")
        .description("States, labels and cycles for a launch.")
        .logo_props(logo)
        .template_data(data);
    let created = exchange!(reference, Some(&answer), |client| client.create_project_template(WS, &body));
    assert_encodes_to!(created, answer);
}

#[tokio::test]
async fn update_project_template() {
    let one = format!("/projects/templates/{TEMPLATE}/");
    let reference = sdk("PATCH", &one, 200, Some(json!({"description": "Updated description"})));
    let answer = project_template();
    let body = UpdateProjectTemplateBody::new().description("Updated description");
    let updated =
        exchange!(reference, Some(&answer), |client| client.update_project_template(WS, uuid(TEMPLATE), &body));
    assert_encodes_to!(updated, answer);
}

#[tokio::test]
async fn delete_project_template() {
    let reference = sdk("DELETE", &format!("/projects/templates/{TEMPLATE}/"), 204, None);
    exchange!(reference, None, |client| client.delete_project_template(WS, uuid(TEMPLATE)));
}

/// The one template operation a reference page documents: its example request, and its answer
/// (the new project: the SDK's `Project` with every field set, and the page's abbreviated
/// example laid over it).
#[tokio::test]
async fn a_project_is_made_from_a_template_as_the_reference_page_shows() {
    let reference = Reference::new("projects", "create-project-with-template");
    let body = CreateProjectFromTemplateBody::new(uuid("7a2d3972-80a5-4ac5-8bb5-03026671826a"))
        .name("Mobile App Revamp")
        .identifier("MAR")
        .description("Project created from the Agile Project Setup template")
        .network(ProjectNetwork::Public)
        .project_lead(uuid("0d8d8869-3ed1-4fb4-b5c4-ff672888f5e2"));
    for answer in [project_json(), overlay(&project_json(), &reference.response())] {
        let project = exchange!(reference, Some(&answer), |client| client.create_project_from_template(WS, &body));
        assert_encodes_to!(project, answer);
    }
}
