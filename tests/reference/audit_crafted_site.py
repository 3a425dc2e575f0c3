#!/usr/bin/env python3
"""Write a small crafted site that exercises the anonymity rules the example does not reach.

    python3 tests/reference/audit_crafted_site.py DIR && kolikko build DIR &&
    python3 tests/reference/audit_example.py DIR

Two quarters, four regions, fifteen teams (fictional counts, fixed seed): a region whose teams are
all below the threshold (hidden itself, and protected by the region listed after it), a region
with one small team (the last-listed team protects it), a region with four small teams (sizes that
could be pinned), two teams below the CX minimum, and a region being wound down: a shown team
(D4, 10 answers but 2.2 heads on average) whose turnover is withheld on its own counts, which
takes its region's and a protecting region's turnover with it, and four average headcounts
(0.4, 0.2, 1.2, 2.2) that are 4 people although the code's float sum gives 4.000000000000001
(method.md "Every published table"; here the region is hidden anyway, as all its teams are below
the threshold in that table). audit_example.py recomputes it from docs/method.md like the example.
"""

import os
import random
import sys

import yaml

EX = ["ex_comm_info", "ex_comm_open", "ex_work_manageable", "ex_work_support", "ex_sys_tools",
      "ex_sys_reliable", "ex_comp_training", "ex_comp_onboarding", "ex_lead_feedback", "ex_lead_goals",
      "ex_proc_clear", "ex_proc_waste"]
CX = ["cx_comm_speed", "cx_comm_clear", "cx_work_available", "cx_work_team", "cx_sys_smooth",
      "cx_sys_errors", "cx_comp_knowledge", "cx_comp_solved", "cx_lead_trust", "cx_lead_commit",
      "cx_proc_easy", "cx_proc_promises"]
REGIONS = {"north": ["n1", "n2", "n3"], "south": ["s1", "s2", "s3", "s4"],
           "east": ["e1", "e2", "e3", "e4", "e5"], "west": ["w1", "w2", "w3"],
           "wind": ["d1", "d2", "d3", "d4"]}
SIZES = {
    "2026-Q1": {"n1": 3, "n2": 4, "n3": 2, "s1": 4, "s2": 9, "s3": 7, "s4": 12, "e1": 1, "e2": 1,
                "e3": 1, "e4": 1, "e5": 20, "w1": 6, "w2": 8, "w3": 10,
                "d1": 2, "d2": 2, "d3": 2, "d4": 10},
    "2026-Q2": {"n1": 6, "n2": 4, "n3": 7, "s1": 4, "s2": 4, "s3": 8, "s4": 12, "e1": 4, "e2": 4,
                "e3": 9, "e4": 11, "e5": 20, "w1": 3, "w2": 2, "w3": 10,
                "d1": 2, "d2": 3, "d3": 2, "d4": 10},
}
FEW_CUSTOMERS = {"w2", "n3"}  # 2 customers: below the default cx_threshold of 3
# The wound-down region: average headcounts that are 4 people in all, and few leavers.
HEADCOUNT = {"d1": 0.4, "d2": 0.2, "d3": 1.2, "d4": 2.2}
LEAVERS = {"d1": 1, "d2": 0, "d3": 1, "d4": 0}


def split(rng, n, k):
    c = [0] * k
    for _ in range(n):
        c[min(k - 1, max(0, int(rng.gauss(k * 0.7, 1))))] += 1
    return c


def main(out):
    rng = random.Random(7)
    os.makedirs(os.path.join(out, "content", "surveys"), exist_ok=True)
    with open(os.path.join(out, "kolikko.yaml"), "w") as f:
        f.write('title: "Crafted"\norganisation: "Crafted Oy"\nlanguage: en\nanonymity_threshold: 5\n')
    units = {"units": [{"id": r, "name": r.title() + " region",
                        "children": [{"id": t, "name": "Team " + t.upper()} for t in ts]}
                       for r, ts in REGIONS.items()]}
    with open(os.path.join(out, "content", "units.yaml"), "w") as f:
        yaml.safe_dump(units, f, sort_keys=False)
    for period, sizes in SIZES.items():
        ex, cx = {}, {}
        for team, n in sizes.items():
            items = {}
            for i in EX:
                na = 1 if i == "ex_comp_onboarding" and n > 3 else 0
                items[i] = {"counts": split(rng, n - na, 5), "na": na} if na else split(rng, n, 5)
            leavers = rng.randint(0, 2)
            ex[team] = {"invited": n + 2, "responses": n, "headcount": HEADCOUNT.get(team, n + 1.5),
                        "leavers": LEAVERS.get(team, leavers), "enps": split(rng, n, 11), "items": items}
            m = 2 if team in FEW_CUSTOMERS else rng.randint(20, 60)
            cx[team] = {"responses": m, "nps": split(rng, m, 11), "items": {i: split(rng, m, 5) for i in CX}}
        with open(os.path.join(out, "content", "surveys", period + ".yaml"), "w") as f:
            yaml.safe_dump({"period": period, "ex": ex, "cx": cx}, f, sort_keys=False, default_flow_style=None)


if __name__ == "__main__":
    main(sys.argv[1])
