//! What the end-to-end test binaries share: a lock across processes, and running the
//! `menkyo` binary.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, OnceLock};
use std::time::{Duration, Instant};

/// The `menkyo` binary, built once per test run.
/// A port no one else uses, bound as a lock: vpcd's slots and pcscd are one per machine, and
/// another checkout's test run may be going on at the same time.
const MACHINE_LOCK_PORT: u16 = 0x8C70;

/// Waits until no other process on this machine holds the end-to-end lock, and holds it until
/// dropped. The operating system frees it when the process ends, however it ends.
pub fn machine_lock() -> TcpListener {
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        match TcpListener::bind(("127.0.0.1", MACHINE_LOCK_PORT)) {
            Ok(lock) => return lock,
            Err(err) if Instant::now() > deadline => {
                panic!("another end-to-end test run held port {MACHINE_LOCK_PORT} for 10 minutes: {err}")
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// The `menkyo` binary, built once per test run.
pub fn menkyo_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let status = std::process::Command::new(cargo)
            .args(["build", "--quiet", "-p", "menkyo-cli", "--bin", "menkyo"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("running cargo build for the menkyo binary");
        assert!(status.success(), "building the menkyo binary failed");
        let exe = std::env::current_exe().expect("test executable path");
        let dir = exe
            .parent()
            .and_then(|deps| deps.parent())
            .expect("target directory");
        dir.join(format!("menkyo{}", std::env::consts::EXE_SUFFIX))
    })
    .clone()
}

/// A running `menkyo` whose stdout lines arrive on a channel.
pub struct Running {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Running {
    pub fn start(args: &[&str]) -> Running {
        Self::start_with_stdin(args, None)
    }

    /// [`Running::start`] with `stdin` written to standard input, which is then closed.
    pub fn start_with_stdin(args: &[&str], stdin: Option<&str>) -> Running {
        let mut command = Command::new(menkyo_bin());
        command
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = match stdin {
            Some(text) => spawn_with_stdin(&mut command, text),
            None => command
                .stdin(Stdio::null())
                .spawn()
                .expect("running menkyo"),
        };
        let (send, lines) = mpsc::channel();
        let stdout = child.stdout.take().expect("piped stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Running { child, lines }
    }

    /// Waits up to 10 s for a line containing `text`, and returns it.
    pub fn expect_line(&mut self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        let _ = self.child.kill();
        let status = self.child.wait().map(|s| s.to_string()).unwrap_or_default();
        let mut err = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            use std::io::Read;
            let _ = stderr.read_to_string(&mut err);
        }
        panic!("no line with {text:?}; saw {seen:?}; menkyo {status}, stderr: {err}");
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
    }

    /// Sends SIGTERM and waits for the exit; the exit code, the rest of stdout and stderr.
    pub fn terminate(mut self) -> (Option<i32>, String, String) {
        self.signal("-TERM");
        let status = wait_with_timeout(&mut self.child, Duration::from_secs(10));
        let rest: Vec<String> = self.lines.try_iter().collect();
        let mut err = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            use std::io::Read;
            let _ = stderr.read_to_string(&mut err);
        }
        (status, rest.join("\n"), err)
    }

    pub fn kill_hard(mut self) {
        self.signal("-KILL");
        let _ = wait_with_timeout(&mut self.child, Duration::from_secs(10));
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_with_timeout(child: &mut Child, limit: Duration) -> Option<i32> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("menkyo did not exit within {limit:?}");
}

/// Runs `menkyo` with `args` to its end and returns what it did.
pub fn run_menkyo(args: &[&str]) -> std::process::Output {
    Command::new(menkyo_bin())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("menkyo {}: {e}", args.join(" ")))
}

/// Fails unless `out` ended with exit status `code` and said, in one line on standard error,
/// each of `needles`.
pub fn assert_one_line_error(out: &std::process::Output, code: i32, needles: &[&str]) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "{needle:?} in: {err}");
    }
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}

/// Starts `command` with `stdin` written to its standard input, which is then closed.
pub fn spawn_with_stdin(command: &mut Command, stdin: &str) -> Child {
    use std::io::Write;
    let mut child = command
        .stdin(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {:?}: {e}", command.get_program()));
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(stdin.as_bytes())
            .expect("writing standard input");
    }
    child
}

/// The arguments of `menkyo read` through `reader` as JSON, the PINs on standard input.
pub fn read_json_args(reader: &str) -> Vec<&str> {
    vec![
        "read",
        "--reader",
        reader,
        "--pin-stdin",
        "--format",
        "json",
    ]
}
