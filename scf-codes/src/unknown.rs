//! What an [`UnknownCode`] offers: its number, and nothing that makes one.

use core::fmt;

use crate::UnknownCode;

impl UnknownCode {
    /// The number, e.g. `600`.
    #[inline]
    pub const fn get(self) -> u16 {
        self.0
    }
}

impl fmt::Debug for UnknownCode {
    /// The number alone, so that `Code::Unknown` debugs as `Unknown(600)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownCode {
    /// The number, e.g. `600`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl From<UnknownCode> for u16 {
    #[inline]
    fn from(code: UnknownCode) -> u16 {
        code.get()
    }
}

impl PartialEq<u16> for UnknownCode {
    #[inline]
    fn eq(&self, number: &u16) -> bool {
        self.0 == *number
    }
}
