//! Which part of the emulator an [`Error`] comes from, so a program can head its message and
//! choose what to do by part without listing the variants itself. The match below has no
//! catch-all: a new variant does not compile until it is given its part.

use crate::Error;

/// The part of the emulator an [`Error`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorArea {
    /// A card image file: loading, checking, saving.
    CardImage,
    /// A card or profile named by the user that names nothing known.
    CardName,
    /// A card profile.
    Profile,
    /// A holding form asked of the wrong card.
    HoldingForm,
    /// The 免許AP life cycle (install, record, remove).
    LicenceAp,
    /// Signing a card with the synthetic issuer.
    Signing,
    /// Cloning a card into an image.
    Clone,
    /// The vpcd reader cannot be reached.
    VpcdUnreachable,
    /// Serving a card through vpcd.
    Vpcd,
    /// Building a card from its parts, the JPKI AP, transcripts and the simulated reader.
    Other,
}

impl Error {
    /// The part of the emulator this error comes from.
    pub fn area(&self) -> ErrorArea {
        use ErrorArea::*;
        match self {
            Error::ImageNotFound { .. }
            | Error::ImageRead { .. }
            | Error::ImageWrite { .. }
            | Error::ImageJson(_)
            | Error::UnknownFormat { .. }
            | Error::BadHex { .. }
            | Error::UnknownApplication(_)
            | Error::MissingFile(_)
            | Error::FileTooLarge { .. }
            | Error::FileTooLong { .. }
            | Error::UnknownFile(_)
            | Error::UnknownUnread(_)
            | Error::UnreadHeld(_)
            | Error::UnknownPin(_)
            | Error::BadDigest { .. }
            | Error::MissingPin(_)
            | Error::BadCounter { .. }
            | Error::UnusableImage { .. } => CardImage,
            Error::UnknownCard(_) | Error::NoSuchProfile(_) => CardName,
            Error::UnusableProfile { .. } | Error::Profile { .. } => Profile,
            Error::NotIcLicence => HoldingForm,
            Error::NotMyNumberCard
            | Error::AlreadyInstalled
            | Error::NotInstalled
            | Error::NoLicence
            | Error::NoIcRecord
            | Error::BadWef02(_)
            | Error::SignRecord { .. }
            | Error::LicenceAp { .. } => LicenceAp,
            Error::IssuerKey(_)
            | Error::SecurityData(_)
            | Error::SecurityDataDecode(_)
            | Error::Signing { .. } => Signing,
            Error::InvalidClone { .. } => Clone,
            Error::VpcdUnreachable { .. } => VpcdUnreachable,
            Error::VpcdAddress { .. }
            | Error::VpcdPortInUse { .. }
            | Error::VpcdResponseTooLong { .. } => Vpcd,
            Error::ProfileRead { .. }
            | Error::Toml { .. }
            | Error::SizeTooLarge { .. }
            | Error::UnknownKind(_)
            | Error::MissingField(_)
            | Error::UnexpectedField { .. }
            | Error::BadValue { .. }
            | Error::NoRoom { .. }
            | Error::BadDate { .. }
            | Error::BadPin { .. }
            | Error::UnknownChangeKind { .. }
            | Error::UnknownClass { .. }
            | Error::BadGaijiMark { .. }
            | Error::NotOneOf { .. }
            | Error::PhotoRead { .. }
            | Error::Encode(_)
            | Error::SignCard { .. }
            | Error::IssueJpki { .. }
            | Error::InvalidBuiltImage { .. }
            | Error::JpkiNotMyNumberCard
            | Error::JpkiCredentials(_)
            | Error::TranscriptRead { .. }
            | Error::TranscriptSyntax { .. }
            | Error::TranscriptUnknownCard { .. }
            | Error::TranscriptMismatch { .. }
            | Error::TranscriptTransport { .. }
            | Error::ReaderShortOnly
            | Error::ReaderAnswerTooLong { .. } => Other,
        }
    }

    /// Its part and the error to show under it: for an error that only says which part failed
    /// (a profile, an image, a 免許AP step or a signing that could not be done), the error
    /// that made it fail; else the error itself.
    pub fn into_area_and_cause(self) -> (ErrorArea, Error) {
        let area = self.area();
        match self {
            Error::UnusableProfile { source }
            | Error::UnusableImage { source }
            | Error::LicenceAp { source }
            | Error::Signing { source } => (area, *source),
            other => (area, other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapper_gives_its_part_and_its_cause() {
        let cause = Error::UnknownCard("nope".into());
        assert_eq!(cause.area(), ErrorArea::CardName);
        let wrapped = Error::UnusableProfile {
            source: Box::new(cause),
        };
        let (area, cause) = wrapped.into_area_and_cause();
        assert_eq!(area, ErrorArea::Profile);
        assert!(matches!(cause, Error::UnknownCard(ref name) if name == "nope"));

        let (area, err) = Error::NotInstalled.into_area_and_cause();
        assert_eq!(area, ErrorArea::LicenceAp);
        assert!(matches!(err, Error::NotInstalled));
        assert_eq!(Error::ReaderShortOnly.area(), ErrorArea::Other);
    }
}
