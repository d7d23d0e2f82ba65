//! A real PostgreSQL server for tests, never a mock.
//!
//! [`database`] hands each caller a new, empty database. The server is the one named by
//! `WAMM_TEST_DATABASE_URL` when it is set (`.ci/run` starts one for the whole run with
//! `scripts/postgres-test-server`); otherwise the first call in a test process starts a
//! throwaway cluster with that same script, which stops it and deletes its directory when the
//! process ends. When PostgreSQL is not installed at all, [`database`] returns `None` and says
//! so on stderr, and the test skips; when it is installed but cannot start, the test fails.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
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
    let dir = std::env::temp_dir().join(format!("wamm-pg-{}", std::process::id()));
    run_script(&dir)
}

/// Starts a new cluster in `dir` with `scripts/postgres-test-server`, stopped and deleted
/// when this process ends; its URL, or `None` when PostgreSQL is not installed.
fn run_script(dir: &Path) -> Option<String> {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scripts/postgres-test-server"
    );
    let output = Command::new("bash")
        .arg(script)
        .arg("start")
        .arg(dir)
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

/// A server of its own with TLS on, for the tests of `sslmode=require`: a certificate for
/// `127.0.0.1` signed by a CA made for it.
#[derive(Debug)]
pub struct TlsServer {
    /// A database on it (without `sslmode`: the test adds what it tests).
    pub url: String,
    /// The CA's certificate (PEM), what `PGSSLROOTCERT` names to trust the server.
    pub ca: PathBuf,
    /// Another CA's certificate, which the server's does not chain to.
    pub other_ca: PathBuf,
}

/// Starts a [`TlsServer`] (stopped and deleted when this process ends), or `None`, with a
/// message on stderr, when PostgreSQL is not installed.
///
/// # Panics
///
/// When PostgreSQL is installed but the server cannot be started or set up.
pub fn tls_server(what: &str) -> Option<TlsServer> {
    let dir = std::env::temp_dir().join(format!(
        "wamm-pg-tls-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let Some(server) = run_script(&dir) else {
        eprintln!("skipped {what}: PostgreSQL is not installed (no initdb found)");
        return None;
    };
    let data = dir.join("data");
    let ca_key = rcgen::KeyPair::generate().expect("CA key");
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA");
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "wamm test CA");
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).expect("CA certificate");
    let key = rcgen::KeyPair::generate().expect("server key");
    let params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_string()]).expect("params");
    let cert = params.signed_by(&key, &ca).expect("server certificate");
    let other_key = rcgen::KeyPair::generate().expect("key");
    let mut other_params = rcgen::CertificateParams::new(Vec::<String>::new()).expect("CA");
    other_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let other = other_params.self_signed(&other_key).expect("other CA");
    // The server reads its key only when it owns it and no one else may read it.
    let owner = std::fs::metadata(&data).expect("data directory");
    for (name, pem) in [
        ("server.crt", cert.pem()),
        ("server.key", key.serialize_pem()),
    ] {
        let path = data.join(name);
        std::fs::write(&path, pem).expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        std::os::unix::fs::chown(&path, Some(owner.uid()), Some(owner.gid())).expect("chown");
    }
    let ca_path = dir.join("ca.pem");
    std::fs::write(&ca_path, ca.pem()).expect("write");
    let other_path = dir.join("other-ca.pem");
    std::fs::write(&other_path, other.pem()).expect("write");
    let admin = server.clone();
    std::thread::spawn(move || {
        let mut client = postgres::Client::connect(&admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to {admin}: {e}"));
        // Each on its own: ALTER SYSTEM may not run inside a transaction block.
        client
            .batch_execute("ALTER SYSTEM SET ssl = on")
            .expect("turn TLS on");
        client
            .batch_execute("SELECT pg_reload_conf()")
            .expect("reload");
        // The reload is asynchronous: wait until new sessions see it.
        for _ in 0..100 {
            let mut fresh = postgres::Client::connect(&admin, postgres::NoTls).expect("connect");
            let on: String = fresh.query_one("SHOW ssl", &[]).expect("SHOW ssl").get(0);
            if on == "on" {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the test server did not turn TLS on");
    })
    .join()
    .unwrap_or_else(|_| panic!("cannot set up TLS on {server}"));
    Some(TlsServer {
        url: server,
        ca: ca_path,
        other_ca: other_path,
    })
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
