#!/usr/bin/env python3
"""Reference values for the unit tests in src/stats/tests.rs.

Every expected number in src/stats/tests.rs is printed by this script,
computed independently with SciPy / NumPy (and statsmodels where it has the
method). Run it and compare:

    pip install scipy numpy statsmodels
    python3 tests/reference/stats_reference.py

Values are printed with repr() (17 significant digits) so they can be pasted
into the Rust tests unchanged. Versions used for the values in the tests are
printed first.
"""

import numpy as np
import scipy
import scipy.stats as st

try:
    import statsmodels
    from statsmodels.stats.proportion import proportion_confint, proportions_ztest
except ImportError:  # statsmodels is optional: the formulas below are the reference
    statsmodels = None

Z95 = 1.959963984540054  # st.norm.ppf(0.975)


def show(label, value):
    print(f"{label} = {float(value)!r}")


print("# versions: scipy", scipy.__version__, "numpy", np.__version__,
      "statsmodels", statsmodels.__version__ if statsmodels else "-")
show("Z95 (norm.ppf(0.975))", st.norm.ppf(0.975))

# ---------------------------------------------------------------- datasets
# Twelve units: EX favourable % beside CX NPS (made-up, realistic sizes).
EX = [62.5, 71.0, 55.0, 80.0, 68.0, 74.5, 59.0, 83.0, 66.0, 77.0, 70.0, 61.0]
CX = [18.0, 31.0, 12.0, 40.0, 22.0, 35.0, 20.0, 38.0, 15.0, 29.0, 33.0, 10.0]
# A small one that can be checked by hand: r = 0.6.
SMALL_X = [1.0, 2.0, 3.0, 4.0]
SMALL_Y = [2.0, 1.0, 4.0, 3.0]
# Ties in both variables (Likert-like unit means).
TIES_X = [3.0, 4.0, 4.0, 2.0, 5.0, 4.0, 3.0, 1.0, 5.0, 2.0]
TIES_Y = [2.0, 4.0, 3.0, 2.0, 5.0, 5.0, 3.0, 1.0, 4.0, 3.0]

print("\n# mean")
show("mean(EX)", np.mean(EX))

print("\n# pearson, twelve units (scipy.stats.pearsonr)")
res = st.pearsonr(EX, CX)
show("r", res.statistic)
show("p", res.pvalue)
ci = np.tanh(np.arctanh(res.statistic) + np.array([-1, 1]) * Z95 / np.sqrt(len(EX) - 3))
show("fisher low", ci[0])
show("fisher high", ci[1])
# scipy's own Fisher interval (same formula) as a cross-check
sci = res.confidence_interval(0.95)
show("scipy ci low (cross-check)", sci.low)
show("scipy ci high (cross-check)", sci.high)

print("\n# pearson, small (r = 0.6 by hand)")
res = st.pearsonr(SMALL_X, SMALL_Y)
show("r", res.statistic)
show("p", res.pvalue)
ci = np.tanh(np.arctanh(res.statistic) + np.array([-1, 1]) * Z95 / np.sqrt(len(SMALL_X) - 3))
show("fisher low", ci[0])
show("fisher high", ci[1])

print("\n# pearson, n = 3 (p-value only; no interval)")
res = st.pearsonr([1.0, 2.0, 3.0], [1.0, 3.0, 2.0])
show("r", res.statistic)
show("p", res.pvalue)

print("\n# pearson, strong negative, n = 200 (small p-value)")
xs = np.arange(200, dtype=float)
ys = -xs + 40.0 * np.sin(xs)
res = st.pearsonr(xs, ys)
show("r", res.statistic)
show("p", res.pvalue)

print("\n# spearman with ties (scipy.stats.rankdata average, scipy.stats.spearmanr)")
print("ranks x =", [float(v) for v in st.rankdata(TIES_X, method="average")])
print("ranks y =", [float(v) for v in st.rankdata(TIES_Y, method="average")])
res = st.spearmanr(TIES_X, TIES_Y)
show("rho", res.statistic)
show("p", res.pvalue)
n = len(TIES_X)
rho = res.statistic
# Bonett & Wright (2000): var(atanh(rho)) ~ (1 + rho^2 / 2) / (n - 3)
se = np.sqrt((1 + rho**2 / 2) / (n - 3))
ci = np.tanh(np.arctanh(rho) + np.array([-1, 1]) * Z95 * se)
show("bonett-wright low", ci[0])
show("bonett-wright high", ci[1])

print("\n# spearman, twelve units")
res = st.spearmanr(EX, CX)
show("rho", res.statistic)
show("p", res.pvalue)

print("\n# fisher interval r = 0.5, n = 30")
ci = np.tanh(np.arctanh(0.5) + np.array([-1, 1]) * Z95 / np.sqrt(30 - 3))
show("low", ci[0])
show("high", ci[1])
print("# fisher interval r = -0.33, n = 7939 (Harter et al. size)")
ci = np.tanh(np.arctanh(-0.33) + np.array([-1, 1]) * Z95 / np.sqrt(7939 - 3))
show("low", ci[0])
show("high", ci[1])


def wilson(k, n, z=Z95):
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


print("\n# wilson interval (formula; statsmodels proportion_confint(method='wilson') cross-check)")
for k, n in [(9, 12), (0, 10), (10, 10), (45, 84), (1, 1)]:
    lo, hi = wilson(k, n)
    show(f"wilson {k}/{n} low", lo)
    show(f"wilson {k}/{n} high", hi)
    if statsmodels:
        slo, shi = proportion_confint(k, n, alpha=0.05, method="wilson")
        show(f"  statsmodels {k}/{n} low", slo)
        show(f"  statsmodels {k}/{n} high", shi)


def nps(counts):
    c = np.asarray(counts, dtype=float)
    n = c.sum()
    prom = c[9:].sum() / n
    det = c[:7].sum() / n
    score = 100 * (prom - det)
    var = prom + det - (prom - det) ** 2
    half = Z95 * 100 * np.sqrt(var / n)
    return n, prom, det, score, var, max(-100.0, score - half), min(100.0, score + half)


NPS_A = [2, 1, 0, 2, 3, 4, 6, 10, 18, 20, 18]  # docs/format.md example, n = 84
ENPS = [0, 0, 0, 1, 0, 1, 1, 2, 3, 2, 2]  # docs/format.md example, n = 12
NPS_B = [1, 0, 1, 1, 2, 3, 4, 12, 20, 25, 21]  # next period, n = 90

print("\n# net score (formula in numpy)")
for name, counts in [("NPS_A", NPS_A), ("ENPS", ENPS), ("NPS_B", NPS_B)]:
    n, prom, det, score, var, lo, hi = nps(counts)
    print(f"{name}: n = {int(n)}")
    show(f"{name} promoters", prom)
    show(f"{name} detractors", det)
    show(f"{name} score", score)
    show(f"{name} low", lo)
    show(f"{name} high", hi)

print("\n# net score change NPS_A -> NPS_B (b - a), z with unpooled variances")
na, pa, da, sa, va, _, _ = nps(NPS_A)
nb, pb, db, sb, vb, _, _ = nps(NPS_B)
diff = sb - sa
z = diff / np.sqrt(100**2 * va / na + 100**2 * vb / nb)
show("difference", diff)
show("z", z)
show("p", 2 * st.norm.sf(abs(z)))

print("\n# two-proportion z-test, pooled (difference = p2 - p1)")
for s1, n1, s2, n2 in [(45, 84, 60, 90), (9, 12, 7, 14), (500, 1000, 560, 1000), (0, 10, 0, 12)]:
    p1, p2 = s1 / n1, s2 / n2
    pool = (s1 + s2) / (n1 + n2)
    se = np.sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2))
    label = f"{s1}/{n1} vs {s2}/{n2}"
    if se == 0:
        print(f"{label}: pooled variance 0 (difference {p2 - p1!r})")
        continue
    z = (p2 - p1) / se
    show(f"{label} difference", p2 - p1)
    show(f"{label} z", z)
    show(f"{label} p", 2 * st.norm.sf(abs(z)))
    if statsmodels:
        zs, ps = proportions_ztest([s2, s1], [n2, n1])  # (s2/n2 - s1/n1), pooled
        show(f"  statsmodels {label} z", zs)
        show(f"  statsmodels {label} p", ps)

print("\n# two-sided normal p-value 2*norm.sf(|z|)")
for z in [0.5, Z95, 2.5, 6.0, 10.0]:
    show(f"z = {z!r}: p", 2 * st.norm.sf(z))

print("\n# least squares (scipy.stats.linregress), CX on EX")
res = st.linregress(EX, CX)
show("slope", res.slope)
show("intercept", res.intercept)
show("rvalue (cross-check)", res.rvalue)

# ---------------------------------------------------------------- issue 8 additions

print("\n# adjusted-Wald net score interval (Rocks 2016): z^2/4 pseudo-answers to promoters and")
print("# detractors, z^2/2 to passives; cross-checked as the Wald interval of the weighted")
print("# +1/0/-1 mean of the augmented sample (np.average / np.cov with aweights)")


def adjusted_wald(counts):
    c = np.array(counts, dtype=float)
    n = c.sum()
    pro, det = c[9:].sum(), c[:7].sum()
    a = Z95 ** 2
    nt = n + a
    p, d = (pro + a / 4) / nt, (det + a / 4) / nt
    s = p - d
    var = p + d - s ** 2
    half = Z95 * np.sqrt(var / nt)
    observed = 100 * (pro - det) / n
    lo = min(max(-100.0, 100 * (s - half)), observed)
    hi = max(min(100.0, 100 * (s + half)), observed)
    # Independent route: weighted mean and (population) variance of the augmented answers.
    w = np.array([pro + a / 4, n - pro - det + a / 2, det + a / 4])
    v = np.array([1.0, 0.0, -1.0])
    mean = np.average(v, weights=w)
    var2 = np.cov(v, aweights=w, bias=True)
    half2 = Z95 * np.sqrt(var2 / w.sum())
    assert abs(mean - s) < 1e-15 and abs(half2 - half) < 1e-15
    return lo, hi


ALL_PROM_13 = [0] * 9 + [0, 13]
ALL_PROM_3 = [0] * 9 + [0, 3]
HALF_HALF = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
for name, counts in [("NPS_A", NPS_A), ("ENPS", ENPS), ("NPS_B", NPS_B),
                     ("ALL_PROM_13", ALL_PROM_13), ("ALL_PROM_3", ALL_PROM_3),
                     ("HALF_HALF", HALF_HALF)]:
    lo, hi = adjusted_wald(counts)
    show(f"{name} adjusted-Wald low", lo)
    show(f"{name} adjusted-Wald high", hi)

print("\n# Benjamini-Hochberg (statsmodels multipletests method='fdr_bh')")
BH_P = [0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.2, 0.0001]
if statsmodels:
    from statsmodels.stats.multitest import multipletests
    rej, q, _, _ = multipletests(BH_P, alpha=0.05, method="fdr_bh")
    print("q =", [float(x) for x in q])
    print("rejected =", [bool(x) for x in rej])

print("\n# Spearman on the twelve units: its own p (scipy.stats.spearmanr), not Pearson's")
res = st.spearmanr(EX, CX)
show("spearman rho", res.statistic)
show("spearman p", res.pvalue)


print("\n# team-resampling bootstrap of the mean across-pair correlation")
MASK64 = (1 << 64) - 1


class SplitMix64:
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


# Ten teams over three period pairs; team 9 misses pair 2, team 0 misses pair 0.
PANEL = {t: [(p, 50 + 3 * t + 7 * ((t * (p + 2)) % 5), 60 + 2 * t + 5 * ((t + 3 * p) % 4))
             for p in range(3) if not (t == 9 and p == 2) and not (t == 0 and p == 0)]
         for t in range(10)}


def mean_pair_r(sample):
    rs = []
    for p in range(3):
        xs = [x for t in sample for (q, x, y) in PANEL[t] if q == p]
        ys = [y for t in sample for (q, x, y) in PANEL[t] if q == p]
        if len(xs) < 3 or np.ptp(xs) == 0 or np.ptp(ys) == 0:
            continue
        rs.append(np.corrcoef(xs, ys)[0, 1])
    return np.mean(rs) if rs else None


point = mean_pair_r(list(range(10)))
rng = SplitMix64(12345)
reps = []
for _ in range(1000):
    sample = [rng.below(10) for _ in range(10)]
    value = mean_pair_r(sample)
    if value is not None:
        reps.append(value)
show("panel mean r", point)
show("panel bootstrap low", np.percentile(reps, 2.5))
show("panel bootstrap high", np.percentile(reps, 97.5))
print("panel replicates used =", len(reps))
