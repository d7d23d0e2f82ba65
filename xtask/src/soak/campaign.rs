//! The campaign files the soak runs, and how many rows a run of one may hold in flight.

/// Connections per campaign.
pub(crate) const CONCURRENCY: u64 = 64;
/// The template the soak's campaigns send (built into the sandbox).
pub(crate) const TEMPLATE: &str = "spring_sale";
/// How long a row that met the pair limit waits before its retry, in the soak's campaigns:
/// short, so that the pair-limit scenario retries within its run.
const PAIR_DELAY_MS: u64 = 250;

/// A campaign file: the soak's retry rules and one body parameter (`first_name`), with what
/// differs between the soak's campaigns.
#[derive(Debug, Clone)]
pub(crate) struct CampaignFile<'a> {
    pub name: &'a str,
    pub template: &'a str,
    /// `messages_per_second`; 0 is unpaced.
    pub mps: u32,
    /// A pool of phone number IDs (`[[senders]]`); empty sends from the environment's number.
    pub senders: &'a [&'a str],
    /// Turns the unknown-storm halt rules off.
    pub relaxed: bool,
    /// `[retry] pair_delay_ms`; `None` keeps wamm's default.
    pub pair_delay_ms: Option<u64>,
    /// The calendar scenario's campaign: a send window, two variants and a holdout (see
    /// [`calendar`]) instead of one `[message]`.
    pub calendar: Option<Calendar>,
}

/// What the calendar scenario adds to its campaign file.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    /// When the send window opens, in minutes after midnight: it then stays open 22 hours,
    /// so a zone whose clock is already past the opening sends at once and UTC waits for it.
    pub opens_minute: u32,
    /// `start_at`, RFC 3339: a few seconds after the file is written.
    pub start_at: String,
}

/// The calendar scenario's keys and messages: the window, `default_timezone`, a 5 % holdout
/// and two variants of the soak's template (the same template, other words), so every message
/// is still the soak's.
pub(crate) fn calendar(calendar: &Calendar) -> (String, String) {
    let opens = calendar.opens_minute % (24 * 60);
    let closes = (opens + 22 * 60) % (24 * 60);
    let keys = format!(
        "start_at = \"{}\"\nholdout = 0.05\ndefault_timezone = \"UTC\"\nsend_window = {{ days = \"daily\", hours = \"{:02}:{:02}-{:02}:{:02}\" }}\n",
        calendar.start_at,
        opens / 60,
        opens % 60,
        closes / 60,
        closes % 60
    );
    let variant = |name: &str, weight: u32, words: &str| {
        format!(
            r#"[[variants]]
name = "{name}"
weight = {weight}
[variants.message.template]
name = "{TEMPLATE}"
language = {{ code = "en_US" }}
components = [{{ type = "body", parameters = [{{ type = "text", text = "{words}{{{{first_name}}}}" }}] }}]

"#
        )
    };
    let messages = variant("plain", 1, "") + &variant("friendly", 1, "dear ");
    (keys, messages)
}

impl<'a> CampaignFile<'a> {
    /// An unpaced campaign named `name` that sends `template` from one number.
    pub fn new(name: &'a str, template: &'a str) -> Self {
        Self {
            name,
            template,
            mps: 0,
            senders: &[],
            relaxed: false,
            pair_delay_ms: Some(PAIR_DELAY_MS),
            calendar: None,
        }
    }

    /// The file's text.
    pub fn toml(&self) -> String {
        let Self {
            name,
            template,
            mps,
            ..
        } = self;
        let pair_delay = self
            .pair_delay_ms
            .map(|ms| format!("pair_delay_ms = {ms}\n"))
            .unwrap_or_default();
        let halt = if self.relaxed {
            "[halt]\nunknown_in_a_row = 0\nunknown_share = 1.0\n\n"
        } else {
            ""
        };
        let senders: String = self
            .senders
            .iter()
            .map(|n| format!("[[senders]]\nphone_number_id = \"{n}\"\n\n"))
            .collect();
        let (calendar_keys, variants) = self.calendar.as_ref().map(calendar).unwrap_or_default();
        let message = if variants.is_empty() {
            format!(
                r#"[message.template]
name = "{template}"
language = {{ code = "en_US" }}
components = [{{ type = "body", parameters = [{{ type = "text", text = "{{{{first_name}}}}" }}] }}]
"#
            )
        } else {
            variants
        };
        format!(
            r#"name = "{name}"
messages_per_second = {mps}
concurrency = {CONCURRENCY}
{calendar_keys}
[retry]
max_attempts = 8
base_delay_ms = 20
{pair_delay}
{halt}{senders}{message}"#
        )
    }
}

/// The most rows one `wamm` process may hold in flight, so the most a SIGKILL or power cut
/// may leave `unknown`: its connections plus the rows it reserves ahead.
pub(crate) fn window(mps: u32) -> u64 {
    CONCURRENCY + expected_window(mps)
}

/// Rows a run reserves beyond those being sent: 50 ms worth at the paced rate (4 to one per
/// connection), or four per connection when unpaced. Restated from the campaign runner's
/// `reserve_ahead` on purpose: the soak must not trust the code it checks, so a change there
/// that holds more rows in flight fails the soak instead of moving its bound along.
pub(crate) fn expected_window(mps: u32) -> u64 {
    if mps == 0 {
        4 * CONCURRENCY
    } else {
        (u64::from(mps) * 5).div_ceil(100).clamp(4, CONCURRENCY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_the_connections_plus_fifty_milliseconds_or_four_per_connection() {
        assert_eq!(window(0), 64 + 256);
        assert_eq!(expected_window(1), 4);
        assert_eq!(expected_window(300), 15);
        assert_eq!(expected_window(2000), 64);
        assert_eq!(expected_window(100_000), 64);
    }

    #[test]
    fn a_campaign_file_has_the_pool_before_its_message() {
        let toml = CampaignFile {
            senders: &["1", "2"],
            ..CampaignFile::new("soak", TEMPLATE)
        }
        .toml();
        let pool = toml.find("[[senders]]\nphone_number_id = \"1\"").unwrap();
        assert!(toml.find("phone_number_id = \"2\"").unwrap() > pool);
        assert!(toml.find("[message.template]").unwrap() > pool);
        assert!(toml.contains("pair_delay_ms = 250\n"));
        let plain = CampaignFile {
            pair_delay_ms: None,
            ..CampaignFile::new("soak", TEMPLATE)
        }
        .toml();
        assert!(!plain.contains("pair_delay_ms") && !plain.contains("[halt]"));
    }
}
