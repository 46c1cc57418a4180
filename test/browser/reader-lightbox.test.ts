// The picture lightbox (issue 11 item 2) in real Chromium and Firefox, on a fixture article with nine proxied
// pictures (sanjie-proxied-images): opened by a real click on a picture, shown at its own pixels at 100 %, ←/→ with
// wrapping, Esc closing the lightbox and then, on the next Esc, the reader. Under "only the proxy works" the reader's
// picture ends on the proxy after its originals fail: the lightbox shows that address and asks for no dead one again.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageCandidates } from '../../src/core/media';
import { solidPng } from '../../scripts/make-icons.mjs';
import { fixture } from './expectations';
import { PROXY_HOST } from './fake-web';
import { clickInReader, ExtensionBrowser, until, type BrowserKind } from './harness';

const NAME = 'sanjie-proxied-images';
const COUNT = 9;
/** The first picture as the article writes it once unwrapped (http), and its chain: https, http, the proxy. */
const FIRST = 'http://www.3ycy.com/rs/stimg/1160w/d3gzLnNpbmFpbWcuY24vbGFyZ2UvMDA1Tkp0Y2RneTFnbGF5bTE2MmdpajMxbzAyODBoZHUuanBn0';
const CHAIN = imageCandidates(FIRST);
/** Larger than the window, so fit and 100 % differ. */
const BIG = { width: 1800, height: 1200 };
const VIEWPORT = { width: 1200, height: 800 };

interface LightboxState {
  open: boolean;
  count: string | null;
  src: string | null;
  naturalWidth: number;
  width: number;
  zoom: string | null;
  stageScrolls: boolean;
  /** The reader's focused element: its data-action, or `picture:<n>` for the article's n-th picture (1-based). */
  focus: string | null;
}

/** Runs in the page: what the reader's lightbox shows. */
function lightboxState(): LightboxState {
  const shadow = document.querySelector('proxied-news-reader')?.shadowRoot;
  const box = shadow?.querySelector('[data-testid=lightbox]');
  const img = shadow?.querySelector<HTMLImageElement>('[data-testid=lightbox-img]');
  const stage = shadow?.querySelector<HTMLElement>('[data-testid=lightbox-stage]');
  const active = shadow?.activeElement ?? null;
  const pictures = shadow ? Array.from(shadow.querySelectorAll('.pnr-body img')) : [];
  const at = active ? pictures.indexOf(active) : -1;
  return {
    open: !!box,
    count: shadow?.querySelector('[data-testid=lightbox-count]')?.textContent ?? null,
    src: img && img.complete && img.naturalWidth > 0 ? img.currentSrc : null,
    naturalWidth: img?.naturalWidth ?? 0,
    width: img?.getBoundingClientRect().width ?? 0,
    zoom: stage?.dataset.zoom ?? null,
    stageScrolls: !!stage && stage.scrollWidth > stage.clientWidth,
    focus: at >= 0 ? `picture:${at + 1}` : (active?.getAttribute('data-action') ?? null),
  };
}

function suite(kind: BrowserKind): void {
  describe(`the picture lightbox in ${kind}`, () => {
    let ext: ExtensionBrowser;

    beforeAll(async () => {
      ext = await ExtensionBrowser.launch(kind);
      ext.web.addPage(`https://news.zfe.space/p/${NAME}.html`, fixture(`rendered/${NAME}.html`));
      // The first picture's original over https: a large picture (the scenario does not apply to added pages).
      ext.web.addPage(CHAIN[0]!, solidPng(BIG.width, BIG.height, [70, 120, 170]), { 'content-type': 'image/png' });
    }, 120_000);

    afterAll(async () => {
      await ext?.close();
    });

    /** The reader open, its `nth` picture (1-based) loaded and a control, marked `data-test-pick` for the clicks. */
    async function openReader(scenario: 'original' | 'proxy-only', nth: number, touch = false): Promise<Page> {
      const page = await ext.open(ext.siteUrl(`/p/${NAME}.html`), scenario);
      // A touch screen is set by reloading the page (puppeteer): waited for until cleaned again.
      await page.setViewport({ ...VIEWPORT, hasTouch: touch });
      if (touch)
        await until('the page cleaned with a touch screen', () =>
          page.evaluate(
            () => (navigator.maxTouchPoints > 0 && document.documentElement.dataset.proxiedNewsReader === 'cleaned') || undefined,
          ),
        );
      const tab = await ext.tabIdOf(page);
      expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
      // Loaded through whatever its chain needed, and made a control.
      await until(
        `picture ${nth}, loaded and ready to open`,
        () =>
          page.evaluate((n: number) => {
            const img = document.querySelector('proxied-news-reader')?.shadowRoot?.querySelectorAll<HTMLImageElement>('.pnr-body img')[
              n - 1
            ];
            img?.scrollIntoView();
            img?.setAttribute('data-test-pick', '');
            return (img?.complete && img.naturalWidth > 0 && img.getAttribute('data-pnr-lightbox') === 'button') || undefined;
          }, nth),
        20_000,
      );
      return page;
    }

    const state = (page: Page) => page.evaluate(lightboxState);
    const loadedInReader = (page: Page) =>
      page.evaluate(
        () => document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector<HTMLImageElement>('[data-test-pick]')!.currentSrc,
      );
    /** The lightbox once `check` holds; on a time-out the error says what it showed last. */
    const settled = async (page: Page, what: string, check: (s: LightboxState) => boolean) => {
      let last: LightboxState | null = null;
      try {
        return await until(
          what,
          async () => {
            last = await state(page);
            return check(last) ? last : undefined;
          },
          20_000,
        );
      } catch (error) {
        throw new Error(`${String(error)}; the lightbox showed last: ${JSON.stringify(last)}`);
      }
    };

    it('opens on a click, 100 % shows the picture’s own pixels, ←/→ wrap, Esc closes it and then the reader', async () => {
      const page = await openReader('original', 1);
      try {
        // Firefox upgrades the http address to https itself and keeps calling it http (currentSrc): either original.
        const inReader = await loadedInReader(page);
        expect(CHAIN.slice(0, 2)).toContain(inReader);
        await clickInReader(page, '[data-test-pick]');
        const fit = await settled(page, 'the lightbox with its picture', (s) => s.src !== null);
        expect(fit).toMatchObject({ open: true, count: `1 / ${COUNT}`, src: inReader, naturalWidth: BIG.width, zoom: 'fit' });
        expect(fit.focus).toBe('lightbox-close');
        // Fitted inside the window.
        expect(fit.width).toBeLessThan(VIEWPORT.width);
        expect(fit.stageScrolls).toBe(false);

        await clickInReader(page, '[data-action=lightbox-zoom]');
        const full = await settled(page, '100 %', (s) => s.zoom === 'full');
        expect(full.width).toBeCloseTo(full.naturalWidth, 0);
        expect(full.stageScrolls).toBe(true);
        // A click on the picture fits it again.
        await clickInReader(page, '[data-testid=lightbox-img]');
        expect((await settled(page, 'fit again', (s) => s.zoom === 'fit')).width).toBeLessThan(VIEWPORT.width);

        await page.keyboard.press('ArrowRight');
        await settled(page, 'the second picture', (s) => s.count === `2 / ${COUNT}` && s.src !== null);
        await page.keyboard.press('ArrowLeft');
        await settled(page, 'the first again', (s) => s.count === `1 / ${COUNT}`);
        await page.keyboard.press('ArrowLeft');
        const last = await settled(page, 'the last picture (wrapped)', (s) => s.count === `${COUNT} / ${COUNT}` && s.src !== null);
        expect(last.src).not.toBe(inReader);

        await page.keyboard.press('Escape');
        const closed = await settled(page, 'the lightbox closed', (s) => !s.open);
        // Focus back on the picture shown last; the reader is still open.
        expect(closed.focus).toBe(`picture:${COUNT}`);
        expect(await page.evaluate(() => !!document.querySelector('proxied-news-reader'))).toBe(true);
        await page.keyboard.press('Escape');
        await until('the reader closed', () => page.evaluate(() => !document.querySelector('proxied-news-reader') || undefined));
      } finally {
        await page.close();
      }
    }, 90_000);

    if (kind === 'chromium')
      it('on a touch screen: a tap opens it, a swipe left shows the next picture, a swipe down closes it', async () => {
        const page = await openReader('original', 1, true);
        try {
          const at = await page.evaluate(() => {
            const img = document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-test-pick]')!;
            img.scrollIntoView({ block: 'center' });
            const r = img.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          });
          await page.touchscreen.tap(at.x, at.y);
          await settled(page, 'the lightbox with its picture', (s) => s.count === `1 / ${COUNT}` && s.src !== null);
          // Real touch events: the stage must let a sideways drag through as pointer events (touch-action).
          const swipe = async (dx: number, dy: number) => {
            const [x, y] = [VIEWPORT.width / 2, VIEWPORT.height / 2];
            await page.touchscreen.touchStart(x, y);
            for (let i = 1; i <= 4; i++) await page.touchscreen.touchMove(x + (dx * i) / 4, y + (dy * i) / 4);
            await page.touchscreen.touchEnd();
          };
          await swipe(-200, 0);
          const next = await settled(page, 'the second picture', (s) => s.count === `2 / ${COUNT}`);
          expect(next.zoom).toBe('fit');
          await swipe(200, 0);
          await settled(page, 'the first again', (s) => s.count === `1 / ${COUNT}`);
          await swipe(0, 250);
          const closed = await settled(page, 'the lightbox closed', (s) => !s.open);
          expect(closed.focus).toBe('picture:1');
        } finally {
          await page.close();
        }
      }, 90_000);

    it('only the proxy works: the lightbox shows the proxy address the reader ended on, and asks no dead address again', async () => {
      // The second picture: the first one's https original is served whatever the scenario (added above).
      const page = await openReader('proxy-only', 2);
      try {
        const inReader = await loadedInReader(page);
        expect(new URL(inReader).host).toBe(PROXY_HOST);
        const chain = imageCandidates(inReader);
        expect(chain).toHaveLength(3);
        expect(chain.at(-1)).toBe(inReader);
        // Its originals were tried and failed before the proxy.
        const dead = chain.slice(0, -1);
        expect(ext.web.log.filter((entry) => dead.includes(entry.url) && !entry.ok).length).toBeGreaterThan(0);
        const mark = ext.web.log.length;
        await clickInReader(page, '[data-test-pick]');
        const shown = await settled(page, 'the lightbox with its picture', (s) => s.src !== null);
        expect(shown).toMatchObject({ open: true, count: `2 / ${COUNT}`, src: inReader });
        expect(shown.naturalWidth).toBeGreaterThan(0);
        // Not asked for again.
        expect(ext.web.since(mark).filter((entry) => dead.includes(entry.url))).toEqual([]);
        await page.keyboard.press('Escape');
        await settled(page, 'the lightbox closed', (s) => !s.open);
      } finally {
        await page.close();
      }
    }, 90_000);
  });
}

suite('chromium');
suite('firefox');
