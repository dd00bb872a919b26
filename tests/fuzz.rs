//! The generator never panics: on arbitrary YAML documents, on text built to exhaust it (deep
//! nesting, long lines, many keys, aliases) and on random mutations of the real spec it either
//! produces output or reports an error with a location.
//!
//! The budget is proptest's case count, 256 per property by default. Run it longer with, say,
//! `PROPTEST_CASES=20000 cargo test --release -p plane-tests --test fuzz`.

use generator::Generated;
use plane_tests::root;
use proptest::prelude::*;

/// Words the spec format gives meaning to, so random documents get past the first checks.
const KEYS: &[&str] = &[
    "api",
    "name",
    "title",
    "base_url",
    "auth",
    "api_key",
    "header",
    "bearer",
    "types",
    "enums",
    "values",
    "endpoints",
    "description",
    "fields",
    "type",
    "required",
    "nullable",
    "summary",
    "method",
    "path",
    "scopes",
    "params",
    "in",
    "example",
    "body",
    "response",
    "status",
    "paginated",
    "cursor",
    "per_page",
    "id",
    "self",
    "fooBar",
];
const VALUES: &[&str] = &[
    "string",
    "integer",
    "uuid",
    "datetime",
    "json",
    "list<string>",
    "map<Customer>",
    "list<",
    "Customer",
    "GET",
    "PATCH",
    "DELETE",
    "path",
    "query",
    "/a/{id}/",
    "/a/{b",
    "/a//b/",
    "https://x.test",
    "X-API-Key",
    "200",
    "204",
    "true",
    "",
    "{",
    "}",
    "`*/`",
    "r#type",
    "2fa",
    "é",
    "..",
];

/// Checks the promise for one run.
fn holds(generated: &Generated) -> bool {
    generated.output.is_some() || generated.diagnostics.iter().any(|d| d.is_error() && d.location.is_some())
}

fn yaml_value() -> impl Strategy<Value = serde_yaml::Value> {
    let leaf = prop_oneof![
        prop::sample::select(VALUES).prop_map(|v| serde_yaml::Value::String(v.to_string())),
        any::<i64>().prop_map(|n| serde_yaml::Value::Number(n.into())),
        any::<bool>().prop_map(serde_yaml::Value::Bool),
        Just(serde_yaml::Value::Null),
        "\\PC{0,12}".prop_map(serde_yaml::Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_yaml::Value::Sequence),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|entries| {
                serde_yaml::Value::Mapping(
                    entries.into_iter().map(|(k, v)| (serde_yaml::Value::String(k.to_string()), v)).collect(),
                )
            }),
        ]
    })
}

/// The real spec's files, as (shown path, text).
fn real_spec() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(root().join("spec"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| (format!("spec/{}", p.file_name().unwrap().to_string_lossy()), std::fs::read_to_string(p).unwrap()))
        .collect()
}

/// One edit of a text, described by numbers that are reduced modulo the text's size.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Insert(usize, String),
    ReplaceWord(usize, &'static str),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (
            any::<usize>(),
            prop_oneof![prop::sample::select(VALUES).prop_map(str::to_string), "\\PC{1,4}", Just("\n  ".to_string())]
        )
            .prop_map(|(at, text)| Mutation::Insert(at, text)),
        (any::<usize>(), prop::sample::select(VALUES)).prop_map(|(at, word)| Mutation::ReplaceWord(at, word)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let n = lines.len().max(1);
    let boundary = |at: usize| {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    match mutation {
        Mutation::DeleteLine(i) if !lines.is_empty() => {
            lines.remove(i % n);
            lines.join("\n")
        }
        Mutation::DuplicateLine(i) if !lines.is_empty() => {
            let line = lines[i % n];
            lines.insert(i % n, line);
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) if !lines.is_empty() => {
            lines.swap(a % n, b % n);
            lines.join("\n")
        }
        Mutation::Insert(at, insert) => {
            let at = boundary(*at);
            format!("{}{insert}{}", &text[..at], &text[at..])
        }
        Mutation::ReplaceWord(at, word) => {
            let words: Vec<&str> = text.split(' ').collect();
            let i = at % words.len();
            let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
            words[i] = word.to_string();
            words.join(" ")
        }
        Mutation::Truncate(at) => text[..boundary(*at)].to_string(),
        _ => text.to_string(),
    }
}

/// Text built to stress the parser and the recursive stages rather than to look like a spec:
/// deep flow or block nesting (also behind a `"` that opens a line of a block scalar, which once
/// hid brackets from the depth check), nested type expressions, very long lines (a whole spec as
/// one line of JSON), thousands of keys, keys given twice, and aliases that repeat an anchored
/// node many times over.
fn hostile_structure() -> impl Strategy<Value = String> {
    let api = "api: { name: t, title: T, base_url: \"https://x.test\", auth: { bearer: true } }\n";
    prop_oneof![
        (1usize..5_000, prop::sample::select(vec!["[", "{a: ", "[{b: "]))
            .prop_map(move |(depth, open)| format!("{api}types: {}\n", open.repeat(depth))),
        (1usize..400).prop_map(move |depth| {
            let body: String = (0..depth).map(|i| format!("{}k{i}:\n", " ".repeat(i + 1))).collect();
            format!("{api}types:\n{body}")
        }),
        (1usize..200, prop::sample::select(vec!["list<", "map<", "list<map<"])).prop_map(move |(depth, open)| {
            let close = ">".repeat(depth * open.matches('<').count());
            format!("{api}types:\n  T:\n    fields:\n      t: {{ type: \"{}string{close}\" }}\n", open.repeat(depth))
        }),
        (1usize..100_000).prop_map(move |len| format!("{api}description: {}\n", "é".repeat(len))),
        (1usize..2_000).prop_map(move |keys| {
            let fields: String = (0..keys).map(|i| format!("      f{i}: {{ type: string }}\n")).collect();
            format!("{api}types:\n  T:\n    fields:\n{fields}")
        }),
        (1usize..5_000).prop_map(move |depth| format!("{api}description: |\n  \"\ntypes: {}\n", "[".repeat(depth))),
        (1usize..5_000).prop_map(move |depth| format!("{api}types: {{}}\ntypes: {{}}\nx: {}1\n", "- ".repeat(depth))),
        (1usize..5_000).prop_map(|types| {
            let types: String =
                (0..types).map(|i| format!(r#""T{i}": {{"fields": {{"f": {{"type": "string"}}}}}}, "#)).collect();
            let api = r#""api": {"name": "t", "title": "T", "base_url": "https://x.test", "auth": {"bearer": true}}"#;
            format!(r#"{{{api}, "types": {{{types}"Last": {{"fields": {{"f": {{"type": "Nope"}}}}}}}}}}"#)
        }),
        (1usize..2_000).prop_map(move |keys| {
            let fields: String = (0..keys).map(|i| format!("      f{i}: {{ type: string }}\n")).collect();
            format!("{api}types:\n  T:\n    fields:\n{fields}{fields}")
        }),
        (1usize..12).prop_map(move |levels| {
            // Each level refers to the one before it twice: 2^levels nodes once expanded.
            let mut text = format!("{api}x0: &a0 [a, b]\n");
            for i in 1..levels {
                text.push_str(&format!("x{i}: &a{i} [*a{}, *a{}]\n", i - 1, i - 1));
            }
            text.push_str(&format!("types: *a{}\n", levels - 1));
            text
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_structure_never_crashes(text in hostile_structure()) {
        let generated = generator::generate_sources(vec![("spec/api.yaml".into(), text.clone())]);
        let head: String = text.chars().take(300).collect();
        prop_assert!(holds(&generated), "no output and no located error for:\n{head}…\n{:?}", generated.diagnostics);
        // A diagnostic keeps a window of a long line, not a copy of it.
        for d in &generated.diagnostics {
            let kept = d.location.as_ref().map_or(0, |l| l.excerpt().0.len());
            prop_assert!(kept <= 200, "{kept} bytes of the line kept by {d}");
        }
    }

    #[test]
    fn arbitrary_yaml_documents(value in yaml_value(), raw in "\\PC{0,200}") {
        let document = serde_yaml::to_string(&value).unwrap();
        for text in [document, raw] {
            let generated = generator::generate_sources(vec![("spec/api.yaml".into(), text.clone())]);
            prop_assert!(holds(&generated), "no output and no located error for:\n{text}\n{:?}", generated.diagnostics);
        }
    }

    #[test]
    fn mutations_of_the_real_spec(file in any::<prop::sample::Index>(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut sources = real_spec();
        let index = file.index(sources.len());
        let mut text = sources[index].1.clone();
        for mutation in &mutations {
            text = apply(&text, mutation);
        }
        sources[index].1 = text;
        let generated = generator::generate_sources(sources);
        prop_assert!(holds(&generated), "{mutations:?}: {:?}", generated.diagnostics);
    }
}
