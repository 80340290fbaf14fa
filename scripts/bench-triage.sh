#!/usr/bin/env bash
# `scf-codes triage` against what on-call users run today, in the same run, on synthetic CLS logs
# with known outcome counts (the cls-logs example):
#
#   jq        jq -r .SCF_StatusCode FILE | sort | uniq -c     (counts lines, not invocations)
#   cat       cat FILE > /dev/null                             (the physical limit of reading)
#   zcat      zcat FILE.gz > /dev/null                         (the same, for gzip)
#
# Every triage run computes the time line and the duration percentiles; `triage-all` also groups
# by function and by version, in 1-minute buckets, and writes the HTML page.
#
# It checks that triage reports the generator's counts, then prints the median wall time and
# peak memory of each over RUNS alternating runs, the ratios, and the memory kept per invocation
# (from the peak memory at two sizes). Usage:
#
#   scripts/bench-triage.sh [SIZE] [RUNS]     # SIZE defaults to 200M, RUNS to 5
#
# Needs jq and GNU time (Debian: apt-get install jq time).
set -euo pipefail
size=${1:-200M}
runs=${2:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in jq /usr/bin/time zcat; do
  command -v "$tool" > /dev/null || { echo "bench-triage.sh needs $tool" >&2; exit 1; }
done

(cd "$repo" && cargo build -q --release -p scf-codes-cli --bin scf-codes --example cls-logs)
# Where cargo put them: target/ in the clone, or wherever CARGO_TARGET_DIR (or a cargo config)
# says.
target=$(cd "$repo" && cargo metadata -q --format-version 1 --no-deps | jq -r .target_directory)
triage=$target/release/scf-codes
generate=$target/release/examples/cls-logs

"$generate" --size "$size" --expected "$work/expected.json" > "$work/logs.jsonl"
gzip -c "$work/logs.jsonl" > "$work/logs.jsonl.gz"
"$generate" --size "$size" --format csv > "$work/logs.csv"
lines=$(wc -l < "$work/logs.jsonl")
bytes=$(stat -c %s "$work/logs.jsonl")

# The counts must be the generator's before any time means anything.
python3 - "$work/expected.json" <("$triage" triage --json "$work/logs.jsonl") <("$triage" triage --json "$work/logs.jsonl.gz") <<'PY'
import json, sys
expected = json.load(open(sys.argv[1]))
want = (expected["invocations"], expected["unfinished"], expected["records"],
        {c["code"]: c["invocations"] for c in expected["codes"]})
for path in sys.argv[2:]:
    got = json.load(open(path))
    have = (got["invocations"], got["unfinished"], got["records"],
            {c["code"]: c["invocations"] for c in got["codes"]})
    if have != want:
        sys.exit(f"triage's counts differ from the generator's: {have} != {want}")
print(f"counts checked: {want[0]} invocations, {want[1]} unfinished, {want[2]} records")
PY

declare -A commands=(
  [triage]="$triage triage $work/logs.jsonl"
  [triage-gzip]="$triage triage $work/logs.jsonl.gz"
  [triage-csv]="$triage triage $work/logs.csv"
  [triage-all]="$triage triage --by function --by version --every 1m --html $work/report.html $work/logs.jsonl"
  [jq]="jq -r .SCF_StatusCode $work/logs.jsonl | sort | uniq -c"
  [jq-gzip]="zcat $work/logs.jsonl.gz | jq -r .SCF_StatusCode | sort | uniq -c"
  [cat]="cat $work/logs.jsonl"
  [cat-csv]="cat $work/logs.csv"
  [zcat]="zcat $work/logs.jsonl.gz"
)
order=(cat triage triage-all jq zcat triage-gzip jq-gzip cat-csv triage-csv)

declare -A times memory
for run in $(seq "$runs"); do
  for name in "${order[@]}"; do
    # GNU time reports the peak resident memory of the largest process of a pipeline's shell.
    out=$(/usr/bin/time -f '%e %M' bash -c "${commands[$name]} > /dev/null" 2>&1 | tail -1)
    times[$name]+="${out% *} "
    memory[$name]+="${out#* } "
  done
  echo "run $run/$runs done"
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
t() { echo "${times[$1]}" | median; }
m() { echo "${memory[$1]}" | median; }
ratio() { echo "$1 / $2" | bc -l; }

echo
echo "$((bytes >> 20)) MiB of JSON Lines, $lines lines; median of $runs runs ($(nproc) cores):"
for name in "${order[@]}"; do
  printf '  %-12s %7.2f s  %8.1f MiB peak\n' "$name" "$(t "$name")" "$(echo "$(m "$name") / 1024" | bc -l)"
done
printf 'JSON Lines: triage is %.1fx faster than the jq pipeline (goal: 10x); %.0f MB/s, %.2fx the time of cat\n' \
  "$(ratio "$(t jq)" "$(t triage)")" "$(echo "$bytes / $(t triage) / 1000000" | bc -l)" "$(ratio "$(t triage)" "$(t cat)")"
printf 'all on:     triage --by function --by version --every 1m --html is %.1fx faster than the jq pipeline\n' \
  "$(ratio "$(t jq)" "$(t triage-all)")"
printf 'gzip:       triage is %.1fx faster than zcat | jq; %.2fx the time of zcat alone\n' \
  "$(ratio "$(t jq-gzip)" "$(t triage-gzip)")" "$(ratio "$(t triage-gzip)" "$(t zcat)")"
printf 'CSV:        triage takes %.2fx the time of cat\n' "$(ratio "$(t triage-csv)" "$(t cat-csv)")"

# Memory kept per invocation: the peak at two sizes, over the invocations between them.
small_expected=$work/small.json
"$generate" --size 20M --expected "$small_expected" > "$work/small.jsonl"
peak() { /usr/bin/time -f '%M' "$triage" triage "$1" 2>&1 >/dev/null | tail -1; }
big_peak=$(peak "$work/logs.jsonl")
small_peak=$(peak "$work/small.jsonl")
invocations() { python3 -c "import json,sys; e=json.load(open(sys.argv[1])); print(e['invocations']+e['unfinished'])" "$1"; }
big_n=$(invocations "$work/expected.json")
small_n=$(invocations "$small_expected")
printf 'memory per invocation: about %.0f bytes ((%d - %d KiB) / (%d - %d invocations))\n' \
  "$(echo "($big_peak - $small_peak) * 1024 / ($big_n - $small_n)" | bc -l)" "$big_peak" "$small_peak" "$big_n" "$small_n"
