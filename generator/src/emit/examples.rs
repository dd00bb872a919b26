//! The `no_run` examples in the generated docs. They are compiled by `cargo test` as doc tests,
//! so every example is checked against the crate it documents.

use crate::model::{Api, Body, Endpoint, Ty};

/// A Rust expression of type `ty` for an example, if one reads naturally.
fn literal(api: &Api, ty: &Ty, example: Option<&str>) -> Option<String> {
    Some(match (ty, example) {
        (Ty::Enum(name), _) => {
            let first = &api.enums.iter().find(|e| &e.ident == name)?.variants.first()?.ident;
            format!("{}::{name}::{first}", api.crate_name.clone())
        }
        (Ty::Union(name), _) => {
            let first = api.unions.iter().find(|u| &u.ident == name)?.variants.first()?;
            format!("{}::{name}::{}({})", api.crate_name.clone(), first.ident, literal(api, &first.ty, None)?)
        }
        (Ty::List(_), _) => "Vec::new()".into(),
        (Ty::String, Some(text)) => format!("{text:?}"),
        (Ty::String, None) => "\"example\"".into(),
        (Ty::Integer, _) => example.and_then(|e| e.parse::<i64>().ok()).unwrap_or(10).to_string(),
        (Ty::Number, _) => "1.5".into(),
        (Ty::Boolean, _) => "true".into(),
        (Ty::Uuid, _) => format!("{:?}.parse()?", example.unwrap_or("550e8400-e29b-41d4-a716-446655440000")),
        (Ty::DateTime, _) => format!("{:?}.parse()?", example.unwrap_or("2024-01-01T00:00:00Z")),
        (Ty::Date, _) => format!("{:?}.parse()?", example.unwrap_or("2024-01-01")),
        _ => return None,
    })
}

/// `Body::new(…)` followed by a setter for one field and, if there is one, a `clear_…` call.
fn body_expression(api: &Api, body: &Body) -> String {
    let crate_name = api.crate_name.clone();
    let required: Vec<String> =
        body.fields.iter().filter(|f| f.presence.is_required()).map(|f| literal_or_default(api, &f.ty, None)).collect();
    let mut text = format!("{crate_name}::{}::new({})", body.ident, required.join(", "));
    let optional = || body.fields.iter().filter(|f| !f.presence.is_required());
    if let Some((field, value)) = optional().find_map(|f| literal(api, &f.ty, None).map(|v| (f, v))) {
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
fn literal_or_default(api: &Api, ty: &Ty, example: Option<&str>) -> String {
    match ty {
        Ty::Json => format!("{}::Value::Null", api.crate_name.clone()),
        // Objects, and unions of them, have no short literal.
        Ty::Named(_) | Ty::Union(_) => literal(api, ty, example).unwrap_or_else(|| "todo!()".into()),
        _ => literal(api, ty, example).unwrap_or_else(|| "Default::default()".into()),
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
        let required: Vec<String> = endpoint
            .query_params
            .iter()
            .filter(|p| p.required)
            .map(|p| literal_or_default(api, &p.ty, p.example.as_deref()))
            .collect();
        code.push_str(&format!("let query = {crate_name}::{}::new({});\n", endpoint.query_ident, required.join(", ")));
        args.push("&query".into());
    }
    if let Some(body) = &endpoint.body {
        code.push_str(&format!("let body = {};\n", body_expression(api, body)));
        args.push("&body".into());
    }
    let call = format!("client.{}({}).await?", endpoint.ident, args.join(", "));
    match endpoint.response.ty {
        Some(_) => code.push_str(&format!("let response = {call};\nprintln!(\"{{response:?}}\");")),
        None => code.push_str(&format!("{call};")),
    }
    format!("# Example\n\n{}", fenced(&code, Some(&crate_name)))
}

/// The example on a `…_stream` method: every item collected.
pub fn stream_example(api: &Api, endpoint: &Endpoint, stream: &str) -> String {
    let crate_name = api.crate_name.clone();
    let mut args = path_args(api, endpoint);
    args.push(format!("{crate_name}::{}::default()", endpoint.query_ident));
    let code = format!(
        "use futures_util::TryStreamExt;\n\n\
         let stream = client.{stream}({});\n\
         let all: Vec<_> = stream.try_collect().await?;\n\
         # let _ = all;",
        args.join(", ")
    );
    fenced(&code, Some(&crate_name))
}

/// The path parameters' example values, as arguments.
fn path_args(api: &Api, endpoint: &Endpoint) -> Vec<String> {
    endpoint.path_params.iter().map(|p| literal_or_default(api, &p.ty, p.example.as_deref())).collect()
}

/// A `no_run` code block that may use `?`; with a crate name, inside an async function that is
/// given a `client`.
fn fenced(code: &str, client_of: Option<&str>) -> String {
    let header = match client_of {
        Some(crate_name) => {
            format!(
                "# async fn example(\n#     client: &{crate_name}::Client,\n# ) -> Result<(), Box<dyn std::error::Error>> {{"
            )
        }
        None => "# fn example() -> Result<(), Box<dyn std::error::Error>> {".to_string(),
    };
    format!("```no_run\n{header}\n{code}\n# Ok(())\n# }}\n```")
}
