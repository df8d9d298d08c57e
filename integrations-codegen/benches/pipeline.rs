//! The full pipeline on Stripe's spec (`../shared/upstream-specs/stripe/spec3.yaml`,
//! 4.2 MB, 468 operations, 819 schemas): load, IR, emit, and all three.
//!
//! Goal: the whole pipeline under 1 s on 2 cores in release (stretch: 0.5 s).

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use integrations_codegen::{Diagnostics, Options, emit, ir, spec};

fn stripe() -> Option<&'static Path> {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/upstream-specs/stripe/spec3.yaml"
    ));
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

fn pipeline(c: &mut Criterion) {
    let Some(path) = stripe() else { return };
    let mut group = c.benchmark_group("stripe_spec3");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));

    group.bench_function("load", |b| {
        b.iter(|| spec::load(path, &mut Diagnostics::new()).expect("loads"));
    });
    let loaded = spec::load(path, &mut Diagnostics::new()).expect("loads");
    group.bench_function("ir", |b| {
        b.iter(|| {
            ir::build(
                &loaded,
                &ir::BuildOptions::default(),
                &mut Diagnostics::new(),
            )
        });
    });
    let api = ir::build(
        &loaded,
        &ir::BuildOptions::default(),
        &mut Diagnostics::new(),
    );
    group.bench_function("emit", |b| {
        b.iter(|| emit::render(&api, &emit::EmitOptions::default()).expect("renders"));
    });
    group.bench_function("full_pipeline", |b| {
        b.iter(|| integrations_codegen::generate(path, &Options::default()).expect("generates"));
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
