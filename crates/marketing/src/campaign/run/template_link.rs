//! What a run records and says about its template before it sends: the template's version
//! in the journal (once, and again when it changed since the last run), and a warning when
//! the rows left need longer at the run's pace than the template's time-to-live.

use super::super::CampaignError;
use super::super::journal::JournalStore;
use super::super::template_link::{TemplateVersion, TtlCheck};
use super::RunOptions;

/// Records the run's template when the journal has not recorded this version yet, and
/// returns the warnings to show before sending.
pub(super) fn link(
    journal: &mut dyn JournalStore,
    run: i64,
    options: &RunOptions,
    messages_per_second: f64,
    rows_left: u64,
) -> Result<Vec<String>, CampaignError> {
    let mut warnings = Vec::new();
    let Some(now) = &options.template_version else {
        return Ok(warnings);
    };
    let recorded = journal.templates()?;
    let last = recorded.last();
    if last.is_none_or(|last| now.differs_from(last)) {
        if let Some(last) = last {
            warnings.push(changed(last, now));
        }
        let stamped = TemplateVersion {
            recorded_ms: crate::now_ms(),
            ..now.clone()
        };
        journal.record_template(run, &stamped)?;
    }
    if let Some(ttl_seconds) = now.ttl_seconds {
        let check = TtlCheck {
            rows_left,
            messages_per_second,
            max_per_day: options.max_per_day,
            ttl_seconds,
        };
        warnings.extend(check.warning());
    }
    Ok(warnings)
}

/// The warning for a template that is not the one the campaign last sent with.
fn changed(last: &TemplateVersion, now: &TemplateVersion) -> String {
    if last.id != now.id {
        format!(
            "the campaign's template is not the one it last sent with: {last} then, {now} now; the rows not yet sent go with the new one"
        )
    } else {
        format!(
            "template {} {} changed since this campaign last sent with it: version {} then, {} now ({now}); the rows not yet sent go with the new version",
            now.name, now.language, last.version, now.version
        )
    }
}
