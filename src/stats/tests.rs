//! Tests of the statistics.
//!
//! Expected values marked "ref" are printed by tests/reference/stats_reference.py
//! (SciPy 1.17.1, NumPy 2.4.6, statsmodels 0.15.0). Closed-form results (shares,
//! intervals, least squares) agree to 1e-12 absolute; p-values (statrs incomplete
//! beta / incomplete gamma) to 1e-12 relative. Reached: 1.5e-14 absolute, 2e-13 relative (worst case:
//! p ~ 1e-73); see docs/method.md.

use super::*;
use proptest::prelude::*;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

const ABS: f64 = 1e-12;
const REL: f64 = 1e-12;

#[track_caller]
fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() <= ABS,
        "{actual} != {expected} (abs diff {})",
        (actual - expected).abs()
    );
}

#[track_caller]
fn rel(actual: f64, expected: f64) {
    let scale = expected.abs().max(f64::MIN_POSITIVE);
    assert!(
        (actual - expected).abs() / scale <= REL,
        "{actual} != {expected} (rel diff {:e})",
        (actual - expected).abs() / scale
    );
}

#[track_caller]
fn close_interval(actual: Interval, low: f64, high: f64) {
    close(actual.low, low);
    close(actual.high, high);
}

// Twelve units: EX favourable % and CX NPS (same data as the reference script).
const EX: [f64; 12] = [
    62.5, 71.0, 55.0, 80.0, 68.0, 74.5, 59.0, 83.0, 66.0, 77.0, 70.0, 61.0,
];
const CX: [f64; 12] = [
    18.0, 31.0, 12.0, 40.0, 22.0, 35.0, 20.0, 38.0, 15.0, 29.0, 33.0, 10.0,
];
const TIES_X: [f64; 10] = [3.0, 4.0, 4.0, 2.0, 5.0, 4.0, 3.0, 1.0, 5.0, 2.0];
const TIES_Y: [f64; 10] = [2.0, 4.0, 3.0, 2.0, 5.0, 5.0, 3.0, 1.0, 4.0, 3.0];
const NPS_A: [u64; 11] = [2, 1, 0, 2, 3, 4, 6, 10, 18, 20, 18];
const NPS_B: [u64; 11] = [1, 0, 1, 1, 2, 3, 4, 12, 20, 25, 21];
const ENPS: [u64; 11] = [0, 0, 0, 1, 0, 1, 1, 2, 3, 2, 2];

// ------------------------------------------------------------ shares

#[test]
fn shares_by_hand() {
    // [0,1,2,5,4]: n = 12; favourable (4–5) = 9/12 = 0.75; neutral (3) = 2/12;
    // unfavourable (1–2) = 1/12; mean = (1·0 + 2·1 + 3·2 + 4·5 + 5·4)/12 = 48/12 = 4.
    let s = shares(&[0, 1, 2, 5, 4], &Scale::LIKERT5).unwrap();
    assert_eq!(s.n, 12);
    assert_eq!(s.favourable, 0.75);
    close(s.neutral, 2.0 / 12.0);
    close(s.unfavourable, 1.0 / 12.0);
    assert_eq!(s.mean, 4.0);
    // ref: wilson 9/12 (statsmodels proportion_confint method="wilson" agrees)
    close_interval(
        s.favourable_interval,
        0.4676946650664343,
        0.9110583316059452,
    );
}

#[test]
fn shares_edge_cases() {
    assert!(shares(&[0, 0, 0, 0, 0], &Scale::LIKERT5).is_none(), "n = 0");
    assert!(
        shares(&[1, 2, 3, 4], &Scale::LIKERT5).is_none(),
        "wrong length"
    );
    assert!(
        shares(&[u64::MAX, 1, 0, 0, 0], &Scale::LIKERT5).is_none(),
        "overflow"
    );
    let overlapping = Scale {
        points: 5,
        favourable_from: 3,
        unfavourable_to: 3,
    };
    assert!(shares(&[1, 1, 1, 1, 1], &overlapping).is_none());
    // All answers identical: 7 × "5".
    let s = shares(&[0, 0, 0, 0, 7], &Scale::LIKERT5).unwrap();
    assert_eq!(
        (s.favourable, s.neutral, s.unfavourable, s.mean),
        (1.0, 0.0, 0.0, 5.0)
    );
    assert_eq!(s.favourable_interval.high, 1.0);
    // The largest scale a u8 allows.
    let wide = Scale {
        points: 255,
        favourable_from: 200,
        unfavourable_to: 100,
    };
    let s = shares(&[1; 255], &wide).unwrap();
    assert_eq!((s.n, s.mean), (255, 128.0));
    close(s.favourable, 56.0 / 255.0);
    // A 4-point scale without a neutral band.
    let four = Scale {
        points: 4,
        favourable_from: 3,
        unfavourable_to: 2,
    };
    let s = shares(&[1, 1, 1, 1], &four).unwrap();
    assert_eq!(
        (s.favourable, s.neutral, s.unfavourable, s.mean),
        (0.5, 0.0, 0.5, 2.5)
    );
}

// ------------------------------------------------------------ Wilson

#[test]
fn wilson_matches_reference() {
    // ref: formula in numpy; statsmodels proportion_confint(method="wilson") agrees to 1e-16
    close_interval(
        wilson_interval(9, 12, Z95),
        0.4676946650664343,
        0.9110583316059452,
    );
    close_interval(wilson_interval(0, 10, Z95), 0.0, 0.2775327998628892);
    close_interval(wilson_interval(10, 10, Z95), 0.7224672001371107, 1.0);
    close_interval(
        wilson_interval(45, 84, Z95),
        0.42984715937637186,
        0.6384577171654381,
    );
    close_interval(wilson_interval(1, 1, Z95), 0.20654931437723745, 1.0);
}

#[test]
fn wilson_edge_cases() {
    let everything = Interval {
        low: 0.0,
        high: 1.0,
    };
    assert_eq!(wilson_interval(0, 0, Z95), everything);
    assert_eq!(wilson_interval(1, 2, f64::NAN), everything);
    assert_eq!(wilson_interval(12, 10, Z95), wilson_interval(10, 10, Z95));
    assert_eq!(wilson_interval(3, 10, -Z95), wilson_interval(3, 10, Z95));
    // Exact ends: no rounding below 0 or above 1.
    assert_eq!(wilson_interval(0, 10, Z95).low, 0.0);
    assert_eq!(wilson_interval(10, 10, Z95).high, 1.0);
}

// ------------------------------------------------------------ net score

#[test]
fn net_score_matches_reference() {
    // NPS_A by hand: n = 84, promoters 38/84, passives 28/84, detractors 18/84,
    // score = 100·20/84 = 23.8095…
    let a = net_score(&NPS_A).unwrap();
    assert_eq!(a.n, 84);
    close(a.promoters, 38.0 / 84.0);
    close(a.passives, 28.0 / 84.0);
    close(a.detractors, 18.0 / 84.0);
    // ref: NPS_A score; adjusted-Wald low, high
    close(a.score, 23.80952380952381);
    close_interval(a.interval, 6.4683811073567545, 39.06820325384992);

    // eNPS example of docs/format.md: 4 promoters, 5 passives, 3 detractors of 12.
    let e = net_score(&ENPS).unwrap();
    assert_eq!(e.n, 12);
    close(e.score, 8.333333333333332);
    close_interval(e.interval, -30.50976143562006, 43.13486132469937);

    let b = net_score(&NPS_B).unwrap();
    close(b.score, 37.77777777777778);
    close_interval(b.interval, 21.821243629643348, 50.641397994385294);
}

#[test]
fn net_score_edge_cases() {
    assert!(net_score(&[0; 11]).is_none());
    // Everyone alike no longer gives a zero-width interval. ref: ALL_PROM_13: the adjusted
    // upper end passes 100 (n > z²) and is cut there.
    let mut all_promoters = [0; 11];
    all_promoters[10] = 13;
    let s = net_score(&all_promoters).unwrap();
    assert_eq!(s.score, 100.0);
    close_interval(s.interval, 51.4661519667638, 100.0);
    // ref: ALL_PROM_3: below z² people the adjusted interval stops short of +100
    // (it would end at 98.2); it is widened to include the observed score.
    all_promoters[10] = 3;
    close_interval(
        net_score(&all_promoters).unwrap().interval,
        -10.545493372871118,
        100.0,
    );
    let mut all_detractors = [0; 11];
    all_detractors[0] = 13;
    let s = net_score(&all_detractors).unwrap();
    assert_eq!(s.score, -100.0);
    close_interval(s.interval, -100.0, -51.4661519667638);
    // ref: HALF_HALF. The plain Wald interval (±138.6) ran into both cuts; this one does not.
    let s = net_score(&[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap();
    assert_eq!(s.score, 0.0);
    close_interval(s.interval, -66.4370295773559, 66.4370295773559);
}

/// Exact coverage of the net-score interval: for each true (promoter, detractor) mix and
/// group size, every possible sample is enumerated with its multinomial probability, so
/// the coverage is computed, not estimated, and the test is deterministic.
fn coverage(
    n: u64,
    promoters: f64,
    detractors: f64,
    interval: &dyn Fn(u64, u64, u64) -> Interval,
) -> f64 {
    let truth = 100.0 * (promoters - detractors);
    let passives = 1.0 - promoters - detractors;
    let ln_factorial = |k: u64| (1..=k).map(|i| (i as f64).ln()).sum::<f64>();
    let mut covered = 0.0;
    for pro in 0..=n {
        for det in 0..=(n - pro) {
            let pas = n - pro - det;
            let ln_p = ln_factorial(n) - ln_factorial(pro) - ln_factorial(det) - ln_factorial(pas)
                + pro as f64 * promoters.ln()
                + det as f64 * detractors.ln()
                + pas as f64 * passives.ln();
            let i = interval(pro, det, n);
            if i.low <= truth && truth <= i.high {
                covered += ln_p.exp();
            }
        }
    }
    covered
}

#[test]
fn net_score_interval_covers_about_95_percent_in_small_groups() {
    // True mixes from a lukewarm group to a nearly unanimous one, groups of 5 to 40.
    let mixes = [
        (0.3, 0.3),
        (0.5, 0.2),
        (0.6, 0.1),
        (0.2, 0.5),
        (0.8, 0.05),
        (0.9, 0.03),
    ];
    let adjusted = |p: u64, d: u64, n: u64| net_score_interval(p, d, n, Z95);
    // The interval this replaced, for comparison.
    let wald = |p: u64, d: u64, n: u64| {
        let (pf, df) = (p as f64 / n as f64, d as f64 / n as f64);
        let half = Z95 * 100.0 * (net_variance(pf, df) / n as f64).sqrt();
        let score = 100.0 * (pf - df);
        Interval {
            low: (score - half).max(-100.0),
            high: (score + half).min(100.0),
        }
    };
    let (mut sum, mut worst, mut wald_sum, mut wald_worst, mut cases) =
        (0.0, 1.0f64, 0.0, 1.0f64, 0.0);
    for n in [5u64, 8, 13, 20, 40] {
        for &(p, d) in &mixes {
            let c = coverage(n, p, d, &adjusted);
            let w = coverage(n, p, d, &wald);
            assert!(c > w, "n {n}, {p}/{d}: adjusted {c} not above Wald {w}");
            sum += c;
            worst = worst.min(c);
            wald_sum += w;
            wald_worst = wald_worst.min(w);
            cases += 1.0;
        }
    }
    let (mean, wald_mean) = (sum / cases, wald_sum / cases);
    assert!((0.935..=0.975).contains(&mean), "mean coverage {mean}");
    // Coverage of a discrete sample jumps with n; the worst case measured is 0.852
    // (n = 5, 80% promoters, 5% detractors), against 0.401 for the Wald interval.
    eprintln!(
        "coverage: mean {mean:.4}, worst {worst:.4}; Wald mean {wald_mean:.4}, worst {wald_worst:.4}"
    );
    assert!(worst >= 0.85, "worst coverage {worst}");
    assert!(
        wald_mean < mean && wald_worst < worst,
        "Wald {wald_mean}/{wald_worst} vs {mean}/{worst}"
    );
}

// ------------------------------------------------------------ turnover, mean

#[test]
fn turnover_and_mean() {
    // docs/format.md example: 1 leaver, average headcount 14.5.
    assert_eq!(turnover(1.0, 14.5), Some(1.0 / 14.5));
    assert_eq!(turnover(0.0, 10.0), Some(0.0));
    assert_eq!(turnover(1.0, 0.0), None);
    assert_eq!(turnover(1.0, -3.0), None);
    assert_eq!(turnover(-1.0, 10.0), None);
    assert_eq!(turnover(f64::NAN, 10.0), None);
    assert_eq!(turnover(1.0, f64::NAN), None);
    assert_eq!(turnover(1.0, 1e-320), None, "infinite result");

    assert_eq!(mean(&[]), None);
    assert_eq!(mean(&[2.0, 4.0]), Some(3.0));
    assert_eq!(mean(&[1.0, f64::NAN]), None);
    assert_eq!(mean(&[f64::MAX, f64::MAX]), None);
    close(mean(&EX).unwrap(), 68.91666666666667); // ref: np.mean(EX)
}

// ------------------------------------------------------------ Pearson

#[test]
fn pearson_twelve_units() {
    let c = pearson(&EX, &CX).unwrap();
    assert_eq!(c.n, 12);
    // ref: scipy.stats.pearsonr(EX, CX)
    close(c.r, 0.8924996299515253);
    rel(c.p_value, 9.415799364762075e-05);
    // ref: np.tanh(np.arctanh(r) ± 1.959963984540054/np.sqrt(9)); equals
    // pearsonr(...).confidence_interval(0.95)
    close_interval(c.interval.unwrap(), 0.6531418048377177, 0.9697093490311929);
}

#[test]
fn pearson_small() {
    // By hand: x = 1..4, y = [2,1,4,3]: deviations (−1.5,−0.5,0.5,1.5) and
    // (−0.5,−1.5,1.5,0.5); Sxy = 3, Sxx = Syy = 5, r = 3/5 = 0.6.
    // t = 0.6·sqrt(2/0.64) = 1.0607, df 2 → p = 0.4 (ref: 0.3999999999999999).
    let c = pearson(&[1.0, 2.0, 3.0, 4.0], &[2.0, 1.0, 4.0, 3.0]).unwrap();
    close(c.r, 0.6);
    rel(c.p_value, 0.3999999999999999);
    close_interval(c.interval.unwrap(), -0.8529325646947181, 0.9901277107996944);

    // n = 3: p-value but no interval (ref: r = 0.5, p = 0.6666666666666666).
    let c = pearson(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]).unwrap();
    close(c.r, 0.5);
    rel(c.p_value, 0.6666666666666666);
    assert_eq!(c.interval, None);
}

#[test]
fn pearson_tiny_p_value_keeps_precision() {
    let x: Vec<f64> = (0..200).map(f64::from).collect();
    let y: Vec<f64> = x.iter().map(|&v| -v + 40.0 * v.sin()).collect();
    let c = pearson(&x, &y).unwrap();
    // ref: pearson, strong negative, n = 200
    close(c.r, -0.8992129926976005);
    // Relative error reached here is 2e-13 (ln-gamma prefactor in statrs).
    rel(c.p_value, 5.1823651092822325e-73);
}

#[test]
fn p_value_identity_equals_students_t() {
    // The closed form used in correlation_p_value equals 2·P(T > |t|).
    for &(r, n) in &[
        (0.8924996299515253, 12usize),
        (-0.3, 40),
        (0.05, 7),
        (0.6, 4),
    ] {
        let df = (n - 2) as f64;
        let t = r * (df / (1.0 - r * r)).sqrt();
        let dist = StudentsT::new(0.0, 1.0, df).unwrap();
        rel(correlation_p_value(r, n).unwrap(), 2.0 * dist.sf(t.abs()));
    }
}

#[test]
fn pearson_edge_cases() {
    assert!(pearson(&[1.0, 2.0], &[1.0, 2.0]).is_none(), "n < 3");
    assert!(pearson(&[1.0, 2.0, 3.0], &[1.0, 2.0]).is_none(), "lengths");
    assert!(
        pearson(&[1.0, 1.0, 1.0, 1.0], &[1.0, 2.0, 3.0, 4.0]).is_none(),
        "zero variance"
    );
    assert!(
        pearson(&[0.1, 0.1, 0.1], &[1.0, 2.0, 3.0]).is_none(),
        "0.1 mean rounds"
    );
    assert!(pearson(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0]).is_none());
    assert!(
        pearson(&[1e300, -1e300, 1e300], &[1.0, 2.0, 3.0]).is_none(),
        "overflow"
    );

    let c = pearson(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 4.0, 6.0, 8.0, 10.0]).unwrap();
    assert_eq!((c.r, c.p_value), (1.0, 0.0));
    assert_eq!(
        c.interval,
        Some(Interval {
            low: 1.0,
            high: 1.0
        })
    );
    let c = pearson(&[1.0, 2.0, 3.0, 4.0], &[4.0, 3.0, 2.0, 1.0]).unwrap();
    assert_eq!((c.r, c.p_value), (-1.0, 0.0));
    assert_eq!(
        c.interval,
        Some(Interval {
            low: -1.0,
            high: -1.0
        })
    );
    // r = 0 exactly: p = 1.
    let c = pearson(&[1.0, 2.0, 3.0], &[1.0, 0.0, 1.0]).unwrap();
    assert_eq!((c.r, c.p_value), (0.0, 1.0));
}

// ------------------------------------------------------------ Spearman

#[test]
fn ranks_with_ties() {
    // ref: scipy.stats.rankdata(method="average")
    assert_eq!(
        average_ranks(&TIES_X),
        [4.5, 7.0, 7.0, 2.5, 9.5, 7.0, 4.5, 1.0, 9.5, 2.5]
    );
    assert_eq!(
        average_ranks(&TIES_Y),
        [2.5, 7.5, 5.0, 2.5, 9.5, 9.5, 5.0, 1.0, 7.5, 5.0]
    );
    // By hand.
    assert_eq!(average_ranks(&[10.0, 30.0, 20.0]), [1.0, 3.0, 2.0]);
    assert_eq!(average_ranks(&[5.0, 5.0, 5.0, 5.0]), [2.5; 4]);
    assert_eq!(average_ranks(&[0.0, -0.0, 1.0]), [1.5, 1.5, 3.0]);
    assert!(average_ranks(&[]).is_empty());
}

#[test]
fn spearman_with_ties() {
    let c = spearman(&TIES_X, &TIES_Y).unwrap();
    // ref: scipy.stats.spearmanr(TIES_X, TIES_Y)
    close(c.r, 0.8417721518987342);
    rel(c.p_value, 0.0022551352528662415);
    // ref: Bonett–Wright, tanh(atanh(rho) ± Z95·sqrt((1 + rho²/2)/7))
    close_interval(c.interval.unwrap(), 0.3497238605641087, 0.9698235278299235);

    // ref: spearman, twelve units
    let c = spearman(&EX, &CX).unwrap();
    close(c.r, 0.8811188811188813);
    rel(c.p_value, 0.00015267406467669862);
}

#[test]
fn spearman_ties_values_a_last_digit_apart() {
    // 0.1 + 0.2 is 0.30000000000000004: equal to 0.3 in exact arithmetic, so they tie.
    let x = [0.1 + 0.2, 0.3, 0.5, 0.9];
    let y = [1.0, 2.0, 3.0, 4.0];
    assert_ne!(x[0], x[1]);
    // ref: scipy.stats.spearmanr([0.3, 0.3, 0.5, 0.9], [1, 2, 3, 4]).statistic
    close(spearman(&x, &y).unwrap().r, 0.9486832980505139);
}

#[test]
fn spearman_edge_cases() {
    assert!(
        spearman(&[2.0, 2.0, 2.0, 2.0], &[1.0, 2.0, 3.0, 4.0]).is_none(),
        "ties everywhere"
    );
    assert!(spearman(&[1.0, 2.0], &[2.0, 1.0]).is_none());
    // Monotone but not linear: rho = 1 exactly.
    let c = spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 10.0, 100.0, 1000.0]).unwrap();
    assert_eq!((c.r, c.p_value), (1.0, 0.0));
    assert_eq!(
        c.interval,
        Some(Interval {
            low: 1.0,
            high: 1.0
        })
    );
}

// ------------------------------------------------------------ Fisher

#[test]
fn fisher_matches_reference() {
    // ref: np.tanh(np.arctanh(0.5) ± Z95/np.sqrt(27))
    close_interval(
        fisher_interval(0.5, 30, Z95).unwrap(),
        0.17043136511180015,
        0.7289585563883555,
    );
    // ref: r = −0.33, n = 7939
    close_interval(
        fisher_interval(-0.33, 7939, Z95).unwrap(),
        -0.349460875712543,
        -0.310254515925247,
    );
    assert_eq!(fisher_interval(0.5, 3, Z95), None);
    assert_eq!(fisher_interval(1.5, 30, Z95), None);
    assert_eq!(fisher_interval(f64::NAN, 30, Z95), None);
    assert_eq!(
        fisher_interval(-1.0, 30, Z95),
        Some(Interval {
            low: -1.0,
            high: -1.0
        })
    );
    let zero = fisher_interval(0.0, 12, Z95).unwrap();
    assert_eq!(zero.low, -zero.high, "symmetric around 0");
}

// ------------------------------------------------------------ least squares

#[test]
fn least_squares_matches_reference() {
    let fit = least_squares(&EX, &CX).unwrap();
    // ref: scipy.stats.linregress(EX, CX)
    close(fit.slope, 1.06800120712202);
    close(fit.intercept, -48.353083190825885);
    // By hand: y = 1 + 2x exactly.
    let fit = least_squares(&[0.0, 1.0, 2.0], &[1.0, 3.0, 5.0]).unwrap();
    assert_eq!((fit.slope, fit.intercept), (2.0, 1.0));
    assert!(least_squares(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]).is_none());
    assert!(least_squares(&[1.0], &[1.0]).is_none());
    assert!(least_squares(&[1.0, 2.0], &[1.0]).is_none());
    let flat = least_squares(&[1.0, 2.0, 3.0], &[4.0, 4.0, 4.0]).unwrap();
    assert_eq!((flat.slope, flat.intercept), (0.0, 4.0));
}

// ------------------------------------------------------------ change tests

#[test]
fn two_proportion_matches_reference() {
    // ref: formula with scipy.stats.norm.sf; statsmodels proportions_ztest([s2, s1], [n2, n1])
    let c = two_proportion_test(45, 84, 60, 90).unwrap();
    close(c.difference, 0.13095238095238093);
    close(c.z, 1.76453276113782);
    rel(c.p_value, 0.07764232464648332);
    assert!(c.p_value >= SIGNIFICANCE);

    let c = two_proportion_test(9, 12, 7, 14).unwrap();
    close(c.difference, -0.25);
    close(c.z, -1.3062350477613132);
    rel(c.p_value, 0.19147263759134625);
    assert!(c.p_value >= SIGNIFICANCE);

    let c = two_proportion_test(500, 1000, 560, 1000).unwrap();
    close(c.difference, 0.06000000000000005);
    close(c.z, 2.6881245598254755);
    rel(c.p_value, 0.007185458758132356);
    assert!(c.p_value < SIGNIFICANCE);
}

#[test]
fn two_proportion_edge_cases() {
    assert!(two_proportion_test(0, 0, 1, 2).is_none());
    assert!(two_proportion_test(1, 2, 0, 0).is_none());
    assert!(two_proportion_test(3, 2, 1, 2).is_none(), "successes > n");
    // Pooled share 0 or 1: nothing changed.
    assert_eq!(
        two_proportion_test(0, 10, 0, 12),
        Some(Change::unchanged(0.0, 0.0))
    );
    assert_eq!(
        two_proportion_test(10, 10, 12, 12),
        Some(Change::unchanged(1.0, 1.0))
    );
    // All-or-nothing but different: the pooled variance is positive.
    let c = two_proportion_test(0, 10, 10, 10).unwrap();
    assert_eq!(c.difference, 1.0);
    assert!(c.p_value < SIGNIFICANCE && c.p_value.is_finite());
    assert_eq!((c.before, c.after), (0.0, 1.0));
}

#[test]
fn net_score_change_matches_reference() {
    let a = net_score(&NPS_A).unwrap();
    let b = net_score(&NPS_B).unwrap();
    let c = net_score_change(&a, &b).unwrap();
    // ref: difference, z (unpooled variances), p = 2·norm.sf(|z|)
    close(c.difference, 13.968253968253968);
    close(c.z, 1.2328793840201497);
    rel(c.p_value, 0.2176207681227471);
    assert!(c.p_value >= SIGNIFICANCE);
    // Reversed order flips the sign only.
    let back = net_score_change(&b, &a).unwrap();
    assert_eq!(
        (back.difference, back.z, back.p_value),
        (-c.difference, -c.z, c.p_value)
    );
}

#[test]
fn net_score_change_edge_cases() {
    let mut promoters = [0; 11];
    promoters[9] = 4;
    let mut passives = [0; 11];
    passives[7] = 4;
    let all_promoters = net_score(&promoters).unwrap();
    let all_passives = net_score(&passives).unwrap();
    // No spread anywhere and identical: no change.
    assert_eq!(
        net_score_change(&all_promoters, &all_promoters),
        Some(Change::unchanged(100.0, 100.0))
    );
    // No spread but different: undefined.
    assert_eq!(net_score_change(&all_passives, &all_promoters), None);
    let empty = NetScore {
        n: 0,
        ..all_passives
    };
    assert_eq!(net_score_change(&empty, &all_promoters), None);
}

#[test]
fn normal_p_value_matches_reference() {
    // ref: 2·scipy.stats.norm.sf(|z|)
    let cases = [
        (0.5, 0.6170750774519738),
        (Z95, 0.05),
        (-2.5, 0.012419330651552265),
        (6.0, 1.973175290075389e-09),
        (10.0, 1.523970604832094e-23),
    ];
    for (z, p) in cases {
        rel(two_sided_normal_p(z), p);
    }
    assert_eq!(two_sided_normal_p(0.0), 1.0);
    assert_eq!(two_sided_normal_p(f64::INFINITY), 0.0);
    // statrs' own Normal::sf is only good to ~1e-10 relative, which is why
    // the gamma-function form is used (see two_sided_normal_p).
    let statrs_p = 2.0 * Normal::standard().sf(Z95);
    assert!((statrs_p - 0.05).abs() < 1e-9);
}

// ------------------------------------------------------------ properties

// ------------------------------------------------------------ false discovery rate

#[test]
fn benjamini_hochberg_matches_statsmodels() {
    // ref: multipletests(BH_P, method="fdr_bh")
    let p = [0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.2, 0.0001];
    let q = benjamini_hochberg(&p);
    let expected = [
        0.02666666666666667,
        0.05333333333333334,
        0.05333333333333334,
        0.02,
        0.5,
        0.05333333333333334,
        0.2285714285714286,
        0.0008,
    ];
    for (q, e) in q.iter().zip(expected) {
        rel(*q, e);
    }
    assert!(benjamini_hochberg(&[]).is_empty());
    assert_eq!(benjamini_hochberg(&[0.03]), vec![0.03]);
}

#[test]
fn spearman_has_its_own_p_value() {
    // ref: spearmanr(EX, CX) rho and p; Pearson's p on the same data is far larger.
    let s = spearman(&EX, &CX).unwrap();
    close(s.r, 0.8811188811188813);
    rel(s.p_value, 0.00015267406467669862);
    // ref: pearsonr(EX, CX) p = 9.415799364762075e-05, a different number.
    rel(pearson(&EX, &CX).unwrap().p_value, 9.415799364762075e-05);
}

// ------------------------------------------------------------ panel bootstrap

/// The reference script's PANEL: ten teams over three period pairs.
fn panel() -> Vec<Vec<PanelObservation>> {
    (0..10u64)
        .map(|t| {
            (0..3u64)
                .filter(|&p| !((t == 9 && p == 2) || (t == 0 && p == 0)))
                .map(|p| {
                    let x = 50 + 3 * t + 7 * ((t * (p + 2)) % 5);
                    let y = 60 + 2 * t + 5 * ((t + 3 * p) % 4);
                    (p as usize, x as f64, y as f64)
                })
                .collect()
        })
        .collect()
}

#[test]
fn team_bootstrap_matches_reference() {
    // ref: panel mean r, bootstrap low/high (SplitMix64 seed 12345, 1000 replicates, the
    // same draws re-implemented in Python with numpy.corrcoef and numpy.percentile).
    let c = team_bootstrap_correlation(&panel(), 3, 1000, 12345).unwrap();
    close(c.r, 0.4297613206596638);
    let i = c.interval.unwrap();
    close(i.low, 0.08498566936885378);
    close(i.high, 0.7205895639888809);
    assert_eq!((c.pairs, c.teams), (3, 10));
    // Same seed, same result; another seed moves only the interval.
    assert_eq!(
        team_bootstrap_correlation(&panel(), 3, 1000, 12345),
        Some(c)
    );
    let other = team_bootstrap_correlation(&panel(), 3, 1000, 99).unwrap();
    assert_eq!(other.r, c.r);
    assert_ne!(other.interval, c.interval);
}

#[test]
fn team_bootstrap_edge_cases() {
    assert_eq!(team_bootstrap_correlation(&[], 0, 100, 1), None);
    // Two teams: no pair has the three a correlation needs.
    let two = vec![vec![(0, 1.0, 2.0)], vec![(0, 2.0, 1.0)]];
    assert_eq!(team_bootstrap_correlation(&two, 1, 100, 1), None);
    // A pair index out of range is refused, not a panic.
    assert_eq!(
        team_bootstrap_correlation(&[vec![(5, 1.0, 1.0)]], 1, 10, 1),
        None
    );
}

proptest! {
    #[test]
    fn shares_sum_to_one(counts in proptest::collection::vec(0u64..10_000, 5)) {
        prop_assume!(counts.iter().sum::<u64>() > 0);
        let s = shares(&counts, &Scale::LIKERT5).unwrap();
        prop_assert!((s.favourable + s.neutral + s.unfavourable - 1.0).abs() < 1e-12);
        prop_assert!((1.0..=5.0).contains(&s.mean));
    }

    #[test]
    fn wilson_contains_share(n in 1u64..100_000, k in 0u64..100_000, z in 0.1f64..4.0) {
        let k = k % (n + 1);
        let i = wilson_interval(k, n, z);
        let p = k as f64 / n as f64;
        prop_assert!(0.0 <= i.low && i.low <= p && p <= i.high && i.high <= 1.0, "{i:?} {p}");
    }

    #[test]
    fn net_score_in_range(counts in proptest::array::uniform11(0u64..1_000)) {
        prop_assume!(counts.iter().sum::<u64>() > 0);
        let s = net_score(&counts).unwrap();
        prop_assert!((-100.0..=100.0).contains(&s.score));
        prop_assert!(-100.0 <= s.interval.low && s.interval.low <= s.score);
        prop_assert!(s.score <= s.interval.high && s.interval.high <= 100.0);
        prop_assert!((s.promoters + s.passives + s.detractors - 1.0).abs() < 1e-12);
    }

    #[test]
    fn correlations_are_finite(pairs in proptest::collection::vec((-1e6f64..1e6, -1e6f64..1e6), 0..40)) {
        let (x, y): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        for c in [pearson(&x, &y), spearman(&x, &y)].into_iter().flatten() {
            prop_assert!((-1.0..=1.0).contains(&c.r));
            prop_assert!((0.0..=1.0).contains(&c.p_value));
            if let Some(i) = c.interval {
                prop_assert!(-1.0 <= i.low && i.low <= c.r && c.r <= i.high && i.high <= 1.0);
            }
        }
        let ranks = average_ranks(&x);
        let n = x.len() as f64;
        prop_assert!((ranks.iter().sum::<f64>() - n * (n + 1.0) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn change_tests_are_finite(k1 in 0u64..500, n1 in 1u64..500, k2 in 0u64..500, n2 in 1u64..500) {
        let c = two_proportion_test(k1 % (n1 + 1), n1, k2 % (n2 + 1), n2).unwrap();
        prop_assert!(c.z.is_finite() && (0.0..=1.0).contains(&c.p_value));
        prop_assert_eq!(c.difference, c.after - c.before);
    }
}
