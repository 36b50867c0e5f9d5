//! `menkyo doctor`: one line per check of what reading a card needs, and what to do
//! (`menkyo_pcsc::doctor`).

use std::io::Write;

use menkyo_pcsc::doctor::{self, Check, Verdict};
use menkyo_pcsc::Pcsc;
use menkyo_transport::TransportError;

use crate::cli::{DoctorArgs, Format};
use crate::error::Error;
use menkyo_codec::atr::atr_hint;

/// Prints the checks; a failed check of the service, the readers or the card ends with its
/// error (exit status 3, as `menkyo readers`).
pub fn run(args: &DoctorArgs) -> Result<(), Error> {
    let checks = doctor::run(Pcsc::establish, |atr| atr_hint(atr).describe().to_owned());
    let mut out = std::io::stdout().lock();
    if args.format == Format::Json {
        let list: Vec<_> = checks.iter().map(json).collect();
        let text = serde_json::to_string_pretty(&serde_json::json!({
            "schema": "menkyo/1",
            "kind": "doctor",
            "checks": list,
        }))
        .map_err(|e| Error::Output(e.into()))?;
        writeln!(out, "{text}").map_err(Error::Output)?;
    } else {
        for check in &checks {
            let advice = check.advice.map(|a| format!(" — {a}")).unwrap_or_default();
            writeln!(
                out,
                "{:<4} {:<15} {}{advice}",
                check.verdict.as_str(),
                check.name,
                check.found
            )
            .map_err(Error::Output)?;
        }
    }
    match checks
        .iter()
        .find(|c| c.verdict == Verdict::Fail)
        .map(|c| c.name)
    {
        Some("pcscd") => Err(TransportError::ServiceUnavailable.into()),
        Some("readers") => Err(TransportError::NoReader.into()),
        Some("card") => Err(TransportError::NoCard.into()),
        _ => Ok(()),
    }
}

fn json(check: &Check) -> serde_json::Value {
    serde_json::json!({
        "check": check.name,
        "verdict": check.verdict.as_str(),
        "found": check.found,
        "advice": check.advice,
        "answer": check.answer.map(|a| serde_json::json!({
            "probed": a.probed,
            "reported": a.reported,
        })),
    })
}
