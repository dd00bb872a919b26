//! The paid editions' project states (the stages a workspace's projects move through) against a
//! local server, as `cloud_pages.rs` does for its families. No reference page documents them, so
//! every request must be the one the Python SDK sends (method, exact path, no query, and the JSON
//! body its request model dumps with `exclude_none=True`); every answer is built from the SDK's
//! WorkspaceProjectState with every field set, decoded by a strict client (`deny_unknown_fields`:
//! a key the spec lacks fails) and encoded back to the same JSON (every field decoded, into its
//! place). An answer with only `id` and `name` (the SDK makes every other key optional) decodes
//! too, and a group the spec does not list is kept.

#[macro_use]
mod cloud_common;

use cloud_common::uuid;
use cloud_common::*;
use plane_client::*;
use serde_json::{Value, json};

const STATE: &str = "3f2b8c1e-9d4a-4e6b-8f7c-2a1d0e9b8c7d";
const WORKSPACE: &str = "70b6599f-9313-4c0d-b5c0-406a13a05647";

/// The request the SDK sends to `path` under the workspace, with `body`, answered with `status`.
fn sdk(method: &str, path: &str, status: u16, body: Option<Value>) -> Reference {
    Reference::sdk(method, format!("/api/v1/workspaces/{WS}{path}"), status, body)
}

/// The SDK's WorkspaceProjectState, every field set.
fn state() -> Value {
    json!({
        "id": STATE, "name": "Execution", "color": "#FFBA18", "group": "execution", "sequence": 15000.5,
        "default": false, "description": "The project's work is under way.",
        "created_at": "2025-02-01T09:00:00.654321Z", "updated_at": "2025-02-03T17:45:00Z", "workspace": WORKSPACE
    })
}

#[tokio::test]
async fn list_workspace_project_states() {
    let reference = sdk("GET", "/project-states/", 200, None);
    let bare = json!({"id": STATE, "name": "Someday", "group": "unstarted"});
    let answer = json!([state(), bare]);
    let states = exchange!(reference, Some(&answer), |client| client.list_workspace_project_states(WS));
    assert_encodes_to!(states, answer);
    assert_eq!(states[0].group, Some(ProjectStateGroup::Execution));
    assert_eq!((states[0].sequence, states[0].default), (Some(15000.5), Some(false)));
    assert_eq!(states[1].group, Some(ProjectStateGroup::Unknown("unstarted".into())));
    assert_eq!((states[1].workspace, states[1].sequence), (None, None));
}

#[tokio::test]
async fn create_workspace_project_state() {
    let sent = json!({
        "name": "Execution", "color": "#FFBA18", "group": "execution", "sequence": 15000.0, "default": true,
        "description": "The project's work is under way."
    });
    let reference = sdk("POST", "/project-states/", 201, Some(sent));
    let answer = state();
    let body = CreateWorkspaceProjectStateBody::new("Execution")
        .color("#FFBA18")
        .group(ProjectStateGroup::Execution)
        .sequence(15000.0)
        .default(true)
        .description("The project's work is under way.");
    let created = exchange!(reference, Some(&answer), |client| client.create_workspace_project_state(WS, &body));
    assert_encodes_to!(created, answer);
    assert_eq!(created.id, uuid::<WorkspaceProjectStateId>(STATE));
    // Every group is sent by its name.
    for (group, text) in [
        (ProjectStateGroup::Draft, "draft"),
        (ProjectStateGroup::Planning, "planning"),
        (ProjectStateGroup::Monitoring, "monitoring"),
        (ProjectStateGroup::Completed, "completed"),
        (ProjectStateGroup::Cancelled, "cancelled"),
    ] {
        let reference = sdk("POST", "/project-states/", 201, Some(json!({"name": "S", "group": text})));
        let body = CreateWorkspaceProjectStateBody::new("S").group(group);
        exchange!(reference, Some(&state()), |client| client.create_workspace_project_state(WS, &body));
    }
}

#[tokio::test]
async fn update_workspace_project_state() {
    let one = format!("/project-states/{STATE}/");
    let reference = sdk("PATCH", &one, 200, Some(json!({"description": "Updated description", "default": false})));
    let answer = state();
    let body = UpdateWorkspaceProjectStateBody::new().description("Updated description").default(false);
    let updated =
        exchange!(reference, Some(&answer), |client| client.update_workspace_project_state(WS, uuid(STATE), &body));
    assert_encodes_to!(updated, answer);
    assert_eq!(updated.description.as_deref(), Some("The project's work is under way."));
}

#[tokio::test]
async fn delete_workspace_project_state() {
    let reference = sdk("DELETE", &format!("/project-states/{STATE}/"), 204, None);
    exchange!(reference, None, |client| client.delete_workspace_project_state(WS, uuid(STATE)));
}
