//! The API change for users: after a spec change, what changed in the generated crate's API and
//! whether it breaks callers, with the version bump that calls for.
//!
//! The baseline is the `openapi.json` already in the output directory; the new side is the one
//! about to be written. Both are read back into a [`surface::Surface`], compared in [`diff`],
//! each member change judged in [`classify`] by what the generated Rust offers, and the
//! strongest class becomes a [`semver`] bump; what the generator itself changes is in [`shape`]. Rust names come from [`names`](crate::names), as the
//! crate's do; [`items`] lists them all, for a test that holds the report to the crate.

mod classify;
mod diff;
mod items;
mod semver;
pub mod shape;
mod surface;

use std::collections::BTreeSet;
use std::fmt;

/// How a change affects the crate's users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// Code that compiled (or a call that was sent) before may not any more.
    Breaking,
    /// Something new; existing code is unaffected.
    Additive,
    /// Only the docs change, or something callers' code cannot see.
    Docs,
}

impl Class {
    fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::Docs => "docs",
        }
    }
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// How it affects users.
    pub class: Class,
    /// The Rust item it concerns: `Customer.industry`, `list_cycles`, `Stage::Lead`.
    pub subject: String,
    /// What happened to it.
    pub what: String,
}

impl Change {
    fn new(class: Class, subject: impl Into<String>, what: impl Into<String>) -> Change {
        Change { class, subject: subject.into(), what: what.into() }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:<8}  {}: {}", self.class.as_str(), self.subject, self.what)
    }
}

/// The report of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// Nothing to compare with; the line says why.
    NoBaseline(String),
    /// The changes, strongest first, and the `semver:` line.
    Changes {
        /// One per line.
        changes: Vec<Change>,
        /// `semver: …`.
        semver: String,
    },
}

impl Report {
    /// Whether any change breaks callers.
    pub fn is_breaking(&self) -> bool {
        matches!(self, Report::Changes { changes, .. } if changes.iter().any(|c| c.class == Class::Breaking))
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Report::NoBaseline(why) => writeln!(f, "{why}"),
            Report::Changes { changes, semver } => {
                changes.iter().try_for_each(|change| writeln!(f, "{change}"))?;
                writeln!(f, "{semver}")
            }
        }
    }
}

/// Compares the committed document `old` (`None` if there is none; `baseline` names it) with the
/// `new` one; `manifest` is the crate's `Cargo.toml`, for the version to suggest.
pub fn report(baseline: &str, old: Option<&str>, new: &str, manifest: Option<&str>) -> Report {
    let Some(old) = old else {
        return Report::NoBaseline(format!(
            "no API change report: there is no {baseline} yet to compare with (the first run writes it)"
        ));
    };
    let (Some(old), Some(new)) = (surface::read(old), surface::read(new)) else {
        return Report::NoBaseline(format!(
            "no API change report: {baseline} is not an OpenAPI document written by this generator"
        ));
    };
    let mut changes = diff::changes(&old, &new);
    if changes.is_empty() {
        // The document records the API, not every word of the generated docs.
        let what = "the generated code changed, but not the API it describes (enum value docs, examples, \
                    or the generator itself)";
        changes.push(Change::new(Class::Docs, "crate", what));
    }
    changes.sort_by(|a, b| (a.class, &a.subject).cmp(&(b.class, &b.subject)));
    let strongest = changes.iter().map(|c| c.class).min().unwrap_or(Class::Docs);
    Report::Changes { changes, semver: semver::line(semver::Level::of(strongest), manifest) }
}

/// Every Rust name of the crate that the report may mention, for the API in `document` (an
/// `openapi.json` this generator wrote), in the forms `changes/items.rs` lists. `None` when the
/// document is not one of ours.
pub fn rust_names(document: &str) -> Option<BTreeSet<String>> {
    surface::read(document).map(|surface| items::rust_names(&surface))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MARK: &str = "\"x-generated-by\": \"@generated\"";

    #[test]
    fn a_document_of_the_wrong_shapes_is_read_without_panicking() {
        let odd = [
            format!("{{{MARK}, \"paths\": [], \"components\": 3}}"),
            format!("{{{MARK}, \"paths\": {{\"/a\": {{\"get\": {{\"parameters\": {{}}, \"responses\": []}}}}}}}}"),
            format!("{{{MARK}, \"components\": {{\"schemas\": {{\"A\": {{\"anyOf\": 1, \"enum\": null}}}}}}}}"),
            format!("{{{MARK}, \"paths\": {{\"/a\": {{\"x\": {{\"x-variants\": [1, {{}}]}}}}}}}}"),
        ];
        let plain = format!("{{{MARK}}}");
        for text in &odd {
            // Whatever these mean, comparing them must finish and say something.
            assert!(!report("old", Some(text), &plain, None).to_string().is_empty());
            assert!(!report("old", Some(&plain), text, None).to_string().is_empty());
        }
    }

    #[test]
    fn what_is_not_ours_is_no_baseline() {
        let plain = format!("{{{MARK}}}");
        for text in ["", "[]", "{}", "{\"openapi\": \"3.1.0\"}"] {
            assert!(matches!(report("old", Some(text), &plain, None), Report::NoBaseline(_)), "{text}");
        }
        assert!(matches!(report("old", None, &plain, None), Report::NoBaseline(_)));
    }
}
