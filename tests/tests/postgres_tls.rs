//! TLS to PostgreSQL: `sslmode=require` in the journal's URL connects over TLS and verifies
//! the server's certificate, against `PGSSLROOTCERT` (or the system's roots); a server whose
//! certificate does not chain to them, or that has no TLS, is refused before anything is sent.

use serde_json::Value;

/// Concurrency 32 is the default.
const CAMPAIGN: &str = wamm_e2e::campaign_toml!("tls", 0, 32);

async fn sandbox() -> wamm_sandbox::Sandbox {
    wamm_sandbox::Sandbox::start(wamm_sandbox::SandboxConfig {
        token: wamm_e2e::TOKEN.to_string(),
        ..wamm_sandbox::SandboxConfig::default()
    })
    .await
    .unwrap()
}

/// `wamm campaign run` of 20 recipients with the journal at `journal`, trusting `ca`.
async fn run(
    sandbox: &wamm_sandbox::Sandbox,
    journal: &str,
    ca: Option<&std::path::Path>,
) -> std::process::Output {
    let files = wamm_e2e::CampaignFiles::new(CAMPAIGN, 20);
    let mut command = wamm_e2e::wamm();
    command
        .args([
            "campaign",
            "run",
            "--json",
            "--journal",
            journal,
            "--campaign",
        ])
        .arg(files.path("campaign.toml"))
        .arg("--recipients")
        .arg(files.path("recipients.csv"))
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
        .env("WHATSAPP_ACCESS_TOKEN", wamm_e2e::TOKEN);
    match ca {
        Some(ca) => command.env("PGSSLROOTCERT", ca),
        None => command.env_remove("PGSSLROOTCERT"),
    };
    wamm_e2e::finished(command).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sslmode_require_connects_over_tls_and_verifies_the_server() {
    let Some(server) = wamm_testkit::postgres::tls_server("PostgreSQL over TLS") else {
        return;
    };
    let sandbox = sandbox().await;
    let journal = format!("{}?sslmode=require", server.url);

    // A certificate from another CA: refused, nothing sent.
    let out = run(
        &sandbox,
        &format!("{journal}#other"),
        Some(&server.other_ca),
    )
    .await;
    let (_, stderr) = wamm_e2e::text(&out);
    assert_ne!(wamm_e2e::code(&out), 0);
    assert!(
        stderr.contains("TLS handshake") && stderr.contains("certificate"),
        "{stderr}"
    );
    assert_eq!(
        sandbox.messages().len(),
        0,
        "sent before the journal was safe"
    );

    // The server's own CA: the campaign runs, its journal in that database.
    let out = run(&sandbox, &format!("{journal}#tls"), Some(&server.ca)).await;
    let (stdout, stderr) = wamm_e2e::text(&out);
    assert_eq!(wamm_e2e::code(&out), 0, "{stderr}");
    let summary: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(summary["sent"], 20, "{summary}");
    assert_eq!(sandbox.messages().len(), 20);

    sandbox.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sslmode_require_refuses_a_server_without_tls() {
    // The shared test server runs without TLS.
    let Some(url) = wamm_testkit::postgres::database("PostgreSQL without TLS") else {
        return;
    };
    let sandbox = sandbox().await;
    let out = run(&sandbox, &format!("{url}?sslmode=require"), None).await;
    let (_, stderr) = wamm_e2e::text(&out);
    assert_ne!(wamm_e2e::code(&out), 0);
    assert!(stderr.contains("cannot connect"), "{stderr}");
    assert_eq!(sandbox.messages().len(), 0);
    sandbox.shutdown().await;
}
