//! `tpcoach completions`: shell completion scripts.

use clap::CommandFactory;
use clap_complete::Shell;

/// Print a shell completion script.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  tpcoach completions bash > ~/.local/share/bash-completion/completions/tpcoach"
)]
pub struct Args {
    /// The shell: bash, zsh, fish, elvish or powershell.
    pub shell: Shell,
}

/// Runs `tpcoach completions`.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let mut command = super::Cli::command();
    // Generated into memory first: clap_complete panics on a failed write (a closed pipe), while
    // our own write reports it like every other command.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "tpcoach", &mut script);
    std::io::Write::write_all(&mut std::io::stdout().lock(), &script)?;
    Ok(())
}
