//! Request bodies are validated against the schemas of the workspace's `openapi.yaml`, compiled
//! into the sandbox, so the spec, the generated client and the sandbox cannot drift apart.

use std::sync::{Arc, OnceLock};

use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::{Location, LocationSegment};
use jsonschema::{ValidationError, Validator};
use serde_json::{Value, json};

/// The API description, as committed at the workspace root.
pub(crate) const OPENAPI_YAML: &str = include_str!("../../../openapi.yaml");

/// The schema a send's body must match.
const REQUEST_SCHEMA: &str = "MarketingMessageRequestPayload";

/// At most this many problems are listed in one error's details.
const MAX_PROBLEMS: usize = 5;

/// A validator for request bodies, compiled once per process.
#[derive(Debug)]
pub(crate) struct RequestSchema {
    validator: Validator,
}

impl RequestSchema {
    /// The process-wide compiled validator (the spec is parsed and compiled on first use).
    pub(crate) fn shared() -> Result<Arc<RequestSchema>, String> {
        static SCHEMA: OnceLock<Result<Arc<RequestSchema>, String>> = OnceLock::new();
        SCHEMA
            .get_or_init(|| RequestSchema::compile(OPENAPI_YAML).map(Arc::new))
            .clone()
    }

    /// Compiles the request schema of an OpenAPI 3.0 document.
    ///
    /// OpenAPI 3.0's Schema Object is a dialect of JSON Schema Draft 4 (boolean
    /// `exclusiveMinimum`, `example` ignored), so it is compiled as Draft 4. The `$ref`s
    /// (`#/components/schemas/X`) resolve inside a document that carries the spec's
    /// `components` beside the root reference.
    pub(crate) fn compile(openapi_yaml: &str) -> Result<RequestSchema, String> {
        let spec: Value = serde_yaml_ng::from_str(openapi_yaml)
            .map_err(|e| format!("openapi.yaml is not valid YAML: {e}"))?;
        let schemas = spec
            .pointer("/components/schemas")
            .ok_or("openapi.yaml has no components.schemas")?;
        if schemas.get(REQUEST_SCHEMA).is_none() {
            return Err(format!(
                "openapi.yaml has no components.schemas.{REQUEST_SCHEMA}"
            ));
        }
        let document = json!({
            "allOf": [{ "$ref": format!("#/components/schemas/{REQUEST_SCHEMA}") }],
            "components": { "schemas": schemas },
        });
        let validator = jsonschema::draft4::options()
            .build(&document)
            .map_err(|e| format!("openapi.yaml's schemas do not compile: {e}"))?;
        Ok(RequestSchema { validator })
    }

    /// `Ok` for a valid body; otherwise the problems, each naming its path
    /// (`template.components[3].parameters[0].coupon_code: ...`), joined by `; `.
    pub(crate) fn check(&self, body: &Value) -> Result<(), String> {
        if self.validator.is_valid(body) {
            return Ok(());
        }
        let mut problems = Vec::new();
        for error in self.validator.iter_errors(body) {
            describe(&error, &mut problems);
            if problems.len() >= MAX_PROBLEMS {
                break;
            }
        }
        problems.truncate(MAX_PROBLEMS);
        if problems.is_empty() {
            problems.push("request body: does not match the request schema".into());
        }
        Err(problems.join("; "))
    }
}

/// Appends readable descriptions of `error` to `out`.
///
/// A failed `oneOf` (a component, a parameter, a button index) says little by itself, so the
/// branch the value was meant for (the one whose `type` matched) is described instead.
fn describe(error: &ValidationError<'_>, out: &mut Vec<String>) {
    match error.kind() {
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            let here = error.instance_path();
            let meant: Vec<&Vec<ValidationError<'static>>> = context
                .iter()
                .filter(|branch| !branch.iter().any(|e| misses_discriminator(e, here)))
                .collect();
            if let [branch] = meant.as_slice()
                && !branch.is_empty()
            {
                for e in branch.iter() {
                    describe(e, out);
                }
                return;
            }
            let type_path = here.join("type");
            let mut allowed: Vec<String> = Vec::new();
            for e in context.iter().flatten() {
                if let ValidationErrorKind::Enum { options } = e.kind()
                    && *e.instance_path() == type_path
                {
                    for option in options.as_array().into_iter().flatten() {
                        let option = option.to_string();
                        if !allowed.contains(&option) {
                            allowed.push(option);
                        }
                    }
                }
            }
            let instance = error.instance();
            match instance.get("type") {
                Some(actual) if !allowed.is_empty() => out.push(format!(
                    "{}: {} is not one of {}",
                    dotted(&type_path),
                    shorten(&actual.to_string()),
                    allowed.join(", ")
                )),
                _ => out.push(format!(
                    "{}: {} matches none of the allowed forms",
                    dotted(here),
                    shorten(&instance.to_string())
                )),
            }
        }
        _ => out.push(format!(
            "{}: {}",
            dotted(error.instance_path()),
            shorten(&error.to_string())
        )),
    }
}

/// Whether `e` shows that a `oneOf` branch was not meant for the value at `here`: the value's
/// `type` property is not the branch's, or the value has another JSON type altogether.
fn misses_discriminator(e: &ValidationError<'_>, here: &Location) -> bool {
    match e.kind() {
        ValidationErrorKind::Enum { .. } => *e.instance_path() == here.join("type"),
        ValidationErrorKind::Type { .. } => e.instance_path() == here,
        _ => false,
    }
}

/// `/template/components/3/parameters/0` -> `template.components[3].parameters[0]`.
fn dotted(location: &Location) -> String {
    let mut out = String::new();
    for segment in location.segments() {
        match segment {
            LocationSegment::Property(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&name);
            }
            LocationSegment::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    if out.is_empty() {
        out.push_str("request body");
    }
    out
}

fn shorten(text: &str) -> String {
    const MAX: usize = 160;
    if text.len() <= MAX {
        return text.to_string();
    }
    let mut end = MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Arc<RequestSchema> {
        RequestSchema::shared().unwrap()
    }

    fn minimal() -> Value {
        json!({"messaging_product":"whatsapp","recipient_type":"individual","to":"447700900123",
               "type":"template","template":{"name":"spring_sale","language":{"code":"en_GB"}}})
    }

    #[test]
    fn the_spec_examples_are_valid() {
        let spec: Value = serde_yaml_ng::from_str(OPENAPI_YAML).unwrap();
        let examples = spec
            .pointer("/paths/~1{Version}~1{Phone-Number-ID}~1marketing_messages/post/requestBody/content/application~1json/examples")
            .unwrap()
            .as_object()
            .unwrap();
        assert!(!examples.is_empty());
        for (name, example) in examples {
            assert_eq!(schema().check(&example["value"]), Ok(()), "{name}");
        }
        assert_eq!(schema().check(&minimal()), Ok(()));
    }

    #[test]
    fn a_long_coupon_is_named_by_its_path() {
        let mut body = minimal();
        body["template"]["components"] = json!([
            {"type":"button","sub_type":"copy_code","index":0,
             "parameters":[{"type":"coupon_code","coupon_code":"ABCDEFGHIJKLMNOP"}]}
        ]);
        let err = schema().check(&body).unwrap_err();
        assert_eq!(
            err,
            "template.components[0].parameters[0].coupon_code: \"ABCDEFGHIJKLMNOP\" is longer than 15 characters"
        );
    }

    #[test]
    fn an_unknown_component_type_lists_the_known_ones() {
        let mut body = minimal();
        body["template"]["components"] = json!([{"type":"footer","parameters":[]}]);
        let err = schema().check(&body).unwrap_err();
        assert_eq!(
            err,
            "template.components[0].type: \"footer\" is not one of \"header\", \"body\", \"button\", \"limited_time_offer\", \"carousel\""
        );
    }

    #[test]
    fn top_level_problems_are_all_listed() {
        let body = json!({"messaging_product":"sms","recipient_type":"individual","type":"text"});
        let err = schema().check(&body).unwrap_err();
        assert!(err.contains("\"template\" is a required property"), "{err}");
        assert!(err.contains("messaging_product: \"sms\""), "{err}");
        assert!(err.contains("type: \"text\""), "{err}");
    }

    #[test]
    fn button_index_takes_a_digit_as_number_or_string() {
        for (index, ok) in [
            (json!(1), true),
            (json!("1"), true),
            (json!(12), false),
            (json!("12"), false),
        ] {
            let mut body = minimal();
            body["template"]["components"] = json!([
                {"type":"button","sub_type":"url","index":index,
                 "parameters":[{"type":"text","text":"x"}]}
            ]);
            let result = schema().check(&body);
            assert_eq!(result.is_ok(), ok, "{index}: {result:?}");
            if let Err(err) = result {
                assert!(err.starts_with("template.components[0].index: "), "{err}");
            }
        }
    }

    #[test]
    fn bid_multiplier_must_be_positive() {
        let mut body = minimal();
        body["bid_spec"] = json!({"per_message_bid_multiplier": 0});
        let err = schema().check(&body).unwrap_err();
        assert!(
            err.starts_with("bid_spec.per_message_bid_multiplier: "),
            "{err}"
        );
        body["bid_spec"] = json!({"per_message_bid_multiplier": 0.5});
        assert_eq!(schema().check(&body), Ok(()));
    }
}
