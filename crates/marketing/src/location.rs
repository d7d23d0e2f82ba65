//! Where a store is kept, as the user wrote it (`--journal`, `--events`), read once.
//!
//! A journal and an event store are each either an SQLite file or tables in a PostgreSQL
//! database. Everything that must know which (opening it, naming it in a message without its
//! password, finding a campaign's `#name`) asks a [`Location`] instead of looking at the text
//! again.

use std::path::{Path, PathBuf};

/// A parsed `--journal` or `--events` value.
///
/// ```
/// use std::path::Path;
/// use marketing::location::Location;
///
/// let db = Location::parse(Path::new("postgres://wamm:s3cret@db.internal/wamm#spring"))?;
/// assert!(db.is_postgres());
/// assert_eq!(db.name(), Some("spring"));
/// assert_eq!(db.label(), "postgres://wamm@db.internal/wamm#spring");
///
/// let file = Location::parse(Path::new("spring.journal"))?;
/// assert!(!file.is_postgres());
/// assert_eq!(file.label(), "spring.journal");
///
/// // Written like a URL, but not one wamm connects to: refused, without the password.
/// let error = Location::parse(Path::new("POSTGRES://wamm:s3cret@db/wamm")).unwrap_err();
/// assert!(!error.to_string().contains("s3cret"), "{error}");
/// # Ok::<(), marketing::location::LocationError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file.
    File(PathBuf),
    /// A PostgreSQL database: the URL the driver connects to (with any password, escaped for
    /// the driver; never printed) and the name after `#`, when one is given.
    Postgres {
        /// The connection URL, password included. Never print it: use [`Location::label`].
        url: String,
        /// The campaign's name after `#` (a journal's; an event store ignores it).
        name: Option<String>,
    },
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Location").field(&self.label()).finish()
    }
}

/// A location that looks like a URL (`SCHEME://...`) but is not one wamm connects to.
#[derive(Debug, thiserror::Error)]
#[error(
    "{label} looks like a URL, but wamm keeps journals and event stores in a file or in PostgreSQL, written postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE (or postgresql://, in lower case, with nothing before it)"
)]
pub struct LocationError {
    /// The location without its password.
    label: String,
}

impl LocationError {
    /// The location as shown (without its password).
    pub fn label(&self) -> &str {
        &self.label
    }
}

impl Location {
    /// Reads `location`: `postgres://` or `postgresql://` (as written) is a database, anything
    /// else written like a URL is refused (`POSTGRES://`, `postgresql+psycopg://`, a URL pasted
    /// with a leading space would otherwise be taken for a file name, and every message about
    /// that "file" would print its password), and the rest is a file.
    pub fn parse(location: &Path) -> Result<Self, LocationError> {
        let text = location.to_string_lossy();
        if is_postgres_text(&text) {
            let (url, name) = split(&text);
            return Ok(Self::Postgres { url, name });
        }
        if text.contains("://") {
            return Err(LocationError {
                label: wamm_client::redact_url(&text),
            });
        }
        Ok(Self::File(location.to_path_buf()))
    }

    /// Whether it names a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres { .. })
    }

    /// The campaign's name after `#`, for a database.
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::Postgres { name, .. } => name.as_deref(),
            Self::File(_) => None,
        }
    }

    /// How messages name it: a file's path, or the URL without its password (which comes from
    /// the URL or `PGPASSWORD` and is never printed), with `#name` when there is one.
    pub fn label(&self) -> String {
        match self {
            Self::File(path) => path.display().to_string(),
            Self::Postgres { url, name } => {
                let mut label = wamm_client::redact_url(url);
                if let Some(name) = name {
                    label.push('#');
                    label.push_str(name);
                }
                label
            }
        }
    }

    /// The database without the name (a database's label before `#`).
    pub fn database_label(&self) -> String {
        match self {
            Self::File(path) => path.display().to_string(),
            Self::Postgres { url, .. } => wamm_client::redact_url(url),
        }
    }

    /// The same database naming the campaign `name`, unless it names one already (or `name` is
    /// empty). Everything printed after a run (its report, the command that resumes it) then
    /// names that campaign, however many others the database holds. A file is left as it is.
    pub fn with_name(&self, name: &str) -> Self {
        match self {
            Self::Postgres { url, name: None } if !name.is_empty() => Self::Postgres {
                url: url.clone(),
                name: Some(name.to_string()),
            },
            other => other.clone(),
        }
    }
}

/// Whether `text` starts like a PostgreSQL URL, as written (lower case, nothing before it).
fn is_postgres_text(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// Splits `postgres://USER:PASSWORD@HOST/DATABASE#CAMPAIGN` into the URL the driver connects
/// to and the campaign's name, if one follows `#`.
///
/// The user-info runs to the last `@` (as [`wamm_client::redact_url`] reads it), so a
/// password pasted with `/ ? # @ :` unescaped is read whole: those characters are escaped for
/// the driver, which would otherwise end the password at its first `@` and take a `#` in it
/// for the campaign's. The campaign is what follows the first `#` after that `@` (so a
/// campaign's name cannot hold an `@`).
fn split(location: &str) -> (String, Option<String>) {
    let scheme_end = location.find("://").map_or(0, |i| i + 3);
    let at = location[scheme_end..].rfind('@').map(|i| scheme_end + i);
    let host_start = at.map_or(scheme_end, |at| at + 1);
    let (url_end, campaign) = match location[host_start..].find('#') {
        Some(i) => {
            let name = &location[host_start + i + 1..];
            (host_start + i, (!name.is_empty()).then(|| name.to_string()))
        }
        None => (location.len(), None),
    };
    let mut url = location[..scheme_end].to_string();
    if let Some(at) = at {
        let user_info = &location[scheme_end..at];
        match user_info.split_once(':') {
            Some((user, password)) => {
                url.push_str(user);
                url.push(':');
                for c in password.chars() {
                    match c {
                        '@' => url.push_str("%40"),
                        '/' => url.push_str("%2F"),
                        '?' => url.push_str("%3F"),
                        '#' => url.push_str("%23"),
                        ':' => url.push_str("%3A"),
                        c => url.push(c),
                    }
                }
            }
            None => url.push_str(user_info),
        }
    }
    url.push_str(&location[at.map_or(scheme_end, |at| at)..url_end]);
    (url, campaign)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (String, Option<String>) {
        match Location::parse(Path::new(text)).unwrap() {
            Location::Postgres { url, name } => (url, name),
            Location::File(_) => panic!("{text} read as a file"),
        }
    }

    #[test]
    fn the_campaign_follows_the_hash() {
        let url = |u: &str| u.to_string();
        assert_eq!(
            parts("postgres://h/d#spring"),
            (url("postgres://h/d"), Some(url("spring")))
        );
        assert_eq!(parts("postgres://h/d#"), (url("postgres://h/d"), None));
        assert_eq!(parts("postgres://h/d"), (url("postgres://h/d"), None));
        assert_eq!(
            parts("postgres://u@h/d#spring#2"),
            (url("postgres://u@h/d"), Some(url("spring#2")))
        );
    }

    /// A pasted password reaches the driver whole, escaped; its `#` is not the campaign's.
    #[test]
    fn a_password_is_read_to_the_last_at() {
        let (url, campaign) = parts("postgres://wamm:Sx/Yq?Zr#Wk@Vm:Up%40Tn@db:5432/wamm#spring");
        assert_eq!(
            url,
            "postgres://wamm:Sx%2FYq%3FZr%23Wk%40Vm%3AUp%40Tn@db:5432/wamm"
        );
        assert_eq!(campaign.as_deref(), Some("spring"));
        let config: postgres::Config = url.parse().unwrap();
        assert_eq!(config.get_password(), Some(&b"Sx/Yq?Zr#Wk@Vm:Up@Tn"[..]));
        assert_eq!(config.get_user(), Some("wamm"));
        assert_eq!(config.get_dbname(), Some("wamm"));
        let (url, campaign) = parts("postgres://wamm:s3cret@db/wamm?sslmode=disable");
        assert_eq!(url, "postgres://wamm:s3cret@db/wamm?sslmode=disable");
        assert_eq!(campaign, None);
    }

    #[test]
    fn labels_never_hold_the_password() {
        for text in [
            "postgres://wamm:s3cret@db.internal:5432/wamm#spring",
            "postgresql://wamm:s/3?c#r@e:t%40@db.internal/wamm#spring",
        ] {
            let location = Location::parse(Path::new(text)).unwrap();
            assert!(!location.label().contains("s3cret"), "{}", location.label());
            assert!(!format!("{location:?}").contains("s3cret"));
            assert!(location.label().ends_with("/wamm#spring"));
        }
    }

    #[test]
    fn a_name_is_added_once() {
        let bare = Location::parse(Path::new("postgres://wamm@db/wamm")).unwrap();
        let named = bare.with_name("spring");
        assert_eq!(named.label(), "postgres://wamm@db/wamm#spring");
        assert_eq!(named.with_name("other"), named);
        assert_eq!(bare.with_name(""), bare);
    }
}
