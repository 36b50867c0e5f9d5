//! pcscd stopping and starting again under running programs: menkyo's watcher and vpcd bridge
//! follow it without being restarted.
//!
//! These tests stop pcscd, so they run their own: a private pcscd in a mount namespace, whose
//! `/run/pcscd` is a directory of the test's (pcscd 1.9 has its socket path built in and refuses
//! to start while another pcscd runs), with vpcd on its own port. The client library finds it
//! through `PCSCLITE_CSOCK_NAME`, which it reads once per process: this test binary talks only
//! to the private pcscd, and the shared one of the other tests is untouched.

mod cli;
mod private_pcscd;
mod restart;
// Shared with the `pcsc` test binary, which uses all of it.
#[allow(dead_code)]
#[path = "../support/mod.rs"]
mod support;
