//! `generated/openapi.json` is a valid OpenAPI 3.1 document of the same API: it parses as one
//! (the `oas3` crate), every reference resolves, every path parameter is declared, it lists
//! every operation of the spec, and the webhooks are 3.1's `webhooks` with `x-webhooks` beside
//! them. (`--check` and `fresh.rs` keep it up to date like the Rust.)

use std::collections::BTreeSet;

use plane_tests::root;
use serde_json::Value;

fn document() -> (String, Value) {
    let text = std::fs::read_to_string(root().join("generated/openapi.json")).unwrap();
    let value = serde_json::from_str(&text).unwrap();
    (text, value)
}

/// Every value under `key` anywhere in the document.
fn all_values<'a>(value: &'a Value, key: &str, found: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == key {
                    found.push(v);
                }
                all_values(v, key, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| all_values(v, key, found)),
        _ => {}
    }
}

#[test]
fn parses_as_openapi_3_1() {
    let (text, _) = document();
    let spec = oas3::from_json(&text).expect("a valid OpenAPI 3.1 document");
    assert!(spec.openapi.starts_with("3.1"), "{}", spec.openapi);
    assert_eq!(spec.info.title, "Plane API");
    // Operations that share a method and path with another (differing by a required query
    // parameter) are the first one's `x-variants`.
    let doc: Value = serde_json::from_str(&text).unwrap();
    let mut variants = Vec::new();
    all_values(&doc, "x-variants", &mut variants);
    let variants: usize = variants.iter().map(|v| v.as_array().expect("x-variants is a list").len()).sum();
    let operations = spec.operations().count() + variants;
    let generated = generator::generate(&root().join("spec")).output.unwrap();
    assert_eq!(operations, generated.endpoints, "every operation of the spec is in the document");
    assert!(variants > 0, "the spec has operations that differ by a required query parameter");
}

#[test]
fn every_reference_resolves() {
    let (_, doc) = document();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let mut refs = Vec::new();
    all_values(&doc, "$ref", &mut refs);
    assert!(!refs.is_empty());
    for reference in refs {
        let name = reference.as_str().unwrap().strip_prefix("#/components/schemas/").expect("a local schema reference");
        assert!(schemas.contains_key(name), "{name} is not a schema");
    }
}

#[test]
fn path_parameters_match_their_templates() {
    let (_, doc) = document();
    let mut operation_ids = BTreeSet::new();
    for (template, operations) in doc["paths"].as_object().unwrap() {
        let in_template: BTreeSet<&str> =
            template.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).collect();
        for (verb, operation) in operations.as_object().unwrap() {
            assert!(["get", "post", "put", "patch", "delete"].contains(&verb.as_str()));
            assert!(
                operation_ids.insert(operation["operationId"].as_str().unwrap().to_string()),
                "duplicate operationId"
            );
            let declared: BTreeSet<&str> = operation["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["in"] == "path")
                .inspect(|p| assert_eq!(p["required"], true, "path parameters are required"))
                .map(|p| p["name"].as_str().unwrap())
                .collect();
            assert_eq!(declared, in_template, "{verb} {template}");
        }
    }
}

#[test]
fn required_fields_exist_and_nullability_is_kept() {
    let (_, doc) = document();
    let mut objects = Vec::new();
    all_values(&doc, "required", &mut objects);
    for required in objects.iter().filter_map(|r| r.as_array()) {
        assert!(required.iter().all(Value::is_string));
    }
    let customer = &doc["components"]["schemas"]["Customer"];
    let required: Vec<&str> = customer["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(required, ["id", "name", "created_at", "updated_at"]);
    let employees = &customer["properties"]["employees"];
    assert_eq!(employees["type"], serde_json::json!(["integer", "null"]), "nullable fields accept null: {employees}");
    assert_eq!(employees["description"], "Number of employees.");
    let relation = &doc["components"]["schemas"]["CustomerProperty"]["properties"]["relation_type"];
    assert_eq!(relation["anyOf"][0]["$ref"], "#/components/schemas/RelationType", "{relation}");
    assert_eq!(relation["anyOf"][1]["type"], "null", "{relation}");
    let scopes =
        &doc["paths"]["/api/v1/workspaces/{workspace_slug}/customers/{customer_id}/"]["patch"]["security"][1]["Bearer"];
    assert_eq!(scopes, &serde_json::json!(["customers:write"]));
    assert_eq!(doc["components"]["securitySchemes"]["ApiKey"]["name"], "X-API-Key");
}

#[test]
fn webhooks_are_3_1_webhooks_and_x_webhooks_says_how_they_are_signed() {
    let (text, doc) = document();
    let spec = oas3::from_json(&text).expect("a valid OpenAPI 3.1 document");
    let events: Vec<&String> = spec.webhooks.keys().collect();
    assert_eq!(events.len(), 5, "{events:?}");
    assert!(spec.webhooks.values().all(|item| item.post.is_some()), "each event is a `post`");
    let scheme = &doc["x-webhooks"];
    let headers = ["signature_header", "event_header", "delivery_header"].map(|key| scheme[key].as_str().unwrap());
    assert_eq!(headers, ["X-Plane-Signature", "X-Plane-Event", "X-Plane-Delivery"]);
    assert_eq!(scheme["signature_prefix"], "");
    let project = &doc["webhooks"]["project"]["post"];
    let parameters: Vec<&str> = project["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .inspect(|p| assert_eq!((&p["in"], &p["required"]), (&Value::from("header"), &Value::from(true))))
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(parameters, headers);
    assert_eq!(project["parameters"][1]["schema"]["const"], "project");
    let body = &project["requestBody"]["content"]["application/json"]["schema"]["$ref"];
    assert_eq!(body, "#/components/schemas/ProjectDelivery");
    assert_eq!(project["tags"], serde_json::json!(["webhooks"]));
}
