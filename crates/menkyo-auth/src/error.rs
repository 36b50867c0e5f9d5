//! Why a key, a certificate, a signature or the security data cannot be used or made: the
//! crate's one error type.

use std::path::PathBuf;

use crate::covered::SignedCard;
use crate::keys::KEY_BITS;
use crate::security_data::{too_large, SIGNATURE_LEN};

/// Any error of `menkyo-auth`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A key or certificate file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A PEM block of another kind than expected.
    #[error("the PEM block is {label:?}, not {expected}")]
    UnexpectedPem {
        /// The block's label.
        label: String,
        /// What was expected.
        expected: &'static str,
    },
    /// DER that does not decode as the structure expected.
    #[error("the DER data does not decode")]
    Der(#[source] der::Error),
    /// Bytes that are none of the accepted public-key forms.
    #[error("not a certificate, SubjectPublicKeyInfo or PKCS#1 RSA public key")]
    NotAPublicKey,
    /// A public key that is not RSA, or a malformed one.
    #[error("not an RSA public key")]
    Spki(#[source] rsa::pkcs8::spki::Error),
    /// A private key that does not decode.
    #[error("not an RSA private key (PKCS#8 or PKCS#1)")]
    PrivateKey(#[source] rsa::pkcs8::Error),
    /// An RSA key the crate refuses.
    #[error("the RSA key is unusable")]
    RsaKey(#[source] rsa::Error),
    /// A key of another size than RSA-2048.
    #[error("the key has {bits} bits; the cards use RSA-{KEY_BITS}")]
    KeySize {
        /// Its size.
        bits: usize,
    },
    /// A certificate signed with an algorithm other than sha256WithRSAEncryption.
    #[error("unsupported certificate signature algorithm {oid}")]
    UnsupportedAlgorithm {
        /// The algorithm's OID.
        oid: der::asn1::ObjectIdentifier,
    },
    /// A private key and a certificate that do not belong together.
    #[error("the private key does not match the certificate")]
    KeyMismatch,
    /// The data to sign does not fit the key with PKCS#1 v1.5 padding.
    #[error("{len} bytes do not fit an RSA-2048 PKCS#1 v1.5 signature")]
    TooLongToSign {
        /// Bytes given.
        len: usize,
    },
    /// The RSA signing operation failed.
    #[error("the RSA signature failed")]
    RsaSignature(#[source] rsa::Error),
    /// The caller gave a different number of files than the card's signature covers.
    #[error("{card:?} covers {expected} files, {given} given")]
    WrongCount {
        /// The card.
        card: SignedCard,
        /// Files covered.
        expected: usize,
        /// Files given.
        given: usize,
    },
    /// A covered file is longer than its fixed size.
    #[error("{path} holds {len} bytes, more than its {size}")]
    FileTooLong {
        /// The file.
        path: &'static str,
        /// Its length.
        len: usize,
        /// Its fixed size.
        size: usize,
    },
    /// The security data file is empty or all `FF`: nothing was written to it.
    #[error("the file holds no security data (empty or all FF)")]
    Empty,
    /// The security data file is not simple TLV.
    #[error("the file is not simple TLV")]
    Tlv(#[source] menkyo_codec::Error),
    /// The first item is not the `B1` signature.
    #[error("the first item has tag {found:02X}, not B1")]
    NotContainer {
        /// The tag found.
        found: u8,
    },
    /// The old layout's `B1` value is not a sequence of simple-TLV items.
    #[error("the value of B1 is not a sequence of simple-TLV items")]
    Inner(#[source] menkyo_codec::Error),
    /// An item of the security data appears twice.
    #[error("item {tag:02X} appears twice")]
    Duplicate {
        /// Its tag.
        tag: u8,
    },
    /// The security data file holds no signature value.
    #[error("no signature value in B1")]
    NoSignature,
    /// The signature value is not an RSA-2048 signature.
    #[error("the signature in B1 is {len} bytes, not {SIGNATURE_LEN}")]
    SignatureLength {
        /// Its length.
        len: usize,
    },
    /// The security data does not fit its file.
    #[error("{}", too_large(*.len, *.size))]
    TooLarge {
        /// Bytes needed.
        len: usize,
        /// The file's size.
        size: usize,
    },
}
