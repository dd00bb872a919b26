//! Lowering `select: true`: a type whose answer a call may cut to the fields it names. The type
//! gets a partial twin (every field optional) and an enum of its fields (their JSON names on the
//! wire), whose names must be free, as must each field's variant.

use super::Lowerer;
use crate::diagnostic::Diagnostic;
use crate::model::{EnumDef, Repr, Selection, Ty, TypeDef, Variant};
use crate::names;

impl Lowerer<'_> {
    /// Adds to each type with `select: true` its selection, and its enum of fields to `enums`.
    /// `index` is each object type's position in `objects` by Rust name.
    pub(super) fn selections(
        &mut self,
        objects: &mut [TypeDef],
        enums: &mut Vec<EnumDef>,
        index: &std::collections::HashMap<String, usize>,
    ) {
        let files = self.files;
        for file in files {
            for (name, _) in file.spec.types.iter().filter(|(_, spec)| spec.select) {
                let at = || file.key_at(&["types", name, "select"]);
                if matches!(self.types.get(name), Some(Ty::Union(_))) {
                    let d = Diagnostic::error(format!("union `{name}` cannot be selected from"))
                        .at(at())
                        .help("only an object type (with `fields`) has fields to name");
                    self.error(d);
                    continue;
                }
                // A type that did not lower has had its errors reported already.
                let Some(ident) = self.types.get(name).and_then(Ty::named).map(str::to_string) else { continue };
                let Some(&position) = index.get(&ident) else { continue };
                let def = &mut objects[position];
                let selection = Selection { ident: format!("{ident}Partial"), field: format!("{ident}Field") };
                let why = format!("`{name}` has `select: true`");
                if !self.names_free(&why, [&selection.ident, &selection.field], at()) {
                    continue;
                }
                let Some(variants) =
                    self.field_variants(def, &selection.field, |wire| file.key_at(&["types", name, "fields", wire]))
                else {
                    continue;
                };
                enums.push(field_enum(def, &selection, variants));
                def.select = Some(selection);
            }
        }
    }

    /// A variant per field of `def` in the enum named `field`, or `None` after reporting a field
    /// whose name makes none of its own (`at` locates a field by its JSON name).
    fn field_variants(
        &mut self,
        def: &TypeDef,
        field: &str,
        at: impl Fn(&str) -> crate::diagnostic::Location,
    ) -> Option<Vec<Variant>> {
        let mut variants: Vec<Variant> = Vec::with_capacity(def.fields.len());
        // The variants so far, by name: a lookup in the list would be quadratic in a wide type.
        let mut taken = std::collections::HashSet::with_capacity(def.fields.len());
        for f in &def.fields {
            match names::variant(&f.wire) {
                Ok(ident) if ident != names::UNKNOWN_VARIANT && taken.insert(ident.clone()) => {
                    variants.push(Variant { wire: f.wire.clone(), ident, doc: format!("`{}`.", f.wire) });
                }
                _ => {
                    let d = Diagnostic::error(format!("field `{}` cannot be a value of `{field}`", f.wire))
                        .at(at(&f.wire))
                        .help("its name makes no variant of its own: not `Unknown`, which every enum keeps for new values, nor another field's");
                    self.error(d);
                    return None;
                }
            }
        }
        Some(variants)
    }
}

/// The enum of the fields of `def`: what `fields=` may name.
fn field_enum(def: &TypeDef, selection: &Selection, variants: Vec<Variant>) -> EnumDef {
    EnumDef {
        ident: selection.field.clone(),
        module: def.module.clone(),
        doc: format!(
            "The fields of a [`{ident}`], which [`Call::fields`](crate::Call::fields) may ask the server to \
             answer alone (its `fields=` values): the answer is then a [`{partial}`].",
            ident = def.ident,
            partial = selection.ident,
        ),
        repr: Repr::Text,
        variants,
    }
}
