// The reader's extras in real browsers (issue 4): read aloud, 简/繁 conversion, copying from the popup and
// printing. Chromium first, then Firefox (print and 简/繁), one browser at a time, each with its own build of the
// extension (another test run rebuilding dist/ cannot change the files under it).
//
// Read aloud: headless Chromium has speechSynthesis but no voices (every utterance fails with
// "synthesis-failed"), so one test checks that the reader says so, and the others install a fake engine where the
// reader's code looks for it: in the content script's isolated world, found through CDP
// (Runtime.executionContextCreated names it after the extension). The page's own world would not do: its
// `window` is not the content script's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extract } from '../../src/core';
import type { Article } from '../../src/core/types';
import { parseHtml } from '../../src/node/dom';
import { fixture, PROXY_MARK } from './expectations';
import { PROXY_HOST } from './fake-web';
import { clickInReader, ExtensionBrowser, until, type BrowserKind } from './harness';
import { readerView } from './reader-view';
import { contentScriptWorld, fakeSpeech, installFakeSpeech, type FakeSpeech } from './speech-world';

const SITE = 'https://news.zfe.space';
/** Chinese (Simplified), short: 1 image, 6 paragraphs. */
const ZH_SHORT = 'ithome-tag-links';
/** Chinese, 42 images, text outside any paragraph element (spans between paragraphs, a lone <section>). */
const ZH_LONG = 'yystv-lazy-original';
/** English, two links, a link outside any paragraph. */
const EN = 'wef-english-stray-div';
/** Chinese, two links and two images in a short text: the print test's page. */
const PRINTED = 'ithome-article-links-kept';
/** Proxied images and a long text: the copy test's page. */
const COPIED = 'pmcaff-largest-page';
const PAGES = [ZH_SHORT, ZH_LONG, EN, PRINTED, COPIED];

const articleUrl = (name: string) => `${SITE}/p/${name}.html`;

/** The article as the core reads the fixture in Node (jsdom): what the extension should end up with. */
function nodeArticle(name: string): Article {
  return extract(parseHtml(fixture(`rendered/${name}.html`), articleUrl(name)));
}

/** White space and invisible format characters (zero-width joiners) removed, compatibility forms folded (NFKC:
 * a PDF's Kangxi radical ⽤ is 用). */
const squash = (s: string) => s.normalize('NFKC').replace(/[\s\p{Cf}]+/gu, '');

// ---- Things that run in the page (main world). The reader's shadow root is open, so its DOM is readable here.

/** The open reader's title and body text, or undefined while it is not there. */

interface SpeakingView {
  /** Elements marked as being read; `order`: the element's place in the reader's tree (tells equal texts apart). */
  marked: Array<{ tag: string; id: string; text: string; order: number }>;
  /** The listen panel's status line, when the panel is open. */
  status: string | null;
  /** The reader's status line (errors). */
  message: { text: string; error: boolean };
  listenActive: boolean;
  listenDisabled: boolean;
}

function speakingView(): SpeakingView {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  const listen = shadow.querySelector<HTMLButtonElement>('[data-action=listen]')!;
  const message = shadow.querySelector('[data-testid=reader-status]')!;
  const all = Array.from(shadow.querySelectorAll('*'));
  return {
    marked: Array.from(shadow.querySelectorAll('.pnr-speaking')).map((el) => ({
      tag: el.localName,
      id: el.id,
      text: el.textContent ?? '',
      order: all.indexOf(el),
    })),
    status: shadow.querySelector('[data-testid=tts-status]')?.textContent ?? null,
    message: { text: message.textContent ?? '', error: message.classList.contains('pnr-status-error') },
    listenActive: listen.classList.contains('pnr-tool-active'),
    listenDisabled: listen.disabled,
  };
}

/** Everything the reader shows as the article (title, meta, body), and the page's article underneath. */
function textsNow(): { article: string; articleHtml: string; lang: string; page: string } {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  const art = shadow.querySelector('article')!;
  return {
    article: art.textContent ?? '',
    articleHtml: art.innerHTML,
    lang: art.getAttribute('lang') ?? '',
    page: document.querySelector('article#post')!.outerHTML,
  };
}

// ---- PDFs (poppler-utils).

const POPPLER_HINT = 'pdftotext and pdfimages (poppler-utils) check the printed PDF: apt-get install -y poppler-utils';

function requirePoppler(): void {
  for (const tool of ['pdftotext', 'pdfimages']) {
    try {
      execFileSync(tool, ['-v'], { stdio: 'pipe' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} not found. ${POPPLER_HINT}`);
      // poppler tools print their version on stderr and may exit non-zero for -v: present.
    }
  }
}

interface PrintedPdf {
  text: string;
  /** Pictures in the PDF (pdfimages rows of type "image": soft masks are not counted). */
  images: Array<{ width: number; height: number }>;
  /** Link annotations' URIs, where the PDF writes them uncompressed (Chromium does). */
  uris: string[];
  bytes: number;
}

function readPdf(pdf: Uint8Array, dir: string, name: string): PrintedPdf {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  // -raw: the content stream's order (the layout mode puts a Latin word at a paragraph's start on a line of its own
  // when its font's baseline differs from the CJK font's).
  const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  const images = list
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[2] === 'image')
    .map((cols) => ({ width: Number(cols[3]), height: Number(cols[4]) }));
  const raw = Buffer.from(pdf).toString('latin1');
  const uris = Array.from(raw.matchAll(/\/URI\s*\(([^)]*)\)/g), (m) => m[1]!);
  return { text, images, uris, bytes: pdf.length };
}

/** What the reader should print, block by block: each leaf block's text with " <href>" after each text link
 * (the print CSS writes addresses out), and its pictures: `settled` when none is on its way (each has loaded, failed,
 * or is lazily waiting to be scrolled near, which Firefox's reader does not do for pictures far below). Runs in the
 * page. */
function printExpectation(): { title: string; blocks: string[]; links: string[]; images: number; settled: boolean } {
  const shadow = document.querySelector('proxied-news-reader')!.shadowRoot!;
  const body = shadow.querySelector('[data-testid=reader-body]')!;
  const leaves = Array.from(body.querySelectorAll('p, li, h1, h2, h3, h4, h5, h6, blockquote, figcaption, td, th')).filter(
    (el) => !el.querySelector('p, li, h1, h2, h3, h4, h5, h6, blockquote, figcaption, td, th'),
  );
  const printed = (el: Element): string => {
    const copy = el.cloneNode(true) as Element;
    for (const a of Array.from(copy.querySelectorAll('a[href]'))) {
      if (!a.querySelector('img')) a.after(` <${a.getAttribute('href')}>`);
    }
    return copy.textContent ?? '';
  };
  return {
    title: shadow.querySelector('[data-testid=title]')!.textContent ?? '',
    blocks: leaves.map(printed).filter((t) => t.trim() !== ''),
    links: Array.from(body.querySelectorAll('a[href]'))
      .filter((a) => !a.querySelector('img'))
      .map((a) => a.getAttribute('href')!),
    images: shadow.querySelectorAll('img').length,
    settled: Array.from(shadow.querySelectorAll('img')).every((img) => img.complete || (img.loading === 'lazy' && img.currentSrc === '')),
  };
}

/** ASCII letters and digits only: what survives Firefox's PDF fonts for CJK text (pdftotext cannot map many of
 * their glyphs back to characters: U+FFFD). */
const asciiSkeleton = (s: string) => s.normalize('NFKC').replace(/[^A-Za-z0-9]+/g, '');

/** A browser of `kind` with the extension built into a directory of its own (a concurrent run rebuilding dist/
 *  cannot swap chunks under it), a directory for PDFs, and the test pages served. */
async function launchExtras(kind: BrowserKind): Promise<{ ext: ExtensionBrowser; buildDir: string; pdfDir: string }> {
  const buildDir = mkdtempSync(path.join(tmpdir(), `pnr-extras-${kind}-`));
  const pdfDir = mkdtempSync(path.join(tmpdir(), 'pnr-extras-pdf-'));
  const ext = await ExtensionBrowser.launch(kind, buildDir);
  for (const name of PAGES) ext.web.addPage(articleUrl(name), fixture(`rendered/${name}.html`));
  return { ext, buildDir, pdfDir };
}

async function closeExtras(ext: ExtensionBrowser | undefined, buildDir?: string, pdfDir?: string): Promise<void> {
  await ext?.close();
  for (const dir of [buildDir, pdfDir]) if (dir) rmSync(dir, { recursive: true, force: true });
}

// =====================================================================================================

describe('reader extras in Chromium', () => {
  let ext: ExtensionBrowser;
  let buildDir: string;
  let pdfDir: string;

  beforeAll(async () => {
    ({ ext, buildDir, pdfDir } = await launchExtras('chromium'));
  }, 120_000);

  afterAll(() => closeExtras(ext, buildDir, pdfDir));

  // Reading positions are kept per article: a position saved by one test would make the next start reading
  // from the middle.
  beforeEach(async () => {
    await ext.inExtension(async () => {
      const api = (
        globalThis as unknown as { chrome: { storage: { local: { clear(): Promise<void> }; sync: { clear(): Promise<void> } } } }
      ).chrome;
      await api.storage.local.clear();
      await api.storage.sync.clear();
    });
  });

  /** Open an article page, wait until it is cleaned, and give its tab id. */
  async function openArticle(name: string): Promise<{ page: Page; tab: number }> {
    const page = await ext.open(ext.siteUrl(`/p/${name}.html`));
    await until(`${name} to be cleaned`, () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'));
    return { page, tab: await ext.tabIdOf(page) };
  }

  async function openReader(page: Page, tab: number): Promise<{ title: string; body: string }> {
    expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
    return until('the reader', () => page.evaluate(readerView));
  }

  describe('read aloud', () => {
    /** An article page with the fake engine installed in the content script's world, and its reader open. */
    async function readerWithFakeSpeech(name: string) {
      const { page, tab } = await openArticle(name);
      const world = await contentScriptWorld(ext, page);
      // The content script's world had the real engine (no voices) before; ours is what the reader will find.
      expect(await world.run(() => `${typeof speechSynthesis}:${speechSynthesis.getVoices().length}`)).toBe('object:0');
      expect(await world.run(installFakeSpeech)).toBe('object:3');
      // The page's own world is another world: it still sees the browser's engine.
      expect(await page.evaluate(() => speechSynthesis.getVoices().length)).toBe(0);
      const view = await openReader(page, tab);
      return { page, tab, world, speech: fakeSpeech(world), view };
    }

    /**
     * Let the engine finish every utterance, one at a time, recording which element was highlighted while each
     * was spoken. Stops when the reader has nothing more to say.
     */
    async function readToTheEnd(page: Page, speech: FakeSpeech) {
      const read: Array<{ tag: string; id: string; text: string; order: number; chunks: string[] }> = [];
      for (let guard = 0; guard < 2000; guard++) {
        const engine = await speech.state();
        if (engine.queued === 0) return { read, engine };
        const view = await page.evaluate(speakingView);
        // Exactly one element is highlighted: the one being read.
        expect(view.marked).toHaveLength(1);
        const marked = view.marked[0]!;
        const utterance = engine.spoken[engine.spoken.length - 1]!;
        expect(squash(marked.text)).toContain(squash(utterance.text));
        const last = read[read.length - 1];
        if (!last || last.order !== marked.order) read.push({ ...marked, chunks: [utterance.text] });
        else last.chunks.push(utterance.text);
        expect(await speech.end()).toBe(true);
      }
      throw new Error('the reader never stopped reading');
    }

    it('Chinese article: Listen reads the title, then every paragraph, in Chinese, each highlighted while read; nothing is skipped', async () => {
      for (const name of [ZH_SHORT, ZH_LONG]) {
        const { page, world, speech, view } = await readerWithFakeSpeech(name);
        try {
          await clickInReader(page, '[data-action=listen]');
          const first = await until('the first utterance', async () => (await speech.state()).spoken[0]);
          // The article's language picks the voice: the Chinese one, not the browser's default English.
          expect(first).toEqual({ text: view.title, lang: 'zh-CN', voice: 'Fake 普通话（中国大陆）' });
          const now = await page.evaluate(speakingView);
          expect(now.marked).toEqual([expect.objectContaining({ tag: 'h1', id: 'pnr-reader-title', text: view.title })]);
          const reading = await until('the reading status', async () => {
            const v = await page.evaluate(speakingView);
            return v.status?.startsWith('Reading paragraph 1 of') && v;
          });
          expect(reading.status).toMatch(/^Reading paragraph 1 of \d+ · zh-CN$/);
          expect(reading.listenActive).toBe(true);

          const { read, engine } = await readToTheEnd(page, speech);
          // One utterance at a time, all in Chinese.
          expect(engine.maxQueued).toBe(1);
          expect(new Set(engine.spoken.map((s) => `${s.lang}|${s.voice}`))).toEqual(new Set(['zh-CN|Fake 普通话（中国大陆）']));
          // Each highlighted element was read whole, in utterances (long paragraphs are cut at sentence ends).
          for (const r of read) expect(squash(r.chunks.join(''))).toBe(squash(r.text));
          // The title and then the whole body, in order: every character of the article's text was read.
          expect(read[0]!.id).toBe('pnr-reader-title');
          for (let i = 1; i < read.length; i++) expect(read[i]!.order).toBeGreaterThan(read[i - 1]!.order);
          expect(squash(read.map((r) => r.text).join(''))).toBe(squash(view.title + view.body));
          expect(read.length).toBeGreaterThan(5);

          // At the end: nothing highlighted, the panel says so, the Listen button is no longer marked.
          const done = await until('the reader to finish', async () => {
            const v = await page.evaluate(speakingView);
            return v.status === 'Not reading' && v;
          });
          expect(done.marked).toEqual([]);
          expect(done.listenActive).toBe(false);
        } finally {
          await world.detach();
          await page.close();
        }
      }
    }, 120_000);

    it('English article: read in English with the English voice, to the end, nothing skipped', async () => {
      const { page, world, speech, view } = await readerWithFakeSpeech(EN);
      try {
        await clickInReader(page, '[data-action=listen]');
        const first = await until('the first utterance', async () => (await speech.state()).spoken[0]);
        expect(first).toEqual({ text: view.title, lang: 'en-US', voice: 'Fake English (United States)' });
        const { read, engine } = await readToTheEnd(page, speech);
        expect(new Set(engine.spoken.map((s) => s.lang))).toEqual(new Set(['en-US']));
        for (const r of read) expect(squash(r.chunks.join(''))).toBe(squash(r.text));
        expect(squash(read.map((r) => r.text).join(''))).toBe(squash(view.title + view.body));
        await until('the reader to finish', async () => (await page.evaluate(speakingView)).status === 'Not reading');
      } finally {
        await world.detach();
        await page.close();
      }
    }, 60_000);

    it('pause and resume reach the engine; stop cancels it and clears the highlight; a late end changes nothing; closing the reader stops speech', async () => {
      const { page, tab, world, speech, view } = await readerWithFakeSpeech(ZH_SHORT);
      try {
        await clickInReader(page, '[data-action=listen]');
        await until('the first utterance', async () => (await speech.state()).spoken.length === 1);
        // The utterance's end moves on to the next paragraph, and the highlight with it.
        expect(await speech.end()).toBe(true);
        const second = await until('the second paragraph', async () => {
          const v = await page.evaluate(speakingView);
          return v.status?.startsWith('Reading paragraph 2 of') && v;
        });
        expect(second.marked).toHaveLength(1);
        expect(second.marked[0]!.id).not.toBe('pnr-reader-title');
        expect(view.body).toContain(second.marked[0]!.text.trim());
        const spokenSecond = (await speech.state()).spoken[1]!;
        expect(squash(second.marked[0]!.text)).toContain(squash(spokenSecond.text));

        await clickInReader(page, '[data-action=tts-pause]');
        const paused = await until('paused', async () => {
          const v = await page.evaluate(speakingView);
          return v.status?.startsWith('Paused at paragraph 2 of') && v;
        });
        expect((await speech.state()).calls.slice(-1)).toEqual(['pause']);
        // Still highlighted while paused.
        expect(paused.marked).toEqual(second.marked);
        expect(
          await page.evaluate(() =>
            document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-action=tts-play]')?.textContent?.trim(),
          ),
        ).toBe('Resume');

        await clickInReader(page, '[data-action=tts-play]');
        await until('reading again', async () => (await page.evaluate(speakingView)).status?.startsWith('Reading paragraph 2 of'));
        expect((await speech.state()).calls.slice(-1)).toEqual(['resume']);
        // Resumed, not restarted: nothing new was spoken.
        expect((await speech.state()).spoken).toHaveLength(2);

        const callsBeforeStop = (await speech.state()).calls.length;
        await clickInReader(page, '[data-action=tts-stop]');
        const stopped = await until('stopped', async () => {
          const v = await page.evaluate(speakingView);
          return v.status === 'Not reading' && v;
        });
        const afterStop = await speech.state();
        // Cancelled (after a resume: a paused engine would keep a cancelled queue paused in some browsers).
        expect(afterStop.calls.slice(callsBeforeStop)).toEqual(['resume', 'cancel']);
        expect(afterStop.queued).toBe(0);
        expect(stopped.marked).toEqual([]);
        expect(stopped.listenActive).toBe(false);
        // The cancelled utterance's late events ("interrupted", then an end) do not start the next paragraph.
        await speech.endCancelled();
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await speech.state()).spoken).toHaveLength(2);
        expect((await page.evaluate(speakingView)).marked).toEqual([]);
        expect((await page.evaluate(speakingView)).message.error).toBe(false);

        // Play again, then close the reader: the engine is cancelled with it.
        await clickInReader(page, '[data-action=tts-play]');
        await until('speaking again', async () => (await speech.state()).spoken.length === 3);
        const again = await page.evaluate(speakingView);
        expect(again.marked).toHaveLength(1);
        expect(squash(again.marked[0]!.text)).toContain(squash((await speech.state()).spoken[2]!.text));
        const cancelsBefore = (await speech.state()).calls.filter((c) => c === 'cancel').length;
        expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: false })).toEqual({ reader: false });
        const cancelsAfter = (await speech.state()).calls.filter((c) => c === 'cancel').length;
        expect(cancelsAfter).toBe(cancelsBefore + 1);
        expect((await speech.state()).queued).toBe(0);
      } finally {
        await world.detach();
        await page.close();
      }
    }, 60_000);

    it("the browser's own engine without voices (headless Chromium): Listen says reading stopped, nothing stays highlighted", async () => {
      const { page, tab } = await openArticle(ZH_SHORT);
      try {
        const world = await contentScriptWorld(ext, page);
        // What this test is about: the real engine, present, with no voice to speak with.
        expect(await world.run(() => `${typeof speechSynthesis}:${speechSynthesis.getVoices().length}`)).toBe('object:0');
        await world.detach();
        await openReader(page, tab);
        expect((await page.evaluate(speakingView)).listenDisabled).toBe(false);
        await clickInReader(page, '[data-action=listen]');
        const failed = await until(
          'the error message',
          async () => {
            const v = await page.evaluate(speakingView);
            return v.message.error && v;
          },
          10_000,
        );
        expect(failed.message.text).toBe('Reading aloud stopped: synthesis-failed');
        const settled = await until('idle', async () => {
          const v = await page.evaluate(speakingView);
          return v.status === 'Not reading' && v;
        });
        expect(settled.marked).toEqual([]);
        expect(settled.listenActive).toBe(false);
        // The error stays (errors do not fade) until the next action.
        await new Promise((resolve) => setTimeout(resolve, 3000));
        expect((await page.evaluate(speakingView)).message.text).toBe('Reading aloud stopped: synthesis-failed');
      } finally {
        await page.close();
      }
    }, 60_000);
  });

  describe('简/繁 conversion', () => {
    it('Traditional on a Simplified page: the text changes, the opencc chunk is fetched only then (once), As published restores the text exactly, the page is untouched', async () => {
      const chunks = readdirSync(path.join(buildDir, 'assets'));
      const cn2t = chunks.find((f) => /^cn2t-.*\.js$/.test(f));
      const t2cn = chunks.find((f) => /^t2cn-.*\.js$/.test(f));
      expect(cn2t && t2cn).toBeTruthy();
      // The dictionary chunk is big: the reason it is loaded only on demand.
      expect(statSync(path.join(buildDir, 'assets', cn2t!)).size).toBeGreaterThan(500_000);
      const chunkRequests: string[] = [];

      // Watched from the start: the content script loads the reader's chunks ahead, once the article is cleaned.
      ext.web.scenario = 'original';
      const page = await ext.newPage();
      page.on('request', (request) => {
        const url = request.url();
        if (url.startsWith(`${ext.origin}/assets/`)) chunkRequests.push(url.slice(`${ext.origin}/assets/`.length));
      });
      await page.goto(ext.siteUrl(`/p/${ZH_SHORT}.html`), { waitUntil: 'load', timeout: 20_000 });
      await until(`${ZH_SHORT} to be cleaned`, () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'));
      const tab = await ext.tabIdOf(page);
      try {
        const view = await openReader(page, tab);
        const before = await page.evaluate(textsNow);
        expect(before.lang).toBe('zh-CN');
        // The fixture's own words, as published (Simplified).
        expect(view.title).toBe('三星在印度推出信用卡服务，购买智能手机 _ 电脑 _ 电视等可获得返现');
        expect(view.body).toContain('三星印度宣布与 Axis Bank 合作推出一款信用卡');

        // Opening the reader and its panel loads no converter (the reader's own chunks did load: the check sees them).
        await clickInReader(page, '[data-action=convert]');
        await until('the convert panel', () =>
          page.evaluate(() => !!document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('input[value=traditional]')),
        );
        expect(chunkRequests.some((f) => f.startsWith('overlay-'))).toBe(true);
        expect(chunkRequests.filter((f) => f === cn2t || f === t2cn)).toEqual([]);

        await clickInReader(page, 'input[value=traditional]');
        const converted = await until(
          'the Traditional text',
          async () => {
            const now = await page.evaluate(textsNow);
            return now.lang === 'zh-TW' && now.article !== before.article && now;
          },
          15_000,
        );
        expect(chunkRequests.filter((f) => f === cn2t || f === t2cn)).toEqual([cn2t]);
        const shown = (await page.evaluate(readerView))!;
        expect(shown.title).toBe('三星在印度推出信用卡服務，購買智能手機 _ 電腦 _ 電視等可獲得返現');
        expect(shown.body).toContain('三星印度宣佈與 Axis Bank 合作推出一款信用卡');
        for (const simplified of ['服务', '购买', '电脑', '电视', '获得', '与']) expect(shown.title + shown.body).not.toContain(simplified);
        // The same conversion as opencc-js gives in Node, paragraph by paragraph (character forms only: 信息 stays).
        const { Converter } = (await import('opencc-js/cn2t')) as unknown as {
          Converter(o: { from: string; to: string }): (s: string) => string;
        };
        const toTw = Converter({ from: 'cn', to: 'tw' });
        expect(squash(shown.body)).toBe(squash(toTw(view.body)));
        // Only the text changed: the same elements, the same number of characters.
        expect(converted.article.length).toBe(before.article.length);
        const status = await page.evaluate(
          () => document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('[data-testid=reader-status]')!.textContent,
        );
        expect(status).toBe('Shown in Traditional characters');
        // The page underneath was not converted.
        expect(converted.page).toBe(before.page);

        await clickInReader(page, 'input[value=original]');
        const restored = await until('the text as published', async () => {
          const now = await page.evaluate(textsNow);
          return now.lang === 'zh-CN' && now;
        });
        expect(restored.article).toBe(before.article);
        expect(restored.articleHtml).toBe(before.articleHtml);
        expect(restored.page).toBe(before.page);

        // Asked again: converted again from the chunk already loaded.
        await clickInReader(page, 'input[value=traditional]');
        await until('Traditional again', async () => (await page.evaluate(textsNow)).article === converted.article);
        expect(chunkRequests.filter((f) => f === cn2t || f === t2cn)).toEqual([cn2t]);

        // Closed: the page is exactly as before the reader.
        expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: false })).toEqual({ reader: false });
        expect(await page.evaluate(() => document.querySelector('article#post')!.outerHTML)).toBe(before.page);
      } finally {
        await page.close();
      }
    }, 60_000);
  });

  describe('copy from the popup', () => {
    it('as text, as Markdown and as HTML: the real clipboard holds the article, image addresses unwrapped, HTML with a plain-text alternative', async () => {
      const want = nodeArticle(COPIED);
      // Something to unwrap, or the test proves nothing: proxied images on the page, their originals in the article.
      const unwrapped = want.images.filter((img) => img.original?.includes(PROXY_HOST));
      expect(unwrapped.length).toBeGreaterThan(0);
      expect(fixture(`rendered/${COPIED}.html`)).toContain(PROXY_MARK);

      await ext.browser.defaultBrowserContext().overridePermissions(ext.origin, ['clipboard-read', 'clipboard-sanitized-write']);
      const { page, tab } = await openArticle(COPIED);
      const popup = await ext.openExtensionPage(`src/popup/index.html?tab=${tab}`);
      try {
        await until('the popup to show the article', () =>
          popup.evaluate(() => document.querySelector('[data-testid=title]')?.textContent?.trim() || undefined),
        );

        /** Put a marker on the clipboard, click `action`, wait for its confirmation, read every flavour back. */
        const copyWith = async (action: string, confirmation: string): Promise<{ status: string; flavours: Record<string, string> }> => {
          await popup.bringToFront();
          await popup.evaluate(() => navigator.clipboard.writeText('marker: not copied yet'));
          await popup.click(`[data-action=${action}]`);
          // Each format has its own confirmation; an error stays on the same line.
          const status = await until(`the ${action} confirmation`, () =>
            popup.evaluate((wanted: string) => {
              const line = document.querySelector('[data-testid=status]');
              const text = line?.textContent ?? '';
              return text === wanted || line?.classList.contains('status-error') ? text : undefined;
            }, confirmation),
          );
          const flavours = await popup.evaluate(async () => {
            const out: Record<string, string> = {};
            for (const item of await navigator.clipboard.read()) {
              for (const type of item.types) out[type] = await (await item.getType(type)).text();
            }
            return out;
          });
          return { status, flavours };
        };

        // Plain text: the title, then the article's text; no address at all, so none of the proxy.
        const text = await copyWith('copy-text', 'Copied as plain text');
        expect(text.status).toBe('Copied as plain text');
        expect(Object.keys(text.flavours)).toEqual(['text/plain']);
        const plain = text.flavours['text/plain']!;
        expect(plain.startsWith(`${want.title}\n\n`)).toBe(true);
        expect(squash(plain)).toBe(squash(want.title + want.text));
        expect(plain).not.toContain(PROXY_HOST);
        // Paragraphs stay apart (article.text collapses them).
        expect(plain.split('\n\n').length).toBeGreaterThan(20);

        // Markdown: the title as a heading, then the core's Markdown, images at their original addresses.
        const markdown = await copyWith('copy-markdown', 'Copied as Markdown');
        expect(markdown.status).toBe('Copied as Markdown');
        const md = markdown.flavours['text/plain']!;
        expect(md.startsWith(`# ${want.title}\n\n`)).toBe(true);
        expect(md).toBe(`# ${want.title}\n\n${want.markdown!.trim()}\n`);
        expect(md).not.toContain(PROXY_HOST);
        for (const img of unwrapped) expect(md).toContain(`](${img.url}`);
        const mdImages = Array.from(md.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g), (m) => m[1]);
        expect(mdImages.length).toBeGreaterThanOrEqual(unwrapped.length);

        // HTML: text/html with the title and the unwrapped images, and the plain text as its alternative.
        const html = await copyWith('copy-html', 'Copied as HTML');
        expect(html.status).toBe('Copied as HTML');
        expect(Object.keys(html.flavours).sort()).toEqual(['text/html', 'text/plain']);
        expect(html.flavours['text/plain']).toBe(plain);
        const markup = html.flavours['text/html']!;
        expect(markup).not.toContain(PROXY_HOST);
        const parsed = await popup.evaluate((source: string) => {
          const doc = new DOMParser().parseFromString(source, 'text/html');
          return {
            h1: doc.querySelector('h1')?.textContent ?? '',
            images: Array.from(doc.querySelectorAll('img'), (img) => img.getAttribute('src') ?? ''),
            text: doc.body.textContent ?? '',
          };
        }, markup);
        expect(parsed.h1).toBe(want.title);
        expect(parsed.images).toEqual(want.images.map((img) => img.url));
        expect(squash(parsed.text)).toBe(squash(want.title + want.text));
      } finally {
        await popup.close();
        await page.close();
      }
    }, 60_000);
  });

  describe('print', () => {
    it('printing with the reader open prints the article only: text, link addresses, links and pictures (PDF checked with poppler)', async () => {
      requirePoppler();
      await printTest(ext, PRINTED, pdfDir, 'chromium');
    }, 90_000);
  });
});

describe('reader extras in Firefox', () => {
  let ext: ExtensionBrowser;
  let buildDir: string;
  let pdfDir: string;

  beforeAll(async () => {
    ({ ext, buildDir, pdfDir } = await launchExtras('firefox'));
  }, 120_000);

  afterAll(() => closeExtras(ext, buildDir, pdfDir));

  it('print (WebDriver BiDi browsingContext.print): the article only, link addresses and pictures kept', async () => {
    requirePoppler();
    await printTest(ext, PRINTED, pdfDir, 'firefox');
  }, 90_000);

  it('简/繁: Traditional changes the text, As published restores it exactly, the page is untouched', async () => {
    const page = await ext.open(ext.siteUrl(`/p/${ZH_SHORT}.html`));
    try {
      await until('cleaned', () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'));
      const tab = await ext.tabIdOf(page);
      expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
      await until('the reader', () => page.evaluate(readerView));
      const before = await page.evaluate(textsNow);
      await clickInReader(page, '[data-action=convert]');
      await until('the convert panel', () =>
        page.evaluate(() => !!document.querySelector('proxied-news-reader')!.shadowRoot!.querySelector('input[value=traditional]')),
      );
      await clickInReader(page, 'input[value=traditional]');
      const converted = await until(
        'the Traditional text',
        async () => {
          const now = await page.evaluate(textsNow);
          return now.lang === 'zh-TW' && now.article !== before.article && now;
        },
        15_000,
      );
      const shown = (await page.evaluate(readerView))!;
      expect(shown.title).toBe('三星在印度推出信用卡服務，購買智能手機 _ 電腦 _ 電視等可獲得返現');
      expect(shown.body).toContain('三星印度宣佈與 Axis Bank 合作推出一款信用卡');
      expect(converted.page).toBe(before.page);

      await clickInReader(page, 'input[value=original]');
      const restored = await until('the text as published', async () => {
        const now = await page.evaluate(textsNow);
        return now.lang === 'zh-CN' && now;
      });
      expect(restored.article).toBe(before.article);
      expect(restored.articleHtml).toBe(before.articleHtml);
      expect(restored.page).toBe(before.page);
    } finally {
      await page.close();
    }
  }, 60_000);
});

/**
 * Print `name` twice: the cleaned page without the reader (the control: the page's own chrome is printed), then
 * with the reader open. The reader's PDF must hold the article (each block's text, with link addresses written
 * out), its pictures, and none of the page's own lines that the control printed.
 */
async function printTest(ext: ExtensionBrowser, name: string, dir: string, kind: BrowserKind): Promise<void> {
  const page = await ext.open(ext.siteUrl(`/p/${name}.html`));
  try {
    await until('cleaned', () => page.evaluate(() => document.documentElement.dataset.proxiedNewsReader === 'cleaned'));
    const tab = await ext.tabIdOf(page);
    const control = readPdf(await page.pdf({ format: 'A4' }), dir, `${kind}-${name}-page`);

    expect(await ext.sendToTab(tab, { type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
    await until('the reader', () => page.evaluate(readerView));
    const want = await until(
      'no reader picture on its way',
      async () => {
        const e = await page.evaluate(printExpectation);
        return e.settled && e;
      },
      15_000,
    );
    // Every picture's address works in this scenario (the fake web's 'original'): all of them must be printed.
    expect(want.images).toBeGreaterThan(1);
    expect(want.links.length).toBeGreaterThan(0);
    // The page's own style attributes as printing begins: print.ts hides the page for the print and must put them back.
    const pageStyles = () =>
      page.evaluate(() => ({
        html: document.documentElement.getAttribute('style'),
        body: document.body.getAttribute('style'),
        bodyDisplay: getComputedStyle(document.body).display,
      }));
    const stylesBefore = await pageStyles();
    expect(stylesBefore.bodyDisplay).not.toBe('none');

    const printed = readPdf(await page.pdf({ format: 'A4' }), dir, `${kind}-${name}-reader`);

    // Page-only lines: printed in the control, and not part of what the reader shows. In Firefox's PDFs only the ASCII
    // letters and digits of CJK lines come back from pdftotext (below), so lines are compared by those there.
    const norm = kind === 'chromium' ? squash : asciiSkeleton;
    const shown = norm(await page.evaluate(() => document.querySelector('proxied-news-reader')!.shadowRoot!.textContent ?? ''));
    const pageOnly = [
      ...new Set(
        control.text
          .split('\n')
          .filter((line) => !line.includes('\ufffd') || kind === 'firefox')
          .map(norm)
          .filter(
            (line) =>
              line.length >= 5 &&
              /[A-Za-z\u3400-\u9fff]/.test(line) &&
              !shown.includes(line) &&
              !want.links.some((href) => norm(href).includes(line)),
          ),
      ),
    ];
    expect(pageOnly.length).toBeGreaterThanOrEqual(kind === 'chromium' ? 10 : 3);
    const readerText = squash(printed.text);
    const readerNorm = norm(printed.text);
    expect(pageOnly.filter((line) => readerNorm.includes(line))).toEqual([]);

    if (kind === 'chromium') {
      // Every block's text with its links' addresses after them, as the reader shows it.
      expect(readerText).toContain(squash(want.title));
      for (const block of want.blocks) expect(readerText).toContain(squash(block));
      // The links are still links in the PDF.
      for (const href of want.links) expect(printed.uris).toContain(href);
    } else {
      // Firefox's PDF fonts for CJK text are beyond pdftotext (it gives U+FFFD for many glyphs): compare what
      // survives, the ASCII letters and digits, block by block (the link addresses are all there).
      const skeleton = asciiSkeleton(printed.text);
      const checked = want.blocks.filter((b) => asciiSkeleton(b).length >= 3);
      expect(checked.length).toBeGreaterThan(3);
      for (const block of checked) expect(skeleton).toContain(asciiSkeleton(block));
    }
    for (const href of want.links) expect(readerText).toContain(squash(`<${href}>`));
    // Every picture of the reader, and nothing else: the fake web's 24×24 PNG.
    expect(printed.images).toHaveLength(want.images);
    for (const img of printed.images) expect(img).toEqual({ width: 24, height: 24 });
    // The control printed the page's chrome and more pages.
    expect(control.text.length).toBeGreaterThan(printed.text.length);

    // Afterwards the page's style attributes are back as they were (the body was hidden for the print: the page-only
    // lines above prove it). An absent attribute may come back empty, which is the same to the page: on a loaded
    // machine Chromium now and then left body style="" where there was none (not reproduced in isolation).
    const after = await until('the page put back after printing', async () => {
      const now = await pageStyles();
      return now.bodyDisplay !== 'none' && now;
    });
    expect(after.html).toBe(stylesBefore.html);
    expect(after.body ?? '').toBe(stylesBefore.body ?? '');
    expect(await page.evaluate(() => document.documentElement.dataset.proxiedNewsReader)).toBe('reader');
  } finally {
    await page.close();
  }
}
