//! What a change to one field or parameter does to the generated Rust, and so whether it breaks
//! callers. The rules follow spec/README.md, "How a field is represented in Rust":
//!
//! - a named type is a `#[non_exhaustive]` struct with public fields and a `new` taking the
//!   required ones: its field types and `new`'s arguments are what callers use;
//! - a request body or query type is a builder: `new` takes the required members, a setter
//!   sets each optional one, and an optional nullable body field also has `clear_…`.
//!
//! Builders' fields are public too, but they are documented as set through the builder; a
//! change of a builder field's own type (`Option<T>` to `Patch<T>` when it becomes nullable) is
//! therefore not counted, which is what makes "now nullable" in a request body additive.

use super::surface::{Field, field_ident, member, rust_name};
use super::{Change, Class};
use crate::model::{Presence, Ty};
use crate::names;

/// The kind of struct a member belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A named type: public fields and `new`.
    Type,
    /// A request body: a builder with `clear_…` methods.
    Body,
    /// An operation's query parameters: a builder.
    Query,
}

impl Owner {
    fn noun(self) -> &'static str {
        match self {
            Owner::Query => "parameter",
            Owner::Type | Owner::Body => "field",
        }
    }
}

/// What the generated Rust offers for one member.
#[derive(Debug, PartialEq)]
struct Offer {
    /// The public field's type, where callers read it (named types only).
    field: Option<String>,
    /// The type `new` takes it as, when it is an argument of `new`.
    argument: Option<String>,
    /// Whether a setter sets it.
    setter: bool,
    /// Whether a `clear_…` method sends it as `null`.
    clear: bool,
}

fn offer(owner: Owner, presence: Presence, ty: &Ty) -> Offer {
    let value = rust(ty);
    let optional = format!("Option<{value}>");
    let argument = match presence {
        Presence::Required => Some(value.clone()),
        Presence::RequiredNullable => Some(optional.clone()),
        Presence::Optional | Presence::OptionalNullable => None,
    };
    let builder = owner != Owner::Type;
    Offer {
        field: (!builder).then(|| if presence == Presence::Required { value } else { optional }),
        argument,
        setter: builder && !presence.is_required(),
        clear: has_clear_setter(owner, presence),
    }
}

/// Whether a member has a `clear_…` setter: only an optional nullable field of a request body
/// can be sent as `null` on purpose.
pub fn has_clear_setter(owner: Owner, presence: Presence) -> bool {
    owner == Owner::Body && presence == Presence::OptionalNullable
}

/// The changes between two versions of the members of `owner_ident`.
pub fn members(
    owner: Owner,
    owner_ident: &str,
    old: &[Field],
    new: &[Field],
    same_ty: &dyn Fn(&Ty, &Ty) -> bool,
) -> Vec<Change> {
    let subject = |name: &str| member(owner_ident, name);
    let mut changes = Vec::new();
    for before in old {
        let subject = subject(&before.name);
        match new.iter().find(|f| f.name == before.name) {
            None => changes.push(Change::new(Class::Breaking, subject, "removed")),
            Some(after) if !same_ty(&before.ty, &after.ty) => {
                let mut what = format!("type {} → {}", rust(&before.ty), rust(&after.ty));
                if let Some(also) = headline(before.presence, after.presence) {
                    what = format!("{what}, and {also}");
                }
                changes.push(Change::new(Class::Breaking, subject, what));
            }
            Some(after) => changes.extend(
                presence(owner, owner_ident, before, after)
                    .map(|(class, what)| Change::new(class, subject.clone(), what)),
            ),
        }
    }
    for after in new.iter().filter(|f| !old.iter().any(|o| o.name == f.name)) {
        let (class, what) = added(owner, owner_ident, after);
        changes.push(Change::new(class, subject(&after.name), what));
    }
    changes
}

/// Which of `old` and `new` have different descriptions, by name.
pub fn doc_changes<'a>(old: &[Field], new: &'a [Field]) -> Vec<&'a str> {
    new.iter()
        .filter(|f| old.iter().any(|o| o.name == f.name && o.doc.trim() != f.doc.trim()))
        .map(|f| f.name.as_str())
        .collect()
}

fn added(owner: Owner, owner_ident: &str, field: &Field) -> (Class, String) {
    let noun = owner.noun();
    if field.presence.is_required() {
        return (Class::Breaking, format!("new required {noun} ({owner_ident}::new takes it)"));
    }
    let clear = has_clear_setter(owner, field.presence).then(|| rust_name(names::clear_setter, &field.name));
    match clear {
        Some(clear) => (Class::Additive, format!("new optional {noun} (with {clear})")),
        None => (Class::Additive, format!("new optional {noun}")),
    }
}

/// A change of required or nullable alone, or `None` when neither changed.
fn presence(owner: Owner, owner_ident: &str, old: &Field, new: &Field) -> Option<(Class, String)> {
    let headline = headline(old.presence, new.presence)?;
    let consequences = consequences(
        owner_ident,
        &new.name,
        &offer(owner, old.presence, &old.ty),
        &offer(owner, new.presence, &new.ty),
    );
    if consequences.is_empty() {
        // An optional field of a named type is an `Option` whether or not it may be `null`.
        return Some((Class::Docs, format!("{headline} (its Rust type, {}, is unchanged)", optional(&new.ty))));
    }
    let class = if consequences.iter().any(|(breaks, _)| *breaks) { Class::Breaking } else { Class::Additive };
    let said: Vec<&str> = consequences.iter().map(|(_, what)| what.as_str()).collect();
    Some((class, format!("{headline} ({})", said.join("; "))))
}

fn optional(ty: &Ty) -> String {
    format!("Option<{}>", rust(ty))
}

/// "now required", "no longer nullable", or both.
fn headline(old: Presence, new: Presence) -> Option<String> {
    let mut parts = Vec::new();
    if old.is_required() != new.is_required() {
        parts.push(if new.is_required() { "now required" } else { "now optional" });
    }
    if old.is_nullable() != new.is_nullable() {
        parts.push(if new.is_nullable() { "now nullable" } else { "no longer nullable" });
    }
    (!parts.is_empty()).then(|| parts.join(" and "))
}

/// What differs between two offers of the member `name`, each with whether it breaks callers.
fn consequences(owner_ident: &str, name: &str, old: &Offer, new: &Offer) -> Vec<(bool, String)> {
    let mut said = Vec::new();
    if let (Some(before), Some(after)) = (&old.field, &new.field) {
        if before != after {
            said.push((true, format!("{before} → {after}")));
        }
    }
    match (&old.argument, &new.argument) {
        (None, Some(_)) => said.push((true, format!("{owner_ident}::new takes it"))),
        (Some(_), None) => said.push((true, format!("{owner_ident}::new no longer takes it"))),
        (Some(before), Some(after)) if before != after => {
            said.push((true, format!("{owner_ident}::new takes it as {after}, not {before}")));
        }
        _ => {}
    }
    if old.setter != new.setter {
        let setter = field_ident(name);
        said.push((old.setter, format!(".{setter}(…) {}", if new.setter { "added" } else { "removed" })));
    }
    if old.clear != new.clear {
        let clear = rust_name(names::clear_setter, name);
        said.push((old.clear, format!("{clear} {}", if new.clear { "added" } else { "removed" })));
    }
    said
}

/// A type as the generated Rust names it, short (no paths).
pub fn rust(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Integer => "i64".into(),
        Ty::Number => "f64".into(),
        Ty::Boolean => "bool".into(),
        Ty::Uuid => "Uuid".into(),
        Ty::DateTime => "DateTime<Utc>".into(),
        Ty::Date => "NaiveDate".into(),
        Ty::Json => "serde_json::Value".into(),
        Ty::File => "Upload".into(),
        Ty::Named(name) | Ty::Enum(name) | Ty::Union(name) | Ty::Id(name) | Ty::Key(name) => name.clone(),
        Ty::List(inner) => format!("Vec<{}>", rust(inner)),
        Ty::Map(inner) => format!("BTreeMap<String, {}>", rust(inner)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(presence: Presence) -> Field {
        Field { name: "website_url".into(), ty: Ty::String, presence, bounds: Default::default(), doc: String::new() }
    }

    fn one(owner: Owner, old: Presence, new: Presence) -> (Class, String) {
        let changes = members(owner, "Owner", &[field(old)], &[field(new)], &|a, b| a == b);
        assert_eq!(changes.len(), 1, "{changes:?}");
        (changes[0].class, changes[0].what.clone())
    }

    #[test]
    fn nullable_is_additive_in_a_body_and_breaking_or_nothing_in_a_type() {
        use Presence::*;
        assert_eq!(
            one(Owner::Body, Optional, OptionalNullable),
            (Class::Additive, "now nullable (clear_website_url added)".into())
        );
        assert_eq!(one(Owner::Body, OptionalNullable, Optional).0, Class::Breaking);
        assert_eq!(one(Owner::Type, Required, RequiredNullable).0, Class::Breaking);
        assert_eq!(one(Owner::Type, Optional, OptionalNullable).0, Class::Docs);
        assert_eq!(one(Owner::Query, Optional, Required).0, Class::Breaking);
    }
}
