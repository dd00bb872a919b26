//! The version bump a change calls for, by cargo's rules: from 1.0 on, major.minor.patch as
//! usual; before 1.0 cargo shifts them one place right (0.x → 0.(x+1) is breaking, 0.x.y →
//! 0.x.(y+1) is compatible), and in 0.0.z every release is breaking.

use semver::Version;
use serde::Deserialize;

use super::Class;

/// The three levels of change, named as semver names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Breaks some callers.
    Major,
    /// Adds without breaking.
    Minor,
    /// Neither: docs, or nothing callers see.
    Patch,
}

impl Level {
    /// The level of the strongest class of change.
    pub fn of(class: Class) -> Level {
        match class {
            Class::Breaking => Level::Major,
            Class::Additive => Level::Minor,
            Class::Docs => Level::Patch,
        }
    }

    /// As the report writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Major => "major",
            Level::Minor => "minor",
            Level::Patch => "patch",
        }
    }
}

/// The `semver:` line: the level, and the version it suggests when `manifest` (the crate's
/// `Cargo.toml`) says which version is current.
pub fn line(level: Level, manifest: Option<&str>) -> String {
    let current = manifest.and_then(|text| toml::from_str::<Manifest>(text).ok()).map(|m| m.package.version);
    let Some(current) = current else {
        return format!("semver: {} (the crate's Cargo.toml gives no version to bump)", level.as_str());
    };
    let Ok(version) = Version::parse(&current) else {
        return format!("semver: {} (the crate's version `{current}` is not a semantic version)", level.as_str());
    };
    let next = next(&version, level);
    let why = match (version.major, version.minor, level) {
        (0, 0, _) => "; in 0.0.z, cargo treats every release as breaking",
        (0, _, Level::Major) => "; before 1.0, cargo treats a 0.x minor bump as breaking",
        (0, _, Level::Minor) => "; before 1.0, cargo takes additions in a patch bump",
        _ => "",
    };
    format!("semver: {} → {next} (from {version}{why})", level.as_str())
}

/// The next version for a change of `level`.
pub fn next(version: &Version, level: Level) -> Version {
    let (major, minor, patch) = (version.major, version.minor, version.patch);
    let (major, minor, patch) = match (major, minor, level) {
        (0, 0, _) => (0, 0, patch + 1),
        (0, _, Level::Major) => (0, minor + 1, 0),
        (0, _, _) => (0, minor, patch + 1),
        (_, _, Level::Major) => (major + 1, 0, 0),
        (_, _, Level::Minor) => (major, minor + 1, 0),
        (_, _, Level::Patch) => (major, minor, patch + 1),
    };
    Version::new(major, minor, patch)
}

#[derive(Deserialize)]
struct Manifest {
    package: Package,
}

#[derive(Deserialize)]
struct Package {
    version: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bump(version: &str, level: Level) -> String {
        next(&Version::parse(version).unwrap(), level).to_string()
    }

    #[test]
    fn follows_cargo_before_and_after_1_0() {
        assert_eq!(bump("0.1.0", Level::Major), "0.2.0");
        assert_eq!(bump("0.1.0", Level::Minor), "0.1.1");
        assert_eq!(bump("0.1.3", Level::Patch), "0.1.4");
        assert_eq!(bump("0.0.3", Level::Minor), "0.0.4");
        assert_eq!(bump("1.2.3", Level::Major), "2.0.0");
        assert_eq!(bump("1.2.3", Level::Minor), "1.3.0");
        assert_eq!(bump("1.2.3-rc.1", Level::Patch), "1.2.4");
    }

    #[test]
    fn reads_the_version_from_the_manifest() {
        let manifest = "[package]\nname = \"x\"\nversion = \"0.1.0\"\n";
        assert!(line(Level::Major, Some(manifest)).starts_with("semver: major → 0.2.0 (from 0.1.0"));
        assert!(line(Level::Minor, None).contains("no version"));
    }
}
