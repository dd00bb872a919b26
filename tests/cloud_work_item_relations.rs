//! The paid editions' work item relation extras against a local server: removing a relation
//! (a reference page), and the Python SDK's dependencies, custom relations and relation
//! definitions (no reference page: the SDK's requests). Every request must be the page's example
//! request, or the SDK's (method, exact path, query and JSON body); every answer is built from
//! the SDK's model with every field set, decoded by a strict client (`deny_unknown_fields`: a key
//! the spec lacks fails) and encoded back to the same JSON (every field decoded, into its place).

#[macro_use]
mod cloud_common;

use cloud_common::*;
use cloud_common::{page, uuid};
use plane_client::*;
use serde_json::{Value, json};

const DEFINITION: &str = "550e8400-e29b-41d4-a716-446655440080";

/// A request that only the SDK documents: its method, path under the work item, and body.
fn sdk(method: &str, path: String, status: u16, request: Option<Value>) -> Reference {
    Reference { method: method.into(), path, query: Vec::new(), status, request, response: None }
}

fn under_work_item(rest: &str) -> String {
    format!("/api/v1/workspaces/{WS}/projects/{PROJECT}/work-items/{WORK_ITEM}/{rest}")
}

/// The SDK's `WorkItemWithRelationType`, every field set.
fn related_json(relation_type: &str) -> Value {
    json!({
        "id": OTHER, "name": "Ship the login screen", "sequence_id": 42, "project_id": PROJECT, "state_id": EPIC,
        "priority": "high", "type_id": PAGE, "is_epic": false, "label_ids": [PROJECT_LABEL], "assignee_ids": [USER],
        "sort_order": 65535.0, "created_at": "2025-03-10T09:00:00Z", "updated_at": "2025-03-15T10:00:00.123456Z",
        "created_by": USER, "updated_by": USER, "relation_type": relation_type
    })
}

/// The SDK's `WorkItemRelationDefinition`, every field set.
fn definition_json() -> Value {
    json!({
        "id": DEFINITION, "name": "Implements", "outward": "implements", "inward": "implemented by",
        "is_default": false, "is_active": true, "color": "#3A86FF", "sort_order": 65535.0,
        "created_at": "2025-03-10T09:00:00Z", "updated_at": "2025-03-15T10:00:00Z", "workspace": OTHER
    })
}

// ---- relations ----

#[tokio::test]
async fn remove_work_item_relation() {
    let reference = Reference::new("work_item_relations", "remove-work-item-relation");
    let body = RemoveWorkItemRelationBody::new(uuid("550e8400-e29b-41d4-a716-446655440000"));
    exchange!(reference, None, |client| client.remove_work_item_relation(WS, uuid(PROJECT), uuid(WORK_ITEM), &body));
}

// ---- dependencies ----

#[tokio::test]
async fn list_work_item_dependencies() {
    let reference = sdk("GET", under_work_item("dependencies/"), 200, None);
    let answer = json!({
        "blocking": [related_json("blocking")], "blocked_by": [related_json("blocked_by")],
        "start_before": [related_json("start_before")], "start_after": [related_json("start_after")],
        "finish_before": [related_json("finish_before")], "finish_after": [related_json("finish_after")]
    });
    let dependencies = exchange!(reference, Some(&answer), |client| client.list_work_item_dependencies(
        WS,
        uuid(PROJECT),
        uuid(WORK_ITEM)
    ));
    assert_encodes_to!(dependencies, answer);
    let blocking = &dependencies.blocking.unwrap()[0];
    assert_eq!((blocking.id, blocking.relation_type.as_deref()), (Some(uuid(OTHER)), Some("blocking")));
}

#[tokio::test]
async fn create_work_item_dependencies() {
    let request = json!({"relation_type": "blocked_by", "work_item_ids": [OTHER]});
    let reference = sdk("POST", under_work_item("dependencies/"), 201, Some(request));
    let answer = json!([related_json("blocked_by")]);
    let body = CreateWorkItemDependenciesBody::new(WorkItemDependencyType::BlockedBy, vec![uuid(OTHER)]);
    let related = exchange!(reference, Some(&answer), |client| client.create_work_item_dependencies(
        WS,
        uuid(PROJECT),
        uuid(WORK_ITEM),
        &body
    ));
    assert_encodes_to!(related, answer);
    assert_eq!(related[0].priority, Some(WorkItemPriority::High));
}

#[tokio::test]
async fn delete_work_item_dependency() {
    let reference = sdk("DELETE", under_work_item(&format!("dependencies/{OTHER}/")), 204, None);
    exchange!(reference, None, |client| client.delete_work_item_dependency(
        WS,
        uuid(PROJECT),
        uuid(WORK_ITEM),
        uuid(OTHER)
    ));
}

// ---- custom relations ----

#[tokio::test]
async fn list_work_item_custom_relations() {
    let reference = sdk("GET", under_work_item("work-item-relations/"), 200, None);
    let answer = json!({"implements": [related_json("implements")], "implemented by": []});
    let relations = exchange!(reference, Some(&answer), |client| client.list_work_item_custom_relations(
        WS,
        uuid(PROJECT),
        uuid(WORK_ITEM)
    ));
    assert_encodes_to!(relations, answer);
    assert_eq!(relations["implements"][0].sequence_id, Some(42));
}

#[tokio::test]
async fn create_work_item_custom_relations() {
    let request = json!({"relation_definition_id": DEFINITION, "relation_definition_type": "implements", "work_item_ids": [OTHER]});
    let reference = sdk("POST", under_work_item("work-item-relations/"), 201, Some(request));
    let answer = json!([related_json("implements")]);
    let body = CreateWorkItemCustomRelationsBody::new(uuid(DEFINITION), "implements", vec![uuid(OTHER)]);
    let related = exchange!(reference, Some(&answer), |client| client.create_work_item_custom_relations(
        WS,
        uuid(PROJECT),
        uuid(WORK_ITEM),
        &body
    ));
    assert_encodes_to!(related, answer);
}

#[tokio::test]
async fn delete_work_item_custom_relation() {
    let reference = sdk("DELETE", under_work_item(&format!("work-item-relations/{OTHER}/")), 204, None);
    exchange!(reference, None, |client| client.delete_work_item_custom_relation(
        WS,
        uuid(PROJECT),
        uuid(WORK_ITEM),
        uuid(OTHER)
    ));
}

// ---- relation definitions ----

fn definitions_path(rest: &str) -> String {
    format!("/api/v1/workspaces/{WS}/work-item-relation-definitions/{rest}")
}

#[tokio::test]
async fn list_work_item_relation_definitions() {
    let mut reference = sdk("GET", definitions_path(""), 200, None);
    // The SDK sends its booleans as `true` / `false`.
    reference.query = vec![
        ("cursor".into(), "100:1:0".into()),
        ("is_active".into(), "true".into()),
        ("is_default".into(), "false".into()),
        ("per_page".into(), "100".into()),
    ];
    let answer = page(vec![definition_json()]);
    let query =
        ListWorkItemRelationDefinitionsQuery::new().is_default(false).is_active(true).per_page(100).cursor("100:1:0");
    let definitions =
        exchange!(reference, Some(&answer), |client| client.list_work_item_relation_definitions(WS, &query));
    assert_encodes_to!(definitions, answer);
    assert_eq!(definitions.results[0].id, Some(uuid(DEFINITION)));
}

#[tokio::test]
async fn create_work_item_relation_definition() {
    let request =
        json!({"name": "Implements", "outward": "implements", "inward": "implemented by", "color": "#3A86FF"});
    let reference = sdk("POST", definitions_path(""), 201, Some(request));
    let answer = definition_json();
    let body = CreateWorkItemRelationDefinitionBody::new("Implements")
        .outward("implements")
        .inward("implemented by")
        .color("#3A86FF");
    let definition =
        exchange!(reference, Some(&answer), |client| client.create_work_item_relation_definition(WS, &body));
    assert_encodes_to!(definition, answer);
}

#[tokio::test]
async fn update_work_item_relation_definition() {
    let request = json!({"is_active": false, "sort_order": 1000.5});
    let reference = sdk("PATCH", definitions_path(&format!("{DEFINITION}/")), 200, Some(request));
    let answer = definition_json();
    let body = UpdateWorkItemRelationDefinitionBody::new().is_active(false).sort_order(1000.5);
    let definition = exchange!(reference, Some(&answer), |client| client.update_work_item_relation_definition(
        WS,
        uuid(DEFINITION),
        &body
    ));
    assert_encodes_to!(definition, answer);
}

#[tokio::test]
async fn delete_work_item_relation_definition() {
    let reference = sdk("DELETE", definitions_path(&format!("{DEFINITION}/")), 204, None);
    exchange!(reference, None, |client| client.delete_work_item_relation_definition(WS, uuid(DEFINITION)));
}
