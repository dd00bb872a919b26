//! The one place where spec names become Rust identifiers: cased with `heck`, keywords made raw (or
//! suffixed where Rust forbids a raw form), and every result checked to parse as an identifier.

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Strict and reserved keywords of Rust 2024, which become `r#keyword`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Why a name cannot become an identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// Nothing is left after casing (the name was empty or only punctuation).
    Empty,
    /// Identifiers cannot start with a digit.
    LeadingDigit(String),
    /// Something else that Rust does not accept as an identifier.
    Invalid(String),
}

impl NameError {
    /// A one-line explanation naming the offending spec name.
    pub fn explain(&self, what: &str, name: &str) -> String {
        match self {
            NameError::Empty => format!("{what} `{name}` has no letters or digits to make a Rust name from"),
            NameError::LeadingDigit(ident) => {
                format!("{what} `{name}` becomes `{ident}` in Rust, which starts with a digit")
            }
            NameError::Invalid(ident) => format!("{what} `{name}` becomes `{ident}`, which is not a valid Rust name"),
        }
    }
}

/// A field, parameter or method name: `snake_case`.
pub fn snake(name: &str) -> Result<String, NameError> {
    finish(name.to_snake_case())
}

/// A type name: `UpperCamelCase`.
pub fn camel(name: &str) -> Result<String, NameError> {
    finish(name.to_upper_camel_case())
}

fn finish(ident: String) -> Result<String, NameError> {
    if ident.is_empty() {
        return Err(NameError::Empty);
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(NameError::LeadingDigit(ident));
    }
    let ident = if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    };
    // heck keeps non-ASCII letters; make sure whatever came out is something rustc accepts.
    match syn::parse_str::<syn::Ident>(&ident) {
        Ok(_) => Ok(ident),
        Err(_) => Err(NameError::Invalid(ident)),
    }
}

/// The identifier without a raw prefix, for building derived names such as `clear_type`.
pub fn bare(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// The cargo feature of the module `module` (its name without `r#`): `work_items` → `work-items`.
pub fn feature(module: &str) -> String {
    module.to_kebab_case()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_and_escapes() {
        assert_eq!(snake("workspaceSlug").unwrap(), "workspace_slug");
        assert_eq!(snake("project__identifier").unwrap(), "project_identifier");
        assert_eq!(snake("type").unwrap(), "r#type");
        assert_eq!(snake("self").unwrap(), "self_");
        assert_eq!(camel("customer property").unwrap(), "CustomerProperty");
        assert_eq!(camel("Self").unwrap(), "Self_");
        assert_eq!(bare("r#type"), "type");
        assert_eq!(feature("work_items"), "work-items");
    }

    #[test]
    fn rejects_what_cannot_be_a_name() {
        assert_eq!(snake("--"), Err(NameError::Empty));
        assert_eq!(snake("2fa"), Err(NameError::LeadingDigit("2fa".into())));
        assert!(matches!(snake("x²"), Err(NameError::Invalid(_))), "{:?}", snake("x²"));
    }
}
