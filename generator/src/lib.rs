//! The generator: reads the API spec under `spec/` and writes the `plane-client` crate.
//!
//! The pipeline, one module per stage:
//! [`spec`] (read the YAML, with a [`source_map`] of positions) → [`lower`] (check everything,
//! resolve names and types) → [`model`] → [`emit`] (tokens, formatted files) → [`write`] (only
//! the generator's own files, atomically, only when changed). Problems anywhere become a
//! [`diagnostic::Diagnostic`] that points at the spec text.
//!
//! Beside the pipeline, [`import`] (`generator import FILE --out DIR`) reads an OpenAPI 3.0 or
//! 3.1 document and writes spec files for it, which the pipeline then reads like any other; and
//! [`changes`] compares the `openapi.json` about to be written with the one already there, to
//! tell the maintainer what the change means for the crate's users.

pub mod changes;
pub mod cli;
pub mod diagnostic;
pub mod emit;
pub mod import;
pub mod line_index;
pub mod lower;
pub mod marker;
pub mod model;
pub mod names;
pub mod parallel;
pub mod path_hash;
pub mod runtime;
pub mod source_map;
pub mod spec;
pub mod synth;
pub mod write;
pub mod yaml_de;
pub mod yaml_events;

use std::path::Path;

use diagnostic::{Diagnostic, Diagnostics};
use emit::OutputFile;

/// What one run of the pipeline produced.
#[derive(Debug)]
pub struct Generated {
    /// Errors and warnings, in the order found (the first thousand of each kept whole, the
    /// rest only counted).
    pub diagnostics: Diagnostics,
    /// The rendered crate, unless the spec had errors.
    pub output: Option<Output>,
}

/// The rendered crate and what it was made from.
#[derive(Debug)]
pub struct Output {
    /// The files to write under the output directory.
    pub files: Vec<OutputFile>,
    /// How many endpoints the spec has.
    pub endpoints: usize,
    /// How many named types, unions, enums and key types.
    pub types: usize,
    /// How many spec files were read.
    pub spec_files: usize,
}

/// Reads, checks and renders the spec in `spec_dir`. Writes nothing.
pub fn generate(spec_dir: &Path) -> Generated {
    let (files, diagnostics) = spec::load_dir(spec_dir);
    check_and_render(files, diagnostics)
}

/// Like [`generate`], for spec files given as (path to show, text) pairs: for tests and fuzzing.
pub fn generate_sources(sources: Vec<(String, String)>) -> Generated {
    let (files, diagnostics) = spec::load_sources(sources);
    check_and_render(files, diagnostics)
}

fn check_and_render(files: Vec<spec::Loaded>, mut diagnostics: Diagnostics) -> Generated {
    // A file that did not parse would make lowering report its types as unknown, its `api` as
    // missing, and so on: noise that hides the real error. Stop at the syntax errors.
    if diagnostics.has_errors() {
        return Generated { diagnostics, output: None };
    }
    let api = lower::lower(&files, &mut diagnostics);
    // The model holds all that rendering needs; the spec's text and trees can go before the
    // crate's text arrives (a sixth of the peak for a large API).
    let spec_files = files.len();
    drop(files);
    let output = match api {
        Some(api) if !diagnostics.has_errors() => match emit::render(&api) {
            Ok(rendered) => Some(Output {
                files: rendered,
                endpoints: api.endpoints.len(),
                types: api.types.len() + api.enums.len() + api.unions.len() + api.keys.len(),
                spec_files,
            }),
            Err(bug) => {
                diagnostics.push(Diagnostic::error(bug));
                None
            }
        },
        _ => None,
    };
    Generated { diagnostics, output }
}
