//! The codes file as written: each `[[code]]` entry with the byte span of every field, before any
//! semantic check. `parse` builds it; `validate` turns it into a `table::Table`.

use std::ops::Range;

/// A value and the bytes of the codes file it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// One `[[code]]` entry. A field is `None` when it is absent or has the wrong type; `parse` has
/// reported that already, and `validate` checks what is there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The `[[code]]` header, where problems with the entry as a whole are reported.
    pub span: Range<usize>,
    pub code: Option<Spanned<i64>>,
    pub name: Option<Spanned<String>>,
    pub message: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    pub solution: Option<Spanned<String>>,
    pub category: Option<Spanned<String>>,
    pub retryable: Option<Spanned<bool>>,
    pub triggers_repossession: Option<Spanned<bool>>,
    /// The `[code.zh]` table: the texts of Tencent's Chinese page.
    pub zh: Option<Translation>,
    /// The name on a line with a TOML syntax error, as far as the parser could read it: not
    /// checked or reported (the syntax error is the line's problem), only used by `fallback`.
    pub damaged_name: Option<String>,
}

/// The `[code.zh]` table of an entry: the description and solution of Tencent's Chinese page.
/// Each text is optional; where one is absent, the English one stands for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Translation {
    /// The `zh` key, where problems with the table as a whole are reported.
    pub span: Range<usize>,
    pub description: Option<Spanned<String>>,
    pub solution: Option<Spanned<String>>,
}

/// One `[[limit]]` entry: a documented limit of SCF, generated as a typed constant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limit {
    /// The `[[limit]]` header.
    pub span: Range<usize>,
    pub name: Option<Spanned<String>>,
    pub value: Option<Spanned<i64>>,
    pub unit: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    /// As [`Entry::damaged_name`].
    pub damaged_name: Option<String>,
}

/// Every entry of the file, in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub entries: Vec<Entry>,
    pub limits: Vec<Limit>,
    /// Whether the TOML has syntax errors; the entries are what could be read around them.
    pub malformed: bool,
}

/// The TOML type a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Integer,
    String,
    Boolean,
    Table,
}

/// One field of a `[[code]]` entry, as the README documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    pub required: bool,
}

/// Every field a `[[code]]` entry may have, in the order the README lists them.
pub const FIELDS: &[Field] = &[
    Field {
        name: "code",
        ty: FieldType::Integer,
        required: true,
    },
    Field {
        name: "name",
        ty: FieldType::String,
        required: true,
    },
    Field {
        name: "message",
        ty: FieldType::String,
        required: true,
    },
    Field {
        name: "description",
        ty: FieldType::String,
        required: true,
    },
    Field {
        name: "solution",
        ty: FieldType::String,
        required: true,
    },
    Field {
        name: "category",
        ty: FieldType::String,
        required: true,
    },
    Field {
        name: "retryable",
        ty: FieldType::Boolean,
        required: false,
    },
    Field {
        name: "triggers_repossession",
        ty: FieldType::Boolean,
        required: false,
    },
    Field {
        name: "zh",
        ty: FieldType::Table,
        required: false,
    },
];

/// Every field a `[code.zh]` table may have: the texts that Tencent's Chinese page translates.
/// The message is not among them: it is what SCF returns, in every language.
pub const ZH_FIELDS: &[Field] = &[
    Field {
        name: "description",
        ty: FieldType::String,
        required: false,
    },
    Field {
        name: "solution",
        ty: FieldType::String,
        required: false,
    },
];

/// Every field a `[[limit]]` entry may have, in the order the README lists them.
pub const LIMIT_FIELDS: &[Field] = &[
    Field {
        name: "name",
        ty: FieldType::String,
        required: true,
    },
    Field {
        name: "value",
        ty: FieldType::Integer,
        required: true,
    },
    Field {
        name: "unit",
        ty: FieldType::String,
        required: true,
    },
    Field {
        name: "description",
        ty: FieldType::String,
        required: true,
    },
];

/// The units a limit may have: each spelling, the Rust type of its constant, and the largest
/// value that type holds.
pub const UNITS: &[Unit] = &[
    Unit {
        spelling: "bytes",
        rust_type: "u64",
        max: u64::MAX,
    },
    Unit {
        spelling: "megabytes",
        rust_type: "u32",
        max: u32::MAX as u64,
    },
    Unit {
        spelling: "port",
        rust_type: "u16",
        max: u16::MAX as u64,
    },
    Unit {
        spelling: "seconds",
        rust_type: "Duration",
        max: u64::MAX,
    },
];

/// A unit of `[[limit]]` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub spelling: &'static str,
    /// `Duration` stands for `::core::time::Duration`; the others are primitive integers.
    pub rust_type: &'static str,
    pub max: u64,
}

/// The spellings `category` accepts, each with the `Category` variant it stands for.
pub const CATEGORIES: &[(&str, &str)] = &[
    ("success", "Success"),
    ("request", "Request"),
    ("permission", "Permission"),
    ("function", "Function"),
    ("configuration", "Configuration"),
    ("throttling", "Throttling"),
    ("account", "Account"),
    ("platform", "Platform"),
];
