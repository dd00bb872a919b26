//! Projects: create, list, retrieve, update (set and clear), archive, unarchive, delete.

use futures_util::TryStreamExt;
use plane_client::{CreateProjectBody, ErrorKind, ListProjectsQuery, UpdateProjectBody};

use crate::support::{api_error, live, unique_identifier, with_project};

#[tokio::test]
async fn a_project_is_listed_retrieved_updated_and_cleared() {
    with_project(|ctx| async move {
        let (client, ws, id) = (ctx.client(), ctx.ws(), ctx.project.id);
        assert_eq!(ctx.project.identifier.len(), 10);
        assert!(ctx.project.is_member, "the creator is a member");
        assert_eq!(ctx.project.archived_at, None);

        let all: Vec<_> = client.list_projects_stream(ws, &ListProjectsQuery::new()).try_collect().await.unwrap();
        assert!(all.iter().any(|p| p.id == id), "the new project is listed");
        let page = client.list_projects(ws, &ListProjectsQuery::new().per_page(1)).await.unwrap();
        assert!(page.results.len() <= 1);

        let got = client.retrieve_project(ws, id).await.unwrap();
        assert_eq!((got.id, &got.name), (id, &ctx.project.name));

        let set = UpdateProjectBody::new()
            .description("Set by a live test")
            .emoji("128512")
            .cover_image("https://example.com/cover.png")
            .external_source("live-tests")
            .external_id("42")
            .close_in(3);
        let updated = client.update_project(ws, id, &set).await.unwrap();
        assert_eq!(updated.description, "Set by a live test");
        assert_eq!(updated.emoji.as_deref(), Some("128512"));
        assert_eq!(updated.external_id.as_deref(), Some("42"));
        assert_eq!(updated.close_in, 3);

        // Every field the spec says PATCH may clear, cleared at once: the server takes each null.
        let clear = UpdateProjectBody::new()
            .clear_project_lead()
            .clear_default_assignee()
            .clear_icon_prop()
            .clear_emoji()
            .clear_cover_image()
            .clear_external_source()
            .clear_external_id()
            .clear_default_state()
            .clear_estimate();
        let cleared = client.update_project(ws, id, &clear).await.unwrap();
        assert_eq!(cleared.emoji, None);
        assert_eq!(cleared.cover_image, None);
        assert_eq!(cleared.external_source, None);
        assert_eq!(cleared.external_id, None);
        assert_eq!(cleared.project_lead, None);
        assert_eq!(cleared.description, "Set by a live test", "fields not sent are left alone");
    })
    .await;
}

#[tokio::test]
async fn a_project_is_archived_and_unarchived() {
    with_project(|ctx| async move {
        let (client, ws, id) = (ctx.client(), ctx.ws(), ctx.project.id);
        client.archive_project(ws, id).await.unwrap();
        assert!(client.retrieve_project(ws, id).await.unwrap().archived_at.is_some());
        client.unarchive_project(ws, id).await.unwrap();
        assert_eq!(client.retrieve_project(ws, id).await.unwrap().archived_at, None);
    })
    .await;
}

#[tokio::test]
async fn a_deleted_project_is_gone() {
    with_project(|ctx| async move {
        let (client, ws, id) = (ctx.client(), ctx.ws(), ctx.project.id);
        client.delete_project(ws, id).await.unwrap();
        api_error(client.retrieve_project(ws, id).await, ErrorKind::NotFound);
    })
    .await;
}

#[tokio::test]
async fn a_taken_identifier_is_a_conflict() {
    with_project(|ctx| async move {
        let body = CreateProjectBody::new(format!("Other {}", unique_identifier()), ctx.project.identifier.clone());
        api_error(ctx.client().create_project(ctx.ws(), &body).await, ErrorKind::Conflict);
    })
    .await;
}

#[tokio::test]
async fn a_bad_key_is_forbidden_and_says_why() {
    let Some(live) = live() else { return };
    let client = plane_client::Client::builder()
        .base_url(live.client.base_url().as_str())
        .api_key("plane_api_not_a_real_key")
        .build()
        .unwrap();
    // Plane answers 403, not 401, for a key it does not know.
    let error = api_error(client.retrieve_current_user().await, ErrorKind::Forbidden);
    assert!(error.body.message().contains("not valid"), "{}", error.body.message());
}
