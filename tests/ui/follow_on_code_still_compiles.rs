// One mistake in the codes file gives its errors, not a cascade of errors in code using the enum.
use scf_codes::Category;

#[scf_codes_macros::codes("ui/unknown_category.toml")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Code {}

fn main() {
    let code = Code::from(433);
    let _ = (code.name(), code.message(), code.category(), code.is_retryable(), u16::from(code));
    let _ = Category::ALL;
    println!("{code}");
}
