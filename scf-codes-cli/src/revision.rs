//! The revision of Tencent's table that codes.toml carries, read from the paragraph of its
//! header that starts `# Revision:`. The build script reads it for `--version`; it is a module
//! of the library too, so that its tests run.

/// What `--version` says of the table, from the text of codes.toml: `Tencent's table of
/// 2021-10-26, with 402`. The date is the first `YYYY-MM-DD` of the revision paragraph, and the
/// codes added to that revision are the numbers right after a word `plus`. `None` when the
/// header has no revision paragraph, or no date in it.
pub fn describe(codes_toml: &str) -> Option<String> {
    let paragraph = revision_paragraph(codes_toml)?;
    let date = first_date(&paragraph)?;
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    let added: Vec<&str> = words
        .windows(2)
        .filter(|pair| pair[0] == "plus")
        .map(|pair| pair[1].trim_end_matches([',', '.', ';', ':']))
        .filter(|word| !word.is_empty() && word.bytes().all(|byte| byte.is_ascii_digit()))
        .collect();
    Some(match added.as_slice() {
        [] => format!("Tencent's table of {date}"),
        added => format!("Tencent's table of {date}, with {}", added.join(", ")),
    })
}

/// The comment lines from `# Revision:` to the next line that is not a comment with text, as
/// one line.
fn revision_paragraph(text: &str) -> Option<String> {
    let mut lines = text
        .lines()
        .map(str::trim)
        .skip_while(|line| !line.starts_with("# Revision:"));
    let first = lines.next()?;
    let mut paragraph = first.trim_start_matches("# Revision:").to_owned();
    for line in lines {
        let Some(comment) = line.strip_prefix('#') else {
            break;
        };
        if comment.trim().is_empty() {
            break;
        }
        paragraph.push(' ');
        paragraph.push_str(comment.trim());
    }
    Some(paragraph)
}

/// The first `YYYY-MM-DD` in `text`.
fn first_date(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|start| {
        let candidate = &bytes[start..start + 10];
        let shape = candidate.iter().enumerate().all(|(at, byte)| match at {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        });
        let alone = start == 0 || !bytes[start - 1].is_ascii_digit();
        (shape && alone).then(|| &text[start..start + 10])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_header_names_its_date_and_the_code_added_to_it() {
        let text = include_str!("../codes.toml");
        assert_eq!(
            describe(text).as_deref(),
            Some("Tencent's table of 2021-10-26, with 402")
        );
    }

    #[test]
    fn the_first_date_of_the_paragraph_is_the_revision() {
        let header = "# Tencent's table.\n#\n# Revision: the English page of 2021-10-26 and the\n\
                      # Chinese page of 2024-12-02, plus 402 ServiceSuspended and plus 451.\n#\n\
                      # Later: 2025-01-01.\n";
        assert_eq!(
            describe(header).as_deref(),
            Some("Tencent's table of 2021-10-26, with 402, 451")
        );
        assert_eq!(
            describe("# Revision: as updated 2023-04-27\n[[code]]\n").as_deref(),
            Some("Tencent's table of 2023-04-27")
        );
    }

    #[test]
    fn a_header_without_a_revision_or_a_date_names_none() {
        assert_eq!(describe("[[code]]\ncode = 200\n"), None);
        assert_eq!(describe("# Revision: the latest page\n"), None);
        assert_eq!(describe("# Revision: 12021-10-26\n"), None);
    }
}
