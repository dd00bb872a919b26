//! The structs: the spec's types, the request bodies and the query parameters. Each is one
//! invocation of the runtime's `object!`, `body!` or `query!` (`generator/runtime/src/structs.rs`), a
//! line per field, which the runtime turns into the struct, its `new` and its setters.
//!
//! They are written as text, not through `syn` and `prettyplease`: the layout of a macro's input
//! is ours to choose (prettyplease would print it as one paragraph), and these structs are most
//! of a crate's lines, so not parsing them is most of the time rendering would take.

use std::fmt::Write as _;

use super::{docs, examples, rust_type};
use crate::model::{Api, Body, Endpoint, Field, Param, Presence, TypeDef};
use crate::runtime;

/// The spec's types.
pub fn objects(types: &[&TypeDef]) -> String {
    let mut out = String::new();
    for def in types {
        // A type the spec leaves undescribed (a warning) still needs docs: the crate denies missing ones.
        let fallback = format!("`{}`.", def.spec_name);
        let doc = docs::paragraphs([if def.doc.trim().is_empty() { &fallback } else { def.doc.as_str() }]);
        let fields = def.fields.iter().map(field_line).collect::<Vec<_>>();
        invocation(&mut out, "object", &doc, &def.ident, &fields);
    }
    out
}

/// The body and query types of some operations.
pub fn request_types(api: &Api, endpoints: &[&Endpoint]) -> String {
    let mut out = String::new();
    for endpoint in endpoints {
        if let Some(body) = &endpoint.body {
            let fields = body.fields.iter().map(field_line).collect::<Vec<_>>();
            invocation(&mut out, "body", &body_doc(api, endpoint, body), &body.ident, &fields);
        }
        if !endpoint.query_params.is_empty() {
            let method = &endpoint.ident;
            let doc = format!(
                "The query parameters of [`Client::{method}`](crate::Client::{method}). Parameters left \
                 `None` are not sent."
            );
            let fields = endpoint.query_params.iter().map(param_line).collect::<Vec<_>>();
            invocation(&mut out, "query", &doc, &endpoint.query_ident, &fields);
        }
    }
    out
}

/// A field as the macros read it: its docs, then `name [as "key"]: presence Type [=> clear],`.
struct FieldLine {
    doc: String,
    declaration: String,
}

fn field_line(field: &Field) -> FieldLine {
    let doc = if field.doc.trim().is_empty() { format!("`{}`.", field.wire) } else { docs::prose(field.doc.trim()) };
    let mut declaration =
        format!("{}: {} {}", name(&field.ident, &field.wire), presence(field.presence), rust_type::text(&field.ty));
    if let Some(clear) = &field.clear_ident {
        let _ = write!(declaration, " => {clear}");
    }
    FieldLine { doc, declaration }
}

fn param_line(param: &Param) -> FieldLine {
    let description = docs::one_line(&param.doc);
    let doc = if param.header { format!("{description}\n\nSent as the `{}` header.", param.wire) } else { description };
    let presence = if param.required { Presence::Required } else { Presence::Optional };
    let declaration =
        format!("{}: {} {}", name(&param.ident, &param.wire), self::presence(presence), rust_type::text(&param.ty));
    FieldLine { doc, declaration }
}

/// The field's name, with the key it is sent as when that differs (`r#type as "type"`).
fn name(ident: &str, wire: &str) -> String {
    if ident == wire { ident.to_string() } else { format!("{ident} as {}", proc_macro2::Literal::string(wire)) }
}

/// The macros' word for a presence.
fn presence(presence: Presence) -> &'static str {
    match presence {
        Presence::Required => "required",
        Presence::RequiredNullable => "required_nullable",
        Presence::Optional => "optional",
        Presence::OptionalNullable => "optional_nullable",
    }
}

/// `crate::structs::<kind>! { docs Name { fields } }`, laid out one field per line.
fn invocation(out: &mut String, kind: &str, doc: &str, ident: &str, fields: &[FieldLine]) {
    let _ = writeln!(out, "{}::{kind}! {{", runtime::internal::STRUCTS);
    doc_comment(out, "    ", doc);
    let _ = writeln!(out, "    {ident} {{");
    for field in fields {
        doc_comment(out, "        ", &field.doc);
        let _ = writeln!(out, "        {},", field.declaration);
    }
    out.push_str("    }\n}\n");
}

/// `///` lines at `indent`; long prose is wrapped later, with the rest of the file.
fn doc_comment(out: &mut String, indent: &str, text: &str) {
    for line in text.trim_end().lines() {
        // A carriage return may not stand alone in a doc comment.
        let line = line.trim_end().replace('\r', " ");
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}

fn body_doc(api: &Api, endpoint: &Endpoint, body: &Body) -> String {
    let method = &endpoint.ident;
    let clear = if body.fields.iter().any(|f| f.clear_ident.is_some()) {
        " Nullable fields also have a `clear_…` method, which sends `null` to clear the stored value."
    } else {
        ""
    };
    let intro = format!(
        "The request body of [`Client::{method}`](crate::Client::{method}).\n\n\
         Build it with [`{ident}::new`] and the chainable setters; a field that is never set is not \
         sent, so the server leaves it as it is.{clear}",
        ident = body.ident,
    );
    docs::paragraphs([intro.as_str(), examples::body_example(api, body).as_str()])
}
