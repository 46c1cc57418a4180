// Accessibility of everything the extension shows, checked by axe-core in a real Chromium (its own browser:
// one per file): the reader overlay in each theme with each panel open, on a proxied-news article and on an
// ordinary page (Readability), the popup for both, and the options page. WCAG 2.x A and AA rules.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './expectations';
import { genericPageHtml, GENERIC_TITLE } from './generic-page';
import { ExtensionBrowser, until } from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const ARTICLE_URL = 'https://news.zfe.space/p/pmcaff-largest-page.html';
const GENERIC_URL = 'https://harbour.example/2024/lighthouses.html';
/** The same article with no link and no picture: nothing in the reader's scroller can take focus but itself. */
const PLAIN_URL = 'https://harbour.example/2024/lighthouses-plain.html';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface AxeRun {
  violations: Violation[];
  /** Rules that found something to check: proof the scope was not empty. */
  checked: number;
}

/** Run axe in `page` on `include` (a selector; the reader's host brings its shadow tree along). */
async function runAxe(page: Page, include: string | null): Promise<AxeRun> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async (scope: string | null, tags: string[]) => {
      const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeResultsLike> } }).axe;
      interface AxeResultsLike {
        violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
        passes: unknown[];
      }
      const result = await axe.run(scope ? { include: [[scope]] } : document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'passes'],
      });
      return {
        violations: result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => JSON.stringify(n.target)),
        })),
        checked: result.passes.length + result.violations.length,
      };
    },
    include,
    TAGS,
  );
}

describe('accessibility (axe-core, Chromium)', () => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ext = await ExtensionBrowser.launch('chromium');
    ext.web.addPage(ARTICLE_URL, fixture('rendered/pmcaff-largest-page.html'));
    ext.web.addPage(GENERIC_URL, genericPageHtml());
    ext.web.addPage(
      PLAIN_URL,
      genericPageHtml()
        .replace(/ See <a [^>]*>[^<]*<\/a>\./g, '')
        .replace(/<figure>[\s\S]*?<\/figure>/, ''),
    );
  }, 120_000);

  afterAll(async () => {
    await ext
      ?.inExtension(async () => {
        const g = globalThis as unknown as { chrome: { storage: { sync: { clear(): Promise<void> } } } };
        await g.chrome.storage.sync.clear();
      })
      .catch(() => undefined);
    await ext?.close();
  });

  async function setTheme(theme: string): Promise<void> {
    await ext.inExtension(async (t: string) => {
      const g = globalThis as unknown as { chrome: { storage: { sync: { set(items: object): Promise<void> } } } };
      await g.chrome.storage.sync.set({ readerPrefs: { theme: t } });
    }, theme);
  }

  const pages = [
    { label: 'a proxied-news article', url: ARTICLE_URL },
    { label: 'an ordinary page (Readability)', url: GENERIC_URL },
  ];

  for (const { label, url } of pages) {
    it(`the reader on ${label}: no violations in any theme, with each panel open`, async () => {
      const page = await ext.open(`${url}?axe=${label.length}`);
      try {
        const tab = await ext.tabIdOf(page);
        expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
        await until('the reader', () =>
          page.evaluate(
            () => document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-testid=title]') !== null || undefined,
          ),
        );
        // The whole article: a long one comes in a group at a time, and its outline is found once it is all in.
        await until('the whole article in the reader', () =>
          page.evaluate(() => {
            const body = document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-testid=reader-body]');
            return (body && !body.hasAttribute('aria-busy')) || undefined;
          }),
        );
        for (const theme of ['light', 'sepia', 'dark']) {
          await setTheme(theme);
          await until(`the ${theme} theme`, () =>
            page.evaluate(
              (t: string) =>
                (document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('.pnr-root') as HTMLElement).dataset.pnrTheme ===
                  t || undefined,
              theme,
            ),
          );
          // The panels this article has (简/繁 only for Chinese text, the outline only with headings: its button is
          // off elsewhere), and none open.
          const panels = await page.evaluate(() =>
            Array.from(
              document.querySelector('proxied-news-reader')!.shadowRoot!.querySelectorAll<HTMLElement>('[data-panel]:not([disabled])'),
            ).map((b) => b.dataset.panel!),
          );
          // Listen too (headless Chromium has the engine, without voices: the panel still shows speed and voice).
          expect(panels).toEqual(
            expect.arrayContaining(['appearance', 'listen', 'save', 'keys', ...(url === ARTICLE_URL ? ['outline'] : [])]),
          );
          for (const panel of [null, ...panels]) {
            if (panel) {
              await page.evaluate((p: string) => {
                document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector<HTMLElement>(`[data-panel=${p}]`)!.click();
              }, panel);
              await until(`the ${panel} panel`, () =>
                page.evaluate(
                  (p: string) =>
                    document
                      .querySelector('proxied-news-reader')!
                      .shadowRoot!.querySelector(`[data-panel=${p}]`)!
                      .getAttribute('aria-expanded') === 'true' || undefined,
                  panel,
                ),
              );
            }
            const result = await runAxe(page, 'proxied-news-reader');
            expect(result.checked).toBeGreaterThan(5);
            expect({ theme, panel, violations: result.violations }).toEqual({ theme, panel, violations: [] });
            if (panel) {
              await page.evaluate((p: string) => {
                document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector<HTMLElement>(`[data-panel=${p}]`)!.click();
              }, panel);
            }
          }
          // ---- Lightbox (issue 11): open on the article's first picture, light and dark.
          if (url === ARTICLE_URL && theme !== 'sepia') {
            const lightboxOpen = () =>
              page.evaluate(() => !!document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-testid=lightbox]'));
            await page.evaluate(() => {
              document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector<HTMLElement>('[data-pnr-lightbox]')!.click();
            });
            await until('the lightbox', async () => (await lightboxOpen()) || undefined);
            const result = await runAxe(page, 'proxied-news-reader');
            expect({ theme, panel: 'lightbox', violations: result.violations }).toEqual({ theme, panel: 'lightbox', violations: [] });
            await page.keyboard.press('Escape');
            await until('the lightbox closed', async () => !(await lightboxOpen()) || undefined);
          }
        }
      } finally {
        await page.close();
      }
      // 3 themes × up to 7 panel states, each a full axe run (~1 s on 2 cores).
    }, 120_000);

    it(`the popup for ${label}: no violations`, async () => {
      const page = await ext.open(`${url}?axe-popup=${label.length}`);
      try {
        const tab = await ext.tabIdOf(page);
        const popup = await ext.openExtensionPage(`src/popup/index.html?tab=${tab}`);
        try {
          const title = await until('the popup to show the article', () =>
            popup.evaluate(() => document.querySelector('[data-testid=title]')?.textContent?.trim() || undefined),
          );
          if (url === GENERIC_URL) expect(title).toBe(GENERIC_TITLE);
          const result = await runAxe(popup, null);
          expect(result.checked).toBeGreaterThan(5);
          expect(result.violations).toEqual([]);
        } finally {
          await popup.close();
        }
      } finally {
        await page.close();
      }
    }, 40_000);
  }

  it('the reader on an article with no link and no picture: its scroller is reachable by keyboard (axe), quiet when focused on open', async () => {
    const page = await ext.open(PLAIN_URL);
    try {
      const tab = await ext.tabIdOf(page);
      expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
      await until('the reader', () =>
        page.evaluate(
          () => document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('[data-testid=title]') !== null || undefined,
        ),
      );
      const scroller = () =>
        page.evaluate(() => {
          const root = document.querySelector('proxied-news-reader')!.shadowRoot!;
          const el = root.querySelector<HTMLElement>('[data-testid=reader-scroller]')!;
          return {
            links: el.querySelectorAll('a[href], img').length,
            focused: root.activeElement === el,
            outline: getComputedStyle(el).outlineStyle,
          };
        });
      // Focused on open (once its first frame is out), with no ring around the whole article.
      await until('focus in the reader', async () => (await scroller()).focused || undefined);
      expect(await scroller()).toEqual({ links: 0, focused: true, outline: 'none' });
      const result = await runAxe(page, 'proxied-news-reader');
      expect(result.checked).toBeGreaterThan(5);
      expect(result.violations).toEqual([]);
      // Reached again with Tab (from the last control of the toolbar), it shows its ring.
      await page.bringToFront();
      await page.keyboard.press('Tab');
      expect((await scroller()).focused).toBe(false);
      for (let i = 0; i < 30 && !(await scroller()).focused; i++) await page.keyboard.press('Tab');
      const tabbed = await scroller();
      expect(tabbed.focused).toBe(true);
      expect(tabbed.outline).toBe('solid');
    } finally {
      await page.close();
    }
  }, 40_000);

  it('the options page: no violations', async () => {
    // Issue 11: a site profile with its own look, its controls opened, as when editing it.
    await ext.inExtension(async () => {
      const g = globalThis as unknown as { chrome: { storage: { sync: { set(items: object): Promise<void> } } } };
      await g.chrome.storage.sync.set({
        'siteProfiles.0': { 'news.zfe.space': { autoOpen: true, look: { theme: 'sepia', vertical: true }, script: 'traditional' } },
      });
    });
    const page = await ext.openExtensionPage('src/options/index.html');
    try {
      await until('the options page', () => page.evaluate(() => document.querySelector('[data-testid=options]') !== null || undefined));
      await until('the site profile', () =>
        page.evaluate(
          () =>
            document.querySelector('.profile-look')?.setAttribute('open', '') ??
            (document.querySelector('.profile-look') ? true : undefined),
        ),
      );
      const result = await runAxe(page, null);
      expect(result.checked).toBeGreaterThan(5);
      expect(result.violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
