//! The face photo (写真) as a portrait file: the JPEG 2000 codestream as the cards store it,
//! written as is or decoded to PNG with hayro-jpeg2000.

use std::path::Path;

use hayro_jpeg2000::{ColorSpace, DecodeSettings, DecoderContext, Image};

use crate::Error;

/// The JPEG 2000 end-of-codestream marker (EOC, ISO/IEC 15444-1 A.4.4).
const EOC: [u8; 2] = [0xFF, 0xD9];

/// How the photo file is written, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortraitFile {
    /// `.j2k`, `.j2c`, `.jpc`, and `-` (standard output): the codestream as stored on the card.
    AsStored,
    /// `.jp2`: the codestream in the boxes of a JP2 file.
    Jp2,
    /// `.png`: decoded.
    Png,
}

/// The extensions `--photo` takes, for the error that refuses another.
pub const EXTENSIONS: &str =
    ".j2k (the codestream as stored), .jp2 (a JP2 file), .png (decoded), or - for standard output";

impl PortraitFile {
    /// The kind of file `path` names, `None` for an unknown extension.
    pub fn of(path: &Path) -> Option<Self> {
        if path.as_os_str() == "-" {
            return Some(PortraitFile::AsStored);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "j2k" | "j2c" | "jpc" => Some(PortraitFile::AsStored),
            "jp2" => Some(PortraitFile::Jp2),
            "png" => Some(PortraitFile::Png),
            _ => None,
        }
    }

    /// The file's bytes for the codestream `photo`.
    pub fn bytes(self, photo: &[u8]) -> Result<Vec<u8>, Error> {
        check_complete(photo)?;
        match self {
            PortraitFile::AsStored => Ok(photo.to_vec()),
            PortraitFile::Jp2 => crate::jp2::wrap(photo),
            PortraitFile::Png => to_png(photo),
        }
    }
}

/// Checks that `bytes` hold a whole codestream (it ends with EOC).
pub fn check_complete(bytes: &[u8]) -> Result<(), Error> {
    if bytes.ends_with(&EOC) {
        Ok(())
    } else {
        Err(Error::Truncated { len: bytes.len() })
    }
}

/// The photo as a PNG file.
pub fn to_png(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    check_complete(bytes)?;
    let (width, height, colour, pixels) = decode_guarded(bytes)?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(colour);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(Error::Png)?;
    writer.write_image_data(&pixels).map_err(Error::Png)?;
    writer.finish().map_err(Error::Png)?;
    Ok(out)
}

type Pixels = (u32, u32, png::ColorType, Vec<u8>);

/// Decodes with a panic in the decoder turned into an error: the bytes come from a card.
fn decode_guarded(bytes: &[u8]) -> Result<Pixels, Error> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| decode(bytes));
    std::panic::set_hook(hook);
    result.unwrap_or(Err(Error::DecoderFailed))
}

fn decode(bytes: &[u8]) -> Result<Pixels, Error> {
    let image = Image::new(bytes, &DecodeSettings::default()).map_err(Error::Decode)?;
    let (width, height) = (image.width(), image.height());
    let alpha = image.has_alpha();
    let colour = match (image.color_space(), alpha) {
        (ColorSpace::Gray, false) => png::ColorType::Grayscale,
        (ColorSpace::Gray, true) => png::ColorType::GrayscaleAlpha,
        (ColorSpace::RGB, false) => png::ColorType::Rgb,
        (ColorSpace::RGB, true) => png::ColorType::Rgba,
        (
            ColorSpace::Icc {
                num_channels: 1, ..
            },
            false,
        ) => png::ColorType::Grayscale,
        (
            ColorSpace::Icc {
                num_channels: 3, ..
            },
            false,
        ) => png::ColorType::Rgb,
        (other, _) => return Err(Error::Colour(other.num_channels())),
    };
    let mut context = DecoderContext::default();
    let decoded = image.decode(&mut context).map_err(Error::Decode)?;
    Ok((width, height, colour, decoded.data_u8()))
}
