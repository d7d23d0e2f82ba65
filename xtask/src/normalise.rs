//! The one place where the spec is adapted for progenitor.
//!
//! `openapi.yaml` describes the API as it is. progenitor 0.15 cannot take all of it, so before
//! generating we make a small set of explicit edits and report every one of them; nothing is
//! changed silently. Each rule says why it exists. The validator (`wamm_client::validation`)
//! reads the spec as written, so none of these edits loosens what is checked.

/// Shared with the validator, which words its problems from the same patterns.
#[path = "../../crates/client/src/validation/keywords.rs"]
mod keywords;

use keywords::case_insensitive_words;
use openapiv3::{
    AnySchema, ObjectType, OpenAPI, Operation, Parameter, ReferenceOr, Schema, SchemaKind,
    StringType, Type,
};

/// Header parameters that the hand-written client layer supplies itself (`User-Agent` is a
/// client option). As builder fields they would be set per request; OpenAPI also says header
/// parameters named `Authorization`, `Content-Type` or `Accept` are ignored by tooling.
const SUPPLIED_HEADERS: [&str; 3] = ["Authorization", "Content-Type", "User-Agent"];

/// Applies every normalisation rule to `spec` in place and returns one line per change made.
pub fn normalise(spec: &mut OpenAPI) -> Vec<String> {
    let mut changes = Vec::new();
    let mut checked_body = false;
    for (path, item) in spec.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, op) in operations_mut(item) {
            let at = format!("{} {path}", method.to_uppercase());
            drop_supplied_headers(op, &at, &mut changes);
            checked_body |= send_checked_body(op, &at, &mut changes);
        }
    }
    if checked_body {
        // The name the operation's body now refers to; generated as `crate::CheckedBody`.
        spec.components
            .get_or_insert_with(Default::default)
            .schemas
            .insert(
                CHECKED_BODY_SCHEMA.to_string(),
                ReferenceOr::Reference {
                    reference: format!("#/components/schemas/{CHECKED_BODY_OF}"),
                },
            );
    }
    if let Some(components) = spec.components.as_mut() {
        for (name, schema) in components.schemas.iter_mut() {
            if let ReferenceOr::Item(schema) = schema {
                drop_presence_alternatives(schema, name, &mut changes);
                visit_strings(schema, name, &mut |string, at| {
                    case_insensitive_keyword_to_enum(string, at, &mut changes);
                    relax_string_constraints(string, at, &mut changes);
                });
            }
        }
    }
    changes
}

/// A keyword Meta accepts in any letter case is a pattern in the spec; the generated type
/// is an enum of the lower-case words, which is what wamm writes. `marketing` lower-cases
/// these keywords when it reads a body, before it becomes the generated type.
fn case_insensitive_keyword_to_enum(string: &mut StringType, at: &str, changes: &mut Vec<String>) {
    let Some(words) = string.pattern.as_deref().and_then(case_insensitive_words) else {
        return;
    };
    string.pattern = None;
    changes.push(format!(
        "schema {at}: case-insensitive pattern generated as enum [{}] (wamm writes lower case)",
        words.join(", ")
    ));
    string.enumeration = words.into_iter().map(Some).collect();
}

/// Length and pattern limits on strings in the message schemas. progenitor turns each into a
/// newtype whose deserialisation stops at the first bad value, so a stored payload with several
/// problems would report one, without its JSON path. The limits stay in openapi.yaml, where
/// the validator compiled from it enforces them for `marketing` and the sandbox alike.
fn relax_string_constraints(string: &mut StringType, at: &str, changes: &mut Vec<String>) {
    let mut dropped = Vec::new();
    if let Some(pattern) = string.pattern.take() {
        dropped.push(format!("pattern `{pattern}`"));
    }
    if let Some(min) = string.min_length.take() {
        dropped.push(format!("minLength {min}"));
    }
    if let Some(max) = string.max_length.take() {
        dropped.push(format!("maxLength {max}"));
    }
    if !dropped.is_empty() {
        changes.push(format!(
            "schema {at}: relaxed {} (checked by the validator compiled from openapi.yaml)",
            dropped.join(", ")
        ));
    }
}

/// Calls `f` on every string schema inside `schema` (not through `$ref`s).
fn visit_strings(schema: &mut Schema, at: &str, f: &mut dyn FnMut(&mut StringType, &str)) {
    match &mut schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => f(string, at),
        SchemaKind::Type(Type::Object(object)) => {
            for (name, property) in object.properties.iter_mut() {
                if let ReferenceOr::Item(property) = property {
                    visit_strings(property, &format!("{at}.{name}"), f);
                }
            }
        }
        SchemaKind::Type(Type::Array(array)) => {
            if let Some(ReferenceOr::Item(items)) = array.items.as_mut() {
                visit_strings(items, &format!("{at}[]"), f);
            }
        }
        SchemaKind::OneOf { one_of: variants }
        | SchemaKind::AnyOf { any_of: variants }
        | SchemaKind::AllOf { all_of: variants } => {
            for (i, variant) in variants.iter_mut().enumerate() {
                if let ReferenceOr::Item(variant) = variant {
                    visit_strings(variant, &format!("{at}/{i}"), f);
                }
            }
        }
        _ => {}
    }
}

/// `anyOf`/`oneOf` branches that only say which properties must be present (`to` or
/// `recipient`; a media object's `id` or `link`) cannot be expressed by generated structs,
/// and an object with them parses as a schema of no particular type. The object is generated
/// from its properties; the validator still enforces the alternatives.
fn drop_presence_alternatives(schema: &mut Schema, at: &str, changes: &mut Vec<String>) {
    let SchemaKind::Any(any) = &schema.schema_kind else {
        return;
    };
    let presence_only = |variants: &[ReferenceOr<Schema>]| {
        variants.iter().all(|v| match v {
            ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::Any(branch),
                ..
            }) => {
                !branch.required.is_empty()
                    && *branch
                        == AnySchema {
                            required: branch.required.clone(),
                            ..AnySchema::default()
                        }
            }
            _ => false,
        })
    };
    if any.typ.as_deref() != Some("object")
        || !(presence_only(&any.one_of) && presence_only(&any.any_of))
    {
        return;
    }
    let alternatives: Vec<String> = any
        .one_of
        .iter()
        .chain(&any.any_of)
        .filter_map(|v| match v {
            ReferenceOr::Item(Schema {
                schema_kind: SchemaKind::Any(branch),
                ..
            }) => Some(branch.required.join(" + ")),
            _ => None,
        })
        .collect();
    let any = any.clone();
    schema.schema_kind = SchemaKind::Type(Type::Object(ObjectType {
        properties: any.properties,
        required: any.required,
        additional_properties: any.additional_properties,
        min_properties: any.min_properties,
        max_properties: any.max_properties,
    }));
    changes.push(format!(
        "schema {at}: dropped the presence alternatives ({}) for generation (the validator enforces them)",
        alternatives.join(" | ")
    ));
}

fn operations_mut(item: &mut openapiv3::PathItem) -> Vec<(&'static str, &mut Operation)> {
    [
        ("get", item.get.as_mut()),
        ("put", item.put.as_mut()),
        ("post", item.post.as_mut()),
        ("delete", item.delete.as_mut()),
        ("options", item.options.as_mut()),
        ("head", item.head.as_mut()),
        ("patch", item.patch.as_mut()),
        ("trace", item.trace.as_mut()),
    ]
    .into_iter()
    .filter_map(|(name, op)| op.map(|op| (name, op)))
    .collect()
}

/// The schema whose JSON requests carry, and the name the operation's body is given instead.
pub const CHECKED_BODY_OF: &str = "MarketingMessageRequestPayload";
pub const CHECKED_BODY_SCHEMA: &str = "MarketingMessageRequestBody";

/// An operation whose JSON body is the message schema takes `wamm_client::CheckedBody`: JSON
/// the validator compiled from openapi.yaml has accepted, sent as those bytes. The generated
/// struct stays (for builders), but a body made as JSON, as a campaign makes one per
/// recipient, is not turned into the struct and back to JSON on its way out, and the
/// generated operation cannot send a body the spec refuses.
fn send_checked_body(op: &mut Operation, at: &str, changes: &mut Vec<String>) -> bool {
    let Some(ReferenceOr::Item(body)) = op.request_body.as_mut() else {
        return false;
    };
    let mut changed = false;
    let target = format!("#/components/schemas/{CHECKED_BODY_OF}");
    for (media, content) in body.content.iter_mut() {
        if let Some(ReferenceOr::Reference { reference }) = content.schema.as_mut()
            && *reference == target
        {
            *reference = format!("#/components/schemas/{CHECKED_BODY_SCHEMA}");
            changes.push(format!(
                "{at}: {media} body `{CHECKED_BODY_OF}` generated as `{CHECKED_BODY_SCHEMA}`, \
                 which is wamm_client::CheckedBody (JSON the validator accepted)"
            ));
            changed = true;
        }
    }
    changed
}

fn drop_supplied_headers(op: &mut Operation, at: &str, changes: &mut Vec<String>) {
    op.parameters.retain(|param| {
        let ReferenceOr::Item(Parameter::Header { parameter_data, .. }) = param else {
            return true;
        };
        let supplied = SUPPLIED_HEADERS
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&parameter_data.name));
        if supplied {
            changes.push(format!(
                "{at}: dropped header parameter `{}` (set by wamm-client itself)",
                parameter_data.name
            ));
        }
        !supplied
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = include_str!("../../openapi.yaml");

    #[test]
    fn the_committed_spec_needs_exactly_the_documented_changes() {
        let mut spec: OpenAPI = serde_yaml_ng::from_str(SPEC).expect("openapi.yaml parses");
        let changes = normalise(&mut spec);
        let has = |needle: &str| changes.iter().any(|c| c.contains(needle));
        assert!(has("`User-Agent`"), "{changes:#?}");
        assert!(has(
            "CouponCodeParameter.coupon_code: relaxed minLength 1, maxLength 15"
        ));
        assert!(has(
            "HeaderComponent.type: case-insensitive pattern generated as enum [header]"
        ));
        assert!(has(
            "ButtonSubType: case-insensitive pattern generated as enum [quick_reply, url,"
        ));
        assert!(has(
            "MediaObject: dropped the presence alternatives (id | link)"
        ));
        assert!(has(
            "MarketingMessageRequestPayload: dropped the presence alternatives (to | recipient)"
        ));
        // A second pass finds nothing left to change.
        assert!(normalise(&mut spec).is_empty());
    }

    #[test]
    fn case_insensitive_patterns_decode_to_their_words() {
        assert_eq!(
            case_insensitive_words("^[Bb][Oo][Dd][Yy]$"),
            Some(vec!["body".to_string()])
        );
        assert_eq!(
            case_insensitive_words("^([Uu][Rr][Ll]|[Cc][Oo][Pp][Yy]_[Cc][Oo][Dd][Ee])$"),
            Some(vec!["url".to_string(), "copy_code".to_string()])
        );
        for other in [
            "^[a-z0-9_]+$",
            "^[0-9]$",
            "^[Bb][Oo][Dd][Yy]",
            "^[Bx]$",
            "^$",
        ] {
            assert_eq!(case_insensitive_words(other), None, "{other}");
        }
    }
}
