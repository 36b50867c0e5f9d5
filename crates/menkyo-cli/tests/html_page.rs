//! `menkyo read --format html` in a real browser: headless Chromium renders each sample's page
//! without console messages, prints it on one A4 page, and draws what the committed reference
//! image shows (within a tolerance).
//!
//! Without Chromium the tests say why and pass, unless `MENKYO_REQUIRE_CHROMIUM=1` (set by
//! `scripts/test`) makes that a failure. `MENKYO_BLESS_PAGES=1` rewrites the references after a
//! deliberate change of the page; look at them before committing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{menkyo, run_on, stderr};
use tempfile::TempDir;

/// A page: its reference name, the `menkyo read` arguments and the PINs it needs (variable,
/// value).
type Page = (
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
);

/// Each sample's page.
const PAGES: [Page; 4] = [
    ("myna-licence", &["--emulator", "myna-licence"], &[]),
    (
        "ic-licence",
        &["--emulator", "ic-licence"],
        &[("MENKYO_PIN1", "1234"), ("MENKYO_PIN2", "5678")],
    ),
    (
        "ic-licence-no-pin",
        &["--emulator", "ic-licence-no-pin"],
        &[],
    ),
    (
        "myna-licence-basic-info-redacted",
        &["--emulator", "myna-licence", "--basic-info", "--redact"],
        &[("MENKYO_BASIC_INFO_PIN", "4321")],
    ),
];

/// The day every page is made for, so the references stay.
const TODAY: &str = "2026-12-01";

/// A4 at 96 dpi, in CSS pixels.
const WINDOW: &str = "--window-size=794,1123";

/// A pixel differs when its grey level differs by more than this…
const PIXEL_TOLERANCE: u8 = 32;
/// …and the page differs when more than this fraction of pixels do.
const PAGE_TOLERANCE: f64 = 0.003;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MENKYO_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Chromium, or `None` after saying why the test does not run.
fn browser_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        let why =
            "headless Chromium is not installed (Debian: apt-get install chromium fonts-noto-cjk)";
        assert!(
            std::env::var_os("MENKYO_REQUIRE_CHROMIUM").is_none_or(|v| v != "1"),
            "{why}, and MENKYO_REQUIRE_CHROMIUM=1 requires it"
        );
        eprintln!("skipped: {why}");
    }
    found
}

fn references() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages")
}

/// Runs headless Chromium on `page` with `args`; returns its standard error.
fn run_chromium(browser: &Path, dir: &Path, page: &Path, args: &[String]) -> String {
    let out = Command::new("timeout")
        .arg("120")
        .arg(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--force-device-scale-factor=1",
            "--enable-logging=stderr",
            "--v=0",
            WINDOW,
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "chromium failed:\n{err}");
    err
}

/// The console messages Chromium logged (`INFO:CONSOLE…] "message", source: …`).
fn console_messages(log: &str) -> Vec<&str> {
    log.lines().filter(|l| l.contains(":CONSOLE")).collect()
}

/// Takes a screenshot of `page` into `shot` and returns the browser's log.
fn screenshot(browser: &Path, dir: &Path, page: &Path, shot: &Path) -> String {
    run_chromium(
        browser,
        dir,
        page,
        &[format!("--screenshot={}", shot.display())],
    )
}

/// Pages printed to a PDF: its `/Type /Page` objects.
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    let compact = b"/Type/Page";
    let count = |n: &[u8]| {
        pdf.windows(n.len() + 1)
            .filter(|w| &w[..n.len()] == n && w[n.len()] != b's')
            .count()
    };
    count(needle) + count(compact)
}

/// The screenshot as grey levels, halved in each direction (2×2 means): (width, height, grey).
fn grey_half(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let (w, h) = (info.width, info.height);
    let grey_at = |x: u32, y: u32| {
        let i = ((y * w + x) as usize) * channels;
        match channels {
            1 | 2 => u32::from(buf[i]),
            _ => {
                (u32::from(buf[i]) * 299
                    + u32::from(buf[i + 1]) * 587
                    + u32::from(buf[i + 2]) * 114)
                    / 1000
            }
        }
    };
    let (hw, hh) = (w / 2, h / 2);
    let mut out = Vec::with_capacity((hw * hh) as usize);
    for y in 0..hh {
        for x in 0..hw {
            let sum = grey_at(2 * x, 2 * y)
                + grey_at(2 * x + 1, 2 * y)
                + grey_at(2 * x, 2 * y + 1)
                + grey_at(2 * x + 1, 2 * y + 1);
            out.push((sum / 4) as u8);
        }
    }
    (hw, hh, out)
}

fn write_grey(path: &Path, (w, h, grey): &(u32, u32, Vec<u8>)) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), *w, *h);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(grey)
        .unwrap();
}

fn read_grey(path: &Path) -> (u32, u32, Vec<u8>) {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("{}: {e}; make it with MENKYO_BLESS_PAGES=1", path.display()));
    common::png_pixels(&bytes)
}

/// The fraction of pixels whose grey level differs by more than [`PIXEL_TOLERANCE`].
fn difference(a: &(u32, u32, Vec<u8>), b: &(u32, u32, Vec<u8>)) -> f64 {
    if (a.0, a.1) != (b.0, b.1) {
        return 1.0;
    }
    let differing =
        a.2.iter()
            .zip(&b.2)
            .filter(|(x, y)| x.abs_diff(**y) > PIXEL_TOLERANCE)
            .count();
    differing as f64 / a.2.len().max(1) as f64
}

fn page(dir: &Path, name: &str, args: &[&str], pins: &[(&str, &str)]) -> PathBuf {
    let mut cmd = menkyo();
    cmd.args(["read", "--format", "html", "--today", TODAY])
        .args(args);
    for (var, pin) in pins {
        cmd.env(var, pin);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{name}: {}", stderr(&out));
    let path = dir.join(format!("{name}.html"));
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

#[test]
fn every_sample_page_renders_cleanly_on_one_a4_page_as_its_reference() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let bless = std::env::var_os("MENKYO_BLESS_PAGES").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for (name, args, pins) in PAGES {
        let html = page(dir.path(), name, args, pins);
        let shot = dir.path().join(format!("{name}.png"));
        let log = screenshot(&browser, dir.path(), &html, &shot);
        let console = console_messages(&log);
        assert!(
            console.is_empty(),
            "{name}: console messages:\n{}",
            console.join("\n")
        );
        let pdf = dir.path().join(format!("{name}.pdf"));
        run_chromium(
            &browser,
            dir.path(),
            &html,
            &[
                "--no-pdf-header-footer".to_owned(),
                format!("--print-to-pdf={}", pdf.display()),
            ],
        );
        assert_eq!(
            pdf_pages(&std::fs::read(&pdf).unwrap()),
            1,
            "{name} prints on one page"
        );

        let got = grey_half(&std::fs::read(&shot).unwrap());
        let reference = references().join(format!("{name}.png"));
        if bless {
            write_grey(&reference, &got);
            continue;
        }
        let diff = difference(&got, &read_grey(&reference));
        eprintln!(
            "{name}: {:.3}% of pixels differ from the reference",
            diff * 100.0
        );
        if diff > PAGE_TOLERANCE {
            let kept = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.png"));
            write_grey(&kept, &got);
            failures.push(format!(
                "{name}: {:.2}% of pixels differ from {} (rendered: {})",
                diff * 100.0,
                reference.display(),
                kept.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn console_messages_and_changed_pages_are_caught() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let html = dir.path().join("bad.html");
    std::fs::write(
        &html,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title></head><body>\
         <p>SYNTHETIC</p><script>console.error(\"broken page\")</script></body></html>",
    )
    .unwrap();
    let shot = dir.path().join("bad.png");
    let log = screenshot(&browser, dir.path(), &html, &shot);
    let console = console_messages(&log);
    assert_eq!(console.len(), 1, "{log}");
    assert!(console[0].contains("broken page"));
    let got = grey_half(&std::fs::read(&shot).unwrap());
    let reference = read_grey(&references().join("ic-licence.png"));
    assert!(difference(&got, &reference) > PAGE_TOLERANCE);
    assert_eq!(difference(&reference, &reference), 0.0);
}

/// `card show --format html` of a sample's image is the page a read of every file prints, with
/// or without `--redact`; a card without a licence has no page.
#[test]
fn card_show_prints_the_page_a_full_read_prints() {
    let dir = TempDir::new().unwrap();
    for (sample, pins) in [
        (
            "ic-licence",
            &[("MENKYO_PIN1", "1234"), ("MENKYO_PIN2", "5678")][..],
        ),
        ("ic-licence-no-pin", &[]),
    ] {
        let image = common::image(dir.path(), sample);
        for redact in [false, true] {
            let mut show = menkyo();
            show.args(["card", "show", "-f", "html", "--today", TODAY])
                .arg(&image);
            let mut read = menkyo();
            read.args(["read", "-f", "html", "--today", TODAY, "--emulator"])
                .arg(&image);
            for (var, pin) in pins {
                read.env(var, pin);
            }
            if redact {
                show.arg("--redact");
                read.arg("--redact");
            }
            let (shown, read) = (show.output().unwrap(), read.output().unwrap());
            assert!(shown.status.success(), "{}", stderr(&shown));
            assert!(read.status.success(), "{}", stderr(&read));
            assert!(shown.stdout.starts_with(b"<!DOCTYPE html>"));
            assert!(
                shown.stdout == read.stdout,
                "{sample} (redact {redact}): card show and read print different pages"
            );
        }
    }
    let plain = common::image(dir.path(), "myna-card");
    let out = run_on(&["card", "show", "-f", "html"], &plain);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
}
