//! What the campaign commands accept and what their `--help` says: the clap structs and the
//! help texts, kept apart from what the commands do.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::config::ConnectionArgs;

pub const ABOUT: &str = "Send one template to a list of recipients: paced, journalled, resumable";

pub const EXAMPLES: &str = "\
Examples:
  # Against a local sandbox (see `wamm sandbox`)
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal spring.journal --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922
  wamm campaign resume --journal spring.journal
  wamm campaign report --journal spring.journal --export results.csv
  wamm campaign schema > campaign.schema.json

Every recipient is committed to the journal, on disk (fsync'd), before its request leaves, so
a crash, an OS crash or a power cut never sends a message twice: recipients in flight at a
crash are reported as unknown. Ctrl-C, SIGTERM and SIGHUP stop gracefully; `resume` continues
where it stopped. One process at a time may write a journal file; a campaign kept in
PostgreSQL (--journal postgres://...) is sent by any number of workers (`campaign worker`).

With a WhatsApp Business Account ID (--waba-id or $WHATSAPP_BUSINESS_ACCOUNT_ID), `run` and
`resume` first check the campaign's message against its approved template: a mismatch (or
a template paused, disabled or not MARKETING) is reported with its path and nothing is sent
(exit 2). --no-template-check skips the check. They also read the account (see `wamm
account`): a STRICT campaign from an account not onboarded to Marketing Messages, or a
sending number that is not CONNECTED, stops before the first request (exit 4); a fallback
campaign is told its messages go through the Cloud API, and a list with more unique
recipients than the numbers' 24-hour messaging limit is warned about. --no-account-check
skips it. --max-per-day N holds a run to N messages in any rolling 24 hours: it stops with
the rest pending (exit 0 unless an outcome is unknown) and says when to resume.

A run stops by itself, with everyone not yet sent left for `resume`, on an error that
concerns the whole run (token, permission, account, template, spam), when the first sends
are all refused with the same code, and when too many outcomes are unknown (see [halt] in
`wamm campaign schema`). Fix the cause (`resume --campaign FILE` takes a corrected file) and
resume.

Exit status:
  0  every row has an outcome and none is unknown (and at least one message was sent)
  1  interrupted, or the API could not be reached
  2  bad input: the campaign file, the list, a flag, or every row invalid
  3  stopped by a refusal (template, routing, spam, same refusal on the first sends),
     or nothing could be sent
  4  stopped by an authentication, permission or account problem
  5  some outcomes are unknown: those messages may have been sent";

const RUN_EXAMPLES: &str = "\
Examples:
  # Against a local sandbox (see `wamm sandbox`)
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal spring.journal --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # Faster or slower than the campaign file says
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal spring-fast.journal --mps 200 --concurrency 64 \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # Check the account first, and send at most 2 messages a day (resume the next day)
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal spring-daily.journal --max-per-day 2 --waba-id 102290129340398 \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # Two variants and a 5 % holdout ([[variants]] and holdout in the file), each variant's
  # template checked first
  wamm campaign run --campaign examples/variants.toml --recipients examples/recipients.csv \\
      --journal variants.journal --waba-id 102290129340398 \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # A send window in each recipient's local time (send_window and default_timezone in the
  # file; a `timezone` column in the list); rows outside their window wait
  wamm campaign run --campaign examples/windows.toml --recipients examples/zoned.csv \\
      --journal windows.journal --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # Try it first: every row checked and rendered, nothing sent, no journal made
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal spring.journal --dry-run --export spring-rendered.jsonl

  # Send the message to the numbers in a seed list first (recorded apart from the list,
  # each at most once per campaign), then go on without asking
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal spring-seeded.journal --seed examples/seeds.csv --yes \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # Record the campaign now and send from a time to come (here 5 seconds on, by GNU date;
  # or start_at in the campaign file), taking no row after a day
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal spring-later.journal --start-at \"$(date -u -d '+5 sec' +%FT%TZ)\" \\
      --end-by \"$(date -u -d '+1 day' +%FT%TZ)\" \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

With a send_window, the run first says how the rows found their time zone (the `timezone`
column, the phone number's country when it has one zone, default_timezone); rows outside
their window wait while the others are sent, and the progress line counts them with the time
the next one opens. When only waiting rows are left the run waits for them (Ctrl-C stops it;
`resume` goes on). With PostgreSQL, workers claim only rows inside their window.

With --waba-id the template is read before sending: its ID, version, TTL, maximum price and
creative features go in the journal (and `campaign report` shows them), and a run that needs
longer than the template's TTL at its pace is warned about before the first send. With
--events, the run also stops, before sending more, when the receiver records that Meta
rejected, paused or disabled the template meanwhile; the rows not sent stay pending.";

const RETRY_EXAMPLES: &str = "\
Examples:
  # The webhooks Meta sends are recorded by the receiver (see `wamm webhook serve --help`)
  wamm webhook serve --listen 127.0.0.1:8090 --store events.db \\
      --app-secret-file examples/app-secret.txt --verify-token-file examples/verify-token.txt

  # Who failed with 131049 more than 24 hours ago, by those webhooks (nothing sent)
  wamm campaign retry --journal spring.journal --events events.db --code 131049 --dry-run

  # Send to them again (the other rows are not touched; rows without that proof never are)
  wamm campaign retry --journal spring.journal --events events.db --code 131049 \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922";

const RESUME_EXAMPLES: &str = "\
Examples:
  # Go on after Ctrl-C, a crash or a stop
  wamm campaign resume --journal spring.journal \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # Send the rows not yet sent with a corrected campaign file (recorded as a new revision)
  wamm campaign resume --journal spring.journal --campaign examples/spring.toml \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # The list moved (it must hold the same bytes)
  wamm campaign resume --journal spring.journal --recipients examples/recipients.csv \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # A campaign that reached its end_by: go on until a later one
  wamm campaign resume --journal spring-later.journal --end-by \"$(date -u -d '+2 day' +%FT%TZ)\" \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

  # The next day's share of a campaign held to a daily budget
  wamm campaign resume --journal spring-daily.journal --max-per-day 2 \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922";

const REPORT_EXAMPLES: &str = "\
Examples:
  wamm campaign report --journal spring.journal
  wamm campaign report --journal spring.journal --json
  wamm campaign report --journal spring.journal --export results.csv

  # A campaign with variants: every figure per variant and for the holdout
  wamm campaign report --journal variants.journal

  # With what the receiver recorded: deliveries, and the template's status changes
  wamm campaign report --journal spring.journal --events events.db

  # The report as a page to open in a browser, print or forward (charts included, no network)
  wamm campaign report --journal spring.journal --events events.db --html spring.html

  # Meta's figures for the campaign's template and days beside the journal's (insights
  # turned on once with `wamm insights --enable`)
  wamm insights --enable --waba-id 102290129340398
  wamm campaign report --journal spring.journal --insights --waba-id 102290129340398";

const RECONCILE_EXAMPLES: &str = "\
Examples:
  # How many sent messages have no delivery status an hour on (nothing asked)
  wamm campaign reconcile --journal spring.journal --events events.db --older-than 1h --dry-run

  # Ask Meta's message history about them and record what it says
  wamm campaign reconcile --journal spring.journal --events events.db --older-than 0s \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

Rows sent at least --older-than ago whose message has no delivered, read or failed status in
the event store are asked about, one message per request, from the phone number that sent
it, at --requests-per-second. What the history lists is recorded exactly as the webhook would
have been: running it twice records nothing new, and a status learned late never moves a
message back (a late `delivered` does not undo `read`).

Exit status:
  0  every row was asked about (some may still be unknown: Meta had no status for them)
  1  some requests failed (those rows are asked again next time), or bad files
  2  bad input: a flag, the journal or the event store
  4  stopped by an authentication, permission or account problem";

const WORKER_EXAMPLES: &str = "\
Examples:
  # Start a campaign kept in PostgreSQL: loads the list into the database, and sends
  wamm campaign run --campaign examples/spring.toml --recipients examples/recipients.csv \\
      --journal postgres://wamm@127.0.0.1:5432/wamm \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922
  # More workers for it, on this machine or any other that reaches the database
  wamm campaign worker --journal 'postgres://wamm@127.0.0.1:5432/wamm#spring-sale-2026' \\
      --base-url http://127.0.0.1:8080 --phone-number-id 106540352242922

Each worker claims pending rows in batches and commits them in flight before sending, so no
two workers send one row. A worker that is killed, or loses the database for a minute, is
taken for dead: its rows in flight become `unknown` (never sent again without
`resume --resend-unknown`). Workers need no list and no campaign file.";

const SCHEMA_EXAMPLES: &str = "\
Examples:
  wamm campaign schema > campaign.schema.json";

#[derive(Args, Debug)]
pub struct CampaignArgs {
    #[command(subcommand)]
    pub command: CampaignCommand,
}

#[derive(Subcommand, Debug)]
pub enum CampaignCommand {
    /// Start a campaign with a new journal
    #[command(after_help = RUN_EXAMPLES)]
    Run(RunArgs),
    /// Continue a stopped or crashed campaign from its journal
    #[command(after_help = RESUME_EXAMPLES)]
    Resume(ResumeArgs),
    /// Send again to recipients whose message a webhook proved undelivered (131049), after
    /// the wait Meta asks for
    #[command(after_help = RETRY_EXAMPLES)]
    Retry(RetryArgs),
    /// Join a campaign kept in PostgreSQL as one more worker: claim its pending rows and send
    /// them
    #[command(after_help = WORKER_EXAMPLES)]
    Worker(WorkerArgs),
    /// Show a campaign's results from its journal
    #[command(after_help = REPORT_EXAMPLES)]
    Report(ReportArgs),
    /// Ask Meta's message history for the delivery statuses the webhook receiver missed, and
    /// record them in the event store
    #[command(after_help = RECONCILE_EXAMPLES)]
    Reconcile(Box<ReconcileArgs>),
    /// Print the JSON Schema of the campaign file
    #[command(after_help = SCHEMA_EXAMPLES)]
    Schema,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// The campaign file (TOML, or JSON)
    #[arg(long, value_name = "FILE")]
    pub campaign: PathBuf,
    /// The recipient list: CSV with a header row, or JSONL (.jsonl)
    #[arg(long, value_name = "FILE")]
    pub recipients: PathBuf,
    /// Record nothing: only for `cargo xtask bench`, to measure what the journal costs. Not
    /// resumable, no deduplication.
    #[arg(long, hide = true)]
    pub no_journal: bool,
    #[command(flatten)]
    pub common: CommonRunArgs,
    #[command(flatten)]
    pub account: AccountRunArgs,
    // --- schedule, seeds and dry runs ---
    /// Do everything but send: read and check every row, render every message, leave out
    /// duplicates and (with --events) those who stopped marketing messages, and print the
    /// counts a real run would reach. Sends nothing, asks Meta nothing, creates no journal
    #[arg(long)]
    pub dry_run: bool,
    /// With --dry-run: write each row's outcome and rendered message to FILE as JSON Lines
    #[arg(long, value_name = "FILE", requires = "dry_run")]
    pub export: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct RetryArgs {
    /// The failure codes that prove a message was not delivered and may be sent again
    /// (repeat the flag for several)
    #[arg(long = "code", value_name = "CODE", required = true)]
    pub codes: Vec<i64>,
    /// How long after the failure to wait (Meta asks for at least 24 hours after 131049)
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = humantime::parse_duration)]
    pub not_before: std::time::Duration,
    /// Only say how many rows would be sent again, and when the others may be
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub common: CommonRunArgs,
}

#[derive(Args, Debug)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub common: CommonRunArgs,
}

#[derive(Args, Debug)]
pub struct ResumeArgs {
    /// A corrected campaign file: its message replaces the stored one for every row not yet
    /// sent (rows already sent or unknown are not touched); the journal records it as a new
    /// revision
    #[arg(long, value_name = "FILE")]
    pub campaign: Option<PathBuf>,
    /// Where the recipient list is now, if it moved (it must hold the same bytes)
    #[arg(long, value_name = "FILE")]
    pub recipients: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonRunArgs,
    /// Send again to recipients whose outcome is unknown (they may get the message twice)
    #[arg(long)]
    pub resend_unknown: bool,
    #[command(flatten)]
    pub account: AccountRunArgs,
}

/// The account pre-flight and the daily budget of `run` and `resume`.
#[derive(Args, Debug)]
pub struct AccountRunArgs {
    /// Send at most N messages in any rolling 24 hours (counting what this campaign sent in
    /// the last 24 hours), then stop with the rest pending; `resume` the next day goes on
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_per_day: Option<u64>,
    /// Do not read the account before sending (the check runs when a WhatsApp Business
    /// Account ID is known: --waba-id): its onboarding status, the sending numbers' status
    /// and messaging limit
    #[arg(long)]
    pub no_account_check: bool,
}

#[derive(Args, Debug)]
pub struct CommonRunArgs {
    /// The journal: a file (SQLite), or postgres://USER@HOST/DATABASE[#CAMPAIGN] for a
    /// campaign kept in PostgreSQL (password from the URL or PGPASSWORD); created by `run`,
    /// continued by `resume`
    #[arg(long, value_name = "FILE|URL", env = "WAMM_JOURNAL_URL")]
    pub journal: PathBuf,
    #[command(flatten)]
    pub connection: ConnectionArgs,
    /// Override the campaign's messages per second (0: unpaced)
    #[arg(long, value_name = "N")]
    pub mps: Option<f64>,
    /// Override the campaign's concurrency (1 to 4096)
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,
    /// Print a JSON summary at the end
    #[arg(long)]
    pub json: bool,
    /// Do not check the campaign's message against its approved template before sending
    /// (the check runs when a WhatsApp Business Account ID is known: --waba-id)
    #[arg(long)]
    pub no_template_check: bool,
    /// The webhook receiver's event store (`wamm webhook serve --store`): recipients who
    /// stopped marketing messages there are not sent to (state `suppressed`), and the run
    /// stops when Meta rejects, pauses or disables its template meanwhile
    #[arg(long, value_name = "FILE|URL", env = "WAMM_EVENTS")]
    pub events: Option<PathBuf>,
    // --- schedule ---
    /// Send nothing before this time (RFC 3339 with an offset, like 2026-12-08T09:00:00+01:00),
    /// overriding the campaign's start_at; `run` records the campaign at once and waits (a
    /// start within the last minute means now)
    #[arg(long, value_name = "TIME")]
    pub start_at: Option<String>,
    /// Take no row after this time (RFC 3339), overriding the campaign's end_by: the rest stay
    /// pending and the run exits 1; resume with a later --end-by
    #[arg(long, value_name = "TIME")]
    pub end_by: Option<String>,
    /// Send the campaign's message first to the numbers in FILE (the recipient list's
    /// format), recorded apart from the list and each at most once per campaign; then ask
    /// before the list (on a terminal; without one, stop for a `resume` unless --yes)
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,
    /// With --seed: go on to the list without asking
    #[arg(long, requires = "seed")]
    pub yes: bool,
    // --- issue 30: metrics ---
    /// Serve Prometheus metrics on ADDR (http://ADDR/metrics) while the run goes: rows by
    /// outcome, answers by sending number, failures by Graph code, pacing, latency; /healthz
    /// answers while the process is alive, /readyz 503 once the run halted or its journal is
    /// gone. Port 0 picks a free one, printed on stderr
    #[arg(long, value_name = "ADDR")]
    pub metrics_listen: Option<std::net::SocketAddr>,
    /// With --metrics-listen: keep serving the metrics this long after the run ends (a short
    /// run ends before Prometheus scrapes it), or until Ctrl-C; e.g. 30s, 2m
    #[arg(long, value_name = "DURATION", requires = "metrics_listen", value_parser = crate::metrics_server::linger)]
    pub metrics_linger: Option<std::time::Duration>,
}

#[derive(Args, Debug)]
pub struct ReconcileArgs {
    /// The journal: a file (SQLite), or postgres://USER@HOST/DATABASE[#CAMPAIGN]
    #[arg(long, value_name = "FILE|URL", env = "WAMM_JOURNAL_URL")]
    pub journal: PathBuf,
    /// The webhook receiver's event store (`wamm webhook serve --store`): read for the
    /// statuses already known, written with those learned
    #[arg(long, value_name = "FILE|URL", env = "WAMM_EVENTS")]
    pub events: PathBuf,
    /// Only messages sent at least this long ago (like 6h, 30m, 2days): younger ones may
    /// still be on their way
    #[arg(long, value_name = "DURATION", default_value = "6h", value_parser = humantime::parse_duration)]
    pub older_than: std::time::Duration,
    /// Only count the messages that would be asked about; ask and record nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Also ask about messages already `delivered`, in case a `read` was missed too (one
    /// request each: most delivered messages are simply not read yet)
    #[arg(long)]
    pub include_delivered: bool,
    /// Requests to Meta per second at most (0.1 to 100)
    #[arg(long, value_name = "N", default_value_t = 10.0)]
    pub requests_per_second: f64,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The journal: a file (SQLite), or postgres://USER@HOST/DATABASE[#CAMPAIGN]
    #[arg(long, value_name = "FILE|URL", env = "WAMM_JOURNAL_URL")]
    pub journal: PathBuf,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
    /// Also write every recipient's outcome to FILE.csv or FILE.jsonl; `-` writes CSV to
    /// standard output instead of the report (`-.jsonl`: JSON Lines)
    #[arg(long, value_name = "FILE", allow_hyphen_values = true)]
    pub export: Option<PathBuf>,
    /// The webhook receiver's event store (`wamm webhook serve --store`): adds what happened
    /// after the send (delivered, read, failed and why)
    #[arg(long, value_name = "FILE|URL", env = "WAMM_EVENTS")]
    pub events: Option<PathBuf>,
    /// Put Meta's figures (template insights) for the campaign's template(s) and days beside
    /// the journal's funnel, with the difference; needs the account (--waba-id or
    /// $WHATSAPP_BUSINESS_ACCOUNT_ID) and the token
    #[arg(long)]
    pub insights: bool,
    #[command(flatten)]
    pub connection: ConnectionArgs,
    // --- issue 30: HTML report ---
    /// Also write the report as one self-contained HTML page to FILE: the funnel, sends (and
    /// with --events deliveries and reads) over time, failures by error code with what to do,
    /// per sending number and per variant, as charts and tables; it loads nothing from the
    /// network
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}
