use scf_codes::Category;

#[scf_codes_macros::codes("ui/missing_field.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    // The entry without a field still gives its variant.
    let _ = (Code::TimeLimitReached.message(), Code::ALL, Category::ALL);
}
