// The content script's controller on a listing page of the family, in jsdom (the real-browser side is in
// test/browser/themes.test.ts): pictures restored through pjax swaps and late entries, and restored exactly when
// auto-clean is switched off. Each case is one the review of the listing path found broken.
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureText } from '../helpers/fixtures';

vi.mock('webextension-polyfill', async () => {
  const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
  return { default: uiBrowserStub('en') };
});

const { createController } = await import('../../src/content/controller');

const LISTING = fixtureText('listing/home.html');
const ARTICLE = fixtureText('rendered/picsum-placeholder-cover.html');
const CONTAINER = '#pjax-container';
const proxied = (id: string) => `<img id="${id}" src="https://cors.zfour.workers.dev/?http://img.example.com/${id}.jpg">`;
const containerOf = (html: string) => new JSDOM(html).window.document.querySelector(CONTAINER)!.innerHTML;

let lifetime: { abort(): void; signal: AbortSignal } | null = null;
afterEach(() => {
  lifetime?.abort();
  vi.unstubAllGlobals();
});

function open(extra = '') {
  const dom = new JSDOM(LISTING, { url: 'https://news.zfe.space/', pretendToBeVisual: true });
  const doc = dom.window.document;
  // The content script's globals are the page's window's.
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
  doc.querySelector(CONTAINER)!.insertAdjacentHTML('afterbegin', extra);
  const c = createController(doc, dom.window as unknown as Window);
  lifetime = new dom.window.AbortController();
  c.start({ autoClean: true, sites: {} }, lifetime.signal);
  const mode = () => doc.documentElement.getAttribute('data-proxied-news-reader');
  const src = (id: string) => doc.getElementById(id)?.getAttribute('src');
  const swap = (html: string) => {
    doc.querySelector(CONTAINER)!.innerHTML = html;
    doc.dispatchEvent(new dom.window.Event('pjax:complete'));
  };
  return { doc, c, mode, src, swap };
}

async function until(check: () => boolean, ms = 8000): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: ms, interval: 25 });
}

describe('controller on a listing of the family', () => {
  it('restores the pictures, marks "images", and switching auto-clean off puts every picture back', async () => {
    const { c, mode, src, doc } = open(proxied('L1'));
    await until(() => mode() === 'images');
    expect(src('L1')).toBe('https://img.example.com/L1.jpg');
    // A late entry (infinite scroll, a widget) in the same container: restored through the same log.
    doc.querySelector(CONTAINER)!.insertAdjacentHTML('beforeend', proxied('L9'));
    await until(() => src('L9') === 'https://img.example.com/L9.jpg');
    c.start({ autoClean: false, sites: {} }, lifetime!.signal);
    await until(() => mode() === null);
    expect(src('L1')).toBe('https://cors.zfour.workers.dev/?http://img.example.com/L1.jpg');
    expect(src('L9')).toBe('https://cors.zfour.workers.dev/?http://img.example.com/L9.jpg');
  });

  it('listing → article → listing in the same container: the second listing is restored, not taken for the first', async () => {
    const { mode, src, swap } = open(proxied('L1'));
    await until(() => mode() === 'images');
    swap(containerOf(ARTICLE));
    await until(() => mode() === 'cleaned');
    swap(proxied('L2') + containerOf(LISTING));
    await until(() => mode() === 'images' && src('L2') === 'https://img.example.com/L2.jpg');
  });

  it('a swap while the first restoring is still under way still gets its pictures', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => proxied(`X${i}`)).join('');
    const { mode, src, swap } = open(proxied('L1') + many);
    // The first pass over 3,001 pictures, in slices, has begun and not ended.
    await until(() => src('X0') === 'https://img.example.com/X0.jpg', 15_000);
    expect(src('X2999')).toBe('https://cors.zfour.workers.dev/?http://img.example.com/X2999.jpg');
    swap(proxied('L2') + containerOf(LISTING));
    await until(() => mode() === 'images' && src('L2') === 'https://img.example.com/L2.jpg', 15_000);
  });
});
