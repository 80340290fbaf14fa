use scf_codes::Category;

#[scf_codes_macros::codes("codes.toml")]
#[derive(Clone, Copy)]
pub enum Code {
    Success,
}

fn main() {
    let _ = Category::ALL;
}
