//! The paid editions' additions to work items: the advanced search (its reference page's example
//! request and answer), and the operations that only Plane's Python SDK calls (archiving, the
//! workspace-wide list and count, the intake status, and the project-role distribution). As in
//! `cloud_epics.rs`, each request must be the page's or the SDK's (method, exact path, query and
//! JSON body), and each answer, built from the SDK's model with every field set (and as the page
//! shows it), is decoded by a strict client (`deny_unknown_fields`) and encoded back to the same
//! JSON.

#![recursion_limit = "256"]

#[macro_use]
mod cloud_common;

use cloud_common::*;
use cloud_common::{page, uuid};
use plane_client::*;
use serde_json::{Value, json};

/// The SDK's call: `method` on `path` (under `/api/v1/workspaces/my-workspace/`) with `query`
/// and `body`, answered with `status`.
fn sdk(method: &str, path: &str, query: &[(&str, &str)], body: Option<Value>, status: u16) -> Reference {
    Reference::sdk(method, format!("/api/v1/workspaces/{WS}/{path}"), status, body).with_query(query)
}

/// A work item as the server sends it (work_items.yaml, measured live).
fn work_item_json() -> Value {
    json!({
        "id": WORK_ITEM, "name": "Ship the release", "description_html": "<p>Notes</p>", "description_binary": null,
        "priority": "urgent", "state": OTHER, "parent": null, "estimate_point": null, "point": 3,
        "start_date": "2025-01-01", "target_date": "2025-01-31", "sequence_id": 42, "sort_order": 65535.0,
        "completed_at": "2025-01-30T10:00:00Z", "archived_at": "2025-02-01", "is_draft": false,
        "external_source": "github", "external_id": "1234", "type": null, "type_id": null,
        "assignees": [USER], "labels": [OTHER], "project": PROJECT, "workspace": OTHER,
        "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-02T00:00:00Z", "deleted_at": null,
        "created_by": USER, "updated_by": null
    })
}

#[tokio::test]
async fn the_archived_list_sends_the_sdks_filters_and_decodes_work_items() {
    let filters = r#"{"priority__in":"urgent,high"}"#;
    let call = sdk(
        "GET",
        &format!("projects/{PROJECT}/archived-work-items/"),
        &[("per_page", "50"), ("pql", "priority = \"urgent\""), ("filters", filters), ("order_by", "-created_at")],
        None,
        200,
    );
    let answer = page(vec![work_item_json()]);
    let query = ListArchivedWorkItemsQuery::new()
        .per_page(50)
        .pql("priority = \"urgent\"")
        .filters(filters)
        .order_by("-created_at");
    let got = exchange!(call, Some(&answer), |client| client.list_archived_work_items(WS, uuid(PROJECT), &query));
    assert_eq!(got.results[0].id, uuid(WORK_ITEM));
    assert_encodes_to!(got.results[0], work_item_json());
}

#[tokio::test]
async fn archiving_posts_no_body_and_restoring_deletes() {
    let call = sdk("POST", &format!("projects/{PROJECT}/work-items/{WORK_ITEM}/archive/"), &[], None, 204);
    exchange!(call, None, |client| client.archive_work_item(WS, uuid(PROJECT), uuid(WORK_ITEM)));
    let call = sdk("DELETE", &format!("projects/{PROJECT}/work-items/{WORK_ITEM}/unarchive/"), &[], None, 204);
    exchange!(call, None, |client| client.unarchive_work_item(WS, uuid(PROJECT), uuid(WORK_ITEM)));
}

#[tokio::test]
async fn the_workspace_list_is_a_page_of_work_items() {
    let call = sdk("GET", "work-items/", &[("cursor", "100:1:0")], None, 200);
    let answer = page(vec![work_item_json()]);
    let query = ListWorkspaceWorkItemsQuery::new().cursor("100:1:0");
    let got = exchange!(call, Some(&answer), |client| client.list_workspace_work_items(WS, &query));
    assert_encodes_to!(got.results[0], work_item_json());
}

#[tokio::test]
async fn counts_decode_flat_and_nested_groups() {
    // The SDK's docstring's three shapes: no group, one level, two levels.
    let flat = json!({"grouped_by": null, "sub_grouped_by": null, "total_count": 9, "grouped_counts": {}});
    let call = sdk("GET", "work-items/count/", &[], None, 200);
    let got = exchange!(call, Some(&flat), |client| client
        .count_workspace_work_items(WS, &CountWorkspaceWorkItemsQuery::new()));
    assert_eq!(got.total_count, 9);
    assert_encodes_to!(got, flat);

    let nested = json!({
        "grouped_by": "priority", "sub_grouped_by": "state_id", "total_count": 42,
        "grouped_counts": {
            "urgent": {"count": 3, "sub_grouped_counts": {OTHER: {"count": 2}, USER: {"count": 1}}},
            "None": {"count": 6}
        }
    });
    let call = sdk("GET", "work-items/count/", &[("group_by", "priority"), ("sub_group_by", "state_id")], None, 200);
    let query = CountWorkspaceWorkItemsQuery::new()
        .group_by(WorkItemCountGroupBy::Priority)
        .sub_group_by(WorkItemCountGroupBy::StateId);
    let got = exchange!(call, Some(&nested), |client| client.count_workspace_work_items(WS, &query));
    assert_eq!(got.grouped_by, Some(WorkItemCountGroupBy::Priority));
    assert_eq!(got.grouped_counts["urgent"].sub_grouped_counts.as_ref().unwrap()[OTHER].count, 2);
    assert_encodes_to!(got, nested);
}

#[tokio::test]
async fn the_intake_status_sends_the_triage_fields() {
    let body = json!({"status": 2, "duplicate_to": OTHER, "snoozed_till": null});
    let call = sdk("PATCH", &format!("projects/{PROJECT}/intake-issues/{WORK_ITEM}/status/"), &[], Some(body), 200);
    let answer = intake_json();
    let request = UpdateIntakeWorkItemStatusBody::new()
        .status(IntakeStatus::Duplicate)
        .duplicate_to(uuid(OTHER))
        .clear_snoozed_till();
    let got = exchange!(call, Some(&answer), |client| client.update_intake_work_item_status(
        WS,
        uuid(PROJECT),
        uuid(WORK_ITEM),
        &request
    ));
    assert_eq!(got.status, IntakeStatus::Duplicate);
    assert_encodes_to!(got, answer);
}

/// An intake item as the server sends it (intake.yaml, measured live).
fn intake_json() -> Value {
    json!({
        "id": OTHER, "issue": WORK_ITEM, "intake": USER, "inbox": USER, "status": 2, "snoozed_till": null,
        "duplicate_to": OTHER, "source": "IN_APP", "source_email": null, "external_source": null,
        "external_id": null, "extra": {}, "project": PROJECT, "workspace": USER,
        "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-02T00:00:00Z", "deleted_at": null,
        "created_by": USER, "updated_by": null,
        "issue_detail": {
            "id": WORK_ITEM, "name": "Login fails", "description": {"type": "doc"}, "description_json": {"type": "doc"},
            "description_html": "<p>Steps</p>", "description_stripped": "Steps", "description_binary": null,
            "priority": "high", "state": {"id": OTHER, "name": "Triage", "color": "#4E5355", "group": "triage"},
            "labels": [], "assignees": [USER], "point": null, "estimate_point": null, "start_date": null,
            "target_date": null, "sequence_id": 7, "sort_order": 65535.0, "completed_at": null, "archived_at": null,
            "is_draft": false, "parent": null, "type": null, "external_source": null, "external_id": null,
            "project": PROJECT, "workspace": USER, "created_at": "2025-01-01T00:00:00Z",
            "updated_at": "2025-01-02T00:00:00Z", "deleted_at": null, "created_by": USER, "updated_by": null
        }
    })
}

#[tokio::test]
async fn the_role_distribution_decodes_every_key() {
    let answer = json!({
        "total_memberships": 12, "total_distinct_members": 7,
        "roles": [
            {"role_id": null, "name": "Admin", "slug": "admin", "is_system": true, "level": 20, "membership_count": 3, "distinct_member_count": 2},
            {"role_id": OTHER, "name": "Reviewer", "slug": "reviewer", "is_system": false, "level": 10, "membership_count": 9, "distinct_member_count": 5}
        ]
    });
    let call = sdk("GET", "project-role-distribution/", &[], None, 200);
    let got = exchange!(call, Some(&answer), |client| client.retrieve_project_role_distribution(WS));
    assert_eq!((got.total_memberships, got.roles[1].role_id.as_deref()), (12, Some(OTHER)));
    assert_encodes_to!(got, answer);
}

/// The SDK's `AdvancedSearchResult`, every field set.
fn advanced_search_result_json() -> Value {
    json!({
        "id": WORK_ITEM, "name": "Fix the login redirect", "sequence_id": 102, "project_identifier": "WEB",
        "project_id": PROJECT, "workspace_id": OTHER, "type_id": PAGE, "state_id": EPIC, "priority": "urgent",
        "target_date": "2025-04-30", "start_date": "2025-04-01"
    })
}

#[tokio::test]
async fn advanced_search_work_items() {
    let reference = Reference::new("work_items", "advanced-search-work-items");
    // The page shows an array holding one array of results; the SDK decodes a flat array of
    // results, and wins: the page's inner array is the answer.
    let from_page = reference.response()[0].clone();
    for answer in [json!([advanced_search_result_json()]), from_page] {
        let body = AdvancedSearchWorkItemsBody::new().query("login").project_id(uuid(PROJECT)).limit(10);
        let results = exchange!(reference, Some(&answer), |client| client.advanced_search_work_items(WS, &body));
        assert_encodes_to!(results, answer);
        assert_eq!(results[0].id, uuid(answer[0]["id"].as_str().unwrap()));
    }
    // Filters are sent as given: nested and/or groups of conditions.
    let filters = json!({"and": [{"state_id": EPIC}, {"or": [{"priority": "high"}, {"priority": "urgent"}]}]});
    let mut filtered = reference.clone();
    filtered.request = Some(json!({"filters": filters, "workspace_search": true}));
    let filters = filters.as_object().unwrap().clone().into_iter().collect();
    let body = AdvancedSearchWorkItemsBody::new().filters(filters).workspace_search(true);
    let results = exchange!(filtered, Some(&json!([])), |client| client.advanced_search_work_items(WS, &body));
    assert!(results.is_empty());
}
