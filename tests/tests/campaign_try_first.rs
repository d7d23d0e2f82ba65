//! Trying a campaign first: `campaign run --dry-run` reads, checks and renders every row and
//! sends nothing, asks the sandbox nothing and leaves no journal, and its counts are the
//! ones a real run of the same campaign then reaches. The real binary against a real sandbox.

use std::collections::BTreeSet;

use serde_json::Value;
use wamm_e2e::{CampaignFiles, TOKEN, campaign_report, code, state_count, text};
use wamm_sandbox::{Sandbox, SandboxConfig};

const CAMPAIGN: &str = wamm_e2e::campaign_toml!("try-first", 0, 4);

/// 30 good rows, then a duplicate written another way, a number too short, an empty name
/// (the template's parameter may not be empty) and a second duplicate.
fn list() -> String {
    let mut csv = String::from("phone,first_name\n");
    for i in 0..30 {
        csv.push_str(&format!("4477009{i:05},Name{i}\n"));
    }
    csv.push_str("+44 7700 900001,Again\n12345,Short\n447700900999,\n447700900002,Twice\n");
    csv
}

fn files_in(dir: &std::path::Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_sends_nothing_leaves_no_journal_and_counts_what_a_run_reaches() {
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let files = CampaignFiles::new(CAMPAIGN, 0);
    std::fs::write(files.path("recipients.csv"), list()).unwrap();
    let dir = files.path("");
    let before = files_in(&dir);
    let export = files.path("rendered.jsonl");

    let mut dry = files.run_command(&sandbox.base_url(), sandbox.phone_number_id());
    dry.args(["--dry-run", "--json", "--export"]).arg(&export);
    let out = wamm_e2e::finished(dry).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    let counts: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(counts["rows"], 34, "{counts}");

    // Nothing reached the sandbox, and the only new file is the export.
    assert_eq!(sandbox.stats().requests, 0, "the dry run made a request");
    assert!(sandbox.messages().is_empty());
    let mut expected = before.clone();
    expected.insert("rendered.jsonl".to_string());
    assert_eq!(files_in(&dir), expected, "the dry run left a file behind");

    // The export has every row, in list order, with the body a run would send.
    let rows: Vec<Value> = std::fs::read_to_string(&export)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 34);
    let lines: Vec<u64> = rows.iter().map(|r| r["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, (2..36).collect::<Vec<u64>>());
    assert_eq!(rows[0]["outcome"], "send");
    assert_eq!(rows[0]["body"]["to"], "447700900000");
    assert_eq!(
        rows[0]["body"]["template"]["components"][0]["parameters"][0]["text"],
        "Name0"
    );
    assert_eq!(rows[30]["outcome"], "skipped", "{}", rows[30]);
    assert_eq!(rows[30]["reason"], "duplicate of line 3");
    assert_eq!(rows[31]["outcome"], "invalid", "{}", rows[31]);

    // A real run reaches the same counts.
    let out =
        wamm_e2e::finished(files.run_command(&sandbox.base_url(), sandbox.phone_number_id())).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    let report = campaign_report(&files.path("journal"));
    for (state, count) in [
        ("sent", "would_send"),
        ("invalid", "invalid"),
        ("skipped", "skipped"),
        ("suppressed", "suppressed"),
    ] {
        assert_eq!(
            state_count(&report, state),
            counts[count].as_u64().unwrap(),
            "{state}: {report}\n{counts}"
        );
    }
    assert_eq!(
        sandbox.messages().len() as u64,
        counts["would_send"].as_u64().unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_refuses_to_export_over_its_list() {
    let files = CampaignFiles::new(CAMPAIGN, 3);
    let mut dry = files.run_command("http://127.0.0.1:9", "106540352242922");
    dry.args(["--dry-run", "--export"])
        .arg(files.path("recipients.csv"));
    let out = wamm_e2e::finished(dry).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 2, "{stdout}\n{stderr}");
    assert!(stderr.contains("--export"), "{stderr}");
    assert!(
        std::fs::read_to_string(files.path("recipients.csv"))
            .unwrap()
            .starts_with("phone,")
    );
    assert!(!files.path("journal").exists());
}

/// Seeds: sent first and apart from the list, at most once per campaign. Without a terminal
/// and without --yes the run stops after them with the list untouched; a resume with the
/// same seeds and --yes sends the list and no seed again; the report counts the list alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeds_go_first_once_and_apart_from_the_list() {
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let files = CampaignFiles::new(CAMPAIGN, 20);
    // Two seeds, one of them also in the list, and one listed twice.
    std::fs::write(
        files.path("seeds.csv"),
        "phone,first_name\n447700988001,Seed\n447700900003,Also listed\n+447700988001,Again\n",
    )
    .unwrap();
    let seeds = files.arg("seeds.csv");
    let mut first = files.run_command(&sandbox.base_url(), sandbox.phone_number_id());
    first
        .args(["--seed", &seeds])
        .stdin(std::process::Stdio::null());
    let out = wamm_e2e::finished(first).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 1, "stops after the seeds: {stdout}\n{stderr}");
    assert!(stderr.contains("resume"), "{stderr}");
    let users: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    assert_eq!(
        users.len(),
        2,
        "each seed once, nothing of the list: {users:?}"
    );
    let report = campaign_report(&files.path("journal"));
    assert_eq!(report["total"], 20, "{report}");
    assert_eq!(state_count(&report, "sent"), 0, "{report}");
    assert_eq!(report["seeds"].as_array().unwrap().len(), 2, "{report}");

    // A resume with the same seeds sends none of them again, and the list once.
    let mut resume = files.command(&sandbox.base_url(), sandbox.phone_number_id(), &["resume"]);
    resume.args(["--seed", &seeds, "--yes"]);
    let out = wamm_e2e::finished(resume).await;
    let (stdout, stderr) = text(&out);
    assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
    let messages = sandbox.messages();
    assert_eq!(messages.len(), 22, "20 rows and 2 seeds");
    let seeded = messages.iter().filter(|m| m.user == "447700988001").count();
    assert_eq!(seeded, 1, "a seed twice");
    let report = campaign_report(&files.path("journal"));
    assert_eq!(state_count(&report, "sent"), 20, "{report}");
    assert!(
        report["seeds"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["state"] == "sent"),
        "{report}"
    );
}
