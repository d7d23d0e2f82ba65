// @generated from openapi.yaml by `cargo xtask codegen`. Do not edit by hand: edit openapi.yaml and rerun `cargo xtask codegen`.
#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///The action of a flow, catalog or multi-product (mpm) button.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct ActionParameter {
        pub action: ButtonAction,
        ///`action`, in any letter case.
        #[serde(rename = "type")]
        pub type_: ActionParameterType,
    }
    impl ActionParameter {
        pub fn builder() -> builder::ActionParameter {
            Default::default()
        }
    }
    ///`action`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum ActionParameterType {
        #[serde(rename = "action")]
        Action,
    }
    impl ::std::fmt::Display for ActionParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Action => f.write_str("action"),
            }
        }
    }
    impl ::std::str::FromStr for ActionParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "action" => Ok(Self::Action),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ActionParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ActionParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /**Beta. Scales the template's maximum price for this send: 1.5 bids 50 % more.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct BidSpec {
        pub per_message_bid_multiplier: f64,
    }
    impl BidSpec {
        pub fn builder() -> builder::BidSpec {
            Default::default()
        }
    }
    ///Values for the body's variables, in order (positional) or by name.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct BodyComponent {
        pub parameters: ::std::vec::Vec<BodyParameter>,
        ///`body`, in any letter case.
        #[serde(rename = "type")]
        pub type_: BodyComponentType,
    }
    impl BodyComponent {
        pub fn builder() -> builder::BodyComponent {
            Default::default()
        }
    }
    ///`body`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum BodyComponentType {
        #[serde(rename = "body")]
        Body,
    }
    impl ::std::fmt::Display for BodyComponentType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Body => f.write_str("body"),
            }
        }
    }
    impl ::std::str::FromStr for BodyComponentType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "body" => Ok(Self::Body),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for BodyComponentType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for BodyComponentType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A body value.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum BodyParameter {
        TextParameter(TextParameter),
        CurrencyParameter(CurrencyParameter),
        DateTimeParameter(DateTimeParameter),
    }
    impl ::std::convert::From<TextParameter> for BodyParameter {
        fn from(value: TextParameter) -> Self {
            Self::TextParameter(value)
        }
    }
    impl ::std::convert::From<CurrencyParameter> for BodyParameter {
        fn from(value: CurrencyParameter) -> Self {
            Self::CurrencyParameter(value)
        }
    }
    impl ::std::convert::From<DateTimeParameter> for BodyParameter {
        fn from(value: DateTimeParameter) -> Self {
            Self::DateTimeParameter(value)
        }
    }
    ///A WhatsApp Business Account, with the fields that were asked for.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct BusinessAccount {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub currency: ::std::option::Option<::std::string::String>,
        pub id: ::std::string::String,
        ///Whether template analytics are on (see `update_business_account`).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub is_enabled_for_insights: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub marketing_messages_onboarding_status: ::std::option::Option<
            crate::OnboardingStatus,
        >,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub timezone_id: ::std::option::Option<::std::string::String>,
    }
    impl BusinessAccount {
        pub fn builder() -> builder::BusinessAccount {
            Default::default()
        }
    }
    /**Flow buttons use `flow_token` and `flow_action_data`; catalog buttons an optional
`thumbnail_product_retailer_id`; mpm buttons a thumbnail and up to 10 `sections`
holding at most 30 products in all.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct ButtonAction {
        ///Initial data for the flow's first screen (any properties the flow defines).
        #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")]
        pub flow_action_data: ::serde_json::Map<
            ::std::string::String,
            ::serde_json::Value,
        >,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub flow_token: ::std::option::Option<::std::string::String>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub sections: ::std::vec::Vec<ProductSection>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub thumbnail_product_retailer_id: ::std::option::Option<::std::string::String>,
    }
    impl ButtonAction {
        pub fn builder() -> builder::ButtonAction {
            Default::default()
        }
    }
    /**The variable of one button. `index` is the button's position in the template
(0 to 9); if the template also has a copy-code button and an offer, the URL
button usually sits at index 1.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct ButtonComponent {
        pub index: ButtonIndex,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub parameters: ::std::vec::Vec<ButtonParameter>,
        pub sub_type: ButtonSubType,
        ///`button`, in any letter case.
        #[serde(rename = "type")]
        pub type_: ButtonComponentType,
    }
    impl ButtonComponent {
        pub fn builder() -> builder::ButtonComponent {
            Default::default()
        }
    }
    ///`button`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum ButtonComponentType {
        #[serde(rename = "button")]
        Button,
    }
    impl ::std::fmt::Display for ButtonComponentType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Button => f.write_str("button"),
            }
        }
    }
    impl ::std::str::FromStr for ButtonComponentType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "button" => Ok(Self::Button),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ButtonComponentType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ButtonComponentType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The button's position, 0 to 9. Meta accepts it as a number or as a string.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum ButtonIndex {
        Integer(i64),
        String(::std::string::String),
    }
    impl ::std::fmt::Display for ButtonIndex {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match self {
                Self::Integer(x) => x.fmt(f),
                Self::String(x) => x.fmt(f),
            }
        }
    }
    impl ::std::convert::From<i64> for ButtonIndex {
        fn from(value: i64) -> Self {
            Self::Integer(value)
        }
    }
    ///A button value; which one depends on the button's `sub_type`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum ButtonParameter {
        PayloadParameter(PayloadParameter),
        TextParameter(TextParameter),
        CouponCodeParameter(CouponCodeParameter),
        ActionParameter(ActionParameter),
    }
    impl ::std::convert::From<PayloadParameter> for ButtonParameter {
        fn from(value: PayloadParameter) -> Self {
            Self::PayloadParameter(value)
        }
    }
    impl ::std::convert::From<TextParameter> for ButtonParameter {
        fn from(value: TextParameter) -> Self {
            Self::TextParameter(value)
        }
    }
    impl ::std::convert::From<CouponCodeParameter> for ButtonParameter {
        fn from(value: CouponCodeParameter) -> Self {
            Self::CouponCodeParameter(value)
        }
    }
    impl ::std::convert::From<ActionParameter> for ButtonParameter {
        fn from(value: ActionParameter) -> Self {
            Self::ActionParameter(value)
        }
    }
    /**The kind of button, in any letter case: `quick_reply` takes a `payload`, `url` a
`text` suffix, `copy_code` a `coupon_code`, `flow`, `catalog` and `mpm` an `action`.
`voice_call` has been seen without parameters.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum ButtonSubType {
        #[serde(rename = "quick_reply")]
        QuickReply,
        #[serde(rename = "url")]
        Url,
        #[serde(rename = "copy_code")]
        CopyCode,
        #[serde(rename = "flow")]
        Flow,
        #[serde(rename = "catalog")]
        Catalog,
        #[serde(rename = "mpm")]
        Mpm,
        #[serde(rename = "voice_call")]
        VoiceCall,
    }
    impl ::std::fmt::Display for ButtonSubType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::QuickReply => f.write_str("quick_reply"),
                Self::Url => f.write_str("url"),
                Self::CopyCode => f.write_str("copy_code"),
                Self::Flow => f.write_str("flow"),
                Self::Catalog => f.write_str("catalog"),
                Self::Mpm => f.write_str("mpm"),
                Self::VoiceCall => f.write_str("voice_call"),
            }
        }
    }
    impl ::std::str::FromStr for ButtonSubType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "quick_reply" => Ok(Self::QuickReply),
                "url" => Ok(Self::Url),
                "copy_code" => Ok(Self::CopyCode),
                "flow" => Ok(Self::Flow),
                "catalog" => Ok(Self::Catalog),
                "mpm" => Ok(Self::Mpm),
                "voice_call" => Ok(Self::VoiceCall),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ButtonSubType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ButtonSubType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///One card of a carousel, with its own header, body and buttons.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct CarouselCard {
        pub card_index: i64,
        pub components: ::std::vec::Vec<CarouselCardComponent>,
    }
    impl CarouselCard {
        pub fn builder() -> builder::CarouselCard {
            Default::default()
        }
    }
    ///A component inside a carousel card.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum CarouselCardComponent {
        BodyComponent(BodyComponent),
        HeaderComponent(HeaderComponent),
        ButtonComponent(ButtonComponent),
    }
    impl ::std::convert::From<BodyComponent> for CarouselCardComponent {
        fn from(value: BodyComponent) -> Self {
            Self::BodyComponent(value)
        }
    }
    impl ::std::convert::From<HeaderComponent> for CarouselCardComponent {
        fn from(value: HeaderComponent) -> Self {
            Self::HeaderComponent(value)
        }
    }
    impl ::std::convert::From<ButtonComponent> for CarouselCardComponent {
        fn from(value: ButtonComponent) -> Self {
            Self::ButtonComponent(value)
        }
    }
    /**The cards of a carousel template: 2 to 10, all with the same header media type
and the same button layout.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct CarouselComponent {
        pub cards: ::std::vec::Vec<CarouselCard>,
        ///`carousel`, in any letter case.
        #[serde(rename = "type")]
        pub type_: CarouselComponentType,
    }
    impl CarouselComponent {
        pub fn builder() -> builder::CarouselComponent {
            Default::default()
        }
    }
    ///`carousel`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum CarouselComponentType {
        #[serde(rename = "carousel")]
        Carousel,
    }
    impl ::std::fmt::Display for CarouselComponentType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Carousel => f.write_str("carousel"),
            }
        }
    }
    impl ::std::str::FromStr for CarouselComponentType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "carousel" => Ok(Self::Carousel),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for CarouselComponentType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CarouselComponentType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The code a copy-code button copies (at most 15 characters).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct CouponCodeParameter {
        pub coupon_code: ::std::string::String,
        ///`coupon_code`, in any letter case.
        #[serde(rename = "type")]
        pub type_: CouponCodeParameterType,
    }
    impl CouponCodeParameter {
        pub fn builder() -> builder::CouponCodeParameter {
            Default::default()
        }
    }
    ///`coupon_code`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum CouponCodeParameterType {
        #[serde(rename = "coupon_code")]
        CouponCode,
    }
    impl ::std::fmt::Display for CouponCodeParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::CouponCode => f.write_str("coupon_code"),
            }
        }
    }
    impl ::std::str::FromStr for CouponCodeParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "coupon_code" => Ok(Self::CouponCode),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for CouponCodeParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CouponCodeParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`CreateMessageTemplateVersion`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct CreateMessageTemplateVersion(::std::string::String);
    impl ::std::ops::Deref for CreateMessageTemplateVersion {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CreateMessageTemplateVersion> for ::std::string::String {
        fn from(value: CreateMessageTemplateVersion) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CreateMessageTemplateVersion {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^v[0-9]+\\.[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^v[0-9]+\\.[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CreateMessageTemplateVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for CreateMessageTemplateVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CreateMessageTemplateVersion {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`CreateMessageTemplateWabaId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct CreateMessageTemplateWabaId(::std::string::String);
    impl ::std::ops::Deref for CreateMessageTemplateWabaId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CreateMessageTemplateWabaId> for ::std::string::String {
        fn from(value: CreateMessageTemplateWabaId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CreateMessageTemplateWabaId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CreateMessageTemplateWabaId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CreateMessageTemplateWabaId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CreateMessageTemplateWabaId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`CreativeFeature`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct CreativeFeature {
        ///`OPT_IN` or `OPT_OUT`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enroll_status: ::std::option::Option<::std::string::String>,
    }
    impl CreativeFeature {
        pub fn builder() -> builder::CreativeFeature {
            Default::default()
        }
    }
    ///One feature in Graph's read form.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct CreativeFeatureEntry {
        ///The feature's name in upper case, such as `IMAGE_TOUCHUPS`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub key: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub value: ::std::option::Option<CreativeFeature>,
    }
    impl CreativeFeatureEntry {
        pub fn builder() -> builder::CreativeFeatureEntry {
            Default::default()
        }
    }
    /**One entry per feature, as Meta's Marketing Messages guide names them:
`image_brightness_and_contrast`, `image_touchups`, `add_text_overlay`,
`image_animation`, `image_background_gen`, `auto_promotion_tag`,
`text_extraction_for_headline`, `text_extraction_for_tap_target`,
`product_extensions`, `text_formatting_optimization`. Meta adds features: any name is
kept.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct CreativeFeaturesSpec(
        pub ::std::collections::HashMap<::std::string::String, CreativeFeature>,
    );
    impl ::std::ops::Deref for CreativeFeaturesSpec {
        type Target = ::std::collections::HashMap<
            ::std::string::String,
            CreativeFeature,
        >;
        fn deref(
            &self,
        ) -> &::std::collections::HashMap<::std::string::String, CreativeFeature> {
            &self.0
        }
    }
    impl ::std::convert::From<CreativeFeaturesSpec>
    for ::std::collections::HashMap<::std::string::String, CreativeFeature> {
        fn from(value: CreativeFeaturesSpec) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<
        ::std::collections::HashMap<::std::string::String, CreativeFeature>,
    > for CreativeFeaturesSpec {
        fn from(
            value: ::std::collections::HashMap<::std::string::String, CreativeFeature>,
        ) -> Self {
            Self(value)
        }
    }
    ///An amount of money, formatted by WhatsApp for the user's locale.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct CurrencyParameter {
        pub currency: CurrencyValue,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub parameter_name: ::std::option::Option<ParameterName>,
        ///`currency`, in any letter case.
        #[serde(rename = "type")]
        pub type_: CurrencyParameterType,
    }
    impl CurrencyParameter {
        pub fn builder() -> builder::CurrencyParameter {
            Default::default()
        }
    }
    ///`currency`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum CurrencyParameterType {
        #[serde(rename = "currency")]
        Currency,
    }
    impl ::std::fmt::Display for CurrencyParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Currency => f.write_str("currency"),
            }
        }
    }
    impl ::std::str::FromStr for CurrencyParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "currency" => Ok(Self::Currency),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for CurrencyParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CurrencyParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`CurrencyValue`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct CurrencyValue {
        /**The amount multiplied by 1000 (12.50 is 12500). A price is never negative; the
bounds also keep the value inside int64, which the schema's format alone does not
enforce.
*/
        pub amount_1000: i64,
        ///ISO 4217 currency code.
        pub code: ::std::string::String,
        ///What to show where the amount cannot be localised.
        pub fallback_value: ::std::string::String,
    }
    impl CurrencyValue {
        pub fn builder() -> builder::CurrencyValue {
            Default::default()
        }
    }
    ///A date and time; recent API versions always show `fallback_value`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct DateTimeParameter {
        pub date_time: DateTimeValue,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub parameter_name: ::std::option::Option<ParameterName>,
        ///`date_time`, in any letter case.
        #[serde(rename = "type")]
        pub type_: DateTimeParameterType,
    }
    impl DateTimeParameter {
        pub fn builder() -> builder::DateTimeParameter {
            Default::default()
        }
    }
    ///`date_time`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum DateTimeParameterType {
        #[serde(rename = "date_time")]
        DateTime,
    }
    impl ::std::fmt::Display for DateTimeParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::DateTime => f.write_str("date_time"),
            }
        }
    }
    impl ::std::str::FromStr for DateTimeParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "date_time" => Ok(Self::DateTime),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for DateTimeParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for DateTimeParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`DateTimeValue`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct DateTimeValue {
        pub fallback_value: ::std::string::String,
    }
    impl DateTimeValue {
        pub fn builder() -> builder::DateTimeValue {
            Default::default()
        }
    }
    /**Automatic creative optimizations Meta may apply to a marketing template's messages,
each feature opted in or out (Meta's automatic creative optimizations page; the feature
names as pywa's `CreativeFeaturesSpec` lists them).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct DegreesOfFreedomSpec {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub creative_features_spec: ::std::option::Option<CreativeFeaturesSpec>,
    }
    impl DegreesOfFreedomSpec {
        pub fn builder() -> builder::DegreesOfFreedomSpec {
            Default::default()
        }
    }
    ///`DeleteMessageTemplateVersion`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct DeleteMessageTemplateVersion(::std::string::String);
    impl ::std::ops::Deref for DeleteMessageTemplateVersion {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<DeleteMessageTemplateVersion> for ::std::string::String {
        fn from(value: DeleteMessageTemplateVersion) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for DeleteMessageTemplateVersion {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^v[0-9]+\\.[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^v[0-9]+\\.[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for DeleteMessageTemplateVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for DeleteMessageTemplateVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for DeleteMessageTemplateVersion {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`DeleteMessageTemplateWabaId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct DeleteMessageTemplateWabaId(::std::string::String);
    impl ::std::ops::Deref for DeleteMessageTemplateWabaId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<DeleteMessageTemplateWabaId> for ::std::string::String {
        fn from(value: DeleteMessageTemplateWabaId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for DeleteMessageTemplateWabaId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for DeleteMessageTemplateWabaId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for DeleteMessageTemplateWabaId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for DeleteMessageTemplateWabaId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///A PDF document by `id` or `link` (exactly one), with the file name shown to the user.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct DocumentObject {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub filename: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub link: ::std::option::Option<MediaLink>,
    }
    impl DocumentObject {
        pub fn builder() -> builder::DocumentObject {
            Default::default()
        }
    }
    ///`DocumentParameter`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct DocumentParameter {
        pub document: DocumentObject,
        ///`document`, in any letter case.
        #[serde(rename = "type")]
        pub type_: DocumentParameterType,
    }
    impl DocumentParameter {
        pub fn builder() -> builder::DocumentParameter {
            Default::default()
        }
    }
    ///`document`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum DocumentParameterType {
        #[serde(rename = "document")]
        Document,
    }
    impl ::std::fmt::Display for DocumentParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Document => f.write_str("document"),
            }
        }
    }
    impl ::std::str::FromStr for DocumentParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "document" => Ok(Self::Document),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for DocumentParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for DocumentParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`GetBusinessAccountObjectId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct GetBusinessAccountObjectId(::std::string::String);
    impl ::std::ops::Deref for GetBusinessAccountObjectId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<GetBusinessAccountObjectId> for ::std::string::String {
        fn from(value: GetBusinessAccountObjectId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for GetBusinessAccountObjectId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for GetBusinessAccountObjectId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for GetBusinessAccountObjectId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetBusinessAccountObjectId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`GetBusinessAccountVersion`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct GetBusinessAccountVersion(::std::string::String);
    impl ::std::ops::Deref for GetBusinessAccountVersion {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<GetBusinessAccountVersion> for ::std::string::String {
        fn from(value: GetBusinessAccountVersion) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for GetBusinessAccountVersion {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^v[0-9]+\\.[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^v[0-9]+\\.[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for GetBusinessAccountVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for GetBusinessAccountVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetBusinessAccountVersion {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`GetMessageHistoryMessageId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct GetMessageHistoryMessageId(::std::string::String);
    impl ::std::ops::Deref for GetMessageHistoryMessageId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<GetMessageHistoryMessageId> for ::std::string::String {
        fn from(value: GetMessageHistoryMessageId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for GetMessageHistoryMessageId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for GetMessageHistoryMessageId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for GetMessageHistoryMessageId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetMessageHistoryMessageId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`GetMessageHistoryPhoneNumberId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct GetMessageHistoryPhoneNumberId(::std::string::String);
    impl ::std::ops::Deref for GetMessageHistoryPhoneNumberId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<GetMessageHistoryPhoneNumberId> for ::std::string::String {
        fn from(value: GetMessageHistoryPhoneNumberId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for GetMessageHistoryPhoneNumberId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for GetMessageHistoryPhoneNumberId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for GetMessageHistoryPhoneNumberId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetMessageHistoryPhoneNumberId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`GetMessageHistoryVersion`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct GetMessageHistoryVersion(::std::string::String);
    impl ::std::ops::Deref for GetMessageHistoryVersion {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<GetMessageHistoryVersion> for ::std::string::String {
        fn from(value: GetMessageHistoryVersion) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for GetMessageHistoryVersion {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^v[0-9]+\\.[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^v[0-9]+\\.[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for GetMessageHistoryVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for GetMessageHistoryVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetMessageHistoryVersion {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`GetTemplateAnalyticsAfter`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct GetTemplateAnalyticsAfter(::std::string::String);
    impl ::std::ops::Deref for GetTemplateAnalyticsAfter {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<GetTemplateAnalyticsAfter> for ::std::string::String {
        fn from(value: GetTemplateAnalyticsAfter) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for GetTemplateAnalyticsAfter {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for GetTemplateAnalyticsAfter {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for GetTemplateAnalyticsAfter {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetTemplateAnalyticsAfter {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`GetTemplateAnalyticsGranularity`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum GetTemplateAnalyticsGranularity {
        #[serde(rename = "DAILY")]
        Daily,
    }
    impl ::std::fmt::Display for GetTemplateAnalyticsGranularity {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Daily => f.write_str("DAILY"),
            }
        }
    }
    impl ::std::str::FromStr for GetTemplateAnalyticsGranularity {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "DAILY" => Ok(Self::Daily),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for GetTemplateAnalyticsGranularity {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for GetTemplateAnalyticsGranularity {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`GetTemplateAnalyticsVersion`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct GetTemplateAnalyticsVersion(::std::string::String);
    impl ::std::ops::Deref for GetTemplateAnalyticsVersion {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<GetTemplateAnalyticsVersion> for ::std::string::String {
        fn from(value: GetTemplateAnalyticsVersion) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for GetTemplateAnalyticsVersion {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^v[0-9]+\\.[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^v[0-9]+\\.[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for GetTemplateAnalyticsVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for GetTemplateAnalyticsVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetTemplateAnalyticsVersion {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`GetTemplateAnalyticsWabaId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct GetTemplateAnalyticsWabaId(::std::string::String);
    impl ::std::ops::Deref for GetTemplateAnalyticsWabaId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<GetTemplateAnalyticsWabaId> for ::std::string::String {
        fn from(value: GetTemplateAnalyticsWabaId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for GetTemplateAnalyticsWabaId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for GetTemplateAnalyticsWabaId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for GetTemplateAnalyticsWabaId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for GetTemplateAnalyticsWabaId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///An animated GIF header (marketing templates only; thinly documented by Meta).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct GifParameter {
        pub gif: MediaObject,
        ///`gif`, in any letter case.
        #[serde(rename = "type")]
        pub type_: GifParameterType,
    }
    impl GifParameter {
        pub fn builder() -> builder::GifParameter {
            Default::default()
        }
    }
    ///`gif`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum GifParameterType {
        #[serde(rename = "gif")]
        Gif,
    }
    impl ::std::fmt::Display for GifParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Gif => f.write_str("gif"),
            }
        }
    }
    impl ::std::str::FromStr for GifParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "gif" => Ok(Self::Gif),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for GifParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for GifParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /**Only `message` and `code` are reliably present. Classify by `code`:
the HTTP status does not tell throttling from bad input.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct GraphError {
        pub code: i64,
        ///Details; an object (`messaging_product`, `details`) or sometimes a plain string.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub error_data: ::std::option::Option<::serde_json::Value>,
        ///Deprecated by Meta.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub error_subcode: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub error_user_msg: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub error_user_title: ::std::option::Option<::std::string::String>,
        ///Identifies the request to Meta support.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub fbtrace_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub is_transient: ::std::option::Option<bool>,
        pub message: ::std::string::String,
        ///The exception class, for example `OAuthException`.
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
    }
    impl GraphError {
        pub fn builder() -> builder::GraphError {
            Default::default()
        }
    }
    ///The Graph API's error envelope, used for every failure.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct GraphErrorResponse {
        pub error: GraphError,
    }
    impl GraphErrorResponse {
        pub fn builder() -> builder::GraphErrorResponse {
            Default::default()
        }
    }
    ///Graph's answer to an update that worked.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct GraphSuccess {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub success: ::std::option::Option<bool>,
    }
    impl GraphSuccess {
        pub fn builder() -> builder::GraphSuccess {
            Default::default()
        }
    }
    ///The header's one variable, matching the template's header format.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct HeaderComponent {
        pub parameters: [HeaderParameter; 1usize],
        ///`header`, in any letter case.
        #[serde(rename = "type")]
        pub type_: HeaderComponentType,
    }
    impl HeaderComponent {
        pub fn builder() -> builder::HeaderComponent {
            Default::default()
        }
    }
    ///`header`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum HeaderComponentType {
        #[serde(rename = "header")]
        Header,
    }
    impl ::std::fmt::Display for HeaderComponentType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Header => f.write_str("header"),
            }
        }
    }
    impl ::std::str::FromStr for HeaderComponentType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "header" => Ok(Self::Header),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for HeaderComponentType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for HeaderComponentType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A header value; its type must match the template's header format.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum HeaderParameter {
        TextParameter(TextParameter),
        ImageParameter(ImageParameter),
        VideoParameter(VideoParameter),
        DocumentParameter(DocumentParameter),
        GifParameter(GifParameter),
        LocationParameter(LocationParameter),
        ProductParameter(ProductParameter),
    }
    impl ::std::convert::From<TextParameter> for HeaderParameter {
        fn from(value: TextParameter) -> Self {
            Self::TextParameter(value)
        }
    }
    impl ::std::convert::From<ImageParameter> for HeaderParameter {
        fn from(value: ImageParameter) -> Self {
            Self::ImageParameter(value)
        }
    }
    impl ::std::convert::From<VideoParameter> for HeaderParameter {
        fn from(value: VideoParameter) -> Self {
            Self::VideoParameter(value)
        }
    }
    impl ::std::convert::From<DocumentParameter> for HeaderParameter {
        fn from(value: DocumentParameter) -> Self {
            Self::DocumentParameter(value)
        }
    }
    impl ::std::convert::From<GifParameter> for HeaderParameter {
        fn from(value: GifParameter) -> Self {
            Self::GifParameter(value)
        }
    }
    impl ::std::convert::From<LocationParameter> for HeaderParameter {
        fn from(value: LocationParameter) -> Self {
            Self::LocationParameter(value)
        }
    }
    impl ::std::convert::From<ProductParameter> for HeaderParameter {
        fn from(value: ProductParameter) -> Self {
            Self::ProductParameter(value)
        }
    }
    ///`ImageParameter`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct ImageParameter {
        pub image: MediaObject,
        ///`image`, in any letter case.
        #[serde(rename = "type")]
        pub type_: ImageParameterType,
    }
    impl ImageParameter {
        pub fn builder() -> builder::ImageParameter {
            Default::default()
        }
    }
    ///`image`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum ImageParameterType {
        #[serde(rename = "image")]
        Image,
    }
    impl ::std::fmt::Display for ImageParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Image => f.write_str("image"),
            }
        }
    }
    impl ::std::str::FromStr for ImageParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "image" => Ok(Self::Image),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ImageParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ImageParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /**A message a user sent to the business (`messages` field, `value.messages`). wamm reads
it for opt-outs: a text "STOP" (and its variants), a tap on a marketing template's
"Stop promotions" button (`type: button`), and the older
`system.type: user_preference_changed`. Source: Meta's Cloud API webhooks reference
(`messages` object: `text`, `button`, `interactive.button_reply`, `system`).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct InboundMessage {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub button: ::std::option::Option<InboundMessageButton>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub context: ::std::option::Option<InboundMessageContext>,
        ///The user's WhatsApp ID (digits).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub from: ::std::option::Option<::std::string::String>,
        ///The user's business-scoped user ID, when Meta gives one.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub from_user_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub interactive: ::std::option::Option<InboundMessageInteractive>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub system: ::std::option::Option<InboundMessageSystem>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub text: ::std::option::Option<InboundMessageText>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub timestamp: ::std::option::Option<::std::string::String>,
        ///`text`, `button`, `interactive`, `system`, `image`, ... Meta adds values.
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
    }
    impl InboundMessage {
        pub fn builder() -> builder::InboundMessage {
            Default::default()
        }
    }
    ///A tap on a template's quick-reply button.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct InboundMessageButton {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub payload: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub text: ::std::option::Option<::std::string::String>,
    }
    impl InboundMessageButton {
        pub fn builder() -> builder::InboundMessageButton {
            Default::default()
        }
    }
    ///The message this one answers.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct InboundMessageContext {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub from: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
    }
    impl InboundMessageContext {
        pub fn builder() -> builder::InboundMessageContext {
            Default::default()
        }
    }
    ///`InboundMessageInteractive`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct InboundMessageInteractive {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub button_reply: ::std::option::Option<InboundMessageInteractiveButtonReply>,
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
    }
    impl InboundMessageInteractive {
        pub fn builder() -> builder::InboundMessageInteractive {
            Default::default()
        }
    }
    ///`InboundMessageInteractiveButtonReply`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct InboundMessageInteractiveButtonReply {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub title: ::std::option::Option<::std::string::String>,
    }
    impl InboundMessageInteractiveButtonReply {
        pub fn builder() -> builder::InboundMessageInteractiveButtonReply {
            Default::default()
        }
    }
    ///`InboundMessageSystem`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct InboundMessageSystem {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub body: ::std::option::Option<::std::string::String>,
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
    }
    impl InboundMessageSystem {
        pub fn builder() -> builder::InboundMessageSystem {
            Default::default()
        }
    }
    ///`InboundMessageText`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct InboundMessageText {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub body: ::std::option::Option<::std::string::String>,
    }
    impl InboundMessageText {
        pub fn builder() -> builder::InboundMessageText {
            Default::default()
        }
    }
    ///The language (and locale) of the approved template to render.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct LanguageObject {
        ///A language code such as `en`, `en_US` or `pt_BR`.
        pub code: ::std::string::String,
        ///How the language is chosen; only `deterministic` exists.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub policy: ::std::option::Option<LanguageObjectPolicy>,
    }
    impl LanguageObject {
        pub fn builder() -> builder::LanguageObject {
            Default::default()
        }
    }
    ///How the language is chosen; only `deterministic` exists.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum LanguageObjectPolicy {
        #[serde(rename = "deterministic")]
        Deterministic,
    }
    impl ::std::fmt::Display for LanguageObjectPolicy {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Deterministic => f.write_str("deterministic"),
            }
        }
    }
    impl ::std::str::FromStr for LanguageObjectPolicy {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "deterministic" => Ok(Self::Deterministic),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for LanguageObjectPolicy {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for LanguageObjectPolicy {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///When the offer of a limited-time-offer template ends.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct LimitedTimeOfferComponent {
        pub parameters: [LimitedTimeOfferParameter; 1usize],
        ///`limited_time_offer`, in any letter case.
        #[serde(rename = "type")]
        pub type_: LimitedTimeOfferComponentType,
    }
    impl LimitedTimeOfferComponent {
        pub fn builder() -> builder::LimitedTimeOfferComponent {
            Default::default()
        }
    }
    ///`limited_time_offer`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum LimitedTimeOfferComponentType {
        #[serde(rename = "limited_time_offer")]
        LimitedTimeOffer,
    }
    impl ::std::fmt::Display for LimitedTimeOfferComponentType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::LimitedTimeOffer => f.write_str("limited_time_offer"),
            }
        }
    }
    impl ::std::str::FromStr for LimitedTimeOfferComponentType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "limited_time_offer" => Ok(Self::LimitedTimeOffer),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for LimitedTimeOfferComponentType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for LimitedTimeOfferComponentType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`LimitedTimeOfferParameter`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct LimitedTimeOfferParameter {
        pub limited_time_offer: LimitedTimeOfferValue,
        ///`limited_time_offer`, in any letter case.
        #[serde(rename = "type")]
        pub type_: LimitedTimeOfferParameterType,
    }
    impl LimitedTimeOfferParameter {
        pub fn builder() -> builder::LimitedTimeOfferParameter {
            Default::default()
        }
    }
    ///`limited_time_offer`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum LimitedTimeOfferParameterType {
        #[serde(rename = "limited_time_offer")]
        LimitedTimeOffer,
    }
    impl ::std::fmt::Display for LimitedTimeOfferParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::LimitedTimeOffer => f.write_str("limited_time_offer"),
            }
        }
    }
    impl ::std::str::FromStr for LimitedTimeOfferParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "limited_time_offer" => Ok(Self::LimitedTimeOffer),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for LimitedTimeOfferParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for LimitedTimeOfferParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`LimitedTimeOfferValue`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct LimitedTimeOfferValue {
        /**When the offer ends, as Unix time in milliseconds. Values below 100000000000
(March 1973) are refused: they are seconds sent by mistake, a bug seen in
real clients, and would end the offer in 1970.
*/
        pub expiration_time_ms: i64,
    }
    impl LimitedTimeOfferValue {
        pub fn builder() -> builder::LimitedTimeOfferValue {
            Default::default()
        }
    }
    ///`ListMessageTemplatesVersion`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct ListMessageTemplatesVersion(::std::string::String);
    impl ::std::ops::Deref for ListMessageTemplatesVersion {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<ListMessageTemplatesVersion> for ::std::string::String {
        fn from(value: ListMessageTemplatesVersion) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for ListMessageTemplatesVersion {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^v[0-9]+\\.[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^v[0-9]+\\.[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for ListMessageTemplatesVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ListMessageTemplatesVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for ListMessageTemplatesVersion {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`ListMessageTemplatesWabaId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct ListMessageTemplatesWabaId(::std::string::String);
    impl ::std::ops::Deref for ListMessageTemplatesWabaId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<ListMessageTemplatesWabaId> for ::std::string::String {
        fn from(value: ListMessageTemplatesWabaId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for ListMessageTemplatesWabaId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for ListMessageTemplatesWabaId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ListMessageTemplatesWabaId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for ListMessageTemplatesWabaId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`ListPhoneNumbersAfter`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct ListPhoneNumbersAfter(::std::string::String);
    impl ::std::ops::Deref for ListPhoneNumbersAfter {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<ListPhoneNumbersAfter> for ::std::string::String {
        fn from(value: ListPhoneNumbersAfter) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for ListPhoneNumbersAfter {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for ListPhoneNumbersAfter {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ListPhoneNumbersAfter {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for ListPhoneNumbersAfter {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`ListPhoneNumbersVersion`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct ListPhoneNumbersVersion(::std::string::String);
    impl ::std::ops::Deref for ListPhoneNumbersVersion {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<ListPhoneNumbersVersion> for ::std::string::String {
        fn from(value: ListPhoneNumbersVersion) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for ListPhoneNumbersVersion {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^v[0-9]+\\.[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^v[0-9]+\\.[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for ListPhoneNumbersVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ListPhoneNumbersVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for ListPhoneNumbersVersion {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`ListPhoneNumbersWabaId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct ListPhoneNumbersWabaId(::std::string::String);
    impl ::std::ops::Deref for ListPhoneNumbersWabaId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<ListPhoneNumbersWabaId> for ::std::string::String {
        fn from(value: ListPhoneNumbersWabaId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for ListPhoneNumbersWabaId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for ListPhoneNumbersWabaId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ListPhoneNumbersWabaId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for ListPhoneNumbersWabaId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`LocationParameter`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct LocationParameter {
        pub location: LocationValue,
        ///`location`, in any letter case.
        #[serde(rename = "type")]
        pub type_: LocationParameterType,
    }
    impl LocationParameter {
        pub fn builder() -> builder::LocationParameter {
            Default::default()
        }
    }
    ///`location`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum LocationParameterType {
        #[serde(rename = "location")]
        Location,
    }
    impl ::std::fmt::Display for LocationParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Location => f.write_str("location"),
            }
        }
    }
    impl ::std::str::FromStr for LocationParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "location" => Ok(Self::Location),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for LocationParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for LocationParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`LocationValue`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct LocationValue {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub address: ::std::option::Option<::std::string::String>,
        pub latitude: f64,
        pub longitude: f64,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
    }
    impl LocationValue {
        pub fn builder() -> builder::LocationValue {
            Default::default()
        }
    }
    /**One marketing template message to one user, addressed by `to` (a phone number) or
`recipient` (a business-scoped user ID). When both are given Meta uses `to`, as its
BSUID documentation says.

Unknown properties are refused, as in Meta's own description of this operation.
Fields Meta documents for this endpoint outside that description are included:
`recipient`, `bid_spec`, `biz_opaque_callback_data`, `parameter_name`, the
limited-time offer and carousel components, and the extra button sub-types.
Not included, on purpose: `context` (reply to a message) and
`recipient_identity_key_hash` (refuse the send if the user's identity key changed).
pywa sends both when asked, but Meta documents them for the Cloud API `/messages`
endpoint only: a marketing message is not a reply, and a field this endpoint may drop
would make a send look safer than it is. A field newer than this description can
still be sent through wamm's documented opt-out (`allow_unknown_fields`,
`--allow-unknown-fields`), which warns.
The evidence for `context`, weighed: Meta's own description of this operation (the
Marketing Messages Lite API reference, the source of this file) lists its body with
`additionalProperties: false` and no `context`; providers that say the endpoint
"uses the same payload syntax" as the Cloud API (360dialog's MM Lite guide) say it of
the template body, and their own field tables for `/marketing_messages` list no
`context` either. No source shows Meta accepting or honouring `context` here, so it
stays out until one does.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct MarketingMessageRequestPayload {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub bid_spec: ::std::option::Option<BidSpec>,
        /**Arbitrary data that Cloud API echoes back in status webhooks. Whether this
endpoint echoes it is not confirmed by Meta.
*/
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub biz_opaque_callback_data: ::std::option::Option<::std::string::String>,
        /**Whether activity on this message (such as reads) is shared with Meta to optimise
delivery. Omitted means the account's default.
*/
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_activity_sharing: ::std::option::Option<bool>,
        ///Always `whatsapp`.
        pub messaging_product: MarketingMessageRequestPayloadMessagingProduct,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub product_policy: ::std::option::Option<ProductPolicy>,
        /**The user's business-scoped user ID (BSUID), an alternative to `to`; up to 128
characters. Parent BSUIDs carry `ENT.` after the country code. A BSUID cannot be
combined with `bid_spec` (error 131062).
*/
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub recipient: ::std::option::Option<::std::string::String>,
        ///Always `individual`.
        pub recipient_type: MarketingMessageRequestPayloadRecipientType,
        pub template: TemplateObject,
        /**The user's phone number with its country code, or their WhatsApp ID. Required
unless `recipient` is given; wins over `recipient`. Meta's Cloud API message
reference supports plus signs, spaces, hyphens and parentheses in it
(`+1 (631) 555-2223`): the response's `contacts[].input` echoes the value as sent
and `wa_id` is its digits.
*/
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub to: ::std::option::Option<::std::string::String>,
        ///Always `template`; any other message type fails with code 100.
        #[serde(rename = "type")]
        pub type_: MarketingMessageRequestPayloadType,
    }
    impl MarketingMessageRequestPayload {
        pub fn builder() -> builder::MarketingMessageRequestPayload {
            Default::default()
        }
    }
    ///Always `whatsapp`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum MarketingMessageRequestPayloadMessagingProduct {
        #[serde(rename = "whatsapp")]
        Whatsapp,
    }
    impl ::std::fmt::Display for MarketingMessageRequestPayloadMessagingProduct {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Whatsapp => f.write_str("whatsapp"),
            }
        }
    }
    impl ::std::str::FromStr for MarketingMessageRequestPayloadMessagingProduct {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "whatsapp" => Ok(Self::Whatsapp),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str>
    for MarketingMessageRequestPayloadMessagingProduct {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for MarketingMessageRequestPayloadMessagingProduct {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///Always `individual`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum MarketingMessageRequestPayloadRecipientType {
        #[serde(rename = "individual")]
        Individual,
    }
    impl ::std::fmt::Display for MarketingMessageRequestPayloadRecipientType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Individual => f.write_str("individual"),
            }
        }
    }
    impl ::std::str::FromStr for MarketingMessageRequestPayloadRecipientType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "individual" => Ok(Self::Individual),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for MarketingMessageRequestPayloadRecipientType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for MarketingMessageRequestPayloadRecipientType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///Always `template`; any other message type fails with code 100.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum MarketingMessageRequestPayloadType {
        #[serde(rename = "template")]
        Template,
    }
    impl ::std::fmt::Display for MarketingMessageRequestPayloadType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Template => f.write_str("template"),
            }
        }
    }
    impl ::std::str::FromStr for MarketingMessageRequestPayloadType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "template" => Ok(Self::Template),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for MarketingMessageRequestPayloadType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for MarketingMessageRequestPayloadType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///What Meta created. None of it means delivered.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct MarketingMessageResponsePayload {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub contacts: ::std::vec::Vec<ResponseContact>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub messages: ::std::vec::Vec<ResponseMessage>,
        ///Always `whatsapp`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub messaging_product: ::std::option::Option<::std::string::String>,
    }
    impl MarketingMessageResponsePayload {
        pub fn builder() -> builder::MarketingMessageResponsePayload {
            Default::default()
        }
    }
    ///`MediaLink`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct MediaLink(pub ::std::string::String);
    impl ::std::ops::Deref for MediaLink {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<MediaLink> for ::std::string::String {
        fn from(value: MediaLink) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::std::string::String> for MediaLink {
        fn from(value: ::std::string::String) -> Self {
            Self(value)
        }
    }
    impl ::std::fmt::Display for MediaLink {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            self.0.fmt(f)
        }
    }
    impl ::std::str::FromStr for MediaLink {
        type Err = ::std::convert::Infallible;
        fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self(value.to_string()))
        }
    }
    ///A media file by the `id` of an upload or by a public `link` (http or https); exactly one of the two.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct MediaObject {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub link: ::std::option::Option<MediaLink>,
    }
    impl MediaObject {
        pub fn builder() -> builder::MediaObject {
            Default::default()
        }
    }
    ///One message's history.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct MessageHistory {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub events: ::std::option::Option<MessageHistoryEvents>,
        ///The history entry's own ID.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        ///The message's wamid.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_id: ::std::option::Option<::std::string::String>,
    }
    impl MessageHistory {
        pub fn builder() -> builder::MessageHistory {
            Default::default()
        }
    }
    ///One status the message reached, as its webhook would have said it.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct MessageHistoryEvent {
        ///`SENT`, `DELIVERED`, `READ`, `FAILED` (Graph answers in capitals; webhooks say the same in lower case).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub delivery_status: ::std::option::Option<::std::string::String>,
        ///For `FAILED`, Meta's explanation; the code, when Meta gives it, comes first as `(#131049)`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub error_description: ::std::option::Option<::std::string::String>,
        ///When the status happened, Unix seconds.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub timestamp: ::std::option::Option<i64>,
        ///Whether the status's webhook reached the receiver (`SENT`, `FAILED`, `PENDING`, ...).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub webhook_update_state: ::std::option::Option<::std::string::String>,
    }
    impl MessageHistoryEvent {
        pub fn builder() -> builder::MessageHistoryEvent {
            Default::default()
        }
    }
    ///`MessageHistoryEvents`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct MessageHistoryEvents {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub data: ::std::vec::Vec<MessageHistoryEvent>,
    }
    impl MessageHistoryEvents {
        pub fn builder() -> builder::MessageHistoryEvents {
            Default::default()
        }
    }
    ///The history of the messages asked for.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct MessageHistoryList {
        pub data: ::std::vec::Vec<MessageHistory>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub paging: ::std::option::Option<Paging>,
    }
    impl MessageHistoryList {
        pub fn builder() -> builder::MessageHistoryList {
            Default::default()
        }
    }
    /**One template in one language. Only `APPROVED` templates can be sent; this endpoint
sends only `MARKETING` ones.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct MessageTemplate {
        pub category: crate::TemplateCategory,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub components: ::std::vec::Vec<TemplateComponentDefinition>,
        ///The category Meta found right for the template, when it differs.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub correct_category: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub cta_url_link_tracking_opted_out: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub degrees_of_freedom_spec: ::std::option::Option<TemplateDegreesOfFreedom>,
        ///The template's ID (digits).
        pub id: ::std::string::String,
        ///The language code sent as `template.language.code`, such as `en_US`.
        pub language: ::std::string::String,
        ///The Template Library template this one was copied from, if any.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub library_template_name: ::std::option::Option<::std::string::String>,
        ///How long Meta keeps trying to deliver a message sent with it (marketing, 43,200 to 2,592,000 seconds; Meta's default 30 days).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_send_ttl_seconds: ::std::option::Option<i64>,
        ///The name sent as `template.name`.
        pub name: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub optimization_spec: ::std::option::Option<OptimizationSpec>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub parameter_format: ::std::option::Option<TemplateParameterFormat>,
        ///The category before Meta re-categorised the template, when it did.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub previous_category: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub quality_score: ::std::option::Option<MessageTemplateQualityScore>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub rejected_reason: ::std::option::Option<::std::string::String>,
        pub status: crate::TemplateStatus,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sub_category: ::std::option::Option<::std::string::String>,
    }
    impl MessageTemplate {
        pub fn builder() -> builder::MessageTemplate {
            Default::default()
        }
    }
    ///A new template, in one language, as submitted for review.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct MessageTemplateCreate {
        pub category: crate::TemplateCategory,
        pub components: ::std::vec::Vec<TemplateComponentDefinition>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub cta_url_link_tracking_opted_out: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub degrees_of_freedom_spec: ::std::option::Option<DegreesOfFreedomSpec>,
        ///The language code, such as `en_US`.
        pub language: ::std::string::String,
        ///Time-to-live in seconds: marketing 43,200 (12 hours) to 2,592,000 (30 days), utility 30 to 43,200, authentication 30 to 900 (Meta's "Configure message time-to-live" page). The range per category is checked by `wamm_client::authoring`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_send_ttl_seconds: ::std::option::Option<i64>,
        pub name: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub optimization_spec: ::std::option::Option<OptimizationSpec>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub parameter_format: ::std::option::Option<TemplateParameterFormat>,
    }
    impl MessageTemplateCreate {
        pub fn builder() -> builder::MessageTemplateCreate {
            Default::default()
        }
    }
    ///Graph's answer to a template submitted for review.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct MessageTemplateCreated {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub category: ::std::option::Option<crate::TemplateCategory>,
        pub id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<crate::TemplateStatus>,
    }
    impl MessageTemplateCreated {
        pub fn builder() -> builder::MessageTemplateCreated {
            Default::default()
        }
    }
    ///What an edit changes; a field left out is kept.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct MessageTemplateEdit {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub category: ::std::option::Option<crate::TemplateCategory>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub components: ::std::vec::Vec<TemplateComponentDefinition>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub cta_url_link_tracking_opted_out: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub degrees_of_freedom_spec: ::std::option::Option<DegreesOfFreedomSpec>,
        ///As on create; the range per category is checked by `wamm_client::authoring`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_send_ttl_seconds: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub optimization_spec: ::std::option::Option<OptimizationSpec>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub parameter_format: ::std::option::Option<TemplateParameterFormat>,
    }
    impl MessageTemplateEdit {
        pub fn builder() -> builder::MessageTemplateEdit {
            Default::default()
        }
    }
    ///One page of an account's message templates.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct MessageTemplateList {
        pub data: ::std::vec::Vec<MessageTemplate>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub paging: ::std::option::Option<Paging>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub summary: ::std::option::Option<MessageTemplateSummary>,
    }
    impl MessageTemplateList {
        pub fn builder() -> builder::MessageTemplateList {
            Default::default()
        }
    }
    ///`MessageTemplateQualityScore`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct MessageTemplateQualityScore {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub date: ::std::option::Option<i64>,
        ///GREEN, YELLOW, RED or UNKNOWN.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub score: ::std::option::Option<::std::string::String>,
    }
    impl MessageTemplateQualityScore {
        pub fn builder() -> builder::MessageTemplateQualityScore {
            Default::default()
        }
    }
    /**Counts about the account's templates, present when the request has `summary`, with
the fields it names (Graph's reference for the edge).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct MessageTemplateSummary {
        ///Whether the templates' translations are complete.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub are_translations_complete: ::std::option::Option<bool>,
        ///How many templates the account has.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_template_count: ::std::option::Option<i64>,
        ///How many templates the account may have.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_template_limit: ::std::option::Option<i64>,
        ///How many templates match the request's filters, over all pages.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub total_count: ::std::option::Option<i64>,
    }
    impl MessageTemplateSummary {
        pub fn builder() -> builder::MessageTemplateSummary {
            Default::default()
        }
    }
    /**A marketing template's maximum price: Meta bids at most `bid_amount` per 1,000
deliveries, in the smallest unit of the account's currency, with `bid_strategy`
`LOWEST_COST_WITH_BID_CAP`. Renamed from the template's `bid_spec` on 2026-06-18, open
beta from 2026-10-01 (Meta's Marketing Messages changelog and pricing page; 360dialog's
and dualhook's docs). Not confirmed: the lowest and highest bid Meta accepts per currency.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct OptimizationSpec {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub bid_amount: ::std::option::Option<::std::num::NonZeroU64>,
        ///`LOWEST_COST_WITH_BID_CAP` (open).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub bid_strategy: ::std::option::Option<::std::string::String>,
    }
    impl OptimizationSpec {
        pub fn builder() -> builder::OptimizationSpec {
            Default::default()
        }
    }
    ///Where the neighbouring pages are. `next` is absent on the last page.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct Paging {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub cursors: ::std::option::Option<PagingCursors>,
        ///The URL of the next page.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub next: ::std::option::Option<::std::string::String>,
        ///The URL of the previous page.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub previous: ::std::option::Option<::std::string::String>,
    }
    impl Paging {
        pub fn builder() -> builder::Paging {
            Default::default()
        }
    }
    ///`PagingCursors`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct PagingCursors {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub after: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub before: ::std::option::Option<::std::string::String>,
    }
    impl PagingCursors {
        pub fn builder() -> builder::PagingCursors {
            Default::default()
        }
    }
    ///The variable's name in a named template.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct ParameterName(pub ::std::string::String);
    impl ::std::ops::Deref for ParameterName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<ParameterName> for ::std::string::String {
        fn from(value: ParameterName) -> Self {
            value.0
        }
    }
    impl ::std::convert::From<::std::string::String> for ParameterName {
        fn from(value: ::std::string::String) -> Self {
            Self(value)
        }
    }
    impl ::std::fmt::Display for ParameterName {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            self.0.fmt(f)
        }
    }
    impl ::std::str::FromStr for ParameterName {
        type Err = ::std::convert::Infallible;
        fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
            Ok(Self(value.to_string()))
        }
    }
    ///What the business receives when the user taps a quick-reply button.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct PayloadParameter {
        pub payload: ::std::string::String,
        ///`payload`, in any letter case.
        #[serde(rename = "type")]
        pub type_: PayloadParameterType,
    }
    impl PayloadParameter {
        pub fn builder() -> builder::PayloadParameter {
            Default::default()
        }
    }
    ///`payload`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum PayloadParameterType {
        #[serde(rename = "payload")]
        Payload,
    }
    impl ::std::fmt::Display for PayloadParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Payload => f.write_str("payload"),
            }
        }
    }
    impl ::std::str::FromStr for PayloadParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "payload" => Ok(Self::Payload),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for PayloadParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for PayloadParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///A business phone number, with the fields that were asked for.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct PhoneNumber {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub code_verification_status: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub display_phone_number: ::std::option::Option<::std::string::String>,
        pub id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub messaging_limit_tier: ::std::option::Option<crate::MessagingLimitTier>,
        ///The display name's review state (`APPROVED`, `PENDING_REVIEW`, `DECLINED`, ...).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name_status: ::std::option::Option<::std::string::String>,
        ///`CLOUD_API`, `ON_PREMISE` or `NOT_APPLICABLE`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub platform_type: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub quality_rating: ::std::option::Option<crate::QualityRating>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub status: ::std::option::Option<crate::PhoneNumberStatus>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub throughput: ::std::option::Option<Throughput>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub verified_name: ::std::option::Option<::std::string::String>,
    }
    impl PhoneNumber {
        pub fn builder() -> builder::PhoneNumber {
            Default::default()
        }
    }
    ///One page of an account's phone numbers.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct PhoneNumberList {
        pub data: ::std::vec::Vec<PhoneNumber>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub paging: ::std::option::Option<Paging>,
    }
    impl PhoneNumberList {
        pub fn builder() -> builder::PhoneNumberList {
            Default::default()
        }
    }
    ///`ProductItem`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct ProductItem {
        pub product_retailer_id: ::std::string::String,
    }
    impl ProductItem {
        pub fn builder() -> builder::ProductItem {
            Default::default()
        }
    }
    ///A catalog product shown in the header.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct ProductParameter {
        pub product: ProductValue,
        ///`product`, in any letter case.
        #[serde(rename = "type")]
        pub type_: ProductParameterType,
    }
    impl ProductParameter {
        pub fn builder() -> builder::ProductParameter {
            Default::default()
        }
    }
    ///`product`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum ProductParameterType {
        #[serde(rename = "product")]
        Product,
    }
    impl ::std::fmt::Display for ProductParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Product => f.write_str("product"),
            }
        }
    }
    impl ::std::str::FromStr for ProductParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "product" => Ok(Self::Product),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ProductParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ProductParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /**What happens when the business cannot use Marketing Messages Lite.
`CLOUD_API_FALLBACK` sends the message through the normal Cloud API instead;
`STRICT` refuses it. Omitted behaves like `CLOUD_API_FALLBACK`.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum ProductPolicy {
        #[serde(rename = "CLOUD_API_FALLBACK")]
        CloudApiFallback,
        #[serde(rename = "STRICT")]
        Strict,
    }
    impl ::std::fmt::Display for ProductPolicy {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::CloudApiFallback => f.write_str("CLOUD_API_FALLBACK"),
                Self::Strict => f.write_str("STRICT"),
            }
        }
    }
    impl ::std::str::FromStr for ProductPolicy {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "CLOUD_API_FALLBACK" => Ok(Self::CloudApiFallback),
                "STRICT" => Ok(Self::Strict),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for ProductPolicy {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ProductPolicy {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///`ProductSection`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct ProductSection {
        pub product_items: ::std::vec::Vec<ProductItem>,
        pub title: ::std::string::String,
    }
    impl ProductSection {
        pub fn builder() -> builder::ProductSection {
            Default::default()
        }
    }
    ///`ProductValue`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct ProductValue {
        pub catalog_id: ::std::string::String,
        pub product_retailer_id: ::std::string::String,
    }
    impl ProductValue {
        pub fn builder() -> builder::ProductValue {
            Default::default()
        }
    }
    ///The user as sent (`input`) and as WhatsApp knows them.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct ResponseContact {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub input: ::std::option::Option<::std::string::String>,
        ///The user's BSUID (sends addressed with `recipient`).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub user_id: ::std::option::Option<::std::string::String>,
        ///The user's WhatsApp ID (phone sends).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub wa_id: ::std::option::Option<::std::string::String>,
    }
    impl ResponseContact {
        pub fn builder() -> builder::ResponseContact {
            Default::default()
        }
    }
    ///`ResponseMessage`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct ResponseMessage {
        ///The message ID (`wamid....`) that status webhooks refer to.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_status: ::std::option::Option<crate::MessageStatus>,
    }
    impl ResponseMessage {
        pub fn builder() -> builder::ResponseMessage {
            Default::default()
        }
    }
    ///`SendMarketingMessagePhoneNumberId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct SendMarketingMessagePhoneNumberId(::std::string::String);
    impl ::std::ops::Deref for SendMarketingMessagePhoneNumberId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<SendMarketingMessagePhoneNumberId>
    for ::std::string::String {
        fn from(value: SendMarketingMessagePhoneNumberId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for SendMarketingMessagePhoneNumberId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for SendMarketingMessagePhoneNumberId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String>
    for SendMarketingMessagePhoneNumberId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for SendMarketingMessagePhoneNumberId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`SendMarketingMessageVersion`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct SendMarketingMessageVersion(::std::string::String);
    impl ::std::ops::Deref for SendMarketingMessageVersion {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<SendMarketingMessageVersion> for ::std::string::String {
        fn from(value: SendMarketingMessageVersion) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for SendMarketingMessageVersion {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^v[0-9]+\\.[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^v[0-9]+\\.[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for SendMarketingMessageVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for SendMarketingMessageVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for SendMarketingMessageVersion {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /**A status of a message the business sent, by its `id` (the wamid the send returned).
`read` may arrive with no `delivered` before it, and a late `delivered` after `read`.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct StatusEvent {
        ///What the send put in `biz_opaque_callback_data`, echoed back.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub biz_opaque_callback_data: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub conversation: ::std::option::Option<StatusEventConversation>,
        /**Why, on `failed` (the same codes as the send's errors, such as 131049, 131050,
132015), each with `code`, `title`, `message`, `error_data.details` and `href`.
*/
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub errors: ::std::vec::Vec<WebhookError>,
        ///The wamid.
        pub id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub pricing: ::std::option::Option<WebhookPricing>,
        ///The user's WhatsApp ID; may be absent for recipients addressed by BSUID.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub recipient_id: ::std::option::Option<::std::string::String>,
        ///The user's parent BSUID.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub recipient_parent_user_id: ::std::option::Option<::std::string::String>,
        ///The user's BSUID.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub recipient_user_id: ::std::option::Option<::std::string::String>,
        pub status: crate::DeliveryStatus,
        ///When it happened, in Unix seconds, as a string of digits.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub timestamp: ::std::option::Option<::std::string::String>,
    }
    impl StatusEvent {
        pub fn builder() -> builder::StatusEvent {
            Default::default()
        }
    }
    /**The conversation the message was billed in. Meta's status reference: only on `sent`
and one of `delivered`/`read`, and omitted from v24.0 on unless the conversation is a
free entry point one (which a marketing message never opens).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct StatusEventConversation {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub expiration_timestamp: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub origin: ::std::option::Option<StatusEventConversationOrigin>,
    }
    impl StatusEventConversation {
        pub fn builder() -> builder::StatusEventConversation {
            Default::default()
        }
    }
    ///`StatusEventConversationOrigin`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct StatusEventConversationOrigin {
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
    }
    impl StatusEventConversationOrigin {
        pub fn builder() -> builder::StatusEventConversationOrigin {
            Default::default()
        }
    }
    ///Template analytics, a page at a time.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateAnalytics {
        pub data: ::std::vec::Vec<TemplateAnalyticsSet>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub paging: ::std::option::Option<Paging>,
    }
    impl TemplateAnalytics {
        pub fn builder() -> builder::TemplateAnalytics {
            Default::default()
        }
    }
    ///`TemplateAnalyticsClick`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateAnalyticsClick {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub button_content: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub count: ::std::option::Option<i64>,
        ///`url_button`, `quick_reply_button`, ...
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
    }
    impl TemplateAnalyticsClick {
        pub fn builder() -> builder::TemplateAnalyticsClick {
            Default::default()
        }
    }
    ///`TemplateAnalyticsCost`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateAnalyticsCost {
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub value: ::std::option::Option<f64>,
    }
    impl TemplateAnalyticsCost {
        pub fn builder() -> builder::TemplateAnalyticsCost {
            Default::default()
        }
    }
    /**One template's figures for one day (`start` to `end`, Unix seconds). A figure Meta did
not compute (not asked for, not available for the category or country) is absent. Any
other figure Meta adds (a conversion this description does not name) is kept by name
in the additional properties.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateAnalyticsPoint {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub app_activations: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub app_add_to_cart: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub app_checkouts_initiated: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub app_purchases: ::std::option::Option<i64>,
        ///Clicks, one entry per button.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub clicked: ::std::vec::Vec<TemplateAnalyticsClick>,
        ///Cost figures in the account's currency: `amount_spent`, `cost_per_delivered`, `cost_per_url_button_click`.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub cost: ::std::vec::Vec<TemplateAnalyticsCost>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub delivered: ::std::option::Option<i64>,
        pub end: i64,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub read: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sent: ::std::option::Option<i64>,
        pub start: i64,
        pub template_id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub website_add_to_cart: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub website_checkouts_initiated: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub website_purchases: ::std::option::Option<i64>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    impl TemplateAnalyticsPoint {
        pub fn builder() -> builder::TemplateAnalyticsPoint {
            Default::default()
        }
    }
    ///The data points of one request.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateAnalyticsSet {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub data_points: ::std::vec::Vec<TemplateAnalyticsPoint>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub granularity: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub product_type: ::std::option::Option<::std::string::String>,
    }
    impl TemplateAnalyticsSet {
        pub fn builder() -> builder::TemplateAnalyticsSet {
            Default::default()
        }
    }
    /**A button as defined: `QUICK_REPLY`, `URL` (dynamic when `url` ends in `{{1}}`),
`PHONE_NUMBER`, `COPY_CODE`, `FLOW`, `CATALOG`, `MPM`, `SPM`, `OTP`, `VOICE_CALL`
(open: Meta adds types). A button's index in a send is its position in this list.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateButtonDefinition {
        ///Sample values; a list of strings, or one string for `COPY_CODE`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub example: ::std::option::Option<::serde_json::Value>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub flow_action: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub flow_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub phone_number: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub text: ::std::option::Option<::std::string::String>,
        #[serde(rename = "type")]
        pub type_: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub url: ::std::option::Option<::std::string::String>,
    }
    impl TemplateButtonDefinition {
        pub fn builder() -> builder::TemplateButtonDefinition {
            Default::default()
        }
    }
    ///`TemplateCardDefinition`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateCardDefinition {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub components: ::std::vec::Vec<TemplateComponentDefinition>,
    }
    impl TemplateCardDefinition {
        pub fn builder() -> builder::TemplateCardDefinition {
            Default::default()
        }
    }
    ///Parameters for one component of the template, told apart by `type`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum TemplateComponent {
        BodyComponent(BodyComponent),
        HeaderComponent(HeaderComponent),
        ButtonComponent(ButtonComponent),
        LimitedTimeOfferComponent(LimitedTimeOfferComponent),
        CarouselComponent(CarouselComponent),
    }
    impl ::std::convert::From<BodyComponent> for TemplateComponent {
        fn from(value: BodyComponent) -> Self {
            Self::BodyComponent(value)
        }
    }
    impl ::std::convert::From<HeaderComponent> for TemplateComponent {
        fn from(value: HeaderComponent) -> Self {
            Self::HeaderComponent(value)
        }
    }
    impl ::std::convert::From<ButtonComponent> for TemplateComponent {
        fn from(value: ButtonComponent) -> Self {
            Self::ButtonComponent(value)
        }
    }
    impl ::std::convert::From<LimitedTimeOfferComponent> for TemplateComponent {
        fn from(value: LimitedTimeOfferComponent) -> Self {
            Self::LimitedTimeOfferComponent(value)
        }
    }
    impl ::std::convert::From<CarouselComponent> for TemplateComponent {
        fn from(value: CarouselComponent) -> Self {
            Self::CarouselComponent(value)
        }
    }
    /**One part of a template as defined: `HEADER`, `BODY`, `FOOTER`, `BUTTONS`,
`LIMITED_TIME_OFFER` or `CAROUSEL` (open: Meta adds types). Placeholders in `text` are
`{{1}}` (positional) or `{{name}}` (named).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateComponentDefinition {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub buttons: ::std::vec::Vec<TemplateButtonDefinition>,
        ///A carousel's cards, each with its own components.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub cards: ::std::vec::Vec<TemplateCardDefinition>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub example: ::std::option::Option<TemplateExample>,
        ///A header's format, TEXT, IMAGE, VIDEO, DOCUMENT, LOCATION or PRODUCT (open).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub format: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub limited_time_offer: ::std::option::Option<
            TemplateComponentDefinitionLimitedTimeOffer,
        >,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub text: ::std::option::Option<::std::string::String>,
        ///The component type, in upper case as Graph returns it.
        #[serde(rename = "type")]
        pub type_: ::std::string::String,
    }
    impl TemplateComponentDefinition {
        pub fn builder() -> builder::TemplateComponentDefinition {
            Default::default()
        }
    }
    ///`TemplateComponentDefinitionLimitedTimeOffer`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateComponentDefinitionLimitedTimeOffer {
        ///Whether a send must give the offer's `expiration_time_ms`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub has_expiration: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub text: ::std::option::Option<::std::string::String>,
    }
    impl TemplateComponentDefinitionLimitedTimeOffer {
        pub fn builder() -> builder::TemplateComponentDefinitionLimitedTimeOffer {
            Default::default()
        }
    }
    /**A template's creative features as Graph reads them back. Meta's Marketing Messages
guide shows `GET /<TEMPLATE_ID>?fields=degrees_of_freedom_spec` answering a list of
`{key, value}` with upper-case keys (`IMAGE_TOUCHUPS`), not the map a create or an edit
sends; both are read. `wamm_client::authoring::creative_features` gives either as one map.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateDegreesOfFreedom {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub creative_features_spec: ::std::option::Option<
            TemplateDegreesOfFreedomCreativeFeaturesSpec,
        >,
    }
    impl TemplateDegreesOfFreedom {
        pub fn builder() -> builder::TemplateDegreesOfFreedom {
            Default::default()
        }
    }
    ///`TemplateDegreesOfFreedomCreativeFeaturesSpec`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum TemplateDegreesOfFreedomCreativeFeaturesSpec {
        CreativeFeaturesSpec(CreativeFeaturesSpec),
        Array(::std::vec::Vec<CreativeFeatureEntry>),
    }
    impl ::std::convert::From<CreativeFeaturesSpec>
    for TemplateDegreesOfFreedomCreativeFeaturesSpec {
        fn from(value: CreativeFeaturesSpec) -> Self {
            Self::CreativeFeaturesSpec(value)
        }
    }
    impl ::std::convert::From<::std::vec::Vec<CreativeFeatureEntry>>
    for TemplateDegreesOfFreedomCreativeFeaturesSpec {
        fn from(value: ::std::vec::Vec<CreativeFeatureEntry>) -> Self {
            Self::Array(value)
        }
    }
    ///Sample values given when the template was submitted.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateExample {
        ///One list of sample values, in placeholder order.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub body_text: ::std::vec::Vec<::std::vec::Vec<::std::string::String>>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub body_text_named_params: ::std::vec::Vec<TemplateNamedExample>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub header_handle: ::std::vec::Vec<::std::string::String>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub header_text: ::std::vec::Vec<::std::string::String>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub header_text_named_params: ::std::vec::Vec<TemplateNamedExample>,
    }
    impl TemplateExample {
        pub fn builder() -> builder::TemplateExample {
            Default::default()
        }
    }
    ///`TemplateNamedExample`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct TemplateNamedExample {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub example: ::std::option::Option<::std::string::String>,
        pub param_name: ::std::string::String,
    }
    impl TemplateNamedExample {
        pub fn builder() -> builder::TemplateNamedExample {
            Default::default()
        }
    }
    ///The approved template to send and the values for its variables.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct TemplateObject {
        ///Values for the template's variables, one entry per component that has any.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub components: ::std::vec::Vec<TemplateComponent>,
        pub language: LanguageObject,
        /**The template's name, up to 512 characters. Meta creates templates only with
lowercase letters, digits and underscores, but a send does not check the name's
form: it looks the name up, and a name the account has no approved template under
(such as `TEMPLATE_NAME`, the example in Meta's own description) is answered with
132001, not 100.
*/
        pub name: ::std::string::String,
    }
    impl TemplateObject {
        pub fn builder() -> builder::TemplateObject {
            Default::default()
        }
    }
    /**`POSITIONAL` (`{{1}}`, `{{2}}`: parameters sent in order) or `NAMED` (`{{first_name}}`:
parameters sent with `parameter_name`). Absent means positional.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum TemplateParameterFormat {
        #[serde(rename = "POSITIONAL")]
        Positional,
        #[serde(rename = "NAMED")]
        Named,
    }
    impl ::std::fmt::Display for TemplateParameterFormat {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Positional => f.write_str("POSITIONAL"),
                Self::Named => f.write_str("NAMED"),
            }
        }
    }
    impl ::std::str::FromStr for TemplateParameterFormat {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "POSITIONAL" => Ok(Self::Positional),
                "NAMED" => Ok(Self::Named),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for TemplateParameterFormat {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for TemplateParameterFormat {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    /**Text for a header or body variable, or the suffix of a URL button. In a template with
named variables every body text carries `parameter_name`; positional templates carry
none. A header's text is at most 60 characters, a body's at most 1024; body text has
no newline, no tab and never more than four spaces in a row (Meta: 132018).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct TextParameter {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub parameter_name: ::std::option::Option<ParameterName>,
        pub text: ::std::string::String,
        ///`text`, in any letter case.
        #[serde(rename = "type")]
        pub type_: TextParameterType,
    }
    impl TextParameter {
        pub fn builder() -> builder::TextParameter {
            Default::default()
        }
    }
    ///`text`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum TextParameterType {
        #[serde(rename = "text")]
        Text,
    }
    impl ::std::fmt::Display for TextParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Text => f.write_str("text"),
            }
        }
    }
    impl ::std::str::FromStr for TextParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "text" => Ok(Self::Text),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for TextParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for TextParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///The number's throughput level (`STANDARD` is 80 messages a second, `HIGH` up to 1,000).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct Throughput {
        ///`STANDARD`, `HIGH` or `NOT_APPLICABLE`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub level: ::std::option::Option<::std::string::String>,
    }
    impl Throughput {
        pub fn builder() -> builder::Throughput {
            Default::default()
        }
    }
    ///`UpdateObjectObjectId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UpdateObjectObjectId(::std::string::String);
    impl ::std::ops::Deref for UpdateObjectObjectId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UpdateObjectObjectId> for ::std::string::String {
        fn from(value: UpdateObjectObjectId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UpdateObjectObjectId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UpdateObjectObjectId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UpdateObjectObjectId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UpdateObjectObjectId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`UpdateObjectVersion`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UpdateObjectVersion(::std::string::String);
    impl ::std::ops::Deref for UpdateObjectVersion {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UpdateObjectVersion> for ::std::string::String {
        fn from(value: UpdateObjectVersion) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UpdateObjectVersion {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^v[0-9]+\\.[0-9]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^v[0-9]+\\.[0-9]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UpdateObjectVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UpdateObjectVersion {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UpdateObjectVersion {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /**Something a user did with a marketing message: a click on one of its links, or a view
of the landing page. Arrives on `messages`, with no user identifier; for messages sent
in the last 7 days, where Meta offers it. Open-ended.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct UserActionEvent {
        ///`marketing_messages_link_click`, `landing_page_view`, ...
        pub action_type: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub marketing_messages_link_click_data: ::std::option::Option<
            UserActionEventMarketingMessagesLinkClickData,
        >,
        ///Unix seconds, as a string of digits.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub timestamp: ::std::option::Option<::std::string::String>,
    }
    impl UserActionEvent {
        pub fn builder() -> builder::UserActionEvent {
            Default::default()
        }
    }
    ///`UserActionEventMarketingMessagesLinkClickData`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct UserActionEventMarketingMessagesLinkClickData {
        ///`cta` or `body`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub click_component: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub click_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub product_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub tracking_token: ::std::option::Option<::std::string::String>,
    }
    impl UserActionEventMarketingMessagesLinkClickData {
        pub fn builder() -> builder::UserActionEventMarketingMessagesLinkClickData {
            Default::default()
        }
    }
    ///A user stopped (`stop`) or resumed (`resume`) marketing messages from the business.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct UserPreferenceEvent {
        ///`marketing_messages`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub category: ::std::option::Option<::std::string::String>,
        ///In words, such as "User requested to stop marketing messages".
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub detail: ::std::option::Option<::std::string::String>,
        ///Unix seconds.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub timestamp: ::std::option::Option<i64>,
        ///The user's BSUID, when Meta reports one.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub user_id: ::std::option::Option<::std::string::String>,
        pub value: crate::PreferenceValue,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub wa_id: ::std::option::Option<::std::string::String>,
    }
    impl UserPreferenceEvent {
        pub fn builder() -> builder::UserPreferenceEvent {
            Default::default()
        }
    }
    ///`VideoParameter`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct VideoParameter {
        ///`video`, in any letter case.
        #[serde(rename = "type")]
        pub type_: VideoParameterType,
        pub video: MediaObject,
    }
    impl VideoParameter {
        pub fn builder() -> builder::VideoParameter {
            Default::default()
        }
    }
    ///`video`, in any letter case.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Copy,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    pub enum VideoParameterType {
        #[serde(rename = "video")]
        Video,
    }
    impl ::std::fmt::Display for VideoParameterType {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            match *self {
                Self::Video => f.write_str("video"),
            }
        }
    }
    impl ::std::str::FromStr for VideoParameterType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            match value {
                "video" => Ok(Self::Video),
                _ => Err("invalid value".into()),
            }
        }
    }
    impl ::std::convert::TryFrom<&str> for VideoParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for VideoParameterType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    ///One change; `field` says which properties of `value` to expect.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookChange {
        pub field: crate::WebhookField,
        pub value: WebhookValue,
    }
    impl WebhookChange {
        pub fn builder() -> builder::WebhookChange {
            Default::default()
        }
    }
    /**The user a status or preference concerns. Meta's BSUID documentation (2026) gives every
user a business-scoped user ID (`user_id`, `CC.digits`); `wa_id` is absent for a user
known to the business only by it (one who hides their phone number behind a username).
pywa 4.x reads the user from `contacts[0]` and requires `user_id`.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookContact {
        ///The user's parent BSUID, when parent BSUIDs are enabled.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub parent_user_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub profile: ::std::option::Option<WebhookContactProfile>,
        ///The user's business-scoped user ID (BSUID), such as `US.13491208655302741918`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub user_id: ::std::option::Option<::std::string::String>,
        ///The user's WhatsApp ID (their phone number, digits only), when the business may see it.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub wa_id: ::std::option::Option<::std::string::String>,
    }
    impl WebhookContact {
        pub fn builder() -> builder::WebhookContact {
            Default::default()
        }
    }
    ///`WebhookContactProfile`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookContactProfile {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub username: ::std::option::Option<::std::string::String>,
    }
    impl WebhookContactProfile {
        pub fn builder() -> builder::WebhookContactProfile {
            Default::default()
        }
    }
    ///The changes for one WhatsApp Business Account.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookEntry {
        pub changes: ::std::vec::Vec<WebhookChange>,
        ///The WhatsApp Business Account's ID.
        pub id: ::std::string::String,
        ///When Meta sent it (Unix seconds); present on some kinds of change.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub time: ::std::option::Option<i64>,
    }
    impl WebhookEntry {
        pub fn builder() -> builder::WebhookEntry {
            Default::default()
        }
    }
    ///A failure as Meta reports it in a webhook; clients such as pywa require `code` and `message`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookError {
        pub code: i64,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub error_data: ::std::option::Option<WebhookErrorErrorData>,
        ///The URL of Meta's error-code page.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub href: ::std::option::Option<::std::string::String>,
        ///In words; Meta's reference says it is the same as `title`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message: ::std::option::Option<::std::string::String>,
        ///A short title, such as "Message failed to send because ...".
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub title: ::std::option::Option<::std::string::String>,
    }
    impl WebhookError {
        pub fn builder() -> builder::WebhookError {
            Default::default()
        }
    }
    ///`WebhookErrorErrorData`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookErrorErrorData {
        ///A longer explanation.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub details: ::std::option::Option<::std::string::String>,
    }
    impl WebhookErrorErrorData {
        pub fn builder() -> builder::WebhookErrorErrorData {
            Default::default()
        }
    }
    ///The business phone number the change concerns.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookMetadata {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub display_phone_number: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub phone_number_id: ::std::option::Option<::std::string::String>,
    }
    impl WebhookMetadata {
        pub fn builder() -> builder::WebhookMetadata {
            Default::default()
        }
    }
    /**One webhook POST. Meta's reference payloads for `messages` statuses and
`user_preferences` carry one entry with one change holding one item (and its
`contacts`), but Graph webhooks may batch several changes, for several accounts, in one
POST: read every entry, change and item. Meta retries a delivery that did not get a 2xx
for days: duplicates and any order are normal.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookPayload {
        pub entry: ::std::vec::Vec<WebhookEntry>,
        ///`whatsapp_business_account` for everything this API reports.
        pub object: ::std::string::String,
    }
    impl WebhookPayload {
        pub fn builder() -> builder::WebhookPayload {
            Default::default()
        }
    }
    ///`WebhookPricing`
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookPricing {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub billable: ::std::option::Option<bool>,
        ///`marketing_lite` for a message sent through this API; `marketing` when it went through Cloud API instead. Meta adds values.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub category: ::std::option::Option<::std::string::String>,
        ///`PMP` (per-message pricing); `CBP` on older, conversation-based pricing.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub pricing_model: ::std::option::Option<::std::string::String>,
        ///`regular`, `free_customer_service` or `free_entry_point`.
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
    }
    impl WebhookPricing {
        pub fn builder() -> builder::WebhookPricing {
            Default::default()
        }
    }
    /**What changed; `field` says which properties to read (a `calls` change also carries
`statuses`, of calls). On `messages`: `metadata`, `contacts` (the user, one per status)
and `statuses` (or `messages` a user sent); on `user_preferences`: `metadata`,
`contacts` and `user_preferences`; on
`message_template_status_update`: `event` and the `message_template_*` fields; clicks
on a marketing message's links (where Meta reports them): `user_actions`.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookValue {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub contacts: ::std::vec::Vec<WebhookContact>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub correct_category: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub disable_info: ::std::option::Option<WebhookValueDisableInfo>,
        ///Errors about the change itself rather than one message.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub errors: ::std::vec::Vec<WebhookError>,
        ///For `message_template_status_update`, the template's new status (`APPROVED`, `PAUSED`, `DISABLED`, `REJECTED`, ...); for `account_update`, what happened to the account (`MM_LITE_TERMS_SIGNED` when the Marketing Messages terms are signed, `ACCOUNT_UPDATE`, `VERIFIED_ACCOUNT`, `DISABLED_UPDATE`, ...; Meta adds values).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub event: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_template_category: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_template_id: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_template_language: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub message_template_name: ::std::option::Option<::std::string::String>,
        ///On `messages`, what users sent (wamm reads them for opt-outs).
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub messages: ::std::vec::Vec<InboundMessage>,
        ///Always `whatsapp`.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub messaging_product: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub metadata: ::std::option::Option<WebhookMetadata>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub new_category: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub new_quality_score: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub other_info: ::std::option::Option<WebhookValueOtherInfo>,
        ///On `template_category_update`, the category before.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub previous_category: ::std::option::Option<::std::string::String>,
        ///On `message_template_quality_update`, the score before (GREEN, YELLOW, RED, UNKNOWN).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub previous_quality_score: ::std::option::Option<::std::string::String>,
        ///Why, when Meta says (`NONE` or null when it does not); for a rejection, one of Meta's reasons such as `INVALID_FORMAT`, `TAG_CONTENT_MISMATCH`, `INCORRECT_CATEGORY`, `ABUSIVE_CONTENT`, `SCAM`, `PROMOTIONAL` (Meta's template status webhook reference).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub reason: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub rejection_info: ::std::option::Option<WebhookValueRejectionInfo>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub statuses: ::std::vec::Vec<StatusEvent>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub user_actions: ::std::vec::Vec<UserActionEvent>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub user_preferences: ::std::vec::Vec<UserPreferenceEvent>,
    }
    impl WebhookValue {
        pub fn builder() -> builder::WebhookValue {
            Default::default()
        }
    }
    ///On a template disabled, when (`disable_date`).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookValueDisableInfo {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub disable_date: ::std::option::Option<::std::string::String>,
    }
    impl WebhookValueDisableInfo {
        pub fn builder() -> builder::WebhookValueDisableInfo {
            Default::default()
        }
    }
    ///For pauses and unpauses, `title` (`FIRST_PAUSE`, `SECOND_PAUSE`, `UNPAUSE`, ...) and `description`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookValueOtherInfo {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub title: ::std::option::Option<::std::string::String>,
    }
    impl WebhookValueOtherInfo {
        pub fn builder() -> builder::WebhookValueOtherInfo {
            Default::default()
        }
    }
    ///On a rejection, Meta's reason and what to change (Meta's template status webhook reference).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        schemars::JsonSchema
    )]
    pub struct WebhookValueRejectionInfo {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub reason: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub recommendation: ::std::option::Option<::std::string::String>,
    }
    impl WebhookValueRejectionInfo {
        pub fn builder() -> builder::WebhookValueRejectionInfo {
            Default::default()
        }
    }
    /// Types for composing complex structures.
    pub mod builder {
        #[derive(Clone, Debug)]
        pub struct ActionParameter {
            action: ::std::result::Result<super::ButtonAction, ::std::string::String>,
            type_: ::std::result::Result<
                super::ActionParameterType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ActionParameter {
            fn default() -> Self {
                Self {
                    action: Err("no value supplied for action".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl ActionParameter {
            pub fn action<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::ButtonAction>,
                T::Error: ::std::fmt::Display,
            {
                self.action = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for action: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::ActionParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ActionParameter> for super::ActionParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ActionParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    action: value.action?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::ActionParameter> for ActionParameter {
            fn from(value: super::ActionParameter) -> Self {
                Self {
                    action: Ok(value.action),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct BidSpec {
            per_message_bid_multiplier: ::std::result::Result<
                f64,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for BidSpec {
            fn default() -> Self {
                Self {
                    per_message_bid_multiplier: Err(
                        "no value supplied for per_message_bid_multiplier".to_string(),
                    ),
                }
            }
        }
        impl BidSpec {
            pub fn per_message_bid_multiplier<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<f64>,
                T::Error: ::std::fmt::Display,
            {
                self.per_message_bid_multiplier = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for per_message_bid_multiplier: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<BidSpec> for super::BidSpec {
            type Error = super::error::ConversionError;
            fn try_from(
                value: BidSpec,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    per_message_bid_multiplier: value.per_message_bid_multiplier?,
                })
            }
        }
        impl ::std::convert::From<super::BidSpec> for BidSpec {
            fn from(value: super::BidSpec) -> Self {
                Self {
                    per_message_bid_multiplier: Ok(value.per_message_bid_multiplier),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct BodyComponent {
            parameters: ::std::result::Result<
                ::std::vec::Vec<super::BodyParameter>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::BodyComponentType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for BodyComponent {
            fn default() -> Self {
                Self {
                    parameters: Err("no value supplied for parameters".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl BodyComponent {
            pub fn parameters<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::BodyParameter>>,
                T::Error: ::std::fmt::Display,
            {
                self.parameters = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for parameters: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::BodyComponentType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<BodyComponent> for super::BodyComponent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: BodyComponent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    parameters: value.parameters?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::BodyComponent> for BodyComponent {
            fn from(value: super::BodyComponent) -> Self {
                Self {
                    parameters: Ok(value.parameters),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct BusinessAccount {
            currency: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            id: ::std::result::Result<::std::string::String, ::std::string::String>,
            is_enabled_for_insights: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            marketing_messages_onboarding_status: ::std::result::Result<
                ::std::option::Option<crate::OnboardingStatus>,
                ::std::string::String,
            >,
            name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            timezone_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for BusinessAccount {
            fn default() -> Self {
                Self {
                    currency: Ok(Default::default()),
                    id: Err("no value supplied for id".to_string()),
                    is_enabled_for_insights: Ok(Default::default()),
                    marketing_messages_onboarding_status: Ok(Default::default()),
                    name: Ok(Default::default()),
                    timezone_id: Ok(Default::default()),
                }
            }
        }
        impl BusinessAccount {
            pub fn currency<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.currency = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for currency: {e}")
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn is_enabled_for_insights<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.is_enabled_for_insights = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for is_enabled_for_insights: {e}"
                        )
                    });
                self
            }
            pub fn marketing_messages_onboarding_status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::OnboardingStatus>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.marketing_messages_onboarding_status = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for marketing_messages_onboarding_status: {e}"
                        )
                    });
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
            pub fn timezone_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.timezone_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for timezone_id: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<BusinessAccount> for super::BusinessAccount {
            type Error = super::error::ConversionError;
            fn try_from(
                value: BusinessAccount,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    currency: value.currency?,
                    id: value.id?,
                    is_enabled_for_insights: value.is_enabled_for_insights?,
                    marketing_messages_onboarding_status: value
                        .marketing_messages_onboarding_status?,
                    name: value.name?,
                    timezone_id: value.timezone_id?,
                })
            }
        }
        impl ::std::convert::From<super::BusinessAccount> for BusinessAccount {
            fn from(value: super::BusinessAccount) -> Self {
                Self {
                    currency: Ok(value.currency),
                    id: Ok(value.id),
                    is_enabled_for_insights: Ok(value.is_enabled_for_insights),
                    marketing_messages_onboarding_status: Ok(
                        value.marketing_messages_onboarding_status,
                    ),
                    name: Ok(value.name),
                    timezone_id: Ok(value.timezone_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ButtonAction {
            flow_action_data: ::std::result::Result<
                ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                ::std::string::String,
            >,
            flow_token: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            sections: ::std::result::Result<
                ::std::vec::Vec<super::ProductSection>,
                ::std::string::String,
            >,
            thumbnail_product_retailer_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ButtonAction {
            fn default() -> Self {
                Self {
                    flow_action_data: Ok(Default::default()),
                    flow_token: Ok(Default::default()),
                    sections: Ok(Default::default()),
                    thumbnail_product_retailer_id: Ok(Default::default()),
                }
            }
        }
        impl ButtonAction {
            pub fn flow_action_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.flow_action_data = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for flow_action_data: {e}"
                        )
                    });
                self
            }
            pub fn flow_token<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.flow_token = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for flow_token: {e}")
                    });
                self
            }
            pub fn sections<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::ProductSection>>,
                T::Error: ::std::fmt::Display,
            {
                self.sections = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for sections: {e}")
                    });
                self
            }
            pub fn thumbnail_product_retailer_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.thumbnail_product_retailer_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for thumbnail_product_retailer_id: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ButtonAction> for super::ButtonAction {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ButtonAction,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    flow_action_data: value.flow_action_data?,
                    flow_token: value.flow_token?,
                    sections: value.sections?,
                    thumbnail_product_retailer_id: value.thumbnail_product_retailer_id?,
                })
            }
        }
        impl ::std::convert::From<super::ButtonAction> for ButtonAction {
            fn from(value: super::ButtonAction) -> Self {
                Self {
                    flow_action_data: Ok(value.flow_action_data),
                    flow_token: Ok(value.flow_token),
                    sections: Ok(value.sections),
                    thumbnail_product_retailer_id: Ok(
                        value.thumbnail_product_retailer_id,
                    ),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ButtonComponent {
            index: ::std::result::Result<super::ButtonIndex, ::std::string::String>,
            parameters: ::std::result::Result<
                ::std::vec::Vec<super::ButtonParameter>,
                ::std::string::String,
            >,
            sub_type: ::std::result::Result<super::ButtonSubType, ::std::string::String>,
            type_: ::std::result::Result<
                super::ButtonComponentType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ButtonComponent {
            fn default() -> Self {
                Self {
                    index: Err("no value supplied for index".to_string()),
                    parameters: Ok(Default::default()),
                    sub_type: Err("no value supplied for sub_type".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl ButtonComponent {
            pub fn index<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::ButtonIndex>,
                T::Error: ::std::fmt::Display,
            {
                self.index = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for index: {e}")
                    });
                self
            }
            pub fn parameters<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::ButtonParameter>>,
                T::Error: ::std::fmt::Display,
            {
                self.parameters = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for parameters: {e}")
                    });
                self
            }
            pub fn sub_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::ButtonSubType>,
                T::Error: ::std::fmt::Display,
            {
                self.sub_type = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for sub_type: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::ButtonComponentType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ButtonComponent> for super::ButtonComponent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ButtonComponent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    index: value.index?,
                    parameters: value.parameters?,
                    sub_type: value.sub_type?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::ButtonComponent> for ButtonComponent {
            fn from(value: super::ButtonComponent) -> Self {
                Self {
                    index: Ok(value.index),
                    parameters: Ok(value.parameters),
                    sub_type: Ok(value.sub_type),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CarouselCard {
            card_index: ::std::result::Result<i64, ::std::string::String>,
            components: ::std::result::Result<
                ::std::vec::Vec<super::CarouselCardComponent>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CarouselCard {
            fn default() -> Self {
                Self {
                    card_index: Err("no value supplied for card_index".to_string()),
                    components: Err("no value supplied for components".to_string()),
                }
            }
        }
        impl CarouselCard {
            pub fn card_index<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.card_index = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for card_index: {e}")
                    });
                self
            }
            pub fn components<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<super::CarouselCardComponent>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.components = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for components: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CarouselCard> for super::CarouselCard {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CarouselCard,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    card_index: value.card_index?,
                    components: value.components?,
                })
            }
        }
        impl ::std::convert::From<super::CarouselCard> for CarouselCard {
            fn from(value: super::CarouselCard) -> Self {
                Self {
                    card_index: Ok(value.card_index),
                    components: Ok(value.components),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CarouselComponent {
            cards: ::std::result::Result<
                ::std::vec::Vec<super::CarouselCard>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::CarouselComponentType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CarouselComponent {
            fn default() -> Self {
                Self {
                    cards: Err("no value supplied for cards".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl CarouselComponent {
            pub fn cards<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::CarouselCard>>,
                T::Error: ::std::fmt::Display,
            {
                self.cards = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for cards: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::CarouselComponentType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CarouselComponent> for super::CarouselComponent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CarouselComponent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    cards: value.cards?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::CarouselComponent> for CarouselComponent {
            fn from(value: super::CarouselComponent) -> Self {
                Self {
                    cards: Ok(value.cards),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CouponCodeParameter {
            coupon_code: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::CouponCodeParameterType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CouponCodeParameter {
            fn default() -> Self {
                Self {
                    coupon_code: Err("no value supplied for coupon_code".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl CouponCodeParameter {
            pub fn coupon_code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.coupon_code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for coupon_code: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::CouponCodeParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CouponCodeParameter>
        for super::CouponCodeParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CouponCodeParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    coupon_code: value.coupon_code?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::CouponCodeParameter> for CouponCodeParameter {
            fn from(value: super::CouponCodeParameter) -> Self {
                Self {
                    coupon_code: Ok(value.coupon_code),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CreativeFeature {
            enroll_status: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CreativeFeature {
            fn default() -> Self {
                Self {
                    enroll_status: Ok(Default::default()),
                }
            }
        }
        impl CreativeFeature {
            pub fn enroll_status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.enroll_status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for enroll_status: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CreativeFeature> for super::CreativeFeature {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CreativeFeature,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    enroll_status: value.enroll_status?,
                })
            }
        }
        impl ::std::convert::From<super::CreativeFeature> for CreativeFeature {
            fn from(value: super::CreativeFeature) -> Self {
                Self {
                    enroll_status: Ok(value.enroll_status),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CreativeFeatureEntry {
            key: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            value: ::std::result::Result<
                ::std::option::Option<super::CreativeFeature>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CreativeFeatureEntry {
            fn default() -> Self {
                Self {
                    key: Ok(Default::default()),
                    value: Ok(Default::default()),
                }
            }
        }
        impl CreativeFeatureEntry {
            pub fn key<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.key = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for key: {e}")
                    });
                self
            }
            pub fn value<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::CreativeFeature>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.value = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for value: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CreativeFeatureEntry>
        for super::CreativeFeatureEntry {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CreativeFeatureEntry,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    key: value.key?,
                    value: value.value?,
                })
            }
        }
        impl ::std::convert::From<super::CreativeFeatureEntry> for CreativeFeatureEntry {
            fn from(value: super::CreativeFeatureEntry) -> Self {
                Self {
                    key: Ok(value.key),
                    value: Ok(value.value),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CurrencyParameter {
            currency: ::std::result::Result<super::CurrencyValue, ::std::string::String>,
            parameter_name: ::std::result::Result<
                ::std::option::Option<super::ParameterName>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::CurrencyParameterType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CurrencyParameter {
            fn default() -> Self {
                Self {
                    currency: Err("no value supplied for currency".to_string()),
                    parameter_name: Ok(Default::default()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl CurrencyParameter {
            pub fn currency<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::CurrencyValue>,
                T::Error: ::std::fmt::Display,
            {
                self.currency = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for currency: {e}")
                    });
                self
            }
            pub fn parameter_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::ParameterName>>,
                T::Error: ::std::fmt::Display,
            {
                self.parameter_name = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for parameter_name: {e}"
                        )
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::CurrencyParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CurrencyParameter> for super::CurrencyParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CurrencyParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    currency: value.currency?,
                    parameter_name: value.parameter_name?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::CurrencyParameter> for CurrencyParameter {
            fn from(value: super::CurrencyParameter) -> Self {
                Self {
                    currency: Ok(value.currency),
                    parameter_name: Ok(value.parameter_name),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct CurrencyValue {
            amount_1000: ::std::result::Result<i64, ::std::string::String>,
            code: ::std::result::Result<::std::string::String, ::std::string::String>,
            fallback_value: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for CurrencyValue {
            fn default() -> Self {
                Self {
                    amount_1000: Err("no value supplied for amount_1000".to_string()),
                    code: Err("no value supplied for code".to_string()),
                    fallback_value: Err(
                        "no value supplied for fallback_value".to_string(),
                    ),
                }
            }
        }
        impl CurrencyValue {
            pub fn amount_1000<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.amount_1000 = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for amount_1000: {e}")
                    });
                self
            }
            pub fn code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for code: {e}")
                    });
                self
            }
            pub fn fallback_value<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.fallback_value = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for fallback_value: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<CurrencyValue> for super::CurrencyValue {
            type Error = super::error::ConversionError;
            fn try_from(
                value: CurrencyValue,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    amount_1000: value.amount_1000?,
                    code: value.code?,
                    fallback_value: value.fallback_value?,
                })
            }
        }
        impl ::std::convert::From<super::CurrencyValue> for CurrencyValue {
            fn from(value: super::CurrencyValue) -> Self {
                Self {
                    amount_1000: Ok(value.amount_1000),
                    code: Ok(value.code),
                    fallback_value: Ok(value.fallback_value),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct DateTimeParameter {
            date_time: ::std::result::Result<
                super::DateTimeValue,
                ::std::string::String,
            >,
            parameter_name: ::std::result::Result<
                ::std::option::Option<super::ParameterName>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::DateTimeParameterType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for DateTimeParameter {
            fn default() -> Self {
                Self {
                    date_time: Err("no value supplied for date_time".to_string()),
                    parameter_name: Ok(Default::default()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl DateTimeParameter {
            pub fn date_time<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::DateTimeValue>,
                T::Error: ::std::fmt::Display,
            {
                self.date_time = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for date_time: {e}")
                    });
                self
            }
            pub fn parameter_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::ParameterName>>,
                T::Error: ::std::fmt::Display,
            {
                self.parameter_name = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for parameter_name: {e}"
                        )
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::DateTimeParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<DateTimeParameter> for super::DateTimeParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: DateTimeParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    date_time: value.date_time?,
                    parameter_name: value.parameter_name?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::DateTimeParameter> for DateTimeParameter {
            fn from(value: super::DateTimeParameter) -> Self {
                Self {
                    date_time: Ok(value.date_time),
                    parameter_name: Ok(value.parameter_name),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct DateTimeValue {
            fallback_value: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for DateTimeValue {
            fn default() -> Self {
                Self {
                    fallback_value: Err(
                        "no value supplied for fallback_value".to_string(),
                    ),
                }
            }
        }
        impl DateTimeValue {
            pub fn fallback_value<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.fallback_value = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for fallback_value: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<DateTimeValue> for super::DateTimeValue {
            type Error = super::error::ConversionError;
            fn try_from(
                value: DateTimeValue,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    fallback_value: value.fallback_value?,
                })
            }
        }
        impl ::std::convert::From<super::DateTimeValue> for DateTimeValue {
            fn from(value: super::DateTimeValue) -> Self {
                Self {
                    fallback_value: Ok(value.fallback_value),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct DegreesOfFreedomSpec {
            creative_features_spec: ::std::result::Result<
                ::std::option::Option<super::CreativeFeaturesSpec>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for DegreesOfFreedomSpec {
            fn default() -> Self {
                Self {
                    creative_features_spec: Ok(Default::default()),
                }
            }
        }
        impl DegreesOfFreedomSpec {
            pub fn creative_features_spec<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::CreativeFeaturesSpec>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.creative_features_spec = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for creative_features_spec: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<DegreesOfFreedomSpec>
        for super::DegreesOfFreedomSpec {
            type Error = super::error::ConversionError;
            fn try_from(
                value: DegreesOfFreedomSpec,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    creative_features_spec: value.creative_features_spec?,
                })
            }
        }
        impl ::std::convert::From<super::DegreesOfFreedomSpec> for DegreesOfFreedomSpec {
            fn from(value: super::DegreesOfFreedomSpec) -> Self {
                Self {
                    creative_features_spec: Ok(value.creative_features_spec),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct DocumentObject {
            filename: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            link: ::std::result::Result<
                ::std::option::Option<super::MediaLink>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for DocumentObject {
            fn default() -> Self {
                Self {
                    filename: Ok(Default::default()),
                    id: Ok(Default::default()),
                    link: Ok(Default::default()),
                }
            }
        }
        impl DocumentObject {
            pub fn filename<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.filename = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for filename: {e}")
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn link<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::MediaLink>>,
                T::Error: ::std::fmt::Display,
            {
                self.link = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for link: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<DocumentObject> for super::DocumentObject {
            type Error = super::error::ConversionError;
            fn try_from(
                value: DocumentObject,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    filename: value.filename?,
                    id: value.id?,
                    link: value.link?,
                })
            }
        }
        impl ::std::convert::From<super::DocumentObject> for DocumentObject {
            fn from(value: super::DocumentObject) -> Self {
                Self {
                    filename: Ok(value.filename),
                    id: Ok(value.id),
                    link: Ok(value.link),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct DocumentParameter {
            document: ::std::result::Result<
                super::DocumentObject,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::DocumentParameterType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for DocumentParameter {
            fn default() -> Self {
                Self {
                    document: Err("no value supplied for document".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl DocumentParameter {
            pub fn document<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::DocumentObject>,
                T::Error: ::std::fmt::Display,
            {
                self.document = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for document: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::DocumentParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<DocumentParameter> for super::DocumentParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: DocumentParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    document: value.document?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::DocumentParameter> for DocumentParameter {
            fn from(value: super::DocumentParameter) -> Self {
                Self {
                    document: Ok(value.document),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct GifParameter {
            gif: ::std::result::Result<super::MediaObject, ::std::string::String>,
            type_: ::std::result::Result<super::GifParameterType, ::std::string::String>,
        }
        impl ::std::default::Default for GifParameter {
            fn default() -> Self {
                Self {
                    gif: Err("no value supplied for gif".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl GifParameter {
            pub fn gif<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::MediaObject>,
                T::Error: ::std::fmt::Display,
            {
                self.gif = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for gif: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::GifParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<GifParameter> for super::GifParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: GifParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    gif: value.gif?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::GifParameter> for GifParameter {
            fn from(value: super::GifParameter) -> Self {
                Self {
                    gif: Ok(value.gif),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct GraphError {
            code: ::std::result::Result<i64, ::std::string::String>,
            error_data: ::std::result::Result<
                ::std::option::Option<::serde_json::Value>,
                ::std::string::String,
            >,
            error_subcode: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            error_user_msg: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            error_user_title: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            fbtrace_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            is_transient: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            message: ::std::result::Result<::std::string::String, ::std::string::String>,
            type_: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for GraphError {
            fn default() -> Self {
                Self {
                    code: Err("no value supplied for code".to_string()),
                    error_data: Ok(Default::default()),
                    error_subcode: Ok(Default::default()),
                    error_user_msg: Ok(Default::default()),
                    error_user_title: Ok(Default::default()),
                    fbtrace_id: Ok(Default::default()),
                    is_transient: Ok(Default::default()),
                    message: Err("no value supplied for message".to_string()),
                    type_: Ok(Default::default()),
                }
            }
        }
        impl GraphError {
            pub fn code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for code: {e}")
                    });
                self
            }
            pub fn error_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::serde_json::Value>>,
                T::Error: ::std::fmt::Display,
            {
                self.error_data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for error_data: {e}")
                    });
                self
            }
            pub fn error_subcode<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.error_subcode = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for error_subcode: {e}")
                    });
                self
            }
            pub fn error_user_msg<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.error_user_msg = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for error_user_msg: {e}"
                        )
                    });
                self
            }
            pub fn error_user_title<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.error_user_title = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for error_user_title: {e}"
                        )
                    });
                self
            }
            pub fn fbtrace_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.fbtrace_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for fbtrace_id: {e}")
                    });
                self
            }
            pub fn is_transient<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.is_transient = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for is_transient: {e}")
                    });
                self
            }
            pub fn message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.message = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for message: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<GraphError> for super::GraphError {
            type Error = super::error::ConversionError;
            fn try_from(
                value: GraphError,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    code: value.code?,
                    error_data: value.error_data?,
                    error_subcode: value.error_subcode?,
                    error_user_msg: value.error_user_msg?,
                    error_user_title: value.error_user_title?,
                    fbtrace_id: value.fbtrace_id?,
                    is_transient: value.is_transient?,
                    message: value.message?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::GraphError> for GraphError {
            fn from(value: super::GraphError) -> Self {
                Self {
                    code: Ok(value.code),
                    error_data: Ok(value.error_data),
                    error_subcode: Ok(value.error_subcode),
                    error_user_msg: Ok(value.error_user_msg),
                    error_user_title: Ok(value.error_user_title),
                    fbtrace_id: Ok(value.fbtrace_id),
                    is_transient: Ok(value.is_transient),
                    message: Ok(value.message),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct GraphErrorResponse {
            error: ::std::result::Result<super::GraphError, ::std::string::String>,
        }
        impl ::std::default::Default for GraphErrorResponse {
            fn default() -> Self {
                Self {
                    error: Err("no value supplied for error".to_string()),
                }
            }
        }
        impl GraphErrorResponse {
            pub fn error<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::GraphError>,
                T::Error: ::std::fmt::Display,
            {
                self.error = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for error: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<GraphErrorResponse> for super::GraphErrorResponse {
            type Error = super::error::ConversionError;
            fn try_from(
                value: GraphErrorResponse,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { error: value.error? })
            }
        }
        impl ::std::convert::From<super::GraphErrorResponse> for GraphErrorResponse {
            fn from(value: super::GraphErrorResponse) -> Self {
                Self { error: Ok(value.error) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct GraphSuccess {
            success: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for GraphSuccess {
            fn default() -> Self {
                Self {
                    success: Ok(Default::default()),
                }
            }
        }
        impl GraphSuccess {
            pub fn success<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.success = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for success: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<GraphSuccess> for super::GraphSuccess {
            type Error = super::error::ConversionError;
            fn try_from(
                value: GraphSuccess,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { success: value.success? })
            }
        }
        impl ::std::convert::From<super::GraphSuccess> for GraphSuccess {
            fn from(value: super::GraphSuccess) -> Self {
                Self { success: Ok(value.success) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct HeaderComponent {
            parameters: ::std::result::Result<
                [super::HeaderParameter; 1usize],
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::HeaderComponentType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for HeaderComponent {
            fn default() -> Self {
                Self {
                    parameters: Err("no value supplied for parameters".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl HeaderComponent {
            pub fn parameters<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<[super::HeaderParameter; 1usize]>,
                T::Error: ::std::fmt::Display,
            {
                self.parameters = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for parameters: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::HeaderComponentType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<HeaderComponent> for super::HeaderComponent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: HeaderComponent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    parameters: value.parameters?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::HeaderComponent> for HeaderComponent {
            fn from(value: super::HeaderComponent) -> Self {
                Self {
                    parameters: Ok(value.parameters),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ImageParameter {
            image: ::std::result::Result<super::MediaObject, ::std::string::String>,
            type_: ::std::result::Result<
                super::ImageParameterType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ImageParameter {
            fn default() -> Self {
                Self {
                    image: Err("no value supplied for image".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl ImageParameter {
            pub fn image<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::MediaObject>,
                T::Error: ::std::fmt::Display,
            {
                self.image = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for image: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::ImageParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ImageParameter> for super::ImageParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ImageParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    image: value.image?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::ImageParameter> for ImageParameter {
            fn from(value: super::ImageParameter) -> Self {
                Self {
                    image: Ok(value.image),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct InboundMessage {
            button: ::std::result::Result<
                ::std::option::Option<super::InboundMessageButton>,
                ::std::string::String,
            >,
            context: ::std::result::Result<
                ::std::option::Option<super::InboundMessageContext>,
                ::std::string::String,
            >,
            from: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            from_user_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            interactive: ::std::result::Result<
                ::std::option::Option<super::InboundMessageInteractive>,
                ::std::string::String,
            >,
            system: ::std::result::Result<
                ::std::option::Option<super::InboundMessageSystem>,
                ::std::string::String,
            >,
            text: ::std::result::Result<
                ::std::option::Option<super::InboundMessageText>,
                ::std::string::String,
            >,
            timestamp: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for InboundMessage {
            fn default() -> Self {
                Self {
                    button: Ok(Default::default()),
                    context: Ok(Default::default()),
                    from: Ok(Default::default()),
                    from_user_id: Ok(Default::default()),
                    id: Ok(Default::default()),
                    interactive: Ok(Default::default()),
                    system: Ok(Default::default()),
                    text: Ok(Default::default()),
                    timestamp: Ok(Default::default()),
                    type_: Ok(Default::default()),
                }
            }
        }
        impl InboundMessage {
            pub fn button<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::InboundMessageButton>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.button = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for button: {e}")
                    });
                self
            }
            pub fn context<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::InboundMessageContext>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.context = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for context: {e}")
                    });
                self
            }
            pub fn from<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.from = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for from: {e}")
                    });
                self
            }
            pub fn from_user_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.from_user_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for from_user_id: {e}")
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn interactive<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::InboundMessageInteractive>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.interactive = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for interactive: {e}")
                    });
                self
            }
            pub fn system<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::InboundMessageSystem>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.system = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for system: {e}")
                    });
                self
            }
            pub fn text<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::InboundMessageText>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.text = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for text: {e}")
                    });
                self
            }
            pub fn timestamp<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.timestamp = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for timestamp: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<InboundMessage> for super::InboundMessage {
            type Error = super::error::ConversionError;
            fn try_from(
                value: InboundMessage,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    button: value.button?,
                    context: value.context?,
                    from: value.from?,
                    from_user_id: value.from_user_id?,
                    id: value.id?,
                    interactive: value.interactive?,
                    system: value.system?,
                    text: value.text?,
                    timestamp: value.timestamp?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::InboundMessage> for InboundMessage {
            fn from(value: super::InboundMessage) -> Self {
                Self {
                    button: Ok(value.button),
                    context: Ok(value.context),
                    from: Ok(value.from),
                    from_user_id: Ok(value.from_user_id),
                    id: Ok(value.id),
                    interactive: Ok(value.interactive),
                    system: Ok(value.system),
                    text: Ok(value.text),
                    timestamp: Ok(value.timestamp),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct InboundMessageButton {
            payload: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            text: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for InboundMessageButton {
            fn default() -> Self {
                Self {
                    payload: Ok(Default::default()),
                    text: Ok(Default::default()),
                }
            }
        }
        impl InboundMessageButton {
            pub fn payload<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.payload = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for payload: {e}")
                    });
                self
            }
            pub fn text<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.text = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for text: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<InboundMessageButton>
        for super::InboundMessageButton {
            type Error = super::error::ConversionError;
            fn try_from(
                value: InboundMessageButton,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    payload: value.payload?,
                    text: value.text?,
                })
            }
        }
        impl ::std::convert::From<super::InboundMessageButton> for InboundMessageButton {
            fn from(value: super::InboundMessageButton) -> Self {
                Self {
                    payload: Ok(value.payload),
                    text: Ok(value.text),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct InboundMessageContext {
            from: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for InboundMessageContext {
            fn default() -> Self {
                Self {
                    from: Ok(Default::default()),
                    id: Ok(Default::default()),
                }
            }
        }
        impl InboundMessageContext {
            pub fn from<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.from = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for from: {e}")
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
        }
        impl ::std::convert::TryFrom<InboundMessageContext>
        for super::InboundMessageContext {
            type Error = super::error::ConversionError;
            fn try_from(
                value: InboundMessageContext,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    from: value.from?,
                    id: value.id?,
                })
            }
        }
        impl ::std::convert::From<super::InboundMessageContext>
        for InboundMessageContext {
            fn from(value: super::InboundMessageContext) -> Self {
                Self {
                    from: Ok(value.from),
                    id: Ok(value.id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct InboundMessageInteractive {
            button_reply: ::std::result::Result<
                ::std::option::Option<super::InboundMessageInteractiveButtonReply>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for InboundMessageInteractive {
            fn default() -> Self {
                Self {
                    button_reply: Ok(Default::default()),
                    type_: Ok(Default::default()),
                }
            }
        }
        impl InboundMessageInteractive {
            pub fn button_reply<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::InboundMessageInteractiveButtonReply>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.button_reply = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for button_reply: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<InboundMessageInteractive>
        for super::InboundMessageInteractive {
            type Error = super::error::ConversionError;
            fn try_from(
                value: InboundMessageInteractive,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    button_reply: value.button_reply?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::InboundMessageInteractive>
        for InboundMessageInteractive {
            fn from(value: super::InboundMessageInteractive) -> Self {
                Self {
                    button_reply: Ok(value.button_reply),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct InboundMessageInteractiveButtonReply {
            id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            title: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for InboundMessageInteractiveButtonReply {
            fn default() -> Self {
                Self {
                    id: Ok(Default::default()),
                    title: Ok(Default::default()),
                }
            }
        }
        impl InboundMessageInteractiveButtonReply {
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn title<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.title = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for title: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<InboundMessageInteractiveButtonReply>
        for super::InboundMessageInteractiveButtonReply {
            type Error = super::error::ConversionError;
            fn try_from(
                value: InboundMessageInteractiveButtonReply,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    id: value.id?,
                    title: value.title?,
                })
            }
        }
        impl ::std::convert::From<super::InboundMessageInteractiveButtonReply>
        for InboundMessageInteractiveButtonReply {
            fn from(value: super::InboundMessageInteractiveButtonReply) -> Self {
                Self {
                    id: Ok(value.id),
                    title: Ok(value.title),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct InboundMessageSystem {
            body: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for InboundMessageSystem {
            fn default() -> Self {
                Self {
                    body: Ok(Default::default()),
                    type_: Ok(Default::default()),
                }
            }
        }
        impl InboundMessageSystem {
            pub fn body<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.body = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for body: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<InboundMessageSystem>
        for super::InboundMessageSystem {
            type Error = super::error::ConversionError;
            fn try_from(
                value: InboundMessageSystem,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    body: value.body?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::InboundMessageSystem> for InboundMessageSystem {
            fn from(value: super::InboundMessageSystem) -> Self {
                Self {
                    body: Ok(value.body),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct InboundMessageText {
            body: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for InboundMessageText {
            fn default() -> Self {
                Self {
                    body: Ok(Default::default()),
                }
            }
        }
        impl InboundMessageText {
            pub fn body<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.body = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for body: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<InboundMessageText> for super::InboundMessageText {
            type Error = super::error::ConversionError;
            fn try_from(
                value: InboundMessageText,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { body: value.body? })
            }
        }
        impl ::std::convert::From<super::InboundMessageText> for InboundMessageText {
            fn from(value: super::InboundMessageText) -> Self {
                Self { body: Ok(value.body) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct LanguageObject {
            code: ::std::result::Result<::std::string::String, ::std::string::String>,
            policy: ::std::result::Result<
                ::std::option::Option<super::LanguageObjectPolicy>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for LanguageObject {
            fn default() -> Self {
                Self {
                    code: Err("no value supplied for code".to_string()),
                    policy: Ok(Default::default()),
                }
            }
        }
        impl LanguageObject {
            pub fn code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for code: {e}")
                    });
                self
            }
            pub fn policy<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::LanguageObjectPolicy>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.policy = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for policy: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<LanguageObject> for super::LanguageObject {
            type Error = super::error::ConversionError;
            fn try_from(
                value: LanguageObject,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    code: value.code?,
                    policy: value.policy?,
                })
            }
        }
        impl ::std::convert::From<super::LanguageObject> for LanguageObject {
            fn from(value: super::LanguageObject) -> Self {
                Self {
                    code: Ok(value.code),
                    policy: Ok(value.policy),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct LimitedTimeOfferComponent {
            parameters: ::std::result::Result<
                [super::LimitedTimeOfferParameter; 1usize],
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::LimitedTimeOfferComponentType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for LimitedTimeOfferComponent {
            fn default() -> Self {
                Self {
                    parameters: Err("no value supplied for parameters".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl LimitedTimeOfferComponent {
            pub fn parameters<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<[super::LimitedTimeOfferParameter; 1usize]>,
                T::Error: ::std::fmt::Display,
            {
                self.parameters = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for parameters: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::LimitedTimeOfferComponentType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<LimitedTimeOfferComponent>
        for super::LimitedTimeOfferComponent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: LimitedTimeOfferComponent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    parameters: value.parameters?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::LimitedTimeOfferComponent>
        for LimitedTimeOfferComponent {
            fn from(value: super::LimitedTimeOfferComponent) -> Self {
                Self {
                    parameters: Ok(value.parameters),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct LimitedTimeOfferParameter {
            limited_time_offer: ::std::result::Result<
                super::LimitedTimeOfferValue,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::LimitedTimeOfferParameterType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for LimitedTimeOfferParameter {
            fn default() -> Self {
                Self {
                    limited_time_offer: Err(
                        "no value supplied for limited_time_offer".to_string(),
                    ),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl LimitedTimeOfferParameter {
            pub fn limited_time_offer<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::LimitedTimeOfferValue>,
                T::Error: ::std::fmt::Display,
            {
                self.limited_time_offer = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for limited_time_offer: {e}"
                        )
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::LimitedTimeOfferParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<LimitedTimeOfferParameter>
        for super::LimitedTimeOfferParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: LimitedTimeOfferParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    limited_time_offer: value.limited_time_offer?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::LimitedTimeOfferParameter>
        for LimitedTimeOfferParameter {
            fn from(value: super::LimitedTimeOfferParameter) -> Self {
                Self {
                    limited_time_offer: Ok(value.limited_time_offer),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct LimitedTimeOfferValue {
            expiration_time_ms: ::std::result::Result<i64, ::std::string::String>,
        }
        impl ::std::default::Default for LimitedTimeOfferValue {
            fn default() -> Self {
                Self {
                    expiration_time_ms: Err(
                        "no value supplied for expiration_time_ms".to_string(),
                    ),
                }
            }
        }
        impl LimitedTimeOfferValue {
            pub fn expiration_time_ms<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.expiration_time_ms = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for expiration_time_ms: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<LimitedTimeOfferValue>
        for super::LimitedTimeOfferValue {
            type Error = super::error::ConversionError;
            fn try_from(
                value: LimitedTimeOfferValue,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    expiration_time_ms: value.expiration_time_ms?,
                })
            }
        }
        impl ::std::convert::From<super::LimitedTimeOfferValue>
        for LimitedTimeOfferValue {
            fn from(value: super::LimitedTimeOfferValue) -> Self {
                Self {
                    expiration_time_ms: Ok(value.expiration_time_ms),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct LocationParameter {
            location: ::std::result::Result<super::LocationValue, ::std::string::String>,
            type_: ::std::result::Result<
                super::LocationParameterType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for LocationParameter {
            fn default() -> Self {
                Self {
                    location: Err("no value supplied for location".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl LocationParameter {
            pub fn location<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::LocationValue>,
                T::Error: ::std::fmt::Display,
            {
                self.location = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for location: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::LocationParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<LocationParameter> for super::LocationParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: LocationParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    location: value.location?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::LocationParameter> for LocationParameter {
            fn from(value: super::LocationParameter) -> Self {
                Self {
                    location: Ok(value.location),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct LocationValue {
            address: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            latitude: ::std::result::Result<f64, ::std::string::String>,
            longitude: ::std::result::Result<f64, ::std::string::String>,
            name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for LocationValue {
            fn default() -> Self {
                Self {
                    address: Ok(Default::default()),
                    latitude: Err("no value supplied for latitude".to_string()),
                    longitude: Err("no value supplied for longitude".to_string()),
                    name: Ok(Default::default()),
                }
            }
        }
        impl LocationValue {
            pub fn address<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.address = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for address: {e}")
                    });
                self
            }
            pub fn latitude<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<f64>,
                T::Error: ::std::fmt::Display,
            {
                self.latitude = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for latitude: {e}")
                    });
                self
            }
            pub fn longitude<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<f64>,
                T::Error: ::std::fmt::Display,
            {
                self.longitude = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for longitude: {e}")
                    });
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<LocationValue> for super::LocationValue {
            type Error = super::error::ConversionError;
            fn try_from(
                value: LocationValue,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    address: value.address?,
                    latitude: value.latitude?,
                    longitude: value.longitude?,
                    name: value.name?,
                })
            }
        }
        impl ::std::convert::From<super::LocationValue> for LocationValue {
            fn from(value: super::LocationValue) -> Self {
                Self {
                    address: Ok(value.address),
                    latitude: Ok(value.latitude),
                    longitude: Ok(value.longitude),
                    name: Ok(value.name),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MarketingMessageRequestPayload {
            bid_spec: ::std::result::Result<
                ::std::option::Option<super::BidSpec>,
                ::std::string::String,
            >,
            biz_opaque_callback_data: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            message_activity_sharing: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            messaging_product: ::std::result::Result<
                super::MarketingMessageRequestPayloadMessagingProduct,
                ::std::string::String,
            >,
            product_policy: ::std::result::Result<
                ::std::option::Option<super::ProductPolicy>,
                ::std::string::String,
            >,
            recipient: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            recipient_type: ::std::result::Result<
                super::MarketingMessageRequestPayloadRecipientType,
                ::std::string::String,
            >,
            template: ::std::result::Result<
                super::TemplateObject,
                ::std::string::String,
            >,
            to: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                super::MarketingMessageRequestPayloadType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MarketingMessageRequestPayload {
            fn default() -> Self {
                Self {
                    bid_spec: Ok(Default::default()),
                    biz_opaque_callback_data: Ok(Default::default()),
                    message_activity_sharing: Ok(Default::default()),
                    messaging_product: Err(
                        "no value supplied for messaging_product".to_string(),
                    ),
                    product_policy: Ok(Default::default()),
                    recipient: Ok(Default::default()),
                    recipient_type: Err(
                        "no value supplied for recipient_type".to_string(),
                    ),
                    template: Err("no value supplied for template".to_string()),
                    to: Ok(Default::default()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl MarketingMessageRequestPayload {
            pub fn bid_spec<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::BidSpec>>,
                T::Error: ::std::fmt::Display,
            {
                self.bid_spec = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for bid_spec: {e}")
                    });
                self
            }
            pub fn biz_opaque_callback_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.biz_opaque_callback_data = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for biz_opaque_callback_data: {e}"
                        )
                    });
                self
            }
            pub fn message_activity_sharing<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_activity_sharing = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for message_activity_sharing: {e}"
                        )
                    });
                self
            }
            pub fn messaging_product<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    super::MarketingMessageRequestPayloadMessagingProduct,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.messaging_product = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for messaging_product: {e}"
                        )
                    });
                self
            }
            pub fn product_policy<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::ProductPolicy>>,
                T::Error: ::std::fmt::Display,
            {
                self.product_policy = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for product_policy: {e}"
                        )
                    });
                self
            }
            pub fn recipient<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.recipient = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for recipient: {e}")
                    });
                self
            }
            pub fn recipient_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    super::MarketingMessageRequestPayloadRecipientType,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.recipient_type = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for recipient_type: {e}"
                        )
                    });
                self
            }
            pub fn template<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::TemplateObject>,
                T::Error: ::std::fmt::Display,
            {
                self.template = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for template: {e}")
                    });
                self
            }
            pub fn to<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.to = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for to: {e}"));
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::MarketingMessageRequestPayloadType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MarketingMessageRequestPayload>
        for super::MarketingMessageRequestPayload {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MarketingMessageRequestPayload,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    bid_spec: value.bid_spec?,
                    biz_opaque_callback_data: value.biz_opaque_callback_data?,
                    message_activity_sharing: value.message_activity_sharing?,
                    messaging_product: value.messaging_product?,
                    product_policy: value.product_policy?,
                    recipient: value.recipient?,
                    recipient_type: value.recipient_type?,
                    template: value.template?,
                    to: value.to?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::MarketingMessageRequestPayload>
        for MarketingMessageRequestPayload {
            fn from(value: super::MarketingMessageRequestPayload) -> Self {
                Self {
                    bid_spec: Ok(value.bid_spec),
                    biz_opaque_callback_data: Ok(value.biz_opaque_callback_data),
                    message_activity_sharing: Ok(value.message_activity_sharing),
                    messaging_product: Ok(value.messaging_product),
                    product_policy: Ok(value.product_policy),
                    recipient: Ok(value.recipient),
                    recipient_type: Ok(value.recipient_type),
                    template: Ok(value.template),
                    to: Ok(value.to),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MarketingMessageResponsePayload {
            contacts: ::std::result::Result<
                ::std::vec::Vec<super::ResponseContact>,
                ::std::string::String,
            >,
            messages: ::std::result::Result<
                ::std::vec::Vec<super::ResponseMessage>,
                ::std::string::String,
            >,
            messaging_product: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MarketingMessageResponsePayload {
            fn default() -> Self {
                Self {
                    contacts: Ok(Default::default()),
                    messages: Ok(Default::default()),
                    messaging_product: Ok(Default::default()),
                }
            }
        }
        impl MarketingMessageResponsePayload {
            pub fn contacts<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::ResponseContact>>,
                T::Error: ::std::fmt::Display,
            {
                self.contacts = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for contacts: {e}")
                    });
                self
            }
            pub fn messages<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::ResponseMessage>>,
                T::Error: ::std::fmt::Display,
            {
                self.messages = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for messages: {e}")
                    });
                self
            }
            pub fn messaging_product<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.messaging_product = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for messaging_product: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MarketingMessageResponsePayload>
        for super::MarketingMessageResponsePayload {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MarketingMessageResponsePayload,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    contacts: value.contacts?,
                    messages: value.messages?,
                    messaging_product: value.messaging_product?,
                })
            }
        }
        impl ::std::convert::From<super::MarketingMessageResponsePayload>
        for MarketingMessageResponsePayload {
            fn from(value: super::MarketingMessageResponsePayload) -> Self {
                Self {
                    contacts: Ok(value.contacts),
                    messages: Ok(value.messages),
                    messaging_product: Ok(value.messaging_product),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MediaObject {
            id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            link: ::std::result::Result<
                ::std::option::Option<super::MediaLink>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MediaObject {
            fn default() -> Self {
                Self {
                    id: Ok(Default::default()),
                    link: Ok(Default::default()),
                }
            }
        }
        impl MediaObject {
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn link<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::MediaLink>>,
                T::Error: ::std::fmt::Display,
            {
                self.link = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for link: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MediaObject> for super::MediaObject {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MediaObject,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    id: value.id?,
                    link: value.link?,
                })
            }
        }
        impl ::std::convert::From<super::MediaObject> for MediaObject {
            fn from(value: super::MediaObject) -> Self {
                Self {
                    id: Ok(value.id),
                    link: Ok(value.link),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MessageHistory {
            events: ::std::result::Result<
                ::std::option::Option<super::MessageHistoryEvents>,
                ::std::string::String,
            >,
            id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            message_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MessageHistory {
            fn default() -> Self {
                Self {
                    events: Ok(Default::default()),
                    id: Ok(Default::default()),
                    message_id: Ok(Default::default()),
                }
            }
        }
        impl MessageHistory {
            pub fn events<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::MessageHistoryEvents>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.events = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for events: {e}")
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn message_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for message_id: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MessageHistory> for super::MessageHistory {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MessageHistory,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    events: value.events?,
                    id: value.id?,
                    message_id: value.message_id?,
                })
            }
        }
        impl ::std::convert::From<super::MessageHistory> for MessageHistory {
            fn from(value: super::MessageHistory) -> Self {
                Self {
                    events: Ok(value.events),
                    id: Ok(value.id),
                    message_id: Ok(value.message_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MessageHistoryEvent {
            delivery_status: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            error_description: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            timestamp: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            webhook_update_state: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MessageHistoryEvent {
            fn default() -> Self {
                Self {
                    delivery_status: Ok(Default::default()),
                    error_description: Ok(Default::default()),
                    timestamp: Ok(Default::default()),
                    webhook_update_state: Ok(Default::default()),
                }
            }
        }
        impl MessageHistoryEvent {
            pub fn delivery_status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.delivery_status = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for delivery_status: {e}"
                        )
                    });
                self
            }
            pub fn error_description<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.error_description = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for error_description: {e}"
                        )
                    });
                self
            }
            pub fn timestamp<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.timestamp = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for timestamp: {e}")
                    });
                self
            }
            pub fn webhook_update_state<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.webhook_update_state = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for webhook_update_state: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MessageHistoryEvent>
        for super::MessageHistoryEvent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MessageHistoryEvent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    delivery_status: value.delivery_status?,
                    error_description: value.error_description?,
                    timestamp: value.timestamp?,
                    webhook_update_state: value.webhook_update_state?,
                })
            }
        }
        impl ::std::convert::From<super::MessageHistoryEvent> for MessageHistoryEvent {
            fn from(value: super::MessageHistoryEvent) -> Self {
                Self {
                    delivery_status: Ok(value.delivery_status),
                    error_description: Ok(value.error_description),
                    timestamp: Ok(value.timestamp),
                    webhook_update_state: Ok(value.webhook_update_state),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MessageHistoryEvents {
            data: ::std::result::Result<
                ::std::vec::Vec<super::MessageHistoryEvent>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MessageHistoryEvents {
            fn default() -> Self {
                Self {
                    data: Ok(Default::default()),
                }
            }
        }
        impl MessageHistoryEvents {
            pub fn data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::MessageHistoryEvent>>,
                T::Error: ::std::fmt::Display,
            {
                self.data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for data: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MessageHistoryEvents>
        for super::MessageHistoryEvents {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MessageHistoryEvents,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { data: value.data? })
            }
        }
        impl ::std::convert::From<super::MessageHistoryEvents> for MessageHistoryEvents {
            fn from(value: super::MessageHistoryEvents) -> Self {
                Self { data: Ok(value.data) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MessageHistoryList {
            data: ::std::result::Result<
                ::std::vec::Vec<super::MessageHistory>,
                ::std::string::String,
            >,
            paging: ::std::result::Result<
                ::std::option::Option<super::Paging>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MessageHistoryList {
            fn default() -> Self {
                Self {
                    data: Err("no value supplied for data".to_string()),
                    paging: Ok(Default::default()),
                }
            }
        }
        impl MessageHistoryList {
            pub fn data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::MessageHistory>>,
                T::Error: ::std::fmt::Display,
            {
                self.data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for data: {e}")
                    });
                self
            }
            pub fn paging<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::Paging>>,
                T::Error: ::std::fmt::Display,
            {
                self.paging = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for paging: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MessageHistoryList> for super::MessageHistoryList {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MessageHistoryList,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    data: value.data?,
                    paging: value.paging?,
                })
            }
        }
        impl ::std::convert::From<super::MessageHistoryList> for MessageHistoryList {
            fn from(value: super::MessageHistoryList) -> Self {
                Self {
                    data: Ok(value.data),
                    paging: Ok(value.paging),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MessageTemplate {
            category: ::std::result::Result<
                crate::TemplateCategory,
                ::std::string::String,
            >,
            components: ::std::result::Result<
                ::std::vec::Vec<super::TemplateComponentDefinition>,
                ::std::string::String,
            >,
            correct_category: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            cta_url_link_tracking_opted_out: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            degrees_of_freedom_spec: ::std::result::Result<
                ::std::option::Option<super::TemplateDegreesOfFreedom>,
                ::std::string::String,
            >,
            id: ::std::result::Result<::std::string::String, ::std::string::String>,
            language: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            library_template_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            message_send_ttl_seconds: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            name: ::std::result::Result<::std::string::String, ::std::string::String>,
            optimization_spec: ::std::result::Result<
                ::std::option::Option<super::OptimizationSpec>,
                ::std::string::String,
            >,
            parameter_format: ::std::result::Result<
                ::std::option::Option<super::TemplateParameterFormat>,
                ::std::string::String,
            >,
            previous_category: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            quality_score: ::std::result::Result<
                ::std::option::Option<super::MessageTemplateQualityScore>,
                ::std::string::String,
            >,
            rejected_reason: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            status: ::std::result::Result<crate::TemplateStatus, ::std::string::String>,
            sub_category: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MessageTemplate {
            fn default() -> Self {
                Self {
                    category: Err("no value supplied for category".to_string()),
                    components: Ok(Default::default()),
                    correct_category: Ok(Default::default()),
                    cta_url_link_tracking_opted_out: Ok(Default::default()),
                    degrees_of_freedom_spec: Ok(Default::default()),
                    id: Err("no value supplied for id".to_string()),
                    language: Err("no value supplied for language".to_string()),
                    library_template_name: Ok(Default::default()),
                    message_send_ttl_seconds: Ok(Default::default()),
                    name: Err("no value supplied for name".to_string()),
                    optimization_spec: Ok(Default::default()),
                    parameter_format: Ok(Default::default()),
                    previous_category: Ok(Default::default()),
                    quality_score: Ok(Default::default()),
                    rejected_reason: Ok(Default::default()),
                    status: Err("no value supplied for status".to_string()),
                    sub_category: Ok(Default::default()),
                }
            }
        }
        impl MessageTemplate {
            pub fn category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::TemplateCategory>,
                T::Error: ::std::fmt::Display,
            {
                self.category = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for category: {e}")
                    });
                self
            }
            pub fn components<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<super::TemplateComponentDefinition>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.components = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for components: {e}")
                    });
                self
            }
            pub fn correct_category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.correct_category = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for correct_category: {e}"
                        )
                    });
                self
            }
            pub fn cta_url_link_tracking_opted_out<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.cta_url_link_tracking_opted_out = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for cta_url_link_tracking_opted_out: {e}"
                        )
                    });
                self
            }
            pub fn degrees_of_freedom_spec<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::TemplateDegreesOfFreedom>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.degrees_of_freedom_spec = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for degrees_of_freedom_spec: {e}"
                        )
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn language<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.language = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for language: {e}")
                    });
                self
            }
            pub fn library_template_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.library_template_name = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for library_template_name: {e}"
                        )
                    });
                self
            }
            pub fn message_send_ttl_seconds<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_send_ttl_seconds = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for message_send_ttl_seconds: {e}"
                        )
                    });
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
            pub fn optimization_spec<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::OptimizationSpec>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.optimization_spec = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for optimization_spec: {e}"
                        )
                    });
                self
            }
            pub fn parameter_format<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::TemplateParameterFormat>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.parameter_format = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for parameter_format: {e}"
                        )
                    });
                self
            }
            pub fn previous_category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.previous_category = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for previous_category: {e}"
                        )
                    });
                self
            }
            pub fn quality_score<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::MessageTemplateQualityScore>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.quality_score = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for quality_score: {e}")
                    });
                self
            }
            pub fn rejected_reason<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.rejected_reason = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for rejected_reason: {e}"
                        )
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::TemplateStatus>,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
            pub fn sub_category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.sub_category = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for sub_category: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MessageTemplate> for super::MessageTemplate {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MessageTemplate,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    category: value.category?,
                    components: value.components?,
                    correct_category: value.correct_category?,
                    cta_url_link_tracking_opted_out: value
                        .cta_url_link_tracking_opted_out?,
                    degrees_of_freedom_spec: value.degrees_of_freedom_spec?,
                    id: value.id?,
                    language: value.language?,
                    library_template_name: value.library_template_name?,
                    message_send_ttl_seconds: value.message_send_ttl_seconds?,
                    name: value.name?,
                    optimization_spec: value.optimization_spec?,
                    parameter_format: value.parameter_format?,
                    previous_category: value.previous_category?,
                    quality_score: value.quality_score?,
                    rejected_reason: value.rejected_reason?,
                    status: value.status?,
                    sub_category: value.sub_category?,
                })
            }
        }
        impl ::std::convert::From<super::MessageTemplate> for MessageTemplate {
            fn from(value: super::MessageTemplate) -> Self {
                Self {
                    category: Ok(value.category),
                    components: Ok(value.components),
                    correct_category: Ok(value.correct_category),
                    cta_url_link_tracking_opted_out: Ok(
                        value.cta_url_link_tracking_opted_out,
                    ),
                    degrees_of_freedom_spec: Ok(value.degrees_of_freedom_spec),
                    id: Ok(value.id),
                    language: Ok(value.language),
                    library_template_name: Ok(value.library_template_name),
                    message_send_ttl_seconds: Ok(value.message_send_ttl_seconds),
                    name: Ok(value.name),
                    optimization_spec: Ok(value.optimization_spec),
                    parameter_format: Ok(value.parameter_format),
                    previous_category: Ok(value.previous_category),
                    quality_score: Ok(value.quality_score),
                    rejected_reason: Ok(value.rejected_reason),
                    status: Ok(value.status),
                    sub_category: Ok(value.sub_category),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MessageTemplateCreate {
            category: ::std::result::Result<
                crate::TemplateCategory,
                ::std::string::String,
            >,
            components: ::std::result::Result<
                ::std::vec::Vec<super::TemplateComponentDefinition>,
                ::std::string::String,
            >,
            cta_url_link_tracking_opted_out: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            degrees_of_freedom_spec: ::std::result::Result<
                ::std::option::Option<super::DegreesOfFreedomSpec>,
                ::std::string::String,
            >,
            language: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            message_send_ttl_seconds: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            name: ::std::result::Result<::std::string::String, ::std::string::String>,
            optimization_spec: ::std::result::Result<
                ::std::option::Option<super::OptimizationSpec>,
                ::std::string::String,
            >,
            parameter_format: ::std::result::Result<
                ::std::option::Option<super::TemplateParameterFormat>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MessageTemplateCreate {
            fn default() -> Self {
                Self {
                    category: Err("no value supplied for category".to_string()),
                    components: Err("no value supplied for components".to_string()),
                    cta_url_link_tracking_opted_out: Ok(Default::default()),
                    degrees_of_freedom_spec: Ok(Default::default()),
                    language: Err("no value supplied for language".to_string()),
                    message_send_ttl_seconds: Ok(Default::default()),
                    name: Err("no value supplied for name".to_string()),
                    optimization_spec: Ok(Default::default()),
                    parameter_format: Ok(Default::default()),
                }
            }
        }
        impl MessageTemplateCreate {
            pub fn category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::TemplateCategory>,
                T::Error: ::std::fmt::Display,
            {
                self.category = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for category: {e}")
                    });
                self
            }
            pub fn components<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<super::TemplateComponentDefinition>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.components = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for components: {e}")
                    });
                self
            }
            pub fn cta_url_link_tracking_opted_out<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.cta_url_link_tracking_opted_out = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for cta_url_link_tracking_opted_out: {e}"
                        )
                    });
                self
            }
            pub fn degrees_of_freedom_spec<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::DegreesOfFreedomSpec>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.degrees_of_freedom_spec = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for degrees_of_freedom_spec: {e}"
                        )
                    });
                self
            }
            pub fn language<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.language = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for language: {e}")
                    });
                self
            }
            pub fn message_send_ttl_seconds<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_send_ttl_seconds = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for message_send_ttl_seconds: {e}"
                        )
                    });
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
            pub fn optimization_spec<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::OptimizationSpec>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.optimization_spec = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for optimization_spec: {e}"
                        )
                    });
                self
            }
            pub fn parameter_format<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::TemplateParameterFormat>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.parameter_format = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for parameter_format: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MessageTemplateCreate>
        for super::MessageTemplateCreate {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MessageTemplateCreate,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    category: value.category?,
                    components: value.components?,
                    cta_url_link_tracking_opted_out: value
                        .cta_url_link_tracking_opted_out?,
                    degrees_of_freedom_spec: value.degrees_of_freedom_spec?,
                    language: value.language?,
                    message_send_ttl_seconds: value.message_send_ttl_seconds?,
                    name: value.name?,
                    optimization_spec: value.optimization_spec?,
                    parameter_format: value.parameter_format?,
                })
            }
        }
        impl ::std::convert::From<super::MessageTemplateCreate>
        for MessageTemplateCreate {
            fn from(value: super::MessageTemplateCreate) -> Self {
                Self {
                    category: Ok(value.category),
                    components: Ok(value.components),
                    cta_url_link_tracking_opted_out: Ok(
                        value.cta_url_link_tracking_opted_out,
                    ),
                    degrees_of_freedom_spec: Ok(value.degrees_of_freedom_spec),
                    language: Ok(value.language),
                    message_send_ttl_seconds: Ok(value.message_send_ttl_seconds),
                    name: Ok(value.name),
                    optimization_spec: Ok(value.optimization_spec),
                    parameter_format: Ok(value.parameter_format),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MessageTemplateCreated {
            category: ::std::result::Result<
                ::std::option::Option<crate::TemplateCategory>,
                ::std::string::String,
            >,
            id: ::std::result::Result<::std::string::String, ::std::string::String>,
            status: ::std::result::Result<
                ::std::option::Option<crate::TemplateStatus>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MessageTemplateCreated {
            fn default() -> Self {
                Self {
                    category: Ok(Default::default()),
                    id: Err("no value supplied for id".to_string()),
                    status: Ok(Default::default()),
                }
            }
        }
        impl MessageTemplateCreated {
            pub fn category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::TemplateCategory>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.category = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for category: {e}")
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::TemplateStatus>>,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MessageTemplateCreated>
        for super::MessageTemplateCreated {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MessageTemplateCreated,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    category: value.category?,
                    id: value.id?,
                    status: value.status?,
                })
            }
        }
        impl ::std::convert::From<super::MessageTemplateCreated>
        for MessageTemplateCreated {
            fn from(value: super::MessageTemplateCreated) -> Self {
                Self {
                    category: Ok(value.category),
                    id: Ok(value.id),
                    status: Ok(value.status),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MessageTemplateEdit {
            category: ::std::result::Result<
                ::std::option::Option<crate::TemplateCategory>,
                ::std::string::String,
            >,
            components: ::std::result::Result<
                ::std::vec::Vec<super::TemplateComponentDefinition>,
                ::std::string::String,
            >,
            cta_url_link_tracking_opted_out: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            degrees_of_freedom_spec: ::std::result::Result<
                ::std::option::Option<super::DegreesOfFreedomSpec>,
                ::std::string::String,
            >,
            message_send_ttl_seconds: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            optimization_spec: ::std::result::Result<
                ::std::option::Option<super::OptimizationSpec>,
                ::std::string::String,
            >,
            parameter_format: ::std::result::Result<
                ::std::option::Option<super::TemplateParameterFormat>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MessageTemplateEdit {
            fn default() -> Self {
                Self {
                    category: Ok(Default::default()),
                    components: Ok(Default::default()),
                    cta_url_link_tracking_opted_out: Ok(Default::default()),
                    degrees_of_freedom_spec: Ok(Default::default()),
                    message_send_ttl_seconds: Ok(Default::default()),
                    optimization_spec: Ok(Default::default()),
                    parameter_format: Ok(Default::default()),
                }
            }
        }
        impl MessageTemplateEdit {
            pub fn category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::TemplateCategory>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.category = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for category: {e}")
                    });
                self
            }
            pub fn components<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<super::TemplateComponentDefinition>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.components = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for components: {e}")
                    });
                self
            }
            pub fn cta_url_link_tracking_opted_out<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.cta_url_link_tracking_opted_out = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for cta_url_link_tracking_opted_out: {e}"
                        )
                    });
                self
            }
            pub fn degrees_of_freedom_spec<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::DegreesOfFreedomSpec>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.degrees_of_freedom_spec = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for degrees_of_freedom_spec: {e}"
                        )
                    });
                self
            }
            pub fn message_send_ttl_seconds<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_send_ttl_seconds = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for message_send_ttl_seconds: {e}"
                        )
                    });
                self
            }
            pub fn optimization_spec<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::OptimizationSpec>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.optimization_spec = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for optimization_spec: {e}"
                        )
                    });
                self
            }
            pub fn parameter_format<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::TemplateParameterFormat>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.parameter_format = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for parameter_format: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MessageTemplateEdit>
        for super::MessageTemplateEdit {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MessageTemplateEdit,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    category: value.category?,
                    components: value.components?,
                    cta_url_link_tracking_opted_out: value
                        .cta_url_link_tracking_opted_out?,
                    degrees_of_freedom_spec: value.degrees_of_freedom_spec?,
                    message_send_ttl_seconds: value.message_send_ttl_seconds?,
                    optimization_spec: value.optimization_spec?,
                    parameter_format: value.parameter_format?,
                })
            }
        }
        impl ::std::convert::From<super::MessageTemplateEdit> for MessageTemplateEdit {
            fn from(value: super::MessageTemplateEdit) -> Self {
                Self {
                    category: Ok(value.category),
                    components: Ok(value.components),
                    cta_url_link_tracking_opted_out: Ok(
                        value.cta_url_link_tracking_opted_out,
                    ),
                    degrees_of_freedom_spec: Ok(value.degrees_of_freedom_spec),
                    message_send_ttl_seconds: Ok(value.message_send_ttl_seconds),
                    optimization_spec: Ok(value.optimization_spec),
                    parameter_format: Ok(value.parameter_format),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MessageTemplateList {
            data: ::std::result::Result<
                ::std::vec::Vec<super::MessageTemplate>,
                ::std::string::String,
            >,
            paging: ::std::result::Result<
                ::std::option::Option<super::Paging>,
                ::std::string::String,
            >,
            summary: ::std::result::Result<
                ::std::option::Option<super::MessageTemplateSummary>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MessageTemplateList {
            fn default() -> Self {
                Self {
                    data: Err("no value supplied for data".to_string()),
                    paging: Ok(Default::default()),
                    summary: Ok(Default::default()),
                }
            }
        }
        impl MessageTemplateList {
            pub fn data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::MessageTemplate>>,
                T::Error: ::std::fmt::Display,
            {
                self.data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for data: {e}")
                    });
                self
            }
            pub fn paging<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::Paging>>,
                T::Error: ::std::fmt::Display,
            {
                self.paging = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for paging: {e}")
                    });
                self
            }
            pub fn summary<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::MessageTemplateSummary>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.summary = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for summary: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MessageTemplateList>
        for super::MessageTemplateList {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MessageTemplateList,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    data: value.data?,
                    paging: value.paging?,
                    summary: value.summary?,
                })
            }
        }
        impl ::std::convert::From<super::MessageTemplateList> for MessageTemplateList {
            fn from(value: super::MessageTemplateList) -> Self {
                Self {
                    data: Ok(value.data),
                    paging: Ok(value.paging),
                    summary: Ok(value.summary),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MessageTemplateQualityScore {
            date: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            score: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MessageTemplateQualityScore {
            fn default() -> Self {
                Self {
                    date: Ok(Default::default()),
                    score: Ok(Default::default()),
                }
            }
        }
        impl MessageTemplateQualityScore {
            pub fn date<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.date = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for date: {e}")
                    });
                self
            }
            pub fn score<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.score = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for score: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MessageTemplateQualityScore>
        for super::MessageTemplateQualityScore {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MessageTemplateQualityScore,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    date: value.date?,
                    score: value.score?,
                })
            }
        }
        impl ::std::convert::From<super::MessageTemplateQualityScore>
        for MessageTemplateQualityScore {
            fn from(value: super::MessageTemplateQualityScore) -> Self {
                Self {
                    date: Ok(value.date),
                    score: Ok(value.score),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct MessageTemplateSummary {
            are_translations_complete: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            message_template_count: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            message_template_limit: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            total_count: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for MessageTemplateSummary {
            fn default() -> Self {
                Self {
                    are_translations_complete: Ok(Default::default()),
                    message_template_count: Ok(Default::default()),
                    message_template_limit: Ok(Default::default()),
                    total_count: Ok(Default::default()),
                }
            }
        }
        impl MessageTemplateSummary {
            pub fn are_translations_complete<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.are_translations_complete = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for are_translations_complete: {e}"
                        )
                    });
                self
            }
            pub fn message_template_count<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_template_count = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for message_template_count: {e}"
                        )
                    });
                self
            }
            pub fn message_template_limit<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_template_limit = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for message_template_limit: {e}"
                        )
                    });
                self
            }
            pub fn total_count<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.total_count = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for total_count: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<MessageTemplateSummary>
        for super::MessageTemplateSummary {
            type Error = super::error::ConversionError;
            fn try_from(
                value: MessageTemplateSummary,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    are_translations_complete: value.are_translations_complete?,
                    message_template_count: value.message_template_count?,
                    message_template_limit: value.message_template_limit?,
                    total_count: value.total_count?,
                })
            }
        }
        impl ::std::convert::From<super::MessageTemplateSummary>
        for MessageTemplateSummary {
            fn from(value: super::MessageTemplateSummary) -> Self {
                Self {
                    are_translations_complete: Ok(value.are_translations_complete),
                    message_template_count: Ok(value.message_template_count),
                    message_template_limit: Ok(value.message_template_limit),
                    total_count: Ok(value.total_count),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct OptimizationSpec {
            bid_amount: ::std::result::Result<
                ::std::option::Option<::std::num::NonZeroU64>,
                ::std::string::String,
            >,
            bid_strategy: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for OptimizationSpec {
            fn default() -> Self {
                Self {
                    bid_amount: Ok(Default::default()),
                    bid_strategy: Ok(Default::default()),
                }
            }
        }
        impl OptimizationSpec {
            pub fn bid_amount<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<::std::num::NonZeroU64>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.bid_amount = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for bid_amount: {e}")
                    });
                self
            }
            pub fn bid_strategy<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.bid_strategy = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for bid_strategy: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<OptimizationSpec> for super::OptimizationSpec {
            type Error = super::error::ConversionError;
            fn try_from(
                value: OptimizationSpec,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    bid_amount: value.bid_amount?,
                    bid_strategy: value.bid_strategy?,
                })
            }
        }
        impl ::std::convert::From<super::OptimizationSpec> for OptimizationSpec {
            fn from(value: super::OptimizationSpec) -> Self {
                Self {
                    bid_amount: Ok(value.bid_amount),
                    bid_strategy: Ok(value.bid_strategy),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Paging {
            cursors: ::std::result::Result<
                ::std::option::Option<super::PagingCursors>,
                ::std::string::String,
            >,
            next: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            previous: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for Paging {
            fn default() -> Self {
                Self {
                    cursors: Ok(Default::default()),
                    next: Ok(Default::default()),
                    previous: Ok(Default::default()),
                }
            }
        }
        impl Paging {
            pub fn cursors<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::PagingCursors>>,
                T::Error: ::std::fmt::Display,
            {
                self.cursors = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for cursors: {e}")
                    });
                self
            }
            pub fn next<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.next = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for next: {e}")
                    });
                self
            }
            pub fn previous<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.previous = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for previous: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Paging> for super::Paging {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Paging,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    cursors: value.cursors?,
                    next: value.next?,
                    previous: value.previous?,
                })
            }
        }
        impl ::std::convert::From<super::Paging> for Paging {
            fn from(value: super::Paging) -> Self {
                Self {
                    cursors: Ok(value.cursors),
                    next: Ok(value.next),
                    previous: Ok(value.previous),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct PagingCursors {
            after: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            before: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for PagingCursors {
            fn default() -> Self {
                Self {
                    after: Ok(Default::default()),
                    before: Ok(Default::default()),
                }
            }
        }
        impl PagingCursors {
            pub fn after<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.after = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for after: {e}")
                    });
                self
            }
            pub fn before<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.before = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for before: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<PagingCursors> for super::PagingCursors {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PagingCursors,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    after: value.after?,
                    before: value.before?,
                })
            }
        }
        impl ::std::convert::From<super::PagingCursors> for PagingCursors {
            fn from(value: super::PagingCursors) -> Self {
                Self {
                    after: Ok(value.after),
                    before: Ok(value.before),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct PayloadParameter {
            payload: ::std::result::Result<::std::string::String, ::std::string::String>,
            type_: ::std::result::Result<
                super::PayloadParameterType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for PayloadParameter {
            fn default() -> Self {
                Self {
                    payload: Err("no value supplied for payload".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl PayloadParameter {
            pub fn payload<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.payload = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for payload: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::PayloadParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<PayloadParameter> for super::PayloadParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PayloadParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    payload: value.payload?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::PayloadParameter> for PayloadParameter {
            fn from(value: super::PayloadParameter) -> Self {
                Self {
                    payload: Ok(value.payload),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct PhoneNumber {
            code_verification_status: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            display_phone_number: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            id: ::std::result::Result<::std::string::String, ::std::string::String>,
            messaging_limit_tier: ::std::result::Result<
                ::std::option::Option<crate::MessagingLimitTier>,
                ::std::string::String,
            >,
            name_status: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            platform_type: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            quality_rating: ::std::result::Result<
                ::std::option::Option<crate::QualityRating>,
                ::std::string::String,
            >,
            status: ::std::result::Result<
                ::std::option::Option<crate::PhoneNumberStatus>,
                ::std::string::String,
            >,
            throughput: ::std::result::Result<
                ::std::option::Option<super::Throughput>,
                ::std::string::String,
            >,
            verified_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for PhoneNumber {
            fn default() -> Self {
                Self {
                    code_verification_status: Ok(Default::default()),
                    display_phone_number: Ok(Default::default()),
                    id: Err("no value supplied for id".to_string()),
                    messaging_limit_tier: Ok(Default::default()),
                    name_status: Ok(Default::default()),
                    platform_type: Ok(Default::default()),
                    quality_rating: Ok(Default::default()),
                    status: Ok(Default::default()),
                    throughput: Ok(Default::default()),
                    verified_name: Ok(Default::default()),
                }
            }
        }
        impl PhoneNumber {
            pub fn code_verification_status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.code_verification_status = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for code_verification_status: {e}"
                        )
                    });
                self
            }
            pub fn display_phone_number<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.display_phone_number = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for display_phone_number: {e}"
                        )
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn messaging_limit_tier<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::MessagingLimitTier>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.messaging_limit_tier = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for messaging_limit_tier: {e}"
                        )
                    });
                self
            }
            pub fn name_status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.name_status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name_status: {e}")
                    });
                self
            }
            pub fn platform_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.platform_type = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for platform_type: {e}")
                    });
                self
            }
            pub fn quality_rating<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::QualityRating>>,
                T::Error: ::std::fmt::Display,
            {
                self.quality_rating = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for quality_rating: {e}"
                        )
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<crate::PhoneNumberStatus>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
            pub fn throughput<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::Throughput>>,
                T::Error: ::std::fmt::Display,
            {
                self.throughput = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for throughput: {e}")
                    });
                self
            }
            pub fn verified_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.verified_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for verified_name: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<PhoneNumber> for super::PhoneNumber {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PhoneNumber,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    code_verification_status: value.code_verification_status?,
                    display_phone_number: value.display_phone_number?,
                    id: value.id?,
                    messaging_limit_tier: value.messaging_limit_tier?,
                    name_status: value.name_status?,
                    platform_type: value.platform_type?,
                    quality_rating: value.quality_rating?,
                    status: value.status?,
                    throughput: value.throughput?,
                    verified_name: value.verified_name?,
                })
            }
        }
        impl ::std::convert::From<super::PhoneNumber> for PhoneNumber {
            fn from(value: super::PhoneNumber) -> Self {
                Self {
                    code_verification_status: Ok(value.code_verification_status),
                    display_phone_number: Ok(value.display_phone_number),
                    id: Ok(value.id),
                    messaging_limit_tier: Ok(value.messaging_limit_tier),
                    name_status: Ok(value.name_status),
                    platform_type: Ok(value.platform_type),
                    quality_rating: Ok(value.quality_rating),
                    status: Ok(value.status),
                    throughput: Ok(value.throughput),
                    verified_name: Ok(value.verified_name),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct PhoneNumberList {
            data: ::std::result::Result<
                ::std::vec::Vec<super::PhoneNumber>,
                ::std::string::String,
            >,
            paging: ::std::result::Result<
                ::std::option::Option<super::Paging>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for PhoneNumberList {
            fn default() -> Self {
                Self {
                    data: Err("no value supplied for data".to_string()),
                    paging: Ok(Default::default()),
                }
            }
        }
        impl PhoneNumberList {
            pub fn data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::PhoneNumber>>,
                T::Error: ::std::fmt::Display,
            {
                self.data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for data: {e}")
                    });
                self
            }
            pub fn paging<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::Paging>>,
                T::Error: ::std::fmt::Display,
            {
                self.paging = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for paging: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<PhoneNumberList> for super::PhoneNumberList {
            type Error = super::error::ConversionError;
            fn try_from(
                value: PhoneNumberList,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    data: value.data?,
                    paging: value.paging?,
                })
            }
        }
        impl ::std::convert::From<super::PhoneNumberList> for PhoneNumberList {
            fn from(value: super::PhoneNumberList) -> Self {
                Self {
                    data: Ok(value.data),
                    paging: Ok(value.paging),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ProductItem {
            product_retailer_id: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ProductItem {
            fn default() -> Self {
                Self {
                    product_retailer_id: Err(
                        "no value supplied for product_retailer_id".to_string(),
                    ),
                }
            }
        }
        impl ProductItem {
            pub fn product_retailer_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.product_retailer_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for product_retailer_id: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ProductItem> for super::ProductItem {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ProductItem,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    product_retailer_id: value.product_retailer_id?,
                })
            }
        }
        impl ::std::convert::From<super::ProductItem> for ProductItem {
            fn from(value: super::ProductItem) -> Self {
                Self {
                    product_retailer_id: Ok(value.product_retailer_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ProductParameter {
            product: ::std::result::Result<super::ProductValue, ::std::string::String>,
            type_: ::std::result::Result<
                super::ProductParameterType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ProductParameter {
            fn default() -> Self {
                Self {
                    product: Err("no value supplied for product".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl ProductParameter {
            pub fn product<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::ProductValue>,
                T::Error: ::std::fmt::Display,
            {
                self.product = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for product: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::ProductParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ProductParameter> for super::ProductParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ProductParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    product: value.product?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::ProductParameter> for ProductParameter {
            fn from(value: super::ProductParameter) -> Self {
                Self {
                    product: Ok(value.product),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ProductSection {
            product_items: ::std::result::Result<
                ::std::vec::Vec<super::ProductItem>,
                ::std::string::String,
            >,
            title: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for ProductSection {
            fn default() -> Self {
                Self {
                    product_items: Err(
                        "no value supplied for product_items".to_string(),
                    ),
                    title: Err("no value supplied for title".to_string()),
                }
            }
        }
        impl ProductSection {
            pub fn product_items<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::ProductItem>>,
                T::Error: ::std::fmt::Display,
            {
                self.product_items = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for product_items: {e}")
                    });
                self
            }
            pub fn title<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.title = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for title: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ProductSection> for super::ProductSection {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ProductSection,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    product_items: value.product_items?,
                    title: value.title?,
                })
            }
        }
        impl ::std::convert::From<super::ProductSection> for ProductSection {
            fn from(value: super::ProductSection) -> Self {
                Self {
                    product_items: Ok(value.product_items),
                    title: Ok(value.title),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ProductValue {
            catalog_id: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            product_retailer_id: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ProductValue {
            fn default() -> Self {
                Self {
                    catalog_id: Err("no value supplied for catalog_id".to_string()),
                    product_retailer_id: Err(
                        "no value supplied for product_retailer_id".to_string(),
                    ),
                }
            }
        }
        impl ProductValue {
            pub fn catalog_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.catalog_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for catalog_id: {e}")
                    });
                self
            }
            pub fn product_retailer_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.product_retailer_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for product_retailer_id: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ProductValue> for super::ProductValue {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ProductValue,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    catalog_id: value.catalog_id?,
                    product_retailer_id: value.product_retailer_id?,
                })
            }
        }
        impl ::std::convert::From<super::ProductValue> for ProductValue {
            fn from(value: super::ProductValue) -> Self {
                Self {
                    catalog_id: Ok(value.catalog_id),
                    product_retailer_id: Ok(value.product_retailer_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ResponseContact {
            input: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            user_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            wa_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ResponseContact {
            fn default() -> Self {
                Self {
                    input: Ok(Default::default()),
                    user_id: Ok(Default::default()),
                    wa_id: Ok(Default::default()),
                }
            }
        }
        impl ResponseContact {
            pub fn input<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.input = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for input: {e}")
                    });
                self
            }
            pub fn user_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.user_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for user_id: {e}")
                    });
                self
            }
            pub fn wa_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.wa_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for wa_id: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ResponseContact> for super::ResponseContact {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ResponseContact,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    input: value.input?,
                    user_id: value.user_id?,
                    wa_id: value.wa_id?,
                })
            }
        }
        impl ::std::convert::From<super::ResponseContact> for ResponseContact {
            fn from(value: super::ResponseContact) -> Self {
                Self {
                    input: Ok(value.input),
                    user_id: Ok(value.user_id),
                    wa_id: Ok(value.wa_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct ResponseMessage {
            id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            message_status: ::std::result::Result<
                ::std::option::Option<crate::MessageStatus>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for ResponseMessage {
            fn default() -> Self {
                Self {
                    id: Ok(Default::default()),
                    message_status: Ok(Default::default()),
                }
            }
        }
        impl ResponseMessage {
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn message_status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<crate::MessageStatus>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_status = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for message_status: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<ResponseMessage> for super::ResponseMessage {
            type Error = super::error::ConversionError;
            fn try_from(
                value: ResponseMessage,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    id: value.id?,
                    message_status: value.message_status?,
                })
            }
        }
        impl ::std::convert::From<super::ResponseMessage> for ResponseMessage {
            fn from(value: super::ResponseMessage) -> Self {
                Self {
                    id: Ok(value.id),
                    message_status: Ok(value.message_status),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct StatusEvent {
            biz_opaque_callback_data: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            conversation: ::std::result::Result<
                ::std::option::Option<super::StatusEventConversation>,
                ::std::string::String,
            >,
            errors: ::std::result::Result<
                ::std::vec::Vec<super::WebhookError>,
                ::std::string::String,
            >,
            id: ::std::result::Result<::std::string::String, ::std::string::String>,
            pricing: ::std::result::Result<
                ::std::option::Option<super::WebhookPricing>,
                ::std::string::String,
            >,
            recipient_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            recipient_parent_user_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            recipient_user_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            status: ::std::result::Result<crate::DeliveryStatus, ::std::string::String>,
            timestamp: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for StatusEvent {
            fn default() -> Self {
                Self {
                    biz_opaque_callback_data: Ok(Default::default()),
                    conversation: Ok(Default::default()),
                    errors: Ok(Default::default()),
                    id: Err("no value supplied for id".to_string()),
                    pricing: Ok(Default::default()),
                    recipient_id: Ok(Default::default()),
                    recipient_parent_user_id: Ok(Default::default()),
                    recipient_user_id: Ok(Default::default()),
                    status: Err("no value supplied for status".to_string()),
                    timestamp: Ok(Default::default()),
                }
            }
        }
        impl StatusEvent {
            pub fn biz_opaque_callback_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.biz_opaque_callback_data = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for biz_opaque_callback_data: {e}"
                        )
                    });
                self
            }
            pub fn conversation<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::StatusEventConversation>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.conversation = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for conversation: {e}")
                    });
                self
            }
            pub fn errors<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::WebhookError>>,
                T::Error: ::std::fmt::Display,
            {
                self.errors = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for errors: {e}")
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn pricing<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::WebhookPricing>>,
                T::Error: ::std::fmt::Display,
            {
                self.pricing = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for pricing: {e}")
                    });
                self
            }
            pub fn recipient_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.recipient_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for recipient_id: {e}")
                    });
                self
            }
            pub fn recipient_parent_user_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.recipient_parent_user_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for recipient_parent_user_id: {e}"
                        )
                    });
                self
            }
            pub fn recipient_user_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.recipient_user_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for recipient_user_id: {e}"
                        )
                    });
                self
            }
            pub fn status<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::DeliveryStatus>,
                T::Error: ::std::fmt::Display,
            {
                self.status = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for status: {e}")
                    });
                self
            }
            pub fn timestamp<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.timestamp = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for timestamp: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<StatusEvent> for super::StatusEvent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: StatusEvent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    biz_opaque_callback_data: value.biz_opaque_callback_data?,
                    conversation: value.conversation?,
                    errors: value.errors?,
                    id: value.id?,
                    pricing: value.pricing?,
                    recipient_id: value.recipient_id?,
                    recipient_parent_user_id: value.recipient_parent_user_id?,
                    recipient_user_id: value.recipient_user_id?,
                    status: value.status?,
                    timestamp: value.timestamp?,
                })
            }
        }
        impl ::std::convert::From<super::StatusEvent> for StatusEvent {
            fn from(value: super::StatusEvent) -> Self {
                Self {
                    biz_opaque_callback_data: Ok(value.biz_opaque_callback_data),
                    conversation: Ok(value.conversation),
                    errors: Ok(value.errors),
                    id: Ok(value.id),
                    pricing: Ok(value.pricing),
                    recipient_id: Ok(value.recipient_id),
                    recipient_parent_user_id: Ok(value.recipient_parent_user_id),
                    recipient_user_id: Ok(value.recipient_user_id),
                    status: Ok(value.status),
                    timestamp: Ok(value.timestamp),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct StatusEventConversation {
            expiration_timestamp: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            origin: ::std::result::Result<
                ::std::option::Option<super::StatusEventConversationOrigin>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for StatusEventConversation {
            fn default() -> Self {
                Self {
                    expiration_timestamp: Ok(Default::default()),
                    id: Ok(Default::default()),
                    origin: Ok(Default::default()),
                }
            }
        }
        impl StatusEventConversation {
            pub fn expiration_timestamp<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.expiration_timestamp = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for expiration_timestamp: {e}"
                        )
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn origin<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::StatusEventConversationOrigin>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.origin = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for origin: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<StatusEventConversation>
        for super::StatusEventConversation {
            type Error = super::error::ConversionError;
            fn try_from(
                value: StatusEventConversation,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    expiration_timestamp: value.expiration_timestamp?,
                    id: value.id?,
                    origin: value.origin?,
                })
            }
        }
        impl ::std::convert::From<super::StatusEventConversation>
        for StatusEventConversation {
            fn from(value: super::StatusEventConversation) -> Self {
                Self {
                    expiration_timestamp: Ok(value.expiration_timestamp),
                    id: Ok(value.id),
                    origin: Ok(value.origin),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct StatusEventConversationOrigin {
            type_: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for StatusEventConversationOrigin {
            fn default() -> Self {
                Self {
                    type_: Ok(Default::default()),
                }
            }
        }
        impl StatusEventConversationOrigin {
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<StatusEventConversationOrigin>
        for super::StatusEventConversationOrigin {
            type Error = super::error::ConversionError;
            fn try_from(
                value: StatusEventConversationOrigin,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { type_: value.type_? })
            }
        }
        impl ::std::convert::From<super::StatusEventConversationOrigin>
        for StatusEventConversationOrigin {
            fn from(value: super::StatusEventConversationOrigin) -> Self {
                Self { type_: Ok(value.type_) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateAnalytics {
            data: ::std::result::Result<
                ::std::vec::Vec<super::TemplateAnalyticsSet>,
                ::std::string::String,
            >,
            paging: ::std::result::Result<
                ::std::option::Option<super::Paging>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TemplateAnalytics {
            fn default() -> Self {
                Self {
                    data: Err("no value supplied for data".to_string()),
                    paging: Ok(Default::default()),
                }
            }
        }
        impl TemplateAnalytics {
            pub fn data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::TemplateAnalyticsSet>>,
                T::Error: ::std::fmt::Display,
            {
                self.data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for data: {e}")
                    });
                self
            }
            pub fn paging<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::Paging>>,
                T::Error: ::std::fmt::Display,
            {
                self.paging = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for paging: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateAnalytics> for super::TemplateAnalytics {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateAnalytics,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    data: value.data?,
                    paging: value.paging?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateAnalytics> for TemplateAnalytics {
            fn from(value: super::TemplateAnalytics) -> Self {
                Self {
                    data: Ok(value.data),
                    paging: Ok(value.paging),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateAnalyticsClick {
            button_content: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            count: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TemplateAnalyticsClick {
            fn default() -> Self {
                Self {
                    button_content: Ok(Default::default()),
                    count: Ok(Default::default()),
                    type_: Ok(Default::default()),
                }
            }
        }
        impl TemplateAnalyticsClick {
            pub fn button_content<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.button_content = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for button_content: {e}"
                        )
                    });
                self
            }
            pub fn count<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.count = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for count: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateAnalyticsClick>
        for super::TemplateAnalyticsClick {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateAnalyticsClick,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    button_content: value.button_content?,
                    count: value.count?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateAnalyticsClick>
        for TemplateAnalyticsClick {
            fn from(value: super::TemplateAnalyticsClick) -> Self {
                Self {
                    button_content: Ok(value.button_content),
                    count: Ok(value.count),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateAnalyticsCost {
            type_: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            value: ::std::result::Result<
                ::std::option::Option<f64>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TemplateAnalyticsCost {
            fn default() -> Self {
                Self {
                    type_: Ok(Default::default()),
                    value: Ok(Default::default()),
                }
            }
        }
        impl TemplateAnalyticsCost {
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
            pub fn value<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<f64>>,
                T::Error: ::std::fmt::Display,
            {
                self.value = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for value: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateAnalyticsCost>
        for super::TemplateAnalyticsCost {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateAnalyticsCost,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    type_: value.type_?,
                    value: value.value?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateAnalyticsCost>
        for TemplateAnalyticsCost {
            fn from(value: super::TemplateAnalyticsCost) -> Self {
                Self {
                    type_: Ok(value.type_),
                    value: Ok(value.value),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateAnalyticsPoint {
            app_activations: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            app_add_to_cart: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            app_checkouts_initiated: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            app_purchases: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            clicked: ::std::result::Result<
                ::std::vec::Vec<super::TemplateAnalyticsClick>,
                ::std::string::String,
            >,
            cost: ::std::result::Result<
                ::std::vec::Vec<super::TemplateAnalyticsCost>,
                ::std::string::String,
            >,
            delivered: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            end: ::std::result::Result<i64, ::std::string::String>,
            read: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            sent: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            start: ::std::result::Result<i64, ::std::string::String>,
            template_id: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            website_add_to_cart: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            website_checkouts_initiated: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            website_purchases: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            extra: ::std::result::Result<
                ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TemplateAnalyticsPoint {
            fn default() -> Self {
                Self {
                    app_activations: Ok(Default::default()),
                    app_add_to_cart: Ok(Default::default()),
                    app_checkouts_initiated: Ok(Default::default()),
                    app_purchases: Ok(Default::default()),
                    clicked: Ok(Default::default()),
                    cost: Ok(Default::default()),
                    delivered: Ok(Default::default()),
                    end: Err("no value supplied for end".to_string()),
                    read: Ok(Default::default()),
                    sent: Ok(Default::default()),
                    start: Err("no value supplied for start".to_string()),
                    template_id: Err("no value supplied for template_id".to_string()),
                    website_add_to_cart: Ok(Default::default()),
                    website_checkouts_initiated: Ok(Default::default()),
                    website_purchases: Ok(Default::default()),
                    extra: Err("no value supplied for extra".to_string()),
                }
            }
        }
        impl TemplateAnalyticsPoint {
            pub fn app_activations<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.app_activations = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for app_activations: {e}"
                        )
                    });
                self
            }
            pub fn app_add_to_cart<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.app_add_to_cart = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for app_add_to_cart: {e}"
                        )
                    });
                self
            }
            pub fn app_checkouts_initiated<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.app_checkouts_initiated = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for app_checkouts_initiated: {e}"
                        )
                    });
                self
            }
            pub fn app_purchases<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.app_purchases = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for app_purchases: {e}")
                    });
                self
            }
            pub fn clicked<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<super::TemplateAnalyticsClick>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.clicked = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for clicked: {e}")
                    });
                self
            }
            pub fn cost<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<super::TemplateAnalyticsCost>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.cost = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for cost: {e}")
                    });
                self
            }
            pub fn delivered<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.delivered = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for delivered: {e}")
                    });
                self
            }
            pub fn end<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.end = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for end: {e}")
                    });
                self
            }
            pub fn read<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.read = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for read: {e}")
                    });
                self
            }
            pub fn sent<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.sent = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for sent: {e}")
                    });
                self
            }
            pub fn start<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.start = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for start: {e}")
                    });
                self
            }
            pub fn template_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.template_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for template_id: {e}")
                    });
                self
            }
            pub fn website_add_to_cart<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.website_add_to_cart = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for website_add_to_cart: {e}"
                        )
                    });
                self
            }
            pub fn website_checkouts_initiated<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.website_checkouts_initiated = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for website_checkouts_initiated: {e}"
                        )
                    });
                self
            }
            pub fn website_purchases<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.website_purchases = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for website_purchases: {e}"
                        )
                    });
                self
            }
            pub fn extra<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.extra = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for extra: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateAnalyticsPoint>
        for super::TemplateAnalyticsPoint {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateAnalyticsPoint,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    app_activations: value.app_activations?,
                    app_add_to_cart: value.app_add_to_cart?,
                    app_checkouts_initiated: value.app_checkouts_initiated?,
                    app_purchases: value.app_purchases?,
                    clicked: value.clicked?,
                    cost: value.cost?,
                    delivered: value.delivered?,
                    end: value.end?,
                    read: value.read?,
                    sent: value.sent?,
                    start: value.start?,
                    template_id: value.template_id?,
                    website_add_to_cart: value.website_add_to_cart?,
                    website_checkouts_initiated: value.website_checkouts_initiated?,
                    website_purchases: value.website_purchases?,
                    extra: value.extra?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateAnalyticsPoint>
        for TemplateAnalyticsPoint {
            fn from(value: super::TemplateAnalyticsPoint) -> Self {
                Self {
                    app_activations: Ok(value.app_activations),
                    app_add_to_cart: Ok(value.app_add_to_cart),
                    app_checkouts_initiated: Ok(value.app_checkouts_initiated),
                    app_purchases: Ok(value.app_purchases),
                    clicked: Ok(value.clicked),
                    cost: Ok(value.cost),
                    delivered: Ok(value.delivered),
                    end: Ok(value.end),
                    read: Ok(value.read),
                    sent: Ok(value.sent),
                    start: Ok(value.start),
                    template_id: Ok(value.template_id),
                    website_add_to_cart: Ok(value.website_add_to_cart),
                    website_checkouts_initiated: Ok(value.website_checkouts_initiated),
                    website_purchases: Ok(value.website_purchases),
                    extra: Ok(value.extra),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateAnalyticsSet {
            data_points: ::std::result::Result<
                ::std::vec::Vec<super::TemplateAnalyticsPoint>,
                ::std::string::String,
            >,
            granularity: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            product_type: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TemplateAnalyticsSet {
            fn default() -> Self {
                Self {
                    data_points: Ok(Default::default()),
                    granularity: Ok(Default::default()),
                    product_type: Ok(Default::default()),
                }
            }
        }
        impl TemplateAnalyticsSet {
            pub fn data_points<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<super::TemplateAnalyticsPoint>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.data_points = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for data_points: {e}")
                    });
                self
            }
            pub fn granularity<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.granularity = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for granularity: {e}")
                    });
                self
            }
            pub fn product_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.product_type = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for product_type: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateAnalyticsSet>
        for super::TemplateAnalyticsSet {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateAnalyticsSet,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    data_points: value.data_points?,
                    granularity: value.granularity?,
                    product_type: value.product_type?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateAnalyticsSet> for TemplateAnalyticsSet {
            fn from(value: super::TemplateAnalyticsSet) -> Self {
                Self {
                    data_points: Ok(value.data_points),
                    granularity: Ok(value.granularity),
                    product_type: Ok(value.product_type),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateButtonDefinition {
            example: ::std::result::Result<
                ::std::option::Option<::serde_json::Value>,
                ::std::string::String,
            >,
            flow_action: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            flow_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            phone_number: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            text: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<::std::string::String, ::std::string::String>,
            url: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TemplateButtonDefinition {
            fn default() -> Self {
                Self {
                    example: Ok(Default::default()),
                    flow_action: Ok(Default::default()),
                    flow_id: Ok(Default::default()),
                    phone_number: Ok(Default::default()),
                    text: Ok(Default::default()),
                    type_: Err("no value supplied for type_".to_string()),
                    url: Ok(Default::default()),
                }
            }
        }
        impl TemplateButtonDefinition {
            pub fn example<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::serde_json::Value>>,
                T::Error: ::std::fmt::Display,
            {
                self.example = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for example: {e}")
                    });
                self
            }
            pub fn flow_action<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.flow_action = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for flow_action: {e}")
                    });
                self
            }
            pub fn flow_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.flow_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for flow_id: {e}")
                    });
                self
            }
            pub fn phone_number<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.phone_number = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for phone_number: {e}")
                    });
                self
            }
            pub fn text<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.text = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for text: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
            pub fn url<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.url = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for url: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateButtonDefinition>
        for super::TemplateButtonDefinition {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateButtonDefinition,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    example: value.example?,
                    flow_action: value.flow_action?,
                    flow_id: value.flow_id?,
                    phone_number: value.phone_number?,
                    text: value.text?,
                    type_: value.type_?,
                    url: value.url?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateButtonDefinition>
        for TemplateButtonDefinition {
            fn from(value: super::TemplateButtonDefinition) -> Self {
                Self {
                    example: Ok(value.example),
                    flow_action: Ok(value.flow_action),
                    flow_id: Ok(value.flow_id),
                    phone_number: Ok(value.phone_number),
                    text: Ok(value.text),
                    type_: Ok(value.type_),
                    url: Ok(value.url),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateCardDefinition {
            components: ::std::result::Result<
                ::std::vec::Vec<super::TemplateComponentDefinition>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TemplateCardDefinition {
            fn default() -> Self {
                Self {
                    components: Ok(Default::default()),
                }
            }
        }
        impl TemplateCardDefinition {
            pub fn components<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<super::TemplateComponentDefinition>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.components = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for components: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateCardDefinition>
        for super::TemplateCardDefinition {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateCardDefinition,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    components: value.components?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateCardDefinition>
        for TemplateCardDefinition {
            fn from(value: super::TemplateCardDefinition) -> Self {
                Self {
                    components: Ok(value.components),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateComponentDefinition {
            buttons: ::std::result::Result<
                ::std::vec::Vec<super::TemplateButtonDefinition>,
                ::std::string::String,
            >,
            cards: ::std::result::Result<
                ::std::vec::Vec<super::TemplateCardDefinition>,
                ::std::string::String,
            >,
            example: ::std::result::Result<
                ::std::option::Option<super::TemplateExample>,
                ::std::string::String,
            >,
            format: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            limited_time_offer: ::std::result::Result<
                ::std::option::Option<
                    super::TemplateComponentDefinitionLimitedTimeOffer,
                >,
                ::std::string::String,
            >,
            text: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for TemplateComponentDefinition {
            fn default() -> Self {
                Self {
                    buttons: Ok(Default::default()),
                    cards: Ok(Default::default()),
                    example: Ok(Default::default()),
                    format: Ok(Default::default()),
                    limited_time_offer: Ok(Default::default()),
                    text: Ok(Default::default()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl TemplateComponentDefinition {
            pub fn buttons<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<super::TemplateButtonDefinition>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.buttons = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for buttons: {e}")
                    });
                self
            }
            pub fn cards<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<super::TemplateCardDefinition>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.cards = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for cards: {e}")
                    });
                self
            }
            pub fn example<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::TemplateExample>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.example = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for example: {e}")
                    });
                self
            }
            pub fn format<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.format = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for format: {e}")
                    });
                self
            }
            pub fn limited_time_offer<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        super::TemplateComponentDefinitionLimitedTimeOffer,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.limited_time_offer = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for limited_time_offer: {e}"
                        )
                    });
                self
            }
            pub fn text<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.text = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for text: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateComponentDefinition>
        for super::TemplateComponentDefinition {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateComponentDefinition,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    buttons: value.buttons?,
                    cards: value.cards?,
                    example: value.example?,
                    format: value.format?,
                    limited_time_offer: value.limited_time_offer?,
                    text: value.text?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateComponentDefinition>
        for TemplateComponentDefinition {
            fn from(value: super::TemplateComponentDefinition) -> Self {
                Self {
                    buttons: Ok(value.buttons),
                    cards: Ok(value.cards),
                    example: Ok(value.example),
                    format: Ok(value.format),
                    limited_time_offer: Ok(value.limited_time_offer),
                    text: Ok(value.text),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateComponentDefinitionLimitedTimeOffer {
            has_expiration: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            text: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TemplateComponentDefinitionLimitedTimeOffer {
            fn default() -> Self {
                Self {
                    has_expiration: Ok(Default::default()),
                    text: Ok(Default::default()),
                }
            }
        }
        impl TemplateComponentDefinitionLimitedTimeOffer {
            pub fn has_expiration<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.has_expiration = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for has_expiration: {e}"
                        )
                    });
                self
            }
            pub fn text<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.text = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for text: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateComponentDefinitionLimitedTimeOffer>
        for super::TemplateComponentDefinitionLimitedTimeOffer {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateComponentDefinitionLimitedTimeOffer,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    has_expiration: value.has_expiration?,
                    text: value.text?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateComponentDefinitionLimitedTimeOffer>
        for TemplateComponentDefinitionLimitedTimeOffer {
            fn from(value: super::TemplateComponentDefinitionLimitedTimeOffer) -> Self {
                Self {
                    has_expiration: Ok(value.has_expiration),
                    text: Ok(value.text),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateDegreesOfFreedom {
            creative_features_spec: ::std::result::Result<
                ::std::option::Option<
                    super::TemplateDegreesOfFreedomCreativeFeaturesSpec,
                >,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TemplateDegreesOfFreedom {
            fn default() -> Self {
                Self {
                    creative_features_spec: Ok(Default::default()),
                }
            }
        }
        impl TemplateDegreesOfFreedom {
            pub fn creative_features_spec<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        super::TemplateDegreesOfFreedomCreativeFeaturesSpec,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.creative_features_spec = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for creative_features_spec: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateDegreesOfFreedom>
        for super::TemplateDegreesOfFreedom {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateDegreesOfFreedom,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    creative_features_spec: value.creative_features_spec?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateDegreesOfFreedom>
        for TemplateDegreesOfFreedom {
            fn from(value: super::TemplateDegreesOfFreedom) -> Self {
                Self {
                    creative_features_spec: Ok(value.creative_features_spec),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateExample {
            body_text: ::std::result::Result<
                ::std::vec::Vec<::std::vec::Vec<::std::string::String>>,
                ::std::string::String,
            >,
            body_text_named_params: ::std::result::Result<
                ::std::vec::Vec<super::TemplateNamedExample>,
                ::std::string::String,
            >,
            header_handle: ::std::result::Result<
                ::std::vec::Vec<::std::string::String>,
                ::std::string::String,
            >,
            header_text: ::std::result::Result<
                ::std::vec::Vec<::std::string::String>,
                ::std::string::String,
            >,
            header_text_named_params: ::std::result::Result<
                ::std::vec::Vec<super::TemplateNamedExample>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TemplateExample {
            fn default() -> Self {
                Self {
                    body_text: Ok(Default::default()),
                    body_text_named_params: Ok(Default::default()),
                    header_handle: Ok(Default::default()),
                    header_text: Ok(Default::default()),
                    header_text_named_params: Ok(Default::default()),
                }
            }
        }
        impl TemplateExample {
            pub fn body_text<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::vec::Vec<::std::vec::Vec<::std::string::String>>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.body_text = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for body_text: {e}")
                    });
                self
            }
            pub fn body_text_named_params<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::TemplateNamedExample>>,
                T::Error: ::std::fmt::Display,
            {
                self.body_text_named_params = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for body_text_named_params: {e}"
                        )
                    });
                self
            }
            pub fn header_handle<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.header_handle = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for header_handle: {e}")
                    });
                self
            }
            pub fn header_text<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.header_text = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for header_text: {e}")
                    });
                self
            }
            pub fn header_text_named_params<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::TemplateNamedExample>>,
                T::Error: ::std::fmt::Display,
            {
                self.header_text_named_params = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for header_text_named_params: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateExample> for super::TemplateExample {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateExample,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    body_text: value.body_text?,
                    body_text_named_params: value.body_text_named_params?,
                    header_handle: value.header_handle?,
                    header_text: value.header_text?,
                    header_text_named_params: value.header_text_named_params?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateExample> for TemplateExample {
            fn from(value: super::TemplateExample) -> Self {
                Self {
                    body_text: Ok(value.body_text),
                    body_text_named_params: Ok(value.body_text_named_params),
                    header_handle: Ok(value.header_handle),
                    header_text: Ok(value.header_text),
                    header_text_named_params: Ok(value.header_text_named_params),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateNamedExample {
            example: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            param_name: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TemplateNamedExample {
            fn default() -> Self {
                Self {
                    example: Ok(Default::default()),
                    param_name: Err("no value supplied for param_name".to_string()),
                }
            }
        }
        impl TemplateNamedExample {
            pub fn example<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.example = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for example: {e}")
                    });
                self
            }
            pub fn param_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.param_name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for param_name: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateNamedExample>
        for super::TemplateNamedExample {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateNamedExample,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    example: value.example?,
                    param_name: value.param_name?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateNamedExample> for TemplateNamedExample {
            fn from(value: super::TemplateNamedExample) -> Self {
                Self {
                    example: Ok(value.example),
                    param_name: Ok(value.param_name),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TemplateObject {
            components: ::std::result::Result<
                ::std::vec::Vec<super::TemplateComponent>,
                ::std::string::String,
            >,
            language: ::std::result::Result<
                super::LanguageObject,
                ::std::string::String,
            >,
            name: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for TemplateObject {
            fn default() -> Self {
                Self {
                    components: Ok(Default::default()),
                    language: Err("no value supplied for language".to_string()),
                    name: Err("no value supplied for name".to_string()),
                }
            }
        }
        impl TemplateObject {
            pub fn components<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::TemplateComponent>>,
                T::Error: ::std::fmt::Display,
            {
                self.components = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for components: {e}")
                    });
                self
            }
            pub fn language<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::LanguageObject>,
                T::Error: ::std::fmt::Display,
            {
                self.language = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for language: {e}")
                    });
                self
            }
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TemplateObject> for super::TemplateObject {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TemplateObject,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    components: value.components?,
                    language: value.language?,
                    name: value.name?,
                })
            }
        }
        impl ::std::convert::From<super::TemplateObject> for TemplateObject {
            fn from(value: super::TemplateObject) -> Self {
                Self {
                    components: Ok(value.components),
                    language: Ok(value.language),
                    name: Ok(value.name),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct TextParameter {
            parameter_name: ::std::result::Result<
                ::std::option::Option<super::ParameterName>,
                ::std::string::String,
            >,
            text: ::std::result::Result<::std::string::String, ::std::string::String>,
            type_: ::std::result::Result<
                super::TextParameterType,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for TextParameter {
            fn default() -> Self {
                Self {
                    parameter_name: Ok(Default::default()),
                    text: Err("no value supplied for text".to_string()),
                    type_: Err("no value supplied for type_".to_string()),
                }
            }
        }
        impl TextParameter {
            pub fn parameter_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<super::ParameterName>>,
                T::Error: ::std::fmt::Display,
            {
                self.parameter_name = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for parameter_name: {e}"
                        )
                    });
                self
            }
            pub fn text<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.text = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for text: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::TextParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<TextParameter> for super::TextParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: TextParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    parameter_name: value.parameter_name?,
                    text: value.text?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::TextParameter> for TextParameter {
            fn from(value: super::TextParameter) -> Self {
                Self {
                    parameter_name: Ok(value.parameter_name),
                    text: Ok(value.text),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct Throughput {
            level: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for Throughput {
            fn default() -> Self {
                Self {
                    level: Ok(Default::default()),
                }
            }
        }
        impl Throughput {
            pub fn level<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.level = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for level: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<Throughput> for super::Throughput {
            type Error = super::error::ConversionError;
            fn try_from(
                value: Throughput,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { level: value.level? })
            }
        }
        impl ::std::convert::From<super::Throughput> for Throughput {
            fn from(value: super::Throughput) -> Self {
                Self { level: Ok(value.level) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct UserActionEvent {
            action_type: ::std::result::Result<
                ::std::string::String,
                ::std::string::String,
            >,
            marketing_messages_link_click_data: ::std::result::Result<
                ::std::option::Option<
                    super::UserActionEventMarketingMessagesLinkClickData,
                >,
                ::std::string::String,
            >,
            timestamp: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for UserActionEvent {
            fn default() -> Self {
                Self {
                    action_type: Err("no value supplied for action_type".to_string()),
                    marketing_messages_link_click_data: Ok(Default::default()),
                    timestamp: Ok(Default::default()),
                }
            }
        }
        impl UserActionEvent {
            pub fn action_type<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.action_type = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for action_type: {e}")
                    });
                self
            }
            pub fn marketing_messages_link_click_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<
                        super::UserActionEventMarketingMessagesLinkClickData,
                    >,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.marketing_messages_link_click_data = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for marketing_messages_link_click_data: {e}"
                        )
                    });
                self
            }
            pub fn timestamp<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.timestamp = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for timestamp: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<UserActionEvent> for super::UserActionEvent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: UserActionEvent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    action_type: value.action_type?,
                    marketing_messages_link_click_data: value
                        .marketing_messages_link_click_data?,
                    timestamp: value.timestamp?,
                })
            }
        }
        impl ::std::convert::From<super::UserActionEvent> for UserActionEvent {
            fn from(value: super::UserActionEvent) -> Self {
                Self {
                    action_type: Ok(value.action_type),
                    marketing_messages_link_click_data: Ok(
                        value.marketing_messages_link_click_data,
                    ),
                    timestamp: Ok(value.timestamp),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct UserActionEventMarketingMessagesLinkClickData {
            click_component: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            click_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            product_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            tracking_token: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for UserActionEventMarketingMessagesLinkClickData {
            fn default() -> Self {
                Self {
                    click_component: Ok(Default::default()),
                    click_id: Ok(Default::default()),
                    product_id: Ok(Default::default()),
                    tracking_token: Ok(Default::default()),
                }
            }
        }
        impl UserActionEventMarketingMessagesLinkClickData {
            pub fn click_component<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.click_component = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for click_component: {e}"
                        )
                    });
                self
            }
            pub fn click_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.click_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for click_id: {e}")
                    });
                self
            }
            pub fn product_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.product_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for product_id: {e}")
                    });
                self
            }
            pub fn tracking_token<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.tracking_token = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for tracking_token: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<UserActionEventMarketingMessagesLinkClickData>
        for super::UserActionEventMarketingMessagesLinkClickData {
            type Error = super::error::ConversionError;
            fn try_from(
                value: UserActionEventMarketingMessagesLinkClickData,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    click_component: value.click_component?,
                    click_id: value.click_id?,
                    product_id: value.product_id?,
                    tracking_token: value.tracking_token?,
                })
            }
        }
        impl ::std::convert::From<super::UserActionEventMarketingMessagesLinkClickData>
        for UserActionEventMarketingMessagesLinkClickData {
            fn from(
                value: super::UserActionEventMarketingMessagesLinkClickData,
            ) -> Self {
                Self {
                    click_component: Ok(value.click_component),
                    click_id: Ok(value.click_id),
                    product_id: Ok(value.product_id),
                    tracking_token: Ok(value.tracking_token),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct UserPreferenceEvent {
            category: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            detail: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            timestamp: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            user_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            value: ::std::result::Result<crate::PreferenceValue, ::std::string::String>,
            wa_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for UserPreferenceEvent {
            fn default() -> Self {
                Self {
                    category: Ok(Default::default()),
                    detail: Ok(Default::default()),
                    timestamp: Ok(Default::default()),
                    user_id: Ok(Default::default()),
                    value: Err("no value supplied for value".to_string()),
                    wa_id: Ok(Default::default()),
                }
            }
        }
        impl UserPreferenceEvent {
            pub fn category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.category = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for category: {e}")
                    });
                self
            }
            pub fn detail<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.detail = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for detail: {e}")
                    });
                self
            }
            pub fn timestamp<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.timestamp = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for timestamp: {e}")
                    });
                self
            }
            pub fn user_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.user_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for user_id: {e}")
                    });
                self
            }
            pub fn value<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::PreferenceValue>,
                T::Error: ::std::fmt::Display,
            {
                self.value = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for value: {e}")
                    });
                self
            }
            pub fn wa_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.wa_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for wa_id: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<UserPreferenceEvent>
        for super::UserPreferenceEvent {
            type Error = super::error::ConversionError;
            fn try_from(
                value: UserPreferenceEvent,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    category: value.category?,
                    detail: value.detail?,
                    timestamp: value.timestamp?,
                    user_id: value.user_id?,
                    value: value.value?,
                    wa_id: value.wa_id?,
                })
            }
        }
        impl ::std::convert::From<super::UserPreferenceEvent> for UserPreferenceEvent {
            fn from(value: super::UserPreferenceEvent) -> Self {
                Self {
                    category: Ok(value.category),
                    detail: Ok(value.detail),
                    timestamp: Ok(value.timestamp),
                    user_id: Ok(value.user_id),
                    value: Ok(value.value),
                    wa_id: Ok(value.wa_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct VideoParameter {
            type_: ::std::result::Result<
                super::VideoParameterType,
                ::std::string::String,
            >,
            video: ::std::result::Result<super::MediaObject, ::std::string::String>,
        }
        impl ::std::default::Default for VideoParameter {
            fn default() -> Self {
                Self {
                    type_: Err("no value supplied for type_".to_string()),
                    video: Err("no value supplied for video".to_string()),
                }
            }
        }
        impl VideoParameter {
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::VideoParameterType>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
            pub fn video<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::MediaObject>,
                T::Error: ::std::fmt::Display,
            {
                self.video = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for video: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<VideoParameter> for super::VideoParameter {
            type Error = super::error::ConversionError;
            fn try_from(
                value: VideoParameter,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    type_: value.type_?,
                    video: value.video?,
                })
            }
        }
        impl ::std::convert::From<super::VideoParameter> for VideoParameter {
            fn from(value: super::VideoParameter) -> Self {
                Self {
                    type_: Ok(value.type_),
                    video: Ok(value.video),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookChange {
            field: ::std::result::Result<crate::WebhookField, ::std::string::String>,
            value: ::std::result::Result<super::WebhookValue, ::std::string::String>,
        }
        impl ::std::default::Default for WebhookChange {
            fn default() -> Self {
                Self {
                    field: Err("no value supplied for field".to_string()),
                    value: Err("no value supplied for value".to_string()),
                }
            }
        }
        impl WebhookChange {
            pub fn field<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<crate::WebhookField>,
                T::Error: ::std::fmt::Display,
            {
                self.field = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for field: {e}")
                    });
                self
            }
            pub fn value<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<super::WebhookValue>,
                T::Error: ::std::fmt::Display,
            {
                self.value = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for value: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookChange> for super::WebhookChange {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookChange,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    field: value.field?,
                    value: value.value?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookChange> for WebhookChange {
            fn from(value: super::WebhookChange) -> Self {
                Self {
                    field: Ok(value.field),
                    value: Ok(value.value),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookContact {
            parent_user_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            profile: ::std::result::Result<
                ::std::option::Option<super::WebhookContactProfile>,
                ::std::string::String,
            >,
            user_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            wa_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for WebhookContact {
            fn default() -> Self {
                Self {
                    parent_user_id: Ok(Default::default()),
                    profile: Ok(Default::default()),
                    user_id: Ok(Default::default()),
                    wa_id: Ok(Default::default()),
                }
            }
        }
        impl WebhookContact {
            pub fn parent_user_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.parent_user_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for parent_user_id: {e}"
                        )
                    });
                self
            }
            pub fn profile<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::WebhookContactProfile>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.profile = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for profile: {e}")
                    });
                self
            }
            pub fn user_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.user_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for user_id: {e}")
                    });
                self
            }
            pub fn wa_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.wa_id = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for wa_id: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookContact> for super::WebhookContact {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookContact,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    parent_user_id: value.parent_user_id?,
                    profile: value.profile?,
                    user_id: value.user_id?,
                    wa_id: value.wa_id?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookContact> for WebhookContact {
            fn from(value: super::WebhookContact) -> Self {
                Self {
                    parent_user_id: Ok(value.parent_user_id),
                    profile: Ok(value.profile),
                    user_id: Ok(value.user_id),
                    wa_id: Ok(value.wa_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookContactProfile {
            name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            username: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for WebhookContactProfile {
            fn default() -> Self {
                Self {
                    name: Ok(Default::default()),
                    username: Ok(Default::default()),
                }
            }
        }
        impl WebhookContactProfile {
            pub fn name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.name = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for name: {e}")
                    });
                self
            }
            pub fn username<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.username = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for username: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookContactProfile>
        for super::WebhookContactProfile {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookContactProfile,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    name: value.name?,
                    username: value.username?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookContactProfile>
        for WebhookContactProfile {
            fn from(value: super::WebhookContactProfile) -> Self {
                Self {
                    name: Ok(value.name),
                    username: Ok(value.username),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookEntry {
            changes: ::std::result::Result<
                ::std::vec::Vec<super::WebhookChange>,
                ::std::string::String,
            >,
            id: ::std::result::Result<::std::string::String, ::std::string::String>,
            time: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for WebhookEntry {
            fn default() -> Self {
                Self {
                    changes: Err("no value supplied for changes".to_string()),
                    id: Err("no value supplied for id".to_string()),
                    time: Ok(Default::default()),
                }
            }
        }
        impl WebhookEntry {
            pub fn changes<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::WebhookChange>>,
                T::Error: ::std::fmt::Display,
            {
                self.changes = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for changes: {e}")
                    });
                self
            }
            pub fn id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.id = value
                    .try_into()
                    .map_err(|e| format!("error converting supplied value for id: {e}"));
                self
            }
            pub fn time<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.time = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for time: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookEntry> for super::WebhookEntry {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookEntry,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    changes: value.changes?,
                    id: value.id?,
                    time: value.time?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookEntry> for WebhookEntry {
            fn from(value: super::WebhookEntry) -> Self {
                Self {
                    changes: Ok(value.changes),
                    id: Ok(value.id),
                    time: Ok(value.time),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookError {
            code: ::std::result::Result<i64, ::std::string::String>,
            error_data: ::std::result::Result<
                ::std::option::Option<super::WebhookErrorErrorData>,
                ::std::string::String,
            >,
            href: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            message: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            title: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for WebhookError {
            fn default() -> Self {
                Self {
                    code: Err("no value supplied for code".to_string()),
                    error_data: Ok(Default::default()),
                    href: Ok(Default::default()),
                    message: Ok(Default::default()),
                    title: Ok(Default::default()),
                }
            }
        }
        impl WebhookError {
            pub fn code<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<i64>,
                T::Error: ::std::fmt::Display,
            {
                self.code = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for code: {e}")
                    });
                self
            }
            pub fn error_data<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::WebhookErrorErrorData>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.error_data = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for error_data: {e}")
                    });
                self
            }
            pub fn href<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.href = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for href: {e}")
                    });
                self
            }
            pub fn message<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.message = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for message: {e}")
                    });
                self
            }
            pub fn title<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.title = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for title: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookError> for super::WebhookError {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookError,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    code: value.code?,
                    error_data: value.error_data?,
                    href: value.href?,
                    message: value.message?,
                    title: value.title?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookError> for WebhookError {
            fn from(value: super::WebhookError) -> Self {
                Self {
                    code: Ok(value.code),
                    error_data: Ok(value.error_data),
                    href: Ok(value.href),
                    message: Ok(value.message),
                    title: Ok(value.title),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookErrorErrorData {
            details: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for WebhookErrorErrorData {
            fn default() -> Self {
                Self {
                    details: Ok(Default::default()),
                }
            }
        }
        impl WebhookErrorErrorData {
            pub fn details<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.details = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for details: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookErrorErrorData>
        for super::WebhookErrorErrorData {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookErrorErrorData,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self { details: value.details? })
            }
        }
        impl ::std::convert::From<super::WebhookErrorErrorData>
        for WebhookErrorErrorData {
            fn from(value: super::WebhookErrorErrorData) -> Self {
                Self { details: Ok(value.details) }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookMetadata {
            display_phone_number: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            phone_number_id: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for WebhookMetadata {
            fn default() -> Self {
                Self {
                    display_phone_number: Ok(Default::default()),
                    phone_number_id: Ok(Default::default()),
                }
            }
        }
        impl WebhookMetadata {
            pub fn display_phone_number<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.display_phone_number = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for display_phone_number: {e}"
                        )
                    });
                self
            }
            pub fn phone_number_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.phone_number_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for phone_number_id: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookMetadata> for super::WebhookMetadata {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookMetadata,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    display_phone_number: value.display_phone_number?,
                    phone_number_id: value.phone_number_id?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookMetadata> for WebhookMetadata {
            fn from(value: super::WebhookMetadata) -> Self {
                Self {
                    display_phone_number: Ok(value.display_phone_number),
                    phone_number_id: Ok(value.phone_number_id),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookPayload {
            entry: ::std::result::Result<
                ::std::vec::Vec<super::WebhookEntry>,
                ::std::string::String,
            >,
            object: ::std::result::Result<::std::string::String, ::std::string::String>,
        }
        impl ::std::default::Default for WebhookPayload {
            fn default() -> Self {
                Self {
                    entry: Err("no value supplied for entry".to_string()),
                    object: Err("no value supplied for object".to_string()),
                }
            }
        }
        impl WebhookPayload {
            pub fn entry<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::WebhookEntry>>,
                T::Error: ::std::fmt::Display,
            {
                self.entry = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for entry: {e}")
                    });
                self
            }
            pub fn object<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::string::String>,
                T::Error: ::std::fmt::Display,
            {
                self.object = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for object: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookPayload> for super::WebhookPayload {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookPayload,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    entry: value.entry?,
                    object: value.object?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookPayload> for WebhookPayload {
            fn from(value: super::WebhookPayload) -> Self {
                Self {
                    entry: Ok(value.entry),
                    object: Ok(value.object),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookPricing {
            billable: ::std::result::Result<
                ::std::option::Option<bool>,
                ::std::string::String,
            >,
            category: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            pricing_model: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            type_: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for WebhookPricing {
            fn default() -> Self {
                Self {
                    billable: Ok(Default::default()),
                    category: Ok(Default::default()),
                    pricing_model: Ok(Default::default()),
                    type_: Ok(Default::default()),
                }
            }
        }
        impl WebhookPricing {
            pub fn billable<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<bool>>,
                T::Error: ::std::fmt::Display,
            {
                self.billable = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for billable: {e}")
                    });
                self
            }
            pub fn category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.category = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for category: {e}")
                    });
                self
            }
            pub fn pricing_model<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.pricing_model = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for pricing_model: {e}")
                    });
                self
            }
            pub fn type_<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.type_ = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for type_: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookPricing> for super::WebhookPricing {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookPricing,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    billable: value.billable?,
                    category: value.category?,
                    pricing_model: value.pricing_model?,
                    type_: value.type_?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookPricing> for WebhookPricing {
            fn from(value: super::WebhookPricing) -> Self {
                Self {
                    billable: Ok(value.billable),
                    category: Ok(value.category),
                    pricing_model: Ok(value.pricing_model),
                    type_: Ok(value.type_),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookValue {
            contacts: ::std::result::Result<
                ::std::vec::Vec<super::WebhookContact>,
                ::std::string::String,
            >,
            correct_category: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            disable_info: ::std::result::Result<
                ::std::option::Option<super::WebhookValueDisableInfo>,
                ::std::string::String,
            >,
            errors: ::std::result::Result<
                ::std::vec::Vec<super::WebhookError>,
                ::std::string::String,
            >,
            event: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            message_template_category: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            message_template_id: ::std::result::Result<
                ::std::option::Option<i64>,
                ::std::string::String,
            >,
            message_template_language: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            message_template_name: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            messages: ::std::result::Result<
                ::std::vec::Vec<super::InboundMessage>,
                ::std::string::String,
            >,
            messaging_product: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            metadata: ::std::result::Result<
                ::std::option::Option<super::WebhookMetadata>,
                ::std::string::String,
            >,
            new_category: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            new_quality_score: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            other_info: ::std::result::Result<
                ::std::option::Option<super::WebhookValueOtherInfo>,
                ::std::string::String,
            >,
            previous_category: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            previous_quality_score: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            reason: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            rejection_info: ::std::result::Result<
                ::std::option::Option<super::WebhookValueRejectionInfo>,
                ::std::string::String,
            >,
            statuses: ::std::result::Result<
                ::std::vec::Vec<super::StatusEvent>,
                ::std::string::String,
            >,
            user_actions: ::std::result::Result<
                ::std::vec::Vec<super::UserActionEvent>,
                ::std::string::String,
            >,
            user_preferences: ::std::result::Result<
                ::std::vec::Vec<super::UserPreferenceEvent>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for WebhookValue {
            fn default() -> Self {
                Self {
                    contacts: Ok(Default::default()),
                    correct_category: Ok(Default::default()),
                    disable_info: Ok(Default::default()),
                    errors: Ok(Default::default()),
                    event: Ok(Default::default()),
                    message_template_category: Ok(Default::default()),
                    message_template_id: Ok(Default::default()),
                    message_template_language: Ok(Default::default()),
                    message_template_name: Ok(Default::default()),
                    messages: Ok(Default::default()),
                    messaging_product: Ok(Default::default()),
                    metadata: Ok(Default::default()),
                    new_category: Ok(Default::default()),
                    new_quality_score: Ok(Default::default()),
                    other_info: Ok(Default::default()),
                    previous_category: Ok(Default::default()),
                    previous_quality_score: Ok(Default::default()),
                    reason: Ok(Default::default()),
                    rejection_info: Ok(Default::default()),
                    statuses: Ok(Default::default()),
                    user_actions: Ok(Default::default()),
                    user_preferences: Ok(Default::default()),
                }
            }
        }
        impl WebhookValue {
            pub fn contacts<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::WebhookContact>>,
                T::Error: ::std::fmt::Display,
            {
                self.contacts = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for contacts: {e}")
                    });
                self
            }
            pub fn correct_category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.correct_category = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for correct_category: {e}"
                        )
                    });
                self
            }
            pub fn disable_info<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::WebhookValueDisableInfo>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.disable_info = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for disable_info: {e}")
                    });
                self
            }
            pub fn errors<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::WebhookError>>,
                T::Error: ::std::fmt::Display,
            {
                self.errors = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for errors: {e}")
                    });
                self
            }
            pub fn event<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.event = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for event: {e}")
                    });
                self
            }
            pub fn message_template_category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_template_category = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for message_template_category: {e}"
                        )
                    });
                self
            }
            pub fn message_template_id<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<i64>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_template_id = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for message_template_id: {e}"
                        )
                    });
                self
            }
            pub fn message_template_language<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_template_language = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for message_template_language: {e}"
                        )
                    });
                self
            }
            pub fn message_template_name<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.message_template_name = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for message_template_name: {e}"
                        )
                    });
                self
            }
            pub fn messages<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::InboundMessage>>,
                T::Error: ::std::fmt::Display,
            {
                self.messages = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for messages: {e}")
                    });
                self
            }
            pub fn messaging_product<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.messaging_product = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for messaging_product: {e}"
                        )
                    });
                self
            }
            pub fn metadata<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::WebhookMetadata>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.metadata = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for metadata: {e}")
                    });
                self
            }
            pub fn new_category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.new_category = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for new_category: {e}")
                    });
                self
            }
            pub fn new_quality_score<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.new_quality_score = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for new_quality_score: {e}"
                        )
                    });
                self
            }
            pub fn other_info<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::WebhookValueOtherInfo>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.other_info = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for other_info: {e}")
                    });
                self
            }
            pub fn previous_category<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.previous_category = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for previous_category: {e}"
                        )
                    });
                self
            }
            pub fn previous_quality_score<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.previous_quality_score = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for previous_quality_score: {e}"
                        )
                    });
                self
            }
            pub fn reason<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.reason = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for reason: {e}")
                    });
                self
            }
            pub fn rejection_info<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<
                    ::std::option::Option<super::WebhookValueRejectionInfo>,
                >,
                T::Error: ::std::fmt::Display,
            {
                self.rejection_info = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for rejection_info: {e}"
                        )
                    });
                self
            }
            pub fn statuses<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::StatusEvent>>,
                T::Error: ::std::fmt::Display,
            {
                self.statuses = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for statuses: {e}")
                    });
                self
            }
            pub fn user_actions<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::UserActionEvent>>,
                T::Error: ::std::fmt::Display,
            {
                self.user_actions = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for user_actions: {e}")
                    });
                self
            }
            pub fn user_preferences<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::vec::Vec<super::UserPreferenceEvent>>,
                T::Error: ::std::fmt::Display,
            {
                self.user_preferences = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for user_preferences: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookValue> for super::WebhookValue {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookValue,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    contacts: value.contacts?,
                    correct_category: value.correct_category?,
                    disable_info: value.disable_info?,
                    errors: value.errors?,
                    event: value.event?,
                    message_template_category: value.message_template_category?,
                    message_template_id: value.message_template_id?,
                    message_template_language: value.message_template_language?,
                    message_template_name: value.message_template_name?,
                    messages: value.messages?,
                    messaging_product: value.messaging_product?,
                    metadata: value.metadata?,
                    new_category: value.new_category?,
                    new_quality_score: value.new_quality_score?,
                    other_info: value.other_info?,
                    previous_category: value.previous_category?,
                    previous_quality_score: value.previous_quality_score?,
                    reason: value.reason?,
                    rejection_info: value.rejection_info?,
                    statuses: value.statuses?,
                    user_actions: value.user_actions?,
                    user_preferences: value.user_preferences?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookValue> for WebhookValue {
            fn from(value: super::WebhookValue) -> Self {
                Self {
                    contacts: Ok(value.contacts),
                    correct_category: Ok(value.correct_category),
                    disable_info: Ok(value.disable_info),
                    errors: Ok(value.errors),
                    event: Ok(value.event),
                    message_template_category: Ok(value.message_template_category),
                    message_template_id: Ok(value.message_template_id),
                    message_template_language: Ok(value.message_template_language),
                    message_template_name: Ok(value.message_template_name),
                    messages: Ok(value.messages),
                    messaging_product: Ok(value.messaging_product),
                    metadata: Ok(value.metadata),
                    new_category: Ok(value.new_category),
                    new_quality_score: Ok(value.new_quality_score),
                    other_info: Ok(value.other_info),
                    previous_category: Ok(value.previous_category),
                    previous_quality_score: Ok(value.previous_quality_score),
                    reason: Ok(value.reason),
                    rejection_info: Ok(value.rejection_info),
                    statuses: Ok(value.statuses),
                    user_actions: Ok(value.user_actions),
                    user_preferences: Ok(value.user_preferences),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookValueDisableInfo {
            disable_date: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for WebhookValueDisableInfo {
            fn default() -> Self {
                Self {
                    disable_date: Ok(Default::default()),
                }
            }
        }
        impl WebhookValueDisableInfo {
            pub fn disable_date<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.disable_date = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for disable_date: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookValueDisableInfo>
        for super::WebhookValueDisableInfo {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookValueDisableInfo,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    disable_date: value.disable_date?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookValueDisableInfo>
        for WebhookValueDisableInfo {
            fn from(value: super::WebhookValueDisableInfo) -> Self {
                Self {
                    disable_date: Ok(value.disable_date),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookValueOtherInfo {
            description: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            title: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for WebhookValueOtherInfo {
            fn default() -> Self {
                Self {
                    description: Ok(Default::default()),
                    title: Ok(Default::default()),
                }
            }
        }
        impl WebhookValueOtherInfo {
            pub fn description<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.description = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for description: {e}")
                    });
                self
            }
            pub fn title<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.title = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for title: {e}")
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookValueOtherInfo>
        for super::WebhookValueOtherInfo {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookValueOtherInfo,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    description: value.description?,
                    title: value.title?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookValueOtherInfo>
        for WebhookValueOtherInfo {
            fn from(value: super::WebhookValueOtherInfo) -> Self {
                Self {
                    description: Ok(value.description),
                    title: Ok(value.title),
                }
            }
        }
        #[derive(Clone, Debug)]
        pub struct WebhookValueRejectionInfo {
            reason: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
            recommendation: ::std::result::Result<
                ::std::option::Option<::std::string::String>,
                ::std::string::String,
            >,
        }
        impl ::std::default::Default for WebhookValueRejectionInfo {
            fn default() -> Self {
                Self {
                    reason: Ok(Default::default()),
                    recommendation: Ok(Default::default()),
                }
            }
        }
        impl WebhookValueRejectionInfo {
            pub fn reason<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.reason = value
                    .try_into()
                    .map_err(|e| {
                        format!("error converting supplied value for reason: {e}")
                    });
                self
            }
            pub fn recommendation<T>(mut self, value: T) -> Self
            where
                T: ::std::convert::TryInto<::std::option::Option<::std::string::String>>,
                T::Error: ::std::fmt::Display,
            {
                self.recommendation = value
                    .try_into()
                    .map_err(|e| {
                        format!(
                            "error converting supplied value for recommendation: {e}"
                        )
                    });
                self
            }
        }
        impl ::std::convert::TryFrom<WebhookValueRejectionInfo>
        for super::WebhookValueRejectionInfo {
            type Error = super::error::ConversionError;
            fn try_from(
                value: WebhookValueRejectionInfo,
            ) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    reason: value.reason?,
                    recommendation: value.recommendation?,
                })
            }
        }
        impl ::std::convert::From<super::WebhookValueRejectionInfo>
        for WebhookValueRejectionInfo {
            fn from(value: super::WebhookValueRejectionInfo) -> Self {
                Self {
                    reason: Ok(value.reason),
                    recommendation: Ok(value.recommendation),
                }
            }
        }
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
}
#[derive(Clone, Debug)]
/**Client for WhatsApp Marketing Messages Lite API

Sends WhatsApp marketing template messages through Meta's Marketing Messages Lite
endpoint (later renamed "Marketing Messages API for WhatsApp"; the endpoint and the
body did not change). Meta optimises delivery of these messages and reports richer
engagement data than the plain Cloud API `/messages` endpoint.

This document is wamm's own description of the endpoint. It is the single source of
truth for the wire types in `crates/client` (generated by `cargo xtask codegen`) and
for the request validation done by the wamm sandbox.

Accepting a message (HTTP 200) does not mean it was delivered: delivery, reads and
failures arrive later as status webhooks.


Version: v23.0*/
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::Hooks,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new(baseurl: &str, inner: crate::Hooks) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap(), inner)
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::Hooks,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}
impl ClientInfo<crate::Hooks> for Client {
    fn api_version() -> &'static str {
        "v23.0"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &crate::Hooks {
        &self.inner
    }
}
const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<crate::Hooks>,
    {}
};
impl Client {
    /**Send a marketing template message

Sends one pre-approved MARKETING template to one WhatsApp user. Only template
messages are allowed; the template must be approved for the requested language.

The endpoint has no idempotency key. After a timeout, a connection dropped once
the body was sent, or a 5xx response, the message may or may not have been
created: resending it can deliver a duplicate marketing message to a real person.
Only the throttling errors (codes 4, 80007, 130429, 131056) and template syncing
(134101) prove that nothing was created.


Sends a `POST` request to `/{Version}/{Phone-Number-ID}/marketing_messages`

Arguments:
- `version`: Graph API version, for example `v23.0`. The MM-specific error codes exist from v23.0.
- `phone_number_id`: The ID of the business phone number that sends the message (digits, not the phone number itself).
- `body`: JSON only, as in Meta's own description of this operation.
```ignore
let response = client.send_marketing_message()
    .version(version)
    .phone_number_id(phone_number_id)
    .body(body)
    .send()
    .await;
```*/
    pub fn send_marketing_message(&self) -> builder::SendMarketingMessage<'_> {
        builder::SendMarketingMessage::new(self)
    }
    /**List the message templates of a WhatsApp Business Account

Returns the account's templates a page at a time, newest first. Follow
`paging.cursors.after` (passed back as `after`) until a page comes without
`paging.next`. A template name may exist in several languages: each language is its
own template, with its own status.

Without `fields`, Graph returns its default set (`name`, `components`, `language`,
`status`, `category`, `id`); `parameter_format` and the other fields below come only
when asked for. Values of `status`, `category` and of component and button types are
open: Meta adds new ones, and a reader keeps what it does not know.

The token needs `whatsapp_business_management`.


Sends a `GET` request to `/{Version}/{WABA-ID}/message_templates`

Arguments:
- `version`: Graph API version, for example `v23.0`.
- `waba_id`: The WhatsApp Business Account's ID (digits).
- `after`: The cursor after which the page starts (`paging.cursors.after` of the previous page).
- `before`: The cursor before which the page ends (`paging.cursors.before` of the next page).
- `category`: Only templates in these categories (comma-separated, such as `MARKETING`).
- `content`: Only templates whose text (header, body, footer, buttons, cards) contains this text.
- `fields`: Comma-separated template fields to return, such as `id,name,status`: any field of `MessageTemplate`; a field without a value for a template is left out of it, as Graph does (pywa asks for `correct_category`, `library_template_name` and `degrees_of_freedom_spec` on every listing).
- `language`: Only templates in these languages (comma-separated codes, such as `en_US,pt_BR`).
- `limit`: Templates per page.
- `name`: Only templates whose name contains this text.
- `name_or_content`: Only templates whose name or text contains this text.
- `quality_score`: Only templates with these quality scores (comma-separated: `GREEN`, `YELLOW`, `RED`, `UNKNOWN`; a template without a score counts as `UNKNOWN`).
- `status`: Only templates in these statuses (comma-separated, such as `APPROVED,PAUSED`).
- `summary`: Comma-separated summary fields to add to the answer as `summary` (`total_count`, `message_template_count`, `message_template_limit`, `are_translations_complete`, as Graph's reference for this edge lists them; pywa asks for all four), or `true` for `total_count` alone.
```ignore
let response = client.list_message_templates()
    .version(version)
    .waba_id(waba_id)
    .after(after)
    .before(before)
    .category(category)
    .content(content)
    .fields(fields)
    .language(language)
    .limit(limit)
    .name(name)
    .name_or_content(name_or_content)
    .quality_score(quality_score)
    .status(status)
    .summary(summary)
    .send()
    .await;
```*/
    pub fn list_message_templates(&self) -> builder::ListMessageTemplates<'_> {
        builder::ListMessageTemplates::new(self)
    }
    /**Submit a new message template for review

Creates one template in one language; Meta reviews it (usually minutes, up to 24 hours)
and announces the result with a `message_template_status_update` webhook. The answer
gives its ID, its status (`PENDING`, or `APPROVED` / `REJECTED` when decided at once)
and the category Meta assigned.

Source: Meta's "Create message templates" guide and the WhatsApp Business Account
message templates reference (`POST /<WABA_ID>/message_templates`); the time-to-live,
maximum price (`optimization_spec`) and creative features (`degrees_of_freedom_spec`)
from the Marketing Messages pages (time-to-live, pricing, automatic creative
optimizations).


Sends a `POST` request to `/{Version}/{WABA-ID}/message_templates`

Arguments:
- `version`: Graph API version, for example `v23.0`.
- `waba_id`: The WhatsApp Business Account's ID (digits).
- `user_agent`: Identifies the client software, for example `wamm/0.1.0`.
- `body`
```ignore
let response = client.create_message_template()
    .version(version)
    .waba_id(waba_id)
    .user_agent(user_agent)
    .body(body)
    .send()
    .await;
```*/
    pub fn create_message_template(&self) -> builder::CreateMessageTemplate<'_> {
        builder::CreateMessageTemplate::new(self)
    }
    /**Delete a template by name (every language), or one language by its ID

`name` alone deletes the template in every language; with `hsm_id` only that one.
A deleted name cannot be used again for 30 days. Source: Meta's "Delete message
templates" guide (`DELETE /<WABA_ID>/message_templates?name=...[&hsm_id=...]`).


Sends a `DELETE` request to `/{Version}/{WABA-ID}/message_templates`

Arguments:
- `version`: Graph API version, for example `v23.0`.
- `waba_id`: The WhatsApp Business Account's ID (digits).
- `hsm_id`: One language's template ID, to delete only it.
- `name`: The template's name.
- `user_agent`: Identifies the client software, for example `wamm/0.1.0`.
```ignore
let response = client.delete_message_template()
    .version(version)
    .waba_id(waba_id)
    .hsm_id(hsm_id)
    .name(name)
    .user_agent(user_agent)
    .send()
    .await;
```*/
    pub fn delete_message_template(&self) -> builder::DeleteMessageTemplate<'_> {
        builder::DeleteMessageTemplate::new(self)
    }
    /**Read a WhatsApp Business Account's fields

Graph's node read: returns the fields named in `fields` (`id` always). wamm reads
`name`, `marketing_messages_onboarding_status` and `is_enabled_for_insights` before a
campaign (`wamm account`, and `campaign run --waba-id`).

Source: Meta's WhatsApp Business Account reference (`GET /{WABA-ID}?fields=...`) and the
Marketing Messages onboarding guide, which reads `marketing_messages_onboarding_status`
this way; pywa (`types/others.py`) and meta-cloud-api read the same field. That
`is_enabled_for_insights` can be read back as a field is not confirmed in Meta's
reference: a reader treats it as unknown when absent.


Sends a `GET` request to `/{Version}/{Object-ID}`

Arguments:
- `version`: Graph API version, for example `v23.0`.
- `object_id`: A Graph object's ID (digits): a WhatsApp Business Account, or a message template.
- `fields`: Comma-separated fields of `BusinessAccount` to return.
- `user_agent`: Identifies the client software, for example `wamm/0.1.0`.
```ignore
let response = client.get_business_account()
    .version(version)
    .object_id(object_id)
    .fields(fields)
    .user_agent(user_agent)
    .send()
    .await;
```*/
    pub fn get_business_account(&self) -> builder::GetBusinessAccount<'_> {
        builder::GetBusinessAccount::new(self)
    }
    /**Update a Graph object (a WhatsApp Business Account, or a message template)

Graph's node update, one POST for two kinds of object:

- on a WhatsApp Business Account, `is_enabled_for_insights=true` (a query parameter)
  enables template analytics (and, for accounts onboarded to Marketing Messages, its
  cost and conversion metrics). Meta's reference says it cannot be turned off again
  through the API, and that data is collected only from the moment it is on. Source:
  Meta's template analytics guide ("Confirm template analytics"), mirrored by
  360dialog's template analytics page.
- on a message template (`POST /{TEMPLATE-ID}` with a JSON `MessageTemplateEdit`), an
  edit: components, category (not of an approved template), time-to-live, maximum
  price, creative features. Meta's limits: only an APPROVED, REJECTED or PAUSED template
  can be edited; an approved one at most once a day and 10 times in 30 days. Source:
  Meta's "Edit message templates" guide (WhatsApp Business Management API,
  `POST /<TEMPLATE_ID>`).

The two share the path because Graph addresses both as `/{id}`; OpenAPI allows one
POST per path.


Sends a `POST` request to `/{Version}/{Object-ID}`

Arguments:
- `version`: Graph API version, for example `v23.0`.
- `object_id`: A Graph object's ID (digits): a WhatsApp Business Account, or a message template.
- `is_enabled_for_insights`: On an account: `true` to enable template analytics (Graph cannot turn them off).
- `user_agent`: Identifies the client software, for example `wamm/0.1.0`.
- `body`: On a template, the edit.
```ignore
let response = client.update_object()
    .version(version)
    .object_id(object_id)
    .is_enabled_for_insights(is_enabled_for_insights)
    .user_agent(user_agent)
    .body(body)
    .send()
    .await;
```*/
    pub fn update_object(&self) -> builder::UpdateObject<'_> {
        builder::UpdateObject::new(self)
    }
    /**List the business phone numbers of a WhatsApp Business Account

One page of the account's numbers with the fields named in `fields`. wamm reads each
number's `status`, `quality_rating`, `messaging_limit_tier` and `throughput` before a
campaign: a number that is not `CONNECTED` cannot send, and its tier caps how many
unique users it may reach in a rolling 24 hours.

Source: Meta's WhatsApp Business Phone Number reference (the `phone_numbers` edge and
the phone number node's fields); tier and throughput values as Meta's messaging limits
and throughput pages list them.


Sends a `GET` request to `/{Version}/{WABA-ID}/phone_numbers`

Arguments:
- `version`: Graph API version, for example `v23.0`.
- `waba_id`: The WhatsApp Business Account's ID (digits).
- `after`: The cursor after which the page starts.
- `fields`: Comma-separated fields of `PhoneNumber` to return.
- `limit`: Numbers per page.
- `user_agent`: Identifies the client software, for example `wamm/0.1.0`.
```ignore
let response = client.list_phone_numbers()
    .version(version)
    .waba_id(waba_id)
    .after(after)
    .fields(fields)
    .limit(limit)
    .user_agent(user_agent)
    .send()
    .await;
```*/
    pub fn list_phone_numbers(&self) -> builder::ListPhoneNumbers<'_> {
        builder::ListPhoneNumbers::new(self)
    }
    /**Template analytics (sent, delivered, read, clicked, cost, conversions)

Daily figures per template for a period. Meta's limits: at most 10 `template_ids` per
request; `start` no more than 90 days back; days in UTC (unless `use_waba_timezone`);
figures appear with a delay and only for days after insights were enabled
(`POST /{WABA-ID}?is_enabled_for_insights=true`). Click figures exist for MARKETING and
UTILITY templates. Accounts onboarded to Marketing Messages also get cost per delivery
and per click, and conversion figures, with `product_type=MARKETING_MESSAGES_LITE_API`.

Source: Meta's template analytics guide (`GET /{WABA-ID}/template_analytics` with
`start`, `end`, `granularity=DAILY`, `metric_types`, `template_ids`), mirrored by
360dialog, Vonage and Gupshup; the Marketing Messages "view metrics" page for
`product_type` and `use_waba_timezone`. The names of the conversion figures in the answer
are not confirmed: they follow the metric type names (`APP_ACTIVATIONS`,
`WEBSITE_PURCHASES`, ...) and a reader keeps what it does not know.


Sends a `GET` request to `/{Version}/{WABA-ID}/template_analytics`

Arguments:
- `version`: Graph API version, for example `v23.0`.
- `waba_id`: The WhatsApp Business Account's ID (digits).
- `after`: The cursor after which the page starts.
- `end`: The period's end, Unix seconds.
- `granularity`: `DAILY`.
- `limit`: Data points per page.
- `metric_types`: The figures, a JSON array such as `["SENT","DELIVERED","READ","CLICKED","COST"]`; all when absent.
- `product_type`: `CLOUD_API` (the default) or `MARKETING_MESSAGES_LITE_API` for messages sent through this API.
- `start`: The period's start, Unix seconds (at most 90 days back).
- `template_ids`: The templates' IDs, a JSON array such as `["1234","5678"]` (at most 10).
- `use_waba_timezone`: Days in the account's time zone instead of UTC.
- `user_agent`: Identifies the client software, for example `wamm/0.1.0`.
```ignore
let response = client.get_template_analytics()
    .version(version)
    .waba_id(waba_id)
    .after(after)
    .end(end)
    .granularity(granularity)
    .limit(limit)
    .metric_types(metric_types)
    .product_type(product_type)
    .start(start)
    .template_ids(template_ids)
    .use_waba_timezone(use_waba_timezone)
    .user_agent(user_agent)
    .send()
    .await;
```*/
    pub fn get_template_analytics(&self) -> builder::GetTemplateAnalytics<'_> {
        builder::GetTemplateAnalytics::new(self)
    }
    /**What Meta recorded for a sent message (its delivery events)

The status events of the messages named in `message_id` (wamids), each with the state
of its webhook delivery. `wamm campaign reconcile` asks for sent rows that never heard
a status, so a receiver that was down loses nothing.

Source: Meta's published OpenAPI description of the WhatsApp Business Platform (v23,
`message_history`, with
`fields=id,message_id,events{delivery_status,webhook_update_state,timestamp,error_description}`).
Not confirmed: whether several wamids may be asked at once (wamm asks one per request)
and the unit of `timestamp` (read as Unix seconds).


Sends a `GET` request to `/{Version}/{Phone-Number-ID}/message_history`

Arguments:
- `version`: Graph API version, for example `v23.0`.
- `phone_number_id`: The business phone number's ID (digits).
- `fields`: `id,message_id,events{delivery_status,webhook_update_state,timestamp,error_description}`.
- `message_id`: The message's wamid, as the send answered it.
- `user_agent`: Identifies the client software, for example `wamm/0.1.0`.
```ignore
let response = client.get_message_history()
    .version(version)
    .phone_number_id(phone_number_id)
    .fields(fields)
    .message_id(message_id)
    .user_agent(user_agent)
    .send()
    .await;
```*/
    pub fn get_message_history(&self) -> builder::GetMessageHistory<'_> {
        builder::GetMessageHistory::new(self)
    }
}
/// Types for composing operation parameters.
#[allow(clippy::all)]
pub mod builder {
    use super::types;
    #[allow(unused_imports)]
    use super::{
        encode_path, ByteStream, ClientInfo, ClientHooks, Error, OperationInfo,
        RequestBuilderExt, ResponseValue,
    };
    /**Builder for [`Client::send_marketing_message`]

[`Client::send_marketing_message`]: super::Client::send_marketing_message*/
    #[derive(Debug, Clone)]
    pub struct SendMarketingMessage<'a> {
        client: &'a super::Client,
        version: Result<types::SendMarketingMessageVersion, String>,
        phone_number_id: Result<types::SendMarketingMessagePhoneNumberId, String>,
        body: Result<crate::CheckedBody, String>,
    }
    impl<'a> SendMarketingMessage<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                version: Err("version was not initialized".to_string()),
                phone_number_id: Err("phone_number_id was not initialized".to_string()),
                body: Err("body was not initialized".to_string()),
            }
        }
        pub fn version<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::SendMarketingMessageVersion>,
        {
            self.version = value
                .try_into()
                .map_err(|_| {
                    "conversion to `SendMarketingMessageVersion` for version failed"
                        .to_string()
                });
            self
        }
        pub fn phone_number_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::SendMarketingMessagePhoneNumberId>,
        {
            self.phone_number_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `SendMarketingMessagePhoneNumberId` for phone_number_id failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<crate::CheckedBody>,
        {
            self.body = value
                .try_into()
                .map_err(|_| {
                    "conversion to `crate :: CheckedBody` for body failed".to_string()
                });
            self
        }
        ///Sends a `POST` request to `/{Version}/{Phone-Number-ID}/marketing_messages`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::MarketingMessageResponsePayload>,
            Error<types::GraphErrorResponse>,
        > {
            let Self { client, version, phone_number_id, body } = self;
            let version = version.map_err(Error::InvalidRequest)?;
            let phone_number_id = phone_number_id.map_err(Error::InvalidRequest)?;
            let body = body.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/{}/{}/marketing_messages", client.baseurl, encode_path(& version
                .to_string()), encode_path(& phone_number_id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "send_marketing_message",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                404u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                429u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                503u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::list_message_templates`]

[`Client::list_message_templates`]: super::Client::list_message_templates*/
    #[derive(Debug, Clone)]
    pub struct ListMessageTemplates<'a> {
        client: &'a super::Client,
        version: Result<types::ListMessageTemplatesVersion, String>,
        waba_id: Result<types::ListMessageTemplatesWabaId, String>,
        after: Result<Option<::std::string::String>, String>,
        before: Result<Option<::std::string::String>, String>,
        category: Result<Option<::std::string::String>, String>,
        content: Result<Option<::std::string::String>, String>,
        fields: Result<Option<::std::string::String>, String>,
        language: Result<Option<::std::string::String>, String>,
        limit: Result<Option<::std::num::NonZeroU64>, String>,
        name: Result<Option<::std::string::String>, String>,
        name_or_content: Result<Option<::std::string::String>, String>,
        quality_score: Result<Option<::std::string::String>, String>,
        status: Result<Option<::std::string::String>, String>,
        summary: Result<Option<::std::string::String>, String>,
    }
    impl<'a> ListMessageTemplates<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                version: Err("version was not initialized".to_string()),
                waba_id: Err("waba_id was not initialized".to_string()),
                after: Ok(None),
                before: Ok(None),
                category: Ok(None),
                content: Ok(None),
                fields: Ok(None),
                language: Ok(None),
                limit: Ok(None),
                name: Ok(None),
                name_or_content: Ok(None),
                quality_score: Ok(None),
                status: Ok(None),
                summary: Ok(None),
            }
        }
        pub fn version<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::ListMessageTemplatesVersion>,
        {
            self.version = value
                .try_into()
                .map_err(|_| {
                    "conversion to `ListMessageTemplatesVersion` for version failed"
                        .to_string()
                });
            self
        }
        pub fn waba_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::ListMessageTemplatesWabaId>,
        {
            self.waba_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `ListMessageTemplatesWabaId` for waba_id failed"
                        .to_string()
                });
            self
        }
        pub fn after<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.after = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for after failed"
                        .to_string()
                });
            self
        }
        pub fn before<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.before = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for before failed"
                        .to_string()
                });
            self
        }
        pub fn category<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.category = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for category failed"
                        .to_string()
                });
            self
        }
        pub fn content<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.content = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for content failed"
                        .to_string()
                });
            self
        }
        pub fn fields<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.fields = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for fields failed"
                        .to_string()
                });
            self
        }
        pub fn language<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.language = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for language failed"
                        .to_string()
                });
            self
        }
        pub fn limit<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU64>,
        {
            self.limit = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU64` for limit failed"
                        .to_string()
                });
            self
        }
        pub fn name<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.name = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for name failed"
                        .to_string()
                });
            self
        }
        pub fn name_or_content<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.name_or_content = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for name_or_content failed"
                        .to_string()
                });
            self
        }
        pub fn quality_score<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.quality_score = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for quality_score failed"
                        .to_string()
                });
            self
        }
        pub fn status<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.status = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for status failed"
                        .to_string()
                });
            self
        }
        pub fn summary<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.summary = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for summary failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/{Version}/{WABA-ID}/message_templates`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::MessageTemplateList>,
            Error<types::GraphErrorResponse>,
        > {
            let Self {
                client,
                version,
                waba_id,
                after,
                before,
                category,
                content,
                fields,
                language,
                limit,
                name,
                name_or_content,
                quality_score,
                status,
                summary,
            } = self;
            let version = version.map_err(Error::InvalidRequest)?;
            let waba_id = waba_id.map_err(Error::InvalidRequest)?;
            let after = after.map_err(Error::InvalidRequest)?;
            let before = before.map_err(Error::InvalidRequest)?;
            let category = category.map_err(Error::InvalidRequest)?;
            let content = content.map_err(Error::InvalidRequest)?;
            let fields = fields.map_err(Error::InvalidRequest)?;
            let language = language.map_err(Error::InvalidRequest)?;
            let limit = limit.map_err(Error::InvalidRequest)?;
            let name = name.map_err(Error::InvalidRequest)?;
            let name_or_content = name_or_content.map_err(Error::InvalidRequest)?;
            let quality_score = quality_score.map_err(Error::InvalidRequest)?;
            let status = status.map_err(Error::InvalidRequest)?;
            let summary = summary.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/{}/{}/message_templates", client.baseurl, encode_path(& version
                .to_string()), encode_path(& waba_id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("after", &after))
                .query(&progenitor_client::QueryParam::new("before", &before))
                .query(&progenitor_client::QueryParam::new("category", &category))
                .query(&progenitor_client::QueryParam::new("content", &content))
                .query(&progenitor_client::QueryParam::new("fields", &fields))
                .query(&progenitor_client::QueryParam::new("language", &language))
                .query(&progenitor_client::QueryParam::new("limit", &limit))
                .query(&progenitor_client::QueryParam::new("name", &name))
                .query(
                    &progenitor_client::QueryParam::new(
                        "name_or_content",
                        &name_or_content,
                    ),
                )
                .query(
                    &progenitor_client::QueryParam::new("quality_score", &quality_score),
                )
                .query(&progenitor_client::QueryParam::new("status", &status))
                .query(&progenitor_client::QueryParam::new("summary", &summary))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "list_message_templates",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                503u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::create_message_template`]

[`Client::create_message_template`]: super::Client::create_message_template*/
    #[derive(Debug, Clone)]
    pub struct CreateMessageTemplate<'a> {
        client: &'a super::Client,
        version: Result<types::CreateMessageTemplateVersion, String>,
        waba_id: Result<types::CreateMessageTemplateWabaId, String>,
        user_agent: Result<Option<::std::string::String>, String>,
        body: Result<types::builder::MessageTemplateCreate, String>,
    }
    impl<'a> CreateMessageTemplate<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                version: Err("version was not initialized".to_string()),
                waba_id: Err("waba_id was not initialized".to_string()),
                user_agent: Ok(None),
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn version<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::CreateMessageTemplateVersion>,
        {
            self.version = value
                .try_into()
                .map_err(|_| {
                    "conversion to `CreateMessageTemplateVersion` for version failed"
                        .to_string()
                });
            self
        }
        pub fn waba_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::CreateMessageTemplateWabaId>,
        {
            self.waba_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `CreateMessageTemplateWabaId` for waba_id failed"
                        .to_string()
                });
            self
        }
        pub fn user_agent<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.user_agent = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for user_agent failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::MessageTemplateCreate>,
            <V as std::convert::TryInto<
                types::MessageTemplateCreate,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!(
                        "conversion to `MessageTemplateCreate` for body failed: {}", s
                    )
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::MessageTemplateCreate,
            ) -> types::builder::MessageTemplateCreate,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/{Version}/{WABA-ID}/message_templates`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::MessageTemplateCreated>,
            Error<types::GraphErrorResponse>,
        > {
            let Self { client, version, waba_id, user_agent, body } = self;
            let version = version.map_err(Error::InvalidRequest)?;
            let waba_id = waba_id.map_err(Error::InvalidRequest)?;
            let user_agent = user_agent.map_err(Error::InvalidRequest)?;
            let body = body
                .and_then(|v| {
                    types::MessageTemplateCreate::try_from(v).map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/{}/{}/message_templates", client.baseurl, encode_path(& version
                .to_string()), encode_path(& waba_id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            if let Some(value) = user_agent {
                header_map.append("User-Agent", value.to_string().try_into()?);
            }
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "create_message_template",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                503u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::delete_message_template`]

[`Client::delete_message_template`]: super::Client::delete_message_template*/
    #[derive(Debug, Clone)]
    pub struct DeleteMessageTemplate<'a> {
        client: &'a super::Client,
        version: Result<types::DeleteMessageTemplateVersion, String>,
        waba_id: Result<types::DeleteMessageTemplateWabaId, String>,
        hsm_id: Result<Option<::std::string::String>, String>,
        name: Result<::std::string::String, String>,
        user_agent: Result<Option<::std::string::String>, String>,
    }
    impl<'a> DeleteMessageTemplate<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                version: Err("version was not initialized".to_string()),
                waba_id: Err("waba_id was not initialized".to_string()),
                hsm_id: Ok(None),
                name: Err("name was not initialized".to_string()),
                user_agent: Ok(None),
            }
        }
        pub fn version<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::DeleteMessageTemplateVersion>,
        {
            self.version = value
                .try_into()
                .map_err(|_| {
                    "conversion to `DeleteMessageTemplateVersion` for version failed"
                        .to_string()
                });
            self
        }
        pub fn waba_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::DeleteMessageTemplateWabaId>,
        {
            self.waba_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `DeleteMessageTemplateWabaId` for waba_id failed"
                        .to_string()
                });
            self
        }
        pub fn hsm_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.hsm_id = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for hsm_id failed"
                        .to_string()
                });
            self
        }
        pub fn name<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.name = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for name failed"
                        .to_string()
                });
            self
        }
        pub fn user_agent<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.user_agent = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for user_agent failed"
                        .to_string()
                });
            self
        }
        ///Sends a `DELETE` request to `/{Version}/{WABA-ID}/message_templates`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::GraphSuccess>,
            Error<types::GraphErrorResponse>,
        > {
            let Self { client, version, waba_id, hsm_id, name, user_agent } = self;
            let version = version.map_err(Error::InvalidRequest)?;
            let waba_id = waba_id.map_err(Error::InvalidRequest)?;
            let hsm_id = hsm_id.map_err(Error::InvalidRequest)?;
            let name = name.map_err(Error::InvalidRequest)?;
            let user_agent = user_agent.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/{}/{}/message_templates", client.baseurl, encode_path(& version
                .to_string()), encode_path(& waba_id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            if let Some(value) = user_agent {
                header_map.append("User-Agent", value.to_string().try_into()?);
            }
            #[allow(unused_mut)]
            let mut request = client
                .client
                .delete(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("hsm_id", &hsm_id))
                .query(&progenitor_client::QueryParam::new("name", &name))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "delete_message_template",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                503u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_business_account`]

[`Client::get_business_account`]: super::Client::get_business_account*/
    #[derive(Debug, Clone)]
    pub struct GetBusinessAccount<'a> {
        client: &'a super::Client,
        version: Result<types::GetBusinessAccountVersion, String>,
        object_id: Result<types::GetBusinessAccountObjectId, String>,
        fields: Result<Option<::std::string::String>, String>,
        user_agent: Result<Option<::std::string::String>, String>,
    }
    impl<'a> GetBusinessAccount<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                version: Err("version was not initialized".to_string()),
                object_id: Err("object_id was not initialized".to_string()),
                fields: Ok(None),
                user_agent: Ok(None),
            }
        }
        pub fn version<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetBusinessAccountVersion>,
        {
            self.version = value
                .try_into()
                .map_err(|_| {
                    "conversion to `GetBusinessAccountVersion` for version failed"
                        .to_string()
                });
            self
        }
        pub fn object_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetBusinessAccountObjectId>,
        {
            self.object_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `GetBusinessAccountObjectId` for object_id failed"
                        .to_string()
                });
            self
        }
        pub fn fields<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.fields = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for fields failed"
                        .to_string()
                });
            self
        }
        pub fn user_agent<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.user_agent = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for user_agent failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/{Version}/{Object-ID}`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::BusinessAccount>,
            Error<types::GraphErrorResponse>,
        > {
            let Self { client, version, object_id, fields, user_agent } = self;
            let version = version.map_err(Error::InvalidRequest)?;
            let object_id = object_id.map_err(Error::InvalidRequest)?;
            let fields = fields.map_err(Error::InvalidRequest)?;
            let user_agent = user_agent.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/{}/{}", client.baseurl, encode_path(& version.to_string()),
                encode_path(& object_id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            if let Some(value) = user_agent {
                header_map.append("User-Agent", value.to_string().try_into()?);
            }
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("fields", &fields))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_business_account",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                503u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::update_object`]

[`Client::update_object`]: super::Client::update_object*/
    #[derive(Debug, Clone)]
    pub struct UpdateObject<'a> {
        client: &'a super::Client,
        version: Result<types::UpdateObjectVersion, String>,
        object_id: Result<types::UpdateObjectObjectId, String>,
        is_enabled_for_insights: Result<Option<bool>, String>,
        user_agent: Result<Option<::std::string::String>, String>,
        body: Result<types::builder::MessageTemplateEdit, String>,
    }
    impl<'a> UpdateObject<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                version: Err("version was not initialized".to_string()),
                object_id: Err("object_id was not initialized".to_string()),
                is_enabled_for_insights: Ok(None),
                user_agent: Ok(None),
                body: Ok(::std::default::Default::default()),
            }
        }
        pub fn version<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::UpdateObjectVersion>,
        {
            self.version = value
                .try_into()
                .map_err(|_| {
                    "conversion to `UpdateObjectVersion` for version failed".to_string()
                });
            self
        }
        pub fn object_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::UpdateObjectObjectId>,
        {
            self.object_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `UpdateObjectObjectId` for object_id failed"
                        .to_string()
                });
            self
        }
        pub fn is_enabled_for_insights<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<bool>,
        {
            self.is_enabled_for_insights = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `bool` for is_enabled_for_insights failed".to_string()
                });
            self
        }
        pub fn user_agent<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.user_agent = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for user_agent failed"
                        .to_string()
                });
            self
        }
        pub fn body<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::MessageTemplateEdit>,
            <V as std::convert::TryInto<
                types::MessageTemplateEdit,
            >>::Error: std::fmt::Display,
        {
            self.body = value
                .try_into()
                .map(From::from)
                .map_err(|s| {
                    format!("conversion to `MessageTemplateEdit` for body failed: {}", s)
                });
            self
        }
        pub fn body_map<F>(mut self, f: F) -> Self
        where
            F: std::ops::FnOnce(
                types::builder::MessageTemplateEdit,
            ) -> types::builder::MessageTemplateEdit,
        {
            self.body = self.body.map(f);
            self
        }
        ///Sends a `POST` request to `/{Version}/{Object-ID}`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::GraphSuccess>,
            Error<types::GraphErrorResponse>,
        > {
            let Self {
                client,
                version,
                object_id,
                is_enabled_for_insights,
                user_agent,
                body,
            } = self;
            let version = version.map_err(Error::InvalidRequest)?;
            let object_id = object_id.map_err(Error::InvalidRequest)?;
            let is_enabled_for_insights = is_enabled_for_insights
                .map_err(Error::InvalidRequest)?;
            let user_agent = user_agent.map_err(Error::InvalidRequest)?;
            let body = body
                .and_then(|v| {
                    types::MessageTemplateEdit::try_from(v).map_err(|e| e.to_string())
                })
                .map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/{}/{}", client.baseurl, encode_path(& version.to_string()),
                encode_path(& object_id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            if let Some(value) = user_agent {
                header_map.append("User-Agent", value.to_string().try_into()?);
            }
            #[allow(unused_mut)]
            let mut request = client
                .client
                .post(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .json(&body)
                .query(
                    &progenitor_client::QueryParam::new(
                        "is_enabled_for_insights",
                        &is_enabled_for_insights,
                    ),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "update_object",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                503u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::list_phone_numbers`]

[`Client::list_phone_numbers`]: super::Client::list_phone_numbers*/
    #[derive(Debug, Clone)]
    pub struct ListPhoneNumbers<'a> {
        client: &'a super::Client,
        version: Result<types::ListPhoneNumbersVersion, String>,
        waba_id: Result<types::ListPhoneNumbersWabaId, String>,
        after: Result<Option<types::ListPhoneNumbersAfter>, String>,
        fields: Result<Option<::std::string::String>, String>,
        limit: Result<Option<::std::num::NonZeroU64>, String>,
        user_agent: Result<Option<::std::string::String>, String>,
    }
    impl<'a> ListPhoneNumbers<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                version: Err("version was not initialized".to_string()),
                waba_id: Err("waba_id was not initialized".to_string()),
                after: Ok(None),
                fields: Ok(None),
                limit: Ok(None),
                user_agent: Ok(None),
            }
        }
        pub fn version<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::ListPhoneNumbersVersion>,
        {
            self.version = value
                .try_into()
                .map_err(|_| {
                    "conversion to `ListPhoneNumbersVersion` for version failed"
                        .to_string()
                });
            self
        }
        pub fn waba_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::ListPhoneNumbersWabaId>,
        {
            self.waba_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `ListPhoneNumbersWabaId` for waba_id failed"
                        .to_string()
                });
            self
        }
        pub fn after<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::ListPhoneNumbersAfter>,
        {
            self.after = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `ListPhoneNumbersAfter` for after failed".to_string()
                });
            self
        }
        pub fn fields<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.fields = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for fields failed"
                        .to_string()
                });
            self
        }
        pub fn limit<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU64>,
        {
            self.limit = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU64` for limit failed"
                        .to_string()
                });
            self
        }
        pub fn user_agent<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.user_agent = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for user_agent failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/{Version}/{WABA-ID}/phone_numbers`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::PhoneNumberList>,
            Error<types::GraphErrorResponse>,
        > {
            let Self { client, version, waba_id, after, fields, limit, user_agent } = self;
            let version = version.map_err(Error::InvalidRequest)?;
            let waba_id = waba_id.map_err(Error::InvalidRequest)?;
            let after = after.map_err(Error::InvalidRequest)?;
            let fields = fields.map_err(Error::InvalidRequest)?;
            let limit = limit.map_err(Error::InvalidRequest)?;
            let user_agent = user_agent.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/{}/{}/phone_numbers", client.baseurl, encode_path(& version
                .to_string()), encode_path(& waba_id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            if let Some(value) = user_agent {
                header_map.append("User-Agent", value.to_string().try_into()?);
            }
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("after", &after))
                .query(&progenitor_client::QueryParam::new("fields", &fields))
                .query(&progenitor_client::QueryParam::new("limit", &limit))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "list_phone_numbers",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                503u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_template_analytics`]

[`Client::get_template_analytics`]: super::Client::get_template_analytics*/
    #[derive(Debug, Clone)]
    pub struct GetTemplateAnalytics<'a> {
        client: &'a super::Client,
        version: Result<types::GetTemplateAnalyticsVersion, String>,
        waba_id: Result<types::GetTemplateAnalyticsWabaId, String>,
        after: Result<Option<types::GetTemplateAnalyticsAfter>, String>,
        end: Result<i64, String>,
        granularity: Result<types::GetTemplateAnalyticsGranularity, String>,
        limit: Result<Option<::std::num::NonZeroU64>, String>,
        metric_types: Result<Option<::std::string::String>, String>,
        product_type: Result<Option<::std::string::String>, String>,
        start: Result<i64, String>,
        template_ids: Result<::std::string::String, String>,
        use_waba_timezone: Result<Option<bool>, String>,
        user_agent: Result<Option<::std::string::String>, String>,
    }
    impl<'a> GetTemplateAnalytics<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                version: Err("version was not initialized".to_string()),
                waba_id: Err("waba_id was not initialized".to_string()),
                after: Ok(None),
                end: Err("end was not initialized".to_string()),
                granularity: Err("granularity was not initialized".to_string()),
                limit: Ok(None),
                metric_types: Ok(None),
                product_type: Ok(None),
                start: Err("start was not initialized".to_string()),
                template_ids: Err("template_ids was not initialized".to_string()),
                use_waba_timezone: Ok(None),
                user_agent: Ok(None),
            }
        }
        pub fn version<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetTemplateAnalyticsVersion>,
        {
            self.version = value
                .try_into()
                .map_err(|_| {
                    "conversion to `GetTemplateAnalyticsVersion` for version failed"
                        .to_string()
                });
            self
        }
        pub fn waba_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetTemplateAnalyticsWabaId>,
        {
            self.waba_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `GetTemplateAnalyticsWabaId` for waba_id failed"
                        .to_string()
                });
            self
        }
        pub fn after<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetTemplateAnalyticsAfter>,
        {
            self.after = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `GetTemplateAnalyticsAfter` for after failed"
                        .to_string()
                });
            self
        }
        pub fn end<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.end = value
                .try_into()
                .map_err(|_| "conversion to `i64` for end failed".to_string());
            self
        }
        pub fn granularity<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetTemplateAnalyticsGranularity>,
        {
            self.granularity = value
                .try_into()
                .map_err(|_| {
                    "conversion to `GetTemplateAnalyticsGranularity` for granularity failed"
                        .to_string()
                });
            self
        }
        pub fn limit<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::num::NonZeroU64>,
        {
            self.limit = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: num :: NonZeroU64` for limit failed"
                        .to_string()
                });
            self
        }
        pub fn metric_types<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.metric_types = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for metric_types failed"
                        .to_string()
                });
            self
        }
        pub fn product_type<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.product_type = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for product_type failed"
                        .to_string()
                });
            self
        }
        pub fn start<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<i64>,
        {
            self.start = value
                .try_into()
                .map_err(|_| "conversion to `i64` for start failed".to_string());
            self
        }
        pub fn template_ids<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.template_ids = value
                .try_into()
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for template_ids failed"
                        .to_string()
                });
            self
        }
        pub fn use_waba_timezone<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<bool>,
        {
            self.use_waba_timezone = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `bool` for use_waba_timezone failed".to_string()
                });
            self
        }
        pub fn user_agent<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.user_agent = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for user_agent failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/{Version}/{WABA-ID}/template_analytics`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::TemplateAnalytics>,
            Error<types::GraphErrorResponse>,
        > {
            let Self {
                client,
                version,
                waba_id,
                after,
                end,
                granularity,
                limit,
                metric_types,
                product_type,
                start,
                template_ids,
                use_waba_timezone,
                user_agent,
            } = self;
            let version = version.map_err(Error::InvalidRequest)?;
            let waba_id = waba_id.map_err(Error::InvalidRequest)?;
            let after = after.map_err(Error::InvalidRequest)?;
            let end = end.map_err(Error::InvalidRequest)?;
            let granularity = granularity.map_err(Error::InvalidRequest)?;
            let limit = limit.map_err(Error::InvalidRequest)?;
            let metric_types = metric_types.map_err(Error::InvalidRequest)?;
            let product_type = product_type.map_err(Error::InvalidRequest)?;
            let start = start.map_err(Error::InvalidRequest)?;
            let template_ids = template_ids.map_err(Error::InvalidRequest)?;
            let use_waba_timezone = use_waba_timezone.map_err(Error::InvalidRequest)?;
            let user_agent = user_agent.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/{}/{}/template_analytics", client.baseurl, encode_path(& version
                .to_string()), encode_path(& waba_id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            if let Some(value) = user_agent {
                header_map.append("User-Agent", value.to_string().try_into()?);
            }
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("after", &after))
                .query(&progenitor_client::QueryParam::new("end", &end))
                .query(&progenitor_client::QueryParam::new("granularity", &granularity))
                .query(&progenitor_client::QueryParam::new("limit", &limit))
                .query(
                    &progenitor_client::QueryParam::new("metric_types", &metric_types),
                )
                .query(
                    &progenitor_client::QueryParam::new("product_type", &product_type),
                )
                .query(&progenitor_client::QueryParam::new("start", &start))
                .query(
                    &progenitor_client::QueryParam::new("template_ids", &template_ids),
                )
                .query(
                    &progenitor_client::QueryParam::new(
                        "use_waba_timezone",
                        &use_waba_timezone,
                    ),
                )
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_template_analytics",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                503u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
    /**Builder for [`Client::get_message_history`]

[`Client::get_message_history`]: super::Client::get_message_history*/
    #[derive(Debug, Clone)]
    pub struct GetMessageHistory<'a> {
        client: &'a super::Client,
        version: Result<types::GetMessageHistoryVersion, String>,
        phone_number_id: Result<types::GetMessageHistoryPhoneNumberId, String>,
        fields: Result<Option<::std::string::String>, String>,
        message_id: Result<types::GetMessageHistoryMessageId, String>,
        user_agent: Result<Option<::std::string::String>, String>,
    }
    impl<'a> GetMessageHistory<'a> {
        pub fn new(client: &'a super::Client) -> Self {
            Self {
                client: client,
                version: Err("version was not initialized".to_string()),
                phone_number_id: Err("phone_number_id was not initialized".to_string()),
                fields: Ok(None),
                message_id: Err("message_id was not initialized".to_string()),
                user_agent: Ok(None),
            }
        }
        pub fn version<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetMessageHistoryVersion>,
        {
            self.version = value
                .try_into()
                .map_err(|_| {
                    "conversion to `GetMessageHistoryVersion` for version failed"
                        .to_string()
                });
            self
        }
        pub fn phone_number_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetMessageHistoryPhoneNumberId>,
        {
            self.phone_number_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `GetMessageHistoryPhoneNumberId` for phone_number_id failed"
                        .to_string()
                });
            self
        }
        pub fn fields<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.fields = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for fields failed"
                        .to_string()
                });
            self
        }
        pub fn message_id<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<types::GetMessageHistoryMessageId>,
        {
            self.message_id = value
                .try_into()
                .map_err(|_| {
                    "conversion to `GetMessageHistoryMessageId` for message_id failed"
                        .to_string()
                });
            self
        }
        pub fn user_agent<V>(mut self, value: V) -> Self
        where
            V: std::convert::TryInto<::std::string::String>,
        {
            self.user_agent = value
                .try_into()
                .map(Some)
                .map_err(|_| {
                    "conversion to `:: std :: string :: String` for user_agent failed"
                        .to_string()
                });
            self
        }
        ///Sends a `GET` request to `/{Version}/{Phone-Number-ID}/message_history`
        pub async fn send(
            self,
        ) -> Result<
            ResponseValue<types::MessageHistoryList>,
            Error<types::GraphErrorResponse>,
        > {
            let Self {
                client,
                version,
                phone_number_id,
                fields,
                message_id,
                user_agent,
            } = self;
            let version = version.map_err(Error::InvalidRequest)?;
            let phone_number_id = phone_number_id.map_err(Error::InvalidRequest)?;
            let fields = fields.map_err(Error::InvalidRequest)?;
            let message_id = message_id.map_err(Error::InvalidRequest)?;
            let user_agent = user_agent.map_err(Error::InvalidRequest)?;
            let url = format!(
                "{}/{}/{}/message_history", client.baseurl, encode_path(& version
                .to_string()), encode_path(& phone_number_id.to_string()),
            );
            let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
            header_map
                .append(
                    ::reqwest::header::HeaderName::from_static("api-version"),
                    ::reqwest::header::HeaderValue::from_static(
                        super::Client::api_version(),
                    ),
                );
            if let Some(value) = user_agent {
                header_map.append("User-Agent", value.to_string().try_into()?);
            }
            #[allow(unused_mut)]
            let mut request = client
                .client
                .get(url)
                .header(
                    ::reqwest::header::ACCEPT,
                    ::reqwest::header::HeaderValue::from_static("application/json"),
                )
                .query(&progenitor_client::QueryParam::new("fields", &fields))
                .query(&progenitor_client::QueryParam::new("message_id", &message_id))
                .headers(header_map)
                .build()?;
            let info = OperationInfo {
                operation_id: "get_message_history",
            };
            client.pre(&mut request, &info).await?;
            let result = client.exec(request, &info).await;
            client.post(&result, &info).await?;
            let response = result?;
            match response.status().as_u16() {
                200u16 => ResponseValue::from_response(response).await,
                400u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                401u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                403u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                500u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                503u16 => {
                    Err(
                        Error::ErrorResponse(
                            ResponseValue::from_response(response).await?,
                        ),
                    )
                }
                _ => Err(Error::UnexpectedResponse(response)),
            }
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    pub use self::super::Client;
}
/**Where a sent message is. Meta adds values.

Open: a value Meta added after this spec was written is kept as `Unknown`.*/
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeliveryStatus {
    ///`sent`: left Meta for the user's device.
    Sent,
    ///`delivered`: reached the user's device.
    Delivered,
    ///`read`: the user opened it.
    Read,
    ///`failed`: will not be delivered; `errors` says why.
    Failed,
    ///`played`: the user first played a voice message.
    Played,
    /// A value this version does not know, exactly as Meta sent it.
    Unknown(::std::string::String),
}
impl DeliveryStatus {
    /// The values the spec knows, in its order.
    pub const KNOWN: &'static [&'static str] = &[
        "sent",
        "delivered",
        "read",
        "failed",
        "played",
    ];
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Sent => "sent",
            Self::Delivered => "delivered",
            Self::Read => "read",
            Self::Failed => "failed",
            Self::Played => "played",
            Self::Unknown(value) => value,
        }
    }
}
impl ::std::str::FromStr for DeliveryStatus {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(
            match value {
                "sent" => Self::Sent,
                "delivered" => Self::Delivered,
                "read" => Self::Read,
                "failed" => Self::Failed,
                "played" => Self::Played,
                other => Self::Unknown(other.to_string()),
            },
        )
    }
}
impl ::std::fmt::Display for DeliveryStatus {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::serde::Serialize for DeliveryStatus {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
impl<'de> ::serde::Deserialize<'de> for DeliveryStatus {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        let Ok(parsed) = value.parse();
        Ok(parsed)
    }
}
impl schemars::JsonSchema for DeliveryStatus {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        "DeliveryStatus".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(
            { "type" : "string", "description" :
            "sent, delivered, read, failed, played, or a value Meta added later",
            "examples" : ["sent", "delivered", "read", "failed", "played"] }
        )
    }
}
/**What happened to the message on creation; none of these means delivered (status
webhooks report delivery). Meta may add values.

Open: a value Meta added after this spec was written is kept as `Unknown`.*/
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MessageStatus {
    ///`accepted`: taken for processing.
    Accepted,
    ///`held_for_quality_assessment`: held by template pacing until early feedback arrives; released if it is good, dropped (with a 132015 failed webhook) if not.
    HeldForQualityAssessment,
    ///`paused`: delivery is paused, for example because the template is paused. Not final.
    Paused,
    /// A value this version does not know, exactly as Meta sent it.
    Unknown(::std::string::String),
}
impl MessageStatus {
    /// The values the spec knows, in its order.
    pub const KNOWN: &'static [&'static str] = &[
        "accepted",
        "held_for_quality_assessment",
        "paused",
    ];
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Accepted => "accepted",
            Self::HeldForQualityAssessment => "held_for_quality_assessment",
            Self::Paused => "paused",
            Self::Unknown(value) => value,
        }
    }
}
impl ::std::str::FromStr for MessageStatus {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(
            match value {
                "accepted" => Self::Accepted,
                "held_for_quality_assessment" => Self::HeldForQualityAssessment,
                "paused" => Self::Paused,
                other => Self::Unknown(other.to_string()),
            },
        )
    }
}
impl ::std::fmt::Display for MessageStatus {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::serde::Serialize for MessageStatus {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
impl<'de> ::serde::Deserialize<'de> for MessageStatus {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        let Ok(parsed) = value.parse();
        Ok(parsed)
    }
}
impl schemars::JsonSchema for MessageStatus {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        "MessageStatus".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(
            { "type" : "string", "description" :
            "accepted, held_for_quality_assessment, paused, or a value Meta added later",
            "examples" : ["accepted", "held_for_quality_assessment", "paused"] }
        )
    }
}
/**How many unique users the number may message (business-initiated) in a rolling 24
hours: 50, 250, 1,000, 2,000, 10,000, 100,000 or no limit. Source: Meta's messaging
limits page (the 2K tier appears in Meta's 2025 changes; sources differ on it).

Open: a value Meta added after this spec was written is kept as `Unknown`.*/
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MessagingLimitTier {
    ///`TIER_50`.
    Tier50,
    ///`TIER_250`.
    Tier250,
    ///`TIER_1K`.
    Tier1k,
    ///`TIER_2K`.
    Tier2k,
    ///`TIER_10K`.
    Tier10k,
    ///`TIER_100K`.
    Tier100k,
    ///`TIER_UNLIMITED`.
    TierUnlimited,
    /// A value this version does not know, exactly as Meta sent it.
    Unknown(::std::string::String),
}
impl MessagingLimitTier {
    /// The values the spec knows, in its order.
    pub const KNOWN: &'static [&'static str] = &[
        "TIER_50",
        "TIER_250",
        "TIER_1K",
        "TIER_2K",
        "TIER_10K",
        "TIER_100K",
        "TIER_UNLIMITED",
    ];
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Tier50 => "TIER_50",
            Self::Tier250 => "TIER_250",
            Self::Tier1k => "TIER_1K",
            Self::Tier2k => "TIER_2K",
            Self::Tier10k => "TIER_10K",
            Self::Tier100k => "TIER_100K",
            Self::TierUnlimited => "TIER_UNLIMITED",
            Self::Unknown(value) => value,
        }
    }
}
impl ::std::str::FromStr for MessagingLimitTier {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(
            match value {
                "TIER_50" => Self::Tier50,
                "TIER_250" => Self::Tier250,
                "TIER_1K" => Self::Tier1k,
                "TIER_2K" => Self::Tier2k,
                "TIER_10K" => Self::Tier10k,
                "TIER_100K" => Self::Tier100k,
                "TIER_UNLIMITED" => Self::TierUnlimited,
                other => Self::Unknown(other.to_string()),
            },
        )
    }
}
impl ::std::fmt::Display for MessagingLimitTier {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::serde::Serialize for MessagingLimitTier {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
impl<'de> ::serde::Deserialize<'de> for MessagingLimitTier {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        let Ok(parsed) = value.parse();
        Ok(parsed)
    }
}
impl schemars::JsonSchema for MessagingLimitTier {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        "MessagingLimitTier".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(
            { "type" : "string", "description" :
            "TIER_50, TIER_250, TIER_1K, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED, or a value Meta added later",
            "examples" : ["TIER_50", "TIER_250", "TIER_1K", "TIER_2K", "TIER_10K",
            "TIER_100K", "TIER_UNLIMITED"] }
        )
    }
}
/**Where the account stands with Marketing Messages (Lite). Only `ONBOARDED` accounts send
through this API; for others a `STRICT` send is refused (code 10, permission denied) and
a fallback send goes through the Cloud API. Meta adds values. Source: Meta's Marketing Messages
onboarding guide; the values as pywa (`types/others.py`) lists them.

Open: a value Meta added after this spec was written is kept as `Unknown`.*/
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OnboardingStatus {
    ///`ONBOARDED`: the terms are signed and setup is done; messages go through this API.
    Onboarded,
    ///`ELIGIBLE`: the account may onboard; a person with admin rights must accept the terms in the app dashboard or Business Manager.
    Eligible,
    ///`PENDING_VALID_PAYMENT_METHOD`: the terms are signed, but the account has no valid payment method yet.
    PendingValidPaymentMethod,
    ///`PENDING_INTERNAL_SETUP`: the terms are signed; Meta is still setting the account up (usually minutes to hours).
    PendingInternalSetup,
    ///`INELIGIBLE`: the account cannot onboard.
    Ineligible,
    ///`INELIGIBLE_BUSINESS_REJECTED`: the business was rejected.
    IneligibleBusinessRejected,
    ///`INELIGIBLE_WABA_COUNTRY`: the account's country is not supported.
    IneligibleWabaCountry,
    ///`INELIGIBLE_WABA_RESTRICTED`: the account is restricted.
    IneligibleWabaRestricted,
    ///`INELIGIBLE_NO_PHONE_NUMBERS`: the account has no phone number.
    IneligibleNoPhoneNumbers,
    ///`INELIGIBLE_ON_PREMISES`: the account's numbers use the On-Premises API.
    IneligibleOnPremises,
    ///`INELIGIBLE_BUSINESS_NOT_VERIFIED`: the business is not verified.
    IneligibleBusinessNotVerified,
    /// A value this version does not know, exactly as Meta sent it.
    Unknown(::std::string::String),
}
impl OnboardingStatus {
    /// The values the spec knows, in its order.
    pub const KNOWN: &'static [&'static str] = &[
        "ONBOARDED",
        "ELIGIBLE",
        "PENDING_VALID_PAYMENT_METHOD",
        "PENDING_INTERNAL_SETUP",
        "INELIGIBLE",
        "INELIGIBLE_BUSINESS_REJECTED",
        "INELIGIBLE_WABA_COUNTRY",
        "INELIGIBLE_WABA_RESTRICTED",
        "INELIGIBLE_NO_PHONE_NUMBERS",
        "INELIGIBLE_ON_PREMISES",
        "INELIGIBLE_BUSINESS_NOT_VERIFIED",
    ];
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Onboarded => "ONBOARDED",
            Self::Eligible => "ELIGIBLE",
            Self::PendingValidPaymentMethod => "PENDING_VALID_PAYMENT_METHOD",
            Self::PendingInternalSetup => "PENDING_INTERNAL_SETUP",
            Self::Ineligible => "INELIGIBLE",
            Self::IneligibleBusinessRejected => "INELIGIBLE_BUSINESS_REJECTED",
            Self::IneligibleWabaCountry => "INELIGIBLE_WABA_COUNTRY",
            Self::IneligibleWabaRestricted => "INELIGIBLE_WABA_RESTRICTED",
            Self::IneligibleNoPhoneNumbers => "INELIGIBLE_NO_PHONE_NUMBERS",
            Self::IneligibleOnPremises => "INELIGIBLE_ON_PREMISES",
            Self::IneligibleBusinessNotVerified => "INELIGIBLE_BUSINESS_NOT_VERIFIED",
            Self::Unknown(value) => value,
        }
    }
}
impl ::std::str::FromStr for OnboardingStatus {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(
            match value {
                "ONBOARDED" => Self::Onboarded,
                "ELIGIBLE" => Self::Eligible,
                "PENDING_VALID_PAYMENT_METHOD" => Self::PendingValidPaymentMethod,
                "PENDING_INTERNAL_SETUP" => Self::PendingInternalSetup,
                "INELIGIBLE" => Self::Ineligible,
                "INELIGIBLE_BUSINESS_REJECTED" => Self::IneligibleBusinessRejected,
                "INELIGIBLE_WABA_COUNTRY" => Self::IneligibleWabaCountry,
                "INELIGIBLE_WABA_RESTRICTED" => Self::IneligibleWabaRestricted,
                "INELIGIBLE_NO_PHONE_NUMBERS" => Self::IneligibleNoPhoneNumbers,
                "INELIGIBLE_ON_PREMISES" => Self::IneligibleOnPremises,
                "INELIGIBLE_BUSINESS_NOT_VERIFIED" => Self::IneligibleBusinessNotVerified,
                other => Self::Unknown(other.to_string()),
            },
        )
    }
}
impl ::std::fmt::Display for OnboardingStatus {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::serde::Serialize for OnboardingStatus {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
impl<'de> ::serde::Deserialize<'de> for OnboardingStatus {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        let Ok(parsed) = value.parse();
        Ok(parsed)
    }
}
impl schemars::JsonSchema for OnboardingStatus {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        "OnboardingStatus".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(
            { "type" : "string", "description" :
            "ONBOARDED, ELIGIBLE, PENDING_VALID_PAYMENT_METHOD, PENDING_INTERNAL_SETUP, INELIGIBLE, INELIGIBLE_BUSINESS_REJECTED, INELIGIBLE_WABA_COUNTRY, INELIGIBLE_WABA_RESTRICTED, INELIGIBLE_NO_PHONE_NUMBERS, INELIGIBLE_ON_PREMISES, INELIGIBLE_BUSINESS_NOT_VERIFIED, or a value Meta added later",
            "examples" : ["ONBOARDED", "ELIGIBLE", "PENDING_VALID_PAYMENT_METHOD",
            "PENDING_INTERNAL_SETUP", "INELIGIBLE", "INELIGIBLE_BUSINESS_REJECTED",
            "INELIGIBLE_WABA_COUNTRY", "INELIGIBLE_WABA_RESTRICTED",
            "INELIGIBLE_NO_PHONE_NUMBERS", "INELIGIBLE_ON_PREMISES",
            "INELIGIBLE_BUSINESS_NOT_VERIFIED"] }
        )
    }
}
/**Whether the number can send. Only `CONNECTED` sends. Meta adds values.

Open: a value Meta added after this spec was written is kept as `Unknown`.*/
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PhoneNumberStatus {
    ///`CONNECTED`.
    Connected,
    ///`PENDING`.
    Pending,
    ///`DISCONNECTED`.
    Disconnected,
    ///`FLAGGED`.
    Flagged,
    ///`RESTRICTED`.
    Restricted,
    ///`RATE_LIMITED`.
    RateLimited,
    ///`BANNED`.
    Banned,
    ///`DELETED`.
    Deleted,
    ///`MIGRATED`.
    Migrated,
    ///`UNVERIFIED`.
    Unverified,
    /// A value this version does not know, exactly as Meta sent it.
    Unknown(::std::string::String),
}
impl PhoneNumberStatus {
    /// The values the spec knows, in its order.
    pub const KNOWN: &'static [&'static str] = &[
        "CONNECTED",
        "PENDING",
        "DISCONNECTED",
        "FLAGGED",
        "RESTRICTED",
        "RATE_LIMITED",
        "BANNED",
        "DELETED",
        "MIGRATED",
        "UNVERIFIED",
    ];
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Connected => "CONNECTED",
            Self::Pending => "PENDING",
            Self::Disconnected => "DISCONNECTED",
            Self::Flagged => "FLAGGED",
            Self::Restricted => "RESTRICTED",
            Self::RateLimited => "RATE_LIMITED",
            Self::Banned => "BANNED",
            Self::Deleted => "DELETED",
            Self::Migrated => "MIGRATED",
            Self::Unverified => "UNVERIFIED",
            Self::Unknown(value) => value,
        }
    }
}
impl ::std::str::FromStr for PhoneNumberStatus {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(
            match value {
                "CONNECTED" => Self::Connected,
                "PENDING" => Self::Pending,
                "DISCONNECTED" => Self::Disconnected,
                "FLAGGED" => Self::Flagged,
                "RESTRICTED" => Self::Restricted,
                "RATE_LIMITED" => Self::RateLimited,
                "BANNED" => Self::Banned,
                "DELETED" => Self::Deleted,
                "MIGRATED" => Self::Migrated,
                "UNVERIFIED" => Self::Unverified,
                other => Self::Unknown(other.to_string()),
            },
        )
    }
}
impl ::std::fmt::Display for PhoneNumberStatus {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::serde::Serialize for PhoneNumberStatus {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
impl<'de> ::serde::Deserialize<'de> for PhoneNumberStatus {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        let Ok(parsed) = value.parse();
        Ok(parsed)
    }
}
impl schemars::JsonSchema for PhoneNumberStatus {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        "PhoneNumberStatus".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(
            { "type" : "string", "description" :
            "CONNECTED, PENDING, DISCONNECTED, FLAGGED, RESTRICTED, RATE_LIMITED, BANNED, DELETED, MIGRATED, UNVERIFIED, or a value Meta added later",
            "examples" : ["CONNECTED", "PENDING", "DISCONNECTED", "FLAGGED",
            "RESTRICTED", "RATE_LIMITED", "BANNED", "DELETED", "MIGRATED", "UNVERIFIED"]
            }
        )
    }
}
/**The user's choice. Meta adds values.

Open: a value Meta added after this spec was written is kept as `Unknown`.*/
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PreferenceValue {
    ///`stop`: the user asked for no more marketing messages; sending to them is refused (131050).
    Stop,
    ///`resume`: the user asked for marketing messages again.
    Resume,
    /// A value this version does not know, exactly as Meta sent it.
    Unknown(::std::string::String),
}
impl PreferenceValue {
    /// The values the spec knows, in its order.
    pub const KNOWN: &'static [&'static str] = &["stop", "resume"];
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Stop => "stop",
            Self::Resume => "resume",
            Self::Unknown(value) => value,
        }
    }
}
impl ::std::str::FromStr for PreferenceValue {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(
            match value {
                "stop" => Self::Stop,
                "resume" => Self::Resume,
                other => Self::Unknown(other.to_string()),
            },
        )
    }
}
impl ::std::fmt::Display for PreferenceValue {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::serde::Serialize for PreferenceValue {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
impl<'de> ::serde::Deserialize<'de> for PreferenceValue {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        let Ok(parsed) = value.parse();
        Ok(parsed)
    }
}
impl schemars::JsonSchema for PreferenceValue {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        "PreferenceValue".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(
            { "type" : "string", "description" :
            "stop, resume, or a value Meta added later", "examples" : ["stop", "resume"]
            }
        )
    }
}
/**The number's quality rating (`NA` when not yet rated; `UNKNOWN` is kept as an unknown value). Meta adds values.

Open: a value Meta added after this spec was written is kept as `Unknown`.*/
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QualityRating {
    ///`GREEN`.
    Green,
    ///`YELLOW`.
    Yellow,
    ///`RED`.
    Red,
    ///`NA`.
    Na,
    /// A value this version does not know, exactly as Meta sent it.
    Unknown(::std::string::String),
}
impl QualityRating {
    /// The values the spec knows, in its order.
    pub const KNOWN: &'static [&'static str] = &["GREEN", "YELLOW", "RED", "NA"];
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Green => "GREEN",
            Self::Yellow => "YELLOW",
            Self::Red => "RED",
            Self::Na => "NA",
            Self::Unknown(value) => value,
        }
    }
}
impl ::std::str::FromStr for QualityRating {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(
            match value {
                "GREEN" => Self::Green,
                "YELLOW" => Self::Yellow,
                "RED" => Self::Red,
                "NA" => Self::Na,
                other => Self::Unknown(other.to_string()),
            },
        )
    }
}
impl ::std::fmt::Display for QualityRating {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::serde::Serialize for QualityRating {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
impl<'de> ::serde::Deserialize<'de> for QualityRating {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        let Ok(parsed) = value.parse();
        Ok(parsed)
    }
}
impl schemars::JsonSchema for QualityRating {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        "QualityRating".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(
            { "type" : "string", "description" :
            "GREEN, YELLOW, RED, NA, or a value Meta added later", "examples" : ["GREEN",
            "YELLOW", "RED", "NA"] }
        )
    }
}
/**The template's category. Only `MARKETING` goes through this endpoint (134100 otherwise). Meta adds values.

Open: a value Meta added after this spec was written is kept as `Unknown`.*/
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TemplateCategory {
    ///`MARKETING`: promotions; the only category the marketing_messages endpoint sends.
    Marketing,
    ///`UTILITY`: transactional updates.
    Utility,
    ///`AUTHENTICATION`: one-time passwords.
    Authentication,
    /// A value this version does not know, exactly as Meta sent it.
    Unknown(::std::string::String),
}
impl TemplateCategory {
    /// The values the spec knows, in its order.
    pub const KNOWN: &'static [&'static str] = &[
        "MARKETING",
        "UTILITY",
        "AUTHENTICATION",
    ];
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Marketing => "MARKETING",
            Self::Utility => "UTILITY",
            Self::Authentication => "AUTHENTICATION",
            Self::Unknown(value) => value,
        }
    }
}
impl ::std::str::FromStr for TemplateCategory {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(
            match value {
                "MARKETING" => Self::Marketing,
                "UTILITY" => Self::Utility,
                "AUTHENTICATION" => Self::Authentication,
                other => Self::Unknown(other.to_string()),
            },
        )
    }
}
impl ::std::fmt::Display for TemplateCategory {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::serde::Serialize for TemplateCategory {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
impl<'de> ::serde::Deserialize<'de> for TemplateCategory {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        let Ok(parsed) = value.parse();
        Ok(parsed)
    }
}
impl schemars::JsonSchema for TemplateCategory {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        "TemplateCategory".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(
            { "type" : "string", "description" :
            "MARKETING, UTILITY, AUTHENTICATION, or a value Meta added later", "examples"
            : ["MARKETING", "UTILITY", "AUTHENTICATION"] }
        )
    }
}
/**Where the template stands in review and quality checks. Meta adds values.

Open: a value Meta added after this spec was written is kept as `Unknown`.*/
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TemplateStatus {
    ///`APPROVED`: can be sent.
    Approved,
    ///`PENDING`: in review; not sendable yet.
    Pending,
    ///`REJECTED`: refused in review.
    Rejected,
    ///`PAUSED`: paused for low quality; a send is refused with 132015.
    Paused,
    ///`DISABLED`: disabled for low quality; a send is refused with 132016.
    Disabled,
    ///`IN_APPEAL`: a rejection under appeal.
    InAppeal,
    ///`PENDING_DELETION`: being deleted.
    PendingDeletion,
    ///`DELETED`: deleted.
    Deleted,
    ///`LIMIT_EXCEEDED`: over the account's template limit.
    LimitExceeded,
    ///`ARCHIVED`: archived.
    Archived,
    /// A value this version does not know, exactly as Meta sent it.
    Unknown(::std::string::String),
}
impl TemplateStatus {
    /// The values the spec knows, in its order.
    pub const KNOWN: &'static [&'static str] = &[
        "APPROVED",
        "PENDING",
        "REJECTED",
        "PAUSED",
        "DISABLED",
        "IN_APPEAL",
        "PENDING_DELETION",
        "DELETED",
        "LIMIT_EXCEEDED",
        "ARCHIVED",
    ];
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Approved => "APPROVED",
            Self::Pending => "PENDING",
            Self::Rejected => "REJECTED",
            Self::Paused => "PAUSED",
            Self::Disabled => "DISABLED",
            Self::InAppeal => "IN_APPEAL",
            Self::PendingDeletion => "PENDING_DELETION",
            Self::Deleted => "DELETED",
            Self::LimitExceeded => "LIMIT_EXCEEDED",
            Self::Archived => "ARCHIVED",
            Self::Unknown(value) => value,
        }
    }
}
impl ::std::str::FromStr for TemplateStatus {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(
            match value {
                "APPROVED" => Self::Approved,
                "PENDING" => Self::Pending,
                "REJECTED" => Self::Rejected,
                "PAUSED" => Self::Paused,
                "DISABLED" => Self::Disabled,
                "IN_APPEAL" => Self::InAppeal,
                "PENDING_DELETION" => Self::PendingDeletion,
                "DELETED" => Self::Deleted,
                "LIMIT_EXCEEDED" => Self::LimitExceeded,
                "ARCHIVED" => Self::Archived,
                other => Self::Unknown(other.to_string()),
            },
        )
    }
}
impl ::std::fmt::Display for TemplateStatus {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::serde::Serialize for TemplateStatus {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
impl<'de> ::serde::Deserialize<'de> for TemplateStatus {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        let Ok(parsed) = value.parse();
        Ok(parsed)
    }
}
impl schemars::JsonSchema for TemplateStatus {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        "TemplateStatus".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(
            { "type" : "string", "description" :
            "APPROVED, PENDING, REJECTED, PAUSED, DISABLED, IN_APPEAL, PENDING_DELETION, DELETED, LIMIT_EXCEEDED, ARCHIVED, or a value Meta added later",
            "examples" : ["APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED",
            "IN_APPEAL", "PENDING_DELETION", "DELETED", "LIMIT_EXCEEDED", "ARCHIVED"] }
        )
    }
}
/**The webhook field (subscription) the change arrived on. Meta adds values.

Open: a value Meta added after this spec was written is kept as `Unknown`.*/
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WebhookField {
    ///`messages`: statuses of sent messages (`statuses`), and messages users send.
    Messages,
    ///`user_preferences`: a user stopped or resumed marketing messages (`user_preferences`).
    UserPreferences,
    ///`message_template_status_update`: a template was approved, paused, disabled, re-categorised...
    MessageTemplateStatusUpdate,
    ///`message_template_quality_update`: a template's quality score changed (`previous_quality_score`, `new_quality_score`).
    MessageTemplateQualityUpdate,
    ///`template_category_update`: Meta changed, or will change, a template's category (`previous_category`, `new_category`, `correct_category`).
    TemplateCategoryUpdate,
    ///`account_update`: changes to the account, such as the Marketing Messages Lite terms being signed.
    AccountUpdate,
    ///`calls`: calls and their statuses (`statuses` whose `id` is a `wacid.`, such as `RINGING`); never a message's status.
    Calls,
    /// A value this version does not know, exactly as Meta sent it.
    Unknown(::std::string::String),
}
impl WebhookField {
    /// The values the spec knows, in its order.
    pub const KNOWN: &'static [&'static str] = &[
        "messages",
        "user_preferences",
        "message_template_status_update",
        "message_template_quality_update",
        "template_category_update",
        "account_update",
        "calls",
    ];
    /// The value as it appears on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Messages => "messages",
            Self::UserPreferences => "user_preferences",
            Self::MessageTemplateStatusUpdate => "message_template_status_update",
            Self::MessageTemplateQualityUpdate => "message_template_quality_update",
            Self::TemplateCategoryUpdate => "template_category_update",
            Self::AccountUpdate => "account_update",
            Self::Calls => "calls",
            Self::Unknown(value) => value,
        }
    }
}
impl ::std::str::FromStr for WebhookField {
    type Err = ::std::convert::Infallible;
    fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
        Ok(
            match value {
                "messages" => Self::Messages,
                "user_preferences" => Self::UserPreferences,
                "message_template_status_update" => Self::MessageTemplateStatusUpdate,
                "message_template_quality_update" => Self::MessageTemplateQualityUpdate,
                "template_category_update" => Self::TemplateCategoryUpdate,
                "account_update" => Self::AccountUpdate,
                "calls" => Self::Calls,
                other => Self::Unknown(other.to_string()),
            },
        )
    }
}
impl ::std::fmt::Display for WebhookField {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::serde::Serialize for WebhookField {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
impl<'de> ::serde::Deserialize<'de> for WebhookField {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<Self, D::Error> {
        let value = <::std::borrow::Cow<
            'de,
            str,
        > as ::serde::Deserialize>::deserialize(deserializer)?;
        let Ok(parsed) = value.parse();
        Ok(parsed)
    }
}
impl schemars::JsonSchema for WebhookField {
    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        "WebhookField".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!(
            { "type" : "string", "description" :
            "messages, user_preferences, message_template_status_update, message_template_quality_update, template_category_update, account_update, calls, or a value Meta added later",
            "examples" : ["messages", "user_preferences",
            "message_template_status_update", "message_template_quality_update",
            "template_category_update", "account_update", "calls"] }
        )
    }
}
