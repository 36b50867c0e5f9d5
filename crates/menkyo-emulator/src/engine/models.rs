//! The two card models as file trees, built from the registry
//! ([`menkyo_codec::registry`]): the ICカード運転免許証 (card notes §1.2) and the My Number
//! card with the applications its image holds (§2, §3).

use menkyo_codec::registry::{self, Application, Card as CardSpec, File};

use crate::fs::{Access, Df, Ef, EfKind, FileSystem};
use crate::image::{CardImage, CardModel};

/// The registry's card of `model`.
pub fn card_spec(model: CardModel) -> &'static CardSpec {
    match model {
        CardModel::IcLicence => &registry::IC_LICENCE,
        CardModel::MyNumber => &registry::MY_NUMBER_CARD,
    }
}

/// The file tree of the card `image` describes.
pub fn file_system(image: &CardImage) -> FileSystem {
    file_system_of(card_spec(image.model), image)
}

/// The file tree of `card` as `image` holds it: every application every card of the model
/// has, those the image installs, and in each the files whose PIN the image holds and that the
/// image does not list as not read ([`CardImage::unread`]). The DF
/// current after power-on is the MF or the issuer security domain, whichever comes first.
pub fn file_system_of(card: &CardSpec, image: &CardImage) -> FileSystem {
    let installed = |app: &&Application| {
        app.installed_as
            .is_none_or(|name| image.applications.iter().any(|a| a == name))
    };
    let present = |file: &&File| {
        file.exists_with
            .is_none_or(|pin| image.pins.contains_key(pin.image_id()))
            && !image.unread.contains_key(file.path)
    };
    let apps: Vec<&Application> = card.applications.iter().filter(installed).collect();
    let dfs = apps
        .iter()
        .map(|app| Df {
            kind: app.kind,
            aid: app.aid,
            parent: app
                .parent
                .and_then(|id| apps.iter().position(|a| a.id == id)),
            efs: app.files.iter().filter(present).map(ef).collect(),
        })
        .collect();
    FileSystem::new(dfs, 0)
}

fn ef(file: &File) -> Ef {
    let kind = match file.access {
        registry::Access::Free => working(file, Access::Free),
        registry::Access::Pins(pins) => working(file, Access::Pins(pins)),
        registry::Access::PinStore(pin) => EfKind::Internal(pin),
        registry::Access::Key(pin) => EfKind::Key {
            path: file.path.to_owned(),
            pin,
        },
    };
    Ef {
        fid: file.fid,
        sfi: file.sfi,
        kind,
    }
}

fn working(file: &File, access: Access) -> EfKind {
    EfKind::Working {
        path: file.path.to_owned(),
        access,
        fixed_size: file.size,
    }
}
