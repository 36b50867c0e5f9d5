//! What `menkyo --version` prints after the name: the version, the commit the command was built
//! from (`unknown` outside a checkout or packaged crate) and the cargo features built in, as
//! build.rs found them. `menkyo -V` prints the version alone.

/// The text of `--version` after `menkyo `.
pub const LONG_VERSION: &str = include_str!(concat!(env!("OUT_DIR"), "/long_version.txt"));
