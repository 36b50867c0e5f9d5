//! Why a rendering cannot be made: the crate's one error type.

/// Why the photo (写真) cannot be written, as is, in a JP2 file or as PNG.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The codestream does not end with EOC: bytes are missing.
    #[error("the JPEG 2000 codestream is truncated ({len} bytes, no end-of-codestream marker)")]
    Truncated {
        /// Its length.
        len: usize,
    },
    /// The decoder refused the codestream.
    #[error("the JPEG 2000 decoder refused it")]
    Decode(#[source] hayro_jpeg2000::DecodeError),
    /// The decoder failed inside.
    #[error("the JPEG 2000 decoder failed on it")]
    DecoderFailed,
    /// A colour space PNG cannot hold as is.
    #[error("its colour space ({0} channels, CMYK or unknown) has no PNG form")]
    Colour(u8),
    /// PNG encoding failed.
    #[error("PNG encoding failed")]
    Png(#[source] png::EncodingError),
    /// The codestream does not start with SOC and SIZ, so it cannot be put in a JP2 file.
    #[error("the photo is not a JPEG 2000 codestream (no SOC and SIZ marker at its start)")]
    NotACodestream,
    /// The codestream's SIZ marker segment ends early or says nonsense.
    #[error("the codestream's SIZ marker segment is malformed")]
    BadSiz,
    /// A component count the JP2 colour spaces do not cover (1 = grey, 3 = sRGB).
    #[error("the codestream has {0} components; a JP2 file is written for 1 (grey) or 3 (sRGB)")]
    Components(u16),
}
