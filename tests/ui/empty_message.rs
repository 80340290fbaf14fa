use scf_codes::Category;

#[scf_codes_macros::codes("ui/empty_message.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    let _ = (Code::ALL, Category::ALL);
}
