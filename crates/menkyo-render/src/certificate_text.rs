//! `menkyo jpki`: a certificate (the 署名用電子証明書) as text.

use menkyo_auth::CertificateInfo;

/// Subject, issuer, serial number, validity and SHA-256 fingerprint, one a line.
pub fn render(info: &CertificateInfo) -> String {
    format!(
        "subject:     {}\nissuer:      {}\nserial:      {}\nvalid from:  {}\nvalid until: {}\nSHA-256:     {}\n",
        info.subject,
        info.issuer,
        info.serial_number,
        info.not_before,
        info.not_after,
        info.sha256_fingerprint
    )
}
