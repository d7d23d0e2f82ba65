//! The journal suite: the same behaviour asked of both stores, the SQLite file and a campaign
//! in a real PostgreSQL server (started for the test, see `wamm_testkit::postgres`).

use std::path::{Path, PathBuf};

use marketing::campaign::{
    Candidate, Journal, JournalMeta, LoadRow, Op, Reservation, RowRecord, State, TemplateVersion,
    Workers,
};

/// Where each store's journal for one test lives.
enum Store {
    Sqlite(tempfile::TempDir),
    Postgres(String),
}

impl Store {
    fn location(&self) -> PathBuf {
        match self {
            Store::Sqlite(dir) => dir.path().join("spring.journal"),
            Store::Postgres(url) => PathBuf::from(url),
        }
    }
}

/// Runs `test` on a new campaign "spring" (see [`meta`]) and where it is, in SQLite, then in
/// PostgreSQL (skipped, with a message, only when PostgreSQL is not installed).
fn on_both_stores(name: &str, test: impl Fn(&Path, Journal)) {
    let in_store = |store: Store| {
        let location = store.location();
        test(
            &location,
            Journal::create(&location, &meta("spring")).unwrap(),
        );
    };
    in_store(Store::Sqlite(tempfile::tempdir().unwrap()));
    if let Some(url) = wamm_testkit::postgres::database(name) {
        in_store(Store::Postgres(url));
    }
}

fn meta(name: &str) -> JournalMeta {
    JournalMeta {
        definition: serde_json::json!({ "name": name, "messages_per_second": 10 }).to_string(),
        recipients_path: "/lists/spring.csv".into(),
        recipients_fingerprint: "sha256:00".into(),
        recipients_rows: Some(6),
        campaign_path: Some("/campaigns/spring.toml".into()),
        created_ms: 1_700_000_000_000,
    }
}

fn candidate(line: u64, key: &str) -> Candidate {
    Candidate {
        line,
        key: key.into(),
    }
}

/// A row sent with this message ID, `message_status` and sending number.
fn sent(line: u64, wamid: &str, status: Option<&str>, from: Option<&str>) -> Op {
    Op::Sent {
        line,
        wamid: wamid.into(),
        status: status.map(Into::into),
        from: from.map(Into::into),
    }
}

/// A row back to pending after `attempts`.
fn pending(line: u64, attempts: u32) -> Op {
    Op::Pending { line, attempts }
}

/// A list row ready to send to `key`, with its fields as JSON.
fn pending_row(line: u64, key: &str, fields: &str) -> LoadRow {
    LoadRow::Pending {
        line,
        key: key.into(),
        fields: fields.into(),
        timezone: None,
    }
}

/// Every row of `journal`, in line order.
fn rows_of(journal: &Journal) -> Vec<RowRecord> {
    let mut rows = Vec::new();
    journal
        .for_each_row(|row| {
            rows.push(row);
            Ok(())
        })
        .unwrap();
    rows
}

fn state_of(journal: &Journal, line: u64) -> Option<State> {
    journal
        .states_between(line, line)
        .unwrap()
        .first()
        .map(|(_, s)| *s)
}

#[test]
fn a_journal_keeps_its_campaign_and_refuses_a_second_creation() {
    on_both_stores("journal: creation", |location, journal| {
        assert_eq!(journal.meta().unwrap(), meta("spring"));
        assert_eq!(journal.revision(), 1);
        drop(journal);
        let again = Journal::create(location, &meta("spring"))
            .unwrap_err()
            .to_string();
        assert!(again.contains("resume"), "{again}");
        let reopened = Journal::open(location).unwrap();
        assert_eq!(reopened.meta().unwrap().recipients_rows, Some(6));
    });
}

#[test]
fn reservations_outcomes_and_duplicates_are_recorded_in_one_commit() {
    on_both_stores("journal: commit", |_, mut journal| {
        let reserved = journal
            .commit(
                &[Op::Invalid {
                    line: 1,
                    reason: "bad phone".into(),
                }],
                &[
                    candidate(2, "447700900001"),
                    candidate(3, "447700900002"),
                    // The same recipient as line 2, in the same batch.
                    candidate(4, "447700900001"),
                ],
            )
            .unwrap();
        assert_eq!(
            reserved,
            vec![
                Reservation::Send { attempts: 0 },
                Reservation::Send { attempts: 0 },
                Reservation::Duplicate
            ]
        );
        assert_eq!(state_of(&journal, 2), Some(State::InFlight));

        // Outcomes; a retryable refusal puts line 3 back to pending, and the same recipient on
        // a later line in a later batch is a duplicate too.
        let reserved = journal
            .commit(
                &[
                    sent(2, "wamid.A", Some("accepted"), Some("106540352242922")),
                    pending(3, 1),
                ],
                &[candidate(5, "447700900002"), candidate(6, "447700900006")],
            )
            .unwrap();
        assert_eq!(
            reserved,
            vec![Reservation::Duplicate, Reservation::Send { attempts: 0 }]
        );
        // A pending row is reserved again with its attempts; a final row is done.
        let reserved = journal
            .commit(
                &[],
                &[candidate(3, "447700900002"), candidate(2, "447700900001")],
            )
            .unwrap();
        assert_eq!(
            reserved,
            vec![Reservation::Send { attempts: 1 }, Reservation::Done]
        );
        journal
            .commit(
                &[
                    Op::Failed {
                        line: 3,
                        code: Some(131026),
                        reason: "undeliverable".into(),
                    },
                    Op::Unknown {
                        line: 6,
                        code: None,
                        reason: "timed out".into(),
                    },
                ],
                &[],
            )
            .unwrap();

        let rows = rows_of(&journal);
        let summary: Vec<(u64, State, u32, Option<&str>)> = rows
            .iter()
            .map(|r| (r.line, r.state, r.attempts, r.reason.as_deref()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (1, State::Invalid, 0, Some("bad phone")),
                (2, State::Sent, 1, None),
                (3, State::Failed, 2, Some("undeliverable")),
                (4, State::Skipped, 0, Some("duplicate of line 2")),
                (5, State::Skipped, 0, Some("duplicate of line 3")),
                (6, State::Unknown, 1, Some("timed out")),
            ]
        );
        assert_eq!(rows[1].wamid.as_deref(), Some("wamid.A"));
        assert_eq!(rows[1].message_status.as_deref(), Some("accepted"));
        assert_eq!(rows[1].revision, Some(1));
        assert_eq!(rows[2].error_code, Some(131026));
        assert_eq!(journal.final_rows().unwrap(), 6);
        assert!(journal.is_complete(6, false).unwrap());
        assert!(!journal.is_complete(6, true).unwrap(), "unknown is open");
        assert!(
            !journal.is_complete(7, false).unwrap(),
            "a row not read yet"
        );
        let mut counts = journal.tally().unwrap().counts();
        counts.sort();
        assert_eq!(
            counts,
            vec![
                (State::Sent, 1),
                (State::Failed, 1),
                (State::Unknown, 1),
                (State::Invalid, 1),
                (State::Skipped, 2),
            ]
        );
        assert_eq!(
            journal.tally().unwrap().statuses(),
            vec![("accepted".into(), 1)]
        );
        // The number it was sent from is kept with it.
        assert_eq!(
            journal.tally().unwrap().sent_from(),
            vec![("106540352242922".into(), 1)]
        );
        let mut codes = journal.tally().unwrap().error_codes();
        codes.sort();
        assert_eq!(
            codes,
            vec![
                (None, "unknown".into(), 1),
                (Some(131026), "failed".into(), 1)
            ]
        );
        assert_eq!(journal.tally().unwrap().sent_by_revision(), vec![(1, 1)]);
    });
}

#[test]
fn a_large_batch_with_collisions_reserves_every_row_by_itself() {
    // The SQLite journal inserts new rows many at a time; a collision anywhere in such a
    // statement must cost no other row its reservation.
    on_both_stores("journal: large batch", |_, mut journal| {
        let key = |line: u64| format!("4477009{line:05}");
        let first: Vec<Candidate> = (1..=3).map(|line| candidate(line, &key(line))).collect();
        journal.commit(&[], &first).unwrap();
        journal
            .commit(
                &[
                    pending(1, 1),
                    sent(2, "wamid.2", Some("accepted"), Some("111")),
                    sent(3, "wamid.3", None, Some("222")),
                ],
                &[],
            )
            .unwrap();
        // 70 candidates: lines 1 (pending), 2 (sent) and 10..=77, where line 40 is line 3's
        // recipient again and line 70 is line 11's.
        let mut batch = vec![candidate(1, &key(1)), candidate(2, &key(2))];
        batch.extend((10..=77).map(|line| {
            let same = match line {
                40 => 3,
                70 => 11,
                _ => line,
            };
            candidate(line, &key(same))
        }));
        let reserved = journal.commit(&[], &batch).unwrap();
        assert_eq!(reserved.len(), 70);
        for (candidate, reservation) in batch.iter().zip(&reserved) {
            let expected = match candidate.line {
                1 => Reservation::Send { attempts: 1 },
                2 => Reservation::Done,
                40 | 70 => Reservation::Duplicate,
                _ => Reservation::Send { attempts: 0 },
            };
            assert_eq!(*reservation, expected, "line {}", candidate.line);
            let state = match expected {
                Reservation::Send { .. } => State::InFlight,
                Reservation::Done => State::Sent,
                Reservation::Duplicate => State::Skipped,
            };
            assert_eq!(state_of(&journal, candidate.line), Some(state));
        }
        // Each sent row keeps its own status and number.
        let tally = journal.tally().unwrap();
        let mut statuses = tally.statuses();
        statuses.sort();
        assert_eq!(statuses, vec![("(none)".into(), 1), ("accepted".into(), 1)]);
        let mut from = tally.sent_from();
        from.sort();
        assert_eq!(from, vec![("111".into(), 1), ("222".into(), 1)]);
    });
}

#[test]
fn an_outcome_for_a_row_never_reserved_is_written_whole() {
    on_both_stores("journal: outcome without reservation", |_, mut journal| {
        journal
            .commit(
                &[
                    sent(7, "wamid.7", Some("accepted"), None),
                    Op::Unknown {
                        line: 8,
                        code: Some(131000),
                        reason: "timed out".into(),
                    },
                ],
                &[],
            )
            .unwrap();
        let rows = rows_of(&journal);
        let summary: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.line,
                    r.state,
                    r.attempts,
                    r.wamid.as_deref(),
                    r.error_code,
                    r.reason.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (7, State::Sent, 1, Some("wamid.7"), None, None),
                (8, State::Unknown, 1, None, Some(131000), Some("timed out")),
            ]
        );
    });
}

#[test]
fn later_ops_on_a_line_win_within_one_commit() {
    on_both_stores("journal: op order", |_, mut journal| {
        journal
            .commit(&[], &[candidate(1, "447700900001")])
            .unwrap();
        journal
            .commit(&[pending(1, 1), sent(1, "wamid.B", None, None)], &[])
            .unwrap();
        assert_eq!(state_of(&journal, 1), Some(State::Sent));
    });
}

#[test]
fn rows_in_flight_after_a_crash_become_unknown_or_pending_on_request() {
    on_both_stores("journal: recovery", |location, mut journal| {
        journal
            .commit(
                &[],
                &[candidate(1, "447700900001"), candidate(2, "447700900002")],
            )
            .unwrap();
        // The process dies: nothing more is written.
        drop(journal);
        let mut journal = Journal::open(location).unwrap();
        assert_eq!(journal.recover_in_flight(false).unwrap(), 2);
        assert_eq!(state_of(&journal, 1), Some(State::Unknown));
        assert_eq!(journal.recover_in_flight(false).unwrap(), 0);
        // Only on request are they sent again.
        assert_eq!(journal.recover_in_flight(true).unwrap(), 2);
        assert_eq!(state_of(&journal, 2), Some(State::Pending));
        assert_eq!(
            journal
                .commit(&[], &[candidate(2, "447700900002")])
                .unwrap(),
            vec![Reservation::Send { attempts: 0 }]
        );
    });
}

/// SQLite: one process writes a journal at a time (PostgreSQL campaigns have workers instead,
/// below).
#[test]
fn one_writer_at_a_time_and_readers_while_it_works() {
    let dir = tempfile::tempdir().unwrap();
    let location = dir.path().join("spring.journal");
    let first = Journal::create(&location, &meta("spring")).unwrap();
    let second = Journal::open(&location).unwrap_err().to_string();
    assert!(
        second.contains("in use by another wamm process"),
        "{second}"
    );
    let reader = Journal::open_read_only(&location).unwrap();
    assert_eq!(reader.revision(), 1);
    drop(first);
    Journal::open(&location).unwrap();
}

fn loaded_list(journal: &mut Journal, rows: u64) {
    let load: Vec<LoadRow> = (1..=rows)
        .map(|line| {
            let phone = format!("4477009{line:05}");
            pending_row(line, &phone, &format!(r#"[["phone","{phone}"]]"#))
        })
        .collect();
    journal.w().load(&load, rows, true).unwrap();
}

/// The lines `journal` claims, asking for `n`.
fn claimed_lines(journal: &mut Journal, n: usize) -> Vec<u64> {
    journal
        .w()
        .claim(&[], n)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.line)
        .collect()
}

/// An error with its causes, as the CLI prints it.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(&format!(": {inner}"));
        cause = inner.source();
    }
    text
}

/// A PostgreSQL journal, checked to be one (it has workers).
fn postgres(mut journal: Journal) -> Journal {
    assert!(journal.workers().is_some(), "not a PostgreSQL journal");
    journal
}

/// The campaign "spring" created in a new database for `test`, and where it is; `None` when
/// PostgreSQL is not installed.
fn postgres_campaign(test: &str) -> Option<(PathBuf, Journal)> {
    let location = PathBuf::from(wamm_testkit::postgres::database(test)?);
    let journal = postgres(Journal::create(&location, &meta("spring")).unwrap());
    Some((location, journal))
}

/// [`postgres_campaign`] with a list of `rows` recipients loaded, all of it.
fn loaded_campaign(test: &str, rows: u64) -> Option<(PathBuf, Journal)> {
    let (location, mut journal) = postgres_campaign(test)?;
    loaded_list(&mut journal, rows);
    Some((location, journal))
}

/// Another process's view of the campaign at `location`: opened, and joined as a worker.
fn joined_worker(location: &Path) -> Journal {
    let mut journal = postgres(Journal::open(location).unwrap());
    journal.w().join().unwrap();
    journal
}

/// The lines `journal`'s worker claims, up to `n`, recording `ops` in the same transaction.
fn claimed(journal: &mut Journal, ops: &[Op], n: usize) -> Vec<u64> {
    journal
        .w()
        .claim(ops, n)
        .unwrap()
        .rows
        .iter()
        .map(|r| r.line)
        .collect()
}

/// The workers' operations of a PostgreSQL journal.
trait Shared {
    fn w(&mut self) -> &mut dyn Workers;
}

impl Shared for Journal {
    fn w(&mut self) -> &mut dyn Workers {
        self.workers().expect("a PostgreSQL journal has workers")
    }
}

/// PostgreSQL: workers claim disjoint rows, concurrently, and every row exactly once.
#[test]
fn workers_never_claim_the_same_row() {
    let Some((location, first)) = loaded_campaign("journal: workers claim", 2000) else {
        return;
    };
    drop(first);
    let claimed: Vec<Vec<u64>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let location = location.clone();
                scope.spawn(move || {
                    let mut journal = joined_worker(&location);
                    let mut mine = Vec::new();
                    loop {
                        let claim = journal.w().claim(&[], 37).unwrap();
                        if claim.rows.is_empty() {
                            assert!(claim.loaded);
                            break;
                        }
                        let ops: Vec<Op> = claim
                            .rows
                            .iter()
                            .map(|r| sent(r.line, &format!("wamid.{}", r.line), None, None))
                            .collect();
                        mine.extend(claim.rows.iter().map(|r| r.line));
                        journal.commit(&ops, &[]).unwrap();
                    }
                    journal.w().leave("complete").unwrap();
                    mine
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let mut all: Vec<u64> = claimed.iter().flatten().copied().collect();
    all.sort();
    assert_eq!(all, (1..=2000).collect::<Vec<_>>(), "each row claimed once");
    assert!(
        claimed.iter().filter(|c| !c.is_empty()).count() > 1,
        "the work was shared"
    );
    let journal = Journal::open_read_only(&location).unwrap();
    assert_eq!(journal.tally().unwrap().counts(), vec![(State::Sent, 2000)]);
}

/// PostgreSQL: a worker whose connection ends (a killed process) is seen dead at once: its
/// rows in flight become unknown, never pending; a live worker's rows are left to it.
#[test]
fn a_dead_workers_rows_become_unknown_and_a_live_ones_do_not() {
    let Some((location, mut live)) = loaded_campaign("journal: dead worker", 10) else {
        return;
    };
    live.w().join().unwrap();
    let mine = claimed_lines(&mut live, 3);
    assert_eq!(mine, vec![1, 2, 3]);

    let mut doomed = joined_worker(&location);
    let theirs = claimed_lines(&mut doomed, 4);
    assert_eq!(theirs, vec![4, 5, 6, 7]);
    assert_eq!(live.w().live_workers().unwrap().len(), 2);
    drop(doomed); // its connection closes, as a killed process's would

    let mut next = joined_worker(&location);
    assert_eq!(next.recover_in_flight(false).unwrap(), 4);
    let journal = Journal::open_read_only(&location).unwrap();
    let states: Vec<(u64, State)> = journal.states_between(1, 10).unwrap();
    for (line, state) in states {
        let expected = match line {
            1..=3 => State::InFlight,
            4..=7 => State::Unknown,
            _ => State::Pending,
        };
        assert_eq!(state, expected, "line {line}");
    }
    // The unknown rows are never claimed again; the rest are.
    let rest = claimed_lines(&mut next, 10);
    assert_eq!(rest, vec![8, 9, 10]);
    assert_eq!(live.w().live_workers().unwrap().len(), 2);
}

/// PostgreSQL: a worker that is joining is never taken for dead by one recovering the dead
/// at that moment. Its row and the lock that shows it alive appear together; when the row
/// came first, a recovery between the two ended the new worker, and its first claim found its
/// lease lost (a CI run saw a worker stop that way 35 ms after it started).
#[test]
fn a_joining_worker_is_never_taken_for_dead() {
    let Some((location, mut first)) = loaded_campaign("journal: joining worker", 10) else {
        return;
    };
    first.w().join().unwrap();
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = AtomicBool::new(false);
    let taken_for_dead = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                assert!(
                    first.w().heartbeat().unwrap(),
                    "the recovering worker is alive"
                );
            }
        });
        let mut taken_for_dead = 0;
        for _ in 0..100 {
            let mut joining = joined_worker(&location);
            if joining.w().claim(&[], 1).unwrap().lease_lost {
                taken_for_dead += 1;
            }
            joining.w().leave("complete").unwrap();
        }
        stop.store(true, Ordering::Relaxed);
        taken_for_dead
    });
    assert_eq!(
        taken_for_dead, 0,
        "workers that had just joined were taken for dead"
    );
}

/// PostgreSQL: loading is idempotent, keeps the first of two rows for one recipient, and
/// records unusable rows.
#[test]
fn a_list_loads_once_with_duplicates_skipped() {
    let Some((_, mut journal)) = postgres_campaign("journal: load") else {
        return;
    };
    let rows = vec![
        pending_row(2, "447700900001", "[]"),
        LoadRow::Invalid {
            line: 3,
            reason: "column `phone` is missing or empty".into(),
        },
        pending_row(4, "447700900001", "[]"),
    ];
    journal.w().load(&rows, 4, false).unwrap();
    assert_eq!(journal.w().loaded().unwrap(), (4, false));
    // A loader killed after its commit loads the same rows again: nothing changes.
    journal.w().load(&rows, 4, true).unwrap();
    assert_eq!(journal.w().loaded().unwrap(), (4, true));
    let rows: Vec<_> = rows_of(&journal)
        .into_iter()
        .map(|r| (r.line, r.state, r.reason))
        .collect();
    assert_eq!(
        rows,
        vec![
            (2, State::Pending, None),
            (
                3,
                State::Invalid,
                Some("column `phone` is missing or empty".into())
            ),
            (4, State::Skipped, Some("duplicate of line 2".into())),
        ]
    );
}

#[test]
fn runs_revisions_and_reopened_rows_are_kept() {
    on_both_stores("journal: runs and revisions", |_, mut journal| {
        let run = journal
            .start_run(Some(r#"{"name":"spring_sale"}"#))
            .unwrap();
        journal
            .commit(&[], &[candidate(1, "447700900001")])
            .unwrap();
        journal
            .commit(&[sent(1, "wamid.C", None, None)], &[])
            .unwrap();
        journal.finish_run(run, 1, "complete").unwrap();
        let runs = journal.runs().unwrap();
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].sent, 1);
        assert_eq!(runs[0].outcome.as_deref(), Some("complete"));
        assert_eq!(
            runs[0].template.as_ref().and_then(|t| t["name"].as_str()),
            Some("spring_sale")
        );

        let definition = serde_json::json!({ "name": "spring", "messages_per_second": 5 });
        assert_eq!(
            journal
                .add_revision(&definition.to_string(), Some("/campaigns/v2.toml"))
                .unwrap(),
            2
        );
        let revisions = journal.revisions().unwrap();
        assert_eq!(revisions.len(), 2);
        assert_eq!(revisions[1].source.as_deref(), Some("/campaigns/v2.toml"));
        assert_eq!(journal.meta().unwrap().definition, definition.to_string());

        // Reopened only with the wamid it was sent with.
        let wrong = vec![(1, "wamid.X".to_string(), "undelivered".to_string())];
        assert_eq!(journal.reopen_sent(&wrong).unwrap(), 0);
        let right = vec![(1, "wamid.C".to_string(), "undelivered".to_string())];
        assert_eq!(journal.reopen_sent(&right).unwrap(), 1);
        assert_eq!(state_of(&journal, 1), Some(State::Pending));
        journal
            .set_recipients("/lists/moved.csv", "sha256:11", 9)
            .unwrap();
        let meta = journal.meta().unwrap();
        assert_eq!(
            (meta.recipients_path.as_str(), meta.recipients_rows),
            ("/lists/moved.csv", Some(9))
        );
    });
}

/// PostgreSQL only: many campaigns share one database, each found by its name.
#[test]
fn a_database_holds_many_campaigns_found_by_name() {
    let Some(url) = wamm_testkit::postgres::database("journal: many campaigns") else {
        return;
    };
    let base = PathBuf::from(&url);
    let spring = Journal::create(&base, &meta("spring")).unwrap();
    drop(spring);
    // The only campaign is found without a name.
    assert_eq!(Journal::open_read_only(&base).unwrap().revision(), 1);
    let summer = Journal::create(&base, &meta("summer")).unwrap();
    drop(summer);
    let ambiguous = Journal::open_read_only(&base).unwrap_err().to_string();
    assert!(ambiguous.contains("spring, summer"), "{ambiguous}");
    let named = PathBuf::from(format!("{url}#summer"));
    let mut summer = Journal::open(&named).unwrap();
    summer.commit(&[], &[candidate(1, "447700900001")]).unwrap();
    // The same recipient in another campaign is not a duplicate.
    let mut spring = Journal::open(&PathBuf::from(format!("{url}#spring"))).unwrap();
    assert_eq!(
        spring.commit(&[], &[candidate(1, "447700900001")]).unwrap(),
        vec![Reservation::Send { attempts: 0 }]
    );
    let missing = Journal::open(&PathBuf::from(format!("{url}#autumn")))
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("no campaign named \"autumn\""),
        "{missing}"
    );
    // A name after # that disagrees with the campaign file's is refused.
    let clash = Journal::create(&PathBuf::from(format!("{url}#winter")), &meta("autumn"))
        .unwrap_err()
        .to_string();
    assert!(clash.contains("make them agree"), "{clash}");
}

/// PostgreSQL only: a password in the URL appears in no message.
#[test]
fn a_password_in_the_url_is_never_printed() {
    let Some(url) = wamm_testkit::postgres::database("journal: password") else {
        return;
    };
    let with_password = url.replacen("postgres://wamm@", "postgres://wamm:hunter2@", 1);
    let journal = Journal::create(Path::new(&with_password), &meta("spring")).unwrap();
    assert!(!format!("{journal:?}").contains("hunter2"));
    let error = Journal::create(Path::new(&with_password), &meta("spring"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("already holds"), "{error}");
    assert!(!error.contains("hunter2"), "{error}");
    let unreachable = with_password.replacen("127.0.0.1:", "127.0.0.1:1", 1);
    let error = Journal::open(Path::new(&unreachable)).unwrap_err();
    for shown in [chain(&error), format!("{error:?}")] {
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}

/// PostgreSQL only: the blocking client runs on a thread of its own, so the journal may be
/// opened, used and dropped on a thread that drives async tasks (as `wamm campaign` does).
#[test]
fn a_postgres_journal_is_used_and_dropped_on_an_async_thread() {
    let Some(url) = wamm_testkit::postgres::database("journal: async thread") else {
        return;
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async move { used_and_dropped(&url) });
}

fn used_and_dropped(url: &str) {
    let mut journal = Journal::create(Path::new(&url), &meta("spring")).unwrap();
    assert_eq!(
        journal
            .commit(&[], &[candidate(1, "447700900001")])
            .unwrap(),
        vec![Reservation::Send { attempts: 0 }]
    );
    drop(journal);
    let journal = Journal::open_read_only(Path::new(&url)).unwrap();
    assert_eq!(rows_of(&journal).len(), 1);
}

/// PostgreSQL: a claim says whether a live process is still loading the list, so that workers
/// do not wait for a loader that was killed.
#[test]
fn a_claim_tells_whether_anyone_still_loads_the_list() {
    let Some((location, mut loader)) = postgres_campaign("journal: loader gone") else {
        return;
    };
    // From the moment the campaign exists, its creator counts as loading it.
    let mut early = joined_worker(&location);
    let claim = early.w().claim(&[], 10).unwrap();
    assert!(
        claim.rows.is_empty() && !claim.loaded && claim.loading,
        "{claim:?}"
    );
    drop(early);
    loader
        .w()
        .load(&[pending_row(2, "447700900001", "[]")], 2, false)
        .unwrap();
    let mut worker = joined_worker(&location);
    let claim = worker.w().claim(&[], 10).unwrap();
    assert_eq!(claim.rows.len(), 1);
    assert!(!claim.loaded && claim.loading);
    drop(loader); // killed mid-load
    // The server ends the loader's session (and frees its lock) once it sees the connection
    // close, which under load can take a moment after the drop returns.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let claim = loop {
        let claim = worker.w().claim(&[], 10).unwrap();
        if !claim.loading || std::time::Instant::now() > deadline {
            break claim;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(claim.rows.is_empty());
    assert!(!claim.loaded && !claim.loading, "{claim:?}");
}

/// PostgreSQL: the server's own words reach the user (not a bare "db error").
#[test]
fn a_server_error_is_described_in_its_own_words() {
    let Some(url) = wamm_testkit::postgres::database("journal: server error") else {
        return;
    };
    let missing = format!("{}/no_such_database", &url[..url.rfind('/').unwrap()]);
    let error = chain(&Journal::open(Path::new(&missing)).unwrap_err());
    assert!(
        error.contains("database \"no_such_database\" does not exist"),
        "{error}"
    );
}

/// PostgreSQL: a worker that stalls past its lease is taken for dead although its connection
/// (and so its advisory lock) is alive: its rows in flight become unknown, and its next claim
/// learns that it lost its lease (the runner then stops) and takes nothing.
#[test]
fn a_stalled_worker_loses_its_lease_and_its_rows() {
    let Some((location, mut stalled)) = loaded_campaign("journal: stalled worker", 6) else {
        return;
    };
    let id = stalled.w().join().unwrap();
    let mine = claimed_lines(&mut stalled, 2);
    assert_eq!(mine, vec![1, 2]);
    // Its lease runs out, as if it had renewed nothing for longer than LEASE.
    let admin = location.to_str().unwrap().to_string();
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
        client
            .execute(
                "UPDATE wamm.workers SET lease_until_ms = 0 WHERE id = $1",
                &[&id],
            )
            .unwrap();
    })
    .join()
    .unwrap();

    let mut other = joined_worker(&location);
    assert_eq!(other.recover_in_flight(false).unwrap(), 2);
    let claim = stalled.w().claim(&[], 2).unwrap();
    assert!(claim.lease_lost, "the stalled worker was not told");
    assert!(claim.rows.is_empty());
    assert!(!stalled.w().heartbeat().unwrap());
    let journal = Journal::open_read_only(&location).unwrap();
    for (line, state) in journal.states_between(1, 6).unwrap() {
        let expected = if line <= 2 {
            State::Unknown
        } else {
            State::Pending
        };
        assert_eq!(state, expected, "line {line}");
    }
    // The live worker goes on with the rest.
    let rest = claimed_lines(&mut other, 10);
    assert_eq!(rest, vec![3, 4, 5, 6]);
    // The user resends the unknown rows; the live worker sends line 1 again.
    let mut resumed = joined_worker(&location);
    assert_eq!(resumed.recover_in_flight(true).unwrap(), 2);
    assert_eq!(claimed_lines(&mut resumed, 1), vec![1]);
    let accepted = |line: u64, wamid: &str| sent(line, wamid, Some("accepted"), None);
    resumed
        .w()
        .claim(&[accepted(1, "wamid.RESENT")], 0)
        .unwrap();
    // The stalled worker wakes and reports what it had in flight: its answers change
    // nothing, neither the row sent again since nor the one waiting to be.
    let late = [accepted(1, "wamid.LATE"), pending(2, 0)];
    let _ = stalled.w().claim(&late, 0);
    let journal = Journal::open_read_only(&location).unwrap();
    let row_one = rows_of(&journal)
        .into_iter()
        .find(|row| row.line == 1)
        .map(|row| (row.state, row.wamid));
    assert_eq!(
        row_one,
        Some((State::Sent, Some("wamid.RESENT".to_string())))
    );
    let states: std::collections::HashMap<u64, State> =
        journal.states_between(1, 2).unwrap().into_iter().collect();
    assert_eq!(
        states[&2],
        State::Pending,
        "line 2 waits for a worker, not the stalled one"
    );
}

/// The template a campaign sends with: each version recorded once, in order, with its
/// settings, read back as written, and kept apart from another campaign's in the same
/// database.
#[test]
fn template_versions_are_kept_in_order_with_their_settings() {
    on_both_stores("journal: template versions", |location, mut journal| {
        let template = |version: &str, ttl: i64| -> TemplateVersion {
            serde_json::from_value(serde_json::json!({
                "id": "1402280517413391", "name": "spring_sale", "language": "en_US",
                "version": version, "status": "APPROVED", "ttl_seconds": ttl,
                "max_price": {"bid_amount": 150, "bid_strategy": "LOWEST_COST_WITH_BID_CAP"},
                "creative": {"image_touchups": "OPT_IN"}, "recorded_ms": 1_700_000_000_000i64
            }))
            .unwrap()
        };
        assert!(journal.templates().unwrap().is_empty());
        let run = journal.start_run(None).unwrap();
        journal
            .record_template(run, &template("3f9c00aa11bb", 172_800))
            .unwrap();
        let second = journal.start_run(None).unwrap();
        journal
            .record_template(second, &template("77aa00cc22dd", 86_400))
            .unwrap();
        drop(journal);
        let read = Journal::open_read_only(location)
            .unwrap()
            .templates()
            .unwrap();
        assert_eq!(
            read,
            [
                template("3f9c00aa11bb", 172_800),
                template("77aa00cc22dd", 86_400)
            ]
        );
        assert_eq!(
            read[0].to_string(),
            "template spring_sale en_US id 1402280517413391 version 3f9c00aa11bb TTL 2d max price 150 LOWEST_COST_WITH_BID_CAP creative: image_touchups opt_in"
        );
    });
    if let Some(url) = wamm_testkit::postgres::database("journal: template versions apart") {
        let spring = marketing::campaign::named_location(&url, "spring");
        let autumn = marketing::campaign::named_location(&url, "autumn");
        let mut first = Journal::create(Path::new(&spring), &meta("spring")).unwrap();
        let run = first.start_run(None).unwrap();
        let record: TemplateVersion = serde_json::from_value(serde_json::json!({
            "id": "1", "name": "spring_sale", "language": "en_US", "version": "v1",
            "status": "APPROVED"}))
        .unwrap();
        first.record_template(run, &record).unwrap();
        let other = Journal::create(Path::new(&autumn), &meta("autumn")).unwrap();
        assert!(other.templates().unwrap().is_empty());
        assert_eq!(first.templates().unwrap(), [record]);
    }
}

/// PostgreSQL: a row put back to pending behind the claim cursor (a run-wide stop hands its
/// rows back) is claimed again, by any worker; without the cursor moving back it would wait
/// below it for ever, and the campaign would never complete.
#[test]
fn a_row_put_back_behind_the_claim_cursor_is_claimed_again() {
    let Some((location, _journal)) = loaded_campaign("journal: put back behind the cursor", 6)
    else {
        return;
    };
    let mut first = joined_worker(&location);
    let taken = claimed(&mut first, &[], 6);
    assert_eq!(taken.len(), 6, "{taken:?}");
    // Every row is claimed: the cursor is past them all. One comes back.
    let back = taken[1];
    assert!(
        first
            .w()
            .claim(&[pending(back, 0)], 0)
            .unwrap()
            .rows
            .is_empty()
    );
    let mut second = joined_worker(&location);
    let again = claimed(&mut second, &[], 6);
    assert_eq!(again, [back]);
}

/// PostgreSQL: a claim that puts rows back does not deadlock with a loader. Inserting
/// recipients held a key-share lock on the campaign's row (a foreign key, until migration
/// 0011) until the loader recorded the rows loaded on that row; a claim that has moved the claim cursor and
/// then waited for the loader's lock left the two waiting for each other, and PostgreSQL
/// failed one of them (the soak's workers stopped with their rows in flight). A loader is
/// played here by a connection that stops between the two steps.
#[test]
fn a_claim_that_puts_rows_back_does_not_deadlock_with_the_loader() {
    let Some((location, _journal)) = loaded_campaign("journal: claim and loader", 6) else {
        return;
    };
    let url = location.to_str().unwrap().to_string();
    let mut worker = joined_worker(&location);
    let taken = claimed(&mut worker, &[], 2);
    assert_eq!(taken.len(), 2, "{taken:?}");

    let mut loader = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let mut load = loader.transaction().unwrap();
    let campaign: i64 = load
        .query_one("SELECT id FROM wamm.campaigns", &[])
        .unwrap()
        .get(0);
    load.execute(
        "INSERT INTO wamm.recipients (campaign_id, line, key, state, updated_ms, fields)
         VALUES ($1, 1000, 'loaded-late', 'pending', 0, '{}')",
        &[&campaign],
    )
    .unwrap();
    // The lock a foreign key's check takes on the campaign's row: the loader's inserts took
    // it until migration 0011, and a worker joining or a run starting (rows that reference
    // the campaign) still do.
    load.execute(
        "SELECT 1 FROM wamm.campaigns WHERE id = $1 FOR KEY SHARE",
        &[&campaign],
    )
    .unwrap();

    let back = taken[0];
    let claim = std::thread::spawn(move || {
        let result = worker
            .w()
            .claim(&[pending(back, 0)], 1)
            .map(|c| c.rows.iter().map(|r| r.line).collect::<Vec<u64>>());
        (result, worker)
    });
    // Until the claim is done, or waits for a lock (as it did for the loader's).
    let mut watch = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !claim.is_finished() && std::time::Instant::now() < deadline {
        let waiting: i64 = watch
            .query_one(
                "SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock'",
                &[],
            )
            .unwrap()
            .get(0);
        if waiting > 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // The loader records what it loaded on the campaign's row, and commits.
    let recorded = load.execute(
        "UPDATE wamm.campaigns SET loaded_through = GREATEST(loaded_through, 1000) WHERE id = $1",
        &[&campaign],
    );
    let committed = recorded.and_then(|_| load.commit());
    let (claimed, _worker) = claim.join().unwrap();
    assert!(committed.is_ok(), "the loader failed: {committed:?}");
    assert_eq!(
        claimed.expect("the claim failed"),
        [back],
        "the row put back is claimed again, first"
    );
}

/// PostgreSQL: a campaign deleted by hand takes its recipients with it, as the foreign key's
/// cascade did before a trigger replaced it (migration 0011: the key's check cost the load a
/// query per row).
#[test]
fn deleting_a_campaign_deletes_its_recipients() {
    let Some((location, journal)) = loaded_campaign("journal: campaign deleted", 50) else {
        return;
    };
    drop(journal);
    let url = location.to_str().unwrap();
    let mut db = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let count = |db: &mut postgres::Client| -> i64 {
        db.query_one("SELECT count(*) FROM wamm.recipients", &[])
            .unwrap()
            .get(0)
    };
    assert_eq!(count(&mut db), 50);
    db.execute("DELETE FROM wamm.campaigns WHERE name = 'spring'", &[])
        .unwrap();
    assert_eq!(count(&mut db), 0);
}
