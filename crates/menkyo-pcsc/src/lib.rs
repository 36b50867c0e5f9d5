#![forbid(unsafe_code)]
//! The PC/SC back end: card readers (ICリーダー) through pcscd, WinSCard or CryptoTokenKit.
