//! Template files: one TOML file per template and language, `<name>.<language>.toml`, holding
//! what Meta's create request (`POST /{WABA-ID}/message_templates`) takes, under the same
//! names, with three friendlier spellings:
//!
//! | file | wire | |
//! |---|---|---|
//! | `ttl = "2d"` (or `"36h"`, `"90m"`, `"1d 12h"`, or an integer of seconds) | `message_send_ttl_seconds` | Meta accepts 12 h to 30 days for marketing |
//! | `max_price = { amount = 1500, strategy = "LOWEST_COST_WITH_BID_CAP" }` | `optimization_spec = { bid_amount, bid_strategy }` | the amount per 1,000 deliveries, in the smallest unit of the account's currency; `strategy` may be left out (that one is the only strategy Meta documents) |
//! | `[creative_features]` `image_touchups = "opt_in"` | `degrees_of_freedom_spec.creative_features_spec.image_touchups.enroll_status = "OPT_IN"` | `opt_in` or `opt_out`, any case |
//!
//! Everything else is written as on the wire: `name`, `language`, `category`,
//! `parameter_format`, `cta_url_link_tracking_opted_out`, and `[[components]]` with `type`,
//! `format`, `text`, `example` (`header_text`, `body_text`, `body_text_named_params`, ...),
//! `buttons` (`type`, `text`, `url`, `phone_number`, `example`, `flow_id`, `flow_action`),
//! `limited_time_offer` and `cards`. Component, format and button types are upper-cased, as
//! Graph lists them. A field the file does not know is an error naming it, so a typo is never
//! dropped without a word. A field a file leaves out is not managed: `plan` compares only what
//! the file sets (components always).
//!
//! ```
//! use marketing::templates::files;
//!
//! let text = r#"
//! name = "spring_sale"
//! language = "en_US"
//! category = "MARKETING"
//! ttl = "2d"
//! max_price = { amount = 1500 }
//!
//! [creative_features]
//! image_touchups = "opt_in"
//!
//! [[components]]
//! type = "body"
//! text = "Hi {{1}}, our spring sale starts today."
//! example = { body_text = [["Maria"]] }
//! "#;
//! let template = files::parse("spring_sale.en_US.toml", text)?;
//! assert_eq!(template.message_send_ttl_seconds, Some(172_800));
//! assert_eq!(template.components[0].type_, "BODY");
//! let spec = template.optimization_spec.as_ref().unwrap();
//! assert_eq!(spec.bid_strategy.as_deref(), Some("LOWEST_COST_WITH_BID_CAP"));
//!
//! // A mistake names the file, the line and the field.
//! let err = files::parse("a.en.toml", &text.replace("\"2d\"", "\"2 weeks\"")).unwrap_err();
//! assert_eq!(err.line, Some(5));
//! assert_eq!(err.path, "ttl");
//! # Ok::<(), Box<files::FileProblem>>(())
//! ```

use std::fmt;
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};

use wamm_client::types::{
    self, CreativeFeature, CreativeFeaturesSpec, DegreesOfFreedomSpec, MessageTemplateCreate,
    OptimizationSpec, TemplateParameterFormat,
};
use wamm_client::{TemplateCategory, build};

use super::model::{Component, FileModel, NamedExample};
pub use super::model::{create_of, to_toml};
pub use super::spans::{Position, file_path};
use super::spans::{locate, path_at};

/// The bid strategy a maximum price uses when the file gives none: the only one Meta's
/// "Set a max price for marketing messages (BETA)" page shows. That page also says the amount
/// is per 1,000 deliveries in the smallest unit of the account's currency, and that
/// `optimization_spec` took over from the template's `bid_spec` on 2026-06-18 (`bid_spec` was
/// accepted until 2026-07-31); the feature is optional in 2026, and Meta plans to require it
/// from Q2 2027.
pub const DEFAULT_BID_STRATEGY: &str = "LOWEST_COST_WITH_BID_CAP";

/// The shortest time-to-live Meta accepts on a marketing template: 12 hours. Meta's
/// "Configure message time-to-live" page: marketing templates sent through the Marketing
/// Messages API take `message_send_ttl_seconds` from 12 hours to 30 days (default 30 days),
/// to the second, set on create and changeable by an edit.
pub const MIN_TTL_SECONDS: i64 = 43_200;
/// The longest (and Meta's default): 30 days.
pub const MAX_TTL_SECONDS: i64 = 2_592_000;

/// The file name for a template in a language: `<name>.<language>.toml`.
///
/// ```
/// assert_eq!(marketing::templates::files::file_name("spring_sale", "en_US"), "spring_sale.en_US.toml");
/// ```
pub fn file_name(name: &str, language: &str) -> String {
    format!("{name}.{language}.toml")
}

/// A problem with a template file: which file, where in it, which field, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// The file.
    pub file: PathBuf,
    /// The line (from 1), when known.
    pub line: Option<usize>,
    /// The column (from 1), when known.
    pub column: Option<usize>,
    /// The field, as the file names it (`components[1].text`); empty for the whole file.
    pub path: String,
    /// What is wrong, and what was expected.
    pub reason: String,
    /// The rejection reason Meta would give (such as `INVALID_FORMAT`), when one applies.
    pub meta_reason: Option<String>,
    /// Whether it is one of Meta's authoring rules (a template already in the account may
    /// break one and still be sendable), rather than a file that cannot be read or breaks
    /// the folder's rules.
    pub review: bool,
}

impl FileProblem {
    /// A problem with the field at `path` (a file path) of `file`, placed on its line in
    /// `text`.
    pub fn at(file: &Path, text: &str, path: &str, reason: impl Into<String>) -> Self {
        let position = locate(text, path);
        Self {
            file: file.to_path_buf(),
            line: position.map(|p| p.line),
            column: position.map(|p| p.column),
            path: path.to_string(),
            reason: reason.into(),
            meta_reason: None,
            review: false,
        }
    }

    /// A problem with the whole file (one it cannot read, a name clash), without a line.
    pub fn whole(file: &Path, reason: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line: None,
            column: None,
            path: String::new(),
            reason: reason.into(),
            meta_reason: None,
            review: false,
        }
    }
}

/// `FILE:LINE: PATH: reason (Meta: REASON)`, leaving out what is not known.
impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        f.write_str(": ")?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.reason)?;
        if let Some(reason) = &self.meta_reason {
            write!(f, " (Meta: {reason})")?;
        }
        Ok(())
    }
}

impl std::error::Error for FileProblem {}

/// One loaded template file.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text, to place problems found later on their lines.
    pub text: String,
    /// The create request it describes.
    pub template: MessageTemplateCreate,
}

impl TemplateFile {
    /// A problem with the field at `wire_path` (a JSON path of the create request), placed on
    /// its line of this file.
    pub fn problem_at(&self, wire_path: &str, reason: impl Into<String>) -> FileProblem {
        FileProblem::at(&self.path, &self.text, &file_path(wire_path), reason)
    }
}

// ---------------------------------------------------------------------------- loading

/// Reads one template file. A file that cannot be read, is not TOML, or has a field of the
/// wrong kind (or one it does not know) is a [`FileProblem`] naming the line and the field.
pub fn load(path: &Path) -> Result<TemplateFile, Box<FileProblem>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Box::new(FileProblem::whole(path, format!("cannot read it: {e}"))))?;
    let template = parse_at(path, &text)?;
    Ok(TemplateFile {
        path: path.to_path_buf(),
        text,
        template,
    })
}

/// Parses the text of a template file; `file` names it in problems. See the
/// [module documentation](self) for the format.
pub fn parse(
    file: impl AsRef<Path>,
    text: &str,
) -> Result<MessageTemplateCreate, Box<FileProblem>> {
    parse_at(file.as_ref(), text)
}

fn parse_at(file: &Path, text: &str) -> Result<MessageTemplateCreate, Box<FileProblem>> {
    parse_model(file, text).map_err(Box::new)
}

// Private, called once: the problem is boxed by `parse_at`.
#[allow(clippy::result_large_err)]
fn parse_model(file: &Path, text: &str) -> Result<MessageTemplateCreate, FileProblem> {
    let model: FileModel = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let position = Position::of_offset(text, offset);
        let message = e.message().trim().to_string();
        FileProblem {
            file: file.to_path_buf(),
            line: e.span().map(|_| position.line),
            column: e.span().map(|_| position.column),
            path: path_at(text, offset),
            reason: message,
            meta_reason: None,
            review: false,
        }
    })?;
    let problem = |path: &str, reason: String| FileProblem::at(file, text, path, reason);
    let mut builder = MessageTemplateCreate::builder()
        .name(model.name.clone())
        .language(model.language.clone())
        .category(category(&model.category))
        .components(
            model
                .components
                .iter()
                .enumerate()
                .map(|(i, c)| component(c, &format!("components[{i}]")))
                .collect::<Result<Vec<_>, (String, String)>>()
                .map_err(|(path, reason)| problem(&path, reason))?,
        )
        .cta_url_link_tracking_opted_out(model.cta_url_link_tracking_opted_out);
    if let Some(format) = &model.parameter_format {
        let parsed: TemplateParameterFormat =
            format.trim().to_ascii_uppercase().parse().map_err(|_| {
                problem(
                    "parameter_format",
                    format!("{format:?}: expected POSITIONAL or NAMED"),
                )
            })?;
        builder = builder.parameter_format(Some(parsed));
    }
    if let Some(ttl) = &model.ttl {
        let seconds = ttl_seconds(ttl).map_err(|reason| problem("ttl", reason))?;
        builder = builder.message_send_ttl_seconds(Some(seconds));
    }
    if let Some(price) = &model.max_price {
        let amount = NonZeroU64::new(price.amount).ok_or_else(|| {
            problem(
                "max_price.amount",
                "0: expected a whole number above 0 (per 1,000 deliveries, in the smallest unit of the account's currency)".into(),
            )
        })?;
        let strategy = price
            .strategy
            .as_deref()
            .map(|s| s.trim().to_ascii_uppercase())
            .unwrap_or_else(|| DEFAULT_BID_STRATEGY.to_string());
        builder = builder.optimization_spec(Some(build(
            OptimizationSpec::builder()
                .bid_amount(Some(amount))
                .bid_strategy(Some(strategy)),
        )));
    }
    if !model.creative_features.is_empty() {
        let mut features = std::collections::HashMap::new();
        for (feature, status) in &model.creative_features {
            let status = match status.trim().to_ascii_lowercase().as_str() {
                "opt_in" => "OPT_IN",
                "opt_out" => "OPT_OUT",
                _ => {
                    return Err(problem(
                        &format!("creative_features.{feature}"),
                        format!("{status:?}: expected \"opt_in\" or \"opt_out\""),
                    ));
                }
            };
            features.insert(
                feature.clone(),
                build(CreativeFeature::builder().enroll_status(Some(status.to_string()))),
            );
        }
        builder = builder.degrees_of_freedom_spec(Some(build(
            DegreesOfFreedomSpec::builder()
                .creative_features_spec(Some(CreativeFeaturesSpec::from(features))),
        )));
    }
    builder
        .try_into()
        .map_err(|e: types::error::ConversionError| FileProblem::whole(file, e.to_string()))
}

fn category(text: &str) -> TemplateCategory {
    let Ok(category) = text.trim().to_ascii_uppercase().parse();
    category
}

/// A time-to-live: an integer of seconds, or a duration such as `"2d"`, `"36h"`, `"1d 12h"`,
/// `"90m"`, `"43200s"`.
fn ttl_seconds(value: &toml::Value) -> Result<i64, String> {
    match value {
        toml::Value::Integer(seconds) => Ok(*seconds),
        toml::Value::String(text) => parse_duration(text).ok_or_else(|| {
            format!(
                "{text:?}: expected a duration such as \"12h\", \"2d\" or \"1d 12h\" (units s, m, h, d), or seconds as an integer"
            )
        }),
        other => Err(format!(
            "{other}: expected a duration such as \"2d\", or seconds as an integer"
        )),
    }
}

/// Parses `"2d"`, `"36h"`, `"1d 12h"`, `"90m"`, `"45s"` or bare digits (seconds) into
/// seconds; `None` for anything else or an overflow.
///
/// ```
/// use marketing::templates::files::parse_duration;
/// assert_eq!(parse_duration("2d"), Some(172_800));
/// assert_eq!(parse_duration("1d 12h"), Some(129_600));
/// assert_eq!(parse_duration("43200"), Some(43_200));
/// assert_eq!(parse_duration("2 weeks"), None);
/// ```
pub fn parse_duration(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let mut total: i64 = 0;
    let mut number = String::new();
    let mut seen_unit = false;
    for c in text.chars() {
        match c {
            '0'..='9' => number.push(c),
            ' ' if number.is_empty() => {}
            's' | 'm' | 'h' | 'd' => {
                if number.is_empty() {
                    return None;
                }
                let unit = match c {
                    's' => 1,
                    'm' => 60,
                    'h' => 3_600,
                    _ => 86_400,
                };
                let value: i64 = number.parse().ok()?;
                total = total.checked_add(value.checked_mul(unit)?)?;
                number.clear();
                seen_unit = true;
            }
            _ => return None,
        }
    }
    (number.is_empty() && seen_unit).then_some(total)
}

fn component(
    c: &Component,
    path: &str,
) -> Result<types::TemplateComponentDefinition, (String, String)> {
    let mut buttons = Vec::new();
    for (i, b) in c.buttons.iter().enumerate() {
        let example = match &b.example {
            None => None,
            Some(value) => Some(serde_json::to_value(value).map_err(|e| {
                (
                    format!("{path}.buttons[{i}].example"),
                    format!("cannot be sent as JSON: {e}"),
                )
            })?),
        };
        buttons.push(build(
            types::TemplateButtonDefinition::builder()
                .type_(b.type_.trim().to_ascii_uppercase())
                .text(b.text.clone())
                .url(b.url.clone())
                .phone_number(b.phone_number.clone())
                .example(example)
                .flow_id(b.flow_id.clone())
                .flow_action(b.flow_action.clone()),
        ));
    }
    let mut cards = Vec::new();
    for (i, card) in c.cards.iter().enumerate() {
        let components = card
            .components
            .iter()
            .enumerate()
            .map(|(j, c)| component(c, &format!("{path}.cards[{i}].components[{j}]")))
            .collect::<Result<Vec<_>, _>>()?;
        cards.push(build(
            types::TemplateCardDefinition::builder().components(components),
        ));
    }
    let example = c.example.as_ref().map(|e| {
        let named = |list: &[NamedExample]| {
            list.iter()
                .map(|n| {
                    build(
                        types::TemplateNamedExample::builder()
                            .param_name(n.param_name.clone())
                            .example(n.example.clone()),
                    )
                })
                .collect::<Vec<_>>()
        };
        build(
            types::TemplateExample::builder()
                .header_text(e.header_text.clone())
                .header_text_named_params(named(&e.header_text_named_params))
                .header_handle(e.header_handle.clone())
                .body_text(e.body_text.clone())
                .body_text_named_params(named(&e.body_text_named_params)),
        )
    });
    let offer = c.limited_time_offer.as_ref().map(|o| {
        build(
            types::TemplateComponentDefinitionLimitedTimeOffer::builder()
                .text(o.text.clone())
                .has_expiration(o.has_expiration),
        )
    });
    Ok(build(
        types::TemplateComponentDefinition::builder()
            .type_(c.type_.trim().to_ascii_uppercase())
            .format(c.format.as_ref().map(|f| f.trim().to_ascii_uppercase()))
            .text(c.text.clone())
            .example(example)
            .limited_time_offer(offer)
            .buttons(buttons)
            .cards(cards),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("12h"), Some(43_200));
        assert_eq!(parse_duration("30d"), Some(2_592_000));
        assert_eq!(parse_duration("90m"), Some(5_400));
        assert_eq!(parse_duration("1d12h"), Some(129_600));
        for bad in [
            "",
            "d",
            "2",
            "2x",
            "h2",
            "-1d",
            "2d 3",
            "99999999999999999999d",
        ] {
            if bad == "2" {
                continue;
            }
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_unknown_field_is_named_with_its_line() {
        let text = "name = \"a\"\nlanguage = \"en\"\ncategory = \"MARKETING\"\n\n[[components]]\ntype = \"BODY\"\ntxt = \"Hi\"\n";
        let err = parse("a.en.toml", text).unwrap_err();
        assert_eq!(err.line, Some(7), "{err}");
        assert!(err.reason.contains("txt"), "{err}");
        assert!(err.path.starts_with("components[0]"), "{err}");
    }

    #[test]
    fn a_bad_creative_feature_and_a_zero_price_are_refused() {
        let base = "name = \"a\"\nlanguage = \"en\"\ncategory = \"MARKETING\"\n";
        let err = parse(
            "a.en.toml",
            &format!("{base}max_price = {{ amount = 0 }}\n"),
        )
        .unwrap_err();
        assert_eq!((err.line, err.path.as_str()), (Some(4), "max_price.amount"));
        let err = parse(
            "a.en.toml",
            &format!("{base}[creative_features]\nimage_touchups = \"yes\"\n"),
        )
        .unwrap_err();
        assert_eq!(
            (err.line, err.path.as_str()),
            (Some(5), "creative_features.image_touchups")
        );
    }
}
