//! Checks a request body before any network I/O and reports every problem at once.
//!
//! The checks are [`wamm_client::validation`]: the request schema of `openapi.yaml`, compiled,
//! plus the cross-field rules a schema cannot state (`wamm_client::validation::rules`). The
//! sandbox runs the same ones, so what this crate accepts, the sandbox accepts. They cover what
//! Meta refuses for certain, and nothing that depends on the template's definition, which only
//! Meta (or the sandbox) knows.
//!
//! Unknown properties are refused, naming them: a misspelt optional field would otherwise be
//! dropped without a word. [`Strictness::AllowUnknownFields`] is the opt-out for a field newer
//! than the spec; it turns unknown top-level and `template` properties into warnings.

use std::fmt;

use serde_json::Value;
use wamm_client::validation::Validator;

pub use wamm_client::validation::Problem;

/// How to treat properties that `openapi.yaml` does not describe.
///
/// ```
/// use marketing::Strictness;
/// assert_eq!(Strictness::default(), Strictness::RefuseUnknownFields);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Strictness {
    /// Refuse them, naming each (the default).
    #[default]
    RefuseUnknownFields,
    /// Send unknown properties at the top level and in `template` as given, reporting each as
    /// a warning. For a field Meta added after this version of wamm; anywhere else in the body
    /// an unknown property is still refused (the wire types cannot carry it).
    AllowUnknownFields,
}

impl Strictness {
    /// Whether `problem` is let through as a warning rather than refused.
    pub(crate) fn lets_through(self, problem: &Problem) -> bool {
        self == Strictness::AllowUnknownFields && carried_unknown_field(problem)
    }
}

/// Every problem found in a message, in the order found. Never empty.
///
/// ```
/// let errors = marketing::validate_json("not json").unwrap_err();
/// assert_eq!(errors.len(), 1);
/// assert!(errors.to_string().starts_with("not valid JSON"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ValidationErrors {
    problems: Vec<Problem>,
}

impl ValidationErrors {
    /// Wraps a non-empty list of problems.
    ///
    /// ```
    /// use marketing::{Problem, ValidationErrors};
    /// let errors = ValidationErrors::new(vec![Problem::new("to", "missing")]);
    /// assert_eq!(errors.to_string(), "to: missing");
    /// ```
    pub fn new(problems: Vec<Problem>) -> Self {
        debug_assert!(!problems.is_empty());
        Self { problems }
    }

    /// The problems, in the order found.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// How many problems there are.
    pub fn len(&self) -> usize {
        self.problems.len()
    }

    /// Always false: there is at least one problem.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl IntoIterator for ValidationErrors {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;

    fn into_iter(self) -> Self::IntoIter {
        self.problems.into_iter()
    }
}

/// Parses `json` and checks it as a request body, refusing unknown fields.
///
/// ```
/// let ok = r#"{"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123",
///             "type":"template","template":{"name":"spring_sale","language":{"code":"en_GB"}}}"#;
/// assert!(marketing::validate_json(ok).is_ok());
/// ```
pub fn validate_json(json: &str) -> Result<(), ValidationErrors> {
    validate_value(&parse_json(json)?)
}

/// Checks a request body given as JSON, refusing unknown fields.
///
/// ```
/// use serde_json::json;
///
/// let body = json!({
///     "messaging_product": "whatsapp", "recipient_type": "individual", "to": "12",
///     "type": "template", "template": {"name": "Spring Sale", "language": {"code": "en_US"}}
/// });
/// let errors = marketing::validate_value(&body).unwrap_err();
/// // The name is Meta's to look up (132001 if it has no such template); the number is wrong.
/// assert_eq!(errors.len(), 1);
/// assert_eq!(errors.problems()[0].path(), "to");
/// ```
pub fn validate_value(body: &Value) -> Result<(), ValidationErrors> {
    validate_with(body, Strictness::RefuseUnknownFields).map(|_| ())
}

/// Checks a request body; `Ok` carries the warnings (unknown fields let through by
/// [`Strictness::AllowUnknownFields`]).
///
/// ```
/// use marketing::{Strictness, validate_with};
/// use serde_json::json;
///
/// let body = json!({
///     "messaging_product": "whatsapp", "recipient_type": "individual", "to": "447700900123",
///     "type": "template", "template": {"name": "spring_sale", "language": {"code": "en_US"}},
///     "priority": "high"
/// });
/// assert!(validate_with(&body, Strictness::RefuseUnknownFields).is_err());
/// let warnings = validate_with(&body, Strictness::AllowUnknownFields).unwrap();
/// assert_eq!(warnings[0].path(), "priority");
/// ```
pub fn validate_with(
    body: &Value,
    strictness: Strictness,
) -> Result<Vec<Problem>, ValidationErrors> {
    let (warnings, errors): (Vec<Problem>, Vec<Problem>) = Validator::shared()
        .check(body)
        .into_iter()
        .partition(|p| strictness.lets_through(p));
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(ValidationErrors::new(errors))
    }
}

/// An unknown field where the wire types keep unknown fields: the top level and `template`.
fn carried_unknown_field(problem: &Problem) -> bool {
    let path = problem.path();
    let in_template = path.strip_prefix("template.");
    problem.is_unknown_field()
        && match in_template {
            Some(rest) => !rest.contains(['.', '[']),
            None => !path.contains(['.', '[']),
        }
}

pub(crate) fn parse_json(json: &str) -> Result<Value, ValidationErrors> {
    serde_json::from_str(json).map_err(|err| {
        ValidationErrors::new(vec![Problem::new("", format!("not valid JSON: {err}"))])
    })
}

/// Whether `name` can be a template variable's `parameter_name` (the spec's `ParameterName`).
///
/// ```
/// assert!(marketing::is_parameter_name("first_name"));
/// assert!(!marketing::is_parameter_name("First Name"));
/// ```
pub fn is_parameter_name(name: &str) -> bool {
    Validator::shared().check_parameter_name(name).is_ok()
}
