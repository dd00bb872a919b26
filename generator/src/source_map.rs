//! Where each key and value of a YAML file sits in its text.
//!
//! `serde_yaml` reads the spec into typed structs but forgets positions. Checks that need the whole
//! spec (an unknown type, an undeclared path parameter) run after reading, so to point at the
//! offending text they look its key path up here. The map is built from `yaml-rust2`'s event stream,
//! which carries a position for every node; that walk also catches duplicate keys, which serde would
//! silently collapse.

use std::collections::HashMap;
use std::ops::Range;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

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

/// Positions of every key path in one YAML document.
#[derive(Debug, Default)]
pub struct SourceMap {
    entries: HashMap<Vec<String>, Entry>,
    duplicates: Vec<DuplicateKey>,
    /// Where each line starts, so that a position's line is found without reading the text.
    line_starts: Vec<usize>,
}

impl SourceMap {
    /// Builds the map of `text`. YAML syntax errors are left to `serde_yaml`, which reports them
    /// with its own positions, so a failed scan here yields whatever was mapped before it.
    pub fn build(text: &str) -> SourceMap {
        let mut walker = Walker { text, line_starts: line_starts(text), stack: Vec::new(), map: SourceMap::default() };
        let _ = Parser::new_from_str(text).load(&mut walker, false);
        let mut map = walker.map;
        map.line_starts = walker.line_starts;
        map
    }

    /// The 0-based line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    /// The entry at `path` (keys from the document root; sequence items by their index).
    pub fn get(&self, path: &[&str]) -> Option<&Entry> {
        let key: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        self.entries.get(&key)
    }

    /// Keys repeated within one mapping, in document order.
    pub fn duplicates(&self) -> &[DuplicateKey] {
        &self.duplicates
    }
}

enum Frame {
    Map {
        path: Vec<String>,
        pending_key: Option<(String, Range<usize>)>,
        seen: HashMap<String, Range<usize>>,
        flow: bool,
    },
    Seq {
        path: Vec<String>,
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
    line_starts: Vec<usize>,
    stack: Vec<Frame>,
    map: SourceMap,
}

impl Walker<'_> {
    /// Converts a marker (1-based line, 0-based column counted in characters) to a byte offset.
    fn offset(&self, mark: &Marker) -> usize {
        let Some(&start) = self.line_starts.get(mark.line().saturating_sub(1)) else {
            return self.text.len();
        };
        let line = &self.text[start..];
        start + line.char_indices().nth(mark.col()).map_or(line.len(), |(i, _)| i)
    }

    /// Records a node that starts at `start`; returns the key path a container node opens.
    fn node(&mut self, value: Range<usize>, scalar: Option<String>) -> Option<Vec<String>> {
        match self.stack.last_mut() {
            None => Some(Vec::new()),
            Some(Frame::Seq { path, next, .. }) => {
                let mut item = path.clone();
                item.push(next.to_string());
                *next += 1;
                self.map.entries.insert(item.clone(), Entry { key: value.clone(), value });
                Some(item)
            }
            Some(Frame::Map { path, pending_key, seen, .. }) => match (pending_key.take(), scalar) {
                (None, Some(key)) => {
                    if let Some(first) = seen.get(&key) {
                        self.map.duplicates.push(DuplicateKey {
                            name: key.clone(),
                            first: first.clone(),
                            again: value.clone(),
                        });
                    } else {
                        seen.insert(key.clone(), value.clone());
                    }
                    *pending_key = Some((key, value));
                    None
                }
                // A complex (non-scalar) key: nothing in our specs uses one; map its contents nowhere.
                (None, None) => Some(vec!["?".to_string()]),
                (Some((key, key_span)), _) => {
                    let mut entry = path.clone();
                    entry.push(key);
                    self.map.entries.insert(entry.clone(), Entry { key: key_span, value });
                    Some(entry)
                }
            },
        }
    }
}

impl MarkedEventReceiver for Walker<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let start = self.offset(&mark);
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
                let path = self.node(start..start + 1, None).unwrap_or_default();
                self.stack.push(Frame::Map { path, pending_key: None, seen: HashMap::new(), flow });
            }
            Event::SequenceStart(..) => {
                let flow = opens_flow(b'[');
                let path = self.node(start..start + 1, None).unwrap_or_default();
                self.stack.push(Frame::Seq { path, next: 0, flow });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// The end of the scalar token that starts at `start`: the closing quote of a quoted scalar, or the
/// end of a plain one on its line. Only used to size the caret under a value, so an approximation
/// for multi-line scalars is fine.
fn scalar_end(text: &str, start: usize, in_flow: bool) -> usize {
    let rest = &text[start.min(text.len())..];
    let line = rest.split('\n').next().unwrap_or("");
    let len = match line.chars().next() {
        Some(quote @ ('"' | '\'')) => line[1..].find(quote).map_or(line.len(), |i| i + 2),
        Some('|' | '>') => 1,
        _ => {
            let stops: &[&str] = if in_flow { &[": ", ",", "}", "]", " #"] } else { &[": ", " #"] };
            let stop = stops.iter().filter_map(|s| line.find(s)).min().unwrap_or(line.len());
            let stop = if line[..stop].ends_with(':') { stop - 1 } else { stop };
            line[..stop].trim_end().len()
        }
    };
    start + len.max(1).min(rest.len().max(1))
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
}
