// Problems in [[limit]] entries are reported by `limits!`, once, and not by `#[codes]`.
use scf_codes::Category;

#[scf_codes_macros::codes("ui/limit_errors.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

mod limits {
    scf_codes_macros::limits!("ui/limit_errors.toml");
}

fn main() {
    let _ = (Code::ALL, Category::ALL);
}
