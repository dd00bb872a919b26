//! The generator end to end on synthetic specs of N operations, in both layouts (a file per
//! resource of five operations, and every operation in one file): time per stage (median of
//! several runs), peak heap memory, and lines of Rust per operation.
//!
//! `cargo bench -p generator --bench pipeline` (N = 1, 100, 1000, 10000), or pass the Ns:
//! `cargo bench -p generator --bench pipeline -- 1000`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use generator::diagnostic::Diagnostic;
use generator::synth::Layout as SpecLayout;

/// The system allocator, counting live bytes and their peak while `COUNTING` is set. Counting
/// makes both threads update shared atomics on every allocation, which slows the generator down
/// several times over, so timed runs leave it off and one extra run measures memory alone.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            let live = if new_size >= layout.size() {
                LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size()
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed).saturating_sub(layout.size() - new_size)
            };
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// The peak heap of one untimed run: live bytes are counted from its start (frees of older
/// allocations are not seen, so the count can only overstate).
fn peak_heap(spec: &std::path::Path, out: &std::path::Path) -> usize {
    LIVE.store(0, Ordering::Relaxed);
    PEAK.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    run(spec, out);
    COUNTING.store(false, Ordering::Relaxed);
    PEAK.load(Ordering::Relaxed)
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One run's figures.
#[derive(Default, Clone, Copy)]
struct Run {
    read: Duration,
    lower: Duration,
    render: Duration,
    write: Duration,
    total: Duration,
    tokens: Duration,
    parse: Duration,
    print: Duration,
    lines: usize,
}

fn run(spec: &std::path::Path, out: &std::path::Path) -> Run {
    let _ = std::fs::remove_dir_all(out);
    // Let the file system finish with the previous run's files before this one is timed.
    let _ = std::process::Command::new("sync").status();
    let started = Instant::now();

    let (files, mut diagnostics) = generator::spec::load_dir(spec);
    let read = started.elapsed();
    let api = generator::lower::lower(&files, &mut diagnostics).expect("the synthetic spec is valid");
    assert!(!diagnostics.iter().any(Diagnostic::is_error));
    drop(files); // as `generator::generate` does once the model is built
    let lowered = started.elapsed();
    let (rendered, timings) = generator::emit::render_timed(&api).expect("renders");
    let emitted = started.elapsed();
    let plan = generator::write::plan(out, &rendered).expect("plans");
    plan.apply().expect("writes");
    let total = started.elapsed();

    // The generated code only: the runtime copied beside it is the same for every API.
    let generated =
        |f: &&generator::emit::OutputFile| f.path.ends_with(".rs") && !generator::runtime::is_runtime_file(&f.path);
    let lines = rendered.iter().filter(generated).map(|f| f.contents.lines().count()).sum();
    Run {
        read,
        lower: lowered - read,
        render: emitted - lowered,
        write: total - emitted,
        total,
        tokens: timings.tokens,
        parse: timings.parse,
        print: timings.print,
        lines,
    }
}

fn median(runs: &[Run], stage: impl Fn(&Run) -> Duration) -> Duration {
    let mut values: Vec<Duration> = runs.iter().map(stage).collect();
    values.sort();
    values[values.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![1, 100, 1_000, 10_000] } else { sizes };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "generator pipeline, {cores} core(s); times in ms, medians; tokens/parse/print are CPU time summed over threads\n"
    );
    println!(
        "| operations | layout | read | lower | render | write | total | (tokens | parse | print) | peak heap MiB | lines/op |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut totals = Vec::new();
    let layouts = [(SpecLayout::FilePerResource, "files of 5"), (SpecLayout::OneFile, "one file")];
    for (n, (layout, layout_name)) in sizes.iter().flat_map(|&n| layouts.iter().map(move |&l| (n, l))) {
        let dir = tempfile::tempdir().unwrap();
        let spec = dir.path().join("spec");
        std::fs::create_dir(&spec).unwrap();
        for (name, text) in generator::synth::spec_in(n, layout) {
            std::fs::write(spec.join(name), text).unwrap();
        }
        let out = dir.path().join("out");
        let repeats = if n >= 10_000 { 3 } else { 7 };
        let runs: Vec<Run> = (0..repeats).map(|_| run(&spec, &out)).collect();
        let peak = peak_heap(&spec, &out);
        let total = median(&runs, |r| r.total);
        totals.push((n, layout_name, total));
        println!(
            "| {n} | {layout_name} | {} | {} | {} | {} | **{}** | {} | {} | {} | {:.1} | {:.0} |",
            ms(median(&runs, |r| r.read)),
            ms(median(&runs, |r| r.lower)),
            ms(median(&runs, |r| r.render)),
            ms(median(&runs, |r| r.write)),
            ms(total),
            ms(median(&runs, |r| r.tokens)),
            ms(median(&runs, |r| r.parse)),
            ms(median(&runs, |r| r.print)),
            peak as f64 / (1024.0 * 1024.0),
            runs[0].lines as f64 / n as f64,
        );
    }
    println!();
    for (_, name) in layouts {
        let mine: Vec<(usize, Duration)> =
            totals.iter().filter(|(_, l, _)| *l == name).map(|&(n, _, t)| (n, t)).collect();
        for pair in mine.windows(2) {
            let ((a, ta), (b, tb)) = (pair[0], pair[1]);
            if a >= 100 {
                println!(
                    "{name}: {b} vs {a} operations: {:.1}× the operations took {:.1}× the time",
                    b as f64 / a as f64,
                    tb.as_secs_f64() / ta.as_secs_f64()
                );
            }
        }
    }
}
