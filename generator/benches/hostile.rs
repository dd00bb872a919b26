//! Hostile input against the generator and the importer (issue 20: every stage linear in its
//! input): for each shape, at 1, 4 and 16 MB, the time of the stage (generate, or import, with
//! every kept diagnostic rendered) and the process's peak memory, as a markdown table; the
//! diagnostics counted include those only counted, past the first thousand of a severity.
//!
//! `cargo bench -p generator --bench hostile`, or name shapes and sizes in MB:
//! `cargo bench -p generator --bench hostile -- flow_bomb 1 4`.
//!
//! Each case runs in a child process (this binary again, with `--case SHAPE BYTES`), so that its
//! peak resident memory (`VmHWM`) is its own and not that of the cases before it. The peak
//! includes the input itself and the process's baseline (a few MB).

use std::process::Command;
use std::time::Instant;

const MB: usize = 1 << 20;

/// Builds a shape's text at a size in bytes.
type Build = fn(usize) -> String;

/// The shapes: name, what is measured, and how to build it at a size.
const SHAPES: &[(&str, Stage, Build)] = &[
    ("minified_openapi", Stage::Import, minified_openapi),
    ("one_line_spec_unknown_type", Stage::Generate, one_line_spec_unknown_type),
    ("one_line_colliding_enum_values", Stage::Generate, one_line_colliding_enum_values),
    ("one_line_duplicate_enum_values", Stage::Generate, one_line_duplicate_enum_values),
    ("one_line_enum_colliding_at_the_end", Stage::Generate, one_line_enum_colliding_at_the_end),
    ("wide_union_of_one_type", Stage::Generate, wide_union_of_one_type),
    ("many_duplicate_keys", Stage::Generate, many_duplicate_keys),
    ("many_warnings", Stage::Generate, many_warnings),
    ("many_colliding_type_names", Stage::Generate, many_colliding_type_names),
    ("many_keys_one_unknown_type", Stage::Generate, many_keys_one_unknown_type),
    ("deep_block_sequence_duplicate_key", Stage::Generate, deep_block_sequence),
    ("deep_indented_maps", Stage::Generate, deep_indented_maps),
    ("flow_bomb", Stage::Generate, flow_bomb),
    ("block_scalar_hides_a_flow_bomb", Stage::Generate, block_scalar_quote_bomb),
    ("flow_bomb_import_yaml", Stage::Import, flow_bomb_yaml_doc),
];

#[derive(Clone, Copy)]
enum Stage {
    Generate,
    Import,
}

const API: &str = "api: { name: t, title: T, base_url: \"https://x.test\", auth: { bearer: true } }\n";

/// `unit(i)` repeated until the text is `size` bytes, between `head` and `tail`.
fn fill(size: usize, head: &str, tail: &str, unit: impl Fn(usize) -> String) -> String {
    let mut text = head.to_string();
    let mut i = 0;
    while text.len() + tail.len() < size {
        text.push_str(&unit(i));
        i += 1;
    }
    text.push_str(tail);
    text
}

/// An OpenAPI document on one line, as APIs.guru serves them, whose operations all share one
/// `operationId` (a warning each) and refer to a schema each.
fn minified_openapi(size: usize) -> String {
    let head = r#"{"openapi":"3.0.3","info":{"title":"Hostile API","version":"1"},"paths":{"#;
    let mut text = fill(size.saturating_sub(size / 3), head, "", |i| {
        let comma = if i == 0 { "" } else { "," };
        format!(
            r##"{comma}"/r{i}/{{id}}":{{"get":{{"operationId":"get","parameters":[{{"name":"id","in":"path","required":true,"schema":{{"type":"string"}}}}],"responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/S{i}"}}}}}}}}}}}}}}"##
        )
    });
    let operations = text.matches("\"get\":").count();
    text.push_str(r#"},"components":{"schemas":{"#);
    for i in 0..operations {
        let comma = if i == 0 { "" } else { "," };
        text.push_str(&format!(
            r#"{comma}"S{i}":{{"type":"object","properties":{{"a":{{"type":"string"}},"b":{{"type":"integer"}}}}}}"#
        ));
    }
    text.push_str("}}}");
    text
}

/// A spec written as one line of JSON, with one unknown type at its end.
fn one_line_spec_unknown_type(size: usize) -> String {
    let head = r#"{"api":{"name":"t","title":"T","base_url":"https://x.test","auth":{"bearer":true}},"types":{"#;
    let tail = r#""Last":{"description":"d","fields":{"f":{"type":"Nope","description":"d"}}}}}"#;
    fill(size, head, tail, |i| {
        format!(r#""T{i}":{{"description":"d","fields":{{"f":{{"type":"string","description":"d"}}}}}},"#)
    })
}

/// One enum whose values, all on one line, collide in pairs once cased (`v1`, `V1`).
fn one_line_colliding_enum_values(size: usize) -> String {
    fill(size, &format!("{API}enums:\n  E:\n    values: {{ "), "}\n", |i| format!("v{i}: , V{i}: , "))
}

/// One enum of distinct values on one line, the last of which collides with the first once
/// cased: every value is lowered before the one error (a lookup per value in a list of those
/// before it would be quadratic).
fn one_line_enum_colliding_at_the_end(size: usize) -> String {
    fill(size, &format!("{API}enums:\n  E:\n    values: {{ "), "V0: }\n", |i| format!("v{i}: , "))
}

/// One union of many variants that all hold the same type: every variant after the first is an
/// error, found by looking its type up among those before it.
fn wide_union_of_one_type(size: usize) -> String {
    fill(size, &format!("{API}types:\n  U:\n    one_of:\n"), "", |i| format!("      v{i}: string\n"))
}

/// One enum whose values, all on one line, are each given twice: a diagnostic each.
fn one_line_duplicate_enum_values(size: usize) -> String {
    fill(size, &format!("{API}enums:\n  E:\n    values: {{ "), "}\n", |i| format!("v{i}: , v{i}: , "))
}

/// One key given twice, many times over.
fn many_duplicate_keys(size: usize) -> String {
    fill(size, &format!("{API}types:\n  T:\n    fields:\n"), "", |i| {
        format!("      f{i}: {{ type: string }}\n      f{i}: {{ type: string }}\n")
    })
}

/// Types without a description: a warning each, longer than the type's text.
fn many_warnings(size: usize) -> String {
    fill(size, &format!("{API}types:\n"), "  Last: { fields: { f: { type: Nope } } }\n", |i| {
        format!("  T{i}: {{ fields: {{ f: {{ type: string }} }} }}\n")
    })
}

/// Type names that collide in pairs once cased (`t_1`, `T1`).
fn many_colliding_type_names(size: usize) -> String {
    fill(size, &format!("{API}types:\n"), "", |i| {
        let ty = "    description: d\n    fields:\n      a: { type: string, description: d }\n";
        format!("  t_{i}:\n{ty}  T{i}:\n{ty}")
    })
}

/// Many fields, and one unknown type at the end.
fn many_keys_one_unknown_type(size: usize) -> String {
    let tail = "      last: { type: Nope, description: d }\n";
    let head = format!("{API}types:\n  T:\n    description: d\n    fields:\n");
    fill(size, &head, tail, |i| format!("      f{i}: {{ type: string, description: d }}\n"))
}

/// `- - - - …` on one line, after a key given twice.
fn deep_block_sequence(size: usize) -> String {
    fill(size, &format!("{API}types: {{}}\ntypes: {{}}\ndescription:\n  "), "x\n", |_| "- ".to_string())
}

/// Mappings indented one more space per level, as deep as the size allows.
fn deep_indented_maps(size: usize) -> String {
    fill(size, &format!("{API}types:\n"), "", |i| format!("{}k{i}:\n", " ".repeat(i + 1)))
}

/// `[[[[…` on one line.
fn flow_bomb(size: usize) -> String {
    fill(size, &format!("{API}types: "), "\n", |_| "[".to_string())
}

/// A `"` opening a line of a block scalar, then `[[[[…` (the old text pre-scan took the `"` for
/// a quote and counted none of the brackets).
fn block_scalar_quote_bomb(size: usize) -> String {
    fill(size, &format!("{API}description: |\n  \"\ntypes: "), "\n", |_| "[".to_string())
}

/// An OpenAPI document in YAML ending in `[[[[…`.
fn flow_bomb_yaml_doc(size: usize) -> String {
    fill(size, "openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths: ", "\n", |_| "[".to_string())
}

/// Runs one case in this process and prints `seconds peak_bytes diagnostics`.
fn run_case(shape: &str, size: usize) {
    let Some(&(_, stage, build)) = SHAPES.iter().find(|(name, ..)| *name == shape) else {
        panic!("no shape `{shape}`");
    };
    let text = build(size);
    let started = Instant::now();
    let diagnostics = match stage {
        Stage::Generate => generator::generate_sources(vec![("spec/api.yaml".into(), text)]).diagnostics,
        Stage::Import => generator::import::import_text("api.json", text).diagnostics,
    };
    let rendered: usize = diagnostics.iter().map(|d| d.render().len()).sum();
    let seconds = started.elapsed().as_secs_f64();
    let first = diagnostics.iter().find(|d| d.is_error()).or(diagnostics.first());
    let first = first.map_or(String::new(), |d| d.to_string().chars().take(100).collect());
    println!("{seconds} {} {} {rendered} {first}", peak_bytes(), diagnostics.total());
}

/// The process's peak resident memory, from `/proc/self/status`.
fn peak_bytes() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap_or("VmHWM: 0 kB");
    line.split_whitespace().nth(1).and_then(|kb| kb.parse::<usize>().ok()).unwrap_or(0) * 1024
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if let [flag, shape, size] = args.as_slice() {
        if flag == "--case" {
            run_case(shape, size.parse().expect("a size in bytes"));
            return;
        }
    }
    let shapes: Vec<&str> = args.iter().filter(|a| a.parse::<usize>().is_err()).map(String::as_str).collect();
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![1, 4, 16];
    }
    let me = std::env::current_exe().expect("the bench's own path");
    println!("| shape | MB | stage | seconds | s/MB | peak MB | × input | diagnostics | first |");
    println!("|---|---:|---|---:|---:|---:|---:|---:|---|");
    for &(name, stage, _) in SHAPES.iter().filter(|(name, ..)| shapes.is_empty() || shapes.contains(name)) {
        for &mb in &sizes {
            let size = mb * MB;
            let output = Command::new(&me).args(["--case", name, &size.to_string()]).output().expect("a child");
            let stdout = String::from_utf8_lossy(&output.stdout);
            let fields: Vec<&str> = stdout.trim().splitn(5, ' ').collect();
            let stage = match stage {
                Stage::Generate => "generate",
                Stage::Import => "import",
            };
            match fields.as_slice() {
                [seconds, peak, count, _, first] => {
                    let seconds: f64 = seconds.parse().unwrap_or(f64::NAN);
                    let peak: f64 = peak.parse().unwrap_or(f64::NAN);
                    println!(
                        "| {name} | {mb} | {stage} | {seconds:.2} | {:.3} | {:.0} | {:.1} | {count} | {} |",
                        seconds / mb as f64,
                        peak / MB as f64,
                        peak / size as f64,
                        first.replace('|', "\\|")
                    );
                }
                _ => println!(
                    "| {name} | {mb} | {stage} | failed: {} | | | | | |",
                    String::from_utf8_lossy(&output.stderr).lines().last().unwrap_or("?")
                ),
            }
        }
    }
}
