//! `menkyo card clone`: a card image for the emulator from a card read through a reader (or
//! the emulator): every file the PINs opened, the PINs given as digests and those not given
//! as unknown, each with the tries the card showed, and the files not read listed as such;
//! `--synthetic` replaces the personal data with synthetic values of the same lengths.

use menkyo_client::{LicenceFiles, PinId, PinProvider, PinRequest};
use menkyo_codec::secret::Pin;
use menkyo_emulator::clone::{self, ClonedCard, ClonedPin};

use crate::args::CardCloneArgs;
use crate::error::Error;
use crate::output;
use crate::session::{read_asking, Wanted};

/// The PIN sources of a read, keeping each PIN given so the clone can store its digest.
struct Keeping<'a, P> {
    asking: &'a mut P,
    kept: Vec<(PinId, Pin)>,
}

impl<P: PinProvider<Error = Error>> PinProvider for Keeping<'_, P> {
    type Error = Error;

    fn pin(&mut self, request: &PinRequest) -> Result<Option<Pin>, Error> {
        let pin = self.asking.pin(request)?;
        if let Some(pin) = &pin {
            self.kept.push((request.id, pin.clone()));
        }
        Ok(pin)
    }

    fn wants(&self, pin: PinId) -> bool {
        self.asking.wants(pin)
    }
}

pub fn run(args: &CardCloneArgs) -> Result<(), Error> {
    if args.out.exists() && !args.force {
        return Err(Error::Exists(args.out.clone()));
    }
    // Every PIN is optional: a PIN not given leaves the files it guards out of the clone.
    let wanted = Wanted::default();
    let ((read, kept), mut feedback) = read_asking(
        &args.card,
        &args.pins,
        false,
        true,
        wanted,
        |reader, asking, last_try| {
            let mut keeping = Keeping {
                asking,
                kept: Vec::new(),
            };
            let read = reader.read_licence_files_asking(&mut keeping, last_try)?;
            Ok((read, keeping.kept))
        },
    )?;
    feedback.finish();

    let (card, pin_set, label) = match &read {
        LicenceFiles::Ic(ic) => (
            ClonedCard::IcLicence,
            ic.pin_set,
            "clone of an IC driving licence (ICカード運転免許証)",
        ),
        LicenceFiles::Myna(myna) => (
            ClonedCard::LicenceAp,
            myna.pin_set,
            "clone of the 免許AP of a マイナ免許証",
        ),
    };
    let default = Pin::licence_default();
    let pins: Vec<ClonedPin<'_>> = read
        .pins()
        .iter()
        .filter_map(|status| {
            let id = match status.id {
                PinId::IcPin1 | PinId::IcPin2 | PinId::LicenceAp => status.id.image_id(),
                _ => return None,
            };
            let given = kept.iter().find(|(k, _)| *k == status.id).map(|(_, p)| p);
            let pin = match given {
                Some(pin) => Some(pin),
                None if !pin_set => Some(&default),
                None => None,
            };
            Some(ClonedPin {
                id,
                pin: pin.map(Pin::expose),
                tries_left: status.state.tries_left().unwrap_or(status.max_tries),
                max_tries: status.max_tries,
            })
        })
        .collect();
    let files = read.files().iter().map(|f| (f.ef.path, f.bytes.as_slice()));
    let mut image = clone::image(card, label.to_owned(), files, &pins).map_err(Error::Clone)?;
    if args.synthetic {
        for (path, items) in clone::synthesize(&mut image) {
            eprintln!("menkyo: {path}: synthetic {}", items.join(", "));
        }
    }
    let json = image.to_json().map_err(Error::Image)?;
    output::write_atomically(&args.out, &json)?;
    eprintln!(
        "menkyo: wrote the card image {} ({} files, PINs {})",
        args.out.display(),
        image.files.len(),
        image.pins.keys().cloned().collect::<Vec<_>>().join(", ")
    );
    for (path, why) in &image.unread {
        eprintln!("menkyo: {path}: {why}");
    }
    Ok(())
}
