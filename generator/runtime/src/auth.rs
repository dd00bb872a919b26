//! A client's credential: a static header (an API key, a bearer token), or OAuth tokens that
//! are fetched when first needed, refreshed a margin before they expire and after a `401`, with
//! one token request in flight however many tasks share the client. Hand-written runtime.

use std::fmt;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};

use crate::error::{Error, TokenError};
use crate::oauth::{Grant, OAuthSpec, Secret, TokenEndpoint, TokenSet, TokenSource};

/// What a client authenticates with.
pub(crate) enum Credential {
    /// The same header on every request. The value is marked sensitive, so `Debug` and
    /// reqwest's logging redact it.
    Static(HeaderName, HeaderValue),
    /// OAuth tokens, kept fresh.
    OAuth(Box<Refreshing>),
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Static(name, _) => write!(f, "{name} (redacted)"),
            Credential::OAuth(tokens) => match tokens.source.grant {
                Grant::ClientCredentials => f.write_str("OAuth client credentials (redacted)"),
                Grant::User(_) => f.write_str("OAuth user tokens (redacted)"),
            },
        }
    }
}

/// The header to send, and the generation of the token it carries (`None` for a static one), to
/// hand back after a `401`.
pub(crate) type Header = (HeaderValue, Option<u64>);

impl Credential {
    /// The header the credential is sent in.
    pub(crate) fn name(&self) -> &HeaderName {
        match self {
            Credential::Static(name, _) => name,
            Credential::OAuth(_) => &AUTHORIZATION,
        }
    }

    /// The header for the next request. `stale` is the generation of a token the server has
    /// just refused with a `401`: a newer one is fetched unless another task already did.
    pub(crate) async fn header(&self, stale: Option<u64>) -> Result<Header, Error> {
        match self {
            Credential::Static(_, value) => Ok((value.clone(), None)),
            Credential::OAuth(tokens) => {
                tokens.header(stale).await.map(|(value, generation)| (value, Some(generation)))
            }
        }
    }

    /// Whether a `401` answer can be met with a new token.
    pub(crate) fn refreshes(&self) -> bool {
        match self {
            Credential::Static(..) => false,
            Credential::OAuth(tokens) => tokens.renewable(&tokens.lock()),
        }
    }
}

/// OAuth tokens from a [`TokenSource`], kept fresh.
pub(crate) struct Refreshing {
    source: TokenSource,
    spec: OAuthSpec,
    endpoint: TokenEndpoint,
    state: Mutex<State>,
    /// Held while a token request is in flight, so that there is one at a time: a task that
    /// finds the token due waits here, then uses what the request brought.
    flight: tokio::sync::Mutex<()>,
}

/// The tokens in use, and what the latest token requests came to.
struct State {
    /// The header with the current access token, when to refresh it, and when it expires.
    held: Option<(HeaderValue, Option<Instant>, Option<Instant>)>,
    /// The refresh token of a user's tokens.
    refresh_token: Option<Secret>,
    /// Counts the tokens held: a `401` names the one it refused.
    generation: u64,
    /// Counts the token requests finished.
    requests: u64,
    /// The latest refusal and the request that met it, for the tasks that waited on it.
    refused: Option<(u64, TokenError)>,
    /// The latest request that brought no token, for the tasks that waited on it.
    failed: u64,
}

impl State {
    /// The current token, unless it is the `stale` one or due for a refresh, and a new one can
    /// be had (`renewable`).
    fn usable(&self, stale: Option<u64>, renewable: bool) -> Option<(HeaderValue, u64)> {
        let (value, refresh_at, _) = self.held.as_ref()?;
        let due = stale == Some(self.generation) || refresh_at.is_some_and(|at| Instant::now() >= at);
        (!due || !renewable).then(|| (value.clone(), self.generation))
    }

    /// The current token if it has not expired yet (though it is due for a refresh), unless it is
    /// the `stale` one a server refused.
    fn unexpired(&self, stale: Option<u64>) -> Option<(HeaderValue, u64)> {
        match &self.held {
            Some((value, _, Some(expires))) if stale.is_none() && Instant::now() < *expires => {
                Some((value.clone(), self.generation))
            }
            _ => None,
        }
    }

    /// Keeps `tokens`: a new header, and the refresh token if the server sent a new one.
    fn hold(&mut self, tokens: &TokenSet, margin: std::time::Duration) -> Result<(HeaderValue, u64), Error> {
        let value = crate::client::secret(&format!("Bearer {}", tokens.access_token()))?;
        self.held = Some((value.clone(), tokens.refresh_at(margin), tokens.refresh_at(std::time::Duration::ZERO)));
        if let Some(refresh) = tokens.refresh_token() {
            self.refresh_token = Some(Secret::new(refresh));
        }
        self.generation += 1;
        Ok((value, self.generation))
    }
}

impl Refreshing {
    /// A source's tokens, from `endpoint`. A user's tokens are held at once; the
    /// client-credentials grant's first token is fetched when a call first needs one.
    pub(crate) fn new(source: TokenSource, spec: OAuthSpec, endpoint: TokenEndpoint) -> Result<Self, Error> {
        let mut state = State { held: None, refresh_token: None, generation: 0, requests: 0, refused: None, failed: 0 };
        if let Grant::User(tokens) = &source.grant {
            state.hold(tokens, source.margin)?;
        }
        Ok(Refreshing { source, spec, endpoint, state: Mutex::new(state), flight: tokio::sync::Mutex::new(()) })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether a new token can be had: always by the client-credentials grant (a source is
    /// checked against the spec when the client is built), by a user's refresh token if the
    /// API offers the refresh-token grant.
    fn renewable(&self, state: &State) -> bool {
        match self.source.grant {
            Grant::ClientCredentials => true,
            Grant::User(_) => state.refresh_token.is_some() && self.spec.refresh_token.is_some(),
        }
    }

    /// The header with a usable token, fetching one if needed (see [`Credential::header`]).
    async fn header(&self, stale: Option<u64>) -> Result<(HeaderValue, u64), Error> {
        let seen = {
            let state = self.lock();
            if let Some(usable) = state.usable(stale, self.renewable(&state)) {
                return Ok(usable);
            }
            state.requests
        };
        let _flight = self.flight.lock().await;
        {
            // While this task waited, another may have fetched a token, or been refused.
            let state = self.lock();
            if let Some(usable) = state.usable(stale, self.renewable(&state)) {
                return Ok(usable);
            }
            if let Some((request, refusal)) = &state.refused {
                if *request > seen {
                    return Err(Error::Token(Box::new(refusal.clone())));
                }
            }
            // The request this task waited for failed on the way: not another one at once.
            if state.failed > seen {
                if let Some(held) = state.unexpired(stale) {
                    return Ok(held);
                }
            }
        }
        let result = self.fetch().await;
        let mut state = self.lock();
        state.requests += 1;
        match result {
            Ok(tokens) => {
                let held = state.hold(&tokens, self.source.margin)?;
                drop(state);
                if let Some(callback) = &self.source.on_token {
                    callback(&tokens);
                }
                Ok(held)
            }
            Err(Error::Token(refusal)) => {
                state.refused = Some((state.requests, (*refusal).clone()));
                Err(Error::Token(refusal))
            }
            // A refresh made early that failed on the way (no answer, a 5xx) leaves the token in
            // use until it expires: the next call tries again.
            Err(error) => {
                state.failed = state.requests;
                match state.unexpired(stale) {
                    Some(held) => {
                        let path = self.spec.token_path;
                        tracing::info!(path, error = %error, "the token could not be refreshed early; using it until it expires");
                        Ok(held)
                    }
                    None => Err(error),
                }
            }
        }
    }

    /// One token request: a client-credentials grant, or a refresh of a user's tokens.
    async fn fetch(&self) -> Result<TokenSet, Error> {
        let source = &self.source;
        let extra = source.params.iter().map(|(name, value)| (name.as_str(), value.as_str()));
        match &source.grant {
            Grant::ClientCredentials => {
                let auth = self.spec.client_credentials.ok_or_else(|| no_grant("client-credentials"))?;
                let scope = source.scopes.join(" ");
                let mut params: Vec<(&str, &str)> = extra.collect();
                if !scope.is_empty() {
                    params.push(("scope", &scope));
                }
                self.endpoint.request(&source.app, "client_credentials", auth, &params).await
            }
            Grant::User(_) => {
                let auth = self.spec.refresh_token.ok_or_else(|| no_grant("refresh-token"))?;
                let refresh = self.lock().refresh_token.clone().ok_or_else(|| no_grant("refresh-token"))?;
                let params: Vec<(&str, &str)> =
                    [("refresh_token", refresh.expose())].into_iter().chain(extra).collect();
                self.endpoint.request(&source.app, "refresh_token", auth, &params).await
            }
        }
    }
}

/// The error for a grant that cannot be made (never met: `can_refresh` is checked first).
fn no_grant(grant: &str) -> Error {
    crate::client::config(&format!("no {grant} grant can be made"))
}
