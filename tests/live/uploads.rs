//! Uploads and downloads in one call, against the real server and its object storage (the
//! harness's S3 stand-in): a file goes up streamed, comes back byte for byte, and is deleted;
//! a file over the limit is refused before anything is sent; a file the storage's form does not
//! allow is deleted again after the server registered it. Every test name says `upload`, so
//! `cargo test --test live upload` runs them all.
//!
//! They need a server with object storage: `tests/plane-server/plane-server up` starts one.

use plane_client::{
    Cleanup, Client, CreateUserAssetBody, CreateWorkItemAttachmentBody, CreateWorkItemBody, Error, ErrorKind, Upload,
    UserAssetEntityType,
};
use tokio::io::AsyncReadExt;

use crate::support::{api_error, live, with_project};

/// Bytes that no two tests share and that a lost or repeated chunk would change.
fn contents(len: usize) -> Vec<u8> {
    let seed = fastrand::u64(..);
    (0..len).map(|i| (seed.wrapping_mul(i as u64 + 1) >> 13) as u8).collect()
}

/// The length a body declares for `body`.
fn size_of(body: &[u8]) -> i64 {
    i64::try_from(body.len()).unwrap()
}

#[tokio::test]
async fn an_upload_from_a_file_comes_back_byte_for_byte_and_is_deleted() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("With a file")).await.unwrap();
        // Several of the runtime's 64 KiB chunks, and not a multiple of them.
        let data = contents(300_001);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("naïve notes.bin");
        std::fs::write(&path, &data).unwrap();

        let file = Upload::file(&path).await.unwrap();
        let body = CreateWorkItemAttachmentBody::new("naïve notes.bin", "application/octet-stream", size_of(&data));
        let attachment = client.upload_work_item_attachment(ws, project, item.id, &body, file).await.unwrap();
        assert_eq!(attachment.attributes["name"], "naïve notes.bin");
        assert!((attachment.size - data.len() as f64).abs() < f64::EPSILON, "size {}", attachment.size);
        // Confirmed: listed, as uploaded.
        let listed = client.list_work_item_attachments(ws, project, item.id).await.unwrap();
        let [listed] = listed.as_slice() else { panic!("one attachment: {listed:?}") };
        assert_eq!(listed.id, attachment.id);
        assert!(listed.is_uploaded);

        // Down again, streamed into a file, and whole.
        let download = client.download_work_item_attachment(ws, project, item.id, attachment.id).await.unwrap();
        assert_eq!(download.content_length(), Some(data.len() as u64));
        assert_eq!(download.file_name().as_deref(), Some("naïve notes.bin"));
        let copy = dir.path().join("copy.bin");
        let mut out = tokio::fs::File::create(&copy).await.unwrap();
        assert_eq!(download.write_to(&mut out).await.unwrap(), data.len() as u64);
        assert!(std::fs::read(&copy).unwrap() == data, "the downloaded file differs from the uploaded one");
        let again = client.download_work_item_attachment(ws, project, item.id, attachment.id).await.unwrap();
        assert!(again.bytes().await.unwrap() == data);

        client.delete_work_item_attachment(ws, project, item.id, attachment.id).await.unwrap();
        let gone = client.download_work_item_attachment(ws, project, item.id, attachment.id).await;
        api_error(gone, ErrorKind::NotFound);
        assert!(client.list_work_item_attachments(ws, project, item.id).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn an_upload_from_a_reader_is_streamed_and_read_back_under_a_limit() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("With a stream")).await.unwrap();
        let data = contents(1 << 20);
        // A reader that hands out a few bytes at a time, as a socket would.
        let (mut writer, reader) = tokio::io::duplex(4096);
        let feed = tokio::spawn({
            let data = data.clone();
            async move { tokio::io::AsyncWriteExt::write_all(&mut writer, &data).await }
        });
        let body = CreateWorkItemAttachmentBody::new("stream.bin", "application/octet-stream", size_of(&data));
        let upload = Upload::reader(reader, data.len() as u64).file_name("stream.bin");
        let attachment = client.upload_work_item_attachment(ws, project, item.id, &body, upload).await.unwrap();
        feed.await.unwrap().unwrap();

        let download = client.download_work_item_attachment(ws, project, item.id, attachment.id).await.unwrap();
        // The client's response limit applies to the file: a smaller one stops the download.
        let error = download.max_bytes(1000).bytes().await.unwrap_err();
        assert!(matches!(error, Error::TooLarge { limit: 1000, .. }), "{error:?}");
        let download = client.download_work_item_attachment(ws, project, item.id, attachment.id).await.unwrap();
        let mut back = Vec::new();
        let mut download = download;
        while let Some(chunk) = download.chunk().await.unwrap() {
            back.extend_from_slice(&chunk);
        }
        assert!(back == data, "the downloaded stream differs from the uploaded one");
        client.delete_work_item_attachment(ws, project, item.id, attachment.id).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn an_upload_over_the_limit_fails_before_anything_is_sent() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Too big")).await.unwrap();
        // One byte over Plane's default FILE_SIZE_LIMIT, never read: nothing is sent.
        let len = 5 * 1024 * 1024 + 1;
        let body = CreateWorkItemAttachmentBody::new("big.bin", "application/octet-stream", len);
        let file = Upload::reader(tokio::io::repeat(0).take(len as u64), len as u64);
        let error = client.upload_work_item_attachment(ws, project, item.id, &body, file).await.unwrap_err();
        assert!(matches!(error, Error::FileTooLarge { size, limit: 5_242_880, .. } if size == len as u64), "{error:?}");
        assert_eq!(error.kind(), ErrorKind::TooLarge);
        // A body that declares another size than the file's is refused too.
        let body = CreateWorkItemAttachmentBody::new("small.bin", "application/octet-stream", 10);
        let error = client
            .upload_work_item_attachment(ws, project, item.id, &body, Upload::bytes(vec![1; 11]))
            .await
            .unwrap_err();
        assert!(matches!(error, Error::InvalidArgument { .. }), "{error:?}");
        // Nothing was registered.
        assert!(client.list_work_item_attachments(ws, project, item.id).await.unwrap().is_empty());
    })
    .await;
}

#[tokio::test]
async fn an_upload_the_storage_form_does_not_allow_is_deleted_again() {
    with_project(|ctx| async move {
        let (ws, project) = (ctx.ws(), ctx.project.id);
        // A client that believes the server takes 8 MiB: the server caps the declared size at its
        // 5 MiB and signs a form that allows that much, which the client reads before sending.
        let client = support_client().max_upload_bytes(8 << 20).build().unwrap();
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Refused")).await.unwrap();
        let len = 6 * 1024 * 1024;
        let body = CreateWorkItemAttachmentBody::new("big.bin", "application/octet-stream", len)
            .external_source("live-tests")
            .external_id("too-big");
        let file = Upload::reader(tokio::io::repeat(7).take(len as u64), len as u64);
        let error = client.upload_work_item_attachment(ws, project, item.id, &body, file).await.unwrap_err();
        let Error::Upload(upload) = &error else { panic!("an upload error: {error:?}") };
        assert!(matches!(upload.error, Error::FileTooLarge { limit: 5_242_880, .. }), "{error}");
        assert!(matches!(upload.cleanup, Cleanup::Deleted), "{error}");
        assert!(error.to_string().contains("deleted again"), "{error}");
        // Deleted, not left pending: the attachment is not found (a pending one answers 400).
        let id = upload.id.parse().unwrap();
        api_error(client.retrieve_work_item_attachment(ws, project, item.id, id).await, ErrorKind::NotFound);
    })
    .await;
}

#[tokio::test]
async fn a_user_asset_upload_is_confirmed_and_deleted() {
    let Some(live) = live() else { return };
    let client = &live.client;
    // The smallest PNG there is: the server checks the declared type, the storage nothing.
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\x04\0\x09\xfb\x03\xfd\xe3U\xf2\x9c\0\0\0\0IEND\xaeB`\x82";
    let body = CreateUserAssetBody::new(UserAssetEntityType::UserCover)
        .name("cover.png")
        .r#type("image/png")
        .size(size_of(png));
    let asset = client.upload_user_asset(&body, Upload::bytes(png.to_vec())).await.unwrap();
    assert!(asset.asset_url.contains(&asset.asset_id.to_string()), "{}", asset.asset_url);
    // Deleting a cover asset also unsets the user's cover image (the server does that for any).
    client.delete_user_asset(asset.asset_id).await.unwrap();
    api_error(client.delete_user_asset(asset.asset_id).await, ErrorKind::NotFound);
}

/// A builder for the live server, as `support::live` makes its client.
fn support_client() -> plane_client::ClientBuilder {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    Client::builder().base_url(var("PLANE_BASE_URL")).api_key(var("PLANE_API_KEY")).deny_unknown_fields(true)
}
