//! The issuer's side: signing the files of a card being issued and writing DF1/EF07 電子署名
//! or the 免許AP's WEF03.

use std::path::Path;

use menkyo_codec::registry;

use crate::certificate::Certificate;
use crate::covered::{self, SignedCard};
use crate::keys;
use crate::pkcs1::{self, CardKey};
use crate::security_data::{ItemNesting, SecurityData};
use crate::verify::name_text;
use crate::Error;

/// An issuer of licences: a signing key and its certificate.
#[derive(Debug, Clone)]
pub struct Issuer {
    key: CardKey,
    certificate: Certificate,
}

impl Issuer {
    /// An issuer from its key and the certificate of that key.
    pub fn new(key: CardKey, certificate: Certificate) -> Result<Self, Error> {
        if &key.public_key() != certificate.public_key() {
            return Err(Error::KeyMismatch);
        }
        Ok(Issuer { key, certificate })
    }

    /// From PEM or DER bytes of the private key and of the certificate.
    pub fn from_bytes(key: &[u8], certificate: &[u8]) -> Result<Self, Error> {
        Issuer::new(
            CardKey::from_bytes(key)?,
            Certificate::from_bytes(certificate)?,
        )
    }

    /// From a private-key file and a certificate file, PEM or DER.
    pub fn load(key: &Path, certificate: &Path) -> Result<Self, Error> {
        Issuer::from_bytes(&keys::read(key)?, &keys::read(certificate)?)
    }

    /// The issuer's certificate: the trust anchor of what it signs.
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    /// The security data of `card` over `files`, given in [`SignedCard::covered_files`] order.
    pub fn security_data(&self, card: SignedCard, files: &[&[u8]]) -> Result<SecurityData, Error> {
        let (digest, _) = covered::digest(card, files)?;
        let mut digest_info = pkcs1::SHA256_DIGEST_INFO_PREFIX.to_vec();
        digest_info.extend_from_slice(&digest);
        let signature = self.key.sign_digest_info(&digest_info)?;
        Ok(SecurityData {
            nesting: ItemNesting::Flat,
            signature,
            serial_number: Some(hex::encode_upper(self.certificate.serial_number()).into_bytes()),
            reserved: Some(Vec::new()),
            issuer: Some(name_text(&self.certificate.issuer_der()?).into_bytes()),
            subject: Some(name_text(&self.certificate.subject_der()?).into_bytes()),
            subject_key_identifier: Some(self.certificate.subject_key_identifier()?),
            unknown: Vec::new(),
        })
    }

    /// DF1/EF07 電子署名 (578 bytes, `FF`-filled) over DF1/EF01, DF1/EF02 and DF2/EF01 as
    /// they are written to the card.
    pub fn sign_ic_licence(
        &self,
        ef01: &[u8],
        ef02: &[u8],
        photo: &[u8],
    ) -> Result<Vec<u8>, Error> {
        let data = self.security_data(SignedCard::IcLicence, &[ef01, ef02, photo])?;
        data.encode_padded(registry::DF1_EF07.fixed_size())
    }

    /// The 免許AP's WEF03 (the `B1` item alone) over WEF02 as it is written to the card.
    pub fn sign_licence_ap(&self, wef02: &[u8]) -> Result<Vec<u8>, Error> {
        let data = self.security_data(SignedCard::LicenceAp, &[wef02])?;
        data.encode()
    }
}
