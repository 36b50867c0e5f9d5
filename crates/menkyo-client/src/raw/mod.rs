//! Raw command APDUs as a user types them (`menkyo apdu`, `menkyo script`): the allow-list and
//! last-try guard for a card in a real reader ([`guard`]), and running the steps of an APDU
//! script through the exchange layer ([`run()`]).

pub mod guard;
pub mod run;

pub use guard::{Guard, NotReadOnly, Verdict};
pub use run::{check, check_answers, run, Origin, StepResult};
