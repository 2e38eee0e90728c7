//! The single writer: a thread fed by a bounded channel that commits whatever has queued up
//! as one transaction (group commit) and acknowledges each request only after that commit.
//! Under load, batches grow and the fsync cost per answer falls; when idle, a batch is one
//! answer and is committed at once.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

use super::usage::{self, UsageBatch};
use super::{open_writer, retention, write_batch, NewResponse, Stored};

/// Requests waiting for the writer before senders are made to wait (back-pressure).
pub const QUEUE: usize = 4096;
/// Most responses committed in one transaction.
const MAX_BATCH: usize = 1024;

/// The outcome once committed; `None` when the batch failed (the writer has logged why).
pub type Ack = oneshot::Sender<Option<Stored>>;

pub enum Job {
    Store(Box<NewResponse>, Ack),
    /// Add a page's reach counts; acknowledged `true` once committed.
    Usage(Box<UsageBatch>, oneshot::Sender<bool>),
    /// Delete raw rows received before this unix time.
    Retain(i64),
    /// Commit everything queued before this job, then stop. Jobs sent later are dropped
    /// unacknowledged (their requests answer 503), so nothing acknowledged is ever lost.
    Stop,
}

/// What the writer last did, for the readiness check (`GET /healthz`).
#[derive(Debug, Default)]
pub struct Health {
    running: AtomicBool,
    /// Batches that failed in a row since the last one that committed.
    failed_in_a_row: AtomicU64,
    /// Batches committed since start (cached summaries older than the last one are stale).
    commits: AtomicU64,
    last_error: Mutex<Option<String>>,
}

impl Health {
    /// `Err(reason)` when answers cannot be stored now: the writer thread has ended (stopped
    /// or crashed), or its last batch failed and none has committed since.
    pub fn ready(&self) -> Result<(), String> {
        if !self.running.load(Ordering::SeqCst) {
            return Err("the writer is not running".to_owned());
        }
        match self.failed_in_a_row.load(Ordering::SeqCst) {
            0 => Ok(()),
            n => {
                let last = self.last_error.lock().unwrap_or_else(|e| e.into_inner()).clone().unwrap_or_default();
                Err(format!("the last {n} write(s) failed: {last}"))
            }
        }
    }

    /// Batches committed since start.
    pub fn commits(&self) -> u64 {
        self.commits.load(Ordering::SeqCst)
    }

    fn committed(&self, result: Result<(), &rusqlite::Error>) {
        match result {
            Ok(()) => {
                self.failed_in_a_row.store(0, Ordering::SeqCst);
                self.commits.fetch_add(1, Ordering::SeqCst);
            }
            Err(e) => {
                *self.last_error.lock().unwrap_or_else(|e| e.into_inner()) = Some(e.to_string());
                self.failed_in_a_row.fetch_add(1, Ordering::SeqCst);
            }
        }
    }
}

/// Marks the writer as gone when its thread ends, by returning or by a panic.
struct Running(Arc<Health>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::SeqCst);
    }
}

pub struct Writer {
    sender: mpsc::Sender<Job>,
    thread: JoinHandle<()>,
    health: Arc<Health>,
}

impl Writer {
    pub fn start(path: &Path) -> rusqlite::Result<Writer> {
        let conn = open_writer(path)?;
        let (sender, receiver) = mpsc::channel(QUEUE);
        let health = Arc::new(Health::default());
        health.running.store(true, Ordering::SeqCst);
        let running = Running(health.clone());
        let thread = std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || run(conn, receiver, running))
            .expect("spawn the writer thread");
        Ok(Writer { sender, thread, health })
    }

    pub fn sender(&self) -> mpsc::Sender<Job> {
        self.sender.clone()
    }

    pub fn health(&self) -> Arc<Health> {
        self.health.clone()
    }

    /// Commits every job queued so far and stops the writer thread.
    pub fn finish(self) {
        let _ = self.sender.blocking_send(Job::Stop);
        if self.thread.join().is_err() {
            eprintln!("writer: thread panicked");
        }
    }
}

/// A retention run in progress: its cutoff and the rows deleted so far.
type Retaining = Option<(i64, usize)>;

fn run(mut conn: Connection, mut receiver: mpsc::Receiver<Job>, running: Running) {
    let health = &running.0;
    let mut batch: Vec<NewResponse> = Vec::with_capacity(MAX_BATCH);
    let mut acks: Vec<Ack> = Vec::with_capacity(MAX_BATCH);
    let mut counts: Vec<(UsageBatch, oneshot::Sender<bool>)> = Vec::new();
    let mut stop = false;
    let mut retaining: Retaining = None;
    loop {
        // While deleting old rows, answers go first: one deletion step only when none waits.
        let first = if retaining.is_some() {
            match receiver.try_recv() {
                Ok(job) => job,
                Err(mpsc::error::TryRecvError::Empty) => {
                    retaining = retain_step(&conn, retaining);
                    continue;
                }
                Err(mpsc::error::TryRecvError::Disconnected) => return,
            }
        } else {
            match receiver.blocking_recv() {
                Some(job) => job,
                None => return,
            }
        };
        let mut next = Some(first);
        while let Some(job) = next {
            match job {
                Job::Stop => stop = true,
                Job::Store(r, ack) => {
                    batch.push(*r);
                    acks.push(ack);
                }
                Job::Usage(b, ack) => counts.push((*b, ack)),
                Job::Retain(cutoff) if retaining.is_none() => retaining = retain_start(&conn, cutoff),
                Job::Retain(_) => {}
            }
            next = if batch.len() + counts.len() < MAX_BATCH && !stop { receiver.try_recv().ok() } else { None };
        }
        if !batch.is_empty() {
            commit(&mut conn, &mut batch, &mut acks, health);
        }
        if !counts.is_empty() {
            commit_usage(&mut conn, &mut counts, health);
        }
        if stop {
            return;
        }
    }
}

/// Starts deleting rows received before `cutoff`, unless that would delete every row.
fn retain_start(conn: &Connection, cutoff: i64) -> Retaining {
    match retention::check(conn, cutoff) {
        Ok(Ok(())) => Some((cutoff, 0)),
        Ok(Err(refused)) => {
            eprintln!(
                "retention: refused: the cutoff {} is after the newest answer ({}), so every raw row would go; \
                 check the system clock",
                tthc_core::stats::local_datetime(cutoff),
                tthc_core::stats::local_datetime(refused.newest)
            );
            None
        }
        Err(e) => {
            eprintln!("retention: {e}");
            None
        }
    }
}

/// Deletes one batch; ends the run (and logs it) when nothing is left or on an error.
fn retain_step(conn: &Connection, retaining: Retaining) -> Retaining {
    let (cutoff, total) = retaining?;
    match retention::delete_batch(conn, cutoff) {
        Ok(0) => {
            if total > 0 {
                eprintln!("retention: deleted {total} raw responses");
            }
            None
        }
        Ok(n) => Some((cutoff, total + n)),
        Err(e) => {
            eprintln!("retention: {e}");
            None
        }
    }
}

/// Adds the queued reach batches in one transaction and acknowledges each.
fn commit_usage(conn: &mut Connection, counts: &mut Vec<(UsageBatch, oneshot::Sender<bool>)>, health: &Health) {
    let (batches, acks): (Vec<_>, Vec<_>) = counts.drain(..).unzip();
    let result = usage::write(conn, &batches);
    health.committed(result.as_ref().map(|_| ()));
    if let Err(e) = &result {
        eprintln!("writer: {} usage batch(es) failed: {e}", batches.len());
    }
    for ack in acks {
        let _ = ack.send(result.is_ok());
    }
}

/// Commits one batch, records the result in `health` (before anyone hears of it), and
/// acknowledges each job with its outcome (or `None`, after logging the error).
fn commit(conn: &mut Connection, batch: &mut Vec<NewResponse>, acks: &mut Vec<Ack>, health: &Health) {
    let result = write_batch(conn, batch);
    health.committed(result.as_ref().map(|_| ()));
    match result {
        Ok(outcomes) => {
            for (ack, outcome) in acks.drain(..).zip(outcomes) {
                let _ = ack.send(Some(outcome));
            }
        }
        Err(e) => {
            eprintln!("writer: batch of {} failed: {e}", batch.len());
            for ack in acks.drain(..) {
                let _ = ack.send(None);
            }
        }
    }
    batch.clear();
}
