use scf_codes::Category;

#[scf_codes_macros::codes("ui/three_syntax_errors.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    // The entries around the syntax errors still give their variants.
    let _ = (Code::Success, Code::InternalError, Category::ALL);
}
