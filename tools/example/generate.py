#!/usr/bin/env python3
"""Generate the fictional example data of kolikko: Lumo Services Oy, 2024-Q4 .. 2026-Q3.

Writes content/units.yaml and content/surveys/<period>.yaml (relative to the repository root)
and prints a summary of the story numbers. Deterministic: the same seed gives byte-identical
files. Python 3.11, standard library only.

    python3 tools/example/generate.py            # writes the files, prints the summary
    python3 tools/example/generate.py --check    # only prints the summary, writes nothing

Model, per team and quarter:
  EX factor level = 1.0 + region + team baseline + climate (slow random walk) + org trend
                    + team-factor deviation + noise + story shocks
  CX factor level = 1.45 + b * (0.3 * EX(t) + 0.7 * EX(t-1) - 1.0) + team customer baseline
                    + org trend + noise + story shocks
Levels are on a latent scale; every respondent answers level + N(0, 1), cut into Likert 1..5 at
-1.5, -0.5, 0.5, 1.5 (so 4-5 = favourable when the answer exceeds 0.5). eNPS/NPS answers come
from the mean level of the side in the same way. Counts are sums of individual answers, so
counts + na == responses always holds.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

SEED = 5544
ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"

PERIODS = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
P = {p: i for i, p in enumerate(PERIODS)}

FACTORS = ["communication", "workload", "systems", "competence", "leadership", "processes"]
EX_ITEMS = {
    "communication": ["ex_comm_info", "ex_comm_open"],
    "workload": ["ex_work_manageable", "ex_work_support"],
    "systems": ["ex_sys_tools", "ex_sys_reliable"],
    "competence": ["ex_comp_training", "ex_comp_onboarding"],
    "leadership": ["ex_lead_feedback", "ex_lead_goals"],
    "processes": ["ex_proc_clear", "ex_proc_waste"],
}
CX_ITEMS = {
    "communication": ["cx_comm_speed", "cx_comm_clear"],
    "workload": ["cx_work_available", "cx_work_team"],
    "systems": ["cx_sys_smooth", "cx_sys_errors"],
    "competence": ["cx_comp_knowledge", "cx_comp_solved"],
    "leadership": ["cx_lead_trust", "cx_lead_commit"],
    "processes": ["cx_proc_easy", "cx_proc_promises"],
}
ALL_EX = [i for f in FACTORS for i in EX_ITEMS[f]]
ALL_CX = [i for f in FACTORS for i in CX_ITEMS[f]]

# Item difficulty on the latent scale (negative = harder to agree with).
ITEM_OFFSET = {
    "ex_comm_info": -0.05, "ex_comm_open": 0.10,
    "ex_work_manageable": -0.25, "ex_work_support": 0.30,
    "ex_sys_tools": 0.0, "ex_sys_reliable": -0.20,
    "ex_comp_training": -0.15, "ex_comp_onboarding": -0.10,
    "ex_lead_feedback": -0.15, "ex_lead_goals": 0.05,
    "ex_proc_clear": 0.05, "ex_proc_waste": -0.30,
    "cx_comm_speed": -0.15, "cx_comm_clear": 0.10,
    "cx_work_available": -0.05, "cx_work_team": 0.20,
    "cx_sys_smooth": 0.0, "cx_sys_errors": -0.10,
    "cx_comp_knowledge": 0.25, "cx_comp_solved": 0.0,
    "cx_lead_trust": 0.05, "cx_lead_commit": -0.05,
    "cx_proc_easy": 0.0, "cx_proc_promises": -0.15,
}

# region id, region name, effect, teams: (id, name, supervisor, size)
ORG = [
    ("helsinki", "Helsinki region", 0.0, [
        ("kallio", "Kallio facility services", "Aino Laine", 15),
        ("toolo", "Töölö service desk", "Mikko Virtanen", 11),
        ("kamppi", "Kamppi customer service", "Sanna Korhonen", 18),
        ("pasila", "Pasila property maintenance", "Juha Nieminen", 22),
        ("vuosaari", "Vuosaari cleaning services", "Päivi Mäkinen", 20),
        ("herttoniemi", "Herttoniemi facility services", "Timo Hämäläinen", 13),
        ("malmi", "Malmi technical services", "Katja Heikkinen", 9),
        ("munkkiniemi", "Munkkiniemi reception services", "Ville Koskinen", 8),
    ]),
    ("tampere", "Tampere region", -0.05, [
        ("hervanta", "Hervanta service desk", "Jukka Järvinen", 16),
        ("pispala", "Pispala concierge", "Elina Lehtonen", 4),
        ("kaleva", "Kaleva facility services", "Antti Lehtinen", 19),
        ("tesoma", "Tesoma cleaning services", "Riikka Saarinen", 24),
        ("lielahti", "Lielahti property maintenance", "Petri Salminen", 12),
        ("hatanpaa", "Hatanpää customer service", "Laura Heinonen", 10),
    ]),
    ("turku", "Turku region", 0.03, [
        ("kupittaa", "Kupittaa service desk", "Marko Niemi", 14),
        ("runosmaki", "Runosmäki cleaning services", "Heidi Heikkilä", 21),
        ("hirvensalo", "Hirvensalo property maintenance", "Sami Kinnunen", 9),
        ("varissuo", "Varissuo facility services", "Minna Salonen", 17),
        ("nummi", "Nummi reception services", "Jari Turunen", 7),
        ("satama", "Satama logistics support", "Tiina Salo", 12),
    ]),
    ("oulu", "Oulu region", -0.08, [
        ("toppila", "Toppila facility services", "Kari Laitinen", 15),
        ("kaakkuri", "Kaakkuri cleaning services", "Hanna Tuominen", 23),
        ("linnanmaa", "Linnanmaa campus services", "Janne Rantanen", 18),
        ("tuira", "Tuira service desk", "Satu Karjalainen", 10),
        ("rusko", "Rusko technical services", "Pekka Jokinen", 8),
        ("kastelli", "Kastelli customer service", "Outi Miettinen", 12),
    ]),
]
TEAMS = [(r, t) for r, _, _, teams in ORG for t in teams]
REGION_OF = {t[0]: r for r, t in TEAMS}
REGION_EFFECT = {r: e for r, _, e, _ in ORG}
SMALL_TEAM = "pispala"       # always 3-4 EX responses: below the anonymity threshold of 5
THRESHOLD = 5


def story_ex(team: str, factor: str, t: int) -> float:
    """Story shocks on the EX latent level."""
    s = 0.0
    # a) Kallio: workload jumps in 2026-Q1 (two long absences, a new contract), two hires by Q3.
    if team == "kallio":
        s += {"workload": {5: -1.30, 6: -1.00, 7: -0.60},
              "communication": {5: -0.35, 6: -0.30, 7: -0.10}}.get(factor, {}).get(t, 0.0)
    # c) Tampere region: new ticketing tool rolled out in 2025-Q3.
    if REGION_OF[team] == "tampere" and factor == "systems":
        s += {3: -0.95, 4: -0.45, 5: 0.20, 6: 0.40, 7: 0.50}.get(t, 0.0)
    # d) Oulu region: supervisor training programme, spring-summer 2025.
    if REGION_OF[team] == "oulu" and factor == "leadership":
        s += {2: 0.15, 3: 0.45, 4: 0.60, 5: 0.70, 6: 0.75, 7: 0.80}.get(t, 0.0)
    return s


def story_cx_item(team: str, item: str, t: int) -> float:
    """Extra story shocks on single CX items (on top of what flows from EX)."""
    s = 0.0
    if team == "kallio":
        # Customers feel the Q1 overload in Q2: slower answers, nobody available.
        if item in ("cx_work_available", "cx_comm_speed"):
            s += {5: 0.15, 6: -0.65, 7: -0.20}.get(t, 0.0)
        elif item.startswith("cx_work"):
            s += {5: 0.15}.get(t, 0.0)
    if REGION_OF[team] == "tampere" and item in ("cx_sys_smooth", "cx_sys_errors"):
        s += {3: -0.20, 4: -0.10}.get(t, 0.0)
    if REGION_OF[team] == "oulu" and item == "cx_lead_trust":
        s += {4: 0.10, 5: 0.15, 6: 0.20, 7: 0.20}.get(t, 0.0)
    return s


def story_nps(team: str, t: int) -> float:
    if team == "kallio":
        return {5: 0.10, 6: -0.45, 7: -0.15}.get(t, 0.0)
    return 0.0


def likert(rng: random.Random, level: float, n: int) -> list[int]:
    counts = [0] * 5
    for _ in range(n):
        y = level + rng.gauss(0.0, 1.0)
        k = 0 if y < -1.5 else 1 if y < -0.5 else 2 if y < 0.5 else 3 if y < 1.5 else 4
        counts[k] += 1
    return counts


def net_scale(rng: random.Random, level: float, n: int, centre: float, ref: float) -> list[int]:
    counts = [0] * 11
    for _ in range(n):
        if rng.random() < 0.03:
            score = rng.randint(0, 5)                     # the occasional very unhappy answer
        else:
            y = level - ref + rng.gauss(0.0, 1.0)
            score = min(10, max(0, round(centre + 1.6 * y)))
        counts[score] += 1
    return counts


def simulate(rng: random.Random):
    nT = len(PERIODS)
    ts = range(-1, nT)                                   # t = -1 is a warm-up quarter for the lag
    ex_level, cx_level = {}, {}
    ex_data = {p: {} for p in PERIODS}
    cx_data = {p: {} for p in PERIODS}
    b = 0.62
    for region, (team, name, sup, size) in TEAMS:
        base = rng.gauss(0.0, 0.30) + REGION_EFFECT[region]
        if team == "kallio":
            base = 0.05                      # an ordinary team before the story starts
        cx_base = rng.gauss(0.0, 0.22)
        dev = {f: rng.gauss(0.0, 0.20) for f in FACTORS}
        cx_dev = {f: rng.gauss(0.0, 0.10) for f in FACTORS}
        walk = rng.gauss(0.0, 0.12)
        cx_n_base = max(28, min(185, size * 6.5 + rng.gauss(0.0, 18.0)))
        if team == SMALL_TEAM:
            cx_n_base = 38
        for t in ts:
            if t > -1:
                walk = 0.85 * walk + rng.gauss(0.0, 0.10)
            trend = 0.04 * max(t, 0)
            if team == "kallio":             # the overload weighs on the whole climate
                trend += {5: -0.30, 6: -0.25, 7: -0.05}.get(t, 0.0)
            for f in FACTORS:
                ex_level[team, f, t] = (1.0 + base + walk + trend + dev[f]
                                        + rng.gauss(0.0, 0.08) + story_ex(team, f, t))
            for f in FACTORS:
                prev = ex_level[team, f, t - 1] if t > -1 else ex_level[team, f, t]
                mixed = 0.3 * ex_level[team, f, t] + 0.7 * prev
                cx_level[team, f, t] = (1.45 + b * (mixed - 1.0) + cx_base + cx_dev[f]
                                        + 0.02 * max(t, 0) + rng.gauss(0.0, 0.07))
        # Headcount, leavers, invitations per quarter.
        for t in range(nT):
            p = PERIODS[t]
            ex_mean = sum(ex_level[team, f, t] for f in FACTORS) / len(FACTORS)
            cx_mean = sum(cx_level[team, f, t] for f in FACTORS) / len(FACTORS)
            if team == SMALL_TEAM:
                invited = 4
                responses = rng.choice([3, 4, 4])
                headcount = round(4 + rng.uniform(-0.3, 0.3), 1)
                leavers = 1 if rng.random() < 0.08 else 0
            else:
                invited = size + rng.choice([-1, 0, 0, 0, 1])
                if team == "kallio":
                    invited = {5: 15, 6: 12, 7: 14}.get(t, invited)
                rate = 0.78 + 0.12 * (ex_mean - 1.0) + rng.gauss(0.0, 0.05)
                rate = min(0.95, max(0.60, rate))
                responses = round(invited * rate)
                responses = max(responses, math.ceil(0.6 * invited), THRESHOLD)
                responses = min(responses, math.floor(0.95 * invited), invited)
                headcount = round(invited + rng.uniform(-0.6, 0.5), 1)
                risk = 0.025 + 0.09 * max(0.0, 1.1 - ex_mean)
                expected = risk * headcount
                leavers = sum(1 for _ in range(int(headcount)) if rng.random() < expected / headcount)
                leavers = min(leavers, 2)
                if team == "kallio":
                    leavers = {5: 3, 6: 2, 7: 0}.get(t, leavers)
                    headcount = {5: 14.2, 6: 12.3, 7: 13.6}.get(t, headcount)
            items = {}
            for f in FACTORS:
                for item in EX_ITEMS[f]:
                    na = 0
                    if item == "ex_comp_onboarding" and rng.random() < 0.5:
                        na = rng.randint(1, 2)       # long-tenured staff skip the onboarding item
                    elif rng.random() < 0.04:
                        na = 1
                    na = min(na, responses - 2)
                    items[item] = (likert(rng, ex_level[team, f, t] + ITEM_OFFSET[item],
                                          responses - na), na)
            enps = net_scale(rng, ex_mean, responses, centre=7.6, ref=1.0)
            ex_data[p][team] = dict(invited=invited, responses=responses, headcount=headcount,
                                    leavers=leavers, enps=enps, items=items)
            n_cx = round(cx_n_base * rng.uniform(0.85, 1.15))
            n_cx = min(200, max(25, n_cx))
            citems = {}
            for f in FACTORS:
                for item in CX_ITEMS[f]:
                    na = 0
                    if item == "cx_lead_commit":
                        na = round(n_cx * rng.uniform(0.03, 0.09))
                    elif item == "cx_sys_errors":
                        na = round(n_cx * rng.uniform(0.02, 0.06))
                    elif rng.random() < 0.15:
                        na = rng.randint(1, 3)
                    level = cx_level[team, f, t] + ITEM_OFFSET[item] + story_cx_item(team, item, t)
                    citems[item] = (likert(rng, level, n_cx - na), na)
            nps = net_scale(rng, cx_mean + story_nps(team, t), n_cx, centre=8.0, ref=1.45)
            cx_data[p][team] = dict(responses=n_cx, nps=nps, items=citems)
    return ex_data, cx_data


# ---------------------------------------------------------------------------------------------
# Writing

def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(xs: list[int]) -> str:
    return "[" + ", ".join(str(x) for x in xs) + "]"


def item_line(item: str, counts: list[int], na: int) -> str:
    if na:
        return f"      {item}: {{ counts: {flow(counts)}, na: {na} }}\n"
    return f"      {item}: {flow(counts)}\n"


HEADER = "# Generated by tools/example/generate.py (fictional data). Do not edit by hand.\n"


# Teams too small to be reported on their own, and the unit they are reported with: Pispala
# (3-5 people) has fewer than 5 answers in most quarters, and protecting it blanked Hatanpää.
REPORT_WITH = {"pispala": "hatanpaa"}


def units_yaml() -> str:
    out = [HEADER, "units:\n"]
    for rid, rname, _, teams in ORG:
        out.append(f"  - id: {rid}\n    name: {q(rname)}\n    children:\n")
        for tid, tname, sup, _ in teams:
            out.append(f"      - id: {tid}\n        name: {q(tname)}\n        supervisor: {q(sup)}\n")
            if tid in REPORT_WITH:
                out.append(f"        report_with: {REPORT_WITH[tid]}\n")
    return "".join(out)


def survey_yaml(p: str, ex: dict, cx: dict) -> str:
    out = [HEADER, f"period: {p}\n", "ex:\n"]
    for _, (tid, *_rest) in TEAMS:
        d = ex[tid]
        out.append(f"  {tid}:\n    invited: {d['invited']}\n    responses: {d['responses']}\n"
                   f"    headcount: {d['headcount']:.1f}\n    leavers: {d['leavers']}\n"
                   f"    enps: {flow(d['enps'])}\n    items:\n")
        for item in ALL_EX:
            counts, na = d["items"][item]
            out.append(item_line(item, counts, na))
    out.append("cx:\n")
    for _, (tid, *_rest) in TEAMS:
        d = cx[tid]
        out.append(f"  {tid}:\n    responses: {d['responses']}\n    nps: {flow(d['nps'])}\n    items:\n")
        for item in ALL_CX:
            counts, na = d["items"][item]
            out.append(item_line(item, counts, na))
    return "".join(out)


def validate(ex_data: dict, cx_data: dict) -> None:
    for p in PERIODS:
        for tid, d in ex_data[p].items():
            assert d["responses"] <= d["invited"], (p, tid)
            assert 0 <= d["leavers"] <= d["headcount"], (p, tid)
            assert len(d["enps"]) == 11 and sum(d["enps"]) == d["responses"], (p, tid)
            assert sorted(d["items"]) == sorted(ALL_EX)
            for item, (c, na) in d["items"].items():
                assert len(c) == 5 and sum(c) + na == d["responses"], (p, tid, item)
        for tid, d in cx_data[p].items():
            assert 25 <= d["responses"] <= 200, (p, tid)
            assert len(d["nps"]) == 11 and sum(d["nps"]) == d["responses"], (p, tid)
            for item, (c, na) in d["items"].items():
                assert len(c) == 5 and sum(c) + na == d["responses"], (p, tid, item)


# ---------------------------------------------------------------------------------------------
# Summary (computed from the generated counts, as kolikko does)

def pooled(data: dict, teams: list[str], items: list[str]) -> dict[str, list[int]]:
    acc = {i: [0] * 5 for i in items}
    for t in teams:
        for i in items:
            c, _ = data[t]["items"][i]
            acc[i] = [a + b for a, b in zip(acc[i], c)]
    return acc


def fav(c: list[int]) -> float:
    n = sum(c)
    return 100.0 * (c[3] + c[4]) / n if n else float("nan")


def index(data: dict, teams: list[str], items: list[str]) -> float:
    acc = pooled(data, teams, items)
    return sum(fav(acc[i]) for i in items) / len(items)


def net(data: dict, teams: list[str], key: str) -> float:
    c = [0] * 11
    for t in teams:
        c = [a + b for a, b in zip(c, data[t][key])]
    n = sum(c)
    return 100.0 * (sum(c[9:]) - sum(c[:7])) / n


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def summary(ex_data: dict, cx_data: dict) -> str:
    out = []
    w = out.append
    all_teams = [t[0] for _, t in TEAMS]
    shown = lambda p: [t for t in all_teams if ex_data[p][t]["responses"] >= THRESHOLD]
    region_teams = {r: [t[0] for t in teams] for r, _, _, teams in ORG}

    w("Organisation per quarter (EX/CX index = mean favourable % over 12 items; r across teams "
      "with >= 5 EX responses)")
    w(f"{'period':8} {'EX':>5} {'CX':>5} {'eNPS':>6} {'NPS':>6} {'resp%':>6} {'turn%':>6} "
      f"{'r(t)':>6} {'r(EXt,CXt+1)':>13} {'r(CXt,EXt+1)':>13}")
    same, lag, rev = [], [], []
    for i, p in enumerate(PERIODS):
        teams = shown(p)
        exi = [index(ex_data[p], [t], ALL_EX) for t in teams]
        cxi = [index(cx_data[p], [t], ALL_CX) for t in teams]
        r = pearson(exi, cxi)
        same.append(r)
        rl = rr = float("nan")
        if i + 1 < len(PERIODS):
            p2 = PERIODS[i + 1]
            t2 = [t for t in teams if t in shown(p2)]
            rl = pearson([index(ex_data[p], [t], ALL_EX) for t in t2],
                         [index(cx_data[p2], [t], ALL_CX) for t in t2])
            rr = pearson([index(cx_data[p], [t], ALL_CX) for t in t2],
                         [index(ex_data[p2], [t], ALL_EX) for t in t2])
            lag.append(rl)
            rev.append(rr)
        inv = sum(ex_data[p][t]["invited"] for t in all_teams)
        res = sum(ex_data[p][t]["responses"] for t in all_teams)
        hc = sum(ex_data[p][t]["headcount"] for t in all_teams)
        lv = sum(ex_data[p][t]["leavers"] for t in all_teams)
        w(f"{p:8} {index(ex_data[p], all_teams, ALL_EX):5.1f} {index(cx_data[p], all_teams, ALL_CX):5.1f} "
          f"{net(ex_data[p], all_teams, 'enps'):+6.1f} {net(cx_data[p], all_teams, 'nps'):+6.1f} "
          f"{100 * res / inv:6.1f} {100 * lv / hc:6.1f} {r:6.2f} {rl:13.2f} {rr:13.2f}")
    w(f"mean r same quarter {sum(same) / len(same):.2f}; EX(t)->CX(t+1) {sum(lag) / len(lag):.2f}; "
      f"CX(t)->EX(t+1) {sum(rev) / len(rev):.2f}")

    w("")
    w("Regions per quarter: EX index / CX index / eNPS / NPS")
    for r in region_teams:
        w(f"  {r}")
        for p in PERIODS:
            tt = region_teams[r]
            w(f"    {p}  EX {index(ex_data[p], tt, ALL_EX):5.1f}  CX {index(cx_data[p], tt, ALL_CX):5.1f}"
              f"  eNPS {net(ex_data[p], tt, 'enps'):+6.1f}  NPS {net(cx_data[p], tt, 'nps'):+6.1f}")

    def factor_table(label: str, tt: list[str]) -> None:
        w("")
        w(f"{label}: factor favourable % EX | CX")
        w(f"  {'period':8} " + " ".join(f"{f[:5]:>11}" for f in FACTORS) + "   eNPS    NPS  inv resp leav")
        for p in PERIODS:
            cells = []
            for f in FACTORS:
                cells.append(f"{index(ex_data[p], tt, EX_ITEMS[f]):5.1f}|{index(cx_data[p], tt, CX_ITEMS[f]):5.1f}")
            inv = sum(ex_data[p][t]["invited"] for t in tt)
            res = sum(ex_data[p][t]["responses"] for t in tt)
            lv = sum(ex_data[p][t]["leavers"] for t in tt)
            w(f"  {p:8} " + " ".join(cells) + f" {net(ex_data[p], tt, 'enps'):+6.1f} "
              f"{net(cx_data[p], tt, 'nps'):+6.1f} {inv:4d} {res:4d} {lv:4d}")

    factor_table("Kallio", ["kallio"])
    w("  Kallio items: " + "; ".join(
        f"{p} " + ", ".join(f"{i}={fav(ex_data[p]['kallio']['items'][i][0]):.0f}"
                            for i in ("ex_work_manageable", "ex_work_support"))
        + ", " + ", ".join(f"{i}={fav(cx_data[p]['kallio']['items'][i][0]):.0f}"
                           for i in ("cx_work_available", "cx_comm_speed"))
        for p in PERIODS[4:]))
    w("  Kallio EX index / CX index: " + "; ".join(
        f"{p} {index(ex_data[p], ['kallio'], ALL_EX):.1f}/{index(cx_data[p], ['kallio'], ALL_CX):.1f}"
        for p in PERIODS))
    factor_table("Helsinki without Kallio", [t for t in region_teams["helsinki"] if t != "kallio"])
    factor_table("Tampere region", region_teams["tampere"])
    w("  Tampere items: " + "; ".join(
        f"{p} " + ", ".join(f"{i}={fav(pooled(d[p], region_teams['tampere'], [i])[i]):.0f}"
                            for d, i in ((ex_data, "ex_sys_tools"), (ex_data, "ex_sys_reliable"),
                                         (cx_data, "cx_sys_smooth"), (cx_data, "cx_sys_errors")))
        for p in PERIODS))
    factor_table("Oulu region", region_teams["oulu"])
    w("  Oulu items: " + "; ".join(
        f"{p} " + ", ".join(f"{i}={fav(pooled(d[p], region_teams['oulu'], [i])[i]):.0f}"
                            for d, i in ((ex_data, "ex_lead_feedback"), (ex_data, "ex_lead_goals"),
                                         (cx_data, "cx_lead_trust"), (cx_data, "cx_lead_commit")))
        for p in PERIODS))
    factor_table("Organisation", all_teams)

    not_oulu = [t for t in all_teams if REGION_OF[t] != "oulu"]
    not_tampere = [t for t in all_teams if REGION_OF[t] != "tampere"]
    w("")
    w("Comparisons: outside Oulu EX leadership / cx_lead_trust; outside Tampere EX / CX systems")
    for p in PERIODS:
        trust = fav(pooled(cx_data[p], not_oulu, ["cx_lead_trust"])["cx_lead_trust"])
        w(f"  {p}  {index(ex_data[p], not_oulu, EX_ITEMS['leadership']):5.1f} / {trust:5.1f}"
          f"    {index(ex_data[p], not_tampere, EX_ITEMS['systems']):5.1f} / "
          f"{index(cx_data[p], not_tampere, CX_ITEMS['systems']):5.1f}")
    for label, span in (("2024-Q4..2025-Q3", PERIODS[:4]), ("2025-Q4..2026-Q3", PERIODS[4:])):
        lv = sum(ex_data[p][t]["leavers"] for p in span for t in all_teams)
        hc = sum(ex_data[p][t]["headcount"] for p in span for t in all_teams) / len(span)
        w(f"Leavers {label}: {lv} of average headcount {hc:.1f} = {100 * lv / hc:.1f} %")

    w("")
    p = PERIODS[-1]
    ranking = sorted(((index(ex_data[p], [t], ALL_EX), index(cx_data[p], [t], ALL_CX), t)
                      for t in shown(p)), reverse=True)
    w(f"{p} teams by EX index (EX, CX): " + ", ".join(f"{t} {e:.0f}/{c:.0f}" for e, c, t in ranking))
    w(f"{SMALL_TEAM} EX responses per quarter: "
      + ", ".join(str(ex_data[p][SMALL_TEAM]["responses"]) for p in PERIODS)
      + "; CX responses: " + ", ".join(str(cx_data[p][SMALL_TEAM]["responses"]) for p in PERIODS))
    w("nummi EX/CX index (EX responses): " + ", ".join(
        f"{p} {index(ex_data[p], ['nummi'], ALL_EX):.0f}/{index(cx_data[p], ['nummi'], ALL_CX):.0f} "
        f"({ex_data[p]['nummi']['responses']})" for p in PERIODS))
    return "\n".join(out)


def main() -> None:
    rng = random.Random(SEED)
    ex_data, cx_data = simulate(rng)
    validate(ex_data, cx_data)
    if "--check" not in sys.argv:
        (CONTENT / "surveys").mkdir(parents=True, exist_ok=True)
        (CONTENT / "units.yaml").write_text(units_yaml(), encoding="utf-8", newline="\n")
        for p in PERIODS:
            (CONTENT / "surveys" / f"{p}.yaml").write_text(
                survey_yaml(p, ex_data[p], cx_data[p]), encoding="utf-8", newline="\n")
    print(summary(ex_data, cx_data))


if __name__ == "__main__":
    main()
