//! What every enumeration of integer codes shares (a member's role, `20` admin; an intake item's
//! status, `-2` pending), given its `code` and `From<i64>`: text for people (`Display`, the
//! code), JSON as the integer, and its use as a path or query value. Hand-written runtime; the
//! generated code calls [`impls!`] once per such enum.

/// Implements `Display`, `Serialize`, `Deserialize` and the client's `Param` for an enum of
/// integer codes that has `code(self) -> i64` and `From<i64>` (which maps an unknown code to
/// `Unknown`).
#[allow(unused_macros, reason = "used only by specs that declare an enum of codes")]
macro_rules! impls {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.code(), f)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.code())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }

        impl $crate::call::Param for $name {
            fn to_param(&self) -> String {
                self.code().to_string()
            }
        }
    };
}

#[allow(unused_imports, reason = "used only by specs that declare an enum of codes")]
pub(crate) use impls;
