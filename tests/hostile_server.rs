//! The client against a server that misbehaves on purpose, on 127.0.0.1: path parameters made
//! of any characters, answers of a gigabyte, cursors that cycle, and a password in the base URL.
//! Each case is a promise of the README's "What the client guarantees" held against a hostile
//! peer, not a well-behaved mock.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use futures_util::StreamExt;
use percent_encoding::percent_decode_str;
use plane_client::{Client, Error, ErrorKind, ListLabelsQuery, ProjectId, RetryPolicy};
use proptest::prelude::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const KEY: &str = "plane_api_0123456789abcdef";
const PROJECT: &str = "550e8400-e29b-41d4-a716-446655440000";
const LABEL: &str = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
const MIB: u64 = 1024 * 1024;
const GIB: u64 = 1024 * MIB;

/// How the server answers one request.
enum Answer {
    /// A status line and a JSON body.
    Json(u16, String),
    /// A status line and `length` bytes of body, written 64 KiB at a time for as long as the
    /// client reads, with a `Content-Length` header or, if `declared` is false, chunked.
    Huge { status: u16, length: u64, declared: bool },
    /// A status line and a body that never ends, one byte every 50 ms.
    Drip,
}

/// What the server saw and did.
#[derive(Default)]
struct Seen {
    /// The request targets (path and query), in order, exactly as sent.
    targets: Mutex<Vec<String>>,
    /// The `Authorization` header of the latest request.
    authorization: Mutex<Option<String>>,
    /// Body bytes written to clients, in all.
    written: AtomicU64,
}

/// A server on 127.0.0.1 that answers every request with `answer(target)`. Returns its base URL
/// and what it saw.
async fn serve(answer: impl Fn(&str) -> Answer + Send + Sync + 'static) -> (String, Arc<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Seen::default());
    let (answer, shared) = (Arc::new(answer), seen.clone());
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (answer, seen) = (answer.clone(), shared.clone());
            tokio::spawn(async move { connection(socket, &*answer, &seen).await });
        }
    });
    (base, seen)
}

/// Serves the requests of one connection until the client closes it or a write fails.
async fn connection(mut socket: TcpStream, answer: &(dyn Fn(&str) -> Answer + Send + Sync), seen: &Seen) {
    while let Some(head) = request_head(&mut socket).await {
        let target = head.split(' ').nth(1).unwrap_or_default().to_string();
        let authorization = head
            .lines()
            .find_map(|line| line.strip_prefix("authorization: ").or_else(|| line.strip_prefix("Authorization: ")));
        *seen.authorization.lock().unwrap() = authorization.map(str::to_string);
        seen.targets.lock().unwrap().push(target.clone());
        if write_answer(&mut socket, answer(&target), seen).await.is_err() {
            return;
        }
    }
}

/// The request line and headers of the next request (the client's requests here have no body).
async fn request_head(socket: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if socket.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    Some(String::from_utf8_lossy(&head).into_owned())
}

async fn write_answer(socket: &mut TcpStream, answer: Answer, seen: &Seen) -> std::io::Result<()> {
    match answer {
        Answer::Json(status, body) => {
            let head = format!(
                "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len()
            );
            socket.write_all(head.as_bytes()).await?;
            socket.write_all(body.as_bytes()).await
        }
        Answer::Huge { status, length, declared } => {
            let framing =
                if declared { format!("content-length: {length}") } else { "transfer-encoding: chunked".into() };
            let head = format!("HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n{framing}\r\n\r\n");
            socket.write_all(head.as_bytes()).await?;
            let chunk = vec![b' '; 64 * 1024];
            let mut left = length;
            while left > 0 {
                let n = left.min(chunk.len() as u64) as usize;
                if !declared {
                    socket.write_all(format!("{n:x}\r\n").as_bytes()).await?;
                }
                socket.write_all(&chunk[..n]).await?;
                if !declared {
                    socket.write_all(b"\r\n").await?;
                }
                seen.written.fetch_add(n as u64, Ordering::Relaxed);
                left -= n as u64;
            }
            if !declared {
                socket.write_all(b"0\r\n\r\n").await?;
            }
            Ok(())
        }
        Answer::Drip => {
            socket
                .write_all(b"HTTP/1.1 200 X\r\ncontent-type: application/json\r\ncontent-length: 1000000\r\n\r\n")
                .await?;
            loop {
                socket.write_all(b" ").await?;
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
        }
    }
}

fn client(base: &str) -> Client {
    Client::builder().base_url(base).api_key(KEY).retry(RetryPolicy::none()).build().unwrap()
}

fn not_found() -> Answer {
    Answer::Json(404, r#"{"error": "not found"}"#.into())
}

// ---- Path parameters ----------------------------------------------------------------------------

/// Strings rich in what has broken URL builders: every control character, dots, separators,
/// escapes and non-ASCII text, besides any string at all.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            (0u8..0x20).prop_map(|b| (b as char).to_string()),
            Just("\u{7f}".to_string()),
            Just(".".to_string()),
            Just("..".to_string()),
            Just("/".to_string()),
            Just("\\".to_string()),
            Just("%2e".to_string()),
            Just("%".to_string()),
            Just("?".to_string()),
            Just("#".to_string()),
            Just(";".to_string()),
            Just(" ".to_string()),
            Just("é".to_string()),
            Just("\u{200b}".to_string()),
            "[a-z0-9-]{1,3}",
        ],
        0..6,
    )
    .prop_map(|pieces| pieces.concat());
    prop_oneof![pieces, any::<String>()]
}

/// The workspace segment of `target`, decoded, if the rest of the path is the template's.
fn workspace_segment(target: &str) -> Option<Vec<u8>> {
    let rest = target.strip_prefix("/api/v1/workspaces/")?;
    let (segment, rest) = rest.split_once('/')?;
    (rest == format!("projects/{PROJECT}/labels/{LABEL}/")).then(|| percent_decode_str(segment).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Whatever a path parameter holds, the server receives it whole, as exactly one segment,
    /// and the rest of the path as the template says; or the client refuses it (`.`, `..`, the
    /// empty string) and sends nothing.
    #[test]
    fn a_path_parameter_fills_exactly_its_own_segment(slug in hostile_text()) {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let (targets, result) = runtime.block_on(async {
            let (base, seen) = serve(|_| not_found()).await;
            let result = client(&base).retrieve_label(&slug, PROJECT.parse().unwrap(), LABEL.parse().unwrap()).await;
            let targets = seen.targets.lock().unwrap().clone();
            (targets, result)
        });
        let error = result.unwrap_err();
        if matches!(slug.as_str(), "" | "." | "..") {
            prop_assert!(matches!(error, Error::InvalidArgument { .. }), "{slug:?}: {error:?}");
        prop_assert_eq!(error.kind(), ErrorKind::InvalidRequest);
            prop_assert!(targets.is_empty(), "{slug:?} was sent: {targets:?}");
        } else {
            prop_assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{:?}: {:?}", slug, error);
            prop_assert_eq!(targets.len(), 1);
            let segment = workspace_segment(&targets[0]);
            prop_assert_eq!(segment.as_deref(), Some(slug.as_bytes()), "{:?} arrived as {}", slug, targets[0]);
        }
    }
}

#[tokio::test]
async fn control_characters_are_encoded_not_dropped() {
    let (base, seen) = serve(|_| not_found()).await;
    let client = client(&base);
    for slug in [".\t.", "\n", "a\rb", ".\n", "\t..", "\0"] {
        let _ = client.retrieve_label(slug, PROJECT.parse().unwrap(), LABEL.parse().unwrap()).await;
    }
    let targets = seen.targets.lock().unwrap().clone();
    let segments: Vec<&str> = targets.iter().map(|t| t.split('/').nth(4).unwrap()).collect();
    assert_eq!(segments, [".%09.", "%0A", "a%0Db", ".%0A", "%09..", "%00"]);
}

// ---- Bounded bodies -----------------------------------------------------------------------------

/// The error of fetching a label from a server that answers `answer`, with the default limit
/// unless `limit` is given, and the bytes the server wrote.
async fn fetch_huge(answer: fn() -> Answer, limit: Option<u64>) -> (Error, u64) {
    let (base, seen) = serve(move |_| answer()).await;
    let mut builder = Client::builder().base_url(&base).api_key(KEY).retry(RetryPolicy::none());
    if let Some(limit) = limit {
        builder = builder.max_response_bytes(limit);
    }
    let result = builder.build().unwrap().retrieve_label("ws", PROJECT.parse().unwrap(), LABEL.parse().unwrap()).await;
    (result.unwrap_err(), seen.written.load(Ordering::Relaxed))
}

#[tokio::test]
async fn a_gigabyte_answer_stops_at_the_limit_without_a_content_length() {
    for status in [200, 500] {
        let answer = if status == 200 {
            || Answer::Huge { status: 200, length: GIB, declared: false }
        } else {
            || Answer::Huge { status: 500, length: GIB, declared: false }
        };
        let (error, written) = fetch_huge(answer, None).await;
        let Error::TooLarge { status: got, limit, read, declared, .. } = &error else { panic!("{error:?}") };
        assert_eq!((got.as_u16(), *limit, *declared), (status, 32 * MIB, None), "{error}");
        assert!(*read > 32 * MIB && *read <= 32 * MIB + 64 * 1024, "stopped right after the limit: {read}");
        // What the server got out before the client hung up: the limit plus socket buffers.
        assert!(written < 128 * MIB, "the client kept reading: {written} bytes were written");
        assert!(error.to_string().contains("larger than the limit of 33554432 bytes"), "{error}");
    }
}

#[tokio::test]
async fn a_content_length_over_the_limit_fails_before_reading() {
    let (error, written) = fetch_huge(|| Answer::Huge { status: 200, length: GIB, declared: true }, None).await;
    let Error::TooLarge { read, declared, .. } = &error else { panic!("{error:?}") };
    assert_eq!((*read, *declared), (0, Some(GIB)), "{error}");
    assert!(written < 128 * MIB, "{written}");
    assert!(error.to_string().contains("its Content-Length says 1073741824; nothing was read"), "{error}");
}

#[tokio::test]
async fn the_limit_is_settable_and_a_body_within_it_decodes() {
    let label = serde_json::json!({
        "id": LABEL, "name": "bug", "color": "#ff0000", "description": "", "parent": null, "sort_order": 1.0,
        "project": PROJECT, "workspace": PROJECT, "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-01-01T00:00:00Z", "created_by": null, "updated_by": null, "deleted_at": null,
        "external_id": null, "external_source": null
    })
    .to_string();
    let length = label.len() as u64;
    let (base, _) = serve(move |_| Answer::Json(200, label.clone())).await;
    let fetch = |limit: u64| {
        let client = Client::builder().base_url(&base).api_key(KEY).max_response_bytes(limit).build().unwrap();
        async move { client.retrieve_label("ws", PROJECT.parse().unwrap(), LABEL.parse().unwrap()).await }
    };
    assert_eq!(fetch(length).await.unwrap().name, "bug", "a body of exactly the limit is read");
    let error = fetch(length - 1).await.unwrap_err();
    assert!(matches!(error, Error::TooLarge { read: 0, declared: Some(l), .. } if l == length), "{error:?}");
    assert_eq!(error.kind(), ErrorKind::TooLarge);
}

/// The resident memory of this process: (now, peak), in bytes, from Linux's `/proc`.
fn resident_memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? * 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// The answer of each case of [`memory_stays_within_the_limit`].
fn memory_case(case: &str) -> Answer {
    match case {
        "gigabyte-200" => Answer::Huge { status: 200, length: GIB, declared: false },
        "gigabyte-500" => Answer::Huge { status: 500, length: GIB, declared: false },
        // 8 MiB of JSON, within the limit, that would take thirty times as much parsed as a tree.
        "json-error-500" => Answer::Json(500, format!("[{}1]", "1,".repeat(4 * MIB as usize))),
        _ => panic!("no memory case {case}"),
    }
}

/// The child of [`memory_stays_within_the_limit`]: run alone in a process of its own, so that the
/// peak it reports is this case's. Does nothing unless asked.
#[test]
#[ignore = "run by memory_stays_within_the_limit in a process of its own"]
fn memory_child() {
    let Ok(case) = std::env::var("HOSTILE_MEMORY_CHILD") else { return };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let (base, _) = serve(move |_| memory_case(&case)).await;
        let client = client(&base);
        let (before, _) = resident_memory().unwrap();
        let error = client.retrieve_label("ws", PROJECT.parse().unwrap(), LABEL.parse().unwrap()).await.unwrap_err();
        assert!(matches!(error, Error::TooLarge { .. } | Error::Api(_)), "{error:?}");
        let (_, peak) = resident_memory().unwrap();
        println!("peak growth: {}", peak.saturating_sub(before));
    });
}

/// Peak memory while a server sends a gigabyte, on success and on an error status, stays within
/// a few MiB of the 32 MiB limit (before the limit it passed 2 GB, and 5 GB on an error status);
/// an error body within the limit costs a few times its size, never a parsed tree's thirtyfold.
#[test]
fn memory_stays_within_the_limit() {
    if resident_memory().is_none() {
        eprintln!("no /proc/self/status here: the memory check needs Linux");
        return;
    }
    // The JSON case: the server's copy of the body, the client's, its text and the error's text.
    let cases =
        [("gigabyte-200", 32 * MIB + 8 * MIB), ("gigabyte-500", 32 * MIB + 8 * MIB), ("json-error-500", 48 * MIB)];
    for (case, bound) in cases {
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["memory_child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
            .env("HOSTILE_MEMORY_CHILD", case)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
        // The harness prints the test's name on the same line.
        let growth: u64 = stdout
            .split("peak growth: ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("the child said nothing: {stdout}"))
            .parse()
            .unwrap();
        assert!(growth < bound, "{case}: the peak grew by {} MiB", growth / MIB);
    }
}

#[tokio::test]
async fn a_body_that_trickles_forever_ends_at_the_timeout() {
    let (base, _) = serve(|_| Answer::Drip).await;
    let client = Client::builder()
        .base_url(&base)
        .api_key(KEY)
        .retry(RetryPolicy::none())
        .timeout(std::time::Duration::from_millis(500))
        .build()
        .unwrap();
    let error = client.retrieve_label("ws", PROJECT.parse().unwrap(), LABEL.parse().unwrap()).await.unwrap_err();
    let Error::Transport { source, .. } = &error else { panic!("{error:?}") };
    assert!(source.is_timeout(), "the per-attempt timeout covers the body: {error}");
}

// ---- Finite streams -----------------------------------------------------------------------------

/// A page of no labels that points to `next`.
fn empty_page(next: &str, more: bool) -> Answer {
    Answer::Json(200, serde_json::json!({"results": [], "next_cursor": next, "next_page_results": more}).to_string())
}

#[tokio::test]
async fn a_page_stream_whose_cursors_cycle_ends_with_an_error() {
    let asked = Arc::new(AtomicU64::new(0));
    let counter = asked.clone();
    let (base, seen) = serve(move |target| {
        // A bound of its own, so that a client that loops fails this test instead of hanging it.
        if counter.fetch_add(1, Ordering::Relaxed) > 100 {
            return empty_page("", false);
        }
        match target.split("cursor=").nth(1).map(|c| c.split('&').next().unwrap_or(c)) {
            None => empty_page("20:1:0", true),
            Some("20%3A1%3A0") => empty_page("20:2:0", true),
            _ => empty_page("20:1:0", true),
        }
    })
    .await;
    let client = client(&base);
    let project: ProjectId = PROJECT.parse().unwrap();
    let results: Vec<_> = client.list_labels_stream("ws", project, &ListLabelsQuery::new()).collect().await;
    assert_eq!(results.len(), 1, "no items, then the error");
    let error = results.into_iter().next().unwrap().unwrap_err();
    assert!(matches!(&error, Error::Pagination { pages: 3, cursor, .. } if cursor == "20:1:0"), "{error:?}");
    assert_eq!(error.kind(), ErrorKind::Pagination);
    assert!(error.to_string().contains("the pages never end"), "{error}");
    let cursors: BTreeSet<String> = seen.targets.lock().unwrap().iter().cloned().collect();
    assert_eq!(cursors.len(), 3, "each page was fetched once: {cursors:?}");
}

// ---- Secrets ------------------------------------------------------------------------------------

const USER: &str = "alice-basic-user";
const PASSWORD: &str = "hunter2-basic-password";

#[tokio::test]
async fn a_password_in_the_base_url_never_shows() {
    let (base, seen) = serve(|_| not_found()).await;
    let with_password = base.replace("http://", &format!("http://{USER}:{PASSWORD}@"));
    let shown = |text: String| {
        assert!(!text.contains(PASSWORD) && !text.contains(USER), "a credential shows: {text}");
    };

    let mut headers = plane_client::HeaderMap::new();
    headers.insert("x-trace-token", PASSWORD.parse().unwrap());
    let builder = Client::builder().base_url(&with_password).api_key(KEY).default_headers(headers);
    shown(format!("{builder:?}"));
    let client = builder.build().unwrap();
    shown(format!("{client:?}"));

    // The credential is still sent, as basic auth, and an answer is an answer (not a redirect).
    let error = client.retrieve_label("ws", PROJECT.parse().unwrap(), LABEL.parse().unwrap()).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error:?}");
    assert!(seen.authorization.lock().unwrap().as_deref().is_some_and(|a| a.starts_with("Basic ")));
    shown(format!("{error} {error:?}"));

    // A server that is not there: reqwest's error shows the URL.
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gone = format!("http://{USER}:{PASSWORD}@{}", closed.local_addr().unwrap());
    drop(closed);
    let client = Client::builder().base_url(&gone).api_key(KEY).retry(RetryPolicy::none()).build().unwrap();
    let error = client.retrieve_label("ws", PROJECT.parse().unwrap(), LABEL.parse().unwrap()).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    shown(format!("{error} {error:?} {:?}", std::error::Error::source(&error)));

    // A base URL that is refused.
    for bad in [format!("ftp://{USER}:{PASSWORD}@example.com/"), format!("http://{USER}:{PASSWORD}@exa mple.com/")] {
        let error = Client::builder().base_url(bad).api_key(KEY).build().unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{error:?}");
        assert_eq!(error.kind(), ErrorKind::Config);
        shown(format!("{error} {error:?}"));
    }
}
