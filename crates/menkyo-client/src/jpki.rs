//! The 公的個人認証 (JPKI) AP of the My Number card (card notes §3.2): the token, the
//! certificates, and signing with the 署名用 key after the 署名用パスワード.
//!
//! This is the step a holder takes at a police facility to link the 免許AP with Mynaportal:
//! the card signs with the 署名用電子証明書's key, and the certificate goes with the signature.
//! The password is sent once per procedure and never retried; with one try left the VERIFY is
//! refused unless forced.

use menkyo_codec::apdu::CommandApdu;
use menkyo_codec::layout::myna;
use menkyo_codec::secret::{Pin, SigningPassword};

use crate::commands;
use crate::error::{Error, Step};
use crate::exchange::Exchange;
use crate::files::EfRef;
use crate::pin::{guard, query_tries, verify_answer, LastTry, PinId, PinState};
use crate::reader::Reader;

/// The JPKI AP, for messages.
const JPKI_AP: &str = "the JPKI AP";

/// Length of an RSA-2048 signature.
pub const SIGNATURE_LEN: usize = 256;

pub use menkyo_codec::registry::{
    JPKI_EF0001 as SIGN_CERT, JPKI_EF0002 as SIGN_CA, JPKI_EF0006 as TOKEN,
    JPKI_EF000A as AUTH_CERT, JPKI_EF000B as AUTH_CA,
};
use menkyo_codec::registry::{JPKI_EF0017 as AUTH_KEY, JPKI_EF001A as SIGN_KEY};
pub(crate) use menkyo_codec::registry::{JPKI_EF0018 as AUTH_PIN, JPKI_EF001B as SIGN_PASSWORD};

/// What the card gave for a signature: the signature and the certificate of its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardSignature {
    /// The 256-byte RSA-2048 PKCS#1 v1.5 signature.
    pub signature: Vec<u8>,
    /// The 署名用電子証明書 (DER), read after the same VERIFY.
    pub certificate: Vec<u8>,
}

/// Selects the JPKI AP and the PIN's EF, asks the tries left and sends VERIFY once, with the
/// guard. `sent` is set once VERIFY is on its way, so that a restart after a card reset does
/// not send it again.
fn verify(
    ex: &mut Exchange<'_>,
    pin: PinId,
    pin_ef: &'static EfRef,
    secret: &[u8],
    last_try: LastTry,
    sent: &mut bool,
) -> Result<(), Error> {
    ex.select_aid(&myna::AID_JPKI, JPKI_AP)?;
    ex.select_ef(pin_ef)?;
    let state = query_tries(ex, pin)?;
    if *sent {
        return Err(Error::ResetDuringVerify { pin });
    }
    guard(pin, state, last_try)?;
    *sent = true;
    let step = Step::Verify(pin);
    let response = ex.send(&commands::verify(pin.verify_p2(), secret), step)?;
    verify_answer(pin, response.sw)
}

/// [`verify`] of the 署名用パスワード.
fn verify_sign_password(
    ex: &mut Exchange<'_>,
    password: &SigningPassword,
    last_try: LastTry,
    sent: &mut bool,
) -> Result<(), Error> {
    verify(
        ex,
        PinId::JpkiSign,
        &SIGN_PASSWORD,
        password.expose(),
        last_try,
        sent,
    )
}

/// `80 2A 00 80 <Lc> <DigestInfo> 00` with the key EF `key` selected.
fn sign_with(
    ex: &mut Exchange<'_>,
    key: &'static EfRef,
    digest_info: &[u8],
) -> Result<Vec<u8>, Error> {
    ex.select_ef(key)?;
    let [p1, p2] = myna::JPKI_SIGN_P1P2;
    let command = CommandApdu::new(myna::JPKI_SIGN_CLA, myna::JPKI_SIGN_INS, p1, p2)
        .with_data(digest_info)
        .with_ne(SIGNATURE_LEN);
    let signature = ex.send_ok(&command, Step::Sign)?;
    if signature.len() != SIGNATURE_LEN {
        return Err(Error::UnexpectedSignatureLength {
            len: signature.len(),
        });
    }
    Ok(signature)
}

impl Reader<'_> {
    /// The JPKI token (EF0006), free to read.
    pub fn jpki_token(&mut self) -> Result<Vec<u8>, Error> {
        self.read_free_jpki_ef(&TOKEN)
    }

    /// A certificate that is free to read: [`SIGN_CA`], [`AUTH_CERT`] or [`AUTH_CA`].
    pub fn jpki_free_certificate(&mut self, ef: &'static EfRef) -> Result<Vec<u8>, Error> {
        self.read_free_jpki_ef(ef)
    }

    /// An EF of the JPKI AP that needs no VERIFY.
    fn read_free_jpki_ef(&mut self, ef: &'static EfRef) -> Result<Vec<u8>, Error> {
        self.run(|ex| {
            ex.select_aid(&myna::AID_JPKI, JPKI_AP)?;
            ex.read_ef(ef)
        })
    }

    /// The tries left of the 署名用パスワード, without spending one.
    pub fn jpki_password_state(&mut self) -> Result<PinState, Error> {
        self.run(|ex| {
            ex.select_aid(&myna::AID_JPKI, JPKI_AP)?;
            ex.select_ef(&SIGN_PASSWORD)?;
            query_tries(ex, PinId::JpkiSign)
        })
    }

    /// The 署名用電子証明書 (DER), read after VERIFY of the 署名用パスワード.
    pub fn jpki_signing_certificate(
        &mut self,
        password: &SigningPassword,
        last_try: LastTry,
    ) -> Result<Vec<u8>, Error> {
        let mut sent = false;
        self.run(|ex| {
            verify_sign_password(ex, password, last_try, &mut sent)?;
            ex.read_ef(&SIGN_CERT)
        })
    }

    /// Signs `digest_info` (DER DigestInfo) with the 署名用 key after VERIFY of the
    /// 署名用パスワード, and reads the 署名用電子証明書 in the same session.
    pub fn jpki_sign(
        &mut self,
        password: &SigningPassword,
        digest_info: &[u8],
        last_try: LastTry,
    ) -> Result<CardSignature, Error> {
        let mut sent = false;
        self.run(|ex| {
            verify_sign_password(ex, password, last_try, &mut sent)?;
            let certificate = ex.read_ef(&SIGN_CERT)?;
            let signature = sign_with(ex, &SIGN_KEY, digest_info)?;
            Ok(CardSignature {
                signature,
                certificate,
            })
        })
    }

    /// Signs `digest_info` with the 利用者証明用 key after VERIFY of its 4-digit PIN.
    pub fn jpki_authenticate(
        &mut self,
        pin: &Pin,
        digest_info: &[u8],
        last_try: LastTry,
    ) -> Result<CardSignature, Error> {
        let mut sent = false;
        self.run(|ex| {
            verify(
                ex,
                PinId::JpkiAuth,
                &AUTH_PIN,
                pin.expose(),
                last_try,
                &mut sent,
            )?;
            let signature = sign_with(ex, &AUTH_KEY, digest_info)?;
            let certificate = ex.read_ef(&AUTH_CERT)?;
            Ok(CardSignature {
                signature,
                certificate,
            })
        })
    }
}
