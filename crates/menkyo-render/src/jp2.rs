//! The JP2 file format around a JPEG 2000 codestream as the cards store the photo (写真): the
//! boxes of ISO/IEC 15444-1 Annex I, in the order I.5 requires. Signature box (I.5.1), File
//! Type box (I.5.2), JP2 Header box (I.5.3) holding the Image Header box (I.5.3.1), the Bits
//! Per Component box where the components differ in depth (I.5.3.2) and the Colour
//! Specification box (I.5.3.3), then the Contiguous Codestream box (I.5.4). The image size,
//! component count and depths come from the codestream's SIZ marker segment (A.5.1).

use crate::Error;

/// SOC, start of codestream (A.4.1).
const SOC: [u8; 2] = [0xFF, 0x4F];
/// SIZ, image and tile size (A.5.1).
const SIZ: [u8; 2] = [0xFF, 0x51];
/// The JPEG 2000 Signature box (I.5.1): length 12, type `jP  `, content `<CR><LF><0x87><LF>`.
const SIGNATURE_BOX: [u8; 12] = [
    0x00, 0x00, 0x00, 0x0C, b'j', b'P', b' ', b' ', 0x0D, 0x0A, 0x87, 0x0A,
];
/// EnumCS of the Colour Specification box: sRGB (I.5.3.3, Table I.10).
const ENUM_CS_SRGB: u32 = 16;
/// EnumCS: greyscale.
const ENUM_CS_GREYSCALE: u32 = 17;
/// Compression type of the Image Header box: always 7 (I.5.3.1).
const COMPRESSION_JPEG2000: u8 = 7;
/// BPC of the Image Header box when the components differ in depth (a `bpcc` box follows).
const BPC_VARIES: u8 = 0xFF;

/// What the JP2 header needs from SIZ.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Siz {
    width: u32,
    height: u32,
    /// Ssiz of each component: bit 7 the sign, bits 0–6 the depth minus 1 (same coding as BPC).
    depths: Vec<u8>,
}

fn be_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

fn be_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// SIZ (A.5.1): SOC, then `FF51` Lsiz Rsiz Xsiz Ysiz XOsiz YOsiz XTsiz YTsiz XTOsiz YTOsiz
/// Csiz, then Ssiz XRsiz YRsiz per component.
fn siz(codestream: &[u8]) -> Result<Siz, Error> {
    if codestream.get(0..2) != Some(&SOC) || codestream.get(2..4) != Some(&SIZ) {
        return Err(Error::NotACodestream);
    }
    let segment = codestream.get(4..).ok_or(Error::BadSiz)?;
    let field = |at| be_u32(segment, at).ok_or(Error::BadSiz);
    let lsiz = usize::from(be_u16(segment, 0).ok_or(Error::BadSiz)?);
    let (x, y, x0, y0) = (field(4)?, field(8)?, field(12)?, field(16)?);
    let components = be_u16(segment, 36).ok_or(Error::BadSiz)?;
    let width = x.checked_sub(x0).filter(|w| *w > 0).ok_or(Error::BadSiz)?;
    let height = y.checked_sub(y0).filter(|h| *h > 0).ok_or(Error::BadSiz)?;
    let count = usize::from(components);
    if lsiz != 38 + 3 * count {
        return Err(Error::BadSiz);
    }
    let depths = (0..count)
        .map(|c| segment.get(38 + 3 * c).copied().ok_or(Error::BadSiz))
        .collect::<Result<Vec<u8>, _>>()?;
    Ok(Siz {
        width,
        height,
        depths,
    })
}

/// One box: LBox, TBox, the content (I.4). `None` when it would be larger than LBox holds.
fn boxed(kind: &[u8; 4], content: &[u8]) -> Option<Vec<u8>> {
    let length = u32::try_from(content.len().checked_add(8)?).ok()?;
    let mut out = Vec::with_capacity(content.len() + 8);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(content);
    Some(out)
}

/// The codestream as a JP2 file.
pub fn wrap(codestream: &[u8]) -> Result<Vec<u8>, Error> {
    let siz = siz(codestream)?;
    let components = u16::try_from(siz.depths.len()).map_err(|_| Error::BadSiz)?;
    let enum_cs = match components {
        1 => ENUM_CS_GREYSCALE,
        3 => ENUM_CS_SRGB,
        other => return Err(Error::Components(other)),
    };
    let first = siz.depths.first().copied().ok_or(Error::BadSiz)?;
    let same_depth = siz.depths.iter().all(|d| *d == first);

    // ftyp (I.5.2): brand `jp2 `, minor version 0, compatibility list `jp2 `.
    let mut ftyp = Vec::with_capacity(12);
    ftyp.extend_from_slice(b"jp2 ");
    ftyp.extend_from_slice(&0u32.to_be_bytes());
    ftyp.extend_from_slice(b"jp2 ");

    // ihdr (I.5.3.1): HEIGHT WIDTH NC BPC C UnkC IPR.
    let mut ihdr = Vec::with_capacity(14);
    ihdr.extend_from_slice(&siz.height.to_be_bytes());
    ihdr.extend_from_slice(&siz.width.to_be_bytes());
    ihdr.extend_from_slice(&components.to_be_bytes());
    ihdr.push(if same_depth { first } else { BPC_VARIES });
    ihdr.push(COMPRESSION_JPEG2000);
    ihdr.push(0); // UnkC: the colour space is known.
    ihdr.push(0); // IPR: no intellectual property box.

    // colr (I.5.3.3): METH 1 (enumerated), PREC 0, APPROX 0, EnumCS.
    let mut colr = vec![1, 0, 0];
    colr.extend_from_slice(&enum_cs.to_be_bytes());

    let too_large = || Error::BadSiz;
    let mut header = boxed(b"ihdr", &ihdr).ok_or_else(too_large)?;
    if !same_depth {
        header.extend(boxed(b"bpcc", &siz.depths).ok_or_else(too_large)?);
    }
    header.extend(boxed(b"colr", &colr).ok_or_else(too_large)?);

    let mut out = Vec::with_capacity(codestream.len() + 96);
    out.extend_from_slice(&SIGNATURE_BOX);
    out.extend(boxed(b"ftyp", &ftyp).ok_or_else(too_large)?);
    out.extend(boxed(b"jp2h", &header).ok_or_else(too_large)?);
    out.extend(boxed(b"jp2c", codestream).ok_or_else(too_large)?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SOC and a SIZ for a `width`×`height` image of `components` 8-bit unsigned components.
    fn codestream(width: u32, height: u32, depths: &[u8]) -> Vec<u8> {
        let mut out = vec![0xFF, 0x4F, 0xFF, 0x51];
        let lsiz = u16::try_from(38 + 3 * depths.len()).unwrap();
        out.extend_from_slice(&lsiz.to_be_bytes());
        out.extend_from_slice(&0u16.to_be_bytes());
        for v in [width, height, 0, 0, width, height, 0, 0] {
            out.extend_from_slice(&v.to_be_bytes());
        }
        out.extend_from_slice(&u16::try_from(depths.len()).unwrap().to_be_bytes());
        for d in depths {
            out.extend_from_slice(&[*d, 1, 1]);
        }
        out.extend_from_slice(&[0xFF, 0xD9]);
        out
    }

    #[test]
    fn boxes_follow_annex_i() {
        let cs = codestream(120, 160, &[7, 7, 7]);
        let jp2 = wrap(&cs).unwrap();
        assert_eq!(&jp2[..12], &SIGNATURE_BOX);
        assert_eq!(&jp2[12..32], b"\0\0\0\x14ftypjp2 \0\0\0\0jp2 ");
        // jp2h: 8 + ihdr 22 + colr 15.
        assert_eq!(&jp2[32..40], b"\0\0\0\x2Djp2h");
        assert_eq!(
            &jp2[40..62],
            b"\0\0\0\x16ihdr\0\0\0\xA0\0\0\0\x78\0\x03\x07\x07\0\0"
        );
        assert_eq!(&jp2[62..77], b"\0\0\0\x0Fcolr\x01\0\0\0\0\0\x10");
        let length = u32::try_from(cs.len() + 8).unwrap().to_be_bytes();
        assert_eq!(&jp2[77..81], &length);
        assert_eq!(&jp2[81..85], b"jp2c");
        assert_eq!(&jp2[85..], &cs[..]);
    }

    #[test]
    fn grey_and_mixed_depths() {
        let jp2 = wrap(&codestream(4, 4, &[7])).unwrap();
        assert_eq!(&jp2[62..77], b"\0\0\0\x0Fcolr\x01\0\0\0\0\0\x11");
        let jp2 = wrap(&codestream(4, 4, &[7, 4, 4])).unwrap();
        assert_eq!(jp2[40 + 8 + 10], BPC_VARIES);
        assert_eq!(&jp2[62..73], b"\0\0\0\x0Bbpcc\x07\x04\x04");
    }

    #[test]
    fn refuses_what_is_not_a_codestream() {
        assert!(matches!(wrap(b"GIF89a"), Err(Error::NotACodestream)));
        assert!(matches!(
            wrap(&[0xFF, 0x4F, 0xFF, 0x51, 0, 41]),
            Err(Error::BadSiz)
        ));
        let mut cs = codestream(4, 4, &[7, 7]);
        assert!(matches!(wrap(&cs), Err(Error::Components(2))));
        cs.truncate(20);
        assert!(matches!(wrap(&cs), Err(Error::BadSiz)));
    }
}
