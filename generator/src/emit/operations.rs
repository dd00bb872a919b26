//! The operations: one async method on `Client` per endpoint, and one builder type per request
//! body. The methods only describe the request; sending, errors and decoding live in the crate's
//! hand-written runtime (`client.rs`), written once and tested once.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use super::constructor::{self, Constructor, Part};
use super::{docs, examples, rust_type, types};
use crate::model::{Api, Body, Bounds, Endpoint, Field, Param, Presence, Ty};
use crate::runtime;

/// The body and query types of operations.
pub fn request_types(api: &Api, endpoints: &[&Endpoint]) -> Vec<TokenStream> {
    let mut items = Vec::new();
    for endpoint in endpoints {
        items.extend(endpoint.body.as_ref().map(|body| body_type(api, endpoint, body)));
        if !endpoint.query_params.is_empty() {
            items.push(query_type(endpoint));
        }
    }
    items
}

/// The methods of operations, for an `impl Client` block.
pub fn methods(api: &Api, endpoints: &[&Endpoint]) -> TokenStream {
    endpoints.iter().map(|e| method(api, e)).collect()
}

/// The query parameters of an operation, as a builder like the body types.
fn query_type(endpoint: &Endpoint) -> TokenStream {
    let ident = format_ident!("{}", endpoint.query_ident);
    let method = &endpoint.ident;
    let doc = docs::outer(&format!(
        "The query parameters of [`Client::{method}`](crate::Client::{method}). Parameters left `None` are not sent."
    ));
    let fields = endpoint.query_params.iter().map(|p| {
        let ident = format_ident!("{}", p.ident);
        let ty = rust_type::tokens(&p.ty);
        let ty = if p.required { ty } else { quote!(Option<#ty>) };
        let sent = match (p.header, p.required) {
            (false, true) => "Required.".to_string(),
            (false, false) => "Not sent while `None`.".to_string(),
            (true, true) => format!("Sent as the `{}` header; required.", p.wire),
            (true, false) => format!("Sent as the `{}` header; not sent while `None`.", p.wire),
        };
        let doc = docs::outer(&docs::paragraphs([one_line(&p.doc).as_str(), sent.as_str()]));
        quote!(#doc pub #ident: #ty,)
    });
    let parts: Vec<Part> = endpoint
        .query_params
        .iter()
        .map(|p| Part {
            ident: &p.ident,
            ty: &p.ty,
            presence: if p.required { Presence::Required } else { Presence::Optional },
            unset: quote!(None),
        })
        .collect();
    let doc_new = "The parameters, with the required ones given and the others not sent.";
    let Constructor { derive_default, function: new } = constructor::new(doc_new, &parts);
    let setters = endpoint
        .query_params
        .iter()
        .filter(|p| !p.required)
        .map(|p| set_method(&p.ident, &p.ty, &format!("Sets `{}`: {}", p.wire, one_line(&p.doc)), false));
    builder(doc, quote!(#derive_default), &ident, fields, new, setters)
}

/// A request type built by its callers: the struct, `new` with the required fields, and a
/// chainable setter per optional one. Query types and bodies alike.
fn builder(
    doc: TokenStream,
    derives: TokenStream,
    ident: &proc_macro2::Ident,
    fields: impl Iterator<Item = TokenStream>,
    new: TokenStream,
    setters: impl Iterator<Item = TokenStream>,
) -> TokenStream {
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #derives)]
        #[non_exhaustive]
        pub struct #ident {
            #(#fields)*
        }

        impl #ident {
            #new

            #(#setters)*
        }
    }
}

fn body_type(api: &Api, endpoint: &Endpoint, body: &Body) -> TokenStream {
    let ident = format_ident!("{}", body.ident);
    let method = &endpoint.ident;
    let doc = docs::outer(&format!(
        "The request body of [`Client::{method}`](crate::Client::{method}).\n\n\
         Build it with [`{ident}::new`] and the chainable setters; a field that is never set is not \
         sent, so the server leaves it as it is.{}",
        if body.fields.iter().any(|f| f.clear_ident.is_some()) {
            " Nullable fields also have a `clear_…` method, which sends `null` to clear the stored value."
        } else {
            ""
        }
    ));
    let fields = body.fields.iter().map(body_field);
    let required: Vec<String> =
        body.fields.iter().filter(|f| f.presence.is_required()).map(|f| format!("`{}`", f.wire)).collect();
    let new_doc = if required.is_empty() {
        "An empty body: nothing is changed until a setter is called.".to_string()
    } else {
        format!("A body with its required fields, {}; the others are not sent until set.", required.join(", "))
    };
    let parts: Vec<Part> = body
        .fields
        .iter()
        .map(|f| Part {
            ident: &f.ident,
            ty: &f.ty,
            presence: f.presence,
            unset: if f.presence == Presence::OptionalNullable { quote!(crate::Patch::Keep) } else { quote!(None) },
        })
        .collect();
    let Constructor { derive_default, function: new } = constructor::new(&new_doc, &parts);
    let setters = body.fields.iter().filter(|f| !f.presence.is_required()).map(setter);
    let example = docs::outer(&examples::body_example(api, body));
    builder(quote!(#doc #[doc = ""] #example), quote!(#derive_default ::serde::Serialize), &ident, fields, new, setters)
}

fn body_field(field: &Field) -> TokenStream {
    let ident = format_ident!("{}", field.ident);
    let ty = rust_type::tokens(&field.ty);
    let (ty, skip, state) = match field.presence {
        Presence::Required => (ty, quote!(), "Required."),
        Presence::RequiredNullable => (quote!(Option<#ty>), quote!(), "Required; `None` is sent as `null`."),
        Presence::Optional => {
            (quote!(Option<#ty>), quote!(#[serde(skip_serializing_if = "Option::is_none")]), "Not sent while `None`.")
        }
        Presence::OptionalNullable => (
            quote!(crate::Patch<#ty>),
            quote!(#[serde(skip_serializing_if = "crate::Patch::is_keep")]),
            "Not sent while [`Patch::Keep`](crate::Patch::Keep); [`Patch::Clear`](crate::Patch::Clear) sends `null`.",
        ),
    };
    let description = if field.doc.trim().is_empty() { format!("`{}`.", field.wire) } else { field.doc.clone() };
    let doc = docs::outer(&docs::paragraphs([description.as_str(), state]));
    let rename = types::rename(field);
    quote! {
        #doc
        #rename
        #skip
        pub #ident: #ty,
    }
}

fn setter(field: &Field) -> TokenStream {
    let wire = &field.wire;
    let patch = field.presence == Presence::OptionalNullable;
    let set_doc = docs::paragraphs([format!("Sets `{wire}`.").as_str(), field.doc.as_str()]);
    let set = set_method(&field.ident, &field.ty, &set_doc, patch);
    let clear = field.clear_ident.as_ref().map(|clear_ident| {
        let ident = format_ident!("{}", field.ident);
        let clear_ident = format_ident!("{}", clear_ident);
        let clear_doc = docs::outer(&format!("Sends `{wire}` as `null`, clearing the stored value."));
        quote! {
            #clear_doc
            #[must_use]
            pub fn #clear_ident(mut self) -> Self {
                self.#ident = crate::Patch::Clear;
                self
            }
        }
    });
    quote!(#set #clear)
}

/// A chainable setter of a body or query field: `Some(value)`, or `Patch::Set(value)` when `patch`.
fn set_method(field: &str, ty: &Ty, doc: &str, patch: bool) -> TokenStream {
    let ident = format_ident!("{}", field);
    let argument = rust_type::into_argument(ty);
    let doc = docs::outer(doc);
    // Only strings are taken as `impl Into<String>`; converting any other value would be a no-op.
    let value = if *ty == Ty::String { quote!(value.into()) } else { quote!(value) };
    let set = if patch { quote!(crate::Patch::Set(#value)) } else { quote!(Some(#value)) };
    quote! {
        #doc
        #[must_use]
        pub fn #ident(mut self, value: #argument) -> Self {
            self.#ident = #set;
            self
        }
    }
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
    let body_arg = endpoint.body.as_ref().map(|b| {
        let ty = format_ident!("{}", b.ident);
        quote!(body: &crate::#ty)
    });
    let args = path_args.chain(query_arg).chain(body_arg);
    // Non-string path parameters are turned into text first, so the parameter list can borrow them.
    let conversions = endpoint.path_params.iter().filter(|p| p.ty != Ty::String).map(|p| {
        let ident = format_ident!("{}", p.ident);
        quote!(let #ident = #param(&#ident);)
    });
    let path_params = endpoint.path_params.iter().map(|p| {
        let wire = &p.wire;
        let ident = format_ident!("{}", p.ident);
        if p.ty == Ty::String { quote!((#wire, #ident)) } else { quote!((#wire, &#ident)) }
    });
    let pair = |p: &Param| {
        let wire = &p.wire;
        let ident = format_ident!("{}", p.ident);
        if p.required {
            quote!((#wire, Some(#param(&query.#ident))))
        } else {
            quote!((#wire, query.#ident.as_ref().map(#param)))
        }
    };
    let query = endpoint.query_params.iter().filter(|p| !p.header).map(pair);
    let headers = endpoint.query_params.iter().filter(|p| p.header).map(pair);
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
    let body = if endpoint.body.is_some() { quote!(Some(body)) } else { runtime::internal::no_body() };
    let (output, call) = match &endpoint.response.ty {
        Some(ty) if endpoint.response.paginated => {
            let item = rust_type::tokens(ty);
            (quote!(crate::Page<#item>), runtime::internal::call(true))
        }
        Some(ty) => (rust_type::tokens(ty), runtime::internal::call(true)),
        None => (quote!(()), runtime::internal::call(false)),
    };
    let stream = endpoint
        .response
        .ty
        .as_ref()
        .filter(|_| endpoint.response.paginated)
        .map(|item| stream_method(api, endpoint, item));
    quote! {
        #doc
        pub async fn #ident(&self, #(#args),*) -> Result<#output, crate::Error> {
            #(#conversions)*
            let route = #route {
                method: ::reqwest::Method::#method,
                template: #template,
                path_params: &[#(#path_params),*],
                query: &[#(#query),*],
                headers: &[#(#headers),*],
            };
            #(#checks)*
            self.#call(route, #body).await
        }

        #stream
    }
}

/// `route.check_…(…)?;` for a bounded parameter or body field of `owner`, nothing otherwise.
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
    quote!(route.#check(#wire, #value, #min, #max)?;)
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
                _ => rust_type::tokens(&p.ty),
            };
            quote!(#ident: #ty)
        })
        .collect();
    let path_names = endpoint.path_params.iter().map(|p| format_ident!("{}", p.ident));
    let doc = docs::outer(&format!(
        "Every item of [`{list}`](Self::{list}), page after page, as a stream.\n\n\
         Starts at `query.cursor` (the first page if `None`) and follows `next_cursor` while the server \
         says more pages follow; it also stops if the cursor stops moving, so a misbehaving server \
         cannot make it loop. `query.per_page` sets the page size. An error ends the stream after \
         being yielded.\n\n{}",
        examples::stream_example(api, endpoint, &ident.to_string()),
    ));
    quote! {
        #doc
        pub fn #ident<'a>(&'a self, #(#path_args,)* query: crate::#query) -> crate::ItemStream<'a, #item> {
            #items(query.cursor.clone(), move |cursor| {
                let mut query = query.clone();
                query.cursor = cursor;
                async move { self.#list(#(#path_names,)* &query).await }
            })
        }
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
        endpoint.path_params.iter().map(|p| format!("- `{}`: {}", p.bare_ident(), one_line(&p.doc))).collect();
    if !endpoint.query_params.is_empty() {
        let q = &endpoint.query_ident;
        arguments.push(format!("- `query`: the query parameters; see [`{q}`](crate::{q})."));
    }
    if let Some(body) = &endpoint.body {
        arguments.push(format!("- `body`: the fields to send; see [`{}`](crate::{}).", body.ident, body.ident));
    }
    let arguments =
        if arguments.is_empty() { String::new() } else { format!("# Arguments\n\n{}", arguments.join("\n")) };
    let returns = match &endpoint.response.ty {
        Some(ty) if endpoint.response.paginated => format!(
            "Returns one [`Page`](crate::Page) of {} items, from the `{}` response.",
            rust_type::prose(ty),
            endpoint.response.status
        ),
        Some(ty) => format!("Returns the {} of the `{}` response.", rust_type::prose(ty), endpoint.response.status),
        None => format!("Returns `()` on `{}` (the response has no body).", endpoint.response.status),
    };
    let returns = docs::paragraphs([returns.as_str(), endpoint.response.doc.as_str()]);
    let errors = "# Errors\n\n\
        An [`Error`](crate::Error): the server's error answer, a transport failure, a response \
        that did not decode, or an argument refused before sending.";
    let example = examples::method_example(api, endpoint);
    docs::paragraphs([
        endpoint.summary.as_str(),
        endpoint.description.as_str(),
        http.as_str(),
        scopes.as_str(),
        arguments.as_str(),
        returns.as_str(),
        errors,
        example.as_str(),
    ])
}

fn one_line(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() { "no description.".to_string() } else { text }
}
