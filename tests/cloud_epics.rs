//! The paid editions' epics, worklogs, project and workspace features, and milestones against a
//! local server. Every operation's request must be the reference page's example request (method,
//! exact path, query and JSON body); every answer with a body is given twice, built from the
//! Python SDK's model with every field set and as the reference page shows it, decoded by a
//! strict client (`deny_unknown_fields`: a key the spec lacks fails) and encoded back to the same
//! JSON (every field decoded, into its place).
//!
//! The reference pages' examples are in `reference/<family>.json`, copied from the pages
//! (`curl` line, `-d` body, status and response) with their placeholders (`project-uuid`, …)
//! made UUIDs here.

#[macro_use]
mod cloud_common;

use cloud_common::*;
use cloud_common::{page, uuid};
use plane_client::*;
use serde_json::{Value, json};

// ---- epics ----

/// The SDK's `Epic`, every field set.
fn epic_json() -> Value {
    json!({
        "id": EPIC, "name": "Develop Mobile Application Framework",
        "description": {"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Native-like performance"}]}]},
        "description_html": "<p>Native-like performance</p>", "description_stripped": "Native-like performance",
        "description_binary": "AQLNqfPjDwAHAQdkZWZhdWx0AwlwYXJhZ3JhcGgA", "state": OTHER, "priority": "high",
        "assignees": [USER], "labels": [OTHER], "type": OTHER, "estimate_point": OTHER, "point": 5,
        "start_date": "2025-03-01", "target_date": "2025-06-30", "parent": WORK_ITEM, "sequence_id": 57,
        "sort_order": 605535.0, "is_draft": false, "completed_at": "2025-06-28T17:02:11.201337Z",
        "archived_at": "2025-07-15", "project": PROJECT, "workspace": OTHER, "external_id": "EPIC-12",
        "external_source": "jira", "deleted_at": "2025-08-01T08:00:00Z", "created_at": "2025-03-01T21:23:54.645263Z",
        "updated_at": "2025-03-03T10:38:44.667276Z", "created_by": USER, "updated_by": USER
    })
}

/// The SDK's `EpicIssue`, every field set.
fn epic_work_item_json() -> Value {
    json!({
        "id": WORK_ITEM, "name": "Implement login screen", "description_html": "<p>Build the login screen UI</p>",
        "description_stripped": "Build the login screen UI", "description_binary": "AQLNqfPjDwAHAQdkZWZhdWx0",
        "state": OTHER, "priority": "urgent", "assignees": [USER], "labels": [OTHER], "type": OTHER, "type_id": OTHER,
        "estimate_point": OTHER, "point": 2, "start_date": "2025-03-10", "target_date": "2025-03-20", "parent": EPIC,
        "sequence_id": 12, "sort_order": 65535.0, "is_draft": false, "completed_at": "2025-03-19T12:00:00Z",
        "archived_at": "2025-04-01", "last_activity_at": "2025-03-15T10:00:00Z", "project": PROJECT,
        "workspace": OTHER, "external_id": "GH-7", "external_source": "github", "deleted_at": "2025-05-01T00:00:00Z",
        "created_at": "2025-03-10T09:00:00Z", "updated_at": "2025-03-15T10:00:00Z", "created_by": USER,
        "updated_by": USER
    })
}

#[tokio::test]
async fn list_epics() {
    let reference = Reference::new("epics", "list-epics");
    // The page's results are cut down to four keys (its `description` a string): each in a whole epic.
    let mut from_page = reference.response();
    for epic in from_page["results"].as_array_mut().unwrap() {
        *epic = overlay(&epic_json(), epic);
    }
    for answer in [page(vec![epic_json()]), from_page] {
        let query = ListEpicsQuery::new().cursor("20:1:0").per_page(20);
        let epics = exchange!(reference, Some(&answer), |client| client.list_epics(WS, uuid(PROJECT), &query));
        assert_encodes_to!(epics, answer);
        assert_eq!(epics.results[0].project, uuid(PROJECT));
    }
}

#[tokio::test]
async fn create_epic() {
    let reference = Reference::new("epics", "create-epic");
    for answer in [epic_json(), reference.response()] {
        let body = CreateEpicBody::new("Develop Mobile Application Framework")
            .description_html("<p>Create a cross-platform mobile application framework</p>")
            .priority(WorkItemPriority::High)
            .start_date(date("2025-03-01"))
            .target_date(date("2025-06-30"));
        let epic = exchange!(reference, Some(&answer), |client| client.create_epic(WS, uuid(PROJECT), &body));
        assert_encodes_to!(epic, answer);
        assert_eq!((epic.name.as_str(), epic.sequence_id), ("Develop Mobile Application Framework", 57));
        assert_eq!(epic.start_date, Some(date("2025-03-01")));
    }
}

#[tokio::test]
async fn retrieve_epic() {
    let reference = Reference::new("epics", "get-epic-detail");
    // The page's example is what `fields=id,name,description` answers: as fields of a whole epic.
    for answer in [epic_json(), overlay(&epic_json(), &reference.response())] {
        let epic = exchange!(reference.without_query(), Some(&answer), |client| client.retrieve_epic(
            WS,
            uuid(PROJECT),
            uuid(EPIC)
        ));
        assert_encodes_to!(epic, answer);
        assert_eq!(epic.priority, WorkItemPriority::High);
        assert_eq!(epic.assignees, vec![uuid::<UserId>(USER)]);
    }
}

#[tokio::test]
async fn retrieve_epic_fields() {
    let reference = Reference::new("epics", "get-epic-detail");
    let fields = vec!["id".to_string(), "name".to_string(), "description".to_string()];
    let all = epic_json();
    for answer in [all.clone(), reference.response()] {
        let query = RetrieveEpicFieldsQuery::new(fields.clone());
        let epic = exchange!(reference, Some(&answer), |client| client.retrieve_epic_fields(
            WS,
            uuid(PROJECT),
            uuid(EPIC),
            &query
        ));
        assert_encodes_to!(epic, answer);
    }
    // Sent as the page sends it: one parameter, comma-separated.
    let (server, client) = serve(&reference, Some(&all)).await;
    client.retrieve_epic_fields(WS, uuid(PROJECT), uuid(EPIC), &RetrieveEpicFieldsQuery::new(fields)).await.unwrap();
    let request = server.received_requests().await.unwrap().pop().unwrap();
    assert_eq!(request.url.query(), Some("fields=id,name,description"));
}

#[tokio::test]
async fn retrieve_epic_with_the_fields_named_decodes_the_partial_epic() {
    let reference = Reference::new("epics", "get-epic-detail");
    let names = [EpicField::Id, EpicField::Name, EpicField::Description];
    // The page's answer (the fields named, and `created_at`, which Plane adds), and the SDK's
    // whole epic (what a server that ignores `fields` sends): both are partial epics.
    for answer in [reference.response(), epic_json()] {
        let epic = exchange!(reference, Some(&answer), |client| client
            .retrieve_epic(WS, uuid(PROJECT), uuid(EPIC))
            .fields(names.clone()));
        assert_encodes_to!(epic, answer);
        assert_eq!(epic.id, Some(uuid(answer["id"].as_str().unwrap())));
    }
    let (server, client) = serve(&reference, Some(&reference.response())).await;
    let epic = client.retrieve_epic(WS, uuid(PROJECT), uuid(EPIC)).fields(names).await.unwrap();
    assert!(epic.state.is_none() && epic.priority.is_none(), "not in the answer, so `None`");
    let request = server.received_requests().await.unwrap().pop().unwrap();
    assert_eq!(request.url.query(), Some("fields=id,name,description"));
}

#[tokio::test]
async fn update_epic() {
    let reference = Reference::new("epics", "update-epic");
    for answer in [epic_json(), reference.response()] {
        let body = UpdateEpicBody::new()
            .name("Updated Epic Name")
            .priority(WorkItemPriority::Medium)
            .target_date(date("2025-09-30"));
        let epic =
            exchange!(reference, Some(&answer), |client| client.update_epic(WS, uuid(PROJECT), uuid(EPIC), &body));
        assert_encodes_to!(epic, answer);
        assert_eq!(epic.id, uuid(answer["id"].as_str().unwrap()));
    }
    // A cleared date is sent as null (the model's column is nullable).
    let mut cleared = reference.clone();
    cleared.request = Some(json!({"target_date": null, "estimate_point": null}));
    let body = UpdateEpicBody::new().clear_target_date().clear_estimate_point();
    exchange!(cleared, Some(&epic_json()), |client| client.update_epic(WS, uuid(PROJECT), uuid(EPIC), &body));
}

#[tokio::test]
async fn delete_epic() {
    let reference = Reference::new("epics", "delete-epic");
    exchange!(reference, None, |client| client.delete_epic(WS, uuid(PROJECT), uuid(EPIC)));
}

#[tokio::test]
async fn list_epic_work_items() {
    let reference = Reference::new("epics", "list-epic-work-items");
    for answer in [page(vec![epic_work_item_json()]), reference.response()] {
        let query = ListEpicWorkItemsQuery::new().per_page(20);
        let items = exchange!(reference, Some(&answer), |client| client.list_epic_work_items(
            WS,
            uuid(PROJECT),
            uuid(EPIC),
            &query
        ));
        assert_encodes_to!(items, answer);
        assert_eq!(items.results[0].parent, Some(uuid(EPIC)));
        assert_eq!(items.results[0].sequence_id, 12);
    }
}

#[tokio::test]
async fn add_epic_work_items() {
    let reference = Reference::new("epics", "add-epic-work-items");
    for answer in [json!([epic_work_item_json()]), reference.response()] {
        let ids = vec![uuid(WORK_ITEM), uuid("550e8400-e29b-41d4-a716-446655440011")];
        let body = AddEpicWorkItemsBody::new(ids);
        let items = exchange!(reference, Some(&answer), |client| client.add_epic_work_items(
            WS,
            uuid(PROJECT),
            uuid(EPIC),
            &body
        ));
        assert_encodes_to!(items, answer);
        assert_eq!(items[0].name, "Implement login screen");
    }
}

// ---- worklogs ----

/// The SDK's `WorkItemWorkLog`, every field set.
fn worklog_json() -> Value {
    json!({
        "id": WORKLOG, "description": "Reviewed the pull request", "duration": 90, "logged_by": USER,
        "project_id": PROJECT, "workspace_id": OTHER, "created_at": "2025-01-29T15:57:54.197306Z",
        "updated_at": "2025-01-29T15:57:54.197320Z", "created_by": USER, "updated_by": OTHER
    })
}

/// The user the worklog pages' example bodies name.
const PAGE_USER: &str = "550e8400-e29b-41d4-a716-446655440000";

#[tokio::test]
async fn list_worklogs() {
    let reference = Reference::new("worklogs", "get-worklogs-for-issue");
    for answer in [json!([worklog_json()]), reference.response()] {
        let logs =
            exchange!(reference, Some(&answer), |client| client.list_worklogs(WS, uuid(PROJECT), uuid(WORK_ITEM)));
        assert_encodes_to!(logs, answer);
        assert_eq!(logs[0].project_id, uuid(PROJECT));
    }
}

#[tokio::test]
async fn create_worklog() {
    let reference = Reference::new("worklogs", "create-worklog");
    for answer in [worklog_json(), reference.response()] {
        let body = CreateWorklogBody::new()
            .description("Example description")
            .duration(1)
            .created_by(uuid(PAGE_USER))
            .updated_by(uuid(PAGE_USER));
        let log = exchange!(reference, Some(&answer), |client| client.create_worklog(
            WS,
            uuid(PROJECT),
            uuid(WORK_ITEM),
            &body
        ));
        assert_encodes_to!(log, answer);
        assert_eq!(log.logged_by, uuid(answer["logged_by"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn update_worklog() {
    let reference = Reference::new("worklogs", "update-worklog");
    for answer in [worklog_json(), reference.response()] {
        let body = UpdateWorklogBody::new()
            .description("Example description")
            .duration(1)
            .created_by(uuid(PAGE_USER))
            .updated_by(uuid(PAGE_USER));
        let log = exchange!(reference, Some(&answer), |client| client.update_worklog(
            WS,
            uuid(PROJECT),
            uuid(WORK_ITEM),
            uuid(WORKLOG),
            &body
        ));
        assert_encodes_to!(log, answer);
        assert_eq!(log.duration, answer["duration"].as_i64().unwrap());
    }
}

#[tokio::test]
async fn delete_worklog() {
    let reference = Reference::new("worklogs", "delete-worklog");
    exchange!(reference, None, |client| client.delete_worklog(WS, uuid(PROJECT), uuid(WORK_ITEM), uuid(WORKLOG)));
}

#[tokio::test]
async fn list_worklog_totals() {
    let reference = Reference::new("worklogs", "get-total-time");
    // The SDK's `ProjectWorklogSummary`, for two work items.
    let totals = json!([{"issue_id": WORK_ITEM, "duration": 150}, {"issue_id": OTHER, "duration": 45}]);
    for answer in [totals, reference.response()] {
        let totals = exchange!(reference, Some(&answer), |client| client.list_worklog_totals(WS, uuid(PROJECT)));
        assert_encodes_to!(totals, answer);
        assert_eq!(totals[0].duration, answer[0]["duration"].as_i64().unwrap());
    }
}

// ---- project and workspace features ----

/// The SDK's `ProjectFeature`, every field set: the page's seven and the SDK's three more.
fn project_features_json() -> Value {
    json!({
        "epics": true, "modules": true, "cycles": false, "views": true, "pages": false, "intakes": true,
        "work_item_types": true, "workflows": false, "parallel_cycles": true, "project_updates": false
    })
}

/// The SDK's `WorkspaceFeature`, every field set.
fn workspace_features_json() -> Value {
    json!({"project_grouping": true, "initiatives": false, "teams": true, "customers": true, "wiki": false, "pi": true})
}

#[tokio::test]
async fn retrieve_project_features() {
    let reference = Reference::new("project_features", "get-project-features");
    for answer in [project_features_json(), reference.response()] {
        let features =
            exchange!(reference, Some(&answer), |client| client.retrieve_project_features(WS, uuid(PROJECT)));
        assert_encodes_to!(features, answer);
        assert!(features.epics);
    }
}

#[tokio::test]
async fn update_project_features() {
    let reference = Reference::new("project_features", "update-project-features");
    for answer in [project_features_json(), reference.response()] {
        let body = UpdateProjectFeaturesBody::new()
            .epics(true)
            .modules(true)
            .cycles(true)
            .views(true)
            .pages(true)
            .intakes(true)
            .work_item_types(true);
        let features =
            exchange!(reference, Some(&answer), |client| client.update_project_features(WS, uuid(PROJECT), &body));
        assert_encodes_to!(features, answer);
        assert_eq!(features.cycles, answer["cycles"].as_bool().unwrap());
    }
    // The SDK's three more switches are sent too.
    let mut sdk = reference.clone();
    sdk.request = Some(json!({"workflows": true, "parallel_cycles": false, "project_updates": true}));
    let body = UpdateProjectFeaturesBody::new().workflows(true).parallel_cycles(false).project_updates(true);
    let features = exchange!(sdk, Some(&project_features_json()), |client| client.update_project_features(
        WS,
        uuid(PROJECT),
        &body
    ));
    assert_eq!(features.parallel_cycles, Some(true));
}

#[tokio::test]
async fn retrieve_workspace_features() {
    let reference = Reference::new("workspace_features", "get-workspace-features");
    for answer in [workspace_features_json(), reference.response()] {
        let features = exchange!(reference, Some(&answer), |client| client.retrieve_workspace_features(WS));
        assert_encodes_to!(features, answer);
        assert!(features.pi);
    }
}

#[tokio::test]
async fn update_workspace_features() {
    let reference = Reference::new("workspace_features", "update-workspace-features");
    for answer in [workspace_features_json(), reference.response()] {
        let body = UpdateWorkspaceFeaturesBody::new()
            .project_grouping(true)
            .initiatives(true)
            .teams(true)
            .customers(true)
            .wiki(true)
            .pi(true);
        let features = exchange!(reference, Some(&answer), |client| client.update_workspace_features(WS, &body));
        assert_encodes_to!(features, answer);
        assert_eq!(features.wiki, answer["wiki"].as_bool().unwrap());
    }
}

// ---- milestones ----

/// The SDK's `Milestone`, every field set.
fn milestone_json() -> Value {
    json!({
        "id": MILESTONE, "title": "Beta release", "target_date": "2025-09-30", "external_id": "MS-4",
        "external_source": "github", "created_at": "2025-06-01T08:30:00Z", "updated_at": "2025-06-02T09:15:30.500Z"
    })
}

/// The SDK's `MilestoneWorkItem`, every field set.
fn milestone_work_item_json() -> Value {
    json!({"id": OTHER, "issue": WORK_ITEM, "milestone": MILESTONE})
}

/// The pages' example body for create and update.
fn milestone_request() -> (&'static str, chrono::NaiveDate, &'static str, &'static str) {
    ("Example Name", date("2024-01-01"), "550e8400-e29b-41d4-a716-446655440000", "github")
}

#[tokio::test]
async fn list_milestones() {
    let reference = Reference::new("milestones", "list-milestones");
    // The page shows a bare array; the SDK decodes Plane's page envelope, and wins: the page's
    // items, in an envelope.
    let from_page = page(reference.response().as_array().unwrap().clone());
    for answer in [page(vec![milestone_json()]), from_page] {
        let milestones = exchange!(reference, Some(&answer), |client| client.list_milestones(
            WS,
            uuid(PROJECT),
            &ListMilestonesQuery::new()
        ));
        assert_encodes_to!(milestones, answer);
        assert_eq!(milestones.results[0].external_source.as_deref(), Some("github"));
    }
    // The paginator's parameters, which the SDK passes through.
    let mut paged = reference.clone();
    paged.query = vec![("cursor".into(), "20:1:0".into()), ("per_page".into(), "20".into())];
    let query = ListMilestonesQuery::new().per_page(20).cursor("20:1:0");
    exchange!(paged, Some(&page(vec![])), |client| client.list_milestones(WS, uuid(PROJECT), &query));
}

#[tokio::test]
async fn create_milestone() {
    let reference = Reference::new("milestones", "add-milestone");
    for answer in [milestone_json(), reference.response()] {
        let (title, due, external_id, source) = milestone_request();
        let body = CreateMilestoneBody::new(title).target_date(due).external_id(external_id).external_source(source);
        let milestone = exchange!(reference, Some(&answer), |client| client.create_milestone(WS, uuid(PROJECT), &body));
        assert_encodes_to!(milestone, answer);
        assert_eq!(milestone.title, answer["title"].as_str().unwrap());
    }
}

#[tokio::test]
async fn retrieve_milestone() {
    let reference = Reference::new("milestones", "get-milestone-detail");
    for answer in [milestone_json(), reference.response()] {
        let milestone =
            exchange!(reference, Some(&answer), |client| client.retrieve_milestone(WS, uuid(PROJECT), uuid(MILESTONE)));
        assert_encodes_to!(milestone, answer);
        assert_eq!(milestone.target_date, Some(date(answer["target_date"].as_str().unwrap())));
    }
}

#[tokio::test]
async fn update_milestone() {
    let reference = Reference::new("milestones", "update-milestone-detail");
    for answer in [milestone_json(), reference.response()] {
        let (title, due, external_id, source) = milestone_request();
        let body =
            UpdateMilestoneBody::new().title(title).target_date(due).external_id(external_id).external_source(source);
        let milestone = exchange!(reference, Some(&answer), |client| client.update_milestone(
            WS,
            uuid(PROJECT),
            uuid(MILESTONE),
            &body
        ));
        assert_encodes_to!(milestone, answer);
        assert_eq!(milestone.id, uuid(answer["id"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn delete_milestone() {
    let reference = Reference::new("milestones", "delete-milestone");
    exchange!(reference, None, |client| client.delete_milestone(WS, uuid(PROJECT), uuid(MILESTONE)));
}

#[tokio::test]
async fn list_milestone_work_items() {
    let reference = Reference::new("milestones", "list-milestone-work-items");
    // A bare array on the page, an envelope in the SDK (which wins), as for list_milestones.
    let from_page = page(reference.response().as_array().unwrap().clone());
    for answer in [page(vec![milestone_work_item_json()]), from_page] {
        let items = exchange!(reference, Some(&answer), |client| client.list_milestone_work_items(
            WS,
            uuid(PROJECT),
            uuid(MILESTONE),
            &ListMilestoneWorkItemsQuery::new()
        ));
        assert_encodes_to!(items, answer);
        assert_eq!(items.results[0].milestone, uuid(answer["results"][0]["milestone"].as_str().unwrap()));
    }
}

#[tokio::test]
async fn remove_milestone_work_items() {
    // No reference page: the SDK's `remove_work_items`, a DELETE whose body lists the ids.
    let reference = Reference {
        method: "DELETE".into(),
        path: format!("/api/v1/workspaces/{WS}/projects/{PROJECT}/milestones/{MILESTONE}/work-items/"),
        query: Vec::new(),
        status: 204,
        request: Some(json!({"issues": [WORK_ITEM, OTHER]})),
        response: None,
    };
    let body = RemoveMilestoneWorkItemsBody::new(vec![uuid(WORK_ITEM), uuid(OTHER)]);
    exchange!(reference, None, |client| client.remove_milestone_work_items(WS, uuid(PROJECT), uuid(MILESTONE), &body));
}

#[tokio::test]
async fn add_milestone_work_items() {
    // No reference page: the SDK's `add_work_items` request. Its answer is not read, so a
    // status of 200 or 201, with a body or without, is success.
    let reference = Reference {
        method: "POST".into(),
        path: format!("/api/v1/workspaces/{WS}/projects/{PROJECT}/milestones/{MILESTONE}/work-items/"),
        query: Vec::new(),
        status: 200,
        request: Some(json!({"issues": [WORK_ITEM, OTHER]})),
        response: None,
    };
    let created = Reference { status: 201, ..reference.clone() };
    for (reference, answer) in [(reference, None), (created, Some(json!([milestone_work_item_json()])))] {
        let body = AddMilestoneWorkItemsBody::new(vec![uuid(WORK_ITEM), uuid(OTHER)]);
        exchange!(reference, answer.as_ref(), |client| client.add_milestone_work_items(
            WS,
            uuid(PROJECT),
            uuid(MILESTONE),
            &body
        ));
    }
}
