use scf_codes::Category;

#[scf_codes_macros::codes("ui/duplicate_code.toml")]
#[derive(Debug)]
pub enum Code {}

fn main() {
    // No follow-on errors: the enum and its accessors still exist.
    let _ = (Code::from_u16(433).message(), Category::ALL);
}
