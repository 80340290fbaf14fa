use scf_codes::Category;

#[scf_codes_macros::codes("ui/toml_syntax_error.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    // The name on the line with the syntax error is still read.
    let _ = (Code::TimeLimitReached.name(), Code::ALL, Category::ALL);
}
