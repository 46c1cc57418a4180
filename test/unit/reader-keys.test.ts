// @vitest-environment jsdom
// The reader's keyboard and outline panel, end to end in jsdom (overlay, Reader, hooks): keys open their panels
// and move the focus into them, Esc closes the top-most panel (focus back where the key was pressed) and then the
// reader, typing and modified keys are left alone, j/k move the focus paragraph by paragraph, the outline jumps,
// and nothing is bound once the reader is closed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../src/core/types';

vi.mock('webextension-polyfill', async () => {
  const { uiBrowserStub } = await import('../helpers/ui-browser-stub');
  return { default: uiBrowserStub('en') };
});

const { openReader, READER_TAG } = await import('../../src/reader/overlay');
const rs = await import('../../src/settings/reader-settings');
const { READER_KEYS } = await import('../../src/reader/keymap');
type ReaderHandle = import('../../src/reader/overlay').ReaderHandle;

const SECTIONED = '<p>导语说明。</p><h2>一、背景</h2><p>背景一段。</p><h3>1. 细节</h3><p>细节一段。</p><h2>二、经过</h2><p>经过一段。</p>';

function article(html = SECTIONED): Article {
  return {
    kind: 'article',
    url: 'https://news.zfe.space/p/keys.html',
    theme: 'volantis',
    title: '键盘与目录',
    categories: [],
    feed: 'IT之家',
    published: null,
    cover: null,
    images: [],
    videos: [],
    topics: [],
    links: [],
    html,
    markdown: '',
    text: '导语说明。 背景一段。 细节一段。 经过一段。',
    counts: { chars: 20, cjk: 20, words: 0, readingMinutes: 1 },
    origin: null,
    unescaped: false,
    notes: [],
  } as unknown as Article;
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await tick(5);
}

/** Polls until `check` passes (Preact runs effects after the next frame: up to 100 ms in jsdom). */
async function waitFor(check: () => void, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await tick(10);
    }
  }
}

let handle: ReaderHandle | null = null;
function open(a = article()): ShadowRoot {
  handle = openReader(a, document, {
    settings: { ...rs.DEFAULT_READER_SETTINGS },
    env: { speech: null, positions: null, reducedMotion: true },
  });
  return handle.host.shadowRoot!;
}

/** A key pressed where the focus is (or on `target`); says whether the reader took it (default prevented). */
function key(root: ShadowRoot, k: string, init: KeyboardEventInit = {}, target?: Element | null): boolean {
  const at = target ?? root.activeElement ?? root.querySelector('.pnr-scroller')!;
  const event = new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true, ...init });
  at.dispatchEvent(event);
  return event.defaultPrevented;
}

const escape = () => document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
const panelOpen = (root: ShadowRoot) => root.querySelector('[aria-expanded=true]')?.getAttribute('data-panel') ?? null;
const status = (root: ShadowRoot) => root.querySelector('[data-testid=reader-status]')?.textContent ?? '';

beforeEach(() => {
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '<main><p id="page">page</p></main>'; // test page setup
});

afterEach(() => {
  vi.restoreAllMocks();
  handle?.close();
  handle = null;
  for (const el of Array.from(document.querySelectorAll(READER_TAG))) el.remove();
});

describe('panels by key, Esc in order', () => {
  it('o opens the outline with the focus in it; Esc closes it (focus back), then the reader', async () => {
    const root = open();
    await settle();
    const scroller = root.querySelector<HTMLElement>('.pnr-scroller')!;
    expect(root.activeElement).toBe(scroller);
    expect(key(root, 'o')).toBe(true);
    await settle();
    expect(panelOpen(root)).toBe('outline');
    const outline = root.querySelector('[data-testid=outline]')!;
    // Nested by level: 1. 细节 (h3) under 一、背景 (h2).
    const items = Array.from(outline.firstElementChild!.children);
    expect(items.map((li) => li.firstElementChild!.textContent)).toEqual(['一、背景', '二、经过']);
    expect(items[0]!.lastElementChild!.querySelector('button')?.textContent).toBe('1. 细节');
    await waitFor(() => expect(outline.contains(root.activeElement)).toBe(true));

    escape();
    await settle();
    expect(panelOpen(root)).toBeNull();
    expect(root.activeElement).toBe(scroller);
    expect(handle!.host.isConnected).toBe(true);
    escape();
    expect(handle!.host.isConnected).toBe(false);
    handle = null;
  });

  it('? lists every key of the map; o while it is open switches to the outline; Esc, Esc closes all', async () => {
    const root = open();
    await settle();
    expect(key(root, '?', { shiftKey: true })).toBe(true);
    await settle();
    const list = root.querySelector<HTMLElement>('[data-testid=keys-list]')!;
    await waitFor(() => expect(root.activeElement).toBe(list));
    for (const binding of READER_KEYS) {
      const row = list.querySelector(`[data-keys-action=${binding.action}]`)!;
      expect(Array.from(row.querySelectorAll('kbd')).map((k) => k.textContent)).toContain(
        binding.key.replace('ArrowDown', '↓').replace('ArrowUp', '↑'),
      );
      expect(row.querySelector('dd')!.textContent).not.toBe('');
    }
    expect(list.querySelector('[data-keys-action=close] kbd')?.textContent).toBe('Esc');
    // Read aloud's ←/→ are listed too, though its own hook handles them.
    expect(Array.from(list.querySelectorAll('[data-keys-action=skip] kbd'), (k) => k.textContent)).toEqual(['←', '→']);
    key(root, 'o');
    await settle();
    expect(panelOpen(root)).toBe('outline');
    escape();
    await settle();
    expect(panelOpen(root)).toBeNull();
    escape();
    expect(handle!.host.isConnected).toBe(false);
    handle = null;
  });

  it('a opens Appearance with the focus on its first control; a again closes it, the focus back', async () => {
    const root = open();
    await settle();
    key(root, 'a');
    await settle();
    expect(panelOpen(root)).toBe('appearance');
    const panel = root.querySelector('#pnr-panel-appearance')!;
    await waitFor(() => expect(panel.contains(root.activeElement)).toBe(true));
    // The focus is on a radio button (the theme), which takes no text: `a` still reaches the reader.
    expect((root.activeElement as HTMLInputElement).type).toBe('radio');
    key(root, 'a');
    await settle();
    expect(panelOpen(root)).toBeNull();
    expect(root.activeElement).toBe(root.querySelector('.pnr-scroller'));
  });

  it('l without speech, o without headings: nothing opens, the status line says why; the Outline button is off with the reason', async () => {
    const root = open(article('<p>只有一段。</p><p><strong>加粗</strong>但不是标题。</p>'));
    await settle();
    key(root, 'l');
    await settle();
    expect(panelOpen(root)).toBeNull();
    expect(status(root)).toBe('Speech is not available in this browser');
    key(root, 'o');
    await settle();
    expect(panelOpen(root)).toBeNull();
    expect(status(root)).toBe('No outline: this article has no headings');
    const button = root.querySelector<HTMLButtonElement>('[data-action=outline]')!;
    expect(button.disabled).toBe(true);
    expect(button.title).toBe('No outline: this article has no headings');
  });
});

describe('keys left alone', () => {
  it('typed into a field, or with Ctrl, Alt or Meta: not taken, nothing opens', async () => {
    const root = open();
    await settle();
    key(root, 'a');
    await settle();
    // The reader has no text field yet (read aloud's voice list will be a select): fields put into the open panel.
    const panel = root.querySelector('#pnr-panel-appearance')!;
    const fields = ['input', 'textarea', 'select'].map((tag) => panel.appendChild(document.createElement(tag)));
    for (const field of fields) {
      for (const k of ['o', 'j', '?', 'l']) expect(key(root, k, {}, field), `${k} in ${field.outerHTML.slice(0, 60)}`).toBe(false);
    }
    expect(panelOpen(root)).toBe('appearance');
    escape();
    await settle();
    for (const mods of [{ ctrlKey: true }, { altKey: true }, { metaKey: true }]) {
      for (const k of ['o', 'a', 'j', 'k']) expect(key(root, k, mods), `${k} ${JSON.stringify(mods)}`).toBe(false);
    }
    await settle();
    expect(panelOpen(root)).toBeNull();
  });

  it('keys typed in the reader do not reach the page; once it is closed, the page has them all and nothing is taken', async () => {
    const pageKeys = vi.fn();
    document.addEventListener('keydown', pageKeys);
    try {
      const root = open();
      await settle();
      for (const k of ['o', 'j', '?', 'x']) key(root, k);
      expect(pageKeys).not.toHaveBeenCalled();
      handle!.close();
      handle = null;
      const page = document.getElementById('page')!;
      for (const k of ['o', 'j', '?', 'a', 'l']) {
        const event = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
        page.dispatchEvent(event);
        expect(event.defaultPrevented).toBe(false);
      }
      expect(pageKeys).toHaveBeenCalledTimes(5);
      expect(document.querySelector(READER_TAG)).toBeNull();
    } finally {
      document.removeEventListener('keydown', pageKeys);
    }
  });
});

describe('moving the focus', () => {
  /** jsdom has no layout: each block of the article a 50 px line, 100 px apart, in a 1000 px view. */
  function layout(root: ShadowRoot): void {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const blocks = Array.from(root.querySelectorAll('#pnr-reader-title, [data-testid=reader-body] > *'));
      const i = blocks.indexOf(this);
      const top = i < 0 ? 0 : i * 100;
      const bottom = i < 0 ? 1000 : top + 50;
      return { top, bottom, left: 0, right: 800, width: 800, height: bottom - top, x: 0, y: top, toJSON: () => ({}) };
    });
  }

  it('j/k: paragraph by paragraph from the first in view, each focusable only while it has the focus', async () => {
    const root = open();
    await settle();
    layout(root);
    const focused = () => (root.activeElement as HTMLElement).textContent;
    expect(key(root, 'j')).toBe(true);
    expect(focused()).toBe('键盘与目录');
    key(root, 'j');
    expect(focused()).toBe('导语说明。');
    key(root, 'ArrowDown', { altKey: true });
    expect(focused()).toBe('一、背景');
    key(root, 'k');
    expect(focused()).toBe('导语说明。');
    const now = root.activeElement!;
    expect(now.getAttribute('tabindex')).toBe('-1');
    expect(now.hasAttribute('data-pnr-nav')).toBe(true);
    // Only the focused block is marked and focusable.
    expect(root.querySelectorAll('[data-pnr-nav], [data-testid=reader-body] [tabindex="-1"]').length).toBe(1);
    key(root, 'ArrowUp', { altKey: true });
    expect(now.hasAttribute('tabindex')).toBe(false);
    expect(now.hasAttribute('data-pnr-nav')).toBe(false);
    // At the ends it stays.
    key(root, 'k');
    expect(focused()).toBe('键盘与目录');
    for (let i = 0; i < 12; i++) key(root, 'j');
    expect(focused()).toBe('经过一段。');
  });

  it('an outline entry jumps there: the focus on the heading, the entry marked current', async () => {
    const root = open();
    await settle();
    root.querySelector<HTMLButtonElement>('[data-action=outline]')!.click();
    await settle();
    const entry = Array.from(root.querySelectorAll<HTMLButtonElement>('[data-testid=outline] button')).find(
      (b) => b.textContent === '二、经过',
    )!;
    entry.click();
    await settle();
    const heading = root.activeElement as HTMLElement;
    expect(heading.localName).toBe('h2');
    expect(heading.textContent).toBe('二、经过');
    expect(heading.getAttribute('tabindex')).toBe('-1');
    expect(entry.getAttribute('aria-current')).toBe('location');
    expect(root.querySelectorAll('[aria-current]').length).toBe(1);
    // Esc closes the outline and leaves the focus on the heading; j goes on from there.
    escape();
    await settle();
    expect(panelOpen(root)).toBeNull();
    expect(root.activeElement).toBe(heading);
    layout(root);
    key(root, 'j');
    expect(root.activeElement?.textContent).toBe('经过一段。');
    expect(heading.hasAttribute('tabindex')).toBe(false);
  });

  it('a panel opened by key from a paragraph j/k reached gives the focus back to that paragraph', async () => {
    const root = open();
    await settle();
    layout(root);
    key(root, 'j');
    key(root, 'j');
    const paragraph = root.activeElement as HTMLElement;
    expect(paragraph.textContent).toBe('导语说明。');
    key(root, '?');
    await waitFor(() => expect(root.activeElement).toBe(root.querySelector('[data-testid=keys-list]')));
    expect(paragraph.hasAttribute('tabindex')).toBe(false);
    escape();
    await settle();
    expect(root.activeElement).toBe(paragraph);
    expect(paragraph.hasAttribute('data-pnr-nav')).toBe(true);
    expect(handle!.host.isConnected).toBe(true);
  });
});
