//! The spec as its author writes it: serde structs that mirror the YAML under `spec/`, and the
//! loading of a spec directory. Nothing here is checked beyond its shape; `lower` does the rest.
//! The format is documented in `spec/README.md`.

use std::path::{Path, PathBuf};

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::line_index::LineIndex;
use crate::model::Bounds;
use crate::source_map::SourceMap;

/// A mapping of names to specs, in the order written, that refuses a name given twice (serde
/// would otherwise keep the last one silently).
#[derive(Debug)]
pub struct Entries<V>(IndexMap<String, V>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries(IndexMap::new())
    }
}

impl<V> std::ops::Deref for Entries<V> {
    type Target = IndexMap<String, V>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<'a, V> IntoIterator for &'a Entries<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = indexmap::map::Iter<'a, String, V>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The start of serde's message for a name given twice; `load_sources` looks for it.
const DUPLICATE: &str = "duplicate key";

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Unique<V>(std::marker::PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for Unique<V> {
            type Value = Entries<V>;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = IndexMap::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((key, value)) = map.next_entry::<String, V>()? {
                    if entries.contains_key(&key) {
                        return Err(serde::de::Error::custom(format!("{DUPLICATE} `{key}`")));
                    }
                    entries.insert(key, value);
                }
                // Most maps of a spec hold a few entries; the room grown for more is a third of
                // a large spec's trees.
                entries.shrink_to_fit();
                Ok(Entries(entries))
            }
        }

        deserializer.deserialize_map(Unique(std::marker::PhantomData))
    }
}

/// An `example:` as written: any YAML scalar (`example: 42` as well as `example: "#ff4444"`), kept
/// as its text; lowering checks it against the type and bounds of what it illustrates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example(pub String);

impl<'de> Deserialize<'de> for Example {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Scalar;

        impl Visitor<'_> for Scalar {
            type Value = Example;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a single value (text, a number or a boolean)")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Example, E> {
                Ok(Example(value.to_string()))
            }

            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Example, E> {
                Ok(Example(value.to_string()))
            }

            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Example, E> {
                Ok(Example(value.to_string()))
            }

            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Example, E> {
                Ok(Example(value.to_string()))
            }

            fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Example, E> {
                Ok(Example(value.to_string()))
            }
        }

        deserializer.deserialize_any(Scalar)
    }
}

/// One spec file's contents. A spec is the union of all files in the directory; exactly one of
/// them holds `api`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// What the file's types and operations are about: the docs of the module made from it.
    #[serde(default)]
    pub description: Option<String>,
    /// The API itself: name, base URL, auth.
    pub api: Option<ApiSpec>,
    /// Named object types, by name.
    #[serde(default)]
    pub types: Entries<TypeSpec>,
    /// String enumerations, by name.
    #[serde(default)]
    pub enums: Entries<EnumSpec>,
    /// Resources that have an id type (`id<Name>`) but no object type here, by name, with what
    /// they are.
    #[serde(default)]
    pub ids: Entries<String>,
    /// Key types (values written as one string of several parts, such as `PROJ-42`), by name.
    #[serde(default)]
    pub keys: Entries<KeySpec>,
    /// Operations, by name.
    #[serde(default)]
    pub endpoints: Entries<EndpointSpec>,
    /// The webhooks the API sends: how they are signed and which events they carry.
    #[serde(default)]
    pub webhooks: Option<WebhooksSpec>,
    /// The editions that serve this file's operations, unless an operation says otherwise;
    /// every edition the `api` block declares when left out.
    #[serde(default)]
    pub editions: Option<Vec<String>>,
}

/// The `webhooks` block: deliveries the API sends to a URL its users register.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhooksSpec {
    /// What the API's webhooks are, for the docs.
    #[serde(default)]
    pub description: Option<String>,
    /// The header with the HMAC-SHA256 of the body, in hex.
    pub signature_header: String,
    /// What precedes the hex digits in that header (`sha256=`), if anything.
    #[serde(default)]
    pub signature_prefix: String,
    /// The header that names the event.
    pub event_header: String,
    /// The header with the delivery's unique id, if the API sends one.
    #[serde(default)]
    pub delivery_header: Option<String>,
    /// The events, by the name the event header gives: the type of each one's whole body.
    pub events: Entries<WebhookEventSpec>,
}

/// One event a webhook delivers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookEventSpec {
    /// The type of the delivery's whole body: an object type or a union.
    #[serde(rename = "type")]
    pub ty: String,
    /// When the API sends it.
    #[serde(default)]
    pub description: Option<String>,
}

/// The `api` block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiSpec {
    /// Short machine name, e.g. `plane`.
    pub name: String,
    /// Human title, e.g. `Plane API`.
    pub title: String,
    /// Prose for the crate's front page.
    #[serde(default)]
    pub description: Option<String>,
    /// Where the API lives unless the client is told otherwise.
    pub base_url: String,
    /// The ways a client may authenticate.
    pub auth: AuthSpec,
    /// The editions of the API (products, plans, versions of the server) by name: each
    /// operation says which serve it, all of them unless it says otherwise.
    #[serde(default)]
    pub editions: Entries<EditionSpec>,
    /// How a server answers a path it does not route (an operation its edition does not serve),
    /// told apart from an ordinary "no such resource".
    #[serde(default)]
    pub not_served: Option<NotServedSpec>,
}

/// One edition of the API.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionSpec {
    /// Its name for people, e.g. `Plane Cloud`.
    pub title: String,
    /// What it is, and how to tell which one a server runs.
    #[serde(default)]
    pub description: Option<String>,
}

/// The answer of a server to a path it does not route.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotServedSpec {
    /// Its status, e.g. 404.
    pub status: u16,
    /// Its JSON body, exactly (an ordinary 404 for a missing resource has another).
    pub body: serde_json::Value,
}

/// The ways of authenticating that the API accepts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSpec {
    /// A static key sent in a header.
    #[serde(default)]
    pub api_key: Option<ApiKeySpec>,
    /// Whether `Authorization: Bearer <token>` is accepted.
    #[serde(default)]
    pub bearer: bool,
    /// The OAuth applications the API's server offers, whose tokens are sent as bearer tokens.
    #[serde(default)]
    pub oauth: Option<OAuthSpec>,
}

/// OAuth 2.0 applications: where their tokens come from and how the token endpoint is called.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuthSpec {
    /// Which servers offer applications (editions, plans), for the crate's docs.
    #[serde(default)]
    pub description: Option<String>,
    /// The token endpoint's path under the base URL, e.g. `/auth/o/token/`.
    pub token_path: String,
    /// The consent screen's path under the base URL; needed by `authorization_code`.
    #[serde(default)]
    pub authorize_path: Option<String>,
    /// The client-credentials grant, if offered.
    #[serde(default)]
    pub client_credentials: Option<ClientCredentialsSpec>,
    /// The authorization-code grant, if offered.
    #[serde(default)]
    pub authorization_code: Option<GrantSpec>,
    /// The refresh-token grant, if offered.
    #[serde(default)]
    pub refresh_token: Option<GrantSpec>,
}

/// A grant of the token endpoint.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantSpec {
    /// How the application authenticates on it: `basic` (HTTP Basic) or `body` (in the form).
    pub client_auth: String,
}

/// The client-credentials grant, with the form parameters the server requires beyond the standard ones.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientCredentialsSpec {
    /// How the application authenticates on it: `basic` (HTTP Basic) or `body` (in the form).
    pub client_auth: String,
    /// Required form parameters, by name, with what each carries.
    #[serde(default)]
    pub params: Entries<String>,
}

/// An API key scheme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKeySpec {
    /// The header's name, e.g. `X-API-Key`.
    pub header: String,
}

/// A named object type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeSpec {
    /// What the type stands for.
    #[serde(default)]
    pub description: Option<String>,
    /// Its fields, in the order they are documented (an object type).
    #[serde(default)]
    pub fields: Option<Entries<FieldSpec>>,
    /// Its alternatives, by variant name: the type expression each holds, tried in this order
    /// when decoding (a union, instead of `fields`).
    #[serde(default)]
    pub one_of: Option<Entries<String>>,
    /// The other object types it converts into (a `From` each), each with the target's fields
    /// that take a source field of another name (`target_field: source_field`).
    #[serde(default)]
    pub into: Entries<Entries<String>>,
    /// The fields that `expand=` turns from an id (or a list of ids) into the object it names,
    /// each with that object's type (`state: StateLite`).
    #[serde(default)]
    pub expand: Entries<String>,
    /// Whether the server answers only the fields a call names (`fields=`).
    #[serde(default)]
    pub select: bool,
}

/// An enumeration: of strings (`values`) or of coded integers (`codes`). Values the server adds
/// later still decode, as an `Unknown` variant.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumSpec {
    /// What the enumeration stands for.
    #[serde(default)]
    pub description: Option<String>,
    /// The values as sent on the wire, each with an optional description.
    #[serde(default)]
    pub values: Option<Entries<Option<String>>>,
    /// The integer codes, by the name each gets in Rust.
    #[serde(default)]
    pub codes: Option<Entries<CodeSpec>>,
}

/// A key type: several parts written as one string by a format, e.g. `{project}-{number}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeySpec {
    /// What the key names.
    #[serde(default)]
    pub description: Option<String>,
    /// How the parts are written: each part's name in braces, literal text between them.
    pub format: String,
    /// A key as text, for the docs; made from the parts when absent.
    #[serde(default)]
    pub example: Option<String>,
    /// The parts, by name.
    pub parts: Entries<KeyPartSpec>,
}

/// One part of a key type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyPartSpec {
    /// `string` or `integer`.
    #[serde(rename = "type")]
    pub ty: String,
    /// What the part is.
    #[serde(default)]
    pub description: Option<String>,
    /// For integers: the smallest value a key's text may hold.
    #[serde(default)]
    pub minimum: Option<i64>,
    /// For integers: the largest value a key's text may hold.
    #[serde(default)]
    pub maximum: Option<i64>,
}

impl KeyPartSpec {
    /// The bounds written on the part.
    pub fn bounds(&self) -> Bounds {
        Bounds { minimum: self.minimum, maximum: self.maximum, ..Bounds::default() }
    }
}

/// One integer code of an enumeration.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeSpec {
    /// The integer sent on the wire.
    pub code: i64,
    /// What it means.
    #[serde(default)]
    pub description: Option<String>,
}

/// A field of a type or of a request body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// The type expression, e.g. `string`, `uuid`, `list<Customer>`.
    #[serde(rename = "type")]
    pub ty: String,
    /// What the field means.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the field is always present (responses) or must be sent (requests).
    #[serde(default)]
    pub required: bool,
    /// Whether the field may be `null`.
    #[serde(default)]
    pub nullable: bool,
    /// A value for the generated docs' examples, checked against the field's own rules.
    #[serde(default)]
    pub example: Option<Example>,
    // The four bounds are spelled out here and in `ParamSpec` rather than flattened from one
    // struct: serde's `flatten` does not work with `deny_unknown_fields`, which catches typos.
    /// For integers: the smallest value the server accepts.
    #[serde(default)]
    pub minimum: Option<i64>,
    /// For integers: the largest value the server accepts.
    #[serde(default)]
    pub maximum: Option<i64>,
    /// For strings: the fewest characters the server accepts.
    #[serde(default)]
    pub min_length: Option<u64>,
    /// For strings: the most characters the server accepts.
    #[serde(default)]
    pub max_length: Option<u64>,
}

/// An operation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointSpec {
    /// One line, as in the API's docs.
    pub summary: String,
    /// The longer prose.
    #[serde(default)]
    pub description: Option<String>,
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: String,
    /// The path template, e.g. `/api/v1/workspaces/{workspace_slug}/`.
    pub path: String,
    /// OAuth scopes that allow the call.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Path, query and header parameters, by name.
    #[serde(default)]
    pub params: Entries<ParamSpec>,
    /// The JSON body's fields, by name.
    #[serde(default)]
    pub body: Option<Entries<FieldSpec>>,
    /// The request body when it is not a JSON object of `body` fields: its media type, and for
    /// JSON its type.
    #[serde(default)]
    pub request: Option<RequestSpec>,
    /// What a success looks like.
    pub response: ResponseSpec,
    /// On an operation that registers a file and answers with a presigned upload form: the
    /// method that uploads a file in one call.
    #[serde(default)]
    pub upload: Option<UploadSpec>,
    /// On an operation that answers with where a file is stored: the method that downloads it
    /// in one call.
    #[serde(default)]
    pub download: Option<DownloadSpec>,
    /// The editions that serve the operation, when not its file's (or every one).
    #[serde(default)]
    pub editions: Option<Vec<String>>,
}

/// `upload:` on the operation that registers a file: which fields of its body and answer, and
/// which operations of the same file, make one upload.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadSpec {
    /// The upload method's name, e.g. `upload_work_item_attachment`.
    pub name: String,
    /// The answer's field that holds the presigned POST form (`url` and `fields`).
    pub form: String,
    /// The answer's field that holds the registered file's id.
    pub id: String,
    /// The body's integer field that declares the file's length in bytes.
    pub size: String,
    /// The server's limit on a file's length, in bytes, unless the client is told otherwise.
    pub max_size: u64,
    /// The operation that confirms the upload, once the storage has the file.
    pub confirm: String,
    /// What the confirmation's body sends, by field: single values.
    #[serde(default)]
    pub confirm_body: Entries<Example>,
    /// The operation that deletes the registered file, should a later step fail; without it
    /// (an API with no such operation), the error of a failed upload says the file is kept.
    #[serde(default)]
    pub cancel: Option<String>,
    /// The answer's field the upload method returns; the whole answer without it.
    #[serde(default)]
    pub returns: Option<String>,
}

/// `download:` on an operation that says where a file is stored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DownloadSpec {
    /// The download method's name, e.g. `download_work_item_attachment`.
    pub name: String,
    /// The answer's field that holds the file's URL; without it, the answer is a redirect to the
    /// file.
    #[serde(default)]
    pub url: Option<String>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamIn {
    /// A `{name}` segment of the path.
    Path,
    /// A `?name=` pair of the query string.
    Query,
    /// A request header, the parameter's name being the header's.
    Header,
    /// A cookie of the `Cookie` header, the parameter's name being the cookie's.
    Cookie,
}

impl ParamIn {
    /// As the spec writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamIn::Path => "path",
            ParamIn::Query => "query",
            ParamIn::Header => "header",
            ParamIn::Cookie => "cookie",
        }
    }
}

/// A request body other than a JSON object of fields.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// The media type: `application/json` (the default), `text/plain`,
    /// `application/x-www-form-urlencoded` (of the `body` fields), or any other, sent as bytes.
    #[serde(default)]
    pub content: Option<String>,
    /// For JSON: the body's type expression (a list, a union, a scalar, a named type).
    #[serde(rename = "type", default)]
    pub ty: Option<String>,
    /// For a JSON `type`: whether the whole body may be `null`.
    #[serde(default)]
    pub nullable: bool,
    /// What the body is, for the method's docs.
    #[serde(default)]
    pub description: Option<String>,
}

/// A path, query or header parameter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamSpec {
    /// Path or query.
    #[serde(rename = "in")]
    pub location: ParamIn,
    /// The type expression (a scalar type).
    #[serde(rename = "type")]
    pub ty: String,
    /// What the parameter means.
    #[serde(default)]
    pub description: Option<String>,
    /// For query parameters: whether the call needs it. Path parameters always do.
    #[serde(default)]
    pub required: bool,
    /// A value for the generated docs' examples, checked against the parameter's own rules.
    #[serde(default)]
    pub example: Option<Example>,
    /// For integers: the smallest value the server accepts.
    #[serde(default)]
    pub minimum: Option<i64>,
    /// For integers: the largest value the server accepts.
    #[serde(default)]
    pub maximum: Option<i64>,
    /// For strings: the fewest characters the server accepts.
    #[serde(default)]
    pub min_length: Option<u64>,
    /// For strings: the most characters the server accepts.
    #[serde(default)]
    pub max_length: Option<u64>,
    /// For a list or map query parameter: how it is written, by OpenAPI's name (`form`,
    /// `spaceDelimited`, `pipeDelimited`, `deepObject`).
    #[serde(default)]
    pub style: Option<String>,
    /// For a list or map query parameter: whether each value is a pair of its own (OpenAPI's
    /// `explode`; `true` by default for `form` and `deepObject`).
    #[serde(default)]
    pub explode: Option<bool>,
}

impl FieldSpec {
    /// The bounds written on the field.
    pub fn bounds(&self) -> Bounds {
        Bounds {
            minimum: self.minimum,
            maximum: self.maximum,
            min_length: self.min_length,
            max_length: self.max_length,
        }
    }
}

impl ParamSpec {
    /// The bounds written on the parameter.
    pub fn bounds(&self) -> Bounds {
        Bounds {
            minimum: self.minimum,
            maximum: self.maximum,
            min_length: self.min_length,
            max_length: self.max_length,
        }
    }
}

/// The success response.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSpec {
    /// The HTTP status of a success, e.g. 200 or 204.
    pub status: u16,
    /// The body's type expression; absent when the response has no body.
    #[serde(rename = "type", default)]
    pub ty: Option<String>,
    /// What the response holds.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the body is one page of Plane's cursor pagination, whose `results` are `type`.
    #[serde(default)]
    pub paginated: bool,
}

/// A spec file read from disk, with what is needed to point into it.
#[derive(Debug)]
pub struct Loaded {
    /// The path as the user would name it, e.g. `spec/customers.yaml`.
    pub path: String,
    /// The file's text.
    pub text: String,
    /// Positions of its keys, worked out once diagnostics have looked up more than a few.
    map: OnceLock<SourceMap>,
    /// How many places were looked up before `map` was built.
    lookups: AtomicUsize,
    /// Its contents.
    pub spec: SpecFile,
}

/// How many places of a file are looked up by reading it again, each to the place, before the
/// whole file is mapped: a spec with a mistake or two is never mapped (the map of every key takes
/// several times the text), and one with many is read at most this many more times.
const LOOKUPS_BEFORE_MAPPING: usize = 4;

impl Loaded {
    /// Positions of the file's keys (built on first use: a valid spec never needs them).
    pub fn map(&self) -> &SourceMap {
        self.map.get_or_init(|| SourceMap::build(&self.text))
    }

    /// Runs `f` with a map that has `path` and its ancestors, if the file has them.
    fn with_map<T>(&self, path: &[&str], f: impl FnOnce(&SourceMap) -> T) -> T {
        if let Some(map) = self.map.get() {
            return f(map);
        }
        if self.lookups.fetch_add(1, Ordering::Relaxed) < LOOKUPS_BEFORE_MAPPING {
            // The path itself last: the walk stops there.
            let targets: Vec<u64> = (0..=path.len()).map(|n| crate::path_hash::of(path[..n].iter().copied())).collect();
            return f(&SourceMap::build_for(&self.text, &targets));
        }
        f(self.map())
    }

    /// The location of the value at `path`, falling back to its nearest mapped ancestor.
    pub fn value_at(&self, path: &[&str]) -> Location {
        self.with_map(path, |map| self.nearest(map, path, false))
    }

    /// The location of the key at `path` (the name of an entry), falling back like [`Self::value_at`].
    pub fn key_at(&self, path: &[&str]) -> Location {
        self.with_map(path, |map| self.nearest(map, path, true))
    }

    /// The location of `needle` inside the value at `path` (say, one `{param}` of a path), or of
    /// the whole value if it is not found there.
    pub fn within_value(&self, path: &[&str], needle: &str) -> Location {
        self.with_map(path, |map| match map.get(path) {
            Some(entry) => {
                let value = &self.text[entry.value.clone()];
                let span = match value.find(needle) {
                    Some(i) => entry.value.start + i..entry.value.start + i + needle.len(),
                    None => entry.value.clone(),
                };
                Location::indexed(&self.path, &self.text, map.lines(), span)
            }
            None => self.nearest(map, path, false),
        })
    }

    fn nearest(&self, map: &SourceMap, path: &[&str], key: bool) -> Location {
        (0..=path.len())
            .rev()
            .find_map(|n| map.get(&path[..n]))
            .map(|entry| {
                let span = if key { entry.key.clone() } else { entry.value.clone() };
                Location::indexed(&self.path, &self.text, map.lines(), span)
            })
            .unwrap_or_else(|| Location::file(&self.path))
    }
}

/// Reads every `*.yaml` / `*.yml` file of `dir`, in name order. Returns the files that parsed, and
/// a diagnostic for each that did not (the others are still read, so all problems show at once).
pub fn load_dir(dir: &Path) -> (Vec<Loaded>, Diagnostics) {
    let shown = dir.display().to_string();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let d = Diagnostic::error(format!("cannot read the spec directory `{shown}`: {e}"))
                .help("run from the repository root, or pass `--spec DIR`");
            return (Vec::new(), Diagnostics::from(vec![d]));
        }
    };
    // Anything named *.yaml counts, even if it cannot be read (a directory, a dangling link):
    // skipping it silently would generate from part of the spec.
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    paths.sort();
    if paths.is_empty() {
        let d = Diagnostic::error(format!("the spec directory `{shown}` holds no `.yaml` file"))
            .at(Location::file(&shown))
            .help("a spec is one or more YAML files; see spec/README.md");
        return (Vec::new(), Diagnostics::from(vec![d]));
    }
    let mut sources = Vec::new();
    let mut diagnostics = Diagnostics::new();
    for path in paths {
        match read_file(&path) {
            Ok(text) => sources.push((path.display().to_string(), text)),
            Err(d) => diagnostics.push(*d),
        }
    }
    let (loaded, mut more) = load_sources(sources);
    diagnostics.append(&mut more);
    (loaded, diagnostics)
}

/// Parses spec files given as (path to show, text) pairs, in the order given.
pub fn load_sources(sources: Vec<(String, String)>) -> (Vec<Loaded>, Diagnostics) {
    let parsed = crate::parallel::map(&sources, |(shown, text)| parse(shown, text));
    let mut loaded = Vec::new();
    let mut diagnostics = Diagnostics::new();
    for ((shown, text), parsed) in sources.into_iter().zip(parsed) {
        match parsed {
            Ok(spec) => {
                loaded.push(Loaded { path: shown, text, map: OnceLock::new(), lookups: AtomicUsize::new(0), spec })
            }
            // A name given twice is reported where both occurrences are, which takes the source
            // map; other errors come with serde's position.
            Err(d) if d.message.contains(DUPLICATE) || d.message.contains("duplicate field") => {
                let map = SourceMap::build(&text);
                let mut duplicates = duplicate_keys(&shown, &text, &map);
                if duplicates.is_empty() {
                    diagnostics.push(*d);
                }
                diagnostics.append(&mut duplicates);
            }
            Err(d) => diagnostics.push(*d),
        }
    }
    (loaded, diagnostics)
}

/// Largest spec file read; a bigger one is almost certainly a mistake (a data dump, a binary).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads one file as UTF-8 text, within the size limit.
pub(crate) fn read_file(path: &Path) -> Result<String, Box<Diagnostic>> {
    let shown = path.display().to_string();
    let bytes = std::fs::metadata(path)
        .and_then(|m| {
            if m.len() > MAX_FILE_BYTES {
                Err(std::io::Error::other(format!("it is {} bytes, over the limit of {MAX_FILE_BYTES}", m.len())))
            } else {
                std::fs::read(path)
            }
        })
        .map_err(|e| Box::new(Diagnostic::error(format!("cannot read `{shown}`: {e}")).at(Location::file(&shown))))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let valid = String::from_utf8_lossy(valid).into_owned();
        let at = valid.len();
        Box::new(
            Diagnostic::error("the file is not valid UTF-8")
                .at(Location::new(&shown, &valid, at..at))
                .help("save the spec as UTF-8"),
        )
    })?;
    Ok(text)
}

fn parse(shown: &str, text: &str) -> Result<SpecFile, Box<Diagnostic>> {
    if text.trim().is_empty() {
        return Ok(SpecFile::default());
    }
    crate::yaml_de::from_str(text).map_err(|e| {
        let d = nesting_error(shown, text).unwrap_or_else(|| yaml_diagnostic(shown, text, &e));
        Box::new(d)
    })
}

/// An error if lists and mappings nest deeper than [`MAX_DEPTH`] in `text`, asked when the
/// text could not be read. The reader ([`yaml_de`](crate::yaml_de)) stops at the same limit, but
/// only once it gets there: a mistake earlier in the text (a key given twice) stops it first,
/// and a bomb after it is the thing to report. So the whole document is checked again, by
/// `yaml-rust2`'s events, which stop at the limit in a millisecond however deep the text goes
/// (see [`yaml_events`](crate::yaml_events)). A text that was read has no such nesting, and is
/// not read twice. A text the parser refuses before any bomb is left to the reader's error.
fn nesting_error(shown: &str, text: &str) -> Option<Diagnostic> {
    let mark = crate::yaml_events::too_deep(text, MAX_DEPTH).ok()??;
    // Lines are indexed only on an error: a spec that nests as it should never needs them here.
    let lines = LineIndex::new(text);
    let at = mark.offset(text, &lines);
    let d = Diagnostic::error(format!("lists and mappings nest more than {MAX_DEPTH} deep here"))
        .at(Location::indexed(shown, text, &lines, at..at + 1))
        .help("a spec nests a few levels; this looks like generated or corrupted input");
    Some(d)
}

/// How deep lists and mappings may nest in a spec: a real one nests six or seven deep.
pub const MAX_DEPTH: usize = 64;

/// A reading error as a diagnostic, at the node it is about (for a syntax error, where the
/// parser stopped).
fn yaml_diagnostic(shown: &str, text: &str, e: &crate::yaml_de::Error) -> Diagnostic {
    let location = match e.mark() {
        Some(mark) => {
            let lines = LineIndex::new(text);
            let at = mark.offset(text, &lines);
            Location::indexed(shown, text, &lines, at..at + 1)
        }
        None => Location::file(shown),
    };
    let diagnostic = Diagnostic::error(e.to_string()).at(location);
    // `description: Big, small` inside `{ … }` ends the value at the comma and reads `small` as
    // a key: the most common slip in flow mappings.
    let message = e.message();
    match message.split("unknown field `").nth(1).and_then(|rest| rest.split('`').next()) {
        Some(key) if key.contains(' ') => {
            diagnostic.help("a `,` inside `{ … }` ends a value: put text that holds commas in quotes")
        }
        // A quote left open runs on over the lines below, until they are indented less than it
        // or the file ends: the parser reports that, not the missing quote.
        _ if message.contains("quoted scalar")
            && (message.contains("indentation") || message.contains("end of stream")) =>
        {
            diagnostic.help("is the quote that opens here closed? A quoted value runs to the same quote character")
        }
        _ => diagnostic,
    }
}

fn duplicate_keys(shown: &str, text: &str, map: &SourceMap) -> Diagnostics {
    map.duplicates()
        .iter()
        .map(|dup| {
            let first = map.lines().line_of(dup.first.start) + 1;
            Diagnostic::error(format!("duplicate key `{}`", dup.name))
                .at(Location::indexed(shown, text, map.lines(), dup.again.clone()))
                .help(format!("it is already defined at line {first}; remove or rename one of them"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first few places are found by reading the file again, the others in the map of the
    /// whole file, which is then built: both find the same.
    #[test]
    fn places_are_the_same_found_either_way() {
        let text = "types:\n  A:\n    fields:\n      a: { type: string }\n  B:\n    fields: { b: { type: uuid } }\n";
        let (loaded, diagnostics) = load_sources(vec![("spec/api.yaml".into(), text.into())]);
        assert_eq!(diagnostics.total(), 0);
        let file = &loaded[0];
        let paths: &[&[&str]] = &[
            &["types", "A", "fields", "a", "type"],
            &["types", "B", "fields", "b"],
            &["types", "B", "fields", "nope"],
            &["nope"],
            &["types", "A"],
            &["types", "B", "fields", "b", "type"],
        ];
        let found: Vec<_> = paths.iter().map(|path| (file.key_at(path), file.value_at(path))).collect();
        assert!(file.map.get().is_some(), "mapped after {LOOKUPS_BEFORE_MAPPING} places");
        let mapped: Vec<_> = paths.iter().map(|path| (file.key_at(path), file.value_at(path))).collect();
        assert_eq!(found, mapped);
        let path = ["types", "B", "fields", "b", "type"];
        let (within, value) = (file.within_value(&path, "uu"), file.value_at(&path));
        assert_eq!((within.line, within.column), (value.line, value.column));
        assert_ne!(within, value, "the needle is narrower than the value");
    }
}
