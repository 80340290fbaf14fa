//! The Rust side of the macro's input: the path argument and the empty enum it is attached to.
//! Read by hand from the token stream: the input is this small, and syn would cost every user's
//! clean build more than it saves here.

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};

/// A mistake in the Rust code that invokes the macro, reported at `span`.
#[derive(Debug)]
pub struct RustError {
    pub span: Span,
    pub message: String,
}

impl RustError {
    fn new(span: Span, message: impl Into<String>) -> Self {
        RustError {
            span,
            message: message.into(),
        }
    }
}

/// The path argument: `"codes.toml"`, relative to the invoking crate's `CARGO_MANIFEST_DIR`.
#[derive(Debug)]
pub struct PathArgument {
    pub path: String,
    pub span: Span,
}

/// The item `#[codes]` is attached to: `#[attrs] vis enum Name {}`.
#[derive(Debug)]
pub struct EnumItem {
    /// Every other attribute of the enum, doc comments and derives included, kept in order.
    pub attrs: TokenStream,
    pub vis: TokenStream,
    pub ident: Ident,
}

const PATH_USAGE: &str = "expected the path of the codes file as a string literal, \
     relative to the crate's Cargo.toml: `#[codes(\"codes.toml\")]`";

/// Reads the single string literal of `#[codes("…")]` or `code_table!("…")`.
pub fn parse_path_argument(args: TokenStream) -> Result<PathArgument, RustError> {
    let mut tokens = args.into_iter();
    let Some(first) = tokens.next() else {
        return Err(RustError::new(Span::call_site(), PATH_USAGE));
    };
    if tokens.next().is_some() {
        return Err(RustError::new(first.span(), PATH_USAGE));
    }
    let TokenTree::Literal(literal) = &first else {
        return Err(RustError::new(first.span(), PATH_USAGE));
    };
    let text = literal.to_string();
    let path = plain_string(&text).or_else(|| raw_string(&text));
    match path {
        Some(path) if !path.is_empty() => Ok(PathArgument {
            path: path.to_owned(),
            span: literal.span(),
        }),
        _ => Err(RustError::new(literal.span(), PATH_USAGE)),
    }
}

/// The contents of `"…"` when it has no escapes, which a path never needs.
fn plain_string(literal: &str) -> Option<&str> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then_some(inner)
}

/// The contents of `r"…"` or `r#"…"#`.
fn raw_string(literal: &str) -> Option<&str> {
    let rest = literal.strip_prefix('r')?;
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let rest = &rest[hashes..];
    let rest = rest.strip_suffix(&"#".repeat(hashes))?;
    rest.strip_prefix('"')?.strip_suffix('"')
}

const ENUM_USAGE: &str =
    "`#[codes]` goes on an empty enum, whose variants it generates: `pub enum Code {}`";

/// Reads `#[attrs] vis enum Name {}`.
pub fn parse_enum(item: TokenStream) -> Result<EnumItem, RustError> {
    let mut tokens = item.into_iter().peekable();
    let mut attrs = TokenStream::new();
    while let Some(TokenTree::Punct(pound)) = tokens.peek() {
        if pound.as_char() != '#' {
            break;
        }
        let pound = tokens.next();
        match tokens.next() {
            Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Bracket => {
                attrs.extend(pound);
                attrs.extend([TokenTree::Group(group)]);
            }
            Some(other) => return Err(RustError::new(other.span(), ENUM_USAGE)),
            None => return Err(RustError::new(Span::call_site(), ENUM_USAGE)),
        }
    }

    let mut vis = TokenStream::new();
    if let Some(TokenTree::Ident(word)) = tokens.peek() {
        if word == "pub" {
            vis.extend(tokens.next());
            if let Some(TokenTree::Group(group)) = tokens.peek() {
                if group.delimiter() == Delimiter::Parenthesis {
                    vis.extend(tokens.next());
                }
            }
        }
    }

    match tokens.next() {
        Some(TokenTree::Ident(word)) if word == "enum" => {}
        Some(other) => return Err(RustError::new(other.span(), ENUM_USAGE)),
        None => return Err(RustError::new(Span::call_site(), ENUM_USAGE)),
    }
    let ident = match tokens.next() {
        Some(TokenTree::Ident(ident)) => ident,
        Some(other) => return Err(RustError::new(other.span(), ENUM_USAGE)),
        None => return Err(RustError::new(Span::call_site(), ENUM_USAGE)),
    };
    match tokens.next() {
        Some(TokenTree::Group(body)) if body.delimiter() == Delimiter::Brace => {
            if let Some(variant) = body.stream().into_iter().next() {
                return Err(RustError::new(
                    variant.span(),
                    "the enum must be empty: its variants are generated from the codes file; \
                     add a code there instead",
                ));
            }
        }
        Some(other) => {
            return Err(RustError::new(
                other.span(),
                "the enum takes no generic parameters or where clause: `pub enum Code {}`",
            ));
        }
        None => return Err(RustError::new(ident.span(), ENUM_USAGE)),
    }
    if let Some(extra) = tokens.next() {
        return Err(RustError::new(extra.span(), ENUM_USAGE));
    }
    Ok(EnumItem { attrs, vis, ident })
}

impl EnumItem {
    /// Whether a `#[derive(…)]` of the enum names `Copy`, which the generated table needs: its
    /// accessors take and return codes by value.
    pub fn derives_copy(&self) -> bool {
        for token in self.attrs.clone() {
            let TokenTree::Group(attr) = token else {
                continue;
            };
            let mut inner = attr.stream().into_iter();
            let is_derive =
                matches!(inner.next(), Some(TokenTree::Ident(word)) if word == "derive");
            if let (true, Some(TokenTree::Group(list))) = (is_derive, inner.next()) {
                let names_copy = list
                    .stream()
                    .into_iter()
                    .any(|token| matches!(&token, TokenTree::Ident(word) if word == "Copy"));
                if names_copy {
                    return true;
                }
            }
        }
        false
    }

    /// The error for an enum without `#[derive(Clone, Copy)]`.
    pub fn missing_copy(&self) -> RustError {
        RustError::new(
            self.ident.span(),
            format!(
                "`{}` must derive `Clone` and `Copy`: the generated accessors take and return \
                 codes by value; add `#[derive(Clone, Copy)]` below `#[codes]`",
                self.ident
            ),
        )
    }

    /// The same enum with `#[derive(Clone, Copy)]` added, for the code generated after an error.
    pub fn with_copy(&self) -> EnumItem {
        let mut attrs = self.attrs.clone();
        attrs.extend(quote::quote!(#[derive(::core::clone::Clone, ::core::marker::Copy)]));
        EnumItem {
            attrs,
            vis: self.vis.clone(),
            ident: self.ident.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn tokens(text: &str) -> TokenStream {
        TokenStream::from_str(text).unwrap()
    }

    #[test]
    fn a_string_literal_is_the_path() {
        assert_eq!(
            parse_path_argument(tokens("\"codes.toml\"")).unwrap().path,
            "codes.toml"
        );
        assert_eq!(
            parse_path_argument(tokens("r#\"a/b.toml\"#")).unwrap().path,
            "a/b.toml"
        );
    }

    #[test]
    fn anything_but_one_string_literal_is_rejected() {
        for input in ["", "codes", "\"a\", \"b\"", "433", "\"\"", "\"a\\\\b\""] {
            let error = parse_path_argument(tokens(input)).unwrap_err();
            assert!(error.message.starts_with("expected the path"), "{input}");
        }
    }

    #[test]
    fn an_empty_enum_keeps_its_attributes_visibility_and_name() {
        let item = parse_enum(tokens(
            "/// Docs.\n#[derive(Debug)] pub(crate) enum Code {}",
        ))
        .unwrap();
        assert_eq!(item.ident, "Code");
        assert_eq!(item.vis.to_string(), "pub (crate)");
        assert_eq!(
            item.attrs.to_string(),
            "# [doc = \" Docs.\"] # [derive (Debug)]"
        );
    }

    #[test]
    fn a_derive_of_copy_is_found_among_the_attributes() {
        let with = parse_enum(tokens("#[derive(Debug, Clone, Copy)] enum Code {}")).unwrap();
        assert!(with.derives_copy());
        let without =
            parse_enum(tokens("#[derive(Debug)] #[doc = \"Copy\"] enum Code {}")).unwrap();
        assert!(!without.derives_copy());
        assert!(without.with_copy().derives_copy());
    }

    #[test]
    fn other_items_and_non_empty_enums_are_rejected() {
        let cases = [
            ("struct Code;", "`#[codes]` goes on an empty enum"),
            ("enum Code { A }", "the enum must be empty"),
            ("enum Code<T> {}", "the enum takes no generic parameters"),
            ("pub enum {}", "`#[codes]` goes on an empty enum"),
            ("enum Code {} fn f() {}", "`#[codes]` goes on an empty enum"),
        ];
        for (input, start) in cases {
            let error = parse_enum(tokens(input)).unwrap_err();
            assert!(
                error.message.starts_with(start),
                "{input}: {}",
                error.message
            );
        }
    }
}
