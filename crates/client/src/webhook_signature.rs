//! The `X-Hub-Signature-256` header of Meta's webhook POSTs: `sha256=` and the lower-case hex
//! HMAC-SHA256 of the raw request body, keyed with the app secret.
//!
//! One implementation for both sides: the sandbox signs the callbacks it sends, and
//! `marketing::webhook` verifies what a receiver gets. Verification works on the bytes as
//! received (never on re-serialised JSON, which would not be byte-identical) and compares in
//! constant time.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header Meta signs webhook POSTs with.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature-256";

const PREFIX: &str = "sha256=";

/// Why a webhook's signature was refused. The messages never contain the secret or the
/// expected signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// No `X-Hub-Signature-256` header.
    #[error("no X-Hub-Signature-256 header: Meta signs every webhook POST")]
    Missing,
    /// The header is not `sha256=` followed by 64 hex digits.
    #[error("X-Hub-Signature-256 is not `sha256=` followed by 64 hex digits")]
    Malformed,
    /// Well formed, but not the HMAC of this body with this secret.
    #[error(
        "X-Hub-Signature-256 does not match the body: not signed with this app secret, or altered on the way"
    )]
    Mismatch,
}

/// The header value for `body` signed with `app_secret`: `sha256=<64 hex digits>`.
///
/// ```
/// let header = wamm_client::webhook_signature::sign(b"app-secret", br#"{"object":"whatsapp_business_account"}"#);
/// assert!(header.starts_with("sha256="));
/// assert_eq!(header.len(), 7 + 64);
/// ```
pub fn sign(app_secret: &[u8], body: &[u8]) -> String {
    let digest = mac(app_secret, body).finalize().into_bytes();
    let mut header = String::with_capacity(PREFIX.len() + 64);
    header.push_str(PREFIX);
    for byte in digest {
        header.push(hex_digit(byte >> 4));
        header.push(hex_digit(byte & 0x0f));
    }
    header
}

/// Checks `header` (the value of `X-Hub-Signature-256`, `None` when absent) against `body`
/// as received. Hex digits may be upper or lower case; the comparison takes the same time
/// wherever the first differing byte is.
///
/// ```
/// use wamm_client::webhook_signature::{SignatureError, sign, verify};
///
/// let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
/// let header = sign(b"app-secret", body);
/// assert_eq!(verify(b"app-secret", body, Some(&header)), Ok(()));
/// assert_eq!(verify(b"other-secret", body, Some(&header)), Err(SignatureError::Mismatch));
/// assert_eq!(verify(b"app-secret", body, None), Err(SignatureError::Missing));
/// assert_eq!(verify(b"app-secret", body, Some("sha1=abc")), Err(SignatureError::Malformed));
/// ```
pub fn verify(app_secret: &[u8], body: &[u8], header: Option<&str>) -> Result<(), SignatureError> {
    let claimed = claimed(header)?;
    mac(app_secret, body)
        .verify_slice(&claimed)
        .map_err(|_| SignatureError::Mismatch)
}

/// Checks only that `header` is present and well formed (`sha256=` and 64 hex digits), which
/// needs no body: a receiver refuses a POST that fails this before reading its body, so an
/// unsigned request costs it no memory.
///
/// ```
/// use wamm_client::webhook_signature::{SignatureError, check_form, sign};
///
/// assert_eq!(check_form(Some(&sign(b"secret", b"body"))), Ok(()));
/// assert_eq!(check_form(None), Err(SignatureError::Missing));
/// assert_eq!(check_form(Some("sha256=zz")), Err(SignatureError::Malformed));
/// ```
pub fn check_form(header: Option<&str>) -> Result<(), SignatureError> {
    claimed(header).map(|_| ())
}

/// The 32 bytes a header claims.
fn claimed(header: Option<&str>) -> Result<[u8; 32], SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?;
    let hex = header
        .trim()
        .strip_prefix(PREFIX)
        .ok_or(SignatureError::Malformed)?;
    decode_hex(hex).ok_or(SignatureError::Malformed)
}

fn mac(app_secret: &[u8], body: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(app_secret)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(body);
    mac
}

fn hex_digit(nibble: u8) -> char {
    char::from(b"0123456789abcdef"[usize::from(nibble)])
}

/// 64 hex digits to 32 bytes; `None` for any other length or a non-hex character.
fn decode_hex(hex: &str) -> Option<[u8; 32]> {
    let bytes = hex.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in bytes.chunks_exact(2).enumerate() {
        let high = char::from(pair[0]).to_digit(16)?;
        let low = char::from(pair[1]).to_digit(16)?;
        out[i] = u8::try_from(high * 16 + low).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231, test case 2: HMAC-SHA256 with the key "Jefe".
    #[test]
    fn signs_as_hmac_sha256_does() {
        assert_eq!(
            sign(b"Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn one_changed_byte_of_the_body_or_the_signature_is_a_mismatch() {
        let body = br#"{"entry":[{"changes":[{"value":{"statuses":[{"status":"read"}]}}]}]}"#;
        let header = sign(b"secret", body);
        let mut altered = body.to_vec();
        altered[40] ^= 1;
        assert_eq!(
            verify(b"secret", &altered, Some(&header)),
            Err(SignatureError::Mismatch)
        );
        let mut wrong = header.clone().into_bytes();
        let last = wrong.len() - 1;
        wrong[last] = if wrong[last] == b'0' { b'1' } else { b'0' };
        let wrong = String::from_utf8(wrong).unwrap();
        assert_eq!(
            verify(b"secret", body, Some(&wrong)),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(
                b"secret",
                body,
                Some(&header.to_uppercase().replace("SHA256=", "sha256="))
            ),
            Ok(())
        );
    }

    #[test]
    fn anything_but_sha256_and_64_hex_digits_is_malformed() {
        let body = b"{}";
        let good = sign(b"s", body);
        for header in [
            "",
            "sha256=",
            "sha256=zz",
            &good[..good.len() - 1],
            &format!("{good}0"),
            &good.replace("sha256=", "sha1="),
            &good.replace("sha256=", ""),
            &format!("{}g", &good[..good.len() - 1]),
            "sha256=é0000000000000000000000000000000000000000000000000000000000000",
        ] {
            assert_eq!(
                verify(b"s", body, Some(header)),
                Err(SignatureError::Malformed),
                "{header:?}"
            );
        }
    }
}
