use scf_codes::Category;

#[scf_codes_macros::codes("ui/zh_wrong_type.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    let _ = (Code::ALL, Category::ALL);
}
