//! Campaign pieces: the campaign file, placeholders, recipient lists, and the runner's retry
//! policy against a scripted server (for answers the sandbox does not give on demand).

mod common;

use std::io::Cursor;
use std::time::Duration;

use common::phone_list;
use marketing::campaign::{
    self, CampaignDefinition, MessagePattern, RecipientReader, Report, Row, RunOptions, RunSummary,
    State, StopSignal,
};
use marketing::{AccessToken, MarketingClient};
use proptest::prelude::*;
use serde_json::json;
use tokio::sync::watch;
use wamm_testkit::{Reply, ScriptedServer};

fn row(values: &[(&str, &str)]) -> Row {
    Row::new(
        2,
        values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

#[test]
fn placeholders_fill_text_and_convert_numbers_and_booleans() {
    let template = MessagePattern::compile(json!({
        "message_activity_sharing": "{{share}}",
        "bid_spec": {"per_message_bid_multiplier": "{{bid}}"},
        "template": {"components": [{"type": "body", "parameters": [
            {"type": "text", "text": "Hi {{name}}, {{name}}!"},
            {"type": "currency", "currency": {"fallback_value": "R$ {{price}}", "code": "BRL", "amount_1000": "{{price_1000}}"}}
        ]}]}
    }));
    // A row of Ana's, with these two cells.
    let render = |price_1000: &str, bid: &str| {
        template.render(&row(&[
            ("name", "Ana"),
            ("price", "9,90"),
            ("price_1000", price_1000),
            ("share", "yes"),
            ("bid", bid),
        ]))
    };
    let body = render("9900", "1.25").unwrap();
    assert_eq!(
        body["template"]["components"][0]["parameters"][0]["text"],
        "Hi Ana, Ana!"
    );
    assert_eq!(
        body["template"]["components"][0]["parameters"][1]["currency"]["amount_1000"],
        json!(9900)
    );
    assert_eq!(
        body["template"]["components"][0]["parameters"][1]["currency"]["fallback_value"],
        "R$ 9,90"
    );
    assert_eq!(body["message_activity_sharing"], json!(true));
    assert_eq!(body["bid_spec"]["per_message_bid_multiplier"], json!(1.25));

    let err = render("9.9", "1").unwrap_err();
    assert_eq!(
        err,
        "column `price_1000`: \"9.9\" is not a whole number (for `amount_1000`)"
    );
    let err = template.render(&row(&[("name", "Ana")])).unwrap_err();
    assert!(err.contains("is missing from this row"), "{err}");
}

#[test]
fn campaign_file_errors_name_the_file_and_the_field() {
    let err = CampaignDefinition::from_toml(
        "name = \"x\"\nmessages_per_second = \"fast\"\n[message]\n",
        "c.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("c.toml: ") && err.contains("line 2"),
        "{err}"
    );
    let err =
        CampaignDefinition::from_toml("name = \"x\"\n[message]\nto = \"447700900123\"\n", "c.toml")
            .unwrap_err()
            .to_string();
    assert!(
        err.contains("message.to") && err.contains("`phone` column"),
        "{err}"
    );
    let err = CampaignDefinition::from_toml("name = \"x\"\nconcurency = 3\n[message]\n", "c.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("concurency"), "{err}");
    // A sender pool: each number's ID as the API's path takes it, each listed once.
    let pool = |ids: &[&str]| {
        let senders: String = ids
            .iter()
            .map(|id| format!("[[senders]]\nphone_number_id = \"{id}\"\n"))
            .collect();
        CampaignDefinition::from_toml(
            &format!(
                "name = \"x\"\n{senders}[message.template]\nname = \"spring_sale\"\nlanguage = {{ code = \"en_US\" }}\n"
            ),
            "c.toml",
        )
    };
    assert!(pool(&["1001", "1002"]).is_ok());
    let err = pool(&["1001", "+1 555 0100"]).unwrap_err().to_string();
    assert!(err.contains("c.toml: senders[1].phone_number_id"), "{err}");
    let err = pool(&["1001", "1001"]).unwrap_err().to_string();
    assert!(
        err.contains("senders[1].phone_number_id") && err.contains("twice"),
        "{err}"
    );
}

#[test]
fn csv_rows_keep_their_line_numbers_and_bad_rows_do_not_stop_the_reader() {
    let csv = "phone,name\n447700900101,Ana\n447700900102\n\"447700900103\",\"Multi\nline\"\n447700900104,Dev\n";
    let mut reader =
        RecipientReader::from_csv(Cursor::new(csv.to_string()), csv.len() as u64).unwrap();
    let first = reader.next_row().unwrap().unwrap().unwrap();
    assert_eq!((first.line, first.get("name")), (2, Some("Ana")));
    let bad = reader.next_row().unwrap().unwrap().unwrap_err();
    assert_eq!(bad.line, 3);
    assert!(
        bad.reason.contains("1 fields, expected 2"),
        "{}",
        bad.reason
    );
    let multi = reader.next_row().unwrap().unwrap().unwrap();
    assert_eq!((multi.line, multi.get("name")), (4, Some("Multi\nline")));
    let last = reader.next_row().unwrap().unwrap().unwrap();
    assert_eq!(last.line, 6);
    assert!(reader.next_row().unwrap().is_none());
    assert_eq!(reader.position(), csv.len() as u64);
}

#[test]
fn jsonl_rows_accept_strings_numbers_and_booleans() {
    let jsonl = "{\"phone\": 447700900101, \"vip\": true}\n\nnot json\n[1]\n{\"phone\": \"447700900102\", \"tags\": [1]}\n";
    let mut reader =
        RecipientReader::from_jsonl(Cursor::new(jsonl.to_string()), jsonl.len() as u64);
    let first = reader.next_row().unwrap().unwrap().unwrap();
    assert_eq!(
        (first.get("phone"), first.get("vip")),
        (Some("447700900101"), Some("true"))
    );
    assert_eq!(reader.next_row().unwrap().unwrap().unwrap_err().line, 3);
    for (line, why) in [(4, "object"), (5, "`tags`")] {
        let bad = reader.next_row().unwrap().unwrap().unwrap_err();
        assert_eq!(bad.line, line);
        assert!(bad.reason.contains(why), "{}", bad.reason);
    }
    assert!(reader.next_row().unwrap().is_none());
}

/// Inputs shaped like recipient lists, with the things that break readers: invalid UTF-8,
/// quotes, blank and whitespace-only lines, CR, separators.
fn list_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"phone,name\n".to_vec()),
        Just(b"447700900101,Ana\n".to_vec()),
        Just(b"{\"phone\": \"447700900102\"}\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"   \r\n".to_vec()),
        Just(b"\xff\xfe\n".to_vec()),
        Just(b"\xc3".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",".to_vec()),
        Just("\u{a0}".as_bytes().to_vec()),
        Just(b"{\"phone\": 1, \"x\": [1]}".to_vec()),
        prop::collection::vec(any::<u8>(), 0..8),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

#[test]
fn a_bad_jsonl_line_never_takes_the_next_one_with_it() {
    let jsonl =
        b"{\"phone\": \"447700900101\"}\n{\"phone\": \"\xff\"}\n{\"phone\": \"447700900103\"}\n";
    let mut reader = RecipientReader::from_jsonl(Cursor::new(jsonl.to_vec()), jsonl.len() as u64);
    assert_eq!(reader.next_row().unwrap().unwrap().unwrap().line, 1);
    assert_eq!(reader.next_row().unwrap().unwrap().unwrap_err().line, 2);
    let third = reader.next_row().unwrap().unwrap().unwrap();
    assert_eq!((third.line, third.get("phone")), (3, Some("447700900103")));
    assert!(reader.next_row().unwrap().is_none());
}

#[test]
fn an_overlong_line_is_one_bad_row_or_an_error_never_memory() {
    let mut jsonl = b"{\"phone\": \"".to_vec();
    jsonl.extend(std::iter::repeat_n(b'1', campaign::MAX_LINE + 10));
    jsonl.extend(b"\"}\n{\"phone\": \"447700900103\"}\n");
    let mut reader = RecipientReader::from_jsonl(Cursor::new(jsonl.clone()), jsonl.len() as u64);
    let bad = reader.next_row().unwrap().unwrap().unwrap_err();
    assert!(bad.reason.contains("longer than"), "{}", bad.reason);
    assert_eq!(reader.next_row().unwrap().unwrap().unwrap().line, 2);

    let mut csv = b"phone,name\n447700900101,".to_vec();
    csv.extend(std::iter::repeat_n(b'x', campaign::MAX_LINE + 10));
    let mut reader = RecipientReader::from_csv(Cursor::new(csv.clone()), csv.len() as u64).unwrap();
    let error = reader.next_row().unwrap_err();
    assert!(error.to_string().contains("longer than"), "{error}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every line of any input is accounted for, by line number, and the pre-count agrees:
    /// the same check the `recipients` fuzz target makes, bounded for `cargo test`.
    #[test]
    fn recipient_readers_account_for_every_line(bytes in list_bytes()) {
        prop_assert_eq!(campaign::audit_reader(&bytes, true), Ok(()));
        prop_assert_eq!(campaign::audit_reader(&bytes, false), Ok(()));
    }

    #[test]
    fn recipient_readers_account_for_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        prop_assert_eq!(campaign::audit_reader(&bytes, true), Ok(()));
        prop_assert_eq!(campaign::audit_reader(&bytes, false), Ok(()));
    }

    #[test]
    fn campaign_files_never_panic(text in "\\PC{0,300}") {
        let _ = CampaignDefinition::from_toml(&text, "fuzz.toml");
        let _ = CampaignDefinition::from_json(&text, "fuzz.json");
    }

    #[test]
    fn placeholder_paths_never_panic(path in "[a-z.\\[\\]0-9]{0,30}") {
        let template = MessagePattern::compile(json!({"template": {"name": "{{n}}"}}));
        let _ = template.has_placeholder_at(&path);
    }

    /// A campaign fills one body row after row; every row must come out as if the template
    /// were copied for it alone, including after a row that failed part-way through.
    #[test]
    fn one_body_filled_row_after_row_is_each_row_rendered_afresh(
        rows in proptest::collection::vec(("[a-zA-Z ]{0,8}", "(-?[0-9]{1,4}|x)"), 1..8)
    ) {
        let template = MessagePattern::compile(json!({"template": {"components": [{"type": "body", "parameters": [
            {"type": "text", "text": "Hi {{name}}"},
            {"type": "currency", "currency": {"fallback_value": "{{name}}", "code": "USD", "amount_1000": "{{n}}"}}
        ]}]}}));
        let mut filled = template.unfilled();
        for (name, n) in rows {
            let row = Row::new(1, vec![("name".into(), name), ("n".into(), n)]);
            let fresh = template.render(&row);
            let into = template.fill(&row, &mut filled);
            prop_assert_eq!(fresh.is_ok(), into.is_ok());
            if let Ok(fresh) = fresh {
                prop_assert_eq!(&filled, &fresh);
            }
        }
    }

    #[test]
    fn placeholders_never_panic(text in "[a-z{} ]{0,40}", value in "\\PC{0,20}") {
        let template = MessagePattern::compile(json!({"a": text, "amount_1000": text}));
        let columns: Vec<String> = template.columns().map(str::to_string).collect();
        let values: Vec<(String, String)> = columns.into_iter().map(|c| (c, value.clone())).collect();
        let _ = template.render(&Row::new(1, values));
    }
}

/// 131056 defers only that recipient; the others go on and everyone ends sent.
#[tokio::test]
async fn the_pair_limit_defers_only_that_recipient() {
    let server = ScriptedServer::start(vec![
        Reply::accepted("wamid.1"),
        Reply::graph_error(400, 131056),
        Reply::accepted("wamid.3"),
        Reply::accepted("wamid.2-again"),
    ])
    .await;
    let dir = tempfile::tempdir().unwrap();
    let recipients = dir.path().join("r.csv");
    std::fs::write(
        &recipients,
        "phone\n447700900101\n447700900102\n447700900103\n",
    )
    .unwrap();
    let definition = spring_sale_campaign(
        "name = \"pair\"\nmessages_per_second = 0\nconcurrency = 1\n[retry]\npair_delay_ms = 200\n",
    );
    let journal = dir.path().join("j.sqlite");
    let summary = run_to_end(&server, definition, &recipients, &journal).await;
    assert!(summary.is_complete());
    assert_eq!(summary.progress.sent, 3);
    let report = Report::load(&journal).unwrap();
    assert_eq!(report.count(State::Sent), 3);
    // The deferred recipient was sent last, after the others.
    let bodies: Vec<String> = server
        .requests()
        .iter()
        .map(|r| {
            serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["to"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        bodies,
        [
            "447700900101",
            "447700900102",
            "447700900103",
            "447700900102"
        ]
    );
    let mut rows = Vec::new();
    campaign::Journal::open(&journal)
        .unwrap()
        .for_each_row(|r| {
            rows.push(r);
            Ok(())
        })
        .unwrap();
    assert_eq!(rows[1].wamid.as_deref(), Some("wamid.2-again"));
    assert_eq!(rows[1].attempts, 2);
}

/// A stop request ends the run with nobody lost: unsent rows stay pending for `resume`.
#[tokio::test]
async fn a_stopped_run_leaves_unsent_rows_pending_and_resume_finishes() {
    let server = ScriptedServer::start(vec![Reply::accepted("wamid.x")]).await;
    let dir = tempfile::tempdir().unwrap();
    let recipients = phone_list(dir.path(), 200);
    let definition =
        spring_sale_campaign("name = \"stop\"\nmessages_per_second = 100\nconcurrency = 4\n");
    let journal = dir.path().join("j.sqlite");
    let stop = StopSignal::new();
    let stopper = stop.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        stopper.stop();
    });
    let summary = run_until(&server, definition, &recipients, &journal, stop).await;
    assert!(!summary.is_complete());
    let report = Report::load(&journal).unwrap();
    assert_eq!(report.count(State::InFlight), 0);
    assert_eq!(report.count(State::Unknown), 0);
    let sent_first = report.count(State::Sent);
    assert!(sent_first > 0 && sent_first < 200, "{sent_first}");

    let (tx, _rx) = watch::channel(Default::default());
    let summary = campaign::resume(
        client_for(&server),
        &journal,
        RunOptions::default(),
        StopSignal::new(),
        tx,
    )
    .await
    .unwrap();
    assert!(summary.is_complete());
    assert_eq!(Report::load(&journal).unwrap().count(State::Sent), 200);
    assert_eq!(server.requests().len(), 200, "nobody sent twice");
}

/// A campaign file of `settings` (its name and the top-level keys and tables) that sends the
/// template spring_sale in en_US.
fn spring_sale_campaign(settings: &str) -> CampaignDefinition {
    CampaignDefinition::from_toml(
        &format!(
            "{settings}[message.template]\nname = \"spring_sale\"\nlanguage = {{ code = \"en_US\" }}\n"
        ),
        "campaign.toml",
    )
    .unwrap()
}

/// A client of `server`.
fn client_for(server: &ScriptedServer) -> MarketingClient {
    MarketingClient::builder("106540352242922", AccessToken::new("t"))
        .base_url(server.base_url())
        .build()
        .unwrap()
}

/// [`run_until`] with no stop request.
async fn run_to_end(
    server: &ScriptedServer,
    definition: CampaignDefinition,
    recipients: &std::path::Path,
    journal: &std::path::Path,
) -> RunSummary {
    run_until(server, definition, recipients, journal, StopSignal::new()).await
}

/// Runs `definition` over `recipients` against `server`, with the default options, journalled
/// at `journal`, until it ends or `stop` is requested.
async fn run_until(
    server: &ScriptedServer,
    definition: CampaignDefinition,
    recipients: &std::path::Path,
    journal: &std::path::Path,
    stop: StopSignal,
) -> RunSummary {
    let (tx, _rx) = watch::channel(Default::default());
    campaign::run(
        client_for(server),
        definition,
        recipients,
        journal,
        RunOptions::default(),
        stop,
        tx,
    )
    .await
    .unwrap()
}

/// Runs a campaign of 20 rows (unpaced, one connection, no halt on repeated refusals) against
/// a server that answers with `replies`; returns the server, the run's summary and the report
/// of its journal.
async fn run_codes_campaign(replies: Vec<Reply>) -> (ScriptedServer, RunSummary, Report) {
    let server = ScriptedServer::start(replies).await;
    let dir = tempfile::tempdir().unwrap();
    let recipients = phone_list(dir.path(), 20);
    let definition = spring_sale_campaign(
        "name = \"codes\"\nmessages_per_second = 0\nconcurrency = 1\n[halt]\nsame_refusal = 0\n",
    );
    let journal = dir.path().join("j.sqlite");
    let summary = run_to_end(&server, definition, &recipients, &journal).await;
    let report = Report::load(&journal).unwrap();
    (server, summary, report)
}

/// The codes that used to fall through to "server" (and become unknown without stopping) stop
/// the run with everyone still pending; 134102 does so although Meta sends it as HTTP 500.
#[tokio::test]
async fn run_wide_codes_stop_the_run_with_everyone_pending() {
    for (status, code) in [
        (403, 3),
        (401, 104),
        (403, 131005),
        (400, 131042),
        (400, 133010),
        (400, 131057),
        (500, 134102),
    ] {
        let (server, summary, report) =
            run_codes_campaign(vec![Reply::graph_error(status, code)]).await;
        let stopped = summary.stopped.expect("stopped");
        assert_eq!(stopped.code, Some(code));
        assert_eq!(
            server.requests().len(),
            1,
            "code {code}: nothing more was sent"
        );
        assert_eq!(report.count(State::Pending), 20, "code {code}: {report:?}");
        assert_eq!(report.count(State::Unknown), 0, "code {code}");
    }
}

/// 131064 (the messaging limit lowered after template classification violations) stops the
/// run like the codes above, but the row that met it ends `failed`, explained, not pending.
#[tokio::test]
async fn code_131064_fails_its_row_with_the_explanation_and_stops_the_run() {
    let (server, summary, report) = run_codes_campaign(vec![Reply::graph_error(400, 131064)]).await;
    assert_eq!(summary.stopped.expect("stopped").code, Some(131064));
    assert_eq!(server.requests().len(), 1);
    assert_eq!(report.count(State::Failed), 1, "{report:?}");
    assert_eq!(report.count(State::Pending), 19, "{report:?}");
    assert_eq!(report.count(State::Unknown), 0);
    let failed = report.errors.iter().find(|e| e.code == Some(131064));
    assert_eq!(
        failed.map(|e| e.state.as_str()),
        Some("failed"),
        "{report:?}"
    );
}

/// Refusals for one recipient are recorded as failed (not unknown) and the run goes on.
#[tokio::test]
async fn recipient_refusals_are_failed_not_unknown_and_the_run_goes_on() {
    for code in [131047, 130472, 131021, 131026] {
        let (_, summary, report) = run_codes_campaign(vec![
            Reply::graph_error(400, code),
            Reply::accepted("wamid.ok"),
        ])
        .await;
        assert!(summary.is_complete(), "code {code}: {:?}", summary.stopped);
        assert_eq!(report.count(State::Failed), 1, "code {code}");
        assert_eq!(report.count(State::Sent), 19, "code {code}");
        assert_eq!(report.count(State::Unknown), 0, "code {code}");
    }
}
