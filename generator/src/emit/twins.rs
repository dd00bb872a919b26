//! The twins of a spec type that a call may reshape: the expanded twin (`expand:`, its fields
//! that expand as `Expandable`) and the partial twin (`select: true`, every field optional), each
//! with the impl of the runtime's `Expand` or `Select` that leads to it, and `HasId` for the types
//! expanded into. Declared as structs are ([`structs`](super::structs)); a twin that names other
//! resources' types compiles only with their features on.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust_type;
use super::structs::{Kind, Member, declare, member};
use crate::model::{Expansions, Presence, Selection, TypeDef};

/// The twins of `def` and the impls that lead to them, and its `HasId` if a type expands into it.
pub(super) fn of(def: &TypeDef) -> TokenStream {
    let expanded = def.expand.as_ref().map(|expand| expanded(def, expand));
    let partial = def.select.as_ref().map(|select| partial(def, select));
    let has_id = def.expanded_into.then(|| has_id(def));
    quote!(#expanded #partial #has_id)
}

/// What the docs of `def` say of its twins, if it has any: a paragraph each.
pub(super) fn docs(def: &TypeDef) -> Vec<String> {
    let expand = def.expand.as_ref().map(|expand| expandable_doc(def, expand));
    let select = def.select.as_ref().map(|select| selectable_doc(def, select));
    expand.into_iter().chain(select).collect()
}

/// The second paragraph of the docs of a type that expands.
fn expandable_doc(def: &TypeDef, expand: &Expansions) -> String {
    let fields: Vec<String> = expand.fields.iter().map(|(wire, _)| format!("`{wire}`")).collect();
    format!(
        "A call may ask the server to send {} as objects rather than ids, with \
         [`Call::expand`](crate::Call::expand) and [`{key}`]: it then answers a [`{twin}`] where \
         this answers a `{ident}`.{features}",
        fields.join(", "),
        key = expand.key,
        twin = expand.ident,
        ident = def.ident,
        features = features_note(&expand.modules),
    )
}

/// " The expanded twins compile with the features … on.", for twins that name other modules'
/// types; nothing otherwise.
fn features_note(modules: &[String]) -> String {
    if modules.is_empty() {
        return String::new();
    }
    let features: Vec<String> = modules.iter().map(|m| format!("`{}`", crate::names::feature(m))).collect();
    format!(
        " (The twins compile only with the features of the objects' modules on: {}, as `default` has them.)",
        features.join(", ")
    )
}

/// The expanded twin of `def`, and the `Expand` impl that leads from `def` to it.
fn expanded(def: &TypeDef, expand: &Expansions) -> TokenStream {
    let doc = format!(
        "A [`{ident}`] as a call that asked the server to expand related objects \
         ([`Call::expand`](crate::Call::expand) with [`{key}`]s) receives it: each field that may \
         expand is an [`Expandable`](crate::Expandable), the id or the object.",
        ident = def.ident,
        key = expand.key,
    );
    let declared = declare(Kind::Object, &doc, &expand.ident, &twin_members(def));
    let (ident, twin, key) =
        (format_ident!("{}", def.ident), format_ident!("{}", expand.ident), format_ident!("{}", expand.key));
    let items = quote! {
        #declared

        impl crate::Expand for crate::#ident {
            type Key = crate::#key;
            type Expanded = #twin;
        }
    };
    gated(&expand.ident, &expand.modules, items)
}

/// `items`, which declare the twin `twin` and its impls, as they are; or, when they name types
/// of other modules (`modules`), compiled only with those modules' features, so that a resource's
/// feature alone does not compile the resources its fields expand into: in a module of their
/// own, whose twin is re-exported.
fn gated(twin: &str, modules: &[String], items: TokenStream) -> TokenStream {
    if modules.is_empty() {
        return items;
    }
    let features: Vec<String> = modules.iter().map(|module| crate::names::feature(module)).collect();
    let cfg = match &features[..] {
        [one] => quote!(#[cfg(feature = #one)]),
        all => quote!(#[cfg(all(#(feature = #all),*))]),
    };
    let (module, twin) = (format_ident!("{}", crate::names::snake(twin).unwrap_or_default()), format_ident!("{twin}"));
    quote! {
        #cfg
        mod #module {
            #[allow(unused_imports, reason = "the docs link the module's items by name")]
            use super::*;

            #items
        }

        #cfg
        pub use #module::#twin;
    }
}

/// The third paragraph of the docs of a type that a call may cut to some fields.
fn selectable_doc(def: &TypeDef, select: &Selection) -> String {
    format!(
        "A call may ask the server to answer only some of its fields, with \
         [`Call::fields`](crate::Call::fields) and [`{field}`]: it then answers a [`{partial}`] \
         where this answers a `{ident}`.",
        field = select.field,
        partial = select.ident,
        ident = def.ident,
    )
}

/// The partial twin of `def` (every field optional, those that expand as `Expandable`), and the
/// `Select` impls that lead to it from `def` and from its expanded twin.
fn partial(def: &TypeDef, select: &Selection) -> TokenStream {
    let doc = format!(
        "A [`{ident}`] as a call that named the fields it wants \
         ([`Call::fields`](crate::Call::fields) with [`{field}`]s) receives it: every field is \
         optional, `None` where it was not asked for.{expand}",
        ident = def.ident,
        field = select.field,
        expand =
            if def.expand.is_some() { " Fields that may expand are [`Expandable`](crate::Expandable)." } else { "" },
    );
    let members: Vec<Member<'_>> = twin_members(def)
        .into_iter()
        .map(|m| {
            let presence = match m.presence {
                Presence::Required | Presence::Optional => Presence::Optional,
                Presence::RequiredNullable | Presence::OptionalNullable => Presence::OptionalNullable,
            };
            Member { presence, ..m }
        })
        .collect();
    let declared = declare(Kind::Object, &doc, &select.ident, &members);
    let (ident, twin, field) =
        (format_ident!("{}", def.ident), format_ident!("{}", select.ident), format_ident!("{}", select.field));
    let sources = std::iter::once(ident).chain(def.expand.iter().map(|e| format_ident!("{}", e.ident)));
    let sources = sources.map(|source| quote!(crate::#source));
    let expand = def.expand.as_ref().map(|e| {
        let key = format_ident!("{}", e.key);
        quote! {
            impl crate::Expand for #twin {
                type Key = crate::#key;
                type Expanded = #twin;
            }
        }
    });
    let items = quote! {
        #declared

        #(
            impl crate::Select for #sources {
                type Field = crate::#field;
                type Partial = #twin;
            }
        )*
        #expand
    };
    // Its fields that expand name the same objects as the expanded twin does.
    let modules = def.expand.as_ref().map_or(&[][..], |e| &e.modules[..]);
    gated(&select.ident, modules, items)
}

/// The fields of `def` as a twin's members, each that expands with the object type it expands
/// into (found in a map: a type may have many fields that expand).
fn twin_members(def: &TypeDef) -> Vec<Member<'_>> {
    let objects: HashMap<&str, &str> =
        def.expand.iter().flat_map(|e| &e.fields).map(|(wire, object)| (wire.as_str(), object.as_str())).collect();
    def.fields
        .iter()
        .map(|field| Member { expands_into: objects.get(field.wire.as_str()).copied(), ..member(field) })
        .collect()
}

/// `HasId` for a type that another expands into: what `Expandable::id` reads.
fn has_id(def: &TypeDef) -> TokenStream {
    // Lowering made sure the type has an `id` of an id type before marking it.
    let Some(field) = def.fields.iter().find(|f| f.wire == "id") else { return TokenStream::new() };
    let (ident, id, field_ident) =
        (format_ident!("{}", def.ident), rust_type::tokens(&field.ty), format_ident!("{}", field.ident));
    let value = if field.presence == Presence::Required {
        quote!(Some(&self.#field_ident))
    } else {
        quote!(self.#field_ident.as_ref())
    };
    quote! {
        impl crate::HasId for #ident {
            type Id = #id;
            fn id(&self) -> Option<&#id> {
                #value
            }
        }
    }
}
