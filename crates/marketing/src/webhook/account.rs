//! `account_update` changes: what happened to the WhatsApp Business Account, typed where it
//! matters to a sender of marketing messages.

use std::fmt;

/// What an `account_update` change says happened (its `value.event`). Meta adds values: one
/// this version does not name is kept as [`AccountEvent::Other`], exactly as sent.
///
/// ```
/// use marketing::webhook::AccountEvent;
///
/// assert_eq!(AccountEvent::from("MM_LITE_TERMS_SIGNED"), AccountEvent::MmLiteTermsSigned);
/// let other = AccountEvent::from("VERIFIED_ACCOUNT");
/// assert_eq!(other.as_str(), "VERIFIED_ACCOUNT");
/// assert!(!other.enables_marketing_messages());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AccountEvent {
    /// `MM_LITE_TERMS_SIGNED`: the business accepted the Marketing Messages terms, the step
    /// that lets its numbers send through this API (until then a `STRICT` send is refused and
    /// a fallback one goes through the Cloud API).
    MmLiteTermsSigned,
    /// Any other value (`ACCOUNT_UPDATE`, `VERIFIED_ACCOUNT`, `DISABLED_UPDATE`, values Meta
    /// adds), as sent.
    Other(String),
}

impl AccountEvent {
    /// The value as Meta sends it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::MmLiteTermsSigned => "MM_LITE_TERMS_SIGNED",
            Self::Other(value) => value,
        }
    }

    /// Whether the event is the business becoming able to send marketing messages through
    /// this API.
    pub fn enables_marketing_messages(&self) -> bool {
        matches!(self, Self::MmLiteTermsSigned)
    }
}

impl From<&str> for AccountEvent {
    fn from(value: &str) -> Self {
        match value {
            "MM_LITE_TERMS_SIGNED" => Self::MmLiteTermsSigned,
            other => Self::Other(other.to_string()),
        }
    }
}

impl fmt::Display for AccountEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
