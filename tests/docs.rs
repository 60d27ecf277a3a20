//! The documented commands print what the documentation shows (issue 29): every `$ patron …` line in
//! a ```` ```console ```` block of README.md and of the book (`docs/**/*.md`) is run on the
//! repository's sample data, and what it prints (standard output and error, in order) is compared
//! with the lines shown under it, so that an example cannot drift from the program.
//!
//! In the shown output, a line that is only `…` stands for any number of lines, and `…` within a
//! line for any text: examples may shorten long output, but what they show must be there, in order.
//! The commands run in a scratch folder that links the repository's `www/` and `docs/`, so that
//! what they write (`--out model.ptrm`, `patron schema --out schemas`) lands there and not in the
//! checkout; they run in the order they appear, so a later example may read what an earlier one
//! wrote.

use std::path::{Path, PathBuf};

/// One command shown in a console block, and the output shown under it.
struct Example {
    /// Where the command stands, as `README.md:643`.
    place: String,
    /// The command as a shell reads it (continuation lines joined by the shell itself).
    command: String,
    /// The lines shown under it, without trailing blank lines.
    shown: Vec<String>,
}

/// The console blocks' commands of one Markdown file, in order.
fn examples(file: &Path, text: &str) -> Vec<Example> {
    let mut found = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((_, line)) = lines.next() {
        let fence = line.trim_start();
        if !fence.starts_with("```") {
            continue;
        }
        let console = fence.trim_start_matches('`').split([' ', ',']).next() == Some("console");
        // The block's lines, up to its closing fence.
        let mut block: Vec<(usize, &str)> = Vec::new();
        for (n, line) in lines.by_ref() {
            if line.trim_start().starts_with("```") {
                break;
            }
            block.push((n, line));
        }
        if !console {
            continue;
        }
        let indent = line.len() - fence.len();
        let mut i = 0;
        while i < block.len() {
            let (n, line) = block[i];
            let line = line.get(indent..).unwrap_or(line.trim_start());
            let Some(first) = line.strip_prefix("$ ") else {
                i += 1;
                continue;
            };
            let mut command = first.to_string();
            while command.ends_with('\\') && i + 1 < block.len() {
                i += 1;
                command.push('\n');
                command.push_str(block[i].1);
            }
            i += 1;
            let mut shown = Vec::new();
            while i < block.len() && !block[i].1.get(indent..).unwrap_or("").starts_with("$ ") {
                shown.push(block[i].1.get(indent..).unwrap_or(block[i].1.trim_start()).to_string());
                i += 1;
            }
            while shown.last().is_some_and(|l| l.trim().is_empty()) {
                shown.pop();
            }
            found.push(Example { place: format!("{}:{}", file.display(), n + 1), command, shown });
        }
    }
    found
}

/// Whether `actual` is what `shown` shows, with `…` standing for lines or text left out.
fn matches(shown: &[String], actual: &[&str]) -> bool {
    match shown.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.trim() == "…" => (0..=actual.len()).any(|skip| matches(rest, &actual[skip..])),
        Some((first, rest)) => {
            actual.split_first().is_some_and(|(line, others)| line_matches(first, line) && matches(rest, others))
        }
    }
}

/// One line, with `…` within it standing for any text. No-break spaces (which the German formats
/// print, as `Intl` does) compare as spaces: on the page they look the same.
fn line_matches(shown: &str, actual: &str) -> bool {
    let spaces = |text: &str| text.trim_end().replace(['\u{a0}', '\u{202f}'], " ");
    let (shown, actual) = (spaces(shown), spaces(actual));
    let (shown, actual) = (shown.as_str(), actual.as_str());
    let mut pieces = shown.split('…');
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = actual.strip_prefix(first) else { return false };
    let pieces: Vec<&str> = pieces.collect();
    for (i, piece) in pieces.iter().enumerate() {
        if i + 1 == pieces.len() {
            return rest.ends_with(piece);
        }
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// The Markdown files whose examples are checked: README.md and the book's pages, in order.
fn documents() -> Vec<PathBuf> {
    let mut book: Vec<PathBuf> = super::support::files_under(&["docs"])
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    book.sort();
    [vec![PathBuf::from("README.md")], book].concat()
}

#[test]
fn documented_commands_print_what_the_documentation_shows() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = std::env::temp_dir().join(format!("patron-docs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    for shared in ["www", "docs"] {
        std::os::unix::fs::symlink(root.join(shared), scratch.join(shared)).unwrap();
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_patron")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in documents() {
        let text = std::fs::read_to_string(root.join(&file)).unwrap();
        for example in examples(&file, &text) {
            assert!(
                example.command.starts_with("patron "),
                "{}: a console example runs `patron`, not {:?} (show other commands in a ```sh block)",
                example.place,
                example.command
            );
            let output = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!("exec 2>&1\n{}", example.command))
                .current_dir(&scratch)
                .env("PATH", &path)
                .output()
                .unwrap();
            let printed = String::from_utf8_lossy(&output.stdout).into_owned();
            let mut actual: Vec<&str> = printed.lines().collect();
            while actual.last().is_some_and(|l| l.trim().is_empty()) {
                actual.pop();
            }
            checked += 1;
            if !matches(&example.shown, &actual) {
                failures.push(format!(
                    "{}: $ {}\n--- shown\n{}\n--- printed\n{}\n",
                    example.place,
                    example.command,
                    example.shown.join("\n"),
                    actual.join("\n")
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(
        failures.is_empty(),
        "{} of {checked} documented commands print something else:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked >= 8, "only {checked} documented commands were found");
}

#[test]
fn the_shown_output_may_leave_out_lines_and_text_but_nothing_else() {
    let shown = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert!(matches(&shown(&["a", "…", "d"]), &["a", "b", "c", "d"]));
    assert!(matches(&shown(&["a", "…", "b"]), &["a", "b"]));
    assert!(!matches(&shown(&["a", "…", "d"]), &["a", "b", "c"]));
    assert!(!matches(&shown(&["a", "b"]), &["a", "b", "c"]), "an extra line is a difference");
    assert!(matches(&shown(&[r#"{"x":[1,…],"y":…}"#]), &[r#"{"x":[1,2,3],"y":4}"#]));
    assert!(!matches(&shown(&["in 0.… s"]), &["in 1.0 s"]));
    assert!(matches(&shown(&["in … s"]), &["in 1.0 s"]));
    let found = examples(
        Path::new("X.md"),
        "text\n```console\n$ patron a \\\n    --b\nout 1\n\n$ patron c\n```\n```sh\n$ not run\n```\n",
    );
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].place, "X.md:3");
    assert_eq!(found[0].command, "patron a \\\n    --b");
    assert_eq!(found[0].shown, ["out 1"]);
    assert_eq!((found[1].command.as_str(), found[1].shown.len()), ("patron c", 0));
}

/// README is the front page (issue 31): short, and every link of it into the repository (the book's
/// guides, the changelog, the picture) names a file that is there.
#[test]
fn readme_is_a_front_page_whose_links_hold() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines <= 300, "README.md has {lines} lines: the manual belongs in the book (docs/)");
    let mut links = 0;
    for target in readme.split("](").skip(1).filter_map(|rest| rest.split(')').next()) {
        let path = target.split('#').next().unwrap_or_default();
        if path.is_empty() || path.contains("://") {
            continue;
        }
        links += 1;
        assert!(root.join(path).exists(), "README.md links to {path}, which is not in the repository");
    }
    assert!(links >= 5, "README.md links into the book {links} times");
}
