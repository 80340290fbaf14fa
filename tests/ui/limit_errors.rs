// Problems in [[limit]] entries are reported by `limits!`, once, and not by `#[codes]`.
use scf_codes::{Category, Lang};

/// What the generated code needs from scf-codes beside `Category` and `Lang`: its `UnknownCode`, whose
/// constructor is private to scf-codes.
#[derive(Debug, Clone, Copy)]
pub struct UnknownCode(u16);

impl UnknownCode {
    const fn get(self) -> u16 {
        self.0
    }
}

#[scf_codes_macros::codes("ui/limit_errors.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

mod limits {
    scf_codes_macros::limits!("ui/limit_errors.toml");
}

fn main() {
    // Every limit that was read is still a constant, of its unit's type.
    let _: (u16, core::time::Duration) = (limits::LISTEN_PORT, limits::ASYNC_EXECUTION_MAX);
    let _ = (Code::ALL, Category::ALL, Lang::ALL);
}
