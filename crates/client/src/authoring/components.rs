//! The parts of a template and their limits: the name, which components it has, header,
//! body, footer, buttons and carousel cards.
//!
//! Sources: Meta's "Message templates" overview and "Create and manage templates" guide
//! (WhatsApp Business Management API), which give the name format, one header, body, footer
//! and buttons component each with their character limits, the button limits and the
//! carousel's card count; the rejection reasons are those of Meta's template review
//! guidelines. Meta refuses a request that breaks a limit with Graph code 100; providers
//! report subcode 2388040 for a field over its length and 2388047 for a header's format
//! ([`codes::template_subcode`](crate::codes::template_subcode)).

use super::{Draft, Finding, is};
use crate::codes::template_subcode::{CHARACTER_LIMIT, HEADER_FORMAT};
use crate::types::{TemplateButtonDefinition, TemplateComponentDefinition};

/// Longest template name, in characters.
pub const MAX_NAME_CHARS: usize = 512;
/// Longest text header, in characters.
pub const MAX_HEADER_TEXT_CHARS: usize = 60;
/// Longest body, in characters.
pub const MAX_BODY_CHARS: usize = 1024;
/// Longest footer, in characters.
pub const MAX_FOOTER_CHARS: usize = 60;
/// Most buttons in a template.
pub const MAX_BUTTONS: usize = 10;
/// Most URL buttons in a template.
pub const MAX_URL_BUTTONS: usize = 2;
/// Longest button label, in characters.
pub const MAX_BUTTON_TEXT_CHARS: usize = 25;
/// Longest button URL, in characters.
pub const MAX_URL_CHARS: usize = 2000;
/// Longest phone number of a call button, in characters.
pub const MAX_PHONE_NUMBER_CHARS: usize = 20;
/// Fewest and most cards in a carousel.
pub const CAROUSEL_CARDS: std::ops::RangeInclusive<usize> = 2..=10;
/// Longest body of a carousel card, in characters.
pub const MAX_CARD_BODY_CHARS: usize = 160;
/// Longest limited-time offer text, in characters.
pub const MAX_OFFER_TEXT_CHARS: usize = 16;
/// Longest body of a limited-time offer template, in characters.
pub const MAX_OFFER_BODY_CHARS: usize = 600;

/// The kinds of component a template can have, in Meta's words.
const KINDS: [&str; 6] = [
    "HEADER",
    "BODY",
    "FOOTER",
    "BUTTONS",
    "LIMITED_TIME_OFFER",
    "CAROUSEL",
];

/// Header formats that carry a media file, whose sample Meta needs (`example.header_handle`).
const MEDIA_FORMATS: [&str; 4] = ["IMAGE", "VIDEO", "DOCUMENT", "GIF"];

/// Every component rule over `draft`.
pub(super) fn review(draft: &Draft<'_>, findings: &mut Vec<Finding>) {
    one_of_each_kind(draft.components, "components", findings);
    body_required(draft.components, "components", findings);
    offer_template(draft, findings);
    for (i, component) in draft.components.iter().enumerate() {
        let path = format!("components[{i}]");
        let kind = component.type_.as_str();
        if is(kind, "HEADER") {
            header(component, &path, findings);
        } else if is(kind, "BODY") {
            text_length(component, &path, MAX_BODY_CHARS, "body-length", findings);
        } else if is(kind, "FOOTER") {
            footer(component, &path, findings);
        } else if is(kind, "BUTTONS") {
            buttons(&component.buttons, &format!("{path}.buttons"), findings);
        } else if is(kind, "LIMITED_TIME_OFFER") {
            offer_text(component, &path, findings);
        } else if is(kind, "CAROUSEL") {
            carousel(component, &path, findings);
        }
    }
}

/// A name is lower-case letters, digits and underscores, 1 to 512 of them.
///
/// Source: Meta's create-template guide ("name": up to 512 characters, lower-case
/// alphanumeric and underscores). Refused with code 100.
pub(super) fn name_format(name: &str, findings: &mut Vec<Finding>) {
    let chars = name.chars().count();
    let bad = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_'));
    let problem = if chars == 0 {
        Some("the name is empty".to_string())
    } else if chars > MAX_NAME_CHARS {
        Some(format!("the name is {chars} characters long"))
    } else {
        bad.map(|c| format!("the name contains {c:?}"))
    };
    if let Some(problem) = problem {
        let finding = Finding::refused(
            "name",
            "name-format",
            format!(
                "{problem}; expected 1 to {MAX_NAME_CHARS} lower-case letters, digits and \
                 underscores (such as spring_sale_2030)"
            ),
        );
        findings.push(if chars > MAX_NAME_CHARS {
            finding.with_subcode(CHARACTER_LIMIT)
        } else {
            finding
        });
    }
}

/// At most one component of each kind (one header, one body, one footer, one buttons list,
/// one offer, one carousel).
///
/// Source: Meta's template components reference (each component appears once). Refused with
/// code 100.
fn one_of_each_kind(
    components: &[TemplateComponentDefinition],
    base: &str,
    findings: &mut Vec<Finding>,
) {
    for kind in KINDS {
        let mut seen = components
            .iter()
            .enumerate()
            .filter(|(_, c)| is(&c.type_, kind));
        let Some((first, _)) = seen.next() else {
            continue;
        };
        for (i, _) in seen {
            findings.push(Finding::refused(
                format!("{base}[{i}].type"),
                "one-component-of-each-kind",
                format!(
                    "a second {kind} component (the first is {base}[{first}]); expected at \
                     most one"
                ),
            ));
        }
    }
}

/// Every template has a body.
///
/// Source: Meta's template components reference (the body is the one required component).
/// Refused with code 100.
fn body_required(
    components: &[TemplateComponentDefinition],
    base: &str,
    findings: &mut Vec<Finding>,
) {
    if !components.iter().any(|c| is(&c.type_, "BODY")) {
        findings.push(Finding::refused(
            base,
            "body-required",
            "no BODY component; expected exactly one, with the message's text".to_string(),
        ));
    }
}

/// A component's `text` is present and at most `max` characters.
fn text_length(
    component: &TemplateComponentDefinition,
    path: &str,
    max: usize,
    rule: &'static str,
    findings: &mut Vec<Finding>,
) {
    let kind = component.type_.to_ascii_uppercase();
    findings.extend(required_text(
        component.text.as_deref(),
        format!("{path}.text"),
        rule,
        max,
        &format!("the {kind} has no text"),
        &format!("{kind} text"),
    ));
}

/// A text a template must give, at `path`, of 1 to `max` characters: refused under `rule`
/// when it is missing or empty (`missing` says what is missing) or longer (`what` names it,
/// with Meta's character-limit subcode).
fn required_text(
    text: Option<&str>,
    path: String,
    rule: &'static str,
    max: usize,
    missing: &str,
    what: &str,
) -> Option<Finding> {
    match text {
        None | Some("") => Some(Finding::refused(
            path,
            rule,
            format!("{missing}; expected 1 to {max} characters"),
        )),
        Some(text) => {
            let chars = text.chars().count();
            (chars > max).then(|| {
                Finding::refused(
                    path,
                    rule,
                    format!("the {what} is {chars} characters long; expected at most {max}"),
                )
                .with_subcode(CHARACTER_LIMIT)
            })
        }
    }
}

/// A header names its format; a TEXT header has text of at most 60 characters; a media
/// header (IMAGE, VIDEO, DOCUMENT, GIF) comes with a sample file (`example.header_handle`).
/// The header's variables are checked with the others (at most one).
///
/// Source: Meta's template components reference (header text 60 characters; media headers
/// need a sample uploaded with the Resumable Upload API). Refused with code 100.
fn header(component: &TemplateComponentDefinition, path: &str, findings: &mut Vec<Finding>) {
    let Some(format) = component.format.as_deref() else {
        findings.push(
            Finding::refused(
                format!("{path}.format"),
                "header-format",
                "the HEADER has no format; expected TEXT, IMAGE, VIDEO, DOCUMENT, GIF or LOCATION"
                    .to_string(),
            )
            .with_subcode(HEADER_FORMAT),
        );
        return;
    };
    if is(format, "TEXT") {
        text_length(
            component,
            path,
            MAX_HEADER_TEXT_CHARS,
            "header-text-length",
            findings,
        );
    } else if MEDIA_FORMATS.iter().any(|m| is(format, m)) {
        let handles = component
            .example
            .as_ref()
            .map(|e| e.header_handle.as_slice())
            .unwrap_or_default();
        if handles.iter().all(|h| h.trim().is_empty()) {
            findings.push(Finding::refused(
                format!("{path}.example.header_handle"),
                "media-header-example",
                format!(
                    "the {} header has no sample; expected example.header_handle with the \
                     handle of an uploaded sample file",
                    format.to_ascii_uppercase()
                ),
            ));
        }
    }
}

/// A footer is at most 60 characters and has no variables.
///
/// Source: Meta's template components reference (footer: 60 characters, text only). Refused
/// with code 100.
fn footer(component: &TemplateComponentDefinition, path: &str, findings: &mut Vec<Finding>) {
    text_length(component, path, MAX_FOOTER_CHARS, "footer-length", findings);
    if component.text.as_deref().is_some_and(|t| t.contains("{{")) {
        findings.push(Finding::refused(
            format!("{path}.text"),
            "footer-variables",
            "the FOOTER contains a variable; expected fixed text only".to_string(),
        ));
    }
}

/// A limited-time offer's text is at most 16 characters.
///
/// Source: Meta's limited-time offer templates guide (`limited_time_offer.text`, 16
/// characters). Refused with code 100.
fn offer_text(component: &TemplateComponentDefinition, path: &str, findings: &mut Vec<Finding>) {
    let Some(text) = component
        .limited_time_offer
        .as_ref()
        .and_then(|o| o.text.as_deref())
    else {
        return;
    };
    let chars = text.chars().count();
    if chars > MAX_OFFER_TEXT_CHARS {
        findings.push(
            Finding::refused(
                format!("{path}.limited_time_offer.text"),
                "offer-text-length",
                format!(
                    "the offer text is {chars} characters long; expected at most \
                 {MAX_OFFER_TEXT_CHARS}"
                ),
            )
            .with_subcode(CHARACTER_LIMIT),
        );
    }
}

/// A limited-time offer template is a marketing template without a footer, whose body is
/// at most 600 characters.
///
/// Source: Meta's limited-time offer templates guide ("Limitations": marketing only, no
/// footer; body text 600 characters). Refused with code 100.
fn offer_template(draft: &Draft<'_>, findings: &mut Vec<Finding>) {
    let components = draft.components;
    let Some(offer) = components
        .iter()
        .position(|c| is(&c.type_, "LIMITED_TIME_OFFER"))
    else {
        return;
    };
    if *draft.category != crate::TemplateCategory::Marketing {
        findings.push(Finding::refused(
            "category",
            "offer-template",
            format!(
                "a limited-time offer (components[{offer}]) in a {} template; expected \
                 MARKETING",
                draft.category
            ),
        ));
    }
    for (i, component) in components.iter().enumerate() {
        if is(&component.type_, "FOOTER") {
            findings.push(Finding::refused(
                format!("components[{i}]"),
                "offer-template",
                format!(
                    "a FOOTER with a limited-time offer (components[{offer}]); expected no \
                     footer in an offer template"
                ),
            ));
        }
        let body_chars = component.text.as_deref().map_or(0, |t| t.chars().count());
        if is(&component.type_, "BODY") && body_chars > MAX_OFFER_BODY_CHARS {
            findings.push(
                Finding::refused(
                    format!("components[{i}].text"),
                    "offer-template",
                    format!(
                        "the body of a limited-time offer template is {body_chars} characters \
                     long; expected at most {MAX_OFFER_BODY_CHARS}"
                    ),
                )
                .with_subcode(CHARACTER_LIMIT),
            );
        }
    }
}

/// How many buttons of one type a template may have.
const BUTTON_LIMITS: [(&str, usize); 3] = [
    ("URL", MAX_URL_BUTTONS),
    ("PHONE_NUMBER", 1),
    ("COPY_CODE", 1),
];

/// Buttons: at most 10; at most 2 URL, 1 PHONE_NUMBER and 1 COPY_CODE; quick replies
/// together (not between other buttons); labels of at most 25 characters; URLs of at most
/// 2000 characters; phone numbers of at most 20.
///
/// Source: Meta's template buttons reference ("Templates are composed of up to 10 buttons";
/// per-type limits; quick replies grouped; label and URL lengths). Refused with code 100.
fn buttons(buttons: &[TemplateButtonDefinition], base: &str, findings: &mut Vec<Finding>) {
    if buttons.len() > MAX_BUTTONS {
        findings.push(Finding::refused(
            base,
            "button-count",
            format!("{} buttons; expected at most {MAX_BUTTONS}", buttons.len()),
        ));
    }
    for (kind, max) in BUTTON_LIMITS {
        let of_kind: Vec<usize> = buttons
            .iter()
            .enumerate()
            .filter(|(_, b)| is(&b.type_, kind))
            .map(|(i, _)| i)
            .collect();
        if let Some(&extra) = of_kind.get(max) {
            findings.push(Finding::refused(
                format!("{base}[{extra}].type"),
                "button-count",
                format!("{} {kind} buttons; expected at most {max}", of_kind.len()),
            ));
        }
    }
    quick_replies_grouped(buttons, base, findings);
    for (i, button) in buttons.iter().enumerate() {
        let path = format!("{base}[{i}]");
        button_text(button, &path, findings);
        if is(&button.type_, "URL") {
            url_length(button, &path, findings);
        }
        if is(&button.type_, "PHONE_NUMBER") {
            phone_number(button, &path, findings);
        }
    }
}

/// Quick-reply buttons sit together: not a quick reply, then another button, then a quick
/// reply again.
fn quick_replies_grouped(
    buttons: &[TemplateButtonDefinition],
    base: &str,
    findings: &mut Vec<Finding>,
) {
    let quick: Vec<bool> = buttons
        .iter()
        .map(|b| is(&b.type_, "QUICK_REPLY"))
        .collect();
    let Some(first) = quick.iter().position(|q| *q) else {
        return;
    };
    let last = quick.iter().rposition(|q| *q).unwrap_or(first);
    if let Some(offset) = quick[first..=last].iter().position(|q| !q) {
        let i = first + offset;
        findings.push(Finding::refused(
            format!("{base}[{i}].type"),
            "quick-replies-grouped",
            format!(
                "a {} button between quick replies ({base}[{first}] and {base}[{last}]); \
                 expected the quick-reply buttons together, before or after the others",
                buttons[i].type_.to_ascii_uppercase()
            ),
        ));
    }
}

/// Types whose label Meta fixes, so the template gives none.
const FIXED_LABELS: [&str; 4] = ["COPY_CODE", "CATALOG", "MPM", "OTP"];

/// A button's label is present (except where Meta fixes it) and at most 25 characters.
fn button_text(button: &TemplateButtonDefinition, path: &str, findings: &mut Vec<Finding>) {
    let fixed = FIXED_LABELS.iter().any(|f| is(&button.type_, f));
    let text = button.text.as_deref();
    if fixed && text.is_none_or(str::is_empty) {
        return;
    }
    findings.extend(required_text(
        text,
        format!("{path}.text"),
        "button-text",
        MAX_BUTTON_TEXT_CHARS,
        &format!(
            "the {} button has no label",
            button.type_.to_ascii_uppercase()
        ),
        "button label",
    ));
}

/// A URL button has a URL of at most 2000 characters (its variable is checked with the
/// others).
fn url_length(button: &TemplateButtonDefinition, path: &str, findings: &mut Vec<Finding>) {
    findings.extend(required_text(
        button.url.as_deref(),
        format!("{path}.url"),
        "url-length",
        MAX_URL_CHARS,
        "the URL button has no url",
        "url",
    ));
}

/// A call button has a phone number of at most 20 characters.
fn phone_number(button: &TemplateButtonDefinition, path: &str, findings: &mut Vec<Finding>) {
    findings.extend(required_text(
        button.phone_number.as_deref(),
        format!("{path}.phone_number"),
        "phone-number",
        MAX_PHONE_NUMBER_CHARS,
        "the PHONE_NUMBER button has no phone_number",
        "phone number",
    ));
}

/// A carousel has 2 to 10 cards, all alike: the same header format and the same buttons (by
/// type, in order); each card's parts follow the component rules, with a card body of at
/// most 160 characters.
///
/// Source: Meta's media card carousel templates guide (2 to 10 cards; every card with the
/// same header format and the same button types; card body 160 characters). Refused with
/// code 100.
fn carousel(component: &TemplateComponentDefinition, path: &str, findings: &mut Vec<Finding>) {
    let cards = &component.cards;
    if !CAROUSEL_CARDS.contains(&cards.len()) {
        findings.push(Finding::refused(
            format!("{path}.cards"),
            "carousel-cards",
            format!(
                "{} cards; expected {} to {}",
                cards.len(),
                CAROUSEL_CARDS.start(),
                CAROUSEL_CARDS.end()
            ),
        ));
    }
    let shape = |card: &crate::types::TemplateCardDefinition| -> (Option<String>, Vec<String>) {
        let header = card
            .components
            .iter()
            .find(|c| is(&c.type_, "HEADER"))
            .and_then(|c| c.format.as_deref())
            .map(str::to_ascii_uppercase);
        let buttons = card
            .components
            .iter()
            .filter(|c| is(&c.type_, "BUTTONS"))
            .flat_map(|c| c.buttons.iter().map(|b| b.type_.to_ascii_uppercase()))
            .collect();
        (header, buttons)
    };
    let first = cards.first().map(shape);
    for (n, card) in cards.iter().enumerate() {
        let base = format!("{path}.cards[{n}].components");
        one_of_each_kind(&card.components, &base, findings);
        for (i, part) in card.components.iter().enumerate() {
            let part_path = format!("{base}[{i}]");
            if is(&part.type_, "HEADER") {
                header(part, &part_path, findings);
            } else if is(&part.type_, "BODY") {
                text_length(
                    part,
                    &part_path,
                    MAX_CARD_BODY_CHARS,
                    "card-body-length",
                    findings,
                );
            } else if is(&part.type_, "BUTTONS") {
                buttons(&part.buttons, &format!("{part_path}.buttons"), findings);
            }
        }
        if n == 0 {
            continue;
        }
        if let Some((header, buttons)) = &first {
            let (this_header, this_buttons) = shape(card);
            if &this_header != header || &this_buttons != buttons {
                findings.push(Finding::refused(
                    format!("{path}.cards[{n}]"),
                    "carousel-cards-alike",
                    format!(
                        "card {n} has a {} header and buttons [{}], card 0 a {} header and \
                         buttons [{}]; expected every card alike",
                        this_header.as_deref().unwrap_or("missing"),
                        this_buttons.join(", "),
                        header.as_deref().unwrap_or("missing"),
                        buttons.join(", ")
                    ),
                ));
            }
        }
    }
}
