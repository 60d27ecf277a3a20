//! Which URLs from a document may reach the page.

/// Whether a URL from a document may reach the page: an http(s) URL, or a reference the page
/// resolves as one (`/sale`, `sale`, `//cdn.example/a.png`, which is on another origin). Everything
/// else (`javascript:`, `data:`, …) is refused, and so is a backslash: browsers read it as a slash in
/// http(s) URLs, so `/\evil.example` would look like a path and lead to another site.
///
/// This is the documents' check, the same in `patron validate` and the widget. Whether a URL is on
/// the page's origin is the browser's to say: the widget resolves every URL it shows or loads with
/// the browser's URL parser and compares origins (`web/element.js`).
pub fn is_safe_url(url: &str) -> bool {
    let url = url.trim();
    // Bytes, not characters: every control character a browser strips or trips on is ASCII.
    if url.is_empty() || url.bytes().any(|b| b.is_ascii_control() || b == b'\\') {
        return false;
    }
    match url.split_once(':') {
        // A colon before any '/', '?' or '#' ends a scheme.
        Some((scheme, rest)) if !scheme.contains(['/', '?', '#']) => {
            (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) && rest.starts_with("//")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_same_origin_urls_are_safe() {
        for url in ["https://shop.example/sale", "http://x.example", "/sale?x=1", "sale", "#top", "//cdn.example/a.png"]
        {
            assert!(is_safe_url(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "data:text/html,x",
            "https:evil",
            "",
            " ",
            "vbscript:x",
            "java\tscript:x",
            "/\\evil.example/x",
            "\\\\evil.example/x",
            "https:/\\evil.example",
        ] {
            assert!(!is_safe_url(url), "{url}");
        }
    }
}
