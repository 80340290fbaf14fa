//! The Rust side of the macros' input, read with syn: the path argument and the empty enum that
//! `#[codes]` is attached to, handed to the generator as its [`PathArgument`] and
//! [`scf_codes_generator::EnumItem`]. Every mistake is a `syn::Error` at the offending tokens.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens as _;
use scf_codes_generator::PathArgument;
use syn::punctuated::Punctuated;
use syn::{Attribute, Data, DeriveInput, Ident, LitStr, Path, Token, Visibility};

/// The item `#[codes]` is attached to: `#[attrs] vis enum Name {}`.
pub struct EnumItem {
    /// Every other attribute of the enum, doc comments and derives included, kept in order.
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub ident: Ident,
}

/// Reads the single string literal of `#[codes("…")]`, `limits!("…")` or `code_table!("…")`.
/// `usage` is the invocation as it should be written, for the error.
pub fn parse_path_argument(args: TokenStream, usage: &str) -> syn::Result<PathArgument> {
    let error = |span| {
        syn::Error::new(
            span,
            format!(
                "expected the path of the codes file as a string literal, relative to the \
                 crate's Cargo.toml: `{usage}`"
            ),
        )
    };
    if args.is_empty() {
        return Err(error(Span::call_site()));
    }
    // syn finds the place, "expected string literal" or "unexpected token"; the usage says
    // what the path is.
    let literal: LitStr = syn::parse2(args).map_err(|syn_error| error(syn_error.span()))?;
    let path = literal.value();
    if path.is_empty() {
        return Err(error(literal.span()));
    }
    Ok(PathArgument {
        path,
        span: literal.span(),
    })
}

/// Reads `#[attrs] vis enum Name {}`.
pub fn parse_enum(item: TokenStream) -> syn::Result<EnumItem> {
    let input: DeriveInput = syn::parse2(item).map_err(|error| {
        syn::Error::new(
            error.span(),
            "`#[codes]` goes on an empty enum, whose variants it generates: `pub enum Code {}`",
        )
    })?;
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            input.ident.span(),
            "`#[codes]` goes on an empty enum, whose variants it generates: `pub enum Code {}`",
        ));
    };
    let generics = &input.generics;
    if !generics.params.is_empty() || generics.where_clause.is_some() {
        let span = match (&generics.lt_token, &generics.where_clause) {
            (Some(lt), _) => lt.span,
            (None, Some(clause)) => clause.where_token.span,
            (None, None) => input.ident.span(),
        };
        return Err(syn::Error::new(
            span,
            "the enum takes no generic parameters or where clause: `pub enum Code {}`",
        ));
    }
    if let Some(variant) = data.variants.first() {
        return Err(syn::Error::new(
            variant.ident.span(),
            "the enum must be empty: its variants are generated from the codes file; \
             add a code there instead",
        ));
    }
    Ok(EnumItem {
        attrs: input.attrs,
        vis: input.vis,
        ident: input.ident,
    })
}

/// The traits the generated code needs the enum to derive: its accessors take and return codes
/// by value.
const REQUIRED_DERIVES: [&str; 2] = ["Clone", "Copy"];

impl EnumItem {
    /// The enum as the generator takes it.
    pub fn for_generator(&self) -> scf_codes_generator::EnumItem {
        let attrs = &self.attrs;
        scf_codes_generator::EnumItem {
            attrs: quote::quote!(#(#attrs)*),
            vis: self.vis.to_token_stream(),
            ident: self.ident.clone(),
        }
    }

    /// The traits of [`REQUIRED_DERIVES`] that no `#[derive(…)]` of the enum names.
    pub fn missing_derives(&self) -> Vec<&'static str> {
        let derived: Vec<Path> = self
            .attrs
            .iter()
            .filter(|attr| attr.path().is_ident("derive"))
            .filter_map(|attr| {
                attr.parse_args_with(Punctuated::<Path, Token![,]>::parse_terminated)
                    .ok()
            })
            .flatten()
            .collect();
        REQUIRED_DERIVES
            .into_iter()
            .filter(|required| {
                !derived.iter().any(|path| {
                    path.segments
                        .last()
                        .is_some_and(|segment| segment.ident == required)
                })
            })
            .collect()
    }

    /// The error for an enum that does not derive `Clone` and `Copy`.
    pub fn missing_derives_error(&self) -> syn::Error {
        syn::Error::new(
            self.ident.span(),
            format!(
                "`{}` must derive `Clone` and `Copy`: the generated accessors take and return \
                 codes by value; add `#[derive(Clone, Copy)]` below `#[codes]`",
                self.ident
            ),
        )
    }

    /// The same enum with the missing derives added, for the code generated after an error.
    pub fn with_derives(&self, missing: &[&str]) -> EnumItem {
        let mut attrs = self.attrs.clone();
        let paths = missing.iter().map(|name| -> Path {
            match *name {
                "Clone" => syn::parse_quote!(::core::clone::Clone),
                _ => syn::parse_quote!(::core::marker::Copy),
            }
        });
        attrs.push(syn::parse_quote!(#[derive(#(#paths),*)]));
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
        for (input, path) in [
            ("\"codes.toml\"", "codes.toml"),
            ("r#\"a/b.toml\"#", "a/b.toml"),
            ("\"data\\\\codes.toml\"", "data\\codes.toml"),
        ] {
            assert_eq!(
                parse_path_argument(tokens(input), "x!()").unwrap().path,
                path
            );
        }
    }

    #[test]
    fn anything_but_one_string_literal_is_rejected() {
        for input in [
            "",
            "codes",
            "\"a\", \"b\"",
            "433",
            "\"\"",
            "b\"codes.toml\"",
        ] {
            let error = parse_path_argument(tokens(input), "x!()").unwrap_err();
            assert!(
                error.to_string().starts_with("expected the path"),
                "{input}"
            );
        }
    }

    #[test]
    fn an_empty_enum_keeps_its_attributes_visibility_and_name() {
        let item = parse_enum(tokens(
            "/// Docs.\n#[derive(Debug)] pub(crate) enum Code {}",
        ))
        .unwrap();
        assert_eq!(item.ident, "Code");
        assert_eq!(item.vis.to_token_stream().to_string(), "pub (crate)");
        let attrs: Vec<String> = item
            .attrs
            .iter()
            .map(|attr| attr.to_token_stream().to_string())
            .collect();
        assert_eq!(attrs, ["# [doc = \" Docs.\"]", "# [derive (Debug)]"]);
    }

    #[test]
    fn missing_derives_are_named_and_added_by_the_fallback() {
        let with = parse_enum(tokens(
            "#[derive(Debug, Clone, core::marker::Copy)] enum C {}",
        ));
        assert_eq!(with.unwrap().missing_derives(), Vec::<&str>::new());
        let without = parse_enum(tokens("#[derive(Debug)] #[doc = \"Copy\"] enum C {}")).unwrap();
        assert_eq!(without.missing_derives(), ["Clone", "Copy"]);
        let only_clone = parse_enum(tokens("#[derive(Clone)] enum C {}")).unwrap();
        assert_eq!(only_clone.missing_derives(), ["Copy"]);
        let fixed = only_clone.with_derives(&only_clone.missing_derives());
        assert_eq!(fixed.missing_derives(), Vec::<&str>::new());
    }

    #[test]
    fn other_items_and_non_empty_enums_are_rejected() {
        let cases = [
            ("struct Code;", "`#[codes]` goes on an empty enum"),
            ("fn code() {}", "`#[codes]` goes on an empty enum"),
            ("enum Code { A }", "the enum must be empty"),
            ("enum Code<T> {}", "the enum takes no generic parameters"),
            (
                "enum Code where u8: Copy {}",
                "the enum takes no generic parameters",
            ),
            ("pub enum {}", "`#[codes]` goes on an empty enum"),
            ("enum Code {} fn f() {}", "`#[codes]` goes on an empty enum"),
        ];
        for (input, start) in cases {
            let Err(error) = parse_enum(tokens(input)) else {
                panic!("{input}: accepted");
            };
            let error = error.to_string();
            assert!(error.starts_with(start), "{input}: {error}");
        }
    }
}
