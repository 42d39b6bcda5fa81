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
    /// Goal seek: the value of one input at which a target holds.
    ///
    /// Varies KEY (as --set names it) between two bounds, every trial on the same random
    /// numbers (common random numbers), and bisects to the value where the target starts to
    /// hold, e.g. `--vary placement.vakkenvuller.supervision.initial_hours_per_week --target
    /// p_npv_positive>=0.8`. A number is set to each trial value; a distribution is shifted
    /// (uniform, triangular, pert, normal) or scaled (lognormal, gamma) so that its centre (mode,
    /// midpoint, mean or median) is the trial value. Prints the threshold and the metric there
    /// with its Monte Carlo standard error. See docs/sensitivity.md.
    #[command(after_help = SOLVE_EXIT_CODES)]
    Solve(SolveArgs),
    /// The smallest extra support that brings an arrangement to a target.
    ///
    /// Adds a grant "extra_support" to the arrangement (one-off at hiring, or with --months M
    /// an amount per month in the first M months) and finds the smallest amount at which the
    /// target holds, on common random numbers: the number a gemeente and an employer negotiate
    /// about.
    #[command(after_help = SOLVE_EXIT_CODES)]
    Gap(GapArgs),
    /// Run a grid of values of one or two inputs on common random numbers.
    ///
    /// Prints a table of the metric per arrangement for every value (or pair of values); with
    /// --out DIR also writes sweep.csv and sweep.svg (the metric against the value, one line
    /// per arrangement).
    #[command(after_help = EXIT_CODES)]
    Sweep(SweepArgs),
    /// Pair two scenario files on common random numbers and compare their arrangements.
    ///
    /// The files must share seed, iterations and placements (names and counts, in order), so
    /// that every iteration draws the same random numbers in both; they may differ in inputs,
    /// rates and instruments. Arrangements are matched by name; prints B − A per arrangement.
    #[command(after_help = EXIT_CODES)]
    Compare(CompareArgs),
    /// Work out the business case together in a browser: a local web page to edit and re-run.
    ///
    /// Starts a web server on this computer (127.0.0.1) and prints the page's address. Open a
    /// bundled scenario, an `init` template or a scenario file of the folder given; change the
    /// placement and the arrangements in words; after every change the case re-runs on the same
    /// seed, with the command line's validation messages at the field they concern. Download
    /// the edited scenario (comments kept), the report (HTML; PDF when a Chromium or Chrome is
    /// found) and the workbook. Everything is in the program: it works offline. Only this
    /// computer can reach it unless --listen is given. See docs/serve.md.
    #[command(after_help = SERVE_EXIT_CODES)]
    Serve(ServeArgs),
}

const SERVE_EXIT_CODES: &str = "\
Exit codes:
  0  never while serving: the server runs until it is stopped
  2  invalid arguments, or the scenario or folder given does not exist
  3  the address cannot be listened on (port in use, not this computer's address), or the server failed
130  stopped (Ctrl-C, SIGTERM, SIGHUP)";

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// A scenario file to open first (its folder is served), or a folder of scenario files
    /// (searched recursively for *.toml). Without it, the bundled scenarios and templates.
    pub path: Option<PathBuf>,
    /// The port; 0 picks a free one.
    #[arg(long, short = 'p', default_value_t = crate::serve::DEFAULT_PORT)]
    pub port: u16,
    /// Listen on this address instead of 127.0.0.1 (e.g. 0.0.0.0), so that other computers
    /// can reach the page. Anyone who can reach it can run scenarios and read the folder's
    /// scenario files.
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<std::net::IpAddr>,
    /// The most iterations a run from the page may have.
    #[arg(long, default_value_t = crate::serve::DEFAULT_MAX_ITERATIONS, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub max_iterations: u64,
    /// Worker threads per run (default: one per core). Results do not depend on it.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
}

const SOLVE_EXIT_CODES: &str = "\
Exit codes:
  0  the target holds at the threshold printed (or over the whole range, said so)
  2  invalid scenario, key, target or arguments, or a trial value the scenario refuses
  3  the run failed (threads, I/O)
  4  the target is not reached anywhere within the bounds (the closest value is printed)
130  interrupted (Ctrl-C, SIGTERM, SIGHUP)";

/// What `solve`, `gap` and `sweep` share: the scenario and how to run it.
#[derive(Debug, Args)]
pub struct WhatIfRun {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// Change the scenario first, as `run --set` does (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Number of iterations of every trial (default: the scenario's `iterations`).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub iterations: Option<u64>,
    /// Random seed (default: the scenario's `seed`).
    #[arg(long, short = 's')]
    pub seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SolveArgs {
    #[command(flatten)]
    pub run: WhatIfRun,
    /// The input or rate to vary, as --set names it.
    #[arg(long, value_name = "KEY")]
    pub vary: String,
    /// The target, METRIC>=VALUE or METRIC<=VALUE (metrics as in [[expect]]).
    #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
    pub target: String,
    /// The arrangement the target is about (default: the first of the file).
    #[arg(long, value_name = "NAME")]
    pub arrangement: Option<String>,
    /// For a pair metric (mean_difference, p_a_better, p_npv_positive_diff): the other one.
    #[arg(long, value_name = "NAME")]
    pub versus: Option<String>,
    /// The bounds of the search (default: 0 and twice the key's current value).
    #[arg(long, num_args = 2, value_names = ["LO", "HI"], allow_hyphen_values = true)]
    pub between: Option<Vec<f64>>,
    /// Stop when the threshold is known this precisely (default: (HI − LO) / 1000).
    #[arg(long)]
    pub tolerance: Option<f64>,
    /// Most trial runs (default 25).
    #[arg(long, default_value_t = 25, value_parser = clap::value_parser!(u32).range(3..=200))]
    pub max_trials: u32,
}

#[derive(Debug, Args)]
pub struct GapArgs {
    #[command(flatten)]
    pub run: WhatIfRun,
    /// The target, e.g. npv.mean>=0 or p_npv_positive>=0.8.
    #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
    pub target: String,
    /// The arrangement of the file that gets the extra support (default: the first).
    #[arg(long, value_name = "NAME")]
    pub arrangement: Option<String>,
    /// Support per month in the first M months of the placement, instead of one-off.
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..=600))]
    pub months: Option<u32>,
    /// The largest amount tried, euros (default: 1,000,000 one-off, 50,000 per month).
    #[arg(long, value_name = "EUR")]
    pub max: Option<f64>,
    /// Precision of the amount, euros (default 1).
    #[arg(long, default_value_t = 1.0)]
    pub tolerance: f64,
}

#[derive(Debug, Args)]
pub struct SweepArgs {
    #[command(flatten)]
    pub run: WhatIfRun,
    /// KEY=V1,V2,… (numbers; a distribution is moved as in solve); once or twice for a grid.
    #[arg(long, value_name = "KEY=V1,V2,...", required = true)]
    pub vary: Vec<String>,
    /// The metric per arrangement (as in [[expect]]; default p_npv_positive).
    #[arg(long, default_value = "p_npv_positive")]
    pub metric: String,
    /// Also write sweep.csv and sweep.svg into this folder.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The first scenario file (A).
    pub a: PathBuf,
    /// The second scenario file (B); differences are B − A.
    pub b: PathBuf,
    /// Iterations of both (default: the files' own, which must then agree).
    #[arg(long, short = 'n', value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    pub iterations: Option<u64>,
    /// Random seed of both (default: the files' own, which must then agree).
    #[arg(long, short = 's')]
    pub seed: Option<u64>,
    /// Worker threads (default: one per core). Results do not depend on it.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
    /// Print the result as JSON on stdout.
    #[arg(long)]
    pub json: bool,
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
    /// Change the scenario for this run as if in the file: KEY as in the file (an entry of
    /// [[placement]], [[arrangement]], instruments… by its name, kind or number), VALUE in
    /// TOML (`32`, `'"wml"'`, `'{ dist = "pert", min = 4, mode = 6, max = 10 }'`); repeatable.
    /// E.g. --set placement.vakkenvuller.hours_per_week=32 --set scenario.iterations=50000
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
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
    /// Format of the samples with --out: csv (samples.csv) or arrow (samples.arrow, an Arrow
    /// IPC file, also called Feather v2, for pandas.read_feather, polars.read_ipc or R's
    /// arrow::read_feather; the same columns, typed).
    #[arg(long, value_enum, default_value_t = SamplesArg::Csv, requires = "out")]
    pub samples: SamplesArg,
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
    /// Change the scenario for this run as if in the file: KEY as in the file (an entry of
    /// [[placement]], [[arrangement]], instruments… by its name, kind or number), VALUE in
    /// TOML (`32`, `'"wml"'`, `'{ dist = "pert", min = 4, mode = 6, max = 10 }'`); repeatable.
    /// E.g. --set placement.vakkenvuller.hours_per_week=32 --set scenario.iterations=50000
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
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
    /// Add a section with the value of KEY at which a target holds, found as `inclusim solve`
    /// finds it (bounds: 0 and twice the current value, or KEY:EXPR:LO:HI), in one plain
    /// sentence; e.g. --solve 'placement.NAME.supervision.initial_hours_per_week:p_npv_positive>=0.8'.
    /// Repeatable.
    #[arg(long, value_name = "KEY:EXPR", allow_hyphen_values = true)]
    pub solve: Vec<String>,
    /// Add a sentence with the extra support for the employer that makes a target hold, found
    /// as `inclusim gap` finds it: one-off at the start, or with EXPR:M per month in the
    /// first M months; e.g. --gap 'p_npv_positive>=0.8' or --gap 'npv.mean>=0:12'. Repeatable.
    #[arg(long, value_name = "EXPR[:M]", allow_hyphen_values = true)]
    pub gap: Vec<String>,
    /// Add a table of P(NPV > 0) per arrangement at the values of KEY (as `inclusim sweep`),
    /// e.g. --sweep placement.NAME.hours_per_week=16,24,32. Repeatable.
    #[arg(long, value_name = "KEY=V1,V2,...")]
    pub sweep: Vec<String>,
    /// The arrangement --solve is about (default: the first of the file).
    #[arg(long, value_name = "NAME")]
    pub arrangement: Option<String>,
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
/// `run --samples`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SamplesArg {
    Csv,
    Arrow,
}

impl From<SamplesArg> for crate::export::Samples {
    fn from(s: SamplesArg) -> Self {
        match s {
            SamplesArg::Csv => crate::export::Samples::Csv,
            SamplesArg::Arrow => crate::export::Samples::Arrow,
        }
    }
}

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
    /// Change the scenario for every file checked as if in the file: KEY as in the file (an entry of
    /// [[placement]], [[arrangement]], instruments… by its name, kind or number), VALUE in
    /// TOML (`32`, `'"wml"'`, `'{ dist = "pert", min = 4, mode = 6, max = 10 }'`); repeatable.
    /// E.g. --set placement.vakkenvuller.hours_per_week=32 --set scenario.iterations=50000
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
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
