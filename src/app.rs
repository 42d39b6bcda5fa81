//! One function per subcommand, wiring scenario → engine → statistics → outputs.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{Cli, Command, LangArg, RatesArgs, ReportArgs, RunArgs, ValidateArgs};
use crate::export;
use crate::fs::{self, AtomicWriter};
use crate::model::Model;
use crate::rates;
use crate::report::{self, Lang};
use crate::scenario::{self, LoadError};
use crate::sim::{self, RunConfig};
use crate::stats::{Accumulator, Summary};

/// Documented exit codes (see `inclusim --help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    ExpectationFailed = 1,
    Invalid = 2,
    Failed = 3,
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
    };
    match result {
        Ok(exit) => exit,
        Err(f) => {
            eprintln!("{}", f.message);
            f.exit
        }
    }
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
    for file in &files {
        match scenario::load(file) {
            Ok(model) => {
                eprintln!(
                    "{}: ok ({} placement(s), {} arrangement(s), {} months)",
                    file.display(),
                    model.copies(),
                    model.arrangements.len(),
                    model.horizon
                );
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
    let mut model = scenario::load(&args.scenario)?;
    if let Some(seed) = args.seed {
        model.seed = seed;
    }
    if let Some(n) = args.iterations {
        model.iterations = n;
    }
    let threads = args.threads.map_or(0, usize::from);
    let summary = simulate(&model, threads, args.out.as_deref(), !args.quiet)?;
    if let Some(dir) = &args.out {
        write_outputs(dir, &summary)?;
        write_report(dir, &model, &summary, report::Options::default())?;
    }
    if args.json {
        print_stdout(&export::json::summary(&summary).map_err(Failure::failed)?)?;
    } else {
        print_stdout(export::table::render(&summary).as_bytes())?;
        if let Some(dir) = &args.out {
            eprintln!("outputs written to {}", dir.display());
        }
    }
    Ok(Exit::Success)
}

fn make_report(args: &ReportArgs) -> Result<Exit, Failure> {
    let mut model = scenario::load(&args.scenario)?;
    if let Some(seed) = args.seed {
        model.seed = seed;
    }
    if let Some(n) = args.iterations {
        model.iterations = n;
    }
    let threads = args.threads.map_or(0, usize::from);
    let summary = simulate(&model, threads, None, !args.quiet)?;
    fs::create_dir_all(&args.out)?;
    fs::write_atomic(
        &args.out.join("summary.json"),
        &export::json::summary(&summary).map_err(Failure::failed)?,
    )?;
    let options = report::Options {
        lang: match args.lang {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        },
        png: args.png,
    };
    write_report(&args.out, &model, &summary, options)?;
    eprintln!("report written to {}", args.out.join("report.html").display());
    Ok(Exit::Success)
}

/// Writes report.html, the charts and report.xlsx into `dir`.
fn write_report(
    dir: &Path,
    model: &Model,
    summary: &Summary,
    options: report::Options,
) -> Result<(), Failure> {
    let files = report::build(model, summary, options).map_err(Failure::failed)?;
    fs::create_dir_all(&dir.join(report::CHART_DIR))?;
    for file in files {
        fs::write_atomic(&dir.join(&file.path), &file.bytes)?;
    }
    let workbook = export::xlsx::workbook(model, summary, options.lang)
        .map_err(|e| Failure::failed(format!("report.xlsx: {e}")))?;
    fs::write_atomic(&dir.join("report.xlsx"), &workbook)?;
    Ok(())
}

/// Runs the engine, folding chunks into the summary and streaming `samples.csv` into `out`.
pub fn simulate(
    model: &Model,
    threads: usize,
    out: Option<&Path>,
    progress: bool,
) -> Result<Summary, Failure> {
    let mut acc = Accumulator::new(model, model.iterations);
    let mut samples = match out {
        Some(dir) => {
            fs::create_dir_all(dir)?;
            let file = AtomicWriter::create(&dir.join("samples.csv"))?;
            Some(export::csv::SamplesWriter::new(model, file).map_err(Failure::failed)?)
        }
        None => None,
    };
    let cfg = RunConfig {
        iterations: model.iterations,
        threads,
        keep_paths: acc.keep_paths(),
        keep_draws: samples.is_some(),
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
    sim::run(
        model,
        &cfg,
        &mut |done| {
            if let Some(bar) = &bar {
                bar.set_position(done);
            }
        },
        &mut |chunk| {
            acc.add(&chunk);
            if let (Some(w), None) = (samples.as_mut(), &write_error) {
                if let Err(e) = w.write_chunk(&chunk) {
                    write_error = Some(e);
                }
            }
        },
    )
    .map_err(Failure::failed)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Some(e) = write_error {
        return Err(Failure::failed(format!("samples.csv: {e}")));
    }
    if let Some(w) = samples {
        let file = w
            .finish()
            .map_err(|e| Failure::failed(format!("samples.csv: {e}")))?;
        file.commit()?;
    }
    Ok(acc.finish())
}

fn write_outputs(dir: &Path, summary: &Summary) -> Result<(), Failure> {
    fs::write_atomic(
        &dir.join("summary.json"),
        &export::json::summary(summary).map_err(Failure::failed)?,
    )?;
    fs::write_atomic(
        &dir.join("monthly.csv"),
        &export::csv::monthly(summary).map_err(Failure::failed)?,
    )?;
    fs::write_atomic(
        &dir.join("ledger.csv"),
        &export::csv::ledger(summary).map_err(Failure::failed)?,
    )?;
    Ok(())
}
