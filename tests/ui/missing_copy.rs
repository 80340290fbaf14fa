use scf_codes::Category;

#[scf_codes_macros::codes("ui/duplicate_code.toml")]
#[derive(Debug)]
pub enum Code {}

fn main() {
    // No follow-on errors: the enum, its variants and its accessors still exist, and the
    // codes file's own problems are reported beside the missing derives.
    let _ = (Code::from_u16(433).message(), Code::TimeLimitReached, Category::ALL);
}
