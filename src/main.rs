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
    },
    /// Load and validate everything, write nothing.
    Check {
        #[arg(default_value = ".")]
        site: PathBuf,
    },
    /// Count a survey tool's export (CSV or .xlsx) with a mapping and print it as a survey file.
    Import {
        /// The export: one row per respondent.
        file: PathBuf,
        /// The mapping file (see docs/format.md, "Responses files").
        #[arg(short, long)]
        mapping: PathBuf,
        /// The period, when no survey file of the site names this export.
        #[arg(short, long)]
        period: Option<String>,
        /// The site folder, for its units and questions.
        #[arg(short, long, default_value = ".")]
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
        Command::Build { site, output } => {
            let output = output.unwrap_or_else(|| site.join("public"));
            report(
                build::build(&site, &output),
                &format!("built into {}", output.display()),
            )
        }
        Command::Check { site } => report(build::check(&site), "checked; nothing written"),
        Command::Import {
            file,
            mapping,
            period,
            site,
        } => {
            let result = kolikko::load::load_site(&site).and_then(|site| {
                kolikko::load::responses::import(&site, &file, &mapping, period.as_deref())
            });
            match result {
                Ok((yaml, summary)) => {
                    eprintln!("{summary}");
                    print!("{yaml}");
                    ExitCode::SUCCESS
                }
                Err(diagnostics) => {
                    eprintln!("{diagnostics}");
                    ExitCode::from(1)
                }
            }
        }
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
            for read in &s.responses {
                println!("{read}");
            }
            for warning in &s.warnings {
                eprintln!("warning: {warning}");
            }
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
