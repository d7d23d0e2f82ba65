//! A PostgreSQL connection for wamm's stores (the campaign journal and the webhook event
//! store): set up so that every commit is durable, with wamm's schema migrated, and owned by a
//! thread of its own so that it may be used, and dropped, from any thread (the blocking client
//! must not run on a thread that drives async tasks).
//!
//! The tables live in the schema `wamm` (see `migrations/postgres/`), created and migrated by
//! wamm itself on first use: the role needs `CREATE` on the database the first time (or an
//! existing schema `wamm` it owns), then `SELECT`, `INSERT`, `UPDATE` on its tables.

use std::str::FromStr;
use std::sync::mpsc;
use std::time::Duration;

use postgres::{Client, NoTls};

use crate::campaign::CampaignError;

/// The schema migrations, in order: (version, SQL). Each is applied once, in a transaction,
/// and recorded in `wamm.schema_migrations`.
pub(crate) const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("../migrations/postgres/0001_journal.sql")),
    (2, include_str!("../migrations/postgres/0002_workers.sql")),
    (3, include_str!("../migrations/postgres/0003_senders.sql")),
    (4, include_str!("../migrations/postgres/0004_events.sql")),
    (5, include_str!("../migrations/postgres/0005_sent_from.sql")),
];

/// The first key of wamm's advisory locks ("wamm" in ASCII); the second is the campaign's ID.
pub(crate) const LOCK_CLASS: i32 = 0x7761_6d6d;

pub(crate) type Job = Box<dyn FnOnce(&mut Client) + Send>;

/// A connection owned by its own thread, which runs one job at a time.
pub(crate) struct Session {
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Session {
    /// Connects (see [`connect`]) on a new thread.
    pub(crate) fn start(url: &str, label: &str) -> Result<Self, CampaignError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let (ready, connected) = mpsc::sync_channel(1);
        let (url, label_owned) = (url.to_string(), label.to_string());
        let thread = std::thread::Builder::new()
            .name("wamm-postgres".into())
            .spawn(move || {
                let mut client = match connect(&url, &label_owned) {
                    Ok(client) => {
                        let _ = ready.send(Ok(()));
                        client
                    }
                    Err(e) => {
                        let _ = ready.send(Err(e));
                        return;
                    }
                };
                while let Ok(job) = queue.recv() {
                    job(&mut client);
                }
            })
            .map_err(|e| CampaignError::Journal(format!("{label}: cannot start a thread: {e}")))?;
        connected.recv().map_err(|_| {
            CampaignError::Journal(format!("{label}: the connection thread stopped"))
        })??;
        Ok(Self {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Runs `job` on the connection's thread and waits for its result.
    pub(crate) fn call<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Client) -> R + Send + 'static,
    ) -> Result<R, CampaignError> {
        self.submit(job)?.recv().map_err(|_| stopped())
    }

    /// Queues `job` on the connection's thread; its result arrives on the receiver.
    pub(crate) fn submit<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Client) -> R + Send + 'static,
    ) -> Result<mpsc::Receiver<R>, CampaignError> {
        let (reply, result) = mpsc::sync_channel(1);
        self.jobs
            .as_ref()
            .ok_or_else(stopped)?
            .send(Box::new(move |client| {
                let _ = reply.send(job(client));
            }))
            .map_err(|_| stopped())?;
        Ok(result)
    }
}

pub(crate) fn stopped() -> CampaignError {
    CampaignError::Journal("the PostgreSQL connection thread stopped".into())
}

impl Drop for Session {
    fn drop(&mut self) {
        // Closing the queue ends the thread, which closes the connection (and with it the
        // campaign's lock) on the thread that owns it.
        self.jobs.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A PostgreSQL error in words: the server's message, detail and hint when the server sent
/// one (the error's own `Display` says only "db error" then).
pub(crate) fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut text = format!("{}: {}", db.severity(), db.message());
            if let Some(detail) = db.detail() {
                text.push_str(&format!(" ({detail})"));
            }
            if let Some(hint) = db.hint() {
                text.push_str(&format!("; hint: {hint}"));
            }
            text
        }
        // With its causes: "error performing TLS handshake" alone does not say which
        // certificate was refused.
        None => {
            let mut text = e.to_string();
            let mut cause = std::error::Error::source(e);
            while let Some(inner) = cause {
                let said = inner.to_string();
                if !text.contains(&said) {
                    text.push_str(": ");
                    text.push_str(&said);
                }
                cause = inner.source();
            }
            text
        }
    }
}

/// A location (`postgres://USER:PASSWORD@HOST/DATABASE#CAMPAIGN`) split into the URL the
/// driver connects to and the campaign's name, if one follows `#`.
///
/// The user-info runs to the last `@` (as [`wamm_client::redact_url`] reads it), so a
/// password pasted with `/ ? # @ :` unescaped is read whole: those characters are escaped for
/// the driver, which would otherwise end the password at its first `@` and take a `#` in it
/// for the campaign's. The campaign is what follows the first `#` after that `@` (so a
/// campaign's name cannot hold an `@`).
pub(crate) fn split_location(location: &str) -> (String, Option<String>) {
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

pub(crate) fn this_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "unknown host".to_string())
}

/// Connects, sets the session up and applies any pending migration.
pub(crate) fn connect(url: &str, label: &str) -> Result<Client, CampaignError> {
    let fail = |what: &str, e: &postgres::Error| {
        CampaignError::Journal(format!("{label}: {what}: {}", describe(e)))
    };
    let mut config = postgres::Config::from_str(url).map_err(|e| {
        CampaignError::Input(format!(
            "{label} is not a PostgreSQL connection URL ({e}); expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[#CAMPAIGN]"
        ))
    })?;
    if config.get_password().is_none()
        && let Ok(password) = std::env::var("PGPASSWORD")
    {
        config.password(password);
    }
    config
        .application_name(&format!(
            "wamm pid {} on {}",
            std::process::id(),
            this_host()
        ))
        .connect_timeout(Duration::from_secs(10))
        .keepalives(true)
        .keepalives_idle(Duration::from_secs(30));
    let connected = if config.get_ssl_mode() == postgres::config::SslMode::Require {
        config.connect(tls(label)?)
    } else {
        config.connect(NoTls)
    };
    let mut client = connected.map_err(|e| fail("cannot connect", &e))?;
    // Commits wait for the server's WAL flush whatever the server's default; the server
    // notices a vanished client (and frees its locks) within about a minute.
    client
        .batch_execute(
            "SET synchronous_commit = on; SET tcp_keepalives_idle = 30; \
             SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3;",
        )
        .map_err(|e| fail("cannot set up the session", &e))?;
    let fsync: String = client
        .query_one("SHOW fsync", &[])
        .and_then(|r| r.try_get(0))
        .map_err(|e| fail("cannot read the server's settings", &e))?;
    if fsync != "on" {
        return Err(CampaignError::Journal(format!(
            "{label}: the server runs with fsync = {fsync}: a crash of it could lose commits, and a campaign could send twice; use a server with fsync = on"
        )));
    }
    migrate(&mut client).map_err(|e| fail("cannot prepare the schema wamm", &e))?;
    Ok(client)
}

/// The variable naming the certificates (PEM) that a server's certificate must chain to, as
/// libpq reads it; without it, the system's trusted roots.
pub(crate) const ROOT_CERT_VAR: &str = "PGSSLROOTCERT";

/// TLS for `sslmode=require`: rustls (the crypto provider reqwest uses too), verifying the
/// server's certificate and name against `PGSSLROOTCERT`'s certificates or the system's roots.
fn tls(label: &str) -> Result<tokio_postgres_rustls::MakeRustlsConnect, CampaignError> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let fail = |what: String| CampaignError::Journal(format!("{label}: TLS: {what}"));
    let mut roots = rustls::RootCertStore::empty();
    match std::env::var_os(ROOT_CERT_VAR) {
        Some(path) => {
            let shown = std::path::Path::new(&path).display().to_string();
            let certs = CertificateDer::pem_file_iter(&path)
                .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
                .map_err(|e| fail(format!("cannot read {ROOT_CERT_VAR} {shown}: {e}")))?;
            if certs.is_empty() {
                return Err(fail(format!(
                    "{ROOT_CERT_VAR} {shown} holds no certificate (expected PEM)"
                )));
            }
            for cert in certs {
                roots
                    .add(cert)
                    .map_err(|e| fail(format!("{ROOT_CERT_VAR} {shown}: {e}")))?;
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            roots.add_parsable_certificates(found.certs);
            if roots.is_empty() {
                return Err(fail(format!(
                    "no trusted root certificates found on this system; set {ROOT_CERT_VAR} to the server's CA (PEM)"
                )));
            }
        }
    }
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| fail(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// Applies the migrations not yet recorded, one transaction at a time, under a lock so that
/// processes starting together do not race.
fn migrate(client: &mut Client) -> Result<(), postgres::Error> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1, 0)", &[&LOCK_CLASS])?;
    tx.batch_execute(
        "CREATE SCHEMA IF NOT EXISTS wamm;
         CREATE TABLE IF NOT EXISTS wamm.schema_migrations (
             version integer PRIMARY KEY,
             applied_ms bigint NOT NULL
         );",
    )?;
    let applied: Vec<i32> = tx
        .query("SELECT version FROM wamm.schema_migrations", &[])?
        .iter()
        .map(|r| r.get(0))
        .collect();
    for (version, sql) in MIGRATIONS {
        if applied.contains(version) {
            continue;
        }
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO wamm.schema_migrations (version, applied_ms) VALUES ($1, $2)",
            &[version, &crate::now_ms()],
        )?;
    }
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::split_location;

    #[test]
    fn the_campaign_follows_the_hash() {
        let url = |u: &str| u.to_string();
        assert_eq!(
            split_location("postgres://h/d#spring"),
            (url("postgres://h/d"), Some(url("spring")))
        );
        assert_eq!(
            split_location("postgres://h/d#"),
            (url("postgres://h/d"), None)
        );
        assert_eq!(
            split_location("postgres://h/d"),
            (url("postgres://h/d"), None)
        );
        assert_eq!(
            split_location("postgres://u@h/d#spring#2"),
            (url("postgres://u@h/d"), Some(url("spring#2")))
        );
    }

    /// A pasted password reaches the driver whole, escaped; its `#` is not the campaign's.
    #[test]
    fn a_password_is_read_to_the_last_at() {
        let (url, campaign) =
            split_location("postgres://wamm:Sx/Yq?Zr#Wk@Vm:Up%40Tn@db:5432/wamm#spring");
        assert_eq!(
            url,
            "postgres://wamm:Sx%2FYq%3FZr%23Wk%40Vm%3AUp%40Tn@db:5432/wamm"
        );
        assert_eq!(campaign.as_deref(), Some("spring"));
        let config: postgres::Config = url.parse().unwrap();
        assert_eq!(config.get_password(), Some(&b"Sx/Yq?Zr#Wk@Vm:Up@Tn"[..]));
        assert_eq!(config.get_user(), Some("wamm"));
        assert_eq!(config.get_dbname(), Some("wamm"));
        let (url, campaign) = split_location("postgres://wamm:s3cret@db/wamm?sslmode=disable");
        assert_eq!(url, "postgres://wamm:s3cret@db/wamm?sslmode=disable");
        assert_eq!(campaign, None);
    }
}
