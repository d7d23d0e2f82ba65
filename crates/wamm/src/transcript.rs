//! The exchanges of a command as they happened on the wire, seen by the client's hooks: `-v`
//! prints each one to stderr, and `send --json` prints the response body as received.

use std::sync::{Arc, Mutex};

use marketing::{Exchange, Observer};

use crate::output::{self, DIM, paint};

/// Keeps the last exchange and, when verbose, logs each one.
#[derive(Debug)]
pub struct Transcript {
    verbose: bool,
    last: Mutex<Option<Exchange>>,
}

impl Transcript {
    pub fn new(verbose: bool) -> Arc<Self> {
        Arc::new(Self {
            verbose,
            last: Mutex::new(None),
        })
    }

    /// The body of the last answer, byte for byte, if one arrived.
    pub fn last_response_body(&self) -> Option<Vec<u8>> {
        let last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        last.as_ref()
            .and_then(|exchange| exchange.response.as_ref().ok())
            .map(|received| received.body.clone())
    }
}

impl Observer for Transcript {
    fn exchange(&self, exchange: &Exchange) {
        if self.verbose {
            for line in lines(exchange) {
                output::err(paint(DIM, line));
            }
        }
        *self.last.lock().unwrap_or_else(|e| e.into_inner()) = Some(exchange.clone());
    }
}

/// The most of a body `-v` shows; a server may answer with megabytes.
const SHOWN_BODY: usize = 64 * 1024;

/// A body as text, cut at [`SHOWN_BODY`] bytes with a note of how much was left out.
fn capped(body: &[u8]) -> String {
    if body.len() <= SHOWN_BODY {
        return String::from_utf8_lossy(body).into_owned();
    }
    format!(
        "{}... ({} more bytes not shown)",
        String::from_utf8_lossy(&body[..SHOWN_BODY]),
        body.len() - SHOWN_BODY
    )
}

/// The exchange as curl-like lines: `> ` what was sent, `< ` what came back.
pub fn lines(exchange: &Exchange) -> Vec<String> {
    let mut lines = vec![format!("> {} {}", exchange.method, exchange.url)];
    for (name, value) in &exchange.request_headers {
        lines.push(format!("> {name}: {value}"));
    }
    lines.push(format!("> {}", capped(&exchange.request_body)));
    let millis = exchange.elapsed.as_millis();
    match &exchange.response {
        Ok(received) => {
            lines.push(format!("< {} ({millis} ms)", received.status));
            for (name, value) in &received.headers {
                lines.push(format!("< {name}: {value}"));
            }
            lines.push(format!("< {}", capped(&received.body)));
        }
        Err(error) => lines.push(format!("< no answer after {millis} ms: {error}")),
    }
    lines
}
