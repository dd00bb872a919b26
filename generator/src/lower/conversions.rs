//! Lowering `into:`: the conversions of one object type into another, each checked field by
//! field so that the emitted `From` always compiles and never invents a value. Every field of the
//! target is filled from the source's field of the same name (or of the name `into` maps it to),
//! of the same type or holding objects whose `id` is what the target holds (a webhook's work item
//! has its `state` as an object, the API's only its id). A target field the source has nothing
//! for is an error, unless it may be absent anyway (`required: false`): it is then `None`, as in
//! an answer of the server's that leaves it out.

use super::{Lowerer, closest};
use crate::diagnostic::Diagnostic;
use crate::model::{Conversion, Field, Fill, Presence, Take, Ty, TypeDef};
use crate::spec::{Entries, Loaded};

impl Lowerer<'_> {
    /// Adds to each object type the conversions its spec asks for.
    pub(super) fn conversions(&mut self, objects: &mut [TypeDef]) {
        let files = self.files;
        let mut found = Vec::new();
        for file in files {
            for (name, spec) in file.spec.types.iter().filter(|(_, spec)| !spec.into.is_empty()) {
                if let Some(Ty::Union(_)) = self.types.get(name) {
                    let d = Diagnostic::error(format!("union `{name}` cannot convert into another type"))
                        .at(file.key_at(&["types", name, "into"]))
                        .help("only an object type (with `fields`) converts, field by field");
                    self.error(d);
                    continue;
                }
                // A type that did not lower has had its errors reported already.
                let Some(source) = self.types.get(name).and_then(Ty::named) else { continue };
                let Some(source) = objects.iter().position(|t| t.ident == source) else { continue };
                for (target, renames) in &spec.into {
                    let at = Place { file, source: name, target };
                    if let Some(conversion) = self.conversion(&at, &objects[source], objects, renames) {
                        found.push((source, conversion));
                    }
                }
            }
        }
        for (source, conversion) in found {
            objects[source].into.push(conversion);
        }
    }

    /// One conversion, or `None` after reporting why it cannot be.
    fn conversion(
        &mut self,
        at: &Place<'_>,
        source: &TypeDef,
        objects: &[TypeDef],
        renames: &Entries<String>,
    ) -> Option<Conversion> {
        let target = self.target(at, source, objects)?;
        let mut ok = true;
        for (field, from) in renames {
            if !target.fields.iter().any(|f| &f.wire == field) {
                let d = Diagnostic::error(format!("`{}` has no field `{field}`", at.target))
                    .at(at.file.key_at(&at.path(&[field])));
                self.error(d);
                ok = false;
            }
            if !source.fields.iter().any(|f| &f.wire == from) {
                let d = Diagnostic::error(format!("`{}` has no field `{from}`", at.source))
                    .at(at.file.value_at(&at.path(&[field])));
                self.error(d);
                ok = false;
            }
        }
        let (mut fills, mut absent) = (Vec::new(), Vec::new());
        for field in &target.fields {
            let renamed = renames.get(&field.wire);
            let from = source.fields.iter().find(|f| &f.wire == renamed.unwrap_or(&field.wire));
            if from.is_none() && renamed.is_some() {
                continue; // reported above
            }
            if from.is_none() && matches!(field.presence, Presence::Optional | Presence::OptionalNullable) {
                absent.push(field.ident.clone());
                continue;
            }
            let Some(from) = from else {
                let d = Diagnostic::error(format!(
                    "`{}`'s field `{}` has nothing to take its value from in `{}`",
                    at.target, field.wire, at.source
                ))
                .at(at.file.key_at(&at.path(&[])))
                .help(format!(
                    "name the field of `{}` it takes (`{}: {{ {}: <field> }}`), or leave this conversion out: a \
                     conversion fills every field the target always has, and invents none",
                    at.source, at.target, field.wire
                ));
                self.error(d);
                ok = false;
                continue;
            };
            match fill(from, field, objects) {
                Ok(fill) => fills.push(fill),
                Err(why) => {
                    let d = Diagnostic::error(format!(
                        "`{}.{}` cannot fill `{}.{}`: {why}",
                        at.source, from.wire, at.target, field.wire
                    ))
                    .at(at.file.key_at(&at.path(&[])))
                    .help(
                        "a field converts when both have the same type, or into the id (or list of ids) of the \
                         objects it holds, by their required `id`",
                    );
                    self.error(d);
                    ok = false;
                }
            }
        }
        // A source field that fills two fields is cloned for the first (a copy needs no clone).
        for i in 0..fills.len() {
            let taken = &fills[i].source;
            let copy = source.fields.iter().find(|f| &f.ident == taken).is_some_and(|f| f.ty.is_copy());
            fills[i].clone = !copy && fills[i + 1..].iter().any(|later| &later.source == taken);
        }
        let used = |f: &&Field| target.fields.iter().any(|t| renames.get(&t.wire).unwrap_or(&t.wire) == &f.wire);
        let dropped = source.fields.iter().filter(|f| !used(f)).map(|f| f.wire.clone()).collect();
        let renames = renames.iter().map(|(to, from)| (to.clone(), from.clone())).collect();
        ok.then(|| Conversion { target: target.ident.clone(), renames, fills, absent, dropped })
    }

    /// The target: another object type of the spec.
    fn target<'t>(&mut self, at: &Place<'_>, source: &TypeDef, objects: &'t [TypeDef]) -> Option<&'t TypeDef> {
        let location = || at.file.key_at(&at.path(&[]));
        let Some(ty) = self.types.get(at.target) else {
            let mut d = Diagnostic::error(format!("unknown type `{}`", at.target)).at(location());
            if let Some(near) = closest(at.target, self.types.keys().map(String::as_str)) {
                d = d.help(format!("did you mean `{near}`?"));
            }
            self.error(d);
            return None;
        };
        let target = ty.named().and_then(|ident| objects.iter().find(|t| t.ident == ident));
        match target {
            Some(target) if target.ident == source.ident => {
                self.error(Diagnostic::error(format!("`{}` converts into itself", at.source)).at(location()));
                None
            }
            Some(target) => Some(target),
            None => {
                let d = Diagnostic::error(format!("`{}` is not an object type", at.target))
                    .at(location())
                    .help("a conversion fills an object type's fields; enums, unions and keys have none");
                self.error(d);
                None
            }
        }
    }
}

/// Where a conversion is written: `types.<source>.into.<target>`.
struct Place<'a> {
    file: &'a Loaded,
    source: &'a str,
    target: &'a str,
}

impl Place<'_> {
    fn path<'p>(&'p self, rest: &[&'p str]) -> Vec<&'p str> {
        [&["types", self.source, "into", self.target][..], rest].concat()
    }
}

/// How `from` fills `to`, or why it cannot.
fn fill(from: &Field, to: &Field, objects: &[TypeDef]) -> Result<Fill, String> {
    let source_optional = from.presence != Presence::Required;
    let target_optional = to.presence != Presence::Required;
    if source_optional && !target_optional {
        return Err("it may be absent or `null` where the target always has a value".into());
    }
    let take = if from.ty == to.ty {
        Take::Value
    } else if id_of(&from.ty, objects) == Some(&to.ty) {
        Take::Id
    } else if !source_optional && ids_of(&from.ty, objects).is_some_and(|ids| ids == to.ty) {
        Take::Ids
    } else {
        return Err(format!("it is `{}` and the target `{}`", spec_text(&from.ty), spec_text(&to.ty)));
    };
    Ok(Fill {
        target: to.ident.clone(),
        source: from.ident.clone(),
        take,
        source_optional,
        wrap: target_optional && !source_optional,
        clone: false,
    })
}

/// `list<id<…>>` when `ty` is a list of objects with an always-present `id`.
fn ids_of(ty: &Ty, objects: &[TypeDef]) -> Option<Ty> {
    let Ty::List(item) = ty else { return None };
    Some(Ty::List(Box::new(id_of(item, objects)?.clone())))
}

/// The type of the always-present `id` of the object type `ty`, if it has one.
fn id_of<'a>(ty: &Ty, objects: &'a [TypeDef]) -> Option<&'a Ty> {
    let Ty::Named(name) = ty else { return None };
    let object = objects.iter().find(|t| &t.ident == name)?;
    let id = object.fields.iter().find(|f| f.wire == "id" && f.presence == Presence::Required)?;
    Some(&id.ty)
}

/// A type as the spec's type expressions would write it (an id by its Rust type's name).
fn spec_text(ty: &Ty) -> String {
    match ty {
        Ty::String => "string".into(),
        Ty::Integer => "integer".into(),
        Ty::Number => "number".into(),
        Ty::Boolean => "boolean".into(),
        Ty::Uuid => "uuid".into(),
        Ty::DateTime => "datetime".into(),
        Ty::Date => "date".into(),
        Ty::Json => "json".into(),
        Ty::File => "file".into(),
        Ty::Id(name) | Ty::Named(name) | Ty::Enum(name) | Ty::Union(name) | Ty::Key(name) => name.clone(),
        Ty::List(item) => format!("list<{}>", spec_text(item)),
        Ty::Map(item) => format!("map<{}>", spec_text(item)),
    }
}
