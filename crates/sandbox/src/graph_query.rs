//! What Graph's reads share: the query's pairs (each name known, at most once), `fields`,
//! `limit`, and a page's `paging` with the URLs of the pages beside it. The template list,
//! the account's phone numbers, template analytics and message history all read and page
//! through these, so their refusals are worded alike.

use axum::extract::Query;
use axum::http::Uri;
use wamm_client::build;
use wamm_client::types::{Paging, PagingCursors};

use crate::graph_error::GraphFailure;

/// The query's pairs as sent, in order (400, 100 when the query string cannot be read).
pub(crate) fn read_pairs(uri: &Uri) -> Result<Vec<(String, String)>, GraphFailure> {
    let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(uri).map_err(|e| {
        GraphFailure::invalid_parameter(format!("the query string cannot be read: {e}"))
    })?;
    Ok(pairs)
}

/// The name of the pair at `place`, as one of `known` (400, 100 when it is not among them,
/// or was given before).
pub(crate) fn known_name(
    pairs: &[(String, String)],
    place: usize,
    known: &[&'static str],
) -> Result<&'static str, GraphFailure> {
    let key = pairs[place].0.as_str();
    let Some(&name) = known.iter().find(|k| **k == key) else {
        return Err(GraphFailure::invalid_parameter(format!(
            "unknown parameter {key:?}; this operation takes {}",
            known.join(", ")
        )));
    };
    if pairs[..place].iter().any(|(k, _)| k == key) {
        return Err(GraphFailure::invalid_parameter(format!(
            "{name} is given more than once"
        )));
    }
    Ok(name)
}

/// The query's pairs, each name at most once and among `known`.
pub(crate) fn query_pairs(
    uri: &Uri,
    known: &[&'static str],
) -> Result<Vec<(String, String)>, GraphFailure> {
    let pairs = read_pairs(uri)?;
    for place in 0..pairs.len() {
        known_name(&pairs, place, known)?;
    }
    Ok(pairs)
}

/// The value of `key`, when the query has it.
pub(crate) fn value_of<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// A parameter that takes one value, `only`: 400, 100 with `missing` when it is absent, or
/// naming what was received instead.
pub(crate) fn require_only(
    pairs: &[(String, String)],
    key: &str,
    only: &str,
    missing: &str,
) -> Result<(), GraphFailure> {
    match value_of(pairs, key) {
        Some(value) if value == only => Ok(()),
        Some(other) => Err(GraphFailure::invalid_parameter(format!(
            "{key}: expected {only}; received {other:?}"
        ))),
        None => Err(GraphFailure::invalid_parameter(missing)),
    }
}

/// `name` as one of `known`, for `fields`: `None` for an unknown name when `lenient`
/// (`--accept-any-template`), else 400, 100 naming `what` lacks it.
pub(crate) fn known_field(
    name: &str,
    known: &[&'static str],
    what: &str,
    lenient: bool,
) -> Result<Option<&'static str>, GraphFailure> {
    match known.iter().find(|f| **f == name) {
        Some(field) => Ok(Some(field)),
        None if lenient => Ok(None),
        None => Err(GraphFailure::invalid_parameter(format!(
            "fields: {what} has no field {name:?}; it has {}",
            known.join(", ")
        ))),
    }
}

/// The comma-separated names of `value`, each as one of `known` (see [`known_field`]);
/// `None` when it names none, so the caller can use its default set.
pub(crate) fn field_list(
    value: &str,
    known: &[&'static str],
    what: &str,
    lenient: bool,
) -> Result<Option<Vec<&'static str>>, GraphFailure> {
    let mut names = value
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .peekable();
    if names.peek().is_none() {
        return Ok(None);
    }
    let mut fields = Vec::new();
    for name in names {
        fields.extend(known_field(name, known, what, lenient)?);
    }
    Ok(Some(fields))
}

/// `limit`: a whole number from 1 to `max` (400, 100 otherwise).
pub(crate) fn parse_limit(value: &str, max: usize) -> Result<usize, GraphFailure> {
    value
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| {
            GraphFailure::invalid_parameter(format!(
                "limit must be a whole number from 1 to {max}; received {value:?}"
            ))
        })
}

/// A page's `paging`: the cursors of its first (`before`) and last (`after`) items, and the
/// URLs of the next and previous pages when there are any.
pub(crate) fn paging(
    before: String,
    after: String,
    next: Option<String>,
    previous: Option<String>,
) -> Paging {
    let cursors = PagingCursors::builder()
        .after(Some(after))
        .before(Some(before));
    build(
        Paging::builder()
            .next(next)
            .previous(previous)
            .cursors(Some(build::<PagingCursors>(cursors))),
    )
}

/// The URL of a page beside this one: this request's pairs, percent-encoded, with `key`
/// (`after` or `before`) set to `cursor` in place of any cursor they had.
pub(crate) fn page_url(
    host: &str,
    path: &str,
    pairs: &[(String, String)],
    key: &str,
    cursor: &str,
) -> String {
    let mut query: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k != "after" && k != "before")
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect();
    query.push(format!("{key}={cursor}"));
    format!("http://{host}{path}?{}", query.join("&"))
}

/// A plain cursor: an item's place in its list, behind a prefix (`number-3`).
pub(crate) struct PlaceCursor(pub(crate) &'static str);

impl PlaceCursor {
    /// The cursor of the item at `place`.
    pub(crate) fn encode(&self, place: usize) -> String {
        format!("{}{place}", self.0)
    }

    /// The place a cursor stands for, if it is one of these.
    pub(crate) fn decode(&self, cursor: &str) -> Option<usize> {
        cursor.strip_prefix(self.0)?.parse().ok()
    }

    /// The `paging` of a page of items with their places in a list of `len`, read forward
    /// only: the page's cursors, and the next page's URL (on `host`, at `path`, with this
    /// request's `pairs`) when there are items after it. `None` for an empty page.
    pub(crate) fn forward_paging<T>(
        &self,
        (host, path): (&str, &str),
        pairs: &[(String, String)],
        page: &[(usize, T)],
        len: usize,
    ) -> Option<Paging> {
        let (first, last) = (page.first()?.0, page.last()?.0);
        let (before, after) = (self.encode(first), self.encode(last));
        let next = (last + 1 < len).then(|| page_url(host, path, pairs, "after", &after));
        Some(paging(before, after, next, None))
    }
}

/// A query string component, percent-encoded (`,` kept, as Graph writes field lists).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~,".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(percent_encode("name,status"), "name,status");
        assert_eq!(percent_encode("a b&c=é"), "a%20b%26c%3D%C3%A9");
    }

    #[test]
    fn a_one_value_parameter_names_what_it_received() {
        let pairs = [("granularity".to_string(), "MONTHLY".to_string())];
        assert!(require_only(&pairs[..0], "granularity", "DAILY", "required").is_err());
        assert_eq!(
            require_only(&pairs, "granularity", "DAILY", "required")
                .unwrap_err()
                .details,
            "granularity: expected DAILY; received \"MONTHLY\""
        );
        assert_eq!(
            require_only(&[], "granularity", "DAILY", "required")
                .unwrap_err()
                .details,
            "required"
        );
        assert!(require_only(&pairs, "granularity", "MONTHLY", "required").is_ok());
    }

    #[test]
    fn place_cursors_round_trip() {
        let cursor = PlaceCursor("point-");
        assert_eq!(cursor.encode(7), "point-7");
        assert_eq!(cursor.decode("point-7"), Some(7));
        assert_eq!(cursor.decode("number-7"), None);
        assert_eq!(cursor.decode("point-x"), None);
    }

    #[test]
    fn a_page_url_replaces_the_cursor() {
        let pairs = [
            ("fields".to_string(), "id,name".to_string()),
            ("after".to_string(), "old".to_string()),
            ("limit".to_string(), "2".to_string()),
        ];
        assert_eq!(
            page_url(
                "127.0.0.1:1",
                "/v23.0/1/phone_numbers",
                &pairs,
                "after",
                "new"
            ),
            "http://127.0.0.1:1/v23.0/1/phone_numbers?fields=id,name&limit=2&after=new"
        );
    }
}
