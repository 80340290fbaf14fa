#!/usr/bin/env bash
# Clean-build cost of depending on scf-codes, measured where users pay it, against real
# alternatives in the same run. Builds these crates from scratch, alternating, several times each:
#
# (a) a crate on its own
#   scf-codes      a binary that uses scf_codes::Code (the real table)
#   scf-codes-900  the same, with a codes.toml of every code 100..=999 (the scale check)
#   thiserror      a binary that derives thiserror::Error on one enum (thiserror 2)
#
# (b) a service skeleton: tokio (rt-multi-thread, macros), serde (derive), serde_json, thiserror
#   service              the skeleton alone
#   service+scf-codes    the same skeleton, also using scf-codes with its `payload` feature
#                        (serde and the payload types, which read what SCF returns)
#
# and prints the median wall time of each and the ratios, then the same for the CPU time (user and
# system) of each build, which other work on a shared machine disturbs far less. Usage:
#
#   scripts/build-cost.sh [RUNS]          # RUNS defaults to 5
#   scripts/build-cost.sh --timings       # one build of each with `cargo build --timings`:
#                                         # where the time goes, crate by crate
#
# Needs network access once, to fetch the registry crates; then runs offline.
#
# Every build runs with CARGO_INCREMENTAL=0: a user gets scf-codes and thiserror from crates.io,
# and cargo never builds registry crates incrementally. The copies here are path crates, which
# cargo would otherwise build incrementally, paying to write an incremental cache that a user's
# clean build never writes.
set -euo pipefail
export CARGO_INCREMENTAL=0
mode=runs
runs=5
case "${1:-}" in
  --timings) mode=timings ;;
  "") ;;
  *) runs=$1 ;;
esac
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)

# Each contender builds from clean into a target directory of its own: shared, they would reuse
# each other's dependencies. They go under CARGO_TARGET_DIR when it is set (the disk the user
# chose for builds), and otherwise beside each contender's sources.
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
  targets=$CARGO_TARGET_DIR/scf-codes-build-cost.$$
else
  targets=$work/targets
fi
trap 'rm -rf "$work" "$targets"' EXIT
target_of() { echo "$targets/$1"; }

# The macro crate is shared by the scf-codes contenders; the runtime crate is copied so that the
# 900-code variant reads its own codes.toml. Its manifest is the real one with paths made absolute.
# Its features and its optional dependencies (serde, serde_json) are the real manifest's.
features=$(awk '/^\[features\]/ { on = 1; print; next } /^\[/ { on = 0 } on && !/^#/' "$repo/scf-codes/Cargo.toml")
optional_dependencies=$(awk '/^\[/ { on = ($0 == "[dependencies]") } on && /optional = true/' "$repo/scf-codes/Cargo.toml")
make_scf_codes_copy() { # dir codes.toml
  mkdir -p "$1/src"
  cp -r "$repo"/scf-codes/src/. "$1/src/"
  cp "$2" "$1/codes.toml"
  cat > "$1/Cargo.toml" <<TOML
[package]
name = "scf-codes"
version = "0.0.0"
edition = "2024"

$features

[dependencies]
scf-codes-macros = { path = "$repo/scf-codes-macros" }
$optional_dependencies
TOML
}

make_app() { # dir dependency-lines main.rs-body
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

service_deps='tokio = { version = "1", features = ["rt-multi-thread", "macros"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
thiserror = "2"'
service_items='#[derive(Debug, serde::Deserialize, serde::Serialize)]
struct Order {
    id: u64,
    items: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
enum Error {
    #[error("bad order: {0}")]
    Json(#[from] serde_json::Error),
}

fn handle(body: &str) -> Result<Order, Error> {
    Ok(serde_json::from_str(body)?)
}'
make_app "$work/service" "$service_deps" "$service_items

#[tokio::main]
async fn main() {
    let order = tokio::spawn(async { handle(r#\"{\"id\":1,\"items\":[\"a\"]}\"#) }).await.unwrap();
    println!(\"{order:?}\");
}"
make_app "$work/service+scf-codes" "$service_deps
scf-codes = { path = \"$work/lib-29\", features = [\"payload\"] }" "$service_items

#[tokio::main]
async fn main() {
    let order = tokio::spawn(async { handle(r#\"{\"id\":1,\"items\":[\"a\"]}\"#) }).await.unwrap();
    println!(\"{order:?}\");
    let failure: scf_codes::FailureBody =
        serde_json::from_str(r#\"{\"statusCode\":433}\"#).unwrap();
    println!(\"{}: {}\", failure.code(), failure.code().solution());
    let response: scf_codes::InvokeResponse = serde_json::from_str(
        r#\"{\"Response\":{\"Result\":{\"InvokeResult\":-1,\"ErrMsg\":\"{\\\"statusCode\\\":433}\"}}}\"#,
    )
    .unwrap();
    if let Err(error) = response.into_result() {
        println!(\"{error}: {:?}\", error.code());
    }
}"

contenders=(scf-codes scf-codes-900 thiserror service service+scf-codes)
# cargo in a contender's directory, building into its own target directory.
cargo_in() { # name cargo-arguments...
  local name=$1
  shift
  (cd "$work/$name" && CARGO_TARGET_DIR=$(target_of "$name") cargo "$@")
}

for name in "${contenders[@]}"; do
  cargo_in "$name" fetch -q
  cargo_in "$name" build -q --offline
  "$(target_of "$name")/debug/app" > /dev/null
  rm -rf "$(target_of "$name")"
done

# A service that uses scf-codes builds one syn: the one serde_derive, thiserror and tokio-macros
# build anyway.
echo "syn in the service with scf-codes (cargo tree -i syn):"
(cd "$work/service+scf-codes" && cargo tree -q --offline -e normal,build -i syn --depth 1 | sed 's/^/  /')
if (cd "$work/service+scf-codes" && cargo tree -q --offline -e normal,build -d | grep -q .); then
  echo "the service with scf-codes builds a crate twice:" >&2
  (cd "$work/service+scf-codes" && cargo tree --offline -e normal,build -d) >&2
  exit 1
fi

if [ "$mode" = timings ]; then
  # cargo writes its timings as an HTML page whose UNIT_DATA holds each unit's duration.
  for name in "${contenders[@]}"; do
    cargo_in "$name" build -q --offline --timings
    echo
    echo "$name: slowest units of a clean build (cargo build --timings)"
    python3 - "$(target_of "$name")/cargo-timings/cargo-timing.html" <<'PY'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
total = max(u["start"] + u["duration"] for u in units)
print(f"  total {total:.2f} s")
for u in sorted(units, key=lambda u: -u["duration"])[:12]:
    what = u["name"] + " " + u["version"] + (" (" + u["target"].strip() + ")" if u["target"].strip() else "")
    print(f"  {u['duration']:6.2f} s  starts at {u['start']:5.2f} s  {what}")
PY
  done
  exit 0
fi

declare -A times cpu
for run in $(seq "$runs"); do
  for name in "${contenders[@]}"; do
    rm -rf "$(target_of "$name")"
    start=$(date +%s.%N)
    # GNU time counts cargo and every rustc it waits for.
    (cd "$work/$name" && CARGO_TARGET_DIR=$(target_of "$name") \
      /usr/bin/time -f '%U %S' -o "$work/cpu" cargo build -q --offline)
    end=$(date +%s.%N)
    times[$name]+="$(echo "$end - $start" | bc) "
    cpu[$name]+="$(awk '{ print $1 + $2 }' "$work/cpu") "
  done
  echo "run $run/$runs: $(for n in "${contenders[@]}"; do printf '%s %.2fs  ' "$n" "$(echo "${times[$n]}" | awk '{print $NF}')"; done)"
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m() { echo "${times[$1]}" | median; }
echo
echo "median clean build over $runs runs ($(nproc) cores, $(rustc --version)):"
for name in "${contenders[@]}"; do printf '  %-20s %6.2f s\n' "$name" "$(m "$name")"; done
printf '(a) scf-codes / thiserror:              %.2f (goal: at most 1.20, moonshot 1.00)\n' "$(echo "$(m scf-codes) / $(m thiserror)" | bc -l)"
printf '    scf-codes-900 / scf-codes:          %.2f (goal: at most 1.25)\n' "$(echo "$(m scf-codes-900) / $(m scf-codes)" | bc -l)"
printf '(b) service+scf-codes / service:        %.2f (goal: at most 1.25, moonshot 1.15)\n' "$(echo "$(m service+scf-codes) / $(m service)" | bc -l)"
c() { echo "${cpu[$1]}" | median; }
echo
echo "median CPU time (user + system) of the same builds:"
for name in "${contenders[@]}"; do printf '  %-20s %6.2f s\n' "$name" "$(c "$name")"; done
printf '(a) scf-codes / thiserror:              %.2f\n' "$(echo "$(c scf-codes) / $(c thiserror)" | bc -l)"
printf '    scf-codes-900 / scf-codes:          %.2f\n' "$(echo "$(c scf-codes-900) / $(c scf-codes)" | bc -l)"
printf '(b) service+scf-codes / service:        %.2f\n' "$(echo "$(c service+scf-codes) / $(c service)" | bc -l)"
