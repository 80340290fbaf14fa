mod limits {
    scf_codes_macros::limits!(codes.toml);
}

fn main() {}
