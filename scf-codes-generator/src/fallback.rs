//! The best expansion a codes file with errors allows, emitted beside the errors (as thiserror's
//! `fallback.rs` does): every entry that was read becomes its variant, with its accessors, and
//! every limit that was read becomes its constant. The code that uses the enum and the constants
//! then still resolves, and the only errors of the build are the ones located in the codes file.
//!
//! What was read, and what stands in for what was not:
//!
//! - A `[[code]]` entry becomes a variant when its name was read and can be a variant name. The
//!   first entry of a name makes the variant; a later entry with the same name, in any letter
//!   case, makes none, so one duplicate name gives one variant and no second error. A name that
//!   cannot be a variant name stands in as the one its error suggests (`name = "time limit"`
//!   gives `TimeLimit`); an entry whose name is missing, or has no such suggestion, has no
//!   variant: nothing could name it.
//! - The other fields of the entry are taken as read, even where they are wrong (an empty
//!   message, a code used twice). A field that was not read stands in as the empty text, code 0,
//!   `false`, or the category `Unknown`. Two variants may then share a number; `from_u16` finds
//!   one of them. None of this reaches a program: the build fails on the errors.
//! - A `[[limit]]` entry becomes a constant when its name was read and is a constant name, once
//!   per name. Its type is its unit's; an unknown unit stands in as the closest known one, and a
//!   missing or unrecognizable unit as `bytes`. A value that does not fit the type stands in as
//!   the nearest one that does (0 for a negative value), and a value that was not read as 0.
//!
//! A name on a line with a TOML syntax error counts as read when the parser could still read it
//! as a string: that line is reported once, as its syntax error, and the code that uses the
//! variant or the constant still resolves.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{self, CATEGORIES, Document, Spanned, UNITS};
use crate::expand;
use crate::invocation::EnumItem;
use crate::suggest::closest;
use crate::table::{Code, Limit, Table};
use crate::validate::{CODE_RANGE, is_constant_name, name_problem, upper_camel_case};

/// The errors, and beside them the enum generated from `table`: every method and impl exists,
/// and every variant of `table`, so that one mistake, in the codes file or in the invocation,
/// does not bury its errors under follow-on errors in the code that uses the enum.
pub fn fallback(errors: TokenStream, item: &EnumItem, table: &Table) -> TokenStream {
    let expanded = expand::expand(item, table);
    quote!(#errors #expanded)
}

/// The variants a codes file with errors still gives: one per name that was read, ascending by
/// number like a valid table.
pub fn table(document: &Document) -> Table {
    let mut taken = HashSet::new();
    let mut codes: Vec<Code> = document
        .entries
        .iter()
        .filter_map(|entry| {
            let name = variant_name(readable(&entry.name, entry.damaged_name.as_deref())?)?;
            taken
                .insert(name.to_ascii_lowercase())
                .then(|| code(entry, name))
        })
        .collect();
    codes.sort_by_key(|code| code.code);
    Table { codes }
}

/// The constants a codes file with errors still gives: one per constant name that was read.
pub fn limits(document: &Document) -> Vec<Limit> {
    let mut taken = HashSet::new();
    document
        .limits
        .iter()
        .filter_map(|limit| {
            let name = readable(&limit.name, limit.damaged_name.as_deref())?;
            let usable = is_constant_name(name) && taken.insert(name);
            usable.then(|| constant(limit, name))
        })
        .collect()
}

/// The variant a name gives: itself when it can be a variant name, or else the name that its
/// error suggests (`name = "time limit"` → `TimeLimit`).
fn variant_name(name: &str) -> Option<String> {
    if name_problem(name).is_none() {
        return Some(name.to_owned());
    }
    let suggestion = upper_camel_case(name);
    (!suggestion.is_empty() && name_problem(&suggestion).is_none()).then_some(suggestion)
}

/// The name a field holds: as read, or read from a line with a syntax error.
fn readable<'a>(field: &'a Option<Spanned<String>>, damaged: Option<&'a str>) -> Option<&'a str> {
    field.as_ref().map(|name| name.value.as_str()).or(damaged)
}

fn code(entry: &ast::Entry, name: String) -> Code {
    let text = |field: &Option<Spanned<String>>| {
        field
            .as_ref()
            .map(|text| text.value.clone())
            .unwrap_or_default()
    };
    let flag = |field: &Option<Spanned<bool>>| field.as_ref().is_some_and(|flag| flag.value);
    let (category_spelling, category) = entry
        .category
        .as_ref()
        .and_then(|category| {
            CATEGORIES
                .iter()
                .find(|(spelling, _)| *spelling == category.value)
        })
        .copied()
        .unwrap_or(("unknown", "Unknown"));
    Code {
        code: entry
            .code
            .as_ref()
            .filter(|code| CODE_RANGE.contains(&code.value))
            .and_then(|code| u16::try_from(code.value).ok())
            .unwrap_or(0),
        name,
        message: text(&entry.message),
        description: text(&entry.description),
        solution: text(&entry.solution),
        category,
        category_spelling,
        retryable: flag(&entry.retryable),
        triggers_repossession: flag(&entry.triggers_repossession),
        zh_description: entry
            .zh
            .as_ref()
            .and_then(|zh| zh.description.as_ref())
            .map(|text| text.value.clone()),
        zh_solution: entry
            .zh
            .as_ref()
            .and_then(|zh| zh.solution.as_ref())
            .map(|text| text.value.clone()),
    }
}

fn constant(limit: &ast::Limit, name: &str) -> Limit {
    let unit = limit
        .unit
        .as_ref()
        .and_then(|unit| {
            let spelling = closest(&unit.value, UNITS.iter().map(|unit| unit.spelling))?;
            UNITS.iter().find(|known| known.spelling == spelling)
        })
        .copied()
        .unwrap_or(UNITS[0]);
    let value = limit.value.as_ref().map_or(0, |value| {
        u64::try_from(value.value).map_or(0, |value| value.min(unit.max))
    });
    Limit {
        name: name.to_owned(),
        value,
        unit,
        description: limit
            .description
            .as_ref()
            .map(|text| text.value.clone())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use crate::generate::{codes_from_text, limits_from_text};

    const SUCCESS: &str = "[[code]]\ncode = 200\nname = \"Success\"\nmessage = \"Success\"\n\
                           description = \"d\"\nsolution = \"-\"\ncategory = \"success\"\n\n";
    const TIMEOUT: &str = "[[code]]\ncode = 433\nname = \"TimeLimitReached\"\nmessage = \"TLR\"\n\
                           description = \"d\"\nsolution = \"s\"\ncategory = \"function\"\n\n";
    const LIMIT: &str = "[[limit]]\nname = \"SYNC_EVENT_MAX_BYTES\"\nvalue = 6291456\n\
                         unit = \"bytes\"\ndescription = \"d\"\n\n";

    /// The variants the file gives beside its errors, and how many errors there are.
    fn recovered(text: &str) -> (Vec<(u16, String)>, usize) {
        let (table, diagnostics) = codes_from_text(text);
        let variants = table
            .codes
            .into_iter()
            .map(|code| (code.code, code.name))
            .collect();
        (variants, diagnostics.len())
    }

    fn names(variants: &[(u16, String)]) -> Vec<&str> {
        variants.iter().map(|(_, name)| name.as_str()).collect()
    }

    #[test]
    fn a_duplicate_code_keeps_both_variants() {
        let other = TIMEOUT.replace("TimeLimitReached", "MemoryLimitReached");
        let (variants, errors) = recovered(&format!("{SUCCESS}{TIMEOUT}{other}"));
        assert_eq!(errors, 1);
        assert_eq!(
            names(&variants),
            ["Success", "TimeLimitReached", "MemoryLimitReached"]
        );
    }

    #[test]
    fn a_pasted_entry_gives_one_variant() {
        let (variants, errors) = recovered(&format!("{SUCCESS}{TIMEOUT}{TIMEOUT}"));
        assert_eq!(errors, 2, "a duplicate code and a duplicate name");
        assert_eq!(names(&variants), ["Success", "TimeLimitReached"]);
        let shouting = TIMEOUT
            .replace("433", "434")
            .replace("TimeLimitReached", "TIMELimitReached");
        let (first_only, _) = recovered(&format!("{SUCCESS}{TIMEOUT}{shouting}"));
        assert_eq!(names(&first_only), ["Success", "TimeLimitReached"]);
    }

    #[test]
    fn an_entry_missing_fields_keeps_what_was_read() {
        let text = format!(
            "{SUCCESS}{}",
            TIMEOUT
                .replace("category = \"function\"\n", "")
                .replace("code = 433\n", "")
        );
        let (table, diagnostics) = codes_from_text(&text);
        assert_eq!(diagnostics.len(), 2);
        let code = &table.codes[0];
        assert_eq!(
            (code.code, code.name.as_str(), code.message.as_str()),
            (0, "TimeLimitReached", "TLR")
        );
        assert_eq!(
            (code.category, code.category_spelling),
            ("Unknown", "unknown")
        );
    }

    #[test]
    fn wrong_values_are_taken_as_read_and_unread_ones_stand_in_empty() {
        let text = TIMEOUT
            .replace("code = 433", "code = 70000")
            .replace("message = \"TLR\"", "message = \"\"")
            .replace("category = \"function\"", "category = \"functoin\"")
            .replace("solution = \"s\"", "solution = 5");
        let (table, diagnostics) = codes_from_text(&text);
        assert_eq!(diagnostics.len(), 4);
        let code = &table.codes[0];
        assert_eq!(
            (
                code.code,
                code.message.as_str(),
                code.solution.as_str(),
                code.category
            ),
            (0, "", "", "Unknown")
        );
    }

    #[test]
    fn a_name_that_cannot_be_a_variant_gives_the_suggested_one() {
        let text = format!(
            "{SUCCESS}{}{}",
            TIMEOUT.replace("\"TimeLimitReached\"", "\"time limit reached\""),
            TIMEOUT
                .replace("433", "434")
                .replace("\"TimeLimitReached\"", "\"Self\"")
        );
        let (variants, errors) = recovered(&text);
        assert_eq!(errors, 2);
        assert_eq!(names(&variants), ["Success", "TimeLimitReached"]);
    }

    #[test]
    fn a_broken_header_still_gives_its_entry() {
        for header in ["[[code]", "[[code]]]", "[[ code ]", "[[code"] {
            let text = format!("{SUCCESS}{}{LIMIT}", TIMEOUT.replace("[[code]]", header));
            let (variants, errors) = recovered(&text);
            assert_eq!(errors, 1, "{header}");
            assert_eq!(
                names(&variants),
                ["Success", "TimeLimitReached"],
                "{header}"
            );
            let (limits, problems) = limits_from_text(&text);
            assert_eq!(problems, [], "{header}: reported by #[codes]");
            assert_eq!(limits[0].name, "SYNC_EVENT_MAX_BYTES", "{header}");
            assert_eq!(limits[0].value, 6_291_456, "{header}");
        }
    }

    #[test]
    fn the_problems_under_a_broken_header_are_reported_at_their_places() {
        let broken = TIMEOUT
            .replace("[[code]]", "[[code]")
            .replace("message = \"TLR\"\n", "")
            .replace(
                "category = \"function\"",
                "category = \"function\"\ncategory = \"platform\"",
            );
        let later = TIMEOUT.replace("TimeLimitReached", "Later");
        let limit = LIMIT
            .replace("[[limit]]", "[[limit]")
            .replace("6291456", "-1");
        let text = format!("{SUCCESS}{broken}{later}{limit}");
        let (table, diagnostics) = codes_from_text(&text);
        let rendered: Vec<String> = diagnostics
            .iter()
            .map(|diagnostic| {
                let full = diagnostic.render("codes.toml", &text);
                let mut lines = full.lines();
                let what = lines.next().unwrap().to_owned();
                let at = lines.next().unwrap().trim().to_owned();
                format!("{what} {at}")
            })
            .collect();
        assert_eq!(
            rendered,
            [
                "TOML syntax error: unclosed array table, expected `]` --> codes.toml:9:8",
                "TOML syntax error: duplicate key `category` --> codes.toml:15:1",
                "duplicate code 433 --> codes.toml:18:8",
                "TOML syntax error: unclosed array table, expected `]` --> codes.toml:25:9",
            ]
        );
        assert!(
            diagnostics[2]
                .render("codes.toml", &text)
                .contains("first used at codes.toml:10:8"),
            "{:?}",
            diagnostics[2]
        );
        assert_eq!(
            names(&recovered(&text).0),
            ["Success", "TimeLimitReached", "Later"]
        );
        let (limits, problems) = limits_from_text(&text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].message,
            "limit value -1 does not fit the unit `bytes`"
        );
        assert_eq!(limits[0].name, "SYNC_EVENT_MAX_BYTES");
        assert_eq!(table.codes.len(), 3);
    }

    #[test]
    fn a_name_on_a_line_with_a_syntax_error_is_still_read() {
        let text = format!(
            "{SUCCESS}{}",
            TIMEOUT.replace("\"TimeLimitReached\"", "\"TimeLimitReached")
        );
        let (variants, errors) = recovered(&text);
        assert_eq!(errors, 1);
        assert_eq!(names(&variants), ["Success", "TimeLimitReached"]);
    }

    #[test]
    fn every_limit_that_was_read_is_a_constant_of_its_units_type() {
        let text = format!(
            "{SUCCESS}{}{}{}{}{}",
            LIMIT.replace("6291456", "-1"),
            LIMIT
                .replace("SYNC_EVENT_MAX_BYTES", "LISTEN_PORT")
                .replace("6291456", "90000")
                .replace("bytes", "port"),
            LIMIT
                .replace("SYNC_EVENT_MAX_BYTES", "ASYNC_EXECUTION_MAX")
                .replace("bytes", "second"),
            LIMIT
                .replace("SYNC_EVENT_MAX_BYTES", "NO_VALUE")
                .replace("value = 6291456\n", "")
                .replace("bytes", "furlongs"),
            LIMIT.replace("6291456", "1"),
        );
        let (limits, problems) = limits_from_text(&text);
        assert_eq!(problems.len(), 6);
        let constants: Vec<(&str, u64, &str)> = limits
            .iter()
            .map(|limit| (limit.name.as_str(), limit.value, limit.unit.rust_type))
            .collect();
        assert_eq!(
            constants,
            [
                ("SYNC_EVENT_MAX_BYTES", 0, "u64"),
                ("LISTEN_PORT", 65535, "u16"),
                ("ASYNC_EXECUTION_MAX", 6_291_456, "Duration"),
                ("NO_VALUE", 0, "u64"),
            ]
        );
    }

    #[test]
    fn invalid_utf8_still_gives_the_variants_and_constants_of_the_rest() {
        let mut bytes = format!("{SUCCESS}{TIMEOUT}{LIMIT}").into_bytes();
        let at = bytes.iter().position(|&b| b == b'T').unwrap();
        bytes.insert(at + 4, 0xFF);
        let (tokens, errors) = crate::generate_from_bytes(&bytes, "codes.toml");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("the codes file is not valid UTF-8"));
        let tokens = tokens.to_string();
        for item in ["Success ,", "TimeLimitReached ,", "SYNC_EVENT_MAX_BYTES"] {
            assert!(tokens.contains(item), "{item} is missing");
        }
    }
}
