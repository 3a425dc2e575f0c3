//! The words of the page chrome in English, Finnish and Swedish. Templates read them as
//! `t.key`; a key missing from a language is a compile-time gap caught by the test below.

use std::collections::BTreeMap;

use crate::format::NumberFormat;
use crate::framework::Language;

/// (key, English, Finnish, Swedish)
const STRINGS: &[(&str, &str, &str, &str)] = &[
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
        "linkage",
        "Do teams with better EX have better CX?",
        "Onko tiimeillä, joiden HK on parempi, myös parempi AK?",
        "Har team med bättre MU också bättre KU?",
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
    ("draft", "Draft", "Luonnos", "Utkast"),
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
        "hidden_reason",
        "hidden: fewer than {n} people answered here, or showing it would let such a group beside it or below it be worked out",
        "piilotettu: tässä vastasi alle {n} henkilöä, tai sen näyttäminen paljastaisi vierekkäisen tai alemman tällaisen ryhmän",
        "dold: färre än {n} personer svarade här, eller så skulle en sådan grupp bredvid eller under den kunna räknas fram",
    ),
    (
        "reported_with",
        "employee results are reported with {unit}",
        "henkilöstön tulokset raportoidaan yksikön {unit} kanssa",
        "medarbetarresultaten redovisas tillsammans med {unit}",
    ),
    (
        "cx_below_minimum",
        "fewer than {n} customers answered",
        "alle {n} asiakasta vastasi",
        "färre än {n} kunder svarade",
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
        "Each factor's EX side correlated with the CX index across teams, strongest first. Factors whose 95% intervals overlap share a rank (=1): their order could be chance. A ranking of associations, not of causes.",
        "Kunkin tekijän HK-puolen korrelaatio AK-indeksin kanssa tiimien välillä, vahvin ensin. Tekijät, joiden 95 %:n luottamusvälit menevät päällekkäin, jakavat sijan (=1): niiden järjestys voi olla sattumaa. Yhteyksien järjestys, ei syiden.",
        "Varje faktors MU-sida korrelerad med KU-index mellan team, starkast först. Faktorer vars 95 % intervall överlappar delar plats (=1): deras ordning kan vara slump. En rangordning av samband, inte av orsaker.",
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
    (
        "vs_rest_clear",
        "{difference} vs the rest of the organisation · a clear difference",
        "{difference} vs. muu organisaatio · selvä ero",
        "{difference} jämfört med resten av organisationen · en tydlig skillnad",
    ),
    (
        "vs_rest_within_noise",
        "{difference} vs the rest of the organisation · within the noise",
        "{difference} vs. muu organisaatio · kohinan rajoissa",
        "{difference} jämfört med resten av organisationen · inom bruset",
    ),
    (
        "vs_previous_clear",
        "vs {period} · a clear change",
        "vs. {period} · selvä muutos",
        "jämfört med {period} · en tydlig förändring",
    ),
    (
        "vs_previous_within_noise",
        "vs {period} · within the noise",
        "vs. {period} · kohinan rajoissa",
        "jämfört med {period} · inom bruset",
    ),
    (
        "correlation_text",
        "r = {r} (95% interval {low}–{high}, {p}), {teams} teams",
        "r = {r} (95 %:n luottamusväli {low}–{high}, {p}), {teams} tiimiä",
        "r = {r} (95 % intervall {low}–{high}, {p}), {teams} team",
    ),
    (
        "correlation_text_no_interval",
        "r = {r} ({p}), {teams} teams",
        "r = {r} ({p}), {teams} tiimiä",
        "r = {r} ({p}), {teams} team",
    ),
    (
        "linkage_positive",
        "Teams with better EX tend to have better CX this period: {correlation}.",
        "Tiimeillä, joiden HK on parempi, on tällä kaudella yleensä myös parempi AK: {correlation}.",
        "Team med bättre MU har denna period i regel också bättre KU: {correlation}.",
    ),
    (
        "linkage_negative",
        "Teams with better EX tend to have worse CX this period: {correlation}.",
        "Tiimeillä, joiden HK on parempi, on tällä kaudella yleensä heikompi AK: {correlation}.",
        "Team med bättre MU har denna period i regel sämre KU: {correlation}.",
    ),
    (
        "linkage_unclear",
        "No clear association between EX and CX across teams this period: {correlation}.",
        "Tiimien HK:n ja AK:n välillä ei ole tällä kaudella selvää yhteyttä: {correlation}.",
        "Inget tydligt samband mellan MU och KU mellan teamen denna period: {correlation}.",
    ),
    (
        "linkage_too_few",
        "Only {teams} teams have both surveys shown this period; a link across teams is read from {minimum} teams on, so no correlation is given.",
        "Vain {teams} tiimillä on tällä kaudella molempien kyselyjen tulokset näkyvissä; tiimien välistä yhteyttä arvioidaan vasta {minimum} tiimistä alkaen, joten korrelaatiota ei anneta.",
        "Bara {teams} team har resultat från båda enkäterna denna period; ett samband mellan team bedöms först från {minimum} team, så ingen korrelation anges.",
    ),
    (
        "linkage_unit_of_analysis",
        "One point per team in this period, unweighted: the question is whether teams that differ in EX also differ in CX, and a large team is still one team.",
        "Yksi piste tiimiä kohden tällä kaudella, painottamatta: kysymys on siitä, eroavatko HK:ltaan erilaiset tiimit myös AK:ltaan, ja suurikin tiimi on yksi tiimi.",
        "En punkt per team denna period, utan vikter: frågan är om team som skiljer sig i MU också skiljer sig i KU, och ett stort team är fortfarande ett team.",
    ),
    (
        "spearman_text",
        "Spearman ρ = {rho} ({p}).",
        "Spearmanin ρ = {rho} ({p}).",
        "Spearmans ρ = {rho} ({p}).",
    ),
    (
        "key_driver_text",
        "Key driver of CX: {factor} (r = {r}).",
        "AK:n keskeisin ajuri: {factor} (r = {r}).",
        "Viktigaste drivkraften för KU: {factor} (r = {r}).",
    ),
    (
        "key_driver_none",
        "No single factor stands out as the key driver of CX: the intervals of the strongest factors overlap.",
        "Mikään tekijä ei erotu AK:n keskeisimpänä ajurina: vahvimpien tekijöiden luottamusvälit menevät päällekkäin.",
        "Ingen enskild faktor framstår som den viktigaste drivkraften för KU: intervallen för de starkaste faktorerna överlappar.",
    ),
    (
        "driver_rank_text",
        "{rank} · r = {r}",
        "{rank} · r = {r}",
        "{rank} · r = {r}",
    ),
    (
        "lag_row_same",
        "EX and CX in the same period, mean of {pairs} periods",
        "HK ja AK samalla kaudella, {pairs} kauden keskiarvo",
        "MU och KU samma period, medel av {pairs} perioder",
    ),
    (
        "lag_row_excx",
        "EX, then CX with lag k = {k}, mean of {pairs} period pairs",
        "HK ensin, AK viiveellä k = {k}, {pairs} kausiparin keskiarvo",
        "MU först, KU med fördröjning k = {k}, medel av {pairs} periodpar",
    ),
    (
        "lag_row_cxex",
        "CX, then EX with lag k = {k}, mean of {pairs} period pairs",
        "AK ensin, HK viiveellä k = {k}, {pairs} kausiparin keskiarvo",
        "KU först, MU med fördröjning k = {k}, medel av {pairs} periodpar",
    ),
    (
        "lag_sentence",
        "{row}: r = {r} (95% team-bootstrap interval {low}–{high}), {teams} teams.",
        "{row}: r = {r} (95 %:n luottamusväli tiimien uudelleenotannalla {low}–{high}), {teams} tiimiä.",
        "{row}: r = {r} (95 % intervall genom omsampling av team {low}–{high}), {teams} team.",
    ),
    (
        "lag_sentence_no_interval",
        "{row}: r = {r}, {teams} teams.",
        "{row}: r = {r}, {teams} tiimiä.",
        "{row}: r = {r}, {teams} team.",
    ),
    (
        "lag_method_note",
        "Each row averages the correlation across teams over every pair of periods that far apart; its interval resamples whole teams, because the same teams appear in every pair. The same-period row is an average over all periods, not this period's r.",
        "Kukin rivi on tiimien välisen korrelaation keskiarvo kaikista kausipareista, joiden väli on sama; luottamusväli otetaan uudelleen kokonaisista tiimeistä, koska samat tiimit ovat mukana jokaisessa parissa. Saman kauden rivi on kaikkien kausien keskiarvo, ei tämän kauden r.",
        "Varje rad är medelvärdet av korrelationen mellan team över alla periodpar med samma avstånd; intervallet omsamplar hela team, eftersom samma team finns i varje par. Raden för samma period är ett medel över alla perioder, inte denna periods r.",
    ),
    ("responses", "Responses", "Vastaukset", "Svar"),
    ("invited", "Invited", "Kutsutut", "Inbjudna"),
    (
        "linkage_r",
        "EX–CX correlation across teams",
        "HK:n ja AK:n korrelaatio tiimien välillä",
        "Korrelation mellan MU och KU över team",
    ),
    (
        "linkage_interval",
        "95% interval of the EX–CX correlation",
        "HK–AK-korrelaation 95 %:n luottamusväli",
        "95 % intervall för korrelationen MU–KU",
    ),
    (
        "teams_shown",
        "Teams shown",
        "Näytetyt tiimit",
        "Visade team",
    ),
    (
        "teams_hidden",
        "Teams hidden for anonymity",
        "Anonymiteetin vuoksi piilotetut tiimit",
        "Team dolda för anonymitet",
    ),
    (
        "no_previous_period",
        "no previous period",
        "ei edellistä kautta",
        "ingen föregående period",
    ),
    (
        "change_from_previous",
        "change from the previous period",
        "muutos edellisestä kaudesta",
        "förändring från föregående period",
    ),
    (
        "too_few_teams",
        "too few teams",
        "liian vähän tiimejä",
        "för få team",
    ),
    ("teams_column", "teams", "tiimit", "team"),
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
