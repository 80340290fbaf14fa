//! [`Category`]: who has to act on a status code.

use core::fmt;
use core::str::FromStr;

use crate::input_copy::InputCopy;

/// Who has to act on a status code: the `category` column of `codes.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Category {
    /// The invocation succeeded.
    Success,
    /// The request is wrong: its event, parameters, function name or version.
    Request,
    /// The caller's credentials or permissions are wrong.
    Permission,
    /// The function's code or image failed: an exception, a timeout, too much memory.
    Function,
    /// The function's configuration is wrong: network, handler, image, memory, timeouts.
    Configuration,
    /// A concurrency or rate limit was reached; retrying later may succeed.
    Throttling,
    /// The Tencent Cloud account must act, e.g. top up an overdue balance.
    Account,
    /// SCF itself failed; retrying later may succeed.
    Platform,
    /// The code is not in the table, so who has to act is not known.
    Unknown,
}

impl Category {
    /// Every category that `codes.toml` may use, in the order the README lists them.
    /// [`Category::Unknown`] is not among them.
    pub const ALL: &'static [Category] = &[
        Category::Success,
        Category::Request,
        Category::Permission,
        Category::Function,
        Category::Configuration,
        Category::Throttling,
        Category::Account,
        Category::Platform,
    ];

    /// The spelling used in `codes.toml`, e.g. `"function"`; `"unknown"` for `Unknown`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Success => "success",
            Category::Request => "request",
            Category::Permission => "permission",
            Category::Function => "function",
            Category::Configuration => "configuration",
            Category::Throttling => "throttling",
            Category::Account => "account",
            Category::Platform => "platform",
            Category::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The error of parsing a [`Category`] from a string that is not one of its spellings. It keeps
/// (the start of) the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseCategoryError(InputCopy);

impl ParseCategoryError {
    /// The rejected input, or its first 64 bytes when it was longer.
    pub fn input(&self) -> &str {
        self.0.as_str()
    }
}

impl fmt::Display for ParseCategoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown category {}: expected one of success, request, permission, function, \
             configuration, throttling, account, platform, unknown",
            self.0.quoted()
        )
    }
}

impl core::error::Error for ParseCategoryError {}

impl FromStr for Category {
    type Err = ParseCategoryError;

    /// Parses a spelling of [`Category::as_str`], in any ASCII case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .iter()
            .chain([&Category::Unknown])
            .copied()
            .find(|category| category.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| ParseCategoryError(InputCopy::new(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_parses_from_its_spelling_in_any_case() {
        for &category in Category::ALL.iter().chain([&Category::Unknown]) {
            assert_eq!(category.as_str().parse(), Ok(category));
            assert_eq!(category.as_str().to_ascii_uppercase().parse(), Ok(category));
        }
        let error = "functoin".parse::<Category>().unwrap_err();
        assert_eq!(error.input(), "functoin");
        extern crate std;
        use std::string::ToString;
        assert!(
            error
                .to_string()
                .starts_with("unknown category \"functoin\": expected one of success")
        );
    }

    #[test]
    fn display_is_the_spelling_and_honours_width() {
        extern crate std;
        use std::format;
        assert_eq!(format!("{}", Category::Throttling), "throttling");
        assert_eq!(format!("[{:<9}]", Category::Account), "[account  ]");
    }
}
