//! The change report and the crate agree on every Rust name made from a spec name. The report
//! reads `openapi.json` back and names items by the rules of `generator/src/names.rs`; the crate's
//! items are named by `lower` with the same rules. Here the names the report can mention are
//! compared with the items the generated code declares, parsed with `syn`: for the Plane spec
//! (whose crate is the committed `generated/`, as `tests/fresh.rs` checks), for it with
//! `tests/specs/hostile.yaml` (keywords, raw identifiers) and for `tests/specs/other_api`
//! (unions). A rule applied differently on one side fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use plane_tests::{copy_dir, root};
use syn::ext::IdentExt;
use syn::{ImplItem, Item, Type, Visibility};

#[test]
fn the_report_and_the_plane_crate_agree_on_every_name() {
    let declared = assert_agree(&root().join("spec"));
    // Each kind of name is found in the crate at all, so that agreeing is not agreeing on nothing.
    for name in ["mod labels", "Client::list_labels_stream", "UpdateLabelBody::clear_parent", "Label.parent"] {
        assert!(declared.contains(name), "`{name}` not found in the crate");
    }
}

#[test]
fn they_agree_on_keywords_and_raw_identifiers() {
    let temp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("spec"), temp.path());
    std::fs::copy(root().join("tests/specs/hostile.yaml"), temp.path().join("hostile.yaml")).unwrap();
    assert_agree(temp.path());
}

#[test]
fn they_agree_on_unions_and_header_parameters() {
    assert_agree(&root().join("tests/specs/other_api"));
}

/// Generates the crate for `spec` in memory and compares the two sets of names; returns the
/// crate's.
fn assert_agree(spec: &Path) -> BTreeSet<String> {
    let generated = generator::generate(spec);
    let output = generated.output.unwrap_or_else(|| panic!("{}: {:#?}", spec.display(), generated.diagnostics));
    let files: BTreeMap<String, String> = output.files.into_iter().map(|f| (f.path, f.contents)).collect();
    let report = generator::changes::rust_names(&files["openapi.json"]).expect("the generator's own openapi.json");
    let declared = crate_names(&files);
    assert!(declared.len() > 20, "{}: too few items found; has the generated code's shape changed?", spec.display());
    let only_report: Vec<&String> = report.difference(&declared).collect();
    let only_crate: Vec<&String> = declared.difference(&report).collect();
    assert!(
        only_report.is_empty() && only_crate.is_empty(),
        "{}: named by the report but not in the crate: {only_report:#?}\nin the crate but unknown to the report: \
         {only_crate:#?}",
        spec.display()
    );
    declared
}

/// The items of the spec's modules (those `lib.rs` declares `pub`), in the forms of
/// `generator::changes::rust_names`.
fn crate_names(files: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for item in parse(files, "src/lib.rs").items {
        let Item::Mod(module) = item else { continue };
        if !matches!(module.vis, Visibility::Public(_)) {
            continue;
        }
        names.insert(format!("mod {}", module.ident));
        let items = flattened(parse(files, &format!("src/{}.rs", module.ident)).items);
        let fields = field_types(&items);
        for item in &items {
            item_names(item, &fields, &mut names);
        }
    }
    names
}

/// A module's items, with those of the modules declared inline in it (where a twin whose
/// features are gated lives, re-exported) in place of those modules.
fn flattened(items: Vec<Item>) -> Vec<Item> {
    items
        .into_iter()
        .flat_map(|item| match item {
            Item::Mod(inner) if inner.content.is_some() => {
                flattened(inner.content.map(|(_, items)| items).unwrap_or_default())
            }
            other => vec![other],
        })
        .collect()
}

fn parse(files: &BTreeMap<String, String>, path: &str) -> syn::File {
    let text = files.get(path).unwrap_or_else(|| panic!("the crate has no {path}"));
    syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Whether each field of the module's structs holds any JSON value, by `Struct.field`.
fn field_types(items: &[Item]) -> BTreeMap<String, bool> {
    let mut types = BTreeMap::new();
    for item in items {
        let Item::Struct(declared) = item else { continue };
        for field in &declared.fields {
            let Some(name) = &field.ident else { continue };
            types.insert(format!("{}.{}", declared.ident, name.unraw()), is_any_json(&field.ty));
        }
    }
    types
}

/// The names one item of a module declares.
fn item_names(item: &Item, fields: &BTreeMap<String, bool>, names: &mut BTreeSet<String>) {
    match item {
        // The operations: methods of `impl crate::Client`.
        Item::Impl(block) if block.trait_.is_none() && is_client(&block.self_ty) => {
            for item in &block.items {
                if let ImplItem::Fn(method) = item {
                    names.insert(format!("Client::{}", method.sig.ident));
                }
            }
        }
        // A struct's `clear_…` setters: the methods that take nothing but `self` and set a field.
        Item::Impl(block) if block.trait_.is_none() => {
            let Type::Path(owner) = &*block.self_ty else { return };
            let Some(owner) = owner.path.segments.last().map(|s| s.ident.to_string()) else { return };
            for item in &block.items {
                let ImplItem::Fn(method) = item else { continue };
                if method.sig.inputs.len() != 1 || method.sig.receiver().is_none() {
                    continue;
                }
                // `openapi.json` cannot tell a nullable field of any JSON value from one that is
                // not (any value includes `null`), so the report cannot know its `clear_…` setter.
                let Some(field) = cleared_field(method).and_then(|field| fields.get(&format!("{owner}.{field}")))
                else {
                    continue;
                };
                if !field {
                    names.insert(format!("{owner}::{}", method.sig.ident));
                }
            }
        }
        Item::Enum(declared) => {
            names.insert(declared.ident.to_string());
            names.extend(declared.variants.iter().map(|v| format!("{}::{}", declared.ident, v.ident)));
        }
        // Types, request bodies and query types.
        Item::Struct(declared) => {
            names.insert(declared.ident.to_string());
            for field in declared.fields.iter().filter_map(|f| f.ident.as_ref()) {
                names.insert(format!("{}.{}", declared.ident, field.unraw()));
            }
        }
        _ => {}
    }
}

/// The field a `clear_…` setter assigns: `self.field = crate::Patch::Clear;`.
fn cleared_field(method: &syn::ImplItemFn) -> Option<String> {
    method.block.stmts.iter().find_map(|stmt| {
        let syn::Stmt::Expr(syn::Expr::Assign(assign), _) = stmt else { return None };
        let syn::Expr::Field(field) = &*assign.left else { return None };
        let syn::Member::Named(name) = &field.member else { return None };
        Some(name.unraw().to_string())
    })
}

fn is_client(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if ends_in(&path.path, "Client"))
}

/// `serde_json::Value`, bare or in a `Patch` or an `Option`.
fn is_any_json(ty: &Type) -> bool {
    let Type::Path(path) = ty else { return false };
    path.path.segments.iter().any(|segment| {
        let syn::PathArguments::AngleBracketed(args) = &segment.arguments else { return segment.ident == "Value" };
        args.args.iter().any(|arg| matches!(arg, syn::GenericArgument::Type(inner) if is_any_json(inner)))
    })
}

/// Whether `path` ends in `name`: `crate::structs::body` ends in `body`.
fn ends_in(path: &syn::Path, name: &str) -> bool {
    path.segments.last().is_some_and(|segment| segment.ident == name)
}
