//! Runs `generated/examples/flow.rs` against a local server that answers like Plane, and checks
//! what it printed and what the server received.

use std::path::PathBuf;
use std::process::{Command, Output};

use plane_tests::customer_json;
use serde_json::json;
use wiremock::matchers::{body_partial_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "plane_api_flow_secret_4c1d";
const WS: &str = "/api/v1/workspaces/acme-ws";
const CUSTOMER: &str = "550e8400-e29b-41d4-a716-446655440000";
const REQUEST: &str = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
const PROPERTY: &str = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
const ITEMS: [&str; 2] = ["00000000-0000-0000-0000-0000000000a1", "00000000-0000-0000-0000-0000000000a2"];

/// The example's binary, (re)built if needed: `cargo test -p plane-tests` alone does not build
/// another package's examples, and a stale binary would test old code.
fn flow_binary() -> PathBuf {
    static BUILT: std::sync::Once = std::sync::Once::new();
    let profile_dir = std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().to_path_buf();
    BUILT.call_once(|| {
        let status =
            plane_tests::cargo().args(["build", "-q", "-p", "plane-client", "--example", "flow"]).status().unwrap();
        assert!(status.success(), "the flow example does not build");
    });
    profile_dir.join("examples").join(format!("flow{}", std::env::consts::EXE_SUFFIX))
}

fn run_flow(server: &MockServer) -> Output {
    Command::new(flow_binary())
        .arg(server.uri())
        .env("PLANE_API_KEY", KEY)
        .env("PLANE_WORKSPACE", "acme-ws")
        .env("PLANE_WORK_ITEMS", ITEMS.join(","))
        .output()
        .unwrap()
}

async fn mount(server: &MockServer, verb: &str, at: String, status: u16, body: Option<serde_json::Value>) {
    let response = match body {
        Some(body) => ResponseTemplate::new(status).set_body_json(body),
        None => ResponseTemplate::new(status),
    };
    Mock::given(method(verb)).and(path(at)).respond_with(response).expect(1).mount(server).await;
}

#[tokio::test]
async fn the_flow_runs_against_a_plane_like_server() {
    let server = MockServer::start().await;
    let customer = format!("{WS}/customers/{CUSTOMER}/");
    let mut updated = customer_json(CUSTOMER);
    updated["name"] = json!("Flow Example Co.");
    updated["stage"] = json!("active");
    updated["website_url"] = json!(null);
    let page = |results, next: &str, more| {
        json!({"results": results, "next_cursor": next, "prev_cursor": "", "next_page_results": more,
               "prev_page_results": false, "count": 1, "total_count": 2, "total_results": 2, "total_pages": 2})
    };

    mount(&server, "POST", format!("{WS}/customers/"), 201, Some(updated.clone())).await;
    mount(&server, "POST", format!("{customer}requests/"), 201, Some(json!({"id": REQUEST, "name": "Single sign-on"})))
        .await;
    Mock::given(method("POST"))
        .and(path(format!("{customer}issues/")))
        .and(query_param("customer_request_id", REQUEST))
        .and(body_partial_json(json!({"issue_ids": ITEMS})))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(json!({"message": "Successfully linked 2 issues", "linked_issues": []})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let property = json!({"id": PROPERTY, "display_name": "Key account", "property_type": "BOOLEAN"});
    mount(&server, "POST", format!("{WS}/customer-properties/"), 201, Some(property)).await;
    mount(&server, "POST", format!("{customer}property-values/"), 201, None).await;
    Mock::given(method("PATCH"))
        .and(path(&customer))
        .and(body_partial_json(json!({"stage": "active", "website_url": null})))
        .respond_with(ResponseTemplate::new(200).set_body_json(updated.clone()))
        .expect(1)
        .mount(&server)
        .await;
    // Two pages: the stream must follow the cursor to find the new customer on the second.
    Mock::given(method("GET"))
        .and(path(format!("{WS}/customers/")))
        .and(query_param("cursor", "100:1:0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![updated.clone()], "100:2:0", false)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{WS}/customers/")))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![customer_json(ITEMS[0])], "100:1:0", true)))
        .expect(1)
        .mount(&server)
        .await;
    mount(&server, "DELETE", format!("{WS}/customer-properties/{PROPERTY}/"), 204, None).await;
    mount(&server, "DELETE", customer.clone(), 204, None).await;

    let output = run_flow(&server);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "flow failed:\n{stdout}\n{stderr}");
    for line in [
        "created customer Flow Example Co.",
        "recorded request `Single sign-on`",
        "linked work items: Successfully linked 2 issues",
        "created property `Key account`",
        "set `Key account` to True",
        "updated Flow Example Co.: stage Some(\"active\"), website None",
        "listed 2 customer(s); ours is among them",
        "deleted the property and the customer",
    ] {
        assert!(stdout.contains(line), "missing {line:?} in:\n{stdout}");
    }
    assert!(!stdout.contains(KEY) && !stderr.contains(KEY), "the key was printed");
    // Every mock's `expect(1)` is checked when the server drops; count the total too.
    assert_eq!(server.received_requests().await.unwrap().len(), 10);
}

#[tokio::test]
async fn the_flow_exits_non_zero_on_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_json(json!({"detail": "You do not have permission to perform this action."})),
        )
        .mount(&server)
        .await;
    let output = run_flow(&server);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("403 Forbidden: You do not have permission"), "{stderr}");
    assert!(!stderr.contains(KEY));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
