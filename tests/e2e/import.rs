//! Issue 12, bringing an existing plan in: a paste event carrying a Word
//! table (`text/html`, with a merged outcome cell) and its `text/plain`
//! shows the preview with its counts; changing a column's role changes
//! it; "Create a new plan" makes a plan the outline and the diagram show;
//! one Ctrl+Z takes the whole import back; the plan open before is
//! untouched; "Add to this plan" under a priority links the new outcome to
//! it and one undo gives the plan back as it was; a column of numbers is refused with a message and changes
//! nothing; axe finds nothing on the screen with a preview showing.

use fantoccini::Client;
use serde_json::json;

use super::harness::*;

/// A table as Word puts it on the clipboard: an outcome merged over three
/// rows, an aim over two, Word's paragraphs and a non-breaking space.
pub const WORD_HTML: &str = r#"<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{mso-style-parent:"";margin:0cm}</style></head><body>
<table class=MsoTableGrid border=1>
<tr><td><p class=MsoNormal><b>Outcome</b></p></td><td><p class=MsoNormal><b>Improvement aim</b></p></td><td><p class=MsoNormal><b>Action</b></p></td><td><p class=MsoNormal><b>Lead</b></p></td><td><p class=MsoNormal><b>Due date</b></p></td><td><p class=MsoNormal><b>Performance measure</b></p></td></tr>
<tr><td rowspan=3><p class=MsoNormal>Children feel safe in their community</p></td><td><p class=MsoNormal>Reduce bullying</p></td><td><p class=MsoNormal>Buddy scheme in every primary&nbsp;school</p></td><td><p class=MsoNormal>Education</p></td><td><p class=MsoNormal>31/03/2027</p></td><td><p class=MsoNormal>% of pupils who feel safe at school</p></td></tr>
<tr><td rowspan=2><p class=MsoNormal>Fewer accidental injuries at home</p></td><td><p class=MsoNormal>Home safety visits</p></td><td><p class=MsoNormal>Health visiting</p></td><td><p class=MsoNormal>By 30 September 2027</p></td><td></td></tr>
<tr><td><p class=MsoNormal>Safety equipment loans</p></td><td><p class=MsoNormal>Fire and Rescue</p></td><td><p class=MsoNormal>March 2028</p></td><td></td></tr>
</table></body></html>"#;

/// The same table as Word's plain text (merged cells written once).
pub const WORD_TEXT: &str = "Outcome\tImprovement aim\tAction\tLead\tDue date\tPerformance measure\n\
Children feel safe in their community\tReduce bullying\tBuddy scheme in every primary school\tEducation\t31/03/2027\t% of pupils who feel safe at school\n\
\tFewer accidental injuries at home\tHome safety visits\tHealth visiting\tBy 30 September 2027\t\n\
\t\tSafety equipment loans\tFire and Rescue\tMarch 2028\t\n";

pub const WORD_COUNTS: &str =
    "Will create 0 priorities, 1 outcome, 2 improvement aims, 3 actions and 1 measure.";

/// Dispatches a paste on the import screen's box, as the browser does for
/// Ctrl+V, with this clipboard.
pub async fn paste(c: &Client, html: Option<&str>, text: &str) {
    eventually("the import screen's paste box", || async {
        text_of(c, ".import-paste").await.map(|_| ())
    })
    .await;
    js(
        c,
        "const [html, text] = arguments;
         const dt = new DataTransfer();
         if (html !== null) dt.setData('text/html', html);
         dt.setData('text/plain', text);
         document.querySelector('.import-paste').dispatchEvent(
             new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
         return true;",
        vec![json!(html), json!(text)],
    )
    .await;
}

pub async fn wait_counts(c: &Client, want: &str) {
    eventually(&format!("the preview's counts “{want}”"), || async {
        let shown = text_of(c, ".import-counts").await?;
        (shown.trim() == want)
            .then_some(())
            .ok_or(format!("“{shown}”"))
    })
    .await;
}

/// The text of the screen's main part (the diagram, the outline).
async fn main_text(c: &Client) -> String {
    js(
        c,
        "const m = document.querySelector('main');
         return m.innerText + ' ' + [...m.querySelectorAll('textarea, input')].map(x => x.value).join(' ');",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pasted_word_table_previews_then_becomes_a_plan_that_one_undo_takes_back() {
    let world = World::start().await;
    let b = world.browser_on_app().await;
    open_example(&b).await;
    let example_id = open_plan_id(&b).await;
    wait_saved(&b).await;
    let example_before = stored_envelope(&b, &example_id).await;
    let titles_before = {
        click_button(&b, "Plan library").await;
        let t = library_titles(&b).await;
        b.goto(&format!("{}#/plan/{example_id}/import", world.app_url()))
            .await
            .expect("the import screen's address");
        t
    };

    paste(&b, Some(WORD_HTML), WORD_TEXT).await;
    wait_counts(&b, WORD_COUNTS).await;
    // The table as read (its header row first): the merged outcome
    // reaches every row it covers.
    let cells = js(
        &b,
        "return [...document.querySelectorAll('.import-table tbody tr')].map(r => [...r.querySelectorAll('td')].map(td => td.textContent));",
        vec![],
    )
    .await;
    assert_eq!(
        cells[3][0],
        json!("Children feel safe in their community"),
        "{cells}"
    );
    assert_eq!(
        cells[1][2],
        json!("Buddy scheme in every primary school"),
        "{cells}"
    );
    // A link in the list of what will be created.
    // (Each kind's list is folded away under its count: its text, not
    // what is painted.)
    let listed = js(
        &b,
        "return document.querySelector('.import-preview').textContent;",
        vec![],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned();
    assert!(
        listed.contains("Safety equipment loans (linked to: Fewer accidental injuries at home)"),
        "{listed}"
    );
    assert_no_axe_violations(&b, "import screen with a preview").await;

    // The measures column set to "Ignore": no measure any more.
    field(&b, "Role of column 6 (Performance measure) in table 1")
        .await
        .select_by_value("ignore")
        .await
        .expect("choose Ignore");
    wait_counts(
        &b,
        "Will create 0 priorities, 1 outcome, 2 improvement aims, 3 actions and 0 measures.",
    )
    .await;
    // The preview is drawn again; the keyboard stays on that column's role.
    eventually("the focus back on the changed role", || async {
        let v = js(
            &b,
            "return document.activeElement && document.activeElement.getAttribute('aria-label');",
            vec![],
        )
        .await;
        (v == json!("Role of column 6 (Performance measure) in table 1"))
            .then_some(())
            .ok_or(format!("{v}"))
    })
    .await;

    click_button(&b, "Create a new plan").await;
    wait_plan_title(&b, "Imported plan").await;
    eventually("the outline to show the imported actions", || async {
        let t = main_text(&b).await;
        (t.contains("Safety equipment loans") && t.contains("Reduce bullying"))
            .then_some(())
            .ok_or(t)
    })
    .await;
    let new_id = open_plan_id(&b).await;
    assert_ne!(new_id, example_id);
    click_button(&b, "Driver diagram").await;
    eventually("the diagram to show the imported cards", || async {
        let t = text_of(&b, ".diagram-screen").await?;
        (t.contains("Home safety visits") && t.contains("Children feel safe in their community"))
            .then_some(())
            .ok_or(t)
    })
    .await;

    // One Ctrl+Z takes the whole import back.
    press_ctrl(&b, false, 'z').await;
    eventually("the diagram without the imported cards", || async {
        let t = text_of(&b, ".diagram-screen").await?;
        (!t.contains("Home safety visits") && !t.contains("Reduce bullying"))
            .then_some(())
            .ok_or(t)
    })
    .await;
    wait_saved(&b).await;
    let stored = stored_envelope(&b, &new_id).await;
    let plan = &stored["plan"]["plan"];
    for kind in ["outcomes", "aims", "actions", "measures"] {
        assert!(
            plan[kind].as_array().is_none_or(|a| a.is_empty()),
            "{kind} after undo: {plan}"
        );
    }
    // The plan open before was not touched.
    assert_eq!(stored_envelope(&b, &example_id).await, example_before);

    // A column of numbers is not a plan: a message, and nothing changes.
    b.goto(&format!("{}#/plan/{new_id}/import", world.app_url()))
        .await
        .expect("the import screen's address");
    paste(&b, None, "12\n15\n18\n21\n").await;
    let problem = eventually("the not-a-plan message", || async {
        text_of(&b, ".import-problem[role=alert]").await
    })
    .await;
    assert!(problem.contains("numbers"), "{problem}");
    assert!(text_of(&b, ".import-counts").await.is_err(), "no preview");
    // Added to the example plan under its first priority, as one undo step.
    b.goto(&format!("{}#/plan/{example_id}/import", world.app_url()))
        .await
        .expect("the example plan's import screen");
    paste(&b, Some(WORD_HTML), WORD_TEXT).await;
    wait_counts(&b, WORD_COUNTS).await;
    field(&b, "Put under")
        .await
        .select_by_value("ex-p1")
        .await
        .expect("choose the first priority");
    click_button(&b, "Add to this plan").await;
    eventually(
        "the example's outline to show the added actions",
        || async {
            let t = main_text(&b).await;
            t.contains("Safety equipment loans").then_some(()).ok_or(t)
        },
    )
    .await;
    wait_saved(&b).await;
    let added = stored_envelope(&b, &example_id).await;
    let outcome = added["plan"]["plan"]["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["statement"] == "Children feel safe in their community")
        .cloned()
        .expect("the added outcome is stored");
    assert_eq!(outcome["priorities"], json!(["ex-p1"]), "{outcome}");
    click_button(&b, "Undo").await;
    eventually(
        "the example's outline without the added actions",
        || async {
            let t = main_text(&b).await;
            (!t.contains("Safety equipment loans"))
                .then_some(())
                .ok_or(t)
        },
    )
    .await;
    wait_saved(&b).await;
    assert_eq!(
        stored_envelope(&b, &example_id).await["plan"]["plan"],
        example_before["plan"]["plan"],
        "one undo gives the example plan back as it was"
    );

    click_button(&b, "Plan library").await;
    let titles_after = library_titles(&b).await;
    assert_eq!(
        titles_after.len(),
        titles_before.len() + 1,
        "only the one new plan: {titles_after:?}"
    );
    b.close().await;
}
