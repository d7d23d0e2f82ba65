//! Template insights over real HTTP: against a server answering in Graph's format, what goes
//! on the wire (batches of at most 10 template IDs, every page, the period in Unix seconds) and
//! how Meta's limits are explained; against the sandbox, Meta's figures computed from what it
//! really accepted.

use marketing::insights::{
    Day, Insights, InsightsError, InsightsQuery, MAX_TEMPLATES_PER_REQUEST, Period, Product,
    TemplateSelector,
};
use marketing::{AccessToken, MarketingClient};
use serde_json::json;
use wamm_testkit::{RawRequest, Reply, ScriptedServer};

const WABA: &str = "102290129340398";

fn client(base_url: &str) -> MarketingClient {
    MarketingClient::for_account(WABA, AccessToken::new("EAAG-insights-test"))
        .base_url(base_url)
        .build()
        .unwrap()
}

/// Asks a server answering with `replies` for the insights `query` selects; the server keeps
/// what it was asked.
async fn insights_from(
    replies: Vec<Reply>,
    query: &InsightsQuery,
) -> (ScriptedServer, Result<Insights, InsightsError>) {
    let server = ScriptedServer::start(replies).await;
    let insights = client(&server.base_url()).template_insights(query).await;
    (server, insights)
}

/// The account's answer when asked whether its template insights are on.
fn insights_enabled(on: bool) -> Reply {
    Reply::json(
        200,
        json!({"id": WABA, "is_enabled_for_insights": on}).to_string(),
    )
}

/// A query parameter of a request, decoded.
fn param(request: &RawRequest, name: &str) -> Option<String> {
    let query = request.target.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| decode(value))
    })
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

/// One day's point for a template, as Graph sends it.
fn point(id: &str, day: Day, sent: u64) -> serde_json::Value {
    json!({"template_id": id, "start": day.start_unix(), "end": day.next().start_unix(),
           "sent": sent, "delivered": sent, "read": sent / 2,
           "clicked": [{"type": "url_button", "button_content": "Shop now", "count": 1}]})
}

fn page(points: Vec<serde_json::Value>, after: Option<&str>) -> Reply {
    let mut body = json!({"data": [{"granularity": "DAILY",
        "product_type": "MARKETING_MESSAGES_LITE_API", "data_points": points}]});
    if let Some(after) = after {
        body["paging"] = json!({"cursors": {"after": after},
            "next": format!("https://graph.facebook.com/v23.0/{WABA}/template_analytics?after={after}")});
    }
    Reply::json(200, body.to_string())
}

fn week() -> Period {
    Period::new(Day::today().plus(-6), Day::today()).unwrap()
}

/// Eleven templates are one more than Meta takes: they go in two requests (ten, then one),
/// every page of each is read, and the table has every template's figures.
#[tokio::test]
async fn eleven_templates_go_in_two_requests_and_every_page_is_read() {
    let today = Day::today();
    let ids: Vec<String> = (1..=11).map(|n| format!("10{n:02}")).collect();
    let query = ids.iter().fold(InsightsQuery::new(week()), |q, id| {
        q.template(TemplateSelector::id(id))
    });
    let replies = vec![
        page(
            ids[..5].iter().map(|id| point(id, today, 10)).collect(),
            Some("CURSOR1"),
        ),
        page(
            ids[5..10]
                .iter()
                .map(|id| point(id, today.plus(-1), 4))
                .collect(),
            None,
        ),
        page(vec![point(&ids[10], today, 7)], None),
    ];
    let (server, insights) = insights_from(replies, &query).await;
    let insights = insights.unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 3, "{requests:#?}");
    let asked: Vec<Vec<String>> = requests
        .iter()
        .map(|r| serde_json::from_str(&param(r, "template_ids").unwrap()).unwrap())
        .collect();
    assert_eq!(asked[0].len(), MAX_TEMPLATES_PER_REQUEST);
    assert_eq!(
        asked[1], asked[0],
        "the second page asks for the same templates"
    );
    assert_eq!(asked[2], vec![ids[10].clone()]);
    assert_eq!(param(&requests[0], "after"), None);
    assert_eq!(param(&requests[1], "after").as_deref(), Some("CURSOR1"));
    for request in &requests {
        assert!(
            request
                .target
                .starts_with(&format!("/v23.0/{WABA}/template_analytics?"))
        );
        assert_eq!(param(request, "granularity").as_deref(), Some("DAILY"));
        assert_eq!(
            param(request, "product_type").as_deref(),
            Some("MARKETING_MESSAGES_LITE_API")
        );
        assert_eq!(
            param(request, "start"),
            Some(today.plus(-6).start_unix().to_string())
        );
        assert_eq!(
            param(request, "end"),
            Some(today.next().start_unix().to_string())
        );
    }
    assert_eq!((insights.batches, insights.requests), (2, 3));
    assert_eq!(insights.templates.len(), 11);
    assert_eq!(insights.days.len(), 11);
    assert_eq!(insights.total.sent, Some(5 * 10 + 5 * 4 + 7));
    assert_eq!(insights.total.clicked, Some(11));
    assert!(insights.templates.iter().all(|t| t.figures.sent.is_some()));
}

/// Limits Meta would refuse are refused before any request, naming the limit.
#[tokio::test]
async fn limits_are_refused_before_any_request() {
    let today = Day::today();
    let too_old = Period::new(today.plus(-91), today).unwrap_err();
    assert!(matches!(too_old, InsightsError::Period(_)));
    assert!(
        too_old.to_string().contains("at most 90 days back"),
        "{too_old}"
    );
    let future = Period::new(today.plus(1), today.plus(2)).unwrap_err();
    assert!(future.to_string().contains("after today"), "{future}");

    let server = ScriptedServer::start(vec![page(vec![], None)]).await;
    let client = client(&server.base_url());
    for query in [
        InsightsQuery::new(week()),
        InsightsQuery::new(week()).template(TemplateSelector::id("12-34")),
        InsightsQuery::new(week()).template(TemplateSelector::parse("spring_sale:")),
    ] {
        let error = client.template_insights(&query).await.unwrap_err();
        assert!(matches!(error, InsightsError::Templates(_)), "{error:?}");
    }
    assert!(server.requests().is_empty(), "nothing is asked");
}

/// Insights that are off are said to be off, with Meta's error or with an empty answer from
/// an account that says so; an empty answer from an account with insights on is no error
/// (the figures are not published yet).
#[tokio::test]
async fn insights_that_are_off_are_explained_and_an_empty_period_is_not_an_error() {
    let query = InsightsQuery::new(week())
        .template(TemplateSelector::id("1402280517413391"))
        .product(Product::CloudApi);
    let off = Reply::json(
        400,
        r#"{"error": {"message": "(#100) Template insights are not enabled for this WhatsApp Business Account", "type": "OAuthException", "code": 100, "fbtrace_id": "Aoff"}}"#,
    );
    let (_, error) = insights_from(vec![off], &query).await;
    let error = error.unwrap_err();
    assert!(
        matches!(&error, InsightsError::NotEnabled { waba_id } if waba_id == WABA),
        "{error:?}"
    );

    let (server, error) =
        insights_from(vec![page(vec![], None), insights_enabled(false)], &query).await;
    let error = error.unwrap_err();
    assert!(
        matches!(error, InsightsError::NotEnabled { .. }),
        "{error:?}"
    );
    let requests = server.requests();
    assert_eq!(
        param(&requests[0], "product_type").as_deref(),
        Some("CLOUD_API")
    );
    assert!(requests[1].target.contains("is_enabled_for_insights"));

    let (_, insights) =
        insights_from(vec![page(vec![], None), insights_enabled(true)], &query).await;
    let insights = insights.unwrap();
    assert!(!insights.has_figures());
    assert_eq!(insights.templates.len(), 1);

    // Turning them on is one POST with the switch in the query.
    let server = ScriptedServer::start(vec![Reply::json(200, r#"{"success": true}"#)]).await;
    client(&server.base_url()).enable_insights().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].method, "POST");
    assert_eq!(
        param(&requests[0], "is_enabled_for_insights").as_deref(),
        Some("true")
    );
}

/// A campaign whose first send is more than 90 days back cannot be compared: refused,
/// naming the limit; a STRICT one is asked on its one route, another on both.
#[test]
fn a_campaign_older_than_the_lookback_is_refused_naming_the_limit() {
    use marketing::insights::{CampaignScope, ScopedTemplate};
    let today = Day::today();
    let day_ms = |day: Day| day.start_unix() * 1000;
    let scope = |first: Day, products: Vec<Product>| CampaignScope {
        templates: vec![ScopedTemplate {
            name: "spring_sale".into(),
            language: "en_US".into(),
            id: None,
        }],
        first_send_ms: day_ms(first),
        last_send_ms: day_ms(today),
        products,
    };
    let old = scope(today.plus(-120), vec![Product::MarketingMessagesLite]);
    let error = old.queries(today).unwrap_err();
    assert!(matches!(error, InsightsError::Period(_)), "{error:?}");
    assert!(
        error.to_string().contains("at most 90 days back"),
        "{error}"
    );

    let both = scope(
        today.plus(-3),
        vec![Product::MarketingMessagesLite, Product::CloudApi],
    );
    let queries = both.queries(today).unwrap();
    assert_eq!(queries.len(), 2);
    assert_eq!(queries[1].product_type(), Product::CloudApi);
    assert_eq!(queries[0].period().days(), 4);
    assert_eq!(
        queries[0].templates(),
        [TemplateSelector::named("spring_sale", Some("en_US"))]
    );
}
