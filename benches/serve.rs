//! How long the page waits for a result: one change sent to `inclusim serve` (`POST
//! /api/run`, the bundled supermarket scenario at 20,000 iterations, two threads) until the
//! whole answer is back: validation with the change, the run (with what decides the result),
//! the report's page with its charts, and the JSON. Every request changes the hours (24, 32,
//! 24, …), as a user does.
//!
//! Run with `cargo bench --bench serve`. Under `cargo test` (criterion's test mode, without
//! `--bench`) it runs once at 500 iterations, so that a broken bench fails CI quickly.

use std::hint::black_box;
use std::io::{Read, Write};
use std::net::TcpStream;

use criterion::{Criterion, criterion_group};

const THREADS: usize = 2;

fn iterations() -> u64 {
    if std::env::args().any(|a| a == "--bench") {
        20_000
    } else {
        500
    }
}

/// Starts the server in this process (on a free loopback port) and returns its port.
fn start() -> u16 {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut config = inclusim::serve::Config::local("2027-01-01".to_owned());
        config.port = 0;
        config.threads = THREADS;
        inclusim::serve::serve(config, |url| {
            let port: u16 = url
                .trim_end_matches('/')
                .rsplit(':')
                .next()
                .and_then(|p| p.parse().ok())
                .expect("a port");
            tx.send(port).expect("send the port");
        })
        .expect("the server runs");
    });
    rx.recv().expect("the server starts")
}

/// One `POST /api/run`; returns the response's length after checking it is a result.
fn request(port: u16, body: &str) -> usize {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(
        stream,
        "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Connection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let text = String::from_utf8_lossy(&response);
    assert!(
        text.starts_with("HTTP/1.1 200") && text.contains("\"status\":\"ok\""),
        "{}",
        &text[..text.len().min(400)]
    );
    response.len()
}

fn bench(c: &mut Criterion) {
    let n = iterations();
    let port = start();
    let bodies: Vec<String> = [24, 32]
        .iter()
        .map(|h| {
            serde_json::json!({
                "session": "bench",
                "source": { "kind": "bundled", "name": "supermarkt-vakkenvuller" },
                "set": [format!("scenario.iterations={n}"), format!("placement.vakkenvuller.hours_per_week={h}")],
            })
            .to_string()
        })
        .collect();
    let mut group = c.benchmark_group("serve");
    group.sample_size(10);
    let mut which = 0;
    group.bench_function("change_to_result", |b| {
        b.iter(|| {
            which = 1 - which;
            black_box(request(port, &bodies[which]))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
