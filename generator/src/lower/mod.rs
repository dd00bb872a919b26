//! Lowering: checks the spec as a whole and turns it into the resolved [`model`](crate::model).
//! Every problem becomes a diagnostic pointing at the spec text; lowering goes on after an error so
//! that one run reports them all.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::Location;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Api, Auth, KeyDef, Module, Ty};
use crate::names;
use crate::runtime;
use crate::spec::Loaded;

mod bounds;
mod conversions;
mod editions;
mod endpoints;
mod examples;
mod expansions;
mod ids;
mod keys;
mod oauth;
mod selections;
mod transfers;

pub use endpoints::{essence, is_header_name, is_media_type};
mod types;
mod webhooks;

/// The built-in scalar type names of the type expression language.
const BUILTINS: &[&str] = &["string", "integer", "number", "boolean", "uuid", "datetime", "date", "json", "file"];

/// Checks `files` and builds the model. Returns `None` when any error was found; warnings and
/// errors alike are appended to `diagnostics`.
pub fn lower(files: &[Loaded], diagnostics: &mut Diagnostics) -> Option<Api> {
    let mut lowerer = Lowerer {
        files,
        diagnostics: Diagnostics::new(),
        types: HashMap::new(),
        ids: ids::Ids::default(),
        keys: BTreeMap::new(),
        edition_names: Vec::new(),
        checked_editions: Default::default(),
        files_allowed: false,
        union_params: Vec::new(),
        type_names: None,
    };
    let api = lowerer.api();
    let errors_before = lowerer.diagnostics.has_errors();
    let result = api.filter(|_| !errors_before).and_then(|api| {
        let api = lowerer.rest(api);
        (!lowerer.diagnostics.has_errors()).then_some(api)
    });
    diagnostics.append(&mut lowerer.diagnostics);
    result
}

struct Lowerer<'a> {
    files: &'a [Loaded],
    diagnostics: Diagnostics,
    /// Spec type or enum name to its Rust type.
    types: HashMap<String, Ty>,
    /// The id types: those declared under `ids:`, and those `id<…>` expressions name.
    ids: ids::Ids,
    /// The key types, by Rust name (lowered before anything that may use them).
    keys: BTreeMap<String, KeyDef>,
    /// The editions the `api` block declares, by name, in its order.
    edition_names: Vec<String>,
    /// The files whose own `editions` list was checked (once for all their endpoints).
    checked_editions: std::collections::HashSet<String>,
    /// Whether a type expression may be `file`: only while lowering a multipart body's fields.
    files_allowed: bool,
    /// The parameters and form fields of a union type (the union, what it is, where its type is):
    /// each must be a union of single values, checked once every union is lowered.
    union_params: Vec<(String, String, Location)>,
    /// The Rust names of the spec's own types, once every type is declared and a check needs them.
    type_names: Option<std::collections::HashSet<String>>,
}

impl Lowerer<'_> {
    fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Reports two spec names that become one Rust name.
    fn clash(&mut self, message: String, at: Location) {
        self.error(Diagnostic::error(message).at(at).help("rename one of them"));
    }

    /// The Rust name that `rule` makes of `name` (a `kind` of spec name), or `None` after
    /// reporting at `at` why it cannot make one. The location is worked out only for a report:
    /// finding it reads the file's text, which for every name of a large file adds up.
    fn rust_name(
        &mut self,
        rule: names::Rule,
        kind: &str,
        name: &str,
        at: impl FnOnce() -> Location,
    ) -> Option<String> {
        match rule(name) {
            Ok(ident) => Some(ident),
            Err(e) => {
                self.error(Diagnostic::error(e.explain(kind, name)).at(at()));
                None
            }
        }
    }

    /// The `api` block: exactly one file must hold it.
    fn api(&mut self) -> Option<Api> {
        let mut found = self.files.iter().filter(|f| f.spec.api.is_some());
        let Some(file) = found.next() else {
            let mut d = Diagnostic::error("no spec file has an `api` block")
                .help("add `api: { name, title, base_url, auth }` to one file (see spec/README.md)");
            if let Some(first) = self.files.first() {
                d = d.at(first.value_at(&[]));
            }
            self.error(d);
            return None;
        };
        for other in found {
            let d = Diagnostic::error("a second `api` block")
                .at(other.key_at(&["api"]))
                .help(format!("the API is already declared in `{}`; a spec has one `api` block", file.path));
            self.error(d);
        }
        let spec = file.spec.api.as_ref()?;
        if !(spec.base_url.starts_with("https://") || spec.base_url.starts_with("http://")) {
            self.error(
                Diagnostic::error(format!("`{}` is not an http(s) URL", spec.base_url))
                    .at(file.value_at(&["api", "base_url"])),
            );
        }
        let mut auth = Vec::new();
        if let Some(key) = &spec.auth.api_key {
            let header = &key.header;
            if !endpoints::is_header_name(header) {
                let at = file.value_at(&["api", "auth", "api_key", "header"]);
                self.error(Diagnostic::error(format!("`{header}` is not a valid HTTP header name")).at(at));
            }
            auth.push(Auth::ApiKey { header: header.clone() });
        }
        if spec.auth.bearer {
            auth.push(Auth::Bearer);
        }
        let oauth = spec.auth.oauth.as_ref().and_then(|oauth| self.oauth(file, oauth, spec.auth.bearer));
        if auth.is_empty() {
            self.error(
                Diagnostic::error("the API accepts no authentication scheme")
                    .at(file.value_at(&["api", "auth"]))
                    .help("add `api_key: { header: X-API-Key }` and/or `bearer: true`"),
            );
        }
        let (editions, not_served) = self.editions(file, spec);
        // The crate's library is named after the API; a name that cannot be one is an error.
        let crate_name = self
            .rust_name(names::library, "API name", &spec.name, || file.value_at(&["api", "name"]))
            .unwrap_or_default();
        Some(Api {
            name: spec.name.clone(),
            crate_name,
            title: spec.title.clone(),
            description: spec.description.clone().unwrap_or_default(),
            base_url: spec.base_url.clone(),
            auth,
            oauth,
            types: Vec::new(),
            endpoints: Vec::new(),
            enums: Vec::new(),
            unions: Vec::new(),
            keys: Vec::new(),
            ids: Vec::new(),
            modules: Vec::new(),
            webhooks: None,
            editions,
            not_served,
        })
    }

    /// Modules, types and endpoints, once the API block is sound.
    fn rest(&mut self, mut api: Api) -> Api {
        let files = self.files;
        let modules = self.modules();
        self.declare_types();
        self.declare_ids();
        // Keys first: a parameter's example is checked against its key's format.
        for (file, module) in files.iter().zip(&modules) {
            let Some(module) = module else { continue };
            for (name, spec) in &file.spec.keys {
                if let Some(def) = self.key_def(file, &module.ident, name, spec) {
                    self.keys.insert(def.ident.clone(), def);
                }
            }
        }
        // Sized up front: grown by doubling, the lists of a large spec's types would take up to
        // twice their room, and both copies while they move.
        let types: usize = files.iter().map(|file| file.spec.types.len()).sum();
        let endpoint_count: usize = files.iter().map(|file| file.spec.endpoints.len()).sum();
        let (mut objects, mut unions) = (Vec::with_capacity(types), Vec::new());
        let (mut enums, mut endpoints) = (Vec::new(), Vec::with_capacity(endpoint_count));
        let mut methods: transfers::Methods<'_> = HashMap::new();
        for (file, module) in files.iter().zip(&modules) {
            let Some(module) = module else { continue };
            for (name, spec) in &file.spec.types {
                match self.type_def(file, &module.ident, name, spec) {
                    Some(types::Shape::Object(def)) => objects.push(def),
                    Some(types::Shape::Union(def)) => unions.push(def),
                    None => {}
                }
            }
            for (name, spec) in &file.spec.enums {
                enums.extend(self.enum_def(file, &module.ident, name, spec));
            }
            for (name, spec) in &file.spec.endpoints {
                let Some(endpoint) = self.endpoint(file, &module.ident, name, spec) else { continue };
                // A paginated operation also has a `…_stream` method; no two methods may share a name.
                for method in std::iter::once(endpoint.ident.clone()).chain(endpoint.stream_ident.clone()) {
                    if let Some((other, other_file)) = methods.get(&method) {
                        let d = Diagnostic::error(format!(
                            "endpoint `{name}` needs the method `{method}`, which endpoint `{other}` already has"
                        ))
                        .at(file.key_at(&["endpoints", name]))
                        .help(format!("`{other}` is in {}; rename one of them", other_file.path));
                        self.error(d);
                    }
                    methods.insert(method, (name.clone(), file));
                }
                endpoints.push(endpoint);
            }
        }
        self.transfers(&modules, &objects, &mut endpoints, &mut methods);
        self.check_cycles(&objects, &unions);
        self.check_union_params(&unions);
        self.conversions(&mut objects);
        // Each object type's position by Rust name, for the checks that look types up by name.
        let index: HashMap<String, usize> = objects.iter().enumerate().map(|(i, t)| (t.ident.clone(), i)).collect();
        self.expansions(&mut objects, &mut enums, &index);
        self.selections(&mut objects, &mut enums, &index);
        self.mark_sent(&mut objects, &unions, &endpoints);
        self.check_examples(&objects, &enums, &endpoints);
        // Names are unique once checked, so an unstable sort gives the same order, without the
        // stable sort's copy of half the list (a large spec's types are tens of MB).
        objects.sort_unstable_by(|a, b| a.ident.cmp(&b.ident));
        unions.sort_unstable_by(|a, b| a.ident.cmp(&b.ident));
        enums.sort_unstable_by(|a, b| a.ident.cmp(&b.ident));
        endpoints.sort_unstable_by(|a, b| a.ident.cmp(&b.ident));
        let mut modules: Vec<Module> = modules.into_iter().flatten().collect();
        modules.sort_by(|a, b| a.ident.cmp(&b.ident));
        api.types = objects;
        api.unions = unions;
        api.enums = enums;
        api.keys = std::mem::take(&mut self.keys).into_values().collect();
        api.ids = self.id_defs();
        api.endpoints = endpoints;
        api.webhooks = self.webhooks(&modules);
        api.modules = modules;
        api
    }

    /// One module per spec file that declares anything, named after the file.
    fn modules(&mut self) -> Vec<Option<Module>> {
        let files = self.files;
        let mut seen: HashMap<String, &Loaded> = HashMap::new();
        let mut modules = Vec::new();
        for file in files {
            let spec = &file.spec;
            let declares_nothing = spec.types.is_empty() && spec.enums.is_empty() && spec.keys.is_empty();
            if declares_nothing && spec.endpoints.is_empty() && spec.webhooks.is_none() {
                modules.push(None);
                continue;
            }
            let name = std::path::Path::new(&file.path).file_stem().map(|s| s.to_string_lossy().into_owned());
            let name = name.unwrap_or_default();
            let at = || file.value_at(&[]);
            let ident = match names::module(&name) {
                Ok(ident) if runtime::module_clash(&ident).is_some() || ident.starts_with("r#") => {
                    let clash = runtime::module_clash(&ident).unwrap_or_else(|| "a Rust keyword".into());
                    let taken = runtime::reserved_modules().join(", ");
                    let d = Diagnostic::error(format!("the file name `{name}` is taken by the generated crate"))
                        .at(at())
                        .help(format!("`{ident}` is {clash}; rename the file ({taken} are taken)"));
                    self.error(d);
                    modules.push(None);
                    continue;
                }
                Ok(ident) => ident,
                Err(e) => {
                    self.error(
                        Diagnostic::error(e.explain("spec file", &name))
                            .at(at())
                            .help("the file's name becomes a module name"),
                    );
                    modules.push(None);
                    continue;
                }
            };
            if let Some(other) = seen.insert(ident.clone(), file) {
                let d =
                    Diagnostic::error(format!("`{}` and `{}` both become the module `{ident}`", other.path, file.path))
                        .at(at());
                self.error(d);
                modules.push(None);
                continue;
            }
            let file_name = std::path::Path::new(&file.path).file_name().map(|s| s.to_string_lossy().into_owned());
            modules.push(Some(Module {
                ident,
                file: file_name.unwrap_or_default(),
                doc: spec.description.clone().unwrap_or_default(),
            }));
        }
        modules
    }
}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub(crate) fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::damerau_levenshtein(&name.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(distance, c)| *distance <= (c.len() / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(closest("Custmer", ["Customer", "string"].into_iter()), Some("Customer"));
        assert_eq!(closest("strin", ["Customer", "string"].into_iter()), Some("string"));
        assert_eq!(closest("Widget", ["Customer", "string"].into_iter()), None);
    }
}
