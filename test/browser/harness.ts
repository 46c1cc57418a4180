// Real browsers with the built extension loaded, on the pretend Internet of fake-web.ts.
// One browser per test file (each launch costs 4–9 s and ~0.5 GiB). Nothing here is skipped: a missing
// browser is a failure that says how to install it.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, CDPSession, ElementHandle, Page } from 'puppeteer-core';
import { inject } from 'vitest';
import {
  launchChromium as launchChromiumWith,
  launchFirefox as launchFirefoxWith,
  requireBrowser,
  type BrowserKind,
} from '../../scripts/lib/browsers.mjs';
import type { PageState, Request } from '../../src/shared/messages';
import { TrafficRecorder } from './extension-traffic';
import { FakeWeb, interceptPage, startProxy, type ProxyServer, type Scenario } from './fake-web';

// The launcher is shared with the scripts (scripts/lib/browsers.mjs); re-exported under the names tests use.
export {
  buildExtension,
  CHROMIUM_ARGS,
  EXECUTABLES,
  firefoxPrefs,
  GECKO_ID,
  INSTALL_HINT,
  requireBrowser,
  type BrowserKind,
} from '../../scripts/lib/browsers.mjs';

/** The run's build of `kind` (test/setup/build-extensions.ts) copied into `dir`, emptied first. */
function copyBuild(kind: BrowserKind, dir: string): string {
  const built = inject('extensionBuilds')[kind];
  rmSync(dir, { recursive: true, force: true });
  cpSync(built, dir, { recursive: true });
  return dir;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Code run in a worker through a DevTools session: `evaluate(source)` resolves with its (awaited) value. */
export interface WorkerHandle {
  evaluate(source: string): Promise<unknown>;
}

function sessionWorker(session: CDPSession): WorkerHandle {
  return {
    async evaluate(source) {
      // A worker started again may wait for a debugger (puppeteer attaches to new workers paused, and may not
      // resume one whose target it already knew): this session lets it run.
      await session.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
      const r = await session.send('Runtime.evaluate', { expression: source, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
      return r.result.value as unknown;
    },
  };
}

/** Poll `fn` until it returns something other than undefined/false, or fail with `what`. */
/** `fn`'s value once it has one: undefined, null and false mean "not yet" (a query finding nothing is null). */
export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${last instanceof Error ? String(last) : JSON.stringify(last)}` : ''}`);
    await sleep(100);
  }
}

/** A real (trusted) click on an element inside the reader's shadow root. */
export async function clickInReader(page: Page, selector: string): Promise<void> {
  const handle = (await page.evaluateHandle(
    (sel: string) => document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector(sel) ?? null,
    selector,
  )) as ElementHandle<Element>;
  if (!(await handle.evaluate((el) => el !== null))) throw new Error(`no ${selector} in the reader`);
  await handle.click();
}

/** The background handlers exposed as `globalThis.pnrBackground` (src/background/index.ts). */
export type BackgroundMethod = 'onCommand' | 'onMenuClick' | 'toggleReader';

export class ExtensionBrowser {
  private helper: Page | null = null;
  private counter = 0;

  /** Use `ExtensionBrowser.launch`. */
  constructor(
    readonly kind: BrowserKind,
    readonly browser: Browser,
    readonly web: FakeWeb,
    /** chrome-extension://<id> or moz-extension://<uuid> */
    readonly origin: string,
    private readonly cleanup: () => Promise<void>,
  ) {
    this.traffic = new TrafficRecorder(origin);
  }

  /** Every request an extension context made (service worker or background, extension pages, content
   * script): see extension-traffic.ts for how each browser tells, and `ownTrafficProblems` for the rule. */
  readonly traffic: TrafficRecorder;

  /** Chromium: chrome-extension://<per-session id>, where the content script's chunks are web-accessible
   *  (use_dynamic_url; set at launch). Null in Firefox. */
  dynamicOrigin: string | null = null;

  /** `buildDir`: the run's build is copied there. Without it, a private directory removed on close: never
   * dist/<target>, which a build outside the tests could replace under this browser's feet. */
  static async launch(kind: BrowserKind, buildDir?: string): Promise<ExtensionBrowser> {
    requireBrowser(kind);
    const own = buildDir ? null : mkdtempSync(path.join(tmpdir(), `pnr-build-${kind}-`));
    const dir = copyBuild(kind, buildDir ?? own!);
    const ext = await (kind === 'chromium' ? launchChromium(dir) : launchFirefox(dir));
    if (own) ext.ownBuildDir = own;
    return ext;
  }

  private ownBuildDir: string | null = null;

  /** Firefox: the folder its downloads go to (a private one, removed on close); null in Chromium. */
  downloads: string | null = null;

  /** A fresh tab whose requests go to the fake web. */
  async newPage(): Promise<Page> {
    const page = await this.browser.newPage();
    if (this.kind === 'chromium') {
      await this.traffic.follow(page.target());
      await interceptPage(page, this.web);
    }
    return page;
  }

  /** A unique address of the site for `pathname` (tabs are told apart by URL). */
  siteUrl(pathname: string, scheme: 'https' | 'http' = 'https'): string {
    return `${scheme}://news.zfe.space${pathname}?t=${++this.counter}`;
  }

  /** Open `url` in a new tab under `scenario` and wait for the load event. */
  async open(url: string, scenario: Scenario = 'original'): Promise<Page> {
    this.web.scenario = scenario;
    const page = await this.newPage();
    await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
    return page;
  }

  /**
   * Run `fn(...args)` in an extension context that has the `chrome`/`browser` API and can reach the
   * background handlers: Chromium's service worker itself; in Firefox an extension page (BiDi does not
   * expose the event page), which reaches the background through runtime.getBackgroundPage().
   */
  async inExtension<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> {
    // The function's source is sent, not its closure: `extensionApi` is defined next to it, in the browser.
    const source = `(async () => {
      const extensionApi = (g) => g.browser ?? g.chrome;
      return await (${fn.toString()})(...${JSON.stringify(args)});
    })()`;
    if (this.kind === 'chromium') {
      const worker = await this.serviceWorker();
      return (await worker.evaluate(source)) as R;
    }
    const page = await this.helperPage();
    try {
      return (await page.evaluate(source)) as R;
    } catch (error) {
      // The extension reloaded and closed its pages, the helper with them: once more, in a new one.
      if (!/no such frame|Target closed|Session closed/i.test(String(error))) throw error;
      this.helper = null;
      return (await (await this.helperPage()).evaluate(source)) as R;
    }
  }

  /** Call one of the background's own handlers, in the background. */
  async background(method: BackgroundMethod, ...args: unknown[]): Promise<unknown> {
    return this.inExtension(
      async (name: string, list: unknown[]) => {
        const g = globalThis as unknown as {
          pnrBackground?: Record<string, (...a: unknown[]) => Promise<unknown>>;
          browser?: { runtime: { getBackgroundPage(): Promise<{ pnrBackground: Record<string, (...a: unknown[]) => Promise<unknown>> }> } };
        };
        const handlers = g.pnrBackground ?? (await g.browser!.runtime.getBackgroundPage()).pnrBackground;
        // JSON round trip: a Firefox background object cannot be handed across compartments as is.
        return JSON.parse(JSON.stringify((await handlers[name]!(...list)) ?? null)) as unknown;
      },
      method,
      args,
    );
  }

  /** `tabs.sendMessage(tabId, request)` from the extension, as the popup and background do. */
  async sendToTab<T = unknown>(tabId: number, request: Request): Promise<T> {
    return this.inExtension(
      async (id: number, req: Request) => {
        const api = extensionApi(globalThis);
        return JSON.parse(JSON.stringify(await api.tabs.sendMessage(id, req))) as T;
      },
      tabId,
      request,
    );
  }

  /** The extension's tab id of `page`, found by asking each tab's content script for its URL. */
  async tabIdOf(page: Page): Promise<number> {
    const url = page.url();
    // The helper page it asks through may take up to 30 s to open (openExtensionPage): waited for longer.
    return until(
      `the tab id of ${url}`,
      () =>
        this.inExtension(async (wanted: string) => {
          const api = extensionApi(globalThis);
          for (const tab of await api.tabs.query({})) {
            if (tab.id === undefined) continue;
            try {
              const state = (await api.tabs.sendMessage(tab.id, { type: 'pnr:get-state' })) as PageState;
              if (state.url === wanted) return tab.id;
            } catch {
              // no content script in that tab
            }
          }
          return undefined;
        }, url),
      45_000,
    );
  }

  async state(tabId: number): Promise<PageState> {
    return this.sendToTab<PageState>(tabId, { type: 'pnr:get-state' });
  }

  /** Open an extension page (e.g. `src/popup/index.html?tab=3`) in a tab and wait until it has loaded. */
  async openExtensionPage(pathAndQuery: string): Promise<Page> {
    const url = `${this.origin}/${pathAndQuery}`;
    const page = await this.browser.newPage();
    if (this.kind === 'chromium') {
      // Followed from about:blank on: the page's very first requests are recorded too.
      await this.traffic.follow(page.target());
      await page.goto(url, { waitUntil: 'load' });
      return page;
    }
    // Firefox: awaiting goto of a moz-extension:// page never settles (the BiDi navigation is reported
    // oddly); start it, then poll the document.
    this.traffic.followTab(page);
    page.goto(url).catch(() => undefined);
    // Up to 30 s: beside thirty tabs loading at once on a loaded machine, 10 s was seen not to be enough.
    await until(
      `${url} to load`,
      () => page.evaluate((u: string) => location.href === u && document.readyState === 'complete', url),
      30_000,
    );
    return page;
  }

  async close(): Promise<void> {
    try {
      await this.cleanup();
    } finally {
      if (this.ownBuildDir) rmSync(this.ownBuildDir, { recursive: true, force: true });
    }
  }

  private worker: WorkerHandle | null = null;

  /** A handle on the running service worker. Holding it (an attached DevTools session) keeps the worker
   * from being stopped when idle (30 s), which nothing in a test would wake it from; a worker that
   * restarted anyway (stopped, the extension reloaded) is found again. Taken right at launch. */
  async serviceWorker(): Promise<WorkerHandle> {
    if (this.worker) {
      try {
        // A worker stopped or replaced may never answer: given up on after a while. One started again answers
        // through the same session before its script has run (no `chrome` yet): it is waited for below.
        if ((await withTimeout(this.worker.evaluate('typeof pnrBackground'), 3000)) === 'object') return this.worker;
        this.worker = null;
      } catch {
        this.worker = null;
      }
    }
    this.worker = await until('the extension service worker', async () => {
      const targets = this.browser.targets().filter((t) => t.type() === 'service_worker' && t.url().startsWith(this.origin));
      for (const target of targets.reverse()) {
        // A session of our own: a worker started again keeps its target, and puppeteer's handle on it stays
        // with the stopped one.
        const session = await withTimeout(target.createCDPSession(), 3000).catch(() => null);
        if (!session) continue;
        const handle = sessionWorker(session);
        if ((await withTimeout(handle.evaluate('typeof pnrBackground'), 3000).catch(() => '')) === 'object') return handle;
        await withTimeout(session.detach(), 1000).catch(() => undefined);
      }
      return undefined;
    });
    return this.worker;
  }

  private async helperPage(): Promise<Page> {
    if (this.helper && !this.helper.isClosed()) return this.helper;
    // Any extension page will do; the popup with an impossible tab id just shows its error notice.
    this.helper = await this.openExtensionPage('src/popup/index.html?tab=0');
    return this.helper;
  }
}

/** The promise-based extension API: Chromium's MV3 `chrome.*` and Firefox's `browser.*` both return promises. */
export interface ExtensionApi {
  tabs: {
    query(q: object): Promise<Array<{ id?: number; url?: string }>>;
    sendMessage(id: number, message: unknown): Promise<unknown>;
  };
  storage: { sync: { get(keys?: unknown): Promise<Record<string, unknown>>; set(items: object): Promise<void>; clear(): Promise<void> } };
}

/**
 * Only for use INSIDE functions handed to `inExtension`, which defines it in the browser next to them.
 */
declare function extensionApi(g: typeof globalThis): ExtensionApi;

async function launchChromium(dir: string): Promise<ExtensionBrowser> {
  const { browser, origin, close } = await launchChromiumWith({ extension: dir });
  try {
    const ext = new ExtensionBrowser('chromium', browser, new FakeWeb(), origin, close);
    await ext.serviceWorker();
    ext.dynamicOrigin = await dynamicOrigin(ext, dir);
    // The content script loads its chunks from there: those are loads of the extension's own files too.
    if (ext.dynamicOrigin) ext.traffic.addOwnOrigin(ext.dynamicOrigin);
    await ext.traffic.watch(browser);
    return ext;
  } catch (error) {
    await close();
    throw error;
  }
}

/** The per-session dynamic origin of the build's web-accessible resources marked use_dynamic_url, or null when
 *  there are none: runtime.getURL gives it for such a resource, in any extension context. */
async function dynamicOrigin(ext: ExtensionBrowser, dir: string): Promise<string | null> {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    web_accessible_resources?: Array<{ resources: string[]; use_dynamic_url?: boolean }>;
  };
  const resource = manifest.web_accessible_resources?.find((entry) => entry.use_dynamic_url)?.resources[0];
  if (!resource) return null;
  const url = (await (await ext.serviceWorker()).evaluate(`chrome.runtime.getURL(${JSON.stringify(resource)})`)) as string;
  return `chrome-extension://${new URL(url).host}`;
}

async function launchFirefox(dir: string): Promise<ExtensionBrowser> {
  const web = new FakeWeb();
  const proxy: ProxyServer = await startProxy(web);
  const downloads = mkdtempSync(path.join(tmpdir(), 'pnr-downloads-'));
  try {
    const { browser, origin, close } = await launchFirefoxWith({ extension: dir, proxyPort: proxy.port, downloadDir: downloads });
    const ext = new ExtensionBrowser('firefox', browser, web, origin, async () => {
      await close();
      await proxy.close();
      rmSync(downloads, { recursive: true, force: true });
    });
    ext.downloads = downloads;
    web.onProxyRequest = (url, headers, kind) => ext.traffic.fromProxy(url, headers, kind);
    return ext;
  } catch (error) {
    await proxy.close();
    rmSync(downloads, { recursive: true, force: true });
    throw error;
  }
}
