//! Every u16 through every conversion: nothing is lost, nothing is made up.

use std::collections::HashSet;

use scf_codes::{Category, Code};

#[test]
fn every_u16_round_trips_through_from_u16_and_as_u16() {
    for number in 0..=u16::MAX {
        let code = Code::from_u16(number);
        assert_eq!(code.as_u16(), number);
        assert_eq!(Code::from(number), code);
        assert_eq!(u16::from(code), number);
    }
}

#[test]
fn exactly_the_table_numbers_are_known() {
    let table: HashSet<u16> = Code::ALL.iter().map(|code| code.as_u16()).collect();
    for number in 0..=u16::MAX {
        let code = Code::from_u16(number);
        assert_eq!(code.is_known(), table.contains(&number), "{number}");
    }
}

/// `Unknown` can only be reached through `from_u16`, so this covers every `Unknown` there is.
#[test]
fn unknown_never_holds_a_number_of_the_table() {
    let table: HashSet<u16> = Code::ALL.iter().map(|code| code.as_u16()).collect();
    let mut unknown = 0;
    for number in 0..=u16::MAX {
        match Code::from_u16(number) {
            Code::Unknown(held) => {
                assert_eq!(held.get(), number);
                assert!(!table.contains(&held.get()), "Unknown holds {number}");
                unknown += 1;
            }
            known => assert!(table.contains(&known.as_u16()), "{known:?}"),
        }
    }
    assert_eq!(unknown, 65_536 - Code::ALL.len());
}

#[test]
fn codes_are_equal_exactly_when_their_numbers_are() {
    let codes: HashSet<Code> = (0..=u16::MAX).map(Code::from_u16).collect();
    assert_eq!(codes.len(), 65_536);
    for number in 0..=u16::MAX {
        let code = Code::from_u16(number);
        // Both impls, `Code == u16` and `u16 == Code`, called by name.
        assert!(PartialEq::<u16>::eq(&code, &number), "{code:?}");
        assert!(PartialEq::<Code>::eq(&number, &code), "{code:?}");
        let other = number.wrapping_add(1);
        assert!(!PartialEq::<u16>::eq(&code, &other) && !PartialEq::<Code>::eq(&other, &code));
    }
}

#[test]
fn every_u16_round_trips_through_display_and_from_str() {
    for number in 0..=u16::MAX {
        let code = Code::from_u16(number);
        assert_eq!(code.to_string().parse::<Code>(), Ok(code), "{code}");
        assert_eq!(number.to_string().parse::<Code>(), Ok(code));
    }
}

#[test]
fn every_entry_parses_from_its_name_in_any_case_and_displays_code_and_message() {
    for &code in Code::ALL {
        assert_eq!(code.name().parse::<Code>(), Ok(code));
        assert_eq!(code.name().to_ascii_lowercase().parse::<Code>(), Ok(code));
        assert_eq!(code.name().to_ascii_uppercase().parse::<Code>(), Ok(code));
        assert_eq!(
            code.to_string(),
            format!("{} {}", code.as_u16(), code.message())
        );
    }
}

#[test]
fn display_pads_the_whole_text_to_a_width() {
    let code = Code::TimeLimitReached;
    assert_eq!(format!("{code:25}|"), "433 TimeLimitReached     |");
    assert_eq!(format!("{code:>25}|"), "     433 TimeLimitReached|");
    assert_eq!(format!("{code:*^24}|"), "**433 TimeLimitReached**|");
    assert_eq!(format!("{code:5}|"), "433 TimeLimitReached|");
    assert_eq!(
        format!("{:>10}|", Code::from_u16(7)),
        "7 Unknown status code|"
    );
    assert_eq!(
        format!("{:>27}|", Code::from_u16(65535)),
        "  65535 Unknown status code|"
    );
    // A text longer than the width is not cut: the longest message of the table, padded to a
    // width shorter than it.
    let longest = *Code::ALL
        .iter()
        .max_by_key(|code| code.message().len())
        .unwrap();
    let shown = longest.to_string();
    assert_eq!(format!("{longest:<10}|"), format!("{shown}|"));
    assert!(shown.len() > 10);
    for number in [0, 9, 10, 99, 100, 999, 1000, 9999, 10000, u16::MAX] {
        let code = Code::from_u16(number);
        let plain = code.to_string();
        let padded = format!("{code:>40}");
        assert_eq!(padded.trim_start(), plain);
        assert_eq!(padded.chars().count(), plain.chars().count().max(40));
    }
}

#[test]
fn unknown_codes_have_fixed_texts_that_say_so() {
    let code = Code::from_u16(600);
    assert_eq!(code.name(), "Unknown");
    assert_eq!(code.message(), "Unknown status code");
    assert!(
        code.description()
            .contains("not in the SCF status code table")
    );
    assert!(!code.solution().is_empty());
    assert_eq!(code.category(), Category::Unknown);
    assert!(!code.is_success() && !code.is_retryable() && !code.triggers_repossession());
    assert_eq!(code.to_string(), "600 Unknown status code");
}

#[test]
fn the_accessors_are_usable_in_const_context() {
    const CODE: Code = Code::from_u16(433);
    const NUMBER: u16 = CODE.as_u16();
    const MESSAGE: &str = CODE.message();
    const RETRY: bool = CODE.is_retryable();
    assert_eq!((NUMBER, MESSAGE, RETRY), (433, "TimeLimitReached", false));
}

/// `Code` is not an `Error` (`Success` is a code too): `ui/code_is_not_an_error.rs` shows it.
#[test]
fn code_is_small_and_copy() {
    fn assert_traits<
        T: Copy + Send + Sync + std::hash::Hash + Ord + std::fmt::Display + 'static,
    >() {
    }
    assert_traits::<Code>();
    assert_eq!(std::mem::size_of::<Code>(), 4);
    assert_eq!(std::mem::size_of::<Option<Code>>(), 4);
}
