//! `api.auth.oauth`: the token endpoint's and the consent screen's paths, the grants offered, how
//! the application authenticates on each, and the extra form parameters the client-credentials
//! grant requires. Everything the runtime's OAuth code needs to know about one API, checked here.

use super::Lowerer;
use crate::diagnostic::Diagnostic;
use crate::model::{ClientAuth, OAuth};
use crate::spec::{Loaded, OAuthSpec};

/// The form parameters the runtime sends itself: an extra parameter may not take their names.
const STANDARD_PARAMS: &[&str] =
    &["grant_type", "client_id", "client_secret", "scope", "code", "redirect_uri", "refresh_token", "state"];

impl Lowerer<'_> {
    /// The `oauth` block, checked; `None` after reporting a problem. `bearer` is whether the API
    /// accepts bearer tokens, which is how OAuth tokens are sent.
    pub(super) fn oauth(&mut self, file: &Loaded, spec: &OAuthSpec, bearer: bool) -> Option<OAuth> {
        let at = |key: &str| file.value_at(&["api", "auth", "oauth", key]);
        let mut ok = true;
        if !bearer {
            let d = Diagnostic::error("OAuth tokens are sent as bearer tokens, which the API does not accept")
                .at(file.key_at(&["api", "auth", "oauth"]))
                .help("add `bearer: true` beside `oauth`");
            self.error(d);
            ok = false;
        }
        ok &= self.oauth_path(&spec.token_path, || at("token_path"));
        if let Some(path) = &spec.authorize_path {
            ok &= self.oauth_path(path, || at("authorize_path"));
        }
        let client_credentials = spec.client_credentials.as_ref().and_then(|grant| {
            let client_auth = self.client_auth(file, "client_credentials", &grant.client_auth)?;
            let mut params = Vec::new();
            for (name, description) in &grant.params {
                let key = || file.key_at(&["api", "auth", "oauth", "client_credentials", "params", name]);
                if STANDARD_PARAMS.contains(&name.as_str()) {
                    let d = Diagnostic::error(format!("`{name}` is a parameter the client sends itself"))
                        .at(key())
                        .help("list only the parameters the server requires beyond OAuth's own");
                    self.error(d);
                } else if !is_form_name(name) {
                    let d = Diagnostic::error(format!("`{name}` is not a form parameter's name"))
                        .at(key())
                        .help("use letters, digits, `_`, `-` and `.`");
                    self.error(d);
                } else {
                    params.push((name.clone(), description.clone()));
                }
            }
            (params.len() == grant.params.len()).then_some((client_auth, params))
        });
        ok &= spec.client_credentials.is_none() || client_credentials.is_some();
        let mut grant = |name: &str, grant: &Option<crate::spec::GrantSpec>| match grant {
            None => (true, None),
            Some(grant) => match self.client_auth(file, name, &grant.client_auth) {
                Some(auth) => (true, Some(auth)),
                None => (false, None),
            },
        };
        let (code_ok, authorization_code) = grant("authorization_code", &spec.authorization_code);
        let (refresh_ok, refresh_token) = grant("refresh_token", &spec.refresh_token);
        ok &= code_ok && refresh_ok;
        if spec.authorization_code.is_some() && spec.authorize_path.is_none() {
            let d = Diagnostic::error("the authorization-code grant needs the consent screen's path")
                .at(file.key_at(&["api", "auth", "oauth", "authorization_code"]))
                .help("add `authorize_path: /…/` to `oauth`");
            self.error(d);
            ok = false;
        }
        if spec.client_credentials.is_none() && spec.authorization_code.is_none() {
            let d = Diagnostic::error("`oauth` offers no grant that gives a first token")
                .at(file.key_at(&["api", "auth", "oauth"]))
                .help("add `client_credentials` or `authorization_code`");
            self.error(d);
            ok = false;
        }
        ok.then(|| OAuth {
            description: spec.description.clone().unwrap_or_default(),
            token_path: spec.token_path.clone(),
            authorize_path: spec.authorize_path.clone(),
            client_credentials,
            authorization_code,
            refresh_token,
        })
    }

    /// Whether `path` is an absolute path of literal segments, reporting at `at` if not.
    fn oauth_path(&mut self, path: &str, at: impl FnOnce() -> crate::diagnostic::Location) -> bool {
        let fine = path.strip_prefix('/').is_some_and(|rest| {
            rest.split('/').enumerate().all(|(i, piece)| {
                let last = i == rest.split('/').count() - 1;
                (last || !piece.is_empty())
                    && piece != "."
                    && piece != ".."
                    && piece.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
            })
        });
        if !fine {
            let d = Diagnostic::error(format!("`{path}` is not a path of literal segments"))
                .at(at())
                .help("write it as the server routes it, from the root: `/auth/o/token/`");
            self.error(d);
        }
        fine
    }

    /// `basic` or `body`, as a [`ClientAuth`]; `None` after reporting anything else.
    fn client_auth(&mut self, file: &Loaded, grant: &str, text: &str) -> Option<ClientAuth> {
        match text {
            "basic" => Some(ClientAuth::Basic),
            "body" => Some(ClientAuth::Body),
            other => {
                let d = Diagnostic::error(format!("`{other}` is not a way for an application to authenticate"))
                    .at(file.value_at(&["api", "auth", "oauth", grant, "client_auth"]))
                    .help(
                        "`basic` (`Authorization: Basic`, client id and secret) or `body` (`client_id` and \
                         `client_secret` in the form)",
                    );
                self.error(d);
                None
            }
        }
    }
}

/// Whether `name` can be a form parameter's name without escaping.
fn is_form_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
}
