//! The TOML form of a card profile, as written in `fixtures/profiles/`.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ProfileFile {
    pub card: CardSection,
    pub pins: Option<PinsSection>,
    pub common: Option<CommonSection>,
    pub record: Option<RecordSection>,
    pub domicile: Option<DomicileSection>,
    #[serde(default)]
    pub gaiji: Vec<GaijiSection>,
    pub changes: Option<ChangesSection>,
    pub signature: Option<SignedSection>,
    pub photo: Option<PhotoSection>,
    pub licence_ap: Option<LicenceApSection>,
    pub basic_info: Option<BasicInfoSection>,
    pub jpki: Option<JpkiSection>,
    pub quirks: Option<QuirksSection>,
}

/// Behaviour the public record leaves open, chosen per profile.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct QuirksSection {
    /// `crate::Quirks::reselect_keeps_security`.
    #[serde(default)]
    pub reselect_keeps_security: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CardSection {
    pub kind: String,
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PinsSection {
    pub set: bool,
    pub pin1: Option<String>,
    pub pin2: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CommonSection {
    pub spec_version: String,
    pub issued_on: String,
    pub expires_on: String,
    pub maker_id: u8,
    pub crypto_id: u8,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LicensedOnSection {
    pub two_small_moped: Option<String>,
    pub other: Option<String>,
    pub second_class: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RecordSection {
    pub jis_x0208_edition: u16,
    pub name: String,
    pub name_reading: String,
    pub alias: String,
    pub name_kana: String,
    pub birth_date: String,
    pub address: String,
    pub issued_on: String,
    pub reference_number: String,
    pub color_class: String,
    pub expires_on: String,
    #[serde(default)]
    pub conditions: Vec<String>,
    pub commission: String,
    pub number: String,
    #[serde(default)]
    pub unheld_era_digit: u8,
    #[serde(default)]
    pub licensed_on: LicensedOnSection,
    /// Class name (`普通`) → since.
    #[serde(default)]
    pub classes: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DomicileSection {
    pub registered_domicile: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct GaijiSection {
    pub number: u8,
    pub glyph: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ChangesSection {
    #[serde(default)]
    pub appended: bool,
    /// Change records of DF1/EF04 (and `domicile` ones of EF06), in the order they were made.
    #[serde(default)]
    pub entries: Vec<ChangeSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ChangeSection {
    /// `commission`, `name`, `reading`, `address`, `conditions`, `lifted_conditions`,
    /// `remarks`, `reserve` or `domicile`.
    pub kind: String,
    pub changed_on: String,
    pub value: String,
    /// 公安委員会, 5 characters.
    pub commission: String,
    /// JIS X 0208 制定年番号 (default 78).
    pub edition: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SignedSection {
    pub text: String,
    pub size: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PhotoSection {
    pub file: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LicenceApSection {
    /// WEF02 `C2` 経歴証明, hex (empty when absent).
    pub career_c2: Option<String>,
    /// WEF02 `C3` 経歴証明, hex (empty when absent).
    pub career_c3: Option<String>,
    pub pin_set: bool,
    pub pin: Option<String>,
    pub expires_on: String,
    pub color_class: String,
    pub number: String,
    #[serde(default)]
    pub conditions: Vec<String>,
    #[serde(default)]
    pub classes: Vec<String>,
    #[serde(default)]
    pub licensed_on: LicensedOnSection,
    pub photo: PhotoSection,
    pub security: Option<SignedSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BasicInfoSection {
    pub pin: String,
    pub my_number: String,
    pub name: String,
    pub address: String,
    pub birth_date: String,
    pub sex: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct JpkiSection {
    pub token: String,
    pub signing_password: Option<String>,
    pub user_pin: Option<String>,
}
