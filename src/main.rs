//! The `tpcoach` binary: parse the command line, run the command, print any error once.

mod cli;

fn main() -> std::process::ExitCode {
    let args = cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => cli::report(&error),
    }
}
