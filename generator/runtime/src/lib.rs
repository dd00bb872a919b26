//! The client runtime: what every generated crate shares, written by hand once. The generator
//! writes each module of this crate (but this file) into every crate it makes, beside the
//! generated modules, so that a generated crate builds from its own folder alone; see
//! `generator/src/runtime.rs`, the contract between the two, and `generator/README.md`.
//!
//! This crate exists so that the runtime is compiled, linted and tested on its own, without any
//! generated code: this file stands in for a generated crate's root (the same modules and
//! re-exports) and for its `spec` module.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod auth;
mod call;
mod client;
mod code_enum;
mod download;
mod error;
mod expand;
mod id_type;
mod key_type;
mod multipart;
mod oauth;
mod pacing;
mod page;
mod patch;
mod retry;
mod string_enum;
mod structs;
mod upload;
mod webhook;

mod stand_in;

pub use call::{Call, Exchange};
pub use client::{Client, ClientBuilder};
pub use download::Download;
pub use error::{ApiError, Cleanup, DecodeError, Error, ErrorBody, ErrorKind, StorageError, TokenError, UploadError};
pub use expand::{Expand, Expandable, HasId, Select};
pub use key_type::ParseKeyError;
pub use oauth::{AuthorizationRequest, OAuthApp, TokenSet, TokenSource};
pub use page::{ItemStream, Page};
pub use patch::Patch;
pub use retry::{RateLimit, RetryPolicy};
pub use upload::Upload;
pub use webhook::{Delivery, WebhookError, WebhookEvents, WebhookReceiver, WebhookSecret};

/// The stand-in module's events, re-exported as a generated crate re-exports its modules' items.
pub use stand_in::WebhookEvent;

/// Date and time types, re-exported as a generated crate does.
pub use chrono;
/// Header types, for [`ClientBuilder::default_headers`].
pub use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
/// The HTTP method and status types, for [`Client::request`] and [`Exchange`].
pub use reqwest::{Method, StatusCode};
/// Any JSON value.
pub use serde_json::Value;
/// The UUID type used for ids.
pub use uuid::Uuid;

/// What a generated crate's `spec` module says about its API, here for an API that accepts both
/// kinds of credentials.
mod spec {
    /// Where the API lives unless the client is told otherwise.
    pub const DEFAULT_BASE_URL: &str = "https://api.example.com";
    /// The header that carries an API key, if the API accepts one.
    pub const API_KEY_HEADER: Option<&str> = Some("X-API-Key");
    /// Whether the API accepts `Authorization: Bearer` tokens.
    pub const BEARER: bool = true;
    /// The environment variable `Client::from_env` reads the base URL from.
    pub const BASE_URL_VARIABLE: &str = "EXAMPLE_BASE_URL";
    /// The environment variable `Client::from_env` reads an API key from, if the API takes one.
    pub const API_KEY_VARIABLE: Option<&str> = Some("EXAMPLE_API_KEY");
    /// The environment variable `Client::from_env` reads a bearer token from, if the API takes one.
    pub const ACCESS_TOKEN_VARIABLE: Option<&str> = Some("EXAMPLE_ACCESS_TOKEN");
    /// The API's OAuth token endpoint and grants, if its server offers OAuth applications.
    pub const OAUTH: Option<crate::oauth::OAuthSpec> = Some(crate::oauth::OAuthSpec {
        token_path: "/oauth/token/",
        authorize_path: Some("/oauth/authorize/"),
        client_credentials: Some(crate::oauth::ClientAuth::Basic),
        client_credentials_params: &["installation_id"],
        authorization_code: Some(crate::oauth::ClientAuth::Body),
        refresh_token: Some(crate::oauth::ClientAuth::Body),
    });
    /// How a server answers a path it does not route (an operation its edition does not
    /// serve): the status and the JSON body, if the spec says.
    pub const NOT_SERVED: Option<(u16, &str)> = Some((404, r#"{"error":"Page not found."}"#));
}
