//! The account pre-flight of `run` and `resume`: with an account ID, the account is read and
//! checked against the campaign before the first request (see `wamm account`).

use std::path::{Path, PathBuf};

use marketing::MarketingClient;
use marketing::campaign::{self, AccountNotReady, CampaignDefinition, Journal};

use super::args::{AccountRunArgs, CommonRunArgs};
use super::input;
use crate::commands::account::{account_failure, report_preflight};
use crate::exit::{Exit, Failure};

/// The campaign the rows not yet sent will use, and the list, for `resume`: the corrected
/// file or the journal's newest revision; the moved list or the one the journal recorded.
pub(super) fn resumed(
    journal: &Path,
    campaign_file: Option<&Path>,
    recipients: Option<&Path>,
) -> Result<(CampaignDefinition, Option<PathBuf>), Failure> {
    let definition = campaign::campaign_to_resume(journal, campaign_file).map_err(input)?;
    let list = match recipients {
        Some(path) => Some(path.to_path_buf()),
        // Resume itself says what is wrong with a journal that cannot be read.
        None => Journal::open_read_only(journal)
            .and_then(|j| j.meta())
            .ok()
            .map(|meta| PathBuf::from(meta.recipients_path)),
    };
    Ok((definition, list))
}

/// Reads the account and checks it against the campaign, unless there is no account ID or
/// `--no-account-check`; prints what it found and its warnings on stderr. A campaign that
/// must not start fails here, before any message is sent.
pub(super) async fn check(
    client: &MarketingClient,
    common: &CommonRunArgs,
    account: &AccountRunArgs,
    definition: &CampaignDefinition,
    recipients: Option<&Path>,
) -> Result<(), Failure> {
    if account.no_account_check || client.waba_id().is_none() {
        return Ok(());
    }
    let skip = "--no-account-check skips this check";
    match campaign::check_account(client, definition, recipients.filter(|p| p.exists())).await {
        Ok(check) => {
            report_preflight(&check);
            Ok(())
        }
        Err(AccountNotReady::Read(error)) => {
            Err(account_failure(&error, &common.connection).detail(skip))
        }
        Err(AccountNotReady::NotOnboarded {
            waba_id,
            status,
            fix,
        }) => Err(Failure::new(
            Exit::Auth,
            format!(
                "account {waba_id} is not onboarded to Marketing Messages ({status}), and the campaign's product_policy is STRICT: every message would be refused; nothing was sent"
            ),
        )
        .detail(format!("what to do: {fix}"))
        .detail(
            "or let Meta send through the Cloud API meanwhile: product_policy = \"CLOUD_API_FALLBACK\" in [message]",
        )
        .detail(format!("see the account with: wamm account --waba-id {waba_id}"))),
        Err(error @ AccountNotReady::NumberCannotSend { .. }) => {
            Err(Failure::new(Exit::Auth, error.to_string())
                .detail(format!(
                    "see the account's numbers with: wamm account --waba-id {}",
                    client.waba_id().unwrap_or_default()
                ))
                .detail(skip))
        }
        Err(error @ AccountNotReady::NumberNotInAccount { .. }) => {
            Err(Failure::usage(error.to_string()).detail(
                "the phone number comes from --phone-number-id (or WHATSAPP_PHONE_NUMBER_ID) or the campaign's [[senders]]; the account from --waba-id (or WHATSAPP_BUSINESS_ACCOUNT_ID)",
            ))
        }
        Err(AccountNotReady::List(error)) => Err(input(error)),
        Err(other) => Err(Failure::other(other.to_string())),
    }
}
