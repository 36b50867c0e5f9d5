//! The card's file system (ISO/IEC 7816-4 §7): the MF, DFs and applications, their elementary
//! files with file identifiers (FID), short file identifiers (SFI) and DF names (AIDs), and the
//! access rule declared next to each EF.
//!
//! The trees themselves are built from the registry in [`crate::models`]; the contents come from the
//! [`CardImage`](crate::image::CardImage).

/// What a dedicated file is: the registry's.
pub use menkyo_codec::registry::DfKind;
/// A PIN (暗証番号) one of the cards keeps: the registry's.
pub use menkyo_codec::registry::Pin;

/// Who may read an elementary file (アクセス条件).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Readable without any PIN.
    Free,
    /// Readable after VERIFY of this PIN.
    Pin(Pin),
    /// Readable after VERIFY of all these PINs.
    Pins(&'static [Pin]),
}

impl Access {
    /// The PINs this rule needs.
    pub fn pins(&self) -> &[Pin] {
        match self {
            Access::Free => &[],
            Access::Pin(pin) => std::slice::from_ref(pin),
            Access::Pins(pins) => pins,
        }
    }
}

/// What an elementary file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EfKind {
    /// A working EF (WEF): binary data the card hands out under an access rule.
    Working {
        /// The file's path in the card image.
        path: String,
        /// Who may read it.
        access: Access,
        /// The size when the spec fixes it; otherwise the size of the image's content.
        fixed_size: Option<usize>,
    },
    /// An internal EF (IEF) holding a PIN: a VERIFY target, never readable.
    Internal(Pin),
    /// A private key EF: never readable; signs after VERIFY of its PIN.
    Key {
        /// The key's path in the card image.
        path: String,
        /// The PIN that opens it.
        pin: Pin,
    },
}

/// An elementary file (EF).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ef {
    /// File identifier.
    pub fid: u16,
    /// Short file identifier, when the file has one.
    pub sfi: Option<u8>,
    /// What it holds.
    pub kind: EfKind,
}

/// Index of a DF in its [`FileSystem`].
pub type DfId = usize;
/// Index of an EF inside its DF.
pub type EfId = usize;

/// A dedicated file (MF, DF or application).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Df {
    /// What it is.
    pub kind: DfKind,
    /// DF name (AID), when it can be selected by name.
    pub aid: Option<&'static [u8]>,
    /// The DF above it, whose IEFs VERIFY by SFI also finds.
    pub parent: Option<DfId>,
    /// Its elementary files.
    pub efs: Vec<Ef>,
}

/// A whole card's file tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSystem {
    dfs: Vec<Df>,
    power_on: DfId,
}

impl FileSystem {
    /// A tree whose DF `power_on` is current after power-on.
    pub fn new(dfs: Vec<Df>, power_on: DfId) -> Self {
        FileSystem { dfs, power_on }
    }

    /// The DF current after power-on.
    pub fn power_on_df(&self) -> DfId {
        self.power_on
    }

    /// The DF with this index.
    pub fn df(&self, id: DfId) -> Option<&Df> {
        self.dfs.get(id)
    }

    /// The MF, on a card that has one.
    pub fn mf(&self) -> Option<DfId> {
        self.dfs.iter().position(|df| df.kind == DfKind::Mf)
    }

    /// The DF whose name is exactly `aid`.
    pub fn df_by_name(&self, aid: &[u8]) -> Option<DfId> {
        self.dfs.iter().position(|df| df.aid == Some(aid))
    }

    /// The EF of DF `df` with this FID.
    pub fn ef_by_fid(&self, df: DfId, fid: u16) -> Option<EfId> {
        self.df(df)?.efs.iter().position(|ef| ef.fid == fid)
    }

    /// The EF of DF `df` with this SFI.
    pub fn ef_by_sfi(&self, df: DfId, sfi: u8) -> Option<EfId> {
        self.df(df)?.efs.iter().position(|ef| ef.sfi == Some(sfi))
    }

    /// The EF `ef` of DF `df`.
    pub fn ef(&self, df: DfId, ef: EfId) -> Option<&Ef> {
        self.df(df)?.efs.get(ef)
    }

    /// The PIN of the IEF with this SFI in DF `df` or, failing that, in the DFs above it.
    pub fn pin_by_sfi(&self, df: DfId, sfi: u8) -> Option<Pin> {
        let mut at = Some(df);
        while let Some(id) = at {
            let dir = self.df(id)?;
            let found = dir.efs.iter().find_map(|ef| match ef.kind {
                EfKind::Internal(pin) if ef.sfi == Some(sfi) => Some(pin),
                _ => None,
            });
            if found.is_some() {
                return found;
            }
            at = dir.parent;
        }
        None
    }

    /// Every working EF: its path, access rule and fixed size.
    pub fn working_files(&self) -> impl Iterator<Item = (&str, Access, Option<usize>)> {
        self.dfs
            .iter()
            .flat_map(|df| df.efs.iter())
            .filter_map(|ef| match &ef.kind {
                EfKind::Working {
                    path,
                    access,
                    fixed_size,
                } => Some((path.as_str(), *access, *fixed_size)),
                EfKind::Internal(_) | EfKind::Key { .. } => None,
            })
    }

    /// The image paths of every key EF.
    pub fn key_files(&self) -> impl Iterator<Item = &str> {
        self.dfs
            .iter()
            .flat_map(|df| df.efs.iter())
            .filter_map(|ef| match &ef.kind {
                EfKind::Key { path, .. } => Some(path.as_str()),
                EfKind::Working { .. } | EfKind::Internal(_) => None,
            })
    }

    /// Every PIN held by an IEF.
    pub fn pins(&self) -> impl Iterator<Item = Pin> + '_ {
        self.dfs
            .iter()
            .flat_map(|df| df.efs.iter())
            .filter_map(|ef| match ef.kind {
                EfKind::Internal(pin) => Some(pin),
                EfKind::Working { .. } | EfKind::Key { .. } => None,
            })
    }
}
