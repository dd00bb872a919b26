//! The names a spec may not take because the generated crate already uses them: the runtime's
//! types and modules, `Client`'s methods, the names the runtime's macros declare inside generated
//! modules, and the file names Cargo gives a meaning to. Each is declared here, one line per name;
//! the tests below check the lists against the runtime's sources, so a runtime change that adds a
//! name fails here rather than in the build of a crate whose spec happened to use it.

use super::{DEPENDENCY_EXPORTS, MODULES, SPEC_MODULE};

/// The prelude's names, which generated code writes unqualified (short code parses and compiles
/// faster), so a spec type may not shadow them.
const PRELUDE: &[&str] =
    &["Option", "Some", "None", "String", "Vec", "Into", "From", "Default", "Result", "Ok", "Err", "Box"];

/// Names the runtime's macros declare inside the code they write into a generated module, where
/// a spec type of the same name would resolve to the macro's item instead of the type: `json!`
/// decodes each type with a local `struct Visitor`, in a function generic over `D`, whose
/// `visit_map` is generic over `M` (and encodes in one generic over `S`).
const MACRO_NAMES: &[&str] = &["Visitor", "D", "M", "S"];

/// `Client`'s inherent methods, public and private alike: an operation of the same name would be
/// a second definition, which does not compile. One line per method, so that a runtime method
/// added is a line added; a test checks that every `fn` of the runtime's `impl Client` is here.
const CLIENT_METHODS: &[&str] = &[
    // The caller's.
    "builder",
    "from_env",
    "base_url",
    "rate_limit",
    "authenticate",
    "request",
    // What generated operations call.
    "call_json",
    "call_empty",
    "call_with",
    // The steps of sending.
    "url",
    "execute",
    "note_rate_limit",
    "attempt",
    "decode",
];

/// The traits `Client` implements, with their methods: an operation of the same name would
/// compile but hide the trait's method from callers (`client.clone()` would call the operation).
/// A test checks that every trait the runtime derives or implements for `Client` is here.
const CLIENT_TRAITS: &[(&str, &[&str])] = &[("Clone", &["clone", "clone_from"]), ("Debug", &["fmt"])];

/// File names Cargo gives a meaning to under `src/`, and what: `src/build.rs` is an ordinary
/// module (a build script sits beside `Cargo.toml`), so it is not here.
const CARGO_FILES: &[(&str, &str)] = &[
    ("lib", "the crate's root, `src/lib.rs`"),
    ("main", "`src/main.rs`, which Cargo would build as a binary (that does not compile)"),
];

/// Type names a spec may not take: the runtime's, the re-exported ones, the prelude's, and the
/// runtime macros' own.
pub fn reserved_types() -> impl Iterator<Item = &'static str> {
    let runtime = MODULES.iter().flat_map(|m| m.exports.iter().copied());
    let dependencies = DEPENDENCY_EXPORTS.iter().flat_map(|d| d.items.iter().copied());
    runtime.chain(dependencies).chain(PRELUDE.iter().copied()).chain(MACRO_NAMES.iter().copied())
}

/// What a type named `ident` would clash with, as the end of "`ident` is …", if anything.
pub fn type_clash(ident: &str) -> Option<String> {
    if let Some(module) = MODULES.iter().find(|m| m.exports.contains(&ident)) {
        return Some(format!("the runtime's type from `{}.rs`, re-exported at the crate's root", module.name));
    }
    if let Some(dependency) = DEPENDENCY_EXPORTS.iter().find(|d| d.items.contains(&ident)) {
        return Some(format!("`{}::{ident}`, re-exported at the crate's root", dependency.path));
    }
    if PRELUDE.contains(&ident) {
        return Some("in Rust's prelude, which generated code uses unqualified".to_string());
    }
    MACRO_NAMES.contains(&ident).then(|| "declared by the runtime's macros in the code they write for each type".into())
}

/// What a `Client` method named `ident` would clash with, as the end of "`ident` is …", if
/// anything.
pub fn method_clash(ident: &str) -> Option<String> {
    if CLIENT_METHODS.contains(&ident) {
        return Some("one of `Client`'s own methods".to_string());
    }
    let (tr, _) = CLIENT_TRAITS.iter().find(|(_, methods)| methods.contains(&ident))?;
    Some(format!("`{tr}`'s method, which `Client` implements: an operation of that name would hide it from callers"))
}

/// What a module named `ident` would clash with, as the end of "`ident` is …", if anything.
pub fn module_clash(ident: &str) -> Option<String> {
    if MODULES.iter().any(|m| m.name == ident) {
        return Some(format!("the runtime's module `{ident}.rs`"));
    }
    if ident == SPEC_MODULE {
        return Some(format!("the module with the spec's base URL and auth, `{SPEC_MODULE}.rs`"));
    }
    if ident == crate::names::IDS_MODULE {
        return Some(format!("the module with the id types, `{ident}.rs`"));
    }
    if let Some((_, what)) = CARGO_FILES.iter().find(|(file, _)| *file == ident) {
        return Some(what.to_string());
    }
    let reexported = DEPENDENCY_EXPORTS.iter().any(|d| d.path.split("::").next() == Some(ident));
    reexported.then(|| format!("the crate `{ident}`, whose items the crate's root re-exports"))
}

/// Module names a spec file may not take: the runtime's, the spec and id modules, the files Cargo reads
/// (`lib`, `main`), and the crates re-exported from (a module of that name would make
/// `pub use uuid::Uuid` ambiguous).
pub fn reserved_modules() -> Vec<&'static str> {
    let crates = DEPENDENCY_EXPORTS.iter().map(|d| d.path.split("::").next().unwrap_or(d.path));
    let cargo = CARGO_FILES.iter().map(|(file, _)| *file);
    let mut names: Vec<&'static str> = Vec::new();
    // Several re-exports may come from one crate: each name once.
    for name in MODULES.iter().map(|m| m.name).chain([SPEC_MODULE, crate::names::IDS_MODULE]).chain(cargo).chain(crates)
    {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use proc_macro2::{TokenStream, TokenTree};
    use syn::punctuated::Punctuated;

    use super::*;

    /// Every runtime source, parsed.
    fn runtime_items() -> Vec<syn::Item> {
        let parse = |m: &super::super::Module| syn::parse_file(m.source).unwrap_or_else(|e| panic!("{}: {e}", m.name));
        MODULES.iter().flat_map(|m| parse(m).items).collect()
    }

    fn is_client(ty: &syn::Type) -> bool {
        matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Client"))
    }

    #[test]
    fn every_method_of_client_is_reserved() {
        let mut found = Vec::new();
        for item in runtime_items() {
            let syn::Item::Impl(block) = item else { continue };
            if block.trait_.is_some() || !is_client(&block.self_ty) {
                continue;
            }
            for item in block.items {
                if let syn::ImplItem::Fn(f) = item {
                    found.push(f.sig.ident.to_string());
                }
            }
        }
        for method in &found {
            assert!(CLIENT_METHODS.contains(&method.as_str()), "`Client::{method}` is not in CLIENT_METHODS");
        }
        for method in CLIENT_METHODS {
            assert!(found.iter().any(|f| f == method), "`Client::{method}` is in CLIENT_METHODS but not the runtime");
        }
    }

    #[test]
    fn every_trait_of_client_is_declared() {
        let mut traits = Vec::new();
        for item in runtime_items() {
            match item {
                syn::Item::Impl(block) if is_client(&block.self_ty) => {
                    let Some((_, path, _)) = block.trait_ else { continue };
                    traits.extend(path.segments.last().map(|s| s.ident.to_string()));
                }
                syn::Item::Struct(s) if s.ident == "Client" => {
                    for attr in s.attrs.iter().filter(|a| a.path().is_ident("derive")) {
                        let parser = Punctuated::<syn::Path, syn::Token![,]>::parse_terminated;
                        let paths = attr.parse_args_with(parser).expect("a derive list");
                        traits.extend(paths.iter().filter_map(|p| p.segments.last()).map(|s| s.ident.to_string()));
                    }
                }
                _ => {}
            }
        }
        assert!(!traits.is_empty());
        for tr in traits {
            assert!(CLIENT_TRAITS.iter().any(|(t, _)| *t == tr), "`Client` implements `{tr}`: add it to CLIENT_TRAITS");
        }
    }

    /// The names a macro body declares: `struct X`, `enum X`, `trait X`, and generic parameters
    /// `<X: …>`.
    fn declared(tokens: TokenStream, out: &mut Vec<String>) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, token) in tokens.iter().enumerate() {
            match (token, tokens.get(i + 1), tokens.get(i + 2)) {
                (TokenTree::Group(group), _, _) => declared(group.stream(), out),
                (TokenTree::Ident(keyword), Some(TokenTree::Ident(name)), _)
                    if ["struct", "enum", "trait", "union"].contains(&keyword.to_string().as_str()) =>
                {
                    out.push(name.to_string());
                }
                (TokenTree::Punct(open), Some(TokenTree::Ident(name)), Some(TokenTree::Punct(colon)))
                    if open.as_char() == '<'
                        && colon.as_char() == ':'
                        && colon.spacing() == proc_macro2::Spacing::Alone =>
                {
                    out.push(name.to_string());
                }
                _ => {}
            }
        }
    }

    #[test]
    fn every_name_a_runtime_macro_declares_is_reserved() {
        let mut names = Vec::new();
        for item in runtime_items() {
            if let syn::Item::Macro(m) = item {
                declared(m.mac.tokens, &mut names);
            }
        }
        assert!(names.iter().any(|n| n == "Visitor"), "{names:?}");
        for name in names {
            assert!(MACRO_NAMES.contains(&name.as_str()), "a runtime macro declares `{name}`: add it to MACRO_NAMES");
        }
    }

    #[test]
    fn clashes_say_what_they_clash_with() {
        assert!(type_clash("Client").unwrap().contains("client.rs"));
        assert!(type_clash("Uuid").unwrap().contains("uuid::Uuid"));
        assert!(type_clash("Option").unwrap().contains("prelude"));
        assert!(type_clash("Visitor").unwrap().contains("macros"));
        assert_eq!(type_clash("Customer"), None);
        assert!(method_clash("base_url").unwrap().contains("own methods"));
        assert!(method_clash("clone").unwrap().contains("`Clone`"));
        assert_eq!(method_clash("list_customers"), None);
        assert!(module_clash("main").unwrap().contains("binary"));
        assert!(module_clash("client").unwrap().contains("client.rs"));
        assert!(module_clash("uuid").unwrap().contains("re-exports"));
        assert_eq!(module_clash("build"), None);
        for module in reserved_modules() {
            assert!(module_clash(module).is_some(), "{module}");
        }
    }
}
