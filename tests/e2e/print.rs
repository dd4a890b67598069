//! Printing the current page to PDF and reading it back, for the tests of
//! the print style sheets (the progress report prints A4 portrait, the plan
//! table A4 landscape).
//!
//! The page is printed by Chromium's own `Page.printToPDF` (sent through
//! chromedriver's DevTools endpoint), which is what WebDriver's print
//! command calls too, but with `preferCSSPageSize`, so that the page's own
//! `@page { size: ... }` decides the paper and its orientation, as it does
//! when a person prints from the browser. `landscape` is only the fallback
//! for a page whose style sheet names no size. Print media styles apply, as
//! in any print.
//!
//! The PDF is read back with poppler-utils' `pdftotext` (the text of each
//! page, laid out as on the page) and `pdfinfo` (each page's size);
//! `scripts/setup.sh --test` installs them.

use std::path::Path;
use std::process::Command;

use fantoccini::Client;
use serde_json::json;

use crate::harness::{cdp_call, TempDir};

/// One printed page: its text and its size in PDF points (1/72 inch).
#[derive(Debug, Clone)]
pub(crate) struct PrintedPage {
    pub text: String,
    pub width_pt: f64,
    pub height_pt: f64,
}

/// A4 in points: 210 x 297 mm.
pub(crate) const A4_SHORT_PT: f64 = 595.28;
pub(crate) const A4_LONG_PT: f64 = 841.89;

impl PrintedPage {
    pub fn is_portrait(&self) -> bool {
        self.height_pt > self.width_pt
    }

    pub fn is_landscape(&self) -> bool {
        self.width_pt > self.height_pt
    }

    /// A4 either way round (within 2 points for rounding).
    pub fn is_a4(&self) -> bool {
        let (short, long) = if self.width_pt < self.height_pt {
            (self.width_pt, self.height_pt)
        } else {
            (self.height_pt, self.width_pt)
        };
        (short - A4_SHORT_PT).abs() < 2.0 && (long - A4_LONG_PT).abs() < 2.0
    }
}

/// The current page printed to PDF (see the module's comment).
pub(crate) async fn print_pdf(c: &Client, landscape: bool) -> Vec<u8> {
    use base64::Engine as _;
    let (w, h) = (A4_SHORT_PT / 72.0, A4_LONG_PT / 72.0);
    let reply = cdp_call(
        c,
        "Page.printToPDF",
        json!({
            "landscape": landscape,
            "paperWidth": w,
            "paperHeight": h,
            "preferCSSPageSize": true,
            "printBackground": false,
            "displayHeaderFooter": false,
        }),
    )
    .await;
    let data = reply["data"]
        .as_str()
        .unwrap_or_else(|| panic!("Page.printToPDF gave no data: {reply}"));
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .expect("Page.printToPDF's data is base64")
}

/// The current page printed, page by page: each page's text and size.
pub(crate) async fn printed(c: &Client, landscape: bool) -> Vec<PrintedPage> {
    let pdf = print_pdf(c, landscape).await;
    let dir = TempDir::new("print");
    let path = dir.path().join("printed.pdf");
    std::fs::write(&path, &pdf).expect("write the printed PDF");
    let texts = pdf_page_texts(&path);
    let sizes = pdf_page_sizes(&path);
    assert_eq!(
        texts.len(),
        sizes.len(),
        "pdftotext and pdfinfo count the same pages"
    );
    texts
        .into_iter()
        .zip(sizes)
        .map(|(text, (width_pt, height_pt))| PrintedPage {
            text,
            width_pt,
            height_pt,
        })
        .collect()
}

/// The text of each page of the current page printed to PDF.
pub(crate) async fn printed_pages(c: &Client, landscape: bool) -> Vec<String> {
    printed(c, landscape)
        .await
        .into_iter()
        .map(|p| p.text)
        .collect()
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("could not run {cmd:?} (poppler-utils; scripts/setup.sh --test installs it): {e}")
    });
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Each page's text: pdftotext ends every page with a form feed.
fn pdf_page_texts(pdf: &Path) -> Vec<String> {
    let text = run(Command::new("pdftotext")
        .arg("-layout")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-"));
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Each page's width and height in points, from pdfinfo's
/// "Page    1 size: 595.92 x 842.88 pts (A4)" lines.
fn pdf_page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let info = run(Command::new("pdfinfo")
        .arg("-f")
        .arg("1")
        .arg("-l")
        .arg("100000")
        .arg(pdf));
    info.lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .map(|l| {
            let size = l.split(" size: ").nth(1).unwrap_or_default();
            let mut numbers = size
                .split_whitespace()
                .filter_map(|w| w.parse::<f64>().ok());
            let w = numbers.next().unwrap_or_else(|| panic!("no width in {l}"));
            let h = numbers.next().unwrap_or_else(|| panic!("no height in {l}"));
            (w, h)
        })
        .collect()
}

/// Writes `html` as the whole of the current page.
async fn show_html(c: &Client, html: &str) {
    crate::harness::js(
        c,
        "document.open(); document.write(arguments[0]); document.close();",
        vec![json!(html)],
    )
    .await;
}

/// The helper itself: the page's own `@page` size decides the paper (a
/// print that ignored it would come out portrait for the first case), the
/// `landscape` argument applies only when the page names none, and each
/// page's text comes back on its own.
#[tokio::test(flavor = "multi_thread")]
async fn printed_pages_follow_the_style_sheets_page_size() {
    let world = crate::harness::World::start().await;
    let b = world.browser().await;
    b.goto("about:blank").await.expect("open a blank page");
    let doc = |page_rule: &str| {
        format!(
            "<!doctype html><html><head><title>Print</title><style>{page_rule} \
             p {{ break-after: page; font: 16pt serif; }}</style></head>\
             <body><p>First page words</p><p>Second page words</p></body></html>"
        )
    };

    show_html(&b, &doc("@page { size: A4 landscape; }")).await;
    let pages = printed(&b, false).await;
    assert_eq!(pages.len(), 2, "two pages: {pages:?}");
    assert!(pages[0].text.contains("First page words"), "{pages:?}");
    assert!(pages[1].text.contains("Second page words"), "{pages:?}");
    assert!(!pages[0].text.contains("Second"), "{pages:?}");
    assert!(
        pages.iter().all(|p| p.is_a4() && p.is_landscape()),
        "the style sheet's A4 landscape: {pages:?}"
    );

    show_html(&b, &doc("@page { size: A4 portrait; }")).await;
    let pages = printed(&b, true).await;
    assert!(
        pages.iter().all(|p| p.is_a4() && p.is_portrait()),
        "the style sheet's portrait wins over the fallback: {pages:?}"
    );

    show_html(&b, &doc("")).await;
    let pages = printed(&b, true).await;
    assert!(
        pages.iter().all(|p| p.is_a4() && p.is_landscape()),
        "no size in the style sheet: the fallback, A4 landscape: {pages:?}"
    );
    assert_eq!(
        printed_pages(&b, false).await.len(),
        2,
        "printed_pages gives the same pages' texts"
    );
    b.close().await;
}
