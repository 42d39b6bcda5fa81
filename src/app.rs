//! One function per subcommand, wiring scenario → engine → statistics → outputs.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::time::{Instant, SystemTime};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

mod whatif;

use crate::check::{self, Outcome, ScenarioCheck};
use crate::cli::{
    CheckArgs, Cli, Command, InitArgs, LangArg, RatesArgs, ReportArgs, RunArgs, SchemaArgs, ServeArgs,
    ValidateArgs,
};
use crate::export;
use crate::fs;
use crate::model::Model;
use crate::rates;
use crate::report::{self, Lang};
use crate::scenario::edit::{self, Setting};
use crate::scenario::{self, LoadError};
use crate::sim::{self, RunConfig};
use crate::stats::influence::InfluenceAcc;
use crate::stats::{Accumulator, Summary};
use crate::templates;

/// Documented exit codes (see `inclusim --help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    ExpectationFailed = 1,
    Invalid = 2,
    Failed = 3,
    /// `solve`, `gap`: the target is not reached within the bounds.
    NotReached = 4,
}

/// A command that could not complete: what to print, and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl Failure {
    fn invalid(message: impl Into<String>) -> Self {
        Self {
            exit: Exit::Invalid,
            message: message.into(),
        }
    }

    fn failed(message: impl ToString) -> Self {
        Self {
            exit: Exit::Failed,
            message: message.to_string(),
        }
    }
}

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure::invalid(e.to_string())
    }
}

impl From<fs::FsError> for Failure {
    fn from(e: fs::FsError) -> Self {
        Failure::failed(e)
    }
}

/// Runs the parsed command line; returns the exit code after printing any failure.
pub fn main_with(cli: Cli) -> Exit {
    let result = match cli.command {
        Command::Run(args) => run(&args),
        Command::Report(args) => make_report(&args),
        Command::Validate(args) => validate(&args),
        Command::Rates(args) => print_rates(&args),
        Command::Check(args) => check(&args),
        Command::Schema(args) => schema(&args),
        Command::Init(args) => init(&args),
        Command::Solve(args) => whatif::solve(&args),
        Command::Gap(args) => whatif::gap(&args),
        Command::Sweep(args) => whatif::sweep(&args),
        Command::Compare(args) => whatif::compare(&args),
        Command::Serve(args) => serve(&args),
    };
    match result {
        Ok(exit) => exit,
        Err(f) => {
            eprintln!("{}", f.message);
            f.exit
        }
    }
}

/// The scenario's warnings, one `file:line:col: warning: …` line each, on stderr.
fn print_warnings(model: &Model) {
    for w in &model.warnings {
        eprintln!("{w}");
    }
}

/// The `--set` arguments, parsed.
fn settings(args: &[String]) -> Result<Vec<Setting>, Failure> {
    args.iter()
        .map(|a| Setting::parse(a).map_err(Failure::invalid))
        .collect()
}

/// Loads a scenario for a command that runs it, with the command line's `--set` changes, seed
/// and iterations, and prints its warnings.
fn load_for_run(
    path: &Path,
    set: &[String],
    seed: Option<u64>,
    iterations: Option<u64>,
) -> Result<Model, Failure> {
    let mut model = edit::load_with(path, &settings(set)?)?;
    if let Some(seed) = seed {
        model.seed = seed;
    }
    if let Some(n) = iterations {
        model.iterations = n;
    }
    print_warnings(&model);
    Ok(model)
}

/// Writes to stdout; a closed pipe (`inclusim run … | head`) is not an error.
fn print_stdout(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Failure::failed(format!("cannot write to stdout: {e}")))
        }
        _ => Ok(()),
    }
}

fn validate(args: &ValidateArgs) -> Result<Exit, Failure> {
    let files = fs::scenario_files(&args.paths).map_err(|e| Failure::invalid(e.to_string()))?;
    if files.is_empty() {
        let paths: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Failure::invalid(format!(
            "{}: error: no *.toml scenario files found",
            paths.join(", ")
        )));
    }
    let mut invalid = 0;
    let mut warned = 0;
    for file in &files {
        match scenario::load(file) {
            Ok(model) => {
                // The result on stdout (what a script reads); the warnings on stderr.
                print_stdout(
                    format!(
                        "{}: ok ({} placement(s), {} arrangement(s), {} months{})\n",
                        crate::inert::inert(&file.display().to_string()),
                        model.copies(),
                        model.arrangements.len(),
                        model.horizon,
                        match model.warnings.len() {
                            0 => String::new(),
                            n => format!(", {n} warning(s)"),
                        }
                    )
                    .as_bytes(),
                )?;
                print_warnings(&model);
                if !model.warnings.is_empty() {
                    warned += 1;
                }
            }
            Err(e) => {
                invalid += 1;
                eprintln!("{e}");
            }
        }
    }
    if invalid > 0 {
        eprintln!("{invalid} of {} scenario file(s) invalid", files.len());
        Ok(Exit::Invalid)
    } else if warned > 0 && args.deny_warnings {
        eprintln!(
            "{warned} of {} scenario file(s) with warnings (--deny-warnings)",
            files.len()
        );
        Ok(Exit::Invalid)
    } else {
        Ok(Exit::Success)
    }
}

fn print_rates(args: &RatesArgs) -> Result<Exit, Failure> {
    let name = args.preset.as_deref().unwrap_or(rates::DEFAULT_PRESET);
    let preset = rates::load_preset(name).map_err(|e| Failure::invalid(e.to_string()))?;
    let text = if args.json {
        let mut bytes = serde_json::to_vec_pretty(&preset.to_json()).map_err(Failure::failed)?;
        bytes.push(b'\n');
        bytes
    } else {
        preset.render_table().into_bytes()
    };
    print_stdout(&text)?;
    Ok(Exit::Success)
}

/// Above this many placement-months a run shows a progress bar (when stderr is a terminal).
const PROGRESS_THRESHOLD: u64 = 20_000_000;

fn run(args: &RunArgs) -> Result<Exit, Failure> {
    let model = load_for_run(&args.scenario, &args.set, args.seed, args.iterations)?;
    let threads = args.threads.map_or(0, usize::from);
    let mut set = args
        .out
        .as_deref()
        .map(|dir| begin_outputs(dir, &model))
        .transpose()?;
    let summary = run_engine(
        &model,
        threads,
        set.as_mut().map(|set| (set, args.samples.into())),
        !args.quiet,
        true,
        true,
    )?;
    if let Some(mut set) = set {
        write_outputs(&mut set, &summary)?;
        let mut dated = model.clone();
        dated.report.date = Some(report_date(dated.report.date.take())?);
        write_report(&mut set, &dated, &summary, report::Options::default(), "")?;
        set.commit()?;
    }
    if args.json {
        print_stdout(&export::json::summary(&summary).map_err(Failure::failed)?)?;
    } else {
        let lang = match (args.lang, model.report.lang) {
            (Some(LangArg::Nl), _) | (None, Some("nl")) => Lang::Nl,
            _ => Lang::En,
        };
        let labels = report::line_labels(&model, lang);
        let not_applied = report::not_applied::notes(&model, &summary, lang);
        print_stdout(export::table::render_in(&summary, lang, &labels, &not_applied).as_bytes())?;
        if let Some(dir) = &args.out {
            eprintln!("outputs written to {}", dir.display());
        }
    }
    Ok(Exit::Success)
}

/// Opens the output folder before any simulating: created, found writable, cleared of the
/// temporary files of killed runs (with a note).
fn begin_outputs(dir: &Path, model: &Model) -> Result<fs::OutputSet, Failure> {
    let set = fs::OutputSet::begin(dir, &model.run_identity())?;
    if set.removed_stale > 0 {
        eprintln!(
            "note: removed {} temporary file(s) that an interrupted earlier run left in {}",
            set.removed_stale,
            dir.display()
        );
    }
    Ok(set)
}

fn make_report(args: &ReportArgs) -> Result<Exit, Failure> {
    let mut model = load_for_run(&args.scenario, &args.set, args.seed, args.iterations)?;
    let r = &mut model.report;
    for (flag, field) in [
        (&args.employer, &mut r.employer),
        (&args.candidate, &mut r.candidate),
        (&args.adviser, &mut r.adviser),
        (&args.organisation, &mut r.organisation),
    ] {
        if let Some(v) = flag.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            *field = Some(v.to_owned());
        }
    }
    if let Some(d) = &args.date {
        scenario::validate::report::check_date(d.trim())
            .map_err(|why| Failure::invalid(format!("error: --date: {why}")))?;
        r.date = Some(d.trim().to_owned());
    }
    r.date = Some(report_date(r.date.take())?);
    // Found before anything runs, so that a missing browser fails fast.
    let chrome = (args.pdf || args.chrome.is_some())
        .then(|| find_chrome(args.chrome.as_deref()))
        .transpose()?;
    let threads = args.threads.map_or(0, usize::from);
    let mut set = begin_outputs(&args.out, &model)?;
    let summary = simulate_with(&model, threads, None, !args.quiet, true)?;
    set.add(
        "summary.json",
        &export::json::summary(&summary).map_err(Failure::failed)?,
    )?;
    let options = report::Options {
        lang: match (args.lang, model.report.lang) {
            (Some(LangArg::En), _) | (None, Some("en")) => Lang::En,
            _ => Lang::Nl,
        },
        png: args.png,
    };
    let what_if = whatif::for_report(
        &args.scenario,
        &args.set,
        args.seed,
        args.iterations,
        threads,
        &args.solve,
        &args.gap,
        &args.sweep,
        args.arrangement.as_deref(),
        options.lang,
    )?;
    write_report(&mut set, &model, &summary, options, &what_if)?;
    set.commit()?;
    eprintln!("report written to {}", args.out.join("report.html").display());
    if let Some(chrome) = chrome {
        let pdf = args.out.join("report.pdf");
        print_pdf(&chrome, &args.out.join("report.html"), &pdf)?;
        eprintln!("PDF written to {}", pdf.display());
    }
    Ok(Exit::Success)
}

/// The report's date: the one given, else today (UTC) — the day of `SOURCE_DATE_EPOCH`
/// (seconds since 1970) when that is set, so that builds and tests are reproducible.
fn report_date(given: Option<String>) -> Result<String, Failure> {
    if let Some(d) = given {
        return Ok(d);
    }
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse::<i64>().map_err(|_| {
            Failure::invalid(format!(
                "error: SOURCE_DATE_EPOCH=`{v}` is not a number of seconds since 1970-01-01"
            ))
        })?,
        Err(_) => SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64),
    };
    Ok(civil_date(seconds.div_euclid(86_400)))
}

/// `YYYY-MM-DD` of day `days` since 1970-01-01 (proleptic Gregorian; H. Hinnant's
/// days-to-civil algorithm).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Programs tried on PATH, in order, for `report --pdf`.
const CHROME_NAMES: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// The Chromium or Chrome to print with: `given`, else the first of [`CHROME_NAMES`] on PATH.
fn find_chrome(given: Option<&Path>) -> Result<std::path::PathBuf, Failure> {
    if let Some(path) = given {
        return if path.is_file() {
            Ok(path.to_owned())
        } else {
            Err(Failure::failed(format!(
                "{}: error: --chrome: no such program",
                path.display()
            )))
        };
    }
    let dirs = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&dirs) {
        for name in CHROME_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(Failure::failed(format!(
        "error: --pdf needs Chromium or Chrome, and none of {} was found on PATH; install one \
         (e.g. `apt-get install chromium`) or give it with --chrome PROGRAM. report.html is \
         not written either; without --pdf it is, and any browser prints it on A4",
        CHROME_NAMES.join(", ")
    )))
}

/// Prints `html` to `pdf` (A4, as the page's print stylesheet lays it out) with headless
/// Chromium. The page loads nothing but itself, so the browser needs no network.
fn print_pdf(chrome: &Path, html: &Path, pdf: &Path) -> Result<(), Failure> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_owned());
    let url = format!("file://{}", absolute(html).display());
    let profile = std::env::temp_dir().join(format!("inclusim-chrome-{}", std::process::id()));
    let output = std::process::Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", absolute(pdf).display()))
        .arg(&url)
        .output();
    let _ = std::fs::remove_dir_all(&profile);
    let output = output.map_err(|e| {
        Failure::failed(format!(
            "{}: error: cannot start it to print the PDF: {e}",
            chrome.display()
        ))
    })?;
    if !output.status.success() || !pdf.is_file() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(Failure::failed(format!(
            "{}: error: printing {} to PDF failed ({}){}",
            chrome.display(),
            html.display(),
            output.status,
            if last.is_empty() {
                String::new()
            } else {
                format!(": {last}")
            }
        )));
    }
    Ok(())
}

/// Adds report.html, the charts and report.xlsx to the run's outputs; `what_if` (the sections
/// of `report --solve` and `--sweep`, HTML) goes before the assumptions.
fn write_report(
    set: &mut fs::OutputSet,
    model: &Model,
    summary: &Summary,
    options: report::Options,
    what_if: &str,
) -> Result<(), Failure> {
    let mut files = report::build(model, summary, options).map_err(Failure::failed)?;
    if !what_if.is_empty()
        && let Some(page) = files.iter_mut().find(|f| f.path == "report.html")
    {
        let html = String::from_utf8_lossy(&page.bytes).into_owned();
        let at = html.find("<section id=\"assumptions\">").unwrap_or(html.len());
        page.bytes = format!("{}{what_if}{}", &html[..at], &html[at..]).into_bytes();
    }
    for file in files {
        set.add(&file.path, &file.bytes)?;
    }
    let workbook = export::xlsx::workbook(model, summary, options.lang)
        .map_err(|e| Failure::failed(format!("report.xlsx: {e}")))?;
    set.add("report.xlsx", &workbook)?;
    Ok(())
}

/// Runs the engine, folding chunks into the summary and streaming `samples.csv` into the
/// output set `out`.
pub fn simulate(
    model: &Model,
    threads: usize,
    out: Option<&mut fs::OutputSet>,
    progress: bool,
) -> Result<Summary, Failure> {
    simulate_with(model, threads, out, progress, false)
}

/// A run for its metrics only (the trials of `solve`, `gap`, `sweep`): without the monthly
/// paths, so the summary's monthly quantiles are empty (null) and everything else is as
/// [`simulate`] gives it.
pub fn simulate_metrics(model: &Model, threads: usize) -> Result<Summary, Failure> {
    run_engine(model, threads, None, false, false, false)
}

/// [`simulate`], and with `sensitivity` also what decides the result and the value of
/// information (`Summary::sensitivity`, from the same kept draws as `samples.csv`).
pub fn simulate_with(
    model: &Model,
    threads: usize,
    out: Option<&mut fs::OutputSet>,
    progress: bool,
    sensitivity: bool,
) -> Result<Summary, Failure> {
    let out = out.map(|set| (set, export::Samples::Csv));
    run_engine(model, threads, out, progress, sensitivity, true)
}

/// Where the samples go while the engine runs, and the part of them each chunk makes on its
/// worker thread.
enum SampleSink<'f> {
    Csv(fs::AtomicWriter),
    Arrow(Box<export::arrow::ArrowWriter<'f, fs::AtomicWriter>>),
}

enum SamplePart {
    Csv(Vec<u8>),
    Arrow(export::arrow::Columns),
}

/// The samples' layout in the format asked for.
enum SampleLayout {
    Csv(export::csv::SamplesFormat),
    Arrow(export::arrow::ArrowSamples),
}

impl SampleLayout {
    fn file_name(&self) -> &'static str {
        match self {
            SampleLayout::Csv(_) => "samples.csv",
            SampleLayout::Arrow(_) => "samples.arrow",
        }
    }

    fn part(&self, chunk: &sim::Chunk) -> SamplePart {
        match self {
            SampleLayout::Csv(f) => SamplePart::Csv(f.rows(chunk)),
            SampleLayout::Arrow(f) => SamplePart::Arrow(f.columns(chunk)),
        }
    }

    fn open(&self, set: &fs::OutputSet) -> Result<SampleSink<'_>, Failure> {
        let failed = |e: &dyn std::fmt::Display| Failure::failed(format!("{}: {e}", self.file_name()));
        let mut file = set.writer(self.file_name())?;
        Ok(match self {
            SampleLayout::Csv(f) => {
                file.write_all(&f.header().map_err(|e| failed(&e))?)
                    .map_err(|e| failed(&e))?;
                SampleSink::Csv(file)
            }
            SampleLayout::Arrow(f) => SampleSink::Arrow(Box::new(f.writer(file).map_err(|e| failed(&e))?)),
        })
    }
}

impl SampleSink<'_> {
    fn write(&mut self, part: SamplePart) -> Result<(), String> {
        match (self, part) {
            (SampleSink::Csv(file), SamplePart::Csv(rows)) => {
                file.write_all(&rows).map_err(|e| e.to_string())
            }
            (SampleSink::Arrow(w), SamplePart::Arrow(columns)) => w.push(columns).map_err(|e| e.to_string()),
            _ => Ok(()),
        }
    }

    fn finish(self) -> Result<fs::AtomicWriter, String> {
        match self {
            SampleSink::Csv(file) => Ok(file),
            SampleSink::Arrow(w) => w.finish().map_err(|e| e.to_string()),
        }
    }
}

fn run_engine(
    model: &Model,
    threads: usize,
    out: Option<(&mut fs::OutputSet, export::Samples)>,
    progress: bool,
    sensitivity: bool,
    monthly: bool,
) -> Result<Summary, Failure> {
    let used = sim::threads_for(threads, model.iterations);
    if threads > used && progress {
        eprintln!(
            "note: {threads} threads asked for, {used} used: {} iterations make {} chunk(s) of {} to share",
            model.iterations,
            model.iterations.div_ceil(sim::CHUNK),
            sim::CHUNK
        );
    }
    let mut acc = Accumulator::new(model, model.iterations);
    let layout = match &out {
        Some((_, export::Samples::Csv)) => Some(SampleLayout::Csv(
            export::csv::SamplesFormat::new(model)
                .map_err(|e| Failure::failed(format!("samples.csv: {e}")))?,
        )),
        Some((_, export::Samples::Arrow)) => {
            Some(SampleLayout::Arrow(export::arrow::ArrowSamples::new(model)))
        }
        None => None,
    };
    let (mut samples, set) = match (out, &layout) {
        (Some((set, _)), Some(layout)) => (Some(layout.open(set)?), Some(set)),
        _ => (None, None),
    };
    let mut influence = sensitivity.then(|| InfluenceAcc::new(model, model.iterations));
    let cfg = RunConfig {
        iterations: model.iterations,
        threads,
        keep_paths: if monthly { acc.keep_paths() } else { 0 },
        keep_draws: samples.is_some() || influence.is_some(),
    };
    let work = model.iterations * model.copies() as u64 * model.horizon as u64;
    let bar = (progress && io::stderr().is_terminal() && work > PROGRESS_THRESHOLD).then(|| {
        let bar = ProgressBar::new(model.iterations);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} iterations, {eta} left") {
            bar.set_style(style);
        }
        bar
    });
    let mut write_error = None;
    // The samples' rows (CSV text or Arrow columns) are made on the worker thread that
    // simulated the chunk.
    let part = |chunk: &sim::Chunk| layout.as_ref().map(|l| l.part(chunk));
    sim::run_with(
        model,
        &cfg,
        &part,
        &mut |done| {
            if let Some(bar) = &bar {
                bar.set_position(done);
            }
        },
        &mut |chunk, part| {
            acc.add(&chunk);
            if let Some(influence) = influence.as_mut() {
                influence.add(&chunk);
            }
            if let (Some(sink), Some(part), None) = (samples.as_mut(), part, &write_error)
                && let Err(e) = sink.write(part)
            {
                write_error = Some(e);
            }
        },
    )
    .map_err(Failure::failed)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let samples_failed = |e: &dyn std::fmt::Display| {
        Failure::failed(format!(
            "{}: {e}",
            layout.as_ref().map_or("samples", |l| l.file_name())
        ))
    };
    if let Some(e) = write_error {
        return Err(samples_failed(&e));
    }
    if let (Some(sink), Some(set)) = (samples, set) {
        let file = sink.finish().map_err(|e| samples_failed(&e))?;
        set.stage(file)?;
    }
    // The summary's monthly quantiles run on as many threads as the simulation.
    let pool = sim::pool(threads, model.iterations).map_err(Failure::failed)?;
    let mut summary = pool.install(|| acc.finish());
    summary.sensitivity = influence.map(|i| pool.install(|| i.finish()));
    Ok(summary)
}

fn write_outputs(set: &mut fs::OutputSet, summary: &Summary) -> Result<(), Failure> {
    set.add(
        "summary.json",
        &export::json::summary(summary).map_err(Failure::failed)?,
    )?;
    set.add(
        "monthly.csv",
        &export::csv::monthly(summary).map_err(Failure::failed)?,
    )?;
    set.add(
        "ledger.csv",
        &export::csv::ledger(summary).map_err(Failure::failed)?,
    )?;
    Ok(())
}

/// `inclusim check`: runs every scenario file, evaluates its expectations, reports.
fn check(args: &CheckArgs) -> Result<Exit, Failure> {
    let files = fs::scenario_files(&args.paths).map_err(|e| Failure::invalid(e.to_string()))?;
    if files.is_empty() {
        return Err(Failure::invalid("no *.toml scenario files found"));
    }
    let set = settings(&args.set)?;
    let started = SystemTime::now();
    let total_threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        usize::from,
    );
    // Scenarios run side by side, each with its share of the threads; the results are
    // collected in input order, and every run is independent of its thread count.
    let side_by_side = total_threads.min(files.len()).max(1);
    let per_scenario = (total_threads / side_by_side).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(side_by_side)
        .build()
        .map_err(|e| Failure::failed(format!("cannot start {side_by_side} threads: {e}")))?;
    let results: Vec<ScenarioCheck> = pool.install(|| {
        files
            .par_iter()
            .map(|file| check_scenario(file, &set, args.iterations, per_scenario))
            .collect()
    });

    // The results are printed first, so that a JUnit file that cannot be written still
    // leaves them on the console (and then the exit code is 3).
    if args.json {
        for r in &results {
            if let Outcome::Error { message, .. } = &r.outcome {
                eprintln!("{message}");
            }
        }
        print_stdout(&export::check::json(&results).map_err(Failure::failed)?)?;
    } else {
        print_stdout(export::check::text(&results).as_bytes())?;
    }
    if let Some(path) = &args.junit {
        let epoch = started
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let xml = export::junit::xml(&results, &export::junit::iso8601_utc(epoch));
        fs::write_atomic(path, &xml)?;
    }
    Ok(match check::Totals::of(&results).exit_code {
        0 => Exit::Success,
        1 => Exit::ExpectationFailed,
        2 => Exit::Invalid,
        _ => Exit::Failed,
    })
}

/// Loads, runs and evaluates one scenario file; a problem becomes its result, not an error,
/// so that every file is reported.
fn check_scenario(file: &Path, set: &[Setting], iterations: Option<u64>, threads: usize) -> ScenarioCheck {
    let clock = Instant::now();
    let mut result = ScenarioCheck {
        file: file.display().to_string(),
        name: None,
        iterations: None,
        seed: None,
        warnings: Vec::new(),
        outcome: Outcome::Ran {
            expectations: Vec::new(),
        },
        seconds: 0.0,
    };
    result.outcome = match edit::load_with(file, set) {
        Err(e) => Outcome::Error {
            message: e.to_string(),
            exit_code: Exit::Invalid as u8,
        },
        Ok(mut model) => {
            if let Some(n) = iterations {
                model.iterations = n;
            }
            result.name = Some(model.name.clone());
            result.warnings = model.warnings.iter().map(ToString::to_string).collect();
            result.iterations = Some(model.iterations);
            result.seed = Some(model.seed);
            match simulate(&model, threads, None, false) {
                Err(f) => Outcome::Error {
                    message: format!("{}: {}", result.file, f.message),
                    exit_code: f.exit as u8,
                },
                Ok(summary) => Outcome::Ran {
                    expectations: model
                        .expectations
                        .iter()
                        .enumerate()
                        .map(|(i, e)| check::evaluate(i + 1, e, &summary))
                        .collect(),
                },
            }
        }
    };
    result.seconds = clock.elapsed().as_secs_f64();
    result
}

/// `inclusim schema`: the JSON Schema of scenario files, on stdout or into a file.
fn schema(args: &SchemaArgs) -> Result<Exit, Failure> {
    let bytes = scenario::schema::json_bytes().map_err(Failure::failed)?;
    match &args.out {
        Some(path) => {
            fs::write_atomic(path, &bytes)?;
            eprintln!("schema written to {}", path.display());
        }
        None => print_stdout(&bytes)?,
    }
    Ok(Exit::Success)
}

/// `inclusim init`: a new scenario file from a template; never overwrites.
fn init(args: &InitArgs) -> Result<Exit, Failure> {
    if args.list || args.template == "list" {
        let width = templates::TEMPLATES
            .iter()
            .map(|t| t.name.len())
            .max()
            .unwrap_or(0);
        let mut text = String::new();
        for t in &templates::TEMPLATES {
            text.push_str(&format!("{:<width$}  {}\n", t.name, t.summary));
        }
        print_stdout(text.as_bytes())?;
        return Ok(Exit::Success);
    }
    let template = templates::find(&args.template).ok_or_else(|| {
        Failure::invalid(format!(
            "unknown template `{}`; known: {}",
            args.template,
            templates::names()
        ))
    })?;
    let file = args.file.as_deref().ok_or_else(|| {
        Failure::invalid("give the scenario file to create, e.g. `inclusim init scenarios/my-case.toml`")
    })?;
    fs::write_new(file, template.text.as_bytes()).map_err(|e| {
        if e.is_already_exists() {
            Failure::invalid(format!(
                "{}: already exists; inclusim init never overwrites a file (choose another name or remove it)",
                file.display()
            ))
        } else {
            Failure::failed(e)
        }
    })?;
    eprintln!(
        "{}: written from template `{}`; edit it, then `inclusim check {}`",
        file.display(),
        template.name,
        file.display()
    );
    Ok(Exit::Success)
}

/// `inclusim serve`: the page to work out the case on, until the process is stopped.
fn serve(args: &ServeArgs) -> Result<Exit, Failure> {
    let mut config = crate::serve::Config::local(report_date(None)?);
    config.port = args.port;
    config.max_iterations = args.max_iterations;
    config.threads = args.threads.map_or(0, usize::from);
    if let Some(path) = &args.path {
        if path.is_dir() {
            config.folder = Some(path.clone());
        } else if path.is_file() {
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            config.folder = Some(parent.to_owned());
            config.open = path.file_name().map(|n| n.to_string_lossy().into_owned());
        } else {
            return Err(Failure::invalid(format!(
                "{}: error: no such scenario file or folder",
                path.display()
            )));
        }
    }
    if let Some(addr) = args.listen {
        config.listen = addr;
        if !addr.is_loopback() {
            eprintln!(
                "warning: listening on {addr}: other computers that can reach this one can open the page, \
                 run scenarios and read the scenario files of the folder served"
            );
        }
    }
    if let Ok(chrome) = find_chrome(None) {
        config.pdf = Some(Box::new(move |html: &Path, pdf: &Path| {
            print_pdf(&chrome, html, pdf).map_err(|f| f.message)
        }));
    }
    crate::serve::serve(config, |url| {
        let _ = print_stdout(format!("inclusim serve: open {url} in a browser (Ctrl-C stops)\n").as_bytes());
    })
    .map_err(|e| match e {
        crate::serve::ServeError::Source(e) => Failure::invalid(e.to_string()),
        e => Failure::failed(e),
    })?;
    Ok(Exit::Success)
}

#[cfg(test)]
mod date_tests {
    use super::civil_date;

    #[test]
    fn days_since_1970_become_calendar_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(59), "1970-03-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_791), "2026-12-04");
    }
}
