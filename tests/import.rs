//! `generator import`: OpenAPI documents become spec files the generator accepts.
//!
//! - The corpus under `tests/import/`: one small document per mapping rule (3.0 and 3.1, JSON and
//!   YAML), whose written spec and diagnostics are `insta` snapshots and which the generator
//!   must accept without errors; and one per malformed case (`broken_*`), which must give a
//!   located error and no files.
//! - Swagger 2.0 (`swagger_2_*`, JSON and YAML): converted to 3.0 inside the importer, each
//!   warning at the line and column of the 2.0 text, and the pet store imports to the same spec
//!   as its hand-written 3.0 twin. That it generates a crate that compiles is `import_compile.rs`.
//! - Plane's served schema: every operation imported (the legacy `/issues/…` twins of
//!   `/work-items/…` are kept, as the `…_2` operations the document names them), its warnings
//!   a snapshot. That its crate compiles warning-free is `import_compile.rs` (slow).
//! - Id types inferred from paths (`/labels/{label_id}` and a `Label` schema): small documents,
//!   each asserting which UUIDs became ids and which stayed `uuid`.
//! - Stable names: document pairs that differ only in making one thing nullable (a field, a query
//!   parameter, a whole response, a list's items, a body field; every 3.0 and 3.1 spelling) import
//!   with the same type names, and the change report between their crates finds no break.
//! - Nothing dropped without a word: `import/every_keyword.yaml` uses every key of OpenAPI 3.0 and
//!   3.1 and every keyword of JSON Schema 2020-12, and each is kept or warned about at its own
//!   pointer; the command counts the warnings by kind, and `--deny-warnings` writes nothing.
//! - Webhooks: OpenAPI 3.1's `webhooks` with this generator's `x-webhooks` become a `webhooks:`
//!   block; without it, the events' types and a warning that says why.
//! - The round trip: this repository's `generated/openapi.json` (warning only about what the
//!   generator writes by itself: error responses, webhooks' answers), imported and generated again,
//!   gives the same `openapi.json`: the same operations, parameters, bodies, types, fields,
//!   nullability, bounds, webhooks and docs. Intended differences, which `openapi.json` does not carry:
//!   parameters' `example`s, enum values' descriptions, the spec's YAML comments, and which file
//!   (so which module) a type is in: the importer puts it beside the first operation that uses it.

use generator::diagnostic::Diagnostic;
use generator::import::document::Pointer;
use generator::import::{self, Imported};
use plane_tests::root;

/// Plane's served schema (`/api/schema/` of a v1.3.1 server), kept in the repository so that the
/// tests do not depend on where the clone is.
const PLANE: &str = "tests/specs/plane-openapi-v1.3.1.yaml";

/// What the command line prints for these diagnostics, with the corpus folder hidden.
fn rendered(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(Diagnostic::render).collect::<Vec<_>>().join("\n\n")
}

/// The written files, one after the other, as a snapshot shows them.
fn files(imported: &Imported) -> String {
    imported.files.iter().map(|(name, text)| format!("==> {name} <==\n{text}")).collect::<Vec<_>>().join("\n")
}

/// The generator's verdict on imported files: its errors (there must be none).
fn generate(imported: &Imported) -> generator::Generated {
    let sources = imported.files.iter().map(|(name, text)| (format!("spec/{name}"), text.clone())).collect();
    generator::generate_sources(sources)
}

fn errors(generated: &generator::Generated) -> String {
    let errors: Vec<&Diagnostic> = generated.diagnostics.iter().filter(|d| d.is_error()).collect();
    errors.iter().map(|d| d.render()).collect::<Vec<_>>().join("\n\n")
}

#[test]
fn every_document_of_the_corpus_imports_as_its_snapshot_says() {
    let mut cases: Vec<_> = std::fs::read_dir("import").unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 20, "the corpus has {} documents", cases.len());
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let imported = import::import_file(&case);
        let diagnostics = rendered(&imported.diagnostics);
        if name.starts_with("broken_") {
            assert!(imported.files.is_empty(), "{name}: files were written");
            let error = imported.diagnostics.iter().find(|d| d.is_error());
            let error = error.unwrap_or_else(|| panic!("{name}: no error"));
            assert!(error.location.is_some(), "{name}: an error without a location");
            insta::assert_snapshot!(name.clone(), diagnostics);
            continue;
        }
        assert!(!imported.diagnostics.iter().any(Diagnostic::is_error), "{name}: {diagnostics}");
        for warning in &imported.diagnostics {
            let location = warning.location.as_ref().unwrap_or_else(|| panic!("{name}: {warning} has no location"));
            assert!(location.line > 1 || name.contains("json"), "{name}: {warning} points at the top");
        }
        let generated = generate(&imported);
        assert!(generated.output.is_some(), "{name}: the generator refuses the import:\n{}", errors(&generated));
        insta::assert_snapshot!(name.clone(), format!("{}\n\n{diagnostics}", files(&imported)));
    }
}

#[test]
fn a_reference_beside_annotations_is_that_reference_and_a_merge_inside_itself_is_its_component() {
    let imported = import::import_file(&root().join("tests/import/all_of_references.yaml"));

    let spec = files(&imported);
    assert!(spec.contains("owner: { type: Person, description: Who owns it. }"), "{spec}");
    assert!(spec.contains("parts: { type: list<Thing>, description: What it is made of. }"), "{spec}");
    assert!(spec.contains("height: { type: integer, description: How tall. }"), "{spec}");
    // Without a check, each of thirty levels would copy the next twice: a merge met again inside
    // itself is read as its component, once per place it happens.
    assert!(imported.types < 30, "{} types", imported.types);
    let again = imported.diagnostics.iter().filter(|d| d.message.contains("inside a merge of")).count();
    assert_eq!(again, 16, "{}", rendered(&imported.diagnostics));
    let itself = imported.diagnostics.iter().filter(|d| d.message.contains("refers to itself through")).count();
    assert_eq!(itself, 1, "{}", rendered(&imported.diagnostics));
    assert!(spec.contains("first: { type: NodeFirst }") && spec.contains("second: { type: NodeFirst }"), "{spec}");
}

#[test]
fn each_operation_skipped_is_counted_once_with_its_warning() {
    let imported = import::import_file(&root().join("tests/import/media_types.json"));

    let warned = imported.diagnostics.iter().filter(|d| d.message.starts_with("operation skipped:")).count();
    assert_eq!((imported.skipped, warned), (1, 1), "{}", rendered(&imported.diagnostics));
}

/// Each diagnostic as `line:column message`, in the order reported.
fn located(imported: &Imported) -> Vec<String> {
    let at = |d: &Diagnostic| d.location.as_ref().map(|l| format!("{}:{}", l.line, l.column)).unwrap_or_default();
    imported.diagnostics.iter().map(|d| format!("{} {}", at(d), d.message)).collect()
}

/// The files with what names the document (its file name and version) taken out.
fn files_without_source(imported: &Imported, source: &str) -> Vec<(String, String)> {
    let plain =
        |text: &str| text.replace(source, "SOURCE").replace("(Swagger 2.0)", "(V)").replace("(OpenAPI 3.0.3)", "(V)");
    imported.files.iter().map(|(name, text)| (name.clone(), plain(text))).collect()
}

#[test]
fn a_swagger_2_pet_store_imports_as_its_openapi_3_0_twin_does() {
    let two = import::import_file(&root().join("tests/import/swagger_2_petstore.json"));
    let three = import::import_file(&root().join("tests/import/swagger_2_petstore_as_3_0.yaml"));

    assert_eq!(
        files_without_source(&two, "swagger_2_petstore.json"),
        files_without_source(&three, "swagger_2_petstore_as_3_0.yaml")
    );
    assert_eq!((two.operations, two.skipped, two.types), (three.operations, three.skipped, three.types));
    assert_eq!((two.operations, two.skipped), (8, 0));
    let messages = |i: &Imported| i.diagnostics.iter().map(|d| d.message.clone()).collect::<Vec<_>>();
    assert_eq!(messages(&two), messages(&three));
    assert!(
        two.files[0].1.starts_with("# Imported from `swagger_2_petstore.json` (Swagger 2.0)"),
        "{}",
        two.files[0].1
    );
}

#[test]
fn a_swagger_2_pet_store_s_warnings_point_into_the_2_0_text() {
    let imported = import::import_file(&root().join("tests/import/swagger_2_petstore.json"));

    assert_eq!(
        located(&imported),
        [
            // `securityDefinitions`, not `components.securitySchemes`.
            "19:5 security scheme `basic` is not supported (only API keys in a header and bearer tokens are)",
            // The second parameter of its list in 2.0, the first once the body parameter left it:
            // a list of lists, which no query style can write.
            "86:11 parameter `fields` is of type `list<list<string>>`, not a single value; it is left out",
            "205:5 `Error` becomes the type `ErrorType`: the name is reserved by the generated crate",
            // Keys not kept, each where the 2.0 text has it.
            "53:11 the `default` response(s) are not kept: any status but a success is an `Error::Api`, with the body as sent",
            "65:11 the `default` response(s) are not kept: any status but a success is an `Error::Api`, with the body as sent",
            "77:11 the `default` response(s) are not kept: any status but a success is an `Error::Api`, with the body as sent",
            "144:11 the `400` response(s) are not kept: any status but a success is an `Error::Api`, with the body as sent",
            // A body parameter's own description, on a body of fields.
            "61:60 `description` is not kept here: a JSON object's fields have their own descriptions; other bodies keep theirs",
        ]
    );
    let notes: Vec<&str> = imported.diagnostics.iter().filter_map(|d| d.note.as_deref()).collect();
    assert!(notes.contains(&"at #/paths/~1pets~1{petId}/put/parameters/1"), "{notes:?}");
    let api: serde_yaml::Value = serde_yaml::from_str(&imported.files[0].1).unwrap();
    assert_eq!(api["api"]["base_url"], "https://petstore.example.com/v1");
    assert_eq!(api["api"]["auth"]["api_key"]["header"], "X-API-Key");
}

#[test]
fn a_swagger_2_yaml_document_converts_what_3_0_can_say_and_reports_the_rest_where_written() {
    let imported = import::import_file(&root().join("tests/import/swagger_2_bookshop.yaml"));

    assert_eq!(
        located(&imported),
        [
            "6:1 the document names no `schemes`; `https://books.example.com` is assumed",
            "44:11 `collectionFormat: tsv` has no OpenAPI 3 equivalent for an `in: query` parameter; it is read as one string, joined by hand",
            "82:7 an operation's own `schemes` are not read; it is sent to the document's server",
            "21:3 security scheme `key_in_query` is not supported (only API keys in a header and bearer tokens are)",
            // The operation's own `consumes`.
            "52:7 the request body is also offered as `application/xml`; only `application/json` is used",
            "76:9 the response body is not JSON (`image/png`, `image/jpeg`); the method returns nothing",
            // A shared response under the operation's own `produces`: reported where it is used.
            "87:9 the response body is not JSON (`application/xml`); the method returns nothing",
            // Keys not kept, each where the 2.0 text has it.
            "13:3 `flows` is not kept: the client is given its token; how to get one is the caller's",
            "27:95 `default` is not kept: the spec format has no defaults: a value left out is not sent",
            "66:9 the `404` response(s) are not kept: any status but a success is an `Error::Api`, with the body as sent",
            "129:5 `discriminator` is not kept: a union decodes by trying each variant in turn",
            "25:53 `description` is not kept here: a JSON object's fields have their own descriptions; other bodies keep theirs",
        ]
    );
    // The form (`in: formData`, url-encoded) imports as a form body.
    assert_eq!((imported.operations, imported.skipped), (7, 0));
    let spec: Vec<serde_yaml::Value> =
        imported.files.iter().map(|(_, text)| serde_yaml::from_str(text).unwrap()).collect();
    let [api, books, _, untagged] = spec.as_slice() else { panic!("{}", files(&imported)) };
    assert_eq!(api["api"]["base_url"], "https://books.example.com/api");
    assert_eq!(api["api"]["auth"]["bearer"], true);
    let endpoints = &books["endpoints"];
    // A shared `in: body` parameter, and a path's own, are the bodies of their operations.
    assert_eq!(endpoints["create_book"]["body"]["title"]["max_length"], 200);
    assert_eq!(endpoints["add_review"]["body"]["stars"]["maximum"], 5);
    assert_eq!(endpoints["create_book"]["scopes"], serde_yaml::from_str::<serde_yaml::Value>("[books:write]").unwrap());
    // `x-nullable`, on a value and beside a `$ref`.
    assert_eq!(books["types"]["Book"]["fields"]["subtitle"]["nullable"], true);
    assert_eq!(books["types"]["Book"]["fields"]["author"]["nullable"], true);
    assert_eq!(endpoints["get_book"]["params"]["bookId"]["type"], "id<Book>");
    // A tab-separated list has no style: one string.
    assert_eq!(endpoints["list_books"]["params"]["isbn"]["type"], "string");
    // `in: formData` parameters are a form's fields.
    let login = &untagged["endpoints"]["login"];
    assert_eq!(login["request"]["content"], "application/x-www-form-urlencoded");
    assert_eq!(login["body"]["username"]["required"], true);
}

#[test]
fn plane_s_schema_imports_every_operation() {
    let path = root().join(PLANE);
    let text = std::fs::read_to_string(&path).unwrap();
    let declared = text.lines().filter(|l| l.trim_start().starts_with("operationId:")).count();
    assert_eq!(declared, 125);

    let imported = import::import_file(&path);

    assert_eq!((imported.operations, imported.skipped), (125, 0), "{}", rendered(&imported.diagnostics));
    assert!(!imported.diagnostics.iter().any(Diagnostic::is_error));
    let generated = generate(&imported);
    assert!(generated.output.is_some(), "{}", errors(&generated));
    let output = generated.output.unwrap();
    assert_eq!(output.endpoints, 125, "one method per operation");
    // The legacy twins are kept under the names the document gives them.
    let spec = files(&imported);
    assert!(spec.contains("  list_work_items_2:") && spec.contains("  list_work_items:"));
    // The page envelopes became `paginated: true`, and the request twins became bodies.
    assert!(!spec.contains("PaginatedCycleResponse:") && spec.contains("paginated: true"));
    assert!(
        !spec.contains("  PatchedStateRequest:") && spec.contains("The body is `PatchedStateRequest` in the document.")
    );
    // Every warning, one line each, after how many there are of each kind.
    let shown = path.display().to_string();
    let kinds: Vec<String> = imported.kinds.iter().map(|(kind, n)| format!("{n:>4} × {kind}")).collect();
    let warnings: Vec<String> = imported.diagnostics.iter().map(|d| d.to_string().replace(&shown, PLANE)).collect();
    insta::assert_snapshot!("plane_warnings", format!("{}\n\n{}", kinds.join("\n"), warnings.join("\n")));
}

#[test]
fn this_repository_s_openapi_json_round_trips() {
    let imported = import::import_file(&root().join("generated/openapi.json"));
    // Only what the generator writes by itself, from the runtime, is not kept: each operation's
    // error response and what a webhook's receiver answers.
    let kinds: Vec<&str> = imported.kinds.iter().map(|(kind, _)| kind.as_str()).collect();
    assert_eq!(kinds, ["error responses not kept", "`responses` not kept"], "{}", rendered(&imported.diagnostics));
    assert!(imported.extensions.iter().all(|e| ["x-client-shape", "x-generated-by"].contains(&e.name.as_str())));

    let generated = generate(&imported);

    assert!(generated.output.is_some(), "{}", errors(&generated));
    let output = generated.output.unwrap();
    let again = output.files.iter().find(|f| f.path == "openapi.json").expect("an openapi.json");
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("generated/openapi.json")).unwrap()).unwrap();
    let again: serde_json::Value = serde_json::from_str(&again.contents).unwrap();
    assert_eq!(again, original, "the round trip changed the API");
    let spec = generator::generate(&root().join("spec")).output.unwrap();
    assert_eq!((output.endpoints, output.types), (spec.endpoints, spec.types));
}

#[test]
fn parameters_and_bodies_of_every_kind_import_and_round_trip() {
    let document = root().join("tests/acme/openapi.json");
    let imported = import::import_file(&document);
    // Only what the generator writes by itself is not kept: each operation's error response.
    let kinds: Vec<&str> = imported.kinds.iter().map(|(kind, _)| kind.as_str()).collect();
    assert_eq!(kinds, ["error responses not kept"], "{}", rendered(&imported.diagnostics));
    let spec = files(&imported);
    assert!(spec.contains("ids: { in: query, type: list<id<Widget>>, style: form, explode: false,"), "{spec}");
    assert!(spec.contains("size: { in: query, type: list<integer>, style: spaceDelimited, explode: false,"), "{spec}");
    assert!(
        spec.contains("tag: { in: query, type: list<string>, description:"),
        "OpenAPI's default is left out: {spec}"
    );

    let generated = generate(&imported);

    let output = generated.output.expect("the imported spec generates");
    let again = output.files.iter().find(|f| f.path == "openapi.json").expect("an openapi.json");
    let again: serde_json::Value = serde_json::from_str(&again.contents).unwrap();
    let original: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&document).unwrap()).unwrap();
    let parameters = "/paths/~1v2~1warehouses~1{warehouse}~1widgets~1/get/parameters";
    assert_eq!(again.pointer(parameters), original.pointer(parameters));
    // Every kind of request body too: JSON of a type, nullable, text, bytes, a form, a multipart
    // form, a DELETE's.
    let operations = original["paths"].as_object().unwrap().iter().flat_map(|(path, item)| {
        item.as_object().unwrap().keys().map(move |method| format!("/paths/{}/{method}", path.replace('/', "~1")))
    });
    let mut bodies = 0;
    for operation in operations {
        let body = |document: &serde_json::Value| document.pointer(&format!("{operation}/requestBody")).cloned();
        assert_eq!(body(&again), body(&original), "{operation}");
        bodies += usize::from(body(&original).is_some());
    }
    assert_eq!(bodies, 8);
}

#[test]
fn webhooks_with_x_webhooks_import_as_a_webhooks_block_the_generator_accepts() {
    let imported = import::import_file(&root().join("tests/import/webhooks.yaml"));
    // What each receiver answers is its handler's business.
    assert_eq!(imported.kinds, [("`responses` not kept".to_string(), 2)], "{}", rendered(&imported.diagnostics));
    let (_, orders) = imported.files.iter().find(|(name, _)| name == "orders.yaml").expect("the tag's file");
    let orders: serde_yaml::Value = serde_yaml::from_str(orders).unwrap();
    let block = &orders["webhooks"];
    let headers = ["signature_header", "signature_prefix", "event_header", "delivery_header"].map(|k| &block[k]);
    assert_eq!(headers, ["X-Shop-Signature", "sha256=", "X-Shop-Event", "X-Shop-Delivery"]);
    // A referenced body keeps its name; an inline one is named after its event. Both are in the tag's file.
    assert_eq!(block["events"]["order.paid"]["type"], "PaidEvent");
    assert_eq!(block["events"]["order.shipped"]["type"], "OrderShippedEvent");
    assert_eq!(block["events"]["order.shipped"]["description"], "An order was shipped.");
    assert!(orders["types"]["PaidEvent"].is_mapping() && orders["types"]["OrderShippedEvent"].is_mapping());

    let generated = generate(&imported);

    assert!(generated.output.is_some(), "{}", errors(&generated));
    let output = generated.output.unwrap();
    let rust = output.files.iter().find(|f| f.path == "src/orders.rs").expect("the module");
    assert!(rust.contents.contains("pub enum WebhookEvent {"), "{}", rust.contents);
    assert!(rust.contents.contains("OrderPaid(Box<crate::PaidEvent>)"), "{}", rust.contents);
    let openapi = output.files.iter().find(|f| f.path == "openapi.json").expect("an openapi.json");
    let openapi: serde_json::Value = serde_json::from_str(&openapi.contents).unwrap();
    let events: Vec<&String> = openapi["webhooks"].as_object().expect("webhooks").keys().collect();
    assert_eq!(events, ["order.paid", "order.shipped"]);
    assert_eq!(openapi["webhooks"]["order.paid"]["post"]["tags"], serde_json::json!(["orders"]));
    assert_eq!(openapi["x-webhooks"]["signature_prefix"], "sha256=");
}

#[test]
fn webhooks_without_x_webhooks_import_their_types_and_say_why_there_is_no_block() {
    let imported = import::import_file(&root().join("tests/import/webhooks_unsigned.json"));

    let [warning, answer] = imported.diagnostics.as_slice() else { panic!("{}", rendered(&imported.diagnostics)) };
    assert!(warning.message.contains("does not say how deliveries are signed"), "{warning}");
    assert!(answer.message.starts_with("`responses` is not kept"), "{answer}");
    assert_eq!(warning.location.as_ref().map(|l| l.line), Some(11), "{warning}");
    let spec = files(&imported);
    assert!(spec.contains("==> pets.yaml <==") && spec.contains("  Pet:") && !spec.contains("webhooks:"), "{spec}");
}

#[test]
fn a_document_nested_too_deep_is_refused_quickly() {
    let started = std::time::Instant::now();
    let flow = format!("openapi: 3.1.0\nx: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let block =
        format!("openapi: 3.1.0\nx:\n{}", (1..200).map(|n| format!("{}- a\n", "  ".repeat(n))).collect::<String>());
    let json = format!("{{\"openapi\": \"3.1.0\", \"x\": {}1{}}}", "[".repeat(200), "]".repeat(200));
    for text in [flow, block, json] {
        let imported = import::import_text("deep.yaml", text);
        assert!(imported.files.is_empty());
        assert!(
            imported.diagnostics.iter().any(|d| d.is_error() && d.location.is_some()),
            "{:?}",
            imported.diagnostics
        );
    }
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
}

#[test]
fn the_command_refuses_to_overwrite_without_force() {
    let out = tempfile::tempdir().unwrap();
    let case = root().join("tests/import/pets_3_0.yaml");
    let args = |force: bool| {
        let mut args = vec!["generator".to_string(), "import".to_string(), case.display().to_string()];
        args.extend(["--out".to_string(), out.path().display().to_string()]);
        args.extend(force.then(|| "--force".to_string()));
        args
    };
    let run = |force| {
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let status = generator::cli::run(args(force), &mut stdout, &mut stderr);
        (status, String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap())
    };
    let (status, stdout, _) = run(false);
    assert_eq!(status, 0);
    assert!(stdout.starts_with("imported 3 operation(s)"), "{stdout}");
    std::fs::write(out.path().join("api.yaml"), "# mine\n").unwrap();
    let (status, _, stderr) = run(false);
    assert_eq!(status, 1);
    assert!(stderr.contains("already has `api.yaml`"), "{stderr}");
    assert_eq!(std::fs::read_to_string(out.path().join("api.yaml")).unwrap(), "# mine\n");
    let (status, _, _) = run(true);
    assert_eq!(status, 0);
    assert!(std::fs::read_to_string(out.path().join("api.yaml")).unwrap().contains("api:"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Documents cut and spliced at random never make the importer panic, and give either an
    /// error or files the generator accepts.
    #[test]
    fn mutated_documents_never_panic(
        document in 0usize..3,
        at in 0usize..4000,
        cut in 0usize..300,
        insert in "[ -~\n]{0,40}",
    ) {
        let name = ["import/nullable_3_1.json", "import/pets_3_0.yaml", "import/swagger_2_petstore.json"][document];
        let text = std::fs::read_to_string(name).unwrap();
        // The corpus documents are ASCII, so every index is a character boundary.
        let at = at.min(text.len());
        let end = (at + cut).min(text.len());
        let mutated = format!("{}{insert}{}", &text[..at], &text[end..]);
        let imported = import::import_text(name, mutated);
        proptest::prop_assert!(!imported.files.is_empty() || imported.diagnostics.iter().any(Diagnostic::is_error));
        if !imported.files.is_empty() {
            let generated = generate(&imported);
            proptest::prop_assert!(generated.output.is_some(), "{}\n{}", errors(&generated), files(&imported));
        }
    }
}

/// Real documents come minified, on one line: every warning is located on it at the right
/// column, and keeps a window of the line rather than a copy.
#[test]
fn warnings_on_a_minified_document_point_into_its_one_line() {
    let paths: String = (0..2_000)
        .map(|i| {
            format!(r#""/r{i}":{{"get":{{"summary":"é","operationId":"same","responses":{{"204":{{"description":"none"}}}}}}}},"#)
        })
        .collect();
    let text = format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"T","version":"1"}},"paths":{{{}}}}}"#,
        paths.trim_end_matches(',')
    );
    let imported = import::import_text("api.json", text.clone());
    let taken: Vec<&Diagnostic> = imported.diagnostics.iter().filter(|d| d.message.contains("is taken")).collect();
    // 1,999 names taken and two warnings about the document as a whole: the first thousand are
    // kept whole, the others only counted.
    let kept = generator::diagnostic::KEPT;
    assert_eq!((imported.diagnostics.warnings(), imported.diagnostics.len()), (2_001, kept));
    assert_eq!(taken.len(), kept - 2, "{:?}", imported.diagnostics.first());
    for (n, warning) in taken.iter().enumerate() {
        let location = warning.location.as_ref().expect("a location");
        let key = format!(r#""/r{}":{{"get""#, n + 1);
        let get = text.find(&key).unwrap() + key.len() - r#""get""#.len();
        assert_eq!((location.line, location.column), (1, text[..get].chars().count() + 1), "{warning}");
        assert!(location.excerpt().0.len() <= 200, "{warning}");
    }
}

/// The type the imported spec gives field `name` of type `owner`, or parameter `name` of
/// endpoint `owner`.
fn type_of(imported: &Imported, owner: &str, name: &str) -> String {
    for (_, text) in &imported.files {
        let file: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        let field = &file["types"][owner]["fields"][name]["type"];
        let param = &file["endpoints"][owner]["params"][name]["type"];
        if let Some(ty) = field.as_str().or(param.as_str()) {
            return ty.to_string();
        }
    }
    panic!("no `{name}` in `{owner}`:\n{}", files(imported));
}

/// Imports a document of `paths` and `schemas` (YAML, as under `paths:` and `schemas:`), which
/// the generator must accept.
fn import_ids_document(paths: &[String], schemas: &str) -> Imported {
    let text = format!(
        "openapi: 3.1.0\ninfo: {{ title: Tracker, version: '1' }}\nservers: [{{ url: 'https://tracker.example.com' }}]\n\
         security: [{{ key: [] }}]\npaths:\n{}components:\n  securitySchemes: {{ key: {{ type: apiKey, in: header, name: X-Key }} }}\n  \
         schemas:\n{schemas}",
        paths.concat()
    );
    let imported = import::import_text("ids.yaml", text);
    assert!(!imported.diagnostics.iter().any(Diagnostic::is_error), "{}", rendered(&imported.diagnostics));
    let generated = generate(&imported);
    assert!(generated.output.is_some(), "{}\n{}", errors(&generated), files(&imported));
    imported
}

/// A path whose GET `operation` answers with the component `answer` and declares the path
/// parameters `params` (name, schema).
fn path(path: &str, operation: &str, answer: &str, params: &[(&str, &str)]) -> String {
    let params: String = params
        .iter()
        .map(|(name, schema)| format!("{{ name: {name}, in: path, required: true, schema: {schema} }}, "))
        .collect();
    let response = format!(
        "{{ description: It., content: {{ application/json: {{ schema: {{ $ref: '#/components/schemas/{answer}' }} }} }} }}"
    );
    format!(
        "  {path}:\n    get:\n      operationId: {operation}\n      parameters: [{params}]\n      responses: {{ '200': {response} }}\n"
    )
}

/// An object schema with the properties `properties` (name, schema).
fn object(name: &str, properties: &[(&str, &str)]) -> String {
    let properties: Vec<String> = properties.iter().map(|(name, schema)| format!("{name}: {schema}")).collect();
    format!("    {name}: {{ type: object, properties: {{ {} }} }}\n", properties.join(", "))
}

const UUID: &str = "{ type: string, format: uuid }";

#[test]
fn path_parameters_that_name_a_resource_become_their_ids() {
    let mut labels = path("/projects/{project_id}/labels/{label_id}", "get_label", "Label", &[]);
    // Declared on the path item rather than the operation, which the rule reads too.
    let shared = format!(
        "    parameters:\n      - {{ name: project_id, in: path, required: true, schema: {UUID} }}\n      - {{ name: label_id, in: path, required: true, schema: {UUID} }}\n"
    );
    labels = labels.replacen("    get:\n", &format!("{shared}    get:\n"), 1).replace("      parameters: []\n", "");
    let project = path("/projects/{project_id}", "get_project", "Project", &[("project_id", UUID)]);
    let schemas = object("Project", &[("id", UUID), ("name", "{ type: string }")])
        + &object("Label", &[("id", UUID), ("project_id", UUID), ("parent", UUID)]);

    let imported = import_ids_document(&[project, labels], &schemas);

    assert_eq!(type_of(&imported, "get_project", "project_id"), "id<Project>");
    assert_eq!(type_of(&imported, "get_label", "project_id"), "id<Project>");
    assert_eq!(type_of(&imported, "get_label", "label_id"), "id<Label>");
    assert_eq!(type_of(&imported, "Project", "id"), "id<Project>");
    assert_eq!(type_of(&imported, "Label", "id"), "id<Label>");
    // Fields that only look like ids are not certain.
    assert_eq!(type_of(&imported, "Label", "project_id"), "uuid");
    assert_eq!(type_of(&imported, "Label", "parent"), "uuid");
}

#[test]
fn a_segment_without_a_matching_schema_leaves_uuid() {
    // No `Widget` schema: `{widget_id}` names nothing the document describes.
    let widgets = path("/widgets/{widget_id}", "get_widget", "Gadget", &[("widget_id", UUID)]);
    // `IntakeIssue` exists, but `{issue_id}` names an issue (as in Plane's intake paths).
    let intake = path("/intake-issues/{issue_id}", "get_intake", "IntakeIssue", &[("issue_id", UUID)]);
    let schemas = object("Gadget", &[("id", UUID)]) + &object("IntakeIssue", &[("id", UUID)]);

    let imported = import_ids_document(&[widgets, intake], &schemas);

    assert_eq!(type_of(&imported, "get_widget", "widget_id"), "uuid");
    assert_eq!(type_of(&imported, "Gadget", "id"), "uuid");
    assert_eq!(type_of(&imported, "get_intake", "issue_id"), "uuid");
    assert_eq!(type_of(&imported, "IntakeIssue", "id"), "uuid");
    assert!(imported.diagnostics.is_empty(), "{}", rendered(&imported.diagnostics));
}

#[test]
fn uses_that_disagree_leave_uuid() {
    // `labels/{label_id}` is a UUID in one path and any string in the other: not certain.
    let uuid = path("/labels/{label_id}", "get_label", "Label", &[("label_id", UUID)]);
    let text = path("/v2/labels/{label_id}", "get_label_2", "Label", &[("label_id", "{ type: string }")]);

    let imported = import_ids_document(&[uuid, text], &object("Label", &[("id", UUID)]));

    assert_eq!(type_of(&imported, "get_label", "label_id"), "uuid");
    assert_eq!(type_of(&imported, "get_label_2", "label_id"), "string");
    assert_eq!(type_of(&imported, "Label", "id"), "uuid");
}

#[test]
fn x_id_of_beats_inference() {
    // One use says `{label_id}` is a `Tag`'s id: the plain use is not made a `Label`'s.
    let tag = "{ type: string, format: uuid, x-id-of: Tag }";
    let said = path("/labels/{label_id}", "get_label", "Label", &[("label_id", tag)]);
    let plain = path("/labels/{label_id}/copy", "copy_label", "Label", &[("label_id", UUID)]);
    // `Note`'s own id says it is a `Memo`'s: `{note_id}` is not made a `Note`'s.
    let note = path("/notes/{note_id}", "get_note", "Note", &[("note_id", UUID)]);
    let memo = "{ type: string, format: uuid, x-id-of: Memo }";
    let schemas = object("Label", &[("id", UUID)]) + &object("Note", &[("id", memo)]);

    let imported = import_ids_document(&[said, plain, note], &schemas);

    assert_eq!(type_of(&imported, "get_label", "label_id"), "id<Tag>");
    assert_eq!(type_of(&imported, "copy_label", "label_id"), "uuid");
    assert_eq!(type_of(&imported, "Label", "id"), "uuid");
    assert_eq!(type_of(&imported, "Note", "id"), "id<Memo>");
    assert_eq!(type_of(&imported, "get_note", "note_id"), "uuid");
}

#[test]
fn x_id_of_that_agrees_lets_the_plain_uses_follow() {
    // `Label`'s id says it is a `Label`'s, as this generator's own documents do: the plain
    // parameter agrees with it.
    let said = "{ type: string, format: uuid, x-id-of: Label }";
    let labels = path("/labels/{label_id}", "get_label", "Label", &[("label_id", UUID)]);

    let imported = import_ids_document(&[labels], &object("Label", &[("id", said)]));

    assert_eq!(type_of(&imported, "get_label", "label_id"), "id<Label>");
    assert_eq!(type_of(&imported, "Label", "id"), "id<Label>");
}

/// Where a schema goes in [`nullability_document`], and the kinds of schema it may be there.
const SPOTS: &[(&str, &[&str])] = &[
    ("field", &["enum", "object", "reference"]),
    ("query parameter", &["enum"]),
    ("response", &["enum", "object", "reference"]),
    ("list item", &["enum", "object", "reference"]),
    ("body field", &["enum", "object", "reference"]),
];

/// A schema of a kind, plain (the inside of a flow mapping) and, where JSON Schema can say it
/// so, with `null` in its `type`.
fn kind(kind: &str) -> (&'static str, Option<&'static str>) {
    match kind {
        "enum" => ("type: string, enum: [asc, desc]", Some("type: [string, 'null'], enum: [asc, desc, null]")),
        "object" => (
            "type: object, properties: { name: { type: string } }",
            Some("type: [object, 'null'], properties: { name: { type: string } }"),
        ),
        _ => ("$ref: '#/components/schemas/Owner'", None),
    }
}

/// Every way of making `schema` (the inside of a flow mapping) nullable, by the version that
/// spells it so: (spelling, version, nullable schema).
fn nullable_spellings(plain: &str, listed: Option<&str>) -> Vec<(&'static str, &'static str, String)> {
    let mut spellings = vec![
        ("oneOf [null, X]", "3.1.0", format!("{{ oneOf: [{{ type: 'null' }}, {{ {plain} }}] }}")),
        ("anyOf [X, null]", "3.1.0", format!("{{ anyOf: [{{ {plain} }}, {{ type: 'null' }}] }}")),
        ("allOf [X] + nullable", "3.0.3", format!("{{ allOf: [{{ {plain} }}], nullable: true }}")),
        ("oneOf [X] + nullable", "3.0.3", format!("{{ oneOf: [{{ {plain} }}], nullable: true }}")),
    ];
    if let Some(listed) = listed {
        spellings.push(("type [T, null]", "3.1.0", format!("{{ {listed} }}")));
        spellings.push(("nullable: true", "3.0.3", format!("{{ {plain}, nullable: true }}")));
    }
    spellings
}

/// A document with a schema at every spot of [`SPOTS`]: `plain` everywhere, but `changed` at `spot`.
fn nullability_document(version: &str, plain: &str, spot: &str, changed: &str) -> String {
    let at = |here: &str| if here == spot { changed.to_string() } else { format!("{{ {plain} }}") };
    let enum_at = |here: &str| if here == spot { changed.to_string() } else { format!("{{ {} }}", kind("enum").0) };
    format!(
        "openapi: {version}
info: {{ title: Things, version: '1' }}
servers: [{{ url: 'https://api.example.com' }}]
components:
  securitySchemes: {{ key: {{ type: apiKey, in: header, name: X-Key }} }}
  schemas:
    Owner: {{ type: object, properties: {{ id: {{ type: integer }} }} }}
    Thing:
      type: object
      required: [id]
      properties:
        id: {{ type: integer }}
        mode: {field}
        modes: {{ type: array, items: {item} }}
paths:
  /things:
    get:
      operationId: list_things
      parameters: [{{ name: order, in: query, schema: {param} }}]
      responses: {{ '200': {{ description: OK, content: {{ application/json: {{ schema: {{ $ref: '#/components/schemas/Thing' }} }} }} }} }}
  /things/current:
    get:
      operationId: current_thing
      responses: {{ '200': {{ description: OK, content: {{ application/json: {{ schema: {response} }} }} }} }}
    post:
      operationId: change_thing
      requestBody: {{ content: {{ application/json: {{ schema: {{ type: object, properties: {{ mode: {body} }} }} }} }} }}
      responses: {{ '204': {{ description: Done. }} }}
",
        field = at("field"),
        item = at("list item"),
        param = enum_at("query parameter"),
        response = at("response"),
        body = at("body field"),
    )
}

/// The `openapi.json` of the crate an import makes, and the names of its types and enums.
fn crate_of(imported: &Imported, what: &str) -> (String, Vec<String>) {
    assert!(!imported.diagnostics.iter().any(Diagnostic::is_error), "{what}: {}", rendered(&imported.diagnostics));
    let generated = generate(imported);
    assert!(generated.output.is_some(), "{what}: {}\n{}", errors(&generated), files(imported));
    let openapi =
        generated.output.unwrap().files.into_iter().find(|f| f.path == "openapi.json").expect("an openapi.json");
    let mut names = Vec::new();
    for (_, text) in &imported.files {
        let file: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        for block in ["types", "enums", "keys"] {
            let keys = file[block].as_mapping().into_iter().flat_map(|m| m.keys());
            names.extend(keys.filter_map(|k| k.as_str().map(str::to_string)));
        }
    }
    names.sort();
    (openapi.contents, names)
}

/// Making a field, a query parameter, a whole response, a list's items or a body field
/// nullable, in any spelling of 3.0 or 3.1, renames no type, and the change report between the
/// two imported crates finds nothing that breaks users.
#[test]
fn a_change_that_only_makes_something_nullable_renames_nothing_and_breaks_nothing() {
    let mut pairs = 0;
    for (spot, kinds) in SPOTS {
        for name in *kinds {
            let (plain, listed) = kind(name);
            for (spelling, version, nullable) in nullable_spellings(plain, listed) {
                let what = format!("{name} as a {spot}, {spelling} (OpenAPI {version})");
                let before = nullability_document(version, plain, spot, &format!("{{ {plain} }}"));
                let after = nullability_document(version, plain, spot, &nullable);
                let (old, old_names) = crate_of(&import::import_text("before.yaml", before), &what);
                let (new, new_names) = crate_of(&import::import_text("after.yaml", after), &what);

                assert_eq!(old_names, new_names, "{what}: the types are named differently");
                let report = generator::changes::report("before", Some(&old), &new, None);
                assert!(!report.is_breaking(), "{what}:\n{report}");
                pairs += 1;
            }
        }
    }
    assert_eq!(pairs, 13 * 4 + 9 * 2, "every spot, kind and spelling");
}

/// The harness above can fail: a nullable spelling that also adds an alternative makes a union
/// of the schema's place, which renames its type, and the report calls that breaking.
#[test]
fn a_change_that_adds_an_alternative_besides_null_is_reported_as_breaking() {
    let (plain, _) = kind("enum");
    let before = nullability_document("3.1.0", plain, "field", &format!("{{ {plain} }}"));
    let union = format!("{{ oneOf: [{{ type: 'null' }}, {{ {plain} }}, {{ type: integer }}] }}");
    let after = nullability_document("3.1.0", plain, "field", &union);
    let (old, old_names) = crate_of(&import::import_text("before.yaml", before), "before");
    let (new, new_names) = crate_of(&import::import_text("after.yaml", after), "after");

    assert!(old_names.contains(&"ThingMode".to_string()), "{old_names:?}");
    assert!(new_names.contains(&"ThingModeAscDesc".to_string()), "{new_names:?}");
    let report = generator::changes::report("before", Some(&old), &new, None);
    assert!(report.is_breaking(), "{report}");
}

/// A kind of object, every key it may have, the keys always kept, and the keys kept in some places.
type KeysOfAKind = (&'static str, &'static [&'static str], &'static [&'static str], &'static [&'static str]);

/// Every key of each kind of object, by OpenAPI 3.0 and 3.1 and JSON Schema 2020-12 (with the
/// keywords of the drafts 3.0 builds on): (kind, every key, the keys always kept, the keys kept in
/// some places only). Written here, apart from the importer's own list, so that each checks the other.
const EVERY_KEY: &[KeysOfAKind] = &[
    (
        "document",
        &[
            "openapi",
            "info",
            "jsonSchemaDialect",
            "servers",
            "paths",
            "webhooks",
            "components",
            "security",
            "tags",
            "externalDocs",
        ],
        &["openapi", "info", "servers", "paths", "webhooks", "components", "security", "tags"],
        &[],
    ),
    (
        "info",
        &["title", "summary", "description", "termsOfService", "contact", "license", "version"],
        &["title", "description", "version"],
        &[],
    ),
    ("server", &["url", "description", "variables"], &["url", "variables"], &[]),
    ("server variable", &["enum", "default", "description"], &["default"], &[]),
    (
        "components",
        &[
            "schemas",
            "responses",
            "parameters",
            "examples",
            "requestBodies",
            "headers",
            "securitySchemes",
            "links",
            "callbacks",
            "pathItems",
        ],
        // Read where a `$ref` points into them.
        &[
            "schemas",
            "responses",
            "parameters",
            "examples",
            "requestBodies",
            "headers",
            "securitySchemes",
            "links",
            "callbacks",
            "pathItems",
        ],
        &[],
    ),
    ("tag", &["name", "description", "externalDocs"], &["name", "description"], &[]),
    (
        "security scheme",
        &["type", "description", "name", "in", "scheme", "bearerFormat", "flows", "openIdConnectUrl"],
        &["type", "name", "in", "scheme"],
        &[],
    ),
    (
        "path item",
        &[
            "$ref",
            "summary",
            "description",
            "get",
            "put",
            "post",
            "delete",
            "options",
            "head",
            "patch",
            "trace",
            "servers",
            "parameters",
        ],
        &["$ref", "get", "put", "post", "delete", "patch", "parameters"],
        &[],
    ),
    (
        "operation",
        &[
            "tags",
            "summary",
            "description",
            "externalDocs",
            "operationId",
            "parameters",
            "requestBody",
            "responses",
            "callbacks",
            "deprecated",
            "security",
            "servers",
        ],
        &[
            "tags",
            "summary",
            "description",
            "operationId",
            "parameters",
            "requestBody",
            "responses",
            "deprecated",
            "security",
        ],
        &[],
    ),
    (
        "webhook",
        &[
            "tags",
            "summary",
            "description",
            "externalDocs",
            "operationId",
            "parameters",
            "requestBody",
            "responses",
            "callbacks",
            "deprecated",
            "security",
            "servers",
        ],
        &["tags", "summary", "description", "parameters", "requestBody"],
        &[],
    ),
    (
        "parameter",
        &[
            "name",
            "in",
            "description",
            "required",
            "deprecated",
            "allowEmptyValue",
            "style",
            "explode",
            "allowReserved",
            "schema",
            "example",
            "examples",
            "content",
        ],
        &["name", "in", "description", "required", "deprecated", "explode", "schema"],
        &["style", "example", "examples"],
    ),
    ("request body", &["description", "content", "required"], &["content", "required"], &[]),
    ("media type", &["schema", "example", "examples", "encoding"], &["schema"], &[]),
    ("response", &["description", "headers", "content", "links"], &["description", "content"], &[]),
    (
        "schema",
        &[
            "$schema",
            "$id",
            "$ref",
            "$anchor",
            "$dynamicRef",
            "$dynamicAnchor",
            "$recursiveRef",
            "$recursiveAnchor",
            "$vocabulary",
            "$comment",
            "$defs",
            "definitions",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
            "dependentSchemas",
            "dependencies",
            "prefixItems",
            "items",
            "additionalItems",
            "contains",
            "properties",
            "patternProperties",
            "additionalProperties",
            "propertyNames",
            "unevaluatedItems",
            "unevaluatedProperties",
            "type",
            "enum",
            "const",
            "multipleOf",
            "maximum",
            "exclusiveMaximum",
            "minimum",
            "exclusiveMinimum",
            "maxLength",
            "minLength",
            "pattern",
            "maxItems",
            "minItems",
            "uniqueItems",
            "maxContains",
            "minContains",
            "maxProperties",
            "minProperties",
            "required",
            "dependentRequired",
            "format",
            "contentEncoding",
            "contentMediaType",
            "contentSchema",
            "title",
            "description",
            "default",
            "deprecated",
            "readOnly",
            "writeOnly",
            "examples",
            "nullable",
            "discriminator",
            "xml",
            "externalDocs",
            "example",
        ],
        &[
            "$ref",
            "$defs",
            "definitions",
            "allOf",
            "anyOf",
            "oneOf",
            "items",
            "properties",
            "additionalProperties",
            "type",
            "enum",
            "required",
            "format",
            "title",
            "description",
            "deprecated",
            "readOnly",
            "writeOnly",
            "nullable",
        ],
        &[
            "maximum",
            "exclusiveMaximum",
            "minimum",
            "exclusiveMinimum",
            "maxLength",
            "minLength",
            "examples",
            "example",
            "pattern",
        ],
    ),
];

/// The extensions the importer reads, by kind of object.
const EXTENSIONS_READ: &[(&str, &[&str])] = &[
    ("document", &["x-webhooks", "x-not-served"]),
    ("info", &["x-editions"]),
    ("operation", &["x-variants", "x-upload", "x-download", "x-editions"]),
    ("schema", &["x-id-of", "x-key-format", "x-key-parts", "x-enum-varnames", "x-extensible-enum", "x-into"]),
];

/// Where `every_keyword.yaml` puts a key that is kept in some places only where it is kept: the
/// bounds and example of a string query parameter, the bounds of an integer one and of body fields,
/// a query parameter's style, a key type's example and pattern.
const KEPT_HERE: &[&str] = &[
    "#/paths/~1things~1{id}/get/parameters/0/style",
    "#/paths/~1things~1{id}/get/parameters/0/example",
    "#/paths/~1things~1{id}/get/parameters/0/schema/minLength",
    "#/paths/~1things~1{id}/get/parameters/0/schema/maxLength",
    "#/paths/~1things~1{id}/get/parameters/1/schema/minimum",
    "#/paths/~1things~1{id}/get/parameters/1/schema/exclusiveMinimum",
    "#/paths/~1things~1{id}/get/parameters/1/schema/maximum",
    "#/paths/~1things~1{id}/get/parameters/1/schema/exclusiveMaximum",
    "#/components/parameters/Page/schema/minimum",
    "#/components/schemas/ThingChange/properties/name/minLength",
    "#/components/schemas/ThingChange/properties/name/maxLength",
    "#/components/schemas/ThingChange/properties/rank/minimum",
    "#/components/schemas/ThingChange/properties/rank/maximum",
    "#/components/schemas/ThingKey/examples",
    "#/components/schemas/ThingKey/pattern",
];

/// Every key of the objects the importer reads in `doc`, as (kind, key, pointer): what
/// [`EVERY_KEY`] lists, walked as OpenAPI nests it. Parts reported whole (an error response, a
/// skipped operation, what a dropped key holds) are not walked into.
fn every_key(doc: &serde_json::Value) -> Vec<(&'static str, String, Pointer)> {
    use serde_json::Value;
    let mut found = Vec::new();
    let get =
        |at: &Pointer| at.keys().iter().try_fold(doc, |v, k| v.get(k).or_else(|| v.get(k.parse::<usize>().ok()?)));
    // A local `$ref` followed (once: the fixture has no chains).
    let follow = |at: Pointer| -> Pointer {
        match get(&at).and_then(|v| v.get("$ref")).and_then(Value::as_str).and_then(Pointer::parse) {
            Some(target) => target,
            None => at,
        }
    };
    let mut keys = |kind: &'static str, at: &Pointer| -> Vec<String> {
        let object = get(at).and_then(Value::as_object).cloned().unwrap_or_default();
        found.extend(object.keys().map(|k| (kind, k.clone(), at.join(k.clone()))));
        object.keys().cloned().collect()
    };
    let mut schemas: Vec<Pointer> = Vec::new();
    let root = Pointer::default();
    for key in keys("document", &root) {
        let at = root.join(key.clone());
        let entries = get(&at).map(|v| v.as_array().map_or(0, Vec::len)).unwrap_or(0);
        match key.as_str() {
            "info" | "components" => drop(keys(if key == "info" { "info" } else { "components" }, &at)),
            "servers" => {
                for i in 0..entries {
                    let server = at.join(i.to_string());
                    keys("server", &server);
                    for name in
                        get(&server.join("variables")).and_then(Value::as_object).into_iter().flat_map(|m| m.keys())
                    {
                        keys("server variable", &server.join("variables").join(name.clone()));
                    }
                }
            }
            "tags" => (0..entries).for_each(|i| drop(keys("tag", &at.join(i.to_string())))),
            _ => {}
        }
    }
    let names = |at: &Pointer| -> Vec<String> {
        get(at).and_then(Value::as_object).map(|m| m.keys().cloned().collect()).unwrap_or_default()
    };
    let components = root.join("components");
    for name in names(&components.join("securitySchemes")) {
        keys("security scheme", &components.join("securitySchemes").join(name));
    }
    for name in names(&components.join("schemas")) {
        schemas.push(components.join("schemas").join(name));
    }
    // Media types: the JSON one's keys and schema.
    let media =
        |found: &mut dyn FnMut(&'static str, &Pointer) -> Vec<String>, schemas: &mut Vec<Pointer>, at: &Pointer| {
            let json = at.join("content").join("application/json");
            if get(&json).is_some() && found("media type", &json).contains(&"schema".to_string()) {
                schemas.push(json.join("schema"));
            }
        };
    for (block, kind) in [("paths", "operation"), ("webhooks", "webhook")] {
        for path in names(&root.join(block)).into_iter().filter(|p| !p.starts_with("x-")) {
            let listed = root.join(block).join(path);
            keys("path item", &listed);
            let item = follow(listed.clone());
            if item != listed {
                keys("path item", &item);
            }
            let shared: Vec<Pointer> = (0..get(&item.join("parameters")).and_then(Value::as_array).map_or(0, Vec::len))
                .map(|i| item.join("parameters").join(i.to_string()))
                .collect();
            for method in ["get", "put", "post", "delete", "patch"] {
                let op = item.join(method);
                if get(&op).is_none() {
                    continue;
                }
                keys(kind, &op);
                let own = (0..get(&op.join("parameters")).and_then(Value::as_array).map_or(0, Vec::len))
                    .map(|i| op.join("parameters").join(i.to_string()));
                if kind == "operation" {
                    for param in shared.iter().cloned().chain(own) {
                        let param = follow(param);
                        if keys("parameter", &param).contains(&"schema".to_string()) {
                            schemas.push(param.join("schema"));
                        }
                    }
                }
                if get(&op.join("requestBody")).is_some() {
                    let body = follow(op.join("requestBody"));
                    keys("request body", &body);
                    media(&mut keys, &mut schemas, &body);
                }
                let success = names(&op.join("responses")).into_iter().filter(|c| c.starts_with('2')).min();
                if let (Some(code), "operation") = (success, kind) {
                    let response = follow(op.join("responses").join(code));
                    keys("response", &response);
                    media(&mut keys, &mut schemas, &response);
                }
            }
        }
    }
    // Schemas, and the schemas the importer reads inside them.
    while let Some(at) = schemas.pop() {
        for key in keys("schema", &at) {
            let inner = at.join(key.clone());
            match key.as_str() {
                "properties" | "$defs" | "definitions" => {
                    schemas.extend(names(&inner).into_iter().map(|n| inner.join(n)))
                }
                "items" | "additionalProperties" if get(&inner).is_some_and(Value::is_object) => schemas.push(inner),
                "allOf" | "anyOf" | "oneOf" => {
                    let count = get(&inner).and_then(Value::as_array).map_or(0, Vec::len);
                    schemas.extend((0..count).map(|i| inner.join(i.to_string())));
                }
                _ => {}
            }
        }
    }
    found
}

/// A document that uses every key of OpenAPI 3.0 and 3.1 and every keyword of JSON Schema: each
/// is kept (the importer's list and this test's agree, and the output shows it) or reported by
/// a warning at its own pointer; an extension the importer does not read is counted instead.
#[test]
fn every_key_of_every_object_is_kept_or_reported_where_it_is() {
    let path = root().join("tests/import/every_keyword.yaml");
    let doc: serde_json::Value = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();

    let imported = import::import_file(&path);

    let warned: std::collections::HashSet<String> = imported
        .diagnostics
        .iter()
        .filter_map(|d| d.note.as_deref()?.strip_prefix("at ").map(str::to_string))
        .collect();
    let found = every_key(&doc);
    let mut wrong = Vec::new();
    for (kind, key, at) in &found {
        let (_, _, kept, placed) = EVERY_KEY.iter().find(|(k, ..)| k == kind).unwrap();
        let read = EXTENSIONS_READ.iter().any(|(k, read)| k == kind && read.contains(&key.as_str()));
        let is_warned = warned.contains(&at.to_string());
        let fine = if key.starts_with("x-") {
            !is_warned && (read || imported.extensions.iter().any(|e| e.name == *key))
        } else if kept.contains(&key.as_str()) {
            !is_warned
        } else if placed.contains(&key.as_str()) {
            is_warned != KEPT_HERE.contains(&at.to_string().as_str())
        } else {
            is_warned
        };
        if !fine {
            wrong.push(format!("{kind} key `{key}` at {at}: {}", if is_warned { "warned" } else { "not warned" }));
        }
    }
    assert!(wrong.is_empty(), "{}\n\n{}", wrong.join("\n"), rendered(&imported.diagnostics));
    // The document uses every key of every kind of object.
    for (kind, every, _, _) in EVERY_KEY {
        let missing: Vec<&&str> =
            every.iter().filter(|k| !found.iter().any(|(f, key, _)| f == kind && key == *k)).collect();
        assert!(missing.is_empty(), "the fixture has no {kind} key {missing:?}");
    }
    // And some keys that are no one's: a typo, named with a hint; an extension, counted.
    let typo = imported.diagnostics.iter().find(|d| d.message.starts_with("`sumary` is not a key")).expect("the typo");
    assert_eq!(typo.help.as_deref(), Some("did you mean `summary`?"));
    let extension = |name: &str| imported.extensions.iter().find(|e| e.name == name).map(|e| e.count);
    assert_eq!(
        (extension("x-vendor"), extension("x-internal"), extension("x-codegen-name")),
        (Some(1), Some(1), Some(1))
    );
    // What is kept shows in the spec.
    let spec = files(&imported);
    let shown = [
        "title: Every Keyword",
        "description: Each key is kept in the spec or reported where it is.",
        "# Version 2.5 of the API in the document.",
        "base_url: https://eu.example.com",
        "Things and their changes.",
        "# Deprecated in the document.",
        "description: Returns one thing.",
        "description: How much to say.",
        "example: loud",
        "scopes: [things.read]",
        "description: The thing.",
        "type: id<Thing>",
        "retired:",
        "Low: { code: 1 }",
        "format: \"{project}-{number}\"",
        "example: PROJ-1",
        "description: The old name.",
        "ThingChoice",
    ];
    let missing: Vec<&str> = shown.iter().copied().filter(|s| !spec.contains(s)).collect();
    assert!(missing.is_empty(), "not in the spec: {missing:?}\n{spec}");
}

/// Runs `generator import FILE --out DIR` with `flags`: (status, stdout, stderr).
fn import_command(file: &std::path::Path, out: &std::path::Path, flags: &[&str]) -> (u8, String, String) {
    let mut args = vec!["generator".to_string(), "import".to_string(), file.display().to_string()];
    args.extend(["--out".to_string(), out.display().to_string()]);
    args.extend(flags.iter().map(|f| f.to_string()));
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let status = generator::cli::run(args, &mut stdout, &mut stderr);
    (status, String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap())
}

#[test]
fn the_command_counts_the_warnings_by_kind_and_the_extensions_it_does_not_read() {
    let out = tempfile::tempdir().unwrap();
    let (status, stdout, stderr) = import_command(&root().join("tests/import/every_keyword.yaml"), out.path(), &[]);

    assert_eq!(status, 0, "{stderr}");
    let imported = import::import_file(&root().join("tests/import/every_keyword.yaml"));
    let total = imported.diagnostics.total();
    assert!(stdout.contains(&format!("; {total} warning(s), 0 error(s)")), "{stdout}");
    // After the diagnostics (the first 50 of them), every kind, the most frequent first.
    let summary = stderr.split_once(&format!("{total} warning(s), by kind:\n")).expect("the count by kind").1;
    let lines: Vec<&str> = summary.lines().take_while(|l| l.starts_with("  ")).collect();
    assert_eq!(lines.len(), imported.kinds.len(), "{summary}");
    assert!(lines[0].ends_with("× `description` not kept"), "{summary}");
    assert!(lines.contains(&"      1 × `contentMediaType` not kept"), "{summary}");
    let counted: usize = lines.iter().map(|l| l.split(" × ").next().unwrap().trim().parse::<usize>().unwrap()).sum();
    assert_eq!(counted, total);
    let note = summary.lines().find(|l| l.starts_with("note: ")).expect("the extensions' note");
    assert!(note.starts_with("note: 6 key(s) of 6 extension(s) the importer does not read are left out:"), "{note}");
    assert!(note.contains("`x-vendor` × 1 (first at "), "{note}");
}

#[test]
fn deny_warnings_refuses_a_document_with_warnings_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let (status, _, stderr) =
        import_command(&root().join("tests/import/unsupported_keywords.yaml"), out.path(), &["--deny-warnings"]);

    assert_eq!(status, 1);
    assert!(stderr.contains("1 × `not` not kept"), "{stderr}");
    assert!(stderr.ends_with("error: 4 warning(s) denied by --deny-warnings; nothing was written\n"), "{stderr}");
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0, "files were written");
    // A document the importer keeps whole goes through.
    let (status, stdout, stderr) =
        import_command(&root().join("tests/import/formats.yaml"), out.path(), &["--deny-warnings"]);
    assert_eq!((status, stderr.as_str()), (0, ""));
    assert!(stdout.contains("; 0 warning(s)"), "{stdout}");
}
