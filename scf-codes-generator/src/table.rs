//! The validated table that `expand` and `docs` generate code and documentation from.

/// One status code, checked: its number is in range, its name is a free Rust identifier, and its
/// texts are not empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub code: u16,
    /// The variant name, an UpperCamelCase identifier.
    pub name: String,
    pub message: String,
    /// Markdown.
    pub description: String,
    /// Markdown.
    pub solution: String,
    /// The `Category` variant, e.g. `Function`.
    pub category: &'static str,
    /// The spelling in the codes file, e.g. `function`.
    pub category_spelling: &'static str,
    pub retryable: bool,
    pub triggers_repossession: bool,
    /// The description on Tencent's Chinese page (Markdown), when the file has it.
    pub zh_description: Option<String>,
    /// The solution on Tencent's Chinese page (Markdown), when the file has it.
    pub zh_solution: Option<String>,
}

/// Every code of the file, ascending by number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub codes: Vec<Code>,
}

/// One limit, checked: its name is a SCREAMING_SNAKE_CASE identifier and its value fits its
/// unit's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    pub name: String,
    pub value: u64,
    pub unit: crate::ast::Unit,
    /// Markdown.
    pub description: String,
}
