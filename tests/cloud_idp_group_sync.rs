//! The paid editions' IdP group sync (the config, project mappings and workspace mappings)
//! against a local server. Every operation's request must be the reference page's example
//! request (method, exact path, query and JSON body); every answer with a body is given twice,
//! built from the reference overview's object with every field set (the Python SDK has no model
//! of these) and as the reference page shows it, decoded by a strict client
//! (`deny_unknown_fields`: a key the spec lacks fails) and encoded back to the same JSON.
//!
//! The examples are in `reference/idp_group_sync.json`, copied from the pages; their mapping ids
//! that are not UUIDs are made UUIDs by `cloud_common`'s placeholders.

#[macro_use]
mod cloud_common;

use cloud_common::*;
use plane_client::*;
use serde_json::{Value, json};

const CONFIG: &str = "550e8400-e29b-41d4-a716-446655440000";

/// The overview's config object, every field set (none is nullable).
fn config_json() -> Value {
    json!({
        "id": CONFIG, "is_enabled": true, "sync_on_login": false, "auto_remove": true, "sync_offline": true,
        "group_attribute_key": "memberOf", "default_workspace_role": "guest",
        "created_at": "2025-02-01T09:30:00.123456Z", "updated_at": "2025-02-03T17:45:12.654321Z"
    })
}

/// The overview's project mapping object, every field set.
fn project_mapping_json() -> Value {
    json!({
        "id": PROJECT_MAPPING, "idp_group_name": "platform-team", "project": "PLAT", "all_projects": false,
        "role": "admin", "created_at": "2025-02-01T09:30:00Z", "updated_at": "2025-02-02T10:00:00Z"
    })
}

/// The overview's workspace mapping object, every field set.
fn workspace_mapping_json() -> Value {
    json!({
        "id": WORKSPACE_MAPPING, "idp_group_name": "leadership", "role": "admin",
        "created_at": "2025-02-01T09:30:00Z", "updated_at": "2025-02-02T10:00:00Z"
    })
}

// ---- config ----

#[tokio::test]
async fn retrieve_group_sync_config() {
    let reference = Reference::new("idp_group_sync", "get-group-sync-config");
    for answer in [config_json(), reference.response()] {
        let config = exchange!(reference, Some(&answer), |client| client.retrieve_group_sync_config(WS));
        assert_encodes_to!(config, answer);
        assert_eq!(config.id, uuid(CONFIG));
    }
}

#[tokio::test]
async fn update_group_sync_config() {
    let reference = Reference::new("idp_group_sync", "update-group-sync-config");
    for answer in [config_json(), reference.response()] {
        let body = UpdateGroupSyncConfigBody::new()
            .is_enabled(true)
            .sync_on_login(true)
            .auto_remove(false)
            .sync_offline(false)
            .group_attribute_key("groups")
            .default_workspace_role("member");
        let config = exchange!(reference, Some(&answer), |client| client.update_group_sync_config(WS, &body));
        assert_encodes_to!(config, answer);
        assert!(config.is_enabled);
    }
}

// ---- project mappings ----

#[tokio::test]
async fn list_project_group_mappings() {
    let reference = Reference::new("idp_group_sync", "list-project-mappings");
    for answer in [json!([project_mapping_json()]), reference.response()] {
        let mappings = exchange!(reference, Some(&answer), |client| client.list_project_group_mappings(WS));
        assert_encodes_to!(mappings, answer);
        assert_eq!(mappings[0].id, uuid(PROJECT_MAPPING));
        // The page's last mapping covers every project, and has no `project`.
        let last = mappings.last().unwrap();
        assert_eq!(last.project.is_none(), last.all_projects);
    }
}

#[tokio::test]
async fn create_project_group_mapping() {
    let reference = Reference::new("idp_group_sync", "create-project-mapping");
    for answer in [project_mapping_json(), reference.response()] {
        let body = CreateProjectGroupMappingBody::new("engineering", "member").project("ENG");
        let mapping = exchange!(reference, Some(&answer), |client| client.create_project_group_mapping(WS, &body));
        assert_encodes_to!(mapping, answer);
        assert!(!mapping.all_projects);
    }
    // The other form: every project, no `project`.
    let mut all = reference.clone();
    all.request = Some(json!({"idp_group_name": "all-staff", "role": "guest", "all_projects": true}));
    let body = CreateProjectGroupMappingBody::new("all-staff", "guest").all_projects(true);
    exchange!(all, Some(&project_mapping_json()), |client| client.create_project_group_mapping(WS, &body));
}

#[tokio::test]
async fn retrieve_project_group_mapping() {
    let reference = Reference::new("idp_group_sync", "get-project-mapping");
    for answer in [project_mapping_json(), reference.response()] {
        let mapping = exchange!(reference, Some(&answer), |client| client
            .retrieve_project_group_mapping(WS, uuid(PROJECT_MAPPING)));
        assert_encodes_to!(mapping, answer);
    }
}

#[tokio::test]
async fn update_project_group_mapping() {
    let reference = Reference::new("idp_group_sync", "update-project-mapping");
    for answer in [project_mapping_json(), reference.response()] {
        let body = UpdateProjectGroupMappingBody::new().role("admin");
        let mapping = exchange!(reference, Some(&answer), |client| client.update_project_group_mapping(
            WS,
            uuid(PROJECT_MAPPING),
            &body
        ));
        assert_encodes_to!(mapping, answer);
        assert_eq!(mapping.role, "admin");
    }
}

#[tokio::test]
async fn delete_project_group_mapping() {
    let reference = Reference::new("idp_group_sync", "delete-project-mapping");
    exchange!(reference, None, |client| client.delete_project_group_mapping(WS, uuid(PROJECT_MAPPING)));
}

// ---- workspace mappings ----

#[tokio::test]
async fn list_workspace_group_mappings() {
    let reference = Reference::new("idp_group_sync", "list-workspace-mappings");
    for answer in [json!([workspace_mapping_json()]), reference.response()] {
        let mappings = exchange!(reference, Some(&answer), |client| client.list_workspace_group_mappings(WS));
        assert_encodes_to!(mappings, answer);
        assert_eq!(mappings[0].id, uuid(WORKSPACE_MAPPING));
    }
}

#[tokio::test]
async fn create_workspace_group_mapping() {
    let reference = Reference::new("idp_group_sync", "create-workspace-mapping");
    for answer in [workspace_mapping_json(), reference.response()] {
        let body = CreateWorkspaceGroupMappingBody::new("leadership", "admin");
        let mapping = exchange!(reference, Some(&answer), |client| client.create_workspace_group_mapping(WS, &body));
        assert_encodes_to!(mapping, answer);
        assert_eq!(mapping.idp_group_name, "leadership");
    }
}

#[tokio::test]
async fn retrieve_workspace_group_mapping() {
    let reference = Reference::new("idp_group_sync", "get-workspace-mapping");
    for answer in [workspace_mapping_json(), reference.response()] {
        let mapping = exchange!(reference, Some(&answer), |client| client
            .retrieve_workspace_group_mapping(WS, uuid(WORKSPACE_MAPPING)));
        assert_encodes_to!(mapping, answer);
    }
}

#[tokio::test]
async fn update_workspace_group_mapping() {
    let reference = Reference::new("idp_group_sync", "update-workspace-mapping");
    for answer in [workspace_mapping_json(), reference.response()] {
        let body = UpdateWorkspaceGroupMappingBody::new().role("member");
        let mapping = exchange!(reference, Some(&answer), |client| client.update_workspace_group_mapping(
            WS,
            uuid(WORKSPACE_MAPPING),
            &body
        ));
        assert_encodes_to!(mapping, answer);
    }
}

#[tokio::test]
async fn delete_workspace_group_mapping() {
    let reference = Reference::new("idp_group_sync", "delete-workspace-mapping");
    exchange!(reference, None, |client| client.delete_workspace_group_mapping(WS, uuid(WORKSPACE_MAPPING)));
}
