//! YAML text (JSON is YAML too) as a `serde_json::Value`, with where every node is, in one pass
//! over `yaml-rust2`'s events.
//!
//! Why not `serde_yaml` and then the generator's [`SourceMap`](crate::source_map::SourceMap)?
//! Speed: on Plane's schema the two passes took 45 ms and 90 ms; this pass takes about a third of
//! both. Positions are kept by the [`path_hash`](crate::path_hash) of the node's JSON pointer, so
//! a node costs one hash, not a path. Scalars are resolved as YAML 1.2's core schema says (what
//! `serde_yaml` does); anchors and aliases work, within an expansion budget.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, Tag};
use yaml_rust2::scanner::TScalarStyle;

use crate::line_index::LineIndex;
use crate::path_hash::{ROOT, child};
use crate::yaml_events::{Events, Stop};

/// How deep collections may nest (as `serde_json` and `serde_yaml` allow): the tree is dropped
/// recursively, so depth must stay far from the stack's end.
pub const MAX_DEPTH: usize = 128;

/// How many nodes aliases may copy in all, so that a "billion laughs" document cannot.
const MAX_ALIAS_NODES: usize = 1_000_000;

/// A parsed document.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Its contents.
    pub root: Value,
    /// Where each node is.
    pub spans: Spans,
    /// Keys given twice in one mapping: (key, first, again) as byte ranges.
    pub duplicates: Vec<(String, std::ops::Range<usize>, std::ops::Range<usize>)>,
    /// The text's lines, for turning spans into lines and columns.
    pub lines: LineIndex,
}

/// The byte range of each node's key (or, for a list item, the item's start), by pointer hash.
#[derive(Debug, Default)]
pub struct Spans(HashMap<u64, std::ops::Range<usize>>);

impl Spans {
    /// The span of the node at the pointer whose keys are `keys`, or of its nearest ancestor
    /// that has one.
    pub fn find<'k>(&self, keys: impl IntoIterator<Item = &'k str>) -> Option<std::ops::Range<usize>> {
        let mut hash = ROOT;
        let mut found = None;
        for key in keys {
            hash = child(hash, key);
            match self.0.get(&hash) {
                Some(span) => found = Some(span.clone()),
                None => break,
            }
        }
        found
    }
}

/// Parses `text`; an error is a message and a byte offset. Stops at the first error, so that
/// nesting past [`MAX_DEPTH`] costs no more than reaching it.
pub fn parse(text: &str) -> Result<Parsed, (String, usize)> {
    read(text, true)
}

/// Like [`parse`], for the positions and duplicate keys only: the tree is not kept (`root` is
/// null), so a document already read by another parser is not held twice.
pub fn positions(text: &str) -> Result<Parsed, (String, usize)> {
    read(text, false)
}

fn read(text: &str, values: bool) -> Result<Parsed, (String, usize)> {
    let parsed = Parsed { lines: LineIndex::new(text), ..Parsed::default() };
    let (stack, anchors) = (Vec::new(), HashMap::new());
    let mut builder = Builder { text, values, stack, anchors, copied: 0, done: None, error: None, parsed };
    for event in Events::new(text, MAX_DEPTH) {
        match event {
            Ok((event, mark)) => {
                let at = mark.offset(text, &builder.parsed.lines);
                builder.on_event(event, at);
            }
            Err(Stop::Syntax(message, mark)) => {
                return Err((message, mark.offset(text, &builder.parsed.lines)));
            }
            Err(Stop::TooDeep(mark)) => {
                let at = mark.offset(text, &builder.parsed.lines);
                builder.fail(format!("collections nest more than {MAX_DEPTH} deep here"), at);
            }
        }
        if let Some(error) = builder.error.take() {
            return Err(error);
        }
    }
    builder.parsed.root = builder.done.unwrap_or(Value::Null);
    Ok(builder.parsed)
}

enum Frame {
    Map { map: Map<String, Value>, hash: u64, key: Option<(String, std::ops::Range<usize>)>, anchor: usize },
    Seq { items: Vec<Value>, hash: u64, anchor: usize },
}

struct Builder<'a> {
    text: &'a str,
    /// Whether to keep the tree; without it, a closed collection is kept as null.
    values: bool,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    copied: usize,
    done: Option<Value>,
    error: Option<(String, usize)>,
    parsed: Parsed,
}

impl Builder<'_> {
    fn fail(&mut self, message: impl Into<String>, at: usize) {
        if self.error.is_none() {
            self.error = Some((message.into(), at));
        }
    }

    /// The pointer hash of a node starting at `at` in the current collection, recording its span.
    fn open(&mut self, at: usize) -> Option<u64> {
        let (hash, span) = match self.stack.last() {
            None => return Some(ROOT),
            Some(Frame::Seq { items, hash, .. }) => (child(*hash, &items.len().to_string()), at..at + 1),
            Some(Frame::Map { key: Some((key, span)), hash, .. }) => (child(*hash, key), span.clone()),
            Some(Frame::Map { key: None, .. }) => {
                self.fail("a mapping or list as a key is not supported", at);
                return None;
            }
        };
        self.parsed.spans.0.insert(hash, span);
        Some(hash)
    }

    /// Puts a finished node into the current collection (or makes it the document).
    fn attach(&mut self, value: Value) {
        match self.stack.last_mut() {
            None if self.done.is_none() => self.done = Some(value),
            None => {}
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { map, key, .. }) => {
                if let Some((key, _)) = key.take() {
                    map.insert(key, value);
                }
            }
        }
    }

    fn scalar(&mut self, text: String, style: TScalarStyle, tag: Option<&Tag>, anchor: usize, at: usize) {
        // A scalar where a key is expected is the key.
        if let Some(Frame::Map { key: None, map, hash, .. }) = self.stack.last() {
            let end = at + scalar_len(&self.text[at..]);
            if map.contains_key(&text) {
                let first = self.parsed.spans.0.get(&child(*hash, &text)).cloned().unwrap_or(at..end);
                self.parsed.duplicates.push((text.clone(), first, at..end));
            }
            if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                *key = Some((text, at..end));
            }
            return;
        }
        if self.open(at).is_none() {
            return;
        }
        let value = if self.values { resolve(text, style, tag) } else { Value::Null };
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        self.attach(value);
    }

    fn alias(&mut self, id: usize, at: usize) {
        let Some(value) = self.anchors.get(&id).cloned() else {
            self.fail("an alias to an unknown anchor", at);
            return;
        };
        self.copied += nodes(&value);
        if self.copied > MAX_ALIAS_NODES {
            self.fail(format!("aliases copy more than {MAX_ALIAS_NODES} nodes: an alias bomb"), at);
            return;
        }
        if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
            self.fail("an alias as a key is not supported", at);
            return;
        }
        if self.open(at).is_some() {
            self.attach(value);
        }
    }

    fn start(&mut self, map: bool, anchor: usize, at: usize) {
        let Some(hash) = self.open(at) else { return };
        self.stack.push(if map {
            Frame::Map { map: Map::new(), hash, key: None, anchor }
        } else {
            Frame::Seq { items: Vec::new(), hash, anchor }
        });
    }

    fn end(&mut self) {
        let (value, anchor) = match self.stack.pop() {
            None => return,
            Some(_) if !self.values => (Value::Null, 0),
            Some(Frame::Map { map, anchor, .. }) => (Value::Object(map), anchor),
            Some(Frame::Seq { items, anchor, .. }) => (Value::Array(items), anchor),
        };
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        self.attach(value);
    }
}

impl Builder<'_> {
    fn on_event(&mut self, event: Event, at: usize) {
        if self.done.is_some() && self.stack.is_empty() {
            return;
        }
        match event {
            Event::Scalar(text, style, anchor, tag) => self.scalar(text, style, tag.as_ref(), anchor, at),
            Event::Alias(id) => self.alias(id, at),
            Event::MappingStart(anchor, _) => self.start(true, anchor, at),
            Event::SequenceStart(anchor, _) => self.start(false, anchor, at),
            Event::MappingEnd | Event::SequenceEnd => self.end(),
            _ => {}
        }
    }
}

/// How many nodes a value has.
fn nodes(value: &Value) -> usize {
    match value {
        Value::Object(map) => 1 + map.values().map(nodes).sum::<usize>(),
        Value::Array(items) => 1 + items.iter().map(nodes).sum::<usize>(),
        _ => 1,
    }
}

/// The length of the key token at the start of `rest`, for a caret under it: to its closing
/// quote, or its `:`, or its line's end, reading no further (a minified document is one line).
fn scalar_len(rest: &str) -> usize {
    let rest = rest.as_bytes();
    let len = match rest.first() {
        Some(&quote @ (b'"' | b'\'')) => crate::source_map::quoted_len(rest, quote),
        _ => rest.iter().position(|&b| b == b':' || b == b'\n').unwrap_or(rest.len()),
    };
    len.max(1)
}

/// A scalar as YAML 1.2's core schema reads it: quoted is text; plain may be null, a boolean or
/// a number.
fn resolve(text: String, style: TScalarStyle, tag: Option<&Tag>) -> Value {
    if style != TScalarStyle::Plain || tag.is_some_and(|t| t.suffix == "str") {
        return Value::String(text);
    }
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(number) = number(&text) {
        return Value::Number(number);
    }
    Value::String(text)
}

fn number(text: &str) -> Option<Number> {
    let integer = |digits: &str| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if integer(unsigned) {
        return text.parse::<i64>().map(Number::from).ok().or_else(|| text.parse::<u64>().ok().map(Number::from));
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok().map(Number::from);
    }
    if let Some(octal) = text.strip_prefix("0o") {
        return i64::from_str_radix(octal, 8).ok().map(Number::from);
    }
    let float_chars = unsigned.bytes().all(|b| b.is_ascii_digit() || b"eE.+-".contains(&b));
    if float_chars && unsigned.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'.') {
        return text.parse::<f64>().ok().and_then(Number::from_f64);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_like_serde_yaml() {
        let text =
            "a: 1\nb: [true, null, ~, 2.5, -3, '4', x]\nc: { d: \"e\", 200: ok }\nf: &x { g: 1 }\nh: *x\ni: 0x1F\n";
        let parsed = parse(text).unwrap();
        let expected: Value = serde_yaml::from_str(text).unwrap();
        assert_eq!(parsed.root, expected);
    }

    #[test]
    fn finds_nodes_and_duplicates() {
        let text = "paths:\n  /a:\n    get: {}\n  /a: 1\nlist:\n  - x\n  - y\n";
        let parsed = parse(text).unwrap();
        let span = parsed.spans.find(["paths", "/a"]).unwrap();
        assert_eq!(&text[span], "/a");
        let item = parsed.spans.find(["list", "1"]).unwrap();
        assert_eq!(item.start, text.find("y").unwrap());
        assert_eq!(parsed.duplicates.len(), 1);
        assert_eq!(parsed.duplicates[0].2.start, text.rfind("/a").unwrap());
    }

    #[test]
    fn refuses_bombs() {
        let deep = format!("{}1", "- ".repeat(MAX_DEPTH + 1));
        assert!(parse(&deep).unwrap_err().0.contains("nest"));
        let mut laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n".to_string();
        for (n, prev) in ('b'..='j').zip('a'..) {
            laughs.push_str(&format!(
                "{n}: &{n} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        assert!(parse(&laughs).unwrap_err().0.contains("alias"));
    }
}
