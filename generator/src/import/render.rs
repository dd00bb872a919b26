//! The draft as spec YAML text, laid out as a person writes it (`spec/README.md`): short entries
//! as one-line `{ … }` mappings, long prose as `|` blocks, the importer's choices as comments.
//!
//! Text is written by hand rather than through `serde_yaml`, which cannot write comments and
//! would lay every field out over several lines. Every scalar goes through [`scalar`], which
//! writes it plain only when YAML cannot read it as anything else, and double-quoted with
//! escapes otherwise; a unit test reads hostile strings back through the reader of spec files
//! ([`yaml_de`](crate::yaml_de)), as values: a string that reads as a number fails it.

use std::fmt::Write as _;

use super::draft::{
    ApiDraft, Bounds, EndpointDraft, EnumDraft, FieldDraft, FileDraft, KeyDraft, ParamDraft, TypeDraft, WebhooksDraft,
};

/// The widest a one-line `{ … }` entry may be before it is laid out as a block.
const MAX_FLOW_WIDTH: usize = 140;

/// The `api` block's file.
pub fn api_file(api: &ApiDraft, header: &[String]) -> String {
    let mut out = Out::default();
    out.comments(0, header);
    out.line(0, "api:");
    out.comments(1, &api.comments);
    out.entry(1, "name", &api.name);
    out.entry(1, "title", &api.title);
    if let Some(description) = &api.description {
        out.entry(1, "description", description);
    }
    out.entry(1, "base_url", &api.base_url);
    out.line(1, "auth:");
    if let Some(header) = &api.api_key {
        out.line(2, &format!("api_key: {{ header: {} }}", scalar(header)));
    }
    if api.bearer {
        out.line(2, "bearer: true");
    }
    if !api.editions.is_empty() {
        out.line(1, "editions:");
        for (name, title, description) in &api.editions {
            let mut pairs = vec![("title", Value::Text(title))];
            if let Some(description) = description {
                pairs.push(("description", Value::Text(description)));
            }
            out.mapping(2, name, &pairs);
        }
    }
    if let Some((status, body)) = &api.not_served {
        // JSON is YAML's flow style: the body is written as the document has it.
        let body = serde_json::to_string(body).unwrap_or_default();
        out.line(1, &format!("not_served: {{ status: {status}, body: {body} }}"));
    }
    if !api.ids.is_empty() {
        out.section("ids:");
        for (name, doc) in &api.ids {
            out.entry(1, name, doc);
        }
    }
    out.0
}

/// One tag's file.
pub fn file(draft: &FileDraft) -> String {
    let mut out = Out::default();
    out.comments(0, &draft.comments);
    if let Some(description) = &draft.description {
        out.entry(0, "description", description);
    }
    if let Some(webhooks) = &draft.webhooks {
        out.webhooks(webhooks);
    }
    if !draft.types.is_empty() {
        out.section("types:");
        for (name, ty) in &draft.types {
            out.type_def(name, ty);
        }
    }
    if !draft.enums.is_empty() {
        out.section("enums:");
        for (name, def) in &draft.enums {
            out.enum_def(name, def);
        }
    }
    if !draft.keys.is_empty() {
        out.section("keys:");
        for (name, def) in &draft.keys {
            out.key_def(name, def);
        }
    }
    if !draft.endpoints.is_empty() {
        out.section("endpoints:");
        for (name, endpoint) in &draft.endpoints {
            out.endpoint(name, endpoint);
        }
    }
    out.0
}

/// A value of a `{ key: value }` entry: text to quote as needed, or a literal (a number, a
/// boolean, a type expression the importer built) written as it is.
enum Value<'a> {
    Text(&'a str),
    Literal(String),
}

#[derive(Default)]
struct Out(String);

impl Out {
    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.0, "{}{text}", "  ".repeat(indent));
    }

    /// A blank line, then a top-level key.
    fn section(&mut self, key: &str) {
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        self.line(0, key);
    }

    fn comments(&mut self, indent: usize, comments: &[String]) {
        for comment in comments {
            for line in comment.lines() {
                // A comment cannot escape anything: what YAML would refuse is replaced.
                let line: String =
                    line.chars().map(|c| if is_printable(c) || c == '\t' { c } else { '\u{FFFD}' }).collect();
                self.line(indent, format!("# {line}").trim_end());
            }
        }
    }

    /// `key: value`, with multi-line text as a `|` block where it reads back the same.
    fn entry(&mut self, indent: usize, key: &str, value: &str) {
        match block(value, indent + 1) {
            Some(block) => {
                let _ = write!(self.0, "{}{}: {block}", "  ".repeat(indent), scalar(key));
            }
            None => self.line(indent, &format!("{}: {}", scalar(key), block_scalar(value))),
        }
    }

    /// `key: { a: b, … }` on one line when it fits and holds no multi-line text, else a block.
    fn mapping(&mut self, indent: usize, key: &str, pairs: &[(&str, Value<'_>)]) {
        let flat = pairs.iter().all(|(_, v)| !matches!(v, Value::Text(t) if t.contains('\n')));
        let inner: Vec<String> = pairs
            .iter()
            .map(|(k, v)| match v {
                Value::Text(t) => format!("{k}: {}", scalar(t)),
                Value::Literal(l) => format!("{k}: {l}"),
            })
            .collect();
        let one_line = format!("{}: {{ {} }}", scalar(key), inner.join(", "));
        if flat && indent * 2 + one_line.len() <= MAX_FLOW_WIDTH {
            self.line(indent, &one_line);
            return;
        }
        self.line(indent, &format!("{}:", scalar(key)));
        for (k, v) in pairs {
            match v {
                Value::Text(t) => self.entry(indent + 1, k, t),
                Value::Literal(l) => self.line(indent + 1, &format!("{k}: {l}")),
            }
        }
    }

    fn webhooks(&mut self, webhooks: &WebhooksDraft) {
        self.section("webhooks:");
        if let Some(description) = &webhooks.description {
            self.entry(1, "description", description);
        }
        self.entry(1, "signature_header", &webhooks.signature_header);
        if !webhooks.signature_prefix.is_empty() {
            self.entry(1, "signature_prefix", &webhooks.signature_prefix);
        }
        self.entry(1, "event_header", &webhooks.event_header);
        if let Some(header) = &webhooks.delivery_header {
            self.entry(1, "delivery_header", header);
        }
        self.line(1, "events:");
        for (name, event) in &webhooks.events {
            self.comments(2, &event.comments);
            let mut pairs = vec![("type", Value::Literal(scalar(&event.ty)))];
            if let Some(description) = &event.description {
                pairs.push(("description", Value::Text(description)));
            }
            self.mapping(2, name, &pairs);
        }
    }

    fn type_def(&mut self, name: &str, ty: &TypeDraft) {
        self.line(1, &format!("{}:", scalar(name)));
        self.comments(2, &ty.comments);
        if let Some(description) = &ty.description {
            self.entry(2, "description", description);
        }
        if !ty.one_of.is_empty() {
            self.line(2, "one_of:");
            for (variant, expr) in &ty.one_of {
                self.line(3, &format!("{}: {}", scalar(variant), scalar(expr)));
            }
            return;
        }
        if !ty.into.is_empty() {
            self.line(2, "into:");
            for (target, renames) in &ty.into {
                let pairs: Vec<(&str, Value<'_>)> =
                    renames.iter().map(|(to, from)| (to.as_str(), Value::Text(from))).collect();
                if pairs.is_empty() {
                    self.line(3, &format!("{}: {{}}", scalar(target)));
                } else {
                    self.mapping(3, target, &pairs);
                }
            }
        }
        if !ty.expand.is_empty() {
            let pairs: Vec<(&str, Value<'_>)> =
                ty.expand.iter().map(|(field, object)| (field.as_str(), Value::Text(object))).collect();
            self.mapping(2, "expand", &pairs);
        }
        if ty.select {
            self.line(2, "select: true");
        }
        self.line(2, if ty.fields.is_empty() { "fields: {}" } else { "fields:" });
        for (wire, field) in &ty.fields {
            self.field(3, wire, field);
        }
    }

    fn field(&mut self, indent: usize, wire: &str, field: &FieldDraft) {
        self.comments(indent, &field.comments);
        let mut pairs = vec![("type", Value::Literal(scalar(&field.ty)))];
        if field.required {
            pairs.push(("required", Value::Literal("true".into())));
        }
        if field.nullable {
            pairs.push(("nullable", Value::Literal("true".into())));
        }
        bounds(&mut pairs, &field.bounds);
        if let Some(description) = &field.description {
            pairs.push(("description", Value::Text(description)));
        }
        self.mapping(indent, wire, &pairs);
    }

    fn enum_def(&mut self, name: &str, def: &EnumDraft) {
        self.line(1, &format!("{}:", scalar(name)));
        self.comments(2, &def.comments);
        if let Some(description) = &def.description {
            self.entry(2, "description", description);
        }
        if def.codes.is_empty() {
            self.line(2, "values:");
            for value in &def.values {
                self.line(3, &format!("{}:", scalar(value)));
            }
        } else {
            self.line(2, "codes:");
            for (name, code) in &def.codes {
                self.line(3, &format!("{}: {{ code: {code} }}", scalar(name)));
            }
        }
    }

    fn key_def(&mut self, name: &str, def: &KeyDraft) {
        self.line(1, &format!("{}:", scalar(name)));
        self.comments(2, &def.comments);
        if let Some(description) = &def.description {
            self.entry(2, "description", description);
        }
        self.line(2, &format!("format: {}", scalar(&def.format)));
        if let Some(example) = &def.example {
            self.line(2, &format!("example: {}", scalar(example)));
        }
        self.line(2, "parts:");
        for (part, draft) in &def.parts {
            let mut pairs = vec![("type", Value::Literal(draft.ty.clone()))];
            bounds(&mut pairs, &draft.bounds);
            if let Some(description) = &draft.description {
                pairs.push(("description", Value::Text(description)));
            }
            self.mapping(3, part, &pairs);
        }
    }

    fn endpoint(&mut self, name: &str, endpoint: &EndpointDraft) {
        self.line(1, &format!("{}:", scalar(name)));
        self.comments(2, &endpoint.comments);
        self.entry(2, "summary", &endpoint.summary);
        if let Some(description) = &endpoint.description {
            self.entry(2, "description", description);
        }
        self.line(2, &format!("method: {}", endpoint.method));
        self.entry(2, "path", &endpoint.path);
        if !endpoint.scopes.is_empty() {
            let scopes: Vec<String> = endpoint.scopes.iter().map(|s| scalar(s)).collect();
            self.line(2, &format!("scopes: [{}]", scopes.join(", ")));
        }
        if !endpoint.params.is_empty() {
            self.line(2, "params:");
            for (wire, param) in &endpoint.params {
                self.param(wire, param);
            }
        }
        if let Some(editions) = &endpoint.editions {
            let editions: Vec<String> = editions.iter().map(|e| scalar(e)).collect();
            self.line(2, &format!("editions: [{}]", editions.join(", ")));
        }
        if let Some(request) = &endpoint.request {
            let mut pairs = Vec::new();
            if let Some(content) = &request.content {
                pairs.push(("content", Value::Text(content)));
            }
            if let Some(ty) = &request.ty {
                pairs.push(("type", Value::Literal(scalar(ty))));
            }
            if request.nullable {
                pairs.push(("nullable", Value::Literal("true".into())));
            }
            if let Some(description) = &request.description {
                pairs.push(("description", Value::Text(description)));
            }
            self.mapping(2, "request", &pairs);
        }
        if let Some(body) = &endpoint.body {
            self.line(2, if body.is_empty() { "body: {}" } else { "body:" });
            for (wire, field) in body {
                self.field(3, wire, field);
            }
        }
        let response = &endpoint.response;
        let mut pairs = vec![("status", Value::Literal(response.status.to_string()))];
        if let Some(ty) = &response.ty {
            pairs.push(("type", Value::Literal(scalar(ty))));
        }
        if response.paginated {
            pairs.push(("paginated", Value::Literal("true".into())));
        }
        if let Some(description) = &response.description {
            pairs.push(("description", Value::Text(description)));
        }
        self.mapping(2, "response", &pairs);
        for (key, block) in &endpoint.transfers {
            let pairs: Vec<(&str, Value<'_>)> = block.iter().map(|(k, v)| (k.as_str(), json_value(v))).collect();
            self.mapping(2, key, &pairs);
        }
    }

    fn param(&mut self, wire: &str, param: &ParamDraft) {
        self.comments(3, &param.comments);
        let mut pairs =
            vec![("in", Value::Literal(param.location.into())), ("type", Value::Literal(scalar(&param.ty)))];
        if param.required && param.location != "path" {
            pairs.push(("required", Value::Literal("true".into())));
        }
        if let Some((style, explode)) = param.style {
            pairs.push(("style", Value::Literal(style.into())));
            pairs.push(("explode", Value::Literal(explode.to_string())));
        }
        if let Some(example) = &param.example {
            pairs.push(("example", Value::Text(example)));
        }
        bounds(&mut pairs, &param.bounds);
        if let Some(description) = &param.description {
            pairs.push(("description", Value::Text(description)));
        }
        self.mapping(3, wire, &pairs);
    }
}

/// A JSON value of an `x-upload` or `x-download` block as YAML: text, a number or boolean, or a
/// flow mapping of them (`confirm_body`).
fn json_value(value: &serde_json::Value) -> Value<'_> {
    match value {
        serde_json::Value::String(text) => Value::Text(text),
        serde_json::Value::Object(fields) => {
            let inner: Vec<String> = fields
                .iter()
                .map(|(k, v)| match json_value(v) {
                    Value::Text(text) => format!("{}: {}", scalar(k), scalar(text)),
                    Value::Literal(literal) => format!("{}: {literal}", scalar(k)),
                })
                .collect();
            Value::Literal(format!("{{ {} }}", inner.join(", ")))
        }
        other => Value::Literal(other.to_string()),
    }
}

fn bounds(pairs: &mut Vec<(&str, Value<'_>)>, bounds: &Bounds) {
    let integers = [("minimum", bounds.minimum), ("maximum", bounds.maximum)];
    let lengths = [("min_length", bounds.min_length), ("max_length", bounds.max_length)];
    pairs.extend(integers.into_iter().filter_map(|(k, v)| Some((k, Value::Literal(v?.to_string())))));
    pairs.extend(lengths.into_iter().filter_map(|(k, v)| Some((k, Value::Literal(v?.to_string())))));
}

/// Words YAML 1.1 or 1.2 reads as something other than text.
const SPECIAL_WORDS: &[&str] = &["null", "true", "false", "yes", "no", "on", "off", "y", "n"];

/// `text` as a YAML scalar that reads back as exactly `text`, in block or flow context: plain
/// when that is safe, double-quoted otherwise.
pub fn scalar(text: &str) -> String {
    if is_plain(text, true) { text.to_string() } else { quoted(text) }
}

/// Like [`scalar`], for a value that is never inside `{ … }` or `[ … ]`, where brackets and
/// commas are ordinary characters (`path: /a/{id}/` stays plain).
fn block_scalar(text: &str) -> String {
    if is_plain(text, false) && few_brackets(text) { text.to_string() } else { quoted(text) }
}

/// Whether unquoted text has few enough `[` and `{` for the generator's nesting guard
/// (`spec::too_deep`), which counts them everywhere outside quotes.
fn few_brackets(text: &str) -> bool {
    text.matches(['[', '{']).count() <= 16
}

fn is_plain(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else { return false };
    // Indicators (`-`, `?`, `:`, `&`, `*`, `!`, `|`, `>`, `'`, `"`, `%`, `@`, `` ` ``, `#`, `.`,
    // brackets) and digits (numbers, dates) may change what a scalar means when they lead it.
    let leads = first.is_alphabetic() || first == '_' || first == '/';
    leads
        && text.trim() == text
        && !text.ends_with(':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(|c| {
            (in_flow && matches!(c, ',' | '[' | ']' | '{' | '}')) || matches!(c, '"' | '\\' | '\t') || !is_printable(c)
        })
        && !SPECIAL_WORDS.contains(&text.to_ascii_lowercase().as_str())
}

/// Characters YAML allows unescaped, less the ones YAML 1.1 reads as line breaks.
fn is_printable(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// `text` double-quoted, with everything that is not printable escaped.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// Multi-line `text` as a `|` block at `indent`, starting after `key: ` and ending with a
/// newline; `None` when a block would not read back the same (trailing spaces, characters
/// that need escaping, a first line that starts with a space).
fn block(text: &str, indent: usize) -> Option<String> {
    let body = text.trim_end_matches('\n');
    if !body.contains('\n') {
        return None;
    }
    let safe = few_brackets(body)
        && body.chars().all(|c| c == '\n' || is_printable(c))
        && body.lines().all(|l| l.trim_end() == l)
        && body.lines().find(|l| !l.is_empty()).is_some_and(|l| !l.starts_with(' '));
    if !safe {
        return None;
    }
    let chomp = match text.len() - body.len() {
        0 => "|-",
        1 => "|",
        _ => "|+",
    };
    let pad = "  ".repeat(indent);
    let mut out = format!("{chomp}\n");
    for line in body.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{pad}{line}");
        }
    }
    for _ in 1..text.len() - body.len() {
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const HOSTILE: &[&str] = &[
        "",
        " ",
        "plain text",
        "yes",
        "No",
        "null",
        "~",
        "123",
        "1e3",
        "0x1F",
        "2024-01-01",
        ".inf",
        "-",
        "- item",
        "? key",
        "key: value",
        "ends with colon:",
        "a #comment",
        "#comment",
        "&anchor",
        "*alias",
        "!tag",
        "%directive",
        "@at",
        "`tick`",
        "'single'",
        "\"double\"",
        "back\\slash",
        "tab\there",
        "line\nbreak",
        "trailing newline\n",
        "two trailing\n\n",
        "  leading spaces\nsecond",
        "trailing space \nsecond",
        "{ flow: map }",
        "[flow, seq]",
        "a, b",
        "nel\u{85}here",
        "ls\u{2028}ps\u{2029}",
        "bom\u{FEFF}",
        "bell\u{7}del\u{7F}",
        "c1\u{9B}",
        "é accents",
        "emoji 🦀",
        "---",
        "...",
        "<<",
        "| pipe",
        "> fold",
        "=",
        "{{template}}",
        "/api/v1/{id}/",
    ];

    #[test]
    fn every_scalar_reads_back_the_same_in_block_and_flow_context() {
        for text in HOSTILE {
            let value = scalar(text);
            let block: Value = crate::yaml_de::from_str(&format!("key: {}\n", block_scalar(text))).unwrap();
            assert_eq!(block["key"].as_str(), Some(*text), "block: {value}");
            let flow: Value = crate::yaml_de::from_str(&format!("m: {{ key: {value}, next: 1 }}\n")).unwrap();
            assert_eq!(flow["m"]["key"].as_str(), Some(*text), "flow: {value}");
        }
    }

    #[test]
    fn multi_line_text_reads_back_the_same_as_an_entry() {
        for text in HOSTILE.iter().copied().chain(["a\nb", "a\n\nb\n", "a\n  indented\nb\n\n\n"]) {
            let mut out = Out::default();
            out.line(0, "outer:");
            out.entry(1, "description", text);
            let value: Value = crate::yaml_de::from_str(&out.0).unwrap();
            assert_eq!(value["outer"]["description"].as_str(), Some(text), "{}", out.0);
        }
    }

    #[test]
    fn plain_where_safe() {
        assert_eq!(scalar("The workspace's slug."), "The workspace's slug.");
        assert_eq!(scalar("/api/v1/{id}/"), "\"/api/v1/{id}/\"");
        assert_eq!(block_scalar("/api/v1/{id}/"), "/api/v1/{id}/");
        assert_eq!(scalar("list<State>"), "list<State>");
        assert_eq!(scalar("yes"), "\"yes\"");
    }
}
