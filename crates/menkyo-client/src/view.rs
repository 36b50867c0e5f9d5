//! One view of a licence, whichever card it came from: the IC licence's DF1/EF01, or the
//! マイナ免許証's 免許AP merged with 基本4情報 of the 券面事項入力補助AP. Every field names the
//! file it came from, and the check of the licence's signature goes with it. Its JSON is what
//! `menkyo read --format json` prints (`docs/json.md`); text, redaction and the HTML pages of
//! `menkyo-render` render from it.

use crate::adapt::LinkReport;
use menkyo_auth::Report;
use menkyo_codec::date::{Date, Date7, Validity};
use menkyo_codec::records::json::SCHEMA;
use menkyo_codec::records::{
    ChangeEntry, ChangeKind, ChangeRecords, ClassEntry, CommonData, LicensedOn, PhotoData, Text0208,
};
use serde::Serialize;

use crate::decoded::{IcLicence, MynaLicence};
use crate::detect::CardKind;
use crate::file_read::Skipped;
use crate::files::EfRef;
use crate::ic;
use crate::myna;
use crate::pin::PinStatus;

/// A value and the file it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// The file's path: `DF1/EF01`, `LICENCE_AP/WEF02`, `券面事項入力補助AP/EF0002` ….
    pub source: &'static str,
}

/// What a value masked by `--redact` reads.
pub const REDACTED: &str = "[redacted]";

/// A value of the view, or [`REDACTED`] where `--redact` masked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redactable<T> {
    /// The value as read.
    Shown(T),
    /// Masked.
    Redacted,
}

impl<T> Redactable<T> {
    /// The value, `None` when masked.
    pub fn shown(&self) -> Option<&T> {
        match self {
            Redactable::Shown(value) => Some(value),
            Redactable::Redacted => None,
        }
    }
}

impl<T: Serialize> Serialize for Redactable<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Redactable::Shown(value) => value.serialize(serializer),
            Redactable::Redacted => serializer.serialize_str(REDACTED),
        }
    }
}

fn sourced<T>(ef: &EfRef, value: Option<T>) -> Option<Sourced<T>> {
    value.map(|value| Sourced {
        value,
        source: ef.path,
    })
}

fn text(t: Option<&Text0208>) -> Option<String> {
    t.map(|t| t.as_str().to_owned())
}

fn date(d: Option<Date7>) -> Option<Date> {
    d.and_then(|d| d.date())
}

/// What the view says of the photo (写真): its format, length and digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhotoSummary {
    /// `jpeg2000-codestream`, `jp2` or `unknown`.
    pub format: &'static str,
    /// Its length in bytes.
    pub length: usize,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
}

impl PhotoSummary {
    /// The summary of `photo`.
    pub fn of(photo: &PhotoData) -> Self {
        Self {
            format: photo.format().as_str(),
            length: photo.as_bytes().len(),
            sha256: photo.sha256_hex(),
        }
    }
}

/// The conditions after the 新条件 and 条件解除 records, in tag order; `None` without either.
fn latest_conditions(
    from_record: Option<Vec<String>>,
    changes: &ChangeRecords,
) -> Option<Vec<String>> {
    let mut records: Vec<&ChangeEntry> = changes
        .entries
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                ChangeKind::Conditions | ChangeKind::LiftedConditions
            )
        })
        .collect();
    if records.is_empty() {
        return None;
    }
    records.sort_by_key(|e| e.changed_on.date());
    let mut conditions = from_record.unwrap_or_default();
    for record in records {
        let text = record.value.as_str().to_owned();
        if record.kind == ChangeKind::Conditions {
            conditions.push(text);
        } else {
            conditions.retain(|c| *c != text);
        }
    }
    Some(conditions)
}

/// The licence as one document. Absent fields (not on this card, or in a file that was not
/// read) are `null`; `skipped` says which files were left out and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LicenceView {
    /// Always `menkyo/1`.
    pub schema: &'static str,
    /// Always `licence`.
    pub kind: &'static str,
    /// Which card.
    pub card: CardKind,
    /// 氏名.
    pub name: Option<Sourced<String>>,
    /// 呼び名 (IC licence only).
    pub name_reading: Option<Sourced<String>>,
    /// 通称名 (IC licence only).
    pub alias: Option<Sourced<String>>,
    /// 統一氏名(カナ) (IC licence only).
    pub name_kana: Option<Sourced<String>>,
    /// 生年月日.
    pub birth_date: Option<Sourced<Redactable<Date>>>,
    /// 性別 (`male`, `female`, `not_applicable`; 券面事項入力補助AP only).
    pub sex: Option<Sourced<&'static str>>,
    /// 住所.
    pub address: Option<Sourced<String>>,
    /// 本籍 (IC licence only, needs PIN2).
    pub registered_domicile: Option<Sourced<String>>,
    /// 免許証の番号.
    pub number: Option<Sourced<String>>,
    /// 交付年月日.
    pub issued_on: Option<Sourced<Date>>,
    /// 有効期間の末日.
    pub expires_on: Option<Sourced<Date>>,
    /// 免許証の色区分.
    pub color_class: Option<Sourced<String>>,
    /// 免許の条件, in order.
    pub conditions: Option<Sourced<Vec<String>>>,
    /// 公安委員会名 (IC licence only).
    pub commission: Option<Sourced<String>>,
    /// 照会番号 (IC licence only).
    pub reference_number: Option<Sourced<String>>,
    /// 免許の年月日 per group (二・小・原, 他, 二種).
    pub licensed_on: Option<Sourced<LicensedOn>>,
    /// Every licence class: held or not, and since when where the card records it.
    pub classes: Option<Sourced<Vec<ClassEntry>>>,
    /// 写真: format, length and SHA-256 (the bytes are [`crate::LicenceRead::photo`]).
    pub photo: Option<Sourced<PhotoSummary>>,
    /// MF/EF01 共通データ要素: spec version, card issue and expiry (IC licence only).
    pub card_data: Option<Sourced<CommonData>>,
    /// 住所 as last changed: the newest 新住所 of DF1/EF04 (IC licence with changes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_address: Option<Sourced<String>>,
    /// 免許の条件 as last changed: DF1/EF01's, plus each 新条件 and less each 条件解除 of
    /// DF1/EF04 in tag order (IC licence with condition changes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_conditions: Option<Sourced<Vec<String>>>,
    /// 記載事項変更等: every change record of DF1/EF04 (IC licence with changes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Sourced<Vec<ChangeEntry>>>,
    /// 記載事項変更(本籍): every 新本籍 record of DF1/EF06 (IC licence with changes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domicile_changes: Option<Sourced<Vec<ChangeEntry>>>,
    /// Whether the licence is valid on the day asked ([`LicenceView::set_validity`]): `null`
    /// without an expiry date; absent until asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity: Option<Option<Validity>>,
    /// The check of the licence's signature (DF1/EF07 電子署名 or 免許AP WEF03), when it was
    /// made ([`crate::LicenceRead::checked_view`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<Report>,
    /// How the reader was used (length mode, fallbacks, restarts); only in `--format json`,
    /// and absent from a read of kept files, which talks to no reader.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<LinkReport>,
    /// Each PIN as found before VERIFY.
    pub pins: Vec<PinStatus>,
    /// Files left out, and why.
    pub skipped: Vec<Skipped>,
    /// What lenient decoding let pass.
    pub warnings: Vec<String>,
}

impl LicenceView {
    /// Sets [`LicenceView::validity`] on `today`: from 有効期間の末日 and, where shown,
    /// 生年月日 (a masked birth date leaves the renewal period to the expiry date alone, so it
    /// does not tell the birthday).
    pub fn set_validity(&mut self, today: Date) {
        let birth_date = self
            .birth_date
            .as_ref()
            .and_then(|b| b.value.shown().copied());
        self.validity = Some(
            self.expires_on
                .as_ref()
                .map(|e| Validity::on(today, e.value, birth_date)),
        );
    }

    fn empty(card: CardKind) -> Self {
        Self {
            schema: SCHEMA,
            kind: "licence",
            card,
            name: None,
            name_reading: None,
            alias: None,
            name_kana: None,
            birth_date: None,
            sex: None,
            address: None,
            registered_domicile: None,
            number: None,
            issued_on: None,
            expires_on: None,
            color_class: None,
            conditions: None,
            commission: None,
            reference_number: None,
            licensed_on: None,
            classes: None,
            photo: None,
            card_data: None,
            latest_address: None,
            latest_conditions: None,
            changes: None,
            domicile_changes: None,
            validity: None,
            signature: None,
            link: None,
            pins: Vec::new(),
            skipped: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The view of an IC licence: everything from DF1/EF01, 本籍 from DF1/EF02, the photo from
    /// DF2/EF01 and the card data from MF/EF01.
    pub fn from_ic(read: &IcLicence) -> Self {
        let mut v = Self::empty(CardKind::IcLicence);
        let card = &read.card;
        v.card_data = sourced(&ic::MF_EF01, card.common.clone());
        if let Some(r) = &card.record {
            let ef = &ic::DF1_EF01;
            v.name = sourced(ef, text(r.name.as_ref()));
            v.name_reading = sourced(ef, text(r.name_reading.as_ref()));
            v.alias = sourced(ef, text(r.alias.as_ref()));
            v.name_kana = sourced(ef, text(r.name_kana.as_ref()));
            v.birth_date = sourced(ef, date(r.birth_date).map(Redactable::Shown));
            v.address = sourced(ef, text(r.address.as_ref()));
            v.number = sourced(ef, r.number.as_ref().map(|n| n.as_str().to_owned()));
            v.issued_on = sourced(ef, date(r.issued_on));
            v.expires_on = sourced(ef, date(r.expires_on));
            v.color_class = sourced(ef, text(r.color_class.as_ref()));
            v.conditions = sourced(
                ef,
                Some(r.conditions().map(|c| c.as_str().to_owned()).collect()),
            );
            v.commission = sourced(ef, text(r.commission.as_ref()));
            v.reference_number = sourced(
                ef,
                r.reference_number.as_ref().map(|n| n.as_str().to_owned()),
            );
            v.licensed_on = sourced(ef, Some(r.licensed_on));
            v.classes = sourced(ef, Some(r.class_entries().to_vec()));
        }
        if let Some(d) = &card.domicile {
            v.registered_domicile = sourced(&ic::DF1_EF02, text(d.registered_domicile.as_ref()));
        }
        if let Some(p) = &card.photo {
            v.photo = sourced(&ic::DF2_EF01, p.photo.as_ref().map(PhotoSummary::of));
        }
        if let Some(changes) = card.changes.as_ref().filter(|c| !c.entries.is_empty()) {
            let ef = &ic::DF1_EF04;
            v.changes = sourced(ef, Some(changes.entries.clone()));
            v.latest_address = sourced(
                ef,
                changes
                    .latest(ChangeKind::Address)
                    .map(|e| e.value.as_str().to_owned()),
            );
            let from_record = v.conditions.as_ref().map(|c| c.value.clone());
            v.latest_conditions = sourced(ef, latest_conditions(from_record, changes));
        }
        if let Some(changes) = card
            .change_domicile
            .as_ref()
            .filter(|c| !c.entries.is_empty())
        {
            v.domicile_changes = sourced(&ic::DF1_EF06, Some(changes.entries.clone()));
        }
        v.pins.clone_from(&read.files.pins);
        v.skipped.clone_from(&read.files.skipped);
        v.warnings.clone_from(&read.warnings);
        v
    }

    /// The view of a マイナ免許証: the licence from 免許AP WEF02, and name, birth date, sex and
    /// address from 券面事項入力補助AP EF0002 when its PIN was given.
    pub fn from_myna(read: &MynaLicence) -> Self {
        let mut v = Self::empty(CardKind::MyNumberWithLicence);
        let ap = read.card.licence_ap.as_ref();
        if let Some(r) = ap.and_then(|ap| ap.record.as_ref()) {
            let ef = &myna::WEF02;
            v.number = sourced(ef, r.number.as_ref().map(|n| n.as_str().to_owned()));
            v.expires_on = sourced(ef, date(r.expires_on));
            v.color_class = sourced(ef, text(r.color_class.as_ref()));
            v.conditions = sourced(
                ef,
                Some(r.conditions.iter().map(|c| c.as_str().to_owned()).collect()),
            );
            v.licensed_on = sourced(ef, Some(r.licensed_on));
            v.classes = sourced(ef, r.classes.map(|_| r.class_entries().to_vec()));
            v.photo = sourced(ef, r.photo.as_ref().map(PhotoSummary::of));
        }
        let basic = read.card.basic_info_ap.as_ref();
        if let Some(b) = basic.and_then(|ap| ap.basic_info.as_ref()) {
            let ef = &myna::BASIC_INFO_EF0002;
            v.name = sourced(ef, b.name.as_ref().map(|t| t.as_str().to_owned()));
            v.address = sourced(ef, b.address.as_ref().map(|t| t.as_str().to_owned()));
            v.birth_date = sourced(ef, b.birth_date.map(Redactable::Shown));
            v.sex = sourced(ef, b.sex.map(|s| s.as_str()));
        }
        v.pins.clone_from(&read.files.pins);
        v.skipped.clone_from(&read.files.skipped);
        v.warnings.clone_from(&read.warnings);
        v
    }

    /// The licence classes the holder has (免許の種類), in the order of the licence.
    pub fn classes_held(&self) -> impl Iterator<Item = &ClassEntry> {
        self.classes
            .iter()
            .flat_map(|classes| classes.value.iter())
            .filter(|class| class.licensed)
    }

    /// Pretty-printed JSON.
    pub fn to_json_pretty(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }
}
