//! Code generation: the enum, its table columns, its const accessors and its trait impls.
//!
//! The table is stored by column. Each variant's discriminant is its row, so every accessor is
//! one array index, and `from_u16` is one bounds check and one load from a dense index of the
//! three-digit numbers.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::docs;
use crate::invocation::EnumItem;
use crate::table::Table;

/// The texts of `Unknown`: a code the table does not have.
pub const UNKNOWN_MESSAGE: &str = "Unknown status code";
const UNKNOWN_DESCRIPTION: &str = "This status code is not in the SCF status code table that this \
     version of scf-codes was built from.";
const UNKNOWN_SOLUTION: &str = "Look the code up in Tencent Cloud's current SCF documentation; a \
     newer scf-codes may know it. To add it, edit codes.toml.";
/// The texts of `Unknown` in Chinese.
const UNKNOWN_DESCRIPTION_ZH: &str = "此状态码不在构建此版本 scf-codes 所用的 SCF 状态码表中。";
const UNKNOWN_SOLUTION_ZH: &str = "请在腾讯云最新的云函数文档中查找此状态码；更新版本的 scf-codes \
     可能收录了它。如需添加，请编辑 codes.toml。";

/// Generates the enum named by `item` with one variant per code of `table`, plus
/// `Unknown(crate::UnknownCode)`, and everything that is implemented on it.
///
/// `UnknownCode` is scf-codes' opaque number: a tuple struct whose field is private to the crate
/// root, where the enum is generated, with a `get`. Only `from_u16` makes one, from a number that
/// is not in the table, so no two values of the enum have the same number.
pub fn expand(item: &EnumItem, table: &Table) -> TokenStream {
    let EnumItem { attrs, vis, ident } = item;
    let rows = table.codes.len();
    let names: Vec<Ident> = table
        .codes
        .iter()
        .map(|code| Ident::new(&code.name, Span::call_site()))
        .collect();

    let variants = table.codes.iter().zip(&names).map(|(code, name)| {
        let doc = doc_attributes(&docs::variant(code));
        let number = code.code.to_string();
        // Searching the docs for a message finds the code even where the name differs from it.
        let message_alias = (code.message != code.name
            && !code.message.is_empty()
            && code.message.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| {
            let message = &code.message;
            quote!(#[doc(alias = #message)])
        });
        quote! {
            #doc
            #[doc(alias = #number)]
            #message_alias
            #name,
        }
    });
    let unknown_doc = doc_attributes(docs::UNKNOWN_VARIANT);
    let examples = docs::examples(table);
    let [
        all_example,
        from_u16_example,
        as_u16_example,
        name_example,
        message_example,
        description_example,
        solution_example,
        description_in_example,
        solution_in_example,
        category_example,
        is_success_example,
        is_retryable_example,
        triggers_repossession_example,
        is_known_example,
        display_example,
    ] = [
        &examples.all,
        &examples.from_u16,
        &examples.as_u16,
        &examples.name,
        &examples.message,
        &examples.description,
        &examples.solution,
        &examples.description_in,
        &examples.solution_in,
        &examples.category,
        &examples.is_success,
        &examples.is_retryable,
        &examples.triggers_repossession,
        &examples.is_known,
        &examples.display,
    ]
    .map(|text| doc_attributes(text));

    let numbers = table
        .codes
        .iter()
        .map(|code| Literal::u16_unsuffixed(code.code));
    let column = |cell: fn(&crate::table::Code) -> &str, unknown: &str| {
        let cells: Vec<&str> = table.codes.iter().map(cell).chain([unknown]).collect();
        quote!([#(#cells),*])
    };
    let name_column = column(|code| &code.name, "Unknown");
    let message_column = column(|code| &code.message, UNKNOWN_MESSAGE);
    let description_column = column(|code| &code.description, UNKNOWN_DESCRIPTION);
    let solution_column = column(|code| &code.solution, UNKNOWN_SOLUTION);
    // Where a code has no Chinese text, its column holds the English one: the accessors stay one
    // load, and the English fallback is decided here, once.
    let zh_description_column = column(
        |code| code.zh_description.as_deref().unwrap_or(&code.description),
        UNKNOWN_DESCRIPTION_ZH,
    );
    let zh_solution_column = column(
        |code| code.zh_solution.as_deref().unwrap_or(&code.solution),
        UNKNOWN_SOLUTION_ZH,
    );
    let categories = table
        .codes
        .iter()
        .map(|code| Ident::new(code.category, Span::call_site()));
    let retryable = table.codes.iter().map(|code| code.retryable);
    let triggers_repossession = table.codes.iter().map(|code| code.triggers_repossession);
    let row_numbers = (0..rows).map(Literal::usize_unsuffixed);
    let unknown_row = Literal::usize_unsuffixed(rows);
    let rows_with_unknown = Literal::usize_unsuffixed(rows + 1);
    let rows = Literal::usize_unsuffixed(rows);

    quote! {
        #attrs
        #vis enum #ident {
            #(#variants)*
            #unknown_doc
            Unknown(crate::UnknownCode),
        }

        impl #ident {
            /// Every code in the table, ascending by number. `Unknown` is not among them.
            #all_example
            pub const ALL: &'static [#ident] = &[#(#ident::#names),*];

            /// Column of the table: row `i` describes `ALL[i]`.
            const NUMBERS: [u16; #rows] = [#(#numbers),*];
            /// Column of the table; its last row describes `Unknown`.
            const NAMES: [&'static str; #rows_with_unknown] = #name_column;
            /// Column of the table; its last row describes `Unknown`.
            const MESSAGES: [&'static str; #rows_with_unknown] = #message_column;
            /// Column of the table; its last row describes `Unknown`.
            const DESCRIPTIONS: [&'static str; #rows_with_unknown] = #description_column;
            /// Column of the table; its last row describes `Unknown`.
            const SOLUTIONS: [&'static str; #rows_with_unknown] = #solution_column;
            /// Column of the table: the descriptions of Tencent's Chinese page, the English one
            /// where a code has none. Only `description_in` reads it, so a program that never
            /// asks for Chinese links none of it.
            const DESCRIPTIONS_ZH: [&'static str; #rows_with_unknown] = #zh_description_column;
            /// Column of the table, as `DESCRIPTIONS_ZH` for the solutions.
            const SOLUTIONS_ZH: [&'static str; #rows_with_unknown] = #zh_solution_column;
            /// Column of the table; its last row describes `Unknown`.
            const CATEGORIES: [crate::Category; #rows_with_unknown] =
                [#(crate::Category::#categories,)* crate::Category::Unknown];
            /// Column of the table; its last row describes `Unknown`.
            const RETRYABLE: [bool; #rows_with_unknown] = [#(#retryable,)* false];
            /// Column of the table; its last row describes `Unknown`.
            const TRIGGERS_REPOSSESSION: [bool; #rows_with_unknown] =
                [#(#triggers_repossession,)* false];

            /// For each number below 1000, one more than its row, or 0 where the table has no
            /// such code: `from_u16` is one comparison and one load for every input, known or
            /// not, with no branch that depends on which code it is.
            const ROW_BY_NUMBER: [u16; 1000] = {
                let mut rows = [0u16; 1000];
                let mut row = 0;
                while row < Self::NUMBERS.len() {
                    rows[Self::NUMBERS[row] as usize] = row as u16 + 1;
                    row += 1;
                }
                rows
            };

            /// The row of this code in the table's columns.
            #[inline]
            const fn row(self) -> usize {
                match self {
                    #(#ident::#names => #row_numbers,)*
                    #ident::Unknown(_) => #unknown_row,
                }
            }

            /// The code with this number, or `Unknown` holding it when the table has none.
            ///
            /// Total and lossless: `Code::from_u16(n).as_u16() == n` for every `n`. It is the
            /// only way to an `Unknown`, so `Unknown` never holds a number of the table.
            #from_u16_example
            #[inline]
            pub const fn from_u16(code: u16) -> #ident {
                if code < 1000 {
                    let row = Self::ROW_BY_NUMBER[code as usize];
                    if row != 0 {
                        return Self::ALL[row as usize - 1];
                    }
                }
                #ident::Unknown(crate::UnknownCode(code))
            }

            /// The number, e.g. `433`; for `Unknown`, the number it holds.
            #as_u16_example
            #[inline]
            pub const fn as_u16(self) -> u16 {
                match self {
                    #ident::Unknown(code) => code.get(),
                    known => Self::NUMBERS[known.row()],
                }
            }

            /// The variant name, e.g. `"TimeLimitReached"`; `"Unknown"` for `Unknown`.
            #name_example
            #[inline]
            pub const fn name(self) -> &'static str {
                Self::NAMES[self.row()]
            }

            /// The status message, verbatim from Tencent's table, e.g. `"TimeLimitReached"`.
            #message_example
            #[inline]
            pub const fn message(self) -> &'static str {
                Self::MESSAGES[self.row()]
            }

            /// What the code means (Markdown), from the table's Notes column.
            #description_example
            #[inline]
            pub const fn description(self) -> &'static str {
                Self::DESCRIPTIONS[self.row()]
            }

            /// What to do about it (Markdown), from the table's Solution column.
            #solution_example
            #[inline]
            pub const fn solution(self) -> &'static str {
                Self::SOLUTIONS[self.row()]
            }

            /// What the code means (Markdown), in `lang`: the Notes column of Tencent's English
            /// page, or the 说明 column of its Chinese page. A code whose entry has no Chinese
            /// description gives the English one for [`Lang::Zh`](crate::Lang::Zh).
            #description_in_example
            #[inline]
            pub const fn description_in(self, lang: crate::Lang) -> &'static str {
                match lang {
                    crate::Lang::En => Self::DESCRIPTIONS[self.row()],
                    crate::Lang::Zh => Self::DESCRIPTIONS_ZH[self.row()],
                }
            }

            /// What to do about it (Markdown), in `lang`: the Solution column of Tencent's
            /// English page, or the 解决方法 column of its Chinese page. A code whose entry has
            /// no Chinese solution gives the English one for [`Lang::Zh`](crate::Lang::Zh).
            #solution_in_example
            #[inline]
            pub const fn solution_in(self, lang: crate::Lang) -> &'static str {
                match lang {
                    crate::Lang::En => Self::SOLUTIONS[self.row()],
                    crate::Lang::Zh => Self::SOLUTIONS_ZH[self.row()],
                }
            }

            /// Who has to act on it; `Category::Unknown` for `Unknown`.
            #category_example
            #[inline]
            pub const fn category(self) -> crate::Category {
                Self::CATEGORIES[self.row()]
            }

            /// Whether the invocation succeeded.
            #is_success_example
            #[inline]
            pub const fn is_success(self) -> bool {
                matches!(self.category(), crate::Category::Success)
            }

            /// Whether the same request may succeed if sent again later, with backoff, without
            /// changing anything. `false` for `Unknown`.
            #is_retryable_example
            #[inline]
            pub const fn is_retryable(self) -> bool {
                Self::RETRYABLE[self.row()]
            }

            /// Whether SCF repossesses the instance that returned this code, so that the next
            /// invocation starts a new one.
            #triggers_repossession_example
            #[inline]
            pub const fn triggers_repossession(self) -> bool {
                Self::TRIGGERS_REPOSSESSION[self.row()]
            }

            /// Whether the code is in the table, i.e. is not `Unknown`.
            #is_known_example
            #[inline]
            pub const fn is_known(self) -> bool {
                !matches!(self, #ident::Unknown(_))
            }
        }

        impl ::core::convert::From<u16> for #ident {
            #[inline]
            fn from(code: u16) -> Self {
                Self::from_u16(code)
            }
        }

        impl ::core::convert::From<#ident> for u16 {
            #[inline]
            fn from(code: #ident) -> Self {
                code.as_u16()
            }
        }

        impl ::core::fmt::Display for #ident {
            /// The number and the status message: `433 TimeLimitReached`. A width pads the
            /// whole text with the fill character, on the right unless aligned otherwise.
            #display_example
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match f.width() {
                    ::core::option::Option::None => {
                        ::core::write!(f, "{} {}", self.as_u16(), self.message())
                    }
                    ::core::option::Option::Some(width) => self.fmt_padded(f, width),
                }
            }
        }

        impl #ident {
            /// `Display` with a width: the text and fill characters around it, as `f.pad` would
            /// place them, without building the text first.
            #[cold]
            fn fmt_padded(
                self,
                f: &mut ::core::fmt::Formatter<'_>,
                width: usize,
            ) -> ::core::fmt::Result {
                let (code, message) = (self.as_u16(), self.message());
                let digits = match code {
                    0..=9 => 1,
                    10..=99 => 2,
                    100..=999 => 3,
                    1000..=9999 => 4,
                    _ => 5,
                };
                let padding = width.saturating_sub(digits + 1 + message.chars().count());
                let before = match f.align() {
                    ::core::option::Option::Some(::core::fmt::Alignment::Right) => padding,
                    ::core::option::Option::Some(::core::fmt::Alignment::Center) => padding / 2,
                    _ => 0,
                };
                let fill = f.fill();
                for _ in 0..before {
                    ::core::fmt::Write::write_char(f, fill)?;
                }
                ::core::write!(f, "{code} {message}")?;
                for _ in before..padding {
                    ::core::fmt::Write::write_char(f, fill)?;
                }
                ::core::result::Result::Ok(())
            }
        }
    }
}

/// One documented constant per limit: `pub const SYNC_EVENT_MAX_BYTES: u64 = 6291456;`.
pub fn expand_limits(limits: &[crate::table::Limit]) -> TokenStream {
    limits
        .iter()
        .map(|limit| {
            let doc = doc_attributes(&docs::limit(limit));
            let name = Ident::new(&limit.name, Span::call_site());
            let value = Literal::u64_unsuffixed(limit.value);
            let (ty, value) = match limit.unit.rust_type {
                "Duration" => (
                    quote!(::core::time::Duration),
                    quote!(::core::time::Duration::from_secs(#value)),
                ),
                primitive => {
                    let ty = Ident::new(primitive, Span::call_site());
                    (quote!(#ty), quote!(#value))
                }
            };
            quote! {
                #doc
                pub const #name: #ty = #value;
            }
        })
        .collect()
}

/// `#[doc = "…"]` attributes, one per line, as `///` comments desugar.
fn doc_attributes(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::str::FromStr;

    use super::*;
    use crate::generate::table_from_text;

    const TWO_CODES: &str = r#"
[[code]]
code = 433
name = "TimeLimitReached"
message = "TimeLimitReached"
category = "function"
triggers_repossession = true
description = "Function execution is not completed after the execution timeout period elapses."
solution = "- Check whether a large number of time-consuming operations exist in the service code."

[code.zh]
description = "当函数在配置的执行超时时间范围内没有执行完成时，会有该返回信息。"
solution = "- 检查业务代码是否有大量耗时处理操作。"

[[code]]
code = 200
name = "Success"
message = "Success"
category = "success"
description = "The execution is successful."
solution = "-"
"#;

    /// The generated code, pretty-printed, must read like hand-written code and stay as it is
    /// unless meant to change: `UPDATE_SNAPSHOTS=1 cargo test -p scf-codes-macros` rewrites it.
    #[test]
    fn the_expansion_of_two_codes_matches_its_snapshot() {
        let table = table_from_text(TWO_CODES).unwrap();
        let item = EnumItem {
            attrs: TokenStream::from_str("/// An SCF status code.\n#[derive(Clone, Copy)]")
                .unwrap(),
            vis: quote!(pub),
            ident: Ident::new("Code", Span::call_site()),
        };
        let file: syn::File = syn::parse2(expand(&item, &table)).unwrap();
        let pretty = prettyplease::unparse(&file);
        let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots/two_codes.rs");
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&snapshot, &pretty).unwrap();
        }
        let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
        assert!(
            pretty == expected,
            "the expansion changed; review it and run with UPDATE_SNAPSHOTS=1:\n{pretty}"
        );
    }

    #[test]
    fn the_expansion_of_an_empty_table_still_has_every_item() {
        let item = EnumItem {
            attrs: TokenStream::from_str("#[derive(Clone, Copy)]").unwrap(),
            vis: TokenStream::new(),
            ident: Ident::new("Code", Span::call_site()),
        };
        let file: syn::File = syn::parse2(expand(&item, &Table::default())).unwrap();
        let pretty = prettyplease::unparse(&file);
        for item in [
            "Unknown(crate::UnknownCode)",
            "pub const ALL",
            "pub const fn from_u16",
            "impl ::core::fmt::Display for Code",
        ] {
            assert!(pretty.contains(item), "{item} is missing:\n{pretty}");
        }
    }
}
