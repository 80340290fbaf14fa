#!/usr/bin/env python3
"""Runs the query of `scf-codes triage --sql duckdb|spark` in DuckDB or in Spark local mode,
over a view `scf_logs` of CLS log files, and saves the engine's answer as the engine itself
writes it, for `scf-codes triage` to read back.

    python3 scripts/sql-engine.py duckdb|spark QUERY.sql OUT LOGS [LOGS...]
    python3 scripts/sql-engine.py duckdb|spark --jobs JOBS.json

LOGS are CLS exports: JSON Lines or CSV (by the name: .csv, .csv.gz are CSV), gzip by the name
(.gz), or Parquet (.parquet); several files are one view. OUT's name says how to write the
answer: .jsonl (JSON Lines), .json (a JSON array, DuckDB only) or .csv (with a header row).
With --jobs, JOBS.json is a list of {"query": path, "out": path, "logs": [paths]}, run in one
engine session (a Spark session takes many seconds to start).

Needs `pip install duckdb` or `pip install pyspark` (with Java 17); Spark is bound to the
loopback address (SPARK_LOCAL_IP=127.0.0.1). Prints each job's time on standard error.
"""

import json
import os
import shutil
import sys
import tempfile
import time


def kind(path):
    name = path[:-3] if path.endswith(".gz") else path
    if name.endswith(".csv"):
        return "csv"
    if name.endswith(".parquet"):
        return "parquet"
    return "json"


def duckdb_run(jobs):
    import duckdb

    con = duckdb.connect()
    for job in jobs:
        started = time.time()
        logs = job["logs"]
        kinds = {kind(path) for path in logs}
        if len(kinds) != 1:
            sys.exit(f"the logs of one job must all be JSON, CSV or Parquet: {logs}")
        files = "[" + ", ".join("'" + path.replace("'", "''") + "'" for path in logs) + "]"
        reader = {
            # Every value as text: the query casts what it needs, as CLS may give numbers
            # as strings.
            "csv": f"read_csv({files}, header = true, all_varchar = true)",
            "json": f"read_json({files}, format = 'newline_delimited')",
            "parquet": f"read_parquet({files})",
        }[kinds.pop()]
        con.execute(f"CREATE OR REPLACE VIEW scf_logs AS SELECT * FROM {reader}")
        query = open(job["query"], encoding="utf-8").read().strip().rstrip(";")
        out = job["out"].replace("'", "''")
        options = {
            ".csv": "FORMAT csv, HEADER true",
            ".jsonl": "FORMAT json",
            ".json": "FORMAT json, ARRAY true",
        }[os.path.splitext(job["out"])[1]]
        con.execute(f"COPY ({query}) TO '{out}' ({options})")
        print(f"duckdb {job['out']}: {time.time() - started:.1f} s", file=sys.stderr)


def spark_run(jobs):
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[*]")
        .appName("scf-codes triage --sql spark")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_SHUFFLE_PARTITIONS", "8"))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        for job in jobs:
            started = time.time()
            logs = job["logs"]
            kinds = {kind(path) for path in logs}
            if len(kinds) != 1:
                sys.exit(f"the logs of one job must all be JSON, CSV or Parquet: {logs}")
            shape = kinds.pop()
            if shape == "csv":
                # A CLS message may hold line breaks inside its quotes.
                frame = spark.read.csv(logs, header=True, multiLine=True, escape='"')
            elif shape == "parquet":
                frame = spark.read.parquet(*logs)
            else:
                frame = spark.read.json(logs)
            frame.createOrReplaceTempView("scf_logs")
            query = open(job["query"], encoding="utf-8").read().strip().rstrip(";")
            answer = spark.sql(query).coalesce(1)
            out = job["out"]
            written = tempfile.mkdtemp(prefix="spark-answer.")
            shutil.rmtree(written)
            extension = os.path.splitext(out)[1]
            if extension == ".csv":
                answer.write.csv(written, header=True)
            elif extension == ".jsonl":
                answer.write.json(written)
            else:
                sys.exit(f"Spark writes JSON Lines (.jsonl) or CSV (.csv), not {out}")
            parts = sorted(
                name for name in os.listdir(written) if name.startswith("part-")
            )
            with open(out, "wb") as sink:
                for part in parts:
                    with open(os.path.join(written, part), "rb") as source:
                        shutil.copyfileobj(source, sink)
            shutil.rmtree(written)
            print(f"spark {out}: {time.time() - started:.1f} s", file=sys.stderr)
    finally:
        spark.stop()


def main(argv):
    if len(argv) == 3 and argv[1] == "--jobs":
        with open(argv[2], encoding="utf-8") as file:
            jobs = json.load(file)
    elif len(argv) >= 4:
        jobs = [{"query": argv[1], "out": argv[2], "logs": argv[3:]}]
    else:
        sys.exit(__doc__)
    engine = argv[0]
    if engine == "duckdb":
        duckdb_run(jobs)
    elif engine == "spark":
        spark_run(jobs)
    else:
        sys.exit(f"unknown engine {engine!r}: duckdb or spark")


if __name__ == "__main__":
    main(sys.argv[1:])
