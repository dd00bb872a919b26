//! Labels: create (with a parent), list, retrieve, update (set and clear), delete.

use futures_util::TryStreamExt;
use plane_client::{CreateLabelBody, ErrorKind, ListLabelsQuery, UpdateLabelBody};

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
            client.list_labels_stream(ws, project, ListLabelsQuery::new().per_page(1)).try_collect().await.unwrap();
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
