//! Tencent's "Function Status Code" page read as rows: the page parsed as a browser parses it
//! (html5ever), its table of status codes found, its language told, and each row's three cells
//! (status code and message, notes, solution) turned into a code, a message and two Markdown
//! texts.

use scf_codes::Lang;

use super::dom::{Dom, NodeId};
use super::link::{self, Base};
use super::markdown;

/// A page read: its language, its rows, and what a person should know of how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The language of the page's texts.
    pub lang: Lang,
    /// The rows of its table, by code.
    pub rows: Vec<Row>,
    /// Links kept as written or read past a mistake, each at its line, code and cell.
    pub warnings: Vec<String>,
}

/// The header cells of Tencent's table in each language, as its pages have written them.
const HEADERS: &[(Lang, &[&str])] = &[
    (Lang::Zh, &["状态码及状态消息", "说明", "解决方法"]),
    (
        Lang::En,
        &[
            "Status Code and Status Message",
            "Description",
            "Notes",
            "Solution",
        ],
    ),
];

/// The names of a row's cells, for warnings.
const CELLS: [&str; 3] = ["status code", "description", "solution"];

/// Reads the page `html`, which messages call `name`: its language (told from its table's
/// header row, else its `<html lang>`, else its texts; `lang`, when given, must agree) and its
/// rows. Every problem found is reported, one per line, each with its line of the page.
pub fn read(html: &str, name: &str, lang: Option<Lang>) -> Result<Page, String> {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    conflict_markers(html, name)?;
    let dom = Dom::parse(html);
    let table = table(&dom, name)?;
    let mut told = language(&dom, table);
    // A header or <html lang> that the texts contradict (Chinese rows under an English header)
    // would write one language's texts over the other's: refused, unless --lang says which.
    if let Some(said) = told {
        let texts = by_share_of_han(&dom, table);
        if texts != said {
            if lang != Some(texts) {
                return Err(format!(
                    "{name}: its table's header row or <html lang> says {}, but its texts are {}; \
                     check that it is Tencent's {} page, or give --lang {texts} to read it as {}",
                    language_name(said),
                    language_name(texts),
                    language_name(said),
                    language_name(texts),
                ));
            }
            told = Some(texts);
        }
    }
    let found = told.unwrap_or_else(|| by_texts(&dom, table));
    if let Some(wanted) = lang.filter(|&wanted| wanted != found) {
        return Err(format!(
            "{name} is {} page ({}), not {} as --lang {wanted} says; compare it without \
             --lang, or give the page in {}",
            article(found),
            match told {
                Some(_) => "its table's header row or <html lang> says so",
                None => "its texts are",
            },
            language_name(wanted),
            language_name(wanted),
        ));
    }
    let base = Base {
        page: page_address(&dom),
        site: match found {
            Lang::En => link::DEFAULT_BASE,
            Lang::Zh => link::DEFAULT_BASE_ZH,
        },
    };
    let (rows, warnings) = rows_in(&dom, table, &base, name)?;
    Ok(Page {
        lang: found,
        rows,
        warnings,
    })
}

/// Refuses a page committed in the middle of a git merge, with the markers of the conflict in
/// its text: which side is Tencent's text is for a person to say.
fn conflict_markers(html: &str, name: &str) -> Result<(), String> {
    let opens_or_closes = |line: &str| {
        let line = line.trim_end();
        line == "<<<<<<<"
            || line == ">>>>>>>"
            || line.starts_with("<<<<<<< ")
            || line.starts_with(">>>>>>> ")
    };
    // A line of seven `=` alone may be a heading's underline: a marker only beside the others.
    if !html.lines().any(opens_or_closes) {
        return Ok(());
    }
    let markers: Vec<String> = html
        .lines()
        .enumerate()
        .filter(|(_, line)| opens_or_closes(line) || line.trim_end() == "=======")
        .map(|(number, line)| {
            format!(
                "{name}:{}: a git merge-conflict marker, {:?}: the page was saved in the middle \
                 of a merge; keep one side of the conflict and remove the markers",
                number + 1,
                line.trim_end()
            )
        })
        .collect();
    if markers.is_empty() {
        Ok(())
    } else {
        Err(markers.join("\n"))
    }
}

/// "an English", "a Chinese".
fn article(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "an English",
        Lang::Zh => "a Chinese",
    }
}

/// "English", "Chinese".
pub fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Zh => "Chinese",
    }
}

/// The language the page says it is in: its table's header row, else `<html lang>`.
fn language(dom: &Dom, table: NodeId) -> Option<Lang> {
    let header: String = rows_of(dom, table)
        .filter(|&tr| is_header(dom, tr))
        .flat_map(|tr| dom.child_elements(tr, &["td", "th"]).collect::<Vec<_>>())
        .map(|cell| markdown::cell(dom, cell, &Base::none()))
        .collect::<Vec<_>>()
        .join("\n");
    let by_header = HEADERS.iter().find_map(|(lang, cells)| {
        cells
            .iter()
            .any(|cell| header.contains(cell))
            .then_some(*lang)
    });
    by_header.or_else(|| {
        let lang = dom
            .all_elements("html")
            .find_map(|html| dom.attribute(html, "lang"))?
            .trim()
            .to_ascii_lowercase();
        match lang.split(['-', '_']).next() {
            Some("zh") => Some(Lang::Zh),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    })
}

/// The language of a page that does not say: Chinese when its texts are, else English.
fn by_texts(dom: &Dom, table: NodeId) -> Lang {
    let han = dom
        .walk(table)
        .filter_map(|event| match event {
            super::dom::Event::Text(text) => Some(text),
            _ => None,
        })
        .any(|text| text.chars().any(is_han));
    if han { Lang::Zh } else { Lang::En }
}

/// The language of the table's texts by their letters, the header row left out: Chinese when at
/// least a quarter of them are CJK ideographs (Chinese texts keep Latin names and code), else
/// English.
fn by_share_of_han(dom: &Dom, table: NodeId) -> Lang {
    let (mut han, mut letters) = (0usize, 0usize);
    let rows = rows_of(dom, table).filter(|&tr| !is_header(dom, tr));
    for event in rows.flat_map(|tr| dom.walk(tr).collect::<Vec<_>>()) {
        if let super::dom::Event::Text(text) = event {
            for c in text.chars() {
                if is_han(c) {
                    han += 1;
                } else if c.is_alphabetic() {
                    letters += 1;
                }
            }
        }
    }
    if han * 4 >= (han + letters).max(1) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Whether `c` is a CJK ideograph.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// A header row: in `<thead>`, or of header cells only. A row whose first cell alone is a
/// `<th>` is a row like any other.
fn is_header(dom: &Dom, tr: NodeId) -> bool {
    let in_head = dom
        .parent(tr)
        .is_some_and(|parent| dom.name(parent) == Some("thead"));
    in_head
        || dom
            .child_elements(tr, &["td", "th"])
            .all(|cell| dom.name(cell) == Some("th"))
}

/// One row of the page's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The status code.
    pub code: u16,
    /// The status message, on one line.
    pub message: String,
    /// The Notes column, as Markdown.
    pub description: String,
    /// The Solution column, as Markdown.
    pub solution: String,
    /// The line of the page where the row starts.
    pub line: u64,
}

#[cfg(test)]
impl Row {
    /// A row for unit tests, at line 1.
    pub(crate) fn sample(code: u16, message: &str, description: &str, solution: &str) -> Row {
        Row {
            code,
            message: message.into(),
            description: description.into(),
            solution: solution.into(),
            line: 1,
        }
    }
}

/// Reads the rows of the table of status codes in `html`, whatever its language; `name` is how
/// messages call the page. As [`read`].
pub fn rows(html: &str, name: &str) -> Result<Vec<Row>, String> {
    read(html, name, None).map(|page| page.rows)
}

/// The rows of `table` and the warnings of their links.
fn rows_in(
    dom: &Dom,
    table: NodeId,
    base: &Base,
    name: &str,
) -> Result<(Vec<Row>, Vec<String>), String> {
    let mut rows: Vec<Row> = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for tr in rows_of(dom, table) {
        let line = dom.line(tr);
        let cells: Vec<NodeId> = dom.child_elements(tr, &["td", "th"]).collect();
        if is_header(dom, tr) {
            continue;
        }
        let texts: Vec<String> = cells
            .iter()
            .map(|&cell| markdown::cell(dom, cell, base))
            .collect();
        if texts.iter().all(String::is_empty) {
            continue;
        }
        let [first, description, solution]: [String; 3] = match texts.try_into() {
            Ok(cells) => cells,
            Err(texts) => {
                problems.push(format!(
                    "{name}:{line}: a row of {} cells; each row of the table has 3: the status \
                     code and message, the notes, and the solution",
                    texts.len()
                ));
                continue;
            }
        };
        let (code, message) = match code_and_message(&first) {
            Ok(found) => found,
            Err(problem) => {
                problems.push(format!("{name}:{line}: {problem}"));
                continue;
            }
        };
        for (&cell, cell_name) in cells.iter().zip(CELLS) {
            for a in dom.elements(cell, "a") {
                let problem = dom.attribute(a, "href").and_then(|href| base.problem(href));
                if let Some(problem) = problem {
                    warnings.push(format!(
                        "{name}:{}: code {code}, {cell_name}: {problem}",
                        dom.line(a)
                    ));
                }
            }
        }
        if let Some(earlier) = rows.iter().find(|row| row.code == code) {
            problems.push(format!(
                "{name}:{line}: code {code} is in the table twice, here and at line {}",
                earlier.line
            ));
            continue;
        }
        rows.push(Row {
            code,
            message,
            description,
            solution,
            line,
        });
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    rows.sort_by_key(|row| row.code);
    Ok((rows, warnings))
}

/// The status code and message of a row's first cell: `433<br>TimeLimitReached`, or both on
/// one line.
fn code_and_message(cell: &str) -> Result<(u16, String), String> {
    let text = cell.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown: String = text.chars().take(60).collect();
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return Err(format!(
            "the first cell, {shown:?}, does not start with a status code; it should read like \
             `433<br>TimeLimitReached`"
        ));
    }
    let code = text[..digits]
        .parse::<u16>()
        .ok()
        .filter(|code| (100..=999).contains(code))
        .ok_or_else(|| {
            format!(
                "{} is not a status code (100 to 999)",
                &text[..digits.min(20)]
            )
        })?;
    let message = text[digits..].trim();
    if message.is_empty() {
        return Err(format!(
            "code {code} has no status message; the first cell should read like \
             `433<br>TimeLimitReached`"
        ));
    }
    Ok((code, message.to_owned()))
}

/// The table of status codes: the one table with rows whose first cell starts with a code.
fn table(dom: &Dom, name: &str) -> Result<NodeId, String> {
    let tables: Vec<NodeId> = dom
        .elements(dom.root(), "table")
        .filter(|&table| {
            rows_of(dom, table).any(|tr| {
                dom.child_elements(tr, &["td", "th"])
                    .next()
                    .is_some_and(|cell| {
                        code_and_message(&markdown::cell(dom, cell, &Base::none())).is_ok()
                    })
            })
        })
        .collect();
    match tables.as_slice() {
        [table] => Ok(*table),
        [] => Err(format!(
            "{name} has no table of status codes: expected a <table> whose rows start with a \
             cell such as <td>433<br>TimeLimitReached</td>. Save Tencent's \"Function Status \
             Code\" page from a browser (the whole page, or its table)"
        )),
        several => Err(format!(
            "{name} has {} tables of status codes (at lines {}); keep only the one to read",
            several.len(),
            several
                .iter()
                .map(|&table| dom.line(table).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The rows of `table`, not those of a table nested in one of its cells.
fn rows_of(dom: &Dom, table: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    dom.child_elements(table, &["thead", "tbody", "tfoot", "tr"])
        .flat_map(move |child| match dom.name(child) {
            Some("tr") => vec![child],
            _ => dom.child_elements(child, &["tr"]).collect(),
        })
}

/// The page's own address, which its relative links are resolved against: its `<base>`, its
/// canonical link, its `og:url`, or the "saved from url" note a browser writes when saving it.
fn page_address(dom: &Dom) -> Option<String> {
    let base = dom
        .all_elements("base")
        .filter_map(|id| dom.attribute(id, "href"))
        .next()
        .map(|href| link::resolve(link::DEFAULT_BASE, href));
    let canonical = || {
        dom.all_elements("link")
            .filter(|&id| {
                dom.attribute(id, "rel").is_some_and(|rel| {
                    rel.split_whitespace()
                        .any(|rel| rel.eq_ignore_ascii_case("canonical"))
                })
            })
            .filter_map(|id| dom.attribute(id, "href"))
            .find(|href| link::is_absolute(href))
            .map(str::to_owned)
    };
    let og_url = || {
        dom.all_elements("meta")
            .filter(|&id| dom.attribute(id, "property") == Some("og:url"))
            .filter_map(|id| dom.attribute(id, "content"))
            .find(|url| link::is_absolute(url))
            .map(str::to_owned)
    };
    let saved_from = || {
        dom.comments().find_map(|comment| {
            let url = comment.trim().strip_prefix("saved from url=(")?;
            let (_, url) = url.split_once(')')?;
            link::is_absolute(url).then(|| url.trim().to_owned())
        })
    };
    base.flatten()
        .or_else(canonical)
        .or_else(og_url)
        .or_else(saved_from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_reads_as_code_message_and_markdown() {
        let rows = rows(
            "<table><tr><th>Status</th><th>Notes</th><th>Solution</th></tr>\n\
             <tr><td>433<br>TimeLimitReached</td><td>Times out.</td><td>-</td></tr></table>",
            "page.html",
        )
        .unwrap();
        assert_eq!(
            rows,
            [Row {
                code: 433,
                message: "TimeLimitReached".into(),
                description: "Times out.".into(),
                solution: "-".into(),
                line: 2,
            }]
        );
    }

    #[test]
    fn header_rows_are_skipped_but_a_row_headed_by_a_th_is_read() {
        let rows = rows(
            "<table><thead><tr><td>Status</td><td>Notes</td><td>Solution</td></tr></thead>\n\
             <tr><th>Code</th><th>Notes</th><th>Solution</th></tr>\n\
             <tr><th>433<br>TimeLimitReached</th><td>Times out.</td><td>-</td></tr></table>",
            "page.html",
        )
        .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].message, "TimeLimitReached");
    }

    #[test]
    fn the_code_and_message_may_share_a_line() {
        assert_eq!(
            code_and_message("407 The size of response exceeds the upper limit (6MB)"),
            Ok((
                407,
                "The size of response exceeds the upper limit (6MB)".to_owned()
            ))
        );
        assert_eq!(
            code_and_message("200\n\nSuccess"),
            Ok((200, "Success".to_owned()))
        );
    }

    #[test]
    fn bad_rows_are_each_reported_at_their_line() {
        let error = rows(
            "<table>\n<tr><td>433<br>A</td><td>b</td><td>c</td></tr>\n\
             <tr><td>433<br>B</td><td>b</td><td>c</td></tr>\n\
             <tr><td>4330<br>C</td><td>b</td><td>c</td></tr>\n\
             <tr><td>434</td><td>b</td><td>c</td></tr>\n\
             <tr><td>435<br>E</td><td>b</td></tr>\n\
             <tr><td>Code</td><td>b</td><td>c</td></tr>\n</table>",
            "page.html",
        )
        .unwrap_err();
        assert_eq!(
            error.lines().collect::<Vec<_>>(),
            [
                "page.html:3: code 433 is in the table twice, here and at line 2",
                "page.html:4: 4330 is not a status code (100 to 999)",
                "page.html:5: code 434 has no status message; the first cell should read like \
                 `433<br>TimeLimitReached`",
                "page.html:6: a row of 2 cells; each row of the table has 3: the status code and \
                 message, the notes, and the solution",
                "page.html:7: the first cell, \"Code\", does not start with a status code; it \
                 should read like `433<br>TimeLimitReached`",
            ]
        );
    }

    #[test]
    fn merge_conflict_markers_are_errors_at_their_lines() {
        let page = "<table>\n<tr><td>433<br>A</td><td>b</td>\n<<<<<<< HEAD\n<td>c</td>\n=======\n\
                    <td>d</td>\n>>>>>>> branch\n</tr></table>";
        let error = rows(page, "p").unwrap_err();
        let lines: Vec<&str> = error.lines().map(|line| &line[..4]).collect();
        assert_eq!(lines, ["p:3:", "p:5:", "p:7:"], "{error}");
        assert!(error.contains("merge-conflict marker"), "{error}");
    }

    #[test]
    fn a_line_of_equals_signs_alone_is_no_conflict() {
        let page = "Title\n=======\n<table><tr><td>433<br>A</td><td>b</td><td>c</td></tr></table>";
        assert_eq!(rows(page, "p").unwrap().len(), 1);
    }

    #[test]
    fn the_language_is_told_by_the_header_row_then_html_lang_then_the_texts() {
        let row = "<tr><td>433<br>A</td><td>x</td><td>y</td></tr>";
        let zh_row = "<tr><td>433<br>A</td><td>超时。</td><td>-</td></tr>";
        let cases = [
            (
                format!(
                    "<table><tr><th>状态码及状态消息</th><th>说明</th><th>解决方法</th></tr>{zh_row}</table>"
                ),
                Lang::Zh,
            ),
            (
                format!(
                    "<table><tr><th>Status Code and Status Message</th><th>Notes</th><th>Solution</th></tr>{row}</table>"
                ),
                Lang::En,
            ),
            (
                format!("<html lang=\"zh-CN\"><body><table>{zh_row}</table></body></html>"),
                Lang::Zh,
            ),
            (
                format!("<html lang=\"en\"><body><table>{row}</table></body></html>"),
                Lang::En,
            ),
            (format!("<table>{zh_row}</table>"), Lang::Zh),
            (format!("<table>{row}</table>"), Lang::En),
        ];
        for (page, lang) in cases {
            assert_eq!(read(&page, "p", None).unwrap().lang, lang, "{page}");
            assert_eq!(read(&page, "p", Some(lang)).unwrap().lang, lang);
            let other = Lang::ALL.into_iter().find(|other| *other != lang).unwrap();
            let refused = read(&page, "p", Some(other)).unwrap_err();
            assert!(refused.starts_with("p is a"), "{refused}");
        }
        // A header or <html lang> that the texts contradict is refused, unless --lang says.
        for page in [
            format!(
                "<table><tr><th>Status Code and Status Message</th><th>Notes</th><th>Solution</th></tr>{zh_row}</table>"
            ),
            format!("<html lang=\"en\"><body><table>{zh_row}</table></body></html>"),
        ] {
            let refused = read(&page, "p", None).unwrap_err();
            assert!(
                refused.contains("says English, but its texts are Chinese"),
                "{refused}"
            );
            assert_eq!(read(&page, "p", Some(Lang::Zh)).unwrap().lang, Lang::Zh);
        }
        let english_rows_in_chinese = "<table><tr><th>状态码及状态消息</th><th>说明</th>\
             <th>解决方法</th></tr><tr><td>433<br>A</td><td>Timed out.</td>\
             <td>Raise the timeout.</td></tr></table>";
        assert!(read(english_rows_in_chinese, "p", None).is_err());
    }

    #[test]
    fn a_chinese_page_links_to_the_chinese_site_and_warns_of_what_it_cannot_resolve() {
        let page = "<table><tr><th>状态码及状态消息</th><th>说明</th><th>解决方法</th></tr>\n\
                    <tr><td>437<br>HandlerNotFound</td><td><a href=\"/document/product/583/9210\">执行方法</a></td>\n\
                    <td><a href=\"#handler\">执行方法</a>，<a href=“https://console.cloud.tencent.com/workorder”>工单</a></td></tr></table>";
        let read = read(page, "p", None).unwrap();
        let row = &read.rows[0];
        assert_eq!(
            row.description,
            "[执行方法](https://cloud.tencent.com/document/product/583/9210)"
        );
        assert_eq!(
            row.solution,
            "[执行方法](#handler)，[工单](https://console.cloud.tencent.com/workorder)"
        );
        assert_eq!(read.warnings.len(), 2, "{:?}", read.warnings);
        assert!(read.warnings[0].starts_with("p:3: code 437, solution: the link \"#handler\""));
        assert!(read.warnings[1].starts_with("p:3: code 437, solution: the link href=“"));
        assert!(read.warnings[1].contains("curly quotes"));
    }

    #[test]
    fn a_page_without_the_table_or_with_two_says_so() {
        let none = rows(
            "<p>433 TimeLimitReached</p><table><tr><td>x</td></tr></table>",
            "p",
        )
        .unwrap_err();
        assert!(none.starts_with("p has no table of status codes"), "{none}");
        let table = "<table><tr><td>433<br>A</td><td>b</td><td>c</td></tr></table>\n";
        let two = rows(&format!("{table}{table}"), "p").unwrap_err();
        assert_eq!(
            two,
            "p has 2 tables of status codes (at lines 1, 2); keep only the one to read"
        );
    }

    #[test]
    fn relative_links_resolve_against_where_the_page_says_it_is_from() {
        let table =
            r#"<table><tr><td>433<br>A</td><td>b</td><td><a href="/x">c</a></td></tr></table>"#;
        let cases = [
            ("", "https://intl.cloud.tencent.com/x"),
            (
                r#"<base href="https://www.tencentcloud.com/document/">"#,
                "https://www.tencentcloud.com/x",
            ),
            (
                r#"<link rel="canonical" href="https://cloud.tencent.com/document/product/583/9216">"#,
                "https://cloud.tencent.com/x",
            ),
            (
                r#"<meta property="og:url" content="https://og.example/a/b">"#,
                "https://og.example/x",
            ),
            (
                "<!-- saved from url=(0054)https://saved.example/document/product/583/42611 -->",
                "https://saved.example/x",
            ),
        ];
        for (head, url) in cases {
            let page = format!("{head}<html><head>{head}</head><body>{table}</body></html>");
            let rows = rows(&page, "p").unwrap();
            assert_eq!(rows[0].solution, format!("[c]({url})"), "{head}");
        }
    }
}
