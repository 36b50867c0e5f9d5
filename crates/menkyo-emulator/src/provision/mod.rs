//! Provisioning: card images built from profiles, the built-in samples, the test issuer's
//! signatures, the 免許AP's install and life cycle, and clones of read cards (synthetic ones
//! included).

pub mod clone;
pub mod jpki;
pub mod licence_ap;
pub mod lifecycle;
pub mod named;
pub mod profile;
pub mod samples;
pub mod signing;
pub mod spec_cards;
pub mod synthetic;
