//! Builders for the parts of a template message: header, body parameters, buttons,
//! limited-time offer and carousel cards. Each produces the generated wire type.

mod body;
mod button;
mod carousel;
mod header;
mod offer;

pub use body::{BodyParam, Currency};
pub use button::{Button, FlowAction, ProductSection};
pub use carousel::Card;
pub use header::{Header, Location, Media};
pub use offer::OfferExpiry;
