//! The Host and Origin checks every request passes (no DNS rebinding, no cross-site
//! requests).
//!
//! A page of another site can make a browser send requests to 127.0.0.1, and by DNS
//! rebinding it can even make them look same-origin under its own name. So a request is
//! served only when its `Host` names this server by an address (`127.0.0.1:PORT`,
//! `[::1]:PORT`, `localhost:PORT`, the `--listen` address with the port) and its `Origin`, if
//! any, is `http://` + that same host. Anything else is refused with 403.

use std::net::{IpAddr, SocketAddr};

/// Which Host headers this server answers to.
#[derive(Debug, Clone)]
pub struct Guard {
    bound: SocketAddr,
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NoHost,
    ForeignHost(String),
    ForeignOrigin(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NoHost => write!(f, "refused: the request has no Host header"),
            Refusal::ForeignHost(h) => write!(
                f,
                "refused: Host `{}` is not this server; open the address `inclusim serve` printed",
                crate::inert::inert(h)
            ),
            Refusal::ForeignOrigin(o) => write!(
                f,
                "refused: a request from `{}`, another site, is not served",
                crate::inert::inert(o)
            ),
        }
    }
}

impl Guard {
    pub fn new(bound: SocketAddr) -> Self {
        Self { bound }
    }

    /// Checks a request's Host and Origin headers (as received, `None` when absent).
    pub fn check(&self, host: Option<&str>, origin: Option<&str>) -> Result<(), Refusal> {
        let host = host.ok_or(Refusal::NoHost)?;
        if !self.host_allowed(host) {
            return Err(Refusal::ForeignHost(host.to_owned()));
        }
        match origin {
            None => Ok(()),
            Some(o) if o.eq_ignore_ascii_case(&format!("http://{host}")) => Ok(()),
            Some(o) => Err(Refusal::ForeignOrigin(o.to_owned())),
        }
    }

    fn host_allowed(&self, host: &str) -> bool {
        let Some((name, port)) = split_host(host) else {
            return false;
        };
        if port != self.bound.port() {
            return false;
        }
        if name.eq_ignore_ascii_case("localhost") {
            return true;
        }
        let Ok(ip) = name.parse::<IpAddr>() else {
            // A DNS name other than localhost: what a rebinding attack uses.
            return false;
        };
        let listen = self.bound.ip();
        // Bound to every address (`--listen 0.0.0.0`): any address of this machine, but still
        // only by address, never by a name.
        ip.is_loopback() || ip == listen || listen.is_unspecified()
    }
}

/// `name:port` (`[v6]:port`) split; `None` without an explicit port.
fn split_host(host: &str) -> Option<(&str, u16)> {
    let (name, port) = host.rsplit_once(':')?;
    let port = port.parse().ok()?;
    let name = match name.strip_prefix('[') {
        Some(inner) => inner.strip_suffix(']')?,
        None if name.contains(':') => return None,
        None => name,
    };
    Some((name, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local() -> Guard {
        Guard::new("127.0.0.1:8470".parse().unwrap())
    }

    #[test]
    fn loopback_names_with_the_port_are_served() {
        let g = local();
        for host in ["127.0.0.1:8470", "localhost:8470", "LOCALHOST:8470", "[::1]:8470"] {
            assert_eq!(g.check(Some(host), None), Ok(()), "{host}");
        }
        assert_eq!(
            g.check(Some("127.0.0.1:8470"), Some("http://127.0.0.1:8470")),
            Ok(())
        );
    }

    #[test]
    fn rebinding_names_other_ports_and_foreign_origins_are_refused() {
        let g = local();
        for host in [
            "evil.example:8470",
            "127.0.0.1:80",
            "127.0.0.1",
            "localhost",
            "[::1]x:8470",
            "a:b:8470",
        ] {
            assert!(
                matches!(g.check(Some(host), None), Err(Refusal::ForeignHost(_))),
                "{host}"
            );
        }
        assert_eq!(g.check(None, None), Err(Refusal::NoHost));
        for origin in [
            "http://evil.example",
            "null",
            "http://localhost:8470",
            "https://127.0.0.1:8470",
        ] {
            assert!(
                matches!(
                    g.check(Some("127.0.0.1:8470"), Some(origin)),
                    Err(Refusal::ForeignOrigin(_))
                ),
                "{origin}"
            );
        }
    }

    #[test]
    fn a_listen_address_is_served_by_address_only() {
        let g = Guard::new("192.0.2.7:9000".parse().unwrap());
        assert_eq!(g.check(Some("192.0.2.7:9000"), None), Ok(()));
        assert!(g.check(Some("192.0.2.8:9000"), None).is_err());
        let any = Guard::new("0.0.0.0:9000".parse().unwrap());
        assert_eq!(any.check(Some("192.0.2.8:9000"), None), Ok(()));
        assert!(any.check(Some("intranet.example:9000"), None).is_err());
    }
}
