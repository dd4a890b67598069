//! HTML cut into the pieces a table reader needs: start tags with their
//! attributes, end tags and text. Comments, `<!DOCTYPE>`, Word's
//! `<![if ...]>` markers and `<?xml ...?>` are skipped; the insides of
//! `<script>`, `<style>`, `<title>` and `<textarea>` are skipped whole, so
//! nothing in them is taken for a tag. Anything else that is not a tag
//! ("a < b") is text. Tag and attribute names are lower-cased; text and
//! values are given as written (entities are decoded by the reader).

#[derive(Clone, Debug, PartialEq)]
pub enum Token<'a> {
    Start(Tag<'a>),
    /// An end tag's lower-cased name.
    End(String),
    Text(&'a str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tag<'a> {
    /// Lower-cased.
    pub name: String,
    /// Lower-cased names, values as written (without their quotes).
    pub attributes: Vec<(String, &'a str)>,
}

impl Tag<'_> {
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| *v)
    }
}

/// Elements whose content is not HTML: skipped to their end tag.
const RAW_TEXT: [&str; 4] = ["script", "style", "title", "textarea"];

/// The tokens of `html`, in order.
pub fn tokens(html: &str) -> Tokens<'_> {
    Tokens { html, at: 0 }
}

pub struct Tokens<'a> {
    html: &'a str,
    at: usize,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = &self.html[self.at..];
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.at += end;
                return Some(Token::Text(&rest[..end]));
            }
            let b = rest.as_bytes();
            let next = b.get(1).copied().unwrap_or(0);
            if let Some(comment) = rest.strip_prefix("<!--") {
                self.at += comment.find("-->").map_or(rest.len(), |i| i + 7);
            } else if next == b'!' || next == b'?' {
                self.at += rest.find('>').map_or(rest.len(), |i| i + 1);
            } else if next == b'/' && b.get(2).is_some_and(u8::is_ascii_alphabetic) {
                let name = name_at(&rest[2..]);
                self.at += rest.find('>').map_or(rest.len(), |i| i + 1);
                return Some(Token::End(name.to_ascii_lowercase()));
            } else if next.is_ascii_alphabetic() {
                let (tag, len) = start_tag(rest);
                self.at += len;
                if RAW_TEXT.contains(&tag.name.as_str()) {
                    let inside = &self.html[self.at..];
                    self.at += find_end_tag(inside, &tag.name).unwrap_or(inside.len());
                }
                return Some(Token::Start(tag));
            } else {
                // A '<' that starts no tag is text.
                let end = rest[1..].find('<').map_or(rest.len(), |i| i + 1);
                self.at += end;
                return Some(Token::Text(&rest[..end]));
            }
        }
    }
}

/// The tag name at the start of `s`: up to a space, '/' or '>'.
fn name_at(s: &str) -> &str {
    let end = s
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(s.len());
    &s[..end]
}

/// The start tag at the start of `s` (which begins "<" and a letter) and
/// its length in bytes, up to and including its '>' (or the end of `s`).
fn start_tag(s: &str) -> (Tag<'_>, usize) {
    let name = name_at(&s[1..]);
    let mut at = 1 + name.len();
    let b = s.as_bytes();
    let mut attributes = Vec::new();
    loop {
        while at < b.len() && (b[at].is_ascii_whitespace() || b[at] == b'/') {
            at += 1;
        }
        if at >= b.len() {
            break;
        }
        if b[at] == b'>' {
            at += 1;
            break;
        }
        let start = at;
        while at < b.len() && !b[at].is_ascii_whitespace() && !matches!(b[at], b'=' | b'>' | b'/') {
            at += 1;
        }
        let attr = s[start..at].to_ascii_lowercase();
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value = "";
        if b.get(at) == Some(&b'=') {
            at += 1;
            while at < b.len() && b[at].is_ascii_whitespace() {
                at += 1;
            }
            match b.get(at) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = s[at + 1..].find(q as char).map_or(s.len(), |i| at + 1 + i);
                    value = &s[at + 1..end];
                    at = (end + 1).min(s.len());
                }
                _ => {
                    let start = at;
                    while at < b.len() && !b[at].is_ascii_whitespace() && b[at] != b'>' {
                        at += 1;
                    }
                    value = &s[start..at];
                }
            }
        }
        attributes.push((attr, value));
    }
    let tag = Tag {
        name: name.to_ascii_lowercase(),
        attributes,
    };
    (tag, at)
}

/// Where `</name` starts in `s`, in any case.
fn find_end_tag(s: &str, name: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find("</") {
        let at = from + i;
        let after = &b[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}
