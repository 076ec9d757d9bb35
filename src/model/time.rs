//! Time-range bounds, as accepted by every `from`/`to` parameter and CLI flag.

use chrono::{DateTime, NaiveDate, Utc};

/// Parses `YYYY-MM-DD` or an RFC 3339 timestamp into the stored form
/// (`YYYY-MM-DDTHH:MM:SSZ`). A bare date as an upper bound means the end of that day.
pub fn parse_bound(s: &str, upper: bool) -> Result<String, String> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let t = if upper { d.and_hms_opt(23, 59, 59) } else { d.and_hms_opt(0, 0, 0) };
        return t
            .map(|t| t.and_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .ok_or_else(|| format!("'{s}' is not a valid date"));
    }
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc).format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .map_err(|_| format!("'{s}' is not a date (expected YYYY-MM-DD or an RFC 3339 timestamp)"))
}

#[cfg(test)]
mod tests {
    use super::parse_bound;

    #[test]
    fn dates_and_timestamps() {
        assert_eq!(parse_bound("2024-10-15", false).unwrap(), "2024-10-15T00:00:00Z");
        assert_eq!(parse_bound("2024-10-15", true).unwrap(), "2024-10-15T23:59:59Z");
        assert_eq!(parse_bound("2024-10-15T12:00:00+02:00", false).unwrap(), "2024-10-15T10:00:00Z");
        for bad in ["2024-13-01", "yesterday", "", "2024-02-30"] {
            assert!(parse_bound(bad, false).is_err(), "{bad}");
        }
    }
}
