//! The words of the page chrome in English, Finnish and Swedish. Templates read them as
//! `t.key`; a key missing from a language is a compile-time gap caught by the test below.

use std::collections::BTreeMap;

use crate::format::NumberFormat;
use crate::framework::Language;

/// (key, English, Finnish, Swedish)
const STRINGS: &[(&str, &str, &str, &str)] = &[
    // Pages that scale to thousands of units (src/pages/scale.rs).
    (
        "position_heading",
        "Position in the organisation",
        "Sijoitus organisaatiossa",
        "Placering i organisationen",
    ),
    (
        "position_sentence",
        "{measure} {value}: rank {rank} of {n} teams; {pct} of the teams are lower.",
        "{measure} {value}: sija {rank}/{n} tiimin joukossa; {pct} tiimeistä on alempana.",
        "{measure} {value}: plats {rank} av {n} team; {pct} av teamen ligger lägre.",
    ),
    (
        "attention_heading",
        "Teams that need attention",
        "Huomiota tarvitsevat tiimit",
        "Team som behöver uppmärksamhet",
    ),
    (
        "attention_lowest",
        "Lowest EX index",
        "Matalin EX-indeksi",
        "Lägst EX-index",
    ),
    (
        "attention_drop",
        "Largest drop in EX index since the previous period",
        "Suurin EX-indeksin lasku edellisestä kaudesta",
        "Största nedgång i EX-index sedan föregående period",
    ),
    (
        "attention_gap",
        "Largest gap between EX and CX index",
        "Suurin ero EX- ja CX-indeksin välillä",
        "Största skillnad mellan EX- och CX-index",
    ),
    (
        "table_filter",
        "Show only rows containing",
        "Näytä vain rivit, joissa on",
        "Visa bara rader som innehåller",
    ),
    (
        "table_sort",
        "Sort by this column",
        "Lajittele tämän sarakkeen mukaan",
        "Sortera efter den här kolumnen",
    ),
    (
        "table_rows_shown",
        "rows shown",
        "riviä näkyvissä",
        "rader visas",
    ),
    (
        "table_level_note",
        "The list goes down to the level that keeps it at {rows} rows or fewer; each unit's page lists the units below it.",
        "Luettelossa on yksiköt sille tasolle asti, jolla rivejä on enintään {rows}; kunkin yksikön sivulla on sen alayksiköt.",
        "Listan går ned till den nivå där den har högst {rows} rader; varje enhets sida visar enheterna under den.",
    ),
    (
        "hidden_notes_more",
        "In this period {n} more groups are hidden or have measures withheld; their own units' pages say why.",
        "Tällä kaudella {n} muuta ryhmää on piilotettu tai niiltä on jätetty mittareita pois; syy kerrotaan yksiköiden omilla sivuilla.",
        "Under perioden är ytterligare {n} grupper dolda eller har mått som undanhålls; enheternas egna sidor förklarar varför.",
    ),
    (
        "ranked_more",
        "{n} teams in the middle of the ranking are left out here; each team's page shows its rank.",
        "Sijoituksen keskeltä {n} tiimiä on jätetty tästä pois; kunkin tiimin sivulla näkyy sen sija.",
        "{n} team i mitten av rankningen är utelämnade här; varje teams sida visar dess placering.",
    ),
    (
        "scatter_level_note",
        "With {teams} teams, each point is a unit one level up; the correlation is over the teams, and every team is in the tables.",
        "Tiimejä on {teams}, joten kukin piste on ylemmän tason yksikkö; korrelaatio on laskettu tiimeistä, ja jokainen tiimi on taulukoissa.",
        "Med {teams} team är varje punkt en enhet en nivå upp; korrelationen gäller teamen, och varje team finns i tabellerna.",
    ),
    ("overview", "Overview", "Yleiskuva", "Översikt"),
    ("periods", "Periods", "Kaudet", "Perioder"),
    ("period", "Period", "Kausi", "Period"),
    ("units", "Units", "Yksiköt", "Enheter"),
    ("unit", "Unit", "Yksikkö", "Enhet"),
    ("factors", "Factors", "Tekijät", "Faktorer"),
    ("factor", "Factor", "Tekijä", "Faktor"),
    ("posts", "Commentary", "Kommentaarit", "Kommentarer"),
    ("tags", "Tags", "Tunnisteet", "Taggar"),
    ("method", "Method", "Menetelmä", "Metod"),
    (
        "skip_to_content",
        "Skip to content",
        "Siirry sisältöön",
        "Hoppa till innehållet",
    ),
    (
        "main_navigation",
        "Main navigation",
        "Päävalikko",
        "Huvudmeny",
    ),
    ("breadcrumbs", "Breadcrumbs", "Murupolku", "Brödsmulor"),
    (
        "ex",
        "Employee experience",
        "Henkilöstökokemus",
        "Medarbetarupplevelse",
    ),
    (
        "cx",
        "Customer experience",
        "Asiakaskokemus",
        "Kundupplevelse",
    ),
    ("ex_short", "EX", "HK", "MU"),
    ("cx_short", "CX", "AK", "KU"),
    ("ex_index", "EX index", "HK-indeksi", "MU-index"),
    ("cx_index", "CX index", "AK-indeksi", "KU-index"),
    ("enps", "eNPS", "eNPS", "eNPS"),
    ("nps", "NPS", "NPS", "NPS"),
    (
        "response_rate",
        "Response rate",
        "Vastausaste",
        "Svarsfrekvens",
    ),
    ("turnover", "Turnover", "Vaihtuvuus", "Personalomsättning"),
    (
        "headcount",
        "Headcount",
        "Henkilöstömäärä",
        "Personalstyrka",
    ),
    ("leavers", "Leavers", "Lähteneet", "Slutat"),
    ("supervisor", "Supervisor", "Esihenkilö", "Chef"),
    (
        "organisation",
        "Organisation",
        "Organisaatio",
        "Organisation",
    ),
    (
        "latest_period",
        "Latest period",
        "Viimeisin kausi",
        "Senaste period",
    ),
    (
        "vs_previous",
        "vs previous period",
        "vs. edellinen kausi",
        "jämfört med föregående period",
    ),
    (
        "vs_organisation",
        "vs organisation",
        "vs. organisaatio",
        "jämfört med organisationen",
    ),
    (
        "real_change",
        "a real change (larger than the noise)",
        "todellinen muutos (kohinaa suurempi)",
        "en verklig förändring (större än bruset)",
    ),
    (
        "within_noise",
        "within the noise",
        "kohinan rajoissa",
        "inom bruset",
    ),
    (
        "linkage",
        "Do EX and CX move together?",
        "Kulkevatko HK ja AK yhdessä?",
        "Följs MU och KU åt?",
    ),
    (
        "key_charts",
        "Key charts",
        "Keskeiset kuviot",
        "Viktiga diagram",
    ),
    (
        "latest_commentary",
        "Latest commentary",
        "Uusimmat kommentaarit",
        "Senaste kommentarer",
    ),
    (
        "all_posts",
        "All commentary",
        "Kaikki kommentaarit",
        "Alla kommentarer",
    ),
    ("reading_time", "min read", "min lukuaika", "min läsning"),
    (
        "show_data",
        "Show the numbers",
        "Näytä luvut",
        "Visa siffrorna",
    ),
    ("hidden", "Hidden", "Piilotettu", "Dold"),
    ("no_data", "No data", "Ei tietoja", "Inga data"),
    ("low_n", "low n", "pieni n", "lågt n"),
    (
        "hidden_below_threshold",
        "fewer than {n} responses",
        "alle {n} vastausta",
        "färre än {n} svar",
    ),
    (
        "hidden_complementary",
        "hidden to protect a smaller group",
        "piilotettu pienemmän ryhmän suojaamiseksi",
        "dold för att skydda en mindre grupp",
    ),
    (
        "hidden_parent",
        "hidden with the unit above",
        "piilotettu ylemmän yksikön mukana",
        "dold med enheten ovanför",
    ),
    (
        "privacy_note",
        "To protect respondents, employee results of groups with fewer than {n} responses are not shown, and neither are results from which such a group could be worked out by subtraction.",
        "Vastaajien suojaamiseksi henkilöstökyselyn tuloksia ei näytetä ryhmistä, joilla on alle {n} vastausta, eikä tuloksia, joista tällaisen ryhmän luvut voisi laskea vähentämällä.",
        "För att skydda de svarande visas inte medarbetarresultat för grupper med färre än {n} svar, och inte heller resultat ur vilka en sådan grupp kan räknas fram.",
    ),
    (
        "hidden_measure",
        "hidden: too few answers here or in a group beside it",
        "piilotettu: liian vähän vastauksia tässä tai rinnakkaisessa ryhmässä",
        "dolt: för få svar här eller i en grupp bredvid",
    ),
    ("questions_withheld", "questions", "kysymystä", "frågor"),
    (
        "hidden_here",
        "Hidden on this page",
        "Piilotettu tällä sivulla",
        "Dolt på denna sida",
    ),
    (
        "unit_hidden_title",
        "Employee results are hidden",
        "Henkilöstötulokset on piilotettu",
        "Medarbetarresultaten är dolda",
    ),
    ("trends", "Trends", "Kehitys", "Utveckling"),
    (
        "units_ranked",
        "Units ranked",
        "Yksiköt järjestyksessä",
        "Enheter rangordnade",
    ),
    ("sub_units", "Sub-units", "Alayksiköt", "Underenheter"),
    ("all_units", "All units", "Kaikki yksiköt", "Alla enheter"),
    (
        "all_periods",
        "All periods",
        "Kaikki kaudet",
        "Alla perioder",
    ),
    (
        "all_factors",
        "All factors",
        "Kaikki tekijät",
        "Alla faktorer",
    ),
    ("all_tags", "All tags", "Kaikki tunnisteet", "Alla taggar"),
    ("tagged", "Tagged", "Tunniste", "Taggad"),
    (
        "commentary_for_period",
        "Commentary on this period",
        "Tämän kauden kommentaarit",
        "Kommentarer om perioden",
    ),
    (
        "no_commentary",
        "No commentary yet.",
        "Ei vielä kommentaareja.",
        "Inga kommentarer ännu.",
    ),
    ("feed", "Atom feed", "Atom-syöte", "Atom-flöde"),
    ("favourable", "Favourable", "Myönteinen", "Positiv"),
    ("mean_answer", "Mean answer", "Keskiarvo", "Medelvärde"),
    ("neutral", "Neutral", "Neutraali", "Neutral"),
    ("unfavourable", "Unfavourable", "Kielteinen", "Negativ"),
    ("promoters", "Promoters", "Suosittelijat", "Promotorer"),
    ("passives", "Passives", "Passiiviset", "Passiva"),
    ("detractors", "Detractors", "Arvostelijat", "Kritiker"),
    ("ex_side", "EX side", "HK-puoli", "MU-sidan"),
    ("cx_side", "CX side", "AK-puoli", "KU-sidan"),
    ("score", "Score", "Tulos", "Resultat"),
    ("n_units", "units", "yksikköä", "enheter"),
    (
        "interval",
        "95% interval",
        "95 %:n luottamusväli",
        "95 % intervall",
    ),
    (
        "linkage_positive",
        "EX and CX move together",
        "HK ja AK kulkevat yhdessä",
        "MU och KU följs åt",
    ),
    (
        "linkage_negative",
        "EX and CX move in opposite directions",
        "HK ja AK liikkuvat vastakkaisiin suuntiin",
        "MU och KU rör sig åt motsatt håll",
    ),
    (
        "linkage_unclear",
        "No clear link between EX and CX this period",
        "HK:n ja AK:n välillä ei ole selvää yhteyttä tällä kaudella",
        "Inget tydligt samband mellan MU och KU denna period",
    ),
    (
        "linkage_too_few",
        "Too few units with both surveys to read a link",
        "Liian vähän yksiköitä, joilla on molemmat kyselyt, yhteyden arvioimiseksi",
        "För få enheter med båda enkäterna för att bedöma ett samband",
    ),
    (
        "linkage_caveat",
        "Correlation is not causation: units differ in many ways at once.",
        "Korrelaatio ei ole kausaliteetti: yksiköt eroavat monella tavalla yhtä aikaa.",
        "Korrelation är inte kausalitet: enheter skiljer sig på många sätt samtidigt.",
    ),
    (
        "key_drivers",
        "Key drivers of CX",
        "AK:n keskeiset ajurit",
        "Viktiga drivkrafter för KU",
    ),
    ("spearman", "Spearman ρ", "Spearmanin ρ", "Spearmans ρ"),
    ("p_value", "p-value", "p-arvo", "p-värde"),
    (
        "generated_by",
        "Made with kolikko",
        "Tehty kolikolla",
        "Gjord med kolikko",
    ),
    (
        "chart_scatter",
        "EX index and CX index by unit",
        "HK- ja AK-indeksi yksiköittäin",
        "MU- och KU-index per enhet",
    ),
    (
        "chart_mirror",
        "The six factors: EX side and CX side",
        "Tekijät: HK-puoli ja AK-puoli",
        "Faktorerna: MU-sidan och KU-sidan",
    ),
    (
        "chart_trend_index",
        "EX and CX index over time",
        "HK- ja AK-indeksin kehitys",
        "MU- och KU-index över tid",
    ),
    (
        "chart_trend_net",
        "eNPS and NPS over time",
        "eNPS:n ja NPS:n kehitys",
        "eNPS och NPS över tid",
    ),
    (
        "chart_likert",
        "Answers by question",
        "Vastaukset kysymyksittäin",
        "Svar per fråga",
    ),
    (
        "chart_net",
        "Promoters, passives and detractors",
        "Suosittelijat, passiiviset ja arvostelijat",
        "Promotorer, passiva och kritiker",
    ),
    (
        "chart_heatmap",
        "Units × factors (EX)",
        "Yksiköt × tekijät (HK)",
        "Enheter × faktorer (MU)",
    ),
    (
        "chart_lag",
        "Linkage by lag",
        "Yhteys viiveen mukaan",
        "Samband efter fördröjning",
    ),
    (
        "chart_response",
        "Response rate by unit",
        "Vastausaste yksiköittäin",
        "Svarsfrekvens per enhet",
    ),
    ("lag_label_excx", "EX → CX", "HK → AK", "MU → KU"),
    ("lag_label_cxex", "CX → EX", "AK → HK", "KU → MU"),
    (
        "not_enough_data",
        "not enough data",
        "liian vähän tietoa",
        "för lite data",
    ),
    (
        "index_axis",
        "index, % favourable",
        "indeksi, % myönteisiä",
        "index, % positiva",
    ),
    ("rank", "Rank", "Sija", "Placering"),
    (
        "fitted_line",
        "fitted line",
        "sovitettu suora",
        "anpassad linje",
    ),
    (
        "largest_gap",
        "largest gap in",
        "suurin ero:",
        "största skillnaden i",
    ),
    (
        "points_ex_minus_cx",
        "points (EX − CX)",
        "pistettä (HK − AK)",
        "poäng (MU − KU)",
    ),
    (
        "most_favourable",
        "Most favourable",
        "Myönteisin",
        "Mest positiv",
    ),
    (
        "least_favourable",
        "least favourable",
        "vähiten myönteinen",
        "minst positiv",
    ),
    ("item", "Question", "Kysymys", "Fråga"),
    (
        "hidden_rows",
        "hidden for anonymity",
        "piilotettu anonymiteetin vuoksi",
        "dolda för anonymitet",
    ),
    (
        "period_pairs",
        "period pairs averaged",
        "kausiparin keskiarvo",
        "periodpar i medeltal",
    ),
    (
        "direction",
        "Direction and lag",
        "Suunta ja viive",
        "Riktning och fördröjning",
    ),
    ("interval_low", "95% low", "95 % alaraja", "95 % nedre"),
    ("interval_high", "95% high", "95 % yläraja", "95 % övre"),
    ("lowest", "lowest", "matalin", "lägst"),
    (
        "responses_of_invited",
        "responses / invited",
        "vastaukset / kutsutut",
        "svar / inbjudna",
    ),
    (
        "ex_side_vs_cx_side",
        "EX side vs CX side across units",
        "HK-puoli vs. AK-puoli yksiköittäin",
        "MU-sidan mot KU-sidan per enhet",
    ),
    (
        "ex_side_vs_cx_index",
        "EX side vs CX index (driver rank)",
        "HK-puoli vs. AK-indeksi (ajurisija)",
        "MU-sidan mot KU-index (rang)",
    ),
    (
        "drivers_note",
        "Each factor's EX side correlated with the CX index across units, strongest first. A ranking of associations, not of causes.",
        "Kunkin tekijän HK-puolen korrelaatio AK-indeksin kanssa yksiköiden välillä, vahvin ensin. Yhteyksien järjestys, ei syiden.",
        "Varje faktors MU-sida korrelerad med KU-index mellan enheter, starkast först. En rangordning av samband, inte av orsaker.",
    ),
    (
        "factors_lead",
        "Six internal factors that customers feel, each asked from employees (EX side) and from customers (CX side).",
        "Kuusi sisäistä tekijää, jotka asiakas huomaa; kustakin kysytään henkilöstöltä (HK-puoli) ja asiakkailta (AK-puoli).",
        "Sex interna faktorer som kunderna märker, var och en frågad av medarbetare (MU) och kunder (KU).",
    ),
    (
        "not_shown_hidden",
        "Results hidden for anonymity",
        "Tulokset piilotettu anonymiteetin vuoksi",
        "Resultat dolda för anonymitet",
    ),
];

/// The UI strings of one language, keyed for templates.
pub fn strings(language: Language) -> BTreeMap<&'static str, &'static str> {
    STRINGS
        .iter()
        .map(|&(key, en, fi, sv)| {
            let text = match language {
                Language::En => en,
                Language::Fi => fi,
                Language::Sv => sv,
            };
            (key, text)
        })
        .collect()
}

/// One UI string, for Rust code that builds text (chart titles, descriptions).
pub fn text(language: Language, key: &str) -> &'static str {
    STRINGS
        .iter()
        .find(|s| s.0 == key)
        .map(|&(_, en, fi, sv)| match language {
            Language::En => en,
            Language::Fi => fi,
            Language::Sv => sv,
        })
        .unwrap_or_else(|| panic!("missing UI string `{key}`"))
}

pub fn number_format(language: Language) -> NumberFormat {
    match language {
        Language::En => NumberFormat::ENGLISH,
        Language::Fi | Language::Sv => NumberFormat::NORDIC,
    }
}

/// A date as the language writes it: `14 Aug 2026`, `14.8.2026`.
pub fn date(language: Language, date: crate::model::Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match language {
        Language::En => format!(
            "{} {} {}",
            date.day,
            MONTHS[(date.month - 1) as usize],
            date.year
        ),
        Language::Fi | Language::Sv => format!("{}.{}.{}", date.day, date.month, date.year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_translated() {
        let mut keys: Vec<&str> = STRINGS.iter().map(|s| s.0).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), STRINGS.len(), "duplicate UI string key");
        for (key, en, fi, sv) in STRINGS {
            assert!(!en.is_empty() && !fi.is_empty() && !sv.is_empty(), "{key}");
        }
        assert_eq!(text(Language::Fi, "overview"), "Yleiskuva");
    }

    /// Every key the page code and templates ask for exists (a missing one would stop a
    /// build), and every defined key is used somewhere.
    #[test]
    fn every_key_is_defined_and_used() {
        let code = [
            include_str!("pages/mod.rs"),
            include_str!("pages/figures.rs"),
            include_str!("pages/shortcodes.rs"),
            include_str!("pages/scale.rs"),
        ];
        let keys: Vec<&str> = STRINGS.iter().map(|s| s.0).collect();
        let mut used = std::collections::BTreeSet::new();
        for source in code {
            for pattern in ["self.t(\"", "renderer.t(\"", "text(self.language, \""] {
                for (at, _) in source.match_indices(pattern) {
                    let rest = &source[at + pattern.len()..];
                    let key = &rest[..rest.find('"').unwrap()];
                    assert!(
                        keys.contains(&key),
                        "UI string `{key}` is used but not defined"
                    );
                }
            }
            // Keys also travel through tables such as `("overview", "index.html")`.
            used.extend(keys.iter().filter(|k| source.contains(&format!("\"{k}\""))));
        }
        for (name, source) in crate::pages::DEFAULT_TEMPLATES {
            // `t.key`, where `t` is a whole word (not the end of `post.`).
            for (at, _) in source.match_indices("t.") {
                if source[..at]
                    .ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.')
                {
                    continue;
                }
                let rest = &source[at + 2..];
                let key = &rest[..rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len())];
                assert!(
                    keys.contains(&key),
                    "{name}: UI string `{key}` is used but not defined"
                );
                used.insert(keys.iter().find(|k| **k == key).unwrap());
            }
        }
        let unused: Vec<&&str> = keys.iter().filter(|k| !used.contains(k)).collect();
        assert!(
            unused.is_empty(),
            "UI strings defined but never used: {unused:?}"
        );
    }

    #[test]
    fn dates() {
        let d = crate::model::Date {
            year: 2026,
            month: 8,
            day: 14,
        };
        assert_eq!(date(Language::En, d), "14 Aug 2026");
        assert_eq!(date(Language::Fi, d), "14.8.2026");
    }
}
