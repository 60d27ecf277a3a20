//! `patron`: the command line for marketers and developers. It runs the same core as the widget.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::fmt::Write as _;
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use clap::{Parser, Subcommand};
    use patron::format::PlainFormatter;
    use patron::json::locate;
    use patron::loyalty::{self, CardText, Language};
    use patron::offers::{self, Memory, Outcome};
    use patron::{Config, Error, Problem, Session, Timestamp};

    /// Patron: loyalty card, offers and recommendations for storefronts.
    #[derive(Parser)]
    #[command(name = "patron", version, about)]
    struct Args {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Checks a config file and lists every problem with its JSON path and position; exits 1 when
        /// any is found. Warnings are listed too but do not fail.
        Validate {
            /// The marketer's config file.
            config: PathBuf,
            /// `text` for people, `json` for CI pipelines.
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Previews a config on many sessions: per session the offers shown and why the others are
        /// not, then each offer's reach.
        Simulate {
            /// The marketer's config file.
            #[arg(long)]
            config: PathBuf,
            /// Session documents: a `.jsonl` file holds one per line, any other file one document.
            /// Repeat the flag to read several files.
            #[arg(long, required = true)]
            sessions: Vec<PathBuf>,
            /// The moment to simulate (RFC 3339); defaults to each session's `now`, then the clock.
            #[arg(long)]
            now: Option<String>,
            /// The locale for texts; defaults to each session's, then the config's default language.
            #[arg(long)]
            locale: Option<String>,
            /// `text` for people, `json` for tools (one line per session, then the reach).
            #[arg(long, value_enum, default_value_t = Format::Text)]
            format: Format,
        },
        /// Prints what the loyalty card shows for a session, as text.
        Render {
            /// A session document, as the shop embeds it in the page.
            #[arg(long)]
            session: PathBuf,
            /// The marketer's config file.
            #[arg(long)]
            config: PathBuf,
            /// The locale to render in; defaults to the session's, then the config's default language.
            #[arg(long)]
            locale: Option<String>,
            /// The moment to render at (RFC 3339); defaults to the session's `now`, then the clock.
            #[arg(long)]
            now: Option<String>,
        },
        /// Writes the JSON Schemas of the session and config documents.
        Schema {
            /// The folder to write `session.schema.json` and `config.schema.json` into.
            #[arg(long, default_value = "schemas")]
            out: PathBuf,
        },
    }

    #[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
    enum Format {
        Text,
        Json,
    }

    pub fn main() -> ExitCode {
        let args = Args::parse();
        let outcome = match args.command {
            Command::Validate { config, format } => validate(&config, format),
            Command::Simulate { config, sessions, now, locale, format } => {
                simulate(&config, &sessions, now.as_deref(), locale.as_deref(), format)
            }
            Command::Render { session, config, locale, now } => {
                render(&session, &config, locale.as_deref(), now.as_deref())
            }
            Command::Schema { out } => schema(&out),
        };
        match outcome {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(text) => {
                eprint!("{text}");
                ExitCode::FAILURE
            }
        }
    }

    fn read(path: &Path) -> Result<String, String> {
        std::fs::read_to_string(path).map_err(|e| format!("patron: cannot read {}: {e}\n", path.display()))
    }

    /// One line per problem, `FILE:LINE:COLUMN: PATH: MESSAGE` where the position is known.
    fn report(path: &Path, text: &str, error: &Error) -> String {
        let mut out = String::new();
        let count = error.problems.len();
        let _ =
            writeln!(out, "{}: {} {} found", path.display(), count, if count == 1 { "problem" } else { "problems" });
        for problem in &error.problems {
            let _ = writeln!(out, "{}: {problem}", place(path, text, problem));
        }
        out
    }

    /// `FILE:LINE:COLUMN`, or `FILE` when the position cannot be found.
    fn place(path: &Path, text: &str, problem: &Problem) -> String {
        match problem.position.or_else(|| locate(text, &problem.path)) {
            Some(p) => format!("{}:{}:{}", path.display(), p.line, p.column),
            None => path.display().to_string(),
        }
    }

    fn problem_json(path: &Path, text: &str, problem: &Problem, severity: &str) -> serde_json::Value {
        let position = problem.position.or_else(|| locate(text, &problem.path));
        serde_json::json!({
            "severity": severity,
            "path": problem.path,
            "message": problem.message,
            "file": path.display().to_string(),
            "line": position.map(|p| p.line),
            "column": position.map(|p| p.column),
        })
    }

    fn validate(path: &Path, format: Format) -> Result<String, String> {
        let text = read(path)?;
        let parsed = Config::from_json(&text);
        let warnings = parsed.as_ref().map(Config::warnings).unwrap_or_default();
        if format == Format::Json {
            let errors = parsed.as_ref().err().map(|e| e.problems.clone()).unwrap_or_default();
            let mut problems: Vec<serde_json::Value> =
                errors.iter().map(|p| problem_json(path, &text, p, "error")).collect();
            problems.extend(warnings.iter().map(|p| problem_json(path, &text, p, "warning")));
            let out = serde_json::json!({ "file": path.display().to_string(), "valid": errors.is_empty(), "problems": problems });
            // The report goes to standard output either way, for pipelines; the exit code says which.
            println!("{out}");
            return if errors.is_empty() { Ok(String::new()) } else { Err(String::new()) };
        }
        let config = parsed.map_err(|e| report(path, &text, &e))?;
        let programme = &config.programme;
        let tiers: Vec<&str> = programme.tiers.iter().map(|t| t.id.as_str()).collect();
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut out = format!(
            "{}: valid — programme {}, {}{}, {}\n",
            path.display(),
            serde_json::Value::from(programme.name.get(&config.default_language, &config.default_language)),
            plural(tiers.len(), "tier"),
            if tiers.is_empty() { String::new() } else { format!(" ({})", tiers.join(", ")) },
            plural(config.offers.len(), "offer"),
        );
        for warning in &warnings {
            let _ = writeln!(out, "{}: warning: {warning}", place(path, &text, warning));
        }
        Ok(out)
    }

    fn render(
        session_path: &Path,
        config_path: &Path,
        locale: Option<&str>,
        now: Option<&str>,
    ) -> Result<String, String> {
        let config_text = read(config_path)?;
        let config = Config::from_json(&config_text).map_err(|e| report(config_path, &config_text, &e))?;
        let session_text = read(session_path)?;
        let session = Session::from_json(&session_text).map_err(|e| report(session_path, &session_text, &e))?;
        let now = match now {
            Some(text) => Timestamp::parse(text).map_err(|e| format!("patron: --now: {e}\n"))?,
            None => session.now.unwrap_or_else(clock),
        };
        let locale = locale.or(session.locale.as_deref()).unwrap_or(&config.default_language).to_string();
        let card =
            loyalty::card(&session, &config, now, &locale).map_err(|e| report(session_path, &session_text, &e))?;
        let format = PlainFormatter::new(&locale, session.currency.code());
        Ok(card_lines(&loyalty::card_text(&card, Language::for_locale(&locale), &format)))
    }

    /// The card as plain text, in the order the widget shows it.
    fn card_lines(text: &CardText) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", text.title);
        if let Some(greeting) = &text.greeting {
            let _ = writeln!(out, "{greeting}");
        }
        let _ = writeln!(out, "{} ({})", text.balance, text.balance_note);
        if let Some(tier) = &text.tier {
            let _ = writeln!(out, "[{tier}]");
        }
        if let Some(progress) = &text.progress {
            let filled = usize::from(progress.percent) / 5;
            let _ = writeln!(
                out,
                "{}{} {} · {}",
                "█".repeat(filled),
                "░".repeat(20 - filled),
                progress.value_text,
                progress.caption
            );
        }
        for line in [&text.top_tier, &text.expiring, &text.cart].into_iter().flatten() {
            let _ = writeln!(out, "{line}");
        }
        if let Some(heading) = &text.list_heading {
            let _ = writeln!(out, "{heading}:");
            for item in &text.list {
                let _ = writeln!(out, "  • {item}");
            }
        }
        // The widget's spaces are no-break spaces from Intl; a terminal shows them as spaces anyway.
        out
    }

    /// One simulated session: who it is and what each offer did.
    struct Simulated {
        source: String,
        customer: String,
        decisions: Vec<offers::Decision>,
    }

    fn simulate(
        config_path: &Path,
        sessions_paths: &[PathBuf],
        now: Option<&str>,
        locale: Option<&str>,
        format: Format,
    ) -> Result<String, String> {
        let config_text = read(config_path)?;
        let config = Config::from_json(&config_text).map_err(|e| report(config_path, &config_text, &e))?;
        let now = match now {
            Some(text) => Some(Timestamp::parse(text).map_err(|e| format!("patron: --now: {e}\n"))?),
            None => None,
        };
        let mut documents: Vec<(String, String)> = Vec::new();
        for path in sessions_paths {
            let text = read(path)?;
            if path.extension().is_some_and(|e| e == "jsonl") {
                for (i, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
                    documents.push((format!("{}:{}", path.display(), i + 1), line.to_string()));
                }
            } else {
                documents.push((path.display().to_string(), text));
            }
        }
        let mut simulated = Vec::new();
        let mut broken = String::new();
        for (source, text) in documents {
            let session = match Session::from_json(&text) {
                Ok(session) => session,
                Err(error) => {
                    let _ = writeln!(broken, "{source}: {error}");
                    continue;
                }
            };
            let at = now.or(session.now).unwrap_or_else(clock);
            let locale = locale.or(session.locale.as_deref()).unwrap_or(&config.default_language).to_string();
            let format = PlainFormatter::new(&locale, session.currency.code());
            let decisions = offers::decide(&session, &config, at, &locale, &Memory::default(), &format);
            let customer = session.customer.as_ref().map_or_else(|| "guest".to_string(), |c| c.id.clone());
            simulated.push(Simulated { source, customer, decisions });
        }
        let out = match format {
            Format::Text => simulation_text(&config, &simulated),
            Format::Json => simulation_json(&config, &simulated),
        };
        if broken.is_empty() {
            Ok(out)
        } else {
            print!("{out}");
            Err(broken)
        }
    }

    fn simulation_text(config: &Config, simulated: &[Simulated]) -> String {
        let mut out = String::new();
        for session in simulated {
            let _ = writeln!(out, "{} ({}):", session.source, session.customer);
            for decision in &session.decisions {
                let mark = if decision.outcome == Outcome::Shown { "shown " } else { "hidden" };
                let _ =
                    writeln!(out, "  {mark} {} [{}]: {}", decision.id, decision.placement, decision.outcome.describe());
            }
        }
        let _ = writeln!(out, "\nreach over {} sessions:", simulated.len());
        let width = config.offers.iter().map(|o| o.id.chars().count()).max().unwrap_or(5).max(5);
        let _ = writeln!(out, "  {:<width$}  {:<10}  {:>7}  {:>5}", "offer", "placement", "qualify", "shown");
        for (offer, (qualify, shown)) in config.offers.iter().zip(reach(config, simulated)) {
            let _ = writeln!(out, "  {:<width$}  {:<10}  {:>7}  {:>5}", offer.id, offer.placement, qualify, shown);
        }
        out
    }

    fn simulation_json(config: &Config, simulated: &[Simulated]) -> String {
        let mut out = String::new();
        for session in simulated {
            let decisions: Vec<serde_json::Value> = session
                .decisions
                .iter()
                .map(|d| {
                    serde_json::json!({
                        "offer": d.id,
                        "placement": d.placement,
                        "shown": d.outcome == Outcome::Shown,
                        "qualifies": d.outcome.qualifies(),
                        "reason": d.outcome.describe(),
                        "headline": d.banner.as_ref().map(|b| b.headline.clone()),
                    })
                })
                .collect();
            let line =
                serde_json::json!({ "session": session.source, "customer_id": session.customer, "offers": decisions });
            let _ = writeln!(out, "{line}");
        }
        let reach: Vec<serde_json::Value> = config
            .offers
            .iter()
            .zip(reach(config, simulated))
            .map(|(offer, (qualify, shown))| serde_json::json!({ "offer": offer.id, "qualify": qualify, "shown": shown }))
            .collect();
        let _ = writeln!(out, "{}", serde_json::json!({ "sessions": simulated.len(), "reach": reach }));
        out
    }

    /// Per offer: sessions that qualify, and sessions that see it after arbitration.
    fn reach(config: &Config, simulated: &[Simulated]) -> Vec<(usize, usize)> {
        (0..config.offers.len())
            .map(|i| {
                let outcomes = || simulated.iter().filter_map(|s| s.decisions.get(i)).map(|d| &d.outcome);
                (outcomes().filter(|o| o.qualifies()).count(), outcomes().filter(|o| **o == Outcome::Shown).count())
            })
            .collect()
    }

    fn clock() -> Timestamp {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        Timestamp::from_unix(seconds, 0)
    }

    fn schema(out: &Path) -> Result<String, String> {
        std::fs::create_dir_all(out).map_err(|e| format!("patron: cannot create {}: {e}\n", out.display()))?;
        let mut written = String::new();
        for (name, text) in
            [("session.schema.json", patron::schema::session()), ("config.schema.json", patron::schema::config())]
        {
            let path = out.join(name);
            std::fs::write(&path, text).map_err(|e| format!("patron: cannot write {}: {e}\n", path.display()))?;
            let _ = writeln!(written, "wrote {}", path.display());
        }
        Ok(written)
    }
}
