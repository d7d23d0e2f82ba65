//! The accept loop. The sandbox serves each connection itself (hyper, HTTP/1.1) rather than
//! through `axum::serve`, so that a fault can close a connection without any response: the
//! handler asks through a [`ConnectionHandle`], and the connection task drops the connection
//! with `SO_LINGER` 0, which the client sees as a reset.
//!
//! It also keeps slow and idle clients from crowding out the others:
//!
//! - hyper's header read timeout closes a connection that does not finish a request's headers
//!   in time, whether it is new or kept alive after an answer (the body has its own deadline,
//!   in the send handler);
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

use axum::Router;
use axum::body::{Body, Bytes};
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;
use tower::Service;

/// How long a graceful shutdown waits for requests in flight before closing their connections.
pub(crate) const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// How often the accept loop, holding a connection it has no room for, tries again to close
/// an idle one (connections in the middle of a request are never closed for room).
const ROOM_RETRY: Duration = Duration::from_millis(100);

/// What the accept loop enforces.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ServerLimits {
    pub(crate) max_connections: usize,
    pub(crate) header_timeout: Duration,
}

/// Lets a handler reset the connection its request came on.
#[derive(Debug, Clone)]
pub(crate) struct ConnectionHandle(Arc<Notify>);

impl ConnectionHandle {
    /// Asks the connection task to drop the connection without answering.
    pub(crate) fn kill(&self) {
        self.0.notify_one();
    }
}

/// Serves until `shutdown` changes or its sender is dropped, then drains for at most
/// [`SHUTDOWN_GRACE`].
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: watch::Receiver<bool>,
    limits: ServerLimits,
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
                        limits.header_timeout,
                        slot,
                        permit,
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
        BusyGuard {
            slot: Arc::clone(&self.slot),
            connections: Arc::clone(&self.connections),
        }
    }

    fn is_idle(&self) -> bool {
        self.slot.busy.load(Ordering::Acquire) == 0
    }
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
    mut shutdown: watch::Receiver<bool>,
    header_timeout: Duration,
    slot: SlotGuard,
    _permit: OwnedSemaphorePermit,
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
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    let mut draining = false;
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
            changed = shutdown.changed(), if !draining => {
                let _ = changed;
                draining = true;
                connection.as_mut().graceful_shutdown();
            }
        }
    }
}

/// A poisoned lock only means a connection task panicked; the map is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
