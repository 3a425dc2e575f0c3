//! JSON Schemas for the site's YAML files, so editors (through yaml-language-server) complete
//! field names and flag mistakes as the user types. They describe the shape only; the loader
//! checks more (sums, ids that exist, the anonymity threshold). `tests/schema.rs` keeps them
//! from drifting from the loader: both accept the example and the sites `kolikko new` makes,
//! and both refuse the same broken files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// (file name, schema text): kolikko.yaml, content/units.yaml, content/surveys/*.yaml.
pub const SCHEMAS: &[(&str, &str)] = &[
    ("kolikko.schema.json", include_str!("kolikko.schema.json")),
    ("units.schema.json", include_str!("units.schema.json")),
    ("survey.schema.json", include_str!("survey.schema.json")),
];

/// `kolikko schema DIR`: writes the three schemas into `dir` (made if missing).
pub fn write_all(dir: &Path) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    SCHEMAS
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            fs::write(&path, text)?;
            Ok(path)
        })
        .collect()
}
