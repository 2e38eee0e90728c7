//! Start-up, background tasks and graceful shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, Request};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower_service::Service;

use crate::config::Options;
use crate::http::{router, AppState, SummaryCache};
use crate::logs::LogLimiter;
use crate::ratelimit::Limiter;
use crate::store::writer::{Job, Writer};
use crate::surveys::presets;

/// How often old raw rows are deleted and idle rate-limit buckets forgotten.
const HOUSEKEEPING: Duration = Duration::from_secs(3600);
/// How long open requests may take to finish after a shutdown signal.
pub const DRAIN_LIMIT: Duration = Duration::from_secs(20);
/// How long a client may take to send a request's headers (or to start the next request on
/// a kept-alive connection).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves until `shutdown` resolves, then stops accepting, lets in-flight requests finish (for at
/// most [`DRAIN_LIMIT`]) and stops the writer after it has committed everything queued: an
/// answer is acknowledged only after its commit, so none that was acknowledged is lost.
pub async fn serve(
    listener: TcpListener,
    opts: Options,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    let surveys = presets()?;
    let writer = Writer::start(&opts.db).map_err(|e| format!("{}: {e}", opts.db.display()))?;
    let csp = HeaderValue::from_str(&opts.config.csp()).map_err(|e| format!("csp: {e}"))?;
    let state = Arc::new(AppState {
        limiter: opts.config.rate_limit.enabled.then(|| Limiter::new(&opts.config.rate_limit)),
        trusted: opts.config.trusted(),
        csp,
        writer: writer.sender(),
        health: writer.health(),
        summaries: SummaryCache::default(),
        log: LogLimiter::default(),
        db: opts.db.clone(),
        // Canonical once, so each request only canonicalizes its own path to compare. A root
        // that does not exist yet stays as given (and serves nothing).
        static_dir: std::fs::canonicalize(&opts.static_dir).unwrap_or_else(|_| opts.static_dir.clone()),
        surveys,
        config: opts.config,
    });
    let housekeeping = tokio::spawn(housekeeping(state.clone()));
    let app = router(state);
    let (close, closing) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    connections.spawn(connection(stream, peer, app.clone(), closing.clone()));
                }
                Err(e) => {
                    // Out of file descriptors, for instance: wait rather than spin.
                    eprintln!("accept: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            // Finished connections are reaped as they end, so the set stays small.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    let _ = close.send(true);
    // A client that never finishes its request must not hold the shutdown up for ever.
    let drained = tokio::time::timeout(DRAIN_LIMIT, async { while connections.join_next().await.is_some() {} }).await;
    if drained.is_err() {
        eprintln!("shutdown: requests still open after {} s; stopping anyway", DRAIN_LIMIT.as_secs());
        connections.abort_all();
    }
    housekeeping.abort();
    let _ = housekeeping.await;
    tokio::task::spawn_blocking(move || writer.finish()).await.map_err(|e| e.to_string())?;
    Ok(())
}

/// Serves one HTTP/1.1 connection until the client closes it or the server shuts down (then
/// the request in flight finishes first). Headers must arrive within [`HEADER_TIMEOUT`], so a
/// client trickling bytes (slowloris) cannot hold a connection open.
async fn connection(stream: TcpStream, peer: SocketAddr, app: Router, mut closing: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
        req.extensions_mut().insert(ConnectInfo(peer));
        app.clone().call(req.map(Body::new))
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service);
    let mut conn = std::pin::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = closing.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}

/// How far the wall clock may run ahead of the time elapsed since start before retention
/// stops trusting it.
const CLOCK_SLACK: Duration = Duration::from_secs(86_400);

/// Whether the wall clock jumped forward since start: it advanced more than [`CLOCK_SLACK`]
/// beyond the monotonic time elapsed.
fn clock_jumped(wall_since_start: Option<Duration>, elapsed: Duration) -> bool {
    wall_since_start.is_some_and(|wall| wall > elapsed + CLOCK_SLACK)
}

async fn housekeeping(state: Arc<AppState>) {
    let mut tick = tokio::time::interval(HOUSEKEEPING);
    let (started, started_wall) = (Instant::now(), SystemTime::now());
    loop {
        tick.tick().await;
        if let Some(l) = &state.limiter {
            l.prune(Instant::now());
        }
        let days = i64::from(state.config.retention_days);
        if days == 0 {
            continue;
        }
        if clock_jumped(SystemTime::now().duration_since(started_wall).ok(), started.elapsed()) {
            eprintln!("retention: skipped: the system clock jumped forward since start; restart the collector once it is right");
            continue;
        }
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        if state.writer.send(Job::Retain(now - days * 86_400)).await.is_err() {
            return;
        }
    }
}

/// Resolves on SIGTERM or ctrl-c.
pub async fn signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("shutting down: finishing requests and committing queued answers");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forward_jump_of_the_wall_clock_is_noticed() {
        let hour = Duration::from_secs(3600);
        assert!(!clock_jumped(Some(hour), hour));
        assert!(!clock_jumped(Some(hour * 3), hour), "NTP-sized corrections are fine");
        assert!(!clock_jumped(None, hour), "a clock set back deletes less, never more");
        assert!(clock_jumped(Some(Duration::from_secs(400 * 86_400)), hour));
    }
}
