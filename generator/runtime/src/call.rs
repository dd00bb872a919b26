//! A call: what every operation returns, and what [`Client::request`] makes for any path.
//! Awaiting it gives the decoded value; [`Call::exchange`] gives the response's status, headers
//! and figures beside it; its options change how this one call is sent, without another client.
//! Hand-written runtime: an operation only describes its request as a [`Route`], and this module
//! and `client.rs` do the rest.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::error::Error;
use crate::retry::{RateLimit, RetryPolicy};

/// A request about to be sent: what an operation, or [`Client::request`], returns.
///
/// Awaiting it sends the request and gives the decoded value. Before that, its options change
/// how this one call is sent ([`timeout`](Call::timeout), [`retry`](Call::retry),
/// [`pace`](Call::pace), [`header`](Call::header),
/// [`max_response_bytes`](Call::max_response_bytes)), and [`exchange`](Call::exchange) gives
/// the response's status, headers and figures next to the value.
///
/// ```no_run
/// # async fn example(client: &plane_client::Client) -> Result<(), plane_client::Error> {
/// use std::time::Duration;
/// use plane_client::{Method, RetryPolicy, Value};
///
/// let exchange = client
///     .request::<Value>(Method::POST, "/api/v1/things/")
///     .json_body(&serde_json::json!({"name": "once"}))
///     .retry(RetryPolicy::none())
///     .timeout(Duration::from_secs(5))
///     .header("X-Trace", "job-42")
///     .exchange()
///     .await?;
/// println!("{} after {} attempt(s), request id {:?}", exchange.status, exchange.attempts, exchange.request_id());
/// # Ok(())
/// # }
/// ```
///
/// An argument refused before sending (a bound an operation checks, a path parameter that would
/// change the path, a header the client owns) comes back as [`Error::InvalidArgument`] when
/// the call is awaited, with nothing sent.
///
/// A call is not itself a [`Future`]: where one is required (`join_all`, `tokio::spawn`), pass
/// `call.into_future()` ([`IntoFuture`]), a boxed `Send` future.
#[must_use = "a call sends nothing until it is awaited"]
pub struct Call<'a, T> {
    client: &'a Client,
    route: Route,
    /// The request body, encoded, with its media type.
    body: Option<Body>,
    expect: Expect,
    options: Options,
    value: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Call<'_, T> {
    /// The request's shape, never a header's value or the body: either may carry a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.route.method)
            .field("path", &self.route.template)
            .field("body", &self.body.as_ref().map(|body| format!("{} bytes of {:?}", body.len(), body.media_type)))
            .field("timeout", &self.options.timeout)
            .field("retry", &self.options.retry)
            .field("pace", &self.options.pace)
            .field("headers", &self.options.headers.keys().collect::<Vec<_>>())
            .field("max_response_bytes", &self.options.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// What the success response's body is decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    /// The body, which must be JSON.
    Json,
    /// Nothing: the operation's response has no body worth reading, whatever arrives.
    Nothing,
    /// The body if it has any JSON, `null` if it is empty (a `204`): [`Client::request`] cannot
    /// know which the server sends.
    JsonOrNull,
}

/// How one call is sent, where it differs from the client's settings.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub(crate) timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    /// Whether the call waits for the client's pace (if the client paces at all).
    pub(crate) pace: bool,
    /// Sent after the client's default headers and the operation's header parameters, so they
    /// win over both.
    pub(crate) headers: HeaderMap,
    pub(crate) max_response_bytes: Option<u64>,
}

impl Default for Options {
    fn default() -> Self {
        Options { timeout: None, retry: None, pace: true, headers: HeaderMap::new(), max_response_bytes: None }
    }
}

impl<'a, T> Call<'a, T> {
    pub(crate) fn new(client: &'a Client, route: Route, body: Option<Body>, expect: Expect) -> Self {
        Call { client, route, body, expect, options: Options::default(), value: PhantomData }
    }

    /// How long each attempt of this call may take, from sending to the end of the body, instead
    /// of the client's [`timeout`](crate::ClientBuilder::timeout). It applies even with a
    /// caller's own [`http_client`](crate::ClientBuilder::http_client).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// How this call is retried, instead of the client's policy: [`RetryPolicy::none`] for one
    /// attempt only (a write that must not be repeated, say). A body with a file read as it is
    /// sent (an [`Upload`](crate::Upload) from disk or a reader, in a multipart body) gets one
    /// attempt whatever the policy: the file cannot be read again.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.options.retry = Some(policy);
        self
    }

    /// `false` sends this call without waiting for the client's [pace](crate::ClientBuilder::pace)
    /// (an urgent call in a bulk job); it is still counted in the window, so the calls that do
    /// wait stay under the limit. `true`, the default, waits if the client paces.
    pub fn pace(mut self, pace: bool) -> Self {
        self.options.pace = pace;
        self
    }

    /// Sends an extra header with this call. It replaces a default header or a header parameter
    /// of the same name. The headers the client sets itself (`Authorization`, `Accept`,
    /// `Content-Type`, `User-Agent`, `Host`, `Content-Length`) and the credential's header are
    /// refused, as are a name or a value that a header cannot carry: awaiting the call fails
    /// with [`Error::InvalidArgument`], and nothing is sent. The value never appears in errors.
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        K: TryInto<HeaderName>,
        V: TryInto<HeaderValue>,
    {
        // Which headers the client owns is checked when sending, where the credential is known.
        let Ok(name) = name.try_into() else {
            self.route.refuse("an extra header's name is not a valid header name".to_string());
            return self;
        };
        match value.try_into() {
            Ok(value) => {
                self.options.headers.insert(name, value);
            }
            Err(_) => {
                self.route.refuse(format!("the `{name}` header's value has a character that headers cannot carry"))
            }
        }
        self
    }

    /// The largest response body this call reads, in bytes, instead of the client's
    /// [`max_response_bytes`](crate::ClientBuilder::max_response_bytes); a longer one fails with
    /// [`Error::TooLarge`].
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.options.max_response_bytes = Some(limit);
        self
    }

    /// Fills the path template's `{name}` with `value`, as exactly one path segment: it is
    /// percent-encoded as an operation's path parameters are, so `/`, `?`, `#` or `..` in it can
    /// never change the path. A name the template does not have, or one that already has a
    /// value (every parameter of an operation does), is refused when the call is awaited.
    pub fn path_param(mut self, name: &str, value: impl fmt::Display) -> Self {
        let template = self.route.template;
        let Some(name) = template
            .split('/')
            .find_map(|piece| piece.strip_prefix('{').and_then(|p| p.strip_suffix('}')).filter(|p| *p == name))
        else {
            self.route.refuse(format!("the path template has no `{{{name}}}`"));
            return self;
        };
        if self.route.path_params.iter().any(|(n, _)| *n == name) {
            self.route.refuse(format!("path parameter `{name}` was given twice"));
            return self;
        }
        self.route = self.route.path(name, value.to_string());
        self
    }

    /// Adds the query pair `name=value` (form-encoded), after the operation's own. Giving a
    /// name twice sends it twice. A query parameter the operation declares is refused: set it
    /// in the operation's query type, where its bounds are checked.
    pub fn query(mut self, name: &str, value: impl fmt::Display) -> Self {
        if self.route.query.iter().any(|(n, _)| *n == name) {
            self.route.refuse(format!("`{name}` is a query parameter of this operation; set it in its query argument"));
            return self;
        }
        self.route.extra_query.push((name.to_string(), value.to_string()));
        self
    }

    /// Sends `bytes` as the request body, as they are, with `media_type` as its `Content-Type`
    /// (text, a form, a file: a body of a kind the operation does not describe). A call that
    /// already has a body (an operation's) refuses a second one, and a media type that a header
    /// cannot carry is refused.
    pub fn body(mut self, media_type: &str, bytes: impl Into<bytes::Bytes>) -> Self {
        if self.body.is_some() {
            self.route.refuse("the call already has a body".to_string());
        } else if HeaderValue::from_str(media_type).is_err() {
            self.route.refuse(format!("`{media_type}` cannot be a `Content-Type`"));
        } else {
            self.body = Some(Body::whole(bytes, media_type.to_string()));
        }
        self
    }

    /// Sends `body` as the JSON request body (`Content-Type: application/json`). A call that
    /// already has a body (an operation's) refuses a second one.
    pub fn json_body(mut self, body: &(impl Serialize + ?Sized)) -> Self {
        if self.body.is_some() {
            self.route.refuse("the call already has a body".to_string());
            return self;
        }
        match Body::json(&self.route, body) {
            Ok(body) => self.body = Some(body),
            Err(error) => {
                self.route.refused.get_or_insert(error);
            }
        }
        self
    }
}

impl<'a, T: crate::expand::Expand> Call<'a, T> {
    /// Asks the server to send the related objects that `keys` name in place of their ids
    /// (`expand=state,labels`), and decodes the answer as the expanded twin of its type, where
    /// each field that may expand is an [`Expandable`](crate::Expandable): the id, the object,
    /// or [`Unset`](crate::Expandable::Unset) for an expanded relation that is not set. No keys
    /// sends no `expand` and changes only the type.
    pub fn expand(mut self, keys: impl IntoIterator<Item = T::Key>) -> Call<'a, T::Expanded> {
        self.route = self.route.names("expand", keys);
        self.answering()
    }
}

impl<'a, T: crate::expand::Select> Call<'a, T> {
    /// Asks the server to answer only the fields that `names` name (`fields=id,name`), and
    /// decodes the answer as the partial twin of its type, where every field is an `Option`:
    /// `None` for a field not asked for. No names sends no `fields` and changes only the type.
    pub fn fields(mut self, names: impl IntoIterator<Item = T::Field>) -> Call<'a, T::Partial> {
        self.route = self.route.names("fields", names);
        self.answering()
    }
}

impl<'a, T> Call<'a, T> {
    /// The same call, its answer decoded as `U`: for options that change the answer's shape.
    fn answering<U>(self) -> Call<'a, U> {
        let Call { client, route, body, expect, options, .. } = self;
        Call { client, route, body, expect, options, value: PhantomData }
    }
}

impl<'a, T> Call<'a, T> {
    /// The client the call is sent through.
    #[allow(dead_code, reason = "used only by specs with an upload or a download")]
    pub(crate) fn client(&self) -> &'a Client {
        self.client
    }

    /// The call's method and path template, as its errors name it.
    #[allow(dead_code, reason = "used only by specs with an upload or a download")]
    pub(crate) fn describe(&self) -> (Method, &'static str) {
        (self.route.method.clone(), self.route.template)
    }

    /// Sends the call and returns where its answer redirects to: for an operation whose answer
    /// is a redirect (`3xx` with a `Location`) to a file stored elsewhere. The redirect is not
    /// followed here; a relative `Location` is resolved against the request's URL.
    ///
    /// A success answer is an [`Error::Decode`]; an error answer, or a redirect without a
    /// `Location` that is a URL, is the usual [`Error::Api`].
    #[allow(dead_code, reason = "used only by specs with a download")]
    pub(crate) async fn redirect_target(self) -> Result<url::Url, Error> {
        let Call { client, mut route, body, options, .. } = self;
        if let Some(refused) = route.refused.take() {
            return Err(refused);
        }
        let url = client.url(&route)?;
        let api = match client.execute(&route, body, &options).await {
            Ok(response) => {
                let message = "the answer is a success, not the redirect to the file that was expected";
                return Err(crate::client::decode_error(&route, &response, ".", message));
            }
            Err(Error::Api(api)) if api.status.is_redirection() => api,
            Err(error) => return Err(error),
        };
        // A redirect without a `Location`, or with one that is no URL, stays the server's answer.
        match api.location.as_deref().map(|location| url.join(location)) {
            Some(Ok(target)) => Ok(target),
            _ => Err(Error::Api(api)),
        }
    }
}

impl<T: DeserializeOwned> Call<'_, T> {
    /// Sends the request and returns the decoded value with the response's status, headers and
    /// figures.
    ///
    /// # Errors
    ///
    /// The same [`Error`] as awaiting the call.
    pub async fn exchange(self) -> Result<Exchange<T>, Error> {
        let Call { client, mut route, body, expect, options, .. } = self;
        if let Some(refused) = route.refused.take() {
            return Err(refused);
        }
        let response = client.execute(&route, body, &options).await?;
        let value = client.decode(&route, expect, &response)?;
        Ok(Exchange {
            value,
            status: response.status,
            rate_limit: RateLimit::from_headers(&response.headers),
            headers: response.headers,
            attempts: response.attempts,
            elapsed: response.elapsed,
        })
    }
}

impl<'a, T: DeserializeOwned + Send + 'a> IntoFuture for Call<'a, T> {
    type Output = Result<T, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T, Error>> + Send + 'a>>;

    /// Sends the request and gives the decoded value.
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.exchange().await.map(|exchange| exchange.value) })
    }
}

/// A call's decoded value and the success response it came from: what [`Call::exchange`]
/// returns.
#[derive(Clone)]
#[non_exhaustive]
pub struct Exchange<T> {
    /// The decoded body.
    pub value: T,
    /// The response's status.
    pub status: StatusCode,
    /// The response's headers.
    pub headers: HeaderMap,
    /// How many attempts were made, retries included; this is the last one's answer.
    pub attempts: u32,
    /// How long the call took, from its first attempt (pacing included) to the end of the last
    /// body.
    pub elapsed: Duration,
    /// The rate-limit figures of this response, if the server sent them.
    pub rate_limit: Option<RateLimit>,
}

impl<T> Exchange<T> {
    /// The id the server (or a proxy in front of it) gave the request, from the `X-Request-Id`
    /// header, if the response has one: what to quote when asking the server's operators.
    pub fn request_id(&self) -> Option<&str> {
        crate::error::request_id(&self.headers)
    }
}

impl<T: fmt::Debug> fmt::Debug for Exchange<T> {
    /// The headers by name only: a response header may carry a secret (a session cookie, say).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exchange")
            .field("value", &self.value)
            .field("status", &self.status)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("attempts", &self.attempts)
            .field("elapsed", &self.elapsed)
            .field("rate_limit", &self.rate_limit)
            .field("request_id", &self.request_id())
            .finish()
    }
}

impl Client {
    /// A call to any path of the API, for an endpoint this crate does not describe (yet): it is
    /// sent as the operations are, with the client's base URL, credential, retries, pace, limits
    /// and error decoding, and takes the same options. Await it for the body decoded as `T`
    /// (a type of your own, or [`Value`](crate::Value) for any JSON; an empty body decodes as
    /// `null`, so `()` suits a `204`), or call [`Call::exchange`].
    ///
    /// `template` is a path under the base URL, starting with `/`, whose `{name}` segments
    /// [`Call::path_param`] fills, each percent-encoded into exactly one segment; its other
    /// segments are sent as written. A template that does not start with `/`, has a query, a
    /// `.` or `..` segment, or a `{name}` left without a value, is refused with
    /// [`Error::InvalidArgument`] before anything is sent; errors and traces name the template,
    /// never the filled-in path.
    ///
    /// ```no_run
    /// # async fn example(client: &plane_client::Client) -> Result<(), plane_client::Error> {
    /// use plane_client::{Method, Value};
    ///
    /// let things: Value = client
    ///     .request(Method::GET, "/api/v1/groups/{group}/things/")
    ///     .path_param("group", "a/b")
    ///     .query("per_page", 10)
    ///     .await?;
    /// println!("{things}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn request<T>(&self, method: Method, template: &'static str) -> Call<'_, T> {
        Call::new(self, Route::new(method, template), None, Expect::JsonOrNull)
    }

    /// A call of `route` whose success response is JSON, decoded as `T`.
    #[allow(dead_code, reason = "used only by crates with an operation that answers JSON")]
    pub(crate) fn call_json<B: Serialize + ?Sized, T>(&self, route: Route, body: Option<&B>) -> Call<'_, T> {
        operation_call(self, route, body, Expect::Json)
    }

    /// A call of `route` whose success response has no body worth reading.
    #[allow(dead_code, reason = "used only by specs with an operation that returns no body")]
    pub(crate) fn call_empty<B: Serialize + ?Sized>(&self, route: Route, body: Option<&B>) -> Call<'_, ()> {
        operation_call(self, route, body, Expect::Nothing)
    }

    /// A call of `route` with a body that is not a JSON object of fields: text, bytes, a form, or
    /// JSON of any type (made by [`Body`]'s constructors, which refuse what they cannot encode).
    #[allow(dead_code, reason = "used only by specs with a body that is not a JSON object")]
    pub(crate) fn call_with<T>(&self, mut route: Route, body: Result<Body, Error>, json: bool) -> Call<'_, T> {
        let body = body.map_err(|error| route.refused.get_or_insert(error)).ok();
        Call::new(self, route, body, if json { Expect::Json } else { Expect::Nothing })
    }
}

/// A request body, encoded, and its media type (`Content-Type`).
#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub(crate) content: Content,
    pub(crate) media_type: std::borrow::Cow<'static, str>,
}

/// A body's bytes: whole, or a multipart form whose files are read as it is sent.
#[derive(Debug, Clone)]
pub(crate) enum Content {
    Bytes(bytes::Bytes),
    Multipart(std::sync::Arc<crate::multipart::Multipart>),
}

#[allow(dead_code, reason = "each constructor is used only by specs with such a body")]
impl Body {
    /// `bytes` as they are, of `media_type`.
    pub(crate) fn whole(bytes: impl Into<bytes::Bytes>, media_type: impl Into<std::borrow::Cow<'static, str>>) -> Body {
        Body { content: Content::Bytes(bytes.into()), media_type: media_type.into() }
    }

    /// `value` as JSON, whatever its type (`None` as `null`).
    pub(crate) fn json(route: &Route, value: &(impl Serialize + ?Sized)) -> Result<Body, Error> {
        let bytes = serde_json::to_vec(value).map_err(|source| Error::Encode {
            method: route.method.clone(),
            path: route.template,
            source,
        })?;
        Ok(Body::whole(bytes, "application/json"))
    }

    /// Text, as UTF-8.
    pub(crate) fn text(value: &str) -> Result<Body, Error> {
        Ok(Body::whole(bytes::Bytes::copy_from_slice(value.as_bytes()), "text/plain; charset=utf-8"))
    }

    /// Bytes as they are, of a media type (`application/octet-stream`, `image/png`, …).
    pub(crate) fn bytes(value: impl Into<bytes::Bytes>, media_type: &'static str) -> Result<Body, Error> {
        Ok(Body::whole(value, media_type))
    }

    /// The fields of `value` as `application/x-www-form-urlencoded` pairs (absent ones left out).
    pub(crate) fn form(route: &Route, value: &impl Serialize) -> Result<Body, Error> {
        let text = serde_urlencoded::to_string(value)
            .map_err(|e| route.invalid(format!("the body cannot be written as a form: {e}")))?;
        Ok(Body::whole(text, "application/x-www-form-urlencoded"))
    }

    /// A `multipart/form-data` body.
    pub(crate) fn multipart(form: crate::multipart::Multipart) -> Result<Body, Error> {
        Ok(Body { media_type: form.media_type().into(), content: Content::Multipart(std::sync::Arc::new(form)) })
    }

    /// The length in bytes.
    pub(crate) fn len(&self) -> u64 {
        match &self.content {
            Content::Bytes(bytes) => bytes.len() as u64,
            Content::Multipart(form) => form.len(),
        }
    }

    /// Whether the body can be sent again: not a file read as it is sent.
    pub(crate) fn replayable(&self) -> bool {
        match &self.content {
            Content::Bytes(_) => true,
            Content::Multipart(form) => form.replayable(),
        }
    }

    /// `request` with this body, its `Content-Type` and, for a stream, its `Content-Length`.
    pub(crate) fn attach(self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        let request = request.header(reqwest::header::CONTENT_TYPE, self.media_type.as_ref());
        match self.content {
            Content::Bytes(bytes) => request.body(bytes),
            Content::Multipart(form) => request
                .header(reqwest::header::CONTENT_LENGTH, form.len())
                .body(reqwest::Body::wrap_stream(form.stream())),
        }
    }
}

/// A call of `route` with `body` encoded now, so that the call borrows nothing but the client;
/// a body that cannot be encoded fails the call when it is awaited.
fn operation_call<'a, B: Serialize + ?Sized, T>(
    client: &'a Client,
    mut route: Route,
    body: Option<&B>,
    expect: Expect,
) -> Call<'a, T> {
    let body = body.map(|body| Body::json(&route, body)).transpose().unwrap_or_else(|error| {
        route.refused.get_or_insert(error);
        None
    });
    Call::new(client, route, body, expect)
}

/// A request as an operation describes it: its method, path template and parameters, and the
/// first argument refused while describing it.
pub(crate) struct Route {
    pub(crate) method: Method,
    /// The path template, e.g. `/api/v1/workspaces/{workspace_slug}/`. It is what errors and
    /// logs show, never the filled-in path.
    pub(crate) template: &'static str,
    /// The value of each `{name}` of the template. Each fills exactly one path segment,
    /// percent-encoded byte by byte (see `client::path_segment`), so no value can add or remove
    /// a segment, or start a query or a fragment.
    pub(crate) path_params: Vec<(&'static str, String)>,
    /// The operation's query parameters; `None` values are left out.
    pub(crate) query: Vec<(&'static str, Option<QueryValue>)>,
    /// Query pairs the caller added with [`Call::query`], sent after the operation's.
    pub(crate) extra_query: Vec<(String, String)>,
    /// The operation's header parameters that are set.
    pub(crate) headers: HeaderMap,
    /// Why the call cannot be sent: the first argument refused, returned when it is awaited.
    refused: Option<Error>,
}

impl Route {
    pub(crate) fn new(method: Method, template: &'static str) -> Route {
        Route {
            method,
            template,
            path_params: Vec::new(),
            query: Vec::new(),
            extra_query: Vec::new(),
            headers: HeaderMap::new(),
            refused: None,
        }
    }

    /// Fills `{name}` with `value`.
    pub(crate) fn path(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.path_params.push((name, value.into()));
        self
    }

    /// Adds a query parameter; `None` is left out.
    #[allow(dead_code, reason = "used only by specs with a query parameter")]
    pub(crate) fn query(mut self, name: &'static str, value: Option<String>) -> Self {
        self.query.push((name, value.map(QueryValue::One)));
        self
    }

    /// Adds a list or map query parameter, written in its style; `None` is left out.
    #[allow(dead_code, reason = "used only by specs with a list or map query parameter")]
    pub(crate) fn query_value(mut self, name: &'static str, value: Option<QueryValue>) -> Self {
        self.query.push((name, value));
        self
    }

    /// Adds `name=a,b` from the wire names of `names`, each encoded but the commas between them
    /// not, as a comma-separated list parameter is sent; nothing when there are none.
    fn names(self, name: &'static str, names: impl IntoIterator<Item = impl fmt::Display>) -> Self {
        let names = names.into_iter().map(|n| n.to_string()).collect();
        self.query_value(name, Some(QueryValue::List(names, Style::Comma)))
    }

    /// Adds a header parameter, checked to be sendable; `None` is left out.
    #[allow(dead_code, reason = "used only by specs with a header parameter")]
    pub(crate) fn header(mut self, name: &'static str, value: Option<String>) -> Self {
        let Some(value) = value else { return self };
        match (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value)) {
            (Ok(header), Ok(value)) => {
                self.headers.insert(header, value);
            }
            // The value is not shown: a header may carry a secret.
            _ => self.refuse(format!("the `{name}` header's value has a character that headers cannot carry")),
        }
        self
    }

    /// Adds a cookie to the `Cookie` header (`None` is left out), its value percent-encoded
    /// where RFC 6265 allows no octet as it is (controls, space, `"`, `,`, `;`, `\`, `%` and
    /// anything outside ASCII), so that no value can add a cookie or end the header.
    #[allow(dead_code, reason = "used only by specs with a cookie parameter")]
    pub(crate) fn cookie(mut self, name: &'static str, value: Option<String>) -> Self {
        const OUTSIDE_COOKIE_OCTETS: &percent_encoding::AsciiSet =
            &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b',').add(b';').add(b'\\').add(b'%');
        let Some(value) = value else { return self };
        let pair = format!("{name}={}", percent_encoding::utf8_percent_encode(&value, OUTSIDE_COOKIE_OCTETS));
        let cookies = match self.headers.get(reqwest::header::COOKIE).and_then(|v| v.to_str().ok()) {
            Some(earlier) => format!("{earlier}; {pair}"),
            None => pair,
        };
        match HeaderValue::from_str(&cookies) {
            Ok(value) => drop(self.headers.insert(reqwest::header::COOKIE, value)),
            Err(_) => self.refuse(format!("the `{name}` cookie's name cannot be sent")),
        }
        self
    }

    /// Refuses a numeric argument outside the bounds that the spec gives it, before anything is
    /// sent (some servers answer `per_page=0` with a 500).
    #[allow(dead_code, reason = "used only by specs with a bounded parameter")]
    pub(crate) fn check_range<T>(mut self, name: &str, value: Option<T>, min: Option<T>, max: Option<T>) -> Self
    where
        T: PartialOrd + fmt::Display + Copy,
    {
        let Some(value) = value else { return self };
        match (min, max) {
            (Some(min), _) if value < min => self.refuse(format!("`{name}` is {value}, below its minimum {min}")),
            (_, Some(max)) if value > max => self.refuse(format!("`{name}` is {value}, above its maximum {max}")),
            _ => {}
        }
        self
    }

    /// Refuses a text argument with fewer or more characters than the spec allows, before
    /// anything is sent.
    #[allow(dead_code, reason = "used only by specs with a bounded text")]
    pub(crate) fn check_length(
        mut self,
        name: &str,
        value: Option<&str>,
        min: Option<usize>,
        max: Option<usize>,
    ) -> Self {
        let Some(value) = value else { return self };
        // Characters, as JSON Schema's `maxLength` and the servers that enforce it count them.
        let length = value.chars().count();
        match (min, max) {
            (Some(min), _) if length < min => {
                self.refuse(format!("`{name}` has {length} characters, fewer than its minimum {min}"));
            }
            (_, Some(max)) if length > max => {
                self.refuse(format!("`{name}` has {length} characters, more than its maximum {max}"));
            }
            _ => {}
        }
        self
    }

    /// Keeps the first refusal: it is the one the caller's arguments met first.
    fn refuse(&mut self, message: String) {
        let error = self.invalid(message);
        self.refused.get_or_insert(error);
    }

    /// An [`Error::InvalidArgument`] of this request.
    pub(crate) fn invalid(&self, message: String) -> Error {
        Error::InvalidArgument { method: self.method.clone(), path: self.template, message }
    }
}

/// The body argument of an operation that sends none.
#[allow(dead_code, reason = "used only by specs with an operation that sends no body")]
pub(crate) const NO_BODY: Option<&()> = None;

/// A path or query value as text.
#[allow(dead_code, reason = "used only by specs with a non-text parameter")]
pub(crate) trait Param {
    fn to_param(&self) -> String;
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

/// How a list or map query parameter is written: OpenAPI's `style` and `explode`.
#[allow(dead_code, reason = "used only by specs with a list or map query parameter")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `form`, exploded: `id=1&id=2`; a map's entries as pairs of their own, `a=1&b=2`.
    Exploded,
    /// `form`, not exploded: `id=1,2`; a map as `m=a,1,b,2`.
    Comma,
    /// `spaceDelimited`: `id=1%202`.
    Space,
    /// `pipeDelimited`: `id=1|2`.
    Pipe,
    /// `deepObject`, for maps: `m[a]=1&m[b]=2`.
    Deep,
}

/// A query parameter's value, as it is written: each name and value form-encoded, and the
/// delimiters between a list's values not (`id=a%2Cb,c` is the two values `a,b` and `c`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum QueryValue {
    /// `name=value`.
    One(String),
    /// Values in a style; an empty list sends nothing.
    List(Vec<String>, Style),
    /// Entries (key, value) in a style; an empty map sends nothing.
    Map(Vec<(String, String)>, Style),
}

/// A list query argument as text, in `style`.
#[allow(dead_code, reason = "used only by specs with a list query parameter")]
pub(crate) fn list(values: &[impl Param], style: Style) -> QueryValue {
    QueryValue::List(values.iter().map(Param::to_param).collect(), style)
}

/// A map query argument as text, in `style`.
#[allow(dead_code, reason = "used only by specs with a map query parameter")]
pub(crate) fn map(values: &std::collections::BTreeMap<String, impl Param>, style: Style) -> QueryValue {
    QueryValue::Map(values.iter().map(|(k, v)| (k.clone(), v.to_param())).collect(), style)
}

/// A list header argument, its values joined by commas (OpenAPI's `simple` style).
#[allow(dead_code, reason = "used only by specs with a list header parameter")]
pub(crate) fn joined(values: &[impl Param]) -> String {
    values.iter().map(Param::to_param).collect::<Vec<_>>().join(",")
}

/// The query string of some parameters, or `None` when none is set.
pub(crate) fn query_string<'a>(
    declared: impl Iterator<Item = (&'a str, &'a QueryValue)>,
    extra: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<String> {
    let mut query = String::new();
    let mut pair = |name: &str, value: &[&str], delimiter: &str| {
        if !query.is_empty() {
            query.push('&');
        }
        query.extend(url::form_urlencoded::byte_serialize(name.as_bytes()));
        query.push('=');
        for (i, value) in value.iter().enumerate() {
            if i > 0 {
                query.push_str(delimiter);
            }
            query.extend(url::form_urlencoded::byte_serialize(value.as_bytes()));
        }
    };
    for (name, value) in declared {
        match value {
            QueryValue::One(value) => pair(name, &[value], ""),
            QueryValue::List(values, _) if values.is_empty() => {}
            QueryValue::List(values, Style::Exploded | Style::Deep) => {
                values.iter().for_each(|value| pair(name, &[value], ""));
            }
            QueryValue::List(values, style) => {
                pair(name, &values.iter().map(String::as_str).collect::<Vec<_>>(), delimiter(*style));
            }
            QueryValue::Map(entries, _) if entries.is_empty() => {}
            QueryValue::Map(entries, Style::Exploded) => entries.iter().for_each(|(k, v)| pair(k, &[v], "")),
            QueryValue::Map(entries, Style::Deep) => {
                entries.iter().for_each(|(k, v)| pair(&format!("{name}[{k}]"), &[v], ""));
            }
            QueryValue::Map(entries, style) => {
                let flat: Vec<&str> = entries.iter().flat_map(|(k, v)| [k.as_str(), v.as_str()]).collect();
                pair(name, &flat, delimiter(*style));
            }
        }
    }
    extra.for_each(|(name, value)| pair(name, &[value], ""));
    (!query.is_empty()).then_some(query)
}

/// What separates a list's values in `style`, as written in the URL.
fn delimiter(style: Style) -> &'static str {
    match style {
        Style::Space => "%20",
        Style::Pipe => "|",
        Style::Comma | Style::Exploded | Style::Deep => ",",
    }
}

/// Turns a path or query argument into text.
#[allow(dead_code, reason = "used only by specs with a non-text parameter")]
pub(crate) fn param(value: &impl Param) -> String {
    value.to_param()
}

#[cfg(test)]
mod tests {
    #[test]
    fn cookies_share_one_header_and_no_value_can_add_one() {
        let route = super::Route::new(reqwest::Method::GET, "/x")
            .cookie("session", Some("a b;c=d,\"é%".to_string()))
            .cookie("absent", None)
            .cookie("theme", Some("dark".to_string()));
        let header = route.headers.get(reqwest::header::COOKIE).unwrap().to_str().unwrap();
        assert_eq!(header, "session=a%20b%3Bc=d%2C%22%C3%A9%25; theme=dark");
    }

    use super::*;
    use crate::client::Response;

    /// A client of whichever credential the crate's API takes; these calls never reach it.
    fn client() -> Client {
        let builder = || Client::builder().base_url("http://127.0.0.1:9");
        builder().api_key("key").build().or_else(|_| builder().bearer_token("token").build()).unwrap()
    }

    /// What awaiting `call` gives, on a runtime of its own; the calls here fail before sending.
    fn outcome<T: DeserializeOwned + Send>(call: Call<'_, T>) -> Result<T, Error> {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(call.into_future())
    }

    fn refusal<T: DeserializeOwned + Send>(call: Call<'_, T>) -> String {
        match outcome(call) {
            Err(Error::InvalidArgument { message, .. }) => message,
            other => panic!("not refused: {:?}", other.err()),
        }
    }

    /// The query string of one parameter (then an extra pair, to show the joins).
    fn written(value: QueryValue) -> String {
        query_string([("ids", &value)].into_iter(), [("x", "1")].into_iter()).unwrap()
    }

    #[test]
    fn list_and_map_parameters_are_written_in_their_style() {
        let list = |style| QueryValue::List(vec!["a,b".into(), "c d".into(), "é".into()], style);
        assert_eq!(written(list(Style::Exploded)), "ids=a%2Cb&ids=c+d&ids=%C3%A9&x=1");
        assert_eq!(written(list(Style::Comma)), "ids=a%2Cb,c+d,%C3%A9&x=1");
        assert_eq!(written(list(Style::Space)), "ids=a%2Cb%20c+d%20%C3%A9&x=1");
        assert_eq!(written(list(Style::Pipe)), "ids=a%2Cb|c+d|%C3%A9&x=1");
        let map = |style| QueryValue::Map(vec![("r g".into(), "1".into()), ("b".into(), "2&3".into())], style);
        assert_eq!(written(map(Style::Deep)), "ids%5Br+g%5D=1&ids%5Bb%5D=2%263&x=1");
        assert_eq!(written(map(Style::Exploded)), "r+g=1&b=2%263&x=1");
        assert_eq!(written(map(Style::Comma)), "ids=r+g,1,b,2%263&x=1");
        // Nothing to send: no pair at all, not `ids=`.
        assert_eq!(written(QueryValue::List(Vec::new(), Style::Comma)), "x=1");
        assert_eq!(written(QueryValue::Map(Vec::new(), Style::Deep)), "x=1");
        assert_eq!(query_string(std::iter::empty(), std::iter::empty()), None);
    }

    #[test]
    fn the_first_refused_argument_is_the_one_reported() {
        let client = client();
        let route = Route::new(Method::GET, "/widgets/")
            .check_range("per_page", Some(0), Some(1), Some(1000))
            .check_length("name", Some(""), Some(1), None);
        let call: Call<'_, ()> = client.call_json(route, NO_BODY);
        assert_eq!(refusal(call), "`per_page` is 0, below its minimum 1");
    }

    #[test]
    fn path_params_fill_only_the_templates_names_and_each_once() {
        let client = client();
        let unknown = client.request::<()>(Method::GET, "/widgets/{id}/").path_param("name", 1);
        assert_eq!(refusal(unknown), "the path template has no `{name}`");
        let twice = client.request::<()>(Method::GET, "/widgets/{id}/").path_param("id", 1).path_param("id", 2);
        assert_eq!(refusal(twice), "path parameter `id` was given twice");
        let unfilled = client.request::<()>(Method::GET, "/widgets/{id}/");
        assert_eq!(refusal(unfilled), "path parameter `id` has no value");
    }

    #[test]
    fn an_operations_query_and_body_cannot_be_given_again() {
        let client = client();
        let listed: Call<'_, ()> =
            client.call_json(Route::new(Method::GET, "/widgets/").query("per_page", None), NO_BODY);
        assert!(refusal(listed.query("per_page", 5)).contains("query parameter of this operation"));
        let body = serde_json::json!({"name": "w"});
        let updated: Call<'_, ()> = client.call_json(Route::new(Method::PATCH, "/widgets/"), Some(&body));
        assert_eq!(refusal(updated.json_body(&body)), "the call already has a body");
        let updated: Call<'_, ()> = client.call_json(Route::new(Method::PATCH, "/widgets/"), Some(&body));
        assert_eq!(refusal(updated.body("text/plain", "w")), "the call already has a body");
        let posted: Call<'_, ()> = client.call_json(Route::new(Method::POST, "/widgets/"), NO_BODY);
        assert!(refusal(posted.body("text/plain\r\nX-Injected: 1", "w")).contains("cannot be a `Content-Type`"));
    }

    #[test]
    fn a_body_that_cannot_be_json_fails_the_call_unsent() {
        let client = client();
        let body = std::collections::HashMap::from([((1, 2), "a key that is not text")]);
        let error = outcome(client.request::<()>(Method::POST, "/widgets/").json_body(&body)).unwrap_err();
        assert!(matches!(error, Error::Encode { path: "/widgets/", .. }), "{error:?}");
    }

    #[test]
    fn the_body_is_read_as_the_call_expects() {
        let client = client();
        let route = Route::new(Method::GET, "/widgets/");
        let response = |body: &'static str| Response {
            status: StatusCode::OK,
            headers: HeaderMap::new(),
            body: body.into(),
            attempts: 1,
            elapsed: Duration::ZERO,
        };
        let decode = |expect, body| client.decode::<serde_json::Value>(&route, expect, &response(body));
        assert_eq!(decode(Expect::JsonOrNull, " ").unwrap(), serde_json::Value::Null);
        assert_eq!(decode(Expect::JsonOrNull, "[1]").unwrap(), serde_json::json!([1]));
        assert_eq!(decode(Expect::Nothing, "<html>").unwrap(), serde_json::Value::Null);
        assert!(matches!(decode(Expect::Json, ""), Err(Error::Decode(_))));
    }

    #[test]
    fn debug_shows_header_names_not_values() {
        let client = client();
        let call = client.request::<()>(Method::GET, "/widgets/").header("x-secret", "hunter2").pace(false);
        let shown = format!("{call:?}");
        assert!(shown.contains("x-secret") && !shown.contains("hunter2"), "{shown}");
    }
}
