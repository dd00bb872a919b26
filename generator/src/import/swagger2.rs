//! Swagger 2.0 read as the OpenAPI 3.0 document it stands for: the tree is rewritten once, right
//! after parsing, so that every later stage reads one shape.
//!
//! - `definitions`, `parameters`, `responses` and `securityDefinitions` become `components`'
//!   `schemas`, `parameters`, `responses` and `securitySchemes`, and every `$ref` to them follows.
//! - A parameter's type keywords become its `schema`; `collectionFormat` becomes `style` and
//!   `explode`; `x-example` becomes `example`.
//! - The `in: body` parameter becomes the `requestBody`, one media type per `consumes` entry (the
//!   operation's, else the document's, else `application/json`); `in: formData` parameters become
//!   an object body of `application/x-www-form-urlencoded` or `multipart/form-data` (with a
//!   `type: file` among them, or when `consumes` says so). Path-level ones go into each operation.
//! - A response's `schema` becomes its `content`, one media type per `produces` entry; a shared
//!   response that an operation's own `produces` changes is written out in the operation.
//! - `host`, `basePath` and `schemes` become `servers`; `basic` auth becomes HTTP basic and OAuth 2's
//!   flows take their 3.0 names; `x-nullable` becomes `nullable`, `type: file` a binary string.
//!
//! Findings carry pointers into this converted tree, but are shown at the line of the document as
//! written: [`Origins`] maps every node that moved back to where it was. What the conversion
//! itself cannot carry over is returned as warnings at the original nodes; what the importer then
//! cannot express (a form body, a list parameter, basic auth) it reports as for any 3.x document.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::document::{self, Pointer};

/// A Swagger 2.0 document as OpenAPI 3.0.
#[derive(Debug)]
pub struct Converted {
    /// The 3.0 tree.
    pub root: Value,
    /// Where its nodes were in the 2.0 tree.
    pub origins: Origins,
    /// What the conversion could not carry over, each at its node in the 2.0 tree.
    pub warnings: Vec<(Pointer, String)>,
}

/// Where the nodes of a converted tree were in the document as written: converted pointer
/// prefixes, each with the original pointer it stands for. A node that did not move has none.
#[derive(Debug, Default)]
pub struct Origins(HashMap<Vec<String>, Pointer>);

impl Origins {
    fn insert(&mut self, new: &Pointer, old: &Pointer) {
        if new != old {
            self.0.insert(new.keys().to_vec(), old.clone());
        }
    }

    /// The pointer, in the document as written, of the node at `at` in the converted tree: its
    /// longest recorded prefix replaced by the original one.
    pub fn original(&self, at: &Pointer) -> Pointer {
        if self.0.is_empty() {
            return at.clone();
        }
        let keys = at.keys();
        (0..=keys.len())
            .rev()
            .find_map(|n| {
                self.0.get(&keys[..n]).map(|old| keys[n..].iter().fold(old.clone(), |p, k| p.join(k.clone())))
            })
            .unwrap_or_else(|| at.clone())
    }
}

/// Converts the 2.0 document `root`.
pub fn convert(root: &Value) -> Converted {
    let mut converter = Converter { old: root, origins: Origins::default(), warnings: Vec::new() };
    let root = converter.document();
    Converted { root, origins: converter.origins, warnings: converter.warnings }
}

/// HTTP methods of a path item.
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// The keywords of a non-body parameter (and of a response header) that describe its value: its
/// 3.0 `schema`.
const VALUE_KEYWORDS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

/// The media types that carry a form.
const FORMS: &[&str] = &["application/x-www-form-urlencoded", "multipart/form-data"];

/// A `consumes` or `produces` list in force for an operation, and where it is declared.
struct Media {
    list: Vec<String>,
    /// The operation's or the document's key, when either declares one.
    at: Option<Pointer>,
    /// Whether the operation's own list differs from the document's.
    own: bool,
}

impl Media {
    /// The media types, `application/json` when none is declared.
    fn or_json(&self) -> Vec<String> {
        if self.list.is_empty() { vec!["application/json".to_string()] } else { self.list.clone() }
    }
}

/// A body or form parameter, found in a parameter list.
struct Moved {
    /// Where it is defined (after its `$ref`, if any) in the 2.0 tree.
    at: Pointer,
    param: Map<String, Value>,
}

/// A parameter list, sorted: what stays a parameter, and what becomes the body.
#[derive(Default)]
struct Params {
    kept: Vec<Value>,
    body: Vec<Moved>,
    form: Vec<Moved>,
}

struct Converter<'a> {
    old: &'a Value,
    origins: Origins,
    warnings: Vec<(Pointer, String)>,
}

impl<'a> Converter<'a> {
    fn warn(&mut self, at: Pointer, message: impl Into<String>) {
        self.warnings.push((at, message.into()));
    }

    fn document(&mut self) -> Value {
        let mut out = Map::new();
        out.insert("openapi".into(), "3.0.3".into());
        let moved = ["swagger", "host", "basePath", "schemes", "consumes", "produces", "paths"];
        let into_components = ["definitions", "parameters", "responses", "securityDefinitions"];
        for (key, value) in self.old.as_object().into_iter().flatten() {
            if !moved.contains(&key.as_str()) && !into_components.contains(&key.as_str()) {
                out.insert(key.clone(), value.clone());
            }
        }
        if let Some(servers) = self.servers() {
            out.insert("servers".into(), servers);
        }
        if let Some(paths) = self.old.get("paths") {
            out.insert("paths".into(), self.paths(paths));
        }
        let components = self.components();
        if !components.is_empty() {
            out.insert("components".into(), components.into());
        }
        out.into()
    }

    /// `servers` from `host`, `basePath` and `schemes`.
    fn servers(&mut self) -> Option<Value> {
        let text = |key: &str| self.old.get(key).and_then(Value::as_str).map(str::trim).filter(|t| !t.is_empty());
        let base = text("basePath").unwrap_or_default().trim_end_matches('/');
        let (from, urls) = match text("host") {
            Some(host) => {
                let listed = self.old.get("schemes").and_then(Value::as_array).into_iter().flatten();
                let mut schemes: Vec<String> = listed.filter_map(Value::as_str).map(str::to_string).collect();
                if schemes.is_empty() {
                    let why = format!("the document names no `schemes`; `https://{host}` is assumed");
                    self.warn(Pointer::default().join("host"), why);
                    schemes.push("https".into());
                }
                ("host", schemes.iter().map(|scheme| format!("{scheme}://{host}{base}")).collect())
            }
            // Without a host, the one serving the document: a relative URL, which the importer reports.
            None if !base.is_empty() => ("basePath", vec![base.to_string()]),
            None => return None,
        };
        self.origins.insert(&Pointer::default().join("servers"), &Pointer::default().join(from));
        Some(urls.into_iter().map(|url: String| json!({ "url": url })).collect())
    }

    fn components(&mut self) -> Map<String, Value> {
        let root = Pointer::default();
        let base = root.join("components");
        let mut components = Map::new();
        if let Some(Value::Object(definitions)) = self.old.get("definitions") {
            let schemas = definitions.iter().map(|(name, schema)| (name.clone(), schema_of(schema))).collect();
            components.insert("schemas".into(), Value::Object(schemas));
            self.origins.insert(&base.join("schemas"), &root.join("definitions"));
        }
        if let Some(Value::Object(parameters)) = self.old.get("parameters") {
            let mut kept = Map::new();
            for (name, param) in parameters {
                // Body and form parameters are written into each operation that lists them.
                let located = param.get("in").and_then(Value::as_str);
                if matches!(located, Some("body" | "formData")) {
                    continue;
                }
                let (new, old) =
                    (base.join("parameters").join(name.clone()), root.join("parameters").join(name.clone()));
                self.origins.insert(&new, &old);
                kept.insert(name.clone(), self.parameter(&new, &old, param));
            }
            if !kept.is_empty() {
                components.insert("parameters".into(), kept.into());
            }
        }
        if let Some(Value::Object(responses)) = self.old.get("responses") {
            let produces = self.media(None, "produces");
            let mut converted = Map::new();
            for (name, response) in responses {
                let (new, old) = (base.join("responses").join(name.clone()), root.join("responses").join(name.clone()));
                self.origins.insert(&new, &old);
                let response = match response {
                    Value::Object(response) => self.response(&new, &old, response, &produces),
                    other => other.clone(),
                };
                converted.insert(name.clone(), response);
            }
            components.insert("responses".into(), converted.into());
        }
        if let Some(Value::Object(definitions)) = self.old.get("securityDefinitions") {
            let schemes = definitions.iter().map(|(name, scheme)| (name.clone(), security_scheme(scheme))).collect();
            components.insert("securitySchemes".into(), Value::Object(schemes));
            self.origins.insert(&base.join("securitySchemes"), &root.join("securityDefinitions"));
            // The importer reports a document without a usable scheme at `components`.
            self.origins.insert(&base, &root.join("securityDefinitions"));
        }
        components
    }

    fn paths(&mut self, paths: &Value) -> Value {
        let Value::Object(paths) = paths else { return paths.clone() };
        let base = Pointer::default().join("paths");
        let items = paths.iter().map(|(path, item)| (path.clone(), self.path_item(&base.join(path.clone()), item)));
        Value::Object(items.collect())
    }

    fn path_item(&mut self, at: &Pointer, item: &Value) -> Value {
        let Value::Object(item) = item else { return item.clone() };
        let shared = self.parameters(at, item.get("parameters"));
        for extra in shared.body.iter().skip(1) {
            self.warn(extra.at.clone(), "a path takes one `in: body` parameter; this one is left out");
        }
        let mut out = Map::new();
        for (key, value) in item {
            match key.as_str() {
                "parameters" if !shared.kept.is_empty() => {
                    out.insert(key.clone(), shared.kept.clone().into());
                }
                "parameters" => {}
                "$ref" => {
                    out.insert(key.clone(), value.as_str().map_or_else(|| value.clone(), |r| reference(r).into()));
                }
                method if METHODS.contains(&method) => {
                    out.insert(key.clone(), self.operation(&at.join(key.clone()), value, &shared));
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        out.into()
    }

    fn operation(&mut self, at: &Pointer, operation: &Value, shared: &Params) -> Value {
        let Value::Object(operation) = operation else { return operation.clone() };
        let own = self.parameters(at, operation.get("parameters"));
        let consumes = self.media(Some((at, operation)), "consumes");
        let produces = self.media(Some((at, operation)), "produces");
        let mut out = Map::new();
        for (key, value) in operation {
            match key.as_str() {
                "parameters" if !own.kept.is_empty() => {
                    out.insert(key.clone(), own.kept.clone().into());
                }
                "parameters" | "consumes" | "produces" => {}
                "schemes" => self.warn(
                    at.join("schemes"),
                    "an operation's own `schemes` are not read; it is sent to the document's server",
                ),
                "responses" => {
                    out.insert(key.clone(), self.responses(at, value, &produces));
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        if let Some(body) = self.request_body(at, own, shared, &consumes) {
            out.insert("requestBody".into(), body);
        }
        out.into()
    }

    /// The operation's (or, with `None`, the document's) `consumes` or `produces`.
    fn media(&self, operation: Option<(&Pointer, &Map<String, Value>)>, key: &str) -> Media {
        let list = |value: Option<&Value>| -> Option<Vec<String>> {
            let items = value?.as_array()?.iter().filter_map(Value::as_str).map(str::to_string).collect::<Vec<_>>();
            (!items.is_empty()).then_some(items)
        };
        let document = list(self.old.get(key));
        let own = operation.and_then(|(at, op)| Some((at.join(key), list(op.get(key))?)));
        match own {
            Some((at, own)) => Media { own: document.as_ref() != Some(&own), list: own, at: Some(at) },
            None => Media {
                at: document.is_some().then(|| Pointer::default().join(key)),
                list: document.unwrap_or_default(),
                own: false,
            },
        }
    }

    /// The parameters listed at `at`, sorted; those that stay are converted, and their new
    /// places (a body or form parameter leaves a gap) recorded.
    fn parameters(&mut self, at: &Pointer, list: Option<&Value>) -> Params {
        let mut params = Params::default();
        for (i, listed) in list.and_then(Value::as_array).into_iter().flatten().enumerate() {
            let old = at.join("parameters").join(i.to_string());
            let (defined, param) = self.resolve(&old, listed);
            match param.and_then(|p| Some((p.get("in")?.as_str()?, p))) {
                Some(("body", param)) => params.body.push(Moved { at: defined, param: param.clone() }),
                Some(("formData", param)) => params.form.push(Moved { at: defined, param: param.clone() }),
                _ => {
                    let new = at.join("parameters").join(params.kept.len().to_string());
                    self.origins.insert(&new, &old);
                    let converted = match listed.get("$ref").and_then(Value::as_str) {
                        Some(r) => json!({ "$ref": reference(r) }),
                        None => self.parameter(&new, &old, listed),
                    };
                    params.kept.push(converted);
                }
            }
        }
        params
    }

    /// `value` (at `at`), its `$ref`s followed in the 2.0 tree: where it is defined, and what it
    /// is (`None` when a reference leads nowhere; the importer reports it).
    fn resolve<'v>(&self, at: &Pointer, value: &'v Value) -> (Pointer, Option<&'v Map<String, Value>>)
    where
        'a: 'v,
    {
        let (mut at, mut value) = (at.clone(), value);
        for _ in 0..document::MAX_REF_HOPS {
            let Some(reference) = value.get("$ref").and_then(Value::as_str) else { return (at, value.as_object()) };
            let Some(target) = Pointer::parse(reference) else { break };
            let Some(found) = document::lookup(self.old, &target) else { break };
            (at, value) = (target, found);
        }
        (at, None)
    }

    /// A non-body parameter, at `new` in the converted tree and `old` in the 2.0 one.
    fn parameter(&mut self, new: &Pointer, old: &Pointer, param: &Value) -> Value {
        let Value::Object(param) = param else { return param.clone() };
        let mut out = Map::new();
        for (key, value) in param {
            match key.as_str() {
                "collectionFormat" => {}
                key if VALUE_KEYWORDS.contains(&key) => {}
                "x-example" => {
                    out.insert("example".into(), value.clone());
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        let schema = value_schema(param);
        if !schema.is_empty() {
            // The schema's keywords sit on the parameter itself in 2.0.
            self.origins.insert(&new.join("schema"), old);
            out.insert("schema".into(), schema.into());
        }
        let located = param.get("in").and_then(Value::as_str).unwrap_or_default();
        if param.get("type").and_then(Value::as_str) == Some("array") {
            let format = param.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
            let style = match (format, located) {
                ("csv", "query") => Some(("form", false)),
                ("csv", "path" | "header") => Some(("simple", false)),
                ("ssv", "query") => Some(("spaceDelimited", false)),
                ("pipes", "query") => Some(("pipeDelimited", false)),
                ("multi", "query") => Some(("form", true)),
                _ => None,
            };
            match style {
                Some((style, explode)) => {
                    out.insert("style".into(), style.into());
                    out.insert("explode".into(), explode.into());
                }
                None => {
                    // The caller writes the values as the format says, in one string.
                    out.insert("schema".into(), serde_json::json!({ "type": "string" }));
                    let what = format!(
                        "`collectionFormat: {format}` has no OpenAPI 3 equivalent for an `in: {located}` parameter"
                    );
                    self.warn(
                        old.join("collectionFormat"),
                        format!("{what}; it is read as one string, joined by hand"),
                    );
                }
            }
        }
        out.into()
    }

    /// The request body an operation's body or form parameters (its own, or its path's) make.
    fn request_body(&mut self, at: &Pointer, own: Params, shared: &Params, consumes: &Media) -> Option<Value> {
        for extra in own.body.iter().skip(1) {
            self.warn(extra.at.clone(), "an operation takes one `in: body` parameter; this one is left out");
        }
        let mut form: Vec<&Moved> = Vec::new();
        for param in shared.form.iter().chain(&own.form) {
            let name = |p: &Moved| p.param.get("name").cloned();
            form.retain(|p| name(p) != name(param));
            form.push(param);
        }
        let new = at.join("requestBody");
        if let Some(body) = own.body.first().or(shared.body.first()) {
            if let Some(first) = form.first() {
                let what = "`in: formData` parameters beside an `in: body` one (which Swagger 2.0 does not allow) are left out";
                self.warn(first.at.clone(), what);
            }
            self.origins.insert(&new, &body.at);
            let media = consumes.or_json();
            let schema = body.param.get("schema").map(schema_of);
            let mut content = Map::new();
            for media in media {
                let content_at = new.join("content").join(media.clone());
                self.origins.insert(&content_at.join("schema"), &body.at.join("schema"));
                content.insert(
                    media,
                    schema.iter().map(|s| ("schema".to_string(), s.clone())).collect::<Map<_, _>>().into(),
                );
            }
            self.content_declared_by(&new.join("content"), consumes);
            let mut out = Map::new();
            for key in ["description", "required"] {
                if let Some(value) = body.param.get(key) {
                    out.insert(key.into(), value.clone());
                }
            }
            out.insert("content".into(), content.into());
            return Some(out.into());
        }
        let first = form.first()?;
        self.origins.insert(&new, &first.at);
        let mut media: Vec<String> = consumes.list.iter().filter(|m| is_form(m)).cloned().collect();
        if media.is_empty() {
            let file = form.iter().any(|p| p.param.get("type").and_then(Value::as_str) == Some("file"));
            media.push(FORMS[usize::from(file)].to_string());
        }
        let mut properties = Map::new();
        let mut required = Vec::new();
        for param in &form {
            let name = param.param.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
            let mut schema = value_schema(&param.param);
            if let Some(description) = param.param.get("description") {
                schema.insert("description".into(), description.clone());
            }
            if param.param.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(Value::from(name.clone()));
            }
            for media in &media {
                let property = new.join("content").join(media.clone()).join("schema").join("properties");
                self.origins.insert(&property.join(name.clone()), &param.at);
            }
            properties.insert(name, schema.into());
        }
        let schema = json!({ "type": "object", "properties": properties, "required": required });
        self.content_declared_by(&new.join("content"), consumes);
        let content: Map<String, Value> = media.into_iter().map(|m| (m, json!({ "schema": schema }))).collect();
        Some(json!({ "required": true, "content": content }))
    }

    /// Records that `content` at `new` lists the media types `media` declares.
    fn content_declared_by(&mut self, new: &Pointer, media: &Media) {
        if let Some(declared) = &media.at {
            self.origins.insert(new, declared);
        }
    }

    fn responses(&mut self, at: &Pointer, responses: &Value, produces: &Media) -> Value {
        let Value::Object(responses) = responses else { return responses.clone() };
        let mut out = Map::new();
        for (code, response) in responses {
            let at = at.join("responses").join(code.clone());
            let converted = match (response.get("$ref").and_then(Value::as_str), self.resolve(&at, response)) {
                // A shared response is written with the document's `produces`: one the operation
                // changes is written out here, with the operation's (and reported here too).
                (Some(_), (defined, Some(shared))) if produces.own => self.response(&at, &defined, shared, produces),
                (Some(r), _) => json!({ "$ref": reference(r) }),
                (None, (_, Some(response))) => self.response(&at, &at, response, produces),
                (None, _) => response.clone(),
            };
            out.insert(code.clone(), converted);
        }
        out.into()
    }

    /// A response, at `new` in the converted tree; its parts are at `old` in the 2.0 one.
    fn response(&mut self, new: &Pointer, old: &Pointer, response: &Map<String, Value>, produces: &Media) -> Value {
        let mut out = Map::new();
        for (key, value) in response {
            match key.as_str() {
                "schema" | "examples" => {}
                "headers" => {
                    let headers = value.as_object().into_iter().flatten().map(|(name, header)| {
                        let mut converted = Map::new();
                        if let Some(description) = header.get("description") {
                            converted.insert("description".into(), description.clone());
                        }
                        let header_at = new.join("headers").join(name.clone());
                        self.origins.insert(&header_at.join("schema"), &old.join("headers").join(name.clone()));
                        converted
                            .insert("schema".into(), header.as_object().map(value_schema).unwrap_or_default().into());
                        (name.clone(), Value::from(converted))
                    });
                    let headers: Map<String, Value> = headers.collect();
                    out.insert(key.clone(), headers.into());
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        let Some(schema) = response.get("schema") else { return out.into() };
        let media = if schema.get("type").and_then(Value::as_str) == Some("file") {
            // A file is not JSON, whatever `produces` says.
            let listed: Vec<String> =
                produces.list.iter().filter(|m| !m.to_ascii_lowercase().contains("json")).cloned().collect();
            if listed.is_empty() { vec!["application/octet-stream".to_string()] } else { listed }
        } else {
            produces.or_json()
        };
        let schema = schema_of(schema);
        let examples = response.get("examples").and_then(Value::as_object);
        let mut content = Map::new();
        for media in media {
            self.origins.insert(&new.join("content").join(media.clone()).join("schema"), &old.join("schema"));
            let mut entry = Map::from_iter([("schema".to_string(), schema.clone())]);
            if let Some(example) = examples.and_then(|e| e.get(&media)) {
                entry.insert("example".into(), example.clone());
            }
            content.insert(media, entry.into());
        }
        self.content_declared_by(&new.join("content"), produces);
        out.insert("content".into(), content.into());
        out.into()
    }
}

/// Whether `media` is a form's media type.
fn is_form(media: &str) -> bool {
    let base = media.split(';').next().unwrap_or(media).trim().to_ascii_lowercase();
    FORMS.contains(&base.as_str())
}

/// The 3.0 schema of a non-body parameter's or a header's value keywords.
fn value_schema(param: &Map<String, Value>) -> Map<String, Value> {
    let keywords = param.iter().filter(|(key, _)| VALUE_KEYWORDS.contains(&key.as_str()));
    match schema_of(&Value::Object(keywords.map(|(k, v)| (k.clone(), v.clone())).collect())) {
        Value::Object(schema) => schema,
        _ => Map::new(),
    }
}

/// A 2.0 schema as 3.0 says it: references to `components`, `x-nullable` as `nullable`, a file as
/// a binary string, a `discriminator` as an object. Subschemas are converted too.
fn schema_of(schema: &Value) -> Value {
    let Value::Object(object) = schema else { return schema.clone() };
    let mut out = Map::new();
    for (key, value) in object {
        let converted = match (key.as_str(), value) {
            ("$ref", Value::String(r)) => reference(r).into(),
            ("x-nullable", _) => {
                out.insert("nullable".into(), value.clone());
                continue;
            }
            ("type", Value::String(ty)) if ty == "file" => {
                out.insert("format".into(), "binary".into());
                "string".into()
            }
            ("discriminator", Value::String(property)) => json!({ "propertyName": property }),
            ("properties", Value::Object(properties)) => {
                Value::Object(properties.iter().map(|(name, s)| (name.clone(), schema_of(s))).collect())
            }
            ("items" | "additionalProperties" | "not", Value::Object(_)) => schema_of(value),
            ("items" | "allOf" | "anyOf" | "oneOf", Value::Array(members)) => members.iter().map(schema_of).collect(),
            _ => value.clone(),
        };
        out.insert(key.clone(), converted);
    }
    out.into()
}

/// A security definition as a 3.0 security scheme: `basic` as HTTP basic, OAuth 2's flow by its
/// 3.0 name.
fn security_scheme(scheme: &Value) -> Value {
    let Value::Object(object) = scheme else { return scheme.clone() };
    let mut out: Map<String, Value> = object
        .iter()
        .filter(|(k, _)| k.starts_with("x-") || *k == "description")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    match object.get("type").and_then(Value::as_str) {
        Some("basic") => {
            out.insert("type".into(), "http".into());
            out.insert("scheme".into(), "basic".into());
        }
        Some("oauth2") => {
            let flow = match object.get("flow").and_then(Value::as_str) {
                Some("application") => "clientCredentials",
                Some("accessCode") => "authorizationCode",
                Some("password") => "password",
                _ => "implicit",
            };
            let mut fields: Map<String, Value> = ["authorizationUrl", "tokenUrl"]
                .iter()
                .filter_map(|k| Some((k.to_string(), object.get(*k)?.clone())))
                .collect();
            fields.insert("scopes".into(), object.get("scopes").cloned().unwrap_or_else(|| json!({})));
            out.insert("type".into(), "oauth2".into());
            out.insert("flows".into(), json!({ flow: fields }));
        }
        _ => return scheme.clone(),
    }
    out.into()
}

/// A 2.0 reference as the converted tree's: `#/definitions/X` → `#/components/schemas/X`, and so
/// on for shared parameters and responses.
fn reference(reference: &str) -> String {
    let moved = [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ];
    moved
        .iter()
        .find_map(|(old, new)| reference.strip_prefix(old).map(|rest| format!("{new}{rest}")))
        .unwrap_or_else(|| reference.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Pointer {
        Pointer::parse(text).unwrap()
    }

    #[test]
    fn references_move_to_components() {
        assert_eq!(reference("#/definitions/Pet"), "#/components/schemas/Pet");
        assert_eq!(reference("#/parameters/limit"), "#/components/parameters/limit");
        assert_eq!(reference("#/responses/Error"), "#/components/responses/Error");
        assert_eq!(reference("#/definitions/Pet/properties/name"), "#/components/schemas/Pet/properties/name");
        assert_eq!(reference("other.json#/definitions/Pet"), "other.json#/definitions/Pet");
    }

    #[test]
    fn schemas_say_null_files_and_discriminators_the_3_0_way() {
        let schema = json!({
            "type": "object",
            "discriminator": "kind",
            "properties": {
                "owner": { "$ref": "#/definitions/Owner", "x-nullable": true },
                "scans": { "type": "array", "items": { "type": "file" } },
                "x-nullable": { "type": "string" },
            },
        });
        let expected = json!({
            "type": "object",
            "discriminator": { "propertyName": "kind" },
            "properties": {
                "owner": { "$ref": "#/components/schemas/Owner", "nullable": true },
                "scans": { "type": "array", "items": { "type": "string", "format": "binary" } },
                "x-nullable": { "type": "string" },
            },
        });
        assert_eq!(schema_of(&schema), expected);
    }

    #[test]
    fn bodies_forms_and_collection_formats() {
        let document = json!({
            "swagger": "2.0",
            "consumes": ["application/json", "application/xml"],
            "paths": {
                "/pets": {
                    "parameters": [{ "name": "X-Trace", "in": "header", "type": "string" }],
                    "post": {
                        "parameters": [
                            { "name": "pet", "in": "body", "schema": { "$ref": "#/definitions/Pet" } },
                            { "name": "ids", "in": "query", "type": "array", "items": { "type": "integer" }, "collectionFormat": "multi" },
                            { "name": "tabs", "in": "query", "type": "array", "items": { "type": "string" }, "collectionFormat": "tsv" },
                        ],
                        "responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/Pet" } } },
                    },
                    "put": {
                        "parameters": [
                            { "name": "name", "in": "formData", "type": "string", "required": true },
                            { "name": "photo", "in": "formData", "type": "file" },
                        ],
                        "responses": { "204": { "description": "Done" } },
                    },
                },
            },
        });
        let converted = convert(&document);
        let post = &converted.root["paths"]["/pets"]["post"];
        let body = &post["requestBody"]["content"];
        assert_eq!(body["application/json"]["schema"]["$ref"], "#/components/schemas/Pet");
        assert_eq!(body["application/xml"]["schema"]["$ref"], "#/components/schemas/Pet");
        assert_eq!(post["parameters"][0]["schema"], json!({ "type": "array", "items": { "type": "integer" } }));
        assert_eq!(
            (&post["parameters"][0]["style"], &post["parameters"][0]["explode"]),
            (&json!("form"), &json!(true))
        );
        assert_eq!(post["parameters"][1].get("style"), None);
        // Without `produces`, a response is JSON (`consumes` says nothing about it).
        let answers: Vec<&String> = post["responses"]["200"]["content"].as_object().unwrap().keys().collect();
        assert_eq!(answers, ["application/json"]);
        let form = &converted.root["paths"]["/pets"]["put"]["requestBody"]["content"]["multipart/form-data"]["schema"];
        assert_eq!(form["properties"]["photo"], json!({ "type": "string", "format": "binary" }));
        assert_eq!(form["required"], json!(["name"]));
        assert_eq!(converted.root["paths"]["/pets"]["parameters"][0]["schema"], json!({ "type": "string" }));
        // The tab-separated list is reported where its format is written.
        let [(warned, message)] = converted.warnings.as_slice() else { panic!("{:?}", converted.warnings) };
        assert_eq!(warned, &at("#/paths/~1pets/post/parameters/2/collectionFormat"));
        assert!(message.contains("tsv"), "{message}");
        assert_eq!(converted.root["paths"]["/pets"]["post"]["parameters"][1]["schema"], json!({ "type": "string" }));
        // Each moved node leads back to where it was written.
        let origins = &converted.origins;
        let original = |new: &str| origins.original(&at(new)).to_string();
        assert_eq!(original("#/paths/~1pets/post/parameters/1"), "#/paths/~1pets/post/parameters/2");
        assert_eq!(original("#/paths/~1pets/post/parameters/0/schema/items"), "#/paths/~1pets/post/parameters/1/items");
        assert_eq!(original("#/paths/~1pets/post/requestBody"), "#/paths/~1pets/post/parameters/0");
        assert_eq!(original("#/paths/~1pets/post/requestBody/content"), "#/consumes");
        assert_eq!(
            original("#/paths/~1pets/post/requestBody/content/application~1xml/schema"),
            "#/paths/~1pets/post/parameters/0/schema"
        );
        assert_eq!(
            original("#/paths/~1pets/post/responses/200/content/application~1json/schema"),
            "#/paths/~1pets/post/responses/200/schema"
        );
        assert_eq!(
            original("#/paths/~1pets/put/requestBody/content/multipart~1form-data/schema/properties/photo"),
            "#/paths/~1pets/put/parameters/1"
        );
        assert_eq!(original("#/paths/~1pets/post/summary"), "#/paths/~1pets/post/summary");
    }

    #[test]
    fn servers_and_security_schemes() {
        let document = json!({
            "swagger": "2.0",
            "host": "api.example.com:8443",
            "basePath": "/v2/",
            "schemes": ["https", "wss"],
            "securityDefinitions": {
                "basic": { "type": "basic" },
                "oauth": { "type": "oauth2", "flow": "application", "tokenUrl": "https://t.example.com", "scopes": { "read": "Read" } },
            },
        });
        let converted = convert(&document);
        let root = &converted.root;
        assert_eq!(
            root["servers"],
            json!([{ "url": "https://api.example.com:8443/v2" }, { "url": "wss://api.example.com:8443/v2" }])
        );
        assert_eq!(root["components"]["securitySchemes"]["basic"], json!({ "type": "http", "scheme": "basic" }));
        let oauth = &root["components"]["securitySchemes"]["oauth"];
        assert_eq!(oauth["flows"]["clientCredentials"]["scopes"]["read"], "Read");
        assert_eq!(converted.origins.original(&at("#/servers/0/url")).to_string(), "#/host/0/url");
        assert!(converted.warnings.is_empty(), "{:?}", converted.warnings);
        let without_schemes = convert(&json!({ "swagger": "2.0", "host": "api.example.com" }));
        assert_eq!(without_schemes.root["servers"][0]["url"], "https://api.example.com");
        assert_eq!(without_schemes.warnings[0].0, at("#/host"));
    }
}
