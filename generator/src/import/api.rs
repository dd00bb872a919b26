//! The `api` block from the document's `info`, `servers` and security schemes.

use heck::ToSnakeCase;
use serde_json::{Map, Value};

use super::Findings;
use super::document::{Document, Pointer};
use super::draft::ApiDraft;

/// How an operation's security requirement maps onto the spec's two schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// A key in a header.
    ApiKey,
    /// `Authorization: Bearer`: HTTP bearer, OAuth 2 and OpenID Connect.
    Bearer,
    /// Anything the spec cannot express (basic auth, a key in the query or a cookie).
    Other,
}

/// What kind of scheme each name under `components.securitySchemes` is.
pub fn schemes(doc: &Document) -> Vec<(String, Scheme)> {
    let schemes = doc.root.pointer("/components/securitySchemes").and_then(Value::as_object);
    schemes
        .into_iter()
        .flatten()
        .map(|(name, scheme)| {
            let at = Pointer::default().join("components").join("securitySchemes").join(name.clone());
            let scheme = doc.follow(&at, scheme).map(|(_, s)| s).unwrap_or(scheme);
            let field = |key: &str| scheme.get(key).and_then(Value::as_str).unwrap_or_default();
            let kind = match (field("type"), field("in"), field("scheme").to_ascii_lowercase().as_str()) {
                ("apiKey", "header", _) => Scheme::ApiKey,
                ("http", _, "bearer") | ("oauth2" | "openIdConnect", _, _) => Scheme::Bearer,
                _ => Scheme::Other,
            };
            (name.clone(), kind)
        })
        .collect()
}

/// The `api` block.
pub fn api(doc: &Document, findings: &mut Findings) -> ApiDraft {
    let info = doc.root.get("info").and_then(Value::as_object);
    let text =
        |key: &str| info.and_then(|i| i.get(key)).and_then(Value::as_str).map(str::trim).filter(|t| !t.is_empty());
    let info_at = Pointer::default().join("info");
    let title = match text("title") {
        Some(title) => title.to_string(),
        None => {
            findings.warn(&info_at, "the document has no `info.title`; the API is called `API`");
            "API".to_string()
        }
    };
    let name = machine_name(&title);
    let mut api = ApiDraft {
        comments: vec![format!("`name` is made from the title; it names the crate (`{name}_client`).")],
        name,
        title,
        description: text("description").map(str::to_string),
        ..ApiDraft::default()
    };
    // The crate's version is its own (its Cargo.toml's); the API's is worth knowing beside it.
    if let Some(version) = info
        .and_then(|i| i.get("version"))
        .and_then(|v| v.as_str().map(str::to_string).or(v.as_f64().map(|n| n.to_string())))
    {
        api.comments.push(format!("Version {} of the API in the document.", version.trim()));
    }
    base_url(doc, &mut api, findings);
    auth(doc, &mut api, findings);
    editions(doc, &mut api);
    api
}

/// The editions and the not-served answer, as this generator's own documents write them.
fn editions(doc: &Document, api: &mut ApiDraft) {
    let editions = doc.root.pointer("/info/x-editions").and_then(Value::as_object).into_iter().flatten();
    let text = |edition: &Value, key: &str| edition.get(key).and_then(Value::as_str).map(str::trim).map(str::to_string);
    api.editions = editions
        .filter_map(|(name, edition)| {
            let description = text(edition, "description").filter(|d| !d.is_empty());
            Some((name.clone(), text(edition, "title")?, description))
        })
        .collect();
    let not_served = doc.root.get("x-not-served");
    let status = not_served.and_then(|n| n.get("status")).and_then(Value::as_u64);
    api.not_served = status.zip(not_served.and_then(|n| n.get("body")).cloned());
}

/// Words of a title that say nothing about which API it is.
const FILLER: &[&str] =
    &["the", "a", "an", "api", "apis", "rest", "restful", "http", "openapi", "swagger", "service", "server", "web"];

/// A short snake_case name from the title: "The Plane REST API" → `plane`.
fn machine_name(title: &str) -> String {
    // Filler is dropped by whole words first, so that `OpenAPI` does not become `open`.
    let kept: Vec<&str> =
        title.split(|c: char| !c.is_alphanumeric()).filter(|w| !FILLER.contains(&w.to_lowercase().as_str())).collect();
    let snake = kept.join(" ").to_snake_case();
    let words: Vec<&str> = snake
        .split('_')
        .filter(|w| {
            !w.is_empty() && !FILLER.contains(w) && !w.starts_with(|c: char| c.is_ascii_digit()) && !is_version(w)
        })
        .take(3)
        .collect();
    let name = words.join("_");
    match crate::names::snake(&name) {
        Ok(ident) if ident == name => name,
        _ => "api".to_string(),
    }
}

fn is_version(word: &str) -> bool {
    word.strip_prefix('v').is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
}

/// The first `https` server (else the first `http` one), its variables filled with their defaults.
fn base_url(doc: &Document, api: &mut ApiDraft, findings: &mut Findings) {
    let servers: Vec<(usize, String)> = doc
        .root
        .get("servers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, server)| Some((i, fill_variables(server.get("url")?.as_str()?, server.get("variables")))))
        .collect();
    let chosen =
        ["https://", "http://"].into_iter().find_map(|scheme| servers.iter().find(|(_, url)| url.starts_with(scheme)));
    match chosen {
        Some((_, url)) => {
            api.base_url = url.clone();
            let others: Vec<&str> = servers.iter().filter(|(_, u)| u != url).map(|(_, u)| u.as_str()).collect();
            if !others.is_empty() {
                api.comments.push(format!("Other servers in the document: {}.", others.join(", ")));
            }
        }
        None => {
            let at = Pointer::default().join("servers");
            let why = match servers.first() {
                Some((_, url)) => format!("the server `{url}` is not an absolute http(s) URL"),
                None => "the document names no server".to_string(),
            };
            findings.warn_help(&at, format!("{why}; `base_url` is a placeholder"), "set `base_url` in the api file");
            api.base_url = "https://api.example.com".to_string();
            api.comments.push(format!("A placeholder: {why}."));
        }
    }
}

/// A server URL with each `{variable}` replaced by its default.
fn fill_variables(url: &str, variables: Option<&Value>) -> String {
    let mut url = url.trim_end_matches('/').to_string();
    for (name, variable) in variables.and_then(Value::as_object).into_iter().flat_map(Map::iter) {
        if let Some(default) = variable.get("default").and_then(Value::as_str) {
            url = url.replace(&format!("{{{name}}}"), default);
        }
    }
    url
}

fn auth(doc: &Document, api: &mut ApiDraft, findings: &mut Findings) {
    let base = Pointer::default().join("components").join("securitySchemes");
    for (name, kind) in schemes(doc) {
        let at = base.join(name.clone());
        match kind {
            Scheme::ApiKey => {
                let header = doc.get(&at).and_then(|s| s.get("name")).and_then(Value::as_str).unwrap_or_default();
                match &api.api_key {
                    None if !crate::lower::is_header_name(header) => {
                        findings.warn(&at, format!("the API key header `{header}` is not a name the client can send"));
                    }
                    None => api.api_key = Some(header.to_string()),
                    Some(first) => findings.warn(
                        &at,
                        format!("only one API key header is supported; `{first}` is used, `{header}` is not"),
                    ),
                }
            }
            Scheme::Bearer => api.bearer = true,
            Scheme::Other => findings.warn(
                &at,
                format!("security scheme `{name}` is not supported (only API keys in a header and bearer tokens are)"),
            ),
        }
    }
    if api.api_key.is_none() && !api.bearer {
        let at = Pointer::default().join("components");
        findings.warn_help(
            &at,
            "the document declares no usable security scheme; bearer tokens are assumed",
            "the spec needs one scheme; edit `auth` in the api file",
        );
        api.bearer = true;
        api.comments.push("The document declares no usable security scheme; the spec needs one.".to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_titles() {
        assert_eq!(machine_name("The Plane REST API"), "plane");
        assert_eq!(machine_name("Plane API"), "plane");
        assert_eq!(machine_name("Swagger Petstore - OpenAPI 3.0"), "petstore");
        assert_eq!(machine_name("API"), "api");
        assert_eq!(machine_name("Stripe API v1"), "stripe");
    }
}
