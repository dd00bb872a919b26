//! `generator import`: an OpenAPI 3.0 or 3.1 document, or a Swagger 2.0 one, JSON or YAML, as spec
//! files a person can then curate: one for the `api` block, one per tag with its operations and the
//! types they were first to use. What the spec format cannot say is reported, with the JSON
//! pointer and the line and column of the construct, and never silently dropped.
//!
//! Stages, one module each: [`document`] (parse with [`yaml`], versions, Swagger 2.0 rewritten as
//! OpenAPI 3.0 by [`swagger2`], `$ref`s, positions) → [`api`],
//! [`operations`] (endpoints) and [`webhooks`] (the `webhooks:` block), which use [`schema`]
//! (types) → [`infer_ids`] (ids the paths make certain) → [`draft`] (the spec as decided) →
//! [`render`] (YAML text). [`keywords`] is the allow-list of every key each kind of object may
//! have, which [`Findings::keys`] checks wherever an object is read: a key not kept is a warning at
//! its pointer; the warnings are counted by kind, and unknown `x-` extensions only counted.
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
pub mod keywords;
pub mod operations;
pub mod render;
pub mod schema;
pub mod swagger2;
pub mod unique;
pub mod webhooks;
pub mod yaml;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, Diagnostics, Location, Severity};
use document::{Document, Pointer};
use draft::{Draft, FileDraft};
use keywords::{Fate, Object};
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
    /// Errors and warnings: what the spec cannot express first, then the keys not kept, each
    /// in the order found (the first thousand of each severity kept whole, the rest only
    /// counted; [`Imported::kinds`] counts every one).
    pub diagnostics: Diagnostics,
    /// Each kind of warning, with how many there are: the most frequent first.
    pub kinds: Vec<(String, usize)>,
    /// The `x-` extensions the importer does not read, by name: counted, not warned about.
    pub extensions: Vec<Extension>,
    /// Operations imported.
    pub operations: usize,
    /// Operations the format cannot express, skipped with a warning.
    pub skipped: usize,
    /// Named types and enums written.
    pub types: usize,
}

/// An `x-` extension the importer does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    /// Its key, `x-…`.
    pub name: String,
    /// How many times the document has it.
    pub count: usize,
    /// Where it is first.
    pub first: Location,
}

/// Something found while importing, at a place in the document.
#[derive(Debug)]
pub struct Finding {
    severity: Severity,
    message: String,
    at: Pointer,
    help: Option<String>,
    /// What kind of finding it is, for the count by kind: "`pattern` not kept", or the message
    /// with its quoted names left out.
    kind: String,
}

/// What the importer found: what the spec cannot express, in the order found, and the keys of
/// the document's objects that it does not keep (see [`keywords`]).
#[derive(Debug, Default)]
pub struct Findings {
    found: Vec<Finding>,
    /// Keys dropped or unknown, in the order found.
    keys: Vec<Finding>,
    /// Keys kept only where the spec can say them, not claimed yet, by the key's pointer.
    unclaimed: BTreeMap<Pointer, Finding>,
    /// Keys claimed: kept somewhere.
    claimed: HashSet<Pointer>,
    /// Objects whose keys were checked (an object read twice is reported once).
    checked: HashSet<(Object, Pointer)>,
    /// Parts reported by [`Findings::dropped`].
    dropped: HashSet<Pointer>,
    /// Extensions not read: name → (count, first place).
    extensions: BTreeMap<String, (usize, Pointer)>,
}

impl Findings {
    /// A construct the spec cannot express as written.
    pub fn warn(&mut self, at: &Pointer, message: impl Into<String>) {
        let message = message.into();
        let kind = kind_of(&message);
        self.found.push(Finding { severity: Severity::Warning, message, at: at.clone(), help: None, kind });
    }

    /// A warning with a likely fix.
    pub fn warn_help(&mut self, at: &Pointer, message: impl Into<String>, help: impl Into<String>) {
        let (message, help) = (message.into(), Some(help.into()));
        let kind = kind_of(&message);
        self.found.push(Finding { severity: Severity::Warning, message, at: at.clone(), help, kind });
    }

    /// Checks the keys of `object`, a `what` at `at`, against the allow-list: a key dropped or
    /// unknown is a warning at its pointer, one kept only in places is held until [claimed]
    /// (Findings::claim), an unknown `x-` extension is counted. Each object is checked once.
    pub fn keys(&mut self, what: Object, object: &Map<String, Value>, at: &Pointer) {
        if !self.checked.insert((what, at.clone())) {
            return;
        }
        for key in object.keys() {
            let fate = what.fate(key);
            // Most keys are kept: nothing is made for them (a document may have millions).
            if matches!(fate, Some(Fate::Kept)) {
                continue;
            }
            let key_at = at.join(key.clone());
            let finding = |message: String, help: Option<String>, at: Pointer| Finding {
                severity: Severity::Warning,
                message,
                at,
                help,
                kind: format!("`{key}` not kept"),
            };
            match fate {
                Some(Fate::Kept) => {}
                Some(Fate::Dropped(why)) => {
                    self.keys.push(finding(format!("`{key}` is not kept: {why}"), None, key_at));
                }
                Some(Fate::Claimed(why)) if !self.claimed.contains(&key_at) => {
                    let message = format!("`{key}` is not kept here: {why}");
                    self.unclaimed.insert(key_at.clone(), finding(message, None, key_at));
                }
                Some(Fate::Claimed(_)) => {}
                None if key.starts_with("x-") => self.extension(key, &key_at),
                None => {
                    let help = crate::lower::closest(key, what.known()).map(|k| format!("did you mean `{k}`?"));
                    let message = format!("`{key}` is not a key of {} that the importer knows; left out", what.noun());
                    self.keys.push(finding(message, help, key_at));
                }
            }
        }
    }

    /// A part of the document that is not kept, reported with the keys not kept (after what
    /// the spec cannot express): `kind` counts it.
    ///
    /// A part read twice (a path item's parameter, for each of its operations) is reported once.
    pub fn dropped(&mut self, at: &Pointer, kind: impl Into<String>, message: impl Into<String>) {
        if !self.dropped.insert(at.clone()) {
            return;
        }
        let (kind, message) = (kind.into(), message.into());
        self.keys.push(Finding { severity: Severity::Warning, message, at: at.clone(), help: None, kind });
    }

    /// Counts an `x-` extension the importer does not read, found at `at`.
    pub fn extension(&mut self, name: &str, at: &Pointer) {
        match self.extensions.get_mut(name) {
            Some((count, _)) => *count += 1,
            None => drop(self.extensions.insert(name.to_string(), (1, at.clone()))),
        }
    }

    /// Marks the keys `keys` of the object at `at` as kept (see [`Fate::Claimed`]).
    pub fn claim(&mut self, at: &Pointer, keys: &[&str]) {
        for key in keys {
            let key_at = at.join(*key);
            self.unclaimed.remove(&key_at);
            self.claimed.insert(key_at);
        }
    }

    /// The findings as diagnostics (what the spec cannot express first, then the keys not
    /// kept), each counted in `kinds` by its kind, and the extensions not read.
    fn finish(
        self,
        doc: &Document,
        kinds: &mut BTreeMap<String, usize>,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Extension> {
        let findings = self.found.into_iter().chain(self.keys).chain(self.unclaimed.into_values());
        for finding in findings {
            *kinds.entry(finding.kind).or_default() += 1;
            // One only counted is not placed (placing reads the text).
            if !diagnostics.counts(finding.severity) {
                continue;
            }
            let diagnostic = match finding.severity {
                Severity::Warning => Diagnostic::warning(finding.message),
                Severity::Error => Diagnostic::error(finding.message),
            };
            let diagnostic = doc.place(diagnostic, &doc.original(&finding.at));
            diagnostics.keep(match finding.help {
                Some(help) => diagnostic.help(help),
                None => diagnostic,
            });
        }
        (self.extensions.into_iter())
            .map(|(name, (count, at))| Extension { name, count, first: doc.locate(&at) })
            .collect()
    }
}

/// The kind of a warning: its message with the names it quotes left out, so that "field `a` is
/// left out" and "field `b` is left out" count as one kind.
fn kind_of(message: &str) -> String {
    let mut kind = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        match (c, quoted) {
            ('`', false) => {
                quoted = true;
                kind.push_str("`…`");
            }
            ('`', true) => quoted = false,
            (c, false) => kind.push(c),
            (_, true) => {}
        }
    }
    // A list of names is one name: "`…`, `…`" → "`…`".
    while kind.contains("`…`, `…`") {
        kind = kind.replace("`…`, `…`", "`…`");
    }
    kind
}

/// The kinds of warning counted, the most frequent first, then by name.
fn by_count(kinds: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut kinds: Vec<(String, usize)> = kinds.into_iter().collect();
    kinds.sort_by(|(a, m), (b, n)| n.cmp(m).then_with(|| a.cmp(b)));
    kinds
}

/// Imports the document at `path`.
pub fn import_file(path: &Path) -> Imported {
    match Document::read(path) {
        Ok(doc) => import(&doc),
        Err(d) => Imported { diagnostics: Diagnostics::from(vec![*d]), ..Imported::default() },
    }
}

/// Imports a document given as text, shown to the user as `shown`.
pub fn import_text(shown: &str, text: String) -> Imported {
    match Document::parse(shown, text) {
        Ok(doc) => import(&doc),
        Err(d) => Imported { diagnostics: Diagnostics::from(vec![*d]), ..Imported::default() },
    }
}

/// Imports a parsed document.
pub fn import(doc: &Document) -> Imported {
    let mut schemas = Schemas::new(doc, operations::usage(doc));
    keywords::document(doc, &mut schemas.findings);
    let mut draft = Draft { api: api::api(doc, &mut schemas.findings), ..Draft::default() };
    let block = webhooks::scheme(doc, &mut schemas);
    if block.is_some() {
        // The enum of the events takes the name from any type of the document.
        schemas.reserve(crate::names::WEBHOOK_EVENT);
    }
    let mut ops = operations::Operations::new(doc, &mut schemas, &draft.api);
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
    let mut early = doc.duplicate_keys();
    early.extend(doc.conversion.iter().map(|(at, message)| doc.place(Diagnostic::warning(message), at)));
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for early in &early {
        *kinds.entry(kind_of(&early.message)).or_default() += 1;
    }
    let mut diagnostics = Diagnostics::from(early);
    let extensions = schemas.findings.finish(doc, &mut kinds, &mut diagnostics);
    let kinds = by_count(kinds);
    if operations == 0 && types == 0 {
        diagnostics.push(
            Diagnostic::error(
                "the document has no operation or schema the spec format can express; nothing was written",
            )
            .at(doc.locate(&Pointer::default().join("paths"))),
        );
        return Imported { diagnostics, kinds, extensions, skipped, ..Imported::default() };
    }
    let header = vec![
        format!("Imported from `{source}` ({}) by `generator import`; edit freely.", doc.version),
        "Comments mark the importer's choices; `cargo run -p generator -- --spec DIR` checks the result.".to_string(),
    ];
    let mut files = vec![(API_FILE.to_string(), render::api_file(&draft.api, &header))];
    files.extend(draft.files.iter().map(|(stem, file)| (format!("{stem}.yaml"), render::file(file))));
    Imported { files, diagnostics, kinds, extensions, operations, skipped, types }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_leaves_the_names_out() {
        let kind = kind_of("field `a` is left out: it and `b` both become `c` in Rust");
        assert_eq!(kind, "field `…` is left out: it and `…` both become `…` in Rust");
        assert_eq!(
            kind_of("also offered as `x`, `y`, `z`; only JSON is used"),
            "also offered as `…`; only JSON is used"
        );
    }

    #[test]
    fn a_key_kept_in_places_is_reported_only_where_nothing_claims_it() {
        let text =
            "openapi: 3.1.0\na: { minLength: 1, $comment: x, x-mine: 1 }\nb: { minLength: 1 }\nc: { minLength: 1 }\n";
        let doc = Document::parse("a.yaml", text.into()).unwrap();
        let at = |key: &str| Pointer::default().join(key);
        let object = |key: &str| doc.get(&at(key)).and_then(Value::as_object).unwrap();
        let mut findings = Findings::default();
        findings.claim(&at("c"), &["minLength"]);
        for key in ["a", "b", "c", "a"] {
            findings.keys(Object::Schema, object(key), &at(key));
        }
        findings.claim(&at("b"), &["minLength"]);
        let mut kinds = BTreeMap::new();

        let mut diagnostics = Diagnostics::new();
        let extensions = findings.finish(&doc, &mut kinds, &mut diagnostics);

        let notes: Vec<&str> = diagnostics.iter().filter_map(|d| d.note.as_deref()).collect();
        // Dropped keys first, then the unclaimed ones.
        assert_eq!(notes, ["at #/a/$comment", "at #/a/minLength"]);
        assert_eq!(kinds.get("`minLength` not kept"), Some(&1));
        assert_eq!(
            extensions.iter().map(|e| (e.name.as_str(), e.count, e.first.line)).collect::<Vec<_>>(),
            [("x-mine", 1, 2)]
        );
    }
}
