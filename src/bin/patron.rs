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
    use patron::loyalty::{self, CardText, Language};
    use patron::{Config, Error, Session, Timestamp};

    /// Patron: loyalty card, offers and recommendations for storefronts.
    #[derive(Parser)]
    #[command(name = "patron", version, about)]
    struct Args {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Checks a config file and lists every problem with its JSON path; exits 1 when any is found.
        Validate {
            /// The marketer's config file.
            config: PathBuf,
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

    pub fn main() -> ExitCode {
        let args = Args::parse();
        let outcome = match args.command {
            Command::Validate { config } => validate(&config),
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
    fn report(path: &Path, error: &Error) -> String {
        let mut out = String::new();
        let count = error.problems.len();
        let _ =
            writeln!(out, "{}: {} {} found", path.display(), count, if count == 1 { "problem" } else { "problems" });
        for problem in &error.problems {
            let _ = match problem.position {
                Some(p) => writeln!(out, "{}:{}:{}: {problem}", path.display(), p.line, p.column),
                None => writeln!(out, "{}: {problem}", path.display()),
            };
        }
        out
    }

    fn validate(path: &Path) -> Result<String, String> {
        let text = read(path)?;
        let config = Config::from_json(&text).map_err(|e| report(path, &e))?;
        let programme = &config.programme;
        let tiers: Vec<&str> = programme.tiers.iter().map(|t| t.id.as_str()).collect();
        Ok(format!(
            "{}: valid — programme {:?}, {} {}{}\n",
            path.display(),
            programme.name.get(&config.default_language, &config.default_language),
            tiers.len(),
            if tiers.len() == 1 { "tier" } else { "tiers" },
            if tiers.is_empty() { String::new() } else { format!(" ({})", tiers.join(", ")) }
        ))
    }

    fn render(
        session_path: &Path,
        config_path: &Path,
        locale: Option<&str>,
        now: Option<&str>,
    ) -> Result<String, String> {
        let config = Config::from_json(&read(config_path)?).map_err(|e| report(config_path, &e))?;
        let session = Session::from_json(&read(session_path)?).map_err(|e| report(session_path, &e))?;
        let now = match now {
            Some(text) => Timestamp::parse(text).map_err(|e| format!("patron: --now: {e}\n"))?,
            None => session.now.unwrap_or_else(clock),
        };
        let locale = locale.or(session.locale.as_deref()).unwrap_or(&config.default_language).to_string();
        let card = loyalty::card(&session, &config, now, &locale).map_err(|e| report(session_path, &e))?;
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
