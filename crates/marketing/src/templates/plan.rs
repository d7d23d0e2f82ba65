//! What applying a folder of template files would do to an account, template by template:
//! create it, update it (field by field, old → new), leave it unchanged, or refuse an edit
//! Meta would not allow, with the reason, before anything is sent.
//!
//! Files and the account's templates are matched by name and language. A field a file leaves
//! out is not managed and never compared; the components always are. The edit limits come
//! from `wamm_client::authoring::review_edit` (only APPROVED, REJECTED or PAUSED templates
//! can be edited; an approved template keeps its category, and is edited at most once in 24
//! hours and 10 times in 30 days, per Meta's "Edit templates" guide). Graph does not list
//! when a template was edited, so the times of the edits wamm made are kept beside the files
//! in [`STATE_FILE`] ([`AppliedState`]); edits made elsewhere (WhatsApp Manager) are not
//! counted, and Meta may still refuse one.
//!
//! ```
//! use std::time::SystemTime;
//! use marketing::templates::plan::{self, Action, AppliedState};
//! use marketing::templates::{files, folder::Folder, Template};
//!
//! let text = "name = \"spring_sale\"\nlanguage = \"en_US\"\ncategory = \"MARKETING\"\nttl = \"1d\"\n\n[[components]]\ntype = \"BODY\"\ntext = \"Spring is here\"\n";
//! let file = files::TemplateFile {
//!     path: "spring_sale.en_US.toml".into(),
//!     text: text.into(),
//!     template: files::parse("spring_sale.en_US.toml", text)?,
//! };
//! let folder = Folder { files: vec![file], problems: vec![] };
//! let account: Template = serde_json::from_str(r#"{"id": "1", "name": "spring_sale",
//!     "language": "en_US", "status": "APPROVED", "category": "MARKETING",
//!     "message_send_ttl_seconds": 172800,
//!     "components": [{"type": "BODY", "text": "Spring is here"}]}"#).unwrap();
//!
//! let planned = plan::plan(&folder, &[account], &AppliedState::default(), SystemTime::now());
//! let Action::Update { changes, .. } = &planned.items[0].action else { panic!() };
//! assert_eq!(changes[0].to_string(), "message_send_ttl_seconds: 172800 → 86400");
//! // A time-to-live the account's template does not set is Meta's default, 30 days.
//! # Ok::<(), Box<files::FileProblem>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use wamm_client::types::{MessageTemplateCreate, MessageTemplateEdit};

use super::files::{self, create_of};
use super::folder::Folder;
use super::review::{EditHistory, review_edit};
use super::{Template, TemplateStatus};

/// The file, in the templates folder, where `apply` records the edits it made.
pub const STATE_FILE: &str = ".wamm-applied.json";

/// What wamm applied to an account from a folder: the times of its edits, per template ID,
/// which Meta's edit limits count.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AppliedState {
    /// The edits made, by template ID.
    #[serde(default)]
    pub edits: BTreeMap<String, EditHistory>,
}

impl AppliedState {
    /// Reads `DIR/.wamm-applied.json`; empty when there is none.
    pub fn load(dir: &Path) -> std::io::Result<Self> {
        match std::fs::read_to_string(dir.join(STATE_FILE)) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{}: {e}", dir.join(STATE_FILE).display()),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(e),
        }
    }

    /// Writes it to `DIR/.wamm-applied.json` (through a temporary file, renamed over it).
    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        let path = dir.join(STATE_FILE);
        let temporary = dir.join(format!("{STATE_FILE}.tmp"));
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&temporary, text + "\n")?;
        std::fs::rename(temporary, path)
    }

    /// Records an edit of template `id` at `at`.
    pub fn record_edit(&mut self, id: &str, at: SystemTime) {
        self.edits.entry(id.to_string()).or_default().record(at);
    }
}

/// One changed field: its path in the create body, and its value before and after (`None`
/// where there is none).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The JSON path, such as `components[1].text`.
    pub path: String,
    /// The account's value.
    pub old: Option<Value>,
    /// The file's value.
    pub new: Option<Value>,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<Value>| v.as_ref().map_or("(none)".to_string(), Value::to_string);
        write!(
            f,
            "{}: {} → {}",
            self.path,
            show(&self.old),
            show(&self.new)
        )
    }
}

/// What applying one file does.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// The account has no template of this name in this language: submit it.
    Create {
        /// The request.
        template: Box<MessageTemplateCreate>,
    },
    /// The account's template differs: edit it.
    Update {
        /// The fields that differ.
        changes: Vec<Change>,
        /// The edit request (only the fields that differ).
        edit: Box<MessageTemplateEdit>,
    },
    /// The account's template differs, but Meta would refuse the edit: nothing is sent.
    Refused {
        /// The fields that differ.
        changes: Vec<Change>,
        /// Why Meta would refuse it.
        reasons: Vec<String>,
    },
    /// Nothing to do.
    Unchanged,
}

/// One file's line of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanItem {
    /// The template's name.
    pub name: String,
    /// Its language.
    pub language: String,
    /// The file.
    pub file: PathBuf,
    /// The account's template ID, when it has the template.
    pub id: Option<String>,
    /// The account's template status, when it has the template.
    pub status: Option<String>,
    /// What applying it does.
    #[serde(flatten)]
    pub action: Action,
}

/// The plan: one item per file, in file order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Plan {
    /// The items.
    pub items: Vec<PlanItem>,
}

impl Plan {
    /// How many items would send a request (creates and updates).
    pub fn pending(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i.action, Action::Create { .. } | Action::Update { .. }))
            .count()
    }

    /// How many edits are refused.
    pub fn refused(&self) -> usize {
        self.items
            .iter()
            .filter(|i| matches!(i.action, Action::Refused { .. }))
            .count()
    }
}

/// The plan for `folder` against the account's templates `account`, at `now`, with the
/// edits wamm made before (`state`). Files with problems should be left out by the caller:
/// this plans every file of `folder`.
pub fn plan(folder: &Folder, account: &[Template], state: &AppliedState, now: SystemTime) -> Plan {
    let mut items = Vec::new();
    for file in &folder.files {
        let wanted = &file.template;
        let current = account
            .iter()
            .find(|t| t.name == wanted.name && t.language == wanted.language);
        let action = match current {
            None => Action::Create {
                template: Box::new(wanted.clone()),
            },
            Some(current) => update(wanted, current, state, now),
        };
        items.push(PlanItem {
            name: wanted.name.clone(),
            language: wanted.language.clone(),
            file: file.path.clone(),
            id: current.map(|t| t.id.clone()),
            status: current.map(|t| t.status.to_string()),
            action,
        });
    }
    Plan { items }
}

/// The top-level fields an edit can change, in the order a plan shows them.
const EDITABLE: [&str; 7] = [
    "category",
    "parameter_format",
    "components",
    "message_send_ttl_seconds",
    "optimization_spec",
    "degrees_of_freedom_spec",
    "cta_url_link_tracking_opted_out",
];

fn update(
    wanted: &MessageTemplateCreate,
    current: &Template,
    state: &AppliedState,
    now: SystemTime,
) -> Action {
    let new = normal(serde_json::to_value(wanted).unwrap_or(Value::Null));
    let old = normal(serde_json::to_value(create_of(current)).unwrap_or(Value::Null));
    let mut changes = Vec::new();
    let mut edit = serde_json::Map::new();
    for field in EDITABLE {
        let new_value = new.get(field);
        // A field the file leaves out is not managed (the components always are).
        if new_value.is_none() && field != "components" {
            continue;
        }
        // What Meta assumes when a template sets none (as the fingerprint does).
        let positional = Value::String("POSITIONAL".into());
        let default_ttl = Value::from(files::MAX_TTL_SECONDS);
        let tracked = Value::Bool(false);
        let old_value = match (field, old.get(field)) {
            ("parameter_format", None) => Some(&positional),
            ("message_send_ttl_seconds", None)
                if current.category == wamm_client::TemplateCategory::Marketing =>
            {
                Some(&default_ttl)
            }
            ("cta_url_link_tracking_opted_out", None) => Some(&tracked),
            (_, value) => value,
        };
        if old_value == new_value {
            continue;
        }
        let before = changes.len();
        diff(field, old_value, new_value, &mut changes);
        if changes.len() > before {
            edit.insert(
                field.to_string(),
                new_value.cloned().unwrap_or(Value::Array(Vec::new())),
            );
        }
    }
    if changes.is_empty() {
        return Action::Unchanged;
    }
    let edit: MessageTemplateEdit = match serde_json::from_value(Value::Object(edit)) {
        Ok(edit) => edit,
        Err(e) => {
            return Action::Refused {
                changes,
                reasons: vec![format!("the edit cannot be written: {e}")],
            };
        }
    };
    let history = state.edits.get(&current.id).cloned().unwrap_or_default();
    let findings = review_edit(current, &edit, &history, now);
    if findings.is_empty() {
        Action::Update {
            changes,
            edit: Box::new(edit),
        }
    } else {
        Action::Refused {
            changes,
            reasons: findings
                .iter()
                .map(|f| {
                    if f.path.is_empty() {
                        f.reason.clone()
                    } else {
                        format!("{}: {}", f.path, f.reason)
                    }
                })
                .collect(),
        }
    }
}

/// The value with what Graph and a file may spell differently made the same: component,
/// format and button types upper-cased, empty lists and objects dropped.
fn normal(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter_map(|(k, v)| {
                    let v = normal(v);
                    let empty = matches!(&v, Value::Null)
                        || matches!(&v, Value::Array(a) if a.is_empty())
                        || matches!(&v, Value::Object(o) if o.is_empty());
                    if empty {
                        return None;
                    }
                    let v = match (k.as_str(), v) {
                        ("type" | "format", Value::String(s)) => {
                            Value::String(s.to_ascii_uppercase())
                        }
                        (_, v) => v,
                    };
                    Some((k, v))
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normal).collect()),
        other => other,
    }
}

/// The leaf differences between `old` and `new` under `path`.
fn diff(path: &str, old: Option<&Value>, new: Option<&Value>, out: &mut Vec<Change>) {
    match (old, new) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                diff(&format!("{path}.{key}"), a.get(key), b.get(key), out);
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b)))
            if a.iter().chain(b).any(|v| v.is_object()) =>
        {
            for i in 0..a.len().max(b.len()) {
                diff(&format!("{path}[{i}]"), a.get(i), b.get(i), out);
            }
        }
        (a, b) if a != b => out.push(Change {
            path: path.to_string(),
            old: a.cloned(),
            new: b.cloned(),
        }),
        _ => {}
    }
}

impl Action {
    /// A one-word name: `create`, `update`, `refused`, `unchanged`.
    pub fn word(&self) -> &'static str {
        match self {
            Action::Create { .. } => "create",
            Action::Update { .. } => "update",
            Action::Refused { .. } => "refused",
            Action::Unchanged => "unchanged",
        }
    }
}

/// Whether `status` is one a review can still change (`PENDING`, `IN_APPEAL`).
pub fn in_review(status: &TemplateStatus) -> bool {
    matches!(status.as_str(), "PENDING" | "IN_APPEAL")
}
