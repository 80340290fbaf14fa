//! What is generated from the command line's one definition in `cli`: the shell completions
//! (clap_complete) and the man page (clap_mangen).

use std::path::Path;

use clap::CommandFactory as _;
use clap_complete::Shell;

use crate::Failure;
use crate::cli::Cli;
use scf_codes_triage::source::shown_path;

/// The completion script for `shell`: every subcommand and option, the values of every
/// enumerated option, and the code names for `explain`.
pub fn completions(shell: Shell) -> String {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), BIN_NAME, &mut script);
    let script = String::from_utf8_lossy(&script).into_owned();
    match shell {
        // clap_complete 4.6 names the command's state in bash `scf__codes` (its `-` as `__`),
        // but labels the branch of each subcommand `scf__subcmd__codes__subcmd__…` (its `-` as
        // `__subcmd__`): no branch matched, and nothing was offered after a subcommand. The
        // labels are written as the state is.
        Shell::Bash => script.replace(
            &format!(
                "{}{SUBCOMMAND_SEPARATOR}",
                BIN_NAME.replace('-', SUBCOMMAND_SEPARATOR)
            ),
            &format!("{}{SUBCOMMAND_SEPARATOR}", BIN_NAME.replace('-', "__")),
        ),
        _ => script,
    }
}

/// The command's name, as the completions complete it.
const BIN_NAME: &str = "scf-codes";

/// What clap_complete's bash script puts between a command and its subcommand.
const SUBCOMMAND_SEPARATOR: &str = "__subcmd__";

/// The man page, in roff: `man -l <(scf-codes man)` shows it.
pub fn man_page() -> String {
    let mut page = Vec::new();
    // Writing to memory cannot fail.
    let _ = clap_mangen::Man::new(Cli::command()).render(&mut page);
    String::from_utf8_lossy(&page).into_owned()
}

/// Writes the man page of the command and one per subcommand into `dir`, as packagers install
/// them (`scf-codes.1`, `scf-codes-explain.1`, ...), and says which.
pub fn man_pages(dir: &Path) -> Result<String, Failure> {
    clap_mangen::generate_to(Cli::command(), dir).map_err(|error| {
        Failure(format!(
            "cannot write the man pages into {}: {error}",
            shown_path(dir)
        ))
    })?;
    let mut written: Vec<String> = std::iter::once("scf-codes.1".to_owned())
        .chain(subcommand_pages(&Cli::command(), "scf-codes"))
        .collect();
    written.sort();
    Ok(format!(
        "wrote {} man pages into {}: {}\n",
        written.len(),
        shown_path(dir),
        written.join(", ")
    ))
}

/// The file names of the pages of `command`'s subcommands, at every depth.
fn subcommand_pages(command: &clap::Command, prefix: &str) -> Vec<String> {
    command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
        .flat_map(|sub| {
            let name = format!("{prefix}-{}", sub.get_name());
            let mut pages = vec![format!("{name}.1")];
            pages.extend(subcommand_pages(sub, &name));
            pages
        })
        .collect()
}
