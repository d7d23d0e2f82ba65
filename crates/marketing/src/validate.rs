//! Checks a request body before any network I/O and reports every problem at once.
//!
//! The checks run on the JSON form of a message, so a body read from a file gets the same
//! treatment (with paths) as one made by the builders. They cover what Meta would reject for
//! certain, and nothing that depends on the template's definition, which only Meta (or the
//! sandbox) knows. Unknown properties are allowed everywhere: the API grows.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fmt::Write as _;

use serde_json::{Map, Value};

/// Largest `biz_opaque_callback_data`, in characters.
pub const MAX_CALLBACK_DATA_CHARS: usize = 512;
/// Largest `coupon_code` of a copy-code button, in characters.
pub const MAX_COUPON_CHARS: usize = 15;
/// Largest template name, in characters.
pub const MAX_TEMPLATE_NAME_CHARS: usize = 512;
/// Largest header text, in characters (a header's whole text is limited to this).
pub const MAX_HEADER_TEXT_CHARS: usize = 60;
/// Largest body text, in characters (a body's whole text is limited to this).
pub const MAX_BODY_TEXT_CHARS: usize = 1024;
/// Fewest and most cards in a carousel.
pub const CAROUSEL_CARDS: std::ops::RangeInclusive<usize> = 2..=10;
/// Most sections in a multi-product (mpm) button.
pub const MAX_MPM_SECTIONS: usize = 10;
/// Most products across all sections of a multi-product (mpm) button.
pub const MAX_MPM_PRODUCTS: usize = 30;
/// Largest title of an mpm section, in characters.
pub const MAX_MPM_SECTION_TITLE_CHARS: usize = 24;
/// Timestamps below this many milliseconds (March 1973) are taken to be seconds by mistake.
pub const PLAUSIBLE_MILLIS_FLOOR: i64 = 100_000_000_000;

/// One thing wrong with a message: where (a JSON path) and what was expected.
///
/// ```
/// let problems = marketing::validate_json(r#"{"messaging_product":"whatsapp"}"#).unwrap_err();
/// let first = &problems.problems()[0];
/// assert_eq!(first.path(), "recipient_type");
/// assert_eq!(first.to_string(), "recipient_type: missing, expected \"individual\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    path: String,
    message: String,
}

impl Problem {
    /// A problem at `path` (empty for the whole message).
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Where, for example `template.components[3].parameters[0].coupon_code`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong and what was expected.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every problem found in a message, in the order of the message. Never empty.
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
    pub fn new(problems: Vec<Problem>) -> Self {
        debug_assert!(!problems.is_empty());
        Self { problems }
    }

    /// The problems, in message order.
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

/// Parses `json` and checks it as a request body.
///
/// ```
/// let ok = r#"{"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123",
///             "type":"template","template":{"name":"spring_sale","language":{"code":"en_GB"}}}"#;
/// assert!(marketing::validate_json(ok).is_ok());
/// ```
pub fn validate_json(json: &str) -> Result<(), ValidationErrors> {
    match serde_json::from_str::<Value>(json) {
        Ok(value) => validate_value(&value),
        Err(err) => Err(ValidationErrors::new(vec![Problem::new(
            "",
            format!("not valid JSON: {err}"),
        )])),
    }
}

/// Checks a request body given as JSON.
///
/// ```
/// use serde_json::json;
///
/// let body = json!({
///     "messaging_product": "whatsapp", "recipient_type": "individual", "to": "12",
///     "type": "template", "template": {"name": "Spring Sale", "language": {"code": "en_US"}}
/// });
/// let errors = marketing::validate_value(&body).unwrap_err();
/// assert_eq!(errors.len(), 2);
/// assert_eq!(errors.problems()[0].path(), "to");
/// assert_eq!(errors.problems()[1].path(), "template.name");
/// ```
pub fn validate_value(body: &Value) -> Result<(), ValidationErrors> {
    let mut checker = Checker::default();
    checker.message(body);
    if checker.problems.is_empty() {
        Ok(())
    } else {
        Err(ValidationErrors::new(checker.problems))
    }
}

/// A JSON path, built without allocating until a problem needs it.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

#[derive(Clone, Copy)]
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

impl<'a> Path<'a> {
    const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
    };

    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    fn index(&'a self, index: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            seg: Seg::Index(index),
        }
    }

    fn render(&self) -> String {
        let mut out = String::with_capacity(48);
        self.render_into(&mut out);
        out
    }

    /// Writes the parent's path, then this segment: no intermediate list.
    fn render_into(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.render_into(out);
        }
        match self.seg {
            Seg::Root => {}
            Seg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Seg::Index(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
}

/// How a text-like parameter is addressed: by position or by `parameter_name`.
#[derive(Default)]
struct Naming {
    /// Path of the first named and the first positional parameter seen.
    first_named: Option<String>,
    first_positional: Option<String>,
    named: usize,
    positional: usize,
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    naming: Naming,
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

impl Checker {
    fn problem(&mut self, path: &Path<'_>, message: impl Into<String>) {
        self.problems.push(Problem::new(path.render(), message));
    }

    fn object<'v>(&mut self, value: &'v Value, path: &Path<'_>) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.problem(path, format!("expected an object, got {}", kind(other)));
                None
            }
        }
    }

    fn array<'v>(&mut self, value: &'v Value, path: &Path<'_>) -> Option<&'v [Value]> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.problem(path, format!("expected an array, got {}", kind(other)));
                None
            }
        }
    }

    /// A required string property; reports it missing or of the wrong kind.
    fn required_str<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        path: &Path<'_>,
    ) -> Option<&'v str> {
        if !map.contains_key(key) {
            self.problem(&path.key(key), "missing, expected a string");
        }
        self.optional_str(map, key, path)
    }

    /// An optional string property; reports it when it is of the wrong kind.
    fn optional_str<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        path: &Path<'_>,
    ) -> Option<&'v str> {
        match map.get(key)? {
            Value::String(s) => Some(s),
            other => {
                self.problem(
                    &path.key(key),
                    format!("expected a string, got {}", kind(other)),
                );
                None
            }
        }
    }

    fn constant(&mut self, map: &Map<String, Value>, key: &str, expected: &str, path: &Path<'_>) {
        match map.get(key) {
            Some(Value::String(s)) if s == expected => {}
            Some(other) => self.problem(
                &path.key(key),
                format!("expected \"{expected}\", got {}", show(other)),
            ),
            None => self.problem(&path.key(key), format!("missing, expected \"{expected}\"")),
        }
    }

    fn non_empty(&mut self, s: &str, path: &Path<'_>, what: &str) {
        if s.trim().is_empty() {
            self.problem(path, format!("empty, expected {what}"));
        }
    }

    fn max_chars(&mut self, s: &str, max: usize, path: &Path<'_>) {
        let n = chars(s);
        if n > max {
            self.problem(path, format!("{n} characters, at most {max}"));
        }
    }

    // ------------------------------------------------------------------ top level

    fn message(&mut self, body: &Value) {
        let root = Path::ROOT;
        let Some(map) = self.object(body, &root) else {
            return;
        };
        self.constant(map, "messaging_product", "whatsapp", &root);
        self.constant(map, "recipient_type", "individual", &root);
        self.recipient(map, &root);
        match map.get("type") {
            Some(Value::String(s)) if s == "template" => {}
            Some(other) => self.problem(
                &root.key("type"),
                format!(
                    "expected \"template\" (this endpoint sends only template messages), got {}",
                    show(other)
                ),
            ),
            None => self.problem(&root.key("type"), "missing, expected \"template\""),
        }
        match map.get("template") {
            Some(template) => self.template(template, &root.key("template")),
            None => self.problem(&root.key("template"), "missing, expected an object"),
        }
        if let Some(policy) = map.get("product_policy") {
            match policy {
                Value::String(s) if s == "CLOUD_API_FALLBACK" || s == "STRICT" => {}
                other => self.problem(
                    &root.key("product_policy"),
                    format!(
                        "expected \"CLOUD_API_FALLBACK\" or \"STRICT\", got {}",
                        show(other)
                    ),
                ),
            }
        }
        if let Some(sharing) = map.get("message_activity_sharing")
            && !sharing.is_boolean()
        {
            self.problem(
                &root.key("message_activity_sharing"),
                format!("expected true or false, got {}", show(sharing)),
            );
        }
        if let Some(bid) = map.get("bid_spec") {
            self.bid_spec(bid, &root.key("bid_spec"));
            if map.contains_key("recipient") {
                self.problem(
                    &root.key("bid_spec"),
                    "cannot be combined with a BSUID `recipient` (Meta error 131062); address the user with `to`",
                );
            }
        }
        if let Some(data) = self.optional_str(map, "biz_opaque_callback_data", &root) {
            self.max_chars(
                data,
                MAX_CALLBACK_DATA_CHARS,
                &root.key("biz_opaque_callback_data"),
            );
        }
    }

    fn recipient(&mut self, map: &Map<String, Value>, root: &Path<'_>) {
        let to = self.optional_str(map, "to", root);
        let bsuid = self.optional_str(map, "recipient", root);
        match (map.contains_key("to"), map.contains_key("recipient")) {
            (true, true) => self.problem(
                &root.key("recipient"),
                "give either `to` (phone number) or `recipient` (BSUID), not both",
            ),
            (false, false) => self.problem(
                &root.key("to"),
                "missing, expected a phone number in `to` or a BSUID in `recipient`",
            ),
            _ => {}
        }
        if let Some(to) = to
            && let Err(expected) = check_phone(to)
        {
            self.problem(&root.key("to"), expected);
        }
        if let Some(bsuid) = bsuid
            && let Err(expected) = check_bsuid(bsuid)
        {
            self.problem(&root.key("recipient"), expected);
        }
    }

    fn bid_spec(&mut self, bid: &Value, path: &Path<'_>) {
        let Some(map) = self.object(bid, path) else {
            return;
        };
        let at = path.key("per_message_bid_multiplier");
        match map.get("per_message_bid_multiplier") {
            Some(Value::Number(n)) => match n.as_f64() {
                Some(x) if x.is_finite() && x > 0.0 => {}
                _ => self.problem(&at, format!("{n}, expected a number greater than 0")),
            },
            Some(other) => self.problem(
                &at,
                format!("expected a number greater than 0, got {}", show(other)),
            ),
            None => self.problem(&at, "missing, expected a number greater than 0"),
        }
    }

    // ------------------------------------------------------------------ template

    fn template(&mut self, template: &Value, path: &Path<'_>) {
        let Some(map) = self.object(template, path) else {
            return;
        };
        if let Some(name) = self.required_str(map, "name", path)
            && let Err(expected) = check_template_name(name)
        {
            self.problem(&path.key("name"), expected);
        }
        match map.get("language") {
            Some(language) => self.language(language, &path.key("language")),
            None => self.problem(
                &path.key("language"),
                "missing, expected {\"code\": \"en_US\"}",
            ),
        }
        if let Some(components) = map.get("components") {
            let at = path.key("components");
            if let Some(items) = self.array(components, &at) {
                self.components(items, &at);
            }
        }
        self.check_naming(path);
    }

    fn language(&mut self, language: &Value, path: &Path<'_>) {
        let Some(map) = self.object(language, path) else {
            return;
        };
        if let Some(code) = self.required_str(map, "code", path)
            && let Err(expected) = check_language_code(code)
        {
            self.problem(&path.key("code"), expected);
        }
        if let Some(policy) = map.get("policy")
            && policy.as_str() != Some("deterministic")
        {
            self.problem(
                &path.key("policy"),
                format!("expected \"deterministic\", got {}", show(policy)),
            );
        }
    }

    fn components(&mut self, items: &[Value], path: &Path<'_>) {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let mut button_indexes: BTreeMap<i64, usize> = BTreeMap::new();
        for (i, component) in items.iter().enumerate() {
            let at = path.index(i);
            let Some(map) = self.object(component, &at) else {
                continue;
            };
            let Some(kind) = self.required_str(map, "type", &at) else {
                continue;
            };
            match kind {
                "header" | "body" | "limited_time_offer" | "carousel" => {
                    if let Some(first) = seen.insert(kind, i) {
                        self.problem(
                            &at.key("type"),
                            format!("a second {kind} component (the first is components[{first}]); expected one"),
                        );
                    }
                }
                _ => {}
            }
            match kind {
                "header" => {
                    self.header(map, &at);
                }
                "body" => self.body(map, &at),
                "button" => {
                    if let Some(index) = self.button(map, &at)
                        && let Some(first) = button_indexes.insert(index, i)
                    {
                        self.problem(
                                &at.key("index"),
                                format!("button index {index} is already used by components[{first}]; expected each index once"),
                            );
                    }
                }
                "limited_time_offer" => self.limited_time_offer(map, &at),
                "carousel" => self.carousel(map, &at),
                other => self.problem(
                    &at.key("type"),
                    format!(
                        "\"{other}\", expected header, body, button, limited_time_offer or carousel"
                    ),
                ),
            }
        }
    }

    // ------------------------------------------------------------------ components

    /// The parameters array of a component, which must exist.
    fn parameters<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &Path<'_>,
    ) -> Option<&'v [Value]> {
        match map.get("parameters") {
            Some(value) => self.array(value, &path.key("parameters")),
            None => {
                self.problem(&path.key("parameters"), "missing, expected an array");
                None
            }
        }
    }

    fn header(&mut self, map: &Map<String, Value>, path: &Path<'_>) -> Option<String> {
        let params = self.parameters(map, path)?;
        let at = path.key("parameters");
        if params.len() != 1 {
            self.problem(
                &at,
                format!("{} parameters, expected exactly 1", params.len()),
            );
        }
        let param = params.first()?;
        let param_path = at.index(0);
        let param_map = self.object(param, &param_path)?;
        let kind = self.required_str(param_map, "type", &param_path)?;
        match kind {
            "text" => {
                self.text_parameter(param_map, &param_path, MAX_HEADER_TEXT_CHARS);
            }
            "image" | "video" | "gif" => self.media(param_map, kind, &param_path),
            "document" => {
                self.media(param_map, kind, &param_path);
                if let Some(Value::Object(doc)) = param_map.get("document") {
                    let _ = self.optional_str(doc, "filename", &param_path.key("document"));
                }
            }
            "location" => self.location(param_map, &param_path),
            "product" => {
                let at = param_path.key("product");
                if let Some(product) = self.field_object(param_map, "product", &param_path) {
                    for key in ["catalog_id", "product_retailer_id"] {
                        if let Some(s) = self.required_str(product, key, &at) {
                            self.non_empty(s, &at.key(key), "an ID");
                        }
                    }
                }
            }
            other => {
                self.problem(
                    &param_path.key("type"),
                    format!("\"{other}\", expected text, image, video, document, gif, location or product"),
                );
                return None;
            }
        }
        Some(kind.to_string())
    }

    fn field_object<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        path: &Path<'_>,
    ) -> Option<&'v Map<String, Value>> {
        match map.get(key) {
            Some(value) => self.object(value, &path.key(key)),
            None => {
                self.problem(&path.key(key), "missing, expected an object");
                None
            }
        }
    }

    fn media(&mut self, param: &Map<String, Value>, kind: &str, path: &Path<'_>) {
        let Some(media) = self.field_object(param, kind, path) else {
            return;
        };
        let at = path.key(kind);
        let id = self.optional_str(media, "id", &at);
        let link = self.optional_str(media, "link", &at);
        match (media.contains_key("id"), media.contains_key("link")) {
            (true, true) => self.problem(&at, "has both `id` and `link`; expected one of them"),
            (false, false) => self.problem(&at, "missing `id` or `link`; expected one of them"),
            _ => {}
        }
        if let Some(id) = id {
            self.non_empty(id, &at.key("id"), "a media ID");
        }
        if let Some(link) = link
            && let Err(expected) = check_link(link)
        {
            self.problem(&at.key("link"), expected);
        }
    }

    fn location(&mut self, param: &Map<String, Value>, path: &Path<'_>) {
        let Some(location) = self.field_object(param, "location", path) else {
            return;
        };
        let at = path.key("location");
        for (key, limit) in [("latitude", 90.0), ("longitude", 180.0)] {
            match location.get(key).map(|v| (v, v.as_f64())) {
                Some((_, Some(x))) if (-limit..=limit).contains(&x) => {}
                Some((value, _)) => self.problem(
                    &at.key(key),
                    format!(
                        "{}, expected a number from -{limit} to {limit}",
                        show(value)
                    ),
                ),
                None => self.problem(
                    &at.key(key),
                    format!("missing, expected a number from -{limit} to {limit}"),
                ),
            }
        }
        let _ = self.optional_str(location, "name", &at);
        let _ = self.optional_str(location, "address", &at);
    }

    /// A text parameter of a header, body or URL button. Returns its text.
    fn text_parameter(&mut self, param: &Map<String, Value>, path: &Path<'_>, max: usize) {
        if let Some(text) = self.required_str(param, "text", path) {
            self.non_empty(text, &path.key("text"), "some text");
            self.max_chars(text, max, &path.key("text"));
        }
        self.naming(param, path);
    }

    /// Records whether a variable is named or positional, and checks the name.
    fn naming(&mut self, param: &Map<String, Value>, path: &Path<'_>) {
        match param.get("parameter_name") {
            Some(Value::String(name)) => {
                if let Err(expected) = check_parameter_name(name) {
                    self.problem(&path.key("parameter_name"), expected);
                }
                self.naming.named += 1;
                if self.naming.first_named.is_none() {
                    self.naming.first_named = Some(path.render());
                }
            }
            Some(other) => self.problem(
                &path.key("parameter_name"),
                format!("expected a string, got {}", kind(other)),
            ),
            None => {
                self.naming.positional += 1;
                if self.naming.first_positional.is_none() {
                    self.naming.first_positional = Some(path.render());
                }
            }
        }
    }

    fn check_naming(&mut self, template_path: &Path<'_>) {
        let naming = std::mem::take(&mut self.naming);
        if let (Some(named), Some(positional)) = (naming.first_named, naming.first_positional) {
            self.problem(
                &template_path.key("components"),
                format!(
                    "named and positional parameters are mixed ({} named, e.g. {named}; {} positional, e.g. {positional}); \
                     a named template needs `parameter_name` on every variable, a positional one on none",
                    naming.named, naming.positional
                ),
            );
        }
    }

    fn body(&mut self, map: &Map<String, Value>, path: &Path<'_>) {
        let Some(params) = self.parameters(map, path) else {
            return;
        };
        let at = path.key("parameters");
        let mut names: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, param) in params.iter().enumerate() {
            let param_path = at.index(i);
            let Some(param_map) = self.object(param, &param_path) else {
                continue;
            };
            if let Some(Value::String(name)) = param_map.get("parameter_name")
                && let Some(first) = names.insert(name, i)
            {
                self.problem(
                        &param_path.key("parameter_name"),
                        format!("\"{name}\" is already given by parameters[{first}]; expected each name once"),
                    );
            }
            let Some(kind) = self.required_str(param_map, "type", &param_path) else {
                continue;
            };
            match kind {
                "text" => self.text_parameter(param_map, &param_path, MAX_BODY_TEXT_CHARS),
                "currency" => {
                    self.naming(param_map, &param_path);
                    self.currency(param_map, &param_path);
                }
                "date_time" => {
                    self.naming(param_map, &param_path);
                    if let Some(dt) = self.field_object(param_map, "date_time", &param_path) {
                        let at = param_path.key("date_time");
                        if let Some(s) = self.required_str(dt, "fallback_value", &at) {
                            self.non_empty(s, &at.key("fallback_value"), "the date as text");
                        }
                    }
                }
                other => self.problem(
                    &param_path.key("type"),
                    format!("\"{other}\", expected text, currency or date_time"),
                ),
            }
        }
    }

    fn currency(&mut self, param: &Map<String, Value>, path: &Path<'_>) {
        let Some(currency) = self.field_object(param, "currency", path) else {
            return;
        };
        let at = path.key("currency");
        if let Some(s) = self.required_str(currency, "fallback_value", &at) {
            self.non_empty(s, &at.key("fallback_value"), "the amount as text");
        }
        if let Some(code) = self.required_str(currency, "code", &at)
            && !(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()))
        {
            self.problem(
                &at.key("code"),
                format!("\"{code}\", expected an ISO 4217 code such as \"USD\""),
            );
        }
        match currency.get("amount_1000") {
            Some(Value::Number(n)) if n.is_i64() => {}
            Some(other) => self.problem(
                &at.key("amount_1000"),
                format!(
                    "{}, expected a whole number: the amount times 1000 (12.50 is 12500)",
                    show(other)
                ),
            ),
            None => self.problem(
                &at.key("amount_1000"),
                "missing, expected the amount times 1000 (12.50 is 12500)",
            ),
        }
    }

    /// Checks a button and returns its index when it is valid.
    fn button(&mut self, map: &Map<String, Value>, path: &Path<'_>) -> Option<i64> {
        let index = match map.get("index") {
            Some(value) => match button_index(value) {
                Some(i) => Some(i),
                None => {
                    self.problem(
                        &path.key("index"),
                        format!("{}, expected a button position from 0 to 9", show(value)),
                    );
                    None
                }
            },
            None => {
                self.problem(
                    &path.key("index"),
                    "missing, expected a button position from 0 to 9",
                );
                None
            }
        };
        let sub_type = self.required_str(map, "sub_type", path)?;
        let params_path = path.key("parameters");
        let params: &[Value] = match map.get("parameters") {
            Some(value) => self.array(value, &params_path)?,
            None => &[],
        };
        let expected = match sub_type {
            "quick_reply" => Some("payload"),
            "url" => Some("text"),
            "copy_code" => Some("coupon_code"),
            "flow" | "catalog" | "mpm" => Some("action"),
            "voice_call" => None,
            other => {
                self.problem(
                    &path.key("sub_type"),
                    format!("\"{other}\", expected quick_reply, url, copy_code, flow, catalog, mpm or voice_call"),
                );
                return index;
            }
        };
        let Some(expected) = expected else {
            if !params.is_empty() {
                self.problem(&params_path, "a voice_call button takes no parameters");
            }
            return index;
        };
        // catalog and flow buttons may come without parameters; the others need exactly one.
        let optional = matches!(sub_type, "catalog" | "flow");
        if params.len() > 1 || (params.is_empty() && !optional) {
            self.problem(
                &params_path,
                format!(
                    "{} parameters, expected one `{expected}` parameter for a {sub_type} button",
                    params.len()
                ),
            );
        }
        let param_path = params_path.index(0);
        let param = self.object(params.first()?, &param_path)?;
        let kind = self.required_str(param, "type", &param_path)?;
        if kind != expected {
            self.problem(
                &param_path.key("type"),
                format!("\"{kind}\", expected \"{expected}\" for a {sub_type} button"),
            );
            return index;
        }
        match kind {
            "payload" => {
                if let Some(s) = self.required_str(param, "payload", &param_path) {
                    self.non_empty(
                        s,
                        &param_path.key("payload"),
                        "the payload sent back on tap",
                    );
                }
            }
            "text" => {
                if let Some(s) = self.required_str(param, "text", &param_path) {
                    self.non_empty(s, &param_path.key("text"), "the URL suffix");
                }
            }
            "coupon_code" => {
                if let Some(code) = self.required_str(param, "coupon_code", &param_path) {
                    let at = param_path.key("coupon_code");
                    self.non_empty(code, &at, "the coupon code");
                    self.max_chars(code, MAX_COUPON_CHARS, &at);
                }
            }
            _ => self.action(param, sub_type, &param_path),
        }
        index
    }

    fn action(&mut self, param: &Map<String, Value>, sub_type: &str, path: &Path<'_>) {
        let Some(action) = self.field_object(param, "action", path) else {
            return;
        };
        let at = path.key("action");
        let _ = self.optional_str(action, "flow_token", &at);
        if let Some(data) = action.get("flow_action_data") {
            let _ = self.object(data, &at.key("flow_action_data"));
        }
        let thumbnail = self.optional_str(action, "thumbnail_product_retailer_id", &at);
        if sub_type != "mpm" {
            return;
        }
        if thumbnail.is_none() && !action.contains_key("thumbnail_product_retailer_id") {
            self.problem(
                &at.key("thumbnail_product_retailer_id"),
                "missing, expected the retailer ID of the product shown as thumbnail",
            );
        }
        let sections_path = at.key("sections");
        let Some(sections) = action.get("sections") else {
            self.problem(
                &sections_path,
                "missing, expected 1 to 10 sections of products",
            );
            return;
        };
        let Some(sections) = self.array(sections, &sections_path) else {
            return;
        };
        if sections.is_empty() || sections.len() > MAX_MPM_SECTIONS {
            self.problem(
                &sections_path,
                format!(
                    "{} sections, expected 1 to {MAX_MPM_SECTIONS}",
                    sections.len()
                ),
            );
        }
        let mut products = 0usize;
        for (i, section) in sections.iter().enumerate() {
            let section_path = sections_path.index(i);
            let Some(section) = self.object(section, &section_path) else {
                continue;
            };
            if let Some(title) = self.required_str(section, "title", &section_path) {
                self.non_empty(title, &section_path.key("title"), "a section title");
                self.max_chars(
                    title,
                    MAX_MPM_SECTION_TITLE_CHARS,
                    &section_path.key("title"),
                );
            }
            let items_path = section_path.key("product_items");
            let Some(items) = section.get("product_items") else {
                self.problem(&items_path, "missing, expected at least one product");
                continue;
            };
            let Some(items) = self.array(items, &items_path) else {
                continue;
            };
            if items.is_empty() {
                self.problem(&items_path, "empty, expected at least one product");
            }
            products += items.len();
            for (j, item) in items.iter().enumerate() {
                let item_path = items_path.index(j);
                if let Some(item) = self.object(item, &item_path)
                    && let Some(id) = self.required_str(item, "product_retailer_id", &item_path)
                {
                    self.non_empty(
                        id,
                        &item_path.key("product_retailer_id"),
                        "a product retailer ID",
                    );
                }
            }
        }
        if products > MAX_MPM_PRODUCTS {
            self.problem(
                &sections_path,
                format!("{products} products in all, at most {MAX_MPM_PRODUCTS}"),
            );
        }
    }

    fn limited_time_offer(&mut self, map: &Map<String, Value>, path: &Path<'_>) {
        let Some(params) = self.parameters(map, path) else {
            return;
        };
        let at = path.key("parameters");
        if params.len() != 1 {
            self.problem(
                &at,
                format!("{} parameters, expected exactly 1", params.len()),
            );
        }
        let Some(param) = params.first() else {
            return;
        };
        let param_path = at.index(0);
        let Some(param) = self.object(param, &param_path) else {
            return;
        };
        self.constant(param, "type", "limited_time_offer", &param_path);
        let Some(offer) = self.field_object(param, "limited_time_offer", &param_path) else {
            return;
        };
        let offer_path = param_path.key("limited_time_offer");
        let at = offer_path.key("expiration_time_ms");
        match offer.get("expiration_time_ms") {
            Some(Value::Number(n)) => match n.as_i64() {
                Some(ms) if ms >= PLAUSIBLE_MILLIS_FLOOR => {}
                Some(ms) if ms > 0 => self.problem(
                    &at,
                    format!(
                        "{ms} looks like seconds; expected Unix time in milliseconds ({})",
                        ms.saturating_mul(1000)
                    ),
                ),
                _ => self.problem(&at, format!("{n}, expected Unix time in milliseconds")),
            },
            Some(other) => self.problem(
                &at,
                format!("{}, expected Unix time in milliseconds", show(other)),
            ),
            None => self.problem(&at, "missing, expected Unix time in milliseconds"),
        }
    }

    fn carousel(&mut self, map: &Map<String, Value>, path: &Path<'_>) {
        let cards_path = path.key("cards");
        let Some(cards) = map.get("cards") else {
            self.problem(&cards_path, "missing, expected 2 to 10 cards");
            return;
        };
        let Some(cards) = self.array(cards, &cards_path) else {
            return;
        };
        if !CAROUSEL_CARDS.contains(&cards.len()) {
            self.problem(
                &cards_path,
                format!(
                    "{} cards, expected {} to {}",
                    cards.len(),
                    CAROUSEL_CARDS.start(),
                    CAROUSEL_CARDS.end()
                ),
            );
        }
        // Every card must look the same: header media type and button layout of the first card.
        let mut first_layout: Option<(usize, CardLayout)> = None;
        let mut card_indexes: BTreeMap<i64, usize> = BTreeMap::new();
        for (i, card) in cards.iter().enumerate() {
            let card_path = cards_path.index(i);
            let Some(card) = self.object(card, &card_path) else {
                continue;
            };
            match card.get("card_index").and_then(Value::as_i64) {
                Some(index) if (0..=9).contains(&index) => {
                    if let Some(first) = card_indexes.insert(index, i) {
                        self.problem(
                            &card_path.key("card_index"),
                            format!("{index} is already used by cards[{first}]; expected each index once"),
                        );
                    }
                }
                _ => self.problem(
                    &card_path.key("card_index"),
                    format!(
                        "{}, expected the card's position from 0 to 9",
                        card.get("card_index").map_or("missing".to_string(), show)
                    ),
                ),
            }
            let components_path = card_path.key("components");
            let Some(components) = card.get("components") else {
                self.problem(
                    &components_path,
                    "missing, expected the card's header and buttons",
                );
                continue;
            };
            let Some(components) = self.array(components, &components_path) else {
                continue;
            };
            let layout = self.card_components(components, &components_path);
            match &first_layout {
                None => first_layout = Some((i, layout)),
                Some((first, first_layout)) => {
                    let (header, first_header) = (&layout.header, &first_layout.header);
                    if header != first_header {
                        self.problem(
                            &components_path,
                            format!(
                                "header {}, but cards[{first}] has {}; every card needs the same header media type",
                                header.as_deref().unwrap_or("missing"),
                                first_header.as_deref().unwrap_or("none")
                            ),
                        );
                    }
                    if layout.buttons != first_layout.buttons {
                        self.problem(
                            &components_path,
                            format!("buttons differ from cards[{first}]; every card needs the same button layout"),
                        );
                    }
                }
            }
        }
    }

    /// Checks a card's components and returns what every card must share.
    fn card_components(&mut self, components: &[Value], path: &Path<'_>) -> CardLayout {
        let mut header = None;
        let mut buttons = BTreeSet::new();
        let mut seen_body = false;
        let mut button_indexes: BTreeMap<i64, usize> = BTreeMap::new();
        for (j, component) in components.iter().enumerate() {
            let at = path.index(j);
            let Some(map) = self.object(component, &at) else {
                continue;
            };
            let Some(kind) = self.required_str(map, "type", &at) else {
                continue;
            };
            match kind {
                "header" => {
                    if header.is_some() {
                        self.problem(&at.key("type"), "a second header; expected one per card");
                    }
                    let media = self.header(map, &at);
                    if let Some(media) = &media
                        && media != "image"
                        && media != "video"
                    {
                        self.problem(
                            &at.key("parameters").index(0).key("type"),
                            format!("\"{media}\", expected image or video in a carousel card"),
                        );
                    }
                    header = media;
                }
                "body" => {
                    if seen_body {
                        self.problem(&at.key("type"), "a second body; expected one per card");
                    }
                    seen_body = true;
                    self.body(map, &at);
                }
                "button" => {
                    if let Some(index) = self.button(map, &at) {
                        if let Some(first) = button_indexes.insert(index, j) {
                            self.problem(
                                &at.key("index"),
                                format!("button index {index} is already used by components[{first}]; expected each index once"),
                            );
                        }
                        if let Some(Value::String(sub_type)) = map.get("sub_type") {
                            buttons.insert((index, sub_type.clone()));
                        }
                    }
                }
                other => self.problem(
                    &at.key("type"),
                    format!("\"{other}\", expected header, body or button in a carousel card"),
                ),
            }
        }
        CardLayout { header, buttons }
    }
}

/// What every card of a carousel must share: the header media type and the buttons
/// (index, sub_type).
struct CardLayout {
    header: Option<String>,
    buttons: BTreeSet<(i64, String)>,
}

/// A short rendering of a JSON value for messages (long strings are cut).
fn show(value: &Value) -> String {
    match value {
        Value::String(s) if chars(s) > 40 => {
            let cut: String = s.chars().take(37).collect();
            format!("\"{cut}...\"")
        }
        other => other.to_string(),
    }
}

/// A button index as Meta accepts it: a number 0-9 or a one-digit string.
fn button_index(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64().filter(|i| (0..=9).contains(i)),
        Value::String(s) if s.len() == 1 => s.parse::<i64>().ok(),
        _ => None,
    }
}

/// E.164 digits, optionally with a leading `+`: 8 to 15 digits.
pub(crate) fn check_phone(to: &str) -> Result<(), String> {
    let digits = to.strip_prefix('+').unwrap_or(to);
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (8..=15).contains(&digits.len())
    {
        return Ok(());
    }
    Err(format!(
        "\"{}\", expected a phone number in E.164 digits with an optional leading +, 8 to 15 digits (e.g. \"447700900123\")",
        show_str(to)
    ))
}

/// A business-scoped user ID: a two-letter country code, a dot, then letters and digits.
pub(crate) fn check_bsuid(id: &str) -> Result<(), String> {
    let ok = match id.split_once('.') {
        Some((country, rest)) => {
            country.len() == 2
                && country.bytes().all(|b| b.is_ascii_uppercase())
                && (1..=64).contains(&rest.len())
                && rest.bytes().all(|b| b.is_ascii_alphanumeric())
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "\"{}\", expected a BSUID: a two-letter country code, a dot, then letters and digits (e.g. \"BR.4408812399120045\")",
            show_str(id)
        ))
    }
}

fn check_template_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("empty, expected the template's name".into());
    }
    let n = chars(name);
    if n > MAX_TEMPLATE_NAME_CHARS {
        return Err(format!("{n} characters, at most {MAX_TEMPLATE_NAME_CHARS}"));
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(format!(
            "\"{}\", expected lowercase letters, digits and underscores (e.g. \"spring_sale\")",
            show_str(name)
        ));
    }
    Ok(())
}

/// `en`, `en_US`, `pt_BR`, `es_419`, `zh_Hant_HK`-like codes: a 2-3 letter language, then
/// optional region or script parts.
fn check_language_code(code: &str) -> Result<(), String> {
    let mut parts = code.split('_');
    let language = parts.next().unwrap_or_default();
    let language_ok =
        (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
    let rest_ok =
        parts.all(|p| (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
    if language_ok && rest_ok {
        Ok(())
    } else {
        Err(format!(
            "\"{}\", expected a language code such as \"en\", \"en_US\" or \"pt_BR\"",
            show_str(code)
        ))
    }
}

/// Whether `name` can be a template variable's `parameter_name`: lowercase letters, digits
/// and underscores, not starting with a digit.
///
/// ```
/// assert!(marketing::is_parameter_name("first_name"));
/// assert!(!marketing::is_parameter_name("First Name"));
/// ```
pub fn is_parameter_name(name: &str) -> bool {
    name.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn check_parameter_name(name: &str) -> Result<(), String> {
    if is_parameter_name(name) {
        Ok(())
    } else {
        Err(format!(
            "\"{}\", expected lowercase letters, digits and underscores (e.g. \"first_name\")",
            show_str(name)
        ))
    }
}

fn check_link(link: &str) -> Result<(), String> {
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty()
                && !rest.starts_with('/')
                && !link.contains(char::is_whitespace) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "\"{}\", expected a public http or https URL",
            show_str(link)
        )),
    }
}

fn show_str(s: &str) -> String {
    if chars(s) > 40 {
        let cut: String = s.chars().take(37).collect();
        format!("{cut}...")
    } else {
        s.to_string()
    }
}
