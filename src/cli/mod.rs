//! `patron`: the command line for marketers and developers, one module per subcommand. It runs the
//! same core as the widget.

mod customers;
mod eval;
mod input;
mod model;
mod problems;
mod recommend;
mod render;
mod report;
mod schema;
mod session;
mod simulate;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use problems::Format;

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
    /// Prints what the loyalty card, or the rewards panel, shows for a session, as text.
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
        /// What to render, as the widget's `placement`: the loyalty card or the rewards panel.
        #[arg(long, value_enum, default_value_t = render::Placement::Loyalty)]
        placement: render::Placement,
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
        /// Scoring weights to try, such as `neighbours=0.3,due=0.5` (see the book, internals/recommendation-quality.md).
        #[arg(long)]
        weights: Option<String>,
        /// Score the compact sessions with at most this many products each, as `patron session
        /// --max-products` writes them: what the lossy cap costs.
        #[arg(long)]
        session_max_products: Option<usize>,
        /// With --validation: score TIFU-KNN at every point of its small grid, one row each, to
        /// choose its hyper-parameters (the book, internals/recommendation-quality.md).
        #[arg(long)]
        tune_tifu: bool,
        /// With --validation: score Patron at every point of its small repeat/explore mix grid
        /// (places for new products, repeat threshold, their popularity weight), one row each.
        #[arg(long)]
        tune_mix: bool,
    },
    /// Builds session documents from the shop's exports: the orders (the same ORDERS.csv as for
    /// `model build`), and optionally the points ledger, the customers' profiles and consent, and
    /// the analytics secret. Prints one session, or with --all one JSON line per customer.
    Session {
        /// The order export: customer_id,order_id,placed_at,sku,quantity,unit_price[,category].
        #[arg(long)]
        orders: PathBuf,
        /// The customer whose session to print.
        #[arg(long, required_unless_present = "all", conflicts_with = "all")]
        customer: Option<String>,
        /// Every customer's session, one per line (JSON Lines).
        #[arg(long)]
        all: bool,
        /// The sessions' `now` (RFC 3339); orders after it are left out.
        #[arg(long)]
        now: Option<String>,
        /// The ISO 4217 code of the export's amounts.
        #[arg(long, default_value = "EUR")]
        currency: String,
        /// The points ledger: customer_id,balance,expiring_points,expiring_on.
        #[arg(long)]
        points_ledger: Option<PathBuf>,
        /// The rewards redeemed: customer_id,reward_id,redeemed_at (a day or an RFC 3339 moment),
        /// for rewards limited per customer; each customer needs a row in --points-ledger.
        #[arg(long, requires = "points_ledger")]
        redemptions: Option<PathBuf>,
        /// The sessions' locale (a language tag such as de-DE or en-GB), which the widget renders
        /// in unless the page sets one; without it the config's default language applies.
        #[arg(long)]
        locale: Option<String>,
        /// The customers: customer_id,first_name,birthday,member_since,consent_personalisation,
        /// consent_analytics. Without it no consent is known, and no history is included.
        #[arg(long)]
        profile: Option<PathBuf>,
        /// A file holding the shop's analytics secret: sessions with analytics consent get
        /// customer.analytics_id, HMAC-SHA256(secret, customer id) cut to 32 hex digits.
        #[arg(long)]
        analytics_key: Option<PathBuf>,
        /// The orders in full (`orders`, with ids, quantities and prices) instead of the compact
        /// `history`, which carries only what Patron reads.
        #[arg(long, conflicts_with = "max_products")]
        full: bool,
        /// Lossy: keep at most this many products in the compact history, those bought in the most
        /// orders. The orders and their totals stay, so the loyalty card is the same; conditions
        /// on the products left out and their recommendations change (`patron eval
        /// --session-max-products` measures it).
        #[arg(long)]
        max_products: Option<usize>,
    },
    /// Whether the programme works, from the orders export: programme health per month (retention,
    /// churn, repurchase rate, purchase frequency, average order value, returning customers' share of
    /// revenue), the monthly cohorts, and customer lifetime value (BG/NBD and Gamma-Gamma); with the
    /// widget's events, each offer against its control group, the recommendations per reason and
    /// the rewards.
    Report {
        /// The order export (same format as for `model build`).
        #[arg(long)]
        orders: PathBuf,
        /// The first day of the period (YYYY-MM-DD; orders dated as with --timezone).
        #[arg(long)]
        from: Option<String>,
        /// The last day of the period, and the day the lifetime values are predicted from.
        #[arg(long)]
        to: Option<String>,
        /// Dates every order in this time zone (an IANA name, such as Europe/Berlin) for the
        /// calendar days and months; without it, each order is dated at its own UTC offset.
        #[arg(long)]
        timezone: Option<String>,
        /// How far ahead lifetime value is predicted, in weeks.
        #[arg(long, default_value_t = 52.0)]
        horizon_weeks: f64,
        /// Discounts the predicted lifetime values at this yearly rate (0.1 for 10 %), week by week.
        #[arg(long, default_value_t = 0.0)]
        discount_rate: f64,
        /// `text` for the terminal, `json` for tools, `html` for one self-contained page with charts.
        #[arg(long, value_enum, default_value_t = report::ReportFormat::Text)]
        format: report::ReportFormat,
        /// Write the report into this file instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The widget's events as JSON lines (the book, integrate/events.md): compares each offer's
        /// treatment group with its holdout.
        #[arg(long)]
        events: Option<PathBuf>,
        /// The shop's analytics secret, the one the sessions' `customer.analytics_id` was built
        /// with: joins the events to the orders.
        #[arg(long)]
        analytics_key: Option<PathBuf>,
        /// An order within this many days of an offer's first assignment counts as a conversion.
        #[arg(long, default_value_t = 14)]
        conversion_days: i64,
        /// The marketer's config: the report lists its offers that no event names, and the events
        /// that name offers it does not have.
        #[arg(long)]
        config: Option<PathBuf>,
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
    /// Packs the model's parts, as tables (the Spark job's in kits/spark/), into the model file.
    Pack {
        /// The folder with the products, neighbours, baskets and meta tables (NAME.csv, or NAME/
        /// with part files).
        #[arg(long)]
        tables: PathBuf,
        /// CSV with sku and any of title,category,brand,in_stock,new_since,url,image,price.
        #[arg(long)]
        products: Option<PathBuf>,
        /// Where to write the model; nothing is written when a table is refused.
        #[arg(long)]
        out: PathBuf,
    },
    /// Shows what a model file holds: its format version, products, neighbours and peer groups,
    /// and the bytes of each section; exits 1 when the file is no model or is broken.
    Inspect {
        /// The model file.
        file: PathBuf,
    },
}

/// Runs the command line with the process's arguments.
pub fn main() -> ExitCode {
    let args = Args::parse();
    let outcome = match args.command {
        Command::Validate { config, format } => validate::validate(&config, format),
        Command::Simulate { config, sessions, now, locale, format } => {
            simulate::simulate(&config, &sessions, now.as_deref(), locale.as_deref(), format)
        }
        Command::Render { session, config, locale, now, placement } => {
            render::render(&session, &config, locale.as_deref(), now.as_deref(), placement)
        }
        Command::Model { command: ModelCommand::Build { orders, products, out, max_products, neighbours } } => {
            model::build(&orders, products.as_deref(), &out, max_products, neighbours)
        }
        Command::Model { command: ModelCommand::Pack { tables, products, out } } => {
            model::pack(&tables, products.as_deref(), &out)
        }
        Command::Model { command: ModelCommand::Inspect { file } } => model::inspect(&file),
        Command::Recommend { model, sessions, k, config } => {
            recommend::recommend(&model, &sessions, k, config.as_deref())
        }
        Command::Eval {
            orders,
            products,
            k,
            max_products,
            validation,
            weights,
            session_max_products,
            tune_tifu,
            tune_mix,
        } => eval::eval(
            &orders,
            products.as_deref(),
            &k,
            max_products,
            validation,
            weights.as_deref(),
            session_max_products,
            tune_tifu,
            tune_mix,
        ),
        Command::Session {
            orders,
            customer,
            all: _,
            now,
            currency,
            points_ledger,
            redemptions,
            locale,
            profile,
            analytics_key,
            full,
            max_products,
        } => session::session(&session::Request {
            orders: &orders,
            customer: customer.as_deref(),
            now: now.as_deref(),
            currency: &currency,
            ledger: points_ledger.as_deref(),
            redemptions: redemptions.as_deref(),
            locale: locale.as_deref(),
            profile: profile.as_deref(),
            analytics_key: analytics_key.as_deref(),
            full,
            max_products,
        }),
        Command::Report {
            orders,
            from,
            to,
            timezone,
            horizon_weeks,
            discount_rate,
            format,
            out,
            events,
            analytics_key,
            conversion_days,
            config,
        } => report::report(&report::Request {
            orders: &orders,
            from: from.as_deref(),
            to: to.as_deref(),
            timezone: timezone.as_deref(),
            horizon_weeks,
            discount_rate,
            format,
            out: out.as_deref(),
            events: events.as_deref(),
            analytics_key: analytics_key.as_deref(),
            conversion_days,
            config: config.as_deref(),
        }),
        Command::Schema { out } => schema::write(&out),
    };
    match outcome {
        Ok(text) => {
            input::emit(&text);
            ExitCode::SUCCESS
        }
        Err(text) => {
            eprint!("{text}");
            ExitCode::FAILURE
        }
    }
}
