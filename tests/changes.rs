//! The API change report: the corpus of spec changes under `tests/changes/`, each with its report
//! kept as a snapshot (`tests/snapshots/changes__*.snap`), and the flags that print it or act on
//! it. Each case is `before.yaml` (the folder's own, or the shared one) and `after.yaml`, both
//! read as `customers.yaml` beside `api.yaml`. To accept changed reports: `cargo insta review`.
//! `tests/semver/cross-check` checks the corpus's classes against cargo-semver-checks.

use std::path::{Path, PathBuf};

use plane_tests::{Run, Sandbox, generator, root, snapshot};

const CORPUS: &str = "changes";

/// A spec folder with `api.yaml` and `file` as `customers.yaml`.
fn spec(dir: &Path, file: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(Path::new(CORPUS).join("api.yaml"), dir.join("api.yaml")).unwrap();
    std::fs::copy(file, dir.join("customers.yaml")).unwrap();
    dir.to_path_buf()
}

/// The before spec of a case.
fn before(case: &Path) -> PathBuf {
    let own = case.join("before.yaml");
    if own.exists() { own } else { Path::new(CORPUS).join("before.yaml") }
}

/// A crate generated from `case`'s before spec (with the `Cargo.toml` the generator writes, at
/// version 0.1.0), and the case's after spec beside it. Returns (temp dir, crate dir, after spec dir).
fn baseline(case: &Path) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("crate");
    let before = spec(&temp.path().join("before"), &before(case));
    let wrote = generator(&["--spec", path(&before), "--out", path(&out)]);
    assert_eq!(wrote.status, 0, "{}: {}", case.display(), wrote.stderr);
    let after = spec(&temp.path().join("after"), &case.join("after.yaml"));
    (temp, out, after)
}

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(CORPUS).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    cases
}

/// `--report-only` for a case, with the temporary folder's name taken out.
fn report(case: &str) -> Run {
    let (temp, out, after) = baseline(&Path::new(CORPUS).join(case));
    let mut run = generator(&["--spec", path(&after), "--out", path(&out), "--report-only"]);
    run.stdout = run.stdout.replace(path(temp.path()), "TEMP");
    run
}

#[test]
fn every_case_reports_as_its_snapshot_says() {
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let run = report(&name);
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
        // The timing in the "up to date" line differs from run to run.
        let stdout = run.stdout.split(" (").next().unwrap_or_default().to_string();
        let stdout = if stdout.contains("is up to date") { stdout } else { run.stdout };
        insta::assert_snapshot!(name, stdout);
    }
}

#[test]
fn adding_an_optional_body_field_is_additive_and_minor() {
    let run = report("body_field_added_optional");
    assert!(run.stdout.starts_with("additive  UpdateCustomerBody.industry: new optional field"), "{}", run.stdout);
    assert!(run.stdout.contains("\nsemver: minor → 0.1.1"), "{}", run.stdout);
}

#[test]
fn removing_a_response_field_is_breaking_and_major() {
    let run = report("response_field_removed");
    assert!(run.stdout.starts_with("breaking  Customer.website_url: removed"), "{}", run.stdout);
    assert!(run.stdout.contains("\nsemver: major → 0.2.0"), "{}", run.stdout);
}

#[test]
fn a_run_that_writes_prints_the_report_after_its_summary() {
    let (_temp, out, after) = baseline(Path::new("changes/response_field_removed"));
    let run = generator(&["--spec", path(&after), "--out", path(&out)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("wrote "), "{}", run.stdout);
    assert_eq!(lines[1], "breaking  Customer.website_url: removed");
    assert!(lines.last().unwrap().starts_with("semver: major"), "{}", run.stdout);
    // The report compared with what was there; now the baseline is the new crate.
    let again = generator(&["--spec", path(&after), "--out", path(&out), "--report-only"]);
    assert!(again.stdout.contains("is up to date"), "{}", again.stdout);
}

#[test]
fn check_shows_the_report_beside_its_diff() {
    let (_temp, out, after) = baseline(Path::new("changes/enum_value_added"));
    let run = generator(&["--spec", path(&after), "--out", path(&out), "--check"]);
    assert_eq!(run.status, 1);
    let diff = run.stderr.find("+++ ").expect("a diff");
    let stale = run.stderr.find("is stale").expect("the stale line");
    let report = run.stderr.find("additive  Stage::Churned: new value \"churned\"").expect("the report");
    assert!(diff < stale && stale < report, "{}", run.stderr);
    assert!(
        run.stderr.ends_with("semver: minor → 0.1.1 (from 0.1.0; before 1.0, cargo takes additions in a patch bump)\n")
    );
}

#[test]
fn deny_breaking_refuses_a_breaking_change_and_writes_nothing() {
    let (_temp, out, after) = baseline(Path::new("changes/enum_value_removed"));
    let untouched = snapshot(&out);
    let run = generator(&["--spec", path(&after), "--out", path(&out), "--deny-breaking"]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.starts_with("breaking  Stage::Active: value \"active\" removed\n"), "{}", run.stderr);
    assert!(run.stderr.ends_with("denied by --deny-breaking; nothing was written\n"), "{}", run.stderr);
    assert_eq!(snapshot(&out), untouched);
    let report_only = generator(&["--spec", path(&after), "--out", path(&out), "--report-only", "--deny-breaking"]);
    assert_eq!(report_only.status, 1);
    assert!(report_only.stdout.contains("semver: major"), "{}", report_only.stdout);
}

#[test]
fn deny_breaking_lets_an_additive_change_through() {
    let (_temp, out, after) = baseline(Path::new("changes/enum_value_added"));
    let run = generator(&["--spec", path(&after), "--out", path(&out), "--deny-breaking"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("semver: minor"), "{}", run.stdout);
}

#[test]
fn report_only_writes_nothing() {
    let (_temp, out, after) = baseline(Path::new("changes/type_added"));
    let untouched = snapshot(&out);
    let run = generator(&["--spec", path(&after), "--out", path(&out), "--report-only"]);
    assert_eq!(run.status, 0);
    assert_eq!(
        run.stdout,
        "additive  Contact: new type\nsemver: minor → 0.1.1 (from 0.1.0; before 1.0, cargo takes additions in a patch bump)\n"
    );
    assert_eq!(snapshot(&out), untouched);
}

#[test]
fn without_a_baseline_one_line_says_so() {
    let temp = tempfile::tempdir().unwrap();
    let after = spec(&temp.path().join("spec"), &Path::new(CORPUS).join("before.yaml"));
    let out = temp.path().join("crate");
    let run = generator(&["--spec", path(&after), "--out", path(&out)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert_eq!(
        lines[1],
        format!(
            "no API change report: there is no {} yet to compare with (the first run writes it)",
            out.join("openapi.json").display()
        )
    );
}

#[test]
fn a_baseline_that_is_not_ours_is_not_compared() {
    let (_temp, out, after) = baseline(Path::new("changes/type_added"));
    let text = std::fs::read_to_string(out.join("openapi.json")).unwrap();
    // Still carries the mark (so the generator may replace it), but is no longer JSON.
    std::fs::write(out.join("openapi.json"), text.replace("\"paths\"", "paths")).unwrap();
    let run = generator(&["--spec", path(&after), "--out", path(&out), "--report-only"]);
    assert_eq!(run.status, 0);
    assert!(run.stdout.ends_with("is not an OpenAPI document written by this generator\n"), "{}", run.stdout);
}

#[test]
fn the_readme_shows_what_the_generator_prints_for_its_example() {
    let sandbox = Sandbox::new();
    let customers = sandbox.dir.path().join("spec/customers.yaml");
    let mut spec = std::fs::read_to_string(&customers).unwrap();
    let edits = [
        // Update a customer's body: `website_url` is no longer nullable, and `industry` is new.
        (
            "      website_url: { type: string, example: \"https://example.com\", nullable: true, description: The customer's website. }\n      # The docs' example sends a string; the server stores an object.",
            "      website_url: { type: string, example: \"https://example.com\", description: The customer's website. }\n      industry: { type: string, nullable: true, description: The customer's industry. }\n      # The docs' example sends a string; the server stores an object.",
        ),
        // `Customer`: `industry` is new.
        (
            "`null` while active. }\n",
            "`null` while active. }\n      industry: { type: string, nullable: true, description: The customer's industry. }\n",
        ),
    ];
    for (old, new) in edits {
        assert_eq!(spec.matches(old).count(), 1, "{old}");
        spec = spec.replace(old, new);
    }
    std::fs::write(&customers, spec).unwrap();
    let (spec, out) = (sandbox.dir.path().join("spec"), sandbox.dir.path().join("generated"));
    let run = generator(&["--spec", path(&spec), "--out", path(&out), "--report-only"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let block = readme.split("$ cargo run -p generator\n").nth(1).expect("the README's example run");
    let block = block.split("```").next().unwrap_or_default();
    let shown: String = block.lines().skip(1).map(|line| format!("{line}\n")).collect();
    assert_eq!(shown, run.stdout);
}
