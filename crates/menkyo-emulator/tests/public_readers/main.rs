//! Public readers written and tested against real cards, replayed against the emulated cards.
//!
//! Each module sends the APDUs one public reader sends (read from its source, named next to
//! each test), in its order, and checks the answers the way that reader checks them: its own
//! tag walks and offsets included. The readers' code is not copied: each test describes what
//! the reader does.

mod conventional;
mod licence_ap;
mod support;
