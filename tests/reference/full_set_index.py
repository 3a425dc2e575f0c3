"""Independent check of the figures in issue 8, part 1, from the example's YAML.

Written from docs/method.md: a favourable share is (answers 4 + 5) / answered; an index or factor
score is the mean favourable share (0-100) over the framework's full set of questions. Run from
the repository root:  python3 tests/reference/full_set_index.py
"""
import yaml
from scipy import stats

FACTORS = ["comm", "work", "sys", "comp", "lead", "proc"]


def counts(entry):
    return entry["counts"] if isinstance(entry, dict) else entry


def fav(entry):
    c = counts(entry)
    return 100.0 * (c[3] + c[4]) / sum(c)


def load(period):
    with open(f"content/surveys/{period}.yaml") as f:
        return yaml.safe_load(f)


def index(items, prefix=""):
    vals = [fav(v) for k, v in items.items() if k.startswith(prefix)]
    return sum(vals) / len(vals), len(vals)


q4 = load("2024-Q4")
print("Hirvensalo 2024-Q4 EX index, 12 questions: %.4f" % index(q4["ex"]["hirvensalo"]["items"])[0])
q2, q3 = load("2026-Q2"), load("2026-Q3")
a = index(q2["ex"]["hirvensalo"]["items"])[0]
b = index(q3["ex"]["hirvensalo"]["items"])[0]
print("Hirvensalo EX index 2026-Q2 %.4f -> 2026-Q3 %.4f: change %+.4f" % (a, b, b - a))
print("Hirvensalo 2026-Q2 competence (EX): %.4f" % index(q2["ex"]["hirvensalo"]["items"], "ex_comp")[0])
teams = [t for t in q2["ex"] if t in q2.get("cx", {})]
xs = [index(q2["ex"][t]["items"], "ex_comp")[0] for t in teams]
ys = [index(q2["cx"][t]["items"], "cx_comp")[0] for t in teams]
r = stats.pearsonr(xs, ys)
print("2026-Q2 competence EX vs CX across %d teams (full factor): r = %.4f" % (len(teams), r[0]))
