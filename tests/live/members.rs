//! Members: of the workspace, and of a project (list, add, retrieve, change the role, remove).

use plane_client::{CreateProjectMemberBody, ErrorKind, Role, UpdateProjectMemberBody};

use crate::support::{api_error, with_project};

/// Plane's project roles.
const ADMIN: Role = Role::Admin;
const MEMBER: Role = Role::Member;
const GUEST: Role = Role::Guest;

#[tokio::test]
async fn project_members_are_added_changed_and_removed() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client(), ctx.ws(), ctx.project.id);
        let me = client.retrieve_current_user().await.unwrap();
        let workspace = client.list_workspace_members(ws).await.unwrap();
        assert!(workspace.iter().any(|m| m.id == me.id && m.role == ADMIN), "the key's user is a workspace admin");

        let members = client.list_project_members(ws, project).await.unwrap();
        assert_eq!(members.iter().map(|m| m.id).collect::<Vec<_>>(), [me.id], "the creator is the only member");

        // The harness seeds a second workspace member; in a workspace of one, adding a member
        // cannot be shown.
        let Some(other) = workspace.iter().find(|m| m.id != me.id && m.role.code() >= MEMBER.code()) else {
            assert!(std::env::var("CI").is_err(), "CI's server must have a second workspace member");
            return;
        };
        let membership = client
            .create_project_member(ws, project, &CreateProjectMemberBody::new(other.id).role(MEMBER))
            .await
            .unwrap();
        assert_eq!((membership.member, membership.role), (other.id, MEMBER));
        // Adding someone twice is not a 409 here: the server's unique constraint fails, and it
        // answers 400 `{"error": "The payload is not valid"}`.
        api_error(
            client.create_project_member(ws, project, &CreateProjectMemberBody::new(other.id)).await,
            ErrorKind::BadRequest,
        );

        let user = client.retrieve_project_member(ws, project, membership.id).await.unwrap();
        assert_eq!(user.id, other.id);

        let changed = client
            .update_project_member(ws, project, membership.id, &UpdateProjectMemberBody::new().role(GUEST))
            .await
            .unwrap();
        assert_eq!(changed.role, GUEST);

        // Removing deactivates the membership; the server's member list does not filter on that, so
        // the user is still listed (views/member.py), and only the 204 can be checked.
        client.delete_project_member(ws, project, membership.id).await.unwrap();
    })
    .await;
}
