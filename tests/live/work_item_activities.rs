//! Activities: a work item's history, written by the server's worker a moment after each change.

use futures_util::TryStreamExt;
use plane_client::{
    CreateWorkItemBody, ErrorKind, ListWorkItemActivitiesQuery, UpdateWorkItemBody, WorkItemActivity, WorkItemPriority,
};

use crate::support::{api_error, eventually, unknown_id, with_project};

#[tokio::test]
async fn a_work_items_history_is_listed_and_each_entry_retrieved() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap().id;
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Tracked")).await.unwrap();
        // As stored: the create response's `created_at` is a moment early (see work_items.rs).
        let item = client.retrieve_work_item(ws, project, item.id).await.unwrap();
        let body = UpdateWorkItemBody::new().priority(WorkItemPriority::High).name("Tracked, renamed");
        client.update_work_item(ws, project, item.id, &body).await.unwrap();

        // The worker records each change in the background. One entry per page, so that the
        // stream follows the cursor.
        let history: Vec<WorkItemActivity> = eventually("record the changes", || async {
            let query = ListWorkItemActivitiesQuery::new().per_page(1);
            let history: Vec<_> =
                client.list_work_item_activities_stream(ws, project, item.id, &query).try_collect().await.unwrap();
            let field = |name: &str| history.iter().any(|a| a.field.as_deref() == Some(name));
            (history.len() >= 3 && field("priority") && field("name")).then_some(history)
        })
        .await;

        // Oldest first; the first entry is the creation, dated as the work item.
        let created = &history[0];
        assert_eq!((created.verb.as_str(), created.field.as_deref()), ("created", None));
        assert_eq!(created.comment, "created the issue");
        assert_eq!(created.created_at, item.created_at);
        assert!(history.windows(2).all(|w| w[0].created_at <= w[1].created_at));
        assert!(history.iter().all(|a| (a.issue, a.project, a.actor) == (Some(item.id), project, Some(me))));

        let priority = history.iter().find(|a| a.field.as_deref() == Some("priority")).unwrap();
        assert_eq!((priority.old_value.as_deref(), priority.new_value.as_deref()), (Some("none"), Some("high")));
        let name = history.iter().find(|a| a.field.as_deref() == Some("name")).unwrap();
        assert_eq!((name.old_value.as_deref(), name.new_value.as_deref()), (Some("Tracked"), Some("Tracked, renamed")));
        assert_eq!((priority.verb.as_str(), name.verb.as_str()), ("updated", "updated"));

        for entry in &history {
            assert_eq!(&client.retrieve_work_item_activity(ws, project, item.id, entry.id).await.unwrap(), entry);
        }

        let query = ListWorkItemActivitiesQuery::new().order_by("-created_at");
        let newest_first = client.list_work_item_activities(ws, project, item.id, &query).await.unwrap();
        let ids: Vec<_> = newest_first.results.iter().map(|a| a.id).collect();
        assert_eq!(ids, history.iter().rev().map(|a| a.id).collect::<Vec<_>>());
        let query = ListWorkItemActivitiesQuery::new().order_by("no_such_field");
        api_error(client.list_work_item_activities(ws, project, item.id, &query).await, ErrorKind::Server);

        // Not Plane's usual `{"error": …}` shape, but `{"message": …, "code": "NOT_FOUND"}`.
        let error = api_error(
            client.retrieve_work_item_activity(ws, project, item.id, unknown_id()).await,
            ErrorKind::NotFound,
        );
        assert_eq!(error.body.message(), "Activity not found.");
    })
    .await;
}
