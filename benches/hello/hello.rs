//! The baseline for `scripts/bench-startup.sh`: the smallest Rust program that prints a line.
//! Built with plain `rustc -O`, not Cargo, so it is not a bench target.

fn main() {
    println!("Hello, world!");
}
