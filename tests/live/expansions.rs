//! Expansion (`Call::expand`) of every type whose spec lets it expand, but the work item's
//! (`work_items.rs`): each call asks for every expansion its type's enum offers, and the answer
//! must decode as the expanded twin (strictly, as every live answer does), hold the objects, and
//! say exactly what the server sent, which a raw request for the same answer shows. Selection
//! (`Call::fields`) too: the partial twin holds the fields named and no others.

use plane_client::{
    CreateCycleBody, CreateIntakeWorkItemBody, CreateLabelBody, CreateModuleBody, CreateWorkItemBody,
    CreateWorkItemCommentBody, CreateWorkItemLinkBody, CycleExpansion, CycleField, Expandable, IntakeWorkItemExpansion,
    IntakeWorkItemNew, LabelExpansion, ListCyclesQuery, ListIntakeWorkItemsQuery, ListLabelsQuery, ListModulesQuery,
    ListStatesQuery, ListWorkItemActivitiesQuery, ListWorkItemCommentsQuery, ListWorkItemLinksQuery, ModuleExpansion,
    ModuleField, ProjectExpansion, ProjectField, StateExpansion, StateField, UpdateProjectBody, Value,
    WorkItemActivityExpansion, WorkItemCommentExpansion, WorkItemExpansion, WorkItemField, WorkItemLinkExpansion,
};

use crate::support::{eventually, joined, raw, raw_with, with_project, without_nulls};

/// The first item of a page's `results`, or the answer itself.
fn first(answer: &Value) -> &Value {
    answer.get("results").map_or(answer, |results| &results[0])
}

/// Asserts that `decoded` says what the server sent (nulls aside: a field that may be absent is
/// not sent again as `null`). The `updated_at` of an expanded object is left out too: the
/// server's background jobs touch a work item's after a link or comment is added, so two reads a
/// moment apart may differ there.
fn assert_as_sent(decoded: Result<Value, serde_json::Error>, sent: &Value, what: &str) {
    assert_eq!(settled(&decoded.unwrap()), settled(sent), "{what}, decoded and as sent");
}

/// `value` without nulls and without the `updated_at` of the objects it holds.
fn settled(value: &Value) -> Value {
    let mut value = without_nulls(value);
    for (_, field) in value.as_object_mut().into_iter().flatten() {
        if let Some(object) = field.as_object_mut() {
            object.remove("updated_at");
        }
    }
    value
}

#[tokio::test]
async fn projects_states_and_labels_expand_every_relation_they_declare() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap().id;
        let params = [("ws", ws.to_string()), ("project", project.to_string())];

        let keys = [
            ProjectExpansion::Workspace,
            ProjectExpansion::DefaultAssignee,
            ProjectExpansion::ProjectLead,
            ProjectExpansion::CreatedBy,
            ProjectExpansion::UpdatedBy,
        ];
        let expanded = client.retrieve_project(ws, project).expand(keys.clone()).await.unwrap();
        assert_eq!(expanded.workspace.object().map(|w| w.slug.as_str()), Some(ws));
        assert_eq!(expanded.created_by.as_ref().and_then(Expandable::id), Some(&me));
        assert_eq!(expanded.default_assignee, Some(Expandable::Unset), "no default assignee: an object without id");
        let sent = raw(client, "/api/v1/workspaces/{ws}/projects/{project}/", &params, &keys).await;
        assert_as_sent(serde_json::to_value(expanded), &sent, "the project");

        let keys =
            [StateExpansion::Project, StateExpansion::Workspace, StateExpansion::CreatedBy, StateExpansion::UpdatedBy];
        let states = client.list_states(ws, project, &ListStatesQuery::new()).expand(keys.clone()).await.unwrap();
        let state = &states.results[0];
        assert_eq!(state.project.object().map(|p| p.id), Some(Some(project)));
        assert_eq!(state.workspace.id(), Some(&ctx.project.workspace));
        let sent = raw(client, "/api/v1/workspaces/{ws}/projects/{project}/states/", &params, &keys).await;
        assert_as_sent(serde_json::to_value(state), first(&sent), "a state");

        client.create_label(ws, project, &CreateLabelBody::new("expanded")).await.unwrap();
        let keys =
            [LabelExpansion::Project, LabelExpansion::Workspace, LabelExpansion::CreatedBy, LabelExpansion::UpdatedBy];
        let labels = client.list_labels(ws, project, &ListLabelsQuery::new()).expand(keys.clone()).await.unwrap();
        let label = &labels.results[0];
        assert_eq!(
            label.project.as_ref().and_then(Expandable::object).map(|p| p.name.clone()),
            Some(ctx.project.name.clone())
        );
        assert_eq!(label.created_by.as_ref().and_then(Expandable::object).map(|u| u.id), Some(me));
        let sent = raw(client, "/api/v1/workspaces/{ws}/projects/{project}/labels/", &params, &keys).await;
        assert_as_sent(serde_json::to_value(label), first(&sent), "a label");
    })
    .await;
}

#[tokio::test]
async fn links_comments_and_activities_expand_their_work_item_and_people() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap().id;
        let item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Expanded")).await.unwrap();
        client
            .create_work_item_link(ws, project, item.id, &CreateWorkItemLinkBody::new("https://example.com/x"))
            .await
            .unwrap();
        let comment = CreateWorkItemCommentBody::new().comment_html("<p>Expanded.</p>");
        client.create_work_item_comment(ws, project, item.id, &comment).await.unwrap();
        let params = [("ws", ws.to_string()), ("project", project.to_string()), ("item", item.id.to_string())];

        let keys = [
            WorkItemLinkExpansion::Issue,
            WorkItemLinkExpansion::Project,
            WorkItemLinkExpansion::Workspace,
            WorkItemLinkExpansion::CreatedBy,
            WorkItemLinkExpansion::UpdatedBy,
        ];
        let links =
            client.list_work_item_links(ws, project, item.id, &ListWorkItemLinksQuery::new()).expand(keys.clone());
        let links = links.await.unwrap();
        let link = &links.results[0];
        assert_eq!(link.issue.object().map(|i| (i.id, i.name.as_str())), Some((item.id, "Expanded")));
        let sent =
            raw(client, "/api/v1/workspaces/{ws}/projects/{project}/work-items/{item}/links/", &params, &keys).await;
        assert_as_sent(serde_json::to_value(link), first(&sent), "a link");

        let keys = [
            WorkItemCommentExpansion::Issue,
            WorkItemCommentExpansion::Actor,
            WorkItemCommentExpansion::Project,
            WorkItemCommentExpansion::Workspace,
            WorkItemCommentExpansion::CreatedBy,
            WorkItemCommentExpansion::UpdatedBy,
        ];
        let query = ListWorkItemCommentsQuery::new();
        let comments = client.list_work_item_comments(ws, project, item.id, &query).expand(keys.clone()).await.unwrap();
        let comment = &comments.results[0];
        assert_eq!(comment.actor.as_ref().and_then(Expandable::object).map(|u| u.id), Some(me));
        assert_eq!(comment.issue.id(), Some(&item.id));
        let sent =
            raw(client, "/api/v1/workspaces/{ws}/projects/{project}/work-items/{item}/comments/", &params, &keys).await;
        assert_as_sent(serde_json::to_value(comment), first(&sent), "a comment");

        let keys = [
            WorkItemActivityExpansion::Issue,
            WorkItemActivityExpansion::Actor,
            WorkItemActivityExpansion::Project,
            WorkItemActivityExpansion::Workspace,
        ];
        // The server's worker records activities a moment after the change.
        let activity = eventually("record the work item's creation", || async {
            let query = ListWorkItemActivitiesQuery::new();
            let page =
                client.list_work_item_activities(ws, project, item.id, &query).expand(keys.clone()).await.unwrap();
            page.results.into_iter().next()
        })
        .await;
        assert_eq!(activity.issue.as_ref().and_then(Expandable::object).map(|i| i.id), Some(item.id));
        assert_eq!(activity.workspace.object().map(|w| w.slug.as_str()), Some(ws));
        let sent =
            raw(client, "/api/v1/workspaces/{ws}/projects/{project}/work-items/{item}/activities/", &params, &keys)
                .await;
        // More may have been recorded since: the same activity, found by its id.
        let id = activity.id.to_string();
        let same = sent["results"].as_array().into_iter().flatten().find(|a| a["id"] == id.as_str());
        assert_as_sent(serde_json::to_value(&activity), same.expect("the activity, again"), "an activity");
    })
    .await;
}

#[tokio::test]
async fn fields_cut_the_answer_to_the_fields_named_and_combine_with_expansion() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap().id;
        let body = CreateWorkItemBody::new("Partial").assignees(vec![me]);
        let item = client.create_work_item(ws, project, &body).await.unwrap();

        let names = [WorkItemField::Id, WorkItemField::Name, WorkItemField::State, WorkItemField::Assignees];
        let partial =
            client.retrieve_work_item(ws, project, item.id).fields(names.clone()).expand([WorkItemExpansion::State]);
        let partial = partial.await.unwrap();
        assert_eq!((partial.id, partial.name.as_deref()), (Some(item.id), Some("Partial")));
        assert_eq!(partial.state.as_ref().and_then(Expandable::object).map(|s| Some(s.id)), Some(item.state));
        assert_eq!(partial.assignees, Some(vec![Expandable::Id(me)]), "asked for, not expanded");
        assert!(partial.priority.is_none() && partial.labels.is_none() && partial.project.is_none(), "not asked for");
        let params = [("ws", ws.to_string()), ("project", project.to_string()), ("item", item.id.to_string())];
        let query = [("fields", joined(&names)), ("expand", "state".to_string())];
        let sent = raw_with(client, "/api/v1/workspaces/{ws}/projects/{project}/work-items/{item}/", &params, &query);
        let sent = sent.await;
        assert_eq!(sent.as_object().map(|o| o.len()), Some(names.len()), "the server answers the fields named: {sent}");
        assert_as_sent(serde_json::to_value(&partial), &sent, "the partial work item");

        let states =
            client.list_states(ws, project, &ListStatesQuery::new()).fields([StateField::Id, StateField::Name]);
        let states = states.await.unwrap();
        assert!(!states.results.is_empty());
        for state in &states.results {
            assert!(state.id.is_some() && state.name.is_some(), "asked for");
            assert!(state.group.is_none() && state.project.is_none(), "not asked for");
        }
        let project_ids = client.retrieve_project(ws, project).fields([ProjectField::Identifier]).await.unwrap();
        assert_eq!(project_ids.identifier.as_deref(), Some(ctx.project.identifier.as_str()));
        assert_eq!((project_ids.id, project_ids.name), (None, None));
    })
    .await;
}

#[tokio::test]
async fn cycles_modules_and_intake_items_expand_and_are_cut_to_their_fields() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap().id;
        let on = UpdateProjectBody::new().cycle_view(true).module_view(true).intake_view(true);
        client.update_project(ws, project, &on).await.unwrap();
        client.create_cycle(ws, project, &CreateCycleBody::new("Sprint", project).owned_by(me)).await.unwrap();
        client.create_module(ws, project, &CreateModuleBody::new("API").members(vec![me])).await.unwrap();
        let submitted = CreateIntakeWorkItemBody::new(IntakeWorkItemNew::new("From intake"));
        let intake = client.create_intake_work_item(ws, project, &submitted).await.unwrap();
        let params = [("ws", ws.to_string()), ("project", project.to_string())];

        let keys = [
            CycleExpansion::OwnedBy,
            CycleExpansion::Project,
            CycleExpansion::Workspace,
            CycleExpansion::CreatedBy,
            CycleExpansion::UpdatedBy,
        ];
        let cycles = client.list_cycles(ws, project, &ListCyclesQuery::new()).expand(keys.clone()).await.unwrap();
        let cycle = &cycles.results[0];
        assert_eq!(cycle.owned_by.object().map(|u| u.id), Some(me));
        let sent = raw(client, "/api/v1/workspaces/{ws}/projects/{project}/cycles/", &params, &keys).await;
        assert_as_sent(serde_json::to_value(cycle), first(&sent), "a cycle");
        let names = client.list_cycles(ws, project, &ListCyclesQuery::new()).fields([CycleField::Name]).await.unwrap();
        assert_eq!((names.results[0].name.as_deref(), names.results[0].id), (Some("Sprint"), None));

        let keys = [
            ModuleExpansion::Project,
            ModuleExpansion::Workspace,
            ModuleExpansion::CreatedBy,
            ModuleExpansion::UpdatedBy,
        ];
        let modules = client.list_modules(ws, project, &ListModulesQuery::new()).expand(keys.clone()).await.unwrap();
        let module = &modules.results[0];
        assert_eq!(module.created_by.as_ref().and_then(Expandable::object).map(|u| u.id), Some(me));
        assert_eq!(module.members, [me], "members stay ids: the serializer writes them over the expansion");
        let sent = raw(client, "/api/v1/workspaces/{ws}/projects/{project}/modules/", &params, &keys).await;
        assert_as_sent(serde_json::to_value(module), first(&sent), "a module");
        let names =
            client.list_modules(ws, project, &ListModulesQuery::new()).fields([ModuleField::Name]).await.unwrap();
        let module = &names.results[0];
        assert_eq!((module.name.as_deref(), module.id), (Some("API"), None));
        assert_eq!(module.members.as_deref(), Some(&[me][..]), "the serializer adds the members, asked for or not");

        let keys = [
            IntakeWorkItemExpansion::Issue,
            IntakeWorkItemExpansion::Project,
            IntakeWorkItemExpansion::Workspace,
            IntakeWorkItemExpansion::CreatedBy,
            IntakeWorkItemExpansion::UpdatedBy,
        ];
        let items = client.list_intake_work_items(ws, project, &ListIntakeWorkItemsQuery::new()).expand(keys.clone());
        let items = items.await.unwrap();
        let item = &items.results[0];
        assert_eq!(item.issue.object().map(|i| (i.id, i.name.as_str())), Some((intake.issue, "From intake")));
        let sent = raw(client, "/api/v1/workspaces/{ws}/projects/{project}/intake-issues/", &params, &keys).await;
        assert_as_sent(serde_json::to_value(item), first(&sent), "an intake item");
    })
    .await;
}
