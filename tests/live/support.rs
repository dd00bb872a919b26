//! What every live test needs: a client for the server named by the environment, and a project
//! of the test's own that is deleted afterwards, whatever happens.

use std::future::Future;
use std::io::Write;
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

use plane_client::{Client, CreateProjectBody, Error, ErrorKind, Method, Project, Uuid, Value};

/// The three variables that name a Plane server and a workspace on it.
const VARS: [&str; 3] = ["PLANE_BASE_URL", "PLANE_API_KEY", "PLANE_WORKSPACE"];

/// A client for the server, and the workspace the tests work in.
#[derive(Clone)]
pub struct Live {
    /// Decodes strictly: a response key that the spec does not declare fails the call.
    pub client: Client,
    /// The workspace's slug.
    pub workspace: String,
}

/// The server named by `PLANE_BASE_URL`, `PLANE_API_KEY` and `PLANE_WORKSPACE`, or `None` (the
/// test then passes, and the run says once why it was skipped). Under `CI=true` the variables
/// must be set: CI starts a server, and a run that tested nothing must not pass.
pub fn live() -> Option<Live> {
    let [base_url, key, workspace] = VARS.map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()));
    let (Some(base_url), Some(key), Some(workspace)) = (base_url, key, workspace) else {
        let missing: Vec<&str> = VARS.into_iter().filter(|v| std::env::var(v).is_err()).collect();
        if std::env::var("CI").is_ok_and(|ci| ci == "true") {
            panic!("CI=true but {} not set: CI must start a Plane server (tests/plane-server)", missing.join(", "));
        }
        static SKIPPED: Once = Once::new();
        SKIPPED.call_once(|| {
            // Straight to the process's stderr: the test harness captures `eprintln!`.
            let _ = writeln!(
                std::io::stderr(),
                "live tests skipped: {} not set (start a server with `eval \"$(tests/plane-server/plane-server up)\"`)",
                missing.join(", ")
            );
        });
        return None;
    };
    let client = Client::builder()
        .base_url(base_url)
        .api_key(key)
        .deny_unknown_fields(true)
        .build()
        .expect("a client for the live server");
    Some(Live { client, workspace })
}

/// A project identifier no other test run uses: upper-case letters, as Plane stores them.
pub fn unique_identifier() -> String {
    std::iter::repeat_with(fastrand::uppercase).take(10).collect()
}

/// What a test gets: the server, and a project of its own.
#[derive(Clone)]
pub struct Ctx {
    /// The server and workspace.
    pub live: Live,
    /// The test's project, made for it.
    pub project: Project,
}

impl Ctx {
    /// The client.
    pub fn client(&self) -> &Client {
        &self.live.client
    }

    /// The workspace's slug.
    pub fn ws(&self) -> &str {
        &self.live.workspace
    }
}

/// Runs `test` with a new project, then deletes the project even when the test fails, so a
/// real workspace is left as it was. Does nothing when no server is named.
pub async fn with_project<F, Fut>(test: F)
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(live) = live() else { return };
    let identifier = unique_identifier();
    let body = CreateProjectBody::new(format!("Live test {identifier}"), identifier.clone());
    let project = live.client.create_project(&live.workspace, &body).await.expect("create the test's project");
    let id = project.id;
    // The test runs as a task of its own, so that its panic comes back here as a value.
    let outcome = tokio::spawn(test(Ctx { live: live.clone(), project })).await;
    let deleted = live.client.delete_project(&live.workspace, id).await;
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
    if let Err(e) = deleted {
        // The test may have deleted it itself: deleting again is refused (403, as the caller is no
        // longer a member), and the project is then not found.
        let gone = matches!(live.client.retrieve_project(&live.workspace, id).await, Err(Error::Api(e)) if e.kind() == ErrorKind::NotFound);
        assert!(gone, "could not delete the test's project {identifier}: {e}");
    }
}

/// Asserts that `result` is an API error of `kind`, and returns it.
#[track_caller]
pub fn api_error<T: std::fmt::Debug>(result: Result<T, Error>, kind: ErrorKind) -> Box<plane_client::ApiError> {
    match result {
        Err(Error::Api(e)) if e.kind() == kind => e,
        other => panic!("expected a {kind:?} error, got {other:?}"),
    }
}

/// The workspace-level objects a test made (stickies, invitations), by id, for [`with_cleanup`].
pub struct Made<I>(Arc<Mutex<Vec<I>>>);

impl<I> Clone for Made<I> {
    fn clone(&self) -> Self {
        Made(self.0.clone())
    }
}

impl<I> Made<I> {
    /// Remembers `id` for the cleanup.
    pub fn add(&self, id: I) {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(id);
    }
}

/// Runs `test`, then removes with `delete` every object it recorded in [`Made`], even when it
/// panicked: such objects live outside the test's project, so deleting a project would not take
/// them. Does nothing when no server is named.
pub async fn with_cleanup<I, F, Fut, D, DFut>(what: &str, delete: D, test: F)
where
    I: Copy + std::fmt::Display,
    F: FnOnce(Live, Made<I>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
    D: Fn(Live, I) -> DFut,
    DFut: Future<Output = Result<(), Error>>,
{
    let Some(live) = live() else { return };
    let made = Made(Arc::default());
    let outcome = tokio::spawn(test(live.clone(), made.clone())).await;
    let ids = std::mem::take(&mut *made.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
    let mut left = Vec::new();
    for id in ids {
        match delete(live.clone(), id).await {
            // A test may have deleted it itself.
            Ok(()) => {}
            Err(Error::Api(e)) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => left.push(format!("{id}: {e}")),
        }
    }
    if let Err(failure) = outcome {
        std::panic::resume_unwind(failure.into_panic());
    }
    assert!(left.is_empty(), "{what} left behind: {left:?}");
}

/// A random id, which names nothing on the server, of whichever id type the call takes.
pub fn unknown_id<T: std::str::FromStr<Err: std::fmt::Debug>>() -> T {
    Uuid::from_u128(fastrand::u128(..)).to_string().parse().unwrap()
}

/// Asks `probe` again until it has an answer: for what the server's background worker writes a
/// moment after a change. The worker is idle within a second, but its one queue is long when
/// every live test runs at once (seen: 15 s), so it gets a minute before the test fails.
pub async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(answer) = probe().await {
            return answer;
        }
        assert!(Instant::now() < deadline, "the server's worker did not {what} within a minute");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// `value` with every `null` member of its objects left out, at any depth.
pub fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), without_nulls(v))).collect()
        }
        Value::Array(items) => items.iter().map(without_nulls).collect(),
        other => other.clone(),
    }
}

/// The answer at `template` (its `{…}` filled from `params`) with `expand=` the `keys`, as JSON.
pub async fn raw<K: ToString>(client: &Client, template: &'static str, params: &[(&str, String)], keys: &[K]) -> Value {
    raw_with(client, template, params, &[("expand", joined(keys))]).await
}

/// The answer at `template` (its `{…}` filled from `params`) with the `query`, as JSON.
pub async fn raw_with(
    client: &Client,
    template: &'static str,
    params: &[(&str, String)],
    query: &[(&str, String)],
) -> Value {
    let mut call = client.request::<Value>(Method::GET, template);
    for (name, value) in params {
        call = call.path_param(name, value);
    }
    for (name, value) in query {
        call = call.query(name, value);
    }
    call.await.unwrap()
}

/// Wire names, comma-separated.
pub fn joined<K: ToString>(keys: &[K]) -> String {
    keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}
