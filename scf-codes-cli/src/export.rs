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

/// RFC 4180, written by the csv crate: a header row, CRLF line ends, fields quoted where they
/// hold a comma, a quote or a line break.
fn csv() -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let header = [
        "code",
        "name",
        "message",
        "category",
        "retryable",
        "triggers_repossession",
        "description",
        "solution",
    ];
    // Writing to memory cannot fail; an error would only leave the export short.
    let _ = writer.write_record(header);
    for &code in Code::ALL {
        let _ = writer.write_record([
            code.as_u16().to_string().as_str(),
            code.name(),
            code.message(),
            code.category().as_str(),
            &code.is_retryable().to_string(),
            &code.triggers_repossession().to_string(),
            code.description(),
            code.solution(),
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_export_reads_back_field_for_field() {
        let text = csv();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), Code::ALL.len());
        for (row, &code) in rows.iter().zip(Code::ALL) {
            assert_eq!(&row[0], code.as_u16().to_string());
            assert_eq!(&row[2], code.message());
            assert_eq!(&row[7], code.solution());
        }
        assert!(
            !text.contains("\"InvalidParameterValue\""),
            "a plain field is not quoted"
        );
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
