//! Benchmark: how fast a large responses export is counted, and in how much memory.
//!
//! Writes a site into a temporary folder with an export of ROWS respondents × 60 answers
//! (default 1,000,000; semicolon CSV, 200 teams, answers 1–5 as numbers or, with `--labels`,
//! as Finnish labels), then times `load_site`, which streams the export into counts. Prints the
//! file size, the time, the throughput and the peak resident memory of the process.
//!
//!     cargo run --release --example responses_bench [ROWS] [--labels]

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::time::Instant;

const QUESTIONS: usize = 60;
const TEAMS: usize = 200;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rows: u64 = args
        .iter()
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let labels = args.iter().any(|a| a == "--labels");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    fs::create_dir_all(root.join("content/surveys")).unwrap();
    fs::create_dir_all(root.join("content/mappings")).unwrap();

    // 30 factors × 2 EX items = 60 questions.
    let mut config = String::from("title: bench\norganisation: bench\nframework:\n");
    for f in 0..QUESTIONS / 2 {
        let _ = write!(
            config,
            "  - id: f{f}\n    name: F{f}\n    ex:\n      - {{ id: ex_{f}_a, text: A }}\n      - {{ id: ex_{f}_b, text: B }}\n    cx:\n      - {{ id: cx_{f}, text: C }}\n"
        );
    }
    fs::write(root.join("kolikko.yaml"), config).unwrap();
    let mut units = String::from("units:\n  - id: org\n    name: Org\n    children:\n");
    for t in 0..TEAMS {
        let _ = writeln!(units, "      - {{ id: t{t}, name: Team {t} }}");
    }
    fs::write(root.join("content/units.yaml"), units).unwrap();
    let mut mapping = String::from(
        "side: ex\nteam:\n  column: Tiimi\nstandard_labels: agree5\nignore: [Vastaaja]\nquestions:\n",
    );
    for q in 0..QUESTIONS {
        let _ = writeln!(
            mapping,
            "  ex_{}_{}: K{q}",
            q / 2,
            if q % 2 == 0 { "a" } else { "b" }
        );
    }
    fs::write(root.join("content/mappings/ex.yaml"), mapping).unwrap();
    let mut survey = String::from(
        "period: 2026-Q3\nex_responses:\n  file: export.csv\n  mapping: ../mappings/ex.yaml\n  invited: {",
    );
    let per_team = rows / TEAMS as u64 + 1;
    for t in 0..TEAMS {
        let _ = write!(survey, " t{t}: {per_team},");
    }
    survey.push_str(" }\n");
    fs::write(root.join("content/surveys/2026-q3.yaml"), survey).unwrap();

    let export = root.join("content/surveys/export.csv");
    let mut out = BufWriter::new(fs::File::create(&export).unwrap());
    let mut line = String::from("Vastaaja;Tiimi");
    for q in 0..QUESTIONS {
        let _ = write!(line, ";K{q}");
    }
    writeln!(out, "{line}").unwrap();
    let names = [
        "Täysin eri mieltä",
        "Jokseenkin eri mieltä",
        "Ei samaa eikä eri mieltä",
        "Jokseenkin samaa mieltä",
        "Täysin samaa mieltä",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for r in 0..rows {
        line.clear();
        let _ = write!(line, "{r};t{}", r % TEAMS as u64);
        for _ in 0..QUESTIONS {
            // xorshift: deterministic answers without a dependency.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let answer = (state % 6) as usize; // 0 = blank
            line.push(';');
            if answer > 0 {
                if labels {
                    line.push_str(names[answer - 1]);
                } else {
                    let _ = write!(line, "{answer}");
                }
            }
        }
        writeln!(out, "{line}").unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let bytes = fs::metadata(&export).unwrap().len();
    let before = peak_memory_kib();

    let start = Instant::now();
    let site = match kolikko::load::load_site(root) {
        Ok(site) => site,
        Err(e) => panic!("{e}"),
    };
    let seconds = start.elapsed().as_secs_f64();
    let responses: u64 = site.periods[0]
        .ex
        .iter()
        .flatten()
        .map(|r| r.responses)
        .sum();
    println!(
        "{rows} respondents × {QUESTIONS} answers ({}), {:.0} MB: counted in {seconds:.2} s = {:.0} MB/s, {:.0} rows/s; {responses} responses",
        if labels { "labels" } else { "numbers" },
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds,
        rows as f64 / seconds
    );
    println!(
        "peak resident memory: {} MiB before reading, {} MiB after",
        before / 1024,
        peak_memory_kib() / 1024
    );
}

/// The process's peak resident set (VmHWM) in KiB; 0 where /proc is not available.
fn peak_memory_kib() -> u64 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
