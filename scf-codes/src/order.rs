//! Codes order by number, so that a sorted list of codes reads like the table.

use core::cmp::Ordering;

use crate::Code;

impl Code {
    /// The ordering key: the number, then known before `Unknown`. The second part only
    /// separates a hand-built `Unknown(n)` from the known code with number `n`, which keeps the
    /// ordering consistent with `==`.
    #[inline]
    const fn sort_key(self) -> (u16, bool) {
        (self.as_u16(), !self.is_known())
    }
}

impl Ord for Code {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_order_by_number_known_or_not() {
        assert!(Code::Unknown(100) < Code::Success);
        assert!(Code::Success < Code::Unknown(300));
        assert!(Code::Unknown(300) < Code::InvalidParameterValue);
        assert!(Code::InternalError < Code::Unknown(501));
    }

    #[test]
    fn a_hand_built_unknown_with_a_known_number_is_not_equal_and_orders_after_it() {
        assert_ne!(Code::Unknown(433), Code::TimeLimitReached);
        assert_eq!(
            Code::TimeLimitReached.cmp(&Code::Unknown(433)),
            Ordering::Less
        );
    }

    #[test]
    fn all_is_sorted_by_this_ordering() {
        assert!(Code::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
