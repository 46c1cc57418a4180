// The reader's outline and keyboard (issue 11 items 1 and 3) in real browsers. The outline in Chromium and Firefox:
// the panel lists the headings (iplaysoft: h3 with h4 under them) or the bold lead lines (stcn), a click scrolls
// the reader there and moves the focus to the heading, the section in view is marked (aria-current) as the reader
// scrolls; an article without headings has the button off with its reason. The keys in Chromium: j/k move a
// visible focus paragraph by paragraph, o opens the outline (Enter on an entry jumps), ? shows the list, Esc closes
// the panel and then the reader, and the page hears none of it while the reader is open, all of it once closed.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './expectations';
import { clickInReader, ExtensionBrowser, until, type BrowserKind } from './harness';
import { readerView } from './reader-view';

/** h3 sections with h4 under them, 15 entries, pictures between them. */
const HEADINGS = 'iplaysoft-keyword-links';
/** Five bold lead lines and no heading. */
const LEADS = 'stcn-stock-links';
/** No heading, no lead line. */
const PLAIN = 'ithome-tag-links';

// ---- Run in the page (the reader's shadow root is open).

interface OutlineState {
  entries: Array<{ text: string; nested: boolean; current: boolean }>;
  /** The focused element inside the reader. */
  focus: { tag: string; text: string; nav: boolean; ring: string } | null;
  scrollTop: number;
  open: string | null;
}

function outlineState(): OutlineState {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  const active = shadow.activeElement as HTMLElement | null;
  const style = active ? getComputedStyle(active) : null;
  return {
    entries: Array.from(shadow.querySelectorAll<HTMLElement>('[data-testid=outline] button')).map((b) => ({
      text: b.textContent ?? '',
      nested: b.parentElement!.parentElement!.parentElement!.localName === 'li',
      current: b.getAttribute('aria-current') === 'location',
    })),
    focus: active
      ? {
          tag: active.localName,
          text: (active.textContent ?? '').trim().slice(0, 40),
          nav: active.hasAttribute('data-pnr-nav'),
          ring: style ? `${style.outlineStyle} ${style.outlineWidth}` : '',
        }
      : null,
    scrollTop: shadow.querySelector('.pnr-scroller')!.scrollTop,
    open: shadow.querySelector('[aria-expanded=true]')?.getAttribute('data-panel') ?? null,
  };
}

/** Where the body's outline element `index` (its heading or lead) lies: its top below the scroller's top (px). */
function entryOffset(index: number): number {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  const text = shadow.querySelectorAll('[data-testid=outline] button')[index]!.textContent;
  const body = shadow.querySelector('[data-testid=reader-body]')!;
  const el = Array.from(body.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6, p')).find(
    (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim() === text,
  )!;
  return el.getBoundingClientRect().top - shadow.querySelector('.pnr-scroller')!.getBoundingClientRect().top;
}

/** In vertical writing: how far outline element `index`'s right edge (where its column starts) is left of the
 *  scroller's right edge (px). */
function entryRightOffset(index: number): number {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  const text = shadow.querySelectorAll('[data-testid=outline] button')[index]!.textContent;
  const body = shadow.querySelector('[data-testid=reader-body]')!;
  const el = Array.from(body.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6, p')).find(
    (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim() === text,
  )!;
  return shadow.querySelector('.pnr-scroller')!.getBoundingClientRect().right - el.getBoundingClientRect().right;
}

/** Scrolls the reader (as a script would: no pin on the jumped-to entry is released by this) so that outline element
 *  `index` sits `below` px under the scroller's top; null scrolls to the top. */
function scrollEntryTo(index: number | null, below: number): void {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  const scroller = shadow.querySelector<HTMLElement>('.pnr-scroller')!;
  if (index === null) {
    scroller.scrollTop = 0;
    return;
  }
  const text = shadow.querySelectorAll('[data-testid=outline] button')[index]!.textContent;
  const body = shadow.querySelector('[data-testid=reader-body]')!;
  const el = Array.from(body.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6, p')).find(
    (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim() === text,
  )!;
  scroller.scrollTop += el.getBoundingClientRect().top - scroller.getBoundingClientRect().top - below;
}

/** Makes the last picture before outline element `index` `by` px taller, as a late picture does; false if none. */
function growPictureAbove(index: number, by: number): boolean {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  const text = shadow.querySelectorAll('[data-testid=outline] button')[index]!.textContent;
  const body = shadow.querySelector('[data-testid=reader-body]')!;
  const el = Array.from(body.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6, p')).find(
    (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim() === text,
  )!;
  const before = Array.from(body.querySelectorAll('img')).filter(
    (img) => img.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING,
  );
  const img = before[before.length - 1];
  if (!img) return false;
  img.style.height = `${img.getBoundingClientRect().height + by}px`;
  return true;
}

const currentOf = (s: OutlineState) => s.entries.findIndex((e) => e.current);

function outlineSuite(kind: BrowserKind): void {
  describe(`outline in ${kind}`, () => {
    let ext: ExtensionBrowser;

    beforeAll(async () => {
      ext = await ExtensionBrowser.launch(kind);
      for (const name of [HEADINGS, LEADS, PLAIN])
        ext.web.addPage(`https://news.zfe.space/p/${name}.html`, fixture(`rendered/${name}.html`));
    }, 120_000);

    afterAll(async () => {
      await ext?.close();
    });

    async function openReader(name: string): Promise<Page> {
      const page = await ext.open(ext.siteUrl(`/p/${name}.html`));
      await until(`${name} cleaned`, () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'));
      const tab = await ext.tabIdOf(page);
      expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
      await until('the reader, whole', () => page.evaluate(readerView));
      // In front, as a reader being read is: a background tab gets no animation frames (Firefox), so no scroll
      // updates either.
      await page.bringToFront();
      expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
      return page;
    }

    it('headings: nested entries; the section in view is marked while scrolling; a click jumps there with the focus', async () => {
      const page = await openReader(HEADINGS);
      try {
        await clickInReader(page, '[data-action=outline]');
        const listed = await until('the outline', async () => {
          const s = await page.evaluate(outlineState);
          return s.entries.length > 0 && s;
        });
        expect(listed.open).toBe('outline');
        expect(listed.entries).toHaveLength(15);
        expect(listed.entries[0]).toEqual({ text: '全平台免费好用的 OCR 扫描识别 / 图片转文字工具', nested: false, current: false });
        expect(listed.entries[2]).toEqual({ text: '支持表格识别、公式识别、PDF 提取文字', nested: true, current: false });

        // Scrolling: each heading brought near the top becomes the current section (pictures may still be moving
        // things as they load: the heading is put back in place until the mark follows).
        for (const index of [9, 2, 12]) {
          await until(`entry ${index} current`, async () => {
            await page.evaluate(scrollEntryTo, index, 10);
            await new Promise((r) => setTimeout(r, 150));
            const s = await page.evaluate(outlineState);
            return currentOf(s) === index && s.entries.filter((e) => e.current).length === 1;
          });
        }
        // Above the first heading, no section.
        await page.evaluate(scrollEntryTo, null, 0);
        await until('no current section at the top', async () => currentOf(await page.evaluate(outlineState)) === -1);

        // A click: the reader scrolls the heading to its top (smoothly), the focus goes to it, the entry is current.
        const target = 5;
        await clickInReader(page, `[data-outline-index="${target}"]`);
        // While the reader scrolls there, a picture above it arrives late and grows (lazy pictures do; the test web's
        // pictures are 24 px icons, so the growth is made here): the heading still ends at the top, and stays.
        expect(await page.evaluate(growPictureAbove, target, 300)).toBe(true);
        const jumped = await until('the jump', async () => {
          const s = await page.evaluate(outlineState);
          const offset = await page.evaluate(entryOffset, target);
          return Math.abs(offset - 16) <= 2 && s.focus?.text === listed.entries[target]!.text && s;
        });
        expect(jumped.focus).toMatchObject({ tag: 'h4', nav: true });
        expect(currentOf(jumped)).toBe(target);
        await new Promise((r) => setTimeout(r, 500));
        expect(Math.abs((await page.evaluate(entryOffset, target)) - 16)).toBeLessThanOrEqual(2);
        // The panel stays open beside the article.
        expect(jumped.open).toBe('outline');
      } finally {
        await page.close();
      }
    }, 90_000);

    it('bold lead lines: the five leads are the outline, and a click brings the third to the top', async () => {
      const page = await openReader(LEADS);
      try {
        await clickInReader(page, '[data-action=outline]');
        const s = await until('the outline', async () => {
          const now = await page.evaluate(outlineState);
          return now.entries.length > 0 && now;
        });
        expect(s.entries.map((e) => e.text)).toEqual([
          '定增市场有所回暖',
          '增发后上市公司业绩增速大幅提升',
          '近十年财通基金定增投入资金最多',
          '定增红利日渐收窄',
          '高估值项目需谨慎',
        ]);
        await clickInReader(page, '[data-outline-index="2"]');
        const jumped = await until('the jump', async () => {
          const now = await page.evaluate(outlineState);
          const offset = await page.evaluate(entryOffset, 2);
          return Math.abs(offset - 16) <= 2 && now.focus?.tag === 'p' && now;
        });
        expect(jumped.focus?.text).toBe('近十年财通基金定增投入资金最多');
        expect(currentOf(jumped)).toBe(2);
      } finally {
        await page.close();
      }
    }, 60_000);

    it('no headings: the Outline button is off and says why', async () => {
      const page = await openReader(PLAIN);
      try {
        const button = await page.evaluate(() => {
          const b = document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector<HTMLButtonElement>('[data-action=outline]')!;
          return { disabled: b.disabled, title: b.title };
        });
        expect(button).toEqual({ disabled: true, title: 'No outline: this article has no headings' });
      } finally {
        await page.close();
      }
    }, 60_000);

    it('at 1280 px every tool, the name and Close stay on one row', async () => {
      const page = await openReader(HEADINGS);
      try {
        await page.setViewport({ width: 1280, height: 800 });
        const tops = await until('the toolbar laid out at 1280 px', () =>
          page.evaluate(() => {
            if (innerWidth !== 1280) return undefined;
            const bar = document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('.pnr-toolbar-inner')!;
            const items = Array.from(bar.querySelectorAll<HTMLElement>('.pnr-toolbar-name, .pnr-tool, .pnr-close'));
            return items.map((el) => Math.round(el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2));
          }),
        );
        expect(tops.length).toBeGreaterThan(8);
        // Centred on one line: within 2 px of each other.
        expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(2);
      } finally {
        await page.close();
      }
    }, 60_000);

    it('vertical writing (竖排): the jump brings the lead to the right edge, where its column starts', async () => {
      const page = await openReader(LEADS);
      try {
        await clickInReader(page, '[data-action=appearance]');
        await until('the vertical switch', () =>
          page.evaluate(() => !!document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-setting=vertical] input')),
        );
        await clickInReader(page, '[data-setting=vertical] input');
        await until('vertical writing', () =>
          page.evaluate(() => !!document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-writing=vertical]')),
        );
        await clickInReader(page, '[data-action=outline]');
        await until('the outline', async () => (await page.evaluate(outlineState)).entries.length === 5);
        await clickInReader(page, '[data-outline-index="3"]');
        const jumped = await until('the jump leftwards', async () => {
          const s = await page.evaluate(outlineState);
          const offset = await page.evaluate(entryRightOffset, 3);
          return Math.abs(offset - 16) <= 2 && s.focus?.text === '定增红利日渐收窄' && s;
        });
        // Scrolled sideways, not down.
        expect(jumped.scrollTop).toBe(0);
        expect(
          await page.evaluate(() => document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('.pnr-scroller')!.scrollLeft),
        ).toBeLessThan(-100);
        expect(currentOf(jumped)).toBe(3);
      } finally {
        await page.close();
        // The switch is remembered: the next tests read horizontally again.
        await ext.inExtension(async () => {
          const g = globalThis as unknown as {
            chrome?: { storage: { sync: { clear(): Promise<void> } } };
            browser?: { storage: { sync: { clear(): Promise<void> } } };
          };
          await (g.browser ?? g.chrome)!.storage.sync.clear();
        });
      }
    }, 60_000);

    if (kind === 'chromium') keysSuite(openReader);
  });
}

function keysSuite(openReader: (name: string) => Promise<Page>): void {
  describe('keyboard', () => {
    it('j/k move a visible focus paragraph by paragraph; o opens the outline, Enter jumps; ? lists the keys; Esc, Esc', async () => {
      const page = await openReader(HEADINGS);
      try {
        // The page's own key handler: it must hear nothing while the reader is open.
        await page.evaluate(() => {
          const w = window as unknown as { pageKeys: string[] };
          w.pageKeys = [];
          document.addEventListener('keydown', (e) => w.pageKeys.push(e.key));
        });
        const state = () => page.evaluate(outlineState);

        await page.keyboard.press('j');
        const first = await state();
        // From the top: the title first, with a visible focus ring (2px solid, from :focus-visible).
        expect(first.focus).toMatchObject({ tag: 'h1', nav: true, ring: 'solid 2px' });
        await page.keyboard.press('j');
        const second = await state();
        expect(second.focus?.nav).toBe(true);
        expect(second.focus?.text).not.toBe(first.focus?.text);
        await page.keyboard.down('Alt');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.up('Alt');
        const third = await state();
        expect(third.focus?.text).not.toBe(second.focus?.text);
        await page.keyboard.press('k');
        expect((await state()).focus).toMatchObject({ text: second.focus!.text, nav: true, ring: 'solid 2px' });
        // Only the focused paragraph is focusable.
        expect(
          await page.evaluate(
            () =>
              document.querySelector('proxied-news-reader')!.shadowRoot!.querySelectorAll('[data-pnr-nav], .pnr-body [tabindex="-1"]')
                .length,
          ),
        ).toBe(1);

        // o: the outline opens with the focus in it; Tab to the third entry, Enter jumps there.
        await page.keyboard.press('o');
        const opened = await until('the outline, focused', async () => {
          const s = await state();
          return s.open === 'outline' && s.focus?.tag === 'button' && s;
        });
        expect(opened.entries.length).toBe(15);
        await page.evaluate(() =>
          document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector<HTMLElement>('[data-outline-index="3"]')!.focus(),
        );
        await page.keyboard.press('Enter');
        await until('the jump by Enter', async () => {
          const s = await state();
          return s.focus?.text === opened.entries[3]!.text && s.focus.nav && Math.abs((await page.evaluate(entryOffset, 3)) - 16) <= 2;
        });

        // ? shows the list (replacing the outline); Esc closes it, the reader stays; Esc again closes the reader.
        await page.keyboard.press('?');
        const help = await until('the shortcuts list', async () => {
          const s = await state();
          return s.open === 'keys' && s.focus?.tag === 'dl' && s;
        });
        expect(help.focus?.text).toContain('Next paragraph');
        const rows = await page.evaluate(() =>
          Array.from(document.querySelector('proxied-news-reader')!.shadowRoot!.querySelectorAll('[data-keys-action]')).map(
            (r) => r.getAttribute('data-keys-action')! + ':' + Array.from(r.querySelectorAll('kbd'), (k) => k.textContent).join('+'),
          ),
        );
        expect(rows).toEqual([
          'next:j+Alt+↓',
          'previous:k+Alt+↑',
          'outline:o',
          'appearance:a',
          'listen:l',
          'skip:←+→',
          'help:?',
          'close:Esc',
        ]);
        await page.keyboard.press('Escape');
        await until('the list closed', async () => (await state()).open === null);
        expect(await page.evaluate(() => document.querySelector('proxied-news-reader') !== null)).toBe(true);
        await page.keyboard.press('Escape');
        await until('the reader closed', () => page.evaluate(() => document.querySelector('proxied-news-reader') === null));

        // The page heard none of the reader's keys; now closed, it hears them all and nothing answers.
        expect(await page.evaluate(() => (window as unknown as { pageKeys: string[] }).pageKeys)).toEqual([]);
        for (const k of ['j', 'o', '?', 'Escape'] as const) await page.keyboard.press(k);
        expect(await page.evaluate(() => (window as unknown as { pageKeys: string[] }).pageKeys)).toEqual(['j', 'o', '?', 'Escape']);
        expect(await page.evaluate(() => document.querySelector('proxied-news-reader') === null)).toBe(true);
      } finally {
        await page.close();
      }
    }, 90_000);
  });
}

outlineSuite('chromium');
outlineSuite('firefox');
