//! What each column of a pasted table holds, guessed from its header (the
//! words real plans use) or, without one, from its content. The user can
//! change every guess on the import screen.

use super::table::Table;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    Priority,
    Outcome,
    Aim,
    SecondaryDriver,
    Action,
    Measure,
    /// A code ("STRAT1.4", "5.2") of the row's item, or of the action a
    /// measure row refers to.
    Code,
    Lead,
    DueDate,
    Status,
    /// Percent complete ("16%").
    Progress,
    Rag,
    /// The latest progress update's text.
    UpdateText,
    Target,
    Ignore,
}

impl Role {
    pub const ALL: [Role; 15] = [
        Role::Priority,
        Role::Outcome,
        Role::Aim,
        Role::SecondaryDriver,
        Role::Action,
        Role::Measure,
        Role::Code,
        Role::Lead,
        Role::DueDate,
        Role::Status,
        Role::Progress,
        Role::Rag,
        Role::UpdateText,
        Role::Target,
        Role::Ignore,
    ];

    /// The words the import screen shows for the role.
    pub fn label(self) -> &'static str {
        match self {
            Role::Priority => "Priority",
            Role::Outcome => "Outcome",
            Role::Aim => "Improvement aim",
            Role::SecondaryDriver => "Secondary driver",
            Role::Action => "Action",
            Role::Measure => "Measure",
            Role::Code => "Code",
            Role::Lead => "Lead",
            Role::DueDate => "Due date",
            Role::Status => "Status",
            Role::Progress => "Progress %",
            Role::Rag => "RAG",
            Role::UpdateText => "Progress update",
            Role::Target => "Target",
            Role::Ignore => "Ignore",
        }
    }

    /// A stable name for a form's value ("secondary_driver").
    pub fn key(self) -> &'static str {
        match self {
            Role::Priority => "priority",
            Role::Outcome => "outcome",
            Role::Aim => "aim",
            Role::SecondaryDriver => "secondary_driver",
            Role::Action => "action",
            Role::Measure => "measure",
            Role::Code => "code",
            Role::Lead => "lead",
            Role::DueDate => "due_date",
            Role::Status => "status",
            Role::Progress => "progress",
            Role::Rag => "rag",
            Role::UpdateText => "update_text",
            Role::Target => "target",
            Role::Ignore => "ignore",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Whether the column makes items (rather than details of one).
    pub fn makes_items(self) -> bool {
        matches!(
            self,
            Role::Priority
                | Role::Outcome
                | Role::Aim
                | Role::SecondaryDriver
                | Role::Action
                | Role::Measure
        )
    }
}

/// A run of rows under one header: a paste may hold several tables (a plan's
/// actions, then an appendix of its measures), each with its own columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// The first row (index into `Table::rows`) of the section, its header
    /// row if it has one.
    pub start: usize,
    /// The header rows at the start of the section (0 if none).
    pub header_rows: usize,
    /// One role per column of the table.
    pub roles: Vec<Role>,
    /// Each column's header as read ("" if none), for the screen.
    pub headers: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    /// In row order; together they cover every row from the first's start.
    pub sections: Vec<Section>,
}

/// Header words real plans use, most specific first, matched as whole
/// normalised phrases. "Baseline" has no role of its own: it is left to
/// Ignore rather than mistaken for a target.
const HEADER_WORDS: &[(&str, Role)] = &[
    ("ongoing maintenance actions tasks", Role::Action),
    ("high level performance measures", Role::Measure),
    ("what are we trying to accomplish", Role::Outcome),
    ("what change can we make", Role::Aim),
    ("how will we know", Role::Measure),
    ("latest status update", Role::UpdateText),
    ("progress update", Role::UpdateText),
    ("stretch outcome aim", Role::Outcome),
    ("strategic outcome", Role::Outcome),
    ("improvement project aim", Role::SecondaryDriver),
    ("secondary driver", Role::SecondaryDriver),
    ("improvement aims", Role::Aim),
    ("improvement aim", Role::Aim),
    ("expected impact", Role::Aim),
    ("key driver", Role::Aim),
    ("primary driver", Role::Aim),
    ("stretch aim", Role::Outcome),
    ("priority area", Role::Priority),
    ("high level actions", Role::Action),
    ("high level action", Role::Action),
    ("actions tasks", Role::Action),
    ("action task", Role::Action),
    ("change ideas", Role::Action),
    ("change idea", Role::Action),
    ("action title", Role::Action),
    ("performance measures", Role::Measure),
    ("performance measure", Role::Measure),
    ("key improvement measure", Role::Measure),
    ("kpi measures", Role::Measure),
    ("action code", Role::Code),
    ("lead responsibility", Role::Lead),
    ("strategic lead", Role::Lead),
    ("lead officer", Role::Lead),
    ("target timescale", Role::DueDate),
    ("target date", Role::DueDate),
    ("completion date", Role::DueDate),
    ("due date", Role::DueDate),
    ("by when", Role::DueDate),
    ("percent complete", Role::Progress),
    ("complete", Role::Progress),
    ("rag status", Role::Rag),
    ("rag rating", Role::Rag),
    ("priority", Role::Priority),
    ("theme", Role::Priority),
    ("outcomes", Role::Outcome),
    ("outcome", Role::Outcome),
    ("aims", Role::Aim),
    ("aim", Role::Aim),
    ("actions", Role::Action),
    ("action", Role::Action),
    ("task", Role::Action),
    ("activity", Role::Action),
    ("measures", Role::Measure),
    ("measure", Role::Measure),
    ("kpi", Role::Measure),
    ("indicator", Role::Measure),
    ("no", Role::Code),
    ("ref", Role::Code),
    ("code", Role::Code),
    ("id", Role::Code),
    ("lead", Role::Lead),
    ("owner", Role::Lead),
    ("responsible", Role::Lead),
    ("timescale", Role::DueDate),
    ("deadline", Role::DueDate),
    ("status", Role::Status),
    ("progress", Role::Progress),
    ("rag", Role::Rag),
    ("update", Role::UpdateText),
    ("comments", Role::UpdateText),
    ("commentary", Role::UpdateText),
    ("target", Role::Target),
];

/// Lower case, punctuation as spaces, single spaces: "Actions/Tasks" and
/// "actions tasks" read the same.
pub fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The role a header cell names, if it is one of the header words: the
/// whole cell, or (for a question such as "How will we know that a change
/// is an improvement?") its opening phrase.
pub fn header_role(cell: &str) -> Option<Role> {
    let n = normalise(cell);
    if n.is_empty() {
        return None;
    }
    HEADER_WORDS
        .iter()
        .find(|(w, _)| n == *w || (w.split(' ').count() >= 3 && n.starts_with(&format!("{w} "))))
        .map(|(_, r)| *r)
}

fn header_roles(row: &super::table::Row, width: usize) -> Option<Vec<Role>> {
    let roles: Vec<Option<Role>> = (0..width).map(|c| header_role(row.cell(c))).collect();
    if roles.iter().filter(|r| r.is_some()).count() >= 2 {
        Some(
            roles
                .into_iter()
                .map(|r| r.unwrap_or(Role::Ignore))
                .collect(),
        )
    } else {
        None
    }
}

/// A code such as "1.1", "STRAT1.4", "5.2", "A3".
pub fn looks_like_code(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.len() <= 12
        && !t.contains(' ')
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// Finds the header rows and guesses every column's role.
pub fn guess(table: &Table) -> Layout {
    let width = table.width();
    let mut sections: Vec<Section> = Vec::new();
    let mut i = 0;
    while i < table.rows.len() {
        let Some(roles) = header_roles(&table.rows[i], width) else {
            i += 1;
            continue;
        };
        // Header rows that follow (Moray's questions row) belong to it:
        // they fill the columns the first left without a role.
        let start = i;
        let mut roles = roles;
        let mut headers: Vec<String> = (0..width)
            .map(|c| table.rows[i].cell(c).trim().to_owned())
            .collect();
        i += 1;
        while i < table.rows.len() {
            let Some(more) = header_roles(&table.rows[i], width) else {
                break;
            };
            for (c, r) in more.into_iter().enumerate() {
                if roles[c] == Role::Ignore {
                    roles[c] = r;
                    headers[c] = table.rows[i].cell(c).trim().to_owned();
                }
            }
            i += 1;
        }
        let header_rows = i - start;
        if let Some(last) = sections.last() {
            if last.roles == roles {
                // The same header again (a new page): its rows are skipped
                // by the mapper, the section goes on.
                continue;
            }
        }
        sections.push(Section {
            start,
            header_rows,
            roles,
            headers,
        });
    }
    fix_code_columns(table, &mut sections);
    if sections.is_empty() {
        return Layout {
            sections: vec![Section {
                start: 0,
                header_rows: 0,
                roles: guess_from_content(table, 0, table.rows.len()),
                headers: vec![String::new(); width],
            }],
        };
    }
    // Rows above the first header (a heading such as "PRIORITY 1 : ...")
    // are read by the mapper with the first section's roles.
    Layout { sections }
}

/// Whether row `index` is a header row the mapper should skip (a section's
/// own header rows, or the same header repeated on a new page).
pub fn is_header_row(table: &Table, layout: &Layout, index: usize) -> bool {
    let width = table.width();
    layout
        .sections
        .iter()
        .any(|s| index >= s.start && index < s.start + s.header_rows)
        || header_roles(&table.rows[index], width).is_some()
}

/// A header saying "Action" over cells that are all codes (Perth's
/// Appendix 1 "Action/Task" column) is a code column.
fn fix_code_columns(table: &Table, sections: &mut [Section]) {
    let ends: Vec<usize> = sections
        .iter()
        .skip(1)
        .map(|s| s.start)
        .chain([table.rows.len()])
        .collect();
    for (s, end) in sections.iter_mut().zip(ends) {
        for c in 0..s.roles.len() {
            if s.roles[c] != Role::Action {
                continue;
            }
            let cells: Vec<&str> = table.rows[s.start + s.header_rows..end]
                .iter()
                .map(|r| r.cell(c).trim())
                .filter(|t| !t.is_empty() && header_role(t).is_none())
                .collect();
            if !cells.is_empty() && cells.iter().all(|t| looks_like_code(t)) {
                s.roles[c] = Role::Code;
            }
        }
    }
}

/// Without a header: dates, RAG words, status words, percentages and codes
/// by content; the text columns left to right are outcome, aim, action.
fn guess_from_content(table: &Table, from: usize, to: usize) -> Vec<Role> {
    use super::values;
    let width = table.width();
    let mut roles = vec![Role::Ignore; width];
    let mut text_columns = Vec::new();
    for (c, role) in roles.iter_mut().enumerate() {
        let cells: Vec<&str> = table.rows[from..to]
            .iter()
            .map(|r| r.cell(c).trim())
            .filter(|t| !t.is_empty())
            .collect();
        if cells.is_empty() {
            continue;
        }
        let mostly =
            |f: &dyn Fn(&str) -> bool| cells.iter().filter(|t| f(t)).count() * 2 > cells.len();
        *role = if mostly(&|t| values::read_rag(t).is_some() || is_rag_word(t)) {
            Role::Rag
        } else if mostly(&|t| values::read_status(t).is_some()) {
            Role::Status
        } else if mostly(&|t| t.ends_with('%')) {
            Role::Progress
        } else if mostly(&|t| matches!(values::read_due(t), Some(values::Due::On(_)))) {
            Role::DueDate
        } else if mostly(&|t| looks_like_code(t)) {
            Role::Code
        } else {
            text_columns.push(c);
            Role::Ignore
        };
    }
    let text_roles: &[Role] = match text_columns.len() {
        0 => &[],
        1 => &[Role::Action],
        2 => &[Role::Outcome, Role::Action],
        _ => &[Role::Outcome, Role::Aim, Role::Action],
    };
    for (c, r) in text_columns.iter().zip(text_roles) {
        roles[*c] = *r;
    }
    roles
}

fn is_rag_word(t: &str) -> bool {
    matches!(
        normalise(t).as_str(),
        "r" | "a" | "g" | "red" | "amber" | "green"
    )
}
