//! A journal written by an earlier wamm (before the SQLite journal had numbered migrations),
//! killed mid-run, is opened by this one, upgraded in place and resumed: its rows in flight
//! become `unknown`, every row it had not sent is sent exactly once, nothing it sent is sent
//! again. The fixture and how it was made: `tests/fixtures/journal-438efd7/`.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;
use wamm_e2e::{TOKEN, campaign_report, code, state_count, text, wamm, workspace_root};
use wamm_sandbox::{Sandbox, SandboxConfig};

/// The fixture's lines not yet in its journal (read after the kill): 30 to 41.
const UNREAD: std::ops::RangeInclusive<u64> = 30..=41;

/// A copy of the fixture in a temporary directory: (dir, journal, recipients).
fn fixture() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let from = workspace_root().join("tests/fixtures/journal-438efd7");
    let dir = tempfile::tempdir().unwrap();
    for name in ["journal", "campaign.toml", "recipients.csv"] {
        std::fs::copy(from.join(name), dir.path().join(name)).unwrap();
    }
    let (journal, list) = (
        dir.path().join("journal"),
        dir.path().join("recipients.csv"),
    );
    (dir, journal, list)
}

/// `wamm campaign resume --json` of `journal`, its list moved to `list`: its exit code and
/// summary.
async fn resume(sandbox: &Sandbox, journal: &PathBuf, list: &PathBuf) -> (i32, Value) {
    let mut command = wamm();
    command
        .args(["campaign", "resume", "--json", "--journal"])
        .arg(journal)
        .arg("--recipients")
        .arg(list)
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    let out = wamm_e2e::finished(command).await;
    let (stdout, stderr) = text(&out);
    let summary =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|_| panic!("{stdout}\n{stderr}"));
    (code(&out), summary)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_journal_from_before_migrations_upgrades_and_resumes_exactly_once() {
    let (_dir, journal, list) = fixture();
    let before = campaign_report(&journal);
    assert_eq!(
        (
            state_count(&before, "sent"),
            state_count(&before, "in_flight"),
            state_count(&before, "skipped"),
            state_count(&before, "invalid"),
        ),
        (17, 9, 1, 1),
        "the fixture as committed: {before}"
    );
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();

    // Complete, with the rows that were in flight unknown (exit 5: may have been sent).
    let (exit, summary) = resume(&sandbox, &journal, &list).await;
    assert_eq!(exit, 5, "{summary}");
    assert_eq!(summary["complete"], true, "{summary}");
    assert_eq!(summary["recovered_unknown"], 9, "{summary}");

    // The sandbox saw each unread row once, and nobody else.
    let mut sent: HashMap<String, usize> = HashMap::new();
    for message in sandbox.messages() {
        *sent.entry(message.user).or_default() += 1;
    }
    let expected: HashMap<String, usize> = UNREAD
        .map(|line| (format!("4477009{:05}", line - 2), 1))
        .collect();
    assert_eq!(sent, expected);

    let after = campaign_report(&journal);
    assert_eq!(state_count(&after, "sent"), 17 + UNREAD.count() as u64);
    assert_eq!(state_count(&after, "unknown"), 9);
    assert_eq!(state_count(&after, "in_flight"), 0);
    assert_eq!(state_count(&after, "pending"), 0);
    assert_eq!(state_count(&after, "skipped"), 1);
    assert_eq!(state_count(&after, "invalid"), 1);

    // Upgraded in place: a second resume opens it as it is now and has nothing to send.
    let (_, again) = resume(&sandbox, &journal, &list).await;
    assert_eq!(again["already_complete"], true, "{again}");
    assert_eq!(again["recovered_unknown"], 0, "{again}");
    assert_eq!(
        sandbox.messages().len(),
        UNREAD.count(),
        "nothing sent again"
    );
}
