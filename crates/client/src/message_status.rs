//! `message_status` of a created message, open to values Meta adds later.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What happened to a message when Meta created it.
///
/// None of these means delivered; delivery is reported by status webhooks. Meta adds values
/// over time, so an unrecognised one is kept as [`MessageStatus::Unknown`] instead of failing
/// the whole response.
///
/// ```
/// use wamm_client::MessageStatus;
///
/// let status: MessageStatus = serde_json::from_str("\"held_for_quality_assessment\"").unwrap();
/// assert_eq!(status, MessageStatus::HeldForQualityAssessment);
/// let new: MessageStatus = serde_json::from_str("\"queued_for_review\"").unwrap();
/// assert_eq!(new.as_str(), "queued_for_review");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MessageStatus {
    /// `accepted`: taken for processing.
    Accepted,
    /// `held_for_quality_assessment`: held by template pacing until early feedback arrives;
    /// released on good feedback, dropped (with a 132015 `failed` webhook) on bad.
    HeldForQualityAssessment,
    /// `paused`: delivery is paused, for example because the template is paused. Not final.
    Paused,
    /// A value this version of wamm does not know, exactly as Meta sent it.
    Unknown(String),
}

impl MessageStatus {
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Accepted => "accepted",
            Self::HeldForQualityAssessment => "held_for_quality_assessment",
            Self::Paused => "paused",
            Self::Unknown(value) => value,
        }
    }
}

impl FromStr for MessageStatus {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(match value {
            "accepted" => Self::Accepted,
            "held_for_quality_assessment" => Self::HeldForQualityAssessment,
            "paused" => Self::Paused,
            other => Self::Unknown(other.to_string()),
        })
    }
}

impl fmt::Display for MessageStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for MessageStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MessageStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Cow::<'de, str>::deserialize(deserializer)?;
        let Ok(status) = value.parse();
        Ok(status)
    }
}

impl schemars::JsonSchema for MessageStatus {
    fn schema_name() -> Cow<'static, str> {
        "MessageStatus".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "accepted, held_for_quality_assessment, paused, or a value Meta added later",
            "examples": ["accepted", "held_for_quality_assessment", "paused"]
        })
    }
}
