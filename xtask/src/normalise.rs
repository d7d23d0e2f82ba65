//! The one place where the spec is adapted for progenitor.
//!
//! `openapi.yaml` describes the API as it is. progenitor 0.15 cannot take all of it, so before
//! generating we make a small set of explicit edits and report every one of them; nothing is
//! changed silently. Each rule says why it exists.

use openapiv3::{OpenAPI, Operation, Parameter, ReferenceOr, Schema, SchemaKind, Type};

/// Header parameters that the hand-written client layer supplies itself. As builder fields they
/// would put the bearer token into `Debug` output; OpenAPI also says such header parameters
/// (`Authorization`, `Content-Type`, `Accept`) are ignored by tooling.
const SUPPLIED_HEADERS: [&str; 3] = ["Authorization", "Content-Type", "User-Agent"];

/// The only request media type we generate for: progenitor panics on bodies with several media
/// types, and every known client of this endpoint sends JSON.
const BODY_MEDIA_TYPE: &str = "application/json";

/// Applies every normalisation rule to `spec` in place and returns one line per change made.
pub fn normalise(spec: &mut OpenAPI) -> Vec<String> {
    let mut changes = Vec::new();
    for (path, item) in spec.paths.paths.iter_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, op) in operations_mut(item) {
            let at = format!("{} {path}", method.to_uppercase());
            drop_supplied_headers(op, &at, &mut changes);
            keep_json_body_only(op, &at, &mut changes);
        }
    }
    if let Some(components) = spec.components.as_mut() {
        for (name, schema) in components.schemas.iter_mut() {
            if let ReferenceOr::Item(schema) = schema {
                relax_string_constraints(schema, name, &mut changes);
            }
        }
    }
    changes
}

/// Length and pattern limits on strings in the message schemas. progenitor turns each into a
/// newtype whose deserialisation stops at the first bad value, so a stored payload with several
/// problems would report one, without its JSON path. The limits stay in openapi.yaml, where the
/// sandbox enforces them, and `marketing` validates them with paths, all at once.
fn relax_string_constraints(schema: &mut Schema, at: &str, changes: &mut Vec<String>) {
    match &mut schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
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
                    "schema {at}: relaxed {} (checked by marketing's validation and the sandbox)",
                    dropped.join(", ")
                ));
            }
        }
        SchemaKind::Type(Type::Object(object)) => {
            for (name, property) in object.properties.iter_mut() {
                if let ReferenceOr::Item(property) = property {
                    relax_string_constraints(property, &format!("{at}.{name}"), changes);
                }
            }
        }
        SchemaKind::Type(Type::Array(array)) => {
            if let Some(ReferenceOr::Item(items)) = array.items.as_mut() {
                relax_string_constraints(items, &format!("{at}[]"), changes);
            }
        }
        SchemaKind::OneOf { one_of: variants }
        | SchemaKind::AnyOf { any_of: variants }
        | SchemaKind::AllOf { all_of: variants } => {
            for (i, variant) in variants.iter_mut().enumerate() {
                if let ReferenceOr::Item(variant) = variant {
                    relax_string_constraints(variant, &format!("{at}/{i}"), changes);
                }
            }
        }
        _ => {}
    }
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

fn keep_json_body_only(op: &mut Operation, at: &str, changes: &mut Vec<String>) {
    let Some(ReferenceOr::Item(body)) = op.request_body.as_mut() else {
        return;
    };
    body.content.retain(|media_type, _| {
        let keep = media_type == BODY_MEDIA_TYPE;
        if !keep {
            changes.push(format!(
                "{at}: dropped request media type `{media_type}` (progenitor takes one; we send {BODY_MEDIA_TYPE})"
            ));
        }
        keep
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
        assert!(changes.iter().any(|c| c.contains("`Authorization`")));
        assert!(changes.iter().any(|c| c.contains("`multipart/form-data`")));
        assert!(
            changes
                .iter()
                .any(|c| c.contains("CouponCodeParameter.coupon_code: relaxed maxLength 15"))
        );
        // A second pass finds nothing left to change.
        assert!(normalise(&mut spec).is_empty());
    }
}
