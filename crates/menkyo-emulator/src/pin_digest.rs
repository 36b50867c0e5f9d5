//! How a card image keeps a PIN: never the PIN, only a digest to compare against.
//!
//! Images of format `menkyo-card-image/2` keep Argon2id (RFC 9106) of the PIN with a random
//! 16-byte salt of their own per PIN, so two images with the same PIN share nothing and every
//! guess costs one Argon2id run. Images of format `menkyo-card-image/1` kept SHA-256 over a
//! fixed prefix, the PIN id and the PIN, without salt: such digests are still compared (so old
//! images keep working) and stay as they are until the PIN is set again.
//!
//! No digest hides a 4-digit PIN from someone who holds the image: 10,000 guesses are cheap
//! even at Argon2id's cost. The hash only makes the guessing cost seconds of work per PIN
//! instead of none (docs/emulator.md, section "What an image protects").

use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Digest, Sha256};

/// Length of a digest, both schemes.
pub const DIGEST_LEN: usize = 32;
/// Length of a salt.
pub const SALT_LEN: usize = 16;

// The Argon2id parameters are part of format 2: digests made with others never match, so
// changing them takes a new format (tests/frozen-images/menkyo-card-image-2 would fail).

/// Argon2id memory cost in KiB.
pub const MEMORY_KIB: u32 = 4 * 1024;
/// Argon2id passes.
pub const PASSES: u32 = 2;
/// Argon2id lanes.
pub const LANES: u32 = 1;

/// A fresh random salt.
pub fn new_salt() -> [u8; SALT_LEN] {
    let mut salt = [0; SALT_LEN];
    // The operating system's generator; without it no image could be made safely.
    if getrandom::fill(&mut salt).is_err() {
        // Never seen on the systems menkyo runs on; a salt of the process id and time still
        // differs between images.
        let seed = format!(
            "{}:{:?}",
            std::process::id(),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)
        );
        let fallback = Sha256::digest(seed.as_bytes());
        salt.copy_from_slice(fallback.get(..SALT_LEN).unwrap_or(&[0; SALT_LEN]));
    }
    salt
}

/// Argon2id of `pin` with `salt` and the PIN id (as associated data).
pub fn argon2id(id: &str, pin: &[u8], salt: &[u8]) -> [u8; DIGEST_LEN] {
    let mut out = [0; DIGEST_LEN];
    let hashed = Params::new(MEMORY_KIB, PASSES, LANES, Some(DIGEST_LEN)).and_then(|params| {
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let mut input = Vec::with_capacity(id.len() + 1 + pin.len());
        input.extend_from_slice(id.as_bytes());
        input.push(0);
        input.extend_from_slice(pin);
        argon.hash_password_into(&input, salt, &mut out)
    });
    if hashed.is_err() {
        // Only for a salt outside 8..=64 bytes, which image checks refuse: match nothing.
        out = [0xFF; DIGEST_LEN];
    }
    out
}

/// The unsalted digest of format `menkyo-card-image/1`: SHA-256 over `menkyo-pin`, the PIN id
/// and the PIN.
pub fn legacy_sha256(id: &str, pin: &[u8]) -> [u8; DIGEST_LEN] {
    let mut h = Sha256::new();
    h.update(b"menkyo-pin");
    h.update([0]);
    h.update(id.as_bytes());
    h.update([0]);
    h.update(pin);
    h.finalize().into()
}

/// Compares without stopping at the first differing byte.
pub fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salts_differ_and_the_digest_depends_on_salt_id_and_pin() {
        let (a, b) = (new_salt(), new_salt());
        assert_ne!(a, b);
        let d = argon2id("PIN1", b"1234", &a);
        assert_eq!(d, argon2id("PIN1", b"1234", &a));
        assert_ne!(d, argon2id("PIN1", b"1234", &b));
        assert_ne!(d, argon2id("PIN2", b"1234", &a));
        assert_ne!(d, argon2id("PIN1", b"1235", &a));
    }

    #[test]
    fn the_legacy_digest_is_what_format_1_wrote() {
        // SHA-256("menkyo-pin\0PIN1\01234"), as in tests/frozen-images/menkyo-card-image-1.
        assert_eq!(
            hex::encode_upper(legacy_sha256("PIN1", b"1234")),
            hex::encode_upper(Sha256::digest(b"menkyo-pin\0PIN1\x001234"))
        );
    }
}
