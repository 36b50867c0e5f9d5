//! The reader's side: is a card's signature valid, invalid, or unverifiable, and what did it
//! cover?

use std::sync::Arc;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::covered::{self, CoveredPart, SignedCard};
use crate::keys::TrustAnchor;
use crate::pkcs1;
use crate::security_data::{ItemNesting, SecurityData};
use crate::Error;

/// Why a signature could not be checked either way: a reason in the [`Report`], not a failure
/// of the check (which always gives a report).
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Unverifiable {
    /// No trust anchor was given.
    #[error("no trust anchor (issuer certificate or public key) was given")]
    NoTrustAnchor,
    /// Files the signature needs were not read (PIN not given, file missing).
    #[error("not read: {}", .files.join(", "))]
    FilesNotRead {
        /// Their paths.
        files: Vec<&'static str>,
    },
    /// The security data does not follow our layout.
    #[error("the security data has an unknown layout")]
    UnknownLayout(#[source] Arc<Error>),
    /// A covered file does not fit its layout size.
    #[error("a covered file does not fit the layout")]
    Covered(#[source] Arc<Error>),
    /// The security data names another key than the trust anchor's.
    #[error("signed by key {card}, but the trust anchor is key {anchor}")]
    OtherSigner {
        /// Key identifier in the security data, hex.
        card: String,
        /// Key identifier of the trust anchor, hex.
        anchor: String,
    },
}

/// Two reasons are equal when they say the same. The layout and covered-file failures that
/// reach a reason hold only tags, lengths, counts and paths, so their `Debug` forms tell them
/// apart; [`Error`] itself cannot be compared (it may hold an I/O error).
impl PartialEq for Unverifiable {
    fn eq(&self, other: &Self) -> bool {
        use Unverifiable as U;
        match (self, other) {
            (U::NoTrustAnchor, U::NoTrustAnchor) => true,
            (U::FilesNotRead { files: a }, U::FilesNotRead { files: b }) => a == b,
            (U::UnknownLayout(a), U::UnknownLayout(b)) | (U::Covered(a), U::Covered(b)) => {
                format!("{a:?}") == format!("{b:?}")
            }
            (
                U::OtherSigner { card, anchor },
                U::OtherSigner {
                    card: other_card,
                    anchor: other_anchor,
                },
            ) => card == other_card && anchor == other_anchor,
            _ => false,
        }
    }
}

impl Eq for Unverifiable {}

impl Unverifiable {
    /// A stable id for JSON: `no-trust-anchor`, `files-not-read`, `unknown-layout`,
    /// `covered-file-too-long`, `other-signer`.
    pub fn code(&self) -> &'static str {
        match self {
            Unverifiable::NoTrustAnchor => "no-trust-anchor",
            Unverifiable::FilesNotRead { .. } => "files-not-read",
            Unverifiable::UnknownLayout(_) => "unknown-layout",
            Unverifiable::Covered(_) => "covered-file-too-long",
            Unverifiable::OtherSigner { .. } => "other-signer",
        }
    }
}

/// The outcome of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The trust anchor's key signed exactly the covered data.
    Valid,
    /// The signature does not match the covered data and the trust anchor's key.
    Invalid,
    /// The signature could not be checked.
    Unverifiable(Unverifiable),
}

impl Verdict {
    /// `valid`, `invalid` or `unverifiable`.
    pub fn word(&self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Invalid => "invalid",
            Verdict::Unverifiable(_) => "unverifiable",
        }
    }
}

/// The security data as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerInfo {
    /// Length of the signature.
    pub signature_len: usize,
    /// シリアル番号, hex.
    pub serial_number: Option<String>,
    /// 発行者名: the text as written (RFC 4514 from a DER Name in the old layout).
    pub issuer: Option<String>,
    /// 主体者名: the text as written (RFC 4514 from a DER Name in the old layout).
    pub subject: Option<String>,
    /// 主体者鍵識別子, hex.
    pub subject_key_identifier: Option<String>,
}

/// `{"signature_length", "signature_len", "serial_number", "issuer", "subject",
/// "subject_key_identifier"}`: `signature_len`, the first name of `signature_length`, stays for
/// the readers of `menkyo/1`.
impl Serialize for SignerInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("SignerInfo", 6)?;
        s.serialize_field("signature_length", &self.signature_len)?;
        s.serialize_field("signature_len", &self.signature_len)?;
        s.serialize_field("serial_number", &self.serial_number)?;
        s.serialize_field("issuer", &self.issuer)?;
        s.serialize_field("subject", &self.subject)?;
        s.serialize_field("subject_key_identifier", &self.subject_key_identifier)?;
        s.end()
    }
}

/// A DER X.501 Name as an RFC 4514 string (hex when it is not a DER Name).
pub(crate) fn name_text(der: &[u8]) -> String {
    use der::Decode;
    x509_cert::name::Name::from_der(der)
        .map(|name| name.to_string())
        .unwrap_or_else(|_| hex::encode_upper(der))
}

/// An item written as text (the card's layout): as text, hex when it is not UTF-8.
fn text_item(bytes: &[u8]) -> String {
    std::str::from_utf8(bytes)
        .map(str::to_owned)
        .unwrap_or_else(|_| hex::encode_upper(bytes))
}

/// How an item is shown.
type Show = fn(&[u8]) -> String;

impl From<&SecurityData> for SignerInfo {
    fn from(data: &SecurityData) -> Self {
        let (serial, name): (Show, Show) = match data.nesting {
            ItemNesting::Flat => (text_item, text_item),
            ItemNesting::Nested => (|b| hex::encode_upper(b), name_text),
        };
        SignerInfo {
            signature_len: data.signature.len(),
            serial_number: data.serial_number.as_deref().map(serial),
            issuer: data.issuer.as_deref().map(name),
            subject: data.subject.as_deref().map(name),
            subject_key_identifier: data
                .subject_key_identifier
                .as_deref()
                .map(hex::encode_upper),
        }
    }
}

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Which card.
    pub card: SignedCard,
    /// The outcome.
    pub verdict: Verdict,
    /// The covered files as hashed (those that were read).
    pub covered: Vec<CoveredPart>,
    /// The security data, when it decoded.
    pub signer: Option<SignerInfo>,
    /// The trust anchor used.
    pub anchor: Option<String>,
}

/// `{"card", "card_kind", "file", "verdict", "reason", "detail", "covered", "signer",
/// "anchor"}`: `card` names what is signed (`ic-licence`, `licence-ap`), `card_kind` the card
/// as every other document names it ([`SignedCard::card_kind`]); `reason` is
/// [`Unverifiable::code`] and `detail` its message, both `null` unless `unverifiable`.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Report", 9)?;
        s.serialize_field("card", &self.card)?;
        s.serialize_field("card_kind", self.card.card_kind())?;
        s.serialize_field("file", &self.card.security_file().map(|f| f.path))?;
        s.serialize_field("verdict", self.verdict.word())?;
        let (reason, detail) = match &self.verdict {
            Verdict::Unverifiable(why) => (Some(why.code()), Some(why.to_string())),
            Verdict::Valid | Verdict::Invalid => (None, None),
        };
        s.serialize_field("reason", &reason)?;
        s.serialize_field("detail", &detail)?;
        s.serialize_field("covered", &self.covered)?;
        s.serialize_field("signer", &self.signer)?;
        s.serialize_field("anchor", &self.anchor)?;
        s.end()
    }
}

/// Checks the signature of `card`. `file` gives a file's bytes by its path
/// ([`SignedCard::covered_files`], [`SignedCard::security_file`]) when it was read.
pub fn verify<'a>(
    card: SignedCard,
    file: impl Fn(&str) -> Option<&'a [u8]>,
    anchor: Option<&TrustAnchor>,
) -> Report {
    let mut report = Report {
        card,
        verdict: Verdict::Invalid,
        covered: Vec::new(),
        signer: None,
        anchor: anchor.map(TrustAnchor::describe),
    };
    report.verdict = match check(card, &file, anchor, &mut report) {
        Ok(true) => Verdict::Valid,
        Ok(false) => Verdict::Invalid,
        Err(why) => Verdict::Unverifiable(why),
    };
    report
}

fn check<'a>(
    card: SignedCard,
    file: &impl Fn(&str) -> Option<&'a [u8]>,
    anchor: Option<&TrustAnchor>,
    report: &mut Report,
) -> Result<bool, Unverifiable> {
    let mut missing = Vec::new();
    let security = card.security_file().and_then(|f| {
        let bytes = file(f.path);
        if bytes.is_none() {
            missing.push(f.path);
        }
        bytes
    });
    let mut covered = Vec::new();
    for part in card.covered_files() {
        match file(part.path) {
            Some(bytes) => {
                report.covered.push(
                    covered::part(part, bytes).map_err(|e| Unverifiable::Covered(Arc::new(e)))?,
                );
                covered.push(bytes);
            }
            None => missing.push(part.path),
        }
    }
    let data = security
        .map(SecurityData::decode)
        .transpose()
        .map_err(|e| Unverifiable::UnknownLayout(Arc::new(e)))?;
    report.signer = data.as_ref().map(SignerInfo::from);
    if !missing.is_empty() {
        return Err(Unverifiable::FilesNotRead { files: missing });
    }
    let (digest, _) =
        covered::digest(card, &covered).map_err(|e| Unverifiable::Covered(Arc::new(e)))?;
    let (Some(data), Some(anchor)) = (data, anchor) else {
        return Err(Unverifiable::NoTrustAnchor);
    };
    if let Some(ski) = &data.subject_key_identifier {
        if ski.as_slice() != anchor.key_identifier() {
            return Err(Unverifiable::OtherSigner {
                card: hex::encode_upper(ski),
                anchor: hex::encode_upper(anchor.key_identifier()),
            });
        }
    }
    Ok(pkcs1::verify_sha256_digest(
        anchor.public_key(),
        &digest,
        &data.signature,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown_layout(file: &[u8]) -> Unverifiable {
        Unverifiable::UnknownLayout(Arc::new(SecurityData::decode(file).unwrap_err()))
    }

    #[test]
    fn reasons_are_equal_when_they_say_the_same() {
        assert_eq!(unknown_layout(&[]), unknown_layout(&[0xFF; 4]));
        assert_ne!(unknown_layout(&[]), unknown_layout(&[0x41, 0x01, 0x00]));
        assert_ne!(
            unknown_layout(&[0x41, 0x01, 0x00]),
            unknown_layout(&[0x42, 0x01, 0x00])
        );
        assert_ne!(unknown_layout(&[]), Unverifiable::NoTrustAnchor);
        let covered = |given| {
            Unverifiable::Covered(Arc::new(Error::WrongCount {
                card: SignedCard::IcLicence,
                expected: 3,
                given,
            }))
        };
        assert_eq!(covered(1), covered(1));
        assert_ne!(covered(1), covered(2));
    }

    #[test]
    fn a_reason_keeps_the_chain_of_its_failure() {
        let why = unknown_layout(&[0x41, 0x01, 0x00]);
        assert_eq!(why.to_string(), "the security data has an unknown layout");
        let cause = std::error::Error::source(&why).map(ToString::to_string);
        assert_eq!(cause.as_deref(), Some("the first item has tag 41, not B1"));
    }
}
