//! Helpers for wamm's end-to-end tests: run the real `wamm` binary against a real sandbox on a
//! loopback port. The tests themselves live in `tests/tests/`.

use std::path::PathBuf;
use std::process::Output;

mod receiver;
pub use receiver::Receiver;

/// A sandbox on a loopback port that takes [`TOKEN`], otherwise as `wamm sandbox` starts.
pub async fn sandbox() -> wamm_sandbox::Sandbox {
    wamm_sandbox::Sandbox::start(wamm_sandbox::SandboxConfig {
        token: TOKEN.to_string(),
        ..wamm_sandbox::SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts")
}

/// The sandbox token the tests use; every test also checks it never appears in output.
pub const TOKEN: &str = "e2e-secret-token-7f3a";

/// A file under `tests/resources/`.
pub fn resource(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("resources")
        .join(name)
}

/// stdout and stderr of a run, as text.
pub fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The exit code (-1 when killed by a signal).
pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

/// The `wamm` binary, built once per test process with the same cargo that runs the tests, so
/// the tests never run a stale binary. Panics (failing the test) if the build fails.
pub fn wamm_bin() -> &'static std::path::Path {
    static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let output = std::process::Command::new(cargo)
            .args([
                "build",
                "--quiet",
                "--package",
                "wamm",
                "--bin",
                "wamm",
                "--message-format=json",
            ])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stderr(std::process::Stdio::inherit())
            .output()
            .expect("cargo runs");
        assert!(output.status.success(), "cargo build -p wamm failed");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|msg| msg["target"]["name"] == "wamm")
            .find_map(|msg| msg["executable"].as_str().map(PathBuf::from))
            .expect("cargo reported the wamm executable")
    })
}

/// Runs `wamm args` against the server at `base_url` for `phone_number_id`, the token in the
/// environment, off the async runtime; fails the test if the token appears in any output.
pub async fn run_against(base_url: &str, phone_number_id: &str, args: &[&str]) -> Output {
    let mut command = wamm();
    command
        .args(args)
        .env("WAMM_BASE_URL", base_url)
        .env("WHATSAPP_PHONE_NUMBER_ID", phone_number_id)
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    finished(command).await
}

/// Runs `command` to the end off the async runtime; fails the test if the token appears in any
/// output.
pub async fn finished(mut command: std::process::Command) -> Output {
    let output = tokio::task::spawn_blocking(move || command.output().expect("wamm runs"))
        .await
        .expect("the blocking task finishes");
    let (stdout, stderr) = text(&output);
    assert!(
        !stdout.contains(TOKEN) && !stderr.contains(TOKEN),
        "token printed by wamm"
    );
    output
}

/// A `wamm` command with a clean environment: no inherited WHATSAPP_* or WAMM_* settings, no
/// colour, no `RUST_LOG` (a developer's log levels would add lines the tests do not expect).
pub fn wamm() -> std::process::Command {
    let mut command = std::process::Command::new(wamm_bin());
    for (key, _) in std::env::vars() {
        if key.starts_with("WHATSAPP_") || key.starts_with("WAMM_") {
            command.env_remove(key);
        }
    }
    command.env_remove("RUST_LOG");
    command.env("NO_COLOR", "1");
    command
}

/// The workspace's root directory (where README.md and examples/ are).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_path_buf()
}

/// Removes inherited WHATSAPP_* and WAMM_* settings from `command`'s environment, so a test
/// decides every setting itself.
pub fn without_wamm_settings(command: &mut std::process::Command) -> &mut std::process::Command {
    for (key, _) in std::env::vars() {
        if key.starts_with("WHATSAPP_") || key.starts_with("WAMM_") {
            command.env_remove(key);
        }
    }
    command
}

/// The campaign file the end-to-end tests share, as a `&'static str` (usable in a `const`):
/// a campaign called `name` sending the sandbox's `spring_sale` with each row's `first_name`,
/// at `mps` messages a second (0: unpaced) over `concurrency` connections. An optional fourth
/// argument holds more tables (`[retry]`, `[halt]`, `[[senders]]`), placed before the message,
/// which always comes last, so a test may still `replace` its lines.
///
/// ```
/// const CAMPAIGN: &str = wamm_e2e::campaign_toml!("e2e", 0, 32);
/// assert!(CAMPAIGN.contains("messages_per_second = 0\n"));
/// assert!(CAMPAIGN.ends_with("text = \"{{first_name}}\" }] }]\n"));
/// ```
#[macro_export]
macro_rules! campaign_toml {
    ($name:literal, $mps:literal, $concurrency:literal) => {
        $crate::campaign_toml!($name, $mps, $concurrency, "")
    };
    ($name:literal, $mps:literal, $concurrency:literal, $tables:literal) => {
        concat!(
            "\nname = \"",
            $name,
            "\"\nmessages_per_second = ",
            $mps,
            "\nconcurrency = ",
            $concurrency,
            "\n\n",
            $tables,
            $crate::campaign_toml!(@message)
        )
    };
    // The message every copy sends; written once, here.
    (@message) => {
        r#"
[message.template]
name = "spring_sale"
language = { code = "en_US" }
components = [{ type = "body", parameters = [{ type = "text", text = "{{first_name}}" }] }]
"#
    };
}

/// [`campaign_toml!`] for a name or rate known only at run time; `tables` as its fourth
/// argument (`""` for none).
///
/// ```
/// let pool = wamm_e2e::campaign_toml("pool", 40, 16, "[[senders]]\nphone_number_id = \"1\"\n");
/// assert!(pool.contains("name = \"pool\"\nmessages_per_second = 40\nconcurrency = 16\n"));
/// assert!(pool.find("[[senders]]") < pool.find("[message.template]"));
/// ```
pub fn campaign_toml(name: &str, mps: u32, concurrency: u32, tables: &str) -> String {
    format!(
        "\nname = \"{name}\"\nmessages_per_second = {mps}\nconcurrency = {concurrency}\n\n{tables}{}",
        campaign_toml!(@message)
    )
}

/// A campaign in a temporary directory: `campaign.toml`, a `recipients.csv` of numbered
/// phones with a `first_name` each, and the journal at `journal`.
#[derive(Debug)]
pub struct CampaignFiles {
    dir: tempfile::TempDir,
}

impl CampaignFiles {
    /// Writes `campaign` and a list of `rows` recipients.
    pub fn new(campaign: &str, rows: usize) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("campaign.toml"), campaign).expect("write");
        let mut csv = String::from("phone,first_name\n");
        for i in 0..rows {
            csv.push_str(&format!("4477009{i:05},Name{i}\n"));
        }
        std::fs::write(dir.path().join("recipients.csv"), csv).expect("write");
        Self { dir }
    }

    /// A file in the directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The same, as a command-line argument.
    pub fn arg(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }

    /// `wamm campaign <args> --journal journal`, sending to `base_url` for `phone_number_id`
    /// with the test token.
    pub fn command(
        &self,
        base_url: &str,
        phone_number_id: &str,
        args: &[&str],
    ) -> std::process::Command {
        let mut command = wamm();
        command
            .arg("campaign")
            .args(args)
            .args(["--journal", &self.arg("journal")])
            .env("WAMM_BASE_URL", base_url)
            .env("WHATSAPP_PHONE_NUMBER_ID", phone_number_id)
            .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
        command
    }
}

impl CampaignFiles {
    /// `wamm campaign run` of the campaign file and list here (see [`CampaignFiles::command`]).
    pub fn run_command(&self, base_url: &str, phone_number_id: &str) -> std::process::Command {
        let (campaign, list) = (self.arg("campaign.toml"), self.arg("recipients.csv"));
        self.command(
            base_url,
            phone_number_id,
            &["run", "--campaign", &campaign, "--recipients", &list],
        )
    }
}

/// `wamm campaign <args> --journal JOURNAL --json` against `sandbox` (its URL, its phone
/// number, [`TOKEN`]).
pub fn campaign_command<S: AsRef<std::ffi::OsStr>>(
    sandbox: &wamm_sandbox::Sandbox,
    journal: impl AsRef<std::ffi::OsStr>,
    args: &[S],
) -> std::process::Command {
    let mut command = wamm();
    command
        .arg("campaign")
        .args(args)
        .arg("--journal")
        .arg(journal)
        .arg("--json")
        .env("WAMM_BASE_URL", sandbox.base_url())
        .env("WHATSAPP_PHONE_NUMBER_ID", sandbox.phone_number_id())
        .env("WHATSAPP_ACCESS_TOKEN", TOKEN);
    command
}

/// `campaign run --campaign CAMPAIGN --recipients LIST`, the start of every test's run.
pub fn run_args(campaign: &std::path::Path, recipients: &std::path::Path) -> Vec<String> {
    vec![
        "run".into(),
        "--campaign".into(),
        campaign.display().to_string(),
        "--recipients".into(),
        recipients.display().to_string(),
    ]
}

/// `wamm campaign report --json` of `journal`; fails the test if it does not succeed.
pub fn campaign_report(journal: &std::path::Path) -> serde_json::Value {
    let out = wamm()
        .args(["campaign", "report", "--json", "--journal"])
        .arg(journal)
        .output()
        .expect("wamm runs");
    assert_eq!(code(&out), 0, "{}", text(&out).1);
    serde_json::from_str(&text(&out).0).expect("the report is JSON")
}

/// The count of rows in `state` in a report from [`campaign_report`].
pub fn state_count(report: &serde_json::Value, state: &str) -> u64 {
    report["states"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|s| s["state"] == state)
        .and_then(|s| s["count"].as_u64())
        .unwrap_or(0)
}
