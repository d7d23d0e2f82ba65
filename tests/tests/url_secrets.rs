//! A PostgreSQL password pasted into a URL unescaped (`/ ? # @ :`) or escaped is never
//! printed, in part or whole: not in errors, not in the resume hint, not in a report, not in
//! the receiver's start-up line. The real `wamm` binary against a real sandbox and a real
//! PostgreSQL server.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use wamm_e2e::{CampaignFiles, TOKEN, code, sandbox, text, wamm};
use wamm_sandbox::Sandbox;

/// Every URL character that ends a part of a URL, unescaped, and an escaped `@`.
const PASSWORD: &str = "Qx7k/Jv2w?Zr9m#Wk4p@Vm8s:Up3d%40Tn5b";

const CAMPAIGN: &str = wamm_e2e::campaign_toml!("leak", 60, 8);

/// Fails the test if any piece of [`PASSWORD`], or the password decoded, is in `printed`.
fn assert_no_password(what: &str, printed: &str) {
    for piece in PASSWORD
        .split(['/', '?', '#', '@', ':', '%'])
        .chain(["Tn5b", "@Tn5b"])
    {
        assert!(
            !printed.contains(piece),
            "{what} printed {piece:?} of the password:\n{printed}"
        );
    }
}

fn with_connection<'a>(command: &'a mut Command, sandbox: &Sandbox) -> &'a mut Command {
    command
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN)
}

async fn finished(what: &str, command: Command) -> (i32, String, String) {
    let out = wamm_e2e::finished(command).await;
    let (stdout, stderr) = text(&out);
    assert_no_password(what, &stdout);
    assert_no_password(what, &stderr);
    (code(&out), stdout, stderr)
}

/// A server that refuses the connection: every command's error names the location without
/// its password.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_connection_prints_no_part_of_the_password() {
    let sandbox = sandbox().await;
    let files = CampaignFiles::new(CAMPAIGN, 3);
    let url = format!("postgres://wamm:{PASSWORD}@127.0.0.1:1/wamm#leak");
    let (campaign, list) = (files.arg("campaign.toml"), files.arg("recipients.csv"));
    let commands: Vec<Vec<&str>> = vec![
        vec![
            "campaign",
            "run",
            "--campaign",
            &campaign,
            "--recipients",
            &list,
            "--journal",
            &url,
        ],
        vec!["campaign", "resume", "--journal", &url],
        vec!["campaign", "worker", "--journal", &url],
        vec!["campaign", "report", "--journal", &url],
        vec!["suppression", "list", "--store", &url],
    ];
    for args in commands {
        let mut command = wamm();
        with_connection(command.args(&args), &sandbox);
        let (code, _, stderr) = finished(&args.join(" "), command).await;
        assert_ne!(code, 0, "{args:?}");
        assert!(
            stderr.contains("postgres://wamm@127.0.0.1:1/wamm"),
            "{args:?}: {stderr}"
        );
    }
}

/// A PostgreSQL URL mistyped (a scheme in capitals, SQLAlchemy's `+driver`, a space pasted
/// before it) is not taken for a file name whose every mention prints the password: each
/// command refuses it, showing it without the password, before anything is created or sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mistyped_postgres_url_is_refused_without_its_password() {
    let sandbox = sandbox().await;
    let files = CampaignFiles::new(CAMPAIGN, 3);
    let (campaign, list) = (files.arg("campaign.toml"), files.arg("recipients.csv"));
    for url in [
        format!("POSTGRES://wamm:{PASSWORD}@127.0.0.1:1/wamm"),
        format!("postgresql+psycopg://wamm:{PASSWORD}@127.0.0.1:1/wamm"),
        format!(" postgres://wamm:{PASSWORD}@127.0.0.1:1/wamm"),
    ] {
        let commands: Vec<Vec<&str>> = vec![
            vec![
                "campaign",
                "run",
                "--campaign",
                &campaign,
                "--recipients",
                &list,
                "--journal",
                &url,
            ],
            vec![
                "campaign",
                "run",
                "--campaign",
                &campaign,
                "--recipients",
                &list,
                "--journal",
                "j.journal",
                "--events",
                &url,
            ],
            vec!["campaign", "resume", "--journal", &url],
            vec!["campaign", "report", "--journal", &url],
            vec!["suppression", "list", "--store", &url],
            vec![
                "webhook",
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--store",
                &url,
            ],
        ];
        for args in commands {
            let mut command = wamm();
            with_connection(command.args(&args).current_dir(files.path(".")), &sandbox)
                .env("WHATSAPP_APP_SECRET", "s")
                .env("WHATSAPP_VERIFY_TOKEN", "v");
            let (code, _, stderr) = finished(&args.join(" "), command).await;
            assert_ne!(code, 0, "{args:?}: {stderr}");
            assert!(stderr.contains("looks like a URL"), "{args:?}: {stderr}");
        }
    }
    assert!(!files.path("j.journal").exists(), "nothing was created");
    assert_eq!(sandbox.messages().len(), 0);
}

/// Against a server that takes the password (the test server trusts its role): the run, its
/// "continue with" hint, a report, the resume that finishes it and a receiver's start-up line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_working_password_is_never_printed() {
    let Some(database) = wamm_testkit::postgres::database("password with URL characters") else {
        return;
    };
    let url = format!(
        "{}#leak",
        database.replacen(
            "postgres://wamm@",
            &format!("postgres://wamm:{PASSWORD}@"),
            1
        )
    );
    let shown = format!("{database}#leak");
    let sandbox = sandbox().await;
    let files = CampaignFiles::new(CAMPAIGN, 300);

    let mut run = wamm();
    with_connection(&mut run, &sandbox)
        .args(["campaign", "run", "--campaign"])
        .arg(files.path("campaign.toml"))
        .arg("--recipients")
        .arg(files.path("recipients.csv"))
        .args(["--journal", &url])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let run = run.spawn().unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while sandbox.messages().len() < 20 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let status = Command::new("kill")
        .args(["-TERM", &run.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = tokio::task::spawn_blocking(move || run.wait_with_output().unwrap())
        .await
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert_no_password("campaign run", &stdout);
    assert_no_password("campaign run", &stderr);
    assert_eq!(code(&out), 1, "{stdout}\n{stderr}");
    assert!(
        stderr.contains(&format!(
            "continue with: wamm campaign resume --journal '{shown}'"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("give it in PGPASSWORD"), "{stderr}");

    let mut report = wamm();
    report.args(["campaign", "report", "--journal", &url]);
    let (code, stdout, stderr) = finished("campaign report", report).await;
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("sent"), "{stdout}");

    let mut resume = wamm();
    with_connection(&mut resume, &sandbox).args([
        "campaign",
        "resume",
        "--mps",
        "0",
        "--journal",
        &url,
    ]);
    let (code, _, stderr) = finished("campaign resume", resume).await;
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(sandbox.messages().len(), 300, "every row, once");

    let mut serve = wamm();
    wamm_e2e::without_wamm_settings(&mut serve);
    let mut serve = serve
        .args([
            "webhook",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--store",
            &url,
        ])
        .env("WHATSAPP_APP_SECRET", "app-secret")
        .env("WHATSAPP_VERIFY_TOKEN", "verify-token")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(serve.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    serve.kill().unwrap();
    let out = serve.wait_with_output().unwrap();
    assert!(first.starts_with("listening on "), "{first}");
    assert_eq!(second, format!("store: {shown}"));
    assert_no_password("webhook serve", &String::from_utf8_lossy(&out.stderr));
}
