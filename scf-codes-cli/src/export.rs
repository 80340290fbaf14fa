//! `export`: the whole table as JSON, Markdown or CSV, from the same data as everything else.

use std::fmt::Write as _;

use scf_codes::{Code, Lang};

use crate::cli::Format;
use crate::json;
use crate::lang::words;

/// The whole table in `format`: JSON and CSV carry both languages, Markdown is in `lang`.
pub fn export(format: Format, lang: Lang) -> String {
    match format {
        Format::Json => json::to_string(&json::codes(Code::ALL)),
        Format::Markdown => markdown(lang),
        Format::Csv => csv(),
    }
}

/// A summary table, then a section per code with its description and solution, in `lang`.
fn markdown(lang: Lang) -> String {
    let words = words(lang);
    let yes_no = |flag| words.yes_no(flag);
    let title = match lang {
        Lang::En => "Tencent Cloud SCF function status codes",
        Lang::Zh => "腾讯云 SCF 云函数状态码",
    };
    let [code_heading, name, category, retryable, message] = [
        words.columns[0],
        words.name,
        words.category,
        words.retryable,
        words.columns[4],
    ];
    let mut out = format!(
        "# {title}\n\n\
         | {code_heading} | {name} | {message} | {category} | {retryable} |\n\
         | ---: | --- | --- | --- | :---: |\n",
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
             {name}: `{}` · {category}: {} · {retryable}: {} · {repossession}: {}\n\n\
             {}\n\n**{solution}**\n\n{}\n",
            code.message(),
            code.name(),
            code.category(),
            yes_no(code.is_retryable()),
            yes_no(code.triggers_repossession()),
            code.description_in(lang),
            match code.solution_in(lang) {
                "-" => "\\-",
                solution => solution,
            },
            number = code.as_u16(),
            repossession = words.triggers_repossession,
            solution = words.solution,
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
        "description_zh",
        "solution_zh",
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
            code.description_in(Lang::Zh),
            code.solution_in(Lang::Zh),
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
            assert_eq!(&row[8], code.description_in(Lang::Zh));
            assert_eq!(&row[9], code.solution_in(Lang::Zh));
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
        let markdowns = Lang::ALL.map(markdown);
        let json = export(Format::Json, Lang::En);
        for &code in Code::ALL {
            for (markdown, lang) in markdowns.iter().zip(Lang::ALL) {
                assert!(markdown.contains(&format!("## {} {}", code.as_u16(), code.message())));
                assert!(
                    markdown.contains(code.description_in(lang)),
                    "{code} {lang}"
                );
            }
            assert!(json.contains(&format!("\"code\": {}", code.as_u16())));
            assert!(csv.contains(&format!("\r\n{},{},", code.as_u16(), code.name())));
        }
    }
}
