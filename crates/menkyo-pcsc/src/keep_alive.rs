//! Holding a PC/SC connection while a card is served to pcscd through vpcd: pcscd started on
//! demand (systemd's `pcscd.socket`, `--auto-exit`) opens vpcd's port only once a client
//! connected, and quits after a minute without one.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::Pcsc;

/// A thread holding a PC/SC context until `stopped` is set, establishing it again when pcscd
/// restarts.
#[derive(Debug)]
pub struct KeepAlive {
    thread: std::thread::JoinHandle<()>,
}

impl KeepAlive {
    /// Starts holding; checks the context about every two seconds.
    pub fn start(stopped: Arc<AtomicBool>) -> KeepAlive {
        let thread = std::thread::spawn(move || {
            let mut pcsc: Option<Pcsc> = None;
            while !stopped.load(Ordering::SeqCst) {
                if !pcsc.as_ref().is_some_and(Pcsc::is_alive) {
                    pcsc = Pcsc::establish().ok();
                }
                for _ in 0..20 {
                    if stopped.load(Ordering::SeqCst) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
        });
        KeepAlive { thread }
    }

    /// Waits for the thread to end, once `stopped` is set.
    pub fn join(self) {
        let _ = self.thread.join();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_ends_soon_after_being_stopped() {
        let stopped = Arc::new(AtomicBool::new(false));
        let keep = KeepAlive::start(Arc::clone(&stopped));
        stopped.store(true, Ordering::SeqCst);
        keep.join();
        assert!(stopped.load(Ordering::SeqCst));
    }
}
