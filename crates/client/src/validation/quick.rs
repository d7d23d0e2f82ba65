//! A faster form of the spec's schemas for yes-or-no checks, with the same verdict.
//!
//! A `oneOf` must try every branch. The spec's components and parameters are `oneOf`s of
//! objects told apart by a required `type` (`body`, `header`, `text`, `image`, ...), and a
//! branch written for another `type` still validated the whole value before reaching `type`:
//! a body component was checked as a header's, a button's and so on, parameters included.
//! Here each such branch first checks the properties that tell the branches apart, so a branch
//! meant for another kind fails at once.
//!
//! The rewrite only adds checks the branch already makes (a branch `{"$ref": X}` becomes
//! `{"allOf": [{"properties": {"type": <X's own schema for type>}}, {"$ref": X}]}`), so every
//! value gets the same answer. Problems are worded from the schema as written, not from this
//! form.

use serde_json::{Map, Value, json};

/// `schemas` (the spec's `components.schemas`) with every `oneOf` branch that refers to an
/// object with required, constrained properties checking those first.
pub(super) fn discriminators_first(schemas: &Value) -> Value {
    let mut quick = schemas.clone();
    rewrite(&mut quick, schemas);
    quick
}

fn rewrite(node: &mut Value, schemas: &Value) {
    match node {
        Value::Object(object) => {
            if let Some(Value::Array(branches)) = object.get_mut("oneOf") {
                for branch in branches.iter_mut() {
                    if let Some(tags) = discriminating(branch, schemas) {
                        let original = branch.take();
                        *branch = json!({ "allOf": [{ "properties": tags }, original] });
                    }
                }
            }
            for value in object.values_mut() {
                rewrite(value, schemas);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rewrite(item, schemas)),
        _ => {}
    }
}

/// For a branch `{"$ref": "#/components/schemas/X"}`: X's required properties whose schema
/// names the values allowed (`enum`, `const` or `pattern`), with those schemas.
fn discriminating(branch: &Value, schemas: &Value) -> Option<Map<String, Value>> {
    let name = branch
        .get("$ref")?
        .as_str()?
        .strip_prefix("#/components/schemas/")?;
    let target = schemas.get(name)?;
    let properties = target.get("properties")?.as_object()?;
    let tags: Map<String, Value> = target
        .get("required")?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .filter_map(|required| {
            let schema = properties.get(required)?;
            ["enum", "const", "pattern"]
                .iter()
                .any(|k| schema.get(k).is_some())
                .then(|| (required.to_string(), schema.clone()))
        })
        .collect();
    (!tags.is_empty()).then_some(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_branch_checks_its_discriminator_first() {
        let schemas = json!({
            "Part": { "oneOf": [{ "$ref": "#/components/schemas/Text" }, { "type": "integer" }] },
            "Text": {
                "type": "object",
                "required": ["type", "text"],
                "properties": { "type": { "pattern": "^text$" }, "text": { "type": "string" } }
            }
        });
        let quick = discriminators_first(&schemas);
        assert_eq!(
            quick["Part"]["oneOf"][0],
            json!({ "allOf": [
                { "properties": { "type": { "pattern": "^text$" } } },
                { "$ref": "#/components/schemas/Text" }
            ]})
        );
        // Not an object reference: left as it is.
        assert_eq!(quick["Part"]["oneOf"][1], json!({ "type": "integer" }));
        assert_eq!(quick["Text"], schemas["Text"]);
    }
}
