//! Editions: the Community server answers an operation it does not serve (one of the commercial
//! editions' or Cloud's) as it answers any path it does not route, and the client tells that
//! apart from an ordinary 404 for a missing resource (`spec/plane.yaml`, `api.not_served`).

use plane_client::{ErrorKind, ListCustomersQuery, Method, ProjectId, Value};

use crate::support::{api_error, live};

#[tokio::test]
async fn an_operation_the_edition_does_not_serve_is_not_served_not_missing() {
    let Some(live) = live() else { return };
    let (client, ws) = (&live.client, live.workspace.as_str());

    // Customers are the commercial editions' and Cloud's (`editions:` in spec/customers.yaml).
    let error = api_error(client.list_customers(ws, &ListCustomersQuery::new()).await, ErrorKind::NotServed);
    assert_eq!(error.status.as_u16(), 404);
    // So are initiatives, which the spec does not have yet: the escape hatch sorts them alike.
    let initiatives =
        client.request::<Value>(Method::GET, "/api/v1/workspaces/{slug}/initiatives/").path_param("slug", ws);
    api_error(initiatives.await, ErrorKind::NotServed);

    // A project that does not exist, on a path the server routes: an ordinary 404.
    let missing = ProjectId::from_uuid(plane_client::Uuid::new_v4());
    let error = api_error(client.retrieve_project(ws, missing).await, ErrorKind::NotFound);
    assert_eq!(error.status.as_u16(), 404);
}
