use scf_codes::Category;

#[scf_codes_macros::codes("ui/duplicate_name.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

fn main() {
    // The first entry of a name gives its variant, the second none.
    let _ = (Code::InvalidParameterValue.message(), Code::ALL, Category::ALL);
}
