#![forbid(unsafe_code)]
//! The `menkyo` command.

fn main() {}
