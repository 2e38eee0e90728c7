//! Calibration baseline for the load benchmark: a heading and a labelled search box filtering a
//! static list as you type. Sets `window.__ready` one animation frame after mount, as the widget
//! does (src/host.rs), so both are timed the same way.
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const ITEMS: &[&str] = &[
    "Đăng ký khai sinh",
    "Đăng ký khai tử",
    "Đăng ký kết hôn",
    "Đăng ký thường trú",
    "Đăng ký tạm trú",
    "Cấp căn cước",
    "Cấp hộ chiếu phổ thông",
    "Cấp giấy phép lái xe",
    "Đổi giấy phép lái xe",
    "Cấp giấy phép xây dựng",
    "Đăng ký hộ kinh doanh",
    "Đăng ký thành lập doanh nghiệp",
    "Cấp phiếu lý lịch tư pháp",
    "Chứng thực bản sao từ bản chính",
    "Chứng thực chữ ký",
    "Đăng ký xe",
    "Cấp sổ bảo hiểm xã hội",
    "Cấp thẻ bảo hiểm y tế",
    "Hưởng trợ cấp thất nghiệp",
    "Cấp giấy chứng nhận quyền sử dụng đất",
];

#[component]
fn App() -> impl IntoView {
    let (query, set_query) = signal(String::new());
    let matches = move || {
        let q = query.get().to_lowercase();
        ITEMS
            .iter()
            .filter(|s| q.is_empty() || s.to_lowercase().contains(&q))
            .map(|s| view! { <li>{*s}</li> })
            .collect::<Vec<_>>()
    };
    view! {
        <main>
            <h1>"Baseline search"</h1>
            <label for="q">"Search"</label>
            <input id="q" type="search" autocomplete="off"
                prop:value=query
                on:input=move |ev| set_query.set(event_target_value(&ev))/>
            <ul id="results">{matches}</ul>
        </main>
    }
}

fn main() {
    let Some(root) = document().get_element_by_id("app") else { return };
    let root: web_sys::HtmlElement = root.unchecked_into();
    leptos::mount::mount_to(root, App).forget();
    // After the first render has reached the DOM.
    let cb = Closure::once_into_js(move || {
        let now = window().performance().map(|p| p.now()).unwrap_or(0.0);
        let _ = js_sys::Reflect::set(&window(), &"__ready".into(), &now.into());
    });
    let _ = window().request_animation_frame(cb.unchecked_ref());
}
