//! Request validation compiled from `openapi.yaml`: the one validator that `marketing` runs
//! before any request and the sandbox runs on every request.
//!
//! Where each rule lives:
//! - **The schema** (`openapi.yaml`, `components.schemas`): types, required fields, enums,
//!   lengths, patterns, number ranges, `oneOf`/`anyOf` and unknown fields. Compiled at run time
//!   by [`Validator::compile`]; nothing here restates it. A spec edit changes what is accepted.
//! - **The cross-field rules** ([`rules`]): what a schema cannot state, such as named and
//!   positional parameters mixed, a button index used twice, carousel cards that differ, or a
//!   body text with a tab. Each is a named function with the Graph code Meta answers it with.
//!
//! Problems come back all at once, each with its JSON path and a sentence a person can act on
//! (see [`Problem`]), never a validator's raw output.
//!
//! ```
//! use wamm_client::validation::Validator;
//!
//! let body = serde_json::json!({
//!     "messaging_product": "whatsapp", "recipient_type": "individual", "to": "447700900123",
//!     "type": "template", "product_polcy": "STRICT",
//!     "template": {"name": "spring_sale", "language": {"code": "en_US"},
//!                  "components": [{"type": "BODY", "parameters": [{"type": "text", "text": "Ana"}]}]}
//! });
//! let problems = Validator::shared().check(&body);
//! assert_eq!(problems.len(), 1);
//! assert_eq!(problems[0].path(), "product_polcy");
//! assert!(problems[0].is_unknown_field());
//! ```

mod describe;
mod keywords;
mod quick;
pub mod rules;

use std::fmt;
use std::sync::{Arc, OnceLock};

use jsonschema::Validator as SchemaValidator;
use serde_json::{Value, json};

/// The API description this crate was generated from, as committed at the workspace root.
pub const OPENAPI_YAML: &str = include_str!("../../../../openapi.yaml");

/// The schema a send's body must match.
pub const REQUEST_SCHEMA: &str = "MarketingMessageRequestPayload";

/// The Graph error code Meta answers a body that breaks the schema with.
pub const INVALID_PARAMETER: i64 = 100;

/// One thing wrong with a request body: where (a JSON path such as
/// `template.components[0].parameters[0].image`), what is wrong and what was expected, and the
/// Graph error code Meta refuses such a body with.
///
/// ```
/// use wamm_client::validation::Problem;
///
/// let problem = Problem::new("template.name", "empty, expected the template's name");
/// assert_eq!(problem.to_string(), "template.name: empty, expected the template's name");
/// assert_eq!(problem.code(), 100);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    path: String,
    message: String,
    code: i64,
    unknown_field: bool,
}

impl Problem {
    /// A problem Meta answers with code 100 (invalid parameter). `path` is empty for the whole
    /// body.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            code: INVALID_PARAMETER,
            unknown_field: false,
        }
    }

    /// The same problem, answered by Meta with `code`.
    pub fn with_code(mut self, code: i64) -> Self {
        self.code = code;
        self
    }

    fn unknown_field(path: String, message: String) -> Self {
        Self {
            unknown_field: true,
            ..Self::new(path, message)
        }
    }

    /// Where: a JSON path, empty for the body as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong and what was expected.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The Graph error code Meta refuses such a body with (100 for anything the schema says).
    pub fn code(&self) -> i64 {
        self.code
    }

    /// Whether this is a property the spec does not know (see [`Validator::check`]).
    pub fn is_unknown_field(&self) -> bool {
        self.unknown_field
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// The request schema of an OpenAPI document, compiled, plus the spec itself for wording
/// problems.
pub struct Validator {
    /// The request schema with each `oneOf` branch checking its discriminator first
    /// ([`quick`]): the same verdict, faster; it answers whether a body is valid.
    body: SchemaValidator,
    /// The request schema exactly as written, compiled the first time a body is invalid: its
    /// errors are what [`describe`] words (their schema paths point into the spec).
    exact: OnceLock<Result<SchemaValidator, String>>,
    document: Value,
    to: SchemaValidator,
    recipient: SchemaValidator,
    parameter_name: SchemaValidator,
    spec: Value,
}

impl fmt::Debug for Validator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validator").finish_non_exhaustive()
    }
}

impl Validator {
    /// The validator for the committed `openapi.yaml`, compiled once per process.
    ///
    /// # Panics
    ///
    /// Never for the committed spec: the crate's tests compile it, so a spec that does not
    /// compile fails CI, not a user's process.
    pub fn shared() -> Arc<Validator> {
        static SHARED: OnceLock<Arc<Validator>> = OnceLock::new();
        SHARED
            .get_or_init(|| match Validator::compile(OPENAPI_YAML) {
                Ok(validator) => Arc::new(validator),
                Err(err) => panic!("the committed openapi.yaml does not compile: {err}"),
            })
            .clone()
    }

    /// Compiles the request schema of an OpenAPI 3.0 document given as YAML (or JSON).
    ///
    /// OpenAPI 3.0's Schema Object is a dialect of JSON Schema Draft 4 (boolean
    /// `exclusiveMinimum`; `example` and `x-` keys are annotations), so it is compiled as
    /// Draft 4, with `$ref`s resolved inside the document.
    ///
    /// ```
    /// let spec = wamm_client::validation::OPENAPI_YAML.replace("enum: [CLOUD_API_FALLBACK, STRICT]",
    ///                                                          "enum: [CLOUD_API_FALLBACK, STRICT, LENIENT]");
    /// let validator = wamm_client::validation::Validator::compile(&spec).unwrap();
    /// # let _ = validator;
    /// ```
    pub fn compile(openapi: &str) -> Result<Validator, String> {
        let spec: Value = serde_yaml_ng::from_str(openapi)
            .map_err(|e| format!("openapi.yaml is not valid YAML: {e}"))?;
        let schemas = spec
            .pointer("/components/schemas")
            .ok_or("openapi.yaml has no components.schemas")?;
        if schemas.get(REQUEST_SCHEMA).is_none() {
            return Err(format!(
                "openapi.yaml has no components.schemas.{REQUEST_SCHEMA}"
            ));
        }
        let request = format!("#/components/schemas/{REQUEST_SCHEMA}");
        // The document keeps the spec's `components` so `#/components/schemas/..` resolves
        // and error locations point into the spec itself.
        let document = |pointer: &str, schemas: &Value| {
            json!({
                "allOf": [{ "$ref": pointer }],
                "components": { "schemas": schemas },
            })
        };
        let quick = quick::discriminators_first(schemas);
        Ok(Validator {
            body: build(&document(&request, &quick))?,
            exact: OnceLock::new(),
            document: document(&request, schemas),
            to: build(&document(&format!("{request}/properties/to"), schemas))?,
            recipient: build(&document(
                &format!("{request}/properties/recipient"),
                schemas,
            ))?,
            parameter_name: build(&document("#/components/schemas/ParameterName", schemas))?,
            spec: json!({ "components": { "schemas": schemas } }),
        })
    }

    /// The schema problems of a body [`Self::body`] found invalid, worded.
    fn schema_problems(&self, body: &Value, problems: &mut Vec<Problem>) {
        match self.exact.get_or_init(|| build(&self.document)) {
            Ok(exact) => describe::schema_errors(&self.spec, exact.iter_errors(body), problems),
            // Not for a spec whose quick form compiled: the two have the same keywords.
            Err(err) => problems.push(Problem::new("", err.clone())),
        }
    }

    /// Every problem with a request body: first what the schema says, then the cross-field
    /// [`rules`]. Empty when the body is valid.
    ///
    /// Properties the spec does not know are reported as problems for which
    /// [`Problem::is_unknown_field`] is true; a caller that opted into sending fields newer
    /// than the spec may treat those at the top level and in `template` as warnings (the only
    /// places the wire types can carry them).
    pub fn check(&self, body: &Value) -> Vec<Problem> {
        self.problems(body, true)
    }

    /// [`check`](Self::check), with the rule against NUL characters left out when `nul` is
    /// false (for a caller that looks for them in the JSON it writes anyway).
    pub(crate) fn problems(&self, body: &Value, nul: bool) -> Vec<Problem> {
        let mut problems = Vec::new();
        if !self.body.is_valid(body) {
            self.schema_problems(body, &mut problems);
        }
        rules::check(body, nul, &mut problems);
        // In the order of the body (array positions numerically), whatever order the schema's
        // keywords and the rules ran in; problems at one path keep their order.
        problems.sort_by_cached_key(|p| path_key(&p.path));
        problems
    }

    /// Only the rule against NUL characters, in the order [`check`](Self::check) gives.
    pub(crate) fn nul_problems(body: &Value) -> Vec<Problem> {
        let mut problems = Vec::new();
        rules::nul_characters(body, &mut problems);
        problems.sort_by_cached_key(|p| path_key(&p.path));
        problems
    }

    /// Only what the schema says: no cross-field [`rules`]. For a server that must accept
    /// every body the spec allows (the sandbox's `--accept-any-template`).
    pub fn check_schema(&self, body: &Value) -> Vec<Problem> {
        let mut problems = Vec::new();
        if !self.body.is_valid(body) {
            self.schema_problems(body, &mut problems);
        }
        problems.sort_by_cached_key(|p| path_key(&p.path));
        problems
    }

    /// Checks a phone number as `to` takes it; `Err` says what was expected.
    ///
    /// ```
    /// let v = wamm_client::validation::Validator::shared();
    /// assert!(v.check_to("447700900123").is_ok());
    /// assert!(v.check_to("12-34").is_err());
    /// ```
    pub fn check_to(&self, to: &str) -> Result<(), Problem> {
        self.check_field(&self.to, "to", to)
    }

    /// Checks a business-scoped user ID as `recipient` takes it.
    ///
    /// ```
    /// let v = wamm_client::validation::Validator::shared();
    /// assert!(v.check_recipient("US.ENT.11815799212886844830").is_ok());
    /// assert!(v.check_recipient("447700900123").is_err());
    /// ```
    pub fn check_recipient(&self, recipient: &str) -> Result<(), Problem> {
        self.check_field(&self.recipient, "recipient", recipient)
    }

    /// Checks a template variable's name as `parameter_name` takes it.
    ///
    /// ```
    /// let v = wamm_client::validation::Validator::shared();
    /// assert!(v.check_parameter_name("first_name").is_ok());
    /// assert!(v.check_parameter_name("First Name").is_err());
    /// ```
    pub fn check_parameter_name(&self, name: &str) -> Result<(), Problem> {
        self.check_field(&self.parameter_name, "parameter_name", name)
    }

    fn check_field(
        &self,
        validator: &SchemaValidator,
        name: &str,
        value: &str,
    ) -> Result<(), Problem> {
        let value = Value::String(value.to_string());
        if validator.is_valid(&value) {
            return Ok(());
        }
        let mut problems = Vec::new();
        describe::schema_errors(&self.spec, validator.iter_errors(&value), &mut problems);
        let mut problem = problems
            .into_iter()
            .next()
            .unwrap_or_else(|| Problem::new("", "not valid"));
        problem.path = name.to_string();
        Err(problem)
    }
}

/// `template.components[10].type` as comparable segments: names, then positions as numbers.
fn path_key(path: &str) -> Vec<(String, usize)> {
    path.split(['.', '['])
        .map(
            |segment| match segment.strip_suffix(']').and_then(|n| n.parse().ok()) {
                Some(index) => (String::new(), index),
                None => (segment.to_string(), 0),
            },
        )
        .collect()
}

/// Writes the keywords Meta accepts in any letter case (component `type`, button `sub_type`,
/// parameter `type`, also inside carousel cards) in lower case, the form wamm sends and
/// generates types for. Other values are left as they are.
///
/// ```
/// let mut body = serde_json::json!({"template": {"components": [
///     {"type": "BUTTON", "sub_type": "COPY_CODE", "index": 0,
///      "parameters": [{"type": "COUPON_CODE", "coupon_code": "SPRING25"}]}]}});
/// wamm_client::validation::lower_case_keywords(&mut body);
/// assert_eq!(body["template"]["components"][0]["type"], "button");
/// assert_eq!(body["template"]["components"][0]["sub_type"], "copy_code");
/// assert_eq!(body["template"]["components"][0]["parameters"][0]["type"], "coupon_code");
/// assert_eq!(body["template"]["components"][0]["parameters"][0]["coupon_code"], "SPRING25");
/// ```
pub fn lower_case_keywords(body: &mut Value) {
    fn lower(map: &mut serde_json::Map<String, Value>, key: &str) {
        if let Some(Value::String(s)) = map.get_mut(key)
            && s.bytes().any(|b| b.is_ascii_uppercase())
        {
            s.make_ascii_lowercase();
        }
    }
    fn components(list: Option<&mut Value>) {
        let Some(Value::Array(list)) = list else {
            return;
        };
        for component in list {
            let Value::Object(map) = component else {
                continue;
            };
            lower(map, "type");
            lower(map, "sub_type");
            if let Some(Value::Array(parameters)) = map.get_mut("parameters") {
                for parameter in parameters {
                    if let Value::Object(parameter) = parameter {
                        lower(parameter, "type");
                    }
                }
            }
            if let Some(Value::Array(cards)) = map.get_mut("cards") {
                for card in cards {
                    components(card.get_mut("components"));
                }
            }
        }
    }
    components(
        body.get_mut("template")
            .and_then(|t| t.get_mut("components")),
    );
}

#[cfg(test)]
mod tests;

/// Compiles one schema document as OpenAPI 3.0's dialect of Draft 4.
fn build(document: &Value) -> Result<SchemaValidator, String> {
    jsonschema::draft4::options()
        // Linear-time matching: the sandbox validates bodies from anyone, and the spec's
        // patterns need no lookaround or backreferences.
        .with_pattern_options(jsonschema::PatternOptions::regex())
        .build(document)
        .map_err(|e| format!("openapi.yaml's schemas do not compile: {e}"))
}
