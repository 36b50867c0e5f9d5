//! X.509 certificates (電子証明書): the licence issuer's, and the JPKI 署名用電子証明書 with its
//! CA certificate.

use std::path::Path;

use der::{Decode, Encode, EncodePem};
use rsa::RsaPublicKey;
use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_cert::ext::pkix::SubjectKeyIdentifier;

use crate::keys;
use crate::pkcs1;
use crate::Error;

/// `id-ce-subjectKeyIdentifier` (RFC 5280 §4.2.1.2).
const OID_SUBJECT_KEY_IDENTIFIER: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("2.5.29.14");
/// `sha256WithRSAEncryption` (RFC 4055).
const OID_SHA256_WITH_RSA: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");

/// An X.509 certificate with an RSA key, kept with its DER bytes.
#[derive(Debug, Clone)]
pub struct Certificate {
    der: Vec<u8>,
    parsed: x509_cert::Certificate,
    key: RsaPublicKey,
}

/// What a person wants to see of a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateInfo {
    /// Subject, RFC 4514 string.
    pub subject: String,
    /// Issuer, RFC 4514 string.
    pub issuer: String,
    /// Serial number, hex.
    pub serial_number: String,
    /// Start of validity, RFC 3339 UTC.
    pub not_before: String,
    /// End of validity, RFC 3339 UTC.
    pub not_after: String,
    /// SHA-256 of the DER certificate, colon-separated hex.
    pub sha256_fingerprint: String,
    /// Subject key identifier, hex.
    pub subject_key_identifier: String,
}

impl Certificate {
    /// A certificate from its DER bytes.
    pub fn from_der(der: &[u8]) -> Result<Self, Error> {
        let parsed = x509_cert::Certificate::from_der(der).map_err(Error::Der)?;
        let spki = parsed
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(Error::Der)?;
        let key = keys::public_key_from_spki_der(&spki)?;
        Ok(Certificate {
            der: der.to_vec(),
            parsed,
            key,
        })
    }

    /// A certificate from PEM (`CERTIFICATE`) or DER bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        match keys::pem_block(bytes)? {
            Some((label, der)) if label == "CERTIFICATE" => Certificate::from_der(&der),
            Some((label, _)) => Err(Error::UnexpectedPem {
                label,
                expected: "CERTIFICATE",
            }),
            None => Certificate::from_der(bytes),
        }
    }

    /// A certificate from a PEM or DER file.
    pub fn load(path: &Path) -> Result<Self, Error> {
        Certificate::from_bytes(&keys::read(path)?)
    }

    /// The DER bytes.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The certificate as PEM text.
    pub fn to_pem(&self) -> Result<String, Error> {
        self.parsed
            .to_pem(der::pem::LineEnding::LF)
            .map_err(Error::Der)
    }

    /// The subject's public key.
    pub fn public_key(&self) -> &RsaPublicKey {
        &self.key
    }

    /// The serial number, unsigned big-endian.
    pub fn serial_number(&self) -> &[u8] {
        self.parsed.tbs_certificate.serial_number.as_bytes()
    }

    /// The issuer Name, DER.
    pub fn issuer_der(&self) -> Result<Vec<u8>, Error> {
        self.parsed
            .tbs_certificate
            .issuer
            .to_der()
            .map_err(Error::Der)
    }

    /// The subject Name, DER.
    pub fn subject_der(&self) -> Result<Vec<u8>, Error> {
        self.parsed
            .tbs_certificate
            .subject
            .to_der()
            .map_err(Error::Der)
    }

    /// The subject key identifier: the extension's value, or RFC 5280 method 1 computed from
    /// the key when the certificate has none.
    pub fn subject_key_identifier(&self) -> Result<Vec<u8>, Error> {
        let from_extension = self
            .parsed
            .tbs_certificate
            .extensions
            .iter()
            .flatten()
            .find(|ext| ext.extn_id == OID_SUBJECT_KEY_IDENTIFIER);
        match from_extension {
            Some(ext) => {
                let ski = SubjectKeyIdentifier::from_der(ext.extn_value.as_bytes())
                    .map_err(Error::Der)?;
                Ok(ski.0.as_bytes().to_vec())
            }
            None => keys::key_identifier(&self.key),
        }
    }

    /// Subject, issuer, serial number, validity, fingerprint.
    pub fn info(&self) -> Result<CertificateInfo, Error> {
        let tbs = &self.parsed.tbs_certificate;
        Ok(CertificateInfo {
            subject: tbs.subject.to_string(),
            issuer: tbs.issuer.to_string(),
            serial_number: hex::encode_upper(self.serial_number()),
            not_before: tbs.validity.not_before.to_date_time().to_string(),
            not_after: tbs.validity.not_after.to_date_time().to_string(),
            sha256_fingerprint: fingerprint(&self.der),
            subject_key_identifier: hex::encode_upper(self.subject_key_identifier()?),
        })
    }

    /// Whether `time` lies within the certificate's validity.
    pub fn is_valid_at(&self, time: std::time::SystemTime) -> bool {
        let validity = &self.parsed.tbs_certificate.validity;
        validity.not_before.to_system_time() <= time && time <= validity.not_after.to_system_time()
    }

    /// Whether `issuer`'s key made this certificate's signature (sha256WithRSAEncryption only)
    /// and this certificate names `issuer`'s subject as its issuer.
    pub fn is_issued_by(&self, issuer: &Certificate) -> Result<bool, Error> {
        if self.parsed.tbs_certificate.issuer != issuer.parsed.tbs_certificate.subject {
            return Ok(false);
        }
        if self.parsed.signature_algorithm.oid != OID_SHA256_WITH_RSA {
            return Err(Error::UnsupportedAlgorithm {
                oid: self.parsed.signature_algorithm.oid,
            });
        }
        let tbs = self.parsed.tbs_certificate.to_der().map_err(Error::Der)?;
        let signature = self.parsed.signature.raw_bytes();
        Ok(pkcs1::verify_sha256(issuer.public_key(), &tbs, signature))
    }
}

/// SHA-256 of `der`, colon-separated upper-case hex (as OpenSSL prints it).
pub fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}
