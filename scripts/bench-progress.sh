#!/usr/bin/env bash
# What triage's progress costs: `scf-codes triage` on the same log, with standard error on a
# terminal (a pseudo-terminal from util-linux's script, where the progress is drawn once the run
# has lasted a second) and into a pipe (where it is not), in alternating runs. Prints the median
# wall time and CPU time (user + system, which other work on the machine disturbs less) of each
# and their ratios. Usage:
#
#   scripts/bench-progress.sh [SIZE] [RUNS]     # SIZE defaults to 1G, RUNS to 7
#
# Needs util-linux's script and GNU time (Debian: apt-get install util-linux time).
set -euo pipefail
size=${1:-1G}
runs=${2:-7}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in script /usr/bin/time jq; do
  command -v "$tool" > /dev/null || { echo "bench-progress.sh needs $tool" >&2; exit 1; }
done

(cd "$repo" && cargo build -q --release -p scf-codes-cli --bin scf-codes --example cls-logs)
target=$(cd "$repo" && cargo metadata -q --format-version 1 --no-deps | jq -r .target_directory)
triage=$target/release/scf-codes
"$target/release/examples/cls-logs" --size "$size" > "$work/logs.jsonl"

# Both run under script, so that the pseudo-terminal costs the same; only where standard error
# goes differs. The report goes to /dev/null in both.
declare -A commands=(
  [terminal]="script -qec '$triage triage $work/logs.jsonl > /dev/null' /dev/null"
  [pipe]="script -qec '$triage triage $work/logs.jsonl > /dev/null 2> /dev/null' /dev/null"
)
declare -A times cpu
for run in $(seq "$runs"); do
  for name in terminal pipe; do
    out=$(/usr/bin/time -f '%e %U %S' bash -c "${commands[$name]} < /dev/null > $work/screen.$name" 2>&1 | tail -1)
    read -r wall user system <<< "$out"
    times[$name]+="$wall "
    cpu[$name]+="$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }') "
  done
done
# The terminal runs drew the progress: the rate is on their screen.
grep -q 'B/s' "$work/screen.terminal" || { echo "no progress was drawn on the terminal" >&2; exit 1; }
if grep -q 'B/s' "$work/screen.pipe"; then echo "progress was drawn into a pipe" >&2; exit 1; fi

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
terminal=$(echo "${times[terminal]}" | median)
pipe=$(echo "${times[pipe]}" | median)
terminal_cpu=$(echo "${cpu[terminal]}" | median)
pipe_cpu=$(echo "${cpu[pipe]}" | median)
echo "$(stat -c %s "$work/logs.jsonl") bytes of JSON Lines, $runs runs each"
echo "progress on a terminal: wall ${terminal} s, CPU ${terminal_cpu} s (wall: ${times[terminal]})"
echo "no progress (pipe):     wall ${pipe} s, CPU ${pipe_cpu} s (wall: ${times[pipe]})"
awk -v t="$terminal" -v p="$pipe" -v tc="$terminal_cpu" -v pc="$pipe_cpu" \
  'BEGIN { printf "ratio terminal/pipe: wall %.3f, CPU %.3f\n", t / p, tc / pc }'
