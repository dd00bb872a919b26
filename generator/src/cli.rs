//! The command line: parse flags, run the pipeline, print diagnostics, one summary line and, when
//! the output changes, the API change report (`changes`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::changes::Report;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::emit::OutputFile;

/// Generates the typed Rust client under `generated/` from the API spec under `spec/`.
#[derive(Debug, Parser)]
#[command(name = "generator", version, about)]
pub struct Args {
    /// Something other than generating.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The spec directory: every `*.yaml` file in it is read.
    #[arg(long, value_name = "DIR", default_value = "spec")]
    pub spec: PathBuf,
    /// The crate directory to write into.
    #[arg(long, value_name = "DIR", default_value = "generated")]
    pub out: PathBuf,
    /// Write nothing; exit with status 1 and show a diff and the API change report if the output is
    /// not what the spec produces.
    #[arg(long)]
    pub check: bool,
    /// Write nothing; print only the API change report (for CI comments and pre-commit hooks).
    #[arg(long, conflicts_with = "check")]
    pub report_only: bool,
    /// Treat warnings (missing descriptions and the like) as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Exit with status 1, writing nothing, when the API change breaks users.
    #[arg(long)]
    pub deny_breaking: bool,
}

/// The other things the generator does.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a synthetic spec of N operations, modelled on Update a customer, for benchmarks.
    Synth {
        /// How many operations (rounded up to whole resources of five).
        #[arg(long)]
        operations: usize,
        /// The folder to write the spec into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Put every operation in one file (the layout of an API imported from one document)
        /// rather than a file per resource of five.
        #[arg(long)]
        one_file: bool,
    },
    /// Write spec files for an OpenAPI 3.0 or 3.1 or a Swagger 2.0 document (JSON or YAML), to curate by hand.
    Import {
        /// The OpenAPI (or Swagger 2.0) document.
        file: PathBuf,
        /// The folder to write the spec into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Overwrite spec files that already exist in the folder.
        #[arg(long)]
        force: bool,
        /// Treat warnings (anything of the document not kept) as errors: exit with status 1,
        /// writing nothing.
        #[arg(long)]
        deny_warnings: bool,
    },
}

/// The most diagnostics printed by one run.
pub const MAX_SHOWN: usize = 50;

/// Exit status: success.
pub const OK: u8 = 0;
/// Exit status: the spec is broken, `--check` found stale output, `--deny-breaking` found a
/// breaking change, or a file could not be written.
pub const FAILED: u8 = 1;
/// Exit status: the command line was wrong.
pub const USAGE: u8 = 2;

/// Runs the generator as `args` (program name first) say, writing to `stdout` and `stderr`, and
/// returns the process exit status. `main` is a thin wrapper around this, so tests run it in-process.
pub fn run(args: impl IntoIterator<Item = String>, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8 {
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) => {
            // `--help` and `--version` also arrive here, as "errors" meant for stdout.
            if e.use_stderr() {
                let _ = write!(stderr, "{}", e.render());
                return USAGE;
            }
            let _ = write!(stdout, "{}", e.render());
            return OK;
        }
    };
    match &args.command {
        Some(Command::Synth { operations, out, one_file }) => {
            let layout = if *one_file { crate::synth::Layout::OneFile } else { crate::synth::Layout::FilePerResource };
            return synth(*operations, layout, out, stdout, stderr);
        }
        Some(Command::Import { file, out, force, deny_warnings }) => {
            return import(file, out, Flags { force: *force, deny_warnings: *deny_warnings }, stdout, stderr);
        }
        None => {}
    }
    let started = Instant::now();
    let generated = crate::generate(&args.spec);
    let (warnings, errors) = print_diagnostics(&generated.diagnostics, stderr);
    let Some(output) = generated.output else {
        let _ = writeln!(stderr, "error: the spec has {} error(s); nothing was written", errors.max(1));
        return FAILED;
    };
    if args.deny_warnings && warnings > 0 {
        let _ = writeln!(stderr, "error: {warnings} warning(s) denied by --deny-warnings; nothing was written");
        return FAILED;
    }
    let plan = match crate::write::plan(&args.out, &output.files) {
        Ok(plan) => plan,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return FAILED;
        }
    };
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    let what = format!(
        "{} endpoint(s) and {} type(s) from {} spec file(s)",
        output.endpoints, output.types, output.spec_files
    );
    if plan.is_fresh() && (args.check || args.report_only) {
        let _ = writeln!(stdout, "{} is up to date: {what} ({elapsed:.0} ms)", args.out.display());
        return OK;
    }
    // Nothing changes, nothing to report: the run below only says so.
    let report = (!plan.is_fresh()).then(|| changes(&args.out, &output.files));
    let denied = args.deny_breaking && report.as_ref().is_some_and(Report::is_breaking);
    let report = report.map_or(String::new(), |r| r.to_string());
    if args.report_only {
        let _ = write!(stdout, "{report}");
        return if denied { FAILED } else { OK };
    }
    if args.check {
        let _ = write!(stderr, "{}", plan.diff());
        let _ = writeln!(
            stderr,
            "error: {} is stale: {} file(s) differ from what the spec produces, {} would be removed; \
             run `cargo run -p generator` and commit the result",
            args.out.display(),
            plan.writes.len(),
            plan.removals.len()
        );
        let _ = write!(stderr, "{report}");
        return FAILED;
    }
    if denied {
        let _ = write!(stderr, "{report}");
        let _ = writeln!(stderr, "error: the API change breaks users, denied by --deny-breaking; nothing was written");
        return FAILED;
    }
    if let Err(e) = plan.apply() {
        let _ = writeln!(stderr, "error: {e}");
        return FAILED;
    }
    let _ = writeln!(
        stdout,
        "wrote {}: {what}; {} file(s) changed, {} unchanged, {} removed ({elapsed:.0} ms)",
        args.out.display(),
        plan.writes.len(),
        plan.unchanged,
        plan.removals.len()
    );
    let _ = write!(stdout, "{report}");
    OK
}

/// The API change from the `openapi.json` in `out` to the one in `files`. Read before anything
/// is written: the committed document is the baseline.
fn changes(out: &Path, files: &[OutputFile]) -> Report {
    let read = |name: &str| std::fs::read_to_string(out.join(name)).ok();
    let new = files.iter().find(|f| f.path == OPENAPI).map_or("", |f| f.contents.as_str());
    let baseline = out.join(OPENAPI).display().to_string();
    crate::changes::report(&baseline, read(OPENAPI).as_deref(), new, read("Cargo.toml").as_deref())
}

/// The document the report compares.
const OPENAPI: &str = "openapi.json";

/// Prints errors, then warnings, at most [`MAX_SHOWN`]; returns how many warnings and errors
/// there are, shown or not.
pub fn print_diagnostics(diagnostics: &Diagnostics, stderr: &mut dyn Write) -> (usize, usize) {
    let (warnings, errors): (Vec<&Diagnostic>, Vec<&Diagnostic>) = diagnostics.iter().partition(|d| !d.is_error());
    // Past a point, more diagnostics hide the first ones, which are usually the cause.
    for diagnostic in errors.iter().chain(&warnings).take(MAX_SHOWN) {
        let _ = writeln!(stderr, "{}\n", diagnostic.render());
    }
    let hidden = diagnostics.total().saturating_sub(MAX_SHOWN);
    if hidden > 0 {
        let _ = writeln!(stderr, "note: {hidden} more diagnostic(s) not shown; fix the ones above first\n");
    }
    (diagnostics.warnings(), diagnostics.errors())
}

/// The flags of `import`.
struct Flags {
    force: bool,
    deny_warnings: bool,
}

/// How many extensions the note after an import names; the others are counted.
const EXTENSIONS_NAMED: usize = 10;

/// After an import's diagnostics: the warnings by kind, most frequent first, and a note of the
/// `x-` extensions it does not read (only counted: a document may have thousands).
fn print_import_summary(imported: &crate::import::Imported, warnings: usize, stderr: &mut dyn Write) {
    if warnings > 0 {
        let _ = writeln!(stderr, "{warnings} warning(s), by kind:");
        for (kind, count) in &imported.kinds {
            let _ = writeln!(stderr, "  {count:>5} × {kind}");
        }
    }
    let extensions = &imported.extensions;
    if extensions.is_empty() {
        return;
    }
    let keys: usize = extensions.iter().map(|e| e.count).sum();
    let mut named: Vec<String> = extensions
        .iter()
        .take(EXTENSIONS_NAMED)
        .map(|e| format!("`{}` × {} (first at {}:{}:{})", e.name, e.count, e.first.path, e.first.line, e.first.column))
        .collect();
    if extensions.len() > EXTENSIONS_NAMED {
        named.push(format!("and {} more", extensions.len() - EXTENSIONS_NAMED));
    }
    let _ = writeln!(
        stderr,
        "note: {keys} key(s) of {} extension(s) the importer does not read are left out: {}",
        extensions.len(),
        named.join(", ")
    );
}

fn import(
    file: &std::path::Path,
    out: &std::path::Path,
    flags: Flags,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let started = Instant::now();
    let imported = crate::import::import_file(file);
    let (warnings, errors) = print_diagnostics(&imported.diagnostics, stderr);
    print_import_summary(&imported, warnings, stderr);
    if imported.files.is_empty() {
        let _ = writeln!(stderr, "error: nothing usable came out of `{}`; nothing was written", file.display());
        return FAILED;
    }
    if flags.deny_warnings && warnings > 0 {
        let _ = writeln!(stderr, "error: {warnings} warning(s) denied by --deny-warnings; nothing was written");
        return FAILED;
    }
    let force = flags.force;
    let existing: Vec<String> = imported
        .files
        .iter()
        .filter(|(name, _)| out.join(name).exists())
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    if !existing.is_empty() && !force {
        let _ = writeln!(
            stderr,
            "error: `{}` already has {}; nothing was written (pass `--force` to overwrite)",
            out.display(),
            existing.join(", ")
        );
        return FAILED;
    }
    let written = std::fs::create_dir_all(out)
        .and_then(|()| imported.files.iter().try_for_each(|(name, text)| std::fs::write(out.join(name), text)));
    if let Err(e) = written {
        let _ = writeln!(stderr, "error: cannot write to `{}`: {e}", out.display());
        return FAILED;
    }
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    let _ = writeln!(
        stdout,
        "imported {} operation(s) and {} type(s) from {} into {}: {} file(s); {} warning(s), {} error(s), {} operation(s) \
         skipped ({elapsed:.0} ms); check it with `cargo run -p generator -- --spec {} --out CRATE_DIR`",
        imported.operations,
        imported.types,
        file.display(),
        out.display(),
        imported.files.len(),
        warnings,
        errors,
        imported.skipped,
        out.display()
    );
    OK
}

fn synth(
    operations: usize,
    layout: crate::synth::Layout,
    out: &std::path::Path,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let files = crate::synth::spec_in(operations, layout);
    let written = std::fs::create_dir_all(out)
        .and_then(|()| files.iter().try_for_each(|(name, text)| std::fs::write(out.join(name), text)));
    match written {
        Ok(()) => {
            let _ = writeln!(
                stdout,
                "wrote a spec of {operations} operation(s) in {} file(s) to {}",
                files.len(),
                out.display()
            );
            OK
        }
        Err(e) => {
            let _ = writeln!(stderr, "error: cannot write to `{}`: {e}", out.display());
            FAILED
        }
    }
}
