//! The execution method (the "handler"): which function in which file SCF runs first. A wrong
//! handler is the commonest cause of 437 [`HandlerNotFound`](crate::Code::HandlerNotFound);
//! [`Handler::parse`] catches it before a deploy.
//!
//! | Runtime | Format | Example | Entry file |
//! | --- | --- | --- | --- |
//! | Go | `FileName` | `main` | the executable `main` |
//! | Python | `FileName.FunctionName` | `index.main_handler` | `index.py` |
//! | Node.js | `FileName.FunctionName` | `index.main_handler` | `index.js` |
//! | PHP | `FileName.FunctionName` | `index.main_handler` | `index.php` |
//! | Java | `package.class::method` | `example.Hello::mainHandler` | `example/Hello.class` |
//! | Custom Runtime | any non-empty text | `bootstrap` | none: the package's `bootstrap` decides |
//!
//! The rules are CreateFunction's, name by name: FileName and FunctionName are each 2 to 60
//! characters long, start and end with a letter, and hold only letters, digits, `_` and `-`.
//! Java's package, class and method follow Java's own rule: each is a Java identifier (a letter,
//! `_` or `$`, then letters, digits, `_` and `$`) and not a Java keyword. A Custom Runtime
//! handler is any non-empty text: the package's `bootstrap` reads it. (CreateFunction's
//! `Handler` parameter in Tencent's API docs, and its comment in tencentcloud-sdk-go, set the
//! 2 to 60 characters for the file name and the function name.)
//!
//! ```
//! use scf_codes::handler::{Handler, Runtime};
//!
//! let handler = Handler::parse(Runtime::Python, "index.main_handler")?;
//! assert_eq!(handler.function_name(), Some("main_handler"));
//! assert_eq!(handler.entry_file().unwrap().to_string(), "index.py");
//!
//! let error = Handler::parse(Runtime::Python, "index.py.main_handler").unwrap_err();
//! assert_eq!(
//!     error.to_string(),
//!     "invalid Python handler \"index.py.main_handler\": FileName must not include the \
//!      extension `.py`: write `index.main_handler`"
//! );
//! # Ok::<(), scf_codes::handler::HandlerError>(())
//! ```

use core::fmt;
use core::str::FromStr;

use crate::input_copy::InputCopy;

/// A language runtime of SCF, which sets the handler's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Runtime {
    /// Go: `FileName`.
    Go,
    /// Python: `FileName.FunctionName`, entry file `FileName.py`.
    Python,
    /// Node.js: `FileName.FunctionName`, entry file `FileName.js`.
    NodeJs,
    /// PHP: `FileName.FunctionName`, entry file `FileName.php`.
    Php,
    /// Java: `package.class::method`.
    Java,
    /// Custom Runtime: any non-empty handler.
    Custom,
}

impl Runtime {
    /// Every runtime.
    pub const ALL: &'static [Runtime] = &[
        Runtime::Go,
        Runtime::Python,
        Runtime::NodeJs,
        Runtime::Php,
        Runtime::Java,
        Runtime::Custom,
    ];

    /// The command-line spelling: `go`, `python`, `nodejs`, `php`, `java`, `custom`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Runtime::Go => "go",
            Runtime::Python => "python",
            Runtime::NodeJs => "nodejs",
            Runtime::Php => "php",
            Runtime::Java => "java",
            Runtime::Custom => "custom",
        }
    }

    /// The name people use: `Go`, `Python`, `Node.js`, `PHP`, `Java`, `Custom Runtime`.
    pub const fn display_name(self) -> &'static str {
        match self {
            Runtime::Go => "Go",
            Runtime::Python => "Python",
            Runtime::NodeJs => "Node.js",
            Runtime::Php => "PHP",
            Runtime::Java => "Java",
            Runtime::Custom => "Custom Runtime",
        }
    }

    /// The handler format, e.g. `FileName.FunctionName`.
    pub const fn handler_format(self) -> &'static str {
        match self {
            Runtime::Go => "FileName",
            Runtime::Python | Runtime::NodeJs | Runtime::Php => "FileName.FunctionName",
            Runtime::Java => "package.class::method",
            Runtime::Custom => "any non-empty text",
        }
    }

    /// A valid handler, e.g. `index.main_handler`.
    pub const fn example(self) -> &'static str {
        match self {
            Runtime::Go => "main",
            Runtime::Python | Runtime::NodeJs | Runtime::Php => "index.main_handler",
            Runtime::Java => "example.Hello::mainHandler",
            Runtime::Custom => "bootstrap",
        }
    }

    /// The extension of the entry file, where the handler names a source file: `.py`, `.js`,
    /// `.php`.
    pub const fn source_extension(self) -> Option<&'static str> {
        match self {
            Runtime::Python => Some(".py"),
            Runtime::NodeJs => Some(".js"),
            Runtime::Php => Some(".php"),
            Runtime::Go | Runtime::Java | Runtime::Custom => None,
        }
    }
}

impl fmt::Display for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.display_name())
    }
}

/// The error of parsing a [`Runtime`] from an unknown spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseRuntimeError(InputCopy);

impl ParseRuntimeError {
    /// The rejected input, or its first 64 bytes when it was longer.
    pub fn input(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Display for ParseRuntimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown runtime {}: expected go, python, nodejs, php, java or custom (Custom \
             Runtime), optionally with a version such as python3.9 or nodejs18.15",
            self.0.quoted()
        )
    }
}

impl core::error::Error for ParseRuntimeError {}

impl FromStr for Runtime {
    type Err = ParseRuntimeError;

    /// Parses a runtime in any ASCII case: `go`, `python`, `nodejs` (or `node.js`, `node`),
    /// `php`, `java`, `custom` (or `customruntime`, `Custom Runtime`), optionally followed by a
    /// version as in SCF's runtime names: `Python3.9`, `Nodejs18.15`, `Php8.0`, `Java11`, `Go1`.
    /// Both [`Runtime::as_str`] and the [`Display`](fmt::Display) form parse back.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        const SPELLINGS: &[(&str, Runtime)] = &[
            ("custom runtime", Runtime::Custom),
            ("customruntime", Runtime::Custom),
            ("custom", Runtime::Custom),
            ("node.js", Runtime::NodeJs),
            ("nodejs", Runtime::NodeJs),
            ("node", Runtime::NodeJs),
            ("python", Runtime::Python),
            ("java", Runtime::Java),
            ("php", Runtime::Php),
            ("go", Runtime::Go),
        ];
        let error = || ParseRuntimeError(InputCopy::new(text));
        let (spelling, runtime) = SPELLINGS
            .iter()
            .find(|(spelling, _)| {
                text.get(..spelling.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(spelling))
            })
            .ok_or_else(error)?;
        let version = &text[spelling.len()..];
        let is_version = version.is_empty()
            || (version.starts_with(|c: char| c.is_ascii_digit())
                && !version.ends_with('.')
                && !version.contains("..")
                && version.chars().all(|c| c.is_ascii_digit() || c == '.'));
        // Custom Runtime has no versions.
        let versioned_custom = *runtime == Runtime::Custom && !version.is_empty();
        if is_version && !versioned_custom {
            Ok(*runtime)
        } else {
            Err(error())
        }
    }
}

/// A valid handler for a runtime. It borrows the text it was parsed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Handler<'a> {
    runtime: Runtime,
    text: &'a str,
}

/// The longest FileName or FunctionName CreateFunction accepts, in characters.
pub const MAX_NAME_LEN: usize = 60;
/// The shortest FileName or FunctionName CreateFunction accepts, in characters.
pub const MIN_NAME_LEN: usize = 2;

impl<'a> Handler<'a> {
    /// Checks `text` against the rules of `runtime`'s execution method.
    pub fn parse(runtime: Runtime, text: &'a str) -> Result<Handler<'a>, HandlerError> {
        let error = |kind| HandlerError {
            runtime,
            kind,
            input: InputCopy::new(text),
        };
        if text.is_empty() {
            return Err(error(HandlerErrorKind::Empty));
        }
        let kind = match runtime {
            Runtime::Custom => None,
            Runtime::Go => check_go(text),
            Runtime::Python | Runtime::NodeJs | Runtime::Php => check_file_function(text),
            Runtime::Java => check_java(text),
        };
        match kind {
            Some(kind) => Err(error(kind)),
            None => Ok(Handler { runtime, text }),
        }
    }

    /// The runtime the handler is for.
    pub const fn runtime(&self) -> Runtime {
        self.runtime
    }

    /// The handler as written.
    pub const fn as_str(&self) -> &'a str {
        self.text
    }

    /// FileName for Go, Python, Node.js and PHP; `package.class` for Java; `None` for Custom
    /// Runtime.
    pub fn file_name(&self) -> Option<&'a str> {
        match self.runtime {
            Runtime::Go => Some(self.text),
            Runtime::Python | Runtime::NodeJs | Runtime::Php => {
                self.text.split_once('.').map(|(file, _)| file)
            }
            Runtime::Java => self.text.split_once("::").map(|(class, _)| class),
            Runtime::Custom => None,
        }
    }

    /// FunctionName for Python, Node.js and PHP; the method for Java; `None` for Go and Custom
    /// Runtime.
    pub fn function_name(&self) -> Option<&'a str> {
        match self.runtime {
            Runtime::Python | Runtime::NodeJs | Runtime::Php => {
                self.text.split_once('.').map(|(_, function)| function)
            }
            Runtime::Java => self.text.split_once("::").map(|(_, method)| method),
            Runtime::Go | Runtime::Custom => None,
        }
    }

    /// The file the runtime loads from the root of the code package: `index.py`, `index.js`,
    /// `index.php`; for Go the executable, e.g. `main`; for Java the class file, e.g.
    /// `example/Hello.class`. `None` for Custom Runtime, where the package's `bootstrap`
    /// decides what runs.
    pub fn entry_file(&self) -> Option<EntryFile<'a>> {
        let stem = self.file_name()?;
        Some(match self.runtime {
            Runtime::Java => EntryFile {
                stem,
                dots_are_folders: true,
                extension: ".class",
            },
            runtime => EntryFile {
                stem,
                dots_are_folders: false,
                extension: runtime.source_extension().unwrap_or(""),
            },
        })
    }
}

impl fmt::Display for Handler<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.text)
    }
}

/// The path of an entry file inside a code package, relative to its root, with `/` between
/// folders. Shown with [`Display`](fmt::Display); compared with [`EntryFile::matches`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EntryFile<'a> {
    stem: &'a str,
    dots_are_folders: bool,
    extension: &'static str,
}

impl EntryFile<'_> {
    /// The characters of the path.
    fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.stem
            .chars()
            .map(|c| {
                if self.dots_are_folders && c == '.' {
                    '/'
                } else {
                    c
                }
            })
            .chain(self.extension.chars())
    }

    /// Whether `path` (relative to the package root, `/` between folders) is this file.
    pub fn matches(&self, path: &str) -> bool {
        path.chars().eq(self.chars())
    }

    /// Whether the last component of `path` has this file's name, wherever it is.
    pub fn has_same_file_name(&self, path: &str) -> bool {
        let name = path.rsplit('/').next().unwrap_or(path);
        let own_name_start = self
            .chars()
            .enumerate()
            .filter(|&(_, c)| c == '/')
            .map(|(index, _)| index + 1)
            .last()
            .unwrap_or(0);
        name.chars().eq(self.chars().skip(own_name_start))
    }
}

impl fmt::Display for EntryFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.chars() {
            fmt::Write::write_char(f, c)?;
        }
        Ok(())
    }
}

/// Which part of a handler a name rule is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Part {
    /// FileName (Go, Python, Node.js, PHP).
    FileName,
    /// FunctionName (Python, Node.js, PHP).
    FunctionName,
    /// A segment of a Java package.
    Package,
    /// The Java class.
    Class,
    /// The Java method.
    Method,
}

impl Part {
    const fn name(self) -> &'static str {
        match self {
            Part::FileName => "FileName",
            Part::FunctionName => "FunctionName",
            Part::Package => "the package",
            Part::Class => "the class",
            Part::Method => "the method",
        }
    }
}

/// Which rule a handler broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HandlerErrorKind {
    /// The handler is empty.
    Empty,
    /// FileName or FunctionName is not 2 to 60 characters long.
    #[non_exhaustive]
    NameLength {
        /// [`Part::FileName`] or [`Part::FunctionName`].
        part: Part,
        /// How many characters it has.
        chars: usize,
    },
    /// Python, Node.js or PHP: no `.FunctionName`.
    MissingFunctionName,
    /// Python, Node.js or PHP: FileName carries a file extension, as in `index.py.main_handler`.
    #[non_exhaustive]
    ExtensionInFileName {
        /// The extension, e.g. `.py`.
        extension: &'static str,
    },
    /// Python, Node.js or PHP: more than one dot.
    TooManyDots,
    /// Go: a `.FunctionName` where only FileName belongs.
    GoFunctionName,
    /// Java: not `package.class::method`.
    JavaFormat,
    /// A part is empty or breaks the naming rule (for Java, is not a Java identifier or is a
    /// Java keyword).
    #[non_exhaustive]
    InvalidName {
        /// The part.
        part: Part,
        /// Where the part starts and ends in the handler, in bytes.
        start: usize,
        /// Where the part ends, in bytes.
        end: usize,
    },
}

/// Why a handler is not valid for its runtime, with the right form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandlerError {
    runtime: Runtime,
    kind: HandlerErrorKind,
    input: InputCopy,
}

impl HandlerError {
    /// The rule that failed.
    pub const fn kind(&self) -> HandlerErrorKind {
        self.kind
    }

    /// The runtime whose rules were applied.
    pub const fn runtime(&self) -> Runtime {
        self.runtime
    }

    /// The rejected handler, or its first 64 bytes when it was longer.
    pub fn input(&self) -> &str {
        self.input.as_str()
    }
}

impl fmt::Display for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let runtime = self.runtime;
        let text = self.input.as_str();
        write!(f, "invalid {runtime} handler {}: ", self.input.quoted())?;
        let format = runtime.handler_format();
        let example = runtime.example();
        match self.kind {
            HandlerErrorKind::Empty => write!(
                f,
                "the handler is empty; {runtime} handlers are `{format}`, e.g. `{example}`"
            ),
            HandlerErrorKind::NameLength { part, chars } => write!(
                f,
                "{} is {chars} character{} long: FileName and FunctionName are each \
                 {MIN_NAME_LEN} to {MAX_NAME_LEN} characters",
                part.name(),
                if chars == 1 { "" } else { "s" }
            ),
            HandlerErrorKind::MissingFunctionName => write!(
                f,
                "the `.FunctionName` part is missing: {runtime} handlers are `{format}`, e.g. \
                 `{text}.main_handler`"
            ),
            HandlerErrorKind::ExtensionInFileName { extension } => {
                let file = text.split('.').next().unwrap_or_default();
                let function = text.rsplit('.').next().unwrap_or_default();
                write!(
                    f,
                    "FileName must not include the extension `{extension}`: write `{file}.{function}`"
                )?;
                match runtime.source_extension() {
                    Some(own) if own != extension => write!(
                        f,
                        " (and the entry file of a {runtime} function is a `{own}` file)"
                    ),
                    _ => Ok(()),
                }
            }
            HandlerErrorKind::TooManyDots => write!(
                f,
                "{runtime} handlers are `{format}` with exactly one dot, e.g. `{example}`; \
                 FileName is the entry file's name without extension, at the package root"
            ),
            HandlerErrorKind::GoFunctionName => write!(
                f,
                "Go handlers are `FileName` alone, the name of the executable, e.g. `main`: \
                 remove `{}`",
                text.find('.').map_or("", |dot| &text[dot..])
            ),
            HandlerErrorKind::JavaFormat => {
                write!(
                    f,
                    "Java handlers are `package.class::method`, e.g. `{example}`"
                )?;
                match (text.contains("::"), text.rsplit_once('.')) {
                    (false, Some((class, method))) if class.contains('.') => {
                        write!(f, ": write `{class}::{method}`")
                    }
                    _ => Ok(()),
                }
            }
            HandlerErrorKind::InvalidName { part, start, end } => {
                let name = text.get(start..end).unwrap_or_default();
                let part_name = part.name();
                if name.is_empty() {
                    write!(
                        f,
                        "{part_name} is empty; {runtime} handlers are `{format}`, e.g. `{example}`"
                    )
                } else if matches!(part, Part::Package | Part::Class | Part::Method) {
                    if is_java_keyword(name) {
                        write!(
                            f,
                            "{part_name} `{name}` is a Java keyword, which cannot name a \
                             package, class or method; e.g. `{example}`"
                        )
                    } else {
                        write!(
                            f,
                            "{part_name} `{name}` is not a Java identifier (letters, digits, \
                             `_` and `$`, not starting with a digit); e.g. `{example}`"
                        )
                    }
                } else {
                    write!(
                        f,
                        "{part_name} `{name}` must start and end with a letter and hold only \
                         letters, digits, `_` and `-`; e.g. `{example}`"
                    )
                }
            }
        }
    }
}

impl core::error::Error for HandlerError {}

/// Tencent's rule for FileName and FunctionName: starts and ends with a letter; letters,
/// digits, `_` and `-` between.
fn is_scf_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.ends_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Java's rule for an identifier (JLS §3.8): a Java letter (any Unicode letter, `_` or `$`),
/// then Java letters and digits; not a keyword, nor `true`, `false`, `null` or `_` alone.
fn is_java_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == '$')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        && !is_java_keyword(name)
}

/// Java's reserved keywords and literals, which no identifier may be (JLS §3.9, §3.10).
fn is_java_keyword(name: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "_",
        "abstract",
        "assert",
        "boolean",
        "break",
        "byte",
        "case",
        "catch",
        "char",
        "class",
        "const",
        "continue",
        "default",
        "do",
        "double",
        "else",
        "enum",
        "extends",
        "false",
        "final",
        "finally",
        "float",
        "for",
        "goto",
        "if",
        "implements",
        "import",
        "instanceof",
        "int",
        "interface",
        "long",
        "native",
        "new",
        "null",
        "package",
        "private",
        "protected",
        "public",
        "return",
        "short",
        "static",
        "strictfp",
        "super",
        "switch",
        "synchronized",
        "this",
        "throw",
        "throws",
        "transient",
        "true",
        "try",
        "void",
        "volatile",
        "while",
    ];
    KEYWORDS.contains(&name)
}

/// CreateFunction's rule for FileName and FunctionName, checked in the order that gives the
/// most useful message: the characters, then the length.
fn check_name(text: &str, name: &str, part: Part) -> Option<HandlerErrorKind> {
    if !is_scf_name(name) {
        return Some(invalid(text, name, part));
    }
    let chars = name.chars().count();
    if !(MIN_NAME_LEN..=MAX_NAME_LEN).contains(&chars) {
        return Some(HandlerErrorKind::NameLength { part, chars });
    }
    None
}

/// The byte range of `part` inside `text`, of which it is a subslice.
fn range_of(text: &str, part: &str) -> (usize, usize) {
    let start = part.as_ptr() as usize - text.as_ptr() as usize;
    (start, start + part.len())
}

fn invalid(text: &str, part_text: &str, part: Part) -> HandlerErrorKind {
    let (start, end) = range_of(text, part_text);
    HandlerErrorKind::InvalidName { part, start, end }
}

fn check_go(text: &str) -> Option<HandlerErrorKind> {
    if text.contains('.') {
        Some(HandlerErrorKind::GoFunctionName)
    } else {
        check_name(text, text, Part::FileName)
    }
}

/// Extensions that someone may write into FileName by mistake.
const EXTENSIONS: &[&str] = &[".py", ".js", ".mjs", ".cjs", ".ts", ".php", ".go", ".java"];

fn check_file_function(text: &str) -> Option<HandlerErrorKind> {
    let Some((file, function)) = text.split_once('.') else {
        return Some(
            check_name(text, text, Part::FileName).unwrap_or(HandlerErrorKind::MissingFunctionName),
        );
    };
    if let Some((extension, function)) = function.split_once('.') {
        let with_dot = &text[file.len()..file.len() + 1 + extension.len()];
        return Some(
            match EXTENSIONS
                .iter()
                .find(|known| known.eq_ignore_ascii_case(with_dot))
            {
                Some(known) if !function.contains('.') => {
                    HandlerErrorKind::ExtensionInFileName { extension: known }
                }
                _ => HandlerErrorKind::TooManyDots,
            },
        );
    }
    check_name(text, file, Part::FileName)
        .or_else(|| check_name(text, function, Part::FunctionName))
}

fn check_java(text: &str) -> Option<HandlerErrorKind> {
    let Some((class_path, method)) = text.split_once("::") else {
        return Some(HandlerErrorKind::JavaFormat);
    };
    if method.contains("::") {
        return Some(HandlerErrorKind::JavaFormat);
    }
    let Some((package, class)) = class_path.rsplit_once('.') else {
        return Some(HandlerErrorKind::JavaFormat);
    };
    for segment in package.split('.') {
        if !is_java_identifier(segment) {
            return Some(invalid(text, segment, Part::Package));
        }
    }
    if !is_java_identifier(class) {
        return Some(invalid(text, class, Part::Class));
    }
    if !is_java_identifier(method) {
        return Some(invalid(text, method, Part::Method));
    }
    None
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::format;
    use std::string::{String, ToString};

    use super::*;

    fn error(runtime: Runtime, text: &str) -> String {
        Handler::parse(runtime, text).unwrap_err().to_string()
    }

    #[test]
    fn the_documented_examples_are_valid() {
        for &runtime in Runtime::ALL {
            let handler = Handler::parse(runtime, runtime.example()).unwrap();
            assert_eq!(handler.as_str(), runtime.example());
        }
        assert!(Handler::parse(Runtime::NodeJs, "my-app.handler_main").is_ok());
        assert!(Handler::parse(Runtime::Java, "com.example.app.Handler::handle$1").is_ok());
        assert!(Handler::parse(Runtime::Custom, "anything goes: here").is_ok());
    }

    #[test]
    fn entry_files_follow_the_runtime() {
        let entry = |runtime, text| {
            Handler::parse(runtime, text)
                .unwrap()
                .entry_file()
                .map(|file| file.to_string())
        };
        assert_eq!(
            entry(Runtime::Python, "index.main_handler").as_deref(),
            Some("index.py")
        );
        assert_eq!(
            entry(Runtime::NodeJs, "app.handler").as_deref(),
            Some("app.js")
        );
        assert_eq!(
            entry(Runtime::Php, "index.main_handler").as_deref(),
            Some("index.php")
        );
        assert_eq!(entry(Runtime::Go, "main").as_deref(), Some("main"));
        assert_eq!(
            entry(Runtime::Java, "example.Hello::mainHandler").as_deref(),
            Some("example/Hello.class")
        );
        assert_eq!(entry(Runtime::Custom, "bootstrap"), None);
    }

    #[test]
    fn an_entry_file_matches_its_path_and_its_name_elsewhere() {
        let handler = Handler::parse(Runtime::Java, "example.Hello::mainHandler").unwrap();
        let entry = handler.entry_file().unwrap();
        assert!(entry.matches("example/Hello.class"));
        assert!(!entry.matches("src/example/Hello.class"));
        assert!(entry.has_same_file_name("build/example/Hello.class"));
        assert!(entry.has_same_file_name("Hello.class"));
        assert!(!entry.has_same_file_name("Hello.java"));
        let handler = Handler::parse(Runtime::NodeJs, "index.main_handler").unwrap();
        assert!(
            handler
                .entry_file()
                .unwrap()
                .has_same_file_name("src/index.js")
        );
    }

    #[test]
    fn file_name_with_extension_says_to_drop_it() {
        assert_eq!(
            error(Runtime::Python, "index.py.main_handler"),
            "invalid Python handler \"index.py.main_handler\": FileName must not include the extension `.py`: write `index.main_handler`"
        );
        assert_eq!(
            error(Runtime::Python, "index.js.main_handler"),
            "invalid Python handler \"index.js.main_handler\": FileName must not include the extension `.js`: write `index.main_handler` (and the entry file of a Python function is a `.py` file)"
        );
    }

    #[test]
    fn a_missing_function_name_shows_the_form() {
        assert_eq!(
            error(Runtime::NodeJs, "index"),
            "invalid Node.js handler \"index\": the `.FunctionName` part is missing: Node.js handlers are `FileName.FunctionName`, e.g. `index.main_handler`"
        );
    }

    #[test]
    fn java_with_a_dot_for_the_method_says_to_use_double_colons() {
        assert_eq!(
            error(Runtime::Java, "example.Hello.mainHandler"),
            "invalid Java handler \"example.Hello.mainHandler\": Java handlers are `package.class::method`, e.g. `example.Hello::mainHandler`: write `example.Hello::mainHandler`"
        );
        assert!(
            error(Runtime::Java, "Hello::main")
                .contains("Java handlers are `package.class::method`")
        );
        assert!(
            error(Runtime::Java, "a.B::c::d").contains("Java handlers are `package.class::method`")
        );
        assert!(
            error(Runtime::Java, "example.9Hello::main")
                .contains("the class `9Hello` is not a Java identifier")
        );
        assert!(
            error(Runtime::Java, "ex-ample.Hello::main")
                .contains("the package `ex-ample` is not a Java identifier")
        );
        assert!(
            error(Runtime::Java, "example.Hello::").contains("the method `` is not")
                || error(Runtime::Java, "example.Hello::").contains("the method is empty")
        );
    }

    #[test]
    fn names_follow_the_create_function_rule() {
        assert!(
            error(Runtime::Python, "1ndex.main_handler")
                .contains("FileName `1ndex` must start and end with a letter")
        );
        assert!(
            error(Runtime::Python, "index.main_handler2")
                .contains("FunctionName `main_handler2` must start and end with a letter")
        );
        assert!(error(Runtime::Python, "src/index.main").contains("FileName `src/index` must start and end with a letter and hold only letters, digits, `_` and `-`"));
        assert!(error(Runtime::Php, ".main").contains("FileName is empty"));
        assert!(error(Runtime::Php, "index.").contains("FunctionName is empty"));
        assert!(error(Runtime::Python, "a.b.c.d").contains("with exactly one dot"));
        assert!(error(Runtime::Go, "main.go").contains("Go handlers are `FileName` alone, the name of the executable, e.g. `main`: remove `.go`"));
        assert!(
            error(Runtime::Go, "main_")
                .contains("FileName `main_` must start and end with a letter")
        );
    }

    #[test]
    fn each_name_is_two_to_sixty_characters_not_the_whole_handler() {
        assert!(error(Runtime::Go, "").contains("the handler is empty"));
        assert_eq!(
            error(Runtime::Python, "a.b"),
            "invalid Python handler \"a.b\": FileName is 1 character long: FileName and \
             FunctionName are each 2 to 60 characters"
        );
        assert!(error(Runtime::Python, "ab.c").contains("FunctionName is 1 character long"));
        assert!(Handler::parse(Runtime::Python, "ab.cd").is_ok());
        // A 30-character FileName and a 35-character FunctionName: 66 characters in all.
        let long = format!("{}.{}", "f".repeat(30), "g".repeat(35));
        assert!(Handler::parse(Runtime::NodeJs, &long).is_ok());
        let sixty = "a".repeat(60);
        let both_sixty = format!("{sixty}.{sixty}");
        assert!(Handler::parse(Runtime::Php, &both_sixty).is_ok());
        assert!(Handler::parse(Runtime::Go, "ab").is_ok());
        assert!(Handler::parse(Runtime::Go, &sixty).is_ok());
        let sixty_one = "a".repeat(61);
        assert!(error(Runtime::Go, &sixty_one).contains("FileName is 61 characters long"));
        assert!(
            error(Runtime::Python, &format!("index.{sixty_one}"))
                .contains("FunctionName is 61 characters long")
        );
        assert_eq!(
            Handler::parse(Runtime::Python, "a.b").unwrap_err().input(),
            "a.b"
        );
        assert_eq!(
            Handler::parse(Runtime::Python, "a.b").unwrap_err().kind(),
            HandlerErrorKind::NameLength {
                part: Part::FileName,
                chars: 1
            }
        );
    }

    #[test]
    fn java_follows_javas_own_rule_at_any_length() {
        for handler in [
            "com.example.serverless.orders.OrderEventHandler::handleRequest",
            "a.B::c",
            "example.Hello::mainHandler",
            "com.example.très.Größe::handle",
            "_private.$Proxy::handle_1",
        ] {
            assert!(Handler::parse(Runtime::Java, handler).is_ok(), "{handler}");
        }
        assert!(error(Runtime::Java, "com..Handler::handle").contains("the package is empty"));
        let long = format!("com.{}Handler::handle", "pkg.".repeat(30));
        assert!(Handler::parse(Runtime::Java, &long).is_ok(), "{long}");
        assert!(
            error(Runtime::Java, "com.class.Handler::handle")
                .contains("the package `class` is a Java keyword")
        );
        assert!(
            error(Runtime::Java, "example.Hello::new")
                .contains("the method `new` is a Java keyword")
        );
        assert!(
            error(Runtime::Java, "example.Hello::main-handler")
                .contains("the method `main-handler` is not a Java identifier")
        );
    }

    #[test]
    fn a_custom_runtime_handler_is_any_non_empty_text() {
        for handler in ["x", "bootstrap", "anything goes: here", &"h".repeat(500)] {
            assert!(
                Handler::parse(Runtime::Custom, handler).is_ok(),
                "{handler}"
            );
        }
        assert!(error(Runtime::Custom, "").contains("the handler is empty"));
    }

    #[test]
    fn runtimes_parse_with_and_without_versions() {
        let parse = |text: &str| text.parse::<Runtime>();
        assert_eq!(parse("python"), Ok(Runtime::Python));
        assert_eq!(parse("Python3.9"), Ok(Runtime::Python));
        assert_eq!(parse("nodejs18.15"), Ok(Runtime::NodeJs));
        assert_eq!(parse("Node.js"), Ok(Runtime::NodeJs));
        assert_eq!(parse("Go1"), Ok(Runtime::Go));
        assert_eq!(parse("Java11"), Ok(Runtime::Java));
        assert_eq!(parse("php8.0"), Ok(Runtime::Php));
        assert_eq!(parse("CustomRuntime"), Ok(Runtime::Custom));
        for bad in [
            "",
            "rust",
            "python3.",
            "python..3",
            "pythonx",
            "custom1",
            "golang",
        ] {
            let error = parse(bad).unwrap_err();
            assert_eq!(error.input(), bad);
            let error = error.to_string();
            assert!(error.starts_with("unknown runtime"), "{bad}: {error}");
        }
    }

    #[test]
    fn every_runtime_round_trips_through_display_and_from_str() {
        for &runtime in Runtime::ALL {
            assert_eq!(runtime.to_string().parse(), Ok(runtime), "{runtime}");
            assert_eq!(runtime.display_name().parse(), Ok(runtime));
            assert_eq!(runtime.as_str().parse(), Ok(runtime));
        }
        assert_eq!("custom runtime".parse(), Ok(Runtime::Custom));
        assert!("Custom Runtime1".parse::<Runtime>().is_err());
    }
}
