//! A pcscd of the test's own, with vpcd on a port of its own.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// vpcd's first port for the private pcscd, clear of the shared pcscd's two slots
/// (0x8C7B, 0x8C7C).
pub const PORT: u16 = 0x8C83;
/// The private pcscd's first vpcd reader.
pub const READER: &str = "Virtual PCD 00 00";

/// Where the private pcscd keeps its socket and reader configuration; the same for the whole
/// test process, as the client library reads `PCSCLITE_CSOCK_NAME` only once.
struct Dirs {
    _root: tempfile::TempDir,
    run: PathBuf,
    conf: PathBuf,
}

fn dirs() -> &'static Dirs {
    static DIRS: OnceLock<Dirs> = OnceLock::new();
    DIRS.get_or_init(|| {
        let root = tempfile::tempdir().expect("a temporary directory");
        let run = root.path().join("run");
        let conf = root.path().join("reader.conf.d");
        std::fs::create_dir_all(&run).expect("run directory");
        std::fs::create_dir_all(&conf).expect("config directory");
        let vpcd = format!(
            "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME   /dev/null:0x{PORT:04X}\n\
             LIBPATH      {}\nCHANNELID    0x{PORT:04X}\n",
            vpcd_driver().display()
        );
        std::fs::write(conf.join("vpcd"), vpcd).expect("reader configuration");
        // Set before any PC/SC call of this process (every test takes `lock()` first).
        std::env::set_var("PCSCLITE_CSOCK_NAME", run.join("pcscd.comm"));
        Dirs {
            _root: root,
            run,
            conf,
        }
    })
}

fn vpcd_driver() -> PathBuf {
    let installed = std::fs::read_dir("/etc/reader.conf.d")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .flat_map(|text| {
            text.lines()
                .filter_map(|l| l.trim().strip_prefix("LIBPATH"))
                .map(|p| PathBuf::from(p.trim()))
                .collect::<Vec<_>>()
        })
        .find(|p| p.to_string_lossy().contains("vpcd"));
    installed.unwrap_or_else(|| PathBuf::from("/usr/lib/pcsc/drivers/serial/libifdvpcd.so"))
}

/// The socket path the client library of this process uses.
pub fn socket() -> PathBuf {
    dirs().run.join("pcscd.comm")
}

/// One test at a time, in this process and on this machine: they share the private pcscd's
/// vpcd port.
pub fn lock() -> (MutexGuard<'static, ()>, TcpListener) {
    static LOCK: Mutex<()> = Mutex::new(());
    let guard = LOCK.lock().unwrap_or_else(|p| p.into_inner());
    let machine = crate::support::machine_lock();
    let _ = dirs();
    (guard, machine)
}

/// Why a private pcscd cannot run here, if it cannot.
pub fn unavailable() -> Option<String> {
    for tool in ["pcscd", "unshare", "mount"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            return Some(format!("{tool} is not installed"));
        }
    }
    if !vpcd_driver().exists() {
        return Some("vsmartcard-vpcd is not installed".to_owned());
    }
    None
}

/// A running private pcscd; stopped (SIGTERM) when dropped.
pub struct PrivatePcscd {
    child: Child,
}

impl PrivatePcscd {
    /// Starts pcscd and waits for its socket.
    pub fn start() -> Result<PrivatePcscd, String> {
        let Dirs { run, conf, .. } = dirs();
        let _ = std::fs::remove_file(run.join("pcscd.comm"));
        let _ = std::fs::remove_file(run.join("pcscd.pid"));
        let as_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout.starts_with(b"0"));
        let script = format!(
            "mkdir -p /run/pcscd && mount --bind '{}' /run/pcscd && exec pcscd --foreground -c '{}'",
            run.display(),
            conf.display()
        );
        let mut command = Command::new("unshare");
        command.arg(if as_root { "-m" } else { "-rm" });
        let mut child = command
            .args(["sh", "-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run unshare: {e}"))?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while !socket().exists() {
            if let Ok(Some(status)) = child.try_wait() {
                let mut log = String::new();
                if let Some(mut err) = child.stderr.take() {
                    use std::io::Read;
                    let _ = err.read_to_string(&mut log);
                }
                return Err(format!("the private pcscd exited ({status}): {log}"));
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return Err("the private pcscd made no socket within 10 s".to_owned());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Ok(PrivatePcscd { child })
    }

    /// Stops pcscd as a service manager would (SIGTERM) and waits for it to exit.
    pub fn stop(mut self) {
        self.terminate();
    }

    fn terminate(&mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PrivatePcscd {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.terminate();
        }
    }
}

/// The socket path as the client sees it, for messages.
pub fn describe() -> String {
    Path::new(&socket()).display().to_string()
}

/// The locks and a started private pcscd, held for as long as the test runs; `None` after
/// saying why (or failing, where pcscd is required) when one cannot run here.
pub fn start_or_skip() -> Option<((MutexGuard<'static, ()>, TcpListener), PrivatePcscd)> {
    let lock = lock();
    if let Some(reason) = unavailable() {
        crate::restart::skip_or_fail(&reason);
        return None;
    }
    match PrivatePcscd::start() {
        Ok(pcscd) => Some((lock, pcscd)),
        Err(reason) => {
            crate::restart::skip_or_fail(&reason);
            None
        }
    }
}
