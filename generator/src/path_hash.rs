//! A node's place in a YAML or JSON document (its keys from the root, list items by index) as
//! one number: the hash of its parent's number and its own key. Keying positions by it costs a
//! node one hash, where keying them by a copy of the key path costs its depth.

use std::hash::{DefaultHasher, Hash, Hasher};

/// The document's root.
pub const ROOT: u64 = 0x9E37_79B9_7F4A_7C15;

/// The node under `parent` at `key`.
pub fn child(parent: u64, key: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    parent.hash(&mut hasher);
    key.hash(&mut hasher);
    hasher.finish()
}

/// The node at `keys` from the root.
pub fn of<'k>(keys: impl IntoIterator<Item = &'k str>) -> u64 {
    keys.into_iter().fold(ROOT, child)
}
