//! Variables (`{{1}}`, `{{first_name}}`) in a template's texts, and the samples Meta needs
//! for them.
//!
//! Sources: Meta's "Create and manage templates" guide (positional and named parameters,
//! `parameter_format`, the `example` fields `body_text`, `body_text_named_params`,
//! `header_text`, `header_text_named_params`, and a URL button's `example`), and Meta's
//! template review guidelines, which list the common reasons for a rejection: variables not
//! numbered in order, variables with special characters, variables at the start or end of
//! the body, variables side by side, and too many variables for the message's length. Meta
//! publishes no formula for the last: see [`too_many_variables`].

use std::collections::BTreeSet;

use super::{Draft, Finding, is};
use crate::types::{
    TemplateButtonDefinition, TemplateComponentDefinition, TemplateParameterFormat,
};

/// The rejection reason Meta gives for a malformed template (its variables among others).
pub const INVALID_FORMAT: &str = "INVALID_FORMAT";

/// One `{{...}}` in a text: where it starts and ends (byte offsets, the braces included),
/// and what is inside.
#[derive(Clone, Debug)]
pub(crate) struct Placeholder<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: Kind<'a>,
    /// Whether `}}` closes it.
    pub closed: bool,
}

/// What a placeholder holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind<'a> {
    /// `{{1}}`: the number.
    Positional(u64),
    /// `{{first_name}}`: lower-case letters, digits and underscores, not starting with a digit.
    Named(&'a str),
    /// Anything else between the braces (`{{ 1 }}`, `{{First}}`, `{{#}}`), or `{{` never
    /// closed.
    Malformed(&'a str),
}

/// Every placeholder in `text`, in order.
pub(crate) fn scan(text: &str) -> Vec<Placeholder<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find("{{") {
        let start = from + offset;
        let inner_start = start + 2;
        let Some(close) = text[inner_start..].find("}}") else {
            found.push(Placeholder {
                start,
                end: text.len(),
                kind: Kind::Malformed(&text[inner_start..]),
                closed: false,
            });
            break;
        };
        let inner = &text[inner_start..inner_start + close];
        let end = inner_start + close + 2;
        let kind = if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) {
            match inner.parse::<u64>() {
                Ok(n) => Kind::Positional(n),
                Err(_) => Kind::Malformed(inner),
            }
        } else if inner
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
            && inner
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            Kind::Named(inner)
        } else {
            Kind::Malformed(inner)
        };
        found.push(Placeholder {
            start,
            end,
            kind,
            closed: true,
        });
        from = end;
    }
    found
}

/// Every variable rule over `draft`: each text that may hold variables, and each URL button.
pub(super) fn review(draft: &Draft<'_>, findings: &mut Vec<Finding>) {
    let named = draft.parameter_format == Some(&TemplateParameterFormat::Named);
    visit(draft.components, "components", named, findings);
}

fn visit(
    components: &[TemplateComponentDefinition],
    base: &str,
    named: bool,
    findings: &mut Vec<Finding>,
) {
    for (i, component) in components.iter().enumerate() {
        let path = format!("{base}[{i}]");
        let kind = component.type_.as_str();
        let text_header =
            is(kind, "HEADER") && component.format.as_deref().is_some_and(|f| is(f, "TEXT"));
        if is(kind, "BODY") || text_header {
            if let Some(text) = component.text.as_deref() {
                text_variables(component, text, &path, named, findings);
            }
        } else if is(kind, "FOOTER") {
            // A footer has no variables: `components::footer` says so.
        } else if is(kind, "BUTTONS") {
            for (b, button) in component.buttons.iter().enumerate() {
                if is(&button.type_, "URL") {
                    url_variable(button, &format!("{path}.buttons[{b}]"), findings);
                }
            }
        } else if is(kind, "CAROUSEL") {
            for (c, card) in component.cards.iter().enumerate() {
                visit(
                    &card.components,
                    &format!("{path}.cards[{c}].components"),
                    named,
                    findings,
                );
            }
        }
    }
}

/// The rules for the variables of one header or body text.
fn text_variables(
    component: &TemplateComponentDefinition,
    text: &str,
    path: &str,
    named: bool,
    findings: &mut Vec<Finding>,
) {
    let found = scan(text);
    let text_path = format!("{path}.text");
    well_formed(&found, &text_path, findings);
    if !format_matches(&found, &text_path, named, findings) {
        return;
    }
    let header = is(&component.type_, "HEADER");
    if header {
        header_variable_count(&found, &text_path, findings);
    } else {
        sequential(&found, &text_path, findings);
        at_edge(text, &found, &text_path, findings);
        adjacent(text, &found, &text_path, findings);
        too_many_variables(text, &found, &text_path, findings);
    }
    examples(component, &found, path, header, named, findings);
}

/// A variable is a number (`{{1}}`) or a name of lower-case letters, digits and
/// underscores (`{{first_name}}`), with nothing else between the braces.
///
/// Source: Meta's review guidelines ("variable parameters contain special characters such
/// as #, $ or %" and "mismatched curly braces" are rejection reasons); named parameters are
/// lower-case letters and underscores (Meta's named parameters section). Rejected in review,
/// INVALID_FORMAT.
fn well_formed(found: &[Placeholder<'_>], path: &str, findings: &mut Vec<Finding>) {
    for placeholder in found {
        if let Kind::Malformed(inner) = placeholder.kind {
            findings.push(Finding::rejected(
                path,
                "variable-malformed",
                INVALID_FORMAT,
                format!(
                    "{{{{{inner}{} is not a variable; expected {{{{1}}}} (a number) or \
                     {{{{first_name}}}} (lower-case letters, digits and underscores), with no \
                     spaces or other characters inside the braces",
                    if placeholder.closed {
                        "}}"
                    } else {
                        " (never closed)"
                    }
                ),
            ));
        }
    }
}

/// A template's variables are all positional or all named, as its `parameter_format` says
/// (absent means positional). Returns whether the rest of the variable rules can run.
///
/// Source: Meta's create-template guide (`parameter_format` `POSITIONAL` or `NAMED`; one
/// template uses one kind). Refused with code 100.
fn format_matches(
    found: &[Placeholder<'_>],
    path: &str,
    named: bool,
    findings: &mut Vec<Finding>,
) -> bool {
    let wrong = found.iter().find(|p| match p.kind {
        Kind::Positional(_) => named,
        Kind::Named(_) => !named,
        Kind::Malformed(_) => false,
    });
    if let Some(wrong) = wrong {
        let (expected, fix) = if named {
            ("NAMED", "named variables such as {{first_name}}")
        } else {
            (
                "POSITIONAL",
                "numbered variables such as {{1}}, or parameter_format NAMED",
            )
        };
        let shown = match wrong.kind {
            Kind::Positional(n) => format!("{{{{{n}}}}}"),
            Kind::Named(name) => format!("{{{{{name}}}}}"),
            Kind::Malformed(_) => String::new(),
        };
        findings.push(Finding::refused(
            path,
            "variable-format",
            format!("{shown} does not fit parameter_format {expected}; expected {fix}"),
        ));
        return false;
    }
    !found.iter().any(|p| matches!(p.kind, Kind::Malformed(_)))
}

/// A text header has at most one variable.
///
/// Source: Meta's template components reference (a text header supports one parameter).
/// Refused with code 100.
fn header_variable_count(found: &[Placeholder<'_>], path: &str, findings: &mut Vec<Finding>) {
    if found.len() > 1 {
        findings.push(Finding::refused(
            path,
            "header-variables",
            format!(
                "the header has {} variables; expected at most 1",
                found.len()
            ),
        ));
    }
}

/// Positional variables are numbered 1 to n with none missing.
///
/// Source: Meta's review guidelines ("variable parameters are not sequential": {{1}},
/// {{2}}, {{4}} with no {{3}}). Rejected in review, INVALID_FORMAT.
fn sequential(found: &[Placeholder<'_>], path: &str, findings: &mut Vec<Finding>) {
    let numbers: BTreeSet<u64> = found
        .iter()
        .filter_map(|p| match p.kind {
            Kind::Positional(n) => Some(n),
            _ => None,
        })
        .collect();
    let missing: Vec<String> = (1..=numbers.last().copied().unwrap_or(0).min(1000))
        .filter(|n| !numbers.contains(n))
        .map(|n| format!("{{{{{n}}}}}"))
        .collect();
    if numbers.contains(&0) || !missing.is_empty() {
        let shown: Vec<String> = numbers.iter().map(|n| format!("{{{{{n}}}}}")).collect();
        findings.push(Finding::rejected(
            path,
            "variables-sequential",
            INVALID_FORMAT,
            format!(
                "the variables are {}{}; expected {{{{1}}}} to {{{{{}}}}} with none missing",
                shown.join(", "),
                if missing.is_empty() {
                    String::new()
                } else {
                    format!(" ({} missing)", missing.join(", "))
                },
                numbers.len().max(1)
            ),
        ));
    }
}

/// Characters that do not count as text around a variable: spaces and punctuation.
fn is_filler(c: char) -> bool {
    !c.is_alphanumeric()
}

/// The body neither starts nor ends with a variable (punctuation and spaces around it do
/// not count as text).
///
/// Source: Meta's review guidelines ("variable parameters can't be at the start or end of
/// the template"); providers report that a variable followed only by punctuation counts as
/// the end. Rejected in review, INVALID_FORMAT.
fn at_edge(text: &str, found: &[Placeholder<'_>], path: &str, findings: &mut Vec<Finding>) {
    let (Some(first), Some(last)) = (found.first(), found.last()) else {
        return;
    };
    let starts = text[..first.start].chars().all(is_filler);
    let ends = text[last.end..].chars().all(is_filler);
    let at = match (starts, ends) {
        (true, true) => "starts and ends",
        (true, false) => "starts",
        (false, true) => "ends",
        (false, false) => return,
    };
    findings.push(Finding::rejected(
        path,
        "body-variable-at-edge",
        INVALID_FORMAT,
        format!(
            "the body {at} with a variable; expected words before the first variable and \
             after the last"
        ),
    ));
}

/// No two variables side by side: some word between any two.
///
/// Source: Meta's review guidelines (variables next to each other, such as {{1}} {{2}},
/// are a rejection reason). Rejected in review, INVALID_FORMAT.
fn adjacent(text: &str, found: &[Placeholder<'_>], path: &str, findings: &mut Vec<Finding>) {
    for pair in found.windows(2) {
        let between = &text[pair[0].end..pair[1].start.max(pair[0].end)];
        if between.chars().all(is_filler) {
            findings.push(Finding::rejected(
                path,
                "variables-adjacent",
                INVALID_FORMAT,
                format!(
                    "{} and {} have no word between them; expected text between any two \
                     variables",
                    &text[pair[0].start..pair[0].end],
                    &text[pair[1].start..pair[1].end]
                ),
            ));
            return;
        }
    }
}

/// A body's fixed words must outnumber its variables: at least `2 × variables + 1` words
/// that are not variables (a word being text between spaces with a letter or digit in it).
///
/// Meta rejects a template with "too many variable parameters relative to the message
/// length" but publishes no formula. This is wamm's heuristic, the ratio providers report
/// having observed (for n variables, words and variables together at least 3n + 1);
/// Meta's review may draw the line elsewhere. Rejected in review, INVALID_FORMAT.
pub fn too_many_variables_min_words(variables: usize) -> usize {
    2 * variables + 1
}

fn too_many_variables(
    text: &str,
    found: &[Placeholder<'_>],
    path: &str,
    findings: &mut Vec<Finding>,
) {
    if found.is_empty() {
        return;
    }
    let mut fixed = String::with_capacity(text.len());
    let mut from = 0;
    for placeholder in found {
        fixed.push_str(&text[from..placeholder.start]);
        fixed.push(' ');
        from = placeholder.end;
    }
    fixed.push_str(&text[from..]);
    let words = fixed
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    let needed = too_many_variables_min_words(found.len());
    if words < needed {
        findings.push(Finding::rejected(
            path,
            "too-many-variables",
            INVALID_FORMAT,
            format!(
                "{} variables in {words} words; expected at least {needed} words besides the \
                 variables (wamm's reading of Meta's unpublished ratio: 2 per variable, plus 1)",
                found.len()
            ),
        ));
    }
}

/// Every variable has a sample, and the samples match the variables: for positional
/// variables one list (`body_text[0]`, `header_text`) with one value per variable; for named
/// ones one `{param_name, example}` per name (`body_text_named_params`,
/// `header_text_named_params`), no more and no less.
///
/// Source: Meta's create-template guide (a body or header with parameters needs its
/// `example`). Refused with code 100.
fn examples(
    component: &TemplateComponentDefinition,
    found: &[Placeholder<'_>],
    path: &str,
    header: bool,
    named: bool,
    findings: &mut Vec<Finding>,
) {
    let example = component.example.as_ref();
    if named {
        let names: BTreeSet<&str> = found
            .iter()
            .filter_map(|p| match p.kind {
                Kind::Named(name) => Some(name),
                _ => None,
            })
            .collect();
        let (field, given) = if header {
            (
                "header_text_named_params",
                example.map(|e| e.header_text_named_params.as_slice()),
            )
        } else {
            (
                "body_text_named_params",
                example.map(|e| e.body_text_named_params.as_slice()),
            )
        };
        let given = given.unwrap_or_default();
        let field_path = format!("{path}.example.{field}");
        for name in &names {
            match given.iter().position(|g| g.param_name == *name) {
                None => findings.push(Finding::refused(
                    &field_path,
                    "variable-example",
                    format!(
                        "no sample for {{{{{name}}}}}; expected {{\"param_name\": \"{name}\", \
                         \"example\": ...}} in {field}"
                    ),
                )),
                Some(i) if given[i].example.as_deref().is_none_or(str::is_empty) => {
                    findings.push(Finding::refused(
                        format!("{field_path}[{i}].example"),
                        "variable-example",
                        format!("the sample for {{{{{name}}}}} is empty; expected a value"),
                    ))
                }
                Some(_) => {}
            }
        }
        for (i, g) in given.iter().enumerate() {
            if !names.contains(g.param_name.as_str()) {
                findings.push(Finding::refused(
                    format!("{field_path}[{i}].param_name"),
                    "variable-example",
                    format!(
                        "a sample for {{{{{}}}}}, which the text does not have; expected \
                         samples only for its variables",
                        g.param_name
                    ),
                ));
            }
        }
        return;
    }
    let count = found
        .iter()
        .filter_map(|p| match p.kind {
            Kind::Positional(n) => Some(n),
            _ => None,
        })
        .collect::<BTreeSet<_>>()
        .len();
    let (field_path, given) = if header {
        (
            format!("{path}.example.header_text"),
            example.map(|e| e.header_text.len()),
        )
    } else {
        let rows = example.map(|e| e.body_text.as_slice()).unwrap_or_default();
        if rows.len() > 1 {
            findings.push(Finding::refused(
                format!("{path}.example.body_text"),
                "variable-example",
                format!(
                    "{} lists of samples; expected one list, with a value per variable",
                    rows.len()
                ),
            ));
        }
        (
            format!("{path}.example.body_text[0]"),
            rows.first().map(Vec::len),
        )
    };
    let given = given.unwrap_or(0);
    if given != count {
        let field_path = if given == 0 && !header {
            format!("{path}.example.body_text")
        } else {
            field_path
        };
        findings.push(Finding::refused(
            field_path,
            "variable-example",
            format!("{given} sample values for {count} variables; expected one value per variable"),
        ));
    }
}

/// A URL button has at most one variable, `{{1}}`, at the very end of its URL, and then a
/// sample: the full URL of an example (`example`, a list of one string).
///
/// Source: Meta's template buttons reference (a URL may have one variable appended to its
/// end; an example URL is required with it). Refused with code 100.
fn url_variable(button: &TemplateButtonDefinition, path: &str, findings: &mut Vec<Finding>) {
    let Some(url) = button.url.as_deref() else {
        return;
    };
    let found = scan(url);
    let Some(last) = found.last() else {
        return;
    };
    let url_path = format!("{path}.url");
    if found.len() > 1 || last.end != url.len() || last.kind != Kind::Positional(1) {
        findings.push(Finding::refused(
            &url_path,
            "url-variable",
            format!(
                "the URL has {} variable(s){}; expected at most one, {{{{1}}}}, at its very end",
                found.len(),
                if last.end != url.len() {
                    " not at its end"
                } else {
                    ""
                }
            ),
        ));
    }
    let sample = match &button.example {
        Some(serde_json::Value::String(s)) => !s.is_empty(),
        Some(serde_json::Value::Array(items)) => items
            .first()
            .and_then(|v| v.as_str())
            .is_some_and(|s| !s.is_empty()),
        _ => false,
    };
    if !sample {
        findings.push(Finding::refused(
            format!("{path}.example"),
            "url-variable",
            "the URL has a variable and no sample; expected example with one full URL, such \
             as [\"https://shop.example.org/deal/summer\"]"
                .to_string(),
        ));
    }
}
