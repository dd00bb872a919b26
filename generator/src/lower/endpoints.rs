//! Lowering endpoints: names, methods, path templates against their parameters, query bounds,
//! bodies and their builder methods, responses and pagination.

use std::collections::HashMap;

use super::{Lowerer, closest};
use crate::diagnostic::Diagnostic;
use crate::model::{Body, Endpoint, Location, Method, Param, ParamStyle, Presence, Request, Response, Ty};
use crate::names;
use crate::runtime;
use crate::spec::{EndpointSpec, Loaded, ParamIn, ParamSpec};

impl Lowerer<'_> {
    pub(super) fn endpoint(
        &mut self,
        file: &Loaded,
        module: &str,
        name: &str,
        spec: &EndpointSpec,
    ) -> Option<Endpoint> {
        let key = || file.key_at(&["endpoints", name]);
        let ident = self.rust_name(names::method, "endpoint", name, key)?;
        if spec.description.as_deref().is_none_or(|d| d.trim().is_empty()) {
            self.error(Diagnostic::warning(format!("endpoint `{name}` has no description")).at(key()));
        }
        let method = self.method(file, name, &spec.method);
        let params = self.params(file, name, spec);
        let segments = params.as_ref().and_then(|(path_params, _)| self.segments(file, name, spec, path_params));
        let body = method.and_then(|m| self.body(file, name, m, spec));
        let request = method.and_then(|m| self.request(file, name, m, spec, body.as_ref()?.as_ref()));
        let response = self.response(file, name, spec);
        let (method, (path_params, query_params), segments, body, request, response) =
            (method?, params?, segments?, body?, request?, response?);
        // Path parameters become arguments in path order, which is the order a reader expects.
        let ordered = segments
            .iter()
            .filter_map(|s| match s {
                Segment::Param(i) => Some(path_params[*i].clone()),
                Segment::Literal => None,
            })
            .collect();
        let query_ident = self.rust_name(names::query_type, "endpoint", name, key)?;
        let query: Vec<(&str, &str, Option<&str>)> =
            query_params.iter().filter(|p| !p.required).map(|p| (p.wire.as_str(), p.bare_ident(), None)).collect();
        self.builder_methods(file, &["endpoints", name, "params"], &query)?;
        let stream_ident = if spec.response.paginated {
            Some(self.rust_name(names::stream_method, "endpoint", name, key)?)
        } else {
            None
        };
        let endpoint = Endpoint {
            ident,
            module: module.to_string(),
            query_ident,
            spec_name: name.to_string(),
            stream_ident,
            summary: spec.summary.clone(),
            description: spec.description.clone().unwrap_or_default(),
            method,
            path: spec.path.clone(),
            path_params: ordered,
            query_params,
            body,
            request,
            response,
            scopes: spec.scopes.clone(),
            editions: self.endpoint_editions(file, name, spec)?,
            // Filled in once every endpoint and type is lowered (`transfers`).
            upload: None,
            download: None,
        };
        self.check_pagination(file, name, &endpoint)?;
        self.check_runtime_names(file, name, &endpoint)?;
        Some(endpoint)
    }

    /// The names an endpoint adds to the crate (its method, its `…_stream` method, its request
    /// types) must not be ones the runtime already has: a second `Client::base_url` or a second
    /// `ErrorBody` does not compile.
    fn check_runtime_names(&mut self, file: &Loaded, name: &str, endpoint: &Endpoint) -> Option<()> {
        let mut clashes = Vec::new();
        let stream = endpoint.stream_ident.iter().map(|ident| (ident, " (its pages as a stream)"));
        for (ident, role) in std::iter::once((&endpoint.ident, "")).chain(stream) {
            let clash = runtime::method_clash(names::bare(ident));
            clashes.extend(clash.map(|clash| (format!("`Client::{ident}`{role}"), ident, clash)));
        }
        let body = endpoint.body.as_ref().map(|b| (&b.ident, " (its request body)"));
        let query = (!endpoint.query_params.is_empty()).then_some((&endpoint.query_ident, " (its query parameters)"));
        for (ident, role) in body.into_iter().chain(query) {
            let clash = runtime::type_clash(ident);
            clashes.extend(clash.map(|clash| (format!("the type `{ident}`{role}"), ident, clash)));
        }
        for (added, ident, clash) in &clashes {
            let d = Diagnostic::error(format!(
                "endpoint `{name}` would add {added}, which the generated crate already has"
            ))
            .at(file.key_at(&["endpoints", name]))
            .help(format!("`{ident}` is {clash}; rename the endpoint"));
            self.error(d);
        }
        clashes.is_empty().then_some(())
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
        let has_query = spec.params.values().any(|p| p.location != ParamIn::Path);
        for (wire, param) in &spec.params {
            let path = ["endpoints", name, "params", wire.as_str()];
            let Some(ident) = self.rust_name(names::field, "parameter", wire, || file.key_at(&path)) else {
                ok = false;
                continue;
            };
            // The method's other arguments are `query` (the query type) and `body`.
            let clash = if ident == "body" && spec.body.is_some() {
                Some("the request body argument `body`".to_string())
            } else if ident == "query" && has_query && param.location == ParamIn::Path {
                Some("the query parameters' argument `query`".to_string())
            } else {
                seen.insert(ident.clone(), wire.clone()).map(|other| format!("parameter `{other}`"))
            };
            if let Some(other) = clash {
                self.clash(format!("parameter `{wire}` and {other} both become `{ident}` in Rust"), file.key_at(&path));
                ok = false;
                continue;
            }
            if param.location == ParamIn::Header && !self.header_param(file, &path, wire) {
                ok = false;
                continue;
            }
            if param.location == ParamIn::Cookie && !is_header_name(wire) {
                let d = Diagnostic::error(format!("`{wire}` is not a valid cookie name"))
                    .at(file.key_at(&path))
                    .help("a cookie's name is a token: letters, digits, `-` and `_`");
                self.error(d);
                ok = false;
                continue;
            }
            let ty_path = [path.as_slice(), &["type"]].concat();
            let Some(ty) = self.ty(file, &ty_path, &param.ty) else {
                ok = false;
                continue;
            };
            let Some(style) = self.param_style(file, &path, wire, param, &ty) else {
                ok = false;
                continue;
            };
            let item = if let Ty::List(item) | Ty::Map(item) = &ty { item } else { &ty };
            if let Ty::Union(union) = item {
                self.union_params.push((union.clone(), format!("parameter `{wire}`"), file.value_at(&ty_path)));
            }
            let refused = (param.location != ParamIn::Query).then_some("bounds are checked on query parameters only");
            if !self.check_bounds(file, &path, param.bounds(), &ty, refused) {
                ok = false;
                continue;
            }
            let lowered = Param {
                wire: wire.clone(),
                ident,
                ty,
                required: param.required || param.location == ParamIn::Path,
                doc: param.description.clone().unwrap_or_default(),
                example: param.example.clone().map(|e| e.0),
                bounds: param.bounds(),
                sent_in: match param.location {
                    ParamIn::Path => Location::Path,
                    ParamIn::Query => Location::Query,
                    ParamIn::Header => Location::Header,
                    ParamIn::Cookie => Location::Cookie,
                },
                style,
            };
            match param.location {
                ParamIn::Path => path_params.push(lowered),
                ParamIn::Query | ParamIn::Header | ParamIn::Cookie => query_params.push(lowered),
            }
        }
        ok.then_some((path_params, query_params))
    }

    /// A parameter's shape: a single value anywhere; in the query also a list or a map of single
    /// values, written in a style; in a header also a list, sent joined by commas. `None` after
    /// reporting why the type or style does not fit.
    fn param_style(
        &mut self,
        file: &Loaded,
        path: &[&str],
        wire: &str,
        spec: &ParamSpec,
        ty: &Ty,
    ) -> Option<Option<ParamStyle>> {
        let styled = spec.style.is_some() || spec.explode.is_some();
        let style_at = || {
            let key = if spec.style.is_some() { "style" } else { "explode" };
            file.value_at(&[path, &[key]].concat())
        };
        // A union is a single value if its variants are: checked once every union is lowered.
        let single = |item: &Ty| item.is_single_param();
        let problem = match (ty, spec.location) {
            (ty, _) if single(ty) && !styled => return Some(None),
            (ty, _) if single(ty) => Diagnostic::error(format!(
                "parameter `{wire}` is a single value: `style` and `explode` are for lists and maps"
            ))
            .at(style_at()),
            (Ty::List(item) | Ty::Map(item), ParamIn::Query) if single(item) => {
                let map = matches!(ty, Ty::Map(_));
                match ParamStyle::from_openapi(spec.style.as_deref(), spec.explode, map) {
                    Ok(style) => return Some(Some(style)),
                    Err(why) => Diagnostic::error(format!("parameter `{wire}`: {why}")).at(style_at()),
                }
            }
            (Ty::List(item), ParamIn::Header) if single(item) && !styled => return Some(None),
            (Ty::List(item), ParamIn::Header) if single(item) => Diagnostic::error(format!(
                "header `{wire}`'s list is sent joined by commas (OpenAPI's `simple` style): it takes no `style` or \
                 `explode`"
            ))
            .at(style_at()),
            (_, location) => {
                let takes = match location {
                    ParamIn::Query => {
                        "a single value (string, integer, number, boolean, uuid, datetime, date, an \
                                       enum, an id or a key), or a `list<…>` or `map<…>` of one"
                    }
                    ParamIn::Header => "a single value, or a `list<…>` of one",
                    ParamIn::Cookie => "a single value",
                    ParamIn::Path => {
                        "a single value: string, integer, number, boolean, uuid, datetime, date, an \
                                      enum, an id or a key"
                    }
                };
                Diagnostic::error(format!("parameter `{wire}` has type `{}`, which it cannot carry", spec.ty))
                    .at(file.value_at(&[path, &["type"]].concat()))
                    .help(format!("a {} parameter takes {takes}", location.as_str()))
            }
        };
        self.error(problem);
        None
    }

    /// Checks a header parameter's name: a valid header, and none that the client sets itself.
    fn header_param(&mut self, file: &Loaded, path: &[&str], wire: &str) -> bool {
        let problem = if !is_header_name(wire) {
            Some((
                format!("`{wire}` is not a valid HTTP header name"),
                "a header parameter's name is the header's: letters, digits, `-` and `_`",
            ))
        } else if self.client_headers().any(|h| h.eq_ignore_ascii_case(wire)) {
            Some((
                format!("the client sets the `{wire}` header itself"),
                "remove the parameter: authentication and content headers come from the client",
            ))
        } else {
            None
        };
        let Some((message, help)) = problem else { return true };
        self.error(Diagnostic::error(message).at(file.key_at(path)).help(help));
        false
    }

    /// The headers the runtime sends on every request: a parameter may not replace them.
    fn client_headers(&self) -> impl Iterator<Item = &str> {
        let auth = self.files.iter().filter_map(|f| f.spec.api.as_ref()).filter_map(|api| api.auth.api_key.as_ref());
        crate::runtime::CLIENT_HEADERS.iter().copied().chain(auth.map(|key| key.header.as_str()))
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

    fn body(&mut self, file: &Loaded, name: &str, method: Method, spec: &EndpointSpec) -> Option<Option<Body>> {
        let Some(fields) = &spec.body else { return Some(None) };
        if !method.takes_body() {
            let d = Diagnostic::error(format!("a {} request has no body", method.as_str()))
                .at(file.key_at(&["endpoints", name, "body"]))
                .help("move these fields to `params` with `in: query`, or change the method");
            self.error(d);
            return None;
        }
        let at = || file.key_at(&["endpoints", name]);
        let body_ident = self.rust_name(names::body_type, "endpoint", name, at)?;
        let content = spec.request.as_ref().and_then(|r| r.content.as_deref());
        self.files_allowed = content.is_some_and(|c| essence(c) == "multipart/form-data");
        let fields = self.fields(file, &["endpoints", name, "body"], fields, None);
        self.files_allowed = false;
        let mut fields = fields?;
        for field in &mut fields {
            if field.presence == Presence::OptionalNullable {
                let at = || file.key_at(&["endpoints", name, "body", &field.wire]);
                field.clear_ident = Some(self.rust_name(names::clear_setter, "field", &field.wire, at)?);
            }
        }
        let builder: Vec<(&str, &str, Option<&str>)> = fields
            .iter()
            .filter(|f| !f.presence.is_required())
            .map(|f| (f.wire.as_str(), f.bare_ident(), f.clear_ident.as_deref()))
            .collect();
        self.builder_methods(file, &["endpoints", name, "body"], &builder)?;
        Some(Some(Body { ident: body_ident, fields }))
    }

    /// How the body is sent: `request:` read against the method and the `body` fields.
    fn request(
        &mut self,
        file: &Loaded,
        name: &str,
        method: Method,
        spec: &EndpointSpec,
        body: Option<&Body>,
    ) -> Option<Request> {
        let Some(request) = &spec.request else { return Some(Request::Fields) };
        let path = ["endpoints", name, "request"];
        let key_at = |key: &str| file.key_at(&[&path[..], &[key]].concat());
        if !method.takes_body() {
            let d = Diagnostic::error(format!("a {} request has no body", method.as_str())).at(file.key_at(&path));
            self.error(d);
            return None;
        }
        let content = request.content.as_deref().unwrap_or("application/json");
        let doc = request.description.clone().unwrap_or_default();
        let media = essence(content);
        let json = media == "application/json" || media.ends_with("+json");
        if request.nullable && request.ty.is_none() {
            let d = Diagnostic::error("`nullable` is for a body of a `type`").at(key_at("nullable"));
            self.error(d);
            return None;
        }
        if let (Some(_), false) = (&request.ty, json) {
            let d = Diagnostic::error(format!("a `{content}` body has no `type`"))
                .at(key_at("type"))
                .help("only a JSON body has a type; text is a `&str`, bytes are bytes, a form has `body` fields");
            self.error(d);
            return None;
        }
        let fields_wanted = media == "application/x-www-form-urlencoded" || media == "multipart/form-data";
        match (body, fields_wanted || (json && request.ty.is_none())) {
            (Some(_), false) if request.ty.is_some() => {
                let d = Diagnostic::error("`request.type` and `body` both describe the body")
                    .at(file.key_at(&["endpoints", name, "body"]))
                    .help("an object's fields go under `body` alone; a body of another type is `request.type` alone");
                self.error(d);
                return None;
            }
            (Some(_), false) => {
                let d = Diagnostic::error(format!("a `{content}` body has no `body` fields"))
                    .at(file.key_at(&["endpoints", name, "body"]))
                    .help("`body` lists the fields of a JSON object or a form; leave it out for this body");
                self.error(d);
                return None;
            }
            (None, true) => {
                let (what, help) = if fields_wanted {
                    ("a form's fields", "list them under `body`")
                } else {
                    ("the JSON body's type", "name it under `request.type`, or list an object's fields under `body`")
                };
                let d =
                    Diagnostic::error(format!("this request does not say {what}")).at(file.key_at(&path)).help(help);
                self.error(d);
                return None;
            }
            _ => {}
        }
        match media.as_str() {
            "application/x-www-form-urlencoded" => self.check_form(file, name, body?).then_some(Request::Form),
            "text/plain" => Some(Request::Text { doc }),
            "multipart/form-data" => self.check_multipart(file, name, body?).then_some(Request::Multipart),
            _ if json => match &request.ty {
                Some(expr) => {
                    let ty = self.ty(file, &[&path[..], &["type"]].concat(), expr)?;
                    Some(Request::Json { ty, nullable: request.nullable, doc })
                }
                None => Some(Request::Fields),
            },
            _ if is_media_type(content) => Some(Request::Bytes { media_type: content.to_string(), doc }),
            _ => {
                let d = Diagnostic::error(format!("`{content}` is not a media type"))
                    .at(key_at("content"))
                    .help("write it as `type/subtype`, e.g. `application/octet-stream`");
                self.error(d);
                None
            }
        }
    }

    /// A form's fields are pairs of text: single values, never `null` (a form cannot say it).
    fn check_form(&mut self, file: &Loaded, name: &str, body: &Body) -> bool {
        let mut ok = true;
        for field in &body.fields {
            if let Ty::Union(union) = &field.ty {
                let at = file.value_at(&["endpoints", name, "body", &field.wire, "type"]);
                self.union_params.push((union.clone(), format!("form field `{}`", field.wire), at));
            }
            let problem = if !field.ty.is_single_param() {
                Some("is not a single value")
            } else if field.presence.is_nullable() {
                Some("may be `null`, which a form cannot send")
            } else {
                None
            };
            if let Some(problem) = problem {
                let d = Diagnostic::error(format!("form field `{}` {problem}", field.wire))
                    .at(file.key_at(&["endpoints", name, "body", &field.wire]))
                    .help("a form's fields are strings, numbers, booleans, ids, dates, enums or keys");
                self.error(d);
                ok = false;
            }
        }
        ok
    }

    /// A multipart body's parts are single values, files, or anything else as JSON, and a list
    /// is a part per item; never `null`, which a form cannot say.
    fn check_multipart(&mut self, file: &Loaded, name: &str, body: &Body) -> bool {
        let mut ok = true;
        for field in body.fields.iter().filter(|f| f.presence.is_nullable()) {
            let d =
                Diagnostic::error(format!("multipart field `{}` may be `null`, which a form cannot send", field.wire))
                    .at(file.key_at(&["endpoints", name, "body", &field.wire]))
                    .help("a part is a single value, a file, an object (sent as JSON) or a list of them");
            self.error(d);
            ok = false;
        }
        ok
    }

    /// Checks that a builder's methods (`new`, a setter per optional field, `clear_…` for each
    /// nullable one) have distinct names. `fields` are (wire name, setter name, clear method name).
    pub(super) fn builder_methods(
        &mut self,
        file: &Loaded,
        prefix: &[&str],
        fields: &[(&str, &str, Option<&str>)],
    ) -> Option<()> {
        let mut methods: HashMap<String, &str> = HashMap::from([("new".to_string(), "the constructor")]);
        for &(wire, setter, clear) in fields {
            let own = std::iter::once(setter.to_string()).chain(clear.map(str::to_string));
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

/// Whether `name` can be sent as a header's name (the token characters that real APIs use).
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b))
}

/// One `/`-separated piece of a path template.
enum Segment {
    /// Fixed text.
    Literal,
    /// The path parameter at this index of the declared parameters.
    Param(usize),
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

/// A media type without its parameters, in lower case: `Application/JSON; charset=utf-8` →
/// `application/json`.
pub fn essence(media_type: &str) -> String {
    media_type.split(';').next().unwrap_or(media_type).trim().to_ascii_lowercase()
}

/// Whether `text` is a media type a header can carry: `type/subtype`, with parameters after `;`.
pub fn is_media_type(text: &str) -> bool {
    let essence = text.split(';').next().unwrap_or_default().trim();
    let token = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b));
    let sendable = text.bytes().all(|b| b == b' ' || b.is_ascii_graphic());
    sendable && essence.split_once('/').is_some_and(|(kind, sub)| token(kind) && token(sub))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
