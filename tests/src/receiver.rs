//! `wamm webhook serve` as a test's receiver: the real binary on a free port, with an event
//! store, posted to signed as Meta posts.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

/// A running `wamm webhook serve`, killed when dropped.
pub struct Receiver {
    child: Child,
    secret: String,
    /// Where it listens (`http://127.0.0.1:PORT/...`), as its first line says.
    pub url: String,
}

impl Receiver {
    /// Starts it with the event store `store`, the app secret `secret`, a fixed verify token
    /// and `extra` arguments; returns once it listens.
    pub fn start(store: &Path, secret: &str, extra: &[&str]) -> Self {
        let mut command = crate::wamm();
        crate::without_wamm_settings(&mut command);
        let mut child = command
            .args(["webhook", "serve", "--listen", "127.0.0.1:0", "--store"])
            .arg(store)
            .args(extra)
            .env("WHATSAPP_APP_SECRET", secret)
            .env("WHATSAPP_VERIFY_TOKEN", "e2e-verify-token")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("wamm webhook serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().expect("stdout piped"))
            .read_line(&mut line)
            .expect("its first line");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("first line: {line}"))
            .to_string();
        Self {
            child,
            secret: secret.to_string(),
            url,
        }
    }

    /// Posts `body` signed, as Meta does; the receiver has recorded it when this returns
    /// (it answers 200 only then).
    pub async fn post(&self, body: &[u8]) {
        let signature = wamm_client::webhook_signature::sign(self.secret.as_bytes(), body);
        let answer = reqwest::Client::new()
            .post(&self.url)
            .header("content-type", "application/json")
            .header("X-Hub-Signature-256", signature.as_str())
            .body(body.to_vec())
            .send()
            .await
            .expect("the receiver answers");
        assert_eq!(answer.status().as_u16(), 200);
    }

    /// Stops it now.
    pub fn kill(self) {}
}

/// Its URL only: the app secret is never shown.
impl std::fmt::Debug for Receiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receiver")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
