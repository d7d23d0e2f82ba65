//! The next steps a campaign command prints when it stops: the command that continues it,
//! ready to paste, and the setting or file to fix first.

use std::path::PathBuf;

use marketing::ErrorClass;
use marketing::campaign::{self, StopReason};

use crate::hints::shell_word;

use super::args::CommonRunArgs;
use crate::hints::Settings;

/// What the next-step hints need to name: the real journal path and the settings in use.
pub(super) struct Hints {
    pub(super) journal: PathBuf,
    /// False for a `--no-journal` run: there is no journal to report from.
    pub(super) recorded: bool,
    settings: Settings,
}

impl Hints {
    pub(super) fn new(common: &CommonRunArgs) -> Self {
        Self {
            journal: common.journal.clone(),
            recorded: true,
            settings: Settings::of(&common.connection),
        }
    }

    /// Hints for a journal at `journal`, with the sandbox's settings.
    #[cfg(test)]
    pub(super) fn for_journal(journal: &str) -> Self {
        Self {
            journal: journal.into(),
            recorded: true,
            settings: Settings {
                base_url: "http://127.0.0.1:8080".to_string(),
                phone_number_id: Some("106540352242922".to_string()),
            },
        }
    }

    /// The command that continues the campaign, ready to paste (the connection settings come
    /// from the same flags or environment as before).
    pub(super) fn resume(&self, extra: &str) -> String {
        format!(
            "wamm campaign resume --journal {}{extra}",
            shell_word(&campaign::journal_label(&self.journal))
        )
    }

    /// When the journal's URL is shown without its password: where the commands printed
    /// take it from.
    pub(super) fn password_note(&self) -> Option<String> {
        (campaign::is_postgres(&self.journal)
            && campaign::journal_label(&self.journal) != self.journal.to_string_lossy())
        .then(|| {
            "(the password is left out of the URL shown: give it in PGPASSWORD, or put it back in)"
                .to_string()
        })
    }

    /// What to fix, for a run that stopped. `campaign_file` is the file the journal last
    /// read the campaign from.
    pub(super) fn fix(&self, reason: &StopReason, campaign_file: Option<&str>) -> Vec<String> {
        let mut lines = self
            .settings
            .hints(reason.class, reason.code, &reason.message);
        let about_the_message = matches!(
            reason.class,
            Some(ErrorClass::TemplateUnusable | ErrorClass::Routing | ErrorClass::InvalidRequest)
        ) && lines.is_empty();
        if about_the_message {
            lines.push(
                "fix [message] in the campaign file (template name, language, parameters); resume with --campaign so the rows not yet sent use it".to_string(),
            );
        }
        let extra = if about_the_message {
            format!(
                " --campaign {}",
                shell_word(campaign_file.unwrap_or("CAMPAIGN_FILE"))
            )
        } else {
            String::new()
        };
        lines.push(format!("then continue with: {}", self.resume(&extra)));
        lines.extend(self.password_note());
        lines
    }
}
