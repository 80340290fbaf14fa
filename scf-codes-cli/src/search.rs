//! `search`: codes whose fields contain every word, best matches first, in either language.

use scf_codes::{Code, Lang};

/// The longest query searched for: longer than any text of the table, so nothing longer can
/// match, and the work of a search stays small whatever it is given.
pub const MAX_QUERY_BYTES: usize = 4096;

/// How much a word found in each field counts: a word in the name or message says more about a
/// code than a word in its solution.
const WEIGHTS: [(Field, u32); 8] = [
    (Field::Number, 8),
    (Field::Name, 6),
    (Field::Message, 6),
    (Field::Category, 3),
    (Field::Description(Lang::En), 2),
    (Field::Description(Lang::Zh), 2),
    (Field::Solution(Lang::En), 1),
    (Field::Solution(Lang::Zh), 1),
];

#[derive(Debug, Clone, Copy)]
enum Field {
    Number,
    Name,
    Message,
    Category,
    Description(Lang),
    Solution(Lang),
}

fn field_text(code: Code, field: Field) -> String {
    match field {
        Field::Number => code.as_u16().to_string(),
        Field::Name => code.name().to_lowercase(),
        Field::Message => code.message().to_lowercase(),
        Field::Category => code.category().as_str().to_owned(),
        Field::Description(lang) => code.description_in(lang).to_lowercase(),
        Field::Solution(lang) => code.solution_in(lang).to_lowercase(),
    }
}

/// The codes that contain every word of `query` in some field, ignoring case, by score (the sum
/// of the weights of the fields each word is found in), then by number.
pub fn search(query: &str) -> Vec<Code> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u32, Code)> = Code::ALL
        .iter()
        .filter_map(|&code| {
            let fields: Vec<(String, u32)> = WEIGHTS
                .iter()
                .map(|&(field, weight)| (field_text(code, field), weight))
                .collect();
            let mut score = 0;
            for word in &words {
                let word_score: u32 = fields
                    .iter()
                    .filter(|(text, _)| text.contains(word.as_str()))
                    .map(|(_, weight)| weight)
                    .sum();
                if word_score == 0 {
                    return None;
                }
                score += word_score;
            }
            Some((score, code))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(_, code)| code).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(query: &str) -> Vec<u16> {
        search(query).into_iter().map(Code::as_u16).collect()
    }

    #[test]
    fn timeout_finds_the_timeouts_with_names_first() {
        let found = numbers("timeout");
        for code in [433, 447, 450] {
            assert!(found.contains(&code), "{found:?}");
        }
        assert_eq!(
            &found[..2],
            [447, 450],
            "names that contain the word come first: {found:?}"
        );
    }

    #[test]
    fn every_word_must_match_and_case_does_not_matter() {
        assert_eq!(numbers("IMAGE pull timeout"), [447]);
        assert_eq!(numbers("433"), [433]);
        assert!(numbers("timeout zebra").is_empty());
        assert!(numbers("   ").is_empty());
    }

    #[test]
    fn chinese_words_find_codes_by_their_chinese_texts() {
        assert!(numbers("超时").contains(&433), "{:?}", numbers("超时"));
        // Every code is found by a piece of its Chinese description, wherever it differs.
        for &code in Code::ALL {
            let zh = code.description_in(Lang::Zh);
            let piece: String = zh.chars().take(6).collect();
            if !piece.trim().is_empty() {
                assert!(numbers(&piece).contains(&code.as_u16()), "{code}: {piece}");
            }
        }
    }

    #[test]
    fn a_category_is_searchable() {
        assert_eq!(numbers("throttling"), [429, 432]);
    }
}
