//! How full the browser's storage is, in words: the figure the plan
//! library shows, and when to warn that it is nearly full (before a save
//! fails, not after).
//!
//! Sizes are in bytes as browsers count local storage: two bytes for each
//! UTF-16 code unit of every key and value. Browsers keep about 5 MB of it
//! for a site (Chromium, Firefox and Safari alike); the exact limit is not
//! told to the page, so the figure says "about".

/// What browsers keep for a site, near enough.
pub const ABOUT_LIMIT_BYTES: u64 = 5_000_000;

/// From this share of the limit on, the library warns.
pub const WARN_AT_PERCENT: u64 = 80;

/// "1.2 MB": a size in bytes, in plain words.
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// The bytes local storage counts for a key and its value.
pub fn stored_bytes(key: &str, value: &str) -> u64 {
    2 * (key.encode_utf16().count() + value.encode_utf16().count()) as u64
}

/// "Plans here use 1.2 MB of about 5 MB this browser keeps for the
/// workbench."
pub fn use_text(bytes: u64) -> String {
    format!(
        "Plans here use {} of about {} this browser keeps for the workbench.",
        megabytes(bytes),
        megabytes(ABOUT_LIMIT_BYTES)
    )
}

/// The warning to show at this use, if any: from `WARN_AT_PERCENT` of the
/// limit on.
pub fn warning(bytes: u64) -> Option<String> {
    if bytes * 100 < ABOUT_LIMIT_BYTES * WARN_AT_PERCENT {
        return None;
    }
    Some(if bytes >= ABOUT_LIMIT_BYTES {
        "This browser's storage for the workbench is full or nearly so: new changes may not be saved. Export the plans you need to files, then delete plans you no longer need here.".to_owned()
    } else {
        format!(
            "This browser's storage for the workbench is {}% full. Before it fills up, export the plans you need to files and delete plans you no longer need here.",
            bytes * 100 / ABOUT_LIMIT_BYTES
        )
    })
}

/// Whether the browser agreed to keep the site's storage, in words:
/// `None` where it was not asked (no `navigator.storage`, as on a site
/// served over plain http) or has not answered (a browser that asks its
/// user, until they do).
pub fn keeping_text(agreed: Option<bool>) -> &'static str {
    match agreed {
        Some(true) => "This browser has agreed to keep these plans unless you clear its data.",
        Some(false) => "This browser may delete these plans if the disk runs short or the site is not visited for a while: export plans to keep copies.",
        None => "This browser has not said whether it will keep these plans, so it may delete them if the disk runs short or the site is not visited for a while: export plans to keep copies.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_counted_as_browsers_count_them() {
        assert_eq!(stored_bytes("", ""), 0);
        assert_eq!(stored_bytes("ab", "c"), 6);
        // One UTF-16 unit for é, two for an emoji.
        assert_eq!(stored_bytes("é", "😀"), 6);
    }

    #[test]
    fn the_figure_in_words() {
        assert_eq!(
            use_text(0),
            "Plans here use 0.0 MB of about 5.0 MB this browser keeps for the workbench."
        );
        assert!(use_text(1_234_567).contains("1.2 MB of about 5.0 MB"));
    }

    #[test]
    fn warns_from_eighty_percent() {
        assert_eq!(warning(0), None);
        assert_eq!(warning(3_999_999), None);
        let at = warning(4_000_000).expect("a warning at 80%");
        assert!(at.contains("80% full") && at.contains("export"), "{at}");
        assert!(warning(4_900_000).unwrap().contains("98% full"));
        let full = warning(5_000_000).expect("a warning when full");
        assert!(full.contains("full or nearly so"), "{full}");
        assert!(warning(9_000_000).unwrap().contains("full or nearly so"));
    }

    #[test]
    fn every_answer_about_keeping_is_said_and_only_a_yes_is_reassuring() {
        assert!(keeping_text(Some(true)).contains("has agreed"));
        for unsure in [Some(false), None] {
            let text = keeping_text(unsure);
            assert!(
                text.contains("may delete") && text.contains("export"),
                "{text}"
            );
        }
        assert!(keeping_text(None).contains("has not said"));
    }
}
