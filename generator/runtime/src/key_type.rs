//! What every key type of the spec shares: a value written as one string by a format such as
//! `{project}-{number}`, with a public field per part (text or an integer) and literal text
//! around and between the parts. Hand-written runtime; the generated code declares the struct and
//! its `new`, and calls [`impls!`] once per key type for the rest.
//!
//! Text is split from the right: the last part ends at the end (before any closing literal),
//! each part before it ends at the last separator that precedes it, and the first part takes
//! whatever is left. So in `{project}-{number}` the text `A-B-42` is project `A-B`, number 42,
//! as a server that splits at the last hyphen reads it; only the first part may hold its
//! separator.

use std::fmt;
use std::ops::{Bound, RangeBounds};

/// Why a text is not a key: which key type, the text, and what is wrong with it, e.g.
/// `` `PROJ42` is not a `WorkItemKey` (`{project}-{number}`): no `-` before `{number}` ``.
/// Returned by the key types' `FromStr` (`"PROJ-42".parse::<…Key>()`), and behind the decoding
/// error of a key in JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseKeyError {
    /// The key type's name, e.g. `WorkItemKey`.
    key: &'static str,
    /// Its format, e.g. `{project}-{number}`.
    format: &'static str,
    /// The text that was parsed.
    text: String,
    /// What is wrong with it.
    problem: Problem,
}

/// What is wrong with a text that is not a key.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    /// It does not start with the literal text before the first part.
    Prefix(&'static str),
    /// It does not end with the literal text after the last part.
    Suffix(&'static str),
    /// The separator before a part is missing.
    Separator { separator: &'static str, part: &'static str },
    /// A part is empty.
    Empty(&'static str),
    /// A part's text is not a value of its type.
    Part { part: &'static str, text: String, wrong: Wrong },
}

/// What is wrong with a part's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wrong {
    /// It is not a whole number written in digits.
    NotInteger,
    /// It is an integer too large for 64 bits.
    TooLarge,
    /// It is below the part's minimum.
    Below(i64),
    /// It is above the part's maximum.
    Above(i64),
}

impl ParseKeyError {
    /// The text that did not parse.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ParseKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a `{}` (`{}`): ", self.text, self.key, self.format)?;
        match &self.problem {
            Problem::Prefix(prefix) => write!(f, "it does not start with `{prefix}`"),
            Problem::Suffix(suffix) => write!(f, "it does not end with `{suffix}`"),
            Problem::Separator { separator, part } => write!(f, "no `{separator}` before `{{{part}}}`"),
            Problem::Empty(part) => write!(f, "`{{{part}}}` is empty"),
            Problem::Part { part, text, wrong } => match wrong {
                Wrong::NotInteger => write!(f, "`{{{part}}}` is `{text}`, not an integer"),
                Wrong::TooLarge => write!(f, "`{{{part}}}` is {text}, too large for a 64-bit integer"),
                Wrong::Below(minimum) => write!(f, "`{{{part}}}` is {text}, below its minimum {minimum}"),
                Wrong::Above(maximum) => write!(f, "`{{{part}}}` is {text}, above its maximum {maximum}"),
            },
        }
    }
}

impl std::error::Error for ParseKeyError {}

/// One part of a key's text, with the part's name in the format.
#[allow(dead_code, reason = "used only by specs that declare a key type")]
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece<'t> {
    name: &'static str,
    text: &'t str,
}

/// A text being parsed as a key of the type named `key`, written as `format`.
#[allow(dead_code, reason = "used only by specs that declare a key type")]
pub(crate) struct Parse<'t> {
    key: &'static str,
    format: &'static str,
    text: &'t str,
}

#[allow(dead_code, reason = "used only by specs that declare a key type")]
impl<'t> Parse<'t> {
    /// Starts parsing `text` as a `key`, whose format the generator has checked: parts in
    /// braces, at least one, with literal text between every two.
    pub(crate) fn new(key: &'static str, format: &'static str, text: &'t str) -> Self {
        Parse { key, format, text }
    }

    fn error(&self, problem: Problem) -> ParseKeyError {
        ParseKeyError { key: self.key, format: self.format, text: self.text.to_string(), problem }
    }

    /// The text of each of the `N` parts, in the format's order, split from the right.
    pub(crate) fn split<const N: usize>(&self) -> Result<[Piece<'t>; N], ParseKeyError> {
        // `a{x}b{y}c` splits into the literals and the names, alternately: a, x, b, y, c.
        let mut pieces = self.format.split(['{', '}']);
        let prefix = pieces.next().unwrap_or_default();
        let (mut names, mut after) = ([""; N], [""; N]);
        for (name, literal) in names.iter_mut().zip(after.iter_mut()) {
            *name = pieces.next().unwrap_or_default();
            *literal = pieces.next().unwrap_or_default();
        }
        let rest = self.text.strip_prefix(prefix).ok_or_else(|| self.error(Problem::Prefix(prefix)))?;
        let suffix = after.last().copied().unwrap_or_default();
        let mut rest = rest.strip_suffix(suffix).ok_or_else(|| self.error(Problem::Suffix(suffix)))?;
        let mut texts = [""; N];
        for i in (1..N).rev() {
            let separator = after[i - 1];
            let (left, right) = rest
                .rsplit_once(separator)
                .ok_or_else(|| self.error(Problem::Separator { separator, part: names[i] }))?;
            (texts[i], rest) = (right, left);
        }
        if let Some(first) = texts.first_mut() {
            *first = rest;
        }
        Ok(std::array::from_fn(|i| Piece { name: names[i], text: texts[i] }))
    }

    /// The value of one part; an integer must be within `range`.
    pub(crate) fn part<T: Part>(&self, piece: Piece<'_>, range: impl RangeBounds<i64>) -> Result<T, ParseKeyError> {
        if piece.text.is_empty() {
            return Err(self.error(Problem::Empty(piece.name)));
        }
        T::from_part(piece.text, range)
            .map_err(|wrong| self.error(Problem::Part { part: piece.name, text: piece.text.to_string(), wrong }))
    }
}

/// The type of a key's part: text or an integer.
#[allow(dead_code, reason = "used only by specs that declare a key type")]
pub(crate) trait Part: Sized {
    /// The value that `text` (not empty) spells, within `range` if it is a number.
    fn from_part(text: &str, range: impl RangeBounds<i64>) -> Result<Self, Wrong>;
}

impl Part for String {
    fn from_part(text: &str, _: impl RangeBounds<i64>) -> Result<Self, Wrong> {
        Ok(text.to_string())
    }
}

impl Part for i64 {
    /// Decimal digits only: no sign (a `-` is a separator's, and never part of a number, so
    /// that a `-` between two parts is never read as a minus), no spaces.
    fn from_part(text: &str, range: impl RangeBounds<i64>) -> Result<Self, Wrong> {
        if !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Wrong::NotInteger);
        }
        let value: i64 = text.parse().map_err(|_| Wrong::TooLarge)?;
        match (range.start_bound(), range.end_bound()) {
            (Bound::Included(&min), _) if value < min => Err(Wrong::Below(min)),
            (Bound::Excluded(&min), _) if value <= min => Err(Wrong::Below(min.saturating_add(1))),
            (_, Bound::Included(&max)) if value > max => Err(Wrong::Above(max)),
            (_, Bound::Excluded(&max)) if value >= max => Err(Wrong::Above(max.saturating_sub(1))),
            _ => Ok(value),
        }
    }
}

/// Writes a key: `format`'s literal text, with each part in place of its name.
#[allow(dead_code, reason = "used only by specs that declare a key type")]
pub(crate) fn write(f: &mut fmt::Formatter<'_>, format: &str, parts: &[&dyn fmt::Display]) -> fmt::Result {
    for (i, piece) in format.split(['{', '}']).enumerate() {
        match parts.get(i / 2) {
            Some(part) if i % 2 == 1 => part.fmt(f)?,
            _ => f.write_str(piece)?,
        }
    }
    Ok(())
}

/// Implements `Display` and `FromStr` (the format), JSON as that string, and the client's
/// `Param` for a struct with a public field per part. Takes the struct, its format (the parts'
/// names in braces) and its fields in the format's order, each integer with the range of values
/// it allows (`number in 1..`).
#[allow(unused_macros, reason = "used only by specs that declare a key type")]
macro_rules! impls {
    ($name:ident, $format:literal, $($part:ident $(in $range:expr)?),+ $(,)?) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::key_type::write(f, $format, &[$(&self.$part as &dyn ::std::fmt::Display),+])
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::key_type::ParseKeyError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let parse = $crate::key_type::Parse::new(stringify!($name), $format, text);
                let [$($part),+] = parse.split()?;
                Ok(Self { $($part: parse.part($part, $crate::key_type::impls!(@range $($range)?))?),+ })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }

        impl $crate::call::Param for $name {
            fn to_param(&self) -> String {
                self.to_string()
            }
        }
    };
    (@range) => { .. };
    (@range $range:expr) => { $range };
}

#[allow(unused_imports, reason = "used only by specs that declare a key type")]
pub(crate) use impls;

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// A key as the generator writes one: literal text before, between and after its parts.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    struct Shelf {
        room: String,
        shelf: i64,
        slot: i64,
    }

    super::impls!(Shelf, "room {room}: {shelf}-{slot}.", room, shelf in 1.., slot in 2..=9);

    /// A key of one text part and one integer part, as a work item's `PROJ-42`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    struct Item {
        project: String,
        number: i64,
    }

    super::impls!(Item, "{project}-{number}", project, number);

    /// A key whose parts are named like the locals of the code `impls!` writes.
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    struct Locals {
        parse: String,
        text: i64,
        f: String,
    }

    super::impls!(Locals, "{parse}:{text}:{f}", parse, text, f);

    fn item(project: &str, number: i64) -> Item {
        Item { project: project.into(), number }
    }

    fn error<T: std::str::FromStr<Err = super::ParseKeyError> + std::fmt::Debug>(text: &str) -> String {
        text.parse::<T>().unwrap_err().to_string()
    }

    #[test]
    fn a_key_reads_back_what_it_writes() {
        let shelf = Shelf { room: "B: 2-3".into(), shelf: 12, slot: 2 };
        assert_eq!(shelf.to_string(), "room B: 2-3: 12-2.");
        assert_eq!("room B: 2-3: 12-2.".parse::<Shelf>().unwrap(), shelf);
        for key in [item("PROJ", 42), item("A-B", 7), item("x", 0), item("ÉTÉ", i64::MAX), item("-", 1)] {
            assert_eq!(key.to_string().parse::<Item>().unwrap(), key, "{key}");
        }
    }

    #[test]
    fn parts_may_be_named_like_the_macros_own_locals() {
        let key = Locals { parse: "a:b".into(), text: 1, f: "c".into() };
        assert_eq!(key.to_string(), "a:b:1:c");
        assert_eq!("a:b:1:c".parse::<Locals>().unwrap(), key);
    }

    #[test]
    fn text_is_split_from_the_right() {
        assert_eq!("A-B-42".parse::<Item>().unwrap(), item("A-B", 42));
        // A `-` is never a minus sign: the last one separates the number.
        assert_eq!("P--1".parse::<Item>().unwrap(), item("P-", 1));
        // Leading zeros are read, as the server reads them.
        assert_eq!("PROJ-007".parse::<Item>().unwrap(), item("PROJ", 7));
    }

    #[test]
    fn what_is_wrong_is_said() {
        let cases = [
            ("PROJ42", "`PROJ42` is not a `Item` (`{project}-{number}`): no `-` before `{number}`"),
            ("", "`` is not a `Item` (`{project}-{number}`): no `-` before `{number}`"),
            ("-42", "`-42` is not a `Item` (`{project}-{number}`): `{project}` is empty"),
            ("PROJ-", "`PROJ-` is not a `Item` (`{project}-{number}`): `{number}` is empty"),
            ("PROJ-x", "`PROJ-x` is not a `Item` (`{project}-{number}`): `{number}` is `x`, not an integer"),
            ("PROJ-+4", "`PROJ-+4` is not a `Item` (`{project}-{number}`): `{number}` is `+4`, not an integer"),
            ("PROJ- 4", "`PROJ- 4` is not a `Item` (`{project}-{number}`): `{number}` is ` 4`, not an integer"),
            ("P-4.0", "`P-4.0` is not a `Item` (`{project}-{number}`): `{number}` is `4.0`, not an integer"),
            (
                "P-99999999999999999999",
                "`P-99999999999999999999` is not a `Item` (`{project}-{number}`): `{number}` is \
                 99999999999999999999, too large for a 64-bit integer",
            ),
        ];
        for (text, message) in cases {
            assert_eq!(error::<Item>(text), message);
        }
        let format = "`room {room}: {shelf}-{slot}.`";
        let shelf =
            |text: &str, problem: &str| (text.to_string(), format!("`{text}` is not a `Shelf` ({format}): {problem}"));
        let cases = [
            shelf("hall A: 1-2.", "it does not start with `room `"),
            shelf("room A: 1-2", "it does not end with `.`"),
            shelf("room A 1-2.", "no `: ` before `{shelf}`"),
            shelf("room A: 0-2.", "`{shelf}` is 0, below its minimum 1"),
            shelf("room A: 1-10.", "`{slot}` is 10, above its maximum 9"),
            shelf("room A: 1-1.", "`{slot}` is 1, below its minimum 2"),
        ];
        for (text, message) in cases {
            assert_eq!(error::<Shelf>(&text), message);
        }
        assert_eq!("PROJ42".parse::<Item>().unwrap_err().text(), "PROJ42");
    }

    #[test]
    fn json_and_paths_hold_the_text() {
        assert_eq!(serde_json::to_value(item("PROJ", 42)).unwrap(), json!("PROJ-42"));
        assert_eq!(serde_json::from_value::<Item>(json!("A-B-42")).unwrap(), item("A-B", 42));
        let wrong = serde_json::from_value::<Item>(json!("PROJ")).unwrap_err().to_string();
        assert!(wrong.contains("no `-` before `{number}`"), "{wrong}");
        assert!(serde_json::from_value::<Item>(json!(42)).is_err());
        assert_eq!(crate::call::param(&item("PROJ", 42)), "PROJ-42");
    }
}
