#![forbid(unsafe_code)]
//! Renderings of what menkyo reads from a card: the text table, JSON, the self-contained HTML
//! pages (licence and receipt) and the portrait as PNG, with redaction applied in one place.

pub mod html;
pub mod portrait;
pub mod receipt;

pub use portrait::{PortraitError, PortraitFile};
pub use receipt::{Receipt, Recorded};
