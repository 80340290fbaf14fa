//! A service's view of scf-codes: the tests in `tests/` use its public API alone, with anyhow
//! and thiserror, as a crate that invokes SCF functions would. The changelog's examples are
//! doctests here, where those crates are at hand.

/// The changelog's examples (its migration advice among them), run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../CHANGELOG.md")]
pub struct ChangelogDoctests;
