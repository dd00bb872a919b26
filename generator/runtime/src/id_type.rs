//! What every id type of the spec shares (`LabelId`, `ProjectId`, … : one per resource, each a
//! `Uuid` that the compiler tells apart from the others), given a tuple struct over `Uuid`.
//! Hand-written runtime; the generated code calls [`impls!`] once per id type.
//!
//! There is deliberately no `From<Uuid>`: a bare `Uuid` converts only through `from_uuid`,
//! written out where the caller knows what the id is of, so that no call taking
//! `impl Into<…Id>` accepts any `Uuid` quietly.

/// Implements the constructors, `Display`, `FromStr`, JSON as a plain string, `Uuid: From<…>` and
/// the client's `Param` for `struct $name(::uuid::Uuid)`.
#[allow(unused_macros, reason = "used only by specs that declare an id type")]
macro_rules! impls {
    ($name:ident) => {
        impl $name {
            /// The id whose value is `uuid`: say so only where `uuid` is known to be this kind of id.
            #[must_use]
            pub const fn from_uuid(uuid: ::uuid::Uuid) -> Self {
                Self(uuid)
            }

            /// The id as a plain `Uuid`.
            #[must_use]
            pub const fn uuid(self) -> ::uuid::Uuid {
                self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::uuid::Error;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map(Self)
            }
        }

        impl From<$name> for ::uuid::Uuid {
            fn from(id: $name) -> ::uuid::Uuid {
                id.0
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <::uuid::Uuid as ::serde::Deserialize>::deserialize(deserializer).map(Self)
            }
        }

        impl $crate::call::Param for $name {
            fn to_param(&self) -> String {
                self.0.to_string()
            }
        }
    };
}

#[allow(unused_imports, reason = "used only by specs that declare an id type")]
pub(crate) use impls;
