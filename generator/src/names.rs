//! The one place where spec names become Rust names. Every name of the generated crate that is
//! made from a name in the spec is made here: by `lower`, which writes the crate; by `import`,
//! which picks spec names the crate can take; and by `changes`, which names what changed. A rule
//! written twice would let the change report name items the crate does not have.
//!
//! Names are cased with `heck`, keywords made raw (or suffixed where Rust forbids a raw form), and
//! every result checked to parse as an identifier.

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Strict and reserved keywords of Rust 2024, which become `r#keyword`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Why a name cannot become an identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// Nothing is left after casing (the name was empty or only punctuation).
    Empty,
    /// Identifiers cannot start with a digit.
    LeadingDigit(String),
    /// Something else that Rust does not accept as an identifier.
    Invalid(String),
}

impl NameError {
    /// A one-line explanation naming the offending spec name.
    pub fn explain(&self, what: &str, name: &str) -> String {
        match self {
            NameError::Empty => format!("{what} `{name}` has no letters or digits to make a Rust name from"),
            NameError::LeadingDigit(ident) => {
                format!("{what} `{name}` becomes `{ident}` in Rust, which starts with a digit")
            }
            NameError::Invalid(ident) => format!("{what} `{name}` becomes `{ident}`, which is not a valid Rust name"),
        }
    }
}

/// A field, parameter or method name: `snake_case`.
pub fn snake(name: &str) -> Result<String, NameError> {
    finish(name.to_snake_case())
}

/// A type name: `UpperCamelCase`.
pub fn camel(name: &str) -> Result<String, NameError> {
    finish(name.to_upper_camel_case())
}

fn finish(ident: String) -> Result<String, NameError> {
    if ident.is_empty() {
        return Err(NameError::Empty);
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(NameError::LeadingDigit(ident));
    }
    let ident = if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    };
    // heck keeps non-ASCII letters; make sure whatever came out is something rustc accepts.
    match syn::parse_str::<syn::Ident>(&ident) {
        Ok(_) => Ok(ident),
        Err(_) => Err(NameError::Invalid(ident)),
    }
}

/// The identifier without a raw prefix, for building derived names such as `clear_type`.
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// A rule below: what it makes of a spec name, or why it cannot.
pub type Rule = fn(&str) -> Result<String, NameError>;

/// The method on `Client` for the operation `operation`: `list_customers`.
pub fn method(operation: &str) -> Result<String, NameError> {
    snake(operation)
}

/// A struct field, its setter in a request type, or a parameter's argument: `website_url`.
pub fn field(name: &str) -> Result<String, NameError> {
    snake(name)
}

/// A named type or enum: `CustomerProperty`.
pub fn type_name(name: &str) -> Result<String, NameError> {
    camel(name)
}

/// An enum's variant for one of its values, or a union's for one of its alternatives: `InProgress`.
pub fn variant(value: &str) -> Result<String, NameError> {
    camel(value)
}

/// The variant a string enum keeps for the values the spec does not list: no value may take it.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The module of a spec file, from the file's stem: `work_items`.
pub fn module(stem: &str) -> Result<String, NameError> {
    snake(stem)
}

/// The cargo feature of the module `module` (its name without `r#`): `work_items` → `work-items`.
pub fn feature(module: &str) -> String {
    module.to_kebab_case()
}

/// The crate's library, after the API's name: `plane` → `plane_client`.
pub fn library(api: &str) -> Result<String, NameError> {
    snake(api).map(|name| format!("{}_client", bare(&name)))
}

/// The crate's package, after its library: `plane_client` → `plane-client`.
pub fn package(library: &str) -> String {
    library.replace('_', "-")
}

/// The environment variable the crate's docs keep the API key in, and `Client::from_env` reads:
/// `plane` → `PLANE_API_KEY`.
pub fn api_key_variable(api: &str) -> String {
    environment_variable(api, "API_KEY")
}

/// The environment variable `Client::from_env` reads a bearer token from: `PLANE_ACCESS_TOKEN`.
pub fn access_token_variable(api: &str) -> String {
    environment_variable(api, "ACCESS_TOKEN")
}

/// The environment variable `Client::from_env` reads the base URL from: `PLANE_BASE_URL`.
pub fn base_url_variable(api: &str) -> String {
    environment_variable(api, "BASE_URL")
}

/// The environment variable the crate's docs keep an OAuth application's client id (`CLIENT_ID`)
/// or secret (`CLIENT_SECRET`) in: `PLANE_CLIENT_ID`.
pub fn oauth_variable(api: &str, what: &str) -> String {
    environment_variable(api, what)
}

fn environment_variable(api: &str, what: &str) -> String {
    format!("{}_{what}", api.to_uppercase().replace('-', "_"))
}

/// The request body type of `operation`: `create_customer` → `CreateCustomerBody`.
pub fn body_type(operation: &str) -> Result<String, NameError> {
    request_type(operation, "body")
}

/// The query parameters' type of `operation`: `list_customers` → `ListCustomersQuery`.
pub fn query_type(operation: &str) -> Result<String, NameError> {
    request_type(operation, "query")
}

fn request_type(operation: &str, suffix: &str) -> Result<String, NameError> {
    // Made from the method without `r#`: the operation `type` has `TypeBody`, not `RTypeBody`.
    camel(&format!("{}_{suffix}", bare(&method(operation)?)))
}

/// Whether a type named `ident` would look like a request type (see [`body_type`] and
/// [`query_type`]), so that a spec type may not take the name.
pub fn is_request_type(ident: &str) -> bool {
    ident.ends_with("Body") || ident.ends_with("Query")
}

/// The id type of a resource whose type is `resource` (already a Rust type name): `Label` →
/// `LabelId`.
pub fn id_type(resource: &str) -> String {
    format!("{resource}Id")
}

/// The enum of the events an API's webhooks deliver.
pub const WEBHOOK_EVENT: &str = "WebhookEvent";

/// The variant of that enum for an event the spec does not list: no event may take it.
pub const OTHER_EVENT: &str = "Other";

/// The module that holds every id type: always compiled, whatever features are on, because
/// every resource's fields name other resources' ids.
pub const IDS_MODULE: &str = "ids";

/// The method that streams every item of a paginated operation: `list_customers_stream`.
pub fn stream_method(operation: &str) -> Result<String, NameError> {
    method(operation).map(|method| format!("{}_stream", bare(&method)))
}

/// The setter that sends `null` for an optional nullable field of a request body:
/// `website_url` → `clear_website_url`.
pub fn clear_setter(field_name: &str) -> Result<String, NameError> {
    field(field_name).map(|ident| format!("clear_{}", bare(&ident)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_and_escapes() {
        assert_eq!(snake("workspaceSlug").unwrap(), "workspace_slug");
        assert_eq!(snake("project__identifier").unwrap(), "project_identifier");
        assert_eq!(snake("type").unwrap(), "r#type");
        assert_eq!(snake("self").unwrap(), "self_");
        assert_eq!(camel("customer property").unwrap(), "CustomerProperty");
        assert_eq!(camel("Self").unwrap(), "Self_");
        assert_eq!(bare("r#type"), "type");
        assert_eq!(feature("work_items"), "work-items");
    }

    #[test]
    fn derives_names_from_the_bare_identifier() {
        assert_eq!(body_type("create_customer").unwrap(), "CreateCustomerBody");
        assert_eq!(query_type("type").unwrap(), "TypeQuery");
        assert_eq!(stream_method("type").unwrap(), "type_stream");
        assert_eq!(clear_setter("loop").unwrap(), "clear_loop");
        assert_eq!(library("type").unwrap(), "type_client");
        assert_eq!(package("plane_client"), "plane-client");
        assert_eq!(api_key_variable("acme-corp"), "ACME_CORP_API_KEY");
        assert!(is_request_type(&body_type("x").unwrap()) && is_request_type(&query_type("x").unwrap()));
        assert_eq!(body_type("--"), Err(NameError::Empty));
    }

    #[test]
    fn rejects_what_cannot_be_a_name() {
        assert_eq!(snake("--"), Err(NameError::Empty));
        assert_eq!(snake("2fa"), Err(NameError::LeadingDigit("2fa".into())));
        assert!(matches!(snake("x²"), Err(NameError::Invalid(_))), "{:?}", snake("x²"));
    }
}
