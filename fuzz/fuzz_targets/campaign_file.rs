//! The campaign file parser (TOML and JSON) and the placeholder compiler.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marketing::campaign::{CampaignDefinition, MessagePattern, Row};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for parsed in [
        CampaignDefinition::from_toml(text, "fuzz.toml"),
        CampaignDefinition::from_json(text, "fuzz.json"),
    ] {
        if let Ok(definition) = parsed {
            let template = MessagePattern::compile(definition.message);
            let values = template.columns().map(|c| (c.to_string(), "1".to_string())).collect();
            let _ = template.render(&Row::new(1, values));
        }
    }
});
