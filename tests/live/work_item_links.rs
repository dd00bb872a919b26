//! Links of a work item: create, list, retrieve, update (set and clear), delete, and what the
//! server's worker does to them afterwards.

use futures_util::TryStreamExt;
use plane_client::{
    CreateWorkItemBody, CreateWorkItemLinkBody, ErrorKind, ListWorkItemLinksQuery, UpdateWorkItemLinkBody,
};
use serde_json::json;

use crate::support::{api_error, eventually, with_project};

#[tokio::test]
async fn links_are_created_listed_updated_cleared_and_deleted() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap().id;
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Linked")).await.unwrap();

        let body = CreateWorkItemLinkBody::new("https://example.com/spec").title("The spec");
        let spec = client.create_work_item_link(ws, project, item.id, &body).await.unwrap();
        assert_eq!((spec.url.as_str(), spec.title.as_deref()), ("https://example.com/spec", Some("The spec")));
        assert_eq!((spec.issue, spec.project, spec.created_by), (item.id, project, Some(me)));
        let body = CreateWorkItemLinkBody::new("https://example.com/report");
        let report = client.create_work_item_link(ws, project, item.id, &body).await.unwrap();
        assert_eq!(report.title, None);

        // Create checks the URL (PATCH does not): one URL once per work item, http(s) only.
        let twice = CreateWorkItemLinkBody::new("https://example.com/spec");
        let error = api_error(client.create_work_item_link(ws, project, item.id, &twice).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), "URL already exists for this Issue");
        let ftp = CreateWorkItemLinkBody::new("ftp://example.com/spec.pdf");
        let error = api_error(client.create_work_item_link(ws, project, item.id, &ftp).await, ErrorKind::BadRequest);
        assert_eq!(error.field_errors().map(|f| f["url"].clone()), Some(vec!["Invalid URL scheme.".to_string()]));

        // One per page, so that the stream follows the cursor.
        let query = ListWorkItemLinksQuery::new().per_page(1);
        let all: Vec<_> = client.list_work_item_links_stream(ws, project, item.id, &query).try_collect().await.unwrap();
        let mut ids: Vec<_> = all.iter().map(|l| l.id).collect();
        ids.sort_unstable();
        let mut ours = vec![spec.id, report.id];
        ours.sort_unstable();
        assert_eq!(ids, ours);

        let got = client.retrieve_work_item_link(ws, project, item.id, spec.id).await.unwrap();
        assert_eq!((got.url, got.title), (spec.url.clone(), spec.title.clone()));

        let update = UpdateWorkItemLinkBody::new()
            .url("https://example.com/spec/v2")
            .title("The spec, v2")
            .metadata(json!({"source": "live-tests"}));
        let updated = client.update_work_item_link(ws, project, item.id, spec.id, &update).await.unwrap();
        assert_eq!(updated.url, "https://example.com/spec/v2");
        assert_eq!(updated.title.as_deref(), Some("The spec, v2"));
        // As sent; the worker replaces it a moment later (see the next test).
        assert_eq!(updated.metadata, json!({"source": "live-tests"}));

        let clear = UpdateWorkItemLinkBody::new().clear_title();
        let cleared = client.update_work_item_link(ws, project, item.id, spec.id, &clear).await.unwrap();
        assert_eq!(cleared.title, None);
        assert_eq!(cleared.url, "https://example.com/spec/v2", "the rest is kept");

        client.delete_work_item_link(ws, project, item.id, report.id).await.unwrap();
        api_error(client.retrieve_work_item_link(ws, project, item.id, report.id).await, ErrorKind::NotFound);
        api_error(client.delete_work_item_link(ws, project, item.id, report.id).await, ErrorKind::NotFound);
        let left = client.list_work_item_links(ws, project, item.id, &ListWorkItemLinksQuery::new()).await.unwrap();
        assert_eq!(left.results.iter().map(|l| l.id).collect::<Vec<_>>(), [spec.id]);
    })
    .await;
}

#[tokio::test]
async fn the_worker_fills_in_a_links_metadata_and_forgets_its_author() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Linked")).await.unwrap();
        let body = CreateWorkItemLinkBody::new("https://example.com/page").title("A page");
        let link = client.create_work_item_link(ws, project, item.id, &body).await.unwrap();
        assert!(link.created_by.is_some());

        // A background task fetches the page (it cannot here: no network) and saves the link with
        // `{url, title, favicon, favicon_url}` as metadata; that save runs without a user, so it
        // clears both author fields.
        let crawled = eventually("fill in the link's metadata", || async {
            let got = client.retrieve_work_item_link(ws, project, item.id, link.id).await.unwrap();
            got.metadata.get("favicon").is_some().then_some(got)
        })
        .await;
        assert_eq!(crawled.metadata["url"], "https://example.com/page");
        assert_eq!((crawled.created_by, crawled.updated_by), (None, None));
        assert_eq!(crawled.title.as_deref(), Some("A page"), "the link's own title is left alone");
    })
    .await;
}
