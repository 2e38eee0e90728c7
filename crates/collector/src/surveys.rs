//! The survey definitions this collector accepts: the presets in seeds/surveys, built in so
//! the collector and the widget of one release always agree on `id@version`.

use tthc_core::survey::{read_definition, Definition};

const PRESETS: [(&str, &str); 4] = [
    ("sipas-service-a@2023.json", include_str!("../../../seeds/surveys/sipas-service-a@2023.json")),
    ("sipas-service-b@2026.json", include_str!("../../../seeds/surveys/sipas-service-b@2026.json")),
    ("dossier-rating@2025.json", include_str!("../../../seeds/surveys/dossier-rating@2025.json")),
    ("helpful@2025.json", include_str!("../../../seeds/surveys/helpful@2025.json")),
];

/// Every preset, checked (the seed tests keep them valid, so a failure here is a build error
/// that reached a release: refuse to start rather than accept answers to a broken form).
pub fn presets() -> Result<Vec<Definition>, String> {
    PRESETS
        .iter()
        .map(|(file, text)| read_definition(file, text).map_err(|p| tthc_core::catalogue::report(&p)))
        .collect()
}
