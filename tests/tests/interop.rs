//! Bodies as other clients and Meta's own examples write them (`tests/resources/interop/`,
//! described in its MANIFEST.md) against `wamm validate`, `wamm send` and the sandbox over
//! HTTP: the accepted ones are accepted by all three, the refused ones are refused by all
//! three, naming the same path with the code the manifest gives.

use std::path::{Path, PathBuf};

use serde_json::Value;
use wamm_e2e::{TOKEN, code, resource, run_against, text, wamm};
use wamm_sandbox::{Sandbox, SandboxConfig};

/// One row of MANIFEST.md's table.
#[derive(Debug)]
struct Fixture {
    file: PathBuf,
    /// The built-in sandbox template the body fits exactly, if any.
    fits: Option<String>,
    /// The defect's JSON path (`template.components[0].parameters[0].text`), for refused ones.
    path: Option<String>,
    /// The Graph code Meta answers the defect with.
    code: Option<i64>,
}

fn manifest() -> Vec<Fixture> {
    let dir = resource("interop");
    let text = std::fs::read_to_string(dir.join("MANIFEST.md")).unwrap();
    let fixtures: Vec<Fixture> =
        text.lines()
            .filter(|line| {
                line.starts_with("| accepted/")
                    || line.starts_with("| refused/")
                    || line.starts_with("| undocumented/")
            })
            .map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                let fits = cells[3].split_whitespace().next().filter(|w| {
                    w.chars().all(|c| c.is_ascii_lowercase() || c == '_') && *w != "no"
                });
                let path = cells[4]
                    .split('`')
                    .nth(1)
                    .map(|p| p.trim_start_matches("$.").to_string());
                let code = cells[5]
                    .split_whitespace()
                    .next()
                    .and_then(|c| c.parse().ok());
                Fixture {
                    file: dir.join(cells[1]),
                    fits: fits.map(str::to_string),
                    path,
                    code,
                }
            })
            .collect();
    // Every fixture file is in the manifest, and every manifest row has its file.
    let mut on_disk = 0;
    for folder in ["accepted", "refused", "undocumented"] {
        for entry in std::fs::read_dir(dir.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            assert!(
                fixtures.iter().any(|f| f.file == path),
                "{} is not in MANIFEST.md",
                path.display()
            );
            on_disk += 1;
        }
    }
    assert_eq!(
        on_disk,
        fixtures.len(),
        "MANIFEST.md lists files that do not exist"
    );
    fixtures
}

fn in_folder<'f>(fixtures: &'f [Fixture], folder: &str) -> Vec<&'f Fixture> {
    fixtures
        .iter()
        .filter(|f| f.file.parent().unwrap().ends_with(folder))
        .collect()
}

async fn sandbox(accept_any_template: bool) -> Sandbox {
    Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        accept_any_template,
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts")
}

/// Posts the file's bytes as they are, as another client would.
async fn post(sandbox: &Sandbox, file: &Path) -> (u16, Value) {
    let url = format!(
        "{}/v23.0/{}/marketing_messages",
        sandbox.base_url(),
        sandbox.phone_number_id()
    );
    let response = reqwest::Client::new()
        .post(url)
        .bearer_auth(TOKEN)
        .header("content-type", "application/json")
        .body(std::fs::read(file).unwrap())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn validate(args: &[&str]) -> (i32, String) {
    let output = wamm().arg("validate").args(args).output().unwrap();
    let (stdout, stderr) = text(&output);
    (code(&output), format!("{stdout}{stderr}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn what_other_clients_and_meta_write_is_accepted_everywhere() {
    let fixtures = manifest();
    let accepted = in_folder(&fixtures, "accepted");
    assert!(accepted.len() >= 20, "{accepted:?}");
    let any = sandbox(true).await;
    let builtin = sandbox(false).await;
    for fixture in accepted {
        let file = fixture.file.to_str().unwrap();
        let (exit, out) = validate(&[file]);
        assert_eq!(exit, 0, "wamm validate {file}:\n{out}");
        let (status, body) = post(&any, &fixture.file).await;
        assert_eq!(status, 200, "{file}: {body}");
        // Bodies that fit a built-in template exactly pass every check of the default sandbox.
        if let Some(template) = &fixture.fits {
            let (status, body) = post(&builtin, &fixture.file).await;
            assert_eq!(status, 200, "{file} (fits {template}): {body}");
        }
    }
    // Upper-case keywords reach the sandbox's template checks in lower case.
    let recorded = builtin.messages();
    assert!(
        recorded.iter().any(|m| m.template == "spring_sale"),
        "{recorded:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_defects_are_refused_everywhere_with_their_path_and_code() {
    let fixtures = manifest();
    let refused = in_folder(&fixtures, "refused");
    assert!(refused.len() >= 10);
    let any = sandbox(false).await;
    for fixture in refused {
        let file = fixture.file.to_str().unwrap();
        let path = fixture.path.as_deref().expect("refused rows name a path");
        let expected_code = fixture.code.expect("refused rows name a code");
        let (exit, out) = validate(&[file]);
        assert_eq!(exit, 2, "wamm validate {file}:\n{out}");
        assert!(
            out.contains(&format!("{file}: {path}: ")),
            "{file}: expected {path}:\n{out}"
        );
        let (status, body) = post(&any, &fixture.file).await;
        assert_eq!(status, 400, "{file}: {body}");
        assert_eq!(body["error"]["code"], expected_code, "{file}: {body}");
        let details = body["error"]["error_data"]["details"].as_str().unwrap();
        assert!(details.contains(&format!("{path}: ")), "{file}: {details}");
    }
    assert!(any.messages().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn undocumented_fields_are_refused_unless_allowed_with_a_warning() {
    let fixtures = manifest();
    let sandbox = sandbox(false).await;
    for fixture in in_folder(&fixtures, "undocumented") {
        let file = fixture.file.to_str().unwrap();
        let path = fixture.path.as_deref().unwrap();
        let (exit, out) = validate(&[file]);
        assert_eq!(exit, 2, "{out}");
        assert!(out.contains(&format!("{path}: unknown field")), "{out}");
        let (exit, out) = validate(&["--allow-unknown-fields", file]);
        assert_eq!(exit, 0, "{out}");
        assert!(
            out.contains(&format!("warning: {path}: unknown field")),
            "{out}"
        );
        let (status, body) = post(&sandbox, &fixture.file).await;
        assert_eq!(
            (status, body["error"]["code"].as_i64()),
            (400, Some(100)),
            "{body}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn wamm_send_takes_pywa_upper_case_bodies_and_sends_lower_case() {
    let sandbox = sandbox(false).await;
    let file = resource("interop/accepted/pywa-spring-sale-positional.json");
    let original = std::fs::read_to_string(&file).unwrap();
    assert!(
        original.contains("\"BODY\""),
        "the fixture is pywa's upper-case body"
    );
    let output = run_against(
        &sandbox.base_url(),
        sandbox.phone_number_id(),
        &["send", "--message", file.to_str().unwrap(), "-v"],
    )
    .await;
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stdout}{stderr}");
    assert!(stderr.contains(r#""type":"body""#), "{stderr}");
    assert_eq!(sandbox.messages().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_misspelt_field_is_named_by_validate_and_never_sent() {
    let sandbox = sandbox(false).await;
    let file = resource("interop/refused/unknown-top-level-field.json");
    let (exit, out) = validate(&[file.to_str().unwrap()]);
    assert_eq!(exit, 2);
    assert!(out.contains("product_polcy: unknown field, not in the API description; did you mean `product_policy`?"), "{out}");
    let output = run_against(
        &sandbox.base_url(),
        sandbox.phone_number_id(),
        &["send", "--message", file.to_str().unwrap()],
    )
    .await;
    assert_eq!(code(&output), 2);
    assert!(text(&output).1.contains("product_polcy"));
    assert_eq!(sandbox.stats().requests, 0, "nothing reached the server");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_name_meta_never_gives_passes_validate_and_is_looked_up_by_the_sandbox() {
    // Meta's own schema example names the template TEMPLATE_NAME: no schema problem, and the
    // answer Meta gives a name it has no template under, 404/132001, not a refusal by pattern.
    let file = resource("interop/accepted/template-name-meta-example.json");
    let (exit, out) = validate(&[file.to_str().unwrap()]);
    assert_eq!(exit, 0, "{out}");
    let builtin = sandbox(false).await;
    let (status, body) = post(&builtin, &file).await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["error"]["code"], 132001, "{body}");
    // Formatted phone numbers and upper-case parameter types reach the templates checks.
    let file = resource("interop/accepted/formatted-phone-upper-case-parameter-types.json");
    let (status, body) = post(&builtin, &file).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["contacts"][0],
        serde_json::json!({"input": "+55 (11) 98765-4321", "wa_id": "5511987654321"})
    );
}

/// pywa, pinned: the Python client whose receivers the sandbox's webhooks must satisfy.
const PYWA: &str = "pywa==4.5.0";

/// A Python with pywa: `WAMM_PYWA_PYTHON` if set, else a venv under the target directory,
/// created (from PyPI, as .ci/run installs schemathesis) the first time. `None` only when
/// there is no `python3`: then the test says so and skips.
fn python_with_pywa() -> Option<PathBuf> {
    // Tests of this file run at once: one installs, the others wait for it.
    static PYTHON: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    PYTHON.get_or_init(install_pywa).clone()
}

fn install_pywa() -> Option<PathBuf> {
    if let Some(python) = std::env::var_os("WAMM_PYWA_PYTHON") {
        return Some(PathBuf::from(python));
    }
    let found = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        return None;
    }
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pywa-4.5.0-venv");
    let python = venv.join("bin/python");
    let ready = |python: &Path| {
        std::process::Command::new(python)
            .args(["-c", "import pywa; assert pywa.__version__ == '4.5.0'"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if ready(&python) {
        return Some(python);
    }
    // Installed beside it, then moved into place: a run stopped halfway leaves no half venv.
    let partial = venv.with_extension(format!("partial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&partial);
    let step = |program: &Path, args: &[&str]| {
        let output = std::process::Command::new(program)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
        assert!(
            output.status.success(),
            "{} {args:?}:\n{}{}",
            program.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    };
    step(
        Path::new("python3"),
        &["-m", "venv", partial.to_str().unwrap()],
    );
    step(
        &partial.join("bin/pip"),
        &["install", "--quiet", "--disable-pip-version-check", PYWA],
    );
    let _ = std::fs::remove_dir_all(&venv);
    std::fs::rename(&partial, &venv).unwrap();
    // A venv's scripts name its own path: run the interpreter, which finds its packages
    // relative to where it is.
    assert!(
        ready(&python),
        "pywa did not import from {}",
        venv.display()
    );
    Some(python)
}

/// The receiver in tests/pywa/receiver.py, killed when dropped.
struct PywaReceiver {
    child: std::process::Child,
    url: String,
}

impl Drop for PywaReceiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn pywa_receiver(python: &Path, secret_file: &Path) -> PywaReceiver {
    use std::io::BufRead;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("pywa/receiver.py");
    let mut child = std::process::Command::new(python)
        .arg(script)
        .arg("--app-secret-file")
        .arg(secret_file)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("the pywa receiver did not start: {line:?}"))
        .to_string();
    PywaReceiver { child, url }
}

/// Every webhook the sandbox sends is read by pywa's own receiver machinery
/// (`WhatsApp.webhook_update_validator` for the signature, `webhook_update_handler` for the
/// parse and dispatch to `MessageStatusHandler` / `UserMarketingPreferencesHandler`): each
/// POST whole and each item on its own, 100 %, with the values pywa reads equal to those sent.
#[tokio::test(flavor = "multi_thread")]
async fn pywa_parses_every_webhook_the_sandbox_sends() {
    let Some(python) = python_with_pywa() else {
        eprintln!("SKIPPED: python3 is not installed, so pywa cannot read the sandbox's webhooks");
        return;
    };
    let secret = "interop-app-secret";
    let dir = tempfile::tempdir().unwrap();
    let secret_file = dir.path().join("app-secret.txt");
    std::fs::write(&secret_file, secret).unwrap();
    let receiver = pywa_receiver(&python, &secret_file);
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        accept_any_template: true,
        mps: 1_000_000,
        seed: 25,
        status_shares: wamm_sandbox::StatusShares {
            held_for_quality_assessment: 0.2,
            paused: 0.0,
        },
        webhooks: Some(wamm_sandbox::WebhookConfig {
            url: receiver.url.clone(),
            app_secret: secret.to_string(),
            spec:
                "read=0.5,131049=0.1,131050=0.1,held-132015=0.5,stop=0.3,duplicates=0.1,delay=100ms"
                    .parse()
                    .unwrap(),
        }),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    // Users by phone number, and some by BSUID only (`recipient`, as pywa sends to them).
    let url = format!(
        "{}/v23.0/{}/marketing_messages",
        sandbox.base_url(),
        sandbox.phone_number_id()
    );
    let http = reqwest::Client::new();
    for n in 0..60 {
        let to = if n % 6 == 0 {
            serde_json::json!({"recipient": format!("US.{:019}", 1_349_120_865_530_274_191u64 + n)})
        } else {
            serde_json::json!({"to": format!("+4477009{n:05}")})
        };
        let mut body = serde_json::json!({"messaging_product": "whatsapp", "recipient_type": "individual", "type": "template",
            "template": {"name": "spring_sale", "language": {"code": "en_GB"}}});
        body.as_object_mut()
            .unwrap()
            .extend(to.as_object().unwrap().clone());
        let response = http
            .post(&url)
            .bearer_auth(TOKEN)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    }
    assert!(
        sandbox
            .webhooks_settled(std::time::Duration::from_secs(60))
            .await
    );
    let report: Value = http
        .get(receiver.url.replace("/webhook", "/report"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let stats = sandbox.webhook_stats();
    eprintln!("pywa's report: {report}\nsandbox: {stats:?}");
    assert_eq!(report["pywa"], "4.5.0");
    assert_eq!(report["problems"], serde_json::json!([]), "{report}");
    let posts = report["posts"].as_u64().unwrap();
    let items = report["items"].as_u64().unwrap();
    // Delivery is at least once, as Meta's is: a POST the sandbox gave up waiting on (5 s, on a
    // loaded machine) may still have reached pywa, and is sent again. So pywa saw every POST the
    // sandbox counts as accepted, and at most the ones it counts as failed on top.
    let resent = stats.failed_posts;
    assert!(
        (stats.accepted_posts..=stats.accepted_posts + resent).contains(&posts),
        "{report} {stats:?}"
    );
    assert_eq!(report["verified"].as_u64(), Some(posts), "{report}");
    assert!(
        (stats.delivered_events..=stats.delivered_events + resent).contains(&items),
        "{report} {stats:?}"
    );
    assert_eq!(report["whole_built"].as_u64(), Some(items), "{report}");
    assert_eq!(report["single_built"].as_u64(), Some(items), "{report}");
    // Every kind the sandbox emits was among them.
    for kind in [
        "status:sent",
        "status:delivered",
        "status:read",
        "status:failed",
        "user_preferences",
    ] {
        assert!(report["kinds"][kind].as_u64() > Some(0), "{kind}: {report}");
    }
    let codes: std::collections::BTreeSet<_> = sandbox
        .webhook_truth()
        .iter()
        .filter_map(|t| t.code)
        .collect();
    assert_eq!(
        codes,
        [131049, 131050, 132015].into(),
        "every failure code the sandbox sends was read"
    );
}

/// pywa as a sending client (`tests/pywa/client.py`): `get_templates()` lists every template
/// the sandbox serves, with Graph's `summary`, and filters by status and content; its MM Lite
/// template sends that Meta takes are taken (a positional body; a phone number written with
/// `+`, spaces, parentheses and a hyphen, echoed as sent with the digits as `wa_id`). Two
/// refusals are expected and checked by their reason: pywa writes a limited-time offer's
/// `expiration_time_ms` in seconds (pywa's bug: Meta takes milliseconds), and
/// `reply_to_message_id` becomes `context`, which this endpoint does not take (see
/// `openapi.yaml`).
#[tokio::test(flavor = "multi_thread")]
async fn pywa_lists_templates_and_sends_through_the_sandbox() {
    let Some(python) = python_with_pywa() else {
        eprintln!("SKIPPED: python3 is not installed, so pywa cannot send through the sandbox");
        return;
    };
    let sandbox = sandbox(false).await;
    let seen = run_pywa_script(python, "client.py", &sandbox).await;
    let listed = seen["templates"].as_array().unwrap().len();
    assert!(listed >= 5, "{seen}");
    assert_eq!(seen["total_count"], listed, "{seen}");
    assert_eq!(seen["message_template_limit"], 250, "{seen}");
    assert_eq!(
        seen["filtered"],
        serde_json::json!(["spring_sale"]),
        "{seen}"
    );
    let sends = &seen["sends"];
    assert_eq!(sends["positional"]["status"], "accepted", "{seen}");
    assert_eq!(
        sends["formatted_number"]["input"], "+1 (631) 555-2223",
        "{seen}"
    );
    assert_eq!(sends["formatted_number"]["to"], "16315552223", "{seen}");
    assert_eq!(sends["named_rich"]["error"], 100, "{seen}");
    assert!(
        sends["named_rich"]["details"]
            .as_str()
            .unwrap()
            .contains("expiration_time_ms"),
        "{seen}"
    );
    assert_eq!(sends["reply"]["error"], 100, "{seen}");
    assert!(
        sends["reply"]["details"]
            .as_str()
            .unwrap()
            .starts_with("context: unknown field"),
        "{seen}"
    );
    let users: Vec<String> = sandbox.messages().into_iter().map(|m| m.user).collect();
    assert_eq!(
        users,
        ["447700900123", "16315552223"],
        "only the accepted sends were created"
    );
}

/// pywa as a template author (`tests/pywa/templates.py`): its `create_template` bodies (a
/// text header, body, footer, URL and quick-reply buttons, time-to-live, creative features)
/// are taken by the sandbox and reviewed by Meta's rules, one approved and one rejected (a body
/// ending in its variable); `get_templates()` reads both back, creative features included in
/// the `{key, value}` list form Graph answers a read with.
#[tokio::test(flavor = "multi_thread")]
async fn pywa_creates_templates_the_sandbox_reviews_and_lists_them_back() {
    let Some(python) = python_with_pywa() else {
        eprintln!("SKIPPED: python3 is not installed, so pywa cannot create templates");
        return;
    };
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        review_delay: std::time::Duration::ZERO,
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts");
    let seen = run_pywa_script(python, "templates.py", &sandbox).await;
    let created = &seen["created"];
    assert_eq!(created["pywa_autumn"]["status"], "APPROVED", "{seen}");
    assert_eq!(created["pywa_autumn"]["category"], "MARKETING", "{seen}");
    assert_eq!(created["pywa_edge"]["status"], "REJECTED", "{seen}");
    let listed = &seen["listed"];
    let autumn = &listed["pywa_autumn"];
    assert_eq!(autumn["id"], created["pywa_autumn"]["id"], "{seen}");
    assert_eq!(autumn["status"], "APPROVED", "{seen}");
    assert_eq!(autumn["ttl"], 172_800, "{seen}");
    assert_eq!(autumn["image_touchups"], true, "{seen}");
    assert_eq!(autumn["image_animation"], false, "{seen}");
    assert_eq!(autumn["components"], 4, "{seen}");
    assert_eq!(listed["pywa_edge"]["status"], "REJECTED", "{seen}");
    sandbox.shutdown().await;
}

/// Runs `tests/pywa/SCRIPT BASE_URL PHONE_NUMBER_ID WABA_ID TOKEN` against `sandbox` and
/// reads the JSON it prints; it must exit 0.
async fn run_pywa_script(python: PathBuf, script: &str, sandbox: &Sandbox) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("pywa")
        .join(script);
    let base = sandbox.base_url();
    let phone = sandbox.phone_number_id().to_string();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(python)
            .arg(script)
            .args([&base, &phone, "102290129340398", TOKEN])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    serde_json::from_str(stdout.trim()).unwrap_or_else(|_| panic!("{stdout}"))
}
