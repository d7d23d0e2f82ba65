//! The accept loop. The sandbox serves each connection itself (hyper, HTTP/1.1) rather than
//! through `axum::serve`, so that a fault can close a connection without any response: the
//! handler asks through a [`ConnectionHandle`], and the connection task drops the connection
//! with `SO_LINGER` 0, which the client sees as a reset.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tower::Service;

/// How long a graceful shutdown waits for requests in flight before closing their connections.
pub(crate) const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

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
pub(crate) async fn serve(listener: TcpListener, router: Router, shutdown: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    let mut stop = shutdown.clone();
    loop {
        tokio::select! {
            biased;
            _ = stop.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(serve_connection(stream, router.clone(), shutdown.clone()));
                }
                Err(error) => {
                    // Out of file descriptors and the like: wait rather than spin.
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

async fn serve_connection(stream: TcpStream, router: Router, mut shutdown: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    // A second descriptor for the same socket, to set SO_LINGER 0 when resetting: the
    // stream itself is owned by hyper by then.
    let twin = socket2::SockRef::from(&stream).try_clone().ok();
    let kill = Arc::new(Notify::new());
    let handle = ConnectionHandle(Arc::clone(&kill));
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(handle.clone());
        let mut router = router.clone();
        async move { Ok::<_, Infallible>(router.call(request).await.unwrap_or_else(|e| match e {})) }
    });
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    let mut draining = false;
    loop {
        tokio::select! {
            _ = connection.as_mut() => return,
            _ = kill.notified() => {
                if let Some(twin) = &twin {
                    let _ = twin.set_linger(Some(Duration::ZERO));
                }
                // Returning drops the connection (closing hyper's descriptor) and then the
                // twin, the last descriptor: with linger 0 the kernel sends RST.
                return;
            }
            changed = shutdown.changed(), if !draining => {
                let _ = changed;
                draining = true;
                connection.as_mut().graceful_shutdown();
            }
        }
    }
}
