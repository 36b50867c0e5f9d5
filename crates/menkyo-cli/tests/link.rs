//! `menkyo read --format json` says how the reader was used (`link`); the text output does not.

use assert_cmd::Command;

fn read(format: &str) -> std::process::Output {
    Command::cargo_bin("menkyo")
        .expect("the menkyo binary")
        .args([
            "read",
            "--emulator",
            "ic-licence",
            "--pin-stdin",
            "--format",
            format,
        ])
        .write_stdin("1234\n5678\n")
        .output()
        .expect("menkyo read runs")
}

#[test]
fn the_json_of_a_read_names_the_length_mode_it_used() {
    let out = read("json");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let link = &json["link"];
    assert_eq!(link["length"], "extended", "{link}");
    assert_eq!(link["max_ne"], 65_536, "{link}");
    assert_eq!(link["fallbacks"], serde_json::json!([]), "{link}");
    assert_eq!(link["restarts"], 0, "{link}");
    let printed = String::from_utf8_lossy(&out.stdout);
    let at = |key: &str| printed.find(&format!("\n  \"{key}\": "));
    assert!(at("signature").is_some(), "{printed}");
    assert!(
        at("signature") < at("link") && at("link") < at("pins"),
        "{printed}"
    );

    let text = read("text");
    assert!(!String::from_utf8_lossy(&text.stdout).contains("link"));
}
