//! What the paid editions' stand-in tests share: the reference pages' examples
//! (`reference/<family>.json`), a strict client against a local server that expects exactly the
//! page's request, and the JSON helpers. Each test target uses a part of it.

#![allow(dead_code, unused_macros)]

use plane_client::*;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const PROJECT: &str = "550e8400-e29b-41d4-a716-446655440000";
pub const EPIC: &str = "550e8400-e29b-41d4-a716-446655440001";
pub const WORK_ITEM: &str = "550e8400-e29b-41d4-a716-446655440010";
pub const WORKLOG: &str = "550e8400-e29b-41d4-a716-446655440020";
pub const MILESTONE: &str = "550e8400-e29b-41d4-a716-446655440030";
pub const USER: &str = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
pub const OTHER: &str = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
pub const PAGE: &str = "550e8400-e29b-41d4-a716-446655440040";
pub const ESTIMATE: &str = "550e8400-e29b-41d4-a716-446655440050";
pub const ESTIMATE_POINT: &str = "550e8400-e29b-41d4-a716-446655440051";
pub const PROJECT_LABEL: &str = "550e8400-e29b-41d4-a716-446655440060";
pub const COLLECTION: &str = "550e8400-e29b-41d4-a716-446655440070";
pub const COLLECTION_MEMBER: &str = "550e8400-e29b-41d4-a716-446655440071";
pub const COLLECTION_PAGE: &str = "550e8400-e29b-41d4-a716-446655440072";
pub const WORKFLOW: &str = "550e8400-e29b-41d4-a716-446655440080";
pub const TRANSITION: &str = "550e8400-e29b-41d4-a716-446655440081";
pub const STATE: &str = "550e8400-e29b-41d4-a716-446655440082";
pub const OTHER_STATE: &str = "550e8400-e29b-41d4-a716-446655440083";
pub const WORK_ITEM_TYPE: &str = "550e8400-e29b-41d4-a716-446655440084";
pub const AGENT_RUN: &str = "550e8400-e29b-41d4-a716-446655440090";
pub const AGENT_RUN_ACTIVITY: &str = "550e8400-e29b-41d4-a716-446655440091";
pub const COMMENT: &str = "550e8400-e29b-41d4-a716-446655440092";
pub const PROJECT_MAPPING: &str = "661f9511-f30c-52e5-b827-557766551111";
pub const WORKSPACE_MAPPING: &str = "550e8400-e29b-41d4-a716-446655440070";
pub const OTHER_MAPPING: &str = "550e8400-e29b-41d4-a716-446655440071";
pub const WS: &str = "my-workspace";

/// `text` as whichever id the call takes.
pub fn uuid<T: std::str::FromStr<Err: std::fmt::Debug>>(text: &str) -> T {
    text.parse().unwrap()
}

pub fn date(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

/// One reference page's example: what it sends and what it answers.
#[derive(Clone)]
pub struct Reference {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub status: u16,
    pub request: Option<Value>,
    pub response: Option<Value>,
}

impl Reference {
    /// The page `page` of `reference/<family>.json`.
    pub fn new(family: &str, page: &str) -> Reference {
        let at = format!("{}/reference/{family}.json", env!("CARGO_MANIFEST_DIR"));
        let file = std::fs::read_to_string(&at).unwrap_or_else(|e| panic!("{at}: {e}"));
        let placeholders = [
            ("project-uuid", PROJECT),
            ("resource-id-uuid", EPIC),
            ("work-item-uuid", WORK_ITEM),
            ("worklog-uuid", WORKLOG),
            ("milestone-uuid", MILESTONE),
            ("project-id", PROJECT),
            ("page-uuid", PAGE),
            ("estimate-point-uuid", ESTIMATE_POINT),
            ("estimate-uuid", ESTIMATE),
            ("label-uuid", PROJECT_LABEL),
            // The IdP group sync pages' mapping ids, which are not UUIDs (`g`, `h`).
            ("772g0622-g41d-63f6-c938-668877662222", WORKSPACE_MAPPING),
            ("883h1733-h52e-74g7-d049-779988773333", OTHER_MAPPING),
        ];
        let file = placeholders.iter().fold(file, |text, (from, to)| text.replace(from, to));
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
    pub fn response(&self) -> Value {
        self.response.clone().expect("the page shows a response")
    }

    /// A request no reference page documents: the official Python SDK's (method, exact path and
    /// JSON body, no query), answered with `status`.
    pub fn sdk(method: &str, path: impl Into<String>, status: u16, request: Option<Value>) -> Reference {
        Reference { method: method.into(), path: path.into(), query: Vec::new(), status, request, response: None }
    }

    /// The same request with these query parameters (and no others).
    pub fn with_query(&self, pairs: &[(&str, &str)]) -> Reference {
        let mut query: Vec<(String, String)> = pairs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        query.sort();
        Reference { query, ..self.clone() }
    }

    /// The same request without the page's query parameters.
    pub fn without_query(&self) -> Reference {
        Reference { query: Vec::new(), ..self.clone() }
    }
}

/// A strict client, and a server that answers the reference's request (method, path and JSON
/// body) with its status and `answer`, once; anything else is a 404 and fails the call.
pub async fn serve(reference: &Reference, answer: Option<&Value>) -> (MockServer, Client) {
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
pub async fn check(server: &MockServer, reference: &Reference) {
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
pub fn overlay(json: &Value, example: &Value) -> Value {
    let mut json = json.clone();
    for (key, value) in example.as_object().unwrap() {
        assert!(json.get(key).is_some(), "`{key}` is not a key of the SDK's model");
        json[key] = value.clone();
    }
    json
}

/// One page of Plane's envelope.
pub fn page(results: Vec<Value>) -> Value {
    json!({
        "grouped_by": null, "sub_grouped_by": null, "total_count": results.len(), "next_cursor": "20:1:0",
        "prev_cursor": "20:-1:1", "next_page_results": false, "prev_page_results": false, "count": results.len(),
        "total_pages": 1, "total_results": results.len(), "extra_stats": null, "results": results
    })
}

/// A project, as the SDK's `Project` (and projects.yaml's) has it, every field set.
pub fn project_json() -> Value {
    // In two halves: one `json!` of all of them is deeper than the macro may recurse by default.
    let mut project = json!({
        "id": PROJECT, "name": "Mobile app", "description": "The iOS and Android apps",
        "description_text": {"type": "doc"}, "description_html": "<p>The iOS and Android apps</p>", "network": 2,
        "identifier": "MOB", "default_assignee": USER, "project_lead": USER, "emoji": "1f680",
        "icon_prop": {"name": "rocket"}, "module_view": true, "cycle_view": true, "issue_views_view": true,
        "page_view": false, "intake_view": false, "is_time_tracking_enabled": true, "is_issue_type_enabled": true,
        "guest_view_all_features": false, "cover_image": "https://example.com/cover.png", "cover_image_asset": OTHER
    });
    let rest = json!({
        "cover_image_url": "https://example.com/cover.png", "estimate": OTHER, "archive_in": 3, "close_in": 6,
        "logo_props": {"in_use": "emoji", "emoji": {"value": "128640"}}, "default_state": OTHER,
        "archived_at": "2025-09-01T00:00:00Z", "timezone": "Europe/Berlin", "external_source": "jira",
        "external_id": "MOB", "workspace": OTHER, "created_at": "2025-01-01T09:00:00Z",
        "updated_at": "2025-01-02T09:00:00Z", "deleted_at": "2025-10-01T00:00:00Z", "created_by": USER,
        "updated_by": OTHER, "total_members": 4, "total_cycles": 2, "total_modules": 1, "is_member": true,
        "member_role": 20, "is_deployed": false, "sort_order": 65535.0
    });
    project.as_object_mut().unwrap().extend(rest.as_object().unwrap().clone());
    project
}
