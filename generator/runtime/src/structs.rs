//! The structs of the generated code, declared from one line per field. Hand-written runtime.
//!
//! Three kinds of struct share one shape: the struct with its documented fields, `new`, which
//! takes the required fields, and (but for query parameters) its JSON. The generated code writes
//! - [`object!`] for the spec's types (sent and received as JSON; `new` only, fields are public),
//! - [`body!`] for request bodies (sent as JSON; a chainable setter per optional field, and a
//!   `clear_…` setter per nullable one),
//! - [`query!`] for query and header parameters (not serde; setters like a body's).
//!
//! Each field is written `name: presence Type,` under its docs, where presence is the spec's:
//! `required`, `required_nullable`, `optional` or `optional_nullable`. `name as "key"` gives the
//! JSON key when it is not the field's name, and a nullable body field names its clearing setter
//! after its type: `=> clear_name`. A `String` field is taken as `impl Into<String>` by `new`
//! and its setter.
//!
//! Why macros: these structs are most of a generated crate, the same few shapes thousands of
//! times. Declared here once, the generated code is only what differs from field to field, which
//! makes it quicker to read, to generate and to compile, and the prose every field shares
//! ("Not sent while `None`.") is written once, here.
//!
//! How: [`fields!`] reads one field at a time (a "token muncher"), adding its declaration, its
//! part of `new`, its setters and its JSON key to five lists, and [`declare!`] writes the struct
//! from them; [`json!`] writes its `Serialize` and `Deserialize`.
//! The generated crate raises `recursion_limit` when a struct has more fields than the default
//! allows for.

#![allow(unused_macros, reason = "a crate may declare no struct of a kind, or have no field that needs a macro")]

/// A type of the spec: sent and received as JSON, built with `new` and then its public fields.
macro_rules! object {
    ($(#[$meta:meta])* $name:ident { $($fields:tt)* }) => {
        $crate::structs::fields!(
            @next (object $name [$(#[$meta])*]
                "A value with the required fields given and the others `None`; set those directly, \
                 as the fields are public. (The type is `#[non_exhaustive]`, so that fields the \
                 spec adds later do not break code that builds one.)")
            [] [] [] [] [] $($fields)*
        );
    };
}

/// A request body: sent as JSON, built with `new` and chainable setters.
macro_rules! body {
    ($(#[$meta:meta])* $name:ident { $($fields:tt)* }) => {
        $crate::structs::fields!(
            @next (body $name [$(#[$meta])*]
                "A body with the required fields given (its arguments, if any); the others are not \
                 sent until set.")
            [] [] [] [] [] $($fields)*
        );
    };
}

/// The query (and header) parameters of an operation, built like a body.
macro_rules! query {
    ($(#[$meta:meta])* $name:ident { $($fields:tt)* }) => {
        $crate::structs::fields!(
            @next (query $name [$(#[$meta])*]
                "The parameters, with the required ones given (its arguments, if any) and the \
                 others not sent.")
            [] [] [] [] [] $($fields)*
        );
    };
}

/// Reads the fields one by one. The state is the struct's head (kind, name, docs, docs of `new`)
/// and five lists: field declarations, arguments of `new`, its field values, setters, and each
/// field's JSON key and presence.
macro_rules! fields {
    // Every field read.
    (@next $head:tt $fields:tt $args:tt $values:tt $setters:tt $json:tt) => {
        $crate::structs::declare!($head $fields $args $values $setters $json);
    };
    // The next field, taken apart. A `String` is marked `[into]`: its setter and `new` take
    // anything that turns into one.
    (@next $head:tt $fields:tt $args:tt $values:tt $setters:tt [$($json:tt)*]
        $(#[doc = $doc:literal])* $f:ident $(as $key:literal)?: $presence:ident String $(=> $clear:ident)?,
        $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @field $head $fields $args $values $setters
            [$($json)* ($f [$crate::structs::key!($f $($key)?)] $presence)]
            [$($doc)*] $f [$($key)?] $presence [into] (String) [$($clear)?] $($rest)*
        );
    };
    (@next $head:tt $fields:tt $args:tt $values:tt $setters:tt [$($json:tt)*]
        $(#[doc = $doc:literal])* $f:ident $(as $key:literal)?: $presence:ident $t:ty $(=> $clear:ident)?,
        $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @field $head $fields $args $values $setters
            [$($json)* ($f [$crate::structs::key!($f $($key)?)] $presence)]
            [$($doc)*] $f [$($key)?] $presence [] ($t) [$($clear)?] $($rest)*
        );
    };

    // A required field: an argument of `new`, never left out.
    (@field ($kind:ident $($head:tt)*) [$($fields:tt)*] [$($args:tt)*] [$($values:tt)*] $setters:tt $json:tt
        [$($doc:literal)*] $f:ident [$($key:literal)?] required $into:tt ($t:ty) [] $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @next ($kind $($head)*)
            [$($fields)*
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = $crate::structs::state!($kind required)]
                pub $f: $t,
            ]
            [$($args)* $f: $crate::structs::argument!($into $t),]
            [$($values)* $f: $crate::structs::convert!($into $f),]
            $setters $json $($rest)*
        );
    };
    // A required field that may be `null`: an `Option` argument of `new`. Decoding insists that
    // the key is there, and encoding sends `None` as `null` (see `json!`).
    (@field ($kind:ident $($head:tt)*) [$($fields:tt)*] [$($args:tt)*] [$($values:tt)*] $setters:tt $json:tt
        [$($doc:literal)*] $f:ident [$($key:literal)?] required_nullable $into:tt ($t:ty) [] $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @next ($kind $($head)*)
            [$($fields)*
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = $crate::structs::state!($kind required_nullable)]
                pub $f: Option<$t>,
            ]
            [$($args)* $f: Option<$crate::structs::argument!($into $t)>,]
            [$($values)* $f: $crate::structs::convert!($into ?$f),]
            $setters $json $($rest)*
        );
    };
    // A nullable field of a body: a `Patch`, so that it can be left alone, set or cleared.
    (@field (body $($head:tt)*) [$($fields:tt)*] $args:tt [$($values:tt)*] [$($setters:tt)*] $json:tt
        [$($doc:literal)*] $f:ident [$($key:literal)?] optional_nullable $into:tt ($t:ty) [$clear:ident]
        $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @next (body $($head)*)
            [$($fields)*
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = $crate::structs::state!(body optional_nullable)]
                pub $f: $crate::Patch<$t>,
            ]
            $args
            [$($values)* $f: $crate::Patch::Keep,]
            [$($setters)*
                $crate::structs::setter!(($crate::Patch::Set) [$($doc)*] $f [$($key)?] $into ($t));
                #[doc = $crate::structs::clears!($f $($key)?)]
                #[must_use]
                pub fn $clear(mut self) -> Self {
                    self.$f = $crate::Patch::Clear;
                    self
                }
            ]
            $json $($rest)*
        );
    };
    // Any other optional field: an `Option`, left out while `None`, with a setter in a body.
    (@field ($kind:ident $($head:tt)*) [$($fields:tt)*] $args:tt [$($values:tt)*] [$($setters:tt)*] $json:tt
        [$($doc:literal)*] $f:ident [$($key:literal)?] $presence:ident $into:tt ($t:ty) []
        $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @next ($kind $($head)*)
            [$($fields)*
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = $crate::structs::state!($kind $presence)]
                pub $f: Option<$t>,
            ]
            $args
            [$($values)* $f: None,]
            [$($setters)* $crate::structs::setter!($kind [$($doc)*] $f [$($key)?] $into ($t));]
            $json $($rest)*
        );
    };
}

/// Writes the struct, `new` (and `Default` when nothing is required), and the setters.
macro_rules! declare {
    (
        ($kind:ident $name:ident [$($meta:tt)*] $new_doc:literal)
        [$($fields:tt)*] [$($args:tt)*] [$($values:tt)*] [$($setters:tt)*] $json:tt
    ) => {
        $($meta)*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct $name {
            $($fields)*
        }

        impl $name {
            #[doc = $new_doc]
            #[must_use]
            #[allow(clippy::too_many_arguments, reason = "one argument per required field is what `new` promises")]
            pub fn new($($args)*) -> Self {
                Self { $($values)* }
            }

            $($setters)*
        }

        $crate::structs::default_if_nothing_required!($name [$($args)*]);
        $crate::structs::json!($kind $name $json);
    };
}

/// `Serialize` (objects and bodies) and `Deserialize` (objects), from the fields' names, JSON keys
/// and presence. Written here rather than derived because serde's derives were a third of a
/// generated crate's check time (see `BENCHMARKS.md`): the same JSON in less code. Present
/// fields are sent as they are; absent ones (`None`, `Patch::Keep`) are left out; decoding
/// ignores keys it does not know and refuses a missing required field, a duplicated key or a
/// wrong type.
macro_rules! json {
    (query $name:ident $fields:tt) => {};
    (body $name:ident $fields:tt) => {
        $crate::structs::json!(@encode $name $fields);
    };
    (object $name:ident $fields:tt) => {
        $crate::structs::json!(@encode $name $fields);
        $crate::structs::json!(@decode $name $fields);
    };
    (@encode $name:ident [$(($f:ident [$($key:tt)*] $presence:ident))*]) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeStruct as _;
                let sent = [$($crate::structs::sent::$presence(&self.$f)),*];
                let mut fields =
                    serializer.serialize_struct(stringify!($name), sent.iter().filter(|sent| **sent).count())?;
                $($crate::structs::put::$presence(&mut fields, $($key)*, &self.$f)?;)*
                fields.end()
            }
        }
    };
    (@decode $name:ident [$(($f:ident [$($key:tt)*] $presence:ident))*]) => {
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
                                $($($key)* => $crate::structs::take(&mut $f, &mut map, $($key)*)?,)*
                                _ => $crate::structs::skip(&mut map)?,
                            }
                        }
                        Ok($name { $($f: $crate::structs::found::$presence($f, $($key)*)?,)* })
                    }
                }
                deserializer.deserialize_struct(stringify!($name), &[$($($key)*),*], Visitor)
            }
        }
    };
}

/// A field's JSON key: the one given with `as`, or else the field's name.
macro_rules! key {
    ($f:ident) => {
        stringify!($f)
    };
    ($f:ident $key:literal) => {
        $key
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

/// What a field's presence means for its kind of struct, as the last paragraph of its docs.
macro_rules! state {
    (object required) => {
        ""
    };
    (object required_nullable) => {
        " Always sent; may be `null`."
    };
    (object optional) => {
        " May be absent."
    };
    (object optional_nullable) => {
        " May be absent or `null`."
    };
    (body required) => {
        " Required."
    };
    (body required_nullable) => {
        " Required; `None` is sent as `null`."
    };
    (body optional) => {
        " Not sent while `None`."
    };
    (body optional_nullable) => {
        " Not sent while [`Patch::Keep`](crate::Patch::Keep); [`Patch::Clear`](crate::Patch::Clear) sends `null`."
    };
    (query required) => {
        " Required."
    };
    (query optional) => {
        " Not sent while `None`."
    };
}

/// The setter of an optional field of a request type, which wraps the value in `$wrap` (`Some`,
/// `Patch::Set`); the optional fields of bodies and queries are `Some`, and types of the spec have
/// no setters.
macro_rules! setter {
    (object $($field:tt)*) => {};
    (body $($field:tt)*) => { $crate::structs::setter!((Some) $($field)*); };
    (query $($field:tt)*) => { $crate::structs::setter!((Some) $($field)*); };
    (($($wrap:tt)*) [$($doc:literal)*] $f:ident [$($key:literal)?] $into:tt ($t:ty)) => {
        #[doc = $crate::structs::sets!($f $($key)?)]
        #[doc = ""]
        $(#[doc = $doc])*
        #[must_use]
        pub fn $f(mut self, value: $crate::structs::argument!($into $t)) -> Self {
            self.$f = $($wrap)*($crate::structs::convert!($into value));
            self
        }
    };
}

/// The type `new` or a setter takes for a value of type `$t`.
macro_rules! argument {
    ([into] $t:ty) => { impl Into<$t> };
    ([] $t:ty) => { $t };
}

/// The argument `$v` as the field's type (`?` for an `Option` of it).
macro_rules! convert {
    ([into] $v:ident) => {
        $v.into()
    };
    ([into] ?$v:ident) => {
        $v.map(Into::into)
    };
    ([] $(?)? $v:ident) => {
        $v
    };
}

/// The first line of a setter's docs.
macro_rules! sets {
    ($f:ident) => {
        concat!(" Sets `", stringify!($f), "`.")
    };
    ($f:ident $key:literal) => {
        concat!(" Sets `", $key, "`.")
    };
}

/// The docs of a `clear_…` setter.
macro_rules! clears {
    ($f:ident) => {
        concat!(" Sends `", stringify!($f), "` as `null`, clearing the stored value.")
    };
    ($f:ident $key:literal) => {
        concat!(" Sends `", $key, "` as `null`, clearing the stored value.")
    };
}

/// `Default` as `new()`, for a struct with no required field.
macro_rules! default_if_nothing_required {
    ($name:ident []) => {
        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }
    };
    ($name:ident [$($args:tt)+]) => {};
}

#[allow(unused_imports, reason = "a spec may declare no struct of a kind")]
pub(crate) use {
    argument, body, clears, convert, declare, default_if_nothing_required, fields, json, key, object, query, sets,
    setter, state,
};
