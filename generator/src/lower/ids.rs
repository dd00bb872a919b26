//! Lowering id types. `id<Name>` is the id of a resource: `Name` is an object type of the spec,
//! or a resource declared under `ids:` (one the spec has no type for). Each resource's id is a
//! Rust type of its own, `NameId`, so that the compiler tells a label's id from a project's.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{Lowerer, closest};
use crate::diagnostic::Diagnostic;
use crate::model::{IdDef, Ty};
use crate::names;
use crate::spec::Loaded;

/// What lowering knows of id types so far.
#[derive(Default)]
pub(super) struct Ids {
    /// Resources declared under `ids:`: spec name → (Rust name, description).
    declared: HashMap<String, (String, String)>,
    /// The id types to generate: Rust name → (the resource's Rust name, whether it is a type).
    found: BTreeMap<String, (String, bool)>,
    /// Id types already reported as clashing, so that each is reported once.
    refused: HashSet<String>,
    /// The Rust names of the spec's types and enums, which an id type may not take.
    type_idents: HashSet<String>,
}

impl Lowerer<'_> {
    /// Registers the resources under `ids:` (after the types, whose names they may not take).
    pub(super) fn declare_ids(&mut self) {
        self.ids.type_idents = self.types.values().filter_map(|ty| ty.named()).map(str::to_string).collect();
        let files = self.files;
        for file in files {
            for (name, doc) in &file.spec.ids {
                let at = || file.key_at(&["ids", name]);
                let Some(resource) = self.rust_name(names::type_name, "resource", name, at) else { continue };
                if self.types.contains_key(name) {
                    let d = Diagnostic::error(format!("`{name}` is a type of the spec already"))
                        .at(at())
                        .help(format!("`id<{name}>` works without declaring it; remove it from `ids:`"));
                    self.error(d);
                    continue;
                }
                if self.ids.declared.contains_key(name) {
                    self.error(Diagnostic::error(format!("`{name}` is declared twice under `ids:`")).at(at()));
                    continue;
                }
                if let Err(why) = self.id_type(&resource, false) {
                    self.refuse_id(&resource, &why, at());
                    continue;
                }
                self.ids.declared.insert(name.clone(), (resource, doc.clone()));
            }
        }
    }

    /// Resolves `id<name>`, found at `path`.
    pub(super) fn id(&mut self, file: &Loaded, path: &[&str], name: &str) -> Option<Ty> {
        let (resource, has_type) = match (self.types.get(name), self.ids.declared.get(name)) {
            (Some(Ty::Named(ident)), _) => (ident.clone(), true),
            (Some(other), _) => {
                let what = if matches!(other, Ty::Key(_)) { "a key type" } else { "an enum or a union" };
                let d = Diagnostic::error(format!("`id<{name}>`: `{name}` is {what}, which has no id"))
                    .at(file.value_at(path))
                    .help("ids are of object types, and of the resources declared under `ids:`");
                self.error(d);
                return None;
            }
            (None, Some((resource, _))) => (resource.clone(), false),
            (None, None) => {
                let objects = self.types.iter().filter(|(_, ty)| matches!(ty, Ty::Named(_))).map(|(n, _)| n.as_str());
                let known: Vec<&str> = objects.chain(self.ids.declared.keys().map(String::as_str)).collect();
                let mut d = Diagnostic::error(format!("`id<{name}>`: no type or resource is named `{name}`"))
                    .at(file.value_at(path));
                d = match closest(name, known.into_iter()) {
                    Some(best) => d.help(format!("did you mean `{best}`?")),
                    None => {
                        d.help("declare the resource under `ids:` (with what it is) if the spec has no type for it")
                    }
                };
                self.error(d);
                return None;
            }
        };
        match self.id_type(&resource, has_type) {
            Ok(ident) => Some(Ty::Id(ident)),
            Err(why) => {
                self.refuse_id(&resource, &why, file.value_at(path));
                None
            }
        }
    }

    /// The id type of `resource`, recorded to be generated; what its name is taken by, if it is.
    fn id_type(&mut self, resource: &str, has_type: bool) -> Result<String, String> {
        let ident = names::id_type(resource);
        if self.ids.found.contains_key(&ident) {
            return Ok(ident);
        }
        if let Some(why) = super::types::taken_type(&ident) {
            return Err(why);
        }
        if self.ids.type_idents.contains(&ident) {
            return Err("the name of a type of the spec".to_string());
        }
        self.ids.found.insert(ident.clone(), (resource.to_string(), has_type));
        Ok(ident)
    }

    fn refuse_id(&mut self, resource: &str, why: &str, at: crate::diagnostic::Location) {
        let ident = names::id_type(resource);
        if !self.ids.refused.insert(ident.clone()) {
            return;
        }
        let d = Diagnostic::error(format!("the id type of `{resource}` would be `{ident}`, which is {why}"))
            .at(at)
            .help(format!("rename the type `{ident}`, or the resource"));
        self.error(d);
    }

    /// The id types to generate, sorted, with their docs.
    pub(super) fn id_defs(&self) -> Vec<IdDef> {
        let declared: HashMap<&str, &str> =
            self.ids.declared.values().map(|(resource, doc)| (resource.as_str(), doc.as_str())).collect();
        // Declared resources are there even if nothing names them yet: `declare_ids` records them.
        self.ids
            .found
            .iter()
            .map(|(ident, (resource, has_type))| {
                let doc = if *has_type {
                    format!("The id of a [`{resource}`](crate::{resource}).")
                } else {
                    declared.get(resource.as_str()).copied().unwrap_or_default().to_string()
                };
                IdDef { ident: ident.clone(), resource: resource.clone(), doc }
            })
            .collect()
    }
}
