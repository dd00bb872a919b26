//! Project summary: the counts of a new project, and the counts after the test has made (and
//! removed) members, labels, cycles, modules, work items and intake items.

use plane_client::{
    CreateCycleBody, CreateIntakeWorkItemBody, CreateLabelBody, CreateModuleBody, CreateProjectMemberBody,
    CreateWorkItemBody, ErrorKind, IntakeStatus, IntakeWorkItemNew, ProjectSummaryCounts, Role,
    UpdateIntakeWorkItemBody, UpdateProjectBody,
};

use crate::support::{api_error, live, unknown_id, with_project};

/// The project role of a member.
const MEMBER: Role = Role::Member;

#[tokio::test]
async fn a_new_project_counts_its_creator_and_five_states() {
    with_project(|ctx| async move {
        let summary = ctx.client().retrieve_project_summary(ctx.ws(), ctx.project.id).await.unwrap();
        assert_eq!(summary.id, ctx.project.id);
        assert_eq!((&summary.name, &summary.identifier), (&ctx.project.name, &ctx.project.identifier));
        assert_eq!(summary.counts, ProjectSummaryCounts::new(1, 5, 0, 0, 0, 0, 0, 0));
    })
    .await;
}

#[tokio::test]
async fn the_counts_follow_what_the_project_holds() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap();

        // A second member, when the workspace has one (the harness's server does).
        let teammate = client
            .list_workspace_members(ws)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.id != me.id && m.role.code() >= MEMBER.code());
        let membership = match &teammate {
            Some(teammate) => {
                let body = CreateProjectMemberBody::new(teammate.id).role(MEMBER);
                Some(client.create_project_member(ws, project, &body).await.unwrap())
            }
            None => {
                assert!(std::env::var("CI").is_err(), "CI's server must have a second workspace member");
                None
            }
        };
        let members = 1 + i64::from(membership.is_some());

        // Cycles and modules are refused until the project turns them on; intake too.
        let features = UpdateProjectBody::new().cycle_view(true).module_view(true).intake_view(true);
        client.update_project(ws, project, &features).await.unwrap();
        let mut labels = Vec::new();
        for name in ["bug", "feature", "chore"] {
            labels.push(client.create_label(ws, project, &CreateLabelBody::new(name)).await.unwrap().id);
        }
        client.create_cycle(ws, project, &CreateCycleBody::new("Sprint 1", project)).await.unwrap();
        for name in ["Auth", "Billing"] {
            client.create_module(ws, project, &CreateModuleBody::new(name)).await.unwrap();
        }
        let mut work_items = Vec::new();
        for name in ["One", "Two", "Three"] {
            work_items.push(client.create_work_item(ws, project, &CreateWorkItemBody::new(name)).await.unwrap().id);
        }
        let mut intake: Vec<_> = Vec::new();
        for name in ["Pending", "Accepted"] {
            let body = CreateIntakeWorkItemBody::new(IntakeWorkItemNew::new(name));
            intake.push(client.create_intake_work_item(ws, project, &body).await.unwrap().issue);
        }
        let accept = UpdateIntakeWorkItemBody::new().status(IntakeStatus::Accepted);
        client.update_intake_work_item(ws, project, intake[1], &accept).await.unwrap();

        let counts = client.retrieve_project_summary(ws, project).await.unwrap().counts;
        // The pending intake item's work item is still in the Triage state, which counts neither
        // as a state nor as a work item; the accepted one's counts. There is no pages API.
        assert_eq!(counts, ProjectSummaryCounts::new(members, 5, 3, 1, 2, 3 + 1, 2, 0));

        // Removed things are not counted.
        client.delete_label(ws, project, labels[0]).await.unwrap();
        client.delete_work_item(ws, project, work_items[0]).await.unwrap();
        client.delete_intake_work_item(ws, project, intake[0]).await.unwrap();
        if let Some(membership) = membership {
            client.delete_project_member(ws, project, membership.id).await.unwrap();
        }
        let counts = client.retrieve_project_summary(ws, project).await.unwrap().counts;
        assert_eq!(counts, ProjectSummaryCounts::new(1, 5, 2, 1, 2, 2 + 1, 1, 0));
    })
    .await;
}

#[tokio::test]
async fn an_unknown_project_has_no_summary() {
    let Some(live) = live() else { return };
    let unknown = unknown_id();
    let error = api_error(live.client.retrieve_project_summary(&live.workspace, unknown).await, ErrorKind::NotFound);
    assert_eq!(error.body.message(), "Project not found");
}
