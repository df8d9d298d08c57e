//! Short rustdoc text from spec prose.
//!
//! Generated docs are short: the first paragraph of a description (or a summary),
//! whitespace collapsed, HTML tags and Markdown link targets dropped, cut at a sentence
//! boundary. The emitter escapes what rustdoc would read as markup; this module only
//! decides the words.

/// Longest text kept, in characters, before cutting at a sentence or word boundary.
const MAX_CHARS: usize = 300;

/// The first paragraph of `text`, cleaned and shortened; `None` when nothing is left.
pub fn summarize(text: &str) -> Option<String> {
    let paragraph = first_paragraph(text);
    let cleaned = one_line(&drop_link_targets(&strip_html(paragraph)));
    let cleaned = cleaned.replace("```", "").trim().to_owned();
    if cleaned.is_empty() {
        return None;
    }
    Some(shorten(&cleaned))
}

/// Spec text that must stay on one line (a title, a version): line breaks and other
/// control characters become single spaces, so the text cannot end a `//` comment.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn first_paragraph(text: &str) -> &str {
    let mut text = text.trim_start();
    loop {
        let end = text
            .find("\n\n")
            .or_else(|| text.find("\r\n\r\n"))
            .unwrap_or(text.len());
        let paragraph = &text[..end];
        // A heading line is not a summary: skip to what follows it.
        if paragraph.starts_with('#') && end < text.len() {
            text = text[end..].trim_start();
            continue;
        }
        return paragraph;
    }
}

fn strip_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        // Only drop what looks like a tag: `<b>`, `</p>`, `<br/>`, `<a href=…>`.
        let is_tag =
            after[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (is_tag, after.find('>')) {
            (true, Some(end)) => {
                out.push(' ');
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `[text](target)` becomes `text`.
fn drop_link_targets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let Some(end) = after[close + 2..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&after[..close]);
        rest = &after[close + 2 + end + 1..];
    }
    out.push_str(rest);
    out
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= MAX_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX_CHARS).collect();
    if let Some(end) = cut.rfind(". ")
        && end > MAX_CHARS / 3
    {
        return cut[..=end].to_owned();
    }
    match cut.rfind(' ') {
        Some(space) => format!("{}…", cut[..space].trim_end_matches([',', ';', ':'])),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_are_short_and_clean() {
        assert_eq!(
            summarize("Creates a customer.\n\nMore text."),
            Some("Creates a customer.".into())
        );
        assert_eq!(
            summarize("  <p>Hello <b>world</b></p> "),
            Some("Hello world".into())
        );
        assert_eq!(
            summarize("See [the docs](https://x.y/z) now"),
            Some("See the docs now".into())
        );
        assert_eq!(summarize("a < b and c>d"), Some("a < b and c>d".into()));
        assert_eq!(
            summarize("## Title\n\nBody here."),
            Some("Body here.".into())
        );
        assert_eq!(summarize("   \n "), None);
        // Many heading paragraphs are skipped in a loop, not by recursion.
        let headings = format!("{}Body.", "# h\n\n".repeat(200_000));
        assert_eq!(summarize(&headings), Some("Body.".into()));
        assert_eq!(one_line("a\r\nb\u{7}c  d"), "a b c d");
        let long = "word ".repeat(100);
        let s = summarize(&long).unwrap();
        assert!(
            s.chars().count() <= MAX_CHARS + 1 && s.ends_with('…'),
            "{s}"
        );
    }
}
