//! Every operation of the Customers API against a local server: method, path, query string and
//! body sent, and the documented responses decoded (the shapes the server really sends, where
//! Plane's docs show something else).

use futures_util::{StreamExt, TryStreamExt};
use plane_client::*;
use plane_tests::customer_json;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const WS: &str = "/api/v1/workspaces/my-team";
const CUSTOMER: &str = "550e8400-e29b-41d4-a716-446655440000";
const OTHER: &str = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

/// `text` as whichever id the call takes.
fn uuid<T: std::str::FromStr<Err: std::fmt::Debug>>(text: &str) -> T {
    text.parse().unwrap()
}

async fn server() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder().base_url(server.uri()).api_key("k").build().unwrap();
    (server, client)
}

async fn last_request(server: &MockServer) -> Request {
    server.received_requests().await.unwrap().pop().expect("a request")
}

/// One page of Plane's envelope.
fn page(results: Vec<Value>, next: &str, more: bool) -> Value {
    json!({
        "grouped_by": null, "sub_grouped_by": null, "total_count": 5, "next_cursor": next, "prev_cursor": "2:-1:1",
        "next_page_results": more, "prev_page_results": false, "count": results.len(), "total_pages": 3,
        "total_results": 5, "extra_stats": null, "results": results
    })
}

fn request_json(id: &str) -> Value {
    json!({"id": id, "name": "SSO", "description": null, "description_html": "<p>SSO</p>", "link": null,
           "attachment_count": 0, "customer": CUSTOMER, "created_at": "2024-01-01T00:00:00Z"})
}

fn property_json(kind: &str) -> Value {
    json!({"id": OTHER, "name": "tier", "display_name": "Tier", "property_type": kind, "relation_type": null,
           "is_required": false, "is_multi": false, "default_value": [], "settings": {}, "sort_order": 65535.0,
           "options": [{"id": CUSTOMER, "name": "Gold", "is_default": true, "property": OTHER}]})
}

// ---- customers ----

#[tokio::test]
async fn list_customers_sends_query_and_decodes_a_page() {
    let (server, client) = server().await;
    Mock::given(method("GET"))
        .and(path(format!("{WS}/customers/")))
        .and(query_param("query", "acme"))
        .and(query_param("per_page", "2"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![customer_json(CUSTOMER)], "2:1:0", true)))
        .expect(1)
        .mount(&server)
        .await;
    let page = client.list_customers("my-team", &ListCustomersQuery::new().query("acme").per_page(2)).await.unwrap();
    assert_eq!(page.results.len(), 1);
    assert_eq!(page.results[0].name, "Acme");
    assert_eq!(page.next_cursor.as_deref(), Some("2:1:0"));
    assert!(page.next_page_results);
    assert_eq!(page.total_count, Some(5));
}

#[tokio::test]
async fn list_customers_stream_walks_every_page() {
    let (server, client) = server().await;
    let customers: Vec<Value> =
        (0..5).map(|i| customer_json(&format!("00000000-0000-0000-0000-00000000000{i}"))).collect();
    for (cursor, results, next, more) in [
        (None, &customers[0..2], "2:1:0", true),
        (Some("2:1:0"), &customers[2..4], "2:2:0", true),
        // The last page still carries a next cursor; `next_page_results` is what ends the walk.
        (Some("2:2:0"), &customers[4..5], "2:3:0", false),
    ] {
        let mock = Mock::given(method("GET")).and(path(format!("{WS}/customers/"))).and(query_param("per_page", "2"));
        let mock = match cursor {
            Some(cursor) => mock.and(query_param("cursor", cursor)),
            None => mock.and(query_param_is_missing("cursor")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(page(results.to_vec(), next, more)))
            .expect(1)
            .mount(&server)
            .await;
    }
    let all: Vec<Customer> =
        client.list_customers_stream("my-team", &ListCustomersQuery::new().per_page(2)).try_collect().await.unwrap();
    let ids: Vec<String> = all.iter().map(|c| c.id.to_string()).collect();
    assert_eq!(ids.len(), 5);
    assert_eq!(ids[4], "00000000-0000-0000-0000-000000000004");
}

#[tokio::test]
async fn a_stream_stops_at_the_first_error() {
    let (server, client) = server().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"detail": "Invalid cursor parameter."})))
        .mount(&server)
        .await;
    let results: Vec<Result<Customer, Error>> =
        client.list_customers_stream("my-team", &ListCustomersQuery::new().cursor("bad")).collect().await;
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].as_ref().unwrap_err().status().unwrap().as_u16(), 400);
}

#[tokio::test]
async fn create_customer_posts_the_required_name() {
    let (server, client) = server().await;
    Mock::given(method("POST"))
        .and(path(format!("{WS}/customers/")))
        .and(body_json(json!({"name": "Acme", "domain": "acme.io", "employees": 10})))
        .respond_with(ResponseTemplate::new(201).set_body_json(customer_json(CUSTOMER)))
        .expect(1)
        .mount(&server)
        .await;
    let body = CreateCustomerBody::new("Acme").domain("acme.io").employees(10);
    let customer = client.create_customer("my-team", &body).await.unwrap();
    assert_eq!(customer.id, uuid(CUSTOMER));
}

#[tokio::test]
async fn retrieve_and_delete_customer() {
    let (server, client) = server().await;
    let one = format!("{WS}/customers/{CUSTOMER}/");
    Mock::given(method("GET"))
        .and(path(&one))
        .respond_with(ResponseTemplate::new(200).set_body_json(customer_json(CUSTOMER)))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(&one))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    assert_eq!(client.retrieve_customer("my-team", uuid(CUSTOMER)).await.unwrap().name, "Acme");
    client.delete_customer("my-team", uuid(CUSTOMER)).await.unwrap();
    assert!(last_request(&server).await.body.is_empty(), "a DELETE sends no body");
}

#[tokio::test]
async fn delete_customer_by_external_id_sends_both_query_parameters() {
    let (server, client) = server().await;
    Mock::given(method("DELETE"))
        .and(path(format!("{WS}/customers/")))
        .and(query_param("external_source", "hub spot"))
        .and(query_param("external_id", "42&x=1"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    client
        .delete_customer_by_external_id("my-team", &DeleteCustomerByExternalIdQuery::new("hub spot", "42&x=1"))
        .await
        .unwrap();
    assert_eq!(last_request(&server).await.url.query(), Some("external_source=hub+spot&external_id=42%26x%3D1"));
}

// ---- customer requests ----

#[tokio::test]
async fn customer_requests_round_trip() {
    let (server, client) = server().await;
    let base = format!("{WS}/customers/{CUSTOMER}/requests/");
    let one = format!("{base}{OTHER}/");
    Mock::given(method("GET"))
        .and(path(&base))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![request_json(OTHER)], "", false)))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(&base))
        .and(body_json(json!({"name": "SSO", "work_item_ids": [OTHER]})))
        .respond_with(ResponseTemplate::new(201).set_body_json(request_json(OTHER)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(&one))
        .respond_with(ResponseTemplate::new(200).set_body_json(request_json(OTHER)))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(&one))
        .and(body_json(json!({"link": null, "name": "SAML SSO"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(request_json(OTHER)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(&one))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let listed =
        client.list_customer_requests("my-team", uuid(CUSTOMER), &ListCustomerRequestsQuery::new()).await.unwrap();
    assert_eq!(listed.results[0].name, "SSO");
    let created = client
        .create_customer_request(
            "my-team",
            uuid(CUSTOMER),
            &CreateCustomerRequestBody::new("SSO").work_item_ids(vec![uuid(OTHER)]),
        )
        .await
        .unwrap();
    assert_eq!(created.description_html.as_deref(), Some("<p>SSO</p>"));
    let one = client.retrieve_customer_request("my-team", uuid(CUSTOMER), uuid(OTHER)).await.unwrap();
    assert_eq!(one.attachment_count, Some(0));
    client
        .update_customer_request(
            "my-team",
            uuid(CUSTOMER),
            uuid(OTHER),
            &UpdateCustomerRequestBody::new().name("SAML SSO").clear_link(),
        )
        .await
        .unwrap();
    client.delete_customer_request("my-team", uuid(CUSTOMER), uuid(OTHER)).await.unwrap();
}

// ---- work items ----

#[tokio::test]
async fn work_item_links() {
    let (server, client) = server().await;
    let base = format!("{WS}/customers/{CUSTOMER}/issues/");
    let item = json!({"id": OTHER, "name": "Fix login", "state_id": null, "priority": "high", "sequence_id": 42,
                      "project_id": CUSTOMER, "project__identifier": "WEB", "created_at": "2024-01-01T00:00:00Z",
                      "updated_at": "2024-01-01T00:00:00Z"});
    // A bare array, not a page.
    Mock::given(method("GET"))
        .and(path(&base))
        .and(query_param("search", "WEB-42"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([item])))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(&base))
        .and(query_param("customer_request_id", OTHER))
        .and(body_json(json!({"issue_ids": [OTHER]})))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "message": "Successfully linked 1 issues",
            "linked_issues": [{"id": OTHER, "name": "Fix login", "sequence_id": 42, "project_id": CUSTOMER, "project__identifier": "WEB"}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("{base}{OTHER}/")))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let items = client
        .list_customer_work_items("my-team", uuid(CUSTOMER), &ListCustomerWorkItemsQuery::new().search("WEB-42"))
        .await
        .unwrap();
    assert_eq!((items[0].project_identifier.as_deref(), items[0].sequence_id), (Some("WEB"), Some(42)));
    let linked = client
        .link_work_items(
            "my-team",
            uuid(CUSTOMER),
            &LinkWorkItemsQuery::new().customer_request_id(uuid(OTHER)),
            &LinkWorkItemsBody::new(vec![uuid(OTHER)]),
        )
        .await
        .unwrap();
    assert_eq!(linked.linked_issues.unwrap()[0].project_identifier.as_deref(), Some("WEB"));
    client.unlink_work_item("my-team", uuid(CUSTOMER), uuid(OTHER), &UnlinkWorkItemQuery::new()).await.unwrap();
    assert_eq!(last_request(&server).await.url.query(), None, "an unset optional query parameter is not sent");
}

#[tokio::test]
async fn linking_unknown_work_items_keeps_the_valid_ones() {
    let (server, client) = server().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"error": "Issues not found: [x]", "valid_issues": [OTHER]})),
        )
        .mount(&server)
        .await;
    let error = client
        .link_work_items(
            "my-team",
            uuid(CUSTOMER),
            &LinkWorkItemsQuery::new(),
            &LinkWorkItemsBody::new(vec![uuid(OTHER)]),
        )
        .await
        .unwrap_err();
    let ErrorBody::Error { message, extra } = &error.api().unwrap().body else { panic!("{error:?}") };
    assert!(message.starts_with("Issues not found"));
    assert_eq!(extra["valid_issues"], json!([OTHER]));
}

// ---- properties ----

#[tokio::test]
async fn customer_properties_round_trip() {
    let (server, client) = server().await;
    let base = format!("{WS}/customer-properties/");
    let one = format!("{base}{OTHER}/");
    Mock::given(method("GET"))
        .and(path(&base))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![property_json("TEXT")], "", false)))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(&base))
        .and(body_json(json!({"display_name": "Tier", "property_type": "OPTION", "options": [{"name": "Gold", "is_default": true}]})))
        .respond_with(ResponseTemplate::new(201).set_body_json(property_json("OPTION")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(&one))
        .respond_with(ResponseTemplate::new(200).set_body_json(property_json("RELATION")))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(&one))
        .and(body_json(json!({"display_name": "Plan", "relation_type": "USER", "description": null})))
        .respond_with(ResponseTemplate::new(200).set_body_json(property_json("OPTION")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(&one))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let listed = client.list_customer_properties("my-team", &ListCustomerPropertiesQuery::new()).await.unwrap();
    assert_eq!(listed.results[0].property_type, PropertyType::Text);
    let mut gold = NewPropertyOption::new("Gold");
    gold.is_default = Some(true);
    let created = client
        .create_customer_property(
            "my-team",
            &CreateCustomerPropertyBody::new("Tier", PropertyType::Option).options(vec![gold]),
        )
        .await
        .unwrap();
    assert_eq!(created.options.unwrap()[0].name, "Gold");
    assert_eq!(created.relation_type, None);
    let one = client.retrieve_customer_property("my-team", uuid(OTHER)).await.unwrap();
    assert_eq!(one.property_type, PropertyType::Relation);
    let body =
        UpdateCustomerPropertyBody::new().display_name("Plan").relation_type(RelationType::User).clear_description();
    client.update_customer_property("my-team", uuid(OTHER), &body).await.unwrap();
    client.delete_customer_property("my-team", uuid(OTHER)).await.unwrap();
}

#[tokio::test]
async fn an_enum_value_added_later_decodes_as_unknown() {
    let (server, client) = server().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(property_json("FORMULA")))
        .mount(&server)
        .await;
    let property = client.retrieve_customer_property("my-team", uuid(OTHER)).await.unwrap();
    assert_eq!(property.property_type, PropertyType::Unknown("FORMULA".into()));
    assert_eq!(property.property_type.as_str(), "FORMULA");
    // And it is sent back as it came.
    assert_eq!(serde_json::to_value(&property.property_type).unwrap(), json!("FORMULA"));
}

// ---- property values ----

#[tokio::test]
async fn property_values_round_trip() {
    let (server, client) = server().await;
    let base = format!("{WS}/customers/{CUSTOMER}/property-values/");
    let one = format!("{base}{OTHER}/");
    Mock::given(method("GET"))
        .and(path(&base))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({OTHER: ["Gold"], CUSTOMER: ["2024-01-31"]})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(&base))
        .and(body_json(json!({"customer_property_values": {OTHER: ["True"]}})))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(&one))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({OTHER: ["Gold"]})))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(&one))
        .and(body_json(json!({"values": ["Silver", "Bronze"]})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let all = client.list_customer_property_values("my-team", uuid(CUSTOMER)).await.unwrap();
    assert_eq!(all[CUSTOMER], vec!["2024-01-31".to_string()]);
    let values = [(OTHER.to_string(), vec!["True".to_string()])].into_iter().collect();
    client
        .set_customer_property_values("my-team", uuid(CUSTOMER), &SetCustomerPropertyValuesBody::new(values))
        .await
        .unwrap();
    let one = client.retrieve_customer_property_value("my-team", uuid(CUSTOMER), uuid(OTHER)).await.unwrap();
    assert_eq!(one[OTHER], vec!["Gold".to_string()]);
    let body = UpdateCustomerPropertyValueBody::new(vec!["Silver".into(), "Bronze".into()]);
    client.update_customer_property_value("my-team", uuid(CUSTOMER), uuid(OTHER), &body).await.unwrap();
}
