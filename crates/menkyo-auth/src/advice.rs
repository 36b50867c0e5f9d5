//! What to do next when a licence's signature is not valid, for the end of the one line a
//! program prints about it.

use crate::Unverifiable;

/// The advice for a signature found invalid (`None`) or unverifiable for `why`.
pub fn signature(why: Option<&Unverifiable>) -> &'static str {
    match why {
        None => "the licence data does not match the issuer's signature: the card may be forged or altered",
        Some(Unverifiable::FilesNotRead { .. }) => {
            "give the PINs that open them (an IC licence's signature covers 本籍 and the photo: PIN2)"
        }
        Some(Unverifiable::OtherSigner { .. }) => {
            "the card was signed by another issuer than the one --trust names"
        }
        Some(_) => {
            "menkyo does not know this security data; report it with the output of `menkyo dump --redact`"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_verdict_has_its_advice() {
        assert!(signature(None).contains("forged or altered"));
        assert!(signature(Some(&Unverifiable::NoTrustAnchor)).contains("security data"));
    }
}
