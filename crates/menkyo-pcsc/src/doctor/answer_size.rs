//! How big an answer the reader carries, probed on a My Number card by reading the JPKI AP's
//! EF000A (利用者証明用電子証明書), which anyone may read: with an extended Le, and when the reader
//! refuses that, with Le 256 and then 255. SELECT and READ BINARY only; no VERIFY.

use menkyo_transport::{Transaction, TransportError};

use super::{check, Answer, Check, Verdict, WRONG_LENGTH};

/// SELECT by name of the 公的個人認証 (JPKI) AP, `D3 92 F0 00 26 01 00 00 00 01`.
const SELECT_JPKI: [u8; 15] = [
    0x00, 0xA4, 0x04, 0x0C, 0x0A, 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01,
];
/// SELECT of EF000A, the 利用者証明用電子証明書 (free to read).
const SELECT_AUTH_CERT: [u8; 7] = [0x00, 0xA4, 0x02, 0x0C, 0x02, 0x00, 0x0A];
/// READ BINARY from offset 0 with Le 65 536 (extended).
const READ_EXTENDED: [u8; 7] = [0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00];
/// READ BINARY from offset 0 with Le 256, then with Le 255 (short).
const READ_SHORT: [[u8; 5]; 2] = [
    [0x00, 0xB0, 0x00, 0x00, 0x00],
    [0x00, 0xB0, 0x00, 0x00, 0xFF],
];
const OK: [u8; 2] = [0x90, 0x00];

/// What the reader carried of the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct AnswerSize {
    /// Whether the extended-length READ BINARY got through.
    pub extended: bool,
    /// The longest answer's data bytes (0 when every read was refused).
    pub largest: usize,
    /// The certificate's length from its DER header, when the answer shows it.
    pub file_len: Option<usize>,
}

/// Measures the answer size on EF000A; `None` when the card has no JPKI AP or no such EF (an IC
/// licence), or answers the read with anything but data or a refusal.
pub(super) fn measure(tx: &mut dyn Transaction) -> Result<Option<AnswerSize>, TransportError> {
    for select in [&SELECT_JPKI[..], &SELECT_AUTH_CERT[..]] {
        if tx.transmit(select)? != OK {
            return Ok(None);
        }
    }
    let mut extended = true;
    let mut reads = std::iter::once(&READ_EXTENDED[..]).chain(READ_SHORT.iter().map(|r| &r[..]));
    let data = loop {
        let Some(read) = reads.next() else {
            break Vec::new();
        };
        let answer = tx.transmit(read)?;
        if answer == WRONG_LENGTH {
            extended = false;
            continue;
        }
        match answer.split_last_chunk::<2>() {
            Some((data, sw)) if *sw == OK => break data.to_vec(),
            _ => return Ok(None),
        }
    };
    Ok(Some(AnswerSize {
        extended,
        largest: data.len(),
        file_len: der_len(&data),
    }))
}

/// The total length of a DER element from its header (`30 82 HH LL` and the shorter forms).
fn der_len(data: &[u8]) -> Option<usize> {
    let (first, rest) = data.get(1..)?.split_first()?;
    let (len, header) = match *first {
        short @ 0..=0x7F => (usize::from(short), 2),
        0x81 => (usize::from(*rest.first()?), 3),
        0x82 => (
            usize::from(u16::from_be_bytes([*rest.first()?, *rest.get(1)?])),
            4,
        ),
        _ => return None,
    };
    Some(len + header)
}

/// The `extended-length` check from a probe of EF000A.
pub(super) fn verdict(reader: &str, reported: usize, size: AnswerSize) -> Check {
    let AnswerSize {
        extended,
        largest,
        file_len,
    } = size;
    let whole = file_len == Some(largest);
    let (verdict, found) = match (extended, largest) {
        (_, 0) => (
            Verdict::Fail,
            format!(
                "{reader}: the reader refused a READ BINARY of 255 bytes of the certificate \
                 EF000A ({reported} bytes reported)"
            ),
        ),
        (true, _) if whole => (
            Verdict::Ok,
            format!(
                "{reader}: carried; answers of at least {largest} bytes (the whole certificate \
                 EF000A in one answer; {reported} reported)"
            ),
        ),
        (true, _) => (
            Verdict::Ok,
            format!(
                "{reader}: carried; answers of {largest} bytes (certificate EF000A; {reported} \
                 reported)"
            ),
        ),
        (false, _) => (
            Verdict::Note,
            format!(
                "{reader}: refused; answers of {largest} bytes (certificate EF000A; {reported} \
                 reported), reads use short APDUs"
            ),
        ),
    };
    let advice = match verdict {
        Verdict::Ok => None,
        Verdict::Note => Some(super::STEP_DOWN),
        Verdict::Fail => Some("try another reader; see docs/readers.md"),
    };
    Check {
        answer: Some(Answer {
            probed: Some(largest),
            reported,
        }),
        ..check("extended-length", verdict, found, advice)
    }
}

#[cfg(test)]
mod tests {
    use super::der_len;

    #[test]
    fn der_len_reads_the_three_header_forms() {
        assert_eq!(der_len(&[0x30, 0x82, 0x04, 0x1A, 0x30]), Some(0x041A + 4));
        assert_eq!(der_len(&[0x30, 0x81, 0x90]), Some(0x90 + 3));
        assert_eq!(der_len(&[0x30, 0x10]), Some(0x12));
        assert_eq!(der_len(&[0x30, 0x83, 0x01]), None);
        assert_eq!(der_len(&[0x30]), None);
    }
}
