// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://news.zfe.space/p/101.html", "pretendToBeVisual": true}
// The content script around a page's life (issue 15): it notices when its extension is gone (Chrome keeps an old
// script running after an update, its APIs dead) and retires, closing an open reader; a new instance removes a
// reader an old one left (Firefox tears the old script down without a word); a controller started again after the
// back-forward cache keeps its reader and listens for failing pictures again. In jsdom.
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureText } from '../helpers/fixtures';

vi.mock('webextension-polyfill', async () => {
  const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
  return { default: uiBrowserStub('en') };
});

const { watchContext, CONTEXT_CHECK_MS } = await import('../../src/content/context');
const { releaseStrandedReaders, READER_TAG, PAGE_STYLE_ATTR, MODE_ATTR } = await import('../../src/shared/reader-host');
const { createController } = await import('../../src/content/controller');

const ARTICLE = fixtureText('rendered/picsum-placeholder-cover.html');

afterEach(() => {
  vi.useRealTimers();
});

describe('watchContext', () => {
  function page() {
    const dom = new JSDOM('<p>x</p>', { url: 'https://news.zfe.space/p/1.html' });
    return { dom, win: dom.window as unknown as Window };
  }

  it('calls onLost once, at the first check after the context is gone, and never while it lives', () => {
    vi.useFakeTimers();
    const { win } = page();
    let alive = true;
    const lost = vi.fn();
    const life = new (win as unknown as typeof globalThis).AbortController();
    watchContext(lost, life.signal, win, () => alive);
    vi.advanceTimersByTime(CONTEXT_CHECK_MS * 5);
    expect(lost).not.toHaveBeenCalled();
    alive = false;
    vi.advanceTimersByTime(CONTEXT_CHECK_MS);
    expect(lost).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(CONTEXT_CHECK_MS * 5);
    win.dispatchEvent(new (win as unknown as typeof globalThis).Event('keydown'));
    expect(lost).toHaveBeenCalledTimes(1);
    life.abort();
  });

  it('looks at once when the user presses a key, before the page or the reader acts on it', () => {
    vi.useFakeTimers();
    const { win } = page();
    let alive = true;
    const lost = vi.fn();
    const life = new (win as unknown as typeof globalThis).AbortController();
    watchContext(lost, life.signal, win, () => alive);
    alive = false;
    win.dispatchEvent(new (win as unknown as typeof globalThis).Event('keydown'));
    expect(lost).toHaveBeenCalledTimes(1);
    life.abort();
  });

  it('stops looking when its lifetime ends (the page went into the back-forward cache)', () => {
    vi.useFakeTimers();
    const { win } = page();
    const lost = vi.fn();
    const life = new (win as unknown as typeof globalThis).AbortController();
    watchContext(lost, life.signal, win, () => false);
    life.abort();
    vi.advanceTimersByTime(CONTEXT_CHECK_MS * 3);
    win.document.dispatchEvent(new (win as unknown as typeof globalThis).Event('visibilitychange'));
    expect(lost).not.toHaveBeenCalled();
  });
});

describe('releaseStrandedReaders', () => {
  it.each([
    ['a style attribute', 'color: red', 'color: red'],
    ['no style attribute', null, null],
  ])('removes the overlay and gives the root element back its style (%s)', (_label, before, after) => {
    const dom = new JSDOM('<p>page</p>');
    const doc = dom.window.document;
    const html = doc.documentElement;
    const host = doc.createElement(READER_TAG);
    host.setAttribute(PAGE_STYLE_ATTR, JSON.stringify(before));
    html.append(host);
    html.setAttribute('style', `${before ? `${before}; ` : ''}overflow: hidden !important;`);
    html.setAttribute(MODE_ATTR, 'reader');
    expect(releaseStrandedReaders(doc)).toBe(1);
    expect(doc.getElementsByTagName(READER_TAG)).toHaveLength(0);
    expect(html.getAttribute('style')).toBe(after);
    expect(html.hasAttribute(MODE_ATTR)).toBe(false);
  });

  it('leaves a page without a stranded reader exactly as it is', () => {
    const dom = new JSDOM('<html style="overflow: hidden" data-proxied-news-reader="cleaned"><body><p>page</p></body></html>');
    const before = dom.serialize();
    expect(releaseStrandedReaders(dom.window.document)).toBe(0);
    expect(dom.serialize()).toBe(before);
  });

  it('does not guess a style it cannot read', () => {
    const dom = new JSDOM('<p>page</p>');
    const doc = dom.window.document;
    const host = doc.createElement(READER_TAG);
    host.setAttribute(PAGE_STYLE_ATTR, '{not json');
    doc.documentElement.append(host);
    doc.documentElement.setAttribute('style', 'margin: 0');
    expect(releaseStrandedReaders(doc)).toBe(1);
    expect(doc.documentElement.getAttribute('style')).toBe('margin: 0');
  });
});

describe('the controller at the end of its extension and after the back-forward cache', () => {
  /** The fixture as the test environment's own document (the reader renders into the global document). */
  function open() {
    const parsed = new DOMParser().parseFromString(ARTICLE, 'text/html');
    document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
    const doc = document;
    const c = createController(doc, window);
    const mode = () => doc.documentElement.getAttribute(MODE_ATTR);
    return { doc, c, mode };
  }
  const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 8000, interval: 10 });

  it('retire closes an open reader and gives the page back as cleaned; nothing is cleaned after', async () => {
    const { doc, c, mode } = open();
    const life = new AbortController();
    c.start({ autoClean: true, sites: {} }, life.signal);
    await until(() => mode() === 'cleaned');
    const styleBefore = doc.documentElement.getAttribute('style');
    expect(await c.handle({ type: 'pnr:set-reader', on: true })).toEqual({ reader: true });
    expect(doc.getElementsByTagName(READER_TAG)).toHaveLength(1);
    life.abort();
    c.retire();
    expect(doc.getElementsByTagName(READER_TAG)).toHaveLength(0);
    expect(mode()).toBe('cleaned');
    expect(doc.documentElement.getAttribute('style')).toBe(styleBefore);
  });

  it('started again after the back-forward cache: the same reader stays open, nothing is cleaned again', async () => {
    const { doc, c, mode } = open();
    const first = new AbortController();
    c.start({ autoClean: true, sites: {} }, first.signal);
    await until(() => mode() === 'cleaned');
    await c.handle({ type: 'pnr:set-reader', on: true });
    const host = doc.getElementsByTagName(READER_TAG)[0];
    const article = doc.querySelector('article');
    const edits: MutationRecord[] = [];
    const watch = new MutationObserver((records) => edits.push(...records));
    watch.observe(article!, { subtree: true, childList: true, attributes: true });
    first.abort(); // pagehide
    const second = new AbortController();
    c.start({ autoClean: true, sites: {} }, second.signal); // pageshow, persisted
    await new Promise((r) => setTimeout(r, 50));
    edits.push(...watch.takeRecords());
    expect(edits).toEqual([]);
    expect(mode()).toBe('reader');
    expect(doc.getElementsByTagName(READER_TAG)[0]).toBe(host);
    // One reader: the toggle closes it rather than opening a second one.
    expect(await c.handle({ type: 'pnr:toggle-reader' })).toEqual({ reader: false });
    expect(doc.getElementsByTagName(READER_TAG)).toHaveLength(0);
    expect(mode()).toBe('cleaned');
    second.abort();
  });
});
