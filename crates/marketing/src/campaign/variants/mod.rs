//! Variants and a holdout: a campaign may send one of several messages (`[[variants]]`, each
//! with a weight) and keep a share of its list unsent as a control group (`holdout`).
//!
//! Which arm a recipient falls in is a keyed hash of the campaign's name and the recipient's
//! address in the form duplicates are matched by, so it needs no state to agree: a resumed run,
//! a second PostgreSQL worker and a report all compute the same arm for the same recipient. The
//! journal still records each row's arm, so a report reads what was done rather than what the
//! current file would do.

pub mod report;
pub mod stats;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::CampaignError;
use super::definition::CampaignDefinition;
use super::placeholders::MessagePattern;

/// The name of the one implicit variant of a campaign without `[[variants]]`.
pub const IMPLICIT_VARIANT: &str = "message";

/// One of a campaign's messages (`[[variants]]`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VariantDefinition {
    /// The variant's name in reports: letters, digits, `_` and `-`, unique in the campaign.
    pub name: String,
    /// Its share of the recipients who are not held out, relative to the other variants'
    /// weights (1 and 1 split evenly; 3 and 1 send three in four the first). 0 or more, and not
    /// all 0.
    pub weight: f64,
    /// The request body without the recipient, with `{{column}}` placeholders, in the shape of
    /// the campaign's `[message]`: another template, or the same one with other parameters.
    #[schemars(with = "serde_json::Map<String, Value>")]
    pub message: Value,
}

/// Where a recipient falls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arm {
    /// Sent the variant at this index of the campaign's `variants` (0 when it has none).
    Variant(usize),
    /// In the control group: recorded `held out`, never sent.
    HeldOut,
}

/// The cut of `[0, 1)` into a campaign's arms, built once per run.
///
/// ```
/// use marketing::campaign::{Arm, Assignment, CampaignDefinition};
///
/// let campaign = CampaignDefinition::from_toml(
///     r#"name = "spring"
/// holdout = 0.1
/// [[variants]]
/// name = "a"
/// weight = 1
/// message = { template = { name = "spring_sale", language = { code = "en_US" } } }
/// [[variants]]
/// name = "b"
/// weight = 1
/// message = { template = { name = "spring_sale_b", language = { code = "en_US" } } }
/// "#,
///     "spring.toml",
/// )?;
/// let assignment = Assignment::of(&campaign);
/// let arm = assignment.arm("447700900001");
/// // The same recipient always falls in the same arm.
/// assert_eq!(arm, assignment.arm("447700900001"));
/// assert_eq!(Assignment::of(&campaign).arm("447700900001"), arm);
/// assert!(matches!(arm, Arm::Variant(0 | 1) | Arm::HeldOut));
/// # Ok::<(), marketing::campaign::CampaignError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Assignment {
    /// The campaign's name, the hash's key.
    key: Vec<u8>,
    holdout: f64,
    /// The upper end of each variant's share of `[0, 1)`, cumulative; the last is 1.
    cuts: Vec<f64>,
    names: Vec<String>,
}

impl Assignment {
    /// The cut for `definition` (checked, so its weights are valid).
    pub fn of(definition: &CampaignDefinition) -> Self {
        let (weights, names): (Vec<f64>, Vec<String>) = if definition.variants.is_empty() {
            (vec![1.0], vec![IMPLICIT_VARIANT.to_string()])
        } else {
            definition
                .variants
                .iter()
                .map(|v| (v.weight, v.name.clone()))
                .unzip()
        };
        let total: f64 = weights.iter().sum();
        let mut sum = 0.0;
        let mut cuts: Vec<f64> = weights
            .iter()
            .map(|w| {
                sum += w;
                sum / total
            })
            .collect();
        if let Some(last) = cuts.last_mut() {
            *last = 1.0;
        }
        Self {
            key: definition.name.as_bytes().to_vec(),
            holdout: definition.holdout,
            cuts,
            names,
        }
    }

    /// Whether the campaign has anything to record: several variants or a holdout. A
    /// campaign with neither sends its one message to everyone, as before variants existed.
    pub fn is_trivial(&self) -> bool {
        self.cuts.len() == 1 && self.holdout == 0.0
    }

    /// The arm of the recipient whose canonical address is `key`.
    pub fn arm(&self, key: &str) -> Arm {
        // One variant and no holdout: every point falls in it, so no hash is needed (the
        // digest cost a few thousand instructions per row of every plain campaign).
        if self.is_trivial() {
            return Arm::Variant(0);
        }
        let u = self.point(key);
        if u < self.holdout {
            return Arm::HeldOut;
        }
        // The rest of [0, 1) spread over the variants.
        let v = (u - self.holdout) / (1.0 - self.holdout);
        let index = self.cuts.iter().position(|cut| v < *cut);
        Arm::Variant(index.unwrap_or(self.cuts.len() - 1))
    }

    /// The name of variant `index`.
    pub fn name(&self, index: usize) -> &str {
        self.names
            .get(index)
            .map_or(IMPLICIT_VARIANT, String::as_str)
    }

    /// The variants' names, in the file's order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The recipient's point in `[0, 1)`: SHA-256 over the key's length, the key and the
    /// address, its first 53 bits as a fraction.
    fn point(&self, address: &str) -> f64 {
        let mut hash = Sha256::new();
        hash.update((self.key.len() as u64).to_be_bytes());
        hash.update(&self.key);
        hash.update(address.as_bytes());
        let digest = hash.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        (u64::from_be_bytes(first) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The messages a run sends, one pattern per variant in the file's order (the campaign's
/// `[message]` alone when it has no variants).
pub(crate) fn patterns(definition: &CampaignDefinition) -> Vec<MessagePattern> {
    if definition.variants.is_empty() {
        vec![MessagePattern::compile(definition.message.clone())]
    } else {
        definition
            .variants
            .iter()
            .map(|v| MessagePattern::compile(v.message.clone()))
            .collect()
    }
}

/// The messages to check before a run, each with the field it came from.
pub(crate) fn messages(definition: &CampaignDefinition) -> Vec<(String, &Value)> {
    if definition.variants.is_empty() {
        vec![("message".to_string(), &definition.message)]
    } else {
        definition
            .variants
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("variants[{i}].message"), &v.message))
            .collect()
    }
}

/// A variant's message that does not fit its approved template (or cannot be checked).
#[derive(Debug, thiserror::Error)]
#[error("{field}: {error}")]
pub struct VariantCheckError {
    /// The field of the campaign file the message is in (`message`, `variants[1].message`).
    pub field: String,
    /// What was wrong.
    #[source]
    pub error: crate::TemplateCheckError,
}

/// Checks every one of the campaign's messages against its approved template before anything
/// is sent: `[message]` when there are no variants, else each variant's, in order. Returns the
/// first message's template (the one a run records); stops at the first that does not fit.
///
/// ```no_run
/// # async fn example(client: &marketing::MarketingClient, campaign: &marketing::campaign::CampaignDefinition) {
/// match marketing::campaign::check_every_variant(client, campaign).await {
///     Ok(template) => println!("sending with {}", template.name),
///     Err(e) => eprintln!("{}: {}", e.field, e.error),
/// }
/// # }
/// ```
pub async fn check_every_variant(
    client: &crate::MarketingClient,
    definition: &CampaignDefinition,
) -> Result<crate::templates::Template, VariantCheckError> {
    let mut first = None;
    for (field, message) in messages(definition) {
        let template = super::approval::check_message(client, definition, message)
            .await
            .map_err(|error| VariantCheckError { field, error })?;
        first.get_or_insert(template);
    }
    first.ok_or_else(|| VariantCheckError {
        field: "message".into(),
        error: crate::TemplateCheckError::NotCheckable("the campaign has no message".into()),
    })
}

/// Checks `variants` and `holdout`, and completes each variant's message as `[message]` is
/// completed. A campaign file with variants may leave `[message]` out: it then stands for the
/// first variant's (what a single-message view of the campaign shows).
pub(crate) fn check(
    definition: &mut CampaignDefinition,
    source: &str,
) -> Result<(), CampaignError> {
    let bad =
        |field: &str, what: String| CampaignError::Input(format!("{source}: {field}: {what}"));
    let holdout = definition.holdout;
    if !(holdout.is_finite() && (0.0..1.0).contains(&holdout)) {
        return Err(bad(
            "holdout",
            format!(
                "{holdout}, expected a share of the list from 0 up to (not including) 1, such as 0.05"
            ),
        ));
    }
    if definition.variants.is_empty() {
        if definition.message.is_null() {
            return Err(bad(
                "message",
                "missing, expected a table with the request body (or [[variants]])".into(),
            ));
        }
        return Ok(());
    }
    for (i, variant) in definition.variants.iter().enumerate() {
        let field = |name: &str| format!("variants[{i}].{name}");
        let name = &variant.name;
        if name.is_empty()
            || name.len() > 64
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(bad(
                &field("name"),
                format!("{name:?}, expected 1 to 64 letters, digits, `_` or `-`"),
            ));
        }
        if definition.variants[..i].iter().any(|v| &v.name == name) {
            return Err(bad(&field("name"), format!("{name:?} is used twice")));
        }
        if !(variant.weight.is_finite() && variant.weight >= 0.0) {
            return Err(bad(
                &field("weight"),
                format!("{}, expected a number, 0 or more", variant.weight),
            ));
        }
        if !variant.message.is_object() {
            return Err(bad(
                &field("message"),
                "expected a table with the request body".into(),
            ));
        }
    }
    if definition.variants.iter().all(|v| v.weight == 0.0) {
        return Err(bad(
            "variants",
            "every weight is 0, expected at least one above 0".into(),
        ));
    }
    let first = definition.variants[0].message.clone();
    if definition.message.is_null() {
        definition.message = first;
    } else if definition.message != first {
        return Err(bad(
            "message",
            "with [[variants]] each variant has its message; leave [message] out".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const VARIANTS: &str = r#"name = "spring"
holdout = 0.05
[[variants]]
name = "a"
weight = 3
[variants.message.template]
name = "spring_sale"
language = { code = "en_US" }
[[variants]]
name = "b"
weight = 1
[variants.message.template]
name = "spring_sale_b"
language = { code = "en_US" }
"#;

    fn campaign(text: &str) -> Result<CampaignDefinition, String> {
        CampaignDefinition::from_toml(text, "c.toml").map_err(|e| e.to_string())
    }

    #[test]
    fn shares_follow_the_weights_and_the_holdout() {
        let definition = campaign(VARIANTS).unwrap();
        let assignment = Assignment::of(&definition);
        let mut counts = [0u32; 3];
        let n = 100_000;
        for i in 0..n {
            match assignment.arm(&format!("4477009{i:05}")) {
                Arm::Variant(v) => counts[v] += 1,
                Arm::HeldOut => counts[2] += 1,
            }
        }
        let share = |c: u32| c as f64 / n as f64;
        assert!((share(counts[2]) - 0.05).abs() < 0.005, "{counts:?}");
        assert!((share(counts[0]) - 0.95 * 0.75).abs() < 0.005, "{counts:?}");
        assert!((share(counts[1]) - 0.95 * 0.25).abs() < 0.005, "{counts:?}");
    }

    #[test]
    fn a_plain_campaign_puts_every_recipient_where_the_hash_would() {
        let plain = Assignment::of(
            &campaign(
                "name = \"p\"\n[message.template]\nname = \"s\"\nlanguage = { code = \"en_US\" }\n",
            )
            .unwrap(),
        );
        assert!(plain.is_trivial());
        for i in 0..1000 {
            let key = format!("4477009{i:05}");
            // What the hash gives without the shortcut: one cut at 1, no holdout.
            let u = plain.point(&key);
            assert!((0.0..1.0).contains(&u));
            assert_eq!(plain.arm(&key), Arm::Variant(0));
        }
    }

    #[test]
    fn the_arm_depends_on_the_campaign_name() {
        let a = Assignment::of(&campaign(VARIANTS).unwrap());
        let b = Assignment::of(&campaign(&VARIANTS.replace("spring\"", "autumn\"")).unwrap());
        let differ = (0..1000)
            .filter(|i| a.arm(&format!("4477{i}")) != b.arm(&format!("4477{i}")))
            .count();
        assert!(differ > 100, "{differ}");
    }

    #[test]
    fn the_message_stands_for_the_first_variant_and_survives_a_round_trip() {
        let definition = campaign(VARIANTS).unwrap();
        assert_eq!(definition.message, definition.variants[0].message);
        assert_eq!(definition.message["messaging_product"], "whatsapp");
        // The journal keeps the definition as JSON and reads it back.
        let json = serde_json::to_string(&definition).unwrap();
        let again = CampaignDefinition::from_json(&json, "journal").unwrap();
        assert_eq!(again, definition);
        // A file without variants is unchanged and has one trivial arm.
        let plain = campaign(
            "name = \"p\"\n[message.template]\nname = \"s\"\nlanguage = { code = \"en_US\" }\n",
        )
        .unwrap();
        assert!(Assignment::of(&plain).is_trivial());
        assert!(!serde_json::to_string(&plain).unwrap().contains("variants"));
    }

    #[test]
    fn bad_input_names_the_field() {
        for (from, to, field) in [
            ("holdout = 0.05", "holdout = 1", "holdout: 1"),
            ("holdout = 0.05", "holdout = -0.1", "holdout: -0.1"),
            ("weight = 3", "weight = -1", "variants[0].weight: -1"),
            ("weight = 3", "weight = 0", "__keep__"),
            (
                "name = \"b\"",
                "name = \"a\"",
                "variants[1].name: \"a\" is used twice",
            ),
            ("name = \"b\"", "name = \"b c\"", "variants[1].name"),
            (
                "name = \"spring_sale_b\"",
                "name = \"spring_sale_b\"\nbogus = 1",
                "variants[1].message",
            ),
        ] {
            let text = VARIANTS.replacen(from, to, 1);
            if field == "__keep__" {
                // One weight of 0 is fine; all of them is not.
                campaign(&text).unwrap();
                let all = text.replacen("weight = 1", "weight = 0", 1);
                let e = campaign(&all).unwrap_err();
                assert!(e.contains("c.toml: variants: every weight is 0"), "{e}");
                continue;
            }
            let e = campaign(&text).unwrap_err();
            assert!(e.contains(&format!("c.toml: {field}")), "{to}: {e}");
        }
        let both = format!(
            "{VARIANTS}[message.template]\nname = \"other\"\nlanguage = {{ code = \"en_US\" }}\n"
        );
        let e = campaign(&both).unwrap_err();
        assert!(e.contains("c.toml: message: with [[variants]]"), "{e}");
        let e = campaign("name = \"p\"\n").unwrap_err();
        assert!(e.contains("c.toml: message: missing"), "{e}");
    }

    proptest::proptest! {
        #[test]
        fn any_holdout_and_weights_either_load_or_name_a_field(
            holdout in proptest::num::f64::ANY,
            w1 in proptest::num::f64::ANY,
            w2 in proptest::num::f64::ANY,
            key in ".*",
        ) {
            // TOML cannot write NaN and infinities as Rust prints them; JSON gives them as null.
            let text = serde_json::json!({
                "name": "p", "holdout": holdout,
                "variants": [
                    {"name": "a", "weight": w1, "message": {"template": {"name": "s", "language": {"code": "en_US"}}}},
                    {"name": "b", "weight": w2, "message": {"template": {"name": "t", "language": {"code": "en_US"}}}}
                ]
            }).to_string();
            match CampaignDefinition::from_json(&text, "c.json") {
                Ok(d) => {
                    let arm = Assignment::of(&d).arm(&key);
                    proptest::prop_assert!(matches!(arm, Arm::Variant(0 | 1) | Arm::HeldOut));
                }
                Err(e) => proptest::prop_assert!(e.to_string().starts_with("c.json"), "{e}"),
            }
        }
    }
}
