//! The templates of the sandbox's business account, in Meta's own format
//! ([`MessageTemplate`], as `GET /{Version}/{WABA-ID}/message_templates` lists them): the five
//! built-in ones (`builtin_templates.json`, compiled in) and the files `--templates` loads.
//!
//! One definition, two uses: the list endpoint serves these templates as they are, and a send
//! is checked against the same one by `wamm_client::templates::check`, the rules `marketing`
//! runs before sending.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::value::RawValue;
use wamm_client::templates::placeholders;
use wamm_client::types::{MessageTemplate, TemplateComponentDefinition, TemplateParameterFormat};

/// The built-in templates, as Graph would list them.
const BUILTIN: &str = include_str!("builtin_templates.json");

/// What a templates file holds, said in every error about its outer shape.
const LIST_SHAPE: &str = "expected Meta's template list ({\"data\": [template, ...]}, as \
    GET /{Version}/{WABA-ID}/message_templates answers) or a JSON array of templates";

/// The templates every sandbox starts with, so docs, examples and tests can rely on them, in
/// Meta's format (their ids are fixed):
///
/// | name | language | what |
/// |---|---|---|
/// | `spring_sale` | `en_US` | MARKETING, positional: a body with `{{1}}` |
/// | `flash_deal` | `pt_BR` | MARKETING, named: an IMAGE header; a limited-time offer that expires; a body with `{{first_name}}` and `{{price}}`; a COPY_CODE button (index 0) and a URL button with a variable (index 1) |
/// | `weekend_picks` | `en` | MARKETING, positional: a body with `{{1}}`; a carousel of 2 cards, each an IMAGE header and a URL button with a variable |
/// | `order_update` | `en_US` | UTILITY (sends refused with 134100), a body with `{{1}}` |
/// | `old_promo` | `en_US` | MARKETING, PAUSED (sends refused with 132015), no variables |
///
/// ```
/// let builtin = wamm_sandbox::builtin_templates();
/// assert_eq!(builtin.len(), 5);
/// assert_eq!(builtin[0].name, "spring_sale");
/// assert_eq!(builtin[0].components[0].text.as_deref(),
///     Some("Hi {{1}}, our spring sale starts today: 20% off everything."));
/// ```
pub fn builtin_templates() -> Vec<MessageTemplate> {
    static PARSED: OnceLock<Vec<MessageTemplate>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            parse_templates(BUILTIN, "builtin_templates.json")
                .expect("the built-in templates are valid (a unit test parses them)")
        })
        .clone()
}

/// Parses a templates file's text. `source` names the file in errors.
///
/// The format is Meta's: a response of `GET /{Version}/{WABA-ID}/message_templates` saved as
/// it is (`{"data": [...], "paging": {...}}`; `paging` and any other top-level field are
/// ignored), or a plain JSON array of templates. Each template is one element of `data` as
/// Graph describes it: `id`, `name`, `language`, `status` and `category` are required,
/// `components` holds the header, body, buttons, limited-time offer or carousel, with
/// `{{1}}` or `{{name}}` placeholders. Fields Meta adds beyond those are accepted.
///
/// A template without `parameter_format` (Graph leaves it out unless asked for it) whose
/// placeholders are names is read as `NAMED`. Refused, with the line and column of the
/// problem or of the template: JSON that is not one of the two shapes, a template without a
/// required field, an empty `id`, `name` or `language`, a name Meta would not give a template
/// (anything but lowercase letters, digits and underscores, or over 512 characters),
/// placeholders that do not match
/// `parameter_format` (or mix `{{1}}` and `{{name}}`), and the same name and language twice.
///
/// ```
/// let list = wamm_sandbox::parse_templates(r#"{"data": [
///     {"id": "1", "name": "autumn_sale", "language": "en_GB", "status": "APPROVED",
///      "category": "MARKETING",
///      "components": [{"type": "BODY", "text": "Hi {{first_name}}"}]}
/// ], "paging": {"cursors": {"before": "MAZDZD", "after": "MAZDZD"}}}"#, "inline")?;
/// assert_eq!(list[0].name, "autumn_sale");
/// assert_eq!(list[0].parameter_format, Some(wamm_client::types::TemplateParameterFormat::Named));
///
/// let error = wamm_sandbox::parse_templates(
///     "[\n  {\"id\": \"1\", \"name\": \"x\", \"language\": \"en\"}\n]",
///     "t.json",
/// )
/// .unwrap_err();
/// assert!(error.to_string().starts_with("t.json: line 2, column"), "{error}");
/// assert!(error.to_string().contains("missing field `category`"), "{error}");
/// # Ok::<(), wamm_sandbox::TemplateFileError>(())
/// ```
pub fn parse_templates(
    text: &str,
    source: &str,
) -> Result<Vec<MessageTemplate>, TemplateFileError> {
    let items = list_items(text, source)?;
    let mut templates = Vec::with_capacity(items.len());
    let mut seen = HashSet::new();
    for (index, raw) in items.into_iter().enumerate() {
        // The element borrows from `text`: its address gives its place in the file.
        let start = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let invalid = |name: &str, problem: String| {
            let (line, column) = position(text, start);
            TemplateFileError::Invalid {
                file: source.to_string(),
                line,
                column,
                index,
                name: name.to_string(),
                problem,
            }
        };
        if let Some((name, field)) = earlier_format(raw) {
            return Err(invalid(
                &name,
                format!(
                    "`{field}` belongs to the sandbox's earlier template format; templates are now \
                     written as Graph lists them: an id, status and category, and the header, body \
                     and buttons in `components` (such as {{\"type\": \"BODY\", \"text\": \"Hi \
                     {{{{1}}}}\"}}); see the sandbox's README"
                ),
            ));
        }
        let mut template: MessageTemplate = serde_json::from_str(raw.get()).map_err(|error| {
            let (line, column) = inner_position(text, start, &error);
            let mut message = strip_position(&error.to_string());
            if message.starts_with("missing field") {
                message.push_str(
                    "; a template as Graph lists it has at least id, name, language, status \
                         and category",
                );
            }
            TemplateFileError::Syntax {
                file: source.to_string(),
                line,
                column,
                message,
            }
        })?;
        infer_parameter_format(&mut template);
        check_template(&template).map_err(|problem| invalid(&template.name, problem))?;
        if !seen.insert((template.name.clone(), template.language.clone())) {
            return Err(invalid(
                &template.name,
                format!(
                    "{} in {} appears twice (each name and language is one template)",
                    template.name, template.language
                ),
            ));
        }
        templates.push(template);
    }
    Ok(templates)
}

/// Reads and parses a templates file (see [`parse_templates`]).
pub fn read_templates(path: impl AsRef<Path>) -> Result<Vec<MessageTemplate>, TemplateFileError> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| TemplateFileError::Read {
        file: path.to_path_buf(),
        source,
    })?;
    parse_templates(&text, &path.display().to_string())
}

/// Meta's list response, or what matters of it.
#[derive(Deserialize)]
struct ListResponse<'a> {
    #[serde(borrow)]
    data: Vec<&'a RawValue>,
}

/// The file's templates, each as the text it was written as.
fn list_items<'a>(text: &'a str, source: &str) -> Result<Vec<&'a RawValue>, TemplateFileError> {
    let parsed = if text.trim_start().starts_with('{') {
        serde_json::from_str::<ListResponse<'a>>(text).map(|list| list.data)
    } else {
        serde_json::from_str::<Vec<&'a RawValue>>(text)
    };
    parsed.map_err(|error| TemplateFileError::Syntax {
        file: source.to_string(),
        line: error.line(),
        column: error.column(),
        message: format!("{}; {LIST_SHAPE}", strip_position(&error.to_string())),
    })
}

/// The fields of the sandbox's earlier, compact template format, none of which Graph has on
/// a template: a file in that format would otherwise load with its variables silently lost.
#[derive(Deserialize)]
struct EarlierFormat {
    name: Option<String>,
    header: Option<IgnoredAny>,
    body: Option<IgnoredAny>,
    buttons: Option<IgnoredAny>,
    limited_time_offer: Option<IgnoredAny>,
    carousel: Option<IgnoredAny>,
}

/// The template's name and the first field of the earlier format it has, if any.
fn earlier_format(raw: &RawValue) -> Option<(String, &'static str)> {
    let earlier: EarlierFormat = serde_json::from_str(raw.get()).ok()?;
    let field = [
        ("body", earlier.body.is_some()),
        ("header", earlier.header.is_some()),
        ("buttons", earlier.buttons.is_some()),
        ("limited_time_offer", earlier.limited_time_offer.is_some()),
        ("carousel", earlier.carousel.is_some()),
    ]
    .into_iter()
    .find_map(|(field, present)| present.then_some(field))?;
    Some((earlier.name.unwrap_or_else(|| "?".to_string()), field))
}

/// 1-based line and column (in bytes, as serde_json counts them) of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before.len() - line_start + 1)
}

/// The place in the file of an error serde_json found in a template that starts at `start`.
fn inner_position(text: &str, start: usize, error: &serde_json::Error) -> (usize, usize) {
    let (line, column) = position(text, start);
    if error.line() <= 1 {
        (line, column + error.column().saturating_sub(1))
    } else {
        (line + error.line() - 1, error.column())
    }
}

/// serde_json appends " at line L column C"; the error already says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The placeholders of a template's texts (headers and bodies, the cards' too), each with
/// where it is.
fn template_placeholders(components: &[TemplateComponentDefinition]) -> Vec<(String, String)> {
    fn walk(components: &[TemplateComponentDefinition], at: &str, out: &mut Vec<(String, String)>) {
        for component in components {
            let kind = component.type_.to_ascii_lowercase();
            if matches!(kind.as_str(), "header" | "body")
                && let Some(text) = &component.text
            {
                for name in placeholders(text) {
                    out.push((format!("{at}{kind}"), name));
                }
            }
            for (i, card) in component.cards.iter().enumerate() {
                walk(&card.components, &format!("card {i}'s "), out);
            }
        }
    }
    let mut out = Vec::new();
    walk(components, "", &mut out);
    out
}

fn is_positional(placeholder: &str) -> bool {
    placeholder.bytes().all(|b| b.is_ascii_digit())
}

/// Graph leaves `parameter_format` out unless asked for it: a template saved that way whose
/// placeholders are all names is a named one.
pub(crate) fn infer_parameter_format(template: &mut MessageTemplate) {
    if template.parameter_format.is_some() {
        return;
    }
    let found = template_placeholders(&template.components);
    if !found.is_empty() && found.iter().all(|(_, name)| !is_positional(name)) {
        template.parameter_format = Some(TemplateParameterFormat::Named);
    }
}

/// The longest template name Meta allows.
const MAX_TEMPLATE_NAME: usize = 512;

/// What the types cannot say: the fields that must not be empty, and placeholders that fit
/// the parameter format (`{{1}}` for positional templates, `{{name}}` for named ones).
pub(crate) fn check_template(template: &MessageTemplate) -> Result<(), String> {
    for (field, value) in [
        ("id", &template.id),
        ("name", &template.name),
        ("language", &template.language),
    ] {
        if value.trim().is_empty() {
            return Err(format!("`{field}` is empty"));
        }
    }
    // Meta creates templates only under such names; a send with any other name is looked up
    // and answered 132001, so a template loaded under one could never be sent.
    let name = &template.name;
    if name.len() > MAX_TEMPLATE_NAME
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(format!(
            "`name` {:?} is not a name Meta gives a template: lowercase letters, digits and \
             underscores, at most {MAX_TEMPLATE_NAME} characters",
            name.chars().take(60).collect::<String>()
        ));
    }
    let named = template.parameter_format == Some(TemplateParameterFormat::Named);
    for (at, name) in template_placeholders(&template.components) {
        match (named, is_positional(&name)) {
            (true, true) => {
                return Err(format!(
                    "the {at} has {{{{{name}}}}}, but parameter_format is NAMED: a named \
                     template's placeholders are names, such as {{{{first_name}}}}"
                ));
            }
            (false, false) => {
                return Err(format!(
                    "the {at} has {{{{{name}}}}}, a named placeholder, but parameter_format is {}: \
                     set \"parameter_format\": \"NAMED\" (and use names only), or number the \
                     placeholders {{{{1}}}}, {{{{2}}}}, ...",
                    template
                        .parameter_format
                        .map_or("absent (positional)".to_string(), |f| f.to_string())
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Why a templates file could not be used. Every variant names the file; all but `Read` the
/// line and column.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TemplateFileError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", file.display())]
    Read {
        /// The file.
        file: PathBuf,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not JSON, not one of the two shapes, or a template lacks a field or has
    /// one of the wrong type.
    #[error("{file}: line {line}, column {column}: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong there, and what was expected.
        message: String,
    },
    /// A template is well-formed but cannot be used.
    #[error("{file}: line {line}, column {column}: template {index} ({name}): {problem}")]
    Invalid {
        /// The file.
        file: String,
        /// 1-based line where the template starts.
        line: usize,
        /// 1-based column where the template starts.
        column: usize,
        /// 0-based position in the list.
        index: usize,
        /// The template's name.
        name: String,
        /// What is wrong.
        problem: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_templates_parse_and_are_the_documented_five() {
        let builtin = parse_templates(BUILTIN, "builtin_templates.json").unwrap();
        let found: Vec<(&str, &str, &str, &str)> = builtin
            .iter()
            .map(|t| {
                (
                    t.name.as_str(),
                    t.language.as_str(),
                    t.status.as_str(),
                    t.category.as_str(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("spring_sale", "en_US", "APPROVED", "MARKETING"),
                ("flash_deal", "pt_BR", "APPROVED", "MARKETING"),
                ("weekend_picks", "en", "APPROVED", "MARKETING"),
                ("order_update", "en_US", "APPROVED", "UTILITY"),
                ("old_promo", "en_US", "PAUSED", "MARKETING"),
            ]
        );
        assert_eq!(builtin_templates(), builtin);
    }

    #[test]
    fn both_shapes_load_and_paging_is_ignored() {
        let one = r#"{"id": "7", "name": "a", "language": "en", "status": "APPROVED",
                      "category": "MARKETING"}"#;
        let array = parse_templates(&format!("[{one}]"), "x").unwrap();
        let list = parse_templates(
            &format!(r#"{{"data": [{one}], "paging": {{"cursors": {{"after": "x"}}}}}}"#),
            "x",
        )
        .unwrap();
        assert_eq!(array, list);
        assert_eq!(array[0].id, "7");
    }

    #[test]
    fn errors_name_the_file_the_place_and_what_was_expected() {
        let error = |text: &str| parse_templates(text, "t.json").unwrap_err().to_string();

        let e = error("{\"templates\": []}");
        assert!(e.starts_with("t.json: line 1, column"), "{e}");
        assert!(e.contains("missing field `data`"), "{e}");
        assert!(e.contains("Meta's template list"), "{e}");

        let e = error("[\n  {\"id\": \"1\", \"name\": \"a\",\n   \"language\": 5}\n]");
        assert!(e.starts_with("t.json: line 3, column 16:"), "{e}");
        assert!(e.contains("expected a string"), "{e}");

        let e = error(
            "[{\"id\": \"1\", \"name\": \"a\", \"language\": \"en\", \"status\": \"APPROVED\"}]",
        );
        assert!(e.contains("missing field `category`"), "{e}");

        let e = error("[\n  {\"name\": \"old\", \"language\": \"en\", \"body\": 1}\n]");
        assert!(
            e.starts_with("t.json: line 2, column 3: template 0 (old): `body`"),
            "{e}"
        );

        let two = r#"{"id": "1", "name": "a", "language": "en", "status": "APPROVED", "category": "MARKETING"}"#;
        let e = error(&format!("[{two},\n {two}]"));
        assert_eq!(
            e,
            "t.json: line 2, column 2: template 1 (a): a in en appears twice (each name and \
             language is one template)"
        );
    }

    fn template(parameter_format: Option<&str>, body: &str) -> serde_json::Value {
        let mut value = serde_json::json!({"id": "1", "name": "a", "language": "en",
            "status": "APPROVED", "category": "MARKETING",
            "components": [{"type": "BODY", "text": body}]});
        if let Some(format) = parameter_format {
            value["parameter_format"] = format.into();
        }
        value
    }

    #[test]
    fn placeholders_must_fit_the_parameter_format() {
        let parse = |value: serde_json::Value| parse_templates(&format!("[{value}]"), "t");
        // Saved without parameter_format: names make it a named template.
        let named = parse(template(None, "Hi {{first_name}}")).unwrap();
        assert_eq!(
            named[0].parameter_format,
            Some(TemplateParameterFormat::Named)
        );
        assert_eq!(
            parse(template(None, "Hi {{1}}")).unwrap()[0].parameter_format,
            None
        );
        for (format, body, expected) in [
            (Some("NAMED"), "Hi {{1}}", "parameter_format is NAMED"),
            (
                Some("POSITIONAL"),
                "Hi {{name}}",
                "set \"parameter_format\": \"NAMED\"",
            ),
            (None, "Hi {{name}} and {{1}}", "absent (positional)"),
        ] {
            let e = parse(template(format, body)).unwrap_err().to_string();
            assert!(e.contains(expected), "{body}: {e}");
        }
    }
}
