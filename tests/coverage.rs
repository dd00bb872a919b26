//! The spec covers Plane's documented API: at least 95 % of the operations that Plane's API
//! reference pages document, and of the endpoints that its official Python SDK calls, are
//! operations of `generated/openapi.json`, and every one that is not is listed, with the reason,
//! in the table "Plane's operations not in the spec" of `spec/README.md`, whose counts are these.
//!
//! The two sources' operations are in `reference/documented.tsv`, which
//! `reference/collect-documented` writes from Plane's reference pages and SDK.

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

#[test]
fn paths_are_compared_by_shape() {
    assert_eq!(
        normal("/api/v1/workspaces/{slug}/work-items/{work_item_identifier}"),
        "/api/v1/workspaces/{}/work-items/{}/"
    );
    assert_ne!(normal("/a/{x}/b/"), normal("/a/{x}/c/"));
}
