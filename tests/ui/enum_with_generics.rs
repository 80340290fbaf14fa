use scf_codes::Category;

#[scf_codes_macros::codes("codes.toml")]
#[derive(Clone, Copy)]
pub enum Code<T> {}

fn main() {
    let _ = Category::ALL;
}
