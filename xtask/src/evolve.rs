//! `cargo xtask codegen --evolve-check`: proves that a change Meta calls additive needs no hand
//! edit anywhere in the workspace.
//!
//! A scratch copy of the workspace's sources gets a grown spec: one new optional property on
//! every object schema, one new value in every open enum, and one new operation. The client is
//! regenerated from it, and `cargo check --workspace --all-targets` must pass. It fails where
//! hand-written code builds a generated type with a struct literal, destructures one without
//! `..`, or matches an open enum without an arm for values it does not know.
//!
//! The copy and its build live under `<target>/evolve-check/` (`<target>` is `CARGO_TARGET_DIR`,
//! or the workspace's `target/`): `workspace/` holds the sources, `target/` the copy's own
//! build. Its own target directory matters: two copies sharing one were seen to link each
//! other's artifacts. Both persist, and a file is rewritten only when its bytes change, so a
//! rerun rebuilds only what changed since the last one.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde_yaml_ng::{Mapping, Value};

use crate::codegen::{OUTPUT, SPEC};

/// The property added to every object schema. Its name says where it came from when it shows
/// up in a compiler message.
const ADDED_PROPERTY: &str = "evolve_check_added_field";
/// The value added to every open enum.
const ADDED_VALUE: &str = "evolve_check_added_value";
/// The path of the operation added to the spec.
const ADDED_PATH: &str = "/evolve_check/added_operation";

/// Runs the check from the workspace at `root`.
pub fn run(root: &Path) -> Result<ExitCode> {
    let started = Instant::now();
    let base = target_dir(root).join("evolve-check");
    let copy = base.join("workspace");
    let copy_target = base.join("target");

    // The spec and the generated client are written below, grown: copying the originals
    // first would touch them on every run and rebuild every crate.
    let copied = sync_sources(root, &copy, &[SPEC, OUTPUT])?;
    eprintln!("evolve check: {copied} source files in {}", copy.display());

    let spec_text = fs::read_to_string(root.join(SPEC))
        .with_context(|| format!("cannot read {}", root.join(SPEC).display()))?;
    let (grown, changes) = grow(&spec_text)?;
    eprintln!(
        "evolve check: {} object schemas gain `{ADDED_PROPERTY}`, {} open enums gain \
         `{ADDED_VALUE}`, one operation `GET {ADDED_PATH}` is added",
        changes.objects, changes.open_enums
    );
    write_if_changed(&copy.join(SPEC), grown.as_bytes())?;
    let generated = crate::codegen::generate_with(&copy.join(SPEC), false)
        .context("the grown spec does not generate: progenitor cannot take an additive change")?;
    write_if_changed(&copy.join(OUTPUT), generated.as_bytes())?;

    eprintln!(
        "evolve check: cargo check --workspace --all-targets (CARGO_TARGET_DIR={})",
        copy_target.display()
    );
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args([
            "check",
            "--workspace",
            "--all-targets",
            // Every crate that can be checked is, so one run names every file to edit.
            "--keep-going",
            "--message-format",
            "short",
        ])
        .current_dir(&copy)
        .env("CARGO_TARGET_DIR", &copy_target)
        // The copy is built as it stands: no flags from the caller's build leak in.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .stdout(Stdio::inherit())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run cargo check in the scratch copy")?;
    // Passed through as it comes (a cold build takes minutes), and kept for the file names.
    let mut stderr = String::new();
    if let Some(pipe) = cargo.stderr.take() {
        for line in BufReader::new(pipe).lines() {
            let line = line.context("cannot read cargo's output")?;
            eprintln!("{line}");
            stderr.push_str(&line);
            stderr.push('\n');
        }
    }
    let status = cargo.wait().context("cargo check in the scratch copy")?;
    let seconds = started.elapsed().as_secs_f64();

    if status.success() {
        eprintln!(
            "evolve check: passed in {seconds:.0} s: an additive spec change needs no hand edit"
        );
        return Ok(ExitCode::SUCCESS);
    }

    let files = files_with_errors(&stderr, &copy);
    eprintln!();
    eprintln!(
        "error: after an additive change to {SPEC} (a new optional field, a new open-enum value, a \
         new operation) the workspace no longer builds ({seconds:.0} s)."
    );
    if files.is_empty() {
        eprintln!("       cargo failed without naming a file; its output is above.");
    } else {
        eprintln!("       These files need a hand edit so that the next change does not:");
        for file in &files {
            eprintln!("         {file}");
        }
    }
    eprintln!(
        "       Build generated types with their builders, `wamm_client::build(types::X::builder()..)` \
         (never a struct literal), destructure them with `..`, and keep a catch-all arm in \
         matches on open enums."
    );
    Ok(ExitCode::FAILURE)
}

/// Where cargo puts the real workspace's build.
fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            }
        }
        None => root.join("target"),
    }
}

/// Makes `copy` hold exactly the workspace's source files (what git tracks plus untracked files
/// it does not ignore, so a check before a commit sees the work in progress). A file whose
/// bytes are unchanged keeps its modification time, so cargo's fingerprints stay fresh.
/// `written_later` are kept but not copied.
fn sync_sources(root: &Path, copy: &Path, written_later: &[&str]) -> Result<usize> {
    let listed = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .current_dir(root)
        .output()
        .context("cannot run git ls-files to list the workspace's sources")?;
    if !listed.status.success() {
        bail!(
            "git ls-files failed in {}: {}",
            root.display(),
            String::from_utf8_lossy(&listed.stderr).trim()
        );
    }
    let mut wanted = HashSet::new();
    for name in listed.stdout.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = std::str::from_utf8(name).context("a file name that is not UTF-8")?;
        let from = root.join(name);
        // Listed by git but deleted in the work tree, or a submodule: not a source here.
        if !from.is_file() {
            continue;
        }
        wanted.insert(PathBuf::from(name));
        if written_later.contains(&name) {
            continue;
        }
        let bytes = fs::read(&from).with_context(|| format!("cannot read {}", from.display()))?;
        write_if_changed(&copy.join(name), &bytes)?;
    }
    remove_others(copy, copy, &wanted)?;
    Ok(wanted.len())
}

/// Deletes the files under `dir` that are not in `wanted` (paths relative to `copy`): a file
/// deleted from the workspace would otherwise live on in the copy (a stale test would still
/// build).
fn remove_others(copy: &Path, dir: &Path, wanted: &HashSet<PathBuf>) -> Result<()> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            remove_others(copy, &path, wanted)?;
            if fs::read_dir(&path)?.next().is_none() {
                fs::remove_dir(&path)?;
            }
        } else if !wanted.contains(path.strip_prefix(copy).unwrap_or(&path)) {
            fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<()> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

/// What [`grow`] changed.
#[derive(Debug, Default, PartialEq)]
struct Changes {
    objects: usize,
    open_enums: usize,
}

/// The spec as Meta might grow it without breaking anyone: every object schema gets a new
/// optional property, every open enum a new value, and the API a new operation.
fn grow(spec: &str) -> Result<(String, Changes)> {
    let mut doc: Value =
        serde_yaml_ng::from_str(spec).with_context(|| format!("{SPEC} is not valid YAML"))?;
    let mut changes = Changes::default();
    grow_schemas(&mut doc, &mut changes);
    add_operation(&mut doc)?;
    let text = serde_yaml_ng::to_string(&doc).context("cannot write the grown spec")?;
    Ok((text, changes))
}

/// Walks the whole document (components and inline schemas alike), skipping examples, which
/// are data rather than schemas.
fn grow_schemas(value: &mut Value, changes: &mut Changes) {
    match value {
        Value::Mapping(map) => {
            if is_object_schema(map)
                && let Some(Value::Mapping(properties)) = map.get_mut("properties")
                && !properties.contains_key(ADDED_PROPERTY)
            {
                properties.insert(ADDED_PROPERTY.into(), added_property());
                changes.objects += 1;
            }
            if map.get("x-open-enum") == Some(&Value::Bool(true))
                && let Some(Value::Sequence(values)) = map.get_mut("enum")
            {
                values.push(ADDED_VALUE.into());
                changes.open_enums += 1;
            }
            for (key, child) in map.iter_mut() {
                if matches!(key.as_str(), Some("example" | "examples")) {
                    continue;
                }
                grow_schemas(child, changes);
            }
        }
        Value::Sequence(items) => {
            for item in items {
                grow_schemas(item, changes);
            }
        }
        _ => {}
    }
}

/// A schema with `properties` whose `type` is `object` or left out.
fn is_object_schema(map: &Mapping) -> bool {
    matches!(map.get("properties"), Some(Value::Mapping(_)))
        && match map.get("type") {
            None => true,
            Some(kind) => kind.as_str() == Some("object"),
        }
}

fn added_property() -> Value {
    let mut property = Mapping::new();
    property.insert("type".into(), "string".into());
    property.insert(
        "description".into(),
        "Added by `cargo xtask codegen --evolve-check`.".into(),
    );
    Value::Mapping(property)
}

/// `GET /evolve_check/added_operation`, answering an object of its own.
fn add_operation(doc: &mut Value) -> Result<()> {
    let operation: Value = serde_yaml_ng::from_str(&format!(
        "get:
  operationId: evolveCheckAddedOperation
  description: Added by `cargo xtask codegen --evolve-check`.
  responses:
    '200':
      description: An object no hand-written code knows.
      content:
        application/json:
          schema:
            type: object
            properties:
              {ADDED_PROPERTY}:
                type: string
"
    ))
    .context("the added operation is not valid YAML")?;
    let Some(Value::Mapping(paths)) = doc.get_mut("paths") else {
        bail!("{SPEC} has no `paths` mapping");
    };
    paths.insert(ADDED_PATH.into(), operation);
    Ok(())
}

/// The workspace-relative files that `cargo check --message-format short` reported errors in.
fn files_with_errors(stderr: &str, copy: &Path) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for line in stderr.lines() {
        // `path:line:col: error[E0063]: missing field ...`
        let Some((location, _)) = line.split_once(": error") else {
            continue;
        };
        let mut parts = location.rsplitn(3, ':');
        let (Some(col), Some(line), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        // A warning whose text happens to hold ": error" has no line and column before it.
        if col.parse::<u32>().is_err() || line.parse::<u32>().is_err() {
            continue;
        }
        let path = Path::new(path.trim());
        let relative = path.strip_prefix(copy).unwrap_or(path);
        files.insert(relative.display().to_string());
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_object_schema_and_open_enum_grows_and_examples_stay_as_they_are() {
        let spec = "\
openapi: 3.0.3
paths: {}
components:
  schemas:
    Outer:
      type: object
      properties:
        inner:
          type: object
          properties:
            id: {type: string}
        status: {$ref: '#/components/schemas/Status'}
      example:
        inner: {properties: {a: 1}}
    Status:
      type: string
      enum: [a, b]
      x-open-enum: true
    Closed:
      type: string
      enum: [x]
    Map:
      type: object
      additionalProperties: {type: string}
";
        let (grown, changes) = grow(spec).unwrap();
        assert_eq!(
            changes,
            Changes {
                objects: 2,
                open_enums: 1
            }
        );
        let doc: Value = serde_yaml_ng::from_str(&grown).unwrap();
        let schemas = &doc["components"]["schemas"];
        assert!(
            schemas["Outer"]["properties"]["inner"]["properties"]
                .get(ADDED_PROPERTY)
                .is_some()
        );
        assert_eq!(
            schemas["Status"]["enum"],
            serde_yaml_ng::from_str::<Value>("[a, b, evolve_check_added_value]").unwrap()
        );
        assert_eq!(schemas["Closed"]["enum"].as_sequence().unwrap().len(), 1);
        assert!(schemas["Map"].get("properties").is_none());
        assert!(
            schemas["Outer"]["example"]["inner"]["properties"]
                .get(ADDED_PROPERTY)
                .is_none()
        );
        assert!(doc["paths"].get(ADDED_PATH).is_some());
    }

    #[test]
    fn the_real_spec_grows_and_still_generates() {
        let root = crate::workspace_root();
        let spec = fs::read_to_string(root.join(SPEC)).unwrap();
        let (grown, changes) = grow(&spec).unwrap();
        assert!(
            changes.objects > 10 && changes.open_enums > 0,
            "{changes:?}"
        );
        let dir = std::env::temp_dir().join(format!("wamm-xtask-evolve-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("openapi.yaml");
        fs::write(&path, grown).unwrap();
        let generated = crate::codegen::generate_with(&path, false);
        fs::remove_dir_all(&dir).ok();
        let generated = generated.expect("the grown spec generates");
        assert!(generated.contains(&format!("pub {ADDED_PROPERTY}:")));
        assert!(generated.contains("evolve_check_added_value"));
        assert!(generated.contains("fn evolve_check_added_operation"));
    }

    #[test]
    fn compiler_messages_name_the_files_to_edit() {
        let copy = Path::new("/tmp/copy");
        let stderr = "\
    Checking wamm-sandbox v0.1.0 (/tmp/copy/crates/sandbox)
/tmp/copy/crates/sandbox/src/endpoint.rs:525:19: error[E0063]: missing field `x` in initializer
crates/marketing/src/components/button.rs:95:14: error[E0063]: missing field `x` in initializer
crates/marketing/src/components/button.rs:99:14: error[E0063]: missing field `x` in initializer
/tmp/copy/crates/wamm/src/main.rs:1:1: warning: unused import
/tmp/copy/crates/wamm/src/lib.rs:2:1: warning: unused import: error_chain
error: could not compile `wamm-sandbox` (lib) due to 1 previous error
";
        let files: Vec<String> = files_with_errors(stderr, copy).into_iter().collect();
        assert_eq!(
            files,
            [
                "crates/marketing/src/components/button.rs",
                "crates/sandbox/src/endpoint.rs"
            ]
        );
    }
}
