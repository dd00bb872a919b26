//! Bulk jobs under the server's real rate limiter: 16 tasks share one client and make N calls.
//! Unpaced, they meet 429s; paced (`ClientBuilder::pace`), they meet none and finish within 5% of
//! the time the limit allows.
//!
//! It needs a server of its own, with Plane's default limit of 60 requests a minute per key
//! rather than the generous one the other live tests run with: `.ci/run` restarts the harness's
//! server with `PLANE_RATE_LIMIT=60/minute` and then runs
//! `PLANE_RATE_LIMIT=60/minute cargo test --test live pacing -- --ignored` (about 2 minutes: the
//! paced run cannot be shorter than one window).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use plane_client::{Client, Error, ErrorKind, RetryPolicy};

use crate::support::live;

const TASKS: usize = 16;

/// The server's limit, from `PLANE_RATE_LIMIT` as the harness was started with: requests per
/// window, and the window.
fn limit() -> (usize, Duration) {
    let rate = std::env::var("PLANE_RATE_LIMIT").expect("PLANE_RATE_LIMIT=N/minute, as the server was started with");
    let (n, unit) = rate.split_once('/').expect("PLANE_RATE_LIMIT looks like 60/minute");
    let window = match unit.chars().next() {
        Some('s') => Duration::from_secs(1),
        Some('m') => Duration::from_secs(60),
        _ => panic!("a limit per second or per minute, not {rate}"),
    };
    (n.parse().expect("a number of requests"), window)
}

/// What a bulk run saw.
struct Bulk {
    /// From the first call to the last answer.
    took: Duration,
    /// Calls answered 429 (the clients do not retry, so each one shows).
    limited: usize,
    /// When each successful call was answered, from the start, in order.
    answered: Vec<Duration>,
}

/// `calls` calls of one cheap operation from `TASKS` tasks sharing `client`.
async fn bulk(client: &Client, calls: usize) -> Bulk {
    let next = Arc::new(AtomicUsize::new(0));
    let limited = Arc::new(AtomicUsize::new(0));
    let answered = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let (client, next, limited, answered) = (client.clone(), next.clone(), limited.clone(), answered.clone());
            tokio::spawn(async move {
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    match client.retrieve_current_user().await {
                        Ok(_) => answered.lock().unwrap().push(started.elapsed()),
                        Err(Error::Api(e)) if e.kind() == ErrorKind::RateLimited => {
                            limited.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(e) => panic!("{e}"),
                    }
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let mut answered = std::mem::take(&mut *answered.lock().unwrap());
    answered.sort();
    Bulk { took: started.elapsed(), limited: limited.load(Ordering::Relaxed), answered }
}

fn client(base: &Client, pace: bool) -> Client {
    Client::builder()
        .base_url(base.base_url().as_str().trim_end_matches('/'))
        .api_key(std::env::var("PLANE_API_KEY").unwrap())
        .retry(RetryPolicy::none())
        .pace(pace)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs a server of its own with a low limit: see the module's docs"]
async fn sixteen_paced_tasks_meet_no_429_and_finish_in_the_time_the_limit_allows() {
    let Some(live) = live() else { return };
    let (limit, window) = limit();
    let calls = 2 * limit;

    // A fresh server has no calls in the key's window: unpaced, the tasks overrun it at once.
    let unpaced = bulk(&client(&live.client, false), calls).await;
    tokio::time::sleep(window + Duration::from_secs(1)).await;
    let paced = bulk(&client(&live.client, true), calls).await;

    // The limit lets `limit` calls in per window: the second batch can start one window after
    // the first, and then takes as long as the server needs for a batch, which is how long the
    // first batch took (`batch`).
    let batch = paced.answered[limit - 1];
    let ideal = window + batch;
    let over = paced.took.as_secs_f64() / ideal.as_secs_f64() - 1.0;
    eprintln!(
        "pacing: {calls} calls from {TASKS} tasks, limit {limit} per {window:?}: unpaced {:.2?} with {} answered 429; \
         paced {:.2?} with {} answered 429; ideal {ideal:.2?} (one window, then a batch: {batch:.2?}); paced is {:+.2}%",
        unpaced.took,
        unpaced.limited,
        paced.took,
        paced.limited,
        over * 100.0
    );
    assert!(unpaced.limited > 0, "unpaced tasks were expected to go over the limit");
    assert_eq!(paced.limited, 0, "a paced client met the rate limit");
    assert_eq!(paced.answered.len(), calls);
    assert!(over <= 0.05, "paced took {:.2?}, more than 5% over the ideal {ideal:.2?}", paced.took);
}
