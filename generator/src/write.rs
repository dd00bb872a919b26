//! Writing the output directory safely: only files that carry the generator's marker are ever
//! changed or removed, unchanged files are left alone (so cargo does not rebuild them), and every
//! write goes to a temporary file that is then renamed over the old one.

use std::borrow::Cow;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::emit::OutputFile;
use crate::marker;

/// What a run would do to the output directory. It borrows the rendered files rather than copy
/// them: for a large API they are most of the generator's memory.
#[derive(Debug, Default)]
pub struct Plan<'a> {
    /// Files to create or rewrite, with their new contents.
    pub writes: Vec<(PathBuf, Cow<'a, str>)>,
    /// Generated files the spec no longer produces.
    pub removals: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
}

/// Compares `files` with what is in `out`. Fails if a file to write exists without the marker.
pub fn plan<'a>(out: &Path, files: &'a [OutputFile]) -> Result<Plan<'a>, String> {
    let mut plan = Plan::default();
    for file in files {
        let path = out.join(&file.path);
        match fs::read_to_string(&path) {
            Ok(old) if old == file.contents => plan.unchanged += 1,
            Ok(old) if file.manifest => match crate::emit::manifest::update(&old, &file.contents) {
                Ok(updated) if updated == old => plan.unchanged += 1,
                Ok(updated) => plan.writes.push((path, Cow::Owned(updated))),
                Err(e) => return Err(format!("`{}`: {e}", path.display())),
            },
            Ok(old) if !marker::is_generated(&old) => {
                return Err(format!(
                    "refusing to overwrite `{}`: it was not written by the generator (it does not start with its \
                     `@generated` mark); move it away or delete it",
                    path.display()
                ));
            }
            Ok(_) => plan.writes.push((path, Cow::Borrowed(&file.contents))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                plan.writes.push((path, Cow::Borrowed(&file.contents)))
            }
            Err(e) => return Err(format!("cannot read `{}`: {e}", path.display())),
        }
    }
    let wanted: Vec<PathBuf> = files.iter().map(|f| out.join(&f.path)).collect();
    for existing in generated_files(out)? {
        if !wanted.contains(&existing) {
            plan.removals.push(existing);
        }
    }
    Ok(plan)
}

/// Files under `dir` (skipping `target` and hidden folders) that carry the generator's mark.
fn generated_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("cannot list `{}`: {e}", dir.display())),
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if path.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    pending.push(path);
                }
            } else if (name.ends_with(".rs") || name.ends_with(".json")) && carries_mark(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Reads only the file's head: an output folder may hold large files that are not ours.
fn carries_mark(path: &Path) -> bool {
    let mut head = Vec::with_capacity(marker::HEAD_BYTES);
    let read = fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, marker::HEAD_BYTES as u64), &mut head));
    read.is_ok() && marker::is_generated(&String::from_utf8_lossy(&head))
}

impl Plan<'_> {
    /// Whether the output directory is already exactly what the spec produces.
    pub fn is_fresh(&self) -> bool {
        self.writes.is_empty() && self.removals.is_empty()
    }

    /// Carries the plan out: atomic writes, then removals.
    pub fn apply(&self) -> Result<(), String> {
        for (path, contents) in &self.writes {
            write_atomically(path, contents).map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        }
        for path in &self.removals {
            fs::remove_file(path).map_err(|e| format!("cannot remove `{}`: {e}", path.display()))?;
        }
        Ok(())
    }

    /// A unified diff of what applying the plan would change.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for (path, contents) in &self.writes {
            // Read again rather than kept from planning: only `--check` needs the old text.
            let old = fs::read_to_string(path).unwrap_or_default();
            let shown = path.display().to_string();
            let diff = similar::TextDiff::from_lines(old.as_str(), contents);
            out.push_str(
                &diff.unified_diff().context_radius(2).header(&shown, &format!("{shown} (from spec)")).to_string(),
            );
        }
        for path in &self.removals {
            out.push_str(&format!("--- {}\n+++ /dev/null (no longer produced by the spec)\n", path.display()));
        }
        out
    }
}

fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(contents.as_bytes())?;
    let permissions = match fs::metadata(path) {
        Ok(old) => old.permissions(),
        Err(_) => default_permissions(temp.as_file())?,
    };
    temp.as_file().set_permissions(permissions)?;
    // No fsync: the rename is what keeps a reader from ever seeing half a file, and a generated
    // crate lost to a power cut is regenerated in a second. Syncing 2,000 files would triple the
    // time of writing them.
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Temporary files are created private (0600 on Unix); a new output file gets 0644 like any other.
fn default_permissions(temp: &fs::File) -> std::io::Result<fs::Permissions> {
    #[cfg(unix)]
    {
        let _ = temp;
        Ok(std::os::unix::fs::PermissionsExt::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        Ok(temp.metadata()?.permissions())
    }
}
