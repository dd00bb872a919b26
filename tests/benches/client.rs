//! The client's own overhead: requests per second of `update_customer` through the generated
//! client, and of the same request made by hand with `reqwest` + `serde_json`, in the same run
//! against the same minimal local HTTP server. `cargo bench -p plane-tests --bench client`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use plane_client::{Client, Customer, CustomerId, UpdateCustomerBody};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const REQUESTS: usize = 20_000;
const TASKS: usize = 8;
const ID: &str = "550e8400-e29b-41d4-a716-446655440000";

/// A keep-alive HTTP/1.1 server that answers every request with the same customer, doing as
/// little work as it can so that the clients' costs show.
async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let body = plane_tests::customer_json(ID).to_string();
    let response: Arc<[u8]> =
        format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}", body.len())
            .into_bytes()
            .into();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let response = response.clone();
            tokio::spawn(async move {
                let mut buffer = Vec::with_capacity(4096);
                let mut chunk = [0u8; 4096];
                loop {
                    // Read one request: headers, then the body its content-length announces.
                    let Some(end) = find(&buffer, b"\r\n\r\n") else {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                        continue;
                    };
                    let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                    let length = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    while buffer.len() < end + 4 + length {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                    }
                    buffer.drain(..end + 4 + length);
                    if socket.write_all(&response).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{address}")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Runs `REQUESTS` calls of `call` from `TASKS` tasks; returns requests per second.
async fn rate<F, Fut>(call: F) -> f64
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let started = Instant::now();
    let tasks: Vec<_> = (0..TASKS)
        .map(|t| {
            let call = call.clone();
            tokio::spawn(async move {
                for i in (t..REQUESTS).step_by(TASKS) {
                    call(i).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    REQUESTS as f64 / started.elapsed().as_secs_f64()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let base = serve().await;
    let id: CustomerId = ID.parse().unwrap();
    let client = Client::builder().base_url(&base).api_key("plane_api_bench").build().unwrap();
    let http = reqwest::Client::builder().timeout(Duration::from_secs(60)).build().unwrap();
    let url = format!("{base}/api/v1/workspaces/my-team/customers/{ID}/");

    let generated = |client: Client| {
        move |i: usize| {
            let client = client.clone();
            async move {
                let body = UpdateCustomerBody::new().employees(i as i64).clear_email();
                let customer = client.update_customer("my-team", id, &body).await.unwrap();
                assert_eq!(customer.id, id);
            }
        }
    };
    let by_hand = |http: reqwest::Client, url: String| {
        move |i: usize| {
            let (http, url) = (http.clone(), url.clone());
            async move {
                let body = serde_json::to_vec(&serde_json::json!({"employees": i, "email": null})).unwrap();
                let response = http
                    .patch(&url)
                    .header("x-api-key", "plane_api_bench")
                    .header("accept", "application/json")
                    .header("user-agent", "plane-client/0.1.0")
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert!(response.status().is_success());
                let customer: Customer = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
                assert_eq!(customer.id, id);
            }
        }
    };

    // Warm both up, then alternate three rounds each so that drift hits both alike.
    rate(generated(client.clone())).await;
    rate(by_hand(http.clone(), url.clone())).await;
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        ours.push(rate(generated(client.clone())).await);
        theirs.push(rate(by_hand(http.clone(), url.clone())).await);
    }
    ours.sort_by(f64::total_cmp);
    theirs.sort_by(f64::total_cmp);
    let (ours, theirs) = (ours[1], theirs[1]);
    println!("update_customer, {REQUESTS} requests from {TASKS} tasks, median of 3 rounds\n");
    println!("| client | requests/s |\n|---|---:|");
    println!("| plane-client | {ours:.0} |\n| reqwest + serde_json by hand | {theirs:.0} |");
    println!("\nplane-client reaches {:.1}% of the hand-written throughput", 100.0 * ours / theirs);
}
