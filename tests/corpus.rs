//! The corpus of broken specs under `tests/broken/`: every one is refused, and what the generator
//! says about it is kept as a snapshot (`tests/snapshots/`), so any change to a message is
//! reviewed. To accept changed messages: `cargo insta review` (or `INSTA_UPDATE=always cargo test`).

use std::path::Path;

use generator::diagnostic::Diagnostic;

/// What the command line would print for these diagnostics.
fn rendered(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(Diagnostic::render).collect::<Vec<_>>().join("\n\n")
}

/// Runs one case; `shown` replaces its folder in the output, so snapshots do not depend on
/// where the folder is.
fn refuse(dir: &Path, shown: &str) -> String {
    let generated = generator::generate(dir);
    assert!(generated.output.is_none(), "{} was accepted", dir.display());
    let errors: Vec<&Diagnostic> = generated.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(!errors.is_empty(), "{}: no error", dir.display());
    for error in &errors {
        assert!(error.location.is_some(), "{}: an error without a location: {error}", dir.display());
    }
    rendered(&generated.diagnostics).replace(&dir.display().to_string(), shown)
}

#[test]
fn every_broken_spec_is_refused_with_a_located_message() {
    // Integration tests run from the package's folder, `tests/`.
    let mut cases: Vec<_> = std::fs::read_dir("broken").unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 40, "the corpus has {} cases", cases.len());
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let output = refuse(&case, &format!("spec/{name}"));
        insta::assert_snapshot!(name, output);
    }
}

#[test]
fn a_missing_spec_directory() {
    let generated = generator::generate(Path::new("broken/there-is-no-such-folder"));
    assert!(generated.output.is_none());
    let message = generated.diagnostics[0].render();
    assert!(message.starts_with("error: cannot read the spec directory `broken/there-is-no-such-folder`"), "{message}");
    assert!(message.contains("help: run from the repository root, or pass `--spec DIR`"), "{message}");
}

#[test]
fn a_huge_file_is_refused_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::fs::File::create(dir.path().join("huge.yaml")).unwrap();
    file.set_len(generator::spec::MAX_FILE_BYTES + 1).unwrap();
    let output = refuse(dir.path(), "spec");
    insta::assert_snapshot!("huge_file", output);
}
