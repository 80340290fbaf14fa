//! `scf-codes triage --html` opened in a real browser: headless Chromium loads the page from a
//! `file://` URL, and the test reads the DOM it built, the console messages it logged and the
//! network requests it made (from its NetLog). A screenshot is kept under `target/`.
//!
//! Chromium is Debian's `chromium` package (`.ci/run` installs it). Without it the tests say so
//! and pass, except under CI (`CI` set), where they fail. `SCF_CODES_CHROMIUM` names another
//! binary.

#[path = "../examples/support/cls_logs.rs"]
mod cls_logs;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::{run_with_input, scratch};

/// The Chromium binary, or `None` (after saying why) when the test cannot run here.
fn chromium() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os("SCF_CODES_CHROMIUM") {
        Some(path) => vec![PathBuf::from(path)],
        None => ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .flat_map(|name| {
                std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                    .map(move |dir| dir.join(name))
                    .collect::<Vec<_>>()
            })
            .collect(),
    };
    if let Some(found) = candidates.into_iter().find(|path| path.is_file()) {
        return Some(found);
    }
    let message = "headless Chromium is not installed (Debian: apt-get install chromium; or set \
                   SCF_CODES_CHROMIUM): the HTML report is not tested in a browser";
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("skipped: {message}");
    None
}

/// What Chromium made of a page.
struct Visit {
    /// The DOM after loading, serialized.
    dom: String,
    /// The console messages the page logged.
    console: Vec<String>,
    /// The URLs the page requested over the network.
    requests: Vec<String>,
}

/// The flags of every run: headless, as root, and with nothing of Chromium's own (updates,
/// sync, first-run pages) on the network. Host names resolve to nothing, so that no request, the
/// page's or the browser's, leaves the machine; the NetLog still records each one the page makes.
fn chromium_command(chromium: &Path, dir: &Path) -> Command {
    let profile = dir.join(format!("profile-{}", std::process::id()));
    let mut command = Command::new(chromium);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--hide-scrollbars",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// Opens `page` from a `file://` URL and reads the DOM, the console and the network.
fn visit(chromium: &Path, page: &Path) -> Visit {
    let dir = page.parent().unwrap();
    let netlog = dir.join("netlog.json");
    let output = chromium_command(chromium, dir)
        .args(["--enable-logging=stderr", "--v=0"])
        .arg(format!("--log-net-log={}", netlog.display()))
        .arg("--dump-dom")
        .arg(file_url(page))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "chromium failed ({}): {stderr}",
        output.status
    );
    let console = stderr
        .lines()
        .filter(|line| line.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    Visit {
        dom: String::from_utf8(output.stdout).unwrap(),
        console,
        requests: page_requests(&netlog),
    }
}

/// The URLs of the requests in a NetLog that a page made: those with an initiator. Chromium's
/// own (update checks and the like) have none ("not an origin").
fn page_requests(netlog: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(netlog).unwrap();
    // Chromium may stop before it closes the events' array.
    let log: Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .unwrap();
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].clone();
    log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| event["type"] == start_job)
        .filter(|event| event["params"]["initiator"] != "not an origin")
        .filter_map(|event| event["params"]["url"].as_str().map(str::to_owned))
        .collect()
}

/// Saves a screenshot of `page`, `width` pixels wide, to `png`.
fn screenshot(chromium: &Path, page: &Path, png: &Path, width: u32) {
    let output = chromium_command(chromium, page.parent().unwrap())
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("--window-size={width},1500"))
        .arg(file_url(page))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bytes = std::fs::read(png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "no PNG at {}", png.display());
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// The start tags in `html` that begin with `prefix` (`<rect class="mark"`), each up to its `>`.
fn tags<'a>(html: &'a str, prefix: &str) -> Vec<&'a str> {
    html.match_indices(prefix)
        .map(|(at, _)| {
            let end = html[at..].find('>').map_or(html.len(), |end| at + end + 1);
            &html[at..end]
        })
        .collect()
}

/// The value of attribute `name` in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// The text between the start tag that begins with `open` and the next `close`.
fn element<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no {open} in the DOM"));
    let end = html[start..]
        .find(close)
        .map_or(html.len(), |end| start + end);
    &html[start..end]
}

/// An incident log, its report as JSON, and the HTML page of the same run.
fn incident_report(dir: &Path) -> (Value, PathBuf) {
    incident_report_in(dir, "en")
}

/// [`incident_report`], with `--lang lang`.
fn incident_report_in(dir: &Path, lang: &str) -> (Value, PathBuf) {
    let invocations = 3_000;
    let scenario = cls_logs::Scenario::incident(invocations);
    let mut logs = String::new();
    cls_logs::generate_scenario(
        7,
        &scenario,
        |started| started >= invocations,
        |line| {
            logs.push_str(&line.json(false));
            logs.push('\n');
        },
    );
    let log = dir.join("incident.jsonl");
    std::fs::write(&log, logs).unwrap();
    let page = dir.join("report.html");
    let args = [
        "triage".as_ref(),
        "--json".as_ref(),
        "--by".as_ref(),
        "function".as_ref(),
        "--by".as_ref(),
        "version".as_ref(),
        "--every".as_ref(),
        "5m".as_ref(),
        "--html".as_ref(),
        page.as_os_str(),
        "--lang".as_ref(),
        lang.as_ref(),
        log.as_os_str(),
    ];
    let run = run_with_input(&args, None);
    assert_eq!(run.status, 0, "{}", run.stderr);
    (serde_json::from_str(&run.stdout).unwrap(), page)
}

#[test]
fn the_report_page_draws_every_code_in_every_bucket_and_loads_nothing() {
    let Some(chromium) = chromium() else { return };
    let dir = scratch("html", "report");
    let (report, page) = incident_report(&dir);
    let codes: Vec<u64> = report["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code["code"].as_u64().unwrap())
        .collect();
    let buckets = report["timeline"]["buckets"].as_array().unwrap().len();
    assert_eq!(buckets, 24, "09:00 to 11:00 in 5-minute buckets");

    let visit = visit(&chromium, &page);
    assert_eq!(visit.console, Vec::<String>::new(), "console messages");
    assert_eq!(visit.requests, Vec::<String>::new(), "network requests");

    // The chart: one series per code, in the report's order, and one mark per bucket in each.
    let chart = element(&visit.dom, "<svg class=\"chart\"", "</svg>");
    let series: Vec<&str> = chart.split("<g class=\"series\"").skip(1).collect();
    let series_codes: Vec<u64> = series
        .iter()
        .map(|series| attribute(series, "data-code").unwrap().parse().unwrap())
        .collect();
    assert_eq!(series_codes, codes);
    for (series, code) in series.iter().zip(&report["codes"].as_array().unwrap()[..]) {
        let series = &series[..series.find("</g>").unwrap()];
        let marks = tags(series, "<rect class=\"mark\"");
        let indexes: Vec<usize> = marks
            .iter()
            .map(|mark| attribute(mark, "data-bucket").unwrap().parse().unwrap())
            .collect();
        assert_eq!(indexes, (0..buckets).collect::<Vec<_>>());
        let drawn: u64 = marks
            .iter()
            .map(|mark| {
                attribute(mark, "data-count")
                    .unwrap()
                    .parse::<u64>()
                    .unwrap()
            })
            .sum();
        assert_eq!(drawn, code["invocations"].as_u64().unwrap());
    }

    // The incident, as drawn: no 433 before the bucket of 10:30 for order-sync's version 13,
    // and the 433 series rises there.
    let timeouts = series[codes.iter().position(|&code| code == 433).unwrap()];
    let count_at = |bucket: usize| -> u64 {
        let mark = tags(timeouts, "<rect class=\"mark\"")[bucket];
        attribute(mark, "data-count").unwrap().parse().unwrap()
    };
    let before: u64 = (0..18).map(count_at).sum::<u64>() / 18;
    let after: u64 = (18..24).map(count_at).sum::<u64>() / 6;
    assert!(
        after > 3 * before.max(1),
        "433 per bucket: {before} before 10:30, {after} after"
    );

    // One table row per code, with its solution's links kept as links.
    let table = element(&visit.dom, "<table id=\"codes\"", "</table>");
    let rows: Vec<u64> = tags(table, "<tr data-code=")
        .iter()
        .map(|row| attribute(row, "data-code").unwrap().parse().unwrap())
        .collect();
    assert_eq!(rows, codes);
    assert!(
        table.contains("<a href=\"https://"),
        "no link in the solutions"
    );

    // The version table names the version that failed.
    let versions = element(&visit.dom, "<table id=\"versions\"", "</table>");
    assert!(
        versions.contains(
            "<td class=\"name\"><bdi>order-sync</bdi></td><td class=\"name\"><bdi>13</bdi></td>"
        ),
        "{versions}"
    );

    let png = Path::new(env!("CARGO_TARGET_TMPDIR")).join("triage-report.png");
    screenshot(&chromium, &page, &png, 1280);
    eprintln!("screenshot: {}", png.display());
}

#[test]
fn the_chinese_report_page_is_in_chinese_with_tencents_chinese_texts() {
    let Some(chromium) = chromium() else { return };
    let dir = scratch("html", "report-zh");
    let (report, page) = incident_report_in(&dir, "zh");
    let visit = visit(&chromium, &page);
    assert_eq!(visit.console, Vec::<String>::new(), "console messages");
    assert_eq!(visit.requests, Vec::<String>::new(), "network requests");
    assert!(
        visit.dom.contains("<html lang=\"zh-CN\">"),
        "{}",
        &visit.dom[..200]
    );
    for heading in [
        "<h1>SCF 函数调用的结束情况</h1>",
        "<h2>按状态码</h2>",
        "<th>解决方法</th>",
    ] {
        assert!(visit.dom.contains(heading), "{heading}");
    }
    // The time line's span and its buckets are said in Chinese too.
    for english in ["-minute", "-second", "-hour", " buckets"] {
        assert!(
            !visit.dom.contains(english),
            "{english} on the Chinese page"
        );
    }
    assert!(visit.dom.contains("一个时间段"), "the span line");
    let table = element(&visit.dom, "<table id=\"codes\"", "</table>");
    let rows: Vec<&str> = table.split("<tr data-code=").skip(1).collect();
    assert_eq!(rows.len(), report["codes"].as_array().unwrap().len());
    // Each failing code's advice is the Chinese solution of codes.toml, as the library gives it.
    for row in rows {
        let digits: String = row
            .trim_start_matches('"')
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let code: u16 = digits.parse().unwrap();
        let solution = scf_codes::Code::from_u16(code).solution_in(scf_codes::Lang::Zh);
        let first: String = solution
            .trim_start_matches("- ")
            .chars()
            .take_while(|c| !matches!(c, '[' | '`' | '*'))
            .take(6)
            .collect();
        assert!(row.contains(&first), "{code}: {first} not in {row}");
    }
    let png = Path::new(env!("CARGO_TARGET_TMPDIR")).join("triage-report-zh.png");
    screenshot(&chromium, &page, &png, 1280);
    eprintln!("screenshot: {}", png.display());
}

#[test]
fn the_browser_check_sees_a_request_and_a_console_message_when_a_page_makes_them() {
    let Some(chromium) = chromium() else { return };
    let dir = scratch("html", "control");
    let page = dir.join("leaky.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><title>leaky</title><img src=\"http://127.0.0.1:9/pixel.png\">\
         <script>console.error('from the page')</script>",
    )
    .unwrap();
    let visit = visit(&chromium, &page);
    assert_eq!(visit.requests, ["http://127.0.0.1:9/pixel.png"]);
    assert!(
        visit
            .console
            .iter()
            .any(|line| line.contains("from the page")),
        "{:?}",
        visit.console
    );
}
