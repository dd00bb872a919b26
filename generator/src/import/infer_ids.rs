//! Id types the document implies without `x-id-of`: `/labels/{label_id}`, where the document
//! has a `Label` schema with a UUID `id`, names a label, so `{label_id}` becomes `id<Label>`, and
//! so does `Label`'s own `id`.
//!
//! Conservative on purpose: a wrong id type is worse than none. `uuid` accepts any id, while a
//! wrong `id<…>` makes the right call fail to compile, and the curator has no hint that the
//! importer guessed. Plane's schema shows the trap: `/intake-issues/{issue_id}/` takes the
//! work item's id, not the `IntakeIssue`'s, so the segment alone proves nothing. A path
//! parameter `{P}` that fills the segment right after a literal segment `S` is the id of the
//! component schema `C` only when all of these hold:
//!
//! 1. `S` is a plural: `…ies` → `…y`, else `…s` (not `…ss`) loses its `s`; `C` is the singular
//!    in UpperCamelCase (`work-items` → `WorkItem`). No inflection crate: a plural this misses
//!    only leaves a `uuid`.
//! 2. `P` names the same thing: in snake_case it is `id`, `pk` or `uuid`, or the singular alone
//!    or followed by `_id` or `_uuid` (`label_id`, `labelId`). This is what rules out
//!    `intake-issues/{issue_id}`.
//! 3. `C` is an object under `components/schemas` whose own `id` property (not one from an
//!    `allOf` member) is `type: string, format: uuid`, with no `x-id-of` naming another resource.
//! 4. Every use of the pair (`S`, `P`), in every path and operation, path-level parameters too,
//!    is `type: string, format: uuid`, plain or with `x-id-of: C`.
//! 5. `C` became an object type of the import (not only a request body).
//!
//! Then every plain `uuid` use of (`S`, `P`) becomes `id<C>`, and so does `C`'s `id` field (with
//! a comment saying why). Nothing else changes: a `label_id` field elsewhere stays `uuid`. An
//! explicit `x-id-of` is read by [`super::schema`] before this runs and is never overridden:
//! only values still `uuid` are changed, and a pair or schema whose `x-id-of` names another
//! resource is left alone. What is not certain is left as it is, without a warning.

use std::collections::{BTreeMap, HashMap, HashSet};

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::{Map, Value};

use super::document::{Document, Pointer};
use super::draft::{EndpointDraft, FileDraft};
use super::schema::{Def, Schemas};

/// The HTTP methods whose operations are imported (as in [`super::operations`]).
const METHODS: &[&str] = &["get", "put", "post", "delete", "patch"];

/// What a use of a path parameter says its value is.
#[derive(Debug, PartialEq, Eq)]
enum Said {
    /// `type: string, format: uuid`, and nothing more.
    Uuid,
    /// A UUID with `x-id-of`.
    IdOf(String),
    /// Anything else (no schema, another type or format).
    Other,
}

/// The (collection segment, parameter) pairs the document makes certain, with their component.
#[derive(Debug, Default)]
pub struct Inferred {
    pairs: HashMap<(String, String), String>,
}

/// Works out which path parameters name a resource, by the rules in the module's comment.
pub fn infer(doc: &Document) -> Inferred {
    let mut said: BTreeMap<(String, String), Vec<Said>> = BTreeMap::new();
    for (segment, param, what) in uses(doc) {
        said.entry((segment, param)).or_default().push(what);
    }
    let pairs = said
        .into_iter()
        .filter_map(|((segment, param), said)| {
            let component = certain(doc, &segment, &param, &said)?;
            Some(((segment, param), component))
        })
        .collect();
    Inferred { pairs }
}

impl Inferred {
    /// Makes the inferred path parameters and their components' `id` fields ids, where the
    /// component became an object type.
    pub fn apply(&self, schemas: &mut Schemas<'_>, files: &mut BTreeMap<String, FileDraft>) {
        let objects: HashSet<&str> = (schemas.defs.iter())
            .filter(|(_, _, def)| matches!(def, Def::Type(ty) if ty.one_of.is_empty()))
            .map(|(_, name, _)| name.as_str())
            .collect();
        // Each type made an id, with a path that names it, for the comment on its `id` field.
        let mut used: HashMap<String, String> = HashMap::new();
        for (_, endpoint) in files.values_mut().flat_map(|f| f.endpoints.iter_mut()) {
            let EndpointDraft { path, params, .. } = endpoint;
            let segments: HashMap<&str, &str> = segment_params(path).into_iter().map(|(s, p)| (p, s)).collect();
            for (wire, param) in params.iter_mut().filter(|(_, p)| p.location == "path" && p.ty == "uuid") {
                let Some(segment) = segments.get(wire.as_str()) else { continue };
                let Some(component) = self.pairs.get(&(segment.to_string(), wire.clone())) else { continue };
                let Some(ty) = schemas.named_type(component).filter(|ty| objects.contains(ty)) else { continue };
                param.ty = format!("id<{ty}>");
                used.entry(ty.to_string()).or_insert_with(|| format!("{segment}/{{{wire}}}"));
            }
        }
        mark_id_fields(schemas, &used);
    }
}

/// Makes the `id` field of each type in `used` (type → a path that names it) its id, with a
/// comment, since the document did not say so.
fn mark_id_fields(schemas: &mut Schemas<'_>, used: &HashMap<String, String>) {
    for (_, name, def) in &mut schemas.defs {
        let (Some(example), Def::Type(ty)) = (used.get(name.as_str()), def) else { continue };
        let Some((_, field)) = ty.fields.iter_mut().find(|(wire, f)| wire == "id" && f.ty == "uuid") else { continue };
        field.ty = format!("id<{name}>");
        let why = format!("`uuid` in the document; `id<{name}>` because paths name one by it (`{example}`).");
        field.comments.push(why);
    }
}

/// The component that (`segment`, `param`) certainly names, given what each of its uses says.
fn certain(doc: &Document, segment: &str, param: &str, said: &[Said]) -> Option<String> {
    let singular = singular(segment)?;
    if !names_one(param, &singular) {
        return None;
    }
    let component = singular.to_upper_camel_case();
    let agrees = |s: &Said| *s == Said::Uuid || *s == Said::IdOf(component.clone());
    if !said.contains(&Said::Uuid) || !said.iter().all(agrees) {
        return None;
    }
    let schema = doc.root.pointer("/components/schemas")?.get(&component)?;
    own_id_is_uuid(doc, schema, &component).then_some(component)
}

/// `labels` → `label`, `stickies` → `sticky`; `None` for a word that does not look plural.
fn singular(segment: &str) -> Option<String> {
    if let Some(stem) = segment.strip_suffix("ies") {
        return (!stem.is_empty()).then(|| format!("{stem}y"));
    }
    let stem = segment.strip_suffix('s').filter(|stem| !stem.is_empty() && !stem.ends_with('s'))?;
    Some(stem.to_string())
}

/// Whether a parameter named `param` names one `singular`: `id`, `pk`, `uuid`, or the singular
/// itself, alone or with `_id` or `_uuid`.
fn names_one(param: &str, singular: &str) -> bool {
    let (param, singular) = (param.to_snake_case(), singular.to_snake_case());
    let own = param.strip_prefix(singular.as_str()).is_some_and(|end| ["", "_id", "_uuid"].contains(&end));
    own || ["id", "pk", "uuid"].contains(&param.as_str())
}

/// Whether the component `name` is an object whose own `id` property is a UUID that is not
/// said to be another resource's id.
fn own_id_is_uuid(doc: &Document, schema: &Value, name: &str) -> bool {
    let at = Pointer::default().join("components").join("schemas").join(name);
    let Ok((at, Value::Object(object))) = doc.follow(&at, schema) else { return false };
    if object.contains_key("oneOf") || object.contains_key("anyOf") {
        return false;
    }
    let Some(id) = object.get("properties").and_then(|p| p.get("id")) else { return false };
    match said(doc, &at.join("properties").join("id"), id) {
        Said::Uuid => true,
        Said::IdOf(resource) => resource == name,
        Said::Other => false,
    }
}

/// What the schema `schema`, found at `at`, says a value is.
fn said(doc: &Document, at: &Pointer, schema: &Value) -> Said {
    let Ok((_, Value::Object(object))) = doc.follow(at, schema) else { return Said::Other };
    let is = |key: &str, value: &str| object.get(key).and_then(Value::as_str) == Some(value);
    if !(is("type", "string") && is("format", "uuid")) {
        return Said::Other;
    }
    match object.get("x-id-of").and_then(Value::as_str) {
        Some(resource) => Said::IdOf(resource.to_string()),
        None => Said::Uuid,
    }
}

/// Every use of a path parameter that fills the segment right after a literal one: the
/// segment, the parameter, and what that operation's parameter says it is.
fn uses(doc: &Document) -> Vec<(String, String, Said)> {
    let mut found = Vec::new();
    let paths = Pointer::default().join("paths");
    for (path, item) in doc.root.get("paths").and_then(Value::as_object).into_iter().flatten() {
        let pairs = segment_params(path);
        let Ok((item_at, Value::Object(item))) = doc.follow(&paths.join(path.clone()), item) else { continue };
        if pairs.is_empty() {
            continue;
        }
        let shared = path_params(doc, &item_at, item.get("parameters"), HashMap::new());
        for (at, operation) in operations(&item_at, item) {
            let declared = path_params(doc, &at, operation.get("parameters"), shared.clone());
            for (segment, param) in &pairs {
                let what = match declared.get(*param) {
                    Some((at, Some(schema))) => said(doc, at, schema),
                    _ => Said::Other,
                };
                found.push((segment.to_string(), param.to_string(), what));
            }
        }
    }
    found
}

/// The operations of a path item, `x-variants` included, with where each is.
fn operations<'v>(item_at: &Pointer, item: &'v Map<String, Value>) -> Vec<(Pointer, &'v Value)> {
    let mut found = Vec::new();
    for (method, operation) in item.iter().filter(|(method, _)| METHODS.contains(&method.as_str())) {
        let at = item_at.join(method.clone());
        let variants = operation.get("x-variants").and_then(Value::as_array).into_iter().flatten();
        found.extend(variants.enumerate().map(|(i, v)| (at.join("x-variants").join(i.to_string()), v)));
        found.push((at, operation));
    }
    found
}

/// The path parameters of the list `list` (at `at`.`parameters`) by name, with where each one's
/// schema is, over those of `inherited` (an operation's override its path item's, as in OpenAPI).
fn path_params<'d>(
    doc: &'d Document,
    at: &Pointer,
    list: Option<&'d Value>,
    mut inherited: HashMap<&'d str, (Pointer, Option<&'d Value>)>,
) -> HashMap<&'d str, (Pointer, Option<&'d Value>)> {
    let list = list.and_then(Value::as_array).into_iter().flatten();
    for (i, param) in list.enumerate() {
        let Ok((param_at, param)) = doc.follow(&at.join("parameters").join(i.to_string()), param) else { continue };
        let name = param.get("name").and_then(Value::as_str);
        if let (Some(name), Some("path")) = (name, param.get("in").and_then(Value::as_str)) {
            inherited.insert(name, (param_at.join("schema"), param.get("schema")));
        }
    }
    inherited
}

/// The (segment, parameter) pairs of a path: each `{parameter}` that is a whole segment, right
/// after a literal one.
fn segment_params(path: &str) -> Vec<(&str, &str)> {
    let segments: Vec<&str> = path.split('/').collect();
    let literal = |segment: &str| !segment.is_empty() && !segment.contains(['{', '}']);
    let pairs = segments.windows(2).filter_map(|pair| Some((pair[0], whole_param(pair[1])?)));
    let mut seen = HashSet::new();
    pairs.filter(|pair| literal(pair.0) && seen.insert(*pair)).collect()
}

/// `name` of a segment that is `{name}` and nothing else.
fn whole_param(segment: &str) -> Option<&str> {
    let name = segment.strip_prefix('{')?.strip_suffix('}')?;
    (!name.contains(['{', '}'])).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_names() {
        assert_eq!(singular("labels").as_deref(), Some("label"));
        assert_eq!(singular("work-items").as_deref(), Some("work-item"));
        assert_eq!(singular("stickies").as_deref(), Some("sticky"));
        assert_eq!(singular("access"), None);
        assert_eq!(singular("me"), None);
        assert_eq!(singular("s"), None);
        assert!(names_one("label_id", "label") && names_one("labelId", "label") && names_one("pk", "label"));
        assert!(names_one("work_item_id", "work-item"));
        assert!(!names_one("issue_id", "intake-issue") && !names_one("project_id", "label"));
    }

    #[test]
    fn pairs_of_a_path() {
        let path = "/p/{a}/labels/{label_id}/x-{b}/{c}/v1/{d}-{e}/";
        assert_eq!(segment_params(path), [("p", "a"), ("labels", "label_id")]);
    }
}
