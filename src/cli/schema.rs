//! `patron schema`: writes the JSON Schemas of the two documents.

use std::fmt::Write as _;
use std::path::Path;

pub(crate) fn write(out: &Path) -> Result<String, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("patron: cannot create {}: {e}\n", out.display()))?;
    let mut written = String::new();
    for (name, text) in
        [("session.schema.json", crate::schema::session()), ("config.schema.json", crate::schema::config())]
    {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("patron: cannot write {}: {e}\n", path.display()))?;
        let _ = writeln!(written, "wrote {}", path.display());
    }
    Ok(written)
}
