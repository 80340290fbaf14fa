use scf_codes::Category;

#[scf_codes_macros::codes("ui/unknown_category.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    // The entry with an unknown category still gives its variant.
    let _ = (Code::TimeLimitReached.category(), Code::ALL, Category::ALL);
}
