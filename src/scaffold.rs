//! `kolikko new DIR`: a small site that builds at once, to be edited into a real one.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use crate::framework::{Framework, Language, Side};

/// How often the example site's surveys run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Periods {
    Quarterly,
    Monthly,
}

/// The comments of the files `kolikko new` writes, by key: (English, Finnish, Swedish). Whole
/// sentences, so each language words them its own way.
const COMMENTS: &[(&str, &str, &str, &str)] = &[
    (
        "config",
        "Site settings. Every field is explained in docs/format.md.",
        "Sivuston asetukset. Jokainen kenttä selitetään tiedostossa docs/format.md.",
        "Webbplatsens inställningar. Varje fält förklaras i docs/format.md.",
    ),
    (
        "title",
        "The report's title, shown at the top of every page.",
        "Raportin otsikko, joka näkyy jokaisen sivun yläreunassa.",
        "Rapportens rubrik, som visas överst på varje sida.",
    ),
    (
        "organisation",
        "The organisation's name, shown in the page footer.",
        "Organisaation nimi, joka näkyy sivun alareunassa.",
        "Organisationens namn, som visas längst ned på sidan.",
    ),
    (
        "language",
        "The report's language: en, fi or sv.",
        "Raportin kieli: en, fi tai sv.",
        "Rapportens språk: en, fi eller sv.",
    ),
    (
        "threshold",
        "Groups with fewer employee answers than this are hidden, to protect anonymity (at least 3; 5 is usual).",
        "Ryhmät, joissa on tätä vähemmän työntekijävastauksia, piilotetaan vastaajien suojaamiseksi (vähintään 3; yleensä 5).",
        "Grupper med färre svar från medarbetare än så döljs för att skydda anonymiteten (minst 3; vanligen 5).",
    ),
    (
        "framework",
        "The factors and questions: `default` is kolikko's six factors, or list your own.",
        "Tekijät ja kysymykset: `default` on kolikon kuusi tekijää, tai voit luetella omat.",
        "Faktorerna och frågorna: `default` är kolikkos sex faktorer, eller så listar du egna.",
    ),
    (
        "units",
        "The organisation: groups and the teams under them. An id becomes part of page addresses: lower-case letters, digits and `-`.",
        "Organisaatio: ryhmät ja niiden alla olevat tiimit. Tunnisteesta (id) tulee osa sivujen osoitetta: pieniä kirjaimia, numeroita ja `-`.",
        "Organisationen: grupper och teamen under dem. Ett id blir en del av sidornas adresser: små bokstäver, siffror och `-`.",
    ),
    (
        "unit_name",
        "The name readers see.",
        "Nimi, jonka lukijat näkevät.",
        "Namnet som läsarna ser.",
    ),
    (
        "children",
        "The teams of this group. Only teams (units without children) have survey results.",
        "Tämän ryhmän tiimit. Vain tiimeillä (yksiköillä, joilla ei ole alayksiköitä) on kyselytuloksia.",
        "Gruppens team. Bara team (enheter utan underenheter) har enkätresultat.",
    ),
    (
        "survey",
        "One survey period: how many gave each answer, per team. The layout is in docs/format.md.",
        "Yksi kyselykausi: kuinka moni antoi kunkin vastauksen, tiimeittäin. Rakenne kuvataan tiedostossa docs/format.md.",
        "En enkätperiod: hur många som gav varje svar, per team. Formatet beskrivs i docs/format.md.",
    ),
    (
        "period_quarterly",
        "The period of these results: a quarter such as 2026-Q3.",
        "Tulosten kausi: vuosineljännes, esimerkiksi 2026-Q3.",
        "Resultatens period: ett kvartal, till exempel 2026-Q3.",
    ),
    (
        "period_monthly",
        "The period of these results: a month such as 2026-07.",
        "Tulosten kausi: kuukausi, esimerkiksi 2026-07.",
        "Resultatens period: en månad, till exempel 2026-07.",
    ),
    (
        "ex",
        "Employee survey, one entry per team (the ids of content/units.yaml).",
        "Henkilöstökysely, yksi kohta tiimiä kohden (tunnisteet tiedostosta content/units.yaml).",
        "Medarbetarenkät, en post per team (id:n i content/units.yaml).",
    ),
    (
        "invited",
        "How many people were asked to answer.",
        "Kuinka monta ihmistä pyydettiin vastaamaan.",
        "Hur många som ombads svara.",
    ),
    (
        "responses",
        "How many answered.",
        "Kuinka moni vastasi.",
        "Hur många som svarade.",
    ),
    (
        "enps",
        "eNPS: how many answered 0, 1, … 10.",
        "eNPS: kuinka moni vastasi 0, 1, … 10.",
        "eNPS: hur många som svarade 0, 1, … 10.",
    ),
    (
        "items",
        "Each question: how many answered 1, 2, 3, 4 and 5.",
        "Jokainen kysymys: kuinka moni vastasi 1, 2, 3, 4 ja 5.",
        "Varje fråga: hur många som svarade 1, 2, 3, 4 och 5.",
    ),
    (
        "cx",
        "Customer survey, one entry per team.",
        "Asiakaskysely, yksi kohta tiimiä kohden.",
        "Kundenkät, en post per team.",
    ),
    (
        "nps",
        "NPS: how many customers answered 0, 1, … 10.",
        "NPS: kuinka moni asiakas vastasi 0, 1, … 10.",
        "NPS: hur många kunder som svarade 0, 1, … 10.",
    ),
    (
        "post_title",
        "Welcome to the report",
        "Tervetuloa raporttiin",
        "Välkommen till rapporten",
    ),
    (
        "post_body",
        "These numbers are made up: replace `content/` with your own survey results.",
        "Luvut ovat keksittyjä: korvaa `content/`-kansion sisältö omilla kyselytuloksillasi.",
        "Siffrorna är påhittade: ersätt innehållet i `content/` med era egna enkätresultat.",
    ),
    (
        "site_title",
        "People & customer report",
        "Henkilöstö- ja asiakasraportti",
        "Personal- och kundrapport",
    ),
];

fn comment(language: Language, key: &str) -> &'static str {
    let (_, en, fi, sv) = COMMENTS
        .iter()
        .find(|c| c.0 == key)
        .unwrap_or_else(|| panic!("no scaffold comment `{key}`"));
    match language {
        Language::En => en,
        Language::Fi => fi,
        Language::Sv => sv,
    }
}

/// Group and team names: (id, English, Finnish, Swedish).
const REGIONS: &[(&str, &str, &str, &str)] = &[
    ("north", "North region", "Pohjoinen alue", "Norra regionen"),
    ("south", "South region", "Eteläinen alue", "Södra regionen"),
];
const TEAMS: &[[(&str, &str, &str, &str); 4]] = &[
    [
        ("harbour", "Harbour team", "Satamatiimi", "Hamnteamet"),
        ("market", "Market team", "Toritiimi", "Torgteamet"),
        ("station", "Station team", "Asematiimi", "Stationsteamet"),
        (
            "library",
            "Library team",
            "Kirjastotiimi",
            "Biblioteksteamet",
        ),
    ],
    [
        ("park", "Park team", "Puistotiimi", "Parkteamet"),
        ("bridge", "Bridge team", "Siltatiimi", "Broteamet"),
        ("square", "Square team", "Aukiotiimi", "Platsteamet"),
        ("school", "School team", "Koulutiimi", "Skolteamet"),
    ],
];
const SUPERVISORS: &[&str] = &[
    "Aino Virtanen",
    "Eero Korhonen",
    "Linnea Nieminen",
    "Oskar Mäkinen",
    "Helmi Hämäläinen",
    "Elias Laine",
    "Saga Lindholm",
    "Väinö Heikkinen",
];

fn named(
    language: Language,
    names: &(&str, &'static str, &'static str, &'static str),
) -> &'static str {
    match language {
        Language::En => names.1,
        Language::Fi => names.2,
        Language::Sv => names.3,
    }
}

/// What `kolikko new` makes.
#[derive(Clone, Copy, Debug)]
pub struct NewSite {
    pub language: Language,
    pub periods: Periods,
    /// `--bare`: no comments and no schemas, only the data (for people who know the format, and
    /// for tests whose line numbers should not move when a comment is reworded).
    pub bare: bool,
}

impl Default for NewSite {
    fn default() -> Self {
        NewSite {
            language: Language::En,
            periods: Periods::Quarterly,
            bare: false,
        }
    }
}

/// Creates an English, quarterly site; refuses a folder that exists and is not empty.
pub fn create(dir: &Path) -> io::Result<()> {
    create_with(dir, NewSite::default())
}

/// Drops whole-line comments and `  # …` line ends.
fn without_comments(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split_once("  # ").map_or(l, |(data, _)| data))
        .fold(String::new(), |mut out, l| {
            out.push_str(l);
            out.push('\n');
            out
        })
}

/// Creates a site in `language` whose surveys run every quarter or month. Its YAML explains
/// each field in comments, and each file names its JSON Schema for editors.
///
/// Refuses a folder that exists and is not empty. Every error names the path it is about, and a
/// failure (a full disk, say) removes what this run made, so a rerun works.
pub fn create_with(dir: &Path, new: NewSite) -> io::Result<()> {
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
    let result = write_site(dir, new);
    if result.is_err() {
        // Only what this run made: the folder itself if it made it, else what it put inside.
        if existed {
            let _ = fs::remove_file(dir.join("kolikko.yaml"));
            let _ = fs::remove_dir_all(dir.join("content"));
            let _ = fs::remove_dir_all(dir.join("schemas"));
        } else {
            let _ = fs::remove_dir_all(dir);
        }
    }
    result
}

fn write_site(dir: &Path, new: NewSite) -> io::Result<()> {
    let NewSite {
        language,
        periods,
        bare,
    } = new;
    let write = |path: &str, text: &str| -> io::Result<()> {
        let target = dir.join(path);
        let folder = target.parent().expect("relative paths have a parent");
        let named = |path: &Path, e: io::Error| {
            io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display()))
        };
        fs::create_dir_all(folder).map_err(|e| named(folder, e))?;
        let text = if bare && path.ends_with(".yaml") {
            without_comments(text)
        } else {
            text.to_string()
        };
        fs::write(&target, text).map_err(|e| named(&target, e))
    };
    let c = |key: &str| comment(language, key);
    if !bare {
        for (name, text) in crate::schema::SCHEMAS {
            write(&format!("schemas/{name}"), text)?;
        }
    }
    let code = match language {
        Language::En => "en",
        Language::Fi => "fi",
        Language::Sv => "sv",
    };
    write(
        "kolikko.yaml",
        &format!(
            "# yaml-language-server: $schema=schemas/kolikko.schema.json\n# {}\ntitle: \"{}\"  # {}\norganisation: \"Example Oy\"  # {}\nlanguage: {code}  # {}\nanonymity_threshold: 5  # {}\nframework: default  # {}\n",
            c("config"),
            c("site_title"),
            c("title"),
            c("organisation"),
            c("language"),
            c("threshold"),
            c("framework"),
        ),
    )?;
    let mut units = format!(
        "# yaml-language-server: $schema=../schemas/units.schema.json\n# {}\nunits:\n",
        c("units")
    );
    let mut supervisors = SUPERVISORS.iter();
    for (r, region) in REGIONS.iter().enumerate() {
        let _ = writeln!(units, "  - id: {}", region.0);
        let explain = |key: &str| {
            if r == 0 {
                format!("  # {}", c(key))
            } else {
                String::new()
            }
        };
        let _ = writeln!(
            units,
            "    name: \"{}\"{}",
            named(language, region),
            explain("unit_name")
        );
        let _ = writeln!(units, "    children:{}", explain("children"));
        for team in &TEAMS[r] {
            let _ = writeln!(
                units,
                "      - id: {}\n        name: \"{}\"\n        supervisor: \"{}\"",
                team.0,
                named(language, team),
                supervisors.next().copied().unwrap_or_default()
            );
        }
    }
    write("content/units.yaml", &units)?;
    let framework = Framework::default_six();
    let mut random = Lcg(20260101);
    let (names, period_comment) = match periods {
        Periods::Quarterly => (["2026-Q1", "2026-Q2"], c("period_quarterly")),
        Periods::Monthly => (["2026-05", "2026-06"], c("period_monthly")),
    };
    let teams: Vec<&str> = TEAMS.iter().flatten().map(|t| t.0).collect();
    for period in names {
        let mut survey = format!(
            "# yaml-language-server: $schema=../../schemas/survey.schema.json\n# {}\nperiod: {period}  # {period_comment}\nex:  # {}\n",
            c("survey"),
            c("ex")
        );
        for (t, team) in teams.iter().enumerate() {
            let responses = 6 + random.below(10);
            let explain = |key: &str| {
                if t == 0 {
                    format!("  # {}", c(key))
                } else {
                    String::new()
                }
            };
            let _ = write!(
                survey,
                "  {team}:\n    invited: {}{}\n    responses: {responses}{}\n    enps: {:?}{}\n    items:{}\n",
                responses + random.below(4),
                explain("invited"),
                explain("responses"),
                random.counts(11, responses),
                explain("enps"),
                explain("items"),
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
        let _ = writeln!(survey, "cx:  # {}", c("cx"));
        for (t, team) in teams.iter().enumerate() {
            let responses = 30 + random.below(60);
            let nps = if t == 0 {
                format!("  # {}", c("nps"))
            } else {
                String::new()
            };
            let _ = writeln!(
                survey,
                "  {team}:\n    responses: {responses}\n    nps: {:?}{nps}\n    items:",
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
        &format!(
            "---\ntitle: \"{}\"\ndate: 2026-07-01\nauthor: \"HR\"\nperiod: {}\ntags: [{}]\n---\n{}\n\n{{{{ chart(kind=\"scatter\") }}}}\n",
            c("post_title"),
            names[1],
            match periods {
                Periods::Quarterly => "quarterly",
                Periods::Monthly => "monthly",
            },
            c("post_body"),
        ),
    )?;
    Ok(())
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
