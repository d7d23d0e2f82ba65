//! The command line: global options and the subcommands.

use clap::{ColorChoice, Parser, Subcommand};

use crate::commands::{
    account, campaign, completions, demo, insights, sandbox, send, suppression, templates,
    validate, webhook,
};
use crate::logging::LogFormat;

#[derive(Parser, Debug)]
#[command(
    name = "wamm",
    version,
    about = "Send and test WhatsApp marketing template messages (Marketing Messages Lite API)",
    long_about = "Send and test WhatsApp marketing template messages through Meta's Marketing \
                  Messages Lite API, or against a local sandbox that behaves like it.",
    after_help = "Start here: `wamm demo` runs a full round trip against a built-in sandbox.\n\n\
                  Exit codes: 0 success; 1 failure before sending (I/O, cannot connect); \
                  2 usage or validation error; 3 rejected by the API; 4 authentication or \
                  permission problem; 5 outcome unknown (the message may have been sent).

\
                  Logs go to stderr: warnings by default, wamm's debug events with -v, any \
                  level with RUST_LOG (e.g. RUST_LOG=marketing=debug), one JSON object per line \
                  with --log-format json. No log line holds the token, app secret, verify \
                  token or database password.",
    propagate_version = true
)]
pub struct Cli {
    /// Log requests (never the token) and wamm's debug events to stderr
    #[arg(long, short, global = true)]
    pub verbose: bool,

    /// How log lines on stderr are written (levels: RUST_LOG, -v)
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text, value_name = "FORMAT")]
    pub log_format: LogFormat,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    #[command(about = demo::ABOUT, after_help = demo::EXAMPLES)]
    Demo(demo::DemoArgs),
    #[command(about = send::ABOUT, after_help = send::EXAMPLES)]
    Send(Box<send::SendArgs>),
    #[command(about = sandbox::ABOUT, after_help = sandbox::EXAMPLES)]
    Sandbox(Box<sandbox::SandboxCommandArgs>),
    #[command(about = validate::ABOUT, after_help = validate::EXAMPLES)]
    Validate(validate::ValidateArgs),
    #[command(about = campaign::ABOUT, after_help = campaign::EXAMPLES)]
    Campaign(campaign::CampaignArgs),
    #[command(about = templates::ABOUT, after_help = templates::EXAMPLES)]
    Templates(templates::TemplatesArgs),
    #[command(about = account::ABOUT, after_help = account::EXAMPLES)]
    Account(account::AccountArgs),
    #[command(about = insights::ABOUT, after_help = insights::EXAMPLES)]
    Insights(Box<insights::InsightsArgs>),
    #[command(about = suppression::ABOUT, after_help = suppression::EXAMPLES)]
    Suppression(suppression::SuppressionArgs),
    #[command(about = webhook::ABOUT, after_help = webhook::EXAMPLES)]
    Webhook(webhook::WebhookArgs),
    #[command(about = completions::ABOUT, after_help = completions::EXAMPLES)]
    Completions(completions::CompletionsArgs),
}
