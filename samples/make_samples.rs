//! Writes the bundled sample portfolio (`generator.rs`) into `samples/`, or
//! into the folder given as the only argument.
//!
//! Run `cargo run --example make-samples` from the repository root after
//! changing the projects in `generator.rs`; a test keeps the committed files
//! equal to what it writes.

mod generator;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("samples"), PathBuf::from);
    generator::write_samples(&dir)?;
    for name in generator::SAMPLE_FILES {
        println!("wrote {}", dir.join(name).display());
    }
    Ok(())
}
