// Read aloud in a real Chromium (issue 11 item 4): the sentence being read highlighted and painted, the view
// following it, speed and voice remembered, skipping by button, key and click, a stalled engine restarted, and the
// offer to continue after the reader was closed. Chromium only: headless Firefox's speech engine freezes the tab.
//
// Headless Chromium has `speechSynthesis` but no voices (each utterance fails with "synthesis-failed"; checked
// below), so a fake engine is installed in the content script's world (speech-world.ts), where the reader finds
// it. The test ends each utterance, as an engine does when it has said it.
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAxe } from './axe-run';
import { fixture } from './expectations';
import { clickInReader, ExtensionBrowser, until } from './harness';
import { decodePng, shareOf } from './png-pixels';
import { readerView } from './reader-view';
import { contentScriptWorld, fakeSpeech, installFakeSpeech, type ContentWorld, type FakeSpeech } from './speech-world';

const SITE = 'https://news.zfe.space';
/** Chinese, long (42 pictures): far enough to scroll. */
const ZH_LONG = 'yystv-lazy-original';
const articleUrl = (name: string) => `${SITE}/p/${name}.html`;

/** A page of short Chinese sentences (read through Readability): quick to stall on, quick to read. */
const SHORT_URL = 'https://short.example/posts/sentences.html';
const SHORT_TITLE = '短句测试';
const sentence = (p: number, s: number) => `这是第${p}段的第${s}句。`;
function shortPage(): string {
  const paragraphs = Array.from({ length: 12 }, (_, p) => `<p>${Array.from({ length: 8 }, (_, s) => sentence(p + 1, s + 1)).join('')}</p>`);
  // A link: the reader's scroller counts as keyboard-reachable for axe through focusable content in it.
  paragraphs.push('<p>完。<a href="/about">关于本站</a></p>');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${SHORT_TITLE}</title></head>
<body><main><article>${paragraphs.join('\n')}</article></main></body></html>`;
}

const ZH_CN_VOICE = 'Fake 普通话（中国大陆）';
const ZH_TW_VOICE = 'Fake 國語（臺灣）';
/** The sentence tint in the light theme (reader.css). */
const SENTENCE_LIGHT = '#ffd966';
/** The paragraph being read, light theme (src/ui/theme.css --pnr-highlight). */
const PARAGRAPH_LIGHT = '#fff3bf';

/** `a` multiplied by `b` (mix-blend-mode: multiply), as #rrggbb. */
function multiply(a: string, b: string): string {
  const x = parseInt(a.slice(1), 16);
  const y = parseInt(b.slice(1), 16);
  const channel = (shift: number) => Math.round((((x >> shift) & 255) * ((y >> shift) & 255)) / 255);
  return `#${[16, 8, 0].map((shift) => channel(shift).toString(16).padStart(2, '0')).join('')}`;
}

const squash = (s: string) => s.normalize('NFKC').replace(/[\s\p{Cf}]+/gu, '');

// ---- In the page (main world): the reader's shadow root is open.

interface ListenView {
  /** The paragraph marked as being read. */
  paragraph: string | null;
  status: string | null;
  message: string;
  offer: string | null;
  bodyHtml: string;
  scrollTop: number;
}

function listenView(): ListenView {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  return {
    paragraph: shadow.querySelector('.pnr-speaking')?.textContent ?? null,
    status: shadow.querySelector('[data-testid=tts-status]')?.textContent ?? null,
    message: shadow.querySelector('[data-testid=reader-status]')?.textContent ?? '',
    offer: shadow.querySelector('[data-testid=tts-offer]')?.textContent ?? null,
    bodyHtml: shadow.querySelector('[data-testid=reader-body]')!.innerHTML,
    scrollTop: shadow.querySelector('[data-testid=reader-scroller]')!.scrollTop,
  };
}

// ---- In the content script's world, where the reader registered its highlight.

interface Painted {
  /** The text of the range in CSS.highlights under `pnr-sentence`, or null. */
  text: string | null;
  rect: { top: number; bottom: number; left: number; right: number } | null;
  /** The scroller's visible box. */
  view: { top: number; bottom: number; left: number; right: number };
  /** Boxes drawn by the fallback (no Highlight API). */
  boxes: Array<{ top: number; left: number; width: number; height: number }>;
}

function painted(): Painted {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  const scroller = shadow.querySelector('[data-testid=reader-scroller]')!.getBoundingClientRect();
  const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
  const range = registry?.get('pnr-sentence')?.values().next().value;
  const box = (r: DOMRect) => ({ top: r.top, left: r.left, width: r.width, height: r.height });
  return {
    text: range ? range.toString() : null,
    rect: range ? (({ top, bottom, left, right }) => ({ top, bottom, left, right }))(range.getBoundingClientRect()) : null,
    view: { top: scroller.top, bottom: scroller.bottom, left: scroller.left, right: scroller.right },
    boxes: Array.from(shadow.querySelectorAll('.pnr-sentence-layer > div')).map((d) => box(d.getBoundingClientRect())),
  };
}

describe('read aloud in Chromium', () => {
  let ext: ExtensionBrowser;

  beforeAll(async () => {
    ext = await ExtensionBrowser.launch('chromium');
    ext.web.addPage(articleUrl(ZH_LONG), fixture(`rendered/${ZH_LONG}.html`));
    ext.web.addPage(SHORT_URL, shortPage());
  }, 120_000);

  afterAll(() => ext?.close());

  // Settings and places are kept per browser profile: each test starts without them.
  beforeEach(async () => {
    await ext.inExtension(async () => {
      const api = (
        globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void> }; sync: { clear(): Promise<void> } } } }
      ).chrome;
      await api.storage.local.clear();
      await api.storage.sync.clear();
    });
  });

  interface Open {
    page: Page;
    tab: number;
    world: ContentWorld;
    speech: FakeSpeech;
    close(): Promise<void>;
  }

  /** A page with the fake engine in the content script's world (and, with `noHighlightApi`, no CSS.highlights). */
  async function openWithSpeech(url: string, opts: { noHighlightApi?: boolean } = {}): Promise<Open> {
    const page = await ext.open(url);
    // In front: a background tab gets no animation frames, and the view's smooth scrolling needs them.
    await page.bringToFront();
    const world = await contentScriptWorld(ext, page);
    // What the browser has: the engine, no voices, even after it says its voices changed.
    const real = await world.run(
      () =>
        new Promise<string>((resolve) => {
          const done = () => resolve(`${typeof speechSynthesis}:${speechSynthesis.getVoices().length}`);
          speechSynthesis.addEventListener('voiceschanged', done, { once: true });
          setTimeout(done, 1000);
        }),
    );
    expect(real).toBe('object:0');
    expect(await world.run(installFakeSpeech)).toBe('object:3');
    if (opts.noHighlightApi) {
      await world.run(() => Object.defineProperty(CSS, 'highlights', { configurable: true, value: undefined }));
    }
    const tab = await ext.tabIdOf(page);
    await openReader(page, tab);
    return {
      page,
      tab,
      world,
      speech: fakeSpeech(world),
      close: async () => {
        await world.detach();
        await page.close();
      },
    };
  }

  async function openReader(page: Page, tab: number): Promise<void> {
    expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
    await until('the reader', () => page.evaluate(readerView), 15_000);
  }

  async function inReader(page: Page, selector: string): Promise<ElementHandle<Element>> {
    const handle = (await page.evaluateHandle(
      (sel: string) => document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector(sel),
      selector,
    )) as ElementHandle<Element>;
    if (!(await handle.evaluate((el) => el !== null))) throw new Error(`no ${selector} in the reader`);
    return handle;
  }

  /** The last utterance, once the engine has been asked for `count` of them. */
  const utterance = (speech: FakeSpeech, count: number) =>
    until(`utterance ${count}`, async () => {
      const s = await speech.state();
      return s.spoken.length >= count && s.spoken[count - 1];
    });

  it('the sentence being read is the one highlighted (Highlight API), painted in the sentence tint; the view follows it', async () => {
    const o = await openWithSpeech(articleUrl(ZH_LONG));
    try {
      await clickInReader(o.page, '[data-action=listen]');
      let count = 1;
      for (; count <= 12; count++) {
        const spoken = await utterance(o.speech, count);
        const now = await until('the highlight', async () => {
          const p = await o.world.run(painted);
          return p.text !== null && squash(p.text) === squash(spoken.text) && p;
        });
        // Inside the paragraph marked as being read.
        const view = await o.page.evaluate(listenView);
        expect(squash(view.paragraph!)).toContain(squash(now.text!));
        expect(await o.speech.end()).toBe(true);
      }
      // The registry is the document's: the page's own world sees the same highlight (what the engine paints from).
      expect(await o.page.evaluate(() => (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('pnr-sentence'))).toBe(
        true,
      );

      // Painted: the sentence's box is mostly the sentence tint, once the view has come to it (and stopped there).
      let last = -1;
      const current = await until('the sentence in view, still', async () => {
        const p = await o.world.run(painted);
        const still = p.rect?.top === last;
        last = p.rect?.top ?? -1;
        return still && p.rect!.top >= p.view.top && p.rect!.bottom <= p.view.bottom && p;
      });
      const clip = {
        x: current.rect!.left,
        y: current.rect!.top,
        width: Math.min(200, current.rect!.right - current.rect!.left),
        height: 12,
      };
      const shot = decodePng(await o.page.screenshot({ clip: { ...clip, y: clip.y + 4 } }));
      // Between the glyphs of the sentence's first line: the tint (the glyphs cover the rest).
      expect(shareOf(shot, SENTENCE_LIGHT)).toBeGreaterThan(0.25);
      // Under the sentence (the next paragraph): none of it.
      const below = decodePng(await o.page.screenshot({ clip: { ...clip, y: current.rect!.bottom + 6 } }));
      expect(shareOf(below, SENTENCE_LIGHT)).toBeLessThan(0.02);

      // Far down the article: skip a dozen paragraphs; the view comes along and the sentence is in it.
      const before = (await o.page.evaluate(listenView)).scrollTop;
      for (let i = 0; i < 12; i++) await clickInReader(o.page, '[data-action=tts-next]');
      const far = await until('the view to follow', async () => {
        const p = await o.world.run(painted);
        return p.rect && p.rect.top >= p.view.top && p.rect.bottom <= p.view.bottom && p;
      });
      expect((await o.page.evaluate(listenView)).scrollTop).toBeGreaterThan(before + 500);
      const latest = (await o.speech.state()).spoken.at(-1)!;
      expect(squash(far.text!)).toBe(squash(latest.text));
    } finally {
      await o.close();
    }
  }, 90_000);

  it('vertical writing (竖排): the view follows the sentence sideways, ← reads the next paragraph', async () => {
    await ext.inExtension(async () => {
      const g = globalThis as unknown as { chrome: { storage: { sync: { set(items: object): Promise<void> } } } };
      await g.chrome.storage.sync.set({ readerPrefs: { vertical: true } });
    });
    const o = await openWithSpeech(articleUrl(ZH_LONG));
    try {
      await until('vertical text', () =>
        o.page.evaluate(
          () => document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-writing=vertical]') !== null || undefined,
        ),
      );
      await clickInReader(o.page, '[data-action=listen]');
      await utterance(o.speech, 1);
      await o.page.keyboard.press('ArrowLeft');
      const second = (await utterance(o.speech, 2)).text;
      expect(squash((await o.page.evaluate(listenView)).paragraph!)).toContain(squash(second));
      for (let i = 0; i < 10; i++) await clickInReader(o.page, '[data-action=tts-next]');
      const far = await until('the view to follow sideways', async () => {
        const p = await o.world.run(painted);
        return p.rect && p.rect.left >= p.view.left && p.rect.right <= p.view.right && p;
      });
      expect(squash(far.text!)).toBe(squash((await o.speech.state()).spoken.at(-1)!.text));
      // Scrolled towards the end, which is to the left (negative scrollLeft in vertical-rl).
      const left = await o.page.evaluate(
        () => document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-testid=reader-scroller]')!.scrollLeft,
      );
      expect(left).toBeLessThan(-500);
    } finally {
      await o.close();
    }
  }, 60_000);

  it('without the Highlight API: boxes over the sentence’s lines, the article’s HTML untouched, all gone on Stop', async () => {
    const o = await openWithSpeech(SHORT_URL, { noHighlightApi: true });
    try {
      const html = (await o.page.evaluate(listenView)).bodyHtml;
      await clickInReader(o.page, '[data-action=listen]');
      await utterance(o.speech, 1);
      await o.speech.end();
      expect((await utterance(o.speech, 2)).text).toBe(sentence(1, 1));
      // Still where they were 100 ms before: the view follows the sentence with a smooth scroll, and a screenshot
      // taken during it would miss the box.
      // The paragraph's own tint fades in (0.2 s): waited for too, as the box blends with it.
      let before = '';
      const p = await until('the boxes, at rest', async () => {
        const now = await o.world.run(painted);
        const at = JSON.stringify(now.boxes);
        const still = at === before;
        before = at;
        const tinted = await o.page.evaluate(
          () =>
            getComputedStyle(document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('.pnr-speaking')!).backgroundColor,
        );
        return now.boxes.length > 0 && still && tinted === 'rgb(255, 243, 191)' && now;
      });
      expect(p.text).toBeNull();
      // One line: one box, over the sentence (its width: 10 characters of the paragraph's text).
      expect(p.boxes).toHaveLength(1);
      const box = p.boxes[0]!;
      const shot = decodePng(
        await o.page.screenshot({ clip: { x: box.left + 1, y: box.top + 2, width: box.width - 2, height: box.height - 4 } }),
      );
      // Blended with what is under it (multiply): the sentence tint times the paragraph's shows between the glyphs.
      expect(shareOf(shot, multiply(SENTENCE_LIGHT, PARAGRAPH_LIGHT), 12)).toBeGreaterThan(0.3);
      const paragraphWidth = await o.page.evaluate(
        () => document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('.pnr-speaking')!.getBoundingClientRect().width,
      );
      expect(box.width).toBeGreaterThan(50);
      expect(box.width).toBeLessThan(paragraphWidth / 2);
      expect((await o.page.evaluate(listenView)).bodyHtml.replace(' class="pnr-speaking"', '')).toBe(html);
      await clickInReader(o.page, '[data-action=tts-stop]');
      await until('no boxes', async () => (await o.world.run(painted)).boxes.length === 0);
      expect((await o.page.evaluate(listenView)).bodyHtml).toBe(html);
    } finally {
      await o.close();
    }
  }, 60_000);

  it('speed and voice chosen in the Listen panel: from the next sentence, remembered for the next reader', async () => {
    let o = await openWithSpeech(SHORT_URL);
    try {
      await clickInReader(o.page, '[data-action=listen]');
      expect(await utterance(o.speech, 1)).toEqual({ text: SHORT_TITLE, lang: 'zh-CN', voice: ZH_CN_VOICE });
      const voices = await (
        await inReader(o.page, '[data-setting=ttsVoice]')
      ).evaluate((s) => Array.from((s as HTMLSelectElement).options).map((opt) => opt.value));
      expect(voices).toEqual(['', ZH_CN_VOICE, ZH_TW_VOICE]);
      await (await inReader(o.page, '[data-setting=ttsRate]')).select('2');
      await (await inReader(o.page, '[data-setting=ttsVoice]')).select(ZH_TW_VOICE);
      await o.speech.end();
      expect(await utterance(o.speech, 2)).toEqual({ text: sentence(1, 1), lang: 'zh-TW', voice: ZH_TW_VOICE });
      expect((await o.speech.state()).rates).toEqual([1, 2]);
      const stored = await until('the settings stored', () =>
        ext.inExtension(async () => {
          const g = globalThis as unknown as { chrome: { storage: { sync: { get(k: string): Promise<Record<string, unknown>> } } } };
          const prefs = (await g.chrome.storage.sync.get('readerPrefs')).readerPrefs as { ttsVoices?: object } | undefined;
          return prefs?.ttsVoices && Object.keys(prefs.ttsVoices).length ? prefs : undefined;
        }),
      );
      expect(stored).toMatchObject({ ttsRate: 2, ttsVoices: { 'zh-CN': ZH_TW_VOICE } });
    } finally {
      await o.close();
    }
    o = await openWithSpeech(SHORT_URL);
    try {
      // This article was being read: its place is offered; Play reads from the view instead.
      await until('the offer', async () => (await o.page.evaluate(listenView)).offer ?? undefined);
      await clickInReader(o.page, '[data-action=listen]');
      await clickInReader(o.page, '[data-action=tts-play]');
      expect(await utterance(o.speech, 1)).toEqual({ text: SHORT_TITLE, lang: 'zh-TW', voice: ZH_TW_VOICE });
      expect((await o.speech.state()).rates).toEqual([2]);
      expect(await (await inReader(o.page, '[data-setting=ttsRate]')).evaluate((s) => (s as HTMLSelectElement).value)).toBe('2');
    } finally {
      await o.close();
    }
  }, 90_000);

  it('skips: →/← from the toolbar, the Next/Previous buttons, a click on a paragraph while reading, Alt+click when idle', async () => {
    const o = await openWithSpeech(SHORT_URL);
    try {
      // Idle: Alt+click on the third paragraph starts there.
      const third = await inReader(o.page, '[data-testid=reader-body] p:nth-of-type(3)');
      await third.scrollIntoView();
      await o.page.keyboard.down('Alt');
      await third.click();
      await o.page.keyboard.up('Alt');
      expect((await utterance(o.speech, 1)).text).toBe(sentence(3, 1));
      await o.speech.end();
      expect((await utterance(o.speech, 2)).text).toBe(sentence(3, 2));
      // Keys with the focus in the toolbar (the Listen button).
      await clickInReader(o.page, '[data-action=listen]');
      await o.page.keyboard.press('ArrowRight');
      expect((await utterance(o.speech, 3)).text).toBe(sentence(4, 1));
      await o.page.keyboard.press('ArrowLeft');
      expect((await utterance(o.speech, 4)).text).toBe(sentence(3, 1));
      await clickInReader(o.page, '[data-action=tts-previous]');
      expect((await utterance(o.speech, 5)).text).toBe(sentence(2, 1));
      await clickInReader(o.page, '[data-action=tts-next]');
      expect((await utterance(o.speech, 6)).text).toBe(sentence(3, 1));
      // A plain click on a paragraph while reading: from there.
      const fifth = await inReader(o.page, '[data-testid=reader-body] p:nth-of-type(5)');
      await fifth.scrollIntoView();
      await fifth.click();
      expect((await utterance(o.speech, 7)).text).toBe(sentence(5, 1));
      const view = await until('the fifth paragraph marked', async () => {
        const v = await o.page.evaluate(listenView);
        return v.paragraph?.startsWith(sentence(5, 1)) && v;
      });
      expect(view.status).toMatch(/^Reading paragraph 6 of 14/);
      // One utterance at a time, each skip cancelling the one before.
      const state = await o.speech.state();
      expect(state.maxQueued).toBe(1);
      expect(state.calls.filter((c) => c === 'cancel').length).toBeGreaterThanOrEqual(5);
    } finally {
      await o.close();
    }
  }, 60_000);

  it('a stalled engine (no end, no boundary) is resumed, then the sentence restarted; reading goes on once it answers', async () => {
    const o = await openWithSpeech(SHORT_URL);
    try {
      await clickInReader(o.page, '[data-action=listen]');
      expect((await utterance(o.speech, 1)).text).toBe(SHORT_TITLE);
      // The engine says nothing more about the title. First the watchdog resumes it…
      const resumed = await until(
        'the watchdog to resume the engine',
        async () => {
          const s = await o.speech.state();
          return s.calls.at(-1) === 'resume' && s.spoken.length === 1 && s;
        },
        20_000,
      );
      expect(resumed.calls).toEqual(['speak', 'resume']);
      // …then speaks the sentence again.
      const restarted = await until('the sentence restarted', async () => (await o.speech.state()).spoken.length === 2, 20_000);
      expect(restarted).toBe(true);
      const s = await o.speech.state();
      expect(s.spoken.map((x) => x.text)).toEqual([SHORT_TITLE, SHORT_TITLE]);
      expect(s.calls).toEqual(['speak', 'resume', 'resume', 'cancel', 'speak']);
      expect(await o.speech.end()).toBe(true);
      expect((await utterance(o.speech, 3)).text).toBe(sentence(1, 1));
      const view = await o.page.evaluate(listenView);
      expect(view.message).toBe('');
      expect(view.status).toMatch(/^Reading paragraph 2 of 14/);
    } finally {
      await o.close();
    }
  }, 60_000);

  it('closing the reader while reading, then reopening: Continue reads on from that sentence; the panel and the offer pass axe', async () => {
    const o = await openWithSpeech(SHORT_URL);
    try {
      await clickInReader(o.page, '[data-action=listen]');
      for (let i = 1; i <= 4; i++) {
        await utterance(o.speech, i);
        await o.speech.end();
      }
      expect((await utterance(o.speech, 5)).text).toBe(sentence(1, 4));
      // Earlier tests listened to this page too, and their place may be stored: only what this close saves is read
      // below (the first poll could otherwise find theirs).
      await ext.inExtension(async () => {
        const g = globalThis as unknown as { chrome: { storage: { local: { remove(k: string): Promise<void> } } } };
        await g.chrome.storage.local.remove('listenPositions');
      });
      expect(await ext.sendToTab(o.tab, { type: 'pnr:set-reader', on: false })).toEqual({ reader: false });
      const saved = await until('the place saved', () =>
        ext.inExtension(async () => {
          const g = globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } };
          return (await g.chrome.storage.local.get('listenPositions')).listenPositions as Record<string, unknown> | undefined;
        }),
      );
      expect(saved).toMatchObject({ [SHORT_URL]: { paragraph: 1, sentence: 3 } });

      await openReader(o.page, o.tab);
      const offer = await until('the offer', async () => (await o.page.evaluate(listenView)).offer ?? undefined);
      expect(offer).toContain('You were listening to this article, at paragraph 2.');
      const spokenBefore = (await o.speech.state()).spoken.length;

      for (const theme of ['light', 'dark']) {
        await ext.inExtension(async (t: string) => {
          const g = globalThis as unknown as { chrome: { storage: { sync: { set(items: object): Promise<void> } } } };
          await g.chrome.storage.sync.set({ readerPrefs: { theme: t } });
        }, theme);
        await until(`the ${theme} theme`, () =>
          o.page.evaluate(
            (t: string) =>
              (document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('.pnr-root') as HTMLElement).dataset.pnrTheme ===
                t || undefined,
            theme,
          ),
        );
        const result = await runAxe(o.page, 'proxied-news-reader');
        expect(result.checked).toBeGreaterThan(5);
        expect({ theme, violations: result.violations }).toEqual({ theme, violations: [] });
      }

      await clickInReader(o.page, '[data-action=tts-continue]');
      expect((await utterance(o.speech, spokenBefore + 1)).text).toBe(sentence(1, 4));
      await until('the offer gone', async () => (await o.page.evaluate(listenView)).offer === null);
      // Reading, with the Listen panel open (voices, speed, skip buttons): axe in both themes.
      await clickInReader(o.page, '[data-action=listen]');
      await inReader(o.page, '[data-setting=ttsVoice]');
      for (const theme of ['dark', 'light']) {
        await ext.inExtension(async (t: string) => {
          const g = globalThis as unknown as { chrome: { storage: { sync: { set(items: object): Promise<void> } } } };
          await g.chrome.storage.sync.set({ readerPrefs: { theme: t } });
        }, theme);
        await until(`the ${theme} theme`, () =>
          o.page.evaluate(
            (t: string) =>
              (document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('.pnr-root') as HTMLElement).dataset.pnrTheme ===
                t || undefined,
            theme,
          ),
        );
        const result = await runAxe(o.page, 'proxied-news-reader');
        expect({ theme, violations: result.violations }).toEqual({ theme, violations: [] });
      }
    } finally {
      await o.close();
    }
  }, 90_000);
});
