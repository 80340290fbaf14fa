use scf_codes::Category;

#[scf_codes_macros::codes(codes.toml)]
#[derive(Clone, Copy)]
pub enum Code {}

fn main() {
    let _ = (Code::ALL, Category::ALL);
}
