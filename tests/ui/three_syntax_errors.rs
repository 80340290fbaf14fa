use scf_codes::Category;

#[scf_codes_macros::codes("ui/three_syntax_errors.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    let _ = (Code::ALL, Category::ALL);
}
