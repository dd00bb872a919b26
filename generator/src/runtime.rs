//! The contract with the hand-written runtime (`generated/src/client.rs`, `error.rs`, `page.rs`,
//! `patch.rs`, `retry.rs`): its modules, what the crate re-exports from them and from its
//! dependencies, and so the names a spec may not take. Declared once here; `lower` reads the
//! names, `emit` the module tree and the re-exports.

/// A module of the runtime, and the items the crate's root re-exports from it.
pub struct Module {
    /// The module's name, e.g. `client`.
    pub name: &'static str,
    /// Its public items, re-exported at the crate's root.
    pub exports: &'static [&'static str],
}

/// The runtime's modules.
pub const MODULES: &[Module] = &[
    Module { name: "client", exports: &["Client", "ClientBuilder"] },
    Module { name: "error", exports: &["ApiError", "DecodeError", "Error", "ErrorBody", "ErrorKind"] },
    Module { name: "patch", exports: &["Patch"] },
    Module { name: "page", exports: &["ItemStream", "Page"] },
    Module { name: "retry", exports: &["RateLimit", "RetryPolicy"] },
    Module { name: "string_enum", exports: &[] },
];

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

/// The prelude's names, which generated code writes unqualified (short code parses and compiles
/// faster), so a spec type may not shadow them.
const PRELUDE: &[&str] =
    &["Option", "Some", "None", "String", "Vec", "Into", "From", "Default", "Result", "Ok", "Err", "Box"];

/// Type names a spec may not take: the runtime's, the re-exported ones, and the prelude's.
pub fn reserved_types() -> impl Iterator<Item = &'static str> {
    let runtime = MODULES.iter().flat_map(|m| m.exports.iter().copied());
    let dependencies = DEPENDENCY_EXPORTS.iter().flat_map(|d| d.items.iter().copied());
    runtime.chain(dependencies).chain(PRELUDE.iter().copied())
}

/// Module names a spec file may not take: the runtime's, the spec module, `lib`, and the crates
/// re-exported from (a module of that name would make `pub use uuid::Uuid` ambiguous).
pub fn reserved_modules() -> Vec<&'static str> {
    let crates = DEPENDENCY_EXPORTS.iter().map(|d| d.path.split("::").next().unwrap_or(d.path));
    MODULES.iter().map(|m| m.name).chain([SPEC_MODULE, "lib"]).chain(crates).collect()
}
