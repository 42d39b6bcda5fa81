//! The HTTP routes: the page and its assets, the list of scenarios, opening one, running it
//! with the page's changes, and the downloads. Every route passes [`super::guard`] first.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};

use super::sources::{Opened, SourceId};
use super::{Shared, assets, form, run, session};
use crate::model::Model;
use crate::report::{self, Lang, verdict};
use crate::scenario::{LoadError, edit};
use crate::stats::Summary;

type Ctx = State<Arc<Shared>>;

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { asset(assets::INDEX, "text/html; charset=utf-8") }),
        )
        .route(
            "/app.js",
            get(|| async { asset(assets::SCRIPT, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/app.css",
            get(|| async { asset(assets::STYLE, "text/css; charset=utf-8") }),
        )
        .route("/api/sources", get(sources))
        .route("/api/open", post(open))
        .route("/api/run", post(run_case))
        .route("/api/download/{what}", post(download))
        .layer(DefaultBodyLimit::max(super::MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// Refuses a foreign Host or Origin (403) before anything else runs.
async fn guard(State(shared): Ctx, request: Request, next: Next) -> Response {
    let checked = {
        let headers = request.headers();
        let value = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
        shared.guard.check(value(header::HOST), value(header::ORIGIN))
    };
    if let Err(refusal) = checked {
        return (StatusCode::FORBIDDEN, refusal.to_string()).into_response();
    }
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    // Nothing but this server: no other site's scripts, styles, frames or connections.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
             frame-ancestors 'self'; form-action 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

fn json<T: Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// An error reply: `{"error": message}`.
fn failure(status: StatusCode, message: impl Into<String>) -> Response {
    json(status, &serde_json::json!({ "error": message.into() }))
}

fn source_failure(e: &super::sources::SourceError) -> Response {
    let status = if e.is_forbidden() {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::NOT_FOUND
    };
    failure(status, e.to_string())
}

#[derive(Serialize)]
struct SourcesReply {
    sources: Vec<super::sources::Listed>,
    open: SourceId,
    max_iterations: u64,
    pdf: bool,
}

async fn sources(State(shared): Ctx) -> Response {
    match shared.sources.list() {
        Ok(list) => json(
            StatusCode::OK,
            &SourcesReply {
                sources: list,
                open: shared
                    .open
                    .clone()
                    .unwrap_or_else(|| SourceId::Bundled(super::sources::DEFAULT_BUNDLED.to_owned())),
                max_iterations: shared.max_iterations,
                pdf: shared.pdf.is_some(),
            },
        ),
        Err(e) => failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

#[derive(Deserialize)]
struct OpenRequest {
    source: SourceId,
}

#[derive(Serialize)]
struct OpenReply {
    path: String,
    form: Option<form::Form>,
}

async fn open(State(shared): Ctx, axum::Json(req): axum::Json<OpenRequest>) -> Response {
    match shared.sources.open(&req.source) {
        Ok(o) => json(
            StatusCode::OK,
            &OpenReply {
                path: o.path.display().to_string(),
                form: form::of(&o.text),
            },
        ),
        Err(e) => source_failure(&e),
    }
}

/// A run or download: the scenario, the page's changes as `--set` arguments, the language.
#[derive(Deserialize)]
pub struct CaseRequest {
    /// The page's session: a newer run of it cancels this one.
    session: String,
    source: SourceId,
    #[serde(default)]
    set: Vec<String>,
    #[serde(default)]
    lang: LangCode,
    /// Also return the summary JSON (what `inclusim run --json` prints).
    #[serde(default)]
    summary: bool,
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum LangCode {
    #[default]
    Nl,
    En,
}

impl From<LangCode> for Lang {
    fn from(l: LangCode) -> Self {
        match l {
            LangCode::Nl => Lang::Nl,
            LangCode::En => Lang::En,
        }
    }
}

/// A message of the loader, with the change it is about (its index in `set`), if any.
#[derive(Debug, Serialize)]
pub struct Message {
    set: Option<usize>,
    /// As the command line prints it (`--set KEY=VALUE: error: key: what is wrong`).
    text: String,
    /// What is wrong, without the change and the key that the field already shows (the
    /// diagnostic's own message); absent for a message that is not a diagnostic.
    short: Option<String>,
}

#[derive(Serialize, Default)]
struct RunReply {
    /// `ok`, `invalid` (see `errors`) or `cancelled` (a newer request of the page replaced it).
    status: &'static str,
    errors: Vec<Message>,
    warnings: Vec<Message>,
    verdict: Option<Verdict>,
    /// The report's comparison, parties, charts and what decides the result (a whole page).
    report: Option<String>,
    /// With `summary: true`: what `inclusim run --json` prints for the same file, as text.
    summary: Option<String>,
    iterations: u64,
    seed: u64,
    /// The time of the run and the report, milliseconds.
    ms: u64,
}

/// The answer of the report in the page's own place: the best choice and one card per
/// arrangement, in the report's words.
#[derive(Serialize)]
struct Verdict {
    best: Option<String>,
    cards: Vec<Card>,
}

#[derive(Serialize)]
struct Card {
    name: String,
    colour: String,
    lead: String,
    detail: String,
    p_npv_positive: f64,
    npv_mean: f64,
}

/// The loader's messages for `set`: each named `--set ARG` one is tied to its change.
fn messages(diags: impl IntoIterator<Item = String>, set: &[String]) -> Vec<Message> {
    diags
        .into_iter()
        .map(|text| {
            let index = set
                .iter()
                .position(|arg| text.starts_with(&format!("--set {arg}:")));
            Message {
                set: index,
                text,
                short: None,
            }
        })
        .collect()
}

/// [`messages`] of diagnostics, each with its bare message for the field it is shown at.
fn diagnostic_messages<'d>(
    diags: impl IntoIterator<Item = &'d crate::diag::Diagnostic>,
    set: &[String],
) -> Vec<Message> {
    diags
        .into_iter()
        .map(|d| {
            let mut m = messages([d.to_string()], set).remove(0);
            m.short = Some(d.message.clone());
            m
        })
        .collect()
}

/// The validated model of a request, or the loader's messages (the command line's).
/// Why a request gets no run: the loader's messages, or a reply of its own (403, 404).
enum Stop {
    Invalid(Vec<Message>),
    Reply(Box<Response>),
}

fn load(shared: &Shared, req: &CaseRequest) -> Result<(Opened, Model), Stop> {
    let opened = shared
        .sources
        .open(&req.source)
        .map_err(|e| Stop::Reply(Box::new(source_failure(&e))))?;
    let mut settings = Vec::with_capacity(req.set.len());
    let mut errors = Vec::new();
    for arg in &req.set {
        match edit::Setting::parse(arg) {
            Ok(s) => settings.push(s),
            Err(message) => errors.push(message),
        }
    }
    if !errors.is_empty() {
        return Err(Stop::Invalid(messages(errors, &req.set)));
    }
    let model = edit::parse_with(&opened.path, &opened.text, &settings).map_err(|e| {
        Stop::Invalid(match e {
            LoadError::Invalid(diags) => diagnostic_messages(&diags, &req.set),
            other => messages([other.to_string()], &req.set),
        })
    })?;
    if model.iterations > shared.max_iterations {
        let at = req
            .set
            .iter()
            .position(|a| a.trim_start().starts_with("scenario.iterations"));
        let what = format!(
            "{} iterations is more than this server runs at once (at most {}; `inclusim serve \
             --max-iterations N` raises it, `inclusim run` has no such limit)",
            model.iterations, shared.max_iterations
        );
        return Err(Stop::Invalid(vec![Message {
            set: at,
            text: format!("{}: error: scenario.iterations: {what}", opened.path.display()),
            short: Some(what),
        }]));
    }
    // The work of a run grows with the placements and the months too: a class of a hundred
    // over fifty years at the iteration limit would hold the page for many minutes.
    let work = model.iterations * model.copies() as u64 * model.horizon as u64;
    let max_work = shared.max_iterations.saturating_mul(WORK_PER_ITERATION);
    if work > max_work {
        let at = req
            .set
            .iter()
            .position(|a| a.trim_start().starts_with("scenario.iterations"));
        let what = format!(
            "{} iterations × {} placement(s) × {} months is {work} placement-months, more than this \
             server runs at once (at most {max_work}, {WORK_PER_ITERATION} per iteration of \
             `--max-iterations`); fewer iterations make it fit, `inclusim run` has no such limit",
            model.iterations,
            model.copies(),
            model.horizon
        );
        return Err(Stop::Invalid(vec![Message {
            set: at,
            text: format!("{}: error: scenario.iterations: {what}", opened.path.display()),
            short: Some(what),
        }]));
    }
    Ok((opened, model))
}

/// Placement-months a run from the page may take per iteration of `--max-iterations` (at the
/// default 200,000 iterations: 2·10⁸ placement-months, some seconds on two cores).
pub const WORK_PER_ITERATION: u64 = 1_000;

/// Runs a validated model on the engine for `session`: `None` when a newer run cancelled it.
fn simulate(shared: &Shared, model: &Model, session: &str) -> Result<Option<Summary>, Box<Response>> {
    let cancel = shared.sessions.begin(session);
    let _engine = shared.sessions.engine();
    if cancel.load(Ordering::Relaxed) {
        return Ok(None);
    }
    run::summary(model, shared.threads, &cancel)
        .map_err(|e| Box::new(failure(StatusCode::INTERNAL_SERVER_ERROR, format!("error: {e}"))))
}

fn dated(shared: &Shared, model: &Model) -> Model {
    let mut m = model.clone();
    if m.report.date.is_none() {
        m.report.date = Some(shared.today.clone());
    }
    m
}

/// The report's page for the results panel: without its header, answer (shown by the page
/// itself), assumptions and method.
fn results_page(html: &str) -> String {
    let cut = |h: String, from: &str, to: &str| -> String {
        match h.find(from) {
            Some(a) => match h[a..].find(to) {
                Some(b) => format!("{}{}", &h[..a], &h[a + b + to.len()..]),
                None => h,
            },
            None => h,
        }
    };
    let h = cut(html.to_owned(), "<header>", "</header>\n");
    let h = cut(h, "<section class=\"first\" id=\"answer\">", "</section>\n");
    let h = match (h.find("<section id=\"assumptions\">"), h.find("</main>")) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &h[..a], &h[b..]),
        _ => h,
    };
    // In the panel the report fills its frame, a little smaller than on its own.
    h.replacen("</head>", PANEL_STYLE, 1)
}

const PANEL_STYLE: &str = "<style>main { max-width: none; padding: 0 0 1rem; } body { font-size: 14px; } \
                           section:first-child h2 { margin-top: .4rem; }</style>\n</head>";

fn verdict_of(model: &Model, summary: &Summary, lang: Lang) -> Verdict {
    let s = report::localized(model, summary, lang);
    let cards = s
        .arrangements
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut o = verdict::Outcome::of(a, s.horizon_months);
            o.break_even_calendar = o
                .break_even_month
                .map(|m| report::html::calendar_month(model, m, lang));
            Card {
                name: a.name.clone(),
                colour: crate::plot::hex(crate::plot::colour(i)),
                lead: verdict::pays_off(&o, lang),
                detail: verdict::expectation(&o, lang),
                p_npv_positive: a.p_npv_positive,
                npv_mean: a.npv.mean,
            }
        })
        .collect();
    Verdict {
        best: verdict::best_choice(&s, lang),
        cards,
    }
}

async fn run_case(State(shared): Ctx, axum::Json(req): axum::Json<CaseRequest>) -> Response {
    if !session::valid_id(&req.session) {
        return failure(
            StatusCode::BAD_REQUEST,
            "error: session: 1 to 64 letters, digits, - or _",
        );
    }
    let work = tokio::task::spawn_blocking(move || run_blocking(&shared, &req)).await;
    work.unwrap_or_else(|e| failure(StatusCode::INTERNAL_SERVER_ERROR, format!("error: {e}")))
}

fn run_blocking(shared: &Shared, req: &CaseRequest) -> Response {
    let clock = Instant::now();
    let lang = Lang::from(req.lang);
    let (_, model) = match load(shared, req) {
        Ok(x) => x,
        Err(Stop::Invalid(errors)) => {
            // An invalid change still replaces the run in progress: its numbers are stale.
            shared.sessions.begin(&req.session);
            return json(
                StatusCode::OK,
                &RunReply {
                    status: "invalid",
                    errors,
                    ..RunReply::default()
                },
            );
        }
        Err(Stop::Reply(response)) => return *response,
    };
    let summary = match simulate(shared, &model, &req.session) {
        Ok(Some(s)) => s,
        Ok(None) => {
            return json(
                StatusCode::OK,
                &RunReply {
                    status: "cancelled",
                    ..RunReply::default()
                },
            );
        }
        Err(response) => return *response,
    };
    let dated = dated(shared, &model);
    let page = match report::build(&dated, &summary, report::Options { lang, png: false }) {
        Ok(files) => files
            .into_iter()
            .find(|f| f.path == "report.html")
            .map(|f| results_page(&String::from_utf8_lossy(&f.bytes))),
        Err(e) => return failure(StatusCode::INTERNAL_SERVER_ERROR, format!("error: {e}")),
    };
    let summary_json = if req.summary {
        match crate::export::json::summary(&summary).map(String::from_utf8) {
            Ok(Ok(text)) => Some(text),
            Ok(Err(e)) => return failure(StatusCode::INTERNAL_SERVER_ERROR, format!("error: {e}")),
            Err(e) => return failure(StatusCode::INTERNAL_SERVER_ERROR, format!("error: {e}")),
        }
    } else {
        None
    };
    json(
        StatusCode::OK,
        &RunReply {
            status: "ok",
            errors: Vec::new(),
            warnings: diagnostic_messages(&model.warnings, &req.set),
            verdict: Some(verdict_of(&model, &summary, lang)),
            report: page,
            summary: summary_json,
            iterations: model.iterations,
            seed: model.seed,
            ms: clock.elapsed().as_millis() as u64,
        },
    )
}

async fn download(
    State(shared): Ctx,
    UrlPath(what): UrlPath<String>,
    axum::Json(req): axum::Json<CaseRequest>,
) -> Response {
    if !session::valid_id(&req.session) {
        return failure(
            StatusCode::BAD_REQUEST,
            "error: session: 1 to 64 letters, digits, - or _",
        );
    }
    let work = tokio::task::spawn_blocking(move || download_blocking(&shared, &what, &req)).await;
    work.unwrap_or_else(|e| failure(StatusCode::INTERNAL_SERVER_ERROR, format!("error: {e}")))
}

fn attachment(bytes: Vec<u8>, kind: &str, name: &str) -> Response {
    let mut headers = HeaderMap::new();
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(kind) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    (headers, Body::from(bytes)).into_response()
}

fn download_blocking(shared: &Shared, what: &str, req: &CaseRequest) -> Response {
    let lang = Lang::from(req.lang);
    if !matches!(what, "scenario" | "report" | "pdf" | "xlsx") {
        return failure(
            StatusCode::NOT_FOUND,
            format!("error: no download `{}`", crate::inert::inert(what)),
        );
    }
    let (opened, model) = match load(shared, req) {
        Ok(x) => x,
        Err(Stop::Invalid(errors)) => {
            let text: Vec<String> = errors.into_iter().map(|m| m.text).collect();
            return failure(StatusCode::UNPROCESSABLE_ENTITY, text.join("\n"));
        }
        Err(Stop::Reply(response)) => return *response,
    };
    let stem = opened.file_name.trim_end_matches(".toml").to_owned();
    if what == "scenario" {
        // The file as the same edits by hand give it: comments and layout kept.
        let settings: Vec<edit::Setting> = req
            .set
            .iter()
            .filter_map(|a| edit::Setting::parse(a).ok())
            .collect();
        return match edit::apply(&opened.text, &settings) {
            Ok((text, _)) => attachment(
                text.into_bytes(),
                "application/toml; charset=utf-8",
                &opened.file_name,
            ),
            Err(e) => failure(StatusCode::UNPROCESSABLE_ENTITY, e),
        };
    }
    let summary = match simulate(shared, &model, &format!("{}-download", req.session)) {
        Ok(Some(s)) => s,
        Ok(None) => return failure(StatusCode::CONFLICT, "cancelled by a newer download"),
        Err(response) => return *response,
    };
    let dated = dated(shared, &model);
    if what == "xlsx" {
        return match crate::export::xlsx::workbook(&dated, &summary, lang) {
            Ok(bytes) => attachment(
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &format!("{stem}-report.xlsx"),
            ),
            Err(e) => failure(StatusCode::INTERNAL_SERVER_ERROR, format!("report.xlsx: {e}")),
        };
    }
    let html = match report::build(&dated, &summary, report::Options { lang, png: false }) {
        Ok(files) => files
            .into_iter()
            .find(|f| f.path == "report.html")
            .map(|f| f.bytes)
            .unwrap_or_default(),
        Err(e) => return failure(StatusCode::INTERNAL_SERVER_ERROR, format!("error: {e}")),
    };
    if what == "report" {
        return attachment(html, "text/html; charset=utf-8", &format!("{stem}-report.html"));
    }
    let Some(print) = &shared.pdf else {
        return failure(
            StatusCode::NOT_FOUND,
            "error: no Chromium or Chrome was found when the server started, so there is no PDF; \
             download the HTML report and print it on A4",
        );
    };
    match pdf_of(print, &html) {
        Ok(bytes) => attachment(bytes, "application/pdf", &format!("{stem}-report.pdf")),
        Err(e) => failure(StatusCode::INTERNAL_SERVER_ERROR, e),
    }
}

/// The PDF of a report page, printed in a temporary folder that is removed after.
fn pdf_of(print: &super::PdfPrinter, html: &[u8]) -> Result<Vec<u8>, String> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("inclusim-serve-{}-{n}", std::process::id()));
    let result = (|| {
        crate::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let page = dir.join("report.html");
        let pdf = dir.join("report.pdf");
        crate::fs::write_atomic(&page, html).map_err(|e| e.to_string())?;
        print(&page, &pdf)?;
        crate::fs::read_at_most(&pdf, 256 << 20)
            .map_err(|e| format!("{}: {e}", pdf.display()))?
            .ok_or_else(|| "the PDF is larger than 256 MiB".to_owned())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_results_page_drops_header_answer_assumptions_and_method() {
        let html = "<html><head></head><main>\n<header>H</header>\n<section class=\"first\" id=\"answer\">A</section>\n\
                    <section id=\"comparison\">C</section>\n<section id=\"assumptions\">X</section>\n\
                    <section id=\"method\">M</section>\n</main></html>";
        assert_eq!(
            results_page(html),
            format!(
                "<html><head>{PANEL_STYLE}<main>\n<section id=\"comparison\">C</section>\n</main></html>"
            )
        );
    }

    #[test]
    fn messages_are_tied_to_the_change_they_name() {
        let set = vec!["a.b=1".to_owned(), "a.c=x".to_owned()];
        let m = messages(
            [
                "--set a.c=x: error: bad".to_owned(),
                "f.toml:3:1: error: other".to_owned(),
            ],
            &set,
        );
        assert_eq!(m[0].set, Some(1));
        assert_eq!(m[1].set, None);
    }
}
