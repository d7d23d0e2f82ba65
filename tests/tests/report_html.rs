//! `campaign report --html`: the page of a real sandbox campaign (two sending numbers, some
//! refusals, some answers lost, webhooks recorded by a real receiver), checked figure by
//! figure against `campaign report --json`, then rendered by headless Chromium, which must
//! have drawn every chart.
//!
//! The screenshot is kept at `target/report-html/report.png` (a CI artifact). The README's
//! picture, `docs/report.png`, is that file: refresh it when the page changes with
//! `cargo test -p wamm-e2e --test report_html && cp target/report-html/report.png docs/report.png`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use wamm_e2e::{CampaignFiles, Receiver, TOKEN, code, text, wamm};
use wamm_sandbox::{PhoneNumber, Sandbox, SandboxConfig};

const A: &str = "106540352242901";
const B: &str = "106540352242902";
const SECRET: &str = "e2e-report-html-app-secret";

/// Chromium, when installed (Debian's `chromium`; `.ci/run` installs it).
fn chromium() -> Option<PathBuf> {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// Headless Chromium on `page` with `args`; its standard output.
fn headless(chromium: &Path, page: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium: {}", text(&out).1);
    text(&out).0
}

/// The `data-value` of the cell whose `data-figure` is `figure`, in the first table that has
/// one.
fn figure(page: &str, figure: &str) -> Option<u64> {
    let needle = format!("data-figure=\"{figure}\" data-value=\"");
    let at = page.find(&needle)? + needle.len();
    page[at..].split('"').next()?.parse().ok()
}

/// Every `data-value` of cells whose `data-figure` is `figure`, in page order.
fn figures(page: &str, figure: &str) -> Vec<u64> {
    let needle = format!("data-figure=\"{figure}\" data-value=\"");
    page.split(&needle)
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

/// The steps of the page's table over time add up to the funnel's sent and failed.
fn assert_timeline_adds_up(page: &str, sent: u64, failed: u64) {
    let sends = figures(page, "sent");
    assert_eq!(sends.iter().skip(1).sum::<u64>(), sent, "{sends:?}");
    // The funnel's failed, then each step's.
    let fails = figures(page, "failed");
    assert_eq!(fails.iter().skip(1).sum::<u64>(), failed, "{fails:?}");
}

fn count_of(list: &Value, key: &str, value: &str) -> u64 {
    list.as_array()
        .into_iter()
        .flatten()
        .filter(|e| e[key] == value)
        .filter_map(|e| e["count"].as_u64())
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_html_report_shows_the_json_figures_and_chromium_draws_every_chart() {
    let tables = format!(
        "[[senders]]\nphone_number_id = \"{A}\"\n\n[[senders]]\nphone_number_id = \"{B}\"\n\n"
    );
    let files = CampaignFiles::new(
        &wamm_e2e::campaign_toml("html <report> & 'co'", 80, 8, &tables),
        160,
    );
    let store = files.path("events.db");
    let receiver = Receiver::start(&store, SECRET, &[]);
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        seed: 30,
        phone_numbers: vec![PhoneNumber::onboarded(A), PhoneNumber::onboarded(B)],
        // Refused at the send: three recipients who opted out (131050, failed) ...
        opted_out: vec![
            "447700900003".into(),
            "447700900040".into(),
            "447700900077".into(),
        ],
        // ... and answers lost after the message was made (unknown).
        faults: wamm_sandbox::FaultSpec::parse("lost-500=0.04").unwrap(),
        webhooks: Some(wamm_sandbox::WebhookConfig {
            url: receiver.url.clone(),
            app_secret: SECRET.to_string(),
            spec: "read=0.5,131049=0.1".parse().unwrap(),
        }),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let out = wamm_e2e::finished(files.run_command(&sandbox.base_url(), A)).await;
    // Unknown rows make the run exit non-zero: only that may be wrong.
    let stderr = text(&out).1;
    assert!(code(&out) == 0 || stderr.contains("(unknown)"), "{stderr}");
    assert!(sandbox.webhooks_settled(Duration::from_secs(60)).await);

    let report_command = |extra: &[&str]| {
        let mut command = wamm();
        command
            .args(["campaign", "report", "--journal"])
            .arg(files.path("journal"))
            .arg("--events")
            .arg(&store)
            .args(extra);
        command
    };
    let out = wamm_e2e::finished(report_command(&["--json"])).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let json: Value = serde_json::from_str(&text(&out).0).unwrap();
    let html = files.path("report.html");
    let out = wamm_e2e::finished(report_command(&["--html", &html.display().to_string()])).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    assert!(
        text(&out).1.contains("wrote the HTML report"),
        "{}",
        text(&out).1
    );
    let page = std::fs::read_to_string(&html).unwrap();
    // The journal itself is never the page's file.
    let journal = files.path("journal").display().to_string();
    let out = wamm_e2e::finished(report_command(&["--html", &journal])).await;
    assert_eq!(code(&out), 2, "{}", text(&out).1);
    assert!(text(&out).1.contains("is the journal"), "{}", text(&out).1);
    assert_eq!(
        wamm_e2e::state_count(&wamm_e2e::campaign_report(&files.path("journal")), "sent"),
        wamm_e2e::state_count(&json, "sent")
    );

    // The funnel is the JSON's, figure by figure.
    let sent = wamm_e2e::state_count(&json, "sent");
    let by_status = &json["deliveries"]["by_status"];
    let read = count_of(by_status, "status", "read");
    let delivered = count_of(by_status, "status", "delivered") + read;
    let failed = wamm_e2e::state_count(&json, "failed");
    let unknown = wamm_e2e::state_count(&json, "unknown");
    assert!(
        sent > 100 && read > 0 && failed >= 3 && unknown > 0,
        "{json}"
    );
    for (name, expected) in [
        ("sent", sent),
        ("delivered", delivered),
        ("read", read),
        ("failed", failed),
        ("unknown", unknown),
        (
            "failed after the send",
            count_of(by_status, "status", "failed"),
        ),
    ] {
        assert_eq!(figure(&page, name), Some(expected), "{name}");
    }
    assert_timeline_adds_up(&page, sent, failed);
    // Failures by code, each with its meaning and what to do.
    for error in json["errors"].as_array().unwrap() {
        let key = format!(
            "{}:{}",
            error["state"].as_str().unwrap(),
            error["code"].as_i64().unwrap_or(-1)
        );
        assert_eq!(figure(&page, &key), error["count"].as_u64(), "{key}");
    }
    assert!(page.contains(marketing::rule(131050).meaning));
    assert!(
        page.contains("Never send to them again")
            || page.contains(&marketing::rule(131050).advice().replace('\'', "&#39;"))
    );
    // Per sending number: both, as the JSON counts them.
    let numbers = json["sent_from"].as_array().unwrap();
    assert_eq!(numbers.len(), 2, "{json}");
    for n in numbers {
        let id = n["phone_number_id"].as_str().unwrap();
        assert_eq!(
            figure(&page, &format!("from:{id}")),
            n["sent"].as_u64(),
            "{id}"
        );
    }
    // The campaign's name is text, never markup; nothing is fetched.
    assert!(page.contains("Campaign html &lt;report&gt; &amp; &#39;co&#39;"));
    assert!(!page.contains("<report>"));
    assert!(page.contains("default-src 'none'"));
    for fetching in ["src=", "href=", "<link", "url(http"] {
        assert!(!page.contains(fetching), "{fetching}");
    }
    assert!(page.len() < 200_000, "{} bytes", page.len());

    let Some(chromium) = chromium() else {
        eprintln!(
            "skipping the rendering: chromium is not installed (Debian's `chromium` package; .ci/run installs it)"
        );
        return;
    };
    let dom = headless(&chromium, &html, &["--dump-dom".into()]);
    let charts: Vec<&str> = dom.split("<svg class=\"chart\"").skip(1).collect();
    assert_eq!(charts.len(), 4, "funnel, over time, failures, numbers");
    for chart in &charts {
        let tag = &chart[..chart.find('>').unwrap()];
        let drawn: u64 = tag
            .split("data-drawn=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("not measured: {tag}"));
        let marks = chart[..chart.find("</svg>").unwrap()]
            .matches("class=\"mark")
            .count() as u64;
        // Every mark was drawn with a box, but a bar of zero, which has no area.
        let zero_bars = chart[..chart.find("</svg>").unwrap()]
            .matches("width=\"0.0\"")
            .count() as u64;
        assert!(drawn > 0, "nothing drawn: {tag}");
        assert_eq!(drawn, marks - zero_bars, "{tag}");
    }
    let shots = wamm_e2e::workspace_root().join("target/report-html");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join("report.png");
    let _ = std::fs::remove_file(&png);
    headless(
        &chromium,
        &html,
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,2400".into(),
            "--hide-scrollbars".into(),
        ],
    );
    let bytes = std::fs::read(&png).expect("the screenshot");
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000,
        "{} bytes",
        bytes.len()
    );
    eprintln!("screenshot: {}", png.display());
    sandbox.shutdown().await;
    drop(receiver);
}

/// A PostgreSQL journal gives the page the same figures (its outcomes over time are counted
/// by the server).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_journal_gives_the_same_page() {
    let Some(url) = wamm_testkit::postgres::database("HTML report of a PostgreSQL journal") else {
        return;
    };
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        phone_numbers: vec![PhoneNumber::onboarded(A)],
        opted_out: vec!["447700900005".into()],
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let files = CampaignFiles::new(&wamm_e2e::campaign_toml("html-pg", 0, 4, ""), 40);
    let journal = format!("{url}#html-pg");
    let mut run = wamm();
    run.args(["campaign", "run", "--campaign"])
        .arg(files.path("campaign.toml"))
        .arg("--recipients")
        .arg(files.path("recipients.csv"))
        .args(["--journal", &journal])
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", A)
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    let out = wamm_e2e::finished(run).await;
    let stderr = text(&out).1;
    assert!(code(&out) == 0 || stderr.contains("failed"), "{stderr}");
    let json = wamm_e2e::campaign_report(std::path::Path::new(&journal));
    let html = files.path("pg.html");
    let mut report = wamm();
    report
        .args(["campaign", "report", "--journal", &journal, "--html"])
        .arg(&html);
    let out = wamm_e2e::finished(report).await;
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    let page = std::fs::read_to_string(&html).unwrap();
    let (sent, failed) = (
        wamm_e2e::state_count(&json, "sent"),
        wamm_e2e::state_count(&json, "failed"),
    );
    assert_eq!((sent, failed), (39, 1), "{json}");
    assert_eq!(figure(&page, "sent"), Some(sent));
    assert_eq!(figure(&page, "failed"), Some(failed));
    assert_eq!(figure(&page, "failed:131050"), Some(1));
    assert_timeline_adds_up(&page, sent, failed);
    assert!(page.contains("no webhook store given"));
    // The URL is shown without its password.
    assert!(page.contains("#html-pg"));
    let userinfo = url
        .split_once("://")
        .and_then(|(_, rest)| rest.split_once('@'));
    if let Some((_, password)) = userinfo.and_then(|(info, _)| info.split_once(':')) {
        assert!(
            !password.is_empty() && !page.contains(password),
            "the password is shown"
        );
    }
    sandbox.shutdown().await;
}
