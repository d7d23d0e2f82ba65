//! The hardened accept loop, shared by the sandbox and by `wamm webhook serve` (the receiver
//! that faces the internet): one loop, so a defence added here protects both.
//!
//! Each connection is served by hyper (HTTP/1.1) rather than through `axum::serve`, so that
//! a handler can close a connection without any response (the sandbox's reset faults): it
//! asks through a [`ConnectionHandle`], and the connection task drops the connection with
//! `SO_LINGER` 0, which the client sees as a reset.
//!
//! Slow, idle and greedy clients cannot crowd out the others:
//!
//! - a connection with no request in progress is closed after [`ServerLimits::idle_timeout`]
//!   if no byte of a new request arrives, and once a request's first byte has arrived its
//!   headers must be complete within [`ServerLimits::header_timeout`] (hyper's own header
//!   timer, set to the two together, is the backstop). A request's body has its own deadline,
//!   kept by the handler with [`read_body`];
//! - headers are read into a buffer of at most [`MAX_HEAD_BYTES`] per connection (larger
//!   ones are answered 431), so what a connection costs in memory is bounded before any
//!   handler runs;
//! - a semaphore caps the connections served at once; when a new connection would go over
//!   the cap, the connection that has been idle longest (waiting for a request, not in the
//!   middle of one) is closed to make room, so idle connections cannot keep a working client
//!   out. The same happens when the process runs out of file descriptors.

use std::collections::HashMap;
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::HttpBody;

use axum::Router;
use axum::body::{Body, Bytes};
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;
use tower::Service;

/// How long a graceful shutdown waits for requests in flight before closing their connections.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// How often the accept loop, holding a connection it has no room for, tries again to close
/// an idle one (connections in the middle of a request are never closed for room).
const ROOM_RETRY: Duration = Duration::from_millis(100);

/// The most a connection's request line and headers may take (hyper's read buffer; its
/// smallest allowed is 8 KiB): a request whose head is larger is answered 431. Nothing this
/// serves needs more than a few hundred bytes of headers.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;

/// What the accept loop enforces.
#[derive(Debug, Clone, Copy)]
pub struct ServerLimits {
    /// Connections served at once; past it, the one idle longest is closed to make room.
    pub max_connections: usize,
    /// From a request's first byte to the end of its headers.
    pub header_timeout: Duration,
    /// How long a connection may wait without a request in progress (after it is accepted,
    /// or after an answer) before the first byte of the next request arrives.
    pub idle_timeout: Duration,
}

/// Lets a handler reset the connection its request came on (a request extension).
#[derive(Debug, Clone)]
pub struct ConnectionHandle(Arc<Notify>);

impl ConnectionHandle {
    /// Asks the connection task to drop the connection without answering.
    pub fn kill(&self) {
        self.0.notify_one();
    }
}

/// Why [`read_body`] gave up on a body.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BodyError {
    /// More bytes than the limit (said by `Content-Length` or found while reading).
    #[error("the request body is larger than {0} bytes")]
    TooLarge(usize),
    /// The deadline passed before the body was complete.
    #[error("the request body did not arrive in time")]
    TimedOut,
    /// The connection failed or the body was malformed.
    #[error("the request body could not be read: {0}")]
    Failed(#[source] axum::Error),
}

/// Reads a request body whole, at most `limit` bytes, by `deadline` however it trickles in.
/// A body whose `Content-Length` is over the limit is refused before a byte of it is read;
/// one with a length is read into a buffer of exactly that size, so a body costs its own
/// size in memory, not twice it. Answering before a body is complete makes hyper close the
/// connection after the answer.
pub async fn read_body(
    mut body: axum::body::Body,
    limit: usize,
    deadline: tokio::time::Instant,
) -> Result<Bytes, BodyError> {
    let declared = body.size_hint().exact();
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(BodyError::TooLarge(limit));
    }
    let capacity = declared.map_or(0, |length| length as usize);
    let read = async move {
        let mut buffer = Vec::with_capacity(capacity);
        while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await
        {
            let frame = frame.map_err(BodyError::Failed)?;
            if let Ok(data) = frame.into_data() {
                if buffer.len() + data.len() > limit {
                    return Err(BodyError::TooLarge(limit));
                }
                buffer.extend_from_slice(&data);
            }
        }
        Ok(Bytes::from(buffer))
    };
    tokio::time::timeout_at(deadline, read)
        .await
        .unwrap_or(Err(BodyError::TimedOut))
}

/// Serves until `shutdown` changes or its sender is dropped, then drains for at most
/// [`SHUTDOWN_GRACE`].
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: watch::Receiver<bool>,
    limits: ServerLimits,
) {
    serve_with(listener, router, shutdown, limits, None).await;
}

/// [`serve`], over TLS when `tls` is given (HTTP/2 or HTTP/1.1, as ALPN agrees).
pub(crate) async fn serve_with(
    listener: TcpListener,
    router: Router,
    shutdown: watch::Receiver<bool>,
    limits: ServerLimits,
    tls: Option<crate::tls::Tls>,
) {
    let mut connections = JoinSet::new();
    let mut stop = shutdown.clone();
    let room = Arc::new(Semaphore::new(limits.max_connections));
    let open = Arc::new(Connections::default());
    'accept: loop {
        tokio::select! {
            biased;
            _ = stop.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let permit = match Arc::clone(&room).try_acquire_owned() {
                        Ok(permit) => permit,
                        Err(_) => loop {
                            open.close_longest_idle();
                            tokio::select! {
                                biased;
                                _ = stop.changed() => break 'accept,
                                permit = Arc::clone(&room).acquire_owned() => {
                                    break permit.expect("the semaphore is never closed");
                                }
                                _ = tokio::time::sleep(ROOM_RETRY) => {}
                            }
                        },
                    };
                    let slot = open.add();
                    connections.spawn(serve_connection(
                        stream,
                        router.clone(),
                        shutdown.clone(),
                        limits,
                        slot,
                        permit,
                        tls.clone(),
                    ));
                }
                Err(error) => {
                    // Out of file descriptors and the like: make room if an idle connection
                    // holds some, and wait rather than spin.
                    if out_of_descriptors(&error) {
                        open.close_longest_idle();
                    }
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        connections.shutdown().await;
    }
}

/// `EMFILE` or `ENFILE`: the process or the system has no file descriptor left.
fn out_of_descriptors(error: &std::io::Error) -> bool {
    cfg!(unix) && matches!(error.raw_os_error(), Some(23 | 24))
}

/// The open connections, to find the one idle longest when room is needed.
#[derive(Debug)]
struct Connections {
    /// What idle times are counted from.
    epoch: Instant,
    next_id: AtomicU64,
    slots: Mutex<HashMap<u64, Arc<Slot>>>,
}

impl Default for Connections {
    fn default() -> Self {
        Self {
            epoch: Instant::now(),
            next_id: AtomicU64::new(0),
            slots: Mutex::new(HashMap::new()),
        }
    }
}

/// What the accept loop knows of one connection.
#[derive(Debug)]
struct Slot {
    /// Requests on it from their headers until their answer is fully written.
    busy: AtomicUsize,
    /// When it last became idle (accepted, or an answer written), in ms since the epoch.
    idle_since: AtomicU64,
    /// When the first byte of the next request arrived, in ms since the epoch plus one; 0
    /// while none has since it became idle.
    head_since: AtomicU64,
    /// Asks the connection task to close the connection if it is still idle.
    close: Notify,
}

impl Connections {
    fn now(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }

    /// Registers a new connection; dropping the returned guard unregisters it.
    fn add(self: &Arc<Self>) -> SlotGuard {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let slot = Arc::new(Slot {
            busy: AtomicUsize::new(0),
            idle_since: AtomicU64::new(self.now()),
            head_since: AtomicU64::new(0),
            close: Notify::new(),
        });
        lock(&self.slots).insert(id, Arc::clone(&slot));
        SlotGuard {
            id,
            slot,
            connections: Arc::clone(self),
        }
    }

    /// Asks the connection idle longest to close, if any connection is idle.
    fn close_longest_idle(&self) {
        let slots = lock(&self.slots);
        // Ties (the same millisecond) go to the one accepted first.
        let longest = slots
            .iter()
            .filter(|(_, slot)| slot.busy.load(Ordering::Acquire) == 0)
            .min_by_key(|(id, slot)| (slot.idle_since.load(Ordering::Relaxed), **id));
        if let Some((_, slot)) = longest {
            slot.close.notify_one();
        }
    }
}

/// A connection's registration; unregisters it when the connection task ends.
#[derive(Debug)]
struct SlotGuard {
    id: u64,
    slot: Arc<Slot>,
    connections: Arc<Connections>,
}

impl SlotGuard {
    /// Marks a request as started; the connection is busy until the returned guard drops.
    fn busy(&self) -> BusyGuard {
        self.slot.busy.fetch_add(1, Ordering::AcqRel);
        self.slot.head_since.store(0, Ordering::Relaxed);
        BusyGuard {
            slot: Arc::clone(&self.slot),
            connections: Arc::clone(&self.connections),
        }
    }

    fn is_idle(&self) -> bool {
        self.slot.busy.load(Ordering::Acquire) == 0
    }

    /// Why the connection should be closed now, if it should: idle too long, or its request's
    /// headers are late. A request in progress is never timed out here.
    fn overdue(&self, limits: &ServerLimits) -> Option<&'static str> {
        if !self.is_idle() {
            return None;
        }
        let now = self.connections.now();
        match self.slot.head_since.load(Ordering::Relaxed) {
            0 => {
                let idle = now.saturating_sub(self.slot.idle_since.load(Ordering::Relaxed));
                (u128::from(idle) >= limits.idle_timeout.as_millis()).then_some("idle")
            }
            since => {
                let waited = now.saturating_sub(since - 1);
                (u128::from(waited) >= limits.header_timeout.as_millis()).then_some("headers late")
            }
        }
    }
}

/// The connection's socket, noting when the first byte of a request arrives on an idle
/// connection (which starts the header timeout and stops the idle one).
#[derive(Debug)]
struct Watched {
    stream: TcpStream,
    slot: Arc<Slot>,
    connections: Arc<Connections>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let read = Pin::new(&mut this.stream).poll_read(cx, buf);
        if matches!(read, Poll::Ready(Ok(())))
            && buf.filled().len() > before
            && this.slot.busy.load(Ordering::Acquire) == 0
        {
            let now = this.connections.now() + 1;
            let _ =
                this.slot
                    .head_since
                    .compare_exchange(0, now, Ordering::Relaxed, Ordering::Relaxed);
        }
        read
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

/// How often a connection task looks at its idle and header clocks: a quarter of the shorter
/// timeout, between 20 ms and 1 s, so a connection is closed at most that late.
fn check_every(limits: &ServerLimits) -> Duration {
    (limits.idle_timeout.min(limits.header_timeout) / 4)
        .clamp(Duration::from_millis(20), Duration::from_secs(1))
}

impl Drop for SlotGuard {
    fn drop(&mut self) {
        lock(&self.connections.slots).remove(&self.id);
    }
}

/// Held from a request's headers until its answer is written (or dropped).
#[derive(Debug)]
struct BusyGuard {
    slot: Arc<Slot>,
    connections: Arc<Connections>,
}

impl Drop for BusyGuard {
    fn drop(&mut self) {
        self.slot
            .idle_since
            .store(self.connections.now(), Ordering::Relaxed);
        self.slot.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A response body that keeps its connection marked busy until hyper has written it all.
#[derive(Debug)]
struct Tracked {
    body: Body,
    _busy: BusyGuard,
}

impl hyper::body::Body for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

async fn serve_connection(
    stream: TcpStream,
    router: Router,
    shutdown: watch::Receiver<bool>,
    limits: ServerLimits,
    slot: SlotGuard,
    _permit: OwnedSemaphorePermit,
    tls: Option<crate::tls::Tls>,
) {
    let _ = stream.set_nodelay(true);
    // A second descriptor for the same socket, to set SO_LINGER 0 when resetting: the
    // stream itself is owned by hyper by then.
    let twin = socket2::SockRef::from(&stream).try_clone().ok();
    let kill = Arc::new(Notify::new());
    let handle = ConnectionHandle(Arc::clone(&kill));
    let slot = Arc::new(slot);
    let requests = Arc::clone(&slot);
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        // Called as soon as the headers are in: from here the connection is not idle.
        let busy = requests.busy();
        request.extensions_mut().insert(handle.clone());
        let mut router = router.clone();
        async move {
            let response = router.call(request).await.unwrap_or_else(|e| match e {});
            Ok::<_, Infallible>(response.map(|body| Tracked { body, _busy: busy }))
        }
    });
    let watched = Watched {
        stream,
        slot: Arc::clone(&slot.slot),
        connections: Arc::clone(&slot.connections),
    };
    let Some(tls) = tls else {
        let connection = http1_builder(&limits).serve_connection(TokioIo::new(watched), service);
        return drive(connection, &kill, twin, &slot, shutdown, limits).await;
    };
    // The handshake gets as long as a request's headers would.
    let handshake = tokio::time::timeout(
        limits.idle_timeout.saturating_add(limits.header_timeout),
        tls.acceptor.accept(watched),
    );
    let stream = match handshake.await {
        Ok(Ok(stream)) => stream,
        Ok(Err(error)) => {
            tracing::debug!(%error, "TLS handshake failed");
            return;
        }
        Err(_) => {
            tracing::debug!("TLS handshake not finished in time");
            return;
        }
    };
    let http2 = stream.get_ref().1.alpn_protocol() == Some(b"h2");
    tls.handshake_done(http2);
    if http2 {
        let connection = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
            .timer(TokioTimer::new())
            .max_header_list_size(MAX_HEAD_BYTES as u32)
            .serve_connection(TokioIo::new(stream), service);
        drive(connection, &kill, twin, &slot, shutdown, limits).await;
    } else {
        let connection = http1_builder(&limits).serve_connection(TokioIo::new(stream), service);
        drive(connection, &kill, twin, &slot, shutdown, limits).await;
    }
}

/// hyper's HTTP/1.1 settings. Its header timer starts when it begins waiting for a request,
/// idle time included: set to both timeouts together it only backs up the clocks in
/// [`drive`].
fn http1_builder(limits: &ServerLimits) -> http1::Builder {
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.idle_timeout.saturating_add(limits.header_timeout))
        .max_buf_size(MAX_HEAD_BYTES);
    builder
}

/// A connection hyper serves, of either HTTP version, that can be asked to finish.
trait Served: Future<Output = hyper::Result<()>> {
    fn finish(self: Pin<&mut Self>);
}

impl<I, S> Served for http1::Connection<I, S>
where
    http1::Connection<I, S>: Future<Output = hyper::Result<()>>,
    I: hyper::rt::Read + hyper::rt::Write + Unpin,
    S: hyper::service::HttpService<Incoming>,
    S::ResBody: hyper::body::Body + 'static,
    <S::ResBody as hyper::body::Body>::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    fn finish(self: Pin<&mut Self>) {
        self.graceful_shutdown();
    }
}

impl<I, S, E> Served for hyper::server::conn::http2::Connection<I, S, E>
where
    hyper::server::conn::http2::Connection<I, S, E>: Future<Output = hyper::Result<()>>,
    I: hyper::rt::Read + hyper::rt::Write + Unpin,
    S: hyper::service::HttpService<Incoming>,
    S::ResBody: hyper::body::Body + 'static,
    <S::ResBody as hyper::body::Body>::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    E: hyper::rt::bounds::Http2ServerConnExec<S::Future, S::ResBody>,
{
    fn finish(self: Pin<&mut Self>) {
        self.graceful_shutdown();
    }
}

/// Serves one connection to its end, closing it when it idles too long, when its room is
/// needed, when a handler asks for a reset, or gracefully at shutdown.
async fn drive(
    connection: impl Served,
    kill: &Notify,
    twin: Option<socket2::Socket>,
    slot: &SlotGuard,
    mut shutdown: watch::Receiver<bool>,
    limits: ServerLimits,
) {
    tokio::pin!(connection);
    let mut draining = false;
    let mut check = tokio::time::interval(check_every(&limits));
    check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            // The connection first: a request whose headers just arrived marks it busy before
            // a request to close it for room is looked at.
            biased;
            _ = connection.as_mut() => return,
            _ = kill.notified() => {
                if let Some(twin) = &twin {
                    let _ = twin.set_linger(Some(Duration::ZERO));
                }
                // Returning drops the connection (closing hyper's descriptor) and then the
                // twin, the last descriptor: with linger 0 the kernel sends RST.
                return;
            }
            _ = slot.slot.close.notified() => {
                // Closed for room, unless a request started since it was picked.
                if slot.is_idle() {
                    tracing::debug!("closing an idle connection to make room for a new one");
                    return;
                }
            }
            _ = check.tick() => {
                if let Some(why) = slot.overdue(&limits) {
                    tracing::debug!(why, "closing a connection that sent no request in time");
                    return;
                }
            }
            changed = shutdown.changed(), if !draining => {
                let _ = changed;
                draining = true;
                connection.as_mut().finish();
            }
        }
    }
}

/// A poisoned lock only means a connection task panicked; the map is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
