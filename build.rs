//! Compiles the built-in library (`data/**/*.yaml`) into the binary: each file is parsed into
//! the library's model here, at build time, and written out as Rust code that builds the same
//! values with every string borrowed from the binary. Loading the built-in library then parses
//! nothing and copies no text (see `scripts/bench-startup.sh`). The YAML stays embedded too, for
//! error messages with lines. A file that does not parse is left out here, and the YAML parser
//! reports its problems at run time.

use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;

#[path = "build/literal.rs"]
mod literal;

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read data/") {
        let path = entry.expect("a data/ entry").path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

/// Sets `TPCOACH_MODEL_HASH` to a hash of the YAML model's source, so that the cache of parsed
/// library files (`src/library/cache.rs`) never serves entries written by a build whose model
/// differed, even under the same version number.
fn model_hash() {
    use std::hash::{Hash, Hasher};
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model.rs");
    let text = std::fs::read_to_string(&model).expect("read src/model.rs");
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    println!(
        "cargo::rustc-env=TPCOACH_MODEL_HASH={:016x}",
        hasher.finish()
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo::rerun-if-changed=src/model.rs");
    println!("cargo::rerun-if-changed=build/literal.rs");
    println!("cargo::rerun-if-changed=data");
    model_hash();
    let data = root.join("data");
    let mut files = Vec::new();
    yaml_files(&data, &mut files);
    files.sort();
    // One function per file, and a table of (file name, function).
    let mut functions = String::new();
    let mut table = String::from("pub static FILES: &[(&str, fn() -> LibraryFile)] = &[\n");
    for (n, path) in files.iter().enumerate() {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path
            .strip_prefix(&data)
            .expect("a file under data/")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).expect("read a data file");
        let Ok(parsed) = serde_yaml::from_str::<model::LibraryFile>(&text) else {
            println!(
                "cargo::warning=data/{name} does not parse; tpcoach reports its problems at run time"
            );
            continue;
        };
        let code = literal::to_rust(&parsed).expect("the model writes as Rust");
        functions.push_str(&format!(
            "fn file_{n}() -> LibraryFile {{\n    {code}\n}}\n\n"
        ));
        table.push_str(&format!("    ({name:?}, file_{n}),\n"));
    }
    table.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set"))
        .join("embedded_library.rs");
    std::fs::write(out, functions + &table).expect("write embedded_library.rs");
}
