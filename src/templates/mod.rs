//! Commented scenario templates for `inclusim init`, embedded in the binary. Each is a
//! complete scenario with `[[expect]]` entries; the tests check that every template
//! validates and that its expectations hold.

/// One template: its name on the command line, a one-line summary (English, and Dutch for the
/// `serve` page), and the file text.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub name: &'static str,
    pub summary: &'static str,
    pub summary_nl: &'static str,
    pub text: &'static str,
}

/// The template `inclusim init` uses without `--template`.
pub const DEFAULT: &str = "retail-lks";

/// Every template, in the order `--list` shows them.
pub const TEMPLATES: [Template; 5] = [
    Template {
        name: "retail-lks",
        summary: "Supermarket shelf-stacker (Participatiewet) with loonkostensubsidie and no-risk polis",
        summary_nl: "Vakkenvuller in een supermarkt (Participatiewet) met loonkostensubsidie en no-riskpolis",
        text: include_str!("retail-lks.toml"),
    },
    Template {
        name: "hospitality-summer",
        summary: "Kitchen help at a seaside restaurant with a summer peak, LKS and funded jobcoach",
        summary_nl: "Keukenhulp in een strandrestaurant met een zomerpiek, LKS en een betaalde jobcoach",
        text: include_str!("hospitality-summer.toml"),
    },
    Template {
        name: "wajong-loondispensatie",
        summary: "Wajong order picker in a warehouse with loondispensatie and no-risk polis",
        summary_nl: "Wajong-orderpicker in een magazijn met loondispensatie en no-riskpolis",
        text: include_str!("wajong-loondispensatie.toml"),
    },
    Template {
        name: "detachering-sob",
        summary: "Packaging worker seconded by a sociaal ontwikkelbedrijf (detachering) vs hiring directly",
        summary_nl: "Inpakker, gedetacheerd door een sociaal ontwikkelbedrijf, tegenover zelf in dienst nemen",
        text: include_str!("detachering-sob.toml"),
    },
    Template {
        name: "top-academy",
        summary: "TOP-Academy: a class of 8 to 12 pupils from two schools learns on the shop floor, hired at graduation (LKS, LKV, no-risk polis)",
        summary_nl: "TOP-Academy: een klas van 8 tot 12 leerlingen van twee scholen leert op de werkvloer en wordt bij het diploma aangenomen (LKS, LKV, no-riskpolis)",
        text: include_str!("top-academy.toml"),
    },
];

/// The template with this name.
pub fn find(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.name == name)
}

/// The names of all templates, comma-separated (for messages).
pub fn names() -> String {
    TEMPLATES.map(|t| t.name).join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_template_validates_and_has_expectations() {
        for t in &TEMPLATES {
            let model = crate::scenario::parse(Path::new(t.name), t.text).unwrap_or_else(|d| {
                panic!(
                    "template {} invalid:\n{}",
                    t.name,
                    d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
                )
            });
            assert!(!model.expectations.is_empty(), "{} has no [[expect]]", t.name);
        }
        assert!(find(DEFAULT).is_some());
    }
}
