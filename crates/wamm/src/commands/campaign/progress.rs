//! The progress of a running campaign on stderr: a bar on a terminal, a line every few
//! seconds elsewhere.

use std::io::IsTerminal;
use std::time::Duration;

use marketing::campaign::Progress;
use tokio::sync::watch;

use crate::output;

/// The clause `clause` writes for a count `n`, when `n` is not zero; nothing otherwise.
pub(super) fn when_any(n: u64, clause: impl FnOnce(u64) -> String) -> String {
    if n > 0 { clause(n) } else { String::new() }
}

/// A progress bar on a terminal; a plain line every 5 seconds otherwise.
pub(super) async fn show_progress(mut progress: watch::Receiver<Progress>) {
    let line = |p: &Progress| {
        format!(
            "sent {} failed {} unknown {} invalid {} skipped {} | {:.0}/s{}{}{}",
            p.sent,
            p.failed,
            p.unknown,
            p.invalid,
            p.skipped,
            p.send_rate(),
            when_any(p.retrying, |n| format!(" | {n} waiting to retry")),
            when_any(p.elsewhere, |n| format!(
                " | waiting for {n} rows in flight at other workers"
            )),
            when_any(p.waiting, |n| format!(
                " | {n} waiting for their send window{}",
                p.next_opening_ms
                    .map(|ms| format!(" (next opens {})", marketing::campaign::instant_label(ms)))
                    .unwrap_or_default()
            )),
        )
    };
    let mut announced = None;
    let mut announce = move |p: &Progress| {
        if p.starts_at_ms.is_some() && p.starts_at_ms != announced {
            announced = p.starts_at_ms;
            let start = p.starts_at_ms.unwrap_or_default();
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64);
            let wait = u64::try_from(start - now).unwrap_or(0).div_ceil(1000);
            output::err(format!(
                "the campaign is recorded; sending starts at {} (in {}). Ctrl-C is safe: resume keeps waiting",
                marketing::campaign::format_ms(start),
                humantime::format_duration(Duration::from_secs(wait))
            ));
        }
    };
    if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} (ETA {eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        while progress.changed().await.is_ok() {
            let p = progress.borrow_and_update().clone();
            bar.suspend(|| announce(&p));
            bar.set_length(p.total);
            // Never full while rows remain.
            bar.set_position(
                p.done()
                    .min(p.total.saturating_sub(u64::from(p.remaining() > 0))),
            );
            bar.set_message(line(&p));
        }
        bar.finish_and_clear();
    } else {
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        tick.tick().await;
        loop {
            tokio::select! {
                changed = progress.changed() => {
                    if changed.is_err() { break }
                    announce(&progress.borrow_and_update().clone());
                }
                _ = tick.tick() => {
                    let p = progress.borrow().clone();
                    output::err(format!(
                        "{:>5.1}% {}/{} {}{}",
                        p.fraction() * 100.0,
                        p.done(),
                        p.total,
                        line(&p),
                        eta(&p).map(|e| format!(" | ETA {e}")).unwrap_or_default()
                    ));
                }
            }
        }
    }
}

/// The time left at this run's pace, when there is a pace to go by.
fn eta(p: &Progress) -> Option<String> {
    let finished = p.sent + p.failed + p.unknown + p.invalid + p.skipped;
    let secs = p.elapsed.as_secs_f64();
    if finished == 0 || secs <= 0.0 {
        return None;
    }
    let left = p.remaining() as f64 * secs / finished as f64;
    Some(humantime::format_duration(Duration::from_secs(left.ceil() as u64)).to_string())
}
