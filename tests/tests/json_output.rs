//! `--json` on every command that lists things: one JSON document on stdout with the fields
//! docs/cli.md names, the same facts as the text form, and the same exit code. The audit
//! itself is a test: every subcommand `--help` lists offers `--json`, or is named here with
//! the reason it does not.

use std::ffi::OsStr;
use std::process::Output;

use serde_json::{Value, json};
use wamm_e2e::{TOKEN, code, resource, run_against, text, wamm};
use wamm_sandbox::{DEFAULT_WABA_ID, Sandbox, SandboxConfig};

/// The subcommands without `--json`, and why; `--help` of every other one offers it.
const WITHOUT_JSON: &[(&str, &str)] = &[
    ("demo", "a walk-through for people, not a listing"),
    ("sandbox", "a server; it logs, it lists nothing"),
    ("completions", "prints a shell script"),
    ("campaign schema", "prints a JSON Schema already"),
    (
        "templates scaffold",
        "prints a request body: --format json (the default) or toml",
    ),
    (
        "suppression add",
        "a change; it only counts what it did, on stderr",
    ),
    (
        "suppression remove",
        "a change; it only counts what it did, on stderr",
    ),
    (
        "webhook serve",
        "a server; what it records is read with the commands that list it",
    ),
];

fn stdout_json(output: &Output) -> Value {
    let (stdout, stderr) = text(output);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"))
}

/// Every leaf command `--help` lists, as `campaign run`, with its help text.
fn leaf_commands(prefix: &[String], found: &mut Vec<(String, String)>) {
    let output = wamm()
        .args(prefix)
        .arg("--help")
        .output()
        .expect("wamm runs");
    let (help, stderr) = text(&output);
    assert_eq!(code(&output), 0, "{stderr}");
    let Some(list) = help.split("\nCommands:\n").nth(1) else {
        found.push((prefix.join(" "), help));
        return;
    };
    for line in list.lines().take_while(|l| !l.trim().is_empty()) {
        let name = line.split_whitespace().next().expect("a command name");
        if name != "help" {
            let mut path = prefix.to_vec();
            path.push(name.to_string());
            leaf_commands(&path, found);
        }
    }
}

#[test]
fn every_command_offers_json_or_is_named_with_its_reason() {
    let mut leaves = Vec::new();
    leaf_commands(&[], &mut leaves);
    assert!(leaves.len() > 20, "{leaves:?}");
    for (command, help) in &leaves {
        let exempt = WITHOUT_JSON.iter().any(|(name, _)| name == command);
        let offers = help.lines().any(|l| l.trim_start().starts_with("--json"));
        assert!(
            offers != exempt,
            "`wamm {command}`: --json offered: {offers}, named in WITHOUT_JSON: {exempt}"
        );
    }
    for (name, _) in WITHOUT_JSON {
        assert!(
            leaves.iter().any(|(command, _)| command == name),
            "WITHOUT_JSON names `{name}`, which --help no longer lists"
        );
    }
}

#[test]
fn validate_json_lists_every_file_with_its_problems_as_the_text_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let good = resource("flash_deal.json");
    let bad = resource("bad_coupon.json");
    let not_json = dir.path().join("not.json");
    std::fs::write(&not_json, "{\"to\": ").expect("write");
    let missing = dir.path().join("missing.json");
    let files = [&good, &bad, &not_json, &missing];

    let text_form = wamm()
        .arg("validate")
        .args(files)
        .output()
        .expect("wamm runs");
    let output = wamm()
        .arg("validate")
        .args(files)
        .arg("--json")
        .output()
        .expect("wamm runs");
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 2, "the text form's exit code: {stderr}");
    assert_eq!(code(&text_form), 2);
    assert!(stderr.contains("3 of 4 files invalid"), "{stderr}");
    assert!(
        stderr.contains("missing.json"),
        "the unreadable file on stderr: {stderr}"
    );

    let document = stdout_json(&output);
    assert_eq!(document["invalid"], 3, "{document:#}");
    let listed = document["files"].as_array().expect("files");
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(
        listed
            .iter()
            .map(|f| f["file"].as_str().unwrap())
            .collect::<Vec<_>>(),
        names
    );
    assert_eq!(
        listed
            .iter()
            .map(|f| f["valid"].as_bool().unwrap())
            .collect::<Vec<_>>(),
        [true, false, false, false]
    );
    assert_eq!(listed[0]["problems"], json!([]));
    assert_eq!(listed[0]["warnings"], json!([]));
    assert_eq!(
        listed[2]["problems"][0]["code"],
        Value::Null,
        "not JSON: no Graph code"
    );
    assert!(
        listed[2]["problems"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("not valid JSON")
    );
    assert_eq!(listed[3]["problems"].as_array().unwrap().len(), 1);

    // The bad file's problems are the text form's lines, field by field.
    let problems = listed[1]["problems"].as_array().expect("problems");
    assert!(problems.len() >= 2, "{document:#}");
    let coupon = problems
        .iter()
        .find(|p| p["path"] == "template.components[0].parameters[0].coupon_code")
        .expect("the coupon problem");
    assert_eq!(coupon["message"], "16 characters, at most 15");
    assert_eq!(coupon["code"], 100);
    assert_eq!(coupon["unknown_field"], false);
    let text_lines: Vec<String> = text(&text_form)
        .0
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{}: ", names[1])).map(String::from))
        .collect();
    let json_lines: Vec<String> = problems
        .iter()
        .map(|p| match p["path"].as_str().unwrap() {
            "" => p["message"].as_str().unwrap().to_string(),
            path => format!("{path}: {}", p["message"].as_str().unwrap()),
        })
        .collect();
    assert_eq!(json_lines, text_lines);
}

#[test]
fn validate_json_carries_warnings_and_reads_stdin() {
    let mut body: Value =
        serde_json::from_str(&std::fs::read_to_string(resource("flash_deal.json")).unwrap())
            .unwrap();
    body["campaign_label"] = json!("spring");
    let mut child = wamm()
        .args(["validate", "-", "--allow-unknown-fields", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("wamm runs");
    serde_json::to_writer(child.stdin.take().unwrap(), &body).expect("stdin");
    let output = child.wait_with_output().expect("wamm ends");
    assert_eq!(code(&output), 0, "{:?}", text(&output));
    let document = stdout_json(&output);
    let file = &document["files"][0];
    assert_eq!(file["file"], "<stdin>");
    assert_eq!(file["valid"], true);
    assert_eq!(document["invalid"], 0);
    let warnings = file["warnings"].as_array().expect("warnings");
    assert_eq!(warnings.len(), 1, "{document:#}");
    assert_eq!(warnings[0]["path"], "campaign_label");
    assert_eq!(warnings[0]["unknown_field"], true);
}

fn suppression(store: &OsStr, args: &[&str]) -> Output {
    wamm()
        .arg("suppression")
        .args(args)
        .arg("--store")
        .arg(store)
        .output()
        .expect("wamm runs")
}

#[test]
fn suppression_list_json_is_the_text_lines_as_objects() {
    let dir = tempfile::tempdir().expect("temp dir");
    suppression_list_json(dir.path().join("events.db").as_os_str());
}

/// The same against an event store kept in PostgreSQL (skipped, saying so, without it).
#[test]
fn suppression_list_json_reads_a_postgres_store_alike() {
    if let Some(url) = wamm_testkit::postgres::database("suppression list --json") {
        suppression_list_json(OsStr::new(&url));
    }
}

fn suppression_list_json(store: &OsStr) {
    let empty = suppression(store, &["list", "--json"]);
    assert_eq!(code(&empty), 0, "{:?}", text(&empty));
    assert_eq!(stdout_json(&empty), json!([]));

    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let added = suppression(
        store,
        &[
            "add",
            "+44 7700 900124",
            "447700900123",
            "US.13491208655302741918",
        ],
    );
    assert_eq!(code(&added), 0, "{:?}", text(&added));

    let listed = suppression(store, &["list", "--json"]);
    assert_eq!(code(&listed), 0, "{:?}", text(&listed));
    let list = stdout_json(&listed);
    let list = list.as_array().expect("an array");
    let users: Vec<&str> = list.iter().map(|s| s["user"].as_str().unwrap()).collect();
    assert_eq!(
        users,
        ["447700900123", "447700900124", "US.13491208655302741918"]
    );
    for entry in list {
        assert_eq!(entry["source"], "manual");
        let at = entry["at"].as_i64().expect("Unix seconds");
        assert!(at >= before - 1, "{entry}");
        assert_eq!(
            entry.as_object().unwrap().len(),
            3,
            "user, source, at: {entry}"
        );
    }
    let text_form = suppression(store, &["list"]);
    let lines: Vec<String> = text(&text_form).0.lines().map(String::from).collect();
    let from_json: Vec<String> = list
        .iter()
        .map(|s| {
            format!(
                "{}\t{}\t{}",
                s["user"].as_str().unwrap(),
                s["source"].as_str().unwrap(),
                s["at"]
            )
        })
        .collect();
    assert_eq!(from_json, lines);

    // No store: the same usage error, on stderr, in either form.
    let output = wamm()
        .args(["suppression", "list", "--json"])
        .output()
        .expect("wamm runs");
    let (stdout, stderr) = text(&output);
    assert_eq!(code(&output), 2);
    assert!(
        stdout.is_empty() && stderr.contains("no event store"),
        "{stderr}"
    );
}

async fn pull(sandbox: &Sandbox, folder: &str) -> Output {
    let args = [
        "templates",
        "pull",
        folder,
        "--json",
        "--waba-id",
        DEFAULT_WABA_ID,
    ];
    run_against(&sandbox.base_url(), sandbox.phone_number_id(), &args).await
}

#[tokio::test(flavor = "multi_thread")]
async fn templates_pull_json_names_each_file_and_what_was_left_out() {
    let sandbox = Sandbox::start(SandboxConfig {
        token: TOKEN.to_string(),
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().to_str().expect("utf-8 path");
    let first = pull(&sandbox, folder).await;
    assert_eq!(code(&first), 0, "{:?}", text(&first));
    let first = stdout_json(&first);
    assert_eq!(first["account"], DEFAULT_WABA_ID);
    let mut on_disk: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    on_disk.sort();
    let mut written: Vec<String> = first["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    written.sort();
    assert!(written.len() >= 2, "{first:#}");
    assert_eq!(
        written, on_disk,
        "written names every file made, nothing else"
    );
    assert_eq!(first["unchanged"], json!([]));
    assert_eq!(first["kept"], json!([]));
    assert!(
        first["left_out"].as_array().unwrap().contains(
            &json!({"name": "order_update", "language": "en_US", "reason": "not_marketing"})
        ),
        "{first:#}"
    );

    // Again, with one file edited since: it is kept (exit 2, as in text), the rest unchanged.
    let spring = dir.path().join("spring_sale.en_US.toml");
    let edited = std::fs::read_to_string(&spring).unwrap() + "\n# mine\n";
    std::fs::write(&spring, edited).unwrap();
    let second = pull(&sandbox, folder).await;
    let (_, stderr) = text(&second);
    assert_eq!(code(&second), 2, "{stderr}");
    assert!(stderr.contains("differ from the account"), "{stderr}");
    let second = stdout_json(&second);
    assert_eq!(second["written"], json!([]));
    assert_eq!(second["kept"], json!([spring.display().to_string()]));
    assert_eq!(
        second["unchanged"].as_array().unwrap().len(),
        written.len() - 1,
        "{second:#}"
    );
}
