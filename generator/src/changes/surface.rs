//! The API as its users see it, read back from an `openapi.json` written by `emit/openapi.rs`.
//!
//! Both sides of a comparison are read from that document (the committed one and the one about
//! to be written), so a fact the document does not record can never show up as a change. Rust
//! names are derived the way lowering derives them (`names`), since the document keeps the
//! spec's names: operation ids, component names and JSON keys.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::classify;
use crate::model::{Bounds, Presence, Ty};
use crate::names;

/// Everything a comparison looks at.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Surface {
    /// The default base URL.
    pub base_url: String,
    /// The accepted authentication schemes, as prose (`API key in \`X-API-Key\``).
    pub auth: Vec<String>,
    /// The crate's title and front page.
    pub crate_doc: String,
    /// Which of the generator's own changes the crate has (`changes::shape`); 0 before the first.
    pub shape: u64,
    /// Module (tag) name → its documentation.
    pub modules: BTreeMap<String, String>,
    /// Operations by operation id.
    pub operations: BTreeMap<String, Operation>,
    /// Named types and enums by name.
    pub schemas: BTreeMap<String, Schema>,
    /// The webhooks, if the API sends any.
    pub webhooks: Option<Webhooks>,
}

/// The webhooks: `WebhookEvent`, and how `WebhookReceiver` checks and names a delivery.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhooks {
    /// The module that declares them, whose feature compiles them.
    pub module: String,
    /// The header with the signature.
    pub signature_header: String,
    /// What precedes the signature's hex digits.
    pub signature_prefix: String,
    /// The header that names the event.
    pub event_header: String,
    /// The header with the delivery's id, if any.
    pub delivery_header: Option<String>,
    /// The events by name: each a variant of `WebhookEvent`.
    pub events: BTreeMap<String, Event>,
    /// What the webhooks are.
    pub doc: String,
}

/// One event: a variant of `WebhookEvent`, holding the delivery's body.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The body's type.
    pub ty: Ty,
    /// When it is sent.
    pub doc: String,
}

/// One operation: a method on `Client`.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The module its body and query types live in.
    pub module: String,
    /// `GET`, `POST`, …
    pub method: String,
    /// The path template.
    pub path: String,
    /// Path parameters, in path order: the method's positional arguments.
    pub path_params: Vec<Param>,
    /// Query, header and cookie parameters: the fields of its `…Query` type.
    pub query_params: Vec<Param>,
    /// The body's fields, if it takes a body.
    pub body: Option<Vec<Field>>,
    /// How a body is sent when it is not the fields as JSON: `form` for the fields as a form;
    /// for a body of another kind, the argument the method takes (`&[Label]`, `&str`, bytes of
    /// `image/png`). Empty for the fields as JSON, or no body.
    pub request: String,
    /// The success response.
    pub response: Response,
    /// Summary, description and scopes: all that only its docs show.
    pub doc: String,
    /// Its upload and download methods (`x-upload`, `x-download`): method name → the block.
    pub transfers: BTreeMap<String, Transfer>,
}

/// An upload or download method that an operation starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Transfer {
    /// `upload` or `download`.
    pub kind: &'static str,
    /// The answer's field it returns (an upload's `returns`): its Rust return type follows.
    pub returns: Option<String>,
    /// The whole block, as the document has it.
    pub block: Value,
}

/// A path, query, header or cookie parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name on the wire.
    pub name: String,
    /// Its type.
    pub ty: Ty,
    /// Whether the call needs it.
    pub required: bool,
    /// Where it is sent: `query`, `header` or `cookie`.
    pub sent_in: String,
    /// What it may hold, checked before sending.
    pub bounds: Bounds,
    /// How a list or map is written (`form, explode: false`); empty for a single value.
    pub style: String,
    /// Its description.
    pub doc: String,
}

/// A field of a named type or of a request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON key.
    pub name: String,
    /// Its type.
    pub ty: Ty,
    /// Required and nullable, as the model has it.
    pub presence: Presence,
    /// What a request may send in it, checked before sending.
    pub bounds: Bounds,
    /// Its description.
    pub doc: String,
}

/// A success response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The documented status.
    pub status: String,
    /// The body type (of one item, when paginated).
    pub ty: Option<Ty>,
    /// Whether it is a page of cursor pagination.
    pub paginated: bool,
    /// Its description.
    pub doc: String,
}

/// A named schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Schema {
    /// A struct.
    Object {
        /// Its fields, in order.
        fields: Vec<Field>,
        /// The types it converts into: a `From` each.
        into: Vec<String>,
        /// The fields that expand, each with the type of its object (`x-expand`).
        expand: Vec<(String, String)>,
        /// Whether a call may cut it to some fields (`x-select`).
        select: bool,
        /// Its description.
        doc: String,
    },
    /// A string enum: its wire values.
    Enum {
        /// The values, in order.
        values: Vec<String>,
        /// Its description.
        doc: String,
    },
    /// An untagged enum: one of several types, tried in order.
    Union {
        /// Each variant's spec name and type, in order.
        variants: Vec<(String, Ty)>,
        /// Its description.
        doc: String,
    },
    /// The id type of a resource.
    Id {
        /// The resource it is the id of.
        resource: String,
        /// Its description.
        doc: String,
    },
    /// A key type: a struct of parts, written as one string.
    Key {
        /// How its text is written, e.g. `{project}-{number}`.
        format: String,
        /// Its parts (required fields, the arguments of its `new`), in order.
        parts: Vec<Field>,
        /// Its description.
        doc: String,
    },
}

impl Schema {
    /// Its description.
    pub fn doc(&self) -> &str {
        match self {
            Schema::Object { doc, .. }
            | Schema::Enum { doc, .. }
            | Schema::Union { doc, .. }
            | Schema::Id { doc, .. }
            | Schema::Key { doc, .. } => doc,
        }
    }
}

/// Reads a document. `None` when the text is not a JSON object that looks like ours, so that a
/// hand-edited or foreign file is reported as "no baseline" rather than as a flood of changes.
pub fn read(text: &str) -> Option<Surface> {
    let doc: Value = serde_json::from_str(text).ok()?;
    let doc = doc.as_object()?;
    doc.get(crate::marker::JSON_KEY)?;
    let empty = Map::new();
    let schemas = object(doc.get("components").and_then(|c| c.get("schemas"))).unwrap_or(&empty);
    let reader = Reader { schemas };
    Some(Surface {
        base_url: text_at(doc.get("servers").and_then(|s| s.get(0)), "url"),
        auth: auth(doc),
        crate_doc: format!("{}\n{}", text_at(doc.get("info"), "title"), text_at(doc.get("info"), "description")),
        shape: doc.get("info").and_then(|i| i.get("x-client-shape")).and_then(Value::as_u64).unwrap_or(0),
        modules: list(doc.get("tags")).map(|t| (text_at(Some(t), "name"), text_at(Some(t), "description"))).collect(),
        operations: reader.operations(object(doc.get("paths")).unwrap_or(&empty)),
        schemas: schemas.iter().map(|(name, schema)| (name.clone(), reader.schema(schema))).collect(),
        webhooks: reader.webhooks(doc),
    })
}

/// The Rust name that `rule` makes of `name`; `name` itself when it makes none, which only a
/// document that this generator did not write can cause.
pub fn rust_name(rule: names::Rule, name: &str) -> String {
    rule(name).unwrap_or_else(|_| name.to_string())
}

/// The Rust name of an operation's method.
pub fn method_ident(operation: &str) -> String {
    rust_name(names::method, operation)
}

/// The Rust name of a field, a parameter or a setter, without `r#`.
pub fn field_ident(name: &str) -> String {
    names::bare(&rust_name(names::field, name)).to_string()
}

/// How the report names a field of a struct (a parameter of a query type): `Customer.industry`.
pub fn member(owner: &str, field: &str) -> String {
    format!("{owner}.{}", field_ident(field))
}

/// How the report names a variant of an enum or union, from a value or alternative: `Stage::Lead`.
pub fn variant(owner: &str, value: &str) -> String {
    format!("{owner}::{}", rust_name(names::variant, value))
}

fn auth(doc: &Map<String, Value>) -> Vec<String> {
    let schemes = object(doc.get("components").and_then(|c| c.get("securitySchemes")));
    schemes
        .into_iter()
        .flatten()
        .map(|(name, scheme)| match scheme.get("name").and_then(Value::as_str) {
            Some(header) => format!("{name} in `{header}`"),
            None => name.clone(),
        })
        .collect()
}

/// Reads schemas, knowing the named ones so that a `$ref` resolves to a type or an enum.
struct Reader<'a> {
    schemas: &'a Map<String, Value>,
}

impl Reader<'_> {
    /// Every operation, including those that share a method and path (`x-variants`).
    fn operations(&self, paths: &Map<String, Value>) -> BTreeMap<String, Operation> {
        let mut found = BTreeMap::new();
        for (path, methods) in paths {
            for (method, operation) in object(Some(methods)).into_iter().flatten() {
                let variants = list(operation.get("x-variants"));
                for operation in std::iter::once(operation).chain(variants) {
                    let id = text_at(Some(operation), "operationId");
                    found.insert(id, self.operation(path, method, operation));
                }
            }
        }
        found
    }

    fn operation(&self, path: &str, method: &str, operation: &Value) -> Operation {
        let params = |locations: &[&str]| -> Vec<Param> {
            list(operation.get("parameters"))
                .filter(|p| p.get("in").and_then(Value::as_str).is_some_and(|l| locations.contains(&l)))
                .map(|p| self.param(p))
                .collect()
        };
        let (body, request) = self.request(operation.pointer("/requestBody/content"));
        let security: Vec<String> = list(operation.get("security")).map(Value::to_string).collect();
        Operation {
            module: list(operation.get("tags")).next().and_then(Value::as_str).unwrap_or_default().to_string(),
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            path_params: params(&["path"]),
            query_params: params(&["query", "header", "cookie"]),
            body,
            request,
            response: self.response(operation.get("responses")),
            // Which editions serve it is the docs' to say: the Rust API is the same.
            doc: [
                text_at(Some(operation), "summary"),
                text_at(Some(operation), "description"),
                security.join(" "),
                operation.get("x-editions").map(Value::to_string).unwrap_or_default(),
            ]
            .join("\n"),
            transfers: [("upload", "x-upload"), ("download", "x-download")]
                .into_iter()
                .filter_map(|(kind, key)| {
                    let block = operation.get(key)?;
                    let name = rust_name(names::method, &text_at(Some(block), "name"));
                    let returns = block.get("returns").and_then(Value::as_str).map(str::to_string);
                    Some((name, Transfer { kind, returns, block: block.clone() }))
                })
                .collect(),
        }
    }

    /// The webhooks: the headers from `x-webhooks`, the events from `webhooks`, each a `post`
    /// whose body is the event's type.
    fn webhooks(&self, doc: &Map<String, Value>) -> Option<Webhooks> {
        let scheme = doc.get("x-webhooks")?;
        let events = object(doc.get("webhooks")).into_iter().flatten().filter_map(|(name, item)| {
            let post = item.get("post")?;
            let ty = post.pointer("/requestBody/content/application~1json/schema").map_or(Ty::Json, |s| self.ty(s).0);
            Some((name.clone(), post, Event { ty, doc: text_at(Some(post), "description") }))
        });
        let events: Vec<(String, &Value, Event)> = events.collect();
        let module = events.first().and_then(|(_, post, _)| list(post.get("tags")).next()).and_then(Value::as_str);
        let header = |key: &str| scheme.get(key).and_then(Value::as_str).map(str::to_string);
        Some(Webhooks {
            module: module.unwrap_or_default().to_string(),
            signature_header: header("signature_header").unwrap_or_default(),
            signature_prefix: header("signature_prefix").unwrap_or_default(),
            event_header: header("event_header").unwrap_or_default(),
            delivery_header: header("delivery_header"),
            events: events.into_iter().map(|(name, _, event)| (name, event)).collect(),
            doc: text_at(Some(scheme), "description"),
        })
    }

    /// A request body (its `content`): the fields, when it is an object of them, as JSON or a
    /// form; and how it is sent, as [`Operation::request`] says.
    fn request(&self, content: Option<&Value>) -> (Option<Vec<Field>>, String) {
        let Some((media_type, body)) = object(content).into_iter().flatten().next() else {
            return (None, String::new());
        };
        let schema = body.get("schema").unwrap_or(&Value::Null);
        // The fields are written inline; a body of a type refers to it, or is a list or a scalar.
        let fields = schema.get("properties").is_some().then(|| self.fields(schema));
        let request = match media_type.as_str() {
            "application/json" if fields.is_some() => String::new(),
            "application/x-www-form-urlencoded" => "form".to_string(),
            "multipart/form-data" => "multipart".to_string(),
            "application/json" => {
                let (ty, nullable) = self.ty(schema);
                let ty = match ty {
                    Ty::List(item) => format!("&[{}]", classify::rust(&item)),
                    Ty::String => "&str".to_string(),
                    ty => format!("&{}", classify::rust(&ty)),
                };
                if nullable { format!("Option<{ty}>") } else { ty }
            }
            "text/plain" => "&str (text)".to_string(),
            other => format!("bytes of `{other}`"),
        };
        (fields, request)
    }

    fn param(&self, param: &Value) -> Param {
        let schema = param.get("schema");
        Param {
            name: text_at(Some(param), "name"),
            ty: schema.map_or(Ty::Json, |s| self.ty(s).0),
            required: param.get("required").and_then(Value::as_bool).unwrap_or(false),
            sent_in: text_at(Some(param), "in"),
            bounds: schema.map(bounds).unwrap_or_default(),
            style: match (param.get("style").and_then(Value::as_str), param.get("explode").and_then(Value::as_bool)) {
                (Some(style), Some(explode)) => format!("{style}, explode: {explode}"),
                _ => String::new(),
            },
            doc: text_at(Some(param), "description"),
        }
    }

    /// The one success response (the document has it beside `default`).
    fn response(&self, responses: Option<&Value>) -> Response {
        let success = object(responses).into_iter().flatten().find(|(status, _)| status.as_str() != "default");
        let Some((status, response)) = success else {
            return Response { status: String::new(), ty: None, paginated: false, doc: String::new() };
        };
        let schema = response.pointer("/content/application~1json/schema");
        // A page is the only inline object a response has: named types are references.
        let items = schema.and_then(|s| s.pointer("/properties/results/items"));
        let paginated = items.is_some() && schema.and_then(|s| s.pointer("/properties/next_cursor")).is_some();
        let ty = if paginated { items } else { schema };
        Response {
            status: status.clone(),
            ty: ty.map(|s| self.ty(s).0),
            paginated,
            doc: text_at(Some(response), "description"),
        }
    }

    fn schema(&self, schema: &Value) -> Schema {
        let doc = text_at(Some(schema), "description");
        if let Some(values) = schema.get("enum") {
            // An enum of integer codes is known by its variants' names.
            let values = schema.get("x-enum-varnames").unwrap_or(values);
            let values = list(Some(values)).filter_map(Value::as_str).map(str::to_string).collect();
            return Schema::Enum { values, doc };
        }
        if let Some(variants) = schema.get("anyOf") {
            // Each variant carries its spec name as `title`.
            let variants = list(Some(variants)).map(|v| (text_at(Some(v), "title"), self.ty(v).0)).collect();
            return Schema::Union { variants, doc };
        }
        if let Some(resource) = schema.get("x-id-of") {
            return Schema::Id { resource: resource.as_str().unwrap_or_default().to_string(), doc };
        }
        if let Some(format) = schema.get("x-key-format") {
            let format = format.as_str().unwrap_or_default().to_string();
            let parts = object(schema.get("x-key-parts")).into_iter().flatten();
            let parts = parts
                .map(|(name, part)| Field {
                    name: name.clone(),
                    ty: self.ty(part).0,
                    presence: Presence::Required,
                    bounds: bounds(part),
                    doc: text_at(Some(part), "description"),
                })
                .collect();
            return Schema::Key { format, parts, doc };
        }
        let into = object(schema.get("x-into")).into_iter().flatten().map(|(target, _)| target.clone()).collect();
        let expand = object(schema.get("x-expand"))
            .into_iter()
            .flatten()
            .filter_map(|(field, object)| Some((field.clone(), object.as_str()?.to_string())))
            .collect();
        let select = schema.get("x-select").and_then(Value::as_bool).unwrap_or(false);
        Schema::Object { fields: self.fields(schema), into, expand, select, doc }
    }

    fn fields(&self, object_schema: &Value) -> Vec<Field> {
        let required: Vec<&str> = list(object_schema.get("required")).filter_map(Value::as_str).collect();
        object(object_schema.get("properties"))
            .into_iter()
            .flatten()
            .map(|(name, property)| {
                let (ty, nullable) = self.ty(property);
                Field {
                    name: name.clone(),
                    ty,
                    presence: Presence::new(required.contains(&name.as_str()), nullable),
                    bounds: bounds(property),
                    doc: text_at(Some(property), "description"),
                }
            })
            .collect()
    }

    /// A schema as a type, and whether it also accepts `null`. Anything this reader does not
    /// know reads as any JSON value, which is also what such a schema means.
    fn ty(&self, schema: &Value) -> (Ty, bool) {
        if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
            let nullable = options.iter().any(|o| o.get("type").and_then(Value::as_str) == Some("null"));
            let inner = options.iter().find(|o| o.get("type").and_then(Value::as_str) != Some("null"));
            return (inner.map_or(Ty::Json, |s| self.ty(s).0), nullable);
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference.rsplit('/').next().unwrap_or(reference).to_string();
            let target = self.schemas.get(&name);
            let ty = if target.is_some_and(|s| s.get("enum").is_some()) {
                Ty::Enum(name)
            } else if target.is_some_and(|s| s.get("x-id-of").is_some()) {
                Ty::Id(name)
            } else if target.is_some_and(|s| s.get("x-key-format").is_some()) {
                Ty::Key(name)
            } else if target.is_some_and(|s| s.get("anyOf").is_some()) {
                Ty::Union(name)
            } else {
                Ty::Named(name)
            };
            return (ty, false);
        }
        let (ty, nullable) = match schema.get("type") {
            Some(Value::Array(types)) => (
                types.iter().filter_map(Value::as_str).find(|t| *t != "null"),
                types.iter().any(|t| t.as_str() == Some("null")),
            ),
            Some(ty) => (ty.as_str(), false),
            None => (None, false),
        };
        let format = schema.get("format").and_then(Value::as_str);
        let inner = |key: &str| Box::new(schema.get(key).map_or(Ty::Json, |s| self.ty(s).0));
        let ty = match (ty, format) {
            (Some("string"), Some("uuid")) => Ty::Uuid,
            (Some("string"), Some("date-time")) => Ty::DateTime,
            (Some("string"), Some("date")) => Ty::Date,
            (Some("string"), Some("binary")) => Ty::File,
            (Some("string"), _) => Ty::String,
            (Some("integer"), _) => Ty::Integer,
            (Some("number"), _) => Ty::Number,
            (Some("boolean"), _) => Ty::Boolean,
            (Some("array"), _) => Ty::List(inner("items")),
            (Some("object"), _) => Ty::Map(inner("additionalProperties")),
            _ => Ty::Json,
        };
        (ty, nullable)
    }
}

/// The JSON Schema bounds beside a type.
fn bounds(schema: &Value) -> Bounds {
    let integer = |key: &str| schema.get(key).and_then(Value::as_i64);
    let length = |key: &str| schema.get(key).and_then(Value::as_u64);
    Bounds {
        minimum: integer("minimum"),
        maximum: integer("maximum"),
        min_length: length("minLength"),
        max_length: length("maxLength"),
    }
}

fn object(value: Option<&Value>) -> Option<&Map<String, Value>> {
    value.and_then(Value::as_object)
}

fn list(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    value.and_then(Value::as_array).into_iter().flatten()
}

/// The text under `key`, or nothing.
fn text_at(value: Option<&Value>, key: &str) -> String {
    value.and_then(|v| v.get(key)).and_then(Value::as_str).unwrap_or_default().to_string()
}
