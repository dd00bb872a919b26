// Client runtime: the generator copies this file into every crate it writes; edit it in the generator's repository.
//! The structs of the generated code, declared from one line per field. Hand-written runtime.
//!
//! Three kinds of struct share one shape: the struct with its documented fields and their serde
//! attributes, and `new`, which takes the required fields. The generated code writes
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
//! part of `new` and its setters to four lists, and [`declare!`] writes the struct from them.
//! The generated crate raises `recursion_limit` when a struct has more fields than the default
//! allows for.

/// A type of the spec: sent and received as JSON, built with `new` and then its public fields.
macro_rules! object {
    ($(#[$meta:meta])* $name:ident { $($fields:tt)* }) => {
        $crate::structs::fields!(
            @next (object $name [$(#[$meta])*] [::serde::Serialize, ::serde::Deserialize]
                "A value with the required fields given and the others `None`; set those directly, \
                 as the fields are public. (The type is `#[non_exhaustive]`, so that fields the \
                 spec adds later do not break code that builds one.)")
            [] [] [] [] $($fields)*
        );
    };
}

/// A request body: sent as JSON, built with `new` and chainable setters.
macro_rules! body {
    ($(#[$meta:meta])* $name:ident { $($fields:tt)* }) => {
        $crate::structs::fields!(
            @next (body $name [$(#[$meta])*] [::serde::Serialize]
                "A body with the required fields given (its arguments, if any); the others are not \
                 sent until set.")
            [] [] [] [] $($fields)*
        );
    };
}

/// The query (and header) parameters of an operation, built like a body.
macro_rules! query {
    ($(#[$meta:meta])* $name:ident { $($fields:tt)* }) => {
        $crate::structs::fields!(
            @next (query $name [$(#[$meta])*] []
                "The parameters, with the required ones given (its arguments, if any) and the \
                 others not sent.")
            [] [] [] [] $($fields)*
        );
    };
}

/// Reads the fields one by one. The state is the struct's head (kind, name, docs, derives, docs
/// of `new`) and four lists: field declarations, arguments of `new`, its field values, setters.
macro_rules! fields {
    // Every field read.
    (@next $head:tt $fields:tt $args:tt $values:tt $setters:tt) => {
        $crate::structs::declare!($head $fields $args $values $setters);
    };
    // The next field, taken apart. A `String` is marked `[into]`: its setter and `new` take
    // anything that turns into one.
    (@next $head:tt $fields:tt $args:tt $values:tt $setters:tt
        $(#[doc = $doc:literal])* $f:ident $(as $key:literal)?: $presence:ident String $(=> $clear:ident)?,
        $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @field $head $fields $args $values $setters
            [$($doc)*] $f [$($key)?] $presence [into] (String) [$($clear)?] $($rest)*
        );
    };
    (@next $head:tt $fields:tt $args:tt $values:tt $setters:tt
        $(#[doc = $doc:literal])* $f:ident $(as $key:literal)?: $presence:ident $t:ty $(=> $clear:ident)?,
        $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @field $head $fields $args $values $setters
            [$($doc)*] $f [$($key)?] $presence [] ($t) [$($clear)?] $($rest)*
        );
    };

    // Query parameters: not serde's (the operation's route names them), so no attributes.
    (@field (query $($head:tt)*) [$($fields:tt)*] [$($args:tt)*] [$($values:tt)*] $setters:tt
        [$($doc:literal)*] $f:ident [$($key:literal)?] required $into:tt ($t:ty) [] $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @next (query $($head)*)
            [$($fields)* $(#[doc = $doc])* #[doc = ""] #[doc = " Required."] pub $f: $t,]
            [$($args)* $f: $crate::structs::argument!($into $t),]
            [$($values)* $f: $crate::structs::convert!($into $f),]
            $setters $($rest)*
        );
    };
    (@field (query $($head:tt)*) [$($fields:tt)*] $args:tt [$($values:tt)*] [$($setters:tt)*]
        [$($doc:literal)*] $f:ident [$($key:literal)?] optional $into:tt ($t:ty) [] $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @next (query $($head)*)
            [$($fields)* $(#[doc = $doc])* #[doc = ""] #[doc = " Not sent while `None`."] pub $f: Option<$t>,]
            $args
            [$($values)* $f: None,]
            [$($setters)* $crate::structs::setter!((Some) [$($doc)*] $f [$($key)?] $into ($t));]
            $($rest)*
        );
    };
    // A required field: an argument of `new`, never left out.
    (@field ($kind:ident $($head:tt)*) [$($fields:tt)*] [$($args:tt)*] [$($values:tt)*] $setters:tt
        [$($doc:literal)*] $f:ident [$($key:literal)?] required $into:tt ($t:ty) [] $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @next ($kind $($head)*)
            [$($fields)*
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = $crate::structs::state!($kind required)]
                $(#[serde(rename = $key)])?
                pub $f: $t,
            ]
            [$($args)* $f: $crate::structs::argument!($into $t),]
            [$($values)* $f: $crate::structs::convert!($into $f),]
            $setters $($rest)*
        );
    };
    // A required field that may be `null`: an `Option` argument of `new`. Decoding insists that
    // the key is there (serde takes a missing `Option` as `None` unless deserialized through a
    // function, and the trait's own is the plainest); encoding sends `None` as `null`.
    (@field ($kind:ident $($head:tt)*) [$($fields:tt)*] [$($args:tt)*] [$($values:tt)*] $setters:tt
        [$($doc:literal)*] $f:ident [$($key:literal)?] required_nullable $into:tt ($t:ty) [] $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @next ($kind $($head)*)
            [$($fields)*
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = $crate::structs::state!($kind required_nullable)]
                $(#[serde(rename = $key)])?
                #[serde(deserialize_with = "::serde::Deserialize::deserialize")]
                pub $f: Option<$t>,
            ]
            [$($args)* $f: Option<$crate::structs::argument!($into $t)>,]
            [$($values)* $f: $crate::structs::convert!($into ?$f),]
            $setters $($rest)*
        );
    };
    // A nullable field of a body: a `Patch`, so that it can be left alone, set or cleared.
    (@field (body $($head:tt)*) [$($fields:tt)*] $args:tt [$($values:tt)*] [$($setters:tt)*]
        [$($doc:literal)*] $f:ident [$($key:literal)?] optional_nullable $into:tt ($t:ty) [$clear:ident]
        $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @next (body $($head)*)
            [$($fields)*
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = $crate::structs::state!(body optional_nullable)]
                $(#[serde(rename = $key)])?
                #[serde(skip_serializing_if = "crate::Patch::is_keep")]
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
            $($rest)*
        );
    };
    // Any other optional field: an `Option`, left out while `None`, with a setter in a body.
    (@field ($kind:ident $($head:tt)*) [$($fields:tt)*] $args:tt [$($values:tt)*] [$($setters:tt)*]
        [$($doc:literal)*] $f:ident [$($key:literal)?] $presence:ident $into:tt ($t:ty) []
        $($rest:tt)*
    ) => {
        $crate::structs::fields!(
            @next ($kind $($head)*)
            [$($fields)*
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = $crate::structs::state!($kind $presence)]
                $(#[serde(rename = $key)])?
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $f: Option<$t>,
            ]
            $args
            [$($values)* $f: None,]
            [$($setters)* $crate::structs::setter!($kind [$($doc)*] $f [$($key)?] $into ($t));]
            $($rest)*
        );
    };
}

/// Writes the struct, `new` (and `Default` when nothing is required), and the setters.
macro_rules! declare {
    (
        ($kind:ident $name:ident [$($meta:tt)*] [$($derive:tt)*] $new_doc:literal)
        [$($fields:tt)*] [$($args:tt)*] [$($values:tt)*] [$($setters:tt)*]
    ) => {
        $($meta)*
        #[derive(Debug, Clone, PartialEq, $($derive)*)]
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
    };
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
/// `Patch::Set`); a body's optional fields are `Some`, and types of the spec have no setters.
macro_rules! setter {
    (object $($field:tt)*) => {};
    (body $($field:tt)*) => { $crate::structs::setter!((Some) $($field)*); };
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
    argument, body, clears, convert, declare, default_if_nothing_required, fields, object, query, sets, setter, state,
};
