//! A `#![no_std]` consumer of scf-codes without an allocator: C-callable functions that
//! serialize a code and read one back through the `serde` feature. If that feature pulled in
//! `alloc`, this staticlib would fail to build with "no global memory allocator found".
//!
//! The serializer is a small one of its own: the no_std JSON crates enable serde's derive, and
//! this crate also shows that `serde` builds without it.

#![no_std]

use core::fmt;

use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, Error, U16Deserializer};
use serde::ser::{self, Impossible, Serialize};

use scf_codes::handler::Runtime;
use scf_codes::{Category, Code};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}

/// The number the code with this number serializes as (itself), or `u32::MAX` if it serialized
/// as anything else.
#[unsafe(no_mangle)]
pub extern "C" fn scf_code_serialized(number: u16) -> u32 {
    Code::from_u16(number)
        .serialize(NumberSerializer)
        .map_or(u32::MAX, u32::from)
}

/// The number of the code named `text` (`"TimeLimitReached"`, `"433"`), or `u32::MAX`.
#[unsafe(no_mangle)]
pub extern "C" fn scf_code_from_name(text: &[u8; 32], len: usize) -> u32 {
    let Some(text) = text
        .get(..len)
        .and_then(|text| core::str::from_utf8(text).ok())
    else {
        return u32::MAX;
    };
    Code::deserialize(BorrowedStrDeserializer::<Error>::new(text))
        .map_or(u32::MAX, |code| u32::from(code.as_u16()))
}

/// The number of the code deserialized from a number: itself.
#[unsafe(no_mangle)]
pub extern "C" fn scf_code_from_number(number: u16) -> u32 {
    Code::deserialize(U16Deserializer::<Error>::new(number))
        .map_or(u32::MAX, |code| u32::from(code.as_u16()))
}

/// Whether `text` is a category such as `function`.
#[unsafe(no_mangle)]
pub extern "C" fn scf_is_category(text: &[u8; 32], len: usize) -> bool {
    text.get(..len)
        .and_then(|text| core::str::from_utf8(text).ok())
        .is_some_and(|text| {
            Category::deserialize(BorrowedStrDeserializer::<Error>::new(text)).is_ok()
        })
}

/// Whether `text` is a runtime such as `Python3.9` or `Custom Runtime`.
#[unsafe(no_mangle)]
pub extern "C" fn scf_is_runtime(text: &[u8; 32], len: usize) -> bool {
    text.get(..len)
        .and_then(|text| core::str::from_utf8(text).ok())
        .is_some_and(|text| {
            Runtime::deserialize(BorrowedStrDeserializer::<Error>::new(text)).is_ok()
        })
}

/// A serializer that accepts a `u16` and nothing else.
struct NumberSerializer;

#[derive(Debug)]
struct NotANumber;

impl fmt::Display for NotANumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a u16")
    }
}

impl ser::StdError for NotANumber {}

impl ser::Error for NotANumber {
    fn custom<T: fmt::Display>(_: T) -> Self {
        NotANumber
    }
}

/// Serializer methods that reject their value.
macro_rules! reject {
    ($($method:ident($($arg:ty),*) -> $ok:ty;)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$ok, NotANumber> {
            Err(NotANumber)
        }
    )*};
}

impl ser::Serializer for NumberSerializer {
    type Ok = u16;
    type Error = NotANumber;
    type SerializeSeq = Impossible<u16, NotANumber>;
    type SerializeTuple = Impossible<u16, NotANumber>;
    type SerializeTupleStruct = Impossible<u16, NotANumber>;
    type SerializeTupleVariant = Impossible<u16, NotANumber>;
    type SerializeMap = Impossible<u16, NotANumber>;
    type SerializeStruct = Impossible<u16, NotANumber>;
    type SerializeStructVariant = Impossible<u16, NotANumber>;

    fn serialize_u16(self, number: u16) -> Result<u16, NotANumber> {
        Ok(number)
    }

    reject! {
        serialize_bool(bool) -> u16;
        serialize_i8(i8) -> u16;
        serialize_i16(i16) -> u16;
        serialize_i32(i32) -> u16;
        serialize_i64(i64) -> u16;
        serialize_u8(u8) -> u16;
        serialize_u32(u32) -> u16;
        serialize_u64(u64) -> u16;
        serialize_f32(f32) -> u16;
        serialize_f64(f64) -> u16;
        serialize_char(char) -> u16;
        serialize_str(&str) -> u16;
        serialize_bytes(&[u8]) -> u16;
        serialize_none() -> u16;
        serialize_unit() -> u16;
        serialize_unit_struct(&'static str) -> u16;
        serialize_unit_variant(&'static str, u32, &'static str) -> u16;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<u16, NotANumber> {
        Err(NotANumber)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<u16, NotANumber> {
        Err(NotANumber)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<u16, NotANumber> {
        Err(NotANumber)
    }

    fn collect_str<T: ?Sized + fmt::Display>(self, _: &T) -> Result<u16, NotANumber> {
        Err(NotANumber)
    }
}
