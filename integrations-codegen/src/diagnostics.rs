//! Diagnostics: what went wrong or was degraded, and exactly where.
//!
//! Every problem found while loading a spec, building the IR or emitting code is a
//! [`Diagnostic`] naming the file and the JSON Pointer of the offending node. Nothing in
//! the pipeline panics on spec data: errors stop generation, warnings record a construct
//! that was degraded (usually to `serde_json::Value`) so that generation can go on.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Information: a choice the generator made that the user may want to know about.
    Note,
    /// Something was degraded or ignored; the output is still usable.
    Warning,
    /// The spec is wrong; no output is produced.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A place in a spec or a table: a file, a JSON Pointer (RFC 6901) into it, and its line
/// where it is known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file, as it was given (relative paths stay relative).
    pub file: PathBuf,
    /// The JSON Pointer of the node, `""` for the whole document.
    pub pointer: String,
    /// The line the node starts on, counted from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl Location {
    /// A location in `file` at `pointer`.
    pub fn new(file: impl Into<PathBuf>, pointer: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            pointer: pointer.into(),
            line: None,
        }
    }

    /// The location, on `line` (counted from 1) when it is known.
    pub fn on_line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, "#{}", self.pointer)
    }
}

/// One problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The node the message is about.
    pub location: Location,
    /// What is wrong, and where useful what was done about it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.severity, self.location, self.message)
    }
}

/// The diagnostics collected by one run of the pipeline, in the order they were found.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    #[serde(skip)]
    seen: HashSet<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error at `location`.
    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Error, location, message);
    }

    /// Records a warning at `location`.
    pub fn warning(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Warning, location, message);
    }

    /// Records a note at `location`.
    pub fn note(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Note, location, message);
    }

    /// Records a diagnostic, dropping exact duplicates (the same schema can be reached
    /// along several paths).
    pub fn push(&mut self, severity: Severity, location: Location, message: impl Into<String>) {
        let diagnostic = Diagnostic {
            severity,
            location,
            message: message.into(),
        };
        if self.seen.insert(diagnostic.clone()) {
            self.items.push(diagnostic);
        }
    }

    /// Appends every diagnostic of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d.severity, d.location, d.message);
        }
    }

    /// All diagnostics, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// How many errors were recorded.
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many warnings were recorded.
    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Turns every warning into an error (`--deny-warnings`). Notes stay notes.
    pub fn deny_warnings(&mut self) {
        for d in &mut self.items {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
        }
        self.seen = self.items.iter().cloned().collect();
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The candidate closest to `word` by edit distance, when close enough to be a likely
/// typo (for "did you mean" hints).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(word, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

/// The Levenshtein distance between `a` and `b`, ignoring ASCII case.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}
