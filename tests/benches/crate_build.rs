//! The generated crate's own build cost: `cargo check` of the crate alone (dependencies already
//! built) for synthetic specs of N operations in both layouts, its lines and bytes per operation,
//! and, when `cargo-progenitor` is installed, the same for progenitor's crate of the same API.
//!
//! `cargo bench -p plane-tests --bench crate_build` (N = 100 and 1000), or pass the Ns.
//! The first run also builds the dependencies once, in `target/bench-crate` (and progenitor's in
//! `target/bench-progenitor`, fetching them: progenitor's crate has no lock file here).
//!
//! Checks run with `CARGO_INCREMENTAL=0`: a crate used as a dependency is always compiled that
//! way, and a touched crate re-checked incrementally would reuse most of the previous work.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use generator::synth::Layout;
use plane_tests::root;
use serde_json::Value;

/// `cargo check` of the crate at `manifest`, in the target folder `target`, with its default
/// features or with only `feature`.
fn check(manifest: &Path, target: &str, offline: bool, feature: Option<&str>) -> Command {
    let mut command = plane_tests::cargo();
    command
        .args(["check", "--quiet", "--lib", "--manifest-path"])
        .arg(manifest)
        .env("CARGO_TARGET_DIR", root().join("target").join(target))
        .env("CARGO_INCREMENTAL", "0");
    if offline {
        command.arg("--offline");
    }
    if let Some(feature) = feature {
        command.args(["--no-default-features", "--features", feature]);
    }
    command
}

/// The median of three timed checks, after one untimed check that builds the dependencies.
fn median_check(dir: &Path, target: &str, offline: bool, feature: Option<&str>) -> f64 {
    let manifest = dir.join("Cargo.toml");
    let check = |offline| check(&manifest, target, offline, feature).status().unwrap().success();
    assert!(check(offline), "warm-up check of {dir:?} failed");
    let lib = dir.join("src/lib.rs");
    let mut runs: Vec<Duration> = (0..3)
        .map(|_| {
            // Rewriting the crate's root makes cargo check the crate again, and only the crate.
            std::fs::write(&lib, std::fs::read(&lib).unwrap()).unwrap();
            let started = Instant::now();
            assert!(check(true), "check of {dir:?} failed");
            started.elapsed()
        })
        .collect();
    runs.sort();
    runs[1].as_secs_f64()
}

/// Lines, lines of code (no doc comments, comments or blank lines) and bytes of Rust source.
#[derive(Default)]
struct Size {
    lines: usize,
    code: usize,
    bytes: usize,
}

impl Size {
    fn add(&mut self, text: &str) {
        self.lines += text.lines().count();
        self.code += text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with("//")).count();
        self.bytes += text.len();
    }
}

/// Writes our crate for the synthetic spec; returns the size of the generated code (the runtime
/// the generator copies beside it is the same for every API) and the exported OpenAPI document.
fn our_crate(operations: usize, layout: Layout, dir: &Path) -> (Size, Value) {
    let sources = generator::synth::spec_in(operations, layout)
        .into_iter()
        .map(|(name, text)| (format!("spec/{name}"), text))
        .collect();
    let started = Instant::now();
    let output = generator::generate_sources(sources).output.expect("the synthetic spec generates");
    eprintln!("generated {operations} operations in {:.2} s", started.elapsed().as_secs_f64());
    let mut size = Size::default();
    let mut openapi = None;
    for file in &output.files {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &file.contents).unwrap();
        if file.path.ends_with(".rs") && !generator::runtime::is_runtime_file(&file.path) {
            size.add(&file.contents);
        }
        if file.path == "openapi.json" {
            openapi = Some(serde_json::from_str(&file.contents).unwrap());
        }
    }
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    (size, openapi.expect("the generator writes openapi.json"))
}

/// The first module feature of the crate in `dir` (not `default`).
fn first_feature(dir: &Path) -> String {
    let manifest: toml::Table = toml::from_str(&std::fs::read_to_string(dir.join("Cargo.toml")).unwrap()).unwrap();
    let features = manifest["features"].as_table().expect("the crate declares features");
    features.keys().find(|name| *name != "default").expect("a module feature").clone()
}

/// `cargo-progenitor`, if installed (on `PATH`, or named by `CARGO_PROGENITOR`).
fn progenitor() -> Option<PathBuf> {
    let named = std::env::var_os("CARGO_PROGENITOR").map(PathBuf::from);
    let on_path = std::env::var_os("PATH")
        .and_then(|path| std::env::split_paths(&path).map(|dir| dir.join("cargo-progenitor")).find(|p| p.is_file()));
    named.or(on_path)
}

/// Progenitor's crate for the same API, from our exported document made OpenAPI 3.0 (progenitor
/// reads only 3.0) and without `default` responses (with them, progenitor 0.15 panics:
/// "response_types.len() <= 1").
fn progenitor_crate(tool: &Path, mut openapi: Value, dir: &Path) -> Size {
    to_openapi_30(&mut openapi);
    for operation in
        openapi["paths"].as_object_mut().unwrap().values_mut().flat_map(|p| p.as_object_mut().unwrap().values_mut())
    {
        if let Some(responses) = operation.get_mut("responses").and_then(Value::as_object_mut) {
            responses.remove("default");
        }
    }
    let input = dir.join("openapi30.json");
    std::fs::write(&input, serde_json::to_vec(&openapi).unwrap()).unwrap();
    let out = dir.join("crate");
    let started = Instant::now();
    let status = Command::new(tool)
        .args(["progenitor", "-n", "progenitor-bench", "-v", "0.1.0", "-i"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "cargo-progenitor failed");
    eprintln!("progenitor generated its crate in {:.2} s", started.elapsed().as_secs_f64());
    // Its own workspace, not a member of whatever folder it sits in.
    let manifest = out.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("{text}\n[workspace]\n")).unwrap();
    let mut size = Size::default();
    size.add(&std::fs::read_to_string(out.join("src/lib.rs")).unwrap());
    size
}

/// OpenAPI 3.1's nullable types (`type: [T, "null"]`, a `{type: null}` in `anyOf`/`oneOf`) in
/// 3.0's spelling (`nullable: true`).
fn to_openapi_30(value: &mut Value) {
    match value {
        Value::Object(object) => {
            if object.get("openapi").is_some() {
                object.insert("openapi".into(), "3.0.3".into());
            }
            let mut nullable = false;
            if let Some(Value::Array(types)) = object.get("type") {
                nullable = types.iter().any(|t| t == "null");
                let rest: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
                let single = if rest.len() == 1 { rest[0].clone() } else { Value::Array(rest) };
                object.insert("type".into(), single);
            }
            for key in ["anyOf", "oneOf"] {
                if let Some(Value::Array(variants)) = object.get_mut(key) {
                    let before = variants.len();
                    variants.retain(|v| v.get("type") != Some(&Value::from("null")));
                    nullable |= variants.len() < before;
                }
            }
            if nullable {
                object.insert("nullable".into(), true.into());
            }
            object.values_mut().for_each(to_openapi_30);
        }
        Value::Array(items) => items.iter_mut().for_each(to_openapi_30),
        _ => {}
    }
}

fn row(operations: usize, what: &str, size: &Size, check: f64) {
    let per = |n: usize| n as f64 / operations as f64;
    println!(
        "| {operations} | {what} | {:.1} | {:.1} | {:.0} | {check:.2} |",
        per(size.lines),
        per(size.code),
        per(size.bytes)
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![100, 1_000] } else { sizes };
    let progenitor = progenitor();
    println!("the crate alone (dependencies built), CARGO_INCREMENTAL=0; cargo check in seconds, median of 3");
    if progenitor.is_none() {
        println!("(cargo-progenitor not found: `cargo install cargo-progenitor` to compare)");
    }
    println!("\n| operations | crate | lines/op | code lines/op | bytes/op | cargo check |");
    println!("|---:|---|---:|---:|---:|---:|");
    for n in sizes {
        let mut openapi = None;
        for (layout, name) in [(Layout::FilePerResource, "ours, files of 5"), (Layout::OneFile, "ours, one file")] {
            let dir = tempfile::tempdir().unwrap();
            let (size, document) = our_crate(n, layout, dir.path());
            row(n, name, &size, median_check(dir.path(), "bench-crate", true, None));
            if layout == Layout::FilePerResource {
                // A consumer who needs one resource: its module's feature alone.
                let feature = first_feature(dir.path());
                let check = median_check(dir.path(), "bench-crate", true, Some(&feature));
                println!("| {n} | ours, files of 5, `{feature}` alone | | | | {check:.2} |");
            }
            openapi = Some(document);
        }
        if let (Some(tool), Some(openapi)) = (&progenitor, openapi) {
            let dir = tempfile::tempdir().unwrap();
            let size = progenitor_crate(tool, openapi, dir.path());
            let check = median_check(&dir.path().join("crate"), "bench-progenitor", false, None);
            row(n, "progenitor", &size, check);
        }
    }
}
