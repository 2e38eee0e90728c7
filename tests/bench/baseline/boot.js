// Loads the baseline's wasm from a file so the page needs no inline script (strict CSP), as the
// widget's public/boot.js does.
import init from './baseline.js';

init({ module_or_path: new URL('baseline_bg.wasm', import.meta.url) });
