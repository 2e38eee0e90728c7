//! Validation problems: every one names the file, the procedure (when there is one) and the field.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// Procedure code (or life-event id, or offer code) the problem belongs to; empty for file-level problems.
    pub item: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if !self.item.is_empty() {
            write!(f, ": {}", self.item)?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Collects problems for one file.
pub struct Problems {
    file: String,
    pub list: Vec<Problem>,
}

impl Problems {
    pub fn new(file: &str) -> Self {
        Problems { file: file.to_owned(), list: Vec::new() }
    }

    pub fn add(&mut self, item: &str, field: &str, message: impl Into<String>) {
        self.list.push(Problem {
            file: self.file.clone(),
            item: item.to_owned(),
            field: field.to_owned(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `Ok(value)` when nothing was found, else every problem.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<Problem>> {
        if self.list.is_empty() {
            Ok(value)
        } else {
            Err(self.list)
        }
    }
}

/// Renders problems one per line, for terminals and the widget's error view.
pub fn report(problems: &[Problem]) -> String {
    problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")
}
