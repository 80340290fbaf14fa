//! `export`: the whole table as JSON, Markdown or CSV, from the same data as everything else.

use std::fmt::Write as _;

use scf_codes::Code;

use crate::cli::Format;
use crate::json;
use crate::terminal::yes_no;

/// The whole table in `format`.
pub fn export(format: Format) -> String {
    match format {
        Format::Json => json::to_string(&json::codes(Code::ALL)),
        Format::Markdown => markdown(),
        Format::Csv => csv(),
    }
}

/// A summary table, then a section per code with its description and solution.
fn markdown() -> String {
    let mut out = String::from(
        "# Tencent Cloud SCF function status codes\n\n\
         | Code | Name | Message | Category | Retryable |\n| ---: | --- | --- | --- | :---: |\n",
    );
    for &code in Code::ALL {
        let _ = writeln!(
            out,
            "| [{number}](#{number}) | `{}` | {} | {} | {} |",
            code.name(),
            code.message().replace('|', "\\|"),
            code.category(),
            yes_no(code.is_retryable()),
            number = code.as_u16(),
        );
    }
    for &code in Code::ALL {
        let _ = write!(
            out,
            "\n<a id=\"{number}\"></a>\n\n## {number} {}\n\n\
             Name: `{}` · Category: {} · Retryable: {} · Triggers instance repossession: {}\n\n\
             {}\n\n**Solution**\n\n{}\n",
            code.message(),
            code.name(),
            code.category(),
            yes_no(code.is_retryable()),
            yes_no(code.triggers_repossession()),
            code.description(),
            match code.solution() {
                "-" => "\\-",
                solution => solution,
            },
            number = code.as_u16(),
        );
    }
    out
}

/// RFC 4180: a header row, CRLF line ends, fields quoted where they hold a comma, a quote or a
/// line break.
fn csv() -> String {
    let mut out = String::from(
        "code,name,message,category,retryable,triggers_repossession,description,solution\r\n",
    );
    for &code in Code::ALL {
        let fields = [
            code.as_u16().to_string(),
            code.name().to_owned(),
            code.message().to_owned(),
            code.category().to_string(),
            code.is_retryable().to_string(),
            code.triggers_repossession().to_string(),
            code.description().to_owned(),
            code.solution().to_owned(),
        ];
        let row: Vec<String> = fields.iter().map(|field| csv_field(field)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn every_export_carries_every_code() {
        let csv = csv();
        assert_eq!(csv.matches("\r\n").count(), Code::ALL.len() + 1);
        let markdown = markdown();
        let json = export(Format::Json);
        for &code in Code::ALL {
            assert!(markdown.contains(&format!("## {} {}", code.as_u16(), code.message())));
            assert!(json.contains(&format!("\"code\": {}", code.as_u16())));
            assert!(csv.contains(&format!("\r\n{},{},", code.as_u16(), code.name())));
        }
    }
}
