//! A folder of template files, loaded and checked offline: every file parsed
//! ([`files`]), then the folder's own rules, then Meta's authoring rules
//! (`wamm_client::authoring::review`, the rules the sandbox reviews with), each problem
//! placed on its file's line.
//!
//! The folder's rules:
//!
//! - a file is named `<name>.<language>.toml` after the `name` and `language` inside it, so
//!   that a folder listing shows what it holds and `pull` knows which file is whose;
//! - one file per name and language;
//! - the category is `MARKETING`: the Marketing Messages API sends only marketing templates
//!   (Meta answers others with 134100), so a utility or authentication template kept here
//!   could never be sent by wamm.
//!
//! Files whose name starts with `.` (such as the `.wamm-applied.json` state `apply` keeps)
//! and files not ending in `.toml` are left alone.
//!
//! ```
//! use marketing::templates::folder;
//!
//! let dir = std::env::temp_dir().join(format!("wamm-doc-folder-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("spring_sale.en_US.toml"), r#"
//! name = "spring_sale"
//! language = "en_GB"
//! category = "MARKETING"
//! ttl = "2h"
//!
//! [[components]]
//! type = "BODY"
//! text = "Our spring sale starts today"
//! "#)?;
//! let checked = folder::check(&dir)?;
//! // The language inside differs from the file name, and 2 hours is below Meta's 12.
//! assert_eq!(checked.problems.len(), 2);
//! assert_eq!(checked.problems[0].line, Some(3));
//! assert_eq!(checked.problems[1].path, "ttl");
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), std::io::Error>(())
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use wamm_client::TemplateCategory;

use super::files::{self, FileProblem, TemplateFile};
use super::review;

/// A folder's template files and what is wrong with them.
#[derive(Debug, Default)]
pub struct Folder {
    /// The files that parsed, in file-name order (also those with problems found after
    /// parsing).
    pub files: Vec<TemplateFile>,
    /// Every problem, in file-name order, then line order.
    pub problems: Vec<FileProblem>,
}

impl Folder {
    /// The file for `name` in `language`, if the folder has one.
    pub fn find(&self, name: &str, language: &str) -> Option<&TemplateFile> {
        self.files
            .iter()
            .find(|f| f.template.name == name && f.template.language == language)
    }
}

/// The template files of `dir` (`*.toml`, not starting with `.`), sorted by name.
pub fn paths(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || !name.ends_with(".toml") || !entry.file_type()?.is_file() {
            continue;
        }
        out.push(entry.path());
    }
    out.sort();
    Ok(out)
}

/// Loads every template file of `dir`: those that parse, and a problem for each that does
/// not. Fails only when the folder cannot be read.
pub fn load(dir: &Path) -> std::io::Result<Folder> {
    let mut folder = Folder::default();
    for path in paths(dir)? {
        match files::load(&path) {
            Ok(file) => folder.files.push(file),
            Err(problem) => folder.problems.push(*problem),
        }
    }
    Ok(folder)
}

/// Loads `dir` and checks every file: the folder's rules (see the
/// [module documentation](self)) and Meta's authoring rules. Fails only when the folder
/// cannot be read.
pub fn check(dir: &Path) -> std::io::Result<Folder> {
    let mut folder = load(dir)?;
    let mut seen: BTreeMap<(String, String), PathBuf> = BTreeMap::new();
    for file in &folder.files {
        let t = &file.template;
        folder.problems.extend(file_rules(file));
        let key = (t.name.clone(), t.language.clone());
        if let Some(first) = seen.get(&key) {
            folder.problems.push(file.problem_at(
                "name",
                format!(
                    "{} ({}) is also in {}: one file per template and language",
                    t.name,
                    t.language,
                    first.display()
                ),
            ));
        } else {
            seen.insert(key, file.path.clone());
        }
        for finding in review::review(t) {
            let mut problem = file.problem_at(&finding.path, finding.reason.clone());
            problem.meta_reason = finding
                .rejection
                .map(str::to_string)
                .or_else(|| finding.code.map(|c| format!("refused with code {c}")));
            problem.review = true;
            folder.problems.push(problem);
        }
    }
    folder.problems.sort_by(|a, b| {
        (&a.file, a.line.unwrap_or(0), a.column.unwrap_or(0)).cmp(&(
            &b.file,
            b.line.unwrap_or(0),
            b.column.unwrap_or(0),
        ))
    });
    Ok(folder)
}

/// The rules about a file itself: its name, and the category.
fn file_rules(file: &TemplateFile) -> Vec<FileProblem> {
    let t = &file.template;
    let mut out = Vec::new();
    let expected = files::file_name(&t.name, &t.language);
    let actual = file
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if actual != expected {
        let (stem_name, stem_language) = split_file_name(&actual);
        let path = if stem_name == t.name && stem_language != t.language {
            "language"
        } else {
            "name"
        };
        out.push(file.problem_at(
            path,
            format!(
                "the file is {actual} but holds {} ({}): expected the file name {expected} (<name>.<language>.toml)",
                t.name, t.language
            ),
        ));
    }
    if t.category != TemplateCategory::Marketing {
        out.push(file.problem_at(
            "category",
            format!(
                "{}: expected MARKETING; the Marketing Messages API sends only marketing templates",
                t.category
            ),
        ));
    }
    out
}

/// `spring_sale.en_US.toml` as (`spring_sale`, `en_US`).
fn split_file_name(file: &str) -> (&str, &str) {
    let stem = file.strip_suffix(".toml").unwrap_or(file);
    stem.split_once('.').unwrap_or((stem, ""))
}
