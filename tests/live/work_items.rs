//! Work items: create (with every field the server lets a client set), read back by id, by key
//! (`PROJ-42`) and by external reference, list (page by page, ordered), update (every priority,
//! every nullable field cleared), archive and restore, search, delete; every expansion.

use futures_util::TryStreamExt;
use plane_client::chrono::NaiveDate;
use plane_client::{
    ApiError, CreateLabelBody, CreateWorkItemBody, Error, ErrorBody, ErrorKind, Expandable, ListStatesQuery,
    ListWorkItemsQuery, RetrieveWorkItemByExternalIdQuery, SearchWorkItemsQuery, StateGroup, StateId,
    UpdateWorkItemBody, WorkItemExpansion, WorkItemKey, WorkItemPriority,
};

use crate::support::{Ctx, api_error, raw, unique_identifier, unknown_id, with_project, without_nulls};

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// The id that a 409 about a taken external reference carries: the object that already has it.
pub fn conflict_id<T: std::str::FromStr<Err: std::fmt::Debug>>(error: &ApiError) -> T {
    let ErrorBody::Error { extra, .. } = &error.body else { panic!("not Plane's error shape: {}", error.raw) };
    extra["id"].as_str().expect("the 409 names the existing object").parse().expect("a uuid")
}

/// The project's state in `group` (a new project has one of each), and its default state.
async fn states(ctx: &Ctx, group: StateGroup) -> (StateId, StateId) {
    let states: Vec<_> =
        ctx.client().list_states_stream(ctx.ws(), ctx.project.id, &ListStatesQuery::new()).try_collect().await.unwrap();
    let of_group = states.iter().find(|s| s.group == group).expect("a state of the group").id;
    let default = states.iter().find(|s| s.default).expect("a default state").id;
    (of_group, default)
}

#[tokio::test]
async fn a_work_item_is_created_with_its_fields_and_found_by_id_key_and_external_reference() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap().id;
        let (started, default_state) = states(&ctx, StateGroup::Started).await;
        let label = client.create_label(ws, project, &CreateLabelBody::new("bug")).await.unwrap();

        let parent = client.create_work_item(ws, project, &CreateWorkItemBody::new("Parent")).await.unwrap();
        assert_eq!(parent.state, Some(default_state), "without a state, the project's default");
        assert_eq!(parent.priority, WorkItemPriority::None);
        assert_eq!(parent.description_html, "<p></p>");
        assert_eq!((parent.sequence_id, parent.project), (1, project));

        // Every field of the create body but `estimate_point` and `type_id`: the API has no way to
        // make an estimate point or a work item type to point at.
        let body = CreateWorkItemBody::new("Pagination stops one page early")
            .description_html("<p>The last page is never fetched.</p>")
            .state(started)
            .priority(WorkItemPriority::High)
            .assignees(vec![me])
            .labels(vec![label.id])
            .parent(parent.id)
            .point(3)
            .start_date(date("2030-01-01"))
            .target_date(date("2030-01-31"))
            .sort_order(12345.0)
            .external_source("live-tests")
            .external_id("item-1");
        let item = client.create_work_item(ws, project, &body).await.unwrap();
        assert_eq!(item.name, "Pagination stops one page early");
        assert_eq!(item.description_html, "<p>The last page is never fetched.</p>");
        assert_eq!((item.state, item.parent), (Some(started), Some(parent.id)));
        assert_eq!(item.priority, WorkItemPriority::High);
        assert_eq!((item.assignees.as_slice(), item.labels.as_slice()), ([me].as_slice(), [label.id].as_slice()));
        assert_eq!(item.point, Some(3));
        assert_eq!((item.start_date, item.target_date), (Some(date("2030-01-01")), Some(date("2030-01-31"))));
        // Kept only because the item is the first in its state: otherwise the server puts it last.
        assert!((item.sort_order - 12345.0).abs() < f64::EPSILON, "sort_order {}", item.sort_order);
        assert_eq!(
            (item.external_source.as_deref(), item.external_id.as_deref()),
            (Some("live-tests"), Some("item-1"))
        );
        assert_eq!(item.sequence_id, 2);
        assert_eq!((item.estimate_point, item.r#type, item.type_id), (None, None, None));
        assert_eq!((item.completed_at, item.archived_at, item.deleted_at), (None, None, None));
        assert!(!item.is_draft);
        assert_eq!((item.created_by, item.updated_by), (Some(me), None), "created, never updated");

        // The view stamps `created_at` again after answering (it copies the body's `created_at`,
        // or now, onto the saved row, for imports): the stored time is a moment after the 201's.
        let mut got = client.retrieve_work_item(ws, project, item.id).await.unwrap();
        assert!(got.created_at > item.created_at && got.created_at > got.updated_at, "{got:?}");
        got.created_at = item.created_at;
        assert_eq!(got, item);
        let item = client.retrieve_work_item(ws, project, item.id).await.unwrap();

        // The key is the project's identifier and the sequence number, matched exactly.
        let key = WorkItemKey::new(&ctx.project.identifier, item.sequence_id);
        assert_eq!(key.to_string().parse::<WorkItemKey>().unwrap(), key);
        assert_eq!(client.retrieve_work_item_by_identifier(ws, &key).await.unwrap(), item);
        // A lower-case key names no project the caller is in: 403, not 404.
        let lower = WorkItemKey::new(ctx.project.identifier.to_lowercase(), item.sequence_id);
        api_error(client.retrieve_work_item_by_identifier(ws, &lower).await, ErrorKind::Forbidden);
        let missing = WorkItemKey::new(&ctx.project.identifier, 99);
        api_error(client.retrieve_work_item_by_identifier(ws, &missing).await, ErrorKind::NotFound);

        let reference = RetrieveWorkItemByExternalIdQuery::new("live-tests", "item-1");
        assert_eq!(client.retrieve_work_item_by_external_id(ws, project, &reference).await.unwrap(), item);
        let unknown = RetrieveWorkItemByExternalIdQuery::new("live-tests", "item-2");
        api_error(client.retrieve_work_item_by_external_id(ws, project, &unknown).await, ErrorKind::NotFound);

        // A second item with the same external reference is not created; the 409 names the first.
        let again = CreateWorkItemBody::new("Imported twice").external_source("live-tests").external_id("item-1");
        let conflict = api_error(client.create_work_item(ws, project, &again).await, ErrorKind::Conflict);
        assert_eq!(item.id, conflict_id(&conflict));
    })
    .await;
}

#[tokio::test]
async fn work_items_are_listed_newest_first_page_by_page_and_by_priority() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let mut created = Vec::new();
        for (name, priority) in
            [("Low", WorkItemPriority::Low), ("Urgent", WorkItemPriority::Urgent), ("Medium", WorkItemPriority::Medium)]
        {
            let body = CreateWorkItemBody::new(name).priority(priority);
            created.push(client.create_work_item(ws, project, &body).await.unwrap().id);
        }

        // One per page, so that the stream follows the cursor twice.
        let all: Vec<_> = client
            .list_work_items_stream(ws, project, &ListWorkItemsQuery::new().per_page(1))
            .try_collect()
            .await
            .unwrap();
        let newest_first: Vec<_> = created.iter().rev().copied().collect();
        assert_eq!(all.iter().map(|i| i.id).collect::<Vec<_>>(), newest_first);

        let page = client.list_work_items(ws, project, &ListWorkItemsQuery::new().per_page(2)).await.unwrap();
        assert_eq!(page.results.len(), 2);
        assert!(page.next_page_results && page.next_cursor.is_some(), "a third item is on the next page");

        let names = |items: &[plane_client::WorkItem]| items.iter().map(|i| i.name.clone()).collect::<Vec<_>>();
        let query = ListWorkItemsQuery::new().order_by("priority");
        let by_priority = client.list_work_items(ws, project, &query).await.unwrap();
        assert_eq!(names(&by_priority.results), ["Urgent", "Medium", "Low"], "`priority` sorts urgent first");
        let query = ListWorkItemsQuery::new().order_by("-priority");
        let reversed = client.list_work_items(ws, project, &query).await.unwrap();
        assert_eq!(names(&reversed.results), ["Low", "Medium", "Urgent"]);

        // The server does not check the field name: an unknown one fails inside it.
        let query = ListWorkItemsQuery::new().order_by("no_such_field");
        api_error(client.list_work_items(ws, project, &query).await, ErrorKind::Server);
        // A page size out of the spec's range never leaves the client.
        let refused = client.list_work_items(ws, project, &ListWorkItemsQuery::new().per_page(0)).await;
        assert!(matches!(refused, Err(Error::InvalidArgument { .. })), "{refused:?}");
    })
    .await;
}

#[tokio::test]
async fn every_priority_is_set_and_every_nullable_field_is_cleared() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap().id;
        let (completed, _) = states(&ctx, StateGroup::Completed).await;
        let label = client.create_label(ws, project, &CreateLabelBody::new("bug")).await.unwrap();
        let parent = client.create_work_item(ws, project, &CreateWorkItemBody::new("Parent")).await.unwrap();
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Child")).await.unwrap();

        for priority in [
            WorkItemPriority::Urgent,
            WorkItemPriority::High,
            WorkItemPriority::Medium,
            WorkItemPriority::Low,
            WorkItemPriority::None,
        ] {
            let body = UpdateWorkItemBody::new().priority(priority.clone());
            let updated = client.update_work_item(ws, project, item.id, &body).await.unwrap();
            assert_eq!(updated.priority, priority);
        }

        let set = UpdateWorkItemBody::new()
            .name("Child, renamed")
            .description_html("<p>Now with a description.</p>")
            .state(completed)
            .assignees(vec![me])
            .labels(vec![label.id])
            .parent(parent.id)
            .point(5)
            .start_date(date("2030-02-01"))
            .target_date(date("2030-02-28"))
            .sort_order(777.0)
            .external_source("live-tests")
            .external_id("child-1");
        let updated = client.update_work_item(ws, project, item.id, &set).await.unwrap();
        assert_eq!(updated.name, "Child, renamed");
        assert_eq!(updated.description_html, "<p>Now with a description.</p>");
        assert_eq!(updated.state, Some(completed));
        assert!(updated.completed_at.is_some(), "entering a completed state stamps completed_at");
        assert_eq!((updated.assignees.as_slice(), updated.labels.as_slice()), ([me].as_slice(), [label.id].as_slice()));
        assert_eq!((updated.parent, updated.point), (Some(parent.id), Some(5)));
        assert_eq!((updated.start_date, updated.target_date), (Some(date("2030-02-01")), Some(date("2030-02-28"))));
        assert!((updated.sort_order - 777.0).abs() < f64::EPSILON, "sort_order {}", updated.sort_order);
        assert_eq!(updated.external_id.as_deref(), Some("child-1"));

        // Every field the spec lets PATCH clear, cleared at once (`estimate_point` and `type_id`
        // were never set: the API cannot make what they point to, but their null is still taken;
        // `archived_at` has a test of its own). The lists are emptied with `[]`.
        let clear = UpdateWorkItemBody::new()
            .clear_parent()
            .clear_estimate_point()
            .clear_point()
            .clear_start_date()
            .clear_target_date()
            .clear_archived_at()
            .clear_type_id()
            .clear_external_source()
            .clear_external_id()
            .assignees(vec![])
            .labels(vec![]);
        let cleared = client.update_work_item(ws, project, item.id, &clear).await.unwrap();
        assert_eq!((cleared.parent, cleared.estimate_point, cleared.point), (None, None, None));
        assert_eq!((cleared.start_date, cleared.target_date, cleared.archived_at), (None, None, None));
        assert_eq!((cleared.type_id, &cleared.external_source, &cleared.external_id), (None, &None, &None));
        assert!(cleared.assignees.is_empty() && cleared.labels.is_empty());
        assert_eq!((cleared.name.as_str(), cleared.state), ("Child, renamed", Some(completed)), "the rest is kept");
        // The server's background jobs may touch `updated_at` a moment after an update: the rest
        // must be what the update answered.
        let mut stored = client.retrieve_work_item(ws, project, item.id).await.unwrap();
        assert!(stored.updated_at >= cleared.updated_at);
        stored.updated_at = cleared.updated_at;
        assert_eq!(stored, cleared);
    })
    .await;
}

#[tokio::test]
async fn a_bad_update_is_refused_with_the_fields_at_fault() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Target")).await.unwrap();
        let refused = |body: UpdateWorkItemBody| async move {
            let error = api_error(client.update_work_item(ws, project, item.id, &body).await, ErrorKind::BadRequest);
            error.field_errors().cloned().unwrap_or_else(|| panic!("not field errors: {}", error.raw))
        };

        let fields = refused(UpdateWorkItemBody::new().point(13)).await;
        assert_eq!(fields["point"], ["Ensure this value is less than or equal to 12."]);
        let fields = refused(UpdateWorkItemBody::new().priority(WorkItemPriority::Unknown("bogus".into()))).await;
        assert_eq!(fields["priority"], ["\"bogus\" is not a valid choice."]);
        let body = UpdateWorkItemBody::new().start_date(date("2030-03-02")).target_date(date("2030-03-01"));
        assert_eq!(refused(body).await["non_field_errors"], ["Start date cannot exceed target date"]);
        // An id that is no label: the message is under the list's index.
        let fields = refused(UpdateWorkItemBody::new().labels(vec![unknown_id()])).await;
        assert!(fields["labels.0"][0].contains("object does not exist"), "{fields:?}");

        let got = client.retrieve_work_item(ws, project, item.id).await.unwrap();
        assert_eq!((got.point, got.start_date, got.labels.len()), (None, None, 0), "nothing was changed");
    })
    .await;
}

#[tokio::test]
async fn a_work_item_is_archived_and_restored_through_archived_at() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let token = unique_identifier();
        let body =
            CreateWorkItemBody::new(format!("Archive me {token}")).external_source("live-tests").external_id(&token);
        let item = client.create_work_item(ws, project, &body).await.unwrap();
        let key: WorkItemKey = format!("{}-{}", ctx.project.identifier, item.sequence_id).parse().unwrap();
        let reference = RetrieveWorkItemByExternalIdQuery::new("live-tests", &token);
        let listed = |items: Vec<plane_client::WorkItem>| items.iter().any(|i| i.id == item.id);
        let search = SearchWorkItemsQuery::new(&token);

        // Any date archives: the server keeps the one sent.
        let day = date("2026-11-23");
        let archived =
            client.update_work_item(ws, project, item.id, &UpdateWorkItemBody::new().archived_at(day)).await.unwrap();
        assert_eq!(archived.archived_at, Some(day));
        // Archived items vanish from every read but the external-reference lookup.
        api_error(client.retrieve_work_item(ws, project, item.id).await, ErrorKind::NotFound);
        api_error(client.retrieve_work_item_by_identifier(ws, &key).await, ErrorKind::NotFound);
        let page = client.list_work_items(ws, project, &ListWorkItemsQuery::new()).await.unwrap();
        assert!(!listed(page.results), "an archived item is not listed");
        assert!(client.search_work_items(ws, &search).await.unwrap().issues.is_empty(), "nor found by search");
        let found = client.retrieve_work_item_by_external_id(ws, project, &reference).await.unwrap();
        assert_eq!((found.id, found.archived_at), (item.id, Some(day)));

        let restored = client
            .update_work_item(ws, project, item.id, &UpdateWorkItemBody::new().clear_archived_at())
            .await
            .unwrap();
        assert_eq!(restored.archived_at, None);
        assert_eq!(client.retrieve_work_item(ws, project, item.id).await.unwrap().archived_at, None);
        assert_eq!(client.retrieve_work_item_by_identifier(ws, &key).await.unwrap().id, item.id);
        let page = client.list_work_items(ws, project, &ListWorkItemsQuery::new()).await.unwrap();
        assert!(listed(page.results), "a restored item is listed again");
    })
    .await;
}

#[tokio::test]
async fn search_finds_work_items_by_name_and_by_project_identifier() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let token = unique_identifier();
        let named =
            client.create_work_item(ws, project, &CreateWorkItemBody::new(format!("Find {token} here"))).await.unwrap();
        let other = client.create_work_item(ws, project, &CreateWorkItemBody::new("Something else")).await.unwrap();

        // Case-insensitive, anywhere in the name; across the workspace, with what it takes to
        // write the key.
        let found = client.search_work_items(ws, &SearchWorkItemsQuery::new(token.to_lowercase())).await.unwrap();
        let [hit] = found.issues.as_slice() else { panic!("one match: {found:?}") };
        assert_eq!((hit.id, hit.name.as_str(), hit.sequence_id), (named.id, named.name.as_str(), named.sequence_id));
        assert_eq!((hit.project_identifier.as_str(), hit.project_id), (ctx.project.identifier.as_str(), project));
        assert_eq!(hit.workspace_slug, ws);

        // The project's identifier matches every item of the project.
        let by_project =
            client.search_work_items(ws, &SearchWorkItemsQuery::new(&ctx.project.identifier)).await.unwrap();
        let mut ids: Vec<_> = by_project.issues.iter().map(|i| i.id).collect();
        ids.sort_unstable();
        let mut ours = vec![named.id, other.id];
        ours.sort_unstable();
        assert_eq!(ids, ours);

        let query = SearchWorkItemsQuery::new(&ctx.project.identifier).limit(1);
        assert_eq!(client.search_work_items(ws, &query).await.unwrap().issues.len(), 1);
        let query = SearchWorkItemsQuery::new(&ctx.project.identifier).limit(0);
        assert!(client.search_work_items(ws, &query).await.unwrap().issues.is_empty());

        // `project_id` narrows the search, unless `workspace_search` is true.
        let query = SearchWorkItemsQuery::new(&token).project_id(project).workspace_search(false);
        assert_eq!(client.search_work_items(ws, &query).await.unwrap().issues.len(), 1);
        let query = SearchWorkItemsQuery::new(&token).project_id(unknown_id()).workspace_search(false);
        assert!(client.search_work_items(ws, &query).await.unwrap().issues.is_empty(), "no such project");
        let query = SearchWorkItemsQuery::new(&token).project_id(unknown_id()).workspace_search(true);
        assert_eq!(client.search_work_items(ws, &query).await.unwrap().issues.len(), 1, "project_id ignored");
    })
    .await;
}

#[tokio::test]
async fn a_deleted_work_item_is_gone() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Short-lived")).await.unwrap();
        client.delete_work_item(ws, project, item.id).await.unwrap();
        api_error(client.retrieve_work_item(ws, project, item.id).await, ErrorKind::NotFound);
        let rename = UpdateWorkItemBody::new().name("Back?");
        api_error(client.update_work_item(ws, project, item.id, &rename).await, ErrorKind::NotFound);
        api_error(client.delete_work_item(ws, project, item.id).await, ErrorKind::NotFound);
        let page = client.list_work_items(ws, project, &ListWorkItemsQuery::new()).await.unwrap();
        assert!(page.results.is_empty());
    })
    .await;
}

#[tokio::test]
async fn every_expansion_sends_the_object_and_the_expanded_twin_decodes_it() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap().id;
        let label = client.create_label(ws, project, &CreateLabelBody::new("expanded")).await.unwrap();
        let parent = client.create_work_item(ws, project, &CreateWorkItemBody::new("Parent")).await.unwrap();
        let body = CreateWorkItemBody::new("Child").parent(parent.id).assignees(vec![me]).labels(vec![label.id]);
        let plain = client.create_work_item(ws, project, &body).await.unwrap();

        let every = [
            WorkItemExpansion::State,
            WorkItemExpansion::Parent,
            WorkItemExpansion::EstimatePoint,
            WorkItemExpansion::Assignees,
            WorkItemExpansion::Labels,
            WorkItemExpansion::Project,
            WorkItemExpansion::Workspace,
            WorkItemExpansion::CreatedBy,
            WorkItemExpansion::UpdatedBy,
        ];
        let item = client.retrieve_work_item(ws, project, plain.id).expand(every.clone()).await.unwrap();
        let state = item.state.as_ref().and_then(Expandable::object).expect("the state, expanded");
        assert_eq!(Some(state.id), plain.state);
        let parent_object = item.parent.as_ref().and_then(Expandable::object).expect("the parent, expanded");
        assert_eq!((parent_object.id, parent_object.sequence_id, parent_object.project_id), (parent.id, 1, project));
        assert_eq!(item.assignees.iter().map(|a| a.object().map(|u| u.id)).collect::<Vec<_>>(), [Some(me)]);
        assert_eq!(
            item.labels.iter().map(|l| l.object().map(|l| l.name.as_str())).collect::<Vec<_>>(),
            [Some("expanded")]
        );
        assert_eq!(item.project.object().map(|p| p.identifier.as_str()), Some(ctx.project.identifier.as_str()));
        assert_eq!(item.workspace.object().map(|w| w.slug.as_str()), Some(ws));
        assert_eq!(item.created_by.as_ref().and_then(Expandable::id), Some(&me));
        // Relations that are not set expand to objects without an id, not to null.
        assert_eq!(
            (item.estimate_point.clone(), item.updated_by.clone()),
            (Some(Expandable::Unset), Some(Expandable::Unset))
        );

        // Each object says what the server sent (strict decoding has already refused a key the
        // spec lacks). Nulls are left out: `ProjectLite`'s fields may be absent, so a `None` of
        // it is not sent again.
        let params = [("ws", ws.to_string()), ("project", project.to_string()), ("item", plain.id.to_string())];
        let raw = raw(client, "/api/v1/workspaces/{ws}/projects/{project}/work-items/{item}/", &params, &every).await;
        let ours = serde_json::to_value(&item).unwrap();
        for key in ["state", "parent", "assignees", "labels", "project", "workspace", "created_by"] {
            assert_eq!(without_nulls(&ours[key]), without_nulls(&raw[key]), "`{key}` as decoded and as sent");
        }

        // A list expands its items alike; no keys sends no `expand`, and the twin holds ids.
        let query = ListWorkItemsQuery::new();
        let page = client.list_work_items(ws, project, &query).expand([WorkItemExpansion::State]).await.unwrap();
        let child = page.results.iter().find(|i| i.id == plain.id).expect("the child is listed");
        assert_eq!(child.state.as_ref().and_then(Expandable::object).map(|s| s.id), plain.state);
        assert!(matches!(child.project, Expandable::Id(id) if id == project), "only `state` was expanded");
        let none = client.retrieve_work_item(ws, project, plain.id).expand([]).await.unwrap();
        assert_eq!(none.state.and_then(|s| s.id().copied()), plain.state);
        assert!(none.assignees.iter().all(|a| matches!(a, Expandable::Id(id) if *id == me)));
    })
    .await;
}
