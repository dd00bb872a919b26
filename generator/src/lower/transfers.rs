//! Lowering `upload:` and `download:`: the fields of an operation's body and answer, and the
//! other operations of its file, that make an upload or a download in one call. Run once every
//! type and endpoint is lowered, since an upload names fields of the answer's type and other
//! operations.

use std::collections::HashMap;

use super::{Lowerer, closest};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Body, Download, Endpoint, Field, Literal, Method, Module, Presence, Step, StepArg, StepBody, Ty, TypeDef, Upload,
    UploadWritten,
};
use crate::names;
use crate::runtime;
use crate::spec::{DownloadSpec, Entries, Example, Loaded, UploadSpec};

/// Method name → the endpoint that has it, and its file: no two methods may share a name.
pub(super) type Methods<'a> = HashMap<String, (String, &'a Loaded)>;

impl<'a> Lowerer<'a> {
    /// Resolves every `upload:` and `download:` of the spec onto its lowered endpoint.
    pub(super) fn transfers(
        &mut self,
        modules: &[Option<Module>],
        objects: &[TypeDef],
        endpoints: &mut [Endpoint],
        methods: &mut Methods<'a>,
    ) {
        let files = self.files;
        for (file, module) in files.iter().zip(modules) {
            let Some(module) = module else { continue };
            for (name, spec) in &file.spec.endpoints {
                if spec.upload.is_none() && spec.download.is_none() {
                    continue;
                }
                let found = |e: &Endpoint| e.module == module.ident && e.spec_name == *name;
                let Some(index) = endpoints.iter().position(found) else { continue };
                let same_file: Vec<&Endpoint> = endpoints.iter().filter(|e| e.module == module.ident).collect();
                let endpoint = &endpoints[index];
                let upload = spec.upload.as_ref().and_then(|upload| {
                    let ident = self.transfer_method(file, name, "upload", &upload.name, methods)?;
                    self.upload(file, name, endpoint, upload, ident, objects, &same_file)
                });
                let download = spec.download.as_ref().and_then(|download| {
                    let ident = self.transfer_method(file, name, "download", &download.name, methods)?;
                    self.download(file, name, endpoint, download, ident, objects)
                });
                endpoints[index].upload = upload;
                endpoints[index].download = download;
            }
        }
    }

    /// The method's Rust name, checked against every other method of `Client`.
    fn transfer_method(
        &mut self,
        file: &'a Loaded,
        endpoint: &str,
        block: &str,
        name: &str,
        methods: &mut Methods<'a>,
    ) -> Option<String> {
        let at = || file.value_at(&["endpoints", endpoint, block, "name"]);
        let ident = self.rust_name(names::method, "method", name, at)?;
        if let Some(clash) = runtime::method_clash(names::bare(&ident)) {
            let d = Diagnostic::error(format!("the {block} method `{ident}` is {clash}")).at(at()).help("rename it");
            self.error(d);
            return None;
        }
        if let Some((other, other_file)) = methods.get(&ident) {
            let d = Diagnostic::error(format!(
                "the {block} of endpoint `{endpoint}` needs the method `{ident}`, which endpoint `{other}` already has"
            ))
            .at(at())
            .help(format!("`{other}` is in {}; rename one of them", other_file.path));
            self.error(d);
            return None;
        }
        methods.insert(ident.clone(), (endpoint.to_string(), file));
        Some(ident)
    }

    #[allow(clippy::too_many_arguments, reason = "the pieces an upload is checked against")]
    fn upload(
        &mut self,
        file: &Loaded,
        name: &str,
        endpoint: &Endpoint,
        spec: &UploadSpec,
        ident: String,
        objects: &[TypeDef],
        same_file: &[&Endpoint],
    ) -> Option<Upload> {
        let at = |key: &str| file.value_at(&["endpoints", name, "upload", key]);
        let Some(body) = &endpoint.body else {
            let d = Diagnostic::error(format!("endpoint `{name}` has an upload but no body"))
                .at(file.key_at(&["endpoints", name, "upload"]))
                .help("the operation that starts an upload declares the file's size in its body");
            self.error(d);
            return None;
        };
        let size = self.field_named(&body.fields, &spec.size, at("size"), "the body");
        let size = size.and_then(|f| {
            if f.ty == Ty::Integer && !f.presence.is_nullable() {
                return Some((f.ident.clone(), f.presence.is_required()));
            }
            let d = Diagnostic::error(format!("the size field `{}` is not an integer that cannot be null", spec.size))
                .at(at("size"))
                .help("name the body's integer field that declares the file's length in bytes");
            self.error(d);
            None
        });
        let answer = self.answer_type(file, name, "upload", endpoint, objects);
        let form = answer.and_then(|t| self.field_named(&t.fields, &spec.form, at("form"), "the answer"));
        let form = form.and_then(|f| self.form(f, objects, at("form")));
        let id = answer.and_then(|t| self.field_named(&t.fields, &spec.id, at("id"), "the answer"));
        let id = id.and_then(|f| {
            if f.presence == Presence::Required && f.ty.is_scalar() {
                return Some((f.ident.clone(), f.ty.clone()));
            }
            let d = Diagnostic::error(format!("the id field `{}` is not a single value that is always there", spec.id))
                .at(at("id"))
                .help("name the answer's required field that holds the registered file's id");
            self.error(d);
            None
        });
        let returns = match (&spec.returns, answer) {
            (Some(field), Some(t)) => {
                let found = self.field_named(&t.fields, field, at("returns"), "the answer")?;
                Some((found.ident.clone(), found.ty.clone()))
            }
            _ => None,
        };
        if spec.max_size == 0 {
            self.error(Diagnostic::error("`max_size` is 0: no file could be uploaded").at(at("max_size")));
        }
        let id_ty = id.as_ref().map(|(_, ty)| ty.clone());
        let confirm = id_ty.as_ref().and_then(|ty| {
            let step = self.step(file, name, "confirm", &spec.confirm, endpoint, ty, same_file)?;
            self.step_body(file, name, "confirm", step, &spec.confirm_body)
        });
        let cancel = match (&spec.cancel, &id_ty) {
            (None, _) => Some(None),
            (Some(cancel), Some(ty)) => self
                .step(file, name, "cancel", cancel, endpoint, ty, same_file)
                .and_then(|step| self.step_body(file, name, "cancel", step, &Entries::default()))
                .map(Some),
            (Some(_), None) => None,
        };
        let (form, id, size, confirm, cancel) = (form?, id?, size?, confirm?, cancel?);
        let confirm_body = confirm.body.iter().flat_map(|_| {
            spec.confirm_body.iter().filter_map(|(wire, value)| Some((wire.clone(), written_literal(&value.0)?)))
        });
        let written = UploadWritten {
            form: spec.form.clone(),
            id: spec.id.clone(),
            size: spec.size.clone(),
            confirm: spec.confirm.clone(),
            confirm_body: confirm_body.collect(),
            cancel: spec.cancel.clone(),
            returns: spec.returns.clone(),
        };
        (spec.max_size > 0).then(|| Upload {
            ident,
            spec_name: spec.name.clone(),
            form,
            id,
            size,
            max_size: spec.max_size,
            confirm,
            cancel,
            returns,
            written,
        })
    }

    /// The object type of `endpoint`'s answer, for an upload or a download that names its fields.
    fn answer_type<'t>(
        &mut self,
        file: &Loaded,
        name: &str,
        block: &str,
        endpoint: &Endpoint,
        objects: &'t [TypeDef],
    ) -> Option<&'t TypeDef> {
        let found = match &endpoint.response.ty {
            Some(Ty::Named(ty)) if !endpoint.response.paginated => objects.iter().find(|t| &t.ident == ty),
            _ => None,
        };
        if found.is_none() {
            let d = Diagnostic::error(format!("the {block} names fields of the answer, which is not an object type"))
                .at(file.key_at(&["endpoints", name, block]))
                .help("the answer's `type` must be one of the spec's object types (not a list or a page)");
            self.error(d);
        }
        found
    }

    /// The field of `fields` whose JSON name is `wire`, or an error at `at`.
    fn field_named<'f>(
        &mut self,
        fields: &'f [Field],
        wire: &str,
        at: crate::diagnostic::Location,
        whose: &str,
    ) -> Option<&'f Field> {
        let found = fields.iter().find(|f| f.wire == wire);
        if found.is_none() {
            let d = Diagnostic::error(format!("{whose} has no field `{wire}`")).at(at);
            let d = match closest(wire, fields.iter().map(|f| f.wire.as_str())) {
                Some(best) => d.help(format!("did you mean `{best}`?")),
                None => d,
            };
            self.error(d);
        }
        found
    }

    /// The form field: an object with a string `url` and a `map<string>` of `fields`.
    fn form(&mut self, field: &Field, objects: &[TypeDef], at: crate::diagnostic::Location) -> Option<(String, bool)> {
        let shape = match &field.ty {
            Ty::Named(name) => objects.iter().find(|t| &t.ident == name),
            _ => None,
        };
        let has = |def: &TypeDef, wire: &str, ty: Ty| {
            def.fields.iter().any(|f| f.wire == wire && f.ty == ty && f.presence == Presence::Required)
        };
        match shape {
            Some(def) if has(def, "url", Ty::String) && has(def, "fields", Ty::Map(Box::new(Ty::String))) => {
                Some((field.ident.clone(), field.presence.is_nullable()))
            }
            _ => {
                let d = Diagnostic::error(format!("the form field `{}` is not a presigned POST form", field.wire))
                    .at(at)
                    .help("its type is an object with the required fields `url: string` and `fields: map<string>`");
                self.error(d);
                None
            }
        }
    }

    /// An operation an upload calls after its first (`role`: `confirm` or `cancel`): of the same
    /// file, without query parameters, its path parameters the first's and one for the id.
    #[allow(clippy::too_many_arguments, reason = "the pieces a step is checked against")]
    fn step(
        &mut self,
        file: &Loaded,
        name: &str,
        role: &str,
        target: &str,
        first: &Endpoint,
        id: &Ty,
        same_file: &[&Endpoint],
    ) -> Option<(Step, Option<Body>)> {
        let at = || file.value_at(&["endpoints", name, "upload", role]);
        let Some(step) = same_file.iter().find(|e| e.spec_name == target) else {
            let d = Diagnostic::error(format!("the {role} operation `{target}` is not an endpoint of this file"))
                .at(at())
                .help(match closest(target, same_file.iter().map(|e| e.spec_name.as_str())) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "an upload's steps are operations of the same spec file".to_string(),
                });
            self.error(d);
            return None;
        };
        let mut problems = Vec::new();
        if !step.query_params.is_empty() {
            problems.push("it has query parameters, which an upload cannot fill".to_string());
        }
        let mut ids = 0;
        let args: Vec<StepArg> = step
            .path_params
            .iter()
            .map(|p| match first.path_params.iter().find(|f| f.wire == p.wire && f.ty == p.ty) {
                Some(same) => StepArg::Same(same.ident.clone(), same.ty.clone()),
                None => {
                    ids += 1;
                    if p.ty != *id {
                        problems.push(format!("its path parameter `{}` is not the new file's id", p.wire));
                    }
                    StepArg::Id
                }
            })
            .collect();
        if ids != 1 {
            problems.push(format!(
                "it must have exactly one path parameter that `{name}` does not have (the new file's id); it has {ids}"
            ));
        }
        if role == "cancel" && step.method != Method::Delete {
            problems.push("it is not a DELETE".to_string());
        }
        if !problems.is_empty() {
            let d =
                Diagnostic::error(format!("`{target}` cannot be the upload's {role} step: {}", problems.join("; ")))
                    .at(at())
                    .help(format!("its other path parameters are `{name}`'s, with the same names and types"));
            self.error(d);
            return None;
        }
        Some((Step { endpoint: step.ident.clone(), args, body: None }, step.body.clone()))
    }

    /// The body a step sends: its required fields from `values` (and any optional ones given).
    /// Only the confirmation is given values (under `confirm_body`).
    fn step_body(
        &mut self,
        file: &Loaded,
        name: &str,
        role: &str,
        (mut step, body): (Step, Option<Body>),
        values: &Entries<Example>,
    ) -> Option<Step> {
        let key = "confirm_body";
        let at = |path: &[&str]| file.value_at(&[&["endpoints", name, "upload"], path].concat());
        let Some(body) = body else {
            if let Some((wire, _)) = values.iter().next() {
                let d = Diagnostic::error(format!("the confirm operation takes no body, so `{wire}` cannot be sent"))
                    .at(at(&[key, wire]));
                self.error(d);
                return None;
            }
            return Some(step);
        };
        let mut ok = true;
        for (wire, _) in values {
            if !body.fields.iter().any(|f| &f.wire == wire) {
                let d = Diagnostic::error(format!("the confirm operation's body has no field `{wire}`"))
                    .at(at(&[key, wire]));
                self.error(d);
                ok = false;
            }
        }
        let mut required = Vec::new();
        let mut setters = Vec::new();
        for field in &body.fields {
            let value = values.get(&field.wire).map(|v| v.0.as_str());
            let literal = match (value, &field.ty) {
                (None, _) => None,
                (Some(v @ ("true" | "false")), Ty::Boolean) => Some(Literal::Boolean(v == "true")),
                (Some(v), Ty::Integer) => v.parse().ok().map(Literal::Integer),
                (Some(v), Ty::String) => Some(Literal::Text(v.to_string())),
                (Some(_), _) => None,
            };
            match (literal, value, field.presence.is_required()) {
                (Some(literal), _, true) => required.push(literal),
                (Some(literal), _, false) => setters.push((field.ident.clone(), literal)),
                (None, Some(v), _) => {
                    let d =
                        Diagnostic::error(format!("`{v}` is not a value of `{}`, which is {:?}", field.wire, field.ty))
                            .at(at(&[key, &field.wire]))
                            .help("a confirmation's body sends booleans, integers and text");
                    self.error(d);
                    ok = false;
                }
                (None, None, true) => {
                    let d = Diagnostic::error(format!("the {role} operation's body needs `{}`", field.wire))
                        .at(file.value_at(&["endpoints", name, "upload", role]))
                        .help(if role == "confirm" {
                            "give its value under `confirm_body`"
                        } else {
                            "the deletion cannot be given values: choose an operation whose body needs none"
                        });
                    self.error(d);
                    ok = false;
                }
                (None, None, false) => {}
            }
        }
        step.body = Some(StepBody { ident: body.ident.clone(), required, setters });
        ok.then_some(step)
    }

    fn download(
        &mut self,
        file: &Loaded,
        name: &str,
        endpoint: &Endpoint,
        spec: &DownloadSpec,
        ident: String,
        objects: &[TypeDef],
    ) -> Option<Download> {
        if endpoint.method != Method::Get {
            let d = Diagnostic::error(format!("endpoint `{name}` has a download but is not a GET")).at(file.key_at(&[
                "endpoints",
                name,
                "download",
            ]));
            self.error(d);
            return None;
        }
        let url = match &spec.url {
            None if endpoint.response.ty.is_some() => {
                let d = Diagnostic::error("a download without `url` is a redirect to the file, which has no body")
                    .at(file.key_at(&["endpoints", name, "download"]))
                    .help("remove the response's `type`, or name the answer's field with the URL under `url`");
                self.error(d);
                return None;
            }
            None => None,
            Some(wire) => {
                let answer = self.answer_type(file, name, "download", endpoint, objects)?;
                let at = file.value_at(&["endpoints", name, "download", "url"]);
                let field = self.field_named(&answer.fields, wire, at.clone(), "the answer")?;
                if field.ty != Ty::String {
                    self.error(Diagnostic::error(format!("the URL field `{wire}` is not a string")).at(at));
                    return None;
                }
                Some((field.ident.clone(), !field.presence.is_required() || field.presence.is_nullable()))
            }
        };
        Some(Download { ident, spec_name: spec.name.clone(), url, url_wire: spec.url.clone() })
    }
}

/// A `confirm_body` value as its JSON type reads it: what the body field took (checked above).
fn written_literal(text: &str) -> Option<Literal> {
    Some(match text {
        "true" | "false" => Literal::Boolean(text == "true"),
        _ => match text.parse() {
            Ok(integer) => Literal::Integer(integer),
            Err(_) => Literal::Text(text.to_string()),
        },
    })
}
