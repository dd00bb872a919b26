//! Modules: create, list, retrieve, update (set, clear, every status), delete, archive and
//! unarchive, and their work items (add, list, remove).

use futures_util::TryStreamExt;
use plane_client::chrono::NaiveDate;
use plane_client::{
    AddModuleWorkItemsBody, CreateModuleBody, CreateProjectMemberBody, CreateWorkItemBody, ErrorKind,
    ListArchivedModulesQuery, ListModuleWorkItemsQuery, ListModulesQuery, Module, ModuleId, ModuleStatus, Role,
    UpdateModuleBody, UpdateProjectBody, Uuid, WorkItem, WorkItemId,
};

use crate::support::{Ctx, api_error, with_project};

/// Plane's project role for a member.
const MEMBER: Role = Role::Member;

/// An id no module or work item has.
/// Ids that name nothing on the server.
const UNKNOWN_MODULE: ModuleId = ModuleId::from_uuid(Uuid::from_u128(0x0bad_0d01e));
const UNKNOWN_WORK_ITEM: WorkItemId = WorkItemId::from_uuid(Uuid::from_u128(0x0bad_0d01e));

/// New projects have modules turned off; creating one is refused until they are on.
async fn enable_modules(ctx: &Ctx) {
    let on = UpdateProjectBody::new().module_view(true);
    let project = ctx.client().update_project(ctx.ws(), ctx.project.id, &on).await.unwrap();
    assert!(project.module_view);
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

async fn module(ctx: &Ctx, body: CreateModuleBody) -> Module {
    ctx.client().create_module(ctx.ws(), ctx.project.id, &body).await.unwrap()
}

/// One new work item per name, in order.
async fn work_items(ctx: &Ctx, names: &[&str]) -> Vec<WorkItem> {
    let mut items = Vec::new();
    for name in names {
        let body = CreateWorkItemBody::new(*name);
        items.push(ctx.client().create_work_item(ctx.ws(), ctx.project.id, &body).await.unwrap());
    }
    items
}

/// The names of a module's work items, in the server's order (one page).
async fn names_in(ctx: &Ctx, module: ModuleId, query: ListModuleWorkItemsQuery) -> Vec<String> {
    let page = ctx.client().list_module_work_items(ctx.ws(), ctx.project.id, module, &query).await.unwrap();
    page.results.into_iter().map(|i| i.name).collect()
}

#[tokio::test]
async fn modules_are_refused_until_the_project_turns_them_on() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        assert!(!ctx.project.module_view, "new projects start with modules off");
        let body = CreateModuleBody::new("API");
        let error = api_error(client.create_module(ws, project, &body).await, ErrorKind::BadRequest);
        assert!(error.raw.contains("Modules are not enabled for this project"), "{}", error.raw);
        assert!(client.list_modules(ws, project, &ListModulesQuery::new()).await.unwrap().results.is_empty());

        enable_modules(&ctx).await;
        assert_eq!(client.create_module(ws, project, &body).await.unwrap().name, "API");
    })
    .await;
}

#[tokio::test]
async fn a_module_is_created_retrieved_updated_cleared_and_deleted() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_modules(&ctx).await;
        let me = client.retrieve_current_user().await.unwrap();
        let body = CreateModuleBody::new("API")
            .description("The REST API")
            .start_date(day(2026, 1, 1))
            .target_date(day(2026, 3, 31))
            .status(ModuleStatus::Backlog)
            .lead(me.id)
            .members(vec![me.id])
            .external_source("live-tests")
            .external_id("module-1");
        let created = module(&ctx, body).await;
        assert_eq!((created.name.as_str(), created.description.as_str()), ("API", "The REST API"));
        assert_eq!((created.start_date, created.target_date), (Some(day(2026, 1, 1)), Some(day(2026, 3, 31))));
        assert_eq!(
            (&created.status, created.lead, &created.members),
            (&ModuleStatus::Backlog, Some(me.id), &vec![me.id])
        );
        assert_eq!(
            (created.external_source.as_deref(), created.external_id.as_deref()),
            (Some("live-tests"), Some("module-1"))
        );
        assert_eq!((created.project, created.created_by, created.archived_at), (project, Some(me.id), None));
        assert_eq!((created.description_text.as_ref(), created.description_html.as_ref()), (None, None));
        assert_eq!(created.total_issues, None, "the counts are annotations of the list and retrieve queries");

        let got = client.retrieve_module(ws, project, created.id).await.unwrap();
        assert_eq!((got.id, &got.name, &got.members), (created.id, &created.name, &created.members));
        assert_eq!((got.total_issues, got.backlog_issues, got.completed_issues), (Some(0), Some(0), Some(0)));

        let update = UpdateModuleBody::new()
            .name("REST API")
            .description("Version 1")
            .start_date(day(2026, 2, 1))
            .target_date(day(2026, 4, 30))
            .status(ModuleStatus::Planned)
            .lead(me.id)
            .external_source("other-tool")
            .external_id("m-1");
        // The answer is the update serializer's own fields: no id, no timestamps, no members.
        let updated = client.update_module(ws, project, created.id, &update).await.unwrap();
        assert_eq!((updated.name.as_str(), updated.description.as_str()), ("REST API", "Version 1"));
        assert_eq!((updated.start_date, updated.target_date), (Some(day(2026, 2, 1)), Some(day(2026, 4, 30))));
        assert_eq!((&updated.status, updated.lead), (&ModuleStatus::Planned, Some(me.id)));
        assert_eq!(
            (updated.external_source.as_deref(), updated.external_id.as_deref()),
            (Some("other-tool"), Some("m-1"))
        );

        let clear = UpdateModuleBody::new()
            .clear_start_date()
            .clear_target_date()
            .clear_lead()
            .clear_external_source()
            .clear_external_id();
        let cleared = client.update_module(ws, project, created.id, &clear).await.unwrap();
        assert_eq!((cleared.start_date, cleared.target_date, cleared.lead), (None, None, None));
        assert_eq!((cleared.external_source, cleared.external_id), (None, None));
        assert_eq!((cleared.name.as_str(), &cleared.status), ("REST API", &ModuleStatus::Planned));

        client.delete_module(ws, project, created.id).await.unwrap();
        api_error(client.retrieve_module(ws, project, created.id).await, ErrorKind::NotFound);
        api_error(client.delete_module(ws, project, created.id).await, ErrorKind::NotFound);
    })
    .await;
}

#[tokio::test]
async fn module_members_can_be_added_but_the_answer_keeps_the_removed_ones() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_modules(&ctx).await;
        let me = client.retrieve_current_user().await.unwrap();
        let workspace = client.list_workspace_members(ws).await.unwrap();
        let Some(other) = workspace.iter().find(|m| m.id != me.id && m.role.code() >= MEMBER.code()) else {
            assert!(std::env::var("CI").is_err(), "CI's server must have a second workspace member");
            return;
        };
        // Users who are not members of the project are dropped without an error.
        let created = module(&ctx, CreateModuleBody::new("Team").members(vec![me.id, other.id])).await;
        assert_eq!(created.members, [me.id]);

        let body = CreateProjectMemberBody::new(other.id).role(MEMBER);
        client.create_project_member(ws, project, &body).await.unwrap();
        let update = UpdateModuleBody::new().members(vec![other.id]);
        client.update_module(ws, project, created.id, &update).await.unwrap();
        // The server soft-deletes the old memberships and adds the new ones, but `members` is read
        // through the many-to-many relation, which does not skip soft-deleted rows: the member who
        // was replaced is still listed, and `[]` changes nothing that can be seen.
        let mut members = client.retrieve_module(ws, project, created.id).await.unwrap().members;
        members.sort_unstable();
        let mut both = vec![me.id, other.id];
        both.sort_unstable();
        assert_eq!(members, both);
        client.update_module(ws, project, created.id, &UpdateModuleBody::new().members(vec![])).await.unwrap();
        let mut members = client.retrieve_module(ws, project, created.id).await.unwrap().members;
        members.sort_unstable();
        assert_eq!(members, both);
    })
    .await;
}

#[tokio::test]
async fn a_module_takes_every_status() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_modules(&ctx).await;
        let created = module(&ctx, CreateModuleBody::new("Statuses")).await;
        assert_eq!(created.status, ModuleStatus::Planned, "the default");
        for status in [
            ModuleStatus::Backlog,
            ModuleStatus::InProgress,
            ModuleStatus::Paused,
            ModuleStatus::Completed,
            ModuleStatus::Cancelled,
            ModuleStatus::Planned,
        ] {
            let body = UpdateModuleBody::new().status(status.clone());
            assert_eq!(client.update_module(ws, project, created.id, &body).await.unwrap().status, status);
            assert_eq!(client.retrieve_module(ws, project, created.id).await.unwrap().status, status);
        }
        let in_progress = module(&ctx, CreateModuleBody::new("Busy").status(ModuleStatus::InProgress)).await;
        assert_eq!(in_progress.status, ModuleStatus::InProgress);
    })
    .await;
}

#[tokio::test]
async fn modules_are_listed_newest_first() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_modules(&ctx).await;
        let mut made = Vec::new();
        for name in ["one", "two", "three"] {
            made.push(module(&ctx, CreateModuleBody::new(name)).await.id);
        }
        made.reverse();
        // One module per page, so the stream follows the cursor.
        let listed: Vec<Module> =
            client.list_modules_stream(ws, project, &ListModulesQuery::new().per_page(1)).try_collect().await.unwrap();
        assert_eq!(listed.iter().map(|m| m.id).collect::<Vec<_>>(), made);
        assert!(listed.iter().all(|m| m.total_issues == Some(0)), "the list carries the counts");
    })
    .await;
}

#[tokio::test]
async fn only_a_finished_module_is_archived_and_it_comes_back_when_unarchived() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_modules(&ctx).await;
        let done = module(&ctx, CreateModuleBody::new("done").status(ModuleStatus::InProgress)).await;
        let dropped = module(&ctx, CreateModuleBody::new("dropped").status(ModuleStatus::Cancelled)).await;

        let error = api_error(client.archive_module(ws, project, done.id).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), "Only completed or cancelled modules can be archived");
        let finish = UpdateModuleBody::new().status(ModuleStatus::Completed);
        client.update_module(ws, project, done.id, &finish).await.unwrap();

        client.archive_module(ws, project, done.id).await.unwrap();
        client.archive_module(ws, project, done.id).await.expect("archiving again is no error");
        client.archive_module(ws, project, dropped.id).await.unwrap();
        api_error(client.retrieve_module(ws, project, done.id).await, ErrorKind::NotFound);
        assert!(client.list_modules(ws, project, &ListModulesQuery::new()).await.unwrap().results.is_empty());
        let error = api_error(
            client.update_module(ws, project, done.id, &UpdateModuleBody::new().name("late")).await,
            ErrorKind::BadRequest,
        );
        assert_eq!(error.body.message(), "Archived module cannot be edited");

        // One per page: the stream follows the cursor; newest first.
        let archived: Vec<Module> = client
            .list_archived_modules_stream(ws, project, &ListArchivedModulesQuery::new().per_page(1))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(archived.iter().map(|m| m.id).collect::<Vec<_>>(), [dropped.id, done.id]);
        assert!(archived.iter().all(|m| m.archived_at.is_some() && m.total_issues == Some(0)));

        client.unarchive_module(ws, project, done.id).await.unwrap();
        let back = client.retrieve_module(ws, project, done.id).await.unwrap();
        assert_eq!((back.archived_at, &back.status), (None, &ModuleStatus::Completed));
        let page = client.list_archived_modules(ws, project, &ListArchivedModulesQuery::new()).await.unwrap();
        assert_eq!(page.results.iter().map(|m| m.id).collect::<Vec<_>>(), [dropped.id]);
        // Unarchiving checks nothing: a module that is not archived is a 204 too.
        client.unarchive_module(ws, project, done.id).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn work_items_are_added_to_modules_listed_and_removed() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_modules(&ctx).await;
        let me = client.retrieve_current_user().await.unwrap();
        let api = module(&ctx, CreateModuleBody::new("API")).await;
        let web = module(&ctx, CreateModuleBody::new("Web")).await;
        let items = work_items(&ctx, &["b item", "a item", "c item"]).await;

        let links = client
            .add_module_work_items(ws, project, api.id, &AddModuleWorkItemsBody::new(vec![items[0].id, items[1].id]))
            .await
            .unwrap();
        assert_eq!(links.len(), 2);
        assert!(links.iter().all(|l| l.module == api.id && l.sub_issues_count == 0 && l.created_by == Some(me.id)));
        // The answer lists every link of the module, not only the new ones; unknown ids are skipped.
        let body = AddModuleWorkItemsBody::new(vec![items[2].id, UNKNOWN_WORK_ITEM]);
        let links = client.add_module_work_items(ws, project, api.id, &body).await.unwrap();
        let mut linked: Vec<_> = links.iter().map(|l| l.issue).collect();
        linked.sort_unstable();
        let mut all: Vec<_> = items.iter().map(|i| i.id).collect();
        all.sort_unstable();
        assert_eq!(linked, all);

        // Oldest first by default, read one per page so that the stream follows the cursor.
        let listed: Vec<WorkItem> = client
            .list_module_work_items_stream(ws, project, api.id, &ListModuleWorkItemsQuery::new().per_page(1))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(listed.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["b item", "a item", "c item"]);
        // `order_by` is honoured.
        assert_eq!(
            names_in(&ctx, api.id, ListModuleWorkItemsQuery::new().order_by("-name")).await,
            ["c item", "b item", "a item"]
        );
        assert_eq!(client.retrieve_module(ws, project, api.id).await.unwrap().total_issues, Some(3));

        // Unlike cycles, a work item can be in several modules.
        let body = AddModuleWorkItemsBody::new(vec![items[0].id]);
        client.add_module_work_items(ws, project, web.id, &body).await.unwrap();
        assert_eq!(names_in(&ctx, web.id, ListModuleWorkItemsQuery::new()).await, ["b item"]);
        assert_eq!(names_in(&ctx, api.id, ListModuleWorkItemsQuery::new()).await.len(), 3);

        client.remove_module_work_item(ws, project, api.id, items[0].id).await.unwrap();
        api_error(client.remove_module_work_item(ws, project, api.id, items[0].id).await, ErrorKind::NotFound);
        assert_eq!(names_in(&ctx, api.id, ListModuleWorkItemsQuery::new()).await, ["a item", "c item"]);
        assert_eq!(names_in(&ctx, web.id, ListModuleWorkItemsQuery::new()).await, ["b item"], "the other link stays");

        let error = api_error(
            client.add_module_work_items(ws, project, api.id, &AddModuleWorkItemsBody::new(vec![])).await,
            ErrorKind::BadRequest,
        );
        assert_eq!(error.body.message(), "Issues are required");
    })
    .await;
}

#[tokio::test]
async fn bad_modules_are_refused_with_reasons() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_modules(&ctx).await;
        let api = module(&ctx, CreateModuleBody::new("API").external_source("live-tests").external_id("dup")).await;

        // A taken name is a 400 (not a 409), and says which module has it.
        let error =
            api_error(client.create_module(ws, project, &CreateModuleBody::new("API")).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), "Module with this name already exists");
        assert!(error.raw.contains(&api.id.to_string()), "{}", error.raw);

        let imported = CreateModuleBody::new("Imported").external_source("live-tests").external_id("dup");
        let error = api_error(client.create_module(ws, project, &imported).await, ErrorKind::Conflict);
        assert!(error.raw.contains(&api.id.to_string()), "{}", error.raw);

        let backwards = CreateModuleBody::new("Backwards").start_date(day(2026, 3, 1)).target_date(day(2026, 2, 1));
        let error = api_error(client.create_module(ws, project, &backwards).await, ErrorKind::BadRequest);
        assert_eq!(error.field_errors().unwrap()["non_field_errors"], ["Start date cannot exceed target date"]);

        let web = module(&ctx, CreateModuleBody::new("Web").target_date(day(2026, 2, 1))).await;
        let error = api_error(
            client.update_module(ws, project, web.id, &UpdateModuleBody::new().name("API")).await,
            ErrorKind::BadRequest,
        );
        assert_eq!(error.body.message(), "Module with this name already exists");
        // The date order is only checked when both dates are sent.
        let late_start = UpdateModuleBody::new().start_date(day(2026, 3, 1));
        let updated = client.update_module(ws, project, web.id, &late_start).await.unwrap();
        assert_eq!((updated.start_date, updated.target_date), (Some(day(2026, 3, 1)), Some(day(2026, 2, 1))));

        api_error(client.retrieve_module(ws, project, UNKNOWN_MODULE).await, ErrorKind::NotFound);
    })
    .await;
}
