#!/usr/bin/env bash
# What the Chinese texts cost a program: the release size of a small binary that prints the
# English texts of the codes named on its command line, built against scf-codes at BASE (default
# f23a3a4, before the Chinese texts) and against this tree; then the same program asking for
# either language at run time. Prints each size, stripped and not, and how many Chinese texts
# each binary holds. Usage: scripts/binary-size.sh [BASE]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-f23a3a4}
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$work/base" 2>/dev/null || true; rm -rf "$work"' EXIT
git -C "$repo" worktree add -q --detach "$work/base" "$base"

app() { # name scf-codes-dir main.rs
  mkdir -p "$work/$1/src"
  printf '[package]\nname = "size-app"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\nscf-codes = { path = "%s" }\n' "$2" > "$work/$1/Cargo.toml"
  printf '%s\n' "$3" > "$work/$1/src/main.rs"
  (cd "$work/$1" && CARGO_TARGET_DIR="$work/target-$1" cargo build -q --release)
  local binary="$work/target-$1/release/size-app"
  cp "$binary" "$work/$1.stripped" && strip "$work/$1.stripped"
  printf '%-40s %9s bytes, stripped %9s, Chinese texts in it: %s\n' "$1" \
    "$(stat -c %s "$binary")" "$(stat -c %s "$work/$1.stripped")" \
    "$(grep -c '会有该返回信息' "$binary" || true)"
}

english='use scf_codes::Code;
fn main() {
    for argument in std::env::args().skip(1) {
        let code: Code = argument.parse().unwrap_or(Code::from_u16(0));
        println!("{code}\n{}\n{}", code.description(), code.solution());
    }
}'
either='use scf_codes::{Code, Lang};
fn main() {
    let lang = if std::env::var_os("ZH").is_some() { Lang::Zh } else { Lang::En };
    for argument in std::env::args().skip(1) {
        let code: Code = argument.parse().unwrap_or(Code::from_u16(0));
        println!("{code}\n{}\n{}", code.description_in(lang), code.solution_in(lang));
    }
}'
app "english-only-at-$base" "$work/base/scf-codes" "$english"
app "english-only" "$repo/scf-codes" "$english"
app "either-language" "$repo/scf-codes" "$either"
