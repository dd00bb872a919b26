//! The paid editions' project from a template against a local server. Its request must be the
//! reference page's example request (method, exact path and JSON body); its answer is given
//! twice, a project with every field set and the page's own example (eight keys of a project,
//! in a whole one), decoded by a strict client (`deny_unknown_fields`: a key the spec lacks
//! fails) and encoded back to the same JSON.

// A project's fifty keys in one `json!` exceed the default macro recursion limit.
#![recursion_limit = "256"]

#[macro_use]
mod cloud_common;

use cloud_common::*;
use plane_client::*;
use serde_json::{Value, json};

#[tokio::test]
async fn create_project_from_template() {
    let reference = Reference::new("projects", "create-project-with-template");
    for answer in [project_json(), overlay(&project_json(), &reference.response())] {
        let body = CreateProjectFromTemplateBody::new(uuid("7a2d3972-80a5-4ac5-8bb5-03026671826a"))
            .name("Mobile App Revamp")
            .identifier("MAR")
            .description("Project created from the Agile Project Setup template")
            .network(ProjectNetwork::Public)
            .project_lead(uuid("0d8d8869-3ed1-4fb4-b5c4-ff672888f5e2"));
        let project = exchange!(reference, Some(&answer), |client| client.create_project_from_template(WS, &body));
        assert_encodes_to!(project, answer);
        assert_eq!(project.identifier, answer["identifier"].as_str().unwrap());
    }
}

/// A project, as the SDK's `Project` (and projects.yaml's) has it, every field set (as in
/// `cloud_initiatives.rs`).
fn project_json() -> Value {
    json!({
        "id": PROJECT, "name": "Mobile app", "description": "The iOS and Android apps",
        "description_text": {"type": "doc"}, "description_html": "<p>The iOS and Android apps</p>", "network": 2,
        "identifier": "MOB", "default_assignee": USER, "project_lead": USER, "emoji": "1f680",
        "icon_prop": {"name": "rocket"}, "module_view": true, "cycle_view": true, "issue_views_view": true,
        "page_view": false, "intake_view": false, "is_time_tracking_enabled": true, "is_issue_type_enabled": true,
        "guest_view_all_features": false, "cover_image": "https://example.com/cover.png", "cover_image_asset": OTHER,
        "cover_image_url": "https://example.com/cover.png", "estimate": OTHER, "archive_in": 3, "close_in": 6,
        "logo_props": {"in_use": "emoji", "emoji": {"value": "128640"}}, "default_state": OTHER,
        "archived_at": "2025-09-01T00:00:00Z", "timezone": "Europe/Berlin", "external_source": "jira",
        "external_id": "MOB", "workspace": OTHER, "created_at": "2025-01-01T09:00:00Z",
        "updated_at": "2025-01-02T09:00:00Z", "deleted_at": "2025-10-01T00:00:00Z", "created_by": USER,
        "updated_by": OTHER, "total_members": 4, "total_cycles": 2, "total_modules": 1, "is_member": true,
        "member_role": 20, "is_deployed": false, "sort_order": 65535.0
    })
}
