//! Finding the code a person means: a number or a name, with "did you mean" for near misses.

use scf_codes::Code;

use crate::Failure;

/// The code for `query`, a number or a name in any letter case, white space around it ignored
/// (as when pasted from a log); a code that is not in the table is a failure, with the closest
/// names when there are any.
pub fn find(query: &str) -> Result<Code, Failure> {
    let query = query.trim();
    match query.parse::<Code>() {
        Ok(code) if code.is_known() => Ok(code),
        Ok(code) => Err(Failure(format!(
            "{} is not in the SCF status code table; run `scf-codes list` to see every code",
            code.as_u16()
        ))),
        Err(error) => {
            let mut message = error.to_string();
            let suggestions = closest_names(query);
            if !suggestions.is_empty() {
                message.push_str(&format!("\n\ndid you mean {}?", suggestions.join(" or ")));
            }
            Err(Failure(message))
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
        assert_eq!(find("433").unwrap(), Code::TimeLimitReached);
        assert_eq!(find(" 433\n").unwrap(), Code::TimeLimitReached);
        assert_eq!(find("timelimitreached").unwrap(), Code::TimeLimitReached);
    }

    #[test]
    fn a_near_miss_suggests_the_closest_names() {
        assert_eq!(closest_names("TimeLimitReachd"), ["TimeLimitReached"]);
        assert_eq!(closest_names("timelimit"), ["TimeLimitReached"]);
        assert!(closest_names("xyzzy").is_empty());
        let Failure(message) = find("TimeLimitReachd").unwrap_err();
        assert!(
            message.ends_with("did you mean TimeLimitReached?"),
            "{message}"
        );
    }

    #[test]
    fn a_number_not_in_the_table_is_a_failure() {
        let Failure(message) = find("999").unwrap_err();
        assert!(
            message.starts_with("999 is not in the SCF status code table"),
            "{message}"
        );
    }
}
