//! The JSON Schema of the scenario format, derived from the serde types in [`super::raw`] with
//! schemars (never written by hand), for editors that complete and check TOML against it.
//!
//! Draft 7 is used because it is the draft editor tooling (taplo / Even Better TOML, the
//! YAML/JSON language servers) supports best. The schema accepts at least what `validate`
//! accepts in shape; ranges that depend on other keys (a PERT's `min ≤ mode ≤ max`, names that
//! must match) are left to `inclusim validate`, which reports them with file and line.

use schemars::generate::SchemaSettings;

use super::raw::RawScenario;

/// The schema as JSON bytes (pretty-printed, with a trailing newline).
pub fn json_bytes() -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(&json_schema())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The schema of a scenario file.
pub fn json_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<RawScenario>().to_value();
    templated_placements_are_partial(&mut schema);
    schema
}

/// A `[[placement]]` with `template = "…"` writes only the keys it sets anew (its key tables
/// partly too): its keys must be placement keys, but none is required; `validate` checks the
/// merged placement.
fn templated_placements_are_partial(schema: &mut serde_json::Value) {
    let Some(def) = schema.pointer_mut("/definitions/RawPlacement") else {
        return;
    };
    let keys: Vec<serde_json::Value> = def["properties"]
        .as_object()
        .map(|p| p.keys().cloned().map(serde_json::Value::String).collect())
        .unwrap_or_default();
    let full = def.clone();
    *def = serde_json::json!({
        "description": full["description"].clone(),
        "type": "object",
        "if": { "required": ["template"] },
        "then": { "propertyNames": { "enum": keys } },
        "else": full
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deny_unknown_fields_becomes_additional_properties_false() {
        let schema = json_schema();
        assert_eq!(schema["additionalProperties"], false, "root");
        let defs = schema["definitions"].as_object().expect("definitions");
        assert_eq!(defs["RawPlacement"]["else"]["additionalProperties"], false);
        for name in ["RawMeta", "RawExpect", "DistSpec", "RawArrangement"] {
            assert_eq!(defs[name]["additionalProperties"], false, "{name}");
        }
        // Every instrument variant (internally tagged by `kind`) is closed too, and takes
        // `placements` beside its own keys.
        let variants = defs["RawScopedInstrument"]["oneOf"].as_array().expect("oneOf");
        assert_eq!(variants.len(), 10);
        for v in variants {
            assert_eq!(v["additionalProperties"], false, "{v}");
            assert_eq!(v["properties"]["placements"]["type"], "array", "{v}");
        }
    }

    #[test]
    fn hand_written_inputs_say_number_or_table() {
        let schema = json_schema();
        let input = &schema["definitions"]["InputSpec"]["oneOf"];
        assert_eq!(input[0]["type"], "number");
        assert_eq!(input[1]["$ref"], "#/definitions/DistSpec");
        assert!(schema["definitions"]["WageSpec"]["oneOf"].is_array());
        assert!(schema["definitions"]["JobcoachHoursSpec"]["oneOf"].is_array());
        assert!(schema["definitions"]["MonthRef"]["oneOf"].is_array());
    }

    #[test]
    fn wage_indexation_keys_are_described() {
        let schema = json_schema();
        let props = &schema["definitions"]["RawPlacement"]["else"]["properties"];
        let rate = &props["wage_indexation"];
        assert!(
            rate["description"].as_str().is_some_and(|d| d.contains("CAO")),
            "{rate}"
        );
        assert_eq!(rate["minimum"], -0.5);
        assert_eq!(rate["maximum"], 0.5);
        let month = &props["wage_indexation_month"];
        assert!(
            month["description"]
                .as_str()
                .is_some_and(|d| d.contains("January")),
            "{month}"
        );
    }
}
