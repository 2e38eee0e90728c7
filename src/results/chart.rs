//! Horizontal bar chart in SVG (drawn by the widget, no library): one bar per row with its top-2-box
//! share, the 95% Wilson interval as a whisker, and n. Geometry only; the data comes from core.

use crate::format::number;
use leptos::prelude::*;
use tthc_core::lang::Lang;
use tthc_core::stats::Stat;

/// One row of the chart.
#[derive(Clone)]
pub struct Bar {
    pub label: String,
    pub stat: Stat,
}

const W: f64 = 320.0;
const LABEL_H: f64 = 18.0;
const BAR_H: f64 = 14.0;
const ROW_H: f64 = LABEL_H + BAR_H + 14.0;
const PLOT_W: f64 = 230.0;

fn x(pct: f64) -> f64 {
    (pct.clamp(0.0, 100.0) / 100.0) * PLOT_W
}

pub fn value_text(s: &Stat, lang: Lang, suppressed_text: &str) -> String {
    match (s.suppressed, s.top2) {
        (false, Some(p)) => format!("{}% · n={}", number(p, lang), s.n),
        _ => format!("{suppressed_text} · n={}", s.n),
    }
}

#[component]
pub fn BarChart(title: String, bars: Vec<Bar>, lang: Lang, suppressed_text: &'static str) -> impl IntoView {
    let h = ROW_H * bars.len() as f64 + 8.0;
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let id = format!("chart-{}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let labelled_by = id.clone();
    view! {
        <svg class="chart" viewBox=format!("0 0 {W} {h}") role="img" aria-labelledby=labelled_by preserveAspectRatio="xMinYMin meet">
            <title id=id>{title}</title>
            {bars.into_iter().enumerate().map(|(i, b)| {
                let y = i as f64 * ROW_H + 4.0;
                let by = y + LABEL_H;
                let shown = !b.stat.suppressed && b.stat.top2.is_some();
                let pct = b.stat.top2.unwrap_or(0.0);
                let whisker = b.stat.interval.filter(|_| shown).map(|[lo, hi]| {
                    let cy = by + BAR_H / 2.0;
                    view! {
                        <g class="ci">
                            <line x1=x(lo) x2=x(hi) y1=cy y2=cy/>
                            <line x1=x(lo) x2=x(lo) y1=cy - 5.0 y2=cy + 5.0/>
                            <line x1=x(hi) x2=x(hi) y1=cy - 5.0 y2=cy + 5.0/>
                        </g>
                    }
                });
                view! {
                    <g>
                        <text class="lab" x="0" y=y + 13.0>{b.label.clone()}</text>
                        <rect class="track" x="0" y=by width=PLOT_W height=BAR_H rx="2"/>
                        {shown.then(|| view! { <rect class="bar" x="0" y=by width=x(pct) height=BAR_H rx="2"/> })}
                        {whisker}
                        <text class="val" x=PLOT_W + 6.0 y=by + 11.0>{if shown { format!("{}%", number(pct, lang)) } else { "—".into() }}</text>
                        <text class="n" x="0" y=by + BAR_H + 11.0>{value_text(&b.stat, lang, suppressed_text)}</text>
                    </g>
                }
            }).collect_view()}
        </svg>
    }
}
