//! `patron`: the command line for marketers and developers (`src/cli/`, one module per subcommand).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    patron::cli::main()
}
