//! Template analytics through the generated client: counted from what the sandbox did, only
//! while insights are on, validated as Meta validates them.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{
    api, enable_insights, graph_failure, post, post_from, send_spring_sales, spring_sale, start,
};
use serde_json::json;
use wamm_client::Client;
use wamm_client::types::{TemplateAnalytics, TemplateAnalyticsPoint};
use wamm_sandbox::{PhoneNumber, ProductType, Sandbox, SandboxConfig};

const DAY: i64 = 86_400;

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn template_id(sandbox_config: &SandboxConfig, name: &str) -> String {
    sandbox_config
        .templates
        .iter()
        .find(|t| t.name == name)
        .unwrap()
        .id
        .clone()
}

async fn analytics(api: &Client, sandbox: &Sandbox, ids: &str, product: &str) -> TemplateAnalytics {
    api.get_template_analytics()
        .version("v23.0")
        .waba_id(sandbox.waba_id())
        .start(now() - DAY)
        .end(now() + 3600)
        .granularity("DAILY")
        .template_ids(ids)
        .product_type(product)
        .send()
        .await
        .unwrap()
        .into_inner()
}

fn today(points: &[TemplateAnalyticsPoint]) -> &TemplateAnalyticsPoint {
    let day = now().div_euclid(DAY) * DAY;
    points
        .iter()
        .find(|p| p.start == day)
        .expect("today's point")
}

#[tokio::test]
async fn figures_are_what_the_sandbox_did_while_insights_were_on() {
    let config = SandboxConfig {
        seed: 27,
        ..SandboxConfig::default()
    }
    .with_phone_number(PhoneNumber::not_onboarded("200000000000001"));
    let spring = template_id(&config, "spring_sale");
    let sandbox = start(config).await;
    let api = api(&sandbox);

    // Before insights are on: refused, and what is sent is not counted.
    let (status, error) = graph_failure(
        api.get_template_analytics()
            .version("v23.0")
            .waba_id(sandbox.waba_id())
            .start(now() - DAY)
            .end(now())
            .granularity("DAILY")
            .template_ids(format!("[\"{spring}\"]"))
            .send()
            .await,
    );
    assert_eq!((status, error.code), (400, 100));
    assert!(
        error
            .error_data
            .unwrap()
            .to_string()
            .contains("not enabled")
    );
    post(&sandbox, &spring_sale("447700900001")).await.created();

    enable_insights(&api, &sandbox).await;
    send_spring_sales(&sandbox, 100..140).await;
    for n in 0..5 {
        post_from(
            &sandbox,
            "200000000000001",
            &spring_sale(&format!("4477009002{n:02}")),
        )
        .await
        .created();
    }

    let truth = sandbox.analytics_truth();
    assert_eq!(truth.len(), 2, "{truth:?}");
    let lite = truth
        .iter()
        .find(|t| t.product_type == Some(ProductType::MarketingMessagesLiteApi))
        .unwrap();
    assert_eq!(lite.sent, 40, "the one sent before insights is not counted");
    assert!(lite.delivered > 20 && lite.delivered <= 40, "{lite:?}");
    assert!(lite.read > 0 && lite.read < lite.delivered, "{lite:?}");
    assert!(lite.clicked <= lite.read);

    let answer = analytics(
        &api,
        &sandbox,
        &format!("[\"{spring}\"]"),
        "MARKETING_MESSAGES_LITE_API",
    )
    .await;
    let set = &answer.data[0];
    assert_eq!(set.granularity.as_deref(), Some("DAILY"));
    assert_eq!(
        set.product_type.as_deref(),
        Some("MARKETING_MESSAGES_LITE_API")
    );
    let point = today(&set.data_points);
    assert_eq!(point.template_id, spring);
    assert_eq!(point.end - point.start, DAY);
    assert_eq!(point.sent, Some(40));
    assert_eq!(point.delivered, Some(lite.delivered as i64));
    assert_eq!(point.read, Some(lite.read as i64));
    assert_eq!(point.clicked[0].count, Some(lite.clicked as i64));
    assert_eq!(point.clicked[0].type_.as_deref(), Some("url_button"));
    assert_eq!(point.website_purchases, Some(lite.website_purchases as i64));
    let cost = |kind: &str| {
        point
            .cost
            .iter()
            .find(|c| c.type_.as_deref() == Some(kind))
            .and_then(|c| c.value)
    };
    assert_eq!(cost("cost_per_delivered"), Some(0.025));
    let spent = cost("amount_spent").unwrap();
    assert!(
        (spent - lite.delivered as f64 * 0.025).abs() < 1e-9,
        "{spent}"
    );

    // The fallback route is CLOUD_API, the default product type; no conversions there.
    let cloud = analytics(&api, &sandbox, &spring, "CLOUD_API").await;
    let point = today(&cloud.data[0].data_points);
    assert_eq!(point.sent, Some(5));
    assert_eq!(point.website_purchases, None);

    // Only the figures asked for.
    let only_sent = api
        .get_template_analytics()
        .version("v23.0")
        .waba_id(sandbox.waba_id())
        .start(now() - DAY)
        .end(now())
        .granularity("DAILY")
        .template_ids(spring.clone())
        .metric_types("[\"SENT\"]")
        .product_type("MARKETING_MESSAGES_LITE_API")
        .send()
        .await
        .unwrap()
        .into_inner();
    let point = today(&only_sent.data[0].data_points);
    assert_eq!(
        (point.sent, point.delivered, point.cost.len()),
        (Some(40), None, 0)
    );
}

#[tokio::test]
async fn the_same_seed_gives_the_same_figures() {
    let mut figures = Vec::new();
    for _ in 0..2 {
        let sandbox = start(SandboxConfig {
            seed: 5,
            insights_enabled: true,
            ..SandboxConfig::default()
        })
        .await;
        send_spring_sales(&sandbox, 300..330).await;
        figures.push(sandbox.analytics_truth());
    }
    assert_eq!(figures[0], figures[1]);
}

#[tokio::test]
async fn a_reporting_delay_holds_a_send_back() {
    let config = SandboxConfig {
        insights_enabled: true,
        analytics: "delay=1s".parse().unwrap(),
        ..SandboxConfig::default()
    };
    let spring = template_id(&config, "spring_sale");
    let sandbox = start(config).await;
    let api = api(&sandbox);
    post(&sandbox, &spring_sale("447700900123")).await.created();
    let early = analytics(&api, &sandbox, &spring, "MARKETING_MESSAGES_LITE_API").await;
    assert_eq!(today(&early.data[0].data_points).sent, Some(0));
    assert_eq!(sandbox.analytics_truth()[0].sent, 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let late = analytics(&api, &sandbox, &spring, "MARKETING_MESSAGES_LITE_API").await;
    assert_eq!(today(&late.data[0].data_points).sent, Some(1));
}

#[tokio::test]
async fn queries_are_checked_as_meta_checks_them() {
    let config = SandboxConfig::default().with_insights_enabled(true);
    let spring = template_id(&config, "spring_sale");
    let sandbox = start(config).await;
    let api = api(&sandbox);
    let eleven: Vec<String> = (0..11).map(|_| spring.clone()).collect();
    let eleven = serde_json::to_string(&eleven).unwrap();
    // start, end, granularity, template_ids, metric_types, what the details name
    type Case<'a> = (i64, i64, &'a str, String, Option<&'a str>, &'a str);
    let cases: Vec<Case> = vec![
        (now() - DAY, now(), "DAILY", eleven, None, "10"),
        (
            now() - 100 * DAY,
            now(),
            "DAILY",
            spring.clone(),
            None,
            "90 days",
        ),
        (
            now(),
            now() - DAY,
            "DAILY",
            spring.clone(),
            None,
            "after start",
        ),
        // A granularity other than DAILY: the spec's enum stops it in the generated client;
        // the sandbox's refusal is checked by schemathesis in CI (negative data).
        (
            now() - DAY,
            now(),
            "DAILY",
            "[\"1\"]".into(),
            None,
            "not a template",
        ),
        (
            now() - DAY,
            now(),
            "DAILY",
            spring.clone(),
            Some("[\"OPENED\"]"),
            "OPENED",
        ),
    ];
    for (start, end, granularity, ids, metrics, expected) in cases {
        let mut request = api
            .get_template_analytics()
            .version("v23.0")
            .waba_id(sandbox.waba_id())
            .start(start)
            .end(end)
            .granularity(granularity)
            .template_ids(ids.clone());
        if let Some(metrics) = metrics {
            request = request.metric_types(metrics);
        }
        let (status, error) = graph_failure(request.send().await);
        assert_eq!((status, error.code), (400, 100), "{ids}");
        let details = error.error_data.unwrap().to_string();
        assert!(details.contains(expected), "{expected}: {details}");
    }
}

#[tokio::test]
async fn points_page_with_cursors() {
    let config = SandboxConfig::default().with_insights_enabled(true);
    let spring = template_id(&config, "spring_sale");
    let flash = template_id(&config, "flash_deal");
    let sandbox = start(config).await;
    let api = api(&sandbox);
    let ids = json!([spring, flash]).to_string();
    let mut after: Option<String> = None;
    let mut seen = Vec::new();
    loop {
        let mut request = api
            .get_template_analytics()
            .version("v23.0")
            .waba_id(sandbox.waba_id())
            .start(now() - 2 * DAY)
            .end(now())
            .granularity("DAILY")
            .template_ids(ids.clone())
            .limit(2);
        if let Some(cursor) = &after {
            request = request.after(cursor.clone());
        }
        let page = request.send().await.unwrap().into_inner();
        for point in &page.data[0].data_points {
            seen.push((point.template_id.clone(), point.start));
        }
        let paging = page.paging.unwrap();
        match paging.next {
            Some(_) => after = paging.cursors.unwrap().after,
            None => break,
        }
    }
    // Two templates, three UTC days each (two days back to today), none twice.
    assert_eq!(seen.len(), 6, "{seen:?}");
    let mut unique = seen.clone();
    unique.dedup();
    assert_eq!(unique, seen);
    assert_eq!(seen[0].0, spring);
    assert_eq!(seen[5].0, flash);
}
