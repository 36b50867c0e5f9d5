//! Cards by the name a user gives: a built-in sample or spec card, a card profile (`.toml`) or
//! a card image (`.json`).

use std::path::Path;

use crate::image::{CardImage, ImageError};
use crate::profile::{Profile, ProfileError};
use crate::{samples, spec_cards};

/// Why a name gives no card.
#[derive(Debug, thiserror::Error)]
pub enum NamedCardError {
    /// No sample, spec card or file by that name.
    #[error("{0:?} is neither a built-in sample nor a card profile (.toml) or image (.json) file")]
    UnknownCard(String),
    /// No profile file and no sample by that name.
    #[error("{0:?} is neither a profile file nor a built-in sample")]
    NoSuchProfile(String),
    /// A profile that cannot be used.
    #[error("cannot use the card profile")]
    Profile(#[from] ProfileError),
    /// An image that cannot be loaded.
    #[error("cannot use the card image")]
    Image(#[from] ImageError),
}

/// A built-in sample or spec card by name.
pub fn builtin(name: &str) -> Option<CardImage> {
    samples::get(name).or_else(|| spec_cards::image(name))
}

/// Whether `path` names a card profile (`.toml`) rather than a card image.
pub fn is_profile(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// The card image `name` names: a built-in card, or a profile or image file.
pub fn image(name: &str) -> Result<CardImage, NamedCardError> {
    if let Some(image) = builtin(name) {
        return Ok(image);
    }
    let path = Path::new(name);
    if !path.is_file() {
        return Err(NamedCardError::UnknownCard(name.to_owned()));
    }
    if is_profile(path) {
        profile_image(path)
    } else {
        Ok(CardImage::load(path)?)
    }
}

/// The card image the profile file at `path` describes.
pub fn profile_image(path: &Path) -> Result<CardImage, NamedCardError> {
    Ok(Profile::load(path)?.to_image()?)
}

/// The profile `name` names: a profile file, or a built-in sample's.
pub fn profile(name: &str) -> Result<Profile, NamedCardError> {
    let path = Path::new(name);
    if path.exists() {
        return Ok(Profile::load(path)?);
    }
    match samples::profile(name) {
        Some(profile) => Ok(profile?),
        None => Err(NamedCardError::NoSuchProfile(name.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::CardModel;

    #[test]
    fn samples_profiles_and_images_are_found_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let saved = dir.path().join("card.json");
        builtin("ic-licence").unwrap().save(&saved).unwrap();
        let toml = dir.path().join("card.TOML");
        let text = include_str!("../../fixtures/profiles/myna-card.toml");
        std::fs::write(&toml, text).unwrap();

        assert_eq!(image("myna-licence").unwrap().model, CardModel::MyNumber);
        assert_eq!(
            image(saved.to_str().unwrap()).unwrap().model,
            CardModel::IcLicence
        );
        assert_eq!(
            image(toml.to_str().unwrap()).unwrap().model,
            CardModel::MyNumber
        );
        assert!(is_profile(&toml) && !is_profile(&saved));
        assert!(matches!(
            image("no-such-card"),
            Err(NamedCardError::UnknownCard(n)) if n == "no-such-card"
        ));
        assert!(matches!(
            profile("no-such-card"),
            Err(NamedCardError::NoSuchProfile(_))
        ));
        assert!(profile("ic-licence").is_ok());
        assert!(matches!(
            profile(saved.to_str().unwrap()),
            Err(NamedCardError::Profile(_))
        ));
    }
}
