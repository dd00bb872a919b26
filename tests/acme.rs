//! The spec format's features that Plane's API does not use, on the wire: unions decoded by
//! trying each variant, header parameters, and bounds on body fields and query parameters checked
//! before anything is sent. The client is `acme-client`, generated from `tests/specs/other_api`
//! into `tests/acme`; the server is wiremock on 127.0.0.1.

use acme_client::{
    Client, Error, FileWidgetReportBody, ListWidgetsQuery, PaintWidgetBody, RegisterWidgetBody, SizeOrName, Upload,
    Warehouse, WarehouseOrCode, Widget, WidgetColor, WidgetId, WidgetLabel,
};
use plane_tests::{ID, id};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const WIDGET_PATH: &str = "/v2/warehouses/north/widgets/550e8400-e29b-41d4-a716-446655440000/";

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).api_key("acme-key").build().unwrap()
}

fn widget(warehouse: serde_json::Value) -> serde_json::Value {
    json!({ "id": ID, "name": "Sprocket", "color": "red", "warehouse": warehouse })
}

#[tokio::test]
async fn a_union_decodes_as_the_first_variant_that_fits() {
    let server = MockServer::start().await;
    let page = json!({ "results": [
        widget(json!("north")),
        widget(json!({ "code": "south", "city": "Lyon" })),
    ], "next_page_results": false });
    Mock::given(method("GET"))
        .and(path("/v2/warehouses/north/widgets/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page))
        .mount(&server)
        .await;

    let page = client(&server).list_widgets("north", &ListWidgetsQuery::new()).await.unwrap();

    assert_eq!(page.results[0].warehouse, WarehouseOrCode::Code("north".into()));
    let WarehouseOrCode::Warehouse(warehouse) = &page.results[1].warehouse else {
        panic!("an object decodes as the warehouse: {:?}", page.results[1].warehouse)
    };
    assert_eq!((warehouse.code.as_str(), warehouse.city.as_str()), ("south", "Lyon"));
    // And back: each variant is sent as the value it holds.
    let expanded = WarehouseOrCode::Warehouse(Warehouse::new("south", "Lyon"));
    assert_eq!(serde_json::to_value(&expanded).unwrap(), json!({ "code": "south", "city": "Lyon" }));
    assert_eq!(serde_json::to_value(WarehouseOrCode::Code("north".into())).unwrap(), json!("north"));
}

#[tokio::test]
async fn a_value_no_variant_fits_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "results": [widget(json!(42))] })))
        .mount(&server)
        .await;

    let error = client(&server).list_widgets("north", &ListWidgetsQuery::new()).await.unwrap_err();

    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

#[tokio::test]
async fn a_header_parameter_is_sent_when_set_and_only_then() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "results": [] })))
        .mount(&server)
        .await;
    let client = client(&server);

    client.list_widgets("north", &ListWidgetsQuery::new().x_request_id("req-7")).await.unwrap();
    client.list_widgets("north", &ListWidgetsQuery::new()).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].headers.get("x-request-id").unwrap(), "req-7");
    assert_eq!(requests[0].url.query(), None, "a header parameter is not also a query pair");
    assert!(requests[1].headers.get("x-request-id").is_none());
}

#[tokio::test]
async fn cookie_parameters_share_one_cookie_header_and_no_value_adds_a_cookie() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "results": [] })))
        .mount(&server)
        .await;
    let client = client(&server);

    client.list_widgets("north", &ListWidgetsQuery::new().session("s1; admin=1").shelf(7)).await.unwrap();
    client.list_widgets("north", &ListWidgetsQuery::new().shelf(3)).await.unwrap();
    client.list_widgets("north", &ListWidgetsQuery::new()).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    let cookies =
        |i: usize| requests[i].headers.get_all("cookie").iter().map(|v| v.to_str().unwrap()).collect::<Vec<_>>();
    assert_eq!(cookies(0), ["session=s1%3B%20admin=1; shelf=7"], "one header; the `;` cannot start a cookie");
    assert_eq!(cookies(1), ["shelf=3"]);
    assert!(cookies(2).is_empty(), "no cookie is sent while none is set");
    assert_eq!(requests[0].url.query(), None, "a cookie is not also a query pair");
}

#[tokio::test]
async fn a_parameter_of_several_types_is_sent_as_the_value_it_holds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "results": [] })))
        .mount(&server)
        .await;
    let client = client(&server);

    client.list_widgets("north", &ListWidgetsQuery::new().fits(SizeOrName::Millimetres(40))).await.unwrap();
    client.list_widgets("north", &ListWidgetsQuery::new().fits(SizeOrName::Name("XL & up".into()))).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].url.query(), Some("fits=40"));
    assert_eq!(requests[1].url.query(), Some("fits=XL+%26+up"));
}

#[tokio::test]
async fn list_and_map_parameters_go_on_the_wire_in_their_styles() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "results": [] })))
        .mount(&server)
        .await;
    let (a, b): (WidgetId, WidgetId) = (id(), "6ba7b810-9dad-11d1-80b4-00c04fd430c8".parse().unwrap());
    let query = ListWidgetsQuery::new()
        .ids(vec![a, b])
        .tag(vec!["steel".into(), "a,b & c".into()])
        .color(vec![WidgetColor::Red, WidgetColor::Blue])
        .size(vec![1, 20])
        .filter([("finish".to_string(), "matte".to_string()), ("grade".into(), "A+".into())].into())
        .x_trace_tags(vec!["nightly".into(), "eu".into()]);

    client(&server).list_widgets("north", &query).await.unwrap();
    client(&server).list_widgets("north", &ListWidgetsQuery::new().tag(Vec::new())).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    let expected = format!(
        "ids={a},{b}&tag=steel&tag=a%2Cb+%26+c&color=red|blue&size=1%2020&filter%5Bfinish%5D=matte&filter%5Bgrade%5D=A%2B"
    );
    assert_eq!(requests[0].url.query(), Some(expected.as_str()));
    // What a server reads back: each value whole, the delimiters gone.
    let pairs: Vec<(String, String)> = requests[0].url.query_pairs().into_owned().collect();
    assert_eq!(pairs[2], ("tag".into(), "a,b & c".into()));
    assert_eq!(pairs[5], ("filter[finish]".into(), "matte".into()));
    assert_eq!(requests[0].headers.get("x-trace-tags").unwrap(), "nightly,eu");
    assert_eq!(requests[1].url.query(), None, "an empty list sends nothing");
}

#[tokio::test]
async fn a_header_value_that_headers_cannot_carry_is_refused_before_sending() {
    let server = MockServer::start().await;
    let query = ListWidgetsQuery::new().x_request_id("a\r\nX-Injected: yes");

    let error = client(&server).list_widgets("north", &query).await.unwrap_err();

    let Error::InvalidArgument { message, .. } = &error else { panic!("{error:?}") };
    assert!(message.contains("X-Request-Id"), "{message}");
    assert!(!message.contains("Injected"), "the value is not repeated: it may be a secret: {message}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn body_fields_within_their_bounds_are_sent() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(WIDGET_PATH))
        .and(header("x-acme-key", "acme-key"))
        // Eight characters of two bytes each: lengths count characters, not bytes.
        .and(body_json(json!({ "coats": 3, "label": "éééééééé" })))
        .respond_with(ResponseTemplate::new(200).set_body_json(widget(json!("north"))))
        .expect(1)
        .mount(&server)
        .await;

    let body = PaintWidgetBody::new(3).label("éééééééé");
    let widget = client(&server).paint_widget("north", id(), &body).await.unwrap();

    assert_eq!(widget.color, Some(WidgetColor::Red));
}

#[tokio::test]
async fn body_fields_outside_their_bounds_are_refused_before_sending() {
    let server = MockServer::start().await;
    let client = client(&server);
    let cases = [
        (PaintWidgetBody::new(3).label("nine char"), "`label` has 9 characters, more than its maximum 8"),
        (PaintWidgetBody::new(3).label(""), "`label` has 0 characters, fewer than its minimum 1"),
        (PaintWidgetBody::new(0), "`coats` is 0, below its minimum 1"),
        (PaintWidgetBody::new(4), "`coats` is 4, above its maximum 3"),
    ];
    for (body, expected) in cases {
        let error = client.paint_widget("north", id(), &body).await.unwrap_err();
        let Error::InvalidArgument { message, .. } = &error else { panic!("{error:?}") };
        assert_eq!(message, expected);
    }
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn clearing_a_bounded_field_is_not_checked_against_its_bounds() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(body_json(json!({ "coats": 1, "label": null })))
        .respond_with(ResponseTemplate::new(200).set_body_json(widget(json!("north"))))
        .expect(1)
        .mount(&server)
        .await;

    client(&server).paint_widget("north", id(), &PaintWidgetBody::new(1).clear_label()).await.unwrap();
}

#[test]
fn a_conversion_fills_each_field_from_the_one_the_spec_names() {
    let widget: Widget = serde_json::from_value(widget(json!("north"))).unwrap();

    let label = WidgetLabel::from(widget.clone());

    assert_eq!(label.widget, widget.id);
    assert_eq!((label.front.as_str(), label.back.as_deref()), ("Sprocket", Some("Sprocket")));
    assert_eq!(label.color, Some(WidgetColor::Red));
    assert_eq!(label.barcode, None, "a field the source has nothing for, and that may be absent");
}

/// The one request the server received: its `Content-Type` and body.
async fn sent(server: &MockServer) -> (String, Vec<u8>) {
    let requests = server.received_requests().await.unwrap();
    let [request] = requests.as_slice() else { panic!("{} requests", requests.len()) };
    let content_type = request.headers.get("content-type").map(|v| v.to_str().unwrap().to_string());
    (content_type.unwrap_or_default(), request.body.clone())
}

async fn answering(status: u16, body: Option<serde_json::Value>) -> MockServer {
    let server = MockServer::start().await;
    let response = ResponseTemplate::new(status);
    let response = match body {
        Some(body) => response.set_body_json(body),
        None => response,
    };
    Mock::given(method("POST")).respond_with(response.clone()).mount(&server).await;
    Mock::given(method("PUT")).respond_with(response).mount(&server).await;
    server
}

#[tokio::test]
async fn a_json_body_of_a_list_is_sent_as_that_list() {
    let server = answering(204, None).await;

    client(&server).tag_widgets("north", &["steel".to_string(), "a \"b\"".to_string()]).await.unwrap();

    let (content_type, body) = sent(&server).await;
    assert_eq!(content_type, "application/json");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&body).unwrap(), json!(["steel", "a \"b\""]));
}

#[tokio::test]
async fn a_delete_sends_the_body_it_is_given() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)).mount(&server).await;

    client(&server).untag_widgets("north", &["steel".to_string()]).await.unwrap();

    let (content_type, body) = sent(&server).await;
    assert_eq!(content_type, "application/json");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&body).unwrap(), json!(["steel"]));
}

#[tokio::test]
async fn a_nullable_body_sends_null_for_none() {
    for (body, expected) in
        [(Some(Warehouse::new("south", "Lyon")), json!({ "code": "south", "city": "Lyon" })), (None, json!(null))]
    {
        let server = answering(200, Some(widget(json!("south")))).await;

        let moved = client(&server).move_widget(id(), body.as_ref()).await.unwrap();

        assert_eq!(moved.name, "Sprocket");
        let (content_type, sent_body) = sent(&server).await;
        assert_eq!(content_type, "application/json");
        assert_eq!(serde_json::from_slice::<serde_json::Value>(&sent_body).unwrap(), expected);
    }
}

#[tokio::test]
async fn a_text_body_is_sent_as_utf8_text() {
    let server = answering(204, None).await;

    client(&server).set_widget_note(id(), "Fragile — handle with care").await.unwrap();

    let (content_type, body) = sent(&server).await;
    assert_eq!(content_type, "text/plain; charset=utf-8");
    assert_eq!(body, "Fragile — handle with care".as_bytes());
}

#[tokio::test]
async fn a_bytes_body_is_sent_byte_for_byte_with_its_media_type() {
    let server = answering(204, None).await;
    let png = vec![0x89, b'P', b'N', b'G', 0, 0xff, b'\n'];

    client(&server).put_widget_photo(id(), png.clone()).await.unwrap();

    let (content_type, body) = sent(&server).await;
    assert_eq!((content_type.as_str(), body), ("image/png", png));
}

/// A part of a multipart body: its headers (lower-cased names) and content.
type Part = (Vec<(String, String)>, Vec<u8>);

/// The parts of a `multipart/form-data` body, split at `boundary` as RFC 7578 frames them.
fn parts(body: &[u8], boundary: &str) -> Vec<Part> {
    // Byte for byte: a file's part need not be UTF-8.
    let body: String = body.iter().map(|&byte| char::from(byte)).collect();
    let delimiter = format!("--{boundary}");
    let end = format!("{delimiter}--\r\n");
    assert!(body.ends_with(&end), "the body ends with the closing delimiter");
    let body = &body[..body.len() - end.len()];
    body.split(&delimiter)
        .skip(1)
        .map(|part| {
            let part = part.strip_prefix("\r\n").unwrap().strip_suffix("\r\n").unwrap();
            let (head, content) = part.split_once("\r\n\r\n").unwrap();
            let headers = head
                .split("\r\n")
                .map(|line| line.split_once(": ").unwrap())
                .map(|(name, value)| (name.to_ascii_lowercase(), value.to_string()))
                .collect();
            (headers, content.chars().map(|c| u8::try_from(c).unwrap()).collect())
        })
        .collect()
}

#[tokio::test]
async fn a_multipart_body_sends_each_field_and_file_as_a_part_with_its_length() {
    let server = answering(201, Some(widget(json!("north")))).await;
    let log_path = std::env::temp_dir().join(format!("acme-report-{}.log", std::process::id()));
    std::fs::write(&log_path, "line 1\nline 2\n").unwrap();
    let body = FileWidgetReportBody::new("Cracked \"lid\"", Upload::file(&log_path).await.unwrap())
        .severity(4)
        .tags(vec!["lid".into(), "urgent".into()])
        .color(WidgetColor::Blue)
        .label(WidgetLabel::new(id(), "Front", None::<String>, None))
        .photos(vec![Upload::bytes(vec![0x89, b'P', 0]).file_name("a.png"), Upload::bytes(&b"jpg"[..])]);

    let widget = client(&server).file_widget_report(id(), body).await.unwrap();
    std::fs::remove_file(&log_path).unwrap();
    assert_eq!(widget.name, "Sprocket");

    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    let content_type = request.headers.get("content-type").unwrap().to_str().unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect(content_type);
    let length = request.headers.get("content-length").unwrap().to_str().unwrap();
    assert_eq!(length, request.body.len().to_string(), "the length is announced, not chunked");
    let parts = parts(&request.body, boundary);
    let disposition = |name: &str| format!("form-data; name=\"{name}\"");
    let text = |name: &str, value: &str| {
        (vec![("content-disposition".to_string(), disposition(name))], value.as_bytes().to_vec())
    };
    let file = |name: &str, file: &str, bytes: &[u8]| {
        let headers = vec![
            ("content-disposition".to_string(), format!("{}; filename=\"{file}\"", disposition(name))),
            ("content-type".to_string(), "application/octet-stream".to_string()),
        ];
        (headers, bytes.to_vec())
    };
    let label = (
        vec![
            ("content-disposition".to_string(), disposition("label")),
            ("content-type".to_string(), "application/json".to_string()),
        ],
        json!({"widget": ID, "front": "Front", "back": null, "color": null}).to_string().into_bytes(),
    );
    let log_name = log_path.file_name().unwrap().to_str().unwrap();
    assert_eq!(
        parts,
        vec![
            text("color", "blue"),
            label,
            text("severity", "4"),
            text("tags", "lid"),
            text("tags", "urgent"),
            text("title", "Cracked \"lid\""),
            file("log", log_name, b"line 1\nline 2\n"),
            file("photos", "a.png", &[0x89, b'P', 0]),
            file("photos", "file", b"jpg"),
        ]
    );
}

#[tokio::test]
async fn a_multipart_body_is_sent_again_after_a_429_only_if_its_files_are_in_memory() {
    let server = MockServer::start().await;
    // A 429 once (the server did nothing: any method may be sent again), then success.
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(widget(json!("north"))))
        .mount(&server)
        .await;

    let in_memory = FileWidgetReportBody::new("Twice", Upload::bytes(&b"log"[..]));
    client(&server).file_widget_report(id(), in_memory).await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 2, "sent again after the 429");

    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let from_reader = FileWidgetReportBody::new("Once", Upload::reader(&b"log"[..], 3));
    let error = client(&server).file_widget_report(id(), from_reader).await.unwrap_err();
    assert_eq!(error.status(), Some(acme_client::StatusCode::TOO_MANY_REQUESTS), "{error:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "a reader is read once: no second attempt");
}

#[tokio::test]
async fn a_multipart_body_past_a_bound_or_with_a_short_file_is_not_sent_whole() {
    let server = answering(201, Some(widget(json!("north")))).await;
    let long = FileWidgetReportBody::new("x".repeat(41), Upload::bytes(&b"log"[..]));
    let refused = client(&server).file_widget_report(id(), long).await;
    assert!(matches!(refused, Err(Error::InvalidArgument { .. })), "{refused:?}");
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing sent past a bound");

    // A reader that ends before its declared length fails the request: the server is never
    // sent a body shorter than the length it was told.
    let short = FileWidgetReportBody::new("Short", Upload::reader(&b"abc"[..], 10));
    let failed = client(&server).file_widget_report(id(), short).await;
    assert!(failed.is_err(), "{failed:?}");
    let complete = server.received_requests().await.unwrap().into_iter().filter(|r| !r.body.is_empty()).count();
    assert_eq!(complete, 0, "no body arrived whole");
}

#[tokio::test]
async fn a_form_body_sends_its_set_fields_as_pairs_after_checking_their_bounds() {
    let server = answering(201, Some(widget(json!("north")))).await;
    let body = RegisterWidgetBody::new("Bolt & nut = 2").color(WidgetColor::Blue);

    client(&server).register_widget("north", &body).await.unwrap();

    let (content_type, sent_body) = sent(&server).await;
    assert_eq!(content_type, "application/x-www-form-urlencoded");
    assert_eq!(String::from_utf8(sent_body).unwrap(), "name=Bolt+%26+nut+%3D+2&color=blue");
    let refused = client(&server).register_widget("north", &RegisterWidgetBody::new("x").weight(0)).await;
    assert!(matches!(refused, Err(Error::InvalidArgument { .. })), "{refused:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "nothing sent past a bound");
}
