//! The documentation tells the truth: the README's consumer code is the compiled examples', and the
//! complete example of `spec/README.md` is a valid spec.

use plane_tests::root;

/// The fenced blocks of `lang` in a Markdown file, in order.
fn code_blocks(markdown: &str, lang: &str) -> Vec<String> {
    let fence = format!("```{lang}\n");
    markdown.split(&fence).skip(1).map(|rest| rest.split("```").next().unwrap_or_default().to_string()).collect()
}

/// Whether one of the README's Rust blocks is `part` of the example `name`, word for word: the
/// whole file from its first `use`, or the whole function `fn part(`.
fn readme_shows(name: &str, part: Option<&str>) -> bool {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let text = std::fs::read_to_string(root().join(format!("generated/examples/{name}.rs"))).unwrap();
    let code = match part {
        None => &text[text.find("\nuse ").expect("the example uses the crate") + 1..],
        Some(function) => {
            let start = text.find(&format!("\nasync fn {function}(")).expect("the example has the function") + 1;
            // The function ends at the first brace that closes a block at the left margin.
            &text[start..start + text[start..].find("\n}\n").expect("the function ends") + 2]
        }
    };
    code_blocks(&readme, "rust").iter().any(|b| b.trim_end() == code.trim_end())
}

#[test]
fn readme_shows_the_compiled_examples() {
    for (name, part) in [("work_items", Some("work")), ("oauth_bot", None), ("webhooks", Some("receive"))] {
        let what = part.map_or("the whole of".to_string(), |f| format!("`{f}` of"));
        assert!(readme_shows(name, part), "copy {what} generated/examples/{name}.rs into the README");
    }
}

#[test]
fn readme_shows_the_compiled_upload_example() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let example = std::fs::read_to_string(root().join("generated/examples/attachments.rs")).unwrap();
    let blocks = code_blocks(&readme, "rust");
    let upload = blocks.iter().find(|b| b.contains("upload_work_item_attachment")).expect("README.md shows an upload");
    assert!(
        example.contains(upload.trim()),
        "README.md's upload block is not in generated/examples/attachments.rs (which CI compiles and runs); copy it from there"
    );
}

#[test]
fn spec_readme_example_is_a_valid_spec() {
    let readme = std::fs::read_to_string(root().join("spec/README.md")).unwrap();
    let example = code_blocks(&readme, "yaml").into_iter().next().expect("spec/README.md has a YAML example");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("api.yaml"), example).unwrap();
    let generated = generator::generate(dir.path());
    let rendered: Vec<String> = generated.diagnostics.iter().map(|d| d.render()).collect();
    assert!(generated.diagnostics.is_empty(), "{}", rendered.join("\n"));
    let output = generated.output.expect("the example generates");
    assert_eq!((output.endpoints, output.types), (2, 2));
}

#[test]
fn readme_diagnostic_is_what_the_generator_prints() {
    // The README shows the errors for two typos in the real spec; make them and compare.
    let sandbox = plane_tests::Sandbox::new();
    let file = sandbox.spec().join("customers.yaml");
    let spec = std::fs::read_to_string(&file).unwrap();
    let spec = spec.replacen("      type: Customer\n", "      type: Custmer\n", 1).replacen(
        "/customers/{customer_id}/\n",
        "/customers/{customer}/\n",
        1,
    );
    std::fs::write(&file, spec).unwrap();
    let run = sandbox.run(&[]);
    assert_eq!(run.status, 1);
    // The sandbox's paths are absolute; the README shows them as run from the repository root.
    let stderr = run.stderr.replace(&format!("{}/", sandbox.dir.path().display()), "");
    for readme in ["generator/README.md", "spec/README.md"] {
        let text = std::fs::read_to_string(root().join(readme)).unwrap();
        let blocks = code_blocks(&text, "text");
        let shown = blocks.iter().find(|b| b.starts_with("error:")).expect("a diagnostic in a `text` block");
        assert_eq!(stderr.trim_end(), shown.trim_end(), "{readme} shows another diagnostic than the generator prints");
    }
}

/// The re-exported `chrono` and `uuid` make the values a caller reaches for first, so a caller
/// needs no dependency of its own to fill a timestamp or an id.
#[test]
fn the_reexported_chrono_and_uuid_make_values() {
    let now = plane_client::chrono::Utc::now();
    let id = plane_client::Uuid::new_v4();
    assert!(now.timestamp() > 1_700_000_000, "{now}");
    assert_eq!(id.get_version_num(), 4);
    assert_ne!(id, plane_client::Uuid::new_v4());
}
