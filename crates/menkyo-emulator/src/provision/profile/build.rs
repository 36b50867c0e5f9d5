//! Profile TOML → typed records.

use menkyo_codec::date::{Date, Date7};
use menkyo_codec::records::{
    glyph_bitmap, BasicInfo, BasicInfoAp, Bytes, ChangeEntry, ChangeKind, ChangeRecords,
    ChangesFile, CommonData, Digits, ExternalCharacters, GaijiFile, IcLicenceCard, JpkiToken,
    LicenceAp, LicenceApPinSetting, LicenceApRecord, LicenceApSecurity, LicenceClass,
    LicenceRecord, LicensedOn, MyNumber, MyNumberCard, Photo, PhotoData, PinSetting,
    RegisteredDomicile, Sex, Signature, SpecVersion, Text0208, Utf8Text, CHANGE_KINDS, GLYPH_BYTES,
    LICENCE_NUMBER_LEN, MY_NUMBER_LEN, SOMETHING_APPENDED,
};
use menkyo_codec::registry;
use menkyo_codec::secret::{Pin, SigningPassword};
use menkyo_codec::text::{Gaiji, GaijiKind, JisText, GETA};

use super::schema::{
    BasicInfoSection, ChangesSection, LicenceApSection, LicensedOnSection, ProfileFile,
    RecordSection, SignedSection,
};
use crate::signing;

use super::{IcLicenceProfile, MyNumberProfile, Profile, ProfileCard};
use crate::Error;

type Photos<'a> = &'a dyn Fn(&str) -> std::io::Result<Vec<u8>>;

pub(super) fn profile(name: &str, text: &str, photos: Photos<'_>) -> Result<Profile, Error> {
    let file: ProfileFile = toml::from_str(text).map_err(|err| Error::Toml {
        line: err.span().map_or(1, |span| {
            1 + text
                .as_bytes()
                .get(..span.start)
                .unwrap_or_default()
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
        }),
        message: err.message().trim().replace('\n', " "),
    })?;
    let card = match file.card.kind.as_str() {
        "ic-licence" => ProfileCard::IcLicence(Box::new(ic_licence(&file, photos)?)),
        "my-number" => ProfileCard::MyNumber(Box::new(my_number(&file, photos)?)),
        other => return Err(Error::UnknownKind(other.to_owned())),
    };
    let quirks = crate::Quirks {
        reselect_keeps_security: file
            .quirks
            .as_ref()
            .is_some_and(|q| q.reselect_keeps_security),
        ..crate::Quirks::NONE
    };
    Ok(Profile {
        name: name.to_owned(),
        label: file.card.label,
        card,
        quirks,
    })
}

fn value<T>(field: &str, result: Result<T, menkyo_codec::Error>) -> Result<T, Error> {
    result.map_err(|source| Error::BadValue {
        field: field.to_owned(),
        source,
    })
}

fn date(field: &str, text: &str) -> Result<Date, Error> {
    text.parse::<Date>().map_err(|source| Error::BadDate {
        field: field.to_owned(),
        source,
    })
}

fn date7(field: &str, text: &str) -> Result<Date7, Error> {
    Date7::from_date(date(field, text)?).map_err(|source| Error::BadDate {
        field: field.to_owned(),
        source,
    })
}

/// Text with `{外字N}` and `{欠字}` marks.
fn text0208(field: &'static str, text: &str) -> Result<Text0208, Error> {
    let mut out = String::new();
    let mut gaiji = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let position = out.chars().count();
        let after = rest.get(open + 1..).unwrap_or_default();
        let close = after
            .find('}')
            .ok_or(Error::BadGaijiMark { field, position })?;
        let mark = after.get(..close).unwrap_or_default();
        let kind = match mark.strip_prefix("外字") {
            Some(n) => n
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=7).contains(n))
                .map(GaijiKind::External),
            None => (mark == "欠字").then_some(GaijiKind::Missing),
        }
        .ok_or(Error::BadGaijiMark { field, position })?;
        gaiji.push(Gaiji { position, kind });
        out.push(GETA);
        rest = after.get(close + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    value(
        field,
        Text0208::from_jis(JisText {
            text: out,
            gaiji,
            warnings: Vec::new(),
        }),
    )
}

fn pin(field: &'static str, text: Option<&str>, default: bool) -> Result<Pin, Error> {
    match (text, default) {
        (None, true) => Ok(Pin::licence_default()),
        (Some(_), true) => Err(Error::UnexpectedField {
            field,
            why: "no PIN is set, so the PIN is ****",
        }),
        (None, false) => Err(Error::MissingField(field)),
        (Some(text), false) => Pin::digits(text).map_err(|source| Error::BadPin { field, source }),
    }
}

fn photo(field: &str, file: &str, photos: Photos<'_>) -> Result<PhotoData, Error> {
    let bytes = photos(file).map_err(|source| Error::PhotoRead {
        file: file.to_owned(),
        source,
    })?;
    value(field, PhotoData::new(bytes))
}

/// Marker text zero-padded to what a file of `size` bytes (`file`, as the user named it) holds
/// after the item headers.
fn signed_content(
    field: &'static str,
    section: &SignedSection,
    file: String,
    size: usize,
) -> Result<Bytes, Error> {
    let content_len = size.saturating_sub(SIGNED_HEADER);
    let mut content = section.text.as_bytes().to_vec();
    if content.len() > content_len {
        return Err(Error::NoRoom {
            field,
            len: content.len(),
            file,
            size,
            headers: SIGNED_HEADER,
        });
    }
    content.resize(content_len, 0x00);
    value(field, Bytes::new(content))
}

/// `B1 82 HH LL` takes four bytes, the empty `B2`–`B6` ten.
const SIGNED_HEADER: usize = 4 + 10;

/// A marker in place of a signature: `B1` holds the text (never a 256-byte signature, so it
/// verifies as unverifiable), then `B2`–`B6` empty, in the card's item layout.
fn marker(content: Bytes) -> Signature {
    Signature {
        items: std::array::from_fn(|_| Some(Bytes::default())),
        ..Signature::new(content)
    }
}

fn ic_licence(file: &ProfileFile, photos: Photos<'_>) -> Result<IcLicenceProfile, Error> {
    let pins = file.pins.as_ref().ok_or(Error::MissingField("pins"))?;
    let default = !pins.set;
    let pin1 = pin("pins.pin1", pins.pin1.as_deref(), default)?;
    let pin2 = pin("pins.pin2", pins.pin2.as_deref(), default)?;
    let common = file.common.as_ref().ok_or(Error::MissingField("common"))?;
    let common = CommonData {
        spec_version: value(
            "common.spec_version",
            SpecVersion::new(&common.spec_version),
        )?,
        issued_on: date("common.issued_on", &common.issued_on)?,
        expires_on: date("common.expires_on", &common.expires_on)?,
        maker_id: common.maker_id,
        crypto_id: common.crypto_id,
    };
    let record = licence_record(file.record.as_ref().ok_or(Error::MissingField("record"))?)?;
    let domicile = file
        .domicile
        .as_ref()
        .ok_or(Error::MissingField("domicile"))?;
    let domicile = RegisteredDomicile {
        registered_domicile: Some(text0208(
            "domicile.registered_domicile",
            &domicile.registered_domicile,
        )?),
        ..RegisteredDomicile::default()
    };
    let mut glyphs = Vec::new();
    for (i, g) in file.gaiji.iter().enumerate() {
        let rows: Vec<&str> = g.glyph.iter().map(String::as_str).collect();
        let bitmap: [u8; GLYPH_BYTES] = value(&format!("gaiji[{i}].glyph"), glyph_bitmap(&rows))?;
        glyphs.push((g.number, bitmap));
    }
    let (ef03, ef05): (Vec<_>, Vec<_>) = glyphs.into_iter().partition(|(n, _)| *n <= 2);
    let (changes, change_domicile) = change_records(file.changes.as_ref())?;
    let signature = match &file.signature {
        Some(section) => {
            if section.size.is_some() {
                return Err(Error::UnexpectedField {
                    field: "signature.size",
                    why: "DF1/EF07 has a fixed size",
                });
            }
            let size = registry::DF1_EF07.fixed_size();
            Some(marker(signed_content(
                "signature.text",
                section,
                format!("DF1/EF07 ({size} bytes)"),
                size,
            )?))
        }
        None => None,
    };
    let photo_file = &file
        .photo
        .as_ref()
        .ok_or(Error::MissingField("photo"))?
        .file;
    let photo = Photo::new(photo("photo.file", photo_file, photos)?);
    let mut card = IcLicenceCard {
        common: Some(common),
        pin_setting: Some(PinSetting { pin_set: pins.set }),
        record: Some(record),
        domicile: Some(domicile),
        external_characters: Some(ExternalCharacters::new(GaijiFile::Ef03, &ef03)),
        changes: Some(changes),
        change_external_characters: Some(ExternalCharacters::new(GaijiFile::Ef05, &ef05)),
        change_domicile: Some(change_domicile),
        signature,
        photo: Some(photo),
    };
    if card.signature.is_none() {
        let signed = signing::test_issuer().and_then(|issuer| {
            signing::ic_signature(
                &issuer,
                card.record.as_ref(),
                card.domicile.as_ref(),
                card.photo.as_ref(),
            )
        });
        card.signature = Some(signed.map_err(|source| Error::SignCard {
            source: Box::new(source),
        })?);
    }
    Ok(IcLicenceProfile { card, pin1, pin2 })
}

/// DF1/EF04 and EF06 from `[changes]`: records take the tags of their kind in order.
fn change_records(
    section: Option<&ChangesSection>,
) -> Result<(ChangeRecords, ChangeRecords), Error> {
    let mut ef04 = ChangeRecords::new(ChangesFile::Ef04, Vec::new());
    let mut ef06 = ChangeRecords::new(ChangesFile::Ef06, Vec::new());
    let Some(section) = section else {
        return Ok((ef04, ef06));
    };
    for (i, c) in section.entries.iter().enumerate() {
        let kind = CHANGE_KINDS
            .iter()
            .map(|(kind, ..)| *kind)
            .find(|kind| {
                serde_json::to_value(kind)
                    .ok()
                    .as_ref()
                    .and_then(|v| v.as_str())
                    == Some(&c.kind)
            })
            .ok_or_else(|| Error::UnknownChangeKind {
                index: i,
                name: c.kind.clone(),
            })?;
        let records = if kind == ChangeKind::Domicile {
            &mut ef06
        } else {
            &mut ef04
        };
        let tag = records.next_tag(kind).ok_or(Error::UnexpectedField {
            field: "changes.entries",
            why: "more records of one kind than its tag range holds",
        })?;
        records.entries.push(ChangeEntry {
            kind,
            tag,
            edition: c.edition.unwrap_or(0x78),
            changed_on: date7(&format!("changes.entries[{i}].changed_on"), &c.changed_on)?,
            value: text0208("changes.entries.value", &c.value)?,
            commission: text0208("changes.entries.commission", &c.commission)?,
        });
    }
    for records in [&mut ef04, &mut ef06] {
        if !records.entries.is_empty() || (section.appended && records.file == ChangesFile::Ef04) {
            records.appended = Some(SOMETHING_APPENDED);
        }
    }
    Ok((ef04, ef06))
}

fn licensed_on(
    prefix: &str,
    section: &LicensedOnSection,
    unheld: Date7,
) -> Result<LicensedOn, Error> {
    let one = |name: &str, text: &Option<String>| match text {
        Some(text) => date7(&format!("{prefix}.licensed_on.{name}"), text),
        None => Ok(unheld),
    };
    Ok(LicensedOn {
        two_small_moped: Some(one("two_small_moped", &section.two_small_moped)?),
        other: Some(one("other", &section.other)?),
        second_class: Some(one("second_class", &section.second_class)?),
    })
}

fn licence_record(r: &RecordSection) -> Result<LicenceRecord, Error> {
    let unheld = Date7::NotLicensed {
        era_digit: r.unheld_era_digit,
    };
    if r.conditions.len() > 4 {
        return Err(Error::BadValue {
            field: "record.conditions".into(),
            source: menkyo_codec::Error::TooMany {
                count: r.conditions.len(),
                max: 4,
            },
        });
    }
    let mut conditions: [Option<Text0208>; 4] = Default::default();
    for (slot, i) in conditions.iter_mut().zip(0..) {
        let text = r.conditions.get(i).map_or("", String::as_str);
        *slot = Some(text0208("record.conditions", text)?);
    }
    let mut classes = [Some(unheld); 15];
    for (name, since) in &r.classes {
        let class = LicenceClass::from_name(name).ok_or_else(|| Error::UnknownClass {
            field: "record.classes",
            name: name.clone(),
        })?;
        if let Some(slot) = classes.get_mut(class.index()) {
            *slot = Some(date7(&format!("record.classes.{name}"), since)?);
        }
    }
    let edition = r.jis_x0208_edition.checked_sub(1900).filter(|y| *y < 100);
    let edition = edition.ok_or(Error::NotOneOf {
        field: "record.jis_x0208_edition",
        value: r.jis_x0208_edition.to_string(),
        allowed: "the years 1900-1999",
    })?;
    let edition = u8::try_from(edition / 10 * 16 + edition % 10).unwrap_or_default();
    Ok(LicenceRecord {
        jis_x0208_edition: Some(edition),
        name: Some(text0208("record.name", &r.name)?),
        name_reading: Some(text0208("record.name_reading", &r.name_reading)?),
        alias: Some(text0208("record.alias", &r.alias)?),
        name_kana: Some(text0208("record.name_kana", &r.name_kana)?),
        birth_date: Some(date7("record.birth_date", &r.birth_date)?),
        address: Some(text0208("record.address", &r.address)?),
        issued_on: Some(date7("record.issued_on", &r.issued_on)?),
        reference_number: Some(value(
            "record.reference_number",
            Digits::new(&r.reference_number),
        )?),
        color_class: Some(text0208("record.color_class", &r.color_class)?),
        expires_on: Some(date7("record.expires_on", &r.expires_on)?),
        conditions,
        commission: Some(text0208("record.commission", &r.commission)?),
        number: Some(value(
            "record.number",
            Digits::with_len(&r.number, LICENCE_NUMBER_LEN),
        )?),
        licensed_on: licensed_on("record", &r.licensed_on, unheld)?,
        classes,
        layout: Default::default(),
    })
}

fn my_number(file: &ProfileFile, photos: Photos<'_>) -> Result<MyNumberProfile, Error> {
    let (licence_ap, licence_ap_pin) = match &file.licence_ap {
        Some(section) => {
            let (ap, pin) = licence_ap(section, photos)?;
            (Some(ap), Some(pin))
        }
        None => (None, None),
    };
    let (basic_info_ap, basic_info_pin) = match &file.basic_info {
        Some(section) => {
            let (ap, pin) = basic_info(section)?;
            (Some(ap), Some(pin))
        }
        None => (None, None),
    };
    let jpki_token = file
        .jpki
        .as_ref()
        .map(|j| value("jpki.token", JpkiToken::new(&j.token)))
        .transpose()?;
    let jpki = file.jpki.as_ref();
    let jpki_signing_password = optional_secret(
        "jpki.signing_password",
        jpki.and_then(|j| j.signing_password.as_deref()),
        SigningPassword::new,
    )?;
    let jpki_user_pin = optional_secret(
        "jpki.user_pin",
        jpki.and_then(|j| j.user_pin.as_deref()),
        Pin::digits,
    )?;
    Ok(MyNumberProfile {
        card: MyNumberCard {
            licence_ap,
            basic_info_ap,
            jpki_token,
        },
        licence_ap_pin,
        basic_info_pin,
        jpki_signing_password,
        jpki_user_pin,
    })
}

fn licence_ap(s: &LicenceApSection, photos: Photos<'_>) -> Result<(LicenceAp, Pin), Error> {
    let pin = pin("licence_ap.pin", s.pin.as_deref(), !s.pin_set)?;
    let mut classes = [false; 15];
    for name in &s.classes {
        let class = LicenceClass::from_name(name).ok_or_else(|| Error::UnknownClass {
            field: "licence_ap.classes",
            name: name.clone(),
        })?;
        if let Some(flag) = classes.get_mut(class.index()) {
            *flag = true;
        }
    }
    let conditions = s
        .conditions
        .iter()
        .map(|c| text0208("licence_ap.conditions", c))
        .collect::<Result<Vec<_>, _>>()?;
    let career = |field: &str, hex_text: &Option<String>| -> Result<_, Error> {
        let bytes = hex::decode(hex_text.as_deref().unwrap_or_default()).map_err(|_| {
            Error::UnexpectedField {
                field: if field == "c2" {
                    "licence_ap.career_c2"
                } else {
                    "licence_ap.career_c3"
                },
                why: "not hex",
            }
        })?;
        value(&format!("licence_ap.career_{field}"), Bytes::new(bytes)).map(Some)
    };
    let record = LicenceApRecord {
        career_c2: career("c2", &s.career_c2)?,
        career_c3: career("c3", &s.career_c3)?,
        expires_on: Some(date7("licence_ap.expires_on", &s.expires_on)?),
        color_class: Some(text0208("licence_ap.color_class", &s.color_class)?),
        number: Some(value(
            "licence_ap.number",
            Digits::with_len(&s.number, LICENCE_NUMBER_LEN),
        )?),
        conditions,
        classes: Some(classes),
        licensed_on: licensed_on(
            "licence_ap",
            &s.licensed_on,
            Date7::NotLicensed { era_digit: 0 },
        )?,
        photo: Some(photo("licence_ap.photo.file", &s.photo.file, photos)?),
        layout: Default::default(),
    };
    let security = match &s.security {
        Some(section) => {
            let size = section
                .size
                .ok_or(Error::MissingField("licence_ap.security.size"))?;
            let max = crate::handlers::read_binary::MAX_FILE_SIZE;
            if size > max {
                return Err(Error::SizeTooLarge {
                    field: "licence_ap.security.size",
                    size,
                    max,
                });
            }
            LicenceApSecurity(marker(signed_content(
                "licence_ap.security.text",
                section,
                format!("licence_ap.security.size = {size}"),
                size,
            )?))
        }
        None => signing::test_issuer()
            .and_then(|issuer| signing::licence_ap_security(&issuer, &record))
            .map_err(|source| Error::SignCard {
                source: Box::new(source),
            })?,
    };
    Ok((
        LicenceAp {
            pin_setting: Some(LicenceApPinSetting { pin_set: s.pin_set }),
            record: Some(record),
            security: Some(security),
        },
        pin,
    ))
}

/// A PIN or password the profile may give at `field`, checked by `parse`.
fn optional_secret<'a, T>(
    field: &'static str,
    text: Option<&'a str>,
    parse: impl FnOnce(&'a str) -> Result<T, menkyo_codec::Error>,
) -> Result<Option<T>, Error> {
    text.map(parse)
        .transpose()
        .map_err(|source| Error::BadPin { field, source })
}

fn basic_info(s: &BasicInfoSection) -> Result<(BasicInfoAp, Pin), Error> {
    let pin = Pin::digits(&s.pin).map_err(|source| Error::BadPin {
        field: "basic_info.pin",
        source,
    })?;
    let sex = match s.sex.as_str() {
        "male" => Sex::Male,
        "female" => Sex::Female,
        "not_applicable" => Sex::NotApplicable,
        other => {
            return Err(Error::NotOneOf {
                field: "basic_info.sex",
                value: other.to_owned(),
                allowed: "male, female, not_applicable",
            })
        }
    };
    let info = BasicInfo::new(
        value("basic_info.name", Utf8Text::new(&s.name))?,
        value("basic_info.address", Utf8Text::new(&s.address))?,
        date("basic_info.birth_date", &s.birth_date)?,
        sex,
    );
    let number = value(
        "basic_info.my_number",
        Digits::with_len(&s.my_number, MY_NUMBER_LEN),
    )?;
    Ok((
        BasicInfoAp {
            my_number: Some(MyNumber::new(number)),
            basic_info: Some(info),
        },
        pin,
    ))
}
