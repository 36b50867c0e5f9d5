//! A read kept on disk: the JSON document of `menkyo dump`, or a folder of the files `dump
//! --out` writes (`DF1_EF01.bin` …), loaded back into the files of a read so that a licence
//! can be decoded, shown and its signature checked with no card.
//!
//! A JSON dump carries the PINs' tries and the skipped files as the read found them. A folder
//! has only the files: its PINs are unknown (none listed), and a missing file is put down to
//! the PIN that opens it when no file behind that PIN is there, else to the card lacking it.

use std::path::Path;

use menkyo_codec::records::{LicenceApPinSetting, PinSetting};
use menkyo_codec::registry::{self, Pin};
use menkyo_codec::tlv::Mode;
use serde::Deserialize;

use crate::decoded::{IcLicence, MynaLicence};
use crate::error::Error;
use crate::file_read::{RawFile, SkipReason, Skipped};
use crate::files::EfRef;
use crate::ic::{MF_EF01, MF_EF02};
use crate::licence::{LicenceFiles, LicenceRead};
use crate::myna::{BASIC_INFO_EF0002, WEF01, WEF02, WEF03};
use crate::pin::{PinId, PinState, PinStatus};
use crate::plan::CardFiles;

/// Every file a licence read can bring back, in the order the reading procedures take them
/// (the registry's files marked as read by a licence read).
pub fn licence_files() -> impl Iterator<Item = EfRef> {
    registry::files().filter(|f| f.in_licence_read).copied()
}

/// The IC licence's DF files a licence read takes.
fn df_files() -> impl Iterator<Item = EfRef> {
    licence_files().filter(|f| f.path.starts_with("DF"))
}

/// The name `menkyo dump --out` gives the file of the EF at `path`: `DF1_EF01.bin`.
pub fn file_name(path: &str) -> String {
    let mut name: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    name.push_str(".bin");
    name
}

/// The EF a file written by `menkyo dump --out` holds, from its name (`DF1_EF07.bin`).
pub fn ef_of_file_name(name: &str) -> Option<EfRef> {
    licence_files().find(|ef| file_name(ef.path) == name)
}

fn ef_of_path(path: &str) -> Option<EfRef> {
    licence_files().find(|ef| ef.path == path)
}

/// What the JSON of `menkyo dump` holds that a read needs; everything else is ignored.
#[derive(Deserialize)]
struct Document {
    #[serde(default)]
    files: Vec<DocumentFile>,
    #[serde(default)]
    skipped: Vec<DocumentSkipped>,
    #[serde(default)]
    pins: Vec<DocumentPin>,
}

#[derive(Deserialize)]
struct DocumentFile {
    path: String,
    length: Option<usize>,
    hex: String,
}

#[derive(Deserialize)]
struct DocumentSkipped {
    file: String,
    #[serde(flatten)]
    reason: SkipReason,
}

#[derive(Deserialize)]
struct DocumentPin {
    id: PinId,
    #[serde(flatten)]
    state: PinState,
}

/// Loads a dump: the JSON of `menkyo dump` when `path` is a file, the files of `menkyo dump
/// --out` when it is a folder.
pub fn load(path: &Path) -> Result<LicenceFiles, Error> {
    let read_error = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(path).map_err(read_error)? {
            let entry = entry.map_err(read_error)?;
            let name = entry.file_name();
            let Some(ef) = name.to_str().and_then(ef_of_file_name) else {
                continue;
            };
            let bytes = std::fs::read(entry.path()).map_err(read_error)?;
            files.push(RawFile { ef, bytes });
        }
        let order = |f: &RawFile| licence_files().position(|ef| ef == f.ef);
        files.sort_by_key(order);
        assemble(path, files, None)
    } else {
        let text = std::fs::read(path).map_err(read_error)?;
        from_json(path, &text)
    }
}

/// Parses the JSON of `menkyo dump`; `path` names it in errors.
pub fn from_json(path: &Path, text: &[u8]) -> Result<LicenceFiles, Error> {
    let json_error = |source| Error::Json {
        path: path.to_path_buf(),
        source,
    };
    let value: serde_json::Value = serde_json::from_slice(text).map_err(json_error)?;
    let field = |name| value.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    if let Some(format) = field("format") {
        return Err(Error::NotADump {
            path: path.to_path_buf(),
            kind: format,
            hint: "; a card image is read with --emulator IMAGE",
        });
    }
    match field("kind").as_deref() {
        Some("dump") => {}
        other => {
            return Err(Error::NotADump {
                path: path.to_path_buf(),
                kind: other.unwrap_or("no kind").to_owned(),
                hint: "",
            })
        }
    }
    let document: Document = serde_json::from_value(value).map_err(json_error)?;
    let known = |file: &str| {
        ef_of_path(file).ok_or_else(|| Error::UnknownFile {
            path: path.to_path_buf(),
            file: file.to_owned(),
        })
    };
    let mut files = Vec::with_capacity(document.files.len());
    for file in document.files {
        let ef = known(&file.path)?;
        let bytes = hex::decode(&file.hex).map_err(|_| Error::Hex {
            path: path.to_path_buf(),
            file: file.path.clone(),
        })?;
        if let Some(length) = file.length.filter(|l| *l != bytes.len()) {
            return Err(Error::Length {
                path: path.to_path_buf(),
                file: file.path,
                len: bytes.len(),
                length,
            });
        }
        files.push(RawFile { ef, bytes });
    }
    let mut skipped = Vec::with_capacity(document.skipped.len());
    for entry in document.skipped {
        let ef = known(&entry.file)?;
        skipped.push(Skipped::new(&ef, entry.reason));
    }
    let pins = document
        .pins
        .iter()
        .map(|p| PinStatus::new(p.id, p.state))
        .collect();
    assemble(path, files, Some((skipped, pins)))
}

/// The read of the licence files of a card image (`card show`): `file` gives each file's bytes
/// by path, `pins` the PINs as the image keeps them; the files missing are inferred as for a
/// folder. `path` names the image in errors.
pub fn from_files(
    path: &Path,
    file: impl Fn(&str) -> Option<Vec<u8>>,
    pins: Vec<PinStatus>,
) -> Result<LicenceFiles, Error> {
    let files = licence_files()
        .filter_map(|ef| file(ef.path).map(|bytes| RawFile { ef, bytes }))
        .collect();
    let mut read = assemble(path, files, None)?;
    match &mut read {
        LicenceFiles::Ic(files) | LicenceFiles::Myna(files) => files.pins = pins,
    }
    Ok(read)
}

/// The read of `files`, with the skipped files and PINs the dump recorded, or, for a folder,
/// the skipped files inferred and no PINs.
fn assemble(
    path: &Path,
    files: Vec<RawFile>,
    recorded: Option<(Vec<Skipped>, Vec<PinStatus>)>,
) -> Result<LicenceFiles, Error> {
    let has = |ef: &EfRef| files.iter().any(|f| f.ef.path == ef.path);
    let ic = files
        .iter()
        .any(|f| f.ef.path.starts_with("MF/") || f.ef.path.starts_with("DF"));
    let myna = files
        .iter()
        .any(|f| !f.ef.path.starts_with("MF/") && !f.ef.path.starts_with("DF"));
    let bytes = |ef: &EfRef| {
        files
            .iter()
            .find(|f| f.ef.path == ef.path)
            .map(|f| f.bytes.as_slice())
    };
    let setting_error = |file| Error::PinSetting {
        path: path.to_path_buf(),
        file,
    };
    let pin_set = match (ic, myna) {
        (true, true) => {
            return Err(Error::Mixed {
                path: path.to_path_buf(),
            })
        }
        (true, false) if has(&MF_EF01) => {
            let setting = bytes(&MF_EF02).ok_or_else(|| Error::NoLicence {
                path: path.to_path_buf(),
            })?;
            PinSetting::decode(setting)
                .map_err(|_| setting_error(MF_EF02.path))?
                .pin_set
        }
        (false, true) if has(&WEF01) => {
            let setting = bytes(&WEF01).unwrap_or_default();
            LicenceApPinSetting::decode(setting)
                .map_err(|_| setting_error(WEF01.path))?
                .pin_set
        }
        _ => {
            return Err(Error::NoLicence {
                path: path.to_path_buf(),
            })
        }
    };
    let (skipped, pins) = recorded.unwrap_or_else(|| {
        let inferred = if ic {
            ic_skipped(&has)
        } else {
            myna_skipped(&has)
        };
        (inferred, Vec::new())
    });
    let read = CardFiles {
        pin_set,
        pins,
        files,
        skipped,
    };
    Ok(if ic {
        LicenceFiles::Ic(read)
    } else {
        LicenceFiles::Myna(read)
    })
}

/// The DF files missing from a folder, each put down to the PIN it needs when no file behind
/// that PIN is there, else to the card lacking it.
fn ic_skipped(has: &impl Fn(&EfRef) -> bool) -> Vec<Skipped> {
    let opened = |pin: Pin| df_files().any(|ef| ef.access.pins().contains(&pin) && has(&ef));
    let pin1 = opened(Pin::IcPin1);
    let pin2 = opened(Pin::IcPin2);
    df_files()
        .filter(|ef| !has(ef))
        .map(|ef| {
            let needs = ef.access.pins();
            let reason = if needs.contains(&Pin::IcPin1) && !pin1 {
                SkipReason::PinNotGiven { pin: PinId::IcPin1 }
            } else if needs.contains(&Pin::IcPin2) && !pin2 {
                SkipReason::PinNotGiven { pin: PinId::IcPin2 }
            } else {
                SkipReason::NotOnCard
            };
            Skipped::new(&ef, reason)
        })
        .collect()
}

/// [`ic_skipped`] for the 免許AP files and 基本4情報.
fn myna_skipped(has: &impl Fn(&EfRef) -> bool) -> Vec<Skipped> {
    let verified = has(&WEF02) || has(&WEF03);
    let mut skipped: Vec<Skipped> = [WEF02, WEF03]
        .iter()
        .filter(|ef| !has(ef))
        .map(|ef| {
            let reason = if verified {
                SkipReason::NotOnCard
            } else {
                SkipReason::PinNotGiven {
                    pin: PinId::LicenceAp,
                }
            };
            Skipped::new(ef, reason)
        })
        .collect();
    if !has(&BASIC_INFO_EF0002) {
        let reason = SkipReason::PinNotGiven {
            pin: PinId::BasicInfo,
        };
        skipped.push(Skipped::new(&BASIC_INFO_EF0002, reason));
    }
    skipped
}

impl LicenceFiles {
    /// The files decoded into the licence, as a read from the card decodes them.
    pub fn decode(self, mode: Mode) -> Result<LicenceRead, Error> {
        Ok(match self {
            LicenceFiles::Ic(files) => LicenceRead::Ic(Box::new(IcLicence::decode(files, mode)?)),
            LicenceFiles::Myna(files) => {
                LicenceRead::Myna(Box::new(MynaLicence::decode(files, mode)?))
            }
        })
    }
}
