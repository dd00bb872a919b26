//! Bounds on what a request sends: integer ranges and string lengths, allowed on query parameters
//! and request body fields (what the client sends, so what it can check), each on the type it
//! fits, and never crossed.

use super::Lowerer;
use crate::diagnostic::Diagnostic;
use crate::model::{Bounds, Ty};
use crate::spec::Loaded;

impl Lowerer<'_> {
    /// Checks the `bounds` written under `path` on a value of type `ty`. `refused` says why the
    /// place takes no bounds at all, if it does not. Returns whether all is well.
    pub(super) fn check_bounds(
        &mut self,
        file: &Loaded,
        path: &[&str],
        bounds: Bounds,
        ty: &Ty,
        refused: Option<&str>,
    ) -> bool {
        let written = [
            ("minimum", bounds.minimum.is_some(), Ty::Integer),
            ("maximum", bounds.maximum.is_some(), Ty::Integer),
            ("min_length", bounds.min_length.is_some(), Ty::String),
            ("max_length", bounds.max_length.is_some(), Ty::String),
        ];
        for (key, present, fits) in written {
            if !present {
                continue;
            }
            let at = file.key_at(&[path, &[key]].concat());
            let problem = match refused {
                Some(why) => Some((format!("`{key}` is not checked here"), why.to_string())),
                None if *ty != fits => Some((
                    format!(
                        "`{key}` bounds only values of type `{}`",
                        if fits == Ty::Integer { "integer" } else { "string" }
                    ),
                    "remove it, or change the type".to_string(),
                )),
                None => None,
            };
            if let Some((message, help)) = problem {
                self.error(Diagnostic::error(message).at(at).help(help));
                return false;
            }
        }
        let crossed = match bounds {
            Bounds { minimum: Some(min), maximum: Some(max), .. } if min > max => {
                Some(("maximum", format!("`minimum` {min} is above `maximum` {max}")))
            }
            Bounds { min_length: Some(min), max_length: Some(max), .. } if min > max => {
                Some(("max_length", format!("`min_length` {min} is above `max_length` {max}")))
            }
            _ => None,
        };
        if let Some((key, message)) = crossed {
            let at = file.value_at(&[path, &[key]].concat());
            self.error(Diagnostic::error(message).at(at).help("no value could be sent"));
            return false;
        }
        true
    }
}
