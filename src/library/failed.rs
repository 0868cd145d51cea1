//! The ids that files with problems may define. A file that does not parse (or an entry that
//! does not) leaves its entries out of the library, so every reference to them from other files
//! would look dangling: one problem would be buried under its consequences. Instead, an id that
//! such a file mentions (found in its text, which need not parse) is unknown but not missing: a
//! reference to it is not checked, only counted, and the count is reported once per file.

use std::collections::BTreeMap;

use super::{locate, SourceFile};
use crate::error::Unchecked;

/// The files with problems, the ids they mention, and the references into them not checked.
#[derive(Debug, Default)]
pub(super) struct Failed {
    /// (list, id) → the first file with problems that mentions it; the list is "" when the
    /// file does not say (an id under no known list, or a file written in flow style).
    ids: BTreeMap<(String, String), usize>,
    /// The first file with problems none of whose text could be read (too large, unreadable):
    /// any id may be in it.
    opaque: Option<usize>,
    /// File → how many references into it were not checked.
    counts: BTreeMap<usize, usize>,
}

/// The lists a library file may hold.
const LISTS: &[&str] = &[
    "regions",
    "muscles",
    "techniques",
    "tools",
    "pain_areas",
    "symptoms",
    "danger_zones",
    "screening_questions",
    "red_flags",
];

impl Failed {
    /// Notes that the file at `index` has problems, with whatever of its text could be read.
    pub fn add(&mut self, index: usize, text: &str) {
        if text.is_empty() {
            self.opaque.get_or_insert(index);
            return;
        }
        let mut list = "";
        for line in text.lines() {
            if let Some((key, _)) = line.split_once(':') {
                if !key.starts_with([' ', '\t', '-', '#']) {
                    list = LISTS
                        .iter()
                        .find(|&&l| l == key.trim())
                        .copied()
                        .unwrap_or("");
                }
            }
            for id in locate::ids(line) {
                self.ids
                    .entry((list.to_string(), id.to_string()))
                    .or_insert(index);
            }
        }
    }

    /// Whether `id` of `list` may be defined by a file with problems; if so, the reference to
    /// it is counted against that file instead of being checked.
    pub fn defines(&mut self, list: &str, id: &str) -> bool {
        let key = |list: &str| (list.to_string(), id.to_string());
        let owner = self
            .ids
            .get(&key(list))
            .or_else(|| self.ids.get(&key("")))
            .copied()
            .or(self.opaque);
        self.count(owner)
    }

    /// Whether a file with problems may define some entry of `list` (the stretching technique,
    /// say); if so, the check that needs one is counted against that file instead.
    pub fn may_define_any(&mut self, list: &str) -> bool {
        let owner = self
            .ids
            .iter()
            .filter(|((l, _), _)| l == list || l.is_empty())
            .map(|(_, &file)| file)
            .min()
            .or(self.opaque);
        self.count(owner)
    }

    fn count(&mut self, owner: Option<usize>) -> bool {
        match owner {
            Some(file) => {
                *self.counts.entry(file).or_default() += 1;
                true
            }
            None => false,
        }
    }

    /// The references not checked, per file, in file order.
    pub fn unchecked(&self, sources: &[SourceFile]) -> Vec<Unchecked> {
        self.counts
            .iter()
            .map(|(&file, &references)| Unchecked {
                file: sources[file].name.clone(),
                references,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_a_broken_file_are_known_by_list() {
        let mut failed = Failed::default();
        failed.add(
            3,
            "muscles:\n  - id: rectus_abdominis\n    name: [unclosed\npain_areas:\n  - {id: belly, name: x}\n",
        );
        assert!(failed.defines("muscles", "rectus_abdominis"));
        assert!(failed.defines("pain_areas", "belly"));
        assert!(!failed.defines("muscles", "belly"));
        assert!(!failed.defines("muscles", "psoas"));
        assert!(failed.may_define_any("muscles"));
        assert!(!failed.may_define_any("techniques"));
        let sources: Vec<SourceFile> = (0..4)
            .map(|n| SourceFile {
                name: format!("f{n}.yaml"),
                text: "".into(),
            })
            .collect();
        assert_eq!(
            failed.unchecked(&sources),
            vec![Unchecked {
                file: "f3.yaml".into(),
                references: 3
            }]
        );
    }

    #[test]
    fn a_file_not_read_may_define_anything() {
        let mut failed = Failed::default();
        assert!(!failed.defines("tools", "foam_roller"));
        failed.add(0, "");
        assert!(failed.defines("tools", "foam_roller"));
    }
}
