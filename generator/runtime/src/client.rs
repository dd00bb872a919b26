//! The client: configuration, authentication, URL building, sending and decoding. Hand-written
//! runtime shared by every generated operation, which only describes its request as a
//! [`Route`], for a [`Call`](crate::call::Call) to send here.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, PercentEncode, utf8_percent_encode};
use reqwest::header::{
    ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST, HeaderMap, HeaderName, HeaderValue, USER_AGENT,
};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::{Credential, Refreshing};
use crate::call::{Expect, Options, Route};
use crate::error::{ApiError, DecodeError, Error};
use crate::oauth::{TokenEndpoint, TokenSource};
use crate::pacing::{Pacer, Ticket};
use crate::retry::{Outcome, RateLimit, RetryPolicy};
use crate::spec;

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// 32 MiB: far above any answer of a well-behaved API (a page of 1,000 work items is a few MB), far
/// below what would take a machine's memory.
pub(crate) const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;
/// The most a response's `Content-Length` reserves before its bytes arrive.
const PREALLOCATE_AT_MOST: u64 = 4 * 1024 * 1024;
pub(crate) const USER_AGENT_VALUE: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A client for the API. Cheap to clone (it is a reference-counted handle) and safe to share
/// between tasks; clones share one connection pool.
///
/// Build one with [`Client::builder`].
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    /// Also what uploads and downloads reach the object storage with, without the credential.
    pub(crate) http: reqwest::Client,
    base_url: Url,
    /// The credential: a header marked sensitive, or OAuth tokens kept fresh; neither shows in
    /// `Debug` output.
    auth: Credential,
    /// Sent with every request, before the authentication header.
    default_headers: HeaderMap,
    retry: RetryPolicy,
    /// Whether a response key that the spec does not declare fails decoding.
    deny_unknown_fields: bool,
    /// The figures of the latest response that carried them.
    rate_limit: Mutex<Option<RateLimit>>,
    /// Keeps requests under the server's rate limit, if asked to.
    pacer: Option<Pacer>,
    /// The largest response body read, success or error.
    pub(crate) max_response_bytes: u64,
    /// The largest file an upload sends, when the server's limit is not the API's default.
    pub(crate) max_upload_bytes: Option<u64>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &redacted_url(&self.inner.base_url).as_str())
            .field("auth", &self.inner.auth)
            .field("retry", &self.inner.retry)
            .field("pace", &self.inner.pacer.is_some())
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
///
/// Defaults: the API's public base URL, a 10 s connect timeout, a 60 s timeout per attempt, and
/// the retries of [`RetryPolicy::default`]. Exactly one credential must be given: an API key, a
/// bearer token, or an OAuth application's tokens ([`oauth`](ClientBuilder::oauth)).
#[derive(Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    api_key: Option<String>,
    bearer_token: Option<String>,
    oauth: Option<TokenSource>,
    http: Option<reqwest::Client>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    default_headers: HeaderMap,
    deny_unknown_fields: bool,
    pace: bool,
    max_response_bytes: Option<u64>,
    max_upload_bytes: Option<u64>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |set: bool| if set { "Some(<redacted>)" } else { "None" };
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url.as_deref().map(redacted_text))
            .field("api_key", &format_args!("{}", redacted(self.api_key.is_some())))
            .field("bearer_token", &format_args!("{}", redacted(self.bearer_token.is_some())))
            .field("oauth", &self.oauth)
            .field("http", &self.http.is_some())
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            // Names only: a default header may carry a secret of its own.
            .field("default_headers", &self.default_headers.keys().collect::<Vec<_>>())
            .field("deny_unknown_fields", &self.deny_unknown_fields)
            .field("pace", &self.pace)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("max_upload_bytes", &self.max_upload_bytes)
            .finish()
    }
}

impl ClientBuilder {
    /// A builder set up from the environment variables this API documents: the base URL from
    /// the `…_BASE_URL` variable if it is set, and an API key from `…_API_KEY` or a bearer
    /// token from `…_ACCESS_TOKEN`, each name starting with the API's name in capitals (the
    /// crate's front page names them). Variables that are unset or empty are left out; settings
    /// made afterwards win.
    #[must_use]
    pub fn from_env() -> Self {
        let read = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        ClientBuilder {
            base_url: read(spec::BASE_URL_VARIABLE),
            api_key: spec::API_KEY_VARIABLE.and_then(read),
            bearer_token: spec::ACCESS_TOKEN_VARIABLE.and_then(read),
            ..ClientBuilder::default()
        }
    }

    /// The server to talk to, e.g. `https://api.example.com` for a self-hosted instance. A path
    /// prefix is kept (`https://example.com/app` sends to `https://example.com/app/api/v1/…`).
    #[must_use]
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Authenticate with an API key (a personal access token).
    #[must_use]
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Authenticate with an OAuth access token, sent as `Authorization: Bearer`.
    #[must_use]
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(token.into());
        self
    }

    /// Authenticate with an OAuth application's tokens, sent as `Authorization: Bearer`: the
    /// client fetches a token when a call first needs one (or at
    /// [`Client::authenticate`]), refreshes it before it expires, and once after a `401` answer,
    /// after which it sends the request again, once. One token request is in flight at a time,
    /// however many tasks share the client. The token endpoint is under this client's base URL
    /// unless the [`OAuthApp`](crate::OAuthApp) names another.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), plane_client::Error> {
    /// use plane_client::{Client, OAuthApp};
    ///
    /// let app = OAuthApp::new("client-id", "client-secret");
    /// let client = Client::builder()
    ///     .base_url("https://api.example.com")
    ///     .oauth(app.client_credentials().scopes(["read"]).on_token(|tokens| println!("new token, expires {:?}", tokens.expires_at())))
    ///     .build()?;
    /// client.authenticate().await?; // the first token now, rather than at the first call
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn oauth(mut self, source: TokenSource) -> Self {
        self.oauth = Some(source);
        self
    }

    /// Send requests through this `reqwest` client (for proxies, custom root certificates and
    /// the like). Its own timeouts then apply, and the builder's are ignored.
    ///
    /// Build it with `redirect(reqwest::redirect::Policy::none())`, as the client's own is: a
    /// redirected write arrives without its body, and a redirect may lead away from the base URL
    /// with the credential. A response that arrives from another URL than the one requested
    /// (a redirect this client followed) is refused as [`Error::Redirected`].
    #[must_use]
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// How long to wait for a connection to open (default 10 s).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one attempt may take, from sending to the end of the body (default 60 s). A
    /// request that times out fails with [`Error::Transport`], whose source says it timed out.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How calls are retried; [`RetryPolicy::none`] turns retries off.
    #[must_use]
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Fail decoding when a response has a key that the spec does not declare ([`Error::Decode`]
    /// names it), instead of ignoring it. Off by default, so that a server that adds fields does
    /// not break the client; turn it on in tests against a real server to catch spec drift.
    #[must_use]
    pub fn deny_unknown_fields(mut self, deny: bool) -> Self {
        self.deny_unknown_fields = deny;
        self
    }

    /// Paces requests so that the server's rate limit is never exceeded, instead of meeting 429
    /// answers and waiting them out. For bulk jobs: every clone of the client, on every task,
    /// shares one pace. Off by default.
    ///
    /// The limit is learned from the `X-RateLimit-Remaining` and `X-RateLimit-Reset` headers of
    /// the first answer (until it arrives, requests go one at a time); from then on a request
    /// waits only when the window is full, until the oldest request in it has left. A server
    /// that sends no such headers is not paced. See [`Client::rate_limit`] for the figures.
    #[must_use]
    pub fn pace(mut self, pace: bool) -> Self {
        self.pace = pace;
        self
    }

    /// The largest response body to read, in bytes (default 32 MiB), on success and error
    /// answers alike. A longer answer fails with [`Error::TooLarge`] as soon as it is known to be
    /// too long: at once when its `Content-Length` says so, otherwise when the limit is passed
    /// while reading, so memory stays bounded whatever a server (or a proxy) sends.
    #[must_use]
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }

    /// The largest file an upload sends, in bytes, for a server whose limit is not the API's
    /// default (a self-hosted server configured otherwise). A larger file fails with
    /// [`Error::FileTooLarge`] before anything is sent. Each upload's docs give the default.
    #[must_use]
    pub fn max_upload_bytes(mut self, limit: u64) -> Self {
        self.max_upload_bytes = Some(limit);
        self
    }

    /// Headers to send with every request (a tracing id, say). They cannot replace the
    /// authentication header.
    #[must_use]
    pub fn default_headers(mut self, headers: HeaderMap) -> Self {
        self.default_headers.extend(headers);
        self
    }

    /// Checks the configuration and builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if no credential or more than one was given, a credential cannot be
    /// sent as a header, the API does not offer what an OAuth token source needs (or a
    /// parameter it requires is missing), the base URL is not an http(s) URL, or the HTTP client
    /// cannot be set up.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = parse_base_url(self.base_url.as_deref().unwrap_or(spec::DEFAULT_BASE_URL))?;
        let http = match self.http {
            Some(http) => http,
            None => default_http(self.connect_timeout, self.timeout)?,
        };
        let retry = self.retry.unwrap_or_default();
        let auth = match (self.api_key, self.bearer_token, self.oauth) {
            (Some(key), None, None) => {
                let header = spec::API_KEY_HEADER.ok_or_else(|| config("this API does not accept API keys"))?;
                Credential::Static(header_name(header)?, secret(&key)?)
            }
            (None, Some(token), None) if spec::BEARER => {
                Credential::Static(AUTHORIZATION, secret(&format!("Bearer {token}"))?)
            }
            (None, Some(_), None) => return Err(config("this API does not accept bearer tokens")),
            (None, None, Some(source)) => {
                let spec = crate::oauth::oauth_spec()?;
                source.check(&spec)?;
                let server = source.server(&base_url)?;
                let endpoint = TokenEndpoint::new(&spec, &server, http.clone(), retry.clone(), self.max_response_bytes);
                Credential::OAuth(Box::new(Refreshing::new(source, spec, endpoint)?))
            }
            (None, None, None) => return Err(config(&no_credential())),
            _ => {
                return Err(config(
                    "more than one credential was given (API key, bearer token, OAuth); the API takes one",
                ));
            }
        };
        let mut default_headers = self.default_headers;
        default_headers.remove(auth.name());
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                auth,
                default_headers,
                retry,
                deny_unknown_fields: self.deny_unknown_fields,
                rate_limit: Mutex::new(None),
                pacer: self.pace.then(Pacer::default),
                max_response_bytes: self.max_response_bytes.unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
                max_upload_bytes: self.max_upload_bytes,
            }),
        })
    }
}

/// The client's own `reqwest` client: the timeouts given (or the defaults), and no redirects.
pub(crate) fn default_http(
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
) -> Result<reqwest::Client, Error> {
    reqwest::Client::builder()
        .connect_timeout(connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
        .timeout(timeout.unwrap_or(DEFAULT_TIMEOUT))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| config(&format!("cannot set up the HTTP client: {e}")))
}

pub(crate) fn config(message: &str) -> Error {
    Error::Config(message.to_string())
}

/// The spec's header name as a `HeaderName` (which is always lower-case, as HTTP/2 requires).
fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes())
        .map_err(|_| config(&format!("`{name}` is not a valid header name")))
}

/// A credential as a header value that `Debug` and reqwest's logging redact.
pub(crate) fn secret(value: &str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(value)
        .map_err(|_| config("the credential has characters that cannot be sent in an HTTP header"))?;
    value.set_sensitive(true);
    Ok(value)
}

pub(crate) fn parse_base_url(text: &str) -> Result<Url, Error> {
    let shown = redacted_text(text);
    let url = Url::parse(text).map_err(|e| config(&format!("base URL `{shown}`: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(config(&format!("base URL `{shown}` is not an http(s) URL")));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(config(&format!("base URL `{shown}` must not have a query or fragment")));
    }
    Ok(url)
}

/// What a URL's user name and password are shown as: they are credentials (reqwest sends them
/// as basic auth), as secret as the API key.
const REDACTED: &str = "redacted";

/// `url` with its user name and password, if any, replaced by [`REDACTED`], for `Debug` output,
/// errors and logs.
fn redacted_url(url: &Url) -> Url {
    let mut bare = without_userinfo(url);
    if bare != *url {
        let _ = bare.set_username(REDACTED);
    }
    bare
}

/// `url` without a user name and password. (Only URLs that cannot be a base refuse to lose
/// them, and those have none.)
fn without_userinfo(url: &Url) -> Url {
    let mut url = url.clone();
    let _ = url.set_password(None);
    let _ = url.set_username("");
    url
}

/// `text`, a URL as the caller wrote it (perhaps not even a valid one), with the user name and
/// password of its authority (`scheme://user:password@host`) replaced by [`REDACTED`].
pub(crate) fn redacted_text(text: &str) -> String {
    let Some(scheme_end) = text.find("://").map(|i| i + 3) else { return text.to_string() };
    let authority = &text[scheme_end..];
    let authority = &authority[..authority.find(['/', '?', '#']).unwrap_or(authority.len())];
    match authority.rfind('@') {
        Some(at) => format!("{}{REDACTED}{}", &text[..scheme_end], &text[scheme_end + at..]),
        None => text.to_string(),
    }
}

/// What to do when no credential was given, naming the environment variables `from_env` reads.
fn no_credential() -> String {
    let variables: Vec<String> =
        [spec::API_KEY_VARIABLE, spec::ACCESS_TOKEN_VARIABLE].into_iter().flatten().map(|v| format!("`{v}`")).collect();
    let reads =
        if variables.is_empty() { String::new() } else { format!(" (`from_env` reads {})", variables.join(" or ")) };
    format!("no credential: call `api_key`, `bearer_token` or `oauth`{reads}")
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client set up from the environment, as [`ClientBuilder::from_env`] reads it.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if no credential (or both kinds) is set, or the base URL is not an
    /// http(s) URL; the message names the variables.
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env().build()
    }

    /// Makes sure the client holds a usable token, fetching one now if it has none or its
    /// token is due for a refresh, rather than when the next call needs it: to learn at start-up
    /// that an OAuth application's credentials work. Does nothing for an API key or a bearer
    /// token.
    ///
    /// # Errors
    ///
    /// [`Error::Token`] if the token endpoint refuses, or the errors of any request.
    pub async fn authenticate(&self) -> Result<(), Error> {
        self.inner.auth.header(None).await.map(drop)
    }

    /// The server this client talks to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The rate-limit figures of the latest response that carried them (servers that limit
    /// rates send them on every allowed request): how many requests are left in the window, and
    /// when it resets. A bulk job can read them between calls to pace itself instead of being
    /// answered 429. `None` until such a response arrives.
    pub fn rate_limit(&self) -> Option<RateLimit> {
        *self.inner.rate_limit.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A response: its status, headers and body.
pub(crate) type Answer = (StatusCode, HeaderMap, bytes::Bytes);

/// Why an attempt brought no answer to use.
pub(crate) enum Failure {
    /// No complete response arrived.
    Transport(reqwest::Error),
    /// A caller-supplied HTTP client followed a redirect, to this URL.
    Redirected(Url),
    /// The body is longer than the client reads: `read` bytes had arrived when that was known,
    /// and `declared` is what its `Content-Length` said, if it said.
    TooLarge { status: StatusCode, read: u64, declared: Option<u64> },
}

/// A success response, read whole, and what it took to get it.
pub(crate) struct Response {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: bytes::Bytes,
    pub(crate) attempts: u32,
    pub(crate) elapsed: Duration,
}

/// The headers the client sets itself on every request: a call's extra headers may not replace
/// them (nor the credential's), so that a call cannot quietly send something else.
const CLIENT_HEADERS: [HeaderName; 6] = [ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HOST, USER_AGENT];

impl Client {
    /// The URL of `route` under the base URL. The template is checked here, for the calls of
    /// [`Client::request`] whose template no generator checked.
    pub(crate) fn url(&self, route: &Route) -> Result<Url, Error> {
        let template = route.template;
        let Some(pieces) = template.strip_prefix('/') else {
            return Err(route.invalid("the path template must start with `/`".to_string()));
        };
        if template.contains(['?', '#']) {
            return Err(route.invalid("the path template must be a path alone; add query pairs with `query`".into()));
        }
        let mut url = self.inner.base_url.clone();
        let base = url.path();
        let mut path = base.strip_suffix('/').unwrap_or(base).to_string();
        for piece in pieces.split('/') {
            path.push('/');
            match piece.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                Some(name) if !name.is_empty() && !name.contains(['{', '}']) => {
                    path.extend(path_segment(route, name)?);
                }
                None if !piece.contains(['{', '}']) && piece != "." && piece != ".." => path.push_str(piece),
                _ => {
                    let problem = format!("the path template's segment `{piece}` is neither a name nor `{{name}}`");
                    return Err(route.invalid(problem));
                }
            }
        }
        url.set_path(&path);
        let declared = route.query.iter().filter_map(|(name, value)| value.as_ref().map(|v| (*name, v)));
        let extra = route.extra_query.iter().map(|(name, value)| (name.as_str(), value.as_str()));
        url.set_query(crate::call::query_string(declared, extra).as_deref());
        Ok(url)
    }

    /// Sends the request, retrying as the policy says, and returns the 2xx response.
    pub(crate) async fn execute(
        &self,
        route: &Route,
        body: Option<crate::call::Body>,
        options: &Options,
    ) -> Result<Response, Error> {
        let url = self.url(route)?;
        let auth = &self.inner.auth;
        if let Some(name) = options.headers.keys().find(|name| CLIENT_HEADERS.contains(name) || *name == auth.name()) {
            return Err(
                route.invalid(format!("the `{name}` header is the client's own; an extra header cannot replace it"))
            );
        }
        let retry = options.retry.as_ref().unwrap_or(&self.inner.retry);
        let limit = options.max_response_bytes.unwrap_or(self.inner.max_response_bytes);
        let started = Instant::now();
        // Durations come from the caller and the server: add them without risk of overflow.
        let deadline = started.checked_add(retry.call_deadline());
        let mut attempt = 1;
        // The generation of a token the server refused with a 401, once: the next attempt gets a
        // new one, and a second 401 is the answer.
        let mut refused_token = None;
        let mut refreshed = false;
        // A file read as it is sent cannot be read again: such a body gets one attempt.
        let replayable = body.as_ref().is_none_or(crate::call::Body::replayable);
        loop {
            let (credential, generation) = auth.header(refused_token.take()).await?;
            let ticket = match &self.inner.pacer {
                Some(pacer) if options.pace => Some(pacer.admit().await),
                Some(pacer) => Some(pacer.admit_now()),
                None => None,
            };
            let result = self.attempt(route, &url, options, body.clone(), limit, credential).await;
            self.note_rate_limit(&result, ticket);
            let outcome = match &result {
                Ok((status, headers, _)) => Outcome::Status(*status, headers),
                Err(Failure::Transport(e)) if e.is_connect() => Outcome::NotSent,
                Err(_) => Outcome::Failed,
            };
            let elapsed_ms = started.elapsed().as_millis() as u64;
            match &result {
                Ok((status, ..)) => {
                    tracing::debug!(method = %route.method, path = route.template, status = status.as_u16(), attempt, elapsed_ms, "response");
                }
                Err(Failure::Transport(e)) => {
                    tracing::debug!(method = %route.method, path = route.template, attempt, elapsed_ms, error = %e, "no response")
                }
                Err(Failure::Redirected(_)) => {
                    tracing::debug!(method = %route.method, path = route.template, attempt, elapsed_ms, "redirect followed")
                }
                Err(Failure::TooLarge { status, read, .. }) => {
                    tracing::debug!(method = %route.method, path = route.template, status = status.as_u16(), attempt, elapsed_ms, read, "response too large")
                }
            }
            if let (Ok((StatusCode::UNAUTHORIZED, ..)), Some(generation), false) = (&result, generation, refreshed) {
                if auth.refreshes() && replayable {
                    // The server may act on nothing it cannot authenticate: sending again is
                    // safe whatever the method.
                    tracing::info!(method = %route.method, path = route.template, attempt, "401: renewing the token and sending again");
                    (refused_token, refreshed) = (Some(generation), true);
                    attempt += 1;
                    continue;
                }
            }
            let wait =
                replayable.then(|| retry.wait_before_retry(&route.method, outcome, attempt, fastrand::f64())).flatten();
            match wait {
                Some(wait) if Instant::now().checked_add(wait).is_some_and(|end| deadline.is_none_or(|d| end <= d)) => {
                    tracing::info!(method = %route.method, path = route.template, attempt, wait_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                _ => return finish(route, result, attempt, started.elapsed(), limit),
            }
        }
    }

    /// Keeps what an attempt's answer says of the rate limit, read once: the latest figures for
    /// [`Client::rate_limit`], and the pace's count of requests in the window.
    fn note_rate_limit(&self, result: &Result<Answer, Failure>, ticket: Option<Ticket<'_>>) {
        let status = result.as_ref().ok().map(|(status, ..)| *status);
        let limit = result.as_ref().ok().and_then(|(_, headers, _)| RateLimit::from_headers(headers));
        if let Some(limit) = limit {
            *self.inner.rate_limit.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(limit);
        }
        if let Some(ticket) = ticket {
            ticket.answered(status, limit);
        }
    }

    /// One attempt: the response's status, headers and body (at most `limit` bytes), or what
    /// failed.
    async fn attempt(
        &self,
        route: &Route,
        url: &Url,
        options: &Options,
        body: Option<crate::call::Body>,
        limit: u64,
        credential: HeaderValue,
    ) -> Result<Answer, Failure> {
        let mut request = self
            .inner
            .http
            .request(route.method.clone(), url.clone())
            .header(ACCEPT, "application/json")
            .header(USER_AGENT, USER_AGENT_VALUE);
        // Later headers replace earlier ones of the same name: the call's own win over the
        // operation's header parameters, which win over the client's defaults.
        for headers in [&self.inner.default_headers, &route.headers, &options.headers] {
            if !headers.is_empty() {
                request = request.headers(headers.clone());
            }
        }
        request = request.header(self.inner.auth.name(), credential);
        if let Some(timeout) = options.timeout {
            request = request.timeout(timeout);
        }
        if let Some(body) = body {
            request = body.attach(request);
        }
        send(request, url, limit).await
    }

    /// The success response's body decoded as `R`, as `expect` says to read it.
    pub(crate) fn decode<R: DeserializeOwned>(
        &self,
        route: &Route,
        expect: Expect,
        response: &Response,
    ) -> Result<R, Error> {
        let bytes: &[u8] = match expect {
            Expect::Nothing => b"null",
            Expect::JsonOrNull if response.body.trim_ascii().is_empty() => b"null",
            Expect::Json | Expect::JsonOrNull => &response.body,
        };
        decode_json(bytes, self.inner.deny_unknown_fields)
            .map_err(|(json_path, message)| decode_error(route, response, &json_path, message))
    }
}

/// `bytes` decoded as `R`, or where in the JSON decoding failed (a JSON path) and why; with
/// `strict`, a key that `R` does not declare fails too.
pub(crate) fn decode_json<R: DeserializeOwned>(bytes: &[u8], strict: bool) -> Result<R, (String, String)> {
    if strict {
        if let Some(json_path) = unknown_key::<R>(bytes) {
            return Err((json_path, "a key that the spec does not declare".to_string()));
        }
    }
    // Plain serde_json on the hot path; only a failure pays for tracking the JSON path, by
    // decoding again to find where it failed.
    let plain = match serde_json::from_slice(bytes) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    let mut json = serde_json::Deserializer::from_slice(bytes);
    Err(match serde_path_to_error::deserialize::<_, R>(&mut json) {
        Err(e) => (e.path().to_string(), e.inner().to_string()),
        Ok(_) => (".".to_string(), plain.to_string()),
    })
}

/// Sends `request` (for `url`) and reads its answer, at most `limit` bytes of body; a response
/// from another URL (a redirect that a caller's HTTP client followed) is refused.
pub(crate) async fn send(request: reqwest::RequestBuilder, url: &Url, limit: u64) -> Result<Answer, Failure> {
    let mut response = request.send().await.map_err(transport)?;
    // reqwest takes a user name and password out of the URL (it sends them as basic auth).
    if without_userinfo(response.url()) != without_userinfo(url) {
        return Err(Failure::Redirected(redacted_url(response.url())));
    }
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let bytes = read_body(response, limit).await?;
    Ok((status, headers, bytes))
}

/// The response's body, read chunk by chunk so that a body over `limit` is never held whole: it
/// fails when its `Content-Length` is over the limit, before reading, or when the bytes read
/// pass the limit.
async fn read_body(mut response: reqwest::Response, limit: u64) -> Result<bytes::Bytes, Failure> {
    let status = response.status();
    let declared = response.content_length();
    if declared.is_some_and(|length| length > limit) {
        return Err(Failure::TooLarge { status, read: 0, declared });
    }
    // The declared length sizes the buffer, up to a point: a server may lie about it, and a
    // caller may have lifted the limit.
    let capacity = declared.unwrap_or(0).min(PREALLOCATE_AT_MOST);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(transport)? {
        let read = body.len() as u64 + chunk.len() as u64;
        if read > limit {
            return Err(Failure::TooLarge { status, read, declared });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.into())
}

/// The final attempt's result as the call's result.
fn finish(
    route: &Route,
    result: Result<Answer, Failure>,
    attempts: u32,
    elapsed: Duration,
    limit: u64,
) -> Result<Response, Error> {
    let (method, path) = (&route.method, route.template);
    match result {
        Ok((status, headers, body)) if status.is_success() => Ok(Response { status, headers, body, attempts, elapsed }),
        Ok((status, headers, bytes)) => Err(api_error(method, path, status, &headers, &bytes, attempts)),
        Err(failure) => Err(failed(method, path, failure, attempts, limit)),
    }
}

/// An answer outside 2xx as an error.
pub(crate) fn api_error(
    method: &Method,
    path: &'static str,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    attempts: u32,
) -> Error {
    let mut error = ApiError::new(method.clone(), path, status, headers, body);
    error.attempts = attempts;
    Error::Api(Box::new(error))
}

/// An attempt that brought no answer to use, as an error.
pub(crate) fn failed(method: &Method, path: &'static str, failure: Failure, attempts: u32, limit: u64) -> Error {
    let method = method.clone();
    match failure {
        Failure::Transport(source) => Error::Transport { method, path, attempts, source },
        Failure::Redirected(to) => Error::Redirected { method, path, to: to.to_string() },
        Failure::TooLarge { status, read, declared } => Error::TooLarge { method, path, status, limit, read, declared },
    }
}

/// The first key of the JSON in `bytes` that decoding into `R` would ignore, as a JSON path.
fn unknown_key<R: DeserializeOwned>(bytes: &[u8]) -> Option<String> {
    let mut unknown = None;
    let mut json = serde_json::Deserializer::from_slice(bytes);
    let _ = serde_ignored::deserialize::<_, _, R>(&mut json, |path| {
        unknown.get_or_insert_with(|| path.to_string());
    });
    unknown
}

pub(crate) fn decode_error(route: &Route, response: &Response, json_path: &str, message: impl fmt::Display) -> Error {
    Error::Decode(Box::new(DecodeError {
        method: route.method.clone(),
        path: route.template,
        status: response.status,
        json_path: json_path.to_string(),
        message: message.to_string(),
        body: String::from_utf8_lossy(&response.body).into_owned(),
        request_id: crate::error::owned_request_id(&response.headers),
    }))
}

/// The bytes a path segment may carry as they are: RFC 3986's unreserved characters. Every
/// other byte is percent-encoded, control characters included: URL parsers drop a tab or a line
/// break silently (`.\t.` would become `..`), and `/`, `?`, `#` and `%` would end or escape the
/// segment.
const SEGMENT_BYTES_ENCODED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The path parameter `name` as exactly one path segment, percent-encoded by this client before
/// any URL parser sees it, so that no value can add, remove or change a segment, or start a
/// query or a fragment. A value of `.` or `..` (which URL parsers read as a step along the path,
/// even percent-encoded) and an empty one (which would merge two segments) are refused before
/// anything is sent.
fn path_segment<'a>(route: &'a Route, name: &str) -> Result<PercentEncode<'a>, Error> {
    let invalid = |problem: &str| route.invalid(format!("path parameter `{name}` {problem}"));
    let value = route.path_params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());
    match value {
        None => Err(invalid("has no value")),
        Some("") => Err(invalid("is empty")),
        Some("." | "..") => Err(invalid("is `.` or `..`, which would change the request's path")),
        Some(value) => Ok(utf8_percent_encode(value, SEGMENT_BYTES_ENCODED)),
    }
}

/// A transport error, with any credential in its URL redacted (reqwest's errors show the URL).
fn transport(mut error: reqwest::Error) -> Failure {
    if let Some(url) = error.url_mut() {
        *url = redacted_url(url);
    }
    Failure::Transport(error)
}
