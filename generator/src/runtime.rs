//! The contract with the hand-written runtime, the crate under `generator/runtime/` (`auth.rs`,
//! `call.rs`, `client.rs`, `code_enum.rs`, `download.rs`, `error.rs`, `expand.rs`, `id_type.rs`, `key_type.rs`,
//! `oauth.rs`, `page.rs`, `pacing.rs`, `patch.rs`, `retry.rs`, `upload.rs`, `webhook.rs`,
//! `string_enum.rs`, `structs.rs`): its modules and their source, what the crate re-exports from
//! them and from its dependencies,
//! the names a spec may not take (in `reserved`, with the tests that hold them to the runtime's
//! sources), and the dependencies a crate needs for it. Declared once here; `lower` and `import`
//! read the names, `emit` the module tree, the re-exports and the sources.
//!
//! The generator writes the runtime into every crate it makes, marked as generated, rather than
//! publish it as a crate of its own that generated crates depend on: a generated crate then
//! builds from its own folder alone, with no dependency on an unpublished crate or on this
//! repository, and the runtime's version is always the one its generated code was made for. The
//! price is a copy per crate, which regenerating keeps current.

mod reserved;

pub use reserved::{method_clash, module_clash, reserved_modules, reserved_types, type_clash};

/// A module of the runtime, and the items the crate's root re-exports from it.
pub struct Module {
    /// The module's name, e.g. `client`.
    pub name: &'static str,
    /// Its public items, re-exported at the crate's root.
    pub exports: &'static [&'static str],
    /// Its source, as written by hand in `generator/runtime/src/`.
    pub source: &'static str,
    /// Whether only crates whose spec declares webhooks get it (compiled under the feature of
    /// the module that declares them, with [`WEBHOOK_DEPENDENCIES`]).
    pub webhooks: bool,
}

/// The [`Module`] whose source is `generator/runtime/src/<name>.rs`.
macro_rules! module {
    ($name:literal $(, $export:literal)*) => {
        module!(@ $name, false $(, $export)*)
    };
    (@ $name:literal, $webhooks:literal $(, $export:literal)*) => {
        Module {
            name: $name,
            exports: &[$($export),*],
            source: include_str!(concat!("../runtime/src/", $name, ".rs")),
            webhooks: $webhooks,
        }
    };
}

/// The runtime's modules: every file of `generator/runtime/src` but `lib.rs` and `stand_in.rs`,
/// which stand in for a generated crate's root and modules there.
pub const MODULES: &[Module] = &[
    module!("auth"),
    module!("call", "Call", "Exchange"),
    module!("client", "Client", "ClientBuilder"),
    module!("code_enum"),
    module!("download", "Download"),
    module!(
        "error",
        "ApiError",
        "Cleanup",
        "DecodeError",
        "Error",
        "ErrorBody",
        "ErrorKind",
        "StorageError",
        "TokenError",
        "UploadError"
    ),
    module!("expand", "Expand", "Expandable", "HasId", "Select"),
    module!("id_type"),
    module!("key_type", "ParseKeyError"),
    module!("multipart"),
    module!("oauth", "AuthorizationRequest", "OAuthApp", "TokenSet", "TokenSource"),
    module!("patch", "Patch"),
    module!("page", "ItemStream", "Page"),
    module!("retry", "RateLimit", "RetryPolicy"),
    module!("pacing"),
    module!("string_enum"),
    module!("structs"),
    module!("upload", "Upload"),
    module!(@ "webhook", true, "Delivery", "WebhookError", "WebhookEvents", "WebhookReceiver", "WebhookSecret"),
];

/// The runtime's modules that a crate gets: every one but `webhook` when its spec declares none.
pub fn modules(webhooks: bool) -> impl Iterator<Item = &'static Module> {
    MODULES.iter().filter(move |m| webhooks || !m.webhooks)
}

/// The dependencies only the `webhook` module needs: optional in a crate that declares webhooks
/// (the feature of the module that declares them turns them on), absent from one that does not.
pub const WEBHOOK_DEPENDENCIES: &[&str] = &["hex", "hmac", "sha2"];

/// The crate name that the runtime's sources use in their doc examples; a crate of another name
/// gets its own there.
const SOURCE_CRATE_NAME: &str = "plane_client";

/// A runtime module's file in the crate named `crate_name`: the generated marker, then its source.
pub fn source(module: &Module, crate_name: &str) -> String {
    crate::marker::runtime_header(module.name) + &module.source.replace(SOURCE_CRATE_NAME, crate_name)
}

/// Whether `path` (relative to a crate's folder) is one of the runtime's files there.
pub fn is_runtime_file(path: &str) -> bool {
    let module = path.strip_prefix("src/").and_then(|file| file.strip_suffix(".rs"));
    module.is_some_and(|module| MODULES.iter().any(|m| m.name == module))
}

/// The runtime crate's manifest: its `[dependencies]` are what every generated crate needs.
const MANIFEST: &str = include_str!("../runtime/Cargo.toml");

/// What the runtime needs from crates.io, as its own manifest lists them: the `[dependencies]`
/// of a generated crate, with [`WEBHOOK_DEPENDENCIES`] optional if it has webhooks and left out
/// if not.
pub fn dependencies(webhooks: bool) -> String {
    let table = MANIFEST.split_once("\n[dependencies]\n").map_or("", |(_, rest)| rest);
    let table = table.split_once("\n[").map_or(table, |(dependencies, _)| dependencies).trim();
    let mut lines = Vec::new();
    for line in table.lines() {
        let (name, version) = line.split_once(" = ").unwrap_or((line, ""));
        match (WEBHOOK_DEPENDENCIES.contains(&name), webhooks) {
            (false, _) => lines.push(line.to_string()),
            // Written as `name = "version"` in the runtime's manifest.
            (true, true) => lines.push(format!("{name} = {{ version = {version}, optional = true }}")),
            (true, false) => {}
        }
    }
    lines.join("\n")
}

/// The runtime's crate-private items that generated code calls, by path: the other half of the
/// contract (the public half is [`MODULES`]' exports, which generated code names at the crate's
/// root). Changing one of these in the runtime means changing it here, and nowhere else.
pub mod internal {
    use proc_macro2::TokenStream;
    use quote::quote;

    use crate::model::{Location, ParamStyle, Ty};

    /// `call::Route`: a request as an operation describes it (method, path template,
    /// parameters), built with `Route::new(method, template)` and the methods below.
    pub fn route() -> TokenStream {
        quote!(crate::call::Route)
    }

    /// `Client::call_json` and `Client::call_empty`: a route as a `Call` (what an operation
    /// returns), whose answer's body is decoded as JSON, or not read.
    pub fn call(json: bool) -> TokenStream {
        if json { quote!(call_json) } else { quote!(call_empty) }
    }

    /// `Route::path`: fills the template's `{name}` with a value.
    pub fn path_param() -> TokenStream {
        quote!(path)
    }

    /// `Route::query`, `Route::header` and `Route::cookie`: add a query pair, a header or a
    /// cookie (`None` is left out).
    pub fn query_param(sent_in: Location) -> TokenStream {
        match sent_in {
            Location::Header => quote!(header),
            Location::Cookie => quote!(cookie),
            Location::Path | Location::Query => quote!(query),
        }
    }

    /// `Route::check_range` (integers) and `Route::check_length` (text): refuse an argument
    /// outside its bounds, so that the call fails before sending.
    pub fn check(text: bool) -> TokenStream {
        if text { quote!(check_length) } else { quote!(check_range) }
    }

    /// `Route::query_value` with `call::list` or `call::map` (in a `call::Style`), or, for a
    /// header's list, `Route::header` with `call::joined`: the route's method, and how the
    /// value of a parameter that is not a single value is made of `value` (a reference).
    pub fn many(ty: &Ty, style: Option<ParamStyle>, value: TokenStream) -> (TokenStream, TokenStream) {
        let Some(style) = style else { return (quote!(header), quote!(crate::call::joined(#value))) };
        let style = match style {
            ParamStyle::Exploded => quote!(Exploded),
            ParamStyle::Comma => quote!(Comma),
            ParamStyle::Space => quote!(Space),
            ParamStyle::Pipe => quote!(Pipe),
            ParamStyle::Deep => quote!(Deep),
        };
        let make = if matches!(ty, Ty::Map(_)) { quote!(map) } else { quote!(list) };
        (quote!(query_value), quote!(crate::call::#make(#value, crate::call::Style::#style)))
    }

    /// `call::Param`: how a value is written as a path, query or header value.
    pub fn param_trait() -> TokenStream {
        quote!(crate::call::Param)
    }

    /// `call::param`: a path, query or header value as text.
    pub fn param() -> TokenStream {
        quote!(crate::call::param)
    }

    /// `Client::call_with`: a route and a body that is not a JSON object of fields as a `Call`.
    pub fn call_with() -> TokenStream {
        quote!(call_with)
    }

    /// `call::Body`: a request body encoded (`json`, `text`, `bytes`, `form`, `multipart`).
    pub fn body() -> TokenStream {
        quote!(crate::call::Body)
    }

    /// `multipart::Multipart`: a `multipart/form-data` body, made with `fields` (the parts that
    /// are not files, from a request type's JSON) and `file` (one file's part).
    pub fn multipart() -> TokenStream {
        quote!(crate::multipart::Multipart)
    }

    /// `call::NO_BODY`: the body argument of an operation that sends none.
    pub fn no_body() -> TokenStream {
        quote!(crate::call::NO_BODY)
    }

    /// `page::items`: every item of every page, as a stream.
    pub fn page_items() -> TokenStream {
        quote!(crate::page::items)
    }

    /// `structs::json!`: the JSON of a spec's type or a request body, from its fields' names,
    /// JSON keys and presence.
    pub fn json() -> TokenStream {
        quote!(crate::structs::json)
    }

    /// `id_type::impls!`: the constructors and trait impls every id type shares.
    pub fn id_type_impls() -> TokenStream {
        quote!(crate::id_type::impls)
    }

    /// `key_type::impls!`: `Display`, `FromStr`, JSON and `Param` of a key type, from its format.
    pub fn key_type_impls() -> TokenStream {
        quote!(crate::key_type::impls)
    }

    /// `code_enum::impls!`: the trait impls every enum of integer codes shares.
    pub fn code_enum_impls() -> TokenStream {
        quote!(crate::code_enum::impls)
    }

    /// `oauth::OAuthSpec`: the spec's facts about its OAuth token endpoint, which `spec.rs` holds.
    pub fn oauth_spec() -> TokenStream {
        quote!(crate::oauth::OAuthSpec)
    }

    /// `oauth::ClientAuth::Basic` or `::Body`: how an application authenticates on a grant.
    pub fn client_auth(basic: bool) -> TokenStream {
        if basic { quote!(crate::oauth::ClientAuth::Basic) } else { quote!(crate::oauth::ClientAuth::Body) }
    }

    /// `upload::upload`: an upload in one call, run from its first call, the file, the declared
    /// size, the default limit and its `Steps`.
    pub fn upload() -> TokenStream {
        quote!(crate::upload::upload)
    }

    /// `upload::Steps` (the new file's id and form, the confirmation, the deletion) and
    /// `upload::Form` (a presigned POST form's URL and fields).
    pub fn upload_parts() -> (TokenStream, TokenStream) {
        (quote!(crate::upload::Steps), quote!(crate::upload::Form))
    }

    /// `download::from_redirect` (the call's answer redirects to the file) and
    /// `download::from_answer` (the call's answer holds the file's URL).
    pub fn download(redirect: bool) -> TokenStream {
        if redirect { quote!(crate::download::from_redirect) } else { quote!(crate::download::from_answer) }
    }

    /// `string_enum::impls!`: the trait impls every string enum shares.
    pub fn string_enum_impls() -> TokenStream {
        quote!(crate::string_enum::impls)
    }
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
        doc: "Date and time types used by the generated types (`chrono`, with its clock:\n\
              `chrono::Utc::now()`), re-exported so that callers use the same version.",
    },
    DependencyExport {
        path: "reqwest",
        items: &["Method", "StatusCode"],
        doc: "The HTTP method and status types, for [`Client::request`] and [`Exchange`].",
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
    DependencyExport {
        path: "uuid",
        items: &["Uuid"],
        doc: "The UUID type used for ids; `Uuid::new_v4()` makes a random one.",
    },
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// The runtime crate's root, parsed: it stands in for a generated crate's.
    fn runtime_root() -> syn::File {
        syn::parse_file(include_str!("../runtime/src/lib.rs")).expect("the runtime's lib.rs parses")
    }

    #[test]
    fn the_runtime_crate_declares_the_modules_and_exports_of_the_contract() {
        let (mut modules, mut exports) = (BTreeSet::new(), BTreeSet::new());
        for item in runtime_root().items {
            match item {
                syn::Item::Mod(m) => drop(modules.insert(m.ident.to_string())),
                // What the stand-in module re-exports is a generated module's, not the contract's.
                syn::Item::Use(u) => {
                    exports.extend(use_leaves(&u.tree).into_iter().filter(|e| !e.starts_with("stand_in::")))
                }
                _ => {}
            }
        }
        let stand_ins = BTreeSet::from(["spec".to_string(), "stand_in".to_string()]);
        let expected: BTreeSet<_> = MODULES.iter().map(|m| m.name.to_string()).collect();
        assert_eq!(modules.difference(&stand_ins).cloned().collect::<BTreeSet<_>>(), expected);
        let contract = MODULES.iter().flat_map(|m| m.exports.iter().map(|e| format!("{}::{e}", m.name)));
        let dependencies = DEPENDENCY_EXPORTS.iter().flat_map(|d| match d.items {
            [] => vec![d.path.to_string()],
            items => items.iter().map(|i| format!("{}::{i}", d.path)).collect(),
        });
        assert_eq!(exports, contract.chain(dependencies).collect::<BTreeSet<_>>());
    }

    /// `a::b::{C, D}` as `a::b::C` and `a::b::D`.
    fn use_leaves(tree: &syn::UseTree) -> Vec<String> {
        match tree {
            syn::UseTree::Path(p) => {
                use_leaves(&p.tree).into_iter().map(|leaf| format!("{}::{leaf}", p.ident)).collect()
            }
            syn::UseTree::Name(n) => vec![n.ident.to_string()],
            syn::UseTree::Group(g) => g.items.iter().flat_map(use_leaves).collect(),
            syn::UseTree::Rename(_) | syn::UseTree::Glob(_) => panic!("the runtime's root re-exports items by name"),
        }
    }

    #[test]
    fn every_file_of_the_runtime_is_a_module_or_a_stand_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime/src");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .expect("generator/runtime/src")
            .map(|entry| entry.expect("a file").file_name().to_string_lossy().trim_end_matches(".rs").to_string())
            .filter(|name| name != "lib" && name != "stand_in")
            .collect();
        files.sort();
        let mut modules: Vec<_> = MODULES.iter().map(|m| m.name.to_string()).collect();
        modules.sort();
        assert_eq!(files, modules, "a runtime file the generator would not copy, or a module with no file");
    }

    #[test]
    fn the_dependencies_are_the_runtime_manifests_table() {
        let manifest: toml::Table = toml::from_str(MANIFEST).expect("the runtime's manifest is TOML");
        let runtime = manifest.get("dependencies").and_then(toml::Value::as_table).expect("a table");
        let with: toml::Table = toml::from_str(&dependencies(true)).expect("the dependencies are TOML");
        let without: toml::Table = toml::from_str(&dependencies(false)).expect("the dependencies are TOML");
        for (name, spec) in runtime {
            let webhook = WEBHOOK_DEPENDENCIES.contains(&name.as_str());
            assert_eq!(without.get(name), (!webhook).then_some(spec), "{name} without webhooks");
            let optional = with.get(name).and_then(|s| s.get("optional")).and_then(toml::Value::as_bool);
            assert_eq!(optional, webhook.then_some(true), "{name} is optional exactly when only webhooks need it");
        }
        assert_eq!(with.len(), runtime.len());
    }
}
