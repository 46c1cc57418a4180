// @vitest-environment jsdom
// Highlights in the reader, end to end in jsdom: select → toolbar → mark; stored per article and drawn again on the
// next open; the panel lists, edits, deletes and jumps; 简/繁 keeps the marks; notes are shown as text only; copy
// and save carry them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Highlight } from '../../src/core/highlights';
import type { Article } from '../../src/core/types';

const stub = vi.hoisted(() => ({ current: null as null | ReturnType<typeof import('../helpers/ui-browser-stub').uiBrowserStub> }));
vi.mock('webextension-polyfill', async () => {
  const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
  stub.current = uiBrowserStub('en');
  return { default: stub.current };
});

const { openReader } = await import('../../src/reader/overlay');
const rs = await import('../../src/settings/reader-settings');
const { HighlightStore } = await import('../../src/reader/highlight-store');
type ReaderHandle = import('../../src/reader/overlay').ReaderHandle;
type ReaderEnv = import('../../src/reader/reader-env').ReaderEnv;

const URL = 'https://news.zfe.space/p/86d3.html';
const article = (): Article =>
  ({
    kind: 'article',
    url: URL,
    theme: 'volantis',
    title: '苹果发布会',
    categories: [],
    cover: null,
    images: [],
    videos: [],
    topics: [],
    links: [],
    html: '<p>苹果发布iPhone 16系列，售价5999元起。</p><p>The new model has a faster chip.</p>',
    text: '苹果发布iPhone 16系列，售价5999元起。 The new model has a faster chip.',
    counts: { chars: 40, cjk: 16, words: 7, readingMinutes: 1 },
    unescaped: false,
    notes: [],
  }) as unknown as Article;

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
async function waitFor(check: () => void | Promise<void>, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await tick(10);
    }
  }
}

let handle: ReaderHandle | null = null;
afterEach(() => {
  handle?.close();
  handle = null;
  selected = null;
});

/** What the user selected (jsdom's document selection cannot hold a range inside a shadow root). */
let selected: Range | null = null;

function open(env: Partial<ReaderEnv> = {}) {
  const store = new HighlightStore(stub.current!.storage.local);
  const copy = vi.fn(async (_p: { text: string; html?: string }) => 'ok');
  handle = openReader(article(), document, {
    settings: { ...rs.DEFAULT_READER_SETTINGS },
    env: { speech: null, positions: null, highlightStore: { store, key: URL }, copy, readSelection: () => selected, ...env },
  });
  const root = handle.host.shadowRoot!;
  return { root, store, copy, body: root.querySelector<HTMLElement>('[data-testid=reader-body]')! };
}

/** Selects `text` in the article body as a user would, and lets the pointer go. */
function select(body: HTMLElement, text: string, pointer = true): void {
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = (n as Text).data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(n, at);
    range.setEnd(n, at + text.length);
    selected = range;
    if (pointer) body.dispatchEvent(new Event('pointerup', { bubbles: true }));
    return;
  }
  throw new Error(`no ${text}`);
}

const stored = (h: Partial<Highlight>): Highlight => ({
  id: 'k1',
  quote: 'faster chip',
  prefix: 'The new model has a ',
  suffix: '.',
  start: 34,
  color: 'green',
  note: '',
  created: 1,
  edited: 1,
  ...h,
});

describe('reader highlights', () => {
  it('select → toolbar → a yellow mark, saved under the article address, and drawn again when the reader reopens', async () => {
    const { root, body, store } = open();
    select(body, 'faster chip');
    await waitFor(() => expect(root.querySelector('[data-testid=selection-toolbar]')).not.toBeNull());
    (root.querySelector('[data-action=highlight-yellow]') as HTMLElement).click();
    await waitFor(() => expect(body.querySelector('mark.pnr-hl')?.textContent).toBe('faster chip'));
    expect(body.querySelector('mark.pnr-hl')!.getAttribute('data-color')).toBe('yellow');
    await waitFor(async () => expect((await store.get(URL)).map((h) => h.quote)).toEqual(['faster chip']));
    await tick(20);
    expect((await store.get(URL)).map((h) => h.quote)).toEqual(['faster chip']);
    handle!.close();
    expect(document.body.innerHTML).not.toContain('pnr-hl');

    const again = open();
    await waitFor(() => expect(again.body.querySelector('mark.pnr-hl')?.textContent).toBe('faster chip'));
  });

  it('a note holding markup is shown as text in the panel; edit and delete work; delete forgets the article', async () => {
    const store = new HighlightStore(stub.current!.storage.local);
    const payload = '<img src=x onerror="top.__pwned=1"><b>bold</b>';
    await store.put(URL, 'x', [stored({ note: payload })]);
    const { root, body } = open();
    await waitFor(() => expect(body.querySelector('mark.pnr-hl[data-color=green]')).not.toBeNull());
    (root.querySelector('[data-action=highlights]') as HTMLElement).click();
    await waitFor(() => expect(root.querySelector('[data-testid=hl-note]')?.textContent).toBe(payload));
    expect(root.querySelector('[data-testid=panel-highlights] img, [data-testid=panel-highlights] b')).toBeNull();

    (root.querySelector('[data-action=hl-edit-note]') as HTMLElement).click();
    await waitFor(() => expect(root.activeElement?.localName).toBe('textarea'));
    const box = root.querySelector('textarea')!;
    box.value = 'a plain note';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    (root.querySelector('[data-action=hl-save-note]') as HTMLElement).click();
    await waitFor(() => expect(root.querySelector('[data-testid=hl-note]')?.textContent).toBe('a plain note'));
    await waitFor(async () => expect((await store.get(URL))[0]?.note).toBe('a plain note'));

    (root.querySelector('[data-action=hl-delete]') as HTMLElement).click();
    await waitFor(() => expect(body.querySelector('mark')).toBeNull());
    await waitFor(async () => expect(await store.all()).toEqual([]));
    expect(root.querySelector('[data-testid=hl-empty]')).not.toBeNull();
  });

  it('a selection made without a pointer (touch handles, caret browsing) gets the toolbar once it rests', async () => {
    const { root, body } = open();
    select(body, 'faster chip', false);
    document.dispatchEvent(new Event('selectionchange'));
    expect(root.querySelector('[data-testid=selection-toolbar]')).toBeNull();
    await waitFor(() => expect(root.querySelector('[data-testid=selection-toolbar]')).not.toBeNull());
    // Collapsed again: gone.
    selected = null;
    document.dispatchEvent(new Event('selectionchange'));
    await waitFor(() => expect(root.querySelector('[data-testid=selection-toolbar]')).toBeNull());
  });

  it('"Note" on the toolbar highlights and opens the note editor in the panel', async () => {
    const { root, body } = open();
    select(body, '售价5999元');
    await waitFor(() => expect(root.querySelector('[data-action=highlight-note]')).not.toBeNull());
    (root.querySelector('[data-action=highlight-note]') as HTMLElement).click();
    await waitFor(() => expect(root.activeElement?.localName).toBe('textarea'));
    expect(body.querySelector('mark')?.textContent).toBe('售价5999元');
  });

  it('jump moves focus to the highlight; a highlight not in the text is said to be missing', async () => {
    const store = new HighlightStore(stub.current!.storage.local);
    await store.put(URL, 'x', [stored({}), stored({ id: 'gone', quote: 'not in this article', start: 3 })]);
    const { root, body } = open();
    await waitFor(() => expect(body.querySelector('mark')).not.toBeNull());
    (root.querySelector('[data-action=highlights]') as HTMLElement).click();
    await waitFor(() => expect(root.querySelectorAll('[data-action=hl-jump]')).toHaveLength(2));
    const [first, second] = Array.from(root.querySelectorAll<HTMLButtonElement>('[data-action=hl-jump]'));
    expect(root.querySelector('[data-hl-id=gone]')!.textContent).toContain('Not found in the article as it is now.');
    expect(second!.disabled || first!.disabled).toBe(true);
    (first!.disabled ? second! : first!).click();
    expect(root.activeElement?.getAttribute('data-pnr-hl')).toBe('k1');
  });

  it('the marks stay through 简/繁 conversion and come back with the original text', async () => {
    const store = new HighlightStore(stub.current!.storage.local);
    await store.put(URL, 'x', [stored({ quote: '苹果发布', prefix: '', suffix: 'iPhone 16系列，售价5999元起。 The', start: 0 })]);
    const S2T: Record<string, string> = { 苹: '蘋', 发: '發' };
    const fake = { Converter: (o: { to: string }) => (s: string) => (o.to === 'cn' ? s : Array.from(s, (c) => S2T[c] ?? c).join('')) };
    const { root, body } = open({ importConverter: async () => fake });
    await waitFor(() => expect(body.querySelector('mark')?.textContent).toBe('苹果发布'));
    (root.querySelector('[data-action=convert]') as HTMLElement).click();
    await waitFor(() => expect(root.querySelector('input[value=traditional]')).not.toBeNull());
    root.querySelector<HTMLInputElement>('input[value=traditional]')!.click();
    await waitFor(() => expect(body.querySelector('mark')?.textContent).toBe('蘋果發布'));
    root.querySelector<HTMLInputElement>('input[value=original]')!.click();
    await waitFor(() => expect(body.querySelector('mark')?.textContent).toBe('苹果发布'));
  });

  it('copy as Markdown and "copy highlights only" carry the highlights', async () => {
    const store = new HighlightStore(stub.current!.storage.local);
    await store.put(URL, 'x', [stored({ note: 'my note' })]);
    const { root, body, copy } = open();
    await waitFor(() => expect(body.querySelector('mark')).not.toBeNull());
    (root.querySelector('[data-action=save]') as HTMLElement).click();
    await waitFor(() => expect(root.querySelector('[data-action=copy-markdown]')).not.toBeNull());
    (root.querySelector('[data-action=copy-markdown]') as HTMLElement).click();
    await waitFor(() => expect(copy).toHaveBeenCalledTimes(1));
    expect(copy.mock.calls[0]![0].text).toContain('The new model has a ==faster chip==.\n\n> my note');
    (root.querySelector('[data-action=highlights]') as HTMLElement).click();
    await waitFor(() => expect(root.querySelector('[data-action=hl-copy-only]')).not.toBeNull());
    (root.querySelector('[data-action=hl-copy-only]') as HTMLElement).click();
    await waitFor(() => expect(copy).toHaveBeenCalledTimes(2));
    expect(copy.mock.calls[1]![0].text).toBe(`# 苹果发布会\n\n[${URL}](${URL})\n\n> faster chip\n\nmy note\n`);
  });
});
