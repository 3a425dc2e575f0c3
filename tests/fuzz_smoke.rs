//! The fuzz targets on stable Rust: every corpus file of `fuzz/corpus/<target>/`, and a fixed
//! number of deterministic mutations of each, go through the same harness as
//! `cargo +nightly fuzz run <target>` (fuzz/README.md). A crash is saved under
//! `target/fuzz-smoke/` so it can be replayed with the real fuzzer.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// Mutations per corpus file; the loaders that render a whole site are slower, so fewer.
const MUTATIONS_SITE: usize = 40;
const MUTATIONS_TEXT: usize = 400;

/// Pieces that tend to matter to YAML, front matter, Markdown and shortcodes.
const DICTIONARY: &[&[u8]] = &[
    b"*a",
    b"&a ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\n",
    b": ",
    b"- ",
    b"---\n",
    b"{{",
    b"}}",
    b"(",
    b")",
    b"\"",
    b"'",
    b"<script>",
    b"\xff",
    b"\xef\xbb\xbf",
    b"18446744073709551615",
    b"-1",
    b".nan",
    b"1e308",
    b"\r\n",
    b"\t",
    b"? ",
    b"!!binary ",
    b"<<: *a",
    b"```\n",
    b"=",
    b",",
    b"\\",
    b"#",
    b"|\n",
    b">\n",
    b"%YAML 1.2\n",
    b"\x00",
    b"na: ",
    b"counts: ",
    b"period: 2026-W53",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(seed: &[u8], random: &mut Lcg) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + random.below(4) {
        let at = random.below(data.len() + 1);
        match random.below(6) {
            0 if !data.is_empty() => {
                let i = random.below(data.len());
                data[i] ^= 1 << random.below(8);
            }
            1 => {
                let piece = DICTIONARY[random.below(DICTIONARY.len())];
                data.splice(at..at, piece.iter().copied());
            }
            2 if at < data.len() => {
                let end = (at + 1 + random.below(16)).min(data.len());
                data.drain(at..end);
            }
            3 if at < data.len() => {
                let end = (at + 1 + random.below(64)).min(data.len());
                let copy = data[at..end].to_vec();
                data.splice(end..end, copy);
            }
            4 => data.truncate(at),
            _ => {
                let i = random.below(data.len() + 1);
                data.insert(i.min(data.len()), random.next() as u8);
            }
        }
    }
    data
}

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    files
}

fn run(target: &str, mutations: usize, harness: fn(&[u8])) {
    let mut random = Lcg(0x6b6f_6c69_6b6b_6f00 ^ target.len() as u64);
    let mut inputs = 0;
    for path in corpus(target) {
        let seed = fs::read(&path).unwrap();
        let mut cases = vec![seed.clone()];
        cases.extend((0..mutations).map(|_| mutate(&seed, &mut random)));
        for (n, input) in cases.iter().enumerate() {
            inputs += 1;
            if catch_unwind(AssertUnwindSafe(|| harness(input))).is_err() {
                let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-smoke");
                fs::create_dir_all(&out).unwrap();
                let name = format!(
                    "{target}-{}-{n}",
                    path.file_name().unwrap().to_string_lossy()
                );
                fs::write(out.join(&name), input).unwrap();
                panic!(
                    "{target}: input {n} from {} crashed; saved as target/fuzz-smoke/{name} \
                     (replay: cd fuzz && cargo +nightly fuzz run {target} ../target/fuzz-smoke/{name})",
                    path.display()
                );
            }
        }
    }
    eprintln!("{target}: {inputs} inputs");
}

#[test]
fn fuzz_config() {
    run("config", MUTATIONS_SITE, harness::config);
}

#[test]
fn fuzz_survey() {
    run("survey", MUTATIONS_SITE, harness::survey);
}

#[test]
fn fuzz_front_matter() {
    run("front_matter", MUTATIONS_SITE, harness::front_matter);
}

#[test]
fn fuzz_shortcodes() {
    run("shortcodes", MUTATIONS_TEXT, harness::shortcodes);
}

#[test]
fn fuzz_markdown() {
    run("markdown", MUTATIONS_TEXT, harness::markdown);
}

#[test]
fn fuzz_post_body() {
    run("post_body", MUTATIONS_SITE, harness::post_body);
}

/// The body seed with figures is a valid post: the fuzzer starts from pages that render.
#[test]
fn the_figures_seed_builds() {
    let seed = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/post_body/seed-figures.md"),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    kolikko::scaffold::create(&site).unwrap();
    let mut post = b"---\ntitle: Fuzz\ndate: 2026-07-01\ntags: [a, b]\n---\n".to_vec();
    post.extend_from_slice(&seed);
    fs::write(site.join("content/posts/welcome.md"), post).unwrap();
    if let Err(e) = kolikko::build::render(&site) {
        panic!("{e}");
    }
}
