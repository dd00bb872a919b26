//! The paid editions' pages (workspace wiki pages, project pages, and work items' page links),
//! estimates and their points, and the workspace's project labels, against a local server, as
//! `cloud_epics.rs` does for its families. Every operation's request must be the reference page's
//! example request (method, exact path, query and JSON body); every answer with a body is given
//! twice, built from the Python SDK's model with every field set and as the reference page shows
//! it, decoded by a strict client (`deny_unknown_fields`: a key the spec lacks fails) and encoded
//! back to the same JSON (every field decoded, into its place). The SDK's calls that no page
//! documents (deleting a page) are checked against the SDK's request; where the page's example
//! is not what the SDK reads (the lists of work item pages and of project labels), the strict
//! client is shown to refuse it.
//!
//! The pages' examples are in `reference/{pages,estimates,project_labels}.json`, copied from the
//! pages with their placeholders (`project-uuid`, `page-uuid`, …) made UUIDs here.

#[macro_use]
mod cloud_common;

use cloud_common::*;
use cloud_common::{page, uuid};
use plane_client::*;
use serde_json::{Value, json};

/// The SDK's `Page`, every field set, with the keys the pages' examples add (access, color,
/// is_locked, archived_at, logo_props, parent_id, created_by, updated_by).
fn page_json() -> Value {
    json!({
        "id": PAGE, "name": "Getting Started",
        "description": {"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Welcome"}]}]},
        "description_html": "<h1>Welcome</h1><p>This is a getting started guide.</p>",
        "description_stripped": "Welcome This is a getting started guide.",
        "description_binary": "AQLNqfPjDwAHAQdkZWZhdWx0AwlwYXJhZ3JhcGgA", "owned_by": USER, "access": 1,
        "color": "#3A86FF", "is_locked": true, "archived_at": "2025-02-01", "logo_props": {"in_use": "emoji", "emoji": {"value": "128218"}},
        "parent_id": OTHER, "anchor": "a1b2c3", "workspace": OTHER, "projects": [PROJECT],
        "created_at": "2023-11-19T11:56:55.176802Z", "updated_at": "2023-11-19T11:56:55.176809Z",
        "created_by": USER, "updated_by": OTHER
    })
}

/// The SDK's `WorkItemPage` (with its `WorkItemPageLite`), every field set.
fn work_item_page_json() -> Value {
    json!({
        "id": PAGE,
        "page": {
            "id": OTHER, "name": "Design notes", "description_html": "<p>Decisions so far</p>",
            "created_at": "2025-01-10T09:00:00Z", "updated_at": "2025-01-11T10:30:00.250Z", "created_by": USER,
            "is_global": true, "logo_props": {"in_use": "icon", "icon": {"name": "book", "color": "#6d7b8a"}}
        },
        "issue": WORK_ITEM, "project": PROJECT, "workspace": USER,
        "created_at": "2025-01-12T08:00:00Z", "updated_at": "2025-01-12T08:00:00Z", "created_by": USER
    })
}

/// The pages' example create body (the same on both pages), as a `$body`.
macro_rules! example_create_body {
    ($body:ident) => {
        $body::new("Example Name", "<p>Example content</p>")
            .access(PageAccess::Public)
            .color("Example Name")
            .is_locked(true)
            .archived_at(date("2024-01-01"))
            .view_props(json!("example-value"))
            .logo_props(json!("example-value"))
            .external_id("550e8400-e29b-41d4-a716-446655440000")
            .external_source("github")
    };
}

#[tokio::test]
async fn list_workspace_pages() {
    let reference = Reference::new("pages", "list-workspace-pages");
    for answer in [page(vec![page_json()]), reference.response()] {
        let query = ListWorkspacePagesQuery::new().r#type(PageListType::Public).search("welcome").per_page(20);
        let pages = exchange!(reference, Some(&answer), |client| client.list_workspace_pages(WS, &query));
        assert_encodes_to!(pages, answer);
        assert_eq!(pages.results[0].id, uuid(answer["results"][0]["id"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn list_project_pages() {
    let reference = Reference::new("pages", "list-project-pages");
    for answer in [page(vec![page_json()]), reference.response()] {
        let query = ListProjectPagesQuery::new().r#type(PageListType::Public).search("welcome").per_page(20);
        let pages = exchange!(reference, Some(&answer), |client| client.list_project_pages(WS, uuid(PROJECT), &query));
        assert_encodes_to!(pages, answer);
        assert_eq!(Some(pages.results[0].access.code()), answer["results"][0]["access"].as_i64());
    }
    // Each list type is sent by its name.
    for (kind, text) in
        [(PageListType::All, "all"), (PageListType::Shared, "shared"), (PageListType::Archived, "archived")]
    {
        let mut paged = reference.clone();
        paged.query = vec![("type".into(), text.into())];
        let query = ListProjectPagesQuery::new().r#type(kind);
        exchange!(paged, Some(&page(vec![])), |client| client.list_project_pages(WS, uuid(PROJECT), &query));
    }
}

#[tokio::test]
async fn create_workspace_page() {
    let reference = Reference::new("pages", "add-workspace-page");
    for answer in [page_json(), reference.response()] {
        let body = example_create_body!(CreateWorkspacePageBody);
        let created = exchange!(reference, Some(&answer), |client| client.create_workspace_page(WS, &body));
        assert_encodes_to!(created, answer);
        assert_eq!(created.name, answer["name"].as_str().unwrap());
    }
    // The SDK's two more fields.
    let mut sdk = reference.clone();
    sdk.request =
        Some(json!({"name": "Child", "description_html": "<p></p>", "parent_id": PAGE, "collection_id": OTHER}));
    let body = CreateWorkspacePageBody::new("Child", "<p></p>").parent_id(uuid(PAGE)).collection_id(uuid(OTHER));
    exchange!(sdk, Some(&page_json()), |client| client.create_workspace_page(WS, &body));
}

#[tokio::test]
async fn create_project_page() {
    let reference = Reference::new("pages", "add-project-page");
    for answer in [page_json(), reference.response()] {
        let body = example_create_body!(CreateProjectPageBody);
        let created =
            exchange!(reference, Some(&answer), |client| client.create_project_page(WS, uuid(PROJECT), &body));
        assert_encodes_to!(created, answer);
        assert_eq!(created.archived_at, Some(date(answer["archived_at"].as_str().unwrap())));
    }
}

#[tokio::test]
async fn retrieve_workspace_page() {
    let reference = Reference::new("pages", "get-workspace-page");
    // The page's example is abbreviated (four keys, `description` a string): as keys of a whole page.
    for answer in [page_json(), overlay(&page_json(), &reference.response())] {
        let found = exchange!(reference, Some(&answer), |client| client.retrieve_workspace_page(WS, uuid(PAGE)));
        assert_encodes_to!(found, answer);
        assert_eq!(found.description, Some(answer["description"].clone()));
    }
}

#[tokio::test]
async fn retrieve_project_page() {
    let reference = Reference::new("pages", "get-project-page");
    for answer in [page_json(), overlay(&page_json(), &reference.response())] {
        let found =
            exchange!(reference, Some(&answer), |client| client.retrieve_project_page(WS, uuid(PROJECT), uuid(PAGE)));
        assert_encodes_to!(found, answer);
        assert_eq!(found.id, uuid(answer["id"].as_str().unwrap()));
    }
}

/// A request no page documents: the SDK's, answered with a 204.
fn sdk_request(method: &str, path: String) -> Reference {
    Reference { method: method.into(), path, query: Vec::new(), status: 204, request: None, response: None }
}

#[tokio::test]
async fn delete_workspace_page() {
    let reference = sdk_request("DELETE", format!("/api/v1/workspaces/{WS}/pages/{PAGE}/"));
    exchange!(reference, None, |client| client.delete_workspace_page(WS, uuid(PAGE)));
}

#[tokio::test]
async fn delete_project_page() {
    let reference = sdk_request("DELETE", format!("/api/v1/workspaces/{WS}/projects/{PROJECT}/pages/{PAGE}/"));
    exchange!(reference, None, |client| client.delete_project_page(WS, uuid(PROJECT), uuid(PAGE)));
}

// ---- work item pages ----

#[tokio::test]
async fn list_work_item_pages() {
    let reference = Reference::new("pages", "list-work-item-pages");
    let query = ListWorkItemPagesQuery::new().cursor("20:1:0").order_by("-created_at");
    let answer = page(vec![work_item_page_json()]);
    let links = exchange!(reference, Some(&answer), |client| client.list_work_item_pages(
        WS,
        uuid(PROJECT),
        uuid(WORK_ITEM),
        &query
    ));
    assert_encodes_to!(links, answer);
    assert_eq!(links.results[0].page.id, uuid(OTHER));
    // The page's example results (`id`, `name`, `created_at`) are not its own overview's link
    // object; the SDK's model (which the spec follows) has no `name`, so a strict client refuses
    // them, and in the SDK's shape they decode.
    let example = reference.response();
    let (server, client) = serve(&reference, Some(&example)).await;
    let error = client.list_work_item_pages(WS, uuid(PROJECT), uuid(WORK_ITEM), &query).await.unwrap_err();
    assert!(error.to_string().contains("name"), "{error}");
    drop(server);
    let mut fixed = example.clone();
    fixed["results"] = json!([overlay(
        &work_item_page_json(),
        &json!({"id": example["results"][0]["id"], "created_at": example["results"][0]["created_at"]})
    )]);
    let links = exchange!(reference, Some(&fixed), |client| client.list_work_item_pages(
        WS,
        uuid(PROJECT),
        uuid(WORK_ITEM),
        &query
    ));
    assert_encodes_to!(links, fixed);
    assert_eq!(links.total_count, Some(150));
}

#[tokio::test]
async fn create_work_item_page() {
    let reference = Reference::new("pages", "add-work-item-page");
    for answer in [work_item_page_json(), reference.response()] {
        let body = CreateWorkItemPageBody::new(uuid("550e8400-e29b-41d4-a716-446655440000"));
        let link = exchange!(reference, Some(&answer), |client| client.create_work_item_page(
            WS,
            uuid(PROJECT),
            uuid(WORK_ITEM),
            &body
        ));
        assert_encodes_to!(link, answer);
        assert_eq!(link.issue, uuid(answer["issue"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn retrieve_work_item_page() {
    let reference = Reference::new("pages", "get-work-item-page-detail");
    for answer in [work_item_page_json(), reference.response()] {
        let link = exchange!(reference, Some(&answer), |client| client.retrieve_work_item_page(
            WS,
            uuid(PROJECT),
            uuid(WORK_ITEM),
            uuid(PAGE)
        ));
        assert_encodes_to!(link, answer);
        assert_eq!(link.page.is_global, answer["page"]["is_global"].as_bool().unwrap());
    }
}

#[tokio::test]
async fn delete_work_item_page() {
    let reference = Reference::new("pages", "delete-work-item-page");
    exchange!(reference, None, |client| client.delete_work_item_page(WS, uuid(PROJECT), uuid(WORK_ITEM), uuid(PAGE)));
}

// ---- estimates ----

/// The SDK's `Estimate`, every field set.
fn estimate_json() -> Value {
    json!({
        "id": ESTIMATE, "name": "T-shirt sizes", "description": "Rough sizes for planning", "type": "categories",
        "last_used": false, "external_id": "EST-9", "external_source": "jira", "project": PROJECT, "workspace": OTHER,
        "created_at": "2025-02-03T10:00:00Z", "updated_at": "2025-02-04T11:30:00.125Z", "created_by": USER,
        "updated_by": OTHER
    })
}

/// The SDK's `EstimatePoint`, every field set.
fn estimate_point_json() -> Value {
    json!({
        "id": ESTIMATE_POINT, "estimate": ESTIMATE, "key": 4, "value": "XL", "description": "A week or more",
        "external_id": "EP-4", "external_source": "jira", "project": PROJECT, "workspace": OTHER,
        "created_at": "2025-02-03T10:05:00Z", "updated_at": "2025-02-04T11:35:00Z", "created_by": USER,
        "updated_by": OTHER
    })
}

#[tokio::test]
async fn retrieve_estimate() {
    let reference = Reference::new("estimates", "get-estimate");
    for answer in [estimate_json(), reference.response()] {
        let estimate = exchange!(reference, Some(&answer), |client| client.retrieve_estimate(WS, uuid(PROJECT)));
        assert_encodes_to!(estimate, answer);
        assert_eq!(estimate.r#type.to_string(), answer["type"].as_str().unwrap());
    }
}

#[tokio::test]
async fn create_estimate() {
    let reference = Reference::new("estimates", "add-estimate");
    for answer in [estimate_json(), reference.response()] {
        let body = CreateEstimateBody::new("Story Points")
            .description("Standard story point scale")
            .r#type(EstimateType::Points);
        let estimate = exchange!(reference, Some(&answer), |client| client.create_estimate(WS, uuid(PROJECT), &body));
        assert_encodes_to!(estimate, answer);
        assert_eq!(estimate.last_used, answer["last_used"].as_bool().unwrap());
    }
    // Every field of the SDK's CreateEstimate.
    let mut sdk = reference.clone();
    sdk.request = Some(json!({
        "name": "Hours", "description": "Time spent", "type": "time", "last_used": true,
        "external_id": "EST-1", "external_source": "jira"
    }));
    let body = CreateEstimateBody::new("Hours")
        .description("Time spent")
        .r#type(EstimateType::Time)
        .last_used(true)
        .external_id("EST-1")
        .external_source("jira");
    exchange!(sdk, Some(&estimate_json()), |client| client.create_estimate(WS, uuid(PROJECT), &body));
}

#[tokio::test]
async fn update_estimate() {
    let reference = Reference::new("estimates", "update-estimate");
    for answer in [estimate_json(), reference.response()] {
        let body = UpdateEstimateBody::new().description("Updated story point scale");
        let estimate = exchange!(reference, Some(&answer), |client| client.update_estimate(WS, uuid(PROJECT), &body));
        assert_encodes_to!(estimate, answer);
        assert_eq!(estimate.description, answer["description"].as_str().unwrap());
    }
}

#[tokio::test]
async fn delete_estimate() {
    let reference = Reference::new("estimates", "delete-estimate");
    exchange!(reference, None, |client| client.delete_estimate(WS, uuid(PROJECT)));
}

#[tokio::test]
async fn list_estimate_points() {
    let reference = Reference::new("estimates", "list-estimate-points");
    for answer in [json!([estimate_point_json()]), reference.response()] {
        let points = exchange!(reference, Some(&answer), |client| client.list_estimate_points(
            WS,
            uuid(PROJECT),
            uuid(ESTIMATE)
        ));
        assert_encodes_to!(points, answer);
        assert_eq!(points[0].value, answer[0]["value"].as_str().unwrap());
    }
}

#[tokio::test]
async fn create_estimate_points() {
    let reference = Reference::new("estimates", "add-estimate-points");
    for answer in [json!([estimate_point_json()]), reference.response()] {
        let points = [
            NewEstimatePoint::new("1").key(1).description("Tiny"),
            NewEstimatePoint::new("2").key(2).description("Small"),
        ];
        let created = exchange!(reference, Some(&answer), |client| client.create_estimate_points(
            WS,
            uuid(PROJECT),
            uuid(ESTIMATE),
            &points
        ));
        assert_encodes_to!(created, answer);
        assert_eq!(created[0].estimate, uuid(answer[0]["estimate"].as_str().unwrap()));
    }
    // Every field of the SDK's CreateEstimatePoint.
    let mut sdk = reference.clone();
    sdk.request = Some(
        json!([{"value": "XL", "key": 4, "description": "A week or more", "external_id": "EP-4", "external_source": "jira"}]),
    );
    let points =
        [NewEstimatePoint::new("XL").key(4).description("A week or more").external_id("EP-4").external_source("jira")];
    exchange!(sdk, Some(&json!([estimate_point_json()])), |client| client.create_estimate_points(
        WS,
        uuid(PROJECT),
        uuid(ESTIMATE),
        &points
    ));
}

#[tokio::test]
async fn update_estimate_point() {
    let reference = Reference::new("estimates", "update-estimate-point");
    for answer in [estimate_point_json(), reference.response()] {
        let body = UpdateEstimatePointBody::new().value("3").description("Small");
        let point = exchange!(reference, Some(&answer), |client| client.update_estimate_point(
            WS,
            uuid(PROJECT),
            uuid(ESTIMATE),
            uuid(ESTIMATE_POINT),
            &body
        ));
        assert_encodes_to!(point, answer);
        assert_eq!(point.key, answer["key"].as_i64().unwrap());
    }
    // A value of more than 20 characters is refused before anything is sent.
    let (server, client) = serve(&reference, Some(&estimate_point_json())).await;
    let body = UpdateEstimatePointBody::new().value("x".repeat(21));
    let error =
        client.update_estimate_point(WS, uuid(PROJECT), uuid(ESTIMATE), uuid(ESTIMATE_POINT), &body).await.unwrap_err();
    assert!(error.to_string().contains("value"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
    server.reset().await;
}

#[tokio::test]
async fn delete_estimate_point() {
    let reference = Reference::new("estimates", "delete-estimate-point");
    exchange!(reference, None, |client| client.delete_estimate_point(
        WS,
        uuid(PROJECT),
        uuid(ESTIMATE),
        uuid(ESTIMATE_POINT)
    ));
}

// ---- project labels ----

/// The SDK's `WorkspaceProjectLabel`, every field set, with the page's three more
/// (`description`, `created_by`, `updated_by`).
fn project_label_json() -> Value {
    json!({
        "id": PROJECT_LABEL, "name": "Customer-facing", "description": "Projects customers see", "color": "#3A86FF",
        "sort_order": 131070.5, "workspace": OTHER, "created_at": "2025-03-01T09:00:00Z",
        "updated_at": "2025-03-02T10:15:00.500Z", "created_by": USER, "updated_by": OTHER
    })
}

/// `json` as the client encodes it again: its `sort_order` a float (the page writes `65535`).
fn float_sort_order(mut json: Value) -> Value {
    json["sort_order"] = json!(json["sort_order"].as_f64().unwrap());
    json
}

#[tokio::test]
async fn list_project_labels() {
    // The page shows an envelope and sends `cursor` and `expand`; the SDK sends nothing and reads
    // a bare array, and wins: the request without the page's query.
    let reference = Reference::new("project_labels", "list-project-labels").without_query();
    let example = reference.response();
    let from_page: Vec<Value> =
        example["results"].as_array().unwrap().iter().map(|label| overlay(&project_label_json(), label)).collect();
    for answer in [json!([project_label_json()]), Value::Array(from_page)] {
        let labels = exchange!(reference, Some(&answer), |client| client.list_project_labels(WS));
        assert_encodes_to!(labels, answer);
        assert_eq!(labels[0].id, uuid(answer[0]["id"].as_str().unwrap()));
    }
    // The page's envelope is not what the SDK reads: refused.
    let (_server, client) = serve(&reference, Some(&example)).await;
    client.list_project_labels(WS).await.unwrap_err();
}

#[tokio::test]
async fn create_project_label() {
    let reference = Reference::new("project_labels", "add-project-label");
    for answer in [project_label_json(), reference.response()] {
        let body = CreateProjectLabelBody::new("Example Name").color("#ff0000").description("Example description");
        let label = exchange!(reference, Some(&answer), |client| client.create_project_label(WS, &body));
        assert_encodes_to!(label, float_sort_order(answer.clone()));
        assert_eq!(label.color, answer["color"].as_str().unwrap());
    }
    // The SDK's `sort_order`.
    let mut sdk = reference.clone();
    sdk.request = Some(json!({"name": "Internal", "sort_order": 1000.5}));
    let body = CreateProjectLabelBody::new("Internal").sort_order(1000.5);
    exchange!(sdk, Some(&project_label_json()), |client| client.create_project_label(WS, &body));
}

#[tokio::test]
async fn retrieve_project_label() {
    let reference = Reference::new("project_labels", "get-project-label-detail");
    for answer in [project_label_json(), reference.response()] {
        let label =
            exchange!(reference, Some(&answer), |client| client.retrieve_project_label(WS, uuid(PROJECT_LABEL)));
        assert_encodes_to!(label, float_sort_order(answer.clone()));
        assert_eq!(label.sort_order, answer["sort_order"].as_f64().unwrap());
    }
}

#[tokio::test]
async fn update_project_label() {
    let reference = Reference::new("project_labels", "update-project-label-detail");
    for answer in [project_label_json(), reference.response()] {
        let body =
            UpdateProjectLabelBody::new().name("Example Name").color("#00ff00").description("Example description");
        let label =
            exchange!(reference, Some(&answer), |client| client.update_project_label(WS, uuid(PROJECT_LABEL), &body));
        assert_encodes_to!(label, float_sort_order(answer.clone()));
        assert_eq!(label.name, answer["name"].as_str().unwrap());
    }
}

#[tokio::test]
async fn delete_project_label() {
    let reference = Reference::new("project_labels", "delete-project-label");
    exchange!(reference, None, |client| client.delete_project_label(WS, uuid(PROJECT_LABEL)));
}
