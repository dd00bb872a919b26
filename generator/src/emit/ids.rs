//! `src/ids.rs`: one id type per resource that the spec's `id<…>` expressions name. A `Copy`
//! newtype over `Uuid`, so that passing a label's id where a project's belongs does not compile;
//! what they share (constructors, text, JSON) is the runtime's `id_type::impls!`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use crate::model::{Api, IdDef};

/// The module's documentation.
pub fn module_doc(api: &Api) -> TokenStream {
    let example = api.ids.first().map_or(String::new(), |id| {
        format!(
            "\n\n```\nlet id: {krate}::{ident} = \"550e8400-e29b-41d4-a716-446655440000\".parse()?;\n\
             let uuid: {krate}::Uuid = id.into();\nassert_eq!({krate}::{ident}::from_uuid(uuid), id);\n\
             # Ok::<(), Box<dyn std::error::Error>>(())\n```",
            krate = api.crate_name,
            ident = id.ident,
        )
    });
    let swapped = super::examples::swapped_ids_example(api).unwrap_or_default();
    docs::inner(&docs::paragraphs([
        "The id of each resource, as a type of its own: a label's id is a `LabelId`, not a bare \
         `Uuid`, so that ids cannot be swapped by mistake. They are written and read as the plain \
         UUID text, in JSON and in paths alike.",
        &format!(
            "A `Uuid` becomes an id only by saying which (`from_uuid`), and an id becomes a `Uuid` with \
             `uuid()` or `Uuid::from`. Compiled whatever features are on: every resource's fields name \
             other resources' ids.{example}"
        ),
        &swapped,
    ]))
}

/// Each id type and its impls.
pub fn items(ids: &[IdDef]) -> Vec<TokenStream> {
    let impls = crate::runtime::internal::id_type_impls();
    ids.iter()
        .map(|id| {
            let ident = format_ident!("{}", id.ident);
            let doc = docs::outer(&id.doc);
            quote! {
                #doc
                #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct #ident(::uuid::Uuid);

                #impls!(#ident);
            }
        })
        .collect()
}
