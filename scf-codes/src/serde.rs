//! serde support: a [`Code`] is its number; a [`Category`] is its `codes.toml` spelling; a
//! [`Runtime`] is its command-line spelling. Hand-written, with no `alloc` and no derive, so that
//! a `no_std` crate without an allocator can use them.

use core::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::handler::Runtime;
use crate::{Category, Code};

impl Serialize for Code {
    /// Serializes the number, e.g. `433`, known or not.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.as_u16())
    }
}

impl<'de> Deserialize<'de> for Code {
    /// Deserializes from any number in `0..=65535`, or from a string that
    /// [`str::parse`] accepts (`"433"`, `"TimeLimitReached"`, `"433 TimeLimitReached"`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(CodeVisitor)
        } else {
            deserializer.deserialize_u16(CodeVisitor)
        }
    }
}

struct CodeVisitor;

impl Visitor<'_> for CodeVisitor {
    type Value = Code;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an SCF status code: a number from 0 to 65535, or a string such as \"433\" or \"TimeLimitReached\"")
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Code, E> {
        unsigned_status(number, &self).map(Code::from_u16)
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Code, E> {
        signed_status(number, &self).map(Code::from_u16)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Code, E> {
        text.parse().map_err(E::custom)
    }
}

/// A number read as a status code: 0 to 65535, or an "invalid value" error that says what
/// `expected` expects.
pub(crate) fn unsigned_status<E: de::Error>(
    number: u64,
    expected: &dyn de::Expected,
) -> Result<u16, E> {
    u16::try_from(number).map_err(|_| E::invalid_value(Unexpected::Unsigned(number), expected))
}

/// The same for a signed number.
pub(crate) fn signed_status<E: de::Error>(
    number: i64,
    expected: &dyn de::Expected,
) -> Result<u16, E> {
    u16::try_from(number).map_err(|_| E::invalid_value(Unexpected::Signed(number), expected))
}

impl Serialize for Category {
    /// Serializes the spelling of [`Category::as_str`], e.g. `"function"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Category {
    /// Deserializes a spelling of [`Category::as_str`], in any ASCII case.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(CategoryVisitor)
    }
}

struct CategoryVisitor;

impl Visitor<'_> for CategoryVisitor {
    type Value = Category;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a category: success, request, permission, function, configuration, throttling, account, platform or unknown")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Category, E> {
        text.parse()
            .map_err(|_| E::invalid_value(Unexpected::Str(text), &self))
    }
}

impl Serialize for Runtime {
    /// Serializes the spelling of [`Runtime::as_str`], e.g. `"python"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Runtime {
    /// Deserializes what [`str::parse`] accepts: `"python"`, `"Python3.9"`, `"Custom Runtime"`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(RuntimeVisitor)
    }
}

struct RuntimeVisitor;

impl Visitor<'_> for RuntimeVisitor {
    type Value = Runtime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a runtime: go, python, nodejs, php, java or custom, optionally with a version such as python3.9")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Runtime, E> {
        text.parse()
            .map_err(|_| E::invalid_value(Unexpected::Str(text), &self))
    }
}
