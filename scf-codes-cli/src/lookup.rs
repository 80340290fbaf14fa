//! Finding the code a person means: a number or a name, with "did you mean" for near misses.

use scf_codes::{Code, ParseCodeErrorKind};

use crate::Failure;

/// What a lookup found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A code of the table.
    Found(Code),
    /// Nothing in the table: a number it does not have (`Some`, with `known: false`), or a name
    /// it does not have (`None`). The message says so, with the closest names when there are
    /// any.
    NotInTable(Option<Code>, String),
}

/// The code for `query`, a number or a name in any letter case, white space around it ignored
/// (as when pasted from a log). A number from 0 to 65535 or a name that the table does not have
/// is [`Lookup::NotInTable`]; what is neither (empty, a number over 65535, `433x`) is a
/// failure.
pub fn find(query: &str) -> Result<Lookup, Failure> {
    let query = query.trim();
    match query.parse::<Code>() {
        Ok(code) if code.is_known() => Ok(Lookup::Found(code)),
        Ok(code) => Ok(Lookup::NotInTable(
            Some(code),
            format!(
                "{} is not in the SCF status code table; run `scf-codes list` to see every code",
                code.as_u16()
            ),
        )),
        Err(error) => {
            let mut message = error.to_string();
            let suggestions = closest_names(query);
            if !suggestions.is_empty() {
                message.push_str(&format!("\n\ndid you mean {}?", suggestions.join(" or ")));
            }
            let malformed = matches!(
                error.kind(),
                ParseCodeErrorKind::Empty | ParseCodeErrorKind::OutOfRange
            ) || query.starts_with(|c: char| c.is_ascii_digit());
            if malformed {
                Err(Failure(message))
            } else {
                Ok(Lookup::NotInTable(None, message))
            }
        }
    }
}

/// A query longer than this is no typo of a name: no suggestion is computed for it, which also
/// keeps the edit distance of a huge argument from costing time and memory.
const MAX_SUGGESTION_QUERY: usize = 64;

/// Up to three names near `query`: by edit distance, ignoring case, or containing it.
pub fn closest_names(query: &str) -> Vec<&'static str> {
    if query.is_empty() || query.len() > MAX_SUGGESTION_QUERY {
        return Vec::new();
    }
    let query = query.to_ascii_lowercase();
    let mut scored: Vec<(f64, &'static str)> = Code::ALL
        .iter()
        .map(|code| {
            let name = code.name().to_ascii_lowercase();
            let score = if name.contains(&query) {
                1.0
            } else {
                strsim::normalized_damerau_levenshtein(&query, &name)
            };
            (score, code.name())
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, name)| name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_in_any_case_are_found() {
        let found = Lookup::Found(Code::TimeLimitReached);
        assert_eq!(find("433").unwrap(), found);
        assert_eq!(find(" 433\n").unwrap(), found);
        assert_eq!(find("timelimitreached").unwrap(), found);
    }

    #[test]
    fn a_near_miss_suggests_the_closest_names() {
        assert_eq!(closest_names("TimeLimitReachd"), ["TimeLimitReached"]);
        assert_eq!(closest_names("timelimit"), ["TimeLimitReached"]);
        assert!(closest_names("xyzzy").is_empty());
        let Ok(Lookup::NotInTable(None, message)) = find("TimeLimitReachd") else {
            panic!("a name not in the table is not found");
        };
        assert!(
            message.ends_with("did you mean TimeLimitReached?"),
            "{message}"
        );
    }

    #[test]
    fn a_number_not_in_the_table_is_not_found_and_keeps_its_number() {
        let Ok(Lookup::NotInTable(Some(code), message)) = find("999") else {
            panic!("999 is not found");
        };
        assert_eq!(code.as_u16(), 999);
        assert!(
            message.starts_with("999 is not in the SCF status code table"),
            "{message}"
        );
    }

    #[test]
    fn what_is_no_code_at_all_is_a_failure() {
        for query in ["", "  ", "70000", "433x", "433 Timeout"] {
            assert!(find(query).is_err(), "{query:?}");
        }
    }
}
