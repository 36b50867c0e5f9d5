//! Card notes §3.2: the JPKI AP's signing command `80 2A 00 80 <Lc> <DigestInfo>`, answered
//! with the current key EF once its PIN is verified.

use menkyo_auth::CardKey;
use menkyo_codec::apdu::CommandApdu;
use menkyo_codec::layout::myna;
use menkyo_codec::status::StatusWord;

use super::{Card, HandlerResult, Reply};
use crate::command::Command;
use crate::fs::{Access, EfKind};

/// The signing command: the DigestInfo to sign with the current key EF.
#[derive(Debug, PartialEq, Eq)]
pub struct Sign {
    /// DER DigestInfo (hash algorithm and digest).
    pub digest_info: Vec<u8>,
}

/// Parses a command of CLA `80`: only `80 2A 00 80 <Lc> <data>` (`6E00` for another INS, as
/// for any other class; `6A86` for other P1-P2; `6700` without data).
pub(crate) fn parse(apdu: &CommandApdu) -> Result<Command, StatusWord> {
    if apdu.ins != myna::JPKI_SIGN_INS {
        return Err(StatusWord::ClaNotSupported);
    }
    if [apdu.p1, apdu.p2] != myna::JPKI_SIGN_P1P2 {
        return Err(StatusWord::IncorrectP1P2);
    }
    if apdu.data.is_empty() {
        return Err(StatusWord::WrongLength);
    }
    Ok(Command::Sign(Sign {
        digest_info: apdu.data.clone(),
    }))
}

impl Card {
    /// §3.2 signing: with a key EF current and its PIN verified, the 256-byte RSA-2048
    /// PKCS#1 v1.5 signature of the DigestInfo given. `6986` without a current EF, `6981` when
    /// it is not a key, `6984` when its PIN is blocked, `6982` before VERIFY, `6A80` for data
    /// the key cannot sign, `6A88` when the image's key is unusable.
    pub fn sign(&mut self, sign: Sign) -> HandlerResult {
        let df = self.volatile.current_df;
        let ef = self
            .volatile
            .current_ef
            .and_then(|ef| self.fs.ef(df, ef))
            .ok_or(StatusWord::NoCurrentEf)?;
        let EfKind::Key { path, pin } = &ef.kind else {
            return Err(StatusWord::IncompatibleFileStructure);
        };
        if self.persistent.is_blocked(*pin) {
            return Err(StatusWord::PinBlocked);
        }
        self.volatile.check_access(Access::Pin(*pin))?;
        let key = CardKey::from_bytes(self.persistent.file(path))
            .map_err(|_| StatusWord::ReferencedDataNotFound)?;
        let signature = key
            .sign_digest_info(&sign.digest_info)
            .map_err(|_| StatusWord::IncorrectData)?;
        Ok(Reply::data(signature))
    }
}
