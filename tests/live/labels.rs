//! Labels: create (with a parent), list, retrieve, update (set and clear), delete; the name's
//! length limit, as the server enforces it.

use futures_util::TryStreamExt;
use plane_client::{CreateLabelBody, Error, ErrorKind, ListLabelsQuery, UpdateLabelBody};

use crate::support::{api_error, with_project};

#[tokio::test]
async fn labels_are_created_nested_updated_cleared_and_deleted() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let area = client.create_label(ws, project, &CreateLabelBody::new("area").color("#EF4444")).await.unwrap();
        let body = CreateLabelBody::new("area/api")
            .color("#F97316")
            .description("The REST API")
            .parent(area.id)
            .external_source("live-tests")
            .external_id("label-1");
        let api = client.create_label(ws, project, &body).await.unwrap();
        assert_eq!((api.parent, api.project), (Some(area.id), Some(project)));

        // One label per page, so that the stream follows the cursor.
        let all: Vec<_> =
            client.list_labels_stream(ws, project, &ListLabelsQuery::new().per_page(1)).try_collect().await.unwrap();
        let mut names: Vec<&str> = all.iter().map(|l| l.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["area", "area/api"]);
        let page = client.list_labels(ws, project, &ListLabelsQuery::new().per_page(1)).await.unwrap();
        assert_eq!(page.results.len(), 1);
        assert!(page.next_page_results, "a second page follows");
        assert_eq!(page.results[0].name, "area/api", "newest first");

        assert_eq!(client.retrieve_label(ws, project, api.id).await.unwrap(), api);

        let update =
            UpdateLabelBody::new().name("area/rest").clear_parent().clear_external_source().clear_external_id();
        let updated = client.update_label(ws, project, api.id, &update).await.unwrap();
        assert_eq!(updated.name, "area/rest");
        assert_eq!((updated.parent, updated.external_source, updated.external_id), (None, None, None));
        assert_eq!(updated.description, "The REST API");

        client.delete_label(ws, project, api.id).await.unwrap();
        api_error(client.retrieve_label(ws, project, api.id).await, ErrorKind::NotFound);
    })
    .await;
}

/// The spec's `max_length: 255` on a label's name is the server's: 256 characters sent by hand
/// are a 400 naming the limit, the client refuses them before sending, and 255 pass.
#[tokio::test]
async fn a_label_name_has_at_most_255_characters_as_the_server_enforces() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let too_long = "x".repeat(256);
        let base = std::env::var("PLANE_BASE_URL").unwrap();
        let by_hand = reqwest::Client::new()
            .post(format!("{}/api/v1/workspaces/{ws}/projects/{project}/labels/", base.trim_end_matches('/')))
            .header("X-API-Key", std::env::var("PLANE_API_KEY").unwrap())
            .header("Content-Type", "application/json")
            .body(serde_json::to_vec(&serde_json::json!({ "name": too_long })).unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(by_hand.status(), 400);
        let answer: serde_json::Value = serde_json::from_slice(&by_hand.bytes().await.unwrap()).unwrap();
        assert_eq!(answer["name"][0], "Ensure this field has no more than 255 characters.");

        let refused = client.create_label(ws, project, &CreateLabelBody::new(too_long)).await;
        let Err(Error::InvalidArgument { message, .. }) = refused else { panic!("{refused:?}") };
        assert_eq!(message, "`name` has 256 characters, more than its maximum 255");

        let longest = client.create_label(ws, project, &CreateLabelBody::new("x".repeat(255))).await.unwrap();
        assert_eq!(longest.name.chars().count(), 255);
    })
    .await;
}
