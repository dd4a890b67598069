//! Addresses of the workbench's screens, written in the URL's fragment
//! (`#/plan/<id>/diagram`) so that any static host, a sub-path, a file://
//! page and a service worker's precache all serve the same page for every
//! address: only the part after `#` changes.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

use super::Id;

/// One of the open plan's screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanScreen {
    Outline,
    Diagram,
    Details,
    Table,
    Report,
    Measures,
    /// Bringing a table in (issue 12's import screen).
    Import,
}

impl PlanScreen {
    fn word(self) -> &'static str {
        match self {
            PlanScreen::Outline => "outline",
            PlanScreen::Diagram => "diagram",
            PlanScreen::Details => "details",
            PlanScreen::Table => "table",
            PlanScreen::Report => "report",
            PlanScreen::Measures => "measures",
            PlanScreen::Import => "import",
        }
    }
}

/// What an address shows: the plan library, or one screen of one plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Address {
    Library,
    Plan { id: Id, screen: PlanScreen },
}

/// Characters escaped in a plan id: everything but letters, digits and
/// `-._~` (an imported plan keeps its own id, which may hold `/`, `#`,
/// `%`, spaces or any other text).
const ID_ESCAPES: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'!')
    .add(b'"')
    .add(b'#')
    .add(b'$')
    .add(b'%')
    .add(b'&')
    .add(b'\'')
    .add(b'(')
    .add(b')')
    .add(b'*')
    .add(b'+')
    .add(b',')
    .add(b'/')
    .add(b':')
    .add(b';')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'?')
    .add(b'@')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

impl Address {
    /// The URL fragment for this address, with its `#`.
    pub fn to_hash(&self) -> String {
        match self {
            Address::Library => "#/library".to_owned(),
            Address::Plan { id, screen } => format!(
                "#/plan/{}/{}",
                utf8_percent_encode(id.as_str(), ID_ESCAPES),
                screen.word()
            ),
        }
    }
}

/// Reads a URL fragment (`location.hash`, with or without its `#`).
/// `None` when it is not an address at all (empty, or text of another
/// kind): the workbench then shows what it would without one. A plan's
/// address with no screen, or a screen this version does not have (a
/// newer version's, say), shows the plan's outline.
pub fn parse(hash: &str) -> Option<Address> {
    let path = hash.strip_prefix('#').unwrap_or(hash);
    let path = path.strip_prefix('/')?;
    let path = path.strip_suffix('/').unwrap_or(path);
    let mut parts = path.split('/');
    match parts.next()? {
        "" | "library" if parts.next().is_none() => Some(Address::Library),
        "plan" => {
            let id = percent_decode_str(parts.next()?).decode_utf8().ok()?;
            if id.is_empty() {
                return None;
            }
            let screen = match parts.next() {
                Some("diagram") => PlanScreen::Diagram,
                Some("details") => PlanScreen::Details,
                Some("table") => PlanScreen::Table,
                Some("report") => PlanScreen::Report,
                Some("measures") => PlanScreen::Measures,
                Some("import") => PlanScreen::Import,
                _ => PlanScreen::Outline,
            };
            Some(Address::Plan {
                id: Id(id.into_owned()),
                screen,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(id: &str, screen: PlanScreen) -> Address {
        Address::Plan {
            id: Id(id.to_owned()),
            screen,
        }
    }

    #[test]
    fn every_address_reads_back_as_itself() {
        let ids = [
            "3f2b8c1e-6a7d-4e5f-9b0a-1c2d3e4f5a6b",
            "from-the-future",
            "a/b#c?d%e f",
            "plan%2Fwith%25escapes",
            "Cynllun gwella – ‘2026’ ✓",
            "..",
            "~._-",
        ];
        let screens = [
            PlanScreen::Outline,
            PlanScreen::Diagram,
            PlanScreen::Details,
            PlanScreen::Table,
            PlanScreen::Report,
            PlanScreen::Measures,
            PlanScreen::Import,
        ];
        for id in ids {
            for screen in screens {
                let address = plan(id, screen);
                let hash = address.to_hash();
                assert_eq!(parse(&hash), Some(address), "{hash}");
            }
        }
        assert_eq!(parse(&Address::Library.to_hash()), Some(Address::Library));
    }

    #[test]
    fn a_plan_address_names_the_plan_and_its_screen() {
        assert_eq!(
            plan("abc-123", PlanScreen::Diagram).to_hash(),
            "#/plan/abc-123/diagram"
        );
        assert_eq!(
            plan("abc-123", PlanScreen::Outline).to_hash(),
            "#/plan/abc-123/outline"
        );
        assert_eq!(
            plan("abc-123", PlanScreen::Details).to_hash(),
            "#/plan/abc-123/details"
        );
        assert_eq!(Address::Library.to_hash(), "#/library");
    }

    #[test]
    fn an_id_with_url_characters_is_escaped_so_it_stays_one_part() {
        let hash = plan("a/b#c?d%e f", PlanScreen::Details).to_hash();
        assert_eq!(hash, "#/plan/a%2Fb%23c%3Fd%25e%20f/details");
        // A browser may show or hand back an id's non-ASCII letters as
        // they are or escaped; both read as the same plan.
        assert_eq!(
            parse("#/plan/caf%C3%A9/diagram"),
            parse("#/plan/café/diagram")
        );
        assert_eq!(
            parse("#/plan/caf%C3%A9/diagram"),
            Some(plan("café", PlanScreen::Diagram))
        );
    }

    #[test]
    fn the_library_has_short_and_long_addresses() {
        for hash in ["#/", "#/library", "#/library/", "/library", "#//"] {
            assert_eq!(parse(hash), Some(Address::Library), "{hash}");
        }
    }

    #[test]
    fn a_plan_without_a_known_screen_shows_its_outline() {
        for hash in [
            "#/plan/p1",
            "#/plan/p1/",
            "#/plan/p1/progress",
            "#/plan/p1/DIAGRAM",
            "#/plan/p1/diagram/extra",
        ] {
            let want = if hash.ends_with("/extra") {
                plan("p1", PlanScreen::Diagram)
            } else {
                plan("p1", PlanScreen::Outline)
            };
            assert_eq!(parse(hash), Some(want), "{hash}");
        }
        assert_eq!(
            parse("#/plan/p1/diagram/"),
            Some(plan("p1", PlanScreen::Diagram))
        );
    }

    #[test]
    fn other_text_is_not_an_address() {
        for hash in [
            "",
            "#",
            "#main",
            "#library",
            "#/plans/p1",
            "#/plan",
            "#/plan/",
            "#/plan//diagram",
            "#/library/p1",
            "#/plan/%FF%FE/outline",
            "#/%",
            "plan/p1/diagram",
        ] {
            assert_eq!(parse(hash), None, "{hash:?}");
        }
    }
}
