//! Calendar dates and times of day from Unix seconds and a UTC offset, without a time zone
//! database: the caller finds the offset (the CLI asks the system), the arithmetic is here.

use std::fmt;

const DAY: i64 = 86_400;

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2026.
    pub year: i64,
    /// The month, 1-12.
    pub month: u32,
    /// The day of the month, 1-31.
    pub day: u32,
}

impl Date {
    /// Reads `YYYY-MM-DD`; `None` for anything else, or for a day the month does not have.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some()
            || y.len() != 4
            || m.len() != 2
            || d.len() != 2
            || ![y, m, d]
                .iter()
                .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        ((1..=12).contains(&date.month) && date.day >= 1 && date.day <= date.days_in_month())
            .then_some(date)
    }

    fn days_in_month(&self) -> u32 {
        match self.month {
            2 if self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The local day number (days since 1970-01-01) of `at`, `offset` seconds east of UTC.
pub fn local_day(at: i64, offset: i64) -> i64 {
    (at + offset).div_euclid(DAY)
}

/// `at` as a local date and time, "2026-11-01 14:05".
pub fn date_time(at: i64, offset: i64) -> String {
    let local = at + offset;
    let seconds = local.rem_euclid(DAY);
    format!(
        "{} {:02}:{:02}",
        Date::from_days(local.div_euclid(DAY)),
        seconds / 3600,
        seconds % 3600 / 60
    )
}

/// Whole local calendar days from `at` to `now` (0 for the same day, 1 for yesterday).
pub fn days_between(at: i64, now: i64, offset: i64) -> i64 {
    local_day(now, offset) - local_day(at, offset)
}

/// A time zone: how many seconds east of UTC local time is at a given moment. The CLI asks the
/// system; tests pass a fixed offset (an `i64`) or one with a daylight saving change.
pub trait Zone {
    /// Seconds east of UTC at `at` (Unix seconds).
    fn offset(&self, at: i64) -> i64;

    /// The local day number (days since 1970-01-01) of `at`.
    fn day(&self, at: i64) -> i64 {
        local_day(at, self.offset(at))
    }

    /// The first second of local day `day` (its local midnight), whatever the offset that day.
    fn start_of_day(&self, day: i64) -> i64 {
        let midnight_utc = day * DAY;
        let guess = midnight_utc - self.offset(midnight_utc);
        let start = midnight_utc - self.offset(guess);
        if self.day(start) == day && self.day(start - 1) < day {
            return start;
        }
        // An offset change right around midnight: find the first second of `day` to the second
        // (offsets change by less than a day).
        let (mut low, mut high) = (start - DAY, start + DAY);
        while low < high {
            let mid = low + (high - low) / 2;
            if self.day(mid) >= day {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        low
    }
}

impl Zone for i64 {
    fn offset(&self, _at: i64) -> i64 {
        *self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for days in [-800_000, -1, 0, 1, 59, 365, 10_957, 20_758, 2_000_000] {
            assert_eq!(Date::from_days(days).days(), days);
        }
        assert_eq!(Date::parse("1970-01-01").map(|d| d.days()), Some(0));
        assert_eq!(Date::parse("2000-03-01").map(|d| d.days()), Some(11_017));
    }

    #[test]
    fn parse_takes_real_dates_only() {
        assert_eq!(
            Date::parse("2026-11-01"),
            Some(Date {
                year: 2026,
                month: 11,
                day: 1
            })
        );
        assert!(Date::parse("2024-02-29").is_some());
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-11-31",
            "26-11-01",
            "2026-1-01",
            "2026-11-01x",
            "2026/11/01",
            "+026-11-01",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn date_time_applies_the_offset() {
        // 2026-11-01 00:30 UTC
        let at = Date::parse("2026-11-01")
            .map(|d| d.days() * DAY)
            .unwrap_or(0)
            + 1800;
        assert_eq!(date_time(at, 0), "2026-11-01 00:30");
        assert_eq!(date_time(at, -3600), "2026-10-31 23:30");
        assert_eq!(date_time(at, 5 * 3600 + 1800), "2026-11-01 06:00");
        assert_eq!(days_between(at - 3600, at, 0), 1);
        assert_eq!(days_between(at - 3600, at, 3600), 0);
    }
}
