//! The generated crate's own build cost: `cargo check` and `cargo build` of the crate alone
//! (dependencies already built) for synthetic specs of N operations, and its lines per operation.
//!
//! `cargo bench -p plane-tests --bench crate_build` (N = 100 and 1000), or pass the Ns.
//! The first run also builds the dependencies once, in `target/bench-crate`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use plane_tests::root;

/// `cargo VERB` of the crate at `manifest`, in a target folder of its own.
fn cargo(manifest: &Path, verb: &str) -> Command {
    let mut command = plane_tests::cargo();
    command
        .args([verb, "--offline", "--quiet", "--lib", "--manifest-path"])
        .arg(manifest)
        .env("CARGO_TARGET_DIR", root().join("target/bench-crate"));
    command
}

/// A copy of the crate's hand-written files with the synthetic spec's generated files.
fn crate_for(operations: usize, dir: &Path) -> usize {
    let generated = root().join("generated");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    for file in [
        "Cargo.toml",
        "src/client.rs",
        "src/error.rs",
        "src/page.rs",
        "src/patch.rs",
        "src/retry.rs",
        "src/string_enum.rs",
    ] {
        std::fs::copy(generated.join(file), dir.join(file)).unwrap();
    }
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let sources =
        generator::synth::spec(operations).into_iter().map(|(name, text)| (format!("spec/{name}"), text)).collect();
    let output = generator::generate_sources(sources).output.expect("the synthetic spec generates");
    let mut lines = 0;
    for file in &output.files {
        std::fs::write(dir.join(&file.path), &file.contents).unwrap();
        // The generated code only: the runtime copied beside it is the same for every API.
        if file.path.ends_with(".rs") && !file.contents.starts_with(generator::marker::RUNTIME_LINE) {
            lines += file.contents.lines().count();
        }
    }
    lines
}

fn timed(manifest: &Path, verb: &str, lib: &Path) -> Duration {
    // Touching the crate's root makes cargo rebuild the crate, and only the crate.
    let contents = std::fs::read(lib).unwrap();
    std::fs::write(lib, contents).unwrap();
    let started = Instant::now();
    let status = cargo(manifest, verb).status().unwrap();
    assert!(status.success(), "cargo {verb} failed");
    started.elapsed()
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![100, 1_000] } else { sizes };
    println!("generated crate alone (dependencies built); seconds, median of 3\n");
    println!("| operations | lines of Rust | lines/op | cargo check | cargo build |");
    println!("|---:|---:|---:|---:|---:|");
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        let lines = crate_for(n, dir.path());
        let manifest = dir.path().join("Cargo.toml");
        let lib = dir.path().join("src/lib.rs");
        for verb in ["check", "build"] {
            assert!(cargo(&manifest, verb).status().unwrap().success(), "warm-up {verb} failed");
        }
        let median = |verb: &str| {
            let mut runs: Vec<Duration> = (0..3).map(|_| timed(&manifest, verb, &lib)).collect();
            runs.sort();
            runs[1].as_secs_f64()
        };
        let (check, build) = (median("check"), median("build"));
        println!("| {n} | {lines} | {:.0} | {check:.2} | {build:.2} |", lines as f64 / n as f64);
    }
}
