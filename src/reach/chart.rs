//! Horizontal bars of counts in SVG, drawn like the results charts (same classes): one row per
//! label with its count, bars scaled to the largest.

use crate::format::number;
use leptos::prelude::*;
use tthc_core::lang::Lang;

const W: f64 = 320.0;
const LABEL_H: f64 = 18.0;
const BAR_H: f64 = 14.0;
const ROW_H: f64 = LABEL_H + BAR_H + 8.0;
const PLOT_W: f64 = 230.0;

#[component]
pub fn CountChart(title: String, bars: Vec<(String, u64)>, lang: Lang) -> impl IntoView {
    let h = ROW_H * bars.len() as f64 + 8.0;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let id = format!("reach-chart-{}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let labelled_by = id.clone();
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {h}") role="img" aria-labelledby=labelled_by preserveAspectRatio="xMinYMin meet">
            <title id=id>{title}</title>
            {bars.into_iter().enumerate().map(|(i, (label, n))| {
                let y = i as f64 * ROW_H + 4.0;
                let by = y + LABEL_H;
                view! {
                    <g>
                        <text class="lab" x="0" y=y + 13.0>{label}</text>
                        <rect class="track" x="0" y=by width=PLOT_W height=BAR_H rx="2"/>
                        <rect class="bar" x="0" y=by width={n as f64 / max * PLOT_W} height=BAR_H rx="2"/>
                        <text class="val" x=PLOT_W + 6.0 y=by + 11.0>{number(n as f64, lang)}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
