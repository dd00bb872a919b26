//! Emission: the model as formatted Rust files. Each file is a list of items built with `quote`,
//! parsed item by item with `syn` (small token streams parse much faster than one big one, see
//! shared/notes/codegen-speed.md) and printed by `prettyplease`.

mod constructor;
mod crate_root;
mod docs;
mod examples;
mod openapi;
mod operations;
mod rust_type;
mod types;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;

use crate::model::{Api, Endpoint, EnumDef, Module, TypeDef, UnionDef};

/// A file to write, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// E.g. `src/lib.rs`, with `/` separators.
    pub path: String,
    /// The full contents, marker included.
    pub contents: String,
    /// Written only if the file is missing: the crate's `Cargo.toml`, which is its owner's once
    /// it exists.
    pub once: bool,
}

/// Where rendering spent its time, summed over the threads that rendered files in parallel.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    /// Building token streams with `quote`.
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

/// One file to render.
enum Job<'a> {
    CrateRoot,
    SpecConstants,
    Module(&'a Module, Group<'a>),
}

/// The types, unions, enums and endpoints of one module.
#[derive(Default)]
struct Group<'a> {
    types: Vec<&'a TypeDef>,
    enums: Vec<&'a EnumDef>,
    unions: Vec<&'a UnionDef>,
    endpoints: Vec<&'a Endpoint>,
}

/// Like [`render`], also saying where the time went. Files are rendered on all cores: they are
/// independent, and parsing and printing dominate the cost.
pub fn render_timed(api: &Api) -> Result<(Vec<OutputFile>, Timings), String> {
    let mut groups: HashMap<&str, Group<'_>> = HashMap::new();
    api.types.iter().for_each(|t| groups.entry(t.module.as_str()).or_default().types.push(t));
    api.enums.iter().for_each(|e| groups.entry(e.module.as_str()).or_default().enums.push(e));
    api.unions.iter().for_each(|u| groups.entry(u.module.as_str()).or_default().unions.push(u));
    api.endpoints.iter().for_each(|e| groups.entry(e.module.as_str()).or_default().endpoints.push(e));
    let mut jobs = vec![Job::CrateRoot, Job::SpecConstants];
    jobs.extend(api.modules.iter().map(|m| Job::Module(m, groups.remove(m.ident.as_str()).unwrap_or_default())));

    let results = crate::parallel::map(&jobs, |job| render_job(api, job));
    let mut files = Vec::with_capacity(results.len() + 1);
    let mut timings = Timings::default();
    for result in results {
        let (file, spent) = result?;
        files.push(file);
        timings.add(spent);
    }
    files.push(OutputFile { path: "openapi.json".into(), contents: openapi::render(api), once: false });
    files.extend(crate::runtime::MODULES.iter().map(|module| OutputFile {
        path: format!("src/{}.rs", module.name),
        contents: crate::runtime::source(module, &api.crate_name),
        once: false,
    }));
    let cargo_toml = crate::runtime::cargo_toml(&api.crate_name, &api.title);
    files.push(OutputFile { path: "Cargo.toml".into(), contents: cargo_toml, once: true });
    Ok((files, timings))
}

fn render_job(api: &Api, job: &Job<'_>) -> Result<(OutputFile, Timings), String> {
    let started = Instant::now();
    let (path, attrs, items) = match job {
        Job::CrateRoot => ("src/lib.rs".to_string(), crate_root::inner_attributes(api), crate_root::items(api)),
        Job::SpecConstants => (
            "src/spec.rs".to_string(),
            docs::inner("Facts from the spec that the runtime needs."),
            crate_root::spec_constants(api),
        ),
        Job::Module(module, group) => {
            let name = module.bare_ident();
            let file = format!("Generated from `spec/{}`.", module.file);
            let doc = docs::inner(&docs::paragraphs([module.doc.as_str(), file.as_str()]));
            let mut items = types::items(&group.types, &group.unions, &group.enums);
            items.extend(operations::items(api, &group.endpoints));
            (format!("src/{name}.rs"), doc, items)
        }
    };
    let tokens = started.elapsed();
    let (contents, parse, print) = format(&path, attrs, items)?;
    Ok((OutputFile { path, contents, once: false }, Timings { tokens, parse, print }))
}

/// Parses and prints one file; returns it with the time spent parsing and printing.
fn format(
    path: &str,
    inner_attributes: TokenStream,
    items: Vec<TokenStream>,
) -> Result<(String, Duration, Duration), String> {
    let started = Instant::now();
    let bug = |e: syn::Error| format!("internal error: the generator made invalid Rust for {path}: {e}");
    let mut file: syn::File = syn::parse2(inner_attributes).map_err(bug)?;
    // Each chunk (an item, or a struct with its impl) is parsed on its own.
    for chunk in items {
        let parsed: syn::File = syn::parse2(chunk).map_err(bug)?;
        file.items.extend(parsed.items);
    }
    let parsed = Instant::now();
    let text = crate::marker::rust_header() + &docs::line_comments(&prettyplease::unparse(&file));
    Ok((text, parsed - started, parsed.elapsed()))
}
