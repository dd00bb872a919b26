//! The structs: the spec's types, the request bodies and the query parameters. Each is the struct
//! with its documented fields, `new` (which takes the required fields), a chainable setter per
//! optional field of anything a request sends (and a `clear_…` setter per nullable body field),
//! and, but for queries, one line of the runtime's `json!` for its JSON
//! (`generator/runtime/src/structs.rs`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{docs, examples, rust_type, twins};
use crate::model::{Api, Body, Conversion, Endpoint, Field, Location, Param, Presence, Take, Ty, TypeDef};

/// The three kinds of struct: what they are built for decides their setters and their JSON.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A type of the spec that only responses hold: built with `new` and then its public fields.
    Object,
    /// A type of the spec that a request body holds (at any depth): built like a body, with `new`
    /// and chainable setters, and also received.
    SentObject,
    /// A request body: sent as JSON, built with `new` and chainable setters.
    Body,
    /// The query (and header) parameters of an operation, built like a body; not JSON.
    Query,
}

/// A field as every part of its struct needs it.
pub(super) struct Member<'a> {
    pub(super) ident: Ident,
    pub(super) wire: &'a str,
    pub(super) ty: &'a Ty,
    pub(super) presence: Presence,
    pub(super) clear: Option<Ident>,
    pub(super) doc: String,
    /// For a field of an expanded twin that may expand: the object type it expands into.
    pub(super) expands_into: Option<&'a str>,
}

/// The spec's types.
pub fn objects(types: &[&TypeDef]) -> Vec<TokenStream> {
    types
        .iter()
        .map(|def| {
            // A type the spec leaves undescribed (a warning) still needs docs: the crate denies missing ones.
            let fallback = format!("`{}`.", def.spec_name);
            let doc = docs::paragraphs([if def.doc.trim().is_empty() { &fallback } else { def.doc.as_str() }]);
            let twin_docs = twins::docs(def);
            let doc = docs::paragraphs(std::iter::once(doc.as_str()).chain(twin_docs.iter().map(String::as_str)));
            let members: Vec<Member<'_>> = def.fields.iter().map(member).collect();
            let kind = if def.sent { Kind::SentObject } else { Kind::Object };
            let conversions = def.into.iter().map(|c| conversion(def, c));
            let declared = declare(kind, &doc, &def.ident, &members);
            let twins = twins::of(def);
            quote!(#declared #(#conversions)* #twins)
        })
        .collect()
}

/// The body and query types of some operations.
pub fn request_types(api: &Api, endpoints: &[&Endpoint]) -> Vec<TokenStream> {
    let mut items = Vec::new();
    for endpoint in endpoints {
        if let Some(body) = &endpoint.body {
            let members: Vec<Member<'_>> = body.fields.iter().map(member).collect();
            items.push(declare(Kind::Body, &body_doc(api, endpoint, body), &body.ident, &members));
        }
        if !endpoint.query_params.is_empty() {
            let method = &endpoint.ident;
            let doc = format!(
                "The query parameters of [`Client::{method}`](crate::Client::{method}). Parameters left \
                 `None` are not sent."
            );
            let members: Vec<Member<'_>> = endpoint.query_params.iter().map(param_member).collect();
            items.push(declare(Kind::Query, &doc, &endpoint.query_ident, &members));
        }
    }
    items
}

pub(super) fn member(field: &Field) -> Member<'_> {
    let doc = if field.doc.trim().is_empty() { format!("`{}`.", field.wire) } else { docs::prose(field.doc.trim()) };
    Member {
        ident: format_ident!("{}", field.ident),
        wire: &field.wire,
        ty: &field.ty,
        presence: field.presence,
        clear: field.clear_ident.as_ref().map(|clear| format_ident!("{}", clear)),
        doc,
        expands_into: None,
    }
}

fn param_member(param: &Param) -> Member<'_> {
    let description = docs::one_line(&param.doc);
    let doc = match param.sent_in {
        Location::Header | Location::Cookie => {
            format!("{description}\n\nSent as the `{}` {}.", param.wire, param.sent_in.as_str())
        }
        Location::Path | Location::Query => description,
    };
    let presence = if param.required { Presence::Required } else { Presence::Optional };
    Member {
        ident: format_ident!("{}", param.ident),
        wire: &param.wire,
        ty: &param.ty,
        presence,
        clear: None,
        doc,
        expands_into: None,
    }
}

/// The struct, its `new` and setters, `Default` when nothing is required, and its JSON.
pub(super) fn declare(kind: Kind, doc: &str, name: &str, members: &[Member<'_>]) -> TokenStream {
    let doc = docs::outer(doc);
    let name = format_ident!("{name}");
    let fields = members.iter().map(|m| {
        let (ident, ty) = (&m.ident, field_type(kind, m));
        let doc = docs::outer(&docs::paragraphs([m.doc.as_str(), state(kind, m.presence)]));
        quote!(#doc pub #ident: #ty,)
    });
    let new = constructor(kind, members);
    let setters = members.iter().filter(|_| kind != Kind::Object).map(|m| setter(kind, m));
    let default = members.iter().all(|m| !is_required(m.presence)).then(|| {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let json = json(kind, &name, members);
    // A file is read once, as it is sent: a body that holds one can be neither cloned nor compared.
    let derives = if members.iter().any(|m| m.ty.holds_file()) {
        quote!(#[derive(Debug)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    quote! {
        #doc
        #derives
        #[non_exhaustive]
        pub struct #name { #(#fields)* }

        impl #name {
            #new
            #(#setters)*
        }

        #default
        #json
    }
}

/// `impl From<Source> for Target`, field by field as lowering decided.
fn conversion(source: &TypeDef, conversion: &Conversion) -> TokenStream {
    let (from, to) = (format_ident!("{}", source.ident), format_ident!("{}", conversion.target));
    let fields = conversion.fills.iter().map(|fill| {
        let (field, taken) = (format_ident!("{}", fill.target), format_ident!("{}", fill.source));
        let taken = if fill.clone { quote!(value.#taken.clone()) } else { quote!(value.#taken) };
        let value = match (fill.take, fill.source_optional) {
            (Take::Value, _) => taken,
            (Take::Id, false) => quote!(#taken.id),
            (Take::Id, true) => quote!(#taken.map(|v| v.id)),
            (Take::Ids, _) => quote!(#taken.into_iter().map(|v| v.id).collect()),
        };
        let value = if fill.wrap { quote!(Some(#value)) } else { value };
        quote!(#field: #value,)
    });
    let absent = conversion.absent.iter().map(|field| {
        let field = format_ident!("{}", field);
        quote!(#field: None,)
    });
    let doc = docs::outer(&conversion_doc(source, conversion));
    quote! {
        #doc
        impl From<#from> for crate::#to {
            fn from(value: #from) -> Self {
                Self { #(#fields)* #(#absent)* }
            }
        }
    }
}

/// What a conversion keeps and what it drops, in a sentence or three.
fn conversion_doc(source: &TypeDef, conversion: &Conversion) -> String {
    let list = |names: Vec<&str>| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let wire =
        |ident: &str| source.fields.iter().find(|f| f.ident == ident).map_or(ident.to_string(), |f| f.wire.clone());
    let mut doc =
        format!("The [`{}`](crate::{}) that this `{}` describes.", conversion.target, conversion.target, source.ident);
    let ids: Vec<String> = conversion.fills.iter().filter(|f| f.take != Take::Value).map(|f| wire(&f.source)).collect();
    if !ids.is_empty() {
        doc.push_str(&format!(" Keeps only the ids of {}.", list(ids.iter().map(String::as_str).collect())));
    }
    let renamed: Vec<String> = conversion
        .fills
        .iter()
        .filter(|f| crate::names::bare(&f.target) != crate::names::bare(&f.source))
        .map(|f| format!("`{}` from `{}`", crate::names::bare(&f.target), wire(&f.source)))
        .collect();
    if !renamed.is_empty() {
        doc.push_str(&format!(" Fills {}.", renamed.join(", ")));
    }
    if !conversion.absent.is_empty() {
        let absent = conversion.absent.iter().map(|f| crate::names::bare(f)).collect();
        doc.push_str(&format!(" Leaves {} `None`, which the source does not have.", list(absent)));
    }
    if !conversion.dropped.is_empty() {
        doc.push_str(&format!(
            " Drops {}, which `{}` has no place for.",
            list(conversion.dropped.iter().map(String::as_str).collect()),
            conversion.target
        ));
    }
    doc
}

fn is_required(presence: Presence) -> bool {
    matches!(presence, Presence::Required | Presence::RequiredNullable)
}

/// The field's type: a nullable body field is a `crate::Patch` so that it can be left
/// alone, set or cleared; any other field that may be absent or `null` is an `Option`.
fn field_type(kind: Kind, member: &Member<'_>) -> TokenStream {
    let ty = value_type(member);
    match (kind, member.presence) {
        (_, Presence::Required) => ty,
        (Kind::Body, Presence::OptionalNullable) => quote!(crate::Patch<#ty>),
        _ => quote!(Option<#ty>),
    }
}

/// The Rust type of a member's value: its type's, or for a field that expands, the runtime's
/// `Expandable` of the id and the object (in a `Vec` for a list of ids).
fn value_type(member: &Member<'_>) -> TokenStream {
    match member.expands_into {
        Some(object) => rust_type::expandable(member.ty, object),
        None => rust_type::tokens(member.ty),
    }
}

/// What a field's presence means for its kind of struct, as the last paragraph of its docs.
fn state(kind: Kind, presence: Presence) -> &'static str {
    match (kind, presence) {
        (Kind::Object | Kind::SentObject, Presence::Required) => "",
        (Kind::Object | Kind::SentObject, Presence::RequiredNullable) => "Always sent; may be `null`.",
        (Kind::Object | Kind::SentObject, Presence::Optional) => "May be absent.",
        (Kind::Object | Kind::SentObject, Presence::OptionalNullable) => "May be absent or `null`.",
        (_, Presence::Required) => "Required.",
        (_, Presence::RequiredNullable) => "Required; `None` is sent as `null`.",
        (Kind::Body, Presence::OptionalNullable) => {
            "Not sent while [`Patch::Keep`](crate::Patch::Keep); [`Patch::Clear`](crate::Patch::Clear) sends `null`."
        }
        (_, Presence::Optional | Presence::OptionalNullable) => "Not sent while `None`.",
    }
}

/// `new`, taking the required fields (a `String` as anything that turns into one).
fn constructor(kind: Kind, members: &[Member<'_>]) -> TokenStream {
    let doc = match kind {
        Kind::Object => {
            "A value with the required fields given and the others `None`; set those directly, as the fields are \
             public. (The type is `#[non_exhaustive]`, so that fields the spec adds later do not break code that \
             builds one.)"
        }
        Kind::SentObject => {
            "A value with the required fields given (its arguments, if any) and the others `None`; set those with \
             the chainable setters (or directly, as the fields are public)."
        }
        Kind::Body => {
            "A body with the required fields given (its arguments, if any); the others are not sent until set."
        }
        Kind::Query => "The parameters, with the required ones given (its arguments, if any) and the others not sent.",
    };
    let doc = docs::outer(doc);
    let required: Vec<&Member<'_>> = members.iter().filter(|m| is_required(m.presence)).collect();
    let args = required.iter().map(|m| {
        let (ident, ty) = (&m.ident, if *m.ty == Ty::String { argument(m.ty) } else { value_type(m) });
        if m.presence == Presence::Required { quote!(#ident: #ty) } else { quote!(#ident: Option<#ty>) }
    });
    let values = members.iter().map(|m| {
        let ident = &m.ident;
        let into = *m.ty == Ty::String;
        match m.presence {
            Presence::Required if into => quote!(#ident: #ident.into()),
            Presence::RequiredNullable if into => quote!(#ident: #ident.map(Into::into)),
            Presence::Required | Presence::RequiredNullable => quote!(#ident),
            _ if kind == Kind::Body && m.presence == Presence::OptionalNullable => quote!(#ident: crate::Patch::Keep),
            _ => quote!(#ident: None),
        }
    });
    // clippy's limit is seven arguments; `new` promises one per required field.
    let allow = (required.len() > 7).then(|| {
        quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required field is what `new` promises")])
    });
    quote! {
        #doc
        #[must_use]
        #allow
        pub fn new(#(#args),*) -> Self {
            Self { #(#values),* }
        }
    }
}

/// The type `new` or a setter takes for a value of type `ty`.
fn argument(ty: &Ty) -> TokenStream {
    if *ty == Ty::String { quote!(impl Into<String>) } else { rust_type::tokens(ty) }
}

/// The setter of an optional field of a body or query (nothing for a required one), and the
/// `clear_…` setter of a nullable body field.
fn setter(kind: Kind, member: &Member<'_>) -> TokenStream {
    if is_required(member.presence) {
        return TokenStream::new();
    }
    let (ident, ty) = (&member.ident, argument(member.ty));
    let value = if *member.ty == Ty::String { quote!(value.into()) } else { quote!(value) };
    let patch = kind == Kind::Body && member.presence == Presence::OptionalNullable;
    let wrapped = if patch { quote!(crate::Patch::Set(#value)) } else { quote!(Some(#value)) };
    let doc = docs::outer(&format!("Sets `{}`.\n\n{}", member.wire, member.doc));
    let clear = member.clear.as_ref().filter(|_| patch).map(|clear| {
        let doc = docs::outer(&format!("Sends `{}` as `null`, clearing the stored value.", member.wire));
        quote! {
            #doc
            #[must_use]
            pub fn #clear(mut self) -> Self {
                self.#ident = crate::Patch::Clear;
                self
            }
        }
    });
    quote! {
        #doc
        #[must_use]
        pub fn #ident(mut self, value: #ty) -> Self {
            self.#ident = #wrapped;
            self
        }
        #clear
    }
}

/// `crate::structs::json! { kind Name, field = "key" presence, … }`, for objects and bodies.
fn json(kind: Kind, name: &Ident, members: &[Member<'_>]) -> TokenStream {
    let kind = match kind {
        Kind::Object | Kind::SentObject => quote!(object),
        Kind::Body => quote!(body),
        Kind::Query => return TokenStream::new(),
    };
    // A multipart body's files are parts of their own, not JSON (`operations::file_part`).
    let fields = members.iter().filter(|m| !m.ty.holds_file()).map(|m| {
        let (ident, wire) = (&m.ident, m.wire);
        let presence = format_ident!("{}", presence(m.presence));
        quote!(, #ident = #wire #presence)
    });
    let path = crate::runtime::internal::json();
    quote!(#path! { #kind #name #(#fields)* })
}

/// The runtime's word for a presence.
fn presence(presence: Presence) -> &'static str {
    match presence {
        Presence::Required => "required",
        Presence::RequiredNullable => "required_nullable",
        Presence::Optional => "optional",
        Presence::OptionalNullable => "optional_nullable",
    }
}

fn body_doc(api: &Api, endpoint: &Endpoint, body: &Body) -> String {
    let method = &endpoint.ident;
    let clear = if body.fields.iter().any(|f| f.clear_ident.is_some()) {
        " Nullable fields also have a `clear_…` method, which sends `null` to clear the stored value."
    } else {
        ""
    };
    let intro = format!(
        "The request body of [`Client::{method}`](crate::Client::{method}).\n\n\
         Build it with [`{ident}::new`] and the chainable setters; a field that is never set is not \
         sent, so the server leaves it as it is.{clear}",
        ident = body.ident,
    );
    docs::paragraphs([intro.as_str(), examples::body_example(api, body).as_str()])
}
