//! Templates as code end to end: `wamm templates check|pull|plan|apply` against a real
//! sandbox that creates, edits and reviews templates as Meta does. Pull, edit a file, the plan
//! shows exactly that change, apply approves it, a second apply does nothing, and an edit
//! Meta does not allow (a second one within 24 hours) is refused in the plan, never sent.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use marketing::templates::files;
use serde_json::Value;
use wamm_client::authoring::{fingerprint, fingerprint_create};
use wamm_e2e::{TOKEN, code, run_against, text};
use wamm_sandbox::{Sandbox, SandboxConfig};

const WABA: &str = wamm_sandbox::DEFAULT_WABA_ID;

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        review_delay: Duration::from_millis(300),
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts")
}

async fn run(sandbox: &Sandbox, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--waba-id", WABA]);
    run_against(&sandbox.base_url(), sandbox.phone_number_id(), &all).await
}

fn json(output: &Output) -> Value {
    let (stdout, stderr) = text(output);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"))
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from:?} not in {text}");
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// The account's templates as the sandbox lists them.
async fn listed(sandbox: &Sandbox) -> Vec<Value> {
    let output = run(sandbox, &["templates", "list", "--json"]).await;
    assert_eq!(code(&output), 0, "{:?}", text(&output));
    serde_json::from_value(json(&output)).expect("an array")
}

#[tokio::test(flavor = "multi_thread")]
async fn pull_edit_plan_apply_then_a_second_apply_does_nothing_and_a_second_edit_is_refused() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().to_str().expect("utf-8 path");

    // Pull: every marketing template as a file; the plan against the account is all unchanged.
    let pulled = run(&sandbox, &["templates", "pull", folder]).await;
    assert_eq!(code(&pulled), 0, "{:?}", text(&pulled));
    // Each file is the account's template: the same version (fingerprint).
    for template in listed(&sandbox).await {
        let template: wamm_client::types::MessageTemplate =
            serde_json::from_value(template).expect("a template");
        let file = dir
            .path()
            .join(files::file_name(&template.name, &template.language));
        if template.category != wamm_client::TemplateCategory::Marketing {
            assert!(!file.exists(), "{} is not marketing", template.name);
            continue;
        }
        let loaded = files::load(&file).expect("a pulled file loads");
        assert_eq!(
            fingerprint_create(&loaded.template),
            fingerprint(&template),
            "{}",
            loaded.text
        );
    }
    let spring = dir.path().join("spring_sale.en_US.toml");
    assert!(spring.exists());
    assert!(
        !dir.path().join("order_update.en_US.toml").exists(),
        "UTILITY is left out"
    );
    let plan = run(&sandbox, &["templates", "plan", folder, "--json"]).await;
    assert_eq!(code(&plan), 0, "{:?}", text(&plan));
    let plan = json(&plan);
    assert_eq!(plan["pending"], 0, "{plan:#}");
    assert!(
        plan["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["action"] == "unchanged")
    );

    // Pulling again leaves the files as they are; a file edited since is kept without --force.
    edit(&spring, "20% off", "25% off");
    let again = run(&sandbox, &["templates", "pull", folder]).await;
    assert_eq!(code(&again), 2, "{:?}", text(&again));
    assert!(text(&again).1.contains("spring_sale.en_US.toml"));
    assert!(
        std::fs::read_to_string(&spring)
            .unwrap()
            .contains("25% off")
    );

    // The plan shows exactly that change, and a time-to-live the file now sets.
    edit(
        &spring,
        "category = \"MARKETING\"\n",
        "category = \"MARKETING\"\nttl = \"3d\"\n",
    );
    let plan = run(&sandbox, &["templates", "plan", folder, "--json"]).await;
    assert_eq!(code(&plan), 0, "{:?}", text(&plan));
    let plan = json(&plan);
    assert_eq!(plan["pending"], 1, "{plan:#}");
    let item = plan["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "spring_sale")
        .expect("spring_sale planned");
    assert_eq!(item["action"], "update");
    let changes: Vec<(String, Value, Value)> = item["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["path"].as_str().unwrap().to_string(),
                c["old"].clone(),
                c["new"].clone(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        vec![
            (
                "components[0].text".to_string(),
                Value::from("Hi {{1}}, our spring sale starts today: 20% off everything."),
                Value::from("Hi {{1}}, our spring sale starts today: 25% off everything."),
            ),
            (
                "message_send_ttl_seconds".to_string(),
                Value::from(2_592_000),
                Value::from(259_200)
            ),
        ]
    );

    // Apply without --yes, stdin not a terminal: refused, nothing sent.
    let refused = run(&sandbox, &["templates", "apply", folder]).await;
    assert_eq!(code(&refused), 2, "{:?}", text(&refused));
    let before = listed(&sandbox).await;
    let spring_before = before.iter().find(|t| t["name"] == "spring_sale").unwrap();
    assert!(
        spring_before
            .get("message_send_ttl_seconds")
            .is_none_or(Value::is_null)
    );

    // Apply: the edit goes out and the sandbox approves it.
    let applied = run(&sandbox, &["templates", "apply", folder, "--yes", "--wait"]).await;
    let (stdout, stderr) = text(&applied);
    assert_eq!(code(&applied), 0, "{stdout}\n{stderr}");
    assert!(
        stdout.contains("updated spring_sale (en_US)") && stdout.contains("APPROVED"),
        "{stdout}"
    );
    let after = listed(&sandbox).await;
    let spring_after = after.iter().find(|t| t["name"] == "spring_sale").unwrap();
    assert_eq!(spring_after["message_send_ttl_seconds"], 259_200);
    assert_eq!(spring_after["status"], "APPROVED");
    assert!(dir.path().join(".wamm-applied.json").exists());

    // A second apply plans everything unchanged and sends nothing.
    let second = run(&sandbox, &["templates", "apply", folder, "--yes"]).await;
    let (stdout, stderr) = text(&second);
    assert_eq!(code(&second), 0, "{stdout}\n{stderr}");
    assert!(stderr.contains("nothing to apply"), "{stderr}");
    assert_eq!(listed(&sandbox).await, after);

    // A second edit within 24 hours is refused in the plan, and apply does not send it.
    edit(&spring, "ttl = \"3d\"", "ttl = \"4d\"");
    let plan = run(&sandbox, &["templates", "plan", folder]).await;
    let (stdout, stderr) = text(&plan);
    assert_eq!(code(&plan), 3, "{stdout}\n{stderr}");
    assert!(stdout.contains("! refused spring_sale (en_US)"), "{stdout}");
    assert!(stdout.contains("24 h"), "{stdout}");
    let refused = run(&sandbox, &["templates", "apply", folder, "--yes"]).await;
    assert_eq!(code(&refused), 3, "{:?}", text(&refused));
    assert_eq!(listed(&sandbox).await, after);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_file_is_created_approved_and_found_by_name_on_the_next_run() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().to_str().expect("utf-8 path");
    let examples = wamm_e2e::workspace_root().join("examples/templates");
    for entry in std::fs::read_dir(&examples).expect("examples/templates") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).expect("copy");
    }
    let applied = run(
        &sandbox,
        &["templates", "apply", folder, "--yes", "--wait", "--json"],
    )
    .await;
    let (stdout, stderr) = text(&applied);
    assert_eq!(code(&applied), 0, "{stdout}\n{stderr}");
    let results: Vec<Value> = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(results.len(), 2, "{stdout}");
    assert!(
        results
            .iter()
            .all(|r| r["action"] == "created" && r["status"] == "APPROVED"),
        "{stdout}"
    );
    let listed = listed(&sandbox).await;
    let autumn = listed
        .iter()
        .find(|t| t["name"] == "autumn_launch")
        .expect("created");
    assert_eq!(autumn["message_send_ttl_seconds"], 172_800);
    assert_eq!(autumn["optimization_spec"]["bid_amount"], 25_000);
    // Graph reads creative features back as a list of {key, value}, keys upper-cased.
    let features = autumn["degrees_of_freedom_spec"]["creative_features_spec"]
        .as_array()
        .expect("Graph's list form");
    let touchups = features
        .iter()
        .find(|f| f["key"] == "IMAGE_TOUCHUPS")
        .expect("image_touchups listed");
    assert_eq!(touchups["value"]["enroll_status"], "OPT_IN");
    // `templates show` prints the settings.
    let shown = run(
        &sandbox,
        &["templates", "show", "autumn_launch", "--lang", "en_US"],
    )
    .await;
    let (stdout, stderr) = text(&shown);
    assert_eq!(code(&shown), 0, "{stderr}");
    assert!(stdout.contains("ttl        2days (172800 s)"), "{stdout}");
    assert!(
        stdout.contains("max price  25000 per 1,000 deliveries"),
        "{stdout}"
    );
    assert!(
        stdout.contains("creative   add_text_overlay OPT_OUT, image_touchups OPT_IN"),
        "{stdout}"
    );
    // The next plan finds them by name and language: nothing is created twice.
    let plan = run(&sandbox, &["templates", "plan", folder, "--json"]).await;
    assert_eq!(code(&plan), 0, "{:?}", text(&plan));
    assert_eq!(json(&plan)["pending"], 0);

    // A campaign sends with the template just approved, and its report names the version
    // (the fingerprint of the file applied), the time-to-live and the maximum price.
    let campaign = wamm_e2e::CampaignFiles::new(AUTUMN_CAMPAIGN, 3);
    let mut command = campaign.run_command(&sandbox.base_url(), sandbox.phone_number_id());
    command.env("WHATSAPP_BUSINESS_ACCOUNT_ID", WABA);
    let sent = wamm_e2e::finished(command).await;
    assert_eq!(code(&sent), 0, "{:?}", text(&sent));
    assert_eq!(
        sandbox
            .messages()
            .iter()
            .filter(|m| m.template == "autumn_launch")
            .count(),
        3
    );
    let file = files::load(&dir.path().join("autumn_launch.en_US.toml")).expect("loads");
    let report = wamm_e2e::campaign_report(&campaign.path("journal"));
    let recorded = &report["templates"][0];
    assert_eq!(recorded["name"], "autumn_launch", "{report}");
    assert_eq!(
        recorded["version"],
        fingerprint_create(&file.template),
        "{report}"
    );
    assert_eq!(recorded["ttl_seconds"], 172_800, "{report}");
    assert_eq!(recorded["max_price"]["bid_amount"], 25_000, "{report}");
}

/// A campaign with `examples/templates/autumn_launch.en_US.toml`: two body values and the
/// URL button's.
const AUTUMN_CAMPAIGN: &str = r#"
name = "autumn"
messages_per_second = 50
concurrency = 2

[message.template]
name = "autumn_launch"
language = { code = "en_US" }

[[message.template.components]]
type = "body"
parameters = [{ type = "text", text = "{{first_name}}" }, { type = "text", text = "15%" }]

[[message.template.components]]
type = "button"
sub_type = "url"
index = 0
parameters = [{ type = "text", text = "{{first_name}}" }]
"#;

#[tokio::test(flavor = "multi_thread")]
async fn a_new_file_breaking_an_authoring_rule_stops_the_plan_and_nothing_is_sent() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().to_str().expect("utf-8 path");
    std::fs::write(
        dir.path().join("short_promo.en_US.toml"),
        "name = \"short_promo\"\nlanguage = \"en_US\"\ncategory = \"MARKETING\"\n\n[[components]]\ntype = \"BODY\"\ntext = \"{{1}} off\"\nexample = { body_text = [[\"20%\"]] }\n",
    )
    .expect("write");
    let before = listed(&sandbox).await;
    let applied = run(&sandbox, &["templates", "apply", folder, "--yes"]).await;
    let (stdout, stderr) = text(&applied);
    assert_eq!(code(&applied), 2, "{stdout}\n{stderr}");
    assert!(
        stderr.contains("short_promo.en_US.toml:7: components[0].text"),
        "{stderr}"
    );
    assert_eq!(listed(&sandbox).await, before);
}

#[test]
fn a_file_with_three_mistakes_gets_three_problems_each_with_file_line_and_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("bad_sale.en_US.toml");
    std::fs::write(
        &file,
        r#"name = "bad_sale"
language = "en_GB"
category = "MARKETING"
ttl = "6h"

[[components]]
type = "BODY"
text = "Our sale starts today, {{1}}"
example = { body_text = [["Maria"]] }
"#,
    )
    .expect("write");
    let output = wamm_e2e::wamm()
        .args(["templates", "check", dir.path().to_str().unwrap()])
        .output()
        .expect("wamm runs");
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stdout}\n{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    let shown = file.display().to_string();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(
        lines[0].starts_with(&format!("{shown}:2: language: ")),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(&format!("{shown}:4: ttl: ")),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(&format!("{shown}:8: components[0].text: ")),
        "{}",
        lines[2]
    );
    assert!(lines[2].contains("INVALID_FORMAT"), "{}", lines[2]);
}
