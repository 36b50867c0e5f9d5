//! RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) with SHA-256: the DigestInfo a card signs, the card-side
//! signature of a given DigestInfo, and verification.

use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};

use crate::keys;
use crate::Error;

/// DER of `DigestInfo { sha256, NULL }` up to the digest (RFC 8017 §9.2 note 1).
pub const SHA256_DIGEST_INFO_PREFIX: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// Length of a SHA-256 DigestInfo.
pub const SHA256_DIGEST_INFO_LEN: usize = SHA256_DIGEST_INFO_PREFIX.len() + 32;

/// The SHA-256 DigestInfo of `data`: what the JPKI signing command takes.
pub fn sha256_digest_info(data: &[u8]) -> Vec<u8> {
    let mut out = SHA256_DIGEST_INFO_PREFIX.to_vec();
    out.extend_from_slice(&Sha256::digest(data));
    out
}

/// An RSA-2048 private key that signs what it is given, as a card's key does: PKCS#1 v1.5
/// padding around the caller's DigestInfo, no hashing of its own.
#[derive(Clone)]
pub struct CardKey(RsaPrivateKey);

impl std::fmt::Debug for CardKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CardKey(REDACTED)")
    }
}

impl CardKey {
    /// From PEM or DER, PKCS#8 or PKCS#1.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        keys::private_key_from_bytes(bytes).map(CardKey)
    }

    /// The matching public key.
    pub fn public_key(&self) -> RsaPublicKey {
        self.0.to_public_key()
    }

    /// The 256-byte signature of `digest_info` (EMSA-PKCS1-v1_5 with the DigestInfo given).
    pub fn sign_digest_info(&self, digest_info: &[u8]) -> Result<Vec<u8>, Error> {
        if digest_info.len() + 11 > self.0.size() {
            return Err(Error::TooLongToSign {
                len: digest_info.len(),
            });
        }
        self.0
            .sign(Pkcs1v15Sign::new_unprefixed(), digest_info)
            .map_err(Error::RsaSignature)
    }

    /// The signature of `data` with SHA-256.
    pub fn sign_sha256(&self, data: &[u8]) -> Result<Vec<u8>, Error> {
        self.sign_digest_info(&sha256_digest_info(data))
    }
}

/// Whether `signature` is `key`'s PKCS#1 v1.5 SHA-256 signature of `data`.
pub fn verify_sha256(key: &RsaPublicKey, data: &[u8], signature: &[u8]) -> bool {
    verify_sha256_digest(key, &Sha256::digest(data).into(), signature)
}

/// Whether `signature` is `key`'s PKCS#1 v1.5 signature of this SHA-256 digest.
pub fn verify_sha256_digest(key: &RsaPublicKey, digest: &[u8; 32], signature: &[u8]) -> bool {
    key.verify(Pkcs1v15Sign::new::<Sha256>(), digest, signature)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_is_the_der_of_the_sha256_algorithm_identifier() {
        let mut expected = vec![0x30, 0x31];
        expected.extend([0x30, 0x0D, 0x06, 0x09]);
        expected.extend(hex::decode("608648016503040201").unwrap());
        expected.extend([0x05, 0x00, 0x04, 0x20]);
        assert_eq!(SHA256_DIGEST_INFO_PREFIX.to_vec(), expected);
        assert_eq!(sha256_digest_info(b"abc").len(), SHA256_DIGEST_INFO_LEN);
        assert_eq!(
            hex::encode(&sha256_digest_info(b"abc")[19..]),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
