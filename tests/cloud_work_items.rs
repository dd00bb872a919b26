//! The paid editions' additions to work items against a local server: the advanced search. Its
//! request must be the reference page's example request (method, exact path and JSON body); its
//! answer is given twice, built from the Python SDK's model with every field set and as the
//! reference page shows it, decoded by a strict client (`deny_unknown_fields`: a key the spec
//! lacks fails) and encoded back to the same JSON.

#[macro_use]
mod cloud_common;

use cloud_common::*;
use plane_client::*;
use serde_json::{Value, json};

/// The SDK's `AdvancedSearchResult`, every field set.
fn advanced_search_result_json() -> Value {
    json!({
        "id": WORK_ITEM, "name": "Fix the login redirect", "sequence_id": 102, "project_identifier": "WEB",
        "project_id": PROJECT, "workspace_id": OTHER, "type_id": PAGE, "state_id": EPIC, "priority": "urgent",
        "target_date": "2025-04-30", "start_date": "2025-04-01"
    })
}

#[tokio::test]
async fn advanced_search_work_items() {
    let reference = Reference::new("work_items", "advanced-search-work-items");
    // The page shows an array holding one array of results; the SDK decodes a flat array of
    // results, and wins: the page's inner array is the answer.
    let from_page = reference.response()[0].clone();
    for answer in [json!([advanced_search_result_json()]), from_page] {
        let body = AdvancedSearchWorkItemsBody::new().query("login").project_id(uuid(PROJECT)).limit(10);
        let results = exchange!(reference, Some(&answer), |client| client.advanced_search_work_items(WS, &body));
        assert_encodes_to!(results, answer);
        assert_eq!(results[0].id, uuid(answer[0]["id"].as_str().unwrap()));
    }
    // Filters are sent as given: nested and/or groups of conditions.
    let filters = json!({"and": [{"state_id": EPIC}, {"or": [{"priority": "high"}, {"priority": "urgent"}]}]});
    let mut filtered = reference.clone();
    filtered.request = Some(json!({"filters": filters, "workspace_search": true}));
    let filters = filters.as_object().unwrap().clone().into_iter().collect();
    let body = AdvancedSearchWorkItemsBody::new().filters(filters).workspace_search(true);
    let results = exchange!(filtered, Some(&json!([])), |client| client.advanced_search_work_items(WS, &body));
    assert!(results.is_empty());
}
