//! The paid editions' releases (with their tags, labels, work items, comments, links and
//! changelog) and the workspace's role definitions, against a local server, with
//! `cloud_common.rs`'s harness. Plane's reference pages have no page on either family, so every
//! operation's request is checked against the official Python SDK's call (method, exact path,
//! query and JSON body: the SDK's model with every field set). Every answer with a body is given
//! twice, built from the SDK's model with every field set and with every nullable field null,
//! decoded by a strict client (`deny_unknown_fields`: a key the spec lacks fails) and encoded back
//! to the same JSON (every field decoded, into its place).
//!
//! The SDK's models also keep keys it says the API never sends (a release's `start_date` and
//! `logo_props`; a tag's `name`, `color` and `sort_order`): the spec leaves them out, so the
//! answers here do too, and a strict client is shown to refuse them. A role's answer has the SDK's three keys plus the four its docstring says
//! the API adds (`id`, `permissions`, `level`, `member_count`).

#[macro_use]
mod cloud_common;

use cloud_common::*;
use cloud_common::{page, uuid};
use plane_client::*;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

const RELEASE: &str = "550e8400-e29b-41d4-a716-446655440070";
const RELEASE_TAG: &str = "550e8400-e29b-41d4-a716-446655440071";
const RELEASE_LABEL: &str = "550e8400-e29b-41d4-a716-446655440072";
const RELEASE_COMMENT: &str = "550e8400-e29b-41d4-a716-446655440073";
const RELEASE_LINK: &str = "550e8400-e29b-41d4-a716-446655440074";
const RELEASE_CHANGELOG: &str = "550e8400-e29b-41d4-a716-446655440075";
const ROLE: &str = "550e8400-e29b-41d4-a716-446655440080";

/// The SDK's request: `method` to `/api/v1/workspaces/{WS}{route}`, answered with `status`.
fn sdk(method: &str, route: &str, status: u16) -> Reference {
    let path = format!("/api/v1/workspaces/{WS}{route}");
    Reference { method: method.into(), path, query: Vec::new(), status, request: None, response: None }
}

/// The same request with a JSON body.
fn with_body(reference: &Reference, body: Value) -> Reference {
    Reference { request: Some(body), ..reference.clone() }
}

/// The same request with query parameters.
fn with_query(reference: &Reference, query: &[(&str, &str)]) -> Reference {
    let mut query: Vec<(String, String)> = query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    query.sort();
    Reference { query, ..reference.clone() }
}

/// `json` with each of `keys` set to null.
fn nulls(json: &Value, keys: &[&str]) -> Value {
    let mut json = json.clone();
    for key in keys {
        assert!(json.get(key).is_some(), "`{key}` is not a key");
        json[*key] = Value::Null;
    }
    json
}

/// A JSON object as the spec's `map<json>`.
fn map(json: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(json).unwrap()
}

/// The editor's document for "Faster search".
fn doc() -> Value {
    json!({"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Faster search"}]}]})
}

// ---- the SDK's models, every field set ----

fn release_json() -> Value {
    json!({
        "id": RELEASE, "name": "Spring release",
        "description": {"description_html": "<p>Faster search</p>", "description_json": doc(), "description_stripped": "Faster search"},
        "status": "released", "target_date": "2025-04-01", "release_date": "2025-04-02", "lead": USER,
        "tag": RELEASE_TAG, "is_latest": true, "is_prerelease": false, "external_source": "github",
        "external_id": "1234", "created_at": "2025-03-01T09:00:00Z", "updated_at": "2025-04-02T10:30:00.250Z",
        "created_by": USER, "updated_by": OTHER, "workspace": OTHER
    })
}
const RELEASE_NULLS: &[&str] = &[
    "description",
    "target_date",
    "release_date",
    "lead",
    "tag",
    "external_source",
    "external_id",
    "created_by",
    "updated_by",
];

fn tag_json() -> Value {
    json!({
        "id": RELEASE_TAG, "version": "v1.4.0", "description": "Search and editor improvements",
        "commit_hash": "9fceb02d0ae598e95dc970b74767f19372d61af8", "git_tag": "v1.4.0",
        "created_at": "2025-03-01T09:00:00Z", "updated_at": "2025-03-02T09:00:00Z", "workspace": OTHER
    })
}
const TAG_NULLS: &[&str] = &["description", "commit_hash", "git_tag"];

fn label_json() -> Value {
    json!({"id": RELEASE_LABEL, "name": "Hotfix", "color": "#3A86FF", "sort_order": 65535.0, "workspace": OTHER})
}
const LABEL_NULLS: &[&str] = &["color", "sort_order"];

fn work_item_json() -> Value {
    json!({"id": WORK_ITEM, "name": "Faster search", "project_id": PROJECT})
}

fn comment_json() -> Value {
    json!({
        "id": RELEASE_COMMENT, "comment": {"description_html": "<p>Ready to ship.</p>", "description_stripped": "Ready to ship."},
        "is_hidden": false, "is_resolved": true, "parent": OTHER, "edited_at": "2025-04-01T12:00:00Z",
        "created_at": "2025-04-01T11:00:00Z", "updated_at": "2025-04-01T12:00:00Z", "created_by": USER,
        "updated_by": USER, "workspace": OTHER, "release": RELEASE
    })
}
const COMMENT_NULLS: &[&str] = &["comment", "parent", "edited_at", "created_by", "updated_by"];

fn link_json() -> Value {
    json!({
        "id": RELEASE_LINK, "title": "Release notes on GitHub", "url": "https://github.com/acme/app/releases/tag/v1.4.0",
        "metadata": {"title": "Release v1.4.0", "favicon": "https://github.com/favicon.ico"},
        "created_at": "2025-04-02T09:00:00Z", "updated_at": "2025-04-02T09:00:00Z", "workspace": OTHER, "release": RELEASE
    })
}
const LINK_NULLS: &[&str] = &["title"];

fn changelog_json() -> Value {
    json!({
        "id": RELEASE_CHANGELOG, "changelog": {"description_html": "<ul><li>Faster search</li></ul>", "description_json": doc()},
        "created_at": "2025-04-02T09:00:00Z", "updated_at": "2025-04-02T09:30:00Z", "created_by": USER,
        "updated_by": OTHER, "workspace": OTHER, "release": RELEASE
    })
}
const CHANGELOG_NULLS: &[&str] = &["changelog", "created_by", "updated_by"];

/// The SDK's `Role` and the keys its docstring says the API adds.
fn role_json() -> Value {
    json!({
        "id": ROLE, "name": "Contributor", "slug": "contributor", "namespace": "project",
        "permissions": ["work_item:create", "work_item:comment"], "level": 15, "member_count": 4
    })
}

/// `json` with `keys`' keys added (none of them its own).
fn overlay_new(json: &Value, keys: &Value) -> Value {
    let mut json = json.clone();
    for (key, value) in keys.as_object().unwrap() {
        assert!(json.get(key).is_none(), "`{key}` is already a key");
        json[key] = value.clone();
    }
    json
}

/// The answers for a type: every field set, and every nullable one null.
fn both(json: Value, nullable: &[&str]) -> [Value; 2] {
    let bare = nulls(&json, nullable);
    [json, bare]
}

// ---- releases ----

#[tokio::test]
async fn list_releases() {
    let request = with_query(&sdk("GET", "/releases/", 200), &[("per_page", "20"), ("cursor", "20:1:0")]);
    for item in both(release_json(), RELEASE_NULLS) {
        let answer = page(vec![item]);
        let query = ListReleasesQuery::new().per_page(20).cursor("20:1:0");
        let releases = exchange!(request, Some(&answer), |client| client.list_releases(WS, &query));
        assert_encodes_to!(releases, answer);
    }
    // Without parameters, none are sent.
    let request = sdk("GET", "/releases/", 200);
    exchange!(request, Some(&page(vec![])), |client| client.list_releases(WS, &ListReleasesQuery::new()));
}

#[tokio::test]
async fn create_release() {
    // The SDK's CreateRelease, every field (less the deprecated ones) set.
    let sent = json!({
        "name": "Spring release", "description_html": "<p>Faster search</p>", "description_json": doc(),
        "status": "unreleased", "target_date": "2025-04-01", "release_date": "2025-04-02", "lead": USER,
        "tag": RELEASE_TAG, "is_prerelease": true, "external_source": "github", "external_id": "1234"
    });
    let request = with_body(&sdk("POST", "/releases/", 201), sent);
    for answer in both(release_json(), RELEASE_NULLS) {
        let body = CreateReleaseBody::new("Spring release")
            .description_html("<p>Faster search</p>")
            .description_json(map(doc()))
            .status(ReleaseStatus::Unreleased)
            .target_date(date("2025-04-01"))
            .release_date(date("2025-04-02"))
            .lead(uuid(USER))
            .tag(uuid(RELEASE_TAG))
            .is_prerelease(true)
            .external_source("github")
            .external_id("1234");
        let created = exchange!(request, Some(&answer), |client| client.create_release(WS, &body));
        assert_encodes_to!(created, answer);
    }
    // Only the name is required.
    let request = with_body(&sdk("POST", "/releases/", 201), json!({"name": "Spring release"}));
    let body = CreateReleaseBody::new("Spring release");
    let created = exchange!(request, Some(&release_json()), |client| client.create_release(WS, &body));
    assert_eq!(created.status, ReleaseStatus::Released);
}

#[tokio::test]
async fn retrieve_release() {
    let request = sdk("GET", &format!("/releases/{RELEASE}/"), 200);
    for answer in both(release_json(), RELEASE_NULLS) {
        let found = exchange!(request, Some(&answer), |client| client.retrieve_release(WS, uuid(RELEASE)));
        assert_encodes_to!(found, answer);
    }
    // The SDK's deprecated keys, which it says the API never sends, are not the spec's: a strict
    // client refuses them (as the live tests would, were they ever sent), an ordinary one reads
    // past them.
    let deprecated = overlay_new(&release_json(), &json!({"start_date": null, "logo_props": null}));
    let (_server, strict) = serve(&request, Some(&deprecated)).await;
    let error = strict.retrieve_release(WS, uuid(RELEASE)).await.unwrap_err();
    assert!(error.to_string().contains("at `start_date`: a key that the spec does not declare"), "{error}");
    let (server, _) = serve(&request, Some(&deprecated)).await;
    let lenient = Client::builder().base_url(server.uri()).api_key("k").build().unwrap();
    assert_eq!(lenient.retrieve_release(WS, uuid(RELEASE)).await.unwrap().id, uuid(RELEASE));
    // A status the spec does not list is kept.
    let mut answer = release_json();
    answer["status"] = json!("archived");
    let found = exchange!(request, Some(&answer), |client| client.retrieve_release(WS, uuid(RELEASE)));
    assert_eq!(found.status.as_str(), "archived");
}

#[tokio::test]
async fn update_release() {
    let route = format!("/releases/{RELEASE}/");
    let sent = json!({
        "name": "Spring release", "description_html": "<p>Faster search</p>", "description_json": doc(),
        "status": "released", "target_date": "2025-04-01", "release_date": "2025-04-02", "lead": USER,
        "tag": RELEASE_TAG, "is_prerelease": false, "external_source": "github", "external_id": "1234"
    });
    let request = with_body(&sdk("PATCH", &route, 200), sent);
    for answer in both(release_json(), RELEASE_NULLS) {
        let body = UpdateReleaseBody::new()
            .name("Spring release")
            .description_html("<p>Faster search</p>")
            .description_json(map(doc()))
            .status(ReleaseStatus::Released)
            .target_date(date("2025-04-01"))
            .release_date(date("2025-04-02"))
            .lead(uuid(USER))
            .tag(uuid(RELEASE_TAG))
            .is_prerelease(false)
            .external_source("github")
            .external_id("1234");
        let updated = exchange!(request, Some(&answer), |client| client.update_release(WS, uuid(RELEASE), &body));
        assert_encodes_to!(updated, answer);
    }
    // The dates, the lead and the tag can be cleared; nothing else is sent.
    let sent = json!({"target_date": null, "release_date": null, "lead": null, "tag": null});
    let request = with_body(&sdk("PATCH", &route, 200), sent);
    let body = UpdateReleaseBody::new().clear_target_date().clear_release_date().clear_lead().clear_tag();
    let answer = nulls(&release_json(), RELEASE_NULLS);
    let updated = exchange!(request, Some(&answer), |client| client.update_release(WS, uuid(RELEASE), &body));
    assert_eq!(updated.tag, None);
}

#[tokio::test]
async fn delete_release() {
    let request = sdk("DELETE", &format!("/releases/{RELEASE}/"), 204);
    exchange!(request, None, |client| client.delete_release(WS, uuid(RELEASE)));
}

// ---- release tags ----

#[tokio::test]
async fn list_release_tags() {
    let request = with_query(&sdk("GET", "/releases/tags/", 200), &[("per_page", "50"), ("cursor", "50:1:0")]);
    for item in both(tag_json(), TAG_NULLS) {
        let answer = page(vec![item]);
        let query = ListReleaseTagsQuery::new().per_page(50).cursor("50:1:0");
        let tags = exchange!(request, Some(&answer), |client| client.list_release_tags(WS, &query));
        assert_encodes_to!(tags, answer);
    }
}

#[tokio::test]
async fn create_release_tag() {
    let sent = json!({"version": "v1.4.0", "description": "Search and editor improvements",
                      "commit_hash": "9fceb02d0ae598e95dc970b74767f19372d61af8", "git_tag": "v1.4.0"});
    let request = with_body(&sdk("POST", "/releases/tags/", 201), sent);
    for answer in both(tag_json(), TAG_NULLS) {
        let body = CreateReleaseTagBody::new("v1.4.0")
            .description("Search and editor improvements")
            .commit_hash("9fceb02d0ae598e95dc970b74767f19372d61af8")
            .git_tag("v1.4.0");
        let created = exchange!(request, Some(&answer), |client| client.create_release_tag(WS, &body));
        assert_encodes_to!(created, answer);
    }
}

#[tokio::test]
async fn retrieve_release_tag() {
    let request = sdk("GET", &format!("/releases/tags/{RELEASE_TAG}/"), 200);
    for answer in both(tag_json(), TAG_NULLS) {
        let found = exchange!(request, Some(&answer), |client| client.retrieve_release_tag(WS, uuid(RELEASE_TAG)));
        assert_encodes_to!(found, answer);
    }
    // "A tag has no name/color/sort_order": the SDK's deprecated keys are not the spec's.
    let deprecated = overlay_new(&tag_json(), &json!({"name": null, "color": null, "sort_order": null}));
    let (_server, client) = serve(&request, Some(&deprecated)).await;
    let error = client.retrieve_release_tag(WS, uuid(RELEASE_TAG)).await.unwrap_err();
    assert!(error.to_string().contains("at `name`: a key that the spec does not declare"), "{error}");
}

#[tokio::test]
async fn update_release_tag() {
    let sent = json!({"version": "v1.4.1", "description": "A fix", "commit_hash": "e83c5163316f89bfbde7d9ab23ca2e25604af290",
                      "git_tag": "v1.4.1"});
    let request = with_body(&sdk("PATCH", &format!("/releases/tags/{RELEASE_TAG}/"), 200), sent);
    for answer in both(tag_json(), TAG_NULLS) {
        let body = UpdateReleaseTagBody::new()
            .version("v1.4.1")
            .description("A fix")
            .commit_hash("e83c5163316f89bfbde7d9ab23ca2e25604af290")
            .git_tag("v1.4.1");
        let updated =
            exchange!(request, Some(&answer), |client| client.update_release_tag(WS, uuid(RELEASE_TAG), &body));
        assert_encodes_to!(updated, answer);
    }
}

#[tokio::test]
async fn delete_release_tag() {
    let request = sdk("DELETE", &format!("/releases/tags/{RELEASE_TAG}/"), 204);
    exchange!(request, None, |client| client.delete_release_tag(WS, uuid(RELEASE_TAG)));
}

// ---- release labels ----

#[tokio::test]
async fn list_release_labels() {
    let request = with_query(&sdk("GET", "/releases/labels/", 200), &[("per_page", "100")]);
    for item in both(label_json(), LABEL_NULLS) {
        let answer = page(vec![item]);
        let query = ListReleaseLabelsQuery::new().per_page(100);
        let labels = exchange!(request, Some(&answer), |client| client.list_release_labels(WS, &query));
        assert_encodes_to!(labels, answer);
    }
}

#[tokio::test]
async fn create_release_label() {
    let sent = json!({"name": "Hotfix", "color": "#3A86FF", "sort_order": 1});
    let request = with_body(&sdk("POST", "/releases/labels/", 201), sent);
    for answer in both(label_json(), LABEL_NULLS) {
        let body = CreateReleaseLabelBody::new("Hotfix").color("#3A86FF").sort_order(1);
        let created = exchange!(request, Some(&answer), |client| client.create_release_label(WS, &body));
        assert_encodes_to!(created, answer);
    }
}

#[tokio::test]
async fn retrieve_release_label() {
    let request = sdk("GET", &format!("/releases/labels/{RELEASE_LABEL}/"), 200);
    for answer in both(label_json(), LABEL_NULLS) {
        let found = exchange!(request, Some(&answer), |client| client.retrieve_release_label(WS, uuid(RELEASE_LABEL)));
        assert_encodes_to!(found, answer);
    }
}

#[tokio::test]
async fn update_release_label() {
    let sent = json!({"name": "Patch", "color": "#FF5733", "sort_order": 2});
    let request = with_body(&sdk("PATCH", &format!("/releases/labels/{RELEASE_LABEL}/"), 200), sent);
    for answer in both(label_json(), LABEL_NULLS) {
        let body = UpdateReleaseLabelBody::new().name("Patch").color("#FF5733").sort_order(2);
        let updated =
            exchange!(request, Some(&answer), |client| client.update_release_label(WS, uuid(RELEASE_LABEL), &body));
        assert_encodes_to!(updated, answer);
    }
}

#[tokio::test]
async fn delete_release_label() {
    let request = sdk("DELETE", &format!("/releases/labels/{RELEASE_LABEL}/"), 204);
    exchange!(request, None, |client| client.delete_release_label(WS, uuid(RELEASE_LABEL)));
}

// ---- a release's labels ----

#[tokio::test]
async fn list_labels_of_release() {
    let route = format!("/releases/{RELEASE}/labels/");
    let request = with_query(&sdk("GET", &route, 200), &[("per_page", "20"), ("cursor", "20:1:0")]);
    for item in both(label_json(), LABEL_NULLS) {
        let answer = page(vec![item]);
        let query = ListLabelsOfReleaseQuery::new().per_page(20).cursor("20:1:0");
        let labels =
            exchange!(request, Some(&answer), |client| client.list_labels_of_release(WS, uuid(RELEASE), &query));
        assert_encodes_to!(labels, answer);
    }
}

#[tokio::test]
async fn add_labels_to_release() {
    let route = format!("/releases/{RELEASE}/labels/");
    let request = with_body(&sdk("POST", &route, 201), json!({"label_ids": [RELEASE_LABEL, OTHER]}));
    for item in both(label_json(), LABEL_NULLS) {
        let answer = json!([item]);
        let body = AddLabelsToReleaseBody::new(vec![uuid(RELEASE_LABEL), uuid(OTHER)]);
        let added = exchange!(request, Some(&answer), |client| client.add_labels_to_release(WS, uuid(RELEASE), &body));
        assert_encodes_to!(added, answer);
    }
}

#[tokio::test]
async fn remove_labels_from_release() {
    let route = format!("/releases/{RELEASE}/labels/");
    let request = with_body(&sdk("DELETE", &route, 204), json!({"label_ids": [RELEASE_LABEL]}));
    let body = RemoveLabelsFromReleaseBody::new(vec![uuid(RELEASE_LABEL)]);
    exchange!(request, None, |client| client.remove_labels_from_release(WS, uuid(RELEASE), &body));
}

// ---- a release's work items ----

#[tokio::test]
async fn list_release_work_items() {
    let route = format!("/releases/{RELEASE}/work-items/");
    let request = with_query(&sdk("GET", &route, 200), &[("per_page", "20"), ("cursor", "20:1:0")]);
    let answer = page(vec![work_item_json()]);
    let query = ListReleaseWorkItemsQuery::new().per_page(20).cursor("20:1:0");
    let items = exchange!(request, Some(&answer), |client| client.list_release_work_items(WS, uuid(RELEASE), &query));
    assert_encodes_to!(items, answer);
    assert_eq!(items.results[0].project_id, uuid(PROJECT));
}

#[tokio::test]
async fn add_release_work_items() {
    let route = format!("/releases/{RELEASE}/work-items/");
    let request = with_body(&sdk("POST", &route, 200), json!({"work_item_ids": [WORK_ITEM, OTHER]}));
    // The SDK reads nothing of the answer: any body (or none) will do.
    for answer in [Some(json!({"detail": "ok"})), None] {
        let body = AddReleaseWorkItemsBody::new(vec![uuid(WORK_ITEM), uuid(OTHER)]);
        exchange!(request, answer.as_ref(), |client| client.add_release_work_items(WS, uuid(RELEASE), &body));
    }
}

#[tokio::test]
async fn remove_release_work_items() {
    let route = format!("/releases/{RELEASE}/work-items/");
    let request = with_body(&sdk("DELETE", &route, 204), json!({"work_item_ids": [WORK_ITEM]}));
    let body = RemoveReleaseWorkItemsBody::new(vec![uuid(WORK_ITEM)]);
    exchange!(request, None, |client| client.remove_release_work_items(WS, uuid(RELEASE), &body));
}

// ---- a release's comments ----

#[tokio::test]
async fn list_release_comments() {
    let route = format!("/releases/{RELEASE}/comments/");
    let request = with_query(&sdk("GET", &route, 200), &[("per_page", "20")]);
    for item in both(comment_json(), COMMENT_NULLS) {
        let answer = page(vec![item]);
        let query = ListReleaseCommentsQuery::new().per_page(20);
        let comments =
            exchange!(request, Some(&answer), |client| client.list_release_comments(WS, uuid(RELEASE), &query));
        assert_encodes_to!(comments, answer);
    }
}

#[tokio::test]
async fn create_release_comment() {
    let route = format!("/releases/{RELEASE}/comments/");
    let sent = json!({"comment_html": "<p>Ready to ship.</p>", "parent": OTHER});
    let request = with_body(&sdk("POST", &route, 201), sent);
    for answer in both(comment_json(), COMMENT_NULLS) {
        let body = CreateReleaseCommentBody::new("<p>Ready to ship.</p>").parent(uuid(OTHER));
        let created =
            exchange!(request, Some(&answer), |client| client.create_release_comment(WS, uuid(RELEASE), &body));
        assert_encodes_to!(created, answer);
    }
}

#[tokio::test]
async fn retrieve_release_comment() {
    let request = sdk("GET", &format!("/releases/{RELEASE}/comments/{RELEASE_COMMENT}/"), 200);
    for answer in both(comment_json(), COMMENT_NULLS) {
        let found = exchange!(request, Some(&answer), |client| {
            client.retrieve_release_comment(WS, uuid(RELEASE), uuid(RELEASE_COMMENT))
        });
        assert_encodes_to!(found, answer);
    }
}

#[tokio::test]
async fn update_release_comment() {
    let route = format!("/releases/{RELEASE}/comments/{RELEASE_COMMENT}/");
    let request =
        with_body(&sdk("PATCH", &route, 200), json!({"comment_html": "<p>Shipped.</p>", "is_resolved": true}));
    for answer in both(comment_json(), COMMENT_NULLS) {
        let body = UpdateReleaseCommentBody::new().comment_html("<p>Shipped.</p>").is_resolved(true);
        let updated = exchange!(request, Some(&answer), |client| {
            client.update_release_comment(WS, uuid(RELEASE), uuid(RELEASE_COMMENT), &body)
        });
        assert_encodes_to!(updated, answer);
    }
}

#[tokio::test]
async fn delete_release_comment() {
    let request = sdk("DELETE", &format!("/releases/{RELEASE}/comments/{RELEASE_COMMENT}/"), 204);
    exchange!(request, None, |client| client.delete_release_comment(WS, uuid(RELEASE), uuid(RELEASE_COMMENT)));
}

// ---- a release's links ----

#[tokio::test]
async fn list_release_links() {
    let route = format!("/releases/{RELEASE}/links/");
    let request = with_query(&sdk("GET", &route, 200), &[("cursor", "20:1:0")]);
    for item in both(link_json(), LINK_NULLS) {
        let answer = page(vec![item]);
        let query = ListReleaseLinksQuery::new().cursor("20:1:0");
        let links = exchange!(request, Some(&answer), |client| client.list_release_links(WS, uuid(RELEASE), &query));
        assert_encodes_to!(links, answer);
    }
}

#[tokio::test]
async fn create_release_link() {
    let route = format!("/releases/{RELEASE}/links/");
    let sent = json!({"url": "https://github.com/acme/app/releases/tag/v1.4.0", "title": "Release notes on GitHub",
                      "metadata": {"source": "ci"}});
    let request = with_body(&sdk("POST", &route, 201), sent);
    for answer in both(link_json(), LINK_NULLS) {
        let body = CreateReleaseLinkBody::new("https://github.com/acme/app/releases/tag/v1.4.0")
            .title("Release notes on GitHub")
            .metadata(json!({"source": "ci"}));
        let created = exchange!(request, Some(&answer), |client| client.create_release_link(WS, uuid(RELEASE), &body));
        assert_encodes_to!(created, answer);
    }
}

#[tokio::test]
async fn retrieve_release_link() {
    let request = sdk("GET", &format!("/releases/{RELEASE}/links/{RELEASE_LINK}/"), 200);
    for answer in both(link_json(), LINK_NULLS) {
        let found = exchange!(request, Some(&answer), |client| {
            client.retrieve_release_link(WS, uuid(RELEASE), uuid(RELEASE_LINK))
        });
        assert_encodes_to!(found, answer);
    }
}

#[tokio::test]
async fn update_release_link() {
    let route = format!("/releases/{RELEASE}/links/{RELEASE_LINK}/");
    let sent = json!({"title": "Notes", "url": "https://example.com/notes", "metadata": {"source": "manual"}});
    let request = with_body(&sdk("PATCH", &route, 200), sent);
    for answer in both(link_json(), LINK_NULLS) {
        let body = UpdateReleaseLinkBody::new()
            .title("Notes")
            .url("https://example.com/notes")
            .metadata(json!({"source": "manual"}));
        let updated = exchange!(request, Some(&answer), |client| {
            client.update_release_link(WS, uuid(RELEASE), uuid(RELEASE_LINK), &body)
        });
        assert_encodes_to!(updated, answer);
    }
}

#[tokio::test]
async fn delete_release_link() {
    let request = sdk("DELETE", &format!("/releases/{RELEASE}/links/{RELEASE_LINK}/"), 204);
    exchange!(request, None, |client| client.delete_release_link(WS, uuid(RELEASE), uuid(RELEASE_LINK)));
}

// ---- a release's changelog ----

#[tokio::test]
async fn retrieve_release_changelog() {
    let request = sdk("GET", &format!("/releases/{RELEASE}/changelog/"), 200);
    for answer in both(changelog_json(), CHANGELOG_NULLS) {
        let found = exchange!(request, Some(&answer), |client| client.retrieve_release_changelog(WS, uuid(RELEASE)));
        assert_encodes_to!(found, answer);
    }
}

#[tokio::test]
async fn update_release_changelog() {
    let route = format!("/releases/{RELEASE}/changelog/");
    let sent = json!({"description_html": "<ul><li>Faster search</li></ul>", "description_json": doc()});
    let request = with_body(&sdk("PATCH", &route, 200), sent);
    for answer in both(changelog_json(), CHANGELOG_NULLS) {
        let body = UpdateReleaseChangelogBody::new()
            .description_html("<ul><li>Faster search</li></ul>")
            .description_json(map(doc()));
        let updated =
            exchange!(request, Some(&answer), |client| client.update_release_changelog(WS, uuid(RELEASE), &body));
        assert_encodes_to!(updated, answer);
    }
}

// ---- role definitions ----

#[tokio::test]
async fn list_roles() {
    // The SDK writes `roles` and its `_build_url` adds the trailing slash, as to every path.
    let request = sdk("GET", "/roles/", 200);
    let queried = with_query(&request, &[("namespace", "project"), ("per_page", "50"), ("cursor", "50:1:0")]);
    // The SDK's three keys and the docstring's four, and the SDK's three and the id alone.
    let bare: Map<String, Value> = role_json()
        .as_object()
        .unwrap()
        .iter()
        .filter(|(key, _)| ["id", "name", "slug", "namespace"].contains(&key.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for item in [role_json(), Value::Object(bare)] {
        let answer = page(vec![item]);
        let query = ListRolesQuery::new().namespace(RoleNamespace::Project).per_page(50).cursor("50:1:0");
        let roles = exchange!(queried, Some(&answer), |client| client.list_roles(WS, &query));
        assert_encodes_to!(roles, answer);
        assert_eq!(roles.results[0].namespace, RoleNamespace::Project);
    }
    // Each namespace by its name; none when left out.
    let workspace = with_query(&request, &[("namespace", "workspace")]);
    let query = ListRolesQuery::new().namespace(RoleNamespace::Workspace);
    exchange!(workspace, Some(&page(vec![])), |client| client.list_roles(WS, &query));
    exchange!(request, Some(&page(vec![])), |client| client.list_roles(WS, &ListRolesQuery::new()));
}

#[tokio::test]
async fn retrieve_role() {
    let request = sdk("GET", &format!("/roles/{ROLE}/"), 200);
    let answer = role_json();
    let role = exchange!(request, Some(&answer), |client| client.retrieve_role(WS, uuid(ROLE)));
    assert_encodes_to!(role, answer);
    assert_eq!(role.member_count, Some(4));
}
