use serde_json::{Map, Value};
use wamm_client::build;
use wamm_client::types::{
    ActionParameter, ActionParameterType, ButtonAction, ButtonComponent, ButtonComponentType,
    ButtonIndex, ButtonParameter, ButtonSubType, CouponCodeParameter, CouponCodeParameterType,
    PayloadParameter, PayloadParameterType, ProductItem, TextParameter, TextParameterType,
};

/// What a flow button starts: an optional token identifying the flow session and optional
/// data for the flow's first screen.
///
/// ```
/// use marketing::FlowAction;
/// use serde_json::json;
///
/// let action = FlowAction::new().token("signup-42").data(json!({"plan": "gold"}));
/// # let _ = action;
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlowAction {
    token: Option<String>,
    data: Map<String, Value>,
}

impl FlowAction {
    /// No token, no data.
    pub fn new() -> Self {
        Self::default()
    }

    /// Optional: the `flow_token` echoed back with the user's answers.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Optional: `flow_action_data` for the first screen. A value that is not a JSON object is
    /// ignored.
    pub fn data(mut self, data: Value) -> Self {
        if let Value::Object(map) = data {
            self.data = map;
        }
        self
    }
}

/// A titled group of products in a multi-product (mpm) button.
///
/// ```
/// use marketing::ProductSection;
///
/// let section = ProductSection::new("New in", ["SKU-1042", "SKU-2077"]);
/// # let _ = section;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductSection {
    title: String,
    product_retailer_ids: Vec<String>,
}

impl ProductSection {
    /// A section (title at most 24 characters) listing products by retailer ID.
    pub fn new<I, S>(title: impl Into<String>, product_retailer_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            title: title.into(),
            product_retailer_ids: product_retailer_ids.into_iter().map(Into::into).collect(),
        }
    }
}

/// The value of one button variable, at the button's `index` (its position in the template,
/// 0 to 9).
///
/// ```
/// use marketing::{Button, FlowAction, ProductSection};
///
/// let buttons = [
///     Button::quick_reply(0, "stop-promotions"),
///     Button::url(1, "deal42?src=wa"),
///     Button::copy_code(2, "FLASH42"),
///     Button::flow(3, FlowAction::new().token("signup-42")),
///     Button::catalog(4, Some("SKU-1042")),
///     Button::mpm(5, "SKU-1042", [ProductSection::new("New in", ["SKU-1042"])]),
/// ];
/// # let _ = buttons;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Button(ButtonComponent);

impl Button {
    fn new(index: u8, sub_type: ButtonSubType, parameters: Vec<ButtonParameter>) -> Self {
        Self(build(
            ButtonComponent::builder()
                .type_(ButtonComponentType::Button)
                .sub_type(sub_type)
                .index(ButtonIndex::Integer(i64::from(index)))
                .parameters(parameters),
        ))
    }

    fn action(index: u8, sub_type: ButtonSubType, action: ButtonAction) -> Self {
        Self::new(
            index,
            sub_type,
            vec![ButtonParameter::ActionParameter(build(
                ActionParameter::builder()
                    .type_(ActionParameterType::Action)
                    .action(action),
            ))],
        )
    }

    /// A quick-reply button; `payload` comes back to the business when the user taps it.
    pub fn quick_reply(index: u8, payload: impl Into<String>) -> Self {
        Self::new(
            index,
            ButtonSubType::QuickReply,
            vec![ButtonParameter::PayloadParameter(build(
                PayloadParameter::builder()
                    .type_(PayloadParameterType::Payload)
                    .payload(payload.into()),
            ))],
        )
    }

    /// A URL button; `suffix` completes the template's dynamic URL.
    pub fn url(index: u8, suffix: impl Into<String>) -> Self {
        Self::new(
            index,
            ButtonSubType::Url,
            vec![ButtonParameter::TextParameter(build(
                TextParameter::builder()
                    .type_(TextParameterType::Text)
                    .parameter_name(None)
                    .text(suffix.into()),
            ))],
        )
    }

    /// A copy-code button; `coupon_code` has at most 15 characters.
    pub fn copy_code(index: u8, coupon_code: impl Into<String>) -> Self {
        Self::new(
            index,
            ButtonSubType::CopyCode,
            vec![ButtonParameter::CouponCodeParameter(build(
                CouponCodeParameter::builder()
                    .type_(CouponCodeParameterType::CouponCode)
                    .coupon_code(coupon_code.into()),
            ))],
        )
    }

    /// A flow button.
    pub fn flow(index: u8, action: FlowAction) -> Self {
        Self::action(
            index,
            ButtonSubType::Flow,
            build(
                ButtonAction::builder()
                    .flow_token(action.token)
                    .flow_action_data(action.data),
            ),
        )
    }

    /// A catalog button, optionally with the product shown as thumbnail.
    pub fn catalog(index: u8, thumbnail_product_retailer_id: Option<&str>) -> Self {
        Self::action(
            index,
            ButtonSubType::Catalog,
            build(
                ButtonAction::builder().thumbnail_product_retailer_id(
                    thumbnail_product_retailer_id.map(str::to_string),
                ),
            ),
        )
    }

    /// A multi-product button: a thumbnail and 1 to 10 sections, at most 30 products in all.
    pub fn mpm(
        index: u8,
        thumbnail_product_retailer_id: impl Into<String>,
        sections: impl IntoIterator<Item = ProductSection>,
    ) -> Self {
        let sections = sections
            .into_iter()
            .map(|s| {
                let items: Vec<ProductItem> = s
                    .product_retailer_ids
                    .into_iter()
                    .map(|id| build(ProductItem::builder().product_retailer_id(id)))
                    .collect();
                build(
                    wamm_client::types::ProductSection::builder()
                        .title(s.title)
                        .product_items(items),
                )
            })
            .collect::<Vec<wamm_client::types::ProductSection>>();
        Self::action(
            index,
            ButtonSubType::Mpm,
            build(
                ButtonAction::builder()
                    .thumbnail_product_retailer_id(Some(thumbnail_product_retailer_id.into()))
                    .sections(sections),
            ),
        )
    }

    /// A voice-call button (no parameters).
    pub fn voice_call(index: u8) -> Self {
        Self::new(index, ButtonSubType::VoiceCall, Vec::new())
    }

    pub(crate) fn into_component(self) -> ButtonComponent {
        self.0
    }
}
