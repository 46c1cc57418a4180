// Around a page rather than inside it (issue 15), in real Chromium and Firefox: the extension updated (reloaded)
// with tabs open, the back-forward cache, and (Chromium) a stopped service worker. One browser at a time, one
// launch each.
//
// What each browser does on an update, and so what is asserted:
// - Chromium keeps the old content script running in open tabs with its extension APIs dead and injects no new
//   one (that would take host permissions we do not ask for). The old script notices (src/content/context.ts),
//   closes an open reader, releases its observers and stays quiet: a pjax navigation after that is handled by
//   nobody, and the popup offers to reload the page.
// - Firefox tears the old script down without a word and injects the new version's: it removes the reader the
//   old one left (src/shared/reader-host.ts) and handles the next pjax navigation, once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ConsoleMessage, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectationFor, fixture, PROXY_MARK } from './expectations';
import { ExtensionBrowser, sleep, until, type BrowserKind, type ExtensionApi } from './harness';

/** Only inside functions handed to `inExtension`, which defines it in the browser next to them. */
declare function extensionApi(g: typeof globalThis): ExtensionApi;

const SITE = 'https://news.zfe.space';
const PAGES = ['pmcaff-largest-page', 'yystv-lazy-original', 'sanjie-proxied-images', 'ithome-tag-links'] as const;
const articleUrl = (name: string) => `${SITE}/p/${name}.html`;
/** How long a page may take to finish its requests before it is left (Firefox caches no page that leaves with one
 *  under way: a 30-picture page on a loaded 2-core CI machine took longer than 5 s). */
const IDLE_MS = 15_000;

/** Pages the back-forward cache may keep (the fake web's default is no-store, which keeps pages out of it). */
const CACHEABLE = { 'cache-control': 'max-age=0' };

interface Live {
  mode: string | null;
  readers: number;
  rootStyle: string | null;
  proxied: number;
  title: string | null;
  links: string[];
}

/** The page as it is now. Runs in the page. */
function live(mark: string): Live {
  const root = document.querySelector('article#post');
  let proxied = 0;
  for (const el of Array.from(root?.querySelectorAll('img, video, source') ?? [])) {
    for (const name of ['src', 'srcset', 'poster']) if ((el.getAttribute(name) ?? '').includes(mark)) proxied++;
  }
  return {
    mode: document.documentElement.getAttribute('data-proxied-news-reader'),
    readers: document.getElementsByTagName('proxied-news-reader').length,
    rootStyle: document.documentElement.getAttribute('style'),
    proxied,
    title: document.querySelector('article#post h1.title')?.textContent?.trim() ?? null,
    links: Array.from(root?.querySelectorAll('a[href]') ?? []).map((a) => a.getAttribute('href') ?? ''),
  };
}

/** What Volantis's pjax does: fetch the next page, swap the children of #pjax-container, push the address. */
async function pjaxTo(href: string): Promise<void> {
  const html = await (await fetch(href)).text();
  const next = new DOMParser().parseFromString(html, 'text/html');
  const incoming = next.querySelector('#pjax-container');
  const current = document.querySelector('#pjax-container');
  if (!incoming || !current) throw new Error('no #pjax-container');
  current.replaceChildren(...Array.from(document.importNode(incoming, true).childNodes));
  document.title = next.title;
  history.pushState({}, '', href);
}

/** Messages in a page's console that come from us: our log prefix, a dead extension context, or a script of
 *  the extension. The fixtures' own scripts fail loudly here (no network): those are not ours. */
function ours(origin: string) {
  return (text: string, url = ''): boolean =>
    /proxied-news|Extension context invalidated|moz-extension|chrome-extension|dead object/i.test(text) ||
    url.startsWith(origin) ||
    url.startsWith('moz-extension:') ||
    url.startsWith('chrome-extension:');
}

function lifecycleSuite(kind: BrowserKind): void {
  describe(kind, () => {
    let ext: ExtensionBrowser;
    const problems: string[] = [];

    const opened: Page[] = [];
    afterEach(async () => {
      for (const page of opened.splice(0)) await page.close().catch(() => undefined);
    });

    /** A page (closed after the test) whose console and uncaught errors are watched for ours. */
    async function openWatched(url: string): Promise<Page> {
      const page = await ext.open(url);
      opened.push(page);
      const mine = ours(ext.origin);
      page.on('console', (m: ConsoleMessage) => {
        if ((m.type() === 'error' || m.type() === 'warn') && mine(m.text(), m.location()?.url)) problems.push(`${url}: ${m.text()}`);
      });
      page.on('pageerror', (e: unknown) => {
        const text = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
        if (mine(text)) problems.push(`${url}: ${text}`);
      });
      return page;
    }

    const look = (page: Page) => page.evaluate(live, PROXY_MARK);

    /** Back one page. Firefox's BiDi reports no load for a page shown from the back-forward cache: the address
     *  is waited for instead. */
    async function back(page: Page, url: string): Promise<void> {
      await page.waitForNetworkIdle({ idleTime: 200, timeout: IDLE_MS }).catch(() => undefined);
      void page.goBack().catch(() => null);
      await at(page, url);
    }
    const at = (page: Page, url: string) =>
      until(`${url} loaded`, () =>
        page.evaluate((u: string) => location.href === u && document.readyState === 'complete', url).catch(() => false),
      );
    /** To `url` in the same tab (Firefox may report no load after a pushState: the address is waited for). Once
     *  the page has no request under way: Firefox keeps no page out of the cache that leaves with one. */
    async function go(page: Page, url: string): Promise<void> {
      await page.waitForNetworkIdle({ idleTime: 200, timeout: IDLE_MS }).catch(() => undefined);
      void page.goto(url).catch(() => null);
      await at(page, url);
    }
    const cleaned = (page: Page, name: string) =>
      until(`${name} cleaned on ${page.url()}`, async () => {
        const now = await look(page);
        return now.mode === 'cleaned' && now.proxied === 0 && now;
      });

    /** Reload the extension, as an update does, and wait until its background is back. */
    async function reloadExtension(): Promise<void> {
      await ext.inExtension(() => {
        const g = globalThis as unknown as { chrome?: { runtime: { reload(): void } }; browser?: { runtime: { reload(): void } } };
        // Later, so that this evaluation returns before the context it runs in goes away.
        setTimeout(() => (g.browser ?? g.chrome)!.runtime.reload(), 50);
        return true;
      });
      await sleep(1500);
      await until('the reloaded extension', () => ext.inExtension(() => true), 20_000);
    }

    beforeAll(async () => {
      ext = await ExtensionBrowser.launch(kind, mkdtempSync(path.join(tmpdir(), `pnr-lifecycle-${kind}-`)));
      for (const name of PAGES) ext.web.addPage(articleUrl(name), fixture(`rendered/${name}.html`), CACHEABLE);
      if (kind === 'chromium') {
        // Chromium disables a command-line extension that reloads itself unless developer mode is on.
        const page = await ext.browser.newPage();
        await page.goto('chrome://extensions', { waitUntil: 'load' });
        await page.evaluate(() =>
          (
            globalThis as unknown as { chrome: { developerPrivate: { updateProfileConfiguration(c: object): Promise<void> } } }
          ).chrome.developerPrivate.updateProfileConfiguration({
            inDeveloperMode: true,
          }),
        );
        await page.close();
      }
    }, 120_000);

    afterAll(async () => {
      await ext?.close();
    });

    it('back-forward cache: a cleaned article, its open reader and a pjax article come back as they were, cleaned once', async () => {
      const first = ext.siteUrl('/p/pmcaff-largest-page.html');
      const page = await openWatched(first);
      await cleaned(page, 'pmcaff-largest-page');
      const tab = await ext.tabIdOf(page);
      await page.evaluate(() => {
        (window as unknown as { __kept: boolean }).__kept = true;
        addEventListener('pageshow', (e) => ((window as unknown as { __persisted: boolean }).__persisted = e.persisted));
      });
      expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });

      // Away and back.
      await go(page, ext.siteUrl('/p/sanjie-proxied-images.html'));
      await cleaned(page, 'sanjie-proxied-images');
      await back(page, first);
      const restored = await page.evaluate(() => ({
        kept: (window as unknown as { __kept?: boolean }).__kept === true,
        persisted: (window as unknown as { __persisted?: boolean }).__persisted === true,
        reasons: JSON.stringify(
          (performance.getEntriesByType('navigation')[0] as unknown as { notRestoredReasons?: unknown })?.notRestoredReasons ?? null,
        ),
      }));
      expect(restored, `not restored from the back-forward cache: ${restored.reasons}`).toMatchObject({ kept: true, persisted: true });
      await page.evaluate(() => {
        const w = window as unknown as { __edits: number };
        w.__edits = 0;
        new MutationObserver((records) => (w.__edits += records.length)).observe(document.querySelector('article#post')!, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
      });
      // The reader is as it was: open, one of it; the extension answers; closing gives the cleaned page back.
      expect(await look(page)).toMatchObject({ mode: 'reader', readers: 1, proxied: 0 });
      const state = await ext.state(tab);
      expect(state.error).toBeNull();
      expect(state.article?.title).toBe(expectationFor('rendered/pmcaff-largest-page.html', articleUrl('pmcaff-largest-page')).title);
      expect(state.mode).toBe('reader');
      expect(await ext.sendToTab(tab, { type: 'pnr:toggle-reader' })).toEqual({ reader: false });
      expect(await look(page)).toMatchObject({ mode: 'cleaned', readers: 0 });
      await sleep(300);
      expect(await page.evaluate(() => (window as unknown as { __edits: number }).__edits)).toBe(0);

      // A pjax article, then away and back: still that article, cleaned, and the extension answers for it.
      await page.evaluate(pjaxTo, '/p/yystv-lazy-original.html');
      const want = expectationFor('rendered/yystv-lazy-original.html', articleUrl('yystv-lazy-original'));
      await until('yystv-lazy-original cleaned after pjax', async () => {
        const now = await look(page);
        return now.title === want.title && now.proxied === 0 && now.mode === 'cleaned';
      });
      await go(page, ext.siteUrl('/p/ithome-tag-links.html'));
      await cleaned(page, 'ithome-tag-links');
      await back(page, articleUrl('yystv-lazy-original'));
      expect(await page.evaluate(() => (window as unknown as { __kept?: boolean }).__kept)).toBe(true);
      const returned = await look(page);
      expect(returned).toMatchObject({ title: want.title, mode: 'cleaned', proxied: 0 });
      expect(returned.links).toEqual(want.linksAfter);
      const again = await ext.state(tab);
      expect(again.article?.title).toBe(want.title);
      expect(problems).toEqual([]);
    }, 60_000);

    it('extension reloaded with tabs open: an open reader closes, cleaned pages stay cleaned, no error of ours', async () => {
      const a = await openWatched(ext.siteUrl('/p/pmcaff-largest-page.html'));
      await cleaned(a, 'pmcaff-largest-page');
      const b = await openWatched(ext.siteUrl('/p/yystv-lazy-original.html'));
      const before = await cleaned(b, 'yystv-lazy-original');
      const [tabA, tabB] = [await ext.tabIdOf(a), await ext.tabIdOf(b)];
      expect(await ext.sendToTab(tabB, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
      expect(await look(b)).toMatchObject({ mode: 'reader', readers: 1 });

      await reloadExtension();

      // The reader is gone and the page is given back: its root's style as before, the article still cleaned.
      await until('the reader in the tab opened before to close', async () => (await look(b)).readers === 0 && true, 10_000);
      const after = await look(b);
      expect(after).toMatchObject({ readers: 0, rootStyle: before.rootStyle, proxied: 0, title: before.title });
      expect(after.links).toEqual(before.links);
      expect(await look(a)).toMatchObject({ mode: 'cleaned', proxied: 0 });

      // A pjax navigation after the update: handled once by the new script (Firefox), by nobody (Chromium).
      const want = expectationFor('rendered/sanjie-proxied-images.html', articleUrl('sanjie-proxied-images'));
      await a.bringToFront();
      await a.evaluate(pjaxTo, '/p/sanjie-proxied-images.html');
      if (kind === 'firefox') {
        await until('sanjie-proxied-images cleaned after pjax, by the new script', async () => {
          const now = await look(a);
          return now.title === want.title && now.proxied === 0 && now.mode === 'cleaned';
        });
        expect((await look(a)).links).toEqual(want.linksAfter);
        expect((await ext.state(tabA)).article?.title).toBe(want.title);
      } else {
        await sleep(1500);
        const now = await look(a);
        expect(now.title).toBe(want.title);
        // As served: the old script is quiet, and Chromium injected no new one.
        expect(now.proxied).toBeGreaterThan(0);
      }

      // The popup on that tab: works (Firefox), or says to reload the page and offers to (Chromium).
      const popup = await ext.openExtensionPage(`src/popup/index.html?tab=${tabA}`);
      if (kind === 'firefox') {
        await until('the popup to show the article', () =>
          popup.evaluate(() => document.querySelector('[data-testid=title]')?.textContent ?? undefined),
        );
      } else {
        await until('the popup to say reload', () =>
          popup.evaluate(() => document.querySelector('[data-testid=unsupported] [data-action=reload-page]') !== null),
        );
      }
      await popup.close();

      // The new version works in a new tab.
      const c = await openWatched(ext.siteUrl('/p/ithome-tag-links.html'));
      await cleaned(c, 'ithome-tag-links');
      await sleep(300);
      expect(problems).toEqual([]);
    }, 90_000);

    if (kind === 'chromium') {
      it('disabled and enabled again with tabs open: the reader closes, the page stays cleaned, the popup offers a reload', async () => {
        const a = await openWatched(ext.siteUrl('/p/pmcaff-largest-page.html'));
        const before = await cleaned(a, 'pmcaff-largest-page');
        const tab = await ext.tabIdOf(a);
        expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
        const id = new URL(ext.origin).host;
        const manager = await ext.browser.newPage();
        await manager.goto('chrome://extensions', { waitUntil: 'load' });
        const setEnabled = (on: boolean) =>
          manager.evaluate(
            (extId: string, value: boolean) =>
              (
                globalThis as unknown as { chrome: { management: { setEnabled(i: string, e: boolean): Promise<void> } } }
              ).chrome.management.setEnabled(extId, value),
            id,
            on,
          );
        await setEnabled(false);
        await until('the reader to close once the extension is disabled', async () => (await look(a)).readers === 0 && true);
        expect(await look(a)).toMatchObject({ mode: 'cleaned', proxied: 0, rootStyle: before.rootStyle, title: before.title });
        await setEnabled(true);
        await until('the enabled extension', () => ext.inExtension(() => true), 20_000);
        const popup = await ext.openExtensionPage(`src/popup/index.html?tab=${tab}`);
        await until('the popup to offer a reload', () =>
          popup.evaluate(() => document.querySelector('[data-action=reload-page]') !== null),
        );
        // The offer works: the page loads again with the new script, which cleans it.
        await popup.click('[data-action=reload-page]').catch(() => undefined);
        await until('the reloaded page cleaned by the new script', async () => {
          const now = await look(a).catch(() => null);
          return now?.mode === 'cleaned' && now.proxied === 0 && now.readers === 0;
        });
        expect((await ext.state(tab)).article?.title).toBe(before.title);
        await sleep(300);
        expect(problems).toEqual([]);
        await manager.close();
      }, 60_000);

      it('service worker stopped before a command or a menu click: the first one after it works, no setting lost', async () => {
        const a = await openWatched(ext.siteUrl('/p/yystv-lazy-original.html'));
        await cleaned(a, 'yystv-lazy-original');
        const tab = await ext.tabIdOf(a);
        const stored = { autoCleanSites: { 'example.org': false }, readerPrefs: { theme: 'sepia', fontSize: 21 } };
        await ext.inExtension(async (items: object) => extensionApi(globalThis).storage.sync.set(items), stored);
        // Stopped as Chromium stops an idle worker: through the DevTools session of a page of the extension's
        // origin (the ServiceWorker domain sees that origin's workers, and reports their running status). Headless
        // Chromium delivers no keyboard command or menu click: the stopped worker is woken by an event as the
        // browser wakes it for one (a message posted to it: the script runs again from the top), asked whether its
        // listeners are there (registered at the top level, as a cold start needs: an event is dispatched only to
        // listeners registered in that first run), and the handler then runs in that fresh worker, first try.
        const page = await ext.openExtensionPage('src/popup/index.html?tab=0');
        const stopAndWake = async () => {
          const cdp = await page.createCDPSession();
          // Every version the extension has had in this browser (a disabled and enabled extension has two).
          const status = new Map<string, string>();
          cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
            for (const v of (e as { versions: Array<{ versionId: string; scriptURL: string; runningStatus: string }> }).versions) {
              if (v.scriptURL.startsWith(ext.origin)) status.set(v.versionId, v.runningStatus);
            }
          });
          await cdp.send('ServiceWorker.enable');
          await cdp.send('ServiceWorker.stopAllWorkers');
          await until('the service worker to stop', async () => status.size > 0 && [...status.values()].every((s) => s === 'stopped'));
          await cdp.detach();
          await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.postMessage('wake'));
          return ext.inExtension(() => {
            const c = (
              globalThis as unknown as {
                chrome: { commands: { onCommand: { hasListeners(): boolean } }; contextMenus: { onClicked: { hasListeners(): boolean } } };
              }
            ).chrome;
            return { command: c.commands.onCommand.hasListeners(), menu: c.contextMenus.onClicked.hasListeners() };
          });
        };
        expect(await stopAndWake()).toEqual({ command: true, menu: true });
        expect(await ext.background('onCommand', 'toggle-reader', { id: tab })).toEqual({ reader: true });
        expect(await look(a)).toMatchObject({ mode: 'reader', readers: 1 });
        // Again after another stop: the menu's handler.
        expect(await stopAndWake()).toEqual({ command: true, menu: true });
        expect(await ext.background('onMenuClick', { menuItemId: 'pnr-toggle-reader', editable: false }, { id: tab })).toEqual({
          reader: false,
        });
        expect(await look(a)).toMatchObject({ mode: 'cleaned', readers: 0 });
        const after = await ext.inExtension(async () => extensionApi(globalThis).storage.sync.get(['autoCleanSites', 'readerPrefs']));
        expect(after).toEqual(stored);
        await ext.inExtension(async () => extensionApi(globalThis).storage.sync.clear());
        expect(problems).toEqual([]);
        await page.close();
      }, 60_000);
    }
  });
}

lifecycleSuite('chromium');
lifecycleSuite('firefox');
