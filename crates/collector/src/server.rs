//! Start-up, background tasks and graceful shutdown.

use std::future::{Future, IntoFuture};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::HeaderValue;
use tokio::net::TcpListener;

use crate::config::Options;
use crate::http::{router, AppState, SummaryCache};
use crate::ratelimit::Limiter;
use crate::store::writer::{Job, Writer};
use crate::surveys::presets;

/// How often old raw rows are deleted and idle rate-limit buckets forgotten.
const HOUSEKEEPING: Duration = Duration::from_secs(3600);
/// How long open requests may take to finish after a shutdown signal.
pub const DRAIN_LIMIT: Duration = Duration::from_secs(20);

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
        db: opts.db.clone(),
        // Canonical once, so each request only canonicalizes its own path to compare. A root
        // that does not exist yet stays as given (and serves nothing).
        static_dir: std::fs::canonicalize(&opts.static_dir).unwrap_or_else(|_| opts.static_dir.clone()),
        surveys,
        config: opts.config,
    });
    let housekeeping = tokio::spawn(housekeeping(state.clone()));
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let (fired, fired_rx) = tokio::sync::oneshot::channel::<()>();
    let signal = async move {
        shutdown.await;
        let _ = fired.send(());
    };
    let server = axum::serve(listener, app).with_graceful_shutdown(signal).into_future();
    // A client that never finishes its request must not hold the shutdown up for ever.
    let drain_limit = async move {
        match fired_rx.await {
            Ok(()) => tokio::time::sleep(DRAIN_LIMIT).await,
            Err(_) => std::future::pending().await,
        }
    };
    let result = tokio::select! {
        r = server => r.map_err(|e| e.to_string()),
        () = drain_limit => {
            eprintln!("shutdown: requests still open after {} s; stopping anyway", DRAIN_LIMIT.as_secs());
            Ok(())
        }
    };
    housekeeping.abort();
    let _ = housekeeping.await;
    tokio::task::spawn_blocking(move || writer.finish()).await.map_err(|e| e.to_string())?;
    result
}

async fn housekeeping(state: Arc<AppState>) {
    let mut tick = tokio::time::interval(HOUSEKEEPING);
    loop {
        tick.tick().await;
        if let Some(l) = &state.limiter {
            l.prune(Instant::now());
        }
        let days = i64::from(state.config.retention_days);
        if days > 0 {
            let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
            if state.writer.send(Job::Retain(now - days * 86_400)).await.is_err() {
                return;
            }
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
