//! `[report]`: the employer, candidate, adviser, organisation and date a business case names,
//! and its language. Texts are trimmed (empty means absent); the date is a real calendar day.

use super::*;

/// Longest text a `[report]` key may hold: one line of a header.
const MAX_TEXT: usize = 120;

pub(super) fn build_report(c: &mut Checker, raw: Option<&RawReport>) -> ReportMeta {
    let Some(raw) = raw else {
        return ReportMeta::default();
    };
    let path = KeyPath::root().key("report");
    let mut text = |key: &str, value: &Option<String>| -> Option<String> {
        let v = value.as_deref()?.trim();
        if v.chars().count() > MAX_TEXT {
            c.error(
                &path.key(key),
                format!("at most {MAX_TEXT} characters: the text is one line of the report's header"),
            );
        }
        (!v.is_empty()).then(|| v.to_owned())
    };
    let employer = text("employer", &raw.employer);
    let candidate = text("candidate", &raw.candidate);
    let adviser = text("adviser", &raw.adviser);
    let organisation = text("organisation", &raw.organisation);
    let date = raw.date.as_deref().map(str::trim).filter(|d| !d.is_empty());
    if let Some(d) = date
        && let Err(why) = check_date(d)
    {
        c.error(&path.key("date"), why);
    }
    let lang = match raw.lang.as_deref().map(str::trim) {
        None => None,
        Some("nl") => Some("nl"),
        Some("en") => Some("en"),
        Some(other) => {
            c.error(
                &path.key("lang"),
                format!("unknown language `{other}`: use \"nl\" (Dutch) or \"en\" (English)"),
            );
            None
        }
    };
    ReportMeta {
        employer,
        candidate,
        adviser,
        organisation,
        date: date.map(str::to_owned),
        lang,
    }
}

/// `YYYY-MM-DD`, a day that exists.
pub fn check_date(text: &str) -> Result<(), String> {
    let bad = || format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. \"2027-03-15\"");
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(bad());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(bad());
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if d == 0 || d > days {
        return Err(bad());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_real_days() {
        assert!(check_date("2027-03-15").is_ok());
        assert!(check_date("2028-02-29").is_ok());
        assert!(check_date("2027-02-29").is_err());
        assert!(check_date("2027-13-01").is_err());
        assert!(check_date("15-03-2027").is_err());
        assert!(check_date("2027-3-15").is_err());
    }
}
