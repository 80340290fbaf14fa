//! Codes compare and order by number, so that a sorted list of codes reads like the table, and
//! `code == 433` means what it says.

use core::cmp::Ordering;

use crate::Code;

impl Ord for Code {
    /// By number. No two codes have the same number: `Unknown` holds only numbers outside the
    /// table, so this agrees with `==`.
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_u16().cmp(&other.as_u16())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<u16> for Code {
    /// Whether the code has this number: `Code::TimeLimitReached == 433`, and an `Unknown`
    /// equals the number it holds.
    #[inline]
    fn eq(&self, number: &u16) -> bool {
        self.as_u16() == *number
    }
}

impl PartialEq<Code> for u16 {
    /// Whether the code has this number: `433 == Code::TimeLimitReached`.
    #[inline]
    fn eq(&self, code: &Code) -> bool {
        *self == code.as_u16()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_order_by_number_known_or_not() {
        assert!(Code::from_u16(100) < Code::Success);
        assert!(Code::Success < Code::from_u16(300));
        assert!(Code::from_u16(300) < Code::InvalidParameterValue);
        assert!(Code::InternalError < Code::from_u16(501));
    }

    #[test]
    fn a_code_equals_its_number_both_ways() {
        assert!(Code::TimeLimitReached == 433);
        assert!(433 == Code::TimeLimitReached);
        assert!(Code::TimeLimitReached != 432);
        assert!(Code::from_u16(600) == 600);
        assert!(600u16 == Code::from_u16(600));
        assert!(Code::from_u16(600) != 601);
    }

    #[test]
    fn all_is_sorted_by_this_ordering() {
        assert!(Code::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
