//! Every response header `openapi.yaml` declares for a status, the sandbox sends with it; every
//! header the sandbox sends beyond HTTP's own, the spec declares.

mod common;

use std::collections::BTreeSet;

use common::{client, rich, send_url, spring_sale, start};
use reqwest::header::HeaderMap;
use serde_json::Value;
use wamm_sandbox::{FaultSpec, PhoneNumber, SandboxConfig};

/// Headers HTTP itself (or hyper) adds; the spec does not declare them.
const HTTP_OWN: [&str; 4] = ["content-type", "content-length", "date", "connection"];

/// The headers the spec declares for `status` on the send operation, lower-cased.
fn declared(status: u16) -> BTreeSet<String> {
    common::declared_headers(
        "/{Version}/{Phone-Number-ID}/marketing_messages",
        "post",
        status,
    )
}

fn sent(headers: &HeaderMap) -> BTreeSet<String> {
    headers
        .keys()
        .map(|k| k.as_str().to_string())
        .filter(|k| !HTTP_OWN.contains(&k.as_str()))
        .collect()
}

async fn answer(config: SandboxConfig, body: &Value, token: Option<&str>) -> (u16, HeaderMap) {
    let sandbox = start(config).await;
    let mut request = client().post(send_url(&sandbox)).json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.headers().clone())
}

#[tokio::test]
async fn each_status_carries_exactly_the_declared_headers() {
    let token = Some(wamm_sandbox::DEFAULT_TOKEN);
    let mut unknown_template = spring_sale("447700900123");
    unknown_template["template"]["name"] = "no_such_template".into();
    let mut strict = rich();
    strict["product_policy"] = "STRICT".into();
    let faults = |spec: &str| SandboxConfig {
        faults: FaultSpec::parse(spec).unwrap(),
        ..SandboxConfig::default()
    };
    let cases = [
        (
            SandboxConfig::default(),
            spring_sale("447700900123"),
            token,
            200,
        ),
        (SandboxConfig::default(), spring_sale("1"), token, 400),
        (
            SandboxConfig::default(),
            spring_sale("447700900123"),
            None,
            401,
        ),
        (
            SandboxConfig {
                phone_numbers: vec![PhoneNumber::not_onboarded(
                    wamm_sandbox::DEFAULT_PHONE_NUMBER_ID,
                )],
                ..SandboxConfig::default()
            },
            strict,
            token,
            403,
        ),
        (SandboxConfig::default(), unknown_template, token, 404),
        (faults("500=1"), spring_sale("447700900123"), token, 500),
        (faults("503=1"), spring_sale("447700900123"), token, 503),
    ];
    for (config, body, token, status) in cases {
        let (got, headers) = answer(config, &body, token).await;
        assert_eq!(got, status);
        assert_eq!(sent(&headers), declared(status), "HTTP {status}");
    }
}
