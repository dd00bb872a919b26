//! The paid editions' workflows, their states and their transitions, against a local server, as
//! `cloud_pages.rs` does for its families. No reference page documents these operations, so every
//! request is checked against the official Python SDK's call (`plane/api/workflows/`: method,
//! exact path, query and JSON body); every answer is built from the SDK's model
//! (`plane/models/workflows.py`) with every field set, decoded by a strict client
//! (`deny_unknown_fields`: a key the spec lacks fails) and encoded back to the same JSON (every
//! field decoded, into its place).

#[macro_use]
mod cloud_common;

use cloud_common::*;
use cloud_common::{page, uuid};
use plane_client::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn workflows_path(rest: &str) -> String {
    format!("/api/v1/workspaces/{WS}/projects/{PROJECT}/workflows/{rest}")
}

/// The SDK's `Workflow`, every field set.
fn workflow_json() -> Value {
    json!({
        "id": WORKFLOW, "name": "Bug triage", "description": "How bugs move from report to fix", "is_active": true,
        "is_default": false, "work_item_type_ids": [WORK_ITEM_TYPE], "created_at": "2025-05-01T09:00:00Z",
        "updated_at": "2025-05-02T10:30:00.125Z", "project": PROJECT, "workspace": OTHER
    })
}

/// The SDK's `WorkflowTransition`, every field set.
fn transition_json() -> Value {
    json!({
        "id": TRANSITION, "state_id": STATE, "transition_state_id": OTHER_STATE, "type": "approval",
        "member_ids": [USER, OTHER], "pre_rules": [{"field": "assignees", "operator": "is_not_empty"}],
        "post_rules": [{"action": "notify", "members": [USER]}], "workflow_state_id": WORK_ITEM,
        "created_at": "2025-05-03T09:00:00Z", "updated_at": "2025-05-03T09:30:00Z"
    })
}

/// A rule of a transition, as the SDK's `dict[str, Any]`.
fn rule(pairs: &[(&str, Value)]) -> BTreeMap<String, Value> {
    pairs.iter().map(|(k, v)| ((*k).to_string(), v.clone())).collect()
}

#[tokio::test]
async fn list_workflows() {
    let reference = Reference::sdk("GET", workflows_path(""), 200, None);
    let answer = page(vec![workflow_json()]);
    let workflows = exchange!(reference, Some(&answer), |client| client.list_workflows(
        WS,
        uuid(PROJECT),
        &ListWorkflowsQuery::new()
    ));
    assert_encodes_to!(workflows, answer);
    assert_eq!(workflows.results[0].work_item_type_ids, vec![uuid::<WorkItemTypeId>(WORK_ITEM_TYPE)]);
    // A workflow without a description; the paginator's parameters when set.
    let mut bare = workflow_json();
    bare["description"] = Value::Null;
    let answer = page(vec![bare]);
    let query = ListWorkflowsQuery::new().per_page(50).cursor("50:1:0");
    let paged = reference.with_query(&[("per_page", "50"), ("cursor", "50:1:0")]);
    let workflows = exchange!(paged, Some(&answer), |client| client.list_workflows(WS, uuid(PROJECT), &query));
    assert_encodes_to!(workflows, answer);
    assert_eq!(workflows.results[0].description, None);
}

#[tokio::test]
async fn create_workflow() {
    // Every field of the SDK's CreateWorkflow.
    let reference = Reference::sdk(
        "POST",
        workflows_path(""),
        201,
        Some(json!({
            "name": "Bug triage", "description": "How bugs move from report to fix", "is_active": true,
            "work_item_type_ids": [WORK_ITEM_TYPE]
        })),
    );
    let body = CreateWorkflowBody::new("Bug triage")
        .description("How bugs move from report to fix")
        .is_active(true)
        .work_item_type_ids(vec![uuid(WORK_ITEM_TYPE)]);
    let created =
        exchange!(reference, Some(&workflow_json()), |client| client.create_workflow(WS, uuid(PROJECT), &body));
    assert_encodes_to!(created, workflow_json());
    assert_eq!(created.id, uuid(WORKFLOW));
    // Only the name.
    let reference = Reference::sdk("POST", workflows_path(""), 201, Some(json!({"name": "Bug triage"})));
    let body = CreateWorkflowBody::new("Bug triage");
    exchange!(reference, Some(&workflow_json()), |client| client.create_workflow(WS, uuid(PROJECT), &body));
}

#[tokio::test]
async fn update_workflow() {
    // Every field of the SDK's UpdateWorkflow.
    let reference = Reference::sdk(
        "PATCH",
        workflows_path(&format!("{WORKFLOW}/")),
        200,
        Some(json!({"name": "Triage", "description": "Bugs only", "is_active": false, "work_item_type_ids": []})),
    );
    let body =
        UpdateWorkflowBody::new().name("Triage").description("Bugs only").is_active(false).work_item_type_ids(vec![]);
    let updated = exchange!(reference, Some(&workflow_json()), |client| client.update_workflow(
        WS,
        uuid(PROJECT),
        uuid(WORKFLOW),
        &body
    ));
    assert_encodes_to!(updated, workflow_json());
    assert!(updated.is_active);
}

#[tokio::test]
async fn attach_workflow_states() {
    // The SDK reads no answer: whatever the server sends is not decoded.
    let reference = Reference::sdk(
        "POST",
        workflows_path(&format!("{WORKFLOW}/states/")),
        201,
        Some(json!({"state_ids": [STATE, OTHER_STATE]})),
    );
    let body = AttachWorkflowStatesBody::new(vec![uuid(STATE), uuid(OTHER_STATE)]);
    exchange!(reference, Some(&json!([{"id": WORK_ITEM, "state": STATE}])), |client| client.attach_workflow_states(
        WS,
        uuid(PROJECT),
        uuid(WORKFLOW),
        &body
    ));
}

#[tokio::test]
async fn detach_workflow_state() {
    let reference = Reference::sdk("DELETE", workflows_path(&format!("{WORKFLOW}/states/{STATE}/")), 204, None);
    exchange!(reference, None, |client| client.detach_workflow_state(WS, uuid(PROJECT), uuid(WORKFLOW), uuid(STATE)));
}

// ---- transitions ----

#[tokio::test]
async fn list_workflow_transitions() {
    let reference = Reference::sdk("GET", workflows_path(&format!("{WORKFLOW}/state-transitions/")), 200, None);
    let mut bare = transition_json();
    bare["type"] = Value::Null;
    bare["member_ids"] = json!([]);
    bare["pre_rules"] = json!([]);
    let answer = page(vec![transition_json(), bare]);
    let query = ListWorkflowTransitionsQuery::new();
    let transitions = exchange!(reference, Some(&answer), |client| client.list_workflow_transitions(
        WS,
        uuid(PROJECT),
        uuid(WORKFLOW),
        &query
    ));
    assert_encodes_to!(transitions, answer);
    assert_eq!(transitions.results[0].r#type.as_deref(), Some("approval"));
    assert_eq!(transitions.results[1].r#type, None);
}

#[tokio::test]
async fn create_workflow_transition() {
    let path = workflows_path(&format!("{WORKFLOW}/state-transitions/"));
    // Every field of the SDK's CreateWorkflowTransition.
    let reference = Reference::sdk(
        "POST",
        path.clone(),
        201,
        Some(json!({
            "state_id": STATE, "transition_state_id": OTHER_STATE, "type": "approval", "member_ids": [USER, OTHER],
            "pre_rules": [{"field": "assignees", "operator": "is_not_empty"}],
            "post_rules": [{"action": "notify", "members": [USER]}]
        })),
    );
    let body = CreateWorkflowTransitionBody::new(uuid(STATE), uuid(OTHER_STATE))
        .r#type("approval")
        .member_ids(vec![uuid(USER), uuid(OTHER)])
        .pre_rules(vec![rule(&[("field", json!("assignees")), ("operator", json!("is_not_empty"))])])
        .post_rules(vec![rule(&[("action", json!("notify")), ("members", json!([USER]))])]);
    let created = exchange!(reference, Some(&transition_json()), |client| client.create_workflow_transition(
        WS,
        uuid(PROJECT),
        uuid(WORKFLOW),
        &body
    ));
    assert_encodes_to!(created, transition_json());
    assert_eq!(created.transition_state_id, uuid(OTHER_STATE));
    // Only the two states.
    let reference =
        Reference::sdk("POST", path, 201, Some(json!({"state_id": STATE, "transition_state_id": OTHER_STATE})));
    let body = CreateWorkflowTransitionBody::new(uuid(STATE), uuid(OTHER_STATE));
    exchange!(reference, Some(&transition_json()), |client| client.create_workflow_transition(
        WS,
        uuid(PROJECT),
        uuid(WORKFLOW),
        &body
    ));
}

#[tokio::test]
async fn update_workflow_transition() {
    // Every field of the SDK's UpdateWorkflowTransition; the SDK reads no answer.
    let reference = Reference::sdk(
        "PATCH",
        workflows_path(&format!("{WORKFLOW}/state-transitions/{TRANSITION}/")),
        200,
        Some(json!({"pre_rules": [], "post_rules": [{"action": "notify"}]})),
    );
    let body =
        UpdateWorkflowTransitionBody::new().pre_rules(vec![]).post_rules(vec![rule(&[("action", json!("notify"))])]);
    exchange!(reference, Some(&transition_json()), |client| client.update_workflow_transition(
        WS,
        uuid(PROJECT),
        uuid(WORKFLOW),
        uuid(TRANSITION),
        &body
    ));
}

#[tokio::test]
async fn delete_workflow_transition() {
    let reference =
        Reference::sdk("DELETE", workflows_path(&format!("{WORKFLOW}/state-transitions/{TRANSITION}/")), 204, None);
    exchange!(reference, None, |client| client.delete_workflow_transition(
        WS,
        uuid(PROJECT),
        uuid(WORKFLOW),
        uuid(TRANSITION)
    ));
}
