//! PINs and passwords from the holder: one line of standard input (`--pin-stdin`), an
//! environment variable, or a prompt on the terminal that does not echo. Never an argument, and
//! never printed, logged or written anywhere.

use std::io::BufRead;

use menkyo_codec::secret::{Pin, SigningPassword};
use zeroize::Zeroizing;

/// Why a secret could not be had.
#[derive(Debug, thiserror::Error)]
pub enum SecretInputError {
    /// Standard input or the terminal could not be read.
    #[error("cannot read the {what}")]
    Read {
        /// What was asked.
        what: &'static str,
        /// The environment variable that would have given it.
        env: &'static str,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The value is not a valid PIN or password (the value is never shown).
    #[error("the {what} is not valid")]
    Invalid {
        /// What was asked.
        what: &'static str,
        /// The rule it broke.
        #[source]
        source: menkyo_codec::Error,
    },
}

impl SecretInputError {
    /// What the user can do about it.
    pub fn advice(&self) -> String {
        match self {
            SecretInputError::Read { env, .. } => {
                format!("set {env}, pipe it with --pin-stdin, or run on a terminal to be asked")
            }
            SecretInputError::Invalid { .. } => "check it and type it again".to_owned(),
        }
    }
}

/// Where a secret comes from.
#[derive(Debug, Clone, Copy)]
pub struct SecretSource {
    /// Read one line of standard input.
    pub stdin: bool,
    /// The environment variable to look at.
    pub env: &'static str,
    /// What to call it in the prompt and in errors.
    pub what: &'static str,
}

fn raw(source: SecretSource) -> Result<Zeroizing<String>, SecretInputError> {
    let read = |source_err| SecretInputError::Read {
        what: source.what,
        env: source.env,
        source: source_err,
    };
    if source.stdin {
        let mut line = Zeroizing::new(String::new());
        std::io::stdin().lock().read_line(&mut line).map_err(read)?;
        let trimmed = Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_owned());
        return Ok(trimmed);
    }
    if let Ok(value) = std::env::var(source.env) {
        return Ok(Zeroizing::new(value));
    }
    rpassword::prompt_password(format!("{}: ", source.what))
        .map(Zeroizing::new)
        .map_err(read)
}

/// The JPKI 署名用パスワード (upper-cased).
pub fn signing_password(source: SecretSource) -> Result<SigningPassword, SecretInputError> {
    let text = raw(source)?;
    SigningPassword::new(text.as_bytes()).map_err(|e| SecretInputError::Invalid {
        what: source.what,
        source: e,
    })
}

/// A 4-digit PIN.
pub fn pin(source: SecretSource) -> Result<Pin, SecretInputError> {
    let text = raw(source)?;
    Pin::digits(text.as_bytes()).map_err(|e| SecretInputError::Invalid {
        what: source.what,
        source: e,
    })
}
