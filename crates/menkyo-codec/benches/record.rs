//! DF1/EF01 記載事項(本籍除く): bytes → typed record → JSON, and back to bytes.
//!
//! `cargo bench -p menkyo-codec --bench record`. Figures: docs/performance.md.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use menkyo_codec::date::{Date, Date7};
use menkyo_codec::records::json::Document;
use menkyo_codec::records::{Digits, LicenceClass, LicenceRecord, LicensedOn, Text0208};
use menkyo_codec::registry::DF1_EF01;

fn text(s: &str) -> Option<Text0208> {
    Text0208::new(s).ok()
}

fn date7(y: u16, m: u8, d: u8) -> Option<Date7> {
    Date::new(y, m, d)
        .ok()
        .and_then(|d| Date7::from_date(d).ok())
}

/// The 880 bytes of a synthetic DF1/EF01 like the `ic-licence` fixture: every item, filler.
fn df1_ef01() -> Vec<u8> {
    let mut record = LicenceRecord {
        jis_x0208_edition: Some(0x78),
        name: text("見本　花子"),
        name_reading: text(""),
        alias: text(""),
        name_kana: text(""),
        birth_date: date7(1990, 4, 1),
        address: text("架空県見本市見本町一丁目２番３号"),
        issued_on: date7(2024, 5, 20),
        reference_number: Digits::new("00001").ok(),
        color_class: text("優良"),
        expires_on: date7(2029, 6, 20),
        conditions: [text("眼鏡等"), text(""), text(""), text("")],
        commission: text("見本県公安委員会"),
        number: Digits::new("012345678900").ok(),
        licensed_on: LicensedOn {
            two_small_moped: date7(2008, 7, 1),
            other: date7(2010, 6, 1),
            second_class: Some(Date7::NotLicensed { era_digit: 0 }),
        },
        classes: [Some(Date7::NotLicensed { era_digit: 0 }); 15],
        ..LicenceRecord::default()
    };
    record.classes[LicenceClass::Ordinary.index()] = date7(2010, 6, 1);
    record.classes[LicenceClass::Moped.index()] = date7(2008, 7, 1);
    record.encode()
}

fn bench(c: &mut Criterion) {
    let bytes = df1_ef01();
    assert_eq!(bytes.len(), DF1_EF01.fixed_size());
    let record = LicenceRecord::decode(&bytes).expect("the sample decodes");
    let mut group = c.benchmark_group("df1_ef01");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("decode", |b| {
        b.iter(|| LicenceRecord::decode(black_box(&bytes)))
    });
    group.bench_function("to_json", |b| {
        b.iter(|| Document::new("ic-record", black_box(&record)).to_json_pretty())
    });
    group.bench_function("decode_to_json", |b| {
        b.iter(|| {
            let record = LicenceRecord::decode(black_box(&bytes)).expect("decodes");
            Document::new("ic-record", &record).to_json_pretty()
        })
    });
    group.bench_function("encode", |b| b.iter(|| black_box(&record).encode()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
