//! Turns the schema validator's errors into [`Problem`]s a person can act on: a JSON path and
//! a sentence built from the failed keyword and from the spec itself (its `x-expected`
//! wording, enum values, the case-insensitive keywords and the known property names).

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::{Location, LocationSegment};
use serde_json::Value;

use super::Problem;
use super::keywords::case_insensitive_words;

/// Appends a problem for each error, in the order the validator found them.
pub(super) fn schema_errors<'a>(
    spec: &Value,
    errors: impl Iterator<Item = ValidationError<'a>>,
    out: &mut Vec<Problem>,
) {
    let start = out.len();
    for error in errors {
        describe(spec, &error, out);
    }
    // One sentence per place: an empty name breaks both its pattern and its length, and the
    // first says all that is needed.
    let mut seen = std::collections::HashSet::new();
    let mut i = start;
    while i < out.len() {
        if seen.insert(out[i].path.clone()) {
            i += 1;
        } else {
            out.remove(i);
        }
    }
}

fn describe(spec: &Value, error: &ValidationError<'_>, out: &mut Vec<Problem>) {
    let here = error.instance_path();
    let instance = error.instance().as_ref();
    // The schema object holding the keyword that failed.
    let schema = schema_at(spec, error.schema_path()).unwrap_or(&Value::Null);
    let expected = expectation(spec, schema);
    let problem = |message: String| Problem::new(dotted(here), message);
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let property_schema = schema
                .get("properties")
                .and_then(|p| p.get(name))
                .map(|s| resolve(spec, s))
                .unwrap_or(&Value::Null);
            out.push(Problem::new(
                join(&dotted(here), name),
                format!("missing, expected {}", expectation(spec, property_schema)),
            ));
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known: Vec<&str> = schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            for name in unexpected {
                let hint = match closest(name, &known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("expected one of {}", known.join(", ")),
                };
                out.push(Problem::unknown_field(
                    join(&dotted(here), name),
                    format!("unknown field, not in the API description; {hint}"),
                ));
            }
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            if let Some(words) = own_expectation(schema) {
                return out.push(problem(give(instance, &words)));
            }
            // A component or parameter: describe the branch its `type` chose, if any did.
            let meant: Vec<&Vec<ValidationError<'static>>> = context
                .iter()
                .filter(|branch| !branch.iter().any(|e| misses_discriminator(e, here)))
                .collect();
            if let [branch] = meant.as_slice()
                && !branch.is_empty()
            {
                for e in branch.iter() {
                    describe(spec, e, out);
                }
                return;
            }
            let kinds = discriminators(spec, schema);
            match instance.get("type") {
                Some(actual) if !kinds.is_empty() => out.push(Problem::new(
                    join(&dotted(here), "type"),
                    format!("{}, expected {}", show(actual), or_list(&kinds)),
                )),
                _ => out.push(problem(format!(
                    "{}, matches none of the allowed forms",
                    show(instance)
                ))),
            }
        }
        ValidationErrorKind::OneOfMultipleValid { .. } => {
            let words =
                own_expectation(schema).unwrap_or_else(|| "only one of the allowed forms".into());
            out.push(problem(give(instance, &words)));
        }
        ValidationErrorKind::Type { .. } => {
            let got = match instance {
                Value::Object(_) | Value::Array(_) => kind_of(instance).to_string(),
                scalar => show(scalar),
            };
            out.push(problem(format!("{got}, expected {expected}")));
        }
        ValidationErrorKind::Enum { .. }
        | ValidationErrorKind::Constant { .. }
        | ValidationErrorKind::Pattern { .. } => {
            out.push(problem(format!("{}, expected {expected}", show(instance))));
        }
        ValidationErrorKind::MinLength { limit } => {
            let n = chars(instance);
            out.push(problem(if n == 0 {
                format!("empty, expected {expected}")
            } else {
                format!("{n} characters, at least {limit}")
            }));
        }
        ValidationErrorKind::MaxLength { limit } => {
            out.push(problem(format!(
                "{} characters, at most {limit}",
                chars(instance)
            )));
        }
        ValidationErrorKind::Minimum { .. }
        | ValidationErrorKind::Maximum { .. }
        | ValidationErrorKind::ExclusiveMinimum { .. }
        | ValidationErrorKind::ExclusiveMaximum { .. } => {
            out.push(problem(format!("{}, expected {expected}", show(instance))));
        }
        ValidationErrorKind::MinItems { limit } | ValidationErrorKind::MaxItems { limit } => {
            let n = instance.as_array().map_or(0, Vec::len);
            let bound = match own_expectation(schema) {
                Some(words) => words,
                None if matches!(error.kind(), ValidationErrorKind::MinItems { .. }) => {
                    format!("at least {limit}")
                }
                None => format!("at most {limit}"),
            };
            out.push(problem(format!("{n} {}, expected {bound}", items(n))));
        }
        _ => out.push(problem(format!("{}: {error}", show(instance)))),
    }
}

/// "give exactly one of id or link" for an object, "12, expected ..." for a value.
fn give(instance: &Value, words: &str) -> String {
    if instance.is_object() {
        format!("give {words}")
    } else {
        format!("{}, expected {words}", show(instance))
    }
}

/// The schema object at `location` in the document the validator was built from. The
/// validator's keyword locations are canonical (they point where the keyword is written, not
/// through `$ref`s), so dropping the keyword leaves the schema that holds it.
fn schema_at<'s>(spec: &'s Value, location: &Location) -> Option<&'s Value> {
    let mut segments: Vec<String> = location
        .segments()
        .map(|s| match s {
            LocationSegment::Property(p) => p.to_string(),
            LocationSegment::Index(i) => i.to_string(),
        })
        .collect();
    segments.pop();
    let mut node = spec;
    for segment in &segments {
        node = match node {
            Value::Object(map) => map.get(segment)?,
            Value::Array(list) => list.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(resolve(spec, node))
}

/// Follows a `$ref` (`#/components/schemas/X`) inside the spec.
fn resolve<'s>(spec: &'s Value, schema: &'s Value) -> &'s Value {
    let mut schema = schema;
    for _ in 0..8 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(pointer) => match spec.pointer(pointer.trim_start_matches('#')) {
                Some(target) => schema = target,
                None => break,
            },
            None => break,
        }
    }
    schema
}

/// What a value of `schema` must be, in words: its `x-expected`, its enum values, its
/// case-insensitive keywords, or its JSON type.
fn expectation(spec: &Value, schema: &Value) -> String {
    if let Some(words) = own_expectation(schema) {
        return words;
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        let options: Vec<String> = options.iter().map(Value::to_string).collect();
        return or_list(&options);
    }
    if let Some(words) = schema
        .get("pattern")
        .and_then(Value::as_str)
        .and_then(case_insensitive_words)
    {
        let words: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
        return format!("{} (any letter case)", or_list(&words));
    }
    let exclusive = schema.get("exclusiveMinimum") == Some(&Value::Bool(true));
    let bounds = match (schema.get("minimum"), schema.get("maximum")) {
        (Some(min), Some(max)) if !exclusive => format!(" from {min} to {max}"),
        (Some(min), None) if exclusive => format!(" greater than {min}"),
        (Some(min), None) => format!(" of at least {min}"),
        (None, Some(max)) => format!(" of at most {max}"),
        (Some(min), Some(max)) => format!(" greater than {min} and at most {max}"),
        (None, None) => String::new(),
    };
    let kind = match schema.get("type").and_then(Value::as_str) {
        Some("string") => "a string",
        Some("integer") => "a whole number",
        Some("number") => "a number",
        Some("boolean") => "true or false",
        Some("array") => "an array",
        Some("object") => "an object",
        _ if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() => {
            let kinds = discriminators(spec, schema);
            if !kinds.is_empty() {
                return format!("an object whose type is {}", or_list(&kinds));
            }
            "a value"
        }
        _ => "a value",
    };
    format!("{kind}{bounds}")
}

fn own_expectation(schema: &Value) -> Option<String> {
    schema
        .get("x-expected")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// The `type` values the branches of a `oneOf` accept, in order, without repeats.
fn discriminators(spec: &Value, schema: &Value) -> Vec<String> {
    let mut kinds = Vec::new();
    let branches = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))
        .and_then(Value::as_array);
    for branch in branches.into_iter().flatten() {
        let Some(type_schema) = resolve(spec, branch).pointer("/properties/type") else {
            continue;
        };
        let words: Vec<String> =
            if let Some(options) = type_schema.get("enum").and_then(Value::as_array) {
                options.iter().map(Value::to_string).collect()
            } else if let Some(words) = type_schema
                .get("pattern")
                .and_then(Value::as_str)
                .and_then(case_insensitive_words)
            {
                words.iter().map(|w| format!("\"{w}\"")).collect()
            } else {
                Vec::new()
            };
        for word in words {
            if !kinds.contains(&word) {
                kinds.push(word);
            }
        }
    }
    kinds
}

/// Whether `e` shows that a `oneOf` branch was not meant for the value at `here`: the value's
/// `type` property is not the branch's, or the value has another JSON type altogether.
fn misses_discriminator(e: &ValidationError<'_>, here: &Location) -> bool {
    match e.kind() {
        ValidationErrorKind::Enum { .. }
        | ValidationErrorKind::Pattern { .. }
        | ValidationErrorKind::Constant { .. } => *e.instance_path() == here.join("type"),
        ValidationErrorKind::Type { .. } => e.instance_path() == here,
        _ => false,
    }
}

/// The known name closest to `name`, if it is a likely typo (at most two edits).
fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// `/template/components/3/parameters/0` -> `template.components[3].parameters[0]`.
pub(super) fn dotted(location: &Location) -> String {
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
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn or_list(options: &[String]) -> String {
    match options {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn items(n: usize) -> &'static str {
    if n == 1 { "item" } else { "items" }
}

fn chars(value: &Value) -> usize {
    value.as_str().map_or(0, |s| s.chars().count())
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A short rendering of a JSON value for messages (long values are cut).
pub(super) fn show(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 60 {
        return text;
    }
    let cut: String = text.chars().take(57).collect();
    format!("{cut}...")
}
