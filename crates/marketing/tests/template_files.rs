//! Template files: parsing any text never panics, and what `to_toml` writes reads back the
//! same.

use marketing::templates::files;
use proptest::prelude::*;

const GOOD: &str = r#"
name = "spring_sale"
language = "en_US"
category = "MARKETING"
parameter_format = "POSITIONAL"
ttl = "36h"
cta_url_link_tracking_opted_out = false
max_price = { amount = 1500, strategy = "LOWEST_COST_WITH_BID_CAP" }

[creative_features]
image_touchups = "opt_in"
add_text_overlay = "OPT_OUT"

[[components]]
type = "HEADER"
format = "TEXT"
text = "Spring sale, {{1}}"
example = { header_text = ["Maria"] }

[[components]]
type = "BODY"
text = """
Hi {{1}}, everything is {{2}} off until Sunday.
See you soon."""
example = { body_text = [["Maria", "20%"]] }

[[components]]
type = "FOOTER"
text = "Reply STOP to opt out"

[[components]]
type = "BUTTONS"
buttons = [
  { type = "URL", text = "Shop", url = "https://shop.example.org/{{1}}", example = ["https://shop.example.org/spring"] },
  { type = "COPY_CODE", example = "SPRING20" },
  { type = "QUICK_REPLY", text = "Stop promotions" },
]
"#;

#[test]
fn a_full_file_reads_back_the_same_after_writing() {
    let template = files::parse("spring_sale.en_US.toml", GOOD).expect("a good file");
    assert_eq!(template.message_send_ttl_seconds, Some(129_600));
    assert_eq!(template.components.len(), 4);
    assert_eq!(
        template.components[3].buttons[1].example,
        Some(serde_json::json!("SPRING20"))
    );
    let features = template
        .degrees_of_freedom_spec
        .as_ref()
        .and_then(|d| d.creative_features_spec.as_ref())
        .expect("features");
    assert_eq!(
        features.0["add_text_overlay"].enroll_status.as_deref(),
        Some("OPT_OUT")
    );
    let written = files::to_toml(&template);
    let again = files::parse("spring_sale.en_US.toml", &written).expect(&written);
    assert_eq!(again, template, "{written}");
}

#[test]
fn a_ttl_of_seconds_and_a_duration_agree() {
    let head = "name = \"a\"\nlanguage = \"en\"\ncategory = \"MARKETING\"\n";
    let seconds = files::parse("a.en.toml", &format!("{head}ttl = 172800\n")).unwrap();
    let days = files::parse("a.en.toml", &format!("{head}ttl = \"2d\"\n")).unwrap();
    assert_eq!(seconds, days);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_parses_or_fails_with_a_problem(text in ".{0,400}") {
        let _ = files::parse("x.en.toml", &text);
    }

    #[test]
    fn a_mangled_good_file_parses_or_names_a_line(cut in 0usize..GOOD.len(), insert in "[\\[\\]{}=\"a-z0-9 \n.,]{0,12}") {
        let mut text = GOOD.to_string();
        let mut at = cut;
        while !text.is_char_boundary(at) { at -= 1; }
        text.insert_str(at, &insert);
        if let Err(problem) = files::parse("x.en.toml", &text) {
            prop_assert!(!problem.reason.is_empty());
            if let Some(line) = problem.line {
                prop_assert!(line >= 1 && line <= text.lines().count() + 1);
            }
        }
    }

    #[test]
    fn durations_never_panic(text in ".{0,40}") {
        let _ = files::parse_duration(&text);
    }
}

mod against_the_sandbox {
    use std::time::Duration;

    use marketing::templates::folder::Folder;
    use marketing::templates::plan::{self, Action, AppliedState};
    use marketing::templates::{TemplateStatus, apply, files};
    use marketing::{AccessToken, MarketingClient, TemplatesError};
    use wamm_sandbox::{Sandbox, SandboxConfig};

    async fn started() -> (Sandbox, MarketingClient) {
        let sandbox = Sandbox::start(SandboxConfig {
            review_delay: Duration::ZERO,
            ..SandboxConfig::default()
        })
        .await
        .expect("sandbox");
        let client =
            MarketingClient::for_account(sandbox.waba_id(), AccessToken::new(sandbox.token()))
                .base_url(sandbox.base_url())
                .build()
                .expect("client");
        (sandbox, client)
    }

    fn file(text: &str) -> Folder {
        let template = files::parse("autumn_launch.en_US.toml", text).expect("parses");
        Folder {
            files: vec![files::TemplateFile {
                path: "autumn_launch.en_US.toml".into(),
                text: text.to_string(),
                template,
            }],
            problems: Vec::new(),
        }
    }

    /// The plan for `folder` against the templates the account has now, with nothing applied
    /// before.
    async fn plan_now(client: &MarketingClient, folder: &Folder) -> plan::Plan {
        let account = client.all_templates().await.expect("list");
        plan::plan(
            folder,
            &account,
            &AppliedState::default(),
            std::time::SystemTime::now(),
        )
    }

    const AUTUMN: &str = r#"
name = "autumn_launch"
language = "en_US"
category = "MARKETING"
ttl = "2d"
[[components]]
type = "BODY"
text = "Hello {{1}}, the autumn collection is in store now, with new colours every week."
example = { body_text = [["Maria"]] }
"#;

    #[tokio::test]
    async fn created_then_planned_unchanged_then_deleted() {
        let (_sandbox, client) = started().await;
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = file(AUTUMN);

        let planned = plan_now(&client, &folder).await;
        assert!(matches!(planned.items[0].action, Action::Create { .. }));
        let applied = apply::apply(&client, &planned, dir.path())
            .await
            .expect("applied");
        assert_eq!(applied.len(), 1);
        assert_eq!(applied[0].error, None);

        let created = client
            .get_template("autumn_launch", "en_US")
            .await
            .expect("list")
            .expect("created");
        assert_eq!(created.status, TemplateStatus::Approved);
        assert_eq!(created.message_send_ttl_seconds, Some(172_800));
        let again = plan_now(&client, &folder).await;
        assert_eq!(again.items[0].action, Action::Unchanged);

        // Created twice by name (a rerun that did not see the first): Meta refuses it.
        let twice = client
            .create_template(&folder.files[0].template)
            .await
            .expect_err("the name exists in this language");
        assert!(matches!(twice, TemplatesError::Api(_)), "{twice}");

        client
            .delete_template("autumn_launch", Some(&created.id))
            .await
            .expect("deleted");
        assert_eq!(
            client
                .get_template("autumn_launch", "en_US")
                .await
                .expect("list"),
            None
        );
    }
}
