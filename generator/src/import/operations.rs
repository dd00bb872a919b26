//! Operations as endpoints: names, parameters, the JSON request body, the success response,
//! pagination and scopes; and the file (tag) each goes in.

use std::collections::{HashMap, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::{Map, Value};

use super::Findings;
use super::api::Scheme;
use super::document::{Document, Pointer};
use super::draft::{Bounds, EndpointDraft, FieldDraft, ParamDraft, RequestDraft, ResponseDraft};
use super::keywords::Object;
use super::schema::{self, Ctx, Dir, Schemas};
use super::unique::Taken;
use crate::lower::essence;
use crate::model::ParamStyle;
use crate::names;

/// HTTP methods as OpenAPI spells them, with what the spec calls them.
const METHODS: &[(&str, &str)] =
    &[("get", "GET"), ("put", "PUT"), ("post", "POST"), ("delete", "DELETE"), ("patch", "PATCH")];

/// Methods OpenAPI allows that the spec format does not.
const OTHER_METHODS: &[&str] = &["head", "options", "trace"];

/// The file for operations without a tag.
pub const UNTAGGED: &str = "untagged";

/// Headers the client sends on every request, which a parameter may not replace.
const CLIENT_HEADERS: &[&str] = &["User-Agent", "Host", "Content-Length"];

/// One imported operation, with the file it goes in.
pub struct Imported {
    /// The file (stem) it goes in.
    pub file: String,
    /// Its name.
    pub name: String,
    /// The endpoint.
    pub endpoint: EndpointDraft,
}

/// Which way each component schema's values travel, from the operations that use it: a
/// component reached only from request bodies is a request type, and so on.
pub fn usage(doc: &Document) -> HashMap<String, Dir> {
    let mut request = Vec::new();
    let mut response = Vec::new();
    for (_, _, operation) in operations(doc) {
        if let Some(body) = operation.get("requestBody") {
            // The body's own component is the body, not a type; what it refers to is.
            let body = doc.follow(&Pointer::default(), body).map_or(body, |(_, b)| b);
            for schema in media_schemas(body) {
                let schema = doc.follow(&Pointer::default(), schema).map_or(schema, |(_, s)| s);
                references(schema, &mut request);
            }
        }
        for (_, reply) in operation.get("responses").and_then(Value::as_object).into_iter().flatten() {
            references(doc.follow(&Pointer::default(), reply).map_or(reply, |(_, r)| r), &mut response);
        }
        references(operation.get("parameters").unwrap_or(&Value::Null), &mut request);
    }
    // A webhook's body is sent by the server, as a response is.
    for (at, operation) in super::webhooks::webhooks(doc).filter_map(|(_, operation)| operation) {
        if let Some((_, schema)) = super::webhooks::body(doc, &at, operation) {
            references(schema, &mut response);
        }
    }
    let request = reachable(doc, request);
    let response = reachable(doc, response);
    let mut usage: HashMap<String, Dir> = request.iter().map(|name| (name.clone(), Dir::Request)).collect();
    for name in response {
        let dir = if request.contains(&name) { Dir::Both } else { Dir::Response };
        usage.insert(name, dir);
    }
    usage
}

/// Every `(path, method, operation)` of the document, in document order, `x-variants` included.
fn operations(doc: &Document) -> Vec<(&str, &str, &Value)> {
    let mut found = Vec::new();
    for (path, item) in doc.root.get("paths").and_then(Value::as_object).into_iter().flatten() {
        for (method, operation) in item.as_object().into_iter().flatten() {
            if METHODS.iter().any(|(m, _)| m == method) {
                found.push((path.as_str(), method.as_str(), operation));
                let variants = operation.get("x-variants").and_then(Value::as_array).into_iter().flatten();
                found.extend(variants.map(|v| (path.as_str(), method.as_str(), v)));
            }
        }
    }
    found
}

/// The schemas of a request body's or response's media types.
fn media_schemas(holder: &Value) -> impl Iterator<Item = &Value> {
    holder.get("content").and_then(Value::as_object).into_iter().flatten().filter_map(|(_, m)| m.get("schema"))
}

/// Component names referred to anywhere under `value`.
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(name) = map.get("$ref").and_then(Value::as_str).and_then(schema::component_name) {
                out.push(name);
            }
            map.values().for_each(|v| references(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// The components reachable from `start` through references.
fn reachable(doc: &Document, start: Vec<String>) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut queue = start;
    while let Some(name) = queue.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let at = Pointer::default().join("components").join("schemas").join(name);
        if let Some(schema) = doc.get(&at) {
            references(schema, &mut queue);
        }
    }
    seen
}

/// Turns the document's operations into endpoints.
pub struct Operations<'a, 'd> {
    doc: &'d Document,
    schemas: &'a mut Schemas<'d>,
    schemes: Vec<(String, Scheme)>,
    /// Method names taken (`…_stream` ones too).
    methods: Taken,
    /// Components consumed whole as request bodies or page envelopes.
    pub consumed: HashSet<String>,
    /// Tag name → file stem, and the files' descriptions.
    pub files: HashMap<String, (String, Option<String>)>,
    /// Operations the format cannot express.
    pub skipped: usize,
    /// The API key's header, which the client sends itself.
    api_key: Option<String>,
    /// The API's editions, by name (an operation served by all of them need not say).
    editions: Vec<String>,
}

impl<'a, 'd> Operations<'a, 'd> {
    /// A converter that names types through `schemas`.
    pub fn new(doc: &'d Document, schemas: &'a mut Schemas<'d>, api: &super::draft::ApiDraft) -> Operations<'a, 'd> {
        let files = tag_files(doc);
        Operations {
            doc,
            schemas,
            schemes: super::api::schemes(doc),
            methods: Taken::default(),
            consumed: HashSet::new(),
            files,
            skipped: 0,
            api_key: api.api_key.clone(),
            editions: api.editions.iter().map(|(name, ..)| name.clone()).collect(),
        }
    }

    fn findings(&mut self) -> &mut Findings {
        &mut self.schemas.findings
    }

    /// Every operation, in document order.
    pub fn all(&mut self) -> Vec<Imported> {
        let mut imported = Vec::new();
        let doc = self.doc;
        let paths = Pointer::default().join("paths");
        for (path, item) in doc.root.get("paths").and_then(Value::as_object).into_iter().flatten() {
            let item_at = paths.join(path.clone());
            if path.starts_with("x-") {
                self.findings().extension(path, &item_at);
                continue;
            }
            let Ok((item_at, Value::Object(item))) = doc.follow(&item_at, item) else {
                self.findings().warn(&item_at, "this path item is not a mapping; skipped");
                continue;
            };
            self.findings().keys(Object::PathItem, item, &item_at);
            let shared = item.get("parameters").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
            for (method, operation) in item {
                let at = item_at.join(method.clone());
                if OTHER_METHODS.contains(&method.as_str()) {
                    self.skip(&at, format!("`{}` operations are not supported", method.to_uppercase()));
                    continue;
                }
                let Some((_, verb)) = METHODS.iter().find(|(m, _)| m == method) else { continue };
                let variants = operation.get("x-variants").and_then(Value::as_array).into_iter().flatten();
                let all = std::iter::once((at.clone(), operation))
                    .chain(variants.enumerate().map(|(i, v)| (at.join("x-variants").join(i.to_string()), v)));
                for (at, operation) in all {
                    let op = Op { path, verb, at: &at, shared, item_at: &item_at };
                    // An operation left out was counted, and reported, where it was refused.
                    if let Some(done) = self.operation(&op, operation) {
                        imported.push(done);
                    }
                    self.schemas.drain();
                }
            }
        }
        imported
    }

    fn skip(&mut self, at: &Pointer, why: String) {
        self.skipped += 1;
        self.findings().warn(at, format!("operation skipped: {why}"));
    }

    fn operation(&mut self, op: &Op<'_>, operation: &Value) -> Option<Imported> {
        let Some(operation) = operation.as_object() else {
            self.skip(op.at, "it is not a mapping".to_string());
            return None;
        };
        self.findings().keys(Object::Operation, operation, op.at);
        let text = |key: &str| operation.get(key).and_then(Value::as_str).map(str::trim).filter(|t| !t.is_empty());
        let mut tag_comments = Vec::new();
        let file = self.file_of(operation, &mut tag_comments);
        let base = match text("operationId") {
            Some(id) => id.to_string(),
            None => derived_name(op.verb, op.path),
        };
        let hint = base.to_upper_camel_case();
        let ctx = Ctx { hint: hint.clone(), home: file.clone(), dir: Dir::Request, depth: 1 };
        let mut endpoint = EndpointDraft {
            method: op.verb.to_string(),
            path: op.path.to_string(),
            description: text("description").map(str::to_string),
            ..EndpointDraft::default()
        };
        endpoint.summary = match (text("summary"), &endpoint.description) {
            (Some(summary), _) => first_line(summary),
            (None, Some(description)) => first_line(description),
            (None, None) => format!("{} {}", op.verb, op.path),
        };
        endpoint.comments.extend(tag_comments);
        if operation.get("deprecated").and_then(Value::as_bool) == Some(true) {
            endpoint.comments.push("Deprecated in the document.".to_string());
        }
        let shape = self.check_path(op)?;
        endpoint.path = shape.template.clone();
        self.params(op, operation, &shape, &ctx, &mut endpoint);
        let body = self.body(op, operation, &ctx, &mut endpoint)?;
        endpoint.body = body;
        self.argument_clashes(&op.at.join("parameters"), &mut endpoint);
        endpoint.response = self.response(
            op,
            operation,
            &Ctx { dir: Dir::Response, hint: format!("{hint}Response"), ..ctx.clone() },
            &endpoint,
        );
        endpoint.scopes = self.scopes(operation, &mut endpoint.comments);
        // This generator's own blocks, read as written: the operations they name are the
        // document's operation ids, which name the spec's operations when the document is one of
        // ours (lowering reports any that is not).
        // The editions that serve it, when the document says (ours do), and not every one.
        let all = self.editions.len();
        let editions = operation
            .get("x-editions")
            .and_then(Value::as_array)
            .map(|listed| listed.iter().filter_map(Value::as_str).map(str::to_string).collect::<Vec<String>>());
        endpoint.editions = editions.filter(|listed| listed.len() != all);
        for (key, block) in [("upload", "x-upload"), ("download", "x-download")] {
            if let Some(Value::Object(fields)) = operation.get(block) {
                endpoint.transfers.push((key, fields.clone()));
            }
        }
        let derived = Derived {
            paginated: endpoint.response.paginated,
            body: endpoint.body.is_some() || endpoint.request.is_some(),
            query: endpoint.params.iter().any(|(_, p)| p.location != "path"),
        };
        let name = self.name(&base, op.at, derived, &mut endpoint.comments);
        Some(Imported { file, name, endpoint })
    }

    /// A parameter may not take the name of the method's other arguments: `body` (the request
    /// body) and `query` (the query parameters). A path parameter is renamed, in the path too (the
    /// server never sees its name); a query or header parameter named `body` is left out.
    fn argument_clashes(&mut self, at: &Pointer, endpoint: &mut EndpointDraft) {
        let has_query = endpoint.params.iter().any(|(_, p)| p.location != "path");
        let has_body = endpoint.body.is_some() || endpoint.request.is_some();
        // The argument of the method that a parameter named `wire` would clash with.
        let argument = |wire: &str| match names::field(wire).as_deref() {
            Ok("body") if has_body => Some("body"),
            Ok("query") if has_query => Some("query"),
            _ => None,
        };
        for (wire, param) in &mut endpoint.params {
            if let Some(argument) = argument(wire).filter(|_| param.location == "path") {
                let new = format!("{argument}_value");
                endpoint.path = endpoint.path.replace(&format!("{{{wire}}}"), &format!("{{{new}}}"));
                let why = format!("the method's argument `{argument}` takes its name");
                self.findings().warn(at, format!("path parameter `{wire}` is named `{new}`: {why}"));
                *wire = new;
            }
        }
        let body = |wire: &str| argument(wire) == Some("body");
        if endpoint.params.iter().any(|(w, _)| body(w)) {
            self.findings().warn(at, "parameter `body` is left out: the request body takes that name");
            endpoint.params.retain(|(w, _)| !body(w));
        }
    }

    /// The file of the operation's first tag (an operation is in one module; the others are
    /// listed in a comment).
    fn file_of(&mut self, operation: &Map<String, Value>, comments: &mut Vec<String>) -> String {
        let tags: Vec<&str> =
            operation.get("tags").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let Some((first, others)) = tags.split_first() else { return UNTAGGED.to_string() };
        if !others.is_empty() {
            comments.push(format!("Also tagged {} in the document.", others.join(", ")));
        }
        tag_file(&mut self.files, first)
    }

    /// A snake_case method name, unique among all (and their `…_stream` methods), whose methods
    /// and request types are not names the generated crate already has.
    fn name(&mut self, base: &str, at: &Pointer, derived: Derived, comments: &mut Vec<String>) -> String {
        let paginated = derived.paginated;
        let mut name = base.to_snake_case();
        if names::method(&name).map(|n| n != name).unwrap_or(true) {
            name = format!("op_{name}");
        }
        if names::method(&name).map(|n| n != name).unwrap_or(true) {
            name = "operation".to_string();
        }
        let stem = name;
        let stream = |name: &str| names::stream_method(name).ok().filter(|_| paginated);
        let taken = |names: &HashSet<String>, name: &str| {
            stream(name).is_some_and(|stream| names.contains(&stream)) || derived.clash(name)
        };
        let name = self.methods.unique(&stem, "_", taken);
        if name != stem {
            let by = if derived.clash(&stem) { " by the generated crate's runtime" } else { "" };
            self.findings().warn(at, format!("the operation is named `{name}`: `{stem}` is taken{by}"));
        }
        if name != base {
            comments.insert(0, format!("`{base}` in the document."));
        }
        self.methods.insert(name.clone());
        if let Some(stream) = stream(&name) {
            self.methods.insert(stream);
        }
        name
    }

    /// The path's shape, or `None` (after a warning) when the format cannot express it.
    fn check_path(&mut self, op: &Op<'_>) -> Option<PathShape> {
        let Some(rest) = op.path.strip_prefix('/') else {
            self.skip(op.at, format!("the path `{}` does not start with `/`", op.path));
            return None;
        };
        let pieces: Vec<&str> = rest.split('/').collect();
        let mut shape = PathShape { template: String::new(), params: Vec::new(), merged: Vec::new() };
        for (i, piece) in pieces.iter().enumerate() {
            let parts = split_segment(piece);
            let fine = match &parts {
                Some(parts) if parts.iter().all(|p| p.param().is_none()) => {
                    (!piece.is_empty() || i + 1 == pieces.len()) && *piece != "." && *piece != ".."
                }
                Some(_) => true,
                None => false,
            };
            let Some(parts) = parts.filter(|_| fine) else {
                let why =
                    format!("its path segment `{piece}` is not literal text (letters, digits, `-._~`) and parameters");
                self.skip(op.at, why);
                return None;
            };
            let names: Vec<String> = parts.iter().filter_map(|p| p.param().map(str::to_string)).collect();
            if names.is_empty() || (parts.len() == 1 && names.len() == 1) {
                shape.template.push('/');
                shape.template.push_str(piece);
                shape.params.extend(names);
                continue;
            }
            // `{project}-{number}` is one segment, which the caller fills as a whole: `PROJ-12`.
            // Named after the whole segment, its text too: `projects{.format}` → `projects_format`.
            let merged = piece.replace(['{', '}'], " ").to_snake_case();
            let merged = if merged.is_empty() || names.contains(&merged) { format!("{merged}_value") } else { merged };
            let what =
                format!("the path segment `{piece}` mixes parameters and text; it is one parameter, `{merged}`, here");
            self.findings().warn(op.at, what);
            shape.template.push_str(&format!("/{{{merged}}}"));
            shape.params.push(merged.clone());
            shape.merged.push(Merged { name: merged, parts: names, pattern: piece.to_string() });
        }
        Some(shape)
    }

    fn params(
        &mut self,
        op: &Op<'_>,
        operation: &Map<String, Value>,
        shape: &PathShape,
        ctx: &Ctx,
        endpoint: &mut EndpointDraft,
    ) {
        let in_path: Vec<String> =
            shape.params.iter().chain(shape.merged.iter().flat_map(|m| &m.parts)).cloned().collect();
        let own = operation.get("parameters").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        // Path-level parameters first; an operation's own override those of the same name and place.
        let listed = op.shared.iter().enumerate().map(|(i, p)| (op.item_at.join("parameters").join(i.to_string()), p));
        let listed =
            listed.chain(own.iter().enumerate().map(|(i, p)| (op.at.join("parameters").join(i.to_string()), p)));
        let mut params: Vec<(Pointer, Pointer, &Map<String, Value>)> = Vec::new();
        for (at, param) in listed {
            let Ok((param_at, Value::Object(param))) = self.doc.follow(&at, param) else {
                self.findings().warn(&at, "this parameter leads nowhere; skipped");
                continue;
            };
            let key = |p: &Map<String, Value>| (p.get("name").cloned(), p.get("in").cloned());
            params.retain(|(_, _, p)| key(p) != key(param));
            params.push((at, param_at, param));
        }
        // Query and header parameters first: a path parameter whose name clashes with one is
        // renamed (the server never sees a path parameter's name), not left out.
        params.sort_by_key(|(_, _, p)| p.get("in").and_then(Value::as_str) == Some("path"));
        let mut idents: HashMap<String, String> = HashMap::new();
        let mut renamed: Vec<(String, String)> = Vec::new();
        for (at, param_at, param) in params {
            // A parameter left out is reported as a whole, not key by key.
            let Some((mut wire, draft)) = self.param(&at, &param_at, param, &in_path, ctx) else { continue };
            self.findings().keys(Object::Parameter, param, &param_at);
            // A part of a merged segment only describes the merged parameter (below).
            if draft.location == "path" && shape.merged.iter().any(|m| m.parts.contains(&wire)) {
                endpoint.params.push((wire, draft));
                continue;
            }
            let ident = match names::field(&wire) {
                Ok(ident) => ident,
                Err(e) => {
                    self.findings().warn(&at, format!("{}; it is left out", e.explain("parameter", &wire)));
                    continue;
                }
            };
            let setter_clash = ident == "new" && !draft.required;
            let mut ident = ident;
            if draft.location == "path" && idents.contains_key(&ident) {
                let new =
                    (1..).map(|n| format!("{ident}_in_path{}", if n == 1 { String::new() } else { n.to_string() }));
                let new = new.into_iter().find(|n| !idents.contains_key(n)).unwrap_or_default();
                let what =
                    format!("path parameter `{wire}` is named `{new}`: `{}` has its name in Rust", idents[&ident]);
                self.findings().warn(&at, what);
                endpoint.path = endpoint.path.replace(&format!("{{{wire}}}"), &format!("{{{new}}}"));
                renamed.push((wire.clone(), new.clone()));
                (wire, ident) = (new.clone(), new);
            }
            if let Some(other) =
                idents.get(&ident).cloned().or(setter_clash.then(|| "the query's constructor".to_string()))
            {
                self.findings().warn(
                    &at,
                    format!("parameter `{wire}` is left out: it and `{other}` both become `{ident}` in Rust"),
                );
                continue;
            }
            idents.insert(ident, wire.clone());
            endpoint.params.push((wire, draft));
        }
        for merged in &shape.merged {
            let parts: Vec<String> = merged
                .parts
                .iter()
                .map(|part| {
                    let found = endpoint.params.iter().find(|(w, p)| w == part && p.location == "path");
                    let doc = found.and_then(|(_, p)| p.description.clone()).unwrap_or_default();
                    match doc.trim_end_matches('.') {
                        "" => format!("`{part}`"),
                        doc => format!("`{part}`: {doc}"),
                    }
                })
                .collect();
            endpoint.params.retain(|(w, p)| !(p.location == "path" && merged.parts.contains(w)));
            let description = format!("`{}` as one value ({}).", merged.pattern, parts.join("; "));
            let draft = ParamDraft {
                location: "path",
                ty: "string".into(),
                required: true,
                description: Some(description),
                ..ParamDraft::default()
            };
            endpoint.params.push((merged.name.clone(), draft));
        }
        for name in &shape.params {
            let name = renamed.iter().find(|(old, _)| old == name).map_or(name, |(_, new)| new);
            if !endpoint.params.iter().any(|(w, p)| w == name && p.location == "path") {
                self.findings()
                    .warn(op.at, format!("path parameter `{{{name}}}` is not declared; it is read as a string"));
                let draft =
                    ParamDraft { location: "path", ty: "string".into(), required: true, ..ParamDraft::default() };
                endpoint.params.push((name.clone(), draft));
            }
        }
        // Path parameters in path order, as a reader expects them.
        let position = |wire: &String| {
            let wire = renamed.iter().find(|(_, new)| new == wire).map_or(wire, |(old, _)| old);
            shape.params.iter().position(|s| s == wire)
        };
        endpoint.params.sort_by_key(|(wire, p)| (p.location != "path", position(wire)));
    }

    /// A parameter listed at `at`, which is at `param_at` (where a `$ref` led).
    fn param(
        &mut self,
        at: &Pointer,
        param_at: &Pointer,
        param: &Map<String, Value>,
        segments: &[String],
        ctx: &Ctx,
    ) -> Option<(String, ParamDraft)> {
        let wire = param.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
        let location = match param.get("in").and_then(Value::as_str).unwrap_or_default() {
            "path" if segments.contains(&wire) => "path",
            "path" => {
                self.findings().warn(at, format!("path parameter `{wire}` is not in the path; it is left out"));
                return None;
            }
            "query" => "query",
            // OpenAPI says these three are described elsewhere and must be ignored here.
            "header" if ["accept", "content-type", "authorization"].contains(&wire.to_ascii_lowercase().as_str()) => {
                return None;
            }
            "header"
                if CLIENT_HEADERS
                    .iter()
                    .copied()
                    .chain(self.api_key.as_deref())
                    .any(|h| h.eq_ignore_ascii_case(&wire)) =>
            {
                self.findings()
                    .warn(at, format!("header parameter `{wire}` is left out: the client sets that header itself"));
                return None;
            }
            "header" if !crate::lower::is_header_name(&wire) => {
                let why = "a header the client sends is named with letters, digits, `-` and `_`";
                self.findings().warn(at, format!("header parameter `{wire}` is left out: {why}"));
                return None;
            }
            "header" => "header",
            "cookie" if !crate::lower::is_header_name(&wire) => {
                let why = "a cookie's name is a token: letters, digits, `-` and `_`";
                self.findings().warn(at, format!("cookie parameter `{wire}` is left out: {why}"));
                return None;
            }
            "cookie" => "cookie",
            other => {
                self.findings().warn(at, format!("`in: {other}` parameters are not supported; `{wire}` is left out"));
                return None;
            }
        };
        let hint = format!("{}{}", ctx.hint, wire.to_upper_camel_case());
        let (ty, schema) = match param.get("schema") {
            Some(schema) => {
                (self.schemas.expr(schema, &param_at.join("schema"), &Ctx { hint, ..ctx.clone() }).ty, Some(schema))
            }
            None => {
                let at = if param.contains_key("content") { param_at.join("content") } else { at.clone() };
                self.findings().warn(
                    &at,
                    format!("parameter `{wire}` has no `schema` (a `content` one is not supported); read as a string"),
                );
                ("string".to_string(), None)
            }
        };
        let required = location == "path" || param.get("required").and_then(Value::as_bool).unwrap_or(false);
        let single = |ty: &str| self.is_single(ty);
        // A list or map of single values: in the query, in its style; a header's list, joined.
        let many = collection(&ty)
            .filter(|(item, map)| single(item) && (location == "query" || (location == "header" && !map)));
        let mut style = None;
        let ty = if single(&ty) {
            ty
        } else if let Some((_, map)) = many {
            if location == "query" {
                let explode = param.get("explode").and_then(Value::as_bool);
                match ParamStyle::from_openapi(param.get("style").and_then(Value::as_str), explode, map) {
                    Ok(ParamStyle::Exploded) => {}
                    Ok(other) => style = Some(other.openapi()),
                    Err(why) => {
                        self.findings().warn(at, format!("parameter `{wire}` is left out: {why}"));
                        return None;
                    }
                }
            }
            ty
        } else if location == "path" || required {
            self.findings()
                .warn(at, format!("parameter `{wire}` is of type `{ty}`, not a single value; it is sent as a string"));
            "string".to_string()
        } else {
            self.findings()
                .warn(at, format!("parameter `{wire}` is of type `{ty}`, not a single value; it is left out"));
            return None;
        };
        let schema_at = param_at.join("schema");
        let resolved = schema.map(|s| self.doc.follow(&schema_at, s).unwrap_or((schema_at.clone(), s)));
        let bounds = match (location, &resolved) {
            ("query", Some((schema_at, schema))) => {
                self.findings().claim(schema_at, schema::bound_keys(&ty));
                schema::bounds(schema, &ty).unwrap_or_else(|| {
                    self.findings().warn(at, "the parameter's bounds cross (no value fits); they are left out");
                    Bounds::default()
                })
            }
            _ => Bounds::default(),
        };
        let example = match (ty == "string").then(|| example(param_at, param, resolved)).flatten() {
            Some((example, from, key)) => {
                self.findings().claim(&from, &[key]);
                Some(example)
            }
            None => None,
        };
        if location == "path" && matches!(param.get("style").and_then(Value::as_str), Some("label" | "matrix")) {
            let what = "`style` is not kept: a path parameter is sent as its plain value (`style: simple`)";
            self.findings().dropped(&param_at.join("style"), "`style` not kept", what);
        }
        let mut comments = Vec::new();
        if param.get("deprecated").and_then(Value::as_bool) == Some(true) {
            comments.push("Deprecated in the document.".to_string());
        }
        let description = schema::description(param);
        Some((wire, ParamDraft { location, ty, style, required, description, example, bounds, comments }))
    }

    /// The JSON body's fields: `Some(None)` without a body, `None` when the operation cannot be
    /// expressed (it takes a body, but not a JSON object).
    fn body(
        &mut self,
        op: &Op<'_>,
        operation: &Map<String, Value>,
        ctx: &Ctx,
        endpoint: &mut EndpointDraft,
    ) -> Option<Option<Vec<(String, FieldDraft)>>> {
        let Some(body) = operation.get("requestBody") else { return Some(None) };
        let at = op.at.join("requestBody");
        let Ok((at, body)) = self.doc.follow(&at, body) else {
            self.skip(&at, "its request body leads nowhere".to_string());
            return None;
        };
        if let Some(body) = body.as_object() {
            self.findings().keys(Object::RequestBody, body, &at);
        }
        let content = body.get("content").and_then(Value::as_object);
        let media: Vec<&String> = content.into_iter().flat_map(Map::keys).collect();
        if media.is_empty() {
            return Some(None);
        }
        let Some((chosen, kind)) = chosen_media(&media) else {
            let listed: Vec<String> = media.iter().map(|m| format!("`{m}`")).collect();
            self.skip(
                &at,
                format!("its request body is {}, which the spec format cannot describe yet", listed.join(", ")),
            );
            return None;
        };
        if let Some((first, listed)) = other_media(&media, chosen) {
            let what = format!("the request body is also offered as {listed}; only `{chosen}` is used");
            self.findings().warn(&at.join("content").join(first), what);
        }
        if !matches!(op.verb, "POST" | "PUT" | "PATCH" | "DELETE") {
            self.findings().warn(
                &at,
                format!("a {} request cannot have a body in the spec format; the body is left out", op.verb),
            );
            return Some(None);
        }
        let media_at = at.join("content").join(chosen.clone());
        if let Some(media) = content.and_then(|c| c.get(chosen.as_str())).and_then(Value::as_object) {
            self.findings().keys(Object::MediaType, media, &media_at);
        }
        let description = body.as_object().and_then(schema::description);
        let mut request = RequestDraft { description, ..RequestDraft::default() };
        match kind {
            BodyKind::Text | BodyKind::Bytes => {
                request.content = Some(chosen.clone());
                self.keep_request(&at, request, endpoint);
                return Some(None);
            }
            BodyKind::Form | BodyKind::Multipart => request.content = Some(chosen.clone()),
            BodyKind::Json => {}
        }
        let schema_at = media_at.join("schema");
        let schema = content.and_then(|c| c.get(chosen.as_str())).and_then(|m| m.get("schema")).unwrap_or(&Value::Null);
        let Ok((schema_at, resolved)) = self.doc.follow(&schema_at, schema) else {
            self.skip(&schema_at, "its request body's schema leads nowhere".to_string());
            return None;
        };
        let (schema_at, resolved) = self.misplaced_media_type(schema_at, resolved);
        let object = resolved.as_object().filter(|o| is_object(o));
        let Some(object) = object.filter(|o| !self.schemas.declares_null(o)) else {
            if kind.is_form() {
                self.skip(&schema_at, "its form body is not an object of fields".to_string());
                return None;
            }
            // JSON of another type: a list, a scalar, a union, or an object that may be `null`.
            let expr = self.schemas.expr(schema, &schema_at, ctx);
            (request.ty, request.nullable) = (Some(expr.ty), expr.nullable);
            self.keep_request(&at, request, endpoint);
            return Some(None);
        };
        if let Some(name) = schema.get("$ref").and_then(Value::as_str).and_then(schema::component_name) {
            self.consumed.insert(name.clone());
            endpoint.comments.push(format!("The body is `{name}` in the document."));
        }
        if body.get("required").and_then(Value::as_bool) == Some(false) {
            endpoint.comments.push("The document makes the body optional; it is always sent.".to_string());
        }
        let draft = self.schemas.object(object, &schema_at, ctx);
        let mut fields = Vec::new();
        let mut methods: HashSet<String> = HashSet::from(["new".to_string()]);
        for (wire, mut field) in draft.fields {
            if !field.required {
                let setter = names::field(&wire).map(|i| names::bare(&i).to_string()).unwrap_or_default();
                let clear = field.nullable.then(|| names::clear_setter(&wire).ok()).flatten();
                let own: Vec<String> = std::iter::once(setter).chain(clear).collect();
                if let Some(clash) = own.iter().find(|m| methods.contains(*m)) {
                    let what =
                        format!("body field `{wire}` is left out: its builder method `{clash}` is taken by another");
                    self.findings().warn(&field.at, what);
                    continue;
                }
                methods.extend(own);
            }
            if let Some(schema) = self.doc.get(&field.at) {
                let (resolved_at, resolved) = self.doc.follow(&field.at, schema).unwrap_or((field.at.clone(), schema));
                self.findings().claim(&resolved_at, schema::bound_keys(&field.ty));
                match schema::bounds(resolved, &field.ty) {
                    Some(bounds) => field.bounds = bounds,
                    None => self
                        .schemas
                        .findings
                        .warn(&field.at, "the field's bounds cross (no value fits); they are left out"),
                }
            }
            if kind == BodyKind::Form && (!self.is_single(&field.ty) || field.nullable) {
                let what = format!("form field `{wire}` is left out: a form carries single values, never `null`");
                self.findings().warn(&field.at, what);
                continue;
            }
            if kind == BodyKind::Multipart && !self.multipart_part(&wire, &mut field) {
                continue;
            }
            fields.push((wire, field));
        }
        if kind.is_form() {
            self.keep_request(&at, request, endpoint);
        }
        Some(Some(fields))
    }

    /// A body that is not a JSON object of fields, with its own description (which a JSON
    /// object's fields have instead).
    fn keep_request(&mut self, at: &Pointer, request: RequestDraft, endpoint: &mut EndpointDraft) {
        self.findings().claim(at, &["description"]);
        endpoint.request = Some(request);
    }

    /// A multipart body's field as a part: a binary string is a `file` (a list of them, a part
    /// per file), whose length the client does not check; `false`, with a warning, for `null`,
    /// which no part can carry.
    fn multipart_part(&mut self, wire: &str, field: &mut FieldDraft) -> bool {
        let schema = self.doc.get(&field.at).cloned().unwrap_or(Value::Null);
        let (at, resolved) =
            self.doc.follow(&field.at, &schema).map(|(a, s)| (a, s.clone())).unwrap_or((field.at.clone(), schema));
        let items = resolved.get("items").map(|items| {
            let items_at = at.join("items");
            self.doc.follow(&items_at, items).map(|(a, s)| (a, s.clone())).unwrap_or((items_at, items.clone()))
        });
        let file = if is_binary(&resolved) {
            self.findings().claim(&at, &["contentMediaType"]);
            Some("file")
        } else if let Some((items_at, _)) = items.filter(|(_, items)| is_binary(items)) {
            self.findings().claim(&items_at, &["contentMediaType"]);
            Some("list<file>")
        } else {
            None
        };
        if let Some(file) = file {
            field.ty = file.to_string();
            if field.bounds != Bounds::default() {
                let what = format!("the length bounds of file `{wire}` are not kept: the client sends a file as it is");
                self.findings().warn(&field.at, what);
                field.bounds = Bounds::default();
            }
        }
        if field.nullable {
            let what =
                format!("multipart field `{wire}` is left out: a part is a value, a file or an object, never `null`");
            self.findings().warn(&field.at, what);
            return false;
        }
        true
    }

    /// Whether a type expression is a single value: what a parameter or a form field carries.
    fn is_single(&self, ty: &str) -> bool {
        self.schemas.is_single_value(ty)
    }

    /// A schema written one level too deep, under its media type (`schema: {application/json:
    /// {type: object, …}}`, as in Plane's schema): the inner schema, with a warning.
    fn misplaced_media_type<'v>(&mut self, at: Pointer, schema: &'v Value) -> (Pointer, &'v Value) {
        let inner = schema.as_object().filter(|o| o.len() == 1).and_then(|o| o.iter().next());
        match inner {
            Some((media, inner @ Value::Object(_))) if media.contains('/') => {
                let what = format!("the schema is nested under `{media}` by mistake; the schema inside it is used");
                self.findings().warn(&at, what);
                (at.join(media.clone()), inner)
            }
            _ => (at, schema),
        }
    }

    fn response(
        &mut self,
        op: &Op<'_>,
        operation: &Map<String, Value>,
        ctx: &Ctx,
        endpoint: &EndpointDraft,
    ) -> ResponseDraft {
        let responses_at = op.at.join("responses");
        let responses = operation.get("responses").and_then(Value::as_object);
        let success = responses
            .into_iter()
            .flatten()
            .filter_map(|(code, r)| Some((success_status(code)?, code, r)))
            .min_by_key(|(status, _, _)| *status);
        self.other_responses(&responses_at, responses, success.map(|(_, code, _)| code.as_str()));
        let Some((status, code, reply)) = success else {
            self.findings().warn(
                &responses_at,
                "the operation documents no success (2xx) response; 200 without a body is assumed",
            );
            return ResponseDraft { status: 200, ..ResponseDraft::default() };
        };
        let at = responses_at.join(code.clone());
        let Ok((at, reply)) = self.doc.follow(&at, reply) else {
            self.findings().warn(&at, "the success response leads nowhere; read as having no body");
            return ResponseDraft { status, ..ResponseDraft::default() };
        };
        let description = reply
            .get("description")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string);
        let mut draft = ResponseDraft { status, description, ..ResponseDraft::default() };
        if let Some(reply) = reply.as_object() {
            self.findings().keys(Object::Response, reply, &at);
        }
        let content = reply.get("content").and_then(Value::as_object);
        let media: Vec<&String> = content.into_iter().flat_map(Map::keys).collect();
        if status == 204 || media.is_empty() {
            return draft;
        }
        let Some(json) = json_media(&media) else {
            let listed: Vec<String> = media.iter().map(|m| format!("`{m}`")).collect();
            self.findings().warn(
                &at,
                format!("the response body is not JSON ({}); the method returns nothing", listed.join(", ")),
            );
            return draft;
        };
        if let Some((first, listed)) = other_media(&media, json) {
            let what = format!("the response is also offered as {listed}; only JSON is read");
            self.findings().warn(&at.join("content").join(first), what);
        }
        let media_at = at.join("content").join(json.clone());
        if let Some(media) = content.and_then(|c| c.get(json.as_str())).and_then(Value::as_object) {
            self.findings().keys(Object::MediaType, media, &media_at);
        }
        let schema_at = media_at.join("schema");
        let Some(schema) = content.and_then(|c| c.get(json.as_str())).and_then(|m| m.get("schema")) else {
            return draft;
        };
        if let Some((item, item_at)) = self.page_items(schema, &schema_at, endpoint) {
            draft.paginated = true;
            draft.ty = Some(
                self.schemas
                    .expr(
                        item,
                        &item_at,
                        &Ctx { hint: ctx.hint.trim_end_matches("Response").to_string() + "Item", ..ctx.clone() },
                    )
                    .ty,
            );
            return draft;
        }
        let expr = self.schemas.expr(schema, &schema_at, ctx);
        if expr.nullable {
            self.findings().warn(
                &schema_at,
                "the response may be `null`, which the spec format cannot say; a `null` body fails to decode",
            );
        }
        draft.ty = Some(expr.ty);
        draft
    }

    /// Reports the responses besides the success one (`success`, the status read): other
    /// successes, whose bodies the method does not return, and errors, which are all
    /// `Error::Api`. Extensions among them are counted.
    fn other_responses(&mut self, at: &Pointer, responses: Option<&Map<String, Value>>, success: Option<&str>) {
        let (mut successes, mut errors) = (Vec::new(), Vec::new());
        for code in responses.into_iter().flat_map(Map::keys).filter(|code| Some(code.as_str()) != success) {
            if code.starts_with("x-") {
                self.findings().extension(code, &at.join(code.clone()));
            } else if success_status(code).is_some() {
                successes.push(code);
            } else {
                errors.push(code);
            }
        }
        let listed = |codes: &[&String]| codes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
        // One warning for each kind, at the first of them.
        if let (Some(first), Some(success)) = (successes.first(), success) {
            let what =
                format!("the {} response(s) are not kept: the method returns the `{success}` one", listed(&successes));
            self.findings().dropped(&at.join(first.to_string()), "other success responses not kept", what);
        }
        if let Some(first) = errors.first() {
            let what = format!(
                "the {} response(s) are not kept: any status but a success is an `Error::Api`, with the body as sent",
                listed(&errors)
            );
            self.findings().dropped(&at.join(first.to_string()), "error responses not kept", what);
        }
    }

    /// The items' schema when the response is one page of cursor pagination (`results` and
    /// `next_cursor`) and the operation takes the `cursor` and `per_page` to walk it with.
    fn page_items<'v>(
        &mut self,
        schema: &'v Value,
        at: &Pointer,
        endpoint: &EndpointDraft,
    ) -> Option<(&'v Value, Pointer)>
    where
        'd: 'v,
    {
        let (envelope_at, envelope) = self.doc.follow(at, schema).ok()?;
        let properties = envelope.get("properties")?.as_object()?;
        let results = properties.get("results")?;
        if !properties.contains_key("next_cursor") {
            return None;
        }
        let results_at = envelope_at.join("properties").join("results");
        let (results_at, results) = self.doc.follow(&results_at, results).ok()?;
        let items = results.get("items")?;
        let has = |wire: &str, ty: &str| {
            endpoint.params.iter().any(|(w, p)| w == wire && p.ty == ty && !p.required && p.location == "query")
        };
        if !(has("cursor", "string") && has("per_page", "integer")) {
            return None;
        }
        if let Some(name) = schema.get("$ref").and_then(Value::as_str).and_then(schema::component_name) {
            self.consumed.insert(name);
        }
        Some((items, results_at.join("items")))
    }

    /// The OAuth scopes from the operation's (or the document's) security requirements, for
    /// the schemes that are bearer tokens.
    fn scopes(&mut self, operation: &Map<String, Value>, comments: &mut Vec<String>) -> Vec<String> {
        let requirements = operation.get("security").or_else(|| self.doc.root.get("security"));
        let requirements = requirements.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        if operation.get("security").is_some() && requirements.is_empty() {
            comments.push(
                "The document says this needs no authentication; the client sends its credentials anyway.".to_string(),
            );
        }
        let mut scopes: Vec<String> = Vec::new();
        for requirement in requirements.iter().filter_map(Value::as_object) {
            for (scheme, listed) in requirement {
                if !self.schemes.iter().any(|(name, kind)| name == scheme && *kind == Scheme::Bearer) {
                    continue;
                }
                for scope in listed.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if !scopes.iter().any(|s| s == scope) {
                        scopes.push(scope.to_string());
                    }
                }
            }
        }
        scopes
    }
}

/// A path template as the spec will have it.
struct PathShape {
    /// The template, with each segment of several parameters made one.
    template: String,
    /// Its parameters, in path order.
    params: Vec<String>,
    /// Segments of several parameters, made one.
    merged: Vec<Merged>,
}

/// A segment such as `{project}-{number}`, sent as one parameter.
struct Merged {
    /// The parameter's name: the parts' names joined with `_`.
    name: String,
    /// The parameters it is made of.
    parts: Vec<String>,
    /// The segment as the document writes it.
    pattern: String,
}

/// A piece of a path segment.
enum Part<'a> {
    Literal,
    Param(&'a str),
}

impl Part<'_> {
    fn param(&self) -> Option<&str> {
        match self {
            Part::Param(name) => Some(name),
            Part::Literal => None,
        }
    }
}

/// A segment as literal text and `{parameters}`, or `None` when it has unbalanced braces, an
/// empty name, or characters that would need escaping.
fn split_segment(piece: &str) -> Option<Vec<Part<'_>>> {
    let mut parts = Vec::new();
    let mut rest = piece;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('{') {
            let end = inner.find('}')?;
            let name = &inner[..end];
            if name.is_empty() || name.contains('{') {
                return None;
            }
            parts.push(Part::Param(name));
            rest = &inner[end + 1..];
        } else {
            let end = rest.find('{').unwrap_or(rest.len());
            if !rest[..end].bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)) {
                return None;
            }
            parts.push(Part::Literal);
            rest = &rest[end..];
        }
    }
    Some(parts)
}

/// Where an operation is.
struct Op<'a> {
    path: &'a str,
    verb: &'a str,
    at: &'a Pointer,
    shared: &'a [Value],
    item_at: &'a Pointer,
}

/// The status of a success response code: `200`…`299`, or `2XX` as 200.
fn success_status(code: &str) -> Option<u16> {
    if code.eq_ignore_ascii_case("2XX") {
        return Some(200);
    }
    code.parse::<u16>().ok().filter(|s| (200..=299).contains(s))
}

/// The JSON media type among `media`: `application/json` first, then any `…json`.
pub fn json_media<'m>(media: &[&'m String]) -> Option<&'m String> {
    media
        .iter()
        .find(|m| essence(m) == "application/json")
        .or_else(|| media.iter().find(|m| essence(m).ends_with("json")))
        .copied()
}

/// How a request body of a media type is described in the spec format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Json,
    Form,
    Multipart,
    Text,
    Bytes,
}

impl BodyKind {
    /// A form of either kind: an object of fields sent as pairs or parts, never `null`.
    fn is_form(self) -> bool {
        matches!(self, BodyKind::Form | BodyKind::Multipart)
    }
}

/// The media type a request body is imported as, and how: JSON first, then a form, then a
/// multipart form, then text, then bytes of any other type.
fn chosen_media<'m>(media: &[&'m String]) -> Option<(&'m String, BodyKind)> {
    let find = |wanted: &str| media.iter().find(|m| essence(m) == wanted).copied();
    if let Some(json) = json_media(media) {
        return Some((json, BodyKind::Json));
    }
    let form = find("application/x-www-form-urlencoded").map(|m| (m, BodyKind::Form));
    let multipart = || find("multipart/form-data").map(|m| (m, BodyKind::Multipart));
    let text = || find("text/plain").map(|m| (m, BodyKind::Text));
    let bytes = || {
        let sendable =
            |m: &&&String| essence(m) != "multipart/form-data" && !m.contains('*') && crate::lower::is_media_type(m);
        media.iter().find(sendable).map(|m| (*m, BodyKind::Bytes))
    };
    form.or_else(multipart).or_else(text).or_else(bytes)
}

/// The media types besides `json`: the first, and all of them listed, `a`, `b`.
pub(super) fn other_media(media: &[&String], json: &String) -> Option<(String, String)> {
    let others: Vec<&&String> = media.iter().filter(|m| **m != json).collect();
    let listed = others.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
    others.first().map(|first| (first.to_string(), listed))
}

/// Whether a schema is a file's bytes: a binary string (3.0's `format: binary`, 3.1's
/// `contentMediaType` without a text encoding).
fn is_binary(schema: &Value) -> bool {
    if schema.get("type").and_then(Value::as_str).is_some_and(|t| t != "string") {
        return false;
    }
    schema.get("format").and_then(Value::as_str) == Some("binary")
        || (schema.get("contentMediaType").is_some() && schema.get("contentEncoding").is_none())
}

/// Whether a schema describes a JSON object (by its type, its properties or its `allOf`).
fn is_object(object: &Map<String, Value>) -> bool {
    object.get("type").and_then(Value::as_str) == Some("object")
        || object.contains_key("properties")
        || object.contains_key("allOf")
}

/// A name from the method and path, for an operation without `operationId`:
/// `GET /users/{id}/posts` → `get_users_by_id_posts`.
fn derived_name(verb: &str, path: &str) -> String {
    let pieces = path.split('/').filter(|p| !p.is_empty()).map(|p| {
        match p.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(param) => format!("by_{param}"),
            None => p.to_string(),
        }
    });
    std::iter::once(verb.to_ascii_lowercase()).chain(pieces).collect::<Vec<_>>().join("_").to_snake_case()
}

fn first_line(text: &str) -> String {
    text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().to_string()
}

/// What an operation adds to the crate besides its method.
#[derive(Clone, Copy)]
struct Derived {
    /// A `…_stream` method.
    paginated: bool,
    /// A `<Name>Body` type.
    body: bool,
    /// A `<Name>Query` type.
    query: bool,
}

impl Derived {
    /// Whether the operation's names clash with the runtime's (`base_url`, `error` with a body:
    /// `ErrorBody`), for the operation `name`.
    fn clash(self, name: &str) -> bool {
        let method = |rule: names::Rule| rule(name).is_ok_and(|m| crate::runtime::method_clash(&m).is_some());
        let ty = |rule: names::Rule| rule(name).is_ok_and(|t| crate::runtime::type_clash(&t).is_some());
        method(names::method)
            || (self.paginated && method(names::stream_method))
            || (self.body && ty(names::body_type))
            || (self.query && ty(names::query_type))
    }
}

/// A string example for the docs, from the parameter (at `at`) or its schema (at where it is),
/// with the object and key it comes from.
fn example(
    at: &Pointer,
    param: &Map<String, Value>,
    schema: Option<(Pointer, &Value)>,
) -> Option<(String, Pointer, &'static str)> {
    let listed =
        param.get("examples").and_then(Value::as_object).and_then(|e| e.values().next()).and_then(|e| e.get("value"));
    let in_schema = schema.and_then(|(schema_at, s)| Some((s.get("example")?, schema_at, "example")));
    let (value, from, key) = (param.get("example").map(|e| (e, at.clone(), "example")))
        .or(listed.map(|e| (e, at.clone(), "examples")))
        .or(in_schema)?;
    let text = value.as_str().filter(|v| !v.is_empty() && !v.contains(['\n', '"', '\\']))?;
    Some((text.to_string(), from, key))
}

/// Each tag's file stem and description, from the document's `tags` list.
fn tag_files(doc: &Document) -> HashMap<String, (String, Option<String>)> {
    let tags = doc.root.get("tags").and_then(Value::as_array).into_iter().flatten();
    tags.filter_map(|tag| {
        let name = tag.get("name")?.as_str()?;
        Some((name.to_string(), (file_stem(name), tag.as_object().and_then(schema::description))))
    })
    .collect()
}

/// The file (stem) of `tag`, recorded in `files` (tag → file stem and description).
pub fn tag_file(files: &mut HashMap<String, (String, Option<String>)>, tag: &str) -> String {
    files.entry(tag.to_string()).or_insert_with(|| (file_stem(tag), None)).0.clone()
}

/// A tag's file stem: snake_case, and never a name the generated crate keeps for itself.
pub fn file_stem(tag: &str) -> String {
    let snake = tag.to_snake_case();
    match names::module(&snake) {
        Ok(ident)
            if ident == snake && !crate::runtime::reserved_modules().contains(&ident.as_str()) && ident != "api" =>
        {
            ident
        }
        Ok(ident) if !ident.is_empty() => format!("{}_api", names::bare(&ident).trim_end_matches('_')),
        _ => {
            let letters: String = snake.chars().filter(char::is_ascii_alphanumeric).collect();
            format!("tag_{letters}")
        }
    }
}

/// The item type of a `list<…>` or `map<…>` expression, and whether it is a map.
fn collection(ty: &str) -> Option<(&str, bool)> {
    let list = ty.strip_prefix("list<").map(|rest| (rest, false));
    let (rest, map) = list.or_else(|| ty.strip_prefix("map<").map(|rest| (rest, true)))?;
    Some((rest.strip_suffix('>')?, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_stems() {
        assert_eq!(derived_name("GET", "/users/{id}/posts"), "get_users_by_id_posts");
        assert_eq!(file_stem("Work Items"), "work_items");
        assert_eq!(file_stem("error"), "error_api");
        assert_eq!(file_stem("type"), "type_api");
        assert_eq!(file_stem("2FA"), "tag_2fa");
        assert_eq!(success_status("2XX"), Some(200));
        assert_eq!(success_status("404"), None);
    }
}
