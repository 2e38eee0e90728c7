//! Client addresses: which one to believe, and how much of it may be logged.

use std::net::IpAddr;

/// An IP block (`10.0.0.0/8`, `::1/128`, or a bare address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    bits: u8,
}

fn prefix(ip: IpAddr, bits: u8) -> u128 {
    let (value, width) = match ip {
        IpAddr::V4(a) => (u128::from(u32::from(a)), 32u32),
        IpAddr::V6(a) => (u128::from(a), 128),
    };
    let bits = u32::from(bits).min(width);
    if bits == 0 {
        0
    } else {
        value >> (width - bits)
    }
}

impl Cidr {
    pub fn parse(s: &str) -> Option<Cidr> {
        let (addr, bits) = match s.split_once('/') {
            Some((a, b)) => (a.parse::<IpAddr>().ok()?, b.parse::<u8>().ok()?),
            None => {
                let a = s.parse::<IpAddr>().ok()?;
                (a, if a.is_ipv4() { 32 } else { 128 })
            }
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (bits <= max).then_some(Cidr { addr, bits })
    }

    /// The prefix length (0 = every address).
    pub fn bits(&self) -> u8 {
        self.bits
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        ip.is_ipv4() == self.addr.is_ipv4() && prefix(ip, self.bits) == prefix(self.addr, self.bits)
    }
}

/// IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) as plain IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The client's address: the peer, or — when the peer is a trusted proxy — the right-most
/// X-Forwarded-For entry that is not itself a trusted proxy.
pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    let peer = canonical(peer);
    if !is_trusted(peer) {
        return peer;
    }
    let Some(header) = forwarded_for else { return peer };
    let mut client = peer;
    for hop in header.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = canonical(ip);
                if !is_trusted(client) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

/// What may be logged of an address: the /24 (IPv4) or /48 (IPv6) network.
pub fn log_ip(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(a) => {
            let o = a.octets();
            format!("{}.{}.{}.0/24", o[0], o[1], o[2])
        }
        IpAddr::V6(a) => {
            let s = a.segments();
            format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
        }
    }
}

/// The rate-limit key: the IPv4 address, or the IPv6 /64 (one subscriber's usual allocation).
pub fn bucket_key(ip: IpAddr) -> u128 {
    match canonical(ip) {
        IpAddr::V4(a) => u128::from(u32::from(a)),
        IpAddr::V6(a) => (u128::from(a) >> 64) << 64 | 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn cidr() {
        let c = Cidr::parse("10.1.0.0/16").unwrap();
        assert!(c.contains(ip("10.1.200.3")) && !c.contains(ip("10.2.0.1")));
        assert!(c.contains(ip("::ffff:10.1.2.3")));
        assert!(Cidr::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        assert!(Cidr::parse("::1").unwrap().contains(ip("::1")));
        assert!(Cidr::parse("10.0.0.0/33").is_none() && Cidr::parse("x").is_none());
    }

    #[test]
    fn forwarded_for_only_from_trusted_peers() {
        let trusted = [Cidr::parse("127.0.0.1").unwrap(), Cidr::parse("10.0.0.0/8").unwrap()];
        let xff = Some("1.2.3.4, 5.6.7.8, 10.0.0.2");
        assert_eq!(client_ip(ip("127.0.0.1"), xff, &trusted), ip("5.6.7.8"));
        assert_eq!(client_ip(ip("9.9.9.9"), xff, &trusted), ip("9.9.9.9"));
        assert_eq!(client_ip(ip("127.0.0.1"), None, &trusted), ip("127.0.0.1"));
        assert_eq!(client_ip(ip("127.0.0.1"), Some("garbage"), &trusted), ip("127.0.0.1"));
        // A forged left-most entry is ignored; only hops added by trusted proxies count.
        assert_eq!(client_ip(ip("10.0.0.3"), Some("6.6.6.6, 1.2.3.4, 10.0.0.2"), &trusted), ip("1.2.3.4"));
    }

    #[test]
    fn logs_hold_networks_only() {
        assert_eq!(log_ip(ip("203.0.113.77")), "203.0.113.0/24");
        assert_eq!(log_ip(ip("2001:db8:abcd:12::1")), "2001:db8:abcd::/48");
        assert_eq!(bucket_key(ip("2001:db8::1")), bucket_key(ip("2001:db8::2")));
        assert_ne!(bucket_key(ip("1.2.3.4")), bucket_key(ip("1.2.3.5")));
    }
}
