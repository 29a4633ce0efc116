//! `airoi`: parse the command line, run it, map the outcome to an exit code.

use std::process::ExitCode;

/// airoi allocates a little for every cell it reads and writes; mimalloc
/// does that much faster than the system allocator (see benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    airoi::run_cli()
}
