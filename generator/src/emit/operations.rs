//! The operations: one method on `Client` per endpoint, returning the runtime's `Call` (their
//! body and query types are [`structs`](super::structs)). The methods only describe the request;
//! sending, options, errors and decoding live in the crate's hand-written runtime (`call.rs`,
//! `client.rs`), written once and tested once.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use super::{docs, examples, rust_type, transfers};
use crate::model::{Api, Bounds, Endpoint, Location, Param, Presence, Request, Ty};
use crate::runtime;

/// The methods of operations: an `impl Client` block for each, with its method and, for a list,
/// its stream method.
pub fn impls(api: &Api, endpoints: &[&Endpoint]) -> Vec<TokenStream> {
    endpoints
        .iter()
        .map(|e| {
            let methods = method(api, e);
            quote!(impl crate::Client { #methods })
        })
        .collect()
}

fn method(api: &Api, endpoint: &Endpoint) -> TokenStream {
    let ident = format_ident!("{}", endpoint.ident);
    let doc = docs::outer(&method_doc(api, endpoint));
    let (route, param) = (runtime::internal::route(), runtime::internal::param());
    let path_args = endpoint.path_params.iter().map(|p| {
        let ident = format_ident!("{}", p.ident);
        let ty = rust_type::argument(&p.ty);
        quote!(#ident: #ty)
    });
    let query_arg = (!endpoint.query_params.is_empty()).then(|| {
        let ty = format_ident!("{}", endpoint.query_ident);
        quote!(query: &crate::#ty)
    });
    let body_arg = body_argument(endpoint);
    let args = path_args.chain(query_arg).chain(body_arg);
    let path_params = endpoint.path_params.iter().map(|p| {
        let wire = &p.wire;
        let ident = format_ident!("{}", p.ident);
        let path = runtime::internal::path_param();
        match p.ty {
            Ty::String => quote!(.#path(#wire, #ident)),
            // Borrowed already (`rust_type::argument`).
            Ty::Key(_) => quote!(.#path(#wire, #param(#ident))),
            _ => quote!(.#path(#wire, #param(&#ident))),
        }
    });
    let pair = |p: &Param| {
        let wire = &p.wire;
        let ident = format_ident!("{}", p.ident);
        if p.ty.is_single_param() {
            let add = runtime::internal::query_param(p.sent_in);
            let value = if p.required {
                quote!(Some(#param(&query.#ident)))
            } else {
                quote!(query.#ident.as_ref().map(#param))
            };
            return quote!(.#add(#wire, #value));
        }
        // A list or map: `call::list` (or `map`, or a header's `joined`) of the value.
        let (add, value) = if p.required {
            let (add, made) = runtime::internal::many(&p.ty, p.style, quote!(&query.#ident));
            (add, quote!(Some(#made)))
        } else {
            let (add, made) = runtime::internal::many(&p.ty, p.style, quote!(v));
            (add, quote!(query.#ident.as_ref().map(|v| #made)))
        };
        quote!(.#add(#wire, #value))
    };
    let query = endpoint.query_params.iter().filter(|p| p.sent_in == Location::Query).map(pair);
    let headers = endpoint.query_params.iter().filter(|p| p.sent_in != Location::Query).map(pair);
    // Bounds are checked on the route, so the error names the call; nothing is sent past them.
    let query_checks = endpoint.query_params.iter().map(|p| {
        let presence = if p.required { Presence::Required } else { Presence::Optional };
        bounds_check(quote!(query), &p.wire, &p.ident, &p.ty, presence, p.bounds)
    });
    let body_checks = endpoint
        .body
        .iter()
        .flat_map(|b| &b.fields)
        .map(|f| bounds_check(quote!(body), &f.wire, &f.ident, &f.ty, f.presence, f.bounds));
    let checks = query_checks.chain(body_checks);
    let method = format_ident!("{}", endpoint.method.as_str());
    let template = &endpoint.path;
    let json = endpoint.response.ty.is_some();
    let output = match &endpoint.response.ty {
        Some(ty) if endpoint.response.paginated => {
            let item = rust_type::tokens(ty);
            quote!(crate::Page<#item>)
        }
        Some(ty) => rust_type::tokens(ty),
        None => quote!(()),
    };
    let call = match encoded_body(endpoint) {
        Some(body) => {
            let call = runtime::internal::call_with();
            quote!(let body = #body; self.#call(route, body, #json))
        }
        None => {
            let call = runtime::internal::call(json);
            let body = if endpoint.body.is_some() { quote!(Some(body)) } else { runtime::internal::no_body() };
            quote!(self.#call(route, #body))
        }
    };
    let stream = endpoint
        .response
        .ty
        .as_ref()
        .filter(|_| endpoint.response.paginated)
        .map(|item| stream_method(api, endpoint, item));
    let upload = endpoint.upload.as_ref().map(|upload| transfers::upload_method(api, endpoint, upload));
    let download = endpoint.download.as_ref().map(|download| transfers::download_method(api, endpoint, download));
    quote! {
        #doc
        pub fn #ident(&self, #(#args),*) -> crate::Call<'_, #output> {
            let route = #route::new(::reqwest::Method::#method, #template)
                #(#path_params)*
                #(#query)*
                #(#headers)*
                #(#checks)*;
            #call
        }

        #stream

        #upload

        #download
    }
}

/// The method's body argument: the `body` fields' struct (for JSON or a form), or what a body
/// of another kind takes.
fn body_argument(endpoint: &Endpoint) -> Option<TokenStream> {
    match &endpoint.request {
        Request::Fields | Request::Form => endpoint.body.as_ref().map(|b| {
            let ty = format_ident!("{}", b.ident);
            quote!(body: &crate::#ty)
        }),
        Request::Json { ty, nullable, .. } => {
            let borrowed = match ty {
                Ty::List(item) => {
                    let item = rust_type::tokens(item);
                    quote!(&[#item])
                }
                Ty::String => quote!(&str),
                ty => {
                    let ty = rust_type::tokens(ty);
                    quote!(&#ty)
                }
            };
            Some(if *nullable { quote!(body: Option<#borrowed>) } else { quote!(body: #borrowed) })
        }
        Request::Text { .. } => Some(quote!(body: &str)),
        Request::Bytes { .. } => Some(quote!(body: impl Into<::bytes::Bytes>)),
        // By value: its files are read as the body is sent.
        Request::Multipart => endpoint.body.as_ref().map(|b| {
            let ty = format_ident!("{}", b.ident);
            quote!(body: crate::#ty)
        }),
    }
}

/// The body of a request that is not a JSON object of fields, encoded by the runtime's `Body`
/// (which needs the route, for its errors); `None` for the fields' JSON, which `call_json` encodes.
fn encoded_body(endpoint: &Endpoint) -> Option<TokenStream> {
    let body = runtime::internal::body();
    Some(match &endpoint.request {
        Request::Fields => return None,
        Request::Form => quote!(#body::form(&route, body)),
        Request::Json { nullable: true, .. } => quote!(#body::json(&route, &body)),
        Request::Json { .. } => quote!(#body::json(&route, body)),
        Request::Text { .. } => quote!(#body::text(body)),
        Request::Bytes { media_type, .. } => quote!(#body::bytes(body, #media_type)),
        Request::Multipart => {
            let multipart = runtime::internal::multipart();
            let files = endpoint.body.iter().flat_map(|b| &b.fields).filter(|f| f.ty.holds_file()).map(file_part);
            quote!(#multipart::fields(&route, &body).map(|mut form| { #(#files)* form }).and_then(#body::multipart))
        }
    })
}

/// The statement that adds a multipart body's file field to `form`: its part, or a part per
/// file of a list; none while it is `None`.
fn file_part(field: &crate::model::Field) -> TokenStream {
    let (ident, wire) = (format_ident!("{}", field.ident), &field.wire);
    let files = match (matches!(field.ty, Ty::List(_)), field.presence == Presence::Required) {
        (false, true) => return quote!(form.file(#wire, body.#ident);),
        (false, false) => quote!(body.#ident),
        (true, true) => quote!(body.#ident),
        (true, false) => quote!(body.#ident.into_iter().flatten()),
    };
    quote!(for file in #files { form.file(#wire, file); })
}

/// `.check_…(…)` on the route for a bounded parameter or body field of `owner`, nothing otherwise.
fn bounds_check(
    owner: TokenStream,
    wire: &str,
    ident: &str,
    ty: &Ty,
    presence: Presence,
    bounds: Bounds,
) -> TokenStream {
    if bounds.is_empty() {
        return quote!();
    }
    let ident = format_ident!("{}", ident);
    let field = quote!(#owner.#ident);
    let bound = |b: Option<TokenStream>| b.map_or(quote!(None), |b| quote!(Some(#b)));
    // What is sent, as an `Option`: a borrowed `&str` for text, a copy for numbers.
    let (check, value, min, max) = if *ty == Ty::String {
        let value = match presence {
            Presence::Required => quote!(Some(#field.as_str())),
            Presence::RequiredNullable | Presence::Optional => quote!(#field.as_deref()),
            Presence::OptionalNullable => quote!(#field.as_set().map(String::as_str)),
        };
        let length = |b: Option<u64>| bound(b.map(|b| proc_macro2::Literal::u64_unsuffixed(b).into_token_stream()));
        (runtime::internal::check(true), value, length(bounds.min_length), length(bounds.max_length))
    } else {
        let value = match presence {
            Presence::Required => quote!(Some(#field)),
            Presence::RequiredNullable | Presence::Optional => quote!(#field),
            Presence::OptionalNullable => quote!(#field.as_set().copied()),
        };
        let number = |b: Option<i64>| bound(b.map(|b| proc_macro2::Literal::i64_unsuffixed(b).into_token_stream()));
        (runtime::internal::check(false), value, number(bounds.minimum), number(bounds.maximum))
    };
    quote!(.#check(#wire, #value, #min, #max))
}

/// `…_stream`: every item of every page, following `next_cursor`.
fn stream_method(api: &Api, endpoint: &Endpoint, item: &Ty) -> TokenStream {
    let items = runtime::internal::page_items();
    let list = format_ident!("{}", endpoint.ident);
    let ident = format_ident!("{}", endpoint.stream_ident.as_deref().unwrap_or_default());
    let item = rust_type::tokens(item);
    let query = format_ident!("{}", endpoint.query_ident);
    let path_args: Vec<TokenStream> = endpoint
        .path_params
        .iter()
        .map(|p| {
            let ident = format_ident!("{}", p.ident);
            let ty = match p.ty {
                Ty::String => quote!(&'a str),
                Ty::Key(_) => {
                    let key = rust_type::tokens(&p.ty);
                    quote!(&'a #key)
                }
                _ => rust_type::tokens(&p.ty),
            };
            quote!(#ident: #ty)
        })
        .collect();
    let path_names = endpoint.path_params.iter().map(|p| format_ident!("{}", p.ident));
    let template = &endpoint.path;
    let doc = docs::outer(&format!(
        "Every item of [`{list}`](Self::{list}), page after page, as a stream.\n\n\
         Starts at `query.cursor` (the first page if `None`) and follows `next_cursor` while the server \
         says more pages follow. A misbehaving server cannot make it loop: a cursor that stops moving \
         ends it, and one that an earlier page already gave ends it with [`Error::Pagination`](crate::Error::Pagination). \
         `query.per_page` sets the page size. An error ends the stream after being yielded.\n\n{}",
        examples::stream_example(api, endpoint, &ident.to_string()),
    ));
    quote! {
        #doc
        pub fn #ident<'a>(&'a self, #(#path_args,)* query: &crate::#query) -> crate::ItemStream<'a, #item> {
            // The stream outlives the borrow: each page's query is a copy with its own cursor.
            let query = query.clone();
            #items(#template, query.cursor.clone(), move |cursor| {
                let mut query = query.clone();
                query.cursor = cursor;
                async move { self.#list(#(#path_names,)* &query).await }
            })
        }
    }
}

/// How an operation's docs begin to say what it returns: a call that takes per-call options and
/// gives the whole response with `exchange` (the runtime's `Call` documents both).
const CALL: &str = "Returns a [`Call`](crate::Call) that, awaited, gives";

/// Which editions serve an operation (or a module's operations), when the spec declares editions:
/// "Served by every edition." or "Served by Plane Cloud only; not by Community Edition." The not
/// served ones answer with [`ErrorKind::NotServed`](crate::ErrorKind::NotServed).
pub fn editions_doc(api: &Api, served: &[String]) -> String {
    if api.editions.is_empty() {
        return String::new();
    }
    let titles = |serving: bool| -> Vec<&str> {
        api.editions.iter().filter(|e| served.contains(&e.name) == serving).map(|e| e.title.as_str()).collect()
    };
    let (yes, no) = (titles(true), titles(false));
    if no.is_empty() {
        return "Served by every edition.".to_string();
    }
    let answer = if no.len() == 1 { "answers" } else { "answer" };
    format!(
        "Served by {} only; not by {}, which {answer} with \
         [`ErrorKind::NotServed`](crate::ErrorKind::NotServed).",
        list(&yes),
        list(&no)
    )
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn method_doc(api: &Api, endpoint: &Endpoint) -> String {
    let http = format!("Sends `{} {}`.", endpoint.method.as_str(), endpoint.path);
    let scopes = match endpoint.scopes.as_slice() {
        [] => String::new(),
        [one] => format!("Requires the OAuth scope `{one}` when called with a bearer token."),
        many => {
            let list: Vec<String> = many.iter().map(|s| format!("`{s}`")).collect();
            format!("Requires one of the OAuth scopes {} when called with a bearer token.", list.join(", "))
        }
    };
    let mut arguments: Vec<String> =
        endpoint.path_params.iter().map(|p| format!("- `{}`: {}", p.bare_ident(), docs::one_line(&p.doc))).collect();
    if !endpoint.query_params.is_empty() {
        let q = &endpoint.query_ident;
        arguments.push(format!("- `query`: the query parameters; see [`{q}`](crate::{q})."));
    }
    let described =
        |doc: &str, default: &str| if doc.trim().is_empty() { default.to_string() } else { docs::one_line(doc) };
    let body = match (&endpoint.request, &endpoint.body) {
        (Request::Fields, Some(body)) => {
            Some(format!("the fields to send, as JSON; see [`{}`](crate::{}).", body.ident, body.ident))
        }
        (Request::Form, Some(body)) => Some(format!(
            "the fields to send, as a form (`application/x-www-form-urlencoded`); see [`{}`](crate::{}).",
            body.ident, body.ident
        )),
        (Request::Multipart, Some(body)) => Some(format!(
            "the fields to send, each a part of a `multipart/form-data` body, a file read as it is sent \
             (then the call is not retried); see [`{}`](crate::{}).",
            body.ident, body.ident
        )),
        (Request::Json { doc, nullable, .. }, _) => {
            let null = if *nullable { " `None` sends `null`." } else { "" };
            Some(format!("{} Sent as JSON.{null}", described(doc, "The body.")))
        }
        (Request::Text { doc }, _) => Some(format!("{} Sent as `text/plain` (UTF-8).", described(doc, "The body."))),
        (Request::Bytes { media_type, doc }, _) => {
            Some(format!("{} Sent as `{media_type}`, byte for byte.", described(doc, "The body.")))
        }
        _ => None,
    };
    if let Some(body) = body {
        arguments.push(format!("- `body`: {body}"));
    }
    let arguments =
        if arguments.is_empty() { String::new() } else { format!("# Arguments\n\n{}", arguments.join("\n")) };
    let returns = match &endpoint.response.ty {
        Some(ty) if endpoint.response.paginated => format!(
            "{CALL} one [`Page`](crate::Page) of {} items, from the `{}` response.",
            rust_type::prose(ty),
            endpoint.response.status
        ),
        Some(ty) => format!("{CALL} the {} of the `{}` response.", rust_type::prose(ty), endpoint.response.status),
        None => format!("{CALL} `()` on `{}` (the response has no body).", endpoint.response.status),
    };
    let returns = docs::paragraphs([returns.as_str(), endpoint.response.doc.as_str()]);
    let errors = "# Errors\n\n\
        An [`Error`](crate::Error): the server's error answer, a transport failure, a response \
        that did not decode, or an argument refused before sending.";
    let example = examples::method_example(api, endpoint);
    let one_call = match (&endpoint.upload, &endpoint.download) {
        (Some(upload), _) => format!("[`{0}`](Self::{0}) runs the whole upload in one call.", upload.ident),
        (_, Some(download)) => format!("[`{0}`](Self::{0}) downloads the file in one call.", download.ident),
        _ => String::new(),
    };
    docs::paragraphs([
        endpoint.summary.as_str(),
        endpoint.description.as_str(),
        one_call.as_str(),
        http.as_str(),
        scopes.as_str(),
        editions_doc(api, &endpoint.editions).as_str(),
        arguments.as_str(),
        returns.as_str(),
        errors,
        example.as_str(),
    ])
}
