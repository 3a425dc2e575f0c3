//! Tests of the aggregation: roll-ups, the anonymity rule per measure, changes and linkage.

use super::*;
use crate::model::Unit;
use proptest::prelude::*;

/// A random pre-order tree: each new unit hangs under a random earlier one.
fn tree(parents: &[usize]) -> UnitTree {
    let mut units = vec![Unit {
        id: "org".into(),
        name: "org".into(),
        supervisor: None,
        parent: None,
        children: vec![],
        depth: 0,
        report_with: None,
    }];
    for (i, &p) in parents.iter().enumerate() {
        let parent = p % (i + 1);
        let depth = units[parent].depth + 1;
        units.push(Unit {
            id: format!("u{i}"),
            name: format!("u{i}"),
            supervisor: None,
            parent: Some(parent),
            children: vec![],
            depth,
            report_with: None,
        });
        units[parent].children.push(i + 1);
    }
    UnitTree::new(units)
}

fn ex_totals(responses: u64, seed: u64) -> ExTotals {
    let counts = |k: u64| {
        vec![
            (seed + k) % 7,
            (seed * 3 + k) % 5,
            k % 4,
            seed % 3,
            (seed + 2 * k) % 6,
        ]
    };
    ExTotals {
        invited: responses + seed % 4,
        responses,
        // As the loader fills them: leavers and headcount only where both are reported.
        headcount: if !seed.is_multiple_of(3) {
            (seed % 9) as f64 + 0.5
        } else {
            0.0
        },
        leavers: if !seed.is_multiple_of(3) { seed % 2 } else { 0 },
        has_turnover: !seed.is_multiple_of(3),
        enps: Answers {
            counts: (0..11).map(|i| (seed + i) % 3).collect(),
            na: seed % 2,
        },
        items: (0..3)
            .map(|k| Answers {
                counts: counts(k),
                na: k,
            })
            .collect(),
    }
}

proptest! {
    /// A parent computed by the roll-up equals the sum of the raw counts of every team below it.
    #[test]
    fn roll_up_equals_sum_of_leaves(parents in proptest::collection::vec(0usize..50, 1..40), seeds in proptest::collection::vec(0u64..1000, 40)) {
        let units = tree(&parents);
        let leaf = |u: usize| u != UnitTree::ROOT && units.is_leaf(u);
        let zero = || ExTotals { invited: 0, responses: 0, headcount: 0.0, leavers: 0, has_turnover: false, enps: Answers::zero(11), items: (0..3).map(|_| Answers::zero(5)).collect() };
        let mut ex: Vec<ExTotals> = (0..units.len()).map(|u| if leaf(u) { ex_totals(seeds[u % seeds.len()] % 30, seeds[u % seeds.len()]) } else { zero() }).collect();
        let raw = ex.clone();
        let mut cx: Vec<CxTotals> = (0..units.len()).map(|u| CxTotals { responses: u as u64, nps: Answers::zero(11), items: vec![] }).collect();
        let cx_raw: Vec<u64> = cx.iter().map(|c| c.responses).collect();
        roll_up(&units, &mut ex, &mut cx);
        for u in 0..units.len() {
            // Independently: walk every team's path to the root.
            let below: Vec<usize> = (0..units.len()).filter(|&l| leaf(l) && units.path_to(l).contains(&u)).collect();
            prop_assert_eq!(ex[u].responses, below.iter().map(|&l| raw[l].responses).sum::<u64>());
            prop_assert_eq!(ex[u].invited, below.iter().map(|&l| raw[l].invited).sum::<u64>());
            prop_assert_eq!(ex[u].leavers, below.iter().filter(|&&l| raw[l].has_turnover).map(|&l| raw[l].leavers).sum::<u64>());
            for k in 0..3 {
                for point in 0..5 {
                    prop_assert_eq!(ex[u].items[k].counts[point], below.iter().map(|&l| raw[l].items[k].counts[point]).sum::<u64>());
                }
                prop_assert_eq!(ex[u].items[k].na, below.iter().map(|&l| raw[l].items[k].na).sum::<u64>());
            }
            for point in 0..11 {
                prop_assert_eq!(ex[u].enps.counts[point], below.iter().map(|&l| raw[l].enps.counts[point]).sum::<u64>());
            }
            // CX totals roll up the same way (here every unit, not only teams, carries a count).
            let subtree: u64 = (0..units.len()).filter(|&d| units.path_to(d).contains(&u)).map(|d| cx_raw[d]).sum();
            prop_assert_eq!(cx[u].responses, subtree);
        }
    }
}

fn totals(responses: u64, item: [u64; 5], enps: [u64; 11]) -> ExTotals {
    ExTotals {
        invited: responses,
        responses,
        headcount: 0.0,
        leavers: 0,
        has_turnover: false,
        enps: Answers {
            counts: enps.to_vec(),
            na: 0,
        },
        items: (0..12)
            .map(|_| Answers {
                counts: item.to_vec(),
                na: 0,
            })
            .collect(),
    }
}

#[test]
fn a_headcount_a_hair_above_a_whole_number_counts_as_that_number() {
    // Three teams of 0.6, 2.2 and 0.2 average heads are 3 people; summed in binary floating
    // point they give 3.0000000000000004, which a plain ceiling would count as 4 (with
    // N = 4, a group of three shown).
    let sum: f64 = 0.6 + 2.2 + 0.2;
    assert!(sum > 3.0 && sum.ceil() == 4.0, "{sum:?}");
    assert_eq!(turnover_people(true, sum, 0), 3);
    assert_eq!(turnover_people(true, 0.4 + 3.7 + 0.9, 1), 5);
    // The tolerance is 10⁻⁹ of a head: anything visibly above a whole number is rounded up,
    // a fraction of a head is one person, and more leavers than heads count as the leavers.
    assert_eq!(turnover_people(true, 3.000_001, 0), 4);
    assert_eq!(turnover_people(true, 3.0 + 2e-9, 0), 4);
    assert_eq!(turnover_people(true, 3.0 + 1e-10, 0), 3);
    assert_eq!(turnover_people(true, 3.0, 0), 3);
    assert_eq!(turnover_people(true, 0.6, 0), 1);
    assert_eq!(turnover_people(true, 0.8, 4), 4);
    assert_eq!(turnover_people(true, 0.0, 0), 0);
    assert_eq!(turnover_people(true, f64::NAN, 2), 2);
    assert_eq!(turnover_people(false, 9.0, 2), 0);
}

#[test]
fn a_unit_is_compared_with_the_rest_of_the_organisation() {
    // Organisation: 100 respondents, every EX question 60 of 100 favourable, eNPS 50
    // promoters / 30 passives / 20 detractors. Unit: 20 respondents, 16 of 20 favourable,
    // eNPS 10 / 5 / 5. The rest: 44 of 80 = 55 on every question, eNPS 40 / 25 / 15.
    // Index: pooled (16 + 44)/100 = 0.6; z = (0.80 − 0.55)/√(0.6·0.4·(1/20 + 1/80))
    // = 0.25/√0.015 = 2.0412 (p = 0.0412); the difference shown is 80 − 55 = +25,
    // not 80 − 60.
    let framework = Framework::default_six();
    let ex = vec![
        totals(
            100,
            [10, 10, 20, 30, 30],
            [20, 0, 0, 0, 0, 0, 0, 30, 0, 50, 0],
        ),
        totals(20, [1, 1, 2, 8, 8], [5, 0, 0, 0, 0, 0, 0, 5, 0, 10, 0]),
    ];
    let cx: Vec<CxTotals> = (0..2)
        .map(|_| CxTotals {
            responses: 0,
            nps: Answers::zero(11),
            items: (0..12).map(|_| Answers::zero(5)).collect(),
        })
        .collect();
    let published: Vec<Published> = (0..2)
        .map(|_| Published {
            items: vec![true; 12],
            enps: true,
            turnover: true,
        })
        .collect();
    let asked = vec![true; 12];
    let results: Vec<UnitResult> = (0..2)
        .map(|u| UnitResult {
            ex_visibility: Visibility::Shown,
            invited_without_answers: None,
            ex: Some(ex_stats(&framework, &ex[u], &published[u], &asked)),
            cx: None,
            cx_below_minimum: false,
        })
        .collect();
    let [index, cx_index, enps, nps] =
        against_rest(&framework, &ex, &cx, [&asked, &asked], &results, 1);
    let index = index.unwrap();
    assert!(
        (index.difference - 25.0).abs() < 1e-9,
        "{}",
        index.difference
    );
    assert!(
        (index.z - 0.25 / 0.015f64.sqrt()).abs() < 1e-9,
        "{}",
        index.z
    );
    assert!(index.p_value < 0.05);
    assert_eq!((cx_index, nps), (None, None), "no customers answered");
    // eNPS: unit +25 against the rest's (40 − 15)/80 = +31.25.
    let enps = enps.unwrap();
    assert!((enps.difference - (25.0 - 31.25)).abs() < 1e-9);
    let rest = stats::net_score(&[15, 0, 0, 0, 0, 0, 0, 25, 0, 40, 0]).unwrap();
    let group = stats::net_score(&[5, 0, 0, 0, 0, 0, 0, 5, 0, 10, 0]).unwrap();
    assert_eq!(enps, stats::net_score_change(&rest, &group).unwrap());
    // The organisation is not compared with itself.
    assert_eq!(
        against_rest(&framework, &ex, &cx, [&asked, &asked], &results, 0),
        [None; 4]
    );
}

#[test]
fn verdicts_of_a_period_share_one_false_discovery_control() {
    let change = |p: f64| Change {
        difference: 1.0,
        z: 2.0,
        p_value: p,
        before: 0.0,
        after: 1.0,
    };
    // Four verdicts: p = 0.01, 0.04, 0.03 and 0.5. BH: sorted 0.01, 0.03, 0.04, 0.5 →
    // 4·0.01/1 = 0.04, 4·0.03/2 = 0.06, 4·0.04/3 = 0.0533, 0.5 → running minimum from
    // the top: 0.04, 0.0533, 0.0533, 0.5. Three of the four were "p < 0.05"; one stays clear.
    let mut units = vec![UnitComparisons::default(), UnitComparisons::default()];
    units[0].vs_previous[0] = Some(unadjusted(change(0.01)));
    units[0].vs_rest[2] = Some(unadjusted(change(0.04)));
    units[1].vs_previous[3] = Some(unadjusted(change(0.03)));
    units[1].vs_rest[1] = Some(unadjusted(change(0.5)));
    // Nothing is clear before the control, whatever its raw p.
    assert!(!units[0].vs_previous[0].unwrap().clear);
    control_false_discoveries(&mut units);
    let q = |c: Option<Comparison>| c.unwrap().q_value;
    assert!((q(units[0].vs_previous[0]) - 0.04).abs() < 1e-15);
    assert!((q(units[0].vs_rest[2]) - 0.16 / 3.0).abs() < 1e-15);
    assert!((q(units[1].vs_previous[3]) - 0.16 / 3.0).abs() < 1e-15);
    assert!((q(units[1].vs_rest[1]) - 0.5).abs() < 1e-15);
    let clear: Vec<bool> = [
        units[0].vs_previous[0],
        units[0].vs_rest[2],
        units[1].vs_previous[3],
    ]
    .iter()
    .map(|c| c.unwrap().clear)
    .collect();
    assert_eq!(clear, [true, false, false]);
}

#[test]
fn ranks_share_places_for_ties_and_overlapping_intervals() {
    assert_eq!(competition_ranks(&["71", "64", "64", "60"]), [1, 2, 2, 4]);
    let ranks = competition_ranks(&[9, 8, 8, 8, 2]);
    let labels: Vec<String> = (0..5).map(|i| rank_label(&ranks, i)).collect();
    assert_eq!(labels, ["1", "=2", "=2", "=2", "5"]);
    use crate::stats::Interval;
    let driver = |f: usize, r: f64, low: f64, high: f64| {
        (
            f,
            Correlation {
                n: 24,
                r,
                interval: Some(Interval { low, high }),
                p_value: 0.01,
            },
        )
    };
    // A's interval lies wholly above C's, B overlaps both: A and B share first place, C is
    // below A only (one driver clearly stronger) and so is second.
    let drivers = [
        driver(0, 0.8, 0.6, 0.9),
        driver(1, 0.6, 0.3, 0.8),
        driver(2, 0.3, -0.1, 0.55),
    ];
    assert_eq!(driver_ranks(&drivers), [1, 1, 2]);
}

#[test]
fn verdict_wording_follows_the_interval() {
    use crate::stats::{Correlation, Interval};
    let c = |low: f64, high: f64| Correlation {
        n: 20,
        r: (low + high) / 2.0,
        interval: Some(Interval { low, high }),
        p_value: 0.5,
    };
    assert_eq!(verdict(Some(&c(0.1, 0.7)), 20), Verdict::Positive);
    assert_eq!(verdict(Some(&c(-0.7, -0.1)), 20), Verdict::Negative);
    assert_eq!(verdict(Some(&c(-0.2, 0.6)), 20), Verdict::NoClearLink);
    assert_eq!(verdict(Some(&c(0.1, 0.7)), 7), Verdict::TooFewUnits);
}
