//! `wamm templates list|show|scaffold`: what the account has.

use marketing::MarketingClient;
use marketing::templates::{self, Template, TemplateCategory, TemplateFilter, TemplateStatus};
use serde_json::json;

use super::{ListArgs, ScaffoldArgs, ScaffoldFormat, ShowArgs, lookup_failure};
use crate::config::ConnectionArgs;
use crate::exit::Failure;
use crate::output::{self, BOLD, DIM, Verbose, WARNING, paint};

pub(super) async fn list(args: ListArgs, verbose: Verbose) -> Result<(), Failure> {
    let client = args.connection.templates_client(verbose)?;
    let mut filter = TemplateFilter::new();
    for status in &args.status {
        filter = filter.status(open_value("--status", status, TemplateStatus::KNOWN)?);
    }
    for category in &args.category {
        filter = filter.category(open_value("--category", category, TemplateCategory::KNOWN)?);
    }
    for language in &args.language {
        filter = filter.language(language.trim());
    }
    if let Some(name) = &args.name {
        filter = filter.name(name);
    }
    if let Some(size) = args.page_size {
        if !(1..=templates::MAX_PAGE_SIZE).contains(&size) {
            return Err(Failure::usage(format!(
                "--page-size {size}: expected 1 to {}",
                templates::MAX_PAGE_SIZE
            )));
        }
        filter = filter.page_size(size);
    }
    let mut pages = client.list_templates(filter);
    let mut count = 0u64;
    let mut started = false;
    // One page in memory at a time: each is printed as it arrives.
    while let Some(page) = pages
        .next_page()
        .await
        .map_err(|e| lookup_failure(&e, &args.connection))?
    {
        if !started {
            start_list(args.json)?;
            started = true;
        }
        for template in page {
            if args.json {
                let text = serde_json::to_string(&template)
                    .map_err(|e| Failure::other(format!("cannot write JSON: {e}")))?;
                let separator = if count == 0 { "" } else { "," };
                output::out(format!("{separator}{text}"))?;
            } else {
                output::out(row(&template))?;
            }
            count += 1;
        }
    }
    if !started {
        start_list(args.json)?;
    }
    if args.json {
        output::out("]")?;
    } else {
        output::err(paint(
            DIM,
            format!(
                "{} ({} read) in account {}",
                output::counted(count, "template"),
                output::counted(u64::from(pages.pages_read()), "page"),
                client.waba_id().unwrap_or_default()
            ),
        ));
    }
    Ok(())
}

/// The start of `list`'s output, printed once the first page has arrived (so that a failure
/// leaves no half output).
fn start_list(json: bool) -> Result<(), Failure> {
    if json {
        output::out("[")?;
    } else {
        output::out(paint(
            BOLD,
            format!(
                "{:<28} {:<8} {:<10} {:<16} {:<11} {}",
                "NAME", "LANGUAGE", "STATUS", "CATEGORY", "PARAMETERS", "ID"
            ),
        ))?;
    }
    Ok(())
}

/// One line of `list`.
fn row(template: &Template) -> String {
    let category = match &template.previous_category {
        Some(previous) if previous != template.category.as_str() => {
            format!("{} (was {previous})", template.category)
        }
        _ => template.category.to_string(),
    };
    let format = template
        .parameter_format
        .map_or("POSITIONAL".to_string(), |f| f.to_string());
    format!(
        "{:<28} {:<8} {:<10} {:<16} {:<11} {}",
        template.name,
        template.language,
        template.status.as_str(),
        category,
        format,
        template.id
    )
}

/// A value of an open enum from a flag: upper-cased; one this version does not know is
/// passed on with a warning (Meta adds values).
fn open_value<T: std::str::FromStr<Err = std::convert::Infallible>>(
    flag: &str,
    value: &str,
    known: &[&str],
) -> Result<T, Failure> {
    let value = value.trim().to_ascii_uppercase();
    if value.is_empty() {
        return Err(Failure::usage(format!(
            "{flag}: empty, expected one of {}",
            known.join(", ")
        )));
    }
    if !known.contains(&value.as_str()) {
        output::err(format!(
            "{} {flag} {value}: not a value this version of wamm knows ({}); asked for as given",
            paint(WARNING, "warning:"),
            known.join(", ")
        ));
    }
    let Ok(parsed) = value.parse();
    Ok(parsed)
}

pub(super) async fn show(args: ShowArgs, verbose: Verbose) -> Result<(), Failure> {
    let client = args.connection.templates_client(verbose)?;
    let found = find(&client, &args.connection, &args.name, args.lang.as_deref()).await?;
    if args.json {
        let value = match (&args.lang, found.as_slice()) {
            (Some(_), [one]) => json!(one),
            _ => json!(found),
        };
        output::out_json(&value)?;
        return Ok(());
    }
    for (i, template) in found.iter().enumerate() {
        if i > 0 {
            output::out("")?;
        }
        for line in describe(template) {
            output::out(line)?;
        }
    }
    Ok(())
}

/// The templates named `name` (exactly), in `lang` when given; an error naming what the
/// account has when there is none.
async fn find(
    client: &MarketingClient,
    connection: &ConnectionArgs,
    name: &str,
    lang: Option<&str>,
) -> Result<Vec<Template>, Failure> {
    let all = client
        .templates_named(name)
        .await
        .map_err(|e| lookup_failure(&e, connection))?;
    let account = client.waba_id().unwrap_or_default();
    if all.is_empty() {
        return Err(Failure::usage(format!(
            "the account {account} has no template named {name:?}"
        ))
        .detail(format!(
            "see its templates with: wamm templates list --waba-id {account}"
        )));
    }
    let Some(lang) = lang else {
        return Ok(all);
    };
    let languages: Vec<String> = all.iter().map(|t| t.language.clone()).collect();
    let found: Vec<Template> = all.into_iter().filter(|t| t.language == lang).collect();
    if found.is_empty() {
        return Err(Failure::usage(format!(
            "--lang {lang}: template {name} is not in {lang} in the account {account}; it is in {}",
            languages.join(", ")
        )));
    }
    Ok(found)
}

/// `show`'s lines for one template.
fn describe(template: &Template) -> Vec<String> {
    let mut lines = vec![paint(
        BOLD,
        format!("{} ({})", template.name, template.language),
    )];
    let field = |name: &str, value: String| format!("  {name:<10} {value}");
    lines.push(field("id", template.id.clone()));
    lines.push(field("status", template.status.to_string()));
    let mut category = template.category.to_string();
    if let Some(previous) = &template.previous_category {
        category.push_str(&format!(" (was {previous})"));
    }
    lines.push(field("category", category));
    lines.push(field(
        "parameters",
        template
            .parameter_format
            .map_or("POSITIONAL".to_string(), |f| f.to_string()),
    ));
    // The settings a marketing send runs under (Meta's defaults when the template sets none).
    lines.push(field(
        "ttl",
        match template.message_send_ttl_seconds {
            Some(seconds) => format!(
                "{} ({seconds} s)",
                humantime::format_duration(std::time::Duration::from_secs(
                    u64::try_from(seconds).unwrap_or(0)
                ))
            ),
            None => "not set (Meta's default: 30 days for marketing)".to_string(),
        },
    ));
    if let Some(spec) = &template.optimization_spec {
        lines.push(field(
            "max price",
            format!(
                "{} per 1,000 deliveries (smallest currency unit), {}",
                spec.bid_amount.map_or("?".to_string(), |a| a.to_string()),
                spec.bid_strategy.as_deref().unwrap_or("no strategy given")
            ),
        ));
    }
    let creative = template
        .degrees_of_freedom_spec
        .as_ref()
        .map(templates::creative_features);
    if let Some(features) = creative
        .as_ref()
        .and_then(|d| d.creative_features_spec.as_ref())
    {
        let mut named: Vec<String> = features
            .iter()
            .map(|(name, f)| format!("{name} {}", f.enroll_status.as_deref().unwrap_or("?")))
            .collect();
        named.sort();
        lines.push(field("creative", named.join(", ")));
    }
    components(&template.components, "  ", &mut lines);
    let scaffold = templates::scaffold(template);
    lines.push(field(
        "takes",
        if scaffold.columns().is_empty() {
            "no values".to_string()
        } else {
            scaffold.columns().join(", ")
        },
    ));
    for note in scaffold.notes() {
        lines.push(field("note", note.clone()));
    }
    let standing = sendable(template);
    lines.push(field(
        "sendable",
        if standing.is_empty() {
            "yes".to_string()
        } else {
            format!("no: {}", standing.join("; "))
        },
    ));
    lines
}

fn components(
    defined: &[marketing::types::TemplateComponentDefinition],
    indent: &str,
    lines: &mut Vec<String>,
) {
    let field = |name: &str, value: String| format!("{indent}{name:<10} {value}");
    for component in defined {
        match component.type_.to_ascii_uppercase().as_str() {
            "HEADER" => {
                let format = component.format.as_deref().unwrap_or("TEXT");
                let text = component
                    .text
                    .as_deref()
                    .map(|t| format!(": {t}"))
                    .unwrap_or_default();
                lines.push(field("header", format!("{format}{text}")));
            }
            "BODY" => lines.push(field("body", component.text.clone().unwrap_or_default())),
            "FOOTER" => lines.push(field("footer", component.text.clone().unwrap_or_default())),
            "LIMITED_TIME_OFFER" => {
                let offer = component.limited_time_offer.clone().unwrap_or_default();
                let expiry = if offer.has_expiration.unwrap_or(false) {
                    " (ends at a time each send gives)"
                } else {
                    ""
                };
                lines.push(field(
                    "offer",
                    format!("{}{expiry}", offer.text.unwrap_or_default()),
                ));
            }
            "BUTTONS" => {
                for (index, button) in component.buttons.iter().enumerate() {
                    let mut text = button.type_.clone();
                    for part in [&button.text, &button.url, &button.phone_number]
                        .into_iter()
                        .flatten()
                    {
                        text.push(' ');
                        text.push_str(part);
                    }
                    lines.push(field(&format!("button {index}"), text));
                }
            }
            "CAROUSEL" => {
                lines.push(field(
                    "carousel",
                    format!("{} cards", component.cards.len()),
                ));
                for (index, card) in component.cards.iter().enumerate() {
                    lines.push(format!("{indent}  card {index}"));
                    components(&card.components, &format!("{indent}    "), lines);
                }
            }
            other => lines.push(field(&other.to_ascii_lowercase(), String::new())),
        }
    }
}

/// Why the template cannot be sent through this endpoint (status, category); empty when it
/// can.
fn sendable(template: &Template) -> Vec<String> {
    let bare =
        json!({"template": {"name": template.name, "language": {"code": template.language}}});
    match templates::check_body(&bare, template) {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .problems()
            .iter()
            .filter(|p| p.path() == "template.name")
            .map(|p| format!("{} ({})", p.message(), p.code()))
            .collect(),
    }
}

pub(super) async fn scaffold(args: ScaffoldArgs, verbose: Verbose) -> Result<(), Failure> {
    let client = args.connection.templates_client(verbose)?;
    let found = find(&client, &args.connection, &args.name, Some(&args.lang)).await?;
    let Some(template) = found.first() else {
        return Err(Failure::other("no template found"));
    };
    let scaffold = templates::scaffold(template);
    for problem in sendable(template) {
        output::err(format!(
            "{} {problem}: a message with it will be refused",
            paint(WARNING, "warning:")
        ));
    }
    for note in scaffold.notes() {
        output::err(format!("{} {note}", paint(WARNING, "note:")));
    }
    match args.format {
        ScaffoldFormat::Json => {
            output::out(scaffold.request_body_pretty())?;
            let mut fill = vec!["<phone>".to_string()];
            fill.extend(scaffold.columns().iter().map(|c| format!("<{c}>")));
            output::err(paint(
                DIM,
                format!(
                    "fill in {} (expiration_time_ms, latitude and longitude take a number, without quotes), then: wamm send --message FILE",
                    fill.join(", ")
                ),
            ));
        }
        ScaffoldFormat::Toml => {
            output::out(scaffold.campaign_toml().trim_end())?;
            let mut columns = vec!["phone".to_string()];
            columns.extend(scaffold.columns().iter().cloned());
            output::err(paint(
                DIM,
                format!(
                    "the recipient list needs the columns {}; then: wamm campaign run --campaign FILE --recipients LIST --journal JOURNAL",
                    columns.join(", ")
                ),
            ));
        }
    }
    Ok(())
}
