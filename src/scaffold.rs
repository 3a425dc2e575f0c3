//! `kolikko new DIR`: a small site that builds at once, to be edited into a real one.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use crate::framework::{Framework, Side};

/// Creates the site; refuses a folder that exists and is not empty. Every error names the path
/// it is about, and a failure (a full disk, say) removes what this run made, so a rerun works.
pub fn create(dir: &Path) -> io::Result<()> {
    let named = |path: &Path, e: io::Error| {
        io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display()))
    };
    let existed = match fs::symlink_metadata(dir) {
        Ok(meta) if !meta.is_dir() => {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} exists and is not a folder; choose a new folder name",
                    dir.display()
                ),
            ));
        }
        Ok(_) => {
            if fs::read_dir(dir)
                .map_err(|e| named(dir, e))?
                .next()
                .is_some()
            {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} exists and is not empty", dir.display()),
                ));
            }
            true
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(named(dir, e)),
    };
    let result = write_site(dir).map_err(|(path, e)| named(&path, e));
    if result.is_err() {
        // Only what this run made: the folder itself if it made it, else what it put inside.
        if existed {
            let _ = fs::remove_file(dir.join("kolikko.yaml"));
            let _ = fs::remove_dir_all(dir.join("content"));
        } else {
            let _ = fs::remove_dir_all(dir);
        }
    }
    result
}

fn write_site(dir: &Path) -> Result<(), (std::path::PathBuf, io::Error)> {
    let write = |path: &str, text: &str| -> Result<(), (std::path::PathBuf, io::Error)> {
        let target = dir.join(path);
        let folder = target.parent().expect("relative paths have a parent");
        fs::create_dir_all(folder).map_err(|e| (folder.to_path_buf(), e))?;
        fs::write(&target, text).map_err(|e| (target.clone(), e))
    };
    write(
        "kolikko.yaml",
        "title: \"People & customer report\"\norganisation: \"Example Oy\"\nlanguage: en\nanonymity_threshold: 5\nframework: default\n",
    )?;
    let teams = [
        ("north", &["harbour", "market", "station", "library"]),
        ("south", &["park", "bridge", "square", "school"]),
    ];
    let mut units = String::from("units:\n");
    for (region, members) in &teams {
        let _ = writeln!(
            units,
            "  - id: {region}\n    name: \"{} region\"\n    children:",
            capitalise(region)
        );
        for team in members.iter() {
            let _ = writeln!(
                units,
                "      - id: {team}\n        name: \"{} team\"\n        supervisor: \"Supervisor of {team}\"",
                capitalise(team)
            );
        }
    }
    write("content/units.yaml", &units)?;
    let framework = Framework::default_six();
    let mut random = Lcg(20260101);
    for period in ["2026-Q1", "2026-Q2"] {
        let mut survey = format!("period: {period}\nex:\n");
        for team in teams.iter().flat_map(|(_, m)| m.iter()) {
            let responses = 6 + random.below(10);
            let _ = writeln!(
                survey,
                "  {team}:\n    invited: {}\n    responses: {responses}\n    enps: {:?}\n    items:",
                responses + random.below(4),
                random.counts(11, responses)
            );
            for item in framework.items(Side::Ex) {
                let _ = writeln!(
                    survey,
                    "      {}: {:?}",
                    item.id,
                    random.counts(5, responses)
                );
            }
        }
        survey.push_str("cx:\n");
        for team in teams.iter().flat_map(|(_, m)| m.iter()) {
            let responses = 30 + random.below(60);
            let _ = writeln!(
                survey,
                "  {team}:\n    responses: {responses}\n    nps: {:?}\n    items:",
                random.counts(11, responses)
            );
            for item in framework.items(Side::Cx) {
                let _ = writeln!(
                    survey,
                    "      {}: {:?}",
                    item.id,
                    random.counts(5, responses)
                );
            }
        }
        write(&format!("content/surveys/{period}.yaml"), &survey)?;
    }
    write(
        "content/posts/welcome.md",
        "---\ntitle: \"Welcome to the report\"\ndate: 2026-07-01\nauthor: \"HR\"\nperiod: 2026-Q2\ntags: [quarterly]\n---\nThese numbers are made up: replace `content/` with your own survey results.\n\n{{ chart(kind=\"scatter\") }}\n",
    )?;
    Ok(())
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A tiny deterministic generator: the scaffold is the same every time.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }

    /// `total` answers spread over `points`, leaning towards the upper end.
    fn counts(&mut self, points: usize, total: u64) -> Vec<u64> {
        let mut counts = vec![0; points];
        for _ in 0..total {
            let a = self.below(points as u64) as usize;
            let b = self.below(points as u64) as usize;
            counts[a.max(b)] += 1;
        }
        counts
    }
}
