//! Assets: user assets (avatar, cover) and workspace assets. Plane CE v1.3.1 cannot complete most
//! creates: without object storage a user asset's presigned upload cannot be signed, and the
//! `…_server` create, the workspace create and the download of an uploaded workspace asset fail
//! on every v1.3.1 server (the server's storage class has no `is_server` parameter). Each of
//! those failures comes AFTER the asset is recorded, so the tests assert the exact failure, reach
//! the recorded workspace asset through the 409 that a second create with the same external id
//! answers, and drive it through every state the API allows.
//!
//! What the tests cannot remove: a user asset whose create failed with a 500 stays recorded (not
//! uploaded, attached to nothing, listed nowhere), because the 500 does not say its id and no
//! route finds it; one per run of `a_user_asset_is_created_only_with_object_storage` (none when
//! the server has object storage: the test then deletes it), and one per run of
//! `the_server_user_asset_create_always_fails_on_v1_3_1`. Workspace assets have no delete route
//! of their own; the tests remove theirs through the work-item attachment route (see
//! [`remove_workspace_asset`]).

use plane_client::{
    AssetId, Client, CreateUserAssetBody, CreateUserServerAssetBody, CreateWorkItemBody, CreateWorkspaceAssetBody,
    ErrorKind, ProjectId, UpdateUserAssetBody, UpdateUserServerAssetBody, UpdateWorkspaceAssetBody,
    UserAssetEntityType, WorkItemAttachmentId,
};
use serde_json::{Value, json};

use crate::support::{api_error, live, unique_identifier, unknown_id, with_project};

/// The body of every 500 that a create answers when signing the upload fails.
const CREATE_FAILED: &str = "Something went wrong please try again later";

/// Removes a workspace asset recorded in `project`. There is no delete route for workspace
/// assets, but such an asset is recorded as a work-item attachment (of no work item), and the
/// attachment delete route finds attachments by id and project only: deleting it "from" any work
/// item of the project removes it.
async fn remove_workspace_asset(client: &Client, ws: &str, project: ProjectId, asset: AssetId) {
    let work_item = client.create_work_item(ws, project, &CreateWorkItemBody::new("Holder")).await.unwrap();
    // The one place where an asset's id is an attachment's: said out loud.
    let attachment = WorkItemAttachmentId::from_uuid(asset.uuid());
    client.delete_work_item_attachment(ws, project, work_item.id, attachment).await.unwrap();
    let gone = api_error(client.retrieve_workspace_asset(ws, asset).await, ErrorKind::NotFound);
    assert_eq!(gone.body.message(), "Asset not found");
}

#[tokio::test]
async fn a_workspace_asset_is_recorded_found_again_marked_uploaded_and_removed() {
    with_project(|ctx| async move {
        let (client, ws, project) = (ctx.client().clone(), ctx.ws().to_string(), ctx.project.id);
        let external_id = unique_identifier();
        let body = CreateWorkspaceAssetBody::new("report.pdf", "application/pdf")
            .size(2048)
            .project_id(project)
            .external_id(external_id.clone())
            .external_source("live-tests");
        // Fails on every v1.3.1 server (the `is_server` bug), after recording the asset.
        let failed = api_error(client.create_workspace_asset(&ws, &body).await, ErrorKind::Server);
        assert_eq!(failed.body.message(), CREATE_FAILED);
        // The same external id and source again: a 409 that names the recorded asset.
        let conflict = api_error(client.create_workspace_asset(&ws, &body).await, ErrorKind::Conflict);
        let conflict: Value = serde_json::from_str(&conflict.raw).unwrap();
        assert_eq!(conflict["message"], "Asset with same external id and source already exists");
        let asset: AssetId = conflict["asset_id"].as_str().and_then(|id| id.parse().ok()).expect("the asset's id");
        let url = conflict["asset_url"].as_str().unwrap();
        assert!(url.ends_with(&format!("/projects/{project}/issues/None/attachments/{asset}/")), "{url}");

        // The assertions run as a task of their own so that the asset is removed whatever happens.
        let checks = tokio::spawn({
            let (client, ws) = (client.clone(), ws.clone());
            async move {
                let not_uploaded =
                    |e: Box<plane_client::ApiError>| assert_eq!(e.body.message(), "Asset not yet uploaded");
                not_uploaded(api_error(client.retrieve_workspace_asset(&ws, asset).await, ErrorKind::BadRequest));
                // An empty update leaves the asset as it is.
                client.update_workspace_asset(&ws, asset, &UpdateWorkspaceAssetBody::new()).await.unwrap();
                not_uploaded(api_error(client.retrieve_workspace_asset(&ws, asset).await, ErrorKind::BadRequest));

                let uploaded = UpdateWorkspaceAssetBody::new().is_uploaded(true);
                client.update_workspace_asset(&ws, asset, &uploaded).await.unwrap();
                // Uploaded, its download URL would be signed next: the `is_server` bug again.
                let error = api_error(client.retrieve_workspace_asset(&ws, asset).await, ErrorKind::Server);
                assert_eq!(error.body.message(), "Internal server error");

                let back = UpdateWorkspaceAssetBody::new().is_uploaded(false);
                client.update_workspace_asset(&ws, asset, &back).await.unwrap();
                not_uploaded(api_error(client.retrieve_workspace_asset(&ws, asset).await, ErrorKind::BadRequest));

                // The user-asset routes only reach the caller's own user assets.
                let error = api_error(
                    client.update_user_asset(asset, &UpdateUserAssetBody::new().attributes(json!({}))).await,
                    ErrorKind::NotFound,
                );
                assert_eq!(error.body.message(), "The requested resource does not exist.");
            }
        })
        .await;
        remove_workspace_asset(&client, &ws, project, asset).await;
        if let Err(failure) = checks {
            std::panic::resume_unwind(failure.into_panic());
        }
        let error = api_error(
            client.update_workspace_asset(&ws, asset, &UpdateWorkspaceAssetBody::new().is_uploaded(true)).await,
            ErrorKind::NotFound,
        );
        assert_eq!(error.body.message(), "Asset not found");
    })
    .await;
}

#[tokio::test]
async fn a_workspace_asset_needs_a_name_a_size_and_a_known_type() {
    let Some(live) = live() else { return };
    let (client, ws) = (&live.client, live.workspace.as_str());
    // None of these records anything: the checks come first.
    let refused = |body: CreateWorkspaceAssetBody, message: &'static str| async move {
        let error = api_error(client.create_workspace_asset(ws, &body).await, ErrorKind::BadRequest);
        assert_eq!(error.body.message(), message);
    };
    refused(CreateWorkspaceAssetBody::new("", "image/png").size(10), "Name and size are required fields.").await;
    refused(CreateWorkspaceAssetBody::new("a.png", "image/png").size(0), "Name and size are required fields.").await;
    refused(CreateWorkspaceAssetBody::new("a.exe", "application/x-msdownload").size(10), "Invalid file type.").await;
    // A project id that is no project: the row cannot be written.
    let body = CreateWorkspaceAssetBody::new("a.png", "image/png").size(10).project_id(unknown_id());
    refused(body, "The payload is not valid").await;

    let body = CreateWorkspaceAssetBody::new("a.png", "image/png").size(10);
    let error = api_error(client.create_workspace_asset("no-such-workspace-here", &body).await, ErrorKind::NotFound);
    assert_eq!(error.body.message(), "The requested resource does not exist.");
}

#[tokio::test]
async fn an_unknown_workspace_asset_is_not_found() {
    let Some(live) = live() else { return };
    let (client, ws) = (&live.client, live.workspace.as_str());
    let error = api_error(client.retrieve_workspace_asset(ws, unknown_id()).await, ErrorKind::NotFound);
    assert_eq!(error.body.message(), "Asset not found");
    let body = UpdateWorkspaceAssetBody::new().is_uploaded(true);
    let error = api_error(client.update_workspace_asset(ws, unknown_id(), &body).await, ErrorKind::NotFound);
    assert_eq!(error.body.message(), "Asset not found");
    let error =
        api_error(client.retrieve_workspace_asset("no-such-workspace-here", unknown_id()).await, ErrorKind::NotFound);
    assert_eq!(error.body.message(), "Workspace not found");
}

#[tokio::test]
async fn a_user_asset_needs_a_user_entity_type_and_an_image_type() {
    let Some(live) = live() else { return };
    let client = &live.client;
    // None of these records anything: the checks come first.
    let project_cover = UserAssetEntityType::Unknown("PROJECT_COVER".into());
    let error = api_error(
        client.create_user_asset(&CreateUserAssetBody::new(project_cover.clone())).await,
        ErrorKind::BadRequest,
    );
    assert_eq!(error.body.message(), "Invalid entity type.");
    let body = CreateUserAssetBody::new(UserAssetEntityType::UserCover).r#type("application/pdf");
    let error = api_error(client.create_user_asset(&body).await, ErrorKind::BadRequest);
    assert_eq!(error.body.message(), "Invalid file type. Only JPEG and PNG files are allowed.");

    let body = CreateUserServerAssetBody::new(project_cover);
    let error = api_error(client.create_user_server_asset(&body).await, ErrorKind::BadRequest);
    assert_eq!(error.body.message(), "Invalid entity type.");
    let body = CreateUserServerAssetBody::new(UserAssetEntityType::UserAvatar).r#type("application/pdf");
    let error = api_error(client.create_user_server_asset(&body).await, ErrorKind::BadRequest);
    assert_eq!(error.body.message(), "Invalid file type. Only JPEG and PNG files are allowed.");
}

#[tokio::test]
async fn a_user_asset_is_created_only_with_object_storage() {
    let Some(live) = live() else { return };
    let client = &live.client;
    let body =
        CreateUserAssetBody::new(UserAssetEntityType::UserCover).name("cover.png").r#type("image/png").size(1024);
    match client.create_user_asset(&body).await {
        // A server with object storage signs the upload. The file is never sent; the asset is
        // marked uploaded and deleted. (Deleting a cover asset also unsets the user's cover
        // image: the server does that for any cover asset deleted, current or not.)
        Ok(upload) => {
            let form = upload.upload_data.expect("a signed upload form");
            assert!(form.fields.contains_key("key"), "{form:?}");
            assert!(upload.asset_url.contains(&upload.asset_id.to_string()), "{}", upload.asset_url);
            let attributes = json!({"name": "cover.png", "type": "image/png", "size": 1024});
            client
                .update_user_asset(upload.asset_id, &UpdateUserAssetBody::new().attributes(attributes))
                .await
                .unwrap();
            client.delete_user_asset(upload.asset_id).await.unwrap();
            api_error(client.delete_user_asset(upload.asset_id).await, ErrorKind::NotFound);
        }
        // Without it, signing fails after the asset is recorded; the 500 does not say the
        // asset's id, so the test cannot go on (nor remove it).
        Err(error) => {
            let error = api_error::<()>(Err(error), ErrorKind::Server);
            assert_eq!(error.body.message(), CREATE_FAILED);
        }
    }
}

#[tokio::test]
async fn the_server_user_asset_create_always_fails_on_v1_3_1() {
    let Some(live) = live() else { return };
    let body =
        CreateUserServerAssetBody::new(UserAssetEntityType::UserAvatar).name("me.jpg").r#type("image/jpeg").size(1024);
    // The `is_server` bug: a 500 with or without object storage, after recording the asset,
    // whose id it does not say.
    let error = api_error(live.client.create_user_server_asset(&body).await, ErrorKind::Server);
    assert_eq!(error.body.message(), CREATE_FAILED);
}

#[tokio::test]
async fn user_assets_of_others_or_unknown_are_not_found() {
    let Some(live) = live() else { return };
    let client = &live.client;
    // Without object storage no create says a user asset's id (see the module's comment), so
    // there these four operations can only be shown reaching the server and looking the asset up
    // (`uploads.rs` uploads one with storage): an asset that is not the caller's, deleted or
    // unknown is a 404.
    let not_found = "The requested resource does not exist.";
    let body = UpdateUserAssetBody::new().attributes(json!({"name": "x.png"}));
    let error = api_error(client.update_user_asset(unknown_id(), &body).await, ErrorKind::NotFound);
    assert_eq!(error.body.message(), not_found);
    let error = api_error(client.delete_user_asset(unknown_id()).await, ErrorKind::NotFound);
    assert_eq!(error.body.message(), not_found);
    let body = UpdateUserServerAssetBody::new().attributes(json!({"name": "x.png"}));
    let error = api_error(client.update_user_server_asset(unknown_id(), &body).await, ErrorKind::NotFound);
    assert_eq!(error.body.message(), not_found);
    let error = api_error(client.delete_user_server_asset(unknown_id()).await, ErrorKind::NotFound);
    assert_eq!(error.body.message(), not_found);
}
