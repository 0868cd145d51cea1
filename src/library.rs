//! Loading the library: the built-in YAML (compiled into the binary), another folder given with
//! `--library`, and the person's own overlay folder on top. Loading validates, and a library with
//! any problem is refused with every problem listed; the one exception is the built-in library
//! on its own in [`Library::open`], which cannot change after the build and is checked by the
//! test suite and by `tpcoach check`.

mod bounds;
mod cache;
mod failed;
mod folder;
mod locate;
mod validate;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_yaml::Value;

pub use self::bounds::{MAX_DEPTH, MAX_FILE_BYTES};
use self::failed::Failed;
use self::folder::Input;
use crate::error::{Error, Problem, Problems, Result, Warning};
use crate::model::{
    DangerZone, Figure, LibraryFile, Muscle, PainArea, RedFlag, Region, ScreeningQuestion, Source,
    Symptom, Technique, Text, Tool,
};

/// The built-in library: every file under `data/`, embedded at build time.
/// A test checks that this list matches the folder, so a new file cannot be forgotten.
pub static EMBEDDED: &[(&str, &str)] = &[
    ("body_map.yaml", include_str!("../data/body_map.yaml")),
    (
        "danger_zones.yaml",
        include_str!("../data/danger_zones.yaml"),
    ),
    ("pain_areas.yaml", include_str!("../data/pain_areas.yaml")),
    ("regions.yaml", include_str!("../data/regions.yaml")),
    ("screening.yaml", include_str!("../data/screening.yaml")),
    ("sources.yaml", include_str!("../data/sources.yaml")),
    ("symptoms.yaml", include_str!("../data/symptoms.yaml")),
    ("techniques.yaml", include_str!("../data/techniques.yaml")),
    ("tools.yaml", include_str!("../data/tools.yaml")),
    (
        "muscles/abdomen.yaml",
        include_str!("../data/muscles/abdomen.yaml"),
    ),
    (
        "muscles/arm_hand.yaml",
        include_str!("../data/muscles/arm_hand.yaml"),
    ),
    (
        "muscles/chest.yaml",
        include_str!("../data/muscles/chest.yaml"),
    ),
    (
        "muscles/head_jaw.yaml",
        include_str!("../data/muscles/head_jaw.yaml"),
    ),
    (
        "muscles/hip_buttock.yaml",
        include_str!("../data/muscles/hip_buttock.yaml"),
    ),
    (
        "muscles/lower_back.yaml",
        include_str!("../data/muscles/lower_back.yaml"),
    ),
    (
        "muscles/lower_leg_foot.yaml",
        include_str!("../data/muscles/lower_leg_foot.yaml"),
    ),
    (
        "muscles/neck.yaml",
        include_str!("../data/muscles/neck.yaml"),
    ),
    (
        "muscles/shoulder.yaml",
        include_str!("../data/muscles/shoulder.yaml"),
    ),
    (
        "muscles/thigh.yaml",
        include_str!("../data/muscles/thigh.yaml"),
    ),
    (
        "muscles/upper_back.yaml",
        include_str!("../data/muscles/upper_back.yaml"),
    ),
];

/// Where the base library comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// The library built into the binary.
    Embedded,
    /// Every `.yaml`/`.yml` file under this folder (searched recursively).
    Dir(PathBuf),
}

/// What to load: a base library and, optionally, an overlay folder layered on top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// The base library.
    pub base: Base,
    /// The person's overlay folder; a missing folder is fine.
    pub overlay: Option<PathBuf>,
}

/// A YAML file's name (as shown in messages) and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the person would find it.
    pub name: String,
    /// The file's text (borrowed for the built-in files, which are never copied).
    pub text: Cow<'static, str>,
}

/// A loaded, validated library. Every list keeps file order (files sorted by path), with overlay
/// entries replacing base entries of the same id in place.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Body regions.
    pub regions: Vec<Region>,
    /// Muscles.
    pub muscles: Vec<Muscle>,
    /// Techniques.
    pub techniques: Vec<Technique>,
    /// Tools.
    pub tools: Vec<Tool>,
    /// Pain areas.
    pub pain_areas: Vec<PainArea>,
    /// Symptoms.
    pub symptoms: Vec<Symptom>,
    /// Danger zones.
    pub danger_zones: Vec<DangerZone>,
    /// Screening questions.
    pub screening_questions: Vec<ScreeningQuestion>,
    /// Red flags.
    pub red_flags: Vec<RedFlag>,
    /// The body map's figure, one per view.
    pub figures: Vec<Figure>,
    /// The sources entries cite, by key.
    pub sources: Vec<Source>,
    /// The base files loaded, in order.
    pub files: Vec<String>,
    /// The overlay files applied, in order.
    pub overlay_files: Vec<String>,
    /// What the load passed over (a named pipe in a library folder, say), for the caller to
    /// show.
    pub warnings: Vec<Warning>,
    index: Index,
}

/// Id → position, per kind: each a list of (id, position) sorted by id. The ids are the
/// entries' own text, so a built-in library's index copies none.
#[derive(Debug, Clone, Default, PartialEq)]
struct Index {
    regions: Positions,
    muscles: Positions,
    techniques: Positions,
    tools: Positions,
    pain_areas: Positions,
    symptoms: Positions,
    danger_zones: Positions,
    sources: Positions,
}

/// (id, position) pairs sorted by id.
#[derive(Debug, Clone, Default, PartialEq)]
struct Positions(Vec<(Text, usize)>);

impl Positions {
    fn of<T>(items: &[T], id: impl Fn(&T) -> &Text) -> Positions {
        let mut pairs: Vec<(Text, usize)> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (id(item).clone(), i))
            .collect();
        pairs.sort_unstable();
        Positions(pairs)
    }

    /// Pairs already sorted by id, borrowed from the binary (the built-in library's, written
    /// by `build.rs`).
    fn sorted(pairs: &'static [(&'static str, usize)]) -> Positions {
        Positions(
            pairs
                .iter()
                .map(|&(id, at)| (Text::borrowed(id), at))
                .collect(),
        )
    }

    fn get(&self, id: &str) -> Option<usize> {
        self.0
            .binary_search_by(|(key, _)| key.as_str().cmp(id))
            .ok()
            .map(|at| self.0[at].1)
    }
}

macro_rules! getter {
    ($(#[$doc:meta])* $name:ident, $field:ident, $ty:ty) => {
        $(#[$doc])*
        pub fn $name(&self, id: &str) -> Option<&$ty> {
            self.index.$field.get(id).map(|i| &self.$field[i])
        }
    };
}

impl Library {
    /// Loads, layers and validates a library.
    ///
    /// ```
    /// use tpcoach::library::{Base, Library, LoadOptions};
    /// let library = Library::load(&LoadOptions { base: Base::Embedded, overlay: None }).unwrap();
    /// assert!(library.muscle("upper_trapezius").is_some());
    /// ```
    pub fn load(options: &LoadOptions) -> Result<Library> {
        Library::load_cached(options, None)
    }

    /// Like [`Library::load`], keeping parsed copies of the folders' YAML files in `cache` (a
    /// folder), so that a large library is not parsed again while its files are unchanged.
    pub fn load_cached(options: &LoadOptions, cache: Option<&Path>) -> Result<Library> {
        let mut warnings = Vec::new();
        let base = match &options.base {
            Base::Embedded => EMBEDDED
                .iter()
                .map(|(name, text)| {
                    Input::from(SourceFile {
                        name: format!("data/{name}"),
                        text: Cow::Borrowed(text),
                    })
                })
                .collect(),
            Base::Dir(dir) => {
                let folder = folder::read(dir)?;
                warnings.extend(folder.warnings);
                if folder.files.is_empty() {
                    return Err(Error::EmptyLibrary { path: dir.clone() });
                }
                folder.files
            }
        };
        let overlay = match &options.overlay {
            Some(dir) if dir.is_dir() => {
                let folder = folder::read(dir)?;
                warnings.extend(folder.warnings);
                folder.files
            }
            _ => Vec::new(),
        };
        Library::build(base, overlay, cache, warnings)
    }

    /// The library a command works with. The built-in library alone (no overlay files) is
    /// taken as compiled, without checking it again: it cannot change after the build, the test
    /// suite checks it, and [`Library::load_cached`] (`tpcoach check`) checks it on demand.
    /// Anything else is loaded and checked like [`Library::load_cached`].
    pub fn open(options: &LoadOptions, cache: Option<&Path>) -> Result<Library> {
        // Only the names are listed here; the files are read if there are any.
        let (overlay_files, warnings) = match &options.overlay {
            Some(dir) if dir.is_dir() => {
                let (paths, warnings) = folder::list(dir)?;
                (!paths.is_empty(), warnings)
            }
            _ => (false, Vec::new()),
        };
        if options.base == Base::Embedded && !overlay_files {
            // Debug builds (development, `cargo test`) check it anyway, so that an edit of
            // `data/` that breaks a rule shows at once.
            if cfg!(debug_assertions) {
                Library::load_cached(options, cache)?;
            }
            if let Some(mut library) = Library::builtin() {
                library.warnings = warnings;
                return Ok(library);
            }
        }
        Library::load_cached(options, cache)
    }

    /// The built-in library as compiled, in file order; `None` if a file did not compile (its
    /// problems are then reported by the checked load).
    fn builtin() -> Option<Library> {
        let mut files = Vec::with_capacity(EMBEDDED.len());
        for (name, _) in EMBEDDED {
            let (_, build) = compiled::FILES.iter().find(|(n, _)| n == name)?;
            files.push(build());
        }
        let mut library = Library {
            files: EMBEDDED
                .iter()
                .map(|(name, _)| format!("data/{name}"))
                .collect(),
            ..Library::default()
        };
        // Each list in one allocation, in file order: a list that only one file has is taken
        // as it is; otherwise each file's part is freed as soon as it is copied, so that the
        // memory is used again rather than new pages touched (start-up time is mostly pages).
        macro_rules! gather {
            ($($list:ident),*) => {$(
                let mut having = files.iter_mut().filter(|f| !f.$list.is_empty());
                match (having.next(), having.next()) {
                    (None, _) => {}
                    (Some(only), None) => library.$list = std::mem::take(&mut only.$list),
                    _ => {
                        let total = files.iter().map(|f| f.$list.len()).sum();
                        library.$list = Vec::with_capacity(total);
                        for file in &mut files {
                            library.$list.append(&mut file.$list);
                            file.$list = Vec::new();
                        }
                    }
                }
            )*};
        }
        gather!(
            regions,
            muscles,
            techniques,
            tools,
            pain_areas,
            symptoms,
            danger_zones,
            screening_questions,
            red_flags,
            figures,
            sources
        );
        // `build.rs` sorted the ids for the files in its order; when that is this order (it
        // is, unless EMBEDDED and build.rs part ways), start-up need not sort them again.
        let same_order = compiled::FILES
            .iter()
            .map(|(name, _)| name)
            .eq(EMBEDDED.iter().map(|(name, _)| name));
        if same_order {
            let [regions, muscles, techniques, tools, pain_areas, symptoms, danger_zones, sources] =
                compiled::INDEX;
            library.index = Index {
                regions: Positions::sorted(regions),
                muscles: Positions::sorted(muscles),
                techniques: Positions::sorted(techniques),
                tools: Positions::sorted(tools),
                pain_areas: Positions::sorted(pain_areas),
                symptoms: Positions::sorted(symptoms),
                danger_zones: Positions::sorted(danger_zones),
                sources: Positions::sorted(sources),
            };
        } else {
            library.reindex();
        }
        Some(library)
    }

    /// Builds a library from file texts: `base` first, then `overlay` layered on top.
    pub fn from_sources(base: Vec<SourceFile>, overlay: Vec<SourceFile>) -> Result<Library> {
        let inputs = |files: Vec<SourceFile>| files.into_iter().map(Input::from).collect();
        Library::build(inputs(base), inputs(overlay), None, Vec::new())
    }

    fn build(
        base: Vec<Input>,
        overlay: Vec<Input>,
        cache: Option<&Path>,
        warnings: Vec<Warning>,
    ) -> Result<Library> {
        // Files that could not be parsed at all come first; then every other problem.
        let mut unparsed = Vec::new();
        let mut problems = Vec::new();
        let mut failed = Failed::default();
        let mut library = Library {
            files: base.iter().map(|f| f.file.name.clone()).collect(),
            overlay_files: overlay.iter().map(|f| f.file.name.clone()).collect(),
            warnings,
            ..Library::default()
        };
        let mut sources = Vec::new();
        let mut origins = Origins::default();
        for (layer, files) in [(Layer::Base, base), (Layer::Overlay, overlay)] {
            let mut seen = Origins::default();
            let parsed_files = parse_files(&files, cache);
            for (input, parsed) in files.into_iter().zip(parsed_files) {
                let file_index = sources.len();
                if parsed.unparsed.is_some() || !parsed.problems.is_empty() {
                    failed.add(file_index, &input.file.text);
                }
                unparsed.extend(parsed.unparsed);
                problems.extend(parsed.problems);
                sources.push(input.file);
                library.merge(
                    parsed.file,
                    layer,
                    file_index,
                    &sources,
                    &mut seen,
                    &mut problems,
                );
            }
            origins.extend(seen);
        }
        library.reindex();
        validate::validate(&library, &sources, &origins, &mut failed, &mut problems);
        if unparsed.is_empty() && problems.is_empty() {
            return Ok(library);
        }
        unparsed.sort();
        problems.sort();
        problems.dedup();
        unparsed.append(&mut problems);
        Err(Error::Invalid(Problems {
            problems: unparsed,
            unchecked: failed.unchecked(&sources),
            warnings: library.warnings,
        }))
    }

    fn reindex(&mut self) {
        self.index = Index {
            regions: Positions::of(&self.regions, |x| &x.id),
            muscles: Positions::of(&self.muscles, |x| &x.id),
            techniques: Positions::of(&self.techniques, |x| &x.id),
            tools: Positions::of(&self.tools, |x| &x.id),
            pain_areas: Positions::of(&self.pain_areas, |x| &x.id),
            symptoms: Positions::of(&self.symptoms, |x| &x.id),
            danger_zones: Positions::of(&self.danger_zones, |x| &x.id),
            sources: Positions::of(&self.sources, |x| &x.id),
        };
    }

    fn merge(
        &mut self,
        file: LibraryFile,
        layer: Layer,
        file_index: usize,
        sources: &[SourceFile],
        seen: &mut Origins,
        problems: &mut Vec<Problem>,
    ) {
        let mut put = Merge {
            layer,
            file_index,
            sources,
            seen,
            problems,
        };
        put.list("regions", &mut self.regions, file.regions, |x| &x.id);
        put.list("muscles", &mut self.muscles, file.muscles, |x| &x.id);
        put.list("techniques", &mut self.techniques, file.techniques, |x| {
            &x.id
        });
        put.list("tools", &mut self.tools, file.tools, |x| &x.id);
        put.list("pain_areas", &mut self.pain_areas, file.pain_areas, |x| {
            &x.id
        });
        put.list("symptoms", &mut self.symptoms, file.symptoms, |x| &x.id);
        put.list(
            "danger_zones",
            &mut self.danger_zones,
            file.danger_zones,
            |x| &x.id,
        );
        put.list(
            "screening_questions",
            &mut self.screening_questions,
            file.screening_questions,
            |x| &x.id,
        );
        put.list("red_flags", &mut self.red_flags, file.red_flags, |x| &x.id);
        put.list("figures", &mut self.figures, file.figures, |x| &x.id);
        put.list("sources", &mut self.sources, file.sources, |x| &x.id);
    }

    getter!(
        /// The region with this id.
        region, regions, Region
    );
    getter!(
        /// The muscle with this id.
        muscle, muscles, Muscle
    );
    getter!(
        /// The technique with this id.
        technique, techniques, Technique
    );
    getter!(
        /// The tool with this id.
        tool, tools, Tool
    );
    getter!(
        /// The pain area with this id.
        pain_area, pain_areas, PainArea
    );
    getter!(
        /// The symptom with this id.
        symptom, symptoms, Symptom
    );
    getter!(
        /// The danger zone with this id.
        danger_zone, danger_zones, DangerZone
    );
    getter!(
        /// The source recorded under this key (exactly as entries cite it).
        source, sources, Source
    );

    /// The technique used for stretches (the one of kind `stretch`).
    pub fn stretching(&self) -> Option<&Technique> {
        self.techniques
            .iter()
            .find(|t| t.kind == crate::model::TechniqueKind::Stretch)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    Base,
    Overlay,
}

/// Where each entry came from: (list name, id) → the index of its file in the sources.
type Origins = BTreeMap<(&'static str, String), usize>;

struct Merge<'a> {
    layer: Layer,
    file_index: usize,
    sources: &'a [SourceFile],
    seen: &'a mut Origins,
    problems: &'a mut Vec<Problem>,
}

impl Merge<'_> {
    fn list<T>(
        &mut self,
        kind: &'static str,
        target: &mut Vec<T>,
        entries: Vec<T>,
        id: impl Fn(&T) -> &str,
    ) {
        for entry in entries {
            let key = (kind, id(&entry).to_string());
            if let Some(&first) = self.seen.get(&key) {
                let file = &self.sources[self.file_index];
                let first_name = &self.sources[first].name;
                self.problems.push(Problem {
                    file: file.name.clone(),
                    line: locate::entry_line(&file.text, &key.1),
                    column: None,
                    item: format!("{kind}[{}]", key.1),
                    message: format!(
                        "the id \"{}\" is used twice (also in {first_name}); ids must be unique: rename one",
                        key.1
                    ),
                });
                continue;
            }
            // Within the base, `seen` has already refused a second entry with this id; only an
            // overlay entry replaces one (searching the list for every entry is quadratic).
            let existing = match self.layer {
                Layer::Base => None,
                Layer::Overlay => target.iter().position(|x| id(x) == key.1),
            };
            self.seen.insert(key, self.file_index);
            match existing {
                Some(i) => target[i] = entry,
                None => target.push(entry),
            }
        }
    }
}

/// The built-in library compiled into the binary by `build.rs`: for each file of `data/`, a
/// function that builds its parsed contents with every string borrowed from the binary.
mod compiled {
    #![allow(clippy::all)]
    use crate::model::*;
    include!(concat!(env!("OUT_DIR"), "/embedded_library.rs"));
}

/// The compiled contents of `file`, when it is a file of the built-in library: its text is the
/// embedded text itself (compared by address, so the text is not even read).
fn compiled(file: &SourceFile) -> Option<LibraryFile> {
    let Cow::Borrowed(text) = &file.text else {
        return None;
    };
    let name = file.name.strip_prefix("data/")?;
    let (_, embedded) = EMBEDDED.iter().find(|(n, _)| *n == name)?;
    if !std::ptr::eq(*text, *embedded) {
        return None;
    }
    compiled::FILES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, build)| build())
}

/// Libraries with more YAML than this are parsed on several threads, one share of the files
/// each; below it, starting threads costs more than it saves.
const PARALLEL_BYTES: usize = 512 * 1024;

/// One file's entries, with the problems found in it.
#[derive(Debug, Default)]
struct Parsed {
    /// The entries that parsed.
    file: LibraryFile,
    /// Why the file could not be parsed at all, if so.
    unparsed: Option<Problem>,
    /// The problems of single lists and entries.
    problems: Vec<Problem>,
}

/// Parses every file, each with the problems found in it, in file order.
fn parse_files(files: &[Input], cache: Option<&Path>) -> Vec<Parsed> {
    let parse = |input: &Input| {
        let file = &input.file;
        if let Some(problem) = &input.unread {
            return Parsed {
                unparsed: Some(problem.clone()),
                ..Parsed::default()
            };
        }
        if let Some(parsed) = compiled(file) {
            return Parsed {
                file: parsed,
                ..Parsed::default()
            };
        }
        if let Some(parsed) = cache.and_then(|dir| cache::read(dir, file)) {
            return Parsed {
                file: parsed,
                ..Parsed::default()
            };
        }
        let parsed = parse_file(file);
        if let (Some(dir), None, true) = (cache, &parsed.unparsed, parsed.problems.is_empty()) {
            cache::write(dir, file, &parsed.file);
        }
        parsed
    };
    let bytes: usize = files.iter().map(|f| f.file.text.len()).sum();
    // Asked only for a large library: finding the number of processors reads system files.
    let threads = match bytes >= PARALLEL_BYTES && files.len() > 1 {
        true => std::thread::available_parallelism().map_or(1, |n| n.get()),
        false => 1,
    };
    if threads < 2 {
        return files.iter().map(parse).collect();
    }
    // Consecutive runs of files with about the same number of bytes each, one per thread.
    let share = bytes.div_ceil(threads);
    let mut runs = Vec::with_capacity(threads);
    let (mut start, mut taken) = (0, 0);
    for (i, input) in files.iter().enumerate() {
        taken += input.file.text.len();
        if taken >= share && runs.len() + 1 < threads {
            runs.push(&files[start..=i]);
            (start, taken) = (i + 1, 0);
        }
    }
    if start < files.len() {
        runs.push(&files[start..]);
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = runs
            .into_iter()
            .map(|run| scope.spawn(move || run.iter().map(parse).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().expect("a parser thread panicked"))
            .collect()
    })
}

/// Parses one file, entry by entry, so that one bad entry does not hide the problems of others.
/// Entries that do not parse are left out and reported. The file's size and nesting are checked
/// first, so that no text costs the parser more than a moment.
fn parse_file(file: &SourceFile) -> Parsed {
    let problem = |line, column, item: String, message: String| Problem {
        file: file.name.clone(),
        line,
        column,
        item,
        message,
    };
    let unparsed = |line, column, message| Parsed {
        unparsed: Some(problem(line, column, String::new(), message)),
        ..Parsed::default()
    };
    let size = file.text.len() as u64;
    if size > MAX_FILE_BYTES {
        return unparsed(
            None,
            None,
            format!(
                "the file is {}, more than a library file may be ({}); split it into smaller files",
                folder::size_text(size),
                folder::limit_text()
            ),
        );
    }
    if let Err(deep) = bounds::depth(&file.text) {
        return unparsed(
            Some(deep.line),
            Some(deep.column),
            format!(
                "lists and mappings nest more than {MAX_DEPTH} levels deep here; a library \
                 entry needs only a few"
            ),
        );
    }
    // A valid file parses in one pass, about three times faster than entry by entry; only a
    // file with problems takes the slower path that finds every one of them.
    if let Ok(parsed) = serde_yaml::from_str(&file.text) {
        return Parsed {
            file: parsed,
            ..Parsed::default()
        };
    }
    let value: Value = match serde_yaml::from_str(&file.text) {
        Ok(value) => value,
        Err(e) => {
            let location = e.location();
            return unparsed(
                location.as_ref().map(|l| l.line()),
                location.as_ref().map(|l| l.column()),
                format!("not valid YAML: {}", strip_location(&e.to_string())),
            );
        }
    };
    let mut problems = Vec::new();
    let mut out = LibraryFile::default();
    let map = match value {
        Value::Null => return Parsed::default(),
        Value::Mapping(map) => map,
        _ => {
            return unparsed(
                Some(1),
                None,
                "expected a mapping of lists such as `muscles:` or `regions:`".into(),
            )
        }
    };
    for (key, list) in map {
        let key_text = key.as_str().unwrap_or_default().to_string();
        let entries = match list {
            Value::Sequence(entries) => entries,
            Value::Null => Vec::new(),
            _ => {
                problems.push(problem(
                    locate::key_line(&file.text, &key_text),
                    None,
                    key_text.clone(),
                    "expected a list of entries (`- id: ...`)".into(),
                ));
                continue;
            }
        };
        let mut parse = EntryParser {
            file,
            kind: &key_text,
            problems: &mut problems,
        };
        match key_text.as_str() {
            "regions" => out.regions = parse.all(entries),
            "muscles" => out.muscles = parse.all(entries),
            "techniques" => out.techniques = parse.all(entries),
            "tools" => out.tools = parse.all(entries),
            "pain_areas" => out.pain_areas = parse.all(entries),
            "symptoms" => out.symptoms = parse.all(entries),
            "danger_zones" => out.danger_zones = parse.all(entries),
            "screening_questions" => out.screening_questions = parse.all(entries),
            "red_flags" => out.red_flags = parse.all(entries),
            "figures" => out.figures = parse.all(entries),
            "sources" => out.sources = parse.all(entries),
            _ => problems.push(problem(
                locate::key_line(&file.text, &key_text),
                None,
                key_text.clone(),
                "unknown list; expected one of regions, muscles, techniques, tools, pain_areas, \
                 symptoms, danger_zones, screening_questions, red_flags, figures, sources"
                    .into(),
            )),
        }
    }
    Parsed {
        file: out,
        unparsed: None,
        problems,
    }
}

struct EntryParser<'a> {
    file: &'a SourceFile,
    kind: &'a str,
    problems: &'a mut Vec<Problem>,
}

impl EntryParser<'_> {
    fn all<T: DeserializeOwned>(&mut self, entries: Vec<Value>) -> Vec<T> {
        let mut out = Vec::new();
        for (n, entry) in entries.into_iter().enumerate() {
            let id = entry.get("id").and_then(Value::as_str).map(str::to_string);
            match serde_path_to_error::deserialize::<_, T>(entry) {
                Ok(value) => out.push(value),
                Err(e) => {
                    let path = e.path().to_string();
                    let message = strip_location(&e.into_inner().to_string());
                    let field = path.rsplit('.').find_map(|segment| {
                        let name = segment.split('[').next().unwrap_or_default();
                        (!name.is_empty() && name != "?").then_some(name)
                    });
                    let line = locate::error_line(&self.file.text, id.as_deref(), field, &message);
                    let mut item = match &id {
                        Some(id) => format!("{}[{id}]", self.kind),
                        None => format!("{}[{n}]", self.kind),
                    };
                    if path != "." {
                        item.push('.');
                        item.push_str(&path);
                    }
                    self.problems.push(Problem {
                        file: self.file.name.clone(),
                        line,
                        column: None,
                        item,
                        message,
                    });
                }
            }
        }
        out
    }
}

/// The parser's message without its own " at line N column M" (the problem carries the location).
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: Cow::Owned(text.to_string()),
        }
    }

    #[test]
    fn embedded_library_is_valid() {
        let library = Library::load(&LoadOptions {
            base: Base::Embedded,
            overlay: None,
        });
        match library {
            Ok(library) => assert!(library.muscles.len() >= 40),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn embedded_list_matches_data_folder() {
        let (on_disk, warnings) =
            folder::list(Path::new(env!("CARGO_MANIFEST_DIR")).join("data").as_path()).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut on_disk: Vec<String> = on_disk
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = EMBEDDED.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(embedded, on_disk);
    }

    /// The built-in library gathered file by file, as `Library::open` takes it in release
    /// builds, is what the checked load builds and validates.
    #[test]
    fn the_built_in_library_gathered_is_the_one_loaded_and_checked() {
        let options = LoadOptions {
            base: Base::Embedded,
            overlay: None,
        };
        let opened = Library::builtin().expect("every built-in file is compiled");
        let checked = Library::load(&options).expect("loads and passes every check");
        assert_eq!(opened.files, checked.files);
        assert_eq!(opened.regions, checked.regions);
        assert_eq!(opened.muscles, checked.muscles);
        assert_eq!(opened.techniques, checked.techniques);
        assert_eq!(opened.tools, checked.tools);
        assert_eq!(opened.pain_areas, checked.pain_areas);
        assert_eq!(opened.symptoms, checked.symptoms);
        assert_eq!(opened.danger_zones, checked.danger_zones);
        assert_eq!(opened.screening_questions, checked.screening_questions);
        assert_eq!(opened.red_flags, checked.red_flags);
        assert_eq!(opened.figures, checked.figures);
        assert_eq!(opened.sources, checked.sources);
        // The index written by build.rs is the one sorting at run time gives, and it is used:
        // build.rs takes the files in EMBEDDED's order.
        let compiled: Vec<&str> = compiled::FILES.iter().map(|(n, _)| *n).collect();
        let embedded: Vec<&str> = EMBEDDED.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            compiled, embedded,
            "build.rs orders the files as EMBEDDED does"
        );
        assert_eq!(opened.index, checked.index);
        assert_eq!(
            opened.muscle("upper_trapezius").map(|m| &m.name),
            checked.muscle("upper_trapezius").map(|m| &m.name)
        );
    }

    #[test]
    fn the_compiled_library_is_the_embedded_yaml() {
        let mut compiled_names: Vec<&str> = compiled::FILES.iter().map(|(n, _)| *n).collect();
        let mut embedded_names: Vec<&str> = EMBEDDED.iter().map(|(n, _)| *n).collect();
        compiled_names.sort();
        embedded_names.sort();
        assert_eq!(
            compiled_names, embedded_names,
            "every built-in file is compiled"
        );
        for (name, yaml) in EMBEDDED {
            let file = SourceFile {
                name: format!("data/{name}"),
                text: Cow::Borrowed(yaml),
            };
            let from_build = compiled(&file).expect("a built-in file is compiled");
            let from_yaml = parse_file(&file);
            assert!(from_yaml.problems.is_empty(), "{:?}", from_yaml.problems);
            assert!(from_yaml.unparsed.is_none(), "{:?}", from_yaml.unparsed);
            // Compared as values, not as their serialized forms: a field the serializer
            // leaves out must still match.
            assert_eq!(from_build, from_yaml.file, "{name}");
        }
        let (name, text) = EMBEDDED[0];
        let copy = source(&format!("data/{name}"), text);
        assert!(
            compiled(&copy).is_none(),
            "any other text is parsed as YAML"
        );
    }

    #[test]
    fn large_libraries_parse_on_threads_in_file_order() {
        let files: Vec<SourceFile> = (0..8)
            .map(|n| {
                let mut text = String::from("regions:\n");
                for i in 0..2000 {
                    text.push_str(&format!(
                        "  - {{id: r{n}_{i}, name: R{n} {i}, description: Region {i} of file {n}.}}\n"
                    ));
                }
                source(&format!("f{n}.yaml"), &text)
            })
            .collect();
        assert!(files.iter().map(|f| f.text.len()).sum::<usize>() > PARALLEL_BYTES);
        let library = Library::from_sources(files, vec![]).unwrap();
        assert_eq!(library.regions.len(), 16_000);
        assert_eq!(library.regions[0].id, "r0_0");
        assert_eq!(library.regions[15_999].id, "r7_1999");
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let err = Library::from_sources(
            vec![source("bad.yaml", "regions:\n  - id: [neck\n")],
            vec![],
        )
        .unwrap_err();
        let Error::Invalid(Problems { problems, .. }) = err else {
            panic!("expected problems")
        };
        assert!(problems[0].line.is_some(), "{problems:?}");
        assert!(problems[0].message.contains("not valid YAML"));
    }

    #[test]
    fn every_bad_entry_is_reported_not_only_the_first() {
        let text = "regions:\n  - id: a\n    name: A\n    colour: red\n    description: x\n  - id: b\n    name: 5\n";
        let err = Library::from_sources(vec![source("r.yaml", text)], vec![]).unwrap_err();
        let Error::Invalid(Problems { problems, .. }) = err else {
            panic!("expected problems")
        };
        let unknown = problems
            .iter()
            .find(|p| p.message.contains("unknown field `colour`"))
            .expect("unknown field reported");
        assert_eq!(unknown.line, Some(4));
        assert!(problems.iter().any(|p| p.item == "regions[b].name"
            && p.line == Some(7)
            && p.message.contains("invalid type: integer `5`")));
    }

    #[test]
    fn overlay_replaces_by_id_and_adds_new_ids() {
        let base = "regions:\n  - {id: a, name: A, description: first}\n";
        let overlay = "regions:\n  - {id: a, name: A, description: second}\n  - {id: b, name: B, description: new}\n";
        let library = Library::from_sources(
            vec![source("base.yaml", base)],
            vec![source("mine.yaml", overlay)],
        )
        .unwrap();
        assert_eq!(library.regions.len(), 2);
        assert_eq!(library.region("a").unwrap().description, "second");
        assert_eq!(library.overlay_files, vec!["mine.yaml".to_string()]);
    }

    #[test]
    fn duplicate_ids_in_one_layer_are_refused() {
        let base = "regions:\n  - {id: a, name: A, description: x}\n  - {id: a, name: B, description: y}\n";
        let err = Library::from_sources(vec![source("base.yaml", base)], vec![]).unwrap_err();
        assert!(err.to_string().contains("used twice"), "{err}");
    }
}
