// @vitest-environment jsdom
// The options page's highlights section over the real store and a fake `browser`: export of every article's
// highlights to JSON, import added to what is stored, and a bad file refused with its reason and nothing changed.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Highlight } from '../../src/core/highlights';

const browserObj = vi.hoisted((): Record<string, unknown> => ({}));
vi.mock('webextension-polyfill', () => ({ default: browserObj }));

const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
const { Options } = await import('../../src/options/Options');
const { createBrowserOptionsApi } = await import('../../src/options/api');
const { HighlightStore, highlightsKey } = await import('../../src/reader/highlight-store');

let stub: ReturnType<typeof uiBrowserStub>;
const container = document.createElement('div');
document.body.append(container);

beforeEach(() => {
  for (const k of Object.keys(browserObj)) delete browserObj[k];
  stub = uiBrowserStub('en');
  Object.assign(browserObj, stub);
});
afterEach(() => {
  render(null, container);
  vi.restoreAllMocks();
});

async function flush(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 6; i++) await new Promise((r) => setTimeout(r, 0));
  });
}

async function mount(): Promise<HTMLElement> {
  await act(async () => render(h(Options, { api: createBrowserOptionsApi() }), container));
  await flush();
  return container;
}

async function choose(root: HTMLElement, content: string): Promise<void> {
  const input = root.querySelector<HTMLInputElement>('[data-testid=import-highlights-file]')!;
  Object.defineProperty(input, 'files', { value: [new File([content], 'h.json', { type: 'application/json' })], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
}

const hl = (id: string, note = ''): Highlight => ({
  id,
  quote: `quote ${id}`,
  prefix: '',
  suffix: '',
  start: 0,
  color: 'blue',
  note,
  created: 1,
  edited: 1,
});
const status = (root: HTMLElement) => root.querySelector('[data-testid=highlights-status]')!.textContent;

describe('options: highlights export and import', () => {
  it('exports every article to proxied-news-highlights.json', async () => {
    const store = new HighlightStore(stub.storage.local);
    await store.put('https://a.example/1', 'One', [hl('x', '<b>n</b>')]);
    await store.put('https://a.example/2', 'Two', [hl('y')]);
    const blobs: Blob[] = [];
    (URL as unknown as { createObjectURL(b: Blob): string }).createObjectURL = (b: Blob) => (blobs.push(b), 'blob:h');
    (URL as unknown as { revokeObjectURL(u: string): void }).revokeObjectURL = () => undefined;
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const root = await mount();
    await act(async () => root.querySelector<HTMLElement>('[data-action=export-highlights]')!.click());
    await flush();
    expect(names).toEqual(['proxied-news-highlights.json']);
    const data = JSON.parse(await blobs[0]!.text()) as { app: string; kind: string; articles: Array<{ url: string; items: Highlight[] }> };
    expect(data.kind).toBe('highlights');
    expect(data.articles.map((a) => a.url).sort()).toEqual(['https://a.example/1', 'https://a.example/2']);
    expect(status(root)).toBe('Saved proxied-news-highlights.json (2 articles).');
  });

  it('imports a file: added to what is stored', async () => {
    const store = new HighlightStore(stub.storage.local);
    await store.put('https://a.example/1', 'One', [hl('x')]);
    const root = await mount();
    const file = {
      app: 'proxied-news-reader',
      kind: 'highlights',
      version: 1,
      articles: [{ url: 'https://a.example/1', title: 'One', updated: 2, items: [hl('z', 'new')] }],
    };
    await choose(root, JSON.stringify(file));
    expect(status(root)).toBe('Imported 1 highlights on 1 articles.');
    expect((await store.get('https://a.example/1')).map((x) => x.id)).toEqual(['x', 'z']);
  });

  it.each([
    ['{"app": "proxied', 'That file is not a highlights file (it is not JSON). Nothing was changed.'],
    ['{"app": "proxied-news-reader", "schemaVersion": 2}', 'That file is not a Proxied News Reader highlights file. Nothing was changed.'],
    [
      JSON.stringify({
        app: 'proxied-news-reader',
        kind: 'highlights',
        version: 1,
        articles: [{ url: 'https://a.example/9', title: '', updated: 1, items: [{ ...hl('q'), color: 'red' }] }],
      }),
      'That highlights file has a value this version cannot use (articles[0].items[0].color). Nothing was changed.',
    ],
  ])('refuses a bad file, says why, and changes nothing: %s', async (content, message) => {
    const store = new HighlightStore(stub.storage.local);
    await store.put('https://a.example/1', 'One', [hl('x')]);
    const before = await stub.storage.local.get(null);
    const root = await mount();
    await choose(root, content);
    expect(status(root)).toBe(message);
    expect(root.querySelector('[data-testid=highlights-status]')!.getAttribute('role')).toBe('alert');
    expect(await stub.storage.local.get(null)).toEqual(before);
    expect(Object.keys(before)).toEqual([highlightsKey('https://a.example/1')]);
  });
});
