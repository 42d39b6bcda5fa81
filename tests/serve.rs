//! `inclusim serve`: the server started as a user starts it, spoken to over plain HTTP/1.1 on
//! loopback. Refusals (foreign Host or Origin, oversized bodies, paths out of the folder,
//! too many iterations), the default loopback bind, and an edit made through the API that
//! `inclusim run` reproduces from the downloaded file.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::util;

/// A running `inclusim serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    url: String,
}

impl Server {
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_inclusim"))
            .arg("serve")
            .args(args)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start inclusim serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("read the address");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in `{line}`"))
            .to_owned();
        let port = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {url}"));
        Self { child, port, url }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends one request; returns the status code and the body.
    fn request(&self, method: &str, path: &str, headers: &[(&str, String)], body: &[u8]) -> (u16, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        // A refused body may be cut off by the server before it is all sent.
        let _ = stream.write_all(body);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let text = String::from_utf8_lossy(&response);
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status in {text}"));
        let at = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map_or(response.len(), |i| i + 4);
        let mut body = response[at..].to_vec();
        if text.to_ascii_lowercase().contains("transfer-encoding: chunked") {
            body = unchunk(&body);
        }
        (status, body)
    }

    fn post_json(&self, path: &str, json: &serde_json::Value) -> (u16, Vec<u8>) {
        self.request(
            "POST",
            path,
            &[
                ("Host", self.host()),
                ("Content-Type", "application/json".to_owned()),
            ],
            json.to_string().as_bytes(),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 || data.len() < end + 4 + size {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
    out
}

/// A folder with the supermarket scenario at few iterations, and a file beside the folder.
fn folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let cases = root.path().join("cases");
    std::fs::create_dir(&cases).unwrap();
    let text = std::fs::read_to_string("scenarios/supermarkt-vakkenvuller.toml")
        .unwrap()
        .replace("iterations = 20000", "iterations = 1000");
    std::fs::write(cases.join("supermarkt.toml"), text).unwrap();
    std::fs::write(root.path().join("secret.toml"), "[scenario]\nname = \"secret\"\n").unwrap();
    (root, cases)
}

fn case(set: &[&str]) -> serde_json::Value {
    serde_json::json!({
        "session": "test",
        "source": { "kind": "file", "name": "supermarkt.toml" },
        "set": set,
        "summary": true,
    })
}

#[test]
fn foreign_host_and_origin_are_refused() {
    let (_root, cases) = folder();
    let s = Server::start(&[cases.to_str().unwrap()]);
    let get = |headers: &[(&str, String)]| s.request("GET", "/", headers, b"").0;
    assert_eq!(get(&[("Host", s.host())]), 200);
    assert_eq!(get(&[("Host", format!("localhost:{}", s.port))]), 200);
    // DNS rebinding: a name that resolves to 127.0.0.1 but is not this server's.
    assert_eq!(get(&[("Host", format!("attacker.example:{}", s.port))]), 403);
    assert_eq!(get(&[("Host", "127.0.0.1:1".to_owned())]), 403);
    assert_eq!(get(&[]), 403, "a request without Host");
    let (status, body) = s.request(
        "POST",
        "/api/run",
        &[
            ("Host", s.host()),
            ("Origin", "http://attacker.example".to_owned()),
            ("Content-Type", "application/json".to_owned()),
        ],
        case(&[]).to_string().as_bytes(),
    );
    assert_eq!(status, 403, "{}", String::from_utf8_lossy(&body));
    assert!(String::from_utf8_lossy(&body).contains("another site"));
    let (status, _) = s.request(
        "POST",
        "/api/open",
        &[
            ("Host", s.host()),
            ("Origin", format!("http://{}", s.host())),
            ("Content-Type", "application/json".to_owned()),
        ],
        br#"{"source":{"kind":"file","name":"supermarkt.toml"}}"#,
    );
    assert_eq!(status, 200, "the page's own origin is served");
}

#[test]
fn oversized_bodies_are_refused() {
    let (_root, cases) = folder();
    let s = Server::start(&[cases.to_str().unwrap()]);
    let big = format!(
        r#"{{"session":"a","source":{{"kind":"bundled","name":"x"}},"set":["{}"]}}"#,
        "x".repeat(300 * 1024)
    );
    let (status, _) = s.request(
        "POST",
        "/api/run",
        &[
            ("Host", s.host()),
            ("Content-Type", "application/json".to_owned()),
        ],
        big.as_bytes(),
    );
    assert_eq!(status, 413);
}

#[test]
fn the_server_listens_on_loopback_only_by_default() {
    let s = Server::start(&[]);
    assert_eq!(s.url, format!("http://127.0.0.1:{}/", s.port));
    // The kernel's table of listening sockets: this port on 127.0.0.1, on no other address.
    #[cfg(target_os = "linux")]
    {
        let port = format!(":{:04X}", s.port);
        let tcp = std::fs::read_to_string("/proc/net/tcp").unwrap();
        let tcp6 = std::fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
        let listening: Vec<&str> = tcp
            .lines()
            .chain(tcp6.lines())
            .filter_map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .filter(|_| l.split_whitespace().nth(3) == Some("0A"))
            })
            .filter(|local| local.ends_with(&port))
            .collect();
        assert_eq!(
            listening,
            vec![format!("0100007F{port}")],
            "listening sockets on the port"
        );
    }
}

#[test]
fn files_outside_the_folder_are_refused() {
    let (_root, cases) = folder();
    let s = Server::start(&[cases.to_str().unwrap()]);
    for name in ["../secret.toml", "/etc/passwd", "sub/../../secret.toml"] {
        let (status, body) = s.post_json(
            "/api/open",
            &serde_json::json!({ "source": { "kind": "file", "name": name } }),
        );
        assert_eq!(status, 403, "{name}: {}", String::from_utf8_lossy(&body));
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            cases.parent().unwrap().join("secret.toml"),
            cases.join("link.toml"),
        )
        .unwrap();
        let (status, _) = s.post_json(
            "/api/open",
            &serde_json::json!({ "source": { "kind": "file", "name": "link.toml" } }),
        );
        assert_eq!(status, 403, "a link out of the folder");
    }
    let (status, body) = s.request("GET", "/api/sources", &[("Host", s.host())], b"");
    assert_eq!(status, 200);
    let listed = String::from_utf8_lossy(&body);
    assert!(
        listed.contains("supermarkt.toml") && !listed.contains("secret") && !listed.contains("link.toml")
    );
    // Every template has a Dutch title for the Dutch page.
    let sources = reply(&body);
    let templates: Vec<&serde_json::Value> = sources["sources"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["id"]["kind"] == "template")
        .collect();
    assert_eq!(templates.len(), inclusim::templates::TEMPLATES.len());
    for t in templates {
        let (en, nl) = (t["title"].as_str().unwrap(), t["title_nl"].as_str().unwrap());
        assert!(!nl.is_empty() && nl != en, "{t}");
    }
}

fn reply(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(body)))
}

/// `"scenario_file"` and the file's name in `"run"` differ (the page ran the opened file);
/// everything else, the digest of the text included, must not.
fn without_file_name(summary: &str) -> String {
    summary
        .lines()
        .filter(|l| !l.trim_start().starts_with("\"scenario_file\""))
        .map(|l| match (l.find("scenario "), l.find(" (sha256")) {
            (Some(a), Some(b)) if l.trim_start().starts_with("\"run\"") => format!("{}{}", &l[..a], &l[b..]),
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_edit_through_the_api_is_what_inclusim_run_gives_on_the_downloaded_file() {
    let (root, cases) = folder();
    let s = Server::start(&[cases.to_str().unwrap()]);
    let (status, body) = s.post_json("/api/run", &case(&[]));
    assert_eq!(status, 200);
    let before = reply(&body);
    let edit = ["placement.vakkenvuller.hours_per_week=32"];
    let (status, body) = s.post_json("/api/run", &case(&edit));
    assert_eq!(status, 200);
    let after = reply(&body);
    assert_eq!(after["status"], "ok", "{after}");
    assert_eq!(
        (after["iterations"].as_u64(), after["seed"].as_u64()),
        (Some(1000), Some(7))
    );
    assert_ne!(before["verdict"], after["verdict"], "32 hours change the verdict");
    for section in ["id=\"comparison\"", "id=\"charts\"", "id=\"sensitivity\""] {
        assert!(after["report"].as_str().unwrap().contains(section), "{section}");
    }

    let (status, toml) = s.post_json("/api/download/scenario", &case(&edit));
    assert_eq!(status, 200);
    let toml = String::from_utf8(toml).unwrap();
    assert!(
        toml.starts_with("# Supermarket: a shelf-stacker"),
        "comments kept"
    );
    assert!(toml.contains("\nhours_per_week = 32\n"));
    let original = std::fs::read_to_string(cases.join("supermarkt.toml")).unwrap();
    assert_eq!(
        toml.replace("hours_per_week = 32", "hours_per_week = 24"),
        original,
        "only the edited value differs"
    );
    let downloaded = util::write_scenario(root.path(), "downloaded.toml", &toml);
    let out = util::inclusim()
        .arg("run")
        .arg(&downloaded)
        .arg("--json")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", util::stderr_of(&out));
    let cli = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        without_file_name(&cli),
        without_file_name(after["summary"].as_str().unwrap()),
        "the page's summary is inclusim run's on the downloaded file"
    );

    let (status, html) = s.post_json("/api/download/report", &case(&edit));
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&html).contains("<section id=\"assumptions\">"));
    let (status, xlsx) = s.post_json("/api/download/xlsx", &case(&edit));
    assert_eq!(status, 200);
    assert_eq!(&xlsx[..2], b"PK");
}

#[test]
fn an_invalid_value_gets_the_command_lines_message_tied_to_its_change() {
    let (_root, cases) = folder();
    let s = Server::start(&[cases.to_str().unwrap()]);
    let (status, body) = s.post_json(
        "/api/run",
        &case(&["scenario.seed=7", "placement.vakkenvuller.hours_per_week=-8"]),
    );
    assert_eq!(status, 200);
    let r = reply(&body);
    assert_eq!(r["status"], "invalid");
    assert_eq!(r["errors"][0]["set"], 1);
    let message = r["errors"][0]["text"].as_str().unwrap();
    let out = util::inclusim()
        .arg("run")
        .arg(cases.join("supermarkt.toml"))
        .args(["--set", "placement.vakkenvuller.hours_per_week=-8"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(util::stderr_of(&out).trim(), message);
    let (status, _) = s.post_json(
        "/api/download/scenario",
        &case(&["placement.vakkenvuller.hours_per_week=-8"]),
    );
    assert_eq!(status, 422, "an invalid scenario is not offered for download");
}

#[test]
fn runs_above_the_iteration_limit_are_refused() {
    let (_root, cases) = folder();
    let s = Server::start(&[cases.to_str().unwrap(), "--max-iterations", "500"]);
    let (_, body) = s.post_json("/api/run", &case(&["scenario.iterations=600"]));
    let r = reply(&body);
    assert_eq!(r["status"], "invalid");
    assert_eq!(r["errors"][0]["set"], 0);
    assert!(
        r["errors"][0]["text"].as_str().unwrap().contains("at most 500"),
        "{r}"
    );
    // Within the iterations but not the work: 500 × 3 placements × 600 months.
    let (_, body) = s.post_json(
        "/api/run",
        &case(&[
            "scenario.iterations=500",
            "scenario.horizon_months=600",
            "placement.vakkenvuller.count=3",
        ]),
    );
    let r = reply(&body);
    assert_eq!(r["status"], "invalid", "{r}");
    assert_eq!(r["errors"][0]["set"], 0);
    assert!(
        r["errors"][0]["short"]
            .as_str()
            .unwrap()
            .starts_with("500 iterations × 3 placement(s) × 600 months is 900000 placement-months"),
        "{r}"
    );
}

#[test]
fn a_port_in_use_is_exit_code_3() {
    let first = Server::start(&[]);
    let out = util::inclusim()
        .args(["serve", "--port", &first.port.to_string()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", util::stderr_of(&out));
    assert!(util::stderr_of(&out).contains("cannot listen"));
}

#[test]
fn serve_refuses_a_missing_path_and_documents_its_exit_codes() {
    let out = util::inclusim()
        .args(["serve", "no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(util::stderr_of(&out).contains("no/such/folder: error: no such scenario file or folder"));
    let help = util::inclusim().args(["serve", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("Exit codes:") && help.contains("--listen"),
        "{help}"
    );
}

/// The cancel flag: set before a run, nothing runs; never set, the run is `run_with`'s, bit
/// for bit; set by the sink, the run stops after a prefix of the chunks, in order.
#[test]
fn a_cancelled_run_stops_between_batches_and_an_uncancelled_one_is_unchanged() {
    use inclusim::sim::{self, Ended, RunConfig};
    let text = std::fs::read_to_string("scenarios/supermarkt-vakkenvuller.toml").unwrap();
    let model = inclusim::scenario::parse(Path::new("s.toml"), &text).unwrap();
    let cfg = RunConfig {
        iterations: 256 * 40,
        threads: 2,
        keep_paths: 0,
        keep_draws: false,
    };
    let npvs = |cancel: Option<&AtomicBool>, stop_after: Option<u64>| {
        let mut firsts = Vec::new();
        let mut npv = Vec::new();
        let mut sink = |c: sim::Chunk, ()| {
            firsts.push(c.first);
            npv.extend(c.outcomes.iter().map(|o| o.npv.to_bits()));
            if let (Some(flag), Some(n)) = (cancel, stop_after)
                && firsts.len() as u64 == n
            {
                flag.store(true, Ordering::Relaxed);
            }
        };
        let ended = match cancel {
            Some(flag) => sim::run_cancellable(&model, &cfg, flag, &|_| (), &mut |_| {}, &mut sink).unwrap(),
            None => {
                sim::run_with(&model, &cfg, &|_| (), &mut |_| {}, &mut sink).unwrap();
                Ended::Complete
            }
        };
        (ended, firsts, npv)
    };
    let (_, all_firsts, all) = npvs(None, None);
    let never = AtomicBool::new(false);
    assert_eq!(
        npvs(Some(&never), None),
        (Ended::Complete, all_firsts.clone(), all.clone())
    );
    let before = AtomicBool::new(true);
    let (ended, firsts, _) = npvs(Some(&before), None);
    assert_eq!((ended, firsts.len()), (Ended::Cancelled, 0));
    let midway = AtomicBool::new(false);
    let (ended, firsts, npv) = npvs(Some(&midway), Some(1));
    assert_eq!(ended, Ended::Cancelled);
    assert!(
        firsts.len() < all_firsts.len(),
        "{} of {} chunks ran",
        firsts.len(),
        all_firsts.len()
    );
    assert_eq!(firsts[..], all_firsts[..firsts.len()]);
    assert_eq!(npv[..], all[..npv.len()]);
}

/// One run at a time per page: a newer request of the same session (here an invalid one,
/// which answers at once) cancels the run in progress, which answers `cancelled`.
#[test]
fn a_newer_request_of_the_page_cancels_its_run_in_progress() {
    let (_root, cases) = folder();
    let s = std::sync::Arc::new(Server::start(&[cases.to_str().unwrap()]));
    let long = {
        let s = s.clone();
        std::thread::spawn(move || s.post_json("/api/run", &case(&["scenario.iterations=150000"])))
    };
    // Until the long run has started (the server's answer to it would then be `ok`, late).
    std::thread::sleep(Duration::from_millis(700));
    let (_, body) = s.post_json("/api/run", &case(&["placement.vakkenvuller.hours_per_week=-1"]));
    assert_eq!(reply(&body)["status"], "invalid");
    let (status, body) = long.join().unwrap();
    assert_eq!(status, 200);
    assert_eq!(reply(&body)["status"], "cancelled");
}
