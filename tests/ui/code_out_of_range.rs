use scf_codes::Category;

#[scf_codes_macros::codes("ui/code_out_of_range.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    let _ = (Code::ALL, Category::ALL);
}
