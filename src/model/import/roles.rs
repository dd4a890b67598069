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

/// Finds the header rows and guesses every column's role.
pub fn guess(table: &Table) -> Layout {
    // Placeholder until the header words land: one section, no header.
    Layout {
        sections: vec![Section {
            start: 0,
            header_rows: 0,
            roles: vec![Role::Ignore; table.width()],
            headers: vec![String::new(); table.width()],
        }],
    }
}
