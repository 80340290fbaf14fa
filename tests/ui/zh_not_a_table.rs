use scf_codes::Category;

#[scf_codes_macros::codes("ui/zh_not_a_table.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    let _ = (Code::ALL, Category::ALL);
}
