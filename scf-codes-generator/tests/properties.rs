//! The generator on hostile input: arbitrary bytes, and the real codes.toml damaged line by line
//! and byte by byte. It never panics; it returns generated code that is valid Rust, with errors
//! or without, and each error points at a line and column inside the input.

use proptest::prelude::*;
use scf_codes_generator::generate_from_bytes;

const CODES_TOML: &str = include_str!("../codes.toml");
const FILE: &str = "codes.toml";

/// Checks one outcome: valid Rust, the expansion or the one emitted beside the errors, and errors
/// located inside `input`.
fn check_outcome(input: &[u8]) -> Result<(), TestCaseError> {
    let (tokens, errors) = generate_from_bytes(input, FILE);
    let parsed = syn::parse2::<syn::File>(tokens);
    prop_assert!(
        parsed.is_ok(),
        "generated code is not Rust: {:?}",
        parsed.err()
    );
    let text = String::from_utf8_lossy(input);
    let lines: Vec<&str> = text.split('\n').collect();
    for error in &errors {
        prop_assert!(!error.trim().is_empty());
        let Some(at) = error.split(&format!("--> {FILE}:")).nth(1) else {
            // Problems with the file as a whole carry no location.
            continue;
        };
        let mut numbers = at
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        let line: usize = numbers.next().unwrap().parse().unwrap();
        let column: usize = numbers.next().unwrap().parse().unwrap();
        prop_assert!(
            line >= 1 && line <= lines.len(),
            "line {line} of {}: {error}",
            lines.len()
        );
        let width = lines[line - 1].chars().count();
        prop_assert!(
            column >= 1 && column <= width + 1,
            "column {column} of {width}: {error}"
        );
    }
    Ok(())
}

/// One kind of damage to the lines of a file.
#[derive(Debug, Clone)]
enum Damage {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Truncate(usize),
    Insert(usize, Vec<u8>),
    Retype(usize, &'static str),
}

fn damage() -> impl Strategy<Value = Damage> {
    let snippets = prop::sample::select(vec![
        b"\0".to_vec(),
        vec![0xFF],
        vec![0xC3],
        vec![0xE2, 0x82],
        b"\"".to_vec(),
        b"'".to_vec(),
        b"[".to_vec(),
        b"]".to_vec(),
        b"[[".to_vec(),
        b"[[code]]\n".to_vec(),
        b"[[limit]]\n".to_vec(),
        b"\"\"\"".to_vec(),
        b"'''".to_vec(),
        b"{".to_vec(),
        b"=".to_vec(),
        b"\n".to_vec(),
        b"\r".to_vec(),
        b"\\u0000".to_vec(),
        b"# comment\n".to_vec(),
    ]);
    let values = prop::sample::select(vec![
        "\"x\"",
        "433",
        "true",
        "4.5",
        "[1, 2]",
        "{ a = 1 }",
        "\"\"",
        "-1",
        "70000",
        "0",
        "1979-05-27",
        "\"Unknown\"",
        "\"Self\"",
        "\"functoin\"",
        "\"TimeLimitReached\"",
        "99999999999999999999",
        "0x1B1",
        "nan",
        "\"433\"",
    ]);
    prop_oneof![
        any::<usize>().prop_map(Damage::Delete),
        any::<usize>().prop_map(Damage::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Damage::Swap(a, b)),
        any::<usize>().prop_map(Damage::Truncate),
        (any::<usize>(), snippets).prop_map(|(at, bytes)| Damage::Insert(at, bytes)),
        (any::<usize>(), values).prop_map(|(line, value)| Damage::Retype(line, value)),
    ]
}

fn apply(text: &str, damage: &Damage) -> Vec<u8> {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let n = lines.len();
    let line_damage = !matches!(damage, Damage::Truncate(_) | Damage::Insert(..));
    if n == 0 && line_damage {
        // An earlier damage left no lines to damage.
        return text.as_bytes().to_vec();
    }
    match damage {
        Damage::Delete(i) => {
            lines.remove(i % n);
        }
        Damage::Duplicate(i) => {
            let line = lines[i % n].clone();
            lines.insert(i % n, line);
        }
        Damage::Swap(a, b) => lines.swap(a % n, b % n),
        Damage::Truncate(at) => return text.as_bytes()[..at % (text.len() + 1)].to_vec(),
        Damage::Insert(at, bytes) => {
            let mut out = text.as_bytes().to_vec();
            let at = at % (out.len() + 1);
            out.splice(at..at, bytes.iter().copied());
            return out;
        }
        Damage::Retype(i, value) => {
            let with_value: Vec<usize> = (0..n).filter(|&j| lines[j].contains(" = ")).collect();
            let Some(&j) = with_value.get(i % with_value.len().max(1)) else {
                return text.as_bytes().to_vec();
            };
            let key = lines[j].split(" = ").next().unwrap().to_owned();
            lines[j] = format!("{key} = {value}");
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out.into_bytes()
}

#[test]
fn the_real_codes_toml_generates_valid_rust() {
    check_outcome(CODES_TOML.as_bytes()).unwrap();
    assert_eq!(
        generate_from_bytes(CODES_TOML.as_bytes(), FILE).1,
        Vec::<String>::new()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_outcome(&bytes)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        check_outcome(text.as_bytes())?;
    }

    #[test]
    fn toml_like_text_never_panics(text in "(\\[\\[code\\]\\]\n|\\[\\[limit\\]\\]\n|[a-z_]{1,12} = (\"[^\"\\\\]{0,8}\"|-?[0-9]{1,6}|true|\\[\\]|\\{\\})\n|#.*\n){0,24}") {
        check_outcome(text.as_bytes())?;
    }
}

proptest! {
    // Each case generates and parses the whole table: fewer cases, still seconds in all.
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn damaged_codes_toml_gives_rust_and_located_errors(damages in prop::collection::vec(damage(), 1..4)) {
        let mut bytes = CODES_TOML.as_bytes().to_vec();
        for damage in &damages {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            bytes = apply(&text, damage);
        }
        check_outcome(&bytes)?;
    }
}
