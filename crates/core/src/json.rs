//! One JSON reading path for the whole crate: text → `serde_json::Value` → typed value.
//!
//! Going through `Value` every time means each type's `Deserialize` is compiled once (for `Value`)
//! instead of once per input kind, which keeps the widget's wasm smaller; the cost is one extra
//! tree per document, negligible at our sizes.

use serde::de::DeserializeOwned;

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_value(serde_json::from_str::<serde_json::Value>(text)?)
}
