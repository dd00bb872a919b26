//! The paid editions' initiatives (with their labels, epics and projects) and teamspaces (with
//! their members and projects) against a local server. Every operation's request must be the
//! reference page's example request (method, exact path, query and JSON body); every answer with a
//! body is given at least twice, built from the Python SDK's model with every field set (for an
//! initiative and a teamspace, also without the two keys only the overview lists) and as the
//! reference page shows it, decoded by a strict client (`deny_unknown_fields`: a key the spec
//! lacks fails) and encoded back to the same JSON (every field decoded, into its place).
//!
//! Where the page and the SDK disagree the SDK wins, as in the spec, and each test says what it
//! changes in the page's example to follow it (a body field the SDK does not send, a single
//! object where the SDK reads a list, a DELETE body the page leaves out).
//!
//! The reference pages' examples are in `reference/<family>.json`, copied from the pages
//! (`curl` line, `-d` body, status and response) with their placeholders (`initiative-uuid`, …)
//! made UUIDs here. The harness is `cloud_epics.rs`'s, for these families.

// `json!` of a whole project (47 keys) nests deeper than the default allows.
#![recursion_limit = "256"]

mod cloud_common;

use cloud_common::project_json;
use plane_client::*;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT: &str = "550e8400-e29b-41d4-a716-446655440000";
const EPIC: &str = "550e8400-e29b-41d4-a716-446655440001";
const INITIATIVE: &str = "550e8400-e29b-41d4-a716-446655440040";
const LABEL: &str = "550e8400-e29b-41d4-a716-446655440041";
const TEAMSPACE: &str = "550e8400-e29b-41d4-a716-446655440050";
const USER: &str = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
const OTHER: &str = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
/// The id every page's example body names (`lead`, `label_ids`, `project_ids`, …).
const PAGE_ID: &str = "550e8400-e29b-41d4-a716-446655440000";
const WS: &str = "my-workspace";

/// `text` as whichever id the call takes.
fn uuid<T: std::str::FromStr<Err: std::fmt::Debug>>(text: &str) -> T {
    text.parse().unwrap()
}

fn date(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

/// One reference page's example: what it sends and what it answers.
#[derive(Clone)]
struct Reference {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    status: u16,
    request: Option<Value>,
    response: Option<Value>,
}

impl Reference {
    /// The page `page` of `reference/<family>.json`.
    fn new(family: &str, page: &str) -> Reference {
        let file = match family {
            "initiatives" => include_str!("reference/initiatives.json"),
            "teamspaces" => include_str!("reference/teamspaces.json"),
            _ => unreachable!("{family}"),
        };
        let placeholders = [
            ("initiative-uuid", INITIATIVE),
            ("label-uuid", LABEL),
            ("teamspace-uuid", TEAMSPACE),
            ("resource-id-uuid", TEAMSPACE),
        ];
        let file = placeholders.iter().fold(file.to_string(), |text, (from, to)| text.replace(from, to));
        let pages: Value = serde_json::from_str(&file).unwrap();
        let page = &pages[page];
        let url = url::Url::parse(page["url"].as_str().unwrap()).unwrap();
        let mut query: Vec<(String, String)> =
            url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        query.sort();
        Reference {
            method: page["method"].as_str().unwrap().to_string(),
            path: url.path().to_string(),
            query,
            status: u16::try_from(page["status"].as_u64().unwrap()).unwrap(),
            request: page.get("request").cloned(),
            response: page.get("response").cloned(),
        }
    }

    /// The page's example response (every page here with a body has one).
    fn response(&self) -> Value {
        self.response.clone().expect("the page shows a response")
    }

    /// The same request with `body` instead of the page's.
    fn with_request(&self, body: Value) -> Reference {
        Reference { request: Some(body), ..self.clone() }
    }
}

/// A strict client, and a server that answers the reference's request (method, path and JSON
/// body) with its status and `answer`, once; anything else is a 404 and fails the call.
async fn serve(reference: &Reference, answer: Option<&Value>) -> (MockServer, Client) {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(reference.status);
    if let Some(answer) = answer {
        response = response.set_body_json(answer);
    }
    let mock = Mock::given(method(reference.method.as_str())).and(path(reference.path.as_str()));
    let mock = match &reference.request {
        Some(body) => mock.and(body_json(body)),
        None => mock,
    };
    mock.respond_with(response).expect(1).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).api_key("k").deny_unknown_fields(true).build().unwrap();
    (server, client)
}

/// The request had exactly the reference's query parameters, and no body unless it shows one.
async fn check(server: &MockServer, reference: &Reference) {
    let request = server.received_requests().await.unwrap().pop().expect("a request");
    let mut query: Vec<(String, String)> =
        request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    query.sort();
    assert_eq!(query, reference.query, "the query of {}", request.url);
    if reference.request.is_none() {
        assert!(request.body.is_empty(), "no body is sent");
    }
}

/// Sends `$call` (which uses `$client`) to a server that expects the reference's request and
/// answers `$answer`; the decoded value.
macro_rules! exchange {
    ($reference:expr, $answer:expr, |$client:ident| $call:expr) => {{
        let (server, $client) = serve(&$reference, $answer).await;
        let value = $call.await.unwrap_or_else(|e| panic!("{e}"));
        check(&server, &$reference).await;
        value
    }};
}

/// `$value` encodes back to exactly `$json`: every field was decoded, into its place.
macro_rules! assert_encodes_to {
    ($value:expr, $json:expr) => {
        assert_eq!(serde_json::to_value(&$value).unwrap(), $json)
    };
}

/// `json` with `example`'s keys put over it: an abbreviated example in a whole object, so that
/// its keys must all be the type's and its values must decode.
fn overlay(json: &Value, example: &Value) -> Value {
    let mut json = json.clone();
    for (key, value) in example.as_object().unwrap() {
        assert!(json.get(key).is_some(), "`{key}` is not a key of the SDK's model");
        json[key] = value.clone();
    }
    json
}

/// One page of Plane's envelope.
fn page(results: Vec<Value>) -> Value {
    json!({
        "grouped_by": null, "sub_grouped_by": null, "total_count": results.len(), "next_cursor": "20:1:0",
        "prev_cursor": "20:-1:1", "next_page_results": false, "prev_page_results": false, "count": results.len(),
        "total_pages": 1, "total_results": results.len(), "extra_stats": null, "results": results
    })
}

/// A list page's example with each of its (abbreviated) results put in a whole `item`. Some
/// pages show the envelope inside an array: the SDK reads the envelope itself, and wins.
fn page_from(example: &Value, item: &Value) -> Value {
    let mut envelope = match example {
        Value::Array(pages) => pages[0].clone(),
        envelope => envelope.clone(),
    };
    for result in envelope["results"].as_array_mut().unwrap() {
        *result = overlay(item, result);
    }
    envelope
}

/// The page's example body with only the SDK model's `fields`: the others are not sent.
fn only(body: &Value, fields: &[&str]) -> Value {
    let body = body.as_object().unwrap();
    Value::Object(
        body.iter().filter(|(key, _)| fields.contains(&key.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect(),
    )
}

// ---- initiatives ----

/// The SDK's `Initiative`, every field set, with the overview's `created_by` and `updated_by`.
fn initiative_json() -> Value {
    json!({
        "id": INITIATIVE, "name": "Q1 Product Launch", "description": "Launch new product features in Q1",
        "description_html": "<p>Launch new product features in Q1</p>",
        "description_stripped": "Launch new product features in Q1", "description_binary": "AQLNqfPjDwAHAQdkZWZhdWx0",
        "start_date": "2024-01-01", "end_date": "2024-03-31", "logo_props": {"in_use": "icon", "icon": {"name": "flag"}},
        "state": "ACTIVE", "lead": USER, "workspace": OTHER, "created_at": "2023-11-19T11:56:55.176802Z",
        "updated_at": "2023-11-19T11:56:55.176809Z", "deleted_at": "2024-06-01T00:00:00Z", "created_by": USER,
        "updated_by": OTHER
    })
}

/// The SDK's `Initiative` exactly: without the two keys only the overview lists.
fn initiative_sdk_json() -> Value {
    let mut json = initiative_json();
    let object = json.as_object_mut().unwrap();
    object.remove("created_by");
    object.remove("updated_by");
    json
}

/// The SDK's `InitiativeLabel`, every field set.
fn initiative_label_json() -> Value {
    json!({
        "id": LABEL, "name": "Strategic", "description": "Company-level goals", "color": "#FF5733", "sort_order": 1.0,
        "workspace": OTHER, "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-02T00:00:00Z",
        "deleted_at": "2024-02-01T00:00:00Z"
    })
}

/// The SDK's `Epic`, every field set (as in `cloud_epics.rs`).
fn epic_json() -> Value {
    json!({
        "id": EPIC, "name": "Develop Mobile Application Framework",
        "description": {"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Native-like performance"}]}]},
        "description_html": "<p>Native-like performance</p>", "description_stripped": "Native-like performance",
        "description_binary": "AQLNqfPjDwAHAQdkZWZhdWx0AwlwYXJhZ3JhcGgA", "state": OTHER, "priority": "high",
        "assignees": [USER], "labels": [OTHER], "type": OTHER, "estimate_point": OTHER, "point": 5,
        "start_date": "2025-03-01", "target_date": "2025-06-30", "parent": OTHER, "sequence_id": 57,
        "sort_order": 605535.0, "is_draft": false, "completed_at": "2025-06-28T17:02:11.201337Z",
        "archived_at": "2025-07-15", "project": PROJECT, "workspace": OTHER, "external_id": "EPIC-12",
        "external_source": "jira", "deleted_at": "2025-08-01T08:00:00Z", "created_at": "2025-03-01T21:23:54.645263Z",
        "updated_at": "2025-03-03T10:38:44.667276Z", "created_by": USER, "updated_by": USER
    })
}

/// The create and update pages' body as the SDK sends it: its seven fields of the page's twelve,
/// the dates as dates (the page sends `2024-01-01T00:00:00Z`) and `logo_props` an object (the
/// page sends a string).
fn initiative_request(reference: &Reference) -> (Value, Value) {
    let logo = json!({"in_use": "icon", "icon": {"name": "flag"}});
    let mut body = only(
        reference.request.as_ref().unwrap(),
        &["name", "description_html", "start_date", "end_date", "logo_props", "state", "lead"],
    );
    body["start_date"] = json!("2024-01-01");
    body["end_date"] = json!("2024-01-01");
    body["logo_props"] = logo.clone();
    (body, logo)
}

#[tokio::test]
async fn list_initiatives() {
    let reference = Reference::new("initiatives", "list-initiatives");
    let from_page = page_from(&reference.response(), &initiative_json());
    for answer in [page(vec![initiative_sdk_json()]), page(vec![initiative_json()]), from_page] {
        let query = ListInitiativesQuery::new().cursor("20:1:0").per_page(20);
        let initiatives = exchange!(reference, Some(&answer), |client| client.list_initiatives(WS, &query));
        assert_encodes_to!(initiatives, answer);
        assert_eq!(initiatives.results[0].state, Some(InitiativeState::Active));
    }
}

#[tokio::test]
async fn create_initiative() {
    let page = Reference::new("initiatives", "add-initiative");
    let (body, logo) = initiative_request(&page);
    let reference = page.with_request(body);
    for answer in [initiative_sdk_json(), initiative_json(), overlay(&initiative_json(), &reference.response())] {
        let body = CreateInitiativeBody::new("Example Name")
            .description_html("<p>Example content</p>")
            .start_date(date("2024-01-01"))
            .end_date(date("2024-01-01"))
            .logo_props(serde_json::from_value(logo.clone()).unwrap())
            .state(InitiativeState::Draft)
            .lead(uuid(PAGE_ID));
        let initiative = exchange!(reference, Some(&answer), |client| client.create_initiative(WS, &body));
        assert_encodes_to!(initiative, answer);
        assert_eq!(initiative.name, answer["name"].as_str().unwrap());
    }
}

#[tokio::test]
async fn retrieve_initiative() {
    let reference = Reference::new("initiatives", "get-initiative-detail");
    for answer in [initiative_sdk_json(), initiative_json(), overlay(&initiative_json(), &reference.response())] {
        let initiative = exchange!(reference, Some(&answer), |client| client.retrieve_initiative(WS, uuid(INITIATIVE)));
        assert_encodes_to!(initiative, answer);
        assert_eq!(initiative.start_date, Some(date("2024-01-01")));
    }
}

#[tokio::test]
async fn update_initiative() {
    let page = Reference::new("initiatives", "update-initiative-detail");
    let (body, logo) = initiative_request(&page);
    let reference = page.with_request(body);
    for answer in [initiative_sdk_json(), initiative_json(), overlay(&initiative_json(), &reference.response())] {
        let body = UpdateInitiativeBody::new()
            .name("Example Name")
            .description_html("<p>Example content</p>")
            .start_date(date("2024-01-01"))
            .end_date(date("2024-01-01"))
            .logo_props(serde_json::from_value(logo.clone()).unwrap())
            .state(InitiativeState::Draft)
            .lead(uuid(PAGE_ID));
        let initiative =
            exchange!(reference, Some(&answer), |client| client.update_initiative(WS, uuid(INITIATIVE), &body));
        assert_encodes_to!(initiative, answer);
        assert_eq!(initiative.id, uuid(answer["id"].as_str().unwrap()));
    }
    // The dates and the lead may be cleared: sent as null.
    let cleared = page.with_request(json!({"end_date": null, "lead": null}));
    let body = UpdateInitiativeBody::new().clear_end_date().clear_lead();
    exchange!(cleared, Some(&initiative_json()), |client| client.update_initiative(WS, uuid(INITIATIVE), &body));
}

#[tokio::test]
async fn delete_initiative() {
    let reference = Reference::new("initiatives", "delete-initiative");
    exchange!(reference, None, |client| client.delete_initiative(WS, uuid(INITIATIVE)));
}

// ---- the workspace's initiative labels ----

/// The label pages' example body: `sort_order` is the page's `1`, written by the client as the
/// number it is, `1.0`.
fn label_request(reference: &Reference) -> Reference {
    let mut body = reference.request.clone().unwrap();
    body["sort_order"] = json!(1.0);
    reference.with_request(body)
}

#[tokio::test]
async fn list_initiative_labels() {
    let reference = Reference::new("initiatives", "list-initiative-labels");
    let from_page = page_from(&reference.response(), &initiative_label_json());
    for answer in [page(vec![initiative_label_json()]), from_page] {
        let query = ListInitiativeLabelsQuery::new().cursor("20:1:0").per_page(20);
        let labels = exchange!(reference, Some(&answer), |client| client.list_initiative_labels(WS, &query));
        assert_encodes_to!(labels, answer);
        assert_eq!(labels.results[0].id, uuid(answer["results"][0]["id"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn create_initiative_label() {
    let reference = label_request(&Reference::new("initiatives", "add-initiative-label"));
    for answer in [initiative_label_json(), overlay(&initiative_label_json(), &reference.response())] {
        let body = CreateInitiativeLabelBody::new("Example Name")
            .description("Example description")
            .color("Example Name")
            .sort_order(1.0);
        let label = exchange!(reference, Some(&answer), |client| client.create_initiative_label(WS, &body));
        assert_encodes_to!(label, answer);
        assert_eq!(label.sort_order, Some(1.0));
    }
}

#[tokio::test]
async fn retrieve_initiative_label() {
    let reference = Reference::new("initiatives", "get-initiative-label-detail");
    for answer in [initiative_label_json(), overlay(&initiative_label_json(), &reference.response())] {
        let label = exchange!(reference, Some(&answer), |client| client.retrieve_initiative_label(WS, uuid(LABEL)));
        assert_encodes_to!(label, answer);
        assert_eq!(label.color.as_deref(), Some("#FF5733"));
    }
}

#[tokio::test]
async fn update_initiative_label() {
    let reference = label_request(&Reference::new("initiatives", "update-initiative-label-detail"));
    for answer in [initiative_label_json(), overlay(&initiative_label_json(), &reference.response())] {
        let body = UpdateInitiativeLabelBody::new()
            .name("Example Name")
            .description("Example description")
            .color("Example Name")
            .sort_order(1.0);
        let label =
            exchange!(reference, Some(&answer), |client| client.update_initiative_label(WS, uuid(LABEL), &body));
        assert_encodes_to!(label, answer);
        assert_eq!(label.name, answer["name"].as_str().unwrap());
    }
}

#[tokio::test]
async fn delete_initiative_label() {
    let reference = Reference::new("initiatives", "delete-initiative-label");
    exchange!(reference, None, |client| client.delete_initiative_label(WS, uuid(LABEL)));
}

// ---- an initiative's labels, epics and projects ----

#[tokio::test]
async fn list_labels_of_initiative() {
    let reference = Reference::new("initiatives", "list-initiative-labels-for-initiative");
    let from_page = page_from(&reference.response(), &initiative_label_json());
    for answer in [page(vec![initiative_label_json()]), from_page] {
        let query = ListLabelsOfInitiativeQuery::new().cursor("20:1:0").per_page(20);
        let labels = exchange!(reference, Some(&answer), |client| client.list_labels_of_initiative(
            WS,
            uuid(INITIATIVE),
            &query
        ));
        assert_encodes_to!(labels, answer);
        assert_eq!(labels.results.len(), 1);
    }
}

#[tokio::test]
async fn add_labels_to_initiative() {
    let reference = Reference::new("initiatives", "add-labels-to-initiative");
    // The page shows one label; the SDK reads a list (and wins): the page's label in one.
    let from_page = json!([overlay(&initiative_label_json(), &reference.response())]);
    for answer in [json!([initiative_label_json()]), from_page] {
        let body = AddLabelsToInitiativeBody::new(vec![uuid(PAGE_ID)]);
        let labels =
            exchange!(reference, Some(&answer), |client| client.add_labels_to_initiative(WS, uuid(INITIATIVE), &body));
        assert_encodes_to!(labels, answer);
        assert_eq!(labels[0].workspace, uuid(OTHER));
    }
}

#[tokio::test]
async fn remove_labels_from_initiative() {
    // The page sends no body; the SDK's `remove_labels` sends the ids, and wins.
    let reference =
        Reference::new("initiatives", "remove-labels-from-initiative").with_request(json!({"label_ids": [LABEL]}));
    let body = RemoveLabelsFromInitiativeBody::new(vec![uuid(LABEL)]);
    exchange!(reference, None, |client| client.remove_labels_from_initiative(WS, uuid(INITIATIVE), &body));
}

#[tokio::test]
async fn list_initiative_epics() {
    let reference = Reference::new("initiatives", "list-initiative-epics");
    // The page's results show `state` as an object; the SDK's Epic has the state's id, and wins.
    let mut example = reference.response();
    for epic in example["results"].as_array_mut().unwrap() {
        epic["state"] = epic["state"]["id"].clone();
    }
    for answer in [page(vec![epic_json()]), page_from(&example, &epic_json())] {
        let query = ListInitiativeEpicsQuery::new().cursor("20:1:0").per_page(20);
        let epics =
            exchange!(reference, Some(&answer), |client| client.list_initiative_epics(WS, uuid(INITIATIVE), &query));
        assert_encodes_to!(epics, answer);
        assert_eq!(epics.results[0].priority, WorkItemPriority::High);
    }
}

#[tokio::test]
async fn add_epics_to_initiative() {
    let reference = Reference::new("initiatives", "add-epics-to-initiative");
    // One epic on the page, a list in the SDK (which wins).
    let from_page = json!([overlay(&epic_json(), &reference.response())]);
    for answer in [json!([epic_json()]), from_page] {
        let body = AddEpicsToInitiativeBody::new(vec![uuid(PAGE_ID)]);
        let epics =
            exchange!(reference, Some(&answer), |client| client.add_epics_to_initiative(WS, uuid(INITIATIVE), &body));
        assert_encodes_to!(epics, answer);
        assert_eq!(epics[0].project, uuid(PROJECT));
    }
}

#[tokio::test]
async fn remove_epics_from_initiative() {
    // No body on the page; the SDK's `remove` sends the ids, and wins.
    let reference =
        Reference::new("initiatives", "remove-epics-from-initiative").with_request(json!({"epic_ids": [EPIC, OTHER]}));
    let body = RemoveEpicsFromInitiativeBody::new(vec![uuid(EPIC), uuid(OTHER)]);
    exchange!(reference, None, |client| client.remove_epics_from_initiative(WS, uuid(INITIATIVE), &body));
}

#[tokio::test]
async fn list_initiative_projects() {
    let reference = Reference::new("initiatives", "list-initiative-projects");
    for answer in [page(vec![project_json()]), page_from(&reference.response(), &project_json())] {
        let query = ListInitiativeProjectsQuery::new().cursor("20:1:0").per_page(20);
        let projects =
            exchange!(reference, Some(&answer), |client| client.list_initiative_projects(WS, uuid(INITIATIVE), &query));
        assert_encodes_to!(projects, answer);
        assert_eq!(projects.results[0].network, ProjectNetwork::Public);
    }
}

#[tokio::test]
async fn add_projects_to_initiative() {
    let reference = Reference::new("initiatives", "add-projects-to-initiative");
    // One project on the page, a list in the SDK (which wins).
    let from_page = json!([overlay(&project_json(), &reference.response())]);
    for answer in [json!([project_json()]), from_page] {
        let body = AddProjectsToInitiativeBody::new(vec![uuid(PAGE_ID)]);
        let projects = exchange!(reference, Some(&answer), |client| client.add_projects_to_initiative(
            WS,
            uuid(INITIATIVE),
            &body
        ));
        assert_encodes_to!(projects, answer);
        assert_eq!(projects[0].id, uuid(PROJECT));
    }
}

#[tokio::test]
async fn remove_projects_from_initiative() {
    // No body on the page; the SDK's `remove` sends the ids, and wins.
    let reference = Reference::new("initiatives", "remove-projects-from-initiative")
        .with_request(json!({"project_ids": [PROJECT]}));
    let body = RemoveProjectsFromInitiativeBody::new(vec![uuid(PROJECT)]);
    exchange!(reference, None, |client| client.remove_projects_from_initiative(WS, uuid(INITIATIVE), &body));
}

// ---- teamspaces ----

/// The SDK's `Teamspace`, every field set, with the overview's `created_by` and `updated_by`.
fn teamspace_json() -> Value {
    json!({
        "id": TEAMSPACE, "name": "Engineering Team",
        "description_json": {"type": "doc", "content": [{"type": "paragraph"}]},
        "description_html": "<p>Engineering team workspace</p>", "description_stripped": "Engineering team workspace",
        "description_binary": "AQLNqfPjDwAHAQdkZWZhdWx0", "logo_props": {"in_use": "emoji", "emoji": {"value": "128640"}},
        "lead": USER, "workspace": OTHER, "created_at": "2023-11-19T11:56:55.176802Z",
        "updated_at": "2023-11-19T11:56:55.176809Z", "deleted_at": "2024-06-01T00:00:00Z", "created_by": USER,
        "updated_by": OTHER
    })
}

/// The SDK's `Teamspace` exactly: without the two keys only the overview lists.
fn teamspace_sdk_json() -> Value {
    let mut json = teamspace_json();
    let object = json.as_object_mut().unwrap();
    object.remove("created_by");
    object.remove("updated_by");
    json
}

/// The SDK's `UserLite` (users.yaml's `User`), every field set.
fn member_json() -> Value {
    json!({
        "id": USER, "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com",
        "avatar": "https://example.com/ada.png", "avatar_url": "https://example.com/ada.png", "display_name": "ada"
    })
}

/// A teamspace page's example answer: its `description`, in neither the overview's object nor
/// the SDK's model (the pages' template), left out; the rest in a whole teamspace.
fn teamspace_from_page(example: &Value) -> Value {
    let mut example = example.clone();
    example.as_object_mut().unwrap().remove("description");
    overlay(&teamspace_json(), &example)
}

/// The create and update pages' body as the SDK sends it: its four fields of the page's eight,
/// `logo_props` an object (the page sends a string).
fn teamspace_request(reference: &Reference) -> (Value, Value) {
    let logo = json!({"in_use": "emoji", "emoji": {"value": "128640"}});
    let mut body = only(reference.request.as_ref().unwrap(), &["name", "description_html", "logo_props", "lead"]);
    body["logo_props"] = logo.clone();
    (body, logo)
}

#[tokio::test]
async fn list_teamspaces() {
    let reference = Reference::new("teamspaces", "list-teamspaces");
    let mut example = reference.response();
    for result in example[0]["results"].as_array_mut().unwrap() {
        *result = teamspace_from_page(result);
    }
    for answer in
        [page(vec![teamspace_sdk_json()]), page(vec![teamspace_json()]), page_from(&example, &teamspace_json())]
    {
        let query = ListTeamspacesQuery::new().cursor("20:1:0").per_page(20);
        let teamspaces = exchange!(reference, Some(&answer), |client| client.list_teamspaces(WS, &query));
        assert_encodes_to!(teamspaces, answer);
        assert_eq!(teamspaces.results[0].workspace, uuid(OTHER));
    }
}

#[tokio::test]
async fn create_teamspace() {
    let page = Reference::new("teamspaces", "add-teamspace");
    let (body, logo) = teamspace_request(&page);
    let reference = page.with_request(body);
    for answer in [teamspace_sdk_json(), teamspace_json(), teamspace_from_page(&reference.response())] {
        let body = CreateTeamspaceBody::new("Example Name")
            .description_html("<p>Example content</p>")
            .logo_props(serde_json::from_value(logo.clone()).unwrap())
            .lead(uuid(PAGE_ID));
        let teamspace = exchange!(reference, Some(&answer), |client| client.create_teamspace(WS, &body));
        assert_encodes_to!(teamspace, answer);
        assert_eq!(teamspace.name, answer["name"].as_str().unwrap());
    }
}

#[tokio::test]
async fn retrieve_teamspace() {
    let reference = Reference::new("teamspaces", "get-teamspace-detail");
    for answer in [teamspace_sdk_json(), teamspace_json(), teamspace_from_page(&reference.response())] {
        let teamspace = exchange!(reference, Some(&answer), |client| client.retrieve_teamspace(WS, uuid(TEAMSPACE)));
        assert_encodes_to!(teamspace, answer);
        assert_eq!(teamspace.lead, Some(uuid(USER)));
    }
}

#[tokio::test]
async fn update_teamspace() {
    let page = Reference::new("teamspaces", "update-teamspace-detail");
    let (body, logo) = teamspace_request(&page);
    let reference = page.with_request(body);
    for answer in [teamspace_sdk_json(), teamspace_json(), teamspace_from_page(&reference.response())] {
        let body = UpdateTeamspaceBody::new()
            .name("Example Name")
            .description_html("<p>Example content</p>")
            .logo_props(serde_json::from_value(logo.clone()).unwrap())
            .lead(uuid(PAGE_ID));
        let teamspace =
            exchange!(reference, Some(&answer), |client| client.update_teamspace(WS, uuid(TEAMSPACE), &body));
        assert_encodes_to!(teamspace, answer);
        assert_eq!(teamspace.id, uuid(answer["id"].as_str().unwrap()));
    }
    // The lead may be cleared: sent as null.
    let cleared = page.with_request(json!({"lead": null}));
    let body = UpdateTeamspaceBody::new().clear_lead();
    exchange!(cleared, Some(&teamspace_json()), |client| client.update_teamspace(WS, uuid(TEAMSPACE), &body));
}

#[tokio::test]
async fn delete_teamspace() {
    let reference = Reference::new("teamspaces", "delete-teamspace");
    exchange!(reference, None, |client| client.delete_teamspace(WS, uuid(TEAMSPACE)));
}

#[tokio::test]
async fn list_teamspace_members() {
    let reference = Reference::new("teamspaces", "list-teamspace-members");
    // The page's results show `name` and `created_at`, which the SDK's UserLite (which wins) does
    // not have: its `id` in a whole member.
    let mut example = reference.response();
    for member in example["results"].as_array_mut().unwrap() {
        *member = json!({"id": member["id"]});
    }
    for answer in [page(vec![member_json()]), page_from(&example, &member_json())] {
        let query = ListTeamspaceMembersQuery::new().cursor("20:1:0").per_page(20);
        let members =
            exchange!(reference, Some(&answer), |client| client.list_teamspace_members(WS, uuid(TEAMSPACE), &query));
        assert_encodes_to!(members, answer);
        assert_eq!(members.results[0].id, uuid(answer["results"][0]["id"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn add_teamspace_members() {
    let reference = Reference::new("teamspaces", "add-teamspace-members");
    // One user on the page, a list in the SDK (which wins); the page's user has every key.
    for answer in [json!([member_json()]), json!([reference.response()])] {
        let body = AddTeamspaceMembersBody::new(vec![uuid(PAGE_ID)]);
        let members =
            exchange!(reference, Some(&answer), |client| client.add_teamspace_members(WS, uuid(TEAMSPACE), &body));
        assert_encodes_to!(members, answer);
        assert_eq!(members[0].first_name, answer[0]["first_name"].as_str().unwrap());
    }
}

#[tokio::test]
async fn remove_teamspace_members() {
    // The page sends no body; the SDK's `remove` sends the ids, and wins.
    let reference =
        Reference::new("teamspaces", "remove-teamspace-members").with_request(json!({"member_ids": [USER, OTHER]}));
    let body = RemoveTeamspaceMembersBody::new(vec![uuid(USER), uuid(OTHER)]);
    exchange!(reference, None, |client| client.remove_teamspace_members(WS, uuid(TEAMSPACE), &body));
}

#[tokio::test]
async fn list_teamspace_projects() {
    let reference = Reference::new("teamspaces", "list-teamspace-projects");
    for answer in [page(vec![project_json()]), page_from(&reference.response(), &project_json())] {
        // The page sends no query; the SDK's paginator parameters are checked below.
        let projects = exchange!(reference, Some(&answer), |client| client.list_teamspace_projects(
            WS,
            uuid(TEAMSPACE),
            &ListTeamspaceProjectsQuery::new()
        ));
        assert_encodes_to!(projects, answer);
        assert_eq!(projects.results[0].id, uuid(PROJECT));
    }
    let mut paged = reference.clone();
    paged.query = vec![("cursor".into(), "20:1:0".into()), ("per_page".into(), "20".into())];
    let query = ListTeamspaceProjectsQuery::new().per_page(20).cursor("20:1:0");
    exchange!(paged, Some(&page(vec![])), |client| client.list_teamspace_projects(WS, uuid(TEAMSPACE), &query));
}

#[tokio::test]
async fn add_projects_to_teamspace() {
    let reference = Reference::new("teamspaces", "add-projects-to-teamspace");
    // One project on the page, a list in the SDK (which wins).
    let from_page = json!([overlay(&project_json(), &reference.response())]);
    for answer in [json!([project_json()]), from_page] {
        let body = AddProjectsToTeamspaceBody::new(vec![uuid(PAGE_ID)]);
        let projects =
            exchange!(reference, Some(&answer), |client| client.add_projects_to_teamspace(WS, uuid(TEAMSPACE), &body));
        assert_encodes_to!(projects, answer);
        assert_eq!(projects[0].identifier, answer[0]["identifier"].as_str().unwrap());
    }
}

#[tokio::test]
async fn remove_projects_from_teamspace() {
    // No body on the page; the SDK's `remove` sends the ids, and wins.
    let reference =
        Reference::new("teamspaces", "remove-projects-from-teamspace").with_request(json!({"project_ids": [PROJECT]}));
    let body = RemoveProjectsFromTeamspaceBody::new(vec![uuid(PROJECT)]);
    exchange!(reference, None, |client| client.remove_projects_from_teamspace(WS, uuid(TEAMSPACE), &body));
}
