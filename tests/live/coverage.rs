//! Coverage: every route that the live server's own schema (`/api/schema/`) lists has an
//! operation in `generated/openapi.json`, except the legacy `/issues/…` twins of the
//! `/work-items/…` routes and the routes listed in `tests/live/excluded.txt` with a reason.

use std::collections::BTreeSet;

use plane_tests::root;
use serde_json::Value;

use crate::support::live;

/// (method, path) pairs with every path parameter written `{}`: parameter names differ between
/// the server and the spec (`{slug}` and `{workspace_slug}`), and a segment such as
/// `{project_identifier}-{issue_identifier}` is one parameter in the spec.
fn routes(document: &Value) -> BTreeSet<(String, String)> {
    let paths = document["paths"].as_object().expect("an OpenAPI document has paths");
    let mut routes = BTreeSet::new();
    for (path, item) in paths {
        let path = path.split('/').map(|s| if s.contains('{') { "{}" } else { s }).collect::<Vec<_>>().join("/");
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                routes.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    routes
}

/// The routes left out on purpose: `METHOD PATH  reason` per line, `#` comments.
fn excluded() -> BTreeSet<(String, String)> {
    let text = std::fs::read_to_string(root().join("tests/live/excluded.txt")).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut words = line.split_whitespace();
            let (Some(method), Some(path), Some(_reason)) = (words.next(), words.next(), words.next()) else {
                panic!("excluded.txt: `{line}` is not `METHOD PATH reason`");
            };
            (method.to_string(), path.to_string())
        })
        .collect()
}

#[tokio::test]
async fn every_route_the_server_serves_is_an_operation() {
    let Some(live) = live() else { return };
    let url = live.client.base_url().join("api/schema/?format=json").unwrap();
    let served = reqwest::get(url).await.unwrap().error_for_status().unwrap().bytes().await.unwrap();
    let served: Value = serde_json::from_slice(&served).expect("the served schema is JSON");
    let ours: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("generated/openapi.json")).unwrap()).unwrap();
    let ours = routes(&ours);
    let excluded = excluded();

    let served = routes(&served);
    let legacy = |path: &str| path.contains("/issues/");
    let missing: Vec<_> = served
        .iter()
        .filter(|(m, p)| {
            !legacy(p) && !ours.contains(&(m.clone(), p.clone())) && !excluded.contains(&(m.clone(), p.clone()))
        })
        .collect();
    assert!(missing.is_empty(), "routes the server serves that the spec does not cover: {missing:#?}");

    let stale: Vec<_> = excluded.iter().filter(|r| ours.contains(r) || !served.contains(r)).collect();
    assert!(stale.is_empty(), "excluded.txt lists routes that are covered or not served: {stale:#?}");
    let twins = served.iter().filter(|(_, p)| legacy(p)).count();
    assert!(twins > 0, "the legacy twins are in the served schema, and left out on purpose");
}

/// Whether the Community Edition serves `operation` (its `x-editions`, from the spec's
/// `editions:`). The others (Customers, epics, worklogs, …) are paid-edition features that its
/// server does not have, tested against local mocks instead (`tests/operations.rs`,
/// `tests/cloud_epics.rs`).
fn community(operation: &Value) -> bool {
    operation["x-editions"].as_array().is_none_or(|editions| editions.iter().any(|e| e == "community"))
}

/// Keeps the promise of this folder as the spec grows: every Community Edition operation (and
/// its page stream) is called by a live test, and so is every `clear_…` method of its bodies.
/// Calls are found by name in the tests' text, so a `clear_…` that two bodies share counts once.
#[test]
fn every_operation_and_every_clear_method_is_called_by_a_live_test() {
    let folder = root().join("tests/live");
    let tests: String = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    let called = |method: &str| tests.contains(&format!(".{method}("));
    let ours: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("generated/openapi.json")).unwrap()).unwrap();
    let mut missing = Vec::new();
    let mut modules = BTreeSet::new();
    for item in ours["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            let variants = operation.get("x-variants").and_then(Value::as_array).cloned().unwrap_or_default();
            for operation in std::iter::once(operation).chain(&variants) {
                if !community(operation) {
                    continue;
                }
                let module = operation["tags"][0].as_str().unwrap();
                modules.insert(module.to_string());
                let id = operation["operationId"].as_str().unwrap();
                if !called(id) {
                    missing.push(id.to_string());
                }
            }
        }
    }
    // The page streams and clear methods, from the generated code itself.
    for module in &modules {
        let source = std::fs::read_to_string(root().join(format!("generated/src/{module}.rs"))).unwrap();
        for method in source.split("pub fn ").skip(1).filter_map(|rest| rest.split('(').next()) {
            if (method.starts_with("clear_") || method.ends_with("_stream")) && !called(method) {
                missing.push(format!("{module}::{method}"));
            }
        }
    }
    assert!(missing.is_empty(), "not called by any live test: {missing:#?}");
}
