//! The card facts outside the file map: ATRs, AIDs, the JPKI signing command, and the list of
//! provisional facts. Files and PINs live in [`crate::registry`], which builds on the AIDs here.
//!
//! Together with the registry this is the one place that holds card facts. Facts marked
//! **\[P\]** are our provisional model (the official text is not public); every \[P\] fact is
//! listed in [`PROVISIONAL`] and in `docs/card-layout.md`, so a correction is a one-line change.

/// Confidence in a card fact, as marked in the project's card notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    /// Confirmed by two or more independent readers, or by a reader tested on real cards.
    Confirmed,
    /// One public source only.
    SingleSource,
    /// Not public: our own model.
    Provisional,
}

/// A 16-byte AID: the 6 bytes that tell the applications apart, then zero padding.
const fn aid_16(head: [u8; 6]) -> [u8; 16] {
    let mut aid = [0; 16];
    let mut i = 0;
    while i < head.len() {
        aid[i] = head[i];
        i += 1;
    }
    aid
}

/// ICカード運転免許証 (the stand-alone IC licence card).
pub mod ic {
    /// ATR through contactless PC/SC readers.
    pub const ATR: [u8; 13] = [
        0x3B, 0x88, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x91, 0x81, 0xC1, 0x00, 0xD8,
    ];
    /// Historical bytes of [`ATR`].
    pub const HISTORICAL_BYTES: [u8; 8] = [0x00, 0x00, 0x00, 0x00, 0x91, 0x81, 0xC1, 0x00];

    /// MF.
    pub const FID_MF: u16 = 0x3F00;

    /// DF1 記載事項.
    pub const AID_DF1: [u8; 16] = super::aid_16([0xA0, 0x00, 0x00, 0x02, 0x31, 0x01]);
    /// DF2 写真.
    pub const AID_DF2: [u8; 16] = super::aid_16([0xA0, 0x00, 0x00, 0x02, 0x31, 0x02]);
    /// DF3 (reserved; selectable). Note `48`, not `31`.
    pub const AID_DF3: [u8; 16] = super::aid_16([0xA0, 0x00, 0x00, 0x02, 0x48, 0x03]);

    /// Longest JPEG 2000 codestream in DF2/EF01 (and in the 免許AP's WEF02).
    pub const MAX_PHOTO_LEN: usize = 2000;
}

/// マイナ免許証: the 免許AP and the other applications of the My Number card.
pub mod myna {
    /// Contact ATR of the My Number card, as pcsc-tools' `smartcard_list.txt` lists it ("My
    /// Number Card (The Social Security and Tax Number System in JAPAN)"). The 9-byte
    /// `3B E0 00 FF 81 31 FE 45 14` once documented here is listed there for the 住基カード.
    /// \[S\]
    pub const ATR_CONTACT: [u8; 19] = [
        0x3B, 0xDA, 0x13, 0xFF, 0x81, 0x31, 0xFB, 0x46, 0x80, 0x12, 0x39, 0x2F, 0x31, 0xC1, 0x73,
        0xC6, 0x01, 0xC0, 0x3B,
    ];
    /// The other contact ATR `smartcard_list.txt` lists for the card ("Japanese Individual
    /// Number Card"). \[S\]
    pub const ATR_CONTACT_OTHER: [u8; 13] = [
        0x3B, 0xC5, 0xFF, 0x81, 0x31, 0xFB, 0x45, 0x80, 0x73, 0xC6, 0x01, 0x00, 0x00,
    ];
    /// ATR a contactless PC/SC reader builds for the My Number card: the PC/SC part 3
    /// pseudo-ATR of a Type B card, `3B 88 80 01`, then the ATQB application data
    /// (`00 00 05 E0`), the ATQB protocol info (`B3 81 A1`), the MBLI byte (`00`) and TCK.
    /// Cards differ in the application data; see [`ATR_CONTACTLESS_OTHER`]. \[S\]
    pub const ATR_CONTACTLESS: [u8; 13] = [
        0x3B, 0x88, 0x80, 0x01, 0x00, 0x00, 0x05, 0xE0, 0xB3, 0x81, 0xA1, 0x00, 0x7F,
    ];
    /// The other contactless pseudo-ATR reported for My Number cards: application data
    /// `00 00 41 E0`, the rest as [`ATR_CONTACTLESS`]. \[S\]
    pub const ATR_CONTACTLESS_OTHER: [u8; 13] = [
        0x3B, 0x88, 0x80, 0x01, 0x00, 0x00, 0x41, 0xE0, 0xB3, 0x81, 0xA1, 0x00, 0x3B,
    ];
    /// GlobalPlatform issuer security domain, current at power-on.
    pub const AID_ISD: [u8; 7] = [0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00];

    /// 免許AP load file (ELF); not selectable.
    pub const AID_LICENCE_AP_LOAD_FILE: [u8; 16] =
        super::aid_16([0xA0, 0x00, 0x00, 0x02, 0x31, 0x04]);
    /// 免許AP module (EXE); not selectable.
    pub const AID_LICENCE_AP_MODULE: [u8; 16] = super::aid_16([0xA0, 0x00, 0x00, 0x02, 0x31, 0x05]);
    /// 免許AP instance: the one to select.
    pub const AID_LICENCE_AP: [u8; 16] = super::aid_16([0xA0, 0x00, 0x00, 0x02, 0x31, 0x06]);

    /// 公的個人認証 (JPKI) AP.
    pub const AID_JPKI: [u8; 10] = [0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01];
    /// 券面事項入力補助AP.
    pub const AID_BASIC_INFO: [u8; 10] =
        [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08];
    /// 券面事項確認AP.
    pub const AID_CARD_FACE: [u8; 10] =
        [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02];
    /// 住基AP.
    pub const AID_JUKI: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01];
    /// 共通AP.
    pub const AID_COMMON: [u8; 10] = [0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00];

    /// CLA of the JPKI signing command.
    pub const JPKI_SIGN_CLA: u8 = 0x80;
    /// INS of the JPKI signing command (`80 2A 00 80 <Lc> <DigestInfo>`).
    pub const JPKI_SIGN_INS: u8 = 0x2A;
    /// P1-P2 of the JPKI signing command.
    pub const JPKI_SIGN_P1P2: [u8; 2] = [0x00, 0x80];
}

/// One provisional fact of our card model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProvisionalFact {
    /// What the fact is about.
    pub subject: &'static str,
    /// What we assume.
    pub assumption: &'static str,
}

/// Every provisional (\[P\]) fact the code relies on outside the WEF02 tag table
/// (`records::myna_record`), which has its own confidence column.
pub const PROVISIONAL: &[ProvisionalFact] = &[
    ProvisionalFact { subject: "DF1/EF05 記載事項変更(外字)", assumption: "readable with PIN1" },
    ProvisionalFact { subject: "DF1/EF06 記載事項変更(本籍)", assumption: "readable with PIN1 and PIN2" },
    ProvisionalFact { subject: "DF1/EF07 電子署名", assumption: "578 bytes, PIN1; B1 is RSA-2048 PKCS#1 v1.5 over SHA-256 of DF1/EF01 + DF1/EF02 + DF2/EF01" },
    ProvisionalFact { subject: "外字 byte order", assumption: "FF F1..FF F7 in that order; FF FA is a missing character" },
    ProvisionalFact { subject: "券面事項入力補助 PIN", assumption: "3 tries" },
    ProvisionalFact { subject: "免許AP WEF03", assumption: "readable after VERIFY of the 免許AP PIN" },
    ProvisionalFact { subject: "DF1/EF03 and EF05 glyph items", assumption: "length 81 81; value = one 文字構成/ドット数 byte (20 = 32 dots) + a 32 x 32 bitmap row by row, high bit first (132 bytes per glyph)" },
    ProvisionalFact { subject: "追記の有無 (EF04 50, EF05 A0, EF06 AA)", assumption: "one byte: 11 = nothing appended (one source), 01 = something appended (written by us)" },
    ProvisionalFact { subject: "DF1/EF07 and WEF03 B2, B4, B5", assumption: "B2 the serial number as upper-case hex in ASCII; B4, B5 the RFC 4514 names as UTF-8; B3 empty" },
    ProvisionalFact { subject: "免許AP WEF03 content", assumption: "the same flat items B1-B6 as DF1/EF07, without filler" },
    ProvisionalFact { subject: "免許AP WEF03 signature", assumption: "RSA-2048 PKCS#1 v1.5 over SHA-256 of WEF02 as read" },
    ProvisionalFact { subject: "免許AP WEF02 size", assumption: "no fixed size; the file holds the items and no filler" },
    ProvisionalFact { subject: "免許AP re-selected", assumption: "SELECT of the already selected 免許AP clears VERIFY (Quirks::reselect_keeps_security keeps it)" },
    ProvisionalFact { subject: "券面事項入力補助AP DF21", assumption: "four big-endian offsets from the start of FF20's value to DF22, DF23, DF24 and DF25" },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// TCK: T0 up to and including TCK XOR to zero (ISO/IEC 7816-3 §8.2.5).
    fn tck_ok(atr: &[u8]) -> bool {
        atr.iter().skip(1).fold(0, |x, b| x ^ b) == 0
    }

    /// pcsc-tools' list (installed by `scripts/install-deps`) names each ATR we serve or
    /// recognise for the card it is.
    #[test]
    fn every_atr_is_listed_for_its_card_in_smartcard_list() {
        let list = std::fs::read_to_string("/usr/share/pcsc/smartcard_list.txt")
            .expect("pcsc-tools' smartcard_list.txt (scripts/install-deps installs it)");
        let label = |atr: &[u8]| {
            let hex: Vec<String> = atr.iter().map(|b| format!("{b:02X}")).collect();
            let line = hex.join(" ");
            let mut lines = list.lines().skip_while(|l| *l != line);
            lines.next().map(|_| {
                lines
                    .take_while(|l| l.starts_with('\t'))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        };
        let expect = [
            (&ic::ATR[..], "Driving License card of Japan"),
            (&myna::ATR_CONTACTLESS[..], "Japanese JPKI card"),
            (
                &myna::ATR_CONTACTLESS_OTHER[..],
                "ID card issued by Japan government",
            ),
            (&myna::ATR_CONTACT[..], "My Number Card"),
            (
                &myna::ATR_CONTACT_OTHER[..],
                "Japanese Individual Number Card",
            ),
        ];
        for (atr, card) in expect {
            let found = label(atr).unwrap_or_else(|| panic!("{atr:02X?} is not listed"));
            assert!(found.contains(card), "{atr:02X?}: {found}");
            assert!(!found.contains("JUKICARD"), "{atr:02X?}: {found}");
        }
    }

    #[test]
    fn contactless_atrs_are_pc_sc_part_3_type_b_pseudo_atrs() {
        for atr in [ic::ATR, myna::ATR_CONTACTLESS, myna::ATR_CONTACTLESS_OTHER] {
            assert_eq!(
                atr.get(..4),
                Some(&[0x3B, 0x88, 0x80, 0x01][..]),
                "{atr:02X?}"
            );
            assert!(tck_ok(&atr), "{atr:02X?}");
        }
        assert_eq!(ic::ATR.get(4..12), Some(&ic::HISTORICAL_BYTES[..]));
    }
}
