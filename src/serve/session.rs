//! One simulation at a time per page, the newest request winning: each page has a session
//! id, and a new run of a session cancels the one in progress. Runs of all pages take turns
//! on the engine (one at a time: a run uses every core already).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// The most sessions remembered; past it the oldest is forgotten (its run still ends).
const MAX_SESSIONS: usize = 256;

#[derive(Default)]
pub struct Sessions {
    /// Per session: when its newest run began (a counter) and that run's cancel flag.
    runs: Mutex<HashMap<String, (u64, Arc<AtomicBool>)>>,
    counter: std::sync::atomic::AtomicU64,
    engine: Mutex<()>,
}

/// Whether a session id is acceptable: 1 to 64 letters, digits, `-` or `_`.
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Sessions {
    /// Starts a run for `session`: cancels its run in progress, and returns the new run's
    /// cancel flag.
    pub fn begin(&self, session: &str) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        let at = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut runs = self.runs.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, old)) = runs.insert(session.to_owned(), (at, flag.clone())) {
            old.store(true, Ordering::Relaxed);
        }
        if runs.len() > MAX_SESSIONS
            && let Some(oldest) = runs.iter().min_by_key(|(_, (t, _))| *t).map(|(k, _)| k.clone())
        {
            runs.remove(&oldest);
        }
        flag
    }

    /// The engine, for one run at a time (waits for the run before).
    pub fn engine(&self) -> MutexGuard<'_, ()> {
        self.engine.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_run_cancels_the_sessions_previous_run_only() {
        let s = Sessions::default();
        let a1 = s.begin("a");
        let b1 = s.begin("b");
        let a2 = s.begin("a");
        assert!(a1.load(Ordering::Relaxed));
        assert!(!a2.load(Ordering::Relaxed));
        assert!(!b1.load(Ordering::Relaxed));
    }

    #[test]
    fn session_ids_are_short_and_plain() {
        assert!(valid_id("page-1_Ab"));
        assert!(!valid_id(""));
        assert!(!valid_id("a b"));
        assert!(!valid_id(&"x".repeat(65)));
    }
}
