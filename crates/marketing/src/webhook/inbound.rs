//! Opt-outs in what users send: a message a user writes or taps can say "no more marketing"
//! as clearly as Meta's `user_preferences` event, and must suppress them the same way.
//!
//! Three forms are read from a `messages` change's `value.messages[]`:
//! - a text whose whole body, trimmed and case-folded (and without closing punctuation), is
//!   one of the [`OptOutKeywords`]: source `inbound-text:<KEYWORD>`;
//! - a tap on a template's "Stop promotions" quick reply, Meta's marketing opt-out button
//!   (`type: button`, its `text` or `payload`): source `quick-reply`;
//! - the older `system` message with `type: user_preference_changed`, whose body says
//!   whether the user stopped or resumed: source `user_preference_changed`.
//!
//! Everything else a user sends is kept and counted, and changes nothing.

use crate::types::InboundMessage;

use super::PreferenceValue;

/// The keywords wamm reads as "stop marketing messages" unless told otherwise.
///
/// The message must be the keyword alone: "stop" is an opt-out, "don't stop the sale
/// reminders" is not. The list holds the words people use to leave a marketing list (the
/// SMS industry's `STOP`, `STOPALL` and `UNSUBSCRIBE`; `STOP PROMOTIONS`, the words of
/// Meta's own button, typed; `OPT OUT`). The other SMS keywords (`CANCEL`, `END`, `QUIT`)
/// are left out on purpose: on WhatsApp the same number also carries service conversations,
/// where "cancel" answers an order and "end" closes a chat with an agent. Add them, or words
/// in the customers' language, with [`OptOutKeywords::new`] (`wamm webhook serve
/// --opt-out-keyword`).
pub const DEFAULT_OPT_OUT_KEYWORDS: &[&str] = &[
    "STOP",
    "STOP PROMOTIONS",
    "STOPALL",
    "UNSUBSCRIBE",
    "OPT OUT",
    "OPTOUT",
];

/// The words of Meta's marketing opt-out quick reply on a template ("Stop promotions").
pub const STOP_PROMOTIONS_BUTTON: &str = "Stop promotions";

/// The texts that, sent alone, mean the user stops marketing messages.
///
/// ```
/// use marketing::webhook::OptOutKeywords;
///
/// let keywords = OptOutKeywords::default();
/// assert_eq!(keywords.matching("  stop! "), Some("STOP"));
/// assert_eq!(keywords.matching("Stop   Promotions"), Some("STOP PROMOTIONS"));
/// assert_eq!(keywords.matching("please stop"), None);
/// let mine = OptOutKeywords::new(["STOP", "Pare", "cancel"])?;
/// assert_eq!(mine.matching("PARE"), Some("PARE"));
/// assert!(OptOutKeywords::new(["  "]).is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptOutKeywords {
    /// Normalised ([`normalise`]), without repeats.
    words: Vec<String>,
}

impl Default for OptOutKeywords {
    fn default() -> Self {
        Self {
            words: DEFAULT_OPT_OUT_KEYWORDS
                .iter()
                .map(|w| normalise(w))
                .collect(),
        }
    }
}

impl OptOutKeywords {
    /// These keywords instead of the default ones. Each is compared as written here,
    /// trimmed, case-folded and with its inner spaces collapsed; an empty one, or one over
    /// 64 characters, is refused with why.
    pub fn new<I, S>(words: I) -> Result<Self, String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut normalised: Vec<String> = Vec::new();
        for word in words {
            let word = word.as_ref();
            let key = normalise(word);
            if key.is_empty() {
                return Err(format!(
                    "opt-out keyword {word:?}: expected a word or phrase, got nothing"
                ));
            }
            if key.chars().count() > 64 {
                return Err(format!(
                    "opt-out keyword {word:?}: expected at most 64 characters (a user's whole message)"
                ));
            }
            if !normalised.contains(&key) {
                normalised.push(key);
            }
        }
        if normalised.is_empty() {
            return Err("expected at least one opt-out keyword".into());
        }
        Ok(Self { words: normalised })
    }

    /// The keywords, as they are compared (upper case).
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The keyword `text` is, when it is one.
    pub fn matching(&self, text: &str) -> Option<&str> {
        let text = normalise(text);
        self.words
            .iter()
            .find(|word| **word == text)
            .map(String::as_str)
    }
}

/// Trimmed, without closing punctuation (`STOP.`, `stop!`), inner whitespace collapsed,
/// upper case.
fn normalise(text: &str) -> String {
    let text = text
        .trim()
        .trim_end_matches(['.', '!', '?', ',', ';'])
        .trim();
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// A user's marketing preference read from a message they sent, and what said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreferenceSignal {
    /// `stop` (or `resume`, which only the older `system` message says).
    pub value: PreferenceValue,
    /// What said so: `inbound-text:STOP` (the keyword), `quick-reply` or
    /// `user_preference_changed`; kept as the suppression's source.
    pub source: String,
}

/// The preference `message` expresses, if any.
///
/// ```
/// use marketing::types::{InboundMessage, InboundMessageButton};
/// use marketing::webhook::{OptOutKeywords, PreferenceValue, preference_in};
///
/// let button: InboundMessageButton =
///     wamm_client::build(InboundMessageButton::builder().text("Stop promotions".to_string()));
/// let tap: InboundMessage = wamm_client::build(
///     InboundMessage::builder()
///         .type_("button".to_string())
///         .button(button),
/// );
/// let signal = preference_in(&tap, &OptOutKeywords::default()).unwrap();
/// assert_eq!((signal.value, signal.source.as_str()), (PreferenceValue::Stop, "quick-reply"));
/// ```
pub fn preference_in(
    message: &InboundMessage,
    keywords: &OptOutKeywords,
) -> Option<PreferenceSignal> {
    let stop = |source: String| {
        Some(PreferenceSignal {
            value: PreferenceValue::Stop,
            source,
        })
    };
    match message.type_.as_deref() {
        Some("text") => {
            let body = message.text.as_ref()?.body.as_deref()?;
            let keyword = keywords.matching(body)?;
            stop(format!("inbound-text:{keyword}"))
        }
        Some("button") => {
            let button = message.button.as_ref()?;
            let tapped = [button.text.as_deref(), button.payload.as_deref()]
                .into_iter()
                .flatten()
                .any(|words| normalise(words) == normalise(STOP_PROMOTIONS_BUTTON));
            if tapped {
                stop("quick-reply".to_string())
            } else {
                None
            }
        }
        Some("system") => {
            let system = message.system.as_ref()?;
            if system.type_.as_deref() != Some("user_preference_changed") {
                return None;
            }
            // "User requested to stop marketing messages" / "... to resume ...".
            let body = system.body.as_deref().unwrap_or_default().to_lowercase();
            let value = if body.contains("resume") {
                PreferenceValue::Resume
            } else if body.contains("stop") {
                PreferenceValue::Stop
            } else {
                return None;
            };
            Some(PreferenceSignal {
                value,
                source: "user_preference_changed".to_string(),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_whole_message_is_a_keyword() {
        let keywords = OptOutKeywords::default();
        for text in [
            "STOP",
            "stop",
            " Stop. ",
            "UNSUBSCRIBE",
            "opt  out",
            "StopAll",
        ] {
            assert!(keywords.matching(text).is_some(), "{text}");
        }
        for text in ["stop it please", "cancel", "end", "", "stopp", "non-stop"] {
            assert!(keywords.matching(text).is_none(), "{text}");
        }
    }

    #[test]
    fn chosen_keywords_replace_the_default_ones() {
        let keywords = OptOutKeywords::new(["cancel", "CANCEL ", "Sair"]).unwrap();
        assert_eq!(keywords.words(), ["CANCEL", "SAIR"]);
        assert!(keywords.matching("stop").is_none());
        assert!(OptOutKeywords::new(Vec::<String>::new()).is_err());
        assert!(
            OptOutKeywords::new(["x".repeat(65)])
                .unwrap_err()
                .contains("64")
        );
    }
}
