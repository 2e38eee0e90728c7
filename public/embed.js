// Widget loader: no logic beyond placing iframes. Usage on a portal page:
//   <div data-tthc-widget data-province="quang-tri" data-lang="vi" data-mode="inline"></div>
//   <script src="https://<collector>/v1/embed.js" async></script>
// data-mode: inline (default) | button; data-view: check | events | survey | results; data-procedure: code.
(function () {
  'use strict';
  var script = document.currentScript;
  var base = new URL('.', script ? script.src : location.href);
  var origin = base.origin;
  var frames = [];

  function src(el) {
    var p = new URLSearchParams();
    p.set('province', el.dataset.province || '');
    p.set('lang', el.dataset.lang === 'en' ? 'en' : 'vi');
    if (el.dataset.view) p.set('mode', el.dataset.view);
    if (el.dataset.procedure) p.set('procedure', el.dataset.procedure);
    p.set('host', location.origin);
    return base.href + '?' + p.toString();
  }

  function frame(el, lazy) {
    var f = document.createElement('iframe');
    f.src = src(el);
    f.title = el.dataset.title || (el.dataset.lang === 'en' ? 'Public service finder' : 'Tra cứu thủ tục hành chính');
    f.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads');
    if (lazy) f.loading = 'lazy';
    f.style.width = '100%';
    f.style.minHeight = '480px';
    f.style.border = '0';
    var entry = { el: el, frame: f, ready: false };
    frames.push(entry);
    // Counted from the frame's load (lazy frames load when scrolled near), so a slow network or a
    // frame not yet needed is not mistaken for a broken one.
    f.addEventListener('load', function () {
      setTimeout(function () { if (!entry.ready) fallback(entry); }, 15000);
    }, { once: true });
    return f;
  }

  function fallback(entry) {
    var a = document.createElement('a');
    a.href = entry.frame.src;
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = entry.el.dataset.lang === 'en' ? 'Open the public service finder' : 'Mở trang tra cứu thủ tục hành chính';
    entry.frame.replaceWith(a);
  }

  function modal(el) {
    var btn = document.createElement('button');
    btn.type = 'button';
    btn.textContent = el.dataset.label || (el.dataset.lang === 'en' ? 'Check a procedure' : 'Tra cứu thủ tục');
    el.appendChild(btn);
    btn.addEventListener('click', function () {
      var box = document.createElement('div');
      box.setAttribute('role', 'dialog');
      box.setAttribute('aria-modal', 'true');
      box.setAttribute('aria-label', btn.textContent);
      box.style.position = 'fixed'; box.style.inset = '0'; box.style.background = 'rgba(0,0,0,.5)';
      box.style.display = 'flex'; box.style.alignItems = 'center'; box.style.justifyContent = 'center'; box.style.zIndex = '2147483000';
      var panel = document.createElement('div');
      panel.style.background = '#fff'; panel.style.width = 'min(40rem, 100%)'; panel.style.height = 'min(46rem, 100%)';
      panel.style.display = 'flex'; panel.style.flexDirection = 'column';
      var close = document.createElement('button');
      close.type = 'button';
      close.textContent = el.dataset.lang === 'en' ? 'Close ✕' : 'Đóng ✕';
      close.style.alignSelf = 'flex-end'; close.style.minHeight = '44px';
      var f = frame(el, false);
      f.style.flex = '1';
      // Focus stays in the dialog: [wrap→frame] close, frame [wrap→close]; the page behind is inert.
      var before = document.createElement('span'), after = document.createElement('span');
      before.tabIndex = 0; after.tabIndex = 0;
      var behind = [].filter.call(document.body.children, function (c) { return !c.inert; });
      behind.forEach(function (c) { c.inert = true; });
      function shut() { behind.forEach(function (c) { c.inert = false; }); box.remove(); btn.focus(); }
      before.addEventListener('focus', function () { f.focus(); });
      after.addEventListener('focus', function () { close.focus(); });
      close.addEventListener('click', shut);
      box.addEventListener('keydown', function (e) { if (e.key === 'Escape') shut(); });
      frames[frames.length - 1].close = shut;
      panel.append(before, close, f, after);
      box.appendChild(panel);
      document.body.appendChild(box);
      close.focus();
    });
  }

  window.addEventListener('message', function (e) {
    if (e.origin !== origin || !e.data || e.data.v !== 1) return;
    for (var i = 0; i < frames.length; i++) {
      var entry = frames[i];
      if (entry.frame.contentWindow !== e.source) continue;
      if (e.data.type === 'ready') entry.ready = true;
      else if (e.data.type === 'resize' && e.data.height > 0 && !entry.close) entry.frame.style.height = Math.min(e.data.height, 4000) + 'px';
      else if (e.data.type === 'close' && entry.close) entry.close();
      else if (e.data.type === 'submitted') entry.el.dispatchEvent(new CustomEvent('tthc:submitted', { bubbles: true }));
    }
  });

  var els = document.querySelectorAll('[data-tthc-widget]');
  for (var i = 0; i < els.length; i++) {
    var el = els[i];
    if (el.dataset.tthcReady) continue;
    el.dataset.tthcReady = '1';
    if (el.dataset.mode === 'button') modal(el); else el.appendChild(frame(el, true));
  }
})();
