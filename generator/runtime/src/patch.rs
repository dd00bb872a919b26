//! `Patch<T>`: the three states of a nullable field in an update. Hand-written runtime.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A nullable field of a request body: leave it alone, set it, or clear it.
///
/// Partial updates change only the fields that are sent. A plain `Option` cannot say both
/// "do not send this field" and "send `null`", so nullable fields use this type instead:
///
/// | Value | Sent as | Effect on the server |
/// |---|---|---|
/// | [`Patch::Keep`] (the default) | nothing: the key is left out | unchanged |
/// | [`Patch::Set(value)`](Patch::Set) | the value | set |
/// | [`Patch::Clear`] | `null` | cleared |
///
/// Body types have setters for all three (`.email("a@b.c")`, `.clear_email()`), so most code
/// never names this type. What a body does with its fields, by hand:
///
/// ```
/// use plane_client::Patch;
///
/// let fields = [("name", Patch::Set("Acme".to_string())), ("email", Patch::Clear), ("domain", Patch::Keep)];
/// let sent: serde_json::Map<String, serde_json::Value> = fields
///     .into_iter()
///     .filter(|(_, patch)| !patch.is_keep())
///     .map(|(key, patch)| (key.to_string(), serde_json::to_value(patch).unwrap()))
///     .collect();
/// assert_eq!(serde_json::Value::Object(sent), serde_json::json!({ "name": "Acme", "email": null }));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Patch<T> {
    /// Not sent: the server keeps its current value.
    #[default]
    Keep,
    /// Sent with this value.
    Set(T),
    /// Sent as `null`: the server clears its value.
    Clear,
}

impl<T> Patch<T> {
    /// Whether the field is left out of the request: a body does not send a `Keep` field.
    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }

    /// The value being set, if any.
    pub fn as_set(&self) -> Option<&T> {
        match self {
            Patch::Set(value) => Some(value),
            Patch::Keep | Patch::Clear => None,
        }
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `Some(v)` sets the value and `None` clears it: an `Option` read from elsewhere, applied as is.
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => Patch::Set(value),
            None => Patch::Clear,
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(value) => value.serialize(serializer),
            // `Keep` is skipped by the field attribute; if a caller serializes it directly, `null`
            // is the only honest JSON for "no value".
            Patch::Keep | Patch::Clear => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    /// A present `null` is `Clear` and a value is `Set`; an absent field (with `#[serde(default)]`)
    /// is `Keep`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Patch::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
    struct Body {
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        a: Patch<i64>,
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        b: Patch<i64>,
        #[serde(default, skip_serializing_if = "Patch::is_keep")]
        c: Patch<i64>,
    }

    #[test]
    fn three_states_round_trip() {
        let body = Body { a: Patch::Keep, b: Patch::Set(3), c: Patch::Clear };
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(json, r#"{"b":3,"c":null}"#);
        assert_eq!(serde_json::from_str::<Body>(&json).unwrap(), body);
    }

    #[test]
    fn option_converts() {
        assert_eq!(Patch::from(Some(1)), Patch::Set(1));
        assert_eq!(Patch::<i64>::from(None), Patch::Clear);
        assert_eq!(Patch::Set(2).as_set(), Some(&2));
        assert!(Patch::<i64>::default().is_keep());
    }
}
