#!/usr/bin/env python3
"""Triage at scale: `scf-codes triage` against its own query run in DuckDB and in Spark local
mode (`scf-codes triage --sql duckdb|spark`, through scripts/sql-engine.py), on the same
synthetic CLS export (the cls-logs example), in one run. For each tool: wall time, and peak
memory of the whole process tree (the sum of the resident sets of the tool and every process it
starts, sampled every 50 ms; Spark's JVM included). Checks that the three agree on every count
before printing anything.

    python3 scripts/bench-sql.py [SIZE...]      # e.g. 200M 2G; default 200M

Needs a release build (cargo build --release -p scf-codes-cli --bin scf-codes --example
cls-logs, done here), `pip install duckdb pyspark`, and Java 17. The files go to a temporary
directory under $TMPDIR (two times SIZE of space).
"""

import json
import os
import platform
import subprocess
import sys
import tempfile

from benchlib import ENGINE, GENERATE, SCF_CODES, build_release, measure



def counts_of_rows(path):
    """{(code): invocations} of an engine's JSON Lines answer."""
    counts = {}
    with open(path) as rows:
        for line in rows:
            row = json.loads(line)
            counts[row.get("code")] = counts.get(row.get("code"), 0) + int(row["invocations"])
    return counts


def main(sizes):
    build_release()
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-sql.") as work:
            logs = os.path.join(work, "logs.jsonl")
            with open(logs, "wb") as out:
                subprocess.run([GENERATE, "--size", size], stdout=out, check=True)
            megabytes = os.path.getsize(logs) / 2**20
            lines = sum(1 for _ in open(logs, "rb"))
            for engine in ["duckdb", "spark"]:
                with open(os.path.join(work, f"{engine}.sql"), "w") as query:
                    subprocess.run([SCF_CODES, "triage", "--sql", engine], stdout=query, check=True)
            report = os.path.join(work, "triage.json")
            runs = {}
            with open(report, "w") as out:
                runs["triage"] = measure([SCF_CODES, "triage", "--json", logs], stdout=out)
            for engine in ["duckdb", "spark"]:
                answer = os.path.join(work, f"{engine}.jsonl")
                runs[engine] = measure(
                    [sys.executable, ENGINE, engine, os.path.join(work, f"{engine}.sql"), answer, logs]
                )
            triage = json.load(open(report))
            want = {c["code"]: c["invocations"] for c in triage["codes"]}
            want[None] = triage["unfinished"]
            for engine in ["duckdb", "spark"]:
                have = counts_of_rows(os.path.join(work, f"{engine}.jsonl"))
                if have != want:
                    sys.exit(f"{engine}'s counts differ from triage's: {have} != {want}")
            results.append((size, megabytes, lines, triage["invocations"] + triage["unfinished"], runs))
            print(f"{size}: counts agree ({triage['invocations']} finished, {triage['unfinished']} unfinished)",
                  file=sys.stderr)

    print(f"Machine: {os.cpu_count()} cores, {platform.machine()}, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
          f"one run of each, one after another.\n")
    print("| input | tool | time | peak memory | time vs triage |")
    print("| --- | --- | ---: | ---: | ---: |")
    for size, megabytes, lines, attempts, runs in results:
        base = runs["triage"][0]
        for tool in ["triage", "duckdb", "spark"]:
            seconds, peak = runs[tool]
            label = {"triage": "scf-codes triage", "duckdb": "DuckDB (Python)", "spark": "Spark local"}[tool]
            print(f"| {megabytes:,.0f} MiB JSON Lines, {lines:,} lines, {attempts:,} invocations "
                  f"| {label} | {seconds:.1f} s | {peak / 2**20:,.0f} MiB | {seconds / base:.1f}x |")


if __name__ == "__main__":
    main(sys.argv[1:] or ["200M"])
