//! What a finished `build` or `check` prints: warnings and the summary line, or every error.

use std::process::ExitCode;

use kolikko::build::{BuildError, Summary};

use super::Output;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The summary line: what was made, what the anonymity rule hid and why, warnings, time.
pub fn summary_line(s: &Summary, done: &str) -> String {
    let hidden = if s.hidden.total() == 0 {
        "no groups hidden".to_string()
    } else {
        let mut reasons = Vec::new();
        if s.hidden.below_threshold > 0 {
            reasons.push(format!("{} too few answers", s.hidden.below_threshold));
        }
        if s.hidden.complementary > 0 {
            reasons.push(format!(
                "{} to protect a smaller group",
                s.hidden.complementary
            ));
        }
        if s.hidden.under_hidden_parent > 0 {
            reasons.push(format!(
                "{} under a hidden group",
                s.hidden.under_hidden_parent
            ));
        }
        format!(
            "{} hidden ({})",
            plural(s.hidden.total(), "group-period", "group-periods"),
            reasons.join(", ")
        )
    };
    format!(
        "kolikko: {}, {}, {} → {} ({} KiB), {}; {hidden}; {} in {} ms; {done}",
        plural(s.periods, "period", "periods"),
        plural(s.units, "unit", "units"),
        plural(s.posts, "post", "posts"),
        plural(s.files, "file", "files"),
        s.bytes / 1024,
        plural(s.charts, "chart", "charts"),
        plural(s.warnings.len(), "warning", "warnings"),
        s.millis
    )
}

/// Prints the outcome and gives the exit code: 0 on success, 1 on errors (or denied warnings).
pub fn summary(out: Output, result: Result<Summary, BuildError>, done: &str) -> ExitCode {
    match result {
        Ok(s) => {
            if !out.quiet {
                for read in &s.responses {
                    println!("{read}");
                }
            }
            for warning in &s.output_warnings {
                eprintln!("warning: {warning}");
            }
            if !out.quiet && !s.warnings.is_empty() {
                eprintln!("{}", s.warnings.render(out.styled));
            }
            if out.verbose {
                for (step, millis) in &s.steps {
                    eprintln!("  {step:<9} {millis:>6} ms");
                }
            }
            if !out.quiet {
                println!("{}", summary_line(&s, done));
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Input(diagnostics)) => {
            eprintln!("{}", diagnostics.render(out.styled));
            ExitCode::from(1)
        }
        Err(BuildError::Warnings(warnings)) => {
            eprintln!("{}", warnings.render(out.styled));
            eprintln!("--deny-warnings: failing on the warnings above; nothing was written");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
