//! The `inclusim` binary: parse the arguments, run the command, map the result to an exit code.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = inclusim::cli::Cli::parse();
    inclusim::fs::install_interrupt_cleanup();
    let exit = inclusim::app::main_with(cli);
    std::process::ExitCode::from(exit as u8)
}
