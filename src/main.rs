//! The `kolikko` command line. Exit codes: 0 success, 1 bad input or refused output, 2 usage error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use kolikko::build::{self, BuildError, Summary};

#[derive(Parser)]
#[command(
    name = "kolikko",
    version,
    about = "Employee and customer experience, side by side: a static report site from survey results and commentary."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render the site into a folder of static pages.
    Build {
        /// The site folder (with kolikko.yaml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Where to write the pages [default: SITE/public].
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Build only the pages of this unit and the units below it (a unit id from
        /// content/units.yaml), with the organisation's figures for comparison.
        #[arg(long, value_name = "UNIT")]
        only: Option<String>,
    },
    /// Load and validate everything, write nothing.
    Check {
        #[arg(default_value = ".")]
        site: PathBuf,
    },
    /// Create a new site that builds at once.
    New {
        /// The folder to create; it must not exist or be empty.
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // Help and version are successes; anything else is a usage error.
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Build { site, output, only } => {
            let output = output.unwrap_or_else(|| site.join("public"));
            let result = match &only {
                Some(unit) => build::build_only(&site, &output, unit),
                None => build::build(&site, &output),
            };
            report(result, &format!("built into {}", output.display()))
        }
        Command::Check { site } => report(build::check(&site), "checked; nothing written"),
        Command::New { dir } => match kolikko::scaffold::create(&dir) {
            Ok(()) => {
                println!(
                    "created a new site in {}; build it with: kolikko build {}",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn report(result: Result<Summary, BuildError>, done: &str) -> ExitCode {
    match result {
        Ok(s) => {
            println!(
                "kolikko: {} period{}, {} unit{}, {} post{} → {} files ({} KiB) in {} ms; {done}",
                s.periods,
                plural(s.periods),
                s.units,
                plural(s.units),
                s.posts,
                plural(s.posts),
                s.files,
                s.bytes / 1024,
                s.millis
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Input(diagnostics)) => {
            eprintln!("{diagnostics}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
