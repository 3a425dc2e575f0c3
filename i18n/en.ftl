# English. Messages are Project Fluent (https://projectfluent.org); `{ $name }` is a value the
# program fills in, and `{ $count -> [one] … *[other] … }` picks the plural form.
# A site may override any message in its own i18n/en.ftl.

## Navigation and page chrome
overview = Overview
periods = { $granularity ->
    [quarter] Quarters
    [month] Months
    [week] Weeks
   *[other] Periods
}
period = { $granularity ->
    [quarter] Quarter
    [month] Month
    [week] Week
   *[other] Period
}
units = Units
unit = Unit
factors = Factors
factor = Factor
posts = Commentary
tags = Tags
draft = Draft
method = Method
skip_to_content = Skip to content
main_navigation = Main navigation
# The language's own name for itself, in the language switcher.
language_name = English
choose_language = Read the report in English
language_switcher = Language
breadcrumbs = Breadcrumbs
generated_by = Made with kolikko

## Period names as readers say them
period_quarter = Q{ $quarter } { $year }
period_month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
period_week = week { $week }, { $year }
period_heading = { $period }
latest_period = { $granularity ->
    [quarter] Latest quarter
    [month] Latest month
    [week] Latest week
   *[other] Latest period
}
all_periods = { $granularity ->
    [quarter] All quarters
    [month] All months
    [week] All weeks
   *[other] All periods
}
no_previous_period = no previous period
change_from_previous = change from the previous period

## Measures
ex = Employee experience
cx = Customer experience
ex_short = EX
cx_short = CX
ex_index = EX index
cx_index = CX index
enps = eNPS
nps = NPS
response_rate = Response rate
turnover = Turnover
headcount = Headcount
leavers = Leavers
supervisor = Supervisor
supervisor_line = Supervisor: { $name }
organisation = Organisation
ex_side = Employees
cx_side = Customers
score = Score
favourable = Favourable
mean_answer = Mean answer
neutral = Neutral
unfavourable = Unfavourable
promoters = Promoters
passives = Passives
detractors = Detractors
item = Question
rank = Rank
responses = Responses
invited = Invited
responses_of_invited = responses / invited
turnover_note = { $leavers ->
    [0] no leavers
    [one] { $leavers } leaver
   *[other] { $leavers } leavers
}, { $average ->
    [yes] average headcount
   *[no] headcount
} { $headcount }
reading_time = { $minutes } min read

## Front page and lists
linkage = Do teams with better employee experience have better customer experience?
key_charts = Key charts
latest_commentary = Latest commentary
all_posts = All commentary
commentary_for_period = Commentary on this period
no_commentary = No commentary yet.
feed = Atom feed
show_data = Show the numbers
trends_title = Trends: { $factor }
units_ranked = Units ranked
units_ranked_title = Units ranked: { $factor }, { $period }
sub_units = Sub-units
all_units = All units
all_factors = All factors
all_tags = All tags
tagged_heading = Tagged: #{ $tag }
factors_lead = { $count ->
    [one] One internal factor that customers feel, asked both of employees and of customers.
   *[other] { $count } internal factors that customers feel, each asked both of employees and of customers.
}

## Hidden results (anonymity)
hidden = Hidden
# A value inside a sentence of a post ({{ kpi(…) }}): lower case.
kpi_hidden = hidden
kpi_no_data = no data
no_data = No data
low_n = low n
hidden_reason = hidden because fewer than { $n } people answered here, or because showing it would let such a group beside it or below it be worked out
reported_with = employee results are reported with { $unit }
cx_below_minimum = fewer than { $n } customers answered
privacy_note = To protect respondents, employee results of groups with fewer than { $n } responses are not shown, and neither are results from which such a group could be worked out by subtraction.
hidden_measure = hidden because there are too few answers here or in a group beside it
hidden_group = { $unit } ({ $period }): { $reason }
withheld_questions = { $count ->
    [one] { $count } question
   *[other] { $count } questions
}
withheld_note = { $unit } ({ $period }): { $measures } { $count ->
    [one] is
   *[other] are
} hidden because there are too few answers here or in a group beside it.
list_and = { $first } and { $last }
hidden_here = Hidden on this page
unit_hidden_title = Employee results are hidden
not_shown_hidden = Results hidden for anonymity
teams_shown = Teams shown
teams_hidden = Teams hidden for anonymity

## Verdicts
vs_rest_clear = { $difference } vs the rest of the organisation · a clear difference (larger than chance variation)
vs_rest_within_noise = { $difference } vs the rest of the organisation · within chance variation
vs_previous_clear = change from { $period } · a clear change (larger than chance variation)
vs_previous_within_noise = change from { $period } · within chance variation

## Charts
interval = 95% interval
interval_low = 95% low
interval_high = 95% high
chart_scatter = EX index and CX index by unit
chart_mirror = The factors as employees and customers rate them
chart_trend_index = EX and CX index over time
chart_trend_net = eNPS and NPS over time
chart_likert = Answers by question
chart_net = Promoters, passives and detractors
chart_heatmap = Units × factors (employees)
chart_lag = Linkage by lag
chart_response = Response rate by unit
heatmap_desc = { $units ->
    [one] { $units } unit
   *[other] { $units } units
} × { $factors ->
    [one] { $factors } factor
   *[other] { $factors } factors
}; { $hidden ->
    [0] none hidden
   *[other] { $hidden } hidden for anonymity
}.
largest_gap_sentence = { $unit }: largest gap in { $factor }, { $gap ->
    [one] { $points } point
   *[other] { $points } points
} (employees − customers).
not_enough_data = not enough data
index_axis = index, % favourable
fitted_line = fitted line
likert_desc = Most favourable: “{ $best }” ({ $best_share }); least favourable: “{ $worst }” ({ $worst_share }).
lowest = lowest
direction = Direction and lag

## Linkage
linkage_caveat = Correlation is not causation: units differ in many ways at once.
key_drivers = Key drivers of customer experience
ex_side_vs_cx_side = Employees' and customers' ratings across units
ex_side_vs_cx_index = Employees' rating vs CX index (driver rank)
drivers_note = Each factor's rating by employees correlated with the CX index across teams, strongest first. Factors whose 95% intervals overlap share a rank (=1): their order could be chance. A ranking of associations, not of causes.
correlation_text = r = { $r } (95% interval { $low }–{ $high }, { $p }), { $teams ->
    [one] { $teams } team
   *[other] { $teams } teams
}
correlation_text_no_interval = r = { $r } ({ $p }), { $teams ->
    [one] { $teams } team
   *[other] { $teams } teams
}
linkage_positive = Teams with better employee experience tend to have better customer experience this period: { $correlation }.
linkage_negative = Teams with better employee experience tend to have worse customer experience this period: { $correlation }.
linkage_unclear = No clear association between employee and customer experience across teams this period: { $correlation }.
linkage_too_few = Only { $teams ->
    [one] one team has
   *[other] { $teams } teams have
} both surveys shown this period; a link across teams is read from { $minimum } teams on, so no correlation is given.
linkage_unit_of_analysis = One point per team in this period, unweighted: the question is whether teams that differ in employee experience also differ in customer experience, and a large team is still one team.
spearman_text = Spearman ρ = { $rho } ({ $p }).
key_driver_text = Key driver of customer experience: { $factor } (r = { $r }).
key_driver_none = No single factor stands out as the key driver of customer experience: the intervals of the strongest factors overlap.
driver_rank_text = { $rank } · r = { $r }
lag_row_same = Employees and customers in the same period, { $pairs ->
    [one] one period
   *[other] mean of { $pairs } periods
}
lag_row_excx = Employees first, customers { $k } { $k ->
    [one] period
   *[other] periods
} later, { $pairs ->
    [one] one period pair
   *[other] mean of { $pairs } period pairs
}
lag_row_cxex = Customers first, employees { $k } { $k ->
    [one] period
   *[other] periods
} later, { $pairs ->
    [one] one period pair
   *[other] mean of { $pairs } period pairs
}
lag_sentence = { $row }: r = { $r } (95% team-bootstrap interval { $low }–{ $high }), { $teams ->
    [one] { $teams } team
   *[other] { $teams } teams
}.
lag_sentence_no_interval = { $row }: r = { $r }, { $teams ->
    [one] { $teams } team
   *[other] { $teams } teams
}.
lag_method_note = Each row averages the correlation across teams over every pair of periods that far apart; its interval resamples whole teams, because the same teams appear in every pair. The same-period row is an average over all periods, not this period's r.
linkage_r = EX–CX correlation across teams
linkage_interval = 95% interval of the EX–CX correlation
too_few_teams = too few teams
teams_column = teams

## Method page: how to read the report (for supervisors; the developer document is docs/method.md)
method_title = How to read this report
method_lead = This page explains what the numbers in the report mean, how much weight they can bear and what is left out to protect the people who answered.
method_numbers_heading = What the numbers mean
method_ex_index = The EX index (0–100) is the share of favourable answers to the employee survey's questions, averaged over the questions so that each question counts the same. 75 means that, on an average question, three in four answers were favourable. The CX index is the same for the customer survey.
method_factor_score = A factor score is the same average over one factor's questions, on the employee side or the customer side.
method_scales_heading = Answer scales
method_scale = { $has_neutral ->
    [yes] Scale 1–{ $points }: { $favourable } favourable, { $neutral } neutral, { $unfavourable } unfavourable.
   *[no] Scale 1–{ $points }: { $favourable } favourable, { $unfavourable } unfavourable.
}
method_factors = { $count ->
    [one] The report looks at one factor: { $names }. It is asked both of employees and of customers.
   *[other] The report looks at { $count } factors: { $names }. Each is asked both of employees and of customers.
}
method_net = eNPS and NPS come from the question "how likely would you recommend …" (0–10). Those who answer 9–10 are promoters, 7–8 passives and 0–6 detractors. The score is the share of promoters minus the share of detractors, from −100 to +100.
method_response_rate = The response rate is the share of those invited who answered the employee survey.
method_turnover = Turnover is the number of people who left during the period divided by the average headcount of the period. It is given per period, not as a yearly rate.
method_interval_heading = How to read an interval
method_interval = A survey catches the answers of the people who happened to answer, on the day they answered. The 95% interval shows the range within which the result would most likely fall if the survey were repeated. A narrow interval means the result is firm; a wide one, typical of small teams, means it could easily be several points higher or lower.
method_verdict_heading = A clear change or chance variation?
method_verdict = Results move a little from one period to the next even when nothing has changed. Each change and each difference from the rest of the organisation is tested: "a clear change (larger than chance variation)" means the change is too large to be explained by chance; "within chance variation" means it could be chance. "Within chance variation" does not mean nothing changed: in a small team even a large change can be chance. Because the report makes hundreds of comparisons, the test is made stricter so that only a small share of the clear results are false alarms.
method_linkage_heading = Employee and customer experience side by side
method_linkage = The report asks whether teams with a better employee experience also have a better customer experience. Each team is one point, whatever its size. A link is only read from { $minimum } teams on. A link is not proof of cause: teams differ in many ways at once.
method_anonymity_heading = What is hidden, and why
method_anonymity = Employee results of a group with fewer than { $n } answers are not shown, so that no one's answers can be recognised.
method_anonymity_subtraction = Results from which such a group could be worked out are hidden too: if a region's total is shown and one small team in it is hidden, that team's numbers could be worked out by subtracting the other teams from the region, so a team beside it is hidden too. When a group is hidden, the groups inside it are hidden as well. The same applies to single questions, eNPS and turnover when fewer people answered them.
method_anonymity_cx = Customer results are not hidden, because customers are not identifiable from them; a customer result from fewer than { $low_n } answers is marked "low n".
method_technical = Technical details: the formulas
method_formula_wilson = Interval of a favourable share p̂ of n answers (Wilson score interval), z = 1.96:
method_formula_net = Net score interval (adjusted Wald, Rocks 2016), with x_prom promoters and x_det detractors of n:
method_formula_test = A change or difference in a favourable share is tested with the two-proportion z-test; net scores with a z-test on their variances. The p-values of one period are adjusted for the false discovery rate (Benjamini–Hochberg), and a result is called clear when the adjusted value is below 0.05.
method_formula_linkage = The link across teams is Pearson's correlation r of the teams' EX and CX indices, with a 95% interval from Fisher's z-transformation; Spearman's ρ is given beside it.

## Pages that scale to thousands of units
position_heading = Position in the organisation
position_sentence = { $measure } { $value }: rank { $rank } of { $n } teams; { $pct } of the teams are lower.
attention_heading = Teams that need attention
attention_lowest = Lowest EX index
attention_drop = Largest drop in EX index since the previous period
attention_gap = Largest gap between EX and CX index
table_filter = Show only rows containing
table_sort = Sort by this column
table_rows_shown = Rows shown
table_level_note = The list goes down to the level that keeps it at { $rows } rows or fewer; each unit's page lists the units below it.
hidden_notes_more = { $count ->
    [one] In this period one more group is hidden or has measures withheld; its unit's page says why.
   *[other] In this period { $n } more groups are hidden or have measures withheld; their own units' pages say why.
}
ranked_more = { $count ->
    [one] One team in the middle of the ranking is left out here; each team's page shows its rank.
   *[other] { $n } teams in the middle of the ranking are left out here; each team's page shows its rank.
}
scatter_level_note = With { $teams } teams, each point is a unit one level up; the correlation is over the teams, and every team is in the tables.
parent_ex_heading = Employee results of { $unit }
parent_ex_lead = { $team } is part of { $unit }. These are the employee results of all of { $unit }, not of { $team } alone.

## Open-text comments
comments_heading = Open comments
comments_note = Comments are shown for groups of at least { $n } respondents, never by background group, and in an order that says nothing about who answered when. E-mail addresses, phone numbers and names are replaced with […], and very long comments are shortened.
comments_hidden = Comments are shown only for groups of at least { $n } respondents, and only where they cannot be told apart from a smaller group's comments by comparing pages. This group's comments are not shown on their own: they are part of the comments of the larger groups it belongs to, where those are shown.
comments_hidden_org = Comments are shown only for groups of at least { $n } respondents whose results are shown; in this period the organisation's comments cannot be shown.
comments_none = Nobody answered this question.
comments_count = { $count ->
    [one] One comment.
   *[other] { $count } comments.
}
comments_more = { $shown } of the { $total } comments are shown.

## Charts that read at a glance (issue 10, section 4)
turnover_per_period = { $granularity ->
    [quarter] Turnover per quarter
    [month] Turnover per month
    [week] Turnover per week
   *[other] Turnover per period
}
scale_band = { $band } ({ $answers })
mean_answer_on_scale = Mean answer on a scale of 1–{ $points }
mean_of_points = { $mean } (scale 1–{ $points })

## Print and the unit's commentary
# The last day of the latest period: what the data runs up to. $date is a formatted date.
data_as_of = Data as of { $date }
unit_commentary = Commentary about this unit
## Employee lifecycle and background groups (src/pages/lifecycle.rs)
lifecycle = Lifecycle
lifecycle_heading = Employee lifecycle
lifecycle_lead = Employee experience by length of service and by background group, { $period }. A group is shown only when the anonymity rule allows it across every table on this page.
lifecycle_by_tenure = EX by length of service
lifecycle_not_shown = Results by length of service are not shown for this period: too many of its groups would be smaller than the anonymity threshold.
onboarding_heading = The first months
onboarding_lead = Onboarding is where the experience of work is made. These are the newest employees beside the whole organisation.
onboarding_index = EX index, { $band }
onboarding_enps = eNPS, { $band }
onboarding_left = Have left since, { $band }
onboarding_compare = whole organisation { $value }
band_n = { $n ->
    [one] 1 respondent
   *[other] { $n } respondents
}
band_years_under = { $count ->
    [one] under { $to } year
   *[other] under { $to } years
}
band_years_between = { $from }–{ $to } years
band_years_from = { $count ->
    [one] { $from } year or more
   *[other] { $from } years or more
}
band_years_any = any length of service
band = Group
respondents = Respondents
tenure_band = Length of service
band_left = Have left since
lifecycle_chart_title = EX index by length of service
lifecycle_chart_desc = { $unit }: EX index { $value } in the first group ({ $band }).
bands_merged_note = Neighbouring groups are shown together, so that no group is smaller than the anonymity threshold.
band_not_stated_note = { $n ->
    [one] One respondent did not say; they count in the totals only.
   *[other] { $n } respondents did not say; they count in the totals only.
}
by_background = EX by background group: { $cut }
cut_not_shown = Results by { $cut } are not shown for this period: at every level of detail, too many groups would be smaller than { $n } respondents.
lifecycle_units_heading = EX index by length of service, unit by unit
lifecycle_units_note = Only units whose every group is large enough, and whose figures cannot be worked out from other units', are listed.

## Named scale points: the words of each answer option (issue 10, section 4)
# The built-in 1–5 agreement scale, as an English survey words it.
likert5_1 = Strongly disagree
likert5_2 = Disagree
likert5_3 = Neither agree nor disagree
likert5_4 = Agree
likert5_5 = Strongly agree
# One answer option with its words, the number kept with them by no-break spaces: "4 = Agree".
scale_point = { $point } = { $label }
method_scale_labels = The answer options are { $points }.
mean_answer_on_labelled_scale = Mean answer on a scale of 1–{ $points } ({ $low }, { $high })
