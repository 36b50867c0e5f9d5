//! SELECT FILE (card notes §1.3, §2.4, §4): the answer is the status word only, never FCI or
//! FCP, whatever P2 asks.

use menkyo_codec::status::StatusWord;

use crate::command::Select;
use crate::fs::{DfId, DfKind, EfKind};
use crate::handlers::{Card, HandlerResult, Reply};

impl Card {
    /// §1.3 SELECT MF (with and without `3F00`), EF in the current DF, DF by name. On the My
    /// Number card (§2.4) there is no MF: `00 A4 00 00` answers `6A86`, `3F00` answers `6A82`.
    /// A failed SELECT leaves the current files as they were.
    pub fn select(&mut self, select: Select) -> HandlerResult {
        match select {
            Select::Mf { with_fid } => match self.fs.mf() {
                Some(mf) => Ok(self.enter_df(mf)),
                None if with_fid => Err(StatusWord::FileNotFound),
                None => Err(StatusWord::IncorrectP1P2),
            },
            Select::OtherFid(_) => Err(StatusWord::FileNotFound),
            Select::Ef(fid) => {
                let ef = self
                    .fs
                    .ef_by_fid(self.volatile.current_df, fid)
                    .ok_or(StatusWord::FileNotFound)?;
                self.volatile.current_ef = Some(ef);
                Ok(Reply::ok())
            }
            Select::DfName(aid) => {
                let df = self.fs.df_by_name(&aid).ok_or(StatusWord::FileNotFound)?;
                Ok(self.enter_df(df))
            }
        }
    }

    /// Makes `df` current. Selecting an application of the My Number card ends the security
    /// state of the one before, and (by default, \[P\]) of the same one selected again; with
    /// [`crate::Quirks::reselect_keeps_security`] a SELECT of the current application keeps
    /// it. On the IC licence, PINs verified at the MF stay verified in DF1 and DF2 (§1.2).
    /// Answers `6283` when every file of the DF needs a blocked PIN.
    fn enter_df(&mut self, df: DfId) -> Reply {
        let kind = self.fs.df(df).map(|d| d.kind);
        let reselect = self.reselect_keeps_security && self.volatile.current_df == df;
        if !reselect
            && matches!(
                kind,
                Some(DfKind::Application | DfKind::IssuerSecurityDomain)
            )
        {
            self.volatile.verified.clear();
        }
        self.volatile.current_df = df;
        self.volatile.current_ef = None;
        if self.is_blocked(df) {
            Reply::status(StatusWord::SelectedDfBlocked)
        } else {
            Reply::ok()
        }
    }

    /// A DF is blocked (閉塞) when it has working EFs and each needs a PIN that is blocked.
    fn is_blocked(&self, df: DfId) -> bool {
        let Some(dir) = self.fs.df(df) else {
            return false;
        };
        let mut rules = dir.efs.iter().filter_map(|ef| match &ef.kind {
            EfKind::Working { access, .. } => Some(*access),
            EfKind::Internal(_) | EfKind::Key { .. } => None,
        });
        let mut any = false;
        let all_blocked = rules.all(|access| {
            any = true;
            access
                .pins()
                .iter()
                .any(|pin| self.persistent.is_blocked(*pin))
        });
        any && all_blocked
    }
}
