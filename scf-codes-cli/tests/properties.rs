//! The payload decoder and the lookups behind the command line on hostile input: nothing
//! panics, and every refusal says what was expected.

use proptest::prelude::*;
use scf_codes_cli::{Failure, decode, lookup, search};

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn decode_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Err(Failure(message)) = decode::decode(&bytes) {
            prop_assert!(message.contains("expected") || message.contains("not a") || message.contains("not in the SCF"), "{}", message);
        }
    }

    #[test]
    fn decode_never_panics_on_json_like_text(text in "[\\[\\]{}\":,0-9a-zA-Z \\-.]{0,200}") {
        let _ = decode::decode(text.as_bytes());
    }

    #[test]
    fn lookups_and_searches_never_panic(query in "\\PC{0,100}") {
        let _ = lookup::find(&query);
        let _ = search::search(&query);
    }
}

#[path = "../examples/support/cls_logs.rs"]
mod cls_logs;

use scf_codes_triage::count::Counter;
use scf_codes_triage::flat::Layout;
use scf_codes_triage::object::feed_json;
use scf_codes_triage::record::Split as _;
use scf_codes_triage::source;
use scf_codes_triage::summary::Summary;

/// Counts `bytes` as `scf-codes triage` reads an input.
fn triage(bytes: &[u8]) -> (Result<(), scf_codes_triage::Error>, Summary) {
    let mut counter = Counter::default();
    let result = source::read_named(
        "input",
        &mut &bytes[..],
        &mut counter,
        &Default::default(),
        0,
    );
    (result, counter.summary())
}

/// The summary adds up: each code's invocations sum to the total, per function too, and no
/// function has more than the whole.
fn consistent(summary: &Summary) -> Result<(), TestCaseError> {
    let outcomes = &summary.outcomes;
    prop_assert_eq!(
        outcomes.codes.iter().map(|c| c.invocations).sum::<u64>(),
        outcomes.invocations
    );
    prop_assert_eq!(
        summary
            .functions
            .iter()
            .map(|f| f.outcomes.invocations)
            .sum::<u64>(),
        outcomes.invocations
    );
    prop_assert!(outcomes.invocations + outcomes.unfinished <= summary.records);
    prop_assert_eq!(
        summary
            .versions
            .iter()
            .map(|v| v.outcomes.invocations)
            .sum::<u64>(),
        outcomes.invocations
    );
    for code in &outcomes.codes {
        prop_assert!(code.sample_request_ids.len() <= 3);
        // The time line holds the invocations that ended at a known time: at most all.
        prop_assert!(code.buckets.iter().sum::<u64>() <= code.invocations);
        prop_assert!(code.first_seen <= code.last_seen);
        if let Some(durations) = code.usage.durations() {
            prop_assert!(durations.p50 <= durations.p95 && durations.p95 <= durations.max);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn triage_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let (result, summary) = triage(&bytes);
        if let Err(scf_codes_triage::Error(message)) = result {
            prop_assert!(
                message.starts_with("cannot read input: ") || message.starts_with("input:"),
                "{}",
                message
            );
        }
        consistent(&summary)?;
    }

    #[test]
    fn triage_never_panics_on_log_like_text(
        text in "(\\{\"SCF_(RequestId|StatusCode|RetryNum|FunctionName)\":(\"[0-9a-z]{0,4}\"|-?[0-9]{1,6}|null|\\[\\]|\\{\\}),?\\}?\n|\\[\n|\\]\n|SCF_RequestId,SCF_StatusCode\n|[a-z0-9,\"]{0,12}\n){0,24}"
    ) {
        let (_, summary) = triage(text.as_bytes());
        consistent(&summary)?;
    }

    #[test]
    fn counts_merged_in_order_are_the_counts_of_one_pass(
        seed in 1u64..10_000,
        cuts in prop::collection::vec(0.0f64..1.0, 0..6),
    ) {
        let mut lines = Vec::new();
        cls_logs::generate(seed, |started| started >= 60, |line| lines.push(line.json(false)));
        let whole = {
            let mut counter = Counter::default();
            let mut layout = Layout::default();
            for line in &lines {
                prop_assert!(feed_json(line.as_bytes(), &mut layout, &mut counter).is_ok());
            }
            counter.summary()
        };
        // The same lines, cut into parts counted apart and merged in order, as the workers of
        // the JSON Lines reader count blocks.
        let mut cuts: Vec<usize> = cuts.iter().map(|f| (f * lines.len() as f64) as usize).collect();
        cuts.push(lines.len());
        cuts.sort_unstable();
        let mut merged = Counter::default();
        let mut start = 0;
        for end in cuts {
            let mut part = Counter::default();
            let mut layout = Layout::default();
            for line in &lines[start..end] {
                prop_assert!(feed_json(line.as_bytes(), &mut layout, &mut part).is_ok());
            }
            merged.merge(part);
            start = end;
        }
        let merged = merged.summary();
        prop_assert_eq!(&merged, &whole);
        consistent(&whole)?;
    }
}

mod table {
    use proptest::prelude::*;
    use scf_codes::Lang;
    use scf_codes_cli::table::{codes, diff, import, page};

    /// Rows of a page: distinct codes, and texts with anything TOML must escape.
    fn rows() -> impl Strategy<Value = Vec<page::Row>> {
        let text = "(\\PC|[\"\\\\\n\t\r\u{7f}\u{0}]){0,40}";
        prop::collection::btree_map(100u16..=999, (text, text, text), 0..8).prop_map(|rows| {
            rows.into_iter()
                .map(|(code, (message, description, solution))| page::Row {
                    code,
                    message,
                    description,
                    solution,
                    line: 1,
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        #[test]
        fn any_rows_import_and_read_back_as_they_are(rows in rows()) {
            let shipped = include_str!("../../codes.toml");
            for (start, lang) in [("", Lang::En), (shipped, Lang::En), ("", Lang::Zh), (shipped, Lang::Zh)] {
                let written = import::import(start, "codes.toml", lang, &rows).unwrap();
                let entries = codes::parse(&written.text, "codes.toml").unwrap();
                let diff = diff::compare(lang, &rows, &entries);
                prop_assert!(!diff.differs(), "{}", written.text);
                let again = import::import(&written.text, "codes.toml", lang, &rows).unwrap();
                prop_assert!(!again.changed);
            }
        }

        #[test]
        fn any_page_gives_rows_or_errors_at_lines(html in "(<(/?)(table|tr|td|th|ul|li|br|a href=x|code|p)>|[0-9]{3}|[a-z &;]){0,80}") {
            match page::rows(&html, "page.html") {
                Ok(rows) => prop_assert!(rows.windows(2).all(|pair| pair[0].code < pair[1].code)),
                Err(message) => prop_assert!(message.starts_with("page.html"), "{}", message),
            }
        }
    }
}

/// The lines of a log of 30 invocations, from the generator's `seed`.
fn log_lines(seed: u64) -> Vec<cls_logs::Line> {
    let mut lines = Vec::new();
    cls_logs::generate(
        seed,
        |started| started >= 30,
        |line| lines.push(line.clone()),
    );
    lines
}

/// A generator seed, and a permutation of the lines of its log.
fn log_and_permutation() -> impl Strategy<Value = (u64, Vec<usize>)> {
    (1u64..10_000).prop_flat_map(|seed| {
        let indices: Vec<usize> = (0..log_lines(seed).len()).collect();
        (Just(seed), Just(indices).prop_shuffle())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_order_of_lines_and_any_split_into_files_in_any_order_gives_one_report(
        (seed, permutation) in log_and_permutation(),
        cuts in prop::collection::vec(0.0f64..1.0, 0..5),
        layouts in prop::collection::vec(0..cls_logs::Layout::ALL.len(), 6),
        file_order in Just((0..6).collect::<Vec<usize>>()).prop_shuffle(),
    ) {
        let lines = log_lines(seed);
        let (_, whole) = triage(&cls_logs::render(&lines, cls_logs::Layout::JsonLines, false));
        let shuffled: Vec<cls_logs::Line> =
            permutation.iter().map(|&index| lines[index].clone()).collect();
        let mut cuts: Vec<usize> =
            cuts.iter().map(|f| (f * shuffled.len() as f64) as usize).collect();
        cuts.push(shuffled.len());
        cuts.sort_unstable();
        let mut files = Vec::new();
        let mut start = 0;
        for (part, end) in cuts.into_iter().enumerate() {
            // An input without a record is an error of its own: no part is empty.
            if end > start {
                let layout = cls_logs::Layout::ALL[layouts[part]];
                files.push(cls_logs::render(&shuffled[start..end], layout, part % 2 == 1));
            }
            start = end;
        }
        let mut counter = Counter::default();
        for &index in file_order.iter().filter(|&&index| index < files.len()) {
            let result = source::read_named("input", &mut &files[index][..], &mut counter, &Default::default(), 0);
            prop_assert!(result.is_ok(), "{:?}", result.err());
        }
        prop_assert_eq!(counter.summary(), whole);
    }
}
