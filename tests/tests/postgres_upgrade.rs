//! A PostgreSQL journal made by the migrations before the claim cursor (0001 to 0009), with a
//! campaign killed mid-run (rows sent, rows in flight at two workers killed with SIGKILL,
//! rows pending), is opened by this wamm, upgraded in place (0010, 0011) and resumed: the dead
//! workers' rows in flight become `unknown`, every pending row is sent once, nothing sent
//! before is sent again, no row is lost.
//!
//! The mid-run journal is made by running the campaign with this wamm and taking its schema
//! back to what 0009 left (the cursor's column dropped, so the upgrade starts every claim
//! from the campaign's first line again; the recipients' foreign key back in place of the
//! trigger that deletes them with their campaign, and the events' key to their delivery);
//! the test first checks that the schema is then
//! exactly that of a database where only the migrations 0001 to 0009 ran.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use wamm_e2e::{TOKEN, code, text, workspace_root};
use wamm_sandbox::{Sandbox, SandboxConfig};

const CAMPAIGN: &str = wamm_e2e::campaign_toml!(
    "upgrade",
    400,
    16,
    "[retry]\nmax_attempts = 8\nbase_delay_ms = 20\n"
);

const ROWS: usize = 2000;

/// What undoes migrations 0010 and 0011, leaving the schema as 0009 left it.
const BACK_TO_0009: &str = "
    DROP TRIGGER campaign_deleted ON wamm.campaigns;
    DROP FUNCTION wamm.delete_campaign_recipients();
    ALTER TABLE wamm.recipients ADD CONSTRAINT recipients_campaign_id_fkey
        FOREIGN KEY (campaign_id) REFERENCES wamm.campaigns (id) ON DELETE CASCADE;
    ALTER TABLE wamm.webhook_events ADD CONSTRAINT webhook_events_delivery_fkey
        FOREIGN KEY (delivery) REFERENCES wamm.webhook_deliveries (id);
    ALTER TABLE wamm.campaigns DROP COLUMN claim_from;
    DELETE FROM wamm.schema_migrations WHERE version >= 10;";

fn psql(url: &str, sql: &str) -> String {
    let out = Command::new("psql")
        .args([url, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "psql: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The schema `wamm` as `pg_dump` writes it, without comments and session settings.
fn schema(url: &str) -> String {
    let out = Command::new("pg_dump")
        .args([url, "--schema-only", "--schema=wamm", "--no-owner"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pg_dump: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.starts_with("--") && !l.starts_with('\\') && !l.starts_with("SET "))
        .filter(|l| !l.starts_with("SELECT pg_catalog.set_config"))
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A database where only the migrations up to 0009 ran, as wamm runs them.
fn only_old_migrations(url: &str) {
    let mut sql = String::from(
        "CREATE SCHEMA IF NOT EXISTS wamm;
         CREATE TABLE IF NOT EXISTS wamm.schema_migrations (
             version integer PRIMARY KEY, applied_ms bigint NOT NULL);\n",
    );
    let dir = workspace_root().join("crates/marketing/migrations/postgres");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let version: i32 = name[..4].parse().unwrap();
        if version > 9 {
            continue;
        }
        sql.push_str(&std::fs::read_to_string(&file).unwrap());
        sql.push_str(&format!(
            "\nINSERT INTO wamm.schema_migrations VALUES ({version}, 0);\n"
        ));
    }
    let out = Command::new("psql")
        .args([url, "-Xq", "-v", "ON_ERROR_STOP=1", "-1"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(sql.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn campaign_command(sandbox: &Sandbox, url: &str, args: &[&str]) -> Command {
    wamm_e2e::campaign_command(sandbox, url, args)
}

/// Rows of the campaign by state, read with `psql`.
fn states(url: &str) -> HashMap<String, u64> {
    psql(
        url,
        "SELECT state, count(*) FROM wamm.recipients GROUP BY state",
    )
    .lines()
    .filter_map(|l| {
        let (state, n) = l.split_once('|')?;
        Some((state.to_string(), n.parse().ok()?))
    })
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_journal_of_migrations_1_to_9_killed_mid_run_upgrades_and_resumes_exactly_once() {
    let (Some(url), Some(reference)) = (
        wamm_testkit::postgres::database("upgrade to 0010, mid-run"),
        wamm_testkit::postgres::database("upgrade to 0010, reference"),
    ) else {
        return;
    };
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        mps: 5000,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("campaign.toml"), CAMPAIGN).unwrap();
    let mut csv = String::from("phone,first_name\n");
    for i in 0..ROWS {
        csv.push_str(&format!("4477009{i:05},Name{i}\n"));
    }
    let list = dir.path().join("recipients.csv");
    std::fs::write(&list, csv).unwrap();
    let campaign = dir.path().join("campaign.toml");
    let (campaign, list) = (path(&campaign), path(&list));

    // Mid-run: the run that loads the list and a worker that joined it, both killed with
    // rows in flight.
    let spawn = |args: &[&str]| {
        campaign_command(&sandbox, &url, args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut loader = spawn(&["run", "--campaign", &campaign, "--recipients", &list]);
    let deadline = Instant::now() + Duration::from_secs(120);
    while psql(
        &url,
        "SELECT count(*) FROM pg_tables WHERE tablename = 'workers' AND schemaname = 'wamm'",
    ) != "1"
        || psql(&url, "SELECT count(*) FROM wamm.campaigns") != "1"
    {
        assert!(Instant::now() < deadline, "the campaign never appeared");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut worker = spawn(&["worker"]);
    while sandbox.stats().created < ROWS as u64 / 3 {
        assert!(Instant::now() < deadline, "too slow");
        assert!(matches!(loader.try_wait(), Ok(None)), "the run ended early");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Frozen until rows are in flight, then killed.
    loop {
        for child in [&loader, &worker] {
            signal(child.id(), "STOP");
        }
        if states(&url).get("in_flight").copied().unwrap_or(0) > 0 || Instant::now() > deadline {
            break;
        }
        for child in [&loader, &worker] {
            signal(child.id(), "CONT");
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    for child in [&mut loader, &mut worker] {
        child.kill().unwrap();
        let _ = child.wait();
    }
    let created_before = sandbox.stats().created;

    // Back to the schema 0009 left; it is exactly a database's of migrations 1 to 9.
    psql(&url, BACK_TO_0009);
    only_old_migrations(&reference);
    assert_eq!(schema(&url), schema(&reference));
    let before = states(&url);
    let in_flight = before.get("in_flight").copied().unwrap_or(0);
    assert!(in_flight > 0, "{before:?}");
    assert!(before.get("sent").copied().unwrap_or(0) > 0, "{before:?}");
    assert!(
        before.get("pending").copied().unwrap_or(0) > 0,
        "{before:?}"
    );
    // The dead workers' leases still run: only their closed connections show them gone.
    assert_eq!(
        psql(
            &url,
            "SELECT count(*) FROM wamm.workers WHERE ended_ms IS NULL AND lease_until_ms > (extract(epoch from now()) * 1000)::bigint"
        ),
        "2"
    );

    // This wamm upgrades the journal and resumes it to the end.
    let mut complete = false;
    for _ in 0..5 {
        let out = wamm_e2e::finished(campaign_command(
            &sandbox,
            &url,
            &["resume", "--recipients", &list],
        ))
        .await;
        let (stdout, stderr) = text(&out);
        let summary: Value =
            serde_json::from_str(stdout.trim()).unwrap_or_else(|_| panic!("{stdout}\n{stderr}"));
        assert!(matches!(code(&out), 0 | 5), "{stderr}");
        if summary["complete"] == true {
            complete = true;
            break;
        }
    }
    assert!(complete, "the resumed campaign never completed");
    assert_eq!(
        psql(&url, "SELECT max(version) FROM wamm.schema_migrations"),
        "11"
    );
    // The foreign keys checked per row loaded and per event received are gone; the trigger
    // that replaces the recipients' cascade is there.
    assert_eq!(
        psql(
            &url,
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f'
             AND conrelid IN ('wamm.recipients'::regclass, 'wamm.webhook_events'::regclass)"
        ),
        "0"
    );
    assert_eq!(
        psql(
            &url,
            "SELECT count(*) FROM pg_trigger WHERE tgname = 'campaign_deleted'"
        ),
        "1"
    );
    // The cursor went past every row the resume claimed.
    assert_ne!(psql(&url, "SELECT claim_from FROM wamm.campaigns"), "0");

    // Exactly once: no recipient has two messages; every row is sent or unknown (the rows
    // in flight at the kill, and only those); what was sent is what the server created.
    let messages = sandbox.messages();
    let mut by_user: HashMap<String, usize> = HashMap::new();
    for m in &messages {
        *by_user.entry(m.user.clone()).or_default() += 1;
    }
    assert!(
        by_user.values().all(|n| *n == 1),
        "a recipient got two messages"
    );
    let after = states(&url);
    eprintln!("before the upgrade: {before:?}; after the resume: {after:?}");
    let unknown = after.get("unknown").copied().unwrap_or(0);
    let sent = after.get("sent").copied().unwrap_or(0);
    assert_eq!(sent + unknown, ROWS as u64, "{after:?}");
    assert_eq!(
        unknown, in_flight,
        "the rows in flight, and only those: {after:?}"
    );
    assert!(messages.len() as u64 >= sent && messages.len() as u64 <= sent + unknown);
    assert!(messages.len() as u64 > created_before);
    assert_eq!(
        psql(
            &url,
            "SELECT count(*) FROM wamm.recipients WHERE state = 'unknown' AND reason NOT LIKE 'in flight when an earlier run stopped%'"
        ),
        "0"
    );
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

fn signal(pid: u32, name: &str) {
    let status = Command::new("kill")
        .args([format!("-{name}"), pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{name} {pid}");
}
