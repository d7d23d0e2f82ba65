//! Open enums: string enums the spec marks `x-open-enum: true`, whose values Meta extends. A
//! closed enum would fail a whole response on a value added after the spec was written, so
//! each becomes a Rust enum of the known values plus `Unknown(String)`, generated here from the
//! spec (its values, and `x-enum-descriptions` for each value's doc) and put in place of what
//! typify would generate.

use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, Type};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// One open enum of the spec.
pub struct OpenEnum {
    pub name: String,
    description: String,
    /// (wire value, doc) in the spec's order.
    values: Vec<(String, String)>,
}

/// The open enums among the spec's component schemas, sorted by name.
pub fn find(spec: &OpenAPI) -> Vec<OpenEnum> {
    let mut found = Vec::new();
    let Some(components) = &spec.components else {
        return found;
    };
    for (name, schema) in &components.schemas {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        let open = schema.schema_data.extensions.get("x-open-enum");
        if open != Some(&serde_json::Value::Bool(true)) {
            continue;
        }
        let SchemaKind::Type(Type::String(string)) = &schema.schema_kind else {
            continue;
        };
        let docs = schema.schema_data.extensions.get("x-enum-descriptions");
        let values = string
            .enumeration
            .iter()
            .flatten()
            .map(|value| {
                let doc = docs
                    .and_then(|d| d.get(value))
                    .and_then(|d| d.as_str())
                    .map_or_else(|| format!("`{value}`."), |d| format!("`{value}`: {d}"));
                (value.clone(), doc)
            })
            .collect();
        found.push(OpenEnum {
            name: name.clone(),
            description: schema
                .schema_data
                .description
                .clone()
                .unwrap_or_default()
                .trim()
                .to_string(),
            values,
        });
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// `held_for_quality_assessment` or `PENDING_DELETION` as a variant name.
fn variant(value: &str) -> Ident {
    let mut name = String::new();
    for word in value.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    Ident::new(&name, Span::call_site())
}

/// The Rust code of one open enum.
pub fn generate(open: &OpenEnum) -> TokenStream {
    let name = Ident::new(&open.name, Span::call_site());
    let doc = format!(
        "{}\n\nOpen: a value Meta added after this spec was written is kept as `Unknown`.",
        open.description
    );
    let variants: Vec<Ident> = open.values.iter().map(|(v, _)| variant(v)).collect();
    let wire: Vec<&str> = open.values.iter().map(|(v, _)| v.as_str()).collect();
    let docs: Vec<&str> = open.values.iter().map(|(_, d)| d.as_str()).collect();
    let schema_name = open.name.as_str();
    let schema_description = format!("{}, or a value Meta added later", wire.join(", "));
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #docs] #variants, )*
            /// A value this version does not know, exactly as Meta sent it.
            Unknown(::std::string::String),
        }
        impl #name {
            /// The values the spec knows, in its order.
            pub const KNOWN: &'static [&'static str] = &[ #( #wire ),* ];
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wire, )*
                    Self::Unknown(value) => value,
                }
            }
        }
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(match value {
                    #( #wire => Self::#variants, )*
                    other => Self::Unknown(other.to_string()),
                })
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                let Ok(parsed) = value.parse();
                Ok(parsed)
            }
        }
        impl schemars::JsonSchema for #name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                #schema_name.into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "description": #schema_description,
                    "examples": [ #( #wire ),* ]
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_read_like_rust() {
        assert_eq!(
            variant("held_for_quality_assessment").to_string(),
            "HeldForQualityAssessment"
        );
        assert_eq!(variant("PENDING_DELETION").to_string(), "PendingDeletion");
        assert_eq!(variant("APPROVED").to_string(), "Approved");
    }
}
