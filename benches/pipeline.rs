//! Micro-benchmarks of the pipeline's steps on the example site at the repository root:
//! loading, the analysis (every statistic), a few statistics on their own, one chart of each
//! kind and a whole in-memory render. The end-to-end figures are in bench/run.sh.
//!
//! cargo bench --bench pipeline

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use kolikko::framework::Side;
use kolikko::model::UnitTree;
use kolikko::pages::FigureMaker;
use kolikko::{aggregate, i18n, load, pages, stats};

fn site_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pipeline(c: &mut Criterion) {
    let mut site = load::load_site(site_dir()).expect("the example site loads");
    let analysis = aggregate::analyse(&mut site, aggregate::Counts::Keep);
    let mut analysed = site.clone();
    c.bench_function("load example site", |b| {
        b.iter(|| load::load_site(black_box(site_dir())).unwrap())
    });
    c.bench_function("analyse (every statistic)", |b| {
        b.iter(|| aggregate::analyse(black_box(&mut analysed), aggregate::Counts::Keep))
    });
    c.bench_function("render every page in memory", |b| {
        b.iter(|| pages::render_site(black_box(&site), &analysis).unwrap())
    });

    let x: Vec<f64> = (0..2000).map(|i| ((i * 37) % 101) as f64).collect();
    let y: Vec<f64> = x
        .iter()
        .enumerate()
        .map(|(i, v)| v * 0.5 + (i % 13) as f64)
        .collect();
    c.bench_function("pearson, 2,000 pairs", |b| {
        b.iter(|| stats::pearson(black_box(&x), &y))
    });
    c.bench_function("spearman, 2,000 pairs", |b| {
        b.iter(|| stats::spearman(black_box(&x), &y))
    });
    c.bench_function("net score", |b| {
        b.iter(|| stats::net_score(black_box(&[1, 0, 2, 3, 4, 8, 9, 12, 20, 15, 10])))
    });

    let language = site.config.language;
    let tr = i18n::Translations::embedded(language);
    let strings = tr.strings_for(site.periods.first().map(|p| p.period.granularity));
    let figures = || FigureMaker {
        tr,
        strings,
        site: &site,
        analysis: &analysis,
        language,
        fmt: i18n::number_format(language),
        root: String::new(),
        id_prefix: String::new(),
        counter: std::cell::Cell::new(0),
    };
    let p = analysis.periods.len() - 1;
    let team = site.units.leaves().next().unwrap();
    let root = UnitTree::ROOT;
    let mut charts = c.benchmark_group("chart");
    charts.bench_function("scatter", |b| b.iter(|| figures().scatter(p, None)));
    charts.bench_function("mirror", |b| b.iter(|| figures().mirror(p, team)));
    charts.bench_function("trend", |b| b.iter(|| figures().trend_index(team)));
    charts.bench_function("likert", |b| {
        b.iter(|| figures().likert(p, root, Side::Ex, None))
    });
    charts.bench_function("net", |b| b.iter(|| figures().net(p, root)));
    charts.bench_function("heatmap", |b| b.iter(|| figures().heatmap(p, root)));
    charts.bench_function("lag", |b| b.iter(|| figures().lag()));
    charts.bench_function("response", |b| b.iter(|| figures().response_rates(p, root)));
    charts.bench_function("sparkline", |b| {
        let values: Vec<Option<f64>> = (0..8).map(|i| Some(60.0 + i as f64)).collect();
        b.iter(|| figures().sparkline(&values, "EX index"))
    });
    charts.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = pipeline
}
criterion_main!(benches);
