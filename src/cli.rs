//! Command-line arguments (clap derive only; no logic).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  an expectation failed (check)
  2  invalid scenario, preset or arguments
  3  the run or its outputs failed (I/O, threads)
130  interrupted (Ctrl-C, SIGTERM, SIGHUP): temporary files removed, earlier outputs kept";

/// `run` and `report`: they never check expectations, so never exit with 1.
const RUN_EXIT_CODES: &str = "\
Exit codes:
  0  success
  2  invalid scenario or arguments
  3  the run or its outputs failed (I/O, threads; for report --pdf: no Chromium or Chrome found, or it failed)
130  interrupted (Ctrl-C, SIGTERM, SIGHUP): temporary files removed, earlier outputs kept";

const VALIDATE_EXIT_CODES: &str = "\
Exit codes:
  0  every scenario is valid (warnings, on stderr, do not count unless --deny-warnings)
  2  a scenario is invalid, no scenario file was found, or (with --deny-warnings) a scenario has a warning";

const RATES_EXIT_CODES: &str = "\
Exit codes:
  0  success
  2  unknown preset or invalid arguments
  3  the preset could not be written to stdout";

const SCHEMA_EXIT_CODES: &str = "\
Exit codes:
  0  success
  2  invalid arguments
  3  the schema could not be written";

const INIT_EXIT_CODES: &str = "\
Exit codes:
  0  success
  2  unknown template, the file exists already, or invalid arguments
  3  the file could not be written";

/// Monte Carlo simulation of the costs and benefits of inclusive job placements.
///
/// A scenario file (TOML) describes one or more placements of people with a distance to the
/// labour market and the financing arrangements to compare. inclusim simulates them month by
/// month many thousands of times and reports distributions: the employer's net present value,
/// the chance that the placement pays off, break-even, retention, and who pays what.
#[derive(Debug, Parser)]
#[command(name = "inclusim", version, after_help = EXIT_CODES, arg_required_else_help = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate a scenario and report the distribution of outcomes per arrangement.
    ///
    /// Without --json, prints readable tables. With --out DIR, writes summary.json,
    /// samples.csv (one row per iteration and arrangement, with the drawn inputs),
    /// monthly.csv, ledger.csv, and the employer's report (report.html in Dutch, report.xlsx
    /// and charts/*.svg, as `inclusim report` writes them); every file is written atomically.
    #[command(after_help = RUN_EXIT_CODES)]
    Run(RunArgs),
    /// Simulate a scenario and write the employer's business case report.
    ///
    /// Writes into DIR: report.html (one self-contained page: the answer in plain words, the
    /// arrangements compared, the charts, every assumption, the method; printable on A4),
    /// report.xlsx (summary, comparison, monthly quantiles, assumptions), charts/*.svg (and
    /// charts/*.png with --png) and summary.json. The same scenario, seed and iterations give
    /// byte-identical files, whatever the number of threads. With --pdf also report.pdf,
    /// printed on A4 by a locally installed Chromium or Chrome.
    #[command(after_help = RUN_EXIT_CODES)]
    Report(ReportArgs),
    /// Parse and validate scenario files without running them.
    ///
    /// Takes files or folders (searched recursively for *.toml). Errors go to stderr as
    /// `file:line:col: error: key: message`, the form editors and CI annotate; warnings
    /// (e.g. an instrument that can never apply to the placement's worker) as
    /// `file:line:col: warning: …`. One `file: ok (…)` line per valid file goes to stdout.
    #[command(after_help = VALIDATE_EXIT_CODES)]
    Validate(ValidateArgs),
    /// Print a rates preset: every legal figure with its dates and source.
    #[command(after_help = RATES_EXIT_CODES)]
    Rates(RatesArgs),
    /// Run scenario files and check their [[expect]] entries: business cases as tests in CI.
    ///
    /// Takes files or folders (searched recursively for *.toml). Each scenario runs with its
    /// own seed and iterations; one line per expectation says PASS or FAIL, the metric's value,
    /// the bound, and the margin in Monte Carlo standard errors (SE). An expectation within 2 SE
    /// of its bound is marked "too close to call at this iteration count": the verdict stands,
    /// but more iterations may change it. A file without [[expect]] passes with a note. Every
    /// file is reported, in the order given, even when some are invalid.
    #[command(after_help = CHECK_EXIT_CODES)]
    Check(CheckArgs),
    /// Print the JSON Schema of the scenario format (for editor completion and validation).
    ///
    /// The schema is derived from the program's own scenario types. Save it next to your
    /// scenarios and point your editor at it, e.g. with a `#:schema ./inclusim.schema.json`
    /// line at the top of a TOML file (taplo / Even Better TOML); see docs/schema.md.
    #[command(after_help = SCHEMA_EXIT_CODES)]
    Schema(SchemaArgs),
    /// Write a new, commented scenario file from a template.
    ///
    /// Never overwrites an existing file. `--list` (or `--template list`) shows the templates.
    #[command(after_help = INIT_EXIT_CODES)]
    Init(InitArgs),
}

const CHECK_EXIT_CODES: &str = "\
Exit codes (the worst over all files wins):
  0  every expectation holds
  1  an expectation does not hold
  2  a scenario is invalid or cannot run, or no scenario file was found
  3  the run or its outputs failed (I/O, e.g. the JUnit file cannot be written)
130  interrupted (Ctrl-C, SIGTERM, SIGHUP)";

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// Number of iterations (default: the scenario's `iterations`, else 10000).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub iterations: Option<u64>,
    /// Random seed (default: the scenario's `seed`, else 1).
    #[arg(long, short = 's')]
    pub seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
    /// Print the summary as JSON on stdout instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Write summary.json, samples.csv, monthly.csv, ledger.csv and the report into this folder.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Never show a progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Language of the tables: nl or en (default: the scenario's `[report] lang`, else en).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// Folder to write the report into (created when missing).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: PathBuf,
    /// Language of the report: nl (Dutch) or en (English) (default: the scenario's
    /// `[report] lang`, else nl).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// The employer the report is for (overrides `[report] employer`).
    #[arg(long)]
    pub employer: Option<String>,
    /// The candidate, by a pseudonym (overrides `[report] candidate`).
    #[arg(long)]
    pub candidate: Option<String>,
    /// Who prepared the report (overrides `[report] adviser`).
    #[arg(long)]
    pub adviser: Option<String>,
    /// The adviser's organisation (overrides `[report] organisation`).
    #[arg(long)]
    pub organisation: Option<String>,
    /// The report's date, YYYY-MM-DD (default: `[report] date`, else today; today honours
    /// SOURCE_DATE_EPOCH, for reproducible builds).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Also write every chart as PNG (rendered with the embedded DejaVu Sans font).
    #[arg(long)]
    pub png: bool,
    /// Also write report.pdf (A4), printed by a locally installed Chromium or Chrome: the one
    /// given by --chrome, else the first of chromium, chromium-browser, google-chrome,
    /// google-chrome-stable, chrome on PATH.
    #[arg(long)]
    pub pdf: bool,
    /// The Chromium or Chrome program that prints report.pdf (implies --pdf).
    #[arg(long, value_name = "PROGRAM")]
    pub chrome: Option<PathBuf>,
    /// Number of iterations (default: the scenario's `iterations`, else 10000).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub iterations: Option<u64>,
    /// Random seed (default: the scenario's `seed`, else 1).
    #[arg(long, short = 's')]
    pub seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
    /// Never show a progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Report language on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Nederlands.
    Nl,
    /// English.
    En,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Scenario files or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Exit with 2 when a scenario has a warning (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Args)]
pub struct RatesArgs {
    /// Preset name (default: the newest, nl-2027). Known: nl-2025, nl-2026, nl-2027.
    pub preset: Option<String>,
    /// Print the preset as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Scenario files or folders.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Iterations for every scenario (default: each scenario's own `iterations`).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub iterations: Option<u64>,
    /// Worker threads in all (default: one per core), shared out over the scenarios that run
    /// at the same time. Results do not depend on it.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
    /// Also write a JUnit XML report to this file (one testsuite per scenario, one testcase
    /// per expectation), for CI test reports.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Print the results as JSON on stdout instead of lines of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to this file (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The scenario file to create; it must not exist yet (required unless listing).
    pub file: Option<PathBuf>,
    /// The template to start from; `list` lists them (as --list does).
    #[arg(long, short = 't', default_value = crate::templates::DEFAULT)]
    pub template: String,
    /// List the templates and exit.
    #[arg(long)]
    pub list: bool,
}
