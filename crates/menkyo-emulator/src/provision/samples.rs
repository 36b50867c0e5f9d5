//! The built-in sample cards: the fixture profiles compiled in. Every holder is synthetic.
//!
//! | Name | Card |
//! |---|---|
//! | `ic-licence` | IC licence, holder PINs set |
//! | `ic-licence-no-pin` | IC licence, no PIN set (`****`) |
//! | `myna-licence` (default) | My Number card with the 免許AP (PIN not set), 券面事項入力補助AP, JPKI |
//! | `myna-card` | My Number card without the 免許AP |

use crate::image::CardImage;
use crate::profile::Profile;
use crate::Error;

/// The sample used when none is named.
pub const DEFAULT: &str = "myna-licence";

const PROFILES: [(&str, &str); 4] = [
    (
        "ic-licence",
        include_str!("../../fixtures/profiles/ic-licence.toml"),
    ),
    (
        "ic-licence-no-pin",
        include_str!("../../fixtures/profiles/ic-licence-no-pin.toml"),
    ),
    (
        "myna-licence",
        include_str!("../../fixtures/profiles/myna-licence.toml"),
    ),
    (
        "myna-card",
        include_str!("../../fixtures/profiles/myna-card.toml"),
    ),
];

const PHOTOS: [(&str, &[u8]); 2] = [
    (
        "../photos/hanako.j2k",
        include_bytes!("../../fixtures/photos/hanako.j2k"),
    ),
    (
        "../photos/taro.j2k",
        include_bytes!("../../fixtures/photos/taro.j2k"),
    ),
];

/// The sample names, the default first.
pub fn names() -> [&'static str; 4] {
    [
        "myna-licence",
        "myna-card",
        "ic-licence",
        "ic-licence-no-pin",
    ]
}

/// The profile of a sample.
pub fn profile(name: &str) -> Option<Result<Profile, Error>> {
    let (name, text) = PROFILES.iter().find(|(n, _)| *n == name)?;
    Some(Profile::parse(name, text, &photo))
}

/// The card image of a sample; `None` for an unknown name.
pub fn get(name: &str) -> Option<CardImage> {
    profile(name)?.and_then(|p| p.to_image()).ok()
}

fn photo(file: &str) -> std::io::Result<Vec<u8>> {
    PHOTOS
        .iter()
        .find(|(name, _)| *name == file)
        .map(|(_, bytes)| bytes.to_vec())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, file.to_owned()))
}
