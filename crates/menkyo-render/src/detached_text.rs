//! A detached signature's check (`menkyo jpki verify`) as text: the verdict, each condition,
//! and the signer's certificate.

use menkyo_auth::detached::DetachedCheck;

use crate::certificate_text;

/// The check of the signature over `document` (its name as given) as text.
pub fn render(document: &str, check: &DetachedCheck) -> String {
    let yes_no = |b: bool| if b { "yes" } else { "NO" };
    let ca_line = match check.issued_by_ca {
        Some(b) => format!("issued by the CA: {}\n", yes_no(b)),
        None => "issued by the CA: not checked (no --ca)\n".to_owned(),
    };
    format!(
        "{document}: {}\nsignature matches the document and the certificate: {}\ncertificate within its validity: {}\n{ca_line}{}",
        if check.is_valid() { "valid" } else { "INVALID" },
        yes_no(check.signature_valid),
        yes_no(check.within_validity),
        certificate_text::render(&check.certificate)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use menkyo_auth::Certificate;

    #[test]
    fn each_condition_has_its_line_and_one_failure_makes_it_invalid() {
        let pem = menkyo_auth::test_issuer::CERTIFICATE_PEM.as_bytes();
        let certificate = Certificate::from_bytes(pem).unwrap().info().unwrap();
        let mut check = DetachedCheck {
            signature_valid: true,
            certificate,
            within_validity: true,
            issued_by_ca: None,
        };
        let text = render("doc.pdf", &check);
        assert!(text.starts_with(
            "doc.pdf: valid\nsignature matches the document and the certificate: yes\n\
             certificate within its validity: yes\nissued by the CA: not checked (no --ca)\n"
        ));
        check.issued_by_ca = Some(false);
        let text = render("doc.pdf", &check);
        assert!(text.starts_with("doc.pdf: INVALID\n"));
        assert!(text.contains("issued by the CA: NO\n"));
    }
}
