//! Writing HTML text: escaping, and the inline data URL of an image.

use base64ct::{Base64, Encoding};

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, for element content and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A PNG image as a `data:` URL, so the page needs no other file.
pub fn png_data_url(png: &[u8]) -> String {
    format!("data:image/png;base64,{}", Base64::encode_string(png))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape("<b>&'\"見本</b>"),
            "&lt;b&gt;&amp;&#39;&quot;見本&lt;/b&gt;"
        );
    }

    #[test]
    fn png_bytes_become_a_data_url() {
        assert_eq!(png_data_url(b"\x89PNG"), "data:image/png;base64,iVBORw==");
    }
}
