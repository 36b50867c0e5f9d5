//! `menkyo completions` and `menkyo man`: generated from the clap definitions at run time, so
//! they always match the binary and need no build script.

use clap::CommandFactory;

use crate::args::{CompletionsArgs, ManArgs};
use crate::cli::Cli;
use crate::failure::Failure;
use crate::output;

pub fn completions(args: &CompletionsArgs) -> Result<(), Failure> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "menkyo", &mut out);
    output::print(&String::from_utf8_lossy(&out))
}

pub fn man(args: &ManArgs) -> Result<(), Failure> {
    let command = Cli::command();
    match &args.out {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|source| Failure::WriteFile {
                path: dir.clone(),
                source,
            })?;
            clap_mangen::generate_to(command, dir).map_err(|source| Failure::WriteFile {
                path: dir.clone(),
                source,
            })
        }
        None => {
            let mut out = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut out)
                .map_err(Failure::Output)?;
            output::print(&String::from_utf8_lossy(&out))
        }
    }
}
