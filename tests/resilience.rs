//! The client under the conditions of production: rate limits, flaky servers, servers that never
//! answer or hang up, and load, all against real servers on 127.0.0.1. Waits are measured on the
//! server's side, from the arrival times of the requests.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use plane_client::*;
use plane_tests::{ID, customer_json, id};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const KEY: &str = "plane_api_resilience_secret_77";

/// Answers with the scripted responses in turn, then with the last one forever, and records
/// when each request arrived.
#[derive(Clone)]
struct Script {
    queue: Arc<Mutex<VecDeque<ResponseTemplate>>>,
    arrivals: Arc<Mutex<Vec<Instant>>>,
}

impl Script {
    fn new(responses: Vec<ResponseTemplate>) -> Script {
        Script { queue: Arc::new(Mutex::new(responses.into())), arrivals: Arc::default() }
    }

    fn arrivals(&self) -> Vec<Instant> {
        self.arrivals.lock().unwrap().clone()
    }
}

impl Respond for Script {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        self.arrivals.lock().unwrap().push(Instant::now());
        let mut queue = self.queue.lock().unwrap();
        if queue.len() > 1 { queue.pop_front().unwrap() } else { queue.front().unwrap().clone() }
    }
}

async fn scripted(responses: Vec<ResponseTemplate>) -> (MockServer, Script) {
    let server = MockServer::start().await;
    let script = Script::new(responses);
    Mock::given(wiremock::matchers::any()).respond_with(script.clone()).mount(&server).await;
    (server, script)
}

fn client(server: &MockServer, policy: RetryPolicy) -> Client {
    Client::builder().base_url(server.uri()).api_key(KEY).retry(policy).build().unwrap()
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(customer_json(ID))
}

fn status(code: u16) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(json!({"detail": "try later"}))
}

fn fast() -> RetryPolicy {
    RetryPolicy::new().base_delay(Duration::from_millis(10)).max_delay(Duration::from_millis(50))
}

#[tokio::test]
async fn a_429_is_retried_after_retry_after() {
    let (server, script) = scripted(vec![status(429).insert_header("retry-after", "1"), ok()]).await;
    let customer =
        client(&server, RetryPolicy::new()).update_customer("ws", id(), &UpdateCustomerBody::new()).await.unwrap();
    assert_eq!(customer.name, "Acme");
    let arrivals = script.arrivals();
    assert_eq!(arrivals.len(), 2, "one retry");
    let waited = arrivals[1] - arrivals[0];
    assert!(waited >= Duration::from_secs(1) && waited < Duration::from_millis(2500), "waited {waited:?}");
}

#[tokio::test]
async fn a_429_forever_gives_up_after_the_configured_attempts() {
    let (server, script) = scripted(vec![status(429).insert_header("retry-after", "0")]).await;
    let error = client(&server, fast().max_retries(2))
        .update_customer("ws", id(), &UpdateCustomerBody::new())
        .await
        .unwrap_err();
    let api = error.api().expect("the last response");
    assert_eq!((api.status.as_u16(), api.attempts), (429, 3));
    assert_eq!((error.kind(), error.retry_after()), (ErrorKind::RateLimited, Some(Duration::ZERO)));
    assert_eq!(script.arrivals().len(), 3);
    assert!(error.to_string().ends_with("(after 3 attempts)"), "{error}");
}

#[tokio::test]
async fn a_retry_never_waits_past_the_deadline() {
    let (server, script) = scripted(vec![status(429).insert_header("retry-after", "120")]).await;
    let started = Instant::now();
    let policy = RetryPolicy::new().deadline(Duration::from_secs(1));
    let error = client(&server, policy).update_customer("ws", id(), &UpdateCustomerBody::new()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1), "it waited");
    assert_eq!(error.api().unwrap().retry_after, Some(Duration::from_secs(120)));
    assert_eq!(script.arrivals().len(), 1);
}

#[tokio::test]
async fn a_503_is_retried_for_get_and_patch() {
    let (server, script) = scripted(vec![status(503), ok()]).await;
    let client = client(&server, fast());
    client.retrieve_customer("ws", id()).await.unwrap();
    assert_eq!(script.arrivals().len(), 2);

    let (server, script) = scripted(vec![status(503), status(502), ok()]).await;
    let client = self::client(&server, fast());
    client.update_customer("ws", id(), &UpdateCustomerBody::new().employees(3)).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(script.arrivals().len(), 3);
    assert!(requests.iter().all(|r| r.body == br#"{"employees":3}"#), "every attempt sends the same body");
}

#[tokio::test]
async fn a_503_on_post_is_not_retried() {
    let (server, script) =
        scripted(vec![status(503), ResponseTemplate::new(201).set_body_json(customer_json(ID))]).await;
    let error = client(&server, fast()).create_customer("ws", &CreateCustomerBody::new("Acme")).await.unwrap_err();
    assert_eq!(error.status().unwrap().as_u16(), 503);
    assert_eq!(script.arrivals().len(), 1, "the server saw one request");
}

#[tokio::test]
async fn a_connection_refused_is_retried_then_reported() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder().base_url(uri).api_key(KEY).retry(fast().max_retries(2)).build().unwrap();
    let error = client.create_customer("ws", &CreateCustomerBody::new("Acme")).await.unwrap_err();
    assert!(matches!(error, Error::Transport { attempts: 3, .. }), "{error:?}");
    assert_eq!(error.kind(), ErrorKind::Connection);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    // Accept connections and keep them open without a word.
    let silent = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .api_key(KEY)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client.retrieve_customer("ws", id()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert!(matches!(&error, Error::Transport { source, .. } if source.is_timeout()), "{error:?}");
    assert!(error.to_string().contains("timed out"), "{error}");
    assert_eq!(error.kind(), ErrorKind::Timeout);
    silent.abort();
}

#[tokio::test]
async fn a_connection_dropped_mid_response_is_an_error_not_a_hang() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let rude = tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buffer = [0u8; 4096];
            let _ = socket.read(&mut buffer).await;
            let _ = socket
                .write_all(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"id\": \"",
                )
                .await;
            // The socket is dropped here, 490 bytes short.
        }
    });
    let client = Client::builder().base_url(format!("http://{address}")).api_key(KEY).retry(fast()).build().unwrap();
    let result = tokio::time::timeout(Duration::from_secs(10), client.retrieve_customer("ws", id())).await;
    let error = result.expect("no hang").unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    rude.abort();
}

#[tokio::test]
async fn rate_limit_figures_are_readable_after_a_call() {
    let reset = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() + 30;
    let response =
        ok().insert_header("x-ratelimit-remaining", "7").insert_header("x-ratelimit-reset", reset.to_string().as_str());
    let (server, _) = scripted(vec![response]).await;
    let client = client(&server, RetryPolicy::new());
    assert_eq!(client.rate_limit(), None);
    client.retrieve_customer("ws", id()).await.unwrap();
    let limit = client.rate_limit().expect("figures");
    assert_eq!(limit.remaining, 7);
    assert_eq!(limit.reset, UNIX_EPOCH + Duration::from_secs(reset));
    assert!(limit.reset_in() <= Duration::from_secs(30));
}

#[tokio::test]
async fn default_headers_are_sent_but_cannot_replace_the_key() {
    let (server, _) = scripted(vec![ok()]).await;
    let mut headers = reqwest_headers();
    headers.insert("x-api-key", "not-the-key".parse().unwrap());
    let client = Client::builder().base_url(server.uri()).api_key(KEY).default_headers(headers).build().unwrap();
    client.retrieve_customer("ws", id()).await.unwrap();
    let request = server.received_requests().await.unwrap().pop().unwrap();
    assert_eq!(request.headers.get("x-request-source").unwrap(), "resilience-tests");
    let keys: Vec<_> = request.headers.get_all("x-api-key").iter().collect();
    assert_eq!(keys, [KEY]);
}

fn reqwest_headers() -> plane_client::HeaderMap {
    let mut headers = plane_client::HeaderMap::new();
    headers.insert("x-request-source", "resilience-tests".parse().unwrap());
    headers
}

/// Answers 429 to about a tenth of the requests (never twice running for the same customer) and
/// counts, per customer, how many requests arrived and how many succeeded.
struct Crowd {
    rng: Mutex<fastrand::Rng>,
    seen: Mutex<HashMap<String, (u32, u32, bool)>>,
}

impl Respond for Crowd {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let id = request.url.path().trim_end_matches('/').rsplit('/').next().unwrap().to_string();
        let throttle = self.rng.lock().unwrap().f64() < 0.1;
        let mut seen = self.seen.lock().unwrap();
        let (requests, successes, last_throttled) = seen.entry(id.clone()).or_default();
        *requests += 1;
        if throttle && !*last_throttled {
            *last_throttled = true;
            return status(429).insert_header("retry-after", "0");
        }
        *last_throttled = false;
        *successes += 1;
        ResponseTemplate::new(200).set_body_json(customer_json(&id))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_requests_from_64_tasks_through_one_client() {
    const TOTAL: u128 = 2_000;
    const TASKS: u128 = 64;
    let server = MockServer::start().await;
    let crowd = Arc::new(Crowd { rng: Mutex::new(fastrand::Rng::with_seed(7)), seen: Mutex::default() });
    Mock::given(wiremock::matchers::any()).respond_with(CrowdRef(crowd.clone())).mount(&server).await;
    let client = client(&server, fast());

    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            let client = client.clone();
            tokio::spawn(async move {
                let mut failures = 0;
                for n in (task..TOTAL).step_by(TASKS as usize) {
                    let body = UpdateCustomerBody::new().employees(n as i64);
                    if client.update_customer("ws", CustomerId::from_uuid(Uuid::from_u128(n + 1)), &body).await.is_err()
                    {
                        failures += 1;
                    }
                }
                failures
            })
        })
        .collect();
    let mut failures = 0;
    for task in tasks {
        failures += task.await.unwrap();
    }

    assert_eq!(failures, 0, "every request ends in success");
    let seen = crowd.seen.lock().unwrap();
    assert_eq!(seen.len() as u128, TOTAL, "no request lost");
    assert!(seen.values().all(|(_, successes, _)| *successes == 1), "none duplicated: one success per customer");
    assert!(seen.values().all(|(requests, ..)| *requests <= 4), "within the retry policy (4 attempts)");
    let throttled: u32 = seen.values().map(|(requests, ..)| requests - 1).sum();
    assert!((100..=300).contains(&throttled), "about a tenth were answered 429: {throttled}");
}

struct CrowdRef(Arc<Crowd>);

impl Respond for CrowdRef {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.0.respond(request)
    }
}

/// Collects what a tracing subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn traces_say_what_happened_and_never_the_key() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let (server, _) = scripted(vec![status(503), ok()]).await;
    let client = client(&server, fast());
    client.update_customer("ws", id(), &UpdateCustomerBody::new().name("Secret Name Inc")).await.unwrap();
    let bearer = Client::builder().base_url(server.uri()).bearer_token("bearer-secret-99").build().unwrap();
    bearer.retrieve_customer("ws", id()).await.unwrap();

    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("retrying"), "{text}");
    assert!(text.contains("path=\"/api/v1/workspaces/{workspace_slug}/customers/{customer_id}/\""), "{text}");
    assert!(text.contains("status=503") && text.contains("status=200") && text.contains("attempt=2"), "{text}");
    for secret in [KEY, "bearer-secret-99", "Secret Name Inc"] {
        assert!(!text.contains(secret), "{secret} leaked into the trace:\n{text}");
    }
    assert!(!format!("{client:?}{bearer:?}").contains(KEY));
}

#[tokio::test]
async fn absurd_rate_limit_headers_cannot_crash_the_client() {
    let huge = u64::MAX.to_string();
    let response =
        status(429).insert_header("retry-after", huge.as_str()).insert_header("x-ratelimit-reset", huge.as_str());
    let (server, script) = scripted(vec![response.insert_header("x-ratelimit-remaining", "0")]).await;
    let client = client(&server, RetryPolicy::new().deadline(Duration::MAX));
    let error = client.retrieve_customer("ws", id()).await.unwrap_err();
    assert_eq!(error.status().unwrap().as_u16(), 429, "gives up instead of waiting forever");
    assert_eq!(script.arrivals().len(), 1);
    assert_eq!(client.rate_limit(), None, "a reset time past the end of time is ignored");
}

/// A sliding-window limiter like Plane's: `LIMIT` requests per second per key, the figures on
/// every allowed answer (remaining after this request; reset one window from now), 429 beyond.
struct Limiter {
    arrivals: Mutex<VecDeque<Instant>>,
    limited: Mutex<u32>,
}

const LIMIT: usize = 5;

impl Respond for Limiter {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let now = Instant::now();
        let mut arrivals = self.arrivals.lock().unwrap();
        while arrivals.front().is_some_and(|&at| now.duration_since(at) >= Duration::from_secs(1)) {
            arrivals.pop_front();
        }
        if arrivals.len() >= LIMIT {
            *self.limited.lock().unwrap() += 1;
            return status(429).insert_header("retry-after", "1");
        }
        arrivals.push_back(now);
        let reset = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() + 1;
        ok().insert_header("x-ratelimit-remaining", (LIMIT - arrivals.len()).to_string().as_str())
            .insert_header("x-ratelimit-reset", reset.to_string().as_str())
    }
}

struct LimiterRef(Arc<Limiter>);

impl Respond for LimiterRef {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.0.respond(request)
    }
}

/// 15 calls from 16 tasks, not retried, through a client with or without pacing: how many were
/// answered 429, and how long they took.
async fn through_the_limiter(pace: bool) -> (u32, Duration) {
    let server = MockServer::start().await;
    let limiter = Arc::new(Limiter { arrivals: Mutex::default(), limited: Mutex::new(0) });
    Mock::given(wiremock::matchers::any()).respond_with(LimiterRef(limiter.clone())).mount(&server).await;
    let client =
        Client::builder().base_url(server.uri()).api_key(KEY).retry(RetryPolicy::none()).pace(pace).build().unwrap();
    let started = Instant::now();
    let tasks: Vec<_> = (0..16u128)
        .map(|n| {
            let client = client.clone();
            tokio::spawn(async move {
                if n < 15 {
                    let _ = client.retrieve_customer("ws", CustomerId::from_uuid(Uuid::from_u128(n + 1))).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let limited = *limiter.limited.lock().unwrap();
    (limited, started.elapsed())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paced_client_stays_under_a_sliding_window_limit() {
    let (limited, _) = through_the_limiter(false).await;
    assert_eq!(limited, 10, "unpaced, all but the first 5 of 15 calls meet the limit");

    let (limited, took) = through_the_limiter(true).await;
    assert_eq!(limited, 0, "paced, no call meets the limit");
    // Three windows' worth: the second and third batches each wait for a window to pass.
    assert!(took >= Duration::from_secs(2), "the paced calls waited for the window: {took:?}");
}
