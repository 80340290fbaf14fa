//! The work a service does per response: number → known or not → message, with scf-codes and
//! with what users would write or pick instead, on the same inputs in the same run.
//!
//! `cargo bench -p scf-codes --bench lookup`; BENCHMARKS.md has the figures.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::sync::LazyLock;

use divan::Bencher;
use scf_codes::Code;

fn main() {
    divan::main();
}

/// 9 in 10 are codes of the table in random order, 1 in 10 random numbers in 0..1000.
static REALISTIC: LazyLock<Vec<u16>> = LazyLock::new(|| {
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        // xorshift64*: a fixed, dependency-free stream, the same in every run.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    (0..10_000)
        .map(|_| {
            let roll = next();
            if roll % 10 == 0 {
                (next() % 1000) as u16
            } else {
                Code::ALL[(next() % Code::ALL.len() as u64) as usize].as_u16()
            }
        })
        .collect()
});

/// Every value 0..=65535, in order.
static EVERY_U16: LazyLock<Vec<u16>> = LazyLock::new(|| (0..=u16::MAX).collect());

/// Sums the lengths of the messages found, so that no lookup can be optimized away.
#[inline(always)]
fn total(input: &[u16], lookup: impl Fn(u16) -> Option<&'static str>) -> usize {
    input
        .iter()
        .map(|&number| lookup(black_box(number)).map_or(0, str::len))
        .sum()
}

#[inline(always)]
fn scf_codes(number: u16) -> Option<&'static str> {
    let code = Code::from(number);
    code.is_known().then(|| code.message())
}

/// What a service would write by hand.
#[inline(always)]
fn hand_written_match(number: u16) -> Option<&'static str> {
    match number {
        200 => Some("Success"),
        400 => Some("InvalidParameterValue"),
        401 => Some("InvalidCredentials"),
        402 => Some("ServiceSuspended"),
        404 => Some("InvalidSubnetID"),
        405 => Some("ContainerStateExited"),
        406 => Some("RequestTooLarge"),
        407 => Some("The size of response exceeds the upper limit (6MB)"),
        410 => Some("InsufficientBalance"),
        429 => Some("ResourceLimit"),
        430 => Some("User code exception caught"),
        432 => Some("ResourceLimitReached"),
        433 => Some("TimeLimitReached"),
        434 => Some("MemoryLimitReached"),
        435 => Some("FunctionNotFound"),
        436 => Some("InvalidParameterValue"),
        437 => Some("HandlerNotFound"),
        438 => Some("FunctionStatusError"),
        439 => Some("User preocess exit when running"),
        441 => Some("UnauthorizedOperation"),
        442 => Some("QualifierNotFound"),
        443 => Some("UserCodeError"),
        444 => Some("PullImageFailed"),
        445 => Some("ContainerInitError"),
        446 => Some("PortBindingFailed"),
        447 => Some("PullImageTimeOut"),
        449 => Some("InsufficientResources"),
        450 => Some("InitContainerTimeout"),
        499 => Some("RequestCanceled"),
        500 => Some("InternalError"),
        _ => None,
    }
}

/// The HTTP crate's table: a different table, but the same shape of work.
#[inline(always)]
fn http_status(number: u16) -> Option<&'static str> {
    http::StatusCode::from_u16(number)
        .ok()
        .and_then(|status| status.canonical_reason())
}

static HASH_MAP: LazyLock<HashMap<u16, &'static str>> = LazyLock::new(|| {
    Code::ALL
        .iter()
        .map(|code| (code.as_u16(), code.message()))
        .collect()
});

#[inline(always)]
fn hash_map(number: u16) -> Option<&'static str> {
    HASH_MAP.get(&number).copied()
}

/// num_enum's lossless `catch_all` enum, with its messages written by hand.
#[allow(
    dead_code,
    reason = "the catch-all keeps the number; the benchmark reads only messages"
)]
#[derive(Clone, Copy, num_enum::FromPrimitive)]
#[repr(u16)]
enum NumEnumCode {
    Success = 200,
    InvalidParameterValue = 400,
    InvalidCredentials = 401,
    ServiceSuspended = 402,
    InvalidSubnetId = 404,
    ContainerStateExited = 405,
    RequestTooLarge = 406,
    ResponseTooLarge = 407,
    InsufficientBalance = 410,
    ResourceLimit = 429,
    UserCodeException = 430,
    ResourceLimitReached = 432,
    TimeLimitReached = 433,
    MemoryLimitReached = 434,
    FunctionNotFound = 435,
    InvalidInvokeParameter = 436,
    HandlerNotFound = 437,
    FunctionStatusError = 438,
    UserProcessExited = 439,
    UnauthorizedOperation = 441,
    QualifierNotFound = 442,
    UserCodeError = 443,
    PullImageFailed = 444,
    ContainerInitError = 445,
    PortBindingFailed = 446,
    PullImageTimeOut = 447,
    InsufficientResources = 449,
    InitContainerTimeout = 450,
    RequestCanceled = 499,
    InternalError = 500,
    #[num_enum(catch_all)]
    Other(u16),
}

impl NumEnumCode {
    fn message(self) -> Option<&'static str> {
        use NumEnumCode::*;
        Some(match self {
            Success => "Success",
            InvalidParameterValue | InvalidInvokeParameter => "InvalidParameterValue",
            InvalidCredentials => "InvalidCredentials",
            ServiceSuspended => "ServiceSuspended",
            InvalidSubnetId => "InvalidSubnetID",
            ContainerStateExited => "ContainerStateExited",
            RequestTooLarge => "RequestTooLarge",
            ResponseTooLarge => "The size of response exceeds the upper limit (6MB)",
            InsufficientBalance => "InsufficientBalance",
            ResourceLimit => "ResourceLimit",
            UserCodeException => "User code exception caught",
            ResourceLimitReached => "ResourceLimitReached",
            TimeLimitReached => "TimeLimitReached",
            MemoryLimitReached => "MemoryLimitReached",
            FunctionNotFound => "FunctionNotFound",
            HandlerNotFound => "HandlerNotFound",
            FunctionStatusError => "FunctionStatusError",
            UserProcessExited => "User preocess exit when running",
            UnauthorizedOperation => "UnauthorizedOperation",
            QualifierNotFound => "QualifierNotFound",
            UserCodeError => "UserCodeError",
            PullImageFailed => "PullImageFailed",
            ContainerInitError => "ContainerInitError",
            PortBindingFailed => "PortBindingFailed",
            PullImageTimeOut => "PullImageTimeOut",
            InsufficientResources => "InsufficientResources",
            InitContainerTimeout => "InitContainerTimeout",
            RequestCanceled => "RequestCanceled",
            InternalError => "InternalError",
            Other(_) => return None,
        })
    }
}

#[inline(always)]
fn num_enum(number: u16) -> Option<&'static str> {
    NumEnumCode::from(number).message()
}

macro_rules! contenders {
    ($stream:ident, $input:expr) => {
        #[divan::bench_group]
        mod $stream {
            use super::*;

            #[divan::bench]
            fn scf_codes(bencher: Bencher) {
                let input = &*$input;
                bencher.bench(|| total(input, super::scf_codes));
            }

            #[divan::bench]
            fn hand_written_match(bencher: Bencher) {
                let input = &*$input;
                bencher.bench(|| total(input, super::hand_written_match));
            }

            #[divan::bench]
            fn http_status_code(bencher: Bencher) {
                let input = &*$input;
                bencher.bench(|| total(input, super::http_status));
            }

            #[divan::bench]
            fn hash_map(bencher: Bencher) {
                let input = &*$input;
                LazyLock::force(&HASH_MAP);
                bencher.bench(|| total(input, super::hash_map));
            }

            #[divan::bench]
            fn num_enum_catch_all(bencher: Bencher) {
                let input = &*$input;
                bencher.bench(|| total(input, super::num_enum));
            }
        }
    };
}

contenders!(realistic, REALISTIC);
contenders!(every_u16, EVERY_U16);

/// Formatting and parsing, over the realistic stream.
#[divan::bench_group]
mod text {
    use super::*;

    #[divan::bench]
    fn display_into_a_reused_string(bencher: Bencher) {
        let codes: Vec<Code> = REALISTIC.iter().map(|&n| Code::from(n)).collect();
        let mut buffer = String::with_capacity(128);
        bencher.bench_local(|| {
            let mut length = 0;
            for code in &codes {
                buffer.clear();
                write!(buffer, "{}", black_box(code)).unwrap();
                length += buffer.len();
            }
            length
        });
    }

    /// How many of `texts` parse as a `T`.
    fn parsed<T: std::str::FromStr>(texts: &[String]) -> usize {
        texts
            .iter()
            .filter(|text| black_box(text.as_str()).parse::<T>().is_ok())
            .count()
    }

    #[divan::bench]
    fn from_str_of_names(bencher: Bencher) {
        let names: Vec<String> = REALISTIC
            .iter()
            .map(|&n| Code::from(n))
            .filter(|c| c.is_known())
            .map(|c| c.name().to_ascii_lowercase())
            .collect();
        bencher.bench(|| parsed::<Code>(&names));
    }

    #[divan::bench]
    fn from_str_of_numbers(bencher: Bencher) {
        let numbers: Vec<String> = REALISTIC.iter().map(u16::to_string).collect();
        bencher.bench(|| parsed::<Code>(&numbers));
    }

    /// The floor for parsing numbers: `u16::from_str` alone.
    #[divan::bench]
    fn u16_from_str_of_numbers(bencher: Bencher) {
        let numbers: Vec<String> = REALISTIC.iter().map(u16::to_string).collect();
        bencher.bench(|| parsed::<u16>(&numbers));
    }
}
