//! The `no_run` examples in the generated docs. They are compiled by `cargo test` as doc tests,
//! so every example is checked against the crate it documents.

use crate::model::{Api, Body, Bounds, Endpoint, EnumDef, Field, Param, Presence, Repr, Request, Ty, Variant};

/// The value an example shows for a single value: the spec's own `example` (which lowering
/// checked against the type and bounds), or a default that keeps to them.
#[derive(Debug, Clone, PartialEq)]
pub enum Sample<'a> {
    /// A scalar, as its text on the wire (`"#3A86FF"`, `10`, a UUID, a date).
    Text(String),
    /// A value of an enum.
    Variant(&'a EnumDef, &'a Variant),
}

/// The example value of a single value of type `ty`; `None` for a type with several values (an
/// object, a list, JSON) or an enum without values.
pub fn sample<'a>(api: &'a Api, ty: &Ty, bounds: Bounds, example: Option<&str>) -> Option<Sample<'a>> {
    let text = |default: &str| Some(Sample::Text(example.unwrap_or(default).to_string()));
    match ty {
        Ty::Enum(name) => {
            let def = api.enums.iter().find(|e| &e.ident == name)?;
            let chosen = example.and_then(|e| def.variants.iter().find(|v| v.wire == e));
            Some(Sample::Variant(def, chosen.or(def.variants.first())?))
        }
        Ty::String => Some(Sample::Text(example.map_or_else(|| default_text(bounds), str::to_string))),
        Ty::Integer => {
            let (min, max) = (bounds.minimum.unwrap_or(i64::MIN), bounds.maximum.unwrap_or(i64::MAX));
            text(&10_i64.clamp(min, max.max(min)).to_string())
        }
        Ty::Number => text("1.5"),
        Ty::Boolean => text("true"),
        Ty::Uuid | Ty::Id(_) => text("550e8400-e29b-41d4-a716-446655440000"),
        Ty::DateTime => text("2024-01-01T00:00:00Z"),
        Ty::Date => text("2024-01-01"),
        Ty::Key(name) => {
            let key = api.keys.iter().find(|k| &k.ident == name)?;
            Some(Sample::Text(example.map_or_else(|| key.text(&key.example), str::to_string)))
        }
        Ty::Json | Ty::File | Ty::Named(_) | Ty::Union(_) | Ty::List(_) | Ty::Map(_) => None,
    }
}

/// `example`, cut or padded to the length the bounds allow.
fn default_text(bounds: Bounds) -> String {
    let word = "example";
    let length = (word.len() as u64).clamp(bounds.min_length.unwrap_or(0), bounds.max_length.unwrap_or(u64::MAX));
    word.chars().chain(std::iter::repeat('x')).take(usize::try_from(length).unwrap_or(usize::MAX)).collect()
}

/// A Rust expression of type `ty` for an example, if one reads naturally: a sample, a value of
/// a type that requests send (built with its `new`), or a union's first alternative.
fn literal(api: &Api, ty: &Ty, bounds: Bounds, example: Option<&str>) -> Option<String> {
    let crate_name = &api.crate_name;
    if let Some(sample) = sample(api, ty, bounds, example) {
        return Some(match (sample, ty) {
            (Sample::Variant(def, variant), _) => format!("{crate_name}::{}::{}", def.ident, variant.ident),
            (Sample::Text(text), Ty::String) => format!("{text:?}"),
            (Sample::Text(text), Ty::Integer | Ty::Number | Ty::Boolean) => text,
            (Sample::Text(text), _) => format!("{text:?}.parse()?"),
        });
    }
    Some(match ty {
        Ty::Named(name) => {
            let def = api.types.iter().find(|t| &t.ident == name && t.sent)?;
            format!("{crate_name}::{name}::new({})", required_args(api, &def.fields).join(", "))
        }
        Ty::Union(name) => {
            let first = api.unions.iter().find(|u| &u.ident == name)?.variants.first()?;
            let value = literal(api, &first.ty, Bounds::default(), None)?;
            // A variant holds its value owned.
            let value = owned(&first.ty, value);
            format!("{crate_name}::{name}::{}({value})", first.ident)
        }
        Ty::List(_) => "Vec::new()".into(),
        Ty::File => format!("{crate_name}::Upload::file(\"report.pdf\").await?"),
        _ => return None,
    })
}

/// `literal`'s expression as an owned value of `ty`: text is a `String`, where a literal is a `&str`.
fn owned(ty: &Ty, literal: String) -> String {
    if *ty == Ty::String { format!("{literal}.to_string()") } else { literal }
}

/// The arguments of a `new` that takes `fields`' required ones: each one's example, in
/// `Some(…)` where it may be `null`.
fn required_args(api: &Api, fields: &[Field]) -> Vec<String> {
    let required = fields.iter().filter(|f| f.presence.is_required());
    required
        .map(|f| {
            let value = literal_or_default(api, &f.ty, f.bounds, f.example.as_deref());
            if f.presence == Presence::RequiredNullable { format!("Some({value})") } else { value }
        })
        .collect()
}

/// A field's example expression, if one reads naturally.
fn field_literal(api: &Api, field: &Field) -> Option<String> {
    literal(api, &field.ty, field.bounds, field.example.as_deref())
}

/// A parameter's example expression; `Default::default()` or `todo!()` where none reads naturally.
fn param_literal(api: &Api, param: &Param) -> String {
    literal_or_default(api, &param.ty, param.bounds, param.example.as_deref())
}

/// `Body::new(…)` followed by a setter for one field and, if there is one, a `clear_…` call.
fn body_expression(api: &Api, body: &Body) -> String {
    let crate_name = api.crate_name.clone();
    let mut text = format!("{crate_name}::{}::new({})", body.ident, required_args(api, &body.fields).join(", "));
    let optional = || body.fields.iter().filter(|f| !f.presence.is_required());
    if let Some((field, value)) = optional().find_map(|f| field_literal(api, f).map(|v| (f, v))) {
        text.push_str(&format!("\n    .{}({value})", field.ident));
    }
    // Clearing a text field reads most naturally; any nullable field will do otherwise.
    let clearable = || body.fields.iter().filter(|f| f.clear_ident.is_some());
    if let Some(field) = clearable().find(|f| f.ty == Ty::String).or_else(|| clearable().next()) {
        text.push_str(&format!("\n    .{}()", field.clear_ident.as_deref().unwrap_or_default()));
    }
    text
}

/// An expression of any type: `todo!()` stands in where no literal reads naturally (an object).
fn literal_or_default(api: &Api, ty: &Ty, bounds: Bounds, example: Option<&str>) -> String {
    match ty {
        Ty::Json => format!("{}::Value::Null", api.crate_name.clone()),
        // Objects only responses hold, and unions of them, have no short literal.
        Ty::Named(_) | Ty::Union(_) => literal(api, ty, bounds, example).unwrap_or_else(|| "todo!()".into()),
        _ => literal(api, ty, bounds, example).unwrap_or_else(|| "Default::default()".into()),
    }
}

/// The example on a body type: building one.
pub fn body_example(api: &Api, body: &Body) -> String {
    let code = format!("let body = {};", body_expression(api, body));
    fenced(&code, None)
}

/// The example on an operation: given a `client` (the crate's front page shows how to build
/// one), a body if any, the call.
pub fn method_example(api: &Api, endpoint: &Endpoint) -> String {
    let crate_name = api.crate_name.clone();
    let mut code = String::new();
    let mut args = path_args(api, endpoint);
    if !endpoint.query_params.is_empty() {
        let required: Vec<String> =
            endpoint.query_params.iter().filter(|p| p.required).map(|p| param_literal(api, p)).collect();
        code.push_str(&format!("let query = {crate_name}::{}::new({});\n", endpoint.query_ident, required.join(", ")));
        args.push("&query".into());
    }
    match &endpoint.request {
        Request::Fields | Request::Form => {
            if let Some(body) = &endpoint.body {
                code.push_str(&format!("let body = {};\n", body_expression(api, body)));
                args.push("&body".into());
            }
        }
        Request::Multipart => {
            if let Some(body) = &endpoint.body {
                code.push_str(&format!("let body = {};\n", body_expression(api, body)));
                args.push("body".into());
            }
        }
        Request::Json { ty, nullable, .. } => {
            // Owned values, so that `&body` is the argument's `&[T]` or `&T` (a string is a `&str`).
            let value = match ty {
                Ty::List(item) => {
                    literal(api, item, Bounds::default(), None).map(|text| format!("vec![{}]", owned(item, text)))
                }
                ty => Some(literal_or_default(api, ty, Bounds::default(), None)),
            };
            let arg = match value {
                Some(value) => {
                    code.push_str(&format!("let body = {value};\n"));
                    if *ty == Ty::String { "body" } else { "&body" }.to_string()
                }
                None => "&[]".to_string(),
            };
            args.push(if *nullable { format!("Some({arg})") } else { arg });
        }
        Request::Text { .. } => args.push("\"Hello\"".into()),
        Request::Bytes { .. } => args.push("std::fs::read(\"file.bin\")?".into()),
    }
    let call = format!("client.{}({}).await?", endpoint.ident, args.join(", "));
    match endpoint.response.ty {
        Some(_) => code.push_str(&format!("let response = {call};\nprintln!(\"{{response:?}}\");")),
        None => code.push_str(&format!("{call};")),
    }
    format!("# Example\n\n{}", fenced(&code, Some(&crate_name)))
}

/// The example on an upload method: a file from disk, its length declared in the body, the call.
pub fn upload_example(api: &Api, endpoint: &Endpoint, upload: &crate::model::Upload) -> String {
    let crate_name = api.crate_name.clone();
    let Some(body) = &endpoint.body else { return String::new() };
    let size = &upload.size.0;
    let required: Vec<String> = body
        .fields
        .iter()
        .filter(|f| f.presence.is_required())
        .zip(required_args(api, &body.fields))
        .map(|(f, value)| if &f.ident == size { "size".to_string() } else { value })
        .collect();
    let setter = if upload.size.1 { String::new() } else { format!(".{size}(size)") };
    let mut args = path_args(api, endpoint);
    args.extend(["&body".to_string(), "file".to_string()]);
    let code = format!(
        "let file = {crate_name}::Upload::file(\"path/to/file\").await?;\n\
         let size = i64::try_from(file.len())?;\n\
         let body = {crate_name}::{}::new({}){setter};\n\
         let uploaded = client.{}({}).await?;\n\
         println!(\"{{uploaded:?}}\");",
        body.ident,
        required.join(", "),
        upload.ident,
        args.join(", ")
    );
    format!("# Example\n\n{}", fenced(&code, Some(&crate_name)))
}

/// The example on a download method: the file read whole.
pub fn download_example(api: &Api, endpoint: &Endpoint, download: &crate::model::Download) -> String {
    let crate_name = api.crate_name.clone();
    let mut code = String::new();
    let mut args = path_args(api, endpoint);
    if !endpoint.query_params.is_empty() {
        code.push_str(&format!("let query = {crate_name}::{}::default();\n", endpoint.query_ident));
        args.push("&query".into());
    }
    code.push_str(&format!(
        "let download = client.{}({}).await?;\n\
         let bytes = download.bytes().await?;\n\
         println!(\"{{}} bytes\", bytes.len());",
        download.ident,
        args.join(", ")
    ));
    format!("# Example\n\n{}", fenced(&code, Some(&crate_name)))
}

/// The example on a `…_stream` method: every item collected.
pub fn stream_example(api: &Api, endpoint: &Endpoint, stream: &str) -> String {
    let crate_name = api.crate_name.clone();
    let mut args = path_args(api, endpoint);
    args.push(format!("&{crate_name}::{}::default()", endpoint.query_ident));
    let code = format!(
        "use futures_util::TryStreamExt;\n\n\
         let stream = client.{stream}({});\n\
         let all: Vec<_> = stream.try_collect().await?;\n\
         # let _ = all;",
        args.join(", ")
    );
    fenced(&code, Some(&crate_name))
}

/// Two examples that must not compile, the proof that the types catch the mistake: the call of
/// the first operation whose path takes two kinds of id, with those ids swapped (`E0308`, a
/// mismatched type), after the same call written right.
pub fn swapped_ids_example(api: &Api) -> Option<String> {
    let crate_name = api.crate_name.clone();
    api.endpoints.iter().find_map(|endpoint| {
        let ids: Vec<usize> = (endpoint.path_params.iter().enumerate())
            .filter(|(_, p)| matches!(p.ty, Ty::Id(_)))
            .map(|(i, _)| i)
            .collect();
        let first = *ids.first()?;
        let second = *ids.iter().find(|&&i| endpoint.path_params[i].ty != endpoint.path_params[first].ty)?;
        let call = |args: &[String]| {
            let mut args = args.to_vec();
            args.extend(endpoint.query_params.first().map(|_| "&query".to_string()));
            args.extend(endpoint.body.as_ref().map(|_| "&body".to_string()));
            format!("client.{}({})", endpoint.ident, args.join(", "))
        };
        let names: Vec<String> = endpoint.path_params.iter().map(|p| crate::names::bare(&p.ident).to_string()).collect();
        let mut swapped = names.clone();
        swapped.swap(first, second);
        let setup = |swapped: &[String]| {
            let lets: Vec<String> = (endpoint.path_params.iter().zip(&names))
                .map(|(p, name)| {
                    // Typed, so that inference cannot adapt the ids to the swapped call.
                    let ty = match &p.ty {
                        Ty::Id(id) => format!(": {crate_name}::{id}"),
                        Ty::Key(key) => format!(": &{crate_name}::{key}"),
                        _ => String::new(),
                    };
                    format!("# let {name}{ty} = {};", argument(api, p))
                })
                .collect();
            let query = endpoint.query_params.first().map(|_| format!("# let query: {crate_name}::{} = todo!();", endpoint.query_ident));
            let body = endpoint.body.as_ref().map(|b| format!("# let body: {crate_name}::{} = todo!();", b.ident));
            let code = lets.into_iter().chain(query).chain(body).chain([format!("let _ = {};", call(swapped))]);
            code.collect::<Vec<_>>().join("\n")
        };
        let (a, b) = (&endpoint.path_params[first], &endpoint.path_params[second]);
        Some(format!(
            "`{method}` takes `{a}` and `{b}` as different types:\n\n{right}\n\nso swapping them does not compile:\n\n{wrong}",
            method = endpoint.ident,
            a = crate::names::bare(&a.ident),
            b = crate::names::bare(&b.ident),
            right = fenced(&setup(&names), Some(&crate_name)),
            wrong = failing("E0308", &setup(&swapped), Some(&crate_name)),
        ))
    })
}

/// A body's `new` without its first required field, which must not compile (`E0061`, a wrong
/// number of arguments): the proof that a required field cannot be forgotten.
pub fn missing_field_example(api: &Api) -> Option<String> {
    let body = api
        .endpoints
        .iter()
        .filter_map(|e| e.body.as_ref())
        .find(|b| b.fields.iter().any(|f| f.presence.is_required()))?;
    let crate_name = api.crate_name.clone();
    let required: Vec<&Field> = body.fields.iter().filter(|f| f.presence.is_required()).collect();
    let all = required_args(api, &body.fields);
    let wrong = format!("let body = {crate_name}::{}::new({});\n# let _ = body;", body.ident, all[1..].join(", "));
    Some(format!(
        "`{body}::new` takes every required field (`{field}` first), so leaving one out does not compile:\n\n{wrong}",
        body = body.ident,
        field = required[0].bare_ident(),
        wrong = failing("E0061", &wrong, None),
    ))
}

/// A bare integer where an enum of codes belongs, which must not compile (`E0308`): the first
/// optional body field whose type is such an enum, set with its code.
pub fn raw_code_example(api: &Api) -> Option<String> {
    let crate_name = api.crate_name.clone();
    let is_code =
        |ty: &Ty| matches!(ty, Ty::Enum(name) if api.enums.iter().any(|e| &e.ident == name && e.repr == Repr::Integer));
    let (body, field) =
        api.endpoints.iter().filter_map(|e| e.body.as_ref()).find_map(|body| {
            body.fields.iter().find(|f| !f.presence.is_required() && is_code(&f.ty)).map(|f| (body, f))
        })?;
    let Ty::Enum(name) = &field.ty else { return None };
    let def = api.enums.iter().find(|e| &e.ident == name)?;
    let variant = def.variants.first()?;
    let new = format!("{crate_name}::{}::new({})", body.ident, required_args(api, &body.fields).join(", "));
    let code = format!("let body = {new}.{}({});\n# let _ = body;", field.ident, variant.wire);
    Some(format!(
        "A coded value is its enum's variant (`.{field}({crate_name}::{name}::{variant})`), never a bare \
         integer, which does not compile:\n\n{wrong}",
        field = field.ident,
        variant = variant.ident,
        wrong = failing("E0308", &code, None),
    ))
}

/// The path parameters' example values, as arguments.
fn path_args(api: &Api, endpoint: &Endpoint) -> Vec<String> {
    endpoint.path_params.iter().map(|p| argument(api, p)).collect()
}

/// A path parameter's example value, as an argument: keys are borrowed (`rust_type::argument`).
fn argument(api: &Api, param: &Param) -> String {
    let value = param_literal(api, param);
    if matches!(param.ty, Ty::Key(_)) { format!("&{value}") } else { value }
}

/// A `no_run` code block that may use `?`; with a crate name, inside an async function that is
/// given a `client`.
fn fenced(code: &str, client_of: Option<&str>) -> String {
    fence("no_run", code, client_of)
}

/// Like [`fenced`], for code that must fail to compile with the error `code`, which rustdoc
/// checks.
fn failing(code: &str, body: &str, client_of: Option<&str>) -> String {
    fence(&format!("compile_fail,{code}"), body, client_of)
}

fn fence(kind: &str, code: &str, client_of: Option<&str>) -> String {
    let header = match client_of {
        Some(crate_name) => {
            format!(
                "# async fn example(\n#     client: &{crate_name}::Client,\n# ) -> Result<(), Box<dyn std::error::Error>> {{"
            )
        }
        // A file is opened with `.await`.
        None if code.contains(".await") => {
            "# async fn example() -> Result<(), Box<dyn std::error::Error>> {".to_string()
        }
        None => "# fn example() -> Result<(), Box<dyn std::error::Error>> {".to_string(),
    };
    format!("```{kind}\n{header}\n{code}\n# Ok(())\n# }}\n```")
}
