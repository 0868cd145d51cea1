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

/// The built-in library's id index, as `Library::reindex` would build it over the files in
/// order: per kind, (id, position) sorted by id. Written out so that start-up sorts nothing.
#[derive(Default)]
struct Index {
    kinds: [Vec<(String, usize)>; 8],
}

impl Index {
    /// The kinds, in the order of `INDEX` in the generated code.
    const KINDS: [&'static str; 8] = [
        "regions",
        "muscles",
        "techniques",
        "tools",
        "pain_areas",
        "symptoms",
        "danger_zones",
        "sources",
    ];

    fn add(&mut self, file: &model::LibraryFile) {
        let ids: [Vec<&str>; 8] = [
            file.regions.iter().map(|x| x.id.as_str()).collect(),
            file.muscles.iter().map(|x| x.id.as_str()).collect(),
            file.techniques.iter().map(|x| x.id.as_str()).collect(),
            file.tools.iter().map(|x| x.id.as_str()).collect(),
            file.pain_areas.iter().map(|x| x.id.as_str()).collect(),
            file.symptoms.iter().map(|x| x.id.as_str()).collect(),
            file.danger_zones.iter().map(|x| x.id.as_str()).collect(),
            file.sources.iter().map(|x| x.id.as_str()).collect(),
        ];
        for (kind, ids) in self.kinds.iter_mut().zip(ids) {
            for id in ids {
                let position = kind.len();
                kind.push((id.to_string(), position));
            }
        }
    }

    fn to_rust(&self) -> String {
        let mut code = String::from(
            "/// Per kind (regions, muscles, techniques, tools, pain areas, symptoms, danger zones,\n\
             /// sources): (id, position) sorted by id, for the files in `FILES` order.\n\
             pub static INDEX: [&[(&str, usize)]; 8] = [\n",
        );
        for (name, kind) in Self::KINDS.iter().zip(&self.kinds) {
            let mut sorted = kind.clone();
            sorted.sort();
            code.push_str(&format!("    // {name}\n    &["));
            for (id, position) in sorted {
                code.push_str(&format!("({id:?}, {position}), "));
            }
            code.push_str("],\n");
        }
        code.push_str("];\n");
        code
    }
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
    // The order of `EMBEDDED` in src/library.rs: the top folder's files first, then each
    // subfolder's, each by name. The index below is built for that order, and the library uses
    // it only when the two orders agree (see `Library::builtin`).
    files.sort_by_key(|path| {
        let nested = path.parent() != Some(data.as_path());
        (nested, path.clone())
    });
    let mut index = Index::default();
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
        index.add(&parsed);
        let code = literal::to_rust(&parsed).expect("the model writes as Rust");
        functions.push_str(&format!(
            "fn file_{n}() -> LibraryFile {{\n    {code}\n}}\n\n"
        ));
        table.push_str(&format!("    ({name:?}, file_{n}),\n"));
    }
    table.push_str("];\n");
    table.push_str(&index.to_rust());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set"))
        .join("embedded_library.rs");
    std::fs::write(out, functions + &table).expect("write embedded_library.rs");
}
