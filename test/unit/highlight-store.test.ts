// Highlights in storage.local: per article, bounded (the oldest article dropped and named), and the options
// page's JSON file: validated whole, a bad file refused with a reason and nothing written.
import { describe, expect, it } from 'vitest';
import { buildHighlightsFile, parseHighlightsFile } from '../../src/core/highlights-file';
import type { ArticleHighlights, Highlight } from '../../src/core/highlights';
import { HighlightsFullError, HighlightStore, highlightsKey, itemBytes, type LocalAreaLike } from '../../src/reader/highlight-store';

class MemoryArea implements LocalAreaLike {
  data: Record<string, unknown> = {};
  writes = 0;
  get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    if (keys === null) return Promise.resolve(structuredClone(this.data));
    const list = typeof keys === 'string' ? [keys] : keys;
    return Promise.resolve(Object.fromEntries(list.filter((k) => k in this.data).map((k) => [k, structuredClone(this.data[k])])));
  }
  set(items: Record<string, unknown>): Promise<void> {
    this.writes++;
    Object.assign(this.data, structuredClone(items));
    return Promise.resolve();
  }
  remove(keys: string | string[]): Promise<void> {
    this.writes++;
    for (const k of typeof keys === 'string' ? [keys] : keys) delete this.data[k];
    return Promise.resolve();
  }
}

const h = (id: string, extra: Partial<Highlight> = {}): Highlight => ({
  id,
  quote: `quote ${id}`,
  prefix: 'before ',
  suffix: ' after',
  start: 10,
  color: 'yellow',
  note: '',
  created: 1,
  edited: 1,
  ...extra,
});

describe('HighlightStore', () => {
  it('keeps highlights per article under its address, and forgets an article with none left', async () => {
    const area = new MemoryArea();
    const store = new HighlightStore(area, () => 5);
    await store.put('https://a.example/1', 'One', [h('x')]);
    await store.put('https://a.example/2', 'Two', [h('y'), h('z')]);
    expect(await store.get('https://a.example/1')).toEqual([h('x')]);
    expect(Object.keys(area.data).sort()).toEqual([highlightsKey('https://a.example/1'), highlightsKey('https://a.example/2')]);
    await store.put('https://a.example/1', 'One', []);
    expect(await store.get('https://a.example/1')).toEqual([]);
    expect((await store.all()).map((a) => a.url)).toEqual(['https://a.example/2']);
  });

  it('drops the articles changed longest ago when the total passes the bound, and names them', async () => {
    const area = new MemoryArea();
    let now = 0;
    const one = itemBytes(highlightsKey('https://a.example/0'), { url: 'https://a.example/0', title: 'T0', updated: 0, items: [h('x')] });
    const store = new HighlightStore(area, () => ++now, one * 3 + 10);
    for (const i of [0, 1, 2]) await store.put(`https://a.example/${i}`, `T${i}`, [h('x')]);
    // Touch the first: the second is now the oldest.
    await store.put('https://a.example/0', 'T0', [h('x', { note: 'n' })]);
    const { dropped } = await store.put('https://a.example/3', 'T3', [h('x')]);
    expect(dropped).toEqual([{ url: 'https://a.example/1', title: 'T1' }]);
    expect((await store.all()).map((a) => a.url).sort()).toEqual(['https://a.example/0', 'https://a.example/2', 'https://a.example/3']);
    const total = Object.entries(area.data).reduce((n, [k, v]) => n + itemBytes(k, v), 0);
    expect(total).toBeLessThanOrEqual(one * 3 + 10);
  });

  it('refuses one article larger than the bound, and changes nothing', async () => {
    const area = new MemoryArea();
    const store = new HighlightStore(area, () => 1, 300);
    await store.put('https://a.example/1', '', [h('a')]);
    const before = structuredClone(area.data);
    await expect(store.put('https://a.example/2', '', [h('b', { note: 'x'.repeat(400) })])).rejects.toBeInstanceOf(HighlightsFullError);
    expect(area.data).toEqual(before);
  });

  it('reads past a damaged item', async () => {
    const area = new MemoryArea();
    area.data[highlightsKey('https://a.example/bad')] = { url: 'https://a.example/bad', items: 'no' };
    area.data.readingPositions = {};
    const store = new HighlightStore(area);
    expect(await store.get('https://a.example/bad')).toEqual([]);
    expect(await store.all()).toEqual([]);
  });

  it('merges an import by id, the later edit winning; over the bound nothing is written', async () => {
    const area = new MemoryArea();
    const store = new HighlightStore(area, () => 1);
    await store.put('https://a.example/1', 'One', [h('x', { note: 'old', edited: 1 }), h('y')]);
    const result = await store.merge([
      { url: 'https://a.example/1', title: 'One', updated: 9, items: [h('x', { note: 'new', edited: 5 }), h('y'), h('z')] },
      { url: 'https://a.example/2', title: 'Two', updated: 9, items: [h('w')] },
    ]);
    expect(result).toEqual({ articles: 2, highlights: 3 });
    expect((await store.get('https://a.example/1')).map((x) => [x.id, x.note])).toEqual([
      ['x', 'new'],
      ['y', ''],
      ['z', ''],
    ]);
    const small = new HighlightStore(area, () => 1, 600);
    const before = structuredClone(area.data);
    await expect(small.merge([{ url: 'https://a.example/3', title: '', updated: 1, items: [h('q')] }])).rejects.toBeInstanceOf(
      HighlightsFullError,
    );
    expect(area.data).toEqual(before);
  });
});

describe('highlights file', () => {
  const articles: ArticleHighlights[] = [
    { url: 'https://a.example/1', title: '标题', updated: 3, items: [h('x', { note: '<img src=x onerror=alert(1)>' })] },
  ];

  it('round-trips', () => {
    const file = buildHighlightsFile(articles, new Date(0));
    expect(file.name).toBe('proxied-news-highlights.json');
    expect(parseHighlightsFile(file.content)).toEqual({ ok: true, articles });
  });

  it.each([
    ['not JSON', '{"app": ', { code: 'notJson' }],
    ['another app', JSON.stringify({ app: 'other', kind: 'highlights', version: 1, articles: [] }), { code: 'notOurs' }],
    ['the settings file', JSON.stringify({ app: 'proxied-news-reader', schemaVersion: 2 }), { code: 'notOurs' }],
    [
      'a newer version',
      JSON.stringify({ app: 'proxied-news-reader', kind: 'highlights', version: 9, articles: [] }),
      { code: 'newer', version: 9 },
    ],
    ['a bad colour', null, { code: 'invalid', field: 'articles[0].items[0].color' }],
    ['a script address', null, { code: 'invalid', field: 'articles[0].url' }],
    ['a repeated id', null, { code: 'invalid', field: 'articles[0].items[1].id' }],
    ['a huge file', 'x'.repeat(8 * 1024 * 1024 + 1), { code: 'tooLarge' }],
  ])('refuses %s with the reason', (name, text, error) => {
    const base = JSON.parse(buildHighlightsFile(articles).content) as {
      articles: Array<Record<string, unknown> & { items: Array<Record<string, unknown>> }>;
    };
    if (name === 'a bad colour') base.articles[0]!.items[0]!.color = 'red';
    if (name === 'a script address') base.articles[0]!.url = 'javascript:alert(1)';
    if (name === 'a repeated id') base.articles[0]!.items.push(base.articles[0]!.items[0]!);
    expect(parseHighlightsFile(text ?? JSON.stringify(base))).toEqual({ ok: false, error });
  });
});
