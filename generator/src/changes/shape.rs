//! Changes that the generator itself makes to every generated crate's Rust API, which no spec
//! change shows. Each is numbered by its place in [`CHANGES`] (from 1); the OpenAPI export
//! records the newest as `info.x-client-shape`, and the change report lists those after the
//! committed document's number as breaking, so that a new generator's break is not reported as
//! "docs".

/// What each change of shape breaks, oldest first. Append only: a number, once written into a
/// committed document, must keep its meaning.
pub const CHANGES: &[&str] =
    &["every `…_stream` method takes its query by reference (`&query`), as the single-page methods do"];

/// The shape this generator writes.
pub fn current() -> u64 {
    CHANGES.len() as u64
}

/// The changes after shape `old`, up to and including `new` (none when `new` is not newer).
pub fn between(old: u64, new: u64) -> &'static [&'static str] {
    let index = |shape: u64| usize::try_from(shape).unwrap_or(usize::MAX).min(CHANGES.len());
    let (old, new) = (index(old), index(new));
    if old < new { &CHANGES[old..new] } else { &[] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_newer_shapes_are_changes() {
        assert_eq!(between(0, current()).len(), CHANGES.len());
        assert!(between(current(), current()).is_empty());
        assert!(between(current(), 0).is_empty(), "an older generator's document is no change");
        assert!(between(0, u64::MAX).len() == CHANGES.len(), "an unknown future shape lists what is known");
    }
}
