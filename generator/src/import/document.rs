//! The OpenAPI document as read: its text, its tree, its version, local `$ref`s, and where any
//! JSON pointer sits in the text (for diagnostics).
//!
//! YAML is read by [`yaml`](super::yaml), which keeps every node's position on the way; JSON by
//! `serde_json`, faster, with positions worked out (by the same YAML reader: JSON is YAML) only
//! when a diagnostic first needs a line and column. Keys given twice in one mapping, which a
//! JSON tree cannot hold, are reported; the last one is used.
//!
//! A Swagger 2.0 document is converted to OpenAPI 3.0 here, once ([`swagger2`](super::swagger2)):
//! the tree is the converted one, the text the one written, and [`Document::locate`] maps a
//! pointer into the converted tree back to the node it came from.

use std::path::Path;
use std::sync::OnceLock;

use serde_json::Value;

use super::swagger2::{self, Origins};
use super::yaml::{self, Parsed};
use crate::diagnostic::{Diagnostic, Location};
use crate::line_index::LineIndex;

/// A place in the document: the keys from its root, as a JSON pointer names them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(Vec<String>);

impl Pointer {
    /// The pointer one key deeper.
    pub fn join(&self, key: impl Into<String>) -> Pointer {
        let mut keys = self.0.clone();
        keys.push(key.into());
        Pointer(keys)
    }

    /// A local reference, `#/components/schemas/Customer`, as a pointer.
    pub fn parse(reference: &str) -> Option<Pointer> {
        let path = reference.strip_prefix('#')?;
        if path.is_empty() {
            return Some(Pointer::default());
        }
        let keys = path.strip_prefix('/')?.split('/').map(|k| k.replace("~1", "/").replace("~0", "~"));
        Some(Pointer(keys.collect()))
    }

    /// The keys from the root.
    pub fn keys(&self) -> &[String] {
        &self.0
    }
}

/// `#/paths/~1api~1v1~1users~1/get`: `~` and `/` inside a key are escaped.
impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("#")?;
        for key in &self.0 {
            write!(f, "/{}", key.replace('~', "~0").replace('/', "~1"))?;
        }
        Ok(())
    }
}

/// What the document is written in; 3.0 and 3.1 differ in how `null` is spelt, and 2.0 is read as
/// the 3.0 document it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    /// OpenAPI 3, with the version it declares.
    OpenApi(String),
    /// Swagger 2.0, converted to OpenAPI 3.0.
    Swagger2,
}

/// `OpenAPI 3.0.3`, `Swagger 2.0`.
impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Version::OpenApi(version) => write!(f, "OpenAPI {version}"),
            Version::Swagger2 => f.write_str("Swagger 2.0"),
        }
    }
}

/// A parsed document.
#[derive(Debug)]
pub struct Document {
    /// The file as the user named it.
    pub shown: String,
    /// Its text.
    pub text: String,
    /// Its contents (for Swagger 2.0, converted to OpenAPI 3.0).
    pub root: Value,
    /// The version it declares.
    pub version: Version,
    /// What converting a Swagger 2.0 document could not carry over, at pointers into the text.
    pub conversion: Vec<(Pointer, String)>,
    /// Where the converted tree's nodes are in the text; empty for OpenAPI 3.
    origins: Origins,
    /// Positions and duplicate keys; for JSON, made on first use.
    positions: OnceLock<Parsed>,
}

/// How many `$ref`s in a row are followed before giving up on a chain as a cycle.
pub const MAX_REF_HOPS: usize = 32;

/// The value at `pointer` in `root`, if there is one.
pub fn lookup<'v>(root: &'v Value, pointer: &Pointer) -> Option<&'v Value> {
    pointer.keys().iter().try_fold(root, |value, key| match value {
        Value::Object(map) => map.get(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

impl Document {
    /// Reads and parses the file at `path`.
    pub fn read(path: &Path) -> Result<Document, Box<Diagnostic>> {
        let text = crate::spec::read_file(path)?;
        Document::parse(&path.display().to_string(), text)
    }

    /// Parses `text`, shown to the user as `shown`: JSON if it starts with `{`, YAML otherwise.
    pub fn parse(shown: &str, text: String) -> Result<Document, Box<Diagnostic>> {
        let positions = OnceLock::new();
        let root: Value = if text.trim_start().starts_with('{') {
            serde_json::from_str(&text).map_err(|e| {
                let lines = LineIndex::new(&text);
                let at = lines.offset_of(&text, e.line().saturating_sub(1), e.column().saturating_sub(1));
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or(&message).to_string();
                Box::new(Diagnostic::error(message).at(Location::indexed(shown, &text, &lines, at..at + 1)))
            })?
        } else {
            let mut parsed = yaml::parse(&text).map_err(|(message, at)| {
                Box::new(Diagnostic::error(message).at(Location::new(shown, &text, at..at + 1)))
            })?;
            let root = std::mem::take(&mut parsed.root);
            let _ = positions.set(parsed);
            root
        };
        let doc = Document {
            shown: shown.to_string(),
            text,
            root,
            version: Version::Swagger2,
            conversion: Vec::new(),
            origins: Origins::default(),
            positions,
        };
        match version(&doc)? {
            Version::Swagger2 => {
                let converted = swagger2::convert(&doc.root);
                let (root, origins, conversion) = (converted.root, converted.origins, converted.warnings);
                Ok(Document { root, origins, conversion, version: Version::Swagger2, ..doc })
            }
            version => Ok(Document { version, ..doc }),
        }
    }

    /// Whether `null` is spelt the 3.1 way (`type: [T, "null"]`) rather than `nullable: true`.
    pub fn is_3_1(&self) -> bool {
        matches!(&self.version, Version::OpenApi(version) if !version.starts_with("3.0"))
    }

    /// The value at `pointer`, if there is one.
    pub fn get(&self, pointer: &Pointer) -> Option<&Value> {
        lookup(&self.root, pointer)
    }

    /// Follows `$ref`s from `value` (found at `at`) to what they name: local references only,
    /// at most [`MAX_REF_HOPS`] in a row. The error says why a reference leads nowhere.
    pub fn follow<'a>(&'a self, at: &Pointer, value: &'a Value) -> Result<(Pointer, &'a Value), String> {
        let (mut at, mut value) = (at.clone(), value);
        for _ in 0..MAX_REF_HOPS {
            let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
                return Ok((at, value));
            };
            let Some(target) = Pointer::parse(reference) else {
                return Err(format!("`$ref: {reference}` points outside this document, which is not supported"));
            };
            value = self.get(&target).ok_or_else(|| format!("`$ref: {reference}` names nothing in the document"))?;
            at = target;
        }
        Err(format!("`$ref`s chain more than {MAX_REF_HOPS} times here: a cycle"))
    }

    /// Where `pointer` (into the tree) is in the text: the key that holds its value, or that of
    /// its nearest ancestor the map knows.
    pub fn locate(&self, pointer: &Pointer) -> Location {
        self.locate_written(&self.original(pointer))
    }

    /// The pointer, into the document as written, of the node at `pointer` in the tree: the same
    /// but for a converted Swagger 2.0 document.
    pub fn original(&self, pointer: &Pointer) -> Pointer {
        self.origins.original(pointer)
    }

    /// `diagnostic` at the node `written` points at in the document as written, with the pointer.
    pub fn place(&self, diagnostic: Diagnostic, written: &Pointer) -> Diagnostic {
        diagnostic.at(self.locate_written(written)).note(format!("at {written}"))
    }

    fn locate_written(&self, pointer: &Pointer) -> Location {
        match self.positions().spans.find(pointer.keys().iter().map(String::as_str)) {
            Some(span) => Location::indexed(&self.shown, &self.text, &self.positions().lines, span),
            None => Location::file(&self.shown),
        }
    }

    /// Keys given twice in one mapping: the parsers keep the last, silently.
    pub fn duplicate_keys(&self) -> Vec<Diagnostic> {
        self.positions()
            .duplicates
            .iter()
            .map(|(name, first, again)| {
                let lines = &self.positions().lines;
                let first = lines.line_of(first.start) + 1;
                Diagnostic::warning(format!("the key `{name}` is given twice; the last one is used"))
                    .at(Location::indexed(&self.shown, &self.text, lines, again.clone()))
                    .help(format!("the first is at line {first}; rename one of them"))
            })
            .collect()
    }

    /// The positions; a document that parsed as JSON parses as YAML too (if it somehow does
    /// not, diagnostics point at the file as a whole).
    fn positions(&self) -> &Parsed {
        self.positions.get_or_init(|| yaml::positions(&self.text).unwrap_or_default())
    }
}

/// The version the document declares, refusing what is neither OpenAPI 3 nor Swagger 2.0.
fn version(doc: &Document) -> Result<Version, Box<Diagnostic>> {
    let shown = doc.shown.as_str();
    let at = |key: &str| doc.locate(&Pointer::default().join(key));
    let Value::Object(object) = &doc.root else {
        let d = Diagnostic::error("this is not an OpenAPI document: its top level is not a mapping")
            .at(Location::file(shown));
        return Err(Box::new(d));
    };
    // `openapi: 3.0` or `swagger: 2.0` unquoted in YAML reads as a number.
    let declared = |key: &str| match object.get(key) {
        Some(Value::String(v)) => Some(v.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    if let Some(declared) = declared("openapi") {
        if !declared.starts_with("3.") {
            let d = Diagnostic::error(format!("OpenAPI {declared} is not supported; only 3.0 and 3.1 are read"))
                .at(at("openapi"));
            return Err(Box::new(d));
        }
        return Ok(Version::OpenApi(declared));
    }
    // Swagger 1.x says `swaggerVersion`; 2.0, `swagger`.
    let swagger = ["swagger", "swaggerVersion"].into_iter().find_map(|key| Some((key, declared(key)?)));
    match swagger {
        Some(("swagger", declared)) if declared == "2.0" => Ok(Version::Swagger2),
        Some((key, declared)) => {
            let d = Diagnostic::error(format!(
                "Swagger {declared} is not supported; only Swagger 2.0 and OpenAPI 3.0 and 3.1 are read"
            ))
            .at(at(key))
            .help("convert it to OpenAPI 3 first, e.g. with `api-spec-converter`, which reads Swagger 1.x");
            Err(Box::new(d))
        }
        None => {
            let d = Diagnostic::error("this is not an OpenAPI document: it has no `openapi` version")
                .at(Location::file(shown))
                .help("an OpenAPI document starts with `openapi: 3.0.3` or `openapi: 3.1.0` (or, for Swagger, `swagger: \"2.0\"`)");
            Err(Box::new(d))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_and_parse() {
        let pointer = Pointer::default().join("paths").join("/a/{b}").join("get");
        assert_eq!(pointer.to_string(), "#/paths/~1a~1{b}/get");
        assert_eq!(Pointer::parse(&pointer.to_string()), Some(pointer));
        assert_eq!(Pointer::parse("other.yaml#/x"), None);
    }

    #[test]
    fn reads_yaml_and_json_alike() {
        let yaml = Document::parse("a.yaml", "openapi: 3.0.3\npaths:\n  /a:\n    get: {}\n".into()).unwrap();
        let json = Document::parse("a.json", r#"{"openapi": "3.1.0", "paths": {"/a": {"get": {}}}}"#.into()).unwrap();
        let get = Pointer::default().join("paths").join("/a").join("get");
        assert!(yaml.get(&get).is_some() && json.get(&get).is_some());
        assert_eq!((yaml.is_3_1(), json.is_3_1()), (false, true));
        assert_eq!(yaml.locate(&get).line, 4);
        assert_eq!(json.locate(&get).column, 39);
    }

    #[test]
    fn reads_swagger_2_0_as_3_0_and_refuses_swagger_1() {
        let text = "swagger: 2.0\ndefinitions:\n  Pet: { type: object }\n".to_string();
        let doc = Document::parse("a.yaml", text).unwrap();
        assert_eq!((doc.version.to_string(), doc.is_3_1()), ("Swagger 2.0".to_string(), false));
        let pet = Pointer::default().join("components").join("schemas").join("Pet");
        assert!(doc.get(&pet).is_some());
        assert_eq!(doc.original(&pet).to_string(), "#/definitions/Pet");
        assert_eq!(doc.locate(&pet).line, 3);
        for text in ["swagger: '1.2'\n", "{\"swaggerVersion\": \"1.2\", \"apis\": []}"] {
            let refused = Document::parse("old", text.into()).unwrap_err();
            assert!(refused.message.starts_with("Swagger 1.2 is not supported"), "{}", refused.message);
            assert_eq!(refused.location.as_ref().map(|l| l.line), Some(1));
        }
    }

    #[test]
    fn follows_references_and_stops_at_cycles() {
        let text =
            "openapi: 3.1.0\nx:\n  a: { $ref: '#/x/b' }\n  b: { $ref: '#/x/a' }\n  c: { $ref: '#/x/d' }\n  d: 1\n";
        let doc = Document::parse("a.yaml", text.into()).unwrap();
        let at = Pointer::default().join("x");
        let x = |k: &str| doc.get(&at.join(k)).unwrap();
        assert!(doc.follow(&at.join("a"), x("a")).unwrap_err().contains("cycle"));
        assert_eq!(doc.follow(&at.join("c"), x("c")).unwrap().1, &Value::from(1));
    }
}
