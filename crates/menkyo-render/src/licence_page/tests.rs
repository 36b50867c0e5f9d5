use serde_json::json;

use super::*;

fn document() -> Value {
    json!({
        "schema": "menkyo/1",
        "kind": "licence",
        "card": "ic-licence",
        "name": {"value": "見本　<花子>", "source": "DF1/EF01"},
        "birth_date": {"value": "1990-04-01", "source": "DF1/EF01"},
        "address": {"value": "架空県", "source": "DF1/EF01"},
        "registered_domicile": {"value": "架空県見本市本町１番地", "source": "DF1/EF02"},
        "number": {"value": "012345678900", "source": "DF1/EF01"},
        "expires_on": {"value": "2019-05-01", "source": "DF1/EF01"},
        "color_class": {"value": "優良", "source": "DF1/EF01"},
        "classes": {"value": [
            {"name": "普通", "licensed": true, "since": "2010-06-01"},
            {"name": "大型", "licensed": false, "since": null}
        ], "source": "DF1/EF01"},
        "validity": {"today": "2026-12-01", "state": "expired", "expires_on": "2019-05-01",
            "expired_since": "2019-05-02", "renewal_period": {"from": "2019-03-01",
            "to": "2019-05-01", "basis": "birth-date"}},
        "signature": {"card": "ic-licence", "file": "DF1/EF07", "verdict": "unverifiable",
            "reason": "no-trust-anchor", "detail": "no trust anchor", "covered": [], "signer": null,
            "anchor": null},
        "pins": [{"id": "ic-pin1", "name": "暗証番号1", "max_tries": 3, "state": "tries-left", "tries": 2}],
        "skipped": [{"file": "DF2/EF01", "name": "写真", "reason": "pin-not-given", "pin": "ic-pin2"}],
        "warnings": []
    })
}

#[test]
fn the_page_holds_the_licence_and_escapes_it() {
    let page = render(&document(), "an IC driving licence", None);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("見本　&lt;花子&gt;"), "{page}");
    assert!(!page.contains("<花子>"));
    assert!(page.contains("令和元年05月01日まで有効"), "{page}");
    assert!(page.contains("平成02年04月01日生"), "{page}");
    assert!(page.contains("架空県見本市本町１番地"));
    assert!(
        page.contains("普通 2010-06-01 (平成22年06月01日)"),
        "{page}"
    );
    assert!(page.contains("expired (失効) since 2019-05-02"));
    assert!(page.contains("残り 2 / 3 回"));
    assert!(page.contains("DF2/EF01 写真: 暗証番号が与えられなかった (ic-pin2)"));
    assert!(page.contains("写真 (読み取らず)"));
    assert!(page.contains("band-gold"));
}

#[test]
fn the_page_loads_nothing() {
    let page = render(&document(), "an IC driving licence", Some(b"\x89PNG"));
    assert!(page.contains("src=\"data:image/png;base64,iVBORw==\""));
    for outside in [
        "http:",
        "https:",
        "//",
        "url(",
        "@import",
        "<script",
        "<link rel=\"stylesheet",
    ] {
        let without_comments = page.replace("data:,", "");
        let hits = without_comments.matches(outside).count();
        assert_eq!(hits, 0, "the page refers to {outside}");
    }
}

#[test]
fn a_redacted_document_gives_a_redacted_page() {
    let mut doc = document();
    doc["name"]["value"] = json!("[redacted]");
    doc["birth_date"]["value"] = json!("[redacted]");
    doc["photo"] = json!({"value": {"sha256": "[redacted]"}, "source": "DF2/EF01"});
    let page = render(&doc, "an IC driving licence", None);
    assert!(page.contains("[redacted]生"), "{page}");
    assert!(!page.contains("花子") && !page.contains("平成02年"));
    assert!(page.contains("写真 (伏せ字)"));
}

#[test]
fn without_an_expiry_date_the_validity_is_unknown() {
    let mut doc = document();
    doc["expires_on"] = Value::Null;
    doc["validity"] = Value::Null;
    let page = render(&doc, "x", None);
    assert!(page.contains("有効期間の末日: 読み取らず"));
    assert!(page.contains("わかりません"));
}

#[test]
fn a_read_gives_its_page_with_the_portrait_unless_redacted() {
    use menkyo_client::{Pins, ReadOptions, Reader};
    use menkyo_codec::secret::Pin;
    use menkyo_emulator::{samples, Emulator, InProcessTransport};

    let image = samples::get("ic-licence").unwrap();
    let mut transport = InProcessTransport::new(Emulator::new(image));
    let pins = Pins {
        pin1: Some(Pin::licence("1234").unwrap()),
        pin2: Some(Pin::licence("5678").unwrap()),
        ..Pins::default()
    };
    let read = Reader::new(&mut transport)
        .read_licence(&pins, ReadOptions::default())
        .unwrap();
    let view = read.view();
    let page = of_read(&read, &view, false);
    assert!(page.contains("data:image/png;base64,"));
    assert!(!of_read(&read, &view, true).contains("data:image/png;base64,"));
}
