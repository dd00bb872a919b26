//! Lowering `expand:`: the fields of a type that a call may ask the server to send as objects
//! rather than ids. Each must hold an id (or a list of ids) of the resource its object type
//! describes, so that the expanded twin decodes whichever the server sends; the type gets that
//! twin and an enum of what may expand, whose names must be free.

use std::collections::HashMap;

use super::{Lowerer, closest};
use crate::diagnostic::Diagnostic;
use crate::model::{EnumDef, Expansions, Field, Repr, Ty, TypeDef, Variant};
use crate::names;
use crate::spec::Loaded;

impl Lowerer<'_> {
    /// Adds to each object type what its `expand:` declares, and its enum of expansions to
    /// `enums`; marks the types expanded into.
    /// `index` is each object type's position in `objects` by Rust name.
    pub(super) fn expansions(
        &mut self,
        objects: &mut [TypeDef],
        enums: &mut Vec<EnumDef>,
        index: &HashMap<String, usize>,
    ) {
        let files = self.files;
        let mut found = Vec::new();
        for file in files {
            for (name, spec) in file.spec.types.iter().filter(|(_, spec)| !spec.expand.is_empty()) {
                let at = || file.key_at(&["types", name, "expand"]);
                let Some(ident) = self.types.get(name).and_then(Ty::named).map(str::to_string) else { continue };
                if matches!(self.types.get(name), Some(Ty::Union(_))) {
                    let d = Diagnostic::error(format!("union `{name}` cannot expand"))
                        .at(at())
                        .help("only an object type (with `fields`) has fields that expand");
                    self.error(d);
                    continue;
                }
                let Some(&source) = index.get(&ident) else { continue };
                let by_wire: HashMap<&str, (usize, &Field)> =
                    objects[source].fields.iter().enumerate().map(|(i, f)| (f.wire.as_str(), (i, f))).collect();
                let mut fields = Vec::new();
                for (field, object) in &spec.expand {
                    let at = Place { file, name, field, by_wire: &by_wire };
                    if let Some(target) = self.expansion(&at, &objects[source], object, objects, index) {
                        fields.push((field.clone(), target));
                    }
                }
                if fields.len() != spec.expand.len() {
                    continue;
                }
                let Some(expansions) = self.expansion_names(&ident, at()) else { continue };
                // In the type's field order, whatever the order of `expand:`.
                fields.sort_by_key(|(wire, _)| by_wire.get(wire.as_str()).map(|(i, _)| *i));
                let own = &objects[source].module;
                let mut modules: Vec<String> = fields
                    .iter()
                    .filter_map(|(_, object)| index.get(object).map(|&i| &objects[i]))
                    .filter(|t| &t.module != own)
                    .map(|t| names::bare(&t.module).to_string())
                    .collect();
                modules.sort();
                modules.dedup();
                found.push((source, Expansions { fields, modules, ..expansions }));
            }
        }
        for (source, expansions) in found {
            let here =
                |object: &String| index.get(object).is_some_and(|&i| objects[i].module == objects[source].module);
            enums.push(key_enum(&objects[source], &expansions, here));
            for (_, target) in &expansions.fields {
                if let Some(&target) = index.get(target) {
                    objects[target].expanded_into = true;
                }
            }
            objects[source].expand = Some(expansions);
        }
    }

    /// The Rust name of the object type that the field at `at` of `source` expands into, or
    /// `None` after reporting why it cannot.
    fn expansion(
        &mut self,
        at: &Place<'_>,
        source: &TypeDef,
        object: &str,
        objects: &[TypeDef],
        index: &HashMap<String, usize>,
    ) -> Option<String> {
        let Place { file, name, field, .. } = *at;
        let path = ["types", name, "expand", field];
        let Some(&(_, found)) = at.by_wire.get(field) else {
            let mut d = Diagnostic::error(format!("`{name}` has no field `{field}`")).at(file.key_at(&path));
            if let Some(close) = closest(field, source.fields.iter().map(|f| f.wire.as_str())) {
                d = d.help(format!("did you mean `{close}`?"));
            }
            self.error(d);
            return None;
        };
        if names::variant(field).map_or(true, |variant| variant == names::UNKNOWN_VARIANT) {
            let d = Diagnostic::error(format!("field `{field}` cannot be a value of `{name}`'s enum of expansions"))
                .at(file.key_at(&path))
                .help("its name makes no enum variant other than `Unknown`, which every enum keeps for new values");
            self.error(d);
            return None;
        }
        let Some(resource) = id_of(&found.ty) else {
            let d = Diagnostic::error(format!("field `{field}` of `{name}` holds no id, so it cannot expand"))
                .at(file.key_at(&path))
                .help("a field that expands holds an `id<…>` or a `list<id<…>>`, which the server turns into objects");
            self.error(d);
            return None;
        };
        let target = match self.types.get(object) {
            Some(Ty::Named(ident)) => index.get(ident).map(|&i| &objects[i]),
            Some(_) => {
                let d = Diagnostic::error(format!("`{object}` is not an object type, so nothing expands into it"))
                    .at(file.value_at(&path))
                    .help("name the type (with `fields`) of the object the server sends");
                self.error(d);
                return None;
            }
            None => {
                let mut d = Diagnostic::error(format!("unknown type `{object}`")).at(file.value_at(&path));
                if let Some(close) = closest(object, self.types.keys().map(String::as_str)) {
                    d = d.help(format!("did you mean `{close}`?"));
                }
                self.error(d);
                return None;
            }
        };
        // A type that did not lower has had its errors reported already.
        let target = target?;
        let id = target.fields.iter().find(|f| f.wire == "id").and_then(|f| id_of(&f.ty).filter(|_| f.ty.is_scalar()));
        if id != Some(resource) {
            // An id type is named `<resource>Id` (`names::id_type`); the spec wrote `id<resource>`.
            let spelled = format!("id<{}>", resource.strip_suffix("Id").unwrap_or(resource));
            let d = Diagnostic::error(format!("`{object}` has no `id` of type `{spelled}`, which `{field}` holds"))
                .at(file.value_at(&path))
                .help("a field expands into an object of the resource its id names, with that id as its `id`");
            self.error(d);
            return None;
        }
        Some(target.ident.clone())
    }

    /// The names of the twin and of the enum of a type whose Rust name is `ident`, if no type
    /// has taken them.
    fn expansion_names(&mut self, ident: &str, at: crate::diagnostic::Location) -> Option<Expansions> {
        let (twin, key) = (format!("{ident}Expanded"), format!("{ident}Expansion"));
        let names_free = self.names_free(&format!("`{ident}` expands"), [&twin, &key], at);
        names_free.then_some(Expansions { ident: twin, key, fields: Vec::new(), modules: Vec::new() })
    }
}

/// Where an `expand:` entry is: its file, its type's spec name, its field, and that type's fields
/// by JSON name (with their positions).
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a Loaded,
    name: &'a str,
    field: &'a str,
    by_wire: &'a HashMap<&'a str, (usize, &'a Field)>,
}

/// The id type (Rust name) a field holds, alone or in a list.
fn id_of(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Id(ident) => Some(ident),
        Ty::List(item) => match item.as_ref() {
            Ty::Id(ident) => Some(ident),
            _ => None,
        },
        _ => None,
    }
}

/// The enum of what may expand in `def`: one variant per field, its JSON name on the wire
/// (`here` says whether an object type is in `def`'s module).
fn key_enum(def: &TypeDef, expansions: &Expansions, here: impl Fn(&String) -> bool) -> EnumDef {
    let variants = expansions
        .fields
        .iter()
        .map(|(wire, object)| {
            // rustdoc finds a type of the enum's own module without a path, and refuses one.
            let link = if here(object) { format!("[`{object}`]") } else { format!("[`{object}`](crate::{object})") };
            // The name was checked by `expansion`.
            Variant {
                wire: wire.clone(),
                ident: names::variant(wire).unwrap_or_default(),
                doc: format!("`{wire}` as a {link}."),
            }
        })
        .collect();
    EnumDef {
        ident: expansions.key.clone(),
        module: def.module.clone(),
        doc: format!(
            "What [`Call::expand`](crate::Call::expand) may ask the server to send as objects in a \
             [`{ident}`] (its `expand=` values): the answer is then a [`{twin}`].",
            ident = def.ident,
            twin = expansions.ident,
        ),
        repr: Repr::Text,
        variants,
    }
}
