//! Every Rust name of the crate that the report may mention, read from the same surface and made
//! by the same rules as the report's lines. `tests/names.rs` compares them with the items of the
//! generated crate, so that the report cannot name an item the crate does not have.

use std::collections::BTreeSet;

use super::classify::{Owner, has_clear_setter};
use super::surface::{Operation, Schema, Surface, member, method_ident, rust_name, variant};
use crate::names;

/// The names, one per item: `mod customers`, `Client::list_customers` (and its
/// `Client::list_customers_stream`), types (`Customer`, `ListCustomersQuery`), members of
/// structs and key types (`Customer.id`, `ListCustomersQuery.per_page`, `WorkItemKey.number`),
/// `clear_…` setters (`UpdateCustomerBody::clear_website_url`) and variants (`Stage::Lead`,
/// `Stage::Unknown`, `WebhookEvent::Project`, `WebhookEvent::Other`).
pub fn rust_names(surface: &Surface) -> BTreeSet<String> {
    let mut found: BTreeSet<String> = surface.modules.keys().map(|module| format!("mod {module}")).collect();
    for (name, operation) in &surface.operations {
        operation_names(name, operation, &mut found);
    }
    for (name, schema) in &surface.schemas {
        found.insert(name.clone());
        match schema {
            Schema::Object { fields, expand, select, .. } => {
                found.extend(fields.iter().map(|field| member(name, &field.name)));
                if !expand.is_empty() {
                    expansion_names(name, fields, expand, &mut found);
                }
                if *select {
                    selection_names(name, fields, &mut found);
                }
            }
            Schema::Enum { values, .. } => {
                found.extend(values.iter().map(|value| variant(name, value)));
                found.insert(format!("{name}::{}", names::UNKNOWN_VARIANT));
            }
            Schema::Union { variants, .. } => found.extend(variants.iter().map(|(v, _)| variant(name, v))),
            Schema::Id { .. } => drop(found.insert(format!("mod {}", names::IDS_MODULE))),
            Schema::Key { parts, .. } => found.extend(parts.iter().map(|part| member(name, &part.name))),
        }
    }
    if let Some(webhooks) = &surface.webhooks {
        let events = webhooks.events.keys().map(String::as_str).chain([names::OTHER_EVENT]);
        found.extend(events.map(|event| variant(names::WEBHOOK_EVENT, event)));
        found.insert(names::WEBHOOK_EVENT.to_string());
    }
    found
}

/// An operation's methods (its upload and download too), and its request types with their members.
fn operation_names(name: &str, operation: &Operation, found: &mut BTreeSet<String>) {
    found.insert(format!("Client::{}", method_ident(name)));
    found.extend(operation.transfers.keys().map(|method| format!("Client::{method}")));
    if operation.response.paginated {
        found.insert(format!("Client::{}", rust_name(names::stream_method, name)));
    }
    if !operation.query_params.is_empty() {
        let query = rust_name(names::query_type, name);
        found.extend(operation.query_params.iter().map(|param| member(&query, &param.name)));
        found.insert(query);
    }
    if let Some(fields) = &operation.body {
        let body = rust_name(names::body_type, name);
        for field in fields {
            found.insert(member(&body, &field.name));
            if has_clear_setter(Owner::Body, field.presence) {
                found.insert(format!("{body}::{}", rust_name(names::clear_setter, &field.name)));
            }
        }
        found.insert(body);
    }
}

/// The expanded twin of an object type that expands (its fields are the type's), and its enum of
/// expansions (a variant per field that expands).
fn expansion_names(
    name: &str,
    fields: &[super::surface::Field],
    expand: &[(String, String)],
    found: &mut BTreeSet<String>,
) {
    let (twin, key) = (format!("{name}Expanded"), format!("{name}Expansion"));
    found.extend(fields.iter().map(|field| member(&twin, &field.name)));
    found.extend(expand.iter().map(|(field, _)| variant(&key, field)));
    found.insert(format!("{key}::{}", names::UNKNOWN_VARIANT));
    found.extend([twin, key]);
}

/// The partial twin of an object type a call may cut to some fields, and its enum of fields.
fn selection_names(name: &str, fields: &[super::surface::Field], found: &mut BTreeSet<String>) {
    let (twin, field) = (format!("{name}Partial"), format!("{name}Field"));
    found.extend(fields.iter().map(|f| member(&twin, &f.name)));
    found.extend(fields.iter().map(|f| variant(&field, &f.name)));
    found.insert(format!("{field}::{}", names::UNKNOWN_VARIANT));
    found.extend([twin, field]);
}
