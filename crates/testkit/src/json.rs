//! Arbitrary JSON for property tests: a tree grown from the leaves and object keys a test
//! chooses, so that each test can lean towards the words its parser looks for.

use proptest::prelude::*;
use serde_json::Value;

/// How many kinds of value [`scalar`] chooses from: the weight to give it beside other
/// choices in a `prop_oneof!` so that every kind stays as likely as each of them.
pub const SCALAR_KINDS: u32 = 4;

/// A JSON scalar: null, a boolean, a whole number, or a string matching the regular expression
/// `text`, each as likely as the others.
pub fn scalar(text: &'static str) -> impl Strategy<Value = Value> + Clone {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        text.prop_map(Value::from),
    ]
}

/// A word (an object key, a field name): one of `names` or a word matching the regular
/// expression `other`, each of these `names.len() + 1` choices as likely as the others.
pub fn word(
    names: &'static [&'static str],
    other: &'static str,
) -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        names.len() as u32 => proptest::sample::select(names).prop_map(String::from),
        1 => other,
    ]
}

/// JSON values grown from `leaf`: arrays and objects nested up to `depth` levels, about `size`
/// values in all, each array or object holding fewer than `items`, object keys drawn from
/// `key`.
///
/// ```
/// use proptest::prelude::*;
/// use serde_json::Value;
///
/// use wamm_testkit::json;
///
/// // Scalars, and now and then the string "template".
/// let leaf = prop_oneof![
///     json::SCALAR_KINDS => json::scalar("[a-z]{0,8}"),
///     1 => Just(Value::from("template")),
/// ];
/// let bodies = json::tree(leaf, json::word(&["type", "text"], "[a-z_]{1,8}"), 3, 16, 4);
/// # let _ = bodies;
/// ```
pub fn tree(
    leaf: impl Strategy<Value = Value> + 'static,
    key: impl Strategy<Value = String> + Clone + 'static,
    depth: u32,
    size: u32,
    items: u32,
) -> impl Strategy<Value = Value> {
    let width = 0..items as usize;
    leaf.prop_recursive(depth, size, items, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), width.clone()).prop_map(Value::Array),
            proptest::collection::btree_map(key.clone(), inner, width.clone())
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
