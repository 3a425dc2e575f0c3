#!/usr/bin/env python3
"""Independent audit of the example site: recompute every published number from the YAML.

Written from docs/method.md and docs/format.md only (not from the Rust code), so that a rule the
code applies but the document does not state shows up here as a mismatch. It reads
kolikko.yaml, content/units.yaml and content/surveys/*.yaml, recomputes every figure, then reads
the built pages (public/**/*.html: the data tables under each chart, the KPI tiles, the unit and
ranked tables, the linkage box and inline KPIs) and compares.

    cargo run --release -- build            # renders public/
    python3 tests/reference/audit_example.py [SITE]

Prints each mismatch (page, figure, what, published, recomputed), a count per kind, and the line
"audit: N passed, M failed"; exits 1 on any mismatch. Needs python3 with pyyaml, numpy, scipy.

A published number with d decimals agrees when it is the recomputed value rounded to d decimals by
method.md's rule ("Rounding": halves away from zero, a half computed a hair low still a half):
exactly, digit for digit.
"""

import glob
import math
import os
import re
import sys
from collections import Counter, defaultdict
from fractions import Fraction
from html.parser import HTMLParser

import numpy as np
import scipy.stats as st
import yaml

Z95 = 1.959963984540054  # st.norm.ppf(0.975), method.md "Uncertainty of a share"

# ---------------------------------------------------------------- framework (format.md "Factors")
DEFAULT_FRAMEWORK = [
    ("communication", "Communication and response time",
     ["ex_comm_info", "ex_comm_open"], ["cx_comm_speed", "cx_comm_clear"]),
    ("workload", "Workload and work community",
     ["ex_work_manageable", "ex_work_support"], ["cx_work_available", "cx_work_team"]),
    ("systems", "Systems and tools",
     ["ex_sys_tools", "ex_sys_reliable"], ["cx_sys_smooth", "cx_sys_errors"]),
    ("competence", "Competence and training",
     ["ex_comp_training", "ex_comp_onboarding"], ["cx_comp_knowledge", "cx_comp_solved"]),
    ("leadership", "Supervision and leadership",
     ["ex_lead_feedback", "ex_lead_goals"], ["cx_lead_trust", "cx_lead_commit"]),
    ("processes", "Internal processes",
     ["ex_proc_clear", "ex_proc_waste"], ["cx_proc_easy", "cx_proc_promises"]),
]
LIKERT5 = {"points": 5, "favourable_from": 4, "unfavourable_to": 2}


# ================================================================ loading (format.md)
class Site:
    def __init__(self, root):
        self.root = root
        cfg = yaml.safe_load(open(os.path.join(root, "kolikko.yaml"), encoding="utf-8-sig"))
        self.cfg = cfg
        self.lang = cfg.get("language", "en")
        self.threshold = max(3, int(cfg.get("anonymity_threshold", 5)))
        self.cx_low_n = int(cfg.get("cx_low_n", 30))
        self.cx_threshold = max(1, int(cfg.get("cx_threshold", 3)))  # method.md "Customers"
        self.org_name = cfg["organisation"]
        fw = cfg.get("framework", "default")
        scales = dict(cfg.get("scales") or {})
        scales["likert5"] = LIKERT5
        self.scale_of = {}
        if fw == "default":
            self.factors = DEFAULT_FRAMEWORK
        else:  # a site's own framework (format.md "A framework of its own")
            self.factors = []
            for f in fw:
                name = f["name"] if isinstance(f["name"], str) else f["name"].get(self.lang, next(iter(f["name"].values())))
                exs = [i["id"] for i in f.get("ex", [])]
                cxs = [i["id"] for i in f.get("cx", [])]
                for i in f.get("ex", []) + f.get("cx", []):
                    self.scale_of[i["id"]] = scales[i.get("scale", "likert5")]
                self.factors.append((f["id"], name, exs, cxs))
        self.ex_items = [i for f in self.factors for i in f[2]]
        self.cx_items = [i for f in self.factors for i in f[3]]
        # units: the organisation is the root, id "" here
        units = yaml.safe_load(open(os.path.join(root, "content/units.yaml"), encoding="utf-8-sig"))
        self.name = {"": self.org_name}
        self.children = {}
        self.parent = {}
        self.order = []  # units.yaml order, depth-first
        self.report_with = {}  # team -> the team (or region) its EX answers are reported with
        def walk(lst, parent):
            self.children[parent] = []
            for u in lst:
                self.name[u["id"]] = u["name"]
                self.parent[u["id"]] = parent
                self.children[parent].append(u["id"])
                self.order.append(u["id"])
                if u.get("report_with"):
                    self.report_with[u["id"]] = u["report_with"]
                walk(u.get("children") or [], u["id"])
        walk(units["units"], "")
        self.leaves = [u for u in self.order if not self.children[u]]
        self.by_name = {v: k for k, v in self.name.items()}
        self.surveys = {}
        for f in sorted(glob.glob(os.path.join(root, "content/surveys/*.y*ml"))):
            d = yaml.safe_load(open(f, encoding="utf-8-sig"))
            self.surveys[str(d["period"])] = d
        self.periods = sorted(self.surveys, key=period_key)
        # Pages name a period as readers say it (i18n/*.ftl `period_quarter`): "Q2 2026" in
        # English, "Q2/2026" in Finnish and Swedish; tables may also use the id "2026-Q2".
        self.period_by_label = {p: p for p in self.periods}
        for p in self.periods:
            mt = re.fullmatch(r"(\d{4})-Q(\d)", p)
            if mt:
                y, q = mt.groups()
                self.period_by_label[f"Q{q} {y}" if self.lang == "en" else f"Q{q}/{y}"] = p

    def period_of(self, text):
        """The period a label or id names, or None."""
        return self.period_by_label.get(text.strip())

    def scale(self, item):
        return self.scale_of.get(item, LIKERT5)

    def leaves_under(self, u):
        if not self.children[u]:
            return [u]
        return [l for c in self.children[u] for l in self.leaves_under(c)]


def period_key(p):
    m = re.match(r"(\d{4})-(Q|W)?(\d+)$", p)
    return (int(m.group(1)), int(m.group(3)))


def counts_of(v):
    """An item's answer counts: a list, or {counts, na} (format.md)."""
    return list(v["counts"]) if isinstance(v, dict) else list(v)


# ================================================================ rounding (method.md "Rounding")
HALF_TOLERANCE = 1e-9
HEADCOUNT_TOLERANCE = Fraction(1, 10 ** 9)  # method.md "Every published table": turnover people


def display_units(x, d):
    """x rounded to d decimals, as a whole number of last-digit units (62.5 -> 63 at d = 0):
    halves away from zero, and a fraction within 1e-9 of a digit below one half counts as one."""
    y = abs(x * 10.0 ** d)
    whole = math.floor(y)
    mag = whole + 1 if y - whole >= 0.5 - HALF_TOLERANCE else whole
    return int(math.copysign(mag, x)) if mag else 0


def display(x, d):
    """The value a page shows for x at d decimals."""
    return display_units(x, d) / 10.0 ** d


# ================================================================ statistics (method.md), one rule each
def share_stats(counts, scale):
    """Favourable / neutral / unfavourable shares and mean (method.md "Agreement items")."""
    n = sum(counts)
    if n == 0:
        return None
    fav = sum(counts[scale["favourable_from"] - 1:])
    unf = sum(counts[:scale["unfavourable_to"]])
    neu = n - fav - unf
    mean = sum((i + 1) * c for i, c in enumerate(counts)) / n
    return {"n": n, "fav": fav / n, "neu": neu / n, "unf": unf / n, "mean": mean, "x": fav}


def wilson(x, n, z=Z95):
    """Wilson score interval (method.md "Uncertainty of a share")."""
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def net_score(counts):
    """eNPS / NPS with its 95% interval (method.md "Net scores")."""
    n = sum(counts)
    if n == 0:
        return None
    prom = sum(counts[9:11]) / n
    det = sum(counts[0:7]) / n
    pas = 1 - prom - det
    score = 100 * (prom - det)
    v = prom + det - (prom - det) ** 2
    lo, hi = adjusted_wald(sum(counts[9:11]), sum(counts[0:7]), n)
    return {"n": n, "score": score, "prom": prom, "det": det, "pas": pas, "v": v, "lo": lo, "hi": hi}


def adjusted_wald(x_prom, x_det, n, z=Z95):
    """method.md "Uncertainty of a net score": z²/4 pseudo-answers to promoters and detractors,
    z²/2 to passives; cut at ±100; widened to include the observed score."""
    nt = n + z * z
    pt = (x_prom + z * z / 4) / nt
    dt = (x_det + z * z / 4) / nt
    s_ = pt - dt
    vt = pt + dt - s_ * s_
    half = z * math.sqrt(vt / nt)
    score = 100 * (x_prom - x_det) / n
    lo = max(-100.0, 100 * (s_ - half))
    hi = min(100.0, 100 * (s_ + half))
    return min(lo, score), max(hi, score)


def two_prop_p(x1, n1, x2, n2):
    """Two-proportion z-test, pooled (method.md "Is a change real?")."""
    p = (x1 + x2) / (n1 + n2)
    var = p * (1 - p) * (1 / n1 + 1 / n2)
    if var <= 0:
        return 1.0
    z = (x2 / n2 - x1 / n1) / math.sqrt(var)
    return 2 * st.norm.sf(abs(z))


def net_p(a, b):
    """Net-score difference test (method.md); None when undefined."""
    var = 100 ** 2 * a["v"] / a["n"] + 100 ** 2 * b["v"] / b["n"]
    if var <= 0:
        return 1.0 if a["score"] == b["score"] else None  # method.md: identical groups without spread
    z = (b["score"] - a["score"]) / math.sqrt(var)
    return 2 * st.norm.sf(abs(z))


def index_p(i1, n1, i2, n2):
    """Index change: index/100 x respondents favourable out of respondents (method.md)."""
    return two_prop_p(i1 / 100 * n1, n1, i2 / 100 * n2, n2)


def index_test(i1, n1, i2, n2):
    """An index as x = round(index/100 x respondents) favourable of n = respondents (method.md),
    rounded by the rule of "Rounding"."""
    r = lambda v: display_units(v, 0)
    return two_prop_p(r(i1 / 100 * n1), n1, r(i2 / 100 * n2), n2)


def bh(ps):
    """Benjamini-Hochberg adjusted values, q(i) = min over j >= i of m p(j) / j, at most 1."""
    m = len(ps)
    order = sorted(range(m), key=lambda i: ps[i])
    q = [0.0] * m
    run = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        run = min(run, m * ps[i] / rank)
        q[i] = min(run, 1.0)
    return q


def pearson(xs, ys):
    n = len(xs)
    if n < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    r, p = st.pearsonr(xs, ys)
    out = {"r": float(r), "p": float(p), "n": n, "lo": None, "hi": None}
    if n >= 4:
        h = Z95 / math.sqrt(n - 3)
        out["lo"], out["hi"] = math.tanh(math.atanh(r) - h), math.tanh(math.atanh(r) + h)
    return out


def spearman(xs, ys):
    n = len(xs)
    if n < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    # method.md: ties are values equal after rounding to 9 decimals
    rho, p = st.spearmanr([display(x, 9) for x in xs], [display(y, 9) for y in ys])
    out = {"r": float(rho), "p": float(p), "n": n, "lo": None, "hi": None}
    if n >= 4:
        h = Z95 * math.sqrt((1 + rho * rho / 2) / (n - 3))
        out["lo"], out["hi"] = math.tanh(math.atanh(rho) - h), math.tanh(math.atanh(rho) + h)
    return out


# ================================================================ anonymity (method.md "Anonymity")
FEWER, PROTECT, ABOVE, NODATA, SHOWN = "fewer", "protect", "above", "nodata", "shown"
ALLSMALL = "allsmall"   # every sub-group too small: hidden itself (method.md)
REPORTED = "reported"   # reported with another unit (report_with), no EX results of its own
HIDDEN = (FEWER, PROTECT, ABOVE, ALLSMALL)


def suppression(site, responses, before=None, ceiling=None):
    """Status of every group in one period (method.md "Anonymity"), for one published count.
    responses: group -> that count; before: the responses' statuses, which stay hidden here;
    ceiling: group -> its responses, the published bound of a question's or the eNPS answers."""
    N = site.threshold
    groups = [""] + site.order
    status = {}
    allsmall_here = set()  # hidden because every sub-group is too small, in this count's table

    def start(upward):
        """Each group's own status, the groups found hidden themselves so far, and below them."""
        status.clear()
        allsmall_here.clear()
        for g in groups:
            r = responses.get(g, 0)
            status[g] = NODATA if r == 0 else (FEWER if r < N else SHOWN)
            if before and before[g] not in (SHOWN, NODATA, REPORTED) and status[g] == SHOWN:
                status[g] = before[g]
            if before and before[g] == REPORTED:
                status[g] = REPORTED
            if g in upward:
                status[g] = ALLSMALL
                allsmall_here.add(g)
        for g in groups:
            if status[g] in HIDDEN:
                hide_below(g)

    def hide_below(g):
        for c in site.children[g]:
            if status[c] == SHOWN:
                status[c] = ABOVE
            hide_below(c)

    def teams(g):
        """The teams with data at or below g; a group with data and no such sub-group is one."""
        below = sum(teams(c) for c in site.children[g])
        return below if below else (1 if responses.get(g, 0) > 0 else 0)

    def small(g):
        """Every team at or below g is below N (method.md "Differencing")."""
        return responses.get(g, 0) < N or (g in allsmall_here and all(
            small(c) for c in site.children[g] if responses.get(c, 0) > 0))

    def forced(g):
        return bool(before) and before[g] in HIDDEN

    def span(g):
        """What a reader can say of a hidden sub-group's count: (least, largest or None)."""
        r, m = responses.get(g, 0), teams(g)
        least = m if forced(g) or r < N else max(m, N)
        most = m * (N - 1) if small(g) else None
        if ceiling is not None and not forced(g):  # its responses are published
            most = ceiling.get(g, 0) if most is None else min(most, ceiling.get(g, 0))
        return least, most

    def fixed(d, spans):
        """method.md: at the sum of the least sizes or of the largest, or at most one can vary."""
        most = [b for _, b in spans]
        return (d <= sum(a for a, _ in spans) or (None not in most and d == sum(most))
                or sum(1 for a, b in spans if a != b) < 2)

    # One pass from the top down decides each shown group once, given its sub-groups; when a
    # group is found hidden itself, the pass starts again with it hidden, so the group above
    # protects it.
    upward = set()
    changed = True
    while changed:
        changed = False
        start(upward)
        for g in groups:
            if status[g] != SHOWN or not site.children[g]:
                continue
            kids = [c for c in site.children[g] if status[c] not in (NODATA, REPORTED)]
            # "every sub-group too small on its own (or hidden above it)": the group goes too
            if kids and all(status[c] in (FEWER, ALLSMALL) for c in kids):
                upward.add(g)
                changed = True
                break
            hidden = [c for c in kids if status[c] in HIDDEN]
            if not hidden:
                continue
            T = sum(responses.get(c, 0) for c in hidden)
            k = len(hidden)
            pinned = T == k or T == k * (N - 1) or k >= N - 1
            # through the levels: the teams inside the hidden sub-groups at 1 each, or at N - 1
            m = sum(teams(c) for c in hidden)
            pinned = pinned or T == m or (all(small(c) for c in hidden) and T == m * (N - 1))
            spans = [span(c) for c in hidden]
            if T < N or k == 1 or pinned or fixed(T, spans):
                shown = [c for c in kids if status[c] == SHOWN]
                # respondents of g in no sub-group: at least 0, no upper bound
                outside = responses.get(g, 0) - sum(responses.get(c, 0) for c in site.children[g])
                d = T + max(outside, 0)
                if outside > 0:
                    spans.append((0, None))
                # the last-listed shown one, whatever its size; then the next while still fixed
                for j, c in enumerate(reversed(shown)):
                    if j > 0 and not fixed(d, spans):
                        break
                    status[c] = PROTECT
                    hide_below(c)
                    d += responses.get(c, 0)
                    spans.append(span(c))
                all_forced = before and all(forced(c) for c in kids if responses.get(c, 0) > 0)
                if fixed(d, spans) and not all_forced:
                    upward.add(g)  # nothing left to dilute: the group itself is hidden
                    changed = True
                    break
    return status


# ================================================================ the model: every group, every period
class Model:
    def __init__(self, site):
        self.site = site
        self.ex = {}      # (period, group) -> dict of summed EX counts
        self.cx = {}
        self.status = {}  # (period, group) -> status
        self._verdicts = {}
        self._compared = {}
        self.withheld = {}
        groups = [""] + site.order
        self.hidden_count = {}  # (period, group, count) -> hidden in that count's own table
        self.qset = {}          # (period, side) -> the period's question set
        for p in site.periods:
            d = site.surveys[p]
            resp = {}
            for g in groups:
                ls = site.leaves_under(g) if g else site.leaves
                if g in site.report_with:
                    ls = []  # its answers are in the other team's report (format.md report_with)
                elif not site.children[g]:
                    ls = [g] + [t for t, w in site.report_with.items() if w == g]
                self.ex[p, g] = self.sum_side(ls, d.get("ex") or {}, site.ex_items, "enps", True)
                self.cx[p, g] = self.sum_side(site.leaves_under(g) if g else site.leaves,
                                              d.get("cx") or {}, site.cx_items, "nps", False)
                resp[g] = self.ex[p, g]["responses"] if self.ex[p, g] else 0
            base = {g: (REPORTED if g in site.report_with else SHOWN) for g in groups}
            st_ = suppression(site, resp, base)
            for g in groups:
                self.status[p, g] = st_[g]
            # "Every published table": each question's n, the eNPS answers and turnover
            counts = {("item", i): (lambda e, i=i: sum(e["items"][i]) if e["items"].get(i) else 0) for i in site.ex_items}
            counts["enps"] = lambda e: sum(e["net"])
            # method.md "Every published table": ⌈h − 10⁻⁹⌉ heads in exact arithmetic, or the
            # leavers if more.
            counts["turnover"] = lambda e: (max(math.ceil(e["headcount_exact"] - HEADCOUNT_TOLERANCE), e["leavers"])
                                            if e["has_hc"] else 0)
            for key, f in counts.items():
                n_k = {g: (f(self.ex[p, g]) if self.ex[p, g] else 0) for g in groups}
                st_k = suppression(site, n_k, st_, None if key == "turnover" else resp)
                for g in groups:
                    self.hidden_count[p, g, key] = st_k[g] in HIDDEN
                    if key[0] == "item":
                        self.withheld[p, g, key[1]] = st_k[g] in HIDDEN
            for side, items in (("ex", site.ex_items), ("cx", site.cx_items)):
                org = (self.ex if side == "ex" else self.cx).get((p, ""))
                self.qset[p, side] = [i for i in items if org and org["items"].get(i) and sum(org["items"][i]) > 0]

    @staticmethod
    def sum_side(leaves, data, items, net, ex):
        present = [l for l in leaves if l in data]
        if not present:
            return None
        # headcount_exact: the decimal headcounts as written, summed in exact arithmetic, for
        # method.md's count of people (the float sum is what turnover divides by).
        out = {"responses": 0, "invited": 0, "headcount": 0.0, "headcount_exact": Fraction(0),
               "leavers": 0, "has_hc": False,
               "net": [0] * 11, "items": {i: None for i in items}}
        for l in present:
            e = data[l]
            out["responses"] += e.get("responses", 0)
            out["invited"] += e.get("invited", 0) or 0
            if "headcount" in e:
                out["has_hc"] = True
                out["headcount"] += e["headcount"]
                out["headcount_exact"] += Fraction(repr(float(e["headcount"])))
                out["leavers"] += e.get("leavers", 0) or 0
            if e.get(net):
                out["net"] = [a + b for a, b in zip(out["net"], e[net])]
            for i, v in (e.get("items") or {}).items():
                c = counts_of(v)
                cur = out["items"].get(i)
                out["items"][i] = c if cur is None else [a + b for a, b in zip(cur, c)]
        return out

    # -- per group figures
    def shown(self, p, g):
        return self.status[p, g] == SHOWN

    def item(self, p, g, side, i):
        """A question's shares for a group, or None when not shown (withheld, or CX minimum)."""
        d = (self.ex if side == "ex" else self.cx).get((p, g))
        if not d or d["items"].get(i) is None or sum(d["items"][i]) == 0:
            return None
        if side == "ex" and (not self.shown(p, g) or self.withheld.get((p, g, i))):
            return None
        if side == "cx" and not self.cx_shown(p, g):
            return None
        return share_stats(d["items"][i], self.site.scale(i))

    def cx_shown(self, p, g):
        d = self.cx.get((p, g))
        return bool(d) and d["responses"] >= self.site.cx_threshold

    def index_over(self, p, g, side, items):
        """Mean favourable share over the period's full question set, or withheld when one of those
        questions is not shown for the group (method.md "Always the same questions")."""
        items = [i for i in items if i in self.qset[p, side]]
        if not items or any(self.item(p, g, side, i) is None for i in items):
            return None
        # Exact rational arithmetic, so that equal indices are equal floats: Spearman's ties and
        # the ranks depend on it (summed in another order, 65/0.9 differs in its last bit).
        vals = [Fraction(s["x"], s["n"]) for s in (self.item(p, g, side, i) for i in items) if s]
        return float(100 * sum(vals) / len(vals)) if vals else None

    def index(self, p, g, side):
        items = self.site.ex_items if side == "ex" else self.site.cx_items
        return self.index_over(p, g, side, items)

    def factor(self, p, g, side, fid):
        f = [f for f in self.site.factors if f[0] == fid][0]
        return self.index_over(p, g, side, f[2] if side == "ex" else f[3])

    def net(self, p, g, side):
        d = (self.ex if side == "ex" else self.cx).get((p, g))
        if not d or sum(d["net"]) == 0:
            return None
        if side == "ex" and (not self.shown(p, g) or self.hidden_count.get((p, g, "enps"))):
            return None
        if side == "cx" and not self.cx_shown(p, g):
            return None
        return net_score(d["net"])

    def respondents(self, p, g, side):
        d = (self.ex if side == "ex" else self.cx).get((p, g))
        return d["responses"] if d else 0

    def response_rate(self, p, g):
        d = self.ex.get((p, g))
        if not d or not d["invited"]:
            return None
        return d["responses"] / d["invited"]

    def turnover(self, p, g):
        d = self.ex.get((p, g))
        if not d or not d["has_hc"] or d["headcount"] == 0 or self.hidden_count.get((p, g, "turnover")):
            return None
        return d["leavers"] / d["headcount"]

    # -- verdicts (method.md "Is a change real, is a difference clear?")
    def rest_counts(self, p, g, side):
        """The organisation's summed counts minus the unit's."""
        whole = (self.ex if side == "ex" else self.cx)[p, ""]
        part = (self.ex if side == "ex" else self.cx)[p, g]
        items = {}
        for i, c in whole["items"].items():
            pc = part["items"].get(i)
            items[i] = None if c is None else (c if pc is None else [x - y for x, y in zip(c, pc)])
        return {"responses": whole["responses"] - part["responses"],
                "net": [x - y for x, y in zip(whole["net"], part["net"])], "items": items}

    def index_from(self, d, side, items):
        vals = []
        for i in items:
            c = d["items"].get(i)
            if c is not None and sum(c) > 0:
                st_ = share_stats(c, self.site.scale(i))
                vals.append(Fraction(st_["x"], st_["n"]))
        return float(100 * sum(vals) / len(vals)) if vals else None

    def answered_items(self, p, g, side):
        items = self.site.ex_items if side == "ex" else self.site.cx_items
        return [i for i in items if self.item(p, g, side, i)]

    def verdict_tests(self, p):
        """Every verdict the report computes for period p: (group, measure, kind) -> (diff, p-value)."""
        out = {}
        prev = self.prev(p)
        for g in [""] + self.site.order:
            for measure in ("ex_index", "cx_index", "enps", "nps"):
                side = "ex" if measure in ("ex_index", "enps") else "cx"
                d = (self.ex if side == "ex" else self.cx).get((p, g))
                if not d or (side == "ex" and not self.shown(p, g)):
                    continue
                is_index = measure.endswith("index")
                # against the previous period
                if prev and (prev, g) in (self.ex if side == "ex" else self.cx) and \
                        (self.ex if side == "ex" else self.cx).get((prev, g)) and \
                        (side == "cx" or self.shown(prev, g)):
                    if is_index:
                        a_, b_ = self.index(prev, g, side), self.index(p, g, side)
                        na, nb = self.respondents(prev, g, side), self.respondents(p, g, side)
                        same_questions = self.qset[prev, side] == self.qset[p, side]
                        if same_questions and a_ is not None and b_ is not None and na and nb:
                            out[g, measure, "prev"] = (b_ - a_, index_test(a_, na, b_, nb), a_, b_)
                    else:
                        a_, b_ = self.net(prev, g, side), self.net(p, g, side)
                        if a_ and b_:
                            out[g, measure, "prev"] = (b_["score"] - a_["score"], net_p(a_, b_), a_["score"], b_["score"])
                # against the rest of the organisation
                if g:
                    rest = self.rest_counts(p, g, side)
                    if is_index:
                        items = self.qset[p, side]  # "the rest's index averages the same questions"
                        b_ = self.index(p, g, side)
                        a_ = self.index_from(rest, side, items)
                        na, nb = rest["responses"], self.respondents(p, g, side)
                        if a_ is not None and b_ is not None and na > 0 and nb > 0:
                            out[g, measure, "rest"] = (b_ - a_, index_test(a_, na, b_, nb), a_, b_)
                    else:
                        a_, b_ = net_score(rest["net"]), self.net(p, g, side)
                        if a_ and b_:
                            out[g, measure, "rest"] = (b_["score"] - a_["score"], net_p(a_, b_), a_["score"], b_["score"])
        return out

    def verdicts(self, p):
        if p not in self._verdicts:
            tests = self.verdict_tests(p)
            keys = [k for k, v in tests.items() if v[1] is not None]
            qs = bh([tests[k][1] for k in keys])
            self._verdicts[p] = {k: (tests[k][0], tests[k][1], None) for k in tests}
            # The two figures compared (before, after), for the change a page shows.
            self._compared[p] = {k: tests[k][2:] for k in tests}
            for k, q in zip(keys, qs):
                self._verdicts[p][k] = (tests[k][0], tests[k][1], q)
        return self._verdicts[p]

    def shown_change(self, p, key, d=0):
        """method.md "Rounding": a change is shown as the difference of the two figures as shown."""
        before, after = self._compared[p][key]
        return display(after, d) - display(before, d)

    def prev(self, p):
        i = self.site.periods.index(p)
        return self.site.periods[i - 1] if i > 0 else None

    # -- linkage (method.md "Linkage"): one point per team with EX shown and CX
    def points(self, p, fx=None, fy=None):
        pts = []
        for u in self.site.leaves:
            if not self.shown(p, u) or not self.cx.get((p, u)):
                continue
            # method.md: factor correlations and key drivers use the same teams as the headline
            # r, those with both a shown EX index and a shown CX index.
            if self.index(p, u, "ex") is None or self.index(p, u, "cx") is None:
                continue
            x = self.index(p, u, "ex") if fx is None else fx(u)
            y = self.index(p, u, "cx") if fy is None else fy(u)
            if x is not None and y is not None:
                pts.append((u, x, y))
        return pts


# ================================================================ HTML: a small DOM
class Node:
    __slots__ = ("tag", "attrs", "kids", "parent")

    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.kids, self.parent = tag, dict(attrs), [], parent

    def cls(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        return "".join(k if isinstance(k, str) else k.text() for k in self.kids)

    def find(self, pred):
        out = []
        for k in self.kids:
            if isinstance(k, Node):
                if pred(k):
                    out.append(k)
                out.extend(k.find(pred))
        return out


VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr"}


class Dom(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.kids.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.kids.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, d):
        self.cur.kids.append(d)


def by_tag(t):
    return lambda n: n.tag == t


def by_class(c):
    return lambda n: c in n.cls()


def table_rows(table):
    rows = []
    for tr in table.find(by_tag("tr")):
        rows.append([" ".join(c.text().split()) for c in tr.kids if isinstance(c, Node) and c.tag in ("td", "th")])
    return rows


# ================================================================ locale-aware numbers
MINUS = "\u2212"
NUM_RE = {
    "en": re.compile(r"[+\-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"),
    "fi": re.compile(r"[+\-\u2212]?(?:\d{1,3}(?:[\u00a0\u202f ]\d{3})+|\d+)(?:,\d+)?"),
}
NUM_RE["sv"] = NUM_RE["fi"]


def numbers(s, lang):
    """Every number in s as (value, decimals), in order."""
    out = []
    for m in NUM_RE[lang].finditer(s):
        t = m.group(0).replace(MINUS, "-")
        if lang == "en":
            t = t.replace(",", "")
        else:
            t = re.sub(r"[\u00a0\u202f ]", "", t).replace(",", ".")
        dec = len(t.split(".")[1]) if "." in t else 0
        out.append((float(t), dec))
    return out


def number(s, lang):
    ns = numbers(s, lang)
    return ns[0] if len(ns) == 1 else None


def parser_self_test():
    """The number reader on the formats the three languages print; a failure stops the audit."""
    cases = [("en", "−9 … +76", [-9, 76]), ("en", "0.57 (95% interval 0.21–0.79)", [0.57, 95, 0.21, 0.79]),
             ("en", "2,335", [2335]), ("en", "86%", [86]), ("en", "−0.14–0.64", [-0.14, 0.64]),
             ("fi", "0,57", [0.57]), ("fi", "2\u00a0335", [2335]), ("fi", "86\u00a0%", [86]),
             ("fi", "95\u00a0%: −12 … +62", [95, -12, 62]), ("sv", "13,6 personal", [13.6]),
             ("fi", "12 / 14", [12, 14]), ("sv", "2\u202f335", [2335])]
    for lang, text, want in cases:
        got = [v for v, _ in numbers(text, lang)]
        assert got == want, f"number parsing ({lang}) {text!r}: {got} != {want}"


# ================================================================ the comparison
class Audit:
    def __init__(self, site, model):
        self.site, self.m, self.lang = site, model, site.lang
        self.passed = Counter()
        self.failed = Counter()
        self.failures = []
        self.notes = []

    def num(self, kind, page, fig, what, published, expected, scale=1.0):
        """Compare a published number (string) with a recomputed one (in the published unit)."""
        if expected is None:
            self.fail(kind, page, fig, what, published, "not computable (should be left out)")
            return
        v = published if isinstance(published, tuple) else number(published, self.lang)
        if v is None:
            self.fail(kind, page, fig, what, published, fmt(expected * scale))
            return
        val, dec = v
        published = fmt(v) if isinstance(published, tuple) else published
        if round(val * 10 ** dec) == display_units(expected * scale, dec):
            self.passed[kind] += 1
        else:
            self.fail(kind, page, fig, what, published, fmt(expected * scale))

    def eq(self, kind, page, fig, what, published, expected):
        if published == expected:
            self.passed[kind] += 1
        else:
            self.fail(kind, page, fig, what, published, expected)

    def fail(self, kind, page, fig, what, published, expected):
        self.failed[kind] += 1
        self.failures.append((kind, page, fig, what, published, expected))


def fmt(x):
    if isinstance(x, tuple) and len(x) == 2 and isinstance(x[1], int):
        return f"{x[0]:.{x[1]}f}"
    return f"{x:.6g}" if isinstance(x, float) else str(x)


def split_title(title):
    """A title's parts: "A · B · Q2 2026", or a caption "Units ranked: A, Q2 2026"."""
    return [s.strip() for s in re.split(r"·|: |, ", title)]


def context(site, title, default_unit, default_period):
    unit, period = default_unit, default_period
    for seg in split_title(title):
        if seg in site.by_name:
            unit = site.by_name[seg]
        if site.period_of(seg):
            period = site.period_of(seg)
    return unit, period


# ---------------------------------------------------------------- figure checks, by chart kind
def check_trend(a, page, fig, title, rows, unit):
    site, m = a.site, a.m
    head, body = rows[0], rows[1:]
    net = head[1] != site_label(a, "ex_index")
    for r in body:
        p = site.period_of(r[0])
        if p is None:
            a.fail("trend", page, fig, "period label", r[0], "a period")
            continue
        hidden = not m.shown(p, unit)
        ex_v = m.net(p, unit, "ex")["score"] if net and m.net(p, unit, "ex") else (None if net else m.index(p, unit, "ex"))
        cx_v = m.net(p, unit, "cx")["score"] if net and m.net(p, unit, "cx") else (None if net else m.index(p, unit, "cx"))
        kind = "trend net score" if net else "trend index"
        check_ex_cell(a, kind, page, fig, f"{p} {head[1]}", r[1], ex_v, hidden)
        check_cell(a, kind, page, fig, f"{p} {head[2]}", r[2], cx_v)


def check_cell(a, kind, page, fig, what, cell, expected, scale=1.0):
    """A table cell: a number, or a dash / empty when nothing can be computed."""
    if expected is None:
        if number(cell, a.lang) is not None:
            a.fail(kind, page, fig, what, cell, "left out (not computable)")
        else:
            a.passed[kind] += 1
        return
    a.num(kind, page, fig, what, cell, expected, scale)


def check_ex_cell(a, kind, page, fig, what, cell, expected, hidden):
    if hidden:
        if number(cell, a.lang) is not None:
            a.fail("privacy", page, fig, what, cell, "hidden")
        else:
            a.passed["privacy"] += 1
        return
    check_cell(a, kind, page, fig, what, cell, expected)


def site_label(a, key):
    return a.labels.get(key)


def check_mirror(a, page, fig, title, rows, unit, period):
    m, site = a.m, a.site
    for r in rows[1:]:
        f = factor_by_name(site, r[0])
        if f is None:
            a.fail("mirror", page, fig, "factor", r[0], "a factor name")
            continue
        check_ex_cell(a, "factor score", page, fig, f"{r[0]} EX ({site.name[unit]})", r[1],
                      m.factor(period, unit, "ex", f), not m.shown(period, unit))
        check_cell(a, "factor score", page, fig, f"{r[0]} CX ({site.name[unit]})", r[2], m.factor(period, unit, "cx", f))
        if len(r) >= 5:
            check_ex_cell(a, "factor score", page, fig, f"{r[0]} EX (organisation)", r[3],
                          m.factor(period, "", "ex", f), not m.shown(period, ""))
            check_cell(a, "factor score", page, fig, f"{r[0]} CX (organisation)", r[4], m.factor(period, "", "cx", f))


FACTOR_LABELS = {}  # factor name as the pages spell it (any language) -> id; learned in run()


def factor_by_name(site, name):
    for f in site.factors:
        if f[1] == name or f[0] == name:
            return f[0]
    return FACTOR_LABELS.get(name)


def check_scatter(a, page, fig, title, rows, period):
    m, site = a.m, a.site
    pts = {u: (x, y) for u, x, y in m.points(period)}
    seen = set()
    for r in rows[1:]:
        u = site.by_name.get(r[0])
        if u is None:
            a.fail("scatter", page, fig, "unit", r[0], "a unit name")
            continue
        seen.add(u)
        if u not in pts:
            a.fail("privacy" if not m.shown(period, u) else "scatter", page, fig, f"{r[0]} plotted", r[0], "not a point (hidden or no data)")
            continue
        a.num("scatter point", page, fig, f"{r[0]} EX index", r[1], pts[u][0])
        a.num("scatter point", page, fig, f"{r[0]} CX index", r[2], pts[u][1])
    for u in pts:
        if u not in seen:
            a.fail("scatter", page, fig, "point missing", "(absent)", site.name[u])


def check_likert(a, page, fig, title, rows, unit, period):
    m, site = a.m, a.site
    side = "cx" if site_label(a, "cx_side") in split_title(title) else "ex"
    hidden = side == "ex" and not m.shown(period, unit)
    for r in rows[1:]:
        i = a.item_by_text.get(r[0])
        if i is None:
            a.fail("likert", page, fig, "question", r[0], "a question text")
            continue
        s = m.item(period, unit, side, i)
        what = f"{site.name[unit]} {period} {i}"
        if hidden:
            a.fail("privacy", page, fig, what, r[3], "hidden")
            continue
        if s is None:
            a.fail("likert", page, fig, what, r, "no answers: row left out")
            continue
        a.num("item share", page, fig, what + " unfavourable", r[1], s["unf"], 100)
        a.num("item share", page, fig, what + " neutral", r[2], s["neu"], 100)
        a.num("item share", page, fig, what + " favourable", r[3], s["fav"], 100)
        a.num("item n", page, fig, what + " n", r[4], s["n"])
        a.num("item mean", page, fig, what + " mean", r[5], s["mean"])
        ns = numbers(r[6], a.lang)
        lo, hi = wilson(s["x"], s["n"])
        if len(ns) != 2:
            a.fail("wilson interval", page, fig, what + " interval", r[6], f"{lo*100:.1f}–{hi*100:.1f}")
        else:
            a.num("wilson interval", page, fig, what + " interval low", fmt_n(ns[0]), lo, 100)
            a.num("wilson interval", page, fig, what + " interval high", fmt_n(ns[1]), hi, 100)
    # completeness: every item with answers appears
    listed = {a.item_by_text.get(r[0]) for r in rows[1:]}
    f = factor_in_title(site, title)
    items = site.ex_items if side == "ex" else site.cx_items
    if f:
        fr = [x for x in site.factors if x[0] == f][0]
        items = fr[2] if side == "ex" else fr[3]
    if not hidden:
        for i in items:
            if i not in listed and m.item(period, unit, side, i):
                a.fail("likert", page, fig, f"{site.name[unit]} {period} {i}", "(row absent)", "a row")


def fmt_n(v):
    """A number already split out of a cell, as (value, decimals): Audit.num takes it as is."""
    return v


def factor_in_title(site, title):
    for seg in split_title(title):
        f = factor_by_name(site, seg)
        if f:
            return f
    return None


def check_net(a, page, fig, title, rows, unit, period):
    m = a.m
    for k, r in enumerate(rows[1:]):
        side = "ex" if k == 0 else "cx"
        if len(rows) == 2:  # one row only: which one?
            side = "ex" if r[0] == site_label(a, "enps") else "cx"
        s = m.net(period, unit, side)
        what = f"{a.site.name[unit]} {period} {r[0]}"
        if side == "ex" and not m.shown(period, unit):
            a.fail("privacy", page, fig, what, r[4], "hidden")
            continue
        if s is None:
            a.fail("net score", page, fig, what, r, "left out")
            continue
        a.num("net shares", page, fig, what + " detractors", r[1], s["det"], 100)
        a.num("net shares", page, fig, what + " passives", r[2], s["pas"], 100)
        a.num("net shares", page, fig, what + " promoters", r[3], s["prom"], 100)
        a.num("net score", page, fig, what + " score", r[4], s["score"])
        a.num("net n", page, fig, what + " n", r[5], s["n"])


def check_heatmap(a, page, fig, title, rows, period):
    m, site = a.m, a.site
    head = rows[0]
    fids = [factor_by_name(site, h) for h in head[1:]]
    seen = set()
    for r in rows[1:]:
        u = site.by_name.get(r[0])
        if u is None:
            a.fail("heatmap", page, fig, "unit", r[0], "a unit name")
            continue
        seen.add(u)
        for f, cell in zip(fids, r[1:]):
            check_ex_cell(a, "heatmap factor score", page, fig, f"{r[0]} {period} {f}", cell,
                          m.factor(period, u, "ex", f), not m.shown(period, u))
    return seen


def check_response(a, page, fig, title, rows, period):
    m, site = a.m, a.site
    for r in rows[1:]:
        u = site.by_name.get(r[0])
        if u is None:
            a.fail("response", page, fig, "unit", r[0], "a unit name")
            continue
        what = f"{r[0]} {period}"
        if not m.shown(period, u):
            a.fail("privacy", page, fig, what + " response rate", r[1], "hidden")
            continue
        d = m.ex[period, u]
        a.num("response rate", page, fig, what + " rate", r[1], m.response_rate(period, u), 100)
        ns = numbers(r[2], a.lang)
        if len(ns) == 2:
            a.num("response counts", page, fig, what + " responses", fmt_n(ns[0]), d["responses"])
            a.num("response counts", page, fig, what + " invited", fmt_n(ns[1]), d["invited"])
        else:
            a.fail("response counts", page, fig, what, r[2], f"{d['responses']}/{d['invited']}")


def lag_labels(labels):
    """Row labels -> [(ex_first, k)]. The same-period row (k = 0) has one number, the pairs; a
    lagged row has two, k and the pairs. Its direction: whether the word for employees (the
    first word of the same-period row, "Employees and customers in the same period…", compared
    by its first six letters to allow Finnish and Swedish inflections) comes before the other
    side's, i.e. earlier in the row than in the other row of the same k."""
    ints = [[int(v) for v in re.findall(r"\d+", lab)] for lab in labels]
    k_of = [n[0] if len(n) == 2 else 0 for n in ints]
    same = [lab for lab, k in zip(labels, k_of) if k == 0]
    stem = re.findall(r"\w+", same[0])[0].lower()[:6] if same else ""

    def ex_pos(lab):
        words = [w.lower() for w in re.findall(r"\w+", lab)]
        return next((i for i, w in enumerate(words) if w.startswith(stem)), len(words))

    out = []
    for lab, k in zip(labels, k_of):
        if k == 0:
            out.append((True, 0))
            continue
        others = [ex_pos(o) for o, ko in zip(labels, k_of) if ko == k and o != lab]
        out.append((all(ex_pos(lab) < p for p in others), k))
    return out


def check_lag(a, page, fig, title, rows):
    for r, (ex_first, k) in zip(rows[1:], lag_labels([r[0] for r in rows[1:]])):
        res = lag_row(a.m, ex_first, k)
        what = r[0]
        if res is None:
            if numbers(r[1], a.lang):
                a.fail("lag", page, fig, what, r[1], "not computable")
            continue
        a.num("lag r", page, fig, what + " r", r[1], res["r"])
        a.num("lag teams", page, fig, what + " teams", r[4], res["teams"])
        pairs = [v for v, _ in numbers(r[0], a.lang)]
        a.eq("lag label", page, fig, what + " pairs averaged", str(int(pairs[-1])) if pairs else r[0], str(res["pairs"]))
        for col, key in ((2, "lo"), (3, "hi")):
            a.num("lag bootstrap", page, fig, what + " " + key, r[col], res[key])


_LAG = {}


def lag_pairs(m, ex_first, k):
    ps = m.site.periods
    out = []
    for t in range(len(ps) - k):
        a_, b_ = ps[t], ps[t + k]  # the site's periods are consecutive quarters in the example
        xs = {}
        for u in m.site.leaves:
            if not m.shown((a_ if ex_first else b_), u):
                continue
            x = m.index(a_, u, "ex" if ex_first else "cx")
            y = m.index(b_, u, "cx" if ex_first else "ex")
            if x is not None and y is not None:
                xs[u] = (x, y)
        if len(xs) >= MIN_TEAMS:
            out.append(xs)
    return out


MASK64 = (1 << 64) - 1
LAG_SEED = 0x006B6F6C696B6B6F  # method.md "Over time (lags)": "kolikko" in ASCII


class SplitMix64:
    """Steele, Lea & Flood (2014), as method.md specifies it."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        return (self.next() * n) >> 64


def boot_mean_r(pairs, centres, teams, weights):
    """method.md's replicate: the mean over pairs of the weighted Pearson r, from sums about each
    pair's centre accumulated team by team in units.yaml order; None when no pair is defined."""
    total, count = 0.0, 0
    for p, (cx_, cy_) in zip(pairs, centres):
        n = 0
        sx = sy = sxx = syy = sxy = 0.0
        for u in teams:
            c = weights.get(u, 0)
            if c == 0 or u not in p:
                continue
            w = float(c)
            dx, dy = p[u][0] - cx_, p[u][1] - cy_
            n += c
            sx += w * dx
            sy += w * dy
            sxx += w * dx * dx
            syy += w * dy * dy
            sxy += w * dx * dy
        if n < 3:
            continue
        nf = float(n)
        vx, vy, cxy = sxx - sx * sx / nf, syy - sy * sy / nf, sxy - sx * sy / nf
        if vx <= 1e-12 * max(sxx, sys.float_info.min) or vy <= 1e-12 * max(syy, sys.float_info.min):
            continue  # "no spread"
        total += min(1.0, max(-1.0, cxy / math.sqrt(vx * vy)))
        count += 1
    return total / count if count else None


def percentile(sorted_vals, q):
    """Linear interpolation between order statistics (method.md; numpy.percentile's default)."""
    pos = q / 100.0 * (len(sorted_vals) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_vals) - 1)
    return sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * (pos - lo)


def lag_row(m, ex_first, k, reps=1000):
    """method.md "Over time (lags)": the plain mean of the pair correlations over the period
    pairs with at least 8 teams; "teams" is the number of distinct teams in the pairs; the 95%
    interval the team bootstrap exactly as method.md specifies it (seed, SplitMix64, draw rule,
    sums about each pair's centre, percentile rule), so it is compared digit for digit."""
    key = (ex_first, k)
    if key in _LAG:
        return _LAG[key]
    pairs = lag_pairs(m, ex_first, k)
    if not pairs:
        _LAG[key] = None
        return None
    rs = [np.corrcoef([v[0] for v in p.values()], [v[1] for v in p.values()])[0, 1] for p in pairs]
    teams = [u for u in m.site.leaves if any(u in p for p in pairs)]  # units.yaml order
    centres = []
    for p in pairs:
        sx = sy = 0.0
        for u in teams:
            if u in p:
                sx += p[u][0]
                sy += p[u][1]
        centres.append((sx / len(p), sy / len(p)))
    rng = SplitMix64(LAG_SEED ^ ((0 if ex_first else 1) << 8 | k))
    values = []
    for _ in range(reps):
        weights = Counter(teams[rng.below(len(teams))] for _ in range(len(teams)))
        v = boot_mean_r(pairs, centres, teams, weights)
        if v is not None:
            values.append(v)
    values.sort()
    lo, hi = (percentile(values, 2.5), percentile(values, 97.5)) if len(values) >= 2 else (None, None)
    _LAG[key] = {"r": sum(rs) / len(rs), "lo": lo, "hi": hi, "teams": len(teams), "pairs": len(pairs)}
    return _LAG[key]


def check_factor_trend(a, page, fig, title, rows, fid):
    m = a.m
    for r in rows[1:]:
        p = r[0]
        check_ex_cell(a, "factor trend", page, fig, f"{fid} {p} EX", r[1], m.factor(p, "", "ex", fid), not m.shown(p, ""))
        check_cell(a, "factor trend", page, fig, f"{fid} {p} CX", r[2], m.factor(p, "", "cx", fid))


def check_svg_titles(a, page, fid, fig, rows, period):
    """Each hover title in a chart's SVG ("Kallio facility services: EX 67, CX 81") states numbers
    of one row of the chart's data table, which is audited; a hidden team's title has none."""
    by_label = {r[0]: r for r in rows[1:]}
    for svg in fig.find(by_tag("svg")):
        for t in svg.find(by_tag("title")):
            text = " ".join(t.text().split())
            label = re.split(r":|, ", text)[0].strip()
            u = a.site.by_name.get(label)
            if u is not None and period in a.site.surveys and not a.m.shown(period, u) and fid.split("-")[0] in ("scatter", "heatmap", "response"):
                if numbers(text[len(label):], a.lang):
                    a.fail("privacy", page, fid, f"svg title {text}", text, "hidden")
                continue
            row = by_label.get(label)
            if row is None:
                continue
            have = [vd for c in row[1:] for vd in numbers(c, a.lang)]
            rest = text[len(label):]
            if fid.startswith("likert"):
                # A band is named with its answers on the scale ("Favourable (4–5)"): scale
                # points, not figures of the row.
                rest = re.sub(r"\(\d+(?:[–-]\d+)?\)", "", rest)
                # A named scale lists its points with their words ("(4 = Agree, 5 = Strongly
                # agree)", format.md `labels`): scale points too.
                rest = re.sub(r"\(\d+\s*=[^()]*\)", "", rest)
            for v, d in numbers(rest, a.lang):
                # The same figure as a cell of the row: digit for digit at the same precision. At a
                # different precision the unrounded figure is not on the page, so the two shown
                # values may differ by up to half a unit of each one's last digit (double rounding):
                # the one tolerance left, and it compares two published numbers, not a recomputation.
                ok = any(round(v * 10 ** d) == round(w * 10 ** dw) if d == dw else
                         abs(v - w) <= 0.5 * 10 ** -d + 0.5 * 10 ** -dw + 1e-9 for w, dw in have)
                a.eq("svg title vs table", page, fid, f"svg title '{text}'", "in table" if ok else f"{v} not in row {row}", "in table")


def check_reading(a, page, fig, kind, text, title, rows, unit, period):
    """The one-sentence reading under a chart's title states numbers too."""
    m, site, L = a.m, a.site, a.lang
    nums = [fmt_n(v) for v in numbers(text, L)]
    K = "chart reading"
    if kind == "net":
        exp = []
        for side in ("ex", "cx"):
            s = m.net(period, unit, side)
            if s and (side == "cx" or m.shown(period, unit)):
                exp += [s["score"], s["n"]]
        if len(nums) != len(exp):
            a.fail(K, page, fig, "net reading", text, exp)
        for got, e in zip(nums, exp):
            a.num(K, page, fig, "net reading", got, e)
    elif kind == "response":
        shown = [(m.response_rate(period, u), u) for u in site.leaves
                 if m.shown(period, u) and m.response_rate(period, u) is not None]
        lo = min(shown, key=lambda t: t[0])
        if len(nums) >= 2:
            a.num(K, page, fig, "response reading organisation", nums[0], m.response_rate(period, unit), 100)
            a.num(K, page, fig, "response reading lowest", nums[1], lo[0], 100)
            # the lowest unit named must have the lowest rate (ties: any of them)
            named = [u for u in site.leaves if f"({site.name[u]})" in text]
            ok = bool(named) and m.response_rate(period, named[0]) == lo[0]
            a.eq(K, page, fig, "response reading lowest unit", named[0] if named else text, named[0] if ok else lo[1])
        else:
            a.fail(K, page, fig, "response reading", text, "two rates")
    elif kind == "likert":
        side = "cx" if a.labels["cx_side"] in split_title(title) else "ex"
        if side == "ex" and not m.shown(period, unit):
            if nums:
                a.fail("privacy", page, fig, "likert reading", text, "hidden")
            return
        f = factor_in_title(site, title)
        items = site.ex_items if side == "ex" else site.cx_items
        if f:
            fr = [x for x in site.factors if x[0] == f][0]
            items = fr[2] if side == "ex" else fr[3]
        favs = {i: m.item(period, unit, side, i)["fav"] for i in items if m.item(period, unit, side, i)}
        # “…” in English, ”…” in Finnish and Swedish
        quoted = re.findall(r"[“”„]([^“”„]+)[”“]", text)
        if len(quoted) == 2 and len(nums) >= 2:
            for q, got, best in ((quoted[0], nums[-2], max(favs.values())), (quoted[1], nums[-1], min(favs.values()))):
                i = a.item_by_text.get(q)
                a.num(K, page, fig, f"likert reading {q}", got, favs.get(i, float("nan")) if i else None, 100)
                a.num(K, page, fig, f"likert reading extreme {q}", got, best, 100)
        else:
            a.fail(K, page, fig, "likert reading", text, "most and least favourable")
    elif kind == "trend":
        net = rows[0][1] != a.labels["ex_index"]
        exp = []
        for side in ("ex", "cx"):
            vals = []
            for p in site.periods:
                if side == "ex" and not m.shown(p, unit):
                    continue
                v = (m.net(p, unit, side) or {}).get("score") if net else m.index(p, unit, side)
                if v is not None:
                    vals.append(v)
            if vals:
                exp += [vals[0], vals[-1]]
        got = [v for v in numbers(re.sub(r"\([^)]*\d{4}[^)]*\)", "", text), L)]
        if len(got) != len(exp):
            a.fail(K, page, fig, "trend reading", text, exp)
        for g_, e in zip(got, exp):
            a.num(K, page, fig, "trend reading", fmt_n(g_), e)
    elif kind == "mirror":
        if not m.shown(period, unit):
            return
        gaps = [(m.factor(period, unit, "ex", f[0]) - m.factor(period, unit, "cx", f[0]), f[0]) for f in site.factors
                if m.factor(period, unit, "ex", f[0]) is not None and m.factor(period, unit, "cx", f[0]) is not None]
        # method.md "Rounding": gaps equal at 9 decimals tie; the first factor in framework order
        # is named (max returns the first of equal keys).
        big = max(gaps, key=lambda g: display(abs(g[0]), 9))
        named = factor_in_title(site, text.split(":", 1)[-1].split(" −")[0].split(" +")[0].replace("largest gap in ", "").strip(" ,")) if L == "en" else None
        ns = numbers(text.split(":", 1)[-1], L)
        if ns:
            # the largest gap by unrounded scores, stated as the difference of the shown scores
            fx, fc = m.factor(period, unit, "ex", big[1]), m.factor(period, unit, "cx", big[1])
            a.num(K, page, fig, "mirror reading gap", fmt_n(ns[0]), display(fx, 0) - display(fc, 0))
        if L == "en":
            a.eq(K, page, fig, "mirror reading factor", named, big[1])
    elif kind == "scatter":
        pts = m.points(period)
        if len(pts) >= MIN_TEAMS:
            c = pearson([q[1] for q in pts], [q[2] for q in pts])
            check_corr_text(a, K, page, fig, f"{period} scatter reading", text, c)
        elif "r =" in text:
            a.fail("linkage below minimum", page, fig, f"{period} scatter reading", text, "no r below 8 teams")
    elif kind == "heatmap":
        scope = site.leaves_under(unit) if unit else site.leaves
        with_data = [u for u in scope if m.status[period, u] != NODATA and m.ex.get((period, u))]
        hidden = [u for u in with_data if not m.shown(period, u)]
        ns = numbers(text, L)
        if len(ns) >= 3:
            a.num(K, page, fig, "heatmap reading units", fmt_n(ns[0]), len(with_data))
            a.num(K, page, fig, "heatmap reading factors", fmt_n(ns[1]), len(site.factors))
            a.num(K, page, fig, "heatmap reading hidden", fmt_n(ns[2]), len(hidden))
    elif kind == "lag":
        for mt in re.finditer(r"([^;:.]*?k = \d+[^:]*): r = (\S+) \([^()]*?(\S+)–([^,)\s]+)\), (\d+)", text):
            res = lag_row(m, *lag_label(a, mt.group(1).strip()))
            w = f"lag reading {mt.group(1).strip()}"
            a.num(K, page, fig, w + " r", mt.group(2), res["r"])
            a.num(K, page, fig, w + " teams", mt.group(5), res["teams"])


# ---------------------------------------------------------------- non-figure tables
def check_unit_table(a, page, rows, period):
    m, site = a.m, a.site
    for r in rows[1:]:
        u = site.by_name.get(r[0])
        if u is None:
            a.fail("unit table", page, "units", "unit", r[0], "a unit name")
            continue
        hid = not m.shown(period, u)
        what = f"{r[0]} {period}"
        ne, nc = m.net(period, u, "ex"), m.net(period, u, "cx")
        check_ex_cell(a, "unit table", page, "units", what + " EX index", r[1], m.index(period, u, "ex"), hid)
        check_cell(a, "unit table", page, "units", what + " CX index", r[2], m.index(period, u, "cx"))
        check_ex_cell(a, "unit table", page, "units", what + " eNPS", r[3], ne["score"] if ne else None, hid)
        check_cell(a, "unit table", page, "units", what + " NPS", r[4], nc["score"] if nc else None)
        rr = m.response_rate(period, u)
        check_ex_cell(a, "unit table", page, "units", what + " response rate", r[5], rr * 100 if rr is not None else None, hid)


def check_ranked(a, page, rows, fid, period):
    """Teams ranked by the factor's EX side (format.md `table`), highest first."""
    m, site = a.m, a.site
    teams = [u for u in site.leaves if m.shown(period, u) and m.factor(period, u, "ex", fid) is not None]
    vals = {u: m.factor(period, u, "ex", fid) for u in teams}
    ordered = sorted(vals.values(), reverse=True)
    listed = []
    for r in rows[1:]:
        u = site.by_name.get(r[1])
        what = f"{fid} {period} {r[1]}"
        if u is None or u not in vals:
            a.fail("privacy" if u and not m.shown(period, u) else "ranking", page, "ranked", what, r[1], "not a ranked team")
            continue
        listed.append(u)
        a.num("ranked factor score", page, "ranked", what + " EX", r[2], vals[u])
        check_cell(a, "ranked factor score", page, "ranked", what + " CX", r[3], m.factor(period, u, "cx", fid))
        # method.md "Ranks of teams": the same rounded value shares a rank, written "=5"
        shown_v = number(r[2], a.lang)
        dec = shown_v[1] if shown_v else 0
        rv = lambda x: display_units(x, dec)
        better = sum(1 for v in ordered if rv(v) > rv(vals[u]))
        tied = sum(1 for v in ordered if rv(v) == rv(vals[u])) > 1
        a.eq("rank", page, "ranked", what + " rank", r[0], ("=" if tied else "") + str(better + 1))
    for u in teams:
        if u not in listed:
            a.fail("ranking", page, "ranked", f"{fid} {period}", "(absent)", site.name[u])


def check_drivers(a, page, rows, period):
    m, site = a.m, a.site
    drivers = driver_table(m, period)
    listed = [factor_by_name(site, r[0]) for r in rows[1:]]
    a.eq("driver order", page, "drivers", f"{period} row order (strongest r first)",
         " ".join(listed), " ".join(d[0] for d in drivers))
    dd = dict(drivers)
    for r in rows[1:]:
        fid = factor_by_name(site, r[0])
        what = f"{period} {fid}"
        pts = m.points(period, fx=lambda u: m.factor(period, u, "ex", fid), fy=lambda u: m.factor(period, u, "cx", fid))
        c = pearson([p[1] for p in pts], [p[2] for p in pts]) if len(pts) >= MIN_TEAMS else None
        if c:
            check_corr_text(a, "factor correlation", page, "drivers", what, r[1], c)
        elif numbers(r[1], a.lang):
            a.fail("factor correlation", page, "drivers", what, r[1], f"nothing below {MIN_TEAMS} teams")
        d = dd.get(fid)
        mt = re.match(r"([=#])(\d+) · r = (\S+)$", r[2])
        if d and mt:
            a.eq("driver rank", page, "drivers", what + f" rank (r {d['r']:.3f} [{d['lo']:.3f}, {d['hi']:.3f}])",
                 mt.group(1) + mt.group(2), ("=" if d["shared"] else "#") + str(d["rank"]))
            a.num("driver r", page, "drivers", what + " r", mt.group(3), d["r"])
        elif d or numbers(r[2], a.lang):
            a.fail("driver r", page, "drivers", what, r[2], fmt(d["r"]) if d else "none")


# ---------------------------------------------------------------- tiles and the linkage box
def check_tiles(a, page, tiles, unit, period):
    m, site = a.m, a.site
    labels = a.labels
    verdicts = m.verdicts(period)
    for t in tiles:
        lab = " ".join(t.find(by_class("tile-label"))[0].text().split())
        val = " ".join(t.find(by_class("tile-value"))[0].text().split())
        ch = t.find(by_class("tile-change"))
        notes = [" ".join(n.text().split()) for n in t.find(by_class("tile-note")) if "tile-change" not in n.parent.cls()]
        comp = t.find(by_class("tile-compare"))
        what = f"{site.name[unit]} {period} {lab}"
        key = {v: k for k, v in labels.items()}.get(lab)
        if key in ("ex_index", "enps", "response_rate", "turnover") and not m.shown(period, unit):
            if number(val, a.lang) is not None:
                a.fail("privacy", page, "tiles", what, val, "hidden")
            continue
        if key in ("ex_index", "cx_index", "enps", "nps"):
            side = "ex" if key in ("ex_index", "enps") else "cx"
            if key.endswith("index"):
                cur = m.index(period, unit, side)
                if cur is None and side == "cx" and number(val, a.lang) is None:
                    # Below the CX minimum the tile says so and shows no number.
                    continue
                a.num("tile index", page, "tiles", what, val, cur)
                tile_n(a, page, what, notes, m.respondents(period, unit, side))
            else:
                s = m.net(period, unit, side)
                if s is None:
                    # Not computed (e.g. below the CX minimum): the tile must show no number.
                    if number(val, a.lang) is not None:
                        a.fail("privacy", page, "tiles", what, val, "not shown")
                    continue
                a.num("tile net score", page, "tiles", what, val, s["score"])
                tile_n(a, page, what, notes, s["n"])
                ns = numbers(notes[0].split(":")[-1], a.lang) if notes and ":" in notes[0] else []
                if len(ns) == 2:
                    a.num("net interval", page, "tiles", what + " low", ns[0], s["lo"])
                    a.num("net interval", page, "tiles", what + " high", ns[1], s["hi"])
                else:
                    a.fail("net interval", page, "tiles", what, notes, f"{s['lo']:.1f} … {s['hi']:.1f}")
            v = verdicts.get((unit, key, "prev"))
            if ch and v is None:
                a.fail("tile change", page, "tiles", what + " change", ch[0].text(), "no change computable (or hidden before)")
            elif ch:
                a.num("tile change", page, "tiles", what + " change", first_text(ch[0]), m.shown_change(period, (unit, key, "prev")))
                verdict(a, page, what + " change", ch[0], v, CHANGE)
            elif v is not None:
                a.fail("tile change", page, "tiles", what + " change", "(absent)", fmt(v[0]))
            v = verdicts.get((unit, key, "rest"))
            if comp and v is None:
                a.fail("tile vs rest", page, "tiles", what + " vs rest", comp[0].text(), "none")
            elif comp:
                a.num("tile vs rest", page, "tiles", what + " vs rest", comp[0].text().split("·")[0], v[0])
                verdict(a, page, what + " vs rest", comp[0], v, DIFFERENCE)
            elif v is not None:
                a.fail("tile vs rest", page, "tiles", what + " vs rest", "(absent)", fmt(v[0]))
        elif key == "response_rate":
            d = m.ex[period, unit]
            a.num("tile response rate", page, "tiles", what, val, m.response_rate(period, unit), 100)
            ns = numbers(notes[0], a.lang) if notes else []
            if len(ns) == 1 and notes[0].startswith(NO_LEAVERS[a.lang]):
                ns = [(0, 0)] + ns  # "no leavers, average headcount 14.4": 0 said in words
            if len(ns) == 2:
                a.num("response counts", page, "tiles", what + " responses", ns[0], d["responses"])
                a.num("response counts", page, "tiles", what + " invited", ns[1], d["invited"])
            else:
                a.fail("response counts", page, "tiles", what, notes, f"{d['responses']} / {d['invited']}")
        else:  # turnover: the one tile without a unit-table label
            d = m.ex[period, unit]
            if m.hidden_count.get((period, unit, "turnover")) and d["has_hc"]:
                # method.md "Every published table": withheld on its own counts, and said so.
                a.eq("tile turnover", page, "tiles", what + " withheld",
                     "no number" if number(val, a.lang) is None and not any(numbers(n, a.lang) for n in notes)
                     else f"{val} {notes}", "no number")
                continue
            a.num("tile turnover", page, "tiles", what, val, m.turnover(period, unit), 100)
            ns = numbers(notes[0], a.lang) if notes else []
            if len(ns) == 1 and notes[0].startswith(NO_LEAVERS[a.lang]):
                ns = [(0, 0)] + ns  # "no leavers, average headcount 14.4": 0 said in words
            if len(ns) == 2:
                a.num("turnover counts", page, "tiles", what + " leavers", ns[0], d["leavers"])
                a.num("turnover counts", page, "tiles", what + " headcount", ns[1], d["headcount"])
            else:
                a.fail("turnover counts", page, "tiles", what, notes, f"{d['leavers']} / {d['headcount']}")


def first_text(node):
    return "".join(k for k in node.kids if isinstance(k, str)).strip()


def tile_n(a, page, what, notes, n):
    for t in notes:
        mt = re.search(r"n = ([\d\u00a0\u202f ,.]+)", t)
        if mt:
            a.num("tile n", page, "tiles", what + " n", mt.group(1).strip(), n)
            return
    a.fail("tile n", page, "tiles", what + " n", notes, n)


CHANGE = "a clear change"
DIFFERENCE = "a clear difference"
NOISE = "within chance variation"


def verdict(a, page, what, node, v, clear_words):
    """Clear when the Benjamini-Hochberg value of the period's family is below 0.05 (method.md):
    class up/down then, else flat; no verdict when the test is undefined."""
    diff, p, q = v
    cls = [c for c in node.cls() if c in ("up", "down", "flat")]
    exp = "none" if q is None else (("up" if diff > 0 else "down") if q < 0.05 else "flat")
    detail = f" verdict (p = {p:.4g}, q = {q:.4g})" if q is not None else " verdict (undefined)"
    if cls:  # the change line carries a class; the comparison line only words
        a.eq("verdict", page, "tiles", what + detail, cls[0], "flat" if exp == "none" else exp)
    if a.lang == "en":
        words = " ".join(node.text().split())
        got = clear_words if clear_words in words else (NOISE if NOISE in words else "none")
        want = "none" if exp == "none" else (clear_words if exp in ("up", "down") else NOISE)
        a.eq("verdict words", page, "tiles", what + detail, got, want)


LINK_RE = r"r = (\S+) \([^()]*?(\S+)–(\S+?), p ([=<]) (\S+?)\), (\d+)"
MIN_TEAMS = 8  # method.md "When the report draws a conclusion"


def driver_table(m, period):
    """Key drivers: each factor's EX side against the CX index across teams, with rank = 1 + the
    number of factors whose whole interval lies above this one's (method.md)."""
    out = []
    for fid, _, _, _ in m.site.factors:
        pts = m.points(period, fx=lambda u, f=fid: m.factor(period, u, "ex", f))
        c = pearson([q[1] for q in pts], [q[2] for q in pts]) if len(pts) >= MIN_TEAMS else None
        if c:
            out.append((fid, c))
    for k, (fid, c) in enumerate(out):
        c["rank"] = 1 + sum(1 for _, o in out if o["lo"] > c["hi"])
    for fid, c in out:
        c["shared"] = sum(1 for _, o in out if o["rank"] == c["rank"]) > 1
    return sorted(out, key=lambda d: -d[1]["r"])


def check_p(a, kind, page, fig, what, op, published, p):
    """A printed p-value: "p = 0.004" to its decimals, or "p < 0.001"."""
    if op == "<":
        v = number(published, a.lang)
        a.eq(kind, page, fig, what + f" (p = {p:.3g})", f"p < {published}", f"p < {published}" if v and p < v[0] else f"p = {p:.3g}")
    else:
        a.num(kind, page, fig, what, published, p)


def check_corr_text(a, kind, page, fig, what, text, c, pv=True):
    mt = re.search(LINK_RE, text)
    if not mt:
        a.fail(kind, page, fig, what, text[:120], f"r = {c['r']:.2f} …")
        return
    a.num(kind, page, fig, what + " r", mt.group(1), c["r"])
    a.num(kind, page, fig, what + " low", mt.group(2), c["lo"])
    a.num(kind, page, fig, what + " high", mt.group(3), c["hi"])
    check_p(a, kind, page, fig, what + " p (Pearson)", mt.group(4), mt.group(5), c["p"])
    a.num(kind, page, fig, what + " teams", mt.group(6), c["n"])


def check_linkage(a, page, box, period):
    m = a.m
    pts = m.points(period)
    xs, ys = [p[1] for p in pts], [p[2] for p in pts]
    enough = len(pts) >= MIN_TEAMS
    c, s = (pearson(xs, ys), spearman(xs, ys)) if enough else (None, None)
    text = " ".join(box.text().split())
    what = f"{period} linkage"
    if not enough:
        for word in ("r =", "ρ", "p =", "p <"):
            if word in text:
                a.fail("linkage below minimum", page, "linkage", what, word, f"nothing derived below {MIN_TEAMS} teams")
        return
    check_corr_text(a, "linkage", page, "linkage", what, text, c)
    mt = re.search(r"ρ = (\S+) \(p ([=<]) ([^)]+)\)", text)
    if mt:
        a.num("linkage spearman", page, "linkage", what + " rho", mt.group(1), s["r"])
        check_p(a, "linkage spearman", page, "linkage", what + " Spearman p", mt.group(2), mt.group(3), s["p"])
    else:
        a.fail("linkage spearman", page, "linkage", what, text[:200], f"ρ = {s['r']:.2f} (p = {s['p']:.3g})")
    if a.lang == "en":
        if c["lo"] > 0:
            exp = "Teams with better employee experience tend to have better customer experience"
        elif c["hi"] < 0:
            exp = "Teams with better employee experience tend to have worse customer experience"
        else:
            exp = "no clear association"
        a.eq("linkage verdict", page, "linkage", what + " headline", exp if exp.lower() in text.lower() else text[:90], exp)
    drivers = driver_table(m, period)
    top = [d for d in drivers if d[1]["rank"] == 1]
    if a.lang == "en":
        named = [f for f, _, _, _ in a.site.factors if re.search(r"key driver[^:]*: " + re.escape(factor_name(a, f)), text)]
        if len(top) == 1:
            a.eq("key driver", page, "linkage", what + " key driver named", " ".join(named), top[0][0])
        else:
            a.eq("key driver", page, "linkage", what + " no single key driver", " ".join(named) or "none named", "none named")


def factor_name(a, fid):
    for name, f in FACTOR_LABELS.items():
        if f == fid:
            return name
    return fid


SHORTCODE_RE = re.compile(r"\{\{\s*(kpi|chart|table)\s*\(([^)]*)\)\s*\}\}")
# How a turnover tile says that nobody left (the page's words for 0 leavers).
NO_LEAVERS = {"en": "no leavers", "fi": "ei lähtijöitä", "sv": "ingen har slutat"}

EX_METRICS = {"ex_index", "enps", "response_rate", "turnover", "leavers", "responses", "invited"}


def post_kpis(site):
    """Every kpi shortcode of every post, in order, outside code (format.md "content/posts")."""
    out = {}
    for f in sorted(glob.glob(os.path.join(site.root, "content/posts/*.md"))):
        text = open(f, encoding="utf-8-sig").read()
        fm, body = text.split("---", 2)[1:] if text.startswith("---") else ("", text)
        meta = yaml.safe_load(fm) or {}
        if meta.get("draft"):
            continue
        body = re.sub(r"```.*?```", "", body, flags=re.S)
        body = re.sub(r"`[^`]*`", "", body)
        kp = []
        for mt in SHORTCODE_RE.finditer(body):
            if mt.group(1) != "kpi":
                continue
            args = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', mt.group(2)))
            args.setdefault("period", str(meta["period"]) if meta.get("period") else site.periods[-1])
            args.setdefault("unit", "")
            kp.append(args)
        out[os.path.splitext(os.path.basename(f))[0]] = kp
    return out


def kpi_expected(a, k):
    """(value in the published unit, kind) for one kpi shortcode; "hidden" or None."""
    m = a.m
    metric, u, p = k["metric"], k["unit"], k["period"]
    prev = m.prev(p)
    change = k.get("change") == "previous"
    side = k.get("side", "ex")
    if metric in ("item",):
        side = "ex" if k["item"].startswith("ex_") else "cx"
    if (metric in EX_METRICS or metric in ("factor", "item") and side == "ex") and not m.shown(p, u):
        return "hidden"
    if change and prev and (metric in EX_METRICS or side == "ex") and not m.shown(prev, u):
        return "hidden"
    def val(pp):
        if metric in ("ex_index", "cx_index"):
            return m.index(pp, u, metric[:2])
        if metric in ("enps", "nps"):
            n = m.net(pp, u, "ex" if metric == "enps" else "cx")
            return n["score"] if n else None
        if metric == "factor":
            return m.factor(pp, u, side, k["factor"])
        if metric == "item":
            it = m.item(pp, u, side, k["item"])
            return 100 * it["fav"] if it else None
        if metric == "response_rate":
            r = m.response_rate(pp, u)
            return None if r is None else 100 * r
        if metric == "turnover":
            r = m.turnover(pp, u)
            return None if r is None else 100 * r
        if metric in ("leavers", "responses", "invited"):
            return m.ex[pp, u][metric]
        if metric in ("linkage_r", "linkage_interval"):
            pts = m.points(pp)
            if len(pts) < MIN_TEAMS:
                return None
            c = pearson([q[1] for q in pts], [q[2] for q in pts])
            return c["r"] if metric == "linkage_r" else (c["lo"], c["hi"])
        if metric in ("teams_shown", "teams_hidden"):
            ls = m.site.leaves_under(u) if u else m.site.leaves
            ls = [l for l in ls if m.status[pp, l] != NODATA and m.ex.get((pp, l))]
            return sum(1 for l in ls if (m.shown(pp, l) == (metric == "teams_shown")))
        raise KeyError(metric)
    if change:
        a_, b_ = val(prev), val(p)
        d = 1 if metric == "turnover" else 0  # the figures' own precision (format.md `kpi`)
        return None if a_ is None or b_ is None else display(b_, d) - display(a_, d)
    return val(p)


def check_kpi_value(a, page, what, text, exp):
    if exp == "hidden":
        if numbers(text, a.lang):
            a.fail("privacy", page, "kpi", what, text, "Hidden")
        else:
            a.passed["privacy"] += 1
        return
    if isinstance(exp, tuple):
        ns = numbers(text, a.lang)
        if len(ns) == 2:
            a.num("inline kpi", page, "kpi", what + " low", ns[0], exp[0])
            a.num("inline kpi", page, "kpi", what + " high", ns[1], exp[1])
        else:
            a.fail("inline kpi", page, "kpi", what, text, exp)
        return
    check_cell(a, "inline kpi", page, "kpi", what, text, exp)


def check_post_kpis(a, page, root, kpis):
    """A post page: its kpi spans, in order, are its shortcodes (format.md)."""
    spans = root.find(by_class("kpi-inline"))
    if len(spans) != len(kpis):
        a.fail("inline kpi", page, "kpi", "number of inline figures", str(len(spans)), str(len(kpis)))
    for sp, k in zip(spans, kpis):
        what = f"{k['metric']} {k.get('factor', k.get('item', ''))} {k.get('side', '')} {k['unit'] or 'org'} {k['period']}" + \
               (" change" if k.get("change") else "")
        text = " ".join(sp.text().split())
        check_kpi_value(a, page, what, text, kpi_expected(a, k))
        segs = [a.site.period_of(x) for x in split_title(sp.attrs.get("title", "")) if a.site.period_of(x)]
        a.eq("inline kpi", page, "kpi", what + " title period", segs[-1] if segs else sp.attrs.get("title", ""), k["period"])
        a.rendered.setdefault((sp.attrs.get("title", ""), text), True)


def check_kpi_elsewhere(a, page, root):
    """Summaries on lists, period pages and the feed write the same figures as the posts."""
    for sp in root.find(by_class("kpi-inline")):
        key = (sp.attrs.get("title", ""), " ".join(sp.text().split()))
        a.eq("inline kpi (summaries)", page, "kpi", key[0], key[1], key[1] if key in a.rendered else "a value its post shows")


# ================================================================ walking the pages
def run(site_root):
    parser_self_test()
    site = Site(site_root)
    model = Model(site)
    a = Audit(site, model)
    a.rendered = {}
    kpis = post_kpis(site)
    public = os.path.join(site_root, "public")
    latest = site.periods[-1]
    pages = sorted(glob.glob(os.path.join(public, "**/*.html"), recursive=True))
    doms = {os.path.relpath(p, public): Dom(open(p, encoding="utf-8").read()).root for p in pages}

    # Labels of the page chrome, from the unit table's header (language-neutral), and the
    # question texts by framework order from the organisation's likert tables of the latest period.
    per = doms[f"periods/{latest.lower()}/index.html"]
    ut = [t for t in per.find(by_tag("table")) if "units" in t.cls()][0]
    h = table_rows(ut)[0]
    a.labels = {"ex_index": h[1], "cx_index": h[2], "enps": h[3], "nps": h[4], "response_rate": h[5]}
    a.item_by_text = {}
    lik = [f for f in per.find(by_tag("figure")) if f.attrs.get("id", "").startswith("likert")]
    for f, items in zip(lik[:2], (site.ex_items, site.cx_items)):
        rows = table_rows(f.find(by_tag("table"))[0])[1:]
        assert len(rows) == len(items), "organisation likert tables must list every question"
        for r, i in zip(rows, items):
            a.item_by_text[r[0]] = i
    a.labels["cx_side"] = split_title(figure_title(lik[1]))[1]
    heat = [f for f in doms["index.html"].find(by_tag("figure")) if f.attrs.get("id", "").startswith("heatmap")]
    head = table_rows(heat[0].find(by_tag("table"))[0])[0][1:]
    assert len(head) == len(site.factors), "the heatmap lists every factor"
    for h, f in zip(head, site.factors):
        FACTOR_LABELS[h] = f[0]

    for page, root in doms.items():
        unit, period = "", latest
        mt = re.match(r"units/([a-z0-9-]+)/index.html", page)
        if mt and mt.group(1) in site.name:
            unit = mt.group(1)
        mt = re.match(r"periods/([0-9a-z-]+)/index.html", page)
        if mt:
            period = [p for p in site.periods if p.lower() == mt.group(1)][0]
        fid_page = None
        mt = re.match(r"factors/([a-z0-9_-]+)/index.html", page)
        if mt:
            fid_page = mt.group(1)
        for fig in root.find(by_tag("figure")):
            fid = fig.attrs.get("id", "")
            tables = fig.find(by_tag("table"))
            if not tables:
                continue
            title = figure_title(fig)
            rows = table_rows(tables[0])
            u, p = context(site, title, unit, period)
            kind = re.sub(r"-\d+$", "", fid)
            check_svg_titles(a, page, fid, fig, rows, p)
            reading = fig.find(by_class("reading"))
            if reading:
                check_reading(a, page, fid, kind, " ".join(reading[0].text().split()), title, rows, u, p)
            if kind == "trend":
                check_trend(a, page, fid, title, rows, u)
            elif kind == "mirror":
                check_mirror(a, page, fid, title, rows, u, p)
            elif kind == "scatter":
                check_scatter(a, page, fid, title, rows, p)
            elif kind == "likert":
                check_likert(a, page, fid, title, rows, u, p)
            elif kind == "net":
                check_net(a, page, fid, title, rows, u, p)
            elif kind == "heatmap":
                check_heatmap(a, page, fid, title, rows, p)
            elif kind == "response":
                check_response(a, page, fid, title, rows, p)
            elif kind == "lag":
                check_lag(a, page, fid, title, rows)
            elif kind == "factor-trend":
                check_factor_trend(a, page, fid, title, rows, fid_page)
            else:
                a.fail("unknown figure", page, fid, "kind", kind, "a known chart kind")
        in_fig = set()
        for fig in root.find(by_tag("figure")):
            for t in fig.find(by_tag("table")):
                in_fig.add(id(t))
        for t in root.find(by_tag("table")):
            if id(t) in in_fig:
                continue
            rows = table_rows(t)
            if not rows:
                continue
            if "units" in t.cls():
                check_unit_table(a, page, rows, period)
            elif len(rows[0]) == 4 and len(rows) > 1 and re.fullmatch(r"=?\d+", rows[1][0]) and rows[1][1] in site.by_name:
                cap = t.find(by_tag("caption"))
                f, p = fid_page, period
                if cap:
                    cu, p = context(site, cap[0].text(), "", latest)
                    f = factor_in_title(site, cap[0].text()) or fid_page
                check_ranked(a, page, rows, f, p)
            elif len(rows[0]) == 3 and len(rows) > 1 and factor_by_name(site, rows[1][0]) and "r =" in rows[1][1]:
                check_drivers(a, page, rows, period)
        tiles = root.find(by_class("tiles"))
        if tiles:
            check_tiles(a, page, tiles[0].find(lambda n: n.tag == "li"), unit, period)
        for box in root.find(by_class("linkage")):
            check_linkage(a, page, box, period)
        mt = re.match(r"posts/([^/]+)/index.html", page)
        if mt and mt.group(1) in kpis:
            check_post_kpis(a, page, root, kpis[mt.group(1)])
        check_hidden_list(a, page, root, unit, period)
        if page.startswith("periods/") and page != "periods/index.html":
            check_privacy_list(a, page, root, period)
    for page, root in doms.items():
        if not re.match(r"posts/[^/]+/index.html", page):
            check_kpi_elsewhere(a, page, root)
    feed = os.path.join(public, "feed.xml")
    if os.path.exists(feed):
        import html as html_mod
        check_kpi_elsewhere(a, "feed.xml", Dom(html_mod.unescape(open(feed, encoding="utf-8").read())).root)
    check_derivable(a)
    check_family_counts(a)
    return a


def check_family_counts(a):
    """method.md quotes the example's verdict family: 1,768 verdicts over the eight periods, 226
    with p < 0.05, 82 clear after the control. Checked only on the example itself."""
    if a.site.org_name != "Lumo Services Oy" or len(a.site.periods) != 8:
        return
    import pathlib, re
    doc = pathlib.Path(__file__).resolve().parents[2] / "docs" / "method.md"
    quoted = re.search(r"periods hold ([\d,]+)\s+verdicts; (\d+) have p < 0\.05, and (\d+) remain clear",
                       doc.read_text(encoding="utf-8"))
    if not quoted:
        a.eq("verdict family (method.md)", "method.md", "BH", "sentence", "present", "absent")
        return
    want_all, want_p, want_clear = (int(x.replace(",", "")) for x in quoted.groups())
    allv = [v for p in a.site.periods for v in a.m.verdicts(p).values() if v[1] is not None]
    for what, got, want in (("verdicts", len(allv), want_all),
                            ("p < 0.05", sum(1 for v in allv if v[1] < 0.05), want_p),
                            ("clear after BH", sum(1 for v in allv if v[2] < 0.05), want_clear)):
        a.eq("verdict family (method.md)", "method.md", "BH", what, str(want), str(got))


def pattern(site, status):
    return tuple("h" if status[g] in HIDDEN else status[g][0] for g in [""] + site.order)


def check_derivable(a):
    """method.md "What is proved": (1) no hidden group's total of a published count is the
    difference of published totals (one hidden sub-group under a shown group); (2) an exhaustive
    reader who knows the rules tries every split of the hidden teams' total responses under each
    shown group that gives the same shown/hidden pattern: a hidden team with 2 to N - 1 responses
    must keep at least two possible sizes. Sizes fixed for other hidden teams (1 respondent, N or
    more) are the limits method.md names, and are listed as notes."""
    m, site, N = a.m, a.site, a.site.threshold
    import itertools
    for p in site.periods:
        resp = {g: m.respondents(p, g, "ex") for g in [""] + site.order}
        base = {g: (REPORTED if g in site.report_with else SHOWN) for g in [""] + site.order}
        seen = pattern(site, {g: m.status[p, g] for g in [""] + site.order})
        for g in [""] + site.order:
            kids = [c for c in site.children[g] if m.status[p, c] not in (NODATA, REPORTED)]
            if not kids or not m.shown(p, g):
                continue
            hidden = [c for c in kids if m.status[p, c] in HIDDEN]
            # (1) a count with exactly one undisclosed sub-group is a difference of published totals
            for key, label in [("responses", "responses"), ("invited", "invited"), ("headcount", "headcount"),
                               ("leavers", "leavers")]:
                undisclosed = [c for c in kids if not m.shown(p, c) or
                               (key in ("headcount", "leavers") and m.hidden_count.get((p, c, "turnover")))]
                if key in ("headcount", "leavers") and m.hidden_count.get((p, g, "turnover")):
                    continue
                if len(undisclosed) == 1 and m.ex.get((p, undisclosed[0])) and m.ex[p, undisclosed[0]].get(key):
                    a.fail("privacy: derivable", "(all pages)", "counts", f"{p} {site.name[g]}: {site.name[undisclosed[0]]} {label}",
                           f"= {m.ex[p, undisclosed[0]][key]} by difference", "not computable on its own")
                else:
                    a.passed["privacy: derivable"] += 1
            if not hidden or not all(not site.children[c] for c in hidden):
                continue
            T = sum(resp[c] for c in hidden)
            k = len(hidden)
            if math.comb(T - 1, k - 1) > 5000:
                a.notes.append(f"{p} {site.name[g]}: {k} hidden teams of {T} responses: too many splits to try")
                continue
            feasible = [set() for _ in hidden]
            for cuts in itertools.combinations(range(1, T), k - 1):
                sizes = [b - a_ for a_, b in zip((0,) + cuts, cuts + (T,))]
                trial = dict(resp)
                trial.update(zip(hidden, sizes))
                if pattern(site, suppression(site, trial, base)) == seen:
                    for f, v in zip(feasible, sizes):
                        f.add(v)
            for c, f in zip(hidden, feasible):
                what = f"{p} {site.name[g]}: {site.name[c]} responses"
                if len(f) == 1 and 2 <= resp[c] <= N - 1:
                    a.fail("privacy: derivable", "(all pages)", "counts", what, f"= {resp[c]} (only size consistent with the pages)",
                           "at least two possible sizes")
                elif len(f) == 1:
                    a.passed["privacy: derivable"] += 1
                    a.notes.append(f"{what}: size {resp[c]} is fixed by the published counts (a limit method.md names)")
                else:
                    a.passed["privacy: derivable"] += 1


def figure_title(fig):
    s = fig.find(by_tag("strong"))
    return " ".join(s[0].text().split()) if s else ""


def check_privacy_list(a, page, root, period):
    """A period page's "Hidden on this page" list names every hidden group with method.md's reason."""
    m, site, N = a.m, a.site, a.site.threshold
    aside = root.find(by_class("privacy"))
    items = [" ".join(li.text().split()) for li in aside[0].find(by_tag("li"))] if aside else []
    got_groups, got_questions = {}, {}
    for t in items:
        mt = re.match(r"(.+?) \(([^()]+)\): (.+)$", t)
        if not mt or mt.group(1) not in site.by_name:
            a.fail("hidden list", page, "privacy", "entry", t, "unit (period): reason")
            continue
        u, rest = site.by_name[mt.group(1)], mt.group(3)
        # A shown group's measures withheld on their own counts: "2 questions, eNPS and turnover
        # are hidden because …"; Finnish puts them after the verb ("tuloksista on jätetty pois
        # 2 kysymystä ja vaihtuvuus, koska …"), Swedish before "visas inte".
        w = (re.match(r"(.+?) (?:is|are) hidden because there are too few answers", rest) or
             re.match(r"tuloksista on jätetty pois (.+?), koska", rest) or
             re.match(r"(.+?) visas inte eftersom", rest))
        if w:
            got_questions[u] = withheld_parts(w.group(1), a.lang)
        else:
            got_groups[u] = rest
    # method.md "What you see": one reason for all hidden groups
    reason = f"fewer than {N} people answered here"
    for g in site.order:
        st_ = m.status[period, g]
        if st_ in HIDDEN:
            exp = reason if a.lang == "en" else "(any)"
            got = got_groups.pop(g, "(not listed)")
            got = reason if a.lang == "en" and reason in got.lower() else got
            a.eq("hidden list", page, "privacy", f"{period} {site.name[g]}", got if a.lang == "en" or got == "(not listed)" else "(any)", exp)
    for g, t in got_groups.items():
        a.fail("hidden list", page, "privacy", f"{period} {site.name[g]}", t, "shown (not hidden by method.md's rule)")
    # Every shown group with a measure withheld is listed, with exactly those measures.
    for g in site.order:
        exp = withheld_expected(m, period, g)
        got = got_questions.pop(g, None)
        if exp or got is not None:
            a.eq("hidden list", page, "privacy", f"{period} {site.name[g]} measures withheld", got, exp)


def withheld_parts(text, lang):
    """The measures of a withheld note ("2 questions, eNPS and turnover") as a sorted list."""
    last = {"en": " and ", "fi": " ja ", "sv": " och "}[lang]
    parts = [x for chunk in text.split(", ") for x in chunk.split(last)]
    out = []
    for x in parts:
        q = re.match(r"(\d+) ", x)
        out.append(f"{q.group(1)} questions" if q else {"enps": "eNPS"}.get(x.lower(), x.lower()))
    return sorted(out)


def withheld_expected(m, period, g):
    """method.md "Every published table": what a shown group answered but may not publish."""
    if not m.shown(period, g):
        return None
    e = m.ex.get((period, g))
    k = sum(1 for i in m.site.ex_items if m.withheld.get((period, g, i)))
    out = [f"{k} questions"] if k else []
    if m.hidden_count.get((period, g, "enps")) and e and sum(e["net"]) > 0:
        out.append("eNPS")
    if m.hidden_count.get((period, g, "turnover")) and e and e["has_hc"]:
        out.append(TURNOVER_WORD[m.site.lang])
    return sorted(out) or None


TURNOVER_WORD = {"en": "turnover", "fi": "vaihtuvuus", "sv": "personalomsättning"}  # i18n/*.ftl


def check_hidden_list(a, page, root, unit, period):
    """A hidden unit's own page shows no EX numbers; its status words match method.md's reason."""
    m = a.m
    if unit and not page.startswith("units/"):
        return
    if page.startswith("units/") and unit and not m.shown(period, unit) and a.lang == "en":
        text = " ".join(root.text().split())
        st_ = m.status[period, unit]
        reason = (f"fewer than {a.site.threshold} people answered here" if st_ in HIDDEN else
                  a.site.name.get(a.site.report_with.get(unit, ""), "") if st_ == REPORTED else "no data")
        a.eq("hidden reason", page, "page", f"{unit} {period} status {m.status[period, unit]}",
             reason if reason and reason.lower() in text.lower() else text[:100], reason)


def main():
    args = sys.argv[1:]
    root = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "..")
    a = run(os.path.abspath(root))
    for kind, page, fig, what, pub, exp in a.failures:
        print(f"MISMATCH [{kind}] {page} · {fig} · {what}: published {pub!r}, recomputed {exp}")
    for n in a.notes:
        print("NOTE", n)
    kinds = sorted(set(a.passed) | set(a.failed))
    for k in kinds:
        print(f"  {k:28s} {a.passed[k]:6d} passed {a.failed[k]:5d} failed")
    print(f"audit: {sum(a.passed.values())} passed, {sum(a.failed.values())} failed")
    sys.exit(1 if a.failed else 0)


if __name__ == "__main__":
    main()
