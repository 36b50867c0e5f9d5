//! The two card models as file trees: the ICカード運転免許証 (card notes §1.2) and the My
//! Number card with the applications its image holds (§2, §3).

use menkyo_codec::layout::{ic, myna};

use crate::fs::{Access, Df, DfKind, Ef, FileSystem, Pin};
use crate::image::{application, path, CardImage, CardModel};

const PIN1_AND_2: &[Pin] = &[Pin::Pin1, Pin::Pin2];

/// The file tree of the card `image` describes.
pub fn file_system(image: &CardImage) -> FileSystem {
    match image.model {
        CardModel::IcLicence => ic_licence(),
        CardModel::MyNumber => my_number(image),
    }
}

/// The image path of an IC licence DF file (`DF1/EF01` …).
pub fn ic_df_file_path(file: &ic::DfFile) -> String {
    format!("DF{}/EF{:02X}", file.df, file.fid)
}

fn ic_access(access: ic::Access) -> Access {
    match access {
        ic::Access::Free => Access::Free,
        ic::Access::Pin1 => Access::Pin(Pin::Pin1),
        ic::Access::Pin1And2 => Access::Pins(PIN1_AND_2),
    }
}

/// Card notes §1.2: MF with EF01, EF02 and the two PIN IEFs; DF1 EF01–EF07; DF2 EF01; DF3
/// selectable and empty.
fn ic_licence() -> FileSystem {
    const MF: usize = 0;
    let mf = Df {
        kind: DfKind::Mf,
        aid: None,
        parent: None,
        efs: vec![
            Ef::working(
                ic::FID_COMMON,
                None,
                path::IC_COMMON,
                Access::Free,
                Some(ic::SIZE_COMMON),
            ),
            Ef::working(
                ic::FID_PIN_SETTING,
                Some(ic::SFI_PIN_SETTING),
                path::IC_PIN_SETTING,
                Access::Free,
                Some(ic::SIZE_PIN_SETTING),
            ),
            Ef::internal(
                ic::FID_PIN1,
                Some(sfi_of_verify_p2(ic::VERIFY_P2_PIN1)),
                Pin::Pin1,
            ),
            Ef::internal(
                ic::FID_PIN2,
                Some(sfi_of_verify_p2(ic::VERIFY_P2_PIN2)),
                Pin::Pin2,
            ),
        ],
    };
    let df = |number: u8, aid: &'static [u8]| Df {
        kind: DfKind::Df,
        aid: Some(aid),
        parent: Some(MF),
        efs: ic::DF_FILES
            .iter()
            .filter(|file| file.df == number)
            .map(|file| {
                Ef::working(
                    file.fid,
                    u8::try_from(file.fid).ok(),
                    ic_df_file_path(file),
                    ic_access(file.access),
                    Some(file.size),
                )
            })
            .collect(),
    };
    let df3 = Df {
        kind: DfKind::Df,
        aid: Some(&ic::AID_DF3),
        parent: Some(MF),
        efs: Vec::new(),
    };
    FileSystem::new(vec![mf, df(1, &ic::AID_DF1), df(2, &ic::AID_DF2), df3], MF)
}

/// Card notes §2 and §3: the issuer security domain current at power-on, and the 免許AP, the
/// 券面事項入力補助AP and the JPKI AP when the image holds them.
fn my_number(image: &CardImage) -> FileSystem {
    const ISD: usize = 0;
    let has = |name: &str| image.applications.iter().any(|a| a == name);
    let mut dfs = vec![Df {
        kind: DfKind::IssuerSecurityDomain,
        aid: Some(&myna::AID_ISD),
        parent: None,
        efs: Vec::new(),
    }];
    if has(application::LICENCE_AP) {
        let after_verify = Access::Pin(Pin::LicenceAp);
        dfs.push(application_df(
            &myna::AID_LICENCE_AP,
            vec![
                Ef::working(
                    myna::FID_PIN_SETTING,
                    Some(myna::SFI_PIN_SETTING),
                    path::LICENCE_AP_PIN_SETTING,
                    Access::Free,
                    Some(myna::SIZE_PIN_SETTING),
                ),
                Ef::internal(
                    myna::FID_PIN,
                    Some(sfi_of_verify_p2(myna::VERIFY_P2_PIN)),
                    Pin::LicenceAp,
                ),
                Ef::working(
                    myna::FID_RECORD,
                    Some(myna::SFI_RECORD),
                    path::LICENCE_AP_RECORD,
                    after_verify,
                    None,
                ),
                Ef::working(
                    myna::FID_SECURITY,
                    Some(myna::SFI_SECURITY),
                    path::LICENCE_AP_SECURITY,
                    after_verify,
                    None,
                ),
            ],
        ));
    }
    if has(application::BASIC_INFO) {
        let after_verify = Access::Pin(Pin::BasicInfo);
        dfs.push(application_df(
            &myna::AID_BASIC_INFO,
            vec![
                Ef::internal(myna::FID_BASIC_INFO_PIN, None, Pin::BasicInfo),
                Ef::working(
                    myna::FID_MY_NUMBER,
                    None,
                    path::BASIC_INFO_MY_NUMBER,
                    after_verify,
                    Some(myna::SIZE_MY_NUMBER),
                ),
                Ef::working(
                    myna::FID_BASIC_INFO,
                    None,
                    path::BASIC_INFO_ATTRIBUTES,
                    after_verify,
                    None,
                ),
                Ef::working(
                    myna::FID_BASIC_INFO_INTEGRITY,
                    None,
                    path::BASIC_INFO_INTEGRITY,
                    after_verify,
                    None,
                ),
            ],
        ));
    }
    if has(application::JPKI) {
        dfs.push(application_df(&myna::AID_JPKI, crate::jpki::files(image)));
    }
    FileSystem::new(dfs, ISD)
}

fn application_df(aid: &'static [u8], efs: Vec<Ef>) -> Df {
    Df {
        kind: DfKind::Application,
        aid: Some(aid),
        parent: None,
        efs,
    }
}

/// VERIFY P2 is `80` + the SFI of the PIN's IEF.
const fn sfi_of_verify_p2(p2: u8) -> u8 {
    p2 & 0x1F
}
