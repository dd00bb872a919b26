//! States: the five a project starts with, and create, retrieve, update (set and clear), delete.

use futures_util::TryStreamExt;
use plane_client::{CreateStateBody, ErrorKind, ListStatesQuery, StateGroup, UpdateStateBody};

use crate::support::{api_error, with_project};

#[tokio::test]
async fn a_new_project_has_five_states_one_of_them_default() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        // One state per page, so the stream has to follow the cursor four times.
        let states: Vec<_> =
            client.list_states_stream(ws, project, &ListStatesQuery::new().per_page(1)).try_collect().await.unwrap();
        let groups: Vec<&StateGroup> = states.iter().map(|s| &s.group).collect();
        assert_eq!(
            groups,
            [
                &StateGroup::Backlog,
                &StateGroup::Unstarted,
                &StateGroup::Started,
                &StateGroup::Completed,
                &StateGroup::Cancelled
            ]
        );
        assert_eq!(states.iter().filter(|s| s.default).count(), 1);
        assert!(states.iter().all(|s| s.project == project));
    })
    .await;
}

#[tokio::test]
async fn a_state_is_created_updated_cleared_and_deleted() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let body = CreateStateBody::new("In review", "#8B5CF6")
            .group(StateGroup::Started)
            .description("Waiting for a second pair of eyes")
            .external_source("live-tests")
            .external_id("state-1");
        let state = client.create_state(ws, project, &body).await.unwrap();
        assert_eq!((state.name.as_str(), &state.group), ("In review", &StateGroup::Started));
        assert!(!state.default);

        let got = client.retrieve_state(ws, project, state.id).await.unwrap();
        assert_eq!(got, state);

        let update =
            UpdateStateBody::new().name("Reviewing").color("#6D28D9").clear_external_source().clear_external_id();
        let updated = client.update_state(ws, project, state.id, &update).await.unwrap();
        assert_eq!((updated.name.as_str(), updated.color.as_str()), ("Reviewing", "#6D28D9"));
        assert_eq!((updated.external_source, updated.external_id), (None, None));
        assert_eq!(updated.description, "Waiting for a second pair of eyes");

        client.delete_state(ws, project, state.id).await.unwrap();
        api_error(client.retrieve_state(ws, project, state.id).await, ErrorKind::NotFound);
    })
    .await;
}

#[tokio::test]
async fn a_taken_state_name_is_a_conflict() {
    with_project(|ctx| async move {
        let body = CreateStateBody::new("Todo", "#000000");
        api_error(ctx.client().create_state(ctx.ws(), ctx.project.id, &body).await, ErrorKind::Conflict);
    })
    .await;
}
