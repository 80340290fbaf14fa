#!/usr/bin/env bash
# Runs the query of `scf-codes triage --sql spark` in Spark local mode over the fixtures of the
# SQL tests (JSON Lines and CSV, gzip too, newest first, retries, unfinished invocations, values
# as strings), and checks that Spark's answer, read back by triage, gives triage's own report
# field for field. Installs pyspark from PyPI when it is missing; needs Java 17.
#
#   scripts/check-sql-spark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if ! "$python" -c 'import pyspark' 2>/dev/null; then
  echo "installing pyspark from PyPI"
  "$python" -m pip install --quiet pyspark
fi
if ! java -version >/dev/null 2>&1; then
  echo "Spark needs Java 17 (apt-get install openjdk-17-jre-headless)" >&2
  exit 1
fi
# Spark binds to the loopback address, never to the machine's network.
export SPARK_LOCAL_IP=127.0.0.1
cargo test -p scf-codes-cli --test sql -- --ignored --exact spark_answers_with_triages_counts
