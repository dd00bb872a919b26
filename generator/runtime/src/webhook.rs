//! Receiving webhooks: each delivery's signature checked over the raw body, then its event
//! decoded into the crate's typed events. Framework-neutral: it takes the headers and the body
//! bytes as any server framework hands them over, and needs no server of its own.
//!
//! The signature is an HMAC-SHA256 of the body's bytes as received, in hex, compared in constant
//! time; the body is never re-serialised to check it. How an API names its headers (and which
//! events it sends) comes from its spec, as the crate's `WebhookEvent` says.

use std::fmt;
use std::marker::PhantomData;

use hmac::{Hmac, KeyInit, Mac};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use sha2::Sha256;

/// How an API signs and names its deliveries; the generator writes one from the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    /// The header that carries the signature.
    pub signature_header: &'static str,
    /// What precedes the hex digits in that header (`sha256=` for some APIs), if anything.
    pub signature_prefix: &'static str,
    /// The header that names the event.
    pub event_header: &'static str,
    /// The header that carries the delivery's id, if the API sends one.
    pub delivery_header: Option<&'static str>,
}

/// The crate's enum of events, which a [`WebhookReceiver`] decodes deliveries into. The
/// generator implements it; there is no need to implement it by hand.
pub trait WebhookEvents: Sized {
    /// How deliveries of these events are signed and named.
    const SCHEME: Scheme;

    /// The event named `name`, from the body of a verified delivery (strictly: refusing keys
    /// its type does not declare, when `strict`).
    ///
    /// # Errors
    ///
    /// [`WebhookError::Decode`] when the body is not what the event's type describes.
    fn decode(name: &str, body: &[u8], strict: bool) -> Result<Self, WebhookError>;
}

/// A verified delivery.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Delivery<E> {
    /// The delivery's id, if the API sends one: unique per delivery, so keeping the ids of the
    /// last few thousand and dropping a delivery whose id is among them drops redeliveries.
    pub id: Option<String>,
    /// The event's name, as the API sent it.
    pub name: String,
    /// The event, decoded.
    pub event: E,
}

/// Why a delivery was refused. Answer a refused delivery with a 4xx status, and do not act on it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The signature header is missing: the request was not signed, so it may come from anyone.
    #[error("the delivery has no `{header}` header: it is not signed")]
    Unsigned {
        /// The header that was looked for.
        header: &'static str,
    },
    /// The signature does not match the body: it was signed with another secret, or the body
    /// was changed on the way.
    #[error("the delivery's signature does not match its body")]
    BadSignature,
    /// The delivery does not say which event it is.
    #[error("the delivery has no `{header}` header naming its event")]
    Unnamed {
        /// The header that was looked for.
        header: &'static str,
    },
    /// The body was verified but is not what the event's type describes.
    #[error("the `{event}` event did not decode at `{json_path}`: {message}")]
    Decode {
        /// The event's name.
        event: String,
        /// Where in the JSON decoding failed (`.` for the root).
        json_path: String,
        /// What was wrong there.
        message: String,
    },
}

/// A webhook's signing secret. `Debug` never shows it.
#[derive(Clone)]
pub struct WebhookSecret(Vec<u8>);

impl WebhookSecret {
    /// The secret the API gave when the webhook was made.
    pub fn new(secret: impl Into<String>) -> Self {
        WebhookSecret(secret.into().into_bytes())
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret([redacted])")
    }
}

/// Receives one webhook's deliveries: checks each signature with the webhook's secret, then
/// decodes the event into `E`, the crate's `WebhookEvent`.
///
/// ```no_run
/// # fn example(headers: &reqwest::header::HeaderMap, body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
/// use plane_client::{WebhookEvent, WebhookReceiver};
///
/// let receiver = WebhookReceiver::<WebhookEvent>::new("the webhook's secret");
/// let delivery = receiver.receive(headers, body)?;
/// println!("{} {:?}", delivery.name, delivery.event);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct WebhookReceiver<E> {
    secret: WebhookSecret,
    strict: bool,
    events: PhantomData<fn() -> E>,
}

impl<E> fmt::Debug for WebhookReceiver<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookReceiver").field("secret", &self.secret).field("strict", &self.strict).finish()
    }
}

impl<E: WebhookEvents> WebhookReceiver<E> {
    /// A receiver for the webhook whose signing secret is `secret`.
    pub fn new(secret: impl Into<String>) -> Self {
        WebhookReceiver { secret: WebhookSecret::new(secret), strict: false, events: PhantomData }
    }

    /// Refuse an event whose body has a key its type does not declare (off by default, so that
    /// a server that adds a field does not break a receiver). Tests turn it on to catch a spec
    /// that drifted from the server.
    #[must_use]
    pub fn deny_unknown_fields(mut self, deny: bool) -> Self {
        self.strict = deny;
        self
    }

    /// The delivery made of `headers` and `body` (the raw bytes, exactly as received), verified
    /// and decoded. An event this crate does not know decodes to `WebhookEvent::Other`.
    ///
    /// # Errors
    ///
    /// A [`WebhookError`]: not signed, a signature that does not match, no event name, or a
    /// body that is not what its event's type describes. Nothing is decoded before the
    /// signature is checked.
    pub fn receive(&self, headers: &HeaderMap, body: &[u8]) -> Result<Delivery<E>, WebhookError> {
        let scheme = E::SCHEME;
        verify(&scheme, &self.secret, headers, body)?;
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let name = header(scheme.event_header).ok_or(WebhookError::Unnamed { header: scheme.event_header })?;
        let id = scheme.delivery_header.and_then(header);
        let event = E::decode(&name, body, self.strict)?;
        Ok(Delivery { id, name, event })
    }
}

/// Checks the delivery's signature against `body`, in constant time.
fn verify(scheme: &Scheme, secret: &WebhookSecret, headers: &HeaderMap, body: &[u8]) -> Result<(), WebhookError> {
    let signature =
        headers.get(scheme.signature_header).ok_or(WebhookError::Unsigned { header: scheme.signature_header })?;
    let hex_digits = signature.as_bytes().trim_ascii();
    let hex_digits = hex_digits.strip_prefix(scheme.signature_prefix.as_bytes()).ok_or(WebhookError::BadSignature)?;
    let expected = hex::decode(hex_digits).map_err(|_| WebhookError::BadSignature)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&secret.0).map_err(|_| WebhookError::BadSignature)?;
    mac.update(body);
    mac.verify_slice(&expected).map_err(|_| WebhookError::BadSignature)
}

/// The body of the event `name` as `T`; with `strict`, a key `T` does not declare is an error.
pub(crate) fn decode<T: DeserializeOwned>(name: &str, body: &[u8], strict: bool) -> Result<T, WebhookError> {
    crate::client::decode_json(body, strict).map_err(|(json_path, message)| WebhookError::Decode {
        event: name.to_string(),
        json_path,
        message,
    })
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;
    use serde::Deserialize;

    use super::*;

    const SCHEME: Scheme = Scheme {
        signature_header: "x-signature",
        signature_prefix: "",
        event_header: "x-event",
        delivery_header: Some("x-delivery"),
    };

    #[derive(Debug, PartialEq, Deserialize)]
    struct Named {
        name: String,
    }

    impl WebhookEvents for Named {
        const SCHEME: Scheme = SCHEME;

        fn decode(name: &str, body: &[u8], strict: bool) -> Result<Self, WebhookError> {
            decode(name, body, strict)
        }
    }

    fn signed(secret: &str, body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(body);
        hex::encode(mac.finalize().into_bytes())
    }

    fn headers(signature: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(signature) = signature {
            headers.insert("x-signature", HeaderValue::from_str(signature).unwrap());
        }
        headers.insert("x-event", HeaderValue::from_static("thing"));
        headers.insert("x-delivery", HeaderValue::from_static("d-1"));
        headers
    }

    #[test]
    fn a_delivery_signed_with_the_secret_is_verified_and_decoded() {
        let body = br#"{"name": "x"}"#;
        let receiver = WebhookReceiver::<Named>::new("s3cret");
        let delivery = receiver.receive(&headers(Some(&signed("s3cret", body))), body).unwrap();
        assert_eq!(delivery.event, Named { name: "x".into() });
        assert_eq!((delivery.id.as_deref(), delivery.name.as_str()), (Some("d-1"), "thing"));
    }

    #[test]
    fn a_changed_body_another_secret_or_no_signature_is_refused() {
        let body = br#"{"name": "x"}"#;
        let receiver = WebhookReceiver::<Named>::new("s3cret");
        let good = signed("s3cret", body);
        let tampered = receiver.receive(&headers(Some(&good)), br#"{"name": "y"}"#);
        assert!(matches!(tampered, Err(WebhookError::BadSignature)));
        let other = receiver.receive(&headers(Some(&signed("other", body))), body);
        assert!(matches!(other, Err(WebhookError::BadSignature)));
        assert!(matches!(receiver.receive(&headers(Some("zz")), body), Err(WebhookError::BadSignature)));
        let unsigned = receiver.receive(&headers(None), body);
        assert!(matches!(unsigned, Err(WebhookError::Unsigned { header: "x-signature" })));
    }

    #[test]
    fn nothing_is_decoded_before_the_signature_is_checked() {
        let receiver = WebhookReceiver::<Named>::new("s3cret");
        let result = receiver.receive(&headers(Some(&signed("other", b"not json"))), b"not json");
        assert!(matches!(result, Err(WebhookError::BadSignature)));
    }

    #[test]
    fn strict_receivers_refuse_keys_the_type_does_not_declare() {
        let body = br#"{"name": "x", "extra": 1}"#;
        let signature = signed("k", body);
        let lenient = WebhookReceiver::<Named>::new("k").receive(&headers(Some(&signature)), body);
        assert!(lenient.is_ok());
        let strict =
            WebhookReceiver::<Named>::new("k").deny_unknown_fields(true).receive(&headers(Some(&signature)), body);
        assert!(matches!(strict, Err(WebhookError::Decode { json_path, .. }) if json_path == "extra"));
    }

    #[test]
    fn the_secret_never_shows_in_debug() {
        let receiver = WebhookReceiver::<Named>::new("s3cret");
        assert!(!format!("{receiver:?}").contains("s3cret"));
    }
}
