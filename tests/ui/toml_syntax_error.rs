use scf_codes::Category;

#[scf_codes_macros::codes("ui/toml_syntax_error.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    let _ = (Code::ALL, Category::ALL);
}
