//! Helpers shared by the test files: where the repository is, copying and snapshotting folders,
//! running the generator in-process, and a sample customer as the server would send it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the repository").to_path_buf()
}

/// An API path as `/a/{}/b/`: each parameter written `{}` and a trailing slash, since parameter
/// names differ between Plane's reference pages, its SDK and the spec, and never change which
/// route is called (`tests/coverage.rs`, `tests/reference_examples.rs`).
pub fn normal_path(path: &str) -> String {
    let mut out = String::from("/");
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        out.push_str(if segment.starts_with('{') && segment.ends_with('}') { "{}" } else { segment });
        out.push('/');
    }
    out
}

/// Copies the files of `from` (recursively, skipping `target`) into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            if entry.file_name() != "target" {
                copy_dir(&path, &to.join(entry.file_name()));
            }
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// Every file under `dir` with its contents and modification time, to prove nothing changed.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
                files.insert(path.clone(), (std::fs::read(&path).unwrap(), modified));
            }
        }
    }
    files
}

/// What a run of the generator returned.
#[derive(Debug)]
pub struct Run {
    /// The exit status.
    pub status: u8,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs the generator's command line in-process with `args` (without the program name).
pub fn generator(args: &[&str]) -> Run {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let argv = std::iter::once("generator").chain(args.iter().copied()).map(str::to_string);
    let status = generator::cli::run(argv, &mut stdout, &mut stderr);
    Run { status, stdout: String::from_utf8(stdout).unwrap(), stderr: String::from_utf8(stderr).unwrap() }
}

/// A temporary copy of the repository's `spec/` and `generated/`, to run the generator on.
pub struct Sandbox {
    /// Holds the folder until the sandbox is dropped.
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    /// Copies `spec/` and `generated/` into a new temporary folder.
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&root().join("spec"), &dir.path().join("spec"));
        copy_dir(&root().join("generated"), &dir.path().join("generated"));
        Sandbox { dir }
    }

    /// The spec folder.
    pub fn spec(&self) -> PathBuf {
        self.dir.path().join("spec")
    }

    /// The generated crate's folder.
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("generated")
    }

    /// Runs the generator on this sandbox, with `extra` flags.
    pub fn run(&self, extra: &[&str]) -> Run {
        let spec = self.spec();
        let out = self.out();
        let mut args = vec!["--spec", spec.to_str().unwrap(), "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        generator(&args)
    }
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}

/// The id every resource of the tests against a local server has.
pub const ID: &str = "550e8400-e29b-41d4-a716-446655440000";

/// [`ID`] as whichever id type the call takes (`CustomerId`, `WidgetId`, `Uuid`, …).
pub fn id<T: std::str::FromStr<Err: std::fmt::Debug>>() -> T {
    ID.parse().unwrap()
}

/// A customer as Plane's server sends it, with a field this client does not know and without
/// several optional ones.
pub fn customer_json(id: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "name": "Acme",
        "email": null,
        "employees": 250,
        "description": {"type": "doc", "content": []},
        "logo_props": {"in_use": "emoji", "emoji": {"value": "128512"}},
        "archived_at": null,
        "customer_request_count": 3,
        "created_at": "2024-01-01T00:00:00Z",
        "updated_at": "2024-02-03T04:05:06.789123+00:00",
        "a_field_added_next_year": {"nested": true}
    })
}

/// A `cargo` command for use inside a test. Cargo gives test processes variables such as
/// `CARGO_PKG_NAME`; some build scripts (ring's) ask to be rerun when those change, so a nested
/// cargo that inherited them would rebuild half the dependency tree. They are removed.
pub fn cargo() -> std::process::Command {
    let mut command = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    const SET_FOR_TESTS: &[&str] = &[
        "CARGO_PKG_",
        "CARGO_MANIFEST_",
        "CARGO_CRATE_",
        "CARGO_BIN_",
        "CARGO_PRIMARY_PACKAGE",
        "CARGO_TARGET_TMPDIR",
    ];
    for (name, _) in std::env::vars_os() {
        if SET_FOR_TESTS.iter().any(|prefix| name.to_string_lossy().starts_with(prefix)) {
            command.env_remove(name);
        }
    }
    command.current_dir(root());
    command
}
