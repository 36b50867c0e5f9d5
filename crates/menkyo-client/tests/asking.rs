//! `Reader::read_licence_asking`: each PIN is asked in the read's own session, after its tries
//! are known; a PIN left at `****` is never asked; the provider's error ends the read as it is.

mod common;

use common::{pin, reader_with};
use menkyo_client::{
    Error, LicenceRead, PinId, PinNeed, PinProvider, PinRequest, PinState, ReadOptions, Reader,
    SkipReason,
};
use menkyo_codec::secret::Pin;
use menkyo_emulator::{samples, Quirks};
use menkyo_transport::Capabilities;

/// Answers from a list and remembers each request with the APDU count at that moment.
struct Recorder {
    answers: Vec<(PinId, Option<&'static str>)>,
    asked: Vec<PinRequest>,
    basic_info: bool,
}

impl Recorder {
    fn new(answers: Vec<(PinId, Option<&'static str>)>, basic_info: bool) -> Self {
        Self {
            answers,
            asked: Vec::new(),
            basic_info,
        }
    }
}

#[derive(Debug)]
enum Refused {
    Card(Error),
    NotGiven(PinId),
}

impl From<Error> for Refused {
    fn from(err: Error) -> Self {
        Refused::Card(err)
    }
}

impl PinProvider for Recorder {
    type Error = Refused;

    fn pin(&mut self, request: &PinRequest) -> Result<Option<Pin>, Refused> {
        self.asked.push(*request);
        match self.answers.iter().find(|(id, _)| *id == request.id) {
            Some((_, answer)) => Ok(answer.map(pin)),
            None => Err(Refused::NotGiven(request.id)),
        }
    }

    fn wants(&self, pin: PinId) -> bool {
        pin != PinId::BasicInfo || self.basic_info
    }
}

fn transport(name: &str) -> menkyo_emulator::InProcessTransport {
    reader_with(
        samples::get(name).expect("sample"),
        Capabilities::EXTENDED,
        Quirks::NONE,
    )
}

#[test]
fn the_ic_licence_pins_are_asked_with_their_fresh_tries_and_the_read_stays_at_18_apdus() {
    let mut transport = transport("ic-licence");
    let mut provider = Recorder::new(
        vec![(PinId::IcPin1, Some("1234")), (PinId::IcPin2, Some("5678"))],
        false,
    );
    let mut reader = Reader::new(&mut transport);
    let read = reader
        .read_licence_asking(&mut provider, ReadOptions::default())
        .unwrap();
    assert!(matches!(read, LicenceRead::Ic(_)));
    assert_eq!(reader.apdu_count(), 18);
    let asked: Vec<(PinId, PinState, PinNeed)> = provider
        .asked
        .iter()
        .map(|r| (r.id, r.state, r.need))
        .collect();
    assert_eq!(
        asked,
        [
            (
                PinId::IcPin1,
                PinState::TriesLeft { tries: 3 },
                PinNeed::Required
            ),
            (
                PinId::IcPin2,
                PinState::TriesLeft { tries: 3 },
                PinNeed::Optional {
                    skips: "本籍 and the photo"
                }
            ),
        ]
    );
}

#[test]
fn a_pin_left_at_four_stars_is_never_asked() {
    let mut transport = transport("ic-licence-no-pin");
    let mut provider = Recorder::new(Vec::new(), false);
    let read = Reader::new(&mut transport)
        .read_licence_asking(&mut provider, ReadOptions::default())
        .unwrap();
    assert!(matches!(read, LicenceRead::Ic(_)));
    assert!(provider.asked.is_empty());
}

#[test]
fn the_basic_info_pin_is_asked_only_when_wanted() {
    let mut transport = transport("myna-licence");
    let mut provider = Recorder::new(Vec::new(), false);
    let mut reader = Reader::new(&mut transport);
    let read = reader
        .read_licence_asking(&mut provider, ReadOptions::default())
        .unwrap();
    assert!(provider.asked.is_empty());
    assert!(read.view().skipped.iter().any(|s| s.reason
        == SkipReason::PinNotGiven {
            pin: PinId::BasicInfo
        }));
    // Detection, SELECT 免許AP, READ WEF01, tries query, VERIFY `****`, READ WEF02, READ WEF03:
    // nothing of the 券面事項入力補助AP.
    assert_eq!(reader.apdu_count(), 7);
}

#[test]
fn the_providers_error_ends_the_read_before_any_verify() {
    let mut transport = transport("ic-licence");
    let mut provider = Recorder::new(vec![(PinId::IcPin1, Some("1234"))], false);
    let mut reader = Reader::new(&mut transport);
    let err = reader
        .read_licence_asking(&mut provider, ReadOptions::default())
        .unwrap_err();
    common::assert_matches!(err, Refused::NotGiven(PinId::IcPin2));
    // SELECT MF, SELECT 2F01, READ, READ SFI 0A, 2 tries queries: no VERIFY.
    assert_eq!(reader.apdu_count(), 6);
}

#[test]
fn the_last_try_guard_acts_on_the_count_the_provider_was_shown() {
    let mut image = samples::get("ic-licence").expect("sample");
    if let Some(state) = image.pins.get_mut("PIN1") {
        state.tries_left = 1;
    }
    let mut transport = reader_with(image, Capabilities::EXTENDED, Quirks::NONE);
    let mut provider = Recorder::new(
        vec![(PinId::IcPin1, Some("1234")), (PinId::IcPin2, Some("5678"))],
        false,
    );
    let err = Reader::new(&mut transport)
        .read_licence_asking(&mut provider, ReadOptions::default())
        .unwrap_err();
    common::assert_matches!(
        err,
        Refused::Card(Error::LastTryGuard { pin: PinId::IcPin1 })
    );
    assert_eq!(
        provider.asked.first().map(|r| r.state),
        Some(PinState::TriesLeft { tries: 1 })
    );
    assert_eq!(common::tries_left(&transport, "PIN1"), 1);
}
