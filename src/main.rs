//! The `kolikko` command line. Exit codes: 0 success, 1 bad input or refused output, 2 usage error.

mod cli;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use kolikko::build::{self, BuildOptions};
use kolikko::scaffold::{self, Periods};
use kolikko::serve::ServeOptions;

use cli::Output;

/// mimalloc instead of the system allocator: the build makes millions of small allocations
/// (answer counts, SVG strings) and glibc's malloc and free took about a quarter of its time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "kolikko",
    version,
    about = "Employee and customer experience, side by side: a static report site from survey results and commentary."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print how long each step took.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewLanguage {
    En,
    Fi,
    Sv,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewPeriods {
    Monthly,
    Quarterly,
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
        /// Include posts marked `draft: true`, marked as drafts.
        #[arg(long)]
        drafts: bool,
        /// Fail, writing nothing, if there are warnings.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Preview the site in a browser: rebuild on every save and reload open pages.
    Serve {
        /// The site folder (with kolikko.yaml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// The port to listen on; 0 picks a free one.
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Only this computer can connect to the default.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Include posts marked `draft: true`, marked as drafts.
        #[arg(long)]
        drafts: bool,
    },
    /// Load and validate everything, write nothing.
    Check {
        #[arg(default_value = ".")]
        site: PathBuf,
        /// The folder `build` would write, checked too [default: SITE/public].
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Fail if there are warnings.
        #[arg(long)]
        deny_warnings: bool,
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
    /// Create a new site that builds at once, with comments explaining each field.
    New {
        /// The folder to create; it must not exist or be empty.
        dir: PathBuf,
        /// The language of the report and of the comments in its files.
        #[arg(long, value_enum, default_value = "en")]
        language: NewLanguage,
        /// How often the surveys run.
        #[arg(long, value_enum, default_value = "quarterly")]
        periods: NewPeriods,
        /// Only the data: no comments, no schemas.
        #[arg(long)]
        bare: bool,
    },
    /// Write JSON Schemas for kolikko.yaml, units.yaml and survey files, for editors.
    Schema {
        /// The folder to write them into.
        #[arg(default_value = "schemas")]
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
    let terminal = std::io::stderr().is_terminal();
    let out = Output {
        quiet: cli.quiet,
        verbose: cli.verbose,
        terminal,
        styled: terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Build {
            site,
            output,
            only,
            drafts,
            deny_warnings,
        } => {
            let output = output.unwrap_or_else(|| site.join("public"));
            let options = BuildOptions {
                drafts,
                deny_warnings,
            };
            // A template that loops without end stops the build instead of hanging it.
            cli::watchdog::arm(
                &site,
                out,
                "the build was stopped and what it had written removed; the previous output is unchanged",
            );
            let progress = cli::progress::Bar::new(out);
            let result = match &only {
                Some(unit) => build::build_only_with(&site, &output, unit, options, &progress),
                None => build::build_with(&site, &output, options, &progress),
            };
            progress.finish();
            cli::report::summary(out, result, &format!("built into {}", output.display()))
        }
        Command::Serve {
            site,
            port,
            bind,
            drafts,
        } => cli::serve::run(
            out,
            ServeOptions {
                site,
                bind,
                port,
                build: BuildOptions {
                    drafts,
                    deny_warnings: false,
                },
            },
        ),
        Command::Check {
            site,
            output,
            deny_warnings,
        } => {
            let output = output.unwrap_or_else(|| site.join("public"));
            let options = BuildOptions {
                drafts: false,
                deny_warnings,
            };
            cli::watchdog::arm(&site, out, "the check was stopped");
            let progress = cli::progress::Bar::new(out);
            let result = build::check_with(&site, &output, options, &progress);
            progress.finish();
            cli::report::summary(out, result, "checked; nothing written")
        }
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
                    eprintln!("{}", diagnostics.render(out.styled));
                    ExitCode::from(1)
                }
            }
        }
        Command::New {
            dir,
            language,
            periods,
            bare,
        } => {
            let language = match language {
                NewLanguage::En => kolikko::framework::Language::En,
                NewLanguage::Fi => kolikko::framework::Language::Fi,
                NewLanguage::Sv => kolikko::framework::Language::Sv,
            };
            let periods = match periods {
                NewPeriods::Monthly => Periods::Monthly,
                NewPeriods::Quarterly => Periods::Quarterly,
            };
            match scaffold::create_with(
                &dir,
                scaffold::NewSite {
                    language,
                    periods,
                    bare,
                },
            ) {
                Ok(()) => {
                    if !out.quiet {
                        println!(
                            "created a new site in {}; preview it with: kolikko serve {}",
                            dir.display(),
                            dir.display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Schema { dir } => match kolikko::schema::write_all(&dir) {
            Ok(paths) => {
                if !out.quiet {
                    for path in paths {
                        println!("wrote {}", path.display());
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!(
                    "error: cannot write the schemas into {}: {e}",
                    dir.display()
                );
                ExitCode::from(1)
            }
        },
    }
}
