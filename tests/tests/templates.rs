//! Approved templates end to end: `wamm templates` against a real sandbox serving its built-in
//! templates in Graph's format, scaffolds that the sandbox accepts once filled, and the check
//! `wamm send` and `wamm campaign` run before sending, which refuses a message that does not
//! fit its template with nothing sent.
//!
//! These need the sandbox to serve `GET /{Version}/{WABA-ID}/message_templates` for its
//! account (`wamm_sandbox::DEFAULT_WABA_ID`).

use std::path::Path;
use std::process::Output;

use serde_json::{Value, json};
use wamm_e2e::{code, run_against, sandbox, text};
use wamm_sandbox::Sandbox;

/// The sandbox's default WhatsApp Business Account ID (`wamm_sandbox::DEFAULT_WABA_ID`).
const WABA: &str = wamm_sandbox::DEFAULT_WABA_ID;

/// The built-in templates, with the language each is in.
const BUILT_IN: [(&str, &str); 5] = [
    ("spring_sale", "en_US"),
    ("flash_deal", "pt_BR"),
    ("weekend_picks", "en"),
    ("order_update", "en_US"),
    ("old_promo", "en_US"),
];

/// The built-in templates a message can be sent with (the others are UTILITY and PAUSED).
fn sendable(name: &str) -> bool {
    !matches!(name, "order_update" | "old_promo")
}

/// Runs `wamm args --waba-id WABA` against `sandbox`.
async fn run(sandbox: &Sandbox, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--waba-id", WABA]);
    run_against(&sandbox.base_url(), sandbox.phone_number_id(), &all).await
}

#[tokio::test(flavor = "multi_thread")]
async fn list_json_gives_the_five_built_in_templates_with_status_and_category() {
    let sandbox = sandbox().await;
    let output = run(&sandbox, &["templates", "list", "--json"]).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let list: Vec<Value> = serde_json::from_str(&stdout).expect("a JSON array");
    let mut found: Vec<(String, String, String, String)> = list
        .iter()
        .map(|t| {
            let field = |k: &str| t[k].as_str().unwrap_or_default().to_string();
            (
                field("name"),
                field("language"),
                field("status"),
                field("category"),
            )
        })
        .collect();
    found.sort();
    let mut expected: Vec<(String, String, String, String)> = [
        ("flash_deal", "pt_BR", "APPROVED", "MARKETING"),
        ("old_promo", "en_US", "PAUSED", "MARKETING"),
        ("order_update", "en_US", "APPROVED", "UTILITY"),
        ("spring_sale", "en_US", "APPROVED", "MARKETING"),
        ("weekend_picks", "en", "APPROVED", "MARKETING"),
    ]
    .iter()
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
    .collect();
    expected.sort();
    assert_eq!(found, expected);
    for template in &list {
        assert!(
            template["id"].as_str().is_some_and(|id| !id.is_empty()),
            "{template}"
        );
        assert!(template["components"].is_array(), "{template}");
    }
    let flash = list.iter().find(|t| t["name"] == "flash_deal").unwrap();
    assert_eq!(flash["parameter_format"], "NAMED");
    assert!(sandbox.messages().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn list_filters_and_pages_through_the_sandbox() {
    let sandbox = sandbox().await;
    let output = run(
        &sandbox,
        &[
            "templates",
            "list",
            "--status",
            "APPROVED",
            "--category",
            "MARKETING",
            "--page-size",
            "1",
        ],
    )
    .await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    for name in ["spring_sale", "flash_deal", "weekend_picks"] {
        assert!(stdout.contains(name), "{name} in {stdout}");
    }
    for name in ["order_update", "old_promo"] {
        assert!(!stdout.contains(name), "{name} not in {stdout}");
    }
    // One template per page: the pager followed the cursors (a last, empty page may follow).
    assert!(stderr.contains("3 templates ("), "{stderr}");
    assert!(
        stderr.contains("(3 pages read)") || stderr.contains("(4 pages read)"),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn show_describes_a_template_and_names_the_languages_it_has() {
    let sandbox = sandbox().await;
    let output = run(&sandbox, &["templates", "show", "flash_deal"]).await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    for expected in [
        "flash_deal (pt_BR)",
        "NAMED",
        "IMAGE",
        "COPY_CODE",
        "first_name, price",
        "sendable   yes",
    ] {
        assert!(stdout.contains(expected), "{expected} in {stdout}");
    }

    let output = run(
        &sandbox,
        &["templates", "show", "old_promo", "--lang", "en_US"],
    )
    .await;
    let (stdout, _) = text(&output);
    assert!(stdout.contains("sendable   no"), "{stdout}");
    assert!(stdout.contains("132015"), "{stdout}");

    let output = run(
        &sandbox,
        &["templates", "show", "spring_sale", "--lang", "pt_BR"],
    )
    .await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stderr.contains("it is in en_US"), "{stderr}");

    let output = run(&sandbox, &["templates", "show", "winter_sale"]).await;
    assert_eq!(code(&output), 2);
}

/// Fills a scaffolded request body's `<...>` placeholders with values the API takes.
fn fill(value: &mut Value, key: &str) {
    match value {
        Value::String(text) if text.starts_with('<') && text.ends_with('>') => {
            *value = match key {
                "to" => json!("447700900123"),
                "link" => json!("https://cdn.example.org/a.jpg"),
                "expiration_time_ms" => json!(1_798_761_600_000_i64),
                "latitude" | "longitude" => json!(51.5),
                "coupon_code" => json!("FLASH42"),
                _ => json!("Ana"),
            };
        }
        Value::Array(items) => items.iter_mut().for_each(|item| fill(item, key)),
        Value::Object(map) => map.iter_mut().for_each(|(k, v)| fill(v, k)),
        _ => {}
    }
}

/// A value for a scaffolded campaign's column.
fn cell(column: &str) -> &'static str {
    if column.ends_with("_link") {
        "https://cdn.example.org/a.jpg"
    } else if column.ends_with("expiration_time_ms") {
        "1798761600000"
    } else if column.ends_with("coupon_code") {
        "FLASH42"
    } else {
        "Ana"
    }
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_scaffold_once_filled_is_accepted_by_the_sandbox() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let mut sent = 0;
    for (name, language) in BUILT_IN {
        let output = run(
            &sandbox,
            &["templates", "scaffold", name, "--lang", language],
        )
        .await;
        let (stdout, stderr) = text(&output);
        assert_eq!(code(&output), 0, "{name}: {stderr}");
        let mut body: Value = serde_json::from_str(&stdout).expect("a JSON body");
        assert_eq!(body["to"], "<phone>", "{name}");
        fill(&mut body, "");
        let file = path(dir.path(), &format!("{name}.json"));
        std::fs::write(&file, body.to_string()).unwrap();

        // Checked against the template first, then sent.
        let output = run(&sandbox, &["send", "--message", &file]).await;
        let (_, stderr) = text(&output);
        if sendable(name) {
            assert_eq!(code(&output), 0, "{name}: {stderr}\n{body:#}");
            assert!(
                stderr.contains("checked against the approved template"),
                "{stderr}"
            );
            sent += 1;
        } else {
            assert_eq!(code(&output), 2, "{name}: {stderr}");
            assert!(stderr.contains("template.name"), "{stderr}");
        }
        assert_eq!(sandbox.messages().len(), sent, "{name}");
        // Without the check, the sandbox takes it (or refuses it itself, with Meta's code).
        let output = run(
            &sandbox,
            &["send", "--message", &file, "--no-template-check"],
        )
        .await;
        let (_, stderr) = text(&output);
        if sendable(name) {
            assert_eq!(code(&output), 0, "{name}: {stderr}");
            sent += 1;
        } else {
            assert_eq!(code(&output), 3, "{name}: {stderr}");
            let expected = if name == "order_update" {
                "134100"
            } else {
                "132015"
            };
            assert!(stderr.contains(expected), "{name}: {stderr}");
        }
    }
    assert_eq!(sandbox.messages().len(), sent);
    assert_eq!(sent, 6);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_campaign_scaffold_runs_against_the_sandbox() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    for (name, language) in BUILT_IN.into_iter().filter(|(n, _)| sendable(n)) {
        let output = run(
            &sandbox,
            &[
                "templates",
                "scaffold",
                name,
                "--lang",
                language,
                "--format",
                "toml",
            ],
        )
        .await;
        let (stdout, stderr) = text(&output);
        assert_eq!(code(&output), 0, "{name}: {stderr}");
        let campaign = path(dir.path(), &format!("{name}.toml"));
        std::fs::write(&campaign, &stdout).unwrap();
        // The columns are listed in the file's third line: `#   a, b, c`.
        let columns: Vec<&str> = stdout
            .lines()
            .find_map(|l| l.strip_prefix("#   "))
            .map(|l| l.split(", ").collect())
            .unwrap_or_default();
        let mut csv = format!("phone,{}\n", columns.join(","));
        for phone in ["447700900301", "447700900302"] {
            let values: Vec<&str> = columns.iter().map(|c| cell(c)).collect();
            csv.push_str(&format!("{phone},{}\n", values.join(",")));
        }
        let recipients = path(dir.path(), &format!("{name}.csv"));
        std::fs::write(&recipients, csv).unwrap();
        let journal = path(dir.path(), &format!("{name}.journal"));
        let output = run(
            &sandbox,
            &[
                "campaign",
                "run",
                "--campaign",
                &campaign,
                "--recipients",
                &recipients,
                "--journal",
                &journal,
                "--mps",
                "0",
            ],
        )
        .await;
        let (stdout, stderr) = text(&output);
        assert_eq!(code(&output), 0, "{name}: {stdout}\n{stderr}");
        assert!(
            stderr.contains("checked against the approved template"),
            "{stderr}"
        );
        assert!(stdout.contains("sent 2"), "{name}: {stdout}");
        // The journal keeps the template the run was checked against.
        let output = wamm_e2e::wamm()
            .args(["campaign", "report", "--json", "--journal", &journal])
            .output()
            .unwrap();
        let report: Value = serde_json::from_str(&text(&output).0)
            .unwrap_or_else(|e| panic!("{e}: {}", text(&output).1));
        let checked = &report["runs"][0]["template"];
        assert_eq!(checked["name"], name, "{report}");
        assert_eq!(checked["status"], "APPROVED", "{report}");
        assert_eq!(checked["category"], "MARKETING", "{report}");
    }
    assert_eq!(sandbox.messages().len(), 6);
}

/// Sends that do not fit their template: each is refused before any request is sent, with the
/// path and what the template expects.
#[tokio::test(flavor = "multi_thread")]
async fn messages_that_do_not_fit_are_refused_before_sending() {
    let sandbox = sandbox().await;
    let cases: [(&[&str], &str, &[&str]); 3] = [
        (
            &[
                "send",
                "--to",
                "447700900123",
                "--template",
                "spring_sale",
                "--lang",
                "en_US",
                "--body",
                "Ana",
                "--body",
                "Ben",
            ],
            "template.components[0].parameters",
            &["1 variable(s), got 2", "132000"],
        ),
        (
            &[
                "send",
                "--to",
                "5511987654321",
                "--template",
                "flash_deal",
                "--lang",
                "pt_BR",
                "--header-image",
                "https://cdn.example.org/deal.jpg",
                "--body",
                "Marina",
                "--currency",
                "BRL:149.90",
                "--offer-expires",
                "2026-12-01T18:00:00Z",
                "--coupon",
                "0=FLASH42",
                "--button-url",
                "1=deal42",
            ],
            "template.components[1].parameters[0]",
            &["named parameters", "first_name, price", "132012"],
        ),
        (
            &[
                "send",
                "--to",
                "447700900123",
                "--template",
                "order_update",
                "--lang",
                "en_US",
                "--body",
                "A-1001",
            ],
            "template.name",
            &["UTILITY", "MARKETING", "134100"],
        ),
    ];
    for (args, path, expectations) in cases {
        let output = run(&sandbox, args).await;
        let (stdout, stderr) = text(&output);
        assert_eq!(code(&output), 2, "{args:?}: {stdout}\n{stderr}");
        assert!(stderr.contains("nothing was sent"), "{stderr}");
        assert!(
            stderr.contains(&format!("the message: {path}: ")),
            "{path} in {stderr}"
        );
        for expected in expectations {
            assert!(stderr.contains(expected), "{expected} in {stderr}");
        }
        // The dry run is checked too.
        let mut dry = args.to_vec();
        dry.push("--dry-run");
        let output = run(&sandbox, &dry).await;
        assert_eq!(code(&output), 2, "{dry:?}");
    }
    assert!(
        sandbox.messages().is_empty(),
        "the sandbox's record stays empty"
    );
    assert_eq!(sandbox.stats().created, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_campaign_that_does_not_fit_is_refused_before_the_journal_exists() {
    let sandbox = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let campaign = path(dir.path(), "two.toml");
    std::fs::write(
        &campaign,
        r#"
name = "two-values"
[message.template]
name = "spring_sale"
language = { code = "en_US" }
components = [{ type = "body", parameters = [{ type = "text", text = "{{first_name}}" }, { type = "text", text = "{{first_name}}" }] }]
"#,
    )
    .unwrap();
    let recipients = path(dir.path(), "list.csv");
    std::fs::write(&recipients, "phone,first_name\n447700900123,Ana\n").unwrap();
    let journal = dir.path().join("two.journal");
    let output = run(
        &sandbox,
        &[
            "campaign",
            "run",
            "--campaign",
            &campaign,
            "--recipients",
            &recipients,
            "--journal",
            &journal.display().to_string(),
        ],
    )
    .await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{campaign}: message.template.components[0].parameters: "
        )),
        "{stderr}"
    );
    assert!(stderr.contains("132000"), "{stderr}");
    assert!(!journal.exists(), "no journal is created");
    assert!(sandbox.messages().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_account_id_or_token_is_reported_with_the_setting_to_fix() {
    let sandbox = sandbox().await;
    let output = run_against(
        &sandbox.base_url(),
        sandbox.phone_number_id(),
        &["templates", "list", "--waba-id", "999"],
    )
    .await;
    let (_, stderr) = text(&output);
    assert_ne!(code(&output), 0, "{stderr}");
    assert!(stderr.contains("account 999"), "{stderr}");

    let output = run_against(
        &sandbox.base_url(),
        sandbox.phone_number_id(),
        &["templates", "list", "--waba-id", "not-digits"],
    )
    .await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stderr.contains("--waba-id \"not-digits\""), "{stderr}");

    let output = run_against(&sandbox.base_url(), "", &["templates", "list"]).await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(stderr.contains("WHATSAPP_BUSINESS_ACCOUNT_ID"), "{stderr}");
}
