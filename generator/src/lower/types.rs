//! Lowering types: names declared first (so any file may use any type), then each object type
//! and enum checked and resolved, type expressions parsed, and cycles by value refused.

use std::collections::{BTreeMap, HashMap};

use super::{BUILTINS, Case, Lowerer, closest};
use crate::diagnostic::Diagnostic;
use crate::model::{EnumDef, Field, Presence, Ty, TypeDef, Variant};
use crate::names;
use crate::spec::{Entries, EnumSpec, FieldSpec, Loaded, TypeSpec};

impl Lowerer<'_> {
    /// Registers every type and enum name first, so that fields may refer to types declared later
    /// or in another file.
    pub(super) fn declare_types(&mut self) {
        let files = self.files;
        let mut by_ident: HashMap<String, (String, &Loaded)> = HashMap::new();
        for file in files {
            let types = file.spec.types.keys().map(|name| ("types", name));
            let enums = file.spec.enums.keys().map(|name| ("enums", name));
            for (section, name) in types.chain(enums) {
                let at = || file.key_at(&[section, name]);
                // A type whose name is refused is still declared, so that its uses do not each
                // report it as unknown.
                let Some(ident) = self.rust_name(Case::Camel, "type", name, at()) else {
                    self.types.insert(name.clone(), Ty::Json);
                    continue;
                };
                let reserved = crate::runtime::reserved_types().any(|r| r == ident);
                if reserved || ident.ends_with("Body") || ident.ends_with("Query") {
                    let d = Diagnostic::error(format!("the type name `{ident}` is taken by the generated crate"))
                        .at(at())
                        .help("rename the type: the crate's own names, Rust's prelude types, and names ending in `Body` or `Query` are taken");
                    self.error(d);
                    self.types.insert(name.clone(), Ty::Json);
                    continue;
                }
                if let Some((other, other_file)) = by_ident.get(&ident) {
                    let what = if other == name {
                        format!("type `{name}` is defined twice")
                    } else {
                        format!("types `{name}` and `{other}` both become `{ident}` in Rust")
                    };
                    let d = Diagnostic::error(what).at(at()).help(format!("the other is in {}", other_file.path));
                    self.error(d);
                    continue;
                }
                by_ident.insert(ident.clone(), (name.clone(), file));
                let ty = if section == "enums" { Ty::Enum(ident) } else { Ty::Named(ident) };
                self.types.insert(name.clone(), ty);
            }
        }
    }

    pub(super) fn enum_def(&mut self, file: &Loaded, module: &str, name: &str, spec: &EnumSpec) -> Option<EnumDef> {
        let ident = self.types.get(name)?.named()?.to_string();
        let mut variants: Vec<Variant> = Vec::new();
        for (wire, doc) in &spec.values {
            let at = || file.key_at(&["enums", name, "values", wire]);
            let variant = match names::camel(wire) {
                Ok(v) if v == "Unknown" => {
                    let d = Diagnostic::error(format!(
                        "the value `{wire}` would become `Unknown`, the variant kept for values the spec does not list"
                    ))
                    .at(at())
                    .help("this generator cannot name it; rename the value in the spec if the server allows");
                    self.error(d);
                    return None;
                }
                Ok(v) => v,
                Err(e) => {
                    self.error(Diagnostic::error(e.explain("enum value", wire)).at(at()));
                    return None;
                }
            };
            if let Some(other) = variants.iter().find(|v| v.ident == variant) {
                let d =
                    Diagnostic::error(format!("values `{}` and `{wire}` both become `{variant}` in Rust", other.wire))
                        .at(at());
                self.error(d);
                return None;
            }
            variants.push(Variant { wire: wire.clone(), ident: variant, doc: doc.clone().unwrap_or_default() });
        }
        if variants.is_empty() {
            self.error(Diagnostic::error(format!("enum `{name}` has no values")).at(file.key_at(&["enums", name])));
            return None;
        }
        Some(EnumDef { ident, module: module.to_string(), doc: spec.description.clone().unwrap_or_default(), variants })
    }

    pub(super) fn type_def(&mut self, file: &Loaded, module: &str, name: &str, spec: &TypeSpec) -> Option<TypeDef> {
        let ident = self.types.get(name)?.named()?.to_string();
        if spec.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
            let d = Diagnostic::warning(format!("type `{name}` has no description")).at(file.key_at(&["types", name]));
            self.error(d);
        }
        let fields = self.fields(file, &["types", name, "fields"], &spec.fields)?;
        Some(TypeDef {
            ident,
            module: module.to_string(),
            spec_name: name.to_string(),
            doc: spec.description.clone().unwrap_or_default(),
            fields,
        })
    }

    /// Lowers the fields of a type or body; `prefix` is the key path of the field map.
    pub(super) fn fields(&mut self, file: &Loaded, prefix: &[&str], specs: &Entries<FieldSpec>) -> Option<Vec<Field>> {
        let mut fields = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut ok = true;
        for (wire, spec) in specs {
            let path = [prefix, &[wire.as_str()]].concat();
            let Some(ident) = self.rust_name(Case::Snake, "field", wire, file.key_at(&path)) else {
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
            fields.push(Field {
                wire: wire.clone(),
                ident,
                ty,
                presence: Presence::new(spec.required, spec.nullable),
                clear_ident: None,
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
                    .help("types are string, integer, number, boolean, uuid, datetime, date, json, a type name, list<T> or map<T>");
                self.error(d);
                None
            }
        }
    }

    fn resolve(&mut self, file: &Loaded, path: &[&str], parsed: &Parsed) -> Option<Ty> {
        Some(match parsed {
            Parsed::List(inner) => Ty::List(Box::new(self.resolve(file, path, inner)?)),
            Parsed::Map(inner) => Ty::Map(Box::new(self.resolve(file, path, inner)?)),
            Parsed::Name(name) => match name.as_str() {
                "string" => Ty::String,
                "integer" => Ty::Integer,
                "number" => Ty::Number,
                "boolean" => Ty::Boolean,
                "uuid" => Ty::Uuid,
                "datetime" => Ty::DateTime,
                "date" => Ty::Date,
                "json" => Ty::Json,
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

    /// A type that holds itself by value (directly or through other types) has infinite size.
    pub(super) fn check_cycles(&mut self, types: &[TypeDef]) {
        let by_ident: BTreeMap<&str, &TypeDef> = types.iter().map(|t| (t.ident.as_str(), t)).collect();
        for start in types {
            let mut stack = vec![(start.ident.as_str(), vec![start.spec_name.as_str()])];
            let mut visited = Vec::new();
            while let Some((ident, trail)) = stack.pop() {
                let Some(def) = by_ident.get(ident) else { continue };
                for field in &def.fields {
                    let Ty::Named(next) = &field.ty else { continue };
                    let Some(next_def) = by_ident.get(next.as_str()) else { continue };
                    let trail = [trail.as_slice(), &[next_def.spec_name.as_str()]].concat();
                    if next == &start.ident {
                        let file = self.files.iter().find(|f| f.spec.types.contains_key(&start.spec_name));
                        let mut d = Diagnostic::error(format!(
                            "type `{}` contains itself: {}",
                            start.spec_name,
                            trail.join(" -> ")
                        ))
                        .help("break the cycle with a list<T> or map<T>, or refer to the other object by id");
                        if let Some(file) = file {
                            d = d.at(file.key_at(&["types", &start.spec_name]));
                        }
                        self.error(d);
                        return;
                    }
                    if !visited.contains(next) {
                        visited.push(next.clone());
                        stack.push((next.as_str(), trail));
                    }
                }
            }
        }
    }
}

/// A parsed, not yet resolved, type expression.
#[derive(Debug, PartialEq)]
enum Parsed {
    Name(String),
    List(Box<Parsed>),
    Map(Box<Parsed>),
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
        return match expr[..open].trim() {
            "list" => Ok(Parsed::List(inner)),
            "map" => Ok(Parsed::Map(inner)),
            other => Err(format!("`{other}<…>` is not a container; use list<T> or map<T>")),
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
        assert!(parse_ty("").is_err());
    }
}
