//! The `kolikko` command line. Exit codes: 0 success, 1 bad input or refused output, 2 usage error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use kolikko::build::{self, BuildError, BuildOptions, Summary};
use kolikko::serve::{ServeOptions, Server};

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
        /// Include posts marked `draft: true`, marked as drafts.
        #[arg(long)]
        drafts: bool,
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
        Command::Build {
            site,
            output,
            drafts,
        } => {
            let output = output.unwrap_or_else(|| site.join("public"));
            report(
                build::build_with(&site, &output, BuildOptions { drafts }),
                &format!("built into {}", output.display()),
            )
        }
        Command::Serve {
            site,
            port,
            bind,
            drafts,
        } => serve(ServeOptions {
            site,
            bind,
            port,
            build: BuildOptions { drafts },
        }),
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

/// Runs the preview server until Ctrl-C.
fn serve(options: ServeOptions) -> ExitCode {
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        if let Err(e) = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst)) {
            eprintln!("error: cannot catch Ctrl-C: {e}");
            return ExitCode::from(1);
        }
    }
    let site = options.site.clone();
    let server = match Server::start(options, stop, |line| eprintln!("{line}")) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    println!(
        "serving {} at http://{}/ (Ctrl-C stops)",
        site.display(),
        server.address
    );
    server.wait();
    println!("stopped");
    ExitCode::SUCCESS
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
