//! Uploads and downloads in one call against two local servers on 127.0.0.1 (wiremock): one
//! plays the API, the other the object storage. What each receives, and in which order: the
//! storage never sees a credential, gets the form's fields before the file and a length it can
//! check, the confirmation comes only after the storage said yes, a failed step deletes the
//! registered file (or the error says why not), and a download's hop to the storage carries no
//! credential and no signature into errors.

use std::sync::{Arc, Mutex};

use plane_client::{Cleanup, Client, CreateWorkItemAttachmentBody, CreateWorkspaceAssetBody, Error, ErrorKind, Upload};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const KEY: &str = "plane_api_0123456789abcdef";
const TOKEN: &str = "oauth-token-0123456789";
const WS: &str = "my-team";
const PROJECT: &str = "11111111-1111-4111-8111-111111111111";
const ITEM: &str = "22222222-2222-4222-8222-222222222222";
const ASSET: &str = "33333333-3333-4333-8333-333333333333";
const ATTACHMENTS: &str = "/api/v1/workspaces/my-team/projects/11111111-1111-4111-8111-111111111111/work-items/22222222-2222-4222-8222-222222222222/attachments/";

/// What the two servers answered, in the order they answered it.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn entries(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

/// A response that notes `label` in the log when it is sent.
struct Noted {
    log: Log,
    label: &'static str,
    response: ResponseTemplate,
}

impl Respond for Noted {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.log.0.lock().unwrap().push(self.label.to_string());
        self.response.clone()
    }
}

fn noted(log: &Log, label: &'static str, response: ResponseTemplate) -> Noted {
    Noted { log: log.clone(), label, response }
}

/// A presigned POST policy (base64 JSON, as S3's) that allows 1 to `max` bytes.
fn policy(max: u64) -> String {
    let json =
        format!(r#"{{"expiration": "2030-01-01T00:00:00Z", "conditions": [["content-length-range", 1, {max}]]}}"#);
    base64(json.as_bytes())
}

fn base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() { DIGITS[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    out
}

fn attachment_json() -> Value {
    json!({
        "id": ASSET, "attributes": {"name": "notes.txt", "type": "text/plain", "size": 11}, "asset": "ws/abc-notes.txt",
        "size": 11.0, "is_uploaded": false, "is_deleted": false, "is_archived": false,
        "entity_type": "ISSUE_ATTACHMENT", "entity_identifier": null, "storage_metadata": {}, "external_source": null,
        "external_id": null, "issue": ITEM, "project": PROJECT, "workspace": null, "user": null, "draft_issue": null,
        "comment": null, "page": null, "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z",
        "deleted_at": null, "created_by": null, "updated_by": null,
    })
}

/// The create step's answer: the attachment and a form for `storage`, allowing `max` bytes.
fn created(storage: &MockServer, max: u64) -> Value {
    json!({
        "upload_data": {
            "url": format!("{}/uploads", storage.uri()),
            "fields": {
                "key": "ws/abc-notes.txt", "Content-Type": "text/plain", "policy": policy(max),
                "x-amz-algorithm": "AWS4-HMAC-SHA256", "x-amz-signature": "c0ffee",
            },
        },
        "asset_id": ASSET,
        "attachment": attachment_json(),
        "asset_url": "/api/assets/v2/workspaces/my-team/attachments/x/",
    })
}

/// An API and a storage server, every answer noted in `log`: create (with `answer`), storage
/// (`storage_status`), confirm (204) and delete (`delete_status`).
async fn servers(
    answer: impl FnOnce(&MockServer) -> Value,
    storage_status: u16,
    delete_status: u16,
) -> (MockServer, MockServer, Log) {
    let (api, storage, log) = (MockServer::start().await, MockServer::start().await, Log::default());
    let answer = answer(&storage);
    Mock::given(method("POST"))
        .and(path(ATTACHMENTS))
        .respond_with(noted(&log, "create", ResponseTemplate::new(200).set_body_json(answer)))
        .mount(&api)
        .await;
    let refusal =
        "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>Policy Condition failed</Message></Error>";
    let stored = if storage_status < 300 {
        ResponseTemplate::new(storage_status)
    } else {
        ResponseTemplate::new(storage_status).set_body_string(refusal)
    };
    Mock::given(method("POST"))
        .and(path("/uploads"))
        .respond_with(noted(&log, "storage", stored))
        .mount(&storage)
        .await;
    let item = format!("{ATTACHMENTS}{ASSET}/");
    Mock::given(method("PATCH"))
        .and(path(item.as_str()))
        .respond_with(noted(&log, "confirm", ResponseTemplate::new(204)))
        .mount(&api)
        .await;
    let gone =
        ResponseTemplate::new(delete_status).set_body_json(json!({"error": "The requested resource does not exist."}));
    Mock::given(method("DELETE")).and(path(item.as_str())).respond_with(noted(&log, "delete", gone)).mount(&api).await;
    (api, storage, log)
}

fn key_client(api: &MockServer) -> Client {
    Client::builder().base_url(api.uri()).api_key(KEY).build().unwrap()
}

async fn upload(client: &Client, file: Upload, declared: i64) -> Result<plane_client::WorkItemAttachment, Error> {
    let body = CreateWorkItemAttachmentBody::new("notes.txt", "text/plain", declared);
    client.upload_work_item_attachment(WS, PROJECT.parse().unwrap(), ITEM.parse().unwrap(), &body, file).await
}

/// The parts of a `multipart/form-data` body: (name, file name, bytes), in order.
fn parts(request: &Request) -> Vec<(String, Option<String>, Vec<u8>)> {
    let content_type = request.headers.get("content-type").unwrap().to_str().unwrap();
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a multipart body");
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let mut found = Vec::new();
    let positions: Vec<usize> = (0..body.len()).filter(|&i| body[i..].starts_with(delimiter.as_bytes())).collect();
    for pair in positions.windows(2) {
        let part = &body[pair[0] + delimiter.len() + 2..pair[1] - 2];
        let split = part.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(part[..split].to_vec()).unwrap();
        let quoted = |key: &str| {
            let start = head.find(&format!("{key}=\""))? + key.len() + 2;
            Some(head[start..start + head[start..].find('"')?].to_string())
        };
        found.push((quoted("name").unwrap(), quoted("filename"), part[split + 4..].to_vec()));
    }
    assert!(body.ends_with(format!("{delimiter}--\r\n").as_bytes()), "the body ends with the closing delimiter");
    found
}

#[tokio::test]
async fn the_storage_gets_the_fields_then_the_file_without_credentials_and_then_the_upload_is_confirmed() {
    for credential in ["key", "token"] {
        let (api, storage, log) = servers(|s| created(s, 11), 204, 204).await;
        let builder = Client::builder().base_url(api.uri());
        let client = if credential == "key" { builder.api_key(KEY) } else { builder.bearer_token(TOKEN) };
        let client = client.build().unwrap();
        let attachment = upload(&client, Upload::bytes(&b"hello world"[..]).file_name("notes.txt"), 11).await.unwrap();
        assert_eq!(attachment.id.to_string(), ASSET);
        // Confirmed only once the storage said yes.
        assert_eq!(log.entries(), ["create", "storage", "confirm"]);

        let stored = storage.received_requests().await.unwrap();
        let [request] = stored.as_slice() else { panic!("one storage request: {stored:?}") };
        for header in request.headers.keys() {
            let name = header.as_str();
            assert!(name != "x-api-key" && name != "authorization", "the storage got `{name}`");
        }
        let sent = format!("{:?}", request.headers);
        assert!(!sent.contains(KEY) && !sent.contains(TOKEN), "a credential reached the storage: {sent}");
        // A length the storage can check against the policy, not a chunked body.
        let length: usize = request.headers.get("content-length").unwrap().to_str().unwrap().parse().unwrap();
        assert_eq!(length, request.body.len());
        assert!(request.headers.get("transfer-encoding").is_none());
        let parts = parts(request);
        let names: Vec<&str> = parts.iter().map(|(name, ..)| name.as_str()).collect();
        assert_eq!(names, ["Content-Type", "key", "policy", "x-amz-algorithm", "x-amz-signature", "file"]);
        assert_eq!(parts[1].2, b"ws/abc-notes.txt");
        let (_, file_name, bytes) = parts.last().unwrap();
        assert_eq!((file_name.as_deref(), bytes.as_slice()), (Some("notes.txt"), &b"hello world"[..]));
        // The API got its credential on each of its calls, as always.
        for request in api.received_requests().await.unwrap() {
            let auth = if credential == "key" { "x-api-key" } else { "authorization" };
            assert!(request.headers.get(auth).is_some(), "{} {} without credential", request.method, request.url);
        }
    }
}

#[tokio::test]
async fn a_file_is_streamed_from_a_reader_whole() {
    let data: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 256) as u8).collect();
    let (api, storage, log) = servers(|s| created(s, 200_000), 204, 204).await;
    let reader = std::io::Cursor::new(data.clone());
    upload(&key_client(&api), Upload::reader(reader, data.len() as u64), 200_000).await.unwrap();
    assert_eq!(log.entries(), ["create", "storage", "confirm"]);
    let stored = storage.received_requests().await.unwrap();
    let (name, file_name, bytes) = parts(&stored[0]).pop().unwrap();
    assert_eq!((name.as_str(), file_name.as_deref()), ("file", Some("file")));
    assert!(bytes == data, "the file arrived changed");
}

#[tokio::test]
async fn a_storage_refusal_deletes_the_registered_file_and_says_both() {
    let (api, _storage, log) = servers(|s| created(s, 11), 403, 204).await;
    let error = upload(&key_client(&api), Upload::bytes(&b"hello world"[..]), 11).await.unwrap_err();
    assert_eq!(log.entries(), ["create", "storage", "delete"], "no confirmation after a refusal");
    let Error::Upload(failed) = &error else { panic!("an upload error: {error:?}") };
    assert_eq!(failed.id, ASSET);
    assert!(matches!(failed.cleanup, Cleanup::Deleted));
    let Error::Storage(storage) = &failed.error else { panic!("a storage error: {:?}", failed.error) };
    assert_eq!((storage.status.map(|s| s.as_u16()), storage.code.as_deref()), (Some(403), Some("AccessDenied")));
    assert_eq!(storage.message, "Policy Condition failed");
    assert_eq!(error.kind(), ErrorKind::Storage);
    let shown = error.to_string();
    assert!(shown.contains("AccessDenied") && shown.contains("deleted again"), "{shown}");
}

#[tokio::test]
async fn a_cleanup_that_fails_too_is_reported_with_the_first_failure() {
    let (api, _storage, log) = servers(|s| created(s, 11), 500, 404).await;
    let error = upload(&key_client(&api), Upload::bytes(&b"hello world"[..]), 11).await.unwrap_err();
    assert_eq!(log.entries(), ["create", "storage", "delete"]);
    let Error::Upload(failed) = &error else { panic!("an upload error: {error:?}") };
    assert!(matches!(&failed.error, Error::Storage(s) if s.status.map(|s| s.as_u16()) == Some(500)), "{error}");
    let Cleanup::Failed(cleanup) = &failed.cleanup else { panic!("the cleanup failed: {error}") };
    assert_eq!(cleanup.kind(), ErrorKind::NotFound);
    assert!(error.to_string().contains("left behind"), "{error}");
}

#[tokio::test]
async fn a_file_over_the_limit_or_of_another_length_sends_nothing() {
    let (api, storage, log) = servers(|s| created(s, 11), 204, 204).await;
    let client = key_client(&api);
    let big = 5 * 1024 * 1024 + 1;
    let error = upload(&client, Upload::reader(tokio::io::empty(), big as u64), big).await.unwrap_err();
    assert!(matches!(error, Error::FileTooLarge { size, limit: 5_242_880, .. } if size == big as u64), "{error:?}");
    // A server configured with a smaller limit.
    let small = Client::builder().base_url(api.uri()).api_key(KEY).max_upload_bytes(10).build().unwrap();
    let error = upload(&small, Upload::bytes(&b"hello world"[..]), 11).await.unwrap_err();
    assert!(matches!(error, Error::FileTooLarge { size: 11, limit: 10, .. }), "{error:?}");
    let error = upload(&client, Upload::bytes(&b"hello world"[..]), 12).await.unwrap_err();
    assert!(
        matches!(&error, Error::InvalidArgument { message, .. } if message.contains("declares a size of 12")),
        "{error:?}"
    );
    assert!(log.entries().is_empty(), "something was sent: {:?}", log.entries());
    assert!(api.received_requests().await.unwrap().is_empty() && storage.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_form_that_allows_less_than_the_file_stops_before_the_file_is_sent() {
    let (api, storage, log) = servers(|s| created(s, 5), 204, 204).await;
    let error = upload(&key_client(&api), Upload::bytes(&b"hello world"[..]), 11).await.unwrap_err();
    assert_eq!(log.entries(), ["create", "delete"]);
    assert!(storage.received_requests().await.unwrap().is_empty());
    let Error::Upload(failed) = &error else { panic!("an upload error: {error:?}") };
    assert!(matches!(failed.error, Error::FileTooLarge { size: 11, limit: 5, .. }), "{error}");
    assert!(matches!(failed.cleanup, Cleanup::Deleted));
    assert_eq!(error.kind(), ErrorKind::TooLarge);
}

#[tokio::test]
async fn an_answer_without_a_form_deletes_the_registered_file() {
    let unsigned = |_: &MockServer| {
        let mut answer = json!({"asset_id": ASSET, "attachment": attachment_json(), "asset_url": "/x/"});
        answer["upload_data"] = Value::Null;
        answer
    };
    let (api, _storage, log) = servers(unsigned, 204, 204).await;
    let error = upload(&key_client(&api), Upload::bytes(&b"hello world"[..]), 11).await.unwrap_err();
    assert_eq!(log.entries(), ["create", "delete"]);
    let Error::Upload(failed) = &error else { panic!("an upload error: {error:?}") };
    assert!(matches!(&failed.error, Error::Storage(s) if s.message.contains("did not sign")), "{error}");
}

#[tokio::test]
async fn a_confirmation_that_fails_deletes_the_file_too() {
    let (api, storage, log) = (MockServer::start().await, MockServer::start().await, Log::default());
    Mock::given(method("POST"))
        .and(path(ATTACHMENTS))
        .respond_with(noted(&log, "create", ResponseTemplate::new(200).set_body_json(created(&storage, 11))))
        .mount(&api)
        .await;
    Mock::given(method("POST")).respond_with(noted(&log, "storage", ResponseTemplate::new(204))).mount(&storage).await;
    let forbidden =
        ResponseTemplate::new(403).set_body_json(json!({"error": "You are not allowed to upload this attachment"}));
    Mock::given(method("PATCH")).respond_with(noted(&log, "confirm", forbidden)).mount(&api).await;
    Mock::given(method("DELETE")).respond_with(noted(&log, "delete", ResponseTemplate::new(204))).mount(&api).await;
    let error = upload(&key_client(&api), Upload::bytes(&b"hello world"[..]), 11).await.unwrap_err();
    assert_eq!(log.entries(), ["create", "storage", "confirm", "delete"]);
    let Error::Upload(failed) = &error else { panic!("an upload error: {error:?}") };
    assert_eq!(failed.error.kind(), ErrorKind::Forbidden);
    assert_eq!(error.kind(), ErrorKind::Forbidden);
    assert!(matches!(failed.cleanup, Cleanup::Deleted));
}

#[tokio::test]
async fn an_upload_the_api_cannot_delete_says_the_file_is_kept() {
    let (api, storage, log) = (MockServer::start().await, MockServer::start().await, Log::default());
    let answer = json!({
        "upload_data": {"url": format!("{}/uploads", storage.uri()), "fields": {"key": "k"}},
        "asset_id": ASSET, "asset_url": "/x/",
    });
    Mock::given(method("POST"))
        .and(path("/api/v1/workspaces/my-team/assets/"))
        .respond_with(noted(&log, "create", ResponseTemplate::new(200).set_body_json(answer)))
        .mount(&api)
        .await;
    Mock::given(method("POST")).respond_with(noted(&log, "storage", ResponseTemplate::new(400))).mount(&storage).await;
    let body = CreateWorkspaceAssetBody::new("a.png", "image/png").size(3);
    let error = key_client(&api).upload_workspace_asset(WS, &body, Upload::bytes(&b"png"[..])).await.unwrap_err();
    assert_eq!(log.entries(), ["create", "storage"]);
    let Error::Upload(failed) = &error else { panic!("an upload error: {error:?}") };
    assert!(matches!(failed.cleanup, Cleanup::Kept));
    assert!(error.to_string().contains("no way to delete it"), "{error}");
}

#[tokio::test]
async fn a_workspace_asset_is_confirmed_with_the_body_the_spec_gives() {
    let (api, storage) = (MockServer::start().await, MockServer::start().await);
    let answer = json!({
        "upload_data": {"url": format!("{}/uploads", storage.uri()), "fields": {"key": "k"}},
        "asset_id": ASSET, "asset_url": "/x/",
    });
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_json(answer)).mount(&api).await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(204)).mount(&storage).await;
    Mock::given(method("PATCH")).respond_with(ResponseTemplate::new(204)).mount(&api).await;
    let body = CreateWorkspaceAssetBody::new("a.png", "image/png");
    let uploaded = key_client(&api).upload_workspace_asset(WS, &body, Upload::bytes(&b"png"[..])).await.unwrap();
    assert_eq!(uploaded.asset_id.to_string(), ASSET);
    let requests = api.received_requests().await.unwrap();
    // The size the body left out is the file's.
    let create: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(create, json!({"name": "a.png", "type": "image/png", "size": 3}));
    let confirm: Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!((requests[1].method.as_str(), confirm), ("PATCH", json!({"is_uploaded": true})));
}

/// An API whose attachment answers with a redirect to `storage`, whose file is `body`.
async fn redirecting(storage_response: ResponseTemplate) -> (MockServer, MockServer) {
    let (api, storage) = (MockServer::start().await, MockServer::start().await);
    let location = format!("{}/uploads/ws/abc-notes.txt?X-Amz-Signature=s3cr3t&X-Amz-Expires=3600", storage.uri());
    Mock::given(method("GET"))
        .and(path(format!("{ATTACHMENTS}{ASSET}/").as_str()))
        .respond_with(ResponseTemplate::new(302).insert_header("location", location.as_str()))
        .mount(&api)
        .await;
    Mock::given(method("GET")).and(path_regex("^/uploads/")).respond_with(storage_response).mount(&storage).await;
    (api, storage)
}

async fn download(client: &Client) -> Result<plane_client::Download, Error> {
    client
        .download_work_item_attachment(WS, PROJECT.parse().unwrap(), ITEM.parse().unwrap(), ASSET.parse().unwrap())
        .await
}

#[tokio::test]
async fn a_download_follows_the_redirect_without_the_credential() {
    let file = ResponseTemplate::new(200)
        .set_body_bytes(b"hello world".to_vec())
        .insert_header("content-disposition", "attachment; filename*=UTF-8''notes.txt")
        .insert_header("content-type", "text/plain");
    let (api, storage) = redirecting(file).await;
    for client in [key_client(&api), Client::builder().base_url(api.uri()).bearer_token(TOKEN).build().unwrap()] {
        let download = download(&client).await.unwrap();
        assert_eq!((download.file_name().as_deref(), download.content_type()), (Some("notes.txt"), Some("text/plain")));
        assert_eq!(download.content_length(), Some(11));
        assert_eq!(&download.bytes().await.unwrap()[..], b"hello world");
    }
    let fetched = storage.received_requests().await.unwrap();
    assert_eq!(fetched.len(), 2);
    for request in &fetched {
        assert_eq!(request.url.query(), Some("X-Amz-Signature=s3cr3t&X-Amz-Expires=3600"), "the signed URL as given");
        let sent = format!("{:?}", request.headers);
        assert!(request.headers.get("x-api-key").is_none() && request.headers.get("authorization").is_none(), "{sent}");
        assert!(!sent.contains(KEY) && !sent.contains(TOKEN), "a credential reached the storage: {sent}");
    }
}

#[tokio::test]
async fn a_download_the_storage_refuses_never_shows_the_signature() {
    let refusal = "<Error><Code>SignatureDoesNotMatch</Code><Message>The signature does not match</Message></Error>";
    let (api, _storage) = redirecting(ResponseTemplate::new(403).set_body_string(refusal)).await;
    let error = download(&key_client(&api)).await.unwrap_err();
    let Error::Storage(storage) = &error else { panic!("a storage error: {error:?}") };
    assert_eq!(storage.code.as_deref(), Some("SignatureDoesNotMatch"));
    assert_eq!(error.kind(), ErrorKind::Storage);
    for shown in [error.to_string(), format!("{error:?}")] {
        assert!(!shown.contains("s3cr3t") && shown.contains("/uploads/ws/abc-notes.txt"), "{shown}");
    }
}

#[tokio::test]
async fn a_download_larger_than_the_limit_stops_before_reading() {
    let (api, _storage) = redirecting(ResponseTemplate::new(200).set_body_bytes(vec![7; 4096])).await;
    let client = Client::builder().base_url(api.uri()).api_key(KEY).max_response_bytes(1000).build().unwrap();
    let error = download(&client).await.unwrap().bytes().await.unwrap_err();
    assert!(matches!(error, Error::TooLarge { limit: 1000, read: 0, declared: Some(4096), .. }), "{error:?}");
    // Raised for this download, it reads the whole file.
    let bytes = download(&client).await.unwrap().max_bytes(4096).bytes().await.unwrap();
    assert_eq!(bytes.len(), 4096);
}

#[tokio::test]
async fn a_download_whose_answer_is_no_redirect_is_an_error() {
    let api = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200)).mount(&api).await;
    let error = download(&key_client(&api)).await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Decode, "{error}");
    api.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({"error": "The asset is not uploaded."})))
        .mount(&api)
        .await;
    let error = download(&key_client(&api)).await.unwrap_err();
    assert_eq!(error.api().map(|e| e.body.message()).as_deref(), Some("The asset is not uploaded."));
}

#[tokio::test]
async fn a_download_by_url_fetches_the_url_the_answer_gives() {
    let (api, storage) = (MockServer::start().await, MockServer::start().await);
    let answer = json!({
        "asset_id": ASSET, "asset_url": format!("{}/uploads/k?sig=1", storage.uri()), "asset_name": "a.png", "asset_type": "image/png",
    });
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(answer)).mount(&api).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"png".to_vec()))
        .mount(&storage)
        .await;
    let download = key_client(&api).download_workspace_asset(WS, ASSET.parse().unwrap()).await.unwrap();
    assert_eq!(&download.bytes().await.unwrap()[..], b"png");
    assert!(storage.received_requests().await.unwrap()[0].headers.get("x-api-key").is_none());
}
