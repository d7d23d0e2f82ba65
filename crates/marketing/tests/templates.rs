//! Approved templates over real HTTP to a loopback server answering in Graph's format: paging,
//! filters, errors, lookups; and checks of messages, campaigns and scaffolds against the
//! sandbox's built-in templates as Graph would describe them
//! (`wamm_sandbox::builtin_templates`, the sandbox's own definitions).

use std::path::PathBuf;
use std::time::Duration;

use marketing::campaign::{self, CampaignDefinition, MessagePattern, Row};
use marketing::templates::{
    self, MAX_PAGE_SIZE, TEMPLATE_FIELDS, Template, TemplateCategory, TemplateFilter,
    TemplateStatus,
};
use marketing::{
    AccessToken, BodyParam, ErrorClass, MarketingClient, Message, TemplateCheckError,
    TemplatesError,
};
use serde_json::{Value, json};
use wamm_testkit::{RawRequest, Reply, ScriptedServer};

const TOKEN: &str = "EAAG-templates-test-token";
const WABA: &str = "102290129340398";

/// The sandbox's five built-in templates, as Graph lists them.
fn builtin_json() -> Vec<Value> {
    wamm_sandbox::builtin_templates()
        .into_iter()
        .map(|t| serde_json::to_value(t).expect("JSON"))
        .collect()
}

fn builtin() -> Vec<Template> {
    builtin_json()
        .into_iter()
        .map(|t| serde_json::from_value(t).expect("a MessageTemplate"))
        .collect()
}

fn template(name: &str) -> Template {
    builtin()
        .into_iter()
        .find(|t| t.name == name)
        .expect("a built-in template")
}

/// A page in Graph's format; `after` set means there is a next page.
fn page(templates: &[Value], after: Option<&str>) -> Reply {
    let mut paging = json!({"cursors": {"before": "QVFIUm9i"}});
    if let Some(after) = after {
        paging["cursors"]["after"] = json!(after);
        paging["next"] = json!(format!(
            "https://graph.facebook.com/v23.0/{WABA}/message_templates?limit=2&after={after}"
        ));
    }
    Reply::json(
        200,
        json!({"data": templates, "paging": paging}).to_string(),
    )
}

fn client(server: &ScriptedServer) -> MarketingClient {
    MarketingClient::builder("106540352242922", AccessToken::new(TOKEN))
        .waba_id(WABA)
        .base_url(server.base_url())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client")
}

/// The decoded query of a request.
fn query(request: &RawRequest) -> Vec<(String, String)> {
    let url = reqwest::Url::parse(&format!("http://x{}", request.target)).expect("a target");
    url.query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn param(request: &RawRequest, name: &str) -> Option<String> {
    query(request)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// A server listing the five built-in templates in pages of 2, 2 and 1, the first two
/// pointing to the next with these cursors.
async fn in_three_pages(cursors: [&str; 2]) -> ScriptedServer {
    let all = builtin_json();
    ScriptedServer::start(vec![
        page(&all[0..2], Some(cursors[0])),
        page(&all[2..4], Some(cursors[1])),
        page(&all[4..5], None),
    ])
    .await
}

/// Every template a server answering with `replies` lists, unfiltered; the server keeps what
/// it was asked.
async fn list_all(replies: Vec<Reply>) -> (ScriptedServer, Result<Vec<Template>, TemplatesError>) {
    let server = ScriptedServer::start(replies).await;
    let listed = client(&server)
        .list_templates(TemplateFilter::new())
        .try_collect()
        .await;
    (server, listed)
}

/// The error of the first template `client` lists by `filter`.
async fn first_error(client: &MarketingClient, filter: TemplateFilter) -> TemplatesError {
    client.list_templates(filter).try_next().await.unwrap_err()
}

/// The error of the first template asked of a server answering with `reply`.
async fn first_fails(reply: Reply) -> TemplatesError {
    let server = ScriptedServer::start(vec![reply]).await;
    first_error(&client(&server), TemplateFilter::new()).await
}

#[tokio::test]
async fn paging_follows_the_after_cursor_across_three_pages() {
    let server = in_three_pages(["QVFIUnBhZ2Ux", "QVFIUnBhZ2Uy"]).await;
    let mut pages = client(&server).list_templates(TemplateFilter::new());
    let mut names = Vec::new();
    while let Some(template) = pages.try_next().await.expect("a template") {
        names.push(format!(
            "{} {} {}",
            template.name, template.status, template.category
        ));
    }
    assert_eq!(
        names,
        [
            "spring_sale APPROVED MARKETING",
            "flash_deal APPROVED MARKETING",
            "weekend_picks APPROVED MARKETING",
            "order_update APPROVED UTILITY",
            "old_promo PAUSED MARKETING",
        ]
    );
    assert_eq!(pages.pages_read(), 3);
    // Done: no fourth request.
    assert!(pages.try_next().await.expect("end").is_none());
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(request.method, "GET");
        assert!(
            request
                .target
                .starts_with(&format!("/v23.0/{WABA}/message_templates?")),
            "{}",
            request.target
        );
        assert_eq!(param(request, "fields").as_deref(), Some(TEMPLATE_FIELDS));
        assert_eq!(
            request.header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
    }
    assert_eq!(param(&requests[0], "after"), None);
    assert_eq!(
        param(&requests[1], "after").as_deref(),
        Some("QVFIUnBhZ2Ux")
    );
    assert_eq!(
        param(&requests[2], "after").as_deref(),
        Some("QVFIUnBhZ2Uy")
    );
}

#[tokio::test]
async fn next_page_holds_one_page_at_a_time() {
    let server = in_three_pages(["c1", "c2"]).await;
    let mut pages = client(&server).list_templates(TemplateFilter::new().page_size(2));
    let first = pages.try_next().await.unwrap().unwrap();
    assert_eq!(first.name, "spring_sale");
    // The rest of the first page, without a request.
    let rest = pages.next_page().await.unwrap().unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(server.requests().len(), 1);
    let sizes: Vec<usize> = [
        pages.next_page().await.unwrap().unwrap().len(),
        pages.next_page().await.unwrap().unwrap().len(),
    ]
    .into();
    assert_eq!(sizes, [2, 1]);
    assert!(pages.next_page().await.unwrap().is_none());
    assert_eq!(param(&server.requests()[2], "limit").as_deref(), Some("2"));
}

#[tokio::test]
async fn filters_go_to_graph_as_its_comma_separated_parameters() {
    let server = ScriptedServer::start(vec![page(&builtin_json()[0..1], None)]).await;
    let filter = TemplateFilter::new()
        .status(TemplateStatus::Approved)
        .status(TemplateStatus::Paused)
        .category(TemplateCategory::Marketing)
        .language("en_US")
        .language("pt_BR")
        .name("sale")
        .page_size(MAX_PAGE_SIZE);
    let found = client(&server)
        .list_templates(filter)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    let request = &server.requests()[0];
    for (name, value) in [
        ("status", "APPROVED,PAUSED"),
        ("category", "MARKETING"),
        ("language", "en_US,pt_BR"),
        ("name", "sale"),
        ("limit", "1000"),
    ] {
        assert_eq!(param(request, name).as_deref(), Some(value), "{name}");
    }
}

#[tokio::test]
async fn paging_that_would_go_round_in_circles_is_an_error() {
    let all = builtin_json();
    let (server, result) = list_all(vec![
        page(&all[0..1], Some("same")),
        page(&all[1..2], Some("same")),
    ])
    .await;
    let Err(TemplatesError::UnexpectedResponse { detail, .. }) = result else {
        panic!("expected an unexpected response, got {result:?}");
    };
    assert!(detail.contains("would never end"), "{detail}");
    assert_eq!(server.requests().len(), 2);

    // `next` without a cursor to ask for it with.
    let (server, result) = list_all(vec![Reply::json(
        200,
        json!({"data": [], "paging": {"next": "https://graph.facebook.com/x"}}).to_string(),
    )])
    .await;
    assert!(
        matches!(result, Err(TemplatesError::UnexpectedResponse { .. })),
        "{result:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn graph_errors_are_classified_by_code_and_never_show_the_token() {
    for (status, code, class) in [
        (401, 190, ErrorClass::Auth),
        (403, 200, ErrorClass::Permission),
        (400, 4, ErrorClass::Throttled),
    ] {
        let error = first_fails(Reply::graph_error(status, code)).await;
        assert_eq!(error.code(), Some(code));
        assert_eq!(error.class(), Some(class));
        assert_eq!(error.is_retryable(), class == ErrorClass::Throttled);
        assert_eq!(
            error.graph().unwrap().fbtrace_id(),
            Some(format!("Trace{code}").as_str())
        );
        assert!(!format!("{error} {error:?}").contains(TOKEN));
    }
    // An answer that is not a page.
    let error = first_fails(Reply::json(200, r#"{"data": [{"name": 1}]}"#)).await;
    assert!(
        matches!(error, TemplatesError::UnexpectedResponse { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn nothing_is_asked_without_a_waba_id_or_with_a_bad_page_size() {
    let server = ScriptedServer::start(vec![page(&[], None)]).await;
    let no_waba = MarketingClient::builder("106540352242922", AccessToken::new(TOKEN))
        .base_url(server.base_url())
        .build()
        .unwrap();
    let error = first_error(&no_waba, TemplateFilter::new()).await;
    assert!(matches!(error, TemplatesError::NoWabaId), "{error:?}");
    for size in [0, MAX_PAGE_SIZE + 1] {
        let error = first_error(&client(&server), TemplateFilter::new().page_size(size)).await;
        assert!(
            matches!(&error, TemplatesError::Config(m) if m.contains(&format!("page size {size}"))),
            "{error:?}"
        );
    }
    assert!(server.requests().is_empty());

    let bad = MarketingClient::builder("106540352242922", AccessToken::new(TOKEN))
        .waba_id("WABA-1")
        .build()
        .unwrap_err();
    assert!(bad.to_string().contains("\"WABA-1\""), "{bad}");
}

#[tokio::test]
async fn a_connection_refused_is_a_connect_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = MarketingClient::for_account(WABA, AccessToken::new(TOKEN))
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let error = first_error(&client, TemplateFilter::new()).await;
    assert!(matches!(error, TemplatesError::Connect { .. }), "{error:?}");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_templates_only_client_refuses_to_send() {
    let server = ScriptedServer::start(vec![Reply::accepted("wamid.X")]).await;
    let client = MarketingClient::for_account(WABA, AccessToken::new(TOKEN))
        .base_url(server.base_url())
        .build()
        .unwrap();
    let message = spring(&["Ana"]);
    let error = client.send(&message).await.unwrap_err();
    assert!(!error.may_have_been_sent());
    assert!(error.to_string().contains("no phone number ID"), "{error}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn get_template_matches_name_and_language_exactly() {
    let mut v2 = builtin_json()[0].clone();
    v2["name"] = json!("spring_sale_v2");
    let mut british = builtin_json()[0].clone();
    british["language"] = json!("en_GB");
    british["id"] = json!("99");
    let server = ScriptedServer::start(vec![
        page(&[v2.clone(), british.clone()], Some("c1")),
        page(&[builtin_json()[0].clone()], None),
    ])
    .await;
    let found = client(&server)
        .get_template("spring_sale", "en_US")
        .await
        .unwrap()
        .expect("found on the second page");
    assert_eq!(found.id, "1402280517413391");
    let first = &server.requests()[0];
    assert_eq!(param(first, "name").as_deref(), Some("spring_sale"));
    assert_eq!(param(first, "language").as_deref(), Some("en_US"));

    let server = ScriptedServer::start(vec![page(&[v2], None)]).await;
    assert!(
        client(&server)
            .get_template("spring_sale", "en_US")
            .await
            .unwrap()
            .is_none()
    );
}

/// A message of the template `name` in en_US, with these body values.
fn en_us(name: &str, values: &[&str]) -> Message {
    let mut builder = Message::builder(name, "en_US").to("447700900123");
    for value in values {
        builder = builder.body_param(BodyParam::text(*value));
    }
    builder.build().unwrap()
}

fn spring(values: &[&str]) -> Message {
    en_us("spring_sale", values)
}

fn codes(errors: &marketing::ValidationErrors) -> Vec<(String, i64)> {
    errors
        .problems()
        .iter()
        .map(|p| (p.path().to_string(), p.code()))
        .collect()
}

fn flash_deal_rich() -> Message {
    Message::from_json(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../examples/messages/flash_deal.json"),
        )
        .unwrap(),
    )
    .unwrap()
}

fn weekend_picks() -> Message {
    let card = |i: u64| {
        json!({"card_index": i, "components": [
            {"type": "HEADER", "parameters": [{"type": "image", "image": {"link": "https://cdn.example.org/a.jpg"}}]},
            {"type": "button", "sub_type": "URL", "index": 0, "parameters": [{"type": "text", "text": "a1"}]}]})
    };
    Message::from_value(json!({
        "messaging_product": "whatsapp", "recipient_type": "individual", "to": "447700900123",
        "type": "template", "template": {"name": "weekend_picks", "language": {"code": "en"},
        "components": [
            {"type": "BODY", "parameters": [{"type": "text", "text": "Olivia"}]},
            {"type": "carousel", "cards": [card(0), card(1)]}]}
    }))
    .unwrap()
}

#[test]
fn messages_that_fit_the_built_in_templates_pass() {
    assert_eq!(
        templates::check(&spring(&["Ana"]), &template("spring_sale")),
        Ok(())
    );
    assert_eq!(
        templates::check(&flash_deal_rich(), &template("flash_deal")),
        Ok(())
    );
    assert_eq!(
        templates::check(&weekend_picks(), &template("weekend_picks")),
        Ok(())
    );
}

#[test]
fn a_spring_sale_with_two_body_values_names_the_path_and_the_expectation() {
    let errors = templates::check(&spring(&["Ana", "Ben"]), &template("spring_sale")).unwrap_err();
    assert_eq!(
        codes(&errors),
        [("template.components[0].parameters".to_string(), 132000)]
    );
    let message = errors.problems()[0].message();
    assert!(message.contains("1 variable"), "{message}");
    assert!(message.contains("got 2"), "{message}");
}

#[test]
fn a_flash_deal_with_positional_values_is_refused_with_every_mismatch() {
    let message = Message::builder("flash_deal", "pt_BR")
        .to("5511987654321")
        .header(marketing::Header::image(marketing::Media::link(
            "https://cdn.example.org/deal.jpg",
        )))
        .body_param(BodyParam::text("Marina"))
        .body_param(BodyParam::text("R$ 149,90"))
        .button(marketing::Button::copy_code(0, "FLASH42"))
        .button(marketing::Button::url(1, "deal42"))
        .build()
        .unwrap();
    let errors = templates::check(&message, &template("flash_deal")).unwrap_err();
    let found = codes(&errors);
    for expected in [
        ("template.components[1].parameters".to_string(), 131008),
        ("template.components[1].parameters[0]".to_string(), 132012),
        ("template.components[1].parameters[1]".to_string(), 132012),
    ] {
        assert!(found.contains(&expected), "{expected:?} in {found:#?}");
    }
    let text = errors.to_string();
    assert!(text.contains("named parameters"), "{text}");
    assert!(text.contains("first_name, price"), "{text}");
    // The offer's end is missing too.
    assert!(text.contains("limited-time offer"), "{text}");
}

#[test]
fn utility_and_paused_templates_are_refused_with_metas_codes() {
    // (template, its body values, Meta's code, a word the reason gives)
    for (name, values, code, word) in [
        ("order_update", &["A-1001"][..], 134100, "UTILITY"),
        ("old_promo", &[], 132015, "paused"),
    ] {
        let errors = templates::check(&en_us(name, values), &template(name)).unwrap_err();
        assert_eq!(codes(&errors), [("template.name".to_string(), code)]);
        assert!(errors.to_string().contains(word), "{errors}");
    }
}

#[test]
fn a_message_checked_against_another_template_says_so() {
    let errors = templates::check(&spring(&["Ana"]), &template("order_update")).unwrap_err();
    let found = codes(&errors);
    assert!(
        found.contains(&("template.name".to_string(), 132001)),
        "{found:?}"
    );
}

#[tokio::test]
async fn check_template_reads_once_and_sends_nothing() {
    let server = ScriptedServer::start(vec![page(&builtin_json(), None)]).await;
    let client = client(&server);
    let checked = client.check_template(&spring(&["Ana"])).await.unwrap();
    assert_eq!(checked.id, "1402280517413391");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(param(&requests[0], "name").as_deref(), Some("spring_sale"));

    let Err(TemplateCheckError::Mismatch {
        template, problems, ..
    }) = client.check_template(&spring(&["Ana", "Ben"])).await
    else {
        panic!("expected a mismatch");
    };
    assert_eq!(template.unwrap().id, "1402280517413391");
    assert_eq!(problems.problems()[0].code(), 132000);
    assert!(server.requests().iter().all(|r| r.method == "GET"));
}

#[tokio::test]
async fn a_template_missing_in_that_language_names_the_languages_it_has() {
    let server = ScriptedServer::start(vec![page(&builtin_json(), None)]).await;
    let client = client(&server);
    let british = Message::builder("spring_sale", "en_GB")
        .to("447700900123")
        .body_param(BodyParam::text("Ana"))
        .build()
        .unwrap();
    let Err(TemplateCheckError::Mismatch {
        template, problems, ..
    }) = client.check_template(&british).await
    else {
        panic!("expected a mismatch");
    };
    assert!(template.is_none());
    assert_eq!(
        codes(&problems),
        [("template.language.code".to_string(), 132001)]
    );
    assert!(
        problems.to_string().contains("it is in en_US"),
        "{problems}"
    );

    let unknown = en_us("winter_sale", &[]);
    let Err(TemplateCheckError::Mismatch { problems, .. }) = client.check_template(&unknown).await
    else {
        panic!("expected a mismatch");
    };
    assert_eq!(codes(&problems), [("template.name".to_string(), 132001)]);
    assert!(problems.to_string().contains(WABA), "{problems}");
}

#[tokio::test]
async fn a_lookup_failure_is_not_a_mismatch() {
    let server = ScriptedServer::start(vec![Reply::graph_error(401, 190)]).await;
    let error = client(&server)
        .check_template(&spring(&["Ana"]))
        .await
        .unwrap_err();
    let TemplateCheckError::Lookup(lookup) = &error else {
        panic!("expected a lookup failure, got {error:?}");
    };
    assert_eq!(lookup.class(), Some(ErrorClass::Auth));
}

fn campaign_file(name: &str) -> CampaignDefinition {
    CampaignDefinition::load(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples")
            .join(name),
    )
    .unwrap()
}

#[tokio::test]
async fn campaigns_are_checked_with_a_sample_row() {
    let server = ScriptedServer::start(vec![page(&builtin_json(), None)]).await;
    let client = client(&server);
    let spring = campaign::check_campaign(&client, &campaign_file("spring.toml"))
        .await
        .unwrap();
    assert_eq!(spring.name, "spring_sale");
    let flash = campaign::check_campaign(&client, &campaign_file("flash_deal.toml"))
        .await
        .unwrap();
    assert_eq!(flash.name, "flash_deal");

    let two = CampaignDefinition::from_toml(
        r#"
name = "two"
[message.template]
name = "spring_sale"
language = { code = "en_US" }
components = [{ type = "BODY", parameters = [{ type = "text", text = "{{a}}" }, { type = "text", text = "{{b}}" }] }]
"#,
        "two.toml",
    )
    .unwrap();
    let Err(TemplateCheckError::Mismatch { problems, .. }) =
        campaign::check_campaign(&client, &two).await
    else {
        panic!("expected a mismatch");
    };
    assert_eq!(
        codes(&problems),
        [("template.components[0].parameters".to_string(), 132000)]
    );

    let per_row = CampaignDefinition::from_toml(
        r#"
name = "per-row"
[message.template]
name = "{{template}}"
language = { code = "en_US" }
"#,
        "per-row.toml",
    )
    .unwrap();
    let requests = server.requests().len();
    let result = campaign::check_campaign(&client, &per_row).await;
    let Err(TemplateCheckError::NotCheckable(reason)) = result else {
        panic!("expected not checkable, got {result:?}");
    };
    assert!(reason.contains("message.template.name"), "{reason}");
    assert_eq!(server.requests().len(), requests, "nothing asked");
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
fn cell(column: &str) -> String {
    if column.ends_with("_link") {
        "https://cdn.example.org/a.jpg".into()
    } else if column.ends_with("expiration_time_ms") {
        "1798761600000".into()
    } else {
        "Ana".into()
    }
}

#[test]
fn every_built_in_scaffold_once_filled_is_valid_and_fits_its_template() {
    for template in builtin() {
        let scaffold = templates::scaffold(&template);
        assert!(scaffold.notes().is_empty(), "{:?}", scaffold.notes());

        let mut body = scaffold.request_body();
        assert_eq!(body["to"], "<phone>");
        assert!(
            marketing::validate_value(&body).is_err(),
            "unfilled, it is refused"
        );
        fill(&mut body, "");
        let message = Message::from_value(body.clone())
            .unwrap_or_else(|e| panic!("{}: {e}\n{body:#}", template.name));
        let fits = templates::check(&message, &template);
        match template.name.as_str() {
            "order_update" | "old_promo" => assert!(fits.is_err(), "{}", template.name),
            _ => assert_eq!(fits, Ok(()), "{}:\n{body:#}", template.name),
        }

        let toml = scaffold.campaign_toml();
        let definition = CampaignDefinition::from_toml(&toml, "scaffold.toml")
            .unwrap_or_else(|e| panic!("{}: {e}\n{toml}", template.name));
        let compiled = MessagePattern::compile(definition.message.clone());
        let columns: Vec<&str> = compiled.columns().collect();
        let mut expected: Vec<&str> = scaffold.columns().iter().map(String::as_str).collect();
        expected.sort_unstable();
        assert_eq!(columns, expected, "{}", template.name);
        let header = toml
            .lines()
            .find(|l| l.starts_with("#   "))
            .unwrap_or_default();
        for column in scaffold.columns() {
            assert!(header.contains(column.as_str()), "{column} in {header}");
        }
        let row = Row::new(
            2,
            scaffold
                .columns()
                .iter()
                .map(|c| (c.clone(), cell(c)))
                .collect(),
        );
        let mut rendered = compiled.render(&row).expect("renders");
        rendered["to"] = json!("447700900123");
        let message = Message::from_value(rendered.clone())
            .unwrap_or_else(|e| panic!("{}: {e}\n{rendered:#}", template.name));
        if template.status == TemplateStatus::Approved
            && template.category == TemplateCategory::Marketing
        {
            assert_eq!(templates::check(&message, &template), Ok(()), "{toml}");
        }
    }
}

#[test]
fn scaffold_columns_name_each_value() {
    let columns = |name: &str| templates::scaffold(&template(name)).columns().to_vec();
    assert_eq!(columns("spring_sale"), ["body_1"]);
    assert_eq!(
        columns("flash_deal"),
        [
            "header_image_link",
            "first_name",
            "price",
            "offer_expiration_time_ms",
            "button_0_coupon_code",
            "button_1_url_suffix"
        ]
    );
    assert_eq!(
        columns("weekend_picks"),
        [
            "body_1",
            "card_0_header_image_link",
            "card_0_button_0_url_suffix",
            "card_1_header_image_link",
            "card_1_button_0_url_suffix"
        ]
    );
    assert!(columns("old_promo").is_empty());
    let toml = templates::scaffold(&template("old_promo")).campaign_toml();
    assert!(!toml.contains("components"), "{toml}");
    assert!(toml.contains("takes no values"), "{toml}");
}
