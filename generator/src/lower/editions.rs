//! Lowering editions: the ones the `api` block declares, how a server answers a path it does not
//! route, and which editions serve each operation (its own list, else its file's, else all).

use super::{Lowerer, closest};
use crate::diagnostic::Diagnostic;
use crate::model::Edition;
use crate::spec::{ApiSpec, EndpointSpec, Loaded};

impl Lowerer<'_> {
    /// The `api` block's editions and its `not_served` answer.
    pub(super) fn editions(&mut self, file: &Loaded, spec: &ApiSpec) -> (Vec<Edition>, Option<(u16, String)>) {
        let editions: Vec<Edition> = spec
            .editions
            .iter()
            .map(|(name, edition)| Edition {
                name: name.clone(),
                title: edition.title.clone(),
                doc: edition.description.clone().unwrap_or_default(),
            })
            .collect();
        for edition in &editions {
            if edition.title.trim().is_empty() {
                let at = file.value_at(&["api", "editions", &edition.name, "title"]);
                self.error(Diagnostic::error(format!("edition `{}` has an empty title", edition.name)).at(at));
            }
        }
        self.edition_names = editions.iter().map(|e| e.name.clone()).collect();
        let not_served = spec.not_served.as_ref().and_then(|answer| {
            if !(400..=599).contains(&answer.status) {
                let d = Diagnostic::error(format!("{} is not an error status", answer.status))
                    .at(file.value_at(&["api", "not_served", "status"]))
                    .help("a path a server does not route is answered with an error status, 404 as a rule");
                self.error(d);
                return None;
            }
            Some((answer.status, answer.body.to_string()))
        });
        (editions, not_served)
    }

    /// The editions that serve an endpoint, by name, in the `api` block's order; `None` after
    /// reporting a name the block does not declare.
    pub(super) fn endpoint_editions(&mut self, file: &Loaded, name: &str, spec: &EndpointSpec) -> Option<Vec<String>> {
        let (listed, path): (&[String], Vec<&str>) = match (&spec.editions, &file.spec.editions) {
            (Some(own), _) => (own, vec!["endpoints", name, "editions"]),
            // A file's list is reported once, not for each of its endpoints.
            (None, Some(file_wide)) if !self.checked_editions.insert(file.path.clone()) => {
                return Some(self.edition_names.iter().filter(|e| file_wide.contains(e)).cloned().collect());
            }
            (None, Some(file_wide)) => (file_wide, vec!["editions"]),
            (None, None) => return Some(self.edition_names.clone()),
        };
        let mut ok = true;
        if self.edition_names.is_empty() {
            let d = Diagnostic::error("the `api` block declares no editions")
                .at(file.key_at(&path))
                .help("declare them under `api.editions` (name: { title }), or leave `editions` out");
            self.error(d);
            return None;
        }
        if listed.is_empty() {
            let d = Diagnostic::error("no edition serves this").at(file.value_at(&path)).help("name at least one");
            self.error(d);
            ok = false;
        }
        for (i, edition) in listed.iter().enumerate() {
            if !self.edition_names.contains(edition) {
                let mut d = Diagnostic::error(format!("unknown edition `{edition}`"))
                    .at(file.value_at(&[path.as_slice(), &[i.to_string().as_str()]].concat()));
                if let Some(near) = closest(edition, self.edition_names.iter().map(String::as_str)) {
                    d = d.help(format!("did you mean `{near}`?"));
                }
                self.error(d);
                ok = false;
            }
        }
        let served = self.edition_names.iter().filter(|e| listed.contains(e)).cloned().collect();
        ok.then_some(served)
    }
}
