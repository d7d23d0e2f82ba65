use wamm_client::build;
use wamm_client::types::{
    BodyComponent, BodyComponentType, BodyParameter, CurrencyParameter, CurrencyParameterType,
    CurrencyValue, DateTimeParameter, DateTimeParameterType, DateTimeValue, ParameterName,
    TextParameter, TextParameterType,
};

/// An amount of money that WhatsApp formats for the reader's locale.
///
/// ```
/// use marketing::Currency;
///
/// // R$ 149,90 is 149.90 BRL, sent as 149900 thousandths.
/// let price = Currency::new("R$ 149,90", "BRL", 149_900);
/// # let _ = price;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Currency {
    fallback_value: String,
    code: String,
    amount_1000: i64,
}

impl Currency {
    /// `fallback_value` is shown where the amount cannot be localised; `code` is ISO 4217;
    /// `amount_1000` is the amount times 1000 (12.50 is 12500).
    pub fn new(
        fallback_value: impl Into<String>,
        code: impl Into<String>,
        amount_1000: i64,
    ) -> Self {
        Self {
            fallback_value: fallback_value.into(),
            code: code.into(),
            amount_1000,
        }
    }
}

/// One value for a body variable: text, currency or date-time, positional or named.
///
/// In a template approved with named variables every value needs a name (`.named(..)` or a
/// `named_*` constructor); in a positional template none may have one. Mixing is caught by
/// validation.
///
/// ```
/// use marketing::{BodyParam, Currency};
///
/// let positional = BodyParam::text("Ana");
/// let named = BodyParam::text("Marina").named("first_name");
/// let price = BodyParam::currency(Currency::new("$12.50", "USD", 12_500)).named("price");
/// let when = BodyParam::date_time("1 May 2026, 18:00");
/// # let _ = (positional, named, price, when);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct BodyParam(BodyParameter);

impl BodyParam {
    /// A text value.
    pub fn text(text: impl Into<String>) -> Self {
        Self(BodyParameter::TextParameter(build(
            TextParameter::builder()
                .type_(TextParameterType::Text)
                .parameter_name(None)
                .text(text.into()),
        )))
    }

    /// A text value for the named variable `name`.
    pub fn named_text(name: impl Into<String>, text: impl Into<String>) -> Self {
        Self::text(text).named(name)
    }

    /// A currency value.
    pub fn currency(currency: Currency) -> Self {
        let value = CurrencyValue::builder()
            .fallback_value(currency.fallback_value)
            .code(currency.code)
            .amount_1000(currency.amount_1000);
        Self(BodyParameter::CurrencyParameter(build(
            CurrencyParameter::builder()
                .type_(CurrencyParameterType::Currency)
                .parameter_name(None)
                .currency(build::<CurrencyValue>(value)),
        )))
    }

    /// A date-time value; recent API versions always show `fallback_value` as given.
    pub fn date_time(fallback_value: impl Into<String>) -> Self {
        let value = DateTimeValue::builder().fallback_value(fallback_value.into());
        Self(BodyParameter::DateTimeParameter(build(
            DateTimeParameter::builder()
                .type_(DateTimeParameterType::DateTime)
                .parameter_name(None)
                .date_time(build::<DateTimeValue>(value)),
        )))
    }

    /// Names the value, for templates approved with named variables.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        let name = Some(ParameterName(name.into()));
        match &mut self.0 {
            BodyParameter::TextParameter(p) => p.parameter_name = name,
            BodyParameter::CurrencyParameter(p) => p.parameter_name = name,
            BodyParameter::DateTimeParameter(p) => p.parameter_name = name,
        }
        self
    }

    pub(crate) fn into_component(params: Vec<BodyParam>) -> BodyComponent {
        let parameters: Vec<BodyParameter> = params.into_iter().map(|p| p.0).collect();
        build(
            BodyComponent::builder()
                .type_(BodyComponentType::Body)
                .parameters(parameters),
        )
    }
}
