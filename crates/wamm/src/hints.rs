//! Which setting to change: the next step for errors whose cause is a flag, a variable or a
//! file rather than the message. `send` and `campaign` print the same hints.

use marketing::{ErrorClass, SendError};

use crate::config::{ConnectionArgs, TOKEN_VAR, WABA_VAR};

/// The settings a hint may name, as they were given.
#[derive(Debug, Clone)]
pub struct Settings {
    pub base_url: String,
    pub phone_number_id: Option<String>,
}

impl Settings {
    pub fn of(connection: &ConnectionArgs) -> Self {
        Self {
            base_url: marketing::redact_url(&connection.base_url),
            phone_number_id: connection.phone_number_id.clone(),
        }
    }

    /// Hints for an error, from its Graph code and class (when Meta answered) and its text.
    pub fn hints(&self, class: Option<ErrorClass>, code: Option<i64>, text: &str) -> Vec<String> {
        let mut lines = Vec::new();
        // Graph answers a phone number ID that does not exist, or that this token may not use,
        // with the generic 100 and "Unsupported post request. Object with ID '...' does not
        // exist".
        if code == Some(100) && text.contains("Object with ID") {
            // The ID Graph names is the one that failed (in a pool, maybe not the default).
            let named = text
                .split_once("Object with ID '")
                .and_then(|(_, rest)| rest.split_once('\''))
                .map(|(id, _)| id);
            let id = named
                .or(self.phone_number_id.as_deref())
                .unwrap_or("(none)");
            let setting = if named.is_some_and(|n| Some(n) != self.phone_number_id.as_deref()) {
                "check the campaign's [[senders]]"
            } else {
                "check --phone-number-id (or WHATSAPP_PHONE_NUMBER_ID)"
            };
            lines.push(format!(
                "the phone number ID {id} is not one this token can send from: {setting}"
            ));
        }
        match class {
            Some(ErrorClass::Auth) => lines.push(token_hint()),
            Some(ErrorClass::Permission | ErrorClass::Account) => lines.push(
                "check the token's permissions, the phone number (--phone-number-id) and the business account in WhatsApp Manager"
                    .to_string(),
            ),
            _ => {}
        }
        if class.is_none() && text.starts_with("cannot connect") && refused_certificate(text) {
            lines.push(crate::config::untrusted_certificate_hint());
        } else if class.is_none() && text.starts_with("cannot connect") {
            lines.push(server_hint(&self.base_url));
        }
        lines
    }

    /// Hints for a failed send.
    pub fn for_send_error(&self, error: &SendError) -> Vec<String> {
        let text = error.to_string();
        let text = match error {
            // Name the cause the way the campaign runner reports it.
            SendError::Connect { .. } => text,
            _ => error.graph().map_or(text, |g| g.to_string()),
        };
        self.hints(error.class(), error.code(), &text)
    }
}

/// The hint for an access token Graph refused.
pub fn token_hint() -> String {
    format!("fix the access token: {TOKEN_VAR}, or --token-file PATH")
}

/// The hint for a server that could not be reached at `base_url` (shown without secrets).
pub fn server_hint(base_url: &str) -> String {
    format!(
        "is the server (or `wamm sandbox`) running at {base_url}? Check --base-url (or WAMM_BASE_URL)"
    )
}

/// The hint for a refusal to read the business account `account` (its templates, its
/// numbers), by the class of Graph's error: a bad token, or one without the permission on
/// that account. `None` for the other classes.
pub fn account_access_hint(class: ErrorClass, account: &str) -> Option<String> {
    match class {
        ErrorClass::Auth => Some(token_hint()),
        ErrorClass::Permission | ErrorClass::Account => Some(format!(
            "the token needs whatsapp_business_management on the account {account} (--waba-id or {WABA_VAR})"
        )),
        _ => None,
    }
}

/// Whether a connection failed because the server's certificate was not trusted (rustls
/// words it `invalid peer certificate: UnknownIssuer`, `... BadSignature` and the like).
pub fn refused_certificate(text: &str) -> bool {
    text.contains("invalid peer certificate")
}

/// An error with every cause after it (`journal: J: database or disk is full`): the library
/// keeps a failure's cause as its source, and the user needs its words.
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        let said = inner.to_string();
        if !text.ends_with(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = inner.source();
    }
    text
}

/// `word`, quoted for a POSIX shell when it needs to be: hints print commands that work when
/// pasted.
pub fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./=:@+%,".contains(&b))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The line that words a library's next step as the command to run.
pub fn next_step(next: &marketing::campaign::NextStep) -> String {
    use marketing::campaign::NextStep;
    match next {
        NextStep::Resume { journal } => format!(
            "resume it with: wamm campaign resume --journal {}",
            shell_word(journal)
        ),
        NextStep::ResumeWithCampaign { journal, file } => format!(
            "to send the rows not yet sent with the edited file:\n    wamm campaign resume --journal {} --campaign {}",
            shell_word(journal),
            shell_word(file)
        ),
        NextStep::Run => {
            "start one with: wamm campaign run --campaign FILE --recipients LIST --journal URL"
                .to_string()
        }
        NextStep::FindOtherNames { path } => {
            format!(
                "list them with: find / -xdev -samefile {}",
                shell_word(path)
            )
        }
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_only_when_they_need_it() {
        assert_eq!(shell_word("spring.journal"), "spring.journal");
        assert_eq!(shell_word("my list.csv"), "'my list.csv'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
    }

    #[test]
    fn account_refusals_name_the_token_or_its_permission() {
        let token = "fix the access token: WHATSAPP_ACCESS_TOKEN, or --token-file PATH";
        let permission = "the token needs whatsapp_business_management on the account 102290129340398 (--waba-id or WHATSAPP_BUSINESS_ACCOUNT_ID)";
        let cases = [
            (ErrorClass::Auth, Some(token)),
            (ErrorClass::Permission, Some(permission)),
            (ErrorClass::Account, Some(permission)),
            (ErrorClass::InvalidRequest, None),
            (ErrorClass::Throttled, None),
        ];
        for (class, hint) in cases {
            assert_eq!(
                account_access_hint(class, "102290129340398").as_deref(),
                hint,
                "{class:?}"
            );
        }
    }
}
