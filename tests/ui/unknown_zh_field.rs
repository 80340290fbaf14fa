use scf_codes::Category;

#[scf_codes_macros::codes("ui/unknown_zh_field.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    let _ = (Code::ALL, Category::ALL);
}
