//! Answers of another shape than their type's, asked for by the call. Hand-written runtime.
//!
//! Expansion: an answer names a related resource by its id (a work item's `state`); a call that
//! asks for it with [`Call::expand`](crate::Call::expand) gets the object there instead. The
//! generator writes, for each type the spec lets expand, its expanded twin (fields of the
//! related objects as [`Expandable`]), the closed set of what may be expanded (an enum), and the
//! [`Expand`] impl that ties the three together.
//!
//! Selection: a call that names fields with [`Call::fields`](crate::Call::fields) gets only
//! those; the generator writes the type's partial twin (every field optional), the enum of its
//! fields, and the [`Select`] impl. This module holds what they share.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IntoDeserializer, MapAccess, Visitor};
use serde::ser::SerializeMap as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A related resource in an answer of a call that asked to expand it: its id where the server
/// did not expand it, the object where it did.
///
/// Which one depends on the server as much as on the call (an operation whose server does not
/// read `expand` answers ids, which decode as [`Id`](Expandable::Id)), so code handles both.
#[derive(Debug, Clone, PartialEq)]
pub enum Expandable<I, T> {
    /// The related resource's id, as an answer holds it unless it is expanded.
    Id(I),
    /// The related resource, expanded.
    Object(Box<T>),
    /// An expanded relation that is not set: the server answers an object without an `id`
    /// (`{}` for a user, blank values for an estimate point) where it would send `null`.
    Unset,
}

impl<I, T> Expandable<I, T> {
    /// The expanded object, if the server expanded it.
    pub fn object(&self) -> Option<&T> {
        match self {
            Expandable::Object(object) => Some(object),
            Expandable::Id(_) | Expandable::Unset => None,
        }
    }

    /// The expanded object, by value, if the server expanded it.
    pub fn into_object(self) -> Option<T> {
        match self {
            Expandable::Object(object) => Some(*object),
            Expandable::Id(_) | Expandable::Unset => None,
        }
    }
}

impl<I, T: HasId<Id = I>> Expandable<I, T> {
    /// The related resource's id, expanded or not; `None` only for [`Unset`](Expandable::Unset)
    /// (or an expanded object whose type lets its id be absent, and that has none).
    pub fn id(&self) -> Option<&I> {
        match self {
            Expandable::Id(id) => Some(id),
            Expandable::Object(object) => object.id(),
            Expandable::Unset => None,
        }
    }
}

/// A type with an id: what an [`Expandable`] of it gives from [`Expandable::id`].
pub trait HasId {
    /// The id's type.
    type Id;
    /// The id; `None` only for a type whose `id` may be absent.
    fn id(&self) -> Option<&Self::Id>;
}

/// A type whose related objects a call may ask the server to expand, with
/// [`Call::expand`](crate::Call::expand): the generator implements it for each type whose spec
/// says what expands, and [`Page`](crate::Page) and `Vec` of those have it too.
pub trait Expand {
    /// What may be expanded: an enum of the type's fields that expand.
    type Key: fmt::Display;
    /// The type with each field that may be expanded as an [`Expandable`].
    type Expanded;
}

/// A type whose answer a call may cut to the fields it names, with
/// [`Call::fields`](crate::Call::fields): the generator implements it for each type whose spec
/// says the server can (`select: true`), and [`Page`](crate::Page) and `Vec` of those have it
/// too.
pub trait Select {
    /// What may be named: an enum of the type's fields.
    type Field: fmt::Display;
    /// The type with every field optional: a field not named is absent.
    type Partial;
}

impl<T: Select> Select for crate::Page<T> {
    type Field = T::Field;
    type Partial = crate::Page<T::Partial>;
}

impl<T: Select> Select for Vec<T> {
    type Field = T::Field;
    type Partial = Vec<T::Partial>;
}

impl<T: Expand> Expand for crate::Page<T> {
    type Key = T::Key;
    type Expanded = crate::Page<T::Expanded>;
}

impl<T: Expand> Expand for Vec<T> {
    type Key = T::Key;
    type Expanded = Vec<T::Expanded>;
}

impl<I: Serialize, T: Serialize> Serialize for Expandable<I, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Expandable::Id(id) => id.serialize(serializer),
            Expandable::Object(object) => object.serialize(serializer),
            Expandable::Unset => serializer.serialize_map(Some(0))?.end(),
        }
    }
}

impl<'de, I: DeserializeOwned, T: DeserializeOwned> Deserialize<'de> for Expandable<I, T> {
    /// An id from a string, the object from a JSON object that has an `id`, and
    /// [`Unset`](Expandable::Unset) from one that has none.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ExpandableVisitor(PhantomData))
    }
}

struct ExpandableVisitor<I, T>(PhantomData<fn() -> (I, T)>);

impl<'de, I: DeserializeOwned, T: DeserializeOwned> Visitor<'de> for ExpandableVisitor<I, T> {
    type Value = Expandable<I, T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an id, or the object it names")
    }

    fn visit_str<E: de::Error>(self, id: &str) -> Result<Self::Value, E> {
        I::deserialize(id.into_deserializer()).map(Expandable::Id)
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Self::Value, M::Error> {
        // Whether the object has an `id` decides what it is, and the key may come last: the
        // object is read whole first (an expanded object is small).
        let object =
            serde_json::Map::<String, serde_json::Value>::deserialize(de::value::MapAccessDeserializer::new(map))?;
        if !object.contains_key("id") {
            return Ok(Expandable::Unset);
        }
        T::deserialize(serde_json::Value::Object(object))
            .map(|object| Expandable::Object(Box::new(object)))
            .map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::Expandable;

    #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
    struct State {
        id: uuid::Uuid,
        name: String,
    }

    impl super::HasId for State {
        type Id = uuid::Uuid;
        fn id(&self) -> Option<&uuid::Uuid> {
            Some(&self.id)
        }
    }

    type Field = Expandable<uuid::Uuid, State>;
    const ID: &str = "4c15a8e0-9dd0-4177-ac03-8b16a78e9ec5";

    #[test]
    fn an_id_an_object_and_an_object_without_id_decode_as_their_variants() {
        let id: Field = serde_json::from_str(&format!("\"{ID}\"")).unwrap();
        assert_eq!(id.id().map(ToString::to_string).as_deref(), Some(ID));
        assert!(id.object().is_none());

        let object: Field = serde_json::from_str(&format!(r#"{{"name": "Backlog", "id": "{ID}"}}"#)).unwrap();
        assert_eq!(object.object().map(|s| s.name.as_str()), Some("Backlog"));
        assert_eq!(object.id().map(ToString::to_string).as_deref(), Some(ID));

        let unset: Field = serde_json::from_str(r#"{"key": null, "value": ""}"#).unwrap();
        assert_eq!(unset, Expandable::Unset);
        assert_eq!(unset.id(), None);
    }

    #[test]
    fn a_wrong_object_or_id_is_an_error_that_says_what_is_wrong() {
        let wrong = serde_json::from_str::<Field>(&format!(r#"{{"id": "{ID}"}}"#)).unwrap_err();
        assert!(wrong.to_string().contains("missing field `name`"), "{wrong}");
        let not_an_id = serde_json::from_str::<Field>("\"nope\"").unwrap_err();
        assert!(not_an_id.to_string().contains("UUID"), "{not_an_id}");
        assert!(serde_json::from_str::<Field>("12").is_err());
    }

    #[test]
    fn each_variant_encodes_as_it_was_received() {
        for text in [format!("\"{ID}\""), format!(r#"{{"id":"{ID}","name":"Backlog"}}"#), "{}".to_string()] {
            let value: Field = serde_json::from_str(&text).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), text);
        }
    }
}
