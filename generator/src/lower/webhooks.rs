//! Lowering the `webhooks` block: at most one in a spec, its headers valid header names, and
//! each event's body an object type or a union of the spec, named by a variant of
//! `WebhookEvent` that no other event (and not `Other`, for events the spec does not list) takes.

use std::collections::HashMap;

use super::Lowerer;
use super::endpoints::is_header_name;
use crate::diagnostic::Diagnostic;
use crate::model::{Module, Ty, WebhookEvent, Webhooks};
use crate::names;
use crate::spec::Loaded;

impl Lowerer<'_> {
    /// The spec's webhooks, if a file declares them; `modules` are the spec's modules.
    pub(super) fn webhooks(&mut self, modules: &[Module]) -> Option<Webhooks> {
        let files = self.files;
        let mut declaring = files.iter().filter(|f| f.spec.webhooks.is_some());
        let file = declaring.next()?;
        for other in declaring {
            let d = Diagnostic::error("a second `webhooks` block")
                .at(other.key_at(&["webhooks"]))
                .help(format!("the webhooks are declared in `{}`; a spec has one `webhooks` block", file.path));
            self.error(d);
        }
        let spec = file.spec.webhooks.as_ref()?;
        let module = modules.iter().find(|m| file.path.ends_with(&m.file))?.ident.clone();
        if self.types.values().any(|ty| ty.named() == Some(names::WEBHOOK_EVENT)) {
            let d = Diagnostic::error(format!("the type name `{}` is taken by the webhooks", names::WEBHOOK_EVENT))
                .at(file.key_at(&["webhooks"]))
                .help("the generated crate's enum of webhook events has that name; rename the type");
            self.error(d);
        }
        let headers = [
            ("signature_header", Some(&spec.signature_header)),
            ("event_header", Some(&spec.event_header)),
            ("delivery_header", spec.delivery_header.as_ref()),
        ];
        for (key, header) in headers {
            if let Some(header) = header.filter(|h| !is_header_name(h)) {
                let d = Diagnostic::error(format!("`{header}` is not a valid HTTP header name"))
                    .at(file.value_at(&["webhooks", key]));
                self.error(d);
            }
        }
        let events = self.webhook_events(file, spec)?;
        Some(Webhooks {
            module,
            doc: spec.description.clone().unwrap_or_default(),
            signature_header: spec.signature_header.clone(),
            signature_prefix: spec.signature_prefix.clone(),
            event_header: spec.event_header.clone(),
            delivery_header: spec.delivery_header.clone(),
            events,
        })
    }

    fn webhook_events(&mut self, file: &Loaded, spec: &crate::spec::WebhooksSpec) -> Option<Vec<WebhookEvent>> {
        let mut events = Vec::new();
        let mut taken: HashMap<String, String> = HashMap::from([(names::OTHER_EVENT.to_string(), String::new())]);
        for (wire, event) in &spec.events {
            let path = ["webhooks", "events", wire.as_str()];
            let Some(ident) = self.rust_name(names::variant, "event", wire, || file.key_at(&path)) else { continue };
            if let Some(other) = taken.insert(ident.clone(), wire.clone()) {
                let what = if other.is_empty() {
                    "the variant for events the spec does not list".to_string()
                } else {
                    format!("event `{other}`")
                };
                self.clash(
                    format!("event `{wire}` becomes the variant `{ident}`, which {what} has"),
                    file.key_at(&path),
                );
                continue;
            }
            let ty_path = [path.as_slice(), &["type"]].concat();
            let Some(ty) = self.ty(file, &ty_path, &event.ty) else { continue };
            if !matches!(ty, Ty::Named(_) | Ty::Union(_)) {
                let d = Diagnostic::error(format!(
                    "event `{wire}` has type `{}`, which is not an object or a union",
                    event.ty
                ))
                .at(file.value_at(&ty_path))
                .help("an event's type describes the delivery's whole JSON body: name a type of the spec");
                self.error(d);
                continue;
            }
            events.push(WebhookEvent {
                wire: wire.clone(),
                ident,
                ty,
                doc: event.description.clone().unwrap_or_default(),
            });
        }
        if spec.events.is_empty() {
            let d = Diagnostic::error("the webhooks declare no events").at(file.key_at(&["webhooks", "events"]));
            self.error(d);
            return None;
        }
        Some(events)
    }
}
