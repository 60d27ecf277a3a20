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
    use patron::json::positions;
    use patron::loyalty::{self, CardText, Language};
    use patron::offers::{self, Memory, Outcome};
    use patron::recommend::train::{self, Catalogue, Orders};
    use patron::recommend::{self, eval, Model, Reason, Rules, Weights};
    use patron::Position;
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
        /// Builds or inspects recommendation models.
        Model {
            #[command(subcommand)]
            command: ModelCommand,
        },
        /// Recommends products for session documents: one JSON line out per session line in, in
        /// input order: {"customer_id": …, "recommendations": [{"sku", "score", "reason"}]}.
        Recommend {
            /// A model file from `patron model build`.
            #[arg(long)]
            model: PathBuf,
            /// Session documents, one per line (JSON Lines); each one's `now` fixes its clock.
            #[arg(long)]
            sessions: PathBuf,
            /// How many products per session.
            #[arg(long, default_value_t = 12)]
            k: usize,
            /// A config whose `recommendations` section sets boosts, pins and diversity.
            #[arg(long)]
            config: Option<PathBuf>,
        },
        /// Evaluates the recommender against baselines: each household's last basket (households
        /// with at least 3) is left out, the model is built from everything else, and every method
        /// recommends k products for the held-out basket.
        Eval {
            /// The order export (same format as for `model build`).
            #[arg(long)]
            orders: PathBuf,
            /// The product export.
            #[arg(long)]
            products: Option<PathBuf>,
            /// The list lengths to evaluate, comma-separated.
            #[arg(long, value_delimiter = ',', default_value = "10,20")]
            k: Vec<usize>,
            /// Keep only this many products in the model, the most popular.
            #[arg(long)]
            max_products: Option<usize>,
            /// Hold out the second-to-last basket instead (and drop the last): for tuning weights
            /// without looking at the test baskets.
            #[arg(long)]
            validation: bool,
            /// Scoring weights to try, such as `neighbours=0.3,due=0.5` (see README).
            #[arg(long)]
            weights: Option<String>,
        },
        /// Writes the JSON Schemas of the session and config documents.
        Schema {
            /// The folder to write `session.schema.json` and `config.schema.json` into.
            #[arg(long, default_value = "schemas")]
            out: PathBuf,
        },
    }

    #[derive(Subcommand)]
    enum ModelCommand {
        /// Builds a model from an order export (and a product export for display data).
        Build {
            /// CSV with the header customer_id,order_id,placed_at,sku,quantity,unit_price[,category].
            #[arg(long)]
            orders: PathBuf,
            /// CSV with sku and any of title,category,brand,in_stock,new_since,url,image,price.
            #[arg(long)]
            products: Option<PathBuf>,
            /// Where to write the model.
            #[arg(long)]
            out: PathBuf,
            /// Keep only this many products, the most popular.
            #[arg(long)]
            max_products: Option<usize>,
            /// Co-purchase neighbours kept per product.
            #[arg(long, default_value_t = 8)]
            neighbours: usize,
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
            Command::Model { command: ModelCommand::Build { orders, products, out, max_products, neighbours } } => {
                model_build(&orders, products.as_deref(), &out, max_products, neighbours)
            }
            Command::Recommend { model, sessions, k, config } => recommend(&model, &sessions, k, config.as_deref()),
            Command::Eval { orders, products, k, max_products, validation, weights } => {
                eval(&orders, products.as_deref(), &k, max_products, validation, weights.as_deref())
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
        let positions = Positions::new(text);
        let mut out = String::new();
        let count = error.problems.len();
        let _ =
            writeln!(out, "{}: {} {} found", path.display(), count, if count == 1 { "problem" } else { "problems" });
        for problem in &error.problems {
            let _ = writeln!(out, "{}: {problem}", place(path, &positions, problem));
        }
        out
    }

    /// Where problems are in a document's text: every path's position, found in one pass over the
    /// text the first time one is asked for (a report of 500 problems must not scan it 500 times).
    struct Positions<'a> {
        text: &'a str,
        all: std::cell::OnceCell<std::collections::HashMap<String, Position>>,
    }

    impl<'a> Positions<'a> {
        fn new(text: &'a str) -> Positions<'a> {
            Positions { text, all: std::cell::OnceCell::new() }
        }

        fn of(&self, problem: &Problem) -> Option<Position> {
            problem.position.or_else(|| self.all.get_or_init(|| positions(self.text)).get(&problem.path).copied())
        }
    }

    /// `FILE:LINE:COLUMN`, or `FILE` when the position cannot be found.
    fn place(path: &Path, positions: &Positions, problem: &Problem) -> String {
        match positions.of(problem) {
            Some(p) => format!("{}:{}:{}", path.display(), p.line, p.column),
            None => path.display().to_string(),
        }
    }

    fn problem_json(path: &Path, positions: &Positions, problem: &Problem, severity: &str) -> serde_json::Value {
        let position = positions.of(problem);
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
        let positions = Positions::new(&text);
        if format == Format::Json {
            let errors = parsed.as_ref().err().map(|e| e.problems.clone()).unwrap_or_default();
            let mut problems: Vec<serde_json::Value> =
                errors.iter().map(|p| problem_json(path, &positions, p, "error")).collect();
            problems.extend(warnings.iter().map(|p| problem_json(path, &positions, p, "warning")));
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
            let _ = writeln!(out, "{}: warning: {warning}", place(path, &positions, warning));
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

    fn load_catalogue(products: Option<&Path>) -> Result<Catalogue, String> {
        products.map_or_else(|| Ok(Catalogue::default()), |p| Catalogue::read(p).map_err(|e| format!("patron: {e}\n")))
    }

    fn model_build(
        orders: &Path,
        products: Option<&Path>,
        out: &Path,
        max_products: Option<usize>,
        neighbours: usize,
    ) -> Result<String, String> {
        let started = std::time::Instant::now();
        let orders = Orders::read(orders).map_err(|e| format!("patron: {e}\n"))?;
        let catalogue = load_catalogue(products)?;
        let options = train::Options { neighbours, max_products, ..train::Options::default() };
        let model = train::build(&orders, &catalogue, &options);
        let bytes = model.to_bytes();
        std::fs::write(out, &bytes).map_err(|e| format!("patron: cannot write {}: {e}\n", out.display()))?;
        Ok(format!(
            "{}: {} products from {} orders of {} customers, {} bytes, in {:.1} s\n",
            out.display(),
            model.products.len(),
            orders.baskets.len(),
            orders.customers.len(),
            bytes.len(),
            started.elapsed().as_secs_f64()
        ))
    }

    fn recommend(model_path: &Path, sessions: &Path, k: usize, config: Option<&Path>) -> Result<String, String> {
        let bytes =
            std::fs::read(model_path).map_err(|e| format!("patron: cannot read {}: {e}\n", model_path.display()))?;
        let model = Model::from_bytes(&bytes).map_err(|e| format!("patron: {}: {e}\n", model_path.display()))?;
        let rules = match config {
            Some(path) => {
                let text = read(path)?;
                Config::from_json(&text).map_err(|e| report(path, &text, &e))?.recommendations.rules()
            }
            None => Rules::default(),
        };
        let text = read(sessions)?;
        let mut out = String::new();
        let mut broken = String::new();
        for (i, line) in text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty()) {
            let value = match Session::from_json(line) {
                Ok(session) => {
                    let now = session.now.unwrap_or_else(clock);
                    let list = recommend::for_session(&session, &model, now, k, &rules);
                    serde_json::json!({
                        "customer_id": session.customer.as_ref().map(|c| c.id.clone()),
                        "recommendations": list.iter().filter_map(|r| {
                            let product = model.product(r.product)?;
                            let mut item = serde_json::json!({
                                "sku": product.sku,
                                "score": (f64::from(r.score) * 10_000.0).round() / 10_000.0,
                                "reason": r.reason.code(),
                            });
                            // bought_with names the product bought, popular_in the category.
                            if let (Some(map), Some(detail)) = (item.as_object_mut(), reason_detail(&r.reason)) {
                                map.insert("detail".to_string(), detail);
                            }
                            Some(item)
                        }).collect::<Vec<_>>(),
                    })
                }
                Err(error) => {
                    let _ = writeln!(broken, "{}:{}: {error}", sessions.display(), i + 1);
                    serde_json::json!({ "customer_id": null, "error": error.to_string() })
                }
            };
            let _ = writeln!(out, "{value}");
        }
        if broken.is_empty() {
            Ok(out)
        } else {
            print!("{out}");
            Err(broken)
        }
    }

    /// The reason's object: the SKU of `bought_with`, the category of `popular_in`.
    fn reason_detail(reason: &Reason) -> Option<serde_json::Value> {
        match reason {
            Reason::BoughtWith(sku) => Some(serde_json::Value::String(sku.clone())),
            Reason::PopularIn(category) => Some(serde_json::Value::String(category.clone())),
            _ => None,
        }
    }

    fn eval(
        orders: &Path,
        products: Option<&Path>,
        ks: &[usize],
        max_products: Option<usize>,
        validation: bool,
        weights: Option<&str>,
    ) -> Result<String, String> {
        let started = std::time::Instant::now();
        let orders = Orders::read(orders).map_err(|e| format!("patron: {e}\n"))?;
        let catalogue = load_catalogue(products)?;
        let weights = match weights {
            Some(text) => parse_weights(text).map_err(|e| format!("patron: --weights: {e}\n"))?,
            None => Weights::default(),
        };
        let options = train::Options { max_products, ..train::Options::default() };
        let holdout = if validation { eval::Holdout::Validation } else { eval::Holdout::Test };
        let report = eval::evaluate(&orders, &catalogue, &options, ks, &weights, holdout);
        Ok(format!(
            "{} households, {} products in the model, {} basket held out, {:.1} s\n\n{}",
            report.households,
            report.products,
            if validation { "second-to-last" } else { "last" },
            started.elapsed().as_secs_f64(),
            report.table()
        ))
    }

    fn parse_weights(text: &str) -> Result<Weights, String> {
        let mut weights = Weights::default();
        for pair in text.split(',').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').ok_or_else(|| format!("expected name=value, got {pair:?}"))?;
            let value: f32 = value.parse().map_err(|_| format!("{name}: expected a number, got {value:?}"))?;
            let slot = match name {
                "repurchase" => &mut weights.repurchase,
                "due" => &mut weights.due,
                "neighbours" => &mut weights.neighbours,
                "category" => &mut weights.category,
                "popularity" => &mut weights.popularity,
                "half_life_days" => &mut weights.half_life_days,
                "discovery_share" => &mut weights.discovery_share,
                other => return Err(format!("unknown weight {other:?}")),
            };
            *slot = value;
        }
        Ok(weights)
    }
}
