//! The SYNTHETIC test issuer of `fixtures/test-issuer/`: a worthless RSA-2048 key and its
//! self-signed certificate, public in the repository, with which the emulator signs the cards
//! it builds. Nothing it signs proves anything.

use crate::issue::Issuer;
use crate::Error;

/// The private key, PKCS#8 PEM (`fixtures/test-issuer/issuer.key.pem`).
pub const KEY_PEM: &str = include_str!("../fixtures/test-issuer/issuer.key.pem");

/// The certificate, PEM (`fixtures/test-issuer/issuer.cert.pem`).
pub const CERTIFICATE_PEM: &str = include_str!("../fixtures/test-issuer/issuer.cert.pem");

/// The synthetic issuer.
pub fn issuer() -> Result<Issuer, Error> {
    Issuer::from_bytes(KEY_PEM.as_bytes(), CERTIFICATE_PEM.as_bytes())
}
