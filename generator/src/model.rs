//! The resolved API: every name cased and checked, every type reference resolved, endpoints and
//! types sorted by name. Emission reads only this, so it never meets a bad name or a dangling type.

/// The whole API.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Machine name, e.g. `plane`.
    pub name: String,
    /// The crate's library name as a consumer writes it, e.g. `plane_client`.
    pub crate_name: String,
    /// Human title.
    pub title: String,
    /// Front-page prose.
    pub description: String,
    /// The default base URL.
    pub base_url: String,
    /// Accepted authentication schemes.
    pub auth: Vec<Auth>,
    /// The OAuth applications the server offers, if any.
    pub oauth: Option<OAuth>,
    /// Named types, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// String enumerations, sorted by Rust name.
    pub enums: Vec<EnumDef>,
    /// The id types that `id<…>` expressions name, sorted by Rust name.
    pub ids: Vec<IdDef>,
    /// Unions (one of several types), sorted by Rust name.
    pub unions: Vec<UnionDef>,
    /// Key types (several parts written as one string), sorted by Rust name.
    pub keys: Vec<KeyDef>,
    /// Operations, sorted by Rust name.
    pub endpoints: Vec<Endpoint>,
    /// The modules (resources), sorted: one per spec file that declares types or endpoints.
    pub modules: Vec<Module>,
    /// The webhooks the API sends, if the spec declares them.
    pub webhooks: Option<Webhooks>,
    /// The editions of the API, in spec order; empty when the spec declares none.
    pub editions: Vec<Edition>,
    /// How a server answers a path it does not route: its status and its JSON body (as compact
    /// JSON text).
    pub not_served: Option<(u16, String)>,
}

/// One edition of the API: a product, a plan or a version of its server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// Its name in the spec, e.g. `cloud`.
    pub name: String,
    /// Its name for people, e.g. `Plane Cloud`.
    pub title: String,
    /// What it is.
    pub doc: String,
}

/// The webhooks an API sends: how a receiver checks and names each delivery, and the events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhooks {
    /// The module that declares them, whose feature compiles them.
    pub module: String,
    /// What they are, for the docs.
    pub doc: String,
    /// The header with the HMAC-SHA256 of the body, in hex.
    pub signature_header: String,
    /// What precedes the hex digits in that header.
    pub signature_prefix: String,
    /// The header that names the event.
    pub event_header: String,
    /// The header with the delivery's id, if any.
    pub delivery_header: Option<String>,
    /// The events, in spec order.
    pub events: Vec<WebhookEvent>,
}

/// One event a webhook delivers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEvent {
    /// Its name, as the event header gives it.
    pub wire: String,
    /// Its variant's Rust name (UpperCamelCase).
    pub ident: String,
    /// The type of the delivery's whole body.
    pub ty: Ty,
    /// When the API sends it.
    pub doc: String,
}

/// A module of the generated crate: the types and operations of one spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// Its Rust name, e.g. `customers`.
    pub ident: String,
    /// The spec file it comes from, e.g. `customers.yaml`.
    pub file: String,
    /// Its documentation: the spec file's leading comment.
    pub doc: String,
}

impl Module {
    /// The Rust name without its `r#`.
    pub fn bare_ident(&self) -> &str {
        crate::names::bare(&self.ident)
    }
}

/// An authentication scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// A key in the named header.
    ApiKey {
        /// The header, e.g. `X-API-Key`.
        header: String,
    },
    /// `Authorization: Bearer <token>`.
    Bearer,
}

/// OAuth 2.0 applications: the token endpoint and the grants it offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuth {
    /// Which servers offer applications (Markdown), or empty.
    pub description: String,
    /// The token endpoint's path, e.g. `/auth/o/token/`.
    pub token_path: String,
    /// The consent screen's path, if the authorization-code grant is offered.
    pub authorize_path: Option<String>,
    /// The client-credentials grant: how the application authenticates, and the extra form
    /// parameters (name, description) it requires.
    pub client_credentials: Option<(ClientAuth, Vec<(String, String)>)>,
    /// The authorization-code grant.
    pub authorization_code: Option<ClientAuth>,
    /// The refresh-token grant.
    pub refresh_token: Option<ClientAuth>,
}

/// How an OAuth application proves who it is at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// `Authorization: Basic base64(client_id:client_secret)`.
    Basic,
    /// `client_id` and `client_secret` in the form body.
    Body,
}

/// A named object type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust name (UpperCamelCase).
    pub ident: String,
    /// The module (resource) it belongs to: its spec file's name.
    pub module: String,
    /// The name in the spec.
    pub spec_name: String,
    /// Its documentation.
    pub doc: String,
    /// Its fields, in spec order.
    pub fields: Vec<Field>,
    /// Whether a request body may hold it, at any depth: it is then built like a body, with a
    /// chainable setter per optional field.
    pub sent: bool,
    /// The other types it converts into, each a `From` (`into:` in the spec).
    pub into: Vec<Conversion>,
    /// What `expand=` may turn from ids into objects (`expand:` in the spec).
    pub expand: Option<Expansions>,
    /// Whether some type expands into it: it then has the runtime's `HasId`.
    pub expanded_into: bool,
    /// What a call that names fields gets (`select: true` in the spec).
    pub select: Option<Selection>,
}

/// A type whose answer a call may cut to some of its fields: it gets a partial twin (every field
/// optional) and an enum of its fields, tied to it by `Select`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The twin's Rust name, e.g. `WorkItemPartial`.
    pub ident: String,
    /// The enum's Rust name, e.g. `WorkItemField`: the closed set of `fields=` values.
    pub field: String,
}

/// The fields of a type that a call may ask the server to expand: the type gets an expanded twin
/// (those fields as `Expandable`) and an enum of what may expand, tied to it by `Expand`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansions {
    /// The twin's Rust name, e.g. `WorkItemExpanded`.
    pub ident: String,
    /// The enum's Rust name, e.g. `WorkItemExpansion`: the closed set of `expand=` values.
    pub key: String,
    /// Each field that may expand (by JSON name), with the object type it expands into (by Rust
    /// name), in the type's field order.
    pub fields: Vec<(String, String)>,
    /// The other modules (bare names) that declare those object types, sorted: the twin compiles
    /// only with their features on, so that the type's own feature does not turn them on.
    pub modules: Vec<String>,
}

/// A conversion of one object type into another, emitted as `From`: a webhook's payload into
/// the API's type of the same resource, say. Every field of the target is filled from one field
/// of the source, or left `None` where the target's field may be absent anyway; source fields
/// the target has no place for are dropped, and the docs say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// The type it converts into, by Rust name.
    pub target: String,
    /// The target's fields that take a source field of another name, by JSON names, as the spec
    /// wrote them (`target_field: source_field`).
    pub renames: Vec<(String, String)>,
    /// How each of the target's fields is filled, in the target's order.
    pub fills: Vec<Fill>,
    /// The target's fields (Rust names) that the source has nothing for and that may be absent
    /// (`required: false`): left `None`, as when the server itself leaves them out.
    pub absent: Vec<String>,
    /// The source's fields (JSON names) that the target has no place for.
    pub dropped: Vec<String>,
}

/// How one field of a conversion's target is filled from a field of its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fill {
    /// The target's field (Rust name).
    pub target: String,
    /// The source's field (Rust name).
    pub source: String,
    /// Whether the value is taken as it is or by its `id`.
    pub take: Take,
    /// Whether the source's value is an `Option` (`take` applies inside it).
    pub source_optional: bool,
    /// Whether the target wants `Some` of a value that the source always has.
    pub wrap: bool,
    /// Whether a later field takes the same source field, so this one takes a clone.
    pub clone: bool,
}

/// What a conversion takes of a source field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    /// The value itself: the two fields have the same type.
    Value,
    /// The `id` of an object, where the target holds only its id (a work item's `state`).
    Id,
    /// The `id` of each object of a list, where the target holds a list of ids.
    Ids,
}

/// The id type of one resource: a `Uuid` that the compiler tells apart from every other id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdDef {
    /// The Rust name, e.g. `LabelId`.
    pub ident: String,
    /// The resource's Rust name, e.g. `Label`.
    pub resource: String,
    /// What the resource is, for the docs.
    pub doc: String,
}

/// A key type: a struct of parts (text or integers), written as one string by its format, e.g.
/// `{project}-{number}` for `PROJ-42`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDef {
    /// The Rust name (UpperCamelCase).
    pub ident: String,
    /// The module it belongs to.
    pub module: String,
    /// The name in the spec.
    pub spec_name: String,
    /// Its documentation.
    pub doc: String,
    /// The format as written: each part's name in braces, literal text between them.
    pub format: String,
    /// The literal text around the parts: before the first, between each two, after the last
    /// (one more than there are parts; the first and last may be empty, no other is).
    pub literals: Vec<String>,
    /// The parts, in the format's order (the struct's fields and `new`'s arguments).
    pub parts: Vec<KeyPart>,
    /// The text of each part of an example key, in the same order.
    pub example: Vec<String>,
}

impl KeyDef {
    /// The key of these parts' texts, as the format writes it.
    pub fn text(&self, parts: &[String]) -> String {
        key_text(&self.literals, parts)
    }
}

/// A key's text: the `literals` around a key's parts, with the `parts`' texts between them.
pub fn key_text(literals: &[String], parts: &[String]) -> String {
    let mut text = String::new();
    for (i, literal) in literals.iter().enumerate() {
        text.push_str(literal);
        text.push_str(parts.get(i).map_or("", String::as_str));
    }
    text
}

/// One part of a key type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPart {
    /// The name in the spec (and in the format).
    pub name: String,
    /// The field's Rust name.
    pub ident: String,
    /// `Ty::String` or `Ty::Integer`.
    pub ty: Ty,
    /// Its documentation.
    pub doc: String,
    /// The integers a key's text may hold (`minimum` and `maximum` only).
    pub bounds: Bounds,
}

impl KeyPart {
    /// The Rust name without its `r#`.
    pub fn bare_ident(&self) -> &str {
        crate::names::bare(&self.ident)
    }
}

/// A value that is one of several types, told apart by trying each in order when decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionDef {
    /// The Rust name (UpperCamelCase).
    pub ident: String,
    /// The module it belongs to.
    pub module: String,
    /// The name in the spec.
    pub spec_name: String,
    /// Its documentation.
    pub doc: String,
    /// The alternatives, in the order they are tried.
    pub variants: Vec<UnionVariant>,
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionVariant {
    /// The name in the spec.
    pub name: String,
    /// The Rust name (UpperCamelCase).
    pub ident: String,
    /// The type it holds.
    pub ty: Ty,
}

/// A string enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDef {
    /// The Rust name (UpperCamelCase).
    pub ident: String,
    /// The module it belongs to.
    pub module: String,
    /// Its documentation.
    pub doc: String,
    /// Whether its values are strings or integer codes.
    pub repr: Repr,
    /// The values, in spec order.
    pub variants: Vec<Variant>,
}

/// What an enumeration's values are on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repr {
    /// Strings: `Unknown(String)` keeps one it does not know.
    Text,
    /// Integer codes (a variant's `wire` is the code in decimal): `Unknown(i64)` keeps one.
    Integer,
}

/// One value of an enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// The value on the wire (for an integer enumeration, the code in decimal).
    pub wire: String,
    /// The Rust name (UpperCamelCase).
    pub ident: String,
    /// Its documentation.
    pub doc: String,
}

/// A field of a type or a request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON key.
    pub wire: String,
    /// The Rust name (snake_case, possibly raw).
    pub ident: String,
    /// Its type.
    pub ty: Ty,
    /// Whether it is always there, and whether it may be `null`.
    pub presence: Presence,
    /// The name of its `clear_…` method, for an optional nullable field of a request body.
    pub clear_ident: Option<String>,
    /// What a request may send in it (request bodies only), checked before sending.
    pub bounds: Bounds,
    /// The spec's value for the docs' examples, checked against its type and bounds.
    pub example: Option<String>,
    /// Its documentation.
    pub doc: String,
}

impl Field {
    /// The Rust name without its `r#`, as prose and the JSON name compare with it.
    pub fn bare_ident(&self) -> &str {
        crate::names::bare(&self.ident)
    }
}

/// Whether a field is always there (responses: always sent; requests: must be sent), and
/// whether it may be `null`. Every emitter decides by this one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always there, never `null`: a plain value.
    Required,
    /// Always there, possibly `null`: an `Option` that must be present.
    RequiredNullable,
    /// May be left out, never `null`: an `Option`, not sent while `None`.
    Optional,
    /// May be left out or `null`: in requests a `Patch` (leave alone, set, or clear).
    OptionalNullable,
}

impl Presence {
    /// From the spec's two flags.
    pub fn new(required: bool, nullable: bool) -> Presence {
        match (required, nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        }
    }

    /// Always there.
    pub fn is_required(self) -> bool {
        matches!(self, Presence::Required | Presence::RequiredNullable)
    }

    /// May be `null`.
    pub fn is_nullable(self) -> bool {
        matches!(self, Presence::RequiredNullable | Presence::OptionalNullable)
    }
}

/// The values a request may send in a parameter or body field: integers between `minimum` and
/// `maximum`, strings of `min_length` to `max_length` characters. The client checks them before
/// sending, so a call the server would refuse (or, as Plane does for `per_page=0`, answer with a
/// 500) fails early with `Error::InvalidArgument`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bounds {
    /// The smallest integer.
    pub minimum: Option<i64>,
    /// The largest integer.
    pub maximum: Option<i64>,
    /// The fewest characters.
    pub min_length: Option<u64>,
    /// The most characters.
    pub max_length: Option<u64>,
}

impl Bounds {
    /// Whether nothing is bounded.
    pub fn is_empty(&self) -> bool {
        *self == Bounds::default()
    }
}

/// A resolved type expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// Text.
    String,
    /// A 64-bit signed integer.
    Integer,
    /// A 64-bit float.
    Number,
    /// True or false.
    Boolean,
    /// A UUID in its text form.
    Uuid,
    /// The id of a resource, by the id type's Rust name (e.g. `LabelId`): a UUID on the wire.
    Id(String),
    /// An RFC 3339 timestamp.
    DateTime,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// Any JSON value.
    Json,
    /// A file's bytes, read as they are sent ([`Upload`](crate) in the crate): a part of a
    /// `multipart/form-data` body, and nothing else.
    File,
    /// A named object type, by Rust name.
    Named(String),
    /// A string enumeration, by Rust name.
    Enum(String),
    /// A union, by Rust name.
    Union(String),
    /// A key type, by Rust name: a string on the wire.
    Key(String),
    /// A JSON array.
    List(Box<Ty>),
    /// A JSON object with string keys.
    Map(Box<Ty>),
}

impl Ty {
    /// Whether the type is a single value that fits in a path segment or a query pair.
    pub fn is_scalar(&self) -> bool {
        !matches!(self, Ty::Json | Ty::File | Ty::Named(_) | Ty::Union(_) | Ty::List(_) | Ty::Map(_))
    }

    /// Whether a parameter of this type is one value: a scalar, or a union (of scalars, which
    /// lowering checks).
    pub fn is_single_param(&self) -> bool {
        self.is_scalar() || matches!(self, Ty::Union(_))
    }

    /// Whether it is a file or a list of files: a multipart body's part that is not JSON.
    pub fn holds_file(&self) -> bool {
        match self {
            Ty::File => true,
            Ty::List(item) => item.holds_file(),
            _ => false,
        }
    }

    /// Whether its Rust type is `Copy`: numbers, booleans, UUIDs, ids, dates and times.
    pub fn is_copy(&self) -> bool {
        use Ty::*;
        matches!(self, Integer | Number | Boolean | Uuid | Id(_) | DateTime | Date)
    }

    /// The type's Rust name if it is one of the spec's own types.
    pub fn named(&self) -> Option<&str> {
        match self {
            Ty::Named(name) | Ty::Enum(name) | Ty::Union(name) | Ty::Key(name) => Some(name),
            _ => None,
        }
    }
}

/// The HTTP methods an endpoint may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Read.
    Get,
    /// Create.
    Post,
    /// Replace.
    Put,
    /// Partial update.
    Patch,
    /// Remove.
    Delete,
}

impl Method {
    /// All methods, in the order listed to users.
    pub const ALL: [Method; 5] = [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete];

    /// The method as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether requests with this method may carry a body. A `DELETE` may: HTTP gives its body
    /// no meaning of its own, but APIs use it (Plane removes an initiative's epics by the ids in
    /// its body).
    pub fn takes_body(self) -> bool {
        matches!(self, Method::Post | Method::Put | Method::Patch | Method::Delete)
    }
}

/// An operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// The method's Rust name (snake_case).
    pub ident: String,
    /// The module (resource) it belongs to.
    pub module: String,
    /// The name in the spec.
    pub spec_name: String,
    /// The Rust name of its `…_stream` method, for a paginated list.
    pub stream_ident: Option<String>,
    /// One line.
    pub summary: String,
    /// Longer prose (may be empty).
    pub description: String,
    /// HTTP method.
    pub method: Method,
    /// The path template as written.
    pub path: String,
    /// Path parameters, in the order they appear in the path.
    pub path_params: Vec<Param>,
    /// Query and header parameters, in spec order, gathered in a struct named `query_ident`.
    pub query_params: Vec<Param>,
    /// The Rust name of the query struct, e.g. `ListCustomersQuery` (when there are query params).
    pub query_ident: String,
    /// The `body` fields' struct, if the operation has any (sent as JSON, or as a form).
    pub body: Option<Body>,
    /// How the request body is sent.
    pub request: Request,
    /// The success response.
    pub response: Response,
    /// The editions (by name) that serve it, in the `api` block's order; empty when the spec
    /// declares no editions.
    pub editions: Vec<String>,
    /// OAuth scopes that allow the call.
    pub scopes: Vec<String>,
    /// The upload in one call that starts with this operation, if the spec declares one.
    pub upload: Option<Upload>,
    /// The download in one call that this operation starts, if the spec declares one.
    pub download: Option<Download>,
}

/// An upload in one call, which starts with the operation that carries it: that operation
/// registers the file and answers with a presigned POST form; the file goes to the storage with
/// it; the `confirm` operation says it is there. Should a step after the first fail, the
/// `cancel` operation deletes the registered file.
#[derive(Debug, Clone, PartialEq)]
pub struct Upload {
    /// The method's Rust name.
    pub ident: String,
    /// The name in the spec.
    pub spec_name: String,
    /// The answer's field with the form, and whether it may be `null`.
    pub form: (String, bool),
    /// The answer's field with the new file's id, and its type.
    pub id: (String, Ty),
    /// The body's field that declares the file's length, and whether it is required.
    pub size: (String, bool),
    /// The server's limit, in bytes, by default.
    pub max_size: u64,
    /// The confirmation.
    pub confirm: Step,
    /// The deletion; `None` when the API has no way to delete the file.
    pub cancel: Option<Step>,
    /// The answer's field the method returns (its Rust name and type); the whole answer if
    /// `None`.
    pub returns: Option<(String, Ty)>,
    /// The block as the spec wrote it (JSON keys and operation names), for `openapi.json`.
    pub written: UploadWritten,
}

/// An `upload:` block in the spec's own names: what `openapi.json` records as `x-upload`.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadWritten {
    /// The answer's form field.
    pub form: String,
    /// The answer's id field.
    pub id: String,
    /// The body's size field.
    pub size: String,
    /// The confirmation's operation.
    pub confirm: String,
    /// What the confirmation's body sends, by JSON key.
    pub confirm_body: Vec<(String, Literal)>,
    /// The deletion's operation.
    pub cancel: Option<String>,
    /// The answer's field returned.
    pub returns: Option<String>,
}

/// An operation an upload calls after its first, with the first's path parameters and the new
/// file's id.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The operation's method (Rust name).
    pub endpoint: String,
    /// Its path arguments, in order.
    pub args: Vec<StepArg>,
    /// Its body, if it takes one.
    pub body: Option<StepBody>,
}

/// A path argument of a [`Step`].
#[derive(Debug, Clone, PartialEq)]
pub enum StepArg {
    /// The first operation's path parameter of this Rust name (and type).
    Same(String, Ty),
    /// The new file's id.
    Id,
}

/// The body a [`Step`] sends: its type, the values of its required fields (the arguments of its
/// `new`), and setters with values for optional ones.
#[derive(Debug, Clone, PartialEq)]
pub struct StepBody {
    /// The body type's Rust name.
    pub ident: String,
    /// The arguments of `new`, in order.
    pub required: Vec<Literal>,
    /// Setter name and value.
    pub setters: Vec<(String, Literal)>,
}

/// A single value the spec gives for a body field.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `true` or `false`.
    Boolean(bool),
    /// An integer.
    Integer(i64),
    /// Text.
    Text(String),
}

/// A download in one call, started by the operation that carries it: its answer says where the
/// file is stored, and the file is fetched from there.
#[derive(Debug, Clone, PartialEq)]
pub struct Download {
    /// The method's Rust name.
    pub ident: String,
    /// The name in the spec.
    pub spec_name: String,
    /// The answer's string field with the file's URL (Rust name, and whether it may be `null`);
    /// `None` when the answer is a redirect to the file.
    pub url: Option<(String, bool)>,
    /// That field's JSON key, for `openapi.json`.
    pub url_wire: Option<String>,
}

/// A path, query or header parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// The name on the wire.
    pub wire: String,
    /// The Rust name.
    pub ident: String,
    /// Its (scalar) type.
    pub ty: Ty,
    /// Whether the call needs it.
    pub required: bool,
    /// Its documentation.
    pub doc: String,
    /// The spec's value for the docs' examples, checked against its type and bounds.
    pub example: Option<String>,
    /// The values allowed, checked before sending.
    pub bounds: Bounds,
    /// Where it is sent: a header or a cookie goes by its `wire` name.
    pub sent_in: Location,
    /// How a list or map query parameter is written; `None` for a single value (and for a list
    /// header, whose values are joined by commas).
    pub style: Option<ParamStyle>,
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// A `{name}` segment of the path.
    Path,
    /// A pair of the query string.
    Query,
    /// A request header.
    Header,
    /// A pair of the `Cookie` header.
    Cookie,
}

impl Location {
    /// As OpenAPI's `in` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
        }
    }
}

/// How a list or map query parameter is written: OpenAPI's `style` and `explode` together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `form`, exploded: `id=1&id=2`; a map's entries as pairs of their own, `a=1&b=2`.
    Exploded,
    /// `form`, not exploded: `id=1,2`; a map as `m=a,1,b,2`.
    Comma,
    /// `spaceDelimited`: `id=1%202`.
    Space,
    /// `pipeDelimited`: `id=1|2`.
    Pipe,
    /// `deepObject`, for maps: `m[a]=1&m[b]=2`.
    Deep,
}

impl ParamStyle {
    /// OpenAPI's `style` and `explode` for it.
    pub fn openapi(self) -> (&'static str, bool) {
        match self {
            ParamStyle::Exploded => ("form", true),
            ParamStyle::Comma => ("form", false),
            ParamStyle::Space => ("spaceDelimited", false),
            ParamStyle::Pipe => ("pipeDelimited", false),
            ParamStyle::Deep => ("deepObject", true),
        }
    }

    /// The style of OpenAPI's `style` (`form` when absent) and `explode` (the style's default
    /// when absent) for a list (`map` false) or a map, or why there is none.
    pub fn from_openapi(style: Option<&str>, explode: Option<bool>, map: bool) -> Result<ParamStyle, String> {
        match (style.unwrap_or("form"), explode, map) {
            ("form", None | Some(true), _) => Ok(ParamStyle::Exploded),
            ("form", Some(false), _) => Ok(ParamStyle::Comma),
            ("spaceDelimited", None | Some(false), false) => Ok(ParamStyle::Space),
            ("pipeDelimited", None | Some(false), false) => Ok(ParamStyle::Pipe),
            ("deepObject", None | Some(true), true) => Ok(ParamStyle::Deep),
            ("spaceDelimited" | "pipeDelimited", Some(true), false) => {
                Err("an exploded delimited list is a `form` list: use `style: form`".into())
            }
            ("deepObject", _, false) => Err("`deepObject` is for maps (`map<…>`), not lists".into()),
            ("deepObject", Some(false), true) => Err("`deepObject` is always exploded".into()),
            ("spaceDelimited" | "pipeDelimited", _, true) => Err("a delimited style is for lists, not maps".into()),
            (other, ..) => {
                Err(format!("`{other}` is not a query style: use form, spaceDelimited, pipeDelimited or deepObject"))
            }
        }
    }
}

impl Param {
    /// The Rust name without its `r#`.
    pub fn bare_ident(&self) -> &str {
        crate::names::bare(&self.ident)
    }
}

/// How an operation's request body is sent, beside the `body` fields' struct (which only the
/// first two have).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Request {
    /// The `body` fields as a JSON object, or no body at all.
    #[default]
    Fields,
    /// The `body` fields as `application/x-www-form-urlencoded` pairs.
    Form,
    /// The `body` fields as the parts of a `multipart/form-data` body; the method takes the body
    /// by value, since its files are read as it is sent.
    Multipart,
    /// JSON of a type: the method takes `body: &T` (`&[T]` for a list), or `Option<&T>` when
    /// the whole body may be `null`.
    Json {
        /// The body's type.
        ty: Ty,
        /// Whether the whole body may be `null`.
        nullable: bool,
        /// What it is.
        doc: String,
    },
    /// UTF-8 text (`text/plain`): the method takes `body: &str`.
    Text {
        /// What it is.
        doc: String,
    },
    /// Bytes of a media type: the method takes `body: impl Into<bytes::Bytes>`.
    Bytes {
        /// The media type, e.g. `application/octet-stream`.
        media_type: String,
        /// What it is.
        doc: String,
    },
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The Rust name of its type, e.g. `UpdateCustomerBody`.
    pub ident: String,
    /// Its fields, in spec order.
    pub fields: Vec<Field>,
}

/// A success response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The documented success status.
    pub status: u16,
    /// The body type; `None` when there is no body.
    pub ty: Option<Ty>,
    /// What it holds (may be empty).
    pub doc: String,
    /// Whether the body is a page of cursor pagination whose items are `ty`.
    pub paginated: bool,
}
