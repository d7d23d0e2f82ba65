//! Templates files in Meta's format: a saved list response loads as it is, serves as it was
//! saved and decides what sends are accepted; mistakes are reported with the line and column.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::{Value, json};
use wamm_client::codes;
use wamm_sandbox::{SandboxConfig, TemplateStatus, builtin_templates};

/// A directory of its own for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("wamm-sandbox-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A `GET .../message_templates?fields=...` response as Meta sends it, saved to a file: the
/// fields the spec describes beyond the default set, fields it does not describe (at the top
/// of a template and in a component), and the paging.
const SAVED: &str = r#"{
  "data": [
    {
      "name": "autumn_sale",
      "parameter_format": "POSITIONAL",
      "components": [
        {"type": "HEADER", "format": "IMAGE", "example": {"header_handle": ["https://scontent.whatsapp.net/v/t61/abc"]}},
        {"type": "BODY", "text": "Hi {{1}}, autumn is here: {{2}} off.", "example": {"body_text": [["Ana", "20%"]]}},
        {"type": "FOOTER", "text": "Reply STOP to opt out"},
        {"type": "BUTTONS", "buttons": [{"type": "URL", "text": "Shop", "url": "https://shop.example.org/autumn/{{1}}", "example": ["https://shop.example.org/autumn/a1"]}]}
      ],
      "language": "en_GB",
      "status": "APPROVED",
      "category": "MARKETING",
      "previous_category": "UTILITY",
      "sub_category": "CUSTOM",
      "quality_score": {"score": "GREEN", "date": 1767225600},
      "rejected_reason": "NONE",
      "cta_url_link_tracking_opted_out": false,
      "message_send_ttl_seconds": 86400,
      "library_template_name": "seasonal_sale_1",
      "id": "594425479261596"
    },
    {
      "name": "vip_offer",
      "components": [
        {"type": "BODY", "text": "{{first_name}}, your code expires {{expires}}.", "add_security_recommendation": false},
        {"type": "BUTTONS", "buttons": [{"type": "COPY_CODE", "example": "VIP2026"}]}
      ],
      "language": "en_US",
      "status": "PAUSED",
      "category": "MARKETING",
      "id": "594425479261597"
    }
  ],
  "paging": {
    "cursors": {"before": "QVFIUmV4SUV6cjNBcjVxV3N1", "after": "QVFIUkJ1cFd1VjNYdmRtWWxR"},
    "next": "https://graph.facebook.com/v23.0/102290129340398/message_templates?limit=2&after=QVFIUkJ1cFd1VjNYdmRtWWxR"
  }
}"#;

fn autumn(to: &str) -> Value {
    json!({
        "messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
        "type": "template",
        "template": {"name": "autumn_sale", "language": {"code": "en_GB"}, "components": [
            {"type": "header", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.org/a.jpg"}}]},
            {"type": "body", "parameters": [{"type": "text", "text": "Ana"}, {"type": "text", "text": "20%"}]},
            {"type": "button", "sub_type": "url", "index": 0, "parameters": [{"type": "text", "text": "a1"}]}]}
    })
}

#[tokio::test]
async fn a_saved_list_response_loads_as_it_is_and_is_served_as_saved() {
    let dir = TempDir::new("saved");
    let file = dir.file("saved.json", SAVED);
    let mut config = SandboxConfig::default();
    config.load_templates(&file, false).unwrap();
    assert_eq!(config.templates.len(), builtin_templates().len() + 2);
    let sandbox = start(config).await;

    // Every field the spec describes comes back as saved (those it does not are accepted).
    let fields = "name,language,status,category,previous_category,sub_category,parameter_format,\
                  components,quality_score,rejected_reason,cta_url_link_tracking_opted_out,\
                  message_send_ttl_seconds";
    let listed = get_json(
        &sandbox,
        &format!(
            "/v23.0/{}/message_templates?name=autumn&fields={fields}",
            sandbox.waba_id()
        ),
    )
    .await;
    let mut saved: Value = serde_json::from_str(SAVED).unwrap();
    let autumn_saved = saved["data"][0].as_object_mut().unwrap();
    autumn_saved.remove("library_template_name");
    assert_eq!(listed["data"], json!([autumn_saved]));
    // Saved without parameter_format, with named placeholders: a named template.
    let vip = get_json(
        &sandbox,
        &format!(
            "/v23.0/{}/message_templates?name=vip&fields=parameter_format,status",
            sandbox.waba_id()
        ),
    )
    .await;
    assert_eq!(
        vip["data"],
        json!([{"id": "594425479261597", "parameter_format": "NAMED", "status": "PAUSED"}])
    );

    // Sends are checked against the same definitions.
    post(&sandbox, &autumn("447700900001")).await.created();
    let mut two_values = autumn("447700900002");
    items(&mut two_values["template"]["components"][1]["parameters"]).pop();
    post(&sandbox, &two_values)
        .await
        .graph_error(400, codes::PARAMETER_COUNT);
    let mut no_header = autumn("447700900002");
    items(&mut no_header["template"]["components"]).remove(0);
    post(&sandbox, &no_header)
        .await
        .graph_error(400, codes::PARAMETER_MISSING);
    let vip = json!({
        "messaging_product": "whatsapp", "recipient_type": "individual", "to": "447700900003",
        "type": "template",
        "template": {"name": "vip_offer", "language": {"code": "en_US"}, "components": [
            {"type": "body", "parameters": [
                {"type": "text", "parameter_name": "first_name", "text": "Ana"},
                {"type": "date_time", "parameter_name": "expires", "date_time": {"fallback_value": "Sunday"}}]},
            {"type": "button", "sub_type": "copy_code", "index": 0, "parameters": [{"type": "coupon_code", "coupon_code": "VIP2026"}]}]}
    });
    post(&sandbox, &vip)
        .await
        .graph_error(400, codes::TEMPLATE_PAUSED);
    sandbox.set_template_status("vip_offer", None, TemplateStatus::Approved);
    post(&sandbox, &vip).await.created();
    // The built-in ones are still there.
    post(&sandbox, &spring_sale("447700900004")).await.created();
}

#[tokio::test]
async fn a_plain_array_replaces_the_built_in_templates_when_asked() {
    let dir = TempDir::new("replace");
    let saved: Value = serde_json::from_str(SAVED).unwrap();
    let file = dir.file("array.json", &saved["data"].to_string());
    let mut config = SandboxConfig::default();
    config.load_templates(&file, true).unwrap();
    let names: Vec<&str> = config.templates.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["autumn_sale", "vip_offer"]);
    let sandbox = start(config).await;
    post(&sandbox, &spring_sale("447700900001"))
        .await
        .graph_error(404, codes::TEMPLATE_NOT_FOUND);
    post(&sandbox, &autumn("447700900001")).await.created();

    // Added instead: a template with a built-in one's name and language takes its place.
    let mut replacement = builtin_templates()[0].clone();
    replacement.status = TemplateStatus::Paused;
    let file = dir.file("spring.json", &json!({"data": [replacement]}).to_string());
    let mut config = SandboxConfig::default();
    config.load_templates(&file, false).unwrap();
    assert_eq!(config.templates.len(), builtin_templates().len());
    assert_eq!(config.templates[0].status, TemplateStatus::Paused);
    let sandbox = start(config).await;
    post(&sandbox, &spring_sale("447700900001"))
        .await
        .graph_error(400, codes::TEMPLATE_PAUSED);
}

#[tokio::test]
async fn the_example_file_holds_autumn_sale_and_restock_alert() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/templates.json");
    let mut config = SandboxConfig::default();
    config.load_templates(&file, false).unwrap();
    let sandbox = start(config).await;
    let restock = |price: Value| {
        json!({
            "messaging_product": "whatsapp", "recipient_type": "individual", "to": "447700900123",
            "type": "template",
            "template": {"name": "restock_alert", "language": {"code": "en_US"}, "components": [
                {"type": "body", "parameters": [
                    {"type": "text", "parameter_name": "product", "text": "boots"},
                    price,
                    {"type": "date_time", "parameter_name": "until", "date_time": {"fallback_value": "Sunday, 18:00"}}]}]}
        })
    };
    post(
        &sandbox,
        &restock(json!({"type": "currency", "parameter_name": "price",
            "currency": {"fallback_value": "59.50 GBP", "code": "GBP", "amount_1000": 59500}})),
    )
    .await
    .created();
    let mut short = restock(json!({"type": "text", "parameter_name": "price", "text": "£59.50"}));
    items(&mut short["template"]["components"][0]["parameters"]).remove(2);
    post(&sandbox, &short)
        .await
        .graph_error_naming(400, codes::PARAMETER_MISSING, "until");
    let mut autumn = autumn("447700900124");
    autumn["template"]["language"]["code"] = json!("en_GB");
    post(&sandbox, &autumn).await.created();
}

#[test]
fn mistakes_are_reported_with_the_file_line_column_and_what_was_expected() {
    let dir = TempDir::new("mistakes");
    let error = |name: &str, text: &str| {
        let file = dir.file(name, text);
        let error = SandboxConfig::default()
            .load_templates(&file, false)
            .unwrap_err()
            .to_string();
        let prefix = format!("{}: ", file.display());
        assert!(error.starts_with(&prefix), "{error}");
        error[prefix.len()..].to_string()
    };

    // Not JSON.
    let e = error("broken.json", "{\"data\": [\n  {\"id\": \"1\",,}\n]}");
    assert!(e.starts_with("line 2, column 14: "), "{e}");

    // Neither of the two shapes.
    let e = error("shape.json", "{\"templates\": []}");
    assert!(
        e.starts_with("line 1, column 17: missing field `data`"),
        "{e}"
    );
    assert!(e.contains("{\"data\": [template, ...]}"), "{e}");
    let e = error("number.json", "42");
    assert!(e.starts_with("line 1, column 2: "), "{e}");
    assert!(e.contains("expected Meta's template list"), "{e}");

    // A field missing, or of the wrong type: where, and what a template has.
    let e = error(
        "missing.json",
        "[\n  {\"id\": \"1\", \"name\": \"a\", \"language\": \"en\", \"category\": \"MARKETING\"}\n]",
    );
    assert!(
        e.starts_with("line 2, column 69: missing field `status`"),
        "{e}"
    );
    assert!(e.contains("id, name, language, status and category"), "{e}");
    let e = error(
        "type.json",
        "[{\"id\": 1, \"name\": \"a\", \"language\": \"en\", \"status\": \"APPROVED\", \"category\": \"MARKETING\"}]",
    );
    assert!(
        e.starts_with("line 1, column 9: invalid type: integer `1`, expected a string"),
        "{e}"
    );

    // Well-formed, but not usable: where the template starts, which one, and why.
    let e = error(
        "format.json",
        "{\"data\": [\n    {\"id\": \"1\", \"name\": \"a\", \"language\": \"en\", \"status\": \"APPROVED\",\n     \"category\": \"MARKETING\", \"parameter_format\": \"POSITIONAL\",\n     \"components\": [{\"type\": \"BODY\", \"text\": \"Hi {{first_name}}\"}]}]}",
    );
    assert!(
        e.starts_with("line 2, column 5: template 0 (a): the body has {{first_name}}"),
        "{e}"
    );
    assert!(e.contains("\"parameter_format\": \"NAMED\""), "{e}");

    // A name Meta never gives a template (its own schema example is TEMPLATE_NAME): a send
    // with it is looked up and answered 132001, so loading it would make a template no send
    // can reach. Refused, naming it.
    for (file, name) in [
        ("upper.json", "TEMPLATE_NAME".to_string()),
        ("hyphen.json", "spring-sale".to_string()),
        ("long.json", "a".repeat(513)),
    ] {
        let e = error(
            file,
            &format!(
                "[{{\"id\": \"1\", \"name\": \"{name}\", \"language\": \"en\", \"status\": \"APPROVED\", \"category\": \"MARKETING\"}}]"
            ),
        );
        let shown: String = name.chars().take(60).collect();
        assert!(
            e.starts_with(&format!(
                "line 1, column 2: template 0 ({name}): `name` {shown:?} is not a name Meta gives a template"
            )),
            "{e}"
        );
        assert!(
            e.contains("lowercase letters, digits and underscores, at most 512"),
            "{e}"
        );
    }
    let ok = dir.file(
        "longest.json",
        &format!(
            "[{{\"id\": \"1\", \"name\": \"{}\", \"language\": \"en\", \"status\": \"APPROVED\", \"category\": \"MARKETING\"}}]",
            "a_1".repeat(170) + "ab"
        ),
    );
    assert!(SandboxConfig::default().load_templates(&ok, false).is_ok());

    // The sandbox's earlier format is recognised, not silently emptied.
    let e = error(
        "earlier.json",
        r#"[{"name": "autumn_sale", "language": "en_GB", "header": "image", "body": 2}]"#,
    );
    assert!(e.starts_with("line 1, column 2: template 0 (autumn_sale): `body` belongs to the sandbox's earlier template format"), "{e}");
}

#[test]
fn config_check_refuses_templates_that_cannot_be_used() {
    let mut twice = builtin_templates();
    twice.push(twice[0].clone());
    let error = SandboxConfig {
        templates: twice,
        ..SandboxConfig::default()
    }
    .check()
    .unwrap_err();
    assert!(
        error.contains("spring_sale in en_US appears twice"),
        "{error}"
    );

    let mut nameless = builtin_templates();
    nameless[1].name = String::new();
    let error = SandboxConfig {
        templates: nameless,
        ..SandboxConfig::default()
    }
    .check()
    .unwrap_err();
    assert_eq!(error, "template 1 (): `name` is empty");
}
