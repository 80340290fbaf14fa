//! Parsing a [`Code`] from text: a number, a name, or the `Display` form.

use core::fmt;
use core::str::FromStr;

use crate::Code;
use crate::input_copy::InputCopy;

/// The error of parsing a [`Code`] from a string that is neither a number in `0..=65535`, a name
/// in `Code::ALL`, nor `"{number} {message}"`.
///
/// It keeps (the start of) the rejected input without allocating, and says in its
/// [`Display`](fmt::Display) what it got and what it accepts.
///
/// ```
/// use scf_codes::{Code, ParseCodeErrorKind};
///
/// let error = "433 Timeout".parse::<Code>().unwrap_err();
/// assert_eq!(error.input(), "433 Timeout");
/// assert!(matches!(
///     error.kind(),
///     ParseCodeErrorKind::MessageMismatch { code: Code::TimeLimitReached, .. }
/// ));
/// assert_eq!("70000".parse::<Code>().unwrap_err().kind(), ParseCodeErrorKind::OutOfRange);
/// ```
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ParseCodeError {
    kind: ParseCodeErrorKind,
    input: InputCopy,
}

/// Why a string is not a [`Code`]: the [`kind`](ParseCodeError::kind) of a [`ParseCodeError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseCodeErrorKind {
    /// The string is empty.
    Empty,
    /// The string is a number above 65535.
    OutOfRange,
    /// The string is neither a number, a name of a code, nor `"{number} {message}"`.
    NotACode,
    /// A number and a message that is not the message of that number, as in `"433 Timeout"`.
    #[non_exhaustive]
    MessageMismatch {
        /// The code of the number, whose message was expected.
        code: Code,
    },
}

impl ParseCodeError {
    fn new(kind: ParseCodeErrorKind, text: &str) -> Self {
        ParseCodeError {
            kind,
            input: InputCopy::new(text),
        }
    }

    /// Why the input is not a code.
    pub const fn kind(&self) -> ParseCodeErrorKind {
        self.kind
    }

    /// The rejected input, or its first 64 bytes when it was longer.
    pub fn input(&self) -> &str {
        self.input.as_str()
    }
}

impl fmt::Debug for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParseCodeError")
            .field("kind", &self.kind)
            .field("input", &self.input())
            .field("truncated", &self.input.is_truncated())
            .finish()
    }
}

const ACCEPTED: &str = "expected a status code number such as \"433\", a name such as \
     \"TimeLimitReached\" in any ASCII case, or \"433 TimeLimitReached\"";

impl fmt::Display for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let input = self.input.quoted();
        match self.kind {
            ParseCodeErrorKind::Empty => write!(f, "empty string: {ACCEPTED}"),
            ParseCodeErrorKind::OutOfRange => write!(
                f,
                "{input} is out of range: status code numbers go from 0 to 65535"
            ),
            ParseCodeErrorKind::NotACode => write!(f, "{input} is not a status code: {ACCEPTED}"),
            ParseCodeErrorKind::MessageMismatch { code } if code.message() != code.name() => {
                write!(
                    f,
                    "{input} does not match the message or the name of code {number}: expected \
                     \"{code}\" or \"{number} {name}\"",
                    number = code.as_u16(),
                    name = code.name(),
                )
            }
            ParseCodeErrorKind::MessageMismatch { code } => write!(
                f,
                "{input} does not match the message of code {}: expected \"{code}\"",
                code.as_u16()
            ),
        }
    }
}

impl core::error::Error for ParseCodeError {}

impl FromStr for Code {
    type Err = ParseCodeError;

    /// Parses a decimal number (`"433"`, any number up to 65535, known or not), a variant name
    /// in any ASCII case (`"timelimitreached"`), the [`Display`](fmt::Display) form, the number
    /// and Tencent's message (`"430 User code exception caught"`), or the number and the name
    /// (`"430 UserCodeException"`); message and name are compared ignoring ASCII case. No white
    /// space is trimmed.
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// // Display is the number and Tencent's message: "430 User code exception caught".
    /// let display = Code::UserCodeException.to_string();
    /// for text in ["430", "UserCodeException", &display, "430 UserCodeException"] {
    ///     assert_eq!(text.parse::<Code>(), Ok(Code::UserCodeException));
    /// }
    /// assert!("430 TimeLimitReached".parse::<Code>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text.is_empty() {
            return Err(ParseCodeError::new(ParseCodeErrorKind::Empty, text));
        }
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Code::ALL
                .iter()
                .copied()
                .find(|code| code.name().eq_ignore_ascii_case(text))
                .ok_or(ParseCodeError::new(ParseCodeErrorKind::NotACode, text));
        }
        let (number, rest) = text.split_at(digits);
        let code = match decimal_u16(number) {
            Some(number) => Code::from_u16(number),
            None => return Err(ParseCodeError::new(ParseCodeErrorKind::OutOfRange, text)),
        };
        if rest.is_empty() {
            return Ok(code);
        }
        match rest.strip_prefix(' ') {
            Some(text) if text.eq_ignore_ascii_case(code.message()) => Ok(code),
            Some(text) if text.eq_ignore_ascii_case(code.name()) => Ok(code),
            Some(_) => Err(ParseCodeError::new(
                ParseCodeErrorKind::MessageMismatch { code },
                text,
            )),
            None => Err(ParseCodeError::new(ParseCodeErrorKind::NotACode, text)),
        }
    }
}

/// ASCII digits as a u16, leading zeros allowed; `None` above 65535.
fn decimal_u16(digits: &str) -> Option<u16> {
    digits.bytes().try_fold(0u16, |number, digit| {
        number.checked_mul(10)?.checked_add(u16::from(digit - b'0'))
    })
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::format;
    use std::string::ToString;

    use super::*;

    #[test]
    fn numbers_names_and_display_forms_parse() {
        assert_eq!("433".parse(), Ok(Code::TimeLimitReached));
        assert_eq!("0433".parse(), Ok(Code::TimeLimitReached));
        assert_eq!("TimeLimitReached".parse(), Ok(Code::TimeLimitReached));
        assert_eq!("TIMELIMITREACHED".parse(), Ok(Code::TimeLimitReached));
        assert_eq!("433 TimeLimitReached".parse(), Ok(Code::TimeLimitReached));
        // The Display form of a code whose message is a sentence, as codes.toml writes it.
        let exited = Code::UserProcessExited;
        assert_eq!(exited.to_string().parse(), Ok(exited));
        assert_eq!("65535".parse(), Ok(Code::from_u16(65535)));
        assert_eq!("0".parse(), Ok(Code::from_u16(0)));
        assert_eq!("600 Unknown status code".parse(), Ok(Code::from_u16(600)));
        assert_eq!("430 UserCodeException".parse(), Ok(Code::UserCodeException));
        assert_eq!("430 usercodeexception".parse(), Ok(Code::UserCodeException));
        assert_eq!("600 Unknown".parse(), Ok(Code::from_u16(600)));
    }

    #[test]
    fn every_code_parses_from_its_number_with_its_message_or_its_name() {
        for &code in Code::ALL {
            for text in [
                format!("{} {}", code.as_u16(), code.message()),
                format!("{} {}", code.as_u16(), code.name()),
                code.to_string(),
            ] {
                assert_eq!(text.parse(), Ok(code), "{text}");
            }
        }
    }

    #[test]
    fn a_mismatch_names_both_accepted_forms_where_they_differ() {
        let code = Code::UserCodeException;
        assert_ne!(code.message(), code.name());
        assert_eq!(
            "430 Timeout".parse::<Code>().unwrap_err().to_string(),
            format!(
                "\"430 Timeout\" does not match the message or the name of code 430: expected \
                 \"{code}\" or \"430 UserCodeException\""
            )
        );
    }

    #[test]
    fn the_error_says_what_it_got_and_what_is_accepted() {
        let error = "Timeout".parse::<Code>().unwrap_err();
        assert_eq!(error.input(), "Timeout");
        assert_eq!(
            error.to_string(),
            "\"Timeout\" is not a status code: expected a status code number such as \"433\", \
             a name such as \"TimeLimitReached\" in any ASCII case, or \"433 TimeLimitReached\""
        );
        assert_eq!(
            "70000".parse::<Code>().unwrap_err().to_string(),
            "\"70000\" is out of range: status code numbers go from 0 to 65535"
        );
        assert_eq!(
            "433 Timeout".parse::<Code>().unwrap_err().to_string(),
            "\"433 Timeout\" does not match the message of code 433: expected \"433 TimeLimitReached\""
        );
        assert!(
            "".parse::<Code>()
                .unwrap_err()
                .to_string()
                .starts_with("empty string: expected")
        );
    }

    #[test]
    fn what_is_not_a_code_is_rejected() {
        for text in [
            " 433",
            "433 ",
            "+433",
            "-1",
            "433x",
            "4 33",
            "Unknown",
            "99999999999999999999",
            "433  TimeLimitReached",
        ] {
            assert!(text.parse::<Code>().is_err(), "{text:?}");
        }
    }

    #[test]
    fn each_kind_of_error_is_told_by_kind() {
        let kind = |text: &str| text.parse::<Code>().unwrap_err().kind();
        assert_eq!(kind(""), ParseCodeErrorKind::Empty);
        assert_eq!(kind("70000"), ParseCodeErrorKind::OutOfRange);
        assert_eq!(kind("Timeout"), ParseCodeErrorKind::NotACode);
        assert_eq!(kind("433x"), ParseCodeErrorKind::NotACode);
        assert_eq!(
            kind("433 Timeout"),
            ParseCodeErrorKind::MessageMismatch {
                code: Code::TimeLimitReached
            }
        );
        assert_eq!("".parse::<Code>().unwrap_err().input(), "");
    }

    #[test]
    fn a_long_input_is_kept_truncated_at_a_character_boundary() {
        let long = "é".repeat(100);
        let error = long.parse::<Code>().unwrap_err();
        assert_eq!(error.input(), "é".repeat(32));
        assert!(
            error.to_string().contains("é\"… is not a status code"),
            "{error}"
        );
    }
}
