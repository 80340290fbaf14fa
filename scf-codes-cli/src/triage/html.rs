//! `triage --html`: the report as one self-contained page, from an askama template
//! (`templates/triage.html`). The chart of outcomes over time is SVG written by the template
//! from the geometry computed here; styles are inline, and a Content Security Policy forbids the
//! page any request, so it opens the same from disk, from a mail, and offline.
//!
//! Each code is drawn in its category's hue, a shade of its own, and its category's pattern, so
//! that the chart still reads printed in grayscale; the legend and the table name each code.

use std::path::Path;

use askama::Template;
use scf_codes::{Category, Code, Lang};

use crate::Failure;
use scf_codes_triage::options::{Grouping, Length, Nanos, clock};
use scf_codes_triage::summary::{CodeCount, Outcomes, Summary};

/// Writes the page for `summary` to `path`, in `lang`.
pub fn write(
    summary: &Summary,
    grouping: Grouping,
    lang: Lang,
    path: &Path,
) -> Result<(), Failure> {
    let page = render(summary, grouping, lang)?;
    std::fs::write(path, page).map_err(|error| {
        Failure(format!(
            "cannot write the HTML report to {}: {error}",
            path.display()
        ))
    })
}

/// The page for `summary`, with Tencent's texts and the page's own words in `lang`.
pub fn render(summary: &Summary, grouping: Grouping, lang: Lang) -> Result<String, Failure> {
    Page::new(summary, grouping, lang)
        .render()
        .map_err(|error| Failure(format!("cannot render the HTML report: {error}")))
}

/// The page's own words in one language; Tencent's texts come from the table.
struct PageWords {
    html_lang: &'static str,
    title: &'static str,
    heading: &'static str,
    span: &'static str,
    no_time: &'static str,
    invocations: &'static str,
    failed: &'static str,
    unfinished: &'static str,
    records_read: &'static str,
    lines_skipped: &'static str,
    /// The headings of the tables' columns of counts.
    counts: [&'static str; 3],
    over_time: &'static str,
    chart_label: &'static str,
    /// `{}` stands for the length of a bucket.
    axis_title: &'static str,
    chart_note: &'static str,
    by_code: &'static str,
    code: &'static str,
    category: &'static str,
    retry: &'static str,
    share: &'static str,
    max_ms: &'static str,
    memory: &'static str,
    first_and_last_seen: &'static str,
    what_to_do: &'static str,
    durations_note: &'static str,
    by_function: &'static str,
    by_version: &'static str,
    function: &'static str,
    version: &'static str,
    first_seen: &'static str,
    last_seen: &'static str,
    codes: &'static str,
    written_by: &'static str,
}

const ENGLISH: PageWords = PageWords {
    html_lang: "en",
    title: "SCF invocations",
    heading: "How SCF invocations ended",
    span: "Invocations by when they ended:",
    no_time: "No line of the log carries a time (SCF_LogTime): no chart over time.",
    invocations: "invocations",
    failed: "failed",
    unfinished: "unfinished",
    records_read: "records read",
    lines_skipped: "lines skipped",
    counts: ["Invocations", "Failed", "Unfinished"],
    over_time: "Outcomes over time",
    chart_label: "Stacked bars: invocations that ended in each bucket, by code",
    axis_title: "invocations per {} bucket, by when they ended (UTC)",
    chart_note: "Stacked in the legend's order, from the bottom. Each category has its color and its pattern; codes of one category differ in shade, and past four, in a mark added to the pattern.",
    by_code: "By code",
    code: "Code",
    category: "Category",
    retry: "Retry",
    share: "Share",
    max_ms: "Max ms",
    memory: "Memory MB",
    first_and_last_seen: "First and last seen",
    what_to_do: "What to do",
    durations_note: "Durations (SCF_Duration) are percentiles within 1%; memory (SCF_MemUsage) is the most any invocation used. Times are UTC, when each invocation ended.",
    by_function: "By function",
    by_version: "By function and version",
    function: "Function",
    version: "Version",
    first_seen: "First seen",
    last_seen: "Last seen",
    codes: "Codes",
    written_by: "Written by",
};

const CHINESE: PageWords = PageWords {
    html_lang: "zh-CN",
    title: "SCF 函数调用",
    heading: "SCF 函数调用的结束情况",
    span: "按结束时间统计的调用：",
    no_time: "日志中没有带时间（SCF_LogTime）的行：无法按时间绘图。",
    invocations: "调用",
    failed: "失败",
    unfinished: "未结束",
    records_read: "已读记录",
    lines_skipped: "跳过的行",
    counts: ["调用", "失败", "未结束"],
    over_time: "结果随时间的变化",
    chart_label: "堆叠柱状图：每个时间段内结束的调用，按状态码",
    axis_title: "每 {} 时间段的调用数，按结束时间（UTC）",
    chart_note: "按图例顺序自下而上堆叠。每个类别有自己的颜色和图案；同一类别的状态码以深浅区分，超过四个时再在图案上加一种标记。",
    by_code: "按状态码",
    code: "状态码",
    category: "类别",
    retry: "可重试",
    share: "占比",
    max_ms: "最大 ms",
    memory: "内存 MB",
    first_and_last_seen: "首次与最后出现",
    what_to_do: "解决方法",
    durations_note: "时长（SCF_Duration）为误差 1% 以内的百分位数；内存（SCF_MemUsage）为单次调用的最大用量。时间为 UTC，即每次调用结束的时间。",
    by_function: "按函数",
    by_version: "按函数与版本",
    function: "函数",
    version: "版本",
    first_seen: "首次出现",
    last_seen: "最后出现",
    codes: "状态码",
    written_by: "生成工具：",
};

/// The page's words in `lang`.
/// A bucket's length as the page's language says it: `5-minute`, or `5 分钟`.
fn length_words(length: Length, lang: Lang) -> String {
    match lang {
        Lang::En => length.to_string(),
        Lang::Zh => {
            let (count, unit) = length.largest_unit();
            let unit = match unit {
                "day" => "天",
                "hour" => "小时",
                "minute" => "分钟",
                _ => "秒",
            };
            format!("{count} {unit}")
        }
    }
}

fn page_words(lang: Lang) -> &'static PageWords {
    match lang {
        Lang::En => &ENGLISH,
        Lang::Zh => &CHINESE,
    }
}

/// The width and height of the chart, in SVG units.
const CHART_WIDTH: f64 = 960.0;
const CHART_HEIGHT: f64 = 320.0;
/// Room for the axes' labels.
const LEFT: f64 = 56.0;
const BOTTOM: f64 = 36.0;
const TOP: f64 = 22.0;
const RIGHT: f64 = 12.0;

#[derive(Template)]
#[template(path = "triage.html")]
struct Page {
    /// The page's own words, in its language.
    t: &'static PageWords,
    title: String,
    version: &'static str,
    span: Option<String>,
    totals: Vec<Total>,
    patterns: Vec<Pattern>,
    chart: Option<Chart>,
    codes: Vec<CodeRow>,
    functions: Vec<GroupRow>,
    versions: Vec<GroupRow>,
    by_function: bool,
    by_version: bool,
}

struct Total {
    label: &'static str,
    value: String,
}

/// The fill of one code: its category's hue in a shade of its own, and its category's pattern.
struct Pattern {
    id: String,
    color: String,
    /// The pattern's strokes, an SVG path in a 8×8 tile; empty for a plain fill.
    strokes: String,
}

struct Chart {
    axis_title: String,
    width: f64,
    height: f64,
    plot_left: f64,
    plot_right: f64,
    plot_bottom: f64,
    series: Vec<Series>,
    y_ticks: Vec<Tick>,
    x_ticks: Vec<Tick>,
    legend: Vec<LegendEntry>,
}

struct Series {
    code: u16,
    name: &'static str,
    category: &'static str,
    fill: String,
    marks: Vec<Mark>,
}

struct Mark {
    bucket: usize,
    count: u64,
    x: String,
    y: String,
    width: String,
    height: String,
    label: String,
}

struct Tick {
    position: String,
    label: String,
}

struct LegendEntry {
    fill: String,
    label: String,
}

struct CodeRow {
    code: u16,
    name: &'static str,
    message: &'static str,
    category: &'static str,
    retryable: &'static str,
    fill: String,
    invocations: u64,
    share: String,
    p50: String,
    p95: String,
    max: String,
    memory: String,
    first_seen: String,
    last_seen: String,
    solution: String,
}

struct GroupRow {
    function: String,
    version: String,
    invocations: u64,
    failed: u64,
    unfinished: u64,
    first_seen: String,
    last_seen: String,
    codes: String,
}

impl Page {
    fn new(summary: &Summary, grouping: Grouping, lang: Lang) -> Page {
        let t = page_words(lang);
        let outcomes = &summary.outcomes;
        let span = summary.timeline.map(|timeline| match lang {
            Lang::En => timeline.describe(),
            Lang::Zh => format!(
                "{}，每 {} 一个时间段",
                scf_codes_triage::timeline::span(timeline.start, timeline.end()),
                length_words(timeline.every.length(), lang)
            ),
        });
        let failed = outcomes.failed();
        let totals = vec![
            Total {
                label: t.invocations,
                value: outcomes.invocations.to_string(),
            },
            Total {
                label: t.failed,
                value: format!("{failed} ({})", percent(failed, outcomes.invocations)),
            },
            Total {
                label: t.unfinished,
                value: outcomes.unfinished.to_string(),
            },
            Total {
                label: t.records_read,
                value: summary.records.to_string(),
            },
            Total {
                label: t.lines_skipped,
                value: summary.skipped.to_string(),
            },
        ];
        let patterns = patterns(outcomes);
        let groups = |rows: Vec<(String, String, &Outcomes)>| -> Vec<GroupRow> {
            rows.into_iter()
                .map(|(function, version, outcomes)| group_row(function, version, outcomes))
                .collect()
        };
        Page {
            title: match &span {
                Some(span) => format!("{}, {span}", t.title),
                None => t.title.to_owned(),
            },
            t,
            version: env!("CARGO_PKG_VERSION"),
            span,
            totals,
            chart: chart(summary, t, lang),
            codes: outcomes
                .codes
                .iter()
                .map(|count| code_row(count, outcomes, lang))
                .collect(),
            functions: groups(
                summary
                    .functions
                    .iter()
                    .map(|function| {
                        (
                            function
                                .function
                                .clone()
                                .unwrap_or_else(|| super::report::NO_FUNCTION.to_owned()),
                            String::new(),
                            &function.outcomes,
                        )
                    })
                    .collect(),
            ),
            versions: groups(
                summary
                    .versions
                    .iter()
                    .map(|version| {
                        (
                            version
                                .function
                                .clone()
                                .unwrap_or_else(|| super::report::NO_FUNCTION.to_owned()),
                            version
                                .version
                                .clone()
                                .unwrap_or_else(|| super::report::NO_VERSION.to_owned()),
                            &version.outcomes,
                        )
                    })
                    .collect(),
            ),
            by_function: grouping.function,
            by_version: grouping.version,
            patterns,
        }
    }
}

/// The category's hue, and its pattern (an SVG path in an 8×8 tile).
fn style(category: Category) -> ((u16, u8), &'static str) {
    match category {
        Category::Success => ((130, 45), ""),
        Category::Request => ((210, 70), "M0,8 L8,0"),
        Category::Permission => ((285, 55), "M0,8 L8,0 M0,0 L8,8"),
        Category::Function => ((4, 75), "M2,2 h1 v1 h-1 z M6,6 h1 v1 h-1 z"),
        Category::Configuration => ((30, 85), "M0,4 H8"),
        Category::Throttling => ((50, 85), "M4,0 V8"),
        Category::Account => ((20, 35), "M0,4 H8 M4,0 V8"),
        Category::Platform => ((200, 20), "M0,0 L8,8"),
        _ => ((0, 0), "M0,2 L4,6 L8,2"),
    }
}

/// How many shades of a hue codes of one category take before the next takes a mark as well.
const SHADES: usize = 4;

/// The marks added to a category's pattern, one set per round of [`SHADES`] codes: so that
/// every code of a category, unknown codes too (which have no hue), has a fill of its own.
const MARKS: [&str; 6] = [
    "",
    " M1,1 h2 v2 h-2 z",
    " M0,6 H8",
    " M6,0 V8",
    " M5,1 h2 v2 h-2 z M1,5 h2 v2 h-2 z",
    " M0,1 L1,0 M7,8 L8,7",
];

/// One fill per code, in the report's order: codes of one category get lighter in turn, then
/// a mark is added to the category's pattern and the shades start again.
fn patterns(outcomes: &Outcomes) -> Vec<Pattern> {
    let mut seen: Vec<Category> = Vec::new();
    outcomes
        .codes
        .iter()
        .map(|count| {
            let category = count.code.category();
            let shade = seen.iter().filter(|seen| **seen == category).count();
            seen.push(category);
            let ((hue, saturation), strokes) = style(category);
            let lightness = 42 + 12 * (shade % SHADES);
            let marks = MARKS[(shade / SHADES) % MARKS.len()];
            Pattern {
                id: fill_id(count.code),
                color: format!("hsl({hue} {saturation}% {lightness}%)"),
                strokes: format!("{strokes}{marks}").trim_start().to_owned(),
            }
        })
        .collect()
}

fn fill_id(code: Code) -> String {
    format!("fill-{}", code.as_u16())
}

fn fill(code: Code) -> String {
    format!("url(#{})", fill_id(code))
}

/// The stacked chart: one series per code, most invocations at the bottom, and one mark per
/// bucket in each, of height 0 where the code had none.
fn chart(summary: &Summary, t: &PageWords, lang: Lang) -> Option<Chart> {
    let timeline = summary.timeline?;
    let outcomes = &summary.outcomes;
    let totals = outcomes.per_bucket(timeline.buckets);
    let highest = totals.iter().map(|total| total.0).max().unwrap_or(0);
    let step = tick_step(highest.max(1));
    let top = highest.max(1).div_ceil(step) * step;
    let plot_width = CHART_WIDTH - LEFT - RIGHT;
    let plot_height = CHART_HEIGHT - TOP - BOTTOM;
    let slot = plot_width / timeline.buckets as f64;
    let gap = if slot >= 4.0 { slot * 0.15 } else { 0.0 };
    let scale = plot_height / top as f64;
    let bottom = TOP + plot_height;
    let seconds = timeline.every.seconds() < 60;
    let mut stacked = vec![0u64; timeline.buckets];
    let series = outcomes
        .codes
        .iter()
        .map(|count| {
            let marks = (0..timeline.buckets)
                .map(|bucket| {
                    let n = count.buckets.get(bucket).copied().unwrap_or(0);
                    let below = stacked[bucket];
                    stacked[bucket] += n;
                    let start = timeline.bucket_start(bucket);
                    let end = timeline.bucket_start(bucket + 1);
                    Mark {
                        bucket,
                        count: n,
                        x: number(LEFT + slot * bucket as f64 + gap / 2.0),
                        y: number(bottom - (below + n) as f64 * scale),
                        width: number(slot - gap),
                        height: number(n as f64 * scale),
                        label: format!(
                            "{} {}: {n} invocations ended {}\u{2013}{}",
                            count.code.as_u16(),
                            count.code.name(),
                            clock(start, seconds),
                            clock(end, seconds).rsplit(' ').next().unwrap_or_default()
                        ),
                    }
                })
                .collect();
            Series {
                code: count.code.as_u16(),
                name: count.code.name(),
                category: count.code.category().as_str(),
                fill: fill(count.code),
                marks,
            }
        })
        .collect();
    let y_ticks = (0..=top / step)
        .map(|index| {
            let value = index * step;
            Tick {
                position: number(bottom - value as f64 * scale),
                label: value.to_string(),
            }
        })
        .collect();
    let labels = 6.min(timeline.buckets);
    let every_nth = timeline.buckets.div_ceil(labels.max(1)).max(1);
    let x_ticks = (0..timeline.buckets)
        .step_by(every_nth)
        .map(|bucket| Tick {
            position: number(LEFT + slot * bucket as f64),
            label: x_label(timeline.bucket_start(bucket), timeline.every.seconds()),
        })
        .collect();
    let legend = outcomes
        .codes
        .iter()
        .map(|count| LegendEntry {
            fill: fill(count.code),
            label: format!("{} {}", count.code.as_u16(), count.code.name()),
        })
        .collect();
    Some(Chart {
        axis_title: t
            .axis_title
            .replace("{}", &length_words(timeline.every.length(), lang)),
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        plot_left: LEFT,
        plot_right: CHART_WIDTH - RIGHT,
        plot_bottom: bottom,
        series,
        y_ticks,
        x_ticks,
        legend,
    })
}

/// The label of a bucket on the time axis: the time of day, with seconds for buckets shorter
/// than a minute, and the date for buckets of a day or more.
fn x_label(start: Nanos, bucket_seconds: u64) -> String {
    let text = clock(start, bucket_seconds < 60);
    if bucket_seconds >= 86_400 {
        text.split(' ').next().unwrap_or_default().to_owned()
    } else {
        text.split_once(' ')
            .map_or(text.clone(), |(_, time)| time.to_owned())
    }
}

/// The distance between two ticks of the count axis: the smallest of 1, 2 and 5 times a power
/// of ten that needs at most five ticks above zero to reach `highest`.
fn tick_step(highest: u64) -> u64 {
    let mut power = 1u64;
    loop {
        for step in [1, 2, 5] {
            let candidate = step * power;
            if highest.div_ceil(candidate) <= 5 {
                return candidate;
            }
        }
        power = power.saturating_mul(10);
    }
}

/// A coordinate, to a tenth.
fn number(value: f64) -> String {
    format!("{:.1}", value)
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "0.0%".to_owned()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

/// A time of the tables: `2026-11-27 10:30:05`, UTC as the page says; `-` for none.
fn seen(time: Option<Nanos>) -> String {
    time.map_or("-".to_owned(), |time| clock(time, true))
}

fn code_row(count: &CodeCount, outcomes: &Outcomes, lang: Lang) -> CodeRow {
    let durations = count.usage.durations();
    let ms = |value: Option<f64>| value.map_or("-".to_owned(), |value| value.to_string());
    CodeRow {
        code: count.code.as_u16(),
        name: count.code.name(),
        message: count.code.message(),
        category: count.code.category().as_str(),
        retryable: crate::lang::words(lang).yes_no(count.code.is_retryable()),
        fill: fill(count.code),
        invocations: count.invocations,
        share: percent(count.invocations, outcomes.invocations),
        p50: ms(durations.map(|d| d.p50)),
        p95: ms(durations.map(|d| d.p95)),
        max: ms(durations.map(|d| d.max)),
        memory: count
            .usage
            .memory_mb()
            .map_or("-".to_owned(), |memory| memory.to_string()),
        first_seen: seen(count.first_seen),
        last_seen: seen(count.last_seen),
        solution: markdown(count.code.solution_in(lang)),
    }
}

fn group_row(function: String, version: String, outcomes: &Outcomes) -> GroupRow {
    GroupRow {
        function,
        version,
        invocations: outcomes.invocations,
        failed: outcomes.failed(),
        unfinished: outcomes.unfinished,
        first_seen: seen(outcomes.first_seen),
        last_seen: seen(outcomes.last_seen),
        codes: outcomes
            .codes
            .iter()
            .map(|count| {
                let p95 = count
                    .usage
                    .durations()
                    .map_or(String::new(), |d| format!(", p95 {} ms", d.p95));
                format!(
                    "{} \u{00d7} {}{p95}",
                    count.code.as_u16(),
                    count.invocations
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// A solution's Markdown as HTML. Raw HTML in it is shown as text, never passed through. The
/// table writes `-` for no solution (200 Success).
fn markdown(text: &str) -> String {
    use pulldown_cmark::{Event, Parser, html};
    if text.trim() == "-" {
        return String::new();
    }
    let events = Parser::new(text).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_one_two_or_five_times_a_power_of_ten_at_most_five_high() {
        let steps: Vec<u64> = [1, 5, 6, 11, 125, 999, 1_001]
            .into_iter()
            .map(tick_step)
            .collect();
        assert_eq!(steps, [1, 1, 2, 5, 50, 200, 500]);
    }

    #[test]
    fn solutions_keep_their_links_and_never_pass_raw_html() {
        let html = markdown("See [Limits](https://example.com/x) <script>alert(1)</script>");
        assert!(
            html.contains(r#"<a href="https://example.com/x">Limits</a>"#),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    /// The outcomes of one invocation of each of `codes`, without times or measures.
    fn once_each(codes: impl Iterator<Item = u16>) -> Outcomes {
        let codes: Vec<CodeCount> = codes
            .map(|code| CodeCount {
                code: Code::from_u16(code),
                invocations: 1,
                sample_request_ids: Vec::new(),
                first_seen: None,
                last_seen: None,
                usage: Default::default(),
                buckets: Vec::new(),
            })
            .collect();
        Outcomes {
            invocations: codes.len() as u64,
            unfinished: 0,
            codes,
            first_seen: None,
            last_seen: None,
        }
    }

    #[test]
    fn codes_of_one_category_differ_in_shade() {
        let patterns = patterns(&once_each([433, 430].into_iter()));
        assert_ne!(patterns[0].color, patterns[1].color);
        assert_eq!(patterns[0].strokes, patterns[1].strokes);
    }

    #[test]
    fn every_unknown_code_has_a_fill_of_its_own() {
        let fills: std::collections::HashSet<(String, String)> = patterns(&once_each(600..624))
            .into_iter()
            .map(|pattern| (pattern.color, pattern.strokes))
            .collect();
        assert_eq!(fills.len(), 24);
    }
}

#[cfg(test)]
mod page_tests {
    use super::*;
    use scf_codes_triage::options::{Moment, Selection};
    use scf_codes_triage::summary::{Attempt, Read, fold};

    #[test]
    fn names_from_the_logs_are_escaped_and_each_code_is_a_series() {
        let Ok(Moment::At(end)) = "2026-11-27T10:30:00Z".parse() else {
            panic!("an RFC 3339 time");
        };
        let hostile = "<img src=x onerror=alert(1)>";
        let attempts: Vec<Attempt<'_>> = [200, 433, 433]
            .into_iter()
            .enumerate()
            .map(|(index, code)| Attempt {
                request_id: Some(scf_codes_triage::request_id::RequestId::Text(hostile)),
                function: Some(hostile),
                version: Some("\"13\""),
                outcome: Some(code),
                end: Some(end + index as i64 * 60_000_000_000),
                latest: Some(end + index as i64 * 60_000_000_000),
                count: 1,
                ..Attempt::default()
            })
            .collect();
        let selection = Selection {
            grouping: Grouping {
                function: true,
                version: true,
            },
            every: Some("1m".parse().unwrap()),
            ..Selection::default()
        };
        let summary = fold(|| attempts.iter().copied(), &selection, Read::default()).unwrap();
        let page = render(&summary, selection.grouping, Lang::En).unwrap();
        assert!(
            !page.contains(hostile),
            "a name from the logs is not escaped"
        );
        assert!(page.contains("&#60;img src=x onerror=alert(1)&#62;") || page.contains("&lt;img"));
        assert_eq!(page.matches("<g class=\"series\"").count(), 2);
        // Three one-minute buckets, one mark per bucket in each series.
        assert_eq!(page.matches("<rect class=\"mark\"").count(), 2 * 3);
        assert_eq!(page.matches("<tr data-code=").count(), 2);
    }
}
