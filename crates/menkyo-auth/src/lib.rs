#![forbid(unsafe_code)]
//! Signatures and authenticity of Japanese driving licence chips.
//!
//! - [`security_data`]: DF1/EF07 電子署名 of the ICカード運転免許証 and WEF03 of the 免許AP,
//!   `B1 82 HH LL` with our provisional inner layout ([`security_data::ITEMS`]).
//! - [`covered`]: what each signature covers \[P\].
//! - [`issue`]: the issuer's side, signing the files of a card being made.
//! - [`verify`](mod@verify): the reader's side, `valid` / `invalid` / `unverifiable`.
//! - [`pkcs1`], [`certificate`], [`keys`]: RSA-2048 PKCS#1 v1.5 with SHA-256, X.509, key files.
//! - [`detached`]: detached signatures made with the JPKI 署名用電子証明書.
//! - [`test_issuer`]: the SYNTHETIC issuer the emulator signs with.
//!
//! Pure Rust (RustCrypto); no OpenSSL.

pub mod advice;
pub mod certificate;
pub mod covered;
pub mod detached;
mod error;
pub mod issue;
pub mod keys;
pub mod pkcs1;
pub mod security_data;
pub mod test_issuer;
pub mod verify;

pub use certificate::{Certificate, CertificateInfo};
pub use covered::SignedCard;
pub use error::Error;
pub use issue::Issuer;
pub use keys::TrustAnchor;
pub use pkcs1::CardKey;
pub use security_data::SecurityData;
pub use verify::{verify, Report, Unverifiable, Verdict};

/// The example of the crate's README, run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
