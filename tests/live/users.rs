//! The current user: the owner of the API key.

use crate::support::live;

#[tokio::test]
async fn the_key_belongs_to_the_current_user() {
    let Some(live) = live() else { return };
    let me = live.client.retrieve_current_user().await.unwrap();
    let members = live.client.list_workspace_members(&live.workspace).await.unwrap();
    assert!(members.iter().any(|m| m.id == me.id), "the key's user is a member of the workspace");
    assert!(!me.display_name.is_empty());
}
