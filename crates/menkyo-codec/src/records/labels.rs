//! The Japanese label of each JSON key, as the spec names the item, for tables meant for people.

/// JSON key → the spec's Japanese name.
pub const LABELS: &[(&str, &str)] = &[
    ("schema", "形式"),
    ("kind", "種別"),
    ("spec_version", "仕様書バージョン番号"),
    ("issued_on", "交付年月日"),
    ("expires_on", "有効期間の末日"),
    ("maker_id", "製造者識別子"),
    ("crypto_id", "暗号関数識別子"),
    ("pin_set", "暗証番号設定の有無"),
    ("jis_x0208_edition", "JIS X 0208 制定年番号"),
    ("name", "氏名"),
    ("name_reading", "呼び名"),
    ("alias", "通称名"),
    ("name_kana", "統一氏名(カナ)"),
    ("birth_date", "生年月日"),
    ("address", "住所"),
    ("reference_number", "照会番号"),
    ("color_class", "免許証の色区分"),
    ("conditions", "免許の条件"),
    ("commission", "公安委員会名"),
    ("number", "免許証の番号"),
    ("licensed_on", "免許の年月日"),
    ("two_small_moped", "二・小・原"),
    ("other", "他"),
    ("second_class", "二種"),
    ("classes", "免許の種類"),
    ("registered_domicile", "本籍"),
    ("glyphs", "外字"),
    ("appended", "追記の有無"),
    ("content", "電子署名"),
    ("photo", "写真"),
    ("format", "形式"),
    ("length", "長さ"),
    ("sha256", "SHA-256"),
    ("hex", "値"),
    ("my_number", "個人番号"),
    ("check_digit_valid", "検査用数字の照合"),
    ("sex", "性別"),
    ("offsets", "オフセット"),
    ("token", "トークン"),
    ("unknown", "未定義の項目"),
    ("warnings", "警告"),
    ("objects", "データオブジェクト"),
    ("items", "項目"),
    ("rest", "残り"),
    ("common", "共通データ要素"),
    ("pin_setting", "暗証番号設定"),
    ("record", "記載事項"),
    ("domicile", "記載事項(本籍)"),
    ("external_characters", "外字"),
    ("changes", "記載事項変更等"),
    ("change_external_characters", "記載事項変更(外字)"),
    ("change_domicile", "記載事項変更(本籍)"),
    ("signature", "電子署名"),
    ("licence_ap", "免許AP"),
    ("security", "セキュリティデータ"),
    ("basic_info_ap", "券面事項入力補助AP"),
    ("basic_info", "基本4情報"),
    ("jpki_token", "JPKIトークン"),
    ("career", "経歴証明"),
    ("c2", "C2"),
    ("c3", "C3"),
    ("changes_list", "変更の記録"),
    ("kind_name", "変更の種類"),
    ("edition", "JIS X 0208 制定年番号"),
    ("changed_on", "変更年月日"),
    ("value", "内容"),
    ("structure", "文字構成/ドット数"),
    ("serial_number", "シリアル番号"),
    ("reserved", "RFU"),
    ("issuer", "発行者名"),
    ("subject", "主体者名"),
    ("subject_key_identifier", "主体者識別子"),
    ("history", "変更履歴"),
];

/// The Japanese label of a JSON key; a `…_gaiji` key is labelled as the 外字 of its field.
pub fn japanese(key: &str) -> Option<&'static str> {
    let key = key.strip_suffix("_gaiji").unwrap_or(key);
    LABELS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, label)| *label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::item_specs::LICENCE_RECORD_ITEMS;
    use crate::records::LICENCE_AP_ITEMS;

    #[test]
    fn every_item_key_has_a_label() {
        for spec in LICENCE_RECORD_ITEMS.iter().chain(LICENCE_AP_ITEMS.iter()) {
            let last = spec.key.rsplit('.').next().unwrap_or(spec.key);
            assert!(japanese(last).is_some(), "{}", spec.key);
        }
        assert_eq!(japanese("address_gaiji"), Some("住所"));
        assert_eq!(japanese("nothing"), None);
    }
}
