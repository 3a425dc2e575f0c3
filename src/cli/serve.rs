//! `kolikko serve` in the terminal: start the preview server, print its address, stop on Ctrl-C.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use kolikko::serve::{ServeOptions, Server};

use super::Output;

/// Runs the preview server until Ctrl-C.
pub fn run(out: Output, options: ServeOptions) -> ExitCode {
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        if let Err(e) = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst)) {
            eprintln!("error: cannot catch Ctrl-C: {e}");
            return ExitCode::from(1);
        }
    }
    let site = options.site.clone();
    let quiet = out.quiet;
    let server = match Server::start(options, stop, move |line| {
        if !quiet || line.contains("error") {
            eprintln!("{line}");
        }
    }) {
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
