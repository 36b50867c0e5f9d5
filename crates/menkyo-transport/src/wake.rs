//! State that one thread waits on and another changes to wake it early: the stop handle of a
//! card server, the canceller of a reader watch.

use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Shared state with a condition variable; cloning shares it. A poisoned lock is taken as it
/// is: the state is plain flags and handles, each left whole by every writer.
#[derive(Debug, Default)]
pub struct Wakeable<S> {
    inner: Arc<(Mutex<S>, Condvar)>,
}

impl<S> Clone for Wakeable<S> {
    fn clone(&self) -> Self {
        Wakeable {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<S> Wakeable<S> {
    /// The state, locked.
    pub fn lock(&self) -> MutexGuard<'_, S> {
        self.inner
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Changes the state and wakes every thread sleeping in [`Wakeable::sleep_unless`].
    pub fn update(&self, change: impl FnOnce(&mut S)) {
        change(&mut self.lock());
        self.inner.1.notify_all();
    }

    /// Sleeps up to `time`, or not at all when `woken` holds; returns early when
    /// [`Wakeable::update`] is called meanwhile.
    pub fn sleep_unless(&self, time: Duration, woken: impl FnOnce(&S) -> bool) {
        let state = self.lock();
        if !woken(&state) {
            let _ = self.inner.1.wait_timeout(state, time);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn an_update_from_another_thread_ends_the_sleep_early() {
        let flag = Wakeable::<bool>::default();
        let other = flag.clone();
        let waker = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            other.update(|set| *set = true);
        });
        let start = Instant::now();
        flag.sleep_unless(Duration::from_secs(30), |set| *set);
        waker.join().unwrap();
        assert!(start.elapsed() < Duration::from_secs(30));
        assert!(*flag.lock());
    }

    #[test]
    fn a_state_already_woken_does_not_sleep() {
        let flag = Wakeable::<bool>::default();
        flag.update(|set| *set = true);
        let start = Instant::now();
        flag.sleep_unless(Duration::from_secs(30), |set| *set);
        assert!(start.elapsed() < Duration::from_secs(30));
    }
}
