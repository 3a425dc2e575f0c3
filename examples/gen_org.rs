//! A synthetic organisation for the benchmark (bench/run.sh): teams in regions in divisions, EX and
//! CX results for every team and period, about one team in ten below the anonymity threshold, and
//! 50 posts with shortcodes. Deterministic: the same arguments give the same bytes.
//!
//! ```text
//! cargo run --release --example gen_org -- TEAMS PERIODS quarter|week OUT_DIR
//! ```

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

/// splitmix64: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const EX_ITEMS: [&str; 12] = [
    "ex_comm_info",
    "ex_comm_open",
    "ex_work_manageable",
    "ex_work_support",
    "ex_sys_tools",
    "ex_sys_reliable",
    "ex_comp_training",
    "ex_comp_onboarding",
    "ex_lead_feedback",
    "ex_lead_goals",
    "ex_proc_clear",
    "ex_proc_waste",
];
const CX_ITEMS: [&str; 12] = [
    "cx_comm_speed",
    "cx_comm_clear",
    "cx_work_available",
    "cx_work_team",
    "cx_sys_smooth",
    "cx_sys_errors",
    "cx_comp_knowledge",
    "cx_comp_solved",
    "cx_lead_trust",
    "cx_lead_commit",
    "cx_proc_easy",
    "cx_proc_promises",
];
const TEAMS_PER_REGION: usize = 20;

/// `n` answers spread over `points` scale points around `mean` (0..1 of the scale).
fn counts(rng: &mut Rng, n: u64, points: usize, mean: f64) -> Vec<u64> {
    let mut out = vec![0u64; points];
    for _ in 0..n {
        let v = (mean + (rng.unit() - 0.5) * 0.8).clamp(0.0, 0.999);
        out[(v * points as f64) as usize] += 1;
    }
    out
}

fn list(v: &[u64]) -> String {
    let mut s = String::from("[");
    for (i, c) in v.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        write!(s, "{c}").unwrap();
    }
    s.push(']');
    s
}

fn period_label(granularity: &str, index: usize, total: usize) -> String {
    match granularity {
        // Quarters ending in 2026-Q3.
        "quarter" => {
            let q = 2026 * 4 + 2 - (total - 1 - index) as i64;
            format!("{}-Q{}", q / 4, q % 4 + 1)
        }
        // ISO weeks of 2026 (52 weeks), then 2027 if more are asked for.
        _ => format!("{}-W{:02}", 2026 + index / 52, index % 52 + 1),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: gen_org TEAMS PERIODS quarter|week OUT_DIR");
        std::process::exit(2);
    }
    let teams: usize = args[1].parse().expect("TEAMS is a number");
    let periods: usize = args[2].parse().expect("PERIODS is a number");
    let granularity = args[3].as_str();
    assert!(granularity == "quarter" || granularity == "week");
    let out = Path::new(&args[4]);
    fs::create_dir_all(out.join("content/surveys")).unwrap();
    fs::create_dir_all(out.join("content/posts")).unwrap();
    fs::write(
        out.join("kolikko.yaml"),
        "title: \"Synthetic organisation\"\norganisation: \"Bench Group\"\nlanguage: en\nanonymity_threshold: 5\ncx_low_n: 30\nallow_raw_html: false\nframework: default\n",
    )
    .unwrap();

    let regions = teams.div_ceil(TEAMS_PER_REGION);
    let divisions = (regions as f64).sqrt().ceil().max(2.0) as usize;
    let mut rng = Rng(0x006b_6f6c_696b_6b6f);
    // Each team: id, its EX level, CX level, size; one in ten too small to be shown.
    struct Team {
        id: String,
        ex: f64,
        cx: f64,
        size: u64,
    }
    let mut all = Vec::with_capacity(teams);
    let mut units = BufWriter::new(fs::File::create(out.join("content/units.yaml")).unwrap());
    writeln!(units, "units:").unwrap();
    let mut team = 0;
    for d in 0..divisions {
        let in_division: Vec<usize> = (0..regions).filter(|r| r % divisions == d).collect();
        if in_division.is_empty() {
            continue;
        }
        writeln!(
            units,
            "  - id: d{d}\n    name: \"Division {d}\"\n    children:"
        )
        .unwrap();
        for r in in_division {
            writeln!(
                units,
                "      - id: r{r}\n        name: \"Region {r}\"\n        children:"
            )
            .unwrap();
            let first = r * TEAMS_PER_REGION;
            for t in first..(first + TEAMS_PER_REGION).min(teams) {
                let id = format!("t{t}");
                writeln!(
                    units,
                    "          - id: {id}\n            name: \"Team {t}\"\n            supervisor: \"Supervisor {t}\""
                )
                .unwrap();
                let ex = 0.45 + rng.unit() * 0.35;
                all.push(Team {
                    id,
                    ex,
                    cx: (0.3 + ex * 0.6 + rng.unit() * 0.15).min(0.95),
                    size: if rng.below(10) == 0 {
                        3
                    } else {
                        8 + rng.below(20)
                    },
                });
                team += 1;
            }
        }
    }
    assert_eq!(team, teams);
    units.flush().unwrap();

    let labels: Vec<String> = (0..periods)
        .map(|p| period_label(granularity, p, periods))
        .collect();
    for (p, label) in labels.iter().enumerate() {
        let mut f = BufWriter::new(
            fs::File::create(out.join(format!("content/surveys/{label}.yaml"))).unwrap(),
        );
        writeln!(f, "period: {label}\nex:").unwrap();
        let drift = (p as f64 * 0.7).sin() * 0.05;
        for t in &all {
            let invited = t.size;
            let responses = if t.size < 5 {
                t.size
            } else {
                invited - rng.below(4).min(invited - 5)
            };
            let mean = (t.ex + drift + (rng.unit() - 0.5) * 0.1).clamp(0.05, 0.95);
            writeln!(
                f,
                "  {}:\n    invited: {invited}\n    responses: {responses}\n    headcount: {invited}\n    leavers: {}\n    enps: {}\n    items:",
                t.id,
                rng.below(2),
                list(&counts(&mut rng, responses, 11, mean))
            )
            .unwrap();
            for item in EX_ITEMS {
                writeln!(
                    f,
                    "      {item}: {}",
                    list(&counts(&mut rng, responses, 5, mean))
                )
                .unwrap();
            }
        }
        writeln!(f, "cx:").unwrap();
        for t in &all {
            let responses = 20 + rng.below(80);
            let mean = (t.cx + drift + (rng.unit() - 0.5) * 0.1).clamp(0.05, 0.95);
            writeln!(
                f,
                "  {}:\n    responses: {responses}\n    nps: {}\n    items:",
                t.id,
                list(&counts(&mut rng, responses, 11, mean))
            )
            .unwrap();
            for item in CX_ITEMS {
                writeln!(
                    f,
                    "      {item}: {}",
                    list(&counts(&mut rng, responses, 5, mean))
                )
                .unwrap();
            }
        }
        f.flush().unwrap();
    }

    // 50 posts, each with a few shortcodes about the organisation, a region and a team.
    let kinds = ["scatter", "heatmap", "trend", "likert", "net", "mirror"];
    for i in 0..50usize {
        let period = &labels[i % labels.len()];
        let region = i % regions;
        let team = &all[(i * 7919) % teams].id;
        let kind = kinds[i % kinds.len()];
        let unit = if kind == "trend" || kind == "mirror" {
            format!(", unit=\"{team}\"")
        } else if kind == "heatmap" {
            format!(", unit=\"r{region}\"")
        } else {
            String::new()
        };
        let body = format!(
            "---\ntitle: \"Note {i}: {period}\"\ndate: 2026-{:02}-{:02}\nauthor: \"HR analytics\"\nperiod: {period}\ntags: [bench, tag{}]\n---\nThe EX index of Region {region} is {{{{ kpi(metric=\"ex_index\", unit=\"r{region}\", period=\"{period}\") }}}} this period, and the organisation's NPS is {{{{ kpi(metric=\"nps\", period=\"{period}\") }}}}.\n\n{{{{ chart(kind=\"{kind}\", period=\"{period}\"{unit}) }}}}\n\n## Ranking\n\n{{{{ table(factor=\"workload\", period=\"{period}\") }}}}\n",
            i % 12 + 1,
            i % 28 + 1,
            i % 5
        );
        fs::write(out.join(format!("content/posts/note-{i:02}.md")), body).unwrap();
    }
}
