// A broken `[[code]` header is one error: the entry under it and the limits after it are still
// read, with their own problems (a key written twice), and the code that uses them compiles.
use scf_codes::Category;

#[scf_codes_macros::codes("ui/broken_header.toml")]
#[derive(Debug, Clone, Copy)]
pub enum Code {}

mod limits {
    scf_codes_macros::limits!("ui/broken_header.toml");
}

fn main() {
    let too_large = (limits::SYNC_EVENT_MAX_BYTES, Code::RequestTooLarge);
    let _ = (too_large, Code::Success, Category::ALL);
}
