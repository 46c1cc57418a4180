// Any Hexo theme, in real browsers (Chromium, then Firefox: one browser at a time, one per kind for the file):
// Volantis 6 and Butterfly renders of corpus posts read structurally and cleaned in place, family listing pages
// getting their pictures back without a word of text changing, and an ordinary Hexo blog left strictly alone.
// Pages are the fixtures of test/fixtures/themes (real Hexo renders), served on the fake web (fake-web.ts) with
// the page's own scripts kept out by CSP (which does not apply to extension content scripts), so every change
// of the DOM is the extension's and snapshots taken at DOMContentLoaded (before the document_idle content
// script) are the page as served.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageState } from '../../src/shared/messages';
import { expectNoOwnTraffic } from './extension-traffic';
import { PROXY_HOST, type Scenario } from './fake-web';
import { ExtensionBrowser, sleep, until, type BrowserKind } from './harness';
import { readerView } from './reader-view';

const SITE = 'https://news.zfe.space';
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');
const fixture = (relative: string) => readFileSync(path.join(FIXTURES, relative), 'utf8');
const NO_SCRIPTS = { 'content-security-policy': "script-src 'none'" };

/** Volantis 6.8.3 render of the seed post: proxied headimg/thumbnail and lazy (data-srcset) pictures, ofweek tag links. */
const SEED = { path: '/p/seed.html', fixture: 'themes/volantis6/article-ofweek-seed.html' };
const SEED_TITLE = '美的集团与中国移动签署战略合作框架协议，共建5G+新生态';
/** A sentence of the seed's body that runs straight into a tag link's word. */
const SEED_SENTENCE = '集团有限公司（中国移动）通过云签约方式签订战略合作框架协议';
/** Butterfly render: the picture is `src="data:…" data-lazy-src="https://cors.zfour.workers.dev/?http://…"`. */
const BUTTERFLY = { path: '/p/butterfly-zaker.html', fixture: 'themes/butterfly/article-header-beside-article.html' };
const BUTTERFLY_ORIGINAL = 'zkres2.myzaker.com/202206/62aaf81b8e9f09105561cb22_1024.jpg';
/** Volantis 6 home page of the family (its covers are picsum placeholders: the family mark, nothing proxied). */
const V6_HOME = { path: '/', fixture: 'themes/volantis6/listing-home.html' };
/** The family's real home page as news.zfe.space served it (Volantis 4): covers through the proxy. */
const REAL_HOME = { path: '/page/2/', fixture: 'listing/home.html' };
/** An ordinary Hexo blog (no family marks), rendered for the same address: served over http, so the browser
 * itself upgrades none of its http pictures (mixed content) and every picture request is the page's own. */
const ORDINARY = [
  { label: 'Landscape post with pictures', path: '/ordinary/trip.html', fixture: 'themes/ordinary/landscape-post-with-images.html' },
  { label: 'Volantis 6 home listing', path: '/ordinary/', fixture: 'themes/ordinary/volantis6-listing-home.html' },
] as const;

const ATTR = 'data-proxied-news-reader';

/** What the page looked like at DOMContentLoaded, and every value the mode attribute ever took. */
interface Before {
  html: string;
  /** The body's text nodes (outside script, style, noscript, template), joined. */
  text: string;
  links: number;
  /** Per `root img`, in document order: did the page write a proxy address into any of its sources? */
  proxied: boolean[];
  /** Per `root img`: its src attribute as served. */
  srcs: string[];
  /** Texts and hrefs of the tag links (`span.hrefStyle a`) in the root. */
  tags: Array<{ text: string; href: string }>;
  /** Absolute addresses of every picture the page names (img src/srcset/data-*, icons). */
  named: string[];
}

interface ImageNow {
  src: string;
  srcset: string;
  dataSrcset: string;
  currentSrc: string;
  complete: boolean;
  width: number;
}

function readImages(rootSelector: string): ImageNow[] {
  const root = document.querySelector(rootSelector);
  if (!root) throw new Error(`no ${rootSelector}`);
  return Array.from(root.querySelectorAll('img')).map((img) => ({
    src: img.getAttribute('src') ?? '',
    srcset: img.getAttribute('srcset') ?? '',
    dataSrcset: img.getAttribute('data-srcset') ?? '',
    currentSrc: img.currentSrc,
    complete: img.complete,
    width: img.naturalWidth,
  }));
}

/** The same text as `Before.text`, now. Runs in the page. */
function bodyText(): string {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('script, style, noscript, template') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) text += (node as Text).data;
  return text;
}

const modeOf = (page: Page) => page.evaluate((name: string) => document.documentElement.getAttribute(name), ATTR);

async function waitForMode(page: Page, mode: string, timeoutMs = 10_000): Promise<void> {
  await until(`${ATTR}="${mode}" on ${page.url()}`, async () => (await modeOf(page)) === mode, timeoutMs);
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
};

function themesSuite(kind: BrowserKind): void {
  let ext: ExtensionBrowser;
  let buildDir: string;

  beforeAll(async () => {
    // Our own build: another test run rebuilding dist/<target> cannot change it under us.
    buildDir = mkdtempSync(path.join(tmpdir(), `pnr-themes-${kind}-`));
    ext = await ExtensionBrowser.launch(kind, buildDir);
    for (const page of [SEED, BUTTERFLY, V6_HOME, REAL_HOME, ...ORDINARY]) {
      ext.web.addPage(`${SITE}${page.path}`, fixture(page.fixture), NO_SCRIPTS);
    }
  }, 120_000);

  afterAll(async () => {
    await ext?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  /**
   * Open `url` under `scenario` in a new tab, having the page record itself at DOMContentLoaded (before any
   * document_idle content script) and every value the mode attribute takes from the very start.
   * `root`: the part whose pictures and tag links are recorded.
   */
  async function openRecorded(url: string, scenario: Scenario, root: string): Promise<Page> {
    ext.web.scenario = scenario;
    const page = await ext.newPage();
    await page.evaluateOnNewDocument(
      (attr: string, rootSelector: string, proxyHost: string) => {
        const w = window as unknown as { __pnrModes: Array<string | null>; __pnrBefore: unknown };
        w.__pnrModes = [];
        new MutationObserver((records) => {
          for (const r of records) w.__pnrModes.push((r.target as Element).getAttribute(attr));
        }).observe(document, { subtree: true, attributes: true, attributeFilter: [attr] });
        document.addEventListener('DOMContentLoaded', () => {
          const scope = document.querySelector(rootSelector) ?? document.body;
          const sources = (el: Element) =>
            ['src', 'srcset', 'data-srcset', 'data-src', 'data-lazy-src', 'data-original'].map((n) => el.getAttribute(n) ?? '');
          const named = new Set<string>();
          const add = (value: string) => {
            for (const part of value.split(',')) {
              const url = part.trim().split(/\s+/)[0];
              if (!url || /^data:/i.test(url)) continue;
              try {
                named.add(new URL(url, document.baseURI).href);
              } catch {
                // not an address
              }
            }
          };
          for (const img of Array.from(document.querySelectorAll('img, source'))) for (const v of sources(img)) add(v);
          for (const link of Array.from(document.querySelectorAll('link[rel~="icon"], link[rel="apple-touch-icon"]')))
            add(link.getAttribute('href') ?? '');
          // Every text node the page shows or could show: innerText depends on layout and on CSS that a
          // page may still be waiting for at DOMContentLoaded (Firefox then gives textContent-like text).
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
            acceptNode: (node) =>
              node.parentElement?.closest('script, style, noscript, template') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
          });
          let text = '';
          for (let node = walker.nextNode(); node; node = walker.nextNode()) text += (node as Text).data;
          w.__pnrBefore = {
            html: document.documentElement.outerHTML,
            text,
            links: document.querySelectorAll('a').length,
            proxied: Array.from(scope.querySelectorAll('img')).map((img) => sources(img).some((v) => v.includes(proxyHost))),
            srcs: Array.from(scope.querySelectorAll('img')).map((img) => img.getAttribute('src') ?? ''),
            tags: Array.from(scope.querySelectorAll('span.hrefStyle a')).map((a) => ({
              text: a.textContent ?? '',
              href: a.getAttribute('href') ?? '',
            })),
            named: [...named],
          };
        });
      },
      ATTR,
      root,
      PROXY_HOST,
    );
    await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
    return page;
  }

  const before = (page: Page) => page.evaluate(() => (window as unknown as { __pnrBefore: Before }).__pnrBefore);
  const modesSeen = (page: Page) => page.evaluate(() => (window as unknown as { __pnrModes: Array<string | null> }).__pnrModes);

  async function withRecorded<T>(url: string, scenario: Scenario, root: string, fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await openRecorded(url, scenario, root);
    try {
      return await fn(page);
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  /** The tab's state as the popup gets it (this also proves the content script is there and answering). */
  async function stateOf(page: Page): Promise<{ tab: number; state: PageState }> {
    const tab = await ext.tabIdOf(page);
    return { tab, state: await ext.state(tab) };
  }

  describe('a Volantis 6 article, read structurally', () => {
    const worlds: Array<{ scenario: Scenario; label: string; loadedFrom: (url: string) => boolean }> = [
      { scenario: 'original', label: 'only the originals work', loadedFrom: (u) => /^https?:\/\//.test(u) && hostOf(u) !== PROXY_HOST },
      { scenario: 'proxy-only', label: 'only the proxy works', loadedFrom: (u) => u.startsWith(`https://${PROXY_HOST}/`) },
    ];

    it.each(worlds)(
      '$label: cleaned, every picture loads, tag links gone (words kept), reader on/off restores the page',
      async ({ scenario, loadedFrom }) => {
        await withRecorded(ext.siteUrl(SEED.path), scenario, 'article#post', async (page) => {
          await waitForMode(page, 'cleaned');
          const served = await before(page);
          // Something to clean, or this proves nothing: proxied pictures (two of them lazy) and ofweek tag links.
          const proxiedCount = served.proxied.filter(Boolean).length;
          expect(proxiedCount).toBeGreaterThanOrEqual(4);
          expect(served.tags.map((t) => t.text)).toEqual(expect.arrayContaining(['移动通信', '互联网', '5G网络']));

          // Pictures: each one the page proxied ends up loaded (not the lazy-load placeholder), from where this
          // world serves it; with originals working, every picture of the article loads and none keeps the proxy.
          const images = await until(
            `the article's pictures to load (${scenario})`,
            async () => {
              const now = await page.evaluate(readImages, 'article#post');
              if (now.length !== served.proxied.length) return undefined;
              const wanted = now.filter((img, i) => served.proxied[i] || scenario === 'original');
              return wanted.every((img) => img.complete && img.width > 0 && !img.currentSrc.startsWith('data:')) && now;
            },
            20_000,
          );
          for (const [i, img] of images.entries()) {
            if (!served.proxied[i]) continue;
            expect({ i, currentSrc: img.currentSrc, loadedFrom: loadedFrom(img.currentSrc) }).toEqual({
              i,
              currentSrc: img.currentSrc,
              loadedFrom: true,
            });
          }
          if (scenario === 'original') {
            const kept = images.filter((img) => [img.src, img.srcset, img.dataSrcset].some((v) => v.includes(PROXY_HOST)));
            expect(kept).toEqual([]);
          }

          // Tag links: no link left to any of them, and their words are still in the body's text.
          const article = await page.evaluate(() => {
            const root = document.querySelector('article#post')!;
            return { hrefs: Array.from(root.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')), text: root.textContent ?? '' };
          });
          for (const tag of served.tags) {
            expect(article.hrefs).not.toContain(tag.href);
            expect(article.text).toContain(tag.text);
          }
          expect(article.text.replace(/\s+/g, '')).toContain(SEED_SENTENCE);

          // Reader through the background's command handler (headless browsers fire no real shortcut).
          const { tab } = await stateOf(page);
          const whole = () => page.evaluate(() => document.documentElement.outerHTML);
          const cleanedPage = await whole();
          expect(await ext.background('onCommand', 'toggle-reader', { id: tab })).toEqual({ reader: true });
          expect(await modeOf(page)).toBe('reader');
          const shown = await until('the reader overlay', async () => {
            const view = await page.evaluate(readerView);
            return view && view.body.length > 0 ? view : undefined;
          });
          expect(shown.title).toBe(SEED_TITLE);
          expect(shown.body.replace(/\s+/g, '')).toContain(SEED_SENTENCE);
          for (const tag of served.tags) expect(shown.body).toContain(tag.text);
          expect(await ext.background('onCommand', 'toggle-reader', { id: tab })).toEqual({ reader: false });
          expect(await modeOf(page)).toBe('cleaned');
          expect(await page.evaluate(() => document.querySelector('proxied-news-reader'))).toBeNull();
          expect(await whole()).toBe(cleanedPage);
          // The recorder of the mark saw it all (the control for "never marked" below).
          expect(await modesSeen(page)).toEqual(expect.arrayContaining(['cleaned', 'reader']));
        });
      },
    );
  });

  describe('another theme: Butterfly', () => {
    it('a lazy picture (data: src, proxied data-lazy-src) is cleaned and loads from its original', async () => {
      await withRecorded(ext.siteUrl(BUTTERFLY.path), 'original', '#article-container', async (page) => {
        await waitForMode(page, 'cleaned');
        const served = await before(page);
        expect(served.html).toMatch(
          /src="data:image\/gif;base64,[^"]*" data-lazy-src="https:\/\/cors\.zfour\.workers\.dev\/\?http:\/\/zkres2\.myzaker\.com/,
        );
        const index = served.proxied.indexOf(true);
        expect(index).toBeGreaterThanOrEqual(0);
        const img = await until(
          'the picture to load',
          async () => {
            const now = (await page.evaluate(readImages, '#article-container'))[index];
            return now && now.complete && now.width > 0 && !now.currentSrc.startsWith('data:') && now;
          },
          20_000,
        );
        expect(img.currentSrc).toMatch(new RegExp(`^https?://${BUTTERFLY_ORIGINAL.replace(/[.]/g, '\\.')}$`));
        expect(img.src).not.toContain(PROXY_HOST);
        const { state } = await stateOf(page);
        expect(state.article?.title).toBe('微软、英特尔警告：Win11_10_8.1 存在 MMIO 陈旧数据漏洞');
      });
    });
  });

  describe('listing pages of the family: pictures back, text untouched', () => {
    it('Volantis 6 home: marked "images", text, links and markup as served; the popup lists its posts', async () => {
      await withRecorded(ext.siteUrl(V6_HOME.path), 'original', 'body', async (page) => {
        await waitForMode(page, 'images');
        const served = await before(page);
        expect(served.text.length).toBeGreaterThan(500);
        const now = {
          html: await page.evaluate(() => document.documentElement.outerHTML),
          text: await page.evaluate(bodyText),
          links: await page.evaluate(() => document.querySelectorAll('a').length),
        };
        expect(now.text).toBe(served.text);
        expect(now.links).toBe(served.links);
        // Nothing on this page is proxied (its covers are placeholders), so nothing but the mark may change.
        expect(now.html.replace(` ${ATTR}="images"`, '')).toBe(served.html);
        // A listing is never taken for an article, not even for a moment.
        expect(new Set(await modesSeen(page))).toEqual(new Set(['images']));

        const { tab, state } = await stateOf(page);
        expect(state.mode).toBe('images');
        expect(state.article).toBeNull();
        const popup = await ext.openExtensionPage(`src/popup/index.html?tab=${tab}`);
        try {
          const entries = await until('the popup to list the posts', () =>
            popup.evaluate(() => {
              const items = Array.from(document.querySelectorAll('[data-testid=listing] ol.listing-entries > li'));
              return items.length
                ? items.map((li) => ({
                    href: li.querySelector('a')?.href ?? '',
                    title: li.querySelector('a')?.textContent?.trim() ?? '',
                    meta: li.querySelector('.listing-meta')?.textContent?.trim() ?? '',
                  }))
                : undefined;
            }),
          );
          expect(entries.length).toBeGreaterThanOrEqual(5);
          for (const e of entries) {
            const url = new URL(e.href);
            expect({ origin: url.origin, post: url.pathname.startsWith('/p/'), titled: e.title.length > 1 }).toEqual({
              origin: SITE,
              post: true,
              titled: true,
            });
            // feed · date
            expect(e.meta).toMatch(/^.+ · .+$/);
          }
          expect(new Set(entries.map((e) => e.href)).size).toBe(entries.length);
          expect(await popup.evaluate(() => document.querySelector('[data-testid=not-article]'))).toBeNull();
          expect(await popup.evaluate(() => document.querySelector('[data-testid=listing] [data-testid=mode]') !== null)).toBe(true);
        } finally {
          await popup.close();
        }
      });
    });

    it("the family's real home page: every proxied cover points at its original and loads; text and links as served", async () => {
      await withRecorded(ext.siteUrl(REAL_HOME.path), 'original', 'body', async (page) => {
        await waitForMode(page, 'images');
        const served = await before(page);
        const covers = served.proxied.flatMap((p, i) => (p ? [i] : []));
        expect(covers.length).toBeGreaterThanOrEqual(2);
        const images = await until(
          'the covers to load',
          async () => {
            const now = await page.evaluate(readImages, 'body');
            return now.length === served.proxied.length && covers.every((i) => now[i]!.complete && now[i]!.width > 0) && now;
          },
          20_000,
        );
        for (const i of covers) {
          const img = images[i]!;
          // The original: what the proxy address carried, as written (http); the browser may load it over https.
          const target = served.srcs[i]!.split(`${PROXY_HOST}/?`)[1] ?? '';
          expect(target).toMatch(/^http:\/\//);
          expect(img.src).not.toContain(PROXY_HOST);
          expect(img.src.replace(/^https?:/, '')).toBe(target.replace(/^https?:/, ''));
          expect(img.currentSrc.replace(/^https?:/, '')).toBe(target.replace(/^https?:/, ''));
        }
        const now = { text: await page.evaluate(bodyText), links: await page.evaluate(() => document.querySelectorAll('a').length) };
        expect(now.text).toBe(served.text);
        expect(now.links).toBe(served.links);
        expect(new Set(await modesSeen(page))).toEqual(new Set(['images']));
      });
    });
  });

  describe('an ordinary Hexo blog is left completely alone', () => {
    it.each(ORDINARY)('$label: never marked, DOM as served, only its own pictures requested', async ({ path: pathname }) => {
      const mark = ext.web.log.length;
      await withRecorded(ext.siteUrl(pathname, 'http'), 'original', 'body', async (page) => {
        // The content script is there and answers (this loads its controller too): it found nothing of ours.
        const { state } = await stateOf(page);
        expect(state.detection.detected).toBe(false);
        expect((state.detection as { family?: boolean }).family ?? false).toBe(false);
        expect(state.article).toBeNull();
        expect(state.listing).toBeUndefined();
        expect(state.mode).toBe('none');
        await sleep(1500);
        const served = await before(page);
        expect(served.html.length).toBeGreaterThan(1000);
        expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(served.html);
        expect(await modeOf(page)).toBeNull();
        expect(await modesSeen(page)).toEqual([]);
        const pictures = ext.web
          .since(mark)
          .filter((r) => r.kind === 'image' || r.kind === 'media')
          .map((r) => r.url);
        expect(pictures.length).toBeGreaterThan(0);
        const named = new Set(served.named);
        // Browsers ask for /favicon.ico of their own accord.
        const strangers = pictures.filter((u) => !named.has(u) && new URL(u).pathname !== '/favicon.ico');
        expect(strangers).toEqual([]);
        expect(pictures.filter((u) => hostOf(u) === PROXY_HOST)).toEqual([]);
      });
    });
  });

  describe('no traffic of our own', () => {
    it('across this file, extension contexts requested only their own files and pictures', () => {
      // Chromium's recorder sees the extension load its own files (proof it was listening); Firefox's records
      // only requests beyond them (extension-traffic.ts), and nothing here shows an article's pictures again.
      if (kind === 'chromium') expect(ext.traffic.log.length).toBeGreaterThan(0);
      expectNoOwnTraffic(ext);
    });
  });
}

describe('Hexo themes in Chromium', () => themesSuite('chromium'));
describe('Hexo themes in Firefox', () => themesSuite('firefox'));
