// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { syncItemBytes } from '../../src/settings/quota';
import {
  MAX_ENTRIES,
  MAX_KEY_LENGTH,
  POSITIONS_KEY,
  PositionStore,
  firstVisibleParagraph,
  positionKey,
  restorePosition,
  scrollFraction,
  throttle,
} from '../../src/reader/reading-position';
import { fakeStorageArea } from '../helpers/ui-browser-stub';

const area = () => fakeStorageArea('local', () => undefined);

afterEach(() => {
  vi.useRealTimers();
});

describe('positionKey', () => {
  it('uses the canonical URL when the page declares one, without the fragment', () => {
    const doc = document.implementation.createHTMLDocument('');
    const link = doc.createElement('link');
    link.rel = 'canonical';
    link.href = 'https://news.zfe.space/p/86d3.html';
    doc.head.append(link);
    expect(positionKey('https://news.zfe.space/p/86d3.html?utm=x#comments', doc)).toBe('https://news.zfe.space/p/86d3.html');
  });

  it('falls back to the page URL without its fragment; ignores a non-http canonical', () => {
    const doc = document.implementation.createHTMLDocument('');
    const link = doc.createElement('link');
    link.rel = 'canonical';
    link.setAttribute('href', 'javascript:void(0)');
    doc.head.append(link);
    expect(positionKey('https://a.test/p/1.html#top', doc)).toBe('https://a.test/p/1.html');
    expect(positionKey('https://a.test/p/1.html')).toBe('https://a.test/p/1.html');
  });

  it('resolves a relative canonical against the page', () => {
    const doc = document.implementation.createHTMLDocument('');
    const link = doc.createElement('link');
    link.rel = 'canonical';
    link.setAttribute('href', '/p/2.html');
    doc.head.append(link);
    expect(positionKey('https://a.test/p/2.html?x=1', doc)).toBe('https://a.test/p/2.html');
  });
});

describe('PositionStore', () => {
  it('saves and reads back a position per article', async () => {
    const store = new PositionStore(area(), () => 1000);
    await store.save('https://a.test/1', { fraction: 0.4, paragraph: 7 });
    expect(await store.get('https://a.test/1')).toEqual({ fraction: 0.4, paragraph: 7, at: 1000 });
    expect(await store.get('https://a.test/2')).toBeNull();
  });

  it('keeps only the newest MAX_ENTRIES articles in one item', async () => {
    const storage = area();
    let now = 0;
    const store = new PositionStore(storage, () => ++now);
    for (let i = 0; i < MAX_ENTRIES + 5; i++) await store.save(`https://a.test/${i}`, { fraction: 0.5, paragraph: i });
    const stored = storage.data[POSITIONS_KEY] as Record<string, unknown>;
    expect(Object.keys(stored)).toHaveLength(MAX_ENTRIES);
    expect(await store.get('https://a.test/0')).toBeNull();
    expect(await store.get('https://a.test/4')).toBeNull();
    expect(await store.get('https://a.test/5')).not.toBeNull();
    // Saving again refreshes an old entry, so it survives the next trim.
    await store.save('https://a.test/5', { fraction: 0.6, paragraph: 1 });
    await store.save('https://a.test/new', { fraction: 0.1, paragraph: 1 });
    expect(await store.get('https://a.test/5')).not.toBeNull();
    expect(await store.get('https://a.test/6')).toBeNull();
  });

  // The bound in bytes: MAX_ENTRIES entries with the longest keys kept, measured as the browsers count an item.
  // Filled at module load so the figure is in the test's name.
  const worst = (() => {
    const storage = area();
    let now = 1_700_000_000_000;
    const store = new PositionStore(storage, () => ++now);
    const url = (i: number) => `https://news.zfe.space/p/${String(i).padStart(4, '0')}?`.padEnd(MAX_KEY_LENGTH, 'q');
    return { storage, store, url };
  })();
  it(`bounds its storage.local item: ${MAX_ENTRIES} entries of ${MAX_KEY_LENGTH}-character URLs take 421,817 bytes (≤ 512 KB); longer URLs are not kept`, async () => {
    const { storage, store, url } = worst;
    for (let i = 0; i < MAX_ENTRIES + 20; i++) {
      await store.save(url(i), { fraction: 0.123456789, paragraph: 123_456 + i });
    }
    await store.save(`${url(0)}-too-long`, { fraction: 0.5, paragraph: 1 });
    expect(await store.get(`${url(0)}-too-long`)).toBeNull();
    const stored = storage.data[POSITIONS_KEY] as Record<string, unknown>;
    expect(Object.keys(stored)).toHaveLength(MAX_ENTRIES);
    const bytes = syncItemBytes(POSITIONS_KEY, stored);
    // Recorded: 421,817 bytes, ~2,109 an entry (the 2,048-character key, quotes, and the position's ~58 bytes).
    expect(bytes).toBe(421_817);
    expect(bytes).toBeLessThanOrEqual(512 * 1024);
  });

  it('forgets an article read to the end', async () => {
    const store = new PositionStore(area());
    await store.save('k', { fraction: 0.5, paragraph: 3 });
    await store.save('k', { fraction: 1, paragraph: 30 });
    expect(await store.get('k')).toBeNull();
  });

  it('ignores malformed entries from storage and clamps what it saves', async () => {
    const storage = area();
    storage.data[POSITIONS_KEY] = {
      good: { fraction: 0.2, paragraph: 1, at: 5 },
      bad1: { fraction: 2, paragraph: 1, at: 5 },
      bad2: { fraction: 0.2, paragraph: -1, at: 5 },
      bad3: 'x',
    };
    const store = new PositionStore(storage, () => 9);
    expect(await store.get('good')).toEqual({ fraction: 0.2, paragraph: 1, at: 5 });
    expect(await store.get('bad1')).toBeNull();
    await store.save('c', { fraction: -3, paragraph: 2.7 });
    expect(await store.get('c')).toEqual({ fraction: 0, paragraph: 2, at: 9 });
    expect(Object.keys(storage.data[POSITIONS_KEY] as object).sort()).toEqual(['c', 'good']);
  });

  it('answers null when storage fails', async () => {
    const store = new PositionStore({ get: async () => Promise.reject(new Error('gone')), set: async () => undefined });
    expect(await store.get('x')).toBeNull();
  });
});

describe('throttle', () => {
  it('runs at most once per interval with the latest arguments, and flushes on demand', () => {
    vi.useFakeTimers();
    const calls: number[] = [];
    const t = throttle((n: number) => calls.push(n), 1000);
    t(1);
    t(2);
    t(3);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(calls).toEqual([3]);
    t(4);
    vi.advanceTimersByTime(500);
    expect(calls).toEqual([3]);
    t(5);
    t.flush();
    expect(calls).toEqual([3, 5]);
    t.flush();
    expect(calls).toEqual([3, 5]);
    t(6);
    t.cancel();
    vi.advanceTimersByTime(5000);
    expect(calls).toEqual([3, 5]);
  });
});

/** A scroller with fake layout: paragraphs 100px tall, stacked from y=0 of the content. */
function fakeLayout(count: number, viewport = 300) {
  const scroller = document.createElement('div');
  const paras = Array.from({ length: count }, () => document.createElement('p'));
  scroller.append(...paras);
  Object.defineProperty(scroller, 'scrollHeight', { value: count * 100 });
  Object.defineProperty(scroller, 'clientHeight', { value: viewport });
  scroller.getBoundingClientRect = () => ({ top: 0, bottom: viewport }) as DOMRect;
  paras.forEach((p, i) => {
    p.getBoundingClientRect = () => ({ top: i * 100 - scroller.scrollTop, bottom: (i + 1) * 100 - scroller.scrollTop }) as DOMRect;
  });
  return { scroller, paras };
}

describe('scroll position', () => {
  it('measures the fraction and the first paragraph in view', () => {
    const { scroller, paras } = fakeLayout(10);
    scroller.scrollTop = 350;
    expect(scrollFraction(scroller)).toBeCloseTo(0.5);
    expect(firstVisibleParagraph(scroller, paras)).toBe(3);
  });

  it('restores to the saved paragraph, else to the fraction', () => {
    const { scroller, paras } = fakeLayout(10);
    restorePosition(scroller, paras, { fraction: 0.1, paragraph: 6, at: 0 });
    expect(scroller.scrollTop).toBe(600 - 16);
    restorePosition(scroller, paras, { fraction: 0.5, paragraph: 0, at: 0 });
    expect(scroller.scrollTop).toBe(350);
    restorePosition(scroller, paras, { fraction: 0.25, paragraph: 99, at: 0 });
    expect(scroller.scrollTop).toBe(175);
  });
});
