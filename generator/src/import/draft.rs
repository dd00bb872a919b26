//! The spec the importer is writing, before it is text: the `api` block, and one file per tag
//! with its types, enums, endpoints (and webhooks) in the order found. Every name here is already the one
//! the spec will use; `comments` are the importer's choices, written as YAML comments.

use std::collections::BTreeMap;

use super::document::Pointer;

/// The whole spec.
#[derive(Debug, Default)]
pub struct Draft {
    /// The `api` block.
    pub api: ApiDraft,
    /// The spec files other than the `api` block's, by file stem.
    pub files: BTreeMap<String, FileDraft>,
}

/// The `api` block.
#[derive(Debug, Default)]
pub struct ApiDraft {
    /// Machine name.
    pub name: String,
    /// Human title.
    pub title: String,
    /// Front-page prose.
    pub description: Option<String>,
    /// The default server.
    pub base_url: String,
    /// The header of an API key, if one is accepted.
    pub api_key: Option<String>,
    /// Whether bearer tokens are accepted.
    pub bearer: bool,
    /// Resources that have an id type but no object type, with what they are (`ids:`).
    pub ids: Vec<(String, String)>,
    /// The editions (`x-editions`, as this generator's documents write them): name, title and
    /// description.
    pub editions: Vec<(String, String, Option<String>)>,
    /// How a server answers a path it does not route (`x-not-served`): status and JSON body.
    pub not_served: Option<(u64, serde_json::Value)>,
    /// The importer's choices, as comments above the block.
    pub comments: Vec<String>,
}

/// One spec file: one tag's operations and the types they were the first to use.
#[derive(Debug, Default)]
pub struct FileDraft {
    /// What the file holds and where it came from, as comments at its top.
    pub comments: Vec<String>,
    /// The tag's description.
    pub description: Option<String>,
    /// Object types and unions.
    pub types: Vec<(String, TypeDraft)>,
    /// String enumerations.
    pub enums: Vec<(String, EnumDraft)>,
    /// Key types.
    pub keys: Vec<(String, KeyDraft)>,
    /// Operations.
    pub endpoints: Vec<(String, EndpointDraft)>,
    /// The webhooks, in the file of the first event's tag.
    pub webhooks: Option<WebhooksDraft>,
}

/// The `webhooks` block.
#[derive(Debug, Default)]
pub struct WebhooksDraft {
    /// What the webhooks are.
    pub description: Option<String>,
    /// The header with the HMAC-SHA256 of the body.
    pub signature_header: String,
    /// What precedes the hex digits in that header.
    pub signature_prefix: String,
    /// The header that names the event.
    pub event_header: String,
    /// The header with the delivery's id, if any.
    pub delivery_header: Option<String>,
    /// The events by name, in document order.
    pub events: Vec<(String, WebhookEventDraft)>,
}

/// One event of the webhooks.
#[derive(Debug, Default)]
pub struct WebhookEventDraft {
    /// The type of the delivery's body (an object type or a union).
    pub ty: String,
    /// When it is sent.
    pub description: Option<String>,
    /// The importer's choices.
    pub comments: Vec<String>,
}

/// A named type: an object, or a union of types tried in order.
#[derive(Debug, Default)]
pub struct TypeDraft {
    /// What it stands for.
    pub description: Option<String>,
    /// The importer's choices.
    pub comments: Vec<String>,
    /// Fields of an object.
    pub fields: Vec<(String, FieldDraft)>,
    /// Variants of a union (name, type expression); when not empty, the type is a union.
    pub one_of: Vec<(String, String)>,
    /// The types it converts into (`x-into`, as this generator's documents write it), each with
    /// its renamed fields (target field, source field).
    pub into: Vec<(String, Vec<(String, String)>)>,
    /// The fields that expand, each with its object's type (`x-expand`, as this generator's
    /// documents write it).
    pub expand: Vec<(String, String)>,
    /// Whether a call may cut it to some fields (`x-select`, as this generator's documents
    /// write it).
    pub select: bool,
}

/// A string enumeration.
#[derive(Debug, Default)]
pub struct EnumDraft {
    /// What it stands for.
    pub description: Option<String>,
    /// The importer's choices.
    pub comments: Vec<String>,
    /// The wire values.
    pub values: Vec<String>,
    /// For an enum of integer codes instead: each variant's name and code.
    pub codes: Vec<(String, i64)>,
}

/// A key type: parts written as one string by a format.
#[derive(Debug, Default)]
pub struct KeyDraft {
    /// What it names.
    pub description: Option<String>,
    /// The importer's choices.
    pub comments: Vec<String>,
    /// The format, e.g. `{project}-{number}`.
    pub format: String,
    /// A key as text (the schema's first example).
    pub example: Option<String>,
    /// Its parts, in the format's order: name, `string` or `integer`, description, bounds.
    pub parts: Vec<(String, KeyPartDraft)>,
}

/// One part of a key type.
#[derive(Debug, Default)]
pub struct KeyPartDraft {
    /// `string` or `integer`.
    pub ty: String,
    /// What it is.
    pub description: Option<String>,
    /// Its bounds (integers: `minimum` and `maximum` only).
    pub bounds: Bounds,
}

/// Inclusive bounds a request value is checked against before sending.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Smallest integer.
    pub minimum: Option<i64>,
    /// Largest integer.
    pub maximum: Option<i64>,
    /// Fewest characters.
    pub min_length: Option<u64>,
    /// Most characters.
    pub max_length: Option<u64>,
}

/// A field of a type or a request body.
#[derive(Debug, Default, Clone)]
pub struct FieldDraft {
    /// The type expression.
    pub ty: String,
    /// Always present / must be sent.
    pub required: bool,
    /// May be `null`.
    pub nullable: bool,
    /// What it means.
    pub description: Option<String>,
    /// The importer's choices.
    pub comments: Vec<String>,
    /// Bounds (request bodies only).
    pub bounds: Bounds,
    /// Where its schema is, for reports.
    pub at: Pointer,
}

/// A path, query or header parameter.
#[derive(Debug, Default)]
pub struct ParamDraft {
    /// `path`, `query` or `header`.
    pub location: &'static str,
    /// The type expression: a single value, or in the query a list or map of one, or in a
    /// header a list of one.
    pub ty: String,
    /// How a list or map query parameter is written, when it is not OpenAPI's default (`form`,
    /// exploded): OpenAPI's `style` and `explode`.
    pub style: Option<(&'static str, bool)>,
    /// Whether the call needs it.
    pub required: bool,
    /// What it means.
    pub description: Option<String>,
    /// A value for the docs' example.
    pub example: Option<String>,
    /// Bounds checked before sending.
    pub bounds: Bounds,
    /// The importer's choices.
    pub comments: Vec<String>,
}

/// A request body other than a JSON object of fields: a form of fields (with `body`), JSON of a
/// type, text, or bytes.
#[derive(Debug, Default)]
pub struct RequestDraft {
    /// The media type, when not JSON.
    pub content: Option<String>,
    /// For JSON: the body's type expression.
    pub ty: Option<String>,
    /// For JSON: whether the whole body may be `null`.
    pub nullable: bool,
    /// What the body is.
    pub description: Option<String>,
}

/// An operation.
#[derive(Debug, Default)]
pub struct EndpointDraft {
    /// One line.
    pub summary: String,
    /// More prose.
    pub description: Option<String>,
    /// `GET`, `POST`, …
    pub method: String,
    /// The path template.
    pub path: String,
    /// OAuth scopes.
    pub scopes: Vec<String>,
    /// Parameters by wire name.
    pub params: Vec<(String, ParamDraft)>,
    /// The JSON body's fields, if it takes one.
    pub body: Option<Vec<(String, FieldDraft)>>,
    /// A body that is not a JSON object of fields (the spec's `request:`).
    pub request: Option<RequestDraft>,
    /// The editions that serve it (`x-editions`), when not every one the API has.
    pub editions: Option<Vec<String>>,
    /// The success response.
    pub response: ResponseDraft,
    /// The importer's choices.
    pub comments: Vec<String>,
    /// This generator's `x-upload` and `x-download` blocks, as the document has them: the
    /// spec's `upload:` and `download:`.
    pub transfers: Vec<(&'static str, serde_json::Map<String, serde_json::Value>)>,
}

/// The success response.
#[derive(Debug, Default)]
pub struct ResponseDraft {
    /// 200–299.
    pub status: u16,
    /// The body's type expression.
    pub ty: Option<String>,
    /// One page of cursor pagination whose items are `ty`.
    pub paginated: bool,
    /// What it holds.
    pub description: Option<String>,
}
