//! The JSON of the generated structs. Hand-written runtime.
//!
//! The generator writes each struct of a crate as plain Rust (its fields, `new`, setters), then
//! one line for its JSON: `json!(object Name, field = "key" presence, …)` for the spec's types
//! (`Serialize` and `Deserialize`), `json!(body Name, …)` for request bodies (`Serialize`), where
//! presence is the spec's: `required`, `required_nullable`, `optional` or `optional_nullable`.
//!
//! Written here rather than derived because serde's derives were a third of a generated crate's
//! check time (see `BENCHMARKS.md`): the same JSON in less code. Present fields are sent as they
//! are; absent ones (`None`, `Patch::Keep`) are left out; decoding ignores keys it does not know
//! and refuses a missing required field, a duplicated key or a wrong type. A macro rather than
//! generated code: the decoder's locals (`map`, `key`) cannot clash with a field of that name,
//! and the macro reads its fields in one step, so no struct is too wide for it.

#![allow(unused_macros, reason = "a crate may have no object or no body")]

/// `Serialize` (objects and bodies) and `Deserialize` (objects), from the fields' names, JSON keys
/// and presence.
macro_rules! json {
    (body $name:ident $(, $f:ident = $key:literal $presence:ident)* $(,)?) => {
        $crate::structs::json!(@encode $name [$(($f $key $presence))*]);
    };
    (object $name:ident $(, $f:ident = $key:literal $presence:ident)* $(,)?) => {
        $crate::structs::json!(@encode $name [$(($f $key $presence))*]);
        $crate::structs::json!(@decode $name [$(($f $key $presence))*]);
    };
    (@encode $name:ident [$(($f:ident $key:literal $presence:ident))*]) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeStruct as _;
                let sent = [$($crate::structs::sent::$presence(&self.$f)),*];
                let mut fields =
                    serializer.serialize_struct(stringify!($name), sent.iter().filter(|sent| **sent).count())?;
                $($crate::structs::put::$presence(&mut fields, $key, &self.$f)?;)*
                fields.end()
            }
        }
    };
    (@decode $name:ident [$(($f:ident $key:literal $presence:ident))*]) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = $name;
                    fn expecting(&self, formatter: &mut ::std::fmt::Formatter) -> ::std::fmt::Result {
                        formatter.write_str(concat!("struct ", stringify!($name)))
                    }
                    fn visit_map<M: ::serde::de::MapAccess<'de>>(self, mut map: M) -> Result<$name, M::Error> {
                        $(let mut $f = None;)*
                        while let Some(key) = map.next_key::<$crate::structs::Key<'de>>()? {
                            match key.as_str() {
                                $($key => $crate::structs::take(&mut $f, &mut map, $key)?,)*
                                _ => $crate::structs::skip(&mut map)?,
                            }
                        }
                        Ok($name { $($f: $crate::structs::found::$presence($f, $key)?,)* })
                    }
                }
                deserializer.deserialize_struct(stringify!($name), &[$($key),*], Visitor)
            }
        }
    };
}

/// Whether a field of each presence is sent, by value: `None` and `Patch::Keep` are not.
#[allow(dead_code, unused_imports, reason = "a spec may have no field of a presence")]
pub(crate) mod sent {
    use super::Absent;

    pub(crate) fn required<T: ?Sized>(_: &T) -> bool {
        true
    }
    pub(crate) use required as required_nullable;

    pub(crate) fn optional<T: Absent + ?Sized>(value: &T) -> bool {
        !value.is_absent()
    }
    pub(crate) use optional as optional_nullable;
}

/// Writing a field of each presence: absent values are skipped (`SerializeStruct::skip_field`).
#[allow(dead_code, unused_imports, reason = "a spec may have no field of a presence")]
pub(crate) mod put {
    use serde::Serialize;
    use serde::ser::SerializeStruct;

    use super::Absent;

    pub(crate) fn required<S: SerializeStruct, T: Serialize + ?Sized>(
        fields: &mut S,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        fields.serialize_field(key, value)
    }
    pub(crate) use required as required_nullable;

    pub(crate) fn optional<S: SerializeStruct, T: Serialize + Absent + ?Sized>(
        fields: &mut S,
        key: &'static str,
        value: &T,
    ) -> Result<(), S::Error> {
        if value.is_absent() { fields.skip_field(key) } else { fields.serialize_field(key, value) }
    }
    pub(crate) use optional as optional_nullable;
}

/// A field's value once every key is read: a required field must have come (`null` is a value of
/// a nullable one); an optional field that did not come is `None`.
#[allow(dead_code, unused_imports, reason = "a spec may have no field of a presence")]
pub(crate) mod found {
    use serde::de::Error;

    pub(crate) fn required<T, E: Error>(value: Option<T>, key: &'static str) -> Result<T, E> {
        value.ok_or_else(|| E::missing_field(key))
    }
    pub(crate) use required as required_nullable;

    pub(crate) fn optional<T, E: Error>(value: Option<Option<T>>, _key: &'static str) -> Result<Option<T>, E> {
        Ok(value.flatten())
    }
    pub(crate) use optional as optional_nullable;
}

/// A value that an optional field leaves out of the JSON when absent.
#[allow(dead_code, reason = "a spec may have no object")]
pub(crate) trait Absent {
    fn is_absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for crate::Patch<T> {
    fn is_absent(&self) -> bool {
        self.is_keep()
    }
}

/// A key of a JSON object being decoded: borrowed from the input when it can be (no allocation
/// per key), copied when the deserializer only lends it (escaped keys, readers). serde's own
/// `Cow<str>` always copies, hence the visitor below.
#[allow(dead_code, reason = "a spec may have no object")]
pub(crate) struct Key<'de>(std::borrow::Cow<'de, str>);

#[allow(dead_code, reason = "a spec may have no object")]
impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

#[allow(dead_code, reason = "a spec may have no object")]
struct KeyVisitor;

impl<'de> serde::de::Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(key.into()))
    }

    fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key(key.to_owned().into()))
    }
}

/// Reads the value of a known key into its slot; a key that comes twice is an error.
#[allow(dead_code, reason = "a spec may have no object")]
pub(crate) fn take<'de, T: serde::Deserialize<'de>, M: serde::de::MapAccess<'de>>(
    slot: &mut Option<T>,
    map: &mut M,
    key: &'static str,
) -> Result<(), M::Error> {
    if slot.is_some() {
        return Err(<M::Error as serde::de::Error>::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads past the value of a key the type does not know (newer servers add fields).
#[allow(dead_code, reason = "a spec may have no object")]
pub(crate) fn skip<'de, M: serde::de::MapAccess<'de>>(map: &mut M) -> Result<(), M::Error> {
    map.next_value::<serde::de::IgnoredAny>().map(drop)
}

#[allow(unused_imports, reason = "a crate may have no object or no body")]
pub(crate) use json;
