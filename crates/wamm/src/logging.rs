//! Logs: the one `tracing` subscriber of the process, set up before any command runs.
//!
//! Logs go to stderr, never stdout: stdout carries what a command prints for people and
//! programs (reports, `--json`, the `listening on` line scripts read). `RUST_LOG`, when set,
//! chooses the levels; otherwise warnings and errors are shown, and `-v` adds wamm's own
//! debug events. `--log-format json` writes one JSON object per line for log collectors.
//!
//! The sandbox library never installs a subscriber (only its own binary does), so `wamm
//! sandbox` and `wamm demo` log through this one.

use std::io::IsTerminal;

use clap::{ColorChoice, ValueEnum};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::filter::{Directive, LevelFilter};

/// How log lines are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One readable line per event
    #[default]
    Text,
    /// One JSON object per line, for machines
    Json,
}

/// Our crates, by the target name their events carry.
const OWN_TARGETS: [&str; 4] = ["wamm", "marketing", "wamm_client", "wamm_sandbox"];

/// Libraries whose debug and trace output says more than an operator should store: the
/// PostgreSQL client logs every statement with its parameters (recipients' numbers, message
/// bodies) and the server's notices, and the connection layers log each packet. A bare level
/// in `RUST_LOG` (`RUST_LOG=trace`) reaches them only up to these; naming one
/// (`RUST_LOG=tokio_postgres=debug`) reaches it fully. A cap never raises a level.
const CAPPED_TARGETS: [(&str, LevelFilter); 7] = [
    ("tokio_postgres", LevelFilter::INFO),
    // Its default notice handler logs the server's NOTICEs ("schema wamm already exists,
    // skipping") at info.
    ("postgres", LevelFilter::WARN),
    ("rustls", LevelFilter::INFO),
    ("hyper", LevelFilter::INFO),
    ("hyper_util", LevelFilter::INFO),
    ("h2", LevelFilter::INFO),
    ("reqwest", LevelFilter::DEBUG),
];

/// Installs the process's subscriber. `verbose` is `-v`; `color` is `--color`.
pub fn init(format: LogFormat, verbose: bool, color: ColorChoice) {
    let (filter, problem) = filter(std::env::var("RUST_LOG").ok().as_deref(), verbose);
    let ansi = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second subscriber (there is none in this binary) would only lose our logs: ignore it.
    let _ = match format {
        LogFormat::Text => builder.with_ansi(ansi).try_init(),
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
    if let Some(problem) = problem {
        tracing::warn!(%problem, "RUST_LOG is not understood; using the default levels");
    }
}

/// The filter for `rust_log` (the variable's value, if set) and `-v`, and what was wrong
/// with `rust_log` when it did not parse.
fn filter(rust_log: Option<&str>, verbose: bool) -> (EnvFilter, Option<String>) {
    let default = || {
        let mut filter = EnvFilter::new("warn");
        if verbose {
            for target in OWN_TARGETS {
                filter = filter.add_directive(directive(&format!("{target}=debug")));
            }
        }
        filter
    };
    let (mut filter, problem) = match rust_log.map(str::trim).filter(|s| !s.is_empty()) {
        None => (default(), None),
        Some(given) => match EnvFilter::try_new(given) {
            Ok(filter) => (filter, None),
            Err(error) => (default(), Some(error.to_string())),
        },
    };
    let given = rust_log.unwrap_or_default();
    // Without a bare level, targets RUST_LOG does not name are off: nothing to cap. Without
    // RUST_LOG, the default (warn) is below every cap.
    if let Some(bare) = problem.is_none().then(|| bare_level(given)).flatten() {
        for (target, cap) in CAPPED_TARGETS {
            if bare > cap && !names_target(given, target) {
                filter = filter.add_directive(directive(&format!("{target}={cap}")));
            }
        }
    }
    (filter, problem)
}

/// The last bare level of a `RUST_LOG` value (`trace` in `marketing=info,trace`).
fn bare_level(rust_log: &str) -> Option<LevelFilter> {
    rust_log
        .split(',')
        .filter_map(|part| part.trim().parse::<LevelFilter>().ok())
        .next_back()
}

/// Whether a `RUST_LOG` value has a directive for `target` by name.
fn names_target(rust_log: &str, target: &str) -> bool {
    rust_log.split(',').any(|part| {
        let name = part.trim().split(['=', '[']).next().unwrap_or_default();
        name == target || name.starts_with(&format!("{target}::"))
    })
}

fn directive(text: &str) -> Directive {
    text.parse()
        .expect("our own directives are written correctly")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    fn shown(rust_log: Option<&str>, verbose: bool) -> String {
        filter(rust_log, verbose).0.to_string()
    }

    #[test]
    fn the_default_is_warnings_and_v_raises_our_crates_to_debug() {
        assert_eq!(shown(None, false), "warn");
        let loud = shown(None, true);
        for target in OWN_TARGETS {
            assert!(loud.contains(&format!("{target}=debug")), "{loud}");
        }
        assert!(!loud.contains("reqwest"), "{loud}");
    }

    #[test]
    fn a_bare_level_reaches_the_capped_libraries_only_up_to_their_cap() {
        let trace = shown(Some("trace"), false);
        assert!(trace.contains("tokio_postgres=info"), "{trace}");
        assert!(trace.contains("postgres=warn"), "{trace}");
        assert!(trace.contains("reqwest=debug"), "{trace}");
        // A cap never raises: at info, reqwest stays at info.
        let info = shown(Some("info"), false);
        assert!(!info.contains("reqwest"), "{info}");
        assert!(info.contains("postgres=warn"), "{info}");
        // Named, a library is reached fully; unnamed without a bare level, it stays off.
        let named = shown(Some("trace,tokio_postgres=debug"), false);
        assert!(!named.contains("tokio_postgres=info"), "{named}");
        assert_eq!(shown(Some("marketing=debug"), false), "marketing=debug");
    }

    #[test]
    fn a_bad_rust_log_falls_back_to_the_default_and_says_why() {
        let (filter, problem) = filter(Some("marketing=loud"), false);
        assert!(problem.is_some());
        assert_eq!(filter.to_string(), "warn");
    }

    proptest! {
        /// Whatever RUST_LOG holds, building the filter never panics.
        #[test]
        fn any_rust_log_builds_a_filter(value in ".{0,60}", verbose: bool) {
            let _ = filter(Some(&value), verbose);
            let _ = names_target(&value, "postgres");
        }
    }
}
