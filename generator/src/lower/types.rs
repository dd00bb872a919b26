//! Lowering types: names declared first (so any file may use any type), then each object type
//! and enum checked and resolved, type expressions parsed, and cycles by value refused.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{BUILTINS, Lowerer, closest};
use crate::diagnostic::Diagnostic;
use crate::model::{Endpoint, EnumDef, Field, Presence, Repr, Request, Ty, TypeDef, UnionDef, UnionVariant, Variant};
use crate::names;
use crate::spec::{Entries, EnumSpec, FieldSpec, Loaded, TypeSpec};

impl Lowerer<'_> {
    /// Registers every type, enum and key name first, so that fields may refer to types declared
    /// later or in another file.
    pub(super) fn declare_types(&mut self) {
        let files = self.files;
        let mut by_ident: HashMap<String, (String, &str, &Loaded)> = HashMap::new();
        for file in files {
            let types = file.spec.types.keys().map(|name| ("types", name));
            let enums = file.spec.enums.keys().map(|name| ("enums", name));
            let keys = file.spec.keys.keys().map(|name| ("keys", name));
            for (section, name) in types.chain(enums).chain(keys) {
                let at = || file.key_at(&[section, name]);
                // A type whose name is refused is still declared, so that its uses do not each
                // report it as unknown.
                let Some(ident) = self.rust_name(names::type_name, "type", name, at) else {
                    self.types.insert(name.clone(), Ty::Json);
                    continue;
                };
                if let Some(clash) = taken_type(&ident) {
                    let d = Diagnostic::error(format!("the type name `{ident}` is taken by the generated crate"))
                        .at(at())
                        .help(format!("`{ident}` is {clash}; rename the type, e.g. to `{ident}Type`"));
                    self.error(d);
                    self.types.insert(name.clone(), Ty::Json);
                    continue;
                }
                if let Some((other, other_section, other_file)) = by_ident.get(&ident) {
                    let what = if other == name && *other_section != section {
                        format!("`{name}` is both {} and {}", kind(other_section), kind(section))
                    } else if other == name {
                        format!("type `{name}` is defined twice")
                    } else {
                        format!("types `{name}` and `{other}` both become `{ident}` in Rust")
                    };
                    let d = Diagnostic::error(what).at(at()).help(format!("the other is in {}", other_file.path));
                    self.error(d);
                    continue;
                }
                by_ident.insert(ident.clone(), (name.clone(), section, file));
                let ty = match file.spec.types.get(name) {
                    _ if section == "enums" => Ty::Enum(ident),
                    _ if section == "keys" => Ty::Key(ident),
                    Some(spec) if spec.one_of.is_some() => Ty::Union(ident),
                    _ => Ty::Named(ident),
                };
                self.types.insert(name.clone(), ty);
            }
        }
    }

    pub(super) fn enum_def(&mut self, file: &Loaded, module: &str, name: &str, spec: &EnumSpec) -> Option<EnumDef> {
        let ident = self.types.get(name)?.named()?.to_string();
        let at = || file.key_at(&["enums", name]);
        let (repr, entries): (Repr, Vec<EnumEntry<'_>>) = match (&spec.values, &spec.codes) {
            (Some(values), None) => (
                Repr::Text,
                values
                    .iter()
                    .map(|(wire, doc)| EnumEntry {
                        key: wire,
                        wire: wire.clone(),
                        doc: doc.as_ref(),
                        section: "values",
                    })
                    .collect(),
            ),
            (None, Some(codes)) => (
                Repr::Integer,
                codes
                    .iter()
                    .map(|(name, c)| EnumEntry {
                        key: name,
                        wire: c.code.to_string(),
                        doc: c.description.as_ref(),
                        section: "codes",
                    })
                    .collect(),
            ),
            (values, _) => {
                let message =
                    if values.is_some() { "has both `values` and `codes`" } else { "has neither `values` nor `codes`" };
                let d = Diagnostic::error(format!("enum `{name}` {message}"))
                    .at(at())
                    .help("list string values under `values`, or integer codes by name under `codes`");
                self.error(d);
                return None;
            }
        };
        let mut variants: Vec<Variant> = Vec::with_capacity(entries.len());
        // Each variant's index by its Rust name and by its wire value: an enum may list many
        // values, and looking each one up in a list would be quadratic.
        let (mut by_ident, mut by_wire) =
            (HashMap::with_capacity(entries.len()), HashMap::with_capacity(entries.len()));
        for EnumEntry { key, wire, doc, section } in entries {
            let at = || file.key_at(&["enums", name, section, key]);
            let variant = match names::variant(key) {
                Ok(v) if v == names::UNKNOWN_VARIANT => {
                    let d = Diagnostic::error(format!(
                        "the value `{key}` would become `Unknown`, the variant kept for values the spec does not list"
                    ))
                    .at(at())
                    .help("this generator cannot name it; rename the value in the spec if the server allows");
                    self.error(d);
                    return None;
                }
                Ok(v) => v,
                Err(e) => {
                    self.error(Diagnostic::error(e.explain("enum value", key)).at(at()));
                    return None;
                }
            };
            if let Some(&other) = by_ident.get(&variant) {
                let other: &Variant = &variants[other];
                let d =
                    Diagnostic::error(format!("values `{}` and `{key}` both become `{variant}` in Rust", other.wire))
                        .at(at());
                self.error(d);
                return None;
            }
            if let Some(&other) = by_wire.get(&wire) {
                let other: &Variant = &variants[other];
                let d = Diagnostic::error(format!("`{key}` and `{}` have the same code, {wire}", other.ident)).at(at());
                self.error(d);
                return None;
            }
            by_ident.insert(variant.clone(), variants.len());
            by_wire.insert(wire.clone(), variants.len());
            variants.push(Variant { wire, ident: variant, doc: doc.cloned().unwrap_or_default() });
        }
        if variants.is_empty() {
            self.error(Diagnostic::error(format!("enum `{name}` has no values")).at(at()));
            return None;
        }
        let doc = spec.description.clone().unwrap_or_default();
        Some(EnumDef { ident, module: module.to_string(), doc, repr, variants })
    }

    pub(super) fn type_def(&mut self, file: &Loaded, module: &str, name: &str, spec: &TypeSpec) -> Option<Shape> {
        let ident = self.types.get(name)?.named()?.to_string();
        let at = || file.key_at(&["types", name]);
        if spec.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
            self.error(Diagnostic::warning(format!("type `{name}` has no description")).at(at()));
        }
        let doc = spec.description.clone().unwrap_or_default();
        let (module, spec_name) = (module.to_string(), name.to_string());
        match (&spec.fields, &spec.one_of) {
            (Some(fields), None) => {
                let refused = Some("bounds are checked on request bodies and query parameters, which the client sends");
                let fields = self.fields(file, &["types", name, "fields"], fields, refused)?;
                Some(Shape::Object(TypeDef {
                    ident,
                    module,
                    spec_name,
                    doc,
                    fields,
                    sent: false,
                    into: Vec::new(),
                    expand: None,
                    expanded_into: false,
                    select: None,
                }))
            }
            (None, Some(variants)) => {
                let variants = self.union_variants(file, name, variants)?;
                Some(Shape::Union(UnionDef { ident, module, spec_name, doc, variants }))
            }
            (fields, _) => {
                let message = if fields.is_some() {
                    "has both `fields` and `one_of`"
                } else {
                    "has neither `fields` nor `one_of`"
                };
                let d = Diagnostic::error(format!("type `{name}` {message}"))
                    .at(at())
                    .help("an object type lists its `fields`; a union lists the types it may be under `one_of`");
                self.error(d);
                None
            }
        }
    }

    /// A union's alternatives: named, of distinct types (a second alternative of the same type
    /// could never be decoded), at least two.
    fn union_variants(&mut self, file: &Loaded, name: &str, specs: &Entries<String>) -> Option<Vec<UnionVariant>> {
        let mut variants: Vec<UnionVariant> = Vec::new();
        // The first variant of each Rust name and of each type, by index: a lookup in the list
        // of the variants before would be quadratic in a union of many.
        let (mut by_ident, mut by_ty) = (HashMap::new(), HashMap::new());
        let mut ok = true;
        for (variant, expr) in specs {
            let path = ["types", name, "one_of", variant.as_str()];
            let Some(ident) = self.rust_name(names::variant, "union variant", variant, || file.key_at(&path)) else {
                ok = false;
                continue;
            };
            let Some(ty) = self.ty(file, &path, expr) else {
                ok = false;
                continue;
            };
            if let Some(&other) = by_ident.get(&ident) {
                let other: &UnionVariant = &variants[other];
                self.clash(
                    format!("variants `{}` and `{variant}` both become `{ident}` in Rust", other.name),
                    file.key_at(&path),
                );
                ok = false;
            } else if let Some(&other) = by_ty.get(&ty) {
                let other: &UnionVariant = &variants[other];
                let d = Diagnostic::error(format!("variants `{}` and `{variant}` hold the same type", other.name))
                    .at(file.value_at(&path))
                    .help("variants are tried in order, so the second could never be decoded; remove one");
                self.error(d);
                ok = false;
            }
            by_ident.entry(ident.clone()).or_insert(variants.len());
            by_ty.entry(ty.clone()).or_insert(variants.len());
            variants.push(UnionVariant { name: variant.clone(), ident, ty });
        }
        if ok && variants.len() < 2 {
            let d = Diagnostic::error(format!("union `{name}` has fewer than two variants"))
                .at(file.key_at(&["types", name, "one_of"]))
                .help("a union is one of several types; with one, use that type instead");
            self.error(d);
            return None;
        }
        ok.then_some(variants)
    }

    /// Lowers the fields of a type or body; `prefix` is the key path of the field map.
    /// `refused` says why the fields take no bounds, if they do not.
    pub(super) fn fields(
        &mut self,
        file: &Loaded,
        prefix: &[&str],
        specs: &Entries<FieldSpec>,
        refused: Option<&str>,
    ) -> Option<Vec<Field>> {
        let mut fields = Vec::with_capacity(specs.len());
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut ok = true;
        for (wire, spec) in specs {
            let path = [prefix, &[wire.as_str()]].concat();
            let Some(ident) = self.rust_name(names::field, "field", wire, || file.key_at(&path)) else {
                ok = false;
                continue;
            };
            if let Some(other) = seen.insert(ident.clone(), wire.clone()) {
                self.clash(format!("fields `{other}` and `{wire}` both become `{ident}` in Rust"), file.key_at(&path));
                ok = false;
                continue;
            }
            if spec.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
                self.error(Diagnostic::warning(format!("field `{wire}` has no description")).at(file.key_at(&path)));
            }
            let ty_path = [path.as_slice(), &["type"]].concat();
            let Some(ty) = self.ty(file, &ty_path, &spec.ty) else {
                ok = false;
                continue;
            };
            if !self.check_bounds(file, &path, spec.bounds(), &ty, refused) {
                ok = false;
                continue;
            }
            fields.push(Field {
                wire: wire.clone(),
                ident,
                ty,
                presence: Presence::new(spec.required, spec.nullable),
                clear_ident: None,
                bounds: spec.bounds(),
                example: spec.example.clone().map(|e| e.0),
                doc: spec.description.clone().unwrap_or_default(),
            });
        }
        ok.then_some(fields)
    }

    /// Parses and resolves a type expression found at `path`.
    pub(super) fn ty(&mut self, file: &Loaded, path: &[&str], expr: &str) -> Option<Ty> {
        match parse_ty(expr.trim()) {
            Ok(parsed) => self.resolve(file, path, &parsed),
            Err(message) => {
                let d = Diagnostic::error(format!("`{expr}` is not a type: {message}"))
                    .at(file.value_at(path))
                    .help("types are string, integer, number, boolean, uuid, datetime, date, json, file, a type name, list<T>, map<T> or id<Name>");
                self.error(d);
                None
            }
        }
    }

    fn resolve(&mut self, file: &Loaded, path: &[&str], parsed: &Parsed) -> Option<Ty> {
        Some(match parsed {
            Parsed::List(inner) => Ty::List(Box::new(self.resolve(file, path, inner)?)),
            Parsed::Map(inner) => Ty::Map(Box::new(self.resolve(file, path, inner)?)),
            Parsed::Id(name) => self.id(file, path, name)?,
            Parsed::Name(name) => match name.as_str() {
                "string" => Ty::String,
                "integer" => Ty::Integer,
                "number" => Ty::Number,
                "boolean" => Ty::Boolean,
                "uuid" => Ty::Uuid,
                "datetime" => Ty::DateTime,
                "date" => Ty::Date,
                "json" => Ty::Json,
                "file" if self.files_allowed => Ty::File,
                "file" => {
                    let d = Diagnostic::error("a `file` is a part of a `multipart/form-data` body, and nothing else")
                        .at(file.value_at(path))
                        .help("send a file as bytes (`request: { content: application/octet-stream }`), in a multipart body's fields, or with an `upload:` block");
                    self.error(d);
                    return None;
                }
                _ => match self.types.get(name) {
                    Some(ty) => ty.clone(),
                    None => {
                        let mut d = Diagnostic::error(format!("unknown type `{name}`")).at(file.value_at(path));
                        let known = BUILTINS.iter().copied().chain(self.types.keys().map(String::as_str));
                        d = match closest(name, known) {
                            Some(best) => d.help(format!("did you mean `{best}`?")),
                            None => d.help("declare it under `types:`, or use a built-in type"),
                        };
                        self.error(d);
                        return None;
                    }
                },
            },
        })
    }

    /// A parameter or form field of a union type is a single value only if every variant is one:
    /// it is sent as the text of the variant it holds.
    pub(super) fn check_union_params(&mut self, unions: &[UnionDef]) {
        for (union, what, at) in std::mem::take(&mut self.union_params) {
            let Some(def) = unions.iter().find(|u| u.ident == union) else { continue };
            if let Some(variant) = def.variants.iter().find(|v| !v.ty.is_scalar()) {
                let d = Diagnostic::error(format!(
                    "{what} is a `{}`, whose variant `{}` is not a single value",
                    def.spec_name, variant.name
                ))
                .at(at)
                .help("a parameter or form field of a union type is sent as the text of its value: each variant must be a string, number, boolean, date, id, enum or key");
                self.error(d);
            }
        }
    }

    /// A type that holds itself by value (directly or through other types and unions) has
    /// infinite size.
    pub(super) fn check_cycles(&mut self, types: &[TypeDef], union_defs: &[UnionDef]) {
        fn by_value(ty: &Ty) -> Option<&str> {
            match ty {
                Ty::Named(next) | Ty::Union(next) => Some(next),
                _ => None,
            }
        }
        // Each type's spec name and the types it holds by value.
        let objects = types.iter().map(|t| {
            (t.ident.as_str(), (t.spec_name.as_str(), t.fields.iter().filter_map(|f| by_value(&f.ty)).collect()))
        });
        let unions = union_defs.iter().map(|u| {
            (u.ident.as_str(), (u.spec_name.as_str(), u.variants.iter().filter_map(|v| by_value(&v.ty)).collect()))
        });
        let graph: BTreeMap<&str, (&str, Vec<&str>)> = objects.chain(unions).collect();
        // In the order the spec declares them, so the cycle is reported from its first type.
        let starts = types.iter().map(|t| (t.ident.as_str(), t.spec_name.as_str()));
        for (start, start_name) in starts.chain(union_defs.iter().map(|u| (u.ident.as_str(), u.spec_name.as_str()))) {
            let mut stack = vec![(start, vec![start_name])];
            let mut visited = Vec::new();
            while let Some((ident, trail)) = stack.pop() {
                let Some((_, holds)) = graph.get(ident) else { continue };
                for &next in holds {
                    let Some((next_name, _)) = graph.get(next) else { continue };
                    let trail = [trail.as_slice(), &[*next_name]].concat();
                    if next == start {
                        let file = self.files.iter().find(|f| f.spec.types.contains_key(start_name));
                        let mut d =
                            Diagnostic::error(format!("type `{start_name}` contains itself: {}", trail.join(" -> ")))
                                .help("break the cycle with a list<T> or map<T>, or refer to the other object by id");
                        if let Some(file) = file {
                            d = d.at(file.key_at(&["types", start_name]));
                        }
                        self.error(d);
                        return;
                    }
                    if !visited.contains(&next) {
                        visited.push(next);
                        stack.push((next, trail));
                    }
                }
            }
        }
    }
}

impl Lowerer<'_> {
    /// Marks the object types that a request body holds, at any depth, and checks that their
    /// builder methods (`new` and a setter per optional field) have distinct names.
    pub(super) fn mark_sent(&mut self, objects: &mut [TypeDef], unions: &[UnionDef], endpoints: &[Endpoint]) {
        let mut pending: Vec<&Ty> =
            endpoints.iter().filter_map(|e| e.body.as_ref()).flat_map(|b| &b.fields).map(|f| &f.ty).collect();
        // A JSON body of a type (`request.type`) is sent whole.
        pending.extend(endpoints.iter().filter_map(|e| match &e.request {
            Request::Json { ty, .. } => Some(ty),
            _ => None,
        }));
        let mut sent: HashSet<String> = HashSet::new();
        while let Some(ty) = pending.pop() {
            match ty {
                Ty::List(item) | Ty::Map(item) => pending.push(item),
                Ty::Union(name) => {
                    pending.extend(unions.iter().filter(|u| &u.ident == name).flat_map(|u| &u.variants).map(|v| &v.ty))
                }
                Ty::Named(name) if sent.insert(name.clone()) => {
                    pending.extend(objects.iter().filter(|o| &o.ident == name).flat_map(|o| &o.fields).map(|f| &f.ty));
                }
                _ => {}
            }
        }
        for def in objects.iter_mut().filter(|o| sent.contains(&o.ident)) {
            def.sent = true;
            let Some(file) = self.files.iter().find(|f| f.spec.types.contains_key(&def.spec_name)) else { continue };
            let setters: Vec<(&str, &str, Option<&str>)> = def
                .fields
                .iter()
                .filter(|f| !f.presence.is_required())
                .map(|f| (f.wire.as_str(), f.bare_ident(), None))
                .collect();
            self.builder_methods(file, &["types", &def.spec_name, "fields"], &setters);
        }
    }
}

/// What the names under a top-level section are, in a sentence.
fn kind(section: &str) -> &'static str {
    match section {
        "enums" => "an enum",
        "keys" => "a key type",
        _ => "a type",
    }
}

impl Lowerer<'_> {
    /// The Rust names of the spec's types, enums and keys, gathered once.
    fn type_names(&mut self) -> &HashSet<String> {
        let types = &self.types;
        self.type_names.get_or_insert_with(|| types.values().filter_map(Ty::named).map(str::to_string).collect())
    }

    /// Whether no type has taken the names that `why` (`` `Item` expands ``) makes the crate
    /// declare; reports the first that is taken.
    pub(super) fn names_free<'n>(
        &mut self,
        why: &str,
        names: impl IntoIterator<Item = &'n String>,
        at: crate::diagnostic::Location,
    ) -> bool {
        for taken in names {
            if self.type_names().contains(taken) || crate::runtime::type_clash(taken).is_some() {
                let d = Diagnostic::error(format!("{why}, so the crate needs the name `{taken}`, which is taken"))
                    .at(at)
                    .help(format!("rename the type named `{taken}`"));
                self.error(d);
                return false;
            }
        }
        true
    }
}

/// What a spec type named `ident` would clash with: a name of the runtime, or of the request types
/// generated for endpoints (`<Endpoint>Body`, `<Endpoint>Query`).
pub(super) fn taken_type(ident: &str) -> Option<String> {
    let request = || "named like a generated request type: names ending in `Body` or `Query` are theirs".to_string();
    crate::runtime::type_clash(ident).or_else(|| names::is_request_type(ident).then(request))
}

/// One value of an enum as the spec gives it: the name its variant is made from (the string
/// value itself, or a code's name), its value on the wire, its docs, and the section it is in.
struct EnumEntry<'a> {
    key: &'a str,
    wire: String,
    doc: Option<&'a String>,
    section: &'static str,
}

/// A named type of `types:`, as lowered: an object or a union.
pub(super) enum Shape {
    Object(TypeDef),
    Union(UnionDef),
}

/// A parsed, not yet resolved, type expression.
#[derive(Debug, PartialEq)]
enum Parsed {
    Name(String),
    List(Box<Parsed>),
    Map(Box<Parsed>),
    /// `id<Name>`: the id of a resource.
    Id(String),
}

/// How deep `list<…>` and `map<…>` may nest. Real types nest two or three deep; the bound keeps
/// parsing, resolving and emitting (all recursive) far from the stack's end on any input.
const MAX_TYPE_DEPTH: usize = 32;

fn parse_ty(expr: &str) -> Result<Parsed, String> {
    let depth = expr.matches('<').count();
    if depth > MAX_TYPE_DEPTH {
        return Err(format!("it nests {depth} deep; at most {MAX_TYPE_DEPTH} levels of `<…>` are allowed"));
    }
    if let Some(open) = expr.find('<') {
        let Some(inner) = expr[open + 1..].strip_suffix('>') else {
            return Err("`<` has no matching `>` at the end".to_string());
        };
        let inner = Box::new(parse_ty(inner.trim())?);
        return match (expr[..open].trim(), *inner) {
            ("list", inner) => Ok(Parsed::List(Box::new(inner))),
            ("map", inner) => Ok(Parsed::Map(Box::new(inner))),
            ("id", Parsed::Name(name)) => Ok(Parsed::Id(name)),
            ("id", _) => Err("`id<…>` takes the name of a resource, e.g. `id<Project>`".to_string()),
            (other, _) => Err(format!("`{other}<…>` is not a container; use list<T>, map<T> or id<Name>")),
        };
    }
    if expr.is_empty() {
        return Err("it is empty".to_string());
    }
    if !expr.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
        return Err("a type name has letters, digits, `_` and `-` only".to_string());
    }
    Ok(Parsed::Name(expr.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_type_expressions() {
        assert_eq!(parse_ty("string"), Ok(Parsed::Name("string".into())));
        assert_eq!(
            parse_ty("list<map<Customer>>"),
            Ok(Parsed::List(Box::new(Parsed::Map(Box::new(Parsed::Name("Customer".into()))))))
        );
        assert!(parse_ty("list<string").is_err());
        assert!(parse_ty("set<string>").is_err());
        assert_eq!(parse_ty("list<id<Label>>"), Ok(Parsed::List(Box::new(Parsed::Id("Label".into())))));
        assert!(parse_ty("id<list<Label>>").is_err());
        assert!(parse_ty("").is_err());
    }
}
