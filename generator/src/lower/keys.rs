//! Lowering key types: the parts of a value written as one string (a work item's `PROJ-42` is
//! a project's identifier and a number), and the format that writes them (`{project}-{number}`).
//! The format must name every part once, with literal text between every two parts, so that the
//! runtime can split a key's text again, from the right, at each separator.

use std::collections::HashMap;
use std::ops::Range;

use super::{Lowerer, closest};
use crate::diagnostic::Diagnostic;
use crate::model::{Bounds, KeyDef, KeyPart, Ty};
use crate::names;
use crate::spec::{KeySpec, Loaded};

/// A format, read: the literal text around the parts (one more than there are parts), and each
/// part's name with where its `{name}` is in the format.
struct Format<'a> {
    literals: Vec<&'a str>,
    parts: Vec<(&'a str, Range<usize>)>,
}

/// Why a format cannot be read: the message, the text to point at, and a hint.
struct FormatError<'a> {
    message: String,
    at: &'a str,
    help: &'static str,
}

/// Reads a format: parts in braces, literal text around them. Braces do not nest, and the
/// literal text cannot hold them.
fn read_format(format: &str) -> Result<Format<'_>, FormatError<'_>> {
    let (mut literals, mut parts) = (Vec::new(), Vec::new());
    let mut start = 0;
    while let Some(found) = format[start..].find(['{', '}']) {
        let open = start + found;
        let rest = &format[open..];
        if rest.starts_with('}') {
            let help = "a key's literal text cannot hold braces; each part is written `{name}`";
            return Err(FormatError { message: "a `}` that closes no part".into(), at: rest, help });
        }
        let close = match format[open + 1..].find(['{', '}']) {
            Some(n) if format[open + 1 + n..].starts_with('}') => open + 1 + n,
            _ => {
                let help = "close it: each part is written `{name}`";
                return Err(FormatError { message: "a `{` that opens a part it never closes".into(), at: rest, help });
            }
        };
        literals.push(&format[start..open]);
        parts.push((&format[open + 1..close], open..close + 1));
        start = close + 1;
    }
    literals.push(&format[start..]);
    Ok(Format { literals, parts })
}

/// The text of each part of `text`, a key written with these `literals` around its parts, split
/// as the runtime splits it (from the right); `None` if it does not fit.
fn split(literals: &[String], text: &str) -> Option<Vec<String>> {
    let (prefix, rest) = literals.split_first()?;
    let (suffix, separators) = rest.split_last()?;
    let mut rest = text.strip_prefix(prefix.as_str())?.strip_suffix(suffix.as_str())?;
    let mut parts = Vec::new();
    for separator in separators.iter().rev() {
        let (left, right) = rest.rsplit_once(separator.as_str())?;
        parts.push(right.to_string());
        rest = left;
    }
    parts.push(rest.to_string());
    parts.reverse();
    Some(parts)
}

/// What is wrong with `text` as the value of `part`, as the runtime would find it, if anything.
fn wrong_part(part: &KeyPart, text: &str) -> Option<String> {
    if text.is_empty() {
        return Some(format!("`{{{}}}` is empty", part.name));
    }
    if part.ty != Ty::Integer {
        return None;
    }
    let Some(value) = text.bytes().all(|b| b.is_ascii_digit()).then(|| text.parse::<i64>().ok()).flatten() else {
        return Some(format!("`{{{}}}` is `{text}`, not an integer written in digits", part.name));
    };
    match part.bounds {
        Bounds { minimum: Some(min), .. } if value < min => {
            Some(format!("`{{{}}}` is {value}, below its minimum {min}", part.name))
        }
        Bounds { maximum: Some(max), .. } if value > max => {
            Some(format!("`{{{}}}` is {value}, above its maximum {max}", part.name))
        }
        _ => None,
    }
}

/// The parts' texts of `text` as a key of `format` (with these `literals` and `parts`), or what
/// is wrong with it.
pub(super) fn parse(format: &str, literals: &[String], parts: &[KeyPart], text: &str) -> Result<Vec<String>, String> {
    let texts = split(literals, text).ok_or_else(|| format!("it does not have the shape `{format}`"))?;
    match parts.iter().zip(&texts).find_map(|(part, text)| wrong_part(part, text)) {
        Some(wrong) => Err(wrong),
        None => Ok(texts),
    }
}

impl Lowerer<'_> {
    /// One key type: its parts, checked against its format.
    pub(super) fn key_def(&mut self, file: &Loaded, module: &str, name: &str, spec: &KeySpec) -> Option<KeyDef> {
        let ident = self.types.get(name)?.named()?.to_string();
        let at = || file.key_at(&["keys", name]);
        if spec.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
            self.error(Diagnostic::warning(format!("key type `{name}` has no description")).at(at()));
        }
        let format_at = ["keys", name, "format"];
        let format = match read_format(&spec.format) {
            Ok(format) => format,
            Err(e) => {
                let d = Diagnostic::error(e.message).at(file.within_value(&format_at, e.at)).help(e.help);
                self.error(d);
                return None;
            }
        };
        let parts = self.key_parts(file, name, spec, &format)?;
        let literals: Vec<String> = format.literals.iter().map(|l| l.to_string()).collect();
        let example = self.key_example(file, name, spec, &literals, &parts)?;
        Some(KeyDef {
            ident,
            module: module.to_string(),
            spec_name: name.to_string(),
            doc: spec.description.clone().unwrap_or_default(),
            format: spec.format.clone(),
            literals,
            parts,
            example,
        })
    }

    /// The parts, in the format's order: each named once in the format, with text between every
    /// two, of a type a key's text can hold.
    fn key_parts(&mut self, file: &Loaded, name: &str, spec: &KeySpec, format: &Format<'_>) -> Option<Vec<KeyPart>> {
        let format_at = ["keys", name, "format"];
        let mut ok = true;
        if format.parts.is_empty() {
            let d = Diagnostic::error(format!("the format of `{name}` names no part"))
                .at(file.value_at(&format_at))
                .help("name each part in braces, with text between them: `{project}-{number}`");
            self.error(d);
            return None;
        }
        for (i, (part, span)) in format.parts.iter().enumerate() {
            let written = &spec.format[span.clone()];
            if !spec.parts.contains_key(*part) {
                let mut d = Diagnostic::error(format!("the format names `{written}`, which is not one of the parts"))
                    .at(file.within_value(&format_at, written));
                d = match closest(part, spec.parts.keys().map(String::as_str)) {
                    Some(best) => d.help(format!("did you mean `{{{best}}}`?")),
                    None => d.help(format!("declare `{part}` under `parts:`, with its type")),
                };
                self.error(d);
                ok = false;
            } else if format.parts[..i].iter().any(|(earlier, _)| earlier == part) {
                let d = Diagnostic::error(format!("the format names `{written}` twice"))
                    .at(file.within_value(&format_at, written))
                    .help("a key holds each part once");
                self.error(d);
                ok = false;
            }
            if i > 0 && format.literals[i].is_empty() {
                let (before, _) = &format.parts[i - 1];
                let both = format!("{{{before}}}{written}");
                let d = Diagnostic::error(format!("nothing separates `{{{before}}}` from `{written}`"))
                    .at(file.within_value(&format_at, &both))
                    .help(format!(
                        "put literal text between them, e.g. `{{{before}}}-{written}`: without it, a key's text \
                         cannot be split into its parts"
                    ));
                self.error(d);
                ok = false;
            }
        }
        let mut parts = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        for (part, part_spec) in &spec.parts {
            let path = ["keys", name, "parts", part.as_str()];
            if !format.parts.iter().any(|(named, _)| named == part) {
                let d = Diagnostic::error(format!("part `{part}` is not in the format `{}`", spec.format))
                    .at(file.key_at(&path))
                    .help(format!("write `{{{part}}}` in the format, or remove the part"));
                self.error(d);
                ok = false;
                continue;
            }
            let Some(ident) = self.rust_name(names::field, "part", part, || file.key_at(&path)) else {
                ok = false;
                continue;
            };
            if let Some(other) = seen.insert(ident.clone(), part.clone()) {
                self.clash(format!("parts `{other}` and `{part}` both become `{ident}` in Rust"), file.key_at(&path));
                ok = false;
                continue;
            }
            if part_spec.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
                self.error(Diagnostic::warning(format!("part `{part}` has no description")).at(file.key_at(&path)));
            }
            let ty_path = [path.as_slice(), &["type"]].concat();
            let ty = match part_spec.ty.trim() {
                "string" => Ty::String,
                "integer" => Ty::Integer,
                other => {
                    let d = Diagnostic::error(format!("part `{part}` has type `{other}`, which a key cannot hold"))
                        .at(file.value_at(&ty_path))
                        .help("a key's parts are `string` or `integer`");
                    self.error(d);
                    ok = false;
                    continue;
                }
            };
            if !self.check_bounds(file, &path, part_spec.bounds(), &ty, None) {
                ok = false;
                continue;
            }
            if let Some((key, bound)) = [("minimum", part_spec.minimum), ("maximum", part_spec.maximum)]
                .into_iter()
                .find_map(|(key, bound)| Some((key, bound.filter(|b| *b < 0)?)))
            {
                let d = Diagnostic::error(format!("`{key}` is {bound}, but a key's integers are never negative"))
                    .at(file.value_at(&[path.as_slice(), &[key]].concat()))
                    .help("a key's integers are written in digits, with no sign: make it 0 or more");
                self.error(d);
                ok = false;
                continue;
            }
            parts.push(KeyPart {
                name: part.clone(),
                ident,
                ty,
                doc: part_spec.description.clone().unwrap_or_default(),
                bounds: part_spec.bounds(),
            });
        }
        if !ok {
            return None;
        }
        // In the format's order, which is the order of the struct's fields and of `new`'s arguments.
        parts.sort_by_key(|p| format.parts.iter().position(|(named, _)| *named == p.name));
        Some(parts)
    }

    /// Checks that a parameter's `example`, found under `path`, is a key of its type `ty` when it
    /// is one. Returns whether all is well.
    pub(super) fn check_key_example(&mut self, file: &Loaded, path: &[&str], ty: &Ty, example: Option<&str>) -> bool {
        let (Ty::Key(ident), Some(example)) = (ty, example) else { return true };
        let Some(key) = self.keys.get(ident) else { return true };
        let Err(why) = parse(&key.format, &key.literals, &key.parts, example) else { return true };
        let d = Diagnostic::error(format!("the example `{example}` is not a `{}`: {why}", key.spec_name))
            .at(file.value_at(&[path, &["example"]].concat()))
            .help(format!("an example of the key's format, `{}`, such as `{}`", key.format, key.text(&key.example)));
        self.error(d);
        false
    }

    /// The parts' texts of the spec's example, which must read back; or of one made from the
    /// parts' names and bounds.
    fn key_example(
        &mut self,
        file: &Loaded,
        name: &str,
        spec: &KeySpec,
        literals: &[String],
        parts: &[KeyPart],
    ) -> Option<Vec<String>> {
        let made;
        let (text, at, help) = match &spec.example {
            Some(example) => (example.as_str(), file.value_at(&["keys", name, "example"]), "fix the example"),
            None => {
                let texts: Vec<String> = parts.iter().map(made_up).collect();
                made = crate::model::key_text(literals, &texts);
                (made.as_str(), file.key_at(&["keys", name]), "add an `example:` that fits the format")
            }
        };
        match parse(&spec.format, literals, parts, text) {
            Ok(texts) => Some(texts),
            Err(why) => {
                let what = if spec.example.is_some() { "the example" } else { "the example made from its parts" };
                let d = Diagnostic::error(format!("{what} `{text}` is not a `{name}`: {why}")).at(at).help(help);
                self.error(d);
                None
            }
        }
    }
}

/// A part's value for an example the spec does not give: its name in capitals for text
/// (`PROJECT`), its minimum or 1 (within its maximum) for an integer.
fn made_up(part: &KeyPart) -> String {
    if part.ty != Ty::Integer {
        let text: String = part.name.chars().filter(char::is_ascii_alphanumeric).collect();
        return if text.is_empty() { "X".to_string() } else { text.to_ascii_uppercase() };
    }
    let low = part.bounds.minimum.unwrap_or(1);
    part.bounds.maximum.map_or(low, |max| low.min(max)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(name: &str, ty: Ty, minimum: Option<i64>) -> KeyPart {
        let bounds = Bounds { minimum, ..Bounds::default() };
        KeyPart { name: name.into(), ident: name.into(), ty, doc: String::new(), bounds }
    }

    #[test]
    fn a_format_is_literals_around_parts() {
        let format = read_format("#{a}-{b}.").ok().unwrap();
        assert_eq!(format.literals, ["#", "-", "."]);
        assert_eq!(format.parts, [("a", 1..4), ("b", 5..8)]);
        let format = read_format("{a}{b}").ok().unwrap();
        assert_eq!(format.literals, ["", "", ""]);
        assert!(read_format("{a}-{b").is_err());
        assert!(read_format("{a}-b}").is_err());
        assert!(read_format("{a{b}}").is_err());
        assert_eq!(read_format("none").ok().unwrap().parts, []);
    }

    #[test]
    fn text_is_split_as_the_runtime_splits_it() {
        let literals: Vec<String> = ["", "-", ""].map(String::from).to_vec();
        let parts = [part("project", Ty::String, None), part("number", Ty::Integer, Some(1))];
        let parse = |text| parse("{project}-{number}", &literals, &parts, text);
        assert_eq!(parse("A-B-42"), Ok(vec!["A-B".to_string(), "42".to_string()]));
        assert_eq!(parse("PROJ42"), Err("it does not have the shape `{project}-{number}`".into()));
        assert_eq!(parse("-4"), Err("`{project}` is empty".into()));
        assert_eq!(parse("P-x"), Err("`{number}` is `x`, not an integer written in digits".into()));
        assert_eq!(parse("P-0"), Err("`{number}` is 0, below its minimum 1".into()));
        assert_eq!(made_up(&parts[0]), "PROJECT");
        assert_eq!(made_up(&parts[1]), "1");
    }
}
