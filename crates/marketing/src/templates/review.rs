//! Meta's authoring and edit rules: `wamm_client::authoring`, the rules the sandbox reviews
//! with, so `check`, `plan` and the sandbox cannot disagree.

pub(crate) use wamm_client::authoring::{EditHistory, review, review_edit};
