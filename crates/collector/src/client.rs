//! A minimal blocking HTTP/1.1 client with keep-alive, for the load generator and the tests
//! (loopback only; no TLS, no redirects).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// One response.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// A keep-alive connection.
pub struct Conn {
    reader: BufReader<TcpStream>,
    host: String,
}

fn invalid(msg: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg.to_owned())
}

impl Conn {
    pub fn open(addr: SocketAddr) -> io::Result<Conn> {
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Conn { reader: BufReader::new(stream), host: addr.to_string() })
    }

    /// Sends one request and reads its response.
    pub fn send(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> io::Result<Reply> {
        let mut req = format!("{method} {path} HTTP/1.1\r\nhost: {}\r\ncontent-length: {}\r\n", self.host, body.len());
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        let mut out = req.into_bytes();
        out.extend_from_slice(body);
        self.reader.get_mut().write_all(&out)?;
        self.read_reply(method == "HEAD")
    }

    fn line(&mut self) -> io::Result<String> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed"));
        }
        Ok(line.trim_end().to_owned())
    }

    fn read_reply(&mut self, head: bool) -> io::Result<Reply> {
        let status_line = self.line()?;
        let status =
            status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| invalid("bad status line"))?;
        let mut headers = Vec::new();
        loop {
            let line = self.line()?;
            if line.is_empty() {
                break;
            }
            let (k, v) = line.split_once(':').ok_or_else(|| invalid("bad header"))?;
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
        let reply = Reply { status, headers, body: Vec::new() };
        if head || status == 204 || status == 304 {
            return Ok(reply);
        }
        let body = if reply.header("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
            self.chunked()?
        } else {
            let len: usize =
                reply.header("content-length").and_then(|v| v.parse().ok()).ok_or_else(|| invalid("no length"))?;
            let mut body = vec![0; len];
            self.reader.read_exact(&mut body)?;
            body
        };
        Ok(Reply { body, ..reply })
    }

    fn chunked(&mut self) -> io::Result<Vec<u8>> {
        let mut body = Vec::new();
        loop {
            let size = usize::from_str_radix(self.line()?.split(';').next().unwrap_or(""), 16)
                .map_err(|_| invalid("bad chunk"))?;
            if size == 0 {
                while !self.line()?.is_empty() {}
                return Ok(body);
            }
            let start = body.len();
            body.resize(start + size, 0);
            self.reader.read_exact(&mut body[start..])?;
            self.line()?;
        }
    }
}

/// One request on a fresh connection.
pub fn request(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> io::Result<Reply> {
    Conn::open(addr)?.send(method, path, headers, body)
}
