//! Phone numbers as people write them, turned into the digits WhatsApp expects, or refused
//! when that would mean guessing.

use std::fmt;

/// Why a phone number cannot be normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneError {
    input: String,
    reason: &'static str,
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} {}", self.input, self.reason)
    }
}

impl std::error::Error for PhoneError {}

/// The international digits of a phone number: separators (spaces, `-`, `.`, `/`, brackets)
/// dropped, a leading `+` or `00` international prefix removed. What cannot be read without
/// guessing is refused: a national number (a leading `0`, no country code), letters or an
/// extension, or fewer than 8 or more than 15 digits.
///
/// ```
/// use marketing::normalise_phone;
///
/// assert_eq!(normalise_phone("+44 7700 900261").unwrap(), "447700900261");
/// assert_eq!(normalise_phone("00447700900261").unwrap(), "447700900261");
/// assert_eq!(normalise_phone("(+55) 11-98765-4321").unwrap(), "5511987654321");
/// assert!(normalise_phone("07700 900261").unwrap_err().to_string().contains("country code"));
/// assert!(normalise_phone("+44 7700 900261 ext 2").is_err());
/// ```
pub fn normalise_phone(input: &str) -> Result<String, PhoneError> {
    let error = |reason| PhoneError {
        input: input.chars().take(40).collect(),
        reason,
    };
    let text = input.trim();
    let mut digits = String::with_capacity(text.len());
    let mut plus = false;
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if digits.is_empty() && !plus => plus = true,
            ' ' | '-' | '.' | '/' | '(' | ')' | '\u{a0}' => {}
            _ => {
                return Err(error(
                    "is not a phone number: only digits, a leading + and separators (spaces, - . / brackets) are allowed",
                ));
            }
        }
    }
    if digits.is_empty() {
        return Err(error("has no digits"));
    }
    if !plus {
        if let Some(rest) = digits.strip_prefix("00") {
            digits = rest.to_string();
        } else if digits.starts_with('0') {
            return Err(error(
                "looks like a national number (a leading 0): write it with its country code, such as +44 7700 900261",
            ));
        }
    }
    if digits.starts_with('0') {
        return Err(error("has a country code starting with 0"));
    }
    if !(8..=15).contains(&digits.len()) {
        return Err(error("is not 8 to 15 digits long with its country code"));
    }
    Ok(digits)
}
