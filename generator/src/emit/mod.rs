//! Emission: the model as formatted Rust files. Every item is built with `quote`, parsed with
//! `syn` (item by item: small token streams parse much faster than one big one, see
//! shared/notes/codegen-speed.md) and printed by `prettyplease`, with a blank line after each;
//! a file is its marker and its items, nothing else is done to the text.

mod crate_root;
mod docs;
mod enums;
pub mod examples;
mod features;
mod ids;
mod keys;
pub mod manifest;
mod openapi;
mod operations;
mod rust_type;
mod structs;
mod transfers;
mod twins;
mod webhooks;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;

use crate::model::{Api, Endpoint, EnumDef, KeyDef, Module, TypeDef, UnionDef, Webhooks};

/// A file to write, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// E.g. `src/lib.rs`, with `/` separators.
    pub path: String,
    /// The full contents, marker included.
    pub contents: String,
    /// The crate's `Cargo.toml`: written whole only if missing; otherwise only its features
    /// are kept current (see [`manifest`]).
    pub manifest: bool,
}

/// Where rendering spent its time, summed over the threads that rendered files in parallel.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Building token streams with `quote`, and the structs' text.
    pub tokens: Duration,
    /// Parsing them into `syn` trees.
    pub parse: Duration,
    /// Printing the trees with `prettyplease`.
    pub print: Duration,
}

impl Timings {
    fn add(&mut self, other: Timings) {
        self.tokens += other.tokens;
        self.parse += other.parse;
        self.print += other.print;
    }
}

/// Renders every generated file of the crate. An error here is a bug in the generator (it made
/// tokens that do not parse), reported instead of panicking.
pub fn render(api: &Api) -> Result<Vec<OutputFile>, String> {
    render_timed(api).map(|(files, _)| files)
}

/// One file to render: its path and its pieces, in order.
struct Plan<'a> {
    path: String,
    pieces: Vec<Piece<'a>>,
}

/// A part of a file that is parsed and printed on its own, so that one large file is spread over
/// all cores as well as many small ones. A piece is whole items, each printed by itself, so the
/// file is the same however it is cut into pieces.
enum Piece<'a> {
    /// The crate root's docs and items.
    CrateRoot,
    /// `spec.rs`, whole.
    SpecConstants,
    /// `ids.rs`, whole: its types are one line each.
    Ids,
    /// A module's documentation (inner attributes).
    ModuleDoc(&'a Module),
    /// Some of a module's types.
    Objects(&'a [&'a TypeDef]),
    /// Some of a module's unions and enums.
    Enums(&'a [&'a UnionDef], &'a [&'a EnumDef]),
    /// Some of a module's key types.
    Keys(&'a [&'a KeyDef]),
    /// The body and query types of some operations.
    RequestTypes(&'a [&'a Endpoint]),
    /// Some operations' methods, each operation in an `impl Client` block of its own.
    Methods(&'a [&'a Endpoint]),
    /// The enum of webhook events, in the module that declares the webhooks.
    Webhooks(&'a Webhooks),
}

/// How many items of one kind make a piece: enough that the bookkeeping is noise, few enough
/// that a file of a thousand operations makes dozens of pieces.
const PIECE_SIZE: usize = 16;

/// The types, unions, enums, keys and endpoints of one module.
#[derive(Default)]
struct Group<'a> {
    types: Vec<&'a TypeDef>,
    enums: Vec<&'a EnumDef>,
    unions: Vec<&'a UnionDef>,
    keys: Vec<&'a KeyDef>,
    endpoints: Vec<&'a Endpoint>,
}

/// Like [`render`], also saying where the time went. Pieces of files are rendered on all cores:
/// they are independent, and parsing and printing dominate the cost.
pub fn render_timed(api: &Api) -> Result<(Vec<OutputFile>, Timings), String> {
    render_in_pieces(api, PIECE_SIZE)
}

/// Renders with pieces of at most `piece_size` items of a kind.
fn render_in_pieces(api: &Api, piece_size: usize) -> Result<(Vec<OutputFile>, Timings), String> {
    let mut groups: HashMap<&str, Group<'_>> = HashMap::new();
    api.types.iter().for_each(|t| groups.entry(t.module.as_str()).or_default().types.push(t));
    api.enums.iter().for_each(|e| groups.entry(e.module.as_str()).or_default().enums.push(e));
    api.unions.iter().for_each(|u| groups.entry(u.module.as_str()).or_default().unions.push(u));
    api.keys.iter().for_each(|k| groups.entry(k.module.as_str()).or_default().keys.push(k));
    api.endpoints.iter().for_each(|e| groups.entry(e.module.as_str()).or_default().endpoints.push(e));
    let groups: Vec<(&Module, Group<'_>)> =
        api.modules.iter().map(|m| (m, groups.remove(m.ident.as_str()).unwrap_or_default())).collect();
    let mut plans = vec![
        Plan { path: "src/lib.rs".into(), pieces: vec![Piece::CrateRoot] },
        Plan { path: "src/spec.rs".into(), pieces: vec![Piece::SpecConstants] },
    ];
    if !api.ids.is_empty() {
        plans.push(Plan { path: format!("src/{}.rs", crate::names::IDS_MODULE), pieces: vec![Piece::Ids] });
    }
    plans.extend(groups.iter().map(|(module, group)| module_plan(api, module, group, piece_size)));

    // Every piece of every file in one list, so the cores share the work whatever the layout.
    let pieces: Vec<(&str, &Piece<'_>)> =
        plans.iter().flat_map(|plan| plan.pieces.iter().map(|piece| (plan.path.as_str(), piece))).collect();
    let mut printed = crate::parallel::map(&pieces, |(path, piece)| render_piece(api, path, piece)).into_iter();
    let runtime = crate::runtime::modules(api.webhooks.is_some());
    let mut files = Vec::with_capacity(plans.len() + crate::runtime::MODULES.len() + 2);
    let mut timings = Timings::default();
    for plan in &plans {
        let mut parts = Vec::with_capacity(plan.pieces.len());
        for result in printed.by_ref().take(plan.pieces.len()) {
            let (part, spent) = result?;
            timings.add(spent);
            parts.extend((!part.is_empty()).then_some(part));
        }
        // Pieces end with their last item; a blank line separates them as it does items.
        let contents = crate::marker::rust_header() + &parts.join("\n");
        files.push(OutputFile { path: plan.path.clone(), contents, manifest: false });
    }
    files.push(OutputFile { path: "openapi.json".into(), contents: openapi::render(api), manifest: false });
    files.extend(runtime.map(|module| OutputFile {
        path: format!("src/{}.rs", module.name),
        contents: crate::runtime::source(module, &api.crate_name),
        manifest: false,
    }));
    let cargo_toml = manifest::new(&api.crate_name, &api.title, &features::table(api), api.webhooks.is_some());
    files.push(OutputFile { path: "Cargo.toml".into(), contents: cargo_toml, manifest: true });
    Ok((files, timings))
}

/// A module's file: its docs, its types, unions, enums and keys, its request types, its methods,
/// and the webhooks' events if it declares them.
fn module_plan<'a>(api: &'a Api, module: &'a Module, group: &'a Group<'a>, size: usize) -> Plan<'a> {
    let mut pieces = vec![Piece::ModuleDoc(module)];
    pieces.extend(group.types.chunks(size).map(Piece::Objects));
    pieces.extend(group.unions.chunks(size).map(|c| Piece::Enums(c, &[])));
    pieces.extend(group.enums.chunks(size).map(|c| Piece::Enums(&[], c)));
    pieces.extend(group.keys.chunks(size).map(Piece::Keys));
    pieces.extend(group.endpoints.chunks(size).map(Piece::RequestTypes));
    pieces.extend(group.endpoints.chunks(size).map(Piece::Methods));
    pieces.extend(api.webhooks.as_ref().filter(|w| w.module == module.ident).map(Piece::Webhooks));
    Plan { path: format!("src/{}.rs", module.bare_ident()), pieces }
}

/// Builds, parses and prints one piece; returns its text and where the time went.
/// Which editions serve a module's operations: all the same ones, or each method says.
fn module_editions(api: &Api, module: &Module) -> String {
    let mut served = api.endpoints.iter().filter(|e| e.module == module.ident).map(|e| &e.editions);
    let Some(first) = served.next() else { return String::new() };
    if served.all(|editions| editions == first) {
        operations::editions_doc(api, first).replace("Served by", "Its operations are served by")
    } else {
        "Its operations are served by different editions: each method says which.".to_string()
    }
}

fn render_piece(api: &Api, path: &str, piece: &Piece<'_>) -> Result<(String, Timings), String> {
    let started = Instant::now();
    let (attrs, items) = match piece {
        Piece::Objects(types) => (TokenStream::new(), structs::objects(types)),
        Piece::RequestTypes(endpoints) => (TokenStream::new(), structs::request_types(api, endpoints)),
        Piece::CrateRoot => (crate_root::inner_attributes(api), crate_root::items(api)),
        Piece::SpecConstants => {
            (docs::inner("Facts from the spec that the runtime needs."), crate_root::spec_constants(api))
        }
        Piece::ModuleDoc(module) => {
            let feature = crate::names::feature(module.bare_ident());
            let file = format!("Generated from `spec/{}`; compiled with the `{feature}` feature.", module.file);
            let editions = module_editions(api, module);
            (docs::inner(&docs::paragraphs([module.doc.as_str(), editions.as_str(), file.as_str()])), Vec::new())
        }
        Piece::Ids => (ids::module_doc(api), ids::items(&api.ids)),
        Piece::Enums(unions, enums) => (TokenStream::new(), enums::items(unions, enums)),
        Piece::Keys(keys) => (TokenStream::new(), keys::items(api, keys)),
        Piece::Methods(endpoints) => (TokenStream::new(), operations::impls(api, endpoints)),
        Piece::Webhooks(webhooks) => (TokenStream::new(), webhooks::items(api, webhooks)),
    };
    let tokens = started.elapsed();
    let (text, parse, print) = format(path, attrs, items)?;
    Ok((text, Timings { tokens, parse, print }))
}

/// Parses and prints one piece; returns it with the time spent parsing and printing.
fn format(
    path: &str,
    inner_attributes: TokenStream,
    items: Vec<TokenStream>,
) -> Result<(String, Duration, Duration), String> {
    let started = Instant::now();
    let bug = |e: syn::Error| format!("internal error: the generator made invalid Rust for {path}: {e}");
    let head: syn::File = syn::parse2(inner_attributes).map_err(bug)?;
    // Each chunk (an item, or a struct with its impls) is parsed on its own.
    let mut parsed = Vec::with_capacity(items.len());
    for chunk in items {
        let chunk: syn::File = syn::parse2(chunk).map_err(bug)?;
        parsed.extend(chunk.items);
    }
    let parsed_at = Instant::now();
    // Each item printed by itself, and a blank line after it: prettyplease prints a file's items
    // without one.
    let mut printed: Vec<String> = Vec::with_capacity(parsed.len() + 1);
    if !head.attrs.is_empty() {
        printed.push(prettyplease::unparse(&head));
    }
    for item in parsed {
        printed.push(prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items: vec![item] }));
    }
    Ok((printed.join("\n"), parsed_at - started, parsed_at.elapsed()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files printed in pieces are the files printed whole, however they are cut.
    #[test]
    fn pieces_join_into_the_whole_file() {
        let sources = crate::synth::spec_in(40, crate::synth::Layout::OneFile);
        let (files, mut diagnostics) =
            crate::spec::load_sources(sources.into_iter().map(|(name, text)| (format!("spec/{name}"), text)).collect());
        let api = crate::lower::lower(&files, &mut diagnostics).expect("the synthetic spec lowers");
        let whole = render_in_pieces(&api, usize::MAX).unwrap().0;
        for size in [1, 3, PIECE_SIZE] {
            assert!(whole == render_in_pieces(&api, size).unwrap().0, "pieces of {size} print differently");
        }
    }
}
