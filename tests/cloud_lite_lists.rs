//! The paid editions' "lite" lists (projects, cycles, modules, workspace and project members)
//! against a local server. No reference page documents them: every request must be the Python
//! SDK's (method, exact path and query), and every answer, one page built from the SDK's model
//! with every field set, is decoded by a strict client (`deny_unknown_fields`: a key the spec
//! lacks fails) and encoded back to the same JSON (every field decoded, into its place).

#[macro_use]
mod cloud_common;

use cloud_common::*;
use cloud_common::{page, uuid};
use plane_client::*;
use serde_json::{Value, json};

const CYCLE: &str = "550e8400-e29b-41d4-a716-446655440090";
const MODULE: &str = "550e8400-e29b-41d4-a716-446655440091";

/// A GET that only the SDK documents, with its query.
fn sdk(path: String, query: &[(&str, &str)]) -> Reference {
    let mut query: Vec<(String, String)> = query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    query.sort();
    Reference { method: "GET".into(), path, query, status: 200, request: None, response: None }
}

/// The SDK's `CycleLite`, every field set.
fn cycle_lite_json() -> Value {
    json!({
        "id": CYCLE, "name": "Sprint 12", "description": "Login and onboarding",
        "start_date": "2025-03-01T00:00:01Z", "end_date": "2025-03-14T23:59:00Z", "view_props": {"filters": {}},
        "sort_order": 65535.0, "external_source": "jira", "external_id": "SPR-12",
        "progress_snapshot": {"total_issues": 10}, "archived_at": "2025-04-01T00:00:00Z",
        "logo_props": {"in_use": "emoji"}, "timezone": "UTC", "version": 1, "project": PROJECT, "workspace": OTHER,
        "owned_by": USER, "created_at": "2025-02-20T09:00:00Z", "updated_at": "2025-02-21T09:00:00Z",
        "deleted_at": "2025-05-01T00:00:00Z", "created_by": USER, "updated_by": USER
    })
}

/// The SDK's `ModuleLite`, every field set.
fn module_lite_json() -> Value {
    json!({
        "id": MODULE, "name": "Onboarding", "description": "New users' first steps",
        "description_text": "New users' first steps", "description_html": "<p>New users' first steps</p>",
        "start_date": "2025-03-01", "target_date": "2025-04-30", "status": "in-progress", "view_props": {},
        "sort_order": 1000.0, "external_source": "github", "external_id": "M-3", "archived_at": "2025-06-01T00:00:00Z",
        "logo_props": {"in_use": "icon"}, "project": PROJECT, "workspace": OTHER, "lead": USER, "members": [USER],
        "created_at": "2025-02-20T09:00:00Z", "updated_at": "2025-02-21T09:00:00Z",
        "deleted_at": "2025-07-01T00:00:00Z", "created_by": USER, "updated_by": USER
    })
}

/// The SDK's `ProjectLite`, every field set.
fn project_lite_json() -> Value {
    json!({
        "id": PROJECT, "identifier": "WEB", "name": "Website", "cover_image": "https://example.com/cover.png",
        "icon_prop": {"name": "rocket"}, "emoji": "1f680", "description": "The public website",
        "cover_image_url": "https://example.com/cover.png", "archived_at": "2025-06-01T00:00:00Z"
    })
}

/// The SDK's `WorkspaceMember` / `ProjectMember`, every field set.
fn member_lite_json() -> Value {
    json!({
        "id": USER, "first_name": "Jane", "last_name": "Doe", "email": "jane@example.com",
        "avatar": "https://example.com/jane.png", "avatar_url": "https://example.com/jane.png",
        "display_name": "jane", "role": 15, "role_slug": "member", "is_active": true, "is_bot": false
    })
}

#[tokio::test]
async fn list_projects_lite() {
    let query =
        [("include_archived", "true"), ("order_by", "-created_at"), ("per_page", "1000"), ("cursor", "1000:0:0")];
    let reference = sdk(format!("/api/v1/workspaces/{WS}/projects-lite/"), &query);
    let answer = page(vec![project_lite_json()]);
    let query =
        ListProjectsLiteQuery::new().include_archived(true).order_by("-created_at").per_page(1000).cursor("1000:0:0");
    let projects = exchange!(reference, Some(&answer), |client| client.list_projects_lite(WS, &query));
    assert_encodes_to!(projects, answer);
    assert_eq!(projects.results[0].identifier, "WEB");
}

#[tokio::test]
async fn list_cycles_lite() {
    let reference = sdk(format!("/api/v1/workspaces/{WS}/projects/{PROJECT}/cycles-lite/"), &[("status", "current")]);
    let answer = page(vec![cycle_lite_json()]);
    let query = ListCyclesLiteQuery::new().status(CycleStatus::Current);
    let cycles = exchange!(reference, Some(&answer), |client| client.list_cycles_lite(WS, uuid(PROJECT), &query));
    assert_encodes_to!(cycles, answer);
    assert_eq!(cycles.results[0].id, Some(uuid(CYCLE)));
}

#[tokio::test]
async fn list_modules_lite() {
    let reference = sdk(
        format!("/api/v1/workspaces/{WS}/projects/{PROJECT}/modules-lite/"),
        &[("order_by", "name"), ("per_page", "50")],
    );
    let answer = page(vec![module_lite_json()]);
    let query = ListModulesLiteQuery::new().order_by("name").per_page(50);
    let modules = exchange!(reference, Some(&answer), |client| client.list_modules_lite(WS, uuid(PROJECT), &query));
    assert_encodes_to!(modules, answer);
    assert_eq!(modules.results[0].status, Some(ModuleStatus::InProgress));
}

#[tokio::test]
async fn list_workspace_members_lite() {
    // The SDK sends its booleans as `true` / `false`.
    let query = [("email", "jane"), ("role_slug", "member"), ("is_active", "true"), ("is_bot", "false")];
    let reference = sdk(format!("/api/v1/workspaces/{WS}/members-lite/"), &query);
    let answer = page(vec![member_lite_json()]);
    let query = ListWorkspaceMembersLiteQuery::new().email("jane").role_slug("member").is_active(true).is_bot(false);
    let members = exchange!(reference, Some(&answer), |client| client.list_workspace_members_lite(WS, &query));
    assert_encodes_to!(members, answer);
    assert_eq!(members.results[0].role, Some(Role::Member));
}

#[tokio::test]
async fn list_project_members_lite() {
    let query = [
        ("first_name", "Ja"),
        ("last_name", "Do"),
        ("display_name", "jane"),
        ("per_page", "100"),
        ("cursor", "100:1:0"),
    ];
    let reference = sdk(format!("/api/v1/workspaces/{WS}/projects/{PROJECT}/project-members-lite/"), &query);
    let answer = page(vec![member_lite_json()]);
    let query = ListProjectMembersLiteQuery::new()
        .first_name("Ja")
        .last_name("Do")
        .display_name("jane")
        .per_page(100)
        .cursor("100:1:0");
    let members =
        exchange!(reference, Some(&answer), |client| client.list_project_members_lite(WS, uuid(PROJECT), &query));
    assert_encodes_to!(members, answer);
    assert_eq!(members.results[0].id, Some(uuid(USER)));
}
