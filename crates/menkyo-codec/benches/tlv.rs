//! TLV decoding throughput, ours and `iso7816-tlv` side by side on the same input.
//!
//! `cargo bench -p menkyo-codec --bench tlv`. Figures: docs/performance.md.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use menkyo_codec::tlv::ber::{self, Limits, Tag, Tlv};
use menkyo_codec::tlv::simple::{self, Item, LengthForm};
use menkyo_codec::tlv::Mode;

/// A DF1/EF01 記載事項(本籍除く) image of synthetic data: every item of the file, short
/// lengths, `FF` filler to 880 bytes.
fn df1_ef01() -> Vec<u8> {
    let text = |chars: usize| vec![0x30u8; chars * 2];
    let mut values: Vec<(u8, Vec<u8>)> = vec![
        (0x11, vec![0x78]),
        (0x12, text(5)),
        (0x13, text(6)),
        (0x14, Vec::new()),
        (0x15, text(8)),
        (0x16, b"3550101".to_vec()),
        (0x17, text(30)),
        (0x18, b"5070101".to_vec()),
        (0x19, b"1234".to_vec()),
        (0x1A, text(2)),
        (0x1B, b"5100101".to_vec()),
        (0x1C, text(10)),
        (0x1D, Vec::new()),
        (0x1E, Vec::new()),
        (0x1F, Vec::new()),
        (0x20, text(7)),
        (0x21, b"301234567890".to_vec()),
    ];
    for tag in 0x22..=0x33 {
        values.push((tag, b"4140913".to_vec()));
    }
    let items: Vec<Item<'_>> = values
        .iter()
        .map(|(tag, value)| Item::new(*tag, value, LengthForm::Short))
        .collect();
    simple::encode_with_filler(&items, menkyo_codec::registry::DF1_EF01.fixed_size())
        .expect("fixture fits")
}

/// A 券面事項入力補助AP 基本4情報 record: `FF20` holding `DF21`–`DF25`. Synthetic data.
fn ff20_record() -> Vec<u8> {
    let tag = |t| Tag::from_u32(t).expect("valid tag");
    let name = "試験　花子".as_bytes();
    let address = "東京都千代田区試験町一丁目二番三号".as_bytes();
    Tlv::constructed(
        tag(0xFF20),
        vec![
            Tlv::primitive(tag(0xDF21), &[0, 11, 0, 29, 0, 84, 0, 96]),
            Tlv::primitive(tag(0xDF22), name),
            Tlv::primitive(tag(0xDF23), address),
            Tlv::primitive(tag(0xDF24), b"19800101"),
            Tlv::primitive(tag(0xDF25), b"3"),
        ],
    )
    .to_bytes()
    .expect("fixture encodes")
}

/// DF2/EF01 写真: `5F40 82 07D1` and a 2001-byte stand-in for the JPEG 2000 codestream.
fn photo() -> Vec<u8> {
    let mut codestream = vec![0xFF, 0x4F];
    codestream.resize(0x07D1, 0x5A);
    ber::encode(Tag::from_u32(0x5F40).expect("valid tag"), &codestream).expect("fixture encodes")
}

fn simple_tlv(c: &mut Criterion) {
    let input = df1_ef01();
    let mut group = c.benchmark_group("simple_tlv_df1_ef01");
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.bench_with_input(BenchmarkId::new("menkyo", input.len()), &input, |b, i| {
        b.iter(|| simple::parse(black_box(i), Mode::Strict))
    });
    group.bench_with_input(
        BenchmarkId::new("iso7816-tlv", input.len()),
        &input,
        |b, i| b.iter(|| iso7816_tlv::simple::Tlv::parse_all(black_box(i))),
    );
    group.finish();
}

fn ber_tlv(c: &mut Criterion) {
    for (name, input) in [
        ("ber_tlv_ff20", ff20_record()),
        ("ber_tlv_photo_5f40", photo()),
    ] {
        ber_group(c, name, &input);
    }
}

fn ber_group(c: &mut Criterion, name: &str, input: &[u8]) {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.bench_with_input(BenchmarkId::new("menkyo", input.len()), input, |b, i| {
        b.iter(|| ber::parse(black_box(i), Mode::Strict, Limits::default()))
    });
    group.bench_with_input(
        BenchmarkId::new("iso7816-tlv", input.len()),
        input,
        |b, i| b.iter(|| iso7816_tlv::ber::Tlv::parse(black_box(i)).0),
    );
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = simple_tlv, ber_tlv
}
criterion_main!(benches);
