use scf_codes::Category;

#[scf_codes_macros::codes("ui/duplicate_code.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    // Both entries are read: each gives its variant.
    let _ = (Code::TimeLimitReached, Code::MemoryLimitReached.as_u16(), Category::ALL);
}
