//! Whether SELECT of the 免許AP that is already selected clears the VERIFY state is not public
//! (card notes: open question). The default clears it; a profile's `[quirks]
//! reselect_keeps_security = true` keeps it. Both are tested here.

use menkyo_emulator::profile::Profile;
use menkyo_emulator::{samples, Emulator};

const SELECT_AP: &str = "00A4040C10A0000002310600000000000000000000";
const VERIFY: &str = "0020008604 2A2A2A2A";
const READ_WEF02: &str = "00B09B0004";

fn sw(card: &mut Emulator, apdu: &str) -> String {
    let answer = card.process(&hex::decode(apdu.replace(' ', "")).unwrap());
    hex::encode_upper(&answer[answer.len() - 2..])
}

fn card(quirks: &str) -> Emulator {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/profiles");
    let text = std::fs::read_to_string(dir.join("myna-licence.toml")).unwrap() + quirks;
    let photo = |file: &str| std::fs::read(dir.join(file));
    let profile = Profile::parse("reselect", &text, &photo).unwrap();
    Emulator::new(profile.to_image().unwrap()).with_quirks(profile.quirks)
}

#[test]
fn by_default_selecting_the_licence_ap_again_clears_verify() {
    let mut card = card("");
    assert!(
        !samples::profile("myna-licence")
            .unwrap()
            .unwrap()
            .quirks
            .reselect_keeps_security
    );
    assert_eq!(sw(&mut card, SELECT_AP), "9000");
    assert_eq!(sw(&mut card, VERIFY), "9000");
    assert_eq!(sw(&mut card, READ_WEF02), "9000");
    assert_eq!(sw(&mut card, SELECT_AP), "9000");
    assert_eq!(sw(&mut card, READ_WEF02), "6982");
}

#[test]
fn the_profile_quirk_keeps_verify_across_a_reselect_only() {
    let mut card = card("\n[quirks]\nreselect_keeps_security = true\n");
    assert_eq!(sw(&mut card, SELECT_AP), "9000");
    assert_eq!(sw(&mut card, VERIFY), "9000");
    assert_eq!(sw(&mut card, SELECT_AP), "9000");
    assert_eq!(sw(&mut card, READ_WEF02), "9000");
    // Another application still ends it.
    assert_eq!(sw(&mut card, "00A4040C0AD3921000310001010408"), "9000");
    assert_eq!(sw(&mut card, SELECT_AP), "9000");
    assert_eq!(sw(&mut card, READ_WEF02), "6982");
}
