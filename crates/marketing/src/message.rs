//! A validated marketing template message and its builder.

use std::fmt;

use serde_json::{Map, Value};
use wamm_client::types::{
    BidSpec, CarouselComponent, CarouselComponentType, LanguageObject,
    MarketingMessageRequestPayload, MarketingMessageRequestPayloadMessagingProduct,
    MarketingMessageRequestPayloadRecipientType, MarketingMessageRequestPayloadType,
    TemplateComponent, TemplateObject,
};

pub use wamm_client::types::ProductPolicy;

use crate::components::{BodyParam, Button, Card, Header, OfferExpiry};
use wamm_client::validation::Validator;
use wamm_client::{CheckedBody, ExtraFields};

use crate::validate::{Problem, Strictness, ValidationErrors, parse_json};

/// Who receives a message: a phone number (`to`) or a business-scoped user ID (`recipient`).
///
/// ```
/// use marketing::Recipient;
///
/// let phone = Recipient::phone("+447700900123");
/// let bsuid = Recipient::bsuid("BR.4408812399120045");
/// assert_eq!(phone.as_str(), "+447700900123");
/// # let _ = bsuid;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Recipient {
    /// E.164 digits, optionally with a leading `+`, or a WhatsApp ID. Sent as `to`.
    Phone(String),
    /// A business-scoped user ID such as `BR.4408812399120045`. Sent as `recipient`.
    Bsuid(String),
}

impl Recipient {
    /// A phone number or WhatsApp ID.
    pub fn phone(number: impl Into<String>) -> Self {
        Self::Phone(number.into())
    }

    /// A business-scoped user ID.
    pub fn bsuid(id: impl Into<String>) -> Self {
        Self::Bsuid(id.into())
    }

    /// The address as given.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Phone(s) | Self::Bsuid(s) => s,
        }
    }

    /// The address in one canonical form, for telling whether two entries are the same
    /// person: phone numbers without `+`, BSUIDs as given.
    ///
    /// ```
    /// use marketing::Recipient;
    /// assert_eq!(Recipient::phone("+447700900123").canonical(), "447700900123");
    /// ```
    pub fn canonical(&self) -> &str {
        match self {
            Self::Phone(s) => s.strip_prefix('+').unwrap_or(s),
            Self::Bsuid(s) => s,
        }
    }

    /// Checks the address's shape.
    ///
    /// ```
    /// use marketing::Recipient;
    /// assert!(Recipient::phone("447700900123").validate().is_ok());
    /// assert!(Recipient::phone("12-34").validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), Problem> {
        match self {
            Self::Phone(s) => Validator::shared().check_to(s),
            Self::Bsuid(s) => Validator::shared().check_recipient(s),
        }
    }
}

impl fmt::Display for Recipient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A marketing template message that has passed validation.
///
/// Make one with [`Message::builder`], or from the API's own JSON with [`Message::from_json`]
/// (component `type` and button `sub_type` in any letter case; wamm sends them in lower
/// case). Either way it is checked before it exists, so a `Message` never fails our checks on
/// the way out; Meta may still refuse it for reasons only it knows (the template's definition,
/// the user's state). Unknown properties are refused unless the message was made with
/// [`Strictness::AllowUnknownFields`]; then they are sent and listed by
/// [`warnings`](Message::warnings).
///
/// ```
/// use marketing::{BodyParam, Message};
///
/// let message = Message::builder("spring_sale", "en_US")
///     .to("447700900123")
///     .body_param(BodyParam::text("Ana"))
///     .build()?;
/// assert_eq!(message.template_name(), "spring_sale");
///
/// let again = Message::from_json(&message.to_json())?;
/// assert_eq!(again, message);
/// # Ok::<(), marketing::ValidationErrors>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    payload: MarketingMessageRequestPayload,
    /// Fields the spec does not describe, let through by the opt-out; the generated types
    /// cannot hold them, so they are kept beside the payload (and are in `body`).
    extra: Option<Box<ExtraFields>>,
    warnings: Vec<Problem>,
    /// What is sent: the payload and the extra fields as JSON, as the validator accepted it.
    body: CheckedBody,
}

impl Message {
    /// Starts a message for the approved template `name` in `language` (such as `en_US`).
    pub fn builder(name: impl Into<String>, language: impl Into<String>) -> MessageBuilder {
        MessageBuilder::new(name, language)
    }

    /// Parses and validates a request body in the API's JSON, refusing unknown fields.
    pub fn from_json(json: &str) -> Result<Self, ValidationErrors> {
        Self::from_value(parse_json(json)?)
    }

    /// Validates a request body given as a JSON value, refusing unknown fields.
    pub fn from_value(value: Value) -> Result<Self, ValidationErrors> {
        Self::from_value_with(value, Strictness::RefuseUnknownFields)
    }

    /// Validates a request body given as a JSON value, treating unknown fields as
    /// `strictness` says.
    ///
    /// ```
    /// use marketing::{Message, Strictness};
    /// use serde_json::json;
    ///
    /// let body = json!({
    ///     "messaging_product": "whatsapp", "recipient_type": "individual", "to": "447700900123",
    ///     "type": "template", "priority": "high",
    ///     "template": {"name": "spring_sale", "language": {"code": "en_US"},
    ///                  "components": [{"type": "BODY", "parameters": [{"type": "text", "text": "Ana"}]}]}
    /// });
    /// let message = Message::from_value_with(body, Strictness::AllowUnknownFields)?;
    /// assert_eq!(message.warnings()[0].path(), "priority");
    /// assert!(message.to_json().contains(r#""priority":"high""#));
    /// assert!(message.to_json().contains(r#""type":"body""#));
    /// # Ok::<(), marketing::ValidationErrors>(())
    /// ```
    pub fn from_value_with(
        mut value: Value,
        strictness: Strictness,
    ) -> Result<Self, ValidationErrors> {
        let (body, warnings) = check(&mut value, strictness)?;
        let extra = take_unknown_fields(&mut value, &warnings);
        let payload = serde_json::from_value(value).map_err(|err| {
            // Validation accepts only shapes the wire types can hold; this is a safety net.
            ValidationErrors::new(vec![Problem::new(
                "",
                format!("does not fit the request schema: {err}"),
            )])
        })?;
        Ok(Self {
            payload,
            extra,
            warnings,
            body,
        })
    }

    /// Validates a request body given as the generated wire type.
    pub fn from_payload(payload: MarketingMessageRequestPayload) -> Result<Self, ValidationErrors> {
        Self::checked(payload, None, Strictness::RefuseUnknownFields)
    }

    /// Validates the payload with the unknown fields that go with it.
    fn checked(
        payload: MarketingMessageRequestPayload,
        extra: Option<Box<ExtraFields>>,
        strictness: Strictness,
    ) -> Result<Self, ValidationErrors> {
        let mut problems = non_finite_numbers(&payload);
        let mut value = serde_json::to_value(&payload).map_err(|err| {
            ValidationErrors::new(vec![Problem::new(
                "",
                format!("cannot be serialised: {err}"),
            )])
        })?;
        if let Some(extra) = &extra {
            extra.merge_into(&mut value);
        }
        match check(&mut value, strictness) {
            Ok((body, warnings)) if problems.is_empty() => Ok(Self {
                payload,
                extra,
                warnings,
                body,
            }),
            Ok(_) => Err(ValidationErrors::new(problems)),
            Err(errors) => {
                problems.extend(errors);
                Err(ValidationErrors::new(problems))
            }
        }
    }

    /// Unknown fields sent as given because the message was made with
    /// [`Strictness::AllowUnknownFields`]; empty otherwise.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// The fields [`warnings`](Self::warnings) lists: part of the [`body`](Self::body) that is
    /// sent, though the generated wire type cannot hold them.
    pub fn extra_fields(&self) -> Option<&ExtraFields> {
        self.extra.as_deref()
    }

    /// The same message addressed to someone else (the previous `to` or `recipient` is
    /// replaced; `bid_spec` with a BSUID is still refused).
    ///
    /// ```
    /// use marketing::{Message, Recipient};
    ///
    /// let base = Message::builder("spring_sale", "en_US").to("447700900123").build()?;
    /// let other = base.clone().with_recipient(Recipient::phone("5511987654321"))?;
    /// assert_eq!(other.recipient(), Recipient::phone("5511987654321"));
    /// # Ok::<(), marketing::ValidationErrors>(())
    /// ```
    pub fn with_recipient(mut self, recipient: Recipient) -> Result<Self, ValidationErrors> {
        recipient
            .validate()
            .map_err(|p| ValidationErrors::new(vec![p]))?;
        if matches!(recipient, Recipient::Bsuid(_)) && self.payload.bid_spec.is_some() {
            let mut problems = Vec::new();
            wamm_client::validation::rules::bid_spec_needs_phone_number(
                &serde_json::json!({"bid_spec": {}, "recipient": recipient.as_str()}),
                &mut problems,
            );
            return Err(ValidationErrors::new(problems));
        }
        set_recipient(&mut self.payload, recipient);
        let strictness = if self.warnings.is_empty() {
            Strictness::RefuseUnknownFields
        } else {
            Strictness::AllowUnknownFields
        };
        Self::checked(self.payload, self.extra, strictness)
    }

    /// Who receives it.
    pub fn recipient(&self) -> Recipient {
        match (&self.payload.to, &self.payload.recipient) {
            (Some(to), _) => Recipient::Phone(to.clone()),
            (None, Some(id)) => Recipient::Bsuid(id.clone()),
            // Validation guarantees one of the two.
            (None, None) => Recipient::Phone(String::new()),
        }
    }

    /// The template's name.
    pub fn template_name(&self) -> &str {
        &self.payload.template.name
    }

    /// The template's language code.
    pub fn language(&self) -> &str {
        &self.payload.template.language.code
    }

    /// The body as it is sent: the JSON the validator accepted, extra fields included.
    ///
    /// ```
    /// use marketing::Message;
    ///
    /// let message = Message::builder("spring_sale", "en_US").to("447700900123").build()?;
    /// assert_eq!(message.body().json(), message.to_json());
    /// # Ok::<(), marketing::ValidationErrors>(())
    /// ```
    pub fn body(&self) -> &CheckedBody {
        &self.body
    }

    /// The wire body, without any [`extra_fields`](Self::extra_fields).
    pub fn payload(&self) -> &MarketingMessageRequestPayload {
        &self.payload
    }

    /// The wire body without any [`extra_fields`](Self::extra_fields), consuming the message.
    pub fn into_payload(self) -> MarketingMessageRequestPayload {
        self.payload
    }

    /// The body as the API's JSON (compact).
    pub fn to_json(&self) -> String {
        self.body.json().to_string()
    }

    /// The body as the API's JSON, indented for people.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    /// The body as a JSON value.
    pub fn to_value(&self) -> Value {
        let mut value = serde_json::to_value(&self.payload).unwrap_or(Value::Null);
        if let Some(extra) = &self.extra {
            extra.merge_into(&mut value);
        }
        value
    }
}

/// Checks a body as `strictness` says and returns what to send with the unknown fields let
/// through; `value` has its keywords in lower case afterwards.
fn check(
    value: &mut Value,
    strictness: Strictness,
) -> Result<(CheckedBody, Vec<Problem>), ValidationErrors> {
    Validator::shared()
        .checked_body(value, |p| strictness.lets_through(p))
        .map_err(ValidationErrors::new)
}

/// Moves the unknown fields the validator let through (listed in `warnings`) out of `value`,
/// so the rest fits the generated type.
fn take_unknown_fields(value: &mut Value, warnings: &[Problem]) -> Option<Box<ExtraFields>> {
    if warnings.is_empty() {
        return None;
    }
    let mut extra = ExtraFields::default();
    for warning in warnings {
        let path = warning.path();
        let (map, target, key) = match path.strip_prefix("template.") {
            Some(key) => (value.get_mut("template"), &mut extra.template, key),
            None => (Some(&mut *value), &mut extra.top_level, path),
        };
        if let Some(field) = map
            .and_then(Value::as_object_mut)
            .and_then(|m| m.remove(key))
        {
            target.insert(key.to_string(), field);
        }
    }
    (!extra.is_empty()).then(|| Box::new(extra))
}

fn set_recipient(payload: &mut MarketingMessageRequestPayload, recipient: Recipient) {
    match recipient {
        Recipient::Phone(to) => {
            payload.to = Some(to);
            payload.recipient = None;
        }
        Recipient::Bsuid(id) => {
            payload.recipient = Some(id);
            payload.to = None;
        }
    }
}

/// NaN and infinity serialise as JSON `null`; catch them while we still know what they were.
fn non_finite_numbers(payload: &MarketingMessageRequestPayload) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(bid) = &payload.bid_spec {
        let x = bid.per_message_bid_multiplier;
        if !x.is_finite() {
            problems.push(Problem::new(
                "bid_spec.per_message_bid_multiplier",
                format!("{x}, expected a finite number greater than 0"),
            ));
        }
    }
    for (i, component) in payload.template.components.iter().enumerate() {
        if let TemplateComponent::HeaderComponent(header) = component {
            for param in &header.parameters {
                if let wamm_client::types::HeaderParameter::LocationParameter(loc) = param {
                    for (key, x) in [
                        ("latitude", loc.location.latitude),
                        ("longitude", loc.location.longitude),
                    ] {
                        if !x.is_finite() {
                            problems.push(Problem::new(
                                format!("template.components[{i}].parameters[0].location.{key}"),
                                format!("{x}, expected a finite number"),
                            ));
                        }
                    }
                }
            }
        }
    }
    problems
}

/// Builds a [`Message`]. Components come out in a fixed order (header, body, limited-time
/// offer, carousel, buttons), whatever order the setters were called in.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use marketing::{BodyParam, Button, Currency, Header, Media, Message, ProductPolicy};
///
/// let message = Message::builder("flash_deal", "pt_BR")
///     .to("+5511987654321")
///     .header(Header::image(Media::link("https://cdn.example.org/deal.jpg")))
///     .body_param(BodyParam::text("Marina").named("first_name"))
///     .body_param(BodyParam::currency(Currency::new("R$ 149,90", "BRL", 149_900)).named("price"))
///     .limited_time_offer(SystemTime::now() + Duration::from_secs(86_400))
///     .button(Button::copy_code(0, "FLASH42"))
///     .button(Button::url(1, "deal42?src=wa"))
///     .product_policy(ProductPolicy::Strict)
///     .message_activity_sharing(true)
///     .build()?;
/// # let _ = message;
/// # Ok::<(), marketing::ValidationErrors>(())
/// ```
#[derive(Clone, Debug)]
#[must_use = "a builder does nothing until .build() is called"]
pub struct MessageBuilder {
    name: String,
    language: String,
    recipient: Option<Recipient>,
    header: Option<Header>,
    body: Vec<BodyParam>,
    offer: Option<OfferExpiry>,
    cards: Vec<Card>,
    buttons: Vec<Button>,
    product_policy: Option<ProductPolicy>,
    message_activity_sharing: Option<bool>,
    bid_multiplier: Option<f64>,
    biz_opaque_callback_data: Option<String>,
    extra: Map<String, Value>,
    strictness: Strictness,
}

impl MessageBuilder {
    /// See [`Message::builder`].
    pub fn new(name: impl Into<String>, language: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            language: language.into(),
            recipient: None,
            header: None,
            body: Vec::new(),
            offer: None,
            cards: Vec::new(),
            buttons: Vec::new(),
            product_policy: None,
            message_activity_sharing: None,
            bid_multiplier: None,
            biz_opaque_callback_data: None,
            extra: Map::new(),
            strictness: Strictness::RefuseUnknownFields,
        }
    }

    /// Required (or [`recipient`](Self::recipient)): the user's phone number, E.164 digits
    /// with an optional leading `+`.
    pub fn to(self, phone: impl Into<String>) -> Self {
        self.recipient(Recipient::Phone(phone.into()))
    }

    /// Required (or [`to`](Self::to)): the user, by phone number or BSUID.
    pub fn recipient(mut self, recipient: Recipient) -> Self {
        self.recipient = Some(recipient);
        self
    }

    /// Optional: the header variable's value. Setting it again replaces it.
    pub fn header(mut self, header: Header) -> Self {
        self.header = Some(header);
        self
    }

    /// Optional: appends a value for the body's variables (in order for positional templates).
    pub fn body_param(mut self, param: BodyParam) -> Self {
        self.body.push(param);
        self
    }

    /// Optional: appends several body values.
    pub fn body_params(mut self, params: impl IntoIterator<Item = BodyParam>) -> Self {
        self.body.extend(params);
        self
    }

    /// Optional: a button's value. Each index may be used once.
    pub fn button(mut self, button: Button) -> Self {
        self.buttons.push(button);
        self
    }

    /// Optional: when the offer of a limited-time-offer template ends.
    pub fn limited_time_offer(mut self, expiry: impl Into<OfferExpiry>) -> Self {
        self.offer = Some(expiry.into());
        self
    }

    /// Optional: appends a carousel card (2 to 10 cards, all alike).
    pub fn card(mut self, card: Card) -> Self {
        self.cards.push(card);
        self
    }

    /// Optional: what Meta does when the business cannot use Marketing Messages Lite.
    /// Unset means Meta's default, which behaves like `CLOUD_API_FALLBACK`.
    pub fn product_policy(mut self, policy: ProductPolicy) -> Self {
        self.product_policy = Some(policy);
        self
    }

    /// Optional: share activity on this message with Meta (unset: the account's default).
    pub fn message_activity_sharing(mut self, share: bool) -> Self {
        self.message_activity_sharing = Some(share);
        self
    }

    /// Optional, beta: scales the template's maximum price for this send (1.5 bids 50 %
    /// more). Must be finite and above 0; cannot go with a BSUID recipient.
    pub fn bid_multiplier(mut self, multiplier: f64) -> Self {
        self.bid_multiplier = Some(multiplier);
        self
    }

    /// Optional: data Cloud API echoes back in status webhooks (at most 512 characters;
    /// Meta has not confirmed this endpoint echoes it).
    pub fn biz_opaque_callback_data(mut self, data: impl Into<String>) -> Self {
        self.biz_opaque_callback_data = Some(data.into());
        self
    }

    /// Optional: a top-level property this crate does not know yet, sent as given. Refused by
    /// [`build`](Self::build) unless [`allow_unknown_fields`](Self::allow_unknown_fields) is set.
    pub fn extra_field(mut self, key: impl Into<String>, value: Value) -> Self {
        self.extra.insert(key.into(), value);
        self
    }

    /// Optional: the opt-out for a field newer than `openapi.yaml` (see
    /// [`Strictness::AllowUnknownFields`]): [`extra_field`](Self::extra_field)s are sent and
    /// listed in [`Message::warnings`] instead of refused.
    pub fn allow_unknown_fields(mut self) -> Self {
        self.strictness = Strictness::AllowUnknownFields;
        self
    }

    /// Validates and returns the message, or every problem found.
    pub fn build(self) -> Result<Message, ValidationErrors> {
        let mut components = Vec::new();
        if let Some(header) = self.header {
            components.push(TemplateComponent::HeaderComponent(header.into_component()));
        }
        if !self.body.is_empty() {
            components.push(TemplateComponent::BodyComponent(BodyParam::into_component(
                self.body,
            )));
        }
        if let Some(offer) = self.offer {
            components.push(TemplateComponent::LimitedTimeOfferComponent(
                offer.into_component(),
            ));
        }
        if !self.cards.is_empty() {
            let cards: Vec<_> = (self.cards.into_iter().enumerate())
                .map(|(i, card)| card.into_card(i))
                .collect();
            components.push(TemplateComponent::CarouselComponent(build(
                CarouselComponent::builder()
                    .type_(CarouselComponentType::Carousel)
                    .cards(cards),
            )));
        }
        components.extend(
            self.buttons
                .into_iter()
                .map(|b| TemplateComponent::ButtonComponent(b.into_component())),
        );

        // Built with the generated builders: a field Meta adds takes its default here.
        use wamm_client::build;
        let language = LanguageObject::builder().code(self.language).policy(None);
        let template = TemplateObject::builder()
            .name(self.name)
            .language(build::<LanguageObject>(language))
            .components(components);
        let bid_spec = (self.bid_multiplier)
            .map(|x| build::<BidSpec>(BidSpec::builder().per_message_bid_multiplier(x)));
        let mut payload: MarketingMessageRequestPayload = build(
            MarketingMessageRequestPayload::builder()
                .messaging_product(MarketingMessageRequestPayloadMessagingProduct::Whatsapp)
                .recipient_type(MarketingMessageRequestPayloadRecipientType::Individual)
                .type_(MarketingMessageRequestPayloadType::Template)
                .to(None)
                .recipient(None)
                .template(build::<TemplateObject>(template))
                .product_policy(self.product_policy)
                .message_activity_sharing(self.message_activity_sharing)
                .bid_spec(bid_spec)
                .biz_opaque_callback_data(self.biz_opaque_callback_data),
        );
        let extra = (!self.extra.is_empty()).then(|| {
            Box::new(ExtraFields {
                top_level: self.extra,
                template: Map::new(),
            })
        });
        if let Some(recipient) = self.recipient {
            set_recipient(&mut payload, recipient);
        }
        Message::checked(payload, extra, self.strictness)
    }
}
