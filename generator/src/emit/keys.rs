//! The spec's key types: a struct with a public field per part and a `new`, in the module of
//! the spec file that declares it. Writing and reading the text, its JSON and its use in paths
//! are the runtime's `key_type::impls!`, given the format.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{docs, rust_type};
use crate::model::{Api, KeyDef, Ty};

/// Each key type, with its impls.
pub fn items(api: &Api, keys: &[&KeyDef]) -> Vec<TokenStream> {
    keys.iter().map(|key| key_def(api, key)).collect()
}

fn key_def(api: &Api, key: &KeyDef) -> TokenStream {
    let ident = format_ident!("{}", key.ident);
    // The example is the generator's own code, a doc test: not spec prose to make safe.
    let doc = docs::outer(&format!("{}\n\n{}", docs::paragraphs([key.doc.as_str(), &about(key)]), example(api, key)));
    let fields = key.parts.iter().map(|part| {
        let field = format_ident!("{}", part.ident);
        let ty = rust_type::tokens(&part.ty);
        let range = match (part.bounds.minimum, part.bounds.maximum) {
            (Some(min), Some(max)) => format!("From {min} to {max}."),
            (Some(min), None) => format!("At least {min}."),
            (None, Some(max)) => format!("At most {max}."),
            (None, None) => String::new(),
        };
        let doc = docs::outer(&docs::paragraphs([part.doc.as_str(), &range]));
        quote!(#doc pub #field: #ty,)
    });
    let args = key.parts.iter().map(|part| {
        let field = format_ident!("{}", part.ident);
        let ty = if part.ty == Ty::String { quote!(impl Into<String>) } else { rust_type::tokens(&part.ty) };
        quote!(#field: #ty)
    });
    let inits = key.parts.iter().map(|part| {
        let field = format_ident!("{}", part.ident);
        if part.ty == Ty::String { quote!(#field: #field.into()) } else { quote!(#field) }
    });
    let parts = key.parts.iter().map(|part| {
        let field = format_ident!("{}", part.ident);
        let bound = |b: Option<i64>| b.map(Literal::i64_unsuffixed);
        match (bound(part.bounds.minimum), bound(part.bounds.maximum)) {
            (None, None) => quote!(#field),
            (Some(min), None) => quote!(#field in #min..),
            (None, Some(max)) => quote!(#field in ..=#max),
            (Some(min), Some(max)) => quote!(#field in #min..=#max),
        }
    });
    let new_doc = docs::outer(&format!("The key of these parts, written `{}`.", key.format));
    let format = &key.format;
    let impls = crate::runtime::internal::key_type_impls();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct #ident {
            #(#fields)*
        }

        impl #ident {
            #new_doc
            #[must_use]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
        }

        #impls!(#ident, #format, #(#parts),*);
    }
}

/// A key parsed, built and written, as a doc test.
fn example(api: &Api, key: &KeyDef) -> String {
    let (krate, ident) = (&api.crate_name, &key.ident);
    let text = key.text(&key.example);
    let values: Vec<String> = (key.parts.iter().zip(&key.example))
        .map(|(part, value)| if part.ty == Ty::String { format!("{value:?}") } else { value.clone() })
        .collect();
    format!(
        "```\nlet key: {krate}::{ident} = {text:?}.parse()?;\nassert_eq!(key, {krate}::{ident}::new({}));\n\
         assert_eq!(key.to_string(), {text:?});\n# Ok::<(), {krate}::ParseKeyError>(())\n```",
        values.join(", ")
    )
}

/// How a key is written and read.
fn about(key: &KeyDef) -> String {
    let first = key.parts.first().map_or(String::new(), |p| format!("`{{{}}}`", p.name));
    let later: Vec<String> = (key.parts.iter().zip(&key.literals).skip(1))
        .map(|(part, separator)| format!("`{{{}}}` is what follows the last `{separator}`", part.name))
        .rev()
        .collect();
    let mut separators: Vec<String> = Vec::new();
    for separator in key.literals.iter().take(key.parts.len()).skip(1) {
        let separator = format!("`{separator}`");
        if !separators.contains(&separator) {
            separators.push(separator);
        }
    }
    let split = if later.is_empty() {
        String::new()
    } else {
        format!(
            " Text is read from the right: {}, and {first} is what is left, so only {first} may hold {}. \
             A key built with a later part that holds the text before it, or an integer outside its bounds, \
             writes text that does not read back.",
            later.join(", "),
            separators.join(" or "),
        )
    };
    format!(
        "Written `{format}`, as in `{text}`, wherever it is sent or received: in paths, queries and JSON. \
         Build one from its parts with [`new`](Self::new), or parse its text, which fails with a \
         [`ParseKeyError`](crate::ParseKeyError) saying what does not fit; `to_string()` writes it.{split}",
        format = key.format,
        text = key.text(&key.example),
    )
}
