//! `GET /{Version}/{WABA-ID}/message_templates` over real HTTP: paging with cursors, filters,
//! fields, refusals, and the statuses a running sandbox changes.

mod common;

use std::collections::BTreeSet;

use common::*;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};
use wamm_client::codes;
use wamm_client::types::MessageTemplateList;
use wamm_sandbox::{
    DEFAULT_TOKEN, DEFAULT_WABA_ID, FaultSpec, Sandbox, SandboxConfig, TemplateStatus,
};

/// The built-in templates, in the order the account lists them.
const BUILT_IN: [&str; 5] = [
    "spring_sale",
    "flash_deal",
    "weekend_picks",
    "order_update",
    "old_promo",
];

/// A GET's status, headers and JSON body.
struct Got {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Got {
    /// Asserts a 200 whose body is a `MessageTemplateList` (Graph's shape, as the spec
    /// describes it: every template has the fields it requires) and returns the body.
    #[track_caller]
    fn page(&self) -> &Value {
        assert_eq!(self.status, StatusCode::OK, "{:#}", self.body);
        serde_json::from_value::<MessageTemplateList>(self.body.clone())
            .unwrap_or_else(|e| panic!("not a MessageTemplateList ({e}): {:#}", self.body));
        assert!(self.headers.contains_key("x-business-use-case-usage"));
        &self.body
    }

    /// Asserts the Graph error envelope with `status` and `code`; returns the details.
    #[track_caller]
    fn error(&self, status: u16, code: i64) -> String {
        Answer {
            status: self.status,
            body: self.body.clone(),
        }
        .graph_error(status, code)
    }

    /// [`Got::error`], whose details also name `words`; returns the details.
    #[track_caller]
    fn error_naming(&self, status: u16, code: i64, words: &str) -> String {
        Answer {
            status: self.status,
            body: self.body.clone(),
        }
        .graph_error_naming(status, code, words)
    }

    fn names(&self) -> Vec<String> {
        self.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap_or_default().to_string())
            .collect()
    }
}

async fn get_url(url: &str, token: Option<&str>) -> Got {
    let mut request = client().get(url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("an answer");
    let status = response.status();
    let headers = response.headers().clone();
    assert_eq!(
        headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let body = response.json().await.expect("a JSON body");
    Got {
        status,
        headers,
        body,
    }
}

fn list_url(sandbox: &Sandbox, query: &str) -> String {
    format!(
        "{}/v23.0/{}/message_templates{query}",
        sandbox.base_url(),
        sandbox.waba_id()
    )
}

async fn list(sandbox: &Sandbox, query: &str) -> Got {
    get_url(&list_url(sandbox, query), Some(DEFAULT_TOKEN)).await
}

#[tokio::test]
async fn paging_by_two_gives_every_template_once_by_next_and_by_after() {
    let sandbox = start_default().await;
    assert_eq!(sandbox.waba_id(), DEFAULT_WABA_ID);

    // By `paging.next`, a full URL.
    let mut seen = Vec::new();
    let mut url = list_url(&sandbox, "?limit=2");
    let mut pages = Vec::new();
    loop {
        let got = get_url(&url, Some(DEFAULT_TOKEN)).await;
        let page = got.page().clone();
        let names = got.names();
        assert!(!names.is_empty() && names.len() <= 2, "{page:#}");
        let cursors = &page["paging"]["cursors"];
        assert!(
            cursors["before"].is_string() && cursors["after"].is_string(),
            "{page:#}"
        );
        // `previous` on every page but the first.
        assert_eq!(
            page["paging"]["previous"].is_string(),
            !pages.is_empty(),
            "{page:#}"
        );
        seen.extend(names);
        pages.push(page.clone());
        match page["paging"]["next"].as_str() {
            Some(next) => {
                assert!(next.contains("limit=2"), "the same query: {next}");
                assert!(
                    next.contains(&format!("after={}", cursors["after"].as_str().unwrap())),
                    "{next}"
                );
                url = next.to_string();
            }
            None => break,
        }
        assert!(pages.len() < 10, "the paging never ends");
    }
    assert_eq!(seen, BUILT_IN);
    assert_eq!(pages.len(), 3);

    // By `after`, as the marketing client pages.
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let query = match &after {
            Some(cursor) => format!("?limit=2&after={cursor}"),
            None => "?limit=2".to_string(),
        };
        let got = list(&sandbox, &query).await;
        let page = got.page().clone();
        seen.extend(got.names());
        if page["paging"]["next"].is_null() {
            break;
        }
        after = Some(
            page["paging"]["cursors"]["after"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    assert_eq!(seen, BUILT_IN);

    // Past the last page: an empty page; `before` the last page: the one before it.
    let last = &pages[2]["paging"]["cursors"];
    let got = list(
        &sandbox,
        &format!("?limit=2&after={}", last["after"].as_str().unwrap()),
    )
    .await;
    assert_eq!(got.page()["data"], json!([]));
    let got = list(
        &sandbox,
        &format!("?limit=2&before={}", last["before"].as_str().unwrap()),
    )
    .await;
    assert_eq!(got.page()["data"], pages[1]["data"]);
    let previous = pages[2]["paging"]["previous"].as_str().unwrap();
    assert_eq!(
        get_url(previous, Some(DEFAULT_TOKEN)).await.page()["data"],
        pages[1]["data"]
    );

    // One page of everything: no `next`, no `previous`; the default limit is 25.
    let got = list(&sandbox, "").await;
    assert_eq!(got.names(), BUILT_IN);
    assert!(got.page()["paging"]["next"].is_null());
    assert!(got.page()["paging"]["previous"].is_null());
    assert!(got.page()["paging"]["cursors"]["after"].is_string());
}

#[tokio::test]
async fn filters_take_lists_in_any_case_and_page_like_the_rest() {
    let sandbox = start_default().await;
    for (query, expected) in [
        ("?status=paused", vec!["old_promo"]),
        ("?category=UTILITY", vec!["order_update"]),
        (
            "?language=EN_us,pt_br",
            vec!["spring_sale", "flash_deal", "order_update", "old_promo"],
        ),
        ("?name=SALE", vec!["spring_sale"]),
        ("?name=_", BUILT_IN.to_vec()),
        (
            "?status=APPROVED&category=MARKETING",
            vec!["spring_sale", "flash_deal", "weekend_picks"],
        ),
        ("?status=APPROVED,PAUSED&language=en", vec!["weekend_picks"]),
        ("?status=REJECTED", vec![]),
        ("?category=SOMETHING_NEW", vec![]),
        ("?status=&name=", BUILT_IN.to_vec()),
    ] {
        let got = list(&sandbox, query).await;
        got.page();
        assert_eq!(got.names(), expected, "{query}");
    }

    // Filtered pages follow the filter: one template a page.
    let mut seen = Vec::new();
    let mut url = list_url(&sandbox, "?category=marketing&limit=1");
    loop {
        let got = get_url(&url, Some(DEFAULT_TOKEN)).await;
        seen.extend(got.names());
        match got.page()["paging"]["next"].as_str() {
            Some(next) => url = next.to_string(),
            None => break,
        }
    }
    assert_eq!(
        seen,
        ["spring_sale", "flash_deal", "weekend_picks", "old_promo"]
    );
}

#[tokio::test]
async fn fields_pick_what_each_template_shows_and_id_always_comes() {
    let sandbox = start_default().await;
    let keys = |got: &Got| -> Vec<BTreeSet<String>> {
        got.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_object().unwrap().keys().cloned().collect())
            .collect()
    };
    let set =
        |names: &[&str]| -> BTreeSet<String> { names.iter().map(|n| n.to_string()).collect() };

    // Graph's default set: no parameter_format.
    let got = list(&sandbox, "").await;
    got.page();
    for found in keys(&got) {
        assert_eq!(
            found,
            set(&["id", "name", "language", "status", "category", "components"])
        );
    }

    let got = list(&sandbox, "?fields=name").await;
    assert_eq!(got.status, StatusCode::OK);
    assert!(keys(&got).iter().all(|k| *k == set(&["id", "name"])));

    let got = list(&sandbox, "?fields=name,%20parameter_format&name=flash").await;
    assert_eq!(
        got.body["data"],
        json!([{"id": "1402280517413392", "name": "flash_deal", "parameter_format": "NAMED"}])
    );

    // The whole definition, as the marketing client asks for it.
    let got = list(
        &sandbox,
        "?fields=id,name,language,status,category,parameter_format,components,previous_category\
         &name=flash_deal",
    )
    .await;
    let builtin: Value =
        serde_json::from_str(include_str!("../src/builtin_templates.json")).unwrap();
    assert_eq!(got.page()["data"][0], builtin["data"][1]);
}

/// The fields pywa 4.5's `get_templates()` asks for (`TemplateDetails._api_fields()`), in its
/// order, and the summary fields it reads.
const PYWA_FIELDS: &str = "id,name,language,category,status,components,parameter_format,\
    message_send_ttl_seconds,correct_category,previous_category,rejected_reason,\
    library_template_name,quality_score,cta_url_link_tracking_opted_out,sub_category,\
    degrees_of_freedom_spec";
const PYWA_SUMMARY: &str =
    "total_count,message_template_count,message_template_limit,are_translations_complete";

#[tokio::test]
async fn pywa_s_listing_is_answered_with_its_fields_and_summary() {
    let sandbox = start_default().await;
    let got = list(
        &sandbox,
        &format!("?fields={PYWA_FIELDS}&summary={PYWA_SUMMARY}&limit=2"),
    )
    .await;
    let page = got.page();
    assert_eq!(
        page["summary"],
        json!({"total_count": 5, "message_template_count": 5, "message_template_limit": 250,
               "are_translations_complete": true})
    );
    let templates = page["data"].as_array().unwrap();
    assert_eq!(templates.len(), 2);
    for template in templates {
        // pywa reads parameter_format unconditionally: Graph always answers it.
        assert!(
            ["POSITIONAL", "NAMED"].contains(&template["parameter_format"].as_str().unwrap()),
            "{template:#}"
        );
        // Fields without a value are left out, as Graph leaves out empty values.
        for absent in [
            "correct_category",
            "library_template_name",
            "degrees_of_freedom_spec",
        ] {
            assert!(template.get(absent).is_none(), "{absent}: {template:#}");
        }
    }
    assert_eq!(templates[0]["parameter_format"], "POSITIONAL");
    assert_eq!(templates[1]["parameter_format"], "NAMED");

    // total_count follows the filters, over every page; the account's count does not.
    let got = list(
        &sandbox,
        &format!("?status=APPROVED&limit=1&summary={PYWA_SUMMARY}"),
    )
    .await;
    assert_eq!(got.page()["summary"]["total_count"], 4);
    assert_eq!(got.page()["summary"]["message_template_count"], 5);
    assert_eq!(got.names(), ["spring_sale"]);
    // `true` asks for the total alone; without `summary` there is none.
    let got = list(&sandbox, "?summary=true").await;
    assert_eq!(got.page()["summary"], json!({"total_count": 5}));
    assert!(list(&sandbox, "").await.page().get("summary").is_none());
    list(&sandbox, "?summary=total").await.error_naming(
        400,
        codes::INVALID_PARAMETER,
        "total_count",
    );
}

#[tokio::test]
async fn graph_s_content_and_quality_filters_filter() {
    let sandbox = start_default().await;
    for (query, expected) in [
        // The body, a button, an offer's text, a card's button; any letter case.
        ("?content=SPRING%20SALE", vec!["spring_sale"]),
        ("?content=comprar", vec!["flash_deal"]),
        ("?content=rel%C3%A2mpago", vec!["flash_deal"]),
        ("?content=shop", vec!["weekend_picks"]),
        ("?content=order_update", vec![]),
        ("?name_or_content=order", vec!["order_update"]),
        ("?name_or_content=winter", vec!["old_promo"]),
        ("?name_or_content=picks", vec!["weekend_picks"]),
        // The built-in templates have no score: UNKNOWN.
        ("?quality_score=GREEN,YELLOW", vec![]),
        ("?quality_score=unknown", BUILT_IN.to_vec()),
        ("?quality_score=UNKNOWN&content=sale", vec!["spring_sale"]),
    ] {
        let got = list(&sandbox, query).await;
        got.page();
        assert_eq!(got.names(), expected, "{query}");
    }
}

#[tokio::test]
async fn bad_parameters_are_400_100_naming_what_is_wrong() {
    let sandbox = start_default().await;
    for (query, expected) in [
        ("?limit=0", "limit"),
        ("?limit=1001", "limit"),
        ("?limit=ten", "limit"),
        ("?limit=-1", "limit"),
        ("?limit=2&limit=3", "more than once"),
        ("?page=2", "unknown parameter \"page\""),
        ("?access_token=sandbox-token", "unknown parameter"),
        ("?fields=name,paramter_format", "paramter_format"),
        ("?after=bm90LWEtY3Vyc29y", "cursor"),
        ("?before=x", "cursor"),
    ] {
        let got = list(&sandbox, query).await;
        let details = got.error(400, codes::INVALID_PARAMETER);
        assert!(details.contains(expected), "{query}: {details}");
        assert!(
            got.headers.contains_key("x-business-use-case-usage"),
            "{query}"
        );
    }
}

#[tokio::test]
async fn the_token_the_account_the_version_and_the_method_are_checked_first() {
    let sandbox = start_default().await;
    let url = list_url(&sandbox, "");
    let got = get_url(&url, None).await;
    got.error(401, codes::ACCESS_TOKEN_MISSING);
    assert!(got.headers.contains_key("www-authenticate"));
    get_url(&url, Some("another-token"))
        .await
        .error(401, codes::ACCESS_TOKEN_INVALID);
    // The token before the account.
    let other = format!("{}/v23.0/999/message_templates", sandbox.base_url());
    get_url(&other, Some("x"))
        .await
        .error(401, codes::ACCESS_TOKEN_INVALID);

    get_url(&other, Some(DEFAULT_TOKEN))
        .await
        .error_naming(400, codes::INVALID_PARAMETER, "'999'");
    // The phone number ID is not the account.
    let phone = format!(
        "{}/v23.0/{}/message_templates",
        sandbox.base_url(),
        sandbox.phone_number_id()
    );
    get_url(&phone, Some(DEFAULT_TOKEN))
        .await
        .error(400, codes::INVALID_PARAMETER);

    let bad_version = format!(
        "{}/v23/{DEFAULT_WABA_ID}/message_templates",
        sandbox.base_url()
    );
    get_url(&bad_version, Some(DEFAULT_TOKEN))
        .await
        .error_naming(400, codes::INVALID_PARAMETER, "v23");

    let response = client()
        .post(&url)
        .bearer_auth(DEFAULT_TOKEN)
        .json(&json!({"name": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], 100);

    // Another account, configured: served; the default one is not.
    let sandbox = start(SandboxConfig {
        waba_id: "555000111".to_string(),
        ..SandboxConfig::default()
    })
    .await;
    assert_eq!(sandbox.waba_id(), "555000111");
    assert_eq!(list(&sandbox, "").await.names(), BUILT_IN);
    let default = format!(
        "{}/v23.0/{DEFAULT_WABA_ID}/message_templates",
        sandbox.base_url()
    );
    get_url(&default, Some(DEFAULT_TOKEN))
        .await
        .error(400, codes::INVALID_PARAMETER);
}

#[tokio::test]
async fn a_status_changed_at_run_time_shows_in_the_list_and_refuses_sends() {
    let sandbox = start_default().await;
    let status_of = |got: &Got, name: &str| {
        got.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .map(|t| t["status"].clone())
    };
    let answer = client()
        .post(format!(
            "{}/__sandbox/templates/spring_sale/status",
            sandbox.base_url()
        ))
        .bearer_auth(DEFAULT_TOKEN)
        .json(&json!({"status": "PAUSED"}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let got = list(&sandbox, "?fields=name,status").await;
    assert_eq!(status_of(&got, "spring_sale"), Some(json!("PAUSED")));
    assert_eq!(
        list(&sandbox, "?status=PAUSED").await.names(),
        ["spring_sale", "old_promo"]
    );
    post(&sandbox, &spring_sale("447700900001"))
        .await
        .graph_error(400, codes::TEMPLATE_PAUSED);

    // From Rust; any status the spec knows: one that is not APPROVED cannot be sent (132001).
    sandbox.set_template_status("spring_sale", Some("en_US"), TemplateStatus::Rejected);
    let got = list(&sandbox, "?name=spring").await;
    assert_eq!(status_of(&got, "spring_sale"), Some(json!("REJECTED")));
    post(&sandbox, &spring_sale("447700900001"))
        .await
        .graph_error(404, codes::TEMPLATE_NOT_FOUND);
    sandbox.set_template_status("spring_sale", None, TemplateStatus::Approved);
    post(&sandbox, &spring_sale("447700900001")).await.created();
}

#[tokio::test]
async fn listing_is_not_a_send_faults_and_counters_leave_it_alone() {
    let sandbox = start(SandboxConfig {
        faults: FaultSpec::parse("500=1").unwrap(),
        ..SandboxConfig::default()
    })
    .await;
    for _ in 0..3 {
        list(&sandbox, "").await.page();
    }
    assert_eq!(sandbox.stats().requests, 0);
    // The send that follows is the first the faults are drawn for.
    post(&sandbox, &spring_sale("447700900001"))
        .await
        .graph_error(500, codes::SOMETHING_WENT_WRONG);
}

#[tokio::test]
async fn accept_any_template_answers_every_request_the_spec_allows_in_its_shapes() {
    let sandbox = start(SandboxConfig {
        accept_any_template: true,
        ..SandboxConfig::default()
    })
    .await;
    // A field it does not know: ignored, and the fields the spec requires still come.
    let got = list(&sandbox, "?fields=%00,nonsense").await;
    got.page();
    assert_eq!(
        got.body["data"][0],
        json!({"id": "1402280517413391", "name": "spring_sale", "language": "en_US",
               "status": "APPROVED", "category": "MARKETING"})
    );
    // A cursor it never issued: an empty page.
    let got = list(&sandbox, "?after=0&before=%C3%A9").await;
    assert_eq!(got.page()["data"], json!([]));
    // The limits of `limit` and unknown parameters are still refused.
    list(&sandbox, "?limit=0")
        .await
        .error(400, codes::INVALID_PARAMETER);
    list(&sandbox, "?page=1")
        .await
        .error(400, codes::INVALID_PARAMETER);
}

/// The headers the spec declares for `status` on the list operation, lower-cased.
fn declared(status: u16) -> BTreeSet<String> {
    common::declared_headers("/{Version}/{WABA-ID}/message_templates", "get", status)
}

#[tokio::test]
async fn each_status_carries_exactly_the_declared_headers() {
    const HTTP_OWN: [&str; 4] = ["content-type", "content-length", "date", "connection"];
    let sandbox = start_default().await;
    for (query, token, status) in [
        ("", Some(DEFAULT_TOKEN), 200),
        ("?limit=0", Some(DEFAULT_TOKEN), 400),
        ("", None, 401),
    ] {
        let got = get_url(&list_url(&sandbox, query), token).await;
        assert_eq!(got.status.as_u16(), status);
        let sent: BTreeSet<String> = got
            .headers
            .keys()
            .map(|k| k.as_str().to_string())
            .filter(|k| !HTTP_OWN.contains(&k.as_str()))
            .collect();
        assert_eq!(sent, declared(status), "{status}");
    }
}
