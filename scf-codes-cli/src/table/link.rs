//! Links made absolute: a relative `href` resolved against the page's address, as a browser
//! does (RFC 3986, section 5.2).

/// The address the table's links are resolved against when an English page does not say where
/// it came from: the site of Tencent's English documentation, where the table's own links point.
pub const DEFAULT_BASE: &str = "https://intl.cloud.tencent.com/";

/// As [`DEFAULT_BASE`], for a Chinese page: the site of Tencent's Chinese documentation.
pub const DEFAULT_BASE_ZH: &str = "https://cloud.tencent.com/";

/// Where the links of a page are resolved: the page's own address when it gives one, else the
/// site of its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    /// The page's own address: its `<base>`, canonical link, `og:url` or "saved from" note.
    pub page: Option<String>,
    /// The site of the page's language: [`DEFAULT_BASE`] or [`DEFAULT_BASE_ZH`].
    pub site: &'static str,
}

impl Base {
    /// No address at all: links stay relative. For reading a cell's text, not its links.
    pub fn none() -> Base {
        Base {
            page: None,
            site: "",
        }
    }

    /// `href` made absolute, or `None` when it is not a link worth keeping. A fragment-only
    /// link (`#handler`) points to a place on the page itself: it resolves against the page's
    /// address, and is kept as written when the page gives none (never a link to the site's
    /// home page). An `href` in curly quotes is read without them.
    pub fn resolve(&self, href: &str) -> Option<String> {
        let href = unquoted(href);
        if is_same_page(href) {
            return match &self.page {
                Some(page) => resolve(page, href),
                // An empty href is the page itself: without its address, no link at all.
                None if href.trim().is_empty() => None,
                None => Some(escape(href.trim())),
            };
        }
        resolve(self.page.as_deref().unwrap_or(self.site), href)
    }

    /// What is wrong with `href`, for a warning: written in curly quotes, or a fragment-only
    /// link that the page's missing address leaves as written.
    pub fn problem(&self, href: &str) -> Option<String> {
        let unquoted = unquoted(href);
        if unquoted.len() != href.len() {
            return Some(format!(
                "the link href={href} is written with curly quotes; read as {unquoted:?}"
            ));
        }
        (is_same_page(href) && self.page.is_none()).then(|| {
            let kept = if href.trim().is_empty() {
                "its text is kept without the link"
            } else {
                "kept as written"
            };
            format!(
                "the link {:?} points to the page itself, whose address the page does not \
                 give: {kept}; save the whole page from the browser so that it can be resolved",
                href.trim()
            )
        })
    }
}

/// `href` without the curly quotes a word processor puts around it (`href=“https://…”`), which
/// a browser takes as part of the address.
fn unquoted(href: &str) -> &str {
    href.trim_matches(|c: char| matches!(c, '“' | '”' | '‘' | '’') || c.is_ascii_whitespace())
}

/// Whether `href` points to the page itself: a fragment (`#name`), a query (`?lang=zh#x`), or
/// nothing at all (`href=""`). Resolved against the site's home page, it would point there.
fn is_same_page(href: &str) -> bool {
    let href = href.trim();
    href.is_empty() || href.starts_with('#') || href.starts_with('?')
}

/// The schemes kept as links; any other (`javascript:`, `data:`) leaves the link's text alone.
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "ftp"];

/// `reference` resolved against `base`, or `None` when it is not a link worth keeping.
pub fn resolve(base: &str, reference: &str) -> Option<String> {
    // A browser drops tabs and newlines anywhere in a URL, and spaces at its ends.
    let reference: String = reference
        .trim_matches(|c: char| c.is_ascii_whitespace())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let resolved = match scheme(&reference) {
        Some(_) => reference,
        None => merge(base, &reference)?,
    };
    let scheme = scheme(&resolved)?.to_ascii_lowercase();
    LINK_SCHEMES
        .contains(&scheme.as_str())
        .then(|| escape(&resolved))
}

/// Whether `text` is an absolute URL (starts with a scheme).
pub fn is_absolute(text: &str) -> bool {
    scheme(text.trim()).is_some()
}

/// The scheme of an absolute URL.
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// A relative reference resolved against an absolute base.
fn merge(base: &str, reference: &str) -> Option<String> {
    let base = base.split('#').next().unwrap_or(base);
    let scheme = scheme(base)?;
    let rest = &base[scheme.len() + 1..];
    let (authority, path_and_query) = match rest.strip_prefix("//") {
        Some(after) => {
            let end = after.find(['/', '?']).unwrap_or(after.len());
            (Some(&after[..end]), &after[end..])
        }
        None => (None, rest),
    };
    let (base_path, base_query) = match path_and_query.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path_and_query, None),
    };
    let prefix = match authority {
        Some(authority) => format!("{scheme}://{authority}"),
        None => format!("{scheme}:"),
    };
    if let Some(network) = reference.strip_prefix("//") {
        return Some(format!("{scheme}://{network}"));
    }
    // The reference's path, and what follows it (query, fragment).
    let end = reference.find(['?', '#']).unwrap_or(reference.len());
    let (path, tail) = reference.split_at(end);
    let (path, tail) = if path.is_empty() {
        let tail = match (tail.starts_with('#'), base_query) {
            (true, Some(query)) => format!("?{query}{tail}"),
            _ => tail.to_owned(),
        };
        (base_path.to_owned(), tail)
    } else if path.starts_with('/') {
        (remove_dot_segments(path), tail.to_owned())
    } else {
        let directory = match base_path.rfind('/') {
            Some(slash) => &base_path[..=slash],
            None if authority.is_some() => "/",
            None => "",
        };
        (
            remove_dot_segments(&format!("{directory}{path}")),
            tail.to_owned(),
        )
    };
    Some(format!("{prefix}{path}{tail}"))
}

/// `.` and `..` segments resolved away.
fn remove_dot_segments(path: &str) -> String {
    let mut output: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {
                if last {
                    output.push("");
                }
            }
            ".." => {
                if output.len() > 1 {
                    output.pop();
                }
                if last {
                    output.push("");
                }
            }
            segment => output.push(segment),
        }
    }
    let joined = output.join("/");
    if path.starts_with('/') && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Characters that would end a Markdown link destination, percent-encoded.
fn escape(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            c if c.is_control() => {
                let mut buffer = [0; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://intl.cloud.tencent.com/document/product/583/42611?lang=en#table";

    #[test]
    fn fragment_only_links_resolve_against_the_page_or_stay_as_written() {
        let saved = Base {
            page: Some("https://cloud.tencent.com/document/product/583/42611".to_owned()),
            site: DEFAULT_BASE_ZH,
        };
        assert_eq!(
            saved.resolve("#handler").as_deref(),
            Some("https://cloud.tencent.com/document/product/583/42611#handler")
        );
        assert_eq!(saved.problem("#handler"), None);
        let bare = Base {
            page: None,
            site: DEFAULT_BASE_ZH,
        };
        assert_eq!(bare.resolve(" #handler").as_deref(), Some("#handler"));
        assert!(
            bare.problem("#handler")
                .unwrap()
                .contains("kept as written")
        );
        assert_eq!(
            bare.resolve("/document/product/583/9210").as_deref(),
            Some("https://cloud.tencent.com/document/product/583/9210")
        );
        // A query or an empty href is the page itself too: never the site's home page.
        assert_eq!(bare.resolve("?lang=zh#x").as_deref(), Some("?lang=zh#x"));
        assert!(
            bare.problem("?lang=zh#x")
                .unwrap()
                .contains("kept as written")
        );
        assert_eq!(bare.resolve(""), None);
        assert!(bare.problem("").unwrap().contains("without the link"));
        assert_eq!(
            saved.resolve("").as_deref(),
            Some("https://cloud.tencent.com/document/product/583/42611")
        );
    }

    #[test]
    fn an_href_in_curly_quotes_is_read_without_them_and_reported() {
        let bare = Base {
            page: None,
            site: DEFAULT_BASE_ZH,
        };
        let href = "“https://console.cloud.tencent.com/workorder/category”";
        assert_eq!(
            bare.resolve(href).as_deref(),
            Some("https://console.cloud.tencent.com/workorder/category")
        );
        assert!(bare.problem(href).unwrap().contains("curly quotes"));
        assert_eq!(bare.problem("https://a.example/"), None);
    }

    #[test]
    fn absolute_links_are_kept_as_written() {
        let url = "https://console.cloud.tencent.com/workorder/category?level1_id=6&step=2";
        assert_eq!(resolve(BASE, url).as_deref(), Some(url));
    }

    #[test]
    fn relative_links_resolve_against_the_page() {
        let cases = [
            (
                "/document/product/583/17234",
                "https://intl.cloud.tencent.com/document/product/583/17234",
            ),
            (
                "17234",
                "https://intl.cloud.tencent.com/document/product/583/17234",
            ),
            (
                "../582/1#top",
                "https://intl.cloud.tencent.com/document/product/582/1#top",
            ),
            ("//cloud.tencent.com/x", "https://cloud.tencent.com/x"),
            (
                "#anchor",
                "https://intl.cloud.tencent.com/document/product/583/42611?lang=en#anchor",
            ),
            (
                "?lang=zh",
                "https://intl.cloud.tencent.com/document/product/583/42611?lang=zh",
            ),
            (
                "./a/./b/../c",
                "https://intl.cloud.tencent.com/document/product/583/a/c",
            ),
            ("/../../x", "https://intl.cloud.tencent.com/x"),
        ];
        for (reference, expected) in cases {
            assert_eq!(
                resolve(BASE, reference).as_deref(),
                Some(expected),
                "{reference}"
            );
        }
        assert_eq!(
            resolve(DEFAULT_BASE, "document/x").as_deref(),
            Some("https://intl.cloud.tencent.com/document/x")
        );
    }

    #[test]
    fn white_space_around_and_inside_is_dropped_as_a_browser_does() {
        assert_eq!(
            resolve(BASE, " \n https://a.example/x\ty \n").as_deref(),
            Some("https://a.example/xy")
        );
    }

    #[test]
    fn script_and_data_links_are_not_links() {
        assert_eq!(resolve(BASE, "javascript:void(0)"), None);
        assert_eq!(resolve(BASE, "data:text/html,x"), None);
    }

    #[test]
    fn characters_that_end_a_markdown_link_are_encoded() {
        assert_eq!(
            resolve(BASE, "https://a.example/x (1)/<y>").as_deref(),
            Some("https://a.example/x%20%281%29/%3Cy%3E")
        );
    }
}
