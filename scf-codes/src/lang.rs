//! The languages of Tencent's status code table.

/// A language that Tencent publishes its status code table in: the one that
/// [`Code::description_in`](crate::Code::description_in) and
/// [`Code::solution_in`](crate::Code::solution_in) answer in.
///
/// English is the table of Tencent's international site; Chinese that of cloud.tencent.com.
/// The status message ([`Code::message`](crate::Code::message)) is one text in every language:
/// it is what SCF returns. Where `codes.toml` has no Chinese text for a code, the English one
/// stands for it.
///
/// ```
/// use scf_codes::{Code, Lang};
///
/// let code = Code::TimeLimitReached;
/// assert_eq!(code.description_in(Lang::En), code.description());
/// assert_ne!(code.description_in(Lang::Zh), code.description());
/// assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
/// assert_eq!(Lang::Zh.as_str(), "zh");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    /// English: the texts of `description` and `solution` in `codes.toml`.
    #[default]
    En,
    /// Chinese (简体中文): the texts of `[code.zh]` in `codes.toml`.
    Zh,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language's code as `FromStr` reads it: `"en"` or `"zh"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

impl core::fmt::Display for Lang {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(self.as_str())
    }
}

/// The error of parsing a [`Lang`] from a string other than `en` or `zh`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseLangError;

impl core::fmt::Display for ParseLangError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("unknown language: expected `en` or `zh`")
    }
}

impl core::error::Error for ParseLangError {}

impl core::str::FromStr for Lang {
    type Err = ParseLangError;

    /// `en` or `zh`, in any ASCII case.
    fn from_str(text: &str) -> Result<Lang, ParseLangError> {
        Lang::ALL
            .into_iter()
            .find(|lang| lang.as_str().eq_ignore_ascii_case(text))
            .ok_or(ParseLangError)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_parses_back_from_its_code_in_any_case() {
        for lang in Lang::ALL {
            assert_eq!(lang.as_str().parse(), Ok(lang));
            assert_eq!(lang.as_str().to_ascii_uppercase().parse(), Ok(lang));
        }
        assert_eq!("zh-CN".parse::<Lang>(), Err(ParseLangError));
        assert_eq!("".parse::<Lang>(), Err(ParseLangError));
    }
}
