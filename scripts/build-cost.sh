#!/usr/bin/env bash
# Clean-build cost of depending on scf-codes, against depending on thiserror 2, measured in
# the same run. Builds three minimal crates from scratch, alternating, several times each:
#
#   scf-codes      a binary that uses scf_codes::Code (the real 29-code table)
#   scf-codes-900  the same, with a codes.toml of every code 100..=999 (the scale check)
#   thiserror      a binary that derives thiserror::Error on one enum
#
# and prints the median wall time of each and the ratios. Usage:
#
#   scripts/build-cost.sh [RUNS]        # RUNS defaults to 5
#
# Needs network access once, to fetch thiserror; then runs offline.
#
# Every build runs with CARGO_INCREMENTAL=0: a user gets scf-codes and thiserror from crates.io,
# and cargo never builds registry crates incrementally. The copies here are path crates, which
# cargo would otherwise build incrementally, paying to write an incremental cache that a user's
# clean build never writes.
set -euo pipefail
export CARGO_INCREMENTAL=0
runs=${1:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The macro crate is shared by both scf-codes contenders; the runtime crate is copied so that
# the 900-code variant reads its own codes.toml.
make_scf_codes_copy() { # dir codes.toml
  mkdir -p "$1/src"
  cp "$repo"/scf-codes/src/*.rs "$1/src/"
  cp "$2" "$1/codes.toml"
  cat > "$1/Cargo.toml" <<TOML
[package]
name = "scf-codes"
version = "0.0.0"
edition = "2024"

[features]
serde = []

[dependencies]
scf-codes-macros = { path = "$repo/scf-codes-macros" }
TOML
}

make_app() { # dir dependency-line main.rs-body
  mkdir -p "$1/src"
  cat > "$1/Cargo.toml" <<TOML
[package]
name = "app"
version = "0.0.0"
edition = "2024"

[workspace]

[dependencies]
$2
TOML
  printf '%s\n' "$3" > "$1/src/main.rs"
}

# The real table plus a generated entry for every other code in 100..=999: 900 codes in all.
python3 - "$repo/codes.toml" "$work/codes-900.toml" <<'PY'
import re, sys
real = open(sys.argv[1]).read()
taken = {int(n) for n in re.findall(r"^code = (\d+)$", real, re.M)}
with open(sys.argv[2], "w") as out:
    out.write(real)
    for code in range(100, 1000):
        if code in taken:
            continue
        out.write(f'\n[[code]]\ncode = {code}\nname = "Generated{code}"\nmessage = "Generated{code}"\n'
                  f'description = "Status code {code}, generated for the scale benchmark."\n'
                  f'solution = "-"\ncategory = "platform"\nretryable = {str(code % 2 == 0).lower()}\n')
PY
make_scf_codes_copy "$work/lib-29" "$repo/codes.toml"
make_scf_codes_copy "$work/lib-900" "$work/codes-900.toml"

scf_main='fn main() {
    let code = scf_codes::Code::from_u16(std::env::args().count() as u16 + 432);
    println!("{code}: {}", code.solution());
}'
make_app "$work/scf-codes" "scf-codes = { path = \"$work/lib-29\" }" "$scf_main"
make_app "$work/scf-codes-900" "scf-codes = { path = \"$work/lib-900\" }" "$scf_main"
make_app "$work/thiserror" 'thiserror = "2"' '#[derive(Debug, thiserror::Error)]
enum Error {
    #[error("status {0}")]
    Status(u16),
    #[error("invalid payload: {reason}")]
    Payload { reason: String },
}
fn main() {
    let error = Error::Status(std::env::args().count() as u16 + 432);
    println!("{error} / {}", Error::Payload { reason: "x".into() });
}'

contenders=(scf-codes scf-codes-900 thiserror)
for name in "${contenders[@]}"; do
  (cd "$work/$name" && cargo fetch -q && cargo build -q --offline && rm -rf target)
done

declare -A times
for run in $(seq "$runs"); do
  for name in "${contenders[@]}"; do
    rm -rf "$work/$name/target"
    start=$(date +%s.%N)
    (cd "$work/$name" && cargo build -q --offline)
    end=$(date +%s.%N)
    times[$name]+="$(echo "$end - $start" | bc) "
  done
  echo "run $run/$runs: $(for n in "${contenders[@]}"; do printf '%s %.2fs  ' "$n" "$(echo "${times[$n]}" | awk '{print $NF}')"; done)"
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
scf=$(echo "${times[scf-codes]}" | median)
scf900=$(echo "${times[scf-codes-900]}" | median)
thiserror=$(echo "${times[thiserror]}" | median)
echo
echo "median clean build over $runs runs ($(nproc) cores, $(rustc --version)):"
printf '  scf-codes      %6.2f s\n  scf-codes-900  %6.2f s\n  thiserror 2    %6.2f s\n' "$scf" "$scf900" "$thiserror"
printf 'ratio scf-codes / thiserror:          %.2f (goal: at most 0.80)\n' "$(echo "$scf / $thiserror" | bc -l)"
printf 'ratio scf-codes-900 / scf-codes:      %.2f (goal: at most 1.25)\n' "$(echo "$scf900 / $scf" | bc -l)"
