//! The crate's `Cargo.toml`. Written whole only when the crate has none: from then on it is the
//! crate owner's, to add metadata, a license and features to. The generator keeps two parts of it
//! current: the features of the crate's modules and `default` (see [`features`](super::features)),
//! and the runtime's dependencies, which it adds when one is missing; it leaves every other line
//! as it is.

use std::collections::BTreeMap;

use toml_edit::{Array, DocumentMut, Item, Table};

/// The manifest of a new crate whose library is `crate_name`, for the API titled `title`, with
/// the `features` of its modules (and the runtime's webhook dependencies if it has `webhooks`).
pub fn new(crate_name: &str, title: &str, features: &BTreeMap<String, Vec<String>>, webhooks: bool) -> String {
    // A JSON string is a valid TOML basic string: same quotes, same escapes.
    let quoted = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let package = quoted(&crate::names::package(crate_name));
    let description = quoted(&format!("Typed async client for the {title}, generated from its spec."));
    let dependencies = crate::runtime::dependencies(webhooks);
    let mut manifest = format!(
        "# Written once by the generator from the spec's `api` block; the crate's own from now on (the\n\
         # generator never rewrites it but for the features of its modules and `default`, and adds a\n\
         # dependency the runtime under src/ comes to need). Keep the dependencies: the runtime needs them.\n\
         [package]\nname = {package}\nversion = \"0.1.0\"\ndescription = {description}\n\
         edition = \"2024\"\nrust-version = \"1.85\"\n\n\
         [lib]\npath = \"src/lib.rs\"\n\n\
         [dependencies]\n{dependencies}\n\n\
         [dev-dependencies]\ntokio = {{ version = \"1\", features = [\"macros\", \"rt\", \"rt-multi-thread\"] }}\n\n\
         [features]\n"
    );
    for (name, enables) in features {
        manifest.push_str(&format!("{name} = {}\n", array(enables)));
    }
    manifest
}

/// `old`, an existing manifest, with the features that `fresh` (a manifest from [`new`])
/// declares set as `fresh` has them; every other key, comment and blank line stays as it was.
pub fn update(old: &str, fresh: &str) -> Result<String, String> {
    let mut doc: DocumentMut = old.parse().map_err(|e| format!("cannot read the crate's Cargo.toml: {e}"))?;
    let fresh: DocumentMut =
        fresh.parse().map_err(|e| format!("the generator wrote a manifest it cannot read: {e}"))?;
    // A dependency the runtime has come to need is added; the owner's own entries stay as written.
    let mut changed = false;
    if let Some(needed) = fresh.get("dependencies").and_then(Item::as_table) {
        let dependencies = doc
            .entry("dependencies")
            .or_insert_with(|| Item::Table(Table::new()))
            .as_table_mut()
            .ok_or("the crate's Cargo.toml has a `dependencies` that is not a table")?;
        let missing: Vec<(&str, &Item)> = needed.iter().filter(|(name, _)| !dependencies.contains_key(name)).collect();
        // A table in the runtime's order stays in it; one the owner ordered otherwise gets them last.
        let order: Vec<&str> = needed.iter().map(|(name, _)| name).collect();
        let rank = |name: &str| order.iter().position(|n| *n == name);
        let ranks: Vec<Option<usize>> = dependencies.iter().map(|(name, _)| rank(name)).collect();
        let in_order = ranks.iter().all(Option::is_some) && ranks.windows(2).all(|pair| pair[0] < pair[1]);
        for (name, value) in &missing {
            dependencies.insert(name, (*value).clone());
        }
        if in_order {
            dependencies.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
        }
        changed |= !missing.is_empty();
    }
    let Some(wanted) = fresh.get("features").and_then(Item::as_table) else {
        return Ok(if changed { doc.to_string() } else { old.to_string() });
    };
    let features = doc
        .entry("features")
        .or_insert_with(|| Item::Table(Table::new()))
        .as_table_mut()
        .ok_or("the crate's Cargo.toml has a `features` that is not a table")?;
    for (name, value) in wanted {
        // Compared as values, so that a feature already right keeps its layout and comments.
        let same = features.get(name).and_then(Item::as_array).map(strings) == value.as_array().map(strings);
        if !same {
            features.insert(name, value.clone());
            changed = true;
        }
    }
    Ok(if changed { doc.to_string() } else { old.to_string() })
}

fn strings(array: &Array) -> Vec<&str> {
    array.iter().filter_map(|v| v.as_str()).collect()
}

/// A TOML array of strings: on one line if it fits in 100 columns, else one item per line.
fn array(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("\"{item}\"")).collect();
    let line = format!("[{}]", quoted.join(", "));
    if line.len() <= 80 { line } else { format!("[\n    {},\n]", quoted.join(",\n    ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features() -> BTreeMap<String, Vec<String>> {
        BTreeMap::from([
            ("cycles".to_string(), vec!["work-items".to_string()]),
            ("default".to_string(), vec!["cycles".to_string(), "work-items".to_string()]),
            ("work-items".to_string(), vec![]),
        ])
    }

    #[test]
    fn a_new_manifest_reads_back_with_its_features() {
        let manifest: toml::Table = toml::from_str(&new("acme_client", "Acme API", &features(), false)).unwrap();
        assert_eq!(manifest["package"]["name"].as_str(), Some("acme-client"));
        assert_eq!(manifest["features"]["cycles"].as_array().unwrap()[0].as_str(), Some("work-items"));
        assert!(manifest["dependencies"].get("reqwest").is_some());
    }

    #[test]
    fn an_update_sets_the_modules_features_and_keeps_everything_else() {
        let fresh = new("acme_client", "Acme API", &features(), false);
        let old = "[package]\nname = \"mine\" # my name\n\n[features]\n# my own\nmine = []\ncycles = []\n";
        let updated = update(old, &fresh).unwrap();
        assert!(updated.contains("name = \"mine\" # my name"), "{updated}");
        assert!(updated.contains("# my own\nmine = []"), "{updated}");
        let manifest: toml::Table = toml::from_str(&updated).unwrap();
        assert_eq!(manifest["features"]["cycles"].as_array().unwrap().len(), 1, "{updated}");
        assert_eq!(manifest["features"]["default"].as_array().unwrap().len(), 2, "{updated}");
        assert_eq!(update(&updated, &fresh).unwrap(), updated, "a second update changes nothing");
    }

    #[test]
    fn an_update_adds_a_dependency_the_runtime_needs_and_keeps_the_owners() {
        let fresh = new("acme_client", "Acme API", &features(), true);
        let old =
            "[package]\nname = \"mine\"\n\n[dependencies]\nreqwest = { version = \"0.13\", features = [\"json\"] }\n";
        let updated = update(old, &fresh).unwrap();
        let manifest: toml::Table = toml::from_str(&updated).unwrap();
        let dependencies = manifest["dependencies"].as_table().unwrap();
        assert_eq!(
            dependencies["reqwest"]["features"].as_array().unwrap().len(),
            1,
            "the owner's entry stays: {updated}"
        );
        assert_eq!(dependencies["hmac"]["optional"].as_bool(), Some(true), "{updated}");
        assert!(dependencies.contains_key("serde_json"), "{updated}");
        assert_eq!(update(&updated, &fresh).unwrap(), updated, "a second update changes nothing");
    }

    #[test]
    fn a_dependency_added_to_a_table_in_the_runtimes_order_takes_its_place_in_it() {
        let fresh = new("acme_client", "Acme API", &features(), false);
        // The keys as written, in order (a `toml::Table` would sort them).
        let names = |text: &str| -> Vec<String> {
            let manifest: DocumentMut = text.parse().unwrap();
            manifest["dependencies"].as_table().unwrap().iter().map(|(name, _)| name.to_string()).collect()
        };
        let all = names(&fresh);
        let without = |gone: &str| fresh.replace(&format!("\n{gone} = "), "\n# dropped = ");
        for gone in [&all[0], &all[all.len() / 2], &all[all.len() - 1]] {
            let updated = update(&without(gone), &fresh).unwrap();
            assert_eq!(names(&updated), all, "in the runtime's order: {updated}");
        }
        // An owner's own order is kept, and the missing one comes last.
        let owners = "[dependencies]\nuuid = \"1\"\nbytes = \"1\"\n";
        assert_eq!(names(&update(owners, &fresh).unwrap())[..2], ["uuid", "bytes"]);
    }

    #[test]
    fn a_manifest_that_does_not_parse_is_an_error_not_a_rewrite() {
        let fresh = new("acme_client", "Acme API", &features(), false);
        assert!(update("[package\nname = ", &fresh).unwrap_err().contains("Cargo.toml"));
    }
}
