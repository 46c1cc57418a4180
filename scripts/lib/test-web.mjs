// A pretend Internet on this machine, shared by the browser tests, the benchmark, `npm start` and the
// screenshot scripts: no request leaves the machine. Pages come from fixtures or strings; every picture request is
// answered (or refused) according to a scenario, so one can choose which of an image's addresses work. Chromium
// reaches it through request interception (`interceptPage`), Firefox through a local HTTP proxy (`startProxy`,
// with a TLS man-in-the-middle for https); `listen` adds a real 127.0.0.1 server for pages a browser should fetch
// itself (large pages, a window a person clicks around in).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { png } from '../make-icons.mjs';

export const SITE_HOST = 'news.zfe.space';
export const PROXY_HOST = 'cors.zfour.workers.dev';

const NO_STORE = 'no-store';
const DEFAULT_IMAGE = png(24);
const notFound = (text) => ({ status: 404, contentType: 'text/plain', body: Buffer.from(text) });

export class TestWeb {
  /**
   * - `original`: every original image host answers, over http and https; the proxy is down.
   * - `proxy-only`: only the CORS proxy answers; original hosts fail.
   * - `http-only`: originals answer over plain http only; https (the site's too) and the proxy fail.
   * - `none`: no image source works.
   * - `all`: every picture answers, the proxy's too (demos: the page as served shows its proxied pictures).
   */
  scenario = 'original';
  /** Every request decided, in order: tests read which addresses were tried. */
  log = [];
  /** Firefox's proxy hands every request's headers here before answering (the harness's traffic recorder). */
  onProxyRequest = null;
  /** http://127.0.0.1:<port> once `listen` has run. */
  origin = null;
  #pages = new Map();
  #picture;
  #server = null;

  /** `picture(url, kind)`: the answer to a picture request that works (default: the 24 px icon as PNG). */
  constructor({ picture } = {}) {
    this.#picture = picture ?? (() => ({ status: 200, contentType: 'image/png', body: DEFAULT_IMAGE }));
  }

  /** Serve `body` at `url` (query and hash are ignored when matching), over http and https (https fails in the
   * `http-only` scenario). `body` may be a function, read at each request (large pages stay on disk). `headers`
   * may set `content-type` (default: HTML). */
  addPage(url, body, headers = {}) {
    const u = new URL(url);
    this.#pages.set(u.host + u.pathname, { body, headers });
  }

  decide(rawUrl, kind) {
    const decision = this.#decideQuietly(rawUrl, kind);
    this.log.push({ url: rawUrl, kind, ok: decision !== 'fail' });
    return decision;
  }

  /** Log entries since `mark` (a previous `log.length`). */
  since(mark) {
    return this.log.slice(mark);
  }

  #decideQuietly(rawUrl, kind) {
    let url;
    try {
      url = new URL(rawUrl);
    } catch {
      return 'fail';
    }
    const secure = url.protocol === 'https:';
    const picture = kind === 'image' || kind === 'media';
    const page = this.#pages.get(url.host + url.pathname);
    if (page) {
      if (secure && this.scenario === 'http-only') return 'fail';
      const body = typeof page.body === 'function' ? page.body() : page.body;
      const contentType = page.headers['content-type'] ?? 'text/html; charset=utf-8';
      return { status: 200, contentType, body: Buffer.isBuffer(body) ? body : Buffer.from(body), headers: page.headers };
    }
    const works = () => (picture ? this.#picture(url, kind) : notFound('not found'));
    if (url.host === SITE_HOST) {
      if (secure && this.scenario === 'http-only') return 'fail';
      return works();
    }
    if (url.host === PROXY_HOST) {
      return (this.scenario === 'proxy-only' || this.scenario === 'all') && picture ? this.#picture(url, kind) : 'fail';
    }
    // Any other host: only pictures exist out there. Scripts, fonts, counters and embedded players get a
    // quick 404 (a refused iframe makes Firefox's BiDi report the page navigation itself as failed).
    if (!picture) return notFound('offline');
    if (this.scenario === 'original' || this.scenario === 'all') return this.#picture(url, kind);
    if (this.scenario === 'http-only' && !secure) return this.#picture(url, kind);
    return 'fail';
  }

  /** Can an https connection to `host` succeed at all in the current scenario? (Firefox's CONNECT.) Other
   * hosts always connect (their non-picture resources answer 404); their pictures fail per request. */
  tlsReachable(host) {
    if (host === SITE_HOST) return this.scenario !== 'http-only';
    if (host === PROXY_HOST) return this.scenario === 'proxy-only' || this.scenario === 'all';
    return true;
  }

  /** Is `url` one for the loopback server (`listen`), which the browser then fetches itself? */
  isLocal(url) {
    return this.origin !== null && url.startsWith(`${this.origin}/`);
  }

  /** Start the 127.0.0.1 server on a free port: it answers pages added at `web.origin + path` (by path), 404
   * otherwise. Returns the origin. */
  async listen() {
    const server = http.createServer((req, res) => {
      const decision = this.#decideQuietly(`${this.origin}${req.url ?? '/'}`, 'document');
      const answer = decision === 'fail' ? notFound('not here') : decision;
      res.writeHead(answer.status, {
        'cache-control': NO_STORE,
        ...answer.headers,
        'content-type': answer.contentType,
        'content-length': answer.body.length,
      });
      res.end(answer.body);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    this.origin = `http://127.0.0.1:${server.address().port}`;
    return this.origin;
  }

  async close() {
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise((resolve) => server.close(() => resolve()));
  }
}

/** A picture for demos and screenshots: a soft two-tone landscape with its size written on it, colour keyed by
 * URL (so an image keeps its look from one run to the next). An `Answer` for `new TestWeb({ picture })`. */
export function placeholderPicture(url) {
  const h = hash(url.href);
  const hue = h % 360;
  const [w, hgt] = [
    [800, 450],
    [720, 480],
    [640, 400],
  ][h % 3];
  const label = decodeURIComponent(url.pathname.split('/').pop() || 'image').slice(0, 40);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hgt}" viewBox="0 0 ${w} ${hgt}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="hsl(${hue} 55% 78%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 45% 58%)"/>
</linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>
<circle cx="${w * 0.78}" cy="${hgt * 0.3}" r="${hgt * 0.12}" fill="hsl(${hue} 70% 92%)" opacity="0.85"/>
<path d="M0 ${hgt * 0.78} L${w * 0.3} ${hgt * 0.48} L${w * 0.52} ${hgt * 0.7} L${w * 0.7} ${hgt * 0.55} L${w} ${hgt * 0.82} L${w} ${hgt} L0 ${hgt} Z" fill="hsl(${(hue + 60) % 360} 35% 40%)" opacity="0.55"/>
<text x="50%" y="${hgt * 0.93}" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="${Math.round(hgt / 22)}" fill="#fff" opacity="0.9">${w}×${hgt} · ${label.replace(/[<&>"]/g, '')}</text>
</svg>`;
  return { status: 200, contentType: 'image/svg+xml', body: Buffer.from(svg) };
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

// --- Chromium: request interception -------------------------------------------------------------------

/** Answer every http(s) request of `page` from `web`; the loopback server's own pages and the extension's files
 * go through untouched. `via: 'fetch'` holds only http(s) requests (CDP Fetch) instead of all of them (puppeteer's
 * interception): then extension module loads never queue behind thousands of picture requests (the benchmark). */
export async function interceptPage(page, web, { via = 'puppeteer' } = {}) {
  if (via === 'fetch') return interceptWithFetch(page, web);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (!/^https?:/.test(url) || web.isLocal(url)) {
      if (web.isLocal(url)) web.log.push({ url, kind: puppeteerKind(request.resourceType()), ok: true });
      void request.continue().catch(() => undefined);
      return;
    }
    const decision = web.decide(url, puppeteerKind(request.resourceType()));
    const done =
      decision === 'fail'
        ? request.abort('connectionrefused')
        : request.respond({
            status: decision.status,
            contentType: decision.contentType,
            // A page's own headers win: the back-forward cache tests serve pages that may be cached.
            headers: { 'cache-control': NO_STORE, 'access-control-allow-origin': '*', ...decision.headers },
            body: decision.body,
          });
    void done.catch(() => undefined);
  });
}

function puppeteerKind(type) {
  return type === 'document' || type === 'image' || type === 'media' ? type : 'other';
}

async function interceptWithFetch(page, web) {
  const cdp = await page.createCDPSession();
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: 'http://*' }, { urlPattern: 'https://*' }] });
  cdp.on('Fetch.requestPaused', (event) => {
    const { requestId } = event;
    const url = event.request.url;
    const kind = puppeteerKind(event.resourceType.toLowerCase());
    let reply;
    if (web.isLocal(url)) {
      web.log.push({ url, kind, ok: true });
      reply = cdp.send('Fetch.continueRequest', { requestId });
    } else {
      const d = web.decide(url, kind);
      reply =
        d === 'fail'
          ? cdp.send('Fetch.failRequest', { requestId, errorReason: 'ConnectionRefused' })
          : cdp.send('Fetch.fulfillRequest', {
              requestId,
              responseCode: d.status,
              responseHeaders: Object.entries({ 'cache-control': NO_STORE, ...d.headers, 'content-type': d.contentType }).map(
                ([name, value]) => ({ name, value: String(value) }),
              ),
              body: d.body.toString('base64'),
            });
    }
    // The page may be gone (closed, navigated) before the answer arrives.
    reply.catch(() => undefined);
  });
}

// --- Firefox: an HTTP proxy, with TLS interception -----------------------------------------------------

function firefoxKind(req) {
  const accept = req.headers.accept ?? '';
  // Firefox's Accept header tells what the element wants.
  if (accept.startsWith('image/')) return 'image';
  if (accept.startsWith('video/') || accept.startsWith('audio/')) return 'media';
  if (accept.startsWith('text/html')) return 'document';
  return 'other';
}

function answer(web, url, req, res) {
  web.onProxyRequest?.(url, req.headers, firefoxKind(req));
  const decision = web.decide(url, firefoxKind(req));
  if (decision === 'fail') {
    req.socket.destroy();
    return;
  }
  res.writeHead(decision.status, {
    'cache-control': NO_STORE,
    'access-control-allow-origin': '*',
    ...decision.headers,
    'content-type': decision.contentType,
    'content-length': decision.body.length,
  });
  res.end(decision.body);
}

/** A throw-away self-signed certificate (the browser runs with acceptInsecureCerts). */
function testCertificate() {
  const dir = mkdtempSync(path.join(tmpdir(), 'pnr-cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        '/CN=proxied-news-reader test',
      ],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } catch (error) {
    throw new Error(`openssl is needed to serve https to Firefox in tests (apt-get install -y openssl): ${String(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An HTTP proxy on 127.0.0.1 answering from `web`. Plain http requests arrive in absolute form; https ones
 * as CONNECT, which is refused when the host cannot work in the current scenario, else terminated here with
 * a self-signed certificate and answered like http.
 */
export async function startProxy(web) {
  const tls = https.createServer(testCertificate(), (req, res) => {
    answer(web, `https://${req.headers.host ?? ''}${req.url ?? '/'}`, req, res);
  });
  tls.on('tlsClientError', () => undefined);
  const server = http.createServer((req, res) => answer(web, req.url ?? '', req, res));
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req, socket) => {
    const host = (req.url ?? '').replace(/:\d+$/, '');
    socket.on('error', () => undefined);
    if (!web.tlsReachable(host)) {
      web.log.push({ url: `https://${host}/`, kind: 'other', ok: false });
      socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    tls.emit('connection', socket);
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        tls.close();
        server.close(() => resolve());
      }),
  };
}
