#!/usr/bin/env python3
"""`scf-codes triage` against the engines an on-call engineer could run instead, in one run, on
the same synthetic CLS export (the cls-logs example, JSON Lines), each asked the same question:
how many invocations ended in each status code, and how many have not ended.

    python3 scripts/bench-engines.py [--runs N] [--functions N,N,...] [SIZE...]
    # default: 3 runs, 200M 1G, then 200,000 invocations over 2,000, 20,000 and 50,000 functions

    triage      scf-codes triage --json (its default report: time line and percentiles on)
    duckdb      triage's own query (scf-codes triage --sql duckdb: read_json, max_by), in
                DuckDB's Python package
    duckdb-arg-max  the same question written for DuckDB alone: read_json of the four columns
                it needs, arg_max; the fastest DuckDB query we know for it
    clickhouse  the same question in ClickHouse's SQL (argMaxIf), in chdb, its embedded form
    polars      the same question as a lazy Polars query over scan_ndjson
    jq          the same question as a jq | sort | awk pipeline, streaming

Every tool's counts are checked against the generator's before any time is printed. The tools
run in turn, N rounds (3 by default), and each one's median time is shown: the ratios are those
of one run on one machine. Times include the interpreter's start, as a user runs them; peak
memory is the highest of the whole process tree over the rounds (benchlib.measure). Needs a
release build (done here), jq, GNU sort and awk, and
`pip install duckdb chdb polars`. The files go to $TMPDIR (SIZE of space, for each size).

Then it times triage alone on 200,000 invocations spread over more and more functions (2,000,
20,000 and 50,000 by default, each invocation on version 1, 2 or 3 of its function), grouped by
function and by version: the time should grow near-linearly with the functions, not faster.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

from benchlib import ENGINE, GENERATE, SCF_CODES, build_release, measure

TOOLS = ["triage", "duckdb", "duckdb-arg-max", "clickhouse", "polars", "jq"]

# An attempt is a request ID and a retry number; its outcome is the status of its latest line
# that is not 202 ("still running"), by SCF_LogTime, and it has not ended when all its lines are
# 202. A line without a request ID is an attempt of its own. Lines whose status is not a number
# from 0 to 65535 are skipped. The generator writes every key as text, as CLS exports them.
CLICKHOUSE = """
WITH lines AS (
  SELECT nullIf(SCF_RequestId, '') AS request_id,
    toInt64OrZero(SCF_RetryNum) AS retry,
    toInt64OrNull(SCF_StatusCode) AS status,
    toInt64OrZero(SCF_LogTime) AS log_time
  FROM file('{logs}', 'JSONEachRow',
    'SCF_RequestId Nullable(String), SCF_RetryNum Nullable(String),
     SCF_StatusCode Nullable(String), SCF_LogTime Nullable(String)')
  WHERE status BETWEEN 0 AND 65535
)
SELECT code, count() AS invocations
FROM (
  SELECT if(countIf(status != 202) = 0, NULL, argMaxIf(status, log_time, status != 202)) AS code
  FROM lines WHERE request_id IS NOT NULL GROUP BY request_id, retry
  UNION ALL
  SELECT if(status = 202, NULL, status) AS code FROM lines WHERE request_id IS NULL
)
GROUP BY code
"""

DUCKDB = """
WITH lines AS (
  SELECT nullif(SCF_RequestId, '') AS request_id,
    coalesce(TRY_CAST(SCF_RetryNum AS BIGINT), 0) AS retry,
    TRY_CAST(SCF_StatusCode AS BIGINT) AS status,
    coalesce(TRY_CAST(SCF_LogTime AS BIGINT), 0) AS log_time
  FROM read_json('{logs}', format = 'newline_delimited',
    columns = {{SCF_RequestId: 'VARCHAR', SCF_RetryNum: 'VARCHAR',
               SCF_StatusCode: 'VARCHAR', SCF_LogTime: 'VARCHAR'}})
)
SELECT code, count(*) AS invocations
FROM (
  SELECT arg_max(status, log_time) FILTER (WHERE status <> 202) AS code
  FROM lines WHERE request_id IS NOT NULL AND status BETWEEN 0 AND 65535 GROUP BY request_id, retry
  UNION ALL
  SELECT CASE WHEN status <> 202 THEN status END AS code
  FROM lines WHERE request_id IS NULL AND status BETWEEN 0 AND 65535
)
GROUP BY code
"""

# jq streams: it writes each line's attempt, time and status, sort groups them by attempt in
# time order, and awk keeps each attempt's last status that is not 202 and counts them.
JQ = r"""
jq -r 'select((.SCF_StatusCode | tostring | tonumber? // -1) as $s | $s >= 0 and $s <= 65535)
  | [(if (.SCF_RequestId // "") == "" then "~\(input_line_number)"
      else "\(.SCF_RequestId)/\(.SCF_RetryNum // 0)" end),
     (.SCF_LogTime // 0 | tostring), (.SCF_StatusCode | tostring)] | @tsv' "$1" \
| LC_ALL=C sort -t "$(printf '\t')" -k1,1 -k2,2n \
| awk -F '\t' '
    function close_attempt() { if (key != "") counts[code == "" ? "null" : code]++ }
    $1 != key { close_attempt(); key = $1; code = "" }
    $3 + 0 != 202 { code = $3 + 0 }
    END { close_attempt(); for (c in counts) printf "{\"code\":%s,\"invocations\":%d}\n", c, counts[c] }'
"""


def run_engine(tool, logs, out):
    """Runs one engine in this process (started by measure, so its start-up is counted) and
    writes its answer as JSON Lines of {code, invocations}."""
    if tool == "duckdb-arg-max":
        import duckdb

        rows = duckdb.sql(DUCKDB.format(logs=logs.replace("'", "''"))).fetchall()
        with open(out, "w") as answer:
            for code, invocations in rows:
                answer.write(json.dumps({"code": code, "invocations": invocations}) + "\n")
    elif tool == "clickhouse":
        import chdb

        answer = chdb.query(CLICKHOUSE.format(logs=logs.replace("'", "\\'")), "JSONEachRow")
        with open(out, "w") as rows:
            rows.write(answer.data())
    elif tool == "polars":
        import polars as pl

        text = {key: pl.Utf8 for key in ["SCF_RequestId", "SCF_RetryNum", "SCF_StatusCode", "SCF_LogTime"]}
        number = lambda key: pl.col(key).str.strip_chars(' "').cast(pl.Int64, strict=False)
        lines = (
            pl.scan_ndjson(logs, schema=text)
            .select(
                request_id=pl.when(pl.col("SCF_RequestId") != "").then(pl.col("SCF_RequestId")),
                retry=number("SCF_RetryNum").fill_null(0),
                status=number("SCF_StatusCode"),
                log_time=number("SCF_LogTime").fill_null(0),
            )
            .filter(pl.col("status").is_between(0, 65535))
        )
        ended = pl.col("status") != 202
        attempts = (
            lines.filter(pl.col("request_id").is_not_null())
            .group_by("request_id", "retry")
            .agg(code=pl.col("status").filter(ended).sort_by(pl.col("log_time").filter(ended)).last())
            .select("code")
        )
        lone = lines.filter(pl.col("request_id").is_null()).select(
            code=pl.when(ended).then(pl.col("status"))
        )
        answer = pl.concat([attempts, lone]).group_by("code").len(name="invocations").collect()
        answer.write_ndjson(out)
    else:
        sys.exit(f"no engine {tool}")


def counts_of(tool, path):
    """{code or None (not ended): invocations} of a tool's answer."""
    if tool == "triage":
        report = json.load(open(path))
        counts = {c["code"]: c["invocations"] for c in report["codes"]}
        if report["unfinished"]:
            counts[None] = report["unfinished"]
        return counts
    counts = {}
    for line in open(path):
        if line.strip():
            row = json.loads(line)
            code = None if row["code"] is None else int(row["code"])
            counts[code] = counts.get(code, 0) + int(row["invocations"])
    return counts


def command_of(tool, work, logs, out):
    if tool == "triage":
        return [SCF_CODES, "triage", "--json", logs]
    if tool == "duckdb":
        return [sys.executable, ENGINE, "duckdb", os.path.join(work, "duckdb.sql"), out, logs]
    if tool == "jq":
        return ["bash", "-c", JQ, "jq", logs]
    return [sys.executable, os.path.abspath(__file__), "--engine", tool, logs, out]


def generate(work, options):
    """Writes logs.jsonl in `work` with the generator's `options`; returns its path and the
    counts every tool must report."""
    logs = os.path.join(work, "logs.jsonl")
    expected_path = os.path.join(work, "expected.json")
    with open(logs, "wb") as out:
        subprocess.run([GENERATE, *options, "--expected", expected_path], stdout=out, check=True)
    expected = json.load(open(expected_path))
    want = {c["code"]: c["invocations"] for c in expected["codes"]}
    if expected["unfinished"]:
        want[None] = expected["unfinished"]
    return logs, want


def main(sizes, rounds, functions):
    build_release()
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-engines.") as work:
            logs, want = generate(work, ["--size", size])
            with open(os.path.join(work, "duckdb.sql"), "w") as query:
                subprocess.run([SCF_CODES, "triage", "--sql", "duckdb"], stdout=query, check=True)
            times = {tool: [] for tool in TOOLS}
            peaks = {tool: 0 for tool in TOOLS}
            for round in range(rounds):
                for tool in TOOLS:
                    out = os.path.join(work, f"{tool}.json" if tool == "triage" else f"{tool}.jsonl")
                    command = command_of(tool, work, logs, out)
                    if tool in ("triage", "jq"):
                        with open(out, "w") as answer:
                            seconds, peak = measure(command, stdout=answer)
                    else:
                        seconds, peak = measure(command)
                    have = counts_of(tool, out)
                    if have != want:
                        sys.exit(f"{size}: {tool}'s counts differ from the generator's: {have} != {want}")
                    times[tool].append(seconds)
                    peaks[tool] = max(peaks[tool], peak)
                    print(f"{size}, round {round + 1}: {tool} {seconds:.2f} s, counts checked", file=sys.stderr)
            runs = {tool: (statistics.median(times[tool]), peaks[tool]) for tool in TOOLS}
            results.append((size, os.path.getsize(logs), sum(want.values()), runs))

    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
          f"{rounds} rounds of the tools in turn, median times; every tool's counts checked.\n")
    print("| input | tool | time | throughput | peak memory | time vs triage |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    labels = {
        "triage": "scf-codes triage",
        "duckdb": "DuckDB, triage's query (`--sql duckdb`: `read_json`, `max_by`)",
        "duckdb-arg-max": "DuckDB, four columns (`read_json`, `arg_max`)",
        "clickhouse": "ClickHouse (chdb, `argMaxIf`)",
        "polars": "Polars (`scan_ndjson`)",
        "jq": "jq pipeline (`jq \\| sort \\| awk`)",
    }
    for size, size_bytes, attempts, runs in results:
        base = runs["triage"][0]
        beyond_base = max(runs["triage"][1] - 32 * 2**20, 0) / attempts
        print(f"| {size_bytes / 1e9:.2f} GB, {attempts:,} invocations | triage's memory per invocation "
              f"beyond a 32 MiB base | | | {beyond_base:.0f} B | |")
        for tool in sorted(TOOLS, key=lambda tool: runs[tool][0]):
            seconds, peak = runs[tool]
            print(f"| {size_bytes / 1e9:.2f} GB, {attempts:,} invocations | {labels[tool]} "
                  f"| {seconds:.2f} s | {size_bytes / seconds / 1e9:.2f} GB/s "
                  f"| {peak / 2**20:,.0f} MiB | {seconds / base:.2f}x |")
    if functions:
        by_functions(functions, rounds)


def by_functions(counts, rounds, invocations=200_000):
    """Triage's time as the functions grow, the invocations staying the same: grouping by
    function and by version must stay near-linear in the number of groups."""
    rows = []
    for count in counts:
        with tempfile.TemporaryDirectory(prefix="bench-engines.") as work:
            logs, want = generate(work, ["--invocations", str(invocations), "--functions", str(count)])
            out = os.path.join(work, "triage.json")
            command = [SCF_CODES, "triage", "--json", "--by", "function", "--by", "version", logs]
            times, peak = [], 0
            for round in range(rounds):
                with open(out, "w") as answer:
                    seconds, round_peak = measure(command, stdout=answer)
                have = counts_of("triage", out)
                if have != want:
                    sys.exit(f"{count} functions: triage's counts differ from the generator's: {have} != {want}")
                groups = len({row["function"] for row in json.load(open(out))["functions"]})
                times.append(seconds)
                peak = max(peak, round_peak)
                print(f"{count} functions, round {round + 1}: triage {seconds:.2f} s, {groups:,} functions reported",
                      file=sys.stderr)
            rows.append((count, groups, statistics.median(times), peak))
    print(f"\n{invocations:,} invocations over more and more functions (versions 1 to 3 of each), "
          "`triage --json --by function --by version`, median times:\n")
    print("| functions | time | peak memory | functions vs the first | time vs the first |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    _, first_groups, first_time, _ = rows[0]
    for _, groups, seconds, peak in rows:
        print(f"| {groups:,} | {seconds:.2f} s | {peak / 2**20:,.0f} MiB "
              f"| {groups / first_groups:.1f}x | {seconds / first_time:.2f}x |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--engine"]:
        run_engine(*sys.argv[2:5])
    else:
        parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
        parser.add_argument("--runs", type=int, default=3, help="rounds of the tools in turn (default 3)")
        parser.add_argument("--functions", default="2000,20000,50000",
                            help="numbers of functions to spread 200,000 invocations over, comma-separated, "
                                 "or none (default 2000,20000,50000)")
        parser.add_argument("sizes", nargs="*", default=["200M", "1G"], help="input sizes (default 200M 1G)")
        args = parser.parse_args()
        if args.runs < 1:
            parser.error("--runs must be at least 1")
        try:
            functions = [] if args.functions == "none" else [int(n) for n in args.functions.split(",")]
        except ValueError:
            parser.error(f"--functions: not a list of numbers: {args.functions!r}")
        if any(n < 1 for n in functions):
            parser.error("--functions: each number must be at least 1")
        main(args.sizes, args.runs, functions)
