//! The PINs a read asks for, from their sources, in the card session of the read itself: the
//! client asks each one after reading whether the holder set it and its tries left. IC licence
//! PIN1 then PIN2 (PIN2 may be left out); マイナ免許証 the 免許AP PIN (only when the holder set
//! one) then the 券面事項入力補助AP PIN (only with `--basic-info`).

use std::cell::RefCell;

use menkyo_client::{
    CardKind, LastTry, PinId, PinNeed, PinProvider, PinRequest, Reader, SkipReason, Skipped,
    TraceEntry, TraceSink,
};
use menkyo_codec::registry::BASIC_INFO_EF0002;
use menkyo_codec::secret::Pin;

use crate::args::{CardArgs, PinArgs};
use crate::backend;
use crate::error::Error;
use crate::feedback::Feedback;
use crate::pins::{Need, PinSource};

/// Opens the card of `card` and runs `read` on it in one card session: every APDU goes to the
/// trace and progress of the returned [`Feedback`], and each PIN is asked from `pins` when the
/// read needs it, with the last-try rule they set.
pub fn read_asking<T>(
    card: &CardArgs,
    pins: &PinArgs,
    redact: bool,
    progress: bool,
    wanted: Wanted,
    read: impl FnOnce(&mut Reader<'_>, &mut Asking<'_>, LastTry) -> Result<T, Error>,
) -> Result<(T, Feedback), Error> {
    let mut transport = backend::open(card)?;
    let feedback = RefCell::new(Feedback::new(card.trace, redact, progress));
    let mut source = PinSource::new(pins);
    let last_try = source.last_try();
    let result = {
        let mut trace = Trace(&feedback);
        let mut reader = Reader::new(&mut *transport).with_trace(&mut trace);
        let mut asking = Asking::new(&mut source, &feedback, wanted);
        read(&mut reader, &mut asking, last_try)?
    };
    Ok((result, feedback.into_inner()))
}

/// What the read should bring besides the licence.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wanted {
    /// 基本4情報 from the 券面事項入力補助AP.
    pub basic_info: bool,
    /// The photo: PIN2 becomes required on an IC licence.
    pub photo: bool,
}

/// The PIN sources as the client's [`PinProvider`], sharing the feedback with the trace.
pub struct Asking<'a> {
    source: &'a mut PinSource,
    feedback: &'a RefCell<Feedback>,
    wanted: Wanted,
}

impl<'a> Asking<'a> {
    /// Asks `source` for what `wanted` needs, pausing the progress of `feedback` to prompt.
    pub fn new(source: &'a mut PinSource, feedback: &'a RefCell<Feedback>, wanted: Wanted) -> Self {
        Self {
            source,
            feedback,
            wanted,
        }
    }
}

impl PinProvider for Asking<'_> {
    type Error = Error;

    fn pin(&mut self, request: &PinRequest) -> Result<Option<Pin>, Error> {
        let need = match (request.id, request.need) {
            (PinId::IcPin2, _) if self.wanted.photo => Need::Required,
            (PinId::BasicInfo, _) | (_, PinNeed::Required) => Need::Required,
            (_, PinNeed::Optional { skips }) => Need::Optional(skips),
        };
        let mut feedback = self.feedback.borrow_mut();
        self.source.get(&request.status(), need, &mut feedback)
    }

    fn wants(&self, pin: PinId) -> bool {
        pin != PinId::BasicInfo || self.wanted.basic_info
    }
}

/// The trace half of the shared feedback.
pub struct Trace<'a>(pub &'a RefCell<Feedback>);

impl TraceSink for Trace<'_> {
    fn record(&mut self, entry: &TraceEntry) {
        self.0.borrow_mut().record(entry);
    }
}

/// What `wanted` asked of the card that it could not give: a note for `--basic-info` on an IC
/// licence, [`Error::NoBasicInfoAp`] on a My Number card without that application. The
/// progress of `feedback` ends with it.
pub fn check_wanted(
    card: CardKind,
    skipped: &[Skipped],
    wanted: Wanted,
    feedback: Feedback,
) -> Result<(), Error> {
    if !wanted.basic_info {
        return Ok(());
    }
    if card == CardKind::IcLicence {
        feedback.note(
            "menkyo: note: an IC licence has no 券面事項入力補助AP; its name, address and birth \
             date are read from DF1/EF01",
        );
    } else if skipped
        .iter()
        .any(|s| s.file == BASIC_INFO_EF0002.path && s.reason == SkipReason::NotOnCard)
    {
        return Err(Error::NoBasicInfoAp);
    }
    Ok(())
}
