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
