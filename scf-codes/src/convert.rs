//! Conversions from other integer types and from text: `TryFrom<i64>`, `TryFrom<i32>` and
//! `TryFrom<&str>`. `From<u16>`, the total one, is generated with the enum.

use core::fmt;

use crate::Code;
use crate::from_str::ParseCodeError;

/// The error of converting an integer outside `0..=65535` to a [`Code`]: a negative
/// `InvokeResult`, say.
///
/// ```
/// use scf_codes::Code;
///
/// let error = Code::try_from(-1_i64).unwrap_err();
/// assert_eq!(error.value(), -1);
/// assert_eq!(error.to_string(), "-1 is out of range: status code numbers go from 0 to 65535");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OutOfRangeError {
    value: i64,
}

impl OutOfRangeError {
    /// The integer that is not a status code number.
    pub const fn value(&self) -> i64 {
        self.value
    }
}

impl fmt::Display for OutOfRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is out of range: status code numbers go from 0 to 65535",
            self.value
        )
    }
}

impl core::error::Error for OutOfRangeError {}

impl TryFrom<i64> for Code {
    type Error = OutOfRangeError;

    /// The code of a number from 0 to 65535, known or not, as [`Code::from_u16`] gives it; an
    /// error for a negative or larger number: for a status code that came as an `i64`, such as
    /// GetAsyncEventStatus's `StatusCode`.
    ///
    /// `InvokeResult` is an `i64` too, but no status code: its 0 means success, which is
    /// [`Code::Success`] (200), not code 0. Read it with `InvokeResult::code` (feature
    /// `payload`).
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert_eq!(Code::try_from(433_i64), Ok(Code::TimeLimitReached));
    /// assert_eq!(Code::try_from(600_i64).map(Code::as_u16), Ok(600));
    /// assert!(Code::try_from(-1_i64).is_err());
    /// assert!(Code::try_from(65536_i64).is_err());
    /// ```
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        u16::try_from(value)
            .map(Code::from_u16)
            .map_err(|_| OutOfRangeError { value })
    }
}

impl TryFrom<i32> for Code {
    type Error = OutOfRangeError;

    /// As `TryFrom<i64>`: the code of a number from 0 to 65535, an error for any other.
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert_eq!(Code::try_from(432_i32), Ok(Code::ResourceLimitReached));
    /// assert_eq!(Code::try_from(-433_i32).unwrap_err().value(), -433);
    /// ```
    fn try_from(value: i32) -> Result<Self, Self::Error> {
        Code::try_from(i64::from(value))
    }
}

impl TryFrom<&str> for Code {
    type Error = ParseCodeError;

    /// The same as [`str::parse`]: see [`FromStr`](core::str::FromStr) for what it accepts.
    ///
    /// ```
    /// use scf_codes::Code;
    ///
    /// assert_eq!(Code::try_from("430 UserCodeException"), Ok(Code::UserCodeException));
    /// assert!(Code::try_from("Timeout").is_err());
    /// ```
    fn try_from(text: &str) -> Result<Self, Self::Error> {
        text.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_i64_and_i32_in_range_is_the_code_of_its_u16() {
        for number in 0..=u16::MAX {
            let code = Code::from_u16(number);
            assert_eq!(Code::try_from(i64::from(number)), Ok(code));
            assert_eq!(Code::try_from(i32::from(number)), Ok(code));
        }
    }

    #[test]
    fn numbers_out_of_range_are_errors_that_keep_them() {
        for value in [i64::MIN, -65536, -1, 65536, i64::from(u32::MAX), i64::MAX] {
            assert_eq!(Code::try_from(value), Err(OutOfRangeError { value }));
        }
        for value in [i32::MIN, -1, 65536, i32::MAX] {
            assert_eq!(Code::try_from(value).unwrap_err().value(), i64::from(value));
        }
    }
}
