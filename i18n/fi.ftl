# Finnish. Messages are Project Fluent (https://projectfluent.org); `{ $name }` is a value the
# program fills in, and `{ $count -> [one] … *[other] … }` picks the plural form.
# A site may override any message in its own i18n/fi.ftl.

## Navigation and page chrome
overview = Yleiskuva
# The site's periods, named by their kind (quarter, month, week).
periods = { $granularity ->
    [quarter] Neljännekset
    [month] Kuukaudet
    [week] Viikot
   *[other] Kaudet
}
period = { $granularity ->
    [quarter] Neljännes
    [month] Kuukausi
    [week] Viikko
   *[other] Kausi
}
units = Yksiköt
unit = Yksikkö
factors = Tekijät
factor = Tekijä
posts = Katsaukset
tags = Tunnisteet
draft = Luonnos
method = Menetelmä
skip_to_content = Siirry sisältöön
main_navigation = Päävalikko
# The language's own name for itself, in the language switcher.
language_name = suomi
choose_language = Lue raportti suomeksi
language_switcher = Kieli
breadcrumbs = Murupolku
generated_by = Tehty kolikko-ohjelmalla

## Period names as readers say them
period_quarter = Q{ $quarter }/{ $year }
period_month = { $month ->
    [1] tammikuu
    [2] helmikuu
    [3] maaliskuu
    [4] huhtikuu
    [5] toukokuu
    [6] kesäkuu
    [7] heinäkuu
    [8] elokuu
    [9] syyskuu
    [10] lokakuu
    [11] marraskuu
   *[12] joulukuu
} { $year }
period_week = viikko { $week }/{ $year }
period_heading = { $period }
latest_period = { $granularity ->
    [quarter] Viimeisin neljännes
    [month] Viimeisin kuukausi
    [week] Viimeisin viikko
   *[other] Viimeisin kausi
}
all_periods = { $granularity ->
    [quarter] Kaikki neljännekset
    [month] Kaikki kuukaudet
    [week] Kaikki viikot
   *[other] Kaikki kaudet
}
no_previous_period = ei edellistä kautta
change_from_previous = muutos edellisestä kaudesta

## Measures
ex = Henkilöstökokemus
cx = Asiakaskokemus
ex_short = EX
cx_short = CX
ex_index = EX-indeksi
cx_index = CX-indeksi
enps = eNPS
nps = NPS
response_rate = Vastausaste
turnover = Vaihtuvuus
headcount = Henkilöstömäärä
leavers = Lähtijät
supervisor = Esihenkilö
supervisor_line = Esihenkilö: { $name }
organisation = Organisaatio
ex_side = Henkilöstö
cx_side = Asiakkaat
score = Tulos
favourable = Myönteisiä
mean_answer = Vastausten keskiarvo
neutral = Neutraaleja
unfavourable = Kielteisiä
promoters = Suosittelijat
passives = Passiiviset
detractors = Arvostelijat
item = Kysymys
rank = Sija
responses = Vastaukset
invited = Kutsutut
responses_of_invited = vastaukset / kutsutut
# Turnover tile: leavers and the headcount the rate is computed against.
turnover_note = { $leavers ->
    [0] ei lähtijöitä
    [one] { $leavers } lähtijä
   *[other] { $leavers } lähtijää
}, { $average ->
    [yes] keskimääräinen henkilöstö
   *[no] henkilöstö
} { $headcount }
reading_time = Lukuaika { $minutes } min

## Front page and lists
linkage = Onko tiimeillä, joiden henkilöstökokemus on parempi, myös parempi asiakaskokemus?
key_charts = Keskeiset kuviot
latest_commentary = Uusimmat katsaukset
all_posts = Kaikki katsaukset
commentary_for_period = Tämän kauden katsaukset
no_commentary = Ei vielä katsauksia.
feed = Atom-syöte
show_data = Näytä luvut
trends_title = Kehitys: { $factor }
units_ranked = Yksiköt järjestyksessä
units_ranked_title = Yksiköt järjestyksessä: { $factor }, { $period }
sub_units = Alayksiköt
all_units = Kaikki yksiköt
all_factors = Kaikki tekijät
all_tags = Kaikki tunnisteet
tagged_heading = Tunniste: #{ $tag }
factors_lead = { $count ->
    [one] Yksi sisäinen tekijä, jonka asiakkaat huomaavat. Siitä kysytään sekä henkilöstöltä että asiakkailta.
   *[other] { $count } sisäistä tekijää, jotka asiakkaat huomaavat. Kustakin kysytään sekä henkilöstöltä että asiakkailta.
}

## Hidden results (anonymity)
hidden = Piilotettu
# A value inside a sentence of a post ({{ kpi(…) }}): lower case.
kpi_hidden = piilotettu
kpi_no_data = ei tietoja
no_data = Ei tietoja
low_n = vähän vastauksia
hidden_reason = piilotettu, koska tässä vastasi alle { $n } henkilöä tai koska sen näyttäminen paljastaisi viereisen tai alemman tällaisen ryhmän
reported_with = henkilöstön tulokset raportoidaan yhdessä yksikön { $unit } kanssa
cx_below_minimum = alle { $n } asiakasta vastasi
privacy_note = Vastaajien suojaamiseksi henkilöstökyselyn tuloksia ei näytetä ryhmistä, joilla on alle { $n } vastausta, eikä tuloksia, joista tällaisen ryhmän luvut voisi laskea vähentämällä.
hidden_measure = piilotettu, koska vastauksia on liian vähän tässä tai rinnakkaisessa ryhmässä
# One line under "Hidden on this page": a unit, its period and why it is hidden.
hidden_group = { $unit } ({ $period }): { $reason }
withheld_questions = { $count ->
    [one] { $count } kysymys
   *[other] { $count } kysymystä
}
# $measures lists what is withheld ("2 kysymystä ja eNPS"); $count is how many things that is.
withheld_note = { $unit } ({ $period }): tuloksista on jätetty pois { $measures }, koska vastauksia on liian vähän tässä tai rinnakkaisessa ryhmässä.
list_and = { $first } ja { $last }
hidden_here = Piilotettu tällä sivulla
unit_hidden_title = Henkilöstötulokset on piilotettu
not_shown_hidden = Tulokset on piilotettu anonymiteetin vuoksi
teams_shown = Näytetyt tiimit
teams_hidden = Anonymiteetin vuoksi piilotetut tiimit

## Verdicts
vs_rest_clear = { $difference } muuhun organisaatioon verrattuna · selvä ero (satunnaisvaihtelua suurempi)
vs_rest_within_noise = { $difference } muuhun organisaatioon verrattuna · ero satunnaisvaihtelun rajoissa
vs_previous_clear = kauteen { $period } verrattuna · selvä muutos (satunnaisvaihtelua suurempi)
vs_previous_within_noise = kauteen { $period } verrattuna · satunnaisvaihtelun rajoissa

## Charts
interval = 95 %:n luottamusväli
interval_low = 95 %:n alaraja
interval_high = 95 %:n yläraja
chart_scatter = EX- ja CX-indeksi yksiköittäin
chart_mirror = Tekijät henkilöstön ja asiakkaiden arvioimina
chart_trend_index = EX- ja CX-indeksin kehitys
chart_trend_net = eNPS:n ja NPS:n kehitys
chart_likert = Vastaukset kysymyksittäin
chart_net = Suosittelijat, passiiviset ja arvostelijat
chart_heatmap = Yksiköt × tekijät (henkilöstö)
chart_lag = Yhteys viiveen mukaan
chart_response = Vastausaste yksiköittäin
heatmap_desc = { $units ->
    [one] { $units } yksikkö
   *[other] { $units } yksikköä
} × { $factors ->
    [one] { $factors } tekijä
   *[other] { $factors } tekijää
}; { $hidden ->
    [0] yksikään ei ole piilotettu
    [one] { $hidden } anonymiteetin vuoksi piilotettu
   *[other] { $hidden } anonymiteetin vuoksi piilotettua
}.
largest_gap_sentence = { $unit }: suurin ero on tekijässä { $factor }, { $gap ->
    [one] { $points } piste
   *[other] { $points } pistettä
} (henkilöstö − asiakkaat).
not_enough_data = liian vähän tietoa
index_axis = indeksi, % myönteisiä
fitted_line = sovitettu suora
likert_desc = Myönteisin: ”{ $best }” ({ $best_share }); vähiten myönteinen: ”{ $worst }” ({ $worst_share }).
lowest = matalin
direction = Suunta ja viive

## Linkage
linkage_caveat = Korrelaatio ei ole syy-yhteys: yksiköt eroavat toisistaan monella tavalla yhtä aikaa.
key_drivers = Asiakaskokemuksen keskeiset tekijät
ex_side_vs_cx_side = Henkilöstön ja asiakkaiden arviot yksiköittäin
ex_side_vs_cx_index = Henkilöstön arvio ja CX-indeksi (sija)
drivers_note = Kunkin tekijän henkilöstöarvion korrelaatio CX-indeksin kanssa tiimien välillä, vahvin ensin. Tekijät, joiden 95 %:n luottamusvälit menevät päällekkäin, jakavat sijan (=1): niiden järjestys voi olla sattumaa. Järjestys kertoo yhteyksistä, ei syistä.
correlation_text = r = { $r } (95 %:n luottamusväli { $low }–{ $high }, { $p }), { $teams ->
    [one] { $teams } tiimi
   *[other] { $teams } tiimiä
}
correlation_text_no_interval = r = { $r } ({ $p }), { $teams ->
    [one] { $teams } tiimi
   *[other] { $teams } tiimiä
}
linkage_positive = Tiimeillä, joiden henkilöstökokemus on parempi, on tällä kaudella yleensä myös parempi asiakaskokemus: { $correlation }.
linkage_negative = Tiimeillä, joiden henkilöstökokemus on parempi, on tällä kaudella yleensä heikompi asiakaskokemus: { $correlation }.
linkage_unclear = Tiimien henkilöstökokemuksen ja asiakaskokemuksen välillä ei ole tällä kaudella selvää yhteyttä: { $correlation }.
linkage_too_few = { $teams ->
    [one] Vain yhdellä tiimillä
   *[other] Vain { $teams } tiimillä
} on tällä kaudella molempien kyselyjen tulokset näkyvissä. Tiimien välistä yhteyttä arvioidaan vasta { $minimum } tiimistä alkaen, joten korrelaatiota ei anneta.
linkage_unit_of_analysis = Jokainen tiimi on kuviossa yksi piste, kokoon katsomatta: kysymys on siitä, eroavatko tiimit, joiden henkilöstökokemus on erilainen, myös asiakaskokemukseltaan.
spearman_text = Spearmanin ρ = { $rho } ({ $p }).
key_driver_text = Asiakaskokemuksen keskeisin tekijä: { $factor } (r = { $r }).
key_driver_none = Mikään tekijä ei erotu asiakaskokemuksen keskeisimpänä: vahvimpien tekijöiden luottamusvälit menevät päällekkäin.
driver_rank_text = { $rank } · r = { $r }
lag_row_same = Henkilöstö ja asiakkaat samalla kaudella, { $pairs ->
    [one] yksi kausi
   *[other] { $pairs } kauden keskiarvo
}
lag_row_excx = Ensin henkilöstö, asiakkaat { $k } kauden päästä, { $pairs ->
    [one] yksi kausipari
   *[other] { $pairs } kausiparin keskiarvo
}
lag_row_cxex = Ensin asiakkaat, henkilöstö { $k } kauden päästä, { $pairs ->
    [one] yksi kausipari
   *[other] { $pairs } kausiparin keskiarvo
}
lag_sentence = { $row }: r = { $r } (95 %:n luottamusväli tiimien uudelleenotannalla { $low }–{ $high }), { $teams ->
    [one] { $teams } tiimi
   *[other] { $teams } tiimiä
}.
lag_sentence_no_interval = { $row }: r = { $r }, { $teams ->
    [one] { $teams } tiimi
   *[other] { $teams } tiimiä
}.
lag_method_note = Kukin rivi on tiimien välisen korrelaation keskiarvo kaikista kausipareista, joiden väli on sama. Luottamusväli lasketaan poimimalla tiimejä uudelleen kokonaisina (uudelleenotanta), koska samat tiimit ovat mukana jokaisessa parissa. Saman kauden rivi on kaikkien kausien keskiarvo, ei tämän kauden r.
linkage_r = Henkilöstö- ja asiakaskokemuksen korrelaatio tiimien välillä
linkage_interval = Henkilöstö- ja asiakaskokemuksen korrelaation 95 %:n luottamusväli
too_few_teams = liian vähän tiimejä
teams_column = tiimejä

## Menetelmäsivu: miten raporttia luetaan (esihenkilöille; kehittäjien dokumentti on docs/method.md)
method_title = Miten raporttia luetaan
method_lead = Tällä sivulla kerrotaan, mitä raportin luvut tarkoittavat, kuinka paljon niiden varaan voi laskea ja mitä jätetään näyttämättä vastaajien suojaamiseksi.
method_numbers_heading = Mitä luvut tarkoittavat
method_ex_index = EX-indeksi (0–100) kertoo, kuinka suuri osa henkilöstökyselyn vastauksista on myönteisiä. Se on kysymysten keskiarvo, joten jokainen kysymys painaa yhtä paljon. 75 tarkoittaa, että keskimääräisessä kysymyksessä kolme neljästä vastauksesta oli myönteisiä. CX-indeksi lasketaan samoin asiakaskyselystä.
method_factor_score = Tekijän tulos on sama keskiarvo yhden tekijän kysymyksistä, joko henkilöstön tai asiakkaiden vastauksista.
method_scales_heading = Vastausasteikot
method_scale = { $has_neutral ->
    [yes] Asteikko 1–{ $points }: { $favourable } myönteisiä, { $neutral } neutraaleja, { $unfavourable } kielteisiä.
   *[no] Asteikko 1–{ $points }: { $favourable } myönteisiä, { $unfavourable } kielteisiä.
}
method_factors = { $count ->
    [one] Raportissa tarkastellaan yhtä tekijää: { $names }. Siitä kysytään sekä henkilöstöltä että asiakkailta.
   *[other] Raportissa tarkastellaan { $count } tekijää: { $names }. Kustakin kysytään sekä henkilöstöltä että asiakkailta.
}
method_net = eNPS ja NPS perustuvat kysymykseen ”kuinka todennäköisesti suosittelisit …” (0–10). Vastaajat, jotka valitsevat 9 tai 10, ovat suosittelijoita, 7 tai 8 passiivisia ja 0–6 arvostelijoita. Tulos on suosittelijoiden osuus miinus arvostelijoiden osuus, −100:sta +100:aan.
method_response_rate = Vastausaste on henkilöstökyselyyn vastanneiden osuus kutsutuista.
method_turnover = Vaihtuvuus on kauden aikana lähteneiden määrä jaettuna kauden keskimääräisellä henkilöstömäärällä. Se ilmoitetaan kausittain, ei vuositasolle muunnettuna.
method_interval_heading = Miten luottamusväliä luetaan
method_interval = Kysely tavoittaa ne, jotka sattuivat vastaamaan, ja sen, mitä he ajattelivat vastauspäivänä. 95 %:n luottamusväli näyttää, mihin tulos todennäköisesti osuisi, jos kysely toistettaisiin. Kapea väli tarkoittaa, että tulos on vakaa. Leveä väli, joka on tavallinen pienissä tiimeissä, tarkoittaa, että tulos voisi helposti olla useita pisteitä korkeampi tai matalampi.
method_verdict_heading = Selvä muutos vai satunnaisvaihtelua?
method_verdict = Tulokset vaihtelevat hieman kaudesta toiseen, vaikka mikään ei olisi muuttunut. Jokainen muutos ja jokainen ero muuhun organisaatioon testataan: ”selvä muutos (satunnaisvaihtelua suurempi)” tarkoittaa, että muutos on liian suuri selittyäkseen sattumalla; ”satunnaisvaihtelun rajoissa” tarkoittaa, että se voi olla sattumaa. ”Satunnaisvaihtelun rajoissa” ei tarkoita, ettei mikään olisi muuttunut: pienessä tiimissä suurikin muutos voi olla sattumaa. Koska raportissa tehdään satoja vertailuja, testiä on tiukennettu niin, että selvistä tuloksista vain pieni osa on vääriä hälytyksiä.
method_linkage_heading = Henkilöstö- ja asiakaskokemus rinnakkain
method_linkage = Raportti tarkastelee, onko tiimeillä, joiden henkilöstökokemus on parempi, myös parempi asiakaskokemus. Jokainen tiimi on yksi piste kokoon katsomatta. Yhteyttä arvioidaan vasta { $minimum } tiimistä alkaen. Yhteys ei todista syy-seuraussuhdetta: tiimit eroavat toisistaan monella tavalla yhtä aikaa.
method_anonymity_heading = Mitä piilotetaan ja miksi
method_anonymity = Henkilöstökyselyn tuloksia ei näytetä ryhmistä, joilla on alle { $n } vastausta, jotta kenenkään vastauksia ei voi tunnistaa.
method_anonymity_subtraction = Myös tulokset, joista tällaisen ryhmän luvut voisi laskea, piilotetaan: jos alueen kokonaistulos näkyy ja vain yksi sen pienistä tiimeistä on piilotettu, tiimin luvut voisi laskea vähentämällä muut tiimit alueesta, joten myös sen viereinen tiimi piilotetaan. Kun ryhmä on piilotettu, myös sen sisällä olevat ryhmät piilotetaan. Sama koskee yksittäisiä kysymyksiä, eNPS:ää ja vaihtuvuutta, jos niiden luvut perustuvat pienempään joukkoon.
method_anonymity_cx = Asiakastuloksia ei piiloteta, koska asiakkaita ei voi tunnistaa niistä; jos asiakastulos perustuu alle { $low_n } vastaukseen, sen kohdalla lukee ”vähän vastauksia”.
method_technical = Tekniset tiedot: kaavat
method_formula_wilson = Myönteisten osuuden p̂ luottamusväli n vastauksesta (Wilsonin väli), z = 1,96:
method_formula_net = Suositteluindeksin luottamusväli (korjattu Wald, Rocks 2016), kun n vastauksesta x_prom on suosittelijoita ja x_det arvostelijoita:
method_formula_test = Myönteisten osuuden muutos tai ero testataan kahden osuuden z-testillä, suositteluindeksit z-testillä niiden variansseista. Yhden kauden p-arvot korjataan väärien löydösten osuuden (Benjamini–Hochberg) mukaan, ja tulos on selvä, kun korjattu arvo on alle 0,05.
method_formula_linkage = Tiimien välinen yhteys on tiimien EX- ja CX-indeksien Pearsonin korrelaatio r, jonka 95 %:n luottamusväli lasketaan Fisherin z-muunnoksella; rinnalla on Spearmanin ρ.

## Sivut, jotka toimivat tuhansilla yksiköillä
position_heading = Sijoitus organisaatiossa
position_sentence = { $measure } { $value }: sija { $rank }/{ $n }; { $pct } tiimeistä jää tämän alle.
attention_heading = Huomiota tarvitsevat tiimit
attention_lowest = Matalin EX-indeksi
attention_drop = Suurin EX-indeksin lasku edellisestä kaudesta
attention_gap = Suurin ero EX- ja CX-indeksin välillä
table_filter = Näytä vain rivit, joissa on
table_sort = Lajittele tämän sarakkeen mukaan
table_rows_shown = Rivejä näkyvissä
table_level_note = Luettelossa on yksiköt sille tasolle asti, jolla rivejä on enintään { $rows }; kunkin yksikön sivulla on sen alayksiköt.
hidden_notes_more = { $count ->
    [one] Tällä kaudella yksi muu ryhmä on piilotettu tai siltä on jätetty mittareita pois; syy kerrotaan yksikön omalla sivulla.
   *[other] Tällä kaudella { $n } muuta ryhmää on piilotettu tai niiltä on jätetty mittareita pois; syy kerrotaan yksiköiden omilla sivuilla.
}
ranked_more = { $count ->
    [one] Sijoituksen keskeltä yksi tiimi on jätetty tästä pois; kunkin tiimin sivulla näkyy sen sija.
   *[other] Sijoituksen keskeltä { $n } tiimiä on jätetty tästä pois; kunkin tiimin sivulla näkyy sen sija.
}
scatter_level_note = Tiimejä on { $teams }, joten kukin piste on ylemmän tason yksikkö; korrelaatio on laskettu tiimeistä, ja jokainen tiimi on taulukoissa.
parent_ex_heading = Yksikön { $unit } henkilöstötulokset
parent_ex_lead = { $team } kuuluu yksikköön { $unit }. Nämä ovat koko yksikön { $unit } henkilöstötulokset, eivät yksikön { $team } omat.

## Avoimet vastaukset
comments_heading = Avoimet vastaukset
comments_note = Avoimet vastaukset näytetään ryhmille, joissa on vähintään { $n } vastaajaa. Niitä ei koskaan eritellä taustaryhmittäin, eikä niiden järjestyksestä voi päätellä, kuka vastasi milloinkin. Sähköpostiosoitteet, puhelinnumerot ja nimet on korvattu merkinnällä […], ja hyvin pitkiä vastauksia on lyhennetty.
comments_hidden = Avoimet vastaukset näytetään vain ryhmille, joissa on vähintään { $n } vastaajaa, ja vain silloin, kun niitä ei voi sivuja vertaamalla erottaa pienemmän ryhmän vastauksista. Tämän ryhmän vastauksia ei näytetä erikseen: ne ovat mukana niiden laajempien ryhmien vastauksissa, joihin ryhmä kuuluu, silloin kun ne näytetään.
comments_hidden_org = Avoimet vastaukset näytetään vain ryhmille, joissa on vähintään { $n } vastaajaa ja joiden tulokset näytetään. Tällä kaudella koko organisaation vastauksia ei voida näyttää.
comments_none = Kukaan ei vastannut tähän kysymykseen.
comments_count = { $count ->
    [one] Yksi vastaus.
   *[other] { $count } vastausta.
}
comments_more = { $total } vastauksesta näytetään { $shown }.

## Charts that read at a glance (issue 10, section 4)
turnover_per_period = { $granularity ->
    [quarter] Vaihtuvuus neljänneksen aikana
    [month] Vaihtuvuus kuukauden aikana
    [week] Vaihtuvuus viikon aikana
   *[other] Vaihtuvuus kauden aikana
}
scale_band = { $band } ({ $answers })
mean_answer_on_scale = Keskiarvo asteikolla 1–{ $points }
mean_of_points = { $mean } (asteikko 1–{ $points })

## Print and the unit's commentary
# The last day of the latest period: what the data runs up to. $date is a formatted date.
data_as_of = Tiedot { $date } tilanteen mukaan
unit_commentary = Katsaukset tästä yksiköstä
## Työsuhteen elinkaari ja taustaryhmät (src/pages/lifecycle.rs)
lifecycle = Elinkaari
lifecycle_heading = Työsuhteen elinkaari
lifecycle_lead = Henkilöstökokemus työsuhteen keston ja taustaryhmien mukaan, { $period }. Ryhmä näytetään vain, kun anonymiteettisääntö sallii sen kaikissa tämän sivun taulukoissa yhdessä.
lifecycle_by_tenure = Henkilöstökokemus työsuhteen keston mukaan
lifecycle_not_shown = Tuloksia työsuhteen keston mukaan ei näytetä tältä kaudelta: liian moni ryhmä jäisi anonymiteettirajaa pienemmäksi.
onboarding_heading = Ensimmäiset kuukaudet
onboarding_lead = Perehdytyksessä syntyy käsitys siitä, millaista työ täällä on. Tässä uusimmat työntekijät rinnakkain koko organisaation kanssa.
onboarding_index = EX-indeksi, { $band }
onboarding_enps = eNPS, { $band }
onboarding_left = Sittemmin lähteneet, { $band }
onboarding_compare = koko organisaatio { $value }
band_n = { $n ->
    [one] 1 vastaaja
   *[other] { $n } vastaajaa
}
band_years_under = alle { $to } v
band_years_between = { $from }–{ $to } v
band_years_from = vähintään { $from } v
band_years_any = kaikki työsuhteen kestot
band = Ryhmä
respondents = Vastaajat
tenure_band = Työsuhteen kesto
band_left = Sittemmin lähteneet
lifecycle_chart_title = EX-indeksi työsuhteen keston mukaan
lifecycle_chart_desc = { $unit }: EX-indeksi { $value } ensimmäisessä ryhmässä ({ $band }).
bands_merged_note = Vierekkäiset ryhmät näytetään yhdessä, jotta mikään ryhmä ei jää anonymiteettirajaa pienemmäksi.
band_not_stated_note = { $n ->
    [one] Yksi vastaaja jätti kohdan tyhjäksi; hänet on laskettu vain kokonaismääriin.
   *[other] { $n } vastaajaa jätti kohdan tyhjäksi; heidät on laskettu vain kokonaismääriin.
}
by_background = Henkilöstökokemus taustaryhmittäin: { $cut }
cut_not_shown = Tuloksia ryhmittelyllä { $cut } ei näytetä tältä kaudelta: millä tahansa tarkkuudella liian moni ryhmä jäisi alle { $n } vastaajan.
lifecycle_units_heading = EX-indeksi työsuhteen keston mukaan yksiköittäin
lifecycle_units_note = Mukana ovat vain yksiköt, joiden jokainen ryhmä on riittävän suuri ja joiden lukuja ei voi päätellä muiden yksiköiden luvuista.

## Named scale points: the words of each answer option (issue 10, section 4)
# The built-in 1–5 agreement scale, as a Finnish survey words it.
likert5_1 = Täysin eri mieltä
likert5_2 = Jokseenkin eri mieltä
likert5_3 = Ei samaa eikä eri mieltä
likert5_4 = Jokseenkin samaa mieltä
likert5_5 = Täysin samaa mieltä
# One answer option with its words, the number kept with them by no-break spaces: "4 = Jokseenkin samaa mieltä".
scale_point = { $point } = { $label }
method_scale_labels = Vastausvaihtoehdot ovat { $points }.
mean_answer_on_labelled_scale = Keskiarvo asteikolla 1–{ $points } ({ $low }, { $high })
