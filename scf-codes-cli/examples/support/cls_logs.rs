//! Synthetic SCF logs as CLS holds them, with known outcome counts: the fixture generator of
//! `scf-codes triage`'s tests and benchmarks.
//!
//! Each invocation writes the platform's lines (START, its own output, an ERROR line when it
//! fails, END and Report), and the lines of several invocations interleave, as concurrent
//! invocations do; one invocation's lines stay in order. Some invocations never finish, and
//! some asynchronous ones fail and are retried by the platform. One attempt in 40 logs a status
//! code before the one it ends with, so that only the time of its lines tells its outcome.
//!
//! A [`Scenario`] sets the clock; [`Scenario::incident`] adds a deploy that goes wrong: from
//! 10:30 UTC version 13 of `order-sync` takes over from version 12, and half of its invocations
//! end in 433 (TimeLimitReached) just short of its 3-second timeout.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The 14 keys of a log line in CLS's default format, in the order CLS exports them.
pub const KEYS: [&str; 14] = [
    "SCF_Alias",
    "SCF_Duration",
    "SCF_FunctionName",
    "SCF_Level",
    "SCF_LogTime",
    "SCF_MemUsage",
    "SCF_Message",
    "SCF_Namespace",
    "SCF_Qualifier",
    "SCF_RequestId",
    "SCF_RetryNum",
    "SCF_StartTime",
    "SCF_StatusCode",
    "SCF_Type",
];

/// The functions whose logs are generated.
pub const FUNCTIONS: [&str; 3] = ["order-sync", "image-resize", "billing-export"];

/// Outcomes and how often each occurs, in thousandths. 599 is not in the table.
const OUTCOMES: [(u16, u32); 9] = [
    (200, 860),
    (433, 40),
    (432, 25),
    (430, 25),
    (500, 15),
    (439, 10),
    (406, 10),
    (437, 10),
    (599, 5),
];

/// One log line: the value of each of [`KEYS`], as CLS writes them (every value a string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub values: [String; 14],
}

impl Line {
    /// The line as a JSON object. With `numbers`, the numeric keys are JSON numbers, as
    /// `jq -c` output may have them; otherwise strings, as CLS exports them.
    pub fn json(&self, numbers: bool) -> String {
        let mut out = String::from("{");
        for (index, (key, value)) in KEYS.iter().zip(&self.values).enumerate() {
            if index > 0 {
                out.push(',');
            }
            let numeric = matches!(*key, "SCF_StatusCode" | "SCF_RetryNum" | "SCF_Duration");
            if numbers && numeric {
                let _ = write!(out, "\"{key}\":{value}");
            } else {
                let _ = write!(out, "\"{key}\":{}", json_string(value));
            }
        }
        out.push('}');
        out
    }

    /// The line as a CSV row in the order of [`KEYS`], quoted as RFC 4180 says, without its
    /// line end.
    pub fn csv(&self) -> String {
        csv_row(&self.values)
    }

    /// The line as `jq .` prints a record: one key a line, indented by `indent` spaces more
    /// inside the braces, and the braces at `indent`.
    pub fn pretty_json(&self, indent: usize) -> String {
        let pad = " ".repeat(indent);
        let mut out = String::from("{\n");
        for (index, (key, value)) in KEYS.iter().zip(&self.values).enumerate() {
            let comma = if index + 1 < KEYS.len() { "," } else { "" };
            let _ = writeln!(out, "{pad}  \"{key}\": {}{comma}", json_string(value));
        }
        out.push_str(&pad);
        out.push('}');
        out
    }

    /// `SCF_LogTime`, in nanoseconds.
    pub fn log_time(&self) -> u64 {
        self.get("SCF_LogTime").parse().unwrap()
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> &str {
        let index = KEYS.iter().position(|k| *k == key).unwrap();
        &self.values[index]
    }
}

/// The CSV header row, without its line end.
pub fn csv_header() -> String {
    csv_row(&KEYS)
}

fn csv_row(cells: &[impl AsRef<[u8]>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(cells).unwrap();
    let mut row = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    row.pop();
    row
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The order in which lines are written. CLS lists the newest line first by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// As the invocations wrote them: oldest first.
    OldestFirst,
    /// By `SCF_LogTime`, newest first, as SearchLog and CreateExport list them by default.
    NewestFirst,
    /// In an order from this seed, as lines gathered from several sources may come.
    Shuffled(u64),
}

/// Puts `lines` in `order`.
pub fn arrange(lines: &mut [Line], order: Order) {
    match order {
        Order::OldestFirst => {}
        Order::NewestFirst => lines.sort_by_key(|line| std::cmp::Reverse(line.log_time())),
        Order::Shuffled(seed) => {
            let mut random = Random(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
            for index in (1..lines.len()).rev() {
                lines.swap(index, random.below(index as u64 + 1) as usize);
            }
        }
    }
}

/// How the lines are laid out in a file: the shapes that CLS, tccli and jq write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One record a line, as a CLS export in JSON format or `jq -c`.
    JsonLines,
    /// A CLS export in CSV format.
    Csv,
    /// Records pretty-printed one after another, as `jq .` prints JSON Lines.
    Pretty,
    /// One JSON array on one line, as `jq -c -s .` or `JSON.stringify` write it.
    Array,
    /// One JSON array, pretty-printed, as `jq -s .` prints it.
    PrettyArray,
    /// SearchLog API responses of 100 results each, appended to one file one after another.
    SearchLogPages,
    /// `tccli cls SearchLog`'s output: the same pages without the `Response` wrapper.
    Tccli,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Layout; 7] = [
        Layout::JsonLines,
        Layout::Csv,
        Layout::Pretty,
        Layout::Array,
        Layout::PrettyArray,
        Layout::SearchLogPages,
        Layout::Tccli,
    ];
}

/// The results of one SearchLog page.
const PAGE: usize = 100;

/// The lines as JSON Lines, keys and numbers as CLS writes them, or, with `numbers`, numeric
/// keys as JSON numbers, as `jq -c` writes them.
pub fn json_lines(lines: &[Line], numbers: bool) -> String {
    json_lines_with(lines, |_| numbers)
}

/// [`json_lines`], with numbers as JSON numbers in the lines (by index) that `numbers` picks.
pub fn json_lines_with(lines: &[Line], numbers: impl Fn(usize) -> bool) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(index, line)| line.json(numbers(index)) + "\n")
        .collect()
}

/// The lines as CLS's CSV export: a header, then one row a line, CRLF line ends.
pub fn csv(lines: &[Line]) -> String {
    let mut out = csv_header() + "\r\n";
    for line in lines {
        out.push_str(&line.csv());
        out.push_str("\r\n");
    }
    out
}

/// `lines` in `layout`, after a UTF-8 byte-order mark when `bom`.
pub fn render(lines: &[Line], layout: Layout, bom: bool) -> Vec<u8> {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    match layout {
        Layout::JsonLines => out.push_str(&json_lines(lines, false)),
        Layout::Csv => out.push_str(&csv(lines)),
        Layout::Pretty => {
            for line in lines {
                out.push_str(&line.pretty_json(0));
                out.push('\n');
            }
        }
        Layout::Array => {
            let records: Vec<String> = lines.iter().map(|line| line.json(true)).collect();
            let _ = writeln!(out, "[{}]", records.join(","));
        }
        Layout::PrettyArray => {
            let records: Vec<String> = lines
                .iter()
                .map(|line| format!("  {}", line.pretty_json(2)))
                .collect();
            let _ = writeln!(out, "[\n{}\n]", records.join(",\n"));
        }
        Layout::SearchLogPages | Layout::Tccli => {
            let pages = lines.chunks(PAGE).count();
            for (number, page) in lines.chunks(PAGE).enumerate() {
                let last = number + 1 == pages;
                out.push_str(&search_log_page(
                    page,
                    number,
                    last,
                    layout == Layout::Tccli,
                ));
            }
        }
    }
    out.into_bytes()
}

/// One page of SearchLog results, pretty-printed as tccli prints it, with `Response` around
/// it unless `tccli`.
fn search_log_page(lines: &[Line], number: usize, last: bool, tccli: bool) -> String {
    let pad = if tccli { "" } else { "    " };
    let results: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(index, line)| {
            format!(
                "{pad}    {{\n{pad}      \"Time\": {},\n{pad}      \"TopicId\": \"topic-1\",\n\
                 {pad}      \"TopicName\": \"scf-logs\",\n{pad}      \"Source\": \"10.0.0.1\",\n\
                 {pad}      \"FileName\": \"/scf\",\n{pad}      \"PkgId\": \"pkg-{number}\",\n\
                 {pad}      \"PkgLogId\": \"{index}\",\n{pad}      \"LogJson\": {}\n{pad}    }}",
                line.log_time() / 1_000_000,
                json_string(&line.json(false)),
            )
        })
        .collect();
    let context = if last {
        String::new()
    } else {
        format!("page-{}", number + 1)
    };
    let body = format!(
        "{pad}  \"Context\": \"{context}\",\n{pad}  \"ListOver\": {last},\n{pad}  \"Analysis\": false,\n\
         {pad}  \"Results\": [\n{}\n{pad}  ],\n{pad}  \"RequestId\": \"api-request-{number}\"\n",
        results.join(",\n")
    );
    if tccli {
        format!("{{\n{body}}}\n")
    } else {
        format!("{{\n  \"Response\": {{\n{body}  }}\n}}\n")
    }
}

/// What triage must report for the generated logs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expected {
    /// Finished invocations by function and outcome.
    pub outcomes: BTreeMap<(String, u16), u64>,
    /// Unfinished invocations by function.
    pub unfinished: BTreeMap<String, u64>,
    /// Lines written, each a record with a status code.
    pub records: u64,
    /// Every finished attempt: when, where and how long.
    pub attempts: Vec<Ended>,
}

/// A finished attempt as the generator wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ended {
    /// `SCF_FunctionName`.
    pub function: String,
    /// `SCF_Qualifier`.
    pub version: String,
    /// The outcome.
    pub code: u16,
    /// The time of its last line, the Report line, in ns since the epoch.
    pub end_ns: u64,
    /// `SCF_Duration`, in ms.
    pub duration_ms: u64,
    /// `SCF_MemUsage` of the Report line, in MB.
    pub memory_mb: u64,
}

/// The clock of the generated logs, and what goes wrong in them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scenario {
    /// When the first invocation starts, in ms since the epoch.
    pub start_ms: u64,
    /// The time between two invocations' starts, in ms.
    pub spacing_ms: f64,
    /// Whether `order-sync` is deployed anew at [`INCIDENT_MS`], and fails.
    pub incident: bool,
    /// How many functions the invocations are spread over: `None` for [`FUNCTIONS`], all on
    /// `$LATEST`; `Some(n)` for `n` functions named `function-00000` on, each invocation on
    /// version 1, 2 or 3 of its function.
    pub functions: Option<u32>,
}

/// 2026-11-27T09:00:00Z: the start of an incident scenario's logs.
pub const INCIDENT_START_MS: u64 = 1_795_770_000_000;

/// 2026-11-27T10:30:00Z: when version 13 of `order-sync` takes over, and starts timing out.
pub const INCIDENT_MS: u64 = INCIDENT_START_MS + 90 * 60_000;

/// How long an incident scenario's logs last: two hours.
pub const INCIDENT_SPAN_MS: u64 = 120 * 60_000;

/// The function, version before, version after, and timeout in ms of the incident.
pub const INCIDENT_FUNCTION: &str = "order-sync";
pub const VERSION_BEFORE: &str = "12";
pub const VERSION_AFTER: &str = "13";
pub const TIMEOUT_MS: u64 = 3_000;

impl Default for Scenario {
    /// Invocations 37 ms apart from a day in 2022, with nothing going wrong beyond the usual.
    fn default() -> Self {
        Scenario {
            start_ms: 1_653_523_171_317,
            spacing_ms: 37.0,
            incident: false,
            functions: None,
        }
    }
}

impl Scenario {
    /// The incident: `invocations` spread over 09:00 to 11:00 UTC on 2026-11-27, and from 10:30
    /// half of `order-sync`'s invocations (its version 13) end in 433 after 2,900 to 3,000 ms.
    pub fn incident(invocations: u64) -> Scenario {
        Scenario {
            start_ms: INCIDENT_START_MS,
            spacing_ms: INCIDENT_SPAN_MS as f64 / invocations.max(1) as f64,
            incident: true,
            functions: None,
        }
    }
}

impl Expected {
    /// Finished invocations by outcome, all functions together.
    pub fn by_code(&self) -> BTreeMap<u16, u64> {
        let mut codes = BTreeMap::new();
        for ((_, code), count) in &self.outcomes {
            *codes.entry(*code).or_default() += count;
        }
        codes
    }

    /// Finished invocations in all.
    pub fn invocations(&self) -> u64 {
        self.outcomes.values().sum()
    }

    /// Unfinished invocations in all.
    pub fn unfinished(&self) -> u64 {
        self.unfinished.values().sum()
    }
}

/// A small, fast and deterministic random number generator (xorshift64*).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

/// One attempt being written: its lines still to come.
struct Attempt {
    lines: std::vec::IntoIter<Line>,
}

/// Generates the logs of invocations until `enough` says so, handing each line to `write`, and
/// returns what triage must report. The same seed gives the same logs.
pub fn generate(seed: u64, enough: impl FnMut(u64) -> bool, write: impl FnMut(&Line)) -> Expected {
    generate_scenario(seed, &Scenario::default(), enough, write)
}

/// [`generate`], on the clock and with the incident of `scenario`.
pub fn generate_scenario(
    seed: u64,
    scenario: &Scenario,
    mut enough: impl FnMut(u64) -> bool,
    mut write: impl FnMut(&Line),
) -> Expected {
    let mut random = Random(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut expected = Expected::default();
    let mut active: Vec<Attempt> = Vec::new();
    let mut started = 0u64;
    let concurrency = 8;
    loop {
        while active.len() < concurrency && !enough(started) {
            active.extend(invocation(&mut random, scenario, started, &mut expected));
            started += 1;
        }
        if active.is_empty() {
            return expected;
        }
        let pick = random.below(active.len() as u64) as usize;
        match active[pick].lines.next() {
            Some(line) => {
                expected.records += 1;
                write(&line);
            }
            None => {
                active.swap_remove(pick);
            }
        }
    }
}

/// Where and how one attempt runs.
struct Run<'a> {
    function: &'a str,
    version: &'a str,
    request_id: &'a str,
    retry: u32,
    start_ms: u64,
    /// The outcome, and the duration when it is set; `None` for one that does not finish.
    outcome: Option<(u16, Option<u64>)>,
}

/// The attempts of invocation `number`: one, or two when the platform retried it.
fn invocation(
    random: &mut Random,
    scenario: &Scenario,
    number: u64,
    expected: &mut Expected,
) -> Vec<Attempt> {
    let named;
    let function = match scenario.functions {
        None => FUNCTIONS[random.below(FUNCTIONS.len() as u64) as usize],
        Some(count) => {
            named = format!("function-{:05}", random.below(u64::from(count.max(1))));
            &named
        }
    };
    let request_id = format!(
        "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
        random.next() as u32,
        random.next() as u16,
        random.below(0x1000),
        random.below(0x1000),
        number
    );
    let start_ms = scenario.start_ms + (number as f64 * scenario.spacing_ms) as u64;
    let incident = scenario.incident && function == INCIDENT_FUNCTION;
    let version = match (incident, start_ms >= INCIDENT_MS, scenario.functions) {
        (false, _, None) => "$LATEST",
        (false, _, Some(_)) => ["1", "2", "3"][random.below(3) as usize],
        (true, false, _) => VERSION_BEFORE,
        (true, true, _) => VERSION_AFTER,
    };
    let run = |retry, start_ms, outcome| Run {
        function,
        version,
        request_id: &request_id,
        retry,
        start_ms,
        outcome,
    };
    let roll = random.below(1000);
    if roll < 20 {
        // Still running when the export was cut: only 202 lines.
        *expected.unfinished.entry(function.to_owned()).or_default() += 1;
        let lines = attempt_lines(random, &run(0, start_ms, None), expected);
        return vec![Attempt {
            lines: lines.into_iter(),
        }];
    }
    if incident && version == VERSION_AFTER && random.below(2) == 0 {
        // The incident: a timeout, just short of it.
        *expected
            .outcomes
            .entry((function.to_owned(), 433))
            .or_default() += 1;
        let duration = TIMEOUT_MS - random.below(100);
        let lines = attempt_lines(
            random,
            &run(0, start_ms, Some((433, Some(duration)))),
            expected,
        );
        return vec![Attempt {
            lines: lines.into_iter(),
        }];
    }
    if roll < 40 {
        // An asynchronous invocation that failed with 500 and succeeded when retried.
        for code in [500, 200] {
            *expected
                .outcomes
                .entry((function.to_owned(), code))
                .or_default() += 1;
        }
        let mut lines = attempt_lines(random, &run(0, start_ms, Some((500, None))), expected);
        lines.extend(attempt_lines(
            random,
            &run(1, start_ms + 1000, Some((200, None))),
            expected,
        ));
        return vec![Attempt {
            lines: lines.into_iter(),
        }];
    }
    let mut pick = random.below(1000) as u32;
    let code = OUTCOMES
        .iter()
        .find(|(_, weight)| {
            let found = pick < *weight;
            pick = pick.saturating_sub(*weight);
            found
        })
        .map_or(200, |(code, _)| *code);
    // In the incident scenario, every 433 of the failing function is the incident's.
    let code = if incident && code == 433 { 200 } else { code };
    *expected
        .outcomes
        .entry((function.to_owned(), code))
        .or_default() += 1;
    let lines = attempt_lines(random, &run(0, start_ms, Some((code, None))), expected);
    vec![Attempt {
        lines: lines.into_iter(),
    }]
}

/// The lines of one attempt. Its outcome lines come when it ends, its duration after its start.
fn attempt_lines(random: &mut Random, run: &Run<'_>, expected: &mut Expected) -> Vec<Line> {
    let Run {
        function,
        version,
        request_id,
        retry,
        start_ms,
        outcome,
    } = *run;
    let mut lines = Vec::new();
    let mut time_ns = start_ms * 1_000_000;
    // Each line is written 1 to 51 ms after the one before (`gap` is the random part), and not
    // before `not_before`.
    let mut line = |gap: u64,
                    not_before: u64,
                    message: String,
                    kind: &str,
                    status: u16,
                    (duration, memory): (u64, u64),
                    level: &str| {
        time_ns = (time_ns + 1_000_000 + gap).max(not_before);
        let values = [
            String::new(),
            duration.to_string(),
            function.to_owned(),
            level.to_owned(),
            time_ns.to_string(),
            format!("{memory}.00"),
            message,
            "default".to_owned(),
            version.to_owned(),
            request_id.to_owned(),
            retry.to_string(),
            start_ms.to_string(),
            status.to_string(),
            kind.to_owned(),
        ];
        lines.push(Line { values });
        time_ns
    };
    let start = format!("START RequestId: {request_id}");
    line(
        random.below(50_000_000),
        0,
        start,
        "Platform",
        202,
        (0, 0),
        "INFO",
    );
    let own_lines = random.below(4);
    for index in 0..own_lines {
        let message = match index {
            0 => format!(
                "processing order {}, \"priority\": high",
                random.below(100_000)
            ),
            1 => "fetched 3 items from cache\nand 1 from the database".to_owned(),
            _ => format!("step {index} done in {} ms", random.below(900)),
        };
        line(
            random.below(50_000_000),
            0,
            message,
            "Custom",
            202,
            (0, 0),
            "INFO",
        );
    }
    let Some((code, duration)) = outcome else {
        return lines;
    };
    let duration = duration.unwrap_or_else(|| 1 + random.below(3000));
    let ends = (start_ms + duration) * 1_000_000;
    // Now and then an attempt logs a status code and then ends with another: its outcome is the
    // code of its latest line, which only time tells once the lines are out of order. Chosen by
    // the request ID, not by `random`, so that every other line stays as it was.
    let hash = request_id.bytes().fold(retry, |hash, byte| {
        hash.wrapping_mul(31).wrapping_add(u32::from(byte))
    });
    if hash % 40 == 0 {
        let transient = if code == 500 { 439 } else { 500 };
        line(
            0,
            0,
            format!("ERROR RequestId: {request_id} Result: failed with status {transient}"),
            "Platform",
            transient,
            (duration, 0),
            "ERROR",
        );
    }
    if code != 200 {
        line(
            random.below(50_000_000),
            ends,
            format!("ERROR RequestId: {request_id} Result: failed with status {code}"),
            "Platform",
            code,
            (duration, 0),
            "ERROR",
        );
    }
    let end = format!("END RequestId: {request_id}");
    line(
        random.below(50_000_000),
        ends,
        end,
        "Platform",
        code,
        (duration, 0),
        "INFO",
    );
    let memory = 10 + random.below(100);
    let end_ns = line(
        random.below(50_000_000),
        ends,
        format!(
            "Report RequestId: {request_id} Duration:{duration}ms Memory:128MB MemUsage:{memory}MB"
        ),
        "Platform",
        code,
        (duration, memory),
        "INFO",
    );
    expected.attempts.push(Ended {
        function: function.to_owned(),
        version: version.to_owned(),
        code,
        end_ns,
        duration_ms: duration,
        memory_mb: memory,
    });
    lines
}
