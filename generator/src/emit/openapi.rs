//! `openapi.json`: the same spec as an OpenAPI 3.1 document, so that any OpenAPI tool (a mock
//! server, a fuzzer, another language's generator) can read our API. Keys keep the order they are
//! inserted in, which is the model's (sorted) order, so the file is deterministic.

use serde_json::{Map, Value, json};

use super::MARKER;
use crate::model::{Api, Auth, Endpoint, Field, Param, Ty};

/// The key that marks the document as generated (JSON has no comments).
pub const JSON_MARKER_KEY: &str = "x-generated-by";

/// The document, pretty-printed, ending with a newline.
pub fn render(api: &Api) -> String {
    let document = json!({
        "openapi": "3.1.0",
        JSON_MARKER_KEY: format!("{} from spec/. Do not edit by hand.", MARKER.trim_start_matches("// ")),
        "info": { "title": api.title, "version": env!("CARGO_PKG_VERSION"), "description": api.description.trim() },
        "servers": [{ "url": api.base_url }],
        "tags": api.modules.iter().map(|m| json!({ "name": m.ident, "description": m.doc.trim() })).collect::<Vec<_>>(),
        "paths": paths(api),
        "components": {
            "schemas": schemas(api),
            "securitySchemes": security_schemes(api),
        },
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn security_schemes(api: &Api) -> Map<String, Value> {
    api.auth
        .iter()
        .map(|auth| match auth {
            Auth::ApiKey { header } => {
                ("ApiKey".to_string(), json!({ "type": "apiKey", "in": "header", "name": header }))
            }
            Auth::Bearer => ("Bearer".to_string(), json!({ "type": "http", "scheme": "bearer" })),
        })
        .collect()
}

/// Any accepted scheme; for bearer tokens, the OAuth scopes the operation needs (OpenAPI 3.1
/// allows role names on any scheme).
fn security(api: &Api, endpoint: &Endpoint) -> Vec<Value> {
    api.auth
        .iter()
        .map(|auth| match auth {
            Auth::ApiKey { .. } => json!({ "ApiKey": [] }),
            Auth::Bearer => json!({ "Bearer": endpoint.scopes }),
        })
        .collect()
}

fn paths(api: &Api) -> Map<String, Value> {
    let mut paths: Map<String, Value> = Map::new();
    let mut templates: Vec<&str> = api.endpoints.iter().map(|e| e.path.as_str()).collect();
    templates.sort();
    templates.dedup();
    for template in templates {
        let operations: Map<String, Value> = api
            .endpoints
            .iter()
            .filter(|e| e.path == template)
            .map(|e| (e.method.as_str().to_ascii_lowercase(), operation(api, e)))
            .collect();
        paths.insert(template.to_string(), Value::Object(operations));
    }
    paths
}

fn operation(api: &Api, endpoint: &Endpoint) -> Value {
    let parameters: Vec<Value> = endpoint
        .path_params
        .iter()
        .map(|p| parameter(p, "path"))
        .chain(endpoint.query_params.iter().map(|p| parameter(p, "query")))
        .collect();
    let mut operation = json!({
        "operationId": endpoint.spec_name,
        "summary": endpoint.summary,
        "description": endpoint.description.trim(),
        "tags": [endpoint.module],
        "parameters": parameters,
        "responses": responses(endpoint),
        "security": security(api, endpoint),
    });
    if let Some(body) = &endpoint.body {
        operation["requestBody"] = json!({
            "required": true,
            "content": { "application/json": { "schema": object(&body.fields, false) } },
        });
    }
    operation
}

fn parameter(param: &Param, location: &str) -> Value {
    json!({ "name": param.wire, "in": location, "required": param.required, "description": param.doc.trim(), "schema": schema(&param.ty) })
}

fn responses(endpoint: &Endpoint) -> Value {
    let response = &endpoint.response;
    let description = if response.doc.trim().is_empty() { "Success." } else { response.doc.trim() };
    let mut success = json!({ "description": description });
    if let Some(ty) = &response.ty {
        let body = if response.paginated { page(ty) } else { schema(ty) };
        success["content"] = json!({ "application/json": { "schema": body } });
    }
    json!({
        response.status.to_string(): success,
        "default": {
            "description": "An error: `{\"field\": [\"message\"]}`, `{\"error\": \"…\"}` or `{\"detail\": \"…\"}`, or text from a proxy.",
            "content": { "application/json": { "schema": { "type": "object" } } },
        },
    })
}

/// Plane's cursor pagination envelope around items of `item`.
fn page(item: &Ty) -> Value {
    json!({
        "type": "object",
        "required": ["results"],
        "properties": {
            "results": { "type": "array", "items": schema(item) },
            "next_cursor": { "type": "string" },
            "prev_cursor": { "type": "string" },
            "next_page_results": { "type": "boolean" },
            "prev_page_results": { "type": "boolean" },
            "count": { "type": "integer" },
            "total_count": { "type": "integer" },
            "total_results": { "type": "integer" },
            "total_pages": { "type": "integer" },
            "grouped_by": { "type": ["string", "null"] },
            "sub_grouped_by": { "type": ["string", "null"] },
            "extra_stats": {},
        },
    })
}

fn schemas(api: &Api) -> Map<String, Value> {
    let mut schemas = Map::new();
    for def in &api.types {
        let mut object = object(&def.fields, true);
        object["description"] = json!(def.doc.trim());
        schemas.insert(def.ident.clone(), object);
    }
    for def in &api.enums {
        let values: Vec<&str> = def.variants.iter().map(|v| v.wire.as_str()).collect();
        schemas.insert(def.ident.clone(), json!({ "type": "string", "enum": values, "description": def.doc.trim() }));
    }
    schemas.sort_keys();
    schemas
}

/// An object schema. Response types accept unknown properties; `required` lists the fields that
/// are always present (responses) or must be sent (requests).
fn object(fields: &[Field], open: bool) -> Value {
    let properties: Map<String, Value> = fields
        .iter()
        .map(|f| {
            let mut property = nullable(schema(&f.ty), f.nullable);
            if !f.doc.trim().is_empty() {
                property = json!({ "description": f.doc.trim(), "allOf": [property] });
            }
            (f.wire.clone(), property)
        })
        .collect();
    let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.wire.as_str()).collect();
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": open })
}

fn nullable(schema: Value, nullable: bool) -> Value {
    if nullable { json!({ "anyOf": [schema, { "type": "null" }] }) } else { schema }
}

fn schema(ty: &Ty) -> Value {
    match ty {
        Ty::String => json!({ "type": "string" }),
        Ty::Integer => json!({ "type": "integer", "format": "int64" }),
        Ty::Number => json!({ "type": "number", "format": "double" }),
        Ty::Boolean => json!({ "type": "boolean" }),
        Ty::Uuid => json!({ "type": "string", "format": "uuid" }),
        Ty::DateTime => json!({ "type": "string", "format": "date-time" }),
        Ty::Date => json!({ "type": "string", "format": "date" }),
        Ty::Json => json!({}),
        Ty::Named(name) | Ty::Enum(name) => json!({ "$ref": format!("#/components/schemas/{name}") }),
        Ty::List(inner) => json!({ "type": "array", "items": schema(inner) }),
        Ty::Map(inner) => json!({ "type": "object", "additionalProperties": schema(inner) }),
    }
}
