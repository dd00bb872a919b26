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
use syn::parse::ParseStream;
use syn::{Ident, ImplItem, Item, Token, Type, Visibility};

#[test]
fn the_report_and_the_plane_crate_agree_on_every_name() {
    assert_agree(&root().join("spec"));
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

/// Generates the crate for `spec` in memory and compares the two sets of names.
fn assert_agree(spec: &Path) {
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
        for item in parse(files, &format!("src/{}.rs", module.ident)).items {
            item_names(&item, &mut names);
        }
    }
    names
}

fn parse(files: &BTreeMap<String, String>, path: &str) -> syn::File {
    let text = files.get(path).unwrap_or_else(|| panic!("the crate has no {path}"));
    syn::parse_file(text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The names one item of a module declares.
fn item_names(item: &Item, names: &mut BTreeSet<String>) {
    match item {
        // The operations: methods of `impl crate::Client`.
        Item::Impl(block) if block.trait_.is_none() && is_client(&block.self_ty) => {
            for item in &block.items {
                if let ImplItem::Fn(method) = item {
                    names.insert(format!("Client::{}", method.sig.ident));
                }
            }
        }
        Item::Enum(declared) => {
            names.insert(declared.ident.to_string());
            names.extend(declared.variants.iter().map(|v| format!("{}::{}", declared.ident, v.ident)));
        }
        // Types, request bodies and query types: declared by the runtime's struct macros.
        Item::Macro(call) if ["object", "body", "query"].iter().any(|m| ends_in(&call.mac.path, m)) => {
            let (name, fields) = call.mac.parse_body_with(struct_fields).unwrap();
            for field in fields {
                names.insert(format!("{name}.{}", field.name.unraw()));
                // `openapi.json` cannot tell a nullable field of any JSON value from one that is
                // not (any value includes `null`), so the report cannot know its `clear_…` setter.
                let clear = field.clear.filter(|_| !is_any_json(&field.ty));
                names.extend(clear.map(|clear| format!("{name}::{clear}")));
            }
            names.insert(name.to_string());
        }
        _ => {}
    }
}

fn is_client(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if ends_in(&path.path, "Client"))
}

fn is_any_json(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if ends_in(&path.path, "Value"))
}

/// A field declared in a struct macro.
struct Field {
    name: Ident,
    ty: Type,
    /// Its `clear_…` setter, if it has one.
    clear: Option<Ident>,
}

/// Reads a struct macro's body: the struct's name and its fields, from
/// `Name { /// docs  field [as "key"]: presence Type [=> clear_field], … }`.
fn struct_fields(input: ParseStream) -> syn::Result<(Ident, Vec<Field>)> {
    input.call(syn::Attribute::parse_outer)?;
    let name: Ident = input.parse()?;
    let body;
    syn::braced!(body in input);
    let mut fields = Vec::new();
    while !body.is_empty() {
        body.call(syn::Attribute::parse_outer)?;
        let name: Ident = body.parse()?;
        if body.parse::<Option<Token![as]>>()?.is_some() {
            body.parse::<syn::LitStr>()?;
        }
        body.parse::<Token![:]>()?;
        body.parse::<Ident>()?;
        let ty: Type = body.parse()?;
        let clear = match body.parse::<Option<Token![=>]>>()? {
            Some(_) => Some(body.parse()?),
            None => None,
        };
        body.parse::<Option<Token![,]>>()?;
        fields.push(Field { name, ty, clear });
    }
    Ok((name, fields))
}

/// Whether `path` ends in `name`: `crate::structs::body` ends in `body`.
fn ends_in(path: &syn::Path, name: &str) -> bool {
    path.segments.last().is_some_and(|segment| segment.ident == name)
}
