// The real-browser tests, defined once and run by chromium.test.ts and firefox.test.ts against the built
// extension. Pages are corpus fixtures served on the fake web (fake-web.ts); expectations come from the core
// run in Node on the same fixtures (expectations.ts).
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPost } from '../../src/core';
import { parseHtml } from '../../src/node/dom';
import type { PageState } from '../../src/shared/messages';
import { FakeWeb, PROXY_HOST, type Scenario } from './fake-web';
import { expectationFor, fixture, PROXY_MARK, type PageExpectation } from './expectations';
import { expectNoOwnTraffic, trafficTable } from './extension-traffic';
import { clickInReader, ExtensionBrowser, until, type BrowserKind } from './harness';
import { emptyPageHtml, genericPageHtml, GENERIC_TITLE } from './generic-page';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readerView } from './reader-view';

/** Article fixtures (test/fixtures/rendered), each with something to clean. */
export const ARTICLES = [
  'pmcaff-largest-page',
  'yystv-lazy-original',
  'guokr-escaped-body',
  'sanjie-proxied-images',
  'ithome-tag-links',
  'stcn-stock-links',
  'ithome-article-links-kept',
  'iplaysoft-keyword-links',
  'xueqiu-topic-link',
  '3dm-youku-iframe',
] as const;

const articlePath = (name: string) => `/p/${name}.html`;
/** Pages that are not proxied-news articles (another host, no Hexo): the any-page reader's. */
const GENERIC_URL = 'https://harbour.example/2024/lighthouses.html';
const EMPTY_URL = 'https://harbour.example/signin.html';
const NOSCRIPT_URL = 'https://harbour.example/2024/noscript.html';
/** Readability parses every <noscript>'s markup into elements, in its copy of the page: their handlers must never run. */
const CANARY_IMG = '<img src="/canary.png" alt="canary" onload="window.__pnrCanary=1" onerror="window.__pnrCanary=2">';
const RAW_POST_URL = 'https://raw.githubusercontent.com/zfe/news/main/source/_posts/midea-china-mobile-5g.md';

interface LivePage {
  mode: string | null;
  proxied: number;
  links: string[];
  text: string;
}

/** The article as the browser shows it now. Runs in the page. */
function readArticle(mark: string): LivePage {
  const root = document.querySelector('article#post');
  if (!root) throw new Error('no article#post');
  let proxied = 0;
  for (const el of Array.from(root.querySelectorAll('img, video, audio, source'))) {
    for (const name of ['src', 'srcset', 'data-srcset', 'poster']) {
      if ((el.getAttribute(name) ?? '').includes(mark)) proxied++;
    }
  }
  return {
    mode: document.documentElement.dataset.proxiedNewsReader ?? null,
    proxied,
    links: Array.from(root.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? ''),
    text: root.textContent ?? '',
  };
}

const modeOf = (page: Page) => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader ?? null);

async function waitForMode(page: Page, mode: string, timeoutMs = 10_000): Promise<void> {
  await until(`data-proxied-news-reader="${mode}" on ${page.url()}`, async () => (await modeOf(page)) === mode, timeoutMs);
}

interface ImageState {
  src: string;
  currentSrc: string;
  complete: boolean;
  width: number;
}

function readImages(): ImageState[] {
  return Array.from(document.querySelectorAll<HTMLImageElement>('article#post img')).map((img) => ({
    src: img.getAttribute('src') ?? '',
    currentSrc: img.currentSrc,
    complete: img.complete,
    width: img.naturalWidth,
  }));
}

/** Which of an image's candidates the fake web serves in `scenario` (mirrors what the browser will get). */
function servable(chain: string[], scenario: Scenario): boolean {
  const web = new FakeWeb();
  web.scenario = scenario;
  return chain.some((url) => web.decide(url, 'image') !== 'fail');
}

export function extensionSuite(kind: BrowserKind): void {
  let ext: ExtensionBrowser;
  const expectations = new Map<string, PageExpectation>();
  const expected = (name: string): PageExpectation => {
    let e = expectations.get(name);
    if (!e) {
      e = expectationFor(`rendered/${name}.html`, `https://news.zfe.space${articlePath(name)}`);
      expectations.set(name, e);
    }
    return e;
  };

  beforeAll(async () => {
    ext = await ExtensionBrowser.launch(kind);
    for (const name of ARTICLES) ext.web.addPage(`https://news.zfe.space${articlePath(name)}`, fixture(`rendered/${name}.html`));
    // The "left alone" tests compare the DOM before and after the content script ran; the page's own scripts
    // (they restyle, count views) are kept out by CSP, which does not apply to extension content scripts.
    const noScripts = { 'content-security-policy': "script-src 'none'" };
    ext.web.addPage('https://news.zfe.space/', fixture('listing/home.html'), noScripts);
    ext.web.addPage('https://news.zfe.space/categories/1/', fixture('listing/category-page.html'), noScripts);
    ext.web.addPage('https://news.zfe.space/csp/p/pmcaff-largest-page.html', fixture('rendered/pmcaff-largest-page.html'), noScripts);
    // A generated post's Markdown source, as a browser shows a raw file: text/plain.
    ext.web.addPage(GENERIC_URL, genericPageHtml(), noScripts);
    ext.web.addPage(EMPTY_URL, emptyPageHtml(), noScripts);
    // No CSP here: inline handlers would run if Readability's copy of the page ever came alive.
    ext.web.addPage(NOSCRIPT_URL, genericPageHtml().replace('<figure>', `<noscript>${CANARY_IMG}</noscript><figure>`));
    ext.web.addPage(RAW_POST_URL, fixture('posts/ofweek-seed.md'), { 'content-type': 'text/plain; charset=utf-8' });
  }, 120_000);

  afterAll(async () => {
    await ext?.close();
  });

  /** Open a page and close it afterwards, whatever happens. */
  async function withPage<T>(url: string, scenario: Scenario, fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await ext.open(url, scenario);
    try {
      return await fn(page);
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  describe('cleans article pages in place', () => {
    it.each(ARTICLES)('%s: proxied media unwrapped, tag links removed, marked "cleaned"', async (name) => {
      const want = expected(name);
      // Something to clean on every page, or the test proves nothing.
      expect(want.proxiedBefore + want.topics.length).toBeGreaterThan(0);
      await withPage(ext.siteUrl(articlePath(name)), 'original', async (page) => {
        await waitForMode(page, 'cleaned');
        const live = await page.evaluate(readArticle, PROXY_MARK);
        expect(live.proxied).toBe(0);
        expect(live.links).toEqual(want.linksAfter);
        if (want.topics.length > 0) expect(live.links.length).toBeLessThan(want.linksBefore.length);
        // The word stays, the link goes.
        for (const topic of want.topics) expect(live.text).toContain(topic.text);
      });
    });
  });

  describe('keeps images visible through the fallback chain', () => {
    const cases: Array<{ scenario: Scenario; scheme: 'https' | 'http'; from: (src: string) => boolean; label: string }> = [
      { scenario: 'original', scheme: 'https', from: (s) => !s.includes(PROXY_HOST), label: 'the original host works' },
      { scenario: 'proxy-only', scheme: 'https', from: (s) => s.startsWith(`https://${PROXY_HOST}/`), label: 'only the proxy works' },
      // Over https the browser upgrades http images itself, so this world is visited over http.
      {
        scenario: 'http-only',
        scheme: 'http',
        from: (s) => s.startsWith('http://') && !s.includes(PROXY_HOST),
        label: 'only the http original works',
      },
    ];
    for (const name of ['yystv-lazy-original', 'pmcaff-largest-page'] as const) {
      it.each(cases)(`${name}: $label`, async ({ scenario, scheme, from }) => {
        const want = expected(name);
        const loadable = want.chains.map((chain) => chain.length > 0 && servable(chain, scenario));
        const count = loadable.filter(Boolean).length;
        expect(count).toBeGreaterThan(0);
        await withPage(ext.siteUrl(articlePath(name), scheme), scenario, async (page) => {
          await waitForMode(page, 'cleaned');
          const images = await until(
            `${count} images to load (${scenario})`,
            async () => {
              const now = await page.evaluate(readImages);
              return now.length === loadable.length && loadable.every((ok, i) => !ok || (now[i]!.complete && now[i]!.width > 0)) && now;
            },
            20_000,
          );
          for (const [i, img] of images.entries()) {
            if (loadable[i]) expect({ i, loadedFrom: from(img.currentSrc) }).toEqual({ i, loadedFrom: true });
          }
        });
      });
    }

    it('nothing works: every image tries its whole chain, ending at the proxy, and the page stays cleaned', async () => {
      const want = expected('pmcaff-largest-page');
      const chained = want.chains.map((c) => (c.length > 1 ? c : null));
      expect(chained.filter(Boolean).length).toBeGreaterThan(5);
      const mark = ext.web.log.length;
      await withPage(ext.siteUrl(articlePath('pmcaff-largest-page')), 'none', async (page) => {
        await waitForMode(page, 'cleaned');
        const images = await until(
          'every chain to run out',
          async () => {
            const now = await page.evaluate(readImages);
            return chained.every((c, i) => !c || (now[i]!.src === c[c.length - 1] && now[i]!.complete)) && now;
          },
          20_000,
        );
        for (const [i, chain] of chained.entries()) if (chain) expect(images[i]!.width).toBe(0);
        expect(await modeOf(page)).toBe('cleaned');
      });
      // The proxy was asked for each chained image (it is the last resort).
      const asked = new Set(ext.web.since(mark).map((r) => r.url));
      for (const chain of chained) if (chain) expect(asked.has(chain[chain.length - 1]!) || asked.has(`https://${PROXY_HOST}/`)).toBe(true);
    });
  });

  describe('leaves other pages alone', () => {
    /** Snapshot the DOM at DOMContentLoaded, before any document_idle content script ran. */
    async function openWithSnapshot(url: string): Promise<Page> {
      ext.web.scenario = 'original';
      const page = await ext.newPage();
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('DOMContentLoaded', () => {
          (window as unknown as { __pnrBefore: string }).__pnrBefore = document.documentElement.outerHTML;
        });
      });
      await page.goto(url, { waitUntil: 'load' });
      return page;
    }

    it.each([
      ['home page', '/'],
      ['category listing', '/categories/1/'],
    ])('%s of the family: a listing whose pictures come back, text and links as served', async (_label, pathname) => {
      const page = await openWithSnapshot(ext.siteUrl(pathname));
      try {
        await waitForMode(page, 'images');
        const tab = await ext.tabIdOf(page);
        const state = await ext.state(tab);
        // The content script ran (it answered) and decided this is a listing of the family, not an article.
        expect(state.detection).toMatchObject({ kind: 'listing', family: true });
        expect(state.article).toBeNull();
        expect(state.listing?.entries.length).toBeGreaterThanOrEqual(5);
        const { before, after } = await page.evaluate(() => {
          // Everything but the pictures' addresses: the markup with every <img>'s attributes left out.
          const shape = (html: string) => html.replace(/<img\b[^>]*>/g, '<img>').replace(/ data-proxied-news-reader="[^"]*"/, '');
          return {
            before: shape((window as unknown as { __pnrBefore: string }).__pnrBefore),
            after: shape(document.documentElement.outerHTML),
          };
        });
        expect(before.length).toBeGreaterThan(1000);
        expect(after).toBe(before);
      } finally {
        await page.close();
      }
    });

    it('the same snapshot does see the change on an article (control)', async () => {
      const page = await openWithSnapshot(ext.siteUrl(`/csp${articlePath('pmcaff-largest-page')}`));
      try {
        await waitForMode(page, 'cleaned');
        const changed = await page.evaluate(
          () => (window as unknown as { __pnrBefore: string }).__pnrBefore !== document.documentElement.outerHTML,
        );
        expect(changed).toBe(true);
      } finally {
        await page.close();
      }
    });
  });

  describe('follows pjax navigation', () => {
    /** What Volantis's pjax does: fetch the next page, swap #pjax-container, push the new address. Runs in the page. */
    async function pjaxTo(href: string, how: 'children' | 'element'): Promise<void> {
      const html = await (await fetch(href)).text();
      const next = new DOMParser().parseFromString(html, 'text/html');
      const incoming = next.querySelector('#pjax-container');
      const current = document.querySelector('#pjax-container');
      if (!incoming || !current) throw new Error('no #pjax-container');
      const adopted = document.importNode(incoming, true);
      if (how === 'children') current.replaceChildren(...Array.from(adopted.childNodes));
      else current.replaceWith(adopted);
      document.title = next.title;
      history.pushState({}, '', href);
    }

    it('cleans each article swapped in, by children or by element, without a page load', async () => {
      const first = expected('yystv-lazy-original');
      const second = expected('pmcaff-largest-page');
      const third = expected('sanjie-proxied-images');
      await withPage(ext.siteUrl(articlePath('yystv-lazy-original')), 'original', async (page) => {
        await waitForMode(page, 'cleaned');
        await page.evaluate(() => {
          (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
        });
        expect((await page.evaluate(readArticle, PROXY_MARK)).links).toEqual(first.linksAfter);

        for (const [target, how, want] of [
          ['pmcaff-largest-page', 'children', second],
          ['sanjie-proxied-images', 'element', third],
        ] as const) {
          await page.evaluate(pjaxTo, articlePath(target), how);
          await until(`the ${target} article to be cleaned after a pjax swap (${how})`, async () => {
            const live = await page.evaluate(readArticle, PROXY_MARK);
            const title = await page.evaluate(() => document.querySelector('article#post h1.title')?.textContent?.trim());
            return title === want.title && live.proxied === 0 && live.mode === 'cleaned' && live;
          });
          const live = await page.evaluate(readArticle, PROXY_MARK);
          expect(live.links).toEqual(want.linksAfter);
          expect(want.proxiedBefore).toBeGreaterThan(0);
        }
        // Still the same document: no page load happened.
        expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
        const state = await ext.state(await ext.tabIdOf(page));
        expect(state.article?.title).toBe(third.title);
      });
    });

    it('an open reader survives other changes in the container and closes when the article changes', async () => {
      await withPage(ext.siteUrl(articlePath('pmcaff-largest-page')), 'original', async (page) => {
        await waitForMode(page, 'cleaned');
        const tab = await ext.tabIdOf(page);
        expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
        // A widget arriving in the container (comments, counters) is not navigation.
        await page.evaluate(() => document.querySelector('#pjax-container')!.append(document.createElement('div')));
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(await modeOf(page)).toBe('reader');
        await page.evaluate(pjaxTo, articlePath('sanjie-proxied-images'), 'children' as const);
        await waitForMode(page, 'cleaned');
        expect(await page.evaluate(() => document.querySelector('proxied-news-reader'))).toBeNull();
        expect((await page.evaluate(readArticle, PROXY_MARK)).links).toEqual(expected('sanjie-proxied-images').linksAfter);
      });
    });
  });

  describe('reader mode', () => {
    const toggles: Array<{ via: string; toggle: (tab: number) => Promise<unknown> }> = [
      { via: 'a content-script message', toggle: (tab) => ext.sendToTab(tab, { type: 'pnr:toggle-reader' }) },
      { via: 'the background command handler', toggle: (tab) => ext.background('onCommand', 'toggle-reader', { id: tab }) },
      {
        via: 'the context-menu handler',
        toggle: (tab) => ext.background('onMenuClick', { menuItemId: 'pnr-toggle-reader', editable: false }, { id: tab }),
      },
    ];

    it.each(toggles)('on and off through $via: article untouched, scroll kept', async ({ toggle }) => {
      const want = expected('pmcaff-largest-page');
      await withPage(ext.siteUrl(articlePath('pmcaff-largest-page')), 'original', async (page) => {
        await waitForMode(page, 'cleaned');
        const tab = await ext.tabIdOf(page);
        const y = await page.evaluate(() => {
          window.scrollTo(0, 900);
          return window.scrollY;
        });
        expect(y).toBeGreaterThan(100);
        const article = () => page.evaluate(() => document.querySelector('article#post')!.outerHTML);
        const before = await article();

        expect(await toggle(tab)).toEqual({ reader: true });
        expect(await modeOf(page)).toBe('reader');
        const overlay = await until('the reader overlay', () =>
          page.evaluate(() => document.querySelector('proxied-news-reader')?.shadowRoot?.textContent ?? undefined),
        );
        expect(overlay).toContain(want.title);
        expect(await article()).toBe(before);

        expect(await toggle(tab)).toEqual({ reader: false });
        expect(await modeOf(page)).toBe('cleaned');
        expect(await page.evaluate(() => document.querySelector('proxied-news-reader'))).toBeNull();
        expect(await article()).toBe(before);
        expect(await page.evaluate(() => window.scrollY)).toBe(y);
      });
    });

    it('a raw post viewed as text: the popup state has the article, the reader opens and closes', async () => {
      const title = rawPostTitle();
      expect(title.length).toBeGreaterThan(5);
      const page = await ext.open(`${RAW_POST_URL}?t=raw`, 'original');
      try {
        const tab = await ext.tabIdOf(page);
        const state = await ext.state(tab);
        expect(state.detection.kind).toBe('markdown-post');
        expect(state.article?.title).toBe(title);
        expect(state.mode).toBe('none');
        expect(await ext.sendToTab(tab, { type: 'pnr:toggle-reader' })).toEqual({ reader: true });
        const overlay = await until('the reader overlay', () =>
          page.evaluate(() => document.querySelector('proxied-news-reader')?.shadowRoot?.textContent ?? undefined),
        );
        expect(overlay).toContain(title);
        expect(await ext.sendToTab(tab, { type: 'pnr:toggle-reader' })).toEqual({ reader: false });
        // Nothing was cleaned on a text view, so no mode is left behind.
        expect(await modeOf(page)).toBeNull();
      } finally {
        await page.close();
      }
    });

    it('Esc inside the reader closes it and the page state follows', async () => {
      await withPage(ext.siteUrl(articlePath('ithome-tag-links')), 'original', async (page) => {
        await waitForMode(page, 'cleaned');
        const tab = await ext.tabIdOf(page);
        expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
        await page.keyboard.press('Escape');
        await waitForMode(page, 'cleaned');
        expect((await ext.state(tab)).mode).toBe('cleaned');
      });
    });
  });

  describe('any-page reader (Readability)', () => {
    let n = 0;
    const genericUrl = () => `${GENERIC_URL}?g=${++n}`;

    it('a page that is not a proxied-news article: the command opens its main text, off restores the page exactly', async () => {
      await withPage(genericUrl(), 'original', async (page) => {
        const tab = await ext.tabIdOf(page);
        const state = await ext.state(tab);
        expect(state.detection.detected).toBe(false);
        expect(state.article).toBeNull();
        const snapshot = () => page.evaluate(() => document.documentElement.outerHTML);
        const before = await snapshot();

        expect(await ext.background('onCommand', 'toggle-reader', { id: tab })).toEqual({ reader: true });
        expect(await modeOf(page)).toBe('reader');
        const shown = await until('the reader to show the page title', () => page.evaluate(readerView));
        expect(shown.title).toBe(GENERIC_TITLE);
        expect(shown.body).toContain('For most of their history lighthouses said one thing only');
        // Readability left the site chrome out.
        expect(shown.body).not.toContain('Elsewhere');

        expect(await ext.background('onCommand', 'toggle-reader', { id: tab })).toEqual({ reader: false });
        expect(await modeOf(page)).toBeNull();
        expect(await snapshot()).toBe(before);
      });
    });

    it('a page with nothing to read: the reader says so, the popup keeps "not a proxied-news article"', async () => {
      await withPage(`${EMPTY_URL}?e=${++n}`, 'original', async (page) => {
        const tab = await ext.tabIdOf(page);
        expect(await ext.sendToTab(tab, { type: 'pnr:toggle-reader' })).toEqual({ reader: true });
        const shown = await until('the reader to open', () => page.evaluate(readerView));
        expect(shown.body).toContain('Nothing on this page can be read in reader mode.');
        expect(await ext.sendToTab(tab, { type: 'pnr:toggle-reader' })).toEqual({ reader: false });
        expect(await modeOf(page)).toBeNull();

        const popup = await ext.openExtensionPage(`src/popup/index.html?tab=${tab}`);
        try {
          await until('the popup notice', () => popup.evaluate(() => document.querySelector('[data-testid=not-article]') !== null));
          expect(await popup.evaluate(() => document.querySelector('[data-testid=generic]'))).toBeNull();
        } finally {
          await popup.close();
        }
      });
    });

    it('Readability works on an inert copy: handlers in <noscript> images (parsed by Readability) never run', async () => {
      await withPage(`${NOSCRIPT_URL}?c=${++n}`, 'original', async (page) => {
        // Control: the page's own inline handlers can run here (no CSP).
        expect(
          await page.evaluate(() => {
            const img = document.createElement('img');
            img.setAttribute('onload', 'window.__pnrControl = 1');
            img.setAttribute('onerror', 'window.__pnrControl = 1');
            img.src = '/missing-' + Date.now() + '.png';
            document.body.append(img);
            return new Promise((resolve) =>
              setTimeout(() => {
                const v = (window as unknown as { __pnrControl?: number }).__pnrControl;
                img.remove();
                resolve(v);
              }, 1500),
            );
          }),
        ).toBe(1);
        const tab = await ext.tabIdOf(page);
        expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
        const shown = await until('the reader', () => page.evaluate(readerView));
        expect(shown.title).toBe(GENERIC_TITLE);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(await page.evaluate(() => (window as unknown as { __pnrCanary?: number }).__pnrCanary ?? null)).toBeNull();
      });
    });

    it("the site's own listing is not passed off as a generic article", async () => {
      await withPage(ext.siteUrl('/'), 'original', async (page) => {
        const tab = await ext.tabIdOf(page);
        const state = await ext.sendToTab<PageState>(tab, { type: 'pnr:get-generic' });
        expect(state.detection.kind).toBe('listing');
        expect(state.article).toBeNull();
        expect(state.generic).toBeUndefined();
        // While an ordinary page does get one (control).
        await withPage(genericUrl(), 'original', async (other) => {
          const generic = await ext.sendToTab<PageState>(await ext.tabIdOf(other), { type: 'pnr:get-generic' });
          expect(generic.generic).toBe(true);
          expect(generic.article?.title).toBe(GENERIC_TITLE);
          expect(generic.article?.theme).toBe('readability');
        });
      });
    });

    it('the popup labels it "Generic article (Readability)", copies it and toggles its reader', async () => {
      await withPage(genericUrl(), 'original', async (page) => {
        const tab = await ext.tabIdOf(page);
        const popup = await ext.openExtensionPage(`src/popup/index.html?tab=${tab}`);
        try {
          const shown = await until('the popup to show the generic article', () =>
            popup.evaluate(() => {
              const label = document.querySelector('[data-testid=generic]')?.textContent?.trim();
              const title = document.querySelector('[data-testid=title]')?.textContent?.trim();
              return label && title ? { label, title } : undefined;
            }),
          );
          expect(shown).toEqual({ label: 'Generic article (Readability)', title: GENERIC_TITLE });
          expect(await popup.evaluate(() => document.querySelector('[data-testid=not-article]'))).toBeNull();

          await popup.click('[data-action=copy-markdown]');
          const status = await until('the copy status', () =>
            popup.evaluate(() => {
              const el = document.querySelector('[data-testid=status]');
              return el?.textContent ? { text: el.textContent, error: el.classList.contains('status-error') } : undefined;
            }),
          );
          expect(status.error).toBe(false);

          await popup.click('[data-action=toggle-reader]');
          await waitForMode(page, 'reader');
          expect((await page.evaluate(readerView))?.title).toBe(GENERIC_TITLE);
        } finally {
          await popup.close();
        }
      });
    });
  });

  describe('reader features', () => {
    let n = 0;
    const genericUrl = () => `${GENERIC_URL}?f=${++n}`;

    it('settings apply at once: a theme stored as the options page does recolours the open reader', async () => {
      await setReaderPrefs({ theme: 'light' });
      try {
        await withPage(genericUrl(), 'original', async (page) => {
          const tab = await ext.tabIdOf(page);
          expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
          await until('the reader', () => page.evaluate(readerView));
          const light = await page.evaluate(readerLook);
          expect(light.theme).toBe('light');
          for (const theme of ['dark', 'sepia'] as const) {
            const before = await page.evaluate(readerLook);
            await setReaderPrefs({ theme });
            const after = await until(
              `the reader to turn ${theme}`,
              async () => {
                const now = await page.evaluate(readerLook);
                return now.theme === theme && now;
              },
              5_000,
            );
            expect(after.background).not.toBe(before.background);
          }
          // The text size too, through the same stored item.
          expect((await page.evaluate(readerLook)).fontSize).toBe('18px');
          await setReaderPrefs({ theme: 'sepia', fontSize: 24 });
          await until('the reader text at 24px', async () => (await page.evaluate(readerLook)).fontSize === '24px', 5_000);
          // Still open: applied live, not on the next opening.
          expect(await modeOf(page)).toBe('reader');
          expect((await page.evaluate(readerLook)).background).not.toBe(light.background);
        });
      } finally {
        await clearStorage();
      }
    });

    it('reading position: scrolled in the reader, closed and reopened, it comes back where it was', async () => {
      const url = genericUrl();
      try {
        await withPage(url, 'original', async (page) => {
          const tab = await ext.tabIdOf(page);
          await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true });
          await until('the reader', () => page.evaluate(readerView));
          const scrolled = await page.evaluate(() => {
            const el = document
              .querySelector('proxied-news-reader')!
              .shadowRoot!.querySelector<HTMLElement>('[data-testid=reader-scroller]')!;
            el.scrollTop = Math.round((el.scrollHeight - el.clientHeight) * 0.45);
            el.dispatchEvent(new Event('scroll'));
            return { top: el.scrollTop, max: el.scrollHeight - el.clientHeight };
          });
          expect(scrolled.max).toBeGreaterThan(1000);
          expect(scrolled.top).toBeGreaterThan(400);
          await ext.sendToTab(tab, { type: 'pnr:set-reader', on: false });
          await until('the position to be stored', () =>
            ext.inExtension(async () => {
              const got = await extensionApi(globalThis).storage.local.get('readingPositions');
              return Object.keys((got.readingPositions as object) ?? {}).length > 0 || undefined;
            }),
          );
          await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true });
          const restored = await until('the position to be restored', () =>
            page.evaluate(() => {
              const el = document
                .querySelector('proxied-news-reader')
                ?.shadowRoot?.querySelector<HTMLElement>('[data-testid=reader-scroller]');
              return el && el.scrollTop > 0 ? el.scrollTop : undefined;
            }),
          );
          // Restored by paragraph: within a paragraph's height or so of where the reader was.
          expect(Math.abs(restored - scrolled.top)).toBeLessThan(scrolled.max * 0.05 + 150);
        });
      } finally {
        await clearStorage();
      }
    });

    it('the options page edits the per-site list: add, switch, remove, all stored', async () => {
      await clearStorage();
      const page = await ext.openExtensionPage('src/options/index.html');
      try {
        await until('the empty site list', () => page.evaluate(() => document.querySelector('[data-testid=no-sites]') !== null));
        await page.type('[data-testid=add-site] input[name=host]', 'example.org');
        // The new site's switch starts as the form's checkbox says.
        const on = await page.evaluate(() => document.querySelector<HTMLInputElement>('[data-testid=add-site] input[name=on]')!.checked);
        await page.click('[data-testid=add-site] [data-action=add-site]');
        await until('the new row', () =>
          page.evaluate(() => document.querySelector('[data-testid=site-list]')?.textContent?.includes('example.org') || undefined),
        );
        expect(await storedSites()).toEqual({ 'example.org': on });

        await page.click('[data-testid=site-list] [data-setting=site-on]');
        await until('the switch to be stored', async () => JSON.stringify(await storedSites()) === JSON.stringify({ 'example.org': !on }));
        expect(await page.evaluate(() => document.querySelector<HTMLInputElement>('[data-setting=site-on]')?.checked)).toBe(!on);

        await page.click('[data-testid=site-list] [data-action=remove-site]');
        await until('the row to go', () => page.evaluate(() => document.querySelector('[data-testid=no-sites]') !== null));
        expect(await storedSites()).toEqual({});
      } finally {
        await page.close();
        await clearStorage();
      }
    });

    if (kind === 'chromium') {
      it('save as Markdown from the reader downloads a .md file with front matter (Chromium, CDP download dir)', async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'pnr-download-'));
        const cdp = await ext.browser.target().createCDPSession();
        try {
          await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
          const url = genericUrl();
          await withPage(url, 'original', async (page) => {
            const tab = await ext.tabIdOf(page);
            await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true });
            await until('the reader', () => page.evaluate(readerView));
            await clickInReader(page, '[data-action=save]');
            await clickInReader(page, '[data-action=save-markdown]');
            const file = await until(
              'the downloaded file',
              async () => {
                const done = readdirSync(dir).filter((f) => f.endsWith('.md'));
                return done[0];
              },
              10_000,
            );
            expect(file).toBe(`${GENERIC_TITLE}.md`);
            const text = readFileSync(path.join(dir, file), 'utf8');
            const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
            expect(front).not.toBeNull();
            expect(front![1]).toMatch(new RegExp(`^title: "?${GENERIC_TITLE}"?$`, 'm'));
            expect(front![1]).toMatch(/^source: /m);
            expect(front![1]).toContain(url);
            expect(text.slice(front![0].length)).toContain('For most of their history lighthouses said one thing only');
          });
        } finally {
          await cdp.detach().catch(() => undefined);
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });

  /** Store reader preferences the way the options page and the reader do (storage.sync `readerPrefs`). */
  async function setReaderPrefs(prefs: Record<string, unknown>): Promise<void> {
    await ext.inExtension(async (p: Record<string, unknown>) => {
      await extensionApi(globalThis).storage.sync.set({ readerPrefs: p });
    }, prefs);
  }

  async function clearStorage(): Promise<void> {
    await ext.inExtension(async () => {
      const api = extensionApi(globalThis);
      await api.storage.sync.clear();
      await api.storage.local.clear();
    });
  }

  /** The stored site overrides, merged from their shards `autoCleanSites.0`…`.15` (src/settings/schema.ts). */
  async function storedSites(): Promise<unknown> {
    return ext.inExtension(async () => {
      const items = await extensionApi(globalThis).storage.sync.get(null);
      const sites: Record<string, unknown> = {};
      for (const [key, shard] of Object.entries(items)) if (/^autoCleanSites\.\d+$/.test(key)) Object.assign(sites, shard);
      return sites;
    });
  }

  describe('background', () => {
    it('registers the "Toggle reader mode" page menu item and the Alt+Shift+R command', async () => {
      const found = await ext.inExtension(async () => {
        const api = extensionApi(globalThis);
        // update() rejects for an id that was never created: proof the install handler made it.
        let menu = true;
        try {
          await api.contextMenus.update('pnr-toggle-reader', {});
        } catch {
          menu = false;
        }
        const commands = await api.commands.getAll();
        return { menu, commands: commands.map((c) => ({ name: c.name, shortcut: c.shortcut })) };
      });
      expect(found.menu).toBe(true);
      const command = found.commands.find((c) => c.name === 'toggle-reader');
      expect(command).toBeDefined();
      // Whether the suggested key is granted is the browser's call (headless Chromium grants none).
      if (kind === 'firefox') expect(command?.shortcut).toBe('Alt+Shift+R');
    });
  });

  describe('options page', () => {
    it('runtime.openOptionsPage() opens the options page declared in the manifest, and it renders', async () => {
      await ext.inExtension(async () => {
        await extensionApi(globalThis).runtime.openOptionsPage();
      });
      const page = await until('the options tab', async () => {
        // The browser may open it in a new tab or reuse a blank one; Firefox's BiDi does not always report
        // moz-extension:// addresses in page.url(), so ask each document.
        for (const p of await ext.browser.pages()) {
          const href = await p.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(`${ext.origin}/src/options/index.html`)) return p;
        }
        return undefined;
      });
      try {
        const rendered = await until('the options page to render', () =>
          page.evaluate(() => (document.querySelector('#app')?.childElementCount ?? 0) > 0),
        );
        expect(rendered).toBe(true);
      } finally {
        await page.close();
      }
    });
  });

  describe('settings', () => {
    it('auto-clean off for the site: the page is left as served until "clean now"', async () => {
      await ext.inExtension(async () => {
        await extensionApi(globalThis).storage.sync.set({ autoCleanSites: { 'news.zfe.space': false } });
      });
      try {
        await withPage(ext.siteUrl(articlePath('stcn-stock-links')), 'original', async (page) => {
          const tab = await ext.tabIdOf(page);
          const state = await ext.state(tab);
          expect(state.autoClean).toEqual({ global: true, site: false });
          expect(state.mode).toBe('none');
          // The popup still gets the article.
          expect(state.article?.title).toBe(expected('stcn-stock-links').title);
          expect((await page.evaluate(readArticle, PROXY_MARK)).links).toEqual(expected('stcn-stock-links').linksBefore);
          expect(await ext.sendToTab(tab, { type: 'pnr:clean-now' })).toEqual({ cleaned: true });
          expect(await modeOf(page)).toBe('cleaned');
          expect((await page.evaluate(readArticle, PROXY_MARK)).links).toEqual(expected('stcn-stock-links').linksAfter);
        });
      } finally {
        await ext.inExtension(async () => {
          await extensionApi(globalThis).storage.sync.clear();
        });
      }
    });

    it('auto-clean switched off with the page open restores it as served (images mid-fallback too); on cleans it again', async () => {
      // 'proxy-only': the unwrapped originals fail and the fallback puts the proxy back, so its edits are undone too.
      ext.web.scenario = 'proxy-only';
      const page = await ext.newPage();
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('DOMContentLoaded', () => {
          (window as unknown as { __pnrBefore: string }).__pnrBefore = document.documentElement.outerHTML;
        });
      });
      const setSite = (on: boolean) =>
        ext.inExtension(async (value: boolean) => {
          await extensionApi(globalThis).storage.sync.set({ autoCleanSites: { 'news.zfe.space': value } });
        }, on);
      try {
        // No page scripts (CSP), so every change to the DOM is ours.
        await page.goto(ext.siteUrl(`/csp${articlePath('pmcaff-largest-page')}`), { waitUntil: 'load' });
        await waitForMode(page, 'cleaned');
        const snapshot = () =>
          page.evaluate(() => ({
            before: (window as unknown as { __pnrBefore: string }).__pnrBefore,
            now: document.documentElement.outerHTML,
            fallbacks: Array.from(document.querySelectorAll('article#post img')).filter((img) =>
              (img.getAttribute('src') ?? '').includes('cors.zfour.workers.dev'),
            ).length,
          }));
        // The fallback went back to the proxy for at least one image: there is something of its own to undo.
        await until('an image falling back to the proxy', async () => (await snapshot()).fallbacks > 0);
        expect((await snapshot()).now).not.toBe((await snapshot()).before);
        await setSite(false);
        await until('the page as served', async () => {
          const { before, now } = await snapshot();
          return now === before;
        });
        expect(await modeOf(page)).toBeNull();
        await setSite(true);
        await waitForMode(page, 'cleaned');
        expect((await page.evaluate(readArticle, PROXY_MARK)).links).toEqual(expected('pmcaff-largest-page').linksAfter);
      } finally {
        await page.close().catch(() => undefined);
        await ext.inExtension(async () => {
          await extensionApi(globalThis).storage.sync.clear();
        });
      }
    });
  });

  describe('popup', () => {
    it('popup.html?tab=<id> shows the title and categories of that tab', async () => {
      const want = expected('iplaysoft-keyword-links');
      await withPage(ext.siteUrl(articlePath('iplaysoft-keyword-links')), 'original', async (page) => {
        await waitForMode(page, 'cleaned');
        const tab = await ext.tabIdOf(page);
        const popup = await ext.openExtensionPage(`src/popup/index.html?tab=${tab}`);
        try {
          const shown = await until('the popup to show the article', () =>
            popup.evaluate(() => {
              const title = document.querySelector('[data-testid=title]')?.textContent?.trim();
              const categories = Array.from(document.querySelectorAll('[data-testid=categories] li')).map((li) =>
                (li.textContent ?? '').trim(),
              );
              return title ? { title, categories } : undefined;
            }),
          );
          expect(shown).toEqual({ title: want.title, categories: want.categories });
          expect(want.categories).toHaveLength(3);

          await popup.click('[data-action=toggle-reader]');
          await waitForMode(page, 'reader');
          const state: PageState = await ext.state(tab);
          expect(state.mode).toBe('reader');
        } finally {
          await popup.close();
        }
      });
    });
  });

  // Last, so it sees every request of every test above (vitest runs a file's tests in order).
  describe('no traffic of our own', () => {
    it('across this whole suite, extension contexts requested only their own files and pictures', () => {
      const log = ext.traffic.log;
      console.info(trafficTable(log, ext.traffic.ownOrigins));
      // The recorder saw the extension at work (its own files at least), or this proves nothing.
      expect(log.length).toBeGreaterThan(0);
      expectNoOwnTraffic(ext);
    });
  });
}

/** Only inside functions passed to ExtensionBrowser.inExtension (defined there, in the browser). */
declare function extensionApi(g: typeof globalThis): {
  storage: {
    sync: { get(key: string | null): Promise<Record<string, unknown>>; set(items: object): Promise<void>; clear(): Promise<void> };
    local: { get(key: string): Promise<Record<string, unknown>>; clear(): Promise<void> };
  };
  contextMenus: { update(id: string, props: object): Promise<void> };
  runtime: { openOptionsPage(): Promise<void> };
  commands: { getAll(): Promise<Array<{ name?: string; shortcut?: string }>> };
};

/** The reader's theme and the background colour it paints (its dialog fills the host). Runs in the page. */
function readerLook(): { theme: string; background: string; fontSize: string } {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  const dialog = shadow.querySelector('[data-testid=reader]')!;
  return {
    theme: (shadow.querySelector('.pnr-root') as HTMLElement).dataset.pnrTheme ?? '',
    // The host is `all: initial` (transparent); the dialog inside it paints the whole viewport.
    background: getComputedStyle(dialog).backgroundColor,
    fontSize: getComputedStyle(shadow.querySelector('[data-testid=reader-body]')!).fontSize,
  };
}

function rawPostTitle(): string {
  return extractPost(fixture('posts/ofweek-seed.md'), parseHtml('', RAW_POST_URL), { url: RAW_POST_URL }).title;
}
