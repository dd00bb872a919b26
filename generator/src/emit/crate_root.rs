//! `src/lib.rs`: the crate's front page (from the spec's prose and its list of operations), the
//! module tree, the re-exports a consumer uses, and the facts from the spec that the hand-written
//! runtime reads (default base URL, auth header).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use crate::model::{Api, Auth, ClientAuth, OAuth};
use crate::runtime;

/// The operations as one table per module, modules in order, so a reader finds one by resource.
fn operations_by_module(api: &Api) -> String {
    let tables: Vec<String> = api
        .modules
        .iter()
        .filter(|m| api.endpoints.iter().any(|e| e.module == m.ident))
        .map(|module| {
            let rows: Vec<String> = api
                .endpoints
                .iter()
                .filter(|e| e.module == module.ident)
                .flat_map(|e| {
                    let row = format!(
                        "| [`{0}`](Client::{0}) | `{1} {2}` | {3} |",
                        e.ident,
                        e.method.as_str(),
                        e.path,
                        e.summary
                    );
                    let upload = e.upload.as_ref().map(|u| {
                        format!(
                            "| [`{0}`](Client::{0}) | `{1}`, the storage, `{2}` | Upload a file in one call |",
                            u.ident, e.ident, u.confirm.endpoint
                        )
                    });
                    let download = e.download.as_ref().map(|d| {
                        format!(
                            "| [`{0}`](Client::{0}) | `{1}`, the storage | Download a file in one call |",
                            d.ident, e.ident
                        )
                    });
                    std::iter::once(row).chain(upload).chain(download)
                })
                .collect();
            let feature = crate::names::feature(module.bare_ident());
            format!(
                "### [`{0}`] (feature `{feature}`)\n\n| Method | HTTP | Summary |\n|---|---|---|\n{1}",
                module.ident,
                rows.join("\n")
            )
        })
        .collect();
    tables.join("\n\n")
}

/// The crate documentation and crate-level lints.
pub fn inner_attributes(api: &Api) -> TokenStream {
    let crate_name = &api.crate_name;
    let operations = operations_by_module(api);
    let auth: Vec<String> = api
        .auth
        .iter()
        .map(|a| match a {
            Auth::ApiKey { header } => format!(
                "- an API key, sent as `{header}`: [`ClientBuilder::api_key`] (`{}` for [`Client::from_env`])",
                crate::names::api_key_variable(&api.name)
            ),
            Auth::Bearer => format!(
                "- an OAuth access token, sent as `Authorization: Bearer`: [`ClientBuilder::bearer_token`] (`{}` \
                 for [`Client::from_env`])",
                crate::names::access_token_variable(&api.name)
            ),
        })
        .collect();
    let key_var = crate::names::api_key_variable(&api.name);
    let text = format!(
        "# {title}\n\n{description}\n\n\
         ## Getting started\n\n\
         ```no_run\n\
         # async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
         let client = {crate_name}::Client::builder()\n    .api_key(std::env::var(\"{key_var}\")?)\n    .build()?;\n\
         # let _ = client;\n# Ok(())\n# }}\n\
         ```\n\n\
         The client talks to `{base_url}` unless [`ClientBuilder::base_url`] names another server \
         (a self-hosted instance, say; `{base_url_var}` for [`Client::from_env`]). It authenticates \
         with one of:\n\n{auth}\n\n\
         {oauth}\n\n\
         ## Operations\n\n\
         Each module holds one resource's types and the request types of its operations; \
         everything is also re-exported at the crate's root. The operations, by module:\n\n\
         {operations}\n\n\
         ## Features\n\n\
         Each module is behind a cargo feature of its name, with `-` for `_`, and every feature is on \
         by default. A program that needs a few resources compiles only those: \
         `default-features = false, features = [{example}]`. A feature also turns on the features of \
         the modules whose types its own use.\n\n\
         ## Updating fields\n\n\
         Request bodies are builders: a field that is never set is not sent. Nullable fields are a \
         [`Patch`], so an update can leave a field alone, set it, or clear it to `null`.{missing}\n\n\
         ## Calls\n\n\
         Every operation returns a [`Call`]: awaited, it gives the value. Its options change how that \
         one call is sent ([`Call::timeout`], [`Call::retry`], [`Call::pace`], [`Call::header`], \
         [`Call::max_response_bytes`]), and [`Call::exchange`] gives the response's status, headers, \
         attempts, elapsed time, rate-limit figures and request id beside the value. \
         [`Client::request`] makes the same call for a path this crate does not describe.\n\n\
         ## Retries, timeouts and rate limits\n\n\
         Calls are retried by default, safely: a 429 always (after `Retry-After`, or until \
         `X-RateLimit-Reset`), 502/503/504 for every method but `POST`, and connection failures before \
         anything was sent; at most 3 retries with jittered exponential backoff (500 ms doubling, \
         capped at 30 s), and never past a 2-minute deadline per call. See [`RetryPolicy`] to change \
         or turn this off. Each attempt times out after 60 s (10 s to connect); see \
         [`ClientBuilder::timeout`]. After each call, [`Client::rate_limit`] tells how many requests \
         are left in the current window and when it resets, so a bulk job can pace itself.\n\n\
         Every attempt is traced with [`tracing`](https://docs.rs/tracing) (method, path template, \
         status, attempt, elapsed time; retries at `info`), never with the key, the token or a body.\n\n\
         ## Errors\n\n\
         Every call fails with an [`Error`]: the server's answer with its status and parsed error body \
         ([`ApiError`]), a transport failure, or a response that did not decode (with the JSON path \
         that failed).",
        key_var = key_var,
        base_url_var = crate::names::base_url_variable(&api.name),
        title = api.title,
        description = api.description.trim(),
        base_url = api.base_url,
        auth = auth.join("\n"),
        oauth = oauth_section(api),
        operations = operations,
        example = feature_example(api),
        missing = [super::examples::missing_field_example(api), super::examples::raw_code_example(api)]
            .into_iter()
            .flatten()
            .map(|e| format!("\n\n{e}"))
            .collect::<String>(),
    );
    let doc = docs::inner(&text);
    quote! {
        #doc
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]
    }
}

/// The front page's section on OAuth applications: which servers offer them (the spec's words),
/// the grants, and an example with the parameters the API requires. The runtime's OAuth types
/// link here, since only the spec knows these facts.
fn oauth_section(api: &Api) -> String {
    let title = "## OAuth applications\n\n";
    let Some(oauth) = &api.oauth else {
        return format!(
            "{title}This API offers no OAuth applications: [`ClientBuilder::oauth`] refuses to build a client \
             with an [`OAuthApp`]'s tokens."
        );
    };
    let how = |auth: ClientAuth| match auth {
        ClientAuth::Basic => "the application's id and secret sent as `Authorization: Basic`",
        ClientAuth::Body => "the application's id and secret in the form",
    };
    let mut grants = Vec::new();
    let mut params = String::new();
    if let Some((auth, required)) = &oauth.client_credentials {
        let list: Vec<String> = required.iter().map(|(name, doc)| format!("`{name}` ({})", doc.trim())).collect();
        let needs = match list.as_slice() {
            [] => String::new(),
            list => format!(", with the form parameter(s) {}, set with [`TokenSource::param`]", list.join(", ")),
        };
        grants.push(format!(
            "- **client credentials**, a token for the application itself: [`OAuthApp::client_credentials`] \
             ({}){needs}.",
            how(*auth)
        ));
        params = required.iter().map(|(name, _)| format!(".param(\"{name}\", \"…\")")).collect();
    }
    if let Some(auth) = oauth.authorization_code {
        let refresh = match oauth.refresh_token {
            Some(refresh) => format!("refreshed with the refresh-token grant ({})", how(refresh)),
            None => "not refreshed: the API offers no refresh-token grant".to_string(),
        };
        grants.push(format!(
            "- **authorization code**, tokens for a user: [`OAuthApp::authorization`] makes the consent \
             screen's URL (`{}`) with a random `state`, [`OAuthApp::exchange_code`] turns the code the user \
             comes back with into tokens ({}), and [`OAuthApp::user_tokens`] uses them, {refresh}.",
            oauth.authorize_path.as_deref().unwrap_or_default(),
            how(auth)
        ));
    }
    let source = if oauth.client_credentials.is_some() {
        format!("app.client_credentials(){params}")
    } else {
        "app.user_tokens(tokens)".to_string()
    };
    let setup = if oauth.client_credentials.is_some() {
        String::new()
    } else {
        "# let tokens = app.exchange_code(\"code\", \"https://example.com/callback\").await?;\n".to_string()
    };
    format!(
        "{title}{description}The client takes an [`OAuthApp`]'s tokens from the token endpoint `{token_path}` \
         when first needed, refreshes them before they expire and once after a `401` answer (then sends the \
         request again, once), with one token request in flight however many tasks share the client. \
         Tokens never show in `Debug` output, errors or traces. The grants:\n\n{grants}\n\n\
         ```no_run\n\
         # async fn example() -> Result<(), Box<dyn std::error::Error>> {{\n\
         use {crate_name}::{{Client, OAuthApp}};\n\n\
         let app = OAuthApp::new(std::env::var(\"{id_var}\")?, std::env::var(\"{secret_var}\")?);\n\
         {setup}\
         let client = Client::builder().oauth({source}).build()?;\n\
         # let _ = client;\n# Ok(())\n# }}\n\
         ```",
        description = match oauth.description.trim() {
            "" => String::new(),
            text => format!("{text}\n\n"),
        },
        token_path = oauth.token_path,
        grants = grants.join("\n"),
        crate_name = api.crate_name,
        id_var = crate::names::oauth_variable(&api.name, "CLIENT_ID"),
        secret_var = crate::names::oauth_variable(&api.name, "CLIENT_SECRET"),
    )
}

/// Two of the crate's features, quoted, for the docs' example.
fn feature_example(api: &Api) -> String {
    let features = api.modules.iter().take(2).map(|m| format!("\"{}\"", crate::names::feature(m.bare_ident())));
    features.collect::<Vec<_>>().join(", ")
}

/// Modules and re-exports, in the order rustfmt keeps them: `cargo fmt` leaves this file alone
/// and skips the generated modules, whose layout prettyplease owns.
pub fn items(api: &Api) -> Vec<TokenStream> {
    let skip = quote!(#[rustfmt::skip]);
    // (name, declaration) of every module: the hand-written runtime and one per spec file.
    // The runtime's `webhook` compiles with the feature of the module that declares the webhooks.
    let runtime_cfg = |m: &runtime::Module| {
        let module =
            api.webhooks.as_ref().filter(|_| m.webhooks).map(|w| crate::names::feature(crate::names::bare(&w.module)));
        module.map(|feature| quote!(#[cfg(feature = #feature)]))
    };
    let runtime_modules = || runtime::modules(api.webhooks.is_some());
    let mut modules: Vec<(String, TokenStream)> = runtime_modules()
        .map(|m| {
            let (ident, cfg) = (format_ident!("{}", m.name), runtime_cfg(m));
            (m.name.to_string(), quote!(#cfg mod #ident;))
        })
        .collect();
    let spec = format_ident!("{}", runtime::SPEC_MODULE);
    modules.push((runtime::SPEC_MODULE.into(), quote!(#skip mod #spec;)));
    let runtime_uses = runtime_modules().filter(|m| !m.exports.is_empty()).map(|m| {
        let cfg = runtime_cfg(m);
        let uses = use_items(m.name, m.exports, None);
        (m.name.to_string(), quote!(#cfg #uses))
    });
    let dependency_uses = runtime::DEPENDENCY_EXPORTS.iter().map(|d| {
        let root = d.path.split("::").next().unwrap_or(d.path);
        (root.to_string(), use_items(d.path, d.items, Some(d.doc)))
    });
    let mut uses: Vec<(String, TokenStream)> = runtime_uses.chain(dependency_uses).collect();
    if !api.ids.is_empty() {
        let ident = format_ident!("{}", crate::names::IDS_MODULE);
        let doc = docs::outer("The id of each resource, a type of its own.");
        modules.push((ident.to_string(), quote!(#doc #skip pub mod #ident;)));
        uses.push((ident.to_string(), quote!(pub use #ident::*;)));
    }
    for module in &api.modules {
        let ident = format_ident!("{}", module.ident);
        // The first paragraph of the module's docs, as one line.
        let summary =
            module.doc.split("\n\n").next().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
        let doc = docs::outer(&summary);
        let name = module.bare_ident().to_string();
        let feature = crate::names::feature(&name);
        let cfg = quote!(#[cfg(feature = #feature)]);
        modules.push((name.clone(), quote!(#doc #cfg #skip pub mod #ident;)));
        uses.push((name, quote!(#cfg pub use #ident::*;)));
    }
    modules.sort_by(|a, b| a.0.cmp(&b.0));
    uses.sort_by(|a, b| a.0.cmp(&b.0));
    modules.into_iter().chain(uses).map(|(_, item)| item).collect()
}

/// `pub use path::{items};` (`pub use path;` without items), with its docs.
fn use_items(path: &str, items: &[&str], doc: Option<&str>) -> TokenStream {
    let doc = doc.map(docs::outer);
    // prettyplease breaks a list past its margin (89 columns) that rustfmt would join (up to
    // 120): such a list is left as printed, so that `cargo fmt` does not undo the generator.
    let one_line = format!("pub use {path}::{{{}}};", items.join(", "));
    let skip = (items.len() > 1 && one_line.len() > 80).then(|| quote!(#[rustfmt::skip]));
    let path = path.split("::").map(|segment| format_ident!("{}", segment));
    let items: Vec<_> = items.iter().map(|item| format_ident!("{}", item)).collect();
    match items.as_slice() {
        [] => quote!(#doc pub use #(#path)::*;),
        [one] => quote!(#doc pub use #(#path::)* #one;),
        many => quote!(#doc #skip pub use #(#path::)* {#(#many),*};),
    }
}

/// `src/spec.rs`: facts from the spec that the hand-written runtime reads.
pub fn spec_constants(api: &Api) -> Vec<TokenStream> {
    let base_url = &api.base_url;
    let header = api.auth.iter().find_map(|a| match a {
        Auth::ApiKey { header } => Some(header.as_str()),
        Auth::Bearer => None,
    });
    let bearer = api.auth.contains(&Auth::Bearer);
    let api_key_header = optional(header);
    let api_key_variable = optional(header.map(|_| crate::names::api_key_variable(&api.name)).as_deref());
    let token_variable = optional(bearer.then(|| crate::names::access_token_variable(&api.name)).as_deref());
    let base_url_variable = crate::names::base_url_variable(&api.name);
    let oauth = oauth_constant(api.oauth.as_ref());
    let oauth_type = runtime::internal::oauth_spec();
    let not_served = match &api.not_served {
        Some((status, body)) => quote!(Some((#status, #body))),
        None => quote!(None),
    };
    vec![quote! {
        /// Where the API lives unless the client is told otherwise.
        pub const DEFAULT_BASE_URL: &str = #base_url;
        /// The header that carries an API key, if the API accepts one.
        pub const API_KEY_HEADER: Option<&str> = #api_key_header;
        /// Whether the API accepts `Authorization: Bearer` tokens.
        pub const BEARER: bool = #bearer;
        /// The environment variable `Client::from_env` reads the base URL from.
        pub const BASE_URL_VARIABLE: &str = #base_url_variable;
        /// The environment variable `Client::from_env` reads an API key from, if the API takes one.
        pub const API_KEY_VARIABLE: Option<&str> = #api_key_variable;
        /// The environment variable `Client::from_env` reads a bearer token from, if the API takes one.
        pub const ACCESS_TOKEN_VARIABLE: Option<&str> = #token_variable;
        /// The API's OAuth token endpoint and grants, if its server offers OAuth applications.
        pub const OAUTH: Option<#oauth_type> = #oauth;
        /// How a server answers a path it does not route (an operation its edition does not
        /// serve): the status and the JSON body, if the spec says.
        pub const NOT_SERVED: Option<(u16, &str)> = #not_served;
    }]
}

/// The `OAUTH` constant's value: the runtime's description of the token endpoint, or `None`.
fn oauth_constant(oauth: Option<&OAuth>) -> TokenStream {
    let Some(oauth) = oauth else { return quote!(None) };
    let ty = runtime::internal::oauth_spec();
    let auth = |auth: Option<ClientAuth>| match auth {
        Some(auth) => {
            let auth = runtime::internal::client_auth(auth == ClientAuth::Basic);
            quote!(Some(#auth))
        }
        None => quote!(None),
    };
    let token_path = &oauth.token_path;
    let authorize_path = optional(oauth.authorize_path.as_deref());
    let client_credentials = auth(oauth.client_credentials.as_ref().map(|(auth, _)| *auth));
    let params: Vec<&str> =
        oauth.client_credentials.iter().flat_map(|(_, params)| params.iter().map(|(name, _)| name.as_str())).collect();
    let authorization_code = auth(oauth.authorization_code);
    let refresh_token = auth(oauth.refresh_token);
    quote! {
        Some(#ty {
            token_path: #token_path,
            authorize_path: #authorize_path,
            client_credentials: #client_credentials,
            client_credentials_params: &[#(#params),*],
            authorization_code: #authorization_code,
            refresh_token: #refresh_token,
        })
    }
}

/// `Some("text")` or `None`, as an `Option<&str>` constant's value.
pub(super) fn optional(text: Option<&str>) -> TokenStream {
    match text {
        Some(text) => quote!(Some(#text)),
        None => quote!(None),
    }
}
