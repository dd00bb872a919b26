//! Walks two surfaces side by side: operations, their parameters, bodies and responses, named
//! types and enums, and the crate-wide facts. Members are classified in `classify`; here are the
//! whole items, renames, and the changes that only the docs or the wire show.

use std::collections::{BTreeMap, BTreeSet};

use super::classify::{self, Owner, rust};
use super::surface::{
    Field, Operation, Param, Response, Schema, Surface, Transfer, Webhooks, field_ident, member, method_ident,
    rust_name, variant,
};
use super::{Change, Class};
use crate::model::{Bounds, Presence, Ty};
use crate::names;

/// Every change from `old` to `new`, unsorted; descriptions that changed are gathered into one
/// `docs` line per operation or type.
pub fn changes(old: &Surface, new: &Surface) -> Vec<Change> {
    let renamed_types = renames(&old.schemas, &new.schemas, |a, b| without_docs(a) == without_docs(b));
    let renamed_operations = renames(&old.operations, &new.operations, |a, b| a.method == b.method && a.path == b.path);
    let mut diff = Diff { renamed_types, changes: Vec::new(), docs: BTreeMap::new() };
    diff.crate_wide(old, new);
    diff.operations(old, new, &renamed_operations);
    diff.schemas(old, new);
    diff.sent(old, new);
    diff.conversions(old, new);
    diff.expansions(old, new);
    diff.webhooks(old, new);
    let Diff { mut changes, docs, .. } = diff;
    changes.extend(
        docs.into_iter().map(|(subject, parts)| {
            Change::new(Class::Docs, subject, format!("docs changed for {}", parts.join(", ")))
        }),
    );
    changes
}

struct Diff {
    /// Old type name → new name, for types that only changed their name.
    renamed_types: BTreeMap<String, String>,
    changes: Vec<Change>,
    /// Subject → which of its descriptions changed.
    docs: BTreeMap<String, Vec<String>>,
}

impl Diff {
    fn push(&mut self, class: Class, subject: impl Into<String>, what: impl Into<String>) {
        self.changes.push(Change::new(class, subject, what));
    }

    fn doc(&mut self, subject: &str, part: impl Into<String>) {
        self.docs.entry(subject.to_string()).or_default().push(part.into());
    }

    /// Whether `old` is `new` once renamed types are followed.
    fn same_ty(&self, old: &Ty, new: &Ty) -> bool {
        renamed(old, &self.renamed_types) == *new
    }

    fn crate_wide(&mut self, old: &Surface, new: &Surface) {
        for what in super::shape::between(old.shape, new.shape) {
            self.push(Class::Breaking, "crate", format!("the generator changed: {what}"));
        }
        if old.base_url != new.base_url {
            let what = format!(
                "default base URL {} → {} (where a client sends unless told otherwise; the Rust API is unchanged)",
                old.base_url, new.base_url
            );
            self.push(Class::Docs, "Client", what);
        }
        if old.auth != new.auth {
            let what = format!(
                "authentication {} → {} (what the server accepts; the Rust API is unchanged)",
                old.auth.join(" or "),
                new.auth.join(" or ")
            );
            self.push(Class::Docs, "Client", what);
        }
        if old.crate_doc.trim() != new.crate_doc.trim() {
            self.doc("crate", "the front page");
        }
        for (name, doc) in &old.modules {
            match new.modules.get(name) {
                None => self.push(Class::Breaking, format!("module {name}"), "removed"),
                Some(new_doc) if new_doc.trim() != doc.trim() => self.doc(&format!("module {name}"), "the module"),
                Some(_) => {}
            }
        }
        for name in new.modules.keys().filter(|name| !old.modules.contains_key(*name)) {
            self.push(Class::Additive, format!("module {name}"), "new module");
        }
    }

    fn operations(&mut self, old: &Surface, new: &Surface, renamed: &BTreeMap<String, String>) {
        for (name, before) in &old.operations {
            let now = renamed.get(name).unwrap_or(name);
            match new.operations.get(now) {
                None => {
                    let what = format!("removed (was {} {})", before.method, before.path);
                    self.push(Class::Breaking, method_ident(name), what);
                    self.transfers(&before.transfers, &BTreeMap::new());
                }
                Some(after) => {
                    if now != name {
                        self.push(Class::Breaking, method_ident(name), rename(name, now, before));
                    }
                    self.operation(now, before, after);
                }
            }
        }
        let kept: Vec<&String> = renamed.values().collect();
        for (name, after) in
            new.operations.iter().filter(|(n, _)| !old.operations.contains_key(*n) && !kept.contains(n))
        {
            let stream = if after.response.paginated {
                format!(", with {}", rust_name(names::stream_method, name))
            } else {
                String::new()
            };
            self.push(
                Class::Additive,
                method_ident(name),
                format!("new operation ({} {}{stream})", after.method, after.path),
            );
            self.transfers(&BTreeMap::new(), &after.transfers);
        }
    }

    /// An operation's upload and download methods (`x-upload`, `x-download`), by name.
    fn transfers(&mut self, old: &BTreeMap<String, Transfer>, new: &BTreeMap<String, Transfer>) {
        for (method, before) in old {
            match new.get(method) {
                None => self.push(Class::Breaking, method, format!("removed (the {} in one call)", before.kind)),
                Some(after) if after.returns != before.returns => {
                    let field =
                        |f: &Option<String>| f.as_deref().map_or("the whole answer".to_string(), |f| format!("`{f}`"));
                    let what = format!("returns {} instead of {}", field(&after.returns), field(&before.returns));
                    self.push(Class::Breaking, method, what);
                }
                Some(after) if after.block != before.block => {
                    self.push(
                        Class::Docs,
                        method,
                        format!("its steps changed: {} (the Rust API is unchanged)", after.block),
                    );
                }
                Some(_) => {}
            }
        }
        for (method, after) in new.iter().filter(|(method, _)| !old.contains_key(*method)) {
            self.push(Class::Additive, method, format!("new method: the {} of a file in one call", after.kind));
        }
    }

    fn operation(&mut self, name: &str, old: &Operation, new: &Operation) {
        let subject = method_ident(name);
        self.route(&subject, old, new);
        self.module(name, old, new);
        self.path_params(&subject, &old.path_params, &new.path_params);
        self.query(name, old, new);
        self.body(name, old, new);
        self.response(name, &old.response, &new.response);
        self.transfers(&old.transfers, &new.transfers);
        if old.doc.trim() != new.doc.trim() {
            self.doc(&subject, "the operation");
        }
        let params = |o: &Operation| o.path_params.iter().chain(&o.query_params).map(param_field).collect::<Vec<_>>();
        let (old_params, new_params) = (params(old), params(new));
        for param in classify::doc_changes(&old_params, &new_params) {
            self.doc(&subject, format!("parameter {param}"));
        }
        if let (Some(old_body), Some(new_body)) = (&old.body, &new.body) {
            for field in classify::doc_changes(old_body, new_body) {
                self.doc(&rust_name(names::body_type, name), format!("field {field}"));
            }
        }
    }

    /// The method and path: what the server sees, not the compiler.
    fn route(&mut self, subject: &str, old: &Operation, new: &Operation) {
        if old.method == new.method && shape(&old.path) == shape(&new.path) {
            return;
        }
        let what = format!(
            "route {} {} → {} {}: breaking for a server that only serves the old route, not for Rust (callers compile unchanged)",
            old.method, old.path, new.method, new.path
        );
        self.push(Class::Docs, subject, what);
    }

    /// Body and query types live in the operation's module; moving it moves their paths.
    fn module(&mut self, name: &str, old: &Operation, new: &Operation) {
        if old.module == new.module {
            return;
        }
        let types: Vec<String> = own_types(old).into_iter().map(|rule| rust_name(rule, name)).collect();
        let subject = method_ident(name);
        if types.is_empty() {
            self.doc(&subject, format!("its module ({} → {})", old.module, new.module));
            return;
        }
        let what = format!(
            "moved from module {} to {}: {} {} there too (the crate-root re-exports stay)",
            old.module,
            new.module,
            types.join(" and "),
            if types.len() == 1 { "moves" } else { "move" }
        );
        self.push(Class::Breaking, subject, what);
    }

    /// Path parameters are positional arguments: their names are not part of the Rust API.
    fn path_params(&mut self, subject: &str, old: &[Param], new: &[Param]) {
        for (position, pair) in old.iter().zip(new).enumerate() {
            let (before, after) = pair;
            if !self.same_ty(&before.ty, &after.ty) {
                let what = format!(
                    "path argument {} ({}) changes type {} → {}",
                    position + 1,
                    after.name,
                    rust(&before.ty),
                    rust(&after.ty)
                );
                self.push(Class::Breaking, subject, what);
            } else if before.name != after.name {
                self.doc(subject, format!("path argument {} ({} → {})", position + 1, before.name, after.name));
            }
        }
        for removed in old.iter().skip(new.len()) {
            self.push(Class::Breaking, subject, format!("path argument {} removed", removed.name));
        }
        for added in new.iter().skip(old.len()) {
            self.push(Class::Breaking, subject, format!("new path argument {}", added.name));
        }
    }

    fn query(&mut self, name: &str, old: &Operation, new: &Operation) {
        let ident = rust_name(names::query_type, name);
        let subject = method_ident(name);
        match (old.query_params.is_empty(), new.query_params.is_empty()) {
            (true, false) => self.push(Class::Breaking, &subject, format!("takes a new argument query: &{ident}")),
            (false, true) => self.push(Class::Breaking, &subject, "no longer takes a query argument"),
            _ => {}
        }
        let (before, after): (Vec<Field>, Vec<Field>) =
            (old.query_params.iter().map(param_field).collect(), new.query_params.iter().map(param_field).collect());
        let found = classify::members(Owner::Query, &ident, &before, &after, &|a, b| self.same_ty(a, b));
        self.changes.extend(found);
        for after in &new.query_params {
            let Some(before) = old.query_params.iter().find(|p| p.name == after.name) else { continue };
            let subject = member(&ident, &after.name);
            self.bounds(&subject, before.bounds, after.bounds);
            if before.sent_in != after.sent_in {
                let place = |sent_in: &str| match sent_in {
                    "query" => "the query string".to_string(),
                    other => format!("a {other}"),
                };
                let what = format!(
                    "sent in {}, not {} (the Rust API is unchanged)",
                    place(&after.sent_in),
                    place(&before.sent_in)
                );
                self.push(Class::Docs, subject.clone(), what);
            }
            if before.style != after.style && !before.style.is_empty() && !after.style.is_empty() {
                let what = format!("written as {}, not {} (the Rust API is unchanged)", after.style, before.style);
                self.push(Class::Docs, subject, what);
            }
        }
    }

    /// Bounds are checked before sending: a narrower range refuses calls that were sent before.
    fn bounds(&mut self, subject: &str, old: Bounds, new: Bounds) {
        let effects = (
            "values allowed before are now refused with Error::InvalidArgument; the signature is unchanged",
            "accepts more values; the signature is unchanged",
        );
        self.bounds_with(subject, old, new, effects);
    }

    /// A change of bounds: breaking when narrower, additive when wider, with the (narrower,
    /// wider) effect said.
    fn bounds_with(&mut self, subject: &str, old: Bounds, new: Bounds, (narrowed, widened): (&str, &str)) {
        if old == new {
            return;
        }
        let narrower = tighter(old.minimum, new.minimum, |a, b| b > a)
            || tighter(old.maximum, new.maximum, |a, b| b < a)
            || tighter(old.min_length, new.min_length, |a, b| b > a)
            || tighter(old.max_length, new.max_length, |a, b| b < a);
        let (class, effect) = if narrower { (Class::Breaking, narrowed) } else { (Class::Additive, widened) };
        self.push(class, subject, format!("bounds {} → {} ({effect})", describe(old), describe(new)));
    }

    fn body(&mut self, name: &str, old: &Operation, new: &Operation) {
        let ident = rust_name(names::body_type, name);
        let subject = method_ident(name);
        // The fields' struct, as JSON or a form (by reference) or as multipart (by value); or a
        // body of another kind.
        let fields_kind = |o: &Operation| ["", "form", "multipart"].contains(&o.request.as_str());
        let by_value = |o: &Operation| o.request == "multipart";
        if old.request != new.request {
            let describe = |o: &Operation| match o.body {
                _ if !fields_kind(o) => o.request.clone(),
                Some(_) if by_value(o) => ident.clone(),
                Some(_) => format!("&{ident}"),
                None => "none".to_string(),
            };
            let what = format!("the body argument is now {}, not {}", describe(new), describe(old));
            if !fields_kind(old) || !fields_kind(new) {
                return self.push(Class::Breaking, &subject, what);
            }
            // Both are the fields' struct: its members are compared below.
            if by_value(old) != by_value(new) && old.body.is_some() && new.body.is_some() {
                self.push(Class::Breaking, &subject, what);
            } else if old.body.is_some() && new.body.is_some() {
                let encoding = |o: &Operation| match o.request.as_str() {
                    "form" => "a form",
                    "multipart" => "multipart form data",
                    _ => "JSON",
                };
                let what = format!("sent as {}, not {} (the Rust API is unchanged)", encoding(new), encoding(old));
                self.push(Class::Docs, &ident, what);
            }
        }
        match (&old.body, &new.body) {
            (None, Some(_)) => {
                let argument = if by_value(new) { ident.clone() } else { format!("&{ident}") };
                self.push(Class::Breaking, &subject, format!("takes a new argument body: {argument}"))
            }
            (Some(_), None) => {
                self.push(Class::Breaking, &subject, format!("no longer takes a body ({ident} removed)"))
            }
            (Some(before), Some(after)) => {
                let found = classify::members(Owner::Body, &ident, before, after, &|a, b| self.same_ty(a, b));
                self.changes.extend(found);
                for field in after {
                    if let Some(old_field) = before.iter().find(|f| f.name == field.name) {
                        self.bounds(&member(&ident, &field.name), old_field.bounds, field.bounds);
                    }
                }
            }
            (None, None) => {}
        }
    }

    fn response(&mut self, name: &str, old: &Response, new: &Response) {
        let subject = method_ident(name);
        let returns = |r: &Response, types: &BTreeMap<String, String>| match &r.ty {
            None => "()".to_string(),
            Some(ty) if r.paginated => format!("Page<{}>", rust(&renamed(ty, types))),
            Some(ty) => rust(&renamed(ty, types)),
        };
        let (before, after) = (returns(old, &self.renamed_types), returns(new, &BTreeMap::new()));
        if before != after {
            let stream = rust_name(names::stream_method, name);
            let stream = match (old.paginated, new.paginated) {
                (false, true) => format!("; {stream} added"),
                (true, false) => format!("; {stream} removed"),
                _ => String::new(),
            };
            self.push(Class::Breaking, &subject, format!("returns {after} instead of {before}{stream}"));
        }
        if old.status != new.status {
            self.doc(&subject, format!("the success status ({} → {}; any 2xx is a success)", old.status, new.status));
        }
        if old.doc.trim() != new.doc.trim() {
            self.doc(&subject, "the response");
        }
    }

    fn schemas(&mut self, old: &Surface, new: &Surface) {
        for (name, before) in &old.schemas {
            if let Some(now) = self.renamed_types.get(name) {
                let what = format!("renamed to {now} (the same fields or values)");
                self.push(Class::Breaking, name, what);
                continue;
            }
            match new.schemas.get(name) {
                None => self.push(Class::Breaking, name, "removed"),
                Some(after) => self.schema(name, before, after),
            }
        }
        let renamed: Vec<&String> = self.renamed_types.values().collect();
        let added: Vec<(&String, &Schema)> =
            new.schemas.iter().filter(|(n, _)| !old.schemas.contains_key(*n) && !renamed.contains(n)).collect();
        for (name, schema) in added {
            self.push(Class::Additive, name, format!("new {}", kind(schema).1));
        }
        // A renamed type's docs may have changed too.
        for (old_name, new_name) in self.renamed_types.clone() {
            if let (Some(before), Some(after)) = (old.schemas.get(&old_name), new.schemas.get(&new_name)) {
                self.schema_docs(&new_name, before, after);
            }
        }
    }

    /// A type that a request body comes to hold gains a setter per optional field; one that no
    /// body holds any more loses them.
    fn sent(&mut self, old: &Surface, new: &Surface) {
        let (before, after) = (sent(old), sent(new));
        let kept = |name: &&&str| old.schemas.contains_key(**name) && new.schemas.contains_key(**name);
        for name in after.difference(&before).filter(kept) {
            self.push(Class::Additive, *name, "now held by a request body: a setter per optional field");
        }
        for name in before.difference(&after).filter(kept) {
            self.push(Class::Breaking, *name, "no longer held by any request body: its setters are gone");
        }
    }

    /// A type that gains a conversion gains a `From`; one that loses it breaks the code using it.
    fn conversions(&mut self, old: &Surface, new: &Surface) {
        for (name, after) in &new.schemas {
            let (Some(Schema::Object { into: before, .. }), Schema::Object { into: after, .. }) =
                (old.schemas.get(name), after)
            else {
                continue;
            };
            let before: BTreeSet<String> =
                before.iter().map(|t| self.renamed_types.get(t).unwrap_or(t).clone()).collect();
            for target in after.iter().filter(|t| !before.contains(*t)) {
                self.push(Class::Additive, name, format!("converts into {target} (`From<{name}> for {target}`)"));
            }
            for target in before.iter().filter(|t| !after.contains(t)) {
                let what = format!("no longer converts into {target}: `From<{name}> for {target}` is gone");
                self.push(Class::Breaking, name, what);
            }
        }
    }

    /// A field that expands gains a variant of the type's enum of expansions and a field type in
    /// its expanded twin; one that stops expanding breaks code that names them. A type that a
    /// call may cut to some fields gains its partial twin and enum of fields, and loses them.
    fn expansions(&mut self, old: &Surface, new: &Surface) {
        let expand = |schema: Option<&Schema>| match schema {
            Some(Schema::Object { expand, .. }) => expand.clone(),
            _ => Vec::new(),
        };
        for name in old.schemas.keys().chain(new.schemas.keys()).collect::<BTreeSet<_>>() {
            let (before, after) = (expand(old.schemas.get(name)), expand(new.schemas.get(name)));
            for (field, object) in after.iter().filter(|e| !before.contains(e)) {
                self.push(Class::Additive, name, format!("`{field}` expands into {object} (`Call::expand`)"));
            }
            for (field, object) in before.iter().filter(|e| !after.contains(e)) {
                self.push(Class::Breaking, name, format!("`{field}` no longer expands into {object}"));
            }
        }
        let select = |schema: Option<&Schema>| matches!(schema, Some(Schema::Object { select: true, .. }));
        for name in old.schemas.keys().chain(new.schemas.keys()).collect::<BTreeSet<_>>() {
            match (select(old.schemas.get(name)), select(new.schemas.get(name))) {
                (false, true) => self.push(Class::Additive, name, "a call may name its fields (`Call::fields`)"),
                (true, false) => {
                    self.push(Class::Breaking, name, format!("`{name}Partial` and `{name}Field` are gone"))
                }
                _ => {}
            }
        }
    }

    /// The webhooks: `WebhookEvent`'s variants, and how `WebhookReceiver` reads a delivery.
    fn webhooks(&mut self, old: &Surface, new: &Surface) {
        let subject = names::WEBHOOK_EVENT;
        let (before, after) = match (&old.webhooks, &new.webhooks) {
            (None, None) => return,
            (None, Some(after)) => {
                let what = format!(
                    "new enum of the webhooks' {} event(s), received with WebhookReceiver (module {})",
                    after.events.len(),
                    after.module
                );
                return self.push(Class::Additive, subject, what);
            }
            (Some(_), None) => {
                let what = "removed, with the webhooks' WebhookReceiver, Delivery and WebhookError";
                return self.push(Class::Breaking, subject, what);
            }
            (Some(before), Some(after)) => (before, after),
        };
        if before.module != after.module {
            let what = format!(
                "moved from module {} to {}, compiled with feature {} (the crate-root re-export stays)",
                before.module,
                after.module,
                names::feature(names::bare(&after.module))
            );
            self.push(Class::Breaking, subject, what);
        }
        self.receiver(before, after);
        self.events(before, after);
        if before.doc.trim() != after.doc.trim() {
            self.doc(subject, "the webhooks");
        }
    }

    /// The headers `WebhookReceiver` reads. Renaming one leaves the Rust API as it was, but the
    /// receiver then refuses (or, for the delivery's id, no longer reads) what a server that
    /// still sends the old header sends. That is breaking, where a changed route is only docs: a
    /// route is the server's to accept, while here the crate's own check turns a delivery it
    /// took into an error, as a narrower bound turns a call it sent into one. Receivers must be
    /// upgraded in step with the server, which the major version says.
    fn receiver(&mut self, old: &Webhooks, new: &Webhooks) {
        let subject = "WebhookReceiver";
        let checked = [
            ("signature header", &old.signature_header, &new.signature_header, "carries its signature in", "Unsigned"),
            (
                "signature prefix",
                &old.signature_prefix,
                &new.signature_prefix,
                "starts its signature with",
                "BadSignature",
            ),
            ("event header", &old.event_header, &new.event_header, "names its event in", "Unnamed"),
        ];
        for (what, before, after, does, error) in checked.into_iter().filter(|(_, a, b, _, _)| a != b) {
            let what = format!(
                "{what} {before:?} → {after:?}: a delivery that {does} the old one is refused with \
                 WebhookError::{error} (the Rust API is unchanged; upgrade receivers with the server)"
            );
            self.push(Class::Breaking, subject, what);
        }
        let (class, what) = match (&old.delivery_header, &new.delivery_header) {
            (None, Some(header)) => {
                (Class::Additive, format!("delivery header {header:?}: Delivery::id is now set (it was always None)"))
            }
            (Some(header), None) => (
                Class::Breaking,
                format!(
                    "delivery header {header:?} removed: Delivery::id is always None, so redeliveries cannot be told apart"
                ),
            ),
            (Some(before), Some(after)) if before != after => (
                Class::Breaking,
                format!(
                    "delivery header {before:?} → {after:?}: from a server that still sends the old one, Delivery::id is None"
                ),
            ),
            _ => return,
        };
        self.push(class, subject, what);
    }

    /// Each event is a variant of `WebhookEvent` (`#[non_exhaustive]`, with `Other` for the
    /// events it does not list): a new one is additive, anything else a variant's users notice.
    fn events(&mut self, old: &Webhooks, new: &Webhooks) {
        let owner = names::WEBHOOK_EVENT;
        let boxed = |ty: &Ty| format!("Box<{}>", rust(ty));
        let renamed = renames(&old.events, &new.events, |a, b| self.same_ty(&a.ty, &b.ty));
        for (name, before) in &old.events {
            let subject = variant(owner, name);
            if let Some(now) = renamed.get(name) {
                let what = format!("renamed to {} (event \"{name}\" → \"{now}\", the same type)", variant(owner, now));
                self.push(Class::Breaking, subject, what);
                continue;
            }
            let Some(after) = new.events.get(name) else {
                let what =
                    format!("event \"{name}\" removed (its deliveries decode as {owner}::{})", names::OTHER_EVENT);
                self.push(Class::Breaking, subject, what);
                continue;
            };
            if !self.same_ty(&before.ty, &after.ty) {
                let what = format!("holds {} instead of {}", boxed(&after.ty), boxed(&before.ty));
                self.push(Class::Breaking, &subject, what);
            }
            if before.doc.trim() != after.doc.trim() {
                self.doc(owner, format!("event \"{name}\""));
            }
        }
        let kept: Vec<&String> = renamed.values().collect();
        for (name, after) in new.events.iter().filter(|(n, _)| !old.events.contains_key(*n) && !kept.contains(n)) {
            let what = format!(
                "new event \"{name}\" holding {} (decoded as {owner}::{} before)",
                boxed(&after.ty),
                names::OTHER_EVENT
            );
            self.push(Class::Additive, variant(owner, name), what);
        }
    }

    fn schema(&mut self, name: &str, old: &Schema, new: &Schema) {
        match (old, new) {
            (Schema::Object { fields: before, .. }, Schema::Object { fields: after, .. }) => {
                let found = classify::members(Owner::Type, name, before, after, &|a, b| self.same_ty(a, b));
                self.changes.extend(found);
            }
            (Schema::Enum { values: before, .. }, Schema::Enum { values: after, .. }) => {
                for value in before.iter().filter(|v| !after.contains(v)) {
                    self.push(Class::Breaking, variant(name, value), format!("value \"{value}\" removed"));
                }
                for value in after.iter().filter(|v| !before.contains(v)) {
                    let what = format!("new value \"{value}\" (decoded as {name}::{} before)", names::UNKNOWN_VARIANT);
                    self.push(Class::Additive, variant(name, value), what);
                }
            }
            (Schema::Union { variants: before, .. }, Schema::Union { variants: after, .. }) => {
                self.union(name, before, after);
            }
            // An id type is the same type whatever its resource's docs say.
            (Schema::Id { .. }, Schema::Id { .. }) => {}
            (
                Schema::Key { format: old_format, parts: before, .. },
                Schema::Key { format: new_format, parts: after, .. },
            ) => {
                self.key(name, (old_format, before), (new_format, after));
            }
            _ => {
                let ((a, _), (b, _)) = (kind(old), kind(new));
                self.push(Class::Breaking, name, format!("now {b}, not {a}"));
            }
        }
        self.schema_docs(name, old, new);
    }

    /// A key type is a struct of parts built with `new`, and the text its format writes and
    /// reads: new, removed, retyped or reordered parts change `new`, and other text between them
    /// makes text that parsed before fail.
    fn key(&mut self, name: &str, (old_format, old): (&str, &[Field]), (new_format, new): (&str, &[Field])) {
        let found = classify::members(Owner::Type, name, old, new, &|a, b| self.same_ty(a, b));
        self.changes.extend(found);
        let order = |parts: &[Field], other: &[Field]| -> Vec<String> {
            parts.iter().filter(|p| other.iter().any(|o| o.name == p.name)).map(|p| field_ident(&p.name)).collect()
        };
        let (before, after) = (order(old, new), order(new, old));
        if before != after {
            let what = format!("{name}::new takes its parts as {}, not {}", after.join(", "), before.join(", "));
            self.push(Class::Breaking, name, what);
        }
        if literals(old_format) != literals(new_format) {
            let what = format!(
                "written `{new_format}`, not `{old_format}`: keys are sent in the new form, and text in the old one \
                 no longer parses"
            );
            self.push(Class::Breaking, name, what);
        }
        for part in new {
            if let Some(old_part) = old.iter().find(|p| p.name == part.name) {
                let effects = ("text that parsed before may now be refused", "more text parses; the type is unchanged");
                self.bounds_with(&member(name, &part.name), old_part.bounds, part.bounds, effects);
            }
        }
    }

    /// A union is an exhaustive enum: any change to its variants breaks a `match` or a decode.
    fn union(&mut self, name: &str, old: &[(String, Ty)], new: &[(String, Ty)]) {
        for (alternative, ty) in old {
            match new.iter().find(|(v, _)| v == alternative) {
                None => self.push(Class::Breaking, variant(name, alternative), "variant removed"),
                Some((_, now)) if !self.same_ty(ty, now) => {
                    let what = format!("holds {} instead of {}", rust(now), rust(ty));
                    self.push(Class::Breaking, variant(name, alternative), what);
                }
                Some(_) => {}
            }
        }
        for (alternative, ty) in new.iter().filter(|(v, _)| !old.iter().any(|(o, _)| o == v)) {
            let what = format!(
                "new variant holding {} (the enum is exhaustive: a match without a catch-all arm stops compiling)",
                rust(ty)
            );
            self.push(Class::Breaking, variant(name, alternative), what);
        }
        let order = |variants: &[(String, Ty)], other: &[(String, Ty)]| -> Vec<String> {
            variants.iter().filter(|(v, _)| other.iter().any(|(o, _)| o == v)).map(|(v, _)| v.clone()).collect()
        };
        if order(old, new) != order(new, old) {
            let what = "variants tried in another order: a value that fits several may decode as another variant";
            self.push(Class::Breaking, name, what);
        }
    }

    fn schema_docs(&mut self, name: &str, old: &Schema, new: &Schema) {
        if old.doc().trim() != new.doc().trim() {
            self.doc(name, "the type");
        }
        fn fields(schema: &Schema) -> Option<(&'static str, &[Field])> {
            match schema {
                Schema::Object { fields, .. } => Some(("field", fields)),
                Schema::Key { parts, .. } => Some(("part", parts)),
                _ => None,
            }
        }
        if let (Some((noun, before)), Some((_, after))) = (fields(old), fields(new)) {
            for field in classify::doc_changes(before, after) {
                self.doc(name, format!("{noun} {field}"));
            }
        }
    }
}

/// "renamed to …", naming the body and query types that are renamed with the method.
/// The object types that a request body holds at any depth: the ones built with setters.
fn sent(surface: &Surface) -> BTreeSet<&str> {
    let bodies = surface.operations.values().filter_map(|o| o.body.as_ref()).flatten();
    let mut pending: Vec<&Ty> = bodies.map(|f| &f.ty).collect();
    let mut seen = BTreeSet::new();
    while let Some(ty) = pending.pop() {
        match ty {
            Ty::List(item) | Ty::Map(item) => pending.push(item),
            Ty::Named(name) | Ty::Union(name) if seen.insert(name.as_str()) => match surface.schemas.get(name) {
                Some(Schema::Object { fields, .. }) => pending.extend(fields.iter().map(|f| &f.ty)),
                Some(Schema::Union { variants, .. }) => pending.extend(variants.iter().map(|(_, ty)| ty)),
                _ => {}
            },
            _ => {}
        }
    }
    seen.retain(|name| matches!(surface.schemas.get(*name), Some(Schema::Object { .. })));
    seen
}

fn rename(old: &str, new: &str, operation: &Operation) -> String {
    let types: Vec<String> = own_types(operation)
        .into_iter()
        .map(|rule| format!("{} → {}", rust_name(rule, old), rust_name(rule, new)))
        .collect();
    let also = if types.is_empty() { String::new() } else { format!("; {}", types.join(", ")) };
    format!("renamed to {} (same {} {}{also})", method_ident(new), operation.method, operation.path)
}

/// The rules that name the types an operation has of its own (its body and query types), which
/// live in its module and are named after it.
fn own_types(operation: &Operation) -> Vec<names::Rule> {
    let rules: [(bool, names::Rule); 2] =
        [(operation.body.is_some(), names::body_type), (!operation.query_params.is_empty(), names::query_type)];
    rules.into_iter().filter_map(|(has, rule)| has.then_some(rule)).collect()
}

/// Pairs items that left `old` with items that arrived in `new` and are `alike`, when the
/// pairing is unambiguous: one candidate each way.
fn renames<T>(
    old: &BTreeMap<String, T>,
    new: &BTreeMap<String, T>,
    alike: impl Fn(&T, &T) -> bool,
) -> BTreeMap<String, String> {
    let gone: Vec<(&String, &T)> = old.iter().filter(|(n, _)| !new.contains_key(*n)).collect();
    let arrived: Vec<(&String, &T)> = new.iter().filter(|(n, _)| !old.contains_key(*n)).collect();
    let mut pairs = BTreeMap::new();
    for (old_name, before) in &gone {
        let matches: Vec<&&String> = arrived.iter().filter(|(_, after)| alike(before, after)).map(|(n, _)| n).collect();
        let [new_name] = matches.as_slice() else { continue };
        let rivals = gone.iter().filter(|(_, other)| arrived.iter().any(|(n, a)| n == *new_name && alike(other, a)));
        if rivals.count() == 1 {
            pairs.insert((*old_name).clone(), (**new_name).clone());
        }
    }
    pairs
}

/// `ty` with the renamed types' new names.
fn renamed(ty: &Ty, renames: &BTreeMap<String, String>) -> Ty {
    match ty {
        Ty::Named(name) => Ty::Named(renames.get(name).unwrap_or(name).clone()),
        Ty::Enum(name) => Ty::Enum(renames.get(name).unwrap_or(name).clone()),
        Ty::Union(name) => Ty::Union(renames.get(name).unwrap_or(name).clone()),
        Ty::Key(name) => Ty::Key(renames.get(name).unwrap_or(name).clone()),
        Ty::List(inner) => Ty::List(Box::new(renamed(inner, renames))),
        Ty::Map(inner) => Ty::Map(Box::new(renamed(inner, renames))),
        other => other.clone(),
    }
}

fn without_docs(schema: &Schema) -> Schema {
    match schema {
        Schema::Object { fields, into, expand, select, .. } => Schema::Object {
            fields: fields.iter().map(|f| Field { doc: String::new(), ..f.clone() }).collect(),
            into: into.clone(),
            expand: expand.clone(),
            select: *select,
            doc: String::new(),
        },
        Schema::Enum { values, .. } => Schema::Enum { values: values.clone(), doc: String::new() },
        Schema::Union { variants, .. } => Schema::Union { variants: variants.clone(), doc: String::new() },
        Schema::Id { resource, .. } => Schema::Id { resource: resource.clone(), doc: String::new() },
        Schema::Key { format, parts, .. } => Schema::Key {
            format: format.clone(),
            parts: parts.iter().map(|p| Field { doc: String::new(), ..p.clone() }).collect(),
            doc: String::new(),
        },
    }
}

/// How a kind of schema is named: after "now" and after "new".
fn kind(schema: &Schema) -> (&'static str, &'static str) {
    match schema {
        Schema::Object { .. } => ("a struct", "type"),
        Schema::Enum { .. } => ("an enum", "enum"),
        Schema::Union { .. } => ("a union", "union"),
        Schema::Id { .. } => ("an id type", "id type"),
        Schema::Key { .. } => ("a key type", "key type"),
    }
}

/// Bounds as the report writes them.
fn describe(bounds: Bounds) -> String {
    let parts: Vec<String> =
        [span(bounds.minimum, bounds.maximum, ""), span(bounds.min_length, bounds.max_length, " characters")]
            .into_iter()
            .flatten()
            .collect();
    if parts.is_empty() { "none".to_string() } else { parts.join(", ") }
}

fn span<T: std::fmt::Display>(min: Option<T>, max: Option<T>, unit: &str) -> Option<String> {
    match (min, max) {
        (None, None) => None,
        (Some(min), None) => Some(format!("at least {min}{unit}")),
        (None, Some(max)) => Some(format!("at most {max}{unit}")),
        (Some(min), Some(max)) => Some(format!("{min} to {max}{unit}")),
    }
}

/// A path template with its parameters' names left out: renaming one changes no URL.
fn shape(path: &str) -> String {
    path.split('/').map(|segment| if segment.starts_with('{') { "{}" } else { segment }).collect::<Vec<_>>().join("/")
}

/// A key's format without its parts' names, `{}-{}`: renaming a part changes no key's text.
fn literals(format: &str) -> String {
    let texts = format.split(['{', '}']).enumerate().filter(|(i, _)| i % 2 == 0).map(|(_, text)| text);
    texts.collect::<Vec<_>>().join("{}")
}

/// A parameter as a builder member (required or not; parameters are never nullable).
fn param_field(param: &Param) -> Field {
    let presence = if param.required { Presence::Required } else { Presence::Optional };
    Field { name: param.name.clone(), ty: param.ty.clone(), presence, bounds: param.bounds, doc: param.doc.clone() }
}

/// Whether a bound moved inwards: it appeared, or `inwards(old, new)` says so.
fn tighter<T>(old: Option<T>, new: Option<T>, inwards: impl Fn(T, T) -> bool) -> bool {
    match (old, new) {
        (None, Some(_)) => true,
        (Some(old), Some(new)) => inwards(old, new),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::changes::surface::Event;

    fn surface(edit: impl FnOnce(&mut Webhooks)) -> Surface {
        let event = |ty: &str| Event { ty: Ty::Named(ty.to_string()), doc: String::new() };
        let mut webhooks = Webhooks {
            module: "hooks".to_string(),
            signature_header: "X-Signature".to_string(),
            signature_prefix: String::new(),
            event_header: "X-Event".to_string(),
            delivery_header: Some("X-Delivery".to_string()),
            events: BTreeMap::from([("paid".to_string(), event("Paid")), ("shipped".to_string(), event("Shipped"))]),
            doc: String::new(),
        };
        edit(&mut webhooks);
        Surface { webhooks: Some(webhooks), ..Surface::default() }
    }

    /// Each change between the plain webhooks and the edited ones, as `class subject`.
    fn changed(edit: impl FnOnce(&mut Webhooks)) -> Vec<String> {
        let lines = changes(&surface(|_| {}), &surface(edit));
        lines.iter().map(|c| format!("{} {}", c.class.as_str(), c.subject)).collect()
    }

    #[test]
    fn every_header_the_receiver_reads_breaks_receivers_when_it_changes() {
        assert_eq!(changed(|w| w.signature_prefix = "sha256=".into()), ["breaking WebhookReceiver"]);
        assert_eq!(changed(|w| w.event_header = "X-Kind".into()), ["breaking WebhookReceiver"]);
        assert_eq!(changed(|w| w.delivery_header = Some("X-Id".into())), ["breaking WebhookReceiver"]);
        assert_eq!(changed(|w| w.delivery_header = None), ["breaking WebhookReceiver"]);
        let added = changes(&surface(|w| w.delivery_header = None), &surface(|_| {}));
        assert_eq!(added.iter().map(|c| c.class).collect::<Vec<_>>(), [Class::Additive]);
    }

    #[test]
    fn events_are_variants() {
        let rename = |w: &mut Webhooks| {
            let event = w.events.remove("shipped").unwrap();
            w.events.insert("sent".into(), event);
        };
        assert_eq!(changed(rename), ["breaking WebhookEvent::Shipped"]);
        assert_eq!(changed(|w| w.module = "orders".into()), ["breaking WebhookEvent"]);
        assert_eq!(changed(|w| w.events.get_mut("paid").unwrap().doc = "Paid.".into()), ["docs WebhookEvent"]);
        let removed = changes(&surface(|_| {}), &Surface::default());
        assert_eq!(removed.iter().map(|c| c.class).collect::<Vec<_>>(), [Class::Breaking]);
    }
}
