//! `cargo xtask codegen [--check]`: openapi.yaml -> crates/client/src/generated.rs.
//! (`--evolve-check` is its own job, in `evolve.rs`.)

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use openapiv3::OpenAPI;
use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TypeImpl};

use crate::normalise::normalise;

pub(crate) const SPEC: &str = "openapi.yaml";
pub(crate) const OUTPUT: &str = "crates/client/src/generated.rs";
const FIX: &str = "cargo xtask codegen";

/// First line of the generated file; `--check` and reviewers rely on it.
const HEADER: &str = "// @generated from openapi.yaml by `cargo xtask codegen`. Do not edit by hand: \
edit openapi.yaml and rerun `cargo xtask codegen`.\n";

/// Runs the generator; with `check`, compares instead of writing.
pub fn run(root: &Path, check: bool) -> Result<ExitCode> {
    let spec_path = root.join(SPEC);
    let output_path = root.join(OUTPUT);
    let generated = generate(&spec_path)?;

    if !check {
        let unchanged = fs::read_to_string(&output_path).is_ok_and(|old| old == generated);
        if unchanged {
            eprintln!("{OUTPUT} is up to date");
        } else {
            fs::write(&output_path, &generated)
                .with_context(|| format!("cannot write {}", output_path.display()))?;
            eprintln!("wrote {OUTPUT}");
        }
        return Ok(ExitCode::SUCCESS);
    }

    let committed = fs::read_to_string(&output_path).unwrap_or_default();
    if committed == generated {
        eprintln!("{OUTPUT} matches {SPEC}");
        return Ok(ExitCode::SUCCESS);
    }
    let diff = similar::TextDiff::from_lines(&committed, &generated);
    print!(
        "{}",
        diff.unified_diff()
            .context_radius(3)
            .header(&format!("a/{OUTPUT}"), &format!("b/{OUTPUT} (from {SPEC})"))
    );
    eprintln!("error: {OUTPUT} is stale: it differs from what {SPEC} generates (diff above).");
    eprintln!("       Run `{FIX}` and commit the result.");
    Ok(ExitCode::FAILURE)
}

/// Produces the full text of the generated file from the spec at `spec_path`, printing each
/// normalisation step.
pub fn generate(spec_path: &Path) -> Result<String> {
    generate_with(spec_path, true)
}

/// [`generate`], printing the normalisation steps only when `verbose` (the evolve check has
/// no use for them: they are the same as for the real spec).
pub fn generate_with(spec_path: &Path, verbose: bool) -> Result<String> {
    let text = fs::read_to_string(spec_path)
        .with_context(|| format!("cannot read {}", spec_path.display()))?;
    let mut spec: OpenAPI = serde_yaml_ng::from_str(&text)
        .map_err(|err| anyhow!("{}: not a valid OpenAPI 3.0 document: {err}", SPEC))?;

    let open_enums = crate::open_enums::find(&spec);
    for change in normalise(&mut spec) {
        if verbose {
            eprintln!("normalised: {change}");
        }
    }

    let mut settings = settings();
    // See `normalise::send_checked_body`.
    settings.with_replacement(
        crate::normalise::CHECKED_BODY_SCHEMA,
        "crate::CheckedBody",
        std::iter::empty(),
    );
    for open in &open_enums {
        // Meta adds values: a closed enum would fail a whole response on a new one.
        settings.with_replacement(
            &open.name,
            format!("crate::{}", open.name),
            [TypeImpl::Display, TypeImpl::FromStr].into_iter(),
        );
        if verbose {
            eprintln!(
                "open enum: {} (known values, or any other string)",
                open.name
            );
        }
    }
    let mut tokens = catch_generator_panic(|| Generator::new(&settings).generate_tokens(&spec))?
        .map_err(|err| anyhow!("progenitor cannot generate a client from {SPEC}: {err}"))?;
    tokens.extend(open_enums.iter().map(crate::open_enums::generate));
    let file: syn::File =
        syn::parse2(tokens).context("progenitor produced Rust code that does not parse")?;
    Ok(format!("{HEADER}{}", prettyplease::unparse(&file)))
}

/// The generator settings; each choice is explained in design.md.
fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        // wamm-client implements ClientHooks itself (to strip the `api-version` header and
        // to show `-v` the exchange as sent and received); forgetting to would be a compile
        // error rather than a silent default.
        .with_hooks(HooksMode::Expected)
        // What the hooks need: the optional observer of each exchange.
        .with_inner_type(
            "crate::Hooks"
                .parse::<proc_macro2::TokenStream>()
                .expect("a Rust path"),
        )
        .with_derive("schemars::JsonSchema")
        .with_derive("PartialEq");
    settings
}

/// progenitor reports some problems by panicking. Turn a panic into an error that names the
/// spec, without the backtrace noise of the default hook.
fn catch_generator_panic<T>(generate: impl FnOnce() -> T) -> Result<T> {
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let outcome = panic::catch_unwind(AssertUnwindSafe(generate));
    panic::set_hook(previous_hook);
    match outcome {
        Ok(value) => Ok(value),
        Err(payload) => {
            let reason = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_string());
            bail!(
                "progenitor panicked while generating from {SPEC}: {reason}\n\
                 This usually means the spec uses something progenitor does not support; \
                 adapt it in xtask/src/normalise.rs (and say so) rather than bending openapi.yaml."
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> std::path::PathBuf {
        crate::workspace_root()
    }

    #[test]
    fn generation_is_deterministic_and_matches_the_committed_file() {
        let first = generate(&root().join(SPEC)).expect("generates");
        let second = generate(&root().join(SPEC)).expect("generates");
        assert_eq!(
            first, second,
            "two runs on the same spec must give the same bytes"
        );
        assert!(first.starts_with("// @generated from openapi.yaml by `cargo xtask codegen`"));
        let committed = fs::read_to_string(root().join(OUTPUT)).expect("committed file");
        assert!(committed == first, "{OUTPUT} is stale: run `{FIX}`");
    }

    /// Generates from `spec` written to a temporary file (`tag` keeps parallel tests apart).
    fn generate_edited(spec: &str, tag: &str) -> String {
        let dir = std::env::temp_dir().join(format!("wamm-xtask-{tag}-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("openapi.yaml");
        fs::write(&path, spec).unwrap();
        let generated = generate(&path).expect("edited spec generates");
        fs::remove_dir_all(&dir).ok();
        generated
    }

    #[test]
    fn a_new_response_property_changes_the_generated_code() {
        let spec = fs::read_to_string(root().join(SPEC)).unwrap();
        let anchor = "        messaging_product:\n          type: string\n          description: Always `whatsapp`.\n        contacts:";
        assert!(spec.contains(anchor), "anchor moved; update this test");
        let edited = spec.replacen(
            anchor,
            "        pricing_tier:\n          type: string\n          description: A new field.\n        messaging_product:\n          type: string\n          description: Always `whatsapp`.\n        contacts:",
            1,
        );
        let generated = generate_edited(&edited, "field");
        assert!(
            generated.contains("pub pricing_tier: ::std::option::Option<::std::string::String>")
        );
        assert_ne!(generated, fs::read_to_string(root().join(OUTPUT)).unwrap());
    }

    #[test]
    fn an_edited_path_changes_the_url_the_operation_posts_to() {
        // wamm sends through the generated operation, so the URL in its format string is the
        // URL every send goes to: a path edit in openapi.yaml moves every send.
        let spec = fs::read_to_string(root().join(SPEC)).unwrap();
        let old = "  /{Version}/{Phone-Number-ID}/marketing_messages:\n";
        assert!(spec.contains(old), "anchor moved; update this test");
        let edited = spec.replacen(
            old,
            "  /{Version}/{Phone-Number-ID}/marketing_messages_v2:\n",
            1,
        );
        let generated = generate_edited(&edited, "path");
        let committed = fs::read_to_string(root().join(OUTPUT)).unwrap();
        assert!(committed.contains("\"{}/{}/{}/marketing_messages\", client.baseurl"));
        assert!(generated.contains("\"{}/{}/{}/marketing_messages_v2\", client.baseurl"));
    }

    #[test]
    fn an_invalid_spec_is_a_readable_error() {
        let dir = std::env::temp_dir().join(format!("wamm-xtask-bad-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("openapi.yaml");
        fs::write(&path, "openapi: 3.0.3\ninfo: [not, a, mapping]\n").unwrap();
        let err = generate(&path).unwrap_err().to_string();
        fs::remove_dir_all(&dir).ok();
        assert!(err.contains("not a valid OpenAPI 3.0 document"), "{err}");
    }

    #[test]
    fn a_generator_panic_becomes_an_error() {
        let err = catch_generator_panic(|| -> u8 { panic!("not yet implemented: multipart") })
            .unwrap_err()
            .to_string();
        assert!(err.contains("progenitor panicked"), "{err}");
        assert!(err.contains("not yet implemented: multipart"), "{err}");
    }
}
