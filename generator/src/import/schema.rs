//! JSON Schemas as spec types. Each schema becomes a type expression (`uuid`, `list<State>`,
//! `map<json>`); a schema that needs a name (an object, an enum, a union) becomes a named type
//! in the file of the first operation that uses it. Component schemas keep their names; inline
//! ones are named after where they are (`State` field `group` → `StateGroup`).
//!
//! Nullability is read in every spelling: `nullable: true` (3.0), `type: [T, "null"]`, and
//! `anyOf`/`oneOf` with a `null` member (3.1); it never changes the name of the type beside it
//! (a union's members are named by what they are, see [`member_hints`]). `allOf` is merged into
//! one object. `readOnly`
//! fields are kept out of request types and `writeOnly` ones out of response types.
//!
//! Hostile input: nesting deeper than [`MAX_DEPTH`] becomes `json` with a warning (the
//! generator refuses type expressions nested deeper), `$ref` chains are followed a bounded
//! number of times, and a component is converted once, from a queue, never recursively, so
//! reference cycles terminate. Types that would contain themselves by value are broken at the
//! field that closes the cycle (see [`Schemas::break_cycles`]).

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_json::{Map, Value};

use super::Findings;
use super::document::{Document, Pointer};
use super::draft::{Bounds, EnumDraft, FieldDraft, KeyDraft, KeyPartDraft, TypeDraft};
use super::keywords::Object;
use super::unique::Taken;
use crate::names;

/// How deep schemas are followed; the generator allows 32 levels of `list<…>` and `map<…>`.
pub const MAX_DEPTH: usize = 30;

/// A type expression and whether the value may also be `null`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    /// The spec's type expression.
    pub ty: String,
    /// Whether `null` is allowed too.
    pub nullable: bool,
}

impl Expr {
    fn of(ty: impl Into<String>) -> Expr {
        Expr { ty: ty.into(), nullable: false }
    }

    fn or_null(mut self, nullable: bool) -> Expr {
        self.nullable |= nullable;
        self
    }
}

/// Which way a schema's values travel, which decides what `readOnly` and `writeOnly` drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dir {
    /// Sent by the client: `readOnly` fields are left out.
    Request,
    /// Sent by the server: `writeOnly` fields are left out.
    Response,
    /// Both ways: every field is kept, and those one side never sends are made optional.
    Both,
}

/// Where a schema is being converted: the name an inline type would get, the file it would go
/// in, the direction, and how deep the conversion already is.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The name for an inline named type, e.g. `StateGroup`.
    pub hint: String,
    /// The spec file (stem) new types go in.
    pub home: String,
    /// Which way values travel.
    pub dir: Dir,
    /// Nesting so far.
    pub depth: usize,
}

impl Ctx {
    fn deeper(&self, hint: String) -> Ctx {
        Ctx { hint, home: self.home.clone(), dir: self.dir, depth: self.depth + 1 }
    }
}

/// A named type or enum, with the spec file it goes in.
#[derive(Debug)]
pub enum Def {
    /// An object or a union.
    Type(TypeDraft),
    /// A string enumeration.
    Enum(EnumDraft),
    /// A key type (`x-key-format`, as this generator's documents write one).
    Key(KeyDraft),
}

/// How references to a component schema are written.
#[derive(Debug, Clone)]
enum Component {
    /// By its name (an object, enum or union), nullable if the component itself is.
    Named(Expr),
    /// By the expression it stands for (a string with a format, a list…).
    Alias(Expr),
    /// Being worked out: meeting it again means an alias refers to itself.
    Pending,
}

/// The schema converter and everything it has named.
pub struct Schemas<'d> {
    doc: &'d Document,
    /// What was found, for the final report.
    pub findings: Findings,
    components: HashMap<String, Component>,
    /// Rust names taken by types, enums and unions.
    taken: Taken,
    /// Components named but not yet converted, with the file they go in.
    queue: VecDeque<(String, String)>,
    /// Which way each component's values travel (from the operations that use it).
    usage: HashMap<String, Dir>,
    /// Finished named types: (file stem, name, definition), in the order made.
    pub defs: Vec<(String, String, Def)>,
    /// Where each named type's schema is, for reports.
    origins: HashMap<String, Pointer>,
    /// The names that are enums or key types (which, unlike other named types, are single values).
    single_values: HashSet<String>,
    /// The resources that `x-id-of` names (the generator's own documents say which id a UUID
    /// is), with the id schema's description.
    pub ids: BTreeMap<String, Option<String>>,
    /// Names no type may take besides the runtime's (`WebhookEvent`, when there are webhooks).
    reserved: Vec<String>,
    /// Whether inline objects were cut short (copies without end), reported once.
    copies_cut: bool,
    /// The components being merged into the inline objects being converted, outermost first.
    merging: Vec<String>,
    /// The references into other schemas, by their text: the type each became, or `None` while
    /// it is being converted.
    written_out: HashMap<(String, Dir), Option<Expr>>,
}

/// The component a local reference names, if it names one: `#/components/schemas/X` → `X`.
pub fn component_name(reference: &str) -> Option<String> {
    let pointer = Pointer::parse(reference)?;
    match pointer.keys() {
        [components, schemas, name] if components == "components" && schemas == "schemas" => Some(name.clone()),
        _ => None,
    }
}

impl<'d> Schemas<'d> {
    /// A converter for `doc`; `usage` says which way each component's values travel.
    pub fn new(doc: &'d Document, usage: HashMap<String, Dir>) -> Schemas<'d> {
        Schemas {
            doc,
            findings: Findings::default(),
            components: HashMap::new(),
            taken: Taken::default(),
            queue: VecDeque::new(),
            usage,
            defs: Vec::new(),
            origins: HashMap::new(),
            single_values: HashSet::new(),
            ids: BTreeMap::new(),
            reserved: Vec::new(),
            copies_cut: false,
            merging: Vec::new(),
            written_out: HashMap::new(),
        }
    }

    /// Keeps `name` from every type of the document, as the runtime's names are kept.
    pub fn reserve(&mut self, name: &str) {
        self.reserved.push(name.to_string());
    }

    /// Whether `ty` names an enum or a key type: a single value, which a parameter may be.
    pub fn is_single_value(&self, ty: &str) -> bool {
        SCALARS.contains(&ty) || ty.starts_with("id<") || self.single_values.contains(ty)
    }

    /// The name of the type the component became, if it was given one.
    pub fn named_type(&self, component: &str) -> Option<&str> {
        match self.components.get(component) {
            Some(Component::Named(expr)) => Some(&expr.ty),
            _ => None,
        }
    }

    /// Whether the component was given a name (so it is, or will be, a type of the spec).
    pub fn is_named(&self, component: &str) -> bool {
        self.named_type(component).is_some()
    }

    /// Converts every component queued so far (and any they queue in turn).
    pub fn drain(&mut self) {
        while let Some((name, home)) = self.queue.pop_front() {
            self.convert_component(&name, &home);
        }
    }

    /// The type expression of `schema`, found at `at`.
    pub fn expr(&mut self, schema: &Value, at: &Pointer, ctx: &Ctx) -> Expr {
        if ctx.depth > MAX_DEPTH {
            self.findings.warn(at, format!("schemas nest more than {MAX_DEPTH} deep here; the rest is `json`"));
            return Expr::of("json");
        }
        let object = match schema {
            Value::Object(object) => object,
            Value::Bool(true) => return Expr::of("json"),
            _ => {
                self.findings.warn(at, "this is not a schema; read as `json`");
                return Expr::of("json");
            }
        };
        self.findings.keys(Object::Schema, object, at);
        let nullable = self.declares_null(object);
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            return self.reference(reference, at, ctx).or_null(nullable);
        }
        if let Some((key, members)) = alternatives(object) {
            return self.alternatives(object, key, members, at, ctx).or_null(nullable);
        }
        if let Some(members) = object.get("allOf").and_then(Value::as_array) {
            // One member beside annotations (`[{$ref: X}, {description: …}]`, as AWS's documents
            // describe a reference) is that member: merged into a new object instead, every such
            // field would copy X's fields again, and X's own such fields theirs, without end.
            let mut substantive = members.iter().enumerate().filter(|(_, m)| !annotation_only(m));
            if let (Some((i, member)), None) = (substantive.next(), substantive.next()) {
                if !object.contains_key("properties") {
                    let member_at = at.join("allOf").join(i.to_string());
                    return self.expr(member, &member_at, &ctx.deeper(ctx.hint.clone())).or_null(nullable);
                }
            }
            return self.inline_object(object, at, ctx).or_null(nullable);
        }
        if enum_values(object).is_some() {
            return self.inline_enum(object, at, ctx).or_null(nullable);
        }
        let expr = match primary_type(object) {
            Some("string") if string_format(object) == "uuid" => self.uuid(object, at),
            Some("string") => Expr::of(string_format(object)),
            Some("integer") => Expr::of("integer"),
            Some("number") => Expr::of("number"),
            Some("boolean") => Expr::of("boolean"),
            Some("null") => Expr { ty: "json".into(), nullable: true },
            Some("array") => self.list(object, at, ctx),
            Some("object") | None if object.contains_key("properties") => self.inline_object(object, at, ctx),
            Some("object") => self.map(object, at, ctx),
            None => Expr::of("json"),
            Some(other) => {
                self.findings.warn(at, format!("`type: {other}` is not a JSON Schema type; read as `json`"));
                Expr::of("json")
            }
        };
        if types_listed(object) > 1 {
            if let Some(union) = self.several_types(object, at, ctx) {
                return union.or_null(nullable);
            }
            self.findings.warn(at, "a value of several types, not all of them single values, is read as `json`");
            return Expr::of("json").or_null(nullable);
        }
        expr.or_null(nullable)
    }

    /// `type: [string, integer]` (single values only, `null` aside): a union of them, a variant
    /// per type (integers tried before other numbers, so that none is read as a float).
    fn several_types(&mut self, object: &Map<String, Value>, at: &Pointer, ctx: &Ctx) -> Option<Expr> {
        let listed = object.get("type")?.as_array()?.iter().filter_map(Value::as_str).filter(|t| *t != "null");
        let mut variants: Vec<(String, String)> = Vec::new();
        for ty in listed {
            let expr = match ty {
                "string" => string_format(object),
                "integer" | "number" | "boolean" => ty,
                _ => return None,
            };
            variants.push((ty.to_string(), expr.to_string()));
        }
        variants.sort_by_key(|(ty, _)| ty == "number");
        let name = self.unique_name(&ctx.hint, at);
        self.single_values.insert(name.clone());
        self.origins.insert(name.clone(), at.clone());
        self.push_def(&ctx.home, &name, Def::Type(union_def(object, "type", variants)), None);
        Some(Expr::of(name))
    }

    /// A UUID: the id of the resource its `x-id-of` names (as this generator's documents say),
    /// else a plain `uuid`.
    fn uuid(&mut self, object: &Map<String, Value>, at: &Pointer) -> Expr {
        let Some(resource) = object.get("x-id-of").and_then(Value::as_str) else { return Expr::of("uuid") };
        if names::type_name(resource).ok().as_deref() != Some(resource) {
            self.findings.warn(at, format!("`x-id-of: {resource}` is not a type name; read as `uuid`"));
            return Expr::of("uuid");
        }
        self.ids.entry(resource.to_string()).or_insert_with(|| description(object));
        Expr::of(format!("id<{resource}>"))
    }

    /// Whether the schema allows `null` besides its type, in any version's spelling.
    pub fn declares_null(&self, object: &Map<String, Value>) -> bool {
        let flag = object.get("nullable").and_then(Value::as_bool).unwrap_or(false);
        let in_types = matches!(object.get("type"), Some(Value::Array(types)) if types.iter().any(|t| t == "null") && types.len() > 1);
        let in_enum = matches!(enum_values(object), Some(values) if values.contains(&Value::Null) && values.len() > 1);
        flag || in_types || in_enum
    }

    /// Whether `schema` accepts only `null`: `{type: null}`, `{enum: [null]}`, or a reference to one.
    fn only_null(&self, schema: &Value, at: &Pointer) -> bool {
        let Ok((_, schema)) = self.doc.follow(at, schema) else { return false };
        schema.get("type").and_then(Value::as_str) == Some("null")
            || matches!(schema.get("enum"), Some(Value::Array(values)) if values.iter().all(Value::is_null) && !values.is_empty())
    }

    fn list(&mut self, object: &Map<String, Value>, at: &Pointer, ctx: &Ctx) -> Expr {
        let item = match object.get("items") {
            Some(items) => self.expr(items, &at.join("items"), &ctx.deeper(format!("{}Item", ctx.hint))),
            None => Expr::of("json"),
        };
        if item.nullable && item.ty != "json" {
            // Kept typed, as a nullable response is: `json` would change the type whenever an
            // item becomes nullable, and a request never sends `null` anyway.
            let d = format!(
                "list items may be `null`, which the spec format cannot say; they are `{}`, and a `null` item fails to decode",
                item.ty
            );
            self.findings.warn(&at.join("items"), d);
        }
        Expr::of(format!("list<{}>", item.ty))
    }

    fn map(&mut self, object: &Map<String, Value>, at: &Pointer, ctx: &Ctx) -> Expr {
        let value = match object.get("additionalProperties") {
            Some(schema @ Value::Object(_)) => {
                self.expr(schema, &at.join("additionalProperties"), &ctx.deeper(format!("{}Value", ctx.hint)))
            }
            _ => Expr::of("json"),
        };
        if value.nullable && value.ty != "json" {
            let d = format!(
                "map values may be `null`, which the spec format cannot say; they are `{}`, and a `null` value fails to decode",
                value.ty
            );
            self.findings.warn(&at.join("additionalProperties"), d);
        }
        Expr::of(format!("map<{}>", value.ty))
    }

    /// A reference: a component by its name (converted later), or anything else followed.
    fn reference(&mut self, reference: &str, at: &Pointer, ctx: &Ctx) -> Expr {
        let Some(name) = component_name(reference) else {
            // A reference into another schema is converted once, where first met, and its type
            // used again wherever it is met: written out at every use, references that reach
            // each other would copy each other at every level. One met again inside its own
            // conversion refers to itself.
            // By direction too: a type a request sends leaves out what only responses have.
            let key = (reference.to_string(), ctx.dir);
            match self.written_out.get(&key) {
                Some(Some(expr)) => return expr.clone(),
                Some(None) => {
                    let what = format!("`$ref: {reference}` refers to itself through its own parts; read as `json`");
                    self.findings.warn(at, what);
                    return Expr::of("json");
                }
                None => {}
            }
            return match self.doc.follow(at, &Value::Object(Map::from_iter([("$ref".into(), reference.into())]))) {
                Ok((target, schema)) => {
                    self.written_out.insert(key.clone(), None);
                    let expr = self.expr(schema, &target, &ctx.deeper(ctx.hint.clone()));
                    self.written_out.insert(key, Some(expr.clone()));
                    expr
                }
                Err(why) => {
                    self.findings.warn(at, format!("{why}; read as `json`"));
                    Expr::of("json")
                }
            };
        };
        match self.components.get(&name) {
            Some(Component::Named(expr) | Component::Alias(expr)) => return expr.clone(),
            Some(Component::Pending) => {
                self.findings.warn(at, format!("schema `{name}` is defined as itself; read as `json`"));
                return Expr::of("json");
            }
            None => {}
        }
        let target = Pointer::default().join("components").join("schemas").join(name.clone());
        let Some(schema) = self.doc.get(&target) else {
            self.findings.warn(at, format!("`$ref: {reference}` names no schema; read as `json`"));
            return Expr::of("json");
        };
        let nullable = schema.as_object().is_some_and(|o| self.declares_null(o));
        if let Some(key) = schema.as_object().filter(|o| o.contains_key("x-key-format")) {
            self.findings.keys(Object::Schema, key, &target);
            match key_draft(key) {
                Ok(def) => {
                    self.findings.claim(&target, &["pattern"]);
                    if def.example.is_some() {
                        self.findings.claim(&target, &["examples"]);
                    }
                    let ident = self.unique_name(&name, &target);
                    let expr = Expr { ty: ident.clone(), nullable };
                    self.components.insert(name.clone(), Component::Named(expr.clone()));
                    self.single_values.insert(ident.clone());
                    self.origins.insert(ident.clone(), target);
                    let comment = (name != ident).then(|| format!("`{name}` in the document."));
                    self.push_def(&ctx.home, &ident, Def::Key(def), comment);
                    return expr;
                }
                Err(why) => self.findings.warn(&target, format!("{why}; read as a plain string")),
            }
        }
        if self.needs_name(schema, &target) {
            let ident = self.unique_name(&name, &target);
            let single_alternatives =
                |o: &Map<String, Value>| alternatives(o).is_some_and(|(_, members)| members.iter().all(scalar_schema));
            let single = |o: &Map<String, Value>| {
                (enum_values(o).is_some() && alternatives(o).is_none()) || single_alternatives(o)
            };
            if schema.as_object().is_some_and(single) {
                self.single_values.insert(ident.clone());
            }
            let expr = Expr { ty: ident, nullable };
            self.components.insert(name.clone(), Component::Named(expr.clone()));
            self.queue.push_back((name, ctx.home.clone()));
            return expr;
        }
        self.components.insert(name.clone(), Component::Pending);
        let inner = Ctx { hint: name.to_upper_camel_case(), ..ctx.deeper(String::new()) };
        let expr = self.expr(schema, &target, &inner);
        self.components.insert(name, Component::Alias(expr.clone()));
        expr
    }

    /// Whether a component becomes a named type (an object, an enum, a union) rather than an
    /// alias written out where it is used.
    fn needs_name(&self, schema: &Value, at: &Pointer) -> bool {
        let Some(object) = schema.as_object() else { return false };
        if object.contains_key("$ref") {
            return false;
        }
        if let Some((_, members)) = alternatives(object) {
            let at = at.join("oneOf");
            return members.iter().filter(|m| !self.only_null(m, &at)).count() > 1;
        }
        if let Some(members) = object.get("allOf").and_then(Value::as_array) {
            return members.len() > 1 || object.contains_key("properties");
        }
        if let Some(values) = enum_values(object) {
            let usable = |v: &str| names::variant(v).is_ok_and(|ident| ident != names::UNKNOWN_VARIANT);
            return values.iter().filter_map(Value::as_str).any(usable) || integer_codes(object).is_some();
        }
        object.contains_key("properties")
    }

    /// A Rust-valid, unique type name made from `base`, reported when it differs from `base`.
    pub fn unique_name(&mut self, base: &str, at: &Pointer) -> String {
        let mut ident = match names::type_name(base) {
            Ok(ident) => ident.trim_end_matches('_').to_string(),
            Err(_) => format!("Type{}", base.to_upper_camel_case()),
        };
        if names::type_name(&ident).is_err() {
            ident = "Type".to_string();
        }
        let reserved = |i: &str| {
            crate::runtime::reserved_types().any(|r| r == i)
                || names::is_request_type(i)
                || self.reserved.iter().any(|r| r == i)
        };
        if reserved(&ident) {
            ident.push_str("Type");
        }
        let unique = self.taken.unique(&ident, "", |_, _| false);
        if unique != base.to_upper_camel_case() {
            let why = if unique.starts_with(&ident) && unique != ident {
                "the name is taken"
            } else {
                "the name is reserved by the generated crate"
            };
            self.findings.warn(at, format!("`{base}` becomes the type `{unique}`: {why}"));
        }
        self.taken.insert(unique.clone());
        unique
    }

    fn convert_component(&mut self, name: &str, home: &str) {
        let at = Pointer::default().join("components").join("schemas").join(name);
        let Some(Component::Named(expr)) = self.components.get(name).cloned() else { return };
        let Some(schema) = self.doc.get(&at) else { return };
        let dir = self.usage.get(name).copied().unwrap_or(Dir::Response);
        let ctx = Ctx { hint: expr.ty.clone(), home: home.to_string(), dir, depth: 1 };
        let Some(object) = schema.as_object() else { return };
        self.findings.keys(Object::Schema, object, &at);
        let def = if let Some((key, members)) = alternatives(object) {
            Def::Type(self.union(object, key, members, &at, &ctx))
        } else if enum_values(object).is_some() {
            match self.enum_values(object, &at) {
                Ok(def) => Def::Enum(def),
                // `needs_name` only names enums with a usable value, so this is not reached.
                Err(_) => Def::Type(TypeDraft { description: description(object), ..TypeDraft::default() }),
            }
        } else {
            Def::Type(self.object(object, &at, &ctx))
        };
        self.origins.insert(expr.ty.clone(), at);
        let comment = (name != expr.ty).then(|| format!("`{name}` in the document."));
        self.push_def(home, &expr.ty, def, comment);
    }

    fn push_def(&mut self, home: &str, name: &str, mut def: Def, comment: Option<String>) {
        if let Some(comment) = comment {
            match &mut def {
                Def::Type(t) => t.comments.insert(0, comment),
                Def::Enum(e) => e.comments.insert(0, comment),
                Def::Key(k) => k.comments.insert(0, comment),
            }
        }
        self.defs.push((home.to_string(), name.to_string(), def));
    }

    /// An inline object: a new named type, named after where it is.
    fn inline_object(&mut self, object: &Map<String, Value>, at: &Pointer, ctx: &Ctx) -> Expr {
        // An object merged from a component (`allOf: [{$ref: X}, {properties: …}]`) inside the
        // merging of that same component would copy it again at every level: it is read as `X`.
        let merged = merged_components(object);
        if let Some(again) = merged.iter().find(|name| self.merging.contains(name)) {
            let what =
                format!("this merges `{again}` inside a merge of `{again}`; read as `{again}`, without its additions");
            self.findings.warn(at, what);
            let reference = format!("#/components/schemas/{again}");
            return self.reference(&reference, at, ctx);
        }
        // Merges that copy each other without a cycle can still multiply; a document cannot hold
        // more distinct objects than it has bytes to write them in: past that, they are `json`.
        if self.defs.len() > self.doc.text.len() / 16 + 100 {
            if !self.copies_cut {
                self.copies_cut = true;
                let what = "objects merged from references copy each other without end here; the rest are `json`";
                self.findings.warn(at, what);
            }
            return Expr::of("json");
        }
        let name = self.unique_name(&ctx.hint, at);
        let inner = Ctx { hint: name.clone(), ..ctx.clone() };
        let depth = self.merging.len();
        self.merging.extend(merged);
        let def = self.object(object, at, &inner);
        self.merging.truncate(depth);
        self.origins.insert(name.clone(), at.clone());
        self.push_def(&ctx.home, &name, Def::Type(def), None);
        Expr::of(name)
    }

    /// An inline enum: a new named enum, or its values' type when they are not text.
    fn inline_enum(&mut self, object: &Map<String, Value>, at: &Pointer, ctx: &Ctx) -> Expr {
        match self.enum_values(object, at) {
            Ok(def) => {
                let name = self.unique_name(&ctx.hint, at);
                self.single_values.insert(name.clone());
                self.push_def(&ctx.home, &name, Def::Enum(def), None);
                Expr::of(name)
            }
            Err(ty) => Expr::of(ty),
        }
    }

    /// The enum's string values that can be Rust variants; `Err` with the values' type when
    /// none are text.
    fn enum_values(&mut self, object: &Map<String, Value>, at: &Pointer) -> Result<EnumDraft, String> {
        if let Some(codes) = integer_codes(object) {
            let comments = deprecation(object);
            return Ok(EnumDraft { description: description(object), codes, comments, ..EnumDraft::default() });
        }
        let values = enum_values(object).unwrap_or_default();
        let texts: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        if texts.is_empty() {
            let ty = match values.iter().find(|v| !v.is_null()) {
                Some(Value::Number(n)) if n.is_i64() || n.is_u64() => "integer",
                Some(Value::Number(_)) => "number",
                Some(Value::Bool(_)) => "boolean",
                _ => "json",
            };
            let named = if ty == "integer" { " (`x-enum-varnames` would name them)" } else { "" };
            self.findings.warn(at, format!("an enum of no text is read as `{ty}`: its values are not kept{named}"));
            return Err(ty.to_string());
        }
        let mut def =
            EnumDraft { description: description(object), comments: deprecation(object), ..EnumDraft::default() };
        let mut idents: HashMap<String, String> = HashMap::new();
        for value in texts {
            let why = match names::variant(value) {
                Ok(ident) if ident == names::UNKNOWN_VARIANT => {
                    Some("it would be the `Unknown` variant kept for values not listed".to_string())
                }
                Ok(ident) => idents
                    .insert(ident.clone(), value.to_string())
                    .map(|other| format!("it and `{other}` both become `{ident}`")),
                Err(e) => Some(e.explain("the value", value)),
            };
            match why {
                None => def.values.push(value.to_string()),
                Some(why) => {
                    self.findings
                        .warn(at, format!("enum value `{value}` is left out: {why}; it still decodes, as `Unknown`"));
                    def.comments.push(format!("`{value}` is also a value; it decodes as `Unknown(\"{value}\")`."));
                }
            }
        }
        if values.iter().any(|v| !v.is_string() && !v.is_null()) {
            self.findings.warn(at, "values of an enum that are not text are left out");
        }
        if def.values.is_empty() {
            return Err("string".to_string());
        }
        Ok(def)
    }

    /// `oneOf` / `anyOf`: `null` members make it nullable; one member left is that member, more
    /// are a union.
    fn alternatives(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        members: &[Value],
        at: &Pointer,
        ctx: &Ctx,
    ) -> Expr {
        let (variants, nullable) = self.variants(key, members, at, ctx);
        match variants.as_slice() {
            [] => Expr { ty: "json".into(), nullable: true },
            [(_, ty)] => Expr { ty: ty.clone(), nullable },
            _ => {
                let name = self.unique_name(&ctx.hint, at);
                if variants.iter().all(|(_, ty)| self.is_single_value(ty)) {
                    self.single_values.insert(name.clone());
                }
                let def = union_def(object, key, variants);
                self.origins.insert(name.clone(), at.clone());
                self.push_def(&ctx.home, &name, Def::Type(def), None);
                Expr { ty: name, nullable }
            }
        }
    }

    /// A component that is a union: at least two variants, as the format needs, even when the
    /// document's alternatives are all of one type.
    fn union(
        &mut self,
        object: &Map<String, Value>,
        key: &str,
        members: &[Value],
        at: &Pointer,
        ctx: &Ctx,
    ) -> TypeDraft {
        let (mut variants, _) = self.variants(key, members, at, ctx);
        if variants.len() < 2 {
            let other = if variants.iter().any(|(_, ty)| ty == "json") { "list<json>" } else { "json" };
            variants.push(("other".to_string(), other.to_string()));
        }
        union_def(object, key, variants)
    }

    /// The alternatives other than `null`, each of a different type, as (variant name, type
    /// expression), and whether `null` is one of them. A variant is named after the member's
    /// `title` (as this generator's own `openapi.json` writes it), or its type: `State` → `state`.
    /// An inline member's type is named by [`member_hints`]: a lone member besides `null` as if
    /// `null` were not there, so that making a value nullable never renames its type.
    fn variants(&mut self, key: &str, members: &[Value], at: &Pointer, ctx: &Ctx) -> (Vec<(String, String)>, bool) {
        let mut variants: Vec<(String, String)> = Vec::new();
        let member_at = |i: usize| at.join(key).join(i.to_string());
        let mut others: Vec<(usize, &Value)> = Vec::new();
        for (i, member) in members.iter().enumerate() {
            match member.as_object() {
                Some(null) if self.only_null(member, &member_at(i)) => {
                    self.findings.keys(Object::Schema, null, &member_at(i));
                }
                _ if self.only_null(member, &member_at(i)) => {}
                _ => others.push((i, member)),
            }
        }
        let mut nullable = others.len() < members.len();
        let is_name = |name: &str| names::snake(name).as_deref() == Ok(name);
        let said: Vec<Option<String>> = others.iter().map(|(_, member)| member_name(member)).collect();
        let hints = member_hints(&ctx.hint, &said);
        for (place, ((i, member), hint)) in others.into_iter().zip(hints).enumerate() {
            let member_at = member_at(i);
            let expr = self.expr(member, &member_at, &ctx.deeper(hint));
            nullable |= expr.nullable;
            if variants.iter().any(|(_, ty)| *ty == expr.ty) {
                let what = format!(
                    "a second alternative of type `{}` is left out: the first decodes every such value",
                    expr.ty
                );
                self.findings.warn(&member_at, what);
                continue;
            }
            let title = member.get("title").and_then(Value::as_str).map(ToSnakeCase::to_snake_case);
            // An inline member is what it is (`wallet`, `list`), not its type's long name.
            let inline = said[place].as_ref().filter(|_| member.get("$ref").is_none()).map(|n| n.to_snake_case());
            let base = (title.filter(|t| is_name(t)).or(inline))
                .unwrap_or_else(|| expr.ty.replace(['<', '>'], "_").to_snake_case());
            let base = if is_name(&base) { base } else { format!("variant_{}", place + 1) };
            let mut variant = base.clone();
            let mut n = 2;
            while variants.iter().any(|(v, _)| *v == variant) {
                variant = format!("{base}_{n}");
                n += 1;
            }
            variants.push((variant, expr.ty));
        }
        (variants, nullable)
    }

    /// An object's fields: its `properties` and those of every `allOf` member, merged.
    pub fn object(&mut self, object: &Map<String, Value>, at: &Pointer, ctx: &Ctx) -> TypeDraft {
        let mut parts = Parts::default();
        self.collect(object, at, ctx, &mut parts, &mut HashSet::new());
        let description = description(object).or(parts.description.clone());
        let mut def = TypeDraft { description, comments: deprecation(object), ..TypeDraft::default() };
        let mut idents: HashMap<String, String> = HashMap::new();
        for (wire, schema, at) in parts.properties {
            let Some(field) = self.field(&wire, &schema, &at, parts.required.contains(&wire), ctx) else { continue };
            match names::field(&wire) {
                Ok(ident) => {
                    if let Some(other) = idents.insert(ident.clone(), wire.clone()) {
                        self.findings.warn(
                            &at,
                            format!("field `{wire}` is left out: it and `{other}` both become `{ident}` in Rust"),
                        );
                        continue;
                    }
                    // A type that requests may send is built with `new` and a setter per optional field.
                    if ident == "new" && !field.required && ctx.dir != Dir::Response {
                        let what =
                            "optional field `new` is left out: its setter would be the type's constructor, `new`";
                        self.findings.warn(&at, what);
                        continue;
                    }
                }
                Err(e) => {
                    self.findings.warn(&at, format!("{}; the field is left out", e.explain("field", &wire)));
                    continue;
                }
            }
            def.fields.push((wire, field));
        }
        def.into = into(object);
        // An object a field expands into is reached from here, so it is imported (in this
        // type's file), under the name the importer gives it.
        def.expand = expand(object)
            .into_iter()
            .map(|(field, target)| {
                let reference = serde_json::json!({ "$ref": format!("#/components/schemas/{target}") });
                (field.clone(), self.expr(&reference, &at.join("x-expand").join(&field), ctx).ty)
            })
            .collect();
        def.select = object.get("x-select").and_then(Value::as_bool).unwrap_or(false);
        def
    }

    /// Gathers properties and `required` from `object` and its `allOf` members; `seen` stops
    /// members that include each other.
    fn collect(
        &mut self,
        object: &Map<String, Value>,
        at: &Pointer,
        ctx: &Ctx,
        parts: &mut Parts,
        seen: &mut HashSet<Pointer>,
    ) {
        if ctx.depth > MAX_DEPTH || !seen.insert(at.clone()) {
            self.findings.warn(at, "`allOf` members include each other; the repeated member is skipped");
            return;
        }
        self.findings.keys(Object::Schema, object, at);
        if parts.description.is_none() {
            parts.description = description(object);
        }
        for (i, member) in object.get("allOf").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let member_at = at.join("allOf").join(i.to_string());
            match self.doc.follow(&member_at, member) {
                Ok((target, Value::Object(member))) if alternatives(member).is_none() => {
                    self.collect(member, &target, &ctx.deeper(ctx.hint.clone()), parts, seen);
                }
                Ok(_) => self.findings.warn(&member_at, "an `allOf` member that is not an object is left out"),
                Err(why) => self.findings.warn(&member_at, why),
            }
        }
        let required = object.get("required").and_then(Value::as_array).into_iter().flatten();
        parts.required.extend(required.filter_map(Value::as_str).map(str::to_string));
        let properties = object.get("properties").and_then(Value::as_object).into_iter().flatten();
        for (wire, schema) in properties {
            let schema_at = at.join("properties").join(wire.clone());
            match parts.properties.iter_mut().find(|(w, _, _)| w == wire) {
                // A later `allOf` member refines an earlier one's field: the later schema wins.
                Some(existing) => *existing = (wire.clone(), schema.clone(), schema_at),
                None => parts.properties.push((wire.clone(), schema.clone(), schema_at)),
            }
        }
        if matches!(object.get("additionalProperties"), Some(Value::Object(extra)) if !extra.is_empty()) {
            self.findings.warn(at, "`additionalProperties` beside `properties` is not kept: extra keys are ignored");
        }
    }

    /// One property as a field, or `None` when the direction leaves it out.
    fn field(&mut self, wire: &str, schema: &Value, at: &Pointer, required: bool, ctx: &Ctx) -> Option<FieldDraft> {
        let flag = |key: &str| schema.get(key).and_then(Value::as_bool).unwrap_or(false);
        let (read_only, write_only) = (flag("readOnly"), flag("writeOnly"));
        let mut comments = Vec::new();
        match ctx.dir {
            Dir::Request if read_only => return None,
            Dir::Response if write_only => return None,
            Dir::Both if read_only || write_only => {
                let side = if read_only {
                    "readOnly: the server ignores it in requests"
                } else {
                    "writeOnly: never in responses"
                };
                comments.push(format!("{side}; optional because this type goes both ways."));
            }
            _ => {}
        }
        let hint = format!("{}{}", ctx.hint, wire.to_upper_camel_case());
        let expr = self.expr(schema, at, &ctx.deeper(hint));
        let required = required && !(ctx.dir == Dir::Both && (read_only || write_only));
        let mut description = schema.as_object().and_then(description);
        if description.is_none() {
            // 3.0 ignores siblings of `$ref`, so documents put the description on an `allOf` wrapper,
            // or in a member of its own beside the reference.
            let members = schema.get("allOf").and_then(Value::as_array).into_iter().flatten();
            description = members.filter_map(Value::as_object).find_map(self::description);
        }
        if description.is_none() && schema.get("$ref").is_some() {
            // A schema written out where it is used (`Name: {type: string, description: …}`) has
            // no type to hold its description: the field does.
            if let Ok((target_at, Value::Object(target))) = self.doc.follow(at, schema) {
                let alias = !self.needs_name(&Value::Object(target.clone()), &target_at)
                    && !target.contains_key("x-key-format");
                description = if alias { self::description(target) } else { None };
            }
        }
        if schema.get("deprecated").and_then(Value::as_bool) == Some(true) {
            comments.push("Deprecated in the document.".to_string());
        }
        Some(FieldDraft {
            ty: expr.ty,
            required,
            nullable: expr.nullable,
            description,
            comments,
            bounds: Bounds::default(),
            at: at.clone(),
        })
    }

    /// The named types whose fields hold each other by value (directly, or through unions),
    /// which have no finite size in Rust: the field that closes each cycle becomes `json`.
    pub fn break_cycles(&mut self) {
        let index: HashMap<String, usize> =
            self.defs.iter().enumerate().map(|(i, (_, name, _))| (name.clone(), i)).collect();
        // Depth-first from every type, in order; a type on the current path met again is a cycle.
        // Each node's targets are read once, when it is entered: a cut changes its own slots, and
        // must not shift the ones still to visit.
        let mut done = vec![false; self.defs.len()];
        let mut on_path = vec![false; self.defs.len()];
        for start in 0..self.defs.len() {
            if done[start] {
                continue;
            }
            let mut path: Vec<(usize, std::vec::IntoIter<(usize, String)>)> =
                vec![(start, by_value(&self.defs[start].2).into_iter())];
            on_path[start] = true;
            while let Some((node, targets)) = path.last_mut() {
                let node = *node;
                let Some((slot, target)) = targets.next() else {
                    done[node] = true;
                    on_path[node] = false;
                    path.pop();
                    continue;
                };
                let Some(&t) = index.get(&target) else { continue };
                if on_path[t] {
                    self.cut(node, slot);
                } else if !done[t] {
                    on_path[t] = true;
                    path.push((t, by_value(&self.defs[t].2).into_iter()));
                }
            }
        }
    }

    /// Makes field (or variant) `slot` of type `node` a `json` value, with a warning.
    fn cut(&mut self, node: usize, slot: usize) {
        let (_, name, def) = &mut self.defs[node];
        let Def::Type(ty) = def else { return };
        let at = self.origins.get(name.as_str()).cloned().unwrap_or_default();
        let message = |what: &str, target: &str| {
            format!(
                "{what} of `{name}` holds `{target}`, which holds `{name}` again: a type of infinite size; it is read as `json`"
            )
        };
        if let Some((wire, field)) = ty.fields.get_mut(slot) {
            let text = message(&format!("field `{wire}`"), &field.ty);
            field.comments.push(format!("`{}` in the document; `json` to break a cycle of types.", field.ty));
            field.ty = "json".to_string();
            let at = field.at.clone();
            self.findings.warn(&at, text);
        } else if let Some(index) = slot.checked_sub(ty.fields.len()).filter(|i| *i < ty.one_of.len()) {
            // A union's variants are of distinct types: the cut one is an object of JSON values
            // (what it held) unless another variant is already that, then any JSON value.
            let taken: Vec<String> = ty.one_of.iter().map(|(_, e)| e.clone()).collect();
            let (variant, expr) = &mut ty.one_of[index];
            let text = message(&format!("variant `{variant}`"), expr);
            let loose = ["map<json>", "json"].into_iter().find(|t| !taken.iter().any(|e| e == t)).unwrap_or("json");
            *expr = loose.to_string();
            self.findings.warn(&at, text.replace("read as `json`", &format!("read as `{loose}`")));
        }
    }
}

/// What `allOf` members add up to.
#[derive(Default)]
struct Parts {
    description: Option<String>,
    properties: Vec<(String, Value, Pointer)>,
    required: HashSet<String>,
}

/// The named types a type holds by value, with the slot (field index, then variant index after
/// the fields) that holds each: a bare name, not inside `list<…>` or `map<…>`.
fn by_value(def: &Def) -> Vec<(usize, String)> {
    let Def::Type(ty) = def else { return Vec::new() };
    let fields = ty.fields.iter().map(|(_, f)| f.ty.as_str());
    let variants = ty.one_of.iter().map(|(_, e)| e.as_str());
    fields.chain(variants).enumerate().filter(|(_, t)| !t.contains('<')).map(|(i, t)| (i, t.to_string())).collect()
}

/// The types a parameter or a form field may be of, besides ids, enums, keys and unions of these.
const SCALARS: &[&str] = &["string", "integer", "number", "boolean", "uuid", "datetime", "date"];

/// Whether a union's member is plainly a single value, or `null`: what a reference to a union
/// can be told from before the union is converted.
fn scalar_schema(member: &Value) -> bool {
    let plain = ["$ref", "properties", "items", "oneOf", "anyOf", "allOf"].iter().all(|k| member.get(k).is_none());
    let ty = member.get("type").and_then(Value::as_str);
    plain
        && matches!(ty, Some("string" | "integer" | "number" | "boolean" | "null"))
        && member.get("format").and_then(Value::as_str) != Some("binary")
}

/// A union type of `variants`.
fn union_def(object: &Map<String, Value>, key: &str, variants: Vec<(String, String)>) -> TypeDraft {
    let comments = deprecation(object);
    let mut def = TypeDraft { description: description(object), one_of: variants, comments, ..TypeDraft::default() };
    if key == "oneOf" {
        def.comments.push("`oneOf` in the document: here the first variant that decodes wins.".to_string());
    }
    def
}

/// The names an inline type gets in each member of a union (the members other than `null`,
/// each with what [`member_name`] says of it), made from the union's `hint`. A lone member is
/// named `hint` itself: `X | null` is `X`, named as it would be without `null`. Others are named
/// after what they are, and by their place among the members other than `null` only when that
/// says nothing or the same as another's: so a name depends neither on a `null` member nor,
/// mostly, on the order.
fn member_hints(hint: &str, names: &[Option<String>]) -> Vec<String> {
    if names.len() == 1 {
        return vec![hint.to_string()];
    }
    let repeated = |name: &String| names.iter().flatten().filter(|other| *other == name).count() > 1;
    let place = |i: usize| format!("{hint}Variant{}", i + 1);
    let named = |(i, name): (usize, &Option<String>)| match name {
        Some(name) if !repeated(name) => format!("{hint}{name}"),
        _ => place(i),
    };
    names.iter().enumerate().map(named).collect()
}

/// What a union's member is, as the end of a type name: the component it refers to (`$ref`),
/// its `title`, or its content: the one property of an object (`{card: …}` → `Card`), an enum's
/// or a `const`'s values (up to three: `[asc, desc]` → `AscDesc`), or its type (`List`, `Map`,
/// `String`, …). `None` when none of these says anything.
fn member_name(member: &Value) -> Option<String> {
    let camel =
        |text: &str| Some(text.to_upper_camel_case()).filter(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()));
    let object = member.as_object()?;
    if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
        return Pointer::parse(reference).and_then(|p| p.keys().last().and_then(|k| camel(k)));
    }
    if let Some(title) = object.get("title").and_then(Value::as_str).and_then(camel) {
        return Some(title);
    }
    let values = match object.get("const") {
        Some(value) => Some(std::slice::from_ref(value)),
        None => enum_values(object),
    };
    if let Some(values) = values {
        let texts: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        if texts.is_empty() || texts.len() > 3 {
            return None;
        }
        return texts.iter().map(|t| camel(t)).collect::<Option<String>>();
    }
    if let Some(properties) = object.get("properties").and_then(Value::as_object) {
        let mut keys = properties.keys();
        return match (keys.next(), keys.next()) {
            (Some(only), None) => camel(only),
            _ => None,
        };
    }
    if alternatives(object).is_some() || object.contains_key("allOf") {
        return None;
    }
    match primary_type(object)? {
        "array" => Some("List".to_string()),
        "object" => Some("Map".to_string()),
        "string" => camel(string_format(object)),
        scalar => camel(scalar),
    }
}

/// An enum's values: `enum`, or Zalando's `x-extensible-enum`, an enum whose list may grow, which
/// every enum of the spec is (an unknown value decodes as `Unknown`).
fn enum_values(object: &Map<String, Value>) -> Option<&[Value]> {
    ["enum", "x-extensible-enum"].into_iter().find_map(|key| object.get(key)?.as_array().map(Vec::as_slice))
}

/// `oneOf` or `anyOf`, whichever the schema has, with its members.
fn alternatives(object: &Map<String, Value>) -> Option<(&'static str, &[Value])> {
    ["oneOf", "anyOf"]
        .into_iter()
        .find_map(|key| object.get(key).and_then(Value::as_array).map(|members| (key, members.as_slice())))
}

/// The schema's `type`, ignoring `null` in a 3.1 list of types.
fn primary_type(object: &Map<String, Value>) -> Option<&str> {
    match object.get("type")? {
        Value::String(ty) => Some(ty),
        Value::Array(types) => {
            let mut others = types.iter().filter_map(Value::as_str).filter(|t| *t != "null");
            Some(others.next().unwrap_or("null"))
        }
        _ => None,
    }
}

/// How many types other than `null` a 3.1 `type` list names.
fn types_listed(object: &Map<String, Value>) -> usize {
    match object.get("type") {
        Some(Value::Array(types)) => types.iter().filter(|t| *t != "null").count(),
        _ => 1,
    }
}

/// A key type from `x-key-format` and `x-key-parts` (this generator's own extensions): the
/// format must name each part once, and each part be text or an integer. Anything else is for
/// the generator to judge once the spec is written.
fn key_draft(object: &Map<String, Value>) -> Result<KeyDraft, String> {
    let format = object.get("x-key-format").and_then(Value::as_str).ok_or("`x-key-format` is not text")?;
    let parts = object.get("x-key-parts").and_then(Value::as_object).ok_or("`x-key-parts` is not an object")?;
    let named: Vec<&str> = format.split(['{', '}']).skip(1).step_by(2).collect();
    let example = object.get("examples").and_then(|e| e.get(0)).and_then(Value::as_str).map(str::to_string);
    let mut def =
        KeyDraft { description: description(object), format: format.to_string(), example, ..KeyDraft::default() };
    for name in &named {
        let part =
            parts.get(*name).ok_or_else(|| format!("`x-key-format` names `{{{name}}}`, not in `x-key-parts`"))?;
        let ty = match part.get("type").and_then(Value::as_str) {
            Some(ty @ ("string" | "integer")) => ty,
            _ => return Err(format!("part `{name}` of `x-key-parts` is neither a string nor an integer")),
        };
        let integer = |key: &str| part.get(key).and_then(Value::as_i64);
        let bounds = Bounds { minimum: integer("minimum"), maximum: integer("maximum"), ..Bounds::default() };
        let description = part.as_object().and_then(description);
        def.parts.push((name.to_string(), KeyPartDraft { ty: ty.to_string(), description, bounds }));
    }
    match parts.keys().find(|part| !named.contains(&part.as_str())) {
        Some(part) => Err(format!("part `{part}` of `x-key-parts` is not in `x-key-format`")),
        None => Ok(def),
    }
}

/// An integer enum whose codes have names (`x-enum-varnames`, openapi-generator's key, which this
/// generator writes too): each name with its code, when every code is an integer with a name of
/// its own that can be a Rust variant.
fn integer_codes(object: &Map<String, Value>) -> Option<Vec<(String, i64)>> {
    let codes = enum_values(object)?;
    let names = object.get("x-enum-varnames")?.as_array()?;
    if codes.len() != names.len() || codes.is_empty() {
        return None;
    }
    let mut idents = HashSet::new();
    let pairs = names.iter().zip(codes).map(|(name, code)| {
        let (name, code) = (name.as_str()?, code.as_i64()?);
        let ident = names::variant(name).ok().filter(|ident| ident != names::UNKNOWN_VARIANT)?;
        idents.insert(ident).then(|| (name.to_string(), code))
    });
    let pairs: Option<Vec<(String, i64)>> = pairs.collect();
    let pairs = pairs?;
    let distinct: HashSet<i64> = pairs.iter().map(|(_, code)| *code).collect();
    (distinct.len() == pairs.len()).then_some(pairs)
}

fn string_format(object: &Map<String, Value>) -> &'static str {
    match object.get("format").and_then(Value::as_str) {
        Some("uuid") => "uuid",
        Some("date-time") => "datetime",
        Some("date") => "date",
        _ => "string",
    }
}

/// A comment for a schema the document deprecates.
fn deprecation(object: &Map<String, Value>) -> Vec<String> {
    let deprecated = object.get("deprecated").and_then(Value::as_bool) == Some(true);
    deprecated.then(|| "Deprecated in the document.".to_string()).into_iter().collect()
}

/// The schema's `description`, or its `title` when it has none.
/// The components an object's `allOf` merges by reference.
fn merged_components(object: &Map<String, Value>) -> Vec<String> {
    let members = object.get("allOf").and_then(Value::as_array).into_iter().flatten();
    members.filter_map(|m| m.get("$ref")?.as_str()).filter_map(component_name).collect()
}

/// Whether a schema only annotates (a description, a title, an example…) and constrains nothing.
fn annotation_only(schema: &Value) -> bool {
    // `xml` too: how a value is written as XML says nothing of its JSON (AWS's documents put it
    // beside each reference's description).
    const ANNOTATIONS: &[&str] = &[
        "description",
        "title",
        "example",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "$comment",
        "xml",
    ];
    schema.as_object().is_some_and(|o| o.keys().all(|k| ANNOTATIONS.contains(&k.as_str()) || k.starts_with("x-")))
}

pub fn description(object: &Map<String, Value>) -> Option<String> {
    ["description", "title"]
        .into_iter()
        .find_map(|key| object.get(key).and_then(Value::as_str))
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
}

/// The bounds a request value of type `ty` is checked against: `minimum` and `maximum` of an
/// integer (exclusive ones made inclusive, in the 3.0 and the 3.1 spelling), `minLength` and
/// `maxLength` of a string. `None` when the schema's bounds cross, so no value could be sent.
pub fn bounds(schema: &Value, ty: &str) -> Option<Bounds> {
    let number = |key: &str| schema.get(key).and_then(Value::as_f64);
    let flag = |key: &str| schema.get(key).and_then(Value::as_bool).unwrap_or(false);
    let length = |key: &str| schema.get(key).and_then(Value::as_u64);
    let bounds = match ty {
        "integer" => {
            // 3.0: `exclusiveMinimum: true` beside `minimum`; 3.1: `exclusiveMinimum: 0`.
            let low = match (number("minimum"), number("exclusiveMinimum"), flag("exclusiveMinimum")) {
                (Some(m), _, true) => Some(m.floor() + 1.0),
                (m, e, _) => m.map(f64::ceil).into_iter().chain(e.map(|e| e.floor() + 1.0)).reduce(f64::max),
            };
            let high = match (number("maximum"), number("exclusiveMaximum"), flag("exclusiveMaximum")) {
                (Some(m), _, true) => Some(m.ceil() - 1.0),
                (m, e, _) => m.map(f64::floor).into_iter().chain(e.map(|e| e.ceil() - 1.0)).reduce(f64::min),
            };
            Bounds { minimum: low.and_then(to_i64), maximum: high.and_then(to_i64), ..Bounds::default() }
        }
        "string" => Bounds { min_length: length("minLength"), max_length: length("maxLength"), ..Bounds::default() },
        _ => Bounds::default(),
    };
    let crossed = matches!((bounds.minimum, bounds.maximum), (Some(a), Some(b)) if a > b)
        || matches!((bounds.min_length, bounds.max_length), (Some(a), Some(b)) if a > b);
    (!crossed).then_some(bounds)
}

/// The keywords [`bounds`] reads for a value of type `ty`: those it keeps.
pub fn bound_keys(ty: &str) -> &'static [&'static str] {
    match ty {
        "integer" => &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
        "string" => &["minLength", "maxLength"],
        _ => &[],
    }
}

/// A whole number of `f64` as `i64`, if it fits.
fn to_i64(value: f64) -> Option<i64> {
    // i64::MAX is not an f64; 2^63 is the first value past it.
    (value.is_finite() && value >= -(2f64.powi(63)) && value < 2f64.powi(63)).then_some(value as i64)
}

/// The conversions a schema of this generator's own documents declares (`x-into`): each target
/// with its renamed fields. Anything else under `x-into` is not ours and is left alone.
fn into(object: &Map<String, Value>) -> Vec<(String, Vec<(String, String)>)> {
    let Some(Value::Object(targets)) = object.get("x-into") else { return Vec::new() };
    let renames = |fields: &Value| -> Vec<(String, String)> {
        let fields = fields.as_object().into_iter().flatten();
        fields.filter_map(|(to, from)| Some((to.clone(), from.as_str()?.to_string()))).collect()
    };
    targets.iter().map(|(target, fields)| (target.clone(), renames(fields))).collect()
}

/// The fields that expand, as a schema of this generator's own documents declares them
/// (`x-expand`), each with the type of its object.
fn expand(object: &Map<String, Value>) -> Vec<(String, String)> {
    let Some(Value::Object(fields)) = object.get("x-expand") else { return Vec::new() };
    fields.iter().filter_map(|(field, object)| Some((field.clone(), object.as_str()?.to_string()))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints(hint: &str, members: &[Value]) -> Vec<String> {
        let said: Vec<Option<String>> = members.iter().map(member_name).collect();
        member_hints(hint, &said)
    }

    #[test]
    fn union_members_are_named_by_what_they_are_then_by_place() {
        let card = serde_json::json!({ "$ref": "#/components/schemas/Card" });
        let titled = serde_json::json!({ "title": "bank transfer", "type": "object" });
        let one = serde_json::json!({ "type": "object", "properties": { "wallet": {} } });
        let values = serde_json::json!({ "enum": ["asc", "desc"] });
        let constant = serde_json::json!({ "const": "auto" });
        let list = serde_json::json!({ "type": ["array", "null"] });
        let two = serde_json::json!({ "type": "object", "properties": { "a": {}, "b": {} } });
        let members = [card, titled, one, values, constant, list, two];
        let expected =
            ["PCard", "PBankTransfer", "PWallet", "PAscDesc", "PAuto", "PList", "PVariant7"].map(String::from);
        assert_eq!(hints("P", &members), expected);
        // A lone member is named as the union would be.
        assert_eq!(hints("P", &members[2..3]), ["P"]);
        // Members that say the same are named by their place, which stays unique.
        let same = serde_json::json!({ "type": "object", "properties": { "wallet": { "type": "integer" } } });
        assert_eq!(hints("P", &[members[2].clone(), same, members[3].clone()]), ["PVariant1", "PVariant2", "PAscDesc"]);
        // More than three values say too much to be a name.
        assert_eq!(member_name(&serde_json::json!({ "enum": ["a", "b", "c", "d"] })), None);
    }
}
