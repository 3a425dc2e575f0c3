//! The factor framework: the internal factors that customers feel, each with an EX side (what
//! employees answer) and a CX side (what customers answer). The default is the six factors of the
//! articles kolikko grew from; a site may define its own in `kolikko.yaml`.

use serde::Serialize;

use crate::stats::Scale;

/// A string in the report's languages. English is always present; a missing translation falls
/// back to English.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub en: String,
    pub fi: Option<String>,
    pub sv: Option<String>,
}

impl Text {
    pub fn get(&self, language: Language) -> &str {
        let translated = match language {
            Language::En => None,
            Language::Fi => self.fi.as_deref(),
            Language::Sv => self.sv.as_deref(),
        };
        translated.unwrap_or(&self.en)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Language {
    En,
    Fi,
    Sv,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fi => "fi",
            Language::Sv => "sv",
        }
    }
}

/// Which survey a question belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Side {
    Ex,
    Cx,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    pub text: Text,
    pub scale: Scale,
    /// Which of [`Framework::scales`] the item is answered on (its cut-points are `scale`).
    pub scale_id: ScaleId,
}

/// Index into [`Framework::scales`]; [`ScaleId::LIKERT5`] is the built-in 1–5 scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct ScaleId(pub u16);

impl ScaleId {
    pub const LIKERT5: ScaleId = ScaleId(0);
}

/// What each point of a scale is called, as the survey showed it ("Täysin eri mieltä" …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PointLabels {
    /// The built-in likert5: the agreement words of the report's translations.
    Translated,
    /// No labels: readers see the points as numbers.
    None,
    /// One list for every language.
    All(Vec<String>),
    /// A list per language; a language without one sees numbers (the build warns).
    ByLanguage {
        en: Option<Vec<String>>,
        fi: Option<Vec<String>>,
        sv: Option<Vec<String>>,
    },
}

/// A named answer scale: its cut-points, its point labels and where kolikko.yaml defines it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScaleDef {
    pub name: String,
    pub scale: Scale,
    pub labels: PointLabels,
    /// Line and column of the definition in kolikko.yaml, 0 for the built-in one.
    pub line: u64,
    pub column: u64,
}

impl ScaleDef {
    pub fn likert5() -> ScaleDef {
        ScaleDef {
            name: "likert5".to_string(),
            scale: Scale::LIKERT5,
            labels: PointLabels::Translated,
            line: 0,
            column: 0,
        }
    }

    /// The labels written for `language`, one per point; `None` for the built-in scale (its
    /// words are in the translations) and where none were written.
    pub fn written_labels(&self, language: Language) -> Option<&[String]> {
        match &self.labels {
            PointLabels::Translated | PointLabels::None => None,
            PointLabels::All(list) => Some(list),
            PointLabels::ByLanguage { en, fi, sv } => match language {
                Language::En => en.as_deref(),
                Language::Fi => fi.as_deref(),
                Language::Sv => sv.as_deref(),
            },
        }
    }

    /// Whether readers in `language` see words for the points rather than numbers only.
    pub fn has_labels(&self, language: Language) -> bool {
        matches!(self.labels, PointLabels::Translated) || self.written_labels(language).is_some()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Factor {
    pub id: String,
    pub name: Text,
    pub ex: Vec<Item>,
    pub cx: Vec<Item>,
}

/// The factors, plus flat item lists so survey data can be stored by item index.
#[derive(Clone, Debug, PartialEq)]
pub struct Framework {
    pub factors: Vec<Factor>,
    /// Every scale the site defines, the built-in likert5 first; items refer to them by index.
    pub scales: Vec<ScaleDef>,
}

/// Where an item sits: its factor and its index in the flat list of its side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemRef {
    pub factor: usize,
    pub side: Side,
    pub index: usize,
}

impl Framework {
    /// All items of one side, in factor order. Survey results store item answers in this order.
    pub fn items(&self, side: Side) -> impl Iterator<Item = &Item> {
        self.factors.iter().flat_map(move |f| match side {
            Side::Ex => f.ex.iter(),
            Side::Cx => f.cx.iter(),
        })
    }

    pub fn item_count(&self, side: Side) -> usize {
        self.items(side).count()
    }

    /// The flat indices of one factor's items on one side.
    pub fn factor_item_range(&self, factor: usize, side: Side) -> std::ops::Range<usize> {
        let len = |f: &Factor| match side {
            Side::Ex => f.ex.len(),
            Side::Cx => f.cx.len(),
        };
        let start: usize = self.factors[..factor].iter().map(len).sum();
        start..start + len(&self.factors[factor])
    }

    pub fn find_item(&self, id: &str) -> Option<ItemRef> {
        for side in [Side::Ex, Side::Cx] {
            let mut index = 0;
            for (factor_index, factor) in self.factors.iter().enumerate() {
                let items = match side {
                    Side::Ex => &factor.ex,
                    Side::Cx => &factor.cx,
                };
                for item in items {
                    if item.id == id {
                        return Some(ItemRef {
                            factor: factor_index,
                            side,
                            index,
                        });
                    }
                    index += 1;
                }
            }
        }
        None
    }

    pub fn scale(&self, id: ScaleId) -> &ScaleDef {
        &self.scales[usize::from(id.0)]
    }

    pub fn find_factor(&self, id: &str) -> Option<usize> {
        self.factors.iter().position(|f| f.id == id)
    }

    /// The six factors of the seed articles, two questions on each side.
    pub fn default_six() -> Framework {
        let text = |en: &str, fi: &str, sv: &str| Text {
            en: en.to_string(),
            fi: Some(fi.to_string()),
            sv: Some(sv.to_string()),
        };
        let item = |id: &str, t: Text| Item {
            id: id.to_string(),
            text: t,
            scale: Scale::LIKERT5,
            scale_id: ScaleId::LIKERT5,
        };
        let factor = |id: &str, name: Text, ex: Vec<Item>, cx: Vec<Item>| Factor {
            id: id.to_string(),
            name,
            ex,
            cx,
        };
        Framework {
            factors: vec![
                factor(
                    "communication",
                    text(
                        "Communication and response time",
                        "Viestintä ja vastausaika",
                        "Kommunikation och svarstid",
                    ),
                    vec![
                        item(
                            "ex_comm_info",
                            text(
                                "I get the information I need for my work in time.",
                                "Saan työssäni tarvitsemani tiedon ajoissa.",
                                "Jag får informationen jag behöver i tid.",
                            ),
                        ),
                        item(
                            "ex_comm_open",
                            text(
                                "Mistakes and changes are discussed openly in our team.",
                                "Virheistä ja muutoksista puhutaan tiimissämme avoimesti.",
                                "Misstag och förändringar diskuteras öppet i vårt team.",
                            ),
                        ),
                    ],
                    vec![
                        item(
                            "cx_comm_speed",
                            text(
                                "We answered you quickly.",
                                "Vastasimme sinulle nopeasti.",
                                "Vi svarade dig snabbt.",
                            ),
                        ),
                        item(
                            "cx_comm_clear",
                            text(
                                "Our communication was clear and friendly.",
                                "Viestintämme oli selkeää ja ystävällistä.",
                                "Vår kommunikation var tydlig och vänlig.",
                            ),
                        ),
                    ],
                ),
                factor(
                    "workload",
                    text(
                        "Workload and work community",
                        "Työtaakka ja työyhteisö",
                        "Arbetsbörda och arbetsgemenskap",
                    ),
                    vec![
                        item(
                            "ex_work_manageable",
                            text(
                                "My workload is manageable.",
                                "Työmääräni on hallittava.",
                                "Min arbetsbörda är hanterbar.",
                            ),
                        ),
                        item(
                            "ex_work_support",
                            text(
                                "I can ask my colleagues for help and say when I cannot cope.",
                                "Voin pyytää työkavereilta apua ja kertoa, jos en jaksa.",
                                "Jag kan be kollegor om hjälp och säga när jag inte orkar.",
                            ),
                        ),
                    ],
                    vec![
                        item(
                            "cx_work_available",
                            text(
                                "Someone was available to serve you when you needed it.",
                                "Palvelua oli saatavilla, kun tarvitsit sitä.",
                                "Någon fanns till hands när du behövde service.",
                            ),
                        ),
                        item(
                            "cx_work_team",
                            text(
                                "Our staff worked well together to help you.",
                                "Henkilökuntamme teki hyvin yhteistyötä auttaakseen sinua.",
                                "Vår personal samarbetade väl för att hjälpa dig.",
                            ),
                        ),
                    ],
                ),
                factor(
                    "systems",
                    text(
                        "Systems and tools",
                        "Järjestelmät ja työkalut",
                        "System och verktyg",
                    ),
                    vec![
                        item(
                            "ex_sys_tools",
                            text(
                                "I have the tools and systems I need to do my job well.",
                                "Minulla on työhöni tarvittavat työkalut ja järjestelmät.",
                                "Jag har de verktyg och system jag behöver.",
                            ),
                        ),
                        item(
                            "ex_sys_reliable",
                            text(
                                "Our systems work reliably.",
                                "Järjestelmämme toimivat luotettavasti.",
                                "Våra system fungerar tillförlitligt.",
                            ),
                        ),
                    ],
                    vec![
                        item(
                            "cx_sys_smooth",
                            text(
                                "Using our service was smooth.",
                                "Palvelumme käyttö oli sujuvaa.",
                                "Det gick smidigt att använda vår tjänst.",
                            ),
                        ),
                        item(
                            "cx_sys_errors",
                            text(
                                "Your matter was handled without errors.",
                                "Asiasi hoidettiin ilman virheitä.",
                                "Ditt ärende hanterades utan fel.",
                            ),
                        ),
                    ],
                ),
                factor(
                    "competence",
                    text(
                        "Competence and training",
                        "Osaaminen ja koulutus",
                        "Kompetens och utbildning",
                    ),
                    vec![
                        item(
                            "ex_comp_training",
                            text(
                                "I get the training I need to develop in my work.",
                                "Saan tarvitsemani koulutuksen kehittyäkseni työssäni.",
                                "Jag får den utbildning jag behöver.",
                            ),
                        ),
                        item(
                            "ex_comp_onboarding",
                            text(
                                "New colleagues are onboarded well.",
                                "Uudet työntekijät perehdytetään hyvin.",
                                "Nya kollegor introduceras väl.",
                            ),
                        ),
                    ],
                    vec![
                        item(
                            "cx_comp_knowledge",
                            text(
                                "Our staff knew what they were doing.",
                                "Henkilökuntamme osasi asiansa.",
                                "Vår personal kunde sin sak.",
                            ),
                        ),
                        item(
                            "cx_comp_solved",
                            text(
                                "Your problem was solved.",
                                "Ongelmasi ratkaistiin.",
                                "Ditt problem löstes.",
                            ),
                        ),
                    ],
                ),
                factor(
                    "leadership",
                    text(
                        "Supervision and leadership",
                        "Esihenkilötyö ja johtaminen",
                        "Ledarskap och chefskap",
                    ),
                    vec![
                        item(
                            "ex_lead_feedback",
                            text(
                                "My supervisor gives me useful feedback.",
                                "Esihenkilöni antaa minulle hyödyllistä palautetta.",
                                "Min chef ger mig användbar återkoppling.",
                            ),
                        ),
                        item(
                            "ex_lead_goals",
                            text(
                                "I know what is expected of me at work.",
                                "Tiedän, mitä minulta työssä odotetaan.",
                                "Jag vet vad som förväntas av mig.",
                            ),
                        ),
                    ],
                    vec![
                        item(
                            "cx_lead_trust",
                            text(
                                "You can trust us to keep our word.",
                                "Voit luottaa siihen, että pidämme sanamme.",
                                "Du kan lita på att vi håller vad vi lovar.",
                            ),
                        ),
                        item(
                            "cx_lead_commit",
                            text(
                                "Our staff took ownership of your matter.",
                                "Henkilökuntamme otti asiastasi vastuun.",
                                "Vår personal tog ansvar för ditt ärende.",
                            ),
                        ),
                    ],
                ),
                factor(
                    "processes",
                    text(
                        "Internal processes",
                        "Sisäiset prosessit",
                        "Interna processer",
                    ),
                    vec![
                        item(
                            "ex_proc_clear",
                            text(
                                "Our roles and processes are clear.",
                                "Roolimme ja prosessimme ovat selkeitä.",
                                "Våra roller och processer är tydliga.",
                            ),
                        ),
                        item(
                            "ex_proc_waste",
                            text(
                                "Our ways of working have little duplicate or pointless work.",
                                "Toimintatavoissamme on vähän päällekkäistä tai turhaa työtä.",
                                "Våra arbetssätt har lite dubbelarbete.",
                            ),
                        ),
                    ],
                    vec![
                        item(
                            "cx_proc_easy",
                            text(
                                "It was easy to get your matter done with us.",
                                "Asiointi kanssamme oli helppoa.",
                                "Det var lätt att få ditt ärende gjort.",
                            ),
                        ),
                        item(
                            "cx_proc_promises",
                            text(
                                "We did what we promised, when we promised.",
                                "Teimme sen, mitä lupasimme, silloin kun lupasimme.",
                                "Vi gjorde det vi lovade, när vi lovade.",
                            ),
                        ),
                    ],
                ),
            ],
            scales: vec![ScaleDef::likert5()],
        }
    }
}
