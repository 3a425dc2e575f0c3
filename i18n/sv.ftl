# Swedish. Messages are Project Fluent (https://projectfluent.org); `{ $name }` is a value the
# program fills in, and `{ $count -> [one] … *[other] … }` picks the plural form.
# A site may override any message in its own i18n/sv.ftl.

## Navigation and page chrome
overview = Översikt
periods = { $granularity ->
    [quarter] Kvartal
    [month] Månader
    [week] Veckor
   *[other] Perioder
}
period = { $granularity ->
    [quarter] Kvartal
    [month] Månad
    [week] Vecka
   *[other] Period
}
units = Enheter
unit = Enhet
factors = Faktorer
factor = Faktor
posts = Inlägg
tags = Taggar
draft = Utkast
method = Metod
skip_to_content = Hoppa till innehållet
main_navigation = Huvudmeny
# The language's own name for itself, in the language switcher.
language_name = svenska
choose_language = Läs rapporten på svenska
language_switcher = Språk
breadcrumbs = Brödsmulor
generated_by = Skapad med kolikko

## Period names as readers say them
period_quarter = Q{ $quarter }/{ $year }
period_month = { $month ->
    [1] januari
    [2] februari
    [3] mars
    [4] april
    [5] maj
    [6] juni
    [7] juli
    [8] augusti
    [9] september
    [10] oktober
    [11] november
   *[12] december
} { $year }
period_week = vecka { $week }/{ $year }
period_heading = { $period }
latest_period = { $granularity ->
    [quarter] Senaste kvartalet
    [month] Senaste månaden
    [week] Senaste veckan
   *[other] Senaste perioden
}
all_periods = { $granularity ->
    [quarter] Alla kvartal
    [month] Alla månader
    [week] Alla veckor
   *[other] Alla perioder
}
no_previous_period = ingen föregående period
change_from_previous = förändring från föregående period

## Measures
ex = Medarbetarupplevelse
cx = Kundupplevelse
ex_short = EX
cx_short = CX
ex_index = EX-index
cx_index = CX-index
enps = eNPS
nps = NPS
response_rate = Svarsfrekvens
turnover = Personalomsättning
headcount = Antal anställda
leavers = Avgångar
supervisor = Chef
supervisor_line = Chef: { $name }
organisation = Organisation
ex_side = Medarbetarna
cx_side = Kunderna
score = Resultat
favourable = Positiva
mean_answer = Svarens medelvärde
neutral = Neutrala
unfavourable = Negativa
promoters = Promotorer
passives = Passiva
detractors = Kritiker
item = Fråga
rank = Placering
responses = Svar
invited = Inbjudna
responses_of_invited = svar / inbjudna
turnover_note = { $leavers ->
    [0] ingen har slutat
   *[other] { $leavers } har slutat
}, { $average ->
    [yes] genomsnittligt antal anställda
   *[no] antal anställda
} { $headcount }
reading_time = Lästid { $minutes } min

## Front page and lists
linkage = Har team med bättre medarbetarupplevelse också bättre kundupplevelse?
key_charts = Viktiga diagram
latest_commentary = Senaste inläggen
all_posts = Alla inlägg
commentary_for_period = Inlägg om perioden
no_commentary = Inga inlägg ännu.
feed = Atom-flöde
show_data = Visa siffrorna
trends_title = Utveckling: { $factor }
units_ranked = Enheter i rangordning
units_ranked_title = Enheter i rangordning: { $factor }, { $period }
sub_units = Underenheter
all_units = Alla enheter
all_factors = Alla faktorer
all_tags = Alla taggar
tagged_heading = Tagg: #{ $tag }
factors_lead = { $count ->
    [one] En intern faktor som kunderna märker. Både medarbetarna och kunderna får frågor om den.
   *[other] { $count } interna faktorer som kunderna märker. Både medarbetarna och kunderna får frågor om var och en.
}

## Hidden results (anonymity)
hidden = Dolt
# A value inside a sentence of a post ({{ kpi(…) }}): lower case.
kpi_hidden = dolt
kpi_no_data = inga uppgifter
no_data = Inga uppgifter
low_n = få svar
hidden_reason = dolt eftersom färre än { $n } personer svarade här, eller eftersom en sådan grupp bredvid eller under den annars skulle kunna räknas fram
reported_with = medarbetarresultaten redovisas tillsammans med { $unit }
cx_below_minimum = färre än { $n } kunder svarade
privacy_note = För att skydda de svarande visas inte medarbetarresultat för grupper med färre än { $n } svar, och inte heller resultat ur vilka en sådan grupp kan räknas fram genom subtraktion.
hidden_measure = dolt eftersom det finns för få svar här eller i en grupp bredvid
hidden_group = { $unit } ({ $period }): { $reason }
withheld_questions = { $count ->
    [one] { $count } fråga
   *[other] { $count } frågor
}
withheld_note = { $unit } ({ $period }): { $measures } visas inte eftersom det finns för få svar här eller i en grupp bredvid.
list_and = { $first } och { $last }
hidden_here = Dolt på den här sidan
unit_hidden_title = Medarbetarresultaten är dolda
not_shown_hidden = Resultaten är dolda av anonymitetsskäl
teams_shown = Visade team
teams_hidden = Team dolda av anonymitetsskäl

## Verdicts
vs_rest_clear = { $difference } jämfört med resten av organisationen · tydlig skillnad (större än slumpvariationen)
vs_rest_within_noise = { $difference } jämfört med resten av organisationen · skillnaden ryms inom slumpvariationen
vs_previous_clear = jämfört med { $period } · tydlig förändring (större än slumpvariationen)
vs_previous_within_noise = jämfört med { $period } · inom slumpvariationen

## Charts
interval = 95 % konfidensintervall
interval_low = Nedre gräns (95 %)
interval_high = Övre gräns (95 %)
chart_scatter = EX- och CX-index per enhet
chart_mirror = Faktorerna enligt medarbetarna och kunderna
chart_trend_index = EX- och CX-index över tid
chart_trend_net = eNPS och NPS över tid
chart_likert = Svar per fråga
chart_net = Promotorer, passiva och kritiker
chart_heatmap = Enheter × faktorer (medarbetarna)
chart_lag = Samband efter fördröjning
chart_response = Svarsfrekvens per enhet
heatmap_desc = { $units ->
    [one] { $units } enhet
   *[other] { $units } enheter
} × { $factors ->
    [one] { $factors } faktor
   *[other] { $factors } faktorer
}; { $hidden ->
    [0] ingen är dold
    [one] { $hidden } dold av anonymitetsskäl
   *[other] { $hidden } dolda av anonymitetsskäl
}.
largest_gap_sentence = { $unit }: största skillnaden gäller { $factor }, { $points } poäng (medarbetarna − kunderna).
not_enough_data = för lite data
index_axis = index, % positiva
fitted_line = anpassad linje
likert_desc = Mest positiv: ”{ $best }” ({ $best_share }); minst positiv: ”{ $worst }” ({ $worst_share }).
lowest = lägst
direction = Riktning och fördröjning

## Linkage
linkage_caveat = Korrelation är inte orsakssamband: enheterna skiljer sig åt på många sätt samtidigt.
key_drivers = Viktiga faktorer för kundupplevelsen
ex_side_vs_cx_side = Medarbetarnas och kundernas bedömning per enhet
ex_side_vs_cx_index = Medarbetarnas bedömning och CX-index (placering)
drivers_note = Korrelationen mellan medarbetarnas bedömning av varje faktor och CX-index, beräknad mellan team, starkast först. Faktorer vars konfidensintervall (95 %) överlappar delar placering (=1): deras inbördes ordning kan vara slump. Rangordningen gäller samband, inte orsaker.
correlation_text = r = { $r } (95 % konfidensintervall { $low }–{ $high }, { $p }), { $teams } team
correlation_text_no_interval = r = { $r } ({ $p }), { $teams } team
linkage_positive = Team med bättre medarbetarupplevelse har den här perioden i regel också bättre kundupplevelse: { $correlation }.
linkage_negative = Team med bättre medarbetarupplevelse har den här perioden i regel sämre kundupplevelse: { $correlation }.
linkage_unclear = Den här perioden finns inget tydligt samband mellan teamens medarbetar- och kundupplevelse: { $correlation }.
linkage_too_few = { $teams ->
    [one] Bara ett team har
   *[other] Bara { $teams } team har
} resultat från båda enkäterna den här perioden. Ett samband mellan team bedöms först när det finns minst { $minimum } team, så ingen korrelation anges.
linkage_unit_of_analysis = Varje team är en punkt, oavsett storlek: frågan är om team som skiljer sig i medarbetarupplevelse också skiljer sig i kundupplevelse.
spearman_text = Spearmans ρ = { $rho } ({ $p }).
key_driver_text = Viktigaste faktorn för kundupplevelsen: { $factor } (r = { $r }).
key_driver_none = Ingen enskild faktor framstår som den viktigaste för kundupplevelsen: intervallen för de starkaste faktorerna överlappar.
driver_rank_text = { $rank } · r = { $r }
lag_row_same = Medarbetare och kunder samma period, { $pairs ->
    [one] värdet för en period
   *[other] medelvärde av { $pairs } perioder
}
lag_row_excx = Först medarbetarna, kunderna { $k } { $k ->
    [one] period
   *[other] perioder
} senare, { $pairs ->
    [one] ett periodpar
   *[other] medelvärde av { $pairs } periodpar
}
lag_row_cxex = Först kunderna, medarbetarna { $k } { $k ->
    [one] period
   *[other] perioder
} senare, { $pairs ->
    [one] ett periodpar
   *[other] medelvärde av { $pairs } periodpar
}
lag_sentence = { $row }: r = { $r } (95 % konfidensintervall { $low }–{ $high }, genom omsampling av team), { $teams } team.
lag_sentence_no_interval = { $row }: r = { $r }, { $teams } team.
lag_method_note = Varje rad är medelvärdet av korrelationen mellan team över alla periodpar med samma avstånd. Intervallet tas fram genom att hela team omsamplas, eftersom samma team finns med i varje par. Raden för samma period är ett medelvärde över alla perioder, inte den här periodens r.
linkage_r = Korrelation mellan medarbetar- och kundupplevelse, beräknad mellan team
linkage_interval = Konfidensintervall (95 %) för korrelationen mellan medarbetar- och kundupplevelse
too_few_teams = för få team
teams_column = team

## Metodsidan: hur rapporten läses (för chefer; utvecklarnas dokument är docs/method.md)
method_title = Så läser du rapporten
method_lead = Den här sidan förklarar vad siffrorna i rapporten betyder, hur mycket man kan lita på dem och vad som inte visas för att skydda dem som svarat.
method_numbers_heading = Vad siffrorna betyder
method_ex_index = EX-index (0–100) är andelen positiva svar på medarbetarenkätens frågor, som ett medelvärde över frågorna så att varje fråga väger lika mycket. 75 betyder att tre av fyra svar på en genomsnittlig fråga var positiva. CX-index räknas på samma sätt ur kundenkäten.
method_factor_score = En faktors resultat är samma medelvärde över faktorns frågor, antingen medarbetarnas eller kundernas svar.
method_scales_heading = Svarsskalor
method_scale = { $has_neutral ->
    [yes] Skala 1–{ $points }: { $favourable } positiva, { $neutral } neutrala, { $unfavourable } negativa.
   *[no] Skala 1–{ $points }: { $favourable } positiva, { $unfavourable } negativa.
}
method_factors = { $count ->
    [one] Rapporten omfattar en faktor: { $names }. Både medarbetarna och kunderna får frågor om den.
   *[other] Rapporten omfattar { $count } faktorer: { $names }. Både medarbetarna och kunderna får frågor om var och en.
}
method_net = eNPS och NPS bygger på frågan ”hur sannolikt är det att du skulle rekommendera …” (0–10). De som svarar 9–10 är promotorer, 7–8 passiva och 0–6 kritiker. Resultatet är andelen promotorer minus andelen kritiker, från −100 till +100.
method_response_rate = Svarsfrekvensen är andelen av de inbjudna som svarade på medarbetarenkäten.
method_turnover = Personalomsättningen är antalet som slutat under perioden dividerat med periodens genomsnittliga antal anställda. Den anges per period, inte omräknad till år.
method_interval_heading = Så läser du ett konfidensintervall
method_interval = En enkät fångar svaren från dem som råkade svara, den dag de svarade. Konfidensintervallet (95 %) visar var resultatet troligen skulle hamna om enkäten gjordes om. Ett smalt intervall betyder att resultatet är stabilt. Ett brett intervall, som är vanligt i små team, betyder att resultatet lätt kunde vara flera poäng högre eller lägre.
method_verdict_heading = Tydlig förändring eller slumpvariation?
method_verdict = Resultaten rör sig lite från period till period även när inget har förändrats. Varje förändring och varje skillnad mot resten av organisationen testas: ”tydlig förändring (större än slumpvariationen)” betyder att förändringen är för stor för att förklaras av slumpen; ”inom slumpvariationen” betyder att den kan vara slump. ”Inom slumpvariationen” betyder inte att inget har hänt: i ett litet team kan även en stor förändring vara slump. Eftersom rapporten gör hundratals jämförelser är testet skärpt, så att bara en liten del av de tydliga resultaten är falsklarm.
method_linkage_heading = Medarbetar- och kundupplevelse sida vid sida
method_linkage = Rapporten undersöker om team med bättre medarbetarupplevelse också har bättre kundupplevelse. Varje team är en punkt, oavsett storlek. Ett samband bedöms först från { $minimum } team. Ett samband bevisar inte orsak: team skiljer sig åt på många sätt samtidigt.
method_anonymity_heading = Vad som döljs och varför
method_anonymity = Medarbetarresultat för grupper med färre än { $n } svar visas inte, så att ingens svar kan kännas igen.
method_anonymity_subtraction = Resultat ur vilka en sådan grupp kan räknas fram döljs också: om en regions totalresultat visas och bara ett litet team i den är dolt, kunde teamets siffror räknas fram genom att dra av de andra teamens resultat från regionens, så även ett team bredvid döljs. När en grupp är dold döljs också grupperna inom den. Detsamma gäller enskilda frågor, eNPS och personalomsättning när färre har svarat på dem.
method_anonymity_cx = Kundresultat döljs inte, eftersom kunderna inte kan kännas igen ur dem; ett kundresultat med färre än { $low_n } svar markeras med ”få svar”.
method_technical = Tekniska detaljer: formlerna
method_formula_wilson = Konfidensintervall för andelen positiva p̂ av n svar (Wilsonintervall), z = 1,96:
method_formula_net = Konfidensintervall för ett nettotal (justerat Wald, Rocks 2016), med x_prom promotorer och x_det kritiker av n:
method_formula_test = En förändring eller skillnad i andelen positiva testas med z-test för två andelar; nettotal med ett z-test som bygger på deras varianser. En periods p-värden justeras för andelen falska upptäckter (Benjamini–Hochberg), och ett resultat kallas tydligt när det justerade värdet är under 0,05.
method_formula_linkage = Sambandet mellan team är Pearsons korrelation r mellan teamens EX- och CX-index, med ett 95-procentigt konfidensintervall enligt Fishers z-transformation; bredvid ges Spearmans ρ.

## Sidor som fungerar med tusentals enheter
position_heading = Placering i organisationen
position_sentence = { $measure } { $value }: plats { $rank } av { $n } team; { $pct } av teamen ligger lägre.
attention_heading = Team som behöver uppmärksamhet
attention_lowest = Lägst EX-index
attention_drop = Största nedgång i EX-index sedan föregående period
attention_gap = Största skillnad mellan EX- och CX-index
table_filter = Visa bara rader som innehåller
table_sort = Sortera efter den här kolumnen
table_rows_shown = Rader som visas
table_level_note = Listan går ned till den nivå där den har högst { $rows } rader; varje enhets sida visar enheterna under den.
hidden_notes_more = { $count ->
    [one] Under perioden är ytterligare en grupp dold eller har mått som undanhålls; enhetens egen sida förklarar varför.
   *[other] Under perioden är ytterligare { $n } grupper dolda eller har mått som undanhålls; enheternas egna sidor förklarar varför.
}
ranked_more = { $count ->
    [one] Ett team i mitten av rangordningen är utelämnat här; varje teams sida visar dess placering.
   *[other] { $n } team i mitten av rangordningen är utelämnade här; varje teams sida visar dess placering.
}
scatter_level_note = Med { $teams } team är varje punkt en enhet en nivå upp; korrelationen gäller teamen, och varje team finns i tabellerna.
parent_ex_heading = Medarbetarresultat för { $unit }
parent_ex_lead = { $team } ingår i { $unit }. Det här är medarbetarresultaten för hela { $unit }, inte bara för { $team }.

## Öppna svar
comments_heading = Öppna svar
comments_note = Öppna svar visas för grupper med minst { $n } svarande. De delas aldrig upp efter bakgrundsgrupp, och ordningen avslöjar inte vem som svarade när. E-postadresser, telefonnummer och namn har ersatts med […], och mycket långa svar har kortats.
comments_hidden = Öppna svar visas bara för grupper med minst { $n } svarande, och bara där de inte kan skiljas från en mindre grupps svar genom att man jämför sidorna. Den här gruppens svar visas inte för sig: de ingår i svaren för de större grupper som den hör till, när de visas.
comments_hidden_org = Öppna svar visas bara för grupper med minst { $n } svarande vars resultat visas. Den här perioden kan organisationens svar inte visas.
comments_none = Ingen svarade på den här frågan.
comments_count = { $count ->
    [one] Ett svar.
   *[other] { $count } svar.
}
comments_more = { $shown } av { $total } svar visas.

## Charts that read at a glance (issue 10, section 4)
turnover_per_period = { $granularity ->
    [quarter] Personalomsättning per kvartal
    [month] Personalomsättning per månad
    [week] Personalomsättning per vecka
   *[other] Personalomsättning per period
}
scale_band = { $band } ({ $answers })
mean_answer_on_scale = Medelvärde på skalan 1–{ $points }
mean_of_points = { $mean } (skala 1–{ $points })

## Print and the unit's commentary
# The last day of the latest period: what the data runs up to. $date is a formatted date.
data_as_of = Uppgifter per { $date }
unit_commentary = Inlägg om enheten
## Anställningens livscykel och bakgrundsgrupper (src/pages/lifecycle.rs)
lifecycle = Livscykel
lifecycle_heading = Anställningens livscykel
lifecycle_lead = Medarbetarupplevelsen efter anställningstid och bakgrundsgrupp, { $period }. En grupp visas bara när anonymitetsregeln tillåter det i alla tabeller på den här sidan tillsammans.
lifecycle_by_tenure = Medarbetarupplevelse efter anställningstid
lifecycle_not_shown = Resultat efter anställningstid visas inte för den här perioden: för många grupper skulle vara mindre än anonymitetsgränsen.
onboarding_heading = De första månaderna
onboarding_lead = Det är under introduktionen som bilden av arbetet formas. Här står de nyaste medarbetarna bredvid hela organisationen.
onboarding_index = EX-index, { $band }
onboarding_enps = eNPS, { $band }
onboarding_left = Har slutat sedan dess, { $band }
onboarding_compare = hela organisationen { $value }
band_n = { $n ->
    [one] 1 svarande
   *[other] { $n } svarande
}
band_years_under = under { $to } år
band_years_between = { $from }–{ $to } år
band_years_from = { $from } år eller mer
band_years_any = alla anställningstider
band = Grupp
respondents = Svarande
tenure_band = Anställningstid
band_left = Har slutat sedan dess
lifecycle_chart_title = EX-index efter anställningstid
lifecycle_chart_desc = { $unit }: EX-index { $value } i den första gruppen ({ $band }).
bands_merged_note = Närliggande grupper visas tillsammans, så att ingen grupp är mindre än anonymitetsgränsen.
band_not_stated_note = { $n ->
    [one] En svarande lämnade frågan obesvarad och räknas bara i totalerna.
   *[other] { $n } svarande lämnade frågan obesvarad och räknas bara i totalerna.
}
by_background = Medarbetarupplevelse efter bakgrundsgrupp: { $cut }
cut_not_shown = Resultat efter { $cut } visas inte för den här perioden: på varje detaljnivå skulle för många grupper ha färre än { $n } svarande.
lifecycle_units_heading = EX-index efter anställningstid, enhet för enhet
lifecycle_units_note = Endast enheter där varje grupp är tillräckligt stor och vars siffror inte kan räknas fram ur andra enheters visas.

## Named scale points: the words of each answer option (issue 10, section 4)
# The built-in 1–5 agreement scale, as a Swedish survey words it.
likert5_1 = Helt av annan åsikt
likert5_2 = Delvis av annan åsikt
likert5_3 = Varken eller
likert5_4 = Delvis av samma åsikt
likert5_5 = Helt av samma åsikt
# One answer option with its words, the number kept with them by no-break spaces: "4 = Delvis av samma åsikt".
scale_point = { $point } = { $label }
method_scale_labels = Svarsalternativen är { $points }.
mean_answer_on_labelled_scale = Medelvärde på skalan 1–{ $points } ({ $low }, { $high })
