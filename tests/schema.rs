//! The JSON Schemas of `kolikko schema` agree with the loader: both accept the example site and
//! every site `kolikko new` makes, and both refuse the same broken files.

use std::fs;
use std::path::Path;

use kolikko::framework::Language;
use kolikko::scaffold::{self, NewSite, Periods};

fn validator(name: &str) -> jsonschema::Validator {
    let text = kolikko::schema::SCHEMAS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no schema {name}"))
        .1;
    let schema: serde_json::Value = serde_json::from_str(text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn yaml(text: &str) -> serde_json::Value {
    serde_saphyr::from_str(text).unwrap()
}

/// Every error the schema finds, for a readable failure.
fn errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    let value = yaml(text);
    validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The three schemas accept the three kinds of file of the site at `root`.
fn assert_site_valid(root: &Path) {
    let config = validator("kolikko.schema.json");
    let units = validator("units.schema.json");
    let survey = validator("survey.schema.json");
    let read = |p: &Path| fs::read_to_string(p).unwrap();
    let found = errors(&config, &read(&root.join("kolikko.yaml")));
    assert!(found.is_empty(), "{}: {found:?}", root.display());
    let found = errors(&units, &read(&root.join("content/units.yaml")));
    assert!(found.is_empty(), "{found:?}");
    let mut surveys = 0;
    for entry in fs::read_dir(root.join("content/surveys")).unwrap() {
        let path = entry.unwrap().path();
        let found = errors(&survey, &read(&path));
        assert!(found.is_empty(), "{}: {found:?}", path.display());
        surveys += 1;
    }
    assert!(surveys >= 2);
}

#[test]
fn the_schemas_accept_the_example_site() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert_site_valid(root);
    assert!(kolikko::load::load_site(root).is_ok());
}

#[test]
fn the_schemas_accept_every_new_site_and_new_sites_name_them() {
    for language in [Language::En, Language::Fi, Language::Sv] {
        for periods in [Periods::Quarterly, Periods::Monthly] {
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("site");
            scaffold::create_with(
                &root,
                NewSite {
                    language,
                    periods,
                    bare: false,
                },
            )
            .unwrap();
            assert_site_valid(&root);
            assert!(kolikko::load::load_site(&root).is_ok());
            // Each YAML file names its schema by a path that exists from where the file is.
            for file in ["kolikko.yaml", "content/units.yaml"] {
                let path = root.join(file);
                let text = fs::read_to_string(&path).unwrap();
                let first = text.lines().next().unwrap();
                let target = first
                    .strip_prefix("# yaml-language-server: $schema=")
                    .unwrap_or_else(|| panic!("{file} starts with {first:?}"));
                assert!(path.parent().unwrap().join(target).is_file(), "{target}");
            }
        }
    }
}

/// A site made by `kolikko new --bare` with one file replaced: does the loader accept it?
fn loader_accepts(relative: &str, text: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    scaffold::create_with(
        &root,
        NewSite {
            bare: true,
            ..NewSite::default()
        },
    )
    .unwrap();
    fs::write(root.join(relative), text).unwrap();
    kolikko::load::load_site(&root).is_ok()
}

#[test]
fn the_schemas_and_the_loader_refuse_the_same_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    scaffold::create(&root).unwrap();
    let config = fs::read_to_string(root.join("kolikko.yaml")).unwrap();
    let units = fs::read_to_string(root.join("content/units.yaml")).unwrap();
    let survey = fs::read_to_string(root.join("content/surveys/2026-Q1.yaml")).unwrap();

    let cases: Vec<(&str, &str, String)> = vec![
        (
            "kolikko.yaml",
            "kolikko.schema.json",
            config.replace("language: en", "language: de"),
        ),
        (
            "kolikko.yaml",
            "kolikko.schema.json",
            config.replace("anonymity_threshold: 5", "anonymity_threshold: 2"),
        ),
        (
            "kolikko.yaml",
            "kolikko.schema.json",
            config.replace("title:", "titel:"),
        ),
        (
            "kolikko.yaml",
            "kolikko.schema.json",
            config.replace(
                "framework: default",
                "scales:\n  agree3: { points: 3, favourable_from: 3, unfavourable_to: 1, labels: { de: [Nein, Egal, Ja] } }\nframework: default",
            ),
        ),
        (
            "kolikko.yaml",
            "kolikko.schema.json",
            config.replace(
                "framework: default",
                "scales:\n  agree3: { points: 3, favourable_from: 3, unfavourable_to: 1, labels: [No, \" \", Yes] }\nframework: default",
            ),
        ),
        (
            "content/units.yaml",
            "units.schema.json",
            units.replace("id: north", "id: North Region"),
        ),
        (
            "content/units.yaml",
            "units.schema.json",
            units.replace("name: \"North region\"", "nimi: \"North region\""),
        ),
        (
            "content/surveys/2026-Q1.yaml",
            "survey.schema.json",
            survey.replace("invited:", "invted:"),
        ),
        (
            "content/surveys/2026-Q1.yaml",
            "survey.schema.json",
            survey.replace("period: 2026-Q1", "period: 2026-q1"),
        ),
        (
            "content/surveys/2026-Q1.yaml",
            "survey.schema.json",
            survey.replacen("    responses: 6", "    responses: -6", 1),
        ),
        (
            "content/surveys/2026-Q1.yaml",
            "survey.schema.json",
            survey.replacen("[0, 0, 2, 3, 1]", "[0, 0, two, 3, 1]", 1),
        ),
    ];
    for (file, schema, text) in &cases {
        assert_ne!(text.as_str(), config.as_str());
        let by_schema = errors(&validator(schema), text);
        assert!(
            !by_schema.is_empty(),
            "the schema accepts a broken {file}:\n{text}"
        );
        assert!(
            !loader_accepts(file, text),
            "the loader accepts a file the schema refuses ({by_schema:?}):\n{text}"
        );
    }
    // And the unbroken files pass both, also with a scale that names its points.
    assert!(loader_accepts("content/surveys/2026-Q1.yaml", &survey));
    let labelled = config.replace(
        "framework: default",
        "scales:\n  agree3: { points: 3, favourable_from: 3, unfavourable_to: 1, labels: { fi: [Eri, Ei kumpaakaan, Samaa], sv: [Av annan, Varken eller, Av samma] } }\n  yes3: { points: 3, favourable_from: 3, unfavourable_to: 1, labels: [\"No\", \"Maybe\", \"Yes\"] }\nframework: default",
    );
    assert_eq!(
        errors(&validator("kolikko.schema.json"), &labelled),
        Vec::<String>::new()
    );
    assert!(loader_accepts("kolikko.yaml", &labelled));
}

#[test]
fn kolikko_schema_writes_the_three_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kolikko"))
        .args(["schema", "editor-schemas"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    for (name, text) in kolikko::schema::SCHEMAS {
        let written = fs::read_to_string(dir.path().join("editor-schemas").join(name)).unwrap();
        assert_eq!(&written, text);
        let _: serde_json::Value = serde_json::from_str(&written).unwrap();
    }
}
