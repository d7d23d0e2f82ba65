use wamm_client::build;
use wamm_client::types::{CarouselCard, CarouselCardComponent};

use super::{BodyParam, Button, Header};

/// One card of a carousel: its header (image or video), optional body values and buttons.
/// Cards are numbered by their position when added to a message.
///
/// ```
/// use marketing::{Button, Card, Header, Media};
///
/// let card = Card::new(Header::image(Media::link("https://cdn.example.org/a.jpg")))
///     .button(Button::url(0, "sneakers-42"));
/// # let _ = card;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    header: Header,
    body: Vec<BodyParam>,
    buttons: Vec<Button>,
}

impl Card {
    /// A card with this header and nothing else yet.
    pub fn new(header: Header) -> Self {
        Self {
            header,
            body: Vec::new(),
            buttons: Vec::new(),
        }
    }

    /// Adds a value for the card's body text.
    pub fn body_param(mut self, param: BodyParam) -> Self {
        self.body.push(param);
        self
    }

    /// Adds a button value.
    pub fn button(mut self, button: Button) -> Self {
        self.buttons.push(button);
        self
    }

    pub(crate) fn into_card(self, card_index: usize) -> CarouselCard {
        let mut components = vec![CarouselCardComponent::HeaderComponent(
            self.header.into_component(),
        )];
        if !self.body.is_empty() {
            components.push(CarouselCardComponent::BodyComponent(
                BodyParam::into_component(self.body),
            ));
        }
        components.extend(
            self.buttons
                .into_iter()
                .map(|b| CarouselCardComponent::ButtonComponent(b.into_component())),
        );
        build(
            CarouselCard::builder()
                .card_index(i64::try_from(card_index).unwrap_or(i64::MAX))
                .components(components),
        )
    }
}
