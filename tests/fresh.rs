//! The committed crate under `generated/` is exactly what `spec/` produces, generation is
//! deterministic, and a spec change is caught by `--check` and yields a crate that compiles.

use plane_tests::{Sandbox, root};

/// Fails when `generated/` is stale. Outside CI it also regenerates, as rust-analyzer's codegen
/// tests do, so the next run passes and the diff is ready to review and commit.
#[test]
fn generated_crate_is_fresh() {
    let generated = generator::generate(&root().join("spec"));
    let output = generated.output.unwrap_or_else(|| {
        let messages: Vec<String> = generated.diagnostics.iter().map(|d| d.render()).collect();
        panic!("the spec has errors:\n{}", messages.join("\n"))
    });
    let plan = generator::write::plan(&root().join("generated"), &output.files).unwrap();
    if plan.is_fresh() {
        return;
    }
    let diff = plan.diff();
    if std::env::var_os("CI").is_none() {
        plan.apply().unwrap();
        panic!("generated/ was stale and has been regenerated; review and commit it:\n{diff}");
    }
    panic!("generated/ is stale: run `cargo run -p generator` and commit the result:\n{diff}");
}

#[test]
fn generation_is_deterministic() {
    let first = generator::generate(&root().join("spec")).output.unwrap();
    let second = generator::generate(&root().join("spec")).output.unwrap();
    assert_eq!(first.files, second.files);
}

#[test]
fn check_passes_on_a_fresh_copy_and_touches_nothing() {
    let sandbox = Sandbox::new();
    let before = plane_tests::snapshot(&sandbox.out());
    let run = sandbox.run(&["--check"]);
    assert_eq!(run.status, 0, "{run:?}");
    let endpoints = generator::generate(&root().join("spec")).output.unwrap().endpoints;
    assert!(run.stdout.contains(&format!("is up to date: {endpoints} endpoint(s)")), "{run:?}");
    assert_eq!(plane_tests::snapshot(&sandbox.out()), before);
}

#[test]
fn regenerating_rewrites_only_changed_files() {
    let sandbox = Sandbox::new();
    let before = plane_tests::snapshot(&sandbox.out());
    let run = sandbox.run(&[]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stdout.contains("0 file(s) changed"), "{run:?}");
    // Same bytes and same modification times: cargo has nothing to rebuild.
    assert_eq!(plane_tests::snapshot(&sandbox.out()), before);
}

/// The maintainer's loop: add a body field, see `--check` fail, regenerate, and the crate has the
/// field and still compiles, warning-free. The same build also compiles `tests/specs/hostile.yaml`
/// (keywords, prelude names, odd JSON names, every kind of parameter and response).
#[test]
fn spec_changes_are_caught_then_generated_and_compile() {
    let sandbox = Sandbox::new();
    let spec_file = sandbox.spec().join("customers.yaml");
    let spec = std::fs::read_to_string(&spec_file).unwrap();
    let anchor = "    body:\n";
    assert!(spec.contains(anchor));
    let spec = spec.replacen(
        anchor,
        "    body:\n      industry: { type: string, nullable: true, description: The customer's industry. }\n",
        1,
    );
    std::fs::write(&spec_file, spec).unwrap();

    let check = sandbox.run(&["--check"]);
    assert_eq!(check.status, 1, "{check:?}");
    assert!(check.stderr.contains("is stale"), "{check:?}");
    assert!(check.stderr.contains("+    pub industry: crate::Patch<String>,"), "{check:?}");

    std::fs::copy(root().join("tests/specs/hostile.yaml"), sandbox.spec().join("hostile.yaml")).unwrap();
    std::fs::write(sandbox.spec().join("wide.yaml"), wide_spec(100)).unwrap();
    let run = sandbox.run(&[]);
    assert_eq!(run.status, 0, "{run:?}");
    let customers = std::fs::read_to_string(sandbox.out().join("src/customers.rs")).unwrap();
    assert!(customers.contains("pub industry: crate::Patch<String>,"), "field missing");
    assert!(customers.contains("pub fn clear_industry(mut self) -> Self {"), "clear method missing");
    let lib = std::fs::read_to_string(sandbox.out().join("src/lib.rs")).unwrap();
    assert!(!lib.contains("recursion_limit"), "a struct of 100 fields needs no raised recursion limit");
    let types = std::fs::read_to_string(sandbox.out().join("src/hostile.rs")).unwrap();
    assert!(types.contains("pub fn r#type("), "keyword operation missing");
    for (wire, field) in [("fooBar", "foo_bar"), ("self", "self_"), ("project__identifier", "project_identifier")] {
        // The JSON keys are in the `json!` table, which prettyplease wraps anywhere.
        let words = types.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words.contains(&format!("{field} = \"{wire}\"")), "{field} does not keep its wire name");
    }

    assert_compiles_without_warnings(&sandbox.out());
}

/// A type and a request body of `fields` fields each: wide structs compile with the compiler's
/// default recursion limit.
fn wide_spec(fields: usize) -> String {
    let field = |i: usize| format!("      f{i}: {{ type: string, nullable: true, description: F{i}. }}\n");
    let fields: String = (0..fields).map(field).collect();
    format!(
        "description: Wide things.\n\ntypes:\n  Wide:\n    description: A wide thing.\n    fields:\n{fields}\n\
         endpoints:\n  update_wide:\n    summary: Update a wide thing\n    description: Updates it.\n    \
         method: PATCH\n    path: /wide/\n    body:\n{fields}    response: {{ status: 200, type: Wide }}\n"
    )
}

/// A spec that uses none of the runtime's optional parts (no enum, no bounded parameter, every
/// operation with a body and a response) still makes a crate without a single warning: the
/// runtime's parts for those are allowed to go unused.
#[test]
fn a_spec_without_enums_or_bounds_compiles_without_warnings() {
    let sandbox = Sandbox::new();
    std::fs::remove_dir_all(sandbox.spec()).unwrap();
    std::fs::create_dir_all(sandbox.spec()).unwrap();
    for (name, text) in generator::synth::spec(5) {
        std::fs::write(sandbox.spec().join(name), text).unwrap();
    }
    let run = sandbox.run(&[]);
    assert_eq!(run.status, 0, "{run:?}");
    let text: String = std::fs::read_dir(sandbox.out().join("src"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|file| !generator::runtime::is_runtime_file(&format!("src/{file}")))
        .map(|file| std::fs::read_to_string(sandbox.out().join("src").join(file)).unwrap())
        .collect();
    assert!(
        !text.contains("string_enum::impls!") && !text.contains("check_range"),
        "the spec was meant to use neither"
    );
    assert_compiles_without_warnings(&sandbox.out());
}

/// Compiles the crate at `dir` on its own with warnings denied, with the workspace's lock file,
/// in a target folder of its own so that it does not wait for the lock this test run holds.
fn assert_compiles_without_warnings(dir: &std::path::Path) {
    std::fs::copy(root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let status = plane_tests::cargo()
        .args(["check", "--offline", "--quiet", "--lib", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root().join("target/regenerated-crate"))
        .env("RUSTFLAGS", "-D warnings")
        .status()
        .unwrap();
    assert!(status.success(), "the crate in {} does not compile without warnings", dir.display());
}

#[test]
fn check_covers_the_openapi_document() {
    let sandbox = Sandbox::new();
    let file = sandbox.out().join("openapi.json");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("\"summary\": \"Update a customer\"", "\"summary\": \"Edited by hand\""))
        .unwrap();
    let run = sandbox.run(&["--check"]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(run.stderr.contains("openapi.json"), "{}", run.stderr);
    assert!(run.stderr.contains("+        \"summary\": \"Update a customer\","), "{}", run.stderr);
}

/// Reorders the entries of a YAML mapping at random.
fn shuffle(mapping: &mut serde_yaml::Mapping, rng: &mut fastrand::Rng) {
    let mut entries: Vec<(serde_yaml::Value, serde_yaml::Value)> = std::mem::take(mapping).into_iter().collect();
    rng.shuffle(&mut entries);
    mapping.extend(entries);
}

/// Output does not depend on the order of the files in `spec/` (they are written in reverse), nor
/// on the order of keys whose order means nothing: the sections of a file, the types, enums and
/// endpoints, and the keys inside an endpoint or a field. (The order of fields, parameters and
/// enum values is kept: it is the order of the docs.)
#[test]
fn output_does_not_depend_on_file_or_key_order() {
    let expected = generator::generate(&root().join("spec")).output.unwrap().files;
    let mut names: Vec<_> = std::fs::read_dir(root().join("spec")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for seed in 1..=5 {
        let mut rng = fastrand::Rng::with_seed(seed);
        let dir = tempfile::tempdir().unwrap();
        for path in names.iter().rev().filter(|p| p.extension().is_some_and(|e| e == "yaml")) {
            let mut doc: serde_yaml::Mapping = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
            for section in ["types", "enums", "endpoints"] {
                if let Some(serde_yaml::Value::Mapping(items)) = doc.get_mut(section) {
                    shuffle(items, &mut rng);
                    for item in items.values_mut().filter_map(serde_yaml::Value::as_mapping_mut) {
                        shuffle(item, &mut rng);
                        for key in ["fields", "body", "params"] {
                            if let Some(serde_yaml::Value::Mapping(fields)) = item.get_mut(key) {
                                fields
                                    .values_mut()
                                    .filter_map(serde_yaml::Value::as_mapping_mut)
                                    .for_each(|f| shuffle(f, &mut rng));
                            }
                        }
                    }
                }
            }
            shuffle(&mut doc, &mut rng);
            std::fs::write(dir.path().join(path.file_name().unwrap()), serde_yaml::to_string(&doc).unwrap()).unwrap();
        }
        let shuffled = generator::generate(dir.path()).output.expect("the shuffled spec generates").files;
        assert_eq!(shuffled, expected, "seed {seed}");
    }
}

#[test]
fn generated_json_the_spec_no_longer_produces_is_removed_and_other_json_kept() {
    let sandbox = Sandbox::new();
    // A copy of the generator's own openapi.json under another name stands for a JSON file that
    // an older spec produced; a JSON file without the mark is someone else's.
    let ours = std::fs::read_to_string(sandbox.out().join("openapi.json")).unwrap();
    std::fs::write(sandbox.out().join("old-api.json"), &ours).unwrap();
    std::fs::write(sandbox.out().join("theirs.json"), "{\n  \"openapi\": \"3.1.0\"\n}\n").unwrap();
    let run = sandbox.run(&[]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stdout.contains("1 removed"), "{run:?}");
    assert!(!sandbox.out().join("old-api.json").exists(), "the stale generated JSON is still there");
    assert!(sandbox.out().join("theirs.json").exists(), "a JSON file without the mark was removed");
}

#[test]
fn an_endpoint_file_removed_from_the_spec_disappears_from_the_crate() {
    let sandbox = Sandbox::new();
    std::fs::remove_file(sandbox.spec().join("customer_work_items.yaml")).unwrap();
    let hand_written = std::fs::read(sandbox.out().join("src/client.rs")).unwrap();
    let run = sandbox.run(&[]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stdout.contains("1 removed"), "{run:?}");
    assert!(!sandbox.out().join("src/customer_work_items.rs").exists(), "the stale module is still there");
    let lib = std::fs::read_to_string(sandbox.out().join("src/lib.rs")).unwrap();
    assert!(!lib.contains("customer_work_items"), "lib.rs still declares the module");
    assert_eq!(
        std::fs::read(sandbox.out().join("src/client.rs")).unwrap(),
        hand_written,
        "a hand-written file changed"
    );
    assert!(sandbox.out().join("examples/flow.rs").exists());
}

#[test]
fn a_type_declared_in_one_file_is_used_from_another() {
    let api = "api: { name: t, title: T, base_url: \"https://x.test\", auth: { bearer: true } }\n";
    let types = "types:\n  Account:\n    description: An account.\n    fields:\n      id: { type: uuid, required: true, description: Id. }\n";
    let endpoints = "endpoints:\n  get_account:\n    summary: Get an account\n    description: Returns it.\n    method: GET\n    \
                     path: /accounts/\n    response: { status: 200, type: list<Account> }\n";
    let sources = vec![
        ("spec/a_api.yaml".to_string(), api.to_string()),
        ("spec/b_accounts.yaml".to_string(), types.to_string()),
        ("spec/c_operations.yaml".to_string(), endpoints.to_string()),
    ];
    let output = generator::generate_sources(sources).output.expect("generates");
    let types = output.files.iter().find(|f| f.path == "src/b_accounts.rs").unwrap();
    let operations = output.files.iter().find(|f| f.path == "src/c_operations.rs").unwrap();
    let declaration = "/// An account.\n#[derive(Debug, Clone, PartialEq)]\n#[non_exhaustive]\npub struct Account {";
    assert_eq!(types.contents.matches(declaration).count(), 1, "written once, where it is declared");
    assert!(!operations.contents.contains("Account {"));
    assert!(operations.contents.contains("crate::Call<'_, Vec<crate::Account>>"), "{}", operations.contents);
}

/// The second API's crate, committed under `tests/acme` (a workspace member, so CI builds and lints
/// it), is what its spec produces: generated into an empty folder, then kept fresh like generated/.
#[test]
fn the_second_api_crate_is_fresh() {
    let output = generator::generate(&root().join("tests/specs/other_api")).output.expect("the second API generates");
    let plan = generator::write::plan(&root().join("tests/acme"), &output.files).unwrap();
    assert!(
        plan.is_fresh(),
        "tests/acme is stale: run `cargo run -p generator -- --spec tests/specs/other_api --out tests/acme`:\n{}",
        plan.diff()
    );
}

/// Into an empty folder the generator writes a whole crate: its Cargo.toml (named after the API)
/// and the runtime, besides the generated modules.
#[test]
fn an_empty_folder_gets_a_complete_crate() {
    let out = tempfile::tempdir().unwrap();
    let spec = root().join("tests/specs/other_api");
    let generate =
        || plane_tests::generator(&["--spec", spec.to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
    let run = generate();
    assert_eq!(run.status, 0, "{run:?}");
    let manifest = std::fs::read_to_string(out.path().join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"acme-client\""), "{manifest}");
    assert!(manifest.contains("description = \"Typed async client for the Acme Inventory API"), "{manifest}");
    // An API without webhooks gets every runtime module but `webhook`.
    let runtime = generator::runtime::modules(false).map(|m| m.name);
    assert!(!out.path().join("src/webhook.rs").exists(), "a crate without webhooks has no webhook.rs");
    for module in runtime.chain(["lib", "spec", "api"]) {
        assert!(out.path().join(format!("src/{module}.rs")).is_file(), "src/{module}.rs is missing");
    }
    assert!(!out.path().join("src/webhook.rs").exists(), "a crate without webhooks has the webhook runtime");
    assert!(manifest.contains("[features]\napi = []\ndefault = [\"api\"]\n"), "{manifest}");
    // A second run keeps the manifest, which is the crate's own from then on, but for the
    // features of its modules: a feature of the owner's stays, a module's is put right.
    let owned = manifest.replace("api = []", "mine = []\napi = [\"mine\"]");
    std::fs::write(out.path().join("Cargo.toml"), format!("# my comment\n{owned}")).unwrap();
    let run = generate();
    assert_eq!(run.status, 0, "{run:?}");
    let again = std::fs::read_to_string(out.path().join("Cargo.toml")).unwrap();
    assert!(again.starts_with("# my comment\n") && again.contains("mine = []"), "{again}");
    assert!(again.contains("api = []") && !again.contains("api = [\"mine\"]"), "{again}");
}

/// The dependencies written into a new crate's Cargo.toml are this crate's own, so a new crate
/// builds exactly as plane-client does.
#[test]
fn new_crates_get_the_dependencies_of_plane_client() {
    let manifest = std::fs::read_to_string(root().join("generated/Cargo.toml")).unwrap();
    let ours = manifest.split("[dependencies]\n").nth(1).and_then(|rest| rest.split("\n[").next()).unwrap();
    assert_eq!(ours.trim(), generator::runtime::dependencies(true));
}

#[test]
fn another_api_generates_a_crate_that_says_nothing_of_plane() {
    let generated = generator::generate(&root().join("tests/specs/other_api"));
    assert!(generated.diagnostics.is_empty(), "{:?}", generated.diagnostics);
    let output = generated.output.expect("the second API generates");
    let lib = output.files.iter().find(|f| f.path == "src/lib.rs").expect("a lib.rs");
    assert!(lib.contents.contains("acme_client::Client::builder()"), "examples use the API's own crate name");
    assert!(lib.contents.contains("ACME_API_KEY"), "the key's variable is named after the API");
    for file in &output.files {
        let lower = file.contents.to_lowercase();
        assert!(!lower.contains("plane"), "{} mentions Plane", file.path);
    }
}
