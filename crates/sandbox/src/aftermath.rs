//! What happens to a created message after its 200: one story ([`webhooks::plan`], drawn
//! from the seed and the send's sequence number) told three ways, so they always agree: the
//! status webhooks posted to a receiver, the message history, and template analytics.
//! Without a webhook receiver the story is still drawn (with the default
//! [`WebhookSpec`](crate::WebhookSpec)), only not posted.

use crate::analytics::{Counts, ProductType, unix_now};
use crate::endpoint::AppState;
use crate::faults::RequestDice;
use crate::records::Route;
use crate::webhooks::{self, Created};

/// Keeps the draws for clicks and purchases apart from the story's and the faults'.
const ANALYTICS_STREAM: u64 = 0x616e_616c_7974_6963;

pub(crate) fn created(
    state: &AppState,
    created: Created,
    template_id: Option<&str>,
    routed: Route,
) {
    let (seed, default_spec) = &state.seed_spec;
    let spec = state.webhooks.as_ref().map_or(default_spec, |w| w.spec());
    let (story, truth) = webhooks::plan(spec, *seed, &created);
    state.history.record(
        &created.wamid,
        &created.phone_number_id,
        &story,
        state.webhooks.is_some(),
    );
    if let Some(template_id) = template_id
        && state.account.view_insights()
    {
        let mut dice = RequestDice::new(seed ^ ANALYTICS_STREAM, created.sequence);
        let read = truth.status == "read";
        let delivered = read || truth.status == "delivered";
        let clicked = read && dice.uniform() < state.analytics_spec.click;
        let purchased = clicked && dice.uniform() < state.analytics_spec.conversion;
        let product = match routed {
            Route::MarketingMessagesLite => ProductType::MarketingMessagesLiteApi,
            Route::CloudApiFallback => ProductType::CloudApi,
        };
        state.tally.record(
            template_id,
            product,
            unix_now(),
            Counts {
                sent: 1,
                delivered: u64::from(delivered),
                read: u64::from(read),
                clicked: u64::from(clicked),
                website_purchases: u64::from(purchased),
            },
        );
    }
    if let Some(webhooks) = &state.webhooks {
        webhooks.scheduled(story, truth);
    }
}
