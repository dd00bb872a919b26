//! The spec covers Plane's documented API: at least 95 % of the operations that Plane's API
//! reference pages document, and of the endpoints that its official Python SDK calls, are
//! operations of `generated/openapi.json`, and every one that is not is listed, with the reason,
//! in the table "Plane's operations not in the spec" of `spec/README.md`, whose counts are these.
//!
//! The two sources' operations are in `reference/documented.tsv`, which
//! `reference/collect-documented` writes from Plane's reference pages and SDK, beside the query
//! parameters each page documents (`reference/query.tsv`): every one is a parameter of its
//! operation, or `expand` or `fields` of an operation whose answer expands or is cut to fields
//! (`Call::expand`, `Call::fields`), or is in `reference/undeclared-query.tsv` with the reason.

use std::collections::BTreeSet;

use plane_tests::{normal_path as normal, root};
use serde_json::Value;

/// An operation: its method and its path, with every parameter written `{}`.
type Operation = (String, String);

/// The operations of the exported OpenAPI document.
fn exported() -> BTreeSet<Operation> {
    let text = std::fs::read_to_string(root().join("generated/openapi.json")).unwrap();
    let document: Value = serde_json::from_str(&text).unwrap();
    let mut operations = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                operations.insert((method.to_uppercase(), normal(path)));
            }
        }
    }
    operations
}

/// The operations `source` (`reference` or `sdk`) documents.
fn documented(source: &str) -> BTreeSet<Operation> {
    let text = std::fs::read_to_string(root().join("tests/reference/documented.tsv")).unwrap();
    text.lines()
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .filter(|fields| fields[0] == source)
        .map(|fields| (fields[1].to_string(), normal(fields[2])))
        .collect()
}

/// The rows of the README's table of operations left out: (operation, sources, reason).
fn left_out() -> Vec<(Operation, String, String)> {
    let readme = std::fs::read_to_string(root().join("spec/README.md")).unwrap();
    let section = readme.split("## Plane's operations not in the spec").nth(1).expect("the README's section");
    section
        .lines()
        .take_while(|line| !line.starts_with("## "))
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let (method, path) = cells[0].trim_matches('`').split_once(' ').expect("`METHOD /path`");
            ((method.to_string(), normal(path)), cells[1].to_string(), cells[2].to_string())
        })
        .collect()
}

/// "N of M" as the README states it for `source`'s line.
fn stated(source_title: &str) -> (usize, usize) {
    let readme = std::fs::read_to_string(root().join("spec/README.md")).unwrap();
    let line = readme.lines().find(|l| l.starts_with(&format!("- {source_title}:"))).expect(source_title);
    let numbers: Vec<usize> =
        line.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect();
    (numbers[0], numbers[1])
}

#[test]
fn every_documented_operation_is_in_the_spec_or_listed_with_its_reason() {
    let exported = exported();
    let left_out = left_out();
    for (operation, sources, reason) in &left_out {
        assert!(!exported.contains(operation), "{operation:?} is in the spec now: take it out of the README's table");
        assert!(!reason.is_empty() && !sources.is_empty(), "{operation:?} needs its sources and a reason");
    }
    let listed: BTreeSet<&Operation> = left_out.iter().map(|(operation, _, _)| operation).collect();
    for source in ["reference", "sdk"] {
        let documented = documented(source);
        let missing: Vec<&Operation> =
            documented.iter().filter(|o| !exported.contains(*o) && !listed.contains(o)).collect();
        assert!(
            missing.is_empty(),
            "{source} documents these, and the README does not say why they are left out: {missing:#?}"
        );
    }
    for (operation, sources, _) in &left_out {
        let documented_by = ["reference", "sdk"].iter().any(|s| documented(s).contains(operation));
        assert!(documented_by, "{operation:?} ({sources}) is documented by neither source");
    }
}

#[test]
fn at_least_95_percent_of_each_source_is_in_the_spec_as_the_readme_says() {
    let exported = exported();
    for (source, title) in [("reference", "Plane's API reference"), ("sdk", "Plane's Python SDK")] {
        let documented = documented(source);
        let covered = documented.iter().filter(|o| exported.contains(*o)).count();
        assert_eq!(stated(title), (covered, documented.len()), "the README's count for {title}");
        assert!(covered * 100 >= documented.len() * 95, "{title}: {covered} of {} is under 95 %", documented.len());
    }
}

/// Per exported operation: its query parameters (its variants' too), and whether its answer's
/// type expands (`x-expand`) and is cut to fields (`x-select`).
fn query_surface() -> std::collections::BTreeMap<Operation, (BTreeSet<String>, bool, bool)> {
    let text = std::fs::read_to_string(root().join("generated/openapi.json")).unwrap();
    let document: Value = serde_json::from_str(&text).unwrap();
    let schemas = &document["components"]["schemas"];
    let mut surface = std::collections::BTreeMap::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                continue;
            }
            let variants = operation["x-variants"].as_array().into_iter().flatten();
            let parameters = std::iter::once(operation)
                .chain(variants)
                .flat_map(|o| o["parameters"].as_array().into_iter().flatten());
            let query =
                parameters.filter(|p| p["in"] == "query").map(|p| p["name"].as_str().unwrap().to_string()).collect();
            let answer = first_reference(&operation["responses"]).and_then(|name| schemas.get(name));
            let (expands, selects) =
                answer.map_or((false, false), |s| (s.get("x-expand").is_some(), s["x-select"] == true));
            surface.insert((method.to_uppercase(), normal(path)), (query, expands, selects));
        }
    }
    surface
}

/// The schema name of the first `$ref` in `value`, depth first: a response's type (or its page's).
fn first_reference(value: &Value) -> Option<&str> {
    match value {
        Value::Object(map) => map
            .get("$ref")
            .and_then(Value::as_str)
            .map(|r| r.trim_start_matches("#/components/schemas/"))
            .or_else(|| map.values().find_map(first_reference)),
        Value::Array(items) => items.iter().find_map(first_reference),
        _ => None,
    }
}

#[test]
fn every_documented_query_parameter_is_declared_or_listed_with_its_reason() {
    let surface = query_surface();
    let read = |file: &str| std::fs::read_to_string(root().join("tests/reference").join(file)).unwrap();
    let mut needed = BTreeSet::new();
    for line in read("query.tsv").lines() {
        let [method, path, name, page] = line.split('\t').collect::<Vec<_>>()[..] else { panic!("a bad line: {line}") };
        // An operation not in the spec is listed, with its reason, by the test above.
        let Some((query, expands, selects)) = surface.get(&(method.to_string(), normal(path))) else { continue };
        let typed = query.contains(name) || (name == "expand" && *expands) || (name == "fields" && *selects);
        if !typed {
            needed.insert((page.to_string(), name.to_string()));
        }
    }
    let listed: BTreeSet<(String, String)> = read("undeclared-query.tsv")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let [page, name, reason] = line.split('\t').collect::<Vec<_>>()[..] else { panic!("a bad line: {line}") };
            assert!(reason.len() > 20, "{page} {name}: say why the spec does not declare it");
            (page.to_string(), name.to_string())
        })
        .collect();
    let unexplained: Vec<_> = needed.difference(&listed).collect();
    assert!(unexplained.is_empty(), "documented, not declared, and not in undeclared-query.tsv: {unexplained:#?}");
    let stale: Vec<_> = listed.difference(&needed).collect();
    assert!(
        stale.is_empty(),
        "declared now (or no longer documented): take them out of undeclared-query.tsv: {stale:#?}"
    );
}

#[test]
fn paths_are_compared_by_shape() {
    assert_eq!(
        normal("/api/v1/workspaces/{slug}/work-items/{work_item_identifier}"),
        "/api/v1/workspaces/{}/work-items/{}/"
    );
    assert_ne!(normal("/a/{x}/b/"), normal("/a/{x}/c/"));
}
