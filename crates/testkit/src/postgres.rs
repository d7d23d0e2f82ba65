//! A real PostgreSQL server for tests, never a mock.
//!
//! [`database`] hands each caller a new, empty database. The server is the one named by
//! `WAMM_TEST_DATABASE_URL` when it is set (`.ci/run` starts one for the whole run with
//! `scripts/postgres-test-server`); otherwise the first call in a test process starts a
//! throwaway cluster with that same script, which stops it and deletes its directory when the
//! process ends. When PostgreSQL is not installed at all, [`database`] returns `None` and says
//! so on stderr, and the test skips; when it is installed but cannot start, the test fails.

use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// The variable that names a server to use instead of starting one.
pub const DATABASE_URL_VAR: &str = "WAMM_TEST_DATABASE_URL";

static SERVER: OnceLock<Option<String>> = OnceLock::new();
static NEXT: AtomicU32 = AtomicU32::new(0);

/// The URL of a new, empty database on a real server, or `None` (with a message on stderr)
/// when PostgreSQL is not installed. `what` names the test, for that message.
///
/// # Panics
///
/// When PostgreSQL is installed but the server cannot be started or reached: a test that
/// needs it must fail then, not skip.
pub fn database(what: &str) -> Option<String> {
    let server = SERVER.get_or_init(start_server).as_ref();
    let Some(server) = server else {
        eprintln!("skipped {what}: PostgreSQL is not installed (no initdb found)");
        return None;
    };
    let name = format!(
        "wamm_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    // On a thread of its own: the blocking client may not run on a thread that drives async
    // tasks, and callers are often async tests.
    let (url, database) = (server.clone(), name.clone());
    std::thread::spawn(move || {
        let mut admin = postgres::Client::connect(&url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to the test server {url}: {e}"));
        admin
            .batch_execute(&format!("CREATE DATABASE {database}"))
            .unwrap_or_else(|e| panic!("cannot create database {database}: {e}"));
    })
    .join()
    .unwrap_or_else(|_| panic!("cannot create a test database on {server}"));
    Some(with_database(server, &name))
}

/// `url` with its database replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| base[start..].find('/').map(|i| start + i))
        .unwrap_or(base.len());
    let mut out = format!("{}/{name}", &base[..authority_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

fn start_server() -> Option<String> {
    if let Ok(url) = std::env::var(DATABASE_URL_VAR)
        && !url.is_empty()
    {
        return Some(url);
    }
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scripts/postgres-test-server"
    );
    let dir = std::env::temp_dir().join(format!("wamm-pg-{}", std::process::id()));
    let output = Command::new("bash")
        .arg(script)
        .arg("start")
        .arg(&dir)
        .arg("--watch")
        .arg(std::process::id().to_string())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {script}: {e}"));
    match output.status.code() {
        Some(0) => Some(String::from_utf8_lossy(&output.stdout).trim().to_string()),
        Some(3) => None,
        _ => panic!(
            "PostgreSQL is installed but the test server did not start:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_is_replaced_and_the_query_kept() {
        assert_eq!(
            with_database("postgres://wamm@127.0.0.1:5432/postgres", "t1"),
            "postgres://wamm@127.0.0.1:5432/t1"
        );
        assert_eq!(
            with_database("postgres://u:p@h:1/db?sslmode=disable", "t2"),
            "postgres://u:p@h:1/t2?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h:1", "t3"), "postgres://h:1/t3");
    }
}
