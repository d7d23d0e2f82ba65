//! A PostgreSQL connection for wamm's stores (the campaign journal and the webhook event
//! store): set up so that every commit is durable, with wamm's schema migrated, and owned by a
//! thread of its own so that it may be used, and dropped, from any thread (the blocking client
//! must not run on a thread that drives async tasks).
//!
//! The tables live in the schema `wamm` (see `migrations/postgres/`), created and migrated by
//! wamm itself on first use: the role needs `CREATE` on the database the first time (or an
//! existing schema `wamm` it owns), then `SELECT`, `INSERT`, `UPDATE` on its tables.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::str::FromStr;
use std::sync::mpsc;
use std::time::Duration;

use postgres::{Client, GenericClient, NoTls, Statement};

/// The schema migrations, in order: (version, SQL). Each is applied once, in a transaction,
/// and recorded in `wamm.schema_migrations`.
pub(crate) const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("../migrations/postgres/0001_journal.sql")),
    (2, include_str!("../migrations/postgres/0002_workers.sql")),
    (3, include_str!("../migrations/postgres/0003_senders.sql")),
    (4, include_str!("../migrations/postgres/0004_events.sql")),
    (5, include_str!("../migrations/postgres/0005_sent_from.sql")),
    (
        6,
        include_str!("../migrations/postgres/0006_template_versions.sql"),
    ),
    (7, include_str!("../migrations/postgres/0007_seeds.sql")),
    (
        8,
        include_str!("../migrations/postgres/0008_send_windows.sql"),
    ),
    (9, include_str!("../migrations/postgres/0009_variants.sql")),
    (
        10,
        include_str!("../migrations/postgres/0010_claim_cursor.sql"),
    ),
    (
        11,
        include_str!("../migrations/postgres/0011_no_foreign_key_checks_per_row.sql"),
    ),
];

/// What went wrong with PostgreSQL, for the journal and the event store to put in their own
/// errors. Its words say what the server said (its message, detail and hint, or the
/// connection's causes), so it is shown as it is.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PgError {
    /// The location is not a URL the driver accepts: a user's mistake.
    #[error(
        "{label} is not a PostgreSQL connection URL ({reason}); expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[#CAMPAIGN]"
    )]
    Url {
        /// The URL without its password.
        label: String,
        /// What the driver said.
        reason: String,
    },
    /// A statement, or the connection, failed; `doing` says what wamm was doing when it is
    /// worth saying.
    #[error("{}{}", doing.map(|d| format!("{d}: ")).unwrap_or_default(), describe(error))]
    Postgres {
        /// What wamm was doing (`cannot connect`), if anything beyond a statement.
        doing: Option<&'static str>,
        /// The driver's error (its words are in the message already).
        error: postgres::Error,
    },
    /// The server or this machine is not set up as a durable store needs (a server without
    /// `fsync`, no trusted TLS roots, no thread to run the connection on).
    #[error("{0}")]
    Setup(String),
    /// The thread that owns the connection is gone.
    #[error("the PostgreSQL connection thread stopped")]
    Stopped,
}

impl From<postgres::Error> for PgError {
    fn from(error: postgres::Error) -> Self {
        Self::Postgres { doing: None, error }
    }
}

/// The first key of wamm's advisory locks ("wamm" in ASCII); the second is the campaign's ID.
pub(crate) const LOCK_CLASS: i32 = 0x7761_6d6d;

pub(crate) type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// A session's connection, and the statements prepared on it. Derefs to the client, so a job
/// that needs no prepared statement uses it as one.
pub(crate) struct Connection {
    client: Client,
    prepared: Prepared,
}

impl Connection {
    /// The client and the prepared statements apart, so that a transaction opened on the
    /// client can prepare through the cache.
    pub(crate) fn split(&mut self) -> (&mut Client, &mut Prepared) {
        (&mut self.client, &mut self.prepared)
    }
}

impl Deref for Connection {
    type Target = Client;

    fn deref(&self) -> &Client {
        &self.client
    }
}

impl DerefMut for Connection {
    fn deref_mut(&mut self) -> &mut Client {
        &mut self.client
    }
}

/// Statements prepared once per connection and kept for its life, by their SQL.
///
/// A statement sent as text (`client.query(sql, ...)`) is parsed by the server on every call,
/// and costs the client a round trip to learn its parameter types before the one that runs
/// it; a prepared one is parsed once and runs in one round trip. The statements a campaign or
/// a receiver runs for every batch go through here. Prepared statements are the
/// connection's, not a transaction's: one prepared inside a transaction that rolls back is
/// still there.
#[derive(Default)]
pub(crate) struct Prepared(HashMap<String, Statement>);

impl Prepared {
    /// `sql` prepared on this connection (through `client`, the connection or a transaction
    /// on it): prepared on first use, then taken from the cache.
    pub(crate) fn get(
        &mut self,
        client: &mut impl GenericClient,
        sql: &str,
    ) -> Result<Statement, postgres::Error> {
        if let Some(statement) = self.0.get(sql) {
            return Ok(statement.clone());
        }
        let statement = client.prepare(sql)?;
        self.0.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

/// A connection owned by its own thread, which runs one job at a time.
pub(crate) struct Session {
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Session {
    /// Connects (see [`connect`]) on a new thread.
    pub(crate) fn start(url: &str, label: &str) -> Result<Self, PgError> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let (ready, connected) = mpsc::sync_channel(1);
        let (url, label_owned) = (url.to_string(), label.to_string());
        let thread = std::thread::Builder::new()
            .name("wamm-postgres".into())
            .spawn(move || {
                let mut connection = match connect(&url, &label_owned) {
                    Ok(client) => {
                        let _ = ready.send(Ok(()));
                        Connection {
                            client,
                            prepared: Prepared::default(),
                        }
                    }
                    Err(e) => {
                        let _ = ready.send(Err(e));
                        return;
                    }
                };
                while let Ok(job) = queue.recv() {
                    job(&mut connection);
                }
            })
            .map_err(|e| PgError::Setup(format!("cannot start a thread: {e}")))?;
        connected.recv().map_err(|_| PgError::Stopped)??;
        Ok(Self {
            jobs: Some(jobs),
            thread: Some(thread),
        })
    }

    /// Runs `job` on the connection's thread and waits for its result.
    pub(crate) fn call<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Connection) -> R + Send + 'static,
    ) -> Result<R, PgError> {
        self.submit(job)?.recv().map_err(|_| PgError::Stopped)
    }

    /// Queues `job` on the connection's thread; its result arrives on the receiver.
    pub(crate) fn submit<R: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Connection) -> R + Send + 'static,
    ) -> Result<mpsc::Receiver<R>, PgError> {
        let (reply, result) = mpsc::sync_channel(1);
        self.jobs
            .as_ref()
            .ok_or(PgError::Stopped)?
            .send(Box::new(move |client| {
                let _ = reply.send(job(client));
            }))
            .map_err(|_| PgError::Stopped)?;
        Ok(result)
    }
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

pub(crate) fn this_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| "unknown host".to_string())
}

/// Connects, sets the session up and applies any pending migration.
pub(crate) fn connect(url: &str, label: &str) -> Result<Client, PgError> {
    let fail = |doing: &'static str| {
        move |error| PgError::Postgres {
            doing: Some(doing),
            error,
        }
    };
    let mut config = postgres::Config::from_str(url).map_err(|e| PgError::Url {
        label: label.to_string(),
        reason: e.to_string(),
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
        config.connect(tls()?)
    } else {
        config.connect(NoTls)
    };
    let mut client = connected.map_err(fail("cannot connect"))?;
    tracing::debug!(database = label, "PostgreSQL: connected");
    // Commits wait for the server's WAL flush whatever the server's default; the server
    // notices a vanished client (and frees its locks) within about a minute.
    client
        .batch_execute(
            "SET synchronous_commit = on; SET tcp_keepalives_idle = 30; \
             SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3;",
        )
        .map_err(fail("cannot set up the session"))?;
    let fsync: String = client
        .query_one("SHOW fsync", &[])
        .and_then(|r| r.try_get(0))
        .map_err(fail("cannot read the server's settings"))?;
    if fsync != "on" {
        return Err(PgError::Setup(format!(
            "the server runs with fsync = {fsync}: a crash of it could lose commits, and a campaign could send twice; use a server with fsync = on"
        )));
    }
    migrate(&mut client).map_err(fail("cannot prepare the schema wamm"))?;
    Ok(client)
}

/// The variable naming the certificates (PEM) that a server's certificate must chain to, as
/// libpq reads it; without it, the system's trusted roots.
pub(crate) const ROOT_CERT_VAR: &str = "PGSSLROOTCERT";

/// TLS for `sslmode=require`: rustls (the crypto provider reqwest uses too), verifying the
/// server's certificate and name against `PGSSLROOTCERT`'s certificates or the system's roots.
fn tls() -> Result<tokio_postgres_rustls::MakeRustlsConnect, PgError> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let fail = |what: String| PgError::Setup(format!("TLS: {what}"));
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
        tracing::info!(
            version,
            "PostgreSQL: applying a migration to the schema wamm"
        );
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
    use super::*;

    /// Statements the session has prepared, as the server lists them.
    fn prepared_count(client: &mut Client) -> i64 {
        client
            .query_one(
                "SELECT COUNT(*) FROM pg_prepared_statements WHERE statement NOT LIKE '%pg_prepared%'",
                &[],
            )
            .unwrap()
            .get(0)
    }

    #[test]
    fn a_statement_is_prepared_once_per_connection_even_across_a_rollback() {
        let Some(url) = wamm_testkit::postgres::database("pg: prepared statements") else {
            return;
        };
        let session = Session::start(&url, "test").unwrap();
        let sql = "SELECT $1::int8 + 1";
        let counts = session
            .call(move |connection| -> Result<Vec<i64>, postgres::Error> {
                let mut counts = Vec::new();
                for round in 0..3i64 {
                    {
                        let (client, prepared) = connection.split();
                        let mut tx = client.transaction()?;
                        let statement = prepared.get(&mut tx, sql)?;
                        let next: i64 = tx.query_one(&statement, &[&round])?.get(0);
                        assert_eq!(next, round + 1);
                        // The first transaction rolls back: the statement stays prepared.
                        if round == 0 {
                            tx.rollback()?;
                        } else {
                            tx.commit()?;
                        }
                    }
                    // A statement not kept would be closed by now (0).
                    counts.push(prepared_count(connection));
                }
                Ok(counts)
            })
            .unwrap()
            .unwrap();
        assert_eq!(
            counts,
            [1, 1, 1],
            "prepared once, then taken from the cache"
        );
    }
}
