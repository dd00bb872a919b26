//! Comments on a work item: create, list, retrieve, update (set and clear), delete.

use futures_util::TryStreamExt;
use plane_client::{
    CreateWorkItemBody, CreateWorkItemCommentBody, ErrorKind, ListWorkItemCommentsQuery, UpdateWorkItemCommentBody,
    WorkItemCommentAccess,
};
use serde_json::json;

use crate::support::{api_error, with_project};
use crate::work_items::conflict_id;

#[tokio::test]
async fn comments_are_created_listed_updated_cleared_and_deleted() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap().id;
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Discussed")).await.unwrap();

        let body = CreateWorkItemCommentBody::new()
            .comment_html("<p>Reproduced with per_page=1.</p>")
            .comment_json(json!({"type": "doc", "content": []}))
            .access(WorkItemCommentAccess::External)
            .external_source("live-tests")
            .external_id("comment-1");
        let comment = client.create_work_item_comment(ws, project, item.id, &body).await.unwrap();
        assert_eq!(comment.comment_html, "<p>Reproduced with per_page=1.</p>");
        assert_eq!(comment.access, WorkItemCommentAccess::External);
        assert_eq!((comment.issue, comment.project, comment.workspace), (item.id, project, item.workspace));
        assert_eq!((comment.actor, comment.created_by, comment.parent), (Some(me), Some(me), None));
        assert_eq!(comment.external_id.as_deref(), Some("comment-1"));
        assert_eq!(comment.is_member, None, "create answers without `is_member`");

        // Nothing is required: an empty body makes an empty internal comment.
        let empty =
            client.create_work_item_comment(ws, project, item.id, &CreateWorkItemCommentBody::new()).await.unwrap();
        assert_eq!((empty.comment_html.as_str(), &empty.access), ("<p></p>", &WorkItemCommentAccess::Internal));
        let third = CreateWorkItemCommentBody::new().comment_html("<p>Third.</p>");
        let third = client.create_work_item_comment(ws, project, item.id, &third).await.unwrap();

        // One per page, so that the stream follows the cursor.
        let query = ListWorkItemCommentsQuery::new().per_page(1);
        let all: Vec<_> =
            client.list_work_item_comments_stream(ws, project, item.id, &query).try_collect().await.unwrap();
        let mut ids: Vec<_> = all.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        let mut ours = vec![comment.id, empty.id, third.id];
        ours.sort_unstable();
        assert_eq!(ids, ours);
        assert!(all.iter().all(|c| c.is_member == Some(true)), "lists say whether the author is a member");

        let got = client.retrieve_work_item_comment(ws, project, item.id, comment.id).await.unwrap();
        assert_eq!(got.is_member, Some(true));
        assert_eq!(got.comment_html, comment.comment_html);

        let update = UpdateWorkItemCommentBody::new()
            .comment_html("<p>Reproduced, and fixed.</p>")
            .comment_json(json!({"type": "doc", "content": []}))
            .access(WorkItemCommentAccess::Internal)
            .clear_external_source()
            .clear_external_id();
        let updated = client.update_work_item_comment(ws, project, item.id, comment.id, &update).await.unwrap();
        assert_eq!(updated.comment_html, "<p>Reproduced, and fixed.</p>");
        assert_eq!(updated.access, WorkItemCommentAccess::Internal);
        assert_eq!((updated.external_source, updated.external_id), (None, None));
        // `edited_at` is only stamped by the web app's own endpoint, not by this API.
        assert_eq!(updated.edited_at, None);

        let set = UpdateWorkItemCommentBody::new().external_source("live-tests").external_id("comment-9");
        let updated = client.update_work_item_comment(ws, project, item.id, comment.id, &set).await.unwrap();
        assert_eq!(updated.external_id.as_deref(), Some("comment-9"));

        client.delete_work_item_comment(ws, project, item.id, empty.id).await.unwrap();
        api_error(client.retrieve_work_item_comment(ws, project, item.id, empty.id).await, ErrorKind::NotFound);
        api_error(client.delete_work_item_comment(ws, project, item.id, empty.id).await, ErrorKind::NotFound);
        let left =
            client.list_work_item_comments(ws, project, item.id, &ListWorkItemCommentsQuery::new()).await.unwrap();
        assert_eq!(left.results.len(), 2);
    })
    .await;
}

#[tokio::test]
async fn a_comments_external_reference_is_unique_in_the_project() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let first = client.create_work_item(ws, project, &CreateWorkItemBody::new("First")).await.unwrap();
        let second = client.create_work_item(ws, project, &CreateWorkItemBody::new("Second")).await.unwrap();
        let body = CreateWorkItemCommentBody::new().comment_html("<p>Imported.</p>").external_source("live-tests");
        let body = body.external_id("comment-1");
        let comment = client.create_work_item_comment(ws, project, first.id, &body).await.unwrap();
        // Checked across the project, not the work item: the comment on another item is refused.
        let conflict =
            api_error(client.create_work_item_comment(ws, project, second.id, &body).await, ErrorKind::Conflict);
        assert_eq!(comment.id, conflict_id(&conflict));
        let on_second =
            client.list_work_item_comments(ws, project, second.id, &ListWorkItemCommentsQuery::new()).await.unwrap();
        assert!(on_second.results.is_empty());
    })
    .await;
}
