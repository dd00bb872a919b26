//! The allow-list: every key the importer reads, in each kind of object it reads, and what
//! becomes of it. A key is kept (the spec says it), claimed (kept where the spec can say it,
//! reported everywhere else) or dropped (reported, with why). A key not listed here is reported
//! as unknown, with the nearest known key as a hint; an `x-` extension not listed is only counted
//! ([`Findings::keys`](super::Findings::keys)), as documents carry many and most are for other tools.
//!
//! The lists follow OpenAPI 3.0 and 3.1 and JSON Schema 2020-12 (with the keywords of the drafts
//! 3.0 builds on); `tests/import/every_keyword.yaml` uses each, and `tests/import.rs` checks that
//! each is either in the output or reported at its pointer.

use serde_json::Value;

use super::Findings;
use super::document::{Document, Pointer};

/// Checks the keys of the document's own parts: its top level, `info`, `servers` (and their
/// variables), `components`, `tags`, and the security schemes the client can use (the others are
/// reported whole). Paths, operations and schemas are checked where they are read.
pub fn document(doc: &Document, findings: &mut Findings) {
    let root = Pointer::default();
    let mut check = |what: Object, at: &Pointer| {
        if let Some(object) = doc.get(at).and_then(Value::as_object) {
            findings.keys(what, object, at);
        }
    };
    check(Object::Document, &root);
    check(Object::Info, &root.join("info"));
    check(Object::Components, &root.join("components"));
    let entries = |key: &str| doc.root.get(key).and_then(Value::as_array).map_or(0, Vec::len);
    for i in 0..entries("servers") {
        let server = root.join("servers").join(i.to_string());
        check(Object::Server, &server);
        let variables = doc.get(&server.join("variables")).and_then(Value::as_object);
        for name in variables.into_iter().flat_map(serde_json::Map::keys) {
            check(Object::ServerVariable, &server.join("variables").join(name.clone()));
        }
    }
    for i in 0..entries("tags") {
        check(Object::Tag, &root.join("tags").join(i.to_string()));
    }
    let schemes = root.join("components").join("securitySchemes");
    for (name, kind) in super::api::schemes(doc) {
        let at = schemes.join(name);
        let Some(Ok((at, Value::Object(scheme)))) = doc.get(&at).map(|s| doc.follow(&at, s)) else { continue };
        if kind != super::api::Scheme::Other {
            findings.keys(Object::SecurityScheme, scheme, &at);
        }
    }
}

/// The kinds of object whose keys are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Object {
    /// The document's top level.
    Document,
    /// `info`.
    Info,
    /// An entry of `servers`.
    Server,
    /// A server's variable.
    ServerVariable,
    /// `components`.
    Components,
    /// An entry of `tags`.
    Tag,
    /// A security scheme.
    SecurityScheme,
    /// A path item (of `paths` or `webhooks`).
    PathItem,
    /// An operation.
    Operation,
    /// A webhook's operation, which a receiver reads rather than a client sends.
    Webhook,
    /// A parameter.
    Parameter,
    /// A request body.
    RequestBody,
    /// The JSON media type of a request body or response.
    MediaType,
    /// The success response.
    Response,
    /// A JSON Schema.
    Schema,
}

impl Object {
    /// What the object is called in a message: "a schema".
    pub fn noun(self) -> &'static str {
        match self {
            Object::Document => "the document's top level",
            Object::Info => "`info`",
            Object::Server => "a server",
            Object::ServerVariable => "a server variable",
            Object::Components => "`components`",
            Object::Tag => "a tag",
            Object::SecurityScheme => "a security scheme",
            Object::PathItem => "a path item",
            Object::Operation => "an operation",
            Object::Webhook => "a webhook's operation",
            Object::Parameter => "a parameter",
            Object::RequestBody => "a request body",
            Object::MediaType => "a media type",
            Object::Response => "a response",
            Object::Schema => "a schema",
        }
    }

    fn keys(self) -> &'static [(&'static str, Fate)] {
        match self {
            Object::Document => DOCUMENT,
            Object::Info => INFO,
            Object::Server => SERVER,
            Object::ServerVariable => SERVER_VARIABLE,
            Object::Components => COMPONENTS,
            Object::Tag => TAG,
            Object::SecurityScheme => SECURITY_SCHEME,
            Object::PathItem => PATH_ITEM,
            Object::Operation => OPERATION,
            Object::Webhook => WEBHOOK,
            Object::Parameter => PARAMETER,
            Object::RequestBody => REQUEST_BODY,
            Object::MediaType => MEDIA_TYPE,
            Object::Response => RESPONSE,
            Object::Schema => SCHEMA,
        }
    }

    /// What becomes of `key` in this kind of object; `None` when the importer does not know it.
    pub fn fate(self, key: &str) -> Option<Fate> {
        self.keys().iter().find(|(k, _)| *k == key).map(|(_, fate)| *fate)
    }

    /// The keys this kind of object may have, for hints.
    pub fn known(self) -> impl Iterator<Item = &'static str> {
        self.keys().iter().map(|(key, _)| *key)
    }
}

/// What becomes of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Read and kept in the spec. Where the spec cannot say all of it (several types, non-text
    /// enum values, `additionalProperties` beside `properties`…), a warning of its own says so
    /// where it is read.
    Kept,
    /// Kept where the spec can say it (the bounds of a query parameter or a body field, a string
    /// parameter's example), which claims it; reported, with why, everywhere else.
    Claimed(&'static str),
    /// Not kept: reported, with why.
    Dropped(&'static str),
}

use Fate::{Claimed, Dropped, Kept};

const DOCS: &str = "the spec has no place for it";
const CHECKS: &str = "the client does not check it (the server does)";
const APPLICATOR: &str = "the spec format cannot say it; the value is read by its other keywords alone";
const BOUNDS: &str = "the spec format states bounds on query parameters and body fields only";
const IDENTITY: &str = "references by `$id` or anchor are not followed; only local `#/…` pointers are";

const DOCUMENT: &[(&str, Fate)] = &[
    ("openapi", Kept),
    ("info", Kept),
    ("jsonSchemaDialect", Dropped("schemas are read as OpenAPI's own dialect")),
    ("servers", Kept),
    ("paths", Kept),
    ("webhooks", Kept),
    ("components", Kept),
    ("security", Kept),
    ("tags", Kept),
    ("externalDocs", Dropped(DOCS)),
    ("x-webhooks", Kept),
    ("x-not-served", Kept),
];

const INFO: &[(&str, Fate)] = &[
    ("title", Kept),
    ("summary", Dropped("the api's `description` comes from `description`")),
    ("description", Kept),
    ("termsOfService", Dropped(DOCS)),
    ("contact", Dropped("a crate's authors and links are its owner's to write in its Cargo.toml")),
    ("license", Dropped("a crate's license is its owner's to write in its Cargo.toml")),
    // A comment in the api file: the crate's version is its own.
    ("version", Kept),
    // This generator's own.
    ("x-editions", Kept),
];

const SERVER: &[(&str, Fate)] = &[
    ("url", Kept),
    ("description", Dropped(DOCS)),
    // Its variables' defaults fill the URL.
    ("variables", Kept),
];

const SERVER_VARIABLE: &[(&str, Fate)] = &[
    ("default", Kept),
    ("enum", Dropped("`base_url` is the URL with each variable's default; set another by hand")),
    ("description", Dropped(DOCS)),
];

/// Sections other than `schemas` and `securitySchemes` are read where a `$ref` points into them.
const COMPONENTS: &[(&str, Fate)] = &[
    ("schemas", Kept),
    ("responses", Kept),
    ("parameters", Kept),
    ("examples", Kept),
    ("requestBodies", Kept),
    ("headers", Kept),
    ("securitySchemes", Kept),
    ("links", Kept),
    ("callbacks", Kept),
    ("pathItems", Kept),
];

const TAG: &[(&str, Fate)] = &[("name", Kept), ("description", Kept), ("externalDocs", Dropped(DOCS))];

const SECURITY_SCHEME: &[(&str, Fate)] = &[
    ("type", Kept),
    ("name", Kept),
    ("in", Kept),
    ("scheme", Kept),
    ("description", Dropped(DOCS)),
    ("bearerFormat", Dropped("a bearer token is sent as given, whatever its format")),
    ("flows", Dropped("the client is given its token; how to get one is the caller's")),
    ("openIdConnectUrl", Dropped("the client is given its token; how to get one is the caller's")),
];

const PATH_ITEM: &[(&str, Fate)] = &[
    ("$ref", Kept),
    ("summary", Dropped("each operation has its own summary")),
    ("description", Dropped("each operation has its own description")),
    ("get", Kept),
    ("put", Kept),
    ("post", Kept),
    ("delete", Kept),
    ("patch", Kept),
    // Skipped, with a warning of their own.
    ("head", Kept),
    ("options", Kept),
    ("trace", Kept),
    ("servers", Dropped("every operation is sent to the api's `base_url`")),
    ("parameters", Kept),
];

const OPERATION: &[(&str, Fate)] = &[
    ("tags", Kept),
    ("summary", Kept),
    ("description", Kept),
    ("externalDocs", Dropped(DOCS)),
    ("operationId", Kept),
    ("parameters", Kept),
    ("requestBody", Kept),
    ("responses", Kept),
    ("callbacks", Dropped("the spec format has no callbacks")),
    ("deprecated", Kept),
    ("security", Kept),
    ("servers", Dropped("every operation is sent to the api's `base_url`")),
    ("x-variants", Kept),
    ("x-upload", Kept),
    ("x-editions", Kept),
    ("x-download", Kept),
];

/// A webhook's header parameters are what `x-webhooks` names (without it there is no
/// `webhooks:` block, and a warning says why); what it answers is up to the receiver's handler.
const WEBHOOK: &[(&str, Fate)] = &[
    ("tags", Kept),
    ("summary", Kept),
    ("description", Kept),
    ("externalDocs", Dropped(DOCS)),
    ("operationId", Dropped("an event is named by its webhook's key")),
    ("parameters", Kept),
    ("requestBody", Kept),
    ("responses", Dropped("what a receiver answers is up to its handler")),
    ("callbacks", Dropped("the spec format has no callbacks")),
    ("deprecated", Dropped(DOCS)),
    ("security", Dropped("a delivery is checked by its signature (`x-webhooks`)")),
    ("servers", Dropped("a delivery is sent to the receiver, wherever it is")),
];

const PARAMETER: &[(&str, Fate)] = &[
    ("name", Kept),
    ("in", Kept),
    ("description", Kept),
    ("required", Kept),
    ("deprecated", Kept),
    ("allowEmptyValue", Dropped("an empty value is sent as any other")),
    // A list's or map's in the query are kept as its `style`; a single value is sent alike in
    // every style but a path's `label` and `matrix`, which are reported where read.
    ("style", Kept),
    ("explode", Kept),
    ("allowReserved", Dropped("the client percent-encodes reserved characters")),
    ("schema", Kept),
    ("example", Claimed("only a string parameter's example is kept")),
    ("examples", Claimed("only a string parameter's example is kept")),
    // Reported where read: the spec reads a parameter by its `schema`.
    ("content", Kept),
];

const REQUEST_BODY: &[(&str, Fate)] = &[
    ("description", Claimed("a JSON object's fields have their own descriptions; other bodies keep theirs")),
    ("content", Kept),
    ("required", Kept),
];

const MEDIA_TYPE: &[(&str, Fate)] = &[
    ("schema", Kept),
    ("example", Dropped(DOCS)),
    ("examples", Dropped(DOCS)),
    ("encoding", Dropped("it applies to the parts of forms and multipart bodies, which are sent as the spec says")),
];

const RESPONSE: &[(&str, Fate)] = &[
    ("description", Kept),
    ("headers", Dropped("the method returns the body; `exchange()` gives the headers")),
    ("content", Kept),
    ("links", Dropped("the spec format has no links")),
];

const SCHEMA: &[(&str, Fate)] = &[
    // JSON Schema's core vocabulary.
    ("$schema", Dropped("schemas are read as OpenAPI's own dialect")),
    ("$id", Dropped(IDENTITY)),
    ("$ref", Kept),
    ("$anchor", Dropped(IDENTITY)),
    ("$dynamicRef", Dropped(IDENTITY)),
    ("$dynamicAnchor", Dropped(IDENTITY)),
    ("$recursiveRef", Dropped(IDENTITY)),
    ("$recursiveAnchor", Dropped(IDENTITY)),
    ("$vocabulary", Dropped("schemas are read as OpenAPI's own dialect")),
    ("$comment", Dropped("a comment for the document's authors")),
    // Read where a `$ref` points into them.
    ("$defs", Kept),
    ("definitions", Kept),
    // Applicators.
    ("allOf", Kept),
    ("anyOf", Kept),
    ("oneOf", Kept),
    ("not", Dropped(APPLICATOR)),
    ("if", Dropped(APPLICATOR)),
    ("then", Dropped(APPLICATOR)),
    ("else", Dropped(APPLICATOR)),
    ("dependentSchemas", Dropped(APPLICATOR)),
    ("dependencies", Dropped(APPLICATOR)),
    ("prefixItems", Dropped(APPLICATOR)),
    ("items", Kept),
    ("additionalItems", Dropped(APPLICATOR)),
    ("contains", Dropped(APPLICATOR)),
    ("properties", Kept),
    ("patternProperties", Dropped(APPLICATOR)),
    ("additionalProperties", Kept),
    ("propertyNames", Dropped(APPLICATOR)),
    ("unevaluatedItems", Dropped(APPLICATOR)),
    ("unevaluatedProperties", Dropped(APPLICATOR)),
    // Validation.
    ("type", Kept),
    ("enum", Kept),
    ("const", Dropped("a constant is read by its type alone")),
    ("multipleOf", Dropped(CHECKS)),
    ("maximum", Claimed(BOUNDS)),
    ("exclusiveMaximum", Claimed(BOUNDS)),
    ("minimum", Claimed(BOUNDS)),
    ("exclusiveMinimum", Claimed(BOUNDS)),
    ("maxLength", Claimed(BOUNDS)),
    ("minLength", Claimed(BOUNDS)),
    // A key type's `pattern` is what its `x-key-format` says, which its `parse` checks.
    ("pattern", Claimed(CHECKS)),
    ("maxItems", Dropped(CHECKS)),
    ("minItems", Dropped(CHECKS)),
    ("uniqueItems", Dropped(CHECKS)),
    ("maxContains", Dropped(CHECKS)),
    ("minContains", Dropped(CHECKS)),
    ("maxProperties", Dropped(CHECKS)),
    ("minProperties", Dropped(CHECKS)),
    ("required", Kept),
    ("dependentRequired", Dropped(APPLICATOR)),
    // Format and content.
    ("format", Kept),
    ("contentEncoding", Dropped("the value is read as the string it is sent as, still encoded")),
    // A multipart body's file part claims it: there it says the part is a file.
    ("contentMediaType", Claimed("the value is read as the string it is sent as, not as its media type")),
    ("contentSchema", Dropped("the value is read as the string it is sent as, not by this schema")),
    // Annotations.
    ("title", Kept),
    ("description", Kept),
    ("default", Dropped("the spec format has no defaults: a value left out is not sent")),
    ("deprecated", Kept),
    ("readOnly", Kept),
    ("writeOnly", Kept),
    ("examples", Claimed("only a key type's first example is kept")),
    // OpenAPI's own.
    ("nullable", Kept),
    ("discriminator", Dropped("a union decodes by trying each variant in turn")),
    ("xml", Dropped("only JSON is read")),
    ("externalDocs", Dropped(DOCS)),
    ("example", Claimed("only a string parameter's example is kept")),
    // This generator's, and others' it reads.
    ("x-id-of", Kept),
    ("x-key-format", Kept),
    ("x-key-parts", Kept),
    ("x-enum-varnames", Kept),
    ("x-extensible-enum", Kept),
    ("x-into", Kept),
    ("x-expand", Kept),
    ("x-select", Kept),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_object_lists_a_key_once() {
        let all = [
            Object::Document,
            Object::Info,
            Object::Server,
            Object::ServerVariable,
            Object::Components,
            Object::Tag,
            Object::SecurityScheme,
            Object::PathItem,
            Object::Operation,
            Object::Webhook,
            Object::Parameter,
            Object::RequestBody,
            Object::MediaType,
            Object::Response,
            Object::Schema,
        ];
        for object in all {
            let mut keys: Vec<&str> = object.known().collect();
            let count = keys.len();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), count, "{object:?} lists a key twice");
        }
        assert_eq!(Object::Schema.fate("contentEncoding").map(|f| matches!(f, Fate::Dropped(_))), Some(true));
        assert_eq!(Object::Schema.fate("contentMediaType").map(|f| matches!(f, Fate::Claimed(_))), Some(true));
        assert_eq!(Object::Schema.fate("x-unknown"), None);
    }
}
