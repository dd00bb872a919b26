//! Cycles: create, list (by view, and the running ones), retrieve, update (set and clear), delete,
//! archive and unarchive, and their work items (add, list, retrieve, remove, transfer).

use std::time::{SystemTime, UNIX_EPOCH};

use futures_util::TryStreamExt;
use plane_client::chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use plane_client::{
    AddCycleWorkItemsBody, Client, CreateCycleBody, CreateProjectMemberBody, CreateWorkItemBody, CurrentCycleView,
    Cycle, CycleId, CycleView, ErrorKind, ListArchivedCyclesQuery, ListCurrentCyclesQuery, ListCycleWorkItemsQuery,
    ListCyclesQuery, ListStatesQuery, Role, StateGroup, TransferCycleWorkItemsBody, UpdateCycleBody, UpdateProjectBody,
    UpdateWorkItemBody, Uuid, WorkItem, WorkItemId,
};

use crate::support::{Ctx, api_error, with_project};

/// Plane's project role for a member.
const MEMBER: Role = Role::Member;

/// An id that no cycle or work item has.
/// Ids that name nothing on the server.
const UNKNOWN_CYCLE: CycleId = CycleId::from_uuid(Uuid::from_u128(0x0bad_c1c1e));
const UNKNOWN_WORK_ITEM: WorkItemId = WorkItemId::from_uuid(Uuid::from_u128(0x0bad_c1c1e));

/// New projects have cycles turned off; creating one is refused until they are on.
async fn enable_cycles(ctx: &Ctx) {
    let on = UpdateProjectBody::new().cycle_view(true);
    let project = ctx.client().update_project(ctx.ws(), ctx.project.id, &on).await.unwrap();
    assert!(project.cycle_view);
}

/// Today in UTC, from the system clock (the crate's chrono has no clock of its own).
fn today() -> NaiveDate {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    DateTime::from_timestamp(i64::try_from(seconds).unwrap(), 0).unwrap().date_naive()
}

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap()
}

fn minus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days)).unwrap()
}

/// `date` at `h:m:s` UTC, as the server answers a cycle's dates.
fn at(date: NaiveDate, h: u32, m: u32, s: u32) -> DateTime<Utc> {
    date.and_time(NaiveTime::from_hms_opt(h, m, s).unwrap()).and_utc()
}

/// A cycle of the test's project from `start` to `end`, or a draft (no dates).
async fn cycle(ctx: &Ctx, name: &str, dates: Option<(NaiveDate, NaiveDate)>) -> Cycle {
    let mut body = CreateCycleBody::new(name, ctx.project.id);
    if let Some((start, end)) = dates {
        body = body.start_date(start).end_date(end);
    }
    ctx.client().create_cycle(ctx.ws(), ctx.project.id, &body).await.unwrap()
}

/// One new work item per name, in order.
async fn work_items(ctx: &Ctx, names: &[&str]) -> Vec<WorkItem> {
    let mut items = Vec::new();
    for name in names {
        items.push(
            ctx.client().create_work_item(ctx.ws(), ctx.project.id, &CreateWorkItemBody::new(*name)).await.unwrap(),
        );
    }
    items
}

fn ids(items: &[WorkItem]) -> Vec<WorkItemId> {
    items.iter().map(|i| i.id).collect()
}

/// The names of a cycle's work items, in the server's order (one page).
async fn names_in(client: &Client, ctx: &Ctx, cycle: CycleId, query: ListCycleWorkItemsQuery) -> Vec<String> {
    let page = client.list_cycle_work_items(ctx.ws(), ctx.project.id, cycle, &query).await.unwrap();
    page.results.into_iter().map(|i| i.name).collect()
}

#[tokio::test]
async fn cycles_are_refused_until_the_project_turns_them_on() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        assert!(!ctx.project.cycle_view, "new projects start with cycles off");
        let body = CreateCycleBody::new("Sprint 1", project);
        let error = api_error(client.create_cycle(ws, project, &body).await, ErrorKind::BadRequest);
        assert!(error.raw.contains("Cycles are not enabled for this project"), "{}", error.raw);
        // Listing is not guarded: an empty page.
        assert!(client.list_cycles(ws, project, &ListCyclesQuery::new()).await.unwrap().results.is_empty());

        enable_cycles(&ctx).await;
        assert_eq!(client.create_cycle(ws, project, &body).await.unwrap().name, "Sprint 1");
    })
    .await;
}

#[tokio::test]
async fn a_cycle_is_created_retrieved_updated_cleared_and_deleted() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_cycles(&ctx).await;
        let me = client.retrieve_current_user().await.unwrap();
        let (start, end) = (plus(today(), 100), plus(today(), 113));
        let body = CreateCycleBody::new("Sprint 1", project)
            .description("The first one")
            .start_date(start)
            .end_date(end)
            .owned_by(me.id)
            .external_source("live-tests")
            .external_id("cycle-1")
            .timezone("UTC");
        let created = client.create_cycle(ws, project, &body).await.unwrap();
        assert_eq!((created.name.as_str(), created.description.as_str()), ("Sprint 1", "The first one"));
        // Only the days count: the server stores the first second of the start day and the last
        // minute of the end day, in the project's time zone (UTC here).
        assert_eq!(created.start_date, Some(at(start, 0, 0, 1)));
        assert_eq!(created.end_date, Some(at(end, 23, 59, 0)));
        assert_eq!((created.owned_by, created.created_by, created.updated_by), (me.id, Some(me.id), None));
        assert_eq!(
            (created.external_source.as_deref(), created.external_id.as_deref()),
            (Some("live-tests"), Some("cycle-1"))
        );
        assert_eq!((created.project, created.timezone.as_str(), created.archived_at), (project, "UTC", None));
        // The work-item counts are annotations of the list and retrieve queries only.
        assert_eq!(created.total_issues, None);

        let got = client.retrieve_cycle(ws, project, created.id).await.unwrap();
        assert_eq!((got.id, &got.name, got.start_date), (created.id, &created.name, created.start_date));
        assert_eq!((got.total_issues, got.backlog_issues, got.completed_issues), (Some(0), Some(0), Some(0)));
        assert_eq!(got.total_estimates, None, "estimates are only in the archived list");

        let new_end = plus(today(), 120);
        let update = UpdateCycleBody::new()
            .name("Sprint one")
            .description("Renamed")
            .end_date(new_end)
            .owned_by(me.id)
            .external_source("other-tool")
            .external_id("c-1")
            .timezone("Europe/Paris");
        let updated = client.update_cycle(ws, project, created.id, &update).await.unwrap();
        assert_eq!((updated.name.as_str(), updated.description.as_str()), ("Sprint one", "Renamed"));
        assert_eq!(
            (updated.external_source.as_deref(), updated.external_id.as_deref()),
            (Some("other-tool"), Some("c-1"))
        );
        assert_eq!(updated.timezone, "Europe/Paris");
        assert_eq!(updated.updated_by, Some(me.id));
        assert_eq!(updated.total_issues, None, "no counts in the update's answer");
        // A date sent alone is not moved to the end of the day, as it is when both are sent.
        assert_eq!(updated.end_date, Some(at(new_end, 0, 0, 0)));
        assert_eq!(updated.start_date, created.start_date, "fields not sent are left alone");

        let clear =
            UpdateCycleBody::new().clear_start_date().clear_end_date().clear_external_source().clear_external_id();
        let cleared = client.update_cycle(ws, project, created.id, &clear).await.unwrap();
        assert_eq!((cleared.start_date, cleared.end_date), (None, None));
        assert_eq!((cleared.external_source, cleared.external_id), (None, None));
        assert_eq!(cleared.name, "Sprint one");
        let draft: Vec<Cycle> = client
            .list_cycles(ws, project, &ListCyclesQuery::new().cycle_view(CycleView::Draft))
            .await
            .unwrap()
            .results;
        assert_eq!(draft.iter().map(|c| c.id).collect::<Vec<_>>(), [created.id], "without dates it is a draft");

        client.delete_cycle(ws, project, created.id).await.unwrap();
        let error = api_error(client.retrieve_cycle(ws, project, created.id).await, ErrorKind::NotFound);
        assert_eq!(error.body.message(), "The requested resource does not exist.");
        api_error(client.delete_cycle(ws, project, created.id).await, ErrorKind::NotFound);
    })
    .await;
}

#[tokio::test]
async fn editing_a_cycle_makes_the_editor_its_owner() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_cycles(&ctx).await;
        let me = client.retrieve_current_user().await.unwrap();
        let workspace = client.list_workspace_members(ws).await.unwrap();
        let Some(other) = workspace.iter().find(|m| m.id != me.id && m.role.code() >= MEMBER.code()) else {
            assert!(std::env::var("CI").is_err(), "CI's server must have a second workspace member");
            return;
        };
        client.create_project_member(ws, project, &CreateProjectMemberBody::new(other.id).role(MEMBER)).await.unwrap();
        let body = CreateCycleBody::new("Theirs", project).owned_by(other.id);
        let theirs = client.create_cycle(ws, project, &body).await.unwrap();
        assert_eq!((theirs.owned_by, theirs.created_by), (other.id, Some(me.id)));

        // The update serializer sets `owned_by` to the caller whenever the body does not name an
        // owner, so any edit by someone else takes the cycle over.
        let renamed =
            client.update_cycle(ws, project, theirs.id, &UpdateCycleBody::new().name("Mine now")).await.unwrap();
        assert_eq!(renamed.owned_by, me.id);
        let given =
            client.update_cycle(ws, project, theirs.id, &UpdateCycleBody::new().owned_by(other.id)).await.unwrap();
        assert_eq!(given.owned_by, other.id);
    })
    .await;
}

#[tokio::test]
async fn cycles_are_listed_by_where_their_dates_fall() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_cycles(&ctx).await;
        let past = cycle(&ctx, "past", Some((day(2020, 1, 1), day(2020, 1, 10)))).await;
        let running = cycle(&ctx, "running", Some((minus(today(), 30), plus(today(), 30)))).await;
        let upcoming = cycle(&ctx, "upcoming", Some((plus(today(), 100), plus(today(), 110)))).await;
        let draft = cycle(&ctx, "draft", None).await;
        // Each new cycle sorts 10000 before the previous one.
        assert_eq!(running.sort_order, past.sort_order - 10000.0);

        // One cycle per page, so the stream follows the cursor; newest first.
        let all: Vec<Cycle> =
            client.list_cycles_stream(ws, project, &ListCyclesQuery::new().per_page(1)).try_collect().await.unwrap();
        assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), [draft.id, upcoming.id, running.id, past.id]);
        assert!(all.iter().all(|c| c.total_issues == Some(0)), "the list carries the counts");

        let view = |v: CycleView| async move {
            let page = client.list_cycles(ws, project, &ListCyclesQuery::new().cycle_view(v)).await.unwrap();
            page.results.into_iter().map(|c| c.id).collect::<Vec<_>>()
        };
        assert_eq!(view(CycleView::All).await, [draft.id, upcoming.id, running.id, past.id]);
        assert_eq!(view(CycleView::Upcoming).await, [upcoming.id]);
        assert_eq!(view(CycleView::Completed).await, [past.id]);
        assert_eq!(view(CycleView::Draft).await, [draft.id]);
        assert_eq!(view(CycleView::Incomplete).await, [draft.id, upcoming.id, running.id]);

        // `current` answers a bare array rather than a page.
        let current = client
            .list_current_cycles(ws, project, &ListCurrentCyclesQuery::new(CurrentCycleView::Current))
            .await
            .unwrap();
        assert_eq!(current.iter().map(|c| c.id).collect::<Vec<_>>(), [running.id]);
        assert_eq!(current[0].total_issues, Some(0));
    })
    .await;
}

#[tokio::test]
async fn only_a_completed_cycle_is_archived_and_it_comes_back_when_unarchived() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_cycles(&ctx).await;
        // Past dates are accepted on create: the cycle is completed at once.
        let done = cycle(&ctx, "done", Some((day(2020, 1, 1), day(2020, 1, 10)))).await;
        let running = cycle(&ctx, "running", Some((minus(today(), 1), plus(today(), 1)))).await;

        let error = api_error(
            client.update_cycle(ws, project, done.id, &UpdateCycleBody::new().name("late")).await,
            ErrorKind::BadRequest,
        );
        assert_eq!(error.body.message(), "The Cycle has already been completed so it cannot be edited");
        let error = api_error(client.archive_cycle(ws, project, running.id).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), "Only completed cycles can be archived");

        client.archive_cycle(ws, project, done.id).await.unwrap();
        client.archive_cycle(ws, project, done.id).await.expect("archiving again is no error");
        api_error(client.retrieve_cycle(ws, project, done.id).await, ErrorKind::NotFound);
        let listed = client.list_cycles(ws, project, &ListCyclesQuery::new()).await.unwrap().results;
        assert_eq!(listed.iter().map(|c| c.id).collect::<Vec<_>>(), [running.id], "archived cycles are not listed");
        let error = api_error(
            client.update_cycle(ws, project, done.id, &UpdateCycleBody::new().name("late")).await,
            ErrorKind::BadRequest,
        );
        assert_eq!(error.body.message(), "Archived cycle cannot be edited");

        let archived: Vec<Cycle> = client
            .list_archived_cycles_stream(ws, project, &ListArchivedCyclesQuery::new().per_page(1))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(archived.len(), 1);
        let archived = &archived[0];
        assert_eq!(archived.id, done.id);
        assert!(archived.archived_at.is_some());
        // The archived list adds the estimate sums, null without estimates.
        assert_eq!(
            (archived.total_issues, archived.total_estimates, archived.completed_estimates),
            (Some(0), None, None)
        );
        let page = client.list_archived_cycles(ws, project, &ListArchivedCyclesQuery::new()).await.unwrap();
        assert_eq!(page.results.len(), 1);

        client.unarchive_cycle(ws, project, done.id).await.unwrap();
        let back = client.retrieve_cycle(ws, project, done.id).await.unwrap();
        assert_eq!(back.archived_at, None);
        assert!(
            client.list_archived_cycles(ws, project, &ListArchivedCyclesQuery::new()).await.unwrap().results.is_empty()
        );
        // Unarchiving checks nothing: a cycle that is not archived is a 204 too.
        client.unarchive_cycle(ws, project, running.id).await.unwrap();
        api_error(client.unarchive_cycle(ws, project, UNKNOWN_CYCLE).await, ErrorKind::NotFound);
    })
    .await;
}

#[tokio::test]
async fn archiving_a_draft_cycle_is_a_server_error() {
    with_project(|ctx| async move {
        enable_cycles(&ctx).await;
        let draft = cycle(&ctx, "draft", None).await;
        // Plane compares the missing end date with now (`None >= datetime`): a TypeError, so 500.
        api_error(ctx.client().archive_cycle(ctx.ws(), ctx.project.id, draft.id).await, ErrorKind::Server);
    })
    .await;
}

#[tokio::test]
async fn work_items_are_added_to_a_cycle_listed_retrieved_moved_and_removed() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_cycles(&ctx).await;
        let sprint = cycle(&ctx, "sprint", Some((minus(today(), 7), plus(today(), 7)))).await;
        let items = work_items(&ctx, &["b item", "a item", "c item"]).await;

        let links = client
            .add_cycle_work_items(ws, project, sprint.id, &AddCycleWorkItemsBody::new(ids(&items[..2])))
            .await
            .unwrap();
        assert_eq!(links.len(), 2);
        assert!(links.iter().all(|l| l.cycle == sprint.id && l.sub_issues_count == Some(0)));
        // Links are bulk-created, which skips the model's save() that fills created_by.
        assert!(links.iter().all(|l| l.created_by.is_none()));
        // The answer lists every link of the cycle, not only the new ones.
        let links = client
            .add_cycle_work_items(ws, project, sprint.id, &AddCycleWorkItemsBody::new(vec![items[2].id]))
            .await
            .unwrap();
        let mut linked: Vec<WorkItemId> = links.iter().map(|l| l.issue).collect();
        linked.sort_unstable();
        let mut all = ids(&items);
        all.sort_unstable();
        assert_eq!(linked, all);

        // Oldest first by default, read one per page so that the stream follows the cursor.
        let listed: Vec<WorkItem> = client
            .list_cycle_work_items_stream(ws, project, sprint.id, &ListCycleWorkItemsQuery::new().per_page(1))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(listed.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["b item", "a item", "c item"]);
        assert!(listed.iter().all(|i| i.project == project));
        // `order_by` is honoured.
        let by_name = names_in(client, &ctx, sprint.id, ListCycleWorkItemsQuery::new().order_by("-name")).await;
        assert_eq!(by_name, ["c item", "b item", "a item"]);
        assert_eq!(client.retrieve_cycle(ws, project, sprint.id).await.unwrap().total_issues, Some(3));

        let link = client.retrieve_cycle_work_item(ws, project, sprint.id, items[0].id).await.unwrap();
        assert_eq!((link.cycle, link.issue, link.project), (sprint.id, items[0].id, project));
        assert_eq!(link.sub_issues_count, None, "only the add answer counts sub-issues");

        // A work item is in one cycle at most: adding it to another moves it.
        let next = cycle(&ctx, "next", Some((plus(today(), 30), plus(today(), 40)))).await;
        client
            .add_cycle_work_items(ws, project, next.id, &AddCycleWorkItemsBody::new(vec![items[1].id]))
            .await
            .unwrap();
        assert_eq!(names_in(client, &ctx, sprint.id, ListCycleWorkItemsQuery::new()).await, ["b item", "c item"]);
        assert_eq!(names_in(client, &ctx, next.id, ListCycleWorkItemsQuery::new()).await, ["a item"]);

        client.remove_cycle_work_item(ws, project, sprint.id, items[0].id).await.unwrap();
        api_error(client.retrieve_cycle_work_item(ws, project, sprint.id, items[0].id).await, ErrorKind::NotFound);
        api_error(client.remove_cycle_work_item(ws, project, sprint.id, items[0].id).await, ErrorKind::NotFound);
        assert_eq!(names_in(client, &ctx, sprint.id, ListCycleWorkItemsQuery::new()).await, ["c item"]);
        // The work item itself stays.
        client.retrieve_work_item(ws, project, items[0].id).await.unwrap();

        let error = api_error(
            client.add_cycle_work_items(ws, project, sprint.id, &AddCycleWorkItemsBody::new(vec![])).await,
            ErrorKind::BadRequest,
        );
        assert_eq!(error.body.message(), "Work items are required");
    })
    .await;
}

#[tokio::test]
async fn unfinished_work_items_are_transferred_out_of_a_finished_cycle() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_cycles(&ctx).await;
        let old = cycle(&ctx, "old", Some((plus(today(), 10), plus(today(), 20)))).await;
        let new = cycle(&ctx, "new", Some((plus(today(), 30), plus(today(), 40)))).await;
        let items = work_items(&ctx, &["todo", "doing", "done"]).await;
        client.add_cycle_work_items(ws, project, old.id, &AddCycleWorkItemsBody::new(ids(&items))).await.unwrap();
        let states = client.list_states(ws, project, &ListStatesQuery::new()).await.unwrap().results;
        let completed = states.iter().find(|s| s.group == StateGroup::Completed).unwrap();
        let body = UpdateWorkItemBody::new().state(completed.id);
        client.update_work_item(ws, project, items[2].id, &body).await.unwrap();

        // A cycle that has not ended keeps its work items.
        let transfer = TransferCycleWorkItemsBody::new(new.id);
        let error =
            api_error(client.transfer_cycle_work_items(ws, project, old.id, &transfer).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), "The old cycle is not completed yet");

        // Moving both dates into the past is allowed, and ends the cycle with its work items in it.
        let (start, end) = (day(2021, 1, 1), day(2021, 1, 31));
        let ended = client
            .update_cycle(ws, project, old.id, &UpdateCycleBody::new().start_date(start).end_date(end))
            .await
            .unwrap();
        assert_eq!((ended.start_date, ended.end_date), (Some(at(start, 0, 0, 1)), Some(at(end, 23, 59, 0))));
        let error = api_error(
            client.add_cycle_work_items(ws, project, old.id, &AddCycleWorkItemsBody::new(vec![items[0].id])).await,
            ErrorKind::BadRequest,
        );
        // This refusal has a shape of its own: `{"code": "CYCLE_COMPLETED", "message": …}`.
        assert!(error.raw.contains("CYCLE_COMPLETED"), "{}", error.raw);

        let result = client.transfer_cycle_work_items(ws, project, old.id, &transfer).await.unwrap();
        assert_eq!(result.message, "Success");
        // Finished work items stay behind.
        assert_eq!(names_in(client, &ctx, new.id, ListCycleWorkItemsQuery::new()).await, ["todo", "doing"]);
        assert_eq!(names_in(client, &ctx, old.id, ListCycleWorkItemsQuery::new()).await, ["done"]);
        let old = client.retrieve_cycle(ws, project, old.id).await.unwrap();
        assert_eq!(old.progress_snapshot["total_issues"], 3, "the transfer records the cycle's progress");

        // The ended cycle can now be archived, and the archived list counts its work item.
        client.archive_cycle(ws, project, old.id).await.unwrap();
        let archived = client.list_archived_cycles(ws, project, &ListArchivedCyclesQuery::new()).await.unwrap().results;
        assert_eq!(
            archived.iter().map(|c| (c.id, c.total_issues, c.completed_issues)).collect::<Vec<_>>(),
            [(old.id, Some(1), Some(1))]
        );
    })
    .await;
}

#[tokio::test]
async fn a_draft_cycle_hands_its_work_items_on_too() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_cycles(&ctx).await;
        // The server only refuses a source whose end date is still ahead; a draft has none.
        let draft = cycle(&ctx, "draft", None).await;
        let next = cycle(&ctx, "next", Some((plus(today(), 30), plus(today(), 40)))).await;
        let items = work_items(&ctx, &["one"]).await;
        client.add_cycle_work_items(ws, project, draft.id, &AddCycleWorkItemsBody::new(ids(&items))).await.unwrap();
        let transfer = TransferCycleWorkItemsBody::new(next.id);
        client.transfer_cycle_work_items(ws, project, draft.id, &transfer).await.unwrap();
        assert_eq!(names_in(client, &ctx, next.id, ListCycleWorkItemsQuery::new()).await, ["one"]);
        assert!(names_in(client, &ctx, draft.id, ListCycleWorkItemsQuery::new()).await.is_empty());
    })
    .await;
}

#[tokio::test]
async fn bad_cycles_are_refused_with_reasons() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        enable_cycles(&ctx).await;
        let only_start = CreateCycleBody::new("half", project).start_date(today());
        let error = api_error(client.create_cycle(ws, project, &only_start).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), "Both start date and end date are either required or are to be null");

        let backwards = CreateCycleBody::new("backwards", project).start_date(plus(today(), 10)).end_date(today());
        let error = api_error(client.create_cycle(ws, project, &backwards).await, ErrorKind::BadRequest);
        assert_eq!(error.field_errors().unwrap()["non_field_errors"], ["Start date cannot exceed end date"]);

        let mars = CreateCycleBody::new("mars", project).timezone("Mars/Base");
        let error = api_error(client.create_cycle(ws, project, &mars).await, ErrorKind::BadRequest);
        assert!(error.field_errors().unwrap().contains_key("timezone"), "{}", error.raw);

        // An external source and id name one cycle; the conflict says which.
        let imported = CreateCycleBody::new("imported", project).external_source("live-tests").external_id("dup");
        let first = client.create_cycle(ws, project, &imported).await.unwrap();
        let error = api_error(client.create_cycle(ws, project, &imported).await, ErrorKind::Conflict);
        assert!(error.raw.contains(&first.id.to_string()), "{}", error.raw);

        // Work items cannot be transferred into an ended cycle (a draft source passes the check).
        let draft = cycle(&ctx, "draft", None).await;
        let past = cycle(&ctx, "past", Some((day(2020, 1, 1), day(2020, 1, 10)))).await;
        let into_past = TransferCycleWorkItemsBody::new(past.id);
        let error =
            api_error(client.transfer_cycle_work_items(ws, project, draft.id, &into_past).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), "The cycle where the issues are transferred is already completed");
        // A target that does not exist is not looked up before use: the server fails (500).
        let nowhere = TransferCycleWorkItemsBody::new(UNKNOWN_CYCLE);
        api_error(client.transfer_cycle_work_items(ws, project, draft.id, &nowhere).await, ErrorKind::Server);
        // An unknown work item breaks the link's foreign key, which the server reports as a bad payload.
        let error = api_error(
            client
                .add_cycle_work_items(ws, project, draft.id, &AddCycleWorkItemsBody::new(vec![UNKNOWN_WORK_ITEM]))
                .await,
            ErrorKind::BadRequest,
        );
        assert_eq!(error.body.message(), "The payload is not valid");

        // Names are not unique.
        let again = client.create_cycle(ws, project, &CreateCycleBody::new("imported", project)).await.unwrap();
        assert_ne!(again.id, first.id);
        api_error(client.retrieve_cycle(ws, project, UNKNOWN_CYCLE).await, ErrorKind::NotFound);
    })
    .await;
}
