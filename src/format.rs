//! Numbers for people, through the browser's Intl.NumberFormat (no formatting tables in the wasm).

use tthc_core::lang::Lang;

pub fn number(v: f64, lang: Lang) -> String {
    let locale = js_sys::Array::of1(&lang.code().into());
    let fmt = js_sys::Intl::NumberFormat::new(&locale, &js_sys::Object::new());
    fmt.format().call1(&fmt, &v.into()).ok().and_then(|s| s.as_string()).unwrap_or_else(|| v.to_string())
}
