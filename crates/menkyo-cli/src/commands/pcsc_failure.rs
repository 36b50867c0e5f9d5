//! PC/SC failures as one line that ends with what to do next, and their exit status.

use menkyo_transport::TransportError;

/// Exit status when there is no PC/SC service, no reader or no card.
pub const NO_READER_OR_CARD: u8 = 3;
/// Exit status for other failures.
const FAILURE: u8 = 1;

/// `err` and its causes, then the advice of [`menkyo_pcsc::advice`] when there is one.
pub fn line(err: &TransportError) -> String {
    let mut line = crate::error::with_causes(err);
    if let Some(advice) = menkyo_pcsc::advice(err) {
        line.push_str("; ");
        line.push_str(advice);
    }
    line
}

/// 3 when the service, the reader or the card is missing; 1 otherwise.
pub fn exit_code(err: &TransportError) -> u8 {
    match err {
        TransportError::ServiceUnavailable
        | TransportError::NoReader
        | TransportError::UnknownReader(_)
        | TransportError::NoCard => NO_READER_OR_CARD,
        _ => FAILURE,
    }
}
