//! `wamm demo`: a full round trip against a sandbox started in this process.
//!
//! It goes through every layer a real send uses (builders, validation, the generated client,
//! reqwest, HTTP on a loopback port) and needs no account, no network and no setup.

use std::time::{Duration, SystemTime};

use clap::Args;
use marketing::{
    AccessToken, BodyParam, Button, Card, Currency, Header, MarketingClient, Media, Message,
    MessageStatus, ProductPolicy, RetryPolicy, ValidationErrors,
};
use wamm_sandbox::{Sandbox, SandboxConfig, StatusShares};

use crate::commands::send::{describe_send_error, summary};
use crate::exit::Failure;
use crate::output::{self, BOLD, DIM, ERROR, GOOD, paint};

pub const ABOUT: &str = "Run a round trip against a built-in sandbox (no account needed)";

pub const EXAMPLES: &str = "\
Examples:
  wamm demo
  cargo run --release -p wamm -- demo

It starts a sandbox on a free loopback port, sends real HTTP requests through the whole stack
and exits 0 when every step behaved as expected.";

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Seed for the sandbox's choices (which messages template pacing holds)
    #[arg(long, default_value_t = 8)]
    pub seed: u64,
}

/// Users template pacing is tried on until one message is held.
const PACING_TRIES: usize = 12;

pub async fn exec(args: DemoArgs) -> Result<(), Failure> {
    let config = SandboxConfig {
        status_shares: StatusShares {
            held_for_quality_assessment: 0.35,
            paused: 0.0,
        },
        seed: args.seed,
        ..SandboxConfig::default()
    };
    let sandbox = Sandbox::start(config)
        .await
        .map_err(|e| Failure::other(format!("cannot start the sandbox: {e}")))?;
    let client =
        MarketingClient::builder(sandbox.phone_number_id(), AccessToken::new(sandbox.token()))
            .base_url(sandbox.base_url())
            .timeout(Duration::from_secs(10))
            .retry_policy(RetryPolicy::default())
            .build()
            .map_err(|e| Failure::other(e.to_string()))?;

    output::out(format!(
        "{} a sandbox on {} stands in for Meta (no account, no network).\n",
        paint(BOLD, "wamm demo:"),
        sandbox.base_url()
    ))?;

    let mut failures = Vec::new();

    step(
        1,
        "flash_deal: image header, named body with a price, limited-time offer, coupon and URL buttons",
    )?;
    let rich = built(
        Message::builder("flash_deal", "pt_BR")
            .to("+5511987654321")
            .header(Header::image(Media::link(
                "https://cdn.example.org/deal.jpg",
            )))
            .body_param(BodyParam::text("Marina").named("first_name"))
            .body_param(
                BodyParam::currency(Currency::new("R$ 149,90", "BRL", 149_900)).named("price"),
            )
            .limited_time_offer(SystemTime::now() + Duration::from_secs(2 * 86_400))
            .button(Button::copy_code(0, "FLASH42"))
            .button(Button::url(1, "deal42?src=wa"))
            .product_policy(ProductPolicy::Strict)
            .message_activity_sharing(true)
            .build(),
    )?;
    expect_status(&client, &rich, None, &mut failures).await?;

    step(2, "weekend_picks: body text and a carousel of two cards")?;
    let carousel = built(
        Message::builder("weekend_picks", "en")
            .to("447700900123")
            .body_param(BodyParam::text("Ana"))
            .card(
                Card::new(Header::image(Media::link(
                    "https://cdn.example.org/sneakers.jpg",
                )))
                .button(Button::url(0, "sneakers-42")),
            )
            .card(
                Card::new(Header::image(Media::link(
                    "https://cdn.example.org/boots.jpg",
                )))
                .button(Button::url(0, "boots-7")),
            )
            .build(),
    )?;
    expect_status(&client, &carousel, None, &mut failures).await?;

    step(
        3,
        "spring_sale to new users: template pacing holds some messages for quality assessment",
    )?;
    let mut held = false;
    for i in 0..PACING_TRIES {
        let message = built(
            Message::builder("spring_sale", "en_US")
                .to(format!("4477009002{i:02}"))
                .body_param(BodyParam::text("Sam"))
                .build(),
        )?;
        match client.send(&message).await {
            Ok(sent) => {
                output::out(format!("   {}", summary(&sent, &message.recipient())))?;
                if sent.status == Some(MessageStatus::HeldForQualityAssessment) {
                    output::out(paint(
                        DIM,
                        "   held: delivered once early feedback on the template is good, dropped (132015) if not",
                    ))?;
                    held = true;
                    break;
                }
            }
            Err(error) => failures.push(format!("spring_sale: {error}")),
        }
    }
    if !held {
        failures.push(format!(
            "no spring_sale message was held in {PACING_TRIES} sends"
        ));
    }

    step(4, "old_promo: a template paused for low quality")?;
    let paused = built(
        Message::builder("old_promo", "en_US")
            .to("447700900123")
            .build(),
    )?;
    match client.send(&paused).await {
        Ok(sent) => failures.push(format!("old_promo was accepted as {}", sent.message_id)),
        Err(error) => {
            let failure = describe_send_error(&error);
            output::out(format!("   {} {}", paint(ERROR, "rejected:"), error))?;
            for line in &failure.details {
                output::out(format!("   {line}"))?;
            }
        }
    }

    step(
        5,
        "flash_deal with a 16-character coupon and a malformed phone number",
    )?;
    let before = sandbox.stats().requests;
    match Message::builder("flash_deal", "pt_BR")
        .to("5511-98765")
        .body_param(BodyParam::text("Marina").named("first_name"))
        .button(Button::copy_code(0, "FLASH42-SPRING26"))
        .build()
    {
        Ok(_) => failures.push("an invalid message passed validation".to_string()),
        Err(errors) => {
            output::out(format!(
                "   {} nothing left the process:",
                paint(GOOD, "caught before sending;")
            ))?;
            for problem in errors.problems() {
                output::out(format!("   {problem}"))?;
            }
        }
    }
    if sandbox.stats().requests != before {
        failures.push("the invalid message reached the sandbox".to_string());
    }

    let recorded = sandbox.messages();
    output::out(format!(
        "\nThe sandbox recorded {} messages from {} requests (GET {}/__sandbox/messages, with the token, lists them).",
        recorded.len(),
        sandbox.stats().requests,
        sandbox.base_url()
    ))?;
    sandbox.shutdown().await;

    if failures.is_empty() {
        output::out(format!(
            "{} Next: `wamm sandbox` to keep one running, `wamm send --help` to send your own.",
            paint(GOOD, "Demo complete.")
        ))?;
        Ok(())
    } else {
        let mut failure = Failure::other("the demo did not behave as expected");
        for line in failures {
            failure = failure.detail(line);
        }
        Err(failure)
    }
}

fn step(n: usize, title: &str) -> std::io::Result<()> {
    output::out(format!("{} {title}", paint(BOLD, format!("{n}."))))
}

/// The demo's own messages are valid; if one is not, that is a bug worth reporting clearly.
fn built(result: Result<Message, ValidationErrors>) -> Result<Message, Failure> {
    result.map_err(|errors| crate::commands::send::invalid("a demo message", &errors))
}

async fn expect_status(
    client: &MarketingClient,
    message: &Message,
    expected: Option<MessageStatus>,
    failures: &mut Vec<String>,
) -> std::io::Result<()> {
    match client.send(message).await {
        Ok(sent) => {
            output::out(format!("   {}", summary(&sent, &message.recipient())))?;
            if let Some(expected) = expected
                && sent.status.as_ref() != Some(&expected)
            {
                failures.push(format!(
                    "{}: expected {expected}, got {:?}",
                    message.template_name(),
                    sent.status
                ));
            }
        }
        Err(error) => {
            output::out(format!("   {} {error}", paint(ERROR, "failed:")))?;
            failures.push(format!("{}: {error}", message.template_name()));
        }
    }
    Ok(())
}
