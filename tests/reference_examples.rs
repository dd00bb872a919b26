//! Every example answer of Plane's API reference pages against our types: each field an example
//! shows must be a field of the operation's response type (at any depth), and its value must
//! decode as that field's type (`null` only where the field may be `null`, a UUID where an id
//! goes, a date-time where one goes, …). The pages' examples are abbreviated, so a field they
//! leave out proves nothing and is not asked for.
//!
//! Where a page contradicts what the server sends (the Community Edition's answers are measured
//! live; the paid editions' follow the Python SDK's models, which Plane's team corrected against
//! real answers), the spec follows the server and a YAML comment says why; each such place is
//! listed in `reference/contradictions.tsv` with its reason (a page whose whole example is some
//! other answer as `page * *`), and this test fails on any place not listed there, and on any
//! listed place that is no longer a contradiction.
//!
//! The examples are in `reference/examples.json`, which `reference/collect-documented` writes
//! from the reference pages; the types are those of `generated/openapi.json`.

use std::collections::BTreeSet;

use plane_tests::{normal_path as normal, root};
use serde_json::{Map, Value};

fn read_json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

/// The success answer's schema of the operation at `method` and `path`, if the spec has it.
fn response_schema<'d>(document: &'d Value, method: &str, path: &str, status: u64) -> Option<Option<&'d Value>> {
    let paths = document["paths"].as_object()?;
    let (_, item) = paths.iter().find(|(template, _)| normal(template) == path)?;
    let operation = item.get(method.to_ascii_lowercase())?;
    let responses = operation["responses"].as_object()?;
    let response = responses
        .get(&status.to_string())
        .or_else(|| responses.iter().find(|(s, _)| s.starts_with('2')).map(|(_, r)| r))?;
    Some(response.pointer("/content/application~1json/schema"))
}

/// The schema `$ref` names, in `document`.
fn target<'d>(document: &'d Value, schema: &'d Value) -> &'d Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            target(document, document.pointer(reference.trim_start_matches('#')).unwrap_or(&Value::Null))
        }
        None => schema,
    }
}

/// The types a schema's `type` names.
fn types(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::String(ty)) => vec![ty.as_str()],
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Why `value` does not decode as `schema`, at `at` (a JSON pointer into the example); empty if
/// it does.
fn problems(document: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let schema = target(document, schema);
    if let Some(alternatives) = schema.get("anyOf").and_then(Value::as_array) {
        if value.is_null() && alternatives.iter().any(|a| types(a) == ["null"]) {
            return Vec::new();
        }
        let others: Vec<&Value> = alternatives.iter().filter(|a| types(a) != ["null"]).collect();
        if let [only] = others.as_slice() {
            return problems(document, only, value, at);
        }
        if others.iter().any(|a| problems(document, a, value, at).is_empty()) {
            return Vec::new();
        }
        return vec![format!("{at}: {value} is none of the union's alternatives")];
    }
    let types = types(schema);
    if types.is_empty() {
        // `{}`: any JSON value.
        return Vec::new();
    }
    if value.is_null() {
        return if types.contains(&"null") {
            Vec::new()
        } else {
            vec![format!("{at}: null, which the field cannot be")]
        };
    }
    let format = schema.get("format").and_then(Value::as_str);
    let fits = match (types[0], value) {
        ("object", Value::Object(object)) => return object_problems(document, schema, object, at),
        ("array", Value::Array(items)) => {
            let item = schema.get("items").unwrap_or(&Value::Null);
            return items
                .iter()
                .enumerate()
                .flat_map(|(i, v)| problems(document, item, v, &format!("{at}/{i}")))
                .collect();
        }
        ("string", Value::String(text)) => match format {
            Some("uuid") => plane_client::Uuid::parse_str(text).is_ok(),
            Some("date-time") => plane_client::chrono::DateTime::parse_from_rfc3339(text).is_ok(),
            Some("date") => plane_client::chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok(),
            _ => true,
        },
        ("integer", Value::Number(n)) => n.is_i64() || n.is_u64(),
        ("number", Value::Number(_)) | ("boolean", Value::Bool(_)) => true,
        _ => false,
    };
    if fits {
        return Vec::new();
    }
    let expected = format.map_or(types[0].to_string(), |f| format!("{} ({f})", types[0]));
    vec![format!("{at}: {value} is not a {expected}")]
}

fn object_problems(document: &Value, schema: &Value, object: &Map<String, Value>, at: &str) -> Vec<String> {
    let properties = schema.get("properties").and_then(Value::as_object);
    let additional = schema.get("additionalProperties").filter(|a| a.is_object());
    let mut found = Vec::new();
    for (key, value) in object {
        let at = format!("{at}/{key}");
        match (properties.and_then(|p| p.get(key)), additional) {
            (Some(field), _) | (None, Some(field)) => found.extend(problems(document, field, value, &at)),
            // A free-form object (`map<json>`) takes any key.
            (None, None) if properties.is_none() => {}
            (None, None) => found.push(format!("{at}: not a field of the type")),
        }
    }
    found
}

/// Every place where a page's example answer does not fit our types.
fn contradictions() -> (BTreeSet<String>, usize) {
    let document = read_json("generated/openapi.json");
    let examples = read_json("tests/reference/examples.json");
    let mut found = BTreeSet::new();
    let mut checked = 0;
    for example in examples.as_array().unwrap() {
        let status = example["status"].as_u64().unwrap();
        if !(200..300).contains(&status) {
            continue;
        }
        let page = example["page"].as_str().unwrap();
        let (method, path) = (example["method"].as_str().unwrap(), example["path"].as_str().unwrap());
        let response = &example["response"];
        let Some(schema) = response_schema(&document, method, path, status) else {
            found.insert(format!("{page}\t\tthe spec has no {method} {path}"));
            continue;
        };
        checked += 1;
        if response.get("unparsable").is_some() {
            found.insert(format!("{page}\t\tthe example is not JSON"));
            continue;
        }
        match schema {
            Some(schema) => found.extend(problems(&document, schema, response, "").into_iter().map(|p| {
                let (at, what) = p.split_once(": ").unwrap();
                format!("{page}\t{at}\t{what}")
            })),
            None => {
                found.insert(format!("{page}\t\tthe spec's answer has no body"));
            }
        }
    }
    (found, checked)
}

/// The listed contradictions: `page<TAB>pointer<TAB>problem<TAB>reason`, `#` comments aside.
fn listed() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("tests/reference/contradictions.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.splitn(4, '\t').collect();
            assert_eq!(fields.len(), 4, "page, pointer, problem and reason: {line}");
            (fields[..3].join("\t"), fields[3].to_string())
        })
        .collect()
}

#[test]
fn every_field_of_every_example_answer_fits_our_types_or_is_a_listed_contradiction() {
    let (found, checked) = contradictions();
    assert!(checked >= 150, "only {checked} examples were checked");
    let listed = listed();
    for (place, reason) in &listed {
        assert!(reason.trim().len() > 10, "{place}: say why");
    }
    let listed: BTreeSet<String> = listed.into_iter().map(|(place, _)| place).collect();
    // `page<TAB>*<TAB>*`: the page's whole example is another answer than the operation's.
    let whole_page = |place: &String| listed.contains(&format!("{}\t*\t*", place.split('\t').next().unwrap()));
    let new: Vec<&String> = found.iter().filter(|p| !listed.contains(*p) && !whole_page(p)).collect();
    let gone: Vec<&String> = listed
        .iter()
        .filter(|l| match l.strip_suffix("\t*\t*") {
            Some(page) => !found.iter().any(|f| f.starts_with(&format!("{page}\t"))),
            None => !found.contains(*l),
        })
        .collect();
    assert!(new.is_empty(), "examples that do not fit our types, and are not listed with a reason:\n{}", lines(&new));
    assert!(gone.is_empty(), "listed contradictions that are no longer found (take them out):\n{}", lines(&gone));
}

fn lines(places: &[&String]) -> String {
    places.iter().map(|p| p.as_str()).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_checker_finds_what_does_not_fit() {
    let document = serde_json::json!({"components": {"schemas": {
        "Id": {"type": "string", "format": "uuid"},
        "Thing": {"type": "object", "properties": {
            "id": {"$ref": "#/components/schemas/Id"},
            "note": {"type": ["string", "null"]},
            "count": {"type": "integer"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "owner": {"anyOf": [{"$ref": "#/components/schemas/Id"}, {"type": "null"}]}
        }}
    }}});
    let thing = serde_json::json!({"$ref": "#/components/schemas/Thing"});
    let good = serde_json::json!({"id": "550e8400-e29b-41d4-a716-446655440000", "note": null, "count": 3, "tags": ["a"], "owner": null});
    assert!(problems(&document, &thing, &good, "").is_empty());
    let bad = serde_json::json!({"id": "project-uuid", "count": 1.5, "tags": [1], "extra": true, "owner": "x"});
    let found = problems(&document, &thing, &bad, "");
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(found.contains(&"/extra: not a field of the type".to_string()), "{found:?}");
}
