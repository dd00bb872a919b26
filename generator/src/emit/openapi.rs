//! `openapi.json`: the same spec as an OpenAPI 3.1 document, so that any OpenAPI tool (a mock
//! server, a fuzzer, another language's generator) can read our API. Keys keep the order they are
//! inserted in, which is the model's (sorted) order, so the file is deterministic.
//!
//! The webhooks are OpenAPI 3.1's top-level `webhooks` (one `post` per event, in the spec's
//! order, which is `WebhookEvent`'s), and `x-webhooks` says what OpenAPI cannot: how a delivery
//! is signed and which header names its event, which `import` and the change report read back.

use serde_json::{Map, Value, json};

use std::collections::BTreeMap;

use crate::model::{
    Api, Auth, Bounds, Endpoint, EnumDef, Field, IdDef, KeyDef, Literal, Param, Repr, Request, Ty, TypeDef, UnionDef,
    UnionVariant, Upload, Webhooks,
};

/// The document, pretty-printed, ending with a newline. Its two big maps, the paths and the
/// schemas, are written one entry at a time, each entry's JSON tree dropped once it is text, so
/// a large API never holds its whole document as a tree.
pub fn render(api: &Api) -> String {
    const PATHS: &str = "\u{0}paths";
    const SCHEMAS: &str = "\u{0}schemas";
    let mut skeleton = json!({
        "openapi": "3.1.0",
        crate::marker::JSON_KEY: crate::marker::json_value(),
        "info": {
            "title": api.title,
            "version": env!("CARGO_PKG_VERSION"),
            "description": api.description.trim(),
            "x-client-shape": crate::changes::shape::current(),
        },
        "servers": [{ "url": api.base_url }],
        "tags": api.modules.iter().map(|m| json!({ "name": m.ident, "description": m.doc.trim() })).collect::<Vec<_>>(),
        "paths": PATHS,
    });
    if let Some(webhooks) = &api.webhooks {
        skeleton["webhooks"] = self::webhooks(webhooks);
        skeleton["x-webhooks"] = scheme(webhooks);
    }
    if !api.editions.is_empty() {
        let editions: serde_json::Map<String, Value> = api
            .editions
            .iter()
            .map(|e| (e.name.clone(), json!({ "title": e.title, "description": e.doc.trim() })))
            .collect();
        skeleton["info"]["x-editions"] = Value::Object(editions);
    }
    if let Some((status, body)) = &api.not_served {
        let body: Value = serde_json::from_str(body).unwrap_or_default();
        skeleton["x-not-served"] = json!({ "status": status, "body": body });
    }
    skeleton["components"] = json!({
        "schemas": SCHEMAS,
        "securitySchemes": security_schemes(api),
    });
    let skeleton = serde_json::to_string_pretty(&skeleton).unwrap_or_default();
    let placeholder = |name: &str| serde_json::to_string(name).unwrap_or_default();
    let (head, rest) = skeleton.split_once(&placeholder(PATHS)).unwrap_or((&skeleton, ""));
    let (middle, tail) = rest.split_once(&placeholder(SCHEMAS)).unwrap_or((rest, ""));
    // About what each operation and type takes, so that the text is not copied as it grows.
    let mut text = String::with_capacity(skeleton.len() + api.endpoints.len() * 3_500 + api.types.len() * 6_000);
    text.push_str(head);
    write_object(&mut text, paths(api), 1);
    text.push_str(middle);
    write_object(&mut text, schemas(api), 2);
    text.push_str(tail);
    text.push('\n');
    text
}

/// Appends a JSON object at nesting `depth`, as `to_string_pretty` would print it in its parent.
fn write_object(out: &mut String, entries: impl Iterator<Item = (String, Value)>, depth: usize) {
    let inner = "  ".repeat(depth + 1);
    let mut empty = true;
    out.push('{');
    for (key, value) in entries {
        out.push_str(if empty { "\n" } else { ",\n" });
        empty = false;
        out.push_str(&inner);
        out.push_str(&serde_json::to_string(&key).unwrap_or_default());
        out.push_str(": ");
        // Strings are escaped in JSON, so every line break belongs to the layout.
        let value = serde_json::to_string_pretty(&value).unwrap_or_default();
        for (n, line) in value.lines().enumerate() {
            if n > 0 {
                out.push('\n');
                out.push_str(&inner);
            }
            out.push_str(line);
        }
    }
    if !empty {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    }
    out.push('}');
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

/// Each path template with its operations, in template order.
fn paths(api: &Api) -> impl Iterator<Item = (String, Value)> + '_ {
    let mut by_template: BTreeMap<&str, Vec<&Endpoint>> = BTreeMap::new();
    for endpoint in &api.endpoints {
        by_template.entry(endpoint.path.as_str()).or_default().push(endpoint);
    }
    by_template.into_iter().map(move |(template, endpoints)| {
        let mut operations = Map::new();
        for method in crate::model::Method::ALL {
            let mut same: Vec<&Endpoint> = endpoints.iter().copied().filter(|e| e.method == method).collect();
            // OpenAPI has one operation per method and path, and the spec may have several that
            // differ by a required query parameter (`cycle_view=current`). The one that needs the
            // fewest is the operation; the others ride along in `x-variants`, whole.
            same.sort_by_key(|e| (e.query_params.iter().filter(|p| p.required).count(), e.ident.as_str()));
            let Some((first, variants)) = same.split_first() else { continue };
            let mut primary = operation(api, first);
            if !variants.is_empty() {
                primary["x-variants"] = variants.iter().map(|e| operation(api, e)).collect();
            }
            operations.insert(method.as_str().to_ascii_lowercase(), primary);
        }
        (template.to_string(), Value::Object(operations))
    })
}

fn operation(api: &Api, endpoint: &Endpoint) -> Value {
    let parameters: Vec<Value> = endpoint
        .path_params
        .iter()
        .map(|p| parameter(p, "path"))
        .chain(endpoint.query_params.iter().map(|p| parameter(p, p.sent_in.as_str())))
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
    if let Some(body) = request_body(endpoint) {
        operation["requestBody"] = body;
    }
    if !api.editions.is_empty() {
        operation["x-editions"] = json!(endpoint.editions);
    }
    if let Some(upload) = &endpoint.upload {
        operation["x-upload"] = x_upload(upload);
    }
    if let Some(download) = &endpoint.download {
        let mut block = json!({ "name": download.spec_name });
        if let Some(url) = &download.url_wire {
            block["url"] = json!(url);
        }
        operation["x-download"] = block;
    }
    operation
}

/// The spec's `upload:` block, as written (this generator's own extension, which `import` reads
/// back).
fn x_upload(upload: &Upload) -> Value {
    let written = &upload.written;
    let mut block = json!({
        "name": upload.spec_name,
        "form": written.form,
        "id": written.id,
        "size": written.size,
        "max_size": upload.max_size,
        "confirm": written.confirm,
    });
    if !written.confirm_body.is_empty() {
        let values = written.confirm_body.iter().map(|(wire, value)| {
            let value = match value {
                Literal::Boolean(b) => json!(b),
                Literal::Integer(i) => json!(i),
                Literal::Text(t) => json!(t),
            };
            (wire.clone(), value)
        });
        block["confirm_body"] = Value::Object(values.collect());
    }
    if let Some(cancel) = &written.cancel {
        block["cancel"] = json!(cancel);
    }
    if let Some(returns) = &written.returns {
        block["returns"] = json!(returns);
    }
    block
}

/// The request body: its media type and schema, as `Request` says it is sent.
fn request_body(endpoint: &Endpoint) -> Option<Value> {
    let fields = || endpoint.body.as_ref().map(|body| object(&body.fields, false));
    let (media_type, schema, doc) = match &endpoint.request {
        Request::Fields => ("application/json", fields()?, ""),
        Request::Form => ("application/x-www-form-urlencoded", fields()?, ""),
        Request::Multipart => ("multipart/form-data", fields()?, ""),
        Request::Json { ty, nullable: may_be_null, doc } => {
            ("application/json", nullable(schema(ty), *may_be_null), doc.as_str())
        }
        Request::Text { doc } => ("text/plain", json!({ "type": "string" }), doc.as_str()),
        Request::Bytes { media_type, doc } => {
            (media_type.as_str(), json!({ "type": "string", "format": "binary" }), doc.as_str())
        }
    };
    let mut body = json!({ "required": true, "content": { media_type: { "schema": schema } } });
    if !doc.trim().is_empty() {
        body["description"] = json!(doc.trim());
    }
    Some(body)
}

fn parameter(param: &Param, location: &str) -> Value {
    let schema = bounded(schema(&param.ty), param.bounds);
    let mut parameter = json!({
        "name": param.wire, "in": location, "required": param.required, "description": param.doc.trim(), "schema": schema,
    });
    if let Some(style) = param.style {
        let (style, explode) = style.openapi();
        parameter["style"] = json!(style);
        parameter["explode"] = json!(explode);
    }
    parameter
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

/// Each event as a `post` the API sends to the receiver, with the whole body as its type and the
/// headers that sign and name it.
fn webhooks(webhooks: &Webhooks) -> Value {
    let events = webhooks.events.iter().map(|event| {
        let mut parameters = vec![
            header(&webhooks.signature_header, signature_doc(webhooks), signature_schema(webhooks)),
            header(
                &webhooks.event_header,
                "The event's name.".into(),
                json!({ "type": "string", "const": event.wire }),
            ),
        ];
        if let Some(delivery) = &webhooks.delivery_header {
            parameters.push(header(delivery, "The delivery's id.".into(), json!({ "type": "string" })));
        }
        let post = json!({
            "description": event.doc.trim(),
            "tags": [webhooks.module],
            "parameters": parameters,
            "requestBody": {
                "required": true,
                "content": { "application/json": { "schema": schema(&event.ty) } },
            },
            "responses": { "200": { "description": "The receiver took the delivery." } },
        });
        (event.wire.clone(), json!({ "post": post }))
    });
    Value::Object(events.collect())
}

/// What OpenAPI cannot say about the webhooks: the headers' roles (the parameters only list
/// them) and the text before the signature's hex digits; always HMAC-SHA256 of the raw body.
fn scheme(webhooks: &Webhooks) -> Value {
    let mut scheme = json!({
        "description": webhooks.doc.trim(),
        "signature_header": webhooks.signature_header,
        "signature_prefix": webhooks.signature_prefix,
        "event_header": webhooks.event_header,
    });
    if let Some(delivery) = &webhooks.delivery_header {
        scheme["delivery_header"] = json!(delivery);
    }
    scheme
}

fn header(name: &str, description: String, schema: Value) -> Value {
    json!({ "name": name, "in": "header", "required": true, "description": description, "schema": schema })
}

fn signature_doc(webhooks: &Webhooks) -> String {
    let hmac = "the HMAC-SHA256 of the raw body, keyed with the webhook's secret, in hex.";
    match webhooks.signature_prefix.as_str() {
        "" => format!("The delivery's signature: {hmac}"),
        prefix => format!("The delivery's signature: `{prefix}`, then {hmac}"),
    }
}

/// The prefix, then the 64 hex digits of a SHA-256 MAC: a regular expression (ECMA-262, as JSON
/// Schema's), with the prefix's syntax characters escaped.
fn signature_schema(webhooks: &Webhooks) -> Value {
    let escaped = |c: char| "^$\\.*+?()[]{}|/".contains(c).then_some('\\').into_iter().chain([c]);
    let prefix: String = webhooks.signature_prefix.chars().flat_map(escaped).collect();
    json!({ "type": "string", "pattern": format!("^{prefix}[0-9a-fA-F]{{64}}$") })
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

/// Each named type and enum, by name.
fn schemas(api: &Api) -> impl Iterator<Item = (String, Value)> + '_ {
    let types = api.types.iter().map(|def| (def.ident.as_str(), Schema::Object(def)));
    // An enum of expansions or of fields is made from its type's `x-expand` or `x-select`.
    let keys = api.types.iter().filter_map(|t| t.expand.as_ref()).map(|e| e.key.as_str());
    let fields = api.types.iter().filter_map(|t| t.select.as_ref()).map(|s| s.field.as_str());
    let derived: Vec<&str> = keys.chain(fields).collect();
    let declared = api.enums.iter().filter(|def| !derived.contains(&def.ident.as_str()));
    let enums = declared.map(|def| (def.ident.as_str(), Schema::Enum(def)));
    let unions = api.unions.iter().map(|def| (def.ident.as_str(), Schema::Union(def)));
    let ids = api.ids.iter().map(|def| (def.ident.as_str(), Schema::Id(def)));
    let keys = api.keys.iter().map(|def| (def.ident.as_str(), Schema::Key(def)));
    let sorted: BTreeMap<&str, Schema<'_>> = types.chain(enums).chain(unions).chain(ids).chain(keys).collect();
    sorted.into_iter().map(|(name, schema)| {
        let value = match schema {
            Schema::Object(def) => {
                let mut object = object(&def.fields, true);
                object["description"] = json!(def.doc.trim());
                if !def.into.is_empty() {
                    // The types it converts into (a `From` each), with the fields renamed on the way.
                    let into: serde_json::Map<String, Value> = def
                        .into
                        .iter()
                        .map(|c| {
                            (c.target.clone(), c.renames.iter().map(|(to, from)| (to.clone(), json!(from))).collect())
                        })
                        .collect();
                    object["x-into"] = Value::Object(into);
                }
                if let Some(expand) = &def.expand {
                    // The fields that expand, each with the type of its object; the twin and the
                    // enum of expansions are named after the type, so they are not schemas here.
                    let fields = expand.fields.iter().map(|(field, object)| (field.clone(), json!(object)));
                    object["x-expand"] = Value::Object(fields.collect());
                }
                if def.select.is_some() {
                    // A call may cut the answer to some fields; the twin and the enum of fields
                    // are named after the type.
                    object["x-select"] = json!(true);
                }
                object
            }
            Schema::Enum(def) if def.repr == Repr::Integer => {
                // The codes, with the name each has in Rust under openapi-generator's key.
                let codes: Vec<i64> = def.variants.iter().map(|v| v.wire.parse().unwrap_or_default()).collect();
                let names: Vec<&str> = def.variants.iter().map(|v| v.ident.as_str()).collect();
                json!({ "type": "integer", "enum": codes, "x-enum-varnames": names, "description": def.doc.trim() })
            }
            Schema::Enum(def) => {
                let values: Vec<&str> = def.variants.iter().map(|v| v.wire.as_str()).collect();
                json!({ "type": "string", "enum": values, "description": def.doc.trim() })
            }
            // `anyOf`, not `oneOf`: a value may fit several alternatives (an id is also a string),
            // and the first that fits wins.
            Schema::Union(def) => {
                let variants: Vec<Value> = def.variants.iter().map(variant).collect();
                json!({ "anyOf": variants, "description": def.doc.trim() })
            }
            // A schema of its own, so that the id's meaning survives a round trip; `x-id-of`
            // names the resource for tools that read it back.
            Schema::Id(def) => {
                json!({ "type": "string", "format": "uuid", "description": def.doc.trim(), "x-id-of": def.resource })
            }
            Schema::Key(def) => key(def),
        };
        (name.to_string(), value)
    })
}

enum Schema<'a> {
    Object(&'a TypeDef),
    Enum(&'a EnumDef),
    Union(&'a UnionDef),
    Id(&'a IdDef),
    Key(&'a KeyDef),
}

/// A key type: a string, with a `pattern` for any tool and, for tools that read them back (the
/// change report, `import`), its format and parts as this generator's own extensions.
fn key(def: &KeyDef) -> Value {
    let parts: Map<String, Value> = def
        .parts
        .iter()
        .map(|part| {
            let mut property = Map::new();
            if !part.doc.trim().is_empty() {
                property.insert("description".into(), json!(part.doc.trim()));
            }
            if let Value::Object(schema) = bounded(schema(&part.ty), part.bounds) {
                property.extend(schema);
            }
            (part.name.clone(), Value::Object(property))
        })
        .collect();
    let mut pattern = String::from("^");
    for (i, literal) in def.literals.iter().enumerate() {
        pattern.extend(
            literal.chars().flat_map(|c| ("\\^$.|?*+()[]{}/".contains(c).then_some('\\')).into_iter().chain([c])),
        );
        match def.parts.get(i) {
            Some(part) if part.ty == Ty::Integer => pattern.push_str("([0-9]+)"),
            Some(_) => pattern.push_str("(.+)"),
            None => {}
        }
    }
    pattern.push('$');
    json!({
        "type": "string",
        "pattern": pattern,
        "description": def.doc.trim(),
        "examples": [def.text(&def.example)],
        "x-key-format": def.format,
        "x-key-parts": parts,
    })
}

/// One alternative of a union; its name rides along so that the spec can be read back whole.
fn variant(variant: &UnionVariant) -> Value {
    let mut schema = schema(&variant.ty);
    schema["title"] = json!(variant.name);
    schema
}

/// An object schema. Response types accept unknown properties; `required` lists the fields that
/// are always present (responses) or must be sent (requests).
fn object(fields: &[Field], open: bool) -> Value {
    let properties: Map<String, Value> = fields
        .iter()
        .map(|f| {
            // OpenAPI 3.1 is JSON Schema 2020-12: a description may stand beside `$ref`.
            let mut property = Map::new();
            if !f.doc.trim().is_empty() {
                property.insert("description".into(), json!(f.doc.trim()));
            }
            if let Value::Object(schema) = nullable(bounded(schema(&f.ty), f.bounds), f.presence.is_nullable()) {
                property.extend(schema);
            }
            (f.wire.clone(), Value::Object(property))
        })
        .collect();
    let required: Vec<&str> = fields.iter().filter(|f| f.presence.is_required()).map(|f| f.wire.as_str()).collect();
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": open })
}

/// `schema` with the JSON Schema keywords of `bounds`.
fn bounded(mut schema: Value, bounds: Bounds) -> Value {
    if let Value::Object(schema) = &mut schema {
        let integers = [("minimum", bounds.minimum), ("maximum", bounds.maximum)];
        let lengths = [("minLength", bounds.min_length), ("maxLength", bounds.max_length)];
        schema.extend(integers.into_iter().filter_map(|(key, bound)| Some((key.to_string(), json!(bound?)))));
        schema.extend(lengths.into_iter().filter_map(|(key, bound)| Some((key.to_string(), json!(bound?)))));
    }
    schema
}

/// `schema`, also accepting `null` when `nullable`: `"type": [T, "null"]` where the schema has a
/// type, `anyOf` with `null` around a reference; an any-value schema accepts `null` already.
fn nullable(mut schema: Value, nullable: bool) -> Value {
    if !nullable {
        return schema;
    }
    match schema.get("type").cloned() {
        Some(Value::String(ty)) => {
            schema["type"] = json!([ty, "null"]);
            schema
        }
        _ if schema.get("$ref").is_some() => json!({ "anyOf": [schema, { "type": "null" }] }),
        _ => schema,
    }
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
        Ty::File => json!({ "type": "string", "format": "binary" }),
        Ty::Named(name) | Ty::Enum(name) | Ty::Union(name) | Ty::Id(name) | Ty::Key(name) => {
            json!({ "$ref": format!("#/components/schemas/{name}") })
        }
        Ty::List(inner) => json!({ "type": "array", "items": schema(inner) }),
        Ty::Map(inner) => json!({ "type": "object", "additionalProperties": schema(inner) }),
    }
}
