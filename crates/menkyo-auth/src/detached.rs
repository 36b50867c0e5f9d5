//! Detached signatures made with the JPKI 署名用電子証明書: a raw RSA-2048 PKCS#1 v1.5 SHA-256
//! signature file beside the document, checked with the certificate (and, optionally, the
//! certificate against its CA).

use std::time::SystemTime;

use serde::Serialize;

use crate::certificate::{Certificate, CertificateInfo};
use crate::pkcs1;
use crate::Error;

/// What checking a detached signature found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DetachedCheck {
    /// Whether the certificate's key signed the document.
    pub signature_valid: bool,
    /// The signer's certificate.
    pub certificate: CertificateInfo,
    /// Whether the certificate lies within its validity now.
    pub within_validity: bool,
    /// Whether the given CA issued the certificate; `None` when no CA was given.
    pub issued_by_ca: Option<bool>,
}

impl DetachedCheck {
    /// Everything checked holds.
    pub fn is_valid(&self) -> bool {
        self.signature_valid && self.within_validity && self.issued_by_ca != Some(false)
    }
}

/// Checks `signature` over `document` with `certificate`, and `certificate` against `ca`.
pub fn verify_detached(
    document: &[u8],
    signature: &[u8],
    certificate: &Certificate,
    ca: Option<&Certificate>,
) -> Result<DetachedCheck, Error> {
    Ok(DetachedCheck {
        signature_valid: pkcs1::verify_sha256(certificate.public_key(), document, signature),
        certificate: certificate.info()?,
        within_validity: certificate.is_valid_at(SystemTime::now()),
        issued_by_ca: ca.map(|ca| certificate.is_issued_by(ca)).transpose()?,
    })
}
