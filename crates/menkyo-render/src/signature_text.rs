//! `menkyo card verify`: the check of a card's signature as text.

use menkyo_auth::{Report, Verdict};

/// The verdict, each covered file with its digest, the signer and the trust anchor.
pub fn render(report: &Report) -> String {
    let mut text = format!("{}: {}", report.card.name(), report.verdict.word());
    if let Verdict::Unverifiable(why) = &report.verdict {
        text.push_str(&format!(" ({why})"));
    }
    text.push_str("\ncovered (RSA-2048 PKCS#1 v1.5 over SHA-256 of, in order):\n");
    for part in &report.covered {
        text.push_str(&format!(
            "  {} {} — {} bytes, SHA-256 {}\n",
            part.path, part.name, part.len, part.sha256
        ));
    }
    if let Some(signer) = &report.signer {
        text.push_str(&format!(
            "signer: {}\n  serial {}, key identifier {}\n",
            signer.subject.as_deref().unwrap_or("—"),
            signer.serial_number.as_deref().unwrap_or("—"),
            signer.subject_key_identifier.as_deref().unwrap_or("—"),
        ));
    }
    if let Some(anchor) = &report.anchor {
        text.push_str(&format!("trust anchor: {anchor}\n"));
    }
    text
}
