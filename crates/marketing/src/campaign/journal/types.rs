//! The values a journal stores and hands back, the same for every store.

/// Where a recipient stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum State {
    /// Read, not yet sent (or put back after a retryable error).
    Pending,
    /// Committed as about to be sent; a crash leaves it here.
    InFlight,
    /// Meta created the message.
    Sent,
    /// Meta refused it; not sent.
    Failed,
    /// May have been sent: a timeout, lost connection, 5xx, or in flight at a crash.
    Unknown,
    /// The row is unusable (bad phone, missing column, a value the message rejects).
    Invalid,
    /// Not sent on purpose (a duplicate of an earlier row).
    Skipped,
    /// Not sent: the user stopped marketing messages (a webhook, or the user's own list).
    Suppressed,
    /// Not sent on purpose: in the campaign's control group (`holdout`).
    HeldOut,
}

impl State {
    /// Every state, in report order.
    pub const ALL: [State; 9] = [
        State::Sent,
        State::Failed,
        State::Unknown,
        State::Invalid,
        State::Skipped,
        State::Suppressed,
        State::HeldOut,
        State::Pending,
        State::InFlight,
    ];

    /// The name stored in the journal.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::InFlight => "in_flight",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Unknown => "unknown",
            Self::Invalid => "invalid",
            Self::Skipped => "skipped",
            Self::Suppressed => "suppressed",
            Self::HeldOut => "held_out",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether the recipient is done with (nothing more will be sent to them).
    pub fn is_final(self) -> bool {
        !matches!(self, Self::Pending | Self::InFlight)
    }
}

/// What the journal remembers about the campaign itself.
#[derive(Clone, Debug, PartialEq)]
pub struct JournalMeta {
    /// The campaign definition as JSON: the latest revision.
    pub definition: String,
    /// The recipient list's absolute path.
    pub recipients_path: String,
    /// What identifies the list's content: `sha256:` and its digest (journals written before
    /// 0.2 hold its size and modification time instead).
    pub recipients_fingerprint: String,
    /// The rows in the list, when known (journals written before 0.2 do not know).
    pub recipients_rows: Option<u64>,
    /// The campaign file the definition was read from, when it came from a file.
    pub campaign_path: Option<String>,
    /// When the journal was created (Unix ms).
    pub created_ms: i64,
}

#[cfg(test)]
impl JournalMeta {
    /// A campaign as small as a unit test needs: an empty definition and a one-row list.
    pub(crate) fn for_tests() -> Self {
        Self {
            definition: "{}".into(),
            recipients_path: "/tmp/list.csv".into(),
            recipients_fingerprint: "sha256:00".into(),
            recipients_rows: Some(1),
            campaign_path: None,
            created_ms: 1,
        }
    }
}

/// One version of the campaign's definition. Revision 1 is the one the campaign started
/// with; `resume --campaign` adds one when the file changed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Revision {
    /// 1, 2, ...: rows record the revision they were sent with.
    pub id: i64,
    /// The definition as JSON.
    pub definition: String,
    /// The file it was read from, when it came from a file.
    pub source: Option<String>,
    /// When it was recorded (Unix ms).
    pub created_ms: i64,
}

/// A change to the journal; a batch of them is one transaction. `line` is always the row's
/// line in the recipient list.
///
/// ```
/// use marketing::campaign::Op;
///
/// let sent = Op::Sent {
///     line: 7,
///     wamid: "wamid.HBgL".into(),
///     status: Some("accepted".into()),
///     from: Some("106540352242922".into()),
/// };
/// assert_eq!(sent.line(), 7);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// A row that cannot be sent, and why.
    #[allow(missing_docs)]
    Invalid { line: u64, reason: String },
    /// A row not sent because the user stopped marketing messages, and the evidence.
    #[allow(missing_docs)]
    Suppressed { line: u64, reason: String },
    /// A row in the campaign's control group: recorded, never sent.
    #[allow(missing_docs)]
    HeldOut { line: u64 },
    /// Sent: Meta created it, with this message ID and `message_status`, from the phone
    /// number `from` (its ID).
    #[allow(missing_docs)]
    Sent {
        line: u64,
        wamid: String,
        status: Option<String>,
        from: Option<std::sync::Arc<str>>,
    },
    /// Refused by Meta, with its Graph error code when it gave one.
    #[allow(missing_docs)]
    Failed {
        line: u64,
        code: Option<i64>,
        reason: String,
    },
    /// May have been sent (a timeout, a lost connection, a 5xx).
    #[allow(missing_docs)]
    Unknown {
        line: u64,
        code: Option<i64>,
        reason: String,
    },
    /// Back to pending (a retryable error, or a run stopping before sending it), with the
    /// attempts made so far.
    #[allow(missing_docs)]
    Pending { line: u64, attempts: u32 },
}

impl Op {
    /// The row it is about.
    pub fn line(&self) -> u64 {
        match self {
            Self::Invalid { line, .. }
            | Self::Suppressed { line, .. }
            | Self::HeldOut { line }
            | Self::Sent { line, .. }
            | Self::Failed { line, .. }
            | Self::Unknown { line, .. }
            | Self::Pending { line, .. } => *line,
        }
    }
}

/// A candidate for sending, checked against the journal before dispatch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The row's line.
    pub line: u64,
    /// The recipient's canonical address, unique per campaign.
    pub key: String,
}

/// What the journal said about a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reservation {
    /// Committed as in flight: send it now. Carries attempts made before.
    Send {
        /// Attempts with an answer made before.
        attempts: u32,
    },
    /// The same recipient is on an earlier line; recorded as skipped.
    Duplicate,
    /// Already handled by an earlier run (final, or unknown): do not send.
    Done,
}

/// One run of the campaign.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RunRecord {
    /// Start, Unix ms.
    pub started_ms: i64,
    /// End, Unix ms; absent for a run that was killed.
    pub finished_ms: Option<i64>,
    /// Messages sent in it.
    pub sent: u64,
    /// `complete`, `stopped: ...`, or absent when killed.
    pub outcome: Option<String>,
    /// The approved template the run's message was checked against before sending, when it
    /// was (`id`, `name`, `language`, `status`, `category`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<serde_json::Value>,
}

/// A sent row as `campaign reconcile` needs it: the message, who sent it and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentRecord {
    /// Line in the recipient list.
    pub line: u64,
    /// Canonical address (a phone number's digits, or a BSUID).
    pub key: Option<String>,
    /// The message ID the send answered.
    pub wamid: String,
    /// The phone number ID it was sent from, when recorded (journals from before it was
    /// kept have none).
    pub sent_from: Option<String>,
    /// When its outcome was recorded (Unix ms): the send, within the request's time.
    pub sent_ms: i64,
}

/// One recipient as recorded in the journal.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RowRecord {
    /// Line in the recipient list.
    pub line: u64,
    /// Canonical address (absent for invalid and skipped rows).
    pub key: Option<String>,
    /// Where it stands.
    #[serde(serialize_with = "state_name")]
    pub state: State,
    /// Attempts with an answer.
    pub attempts: u32,
    /// The message ID, when sent.
    pub wamid: Option<String>,
    /// The `message_status`, when sent.
    pub message_status: Option<String>,
    /// The Graph error code, when refused or unknown.
    pub error_code: Option<i64>,
    /// Why it is not sent.
    pub reason: Option<String>,
    /// The revision of the definition it was last sent (or tried) with.
    pub revision: Option<i64>,
}

fn state_name<S: serde::Serializer>(state: &State, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(state.as_str())
}

/// A seed send: the campaign's message to one internal number, sent before the list and kept
/// apart from it (`campaign run --seed FILE`).
///
/// ```
/// use marketing::campaign::SeedRecord;
///
/// let seed = SeedRecord { recipient: "447700900001".into(), line: 2, state: "sent".into(),
///     wamid: Some("wamid.1".into()), code: None, reason: None };
/// assert_eq!(seed.state, "sent");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SeedRecord {
    /// The recipient, as sent.
    pub recipient: String,
    /// The line in the seed list.
    pub line: u64,
    /// `in_flight`, `sent`, `failed`, `unknown` or `invalid`, as for the list's rows.
    pub state: String,
    /// The message ID, when sent.
    pub wamid: Option<String>,
    /// Graph's error code, when refused.
    pub code: Option<i64>,
    /// Why it was not sent, or may not have been.
    pub reason: Option<String>,
}
