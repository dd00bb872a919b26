//! Lowering: checks the spec as a whole and turns it into the resolved [`model`](crate::model).
//! Every problem becomes a diagnostic pointing at the spec text; lowering goes on after an error so
//! that one run reports them all.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::Diagnostic;
use crate::model::{Api, Auth, Body, Endpoint, EnumDef, Field, Method, Module, Param, Response, Ty, TypeDef, Variant};
use crate::names;
use crate::spec::{EndpointSpec, Entries, EnumSpec, FieldSpec, Loaded, ParamIn, ParamSpec, TypeSpec};

/// Names the generated crate defines itself, which a spec type must not take.
/// Generated code names the prelude's types as they are (short code parses and compiles faster),
/// so a spec type may not shadow them either.
const RESERVED_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "ApiError",
    "DecodeError",
    "ErrorBody",
    "ErrorKind",
    "Patch",
    "Page",
    "ItemStream",
    "RateLimit",
    "RetryPolicy",
    "Value",
    "Uuid",
    "HeaderMap",
    "HeaderName",
    "HeaderValue",
    "Option",
    "Some",
    "None",
    "String",
    "Vec",
    "Into",
    "From",
    "Default",
    "Result",
    "Ok",
    "Err",
    "Box",
];

/// Module names the generated crate uses itself, which a spec file must not be named after.
const RESERVED_MODULES: &[&str] = &["client", "error", "patch", "page", "retry", "spec", "lib", "chrono", "uuid"];

/// The built-in scalar type names of the type expression language.
const BUILTINS: &[&str] = &["string", "integer", "number", "boolean", "uuid", "datetime", "date", "json"];

/// Checks `files` and builds the model. Returns `None` when any error was found; warnings and
/// errors alike are appended to `diagnostics`.
pub fn lower(files: &[Loaded], diagnostics: &mut Vec<Diagnostic>) -> Option<Api> {
    let mut lowerer = Lowerer { files, diagnostics: Vec::new(), types: HashMap::new() };
    let api = lowerer.api();
    let errors_before = lowerer.diagnostics.iter().any(Diagnostic::is_error);
    let result = api.filter(|_| !errors_before).and_then(|api| {
        let api = lowerer.rest(api);
        (!lowerer.diagnostics.iter().any(Diagnostic::is_error)).then_some(api)
    });
    diagnostics.append(&mut lowerer.diagnostics);
    result
}

struct Lowerer<'a> {
    files: &'a [Loaded],
    diagnostics: Vec<Diagnostic>,
    /// Spec type or enum name to its Rust type.
    types: HashMap<String, Ty>,
}

impl Lowerer<'_> {
    fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
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
            if header.is_empty() || !header.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b)) {
                let at = file.value_at(&["api", "auth", "api_key", "header"]);
                self.error(Diagnostic::error(format!("`{header}` is not a valid HTTP header name")).at(at));
            }
            auth.push(Auth::ApiKey { header: header.clone() });
        }
        if spec.auth.bearer {
            auth.push(Auth::Bearer);
        }
        if auth.is_empty() {
            self.error(
                Diagnostic::error("the API accepts no authentication scheme")
                    .at(file.value_at(&["api", "auth"]))
                    .help("add `api_key: { header: X-API-Key }` and/or `bearer: true`"),
            );
        }
        Some(Api {
            name: spec.name.clone(),
            title: spec.title.clone(),
            description: spec.description.clone().unwrap_or_default(),
            base_url: spec.base_url.clone(),
            auth,
            types: Vec::new(),
            endpoints: Vec::new(),
            enums: Vec::new(),
            modules: Vec::new(),
        })
    }

    /// Modules, types and endpoints, once the API block is sound.
    fn rest(&mut self, mut api: Api) -> Api {
        let files = self.files;
        let modules = self.modules();
        self.declare_types();
        let (mut types, mut enums, mut endpoints) = (Vec::new(), Vec::new(), Vec::new());
        let mut methods: HashMap<String, (String, &Loaded)> = HashMap::new();
        for (file, module) in files.iter().zip(&modules) {
            let Some(module) = module else { continue };
            for (name, spec) in &file.spec.types {
                types.extend(self.type_def(file, &module.ident, name, spec));
            }
            for (name, spec) in &file.spec.enums {
                enums.extend(self.enum_def(file, &module.ident, name, spec));
            }
            for (name, spec) in &file.spec.endpoints {
                let Some(endpoint) = self.endpoint(file, &module.ident, name, spec) else { continue };
                // A paginated operation also has a `…_stream` method; no two methods may share a name.
                let stream = endpoint.response.paginated.then(|| format!("{}_stream", names::bare(&endpoint.ident)));
                for method in std::iter::once(endpoint.ident.clone()).chain(stream) {
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
        self.check_cycles(&types);
        types.sort_by(|a, b| a.ident.cmp(&b.ident));
        enums.sort_by(|a, b| a.ident.cmp(&b.ident));
        endpoints.sort_by(|a, b| a.ident.cmp(&b.ident));
        let mut modules: Vec<Module> = modules.into_iter().flatten().collect();
        modules.sort_by(|a, b| a.ident.cmp(&b.ident));
        api.types = types;
        api.enums = enums;
        api.endpoints = endpoints;
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
            if spec.types.is_empty() && spec.enums.is_empty() && spec.endpoints.is_empty() {
                modules.push(None);
                continue;
            }
            let name = std::path::Path::new(&file.path).file_stem().map(|s| s.to_string_lossy().into_owned());
            let name = name.unwrap_or_default();
            let at = || file.value_at(&[]);
            let ident = match names::snake(&name) {
                Ok(ident) if RESERVED_MODULES.contains(&ident.as_str()) || ident.starts_with("r#") => {
                    let d = Diagnostic::error(format!(
                        "the file name `{name}` is taken by the generated crate's own modules"
                    ))
                    .at(at())
                    .help(format!("rename the file; {} are taken", RESERVED_MODULES.join(", ")));
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

    /// Registers every type and enum name first, so that fields may refer to types declared later
    /// or in another file.
    fn declare_types(&mut self) {
        let files = self.files;
        let mut by_ident: HashMap<String, (String, &Loaded)> = HashMap::new();
        for file in files {
            let types = file.spec.types.keys().map(|name| ("types", name));
            let enums = file.spec.enums.keys().map(|name| ("enums", name));
            for (section, name) in types.chain(enums) {
                let at = || file.key_at(&[section, name]);
                // A type whose name is refused is still declared, so that its uses do not each
                // report it as unknown.
                let ident = match names::camel(name) {
                    Ok(ident) => ident,
                    Err(e) => {
                        self.error(Diagnostic::error(e.explain("type", name)).at(at()));
                        self.types.insert(name.clone(), Ty::Json);
                        continue;
                    }
                };
                if RESERVED_TYPES.contains(&ident.as_str()) || ident.ends_with("Body") || ident.ends_with("Query") {
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

    fn enum_def(&mut self, file: &Loaded, module: &str, name: &str, spec: &EnumSpec) -> Option<EnumDef> {
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

    fn type_def(&mut self, file: &Loaded, module: &str, name: &str, spec: &TypeSpec) -> Option<TypeDef> {
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
    fn fields(&mut self, file: &Loaded, prefix: &[&str], specs: &Entries<FieldSpec>) -> Option<Vec<Field>> {
        let mut fields = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut ok = true;
        for (wire, spec) in specs {
            let path = [prefix, &[wire.as_str()]].concat();
            let ident = match names::snake(wire) {
                Ok(ident) => ident,
                Err(e) => {
                    self.error(Diagnostic::error(e.explain("field", wire)).at(file.key_at(&path)));
                    ok = false;
                    continue;
                }
            };
            if let Some(other) = seen.insert(ident.clone(), wire.clone()) {
                let d = Diagnostic::error(format!("fields `{other}` and `{wire}` both become `{ident}` in Rust"))
                    .at(file.key_at(&path))
                    .help("rename one of them");
                self.error(d);
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
                required: spec.required,
                nullable: spec.nullable,
                doc: spec.description.clone().unwrap_or_default(),
            });
        }
        ok.then_some(fields)
    }

    /// Parses and resolves a type expression found at `path`.
    fn ty(&mut self, file: &Loaded, path: &[&str], expr: &str) -> Option<Ty> {
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
    fn check_cycles(&mut self, types: &[TypeDef]) {
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

    fn endpoint(&mut self, file: &Loaded, module: &str, name: &str, spec: &EndpointSpec) -> Option<Endpoint> {
        let key = || file.key_at(&["endpoints", name]);
        let ident = match names::snake(name) {
            Ok(ident) => ident,
            Err(e) => {
                self.error(Diagnostic::error(e.explain("endpoint", name)).at(key()));
                return None;
            }
        };
        if spec.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
            self.error(Diagnostic::warning(format!("endpoint `{name}` has no description")).at(key()));
        }
        let method = self.method(file, name, &spec.method);
        let params = self.params(file, name, spec);
        let segments = params.as_ref().and_then(|(path_params, _)| self.segments(file, name, spec, path_params));
        let body = method.and_then(|m| self.body(file, name, &ident, m, spec));
        let response = self.response(file, name, spec);
        let (method, (path_params, query_params), segments, body, response) =
            (method?, params?, segments?, body?, response?);
        // Path parameters become arguments in path order, which is the order a reader expects.
        let ordered = segments
            .iter()
            .filter_map(|s| match s {
                Segment::Param(i) => Some(path_params[*i].clone()),
                Segment::Literal => None,
            })
            .collect();
        let query_ident = names::camel(&format!("{}_query", names::bare(&ident))).ok()?;
        let query: Vec<(&str, &str, bool)> =
            query_params.iter().filter(|p| !p.required).map(|p| (p.wire.as_str(), p.ident.as_str(), false)).collect();
        self.builder_methods(file, &["endpoints", name, "params"], &query)?;
        let endpoint = Endpoint {
            ident,
            module: module.to_string(),
            query_ident,
            spec_name: name.to_string(),
            summary: spec.summary.clone(),
            description: spec.description.clone().unwrap_or_default(),
            method,
            path: spec.path.clone(),
            path_params: ordered,
            query_params,
            body,
            response,
            scopes: spec.scopes.clone(),
        };
        self.check_pagination(file, name, &endpoint)?;
        Some(endpoint)
    }

    fn method(&mut self, file: &Loaded, name: &str, method: &str) -> Option<Method> {
        let found = Method::ALL.into_iter().find(|m| m.as_str() == method);
        if found.is_none() {
            let known: Vec<&str> = Method::ALL.iter().map(|m| m.as_str()).collect();
            let mut d = Diagnostic::error(format!("`{method}` is not an HTTP method this generator supports"))
                .at(file.value_at(&["endpoints", name, "method"]));
            d = match Method::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(method)) {
                Some(m) => d.help(format!("write it in capitals: `{}`", m.as_str())),
                None => d.help(format!("use one of {}", known.join(", "))),
            };
            self.error(d);
        }
        found
    }

    /// Path parameters (in spec order) and query parameters.
    fn params(&mut self, file: &Loaded, name: &str, spec: &EndpointSpec) -> Option<(Vec<Param>, Vec<Param>)> {
        let mut path_params = Vec::new();
        let mut query_params = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut ok = true;
        for (wire, param) in &spec.params {
            let path = ["endpoints", name, "params", wire.as_str()];
            let ident = match names::snake(wire) {
                Ok(ident) => ident,
                Err(e) => {
                    self.error(Diagnostic::error(e.explain("parameter", wire)).at(file.key_at(&path)));
                    ok = false;
                    continue;
                }
            };
            let clash = if ident == "body" && spec.body.is_some() {
                Some("the request body argument `body`".to_string())
            } else {
                seen.insert(ident.clone(), wire.clone()).map(|other| format!("parameter `{other}`"))
            };
            if let Some(other) = clash {
                let d = Diagnostic::error(format!("parameter `{wire}` and {other} both become `{ident}` in Rust"))
                    .at(file.key_at(&path))
                    .help("rename one of them");
                self.error(d);
                ok = false;
                continue;
            }
            let ty_path = [path.as_slice(), &["type"]].concat();
            let Some(ty) = self.ty(file, &ty_path, &param.ty) else {
                ok = false;
                continue;
            };
            if !ty.is_scalar() {
                let d = Diagnostic::error(format!(
                    "parameter `{wire}` has type `{}`, which is not a single value",
                    param.ty
                ))
                .at(file.value_at(&ty_path))
                .help("parameters take string, integer, number, boolean, uuid, datetime or date");
                self.error(d);
                ok = false;
                continue;
            }
            if !self.bounds(file, &path, param, &ty) {
                ok = false;
                continue;
            }
            let lowered = Param {
                wire: wire.clone(),
                ident,
                ty,
                required: param.required || param.location == ParamIn::Path,
                doc: param.description.clone().unwrap_or_default(),
                example: param.example.clone(),
                minimum: param.minimum,
                maximum: param.maximum,
            };
            match param.location {
                ParamIn::Path => path_params.push(lowered),
                ParamIn::Query => query_params.push(lowered),
            }
        }
        ok.then_some((path_params, query_params))
    }

    /// Checks a parameter's `minimum` and `maximum`: integer query parameters only, not crossed.
    fn bounds(&mut self, file: &Loaded, path: &[&str], param: &ParamSpec, ty: &Ty) -> bool {
        let (min_path, max_path) = ([path, &["minimum"]].concat(), [path, &["maximum"]].concat());
        if *ty != Ty::Integer || param.location == ParamIn::Path {
            let key = if param.minimum.is_some() { Some(min_path) } else { param.maximum.map(|_| max_path) };
            return match key {
                None => true,
                Some(key) => {
                    let d = Diagnostic::error(format!("`{}` bounds only integer query parameters", key[key.len() - 1]))
                        .at(file.key_at(&key))
                        .help("remove it, or make this an `in: query` parameter of `type: integer`");
                    self.error(d);
                    false
                }
            };
        }
        match (param.minimum, param.maximum) {
            (Some(min), Some(max)) if min > max => {
                let d = Diagnostic::error(format!("`minimum` {min} is above `maximum` {max}"))
                    .at(file.value_at(&max_path))
                    .help("no value could be sent");
                self.error(d);
                false
            }
            _ => true,
        }
    }

    /// Splits the path template and checks it against the declared path parameters.
    fn segments(&mut self, file: &Loaded, name: &str, spec: &EndpointSpec, params: &[Param]) -> Option<Vec<Segment>> {
        let location = || file.value_at(&["endpoints", name, "path"]);
        let template = spec.path.as_str();
        let Some(rest) = template.strip_prefix('/') else {
            self.error(Diagnostic::error(format!("path `{template}` does not start with `/`")).at(location()));
            return None;
        };
        let mut segments = Vec::new();
        let mut used = vec![false; params.len()];
        let mut ok = true;
        let pieces: Vec<&str> = rest.split('/').collect();
        for (n, piece) in pieces.iter().enumerate() {
            if piece.is_empty() && n + 1 < pieces.len() {
                let d = Diagnostic::error(format!("path `{template}` has an empty segment (`//`)")).at(location());
                self.error(d);
                ok = false;
                continue;
            }
            match parse_segment(piece) {
                Ok(None) => segments.push(Segment::Literal),
                Ok(Some(param)) => match params.iter().position(|p| p.wire == param) {
                    Some(i) => {
                        used[i] = true;
                        segments.push(Segment::Param(i));
                    }
                    None => {
                        let declared: Vec<String> = params.iter().map(|p| format!("`{}`", p.wire)).collect();
                        let help = match closest(param, params.iter().map(|p| p.wire.as_str())) {
                            Some(best) => format!("did you mean `{best}`?"),
                            None if declared.is_empty() => "declare it under `params:` with `in: path`".to_string(),
                            None => format!("the declared path parameters are {}", declared.join(", ")),
                        };
                        let d = Diagnostic::error(format!("path parameter `{{{param}}}` is not declared"))
                            .at(file.within_value(&["endpoints", name, "path"], &format!("{{{param}}}")))
                            .help(help);
                        self.error(d);
                        ok = false;
                    }
                },
                Err(message) => {
                    let at = file.within_value(&["endpoints", name, "path"], piece);
                    self.error(Diagnostic::error(format!("path segment `{piece}` {message}")).at(at));
                    ok = false;
                }
            }
        }
        for (param, used) in params.iter().zip(used) {
            if !used && ok {
                let d = Diagnostic::error(format!("path parameter `{}` is not used in the path", param.wire))
                    .at(file.key_at(&["endpoints", name, "params", &param.wire]))
                    .help(format!("add `{{{}}}` to `{template}`, or make it `in: query`", param.wire));
                self.error(d);
                ok = false;
            }
        }
        ok.then_some(segments)
    }

    fn body(
        &mut self,
        file: &Loaded,
        name: &str,
        ident: &str,
        method: Method,
        spec: &EndpointSpec,
    ) -> Option<Option<Body>> {
        let Some(fields) = &spec.body else { return Some(None) };
        if !method.takes_body() {
            let d = Diagnostic::error(format!("a {} request has no body", method.as_str()))
                .at(file.key_at(&["endpoints", name, "body"]))
                .help("move these fields to `params` with `in: query`, or change the method");
            self.error(d);
            return None;
        }
        let body_ident = names::camel(&format!("{}_body", names::bare(ident))).ok()?;
        let fields = self.fields(file, &["endpoints", name, "body"], fields)?;
        let builder: Vec<(&str, &str, bool)> =
            fields.iter().filter(|f| !f.required).map(|f| (f.wire.as_str(), f.ident.as_str(), f.nullable)).collect();
        self.builder_methods(file, &["endpoints", name, "body"], &builder)?;
        Some(Some(Body { ident: body_ident, fields }))
    }

    /// Checks that a builder's methods (`new`, a setter per optional field, `clear_…` for each
    /// nullable one) have distinct names. `fields` are (wire name, Rust name, has a clear method).
    fn builder_methods(&mut self, file: &Loaded, prefix: &[&str], fields: &[(&str, &str, bool)]) -> Option<()> {
        let mut methods: HashMap<String, &str> = HashMap::from([("new".to_string(), "the constructor")]);
        for &(wire, ident, clear) in fields {
            let bare = names::bare(ident);
            let own = std::iter::once(bare.to_string()).chain(clear.then(|| format!("clear_{bare}")));
            for method_name in own {
                if let Some(other) = methods.insert(method_name.clone(), wire) {
                    let other = if other == "the constructor" { other.to_string() } else { format!("field `{other}`") };
                    let d = Diagnostic::error(format!(
                        "field `{wire}` needs a method `{method_name}`, which {other} already has"
                    ))
                    .at(file.key_at(&[prefix, &[wire]].concat()))
                    .help("rename the field");
                    self.error(d);
                    return None;
                }
            }
        }
        Some(())
    }

    /// A paginated response needs `cursor` and `per_page` query parameters to walk the pages with.
    fn check_pagination(&mut self, file: &Loaded, name: &str, endpoint: &Endpoint) -> Option<()> {
        if !endpoint.response.paginated {
            return Some(());
        }
        let has =
            |wire: &str, ty: Ty| endpoint.query_params.iter().any(|p| p.wire == wire && p.ty == ty && !p.required);
        let mut problem = None;
        if endpoint.response.ty.is_none() {
            problem = Some("a paginated response needs a `type`: the type of one item");
        } else if !has("cursor", Ty::String) || !has("per_page", Ty::Integer) {
            problem =
                Some("a paginated endpoint needs optional query parameters `cursor` (string) and `per_page` (integer)");
        }
        match problem {
            None => Some(()),
            Some(message) => {
                let d = Diagnostic::error(message).at(file.value_at(&["endpoints", name, "response", "paginated"]));
                self.error(d);
                None
            }
        }
    }

    fn response(&mut self, file: &Loaded, name: &str, spec: &EndpointSpec) -> Option<Response> {
        let response = &spec.response;
        let path = ["endpoints", name, "response", "status"];
        if !(200..=299).contains(&response.status) {
            let d = Diagnostic::error(format!("`{}` is not a success status", response.status))
                .at(file.value_at(&path))
                .help("the response describes a success: a status from 200 to 299");
            self.error(d);
            return None;
        }
        let ty = match &response.ty {
            None => None,
            Some(_) if response.status == 204 => {
                let d = Diagnostic::error("a 204 response has no body, so it has no type")
                    .at(file.value_at(&["endpoints", name, "response", "type"]))
                    .help("remove `type`, or use another status");
                self.error(d);
                return None;
            }
            Some(expr) => Some(self.ty(file, &["endpoints", name, "response", "type"], expr)?),
        };
        Some(Response {
            status: response.status,
            ty,
            doc: response.description.clone().unwrap_or_default(),
            paginated: response.paginated,
        })
    }
}

/// One `/`-separated piece of a path template.
enum Segment {
    /// Fixed text.
    Literal,
    /// The path parameter at this index of the declared parameters.
    Param(usize),
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

/// `Ok(None)` for a literal segment, `Ok(Some(name))` for `{name}`.
fn parse_segment(piece: &str) -> Result<Option<&str>, String> {
    if let Some(inner) = piece.strip_prefix('{') {
        return match inner.strip_suffix('}') {
            Some(name) if !name.is_empty() && !name.contains(['{', '}']) => Ok(Some(name)),
            Some(_) => Err("has an empty or nested `{…}`".to_string()),
            None => Err("has a `{` without a matching `}` at its end".to_string()),
        };
    }
    if piece.contains(['{', '}']) {
        return Err(
            "mixes text and a parameter, or has an unbalanced brace; a parameter fills a whole segment".to_string()
        );
    }
    if piece == "." || piece == ".." {
        return Err("is a relative step; paths are written out in full".to_string());
    }
    if !piece.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)) {
        return Err(
            "has characters that would need escaping; literal segments use letters, digits, `-`, `.`, `_` and `~`"
                .to_string(),
        );
    }
    Ok(None)
}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
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

    #[test]
    fn parses_path_segments() {
        assert_eq!(parse_segment("customers"), Ok(None));
        assert_eq!(parse_segment(""), Ok(None));
        assert_eq!(parse_segment("{customer_id}"), Ok(Some("customer_id")));
        assert!(parse_segment("{customer_id").is_err());
        assert!(parse_segment("id-{x}").is_err());
        assert!(parse_segment("a b").is_err());
        assert!(parse_segment("..").is_err());
    }

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(closest("Custmer", ["Customer", "string"].into_iter()), Some("Customer"));
        assert_eq!(closest("strin", ["Customer", "string"].into_iter()), Some("string"));
        assert_eq!(closest("Widget", ["Customer", "string"].into_iter()), None);
    }
}
