//! Prints everything the table says about one status code.
//!
//! ```text
//! cargo run -p scf-codes --example explain -- 433
//! cargo run -p scf-codes --example explain -- TimeLimitReached
//! ```

use std::process::ExitCode;

use scf_codes::Code;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(query), None) = (args.next(), args.next()) else {
        eprintln!("usage: explain <CODE|NAME>, e.g. `explain 433` or `explain TimeLimitReached`");
        return ExitCode::from(2);
    };
    let code = match query.parse::<Code>() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let yes_no = |flag: bool| if flag { "yes" } else { "no" };
    println!("{code}");
    println!("name:       {}", code.name());
    println!("category:   {}", code.category());
    println!("retryable:  {}", yes_no(code.is_retryable()));
    println!(
        "repossesses the instance: {}",
        yes_no(code.triggers_repossession())
    );
    println!();
    println!("{}", code.description());
    println!();
    println!("Solution:");
    println!("{}", code.solution());
    if code.is_known() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
