//! `campaign report --html`: the report as one self-contained HTML page, with charts.
//!
//! [`HtmlReport::gather`] reads what the page shows (`data.rs`: the [`Report`] every form of
//! the report shares, the outcomes over time counted in the journal's database, and with an
//! event store each sent message's webhook time and the recipients who opted out); `page/`
//! writes the document (its funnel and time chart in `progress.rs`, its breakdowns in
//! `breakdown.rs`), `svg.rs` the charts, `text.rs` escapes every string. The page fetches
//! nothing: its style, charts and the script that measures them are inline, and its
//! Content-Security-Policy forbids any request. Its size depends on the number of steps,
//! codes, numbers and variants, never on the number of rows.

mod data;
mod page;
mod svg;
mod text;

use std::path::Path;

pub use data::{Bucket, HtmlData, MAX_POINTS, Timeline};

use super::CampaignError;
use super::report::Report;

/// A campaign's report as an HTML page.
///
/// ```
/// use marketing::campaign::{Candidate, HtmlReport, Journal, JournalMeta, Report};
///
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("spring.journal");
/// let meta = JournalMeta {
///     definition: r#"{"name":"<b>spring</b>"}"#.into(),
///     recipients_path: "/lists/spring.csv".into(),
///     recipients_fingerprint: "sha256:00".into(),
///     recipients_rows: Some(1),
///     campaign_path: None,
///     created_ms: 0,
/// };
/// let mut journal = Journal::create(&path, &meta)?;
/// journal.commit(&[], &[Candidate { line: 2, key: "447700900001".into() }])?;
/// drop(journal);
///
/// let report = Report::load(&path)?;
/// let html = HtmlReport::gather(report, &path, None)?;
/// let page = html.render();
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// // Strings from the journal are text, never markup.
/// assert!(page.contains("Campaign &lt;b&gt;spring&lt;/b&gt;"));
/// assert!(page.contains("no webhook store given"));
/// html.write_to(&dir.path().join("spring.html"))?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct HtmlReport {
    data: HtmlData,
    journal: std::path::PathBuf,
}

impl HtmlReport {
    /// Gathers the page's figures: `report` as loaded (with its deliveries added when
    /// `events`, the webhook receiver's event store, is given), and from the journal and the
    /// store what only the page shows.
    pub fn gather(
        report: Report,
        journal: &Path,
        events: Option<&Path>,
    ) -> Result<Self, CampaignError> {
        Ok(Self {
            data: HtmlData::gather(report, journal, events)?,
            journal: journal.to_path_buf(),
        })
    }

    /// What the page shows.
    pub fn data(&self) -> &HtmlData {
        &self.data
    }

    /// The page.
    pub fn render(&self) -> String {
        page::page(&self.data)
    }

    /// Writes the page to `path`: beside its final name first, then renamed into place, so a
    /// full disk never leaves half a page there. The journal's own files are refused. Returns
    /// its size in bytes.
    pub fn write_to(&self, path: &Path) -> Result<u64, CampaignError> {
        if super::report::is_journal_file(&self.journal, path) {
            return Err(CampaignError::Input(format!(
                "{} is the journal (or one of its files): writing the page there would destroy the campaign's state; choose another file",
                path.display()
            )));
        }
        let page = self.render();
        let failed = |e: std::io::Error| {
            CampaignError::Output(format!("cannot write {}: {e}", path.display()))
        };
        let temp = super::output_file::temp_beside(path)?;
        let written = std::fs::write(&temp, page.as_bytes())
            .and_then(|()| std::fs::rename(&temp, path))
            .map_err(failed);
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written.map(|()| page.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::{Candidate, Journal, JournalMeta, Op};
    use proptest::prelude::*;

    /// A journal with one sent row from the number `from` and one failed row.
    fn journal_with(dir: &Path, name: &str, from: &str) -> std::path::PathBuf {
        let path = dir.join("j");
        let mut meta = JournalMeta::for_tests();
        meta.definition = serde_json::json!({ "name": name }).to_string();
        let mut journal = Journal::create(&path, &meta).unwrap();
        journal
            .commit(
                &[],
                &[
                    Candidate {
                        line: 2,
                        key: "447700900001".into(),
                    },
                    Candidate {
                        line: 3,
                        key: "447700900002".into(),
                    },
                ],
            )
            .unwrap();
        journal
            .commit(
                &[
                    Op::Sent {
                        line: 2,
                        wamid: "wamid.1".into(),
                        status: Some(name.into()),
                        from: Some(from.into()),
                    },
                    Op::Failed {
                        line: 3,
                        code: Some(131026),
                        reason: name.into(),
                    },
                ],
                &[],
            )
            .unwrap();
        path
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Whatever the journal holds (a campaign's name, a message status, a phone number
        /// ID), the page keeps its shape: the same elements, one script, and the string only
        /// ever as text.
        #[test]
        fn no_journal_string_escapes_its_context(name in any::<String>(), from in "[^\u{0}]{1,40}") {
            let dir = tempfile::tempdir().unwrap();
            let render = |name: &str, from: &str| {
                let dir = tempfile::tempdir_in(dir.path()).unwrap();
                let path = journal_with(dir.path(), name, from);
                let report = Report::load(&path).unwrap();
                HtmlReport::gather(report, &path, None).unwrap().render()
            };
            let page = render(&name, &from);
            let plain = render("spring", "1001");
            // Escaped, a string adds no character that opens or closes a tag, an attribute
            // value or an entity: the page has as many of each as with harmless strings.
            for markup in ['<', '>', '"', '\''] {
                prop_assert_eq!(page.matches(markup).count(), plain.matches(markup).count(), "{:?}", markup);
            }
            prop_assert_eq!(page.matches("<script").count(), 1);
            prop_assert_eq!(page.matches("<svg").count(), 4);
            prop_assert!(page.ends_with("</body></html>"));
        }
    }

    #[test]
    fn the_page_fetches_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = journal_with(dir.path(), "spring", "1001");
        let page = HtmlReport::gather(Report::load(&path).unwrap(), &path, None)
            .unwrap()
            .render();
        assert!(page.contains("default-src 'none'"));
        for fetching in [
            "src=",
            "href=",
            "url(http",
            "@import",
            "<link",
            "fetch(",
            "XMLHttpRequest",
        ] {
            assert!(!page.contains(fetching), "{fetching}");
        }
        // The failure's meaning and what to do come from the classification table.
        assert!(page.contains(crate::rule(131026).meaning));
        assert!(page.contains(&text::escape(crate::rule(131026).advice())));
    }
}
