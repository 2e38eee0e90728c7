//! The one way a view loads something. A [`Fetch`] holds the outcome of its latest request as a
//! [`Loaded`]; starting a request makes any earlier one's late answer count for nothing, and an
//! answer that arrives after the view is gone sets nothing. Views match on [`Fetch::get`] and show
//! a failure with `ui::LoadFailed` (or their own words for a case they know better).

use crate::api::ApiError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

#[derive(Clone, Debug, PartialEq)]
pub enum Loaded<T, E = ApiError> {
    Loading,
    Ready(T),
    Failed(E),
}

pub struct Fetch<T: 'static, E: 'static = ApiError> {
    state: RwSignal<Loaded<T, E>>,
    latest: StoredValue<u32>,
    /// What the latest `start_for` asked for.
    key: StoredValue<String>,
    /// This fetch counts in a view's `busy` count ([`Fetch::gate`]).
    holding: StoredValue<bool>,
}

impl<T, E> Clone for Fetch<T, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, E> Copy for Fetch<T, E> {}

impl<T, E> Fetch<T, E>
where
    T: Clone + Send + Sync + 'static,
    E: Clone + Send + Sync + 'static,
{
    pub fn new() -> Self {
        Fetch {
            state: RwSignal::new(Loaded::Loading),
            latest: StoredValue::new(0),
            key: StoredValue::new(String::new()),
            holding: StoredValue::new(false),
        }
    }

    /// Like [`Fetch::start`], unless the answer for this same `key` is already at hand: a fetch kept
    /// in `state::Kept` shows it again, without a request, in a view rebuilt on a language switch.
    pub fn start_for(self, key: String, request: impl Future<Output = Result<T, E>> + 'static) {
        if self.key.with_value(|k| *k == key) && self.state.with_untracked(|s| matches!(s, Loaded::Ready(_))) {
            return;
        }
        self.start(request);
        self.key.set_value(key);
    }

    /// Shows "loading" and runs `request`; its answer replaces the state unless a later request
    /// was started meanwhile or the view is gone.
    pub fn start(self, request: impl Future<Output = Result<T, E>> + 'static) {
        self.key.set_value(String::new());
        let ticket = self.next_ticket();
        self.state.set(Loaded::Loading);
        spawn_local(async move {
            let outcome = match request.await {
                Ok(v) => Loaded::Ready(v),
                Err(e) => Loaded::Failed(e),
            };
            if self.latest.try_get_value() == Some(ticket) {
                self.state.try_set(outcome);
            }
        });
    }

    /// Sets the outcome now (a value already at hand, or a failure known without asking), ending
    /// any request in flight.
    pub fn set(self, outcome: Loaded<T, E>) {
        self.key.set_value(String::new());
        self.next_ticket();
        self.state.set(outcome);
    }

    /// The current state, tracked.
    pub fn get(self) -> Loaded<T, E> {
        self.state.get()
    }

    /// The loaded value, tracked; `None` while loading or after a failure.
    pub fn ready(self) -> Option<T> {
        self.state.with(|s| match s {
            Loaded::Ready(v) => Some(v.clone()),
            _ => None,
        })
    }

    pub fn is_loading(self) -> bool {
        self.state.with(|s| matches!(s, Loaded::Loading))
    }

    /// Counts this fetch in `busy` (`AppCtx::view_loading`) whenever it is loading, from now until
    /// the view goes: the shell does not call a first view usable before what it cannot be used
    /// without has come (its code, the survey's definition, a procedure's shard; host.rs). Call it
    /// right after the first `start`. Each fetch holds its own count: one settling never clears
    /// another's.
    pub fn gate(self, busy: RwSignal<u32>) {
        let hold = move |on: bool| {
            if self.holding.try_get_value() == Some(!on) {
                self.holding.set_value(on);
                busy.try_update(|n| *n = if on { *n + 1 } else { n.saturating_sub(1) });
            }
        };
        hold(untrack(|| self.is_loading()));
        Effect::new(move |_| hold(self.is_loading()));
        on_cleanup(move || hold(false));
    }

    fn next_ticket(self) -> u32 {
        self.latest.update_value(|n| *n = n.wrapping_add(1));
        self.latest.get_value()
    }
}

impl<T, E> Default for Fetch<T, E>
where
    T: Clone + Send + Sync + 'static,
    E: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}
