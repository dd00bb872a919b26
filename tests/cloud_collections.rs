//! The paid editions' page collections (collections, their members and their pages), against a
//! local server, as `cloud_pages.rs` does for its families. No reference page documents these
//! operations, so every request is checked against the official Python SDK's call
//! (`plane/api/collections/`: method, exact path with the trailing slash its `_build_url` adds,
//! query and JSON body); every answer is built from the SDK's model
//! (`plane/models/collections.py`) with every field set, decoded by a strict client
//! (`deny_unknown_fields`: a key the spec lacks fails) and encoded back to the same JSON (every
//! field decoded, into its place).

#[macro_use]
mod cloud_common;

use cloud_common::*;
use cloud_common::{page, uuid};
use plane_client::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn collections_path() -> String {
    format!("/api/v1/workspaces/{WS}/collections/")
}

fn collection_path(rest: &str) -> String {
    format!("/api/v1/workspaces/{WS}/collections/{COLLECTION}/{rest}")
}

/// The SDK's `Collection`, every field set.
fn collection_json() -> Value {
    json!({
        "id": COLLECTION, "name": "Engineering handbook", "owned_by_id": USER, "access": 1,
        "current_user_access": 2, "has_pages": true, "is_default": false, "is_global": true,
        "logo_props": {"in_use": "emoji", "emoji": {"value": "128218"}}, "sort_order": 65535.5, "workspace": OTHER,
        "created_at": "2025-04-01T09:00:00Z", "updated_at": "2025-04-02T10:30:00.250Z", "created_by": USER,
        "updated_by": OTHER
    })
}

/// The SDK's `CollectionMember`, every field set.
fn member_json() -> Value {
    json!({
        "id": COLLECTION_MEMBER, "collection": COLLECTION, "member": OTHER, "access": 1, "workspace": USER,
        "created_at": "2025-04-03T09:00:00Z", "updated_at": "2025-04-03T09:15:00Z", "created_by": USER,
        "updated_by": null
    })
}

/// The SDK's `CollectionPage`, every field set.
fn collection_page_json() -> Value {
    json!({
        "id": COLLECTION_PAGE, "collection": COLLECTION, "page": PAGE, "workspace": OTHER, "sort_order": 1000.25,
        "created_at": "2025-04-04T09:00:00Z", "updated_at": "2025-04-04T09:00:00.500Z", "created_by": USER,
        "updated_by": USER
    })
}

/// The SDK's `CollectionBranchPage`, every field set (its `page` a page as the wiki sends one).
fn entry_json() -> Value {
    json!({
        "page_collection_id": COLLECTION_PAGE, "collection_id": COLLECTION, "parent_id": OTHER, "sort_order": 1000.25,
        "page": {"id": PAGE, "name": "Onboarding", "access": 0, "is_locked": false, "logo_props": {}, "parent_id": OTHER}
    })
}

#[tokio::test]
async fn list_page_collections() {
    let reference = Reference::sdk("GET", collections_path(), 200, None);
    let answer = json!([collection_json()]);
    let collections = exchange!(reference, Some(&answer), |client| client.list_page_collections(WS));
    assert_encodes_to!(collections, answer);
    assert_eq!(collections[0].access, PageCollectionAccess::Private);
    assert_eq!(collections[0].current_user_access, Some(PageCollectionMemberAccess::Edit));
}

#[tokio::test]
async fn create_page_collection() {
    // Every field of the SDK's CreateCollection.
    let logo = json!({"in_use": "icon", "icon": {"name": "book", "color": "#6d7b8a"}});
    let reference = Reference::sdk(
        "POST",
        collections_path(),
        201,
        Some(json!({"name": "Engineering handbook", "access": 1, "logo_props": logo})),
    );
    let body =
        CreatePageCollectionBody::new("Engineering handbook").access(PageCollectionAccess::Private).logo_props(logo);
    let created = exchange!(reference, Some(&collection_json()), |client| client.create_page_collection(WS, &body));
    assert_encodes_to!(created, collection_json());
    assert_eq!(created.id, uuid(COLLECTION));
    // Only the name: nothing else is sent. A create's answer may lack the computed keys.
    let reference = Reference::sdk("POST", collections_path(), 201, Some(json!({"name": "Drafts"})));
    let mut answer = collection_json();
    let object = answer.as_object_mut().unwrap();
    object.remove("current_user_access");
    object.remove("has_pages");
    let body = CreatePageCollectionBody::new("Drafts");
    let created = exchange!(reference, Some(&answer), |client| client.create_page_collection(WS, &body));
    assert_encodes_to!(created, answer);
    assert_eq!(created.has_pages, None);
}

#[tokio::test]
async fn retrieve_page_collection() {
    let reference = Reference::sdk("GET", collection_path(""), 200, None);
    let found =
        exchange!(reference, Some(&collection_json()), |client| client.retrieve_page_collection(WS, uuid(COLLECTION)));
    assert_encodes_to!(found, collection_json());
    assert_eq!(found.sort_order, 65535.5);
}

#[tokio::test]
async fn update_page_collection() {
    // Every field of the SDK's UpdateCollection (which has no `access`).
    let reference = Reference::sdk(
        "PATCH",
        collection_path(""),
        200,
        Some(json!({"name": "Handbook", "logo_props": {}, "sort_order": 2048.5})),
    );
    let body = UpdatePageCollectionBody::new().name("Handbook").logo_props(json!({})).sort_order(2048.5);
    let updated = exchange!(reference, Some(&collection_json()), |client| client.update_page_collection(
        WS,
        uuid(COLLECTION),
        &body
    ));
    assert_encodes_to!(updated, collection_json());
}

#[tokio::test]
async fn delete_page_collection() {
    // The SDK sends `archive_pages` only when given, as "true" or "false".
    let reference = Reference::sdk("DELETE", collection_path(""), 204, None);
    exchange!(reference, None, |client| client.delete_page_collection(
        WS,
        uuid(COLLECTION),
        &DeletePageCollectionQuery::new()
    ));
    for (archive, text) in [(false, "false"), (true, "true")] {
        let query = DeletePageCollectionQuery::new().archive_pages(archive);
        exchange!(reference.with_query(&[("archive_pages", text)]), None, |client| client.delete_page_collection(
            WS,
            uuid(COLLECTION),
            &query
        ));
    }
}

// ---- members ----

#[tokio::test]
async fn list_page_collection_members() {
    let reference = Reference::sdk("GET", collection_path("members/"), 200, None);
    let answer = json!([member_json()]);
    let members =
        exchange!(reference, Some(&answer), |client| client.list_page_collection_members(WS, uuid(COLLECTION)));
    assert_encodes_to!(members, answer);
    assert_eq!(members[0].access.code(), 1);
}

#[tokio::test]
async fn add_page_collection_member() {
    let reference =
        Reference::sdk("POST", collection_path("members/"), 201, Some(json!({"member": OTHER, "access": 2})));
    let body = AddPageCollectionMemberBody::new(uuid(OTHER), PageCollectionMemberAccess::Edit);
    let member = exchange!(reference, Some(&member_json()), |client| client.add_page_collection_member(
        WS,
        uuid(COLLECTION),
        &body
    ));
    assert_encodes_to!(member, member_json());
    assert_eq!(member.member, uuid(OTHER));
}

#[tokio::test]
async fn update_page_collection_member() {
    let path = collection_path(&format!("members/{COLLECTION_MEMBER}/"));
    let reference = Reference::sdk("PATCH", path, 200, Some(json!({"access": 0})));
    let body = UpdatePageCollectionMemberBody::new(PageCollectionMemberAccess::View);
    let member = exchange!(reference, Some(&member_json()), |client| client.update_page_collection_member(
        WS,
        uuid(COLLECTION),
        uuid(COLLECTION_MEMBER),
        &body
    ));
    assert_encodes_to!(member, member_json());
}

#[tokio::test]
async fn remove_page_collection_member() {
    let reference = Reference::sdk("DELETE", collection_path(&format!("members/{COLLECTION_MEMBER}/")), 204, None);
    exchange!(reference, None, |client| client.remove_page_collection_member(
        WS,
        uuid(COLLECTION),
        uuid(COLLECTION_MEMBER)
    ));
}

// ---- pages ----

#[tokio::test]
async fn list_page_collection_pages() {
    // Every parameter of the SDK's CollectionPageQueryParams that the spec keeps.
    let reference = Reference::sdk("GET", collection_path("pages/"), 200, None).with_query(&[
        ("search", "onboarding"),
        ("parent_id", OTHER),
        ("per_page", "20"),
        ("cursor", "20:1:0"),
    ]);
    let answer = page(vec![entry_json()]);
    let query =
        ListPageCollectionPagesQuery::new().search("onboarding").parent_id(uuid(OTHER)).per_page(20).cursor("20:1:0");
    let pages =
        exchange!(reference, Some(&answer), |client| client.list_page_collection_pages(WS, uuid(COLLECTION), &query));
    assert_encodes_to!(pages, answer);
    assert_eq!(pages.results[0].page["name"], "Onboarding");
    // A top-level page's parent is null; no parameter is sent unless set.
    let mut top = entry_json();
    top["parent_id"] = Value::Null;
    let answer = page(vec![top]);
    let reference = Reference::sdk("GET", collection_path("pages/"), 200, None);
    let query = ListPageCollectionPagesQuery::new();
    let pages =
        exchange!(reference, Some(&answer), |client| client.list_page_collection_pages(WS, uuid(COLLECTION), &query));
    assert_encodes_to!(pages, answer);
    assert_eq!(pages.results[0].parent_id, None);
    // More than 100 per page is refused before anything is sent.
    let (server, client) = serve(&reference, None).await;
    let query = ListPageCollectionPagesQuery::new().per_page(101);
    let error = client.list_page_collection_pages(WS, uuid(COLLECTION), &query).await.unwrap_err();
    assert!(error.to_string().contains("per_page"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
    server.reset().await;
}

#[tokio::test]
async fn add_page_collection_pages() {
    // Every field of the SDK's AddCollectionPages.
    let reference = Reference::sdk(
        "POST",
        collection_path("pages/"),
        201,
        Some(json!({
            "page_ids": [PAGE, OTHER], "sort_orders": {PAGE: 1000.25, OTHER: 2000.5},
            "placement": {"position": "after", "page_id": USER}
        })),
    );
    let sort_orders = BTreeMap::from([(PAGE.to_string(), 1000.25), (OTHER.to_string(), 2000.5)]);
    let placement = BTreeMap::from([("position".to_string(), json!("after")), ("page_id".to_string(), json!(USER))]);
    let body =
        AddPageCollectionPagesBody::new(vec![uuid(PAGE), uuid(OTHER)]).sort_orders(sort_orders).placement(placement);
    let answer = json!([collection_page_json()]);
    let rows =
        exchange!(reference, Some(&answer), |client| client.add_page_collection_pages(WS, uuid(COLLECTION), &body));
    assert_encodes_to!(rows, answer);
    assert_eq!(rows[0].page, uuid(PAGE));
    // Only the required `page_ids`.
    let reference = Reference::sdk("POST", collection_path("pages/"), 201, Some(json!({"page_ids": [PAGE]})));
    let body = AddPageCollectionPagesBody::new(vec![uuid(PAGE)]);
    exchange!(reference, Some(&answer), |client| client.add_page_collection_pages(WS, uuid(COLLECTION), &body));
}

#[tokio::test]
async fn search_page_collection_pages() {
    let reference =
        Reference::sdk("GET", collection_path("pages-search/"), 200, None).with_query(&[("search", "onboarding")]);
    let answer =
        json!([{"id": PAGE, "name": "Onboarding", "logo_props": {"in_use": "emoji", "emoji": {"value": "128075"}}}]);
    let query = SearchPageCollectionPagesQuery::new().search("onboarding");
    let found =
        exchange!(reference, Some(&answer), |client| client.search_page_collection_pages(WS, uuid(COLLECTION), &query));
    assert_encodes_to!(found, answer);
    assert_eq!(found[0].id, uuid(PAGE));
}

#[tokio::test]
async fn update_page_collection_page() {
    let path = collection_path(&format!("pages/{COLLECTION_PAGE}/"));
    // A move: every field of the SDK's UpdateCollectionPage.
    let reference = Reference::sdk(
        "PATCH",
        path.clone(),
        200,
        Some(json!({"collection": OTHER, "sort_order": 500.5, "placement": {"position": "before"}})),
    );
    let body = UpdatePageCollectionPageBody::new()
        .collection(uuid(OTHER))
        .sort_order(500.5)
        .placement(BTreeMap::from([("position".to_string(), json!("before"))]));
    let row = exchange!(reference, Some(&collection_page_json()), |client| client.update_page_collection_page(
        WS,
        uuid(COLLECTION),
        uuid(COLLECTION_PAGE),
        &body
    ));
    assert_encodes_to!(row, collection_page_json());
    // A reorder: `collection` is not sent at all.
    let reference = Reference::sdk("PATCH", path, 200, Some(json!({"sort_order": 750.5})));
    let body = UpdatePageCollectionPageBody::new().sort_order(750.5);
    exchange!(reference, Some(&collection_page_json()), |client| client.update_page_collection_page(
        WS,
        uuid(COLLECTION),
        uuid(COLLECTION_PAGE),
        &body
    ));
}

#[tokio::test]
async fn remove_page_collection_page() {
    let reference = Reference::sdk("DELETE", collection_path(&format!("pages/{COLLECTION_PAGE}/")), 204, None);
    exchange!(reference, None, |client| client.remove_page_collection_page(
        WS,
        uuid(COLLECTION),
        uuid(COLLECTION_PAGE)
    ));
}
