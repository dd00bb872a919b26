//! The one error type of the client, and the server's error bodies parsed. Hand-written runtime.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// Everything that can go wrong in a call.
///
/// Each variant says whether the request may have reached the server, which is what decides
/// whether repeating it is safe.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a status outside 2xx. The request reached the server; what it
    /// did depends on the status (a 4xx usually changed nothing).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// No complete response arrived: the connection failed or broke, or a timeout fired.
    /// If [`reqwest::Error::is_connect`] is true the request was never sent; otherwise it may have
    /// reached the server.
    #[error("{method} {path}: {}: {source}{}", transport_reason(source), after_attempts(*attempts))]
    Transport {
        /// The request's method.
        method: reqwest::Method,
        /// The request's path template, e.g. `/api/v1/workspaces/{workspace_slug}/customers/`.
        path: &'static str,
        /// How many attempts were made, retries included.
        attempts: u32,
        /// What failed.
        #[source]
        source: reqwest::Error,
    },
    /// The server answered with success but the body is not what the spec describes. The
    /// request reached the server and took effect.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// The request body could not be encoded as JSON. Nothing was sent.
    #[error("{method} {path}: the request body could not be encoded as JSON: {source}")]
    Encode {
        /// The request's method.
        method: reqwest::Method,
        /// The request's path template.
        path: &'static str,
        /// What failed.
        #[source]
        source: serde_json::Error,
    },
    /// An argument cannot be sent as given (an empty path parameter, a header the client owns, a
    /// [`Client::request`](crate::Client::request) template with a `{name}` left unfilled, say).
    /// Nothing was sent.
    #[error("{method} {path}: {message}")]
    InvalidArgument {
        /// The request's method.
        method: reqwest::Method,
        /// The request's path template.
        path: &'static str,
        /// What is wrong with which argument.
        message: String,
    },
    /// The HTTP client given to [`ClientBuilder::http_client`](crate::ClientBuilder::http_client)
    /// followed a redirect. The request reached the server, and the redirected one may have
    /// reached `to` without its body; build that client with
    /// `redirect(reqwest::redirect::Policy::none())`.
    #[error("{method} {path}: the HTTP client followed a redirect to `{to}`; build it with `redirect(Policy::none())`")]
    Redirected {
        /// The request's method.
        method: reqwest::Method,
        /// The request's path template.
        path: &'static str,
        /// Where the redirect led.
        to: String,
    },
    /// The response's body is longer than the client reads
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes), 32 MiB by
    /// default, or the call's [`Call::max_response_bytes`](crate::Call::max_response_bytes)). The request reached the server; the body was dropped unread past the limit.
    #[error("{method} {path}: the {status} response is larger than the limit of {limit} bytes ({})", too_large(*read, *declared))]
    TooLarge {
        /// The request's method.
        method: reqwest::Method,
        /// The request's path template.
        path: &'static str,
        /// The response's status.
        status: StatusCode,
        /// The limit, in bytes.
        limit: u64,
        /// How many bytes of the body had been read when the limit was known to be passed: 0
        /// when the `Content-Length` header said so.
        read: u64,
        /// The body's length as its `Content-Length` header declared it, if it did.
        declared: Option<u64>,
    },
    /// A page stream (`…_stream`) stopped because its pages would never end: the server
    /// answered with a cursor that the stream had already followed. The items before were
    /// yielded; the list cannot be read to its end as the server answers it.
    #[error("{path}: the pages never end: page {pages} gave the cursor `{cursor}`, which an earlier page already gave")]
    Pagination {
        /// The list's path template.
        path: &'static str,
        /// How many pages were fetched.
        pages: u64,
        /// The cursor that came again (its first 100 characters).
        cursor: String,
    },
    /// The OAuth token endpoint refused to issue a token: an application it does not know, a
    /// code already used, a refresh token revoked or already rotated (`invalid_grant`), and so
    /// on. The call that needed the token was not sent. A user whose refresh token is refused
    /// must approve the application again.
    #[error(transparent)]
    Token(Box<TokenError>),
    /// The client was configured wrongly (no credentials, a bad base URL…). Nothing was sent.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// A file to upload is larger than the server accepts: the API's default limit, or
    /// [`ClientBuilder::max_upload_bytes`](crate::ClientBuilder::max_upload_bytes). Nothing was
    /// sent. (Inside an [`Error::Upload`], the limit is the one the storage's upload form
    /// states, learned after the server registered the file; no byte of the file was sent.)
    #[error("{method} {path}: the file has {size} bytes, more than the {limit} the server accepts; nothing was sent")]
    FileTooLarge {
        /// The method of the upload's first step.
        method: reqwest::Method,
        /// The path template of the upload's first step.
        path: &'static str,
        /// The file's length, in bytes.
        size: u64,
        /// The most the server accepts, in bytes.
        limit: u64,
    },
    /// The object storage an upload or a download went to (not the API) failed: it answered
    /// with an error, or no complete answer arrived. See [`StorageError`].
    #[error(transparent)]
    Storage(Box<StorageError>),
    /// An upload failed after the server had registered the file: the step that failed, and
    /// what became of the registered file ([`Cleanup`]). See [`UploadError`].
    #[error(transparent)]
    Upload(Box<UploadError>),
}

fn too_large(read: u64, declared: Option<u64>) -> String {
    match declared {
        Some(declared) if read == 0 => format!("its Content-Length says {declared}; nothing was read"),
        _ => format!("{read} bytes read"),
    }
}

fn after_attempts(attempts: u32) -> String {
    if attempts > 1 { format!(" (after {attempts} attempts)") } else { String::new() }
}

fn transport_reason(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect (nothing was sent)"
    } else {
        "the connection failed before a complete response arrived"
    }
}

impl Error {
    /// The HTTP status of the response, if one arrived (for an [`Error::Upload`], the failed
    /// step's).
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::TooLarge { status, .. } => Some(*status),
            Error::Token(e) => Some(e.status),
            Error::Storage(e) => e.status,
            Error::Upload(e) => e.error.status(),
            _ => None,
        }
    }

    /// The server's error, if it answered with one (for an [`Error::Upload`], the failed
    /// step's).
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            Error::Upload(e) => e.error.api(),
            _ => None,
        }
    }

    /// What kind of failure this is, whichever variant carries it: one value to match on to
    /// tell "not found" from "rate limited" from "timed out".
    ///
    /// ```
    /// # fn handle(error: plane_client::Error) {
    /// use plane_client::ErrorKind;
    ///
    /// match error.kind() {
    ///     ErrorKind::NotFound => println!("gone"),
    ///     ErrorKind::RateLimited => println!("wait {:?}", error.retry_after()),
    ///     ErrorKind::Timeout | ErrorKind::Connection => println!("try again later"),
    ///     _ => println!("{error}"),
    /// }
    /// # }
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Api(e) => e.kind(),
            Error::Transport { source, .. } if source.is_timeout() => ErrorKind::Timeout,
            Error::Transport { .. } => ErrorKind::Connection,
            Error::Decode(_) => ErrorKind::Decode,
            Error::Encode { .. } | Error::InvalidArgument { .. } => ErrorKind::InvalidRequest,
            Error::Redirected { .. } => ErrorKind::Redirect,
            Error::TooLarge { .. } => ErrorKind::TooLarge,
            Error::Pagination { .. } => ErrorKind::Pagination,
            Error::Token(_) => ErrorKind::TokenRefused,
            Error::Config(_) => ErrorKind::Config,
            Error::FileTooLarge { .. } => ErrorKind::TooLarge,
            Error::Storage(_) => ErrorKind::Storage,
            Error::Upload(e) => e.error.kind(),
        }
    }

    /// The id the server gave the request (its `X-Request-Id` header), if it answered with one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            Error::Token(e) => e.request_id.as_deref(),
            Error::Upload(e) => e.error.request_id(),
            _ => None,
        }
    }

    /// How long the server asked the caller to wait before trying again (`Retry-After`), if it
    /// answered with an error that said so.
    pub fn retry_after(&self) -> Option<Duration> {
        self.api().and_then(|e| e.retry_after)
    }
}

/// What kind of failure an [`Error`] is ([`Error::kind`]), or an error status stands for
/// ([`ApiError::kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 400: the request was invalid; [`ErrorBody::Fields`] says which fields, when it can.
    BadRequest,
    /// 3xx: the server redirected the request. The client never follows redirects: a write
    /// would reach the new address without its body (Django answers a path without its trailing
    /// slash with a 301), and nothing is sent anywhere but the configured base URL.
    /// [`ApiError::location`] says where the server pointed.
    Redirect,
    /// 401: no API key or token was sent, or the token has expired.
    Unauthorized,
    /// 403: not allowed. Some servers (Django REST framework's, for one) also answer 403, not
    /// 401, for an API key they do not know; the message says which.
    Forbidden,
    /// 404: no such resource, or an id that is not a UUID.
    NotFound,
    /// The server does not serve this operation at all: it answered as it answers a path it
    /// does not route (the spec's `not_served`), not as for a missing resource. The operation
    /// belongs to another edition of the API (its docs say which serve it), or to a newer
    /// version of the server.
    NotServed,
    /// 409: the name or identifier is taken (the answer may carry the existing
    /// object's `id`; see [`ApiError::body`]).
    Conflict,
    /// 429: over the rate limit; see [`ApiError::retry_after`].
    RateLimited,
    /// 5xx: the server or a proxy in front of it failed.
    Server,
    /// Any other status.
    Other,
    /// A timeout fired before a complete response arrived: an attempt's
    /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout), or the call's
    /// [`Call::timeout`](crate::Call::timeout)) or the connection's. The
    /// request may have reached the server.
    Timeout,
    /// The connection failed or broke before a complete response arrived.
    Connection,
    /// A success response whose body is not what the spec describes; see [`DecodeError`].
    Decode,
    /// A response larger than the client reads ([`Error::TooLarge`]), or a file larger than the
    /// server accepts ([`Error::FileTooLarge`]).
    TooLarge,
    /// The object storage of an upload or a download failed; see [`StorageError`].
    Storage,
    /// An argument or a body that cannot be sent as given. Nothing was sent.
    InvalidRequest,
    /// A page stream whose pages would never end; see [`Error::Pagination`].
    Pagination,
    /// The OAuth token endpoint refused to issue a token; see [`Error::Token`].
    TokenRefused,
    /// The client is configured wrongly. Nothing was sent.
    Config,
}

/// An answer from the server with a status outside 2xx.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The request's method.
    pub method: reqwest::Method,
    /// The request's path template.
    pub path: &'static str,
    /// The response's status.
    pub status: StatusCode,
    /// The body, parsed into one of the error shapes of [`ErrorBody`].
    pub body: ErrorBody,
    /// The body as text, exactly as received (lossily decoded if not UTF-8).
    pub raw: String,
    /// How long the server asked the caller to wait (`Retry-After`), if it said.
    pub retry_after: Option<Duration>,
    /// How many attempts were made, retries included; this is the last one's answer.
    pub attempts: u32,
    /// Where a redirect pointed (its `Location` header), for a 3xx answer.
    pub location: Option<String>,
    /// The id the server (or a proxy) gave the request, from its `X-Request-Id` header, if
    /// it sent one: what to quote when asking the server's operators.
    pub request_id: Option<String>,
}

impl ApiError {
    pub(crate) fn new(
        method: reqwest::Method,
        path: &'static str,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> ApiError {
        let raw = String::from_utf8_lossy(body).into_owned();
        let retry_after = crate::retry::retry_after(headers);
        let location = headers
            .get(reqwest::header::LOCATION)
            .filter(|_| status.is_redirection())
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
        ApiError {
            method,
            path,
            status,
            body: ErrorBody::parse(&raw),
            raw,
            retry_after,
            attempts: 1,
            location,
            request_id: owned_request_id(headers),
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        if self.is_not_served() {
            return ErrorKind::NotServed;
        }
        match self.status.as_u16() {
            300..=399 => ErrorKind::Redirect,
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::RateLimited,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Other,
        }
    }

    /// Whether the answer is the one the spec says a server gives for a path it does not route.
    fn is_not_served(&self) -> bool {
        let Some((status, body)) = crate::spec::NOT_SERVED else { return false };
        let json = |text: &str| serde_json::from_str::<serde_json::Value>(text).ok();
        self.status.as_u16() == status && json(&self.raw).is_some_and(|answer| Some(answer) == json(body))
    }

    /// The messages per field of a validation error (`{"email": ["Enter a valid email address."]}`).
    pub fn field_errors(&self) -> Option<&BTreeMap<String, Vec<String>>> {
        match &self.body {
            ErrorBody::Fields(fields) => Some(fields),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: the server answered {}", self.method, self.path, self.status)?;
        if let Some(location) = &self.location {
            write!(f, ": a redirect to `{location}`, which the client does not follow")?;
        }
        let message = self.body.message();
        if !message.is_empty() {
            write!(f, ": {message}")?;
        }
        f.write_str(&after_attempts(self.attempts))?;
        match &self.request_id {
            Some(id) => write!(f, " (request id `{id}`)"),
            None => Ok(()),
        }
    }
}

/// The header a server or a proxy names a request by, when it does.
const REQUEST_ID: &str = "x-request-id";

/// The longest request id an error keeps: a server cannot make every error it causes large.
const REQUEST_ID_AT_MOST: usize = 200;

/// The `X-Request-Id` header's value, if it is text.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<&str> {
    headers.get(REQUEST_ID)?.to_str().ok()
}

/// The request id for an error to keep, if it is short enough to be one.
pub(crate) fn owned_request_id(headers: &HeaderMap) -> Option<String> {
    request_id(headers).filter(|id| id.len() <= REQUEST_ID_AT_MOST).map(str::to_string)
}

impl std::error::Error for ApiError {}

/// Error bodies. Servers built on Django REST framework use several shapes, and a proxy in front of it may answer
/// with plain text or HTML; each is kept apart so callers can match on what they need.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorBody {
    /// Validation errors per field: `{"email": ["Enter a valid email address."]}`. Errors of an
    /// item of a list field are under the field and the item's index: `{"labels": {"0": […]}}`
    /// becomes `labels.0`.
    Fields(BTreeMap<String, Vec<String>>),
    /// An application's own errors: `{"error": "The requested resource does not exist."}`; from its rate
    /// limiter, `{"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"}`; from a few views,
    /// `{"message": "Activity not found.", "code": "NOT_FOUND"}`. Other keys of the object (such
    /// as `valid_issues`, `error_code` or `code`) are in `extra`.
    Error {
        /// The message.
        message: String,
        /// The object's other keys.
        extra: serde_json::Map<String, serde_json::Value>,
    },
    /// Django REST framework's errors: `{"detail": "Authentication credentials were not provided."}`.
    Detail(String),
    /// Any other JSON.
    Json(serde_json::Value),
    /// Not JSON: plain text or HTML, typically from a proxy (a 502 page, say).
    Text(String),
    /// No body at all.
    Empty,
}

/// The largest error body parsed as JSON; a larger one is kept as [`ErrorBody::Text`]. Servers'
/// error bodies are a few hundred bytes, and a JSON tree can take thirty times the memory of its
/// text (`[1,1,1,…]`), which would turn the response size limit into thirty times as much.
const PARSED_AT_MOST: usize = 1024 * 1024;

impl ErrorBody {
    /// Sorts `raw` into one of the shapes (a body over 1 MiB is kept as text, unparsed).
    pub fn parse(raw: &str) -> ErrorBody {
        if raw.trim().is_empty() {
            return ErrorBody::Empty;
        }
        if raw.len() > PARSED_AT_MOST {
            return ErrorBody::Text(raw.to_string());
        }
        let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) else {
            return ErrorBody::Text(raw.to_string());
        };
        let serde_json::Value::Object(mut object) = value else {
            return ErrorBody::Json(value);
        };
        if let Some(serde_json::Value::String(detail)) = object.get("detail") {
            if object.len() == 1 {
                return ErrorBody::Detail(detail.clone());
            }
        }
        for key in ["error", "error_message", "message"] {
            if let Some(serde_json::Value::String(message)) = object.remove(key) {
                return ErrorBody::Error { message, extra: object };
            }
        }
        match field_messages(&object) {
            Some(fields) => ErrorBody::Fields(fields),
            None => ErrorBody::Json(serde_json::Value::Object(object)),
        }
    }

    /// A one-line summary for people: the message, the field errors, or a page's title.
    pub fn message(&self) -> String {
        match self {
            ErrorBody::Detail(message) | ErrorBody::Error { message, .. } => message.clone(),
            ErrorBody::Fields(fields) => fields
                .iter()
                .map(|(field, messages)| format!("{field}: {}", messages.join(" ")))
                .collect::<Vec<_>>()
                .join("; "),
            ErrorBody::Json(value) => value.to_string(),
            ErrorBody::Text(text) => summarize_text(text),
            ErrorBody::Empty => String::new(),
        }
    }
}

/// `{"field": ["message", …]}` (or a single message string per field), as DRF's serializers report.
fn field_messages(object: &serde_json::Map<String, serde_json::Value>) -> Option<BTreeMap<String, Vec<String>>> {
    if object.is_empty() {
        return None;
    }
    let mut fields = BTreeMap::new();
    collect_field_messages("", object, &mut fields)?;
    Some(fields)
}

/// Adds the messages of `object` to `fields`, its keys after `prefix`; `None` if a value is not
/// messages or an object of them.
fn collect_field_messages(
    prefix: &str,
    object: &serde_json::Map<String, serde_json::Value>,
    fields: &mut BTreeMap<String, Vec<String>>,
) -> Option<()> {
    for (key, value) in object {
        let field = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
        let messages = match value {
            serde_json::Value::String(s) => vec![s.clone()],
            serde_json::Value::Array(items) => {
                items.iter().map(|i| i.as_str().map(str::to_string)).collect::<Option<Vec<_>>>()?
            }
            serde_json::Value::Object(inner) if !inner.is_empty() => {
                collect_field_messages(&field, inner, fields)?;
                continue;
            }
            _ => return None,
        };
        fields.insert(field, messages);
    }
    Some(())
}

/// The `<title>` of an HTML page, or the first line of text, kept short.
fn summarize_text(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let title = lower
        .find("<title>")
        .and_then(|start| lower[start..].find("</title>").map(|len| &text[start + 7..start + len]));
    let line = title.unwrap_or_else(|| text.lines().find(|l| !l.trim().is_empty()).unwrap_or(""));
    let line = line.trim();
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

/// The OAuth token endpoint's refusal to issue a token: its `error` code and description
/// (RFC 6749, section 5.2). Anything the client sent that the answer repeats (a code, a refresh
/// token, the application's secret) is replaced by `[redacted]`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TokenError {
    /// The grant asked for: `client_credentials`, `authorization_code` or `refresh_token`.
    pub grant: &'static str,
    /// The token endpoint's path.
    pub path: &'static str,
    /// The response's status (400 for most refusals, 401 for an application it does not know).
    pub status: StatusCode,
    /// The OAuth error code: `invalid_grant`, `invalid_client`, `invalid_scope`,
    /// `unauthorized_client`, `unsupported_grant_type` or `invalid_request`.
    pub error: String,
    /// The server's explanation, if it gave one.
    pub description: Option<String>,
    /// The id the server gave the request (`X-Request-Id`), if it sent one.
    pub request_id: Option<String>,
}

impl fmt::Display for TokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "POST {}: the {} grant was refused ({}): {}", self.path, self.grant, self.status, self.error)?;
        if let Some(description) = &self.description {
            write!(f, ": {description}")?;
        }
        Ok(())
    }
}

impl std::error::Error for TokenError {}

/// A success response whose body did not match the spec.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DecodeError {
    /// The request's method.
    pub method: reqwest::Method,
    /// The request's path template.
    pub path: &'static str,
    /// The response's status.
    pub status: StatusCode,
    /// Where in the JSON decoding failed, e.g. `employees` or `results[3].id` (`.` for the root).
    pub json_path: String,
    /// What was wrong there.
    pub message: String,
    /// The body as received.
    pub body: String,
    /// The id the server gave the request (`X-Request-Id`), if it sent one.
    pub request_id: Option<String>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: the {} response did not decode at `{}`: {}",
            self.method, self.path, self.status, self.json_path, self.message
        )
    }
}

impl std::error::Error for DecodeError {}

/// The object storage's side of an upload or a download failed: [`Error::Storage`].
///
/// The storage's URL is shown without its query: a presigned URL carries its signature there.
/// No credential of the client's was sent to it.
#[derive(Debug)]
#[non_exhaustive]
pub struct StorageError {
    /// `POST` for an upload, `GET` for a download.
    pub method: reqwest::Method,
    /// The storage's URL without its query and fragment, if the server gave one.
    pub url: Option<String>,
    /// The storage's status, if it answered.
    pub status: Option<StatusCode>,
    /// The storage's error code, if it sent one (S3's `<Code>`: `EntityTooLarge`,
    /// `AccessDenied`, `ExpiredToken`…).
    pub code: Option<String>,
    /// What went wrong: the storage's message, the first line of its answer, or why no
    /// complete answer arrived.
    pub message: String,
    /// The transport's error, when no complete answer arrived (its URL removed).
    pub source: Option<reqwest::Error>,
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: ", self.method, self.url.as_deref().unwrap_or("(no storage URL)"))?;
        if let Some(status) = self.status {
            write!(f, "the storage answered {status}: ")?;
        }
        if let Some(code) = &self.code {
            write!(f, "{code}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for StorageError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// An upload that failed after the server had registered the file ([`Error::Upload`]): which
/// step failed, and whether the registered file was deleted again.
#[derive(Debug)]
#[non_exhaustive]
pub struct UploadError {
    /// The method of the upload's first step, the one that registered the file.
    pub method: reqwest::Method,
    /// Its path template.
    pub path: &'static str,
    /// The registered file's id, as the server gave it.
    pub id: String,
    /// The step that failed: [`Error::Storage`] (the storage refused the file or could not be
    /// reached), [`Error::FileTooLarge`] (the storage's form allows less than the file), or the
    /// API's error from the confirmation.
    pub error: Error,
    /// What became of the registered file.
    pub cleanup: Cleanup,
}

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "upload of `{}` ({} {}) failed: {}; ", self.id, self.method, self.path, self.error)?;
        match &self.cleanup {
            Cleanup::Deleted => f.write_str("the registered file was deleted again"),
            Cleanup::Failed(e) => write!(f, "the registered file is left behind, as deleting it failed: {e}"),
            Cleanup::Kept => f.write_str("the registered file is left behind: the API has no way to delete it"),
        }
    }
}

impl std::error::Error for UploadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// What became of a file the server had registered when its upload failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Cleanup {
    /// It was deleted: nothing of the upload is left on the server.
    Deleted,
    /// Deleting it failed too, with this error: the server keeps it, not confirmed as uploaded,
    /// under [`UploadError::id`].
    Failed(Box<Error>),
    /// The API has no operation to delete it: the server keeps it, not confirmed as uploaded,
    /// under [`UploadError::id`].
    Kept,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> ApiError {
        let status = StatusCode::from_u16(status).unwrap();
        ApiError::new(reqwest::Method::GET, "/things/", status, &HeaderMap::new(), body.as_bytes())
    }

    #[test]
    fn a_path_the_server_does_not_route_is_told_from_a_missing_resource() {
        let missing = answer(404, r#"{"error": "The requested resource does not exist."}"#);
        assert_eq!(missing.kind(), ErrorKind::NotFound);
        // Each crate's spec says (or not) how its server answers a path it does not route.
        let Some((status, body)) = crate::spec::NOT_SERVED else {
            assert_eq!(answer(404, r#"{"error": "Page not found."}"#).kind(), ErrorKind::NotFound);
            return;
        };
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        let spaced = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(answer(status, &spaced).kind(), ErrorKind::NotServed, "however it is spaced");
        assert_ne!(answer(if status == 404 { 410 } else { 404 }, body).kind(), ErrorKind::NotServed);
        if let serde_json::Value::Object(mut more) = value {
            more.insert("id".into(), 1.into());
            let more = serde_json::Value::Object(more).to_string();
            assert_ne!(answer(status, &more).kind(), ErrorKind::NotServed, "another body");
        }
    }

    #[test]
    fn sorts_error_shapes() {
        let fields = ErrorBody::parse(r#"{"email": ["Enter a valid email address."], "name": "Too long."}"#);
        assert_eq!(fields.message(), "email: Enter a valid email address.; name: Too long.");
        assert!(matches!(ErrorBody::parse(r#"{"detail": "Not found."}"#), ErrorBody::Detail(d) if d == "Not found."));
        let ErrorBody::Error { message, extra } =
            ErrorBody::parse(r#"{"error": "Issues not found", "valid_issues": []}"#)
        else {
            panic!("not an error shape");
        };
        assert_eq!(message, "Issues not found");
        assert!(extra.contains_key("valid_issues"));
        let ErrorBody::Error { message, extra } =
            ErrorBody::parse(r#"{"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"}"#)
        else {
            panic!("the rate limiter's shape is not an error");
        };
        assert_eq!(message, "RATE_LIMIT_EXCEEDED");
        assert_eq!(extra.get("error_code"), Some(&serde_json::json!(5900)));
        let nested = ErrorBody::parse(r#"{"labels": {"0": ["Invalid pk \"x\" - object does not exist."]}}"#);
        assert_eq!(nested.message(), r#"labels.0: Invalid pk "x" - object does not exist."#);
        let ErrorBody::Error { message, extra } =
            ErrorBody::parse(r#"{"message": "Activity not found.", "code": "NOT_FOUND"}"#)
        else {
            panic!("the message shape is not an error");
        };
        assert_eq!((message.as_str(), &extra["code"]), ("Activity not found.", &serde_json::json!("NOT_FOUND")));
        assert!(matches!(ErrorBody::parse(r#"{"labels": {"0": 5}}"#), ErrorBody::Json(_)));
        assert!(matches!(ErrorBody::parse("[1, 2]"), ErrorBody::Json(_)));
        assert!(matches!(ErrorBody::parse(r#"{"count": 3}"#), ErrorBody::Json(_)));
        assert_eq!(ErrorBody::parse("  "), ErrorBody::Empty);
    }

    #[test]
    fn a_large_error_body_is_kept_as_text_not_parsed() {
        let small = format!("[{}1]", "1,".repeat(1000));
        assert!(matches!(ErrorBody::parse(&small), ErrorBody::Json(_)));
        let large = format!("[{}1]", "1,".repeat(PARSED_AT_MOST / 2));
        assert!(matches!(ErrorBody::parse(&large), ErrorBody::Text(text) if text.len() == large.len()));
    }

    #[test]
    fn summarizes_proxy_pages() {
        let html = "<html><head><TITLE>502 Bad Gateway</TITLE></head><body>nginx</body></html>";
        assert_eq!(ErrorBody::parse(html).message(), "502 Bad Gateway");
        assert_eq!(ErrorBody::parse("\nupstream timed out\nmore").message(), "upstream timed out");
        assert_eq!(summarize_text(&"é".repeat(300)).chars().count(), 201);
    }
}
