//! A card to talk to, and the steps the readers share.

use menkyo_emulator::profile::Profile;
use menkyo_emulator::{samples, CardImage, Emulator};

/// AID of DF1 記載事項.
pub const DF1: &str = "A0000002310100000000000000000000";
/// AID of DF2 写真.
pub const DF2: &str = "A0000002310200000000000000000000";
/// AID of the 免許AP instance.
pub const LICENCE_AP: &str = "A0000002310600000000000000000000";

/// The built-in IC licence sample: PIN1 `1234`, PIN2 `5678`.
pub fn ic_licence() -> Card {
    Card::new(samples::get("ic-licence").expect("the ic-licence sample"))
}

/// The built-in マイナ免許証 sample: 免許AP PIN not set (`****`).
pub fn myna_licence() -> Card {
    Card::new(samples::get("myna-licence").expect("the myna-licence sample"))
}

/// The IC licence sample after a move and a new condition: two 新住所 records, one 新条件 and
/// one 新本籍, as a profile writes them.
pub fn moved_ic_licence() -> Card {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/profiles");
    let mut text = std::fs::read_to_string(dir.join("ic-licence.toml")).unwrap();
    text.push_str(MOVES);
    let photo = |file: &str| std::fs::read(dir.join(file));
    let profile = Profile::parse("moved", &text, &photo).unwrap();
    Card::new(profile.to_image().unwrap())
}

/// The change records of [`moved_ic_licence`] (SYNTHETIC addresses).
pub const MOVES: &str = include_str!("moves.toml");

/// An emulated card answering APDUs given in hex.
pub struct Card(Emulator);

impl Card {
    pub fn new(image: CardImage) -> Self {
        Self(Emulator::new(image))
    }

    /// Sends an APDU (hex, spaces allowed); returns data and status word.
    pub fn send(&mut self, apdu: &str) -> (Vec<u8>, u16) {
        let bytes = hex::decode(apdu.replace(' ', "")).expect("hex APDU");
        self.send_bytes(&bytes)
    }

    pub fn send_bytes(&mut self, apdu: &[u8]) -> (Vec<u8>, u16) {
        let mut answer = self.0.process(apdu);
        assert!(answer.len() >= 2, "no status word for {apdu:02X?}");
        let sw2 = answer.pop().unwrap_or_default();
        let sw1 = answer.pop().unwrap_or_default();
        (answer, u16::from_be_bytes([sw1, sw2]))
    }

    /// Sends an APDU the reader checks for `9000` only; returns the data.
    pub fn ok(&mut self, apdu: &str) -> Vec<u8> {
        let (data, sw) = self.send(apdu);
        assert_eq!(sw, 0x9000, "{apdu} answered {sw:04X}");
        data
    }

    /// The way of readers that VERIFY after selecting each PIN's IEF: SELECT MF, then IEF
    /// `0001` and VERIFY P2 `80` with PIN1 `1234`, then IEF `0002` and PIN2 `5678`, then SELECT
    /// DF1; each answered `9000`.
    pub fn verify_through_iefs_and_select_df1(&mut self) {
        self.ok("00 A4 00 00");
        self.ok("00 A4 02 0C 02 0001");
        self.ok("00 20 00 80 04 31323334");
        self.ok("00 A4 02 0C 02 0002");
        self.ok("00 20 00 80 04 35363738");
        self.ok(&format!("00 A4 04 0C 10 {DF1}"));
    }

    /// The status word alone.
    pub fn sw(&mut self, apdu: &str) -> u16 {
        self.send(apdu).1
    }

    /// READ BINARY of the current EF at a 15-bit offset: short Le up to 256 (`00` = 256),
    /// extended Le above, as readers build it.
    pub fn read_at(&mut self, offset: usize, le: usize) -> (Vec<u8>, u16) {
        let mut apdu = vec![0x00, 0xB0, (offset >> 8) as u8 & 0x7F, offset as u8];
        if le <= 256 {
            apdu.push(le as u8);
        } else {
            apdu.extend([0x00, (le >> 8) as u8, le as u8]);
        }
        self.send_bytes(&apdu)
    }
}

/// A JIS X 0208 byte string as text (via EUC-JP), 外字 as 〓.
pub fn jis0208(bytes: &[u8]) -> String {
    let euc: Vec<u8> = bytes.iter().map(|b| b | 0x80).collect();
    let (text, _, _) = encoding_rs::EUC_JP.decode(&euc);
    text.into_owned()
}
