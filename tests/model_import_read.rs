//! Reading a paste into a table: Word's, Excel's and a web page's clipboard
//! HTML (tests/import/html/), Excel's tab-separated text with quoted cells,
//! text copied out of a PDF, and .csv files (tests/import/text/). Every
//! cell is asserted exactly.

use plan_workbench::model::import::html::read_html;
use plan_workbench::model::import::text::{read_csv, read_text};
use plan_workbench::model::import::{Row, Source, Table};

fn fixture(path: &str) -> String {
    let path = format!("{}/tests/import/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The table's cells, row by row.
fn cells(table: &Table) -> Vec<Vec<&str>> {
    table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(String::as_str).collect())
        .collect()
}

fn lines(table: &Table) -> Vec<usize> {
    table.rows.iter().map(|r| r.line).collect()
}

fn html(path: &str) -> Table {
    let table = read_html(&fixture(path)).unwrap_or_else(|| panic!("{path} gave no table"));
    assert_eq!(table.source, Source::Html);
    table
}

// ---- clipboard HTML --------------------------------------------------------

#[test]
fn word_table_with_merged_outcome_list_and_line_breaks() {
    let table = html("html/word.html");
    let safe = "Children and young people feel safe in their community";
    assert_eq!(
        cells(&table),
        vec![
            vec![
                "Outcome",
                "Improvement aim",
                "Action",
                "Lead",
                "Due date",
                "RAG"
            ],
            vec![
                safe,
                "Reduce the incidence and impact of bullying",
                "Investigate concerns raised by children of all ages regarding bullying",
                "Head of Education\nAnti-bullying Steering Group",
                "31 March 2022",
                "G",
            ],
            // The outcome merged over three rows reaches each of them, and
            // Word's list bullets (in their mso-list:Ignore spans) are gone.
            vec![
                safe,
                "Improve understanding of what makes a child feel safe",
                "Develop safe spaces:\nin schools\nin children’s centres & youth clubs",
                "Community Safety Partnership",
                "By end of Year 1 31 July 2022",
                "A",
            ],
            vec![
                safe,
                "Reduce accidental injury",
                "Monitor hospital admissions\nReport the trend to the CPC",
                "NHS Tayside",
                "2021/22 Q4",
                "",
            ],
            vec![
                "Children live in safe and supportive families",
                "Intervene early to minimise the impact of neglect",
                "Co-produce supports with and for parents",
                "Children’s Services Manager",
                "Ongoing 2021 – 2023",
                "R",
            ],
        ]
    );
    assert_eq!(lines(&table), vec![1, 2, 3, 4, 5]);
}

#[test]
fn excel_table_with_merged_cells_and_same_cell_breaks() {
    let table = html("html/excel.html");
    assert_eq!(
        cells(&table),
        vec![
            vec![
                "Action code",
                "Action",
                "Lead responsibility",
                "Target timescale",
                "Progress",
                "RAG"
            ],
            // colspan: the text in the first covered cell, the rest empty.
            vec![
                "Priority 1: Strategic leadership & governance",
                "",
                "",
                "",
                "",
                ""
            ],
            vec![
                "STRAT1.1",
                "Publish the plan\nand a summary for young people",
                "CPC Lead Officer",
                "31-Mar-2022",
                "50%",
                "G",
            ],
            // The lead merged over two rows is in both.
            vec![
                "STRAT1.2",
                "Review the \"Getting it right\" guidance",
                "CPC Lead Officer",
                "2021/22 Q4",
                "16%",
                "Amber/Green",
            ],
            vec![
                "STRAT1.3",
                "Agree the data set",
                "Data <Performance> Group",
                "30-Sep-2022",
                "0%",
                ""
            ],
            // A cell merged over two columns and two rows.
            vec![
                "STRAT1.4",
                "To be agreed at the development day",
                "",
                "TBC",
                "",
                "R"
            ],
            vec![
                "STRAT1.5",
                "To be agreed at the development day",
                "",
                "N/A",
                "100%",
                "G"
            ],
        ]
    );
    assert_eq!(lines(&table), vec![1, 2, 3, 4, 5, 6, 7]);
}

#[test]
fn web_page_largest_table_with_lists_nested_table_and_entities() {
    let table = html("html/web.html");
    let heard = "Children & young people are heard";
    assert_eq!(
        cells(&table),
        vec![
            vec!["What we want to achieve", "", "What we will do", "", "", ""],
            vec!["Outcome", "Aim", "Action", "Lead", "Due date", "RAG"],
            vec![
                heard,
                "More children attend their own meetings",
                "Review how meetings are held:\nagree a ‘child-friendly’ format\ntrain chairs and minute takers",
                "Independent Reviewing Officers",
                "31/03/2022",
                "Green",
            ],
            // The table inside the action's cell is that cell's text.
            vec![
                heard,
                "Children say they were listened to",
                "Ask every child after their meeting\nBaseline\n60.8%\nTarget\n90%",
                "Quality Assurance Sub-group",
                "March 2023",
                "Amber",
            ],
            // Cells and rows whose end tags are left out, as HTML allows;
            // markup written as text stays text.
            vec![
                "Advocacy is offered to every child",
                "Every child is offered an advocate",
                "Commission an advocacy service\nwith the third sector",
                "Head of Children's Services – commissioning",
                "Q2 2022/23",
                "<script>alert(1)</script>",
            ],
            vec!["Priority 4 to follow …", "", "", "", "", ""],
        ]
    );
    assert_eq!(lines(&table), vec![1, 2, 3, 4, 5, 6]);
}

#[test]
fn html_without_a_table_is_not_read() {
    assert_eq!(read_html(""), None);
    assert_eq!(
        read_html("<p>Just a paragraph &amp; a <b>word</b></p>"),
        None
    );
    assert_eq!(read_html("<table></table><table><tr></tr></table>"), None);
    // A table inside a script or a comment is not the page's.
    assert_eq!(
        read_html("<script>t = '<table><tr><td>x</td></tr></table>'</script><!-- <table><td>y</td></table> -->"),
        None
    );
}

#[test]
fn html_the_only_table_and_the_first_of_equals() {
    let only = read_html("<table><tr><td>One</td></tr></table>").unwrap();
    assert_eq!(cells(&only), vec![vec!["One"]]);
    let first = read_html(
        "<table><tr><td>First</td><td>a</td></tr></table>\
         <table><tr><td>Second</td><td>b</td></tr></table>",
    )
    .unwrap();
    assert_eq!(cells(&first), vec![vec!["First", "a"]]);
    let larger = read_html(
        "<table><tr><td>Small</td></tr></table>\
         <table><tr><td>Large</td><td>b</td></tr></table>",
    )
    .unwrap();
    assert_eq!(cells(&larger), vec![vec!["Large", "b"]]);
}

#[test]
fn html_spans_beyond_the_table_and_hostile_spans() {
    // A rowspan past the last row (or 0) stops at the last row; a rowspan
    // below pushes later cells of that row to the right.
    let table = read_html(
        "<table><tr><td rowspan=9>Lead</td><td>a</td></tr>\
         <tr><td>b</td></tr><tr><td rowspan=0>c</td><td>d</td></tr><tr><td>e</td></tr></table>",
    )
    .unwrap();
    assert_eq!(
        cells(&table),
        vec![
            vec!["Lead", "a"],
            vec!["Lead", "b"],
            vec!["Lead", "c", "d"],
            vec!["Lead", "c", "e"],
        ]
    );
    let wide = read_html("<table><tr><td colspan=100000>x</td></tr></table>").unwrap();
    assert_eq!(wide.width(), 50, "a colspan is cut to 50 columns");
}

#[test]
fn html_entities_and_whitespace() {
    let table = read_html(
        "<TABLE><TR><TD>  Caf&eacute; &pound;5 &frac12;&nbsp;day\n\t&#150;&#x2019;&#8212;&unknown; &amp &lt;b&gt; </TD>\
         <TD>a&shy;b<p>&nbsp;</p><div> </div>c</TD></TR></TABLE>",
    )
    .unwrap();
    assert_eq!(
        cells(&table),
        vec![vec!["Café £5 ½ day –’—&unknown; & <b>", "ab\nc"]]
    );
}

#[test]
fn html_a_paste_cut_short_keeps_what_came() {
    let table = read_html("<table><tr><td>Outcome<td>Aim<tr><td>Safe<td>Heard").unwrap();
    assert_eq!(
        cells(&table),
        vec![vec!["Outcome", "Aim"], vec!["Safe", "Heard"]]
    );
}

// ---- tab-separated text ----------------------------------------------------

#[test]
fn excel_text_with_quoted_multi_line_cells_and_doubled_quotes() {
    let table = read_text(&fixture("text/excel.tsv"));
    assert_eq!(table.source, Source::Text);
    assert_eq!(
        cells(&table),
        vec![
            vec![
                "Action code",
                "Action",
                "Lead responsibility",
                "Target timescale",
                "Progress",
                "RAG"
            ],
            vec![
                "STRAT1.1",
                "Publish the plan\nand a summary for young people",
                "CPC Lead Officer",
                "31-Mar-2022",
                "50%",
                "G",
            ],
            vec![
                "STRAT1.2",
                "Review the \"Getting it right\" guidance",
                "CPC Lead Officer",
                "2021/22 Q4",
                "16%",
                "Amber/Green",
            ],
            // A quote that does not start the cell is text; the
            // non-breaking space is a space.
            vec![
                "STRAT1.3",
                "Replace the 5\" screens in the hub",
                "Data Group",
                "30-Sep-2022",
                "0%",
                ""
            ],
            vec![
                "STRAT1.4",
                "Agree the data set:\n\"what we count\"\n\tand why",
                "Data Group",
                "TBC",
                "",
                "R",
            ],
        ]
    );
    // Each row numbered by the line it starts on; the final line break
    // makes no empty row.
    assert_eq!(lines(&table), vec![1, 2, 4, 5, 6]);
}

#[test]
fn pdf_text_keeps_every_line_blank_and_stray_quotes() {
    let pdf = "OUTCOMES\tIMPROVEMENT AIMS\tHIGH LEVEL ACTIONS\n\
               EMOTIONAL AND MENTAL WELLB\tEING\t\n\
               \n\
               \"Our children will have the best start in life\"\n\
               \"Tayside will be\tthe best place\n\
               10% more children\tIncrease provision\tCo-design services \n\
               \t\tIncreased investment";
    let table = read_text(pdf);
    assert_eq!(
        cells(&table),
        vec![
            vec!["OUTCOMES", "IMPROVEMENT AIMS", "HIGH LEVEL ACTIONS"],
            vec!["EMOTIONAL AND MENTAL WELLB", "EING", ""],
            vec![""],
            // Quotes around text that Excel would not have quoted are the
            // text's own.
            vec!["\"Our children will have the best start in life\""],
            // A quote that never closes is text, and the lines after it
            // are still rows of their own.
            vec!["\"Tayside will be", "the best place"],
            vec![
                "10% more children",
                "Increase provision",
                "Co-design services "
            ],
            vec!["", "", "Increased investment"],
        ]
    );
    assert_eq!(lines(&table), vec![1, 2, 3, 4, 5, 6, 7]);
    assert!(table.rows[2].is_blank());
}

#[test]
fn text_quote_closing_before_other_text_is_not_a_quoted_cell() {
    // The closing quote is followed by more text, so the cell is plain; a
    // later quote does not make the lines between one cell.
    let table = read_text("\"Best\" start\tin life\nnext line\t\"quoted\n\"\n");
    assert_eq!(
        cells(&table),
        vec![
            vec!["\"Best\" start", "in life"],
            vec!["next line", "quoted\n"]
        ]
    );
    assert_eq!(lines(&table), vec![1, 2]);
}

#[test]
fn text_line_endings_and_empty_text() {
    assert_eq!(read_text("").rows, Vec::<Row>::new());
    let crlf = read_text("a\tb\r\nc\td\r\n");
    assert_eq!(cells(&crlf), vec![vec!["a", "b"], vec!["c", "d"]]);
    let cr_inside = read_text("\"one\r\ntwo\"\tx\r\n");
    assert_eq!(cells(&cr_inside), vec![vec!["one\ntwo", "x"]]);
    // A carriage return is only trimmed where it ends a line.
    let stray = read_text("a\r\tb");
    assert_eq!(cells(&stray), vec![vec!["a\r", "b"]]);
}

// ---- .csv files ------------------------------------------------------------

#[test]
fn csv_with_quoted_commas_and_line_breaks() {
    let table = read_csv(&fixture("text/plan.csv"));
    assert_eq!(table.source, Source::Csv);
    assert_eq!(
        cells(&table),
        vec![
            vec!["Outcome", "Action", "Lead", "Due date"],
            vec![
                "Children are safe, loved and respected",
                "Review chronologies\nand train staff",
                "CPC",
                "31/03/2022",
            ],
            vec![
                "Herd immunity is achieved",
                "Ask families \"why not?\"",
                "NHS Grampian",
                ""
            ],
            vec!["Short row", "only two"],
        ]
    );
    // The blank line 4 is passed over; line numbers are the file's.
    assert_eq!(lines(&table), vec![1, 2, 5, 6]);
}

#[test]
fn csv_with_semicolons_as_excel_writes_it_in_some_locales() {
    let table = read_csv("Action;Progress;Due\nAgree the data set;12,5%;\"31/03/2022\"\n");
    assert_eq!(
        cells(&table),
        vec![
            vec!["Action", "Progress", "Due"],
            vec!["Agree the data set", "12,5%", "31/03/2022"]
        ]
    );
    // A first line with commas is read with commas, semicolons and all.
    let commas = read_csv("Action,Note\nAgree;review,Soon\n");
    assert_eq!(
        cells(&commas),
        vec![vec!["Action", "Note"], vec!["Agree;review", "Soon"]]
    );
}

// ---- anything at all -------------------------------------------------------

mod any_paste {
    use super::*;
    use proptest::prelude::*;

    /// Pieces that meet at the edges of the readers' rules.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<th colspan=3>",
            "<td rowspan=4>",
            "<td rowspan=0 colspan=0>",
            "<br>",
            "<p>",
            "</p>",
            "<li>",
            "<span style='mso-list:Ignore'>",
            "<span>",
            "</span>",
            "<style>",
            "</style>",
            "<!--",
            "-->",
            "<![if !supportLists]>",
            "<!",
            "<",
            ">",
            "</",
            "='",
            "\"",
            "&",
            "&#",
            "&#x",
            ";",
            "&nbsp;",
            "&amp",
            "é",
            "·",
            "\u{a0}",
            "\t",
            "\n",
            "\r",
            " ",
            "x",
            "1",
            ",",
            ";",
        ])
    }

    proptest! {
        #[test]
        fn readers_never_fail_and_number_rows_in_order(
            pieces in prop::collection::vec(piece(), 0..60),
            noise in "\\PC{0,40}",
        ) {
            let paste = pieces.concat() + &noise;
            for table in [read_text(&paste), read_csv(&paste)] {
                let lines = lines(&table);
                prop_assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
                prop_assert!(lines.first().is_none_or(|l| *l >= 1));
            }
            if let Some(table) = read_html(&paste) {
                prop_assert!(table.rows.iter().any(|r| !r.cells.is_empty()));
                prop_assert!(table.width() <= 50 * paste.matches("<t").count().max(1));
                for cell in table.rows.iter().flat_map(|r| &r.cells) {
                    prop_assert!(!cell.starts_with([' ', '\n']) && !cell.ends_with([' ', '\n']));
                    prop_assert!(!cell.contains("\n\n") && !cell.contains("  "));
                }
            }
        }
    }
}
