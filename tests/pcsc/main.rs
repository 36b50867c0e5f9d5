//! End-to-end tests through the real PC/SC stack: the emulator served to vsmartcard's vpcd,
//! pcscd, and menkyo's PC/SC back end, the `menkyo` command and third-party PC/SC programs.
//!
//! The tests share vpcd's first slot, so they run one at a time (see `harness::stack`). When
//! pcscd or vpcd is not there they say why and skip, except under `MENKYO_REQUIRE_PCSCD=1`
//! (set by `scripts/test`), where they fail.

mod card_swap;
mod cli;
mod doctor;
mod harness;
mod kept;
mod lifecycle;
mod raw_guard;
mod read;
mod reader_profiles;
#[path = "../support/mod.rs"]
mod support;
mod third_party;
mod transcripts;
mod transport;
