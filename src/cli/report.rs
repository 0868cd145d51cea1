//! `tpcoach report`: a record to take to a clinician, as one self-contained HTML page (written
//! 0600, never over an existing file without `--force`), optionally opened in the browser.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use tpcoach::history::calendar::{self, Date};
use tpcoach::history::Store;
use tpcoach::report::{html, Options, Report};

use super::context;
use super::history::{parse_since, LocalTime, Since};

/// A record to take to a clinician.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tpcoach report --open\n  tpcoach report --since 30d --out neck.html\n  tpcoach report --region neck --since 2026-11-01\n  tpcoach report --out - > report.html\n\nThe page is self-contained (no scripts, no network) and prints on A4. Nothing leaves your machine."
)]
pub struct Args {
    /// Only sessions since then: days or weeks ago (30d, 2w) or a date (2026-11-01). All when
    /// left out.
    #[arg(long, value_name = "WHEN", value_parser = parse_since, allow_hyphen_values = true)]
    pub since: Option<Since>,
    /// Only sessions that worked a muscle of this region (e.g. neck, "low back").
    #[arg(long, short, value_name = "REGION")]
    pub region: Option<String>,
    /// Where to write the page (`-` for stdout); default tpcoach-report-DATE.html here.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Open the page in the default browser once written (if there is none, says where it is).
    #[arg(long)]
    pub open: bool,
}

/// Writes `page` to `path`: 0600, and only over an existing file with `force`.
fn write_page(path: &Path, page: &str, force: bool) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = match options.open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(tpcoach::Error::BadInput(format!(
                "{} exists: add --force to replace it, or choose another with --out FILE",
                path.display()
            ))
            .into())
        }
        other => other.with_context(|| format!("cannot write the report to {}", path.display()))?,
    };
    #[cfg(unix)]
    {
        // A replaced file keeps its old mode: health data is for its owner alone.
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("cannot make {} private", path.display()))?;
    }
    file.write_all(page.as_bytes())
        .with_context(|| format!("cannot write the report to {}", path.display()))?;
    Ok(())
}

/// Runs `tpcoach report`.
pub fn run(args: &Args, library: Option<&Path>) -> anyhow::Result<()> {
    let library = context::load(library)?;
    let region = match &args.region {
        Some(query) => Some(library.find_region(query)?),
        None => None,
    };
    let local = LocalTime::new()?;
    let now = context::now()?;
    let since = args.since.map(|since| since.start(now, &local));
    let path = context::database()?;
    let store = Store::open_if_exists(&path)?;
    let report = Report::build(library, store.as_ref(), &Options { since, region, now })?;
    let page = html::render(&report, library, &local);
    let out = args.out.clone().unwrap_or_else(|| {
        let today = Date::from_days(calendar::local_day(now, local.offset(now)));
        PathBuf::from(format!("tpcoach-report-{today}.html"))
    });
    if out.as_os_str() == "-" {
        super::output::print_raw(page.trim_end())?;
        return Ok(());
    }
    write_page(&out, &page, args.force)?;
    eprintln!(
        "tpcoach: wrote the report ({} session{}) to {}",
        report.sessions.len(),
        if report.sessions.len() == 1 { "" } else { "s" },
        out.display()
    );
    if args.open {
        let shown = std::fs::canonicalize(&out).unwrap_or(out.clone());
        if let Err(error) = opener::open(&shown) {
            eprintln!(
                "tpcoach: could not open a browser ({error}); open {} yourself",
                shown.display()
            );
        }
    }
    Ok(())
}
