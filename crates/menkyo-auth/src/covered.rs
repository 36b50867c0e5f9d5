//! What each card's signature covers \[P\].
//!
//! IC licence: DF1/EF01 + DF1/EF02 + DF2/EF01, each whole as the card hands it out (its layout
//! size, unwritten bytes `FF`). 免許AP: WEF02 whole, as read. The signature is RSA-2048 PKCS#1
//! v1.5 over SHA-256 of the concatenation, in table order.

use std::borrow::Cow;

use crate::Error;
use menkyo_codec::registry::{self, Card, File};
use menkyo_codec::tlv::simple::END_MARK;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// A card whose files carry a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignedCard {
    /// ICカード運転免許証: DF1/EF07 電子署名.
    IcLicence,
    /// 免許AP of the マイナ免許証: WEF03.
    LicenceAp,
}

/// A file that takes part in the signature: a file of the registry (its path as the client and
/// the card image name it, its spec name, its fixed size, shorter content taken `FF`-filled).
pub type SignedFile = File;

impl SignedCard {
    /// The card model in the registry.
    pub fn registry_card(self) -> &'static Card {
        match self {
            SignedCard::IcLicence => &registry::IC_LICENCE,
            SignedCard::LicenceAp => &registry::MY_NUMBER_CARD,
        }
    }

    /// The files the signature covers, in hashing order.
    pub fn covered_files(self) -> Vec<&'static SignedFile> {
        self.registry_card().signed_files().collect()
    }

    /// The file holding the signature (the registry names one for each signed card).
    pub fn security_file(self) -> Option<&'static SignedFile> {
        self.registry_card().security_file()
    }

    /// What to call it in messages.
    pub fn name(self) -> &'static str {
        match self {
            SignedCard::IcLicence => "IC licence (DF1/EF07 電子署名)",
            SignedCard::LicenceAp => "免許AP (WEF03)",
        }
    }
}

/// One covered file as hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoveredPart {
    /// The file's path.
    pub path: &'static str,
    /// The spec's name.
    pub name: &'static str,
    /// Bytes hashed.
    pub len: usize,
    /// SHA-256 of those bytes, hex.
    pub sha256: String,
}

/// `{"path", "name", "length", "len", "sha256"}`: `length` is the word every document uses for
/// a length; `len`, its first name, stays for the readers of `menkyo/1`.
impl Serialize for CoveredPart {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("CoveredPart", 5)?;
        s.serialize_field("path", self.path)?;
        s.serialize_field("name", self.name)?;
        s.serialize_field("length", &self.len)?;
        s.serialize_field("len", &self.len)?;
        s.serialize_field("sha256", &self.sha256)?;
        s.end()
    }
}

impl SignedCard {
    /// The kind of card as every document names it (`card` of the licence view): `ic-licence`
    /// or `my-number-with-licence`.
    pub fn card_kind(self) -> &'static str {
        match self {
            SignedCard::IcLicence => "ic-licence",
            SignedCard::LicenceAp => "my-number-with-licence",
        }
    }
}

/// A file's bytes as hashed: `FF`-filled to a fixed size.
pub fn as_covered<'a>(file: &SignedFile, bytes: &'a [u8]) -> Result<Cow<'a, [u8]>, Error> {
    match file.size {
        Some(size) if bytes.len() > size => Err(Error::FileTooLong {
            path: file.path,
            len: bytes.len(),
            size,
        }),
        Some(size) if bytes.len() < size => {
            let mut filled = bytes.to_vec();
            filled.resize(size, END_MARK);
            Ok(Cow::Owned(filled))
        }
        _ => Ok(Cow::Borrowed(bytes)),
    }
}

/// The covered data of `card`, given its files in [`SignedCard::covered_files`] order: the
/// SHA-256 the signature is over, and each part as hashed.
pub fn digest(card: SignedCard, files: &[&[u8]]) -> Result<([u8; 32], Vec<CoveredPart>), Error> {
    let expected = card.covered_files();
    if files.len() != expected.len() {
        return Err(Error::WrongCount {
            card,
            expected: expected.len(),
            given: files.len(),
        });
    }
    hash_covered(&expected, files)
}

/// The covered data over `covered` (the signed files of a registry card, in hashing order,
/// [`Card::signed_files`]), given their bytes in the same order: the SHA-256 the signature is
/// over, and each part as hashed. Files beyond the shorter list are left out.
pub fn hash_covered(
    covered: &[&'static File],
    files: &[&[u8]],
) -> Result<([u8; 32], Vec<CoveredPart>), Error> {
    let mut whole = Sha256::new();
    let mut parts = Vec::with_capacity(files.len());
    for (file, bytes) in covered.iter().zip(files) {
        let covered = as_covered(file, bytes)?;
        whole.update(&covered);
        parts.push(describe(file, &covered));
    }
    Ok((whole.finalize().into(), parts))
}

/// One file as hashed, for reports.
pub fn part(file: &SignedFile, bytes: &[u8]) -> Result<CoveredPart, Error> {
    Ok(describe(file, &as_covered(file, bytes)?))
}

fn describe(file: &SignedFile, covered: &[u8]) -> CoveredPart {
    CoveredPart {
        path: file.path,
        name: file.name,
        len: covered.len(),
        sha256: hex::encode(Sha256::digest(covered)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ic_files_are_hashed_at_their_layout_size() {
        let (digest_short, parts) = digest(SignedCard::IcLicence, &[&[0x11], &[], &[]]).unwrap();
        assert_eq!(
            parts.iter().map(|p| p.len).collect::<Vec<_>>(),
            [880, 82, 2005]
        );
        let mut ef01 = vec![0x11];
        ef01.resize(880, 0xFF);
        let (digest_full, _) = digest(SignedCard::IcLicence, &[&ef01, &[0xFF; 82], &[]]).unwrap();
        assert_eq!(digest_short, digest_full);
        let (other, _) = digest(SignedCard::IcLicence, &[&[0x12], &[], &[]]).unwrap();
        assert_ne!(digest_short, other);
    }

    #[test]
    fn licence_ap_record_is_hashed_as_read() {
        let (d, parts) = digest(SignedCard::LicenceAp, &[b"\xC5\x075110401"]).unwrap();
        assert_eq!(parts[0].len, 9);
        assert_eq!(d, <[u8; 32]>::from(Sha256::digest(b"\xC5\x075110401")));
    }

    #[test]
    fn wrong_inputs_are_errors() {
        assert!(matches!(
            digest(SignedCard::LicenceAp, &[]),
            Err(Error::WrongCount { expected: 1, .. })
        ));
        assert!(matches!(
            digest(SignedCard::IcLicence, &[&[0; 881], &[], &[]]),
            Err(Error::FileTooLong {
                path: "DF1/EF01",
                ..
            })
        ));
    }
}
