//! Imported documents, generated into crates of their own, compile with clippy's warnings denied:
//! Plane's served schema, and a Swagger 2.0 pet store. Slow: each crate is checked on its own,
//! with its dependencies built once into `target/import-check` (a few minutes the first time on
//! two cores, seconds after).

use std::process::Command;

use plane_tests::root;

#[test]
fn plane_s_imported_schema_builds_a_warning_free_crate() {
    let imported = generator::import::import_file(&root().join("tests/specs/plane-openapi-v1.3.1.yaml"));
    assert_eq!(imported.operations, 125);
    builds_a_warning_free_crate(&imported, 125);
}

#[test]
fn an_imported_swagger_2_pet_store_builds_a_warning_free_crate() {
    let imported = generator::import::import_file(&root().join("tests/import/swagger_2_petstore.json"));
    assert_eq!((imported.operations, imported.skipped), (8, 0));
    builds_a_warning_free_crate(&imported, 8);
}

/// Writes `imported`'s spec, generates its crate (which must have `endpoints` operations) and
/// runs clippy on it.
fn builds_a_warning_free_crate(imported: &generator::import::Imported, endpoints: usize) {
    let dir = tempfile::tempdir().unwrap();
    let (spec, krate) = (dir.path().join("spec"), dir.path().join("crate"));
    std::fs::create_dir_all(&spec).unwrap();
    for (name, text) in &imported.files {
        std::fs::write(spec.join(name), text).unwrap();
    }
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let args = ["generator", "--spec", spec.to_str().unwrap(), "--out", krate.to_str().unwrap()].map(String::from);
    let status = generator::cli::run(args, &mut stdout, &mut stderr);
    assert_eq!(status, 0, "{}", String::from_utf8_lossy(&stderr));
    let stdout = String::from_utf8_lossy(&stdout);
    assert!(stdout.contains(&format!(" {endpoints} endpoint(s)")), "{stdout}");
    // The workspace's lock file pins the same versions, so nothing is fetched.
    std::fs::copy(root().join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", root().join("target/import-check"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}
