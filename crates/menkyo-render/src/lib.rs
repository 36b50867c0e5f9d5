#![forbid(unsafe_code)]
//! Renderings of what menkyo reads from a card: the text tables, the item listings in hex, the
//! self-contained HTML pages, the portrait as PNG, and redaction, applied in one place.
//!
//! | Module | What it renders |
//! |---|---|
//! | [`card_status_text`] | the card's status: its PINs and their tries |
//! | [`certificate_text`] | a JPKI certificate |
//! | [`licence_text`] | the licence view ([`menkyo_client::LicenceView`]) as a labelled table |
//! | [`record_text`] | one record's document as a labelled table |
//! | [`licence_page`] | the licence view as a self-contained HTML page (`read --format html`) |
//! | [`jp2`] | the photo's codestream in the boxes of a JP2 file |
//! | [`html`] | escaped text and inlined images, for every HTML page |
//! | [`hexdump`] | a file's bytes, or its items with offsets, tags and lengths |
//! | [`redaction`] | the view, a record's document or a file's bytes with personal items masked |
//! | [`portrait`] | the photo (写真) as stored or as PNG |
//! | [`receipt`] | the holder's receipt of a 免許AP recording, as text and HTML |
//! | [`signature_text`] | the check of a card's signature |

pub mod card_status_text;
pub mod certificate_text;
pub mod classes;
pub mod columns;
pub mod detached_text;
mod error;
pub mod hexdump;
pub mod html;
pub mod jp2;
pub mod licence_page;
pub mod licence_text;
pub mod portrait;
pub mod receipt;
pub mod record_text;
pub mod redaction;
pub mod signature_text;
pub mod style;

pub use error::Error;
pub use portrait::PortraitFile;
pub use receipt::{Receipt, Recorded};
pub use style::Style;
