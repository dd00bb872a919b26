//! The contract with the hand-written runtime (`generated/src/client.rs`, `error.rs`, `page.rs`,
//! `pacing.rs`, `patch.rs`, `retry.rs`, `string_enum.rs`, `structs.rs`): its modules and their
//! source, what the crate re-exports from them and from its dependencies, the names a spec may not
//! take (in `reserved`, with the tests that hold them to the runtime's sources), and the
//! dependencies a crate needs for it. Declared once here; `lower` and `import` read the names,
//! `emit` the module tree, the re-exports and the sources.
//!
//! The generator writes the runtime into every crate it makes, rather than publish it as a crate
//! of its own that generated crates depend on: a generated crate then builds from its own folder
//! alone, with no dependency on an unpublished crate or on this repository, and the runtime's
//! version is always the one its generated code was made for. The price is a copy per crate
//! (about 1,900 lines), which regenerating keeps current.

mod reserved;

pub use reserved::{method_clash, module_clash, reserved_modules, reserved_types, type_clash};

/// A module of the runtime, and the items the crate's root re-exports from it.
pub struct Module {
    /// The module's name, e.g. `client`.
    pub name: &'static str,
    /// Its public items, re-exported at the crate's root.
    pub exports: &'static [&'static str],
    /// Its source, as written by hand in this repository's `generated/src/`.
    pub source: &'static str,
}

/// The runtime's modules.
pub const MODULES: &[Module] = &[
    Module {
        name: "client",
        exports: &["Client", "ClientBuilder"],
        source: include_str!("../../generated/src/client.rs"),
    },
    Module {
        name: "error",
        exports: &["ApiError", "DecodeError", "Error", "ErrorBody", "ErrorKind"],
        source: include_str!("../../generated/src/error.rs"),
    },
    Module { name: "patch", exports: &["Patch"], source: include_str!("../../generated/src/patch.rs") },
    Module { name: "page", exports: &["ItemStream", "Page"], source: include_str!("../../generated/src/page.rs") },
    Module {
        name: "retry",
        exports: &["RateLimit", "RetryPolicy"],
        source: include_str!("../../generated/src/retry.rs"),
    },
    Module { name: "pacing", exports: &[], source: include_str!("../../generated/src/pacing.rs") },
    Module { name: "string_enum", exports: &[], source: include_str!("../../generated/src/string_enum.rs") },
    Module { name: "structs", exports: &[], source: include_str!("../../generated/src/structs.rs") },
];

/// The crate name that the runtime's sources use in their doc examples; a crate of another name
/// gets its own there.
const SOURCE_CRATE_NAME: &str = "plane_client";

/// A runtime module's source for the crate named `crate_name`.
pub fn source(module: &Module, crate_name: &str) -> String {
    module.source.replace(SOURCE_CRATE_NAME, crate_name)
}

/// What the runtime needs from crates.io: the `[dependencies]` of every generated crate.
pub const DEPENDENCIES: &str = r#"bytes = "1"
chrono = { version = "0.4", default-features = false, features = ["std", "serde"] }
fastrand = "2"
futures-core = "0.3"
futures-util = { version = "0.3", default-features = false, features = ["alloc"] }
httpdate = "1"
percent-encoding = "2"
reqwest = { version = "0.13", default-features = false, features = ["rustls", "http2"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
serde_ignored = "0.1"
serde_path_to_error = "0.1"
thiserror = "2"
tokio = { version = "1", features = ["time"] }
tracing = { version = "0.1", default-features = false, features = ["std"] }
url = "2"
uuid = { version = "1", features = ["serde"] }
"#;

/// The `Cargo.toml` of a new crate whose library is `crate_name`, for the API titled `title`.
/// Written only when the crate has none: from then on it is the crate owner's, to add metadata,
/// a license and features to.
pub fn cargo_toml(crate_name: &str, title: &str) -> String {
    // A JSON string is a valid TOML basic string: same quotes, same escapes.
    let quoted = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let package = quoted(&crate::names::package(crate_name));
    let description = quoted(&format!("Typed async client for the {title}, generated from its spec."));
    format!(
        "# Written once by the generator from the spec's `api` block; the crate's own from now on (the\n\
         # generator never rewrites it). Keep the dependencies: the runtime under src/ needs them.\n\
         [package]\nname = {package}\nversion = \"0.1.0\"\ndescription = {description}\n\
         edition = \"2024\"\nrust-version = \"1.85\"\n\n\
         [lib]\npath = \"src/lib.rs\"\n\n\
         [dependencies]\n{DEPENDENCIES}\n\
         [dev-dependencies]\ntokio = {{ version = \"1\", features = [\"macros\", \"rt\", \"rt-multi-thread\"] }}\n"
    )
}

/// The runtime's crate-private items that generated code calls, by path: the other half of the
/// contract (the public half is [`MODULES`]' exports, which generated code names at the crate's
/// root). Changing one of these in the runtime means changing it here, and nowhere else.
pub mod internal {
    use proc_macro2::TokenStream;
    use quote::quote;

    /// `client::Route`: a request as an operation describes it (method, path template,
    /// parameters), checked and sent by the client.
    pub fn route() -> TokenStream {
        quote!(crate::client::Route)
    }

    /// `Client::call_json` and `Client::call_empty`: send a route, decode the answer's body as
    /// JSON, or expect none.
    pub fn call(json: bool) -> TokenStream {
        if json { quote!(call_json) } else { quote!(call_empty) }
    }

    /// `Route::check_range` (integers) and `Route::check_length` (text): refuse an argument
    /// outside its bounds before sending.
    pub fn check(text: bool) -> TokenStream {
        if text { quote!(check_length) } else { quote!(check_range) }
    }

    /// `client::param`: a path, query or header value as text.
    pub fn param() -> TokenStream {
        quote!(crate::client::param)
    }

    /// `client::NO_BODY`: the body argument of an operation that sends none.
    pub fn no_body() -> TokenStream {
        quote!(crate::client::NO_BODY)
    }

    /// `page::items`: every item of every page, as a stream.
    pub fn page_items() -> TokenStream {
        quote!(crate::page::items)
    }

    /// The module of `object!`, `body!` and `query!`, which declare the spec's types, request
    /// bodies and query parameters from a line per field.
    pub const STRUCTS: &str = "crate::structs";

    /// `string_enum::impls!`: the trait impls every string enum shares.
    pub fn string_enum_impls() -> TokenStream {
        quote!(crate::string_enum::impls)
    }
}

/// The `recursion_limit` a crate needs when its largest struct has `most_fields` fields, if the
/// compiler's default (128) is too low: `structs.rs` reads a field per two levels of macro
/// expansion, and takes a few levels more to declare the struct.
pub fn recursion_limit(most_fields: usize) -> Option<usize> {
    let needed = 2 * most_fields + 16;
    (needed > 128).then_some(needed)
}

/// The headers the runtime sets on every request itself (besides the API key's, which the spec
/// names): a header parameter may not take their names.
pub const CLIENT_HEADERS: &[&str] =
    &["Authorization", "Accept", "Content-Type", "User-Agent", "Host", "Content-Length"];

/// The module the generator writes with the spec's facts that the runtime reads (base URL, auth).
pub const SPEC_MODULE: &str = "spec";

/// Items of the crate's dependencies that its root re-exports, so that callers use the versions
/// the crate uses.
pub struct DependencyExport {
    /// The path they come from, e.g. `reqwest::header`; the crate itself when `items` is empty.
    pub path: &'static str,
    /// The items, e.g. `HeaderMap`.
    pub items: &'static [&'static str],
    /// Their documentation.
    pub doc: &'static str,
}

/// What the crate's root re-exports from its dependencies.
pub const DEPENDENCY_EXPORTS: &[DependencyExport] = &[
    DependencyExport {
        path: "chrono",
        items: &[],
        doc: "Date and time types used by the generated types (`chrono`), re-exported so that callers\n\
              use the same version.",
    },
    DependencyExport {
        path: "reqwest::header",
        items: &["HeaderMap", "HeaderName", "HeaderValue"],
        doc: "Header types, for [`ClientBuilder::default_headers`].",
    },
    DependencyExport {
        path: "serde_json",
        items: &["Value"],
        doc: "Any JSON value, for fields the spec leaves free-form.",
    },
    DependencyExport { path: "uuid", items: &["Uuid"], doc: "The UUID type used for ids." },
];
