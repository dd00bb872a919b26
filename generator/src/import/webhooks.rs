//! OpenAPI 3.1's top-level `webhooks` as the spec's `webhooks:` block: each webhook is an event,
//! named by its key, whose variant holds the type of its request body. How deliveries are signed
//! and named is not OpenAPI's to say, so it comes from `x-webhooks` (which this generator's
//! documents write); without it the events' types are still imported, and a warning says why
//! there is no block. The block goes in the file of the first event's tag, each event's types in
//! the file of its own tag.

use std::collections::{BTreeSet, HashMap};

use heck::ToUpperCamelCase;
use serde_json::{Map, Value};

use super::document::{Document, Pointer};
use super::draft::{WebhookEventDraft, WebhooksDraft};
use super::keywords::Object;
use super::operations::{self, UNTAGGED};
use super::schema::{Ctx, Dir, Schemas};
use crate::names;

/// The extension that says how deliveries are signed and named.
pub const EXTENSION: &str = "x-webhooks";

/// How the document's deliveries are signed and named, from `x-webhooks`: `None` when the
/// document has no webhooks, or does not say (with a warning).
pub fn scheme(doc: &Document, schemas: &mut Schemas<'_>) -> Option<WebhooksDraft> {
    doc.root.get("webhooks").and_then(Value::as_object).filter(|w| !w.is_empty())?;
    let at = Pointer::default().join(EXTENSION);
    let unsigned = "the webhooks are not imported as a `webhooks:` block (their types are)";
    let help = "if the API signs each delivery with an HMAC-SHA256 of its body, in hex, say which headers carry \
                it in `x-webhooks` (`signature_header`, `signature_prefix`, `event_header`, `delivery_header`) \
                or write the `webhooks:` block by hand";
    let Some(extension) = doc.get(&at).and_then(Value::as_object) else {
        let what = format!("{unsigned}: the document does not say how deliveries are signed (no `{EXTENSION}`)");
        schemas.findings.warn_help(&Pointer::default().join("webhooks"), what, help);
        return None;
    };
    let text = |key: &str| extension.get(key).and_then(Value::as_str).map(str::trim);
    let header = |schemas: &mut Schemas<'_>, key: &str, needed: bool| match text(key) {
        Some(header) if crate::lower::is_header_name(header) => Some(Some(header.to_string())),
        None if !needed => Some(None),
        found => {
            let why = match found {
                Some(header) => format!("`{header}` is not a header name"),
                None => "it is missing".to_string(),
            };
            schemas.findings.warn_help(&at.join(key), format!("{unsigned}: `{key}`: {why}"), help);
            None
        }
    };
    let signature_header = header(schemas, "signature_header", true).flatten();
    let event_header = header(schemas, "event_header", true).flatten();
    let delivery_header = header(schemas, "delivery_header", false)?;
    Some(WebhooksDraft {
        description: text("description").filter(|d| !d.is_empty()).map(str::to_string),
        signature_header: signature_header?,
        signature_prefix: extension.get("signature_prefix").and_then(Value::as_str).unwrap_or_default().to_string(),
        event_header: event_header?,
        delivery_header,
        events: Vec::new(),
    })
}

/// A webhook's operation, and where it is.
pub type Operation<'d> = (Pointer, &'d Map<String, Value>);

/// Every webhook by name, in document order, with its operation: the `post` of its path item (any
/// other method when it has none: a receiver does not look), or `None` when it has none.
pub fn webhooks(doc: &Document) -> impl Iterator<Item = (&String, Option<Operation<'_>>)> {
    let base = Pointer::default().join("webhooks");
    let items = doc.root.get("webhooks").and_then(Value::as_object).into_iter().flatten();
    items.map(move |(name, item)| {
        let operation = doc.follow(&base.join(name.clone()), item).ok().and_then(|(at, item)| {
            let item = item.as_object()?;
            let method = item.get("post").map(|_| "post").or_else(|| {
                let mut methods = item.iter().filter(|(method, operation)| is_method(method) && operation.is_object());
                methods.next().map(|(method, _)| method.as_str())
            })?;
            Some((at.join(method), item.get(method)?.as_object()?))
        });
        (name, operation)
    })
}

fn is_method(key: &str) -> bool {
    ["get", "put", "post", "delete", "options", "head", "patch", "trace"].contains(&key)
}

/// The schema of an operation's JSON request body, and where it is.
pub fn body<'d>(doc: &'d Document, at: &Pointer, operation: &'d Map<String, Value>) -> Option<(Pointer, &'d Value)> {
    let (at, body) = doc.follow(&at.join("requestBody"), operation.get("requestBody")?).ok()?;
    let content = body.get("content").and_then(Value::as_object)?;
    let media: Vec<&String> = content.keys().collect();
    let json = operations::json_media(&media)?;
    Some((at.join("content").join(json.clone()).join("schema"), content.get(json.as_str())?.get("schema")?))
}

/// Checks the keys of a webhook's path item (at `key`), its operation (at `at`), its request
/// body and that body's JSON media type.
fn check_keys(doc: &Document, schemas: &mut Schemas<'_>, key: &Pointer, at: &Pointer, operation: &Map<String, Value>) {
    let findings = &mut schemas.findings;
    if let Some(Ok((item_at, Value::Object(item)))) = doc.get(key).map(|item| doc.follow(key, item)) {
        findings.keys(Object::PathItem, item, &item_at);
    }
    findings.keys(Object::Webhook, operation, at);
    let Some(Ok((body_at, Value::Object(body)))) =
        operation.get("requestBody").map(|body| doc.follow(&at.join("requestBody"), body))
    else {
        return;
    };
    findings.keys(Object::RequestBody, body, &body_at);
    let content = body.get("content").and_then(Value::as_object);
    let media: Vec<&String> = content.into_iter().flat_map(Map::keys).collect();
    let Some(json) = operations::json_media(&media) else { return };
    if let Some((first, listed)) = operations::other_media(&media, json) {
        let what = format!("the delivery's body is also described as {listed}; only JSON is read");
        findings.warn(&body_at.join("content").join(first), what);
    }
    if let Some(Value::Object(media)) = content.and_then(|c| c.get(json)) {
        findings.keys(Object::MediaType, media, &body_at.join("content").join(json.clone()));
    }
}

/// What the webhooks became.
#[derive(Debug, Default)]
pub struct Imported {
    /// The `webhooks:` block, and the file it goes in.
    pub block: Option<(String, WebhooksDraft)>,
    /// The files of the webhooks' tags, where their types go.
    pub files: BTreeSet<String>,
}

/// Imports every webhook's body type into the file of its tag; with `block` (from [`scheme`]),
/// the events that the spec format can say go in it, in the file of the first one's tag.
pub fn import(
    doc: &Document,
    schemas: &mut Schemas<'_>,
    tags: &mut HashMap<String, (String, Option<String>)>,
    mut block: Option<WebhooksDraft>,
) -> Imported {
    let mut imported = Imported::default();
    let mut home = None;
    // Each event is a variant of `WebhookEvent`, beside `Other` for the events a spec does not list.
    let mut variants: HashMap<String, String> = HashMap::from([(names::OTHER_EVENT.to_string(), String::new())]);
    for (name, operation) in webhooks(doc) {
        let key = Pointer::default().join("webhooks").join(name.clone());
        let Some((at, operation)) = operation else {
            schemas.findings.warn(&key, format!("webhook `{name}` is left out: it has no operation"));
            continue;
        };
        check_keys(doc, schemas, &key, &at, operation);
        let tag = operation.get("tags").and_then(Value::as_array).and_then(|t| t.first()).and_then(Value::as_str);
        let file = tag.map_or_else(|| UNTAGGED.to_string(), |tag| operations::tag_file(tags, tag));
        imported.files.insert(file.clone());
        let Some((body_at, schema)) = body(doc, &at, operation) else {
            schemas.findings.warn(
                &at,
                format!(
                    "webhook `{name}` is left out: it has no JSON request body, which an event's variant would hold"
                ),
            );
            continue;
        };
        let ctx = Ctx {
            hint: format!("{}Event", name.to_upper_camel_case()),
            home: file.clone(),
            dir: Dir::Response,
            depth: 1,
        };
        let expr = schemas.expr(schema, &body_at, &ctx);
        schemas.drain();
        let Some(block) = block.as_mut() else { continue };
        let named = expr.ty.starts_with(|c: char| c.is_ascii_uppercase()) && !expr.ty.contains('<');
        if !named || schemas.is_single_value(&expr.ty) {
            let what = format!(
                "webhook `{name}` is left out of the `webhooks:` block: its body is `{}`, and an event's body is an \
                 object or a union",
                expr.ty
            );
            schemas.findings.warn(&body_at, what);
            continue;
        }
        let variant = match names::variant(name) {
            Ok(variant) => variant,
            Err(e) => {
                let what =
                    format!("webhook `{name}` is left out of the `webhooks:` block: {}", e.explain("event", name));
                schemas.findings.warn(&key, what);
                continue;
            }
        };
        if let Some(other) = variants.insert(variant.clone(), name.clone()) {
            let by = if other.is_empty() {
                "the variant for events the spec does not list".to_string()
            } else {
                format!("event `{other}`")
            };
            let what = format!(
                "webhook `{name}` is left out of the `webhooks:` block: its variant `{variant}` is taken by {by}"
            );
            schemas.findings.warn(&key, what);
            continue;
        }
        let mut comments = Vec::new();
        if expr.nullable {
            comments.push("The document lets the body be `null`; a `null` delivery fails to decode.".to_string());
        }
        let file_of_block = home.get_or_insert_with(|| file.clone());
        if *file_of_block != file {
            comments.push(
                tag.map_or("Untagged in the document.".to_string(), |t| format!("Tagged `{t}` in the document.")),
            );
        }
        // This generator's documents give only a description; others may give only a summary.
        let description = ["description", "summary"]
            .into_iter()
            .find_map(|key| operation.get(key).and_then(Value::as_str).map(str::trim).filter(|d| !d.is_empty()))
            .map(str::to_string);
        block.events.push((name.clone(), WebhookEventDraft { ty: expr.ty, description, comments }));
    }
    match (block, home) {
        (Some(block), Some(home)) => imported.block = Some((home, block)),
        (Some(_), None) => {
            let at = Pointer::default().join("webhooks");
            schemas.findings.warn(&at, "no webhook can be an event of the spec; there is no `webhooks:` block");
        }
        (None, _) => {}
    }
    imported
}
