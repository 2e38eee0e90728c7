// The load benchmark's conditions, shared by load.mjs (make bench) and waterfall.mjs (by hand): 4× CPU
// and Lighthouse's "Slow 4G" as DevTools applies it (150 ms RTT × 3.75 request latency, 1.6 Mbps ×
// 0.9 down, 750 kbps × 0.9 up), and the moment the survey's "Bắt đầu" is usable.
export const CPU_RATE = 4;
export const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: Math.floor((1.6 * 1024 * 0.9 * 1024) / 8),
  uploadThroughput: Math.floor((750 * 0.9 * 1024) / 8),
};

/** Records, one frame after it, the moment a visible "Bắt đầu" button first exists (for (c)). */
export function watchSurveyStart() {
  const seen = () => [...document.querySelectorAll('button')]
    .some((b) => b.textContent.trim() === 'Bắt đầu' && !b.disabled && b.getClientRects().length > 0);
  const obs = new MutationObserver(() => {
    if (!seen()) return;
    obs.disconnect();
    requestAnimationFrame(() => { window.__surveyStart = performance.now(); });
  });
  obs.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
}
