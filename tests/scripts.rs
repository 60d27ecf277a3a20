//! The project's scripts stop only the processes they started (issue 29): no stopping by name, which
//! would reach anyone's processes of that name on the machine. A script keeps the process id or
//! group of what it started and stops that (scripts/test.sh's browser runner: `timeout`'s own
//! process group).

#[test]
fn no_script_stops_processes_by_name() {
    let mut offending = Vec::new();
    for path in super::support::files_under(&["scripts", "e2e", "kits", ".ci"]) {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        for (n, line) in text.lines().enumerate() {
            let code = line.split('#').next().unwrap_or_default();
            if ["pkill", "killall", "pgrep"].iter().any(|word| code.split_whitespace().any(|w| w == *word)) {
                offending.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(offending.is_empty(), "stopping processes by name:\n{}", offending.join("\n"));
}
