//! What one send's answer means for its row: recorded (sent, refused, unknown), retried
//! later, or put back to pending while the run (or only that phone number) stops. The table
//! of error codes decides; the campaign's retry settings say how often and how long after.

use std::sync::Arc;
use std::time::Duration;

use super::super::definition::CampaignDefinition;
use super::super::halt::{Halt, StopReason};
use super::super::journal::Op;
use super::super::senders::{Sender, Senders};
use super::dispatch::Work;
use crate::classify::ErrorClass;
use crate::error::SendError;

/// What the dispatcher reports back for one piece of work.
pub(super) enum Outcome {
    /// A final state to record: `Op::Sent`, `Op::Failed` or `Op::Unknown`, with the row's
    /// attempts so far (this one included).
    Final { op: Op, attempts: u32 },
    /// Not sent; to send again after `after`.
    Retry { work: Box<Work>, after: Duration },
    /// Not sent: back to pending for a later run.
    Released { line: u64, attempts: u32 },
}

/// Turns one answer into an outcome, applying the table of error codes and the campaign's
/// retry settings.
pub(super) fn classify(
    result: Result<crate::client::Sent, SendError>,
    mut work: Work,
    sender: &Sender,
    senders: &Senders,
    definition: &CampaignDefinition,
    halt: &Halt,
) -> Outcome {
    let line = work.line;
    work.attempts += 1;
    let attempts = work.attempts;
    let error = match result {
        Ok(sent) => {
            let op = Op::Sent {
                line,
                wamid: sent.message_id,
                status: sent.status.map(|s| s.as_str().to_string()),
                from: Some(Arc::clone(&sender.phone)),
            };
            tracing::debug!(
                line,
                sender = %sender.phone,
                attempts,
                outcome = "sent",
                "send answered",
            );
            return Outcome::Final { op, attempts };
        }
        Err(error) => error,
    };
    let code = error.code();
    let reason = error.to_string();
    if error.may_have_been_sent() {
        return not_sent(line, sender, attempts, code, reason, true);
    }
    let can_retry = attempts < definition.retry.max_attempts;
    let release = |halt_reason: StopReason| {
        halt.set(halt_reason);
        Outcome::Released {
            line,
            attempts: attempts - 1,
        }
    };
    match &error {
        SendError::Connect { .. } if can_retry => {
            let after = definition.retry.throttle_delay(attempts);
            retried(line, sender, code, attempts, after);
            return Outcome::Retry {
                work: Box::new(work),
                after,
            };
        }
        // Nothing was sent; leave it for the next run.
        SendError::Connect { .. } | SendError::Config(_) => {
            return release(StopReason::local(reason));
        }
        _ => {}
    }
    let class = error.class().unwrap_or(ErrorClass::Server);
    if error.stops_run() {
        let rule = error.graph().map(crate::GraphError::rule);
        let stop = StopReason {
            class: Some(class),
            code,
            message: format!("{reason}: {}", rule.map_or(class.advice(), |r| r.advice())),
        };
        if let Some(rule) = rule.filter(|rule| rule.fails_row) {
            // This message is refused for good (131064): a final, explained failure; the
            // rows not yet sent stay pending.
            halt.set(stop);
            let reason = rule.explain(&reason);
            return Outcome::Final {
                op: Op::Failed { line, code, reason },
                attempts,
            };
        }
        // An error that concerns this number stops only it: Meta created nothing, so another
        // number still sending sends this row now. Rows this number had in flight meet the
        // same error after it stopped, and go the same way; only when no number is left does
        // the run stop.
        if error.concerns_number() && senders.len() > 1 {
            let number_stop = StopReason {
                message: format!("phone number {}: {}", sender.phone, stop.message),
                ..stop.clone()
            };
            if senders.stop(sender, number_stop) {
                tracing::info!(
                    sender = %sender.phone,
                    code,
                    reason = %stop.message,
                    "a phone number stops sending; the others go on"
                );
                work.attempts -= 1;
                return Outcome::Retry {
                    work: Box::new(work),
                    after: Duration::ZERO,
                };
            }
        }
        return release(stop);
    }
    if error.is_retryable() && can_retry {
        let after = match class {
            ErrorClass::Throttled => {
                sender.pacer.throttled();
                error
                    .suggested_wait()
                    .unwrap_or_default()
                    .max(definition.retry.throttle_delay(attempts))
            }
            ErrorClass::PairThrottled => definition.retry.pair_delay(attempts),
            _ => error
                .suggested_wait()
                .unwrap_or_else(|| definition.retry.throttle_delay(attempts)),
        };
        retried(line, sender, code, attempts, after);
        return Outcome::Retry {
            work: Box::new(work),
            after,
        };
    }
    if error.is_retryable() {
        // Meta created nothing and would take it later: out of attempts is not a refusal of
        // the recipient. Recording it `failed` would lose them; the run stops instead, the
        // row stays pending, and `resume` sends it once the cause has passed.
        return release(StopReason {
            class: Some(class),
            code,
            message: format!(
                "{reason}, still after {attempts} attempts (retry.max_attempts): {}",
                class.advice()
            ),
        });
    }
    not_sent(line, sender, attempts, code, reason, false)
}

/// The last answer for a row that was not sent: `unknown` when it may have been (never sent
/// again), else `failed`. Logged per message, so at debug.
fn not_sent(
    line: u64,
    sender: &Sender,
    attempts: u32,
    code: Option<i64>,
    reason: String,
    may_have_been_sent: bool,
) -> Outcome {
    let outcome = if may_have_been_sent {
        "unknown"
    } else {
        "failed"
    };
    tracing::debug!(
        line,
        sender = %sender.phone,
        code,
        attempts,
        outcome,
        error = %reason,
        "send answered",
    );
    let op = if may_have_been_sent {
        Op::Unknown { line, code, reason }
    } else {
        Op::Failed { line, code, reason }
    };
    Outcome::Final { op, attempts }
}

/// A send to be tried again: per message, so at debug. The recipient is not named, at any
/// level: the row's line finds it in the list and the journal, which keep personal data
/// where the campaign's owner already keeps it, not in a log collector.
fn retried(line: u64, sender: &Sender, code: Option<i64>, attempt: u32, after: Duration) {
    tracing::debug!(
        line,
        sender = %sender.phone,
        code,
        attempt,
        delay_ms = u64::try_from(after.as_millis()).unwrap_or(u64::MAX),
        "send retried"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::pacer::Pacer;
    use crate::classify::RULES;
    use crate::error::GraphError;
    use crate::message::Message;

    fn definition() -> CampaignDefinition {
        CampaignDefinition::from_toml(
            "name = \"t\"\n[message.template]\nname = \"spring_sale\"\nlanguage = { code = \"en_US\" }\n",
            "t.toml",
        )
        .unwrap()
    }

    /// A pool of `n` numbers, unpaced.
    fn pool(n: usize) -> Senders {
        let client =
            crate::MarketingClient::builder("106540352242922", crate::AccessToken::new("t"))
                .build()
                .unwrap();
        Senders::new(
            (0..n)
                .map(|i| {
                    let phone = format!("10654035224292{i}");
                    Sender::new(
                        client.with_phone_number_id(&phone).unwrap(),
                        Pacer::new(0.0),
                    )
                })
                .collect(),
        )
    }

    /// An error that concerns the sending number stops only that number while others send
    /// (the row goes to another at once); the last number's stops the run.
    #[test]
    fn a_number_error_stops_that_number_and_the_last_one_stops_the_run() {
        let two = pool(2);
        let halt = Halt::default();
        let outcome = answer_from(400, 133010, &two, 0, &halt);
        let Outcome::Retry {
            work: retried,
            after,
        } = outcome
        else {
            panic!("the row was not handed to the other number");
        };
        assert_eq!((retried.attempts, after), (0, Duration::ZERO));
        assert!(halt.reason().is_none());
        assert_eq!(two.active(), 1);
        let summary = two.summary();
        let stopped = summary[0]
            .stopped
            .as_ref()
            .expect("the first number stopped");
        assert_eq!(stopped.code, Some(133010));
        assert!(stopped.message.contains("106540352242920"), "{stopped}");
        // The other number meets the same: nothing is left to send with, the run stops.
        let outcome = answer_from(400, 133010, &two, 1, &halt);
        assert!(matches!(outcome, Outcome::Released { .. }));
        assert_eq!(halt.reason().and_then(|r| r.code), Some(133010));
        // An error that concerns the whole business stops the run at once, pool or not.
        let three = pool(3);
        let halt = Halt::default();
        let outcome = answer_from(401, 190, &three, 0, &halt);
        assert!(matches!(outcome, Outcome::Released { .. }));
        assert_eq!(halt.reason().and_then(|r| r.code), Some(190));
        assert_eq!(three.active(), 3);
    }

    fn work() -> Work {
        let message = Message::from_value(serde_json::json!({
            "messaging_product": "whatsapp", "recipient_type": "individual", "type": "template",
            "to": "447700900123",
            "template": {"name": "spring_sale", "language": {"code": "en_US"}}
        }))
        .unwrap();
        Work {
            line: 7,
            body: message.body().clone(),
            key: message.recipient().canonical().to_string(),
            attempts: 0,
        }
    }

    #[allow(clippy::result_large_err)] // The shape `send_once` returns.
    fn answer(status: u16, code: i64) -> Result<crate::client::Sent, SendError> {
        let body = format!(r#"{{"error":{{"message":"(#{code}) x","code":{code}}}}}"#);
        Err(SendError::Api(
            GraphError::from_body(status, body.as_bytes(), None).unwrap(),
        ))
    }

    /// How `work()` of `definition()` sent from number `sender` of `pool` comes out when Meta
    /// answers `status` with the Graph error `code`.
    fn answer_from(status: u16, code: i64, pool: &Senders, sender: usize, halt: &Halt) -> Outcome {
        classify(
            answer(status, code),
            work(),
            &pool.sender(sender),
            pool,
            &definition(),
            halt,
        )
    }

    /// Every row of the table, at the status Meta sends it with, becomes the outcome the row
    /// promises: retried, unknown, refused, or a stop with the row kept pending.
    #[test]
    fn every_code_in_the_table_gets_the_outcome_its_row_promises() {
        let one = pool(1);
        for rule in RULES {
            for code in [rule.first, rule.last] {
                let status = if rule.definite_at_5xx { 500 } else { 400 };
                let halt = Halt::default();
                let outcome = answer_from(status, code, &one, 0, &halt);
                let stopped = halt.reason();
                match outcome {
                    Outcome::Retry { work, .. } => {
                        assert!(rule.retry, "{code} retried");
                        assert_eq!(work.attempts, 1);
                    }
                    Outcome::Final {
                        op: Op::Unknown { code: c, .. },
                        ..
                    } => {
                        assert!(rule.may_have_been_sent, "{code} unknown");
                        assert_eq!(c, Some(code));
                    }
                    Outcome::Final {
                        op: Op::Failed { code: c, .. },
                        ..
                    } => {
                        assert!(!rule.retry && !rule.may_have_been_sent, "{code} failed");
                        assert_eq!(rule.stops_run, rule.fails_row, "{code} failed");
                        assert_eq!(c, Some(code));
                    }
                    Outcome::Released { line, attempts } => {
                        assert!(rule.stops_run, "{code} stopped the run");
                        assert_eq!(
                            (line, attempts),
                            (7, 0),
                            "{code}: kept pending, attempt not counted"
                        );
                        let reason = stopped.expect("a stop reason");
                        assert_eq!((reason.class, reason.code), (Some(rule.class), Some(code)));
                    }
                    Outcome::Final { op, .. } => panic!("{code}: unexpected {op:?}"),
                }
                if !rule.stops_run {
                    assert!(halt.reason().is_none(), "{code} must not stop the run");
                }
            }
        }
        // A code Meta adds later may have created the message.
        let outcome = answer_from(400, 987_654, &one, 0, &Halt::default());
        assert!(matches!(
            outcome,
            Outcome::Final {
                op: Op::Unknown { .. },
                ..
            }
        ));
    }

    /// A retryable code on the row's last attempt never becomes `failed`: nothing was created,
    /// so the row goes back to pending and the run stops, saying which setting ran out.
    #[test]
    fn a_retryable_code_on_the_last_attempt_keeps_the_row_pending_and_stops_the_run() {
        let one = pool(1);
        let definition = definition();
        let mut retried = 0;
        for rule in RULES.iter().filter(|rule| rule.retry) {
            let halt = Halt::default();
            let mut last = work();
            last.attempts = definition.retry.max_attempts - 1;
            let outcome = classify(
                answer(400, rule.first),
                last,
                &one.sender(0),
                &one,
                &definition,
                &halt,
            );
            let Outcome::Released { line, attempts } = outcome else {
                panic!("{}: not kept pending", rule.first);
            };
            assert_eq!((line, attempts), (7, definition.retry.max_attempts - 1));
            let reason = halt.reason().expect("the run stops");
            assert_eq!(reason.code, Some(rule.first));
            assert!(reason.message.contains("retry.max_attempts"), "{reason}");
            retried += 1;
        }
        assert!(
            retried >= 4,
            "throttling, pair limit and syncing are retried"
        );
    }

    #[test]
    fn a_run_wide_code_under_a_5xx_leaves_the_outcome_open() {
        let one = pool(1);
        let halt = Halt::default();
        let outcome = answer_from(500, 190, &one, 0, &halt);
        assert!(matches!(
            outcome,
            Outcome::Final {
                op: Op::Unknown { .. },
                ..
            }
        ));
        assert!(halt.reason().is_none());
    }
}
