//! Rustdoc attributes from IR text, escaped so that rustdoc reads them as plain prose.

use proc_macro2::TokenStream;
use quote::quote;

/// Escapes what rustdoc would take as markup: link brackets, HTML, stray backticks,
/// and bare URLs (which rustdoc wants in angle brackets).
pub fn escape(text: &str) -> String {
    let backticks = text.matches('`').count();
    let mut words = Vec::new();
    for word in text.split(' ') {
        if word.starts_with("http://") || word.starts_with("https://") {
            let url = word.trim_end_matches(['.', ',', ';', ':', ')', '\'', '"']);
            let rest = &word[url.len()..];
            if !url.contains(['<', '>', '`']) {
                words.push(format!("<{url}>{rest}"));
                continue;
            }
        }
        let mut out = String::with_capacity(word.len() + 4);
        for c in word.chars() {
            match c {
                '[' | ']' | '<' | '>' => {
                    out.push('\\');
                    out.push(c);
                }
                // An odd number of backticks would open a code span that never closes.
                '`' if backticks % 2 == 1 => out.push('\''),
                _ => out.push(c),
            }
        }
        words.push(out);
    }
    words.join(" ")
}

/// `#[doc = " text"]` lines for a paragraph of IR text (escaped) followed by extra
/// paragraphs written by the generator (already Markdown).
pub fn doc(text: Option<&str>, fallback: &str, extra: &[String]) -> TokenStream {
    let mut paragraphs: Vec<String> = Vec::new();
    match text {
        Some(t) if !t.trim().is_empty() => paragraphs.push(escape(t)),
        _ => paragraphs.push(fallback.to_owned()),
    }
    paragraphs.extend(extra.iter().cloned());
    let mut lines: Vec<String> = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if i > 0 {
            lines.push(String::new());
        }
        lines.push(format!(" {paragraph}"));
    }
    let lines = lines.iter().map(|l| {
        if l.trim().is_empty() {
            String::new()
        } else {
            l.clone()
        }
    });
    quote! { #(#[doc = #lines])* }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a [b] <c> `d`"), "a \\[b\\] \\<c\\> `d`");
        assert_eq!(escape("odd ` tick"), "odd ' tick");
        assert_eq!(escape("see https://x.io/a."), "see <https://x.io/a>.");
    }
}
