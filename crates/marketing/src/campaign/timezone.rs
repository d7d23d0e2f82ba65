//! Each recipient's time zone, for send windows. In order:
//!
//! 1. the list's `timezone` column, when the list has one and the row fills it (an IANA name
//!    such as `Europe/Lisbon`; a name the time zone database does not know makes the row
//!    invalid);
//! 2. the phone number's country, when that country has exactly one zone: the country comes
//!    from the `phonenumber` crate (a port of Google's libphonenumber), its zones from the
//!    tz database's own `zone1970.tab` as the system installs it (`/usr/share/zoneinfo`,
//!    or `$TZDIR`). A country with several zones (the US, Brazil, Portugal with the Azores)
//!    does not route this way: no maintained crate maps area codes to zones;
//! 3. the campaign's `default_timezone`.
//!
//! A row that none of these gives a zone is invalid ("no time zone"), recorded with that
//! reason, never sent outside a window by guess.

use std::collections::HashMap;
use std::sync::OnceLock;

use jiff::tz::TimeZone;

/// The list column a recipient's time zone is read from.
pub const TIMEZONE_COLUMN: &str = "timezone";

/// Where a row's time zone came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ZoneRoute {
    /// The list's `timezone` column.
    Column,
    /// The phone number's country, which has one zone.
    Phone,
    /// The campaign's `default_timezone`.
    Default,
}

/// How many rows took each route to their time zone (and how many found none).
///
/// ```
/// use marketing::campaign::ZoneRoutes;
///
/// let routes = ZoneRoutes { column: 2, phone: 1, default: 0, none: 0 };
/// assert_eq!(routes.to_string(), "2 from the timezone column, 1 from the phone number, 0 from default_timezone");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ZoneRoutes {
    /// From the `timezone` column.
    pub column: u64,
    /// From the phone number's country.
    pub phone: u64,
    /// From `default_timezone`.
    pub default: u64,
    /// With no zone (or an unknown one): invalid rows.
    pub none: u64,
}

impl ZoneRoutes {
    /// Counts one row's route (`None`: it found no zone).
    pub fn count(&mut self, route: Option<ZoneRoute>) {
        match route {
            Some(ZoneRoute::Column) => self.column += 1,
            Some(ZoneRoute::Phone) => self.phone += 1,
            Some(ZoneRoute::Default) => self.default += 1,
            None => self.none += 1,
        }
    }
}

impl std::fmt::Display for ZoneRoutes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} from the timezone column, {} from the phone number, {} from default_timezone",
            self.column, self.phone, self.default
        )?;
        if self.none > 0 {
            write!(f, ", {} with none (recorded invalid)", self.none)?;
        }
        Ok(())
    }
}

/// Finds rows' time zones; zones are looked up once per name.
#[derive(Debug, Default)]
pub struct ZoneFinder {
    default: Option<(String, TimeZone)>,
    known: HashMap<String, TimeZone>,
}

impl ZoneFinder {
    /// A finder falling back to `default` (already checked by the campaign file).
    pub fn new(default: Option<&str>) -> Self {
        let default = default.and_then(|name| Some((name.to_string(), zone_named(name).ok()?)));
        Self {
            default,
            known: HashMap::new(),
        }
    }

    /// The zone of a row with `column` (the `timezone` column's value, if any) and `phone`
    /// (digits, as the recipient column holds them, if the campaign sends to phone numbers):
    /// its name, the zone and its route; or why the row has none.
    pub fn find(
        &mut self,
        column: Option<&str>,
        phone: Option<&str>,
    ) -> Result<(String, TimeZone, ZoneRoute), String> {
        if let Some(name) = column.map(str::trim).filter(|n| !n.is_empty()) {
            let zone = self
                .lookup(name)
                .map_err(|e| format!("column `{TIMEZONE_COLUMN}`: {e}"))?;
            return Ok((name.to_string(), zone, ZoneRoute::Column));
        }
        if let Some(name) = phone.and_then(single_zone_of_phone)
            && let Ok(zone) = self.lookup(name)
        {
            return Ok((name.to_string(), zone, ZoneRoute::Phone));
        }
        if let Some((name, zone)) = &self.default {
            return Ok((name.clone(), zone.clone(), ZoneRoute::Default));
        }
        Err(format!(
            "no time zone for the send window: the row has no `{TIMEZONE_COLUMN}`, its phone number's country has more than one zone (or is unknown), and the campaign has no default_timezone"
        ))
    }

    fn lookup(&mut self, name: &str) -> Result<TimeZone, String> {
        if let Some(zone) = self.known.get(name) {
            return Ok(zone.clone());
        }
        let zone = zone_named(name)?;
        self.known.insert(name.to_string(), zone.clone());
        Ok(zone)
    }
}

/// How the rows of the list at `path` find their time zone for `definition`'s send window,
/// read once before sending (`campaign run` prints it). Rows the list cannot read are not
/// counted; the run records them invalid as usual.
///
/// ```
/// use marketing::campaign::{CampaignDefinition, zone_routes};
///
/// let dir = std::env::temp_dir().join(format!("wamm-zones-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let list = dir.join("list.csv");
/// std::fs::write(&list, "phone,timezone\n15550001111,Asia/Tokyo\n15550002222,\n").unwrap();
/// let campaign = CampaignDefinition::from_toml(
///     "name = \"a\"\ndefault_timezone = \"Europe/Lisbon\"\nsend_window = { hours = \"09:00-20:00\" }\n[message.template]\nname = \"spring_sale\"\nlanguage = { code = \"en_US\" }\n",
///     "a.toml",
/// )?;
/// let routes = zone_routes(&campaign, &list)?;
/// assert_eq!((routes.column, routes.default), (1, 1));
/// # Ok::<(), marketing::campaign::CampaignError>(())
/// ```
pub fn zone_routes(
    definition: &super::CampaignDefinition,
    path: &std::path::Path,
) -> Result<ZoneRoutes, super::CampaignError> {
    let mut routes = ZoneRoutes::default();
    let mut finder = ZoneFinder::new(definition.default_timezone.as_deref());
    let phone = definition.recipient_kind == super::RecipientKind::Phone;
    let mut reader = super::RecipientReader::open(path)?;
    while let Some(next) = reader.next_row()? {
        let Ok(row) = next else { continue };
        let number = if phone {
            row.get(&definition.recipient_column)
        } else {
            None
        };
        routes.count(
            finder
                .find(row.get(TIMEZONE_COLUMN), number)
                .ok()
                .map(|f| f.2),
        );
    }
    Ok(routes)
}

/// The zone named `name` in the time zone database, or what was expected.
///
/// ```
/// assert!(marketing::campaign::zone_named("Europe/Lisbon").is_ok());
/// assert!(marketing::campaign::zone_named("Mars/Olympus").is_err());
/// ```
pub fn zone_named(name: &str) -> Result<TimeZone, String> {
    // Fixed offsets such as "+01:00" are not zones: a window follows a place's clock.
    if name.is_empty() || !name.chars().any(|c| c.is_ascii_alphabetic()) {
        return Err(format!(
            "{name:?}, expected an IANA time zone name such as \"Europe/Lisbon\""
        ));
    }
    TimeZone::get(name).map_err(|_| {
        format!("unknown time zone {name:?}, expected an IANA name such as \"Europe/Lisbon\"")
    })
}

/// The one zone of a phone number's country, if its country has exactly one.
///
/// ```
/// // Japan has one zone; the United States several.
/// if marketing::campaign::zones_known() {
///     assert_eq!(marketing::campaign::single_zone_of_phone("+81 3 1234 5678"), Some("Asia/Tokyo"));
///     assert_eq!(marketing::campaign::single_zone_of_phone("+1 212 555 0100"), None);
/// }
/// ```
pub fn single_zone_of_phone(phone: &str) -> Option<&'static str> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 17 {
        return None;
    }
    let number = phonenumber::parse(None, format!("+{digits}")).ok()?;
    let country = number.country().id()?;
    let zones = country_zones().get(country.as_ref())?;
    match zones.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    }
}

/// Whether the system's tz database lists countries' zones (`zone1970.tab`); without it,
/// no row takes its zone from its phone number.
pub fn zones_known() -> bool {
    !country_zones().is_empty()
}

/// Country code to its zones, from the tz database's `zone1970.tab` (read once).
fn country_zones() -> &'static HashMap<String, Vec<String>> {
    static ZONES: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    ZONES.get_or_init(|| {
        let dirs = std::env::var_os("TZDIR")
            .map(std::path::PathBuf::from)
            .into_iter()
            .chain([std::path::PathBuf::from("/usr/share/zoneinfo")]);
        for dir in dirs {
            if let Ok(text) = std::fs::read_to_string(dir.join("zone1970.tab")) {
                return parse_zone1970(&text);
            }
        }
        HashMap::new()
    })
}

/// `zone1970.tab`: `codes<TAB>coordinates<TAB>zone[<TAB>comment]`, codes comma-separated.
fn parse_zone1970(text: &str) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        let (Some(codes), Some(_), Some(zone)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        for code in codes.split(',') {
            map.entry(code.trim().to_string())
                .or_default()
                .push(zone.trim().to_string());
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn routes_in_order() {
        let mut finder = ZoneFinder::new(Some("Europe/Lisbon"));
        assert_eq!(
            finder
                .find(Some("Asia/Tokyo"), Some("15550001234"))
                .unwrap()
                .2,
            ZoneRoute::Column
        );
        assert!(
            finder
                .find(Some("Nowhere/Atall"), None)
                .unwrap_err()
                .contains("timezone")
        );
        // A US number: several zones, so the default.
        assert_eq!(
            finder.find(None, Some("12125550100")).unwrap().2,
            ZoneRoute::Default
        );
        if zones_known() {
            let (name, _, route) = finder.find(Some(""), Some("81312345678")).unwrap();
            assert_eq!((name.as_str(), route), ("Asia/Tokyo", ZoneRoute::Phone));
        }
        let mut bare = ZoneFinder::new(None);
        assert!(bare.find(None, Some("12125550100")).is_err());
    }

    #[test]
    fn zone1970_codes_are_split() {
        let map = parse_zone1970(
            "# c\nJP\t+353916+1394441\tAsia/Tokyo\nCH,DE,LI\t+4723+00832\tEurope/Zurich\tBusingen\n",
        );
        assert_eq!(map["JP"], ["Asia/Tokyo"]);
        assert_eq!(map["DE"], ["Europe/Zurich"]);
    }

    proptest! {
        #[test]
        fn finding_never_panics(column in proptest::option::of("\\PC{0,30}"), phone in proptest::option::of("[0-9+ ]{0,20}")) {
            let mut finder = ZoneFinder::new(None);
            let _ = finder.find(column.as_deref(), phone.as_deref());
        }
    }
}
