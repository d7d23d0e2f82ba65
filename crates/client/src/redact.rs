//! Credentials out of URLs before they are shown.
//!
//! Every URL wamm prints (a base URL in `-v` logs and errors, a journal or event store
//! location in errors, hints and start-up lines) goes through [`redact_url`]. It does not parse
//! the URL as a URL: a password pasted into a URL often holds `/ ? # @ :` unescaped, and a
//! parser would then take part of it for the host, port, path or fragment and print it.

/// `url` with its password removed, for showing in output, logs and errors.
///
/// The user-info is everything between `://` and the **last** `@`, so a password may hold any
/// character, escaped or not (`/ ? # @ :`, `%40`): none of it is kept. For `postgres://` and
/// `postgresql://`, the user name before the first `:` is kept (a role name, which the
/// server's own errors name anyway), so that a printed location still works with the password
/// in `PGPASSWORD`. For other schemes the whole user-info becomes `***`: `https://TOKEN@host`
/// carries a token in the user's place.
/// A `password=` or `sslpassword=` query parameter's value (to the next `&`) becomes `***`
/// too.
///
/// When the query or the fragment holds an `@`, more than the password is hidden (the text up
/// to that `@`): a URL shown too short, never a secret shown.
///
/// ```
/// use wamm_client::redact_url;
///
/// assert_eq!(
///     redact_url("postgres://wamm:s3/cr?t#x@y:z@db.internal:5432/wamm#spring"),
///     "postgres://wamm@db.internal:5432/wamm#spring"
/// );
/// assert_eq!(redact_url("postgres://wamm@db/wamm"), "postgres://wamm@db/wamm");
/// assert_eq!(
///     redact_url("postgres://db/wamm?user=wamm&password=s3cret"),
///     "postgres://db/wamm?user=wamm&password=***"
/// );
/// assert_eq!(
///     redact_url("https://ana:s3cret@gw.example.org/v23.0"),
///     "https://***@gw.example.org/v23.0"
/// );
/// assert_eq!(redact_url("https://t0ken@gw.example.org"), "https://***@gw.example.org");
/// assert_eq!(redact_url("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
/// ```
pub fn redact_url(url: &str) -> String {
    // What becomes of each byte; a run of hidden bytes is shown as one `***`.
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Shown,
        Dropped,
        Hidden,
    }
    let mut marks = vec![Mark::Shown; url.len()];
    let mut mark = |range: std::ops::Range<usize>, how: Mark| {
        for m in &mut marks[range] {
            if *m != Mark::Hidden {
                *m = how;
            }
        }
    };
    if let Some(scheme_end) = url.find("://").map(|i| i + 3)
        && let Some(at) = url[scheme_end..].rfind('@').map(|i| scheme_end + i)
    {
        let user_info = &url[scheme_end..at];
        let user_len = user_info.find(':').unwrap_or(user_info.len());
        let user = &user_info[..user_len];
        // Not a user name but a path or query that held an `@` (`?password=a@b`); or not
        // PostgreSQL's user-info, which may be a token (`https://TOKEN@host`).
        let suspect = user.contains(['/', '?', '#', '&', '=']) || !is_postgres(&url[..scheme_end]);
        if suspect {
            mark(scheme_end..at, Mark::Hidden);
        } else {
            mark(scheme_end + user_len..at, Mark::Dropped);
        }
    }
    let lower = url.to_ascii_lowercase();
    for key in ["password=", "sslpassword="] {
        for (at, _) in lower.match_indices(key) {
            if at == 0 || !matches!(url.as_bytes()[at - 1], b'?' | b'&') {
                continue;
            }
            let start = at + key.len();
            // To the next `&`, past any `#`: so the PostgreSQL driver reads a value, and a
            // password may hold a `#`.
            let end = url[start..].find('&').map_or(url.len(), |i| start + i);
            if start < end {
                mark(start..end, Mark::Hidden);
            }
        }
    }
    let mut shown = String::with_capacity(url.len());
    let mut run_start = 0;
    for i in 1..=url.len() {
        if i < url.len() && marks[i] == marks[run_start] {
            continue;
        }
        match marks[run_start] {
            Mark::Shown => shown.push_str(&url[run_start..i]),
            Mark::Dropped => {}
            Mark::Hidden => shown.push_str("***"),
        }
        run_start = i;
    }
    shown
}

fn is_postgres(scheme: &str) -> bool {
    let scheme = scheme.to_ascii_lowercase();
    scheme == "postgres://" || scheme == "postgresql://"
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    /// Passwords a user may paste, unescaped or escaped, in every URL shape wamm prints.
    #[test]
    fn no_part_of_any_password_is_shown() {
        let passwords = [
            "Sx/Yq",
            "Sx?Yq",
            "Sx#Yq",
            "Sx@Yq",
            "Sx:Yq",
            "Sx/Yq?Zr#Wk@Vm:Up",
            "Sx%40Yq%2FZr",
            "@Sx",
            "Sx@",
            "Sx::@@//??##",
            "%Sx",
        ];
        let shapes = [
            "postgres://wamm:{}@db.internal:5432/wamm#spring",
            "postgresql://wamm:{}@db/wamm?sslmode=require",
            "postgres://wamm:{}@127.0.0.1:1/wamm?sslmode=disable#a#b",
            "postgres://:{}@db/wamm",
            "https://ana:{}@gw.example.org/v23.0/",
            "https://{}@gw.example.org",
            "postgres://db/wamm?user=wamm&password={}",
            "postgres://db/wamm?PassWord={}#spring",
            "postgres://db/wamm?password={}&sslmode=disable",
        ];
        for password in passwords {
            for shape in shapes {
                let url = shape.replace("{}", password);
                let shown = redact_url(&url);
                for piece in password
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|p| !p.is_empty())
                {
                    assert!(!shown.contains(piece), "{url} shown as {shown}");
                }
                // And the decoded password, for the escaped ones.
                assert!(!shown.contains("Sx@Yq/Zr"), "{url} shown as {shown}");
            }
        }
    }

    #[test]
    fn what_is_not_a_secret_stays() {
        for (url, shown) in [
            (
                "postgres://wamm:p@ss@db:5432/wamm?sslmode=disable#spring",
                "postgres://wamm@db:5432/wamm?sslmode=disable#spring",
            ),
            ("postgres://db/wamm", "postgres://db/wamm"),
            ("postgresql://u:p:q@h/d", "postgresql://u@h/d"),
            ("postgres://:p@h/d", "postgres://@h/d"),
            ("https://graph.facebook.com", "https://graph.facebook.com"),
            ("http://127.0.0.1:9/v23.0/", "http://127.0.0.1:9/v23.0/"),
            ("events.db", "events.db"),
            ("./journal#1", "./journal#1"),
        ] {
            assert_eq!(redact_url(url), shown, "{url}");
        }
    }
}
