//! The approved (or paused) templates the sandbox knows, the five built-in ones, and the JSON
//! file format that adds more.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// One template as the sandbox's business account holds it.
///
/// Only what decides whether a send is accepted is modelled: category, status, parameter format,
/// the header's format, the body's variables, the buttons that take a value, the limited-time
/// offer and the carousel layout. Texts are not: the sandbox never renders a message.
///
/// The same struct is the JSON format of a templates file (see [`Template::parse_list`]).
///
/// ```
/// use wamm_sandbox::{BodyParam, Category, Header, ParameterFormat, Template};
///
/// let tpl = Template {
///     body: vec![BodyParam::positional_text()],
///     header: Header::Image,
///     ..Template::new("autumn_sale", "en_GB")
/// };
/// assert_eq!(tpl.category, Category::Marketing);
/// assert_eq!(tpl.parameter_format, ParameterFormat::Positional);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The template's name, as sent in `template.name`.
    pub name: String,
    /// The language code it is approved in, as sent in `template.language.code` (`en_US`).
    pub language: String,
    /// Only `MARKETING` templates can go through this endpoint (134100 otherwise).
    #[serde(default)]
    pub category: Category,
    /// `PAUSED` fails with 132015, `DISABLED` with 132016.
    #[serde(default)]
    pub status: TemplateStatus,
    /// Whether body variables are addressed by `parameter_name` or by position.
    #[serde(default)]
    pub parameter_format: ParameterFormat,
    /// The header's format; `none` for no header or a header without a variable.
    #[serde(default)]
    pub header: Header,
    /// The body's variables, in order. In a file, a number `n` stands for `n` positional
    /// variables of any type.
    #[serde(default, deserialize_with = "deserialize_body")]
    pub body: Vec<BodyParam>,
    /// Buttons that can take a value at send time.
    #[serde(default)]
    pub buttons: Vec<TemplateButton>,
    /// Whether the template has a limited-time offer.
    #[serde(default)]
    pub limited_time_offer: bool,
    /// The carousel, for carousel templates.
    #[serde(default)]
    pub carousel: Option<Carousel>,
}

/// A template's category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Category {
    /// Promotions; the only category this endpoint sends.
    #[default]
    #[serde(alias = "marketing")]
    Marketing,
    /// Transactional updates (refused with 134100).
    #[serde(alias = "utility")]
    Utility,
    /// One-time passwords (refused with 134100).
    #[serde(alias = "authentication")]
    Authentication,
}

/// A template's review and quality status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TemplateStatus {
    /// Usable.
    #[default]
    #[serde(alias = "approved")]
    Approved,
    /// Paused for low quality: sends fail with 132015.
    #[serde(alias = "paused")]
    Paused,
    /// Disabled: sends fail with 132016.
    #[serde(alias = "disabled")]
    Disabled,
}

/// How a template's variables are addressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParameterFormat {
    /// `{{1}}`, `{{2}}`: parameters carry no `parameter_name`.
    #[default]
    #[serde(alias = "POSITIONAL")]
    Positional,
    /// `{{first_name}}`: every text parameter carries `parameter_name`.
    #[serde(alias = "NAMED")]
    Named,
}

/// The format of a header's variable (and of a carousel card's header).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Header {
    /// No header, or a header without a variable: a header component is refused (132000).
    #[default]
    #[serde(alias = "NONE")]
    None,
    /// A text header with one variable.
    #[serde(alias = "TEXT")]
    Text,
    /// An image header.
    #[serde(alias = "IMAGE")]
    Image,
    /// A video header.
    #[serde(alias = "VIDEO")]
    Video,
    /// A PDF document header.
    #[serde(alias = "DOCUMENT")]
    Document,
    /// An animated GIF header.
    #[serde(alias = "GIF")]
    Gif,
    /// A location header.
    #[serde(alias = "LOCATION")]
    Location,
    /// A catalog product header.
    #[serde(alias = "PRODUCT")]
    Product,
}

impl Header {
    /// The parameter `type` a send uses for this header, `None` for [`Header::None`].
    pub fn parameter_type(self) -> Option<&'static str> {
        match self {
            Header::None => None,
            Header::Text => Some("text"),
            Header::Image => Some("image"),
            Header::Video => Some("video"),
            Header::Document => Some("document"),
            Header::Gif => Some("gif"),
            Header::Location => Some("location"),
            Header::Product => Some("product"),
        }
    }
}

/// One body variable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyParam {
    /// The variable's name (named templates only; lowercase letters, digits, underscores).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The parameter type the send must use; `None` accepts any.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<BodyParamKind>,
}

impl BodyParam {
    /// A positional variable that takes `text`.
    pub fn positional_text() -> Self {
        Self {
            name: None,
            kind: Some(BodyParamKind::Text),
        }
    }

    /// A named variable of the given kind.
    pub fn named(name: impl Into<String>, kind: BodyParamKind) -> Self {
        Self {
            name: Some(name.into()),
            kind: Some(kind),
        }
    }
}

/// The parameter types a body variable can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyParamKind {
    /// `{"type":"text"}`.
    Text,
    /// `{"type":"currency"}`.
    Currency,
    /// `{"type":"date_time"}`.
    DateTime,
}

impl BodyParamKind {
    /// The parameter `type` on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            BodyParamKind::Text => "text",
            BodyParamKind::Currency => "currency",
            BodyParamKind::DateTime => "date_time",
        }
    }
}

/// A button that can take a value at send time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateButton {
    /// Its position in the template, 0 to 9.
    pub index: u8,
    /// Its kind, as the send's `sub_type` names it.
    pub sub_type: ButtonSubType,
}

impl TemplateButton {
    /// A button at `index` of kind `sub_type`.
    pub fn new(index: u8, sub_type: ButtonSubType) -> Self {
        Self { index, sub_type }
    }
}

/// Button kinds, named as in a send's `sub_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ButtonSubType {
    /// Takes an optional `payload`.
    QuickReply,
    /// Takes a `text` URL suffix when the URL is dynamic.
    Url,
    /// Takes a `coupon_code` (required).
    CopyCode,
    /// Takes an `action`.
    Flow,
    /// Takes an `action`.
    Catalog,
    /// Takes an `action` (multi-product message).
    Mpm,
    /// Takes nothing.
    VoiceCall,
}

impl ButtonSubType {
    /// The name on the wire (`copy_code`).
    pub fn as_str(self) -> &'static str {
        match self {
            ButtonSubType::QuickReply => "quick_reply",
            ButtonSubType::Url => "url",
            ButtonSubType::CopyCode => "copy_code",
            ButtonSubType::Flow => "flow",
            ButtonSubType::Catalog => "catalog",
            ButtonSubType::Mpm => "mpm",
            ButtonSubType::VoiceCall => "voice_call",
        }
    }

    /// The parameter `type` a value for this button has.
    pub(crate) fn parameter_type(self) -> Option<&'static str> {
        match self {
            ButtonSubType::QuickReply => Some("payload"),
            ButtonSubType::Url => Some("text"),
            ButtonSubType::CopyCode => Some("coupon_code"),
            ButtonSubType::Flow | ButtonSubType::Catalog | ButtonSubType::Mpm => Some("action"),
            ButtonSubType::VoiceCall => None,
        }
    }

    /// Whether a send must give this button a value.
    pub(crate) fn requires_parameter(self) -> bool {
        matches!(self, ButtonSubType::CopyCode)
    }
}

/// The layout of a carousel template: every card has the same header format and buttons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Carousel {
    /// Number of cards, 2 to 10.
    pub cards: u8,
    /// Each card's header format (image or video in practice).
    #[serde(default)]
    pub header: Header,
    /// Each card's buttons that take a value.
    #[serde(default)]
    pub buttons: Vec<TemplateButton>,
}

impl Template {
    /// An approved MARKETING template without variables.
    pub fn new(name: impl Into<String>, language: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            language: language.into(),
            category: Category::Marketing,
            status: TemplateStatus::Approved,
            parameter_format: ParameterFormat::Positional,
            header: Header::None,
            body: Vec::new(),
            buttons: Vec::new(),
            limited_time_offer: false,
            carousel: None,
        }
    }

    /// The templates every sandbox starts with, so docs, examples and tests can rely on them:
    ///
    /// | name | language | what |
    /// |---|---|---|
    /// | `spring_sale` | `en_US` | MARKETING, positional, one body text parameter |
    /// | `flash_deal` | `pt_BR` | MARKETING, named: image header; body `first_name` (text) and `price` (currency); limited-time offer; copy_code button at index 0, URL button at index 1 |
    /// | `weekend_picks` | `en` | MARKETING, positional: one body text parameter; carousel of 2 cards, each an image header and a URL button at index 0 |
    /// | `order_update` | `en_US` | UTILITY (refused with 134100), one body text parameter |
    /// | `old_promo` | `en_US` | MARKETING, PAUSED (refused with 132015), no parameters |
    pub fn builtin() -> Vec<Template> {
        vec![
            Template {
                body: vec![BodyParam::positional_text()],
                ..Template::new("spring_sale", "en_US")
            },
            Template {
                parameter_format: ParameterFormat::Named,
                header: Header::Image,
                body: vec![
                    BodyParam::named("first_name", BodyParamKind::Text),
                    BodyParam::named("price", BodyParamKind::Currency),
                ],
                limited_time_offer: true,
                buttons: vec![
                    TemplateButton::new(0, ButtonSubType::CopyCode),
                    TemplateButton::new(1, ButtonSubType::Url),
                ],
                ..Template::new("flash_deal", "pt_BR")
            },
            Template {
                body: vec![BodyParam::positional_text()],
                carousel: Some(Carousel {
                    cards: 2,
                    header: Header::Image,
                    buttons: vec![TemplateButton::new(0, ButtonSubType::Url)],
                }),
                ..Template::new("weekend_picks", "en")
            },
            Template {
                category: Category::Utility,
                body: vec![BodyParam::positional_text()],
                ..Template::new("order_update", "en_US")
            },
            Template {
                status: TemplateStatus::Paused,
                ..Template::new("old_promo", "en_US")
            },
        ]
    }

    /// Parses a templates file's text: a JSON array of templates. `source` names the file in
    /// errors.
    ///
    /// ```
    /// use wamm_sandbox::{Header, Template};
    ///
    /// let list = Template::parse_list(
    ///     r#"[{"name": "autumn_sale", "language": "en_GB", "header": "image", "body": 2}]"#,
    ///     "inline",
    /// )?;
    /// assert_eq!(list[0].header, Header::Image);
    /// assert_eq!(list[0].body.len(), 2);
    ///
    /// let err = Template::parse_list(r#"[{"name": "x", "language": "en", "colour": 1}]"#, "t.json")
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("t.json: line 1, column"));
    /// # Ok::<(), wamm_sandbox::TemplateFileError>(())
    /// ```
    pub fn parse_list(text: &str, source: &str) -> Result<Vec<Template>, TemplateFileError> {
        let list: Vec<Template> =
            serde_json::from_str(text).map_err(|e| TemplateFileError::Syntax {
                file: source.into(),
                line: e.line(),
                column: e.column(),
                message: strip_position(&e.to_string()),
            })?;
        for (i, tpl) in list.iter().enumerate() {
            tpl.check().map_err(|problem| TemplateFileError::Invalid {
                file: source.into(),
                index: i,
                name: tpl.name.clone(),
                problem,
            })?;
        }
        let mut seen = HashSet::new();
        for (i, tpl) in list.iter().enumerate() {
            if !seen.insert((tpl.name.as_str(), tpl.language.as_str())) {
                return Err(TemplateFileError::Invalid {
                    file: source.into(),
                    index: i,
                    name: tpl.name.clone(),
                    problem: format!("{} in {} appears twice", tpl.name, tpl.language),
                });
            }
        }
        Ok(list)
    }

    /// Reads and parses a templates file (see [`Template::parse_list`]).
    pub fn from_json_file(path: impl AsRef<Path>) -> Result<Vec<Template>, TemplateFileError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| TemplateFileError::Read {
            file: path.to_path_buf(),
            source,
        })?;
        Template::parse_list(&text, &path.display().to_string())
    }

    /// Checks what serde cannot: names, counts and indexes.
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.name.is_empty() {
            return Err("`name` is empty".into());
        }
        if self.language.is_empty() {
            return Err("`language` is empty".into());
        }
        let mut names = HashSet::new();
        for (i, param) in self.body.iter().enumerate() {
            match (self.parameter_format, &param.name) {
                (ParameterFormat::Named, None) => {
                    return Err(format!(
                        "body variable {i} has no `name` (the template is named)"
                    ));
                }
                (ParameterFormat::Named, Some(name)) => {
                    if name.is_empty()
                        || !name
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                    {
                        return Err(format!(
                            "body variable {i} is named {name:?}; expected lowercase letters, digits and underscores"
                        ));
                    }
                    if !names.insert(name.as_str()) {
                        return Err(format!("body variable {name:?} appears twice"));
                    }
                }
                (ParameterFormat::Positional, Some(name)) => {
                    return Err(format!(
                        "body variable {i} has the name {name:?} but the template is positional (set \"parameter_format\": \"named\")"
                    ));
                }
                (ParameterFormat::Positional, None) => {}
            }
        }
        check_buttons(&self.buttons, "buttons")?;
        if let Some(carousel) = &self.carousel {
            if !(2..=10).contains(&carousel.cards) {
                return Err(format!(
                    "carousel has {} cards; expected 2 to 10",
                    carousel.cards
                ));
            }
            check_buttons(&carousel.buttons, "carousel.buttons")?;
        }
        Ok(())
    }
}

fn check_buttons(buttons: &[TemplateButton], what: &str) -> Result<(), String> {
    let mut seen = HashSet::new();
    for button in buttons {
        if button.index > 9 {
            return Err(format!(
                "{what}: index {} is out of range 0 to 9",
                button.index
            ));
        }
        if !seen.insert(button.index) {
            return Err(format!("{what}: index {} appears twice", button.index));
        }
    }
    Ok(())
}

/// serde_json appends " at line L column C"; the error already says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// `body` is either a count of positional variables of any type or a list of variables.
fn deserialize_body<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<BodyParam>, D::Error> {
    struct BodyVisitor;

    impl<'de> Visitor<'de> for BodyVisitor {
        type Value = Vec<BodyParam>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(
                "a number of positional variables or a list of {\"name\", \"type\"} objects",
            )
        }

        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
            if n > 100 {
                return Err(E::custom(format!(
                    "{n} body variables is more than a template can hold"
                )));
            }
            Ok((0..n)
                .map(|_| BodyParam {
                    name: None,
                    kind: None,
                })
                .collect())
        }

        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
            u64::try_from(n)
                .map_err(|_| E::custom(format!("body variable count {n} is negative")))
                .and_then(|n| self.visit_u64(n))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::new();
            while let Some(param) = seq.next_element::<BodyParam>()? {
                out.push(param);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_any(BodyVisitor)
}

/// Why a templates file could not be used. Every variant names the file.
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
    /// The file is not a JSON array of templates.
    #[error("{file}: line {line}, column {column}: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// A template is well-formed JSON but makes no sense.
    #[error("{file}: template {index} ({name}): {problem}")]
    Invalid {
        /// The file.
        file: String,
        /// 0-based position in the array.
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
    fn builtins_pass_their_own_checks() {
        for tpl in Template::builtin() {
            tpl.check().unwrap();
        }
    }

    #[test]
    fn builtins_round_trip_through_the_file_format() {
        let text = serde_json::to_string_pretty(&Template::builtin()).unwrap();
        assert_eq!(
            Template::parse_list(&text, "x").unwrap(),
            Template::builtin()
        );
    }

    #[test]
    fn errors_name_file_position_and_problem() {
        let err = Template::parse_list(
            "[\n {\"name\": \"a\", \"language\": \"en\", \"category\": \"PROMO\"}\n]",
            "t.json",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("t.json: line 2, column"), "{err}");
        assert!(err.contains("unknown variant `PROMO`"), "{err}");

        let err = Template::parse_list(
            r#"[{"name": "a", "language": "en", "parameter_format": "named", "body": 1}]"#,
            "t.json",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "t.json: template 0 (a): body variable 0 has no `name` (the template is named)"
        );

        let err = Template::parse_list(
            r#"[{"name": "a", "language": "en"}, {"name": "a", "language": "en"}]"#,
            "t.json",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(err, "t.json: template 1 (a): a in en appears twice");
    }

    #[test]
    fn body_count_means_untyped_positional_variables() {
        let list =
            Template::parse_list(r#"[{"name": "a", "language": "en", "body": 3}]"#, "x").unwrap();
        assert_eq!(list[0].body.len(), 3);
        assert!(list[0].body.iter().all(|p| p.kind.is_none()));
    }
}
