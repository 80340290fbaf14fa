//! The document tree that html5ever builds from a page: an arena of nodes, as a browser would
//! have them after parsing (implied `<tr>`s inserted, open `<li>`s closed, entities decoded).
//!
//! html5ever leaves the tree to its caller (the `TreeSink` trait); this is the smallest one that
//! keeps what the table reader needs: elements with their attributes and source line, and text.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use html5ever::tendril::{StrTendril, TendrilSink as _};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName, ns};

/// A node of a [`Dom`], by its index.
pub type NodeId = usize;

/// A parsed HTML document.
#[derive(Debug, Default)]
pub struct Dom {
    nodes: Vec<Node>,
}

/// One node of the tree.
#[derive(Debug)]
struct Node {
    kind: Kind,
    parent: Option<NodeId>,
    children: Vec<NodeId>,
    /// The line of the source where the node starts (1-based).
    line: u64,
}

#[derive(Debug)]
enum Kind {
    Document,
    /// An HTML element: its lowercase local name and attributes. Elements of other namespaces
    /// (SVG, MathML) keep an empty name, so that no rule for HTML applies to them.
    Element {
        name: String,
        attributes: Vec<(String, String)>,
    },
    Text(String),
    Comment(String),
    /// Doctypes, processing instructions and template contents: nothing the table reader looks
    /// at.
    Other,
}

/// What a walk over a subtree meets, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    /// The start of an element: its name and id.
    Enter(&'a str, NodeId),
    /// The end of an element.
    Exit(&'a str, NodeId),
    /// A run of text.
    Text(&'a str),
}

/// Elements whose content is never shown as text.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript", "head", "title"];

impl Dom {
    /// Parses a whole document as a browser does.
    pub fn parse(html: &str) -> Dom {
        let sink = Sink::default();
        html5ever::parse_document(sink, Default::default()).one(html)
    }

    /// The document node, the root of the tree.
    pub fn root(&self) -> NodeId {
        0
    }

    /// The element's lowercase local name; `None` for any other node.
    pub fn name(&self, id: NodeId) -> Option<&str> {
        match &self.nodes.get(id)?.kind {
            Kind::Element { name, .. } => Some(name),
            _ => None,
        }
    }

    /// The value of an element's attribute.
    pub fn attribute(&self, id: NodeId, attribute: &str) -> Option<&str> {
        match &self.nodes.get(id)?.kind {
            Kind::Element { attributes, .. } => attributes
                .iter()
                .find(|(name, _)| name == attribute)
                .map(|(_, value)| value.as_str()),
            _ => None,
        }
    }

    /// The node's children, in order.
    pub fn children(&self, id: NodeId) -> &[NodeId] {
        self.nodes
            .get(id)
            .map_or(&[], |node| node.children.as_slice())
    }

    /// The node's parent; `None` for the document and for nodes outside the tree.
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes.get(id)?.parent
    }

    /// The line of the source where the node starts.
    pub fn line(&self, id: NodeId) -> u64 {
        self.nodes.get(id).map_or(0, |node| node.line)
    }

    /// Every element under `id` (itself included) with this name, in document order, not
    /// looking inside hidden elements (scripts, styles, templates).
    pub fn elements<'a>(&'a self, id: NodeId, name: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        self.walk(id).filter_map(move |event| match event {
            Event::Enter(found, id) if found == name => Some(id),
            _ => None,
        })
    }

    /// The child elements of `id` with one of these names.
    pub fn child_elements<'a>(
        &'a self,
        id: NodeId,
        names: &'a [&'a str],
    ) -> impl Iterator<Item = NodeId> + 'a {
        self.children(id)
            .iter()
            .copied()
            .filter(move |&child| self.name(child).is_some_and(|name| names.contains(&name)))
    }

    /// Walks the subtree of `id` in document order, without recursion (a hostile page may nest
    /// elements a million deep), skipping the content of hidden elements.
    pub fn walk(&self, id: NodeId) -> impl Iterator<Item = Event<'_>> {
        // Each entry: a node, and whether it is being left (true) or entered (false).
        let mut stack = vec![(id, false)];
        std::iter::from_fn(move || {
            loop {
                let (id, leaving) = stack.pop()?;
                let node = self.nodes.get(id)?;
                match &node.kind {
                    Kind::Text(text) => return Some(Event::Text(text)),
                    Kind::Element { name, .. } if leaving => {
                        return Some(Event::Exit(name, id));
                    }
                    Kind::Element { name, .. } => {
                        if HIDDEN.contains(&name.as_str()) {
                            continue;
                        }
                        stack.push((id, true));
                        stack.extend(node.children.iter().rev().map(|&child| (child, false)));
                        return Some(Event::Enter(name, id));
                    }
                    Kind::Document => {
                        stack.extend(node.children.iter().rev().map(|&child| (child, false)));
                    }
                    Kind::Comment(_) | Kind::Other => {}
                }
            }
        })
    }

    /// Every comment of the document (a browser's "saved from url" note is one).
    pub fn comments(&self) -> impl Iterator<Item = &str> {
        self.nodes.iter().filter_map(|node| match &node.kind {
            Kind::Comment(text) => Some(text.as_str()),
            _ => None,
        })
    }

    /// Every element of the document with this name, hidden ones and those in `<head>`
    /// included, in the order the parser created them.
    pub fn all_elements<'a>(&'a self, name: &'a str) -> impl Iterator<Item = NodeId> + 'a {
        (0..self.nodes.len()).filter(move |&id| self.name(id) == Some(name))
    }
}

/// The sink html5ever's tree builder writes into.
struct Sink {
    nodes: RefCell<Vec<Node>>,
    line: Cell<u64>,
    /// The name given for nodes that are not elements; the tree builder never asks for one.
    no_name: QualName,
}

impl Default for Sink {
    fn default() -> Self {
        Sink {
            nodes: RefCell::new(vec![Node {
                kind: Kind::Document,
                parent: None,
                children: Vec::new(),
                line: 1,
            }]),
            line: Cell::new(1),
            no_name: QualName::new(None, ns!(), Default::default()),
        }
    }
}

/// A node as the tree builder holds it: its id and, for an element, its qualified name (kept
/// here so that `elem_name` can lend it without borrowing the arena).
#[derive(Clone)]
struct Handle {
    id: NodeId,
    name: Option<Rc<QualName>>,
}

impl Sink {
    fn new_node(&self, kind: Kind) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        nodes.push(Node {
            kind,
            parent: None,
            children: Vec::new(),
            line: self.line.get(),
        });
        nodes.len() - 1
    }

    fn detach(&self, id: NodeId) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(parent) = nodes[id].parent.take() {
            nodes[parent].children.retain(|&child| child != id);
        }
    }

    /// Inserts a node or text among `parent`'s children at `index`, merging text with a text
    /// node before it.
    fn insert(&self, parent: NodeId, index: usize, child: NodeOrText<Handle>) {
        match child {
            NodeOrText::AppendNode(handle) => {
                self.detach(handle.id);
                let mut nodes = self.nodes.borrow_mut();
                let index = index.min(nodes[parent].children.len());
                nodes[parent].children.insert(index, handle.id);
                nodes[handle.id].parent = Some(parent);
            }
            NodeOrText::AppendText(text) => {
                let previous = index
                    .checked_sub(1)
                    .and_then(|i| self.nodes.borrow()[parent].children.get(i).copied());
                if let Some(previous) = previous
                    && let Kind::Text(existing) = &mut self.nodes.borrow_mut()[previous].kind
                {
                    existing.push_str(&text);
                    return;
                }
                let id = self.new_node(Kind::Text(text.to_string()));
                let mut nodes = self.nodes.borrow_mut();
                let index = index.min(nodes[parent].children.len());
                nodes[parent].children.insert(index, id);
                nodes[id].parent = Some(parent);
            }
        }
    }

    fn other(&self) -> Handle {
        Handle {
            id: self.new_node(Kind::Other),
            name: None,
        }
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Dom;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    // A page is read as a browser reads it: parse errors are recovered from, never reported.
    fn parse_error(&self, _message: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        Handle { id: 0, name: None }
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
        target.name.as_deref().unwrap_or(&self.no_name)
    }

    fn create_element(
        &self,
        name: QualName,
        attributes: Vec<Attribute>,
        _flags: ElementFlags,
    ) -> Handle {
        let html = name.ns == ns!(html);
        let kind = Kind::Element {
            name: if html {
                name.local.to_string()
            } else {
                String::new()
            },
            attributes: attributes
                .into_iter()
                .map(|attribute| {
                    (
                        attribute.name.local.to_string(),
                        attribute.value.to_string(),
                    )
                })
                .collect(),
        };
        Handle {
            id: self.new_node(kind),
            name: Some(Rc::new(name)),
        }
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        Handle {
            id: self.new_node(Kind::Comment(text.to_string())),
            name: None,
        }
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.other()
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.insert(parent.id, usize::MAX, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        if self.nodes.borrow()[element.id].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public: StrTendril,
        _system: StrTendril,
    ) {
        let doctype = self.other();
        self.append(&self.get_document(), NodeOrText::AppendNode(doctype));
    }

    fn get_template_contents(&self, _target: &Handle) -> Handle {
        // Template contents stay out of the tree, as a browser keeps them out of the page.
        self.other()
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        let Some(parent) = self.nodes.borrow()[sibling.id].parent else {
            return;
        };
        if let NodeOrText::AppendNode(handle) = &new_node {
            self.detach(handle.id);
        }
        let index = self.nodes.borrow()[parent]
            .children
            .iter()
            .position(|&child| child == sibling.id)
            .unwrap_or(usize::MAX);
        self.insert(parent, index, new_node);
    }

    fn add_attrs_if_missing(&self, target: &Handle, attributes: Vec<Attribute>) {
        if let Kind::Element {
            attributes: existing,
            ..
        } = &mut self.nodes.borrow_mut()[target.id].kind
        {
            for attribute in attributes {
                let name = attribute.name.local.to_string();
                if !existing.iter().any(|(existing, _)| *existing == name) {
                    existing.push((name, attribute.value.to_string()));
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.detach(target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let children = std::mem::take(&mut self.nodes.borrow_mut()[node.id].children);
        let mut nodes = self.nodes.borrow_mut();
        for &child in &children {
            nodes[child].parent = Some(new_parent.id);
        }
        nodes[new_parent.id].children.extend(children);
    }

    fn set_current_line(&self, line: u64) {
        self.line.set(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dom: &Dom) -> Vec<String> {
        dom.walk(dom.root())
            .map(|event| match event {
                Event::Enter(name, _) => format!("<{name}>"),
                Event::Exit(name, _) => format!("</{name}>"),
                Event::Text(text) => text.to_owned(),
            })
            .collect()
    }

    #[test]
    fn a_cell_without_its_row_gets_one_as_in_a_browser() {
        let dom = Dom::parse("<table><tbody><tr><td>a</td></tr>\n<td>b</td></tr></tbody></table>");
        let rows: Vec<_> = dom.elements(dom.root(), "tr").collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(dom.line(rows[1]), 2);
    }

    #[test]
    fn open_list_items_close_at_the_end_of_their_cell() {
        let dom = Dom::parse("<table><tr><td><ul><li>a<li>b</td><td>c</td></tr></table>");
        let text = names(&dom).concat();
        assert!(
            text.contains("<td><ul><li>a</li><li>b</li></ul></td><td>c</td>"),
            "{text}"
        );
    }

    #[test]
    fn scripts_styles_and_templates_are_not_walked() {
        let dom = Dom::parse(
            "<head><title>t</title><style>td{}</style></head><body><script>var x = '<td>';</script>\
             <template><p>hidden</p></template><p>shown</p></body>",
        );
        let text = names(&dom).concat();
        assert_eq!(text, "<html><body><p>shown</p></body></html>");
    }

    #[test]
    fn misnested_formatting_is_repaired_without_losing_text() {
        let dom = Dom::parse("<p><b>one <i>two</b> three</i></p>");
        let text: String = dom
            .walk(dom.root())
            .filter_map(|event| match event {
                Event::Text(text) => Some(text),
                _ => None,
            })
            .collect();
        assert_eq!(text, "one two three");
    }

    #[test]
    fn a_deeply_nested_page_is_walked_without_overflowing_the_stack() {
        let html = "<span>".repeat(200_000) + "deep";
        let dom = Dom::parse(&html);
        assert!(
            dom.walk(dom.root())
                .any(|event| event == Event::Text("deep"))
        );
    }
}
