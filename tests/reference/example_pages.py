#!/usr/bin/env python3
"""Independent recomputation of the example's linkage and net-score figures (issue 8, parts 2-3).

Written from docs/method.md and docs/format.md only, with SciPy/NumPy, and compared with the
pages of a built site. Run from the repository root after a build:

    pip install scipy numpy pyyaml
    cargo run --release -- build
    python3 tests/reference/example_pages.py . public

What it checks, for every period and every unit page:
- the scatter table lists each shown team's EX and CX index (mean favourable share over the
  period's full question set), and the headline's r, its Fisher interval and p, and Spearman's rho
  with its own p, from those teams; below 8 teams no r or rho is printed;
- every eNPS and NPS tile's adjusted-Wald 95% interval (Rocks 2016), from the summed counts;
- every lag row (the mean across period pairs of the across-team r, and its team-resampling
  bootstrap interval, SplitMix64 with the seeds method.md describes).
Exit code 1 and a list of differences when anything disagrees.
"""
import html
import re
import sys
from pathlib import Path

import numpy as np
import scipy.stats as st
import yaml

Z = st.norm.ppf(0.975)
MIN_TEAMS = 8
root, public = Path(sys.argv[1]), Path(sys.argv[2])
problems = []


def check(ok, message):
    if not ok:
        problems.append(message)


# ---------------------------------------------------------------- data, from the YAML
def leaves_of(nodes):
    for node in nodes:
        if node.get("children"):
            yield from leaves_of(node["children"])
        else:
            yield node["id"]


def subtree(nodes, target, inside=False):
    for node in nodes:
        here = inside or node["id"] == target
        if node.get("children"):
            yield from subtree(node["children"], target, here)
        elif here:
            yield node["id"]


units = yaml.safe_load((root / "content/units.yaml").read_text())["units"]
TEAMS = list(leaves_of(units))  # units.yaml order, as the bootstrap draws them
surveys = {}
for f in sorted((root / "content/surveys").glob("*.yaml")):
    s = yaml.safe_load(f.read_text())
    surveys[str(s["period"])] = s
PERIODS = sorted(surveys)


def counts(entry):
    return entry["counts"] if isinstance(entry, dict) else entry


def index(period, side, team):
    """Mean favourable share (answers 4-5) over the period's question set (items anyone answered)."""
    block = surveys[period][side]
    asked = sorted({k for t in block.values() for k, v in t["items"].items() if sum(counts(v)) > 0})
    items = block.get(team, {}).get("items", {})
    values = []
    for k in asked:
        c = counts(items.get(k, [0] * 5))
        if sum(c) == 0:
            return None
        values.append((c[3] + c[4]) / sum(c) * 100.0)
    return sum(values) / len(values)


def adjusted_wald(c):
    n = sum(c)
    pro, det = c[9] + c[10], sum(c[:7])
    a = Z * Z
    nt = n + a
    p, d = (pro + a / 4) / nt, (det + a / 4) / nt
    s, half = p - d, Z * np.sqrt((p + d - (p - d) ** 2) / nt)
    observed = 100 * (pro - det) / n
    return min(max(-100, 100 * (s - half)), observed), max(min(100, 100 * (s + half)), observed)


# ---------------------------------------------------------------- the pages
def text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def num(s):
    return float(s.replace("−", "-").replace("+", "").replace(",", "."))


def fmt_p(p):
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


shown = {}
ex_shown = {}  # teams whose EX index the period's unit table shows (a number, not "Hidden")
for period in PERIODS:
    page = (public / f"periods/{period.lower()}/index.html").read_text()
    units_table = page[page.find('<table class="units"'):]
    units_table = units_table[: units_table.find("</table>")]
    ex_shown[period] = {t for t, v in re.findall(r'units/([^/]+)/index.html[^<]*</a></th><td>([^<]*)</td>',
                                                 units_table) if re.fullmatch(r"[0-9]+", v)}
    table = page[page.find("<table", page.find('id="scatter-1"')):]
    table = table[: table.find("</table>")]
    rows = re.findall(r'units/([^/]+)/index.html.*?<td>([^<]*)</td><td>([^<]*)</td>', table)
    shown[period] = [team for team, _, _ in rows]
    ex = [index(period, "ex", t) for t in shown[period]]
    cx = [index(period, "cx", t) for t in shown[period]]
    for (team, ex_page, cx_page), e, c in zip(rows, ex, cx):
        check(abs(num(ex_page) - e) < 0.051 and abs(num(cx_page) - c) < 0.051,
              f"{period} {team}: page {ex_page}/{cx_page}, recomputed {e:.2f}/{c:.2f}")
    box = text(re.search(r'<section class="linkage.*?</section>', page, re.S).group(0))
    if len(rows) < MIN_TEAMS:
        check("r =" not in box and "ρ =" not in box, f"{period}: a correlation of {len(rows)} teams")
        continue
    r, p = st.pearsonr(ex, cx)
    lo, hi = np.tanh(np.arctanh(r) + np.array([-1, 1]) * Z / np.sqrt(len(ex) - 3))
    rho, rho_p = st.spearmanr(ex, cx)
    expected = (f"r = {r:.2f} (95% interval {lo:.2f}–{hi:.2f}, {fmt_p(p)}), {len(ex)} teams")
    check(expected in box, f"{period}: expected «{expected}» in «{box.strip()[:200]}»")
    expected = f"Spearman ρ = {rho:.2f} ({fmt_p(rho_p)})."
    check(expected in box, f"{period}: expected «{expected}»")

# Net-score tiles of every unit page (latest period) and of every period page (organisation).
pages = [(p, f"periods/{p.lower()}/index.html", None) for p in PERIODS]
pages += [(PERIODS[-1], f"units/{u}/index.html", u)
          for u in [n["id"] for n in units] + TEAMS]
tiles_checked = 0
for period, path, unit in pages:
    page = (public / path).read_text()
    teams = TEAMS if unit is None else list(subtree(units, unit))
    for label, side, key in [("eNPS", "ex", "enps"), ("NPS", "cx", "nps")]:
        m = re.search(r'tile-label">' + label + r'</span>.*?95%: ([^ <]+) … ([^ <]+)</span>',
                      page, re.S)
        if not m:
            continue
        c = np.sum([surveys[period][side][t][key] for t in teams
                    if t in surveys[period][side] and key in surveys[period][side][t]], axis=0)
        lo, hi = adjusted_wald(list(c))
        check(abs(num(m.group(1)) - lo) <= 0.5 + 1e-9 and abs(num(m.group(2)) - hi) <= 0.5 + 1e-9,
              f"{path} {label}: page {m.group(1)} … {m.group(2)}, recomputed {lo:.2f} … {hi:.2f}")
        tiles_checked += 1


# Lag rows: the mean over period pairs of the across-team r, team-resampling bootstrap.
class SplitMix64:
    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed

    def below(self, n):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return ((z ^ (z >> 31)) * n) >> 64


def lag_row(direction, lag):
    first, second = ("ex", "cx") if direction == 0 else ("cx", "ex")
    by_team = {t: [] for t in TEAMS}
    pairs = 0
    for i in range(len(PERIODS) - lag):  # the example's quarters are consecutive
        a, b = PERIODS[i], PERIODS[i + lag]

        def available(period, side, t):
            if side == "ex":
                return t in ex_shown[period]
            return t in surveys[period]["cx"] and index(period, "cx", t) is not None

        obs = [(t, index(a, first, t), index(b, second, t)) for t in TEAMS
               if available(a, first, t) and available(b, second, t)]
        if len(obs) < MIN_TEAMS:
            continue
        for t, x, y in obs:
            by_team[t].append((pairs, x, y))
        pairs += 1

    def mean_r(weights):
        rs = []
        for p in range(pairs):
            xs, ys = [], []
            for t, w in zip(TEAMS, weights):
                for q, x, y in by_team[t]:
                    if q == p:
                        xs += [x] * w
                        ys += [y] * w
            if len(xs) >= 3 and np.ptp(xs) > 0 and np.ptp(ys) > 0:
                rs.append(np.corrcoef(xs, ys)[0, 1])
        return np.mean(rs) if rs else None

    rng = SplitMix64(0x006B6F6C696B6B6F ^ (direction << 8 | lag))
    reps = []
    for _ in range(1000):
        w = [0] * len(TEAMS)
        for _ in TEAMS:
            w[rng.below(len(TEAMS))] += 1
        value = mean_r(w)
        if value is not None:
            reps.append(value)
    return mean_r([1] * len(TEAMS)), np.percentile(reps, 2.5), np.percentile(reps, 97.5), pairs


lag_page = next(f.read_text() for f in (public / "posts").glob("*/index.html")
                if 'id="lag-' in f.read_text() or "lag-1" in f.read_text())
lag_table = lag_page[lag_page.find("<table", lag_page.find("lag-")):]
lag_rows = re.findall(r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>',
                      lag_table[: lag_table.find("</table>")])
for (direction, lag), (label, r_page, lo_page, hi_page) in zip(
        [(0, 0), (0, 1), (0, 2), (1, 1), (1, 2)], lag_rows):
    r, lo, hi, pairs = lag_row(direction, lag)
    check(f"{pairs} period" in label or f"{pairs} periods" in label, f"lag row «{label}»: {pairs} pairs")
    check(abs(num(r_page) - r) < 0.0051 and abs(num(lo_page) - lo) < 0.0051
          and abs(num(hi_page) - hi) < 0.0051,
          f"lag «{label}»: page {r_page} ({lo_page}–{hi_page}), recomputed {r:.3f} ({lo:.3f}–{hi:.3f})")

print(f"checked {len(PERIODS)} period linkages, {tiles_checked} net-score tiles, {len(lag_rows)} lag rows")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("all agree")
