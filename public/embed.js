// Widget loader: places iframes, nothing else. One script tag per widget:
//   <script src="https://<widget host>/v1/embed.js" data-province="quang-tri" data-lang="vi"
//           data-mode="button|inline" data-target="#el" data-procedure="1.001193" async></script>
// Also: data-view (check | events | survey | results | province | reach), data-label (button text), data-title
// (frame title), data-device="shared" (a tablet many citizens use: no survey drafts kept). Mode defaults to inline when a target is given, else to a floating button.
// docs/ADMIN.md has it all.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var d = script.dataset;
  var base = new URL('.', script.src);
  var en = d.lang === 'en';
  var target;
  // One message listener for every widget on the page, whichever script tag came first.
  var KEY = '__tthcEmbed';
  var all = window[KEY];
  if (!Array.isArray(all)) {
    all = [];
    Object.defineProperty(window, KEY, { value: all });
    window.addEventListener('message', function (e) {
      var m = e.data;
      if (!m || m.v !== 1) return;
      for (var i = 0; i < all.length; i++) {
        var w = all[i];
        if (!w.frame || w.frame.contentWindow !== e.source || e.origin !== w.origin) continue;
        if (m.type === 'ready') w.isReady();
        else if (m.type === 'resize' && m.height > 0 && !w.shut) css(w.frame, { height: Math.min(m.height, 4000) + 'px' });
        else if (m.type === 'close' && w.shut) w.shut();
        else if (m.type === 'submitted') w.el.dispatchEvent(new CustomEvent('tthc:submitted', { bubbles: true }));
      }
    });
  }
  var w = { origin: base.origin, ready: false, isReady: isReady };
  all.push(w);

  // Inline styles marked important, so a portal's own rules (button { display: none }, iframe
  // { height: 0 !important }) cannot hide or crush the widget.
  function css(el, rules) {
    for (var k in rules) el.style.setProperty(k.replace(/[A-Z]/g, function (c) { return '-' + c.toLowerCase(); }), rules[k], 'important');
  }

  // A visible focus ring that portal CSS (`*:focus { outline: none }`) cannot take away.
  function ring(el) {
    el.addEventListener('focus', function () { css(el, { outline: '3px solid #b45309', outlineOffset: '2px' }); });
    el.addEventListener('blur', function () { el.style.removeProperty('outline'); el.style.removeProperty('outline-offset'); });
  }

  function warn(msg) { if (window.console) console.warn('tthc embed.js: ' + msg); }

  function frameUrl() {
    var p = new URLSearchParams();
    p.set('province', d.province || '');
    p.set('lang', en ? 'en' : 'vi');
    if (d.view) p.set('mode', d.view);
    if (d.procedure) p.set('procedure', d.procedure);
    if (d.device) p.set('device', d.device);
    p.set('host', location.origin);
    return base.href + '?' + p.toString();
  }

  function frame(lazy) {
    var f = document.createElement('iframe');
    f.src = frameUrl();
    f.title = d.title || (en ? 'Public service finder' : 'Tra cứu thủ tục hành chính');
    f.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads');
    if (lazy) f.loading = 'lazy';
    css(f, { display: 'block', width: '100%', minHeight: '480px', border: '0', visibility: 'visible' });
    // Counted from the frame's load (a lazy frame loads when scrolled near), so a slow network or
    // a frame not yet needed is not mistaken for a broken one.
    f.addEventListener('load', function () {
      setTimeout(function () { if (!w.ready) fallback(); }, 10000);
    }, { once: true });
    w.frame = f;
    return f;
  }

  // No `ready` in time: a plain link to the widget page takes the frame's place. The frame stays
  // (hidden), so a widget that was only slow still appears when it reports ready.
  function fallback() {
    var a = document.createElement('a');
    a.href = w.frame.src;
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = en ? 'Open the public service finder' : 'Mở trang tra cứu thủ tục hành chính';
    css(w.frame, { display: 'none' });
    w.frame.parentNode.insertBefore(a, w.frame);
    w.link = a;
  }

  function isReady() {
    w.ready = true;
    if (!w.link) return;
    w.link.remove();
    w.link = null;
    css(w.frame, { display: 'block' });
  }

  function button() {
    var btn = document.createElement('button');
    btn.type = 'button';
    btn.textContent = d.label || (en ? 'Check & feedback' : 'Tra cứu & góp ý');
    css(btn, { display: 'inline-block', visibility: 'visible', minHeight: '44px', minWidth: '44px', padding: '0 1rem',
      font: 'inherit', fontWeight: '600', color: '#fff', background: '#0b5394', border: '2px solid #fff',
      borderRadius: '22px', cursor: 'pointer' });
    ring(btn);
    if (target) target.appendChild(btn);
    else {
      css(btn, { position: 'fixed', right: '16px', bottom: '16px', zIndex: '2147482000', boxShadow: '0 2px 8px rgba(0,0,0,.35)' });
      document.body.appendChild(btn);
    }
    w.el = btn;
    var box, changed = [], watcher;
    // The page behind the dialog is inert (and hidden from assistive technology where inert is
    // missing), including what the portal adds while it is open; only what we changed is restored.
    function hide(c) {
      if (c === box || c.inert || changed.indexOf(c) >= 0 || c.nodeType !== 1) return;
      c.inert = true;
      c.setAttribute('aria-hidden', 'true');
      changed.push(c);
    }
    function onKey(e) { if (e.key === 'Escape') shut(); }
    function shut() {
      if (watcher) watcher.disconnect();
      document.removeEventListener('keydown', onKey);
      changed.forEach(function (c) { c.inert = false; c.removeAttribute('aria-hidden'); });
      changed = [];
      css(box, { display: 'none' });
      btn.focus();
    }
    btn.addEventListener('click', function () {
      // The widget (and its wasm) is fetched on the first open only; later opens show the same frame.
      if (!box) box = dialog(btn.textContent, shut);
      [].forEach.call(document.body.children, hide);
      watcher = new MutationObserver(function (records) {
        records.forEach(function (r) { [].forEach.call(r.addedNodes, hide); });
      });
      watcher.observe(document.body, { childList: true });
      document.addEventListener('keydown', onKey);
      css(box, { display: 'flex' });
      box.querySelector('button').focus();
    });
  }

  function dialog(label, shut) {
    var box = document.createElement('div');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-label', label);
    css(box, { position: 'fixed', inset: '0', background: 'rgba(0,0,0,.5)', display: 'flex', visibility: 'visible',
      alignItems: 'center', justifyContent: 'center', zIndex: '2147483000' });
    var panel = document.createElement('div');
    css(panel, { background: '#fff', width: 'min(40rem, 100%)', height: 'min(46rem, 100%)', display: 'flex', flexDirection: 'column' });
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = en ? 'Close ✕' : 'Đóng ✕';
    css(close, { display: 'inline-block', visibility: 'visible', alignSelf: 'flex-end', minHeight: '44px', minWidth: '44px',
      margin: '4px', padding: '0 12px', font: 'inherit', color: '#1a1a1a', background: '#fff', border: '1px solid #555',
      borderRadius: '4px', cursor: 'pointer' });
    ring(close);
    var f = frame(false);
    css(f, { flex: '1' });
    // Focus stays in the dialog: sentinels wrap it around (close → frame → close).
    var before = document.createElement('span'), after = document.createElement('span');
    before.tabIndex = 0; after.tabIndex = 0;
    before.addEventListener('focus', function () { (w.ready ? w.frame : close).focus(); });
    after.addEventListener('focus', function () { close.focus(); });
    close.addEventListener('click', shut);
    w.shut = shut;
    panel.append(before, close, f, after);
    box.appendChild(panel);
    document.body.appendChild(box);
    return box;
  }

  function start(late) {
    try {
      target = d.target ? document.querySelector(d.target) : null;
    } catch (e) {
      return warn('data-target "' + d.target + '" is not a valid selector');
    }
    // An async script in <head> can run before its target is parsed: look again once it is.
    if (d.target && !target && !late && document.readyState === 'loading') {
      return document.addEventListener('DOMContentLoaded', function () { start(true); });
    }
    if (d.target && !target) warn('data-target "' + d.target + '" matches no element');
    var mode = d.mode || (d.target ? 'inline' : 'button');
    if (mode !== 'button' && mode !== 'inline') return warn('data-mode must be "button" or "inline", not "' + mode + '"');
    if (mode === 'button') return button();
    if (!target) return;
    w.el = target;
    target.appendChild(frame(true));
  }
  if (document.body) start(false); else document.addEventListener('DOMContentLoaded', function () { start(true); });
})();
