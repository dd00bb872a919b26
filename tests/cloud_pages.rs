//! The paid editions' pages (workspace wiki pages, project pages, and work items' page links)
//! against a local server, as `cloud_epics.rs` does for its families. Every operation's request
//! must be the reference page's example request (method, exact path, query and JSON body); every
//! answer with a body is given twice, built from the Python SDK's model with every field set and
//! as the reference page shows it, decoded by a strict client (`deny_unknown_fields`: a key the
//! spec lacks fails) and encoded back to the same JSON (every field decoded, into its place).
//! The SDK's calls that no page documents (deleting a page) are checked against the SDK's request.
//!
//! The pages' examples are in `reference/pages.json`, copied from the pages with their
//! placeholders (`project-uuid`, `page-uuid`, …) made UUIDs here.

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
