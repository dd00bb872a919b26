//! `generator import`: an OpenAPI 3.0 or 3.1 document, or a Swagger 2.0 one, JSON or YAML, as spec
//! files a person can then curate: one for the `api` block, one per tag with its operations and the
//! types they were first to use. What the spec format cannot say is reported, with the JSON
//! pointer and the line and column of the construct, and never silently dropped.
//!
//! Stages, one module each: [`document`] (parse with [`yaml`], versions, Swagger 2.0 rewritten as
//! OpenAPI 3.0 by [`swagger2`], `$ref`s, positions) → [`api`],
//! [`operations`] (endpoints) and [`webhooks`] (the `webhooks:` block), which use [`schema`]
//! (types) → [`infer_ids`] (ids the paths make certain) → [`draft`] (the spec as decided) →
//! [`render`] (YAML text).
//!
//! Why walk `serde_json::Value` rather than use an OpenAPI crate: `openapiv3` reads only 3.0 and
//! `oas3` only 3.1, and we read both; both crates refuse a whole document over one malformed
//! node (Plane's own schema has an invalid request body), where an importer should report the
//! node and go on; and neither keeps positions, which we need for diagnostics. The subset of
//! OpenAPI an importer reads is small, and the tree is read the same way whatever the version:
//! 3.0's `nullable` and 3.1's `type: [T, "null"]` are two spellings looked for side by side. Swagger
//! 2.0 differs in shape (bodies as parameters, `definitions`, `host`), so it is converted to 3.0
//! first, keeping where each converted node was for the diagnostics.

pub mod api;
pub mod document;
pub mod draft;
pub mod infer_ids;
pub mod operations;
pub mod render;
pub mod schema;
pub mod swagger2;
pub mod unique;
pub mod webhooks;
pub mod yaml;

use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity};
use document::{Document, Pointer};
use draft::{Draft, FileDraft};
use schema::{Ctx, Def, Dir, Schemas};

/// The file holding the `api` block.
pub const API_FILE: &str = "api.yaml";

/// The file for component schemas that no operation uses.
pub const UNUSED_TYPES: &str = "types";

/// What an import produced.
#[derive(Debug, Default)]
pub struct Imported {
    /// The spec files, as (file name, text), the `api` block's first.
    pub files: Vec<(String, String)>,
    /// Errors and warnings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// Operations imported.
    pub operations: usize,
    /// Operations the format cannot express, skipped with a warning.
    pub skipped: usize,
    /// Named types and enums written.
    pub types: usize,
}

/// Something found while importing, at a place in the document.
#[derive(Debug)]
pub struct Finding {
    severity: Severity,
    message: String,
    at: Pointer,
    help: Option<String>,
}

/// What the importer found, in the order found.
#[derive(Debug, Default)]
pub struct Findings(Vec<Finding>);

impl Findings {
    /// A construct the spec cannot express as written.
    pub fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        self.0.push(Finding { severity: Severity::Warning, message: message.into(), at: at.clone(), help: None });
    }

    /// A warning with a likely fix.
    pub fn warn_help(&mut self, at: &Pointer, message: impl Into<String>, help: impl Into<String>) {
        let help = Some(help.into());
        self.0.push(Finding { severity: Severity::Warning, message: message.into(), at: at.clone(), help });
    }

    fn diagnostics(self, doc: &Document) -> impl Iterator<Item = Diagnostic> + '_ {
        self.0.into_iter().map(|finding| {
            let diagnostic = match finding.severity {
                Severity::Warning => Diagnostic::warning(finding.message),
                Severity::Error => Diagnostic::error(finding.message),
            };
            let diagnostic = doc.place(diagnostic, &doc.original(&finding.at));
            match finding.help {
                Some(help) => diagnostic.help(help),
                None => diagnostic,
            }
        })
    }
}

/// Imports the document at `path`.
pub fn import_file(path: &Path) -> Imported {
    match Document::read(path) {
        Ok(doc) => import(&doc),
        Err(d) => Imported { diagnostics: vec![*d], ..Imported::default() },
    }
}

/// Imports a document given as text, shown to the user as `shown`.
pub fn import_text(shown: &str, text: String) -> Imported {
    match Document::parse(shown, text) {
        Ok(doc) => import(&doc),
        Err(d) => Imported { diagnostics: vec![*d], ..Imported::default() },
    }
}

/// Imports a parsed document.
pub fn import(doc: &Document) -> Imported {
    let mut schemas = Schemas::new(doc, operations::usage(doc));
    let mut draft = Draft { api: api::api(doc, &mut schemas.findings), ..Draft::default() };
    let block = webhooks::scheme(doc, &mut schemas);
    if block.is_some() {
        // The enum of the events takes the name from any type of the document.
        schemas.reserve(crate::names::WEBHOOK_EVENT);
    }
    let mut ops = operations::Operations::new(doc, &mut schemas, draft.api.api_key.clone());
    let endpoints = ops.all();
    let (skipped, consumed, mut tags) = (ops.skipped, ops.consumed, ops.files);
    for endpoint in endpoints {
        draft.files.entry(endpoint.file).or_default().endpoints.push((endpoint.name, endpoint.endpoint));
    }
    // After the operations, so that a type they share with an event stays beside them.
    let hooks = webhooks::import(doc, &mut schemas, &mut tags, block);
    if let Some((file, block)) = hooks.block {
        draft.files.entry(file).or_default().webhooks = Some(block);
    }
    unused_components(doc, &mut schemas, &consumed);
    schemas.break_cycles();
    infer_ids::infer(doc).apply(&mut schemas, &mut draft.files);
    let operations = draft.files.values().map(|f| f.endpoints.len()).sum();
    let types = schemas.defs.len();
    let objects: std::collections::HashSet<&str> = schemas
        .defs
        .iter()
        .filter(|(_, _, def)| matches!(def, Def::Type(_)))
        .map(|(_, name, _)| name.as_str())
        .collect();
    // An id whose resource has no type of its own is declared, with what it is.
    draft.api.ids = (schemas.ids.iter().filter(|(resource, _)| !objects.contains(resource.as_str())))
        .map(|(resource, doc)| (resource.clone(), doc.clone().unwrap_or_else(|| format!("The id of a {resource}."))))
        .collect();
    for (home, name, def) in std::mem::take(&mut schemas.defs) {
        let file = draft.files.entry(home).or_default();
        match def {
            Def::Type(ty) => file.types.push((name, ty)),
            Def::Enum(def) => file.enums.push((name, def)),
            Def::Key(def) => file.keys.push((name, def)),
        }
    }
    let source = Path::new(&doc.shown).file_name().map_or(doc.shown.clone(), |n| n.to_string_lossy().into_owned());
    describe_files(&mut draft, &tags, &source, &hooks.files);
    let mut diagnostics = doc.duplicate_keys();
    diagnostics.extend(doc.conversion.iter().map(|(at, message)| doc.place(Diagnostic::warning(message), at)));
    diagnostics.extend(schemas.findings.diagnostics(doc));
    if operations == 0 && types == 0 {
        diagnostics.push(
            Diagnostic::error(
                "the document has no operation or schema the spec format can express; nothing was written",
            )
            .at(doc.locate(&Pointer::default().join("paths"))),
        );
        return Imported { diagnostics, skipped, ..Imported::default() };
    }
    let header = vec![
        format!("Imported from `{source}` ({}) by `generator import`; edit freely.", doc.version),
        "Comments mark the importer's choices; `cargo run -p generator -- --spec DIR` checks the result.".to_string(),
    ];
    let mut files = vec![(API_FILE.to_string(), render::api_file(&draft.api, &header))];
    files.extend(draft.files.iter().map(|(stem, file)| (format!("{stem}.yaml"), render::file(file))));
    Imported { files, diagnostics, operations, skipped, types }
}

/// Component schemas that no operation reaches (and that are not bodies or page envelopes,
/// which became fields and `paginated: true`) still describe the API: they go in their own file.
fn unused_components(doc: &Document, schemas: &mut Schemas<'_>, consumed: &std::collections::HashSet<String>) {
    let components = doc.root.pointer("/components/schemas").and_then(serde_json::Value::as_object);
    let names: Vec<String> = components.into_iter().flat_map(|c| c.keys().cloned()).collect();
    let base = Pointer::default().join("components").join("schemas");
    for name in names {
        if consumed.contains(&name) || schemas.is_named(&name) {
            continue;
        }
        let ctx = Ctx { hint: String::new(), home: UNUSED_TYPES.to_string(), dir: Dir::Response, depth: 1 };
        let reference = serde_json::json!({ "$ref": format!("#/components/schemas/{}", name.replace('~', "~0").replace('/', "~1")) });
        schemas.expr(&reference, &base.join(name), &ctx);
        schemas.drain();
    }
}

/// Each file's top comment (what it holds: operations, webhooks, or both; `webhook_files` are
/// the files of the webhooks' tags) and its tag's description.
fn describe_files(
    draft: &mut Draft,
    tags: &std::collections::HashMap<String, (String, Option<String>)>,
    source: &str,
    webhook_files: &std::collections::BTreeSet<String>,
) {
    for (stem, file) in &mut draft.files {
        let FileDraft { comments, description, endpoints, .. } = file;
        let mut names: Vec<&str> = tags.iter().filter(|(_, (s, _))| s == stem).map(|(tag, _)| tag.as_str()).collect();
        names.sort_unstable();
        let held = match (webhook_files.contains(stem), endpoints.is_empty()) {
            (true, true) => "webhooks",
            (true, false) => "operations and webhooks",
            (false, _) => "operations",
        };
        let what = match (stem.as_str(), names.as_slice()) {
            (operations::UNTAGGED, []) => format!("The {held} without a tag"),
            (UNUSED_TYPES, []) => "The schemas no operation uses".to_string(),
            (_, []) => format!("`{stem}`"),
            (_, tags) => {
                format!("The {held} tagged {}", tags.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", "))
            }
        };
        comments.push(format!("{what} in `{source}`, and the types they were the first to use."));
        *description = names.iter().find_map(|tag| tags.get(*tag).and_then(|(_, d)| d.clone()));
    }
}
