//! The single writer: a thread fed by a bounded channel that commits whatever has queued up
//! as one transaction (group commit) and acknowledges each request only after that commit.
//! Under load, batches grow and the fsync cost per answer falls; when idle, a batch is one
//! answer and is committed at once.

use std::path::Path;
use std::thread::JoinHandle;

use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

use super::{delete_before, open_writer, write_batch, NewResponse, Outcome};

/// Requests waiting for the writer before senders are made to wait (back-pressure).
pub const QUEUE: usize = 4096;
/// Most responses committed in one transaction.
const MAX_BATCH: usize = 1024;

pub type Ack = oneshot::Sender<Result<Outcome, String>>;

pub enum Job {
    Store(NewResponse, Ack),
    /// Delete raw rows received before this unix time.
    Retain(i64),
}

pub struct Writer {
    sender: mpsc::Sender<Job>,
    thread: JoinHandle<()>,
}

impl Writer {
    pub fn start(path: &Path) -> rusqlite::Result<Writer> {
        let conn = open_writer(path)?;
        let (sender, receiver) = mpsc::channel(QUEUE);
        let thread = std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || run(conn, receiver))
            .expect("spawn the writer thread");
        Ok(Writer { sender, thread })
    }

    pub fn sender(&self) -> mpsc::Sender<Job> {
        self.sender.clone()
    }

    /// Waits until every queued job is committed. Call after all other senders are dropped.
    pub fn finish(self) {
        drop(self.sender);
        if self.thread.join().is_err() {
            eprintln!("writer: thread panicked");
        }
    }
}

fn run(mut conn: Connection, mut receiver: mpsc::Receiver<Job>) {
    let mut batch: Vec<NewResponse> = Vec::with_capacity(MAX_BATCH);
    let mut acks: Vec<Ack> = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = receiver.blocking_recv() {
        let mut next = Some(first);
        while let Some(job) = next {
            match job {
                Job::Store(r, ack) => {
                    batch.push(r);
                    acks.push(ack);
                }
                Job::Retain(cutoff) => match delete_before(&conn, cutoff) {
                    Ok(0) => {}
                    Ok(n) => eprintln!("retention: deleted {n} raw responses"),
                    Err(e) => eprintln!("retention: {e}"),
                },
            }
            next = if batch.len() < MAX_BATCH { receiver.try_recv().ok() } else { None };
        }
        if batch.is_empty() {
            continue;
        }
        match write_batch(&mut conn, &batch) {
            Ok(outcomes) => {
                for (ack, outcome) in acks.drain(..).zip(outcomes) {
                    let _ = ack.send(Ok(outcome));
                }
            }
            Err(e) => {
                eprintln!("writer: batch of {} failed: {e}", batch.len());
                for ack in acks.drain(..) {
                    let _ = ack.send(Err(e.to_string()));
                }
            }
        }
        batch.clear();
    }
}
