#![forbid(unsafe_code)]
//! Everything above the transport trait: typed commands, GET RESPONSE, extended length, whole-file
//! reads, card detection and the reading procedures of both cards.
