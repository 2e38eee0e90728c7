// The demo portal: a provincial portal's page on its own site, embedding the widget from another
// (the collector), with the CSP lines a portal needs. Used by `make run` and by the embedding tests.
//   node tests/portal/server.mjs --port 8081 --widget http://localhost:8080
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.dirname(fileURLToPath(import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript' };

/** The portal's CSP: its own files, plus the widget's origin for the loader script and the frame. */
export function portalCsp(widget) {
  return `default-src 'self'; script-src 'self' ${widget}; frame-src ${widget}; style-src 'self'; ` +
    "img-src 'self' data:; base-uri 'none'; object-src 'none'; form-action 'self'";
}

/** Serves the demo portal on 127.0.0.1:port; `pages` adds extra test pages (path → HTML body). */
export async function startPortal({ port, widget, pages = {} }) {
  widget = widget.replace(/\/+$/, '');
  const file = (name) => readFileSync(path.join(DIR, name), 'utf8');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/favicon.ico') { res.writeHead(204); return res.end(); }
    let body = pages[url.pathname];
    let type = TYPES[path.extname(url.pathname)] || TYPES['.html'];
    if (body === undefined) {
      const name = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      if (!['index.html', 'portal.css', 'portal.js'].includes(name)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        return res.end('not found');
      }
      body = file(name).replaceAll('{{WIDGET}}', widget);
      type = TYPES[path.extname(name)];
    }
    res.writeHead(200, { 'content-type': type, 'content-security-policy': portalCsp(widget), 'cache-control': 'no-cache' });
    res.end(body);
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(port, '127.0.0.1', resolve); });
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
  const port = Number(arg('--port', 8081));
  const widget = arg('--widget', 'http://localhost:8080');
  const { base } = await startPortal({ port, widget });
  console.log(`Demo portal: ${base}/   (widget from ${widget})`);
}
