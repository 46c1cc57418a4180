// Highlights in real browsers (issue 12): text selected in the reader and highlighted from the selection toolbar,
// a note typed into the panel, both drawn again when the reader is closed and opened, and after the page is
// reloaded; saved as Markdown (`==text==`, the note as a blockquote after the paragraph) and HTML (<mark title>,
// footnote); a note holding markup shown as text and running nothing; axe with highlights in light and dark.
// Chromium (with the saved files, through a CDP download directory) and Firefox ESR (made, reopened, reloaded).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY, XSS_VECTORS } from '../security/xss-vectors';
import { fixture } from './expectations';
import { expectNoOwnTraffic } from './extension-traffic';
import { clickInReader, ExtensionBrowser, until, type BrowserKind, type ExtensionApi } from './harness';
import { readerView } from './reader-view';

/** Only inside functions handed to `inExtension`, which defines it in the browser next to them (with storage.local). */
declare function extensionApi(g: typeof globalThis): ExtensionApi & {
  storage: { local: { get(keys: null): Promise<Record<string, unknown>>; set(items: object): Promise<void>; clear(): Promise<void> } };
};

/** Chinese (Simplified), short: 6 paragraphs. */
const NAME = 'ithome-tag-links';
const URL = `https://news.zfe.space/p/${NAME}.html`;
/** A note a page would love to run: it must stay text. */
const NOTE = '<img src=x onerror="window.__pnrNotePwned=1">笔记 & <b>bold</b>';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// ---- In the page (main world); the reader's shadow root is open.

/** Two stretches of the article to highlight: 12 characters inside the first and the last long text node. */
function pickQuotes(): [string, string] {
  const body = document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-testid=reader-body]')!;
  const texts: string[] = [];
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.trim().length >= 30) texts.push((n as Text).data);
  return [texts[0]!.trim().slice(2, 14), texts[texts.length - 1]!.trim().slice(4, 16)];
}

/** Selects `quote` in the reader's body as the Selection API allows, and lets the pointer go (what the toolbar waits for). */
function selectInReader(quote: string): boolean {
  const body = document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-testid=reader-body]')!;
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = (n as Text).data.indexOf(quote);
    if (at < 0) continue;
    // In view, as a text the user selects is.
    n.parentElement!.scrollIntoView({ block: 'center' });
    document.getSelection()!.setBaseAndExtent(n, at, n, at + quote.length);
    body.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true }));
    return true;
  }
  return false;
}

interface MarksView {
  marks: Array<{ id: string; color: string; text: string }>;
  notes: string[];
  panelMarkup: number;
}

/** The reader's highlights: marks joined per highlight, the panel's notes (as text), and any markup in the panel's notes. */
function marksView(): MarksView {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  const byId = new Map<string, { id: string; color: string; text: string }>();
  for (const m of Array.from(shadow.querySelectorAll('mark.pnr-hl'))) {
    const id = m.getAttribute('data-pnr-hl')!;
    const entry = byId.get(id) ?? { id, color: m.getAttribute('data-color')!, text: '' };
    entry.text += m.textContent;
    byId.set(id, entry);
  }
  return {
    marks: Array.from(byId.values()),
    notes: Array.from(shadow.querySelectorAll('[data-testid=hl-note]'), (n) => n.textContent ?? ''),
    panelMarkup: shadow.querySelectorAll('.pnr-hl-note *').length,
  };
}

const toolbarShown = () =>
  document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-testid=selection-toolbar]') !== null || undefined;

function suite(kind: BrowserKind) {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ext = await ExtensionBrowser.launch(kind);
    ext.web.addPage(URL, fixture(`rendered/${NAME}.html`));
  }, 180_000);

  afterAll(async () => {
    await ext?.close();
  });

  async function openReader(page: Page, tab: number): Promise<void> {
    expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
    await until('the reader', () => page.evaluate(readerView));
  }

  async function stored(): Promise<Record<string, unknown>> {
    return ext.inExtension(async () => {
      const all = await extensionApi(globalThis).storage.local.get(null);
      return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('highlights:')));
    });
  }

  it('highlight and note made, reader closed and opened: restored; page reloaded: restored; the note stays text', async () => {
    const page = await ext.open(URL);
    try {
      await until('the page to be cleaned', () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'));
      const tab = await ext.tabIdOf(page);
      await openReader(page, tab);
      const [first, second] = await page.evaluate(pickQuotes);

      // Yellow from the toolbar.
      expect(await page.evaluate(selectInReader, first)).toBe(true);
      await until('the selection toolbar', () => page.evaluate(toolbarShown));
      await clickInReader(page, '[data-action=highlight-green]');
      await until('the green mark', async () => (await page.evaluate(marksView)).marks.length === 1 || undefined);

      // With a note: the panel opens on the note box; typed, saved.
      expect(await page.evaluate(selectInReader, second)).toBe(true);
      await until('the selection toolbar', () => page.evaluate(toolbarShown));
      await clickInReader(page, '[data-action=highlight-note]');
      await until('the note box focused', () =>
        page.evaluate(
          () => document.querySelector('proxied-news-reader')!.shadowRoot!.activeElement?.localName === 'textarea' || undefined,
        ),
      );
      await page.keyboard.type(NOTE);
      await clickInReader(page, '[data-action=hl-save-note]');
      await until('the note shown', async () => (await page.evaluate(marksView)).notes[0] === NOTE || undefined);

      const made = await page.evaluate(marksView);
      expect(made.marks.map((m) => [m.color, m.text])).toEqual([
        ['green', first],
        ['yellow', second],
      ]);
      expect(made.panelMarkup).toBe(0);
      const items = await until('both stored', async () => {
        const s = Object.values(await stored()) as Array<{ items: Array<{ quote: string; note: string }> }>;
        return s[0]?.items.length === 2 && s[0].items[1]!.note === NOTE ? s : undefined;
      });
      expect(items).toHaveLength(1);

      // Closed and opened again.
      expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: false })).toEqual({ reader: false });
      await openReader(page, tab);
      await until('the marks again', async () => (await page.evaluate(marksView)).marks.length === 2 || undefined);
      expect((await page.evaluate(marksView)).marks.map((m) => [m.color, m.text])).toEqual(made.marks.map((m) => [m.color, m.text]));

      // The page reloaded: the reader opened anew finds them in storage.
      await page.reload({ waitUntil: 'load' });
      await until('the page to be cleaned', () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'));
      await openReader(page, await ext.tabIdOf(page));
      await until('the marks after reload', async () => (await page.evaluate(marksView)).marks.length === 2 || undefined);
      expect((await page.evaluate(marksView)).marks.map((m) => [m.color, m.text])).toEqual(made.marks.map((m) => [m.color, m.text]));
      await clickInReader(page, '[data-action=highlights]');
      await until('the panel', async () => (await page.evaluate(marksView)).notes[0] === NOTE || undefined);
      expect((await page.evaluate(marksView)).panelMarkup).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pnrNotePwned?: number }).__pnrNotePwned)).toBeUndefined();
    } finally {
      await page.close();
    }
  }, 90_000);

  it(`every XSS vector as a note and as an imported quote: the panel shows them as text and runs none (canary ${CANARY} stays 0); Chromium: the saved HTML file neither`, async () => {
    const items = XSS_VECTORS.flatMap((v, i) => [
      { id: `n${i}`, quote: '三星', prefix: '', suffix: '', start: 0, color: 'pink', note: v.payload, created: i, edited: i },
      { id: `q${i}`, quote: v.payload, prefix: '', suffix: '', start: 0, color: 'blue', note: v.payload, created: i, edited: i },
    ]);
    // The highlights the first test made are put back afterwards: the tests below save them.
    const before = await stored();
    await ext.inExtension(
      async (key: string, record: unknown) => {
        await extensionApi(globalThis).storage.local.clear();
        await extensionApi(globalThis).storage.local.set({ [key]: record });
      },
      `highlights:${URL}`,
      { url: URL, title: 'xss', updated: 1, items },
    );
    const page = await ext.newPage();
    await page.evaluateOnNewDocument(() => {
      (window as unknown as { __pwned: number }).__pwned = 0;
    });
    const dir = kind === 'chromium' ? mkdtempSync(path.join(tmpdir(), 'pnr-hl-xss-')) : null;
    const cdp = kind === 'chromium' ? await ext.browser.target().createCDPSession() : null;
    try {
      await page.goto(URL, { waitUntil: 'load' });
      await until('the page to be cleaned', () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'));
      await openReader(page, await ext.tabIdOf(page));
      await clickInReader(page, '[data-action=highlights]');
      const shown = await until('every note in the panel', async () => {
        const v = await page.evaluate(marksView);
        return v.notes.length === items.length ? v : undefined;
      });
      expect(new Set(shown.notes)).toEqual(new Set(XSS_VECTORS.map((v) => v.payload)));
      expect(shown.panelMarkup).toBe(0);
      // Quotes too: the list's quotes are text only.
      expect(
        await page.evaluate(() => document.querySelector('proxied-news-reader')!.shadowRoot!.querySelectorAll('.pnr-hl-quote *').length),
      ).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
      if (!dir || !cdp) return;

      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
      await clickInReader(page, '[data-action=save]');
      await clickInReader(page, '[data-action=save-html]');
      const name = await until('the .html file', async () => readdirSync(dir).find((f) => f.endsWith('.html')));
      const file = await ext.browser.newPage();
      try {
        await file.evaluateOnNewDocument(() => {
          (window as unknown as { __pwned: number }).__pwned = 0;
        });
        await file.goto(`file://${path.join(dir, name)}`, { waitUntil: 'load' });
        expect(await file.evaluate(() => document.querySelectorAll('.pnr-footnotes li').length)).toBe(XSS_VECTORS.length);
        // Every element of the file is hovered, focused and clicked as a user might: nothing runs.
        await file.evaluate(() => {
          for (const el of Array.from(document.querySelectorAll<HTMLElement>('mark, .pnr-footnotes *'))) {
            for (const type of ['mouseover', 'focus', 'click']) el.dispatchEvent(new Event(type, { bubbles: true }));
          }
        });
        expect(await file.evaluate(() => (window as unknown as { __pwned: number }).__pwned)).toBe(0);
      } finally {
        await file.close();
      }
    } finally {
      await page.close();
      await cdp?.detach().catch(() => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
      await ext.inExtension(async (items: Record<string, unknown>) => {
        await extensionApi(globalThis).storage.local.clear();
        await extensionApi(globalThis).storage.local.set(items);
      }, before);
    }
  }, 90_000);

  // The rest in Chromium: downloads through CDP, and the traffic recorder sees the content script there (in Firefox it
  // follows extension pages only, so it would see nothing here).
  if (kind !== 'chromium') return;

  it('saved as Markdown and HTML from the reader: ==text== and a note blockquote; <mark title> and a footnote (Chromium downloads)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pnr-hl-download-'));
    const cdp = await ext.browser.target().createCDPSession();
    const page = await ext.open(URL);
    try {
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, eventsEnabled: true });
      await until('the page to be cleaned', () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'));
      await openReader(page, await ext.tabIdOf(page));
      await until('the stored marks', async () => (await page.evaluate(marksView)).marks.length === 2 || undefined);
      const [green, noted] = (await page.evaluate(marksView)).marks;

      await clickInReader(page, '[data-action=save]');
      await clickInReader(page, '[data-action=save-markdown]');
      const md = readFileSync(
        path.join(dir, await until('the .md file', async () => readdirSync(dir).find((f) => f.endsWith('.md')))),
        'utf8',
      );
      expect(md).toContain(`==${green!.text}==`);
      expect(md).toContain(`==${noted!.text}==`);
      // The note right after the paragraph the highlight is in, its markup escaped.
      const after = md.slice(md.indexOf(`==${noted!.text}==`));
      // (turndown's escapes: a `<` that could open markup, and `_` runs, are backslashed.)
      expect(after.split('\n\n')[1]).toBe('> \\<img src=x onerror="window.\\_\\_pnrNotePwned=1">笔记 & \\<b>bold\\</b>');

      await clickInReader(page, '[data-action=save-html]');
      const html = readFileSync(
        path.join(dir, await until('the .html file', async () => readdirSync(dir).find((f) => f.endsWith('.html')))),
        'utf8',
      );
      const doc = new JSDOM(html).window.document;
      const marks = Array.from(doc.querySelectorAll('mark'));
      expect(marks.map((m) => [m.className, m.textContent, m.title])).toEqual([
        ['pnr-hl pnr-hl-green', green!.text, ''],
        ['pnr-hl pnr-hl-yellow', noted!.text, NOTE],
      ]);
      expect(doc.querySelector('sup.pnr-fnref a')?.getAttribute('href')).toBe('#pnr-fn-1');
      expect(doc.querySelector('#pnr-fn-1')?.textContent).toBe(`${NOTE} ↩`);
      expect(doc.querySelectorAll('.pnr-footnotes img, .pnr-footnotes b, script')).toHaveLength(0);
    } finally {
      await page.close();
      await cdp.detach().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('axe: no violations with highlights drawn, the panel listing them and the selection toolbar, light and dark', async () => {
    const page = await ext.open(URL);
    try {
      await until('the page to be cleaned', () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'));
      await openReader(page, await ext.tabIdOf(page));
      await until('the stored marks', async () => (await page.evaluate(marksView)).marks.length === 2 || undefined);
      await clickInReader(page, '[data-action=highlights]');
      const [first] = await page.evaluate(pickQuotes);
      await page.evaluate(AXE_SOURCE);
      for (const theme of ['light', 'dark']) {
        await ext.inExtension(async (t: string) => {
          await extensionApi(globalThis).storage.sync.set({ readerPrefs: { theme: t } });
        }, theme);
        await until(`the ${theme} theme`, () =>
          page.evaluate(
            (t: string) =>
              (document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('.pnr-root') as HTMLElement).dataset.pnrTheme ===
                t || undefined,
            theme,
          ),
        );
        expect(await page.evaluate(selectInReader, first.slice(0, 4))).toBe(true);
        await until('the selection toolbar', () => page.evaluate(toolbarShown));
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as {
              axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
            }
          ).axe;
          const r = await axe.run(
            { include: [['proxied-news-reader']] },
            { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
          );
          return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
        });
        expect({ theme, violations }).toEqual({ theme, violations: [] });
      }
    } finally {
      await ext.inExtension(async () => extensionApi(globalThis).storage.sync.clear()).catch(() => undefined);
      await page.close();
    }
  }, 60_000);

  // Last: it sees every request of the tests above.
  it('made no request of its own (highlights are kept on the device and exported as files)', () => {
    expect(ext.traffic.log.length).toBeGreaterThan(0);
    expectNoOwnTraffic(ext);
  });
}

describe('highlights in Chromium', () => suite('chromium'));
describe('highlights in Firefox ESR', () => suite('firefox'));
