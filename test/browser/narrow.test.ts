// Narrow screens (Firefox for Android, issue 14): the popup, the reader with each of its panels and the options
// page at 360×740 in real Firefox and Chromium. Nothing overflows sideways (scrollWidth ≤ clientWidth), every
// visible control lies inside the viewport and is at least 40 px tall (the media queries for narrow screens and
// coarse pointers). Inline links in an article's text are exempt: they are text, not controls (WCAG 2.5.8).
// Screenshots of each view go to artifacts/narrow/<browser>-*.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from './expectations';
import { clickInReader, ExtensionBrowser, until, withTimeout, type BrowserKind } from './harness';

const WIDTH = 360;
const HEIGHT = 740;
const MIN_TARGET = 40;
const SHOTS = path.resolve(import.meta.dirname, '../../artifacts/narrow');
const ARTICLE = 'pmcaff-largest-page';
// Listen last: it starts reading aloud as it opens. Headless Firefox's own speech engine then stalls the tab's
// content process (every later evaluate hangs), and no fake engine can be put in its content script's world from
// here: Listen is laid out by the same rules as the other panels, and checked in Chromium.
const PANELS: Record<BrowserKind, readonly string[]> = {
  chromium: ['appearance', 'outline', 'convert', 'save', 'keys', 'listen'],
  // The outline and the shortcuts list in Chromium only: each panel's audit of this page takes Firefox ~20 s here
  // (70 s for these three), and the same CSS lays them out in both.
  firefox: ['appearance', 'convert', 'save'],
};

interface Audit {
  scrollWidth: number;
  clientWidth: number;
  /** Each control that is outside the viewport or too small: what, where, why. */
  offenders: string[];
  controls: number;
}

/** Runs in the page: `host` names the element whose shadow root holds the UI (the reader), else the document. */
function audit(args: { host: string | null; min: number }): Audit {
  const root: ParentNode | null | undefined = args.host ? document.querySelector(args.host)?.shadowRoot : document;
  const doc = document.documentElement;
  const vw = doc.clientWidth;
  const offenders: string[] = [];
  let controls = 0;
  if (!root) return { scrollWidth: doc.scrollWidth, clientWidth: vw, offenders: ['no UI root'], controls };
  const describe = (el: Element) => {
    const label = (el.getAttribute('data-action') ?? el.getAttribute('aria-label') ?? el.textContent ?? '')
      .trim()
      .replace(/\s+/g, ' ')
      .slice(0, 40);
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `<${el.tagName.toLowerCase()}${cls}> "${label}"`;
  };
  const seen = new Set<Element>();
  for (const el of Array.from(root.querySelectorAll('button, a[href], input, select, textarea, summary, [role=button]'))) {
    // Links inside an article's or a preview's text are text.
    if (el.matches('a') && el.closest('.pnr-prose, .preview')) continue;
    // The article's pictures open the lightbox (role=button): they are its content, as large as the picture is.
    if (el.matches('img') && el.closest('.pnr-article')) continue;
    // A checkbox or radio is hit through its label: the label is the target.
    const target = el.matches('input[type=checkbox], input[type=radio]') ? (el.closest('label') ?? el) : el;
    if (seen.has(target)) continue;
    seen.add(target);
    const style = getComputedStyle(target);
    const r = target.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
    // Visually hidden (the 1 px clip pattern, on it or on its label): not on screen.
    let hidden = false;
    for (let a: Element | null = target; a; a = a.parentElement) {
      const ar = a.getBoundingClientRect();
      if (ar.width <= 1 && ar.height <= 1) hidden = true;
    }
    if (hidden) continue;
    // Below the fold is fine where something scrolls to it; a panel taller than the screen with no scroll is not.
    const scrolls = (): boolean => {
      for (let a: Element | null = target.parentElement; a; a = a.parentElement) {
        const oy = getComputedStyle(a).overflowY;
        if ((oy === 'auto' || oy === 'scroll') && a.scrollHeight > a.clientHeight) return true;
      }
      return !args.host && doc.scrollHeight > doc.clientHeight;
    };
    if ((r.bottom > innerHeight + 0.5 || r.top < -0.5) && !scrolls())
      offenders.push(`${describe(target)} below the screen with nothing to scroll it into view`);
    controls++;
    const where = `${Math.round(r.left)}–${Math.round(r.right)} × ${Math.round(r.height)} px`;
    if (r.left < -0.5 || r.right > vw + 0.5) offenders.push(`${describe(target)} outside the viewport (${where}, viewport ${vw})`);
    if (r.height < args.min - 0.5) offenders.push(`${describe(target)} ${Math.round(r.height * 10) / 10} px tall (${where})`);
  }
  return { scrollWidth: doc.scrollWidth, clientWidth: vw, offenders, controls };
}

async function expectFits(page: Page, what: string, host: string | null = null): Promise<Audit> {
  const result = await page.evaluate(audit, { host, min: MIN_TARGET });
  expect(result.controls, `${what}: controls found`).toBeGreaterThan(0);
  expect(result.scrollWidth, `${what}: horizontal overflow`).toBeLessThanOrEqual(result.clientWidth);
  expect(result.offenders, `${what}: ${result.offenders.join('\n')}`).toEqual([]);
  return result;
}

async function narrow(page: Page): Promise<void> {
  await page.setViewport({ width: WIDTH, height: HEIGHT, deviceScaleFactor: 1 });
  await until('the 360 px viewport', () => page.evaluate((w: number) => innerWidth === w, WIDTH));
}

function narrowSuite(kind: BrowserKind): void {
  describe(`at ${WIDTH} px in ${kind}`, () => {
    let ext: ExtensionBrowser;
    const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${kind}-${name}.png`) });

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      ext = await ExtensionBrowser.launch(kind);
      ext.web.addPage(`https://news.zfe.space/p/${ARTICLE}.html`, fixture(`rendered/${ARTICLE}.html`));
      ext.web.addPage('https://news.zfe.space/', fixture('listing/home.html'));
    }, 120_000);

    afterAll(async () => {
      await ext?.close();
    });

    it('the reader and each of its panels fit', async () => {
      const page = await ext.open(ext.siteUrl(`/p/${ARTICLE}.html`));
      try {
        await narrow(page);
        const tab = await ext.tabIdOf(page);
        expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
        await until('the reader', () =>
          page.evaluate(() => !!document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('.pnr-body')),
        );
        await expectFits(page, 'reader', 'proxied-news-reader');
        await shot(page, 'reader');
        for (const panel of PANELS[kind]) {
          const present = await page.evaluate(
            (p: string) => !!document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector(`[data-panel=${p}]:not(:disabled)`),
            panel,
          );
          // f342 is Chinese (so 简/繁 is offered) and both browsers have a speech engine (so Listen is enabled).
          expect(present, `the ${panel} tool`).toBe(true);
          await clickInReader(page, `[data-panel=${panel}]`);
          await until(`the ${panel} panel`, () =>
            page.evaluate(() => !!document.querySelector('proxied-news-reader')?.shadowRoot?.querySelector('.pnr-panel')),
          );
          await expectFits(page, `reader, ${panel} panel`, 'proxied-news-reader');
          await shot(page, `reader-${panel}`);
          // The last one is left open: the page is closed next.
          if (panel === PANELS[kind].at(-1)) break;
          await clickInReader(page, `[data-panel=${panel}]`);
        }
      } finally {
        // Closing the reader stops any speech; a page stalled by the speech engine is not waited for.
        await withTimeout(page.close(), 10_000).catch(() => undefined);
      }
    }, 120_000);

    it('the popup fits, on an article and on a listing', async () => {
      for (const [name, url] of [
        ['popup', ext.siteUrl(`/p/${ARTICLE}.html`)],
        ['popup-listing', ext.siteUrl('/')],
      ] as const) {
        const page = await ext.open(url);
        try {
          const tab = await ext.tabIdOf(page);
          const popup = await ext.openExtensionPage(`src/popup/index.html?tab=${tab}`);
          try {
            await narrow(popup);
            await until(`the ${name} to show`, () =>
              popup.evaluate(() => !!document.querySelector('[data-action=toggle-reader], [data-testid=listing]')),
            );
            await expectFits(popup, name);
            await popup.screenshot({ path: path.join(SHOTS, `${kind}-${name}.png`), fullPage: true });
          } finally {
            await popup.close();
          }
        } finally {
          await page.close();
        }
      }
    }, 120_000);

    it('the options page fits', async () => {
      const page = await ext.openExtensionPage('src/options/index.html');
      try {
        await narrow(page);
        await until('the options page', () => page.evaluate(() => !!document.querySelector('[data-setting=theme]')));
        await expectFits(page, 'options');
        await page.screenshot({ path: path.join(SHOTS, `${kind}-options.png`), fullPage: true });
      } finally {
        await page.close();
      }
    }, 60_000);
  });
}

narrowSuite('firefox');
narrowSuite('chromium');
