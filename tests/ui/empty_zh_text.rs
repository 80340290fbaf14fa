use scf_codes::Category;

#[scf_codes_macros::codes("ui/empty_zh_text.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    let _ = (Code::ALL, Category::ALL);
}
