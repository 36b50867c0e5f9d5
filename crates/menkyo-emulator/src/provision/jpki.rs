//! 公的個人認証 (JPKI) AP of the My Number card (card notes §3.2) on a card image: the token,
//! the 署名用 and 利用者証明用 certificates with their CA certificates, keys and PINs. The card's
//! signing command is answered by the engine (`engine/handlers/sign.rs`).
//!
//! A set (署名用 or 利用者証明用) exists on the card when the image holds its PIN; a card without
//! it (a child's card carries no 署名用電子証明書) answers `6A82` to its files. The private keys
//! in an image are test data: [`synthetic`] holds the only ones the project ships.

use menkyo_auth::{CardKey, Certificate};
use menkyo_codec::registry::{self, JPKI_EF0001, JPKI_EF0002, JPKI_EF000A, JPKI_EF000B};
use menkyo_codec::registry::{JPKI_EF0017, JPKI_EF001A};
use menkyo_codec::secret::{Pin as DigitPin, SigningPassword};

use crate::image::{CardImage, CardModel, HexBytes};
use crate::Error;

/// One set of the JPKI AP: the holder's certificate, its CA certificate, the private key.
#[derive(Clone)]
pub struct Credentials {
    /// The holder's certificate, DER.
    pub certificate: Vec<u8>,
    /// The CA's certificate, DER.
    pub ca_certificate: Vec<u8>,
    /// The private key, PKCS#8 DER. Test data only.
    pub private_key: Vec<u8>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("certificate", &self.certificate.len())
            .field("ca_certificate", &self.ca_certificate.len())
            .field("private_key", &"REDACTED")
            .finish()
    }
}

impl Credentials {
    fn check(&self) -> Result<(), Error> {
        let certificate =
            Certificate::from_der(&self.certificate).map_err(Error::JpkiCredentials)?;
        Certificate::from_der(&self.ca_certificate).map_err(Error::JpkiCredentials)?;
        let key = CardKey::from_bytes(&self.private_key).map_err(Error::JpkiCredentials)?;
        if &key.public_key() != certificate.public_key() {
            return Err(Error::JpkiCredentials(menkyo_auth::Error::KeyMismatch));
        }
        Ok(())
    }
}

fn prepare(image: &mut CardImage) -> Result<(), Error> {
    if image.model != CardModel::MyNumber {
        return Err(Error::JpkiNotMyNumberCard);
    }
    if !image
        .applications
        .iter()
        .any(|a| a == registry::JPKI.installed_name())
    {
        image
            .applications
            .push(registry::JPKI.installed_name().to_owned());
    }
    if !image.files.contains_key(registry::JPKI_EF0006.path) {
        let mut token = b"JPKIAPICCTOKEN2".to_vec();
        token.resize(registry::JPKI_EF0006.fixed_size(), b' ');
        image
            .files
            .insert(registry::JPKI_EF0006.path.to_owned(), HexBytes(token));
    }
    Ok(())
}

/// Where one set of the JPKI AP lives: its certificate, CA certificate and key files, and its
/// PIN or password.
struct SetLayout {
    files: [&'static registry::File; 3],
    pin: registry::Pin,
}

/// 署名用: EF0001, EF0002, the key EF001A, the password EF001B.
const SIGNING: SetLayout = SetLayout {
    files: [&JPKI_EF0001, &JPKI_EF0002, &JPKI_EF001A],
    pin: registry::Pin::JpkiSign,
};

/// 利用者証明用: EF000A, EF000B, the key EF0017, the PIN EF0018.
const AUTHENTICATION: SetLayout = SetLayout {
    files: [&JPKI_EF000A, &JPKI_EF000B, &JPKI_EF0017],
    pin: registry::Pin::JpkiAuth,
};

/// Issues the 署名用 set: EF0001, EF0002, the key EF001A and the password EF001B (5 tries).
pub fn issue_signing(
    image: &mut CardImage,
    credentials: &Credentials,
    password: &SigningPassword,
) -> Result<(), Error> {
    issue(image, credentials, &SIGNING, password.expose())
}

/// Issues the 利用者証明用 set: EF000A, EF000B, the key EF0017 and the PIN EF0018 (3 tries).
pub fn issue_authentication(
    image: &mut CardImage,
    credentials: &Credentials,
    pin: &DigitPin,
) -> Result<(), Error> {
    issue(image, credentials, &AUTHENTICATION, pin.expose())
}

/// Writes a set's certificate, CA certificate and key at their paths, and its PIN or password
/// `secret` with all its tries left.
fn issue(
    image: &mut CardImage,
    credentials: &Credentials,
    set: &SetLayout,
    secret: &[u8],
) -> Result<(), Error> {
    credentials.check()?;
    prepare(image)?;
    let [certificate, ca_certificate, private_key] = set.files;
    for (file, bytes) in [
        (certificate, &credentials.certificate),
        (ca_certificate, &credentials.ca_certificate),
        (private_key, &credentials.private_key),
    ] {
        image
            .files
            .insert(file.path.to_owned(), HexBytes(bytes.clone()));
    }
    image.set_fresh_pin(set.pin, secret);
    Ok(())
}

/// The SYNTHETIC JPKI holder of `fixtures/test-issuer/jpki/`: worthless keys, public in the
/// repository, and certificates from synthetic CAs.
pub mod synthetic {
    use super::Credentials;

    /// The 署名用 set.
    pub fn signing() -> Credentials {
        Credentials {
            certificate: include_bytes!("../../fixtures/test-issuer/jpki/sign.cert.der").to_vec(),
            ca_certificate: include_bytes!("../../fixtures/test-issuer/jpki/sign-ca.cert.der")
                .to_vec(),
            private_key: include_bytes!("../../fixtures/test-issuer/jpki/sign.key.der").to_vec(),
        }
    }

    /// The 利用者証明用 set.
    pub fn authentication() -> Credentials {
        Credentials {
            certificate: include_bytes!("../../fixtures/test-issuer/jpki/auth.cert.der").to_vec(),
            ca_certificate: include_bytes!("../../fixtures/test-issuer/jpki/auth-ca.cert.der")
                .to_vec(),
            private_key: include_bytes!("../../fixtures/test-issuer/jpki/auth.key.der").to_vec(),
        }
    }
}
