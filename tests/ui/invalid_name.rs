use scf_codes::Category;

#[scf_codes_macros::codes("ui/invalid_name.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    // A name that cannot be a variant gives the one its error suggests.
    let _ = (Code::TimeLimit, Code::Lives, Category::ALL);
}
