//! Property tests: encode → decode round trips, and decoding arbitrary bytes never panics.

use menkyo_codec::tlv::ber::{self, Limits, Tag, Tlv};
use menkyo_codec::tlv::simple::{self, End, Item, LengthForm};
use menkyo_codec::tlv::Mode;
use proptest::prelude::*;

fn length_form_at_least(len: usize) -> impl Strategy<Value = LengthForm> {
    let minimal = LengthForm::minimal(len).unwrap_or(LengthForm::Long2);
    let forms: Vec<LengthForm> = [LengthForm::Short, LengthForm::Long1, LengthForm::Long2]
        .into_iter()
        .filter(|form| *form as u8 >= minimal as u8)
        .collect();
    proptest::sample::select(forms)
}

fn simple_item() -> impl Strategy<Value = (u8, Vec<u8>, LengthForm)> {
    (0u8..=0xFE, proptest::collection::vec(any::<u8>(), 0..300)).prop_flat_map(|(tag, value)| {
        let len = value.len();
        (Just(tag), Just(value), length_form_at_least(len))
    })
}

/// Tags the decoder reads back: one byte, or `xxx11111` and one to three more bytes.
fn ber_tag(constructed: bool) -> impl Strategy<Value = Tag> {
    let flag = if constructed { 0x20u8 } else { 0 };
    let single =
        (0u8..4, 0u8..0x1F).prop_map(move |(class, number)| vec![class << 6 | flag | number]);
    let multi = (
        0u8..4,
        proptest::collection::vec(0x80u8..=0xFE, 0..3),
        0x01u8..=0x7F,
    )
        .prop_map(move |(class, mut more, last)| {
            let mut bytes = vec![class << 6 | flag | 0x1F];
            bytes.append(&mut more);
            bytes.push(last);
            bytes
        });
    prop_oneof![single, multi].prop_filter_map("padding-like tag", |b| Tag::from_bytes(&b).ok())
}

#[derive(Debug, Clone)]
enum Node {
    Primitive(Tag, Vec<u8>),
    Constructed(Tag, Vec<Node>),
}

impl Node {
    fn tlv(&self) -> Tlv<'_> {
        match self {
            Node::Primitive(tag, value) => Tlv::primitive(*tag, value),
            Node::Constructed(tag, children) => {
                Tlv::constructed(*tag, children.iter().map(Node::tlv).collect())
            }
        }
    }
}

fn ber_tree() -> impl Strategy<Value = Node> {
    let leaf = (
        ber_tag(false),
        proptest::collection::vec(any::<u8>(), 0..300),
    )
        .prop_map(|(tag, value)| Node::Primitive(tag, value));
    leaf.prop_recursive(6, 64, 5, |inner| {
        (ber_tag(true), proptest::collection::vec(inner, 0..5))
            .prop_map(|(tag, children)| Node::Constructed(tag, children))
    })
}

proptest! {
    #[test]
    fn simple_round_trip(items in proptest::collection::vec(simple_item(), 0..20), extra in 0usize..40) {
        let items: Vec<Item<'_>> =
            items.iter().map(|(tag, value, form)| Item::new(*tag, value, *form)).collect();
        let data_len: usize = items.iter().map(Item::encoded_len).sum();
        let file = simple::encode_with_filler(&items, data_len + extra).unwrap();
        let parsed = simple::parse(&file, Mode::Strict).unwrap();
        let decoded: Vec<_> =
            parsed.items.iter().map(|i| (i.tag, i.value, i.length_form)).collect();
        let expected: Vec<_> = items.iter().map(|i| (i.tag, i.value, i.length_form)).collect();
        prop_assert_eq!(decoded, expected);
        let end = if extra == 0 {
            End::Exhausted
        } else {
            End::Filler { offset: data_len, len: extra, all_ff: true }
        };
        prop_assert_eq!(parsed.end, end);
        prop_assert_eq!(simple::encode_with_filler(&parsed.items, file.len()).unwrap(), file);
    }

    #[test]
    fn simple_never_panics(input in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let strict = simple::parse(&input, Mode::Strict);
        let lenient = simple::parse(&input, Mode::Lenient).unwrap();
        match strict {
            Ok(parsed) => prop_assert_eq!(parsed, lenient),
            Err(err) => {
                prop_assert!(err.offset().is_some_and(|o| o < input.len()));
                prop_assert_eq!(lenient.warnings.first(), Some(&err));
            }
        }
    }

    #[test]
    fn ber_round_trip(nodes in proptest::collection::vec(ber_tree(), 0..4)) {
        let objects: Vec<Tlv<'_>> = nodes.iter().map(Node::tlv).collect();
        let mut bytes = Vec::new();
        for object in &objects {
            object.write_to(&mut bytes).unwrap();
        }
        let decoded = ber::parse(&bytes, Mode::Strict, Limits::default()).unwrap();
        prop_assert_eq!(&decoded, &objects);
        let mut again = Vec::new();
        for object in &decoded {
            prop_assert_eq!(object.raw().unwrap(), object.to_bytes().unwrap());
            object.write_to(&mut again).unwrap();
        }
        prop_assert_eq!(again, bytes);
    }

    #[test]
    fn ber_never_panics(input in proptest::collection::vec(any::<u8>(), 0..1024), depth in 0usize..80) {
        let limits = Limits::with_max_depth(depth);
        let strict = ber::parse(&input, Mode::Strict, limits);
        let lenient = ber::parse_detailed(&input, Mode::Lenient, limits);
        let _ = ber::parse_flat(&input, Mode::Lenient).unwrap();
        if let Ok(objects) = strict {
            let lenient = lenient.unwrap();
            prop_assert_eq!(objects, lenient.objects);
            prop_assert!(lenient.warnings.is_empty());
        }
    }
}
