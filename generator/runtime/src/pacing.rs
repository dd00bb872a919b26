//! Opt-in pacing ([`ClientBuilder::pace`](crate::ClientBuilder::pace)): a client, and every
//! clone of it, spreads its requests so that a sliding-window rate limit (N requests per window,
//! per key) is never exceeded, instead of learning the limit from 429 answers. Hand-written
//! runtime; the logic is synchronous and unit-tested here, the waiting is in [`Pacer::admit`].
//!
//! The limit is learned from the server: the first request goes alone, and its answer's
//! `X-RateLimit-Remaining` (after counting that request) and `X-RateLimit-Reset` (the end of the
//! window that request opened) give the number of requests per window and the window's length.
//! From then on the client keeps its own log of the window: a request counts from when it is sent
//! and stops counting one window after its answer arrived, the latest moment the server can have
//! counted it. So the client never believes a slot is free before the server does, and no
//! request is answered 429, as long as the client's clones are the key's only users. (A request
//! by someone else with the same key can still meet a 429, which the retry policy then waits
//! out; pacing also lowers its idea of the limit to what the server allowed.)

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::retry::RateLimit;

/// How often a request waiting for an answer in flight looks again.
const POLL: Duration = Duration::from_millis(2);

/// The longest window believed: a nonsense header cannot stall the client for longer.
const MAX_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);

/// The shared state of one client's pacing.
#[derive(Debug, Default)]
pub(crate) struct Pacer {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// What the server allows, once learned; `Unlimited` if it sent no figures.
    limit: Limit,
    /// Requests sent and not yet answered.
    in_flight: u64,
    /// When each answered request's answer arrived, oldest first, within one window of now.
    answered: VecDeque<Instant>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Limit {
    /// Not known yet: one request at a time until an answer says.
    #[default]
    Unknown,
    /// The server sends no rate-limit figures: nothing to pace.
    Unlimited,
    /// `requests` per sliding `window`.
    Known { requests: u64, window: Duration },
}

/// What [`State::decide`] says to a request that wants to go.
#[derive(Debug, PartialEq, Eq)]
enum Decision {
    /// Go now (it is counted as in flight).
    Go,
    /// Ask again at this time, when the oldest answered request leaves the window.
    WaitUntil(Instant),
    /// Ask again when an answer arrives.
    WaitForAnswer,
}

impl State {
    fn decide(&mut self, now: Instant) -> Decision {
        let (requests, window) = match self.limit {
            Limit::Unlimited => return self.go(),
            Limit::Unknown if self.in_flight == 0 => return self.go(),
            Limit::Unknown => return Decision::WaitForAnswer,
            Limit::Known { requests, window } => (requests, window),
        };
        while self.answered.front().is_some_and(|&at| at + window <= now) {
            self.answered.pop_front();
        }
        if self.in_flight + (self.answered.len() as u64) < requests {
            return self.go();
        }
        match self.answered.front() {
            Some(&oldest) => Decision::WaitUntil(oldest + window),
            None => Decision::WaitForAnswer,
        }
    }

    fn go(&mut self) -> Decision {
        self.in_flight += 1;
        Decision::Go
    }

    /// Counts an answer with `status` (`None`: a request that failed without one, which may
    /// still have reached the server) and learns from its rate-limit figures.
    fn answered(&mut self, now: Instant, status: Option<StatusCode>, limit: Option<RateLimit>) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.answered.push_back(now);
        let Some(status) = status else { return };
        if status == StatusCode::TOO_MANY_REQUESTS {
            // The server counted more than we did (another user of the key, or a limit that
            // shrank): believe it, so the next window is paced to what it allowed.
            if let Limit::Known { window, .. } = self.limit {
                let used = self.in_flight + self.answered.len() as u64;
                self.limit = Limit::Known { requests: used.saturating_sub(1).max(1), window };
            }
            return;
        }
        match (self.limit, limit) {
            // A success without figures: the server does not limit (an error may come from a
            // proxy that does not know; keep asking).
            (Limit::Unknown, None) if status.is_success() => self.limit = Limit::Unlimited,
            // The first figures: every request the server counts so far is ours and answered.
            (Limit::Unknown | Limit::Unlimited, Some(limit)) => {
                let requests = limit.remaining + self.in_flight + self.answered.len() as u64;
                self.limit = Limit::Known { requests: requests.max(1), window: window(&limit) };
            }
            _ => {}
        }
    }
}

/// The window's length that `X-RateLimit-Reset` implies: the reset of a window opened by this
/// request, in whole seconds, so rounded up.
fn window(limit: &RateLimit) -> Duration {
    let until = limit.reset_in();
    let window = Duration::from_secs(until.as_secs() + u64::from(until.subsec_nanos() > 0));
    window.clamp(Duration::from_secs(1), MAX_WINDOW)
}

impl Pacer {
    /// Waits until a request may be sent without going over the limit; the ticket counts it
    /// until [`Ticket::answered`] (or its drop) says it is done.
    pub(crate) async fn admit(&self) -> Ticket<'_> {
        loop {
            let decision = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).decide(Instant::now());
            match decision {
                Decision::Go => return Ticket { pacer: self, done: false },
                Decision::WaitUntil(at) => tokio::time::sleep_until(tokio::time::Instant::from_std(at)).await,
                Decision::WaitForAnswer => tokio::time::sleep(POLL).await,
            }
        }
    }

    /// Admits a request at once, whatever the window holds (a call told not to wait), counting
    /// it so that the requests that do wait still leave room for it.
    pub(crate) fn admit_now(&self) -> Ticket<'_> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).go();
        Ticket { pacer: self, done: false }
    }
}

/// One admitted request.
pub(crate) struct Ticket<'a> {
    pacer: &'a Pacer,
    done: bool,
}

impl Ticket<'_> {
    /// The request was answered with `status` and the rate-limit figures `limit`, or (`status`
    /// `None`) failed.
    pub(crate) fn answered(mut self, status: Option<StatusCode>, limit: Option<RateLimit>) {
        self.done = true;
        self.pacer.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).answered(
            Instant::now(),
            status,
            limit,
        );
    }
}

impl Drop for Ticket<'_> {
    /// A call dropped mid-request (a cancelled future) may still have reached the server.
    fn drop(&mut self) {
        if !self.done {
            self.pacer.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).answered(
                Instant::now(),
                None,
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{SystemTime, UNIX_EPOCH};

    use super::*;

    /// Figures as a server sends them: the reset in whole seconds since the epoch.
    fn figures(remaining: u64, reset_in: u64) -> RateLimit {
        let reset = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() + reset_in;
        RateLimit { remaining, reset: UNIX_EPOCH + Duration::from_secs(reset) }
    }

    #[test]
    fn the_first_request_goes_alone_and_its_answer_teaches_the_limit() {
        let mut state = State::default();
        let start = Instant::now();
        assert_eq!(state.decide(start), Decision::Go);
        assert_eq!(state.decide(start), Decision::WaitForAnswer);
        // The server counts the request itself: 3 per window leaves 2 after the first.
        state.answered(start, Some(StatusCode::OK), Some(figures(2, 60)));
        let Limit::Known { requests, window } = state.limit else { panic!("{:?}", state.limit) };
        assert_eq!(requests, 3);
        assert!(window >= Duration::from_secs(59) && window <= Duration::from_secs(60), "{window:?}");
    }

    #[test]
    fn a_full_window_waits_until_the_oldest_answer_leaves_it() {
        let window = Duration::from_secs(1);
        let mut state = State { limit: Limit::Known { requests: 2, window }, ..State::default() };
        let start = Instant::now();
        assert_eq!(state.decide(start), Decision::Go);
        assert_eq!(state.decide(start), Decision::Go);
        // Both in flight: nothing is known to leave the window yet.
        assert_eq!(state.decide(start), Decision::WaitForAnswer);
        let first_answer = start + Duration::from_millis(30);
        state.answered(first_answer, Some(StatusCode::OK), None);
        assert_eq!(state.decide(first_answer), Decision::WaitUntil(first_answer + window));
        // One window after that answer the slot is free again, not a moment before.
        assert_eq!(
            state.decide(first_answer + window - Duration::from_millis(1)),
            Decision::WaitUntil(first_answer + window)
        );
        assert_eq!(state.decide(first_answer + window), Decision::Go);
    }

    #[test]
    fn a_server_without_figures_is_not_paced() {
        let mut state = State::default();
        let now = Instant::now();
        assert_eq!(state.decide(now), Decision::Go);
        state.answered(now, Some(StatusCode::OK), None);
        for _ in 0..100 {
            assert_eq!(state.decide(now), Decision::Go);
        }
    }

    #[test]
    fn a_429_lowers_the_limit_to_what_the_server_allowed() {
        let window = Duration::from_secs(60);
        let mut state = State { limit: Limit::Known { requests: 10, window }, ..State::default() };
        let now = Instant::now();
        for _ in 0..4 {
            assert_eq!(state.decide(now), Decision::Go);
        }
        state.answered(now, Some(StatusCode::TOO_MANY_REQUESTS), None);
        assert_eq!(state.limit, Limit::Known { requests: 3, window });
    }

    #[test]
    fn a_dropped_request_still_counts_until_one_window_after() {
        let pacer = Pacer::default();
        pacer.state.lock().unwrap().limit = Limit::Known { requests: 1, window: Duration::from_secs(60) };
        let ticket = Ticket { pacer: &pacer, done: false };
        pacer.state.lock().unwrap().in_flight = 1;
        drop(ticket);
        let mut state = pacer.state.lock().unwrap();
        assert_eq!(state.in_flight, 0);
        assert!(matches!(state.decide(Instant::now()), Decision::WaitUntil(_)));
    }
}
