//! When to try a request again, and how long to wait first. Hand-written runtime; pure logic,
//! so it is unit-tested here without a server.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// How the client retries.
///
/// Defaults: up to 3 retries (4 attempts), exponential backoff from 500 ms capped at 30 s with
/// jitter, and at most 2 minutes for a call from its first attempt to its last answer.
///
/// What is retried:
/// - **429 Too Many Requests**, for every method (the server did nothing): after `Retry-After`
///   (seconds or an HTTP date), or else until `X-RateLimit-Reset`, or else after the backoff.
/// - **502, 503 and 504**, for `GET`, `PUT`, `DELETE` and `PATCH`, whose repetition is harmless
///   (a `PATCH` sets fields). Never for `POST`, which could create something twice.
/// - **Connection failures** before the request was sent, for every method.
///
/// Nothing else is: other statuses, timeouts (the server may be working on it) and connections
/// that break mid-response come back as errors at once. A wait that would end after the deadline
/// is not started; the last error is returned instead, with the number of attempts made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
    deadline: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            deadline: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// The defaults described above.
    pub fn new() -> Self {
        Self::default()
    }

    /// Never retry: every call makes exactly one attempt.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..Self::default() }
    }

    /// How many times a call may be retried after its first attempt.
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The backoff before the first retry; it doubles for each further one.
    #[must_use]
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest backoff (a server's `Retry-After` is honoured even if longer).
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The longest a call may take, retries and waits included. No wait starts that would end
    /// after it. (Each attempt is also bounded by the client's request timeout.)
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The overall time budget of one call.
    pub fn call_deadline(&self) -> Duration {
        self.deadline
    }

    /// The wait before attempt `attempt + 1`, or `None` if the outcome of attempt `attempt`
    /// (counted from 1) is final. `jitter` is a number in `[0, 1)` that spreads out backoffs.
    pub(crate) fn wait_before_retry(
        &self,
        method: &Method,
        outcome: Outcome<'_>,
        attempt: u32,
        jitter: f64,
    ) -> Option<Duration> {
        if attempt > self.max_retries {
            return None;
        }
        let backoff = || self.backoff(attempt, jitter);
        match outcome {
            Outcome::Status(StatusCode::TOO_MANY_REQUESTS, headers) => {
                Some(retry_after(headers).or_else(|| until_reset(headers)).unwrap_or_else(backoff))
            }
            Outcome::Status(status, headers) if is_transient(status) && *method != Method::POST => {
                Some(retry_after(headers).unwrap_or_else(backoff))
            }
            Outcome::NotSent => Some(backoff()),
            Outcome::Status(..) | Outcome::Failed => None,
        }
    }

    /// `base × 2^(attempt−1)`, capped, then scaled into `[½, 1)` of itself by the jitter so that
    /// many clients do not retry in step.
    fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let exponential = self.base_delay.saturating_mul(1u32 << (attempt - 1).min(16));
        exponential.min(self.max_delay).mul_f64(0.5 + jitter.clamp(0.0, 1.0) / 2.0)
    }
}

/// What an attempt came to, as far as retrying is concerned.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome<'a> {
    /// A response with this status and these headers.
    Status(StatusCode, &'a HeaderMap),
    /// The connection could not be made: nothing was sent.
    NotSent,
    /// Anything else that went wrong; the request may have reached the server.
    Failed,
}

fn is_transient(status: StatusCode) -> bool {
    matches!(status.as_u16(), 502..=504)
}

/// `Retry-After` in seconds or as an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// The rate-limit figures a server sends on every allowed request (`X-RateLimit-Remaining`,
/// `X-RateLimit-Reset`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests left in the current window.
    pub remaining: u64,
    /// When the window resets (from `X-RateLimit-Reset`, in UTC seconds).
    pub reset: SystemTime,
}

impl RateLimit {
    /// Reads `X-RateLimit-Remaining` and `X-RateLimit-Reset`, if both are there.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        let remaining = headers.get("x-ratelimit-remaining")?.to_str().ok()?.trim().parse::<u64>().ok()?;
        Some(RateLimit { remaining, reset: reset_time(headers)? })
    }

    /// How long until the window resets (zero if it already has).
    pub fn reset_in(&self) -> Duration {
        self.reset.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO)
    }
}

/// `X-RateLimit-Reset` (UTC epoch seconds) as a time; `checked_add`, so that a nonsense header
/// cannot panic the client.
fn reset_time(headers: &HeaderMap) -> Option<SystemTime> {
    let seconds = headers.get("x-ratelimit-reset")?.to_str().ok()?.trim().parse::<u64>().ok()?;
    UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}

fn until_reset(headers: &HeaderMap) -> Option<Duration> {
    Some(reset_time(headers)?.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, String)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (reqwest::header::HeaderName::from_static(k), v.parse().unwrap())).collect()
    }

    const NONE: &[(&str, String)] = &[];

    #[test]
    fn rate_limited_calls_wait_as_the_server_says() {
        let policy = RetryPolicy::default();
        let retry_after = headers(&[("retry-after", "7".into())]);
        let wait = policy.wait_before_retry(
            &Method::POST,
            Outcome::Status(StatusCode::TOO_MANY_REQUESTS, &retry_after),
            1,
            0.3,
        );
        assert_eq!(wait, Some(Duration::from_secs(7)));
        let reset = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() + 20;
        let reset = headers(&[("x-ratelimit-reset", reset.to_string())]);
        let wait = policy
            .wait_before_retry(&Method::GET, Outcome::Status(StatusCode::TOO_MANY_REQUESTS, &reset), 1, 0.3)
            .unwrap();
        assert!(wait > Duration::from_secs(18) && wait <= Duration::from_secs(20), "{wait:?}");
        let bare = headers(NONE);
        let wait =
            policy.wait_before_retry(&Method::GET, Outcome::Status(StatusCode::TOO_MANY_REQUESTS, &bare), 1, 0.0);
        assert_eq!(wait, Some(Duration::from_millis(250)));
    }

    #[test]
    fn transient_errors_are_retried_except_for_post() {
        let policy = RetryPolicy::default();
        let bare = headers(NONE);
        for method in [Method::GET, Method::PUT, Method::DELETE, Method::PATCH] {
            assert!(
                policy
                    .wait_before_retry(&method, Outcome::Status(StatusCode::SERVICE_UNAVAILABLE, &bare), 1, 0.5)
                    .is_some()
            );
        }
        assert_eq!(
            policy.wait_before_retry(&Method::POST, Outcome::Status(StatusCode::BAD_GATEWAY, &bare), 1, 0.5),
            None
        );
        assert_eq!(
            policy.wait_before_retry(&Method::GET, Outcome::Status(StatusCode::INTERNAL_SERVER_ERROR, &bare), 1, 0.5),
            None
        );
        assert_eq!(policy.wait_before_retry(&Method::GET, Outcome::Status(StatusCode::NOT_FOUND, &bare), 1, 0.5), None);
        assert_eq!(policy.wait_before_retry(&Method::GET, Outcome::Failed, 1, 0.5), None);
        assert!(policy.wait_before_retry(&Method::POST, Outcome::NotSent, 1, 0.5).is_some());
    }

    #[test]
    fn backoff_doubles_is_capped_and_jittered() {
        let policy = RetryPolicy::default()
            .max_retries(20)
            .base_delay(Duration::from_secs(1))
            .max_delay(Duration::from_secs(10));
        let wait = |attempt, jitter| policy.wait_before_retry(&Method::GET, Outcome::NotSent, attempt, jitter).unwrap();
        assert_eq!(wait(1, 0.999_999).as_millis(), 999);
        assert_eq!(wait(2, 0.0), Duration::from_secs(1));
        assert_eq!(wait(3, 0.0), Duration::from_secs(2));
        assert_eq!(wait(10, 0.0), Duration::from_secs(5));
        assert_eq!(wait(20, 0.999_999).as_secs(), 9);
    }

    #[test]
    fn retries_run_out() {
        let policy = RetryPolicy::default().max_retries(2);
        assert!(policy.wait_before_retry(&Method::GET, Outcome::NotSent, 2, 0.5).is_some());
        assert_eq!(policy.wait_before_retry(&Method::GET, Outcome::NotSent, 3, 0.5), None);
        assert_eq!(RetryPolicy::none().wait_before_retry(&Method::GET, Outcome::NotSent, 1, 0.5), None);
    }

    #[test]
    fn reads_retry_after_in_both_forms() {
        assert_eq!(retry_after(&headers(&[("retry-after", "7".into())])), Some(Duration::from_secs(7)));
        let later = SystemTime::now() + Duration::from_secs(120);
        let wait = retry_after(&headers(&[("retry-after", httpdate::fmt_http_date(later))])).unwrap();
        assert!(wait > Duration::from_secs(100) && wait <= Duration::from_secs(120), "{wait:?}");
        assert_eq!(retry_after(&headers(&[("retry-after", "soon".into())])), None);
    }

    #[test]
    fn reads_rate_limit_headers() {
        let limit = RateLimit::from_headers(&headers(&[
            ("x-ratelimit-remaining", "42".into()),
            ("x-ratelimit-reset", "1700000000".into()),
        ]))
        .unwrap();
        assert_eq!(limit.remaining, 42);
        assert_eq!(limit.reset, UNIX_EPOCH + Duration::from_secs(1_700_000_000));
        assert_eq!(RateLimit::from_headers(&headers(&[("x-ratelimit-remaining", "1".into())])), None);
    }
}
