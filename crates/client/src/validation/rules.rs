//! The cross-field rules: what Meta refuses that a schema cannot state. Everything else about
//! a request body is in `openapi.yaml` and checked by the compiled schema.
//!
//! Each rule is one function below, named for what it requires, with the Graph error code
//! Meta refuses a breach with. They read the body as JSON and skip any part whose shape is
//! wrong (the schema reports that), so every rule runs on every body and all problems come
//! back at once.
//!
//! | rule | code |
//! |---|---|
//! | `one_component_of_each_kind` | 100 |
//! | `button_indexes_unique` | 100 |
//! | `button_parameters_fit_sub_type` | 100 |
//! | `multi_product_total` | 100 |
//! | `named_or_positional` | 132012 |
//! | `parameter_names_unique` | 100 |
//! | `text_whitespace` | 132018 |
//! | `header_text_length` | 132005 |
//! | `carousel_cards_alike` | 100 |
//! | [`bid_spec_needs_phone_number`] | 131062 |
//! | `no_nul_characters` | 100 |

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::Problem;
use super::describe::show;

/// Longest header text, in characters.
pub const MAX_HEADER_TEXT_CHARS: usize = 60;
/// Most products across all sections of a multi-product (mpm) button.
pub const MAX_MPM_PRODUCTS: usize = 30;
/// Most consecutive spaces Meta allows in a body or header text parameter.
pub const MAX_CONSECUTIVE_SPACES: usize = 4;

/// Where a component sits: in the template's list, or in a carousel card. Rendered as a path
/// only when a rule has something to report, so a valid body costs no allocation.
#[derive(Clone, Copy)]
enum Place {
    Template(usize),
    Card {
        carousel: usize,
        card: usize,
        component: usize,
    },
}

impl Place {
    fn path(self) -> String {
        match self {
            Place::Template(i) => format!("template.components[{i}]"),
            Place::Card {
                carousel,
                card,
                component,
            } => format!("template.components[{carousel}].cards[{card}].components[{component}]"),
        }
    }
}

/// A parameter's `type`, read in any letter case without allocating: the lower-case word
/// when it is one the spec knows, else the value as given.
fn param_type(param: &Value) -> Option<&str> {
    const WORDS: [&str; 13] = [
        "text",
        "currency",
        "date_time",
        "image",
        "video",
        "document",
        "gif",
        "location",
        "product",
        "payload",
        "coupon_code",
        "action",
        "limited_time_offer",
    ];
    let kind = param.get("type")?.as_str()?;
    // Already lower case (as nearly always): a known word is itself, and anything else is
    // given back as it is either way.
    if !kind.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(kind);
    }
    Some(
        WORDS
            .into_iter()
            .find(|word| kind.eq_ignore_ascii_case(word))
            .unwrap_or(kind),
    )
}

/// A component kind, read in any letter case without allocating.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Header,
    Body,
    Button,
    LimitedTimeOffer,
    Carousel,
    Other,
}

impl Kind {
    fn of(component: &Value) -> Option<Kind> {
        let kind = component.get("type")?.as_str()?;
        Some(
            [
                ("header", Kind::Header),
                ("body", Kind::Body),
                ("button", Kind::Button),
                ("limited_time_offer", Kind::LimitedTimeOffer),
                ("carousel", Kind::Carousel),
            ]
            .into_iter()
            .find(|(word, _)| kind.eq_ignore_ascii_case(word))
            .map_or(Kind::Other, |(_, k)| k),
        )
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Header => "header",
            Kind::Body => "body",
            Kind::Button => "button",
            Kind::LimitedTimeOffer => "limited_time_offer",
            Kind::Carousel => "carousel",
            Kind::Other => "other",
        }
    }
}

/// Runs every rule on `body` (the one against NUL characters only when `nul`), appending
/// what they find.
pub(super) fn check(body: &Value, nul: bool, out: &mut Vec<Problem>) {
    bid_spec_needs_phone_number(body, out);
    if nul {
        nul_characters(body, out);
    }
    // `get` twice rather than `pointer`, which parses its argument on every call.
    let Some(components) = body
        .get("template")
        .and_then(|t| t.get("components"))
        .and_then(Value::as_array)
    else {
        return;
    };
    const TEMPLATE_KINDS: [Kind; 4] = [
        Kind::Header,
        Kind::Body,
        Kind::LimitedTimeOffer,
        Kind::Carousel,
    ];
    one_component_of_each_kind(components, Place::Template, &TEMPLATE_KINDS, out);
    button_indexes_unique(components, Place::Template, out);
    named_or_positional(components, out);
    for (i, component) in components.iter().enumerate() {
        component_rules(component, Place::Template(i), out);
        let Some(cards) = component.get("cards").and_then(Value::as_array) else {
            continue;
        };
        for (j, card) in cards.iter().enumerate() {
            let Some(card_components) = card.get("components").and_then(Value::as_array) else {
                continue;
            };
            let place = |k| Place::Card {
                carousel: i,
                card: j,
                component: k,
            };
            one_component_of_each_kind(card_components, place, &[Kind::Header, Kind::Body], out);
            button_indexes_unique(card_components, place, out);
            for (k, component) in card_components.iter().enumerate() {
                component_rules(component, place(k), out);
            }
        }
        carousel_cards_alike(cards, i, out);
    }
}

/// The rules that look at one component.
fn component_rules(component: &Value, place: Place, out: &mut Vec<Problem>) {
    let Some(map) = component.as_object() else {
        return;
    };
    match Kind::of(component) {
        Some(Kind::Button) => {
            button_parameters_fit_sub_type(map, place, out);
            multi_product_total(map, place, out);
        }
        Some(Kind::Body) => {
            parameter_names_unique(map, place, out);
            text_whitespace(map, place, out);
        }
        Some(Kind::Header) => {
            text_whitespace(map, place, out);
            header_text_length(map, place, out);
        }
        _ => {}
    }
}

fn parameters(map: &Map<String, Value>) -> &[Value] {
    map.get("parameters")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A template (and each carousel card) has at most one header, one body, one limited-time
/// offer and one carousel: a second would leave Meta to pick one.
fn one_component_of_each_kind(
    components: &[Value],
    place: impl Fn(usize) -> Place,
    kinds: &[Kind],
    out: &mut Vec<Problem>,
) {
    let mut first: [Option<usize>; 6] = [None; 6];
    for (i, component) in components.iter().enumerate() {
        let Some(kind) = Kind::of(component).filter(|k| kinds.contains(k)) else {
            continue;
        };
        match first[kind as usize] {
            Some(earlier) => out.push(Problem::new(
                format!("{}.type", place(i).path()),
                format!(
                    "a second {} component (the first is [{earlier}]); expected one",
                    kind.name()
                ),
            )),
            None => first[kind as usize] = Some(i),
        }
    }
}

/// A button position as Meta reads it: a number, or a string of digits.
fn button_index(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

/// Each button index is given once: two values for one button leave Meta to pick one.
fn button_indexes_unique(
    components: &[Value],
    place: impl Fn(usize) -> Place,
    out: &mut Vec<Problem>,
) {
    // The schema allows positions 0 to 9.
    let mut first: [Option<usize>; 10] = [None; 10];
    for (i, component) in components.iter().enumerate() {
        if Kind::of(component) != Some(Kind::Button) {
            continue;
        }
        let Some(index) = component
            .get("index")
            .and_then(button_index)
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n < first.len())
        else {
            continue;
        };
        match first[index] {
            Some(earlier) => out.push(Problem::new(
                format!("{}.index", place(i).path()),
                format!(
                    "button index {index} is already given by [{earlier}]; expected each index once"
                ),
            )),
            None => first[index] = Some(i),
        }
    }
}

/// A button's parameters fit its `sub_type`: `quick_reply` takes one `payload`, `url` one
/// `text` (the URL's suffix), `copy_code` one `coupon_code`, `mpm` one `action`; `flow` and
/// `catalog` take one `action` or nothing; `voice_call` takes nothing. An `mpm` action names
/// its thumbnail and its sections.
fn button_parameters_fit_sub_type(map: &Map<String, Value>, place: Place, out: &mut Vec<Problem>) {
    let Some(given) = map.get("sub_type").and_then(Value::as_str) else {
        return;
    };
    const SUB_TYPES: [(&str, &str, bool); 7] = [
        ("quick_reply", "payload", false),
        ("url", "text", false),
        ("copy_code", "coupon_code", false),
        ("mpm", "action", false),
        ("flow", "action", true),
        ("catalog", "action", true),
        ("voice_call", "", true),
    ];
    let Some(&(sub_type, expected, optional)) = SUB_TYPES
        .iter()
        .find(|(name, _, _)| given.eq_ignore_ascii_case(name))
    else {
        return;
    };
    if sub_type == "voice_call" {
        if !parameters(map).is_empty() {
            out.push(Problem::new(
                format!("{}.parameters", place.path()),
                "a voice_call button takes no parameters",
            ));
        }
        return;
    }
    let params = parameters(map);
    if params.len() > 1 || (params.is_empty() && !optional) {
        out.push(Problem::new(
            format!("{}.parameters", place.path()),
            format!(
                "{} parameters, expected one `{expected}` parameter for a {sub_type} button",
                params.len()
            ),
        ));
    }
    let Some(param) = params.first() else {
        return;
    };
    if let Some(kind) = param_type(param)
        && kind != expected
    {
        out.push(Problem::new(
            format!("{}.parameters[0].type", place.path()),
            format!("\"{kind}\", expected \"{expected}\" for a {sub_type} button"),
        ));
        return;
    }
    if sub_type == "mpm"
        && let Some(action) = param.get("action").and_then(Value::as_object)
    {
        for key in ["thumbnail_product_retailer_id", "sections"] {
            if !action.contains_key(key) {
                out.push(Problem::new(
                    format!("{}.parameters[0].action.{key}", place.path()),
                    "missing, expected for an mpm button (the thumbnail product and 1 to 10 sections)",
                ));
            }
        }
    }
}

/// An mpm button lists at most 30 products across all its sections.
fn multi_product_total(map: &Map<String, Value>, place: Place, out: &mut Vec<Problem>) {
    let Some(sections) = parameters(map)
        .first()
        .and_then(|p| p.pointer("/action/sections"))
        .and_then(Value::as_array)
    else {
        return;
    };
    let total: usize = sections
        .iter()
        .filter_map(|s| s.get("product_items").and_then(Value::as_array))
        .map(Vec::len)
        .sum();
    if total > MAX_MPM_PRODUCTS {
        out.push(Problem::new(
            format!("{}.parameters[0].action.sections", place.path()),
            format!("{total} products in all, at most {MAX_MPM_PRODUCTS}"),
        ));
    }
}

/// A named template gives `parameter_name` on every header and body variable, a positional
/// one on none; one message cannot mix the two (Meta: 132012).
fn named_or_positional(components: &[Value], out: &mut Vec<Problem>) {
    // (how many, the first one's component and parameter)
    let mut named: (usize, (usize, usize)) = (0, (0, 0));
    let mut positional: (usize, (usize, usize)) = (0, (0, 0));
    for (i, component) in components.iter().enumerate() {
        if !matches!(Kind::of(component), Some(Kind::Header | Kind::Body)) {
            continue;
        }
        let Some(map) = component.as_object() else {
            continue;
        };
        for (j, param) in parameters(map).iter().enumerate() {
            if !matches!(param_type(param), Some("text" | "currency" | "date_time")) {
                continue;
            }
            let tally = if param.get("parameter_name").is_some() {
                &mut named
            } else {
                &mut positional
            };
            if tally.0 == 0 {
                tally.1 = (i, j);
            }
            tally.0 += 1;
        }
    }
    if named.0 > 0 && positional.0 > 0 {
        let at = |(i, j): (usize, usize)| format!("template.components[{i}].parameters[{j}]");
        out.push(
            Problem::new(
                "template.components",
                format!(
                    "named and positional parameters are mixed ({} named, such as {}; {} positional, such as {}); \
                     a named template needs `parameter_name` on every variable, a positional one on none",
                    named.0,
                    at(named.1),
                    positional.0,
                    at(positional.1)
                ),
            )
            .with_code(crate::codes::PARAMETER_FORMAT),
        );
    }
}

/// Each `parameter_name` appears once in a body.
fn parameter_names_unique(map: &Map<String, Value>, place: Place, out: &mut Vec<Problem>) {
    let params = parameters(map);
    fn name(p: &Value) -> Option<&str> {
        p.get("parameter_name").and_then(Value::as_str)
    }
    for (i, param) in params.iter().enumerate() {
        let Some(this) = name(param) else {
            continue;
        };
        // A body has a handful of variables: comparing pairs costs less than a map.
        if let Some(earlier) = params[..i].iter().position(|p| name(p) == Some(this)) {
            out.push(Problem::new(
                format!("{}.parameters[{i}].parameter_name", place.path()),
                format!(
                    "\"{this}\" is already given by parameters[{earlier}]; expected each name once"
                ),
            ));
        }
    }
}

/// A step of the path to a value: a property's name or a position in a list.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// No string anywhere in the body, nor a property's name, holds U+0000 (NUL). JSON can carry
/// it (`\u0000`), and a schema's `type: string` allows it, but much of what handles the text
/// after us ends a string at a NUL or refuses it (C APIs; PostgreSQL's `text`), so the user
/// would get a message cut short, or none: wamm refuses it before sending, as an invalid
/// parameter (100), naming the field. `path` is the way to `value`.
fn no_nul_characters<'a>(value: &'a Value, out: &mut Vec<Problem>, path: &mut Vec<Step<'a>>) {
    let refuse = |path: &[Step<'_>], out: &mut Vec<Problem>| {
        let mut shown = String::new();
        for step in path {
            match step {
                Step::Key(key) if shown.is_empty() => shown.push_str(key),
                Step::Key(key) => {
                    shown.push('.');
                    shown.push_str(key);
                }
                Step::Index(i) => shown.push_str(&format!("[{i}]")),
            }
        }
        out.push(
            Problem::new(
                shown.replace('\0', "\\u0000"),
                "holds a NUL character (U+0000); remove it (Meta's systems may cut the text there or refuse it)",
            )
            .with_code(100),
        );
    };
    match value {
        Value::String(text) if text.contains('\0') => refuse(path, out),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                no_nul_characters(item, out, path);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                path.push(Step::Key(key));
                if key.contains('\0') {
                    refuse(path, out);
                } else {
                    no_nul_characters(item, out, path);
                }
                path.pop();
            }
        }
        _ => {}
    }
}

/// The rule against NUL characters alone: the body is walked a second time, keeping the path,
/// only when it has something to name (most bodies hold no NUL).
pub(super) fn nul_characters(body: &Value, out: &mut Vec<Problem>) {
    if has_nul(body) {
        no_nul_characters(body, out, &mut Vec::new());
    }
}

/// Whether any string in `value`, or any property's name, holds a NUL: the cheap walk (no
/// path kept) that tells whether [`no_nul_characters`] has anything to report.
fn has_nul(value: &Value) -> bool {
    let nul = |text: &str| text.as_bytes().contains(&0);
    match value {
        Value::String(text) => nul(text),
        Value::Array(items) => items.iter().any(has_nul),
        Value::Object(map) => map.iter().any(|(key, item)| nul(key) || has_nul(item)),
        _ => false,
    }
}

/// Header and body text parameters hold no newline or tab, never more than four spaces in a
/// row, and more than spaces (Meta: 132018).
fn text_whitespace(map: &Map<String, Value>, place: Place, out: &mut Vec<Problem>) {
    for (i, param) in parameters(map).iter().enumerate() {
        if param_type(param) != Some("text") {
            continue;
        }
        let Some(text) = param.get("text").and_then(Value::as_str) else {
            continue;
        };
        if let Some(reason) = whitespace_problem(text) {
            out.push(
                Problem::new(
                    format!("{}.parameters[{i}].text", place.path()),
                    format!(
                        "{} {reason}; Meta refuses line breaks, tabs and more than four spaces in a row in a variable",
                        show(&Value::String(text.to_string()))
                    ),
                )
                .with_code(crate::codes::PARAMETER_VALIDATION),
            );
        }
    }
}

/// What is wrong with a text parameter's white space, if anything: a line break before a tab,
/// a tab before a run of spaces. One pass over the bytes (every text of every row is checked):
/// line breaks, tabs and spaces are ASCII, so a byte equal to one is that character.
pub(super) fn whitespace_problem(text: &str) -> Option<&'static str> {
    let (mut tab, mut spaces, mut too_many_spaces) = (false, 0, false);
    for byte in text.bytes() {
        match byte {
            b'\n' | b'\r' => return Some("contains a line break"),
            b'\t' => (tab, spaces) = (true, 0),
            b' ' => {
                spaces += 1;
                too_many_spaces |= spaces > MAX_CONSECUTIVE_SPACES;
            }
            _ => spaces = 0,
        }
    }
    if tab {
        Some("contains a tab")
    } else if too_many_spaces {
        Some("has more than four spaces in a row")
    } else if !text.is_empty() && text.trim().is_empty() {
        Some("is only spaces")
    } else {
        None
    }
}

/// A header's text variable is at most 60 characters (a body's limit, 1024, is in the schema).
fn header_text_length(map: &Map<String, Value>, place: Place, out: &mut Vec<Problem>) {
    for (i, param) in parameters(map).iter().enumerate() {
        let Some(text) = param.get("text").and_then(Value::as_str) else {
            continue;
        };
        let n = text.chars().count();
        if n > MAX_HEADER_TEXT_CHARS {
            out.push(
                Problem::new(
                    format!("{}.parameters[{i}].text", place.path()),
                    format!("{n} characters, at most {MAX_HEADER_TEXT_CHARS} in a header"),
                )
                .with_code(crate::codes::TEXT_TOO_LONG),
            );
        }
    }
}

/// What every card of a carousel must share.
#[derive(PartialEq)]
struct CardLayout {
    header: Option<String>,
    buttons: Vec<(i64, String)>,
}

/// Every card of a carousel has the same header media type (image or video) and the same
/// buttons (index and sub_type); each `card_index` is used once.
fn carousel_cards_alike(cards: &[Value], carousel: usize, out: &mut Vec<Problem>) {
    let at = format!("template.components[{carousel}].cards");
    let mut first: Option<(usize, CardLayout)> = None;
    let mut indexes: BTreeMap<i64, usize> = BTreeMap::new();
    for (i, card) in cards.iter().enumerate() {
        if let Some(index) = card.get("card_index").and_then(Value::as_i64) {
            if let Some(earlier) = indexes.get(&index) {
                out.push(Problem::new(
                    format!("{at}[{i}].card_index"),
                    format!(
                        "{index} is already used by cards[{earlier}]; expected each index once"
                    ),
                ));
            } else {
                indexes.insert(index, i);
            }
        }
        let Some(components) = card.get("components").and_then(Value::as_array) else {
            continue;
        };
        let mut layout = CardLayout {
            header: None,
            buttons: Vec::new(),
        };
        for (j, component) in components.iter().enumerate() {
            let Some(map) = component.as_object() else {
                continue;
            };
            match Kind::of(component) {
                Some(Kind::Header) => {
                    let media = parameters(map).first().and_then(param_type);
                    if let Some(media) = media
                        && media != "image"
                        && media != "video"
                    {
                        out.push(Problem::new(
                            format!("{at}[{i}].components[{j}].parameters[0].type"),
                            format!("\"{media}\", expected image or video in a carousel card"),
                        ));
                    }
                    layout.header = media.map(str::to_string);
                }
                Some(Kind::Button) => {
                    if let (Some(index), Some(sub_type)) = (
                        map.get("index").and_then(button_index),
                        map.get("sub_type").and_then(Value::as_str),
                    ) {
                        layout.buttons.push((index, sub_type.to_ascii_lowercase()));
                    }
                }
                _ => {}
            }
        }
        layout.buttons.sort();
        match &first {
            None => first = Some((i, layout)),
            Some((earlier, first_layout)) => {
                if layout.header != first_layout.header {
                    out.push(Problem::new(
                        format!("{at}[{i}].components"),
                        format!(
                            "header {}, but cards[{earlier}] has {}; every card needs the same header media type",
                            layout.header.as_deref().unwrap_or("missing"),
                            first_layout.header.as_deref().unwrap_or("none")
                        ),
                    ));
                }
                if layout.buttons != first_layout.buttons {
                    out.push(Problem::new(
                        format!("{at}[{i}].components"),
                        format!("buttons differ from cards[{earlier}]; every card needs the same button layout"),
                    ));
                }
            }
        }
    }
}

/// `bid_spec` needs a phone number: a message addressed only by BSUID (`recipient` without
/// `to`) cannot carry a bid (Meta: 131062). With both, `to` is used and the bid stands.
pub fn bid_spec_needs_phone_number(body: &Value, out: &mut Vec<Problem>) {
    if body.get("bid_spec").is_some() && body.get("recipient").is_some() && body.get("to").is_none()
    {
        out.push(
            Problem::new(
                "bid_spec",
                "cannot go to a BSUID `recipient` (Meta error 131062); address the user with `to`",
            )
            .with_code(crate::codes::BID_SPEC_WITH_BSUID),
        );
    }
}
