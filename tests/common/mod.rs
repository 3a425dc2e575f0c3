//! Small fixture sites written in code, so each test states exactly the data it checks.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use kolikko::framework::{Framework, Side};

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A site with the given config lines, units.yaml text and no surveys yet.
    pub fn new(config_extra: &str, units_yaml: &str) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let f = Fixture { dir };
        f.write(
            "kolikko.yaml",
            &format!("title: \"Test report\"\norganisation: \"Testi Oy\"\n{config_extra}"),
        );
        f.write("content/units.yaml", units_yaml);
        f
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.dir.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.output().join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// Runs the real binary in the site folder.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_kolikko"))
            .args(args)
            .current_dir(self.path())
            .output()
            .unwrap()
    }

    /// Every file of the built site, relative path → bytes.
    pub fn tree(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(self.output())
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(self.output())
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                (rel, fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }
}

/// One team's EX block: every EX item gets the same `items` counts (answers 1..5).
pub fn ex_team(
    team: &str,
    invited: u64,
    items: [u64; 5],
    enps: [u64; 11],
    turnover: Option<(f64, u64)>,
) -> String {
    let responses: u64 = items.iter().sum();
    let mut s = format!(
        "  {team}:\n    invited: {invited}\n    responses: {responses}\n    enps: {enps:?}\n"
    );
    if let Some((headcount, leavers)) = turnover {
        s.push_str(&format!(
            "    headcount: {headcount}\n    leavers: {leavers}\n"
        ));
    }
    s.push_str("    items:\n");
    for item in Framework::default_six().items(Side::Ex) {
        s.push_str(&format!("      {}: {items:?}\n", item.id));
    }
    s
}

/// One team's CX block: every CX item gets the same counts.
pub fn cx_team(team: &str, items: [u64; 5], nps: [u64; 11]) -> String {
    let responses: u64 = items.iter().sum();
    let mut s = format!("  {team}:\n    responses: {responses}\n    nps: {nps:?}\n    items:\n");
    for item in Framework::default_six().items(Side::Cx) {
        s.push_str(&format!("      {}: {items:?}\n", item.id));
    }
    s
}

/// An eNPS/NPS answer list with `n` answers spread so the score is moderate.
pub fn spread11(n: u64) -> [u64; 11] {
    let mut counts = [0u64; 11];
    for i in 0..n {
        counts[(5 + (i * 7) % 6) as usize] += 1;
    }
    counts
}

/// Likert counts for `n` answers leaning favourable by `tilt` (0..=4).
pub fn likert(n: u64, tilt: u64) -> [u64; 5] {
    let mut counts = [0u64; 5];
    for i in 0..n {
        let base = (i * 3 + tilt) % 5;
        counts[(base.max(tilt.min(4))) as usize] += 1;
    }
    counts
}

/// Text between `<tag` and `</tag>` for every occurrence, for targeted assertions.
pub fn elements<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        let after = &rest[start..];
        match after.find(close) {
            Some(end) => {
                out.push(&after[..end + close.len()]);
                rest = &after[end + close.len()..];
            }
            None => break,
        }
    }
    out
}
