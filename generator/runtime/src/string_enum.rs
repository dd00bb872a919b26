//! What every string enum of the spec shares, given its `as_str` and `From<&str>`: text for
//! people (`Display`), JSON in both directions, and its use as a path or query value.
//! Hand-written runtime; the generated code calls [`impls!`] once per enum.

/// Implements `Display`, `Serialize`, `Deserialize` and the client's `Param` for a string enum
/// that has `as_str(&self) -> &str` and `From<&str>` (which maps unknown text to `Unknown`).
#[allow(unused_macros, reason = "used only by specs that declare an enum")]
macro_rules! impls {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from(value.as_str()))
            }
        }

        impl $crate::call::Param for $name {
            fn to_param(&self) -> String {
                self.as_str().to_string()
            }
        }
    };
}

#[allow(unused_imports, reason = "used only by specs that declare an enum")]
pub(crate) use impls;
