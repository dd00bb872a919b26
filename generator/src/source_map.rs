//! Where each key and value of a YAML file sits in its text.
//!
//! [`yaml_de`](crate::yaml_de) reads the spec into typed structs but forgets positions. Checks that need the whole
//! spec (an unknown type, an undeclared path parameter) run after reading, so to point at the
//! offending text they look its key path up here. The map is built from `yaml-rust2`'s event stream,
//! which carries a position for every node; that walk also catches duplicate keys, which serde would
//! silently collapse.

use std::collections::HashMap;
use std::ops::Range;

use yaml_rust2::parser::Event;

use crate::line_index::LineIndex;
use crate::path_hash::{self, ROOT};
use crate::yaml_events::Events;

/// How deep the map follows nesting: as deep as a spec may nest (deeper text is refused before
/// the map is ever built), so the walk's stack stays small whatever it is given.
const MAX_DEPTH: usize = crate::spec::MAX_DEPTH;

/// The byte ranges of one mapping entry (or sequence item): its key and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key's text; for a sequence item, the item itself.
    pub key: Range<usize>,
    /// The value's text; for a container, its first character.
    pub value: Range<usize>,
}

/// A key that occurs twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The key's text.
    pub name: String,
    /// Where it first occurs.
    pub first: Range<usize>,
    /// Where it occurs again.
    pub again: Range<usize>,
}

/// An [`Entry`] as kept: byte offsets as `u32` (a spec file is at most 16 MB), in half the room,
/// for a large spec maps millions of keys.
#[derive(Debug, Clone, Copy)]
struct Spans([u32; 4]);

impl Spans {
    fn new(key: &Range<usize>, value: &Range<usize>) -> Spans {
        let at = |offset: usize| u32::try_from(offset).unwrap_or(u32::MAX);
        Spans([at(key.start), at(key.end), at(value.start), at(value.end)])
    }

    fn entry(self) -> Entry {
        let [key_start, key_end, value_start, value_end] = self.0.map(|offset| offset as usize);
        Entry { key: key_start..key_end, value: value_start..value_end }
    }
}

/// Positions of every key path in one YAML document.
#[derive(Debug, Default)]
pub struct SourceMap {
    /// By the [`path_hash`] of each key path.
    entries: HashMap<u64, Spans>,
    duplicates: Vec<DuplicateKey>,
    /// The text's lines, to turn the parser's positions and the map's offsets into each other.
    lines: LineIndex,
}

impl SourceMap {
    /// Builds the map of `text`. YAML syntax errors are left to the reader, which reports them,
    /// so a failed scan here yields whatever was mapped before it.
    pub fn build(text: &str) -> SourceMap {
        SourceMap::walk(text, None)
    }

    /// The map of only the key paths whose [`path_hash`]es are `targets`, read no further than
    /// where the last of them is: a few places found without keeping the map of every key,
    /// which takes several times the text. Its [`Self::duplicates`] mean nothing.
    pub fn build_for(text: &str, targets: &[u64]) -> SourceMap {
        SourceMap::walk(text, Some(targets))
    }

    fn walk(text: &str, targets: Option<&[u64]>) -> SourceMap {
        let map = SourceMap { lines: LineIndex::new(text), ..SourceMap::default() };
        let mut walker = Walker { text, stack: Vec::new(), map, targets, done: false };
        for event in Events::new(text, MAX_DEPTH) {
            let Ok((event, mark)) = event else { break };
            let start = mark.offset(text, &walker.map.lines);
            walker.on_event(event, start);
            if walker.done {
                break;
            }
        }
        walker.map
    }

    /// The text's lines.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// The entry at `path` (keys from the document root; sequence items by their index).
    pub fn get(&self, path: &[&str]) -> Option<Entry> {
        self.entries.get(&path_hash::of(path.iter().copied())).map(|spans| spans.entry())
    }

    /// Keys repeated within one mapping, in document order.
    pub fn duplicates(&self) -> &[DuplicateKey] {
        &self.duplicates
    }
}

enum Frame {
    /// A mapping; `pending_key` is the entry (path hash) and span of a key whose value is next.
    Map {
        path: u64,
        pending_key: Option<(u64, Range<usize>)>,
        flow: bool,
    },
    Seq {
        path: u64,
        next: usize,
        flow: bool,
    },
}

impl Frame {
    /// Whether this is a `{…}` or `[…]` collection, where `,`, `}` and `]` end a plain scalar.
    fn is_flow(&self) -> bool {
        match self {
            Frame::Map { flow, .. } | Frame::Seq { flow, .. } => *flow,
        }
    }
}

struct Walker<'a> {
    text: &'a str,
    stack: Vec<Frame>,
    map: SourceMap,
    /// The only entries to keep, if not all; the walk is done once the last is kept.
    targets: Option<&'a [u64]>,
    done: bool,
}

impl Walker<'_> {
    fn keep(&mut self, entry: u64, spans: Spans) {
        match self.targets {
            None => {
                self.map.entries.insert(entry, spans);
            }
            Some(targets) if targets.contains(&entry) => {
                self.map.entries.insert(entry, spans);
                self.done |= targets.last() == Some(&entry);
            }
            Some(_) => {}
        }
    }

    /// Records a node that starts at `start`; returns the key path a container node opens.
    fn node(&mut self, value: Range<usize>, scalar: Option<String>) -> Option<u64> {
        match self.stack.last_mut() {
            None => Some(ROOT),
            Some(Frame::Seq { path, next, .. }) => {
                let item = path_hash::child(*path, &next.to_string());
                *next += 1;
                self.keep(item, Spans::new(&value, &value));
                Some(item)
            }
            Some(Frame::Map { path, pending_key, .. }) => match (pending_key.take(), scalar) {
                (None, Some(key)) => {
                    // A key met before in this mapping is mapped already, since its value was.
                    let mut entry = path_hash::child(*path, &key);
                    if let Some(first) = self.map.entries.get(&entry) {
                        let first = first.entry().key;
                        self.map.duplicates.push(DuplicateKey { name: key, first, again: value.clone() });
                        // The repeat's value is mapped apart, so that its own keys are not taken
                        // for repeats of the first's.
                        entry = path_hash::child(entry, &format!("\0{}", self.map.duplicates.len()));
                    }
                    *pending_key = Some((entry, value));
                    None
                }
                // A complex (non-scalar) key: nothing in our specs uses one; map its contents nowhere.
                (None, None) => Some(path_hash::child(ROOT, "?")),
                (Some((entry, key_span)), _) => {
                    self.keep(entry, Spans::new(&key_span, &value));
                    Some(entry)
                }
            },
        }
    }

    fn on_event(&mut self, event: Event, start: usize) {
        let in_flow = self.stack.last().is_some_and(Frame::is_flow);
        let opens_flow = |bracket: u8| self.text.as_bytes().get(start) == Some(&bracket);
        match event {
            Event::Scalar(value, ..) => {
                let end = scalar_end(self.text, start, in_flow);
                self.node(start..end, Some(value));
            }
            Event::Alias(_) => {
                let end = scalar_end(self.text, start, in_flow);
                self.node(start..end, None);
            }
            Event::MappingStart(..) => {
                let flow = opens_flow(b'{');
                let path = self.node(start..start + 1, None).unwrap_or(ROOT);
                self.stack.push(Frame::Map { path, pending_key: None, flow });
            }
            Event::SequenceStart(..) => {
                let flow = opens_flow(b'[');
                let path = self.node(start..start + 1, None).unwrap_or(ROOT);
                self.stack.push(Frame::Seq { path, next: 0, flow });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

/// The end of the scalar token that starts at `start`: the closing quote of a quoted scalar, or the
/// end of a plain one on its line. Only used to size the caret under a value, so an approximation
/// for multi-line scalars is fine. It reads no further than the token (a minified document is one
/// line: reading to the line's end for every scalar would be quadratic).
fn scalar_end(text: &str, start: usize, in_flow: bool) -> usize {
    let rest = &text.as_bytes()[start.min(text.len())..];
    let len = match rest.first() {
        Some(&quote @ (b'"' | b'\'')) => quoted_len(rest, quote),
        Some(b'|' | b'>') => 1,
        _ => {
            // A plain scalar ends at `: `, ` #` or the line's end; in `{…}` and `[…]` also at
            // `,`, `}` and `]`. A `:` that ends the line ends a key.
            let stop = (0..rest.len())
                .find(|&i| match rest[i] {
                    b'\n' => true,
                    b':' => matches!(rest.get(i + 1), Some(b' ') | Some(b'\n') | Some(b'\r') | None),
                    b' ' => rest.get(i + 1) == Some(&b'#'),
                    b',' | b'}' | b']' => in_flow,
                    _ => false,
                })
                .unwrap_or(rest.len());
            rest[..stop].trim_ascii_end().len()
        }
    };
    start + len.max(1).min(rest.len().max(1))
}

/// The length of the quoted scalar at the start of `rest`, to its closing quote, or to its line's
/// end if it spans lines.
pub(crate) fn quoted_len(rest: &[u8], quote: u8) -> usize {
    match rest.iter().skip(1).position(|&b| b == quote || b == b'\n') {
        Some(i) if rest[i + 1] == quote => i + 2,
        Some(i) => i + 1,
        None => rest.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of<'a>(text: &'a str, range: &Range<usize>) -> &'a str {
        &text[range.clone()]
    }

    #[test]
    fn maps_block_and_flow_entries() {
        let text = "types:\n  Customer:\n    fields:\n      id: { type: uuid, required: true }\n      name: {type: \"string\"}\nlist: [a, b]\npath: /a/{b}/c # note\n";
        let map = SourceMap::build(text);
        let id = map.get(&["types", "Customer", "fields", "id", "type"]).unwrap();
        assert_eq!(text_of(text, &id.key), "type");
        assert_eq!(text_of(text, &id.value), "uuid");
        let name = map.get(&["types", "Customer", "fields", "name", "type"]).unwrap();
        assert_eq!(text_of(text, &name.value), "\"string\"");
        assert_eq!(text_of(text, &map.get(&["path"]).unwrap().value), "/a/{b}/c");
        let b = map.get(&["list", "1"]).unwrap();
        assert_eq!(text_of(text, &b.value), "b");
        let customer = map.get(&["types", "Customer"]).unwrap();
        assert_eq!(text_of(text, &customer.key), "Customer");
    }

    #[test]
    fn counts_columns_in_characters_not_bytes() {
        let text = "a: \"é\"\nb: { c: dé }\n";
        let map = SourceMap::build(text);
        assert_eq!(text_of(text, &map.get(&["b", "c"]).unwrap().value), "dé");
    }

    #[test]
    fn finds_duplicate_keys() {
        let text = "endpoints:\n  a: 1\n  b: 2\n  a: 3\n";
        let map = SourceMap::build(text);
        let dup = &map.duplicates()[0];
        assert_eq!(dup.name, "a");
        assert_eq!(&text[dup.first.clone()], "a");
        assert_eq!(dup.again.start, text.rfind("a:").unwrap());
    }

    /// A key given three times is two repeats of the first; the keys inside a repeat's value are
    /// not repeats of the first's; the map keeps the first.
    #[test]
    fn repeats_point_at_the_first() {
        let text = "f:\n  a: { type: x }\n  a: { type: y }\n  a: { type: z }\n";
        let map = SourceMap::build(text);
        let names: Vec<_> = map.duplicates().iter().map(|d| (d.name.as_str(), d.first.start)).collect();
        assert_eq!(names, [("a", 5), ("a", 5)]);
        assert_eq!(text_of(text, &map.get(&["f", "a", "type"]).unwrap().value), "x");
    }
}
