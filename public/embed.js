// Widget loader: places iframes, nothing else. One script tag per widget:
//   <script src="https://<widget host>/v1/embed.js" data-province="quang-tri" data-lang="vi"
//           data-mode="button|inline" data-target="#el" data-procedure="1.001193" async></script>
// Also: data-view (check | events | survey | results), data-label (button text), data-title (frame title).
// Mode defaults to inline when a target is given, else to a floating button. docs/ADMIN.md has it all.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var d = script.dataset;
  var base = new URL('.', script.src);
  var en = d.lang === 'en';
  var target, mode;
  // One message listener for every widget on the page, whichever script tag came first.
  var all = window.__tthcEmbed;
  if (!all) {
    all = window.__tthcEmbed = [];
    window.addEventListener('message', function (e) {
      var m = e.data;
      if (!m || m.v !== 1) return;
      for (var i = 0; i < all.length; i++) {
        var w = all[i];
        if (!w.frame || w.frame.contentWindow !== e.source || e.origin !== w.origin) continue;
        if (m.type === 'ready') w.ready = true;
        else if (m.type === 'resize' && m.height > 0 && !w.shut) w.frame.style.height = Math.min(m.height, 4000) + 'px';
        else if (m.type === 'close' && w.shut) w.shut();
        else if (m.type === 'submitted') w.el.dispatchEvent(new CustomEvent('tthc:submitted', { bubbles: true }));
      }
    });
  }
  var w = { origin: base.origin, ready: false };
  all.push(w);

  function frameUrl() {
    var p = new URLSearchParams();
    p.set('province', d.province || '');
    p.set('lang', en ? 'en' : 'vi');
    if (d.view) p.set('mode', d.view);
    if (d.procedure) p.set('procedure', d.procedure);
    p.set('host', location.origin);
    return base.href + '?' + p.toString();
  }

  function frame(lazy) {
    var f = document.createElement('iframe');
    f.src = frameUrl();
    f.title = d.title || (en ? 'Public service finder' : 'Tra cứu thủ tục hành chính');
    f.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads');
    if (lazy) f.loading = 'lazy';
    f.style.width = '100%';
    f.style.minHeight = '480px';
    f.style.border = '0';
    // Counted from the frame's load (a lazy frame loads when scrolled near), so a slow network or
    // a frame not yet needed is not mistaken for a broken one.
    f.addEventListener('load', function () {
      setTimeout(function () { if (!w.ready) fallback(); }, 10000);
    }, { once: true });
    w.frame = f;
    return f;
  }

  function fallback() {
    var a = document.createElement('a');
    a.href = w.frame.src;
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = en ? 'Open the public service finder' : 'Mở trang tra cứu thủ tục hành chính';
    w.frame.replaceWith(a);
    w.frame = null;
  }

  function css(el, rules) { for (var k in rules) el.style[k] = rules[k]; }

  function button() {
    var btn = document.createElement('button');
    btn.type = 'button';
    btn.textContent = d.label || (en ? 'Check & feedback' : 'Tra cứu & góp ý');
    css(btn, { minHeight: '44px', minWidth: '44px', padding: '0 1rem', font: 'inherit', fontWeight: '600',
      color: '#fff', background: '#0b5394', border: '2px solid #fff', borderRadius: '22px', cursor: 'pointer' });
    if (target) target.appendChild(btn);
    else {
      css(btn, { position: 'fixed', right: '16px', bottom: '16px', zIndex: '2147482000', boxShadow: '0 2px 8px rgba(0,0,0,.35)' });
      document.body.appendChild(btn);
    }
    w.el = btn;
    var box, behind = [];
    function shut() {
      behind.forEach(function (c) { c.inert = false; });
      box.style.display = 'none';
      btn.focus();
    }
    btn.addEventListener('click', function () {
      // The widget (and its wasm) is fetched on the first open only; later opens show the same frame.
      if (!box) box = dialog(btn.textContent, shut);
      behind = [].filter.call(document.body.children, function (c) { return c !== box && !c.inert; });
      behind.forEach(function (c) { c.inert = true; });
      box.style.display = 'flex';
      box.querySelector('button').focus();
    });
  }

  function dialog(label, shut) {
    var box = document.createElement('div');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-label', label);
    css(box, { position: 'fixed', inset: '0', background: 'rgba(0,0,0,.5)', display: 'flex',
      alignItems: 'center', justifyContent: 'center', zIndex: '2147483000' });
    var panel = document.createElement('div');
    css(panel, { background: '#fff', width: 'min(40rem, 100%)', height: 'min(46rem, 100%)', display: 'flex', flexDirection: 'column' });
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = en ? 'Close ✕' : 'Đóng ✕';
    css(close, { alignSelf: 'flex-end', minHeight: '44px', minWidth: '44px', margin: '4px', padding: '0 12px', font: 'inherit',
      color: '#1a1a1a', background: '#fff', border: '1px solid #555', borderRadius: '4px', cursor: 'pointer' });
    var f = frame(false);
    f.style.flex = '1';
    // Focus stays in the dialog: sentinels wrap it around (close → frame → close).
    var before = document.createElement('span'), after = document.createElement('span');
    before.tabIndex = 0; after.tabIndex = 0;
    before.addEventListener('focus', function () { (w.frame || close).focus(); });
    after.addEventListener('focus', function () { close.focus(); });
    close.addEventListener('click', shut);
    box.addEventListener('keydown', function (e) { if (e.key === 'Escape') shut(); });
    w.shut = shut;
    panel.append(before, close, f, after);
    box.appendChild(panel);
    document.body.appendChild(box);
    return box;
  }

  function start() {
    target = d.target ? document.querySelector(d.target) : null;
    mode = d.mode || (d.target ? 'inline' : 'button');
    if (mode === 'button') return button();
    if (!target) return;
    w.el = target;
    target.appendChild(frame(true));
  }
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
