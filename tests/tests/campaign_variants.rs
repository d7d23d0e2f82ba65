//! Variants and a holdout end to end: the `wamm` binary against a real sandbox. Each recipient
//! gets the message of the variant the campaign's name and their number draw, the same after
//! a kill -9 and a resume as in a run never interrupted; the held-out rows never reach the
//! sandbox; every variant's message is checked against its template before anything is sent.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use wamm_e2e::{TOKEN, code, text, wamm};
use wamm_sandbox::{Sandbox, SandboxConfig};

/// Two variants of `spring_sale` (the same template with other parameters) and a 5 % holdout.
const CAMPAIGN: &str = r#"
name = "variants"
messages_per_second = 0
concurrency = 32
holdout = 0.05

[[variants]]
name = "plain"
weight = 1
[variants.message.template]
name = "spring_sale"
language = { code = "en_US" }
components = [{ type = "body", parameters = [{ type = "text", text = "{{first_name}}" }] }]

[[variants]]
name = "friendly"
weight = 1
[variants.message.template]
name = "spring_sale"
language = { code = "en_US" }
components = [{ type = "body", parameters = [{ type = "text", text = "dear {{first_name}}" }] }]
"#;

struct Files {
    dir: tempfile::TempDir,
    /// `--journal`: the file `journal` in `dir`, or a PostgreSQL URL.
    journal: PathBuf,
}

impl Files {
    fn new(campaign: &str, rows: usize) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("campaign.toml"), campaign).unwrap();
        let mut csv = String::from("phone,first_name\n");
        for i in 0..rows {
            csv.push_str(&format!("4477009{i:05},Name{i}\n"));
        }
        std::fs::write(dir.path().join("recipients.csv"), csv).unwrap();
        let journal = dir.path().join("journal");
        Self { dir, journal }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, sandbox: &Sandbox, args: &[&str]) -> std::process::Command {
        let mut command = wamm();
        command
            .arg("campaign")
            .args(args)
            .arg("--journal")
            .arg(&self.journal)
            .arg("--json")
            .env("WAMM_BASE_URL", sandbox.base_url())
            .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
            .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
        command
    }

    fn run(&self, sandbox: &Sandbox) -> std::process::Command {
        let (campaign, list) = (self.path("campaign.toml"), self.path("recipients.csv"));
        self.command(
            sandbox,
            &[
                "run",
                "--campaign",
                campaign.to_str().unwrap(),
                "--recipients",
                list.to_str().unwrap(),
            ],
        )
    }

    /// Every journal row by line, from `wamm campaign report --export`.
    fn rows(&self) -> HashMap<u64, Value> {
        let export = self.path("export.jsonl");
        let out = wamm()
            .args(["campaign", "report", "--journal"])
            .arg(&self.journal)
            .arg("--export")
            .arg(&export)
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{}", text(&out).1);
        std::fs::read_to_string(&export)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .map(|r| (r["line"].as_u64().unwrap(), r))
            .collect()
    }
}

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        mps: 100_000,
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

/// The phone number on `line` of the list (line 1 is the header).
fn phone(line: u64) -> String {
    format!("4477009{:05}", line - 2)
}

/// Which variant each user got, told apart by the parameter the sandbox received.
fn sent_variants(sandbox: &Sandbox) -> HashMap<String, &'static str> {
    let mut by_user = HashMap::new();
    for m in sandbox.messages() {
        let parameter = m.components[0]["parameters"][0]["text"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let variant = if parameter.starts_with("dear ") {
            "friendly"
        } else {
            "plain"
        };
        assert!(
            by_user.insert(m.user.clone(), variant).is_none(),
            "{} got two messages",
            m.user
        );
    }
    by_user
}

/// The report's groups: name -> rows.
fn groups(files: &Files) -> HashMap<String, u64> {
    let report = wamm_e2e::campaign_report(&files.journal);
    report["variants"]["groups"]
        .as_array()
        .unwrap_or_else(|| panic!("no variants in {report}"))
        .iter()
        .map(|g| {
            (
                g["name"].as_str().unwrap().to_string(),
                g["rows"].as_u64().unwrap(),
            )
        })
        .collect()
}

async fn wait_until_created(sandbox: &Sandbox, created: u64, child: &mut std::process::Child) {
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while sandbox.stats().created < created && std::time::Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn shares_follow_the_weights_and_survive_kill_9_and_resume() {
    let rows = 10_000;
    // A run never interrupted, for the arms to compare with.
    let calm = sandbox().await;
    let calm_files = Files::new(CAMPAIGN, rows);
    let out = wamm_e2e::finished(calm_files.run(&calm)).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let summary: Value = serde_json::from_str(text(&out).0.trim()).unwrap();
    let calm_groups = groups(&calm_files);
    let total: u64 = calm_groups.values().sum();
    assert_eq!(total, rows as u64, "{calm_groups:?}");
    for (name, share) in [("plain", 0.475), ("friendly", 0.475), ("holdout", 0.05)] {
        let got = calm_groups[name] as f64 / rows as f64;
        assert!((got - share).abs() < 0.01, "{name}: {got} against {share}");
    }
    assert_eq!(summary["held_out"], calm_groups["holdout"]);
    let calm_sent = sent_variants(&calm);
    assert_eq!(calm_sent.len() as u64, rows as u64 - calm_groups["holdout"]);

    // The same campaign, killed twice mid-run and resumed.
    let rough = sandbox().await;
    let files = Files::new(CAMPAIGN, rows);
    let mut started = false;
    for kill_at in [2_000u64, 6_000] {
        let mut command = if started && files.path("journal").exists() {
            files.command(&rough, &["resume"])
        } else {
            files.run(&rough)
        };
        started = true;
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().unwrap();
        wait_until_created(&rough, kill_at, &mut child).await;
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
    // The kills landed mid-run: the resumes below have work left.
    let before_resume = rough.stats().created;
    assert!(
        before_resume < 9_000,
        "{before_resume} created before resuming"
    );
    for _ in 0..5 {
        let out = wamm_e2e::finished(files.command(&rough, &["resume"])).await;
        let summary: Value = serde_json::from_str(text(&out).0.trim())
            .unwrap_or_else(|_| panic!("{}", text(&out).1));
        if summary["complete"] == true {
            break;
        }
    }
    let rough_sent = sent_variants(&rough);
    assert!(rough_sent.len() > 9_000, "{}", rough_sent.len());
    // Every message went to the variant the uninterrupted run chose for that recipient.
    for (user, variant) in &rough_sent {
        assert_eq!(calm_sent.get(user), Some(variant), "{user}");
    }
    // The journals agree row by row on who was held out, and those rows reached neither
    // sandbox.
    let (calm_rows, rough_rows) = (calm_files.rows(), files.rows());
    assert_eq!(rough_rows.len(), rows);
    let mut held_out = 0;
    for (line, row) in &calm_rows {
        let rough_row = &rough_rows[line];
        let user = phone(*line);
        if row["state"] == "held_out" {
            held_out += 1;
            assert_eq!(rough_row["state"], "held_out", "line {line}");
            assert!(!calm_sent.contains_key(&user) && !rough_sent.contains_key(&user));
        } else {
            assert_eq!(row["state"], "sent", "{row}");
            assert_ne!(rough_row["state"], "held_out", "line {line}");
        }
    }
    assert_eq!(held_out, calm_groups["holdout"]);
    // The report counts the same rows per variant (a row in flight at a kill is unknown, but
    // in its variant all the same).
    assert_eq!(groups(&files), calm_groups);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_variants_message_is_checked_against_its_template_before_anything_is_sent() {
    let sandbox = sandbox().await;
    // The second variant gives spring_sale two body parameters; it has one.
    let files = Files::new(
        &CAMPAIGN.replace(
            "text = \"dear {{first_name}}\" }",
            "text = \"dear {{first_name}}\" }, { type = \"text\", text = \"x\" }",
        ),
        20,
    );
    let mut command = files.run(&sandbox);
    command.env("WHATSAPP_BUSINESS_ACCOUNT_ID", sandbox.waba_id());
    let out = wamm_e2e::finished(command).await;
    let (stdout, stderr) = text(&out);
    assert_ne!(code(&out), 0, "{stdout}\n{stderr}");
    assert!(stderr.contains("variants[1].message"), "{stderr}");
    assert_eq!(sandbox.stats().created, 0);
    assert!(!files.path("journal").exists());

    // Both variants fit: the run sends.
    let files = Files::new(CAMPAIGN, 20);
    let mut command = files.run(&sandbox);
    command.env("WHATSAPP_BUSINESS_ACCOUNT_ID", sandbox.waba_id());
    let out = wamm_e2e::finished(command).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    assert!(sandbox.stats().created > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_variants_name_the_field_and_create_nothing() {
    let sandbox = sandbox().await;
    for (from, to, expected) in [
        ("weight = 1\n", "weight = 0\n", "__all__"),
        (
            "holdout = 0.05",
            "holdout = 1",
            "holdout: 1, expected a share",
        ),
        (
            "name = \"friendly\"",
            "name = \"plain\"",
            "variants[1].name: \"plain\" is used twice",
        ),
        ("weight = 1\n", "weight = -2\n", "variants[0].weight: -2"),
    ] {
        let campaign = if expected == "__all__" {
            CAMPAIGN.replace(from, to)
        } else {
            CAMPAIGN.replacen(from, to, 1)
        };
        let expected = if expected == "__all__" {
            "variants: every weight is 0"
        } else {
            expected
        };
        let files = Files::new(&campaign, 5);
        let out = wamm_e2e::finished(files.run(&sandbox)).await;
        let (stdout, stderr) = text(&out);
        assert_ne!(code(&out), 0, "{to}: {stdout}");
        assert!(stderr.contains(expected), "{to}: {stderr}");
        assert!(!files.path("journal").exists(), "{to}");
    }
    assert_eq!(sandbox.stats().created, 0);
}

/// Three processes on one PostgreSQL campaign (the loader and two workers) give each
/// recipient the variant a single process gives them, and hold out the same rows.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_workers_agree_with_one_process() {
    let Some(url) = wamm_testkit::postgres::database("variants across workers") else {
        return;
    };
    let rows = 2_000;
    let calm = sandbox().await;
    let calm_files = Files::new(CAMPAIGN, rows);
    let out = wamm_e2e::finished(calm_files.run(&calm)).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let calm_sent = sent_variants(&calm);

    let shared = sandbox().await;
    // Paced, so that the workers join while there is work left.
    let mut files = Files::new(
        &CAMPAIGN.replace("messages_per_second = 0", "messages_per_second = 400"),
        rows,
    );
    files.journal = PathBuf::from(url);
    let spawn = |command: &mut std::process::Command| {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        command.spawn().unwrap()
    };
    let mut children = vec![spawn(&mut files.run(&shared))];
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while shared.stats().created == 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    children.push(spawn(&mut files.command(&shared, &["worker"])));
    children.push(spawn(&mut files.command(&shared, &["worker"])));
    let mut senders = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let (stdout, stderr) = text(&out);
        assert_eq!(code(&out), 0, "{stdout}\n{stderr}");
        let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
        if summary["sent"].as_u64().unwrap() > 0 {
            senders += 1;
        }
    }
    assert!(senders >= 2, "the work was shared");
    assert_eq!(sent_variants(&shared), calm_sent);
    let (calm_rows, shared_rows) = (calm_files.rows(), files.rows());
    for (line, row) in &calm_rows {
        assert_eq!(
            row["state"] == "held_out",
            shared_rows[line]["state"] == "held_out",
            "line {line}"
        );
    }
    assert_eq!(groups(&files), groups(&calm_files));
}

/// With the event store the webhooks fill, the report gives each variant's delivered and
/// read rates (the sandbox's own story of each message, counted per variant) with a 95 %
/// interval, and compares the variants at the 5 % level, in words.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_report_gives_rates_per_variant_from_webhooks() {
    const SECRET: &str = "e2e-variants-app-secret";
    let files = Files::new(CAMPAIGN, 600);
    let store = files.path("events.db");
    let receiver = wamm_e2e::Receiver::start(&store, SECRET, &[]);
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        seed: 29,
        webhooks: Some(wamm_sandbox::WebhookConfig {
            url: receiver.url.clone(),
            app_secret: SECRET.to_string(),
            spec: "read=0.5,131049=0.1".parse().unwrap(),
        }),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let out = wamm_e2e::finished(files.run(&sandbox)).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    assert!(sandbox.webhooks_settled(Duration::from_secs(60)).await);
    let variant_of = sent_variants(&sandbox);
    // What the sandbox decided, per variant: (sent, delivered or read, read).
    let mut truth: HashMap<&str, (u64, u64, u64)> = HashMap::new();
    for t in sandbox.webhook_truth() {
        let figures = truth.entry(variant_of[&t.user]).or_default();
        figures.0 += 1;
        figures.1 += u64::from(t.status == "delivered" || t.status == "read");
        figures.2 += u64::from(t.status == "read");
    }

    let report_args = |json: bool| {
        let mut command = wamm();
        command
            .args(["campaign", "report", "--journal"])
            .arg(&files.journal)
            .arg("--events")
            .arg(&store);
        if json {
            command.arg("--json");
        }
        command
    };
    let out = wamm_e2e::finished(report_args(true)).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let report: Value = serde_json::from_str(&text(&out).0).unwrap();
    let groups = report["variants"]["groups"].as_array().unwrap();
    for name in ["plain", "friendly"] {
        let group = groups.iter().find(|g| g["name"] == name).unwrap();
        let (sent, delivered, read) = truth[name];
        assert!(sent > 200, "{name}: {sent}");
        for (figure, expected) in [("delivered", delivered), ("read", read)] {
            let rate = &group[figure];
            assert_eq!(
                rate["count"].as_u64(),
                Some(expected),
                "{name} {figure}: {rate}"
            );
            assert_eq!(rate["of"].as_u64(), Some(sent), "{name} {figure}: {rate}");
            let i = &rate["interval"];
            let (low, r, high) = (
                i["low"].as_f64().unwrap(),
                i["rate"].as_f64().unwrap(),
                i["high"].as_f64().unwrap(),
            );
            assert!(low < r && r < high && high - low < 0.2, "{rate}");
        }
    }
    let holdout = groups.iter().find(|g| g["name"] == "holdout").unwrap();
    assert_eq!(holdout["read"]["of"], 0, "{holdout}");
    let comparisons = report["variants"]["comparisons"].as_array().unwrap();
    assert_eq!(comparisons.len(), 2, "{comparisons:?}");
    for c in comparisons {
        assert_eq!(c["level"], 0.05);
        assert!(c["test"]["p_value"].as_f64().is_some(), "{c}");
    }

    let out = wamm_e2e::finished(report_args(false)).await;
    let stdout = text(&out).0;
    assert!(
        stdout.contains("by variant (the holdout is never sent)"),
        "{stdout}"
    );
    assert!(stdout.contains("95 % interval"), "{stdout}");
    assert!(stdout.contains("at the 5 % level"), "{stdout}");
    sandbox.shutdown().await;
}

#[test]
fn the_schema_describes_variants_and_the_holdout() {
    let out = wamm().args(["campaign", "schema"]).output().unwrap();
    assert_eq!(code(&out), 0);
    let schema: Value = serde_json::from_str(&text(&out).0).unwrap();
    let properties = &schema["properties"];
    for field in ["variants", "holdout"] {
        let description = properties[field]["description"]
            .as_str()
            .unwrap_or_default();
        assert!(description.len() > 40, "{field}: {}", properties[field]);
    }
    // Each variant's own fields, wherever schemars puts the definition.
    let text = schema.to_string();
    for words in [
        "The variant's name in reports",
        "Its share of the recipients who are not held out",
        "another template, or the same one with other parameters",
    ] {
        assert!(text.contains(words), "{words}");
    }
}
