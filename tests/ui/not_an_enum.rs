#[scf_codes_macros::codes("ui/toml_syntax_error.toml")]
pub struct Code;

fn main() {}
