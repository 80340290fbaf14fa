//! `Code::Unknown` holds an opaque `UnknownCode`: a number, known to the table or not, cannot be
//! put in it by hand, neither directly nor through `UnknownCode`'s private field.

use scf_codes::{Code, UnknownCode};

fn main() {
    let _ = Code::Unknown(433);
    let _ = Code::Unknown(UnknownCode(433));
}
