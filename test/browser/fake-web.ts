// A pretend Internet for the browser tests: no request leaves the machine. Pages of the site are served
// from fixtures; every image request is answered (or refused) according to a scenario, so a test can choose
// which of an image's addresses work. Chromium reaches it through puppeteer's request interception; Firefox
// through a local HTTP proxy (with a TLS man-in-the-middle for https, see `startProxy`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { png } from '../../scripts/make-icons.mjs';

export const SITE_HOST = 'news.zfe.space';
export const PROXY_HOST = 'cors.zfour.workers.dev';

/**
 * - `original`: every original image host answers, over http and https; the proxy is down.
 * - `proxy-only`: only the CORS proxy answers; original hosts fail.
 * - `http-only`: originals answer over plain http only; https (the site's too) and the proxy fail.
 * - `none`: no image source works.
 */
export type Scenario = 'original' | 'proxy-only' | 'http-only' | 'none';

export type ResourceKind = 'document' | 'image' | 'media' | 'other';

export interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
  headers?: Record<string, string>;
}

/** `fail` is a network error (connection refused), which is what a dead host looks like to the page. */
export type Decision = Answer | 'fail';

const IMAGE = png(24);
const NO_STORE = 'no-store';

export class FakeWeb {
  scenario: Scenario = 'original';
  /** Every request decided, in order: tests read which addresses were tried. */
  readonly log: Array<{ url: string; kind: ResourceKind; ok: boolean }> = [];
  /** Firefox's proxy hands every request's headers here before answering (the harness's traffic recorder). */
  onProxyRequest: ((url: string, headers: http.IncomingHttpHeaders, kind: ResourceKind) => void) | null = null;
  private readonly pages = new Map<string, { body: Buffer; headers: Record<string, string> }>();

  /** Serve `html` at `url` (query and hash are ignored when matching), over http and https (https fails in
   * the `http-only` scenario). `headers` may set `content-type` (default: HTML). */
  addPage(url: string, html: string | Buffer, headers: Record<string, string> = {}): void {
    const u = new URL(url);
    this.pages.set(u.host + u.pathname, { body: Buffer.isBuffer(html) ? html : Buffer.from(html), headers });
  }

  decide(rawUrl: string, kind: ResourceKind): Decision {
    const decision = this.decideQuietly(rawUrl, kind);
    this.log.push({ url: rawUrl, kind, ok: decision !== 'fail' });
    return decision;
  }

  /** Log entries since `mark` (a previous `log.length`). */
  since(mark: number): FakeWeb['log'] {
    return this.log.slice(mark);
  }

  private decideQuietly(rawUrl: string, kind: ResourceKind): Decision {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return 'fail';
    }
    const secure = url.protocol === 'https:';
    const picture = kind === 'image' || kind === 'media';
    const page = this.pages.get(url.host + url.pathname);
    if (page) {
      if (secure && this.scenario === 'http-only') return 'fail';
      const contentType = page.headers['content-type'] ?? 'text/html; charset=utf-8';
      return { status: 200, contentType, body: page.body, headers: page.headers };
    }
    if (url.host === SITE_HOST) {
      if (secure && this.scenario === 'http-only') return 'fail';
      return picture ? image() : { status: 404, contentType: 'text/plain', body: Buffer.from('not found') };
    }
    if (url.host === PROXY_HOST) {
      return this.scenario === 'proxy-only' && picture ? image() : 'fail';
    }
    // Any other host: only pictures exist out there. Scripts, fonts, counters and embedded players get a
    // quick 404 (a refused iframe makes Firefox's BiDi report the page navigation itself as failed).
    if (!picture) return { status: 404, contentType: 'text/plain', body: Buffer.from('offline') };
    if (this.scenario === 'original') return image();
    if (this.scenario === 'http-only' && !secure) return image();
    return 'fail';
  }

  /** Can an https connection to `host` succeed at all in the current scenario? (Firefox's CONNECT.) Other
   * hosts always connect (their non-picture resources answer 404); their pictures fail per request. */
  tlsReachable(host: string): boolean {
    if (host === SITE_HOST) return this.scenario !== 'http-only';
    if (host === PROXY_HOST) return this.scenario === 'proxy-only';
    return true;
  }
}

function image(): Answer {
  return { status: 200, contentType: 'image/png', body: IMAGE };
}

// --- Chromium: request interception -------------------------------------------------------------------

function chromiumKind(request: HTTPRequest): ResourceKind {
  const type = request.resourceType();
  if (type === 'document') return 'document';
  if (type === 'image') return 'image';
  if (type === 'media') return 'media';
  return 'other';
}

/** Answer every request of `page` from `web`. Extension resources are let through untouched. */
export async function interceptPage(page: Page, web: FakeWeb): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (!/^https?:/.test(url)) {
      void request.continue().catch(() => undefined);
      return;
    }
    const decision = web.decide(url, chromiumKind(request));
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

// --- Firefox: an HTTP proxy, with TLS interception -----------------------------------------------------

function firefoxKind(req: http.IncomingMessage): ResourceKind {
  const accept = req.headers.accept ?? '';
  // Firefox's Accept header tells what the element wants.
  if (accept.startsWith('image/')) return 'image';
  if (accept.startsWith('video/') || accept.startsWith('audio/')) return 'media';
  if (accept.startsWith('text/html')) return 'document';
  return 'other';
}

function answer(web: FakeWeb, url: string, req: http.IncomingMessage, res: http.ServerResponse): void {
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
function testCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pnr-cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key,
        '-out', cert, '-days', '2', '-subj', '/CN=proxied-news-reader test'],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(`openssl is needed to serve https to Firefox in tests (apt-get install -y openssl): ${String(error)}`);
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

export interface ProxyServer {
  port: number;
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 answering from `web`. Plain http requests arrive in absolute form; https ones
 * as CONNECT, which is refused when the host cannot work in the current scenario, else terminated here with
 * a self-signed certificate and answered like http.
 */
export async function startProxy(web: FakeWeb): Promise<ProxyServer> {
  const tls = https.createServer(testCertificate(), (req, res) => {
    answer(web, `https://${req.headers.host ?? ''}${req.url ?? '/'}`, req, res);
  });
  tls.on('tlsClientError', () => undefined);
  const server = http.createServer((req, res) => answer(web, req.url ?? '', req, res));
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: http.IncomingMessage, socket: Socket) => {
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        tls.close();
        server.close(() => resolve());
      }),
  };
}
