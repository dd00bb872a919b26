//! Every value that the generated docs' examples show keeps to the rules of what it fills: its
//! type, its bounds, its enum; and values with a well-known shape look like it (colours,
//! e-mail addresses, URLs). A user who copies an example must not get a 400.
//!
//! The values are those the generator chooses (`emit::examples::sample`); the rules are checked
//! here independently, with the generated crate's own `uuid` and `chrono`.

use std::path::Path;

use generator::emit::examples::{Sample, sample};
use generator::model::{Api, Bounds, Ty};
use plane_client::Uuid;
use plane_client::chrono::{DateTime, NaiveDate, Utc};

fn plane_api() -> Api {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let (files, mut diagnostics) = generator::spec::load_dir(&spec);
    let api = generator::lower::lower(&files, &mut diagnostics);
    assert!(!diagnostics.iter().any(|d| d.is_error()), "the spec has errors: {diagnostics:?}");
    api.expect("the spec lowers")
}

/// One place an example fills: where (for the failure message), its JSON name, type, bounds
/// and the spec's own example.
struct Place<'a> {
    at: String,
    wire: &'a str,
    ty: &'a Ty,
    bounds: Bounds,
    example: Option<&'a str>,
}

/// Every parameter and every field a request sends: body fields, and fields of the types that
/// bodies hold.
fn places(api: &Api) -> Vec<Place<'_>> {
    let mut places = Vec::new();
    for endpoint in &api.endpoints {
        for p in endpoint.path_params.iter().chain(&endpoint.query_params) {
            let at = format!("{} parameter {}", endpoint.ident, p.wire);
            places.push(Place { at, wire: &p.wire, ty: &p.ty, bounds: p.bounds, example: p.example.as_deref() });
        }
        for f in endpoint.body.iter().flat_map(|b| &b.fields) {
            let at = format!("{} body field {}", endpoint.ident, f.wire);
            places.push(Place { at, wire: &f.wire, ty: &f.ty, bounds: f.bounds, example: f.example.as_deref() });
        }
    }
    for def in api.types.iter().filter(|t| t.sent) {
        for f in &def.fields {
            let at = format!("{} field {}", def.ident, f.wire);
            places.push(Place { at, wire: &f.wire, ty: &f.ty, bounds: f.bounds, example: f.example.as_deref() });
        }
    }
    places
}

/// Why `value` does not fit `place`, if it does not.
fn misfit(place: &Place<'_>, value: &Sample<'_>) -> Option<String> {
    let text = match value {
        Sample::Variant(def, variant) => {
            if *place.ty != Ty::Enum(def.ident.clone()) {
                return Some(format!("a value of {} for a {:?}", def.ident, place.ty));
            }
            return place
                .example
                .filter(|e| *e != variant.wire)
                .map(|e| format!("shows {} for the spec's {e}", variant.wire));
        }
        Sample::Text(text) => text.as_str(),
    };
    let within = |value: i64| {
        place.bounds.minimum.is_none_or(|min| value >= min) && place.bounds.maximum.is_none_or(|max| value <= max)
    };
    let fits = match place.ty {
        Ty::String => {
            let chars = text.chars().count() as u64;
            place.bounds.min_length.is_none_or(|min| chars >= min)
                && place.bounds.max_length.is_none_or(|max| chars <= max)
                && looks_right(place.wire, text)
        }
        Ty::Integer => text.parse::<i64>().is_ok_and(within),
        Ty::Number => text.parse::<f64>().is_ok_and(f64::is_finite),
        Ty::Boolean => text.parse::<bool>().is_ok(),
        Ty::Uuid | Ty::Id(_) => Uuid::parse_str(text).is_ok(),
        Ty::DateTime => text.parse::<DateTime<Utc>>().is_ok(),
        Ty::Date => text.parse::<NaiveDate>().is_ok(),
        // Plane's one key; a key of another name would need its own parse here.
        Ty::Key(name) => name == "WorkItemKey" && text.parse::<plane_client::WorkItemKey>().is_ok(),
        other => return Some(format!("a single value for a {other:?}")),
    };
    (!fits).then(|| format!("`{text}` does not fit {:?} within {:?}", place.ty, place.bounds))
}

/// Whether text in a field whose name says what it holds looks like that.
fn looks_right(wire: &str, text: &str) -> bool {
    if wire.ends_with("color") {
        return text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit());
    }
    if wire == "email" || wire.ends_with("_email") {
        return text.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    }
    if wire == "url" || wire.ends_with("_url") || wire == "link" {
        return text.starts_with("https://");
    }
    true
}

#[test]
fn every_example_value_keeps_to_the_rules_of_what_it_fills() {
    let api = plane_api();
    let places = places(&api);
    let mut failures = Vec::new();
    let mut checked = 0;
    for place in &places {
        let Some(value) = sample(&api, place.ty, place.bounds, place.example) else { continue };
        checked += 1;
        if let Some(why) = misfit(place, &value) {
            failures.push(format!("{}: {why}", place.at));
        }
    }
    assert!(failures.is_empty(), "examples that a server would refuse:\n{}", failures.join("\n"));
    // Most of what requests send is a single value; a walk that found few has lost its way.
    assert!(checked > places.len() / 2, "checked {checked} of {} places", places.len());
}

#[test]
fn defaults_keep_to_bounds_the_word_example_would_break() {
    let api = plane_api();
    let ty = Ty::String;
    let short = Bounds { max_length: Some(3), ..Bounds::default() };
    let long = Bounds { min_length: Some(12), ..Bounds::default() };
    let narrow = Bounds { minimum: Some(20), maximum: Some(30), ..Bounds::default() };
    assert_eq!(sample(&api, &ty, short, None), Some(Sample::Text("exa".into())));
    assert_eq!(sample(&api, &ty, long, None), Some(Sample::Text("examplexxxxx".into())));
    assert_eq!(sample(&api, &Ty::Integer, narrow, None), Some(Sample::Text("20".into())));
}

#[test]
fn the_checks_above_catch_what_they_are_for() {
    let ty = Ty::String;
    let place = Place { at: String::new(), wire: "color", ty: &ty, bounds: Bounds::default(), example: None };
    assert!(misfit(&place, &Sample::Text("example".into())).is_some());
    assert!(misfit(&place, &Sample::Text("#3A86FF".into())).is_none());
    let ty = Ty::Integer;
    let bounds = Bounds { maximum: Some(100), ..Bounds::default() };
    let place = Place { at: String::new(), wire: "per_page", ty: &ty, bounds, example: None };
    assert!(misfit(&place, &Sample::Text("101".into())).is_some());
}
