//! `example:` values, checked against the rules of what they illustrate: the type (a number
//! parses, a UUID is a UUID, an enum value is one of its values) and the bounds. The generated
//! docs show them, so an example the server would refuse would teach users a 400.

use std::collections::{HashMap, HashSet};

use super::Lowerer;
use crate::diagnostic::Diagnostic;
use crate::model::{Bounds, Endpoint, EnumDef, Field, Param, Repr, Ty, TypeDef};
use crate::spec::Loaded;

impl Lowerer<'_> {
    /// Checks every example of the spec, once every enum is known (an example may name a value
    /// of an enum declared in another file).
    pub(super) fn check_examples(&mut self, objects: &[TypeDef], enums: &[EnumDef], endpoints: &[Endpoint]) {
        let files = self.files;
        // Found once, not by a search per example: a spec may have many of each.
        let enums: Enums<'_> = enums
            .iter()
            .map(|e| (e.ident.as_str(), (e, e.variants.iter().map(|v| v.wire.as_str()).collect())))
            .collect();
        let type_files: HashMap<&str, &Loaded> =
            files.iter().flat_map(|f| f.spec.types.keys().map(move |name| (name.as_str(), f))).collect();
        let endpoint_files: HashMap<&str, &Loaded> =
            files.iter().flat_map(|f| f.spec.endpoints.keys().map(move |name| (name.as_str(), f))).collect();
        for def in objects {
            let Some(file) = type_files.get(def.spec_name.as_str()) else { continue };
            self.check_fields(file, &["types", &def.spec_name, "fields"], &def.fields, &enums);
        }
        for endpoint in endpoints {
            let Some(file) = endpoint_files.get(endpoint.spec_name.as_str()) else { continue };
            let name = endpoint.spec_name.as_str();
            let params = endpoint.path_params.iter().chain(&endpoint.query_params);
            for Param { wire, ty, example, bounds, .. } in params {
                let path = ["endpoints", name, "params", wire];
                self.check_example(file, &path, ty, *bounds, example.as_deref(), &enums);
            }
            if let Some(body) = &endpoint.body {
                self.check_fields(file, &["endpoints", name, "body"], &body.fields, &enums);
            }
        }
    }

    fn check_fields(&mut self, file: &Loaded, prefix: &[&str], fields: &[Field], enums: &Enums<'_>) {
        for field in fields {
            let path = [prefix, &[field.wire.as_str()]].concat();
            self.check_example(file, &path, &field.ty, field.bounds, field.example.as_deref(), enums);
        }
    }

    fn check_example(
        &mut self,
        file: &Loaded,
        path: &[&str],
        ty: &Ty,
        bounds: Bounds,
        example: Option<&str>,
        enums: &Enums<'_>,
    ) {
        let Some(example) = example else { return };
        if matches!(ty, Ty::Key(_)) {
            // A key's rules are its format's: `keys.rs` reads the example back.
            self.check_key_example(file, path, ty, Some(example));
            return;
        }
        if let Some((problem, help)) = problem(ty, bounds, example, enums) {
            let at = file.value_at(&[path, &["example"]].concat());
            self.error(Diagnostic::error(problem).at(at).help(help));
        }
    }
}

/// Each enum by Rust name, with the set of its wire values.
type Enums<'a> = HashMap<&'a str, (&'a EnumDef, HashSet<&'a str>)>;

/// How many of an enum's values a help lists: an enum may have thousands.
const LISTED_VALUES: usize = 20;

/// What is wrong with `example` as a value of type `ty` within `bounds`, and how to fix it.
fn problem(ty: &Ty, bounds: Bounds, example: &str, enums: &Enums<'_>) -> Option<(String, String)> {
    let not = |what: &str| {
        Some((format!("the example `{example}` is not {what}"), "give a value of the field's type".to_string()))
    };
    match ty {
        Ty::String => length(bounds, example),
        Ty::Integer => match example.parse::<i64>() {
            Ok(value) => range(bounds, value),
            Err(_) => not("an integer"),
        },
        Ty::Number => example.parse::<f64>().map_or_else(|_| not("a number"), |_| None),
        Ty::Boolean => {
            ["true", "false"].contains(&example).then_some(()).map_or_else(|| not("`true` or `false`"), |()| None)
        }
        Ty::Uuid | Ty::Id(_) => uuid::Uuid::try_parse(example).map_or_else(|_| not("a UUID"), |_| None),
        Ty::DateTime => chrono::DateTime::parse_from_rfc3339(example)
            .map_or_else(|_| not("an RFC 3339 date and time, such as `2024-01-01T12:00:00Z`"), |_| None),
        Ty::Date => chrono::NaiveDate::parse_from_str(example, "%Y-%m-%d")
            .map_or_else(|_| not("a date, such as `2024-01-01`"), |_| None),
        Ty::Enum(name) => {
            let (def, values) = enums.get(name.as_str())?;
            if values.contains(example) {
                return None;
            }
            let listed: Vec<&str> = def.variants.iter().take(LISTED_VALUES).map(|v| v.wire.as_str()).collect();
            let more = match def.variants.len() {
                n if n > LISTED_VALUES => format!(", … ({n} in all)"),
                _ => String::new(),
            };
            let what = if def.repr == Repr::Integer { "a code" } else { "a value" };
            Some((
                format!("the example `{example}` is not {what} of `{name}`"),
                format!("use one of: {}{more}", listed.join(", ")),
            ))
        }
        // Checked against its format by `keys.rs`, before this.
        Ty::Key(_) => None,
        Ty::File => {
            Some(("a file has no example".to_string(), "remove it; the docs show a file read from disk".to_string()))
        }
        Ty::Json | Ty::Named(_) | Ty::Union(_) | Ty::List(_) | Ty::Map(_) => Some((
            "an example is given for a single value, and this field holds several".to_string(),
            "remove it; the docs build a value of this type from its own fields' examples".to_string(),
        )),
    }
}

fn length(bounds: Bounds, example: &str) -> Option<(String, String)> {
    let chars = example.chars().count() as u64;
    let (problem, limit) = match (bounds.min_length, bounds.max_length) {
        (Some(min), _) if chars < min => ("shorter than the minimum", min),
        (_, Some(max)) if chars > max => ("longer than the maximum", max),
        _ => return None,
    };
    Some((
        format!("the example `{example}` ({chars} characters) is {problem} of {limit}"),
        "give one within the field's length".to_string(),
    ))
}

fn range(bounds: Bounds, value: i64) -> Option<(String, String)> {
    let (problem, limit) = match (bounds.minimum, bounds.maximum) {
        (Some(min), _) if value < min => ("below the minimum", min),
        (_, Some(max)) if value > max => ("above the maximum", max),
        _ => return None,
    };
    Some((format!("the example {value} is {problem}, {limit}"), "give one within the field's bounds".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Variant;

    #[test]
    fn each_rule_refuses_what_breaks_it_and_accepts_what_keeps_it() {
        let none = Bounds::default();
        let bounded = Bounds { minimum: Some(1), maximum: Some(100), min_length: Some(2), max_length: Some(4) };
        assert!(problem(&Ty::Integer, bounded, "100", &Enums::new()).is_none());
        assert!(problem(&Ty::Integer, bounded, "101", &Enums::new()).unwrap().0.contains("above the maximum, 100"));
        assert!(problem(&Ty::Integer, bounded, "0", &Enums::new()).unwrap().0.contains("below the minimum, 1"));
        assert!(problem(&Ty::Integer, none, "ten", &Enums::new()).is_some());
        assert!(
            problem(&Ty::String, bounded, "abcde", &Enums::new()).unwrap().0.contains("longer than the maximum of 4")
        );
        assert!(problem(&Ty::String, bounded, "é", &Enums::new()).unwrap().0.contains("shorter than the minimum of 2"));
        assert!(problem(&Ty::String, bounded, "éé", &Enums::new()).is_none(), "lengths count characters, not bytes");
        assert!(problem(&Ty::Uuid, none, "550e8400-e29b-41d4-a716-446655440000", &Enums::new()).is_none());
        assert!(problem(&Ty::Id("LabelId".into()), none, "42", &Enums::new()).is_some());
        assert!(problem(&Ty::DateTime, none, "2024-01-01", &Enums::new()).is_some());
        assert!(problem(&Ty::Date, none, "2024-02-30", &Enums::new()).is_some());
        assert!(problem(&Ty::Boolean, none, "yes", &Enums::new()).is_some());
        assert!(problem(&Ty::List(Box::new(Ty::String)), none, "a", &Enums::new()).is_some());
    }

    #[test]
    fn a_wrong_enum_example_lists_only_the_first_values_of_a_long_enum() {
        let variants = (0..30).map(|i| Variant { wire: format!("v{i}"), ident: format!("V{i}"), doc: String::new() });
        let def = EnumDef {
            ident: "E".into(),
            module: "m".into(),
            doc: String::new(),
            repr: Repr::Text,
            variants: variants.collect(),
        };
        let enums: Enums<'_> =
            [("E", (&def, def.variants.iter().map(|v| v.wire.as_str()).collect()))].into_iter().collect();
        let none = Bounds::default();
        assert!(problem(&Ty::Enum("E".into()), none, "v29", &enums).is_none());
        let (problem, help) = problem(&Ty::Enum("E".into()), none, "v30", &enums).unwrap();
        assert!(problem.contains("not a value of `E`"), "{problem}");
        assert!(help.starts_with("use one of: v0, v1,") && help.ends_with("v19, … (30 in all)"), "{help}");
    }
}
