//! The one registry of both cards: every application (DF name / AID), every elementary file
//! (path, FID, SFI, size, access rule, the spec's name, its record kind, its personal items)
//! and every PIN (reference, tries, default).
//!
//! The registry is data. The emulator builds its file trees from it, the client its file
//! references and read plans, `menkyo-auth` the files a signature covers, the command line the
//! record kind of a file: each walks [`Card::applications`] and [`Application::files`], so a
//! file added here reaches all of them. A file's `path` is its id in a card image
//! (`menkyo-card-image/1`): those strings never change.

mod ic;
mod myna;
mod personal;
mod pins;

use std::fmt;

pub use ic::{
    DF1, DF1_EF01, DF1_EF02, DF1_EF03, DF1_EF04, DF1_EF05, DF1_EF06, DF1_EF07, DF2, DF2_EF01, DF3,
    IC_LICENCE, MF, MF_EF01, MF_EF02, MF_IEF01, MF_IEF02,
};
pub use myna::{
    BASIC_INFO, BASIC_INFO_EF0001, BASIC_INFO_EF0002, BASIC_INFO_EF0003, BASIC_INFO_EF0011, ISD,
    JPKI, JPKI_EF0001, JPKI_EF0002, JPKI_EF0006, JPKI_EF000A, JPKI_EF000B, JPKI_EF0017,
    JPKI_EF0018, JPKI_EF001A, JPKI_EF001B, LICENCE_AP, LICENCE_AP_IEF01, LICENCE_AP_WEF01,
    LICENCE_AP_WEF02, LICENCE_AP_WEF03, MY_NUMBER_CARD,
};
pub use personal::{personal_keys, PersonalItem, PersonalKey};
pub use pins::{Pin, PinAsk, PinSpec, DEFAULT_LICENCE_PIN};

use crate::records::RecordKind;

/// Both cards.
pub const CARDS: [&Card; 2] = [&IC_LICENCE, &MY_NUMBER_CARD];

/// One card model: its applications in the order a full read visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Card {
    /// What to call it (`ICカード運転免許証`).
    pub name: &'static str,
    /// Its MF, DFs and applications.
    pub applications: &'static [Application],
}

/// What a dedicated file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DfKind {
    /// The master file (MF, `3F00`).
    Mf,
    /// A DF below the MF, selected by DF name.
    Df,
    /// The GlobalPlatform issuer security domain of the My Number card.
    IssuerSecurityDomain,
    /// A card application (AP) of the My Number card, selected by its AID.
    Application,
}

/// A dedicated file: the MF, a DF or a card application (AP).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Application {
    /// Its id, the first part of its files' paths (`DF1`, `LICENCE_AP`).
    pub id: &'static str,
    /// The spec's name (`記載事項`, `免許AP`).
    pub name: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// How messages name it (`DF1 記載事項`, `the 免許AP`).
    pub label: &'static str,
    /// What it is.
    pub kind: DfKind,
    /// DF name (AID), when it can be selected by name.
    pub aid: Option<&'static [u8]>,
    /// The DF above it (by id), whose PINs VERIFY by SFI also finds.
    pub parent: Option<&'static str>,
    /// Its name in a card image's `applications` when it is installed separately
    /// (`licence-ap`); `None` when every card of the model has it.
    pub installed_as: Option<&'static str>,
    /// Its elementary files.
    pub files: &'static [File],
}

/// Who may read an elementary file (アクセス条件), or what a file that is never read holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Readable without a PIN.
    Free,
    /// Readable after VERIFY of all these PINs.
    Pins(&'static [Pin]),
    /// An internal EF (IEF) holding this PIN: a VERIFY target, never readable.
    PinStore(Pin),
    /// A private key EF: never readable; signs after VERIFY of this PIN.
    Key(Pin),
}

impl Access {
    /// The PINs a read needs (none for a file that is never read).
    pub fn pins(&self) -> &'static [Pin] {
        match *self {
            Access::Pins(pins) => pins,
            Access::Free | Access::PinStore(_) | Access::Key(_) => &[],
        }
    }

    /// Whether the file can be read at all.
    pub fn readable(&self) -> bool {
        matches!(self, Access::Free | Access::Pins(_))
    }
}

/// How a personal value is masked in the bytes of a file, keeping its length and tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mask {
    /// JIS X 0208 text: `＊` per character.
    Jis,
    /// Digits and UTF-8 text: `*` per byte.
    Ascii,
    /// Binary (the photo): zero bytes.
    Zero,
}

/// Which items of a file are personal (name, address, numbers, photo).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personal {
    /// Nothing in the file is personal.
    Nothing,
    /// The items with these tags, each masked as given.
    Items(&'static [(u16, Mask)]),
    /// Every item but those with these tags: free text of the holder.
    AllBut(&'static [u16], Mask),
}

impl Personal {
    /// How the item with `tag` is masked, `None` when it is not personal.
    pub fn mask(&self, tag: u16) -> Option<Mask> {
        match *self {
            Personal::Nothing => None,
            Personal::Items(items) => items.iter().find(|(t, _)| *t == tag).map(|(_, m)| *m),
            Personal::AllBut(tags, mask) => (!tags.contains(&tag)).then_some(mask),
        }
    }
}

/// The part a file plays in the card's signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signed {
    /// None.
    No,
    /// The signature covers it, in registry order \[P\].
    Covered,
    /// It holds the signature (security data).
    Holds,
}

/// An elementary file (EF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct File {
    /// Its path, its id in a card image (`DF1/EF01`, `LICENCE_AP/WEF02`).
    pub path: &'static str,
    /// The spec's name (`記載事項(本籍除く)`).
    pub name: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// File identifier in its DF.
    pub fid: u16,
    /// Short file identifier, when READ BINARY may address it by SFI (see [`sfi`]).
    pub sfi: Option<u8>,
    /// Size in bytes when the spec fixes it; `None`: sized by its content.
    pub size: Option<usize>,
    /// Who may read it.
    pub access: Access,
    /// The record its bytes decode to.
    pub record: Option<RecordKind>,
    /// Its personal items.
    pub personal: Personal,
    /// The part it plays in the card's signature.
    pub signed: Signed,
    /// Whether a licence read takes it.
    pub in_licence_read: bool,
    /// The file exists only on cards holding this PIN (a JPKI set without its PIN is absent).
    pub exists_with: Option<Pin>,
}

impl File {
    /// A file with nothing but its place and names; the rest as the common case (free, no
    /// record, nothing personal, not read by a licence read).
    pub const fn new(
        path: &'static str,
        name: &'static str,
        name_en: &'static str,
        fid: u16,
    ) -> File {
        File {
            path,
            name,
            name_en,
            fid,
            sfi: None,
            size: None,
            access: Access::Free,
            record: None,
            personal: Personal::Nothing,
            signed: Signed::No,
            in_licence_read: false,
            exists_with: None,
        }
    }

    /// Its size when the spec fixes it, 0 for a file sized by its content.
    pub const fn fixed_size(&self) -> usize {
        match self.size {
            Some(size) => size,
            None => 0,
        }
    }

    /// The application part of its path (`DF1`).
    pub fn application_id(&self) -> &'static str {
        self.path.split_once('/').map_or(self.path, |(app, _)| app)
    }
}

impl fmt::Display for File {
    /// `DF1/EF01 記載事項(本籍除く)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.path, self.name)
    }
}

/// A PIN設定 file: 3 bytes saying whether the holder set the PIN, addressed by SFI, read by
/// every licence read.
const fn pin_setting_file(
    path: &'static str,
    name: &'static str,
    fid: u16,
    record: RecordKind,
) -> File {
    File {
        sfi: sfi(fid),
        size: Some(3),
        record: Some(record),
        in_licence_read: true,
        ..File::new(path, name, "PIN setting", fid)
    }
}

/// An internal EF holding `pin`, a VERIFY target by SFI.
const fn pin_store_file(
    path: &'static str,
    name: &'static str,
    name_en: &'static str,
    fid: u16,
    pin: Pin,
) -> File {
    File {
        sfi: sfi(fid),
        access: Access::PinStore(pin),
        ..File::new(path, name, name_en, fid)
    }
}

/// The short EF identifier rule (ISO/IEC 7816-4 §7.2.2): an EF whose FID is 1 to 30 may be
/// addressed by the low five bits; `None` for any other FID.
pub const fn sfi(fid: u16) -> Option<u8> {
    if fid >= 0x0001 && fid <= 0x001E {
        Some(fid as u8)
    } else {
        None
    }
}

impl Card {
    /// Every file of every application, in registry order.
    pub fn files(&self) -> impl Iterator<Item = &'static File> {
        let applications: &'static [Application] = self.applications;
        applications.iter().flat_map(|app| app.files.iter())
    }

    /// The application with this id.
    pub fn application(&self, id: &str) -> Option<&'static Application> {
        self.applications.iter().find(|app| app.id == id)
    }

    /// The file at `path`.
    pub fn file(&self, path: &str) -> Option<&'static File> {
        self.files().find(|f| f.path == path)
    }

    /// The application holding `file`.
    pub fn application_of(&self, file: &File) -> Option<&'static Application> {
        self.application(file.application_id())
    }

    /// The file holding `pin`.
    pub fn pin_file(&self, pin: Pin) -> Option<&'static File> {
        self.files().find(|f| f.access == Access::PinStore(pin))
    }

    /// The files its signature covers, in hashing order.
    pub fn signed_files(&self) -> impl Iterator<Item = &'static File> {
        self.files().filter(|f| f.signed == Signed::Covered)
    }

    /// The file holding its signature.
    pub fn security_file(&self) -> Option<&'static File> {
        self.files().find(|f| f.signed == Signed::Holds)
    }

    /// The PINs its applications hold, in registry order.
    pub fn pins(&self) -> impl Iterator<Item = Pin> {
        self.files().filter_map(|f| match f.access {
            Access::PinStore(pin) => Some(pin),
            _ => None,
        })
    }
}

impl Application {
    /// Its name in a card image's `applications` ([`Application::installed_as`]); its id for an
    /// application every card of the model has.
    pub const fn installed_name(&self) -> &'static str {
        match self.installed_as {
            Some(name) => name,
            None => self.id,
        }
    }

    /// The PINs it holds.
    pub fn pins(&self) -> impl Iterator<Item = Pin> {
        self.files.iter().filter_map(|f| match f.access {
            Access::PinStore(pin) => Some(pin),
            _ => None,
        })
    }
}

/// The file at `path` on either card.
pub fn file(path: &str) -> Option<&'static File> {
    CARDS.iter().find_map(|card| card.file(path))
}

/// Every file of both cards.
pub fn files() -> impl Iterator<Item = &'static File> {
    CARDS.into_iter().flat_map(|card| card.files())
}

/// The record kind of the file at `path`.
pub fn kind_of(path: &str) -> Option<RecordKind> {
    file(path)?.record
}

/// The file whose content is `kind` (the first, for a kind two files share).
pub fn file_of(kind: RecordKind) -> Option<&'static File> {
    files().find(|f| f.record == Some(kind))
}

#[cfg(test)]
mod tests;
