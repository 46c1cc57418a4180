// The content script's controller reads a cleaned article once, ahead of any request (at idle), and answers the
// popup, the reader and copies from that one reading; a request that comes while the reading waits for idle time
// hurries it. In jsdom, with the page's idle callbacks in the test's hands.
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageState } from '../../src/shared/messages';
import { fixtureText } from '../helpers/fixtures';
import { hugeBody } from '../helpers/huge-pages';
import { buildPage } from '../helpers/page-builder';

vi.mock('webextension-polyfill', async () => {
  const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
  return { default: uiBrowserStub('en') };
});

// Counts the readings: each is one run of extractSteps.
const readings = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/core/extract', async (original) => {
  const mod = await original<typeof import('../../src/core/extract')>();
  return {
    ...mod,
    extractSteps: (...args: Parameters<typeof mod.extractSteps>) => {
      readings.count++;
      return mod.extractSteps(...args);
    },
  };
});

// The reader's preparation after the reading (src/reader/overlay.tsx prepareReader): when, and how often.
const prepared = vi.hoisted(() => ({ count: 0, inIdle: 0, idleNow: false }));
vi.mock('../../src/reader/overlay', async (original) => {
  const mod = await original<typeof import('../../src/reader/overlay')>();
  return {
    ...mod,
    prepareReader: (doc: Document) => {
      prepared.count++;
      if (prepared.idleNow) prepared.inIdle++;
      mod.prepareReader(doc);
    },
  };
});

const { createController } = await import('../../src/content/controller');
const { extract } = await import('../../src/core/extract');

const ARTICLE = fixtureText('rendered/picsum-placeholder-cover.html');
const OTHER = fixtureText('rendered/yystv-lazy-original.html');

let lifetime: { abort(): void; signal: AbortSignal } | null = null;
afterEach(() => {
  lifetime?.abort();
  vi.unstubAllGlobals();
  readings.count = 0;
  Object.assign(prepared, { count: 0, inIdle: 0, idleNow: false });
});

/** The page, its controller started; `idle`: the page has requestIdleCallback, whose callbacks run only when the
 *  test says (`runIdle`). */
function open(html: string, { idle = false, autoClean = true } = {}) {
  const dom = new JSDOM(html, { url: 'https://news.zfe.space/p/101.html', pretendToBeVisual: true });
  const doc = dom.window.document;
  for (const name of [
    'MutationObserver',
    'Event',
    'Node',
    'Element',
    'HTMLImageElement',
    'HTMLVideoElement',
    'AbortController',
    'AbortSignal',
    'addEventListener',
    'removeEventListener',
  ] as const) {
    const value: unknown = dom.window[name];
    vi.stubGlobal(name, name.endsWith('EventListener') ? (value as (...a: unknown[]) => unknown).bind(dom.window) : value);
  }
  const waiting = new Map<number, () => void>();
  let next = 1;
  if (idle) {
    Object.assign(dom.window, {
      requestIdleCallback: (cb: () => void) => {
        waiting.set(next, cb);
        return next++;
      },
      cancelIdleCallback: (id: number) => waiting.delete(id),
    });
  }
  const runIdle = () => {
    const due = [...waiting.values()];
    waiting.clear();
    prepared.idleNow = true;
    for (const cb of due) cb();
    // The idle task ends after its microtasks (what an awaited idle callback resumes), before the next task.
    setTimeout(() => (prepared.idleNow = false), 0);
    return due.length;
  };
  const c = createController(doc, dom.window as unknown as Window);
  lifetime = new dom.window.AbortController();
  c.start({ autoClean, sites: {} }, lifetime.signal);
  const mode = () => doc.documentElement.getAttribute('data-proxied-news-reader');
  const state = () => c.handle({ type: 'pnr:get-state' }) as Promise<PageState>;
  return { dom, doc, c, mode, state, runIdle, waiting };
}

async function until(check: () => boolean, ms = 8000): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: ms, interval: 10 });
}

/** The article as the core reads it from the page as served (what every answer must equal). */
function expected(html: string) {
  const dom = new JSDOM(html, { url: 'https://news.zfe.space/p/101.html' });
  return extract(dom.window.document, { win: dom.window as unknown as Window, markdown: false });
}

// First in the file: a reading left under way by an earlier test (its controller stopped) may still load the
// reader's module and come to its own preparation meanwhile.
describe('the reader prepared after the reading', () => {
  it(
    'then prepares the reader (its first date format, its stylesheet) once, in an idle period of its own',
    { timeout: 90_000 },
    async () => {
      const { mode, runIdle, waiting } = open(ARTICLE, { idle: true });
      await until(() => mode() === 'cleaned');
      // The reader's module loads (slowly, the first time, in vitest: 20 s were seen not to be enough on a loaded
      // machine) between the reading and the preparation.
      const end = Date.now() + 75_000;
      while (prepared.count === 0 && Date.now() < end) {
        if (waiting.size > 0) runIdle();
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(readings.count).toBe(1);
      expect(prepared).toMatchObject({ count: 1, inIdle: 1 });
      await new Promise((r) => setTimeout(r, 50));
      expect(waiting.size).toBe(0);
      expect(prepared.count).toBe(1);
    },
  );

  it('a page that ends while the preparation waits for idle time is not prepared', { timeout: 90_000 }, async () => {
    const { mode, runIdle, waiting } = open(ARTICLE, { idle: true });
    await until(() => mode() === 'cleaned');
    // Idle periods until the reading is done and the reader's module loaded: the preparation then waits for one more.
    const end = Date.now() + 75_000;
    let overlay = false;
    void import('../../src/reader/overlay').then(() => (overlay = true));
    while (!(readings.count === 1 && overlay && waiting.size > 0) && Date.now() < end) {
      if (waiting.size > 0 && !(readings.count === 1 && overlay)) runIdle();
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(waiting.size).toBeGreaterThan(0);
    expect(prepared.count).toBe(0);
    lifetime!.abort();
    runIdle();
    await new Promise((r) => setTimeout(r, 50));
    expect(prepared.count).toBe(0);
  });
});

describe('the article, read ahead and once', () => {
  it('is read after cleaning with no request, and every request after gets that reading', async () => {
    const { mode, state } = open(ARTICLE);
    await until(() => mode() === 'cleaned');
    await until(() => readings.count === 1);
    const first = await state();
    const second = await state();
    expect(readings.count).toBe(1);
    expect(first.article).toEqual(expected(ARTICLE));
    expect(second.article).toEqual(first.article);
  });

  it('waits for idle time, and a request that comes first hurries it (no second reading)', async () => {
    const { mode, state, waiting } = open(ARTICLE, { idle: true });
    await until(() => mode() === 'cleaned');
    // The reading has begun and waits for the page to be idle, which it never is here.
    await until(() => waiting.size > 0);
    expect(readings.count).toBeLessThanOrEqual(1);
    const answer = await state();
    expect(readings.count).toBe(1);
    expect(answer.article?.title).toBe(expected(ARTICLE).title);
    expect(waiting.size).toBe(0);
  });

  it('goes on in idle time only, a slice per idle callback, until it is done', async () => {
    const { mode, runIdle, waiting } = open(ARTICLE, { idle: true });
    await until(() => mode() === 'cleaned');
    await until(() => waiting.size > 0);
    let slices = 0;
    // Each idle callback lets one slice run; the reading then asks for the next idle period, or is done.
    for (let i = 0; i < 200 && waiting.size > 0; i++) {
      slices += runIdle();
      await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(slices).toBeGreaterThan(0);
    expect(waiting.size).toBe(0);
    expect(readings.count).toBe(1);
  });

  it('a page that is not cleaned (auto-clean off) is read afresh at each request: it may have changed', async () => {
    const { doc, state } = open(ARTICLE, { autoClean: false });
    const before = await state();
    expect(readings.count).toBe(1);
    const marker = 'A line the page added after the first request';
    // 101's body is one <div> right after the metadata block.
    doc.querySelector('article#post > #top')!.nextElementSibling!.insertAdjacentHTML('beforeend', `<p>${marker}</p>`);
    const after = await state();
    expect(readings.count).toBe(2);
    expect(before.article?.text).not.toContain(marker);
    expect(after.article?.text).toContain(marker);
  });

  it('after a pjax swap to another article, the new article is read, not the old one given again', async () => {
    const { doc, dom, mode, state } = open(ARTICLE);
    await until(() => mode() === 'cleaned');
    await until(() => readings.count === 1);
    const before = await state();
    const other = new JSDOM(OTHER).window.document;
    const container = doc.querySelector('#pjax-container')!;
    container.innerHTML = other.querySelector('#pjax-container')!.innerHTML;
    doc.dispatchEvent(new dom.window.Event('pjax:complete'));
    await until(() => readings.count === 2);
    const after = await state();
    expect(readings.count).toBe(2);
    expect(after.article?.title).not.toBe(before.article?.title);
    expect(after.article?.title).toBe(
      extract(other, { win: new JSDOM('').window as unknown as Window, markdown: false, url: doc.URL, trustHead: false }).title,
    );
  });

  it('a long article reaches the popup in parts: the first with the state, the others on request, joined they are the article', async () => {
    const { joinArticle } = await import('../../src/shared/article-parts');
    const page = buildPage({ title: 'Long', body: hugeBody(700 * 1024) });
    const { c, mode, state } = open(page);
    await until(() => mode() === 'cleaned', 30_000);
    const first = await state();
    expect(first.parts).toBeGreaterThanOrEqual(3);
    const parts = [{ html: first.article!.html, text: first.article!.text }];
    for (let part = 1; part < first.parts!; part++)
      parts.push((await c.handle({ type: 'pnr:get-article-part', part })) as (typeof parts)[0]);
    expect(await c.handle({ type: 'pnr:get-article-part', part: first.parts! })).toBeNull();
    // The same article as the core reads in one go, but for where its groups meet (the content script reads in
    // smaller groups).
    const { htmlBreaks, ...whole } = joinArticle(first.article!, parts);
    const { htmlBreaks: wholeBreaks, ...reference } = expected(page);
    expect(whole).toEqual(reference);
    expect(htmlBreaks!.length).toBeGreaterThan(wholeBreaks!.length);
    expect(readings.count).toBe(1);
  }, 60_000);
});

describe('the copy of the page kept before cleaning', () => {
  /** The page opened with its deep copies counted (the copy in slices makes none). */
  function counted(html: string, pageScript?: (doc: Document) => void) {
    const page = open(html);
    const original = page.doc.cloneNode.bind(page.doc);
    let deep = 0;
    page.doc.cloneNode = (d?: boolean) => {
      if (d) deep++;
      return original(d);
    };
    pageScript?.(page.doc);
    return { ...page, deep: () => deep };
  }

  it('is made in slices, and the article read from it is the page as served', async () => {
    const { mode, state, deep } = counted(ARTICLE);
    await until(() => mode() === 'cleaned');
    expect((await state()).article).toEqual(expected(ARTICLE));
    expect(deep()).toBe(0);
  });

  it('is made again in one piece when the page adds or moves nodes while it is copied', async () => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const { mode, state, deep, doc } = counted(ARTICLE, (d) => {
      // A page script at work between the slices (a comment widget arriving, say).
      timer = setInterval(() => d.body.append(d.createComment('tick')), 0);
    });
    try {
      await until(() => mode() === 'cleaned');
    } finally {
      clearInterval(timer);
    }
    expect(deep()).toBe(1);
    for (const c of Array.from(doc.body.childNodes)) if (c.nodeType === 8 && c.nodeValue === 'tick') c.remove();
    expect((await state()).article).toEqual(expected(ARTICLE));
  });
});
