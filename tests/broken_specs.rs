//! A broken spec is reported as `FILE:LINE:COLUMN`, with a message and a hint; the generator exits
//! non-zero and leaves the output folder exactly as it was.

use std::path::Path;

use plane_tests::{Run, Sandbox, snapshot};

/// A small valid spec that each case breaks in one place.
const BASE: &str = "\
api:
  name: plane
  title: Plane API
  base_url: https://api.plane.so
  auth: { api_key: { header: X-API-Key } }
  editions: { community: { title: Community }, commercial: { title: Commercial }, cloud: { title: Cloud } }
types:
  Customer:
    description: A customer.
    fields:
      id: { type: uuid, required: true, description: Id. }
endpoints:
  update_customer:
    summary: Update a customer
    description: Updates a customer.
    method: PATCH
    path: /api/v1/workspaces/{workspace_slug}/customers/{customer_id}/
    params:
      workspace_slug: { in: path, type: string, description: Slug. }
      customer_id: { in: path, type: uuid, description: Id. }
    body:
      name: { type: string, description: Name. }
    response: { status: 200, type: Customer }
";

/// Replaces `from` with `to` in the base spec, runs the generator on it, and checks that it
/// fails with `message` at the first occurrence of `at`, and that `generated/` is untouched.
fn broken(from: &str, to: &str, at: &str, message: &str) -> Run {
    broken_in(BASE, from, to, at, message)
}

/// [`broken`], from another base.
fn broken_in(base: &str, from: &str, to: &str, at: &str, message: &str) -> Run {
    assert!(base.contains(from), "the case does not apply: {from:?}");
    let text = base.replacen(from, to, 1);
    let sandbox = Sandbox::new();
    std::fs::remove_dir_all(sandbox.spec()).unwrap();
    std::fs::create_dir(sandbox.spec()).unwrap();
    let file = sandbox.spec().join("api.yaml");
    std::fs::write(&file, &text).unwrap();
    let before = snapshot(&sandbox.out());

    let run = sandbox.run(&[]);

    assert_eq!(run.status, 1, "{run:?}");
    let offset = text.find(at).unwrap_or_else(|| panic!("{at:?} is not in the broken spec"));
    let location = location(&file, &text, offset);
    assert!(run.stderr.contains(&format!("--> {location}")), "expected {location}: {message}\n{}", run.stderr);
    assert!(run.stderr.contains(message), "expected {location}: {message}\n{}", run.stderr);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{run:?}");
    assert_eq!(snapshot(&sandbox.out()), before, "generated/ changed");
    run
}

/// `FILE:LINE:COLUMN` of a byte offset, counted independently of the generator.
fn location(file: &Path, text: &str, offset: usize) -> String {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{}:{line}:{column}", file.display())
}

#[test]
fn bad_yaml_syntax() {
    let run = broken(
        "summary: Update a customer",
        "summary: \"Update a customer",
        "\"Update",
        "invalid indentation in quoted scalar",
    );
    assert!(run.stderr.contains("help: is the quote that opens here closed?"), "{}", run.stderr);
}

#[test]
fn unknown_type_with_a_hint() {
    let run = broken("type: Customer }", "type: Custmer }", "Custmer", "unknown type `Custmer`");
    assert!(run.stderr.contains("help: did you mean `Customer`?"), "{}", run.stderr);
}

#[test]
fn unknown_type_inside_a_list() {
    broken(
        "{ type: uuid, required: true",
        "{ type: list<Widget>, required: true",
        "list<Widget>",
        "unknown type `Widget`",
    );
}

#[test]
fn path_parameter_not_declared() {
    let run = broken(
        "/customers/{customer_id}/",
        "/customers/{customer}/",
        "{customer}",
        "path parameter `{customer}` is not declared",
    );
    assert!(run.stderr.contains("did you mean `customer_id`?"), "{}", run.stderr);
}

#[test]
fn path_parameter_not_used() {
    broken(
        "/customers/{customer_id}/",
        "/customers/",
        "customer_id: { in: path",
        "path parameter `customer_id` is not used in the path",
    );
}

#[test]
fn unbalanced_brace_in_path() {
    broken(
        "/customers/{customer_id}/",
        "/customers/{customer_id/",
        "{customer_id/",
        "has a `{` without a matching `}`",
    );
}

#[test]
fn duplicate_endpoint_name() {
    broken(
        "    response: { status: 200, type: Customer }\n",
        "    response: { status: 200, type: Customer }\n  update_customer:\n    summary: Again\n    method: GET\n    path: /x/\n    response: { status: 204 }\n",
        "update_customer:\n    summary: Again",
        "duplicate key `update_customer`",
    );
}

#[test]
fn names_that_collide_after_casing() {
    broken(
        "      name: { type: string, description: Name. }",
        "      fooBar: { type: string, description: A. }\n      foo_bar: { type: string, description: B. }",
        "foo_bar:",
        "fields `fooBar` and `foo_bar` both become `foo_bar` in Rust",
    );
}

#[test]
fn name_that_is_not_an_identifier_after_casing() {
    broken(
        "      name: { type: string",
        "      2fa: { type: string",
        "2fa",
        "field `2fa` becomes `2fa` in Rust, which starts with a digit",
    );
}

#[test]
fn unknown_key() {
    let run = broken(
        "required: true, description: Id.",
        "requird: true, description: Id.",
        "requird",
        "unknown field `requird`",
    );
    assert!(run.stderr.contains("expected one of `type`, `description`, `required`, `nullable`"), "{}", run.stderr);
}

#[test]
fn bad_http_method() {
    let run = broken("method: PATCH", "method: patch", "patch", "`patch` is not an HTTP method");
    assert!(run.stderr.contains("help: write it in capitals: `PATCH`"), "{}", run.stderr);
}

#[test]
fn body_on_a_get() {
    broken("method: PATCH", "method: GET", "body:", "a GET request has no body");
}

#[test]
fn status_that_is_not_a_success() {
    broken("status: 200", "status: 404", "404", "`404` is not a success status");
}

#[test]
fn endpoint_named_like_a_client_method() {
    let run = broken(
        "  update_customer:",
        "  base_url:",
        "base_url:\n",
        "endpoint `base_url` would add `Client::base_url`, which the generated crate already has",
    );
    assert!(
        run.stderr.contains("help: `base_url` is one of `Client`'s own methods; rename the endpoint"),
        "{}",
        run.stderr
    );
}

#[test]
fn endpoint_whose_body_type_is_the_runtime_s() {
    broken(
        "  update_customer:",
        "  error:",
        "error:",
        "endpoint `error` would add the type `ErrorBody` (its request body)",
    );
}

#[test]
fn type_named_like_a_runtime_macro_item() {
    let run =
        broken("  Customer:", "  Visitor:", "Visitor:", "the type name `Visitor` is taken by the generated crate");
    assert!(run.stderr.contains("declared by the runtime's macros"), "{}", run.stderr);
}

#[test]
fn a_type_that_contains_itself() {
    broken(
        "      id: { type: uuid, required: true, description: Id. }",
        "      id: { type: uuid, required: true, description: Id. }\n      parent: { type: Customer, description: P. }",
        "Customer:",
        "type `Customer` contains itself: Customer -> Customer",
    );
}

#[test]
fn every_error_of_a_run_is_reported() {
    let sandbox = Sandbox::new();
    let text = BASE.replace("type: Customer }", "type: Custmer }").replace("{customer_id}/", "{customer}/");
    std::fs::write(sandbox.spec().join("customers.yaml"), text.replace("api:\n  name: plane", "x:\n  name: plane"))
        .unwrap();
    // `customers.yaml` holds the `api` block now; `plane.yaml` keeps only the resources it declares.
    let plane = std::fs::read_to_string(sandbox.spec().join("plane.yaml")).unwrap();
    let ids = &plane[plane.find("\nids:").expect("plane.yaml declares ids")..];
    std::fs::write(sandbox.spec().join("plane.yaml"), ids).unwrap();
    std::fs::write(sandbox.spec().join("customers.yaml"), &text).unwrap();
    let run = sandbox.run(&[]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("unknown type `Custmer`"), "{}", run.stderr);
    assert!(run.stderr.contains("path parameter `{customer}` is not declared"), "{}", run.stderr);
    assert!(run.stderr.contains("the spec has 2 error(s)"), "{}", run.stderr);
}

#[test]
fn missing_spec_directory() {
    let sandbox = Sandbox::new();
    let before = snapshot(&sandbox.out());
    let missing = sandbox.dir.path().join("nope");
    let out = sandbox.out();
    let run = plane_tests::generator(&["--spec", missing.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.contains("cannot read the spec directory"), "{}", run.stderr);
    assert_eq!(snapshot(&sandbox.out()), before);
}

#[test]
fn a_hand_written_file_is_never_overwritten() {
    let sandbox = Sandbox::new();
    let types = sandbox.out().join("src/customers.rs");
    std::fs::write(&types, "// my own code\n").unwrap();
    let before = snapshot(&sandbox.out());
    let run = sandbox.run(&[]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(run.stderr.contains("refusing to overwrite"), "{}", run.stderr);
    assert_eq!(snapshot(&sandbox.out()), before);
}

#[test]
fn usage_errors_exit_with_2() {
    let run = plane_tests::generator(&["--no-such-flag"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("--no-such-flag"), "{}", run.stderr);
}

#[test]
fn a_comma_in_a_flow_mapping_gets_a_hint() {
    let run = broken("description: Name. }", "description: Name, or alias. }", "or alias", "unknown field `or alias.`");
    assert!(run.stderr.contains("help: a `,` inside `{ … }` ends a value"), "{}", run.stderr);
}

#[test]
fn warnings_do_not_fail_unless_denied() {
    let undocumented = BASE.replace("    description: Updates a customer.\n", "").replace(", description: Name.", "");
    let sandbox = Sandbox::new();
    std::fs::remove_dir_all(sandbox.spec()).unwrap();
    std::fs::create_dir(sandbox.spec()).unwrap();
    std::fs::write(sandbox.spec().join("api.yaml"), undocumented).unwrap();
    let out = sandbox.out();

    let before = snapshot(&out);
    let denied = sandbox.run(&["--deny-warnings"]);
    assert_eq!(denied.status, 1, "{denied:?}");
    assert!(denied.stderr.contains("2 warning(s) denied by --deny-warnings; nothing was written"), "{}", denied.stderr);
    assert_eq!(snapshot(&out), before);

    let run = sandbox.run(&[]);
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stderr.contains("warning: endpoint `update_customer` has no description"), "{}", run.stderr);
    assert!(run.stderr.contains("warning: field `name` has no description"), "{}", run.stderr);
    assert!(run.stdout.contains("wrote"), "{run:?}");
}

/// A flood of diagnostics keeps the first thousand of each severity and counts the others: the
/// counts the command prints, its exit status and "nothing written" are those of every one, and
/// an error after the flood of warnings is still shown first.
#[test]
fn a_flood_of_diagnostics_is_counted_in_full() {
    let api = "api: { name: t, title: T, base_url: \"https://x.test\", auth: { bearer: true } }\ntypes:\n";
    let undocumented: String =
        (0..1_500).map(|i| format!("  T{i}: {{ fields: {{ f: {{ type: string }} }} }}\n")).collect();
    let unknown: String = (0..1_200)
        .map(|i| format!("  U{i}: {{ description: d, fields: {{ f: {{ type: Nope, description: d }} }} }}\n"))
        .collect();
    let sandbox = Sandbox::new();
    std::fs::remove_dir_all(sandbox.spec()).unwrap();
    std::fs::create_dir(sandbox.spec()).unwrap();
    let out = sandbox.out();
    let before = snapshot(&out);

    std::fs::write(sandbox.spec().join("api.yaml"), format!("{api}{undocumented}")).unwrap();
    let denied = sandbox.run(&["--deny-warnings"]);
    assert_eq!(denied.status, 1, "{denied:?}");
    assert!(denied.stderr.contains("note: 2950 more diagnostic(s) not shown"), "{}", denied.stderr);
    assert!(
        denied.stderr.contains("3000 warning(s) denied by --deny-warnings; nothing was written"),
        "{}",
        denied.stderr
    );
    assert_eq!(snapshot(&out), before);

    std::fs::write(sandbox.spec().join("api.yaml"), format!("{api}{undocumented}{unknown}")).unwrap();
    let failed = sandbox.run(&[]);
    assert_eq!(failed.status, 1, "{failed:?}");
    assert!(failed.stderr.starts_with("error: unknown type `Nope`"), "{}", &failed.stderr[..200]);
    assert!(failed.stderr.contains("note: 4150 more diagnostic(s) not shown"), "{}", failed.stderr);
    assert!(failed.stderr.contains("the spec has 1200 error(s); nothing was written"), "{}", failed.stderr);
    assert_eq!(snapshot(&out), before);

    let generated =
        generator::generate_sources(vec![("spec/api.yaml".into(), format!("{api}{undocumented}{unknown}"))]);
    let kept = generator::diagnostic::KEPT;
    assert_eq!((generated.diagnostics.warnings(), generated.diagnostics.errors()), (3_000, 1_200));
    assert_eq!(generated.diagnostics.len(), 2 * kept);
}

/// Input built to exhaust the generator: brackets a million deep (the YAML parser's time is
/// quadratic in nesting) and a type expression nested a hundred thousand deep (the type parser and
/// emitters recurse). Each ends in one located error instead of a stall or a stack overflow.
#[test]
fn nesting_bombs_end_in_a_located_error() {
    let api = "api: { name: t, title: T, base_url: \"https://x.test\", auth: { bearer: true } }\n";
    let n = 1_000_000;
    let flow = format!("{api}description: it's a bomb\ntypes: {}{}\n", "[".repeat(n), "]".repeat(n));
    let n = 100_000;
    let ty = format!(
        "{api}types:\n  T:\n    fields:\n      t: {{ type: \"{}string{}\" }}\n",
        "list<".repeat(n),
        ">".repeat(n)
    );
    for (text, expected) in [(flow, "nest more than 64 deep"), (ty, "at most 32 levels")] {
        let generated = generator::generate_sources(vec![("spec/bomb.yaml".into(), text)]);
        assert!(generated.output.is_none());
        let error = generated.diagnostics.iter().find(|d| d.is_error()).expect("an error");
        assert!(error.location.is_some(), "{error}");
        assert!(error.render().contains(expected), "{}", error.render());
    }
}

/// A `"` that opens a line of a block scalar once made the text scan before the YAML parser take
/// the rest of the file for a quoted string, and the brackets after it went uncounted (26 s at
/// 100,000 levels). The depth is now the parser's own. (The error is at the bracket where the
/// YAML scanner, which reads a whole `[…]` ahead, stops at its own limit of 256 levels; for a
/// shallower bomb it is at the 65th level, as `tests/broken/block_scalar_hides_a_flow_bomb`
/// shows.)
#[test]
fn a_quote_in_a_block_scalar_hides_no_bracket() {
    let api = "api: { name: t, title: T, base_url: \"https://x.test\", auth: { bearer: true } }\n";
    let n = 100_000;
    let text = format!("{api}description: |\n  \"\ntypes: {}{}\n", "[".repeat(n), "]".repeat(n));
    let generated = generator::generate_sources(vec![("spec/bomb.yaml".into(), text)]);
    let error = generated.diagnostics.iter().find(|d| d.is_error()).expect("an error");
    assert!(error.message.contains("nest more than 64 deep"), "{error}");
    let location = error.location.as_ref().expect("a location");
    assert_eq!(location.line, 4, "{error}");
    assert!((64.."types: ".len() + 300).contains(&location.column), "{error}");
}

/// A spec written as one long line (minified JSON is YAML) gets its error at the right column,
/// and the diagnostic keeps a window of the line, not a copy of it.
#[test]
fn an_error_on_a_long_line_keeps_a_window_of_it() {
    let types: String =
        (0..20_000).map(|i| format!("\"T{i}\": {{\"description\": \"é\", \"fields\": {{}}}}, ")).collect();
    let text = format!(
        "{{\"api\": {{\"name\": \"t\", \"title\": \"T\", \"base_url\": \"https://x.test\", \"auth\": {{\"bearer\": true}}}}, \
         \"types\": {{{types}\"Last\": {{\"description\": \"d\", \"fields\": {{\"f\": {{\"type\": \"Nope\", \"description\": \"d\"}}}}}}}}}}"
    );
    let offset = text.find("\"Nope\"").unwrap();
    let generated = generator::generate_sources(vec![("spec/api.yaml".into(), text.clone())]);
    let error = generated.diagnostics.iter().find(|d| d.is_error()).expect("an error");
    assert!(error.message.contains("unknown type `Nope`"), "{error}");
    let location = error.location.as_ref().expect("a location");
    assert_eq!((location.line, location.column), (1, text[..offset].chars().count() + 1), "{error}");
    let (excerpt, span) = location.excerpt();
    assert!(excerpt.len() <= 200, "{} bytes kept of the line", excerpt.len());
    assert_eq!(&excerpt[span], "\"Nope\"");
}

/// A small valid spec with an upload and a download, that each case below breaks in one place.
const TRANSFERS: &str = "\
api:
  name: files
  title: Files API
  base_url: https://api.example.com
  auth: { api_key: { header: X-API-Key } }
types:
  FileUpload:
    description: A new file and its form.
    fields:
      file_id: { type: uuid, required: true, description: Id. }
      form: { type: Form, required: true, nullable: true, description: The form. }
  Form:
    description: A presigned POST form.
    fields:
      url: { type: string, required: true, description: Where. }
      fields: { type: map<string>, required: true, description: What. }
endpoints:
  create_file:
    summary: Register a file
    description: Registers a file.
    method: POST
    path: /files/
    body:
      name: { type: string, required: true, description: Name. }
      size: { type: integer, required: true, description: Size. }
    response: { status: 200, type: FileUpload }
    upload:
      name: upload_file
      form: form
      id: file_id
      size: size
      max_size: 1000
      confirm: confirm_file
      confirm_body: { done: true }
      cancel: delete_file
  confirm_file:
    summary: Confirm a file
    description: Confirms a file.
    method: PATCH
    path: /files/{file_id}/
    params:
      file_id: { in: path, type: uuid, description: Id. }
    body:
      done: { type: boolean, required: true, description: Done. }
    response: { status: 204 }
  delete_file:
    summary: Delete a file
    description: Deletes a file.
    method: DELETE
    path: /files/{file_id}/
    params:
      file_id: { in: path, type: uuid, description: Id. }
    response: { status: 204 }
  get_file:
    summary: Get a file
    description: Redirects to a file.
    method: GET
    path: /files/{file_id}/content/
    params:
      file_id: { in: path, type: uuid, description: Id. }
    response: { status: 200 }
    download: { name: download_file }
";

#[test]
fn the_upload_and_download_base_is_valid() {
    let sandbox = Sandbox::new();
    std::fs::remove_dir_all(sandbox.spec()).unwrap();
    std::fs::create_dir(sandbox.spec()).unwrap();
    std::fs::write(sandbox.spec().join("api.yaml"), TRANSFERS).unwrap();
    let run = sandbox.run(&[]);
    assert_eq!(run.status, 0, "{run:?}");
    let files = std::fs::read_to_string(sandbox.out().join("src/api.rs")).unwrap();
    assert!(files.contains("pub async fn upload_file(") && files.contains("pub async fn download_file("));
}

#[test]
fn an_upload_names_fields_the_answer_and_body_have() {
    let run = broken_in(TRANSFERS, "form: form\n", "form: forms\n", "forms\n", "the answer has no field `forms`");
    assert!(run.stderr.contains("did you mean `form`?"), "{}", run.stderr);
    broken_in(TRANSFERS, "id: file_id", "id: form", "form\n      size", "the id field `form` is not a single value");
    broken_in(TRANSFERS, "size: size", "size: name", "name\n      max_size", "the size field `name` is not an integer");
    broken_in(
        TRANSFERS,
        "form: form\n",
        "form: file_id\n",
        "file_id\n      id",
        "the form field `file_id` is not a presigned POST form",
    );
}

#[test]
fn an_upload_s_steps_are_operations_of_its_file_that_fit() {
    let run = broken_in(
        TRANSFERS,
        "confirm: confirm_file",
        "confirm: confirm_fil",
        "confirm_fil\n",
        "the confirm operation `confirm_fil` is not an endpoint of this file",
    );
    assert!(run.stderr.contains("did you mean `confirm_file`?"), "{}", run.stderr);
    broken_in(
        TRANSFERS,
        "cancel: delete_file",
        "cancel: confirm_file",
        "confirm_file\n  confirm_file:",
        "it is not a DELETE",
    );
    broken_in(
        TRANSFERS,
        "      confirm_body: { done: true }\n",
        "",
        "confirm_file\n      cancel",
        "the confirm operation's body needs `done`",
    );
    broken_in(TRANSFERS, "{ done: true }", "{ done: maybe }", "maybe", "`maybe` is not a value of `done`");
}

#[test]
fn upload_and_download_methods_take_names_no_other_method_has() {
    broken_in(
        TRANSFERS,
        "name: upload_file",
        "name: get_file",
        "get_file\n      form",
        "the upload of endpoint `create_file` needs the method `get_file`, which endpoint `get_file` already has",
    );
    broken_in(
        TRANSFERS,
        "name: upload_file",
        "name: base_url",
        "base_url\n      form",
        "the upload method `base_url` is one of `Client`'s own methods",
    );
}

#[test]
fn a_download_by_redirect_has_no_body_and_one_by_url_names_a_string() {
    broken_in(
        TRANSFERS,
        "    response: { status: 200 }\n    download:",
        "    response: { status: 200, type: FileUpload }\n    download:",
        "download: { name",
        "a download without `url` is a redirect to the file, which has no body",
    );
    broken_in(
        TRANSFERS,
        "    response: { status: 200 }\n    download: { name: download_file }",
        "    response: { status: 200, type: FileUpload }\n    download: { name: download_file, url: file_id }",
        "file_id }",
        "the URL field `file_id` is not a string",
    );
}
