//! One cell of the page as Markdown: the one mapping from Tencent's HTML to the texts of
//! codes.toml, so that a text imported today and one imported next year are written alike.
//!
//! - Text is kept as the page has it, entities decoded; every run of white space (spaces, tabs,
//!   newlines, no-break spaces) is one space, and none is kept at the start or end of a line.
//!   Markdown marks already in Tencent's text (`**bold**`, `` `code` ``) are kept as they are.
//! - `<a href>` becomes `[text](URL)`, the URL made absolute (see [`super::link`]); a
//!   link with no text, or not to a web or mail address, leaves its text alone.
//! - `<code>` becomes `` `text` ``; `<b>`/`<strong>` become `**text**` and `<i>`/`<em>`
//!   become `*text*`.
//! - `<li>` becomes an item `- text` (`1. text` in an `<ol>`), one per line, nested lists
//!   indented under their item. A list and the paragraphs around it are separated by a blank
//!   line.
//! - `<br>` breaks the line. Markdown would join two lines of one paragraph, so the break is
//!   written as a blank line (a new paragraph); inside a list item it starts an indented line
//!   of the item.
//! - Block elements (`<p>`, `<div>`, headings, ...) are paragraphs; anything else (`<span>`,
//!   `<font>`, ...) is its text. Scripts, styles and images are left out.

use super::dom::{Dom, Event, NodeId};
use super::link;

/// The cell `id` of `dom` as Markdown, its links resolved against `base`.
pub fn cell(dom: &Dom, id: NodeId, base: &link::Base) -> String {
    let mut writer = Writer::default();
    for event in dom.walk(id).skip(1) {
        match event {
            Event::Text(text) => writer.text(text),
            Event::Enter(name, node) => writer.enter(dom, name, node, base),
            Event::Exit(name, node) => writer.exit(name, node),
        }
    }
    writer.finish()
}

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "dl",
    "dt",
    "dd",
    "hr",
    "figure",
    "figcaption",
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Paragraph,
    /// A list item's first line: its marker (`- `, `1. `) after `indent` spaces.
    Item {
        indent: usize,
        marker: String,
    },
    /// A further line of the list item whose text starts at column `indent`.
    Continuation {
        indent: usize,
    },
}

#[derive(Debug)]
struct Block {
    kind: Kind,
    text: String,
}

/// An open list: whether it is numbered, and the number of its next item.
#[derive(Debug)]
struct List {
    ordered: bool,
    next: u32,
}

/// An inline element being written: where its text starts in the current line.
#[derive(Debug)]
struct Mark {
    node: NodeId,
    block: usize,
    start: usize,
    kind: MarkKind,
}

#[derive(Debug)]
enum MarkKind {
    Link(Option<String>),
    Code,
    Emphasis(&'static str),
}

#[derive(Debug)]
struct Writer {
    blocks: Vec<Block>,
    kind: Kind,
    text: String,
    pending_space: bool,
    lists: Vec<List>,
    /// The text column of each open list item.
    items: Vec<usize>,
    marks: Vec<Mark>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer {
            blocks: Vec::new(),
            kind: Kind::Paragraph,
            text: String::new(),
            pending_space: false,
            lists: Vec::new(),
            items: Vec::new(),
            marks: Vec::new(),
        }
    }
}

impl Writer {
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
            } else {
                self.space();
                self.text.push(c);
            }
        }
    }

    /// Writes the space that white space before this point asks for, unless at a line start.
    fn space(&mut self) {
        if self.pending_space && !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        self.pending_space = false;
    }

    fn enter(&mut self, dom: &Dom, name: &str, node: NodeId, base: &link::Base) {
        match name {
            "br" => {
                self.end_line();
                if let Some(&indent) = self.items.last() {
                    self.kind = Kind::Continuation { indent };
                }
            }
            "ul" | "ol" => {
                self.end_line();
                self.lists.push(List {
                    ordered: name == "ol",
                    next: 1,
                });
            }
            "li" => {
                self.end_line();
                let indent = self.items.last().copied().unwrap_or(0);
                let marker = match self.lists.last_mut() {
                    Some(list) if list.ordered => {
                        list.next += 1;
                        format!("{}. ", list.next - 1)
                    }
                    _ => "- ".to_owned(),
                };
                self.items.push(indent + marker.len());
                self.kind = Kind::Item { indent, marker };
            }
            "a" => {
                let href = dom
                    .attribute(node, "href")
                    .and_then(|href| base.resolve(href));
                self.open(node, MarkKind::Link(href));
            }
            "code" | "tt" | "kbd" | "samp" => self.open(node, MarkKind::Code),
            "b" | "strong" => self.open(node, MarkKind::Emphasis("**")),
            "i" | "em" => self.open(node, MarkKind::Emphasis("*")),
            name if BLOCKS.contains(&name) => self.end_line(),
            _ => {}
        }
    }

    fn exit(&mut self, name: &str, node: NodeId) {
        match name {
            "ul" | "ol" => {
                self.end_line();
                self.lists.pop();
                self.resume_item();
            }
            "li" => {
                self.end_line();
                self.items.pop();
                self.resume_item();
            }
            "a" | "code" | "tt" | "kbd" | "samp" | "b" | "strong" | "i" | "em" => self.close(node),
            name if BLOCKS.contains(&name) => self.end_line(),
            _ => {}
        }
    }

    /// After a nested list or item, text goes on in the enclosing item, if any.
    fn resume_item(&mut self) {
        self.kind = match self.items.last() {
            Some(&indent) => Kind::Continuation { indent },
            None => Kind::Paragraph,
        };
    }

    fn open(&mut self, node: NodeId, kind: MarkKind) {
        self.space();
        self.marks.push(Mark {
            node,
            block: self.blocks.len(),
            start: self.text.len(),
            kind,
        });
    }

    fn close(&mut self, node: NodeId) {
        let Some(position) = self.marks.iter().rposition(|mark| mark.node == node) else {
            return;
        };
        let mark = self.marks.remove(position);
        // A mark whose line has ended (a list inside a link) leaves its text as it is.
        if mark.block != self.blocks.len() || mark.start > self.text.len() {
            return;
        }
        let inner = self.text.split_off(mark.start);
        if inner.is_empty() {
            return;
        }
        let wrapped = match mark.kind {
            MarkKind::Link(Some(url)) => {
                let text = inner.replace('[', "\\[").replace(']', "\\]");
                format!("[{text}]({url})")
            }
            MarkKind::Link(None) => inner,
            MarkKind::Code => code_span(&inner),
            MarkKind::Emphasis(mark) => format!("{mark}{inner}{mark}"),
        };
        self.text.push_str(&wrapped);
    }

    /// Ends the current line: a paragraph, a list item or a line of one.
    fn end_line(&mut self) {
        self.pending_space = false;
        if self.text.is_empty() {
            return;
        }
        self.blocks.push(Block {
            kind: self.kind.clone(),
            text: std::mem::take(&mut self.text),
        });
        if let Kind::Item { indent, marker } = &self.kind {
            self.kind = Kind::Continuation {
                indent: indent + marker.len(),
            };
        }
    }

    fn finish(mut self) -> String {
        self.end_line();
        let mut out = String::new();
        let mut previous_in_list = None;
        for block in &self.blocks {
            let in_list = block.kind != Kind::Paragraph;
            if let Some(previous) = previous_in_list {
                out.push_str(if previous && in_list { "\n" } else { "\n\n" });
            }
            match &block.kind {
                Kind::Paragraph => {}
                Kind::Item { indent, marker } => {
                    out.push_str(&" ".repeat(*indent));
                    out.push_str(marker);
                }
                Kind::Continuation { indent } => out.push_str(&" ".repeat(*indent)),
            }
            out.push_str(&block.text);
            previous_in_list = Some(in_list);
        }
        out
    }
}

/// `text` as a code span: fenced by one more backtick than its longest run of them.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Markdown of the first `<td>` of `html`.
    fn markdown(html: &str) -> String {
        let dom = Dom::parse(&format!("<table><tr><td>{html}</td></tr></table>"));
        let td = dom.elements(dom.root(), "td").next().unwrap();
        let base = link::Base {
            page: Some("https://intl.cloud.tencent.com/document/product/583/42611".to_owned()),
            site: link::DEFAULT_BASE,
        };
        cell(&dom, td, &base)
    }

    #[test]
    fn white_space_and_entities_are_normalized() {
        assert_eq!(
            markdown(" \n\tThe  size&nbsp;of &lt;6 MB&gt; &amp; more\t\n "),
            "The size of <6 MB> & more"
        );
    }

    #[test]
    fn links_become_markdown_links_with_absolute_urls() {
        assert_eq!(
            markdown(r#"see <a href="/document/product/583/17234"> Introduction </a>, then"#),
            "see [Introduction](https://intl.cloud.tencent.com/document/product/583/17234) , then"
        );
        assert_eq!(
            markdown(r#"<a href="https://a.example/">submit a ticket."#),
            "[submit a ticket.](https://a.example/)"
        );
        assert_eq!(
            markdown(r#"<a name="x"></a>text <a href="javascript:x()">here</a>"#),
            "text here"
        );
        assert_eq!(
            markdown(r#"<a href="https://a.example/">[1]</a>"#),
            "[\\[1\\]](https://a.example/)"
        );
    }

    #[test]
    fn a_line_break_starts_a_paragraph() {
        assert_eq!(
            markdown("First line.<br>Second line.\n<br>Third: `/tmp`."),
            "First line.\n\nSecond line.\n\nThird: `/tmp`."
        );
    }

    #[test]
    fn lists_become_items_open_or_closed() {
        assert_eq!(
            markdown(
                r#"Text.<ul class="params"><li>One.</li>
<li>Two <a href="https://a.example/">link</a>.</td>"#
            ),
            "Text.\n\n- One.\n- Two [link](https://a.example/)."
        );
        assert_eq!(
            markdown("Text.<li>One.</li><li>Two.</li>"),
            "Text.\n\n- One.\n- Two."
        );
        assert_eq!(
            markdown(
                "<ol><li>One<ul><li>a</li><li>b</li></ul>still one</li><li>Two</li></ol>After"
            ),
            "1. One\n   - a\n   - b\n   still one\n2. Two\n\nAfter"
        );
        assert_eq!(markdown("<ul><li>a<br>b</li></ul>"), "- a\n  b");
    }

    #[test]
    fn code_and_emphasis_become_marks() {
        assert_eq!(
            markdown("port is<code>9000</code>. <b>Function</b> <em>Configuration</em>"),
            "port is`9000`. **Function** *Configuration*"
        );
        assert_eq!(markdown("<code>a`b</code>"), "``a`b``");
        assert_eq!(markdown("<code>`a</code>"), "`` `a ``");
        assert_eq!(markdown("x<code> </code>y<b></b>"), "x y");
    }

    #[test]
    fn markdown_already_in_the_text_is_kept() {
        assert_eq!(
            markdown("on the **Function Configuration** page, `docker run`"),
            "on the **Function Configuration** page, `docker run`"
        );
    }

    #[test]
    fn paragraphs_and_hidden_content() {
        assert_eq!(
            markdown("<p>One</p><p>Two<script>x</script><style>y</style><img src=a alt=b></p>"),
            "One\n\nTwo"
        );
        assert_eq!(markdown(""), "");
        assert_eq!(markdown("-"), "-");
    }
}
