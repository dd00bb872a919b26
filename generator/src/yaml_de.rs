//! A serde `Deserializer` that reads YAML into typed structs as `yaml-rust2` parses it, one event
//! at a time: how spec files are read.
//!
//! Why not `serde_yaml`? It loads all of libyaml's events of a file before building anything,
//! about 25 bytes per byte of input, which held a large spec's peak memory at 30–50× its size
//! (issue 20); and it is no longer maintained. Here nothing is kept but the events of anchored
//! nodes, for their aliases. What a scalar reads as, the messages of type errors, and the key
//! path and position each error carries are `serde_yaml` 0.9's, which the spec's authors and
//! the snapshot tests know: a plain scalar is its text where text is wanted (`yes`, `1.0`,
//! `0x10`, `~` stay as written), and reads as YAML 1.2's core schema says where a boolean, a
//! number or any value is wanted.

use std::collections::HashMap;
use std::fmt;
use std::num::ParseIntError;
use std::rc::Rc;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Expected, IgnoredAny, Unexpected, Visitor};
use yaml_rust2::parser::{Event, Tag};
use yaml_rust2::scanner::TScalarStyle;

use crate::line_index::LineIndex;
use crate::yaml_events::{Events, Mark, Stop};

/// How deep the events may nest: that of the spec, whose reader refuses deeper text first.
const MAX_DEPTH: usize = crate::spec::MAX_DEPTH;

/// How deep values may nest as they are read, aliases replayed included (`serde_yaml`'s limit).
const MAX_VALUE_DEPTH: u8 = 128;

/// How many events aliases may replay, beyond one per byte of the text: enough for any real use
/// of anchors, and an alias bomb stops long before it costs memory.
const MIN_ALIAS_EVENTS: usize = 100_000;

/// The core schema's tags, as `yaml-rust2` resolves `!!bool` and the others.
const BOOL: &str = "tag:yaml.org,2002:bool";
const INT: &str = "tag:yaml.org,2002:int";
const FLOAT: &str = "tag:yaml.org,2002:float";
const NULL: &str = "tag:yaml.org,2002:null";

/// Reads the one document of `text` as a `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let mut reader = Reader::new(text);
    reader.begin()?;
    let value = T::deserialize(&mut De { reader: &mut reader, path: Path::Root, depth: MAX_VALUE_DEPTH })?;
    reader.end()?;
    Ok(value)
}

/// Why a text could not be read: the message, where, and at which key path.
#[derive(Debug)]
pub struct Error {
    message: String,
    mark: Option<Mark>,
    /// The key path of the value, as `serde_yaml` writes it (`types.Customer.fields`); `.` is the
    /// document itself.
    path: Option<String>,
}

impl Error {
    fn at(message: impl Into<String>, mark: Mark) -> Error {
        Error { message: message.into(), mark: Some(mark), path: None }
    }

    /// Where the error is, if known.
    pub fn mark(&self) -> Option<Mark> {
        self.mark
    }

    /// The message without the path.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path.as_deref() {
            Some(path) if path != "." => write!(f, "{path}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error { message: message.to_string(), mark: None, path: None }
    }
}

/// Gives an error raised by a visitor (which knows no position) the node's position and path.
fn fix_mark(mut error: Error, mark: Mark, path: &Path<'_>) -> Error {
    if error.mark.is_none() {
        error.mark = Some(mark);
        error.path = Some(path.to_string());
    }
    error
}

/// The key path to the value being read.
#[derive(Clone, Copy)]
enum Path<'p> {
    Root,
    Seq { parent: &'p Path<'p>, index: usize },
    Map { parent: &'p Path<'p>, key: &'p str },
    Unknown { parent: &'p Path<'p> },
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Parent<'a>(&'a Path<'a>);

        impl fmt::Display for Parent<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.0 {
                    Path::Root => Ok(()),
                    path => write!(f, "{path}."),
                }
            }
        }

        match self {
            Path::Root => f.write_str("."),
            Path::Seq { parent, index } => write!(f, "{parent}[{index}]"),
            Path::Map { parent, key } => write!(f, "{}{key}", Parent(parent)),
            Path::Unknown { parent } => write!(f, "{}?", Parent(parent)),
        }
    }
}

/// The events of an anchored node, as its aliases replay them.
type Anchored = Rc<[(Event, Mark)]>;

/// An anchored collection whose events are being kept.
struct Recording {
    anchor: usize,
    /// How many of its collections are open.
    open: usize,
    events: Vec<(Event, Mark)>,
}

/// The events, as the parser gives them or as an alias replays them.
struct Reader<'a> {
    text: &'a str,
    events: Events<'a>,
    /// Where each collection the parser has open starts, for an error at the end of the text.
    open: Vec<Mark>,
    peeked: Option<(Event, Mark)>,
    /// Where the last event came from the parser, for an error at the end of the text.
    last: Mark,
    recording: Vec<Recording>,
    anchors: HashMap<usize, Anchored>,
    /// The aliases being replayed, innermost last: the anchor's events and the next one's index.
    replaying: Vec<(Anchored, usize)>,
    replayed: usize,
    max_replayed: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            events: Events::stream(text, MAX_DEPTH),
            open: Vec::new(),
            peeked: None,
            last: Mark { line: 0, col: 0 },
            recording: Vec::new(),
            anchors: HashMap::new(),
            replaying: Vec::new(),
            replayed: 0,
            max_replayed: text.len().max(MIN_ALIAS_EVENTS),
        }
    }

    /// Skips the stream's start and the first document's; an empty stream is left at its end,
    /// which reads as an empty value.
    fn begin(&mut self) -> Result<(), Error> {
        while matches!(self.peek()?.0, Event::StreamStart | Event::DocumentStart | Event::Nothing) {
            self.next()?;
        }
        Ok(())
    }

    /// Checks that the document was the only one.
    fn end(&mut self) -> Result<(), Error> {
        loop {
            match self.next()? {
                (Event::DocumentEnd | Event::Nothing, _) => {}
                (Event::StreamEnd, _) => return Ok(()),
                (_, mark) => {
                    return Err(Error::at(
                        "deserializing from YAML containing more than one document is not supported",
                        mark,
                    ));
                }
            }
        }
    }

    fn fetch(&mut self) -> Result<(Event, Mark), Error> {
        while let Some((events, next)) = self.replaying.last_mut() {
            if let Some(event) = events.get(*next) {
                *next += 1;
                return Ok(event.clone());
            }
            self.replaying.pop();
        }
        match self.events.next() {
            None => Ok((Event::StreamEnd, self.last)),
            Some(Err(Stop::Syntax(message, mark))) => Err(syntax_error(self.text, message, mark, self.open.last())),
            Some(Err(Stop::TooDeep(mark))) => Err(Error::at("recursion limit exceeded", mark)),
            Some(Ok((event, mark))) => {
                self.last = mark;
                match event {
                    Event::MappingStart(..) | Event::SequenceStart(..) => self.open.push(mark),
                    Event::MappingEnd | Event::SequenceEnd => {
                        self.open.pop();
                    }
                    _ => {}
                }
                self.record(&event, mark);
                Ok((event, mark))
            }
        }
    }

    /// Keeps the events of anchored nodes, for their aliases.
    fn record(&mut self, event: &Event, mark: Mark) {
        let anchor = match event {
            Event::Scalar(_, _, anchor, _) | Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                *anchor
            }
            _ => 0,
        };
        if self.recording.is_empty() && anchor == 0 {
            return;
        }
        for recording in &mut self.recording {
            recording.events.push((event.clone(), mark));
            match event {
                Event::MappingStart(..) | Event::SequenceStart(..) => recording.open += 1,
                Event::MappingEnd | Event::SequenceEnd => recording.open = recording.open.saturating_sub(1),
                _ => {}
            }
        }
        match event {
            Event::Scalar(..) if anchor > 0 => {
                self.anchors.insert(anchor, Rc::from(vec![(event.clone(), mark)]));
            }
            Event::MappingStart(..) | Event::SequenceStart(..) if anchor > 0 => {
                self.recording.push(Recording { anchor, open: 1, events: vec![(event.clone(), mark)] });
            }
            _ => {}
        }
        while self.recording.last().is_some_and(|r| r.open == 0) {
            if let Some(done) = self.recording.pop() {
                self.anchors.insert(done.anchor, Rc::from(done.events));
            }
        }
    }

    fn peek(&mut self) -> Result<&(Event, Mark), Error> {
        let next = match self.peeked.take() {
            Some(next) => next,
            None => self.fetch()?,
        };
        Ok(self.peeked.insert(next))
    }

    fn next(&mut self) -> Result<(Event, Mark), Error> {
        match self.peeked.take() {
            Some(next) => Ok(next),
            None => self.fetch(),
        }
    }

    /// Replays the node anchored as `anchor` next.
    fn jump(&mut self, anchor: usize, mark: Mark) -> Result<(), Error> {
        let Some(events) = self.anchors.get(&anchor).cloned() else {
            return Err(Error::at("unknown anchor", mark));
        };
        self.replayed += events.len();
        if self.replayed > self.max_replayed {
            let max = self.max_replayed;
            return Err(Error::at(format!("aliases repeat more than {max} nodes: an alias bomb"), mark));
        }
        self.replaying.push((events, 0));
        Ok(())
    }
}

/// The parser's error, where a reader looks for the mistake: at the end of the text (an unclosed
/// `{`), where the collection left open starts; for a tab, at the tab; for a key the mapping
/// did not expect (indented wrongly), at the key rather than its `:`.
fn syntax_error(text: &str, message: String, mark: Mark, open: Option<&Mark>) -> Error {
    let last_line = text.trim_end().lines().count();
    if let (true, Some(open)) = (mark.line + 1 > last_line, open) {
        return Error::at(message, *open);
    }
    let lines = LineIndex::new(text);
    let at = mark.offset(text, &lines);
    let before = text.get(lines.offset_of(text, mark.line, 0)..at).unwrap_or_default();
    let col = if message.contains("tabs") {
        before.rfind('\t').map(|tab| before[..tab].chars().count())
    } else if message.contains("did not find expected key") && text.get(at..).is_some_and(|rest| rest.starts_with(':'))
    {
        Some(before.chars().take_while(|c| c.is_whitespace()).count())
    } else {
        None
    };
    Error::at(message, Mark { line: mark.line, col: col.unwrap_or(mark.col) })
}

/// Whether an event ends the document where a value was expected: an empty stream.
fn is_void(event: &Event) -> bool {
    matches!(event, Event::StreamEnd | Event::DocumentEnd | Event::Nothing)
}

/// A tag as one name: `!!bool` is `tag:yaml.org,2002:bool`, a local `!thing` is `!thing`.
fn tag_name(tag: &Tag) -> String {
    format!("{}{}", tag.handle, tag.suffix)
}

/// Whether a scalar may be read as a boolean or number: plain, or a literal block with the tag.
fn is_plain_or_tagged_literal(expected: &str, style: TScalarStyle, tag: Option<&Tag>) -> bool {
    match (style, tag) {
        (TScalarStyle::Plain, _) => true,
        (TScalarStyle::Literal, Some(tag)) => tag_name(tag) == expected,
        _ => false,
    }
}

fn parse_null(scalar: &str) -> Option<()> {
    matches!(scalar, "null" | "Null" | "NULL" | "~").then_some(())
}

fn parse_bool(scalar: &str) -> Option<bool> {
    match scalar {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `0x`, `0o` and `0b` integers, then decimal ones (not `007`: leading zeros make text).
fn parse_unsigned_int<T>(scalar: &str, from_str_radix: fn(&str, u32) -> Result<T, ParseIntError>) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_signed_int<T>(scalar: &str, from_str_radix: fn(&str, u32) -> Result<T, ParseIntError>) -> Option<T> {
    let unpositive = match scalar.strip_prefix('+') {
        Some(unpositive) if unpositive.starts_with(['+', '-']) => return None,
        Some(unpositive) => unpositive,
        None => scalar,
    };
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
        if let Some(rest) = scalar.strip_prefix('-').and_then(|s| s.strip_prefix(prefix)) {
            if let Ok(int) = from_str_radix(&format!("-{rest}"), radix) {
                return Some(int);
            }
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_negative_int<T>(scalar: &str, from_str_radix: fn(&str, u32) -> Result<T, ParseIntError>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix) {
            if let Ok(int) = from_str_radix(&format!("-{rest}"), radix) {
                return Some(int);
            }
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(scalar, 10).ok()
}

fn parse_f64(scalar: &str) -> Option<f64> {
    let unpositive = match scalar.strip_prefix('+') {
        Some(unpositive) if unpositive.starts_with(['+', '-']) => return None,
        Some(unpositive) => unpositive,
        None => scalar,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive.parse::<f64>().ok().filter(|float| float.is_finite())
}

/// Leading zeros then digits: text, as YAML 1.2 says, not a number.
fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

/// An integer to the visitor, or the visitor back if `v` is none.
fn visit_int<'de, V: Visitor<'de>>(visitor: V, v: &str) -> Result<Result<V::Value, Error>, V> {
    if let Some(int) = parse_unsigned_int(v, u64::from_str_radix) {
        return Ok(visitor.visit_u64(int));
    }
    if let Some(int) = parse_negative_int(v, i64::from_str_radix) {
        return Ok(visitor.visit_i64(int));
    }
    if let Some(int) = parse_unsigned_int(v, u128::from_str_radix) {
        return Ok(visitor.visit_u128(int));
    }
    if let Some(int) = parse_negative_int(v, i128::from_str_radix) {
        return Ok(visitor.visit_i128(int));
    }
    Err(visitor)
}

/// A plain scalar as the core schema reads it: null, a boolean, a number, else text.
fn visit_untagged_scalar<'de, V: Visitor<'de>>(visitor: V, v: String) -> Result<V::Value, Error> {
    if v.is_empty() || parse_null(&v).is_some() {
        return visitor.visit_unit();
    }
    if let Some(boolean) = parse_bool(&v) {
        return visitor.visit_bool(boolean);
    }
    let visitor = match visit_int(visitor, &v) {
        Ok(result) => return result,
        Err(visitor) => visitor,
    };
    if !digits_but_not_number(&v) {
        if let Some(float) = parse_f64(&v) {
            return visitor.visit_f64(float);
        }
    }
    visitor.visit_string(v)
}

/// A scalar where any value will do: as its tag says, else as the core schema reads it if plain,
/// else text.
fn visit_scalar<'de, V: Visitor<'de>>(
    visitor: V,
    v: String,
    style: TScalarStyle,
    tag: Option<&Tag>,
) -> Result<V::Value, Error> {
    if let Some(tag) = tag {
        let tag = tag_name(tag);
        match tag.as_str() {
            BOOL => {
                return match parse_bool(&v) {
                    Some(b) => visitor.visit_bool(b),
                    None => Err(de::Error::invalid_value(Unexpected::Str(&v), &"a boolean")),
                };
            }
            INT => {
                return match visit_int(visitor, &v) {
                    Ok(result) => result,
                    Err(_) => Err(de::Error::invalid_value(Unexpected::Str(&v), &"an integer")),
                };
            }
            FLOAT => {
                return match parse_f64(&v) {
                    Some(float) => visitor.visit_f64(float),
                    None => Err(de::Error::invalid_value(Unexpected::Str(&v), &"a float")),
                };
            }
            NULL => {
                return match parse_null(&v) {
                    Some(()) => visitor.visit_unit(),
                    None => Err(de::Error::invalid_value(Unexpected::Str(&v), &"null")),
                };
            }
            local if local.starts_with('!') && style == TScalarStyle::Plain => {
                return visit_untagged_scalar(visitor, v);
            }
            _ => {}
        }
    } else if style == TScalarStyle::Plain {
        return visit_untagged_scalar(visitor, v);
    }
    visitor.visit_string(v)
}

/// The error for a node that is not what `expected` wants, naming what it is.
fn invalid_type(event: Event, expected: &dyn Expected) -> Error {
    enum Void {}

    struct InvalidType<'a> {
        expected: &'a dyn Expected,
    }

    impl Visitor<'_> for InvalidType<'_> {
        type Value = Void;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.expected.fmt(f)
        }
    }

    match event {
        Event::Scalar(v, style, _, tag) => match visit_scalar(InvalidType { expected }, v, style, tag.as_ref()) {
            Ok(void) => match void {},
            Err(error) => error,
        },
        Event::SequenceStart(..) => de::Error::invalid_type(Unexpected::Seq, expected),
        Event::MappingStart(..) => de::Error::invalid_type(Unexpected::Map, expected),
        _ => de::Error::custom("EOF while parsing a value"),
    }
}

/// A local tag (`!thing`) on a node, which `serde_yaml` reads as an enum's variant.
fn local_tag(event: &Event) -> bool {
    let tag = match event {
        Event::Scalar(_, _, _, tag) | Event::SequenceStart(_, tag) | Event::MappingStart(_, tag) => tag.as_ref(),
        _ => None,
    };
    tag.is_some_and(|tag| tag_name(tag).starts_with('!'))
}

/// What a collection of a length should have held: "sequence of 2 elements".
struct Count(usize, &'static str, &'static str);

impl Expected for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Count(n, what, item) = *self;
        match (n, item) {
            (1, _) => write!(f, "{what} 1 {item}"),
            (_, "entry") => write!(f, "{what} {n} entries"),
            _ => write!(f, "{what} {n} {item}s"),
        }
    }
}

/// Reads one value at `path`.
struct De<'r, 'a, 'p> {
    reader: &'r mut Reader<'a>,
    path: Path<'p>,
    /// How many more levels values may nest.
    depth: u8,
}

impl De<'_, '_, '_> {
    /// The next event, with an alias's replay started (its first event is then the next one).
    fn next_resolved(&mut self) -> Result<(Event, Mark), Error> {
        loop {
            match self.reader.next()? {
                (Event::Alias(anchor), mark) => self.reader.jump(anchor, mark)?,
                next => return Ok(next),
            }
        }
    }

    /// Like [`Self::next_resolved`], but leaves the event to be read.
    fn peek_resolved(&mut self) -> Result<&(Event, Mark), Error> {
        while let (Event::Alias(anchor), mark) = *self.reader.peek()? {
            self.reader.next()?;
            self.reader.jump(anchor, mark)?;
        }
        self.reader.peek()
    }

    fn nested<T>(&mut self, mark: Mark, f: impl FnOnce(&mut Self) -> Result<T, Error>) -> Result<T, Error> {
        let Some(depth) = self.depth.checked_sub(1) else {
            return Err(Error::at("recursion limit exceeded", mark));
        };
        let before = std::mem::replace(&mut self.depth, depth);
        let result = f(self);
        self.depth = before;
        result
    }

    fn visit_sequence<'de, V: Visitor<'de>>(&mut self, visitor: V, mark: Mark) -> Result<V::Value, Error> {
        let (value, len) = self.nested(mark, |de| {
            let mut seq = SeqAccess { de, empty: false, len: 0 };
            let value = visitor.visit_seq(&mut seq)?;
            Ok((value, seq.len))
        })?;
        let mut seq = SeqAccess { de: self, empty: false, len };
        while de::SeqAccess::next_element::<IgnoredAny>(&mut seq)?.is_some() {}
        let total = seq.len;
        self.end_of(mark)?;
        if total != len {
            return Err(de::Error::invalid_length(total, &Count(len, "sequence of", "element")));
        }
        Ok(value)
    }

    fn visit_mapping<'de, V: Visitor<'de>>(&mut self, visitor: V, mark: Mark) -> Result<V::Value, Error> {
        let (value, len) = self.nested(mark, |de| {
            let mut map = MapAccess { de, empty: false, len: 0, key: None };
            let value = visitor.visit_map(&mut map)?;
            Ok((value, map.len))
        })?;
        let mut map = MapAccess { de: self, empty: false, len, key: None };
        while de::MapAccess::next_entry::<IgnoredAny, IgnoredAny>(&mut map)?.is_some() {}
        let total = map.len;
        self.end_of(mark)?;
        if total != len {
            return Err(de::Error::invalid_length(total, &Count(len, "map containing", "entry")));
        }
        Ok(value)
    }

    /// Where a mapping that starts at `mark` is: a block mapping's start is its first key (the
    /// parser marks the `:` after it), a flow mapping's its `{`.
    fn mapping_mark(&mut self, mark: Mark) -> Result<Mark, Error> {
        let first = self.reader.peek()?.1;
        Ok(if (first.line, first.col) < (mark.line, mark.col) { first } else { mark })
    }

    /// Reads the end of the collection that opened at `mark`.
    fn end_of(&mut self, mark: Mark) -> Result<(), Error> {
        match self.reader.next()? {
            (Event::SequenceEnd | Event::MappingEnd, _) => Ok(()),
            (event, _) if is_void(&event) => Ok(()),
            _ => Err(Error::at("a list or mapping does not end where expected", mark)),
        }
    }

    /// Skips one node, whatever it holds; an alias is one node, not replayed.
    fn ignore_any(&mut self) -> Result<(), Error> {
        let mut open = 0usize;
        loop {
            let (event, mark) = self.reader.next()?;
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => open += 1,
                Event::SequenceEnd | Event::MappingEnd => {
                    open = open.checked_sub(1).ok_or_else(|| Error::at("a list or mapping ends twice", mark))?;
                }
                _ => {}
            }
            if open == 0 {
                return Ok(());
            }
        }
    }

    /// A scalar the visitor may take as a number or boolean (`accept` says if it is one), else
    /// the type error.
    fn scalar_as<'de, V: Visitor<'de>>(
        &mut self,
        visitor: V,
        tag: &str,
        accept: impl FnOnce(V, &str) -> Result<Result<V::Value, Error>, V>,
    ) -> Result<V::Value, Error> {
        let (next, mark) = self.next_resolved()?;
        let visitor = match &next {
            Event::Scalar(v, style, _, t) if is_plain_or_tagged_literal(tag, *style, t.as_ref()) => {
                match accept(visitor, v) {
                    Ok(result) => return result.map_err(|e| fix_mark(e, mark, &self.path)),
                    Err(visitor) => visitor,
                }
            }
            _ => visitor,
        };
        Err(fix_mark(invalid_type(next, &visitor), mark, &self.path))
    }
}

/// Passes an integer parsed by `parse` to `visit`, or gives the visitor back.
macro_rules! integer {
    ($name:ident, $parse:ident, $ty:ty, $visit:ident) => {
        fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.scalar_as(visitor, INT, |visitor, v| match $parse(v, <$ty>::from_str_radix) {
                Some(int) => Ok(visitor.$visit(int)),
                None => Err(visitor),
            })
        }
    };
}

impl<'de> de::Deserializer<'de> for &mut De<'_, '_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let (next, mark) = self.next_resolved()?;
        let result = if local_tag(&next) {
            // `serde_yaml` reads a locally tagged node as an enum, which no spec type is.
            if matches!(next, Event::SequenceStart(..) | Event::MappingStart(..)) {
                self.reader.peeked = Some((next, mark));
                self.ignore_any()?;
            }
            Err(de::Error::invalid_type(Unexpected::Enum, &visitor))
        } else {
            match next {
                Event::Scalar(v, style, _, tag) => visit_scalar(visitor, v, style, tag.as_ref()),
                Event::SequenceStart(..) => self.visit_sequence(visitor, mark),
                Event::MappingStart(..) => {
                    let mark = self.mapping_mark(mark)?;
                    return self.visit_mapping(visitor, mark).map_err(|e| fix_mark(e, mark, &self.path));
                }
                _ => visitor.visit_none(),
            }
        };
        result.map_err(|e| fix_mark(e, mark, &self.path))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar_as(visitor, BOOL, |visitor, v| match parse_bool(v) {
            Some(b) => Ok(visitor.visit_bool(b)),
            None => Err(visitor),
        })
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }

    integer!(deserialize_i64, parse_signed_int, i64, visit_i64);
    integer!(deserialize_i128, parse_signed_int, i128, visit_i128);

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }

    integer!(deserialize_u64, parse_unsigned_int, u64, visit_u64);
    integer!(deserialize_u128, parse_unsigned_int, u128, visit_u128);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.scalar_as(visitor, FLOAT, |visitor, v| match parse_f64(v) {
            Some(float) => Ok(visitor.visit_f64(float)),
            None => Err(visitor),
        })
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    /// Any scalar is its text, whatever its style or tag: `yes`, `1.0` and `~` stay as written.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let (next, mark) = self.next_resolved()?;
        let result = match next {
            Event::Scalar(v, ..) => visitor.visit_string(v),
            other => Err(invalid_type(other, &visitor)),
        };
        result.map_err(|e| fix_mark(e, mark, &self.path))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("serialization and deserialization of bytes in YAML is not implemented"))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    /// `null`, `~`, an empty plain scalar and the end of an empty stream are `None`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let is_some = match self.peek_resolved()? {
            (Event::Scalar(v, style, _, tag), mark) => {
                let null_tag = tag.as_ref().is_some_and(|t| tag_name(t) == NULL);
                if *style != TScalarStyle::Plain {
                    true
                } else if null_tag && parse_null(v).is_none() {
                    let (error, mark) = (de::Error::invalid_value(Unexpected::Str(v), &"null"), *mark);
                    return Err(fix_mark(error, mark, &self.path));
                } else if null_tag {
                    false
                } else if tag.is_some() {
                    true
                } else {
                    !v.is_empty() && parse_null(v).is_none()
                }
            }
            (Event::SequenceStart(..) | Event::MappingStart(..), _) => true,
            _ => false,
        };
        if is_some {
            visitor.visit_some(self)
        } else {
            self.reader.next()?;
            visitor.visit_none()
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let (next, mark) = self.next_resolved()?;
        let result = match next {
            Event::Scalar(v, style, _, tag) => {
                let is_null = if style != TScalarStyle::Plain {
                    false
                } else if let Some(tag) = &tag {
                    tag_name(tag) == NULL && parse_null(&v).is_some()
                } else {
                    v.is_empty() || parse_null(&v).is_some()
                };
                if is_null { visitor.visit_unit() } else { Err(de::Error::invalid_value(Unexpected::Str(&v), &"null")) }
            }
            event if is_void(&event) => visitor.visit_unit(),
            other => Err(invalid_type(other, &visitor)),
        };
        result.map_err(|e| fix_mark(e, mark, &self.path))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Error> {
        let mark = self.reader.peek()?.1;
        self.nested(mark, |de| visitor.visit_newtype_struct(de))
    }

    /// A list; an empty plain scalar (`scopes:`) is an empty one.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let (next, mark) = self.next_resolved()?;
        let result = match next {
            Event::SequenceStart(..) => self.visit_sequence(visitor, mark),
            Event::Scalar(v, TScalarStyle::Plain, ..) if v.is_empty() => {
                visitor.visit_seq(SeqAccess { de: self, empty: true, len: 0 })
            }
            event if is_void(&event) => visitor.visit_seq(SeqAccess { de: self, empty: true, len: 0 }),
            other => Err(invalid_type(other, &visitor)),
        };
        result.map_err(|e| fix_mark(e, mark, &self.path))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    /// A mapping; an empty plain scalar (`types:`) is an empty one.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let (next, mark) = self.next_resolved()?;
        let result = match next {
            Event::MappingStart(..) => {
                let mark = self.mapping_mark(mark)?;
                return self.visit_mapping(visitor, mark).map_err(|e| fix_mark(e, mark, &self.path));
            }
            Event::Scalar(v, TScalarStyle::Plain, ..) if v.is_empty() => {
                visitor.visit_map(MapAccess { de: self, empty: true, len: 0, key: None })
            }
            event if is_void(&event) => visitor.visit_map(MapAccess { de: self, empty: true, len: 0, key: None }),
            other => Err(invalid_type(other, &visitor)),
        };
        result.map_err(|e| fix_mark(e, mark, &self.path))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    /// A unit variant, written as its name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (unexpected, mark) = match self.peek_resolved()? {
            (Event::Scalar(..), _) => return visitor.visit_enum(UnitVariantAccess { de: self }),
            (Event::MappingStart(..), mark) => (Unexpected::Map, *mark),
            (Event::SequenceStart(..), mark) => (Unexpected::Seq, *mark),
            (_, mark) => return Err(Error::at("EOF while parsing a value", *mark)),
        };
        let error = de::Error::invalid_type(unexpected, &"a YAML tag starting with '!'");
        Err(fix_mark(error, mark, &self.path))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.ignore_any()?;
        visitor.visit_unit()
    }
}

struct SeqAccess<'s, 'r, 'a, 'p> {
    de: &'s mut De<'r, 'a, 'p>,
    /// Whether the list was written as an empty scalar, with no events of its own.
    empty: bool,
    len: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_, '_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.empty {
            return Ok(None);
        }
        match self.de.reader.peek()? {
            (Event::SequenceEnd, _) => Ok(None),
            (event, _) if is_void(event) => Ok(None),
            _ => {
                let path = Path::Seq { parent: &self.de.path, index: self.len };
                let mut element = De { reader: &mut *self.de.reader, path, depth: self.de.depth };
                self.len += 1;
                seed.deserialize(&mut element).map(Some)
            }
        }
    }
}

struct MapAccess<'m, 'r, 'a, 'p> {
    de: &'m mut De<'r, 'a, 'p>,
    /// Whether the mapping was written as an empty scalar, with no events of its own.
    empty: bool,
    len: usize,
    /// The entry's key, for the path of its value.
    key: Option<String>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_, '_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.empty {
            return Ok(None);
        }
        self.key = match self.de.reader.peek()? {
            (Event::MappingEnd, _) => return Ok(None),
            (event, _) if is_void(event) => return Ok(None),
            (Event::Scalar(key, ..), _) => Some(key.clone()),
            _ => None,
        };
        self.len += 1;
        seed.deserialize(&mut *self.de).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let path = match &self.key {
            Some(key) => Path::Map { parent: &self.de.path, key },
            None => Path::Unknown { parent: &self.de.path },
        };
        let mut value = De { reader: &mut *self.de.reader, path, depth: self.de.depth };
        seed.deserialize(&mut value)
    }
}

struct UnitVariantAccess<'v, 'r, 'a, 'p> {
    de: &'v mut De<'r, 'a, 'p>,
}

impl<'de> de::EnumAccess<'de> for UnitVariantAccess<'_, '_, '_, '_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        Ok((seed.deserialize(&mut *self.de)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariantAccess<'_, '_, '_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, Error> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &"newtype variant"))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &"tuple variant"))
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], _visitor: V) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &"struct variant"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::SpecFile;

    const API: &str = "api: { name: t, title: T, base_url: \"https://x.test\", auth: { bearer: true } }\n";

    fn read(text: &str) -> Result<SpecFile, Error> {
        from_str(text)
    }

    /// Plain scalars that the core schema reads as booleans, numbers or null are their text where
    /// text is wanted: an enum value `yes`, a description `1.0`, a type `0x10`.
    #[test]
    fn plain_scalars_stay_text() {
        for scalar in ["yes", "no", "on", "off", "1.0", "0x10", "~", "null", "true", "010", ".inf", "1_000", "1e3"] {
            let text = format!("{API}description: {scalar}\nenums:\n  E:\n    values: {{ {scalar}: {scalar} }}\n");
            let spec = read(&text).unwrap();
            let values = spec.enums["E"].values.as_ref().unwrap();
            assert_eq!(values.keys().collect::<Vec<_>>(), [scalar], "{scalar}");
            // An optional text that is null is absent, as `serde_yaml` read it.
            let null = matches!(scalar, "~" | "null");
            assert_eq!(values[scalar].as_deref(), (!null).then_some(scalar), "{scalar}");
            assert_eq!(spec.description.as_deref(), (!null).then_some(scalar), "{scalar}");
            let text = format!("{API}types:\n  T:\n    fields:\n      f: {{ type: {scalar}, example: 1 }}\n");
            assert_eq!(read(&text).unwrap().types["T"].fields.as_ref().unwrap()["f"].ty, scalar);
        }
    }

    /// Where a boolean or a number is wanted, only the core schema's spellings are one.
    #[test]
    fn booleans_and_numbers_are_the_core_schema_s() {
        let field = |value: &str| format!("{API}types:\n  T:\n    fields:\n      f: {{ type: string, {value} }}\n");
        let spec = read(&field("required: True, minimum: 0x10, maximum: -0o10, max_length: +7")).unwrap();
        let f = &spec.types["T"].fields.as_ref().unwrap()["f"];
        assert_eq!((f.required, f.minimum, f.maximum, f.max_length), (true, Some(16), Some(-8), Some(7)));
        let e = read(&field("required: yes")).unwrap_err();
        assert_eq!(e.to_string(), "types.T.fields.f.required: invalid type: string \"yes\", expected a boolean");
        assert_eq!(e.mark(), Some(Mark { line: 4, col: 35 }));
        let e = read(&field("minimum: 010")).unwrap_err();
        assert_eq!(e.to_string(), "types.T.fields.f.minimum: invalid type: string \"010\", expected i64");
    }

    /// Documents as `serde_yaml` 0.9 read them, and its errors' messages, paths and positions.
    #[test]
    fn reads_like_serde_yaml() {
        let endpoint = |extra: &str| {
            format!(
                "{API}endpoints:\n  e:\n    summary: s\n    method: GET\n    path: /x\n    response: {{ status: 200 }}\n{extra}"
            )
        };
        let mut texts = vec![
            format!("{API}types:\n"),
            format!("{API}types: ~\n"),
            format!("{API}editions: a\n"),
            format!("{API}editions: [a, 1, yes]\n"),
            format!("{API}typess: {{}}\n"),
            format!("{API}types:\n  A:\n    fields: [id, name]\n"),
            format!("{API}types:\n  A: {{}}\n  A: {{}}\n"),
            format!("{API}description: x\ndescription: y\n"),
            format!("{API}types:\n  A: &a {{ fields: {{ f: {{ type: string }} }} }}\n  B: *a\n"),
            format!("{API}types:\n  A: &a {{ fields: {{ f: {{ type: string }} }} }}\n  B:\n    <<: *a\n"),
            format!("{API}endpoints:\n  g:\n    summary: Get\n    method: GET\n    path: /x\n"),
            format!("{API}endpoints:\n  g:\n    summary: Get\n    metod: GET\n"),
            format!("{API}endpoints:\n  e: {{ summary: s, method: GET, path: /x, description: Big, small, response: {{ status: 200 }} }}\n"),
            endpoint("    params:\n      p: { in: body, type: string }\n"),
            endpoint("    params:\n      p: { in: query, type: string, example: 0x10 }\n"),
            endpoint("    scopes: read\n"),
            endpoint("    scopes:\n"),
            format!("{API}endpoints:\n  e: {{ summary: s, method: GET, path: /x, response: {{ status: 99999 }} }}\n"),
            format!("{API}endpoints:\n  e: {{ summary: [s], method: GET, path: /x, response: {{ status: -1 }} }}\n"),
            "api: { name: t, title: T, base_url: u, auth: { bearer: true }, not_served: { status: 404, body: { a: 010, b: [1.0, yes, ~, 0x10, .inf, \"q\"] } } }\n".to_string(),
            format!("---\n{API}...\n"),
            "---\n".to_string(),
            "--- ~\n".to_string(),
            "[]\n".to_string(),
            "# a comment only\n".to_string(),
            format!("\u{feff}{API}"),
            format!("{{\"api\": {{\"name\": \"t\", \"title\": \"T\", \"base_url\": \"u\", \"auth\": {{}}}}, \"types\": 1}}"),
        ];
        for scalar in ["''", "\"1.0\"", "!!str 1.0", "!!int 7", "!custom x", "", "12:30", ".nan", "0b101"] {
            texts.push(format!("{API}types:\n  T:\n    fields:\n      f: {{ type: string, example: {scalar} }}\n"));
            texts.push(format!("{API}types:\n  T:\n    fields:\n      f: {{ type: string, required: {scalar} }}\n"));
        }
        for text in &texts {
            let ours = read(text).map_err(|e| (e.to_string(), e.mark().map(|m| (m.line + 1, m.col + 1))));
            let theirs = serde_yaml::from_str::<SpecFile>(text).map_err(|e| {
                let mark = e.location().map(|l| (l.line(), l.column()));
                let message = e.to_string();
                (message.split(" at line ").next().unwrap_or_default().to_string(), mark)
            });
            match (&ours, &theirs) {
                (Ok(ours), Ok(theirs)) => assert_eq!(format!("{ours:?}"), format!("{theirs:?}"), "{text}"),
                // Positions differ where a node has a tag (libyaml's node starts at the tag,
                // yaml-rust2's at the value) or no text (`required:  }`: yaml-rust2 marks the `:`).
                (Err(ours), Err(theirs)) if text.contains('!') || text.contains(":  }") => {
                    assert_eq!(ours.0, theirs.0, "{text}")
                }
                (Err(ours), Err(theirs)) => assert_eq!(ours, theirs, "{text}"),
                _ => panic!("{text}\nours: {ours:?}\ntheirs: {theirs:?}"),
            }
        }
    }

    /// A second document is refused where it starts.
    #[test]
    fn one_document() {
        let e = read(&format!("{API}---\n{API}")).unwrap_err();
        assert!(e.message().contains("more than one document"), "{e}");
        assert_eq!(e.mark(), Some(Mark { line: 1, col: 0 }));
    }

    /// A billion laughs stops at the alias budget, long before its expansion.
    #[test]
    fn alias_bombs_are_bounded() {
        let mut text =
            "api:\n  name: t\n  title: T\n  base_url: u\n  auth: {}\n  not_served:\n    status: 404\n    body:\n"
                .to_string();
        text.push_str("      x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..9 {
            let list = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("      x{i}: &a{i} [{list}]\n"));
        }
        let started = std::time::Instant::now();
        let e = read(&text).unwrap_err();
        assert!(e.message().contains("alias bomb"), "{e}");
        assert!(started.elapsed().as_secs() < 5);
    }

    /// The reader keeps no events but an anchored node's: after the first error it has read no
    /// further, however long the text.
    #[test]
    fn reads_as_it_goes() {
        let fields: String = (0..50_000).map(|i| format!("      f{i}: {{ type: string }}\n")).collect();
        let text = format!("{API}typo: 1\ntypes:\n  T:\n    fields:\n{fields}");
        let mut reader = Reader::new(&text);
        reader.begin().unwrap();
        let mut de = De { reader: &mut reader, path: Path::Root, depth: MAX_VALUE_DEPTH };
        let e = <SpecFile as serde::Deserialize>::deserialize(&mut de).unwrap_err();
        assert!(e.message().starts_with("unknown field `typo`"), "{e}");
        assert!(reader.last.line <= 1, "read on to {:?}", reader.last);
    }
}
