//! The client against a real HTTP server on 127.0.0.1 (wiremock): the exact request it sends,
//! how it decodes a success, how each kind of failure comes back, and what a call's options,
//! its exchange and `Client::request` change.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use plane_client::{
    Client, Error, ErrorBody, ErrorKind, Method, ParseKeyError, Patch, RetryPolicy, UpdateCustomerBody, Uuid, Value,
    WorkItemKey,
};
use plane_tests::{ID, customer_json, id};
use serde_json::json;
use wiremock::matchers::{body_json, header, header_exists, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "plane_api_0123456789abcdef";
const CUSTOMER_PATH: &str = "/api/v1/workspaces/my-team/customers/550e8400-e29b-41d4-a716-446655440000/";

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).api_key(KEY).build().unwrap()
}

/// The one request the server received.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

#[tokio::test]
async fn update_sends_patch_with_key_and_only_the_fields_touched() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(CUSTOMER_PATH))
        .and(header("x-api-key", KEY))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        // Exact JSON: `name` set, `email` cleared, everything else left out.
        .and(body_json(json!({"name": "Acme", "email": null})))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .expect(1)
        .mount(&server)
        .await;

    let body = UpdateCustomerBody::new().name("Acme").clear_email();
    let customer = client(&server).update_customer("my-team", id(), &body).await.unwrap();

    assert_eq!(customer.id, id());
    assert_eq!(customer.name, "Acme");
    assert_eq!(customer.email, None);
    assert_eq!(customer.employees, Some(250));
    assert_eq!(customer.customer_request_count, Some(3));
    assert_eq!(customer.website_url, None, "a field the server left out decodes as None");
    assert_eq!(customer.logo_props, Some(json!({"in_use": "emoji", "emoji": {"value": "128512"}})));
    assert_eq!(customer.updated_at.to_rfc3339(), "2024-02-03T04:05:06.789123+00:00");
    assert!(only_request(&server).await.headers.get("authorization").is_none());
}

#[tokio::test]
async fn left_out_set_and_cleared_fields_are_sent_exactly() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .mount(&server)
        .await;
    let client = client(&server);

    let cases = [
        (UpdateCustomerBody::new(), json!({})),
        (
            UpdateCustomerBody::new()
                .employees(12)
                .website_url("https://acme.example")
                .archived_at("2024-05-06T07:08:09Z".parse().unwrap()),
            json!({"employees": 12, "website_url": "https://acme.example", "archived_at": "2024-05-06T07:08:09Z"}),
        ),
        (
            UpdateCustomerBody::new().clear_employees().clear_archived_at().clear_logo_asset(),
            json!({"employees": null, "archived_at": null, "logo_asset": null}),
        ),
        (
            UpdateCustomerBody::new()
                .logo_props(json!({"in_use": "icon", "icon": {"name": "star"}}))
                .employees(3)
                .clear_employees(),
            json!({"logo_props": {"in_use": "icon", "icon": {"name": "star"}}, "employees": null}),
        ),
    ];
    for (body, expected) in cases {
        client.update_customer("my-team", id(), &body).await.unwrap();
        let sent: serde_json::Value = server.received_requests().await.unwrap().last().unwrap().body_json().unwrap();
        assert_eq!(sent, expected, "for {body:?}");
    }
    // The states are plain data too: a body can be built from an `Option` read elsewhere.
    let mut body = UpdateCustomerBody::new();
    body.stage = Patch::from(None::<String>);
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({"stage": null}));
}

#[tokio::test]
async fn bearer_token_is_sent_as_authorization() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(header("authorization", "Bearer oauth-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).bearer_token("oauth-token").build().unwrap();
    client.update_customer("my-team", id(), &UpdateCustomerBody::new()).await.unwrap();
    assert!(only_request(&server).await.headers.get("x-api-key").is_none());
}

#[tokio::test]
async fn path_parameters_cannot_change_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .mount(&server)
        .await;
    let client = client(&server);

    client.update_customer("a/../b?c=d#e f", id(), &UpdateCustomerBody::new()).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/api/v1/workspaces/a%2F..%2Fb%3Fc%3Dd%23e%20f/customers/550e8400-e29b-41d4-a716-446655440000/"
    );
    assert_eq!(request.url.query(), None);

    // A backslash (a separator to URL parsers for http) and a percent sign (an escape) stay data.
    client.update_customer("a\\b%2e%2e", id(), &UpdateCustomerBody::new()).await.unwrap();
    let request = server.received_requests().await.unwrap().pop().unwrap();
    assert_eq!(
        request.url.path(),
        "/api/v1/workspaces/a%5Cb%252e%252e/customers/550e8400-e29b-41d4-a716-446655440000/"
    );

    for slug in ["..", ".", ""] {
        let error = client.update_customer(slug, id(), &UpdateCustomerBody::new()).await.unwrap_err();
        assert!(matches!(error, Error::InvalidArgument { .. }), "{slug:?}: {error:?}");
        assert!(error.to_string().contains("path parameter `workspace_slug`"), "{error}");
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 2, "refused values were not sent");
}

/// A work item as Plane's server sends it.
fn work_item_json(sequence_id: i64) -> Value {
    json!({
        "id": ID, "name": "Pagination stops early", "description_html": "<p></p>", "description_binary": null,
        "priority": "high", "state": ID, "parent": null, "estimate_point": null, "point": null,
        "start_date": null, "target_date": "2030-01-31", "sequence_id": sequence_id, "sort_order": 65535.0,
        "completed_at": null, "archived_at": null, "is_draft": false, "external_source": null, "external_id": null,
        "type": null, "type_id": null, "assignees": [], "labels": [ID], "project": ID, "workspace": ID,
        "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-02T00:00:00Z", "deleted_at": null,
        "created_by": ID, "updated_by": null
    })
}

#[tokio::test]
async fn a_work_item_key_is_one_path_segment_written_as_the_server_splits_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/workspaces/my-team/work-items/PROJ-42/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(work_item_json(42)))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);

    let key = WorkItemKey::new("PROJ", 42);
    let item = client.retrieve_work_item_by_identifier("my-team", &key).await.unwrap();
    assert_eq!((item.sequence_id, item.name.as_str()), (42, "Pagination stops early"));
    assert_eq!(only_request(&server).await.url.path(), "/api/v1/workspaces/my-team/work-items/PROJ-42/");

    // Parsed text is the same key; an identifier with a hyphen in it keeps it, as Django's split
    // at the last hyphen does, and anything outside `A-Z a-z 0-9 - . _ ~` is percent-encoded.
    let parsed: WorkItemKey = "PROJ-42".parse().unwrap();
    assert_eq!(parsed, key);
    let odd = WorkItemKey::new("A-B/C?", 7);
    assert_eq!(odd.to_string().parse::<WorkItemKey>().unwrap(), odd);
    let _ = client.retrieve_work_item_by_identifier("my-team", &odd).await;
    let request = server.received_requests().await.unwrap().pop().unwrap();
    assert_eq!(request.url.path(), "/api/v1/workspaces/my-team/work-items/A-B%2FC%3F-7/");
}

#[test]
fn a_work_item_key_that_does_not_parse_says_why() {
    let error = |text: &str| text.parse::<WorkItemKey>().unwrap_err().to_string();
    let what = "is not a `WorkItemKey` (`{project}-{number}`)";
    assert_eq!(error("PROJ42"), format!("`PROJ42` {what}: no `-` before `{{number}}`"));
    assert_eq!(error("PROJ-x"), format!("`PROJ-x` {what}: `{{number}}` is `x`, not an integer"));
    assert_eq!(error("PROJ-0"), format!("`PROJ-0` {what}: `{{number}}` is 0, below its minimum 1"));
    assert_eq!(error("-42"), format!("`-42` {what}: `{{project}}` is empty"));
    let typed: ParseKeyError = "PROJ".parse::<WorkItemKey>().unwrap_err();
    assert_eq!(typed.text(), "PROJ");
    let boxed: Box<dyn std::error::Error> = typed.into();
    assert!(boxed.to_string().starts_with("`PROJ` is not"));
}

#[test]
fn a_work_item_key_is_a_string_in_json() {
    let key = WorkItemKey::new("PROJ", 42);
    assert_eq!(serde_json::to_value(&key).unwrap(), json!("PROJ-42"));
    assert_eq!(serde_json::from_value::<WorkItemKey>(json!("A-B-42")).unwrap(), WorkItemKey::new("A-B", 42));
    let keys: Vec<WorkItemKey> = serde_json::from_str(r#"["PROJ-2", "PROJ-10"]"#).unwrap();
    assert!(keys[0] < keys[1], "keys order by project, then by number (not as text)");
    let wrong = serde_json::from_value::<WorkItemKey>(json!("PROJ-0")).unwrap_err().to_string();
    assert!(wrong.contains("below its minimum 1"), "{wrong}");
    assert!(serde_json::from_value::<WorkItemKey>(json!(42)).is_err(), "a number is not a key");
}

#[tokio::test]
async fn a_base_url_with_a_path_prefix_is_kept() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(format!("/plane{CUSTOMER_PATH}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(format!("{}/plane/", server.uri())).api_key(KEY).build().unwrap();
    client.update_customer("my-team", id(), &UpdateCustomerBody::new()).await.unwrap();
}

/// Answers every request with `response`, and returns the error of one update call made
/// without retries (retrying is tested in `resilience.rs`).
async fn error_for(response: ResponseTemplate) -> Error {
    let server = MockServer::start().await;
    Mock::given(method("PATCH")).respond_with(response).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).api_key(KEY).retry(RetryPolicy::none()).build().unwrap();
    client.update_customer("my-team", id(), &UpdateCustomerBody::new().name("x")).await.unwrap_err()
}

#[tokio::test]
async fn validation_errors_are_parsed_per_field() {
    let error =
        error_for(ResponseTemplate::new(400).set_body_json(json!({"email": ["Enter a valid email address."]}))).await;
    let api = error.api().expect("an API error");
    assert_eq!(api.kind(), ErrorKind::BadRequest);
    assert_eq!(api.field_errors().unwrap()["email"], vec!["Enter a valid email address.".to_string()]);
    assert_eq!(api.raw, r#"{"email":["Enter a valid email address."]}"#);
    assert_eq!(
        error.to_string(),
        "PATCH /api/v1/workspaces/{workspace_slug}/customers/{customer_id}/: the server answered 400 Bad Request: \
         email: Enter a valid email address."
    );
}

#[tokio::test]
async fn unauthorized_is_a_detail_error() {
    let error = error_for(
        ResponseTemplate::new(401).set_body_json(json!({"detail": "Authentication credentials were not provided."})),
    )
    .await;
    let api = error.api().unwrap();
    assert_eq!(api.kind(), ErrorKind::Unauthorized);
    assert_eq!(api.body, ErrorBody::Detail("Authentication credentials were not provided.".into()));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn not_found_is_a_plane_error() {
    let error =
        error_for(ResponseTemplate::new(404).set_body_json(json!({"error": "The requested resource does not exist."})))
            .await;
    let api = error.api().unwrap();
    assert_eq!((api.kind(), error.kind()), (ErrorKind::NotFound, ErrorKind::NotFound));
    assert_eq!(error.retry_after(), None);
    assert!(
        matches!(&api.body, ErrorBody::Error { message, .. } if message == "The requested resource does not exist.")
    );
}

#[tokio::test]
async fn rate_limited_carries_retry_after() {
    let error = error_for(
        ResponseTemplate::new(429)
            .insert_header("retry-after", "17")
            .set_body_json(json!({"detail": "Request was throttled. Expected available in 17 seconds."})),
    )
    .await;
    let api = error.api().unwrap();
    assert_eq!(api.kind(), ErrorKind::RateLimited);
    assert_eq!(api.retry_after, Some(std::time::Duration::from_secs(17)));
    assert_eq!((error.kind(), error.retry_after()), (ErrorKind::RateLimited, api.retry_after));
    assert_eq!(api.body.message(), "Request was throttled. Expected available in 17 seconds.");
}

#[tokio::test]
async fn a_proxy_html_page_is_kept_as_text() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>";
    let error = error_for(ResponseTemplate::new(502).set_body_raw(page, "text/html")).await;
    let api = error.api().unwrap();
    assert_eq!(api.kind(), ErrorKind::Server);
    assert_eq!(api.body, ErrorBody::Text(page.into()));
    assert_eq!(api.raw, page);
    assert!(error.to_string().ends_with("502 Bad Gateway: 502 Bad Gateway"), "{error}");
}

#[tokio::test]
async fn a_body_that_does_not_match_names_the_json_path() {
    let mut customer = customer_json(ID);
    customer["employees"] = json!("many");
    let server = MockServer::start().await;
    Mock::given(method("PATCH")).respond_with(ResponseTemplate::new(200).set_body_json(&customer)).mount(&server).await;
    let error = client(&server).update_customer("my-team", id(), &UpdateCustomerBody::new()).await.unwrap_err();
    let Error::Decode(decode) = &error else { panic!("not a decode error: {error:?}") };
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(decode.json_path, "employees");
    assert!(decode.message.contains("invalid type: string \"many\", expected i64"), "{}", decode.message);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&decode.body).unwrap(), customer);
    assert!(error.to_string().contains("did not decode at `employees`"), "{error}");

    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>hi</html>"))
        .mount(&server)
        .await;
    let error = client(&server).update_customer("my-team", id(), &UpdateCustomerBody::new()).await.unwrap_err();
    assert!(matches!(&error, Error::Decode(d) if d.body == "<html>hi</html>"), "{error:?}");
}

#[tokio::test]
async fn a_missing_required_field_is_a_decode_error() {
    let mut customer = customer_json(ID);
    customer.as_object_mut().unwrap().remove("name");
    let server = MockServer::start().await;
    Mock::given(method("PATCH")).respond_with(ResponseTemplate::new(200).set_body_json(&customer)).mount(&server).await;
    let error = client(&server).update_customer("my-team", id(), &UpdateCustomerBody::new()).await.unwrap_err();
    let Error::Decode(decode) = &error else { panic!("not a decode error: {error:?}") };
    assert!(decode.message.contains("missing field `name`"), "{}", decode.message);
}

#[tokio::test]
async fn a_server_that_is_not_there_is_a_transport_error() {
    // A port that was just free: nothing listens there once the listener is dropped.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder().base_url(uri).api_key(KEY).retry(RetryPolicy::none()).build().unwrap();
    let error = client.update_customer("my-team", id(), &UpdateCustomerBody::new()).await.unwrap_err();
    assert!(matches!(&error, Error::Transport { source, attempts: 1, .. } if source.is_connect()), "{error:?}");
    assert!(error.to_string().contains("could not connect (nothing was sent)"), "{error}");
}

#[test]
fn credentials_never_show_in_debug_output() {
    let client = Client::builder().api_key(KEY).build().unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains(KEY), "{shown}");
    assert!(shown.contains("https://api.plane.so"), "{shown}");
    let builder = Client::builder().bearer_token("secret-token");
    assert!(!format!("{builder:?}").contains("secret-token"));
}

#[test]
fn misconfiguration_is_refused_up_front() {
    let no_credential = Client::builder().build().unwrap_err();
    assert!(no_credential.to_string().contains("no credential"), "{no_credential}");
    let both = Client::builder().api_key(KEY).bearer_token("t").build().unwrap_err();
    assert!(both.to_string().contains("more than one credential"), "{both}");
    let bad_url = Client::builder().api_key(KEY).base_url("ftp://example.com").build().unwrap_err();
    assert!(bad_url.to_string().contains("not an http(s) URL"), "{bad_url}");
    let bad_key = Client::builder().api_key("line\nbreak").build().unwrap_err();
    assert!(matches!(bad_key, Error::Config(_)), "{bad_key:?}");
    assert!(!bad_key.to_string().contains("line\nbreak"));
}

#[tokio::test]
async fn one_client_is_shared_across_tasks() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(header_exists("x-api-key"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .expect(20)
        .mount(&server)
        .await;
    let client = client(&server);
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                client.update_customer("my-team", id(), &UpdateCustomerBody::new().employees(i)).await
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
}

#[tokio::test]
async fn the_rate_limiters_own_shape_is_parsed() {
    // Plane's throttle answers with this body and only `Retry-After` (FACTS.md).
    let error = error_for(
        ResponseTemplate::new(429)
            .insert_header("retry-after", "3")
            .set_body_json(json!({"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"})),
    )
    .await;
    let api = error.api().unwrap();
    assert_eq!(api.kind(), ErrorKind::RateLimited);
    let ErrorBody::Error { message, extra } = &api.body else { panic!("not Plane's error shape: {:?}", api.body) };
    assert_eq!(message, "RATE_LIMIT_EXCEEDED");
    assert_eq!(extra["error_code"], json!(5900));
    assert!(error.to_string().ends_with("429 Too Many Requests: RATE_LIMIT_EXCEEDED"), "{error}");
}

#[tokio::test]
async fn a_bad_key_reads_as_forbidden_with_the_servers_reason() {
    let error =
        error_for(ResponseTemplate::new(403).set_body_json(json!({"detail": "Given API token is not valid"}))).await;
    assert_eq!(error.api().unwrap().kind(), ErrorKind::Forbidden);
    assert!(error.to_string().ends_with("403 Forbidden: Given API token is not valid"), "{error}");
}

#[tokio::test]
async fn redirects_are_never_followed() {
    // Plane answers a path without its trailing slash with a 301; a client that followed it
    // would send the write again as a GET, without its body.
    let server = MockServer::start().await;
    let elsewhere = format!("{}/elsewhere/", server.uri());
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(301).insert_header("location", elsewhere.as_str()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .mount(&server)
        .await;
    let error =
        client(&server).update_customer("my-team", id(), &UpdateCustomerBody::new().name("x")).await.unwrap_err();
    let api = error.api().expect("the redirect comes back as the answer");
    assert_eq!(api.kind(), ErrorKind::Redirect);
    assert_eq!(api.location.as_deref(), Some(elsewhere.as_str()));
    assert!(error.to_string().contains("which the client does not follow"), "{error}");
    assert_eq!(only_request(&server).await.method.as_str(), "PATCH", "nothing was sent to the new address");
}

#[tokio::test]
async fn a_custom_http_client_that_follows_redirects_is_caught() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(CUSTOMER_PATH))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/moved/"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/moved/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .mount(&server)
        .await;
    let following = reqwest::Client::builder().build().unwrap();
    let client = Client::builder().base_url(server.uri()).api_key(KEY).http_client(following).build().unwrap();
    let error = client.retrieve_customer("my-team", id()).await.unwrap_err();
    let Error::Redirected { to, .. } = &error else { panic!("not refused as a redirect: {error:?}") };
    assert_eq!(to, &format!("{}/moved/", server.uri()));
}

#[tokio::test]
async fn query_bounds_are_checked_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);
    for per_page in [0, -5, 1001] {
        let query = plane_client::ListCustomersQuery::new().per_page(per_page);
        let error = client.list_customers("my-team", &query).await.unwrap_err();
        let Error::InvalidArgument { message, .. } = &error else { panic!("{per_page} was not refused: {error:?}") };
        assert!(message.starts_with("`per_page` is "), "{message}");
    }
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing may be sent");

    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"results": [], "next_page_results": false})))
        .mount(&server)
        .await;
    for per_page in [1, 1000] {
        let query = plane_client::ListCustomersQuery::new().per_page(per_page);
        client.list_customers("my-team", &query).await.unwrap();
    }
}

#[tokio::test]
async fn unknown_keys_fail_only_when_asked() {
    let server = MockServer::start().await;
    // `customer_json` carries `a_field_added_next_year`, which the spec does not declare.
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .mount(&server)
        .await;
    client(&server).retrieve_customer("my-team", id()).await.expect("lenient by default");

    let strict = Client::builder().base_url(server.uri()).api_key(KEY).deny_unknown_fields(true).build().unwrap();
    let error = strict.retrieve_customer("my-team", id()).await.unwrap_err();
    let Error::Decode(decode) = &error else { panic!("not a decode error: {error:?}") };
    assert_eq!(decode.json_path, "a_field_added_next_year");
    assert!(decode.message.contains("does not declare"), "{}", decode.message);
}

/// `Client::from_env` reads the variables the crate documents, named after the API
/// (`PLANE_BASE_URL`, `PLANE_API_KEY`), and says which to set when none is. Each case runs in a
/// child process with exactly the variables it needs, so the tests' own environment (the live
/// tests' server, say) cannot leak in.
#[tokio::test]
async fn from_env_reads_the_documented_variables() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(header("x-api-key", "key-from-env"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let child = |case: &str, base_url: Option<&str>, key: Option<&str>| {
        let mut command = std::process::Command::new(std::env::current_exe().unwrap());
        command.args(["from_env_child", "--exact", "--ignored", "--test-threads=1"]).env("FROM_ENV_CHILD", case);
        for (name, value) in [("PLANE_BASE_URL", base_url), ("PLANE_API_KEY", key), ("PLANE_ACCESS_TOKEN", None)] {
            match value {
                Some(value) => command.env(name, value),
                None => command.env_remove(name),
            };
        }
        command.output().unwrap()
    };
    let calls = child("call", Some(&server.uri()), Some("key-from-env"));
    assert!(calls.status.success(), "{}", String::from_utf8_lossy(&calls.stdout));
    let missing = child("missing", None, None);
    assert!(missing.status.success(), "{}", String::from_utf8_lossy(&missing.stdout));
}

/// The child of [`from_env_reads_the_documented_variables`]. Does nothing unless asked.
#[test]
#[ignore = "run by from_env_reads_the_documented_variables in a process of its own"]
fn from_env_child() {
    let Ok(case) = std::env::var("FROM_ENV_CHILD") else { return };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        match case.as_str() {
            "call" => {
                let client = Client::from_env().expect("the variables configure a client");
                client.delete_label("ws", id(), id()).await.expect("the call reaches the base URL with the key");
            }
            _ => {
                let error = Client::from_env().unwrap_err();
                assert_eq!(error.kind(), ErrorKind::Config);
                assert!(error.to_string().contains("`PLANE_API_KEY` or `PLANE_ACCESS_TOKEN`"), "{error}");
            }
        }
    });
}

/// Retries fast enough for a test: the policy's defaults, with a 10 ms backoff.
fn fast_retries() -> RetryPolicy {
    RetryPolicy::default().base_delay(Duration::from_millis(10)).max_delay(Duration::from_millis(20))
}

fn seconds_from_now(seconds: u64) -> String {
    (SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() + seconds).to_string()
}

#[tokio::test]
async fn exchange_gives_the_response_beside_the_value() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(customer_json(ID))
                .insert_header("x-request-id", "req-123")
                .insert_header("x-ratelimit-remaining", "41")
                .insert_header("x-ratelimit-reset", seconds_from_now(60).as_str())
                .insert_header("set-cookie", "session=cookie-secret"),
        )
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).api_key(KEY).retry(fast_retries()).build().unwrap();

    let exchange = client.retrieve_customer("my-team", id()).exchange().await.unwrap();
    assert_eq!(exchange.value.id, id());
    assert_eq!((exchange.status.as_u16(), exchange.attempts), (200, 2), "the 503 was retried");
    assert_eq!(exchange.request_id(), Some("req-123"));
    assert_eq!(exchange.rate_limit.map(|limit| limit.remaining), Some(41));
    assert_eq!(exchange.headers["x-ratelimit-remaining"], "41");
    assert!(exchange.elapsed >= Duration::from_millis(5) && exchange.elapsed < Duration::from_secs(10));
    let shown = format!("{exchange:?}");
    assert!(shown.contains("req-123") && !shown.contains("cookie-secret"), "{shown}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    // Awaited directly, the same call gives the value alone.
    let customer: plane_client::Customer = client.retrieve_customer("my-team", id()).await.unwrap();
    assert_eq!(customer.id, id());
    // An operation without a response body has an exchange too.
    Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let deleted = client.delete_label("ws", id(), id()).exchange().await.unwrap();
    assert_eq!((deleted.value, deleted.status.as_u16(), deleted.request_id()), ((), 204, None));
}

#[tokio::test]
async fn an_error_answer_carries_the_request_id() {
    let error = error_for(
        ResponseTemplate::new(404)
            .insert_header("x-request-id", "req-9")
            .set_body_json(json!({"error": "The requested resource does not exist."})),
    )
    .await;
    assert_eq!(error.kind(), ErrorKind::NotFound);
    assert_eq!(error.request_id(), Some("req-9"));
    assert_eq!(error.api().unwrap().request_id.as_deref(), Some("req-9"));
    assert!(error.to_string().ends_with("does not exist. (request id `req-9`)"), "{error}");
}

#[tokio::test]
async fn a_per_call_timeout_fires_where_the_clients_would_not() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)).set_delay(Duration::from_millis(800)))
        .mount(&server)
        .await;
    let client = client(&server);
    let started = Instant::now();
    let error = client.retrieve_customer("my-team", id()).timeout(Duration::from_millis(100)).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error:?}");
    assert!(started.elapsed() < Duration::from_millis(700), "{:?}", started.elapsed());
    client.retrieve_customer("my-team", id()).await.expect("the client's own 60 s timeout does not fire");
    assert_eq!(server.received_requests().await.unwrap().len(), 2, "a timeout is not retried");
}

#[tokio::test]
async fn retry_none_for_one_call_makes_one_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).api_key(KEY).retry(fast_retries()).build().unwrap();

    let error = client.retrieve_customer("my-team", id()).retry(RetryPolicy::none()).await.unwrap_err();
    assert_eq!((error.kind(), error.api().unwrap().attempts), (ErrorKind::Server, 1));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let error = client.retrieve_customer("my-team", id()).await.unwrap_err();
    assert_eq!(error.api().unwrap().attempts, 4, "the client's policy is unchanged");
    assert_eq!(server.received_requests().await.unwrap().len(), 5);
}

#[tokio::test]
async fn a_call_told_not_to_pace_goes_at_once() {
    let server = MockServer::start().await;
    // One request per window of about two seconds, as the first answer says.
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(customer_json(ID))
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", seconds_from_now(2).as_str()),
        )
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).api_key(KEY).pace(true).build().unwrap();
    client.retrieve_customer("my-team", id()).await.unwrap();

    let started = Instant::now();
    client.retrieve_customer("my-team", id()).pace(false).await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(500), "it waited: {:?}", started.elapsed());
    let started = Instant::now();
    client.retrieve_customer("my-team", id()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(500), "the pace was off: {:?}", started.elapsed());
}

#[tokio::test]
async fn an_extra_header_arrives_and_the_clients_own_are_refused() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .mount(&server)
        .await;
    let defaults: plane_client::HeaderMap =
        [(plane_client::HeaderName::from_static("x-trace"), plane_client::HeaderValue::from_static("default"))]
            .into_iter()
            .collect();
    let client = Client::builder().base_url(server.uri()).api_key(KEY).default_headers(defaults).build().unwrap();

    client.retrieve_customer("my-team", id()).header("X-Trace", "job-42").header("x-extra", "1").await.unwrap();
    let request = only_request(&server).await;
    let traces: Vec<_> = request.headers.get_all("x-trace").iter().collect();
    assert_eq!(traces, ["job-42"], "the call's header replaces the default one");
    assert_eq!(
        (&request.headers["x-extra"], &request.headers["x-api-key"]),
        (&"1".parse().unwrap(), &KEY.parse().unwrap())
    );

    for name in ["Authorization", "accept", "Content-Type", "X-API-Key", "user-agent"] {
        let error = client.retrieve_customer("my-team", id()).header(name, "forged").await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidRequest, "{name}: {error:?}");
        assert!(error.to_string().contains("is the client's own"), "{error}");
    }
    let error = client.retrieve_customer("my-team", id()).header("x-secret", "line\nbreak").await.unwrap_err();
    assert!(matches!(&error, Error::InvalidArgument { message, .. } if !message.contains("line")), "{error:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "refused calls were not sent");
}

#[tokio::test]
async fn a_per_call_response_limit_refuses_a_body_the_default_accepts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .mount(&server)
        .await;
    let client = client(&server);
    let error = client.retrieve_customer("my-team", id()).max_response_bytes(100).await.unwrap_err();
    assert!(matches!(error, Error::TooLarge { limit: 100, .. }), "{error:?}");
    client.retrieve_customer("my-team", id()).await.expect("the client's 32 MiB default reads it");
}

#[tokio::test]
async fn an_operations_own_arguments_cannot_be_replaced_on_its_call() {
    let server = MockServer::start().await;
    let client = client(&server);
    let twice = client.retrieve_customer("my-team", id()).path_param("workspace_slug", "other").await.unwrap_err();
    assert!(twice.to_string().contains("`workspace_slug` was given twice"), "{twice}");
    let query = plane_client::ListCustomersQuery::new();
    let bound = client.list_customers("my-team", &query).query("per_page", 5000).await.unwrap_err();
    assert!(bound.to_string().contains("`per_page` is a query parameter of this operation"), "{bound}");
    let body = UpdateCustomerBody::new();
    let second = client.update_customer("my-team", id(), &body).json_body(&json!({"name": "x"})).await.unwrap_err();
    assert!(second.to_string().contains("already has a body"), "{second}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn request_calls_any_path_as_the_operations_do() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("x-api-key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(ID)))
        .mount(&server)
        .await;
    let client = client(&server);
    const TEMPLATE: &str = "/api/v1/workspaces/{slug}/things/{thing}/";

    let raw: Value = client
        .request(Method::GET, TEMPLATE)
        .path_param("slug", "a/b?c=d#e")
        .path_param("thing", "%2e%2e")
        .query("per_page", 10)
        .query("tag", "x y&z")
        .await
        .unwrap();
    assert_eq!(raw, customer_json(ID));
    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/api/v1/workspaces/a%2Fb%3Fc%3Dd%23e/things/%252e%252e/");
    assert_eq!(request.url.query(), Some("per_page=10&tag=x+y%26z"));

    let typed: plane_client::Customer =
        client.request(Method::GET, TEMPLATE).path_param("slug", "ws").path_param("thing", id::<Uuid>()).await.unwrap();
    assert_eq!(typed.id, id());
    let last = server.received_requests().await.unwrap().pop().unwrap();
    assert_eq!(last.url.path(), format!("/api/v1/workspaces/ws/things/{ID}/"));

    for value in ["..", ".", ""] {
        let error = client.request::<Value>(Method::GET, TEMPLATE).path_param("slug", value).path_param("thing", "t");
        let error = error.await.unwrap_err();
        assert!(error.to_string().contains("path parameter `slug`"), "{value:?}: {error}");
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 2, "refused values were not sent");
}

#[tokio::test]
async fn request_sends_a_body_and_decodes_errors_and_empty_answers() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/things/"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"name": "once"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 7})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"error": "Page not found."})))
        .mount(&server)
        .await;
    let client = client(&server);

    let created = client
        .request::<Value>(Method::POST, "/api/v1/things/")
        .json_body(&json!({"name": "once"}))
        .retry(RetryPolicy::none())
        .exchange()
        .await
        .unwrap();
    assert_eq!((created.status.as_u16(), created.value), (201, json!({"id": 7})));
    client.request::<()>(Method::DELETE, "/api/v1/things/{id}/").path_param("id", 7).await.unwrap();
    let nothing: Value = client.request(Method::DELETE, "/api/v1/things/7/").await.unwrap();
    assert_eq!(nothing, Value::Null, "an empty body decodes as null");

    // Plane's answer to a path it does not route: not a missing resource, an operation not served.
    let error = client.request::<Value>(Method::GET, "/api/v1/nothing/{id}/").path_param("id", 1).await.unwrap_err();
    let Error::Api(api) = &error else { panic!("not an API error: {error:?}") };
    assert_eq!((error.kind(), api.path), (ErrorKind::NotServed, "/api/v1/nothing/{id}/"));
    assert!(matches!(&api.body, ErrorBody::Error { message, .. } if message == "Page not found."));
}

#[tokio::test]
async fn request_sends_a_body_of_any_media_type_as_given() {
    let server = MockServer::start().await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(204)).mount(&server).await;

    let csv = "id,name\n1,Bolt\n";
    client(&server).request::<()>(Method::PUT, "/api/v1/import/").body("text/csv; charset=utf-8", csv).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].headers.get("content-type").unwrap(), "text/csv; charset=utf-8");
    assert_eq!(requests[0].body, csv.as_bytes());
}

#[tokio::test]
async fn request_refuses_a_template_it_cannot_send_and_names_it() {
    let server = MockServer::start().await;
    let client = client(&server);
    /// The path parameters given, by name.
    type Params = &'static [(&'static str, &'static str)];
    let cases: [(&'static str, Params, &str); 7] = [
        ("api/v1/things/", &[], "must start with `/`"),
        ("/api/v1/things/?per_page=1", &[], "a path alone"),
        ("/api/v1/../admin/", &[], "segment `..`"),
        ("/api/v1/things/x{id}/", &[("id", "1")], "has no `{id}`"),
        ("/api/v1/things/{id/", &[], "segment `{id`"),
        ("/api/v1/things/{id}/", &[], "path parameter `id` has no value"),
        ("/api/v1/things/{id}/", &[("ids", "1")], "has no `{ids}`"),
    ];
    for (template, params, problem) in cases {
        let mut call = client.request::<Value>(Method::GET, template);
        for (name, value) in params {
            call = call.path_param(name, value);
        }
        let error = call.await.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidRequest, "{template}: {error:?}");
        let text = error.to_string();
        assert!(text.starts_with(&format!("GET {template}: ")) && text.contains(problem), "{template}: {text}");
    }
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing was sent");
}
