//! vpcd's address as a user gives it (`--vpcd HOST:PORT`).

use std::net::{IpAddr, SocketAddr};

/// The host and port of `text` (`127.0.0.1:35963`, `[::1]:35963`, `vpcd.local:35963`), or
/// `None` when it is not `HOST:PORT`.
pub fn parse_address(text: &str) -> Option<(String, u16)> {
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Some((addr.ip().to_string(), addr.port()));
    }
    let (host, port) = text.rsplit_once(':')?;
    let port = port.parse().ok()?;
    (!host.is_empty()).then(|| (host.to_owned(), port))
}

/// Whether `host` is this machine (`localhost` or a loopback address).
pub fn is_local(host: &str) -> bool {
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_and_port_are_taken_apart() {
        assert_eq!(
            parse_address("127.0.0.1:35963"),
            Some(("127.0.0.1".into(), 35963))
        );
        assert_eq!(parse_address("[::1]:35964"), Some(("::1".into(), 35964)));
        assert_eq!(
            parse_address("vpcd.local:1"),
            Some(("vpcd.local".into(), 1))
        );
        for bad in ["35963", ":35963", "host:", "host:port", "host:70000"] {
            assert_eq!(parse_address(bad), None, "{bad}");
        }
    }

    #[test]
    fn loopback_hosts_are_local() {
        assert!(is_local("localhost") && is_local("127.0.0.1") && is_local("::1"));
        assert!(!is_local("192.0.2.1") && !is_local("vpcd.local"));
    }
}
