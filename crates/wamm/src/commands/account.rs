//! `wamm account`: whether a WhatsApp Business Account can send marketing messages, and what
//! each of its numbers may send. Also the failures of reading an account, shared with the
//! pre-flight of `campaign run` and `resume`.

use clap::Args;
use marketing::account::{AccountError, AccountStatus, NumberStatus};
use serde_json::json;

use crate::config::{ConnectionArgs, WABA_VAR};
use crate::exit::{Exit, Failure};
use crate::hints::{account_access_hint, server_hint};
use crate::output::{self, BOLD, DIM, GOOD, WARNING, paint};

pub const ABOUT: &str = "Show whether an account is onboarded to Marketing Messages, and what each of its numbers may send";

pub const EXAMPLES: &str = "\
Examples:
  # Against a local sandbox (see `wamm sandbox`); its account ID is 102290129340398
  wamm account --waba-id 102290129340398

  # As JSON, for scripts
  wamm account --json --waba-id 102290129340398

The account comes from --waba-id or $WHATSAPP_BUSINESS_ACCOUNT_ID, the token from
$WHATSAPP_ACCESS_TOKEN or --token-file (it needs whatsapp_business_management).

Shown: the Marketing Messages onboarding status (and, when it is not ONBOARDED, what to
do), whether template insights are on, and for each phone number its status (only
CONNECTED sends), quality rating, messaging limit (unique users per rolling 24 hours) and
throughput level. `campaign run` and `resume` make the same check before their first
request when they know the account ID.

Exit status:
  0  the account is onboarded and at least one of its numbers can send
  1  the account could not be reached
  2  bad input (a flag, no account ID)
  3  Graph refused the request
  4  the account is not onboarded, none of its numbers can send, or the token may not
     read it (an unknown account ID included)";

#[derive(Args, Debug)]
pub struct AccountArgs {
    /// Print the account as a JSON object
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

pub async fn exec(args: AccountArgs, verbose: crate::output::Verbose) -> Result<(), Failure> {
    let client = args.connection.templates_client(verbose)?;
    let account = client
        .account_status()
        .await
        .map_err(|e| account_failure(&e, &args.connection))?;
    if args.json {
        output::out_json(&to_json(&account))?;
    } else {
        for line in table(&account) {
            output::out(line)?;
        }
    }
    verdict(&account)
}

/// The exit status: an account that cannot send through Marketing Messages is an account
/// problem.
fn verdict(account: &AccountStatus) -> Result<(), Failure> {
    if !account.is_onboarded() {
        let mut failure = Failure::new(
            Exit::Auth,
            format!(
                "account {} is not onboarded to Marketing Messages ({})",
                account.waba_id,
                account.onboarding_label()
            ),
        );
        if let Some(fix) = account.onboarding_fix() {
            failure = failure.detail(fix);
        }
        return Err(failure);
    }
    if !account.any_number_can_send() {
        return Err(Failure::new(
            Exit::Auth,
            format!(
                "none of account {}'s {} can send (only CONNECTED numbers do)",
                account.waba_id,
                output::counted(account.numbers.len() as u64, "phone number")
            ),
        )
        .detail("see each number's status in WhatsApp Manager"));
    }
    Ok(())
}

/// The account as lines of a table.
fn table(account: &AccountStatus) -> Vec<String> {
    let mut lines = Vec::new();
    let name = account
        .name
        .as_ref()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    lines.push(paint(BOLD, format!("account {}{name}", account.waba_id)));
    let onboarding = if account.is_onboarded() {
        paint(GOOD, account.onboarding_label())
    } else {
        paint(WARNING, account.onboarding_label())
    };
    lines.push(format!("  {:<20} {onboarding}", "marketing messages"));
    if let Some(fix) = account.onboarding_fix() {
        lines.push(format!("  {:<20} {fix}", "what to do"));
    }
    let insights = match account.insights_enabled {
        Some(true) => "on",
        Some(false) => "off (wamm insights --enable turns them on)",
        None => "not reported",
    };
    lines.push(format!("  {:<20} {insights}", "template insights"));
    lines.push(String::new());
    if account.numbers.is_empty() {
        lines.push("the account has no phone numbers".to_string());
        return lines;
    }
    lines.push(paint(
        BOLD,
        format!(
            "{:<18} {:<18} {:<13} {:<8} {:<8} {:<20} {}",
            "PHONE NUMBER ID", "NUMBER", "STATUS", "SENDS", "QUALITY", "LIMIT (24 H)", "THROUGHPUT"
        ),
    ));
    for number in &account.numbers {
        lines.push(number_row(number));
    }
    lines
}

fn number_row(number: &NumberStatus) -> String {
    let or_dash = |value: Option<&str>| value.unwrap_or("-").to_string();
    format!(
        "{:<18} {:<18} {:<13} {:<8} {:<8} {:<20} {}",
        number.id,
        or_dash(number.display_phone_number.as_deref()),
        number.status_label(),
        if number.can_send() { "yes" } else { "no" },
        or_dash(number.quality.as_ref().map(|q| q.as_str())),
        number.daily_limit.to_string(),
        or_dash(number.throughput.as_deref()),
    )
}

/// `--json`: the account with what the table adds (whether it is onboarded, what to do,
/// whether each number can send).
fn to_json(account: &AccountStatus) -> serde_json::Value {
    json!({
        "waba_id": account.waba_id,
        "name": account.name,
        "onboarding_status": account.onboarding.as_ref().map(|s| s.as_str()),
        "onboarded": account.is_onboarded(),
        "what_to_do": account.onboarding_fix(),
        "insights_enabled": account.insights_enabled,
        "numbers": account.numbers.iter().map(|n| json!({
            "id": n.id,
            "display_phone_number": n.display_phone_number,
            "verified_name": n.verified_name,
            "status": n.status.as_ref().map(|s| s.as_str()),
            "can_send": n.can_send(),
            "quality_rating": n.quality.as_ref().map(|q| q.as_str()),
            "messaging_limit_tier": n.tier.as_ref().map(|t| t.as_str()),
            "daily_limit": n.daily_limit,
            "throughput": n.throughput,
            "platform_type": n.platform_type,
        })).collect::<Vec<_>>(),
    })
}

/// The failure to report when an account could not be read: nothing was sent.
pub fn account_failure(error: &AccountError, connection: &ConnectionArgs) -> Failure {
    let account = connection.waba_id.as_deref().unwrap_or("(none)");
    let exit = match error {
        AccountError::NoWabaId => Exit::Usage,
        AccountError::UnknownAccount { .. } => Exit::Auth,
        AccountError::Read(error) => Exit::of_templates_error(error),
        _ => Exit::Failure,
    };
    let mut failure = match error {
        AccountError::UnknownAccount { .. } => Failure::new(exit, error.to_string()),
        _ => Failure::new(exit, format!("cannot read account {account}: {error}")),
    };
    if let Some(graph) = error.graph() {
        if matches!(error, AccountError::UnknownAccount { .. }) {
            failure = failure.detail(format!(
                "the account ID comes from --waba-id or {WABA_VAR}; `wamm templates list` reads the same account"
            ));
        } else if let Some(hint) = account_access_hint(graph.class(), account) {
            failure = failure.detail(hint);
        } else if let Some(meaning) = graph.meaning() {
            failure = failure.detail(format!("code {}: {meaning}", graph.code()));
        }
        if let Some(trace) = graph.fbtrace_id() {
            failure = failure.detail(format!("fbtrace_id: {trace}"));
        }
    } else if matches!(
        error,
        AccountError::Read(marketing::TemplatesError::Connect { .. })
    ) {
        failure = failure.detail(server_hint(&marketing::redact_url(&connection.base_url)));
    }
    failure
}

/// Says on stderr, dimmed, what the pre-flight of a run found (one line per sending
/// number), and the warnings in full.
pub fn report_preflight(check: &marketing::campaign::AccountCheck) {
    let account = &check.account;
    let route = match check.route {
        marketing::campaign::Route::MarketingMessages => "Marketing Messages",
        marketing::campaign::Route::CloudApi => "the Cloud API (fallback)",
    };
    output::err(paint(
        DIM,
        format!(
            "account {}: {}; messages go through {route}",
            account.waba_id,
            account.onboarding_label()
        ),
    ));
    for id in &check.senders {
        if let Some(number) = account.number(id) {
            output::err(paint(
                DIM,
                format!(
                    "sending from {id}: {}, quality {}, limit {}",
                    number.status_label(),
                    number
                        .quality
                        .as_ref()
                        .map_or("not reported", |q| q.as_str()),
                    number.daily_limit
                ),
            ));
        }
    }
    for warning in &check.warnings {
        output::err(format!("{} {warning}", paint(WARNING, "warning:")));
    }
}
