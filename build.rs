//! Converts the built-in library (`data/**/*.yaml`) to JSON at build time. The binary parses the
//! JSON, which is about ten times faster than parsing the YAML (see `scripts/bench-startup.sh`);
//! the YAML stays embedded too, for error messages with lines. A file that does not convert is
//! left out, and the YAML parser reports its problems at run time.

use std::path::{Path, PathBuf};

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
    println!("cargo::rerun-if-changed={}", model.display());
    let text = std::fs::read_to_string(&model).expect("read src/model.rs");
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    println!(
        "cargo::rustc-env=TPCOACH_MODEL_HASH={:016x}",
        hasher.finish()
    );
}

fn main() {
    model_hash();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    println!("cargo::rerun-if-changed=data");
    let mut files = Vec::new();
    yaml_files(&data, &mut files);
    files.sort();
    let mut code = String::from("&[\n");
    for path in files {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path
            .strip_prefix(&data)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path).expect("read a data file");
        let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&text) else {
            continue;
        };
        let Ok(json) = serde_json::to_string(&value) else {
            continue;
        };
        code.push_str(&format!("    ({name:?}, {json:?}),\n"));
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("embedded_json.rs");
    std::fs::write(out, code).expect("write embedded_json.rs");
}
