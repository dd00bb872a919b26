//! Stickies: a user's notes in the workspace. Created, listed (searched, paged), retrieved, updated
//! (set and cleared) and deleted. Stickies are workspace-level and belong to the key's user, whom
//! every test shares: each test deletes the stickies it made, even when it fails, and finds its
//! own by id or by a word only it uses.

use std::future::Future;

use futures_util::TryStreamExt;
use plane_client::{CreateStickyBody, ErrorKind, ListStickiesQuery, Sticky, StickyId, UpdateStickyBody};
use serde_json::json;

use crate::support::{Live, Made, api_error, live, unique_identifier, unknown_id, with_cleanup};

/// Creates a sticky and remembers it for the cleanup.
async fn make_sticky(live: &Live, made: &Made<StickyId>, body: &CreateStickyBody) -> Sticky {
    let created = live.client.create_sticky(&live.workspace, body).await.expect("create a sticky");
    made.add(created.id);
    created
}

/// Runs `test`, then deletes every stickie it made, even when it panicked.
async fn with_stickies<F, Fut>(test: F)
where
    F: FnOnce(Live, Made<StickyId>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let delete = |live: Live, id| async move { live.client.delete_sticky(&live.workspace, id).await };
    with_cleanup("stickies", delete, test).await;
}

#[tokio::test]
async fn a_sticky_is_created_retrieved_updated_cleared_and_deleted() {
    with_stickies(|live, made| async move {
        let (client, ws) = (&live.client, live.workspace.as_str());
        let me = client.retrieve_current_user().await.unwrap();
        let body = CreateStickyBody::new()
            .name("Groceries")
            .description_html("<p>milk</p>")
            .description(json!({"type": "doc", "content": []}))
            .logo_props(json!({"in_use": "emoji", "emoji": {"value": "129371"}}))
            .color("#ff0000")
            .background_color("#00ff00");
        let sticky = make_sticky(&live, &made, &body).await;
        assert_eq!(sticky.name.as_deref(), Some("Groceries"));
        assert_eq!(sticky.description_html, "<p>milk</p>");
        assert_eq!(sticky.description_stripped.as_deref(), Some("milk"), "derived from description_html");
        assert_eq!(sticky.description, json!({"type": "doc", "content": []}));
        assert_eq!(sticky.logo_props["emoji"]["value"], "129371");
        assert_eq!((sticky.color.as_deref(), sticky.background_color.as_deref()), (Some("#ff0000"), Some("#00ff00")));
        assert_eq!((sticky.owner, sticky.created_by), (me.id, Some(me.id)));
        assert_eq!(sticky.deleted_at, None);

        assert_eq!(client.retrieve_sticky(ws, sticky.id).await.unwrap(), sticky);

        let set = UpdateStickyBody::new()
            .name("Shopping")
            .description_html("<p>bread</p>")
            .description(json!({"type": "doc"}))
            .logo_props(json!({}))
            .color("#111111")
            .background_color("#222222")
            .sort_order(12.5);
        let updated = client.update_sticky(ws, sticky.id, &set).await.unwrap();
        assert_eq!(updated.name.as_deref(), Some("Shopping"));
        assert_eq!(updated.description_stripped.as_deref(), Some("bread"));
        assert_eq!(updated.description, json!({"type": "doc"}));
        assert_eq!(updated.logo_props, json!({}));
        assert_eq!((updated.color.as_deref(), updated.background_color.as_deref()), (Some("#111111"), Some("#222222")));
        // Unlike create (where the server picks the place), an update stores the order sent.
        assert_eq!(updated.sort_order, 12.5);

        // The three fields the spec lets PATCH clear, cleared at once.
        let clear = UpdateStickyBody::new().clear_name().clear_color().clear_background_color();
        let cleared = client.update_sticky(ws, sticky.id, &clear).await.unwrap();
        assert_eq!((cleared.name, cleared.color, cleared.background_color), (None, None, None));
        assert_eq!(cleared.description_html, "<p>bread</p>", "fields not sent are left alone");

        client.delete_sticky(ws, sticky.id).await.unwrap();
        let gone = api_error(client.retrieve_sticky(ws, sticky.id).await, ErrorKind::NotFound);
        assert_eq!(gone.body.message(), "No Sticky matches the given query.");
        api_error(client.delete_sticky(ws, sticky.id).await, ErrorKind::NotFound);
    })
    .await;
}

#[tokio::test]
async fn an_empty_sticky_gets_the_defaults() {
    with_stickies(|live, made| async move {
        let sticky = make_sticky(&live, &made, &CreateStickyBody::new()).await;
        assert_eq!(sticky.name, None);
        assert_eq!(sticky.description, json!({}));
        assert_eq!(sticky.description_html, "<p></p>");
        assert_eq!(sticky.description_stripped.as_deref(), Some(""));
        assert_eq!(sticky.description_binary, None);
        assert_eq!(sticky.logo_props, json!({}));
        assert_eq!((sticky.color, sticky.background_color), (None, None));
        // The server ignores a sort order sent on create: a new sticky goes 10000 after the
        // workspace's last one (65535 for the very first).
        let later = make_sticky(&live, &made, &CreateStickyBody::new().sort_order(5.0)).await;
        assert!(later.sort_order >= sticky.sort_order + 10000.0, "{} after {}", later.sort_order, sticky.sort_order);
    })
    .await;
}

#[tokio::test]
async fn a_stickys_html_is_sanitized() {
    with_stickies(|live, made| async move {
        let body = CreateStickyBody::new().description_html("<script>alert(1)</script><p>x</p>");
        let sticky = make_sticky(&live, &made, &body).await;
        assert_eq!(sticky.description_html, "<p>x</p>");
        assert_eq!(sticky.description_stripped.as_deref(), Some("x"));
        // An empty description has no plain text at all.
        let body = UpdateStickyBody::new().description_html("");
        let emptied = live.client.update_sticky(&live.workspace, sticky.id, &body).await.unwrap();
        assert_eq!(emptied.description_stripped, None);
    })
    .await;
}

#[tokio::test]
async fn stickies_are_searched_and_paged() {
    with_stickies(|live, made| async move {
        let (client, ws) = (&live.client, live.workspace.as_str());
        // A word no other sticky has: the search is a case-insensitive substring match on the
        // plain text.
        let word = unique_identifier();
        let mut ids = Vec::new();
        for n in 1..=3 {
            let html = format!("<p>note {n} {word}</p>");
            ids.push(make_sticky(&live, &made, &CreateStickyBody::new().description_html(html)).await.id);
        }
        make_sticky(&live, &made, &CreateStickyBody::new().description_html("<p>unrelated</p>")).await;

        // One per page: the stream has to follow the cursor.
        let query = ListStickiesQuery::new().query(word.to_lowercase()).per_page(1);
        let page = client.list_stickies(ws, &query).await.unwrap();
        assert_eq!(page.results.len(), 1);
        assert!(page.next_page_results, "more pages follow");
        let found: Vec<Sticky> = client.list_stickies_stream(ws, &query).try_collect().await.unwrap();
        let mut found: Vec<_> = found.iter().map(|s| s.id).collect();
        found.sort_unstable();
        ids.sort_unstable();
        assert_eq!(found, ids);

        let all: Vec<Sticky> =
            client.list_stickies_stream(ws, &ListStickiesQuery::new().per_page(100)).try_collect().await.unwrap();
        assert!(ids.iter().all(|id| all.iter().any(|s| s.id == *id)), "unfiltered, the list has them too");
    })
    .await;
}

#[tokio::test]
async fn an_unknown_sticky_is_not_found() {
    let Some(live) = live() else { return };
    let error = api_error(live.client.retrieve_sticky(&live.workspace, unknown_id()).await, ErrorKind::NotFound);
    assert_eq!(error.body.message(), "No Sticky matches the given query.");
}
