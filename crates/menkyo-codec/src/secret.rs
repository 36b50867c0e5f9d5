//! PINs (暗証番号) and passwords as types that never print themselves and are wiped on drop.
//!
//! `Debug` and `Display` print `REDACTED`; nothing here implements `Serialize`; the errors of
//! the validating constructors name the rule that failed, never the value.

use std::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::Error;

/// Length of every 4-digit PIN of both cards.
pub const PIN_LEN: usize = 4;
/// Shortest 署名用パスワード of the JPKI AP.
pub const SIGNING_PASSWORD_MIN_LEN: usize = 6;
/// Longest 署名用パスワード of the JPKI AP.
pub const SIGNING_PASSWORD_MAX_LEN: usize = 16;
/// The licence PIN when the holder set none (`****`).
const DEFAULT_LICENCE_PIN: [u8; PIN_LEN] = crate::registry::DEFAULT_LICENCE_PIN;

/// The characters a PIN or password may hold.
#[derive(Clone, Copy)]
enum Charset {
    /// Half-width digits; counted as digits.
    Digits,
    /// Half-width letters and digits; counted as characters.
    Alphanumeric,
}

impl Charset {
    fn unit(self) -> &'static str {
        match self {
            Charset::Digits => "digits",
            Charset::Alphanumeric => "characters",
        }
    }

    fn allowed(self) -> &'static str {
        match self {
            Charset::Digits => "the half-width digits 0-9",
            Charset::Alphanumeric => "the half-width letters A-Z and digits 0-9",
        }
    }

    fn admits(self, c: char) -> bool {
        match self {
            Charset::Digits => c.is_ascii_digit(),
            Charset::Alphanumeric => c.is_ascii_alphanumeric(),
        }
    }
}

/// Checks that `input` holds `min` to `max` characters of `charset` (UTF-8, read leniently: a
/// full-width digit is one character): their number first, then each in turn. `what` names
/// the value in the errors.
fn check(
    input: &[u8],
    what: &'static str,
    charset: Charset,
    min: usize,
    max: usize,
) -> Result<(), Error> {
    let chars: Vec<char> = String::from_utf8_lossy(input).chars().collect();
    if !(min..=max).contains(&chars.len()) {
        return Err(Error::SecretLength {
            what,
            unit: charset.unit(),
            len: chars.len(),
            min,
            max,
        });
    }
    if let Some(position) = chars.iter().position(|&c| !charset.admits(c)) {
        return Err(Error::InvalidCharacter {
            what,
            allowed: charset.allowed(),
            position,
        });
    }
    Ok(())
}

/// `Debug` prints `$debug`, `Display` prints `REDACTED`: never the value.
macro_rules! redacted {
    ($type:ty, $debug:expr) => {
        impl fmt::Debug for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str($debug)
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("REDACTED")
            }
        }
    };
}

/// Secret bytes: a PIN or password as sent to the card. Wiped on drop; prints `REDACTED`.
#[derive(Clone, Default)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// Wraps bytes without checking them.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The bytes, for the one place that sends them to the card.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Number of bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl ZeroizeOnDrop for Secret {}

redacted!(Secret, "REDACTED");

/// A 4-digit PIN (暗証番号) as 4 ASCII bytes.
#[derive(Clone)]
pub struct Pin(Secret);

redacted!(Pin, "Pin(REDACTED)");

impl Pin {
    /// The 4 bytes for VERIFY.
    pub fn expose(&self) -> &[u8] {
        self.0.expose()
    }

    /// A PIN of the IC licence (暗証番号1/2) or of the 免許AP: 4 ASCII digits, or `****`, the
    /// value both cards expect when the holder set no PIN.
    pub fn licence(input: impl AsRef<[u8]>) -> Result<Self, Error> {
        let input = input.as_ref();
        if input == DEFAULT_LICENCE_PIN {
            return Ok(Self::licence_default());
        }
        Self::digits(input)
    }

    /// The licence PIN used when the holder set none: `****` (`2A 2A 2A 2A`).
    pub fn licence_default() -> Self {
        Self(Secret::new(DEFAULT_LICENCE_PIN.to_vec()))
    }

    /// A 4-digit PIN with no default form (利用者証明用 PIN of JPKI, 券面事項入力補助 PIN).
    pub fn digits(input: impl AsRef<[u8]>) -> Result<Self, Error> {
        let input = input.as_ref();
        check(input, "a PIN", Charset::Digits, PIN_LEN, PIN_LEN)?;
        Ok(Self(Secret::new(input.to_vec())))
    }

    /// Whether this is the `****` default.
    pub fn is_default(&self) -> bool {
        self.0.expose() == DEFAULT_LICENCE_PIN
    }
}

/// The JPKI 署名用パスワード: 6–16 characters A–Z and 0–9; lower-case letters are
/// upper-cased.
#[derive(Clone)]
pub struct SigningPassword(Secret);

redacted!(SigningPassword, "SigningPassword(REDACTED)");

impl SigningPassword {
    /// The upper-cased bytes for VERIFY.
    pub fn expose(&self) -> &[u8] {
        self.0.expose()
    }

    /// Validates and upper-cases a signing password.
    pub fn new(input: impl AsRef<[u8]>) -> Result<Self, Error> {
        let input = input.as_ref();
        check(
            input,
            "the signing password",
            Charset::Alphanumeric,
            SIGNING_PASSWORD_MIN_LEN,
            SIGNING_PASSWORD_MAX_LEN,
        )?;
        let mut bytes = Vec::with_capacity(input.len());
        bytes.extend(input.iter().map(u8::to_ascii_uppercase));
        Ok(Self(Secret::new(bytes)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_pins() {
        assert_eq!(Pin::licence("0429").unwrap().expose(), b"0429");
        let default = Pin::licence("****").unwrap();
        assert!(default.is_default());
        assert_eq!(default.expose(), [0x2A; 4]);
        assert!(Pin::licence_default().is_default());
        assert!(!Pin::licence("1234").unwrap().is_default());
    }

    #[test]
    fn full_width_digits_are_four_characters_that_are_not_half_width_digits() {
        let err = Pin::licence("１２３４").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a PIN may contain only the half-width digits 0-9; character 0 is not one of them"
        );
        let err = Pin::licence("１２３").unwrap_err();
        assert_eq!(err.to_string(), "a PIN has 4 digits, not 3");
        let err = SigningPassword::new("ＡＢＣ").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the signing password has 6 to 16 characters, not 3"
        );
    }

    #[test]
    fn refused_pins() {
        assert_eq!(
            Pin::licence("123").unwrap_err(),
            Error::SecretLength {
                what: "a PIN",
                unit: "digits",
                len: 3,
                min: 4,
                max: 4
            }
        );
        assert_eq!(
            Pin::licence("12345").unwrap_err().to_string(),
            "a PIN has 4 digits, not 5"
        );
        assert!(matches!(
            Pin::licence("12a4"),
            Err(Error::InvalidCharacter { position: 2, .. })
        ));
        assert!(matches!(
            Pin::licence("**1*"),
            Err(Error::InvalidCharacter { .. })
        ));
        assert!(Pin::digits("****").is_err());
        assert!(Pin::licence("１２３４").is_err());
    }

    #[test]
    fn signing_passwords() {
        assert_eq!(SigningPassword::new("abc123").unwrap().expose(), b"ABC123");
        assert!(SigningPassword::new("A1B2C3D4E5F6G7H8").is_ok());
        assert!(matches!(
            SigningPassword::new("ABC12"),
            Err(Error::SecretLength { len: 5, .. })
        ));
        assert!(SigningPassword::new("A1B2C3D4E5F6G7H8I").is_err());
        assert!(matches!(
            SigningPassword::new("ABC-123"),
            Err(Error::InvalidCharacter { position: 3, .. })
        ));
    }

    #[test]
    fn nothing_prints_the_value() {
        let pin = Pin::licence("8642").unwrap();
        let password = SigningPassword::new("SECRETPW42").unwrap();
        let secret = Secret::new(b"8642".to_vec());
        for text in [
            format!("{pin:?} {pin} {password:?} {password} {secret:?} {secret}"),
            format!("{:?}", Pin::licence("86a2").unwrap_err()),
            Pin::licence("86a2").unwrap_err().to_string(),
            SigningPassword::new("SECRET-PW").unwrap_err().to_string(),
        ] {
            assert!(!text.contains("8642"), "{text}");
            assert!(!text.contains("86a2"), "{text}");
            assert!(!text.contains("SECRET"), "{text}");
        }
        assert_eq!(format!("{pin:?}"), "Pin(REDACTED)");
        assert_eq!(pin.to_string(), "REDACTED");
    }
}
