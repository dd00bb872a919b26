//! Cargo features: one per module (spec file), all on by default, so that a consumer who needs
//! two resources compiles two modules. A module that names another module's types turns that
//! module's feature on too: a shared type compiles whenever any resource that uses it is on.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Api, Endpoint, Request, Ty};

/// The `[features]` a crate's manifest declares: each module's feature and the features it turns
/// on, then `default`, which turns them all on.
pub fn table(api: &Api) -> BTreeMap<String, Vec<String>> {
    let owners = owners(api);
    // What each module (bare name) uses, in one pass over the model.
    let mut uses: BTreeMap<&str, BTreeSet<&str>> =
        api.modules.iter().map(|m| (m.bare_ident(), BTreeSet::new())).collect();
    let types = api.types.iter().flat_map(|t| t.fields.iter().map(move |f| (&t.module, &f.ty)));
    let unions = api.unions.iter().flat_map(|u| u.variants.iter().map(move |v| (&u.module, &v.ty)));
    let endpoints = api.endpoints.iter().flat_map(|e| endpoint_types(e).map(move |ty| (&e.module, ty)));
    // A conversion's `From` names its target: converting a webhook's cycle needs `Cycle`.
    let targets: Vec<(&String, Ty)> =
        api.types.iter().flat_map(|t| t.into.iter().map(move |c| (&t.module, Ty::Named(c.target.clone())))).collect();
    // An expanded twin names the objects its fields expand into, but turns no feature on: it
    // compiles only with theirs (`emit::structs`).
    let conversions = targets.iter().map(|(module, ty)| (*module, ty));
    for (module, ty) in types.chain(unions).chain(endpoints).chain(conversions) {
        if let Some(used) = uses.get_mut(crate::names::bare(module)) {
            collect(ty, &owners, used);
        }
    }
    let mut table: BTreeMap<String, Vec<String>> = uses
        .into_iter()
        .map(|(module, used)| {
            let others = used.into_iter().filter(|used| *used != module).map(crate::names::feature);
            (crate::names::feature(module), others.collect())
        })
        .collect();
    // The module that declares the webhooks also compiles the runtime's `webhook`, and its crates.
    if let Some(webhooks) = &api.webhooks {
        let feature = crate::names::feature(crate::names::bare(&webhooks.module));
        let dependencies = crate::runtime::WEBHOOK_DEPENDENCIES.iter().map(|d| format!("dep:{d}"));
        table.entry(feature).or_default().extend(dependencies);
    }
    let all = table.keys().cloned().collect();
    table.insert("default".into(), all);
    table
}

/// The module (bare name) that declares each of the spec's types, by Rust name.
fn owners(api: &Api) -> BTreeMap<&str, &str> {
    let types = api.types.iter().map(|t| (t.ident.as_str(), t.module.as_str()));
    let unions = api.unions.iter().map(|u| (u.ident.as_str(), u.module.as_str()));
    let enums = api.enums.iter().map(|e| (e.ident.as_str(), e.module.as_str()));
    let keys = api.keys.iter().map(|k| (k.ident.as_str(), k.module.as_str()));
    types.chain(unions).chain(enums).chain(keys).map(|(ty, module)| (ty, crate::names::bare(module))).collect()
}

/// Every type an operation's signature and request types name.
fn endpoint_types(endpoint: &Endpoint) -> impl Iterator<Item = &Ty> {
    let params = endpoint.path_params.iter().chain(&endpoint.query_params).map(|p| &p.ty);
    let body = endpoint.body.iter().flat_map(|b| b.fields.iter().map(|f| &f.ty));
    let typed_body = match &endpoint.request {
        Request::Json { ty, .. } => Some(ty),
        _ => None,
    };
    params.chain(body).chain(typed_body).chain(endpoint.response.ty.as_ref())
}

/// Adds the modules that declare the types `ty` names, however deeply nested.
fn collect<'a>(ty: &Ty, owners: &BTreeMap<&str, &'a str>, into: &mut BTreeSet<&'a str>) {
    match ty {
        Ty::List(item) | Ty::Map(item) => collect(item, owners, into),
        other => {
            if let Some(module) = other.named().and_then(|name| owners.get(name)) {
                into.insert(module);
            }
        }
    }
}
