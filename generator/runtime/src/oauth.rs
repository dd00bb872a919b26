//! OAuth 2.0 applications: an application's credentials ([`OAuthApp`]), the tokens a token
//! endpoint issues ([`TokenSet`]), where a client's tokens come from ([`TokenSource`]), the
//! consent screen's URL ([`AuthorizationRequest`]), and the token endpoint's requests. Which
//! paths, grants and extra parameters an API uses is the spec's to say (the generated `spec.rs`
//! holds them as an [`OAuthSpec`]); keeping a client's tokens fresh is `auth.rs`'s job.
//! Hand-written runtime.
//!
//! The token requests are made here, on the client's own `reqwest` client, rather than with the
//! `oauth2` crate: its current release (5.0) is built on reqwest 0.12 where this crate uses 0.13,
//! so it would either bring a second HTTP stack or need an adapter, and it would add its own
//! dependencies (`rand`, `sha2`, a second `thiserror`) to every generated crate for what is a
//! form post and a small JSON object. What is hard (one refresh in flight, refreshing before
//! expiry and after a `401`) is not in `oauth2` either.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::Method;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue, USER_AGENT};
use url::Url;

use crate::client::{self, Answer};
use crate::error::{DecodeError, Error, TokenError};
use crate::retry::{Outcome, RetryPolicy};
use crate::spec;

/// How an application proves who it is at the token endpoint, on one grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(dead_code, reason = "each is made only by the spec of an API whose grants use it")]
pub(crate) enum ClientAuth {
    /// `Authorization: Basic base64(client_id:client_secret)`.
    Basic,
    /// `client_id` and `client_secret` in the form.
    Body,
}

/// What the spec says of an API's OAuth applications: the paths, the grants offered and how the
/// application authenticates on each, and the form parameters the client-credentials grant
/// requires beyond OAuth's own. The generated `spec::OAUTH` holds one, or `None`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OAuthSpec {
    /// The token endpoint, under the base URL.
    pub(crate) token_path: &'static str,
    /// The consent screen, under the base URL.
    pub(crate) authorize_path: Option<&'static str>,
    /// The client-credentials grant, if offered.
    pub(crate) client_credentials: Option<ClientAuth>,
    /// The form parameters the client-credentials grant requires.
    pub(crate) client_credentials_params: &'static [&'static str],
    /// The authorization-code grant, if offered.
    pub(crate) authorization_code: Option<ClientAuth>,
    /// The refresh-token grant, if offered.
    pub(crate) refresh_token: Option<ClientAuth>,
}

/// The spec's OAuth facts, or why there are none.
pub(crate) fn oauth_spec() -> Result<OAuthSpec, Error> {
    spec::OAUTH.ok_or_else(|| client::config("this API offers no OAuth applications"))
}

/// Text that must never be shown: `Debug` prints `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// An OAuth application registered with the API's server: its client id and secret.
///
/// From it come the consent screen's URL ([`authorization`](OAuthApp::authorization)), a user's
/// tokens for the code the user comes back with ([`exchange_code`](OAuthApp::exchange_code)),
/// and the [`TokenSource`] a client takes its tokens from
/// ([`ClientBuilder::oauth`](crate::ClientBuilder::oauth)).
///
/// Which servers offer applications, which grants and which extra parameters they need, is
/// the API's own: see [the crate's front page](crate#oauth-applications). The token endpoint is
/// under the [`base_url`](OAuthApp::base_url) if one is set, else under the client's.
///
/// `Debug` shows the client id, never the secret.
#[derive(Clone)]
pub struct OAuthApp {
    client_id: String,
    client_secret: Secret,
    base_url: Option<String>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for OAuthApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthApp")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("base_url", &self.base_url.as_deref().map(client::redacted_text))
            .field("http", &self.http.is_some())
            .finish()
    }
}

impl OAuthApp {
    /// The application's client id and secret, as the server issued them.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> Self {
        OAuthApp { client_id: client_id.into(), client_secret: Secret::new(client_secret), base_url: None, http: None }
    }

    /// The server whose token endpoint and consent screen to use, when it is not the client's
    /// (or there is no client yet: [`authorization`](OAuthApp::authorization) and
    /// [`exchange_code`](OAuthApp::exchange_code) use the API's public server otherwise).
    #[must_use]
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The `reqwest` client for [`exchange_code`](OAuthApp::exchange_code) (a client's token
    /// requests use the client's own). Build it with `redirect(reqwest::redirect::Policy::none())`.
    #[must_use]
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The consent screen's URL, to send a user to: `client_id`, `response_type=code`,
    /// `redirect_uri`, a random `state` and the `scope`s (space-separated; left out when there
    /// are none). Keep [`state`](AuthorizationRequest::state) (in the user's session, say) and
    /// check that the redirect back carries the same before exchanging its `code`: that is what
    /// stops another site from completing the flow for the user.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if the API offers no authorization-code grant or the base URL is not an
    /// http(s) URL.
    pub fn authorization(&self, redirect_uri: &str, scopes: &[&str]) -> Result<AuthorizationRequest, Error> {
        let spec = oauth_spec()?;
        let path = spec
            .authorize_path
            .filter(|_| spec.authorization_code.is_some())
            .ok_or_else(|| client::config("this API offers no authorization-code grant"))?;
        let mut url = under(&self.server(None)?, path);
        // 122 bits from the operating system's generator, as text that needs no escaping.
        let state = uuid::Uuid::new_v4().simple().to_string();
        {
            let mut query = url.query_pairs_mut();
            query.append_pair("client_id", &self.client_id);
            query.append_pair("response_type", "code");
            query.append_pair("redirect_uri", redirect_uri);
            query.append_pair("state", &state);
            if !scopes.is_empty() {
                query.append_pair("scope", &scopes.join(" "));
            }
        }
        Ok(AuthorizationRequest { url, state })
    }

    /// Exchanges the `code` a user came back with for the user's tokens (the authorization-code
    /// grant), with the same `redirect_uri` as the consent screen's URL. Store the result (the
    /// refresh token above all) and pass it to [`user_tokens`](OAuthApp::user_tokens). A code
    /// can be used once: this request is never repeated once sent.
    ///
    /// # Errors
    ///
    /// [`Error::Token`] if the server refuses (an expired or used code is `invalid_grant`),
    /// [`Error::Config`] if the API offers no authorization-code grant, and the errors of any
    /// request.
    pub async fn exchange_code(&self, code: &str, redirect_uri: &str) -> Result<TokenSet, Error> {
        let spec = oauth_spec()?;
        let auth =
            spec.authorization_code.ok_or_else(|| client::config("this API offers no authorization-code grant"))?;
        let http = match &self.http {
            Some(http) => http.clone(),
            None => client::default_http(None, None)?,
        };
        let endpoint = TokenEndpoint::new(&spec, &self.server(None)?, http, RetryPolicy::default(), None);
        let params = [("code", code), ("redirect_uri", redirect_uri)];
        endpoint.request(self, "authorization_code", auth, &params).await
    }

    /// A source of tokens for the application itself, from the client-credentials grant: each
    /// token request is a new grant, so there is nothing to store. Add the parameters the API
    /// requires with [`TokenSource::param`] (the crate's front page names them).
    pub fn client_credentials(&self) -> TokenSource {
        TokenSource::new(self.clone(), Grant::ClientCredentials)
    }

    /// A source that uses a user's `tokens` (from [`exchange_code`](OAuthApp::exchange_code), or
    /// from storage) and refreshes them with their refresh token, keeping the new refresh token
    /// when the server rotates it: pass a callback to [`TokenSource::on_token`] to store each new
    /// set.
    pub fn user_tokens(&self, tokens: TokenSet) -> TokenSource {
        TokenSource::new(self.clone(), Grant::User(tokens))
    }

    /// The server's base URL: the app's own, else the client's, else the API's public one.
    fn server(&self, client: Option<&Url>) -> Result<Url, Error> {
        match (&self.base_url, client) {
            (Some(url), _) => client::parse_base_url(url),
            (None, Some(url)) => Ok(url.clone()),
            (None, None) => client::parse_base_url(spec::DEFAULT_BASE_URL),
        }
    }
}

/// `path` (absolute, as the spec writes it) under `base`, keeping the base's own path prefix.
fn under(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let prefix = url.path().trim_end_matches('/').to_string();
    url.set_path(&format!("{prefix}{path}"));
    url
}

/// Where to send a user to approve an application, and the `state` to expect back.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AuthorizationRequest {
    /// The consent screen's URL, with its query.
    pub url: Url,
    /// The random value the server hands back with the code: compare it with the one the
    /// redirect brings before using the code.
    pub state: String,
}

/// Tokens a token endpoint issued: the access token, and what comes with it.
///
/// Make one from storage with [`new`](TokenSet::new) and the `with_…` methods. `Debug` shows
/// neither token.
#[derive(Clone)]
pub struct TokenSet {
    access_token: Secret,
    refresh_token: Option<Secret>,
    expires_at: Option<SystemTime>,
    /// The token's whole life, when the server said (`expires_in`): a refresh comes at most
    /// half of it early.
    lifetime: Option<Duration>,
    scope: Option<String>,
}

impl fmt::Debug for TokenSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSet")
            .field("access_token", &self.access_token)
            .field("refresh_token", &self.refresh_token)
            .field("expires_at", &self.expires_at)
            .field("scope", &self.scope)
            .finish()
    }
}

impl TokenSet {
    /// An access token, with no refresh token and no known expiry.
    pub fn new(access_token: impl Into<String>) -> Self {
        TokenSet {
            access_token: Secret::new(access_token),
            refresh_token: None,
            expires_at: None,
            lifetime: None,
            scope: None,
        }
    }

    /// With the refresh token that came with the access token.
    #[must_use]
    pub fn with_refresh_token(mut self, refresh_token: impl Into<String>) -> Self {
        self.refresh_token = Some(Secret::new(refresh_token));
        self
    }

    /// With the time the access token expires.
    #[must_use]
    pub fn with_expires_at(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// With the scopes granted, space-separated as the server sent them.
    #[must_use]
    pub fn with_scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// The access token, sent as `Authorization: Bearer`. Keep it secret.
    pub fn access_token(&self) -> &str {
        self.access_token.expose()
    }

    /// The refresh token, if the server issued one. Keep it secret.
    pub fn refresh_token(&self) -> Option<&str> {
        self.refresh_token.as_ref().map(Secret::expose)
    }

    /// When the access token expires, if known (from the server's `expires_in`).
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// The scopes granted, space-separated, if the server said.
    pub fn scope(&self) -> Option<&str> {
        self.scope.as_deref()
    }

    /// When to refresh: `margin` before expiry, but no earlier than halfway through a life the
    /// server announced (so a short-lived token is not refreshed on every call).
    pub(crate) fn refresh_at(&self, margin: Duration) -> Option<Instant> {
        let left = self.expires_at?.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO);
        let margin = self.lifetime.map_or(margin, |life| margin.min(life / 2));
        Instant::now().checked_add(left.saturating_sub(margin))
    }
}

/// Which grant a [`TokenSource`] uses.
#[derive(Clone, Debug)]
pub(crate) enum Grant {
    /// A new client-credentials grant for each token.
    ClientCredentials,
    /// A user's tokens, refreshed with the refresh-token grant.
    User(TokenSet),
}

/// A callback that is handed each new set of tokens.
type OnToken = Arc<dyn Fn(&TokenSet) + Send + Sync>;

/// Where a client's OAuth tokens come from: an [`OAuthApp`] and a grant, made by
/// [`OAuthApp::client_credentials`] or [`OAuthApp::user_tokens`], for
/// [`ClientBuilder::oauth`](crate::ClientBuilder::oauth).
///
/// The client fetches a token when a call first needs one, refreshes it
/// [`refresh_margin`](TokenSource::refresh_margin) before it expires, and once after a `401`
/// answer (then sends that request again, once); however many tasks share the client, one token
/// request is in flight at a time, and the tasks that wait for it use its answer, token or refusal.
/// An early refresh that brings no answer (or a server error) leaves the token in use until it
/// expires; a refusal ([`Error::Token`]) fails the call at once.
///
/// `Debug` shows the grant and the parameters' names, never a secret or a value.
#[derive(Clone)]
pub struct TokenSource {
    pub(crate) app: OAuthApp,
    pub(crate) grant: Grant,
    pub(crate) params: Vec<(String, String)>,
    pub(crate) scopes: Vec<String>,
    pub(crate) margin: Duration,
    pub(crate) on_token: Option<OnToken>,
}

impl fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSource")
            .field("app", &self.app)
            .field("grant", &self.grant)
            .field("params", &self.params.iter().map(|(name, _)| name).collect::<Vec<_>>())
            .field("scopes", &self.scopes)
            .field("margin", &self.margin)
            .field("on_token", &self.on_token.is_some())
            .finish()
    }
}

/// How long before expiry a token is refreshed, unless told otherwise.
const DEFAULT_MARGIN: Duration = Duration::from_secs(60);

impl TokenSource {
    fn new(app: OAuthApp, grant: Grant) -> Self {
        TokenSource { app, grant, params: Vec::new(), scopes: Vec::new(), margin: DEFAULT_MARGIN, on_token: None }
    }

    /// Sends the form parameter `name=value` with each token request, as an API may require
    /// (which one, the crate's front page says). Building a client without a parameter the API
    /// requires fails, naming it.
    #[must_use]
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    /// The scopes to ask for with the client-credentials grant, sent space-separated as
    /// `scope`; none by default, which gives the application's registered scopes.
    #[must_use]
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// How long before its expiry a token is refreshed (60 s by default); never earlier than
    /// halfway through the life the server gave it.
    #[must_use]
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// Calls `callback` with each new set of tokens, once it is in use: the place to store a
    /// user's rotated refresh token, which replaces the old one on the server. The callback runs
    /// while other tasks wait for the token, so keep it short (send the set to a task that
    /// writes it, say).
    #[must_use]
    pub fn on_token(mut self, callback: impl Fn(&TokenSet) + Send + Sync + 'static) -> Self {
        self.on_token = Some(Arc::new(callback));
        self
    }

    /// Whether the API offers what this source needs, and every parameter it requires is given.
    pub(crate) fn check(&self, spec: &OAuthSpec) -> Result<(), Error> {
        match &self.grant {
            Grant::ClientCredentials => {
                if spec.client_credentials.is_none() {
                    return Err(client::config("this API offers no client-credentials grant"));
                }
                let missing = spec.client_credentials_params.iter().find(|p| !self.params.iter().any(|(n, _)| n == *p));
                match missing {
                    Some(name) => Err(client::config(&format!(
                        "this API's client-credentials grant needs `{name}`: add `.param(\"{name}\", …)` to the token source"
                    ))),
                    None => Ok(()),
                }
            }
            Grant::User(_) if spec.authorization_code.is_none() => {
                Err(client::config("this API offers no authorization-code grant, so no user tokens"))
            }
            Grant::User(_) => Ok(()),
        }
    }

    /// The server's base URL for this source's token requests: the app's own, else the client's.
    pub(crate) fn server(&self, client: &Url) -> Result<Url, Error> {
        self.app.server(Some(client))
    }
}

/// The token endpoint of one server, and how to call it.
pub(crate) struct TokenEndpoint {
    url: Url,
    path: &'static str,
    http: reqwest::Client,
    retry: RetryPolicy,
    limit: Option<u64>,
}

/// The form parameters whose values are secrets, scrubbed from anything the server answers.
const SECRET_PARAMS: [&str; 2] = ["code", "refresh_token"];

impl TokenEndpoint {
    pub(crate) fn new(
        spec: &OAuthSpec,
        server: &Url,
        http: reqwest::Client,
        retry: RetryPolicy,
        limit: Option<u64>,
    ) -> Self {
        TokenEndpoint { url: under(server, spec.token_path), path: spec.token_path, http, retry, limit }
    }

    /// One grant: `grant_type` and `params` form-encoded, the application authenticated as
    /// `auth` says. Retried as a `POST` is (a 429, or a connection that could not be made),
    /// never once it may have reached the server: a code, or a refresh token the server
    /// rotates, works once.
    pub(crate) async fn request(
        &self,
        app: &OAuthApp,
        grant: &'static str,
        auth: ClientAuth,
        params: &[(&str, &str)],
    ) -> Result<TokenSet, Error> {
        let body = bytes::Bytes::from(form(app, grant, auth, params));
        let secrets: Vec<&str> = params
            .iter()
            .filter(|(name, _)| SECRET_PARAMS.contains(name))
            .map(|(_, value)| *value)
            .chain([app.client_secret.expose()])
            .collect();
        let limit = self.limit.unwrap_or(client::DEFAULT_MAX_RESPONSE_BYTES);
        let started = Instant::now();
        let deadline = started.checked_add(self.retry.call_deadline());
        let mut attempt = 1;
        loop {
            let mut request = self
                .http
                .post(self.url.clone())
                .header(ACCEPT, "application/json")
                .header(USER_AGENT, client::USER_AGENT_VALUE)
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(body.clone());
            if auth == ClientAuth::Basic {
                request = request.basic_auth(&app.client_id, Some(app.client_secret.expose()));
            }
            let result = client::send(request, &self.url, limit).await;
            let elapsed_ms = started.elapsed().as_millis() as u64;
            let outcome = match &result {
                Ok((status, headers, _)) => {
                    tracing::debug!(
                        path = self.path,
                        grant,
                        status = status.as_u16(),
                        attempt,
                        elapsed_ms,
                        "token response"
                    );
                    Outcome::Status(*status, headers)
                }
                Err(client::Failure::Transport(e)) if e.is_connect() => Outcome::NotSent,
                Err(_) => {
                    tracing::debug!(path = self.path, grant, attempt, elapsed_ms, "no token response");
                    Outcome::Failed
                }
            };
            match self.retry.wait_before_retry(&Method::POST, outcome, attempt, fastrand::f64()) {
                Some(wait) if Instant::now().checked_add(wait).is_some_and(|end| deadline.is_none_or(|d| end <= d)) => {
                    tracing::info!(path = self.path, grant, attempt, wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                _ => {
                    return match result {
                        Ok(answer) => self.answer(grant, answer, attempt, &secrets),
                        Err(failure) => Err(client::failed(&Method::POST, self.path, failure, attempt, limit)),
                    };
                }
            }
        }
    }

    /// The token endpoint's answer: the tokens, the server's refusal, or what else it was.
    fn answer(&self, grant: &'static str, answer: Answer, attempts: u32, secrets: &[&str]) -> Result<TokenSet, Error> {
        let (status, headers, body) = answer;
        if status.is_success() {
            return token_set(&body).map_err(|(json_path, message)| {
                Error::Decode(Box::new(DecodeError {
                    method: Method::POST,
                    path: self.path,
                    status,
                    json_path: json_path.to_string(),
                    message: message.to_string(),
                    body: "(not kept: a token response)".to_string(),
                    request_id: crate::error::owned_request_id(&headers),
                }))
            });
        }
        let text = scrub(&String::from_utf8_lossy(&body), secrets);
        match refusal(&text) {
            Some((error, description)) => Err(Error::Token(Box::new(TokenError {
                grant,
                path: self.path,
                status,
                error,
                description,
                request_id: crate::error::owned_request_id(&headers),
            }))),
            None => Err(client::api_error(&Method::POST, self.path, status, &headers, text.as_bytes(), attempts)),
        }
    }
}

/// The form of a grant's request (the serializer does not live across an `await`: it is not `Send`).
fn form(app: &OAuthApp, grant: &str, auth: ClientAuth, params: &[(&str, &str)]) -> String {
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    form.append_pair("grant_type", grant);
    for (name, value) in params {
        form.append_pair(name, value);
    }
    if auth == ClientAuth::Body {
        form.append_pair("client_id", &app.client_id);
        form.append_pair("client_secret", app.client_secret.expose());
    }
    form.finish()
}

/// `text` with every secret in it replaced, in case a server echoes what it was sent.
fn scrub(text: &str, secrets: &[&str]) -> String {
    secrets.iter().filter(|s| !s.is_empty()).fold(text.to_string(), |text, secret| text.replace(secret, "[redacted]"))
}

/// An OAuth error answer (RFC 6749, section 5.2): `error` and, if given, `error_description`.
fn refusal(text: &str) -> Option<(String, Option<String>)> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let error = value.get("error")?.as_str()?.to_string();
    let description = value.get("error_description").and_then(|d| d.as_str()).map(str::to_string);
    Some((error, description))
}

/// A token response's body as a [`TokenSet`], or where and why it is not one. The messages
/// never quote the body: it holds the tokens.
fn token_set(body: &[u8]) -> Result<TokenSet, (&'static str, &'static str)> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|_| (".", "not JSON"))?;
    let object = value.as_object().ok_or((".", "not a JSON object"))?;
    let text = |key: &'static str| match object.get(key) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err((key, "not a string")),
    };
    let access_token = text("access_token")?.filter(|t| !t.is_empty()).ok_or(("access_token", "missing or empty"))?;
    if HeaderValue::from_str(&format!("Bearer {access_token}")).is_err() {
        return Err(("access_token", "has characters that a header cannot carry"));
    }
    if text("token_type")?.is_some_and(|t| !t.eq_ignore_ascii_case("bearer")) {
        return Err(("token_type", "not `Bearer`, the only kind of token this client sends"));
    }
    // A number of seconds; some servers send it as text.
    let expires_in = match object.get("expires_in") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::Number(n)) => Some(n.as_f64().ok_or(("expires_in", "not a number"))?),
        Some(serde_json::Value::String(s)) => {
            Some(s.trim().parse::<f64>().map_err(|_| ("expires_in", "not a number"))?)
        }
        Some(_) => return Err(("expires_in", "not a number")),
    };
    let lifetime = match expires_in {
        Some(seconds) => Some(Duration::try_from_secs_f64(seconds).map_err(|_| ("expires_in", "not a duration"))?),
        None => None,
    };
    Ok(TokenSet {
        access_token: Secret::new(access_token),
        refresh_token: text("refresh_token")?.map(Secret::new),
        expires_at: lifetime.and_then(|life| SystemTime::now().checked_add(life)),
        lifetime,
        scope: text("scope")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_token_response() {
        let set = token_set(br#"{"access_token": "a", "token_type": "Bearer", "expires_in": 86400, "scope": "s t"}"#)
            .unwrap();
        assert_eq!((set.access_token(), set.refresh_token(), set.scope()), ("a", None, Some("s t")));
        assert_eq!(set.lifetime, Some(Duration::from_secs(86400)));
        let set = token_set(br#"{"access_token": "a", "refresh_token": "r", "expires_in": "60"}"#).unwrap();
        assert_eq!((set.refresh_token(), set.lifetime), (Some("r"), Some(Duration::from_secs(60))));
        assert_eq!(token_set(br#"{"token_type": "Bearer"}"#).err(), Some(("access_token", "missing or empty")));
        assert_eq!(token_set(br#"{"access_token": "a", "token_type": "mac"}"#).err().map(|e| e.0), Some("token_type"));
        assert_eq!(token_set(br#"{"access_token": "a", "expires_in": -1}"#).err().map(|e| e.0), Some("expires_in"));
        assert_eq!(token_set(br#"{"access_token": "a\nb"}"#).err().map(|e| e.0), Some("access_token"));
    }

    #[test]
    fn a_token_is_refreshed_a_margin_early_but_not_before_half_its_life() {
        let now = Instant::now();
        let mut set = token_set(br#"{"access_token": "a", "expires_in": 3600}"#).unwrap();
        let at = set.refresh_at(Duration::from_secs(60)).unwrap();
        assert!(at >= now + Duration::from_secs(3530) && at <= now + Duration::from_secs(3541), "{:?}", at - now);
        set = token_set(br#"{"access_token": "a", "expires_in": 30}"#).unwrap();
        let at = set.refresh_at(Duration::from_secs(60)).unwrap();
        assert!(at >= now + Duration::from_secs(14) && at <= now + Duration::from_secs(16), "{:?}", at - now);
        assert!(TokenSet::new("a").refresh_at(Duration::from_secs(60)).is_none());
    }

    #[test]
    fn secrets_stay_out_of_debug_and_refusals() {
        let set = TokenSet::new("access-secret").with_refresh_token("refresh-secret");
        let app = OAuthApp::new("id", "client-secret");
        let shown = format!("{set:?} {app:?} {:?}", app.client_credentials().param("x", "value-secret"));
        for secret in ["access-secret", "refresh-secret", "client-secret", "value-secret"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert_eq!(scrub("bad code abc and abc", &["abc", ""]), "bad code [redacted] and [redacted]");
        assert_eq!(
            refusal(r#"{"error": "invalid_grant", "error_description": "Invalid grant"}"#),
            Some(("invalid_grant".to_string(), Some("Invalid grant".to_string())))
        );
        assert_eq!(refusal(r#"{"detail": "no"}"#), None);
    }
}
