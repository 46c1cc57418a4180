// "No traffic of our own": a recorder of every request an extension context makes, and the rule of what it
// may ask for. The extension promises to send nothing anywhere (README, "Permissions"): the only requests it
// may cause are loads of its own files and the article's own pictures, shown again in the reader or popup.
//
// How requests are told apart, per browser:
// - Chromium: a CDP session of our own (`Network.requestWillBeSent`) on the extension's service worker, on
//   every extension page (popup, options: any tab whose document is chrome-extension://<id>/…), and on every
//   tab the harness opens, where a request is the content script's when the extension's code is at the top of
//   its initiator stack. Puppeteer's own sessions (request interception) are left alone.
// - Firefox (no CDP; BiDi does not expose the background page) — two channels:
//   1. BiDi request events of every extension page the harness opens in a tab (popup, options, the helper
//      page): everything such a tab asks for.
//   2. The fake web's proxy, which sees every request's headers. Firefox gives a request made by an extension
//      principal `Sec-Fetch-Site: same-origin` whatever its destination (measured on Firefox ESR 153: fetch,
//      no-cors fetch, Image and sendBeacon from the background page and from an extension page, all
//      same-origin, while the page's own cross-site loads say cross-site); a sendBeacon also carries
//      `Origin: moz-extension://…`. So an https request that says same-origin to an origin no top-level page
//      was loaded from, or that names a moz-extension:// Origin or Referer, is an extension context's. Blind
//      spots: plain-http requests (Firefox sends no Sec-Fetch-* to them) and same-origin ones to a site a
//      tab shows, unless the request came from an extension tab (channel 1).
import type { Browser, CDPSession, HTTPRequest, Page, Protocol, Target } from 'puppeteer-core';
import { imageCandidates } from '../../src/core/media';
import type { PageState } from '../../src/shared/messages';

/** Where a request of the extension's own came from. `extension`: Firefox's proxy cannot tell which
 * extension context (background page, extension page or content script) made it. */
export type TrafficContext = 'service-worker' | 'extension-page' | 'content-script' | 'extension';

/** One request made by an extension context. */
export interface ExtensionRequest {
  context: TrafficContext;
  /** The context's address: the worker script, the extension page, the tab of the content script. */
  from: string;
  url: string;
  /** What was asked for, lower case: image, media, fetch, xhr, script, stylesheet, font, document, ping, other… */
  type: string;
  /** How the context was recognised (CDP target, initiator stack, Origin/Referer header). */
  how: string;
}

/** Sec-Fetch-Dest → the names CDP uses (lower case). */
const FETCH_DEST: Record<string, string> = {
  empty: 'fetch',
  image: 'image',
  video: 'media',
  audio: 'media',
  track: 'media',
  script: 'script',
  style: 'stylesheet',
  font: 'font',
  document: 'document',
  iframe: 'document',
  frame: 'document',
};

/** The script that made the request: the top frame of the initiator's stack. Not any frame below it: when the
 * extension moves focus back to a page's element (the reader closing), the page's own onfocus handler runs — and
 * makes its own requests — with the extension's code further down the same stack. */
function initiatorScript(initiator: Protocol.Network.Initiator | undefined): string {
  return initiator?.stack?.callFrames[0]?.url ?? '';
}

export class TrafficRecorder {
  /** Every request an extension context made since the recorder started, in order. */
  readonly log: ExtensionRequest[] = [];
  private readonly followed = new WeakSet<Target>();
  private readonly sessions: CDPSession[] = [];

  /** Where the extension's own files are loaded from: `origin`, and in Chromium also the per-session dynamic
   *  origin its content script loads its chunks from (web_accessible_resources.use_dynamic_url). */
  readonly ownOrigins: string[];

  /** `origin`: chrome-extension://<id> or moz-extension://<uuid>. */
  constructor(readonly origin: string) {
    this.ownOrigins = [origin];
  }

  /** Chromium: the dynamic origin, learnt at launch (harness.ts). */
  addOwnOrigin(origin: string): void {
    if (!this.ownOrigins.includes(origin)) this.ownOrigins.push(origin);
  }

  get mark(): number {
    return this.log.length;
  }

  since(mark: number): ExtensionRequest[] {
    return this.log.slice(mark);
  }

  /** Chromium: follow the extension's workers and pages, now and as they come (a restarted worker, an
   * options tab the browser opens itself). Tabs the harness opens are followed by `follow` before they load. */
  async watch(browser: Browser): Promise<void> {
    const consider = (target: Target): void => {
      const ours = target.url().startsWith(`${this.origin}/`);
      if (ours) void this.follow(target).catch(() => undefined);
    };
    browser.on('targetcreated', consider);
    browser.on('targetchanged', consider);
    await Promise.all(
      browser
        .targets()
        .filter((t) => t.url().startsWith(`${this.origin}/`))
        .map((t) => this.follow(t).catch(() => undefined)),
    );
  }

  /**
   * Chromium: record what an extension context in `target` asks for. A worker of the extension is wholly
   * ours; in a tab, a request is ours when its document is an extension page, or when the extension's code
   * made it (the content script: its file at the top of the initiator stack).
   */
  async follow(target: Target): Promise<void> {
    if (this.followed.has(target)) return;
    const type = target.type();
    const own = `${this.origin}/`;
    const worker = type === 'service_worker' || type === 'shared_worker';
    if (worker && !target.url().startsWith(own)) return;
    if (!worker && type !== 'page' && type !== 'background_page' && type !== 'other') return;
    this.followed.add(target);
    let session: CDPSession;
    try {
      session = await target.createCDPSession();
    } catch {
      this.followed.delete(target);
      return;
    }
    this.sessions.push(session);
    session.on('Network.requestWillBeSent', (event: Protocol.Network.RequestWillBeSentEvent) => {
      const document = event.documentURL ?? '';
      let context: TrafficContext | null = null;
      let how = '';
      if (worker) {
        context = type === 'service_worker' ? 'service-worker' : 'extension-page';
        how = `CDP ${type} target`;
      } else if (document.startsWith(own)) {
        context = 'extension-page';
        how = 'CDP: its document is an extension page';
      } else if (initiatorScript(event.initiator).startsWith(own)) {
        context = 'content-script';
        how = 'CDP: extension code at the top of the initiator stack';
      }
      if (!context) return;
      this.log.push({
        context,
        from: worker ? target.url() : document || target.url(),
        url: event.request.url,
        type: (event.type ?? 'other').toLowerCase(),
        how,
      });
    });
    try {
      await session.send('Network.enable');
    } catch {
      // The target went away before it could be followed (a closed tab).
    }
  }

  /** Origins Firefox loaded a top-level document from (channel 2 above). */
  private readonly documentOrigins = new Set<string>();

  /** Firefox, channel 1: everything the extension tab `page` asks for, other than the extension's own files
   * (those are not network requests; BiDi reports them too, and they would only be noise). */
  followTab(page: Page): void {
    page.on('request', (request: HTTPRequest) => {
      const url = request.url();
      if (url.startsWith(`${this.origin}/`)) return;
      const from = (() => {
        try {
          return request.frame()?.url() ?? '';
        } catch {
          return '';
        }
      })();
      // BiDi does not say what was asked for; the proxy's view of the same request does (`fromProxy`), before
      // or after this event.
      const type = this.proxyTypes.get(url) ?? 'unknown';
      const entry: ExtensionRequest = {
        context: 'extension-page',
        from: from || 'an extension tab',
        url,
        type,
        how: 'BiDi: request of an extension tab',
      };
      if (type === 'unknown') this.untyped.set(url, entry);
      this.log.push(entry);
    });
  }

  /** BiDi records still waiting for the proxy to tell their type, by URL. */
  private readonly untyped = new Map<string, ExtensionRequest>();
  /** The type of every request the proxy saw, by URL (the last one). */
  private readonly proxyTypes = new Map<string, string>();

  /** Firefox, channel 2: a request as the proxy saw it, recorded when its headers say an extension context
   * made it. `kind`: the fake web's reading of its Accept header. */
  fromProxy(url: string, headers: Record<string, string | string[] | undefined>, kind: string): void {
    const one = (name: string): string => {
      const v = headers[name];
      return (Array.isArray(v) ? v[0] : v) ?? '';
    };
    let origin = '';
    try {
      origin = new URL(url).origin;
    } catch {
      return;
    }
    const site = one('sec-fetch-site');
    const dest = one('sec-fetch-dest');
    const type = FETCH_DEST[dest] ?? (dest || kind);
    this.proxyTypes.set(url, type);
    const waiting = this.untyped.get(url);
    if (waiting) {
      waiting.type = type;
      this.untyped.delete(url);
    }
    // A page the browser loaded (a tab or a frame in it): its own same-origin requests are the page's.
    if ((dest === 'document' || dest === 'iframe' || dest === 'frame') && site !== 'same-origin') this.documentOrigins.add(origin);
    for (const name of ['origin', 'referer']) {
      const value = one(name);
      if (/^(moz|chrome)-extension:/i.test(value)) {
        this.log.push({ context: 'extension', from: value, url, type, how: `proxy: ${name} header names the extension` });
        return;
      }
    }
    if (site === 'same-origin' && !this.documentOrigins.has(origin)) {
      this.log.push({
        context: 'extension',
        from: 'an extension principal',
        url,
        type,
        how: 'proxy: Sec-Fetch-Site same-origin to an origin no page is from',
      });
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.sessions.splice(0).map((s) => s.detach().catch(() => undefined)));
  }
}

/** The pictures of the articles the extension read (`PageState.article`): as the page wrote them, unwrapped, and
 * every address of their fallback chains. The only network requests the reader and popup may cause. */
export function articleMediaOf(states: readonly PageState[]): (url: string) => boolean {
  const set = new Set<string>();
  const add = (u: string | null | undefined) => {
    if (!u) return;
    set.add(u);
    for (const c of imageCandidates(u)) set.add(c);
  };
  for (const s of states) {
    const a = s.article;
    if (!a) continue;
    add(a.cover?.url);
    add(a.cover?.original);
    for (const m of [...a.images, ...a.videos]) {
      add(m.url);
      add(m.original);
      add(m.poster);
    }
  }
  return (url: string) => set.has(url);
}

/** Any picture: for a suite that does not collect the articles it shows (a weaker rule: every non-picture
 * request still fails). */
export const anyPicture = (): boolean => true;

export interface TrafficRules {
  /** The extension's origin(s) (`TrafficRecorder.ownOrigins`): its own files may always be loaded. */
  origin: string | readonly string[];
  /** Pictures (image/media requests) that are the article's own: shown again in the reader or the popup. */
  articleMedia: (url: string) => boolean;
}

/**
 * What an extension context asked for beyond its own files and the article's pictures: each a line of text
 * (an empty list is a pass). Local schemes (data:, blob:, about:) make no request and pass. Anything else —
 * a fetch, an XHR, a script, a font, a stylesheet, a beacon, a document, or a picture that is not the
 * article's — is a failure.
 */
const ownFile = (url: string, origin: string | readonly string[]): boolean =>
  (typeof origin === 'string' ? [origin] : origin).some((o) => url.startsWith(`${o}/`));

export function ownTrafficProblems(records: readonly ExtensionRequest[], rules: TrafficRules): string[] {
  const out: string[] = [];
  for (const r of records) {
    if (ownFile(r.url, rules.origin)) continue;
    if (/^(data|blob|about):/i.test(r.url)) continue;
    // `unknown`: Firefox's BiDi saw an extension tab ask for it, and the proxy never saw the request itself (its
    // https connection was refused): judged by its address alone.
    const picture = r.type === 'image' || r.type === 'media' || r.type === 'unknown';
    if (picture && /^https?:/i.test(r.url) && rules.articleMedia(r.url)) continue;
    out.push(`${r.context} (${r.from}) asked for ${r.type} ${r.url} [${r.how}]`);
  }
  return out;
}

/** For a suite's `afterAll`, before the browser closes: fails listing every request an extension context made
 * beyond its own files and (by `articleMedia`) the articles' pictures. E.g.
 * `afterAll(async () => { expectNoOwnTraffic(ext); await ext?.close(); })`. */
export function expectNoOwnTraffic(ext: { traffic: TrafficRecorder }, articleMedia: (url: string) => boolean = anyPicture): void {
  const problems = ownTrafficProblems(ext.traffic.log, { origin: ext.traffic.ownOrigins, articleMedia });
  if (problems.length > 0) throw new Error(`the extension made requests of its own (${problems.length}):\n  ${problems.join('\n  ')}`);
}

/** Requests by context and destination, one line each, for the test log. */
export function trafficTable(log: readonly ExtensionRequest[], origin: string | readonly string[]): string {
  const rows = new Map<string, number>();
  for (const r of log) {
    let what: string;
    if (ownFile(r.url, origin)) what = 'own files';
    else if (/^(data|blob|about):/i.test(r.url)) what = 'local (data:, blob:)';
    else {
      try {
        what = `${r.type} ${new URL(r.url).host}`;
      } catch {
        what = `${r.type} ${r.url.slice(0, 40)}`;
      }
    }
    const key = `${r.context.padEnd(15)} ${what}`;
    rows.set(key, (rows.get(key) ?? 0) + 1);
  }
  return ['requests by extension contexts:', ...[...rows].sort().map(([k, n]) => `  ${k}: ${n}`)].join('\n');
}
