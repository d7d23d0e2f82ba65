//! Test helpers shared by wamm's crates.
//!
//! [`ScriptedServer`] is a real HTTP/1.1 server on a loopback port that answers each connection
//! with the next [`Reply`] of a script and records the raw request bytes. It stands in for Meta
//! where a test needs an answer the sandbox does not give (any Graph error code, a response cut
//! off halfway, a server that never answers), and it shows exactly what went on the wire.
//!
//! [`postgres::database`] gives a test a new database on a real PostgreSQL server, and
//! [`json::tree`] arbitrary JSON for property tests.

pub mod json;
pub mod postgres;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers one connection.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A complete response with a JSON content type.
    Json {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Reads the request, then says nothing for this long (to trip client timeouts).
    Hang(Duration),
    /// Reads the request, then closes the connection without a response.
    Close,
    /// Sends the head and the first half of the body, then closes the connection.
    Truncated { status: u16, body: String },
}

impl Reply {
    /// A JSON response without extra headers.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Self::Json {
            status,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// A Graph error envelope with this HTTP status and error code.
    pub fn graph_error(status: u16, code: i64) -> Self {
        Self::json(
            status,
            format!(
                r#"{{"error":{{"message":"(#{code}) scripted error","type":"OAuthException","code":{code},"fbtrace_id":"Trace{code}"}}}}"#
            ),
        )
    }

    /// A 200 with one accepted message.
    pub fn accepted(wamid: &str) -> Self {
        Self::json(
            200,
            format!(
                r#"{{"messaging_product":"whatsapp","contacts":[{{"input":"447700900123","wa_id":"447700900123"}}],"messages":[{{"id":"{wamid}","message_status":"accepted"}}]}}"#
            ),
        )
    }

    /// Adds a response header (only for [`Reply::Json`]).
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Self::Json { headers, .. } = &mut self {
            headers.push((name.to_string(), value.to_string()));
        }
        self
    }
}

/// One request as it arrived on the socket.
#[derive(Clone, Debug)]
pub struct RawRequest {
    pub method: String,
    pub target: String,
    /// Header names lower-cased, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawRequest {
    /// The first value of a header (name in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A loopback HTTP server that plays a script of replies, one per connection. When the script
/// runs out, the last reply repeats.
#[derive(Debug)]
pub struct ScriptedServer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<RawRequest>>>,
}

impl ScriptedServer {
    /// Binds 127.0.0.1 on an ephemeral port and starts serving.
    pub async fn start(script: Vec<Reply>) -> Self {
        assert!(!script.is_empty(), "a script needs at least one reply");
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        tokio::spawn(async move {
            let mut served = 0usize;
            loop {
                let Ok((socket, _)) = listener.accept().await else {
                    return;
                };
                let reply = script[served.min(script.len() - 1)].clone();
                served += 1;
                let recorded = Arc::clone(&recorded);
                tokio::spawn(async move { answer(socket, reply, recorded).await });
            }
        });
        Self { addr, requests }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<RawRequest> {
        self.requests.lock().expect("lock").clone()
    }
}

async fn answer(mut socket: TcpStream, reply: Reply, recorded: Arc<Mutex<Vec<RawRequest>>>) {
    let Some(request) = read_request(&mut socket).await else {
        return;
    };
    recorded.lock().expect("lock").push(request);
    match reply {
        Reply::Json {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} Scripted\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket.write_all(body.as_bytes()).await;
            let _ = socket.shutdown().await;
        }
        Reply::Hang(duration) => {
            tokio::time::sleep(duration).await;
        }
        Reply::Close => {}
        Reply::Truncated { status, body } => {
            let head = format!(
                "HTTP/1.1 {status} Scripted\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len()
            );
            let _ = socket.write_all(head.as_bytes()).await;
            let _ = socket.write_all(&body.as_bytes()[..body.len() / 2]).await;
            let _ = socket.flush().await;
        }
    }
}

async fn read_request(socket: &mut TcpStream) -> Option<RawRequest> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_string();
    let target = request_line.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end + 4..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(RawRequest {
        method,
        target,
        headers,
        body,
    })
}
