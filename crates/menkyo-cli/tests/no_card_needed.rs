//! Commands that need no card never open the PC/SC service.
//!
//! The PC/SC library is pointed (`PCSCLITE_CSOCK_NAME`) at a socket this test listens on; a
//! command that established a PC/SC context would connect to it.

mod common;

use std::io::ErrorKind;
use std::os::unix::net::UnixListener;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{image, menkyo};

/// Whether anything connected to `listener` since the last call.
fn connected(listener: &UnixListener) -> bool {
    match listener.accept() {
        Ok(_) => true,
        Err(e) if e.kind() == ErrorKind::WouldBlock => false,
        Err(e) => panic!("accept: {e}"),
    }
}

fn listener(dir: &Path) -> (UnixListener, std::path::PathBuf) {
    let socket = dir.join("pcscd.comm");
    let listener = UnixListener::bind(&socket).unwrap();
    listener.set_nonblocking(true).unwrap();
    (listener, socket)
}

#[test]
fn commands_without_a_card_never_connect_to_pcscd() {
    let dir = tempfile::tempdir().unwrap();
    let (listener, socket) = listener(dir.path());
    let card = image(dir.path(), "ic-licence");
    let record = dir.path().join("ef02.hex");
    std::fs::write(&record, "05 01 01").unwrap();
    let dump = dir.path().join("dump.json");
    let out = menkyo()
        .args(["dump", "--emulator", "ic-licence-no-pin"])
        .output()
        .unwrap();
    std::fs::write(&dump, out.stdout).unwrap();
    let runs: [&[&str]; 9] = [
        &["decode", "--kind", "ic-pin-setting"],
        &["card", "new", "myna-licence", "--out"],
        &["card", "show"],
        &["card", "show", "ic-licence"],
        &["read", "--from"],
        &["completions", "bash"],
        &["man"],
        &["read", "--emulator"],
        &["--help"],
    ];
    for args in runs {
        let mut cmd = menkyo();
        cmd.env("PCSCLITE_CSOCK_NAME", &socket).args(args);
        match args[0] {
            "decode" => {
                cmd.arg(&record);
            }
            "card" if args[1] == "new" => {
                cmd.arg(dir.path().join("new.json"));
            }
            "card" if args.len() == 2 => {
                cmd.arg(&card);
            }
            "read" if args[1] == "--from" => {
                cmd.arg(&dump);
            }
            _ => {}
        }
        cmd.assert().success();
        assert!(
            !connected(&listener),
            "menkyo {args:?} opened the PC/SC service"
        );
    }
}

/// The control: a command that needs a reader does connect, so the test above can fail.
#[test]
fn a_command_that_needs_a_reader_connects() {
    let dir = tempfile::tempdir().unwrap();
    let (listener, socket) = listener(dir.path());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("menkyo"))
        .arg("readers")
        .env("PCSCLITE_CSOCK_NAME", &socket)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = false;
    while Instant::now() < deadline {
        if connected(&listener) {
            seen = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(listener);
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen, "menkyo readers never connected to the PC/SC socket");
}
