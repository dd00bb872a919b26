//! Workspace invitations: created (with each role), listed, retrieved, changed and deleted. They
//! are workspace-level: each test invites addresses of its own on example.com (no e-mail is sent:
//! this API only records the invitation) and deletes them, even when it fails.

use std::future::Future;

use plane_client::{
    CreateWorkspaceInvitationBody, ErrorKind, Role, UpdateWorkspaceInvitationBody, WorkspaceInvitation,
    WorkspaceInvitationId,
};

use crate::support::{Live, Made, api_error, unique_identifier, with_cleanup};

/// Plane's workspace roles.
const ADMIN: Role = Role::Admin;
const MEMBER: Role = Role::Member;
const GUEST: Role = Role::Guest;

/// An address no other run invites.
fn unique_email() -> String {
    format!("live-{}@example.com", unique_identifier().to_lowercase())
}

/// Creates an invitation and remembers it for the cleanup.
async fn invite(
    live: &Live,
    made: &Made<WorkspaceInvitationId>,
    body: &CreateWorkspaceInvitationBody,
) -> WorkspaceInvitation {
    let created = live.client.create_workspace_invitation(&live.workspace, body).await.expect("create an invitation");
    made.add(created.id);
    created
}

/// Runs `test`, then deletes every invitation it made, even when it panicked.
async fn with_invitations<F, Fut>(test: F)
where
    F: FnOnce(Live, Made<WorkspaceInvitationId>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let delete = |live: Live, id| async move { live.client.delete_workspace_invitation(&live.workspace, id).await };
    with_cleanup("invitations", delete, test).await;
}

#[tokio::test]
async fn an_invitation_is_created_listed_retrieved_changed_and_deleted() {
    with_invitations(|live, made| async move {
        let (client, ws) = (&live.client, live.workspace.as_str());
        let email = unique_email();
        let invitation = invite(&live, &made, &CreateWorkspaceInvitationBody::new(email.clone())).await;
        assert_eq!((invitation.email.as_str(), invitation.role), (email.as_str(), GUEST), "a guest by default");
        assert_eq!((invitation.accepted, invitation.responded_at), (false, None));

        // A bare array, not a page: the whole workspace's invitations, so look for ours by id.
        let all = client.list_workspace_invitations(ws).await.unwrap();
        assert_eq!(all.iter().filter(|i| i.id == invitation.id).collect::<Vec<_>>(), [&invitation]);

        assert_eq!(client.retrieve_workspace_invitation(ws, invitation.id).await.unwrap(), invitation);

        let body = UpdateWorkspaceInvitationBody::new().role(MEMBER);
        let member = client.update_workspace_invitation(ws, invitation.id, &body).await.unwrap();
        assert_eq!((member.id, member.email.as_str(), member.role), (invitation.id, email.as_str(), MEMBER));
        // An empty update changes nothing.
        let same = client.update_workspace_invitation(ws, invitation.id, &UpdateWorkspaceInvitationBody::new()).await;
        assert_eq!(same.unwrap().role, MEMBER);
        assert_eq!(client.retrieve_workspace_invitation(ws, invitation.id).await.unwrap().role, MEMBER);

        client.delete_workspace_invitation(ws, invitation.id).await.unwrap();
        let gone = api_error(client.retrieve_workspace_invitation(ws, invitation.id).await, ErrorKind::NotFound);
        assert_eq!(gone.body.message(), "The required object does not exist.");
        api_error(client.delete_workspace_invitation(ws, invitation.id).await, ErrorKind::NotFound);
        let all = client.list_workspace_invitations(ws).await.unwrap();
        assert!(all.iter().all(|i| i.id != invitation.id), "a deleted invitation is not listed");
    })
    .await;
}

#[tokio::test]
async fn each_role_can_be_invited_and_given() {
    with_invitations(|live, made| async move {
        let (client, ws) = (&live.client, live.workspace.as_str());
        for role in [ADMIN, MEMBER, GUEST] {
            let body = CreateWorkspaceInvitationBody::new(unique_email()).role(role);
            let invitation = invite(&live, &made, &body).await;
            assert_eq!(invitation.role, role);
            // And each role set by an update, from a different one.
            let other = if role == GUEST { ADMIN } else { GUEST };
            let body = UpdateWorkspaceInvitationBody::new().role(other);
            assert_eq!(client.update_workspace_invitation(ws, invitation.id, &body).await.unwrap().role, other);
            let body = UpdateWorkspaceInvitationBody::new().role(role);
            assert_eq!(client.update_workspace_invitation(ws, invitation.id, &body).await.unwrap().role, role);
        }
    })
    .await;
}

#[tokio::test]
async fn an_address_has_one_pending_invitation_at_a_time() {
    with_invitations(|live, made| async move {
        let (client, ws) = (&live.client, live.workspace.as_str());
        let body = CreateWorkspaceInvitationBody::new(unique_email());
        let first = invite(&live, &made, &body).await;
        // Not a 409: the serializer's validation says no.
        let again = api_error(client.create_workspace_invitation(ws, &body).await, ErrorKind::BadRequest);
        assert_eq!(again.body.message(), "non_field_errors: Email already invited");

        client.delete_workspace_invitation(ws, first.id).await.unwrap();
        let second = invite(&live, &made, &body).await;
        assert_ne!(second.id, first.id, "once deleted, the address can be invited again");
    })
    .await;
}

#[tokio::test]
async fn a_bad_role_or_address_is_refused() {
    with_invitations(|live, _made| async move {
        let (client, ws) = (&live.client, live.workspace.as_str());
        // 10 was a role once (viewer); the server no longer has it. Nothing is created.
        let body = CreateWorkspaceInvitationBody::new(unique_email()).role(Role::Unknown(10));
        let error = api_error(client.create_workspace_invitation(ws, &body).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), "role: \"10\" is not a valid choice.");
        let body = CreateWorkspaceInvitationBody::new("not an address");
        let error = api_error(client.create_workspace_invitation(ws, &body).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), "email: Invalid email address");
    })
    .await;
}

#[tokio::test]
async fn a_bad_role_is_refused_by_an_update() {
    with_invitations(|live, made| async move {
        let (client, ws) = (&live.client, live.workspace.as_str());
        let invitation = invite(&live, &made, &CreateWorkspaceInvitationBody::new(unique_email()).role(MEMBER)).await;
        let body = UpdateWorkspaceInvitationBody::new().role(Role::Unknown(10));
        let error =
            api_error(client.update_workspace_invitation(ws, invitation.id, &body).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), "role: \"10\" is not a valid choice.");
        assert_eq!(client.retrieve_workspace_invitation(ws, invitation.id).await.unwrap().role, MEMBER);
    })
    .await;
}
