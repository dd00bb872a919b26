//! The client: configuration, authentication, URL building, sending and decoding. Hand-written
//! runtime shared by every generated operation, which only describes its request as a [`Route`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::{ApiError, DecodeError, Error};
use crate::spec;

const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const USER_AGENT_VALUE: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// A client for the API. Cheap to clone (it is a reference-counted handle) and safe to share
/// between tasks; clones share one connection pool.
///
/// Build one with [`Client::builder`].
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: Url,
    /// The authentication header, marked sensitive so that it never shows in `Debug` output.
    auth: (HeaderName, HeaderValue),
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("auth", &format_args!("{} (redacted)", self.inner.auth.0))
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
///
/// Defaults: the API's public base URL, a 10 s connect timeout and a 60 s total timeout per
/// request. Exactly one credential, an API key or a bearer token, must be given.
#[derive(Default)]
pub struct ClientBuilder {
    base_url: Option<String>,
    api_key: Option<String>,
    bearer_token: Option<String>,
    http: Option<reqwest::Client>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |set: bool| if set { "Some(<redacted>)" } else { "None" };
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("api_key", &format_args!("{}", redacted(self.api_key.is_some())))
            .field("bearer_token", &format_args!("{}", redacted(self.bearer_token.is_some())))
            .field("http", &self.http.is_some())
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl ClientBuilder {
    /// The server to talk to, e.g. `https://plane.example.com` for a self-hosted instance. A path
    /// prefix is kept (`https://example.com/plane` sends to `https://example.com/plane/api/v1/…`).
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

    /// Send requests through this `reqwest` client (for proxies, custom root certificates and
    /// the like). Its own timeouts then apply, and the builder's are ignored.
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

    /// How long a whole request may take, from sending to the end of the body (default 60 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Checks the configuration and builds the client.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] if no credential or both were given, a credential cannot be sent as a
    /// header, the base URL is not an http(s) URL, or the HTTP client cannot be set up.
    pub fn build(self) -> Result<Client, Error> {
        let auth = match (self.api_key, self.bearer_token) {
            (Some(key), None) => {
                let header = spec::API_KEY_HEADER.ok_or_else(|| config("this API does not accept API keys"))?;
                (header_name(header)?, secret(&key)?)
            }
            (None, Some(token)) if spec::BEARER => (AUTHORIZATION, secret(&format!("Bearer {token}"))?),
            (None, Some(_)) => return Err(config("this API does not accept bearer tokens")),
            (None, None) => return Err(config("no credential: call `api_key` or `bearer_token`")),
            (Some(_), Some(_)) => {
                return Err(config("both an API key and a bearer token were given; the API takes one"));
            }
        };
        let base_url = parse_base_url(self.base_url.as_deref().unwrap_or(spec::DEFAULT_BASE_URL))?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                .timeout(self.timeout.unwrap_or(DEFAULT_TIMEOUT))
                .build()
                .map_err(|e| config(&format!("cannot set up the HTTP client: {e}")))?,
        };
        Ok(Client { inner: Arc::new(Inner { http, base_url, auth }) })
    }
}

fn config(message: &str) -> Error {
    Error::Config(message.to_string())
}

/// The spec's header name as a `HeaderName` (which is always lower-case, as HTTP/2 requires).
fn header_name(name: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.to_ascii_lowercase().as_bytes())
        .map_err(|_| config(&format!("`{name}` is not a valid header name")))
}

/// A credential as a header value that `Debug` and reqwest's logging redact.
fn secret(value: &str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(value)
        .map_err(|_| config("the credential has characters that cannot be sent in an HTTP header"))?;
    value.set_sensitive(true);
    Ok(value)
}

fn parse_base_url(text: &str) -> Result<Url, Error> {
    let url = Url::parse(text).map_err(|e| config(&format!("base URL `{text}`: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(config(&format!("base URL `{text}` is not an http(s) URL")));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(config(&format!("base URL `{text}` must not have a query or fragment")));
    }
    Ok(url)
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The server this client talks to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }
}

/// A request as a generated operation describes it.
pub(crate) struct Route<'a> {
    pub method: Method,
    /// The path template from the spec, e.g. `/api/v1/workspaces/{workspace_slug}/`. It is what
    /// errors and logs show, never the filled-in path.
    pub template: &'static str,
    /// The value of each `{name}` of the template. Each fills exactly one path segment,
    /// percent-encoded, so no value can add a segment, a query or a fragment.
    pub path_params: &'a [(&'static str, &'a str)],
    /// Query pairs; `None` values are left out.
    pub query: &'a [(&'static str, Option<String>)],
}

/// The body argument of an operation that sends none.
#[allow(dead_code, reason = "used only by specs with an operation that sends no body")]
pub(crate) const NO_BODY: Option<&()> = None;

/// A path or query value as text.
pub(crate) trait Param {
    fn to_param(&self) -> String;
}

impl Param for &str {
    fn to_param(&self) -> String {
        (*self).to_string()
    }
}

macro_rules! display_param {
    ($($ty:ty),*) => {$(
        impl Param for $ty {
            fn to_param(&self) -> String {
                self.to_string()
            }
        }
    )*};
}

display_param!(String, i64, f64, bool, uuid::Uuid, chrono::NaiveDate);

impl Param for chrono::DateTime<chrono::Utc> {
    fn to_param(&self) -> String {
        self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }
}

/// Turns a path or query argument into text.
pub(crate) fn param(value: &impl Param) -> String {
    value.to_param()
}

impl Client {
    /// The URL of `route` under the base URL.
    fn url(&self, route: &Route<'_>) -> Result<Url, Error> {
        let mut url = self.inner.base_url.clone();
        // `parse_base_url` rejected URLs that cannot be a base, so the segments are always there.
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty();
            for piece in route.template.trim_start_matches('/').split('/') {
                match piece.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                    None => path.push(piece),
                    Some(name) => path.push(path_param(route, name)?),
                };
            }
        }
        let present: Vec<(&str, &String)> =
            route.query.iter().filter_map(|(name, value)| value.as_ref().map(|v| (*name, v))).collect();
        if !present.is_empty() {
            url.query_pairs_mut().extend_pairs(present);
        }
        Ok(url)
    }

    /// Sends the request and returns the status and body of a 2xx response.
    async fn execute<B: Serialize + ?Sized>(
        &self,
        route: &Route<'_>,
        body: Option<&B>,
    ) -> Result<(StatusCode, bytes::Bytes), Error> {
        let (name, value) = &self.inner.auth;
        let mut request = self
            .inner
            .http
            .request(route.method.clone(), self.url(route)?)
            .header(ACCEPT, "application/json")
            .header(USER_AGENT, USER_AGENT_VALUE)
            .header(name, value.clone());
        if let Some(body) = body {
            let json = serde_json::to_vec(body).map_err(|source| Error::Encode {
                method: route.method.clone(),
                path: route.template,
                source,
            })?;
            request = request.header(CONTENT_TYPE, "application/json").body(json);
        }
        let transport = |source| Error::Transport { method: route.method.clone(), path: route.template, source };
        let response = request.send().await.map_err(transport)?;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.map_err(transport)?;
        if !status.is_success() {
            let error = ApiError::new(route.method.clone(), route.template, status, &headers, &bytes);
            return Err(Error::Api(Box::new(error)));
        }
        Ok((status, bytes))
    }

    /// Sends the request and decodes the JSON body of the success response.
    pub(crate) async fn call_json<B: Serialize + ?Sized, R: DeserializeOwned>(
        &self,
        route: Route<'_>,
        body: Option<&B>,
    ) -> Result<R, Error> {
        let (status, bytes) = self.execute(&route, body).await?;
        let mut json = serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(&mut json).map_err(|e| {
            Error::Decode(Box::new(DecodeError {
                method: route.method.clone(),
                path: route.template,
                status,
                json_path: e.path().to_string(),
                message: e.inner().to_string(),
                body: String::from_utf8_lossy(&bytes).into_owned(),
            }))
        })
    }

    /// Sends the request; the success response has no body worth reading.
    #[allow(dead_code, reason = "used only by specs with an operation that returns no body")]
    pub(crate) async fn call_empty<B: Serialize + ?Sized>(
        &self,
        route: Route<'_>,
        body: Option<&B>,
    ) -> Result<(), Error> {
        self.execute(&route, body).await.map(|_| ())
    }
}

/// The value of the path parameter `name`, checked to fill exactly one segment. `url` encodes
/// `/`, `?`, `#` and `%` inside a segment, but URL parsers read a segment of `.` or `..` (even
/// percent-encoded) as a step along the path, and an empty one would merge two segments, so
/// those values are refused before anything is sent.
fn path_param<'a>(route: &Route<'a>, name: &str) -> Result<&'a str, Error> {
    let invalid = |problem: &str| Error::InvalidArgument {
        method: route.method.clone(),
        path: route.template,
        message: format!("path parameter `{name}` {problem}"),
    };
    let value = route.path_params.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    match value {
        None => Err(invalid("has no value")),
        Some("") => Err(invalid("is empty")),
        Some("." | "..") => Err(invalid("is `.` or `..`, which would change the request's path")),
        Some(value) => Ok(value),
    }
}
