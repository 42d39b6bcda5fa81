//! `inclusim serve`: the business case worked out together in a browser. A local HTTP server
//! (axum on a one-thread tokio runtime) serves one embedded page; every change on the page is
//! sent as `--set KEY=VALUE` settings, validated by the scenario loader with the command
//! line's messages, and re-run on the same seed; the page shows the report's verdicts,
//! comparison, charts and sensitivity, and downloads the scenario, report and workbook.
//!
//! Safe by default: loopback only unless `--listen` is given; the Host and Origin headers are
//! checked on every request ([`guard`]); request bodies and iteration counts are limited;
//! files are read only inside the folder given ([`sources`]).

mod api;
mod assets;
mod form;
pub mod guard;
mod run;
mod session;
pub mod sources;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Prints `report.html` (first path) to an A4 PDF (second path), as `report --pdf` does;
/// given by `app` when a Chromium or Chrome is found.
pub type PdfPrinter = Box<dyn Fn(&Path, &Path) -> Result<(), String> + Send + Sync>;

/// The default port (`inclusim serve` without `--port`).
pub const DEFAULT_PORT: u16 = 8470;

/// The largest request body accepted, in bytes: the settings of a page are a few kilobytes.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The default largest number of iterations a run may have (`--max-iterations`).
pub const DEFAULT_MAX_ITERATIONS: u64 = 200_000;

/// How to serve.
pub struct Config {
    /// The address to bind; loopback unless `--listen` was given.
    pub listen: IpAddr,
    /// 0: any free port.
    pub port: u16,
    /// The folder whose scenario files the page may open (and nothing outside it).
    pub folder: Option<PathBuf>,
    /// The scenario the page opens first: a file of `folder`, relative to it.
    pub open: Option<String>,
    pub max_iterations: u64,
    /// Worker threads of a run (0: one per core).
    pub threads: usize,
    /// The report's date when the scenario sets none (YYYY-MM-DD).
    pub today: String,
    pub pdf: Option<PdfPrinter>,
}

impl Config {
    /// Loopback, the default port, bundled scenarios only.
    pub fn local(today: String) -> Self {
        Self {
            listen: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            folder: None,
            open: None,
            max_iterations: DEFAULT_MAX_ITERATIONS,
            threads: 0,
            today,
            pdf: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{addr}: error: cannot listen: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("error: the server stopped: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Source(#[from] sources::SourceError),
}

/// The state every request shares.
pub(crate) struct Shared {
    pub sources: sources::Sources,
    pub sessions: session::Sessions,
    pub guard: guard::Guard,
    pub max_iterations: u64,
    pub threads: usize,
    pub today: String,
    pub pdf: Option<PdfPrinter>,
    pub open: Option<sources::SourceId>,
}

/// Binds, then calls `ready` with the page's URL (the port chosen when 0 was asked for), and
/// serves until the process ends.
pub fn serve(config: Config, ready: impl FnOnce(&str)) -> Result<(), ServeError> {
    let sources = sources::Sources::new(config.folder.as_deref())?;
    let open = match &config.open {
        Some(rel) => Some(sources.file_id(rel)?),
        None => None,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(config.listen, config.port);
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind { addr, source })?;
        let bound = listener.local_addr()?;
        let shared = Arc::new(Shared {
            sources,
            sessions: session::Sessions::default(),
            guard: guard::Guard::new(bound),
            max_iterations: config.max_iterations,
            threads: config.threads,
            today: config.today,
            pdf: config.pdf,
            open,
        });
        ready(&url_of(bound));
        axum::serve(listener, api::router(shared)).await?;
        Ok(())
    })
}

/// The page's URL for a bound address (`localhost` for a loopback one).
pub fn url_of(addr: SocketAddr) -> String {
    match addr.ip() {
        ip if ip.is_loopback() && ip.is_ipv4() => format!("http://127.0.0.1:{}/", addr.port()),
        ip if ip.is_loopback() => format!("http://[::1]:{}/", addr.port()),
        _ => format!("http://{addr}/"),
    }
}
