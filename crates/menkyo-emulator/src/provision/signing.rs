//! Signing what the emulator issues: DF1/EF07 電子署名 of an IC licence and WEF03 of a 免許AP,
//! made by `menkyo-auth` over the files exactly as they are written to the card. Built-in
//! samples and profiles are signed by the SYNTHETIC test issuer (`fixtures/test-issuer/`).

use menkyo_auth::{IssueError, Issuer, KeyError};
use menkyo_codec::records::{
    LicenceApRecord, LicenceApSecurity, LicenceRecord, Photo, RegisteredDomicile, Signature,
};
use menkyo_codec::registry;

use crate::image::{CardImage, HexBytes};

/// Why a card could not be signed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SigningError {
    /// The synthetic issuer's key or certificate did not load.
    #[error("the issuer's key or certificate is unusable")]
    Key(#[from] KeyError),
    /// The security data could not be made.
    #[error("the security data could not be made")]
    Issue(#[from] IssueError),
    /// The security data made does not decode as the codec's record.
    #[error("the security data made does not decode")]
    Record(#[from] menkyo_codec::Error),
}

/// The SYNTHETIC test issuer.
pub fn test_issuer() -> Result<Issuer, SigningError> {
    Ok(menkyo_auth::test_issuer::issuer()?)
}

/// DF1/EF07 over the encoded DF1/EF01, DF1/EF02 and DF2/EF01 (an absent file reads as
/// unwritten, all `FF`).
pub fn ic_signature(
    issuer: &Issuer,
    record: Option<&LicenceRecord>,
    domicile: Option<&RegisteredDomicile>,
    photo: Option<&Photo>,
) -> Result<Signature, SigningError> {
    let ef01 = record.map(LicenceRecord::encode).unwrap_or_default();
    let ef02 = domicile.map(RegisteredDomicile::encode).unwrap_or_default();
    let df2 = photo.map(Photo::encode).unwrap_or_default();
    let ef07 = issuer.sign_ic_licence(&ef01, &ef02, &df2)?;
    Ok(Signature::decode(&ef07)?)
}

/// WEF03 over the encoded WEF02.
pub fn licence_ap_security(
    issuer: &Issuer,
    record: &LicenceApRecord,
) -> Result<LicenceApSecurity, SigningError> {
    let wef03 = issuer.sign_licence_ap(&record.encode())?;
    Ok(LicenceApSecurity::decode(&wef03)?)
}

fn file<'a>(image: &'a CardImage, file: &registry::File) -> &'a [u8] {
    image.files.get(file.path).map_or(&[], |b| b.0.as_slice())
}

/// Signs the IC licence in `image` again: DF1/EF07 over its current files.
pub fn resign_ic_licence(image: &mut CardImage, issuer: &Issuer) -> Result<(), SigningError> {
    let ef07 = issuer.sign_ic_licence(
        file(image, &registry::DF1_EF01),
        file(image, &registry::DF1_EF02),
        file(image, &registry::DF2_EF01),
    )?;
    image
        .files
        .insert(registry::DF1_EF07.path.to_owned(), HexBytes(ef07));
    Ok(())
}

/// Signs the 免許AP in `image` again: WEF03 over its current WEF02.
pub fn resign_licence_ap(image: &mut CardImage, issuer: &Issuer) -> Result<(), SigningError> {
    let wef03 = issuer.sign_licence_ap(file(image, &registry::LICENCE_AP_WEF02))?;
    image
        .files
        .insert(registry::LICENCE_AP_WEF03.path.to_owned(), HexBytes(wef03));
    Ok(())
}
