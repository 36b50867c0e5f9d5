//! RSA keys from PEM and DER, and the trust anchor a signature is checked against.

use std::path::Path;

use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPublicKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha1::{Digest, Sha1};

use crate::certificate::Certificate;
use crate::Error;

/// The only key size the cards use (RSA-2048).
pub const KEY_BITS: usize = 2048;

/// The largest key or certificate file read: a PEM certificate chain of an RSA key is a few
/// kilobytes.
pub const MAX_KEY_FILE_BYTES: u64 = 256 * 1024;

/// Reads a whole key or certificate file, at most [`MAX_KEY_FILE_BYTES`] (checked while
/// reading, so `/dev/zero` ends at once).
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let failed = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_KEY_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(failed)?;
    if bytes.len() as u64 > MAX_KEY_FILE_BYTES {
        return Err(failed(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("longer than the limit of {MAX_KEY_FILE_BYTES} bytes"),
        )));
    }
    Ok(bytes)
}

/// The label and DER content of PEM text; `None` when `bytes` is not PEM.
pub(crate) fn pem_block(bytes: &[u8]) -> Result<Option<(String, Vec<u8>)>, Error> {
    let text = bytes.trim_ascii_start();
    if !text.starts_with(b"-----BEGIN ") {
        return Ok(None);
    }
    let (label, der) = der::pem::decode_vec(text).map_err(|e| Error::Der(e.into()))?;
    Ok(Some((label.to_owned(), der)))
}

fn checked_size(bits: usize) -> Result<(), Error> {
    if bits == KEY_BITS {
        Ok(())
    } else {
        Err(Error::KeySize { bits })
    }
}

/// An RSA-2048 public key from DER SubjectPublicKeyInfo.
pub(crate) fn public_key_from_spki_der(der: &[u8]) -> Result<RsaPublicKey, Error> {
    let key = RsaPublicKey::from_public_key_der(der).map_err(Error::Spki)?;
    checked_size(key.size() * 8)?;
    Ok(key)
}

/// An RSA-2048 private key from PEM or DER, PKCS#8 or PKCS#1.
pub fn private_key_from_bytes(bytes: &[u8]) -> Result<RsaPrivateKey, Error> {
    let (label, der) = match pem_block(bytes)? {
        Some((label, der)) => (Some(label), der),
        None => (None, bytes.to_vec()),
    };
    let key = match label.as_deref() {
        Some("RSA PRIVATE KEY") => RsaPrivateKey::from_pkcs1_der(&der)
            .map_err(|e| Error::PrivateKey(rsa::pkcs8::Error::from(e)))?,
        Some("PRIVATE KEY") => RsaPrivateKey::from_pkcs8_der(&der).map_err(Error::PrivateKey)?,
        Some(other) => {
            return Err(Error::UnexpectedPem {
                label: other.to_owned(),
                expected: "PRIVATE KEY",
            })
        }
        None => match RsaPrivateKey::from_pkcs8_der(&der) {
            Ok(key) => key,
            Err(pkcs8) => {
                RsaPrivateKey::from_pkcs1_der(&der).map_err(|_| Error::PrivateKey(pkcs8))?
            }
        },
    };
    checked_size(key.size() * 8)?;
    Ok(key)
}

/// RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING's bytes (the PKCS#1
/// RSAPublicKey), as OpenSSL's `subjectKeyIdentifier=hash` computes it.
pub fn key_identifier(key: &RsaPublicKey) -> Result<Vec<u8>, Error> {
    let pkcs1 = key
        .to_pkcs1_der()
        .map_err(|e| Error::Der(der_error_of_pkcs1(e)))?;
    Ok(Sha1::digest(pkcs1.as_bytes()).to_vec())
}

fn der_error_of_pkcs1(error: rsa::pkcs1::Error) -> der::Error {
    match error {
        rsa::pkcs1::Error::Asn1(e) => e,
        _ => der::Error::from(der::ErrorKind::Failed),
    }
}

/// What a licence signature is checked against: the issuer's certificate or its public key.
#[derive(Debug, Clone)]
pub struct TrustAnchor {
    key: RsaPublicKey,
    key_identifier: Vec<u8>,
    certificate: Option<Certificate>,
}

impl TrustAnchor {
    /// The anchor of a certificate.
    pub fn from_certificate(certificate: Certificate) -> Result<Self, Error> {
        Ok(TrustAnchor {
            key: certificate.public_key().clone(),
            key_identifier: certificate.subject_key_identifier()?,
            certificate: Some(certificate),
        })
    }

    /// The anchor of a bare public key.
    pub fn from_public_key(key: RsaPublicKey) -> Result<Self, Error> {
        checked_size(key.size() * 8)?;
        Ok(TrustAnchor {
            key_identifier: key_identifier(&key)?,
            key,
            certificate: None,
        })
    }

    /// From PEM or DER: a certificate, a SubjectPublicKeyInfo (`PUBLIC KEY`) or a PKCS#1
    /// `RSA PUBLIC KEY`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        match pem_block(bytes)? {
            Some((label, der)) => match label.as_str() {
                "CERTIFICATE" => TrustAnchor::from_certificate(Certificate::from_der(&der)?),
                "PUBLIC KEY" => TrustAnchor::from_public_key(public_key_from_spki_der(&der)?),
                "RSA PUBLIC KEY" => TrustAnchor::from_public_key(
                    RsaPublicKey::from_pkcs1_der(&der).map_err(|_| Error::NotAPublicKey)?,
                ),
                _ => Err(Error::UnexpectedPem {
                    label,
                    expected: "CERTIFICATE, PUBLIC KEY or RSA PUBLIC KEY",
                }),
            },
            None => {
                if let Ok(certificate) = Certificate::from_der(bytes) {
                    return TrustAnchor::from_certificate(certificate);
                }
                if let Ok(key) = RsaPublicKey::from_public_key_der(bytes) {
                    return TrustAnchor::from_public_key(key);
                }
                let key = RsaPublicKey::from_pkcs1_der(bytes).map_err(|_| Error::NotAPublicKey)?;
                TrustAnchor::from_public_key(key)
            }
        }
    }

    /// From a PEM or DER file (see [`TrustAnchor::from_bytes`]).
    pub fn load(path: &Path) -> Result<Self, Error> {
        TrustAnchor::from_bytes(&read(path)?)
    }

    /// The public key.
    pub fn public_key(&self) -> &RsaPublicKey {
        &self.key
    }

    /// The key identifier the security data names its signer by.
    pub fn key_identifier(&self) -> &[u8] {
        &self.key_identifier
    }

    /// The certificate, when the anchor is one.
    pub fn certificate(&self) -> Option<&Certificate> {
        self.certificate.as_ref()
    }

    /// One line for reports: the certificate's subject, or the key identifier.
    pub fn describe(&self) -> String {
        match self.certificate.as_ref().and_then(|c| c.info().ok()) {
            Some(info) => format!("certificate {}", info.subject),
            None => format!(
                "public key with identifier {}",
                hex::encode_upper(&self.key_identifier)
            ),
        }
    }
}
