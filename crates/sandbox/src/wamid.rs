//! Message IDs shaped like Meta's: `wamid.` and base64 of a small record holding the user's
//! ID and a unique hex string.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Makes this process's sandboxes' IDs differ from each other and from earlier runs.
pub(crate) fn instance_tag() -> u32 {
    static STARTED: AtomicU64 = AtomicU64::new(0);
    let nth = STARTED.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or_default();
    let mixed =
        (nanos ^ u64::from(std::process::id()).rotate_left(32) ^ nth.wrapping_mul(0x9E37_79B9))
            .wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (mixed >> 32) as u32
}

/// `wamid.` + base64 of `[0x1C, 0x18, len] user [0x15, 0x02, 0x00, 0x11, 0x18, 0x12]
/// <18 hex digits> [0x00]`, the layout of Meta's IDs. Unique per (instance, sequence).
pub(crate) fn wamid(user: &str, instance: u32, sequence: u64) -> String {
    let user = &user.as_bytes()[..user.len().min(64)];
    let mut raw = Vec::with_capacity(user.len() + 28);
    raw.extend_from_slice(&[0x1C, 0x18, user.len() as u8]);
    raw.extend_from_slice(user);
    raw.extend_from_slice(&[0x15, 0x02, 0x00, 0x11, 0x18, 0x12]);
    raw.extend_from_slice(format!("{instance:08X}{:010X}", sequence & 0xFF_FFFF_FFFF).as_bytes());
    raw.push(0);
    let mut out = String::with_capacity(6 + raw.len() * 4 / 3 + 4);
    out.push_str("wamid.");
    base64(&raw, &mut out);
    out
}

fn base64(bytes: &[u8], out: &mut String) {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            let mut out = String::new();
            base64(input.as_bytes(), &mut out);
            assert_eq!(out, expected);
        }
    }

    #[test]
    fn ids_look_like_metas_and_differ() {
        let a = wamid("447700900123", 0xA9B654FF, 1);
        assert!(a.starts_with("wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgS"), "{a}");
        assert_ne!(a, wamid("447700900123", 0xA9B654FF, 2));
        assert_ne!(a, wamid("447700900123", 0xA9B654FE, 1));
    }
}
